"""The desk's tools around the main flow, on SQLite: the scanner's watched folder, turn rows with
bad agencies, saved groups, the scan viewer, sender completion, Enter to the next field, undoing a
turn, and dropping files on a matter."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from oee_desk.domain.roles import Rol
from oee_desk.services import Servicios
from oee_desk.services.anexos import ContenidoAnexo
from oee_desk.ui.ajustes import Ajustes
from oee_desk.ui.dialogo_turnar import DialogoTurnar
from oee_desk.ui.pagina_correspondencia import PaginaCorrespondencia
from oee_desk.ui.tareas import Tareas
from oee_desk.ui.visor_anexos import VisorAnexos

from conftest import sesion_con_rol
from conftest_correspondencia import abrir_pagina, escribir, oficio, pdf, png  # noqa: F401

IZQ = Qt.MouseButton.LeftButton


@pytest.fixture
def servicios(bd_sqlite) -> Servicios:
    return Servicios.de(bd_sqlite)


@pytest.fixture
def recepcion(servicios):
    return sesion_con_rol(servicios.bd, Rol.RECEPCION)


def nombres_lista(lista) -> list[str]:
    return [lista.item(i).text() for i in range(lista.count())]


def test_escaner_vigila_la_carpeta_y_adjunta_al_asunto_elegido(qtbot, abrir_pagina, servicios, recepcion, tmp_path):
    carpeta = tmp_path / "escaner"
    carpeta.mkdir()
    (carpeta / "scan_0001.pdf").write_bytes(pdf("Escaneo", 1))
    (carpeta / "notas.txt").write_text("no es un anexo")
    ajustes = Ajustes(tmp_path / "ajustes.ini")
    ajustes.carpeta_escaner = str(carpeta)
    o = servicios.correspondencia.registrar(recepcion, oficio())
    pagina = abrir_pagina(PaginaCorrespondencia, servicios, recepcion, ajustes=ajustes)
    lista = pagina.escaner.lista
    assert nombres_lista(lista) == ["scan_0001.pdf"]

    (carpeta / "scan_0002.png").write_bytes(png())  # the scanner saves a new page
    qtbot.waitUntil(lambda: lista.count() == 2, timeout=5000)
    lista.setCurrentRow(nombres_lista(lista).index("scan_0001.pdf"))
    pregunta = pagina.escaner.preguntar_destino()
    assert pregunta.textValue() == o.numero_control  # the matter selected in the bandeja
    pregunta.accept()
    assert [a.nombre for a in servicios.anexos.de_oficio(recepcion, o.numero_control)] == ["scan_0001.pdf"]
    assert (carpeta / "adjuntados" / "scan_0001.pdf").is_file() and not (carpeta / "scan_0001.pdf").exists()
    assert nombres_lista(lista) == ["scan_0002.png"]

    # With a matter open, that is the one offered; a number that does not exist is told, not lost.
    asunto = pagina.abrir_numero(o.numero_control)
    lista.setCurrentRow(0)
    pregunta = pagina.escaner.preguntar_destino()
    assert pregunta.textValue() == o.numero_control
    pagina.escaner.adjuntar_a("03.01-999/99")
    assert (carpeta / "scan_0002.png").is_file()  # still waiting for its matter
    pagina.escaner.adjuntar_a(o.numero_control)
    assert [a.nombre for a in asunto.anexos.modelo.filas()] == ["scan_0001.pdf", "scan_0002.png"]
    assert lista.count() == 0


def test_los_escaneos_usados_al_registrar_salen_de_la_bandeja_del_escaner(qtbot, abrir_pagina, servicios, recepcion,
                                                                         tmp_path):
    carpeta = tmp_path / "escaner"
    carpeta.mkdir()
    (carpeta / "scan_0003.pdf").write_bytes(pdf())
    ajustes = Ajustes(tmp_path / "ajustes.ini")
    ajustes.carpeta_escaner = str(carpeta)
    pagina = abrir_pagina(PaginaCorrespondencia, servicios, recepcion, ajustes=ajustes)
    registro = pagina.registrar()
    registro.anexos.agregar([str(carpeta / "scan_0003.pdf")])  # as dropped from the scanner's list
    escribir(qtbot, registro.nombre, "Ing. Jesus Valenzuela")
    escribir(qtbot, registro.asunto, "Informe anual")
    qtbot.mouseClick(registro.boton_guardar, IZQ)
    assert registro.resultado.anexos[0]["nombre"] == "scan_0003.pdf"
    assert (carpeta / "adjuntados" / "scan_0003.pdf").is_file() and pagina.escaner.lista.count() == 0


def test_turnar_a_una_dependencia_desconocida_marca_su_fila_y_no_escribe(qtbot, servicios, recepcion):
    o = servicios.correspondencia.registrar(recepcion, oficio())
    dialogo = DialogoTurnar(servicios, recepcion, Tareas(sincrona=True), o.numero_control)
    qtbot.addWidget(dialogo)
    dialogo.show()
    escribir(qtbot, dialogo.filas[0].dependencia.lineEdit(), "SSP")
    dialogo.agregar_fila()
    escribir(qtbot, dialogo.filas[1].dependencia.lineEdit(), "Secretaria Inexistente")
    dialogo.agregar_fila()  # left empty: ignored
    qtbot.mouseClick(dialogo.boton_turnar, IZQ)
    assert dialogo.isVisible() and not dialogo.filas[0].error.isVisible()
    assert dialogo.filas[1].error.isVisible() and "no existe" in dialogo.filas[1].error.text()
    assert servicios.turnos.de_oficio(recepcion, o.numero_control) == []

    escribir(qtbot, dialogo.filas[1].dependencia.lineEdit(), "educacion")  # by name, without accents
    assert dialogo.filas[1].dependencia.completer().completionCount() >= 1
    dialogo.filas[1].dependencia.setCurrentIndex(dialogo.filas[1].dependencia.findData("SEC"))
    assert not dialogo.filas[1].error.isVisible()  # touching the row clears its complaint
    with qtbot.waitSignal(dialogo.turnado):
        qtbot.mouseClick(dialogo.boton_turnar, IZQ)
    assert sorted(t.dependencia for t in servicios.turnos.de_oficio(recepcion, o.numero_control)) == ["SEC", "SSP"]


def test_grupos_de_dependencias_se_guardan_y_se_cargan(qtbot, servicios, recepcion):
    o = servicios.correspondencia.registrar(recepcion, oficio())
    tareas = Tareas(sincrona=True)
    primero = DialogoTurnar(servicios, recepcion, tareas, o.numero_control)
    qtbot.addWidget(primero)
    primero.show()
    assert not primero.boton_cargar.isEnabled()  # no groups yet
    escribir(qtbot, primero.filas[0].dependencia.lineEdit(), "SSP")
    primero.agregar_fila({"dependencia": "SEGOB", "rol": "apoyo", "instruccion": "para_conocimiento",
                          "plazo_dias_habiles": 15})
    pregunta = primero.pedir_nombre_grupo()
    pregunta.setTextValue("Seguridad")
    pregunta.accept()
    assert primero.aviso.isVisible() and [g.nombre for g in servicios.grupos_turno.listar(recepcion)] == ["Seguridad"]

    segundo = DialogoTurnar(servicios, recepcion, tareas, o.numero_control)
    qtbot.addWidget(segundo)
    segundo.show()
    segundo.grupo.setCurrentIndex(0)
    qtbot.mouseClick(segundo.boton_cargar, IZQ)
    assert [f.valores()["dependencia"] for f in segundo.filas] == ["SSP", "SEGOB"]
    assert segundo.filas[1].rol.currentData() == "apoyo" and segundo.filas[1].plazo.value() == 15
    segundo.quitar_fila(segundo.filas[0])
    assert [f.valores()["dependencia"] for f in segundo.filas] == ["SEGOB"]


def test_visor_muestra_imagenes_y_pdf_con_zoom(qtbot):
    visor = VisorAnexos()
    qtbot.addWidget(visor)
    visor.resize(800, 600)
    visor.show()
    assert not visor.boton_acercar.isEnabled()
    visor.mostrar(ContenidoAnexo("foto.png", "image/png", png()))
    assert not visor.es_pdf() and not visor.imagen.pixmap().isNull()
    ancho = visor.imagen.pixmap().width()
    visor.acercar()
    assert visor.imagen.pixmap().width() > ancho
    visor.ajustar()
    assert visor.imagen.pixmap().width() == ancho

    visor.mostrar(ContenidoAnexo("oficio.pdf", "application/pdf", pdf(paginas=3)))
    qtbot.waitUntil(lambda: visor.paginas.text() == "3 páginas")
    antes = visor.factor()
    visor.alejar()
    assert visor.es_pdf() and visor.factor() < antes
    visor.mostrar(ContenidoAnexo("roto.png", "image/png", b"\x89PNG\r\n\x1a\nbasura"))
    assert visor.vacio.text() == "No se puede mostrar esta imagen."


def test_el_remitente_se_completa_con_los_anteriores_y_enter_avanza(qtbot, abrir_pagina, servicios, recepcion):
    servicios.correspondencia.registrar(recepcion, oficio(remitente={
        "nombre": "Dr. Ramón Cota Quiñónez", "cargo": "Rector", "institucion": "Universidad de Sonora"}))
    pagina = abrir_pagina(PaginaCorrespondencia, servicios, recepcion)
    registro = pagina.registrar()
    registro.activateWindow()
    qtbot.waitUntil(registro.isActiveWindow)
    registro.nombre.setFocus()
    qtbot.keyClicks(registro.nombre, "ramon cota")  # any order and case, no accents
    registro.completar.buscar()  # what the pause after typing does
    popup = registro.completar.completador.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "Dr. Ramón Cota Quiñónez · Rector · Universidad de Sonora"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert registro.nombre.text() == "Dr. Ramón Cota Quiñónez"
    assert (registro.cargo.text(), registro.institucion.text()) == ("Rector", "Universidad de Sonora")
    assert QApplication.focusWidget() is registro.numero_oficio  # straight to the next thing to type
    qtbot.keyClicks(registro.numero_oficio, "R/15/2025")
    qtbot.keyClick(registro.numero_oficio, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is registro.fecha_documento


def test_supervision_deshace_un_turno_con_motivo(qtbot, abrir_pagina, servicios, recepcion):
    supervisor = sesion_con_rol(servicios.bd, Rol.SUPERVISOR)
    o = servicios.correspondencia.registrar(recepcion, oficio())
    servicios.turnos.turnar(recepcion, o.numero_control, [
        {"dependencia": "SSP", "instruccion": "atencion_procedente", "plazo_dias_habiles": 5},
        {"dependencia": "SH", "instruccion": "atencion_procedente", "plazo_dias_habiles": 5}])
    asunto = abrir_pagina(PaginaCorrespondencia, servicios, supervisor).abrir_numero(o.numero_control)
    asunto.turnos.tabla.selectRow(asunto.turnos.modelo.buscar(lambda t: t.dependencia == "SH"))
    qtbot.mouseClick(asunto.turnos.boton_deshacer, IZQ)
    deshacer = asunto.turnos.dialogo
    qtbot.mouseClick(deshacer.boton_guardar, IZQ)
    assert deshacer.error("motivo").isVisible()
    escribir(qtbot, deshacer.editor("motivo"), "Turnado por error")
    qtbot.mouseClick(deshacer.boton_guardar, IZQ)
    assert [t.dependencia for t in asunto.turnos.modelo.filas()] == ["SSP"]


def test_soltar_archivos_en_la_pestana_anexos_los_adjunta(qtbot, abrir_pagina, servicios, recepcion, tmp_path):
    o = servicios.correspondencia.registrar(recepcion, oficio())
    archivo = tmp_path / "respuesta firmada.pdf"
    archivo.write_bytes(pdf())
    asunto = abrir_pagina(PaginaCorrespondencia, servicios, recepcion).abrir_numero(o.numero_control)
    asunto.pestanas.setCurrentWidget(asunto.anexos)
    datos = QMimeData()
    datos.setUrls([QUrl.fromLocalFile(str(archivo)), QUrl("https://ejemplo.mx/x.pdf")])
    soltar = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, datos, IZQ, Qt.KeyboardModifier.NoModifier)
    asunto.anexos.dropEvent(soltar)
    assert [a.nombre for a in asunto.anexos.modelo.filas()] == ["respuesta firmada.pdf"]
