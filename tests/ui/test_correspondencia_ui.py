"""The reception desk end to end through its screens, on both engines: register a matter typing
into the form, attach a real PDF, turn it to two agencies, record the acuse and the answer, see it
atendido in the bandeja and counted in the status report. Also: bad input, the duplicate warning,
annulment, what each role sees, the paged bandeja and opening a matter by its number.

Every page runs with `Tareas(sincrona=True)`: a click does its database work in place.
"""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDateTime, QModelIndex, QPoint, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QMessageBox

from oee_desk.services.bandeja import FiltroBandeja
from oee_desk.services.plazos import ServicioPlazos
from oee_desk.ui import documentos_pdf, lista_anexos, pagina_reportes
from oee_desk.ui.modelos_correspondencia import ModeloBandeja
from oee_desk.ui.pagina_correspondencia import PaginaCorrespondencia
from oee_desk.ui.pagina_reportes import PaginaReportes
from oee_desk.ui.tareas import Tareas

from conftest import CONTRASENA
from conftest_correspondencia import (  # noqa: F401
    abrir_pagina, escribir, impresos, oficio, pdf, recepcion, servicios, supervisor, textos,
)

IZQ = Qt.MouseButton.LeftButton
COL_ESTADO = 6


def clic(qtbot, boton) -> None:
    assert boton.isVisible() and boton.isEnabled(), boton.text()
    qtbot.mouseClick(boton, IZQ)


def consecutivo(fila) -> int:
    return int(fila.numero_control.split("-")[1].split("/")[0])


def elegir_turno(dialogo, siglas: str) -> None:
    fila = dialogo.turnos.modelo.buscar(lambda t: t.dependencia == siglas)
    assert fila >= 0
    dialogo.turnos.tabla.selectRow(fila)


# --- the main flow ----------------------------------------------------------------------------------
def test_registrar_adjuntar_turnar_responder_y_reportar(qtbot, abrir_pagina, servicios, recepcion, impresos,
                                                         monkeypatch, tmp_path):
    escaneo = tmp_path / "oficio escaneado.pdf"
    escaneo.write_bytes(pdf("CEA/DG/0457/2025", paginas=2))
    monkeypatch.setattr(lista_anexos, "pedir_archivos", lambda padre, carpeta: [str(escaneo)])
    pagina = abrir_pagina(PaginaCorrespondencia, servicios, recepcion)
    assert pagina.modelo.rowCount() == 0

    # Register, typing into the form.
    clic(qtbot, pagina.boton_registrar)
    registro = pagina.dialogo_registro
    assert registro.isVisible()
    assert registro.serie.currentData() == "03.01" and registro.destinatario.currentData() == "gobernador"
    # Folios of petitions, canalization letters and tours have series of their own, not offered here.
    assert [registro.serie.itemData(i) for i in range(registro.serie.count())] == ["03.01", "NJ"]
    escribir(qtbot, registro.nombre, "Ing. Jesus Valenzuela Ochoa")
    escribir(qtbot, registro.cargo, "Director General")
    escribir(qtbot, registro.institucion, "Comisión Estatal del Agua")
    escribir(qtbot, registro.numero_oficio, "CEA/DG/0457/2025")
    escribir(qtbot, registro.asunto, "Solicitud de apoyo para obras de agua potable en Bacum")
    registro.prioridad.setCurrentIndex(registro.prioridad.findData("urgente"))
    clic(qtbot, registro.anexos.boton_agregar)
    assert registro.anexos.rutas() == [str(escaneo)]
    clic(qtbot, registro.boton_guardar)

    # The control number, large, with what comes next.
    numero = registro.resultado.numero_control
    assert numero == f"03.01-1/{dt.date.today():%y}"
    assert registro.pila.currentWidget() is registro.panel and registro.panel.numero.isVisible()
    assert registro.panel.numero.text() == numero
    assert "30pt" in registro.panel.numero.styleSheet()
    clic(qtbot, registro.panel.boton_acuse)
    clic(qtbot, registro.panel.boton_etiqueta)
    assert len(impresos) == 2 and all(p.read_bytes().startswith(b"%PDF") for p in impresos)
    monkeypatch.setattr(documentos_pdf, "pedir_ruta_guardar", lambda *a: str(tmp_path / "acuse"))
    guardar_acuse = next(a for a in registro.panel.boton_pdf.menu().actions()
                         if a.data() and list(a.data()) == ["guardar", "acuse"])
    assert guardar_acuse.text() == "Guardar acuse de recibo como PDF…"
    guardar_acuse.trigger()
    assert (tmp_path / "acuse.pdf").read_bytes().startswith(b"%PDF")
    assert pagina.modelo.rowCount() == 1  # the bandeja already shows it

    # Turn it to two agencies at once.
    clic(qtbot, registro.panel.boton_turnar)
    turnar = pagina.dialogo_turnar
    assert turnar.isVisible() and not registro.isVisible()
    escribir(qtbot, turnar.filas[0].dependencia.lineEdit(), "SSP")
    clic(qtbot, turnar.boton_agregar)
    escribir(qtbot, turnar.filas[1].dependencia.lineEdit(), "SEGOB")
    turnar.filas[1].rol.setCurrentIndex(turnar.filas[1].rol.findData("apoyo"))
    turnar.filas[1].plazo.setValue(15)
    plazos = ServicioPlazos(servicios.bd)
    assert turnar.filas[0].vence.text() == f"{plazos.fecha_limite(recepcion, 10):%d/%m/%Y}"
    assert turnar.filas[1].vence.text() == f"{plazos.fecha_limite(recepcion, 15):%d/%m/%Y}"
    clic(qtbot, turnar.boton_turnar)

    # The matter opens with its turnos and its scan, shown inside the application.
    asunto = pagina.dialogo_oficio
    assert asunto.isVisible() and asunto.numero == numero
    assert sorted(t.dependencia for t in asunto.turnos.modelo.filas()) == ["SEGOB", "SSP"]
    assert asunto.marca_48.text() == "48 h: ✓"
    clic(qtbot, asunto.turnos.boton_volante)
    clic(qtbot, asunto.turnos.boton_oficio)
    assert [p.name.split("-")[0] for p in impresos[2:]] == ["Volante", "Oficio"]
    asunto.pestanas.setCurrentWidget(asunto.anexos)
    assert textos(asunto.anexos.modelo, 0) == ["oficio escaneado.pdf"]
    asunto.anexos.tabla.setFocus()
    asunto.anexos.tabla.selectRow(0)
    asunto.anexos.ver()
    visor = asunto.anexos.visor
    qtbot.waitUntil(lambda: visor.documento.status() == QPdfDocument.Status.Ready)
    assert visor.es_pdf() and visor.documento.pageCount() == 2 and visor.paginas.text() == "2 páginas"

    # The acuse, then the answer, of the responsible agency.
    asunto.pestanas.setCurrentWidget(asunto.turnos)
    elegir_turno(asunto, "SSP")
    clic(qtbot, asunto.turnos.boton_responder)
    respuesta = asunto.turnos.dialogo
    assert respuesta.tipo.currentData() == "acuse" and respuesta.dependencia.currentData() == "SSP"
    clic(qtbot, respuesta.boton_guardar)
    assert "En proceso" in asunto.luz.text()
    elegir_turno(asunto, "SSP")
    clic(qtbot, asunto.turnos.boton_responder)
    respuesta = asunto.turnos.dialogo
    assert respuesta.tipo.currentData() == "respuesta"  # the acuse is in: the answer comes next
    escribir(qtbot, respuesta.numero_oficio, "SSP/0981/2025")
    escribir(qtbot, respuesta.resumen, "Se programaron rondines en la zona.")
    clic(qtbot, respuesta.boton_guardar)
    assert "Atendido" in asunto.luz.text()
    estados = {t.dependencia: t.estatus for t in asunto.turnos.modelo.filas()}
    assert estados == {"SSP": "atendido", "SEGOB": "sin_atender"}
    asunto.close()

    # The bandeja row says atendido; the status report counts each agency.
    assert textos(pagina.modelo, COL_ESTADO) == ["Atendido"]
    assert textos(pagina.modelo, 8) == ["✓"]
    reportes = abrir_pagina(PaginaReportes, servicios, recepcion)
    clic(qtbot, reportes.boton_generar)
    filas = {f.codigo: f for f in reportes.modelo.filas()}
    assert (filas["SSP"].recibidos, filas["SSP"].atendidos, filas["SSP"].sin_atender) == (1, 1, 0)
    assert (filas["SEGOB"].recibidos, filas["SEGOB"].atendidos, filas["SEGOB"].sin_atender) == (1, 0, 1)
    assert reportes.cifra_48.text() == "100.0 %" and "1 de 1" in reportes.resumen.text()
    destinos = iter([str(tmp_path / "estatus.pdf"), str(tmp_path / "estatus")])
    monkeypatch.setattr(pagina_reportes, "pedir_ruta_guardar", lambda *a: next(destinos))
    clic(qtbot, reportes.boton_pdf)
    clic(qtbot, reportes.boton_xlsx)
    assert (tmp_path / "estatus.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "estatus.xlsx").read_bytes().startswith(b"PK")  # the extension is added


def _responder(qtbot, asunto, dependencia: str, tipo: str):
    """The answer dialog of `dependencia`'s turn, opened from the matter, with `tipo` chosen."""
    elegir_turno(asunto, dependencia)
    clic(qtbot, asunto.turnos.boton_responder)
    respuesta = asunto.turnos.dialogo
    respuesta.tipo.setCurrentIndex(respuesta.tipo.findData(tipo))
    return respuesta


def test_avance_con_porcentaje_y_cierre_sin_respuesta_desde_la_pantalla(qtbot, abrir_pagina, servicios, recepcion):
    o = servicios.correspondencia.registrar(recepcion, oficio())
    servicios.turnos.turnar(recepcion, o.numero_control, [
        {"dependencia": "SSP", "instruccion": "atencion_procedente", "plazo_dias_habiles": 10},
        {"dependencia": "SEGOB", "instruccion": "atencion_procedente", "plazo_dias_habiles": 10}])
    asunto = abrir_pagina(PaginaCorrespondencia, servicios, recepcion).abrir_numero(o.numero_control)

    respuesta = _responder(qtbot, asunto, "SSP", "avance")
    assert respuesta.avance.isVisible() and not respuesta.campos.editor("avance_pct").isHidden()
    respuesta.avance.setValue(60)
    escribir(qtbot, respuesta.resumen, "Rondines en la mitad de las colonias.")
    clic(qtbot, respuesta.boton_guardar)
    filas = {t.dependencia: t for t in asunto.turnos.modelo.filas()}
    assert (filas["SSP"].estatus, filas["SSP"].avance_pct) == ("en_proceso", 60)
    assert "En proceso" in asunto.luz.text()

    respuesta = _responder(qtbot, asunto, "SEGOB", "cierre")
    assert not respuesta.avance.isVisible() and not respuesta.numero_oficio.isVisible()
    escribir(qtbot, respuesta.resumen, "Lo atiende la SSP; no requiere respuesta de Gobierno.")
    clic(qtbot, respuesta.boton_guardar)
    filas = {t.dependencia: t for t in asunto.turnos.modelo.filas()}
    assert filas["SEGOB"].estatus == "no_requiere" and filas["SSP"].estatus == "en_proceso"
    assert "En proceso" in asunto.luz.text()  # SSP, responsible too, has not answered yet
    historia = servicios.turnos.de_oficio(recepcion, o.numero_control)
    assert {t.dependencia: t.estatus for t in historia} == {"SSP": "en_proceso", "SEGOB": "no_requiere"}


def test_la_respuesta_lleva_su_escaneo_y_se_ve_en_los_anexos(qtbot, abrir_pagina, servicios, recepcion, tmp_path):
    o = servicios.correspondencia.registrar(recepcion, oficio())
    servicios.turnos.turnar(recepcion, o.numero_control, [
        {"dependencia": "SSP", "instruccion": "atencion_procedente", "plazo_dias_habiles": 10}])
    asunto = abrir_pagina(PaginaCorrespondencia, servicios, recepcion).abrir_numero(o.numero_control)
    respuesta = _responder(qtbot, asunto, "SSP", "respuesta")
    escaneo = tmp_path / "respuesta SSP.pdf"
    escaneo.write_bytes(pdf("SSP/0981/2025", paginas=1))
    respuesta.anexos.agregar([str(escaneo)])
    escribir(qtbot, respuesta.numero_oficio, "SSP/0981/2025")
    escribir(qtbot, respuesta.resumen, "Se programaron rondines.")
    clic(qtbot, respuesta.boton_guardar)
    assert "Atendido" in asunto.luz.text()
    asunto.pestanas.setCurrentWidget(asunto.anexos)
    qtbot.waitUntil(lambda: asunto.anexos.modelo.rowCount() == 1)
    assert textos(asunto.anexos.modelo, 0) == ["respuesta SSP.pdf"]
    asunto.anexos.tabla.selectRow(0)
    asunto.anexos.ver()
    qtbot.waitUntil(lambda: asunto.anexos.visor.documento.status() == QPdfDocument.Status.Ready)
    assert asunto.anexos.visor.documento.pageCount() == 1


# --- bad input, duplicates ------------------------------------------------------------------------
def test_datos_erroneos_se_marcan_en_su_campo_y_no_se_escribe_nada(qtbot, abrir_pagina, servicios, recepcion,
                                                                   monkeypatch, tmp_path):
    vacio = tmp_path / "vacio.pdf"
    vacio.write_bytes(b"")
    monkeypatch.setattr(lista_anexos, "pedir_archivos", lambda padre, carpeta: [str(vacio)])
    jefa = servicios.usuarios.autenticar("admin", CONTRASENA)
    bitacora = servicios.auditoria.contar(jefa)
    pagina = abrir_pagina(PaginaCorrespondencia, servicios, recepcion)
    registro = pagina.registrar()
    registro.fecha_recepcion.setDateTime(QDateTime.currentDateTime().addDays(2))
    escribir(qtbot, registro.cargo, "Director General")
    clic(qtbot, registro.anexos.boton_agregar)
    clic(qtbot, registro.boton_guardar)

    error = registro.campos.error
    assert error("remitente.nombre").isVisible() and "obligatori" in error("remitente.nombre").text()
    assert error("asunto").isVisible()
    assert error("fecha_recepcion").isVisible() and "futuro" in error("fecha_recepcion").text()
    assert error("anexos").isVisible() and error("anexos").text() == "«vacio.pdf»: el archivo está vacío."
    assert not error("remitente.cargo").isVisible() and not registro.error_general.isVisible()
    assert registro.cargo.text() == "Director General" and registro.anexos.rutas() == [str(vacio)]
    assert registro.pila.currentIndex() == 0 and registro.boton_guardar.isEnabled()
    assert servicios.bandeja.contar(recepcion) == 0 and servicios.auditoria.contar(jefa) == bitacora

    # Fixed, the same form saves: the number is the first one, no gap.
    registro.fecha_recepcion.setDateTime(QDateTime.currentDateTime())
    escribir(qtbot, registro.nombre, "Ing. Jesus Valenzuela Ochoa")
    assert not error("remitente.nombre").isVisible()  # typing in the field clears its complaint
    escribir(qtbot, registro.asunto, "Solicitud de apoyo")
    registro.anexos.lista.setCurrentRow(0)
    clic(qtbot, registro.anexos.boton_quitar)
    clic(qtbot, registro.boton_guardar)
    assert registro.resultado.numero_control == f"03.01-1/{dt.date.today():%y}"


def test_aviso_de_duplicado_permite_cancelar_o_seguir(qtbot, abrir_pagina, servicios, recepcion):
    primero = servicios.correspondencia.registrar(recepcion, oficio(numero_oficio_remitente="PM/123/2025"))
    pagina = abrir_pagina(PaginaCorrespondencia, servicios, recepcion)
    registro = pagina.registrar()
    escribir(qtbot, registro.nombre, "lic. ana ruiz felix")  # case and accents do not hide a duplicate
    escribir(qtbot, registro.numero_oficio, "pm/123/2025")
    escribir(qtbot, registro.asunto, "Solicitud de apoyo (segunda vez)")
    clic(qtbot, registro.boton_guardar)
    caja = registro.caja_duplicados
    assert caja is not None and caja.isVisible() and primero.numero_control in caja.text()
    # The earlier matter's number is a link that opens it beside the question.
    _seguir_enlace(caja.findChild(QLabel, "qt_msgbox_label"), primero.numero_control)
    assert pagina.dialogo_oficio.isVisible() and pagina.dialogo_oficio.numero == primero.numero_control
    assert caja.isVisible()
    pagina.dialogo_oficio.close()
    qtbot.mouseClick(next(b for b in caja.buttons() if b.text() == "Cancelar"), IZQ)
    assert servicios.bandeja.contar(recepcion) == 1 and registro.pila.currentIndex() == 0
    assert registro.boton_guardar.isEnabled() and registro.asunto.toPlainText() == "Solicitud de apoyo (segunda vez)"

    clic(qtbot, registro.boton_guardar)
    caja = registro.caja_duplicados
    qtbot.mouseClick(caja.findChild(type(registro.boton_guardar), "botonRegistrarDuplicado"), IZQ)
    assert servicios.bandeja.contar(recepcion) == 2
    assert registro.panel.aviso.isVisible() and primero.numero_control in registro.panel.aviso.text()
    _seguir_enlace(registro.panel.aviso, primero.numero_control)
    assert pagina.dialogo_oficio.isVisible() and pagina.dialogo_oficio.numero == primero.numero_control


def _seguir_enlace(texto: QLabel, numero: str) -> None:
    """What a click on the number's link does: the label offers it and emits its target."""
    assert texto.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByMouse
    assert f'<a href="{numero}">{numero}</a>' in texto.text()
    texto.linkActivated.emit(numero)


def test_ctrl_enter_guarda_y_deja_el_formulario_listo_para_el_siguiente(qtbot, abrir_pagina, servicios, recepcion):
    pagina = abrir_pagina(PaginaCorrespondencia, servicios, recepcion)
    registro = pagina.registrar()
    registro.serie.setCurrentIndex(registro.serie.findData("NJ"))
    assert registro.destinatario.currentData() == "jefe_oficina"  # the addressee follows the series
    escribir(qtbot, registro.nombre, "C. Maria Soto")
    escribir(qtbot, registro.asunto, "Peticion de pavimentacion")
    registro.activateWindow()
    qtbot.waitUntil(registro.isActiveWindow)
    qtbot.keyClick(registro.asunto, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(registro.aviso_ultimo.isVisible)  # a button's shortcut clicks it a moment later
    assert registro.pila.currentIndex() == 0
    assert "NJ 03.01-1" in registro.aviso_ultimo.text()
    assert registro.nombre.text() == "" and registro.asunto.toPlainText() == ""
    assert registro.serie.currentData() == "NJ"  # a batch of mail is usually alike
    assert servicios.bandeja.contar(recepcion) == 1


# --- annulment and what each role sees ------------------------------------------------------------
def test_supervisor_anula_con_motivo(qtbot, abrir_pagina, servicios, recepcion, supervisor):
    o = servicios.correspondencia.registrar(recepcion, oficio())
    pagina = abrir_pagina(PaginaCorrespondencia, servicios, supervisor)
    assert not pagina.boton_registrar.isVisible()
    asunto = pagina.abrir_numero(o.numero_control)
    anular = asunto.anular()
    clic(qtbot, anular.boton_guardar)  # no reason: refused, named under the field
    assert anular.error("motivo").isVisible() and not servicios.correspondencia.obtener(supervisor, o.numero_control).anulado
    escribir(qtbot, anular.editor("motivo"), "Registro duplicado por error de captura")
    clic(qtbot, anular.boton_guardar)
    assert asunto.anulado.isVisible() and "Registro duplicado por error de captura" in asunto.anulado.text()
    assert not asunto.boton_anular.isEnabled() and "Anulado" in asunto.luz.text()
    asunto.close()
    assert textos(pagina.modelo, COL_ESTADO) == ["Anulado"]
    assert pagina.modelo.data(pagina.modelo.index(0, 0), Qt.ItemDataRole.FontRole).strikeOut()


def test_recepcion_no_ve_reasignar_ni_anular_y_supervision_reasigna(qtbot, abrir_pagina, servicios, recepcion,
                                                                     supervisor):
    o = servicios.correspondencia.registrar(recepcion, oficio())
    servicios.turnos.turnar(recepcion, o.numero_control, [
        {"dependencia": "SSP", "instruccion": "atencion_procedente", "plazo_dias_habiles": 5}])

    asunto = abrir_pagina(PaginaCorrespondencia, servicios, recepcion).abrir_numero(o.numero_control)
    elegir_turno(asunto, "SSP")
    for b in (asunto.turnos.boton_reasignar, asunto.turnos.boton_deshacer, asunto.boton_anular):
        assert not b.isVisible() and not b.isEnabled()
    assert asunto.turnos.boton_turnar.isEnabled() and asunto.turnos.boton_responder.isEnabled()
    assert asunto.historia is None and asunto.pestanas.count() == 2  # no audit log for this role
    asunto.close()

    pagina = abrir_pagina(PaginaCorrespondencia, servicios, supervisor)
    asunto = pagina.abrir_numero(o.numero_control)
    assert asunto.pestanas.count() == 3
    elegir_turno(asunto, "SSP")
    assert not asunto.turnos.boton_turnar.isVisible() and asunto.boton_anular.isEnabled()
    clic(qtbot, asunto.turnos.boton_reasignar)
    reasignar = asunto.turnos.dialogo
    reasignar.editor("nueva").setCurrentIndex(reasignar.editor("nueva").findData("SEGOB"))
    escribir(qtbot, reasignar.editor("motivo"), "Corresponde a Gobierno")
    clic(qtbot, reasignar.boton_guardar)
    assert [t.dependencia for t in asunto.turnos.modelo.filas()] == ["SEGOB"]
    asunto.pestanas.setCurrentWidget(asunto.historia)
    acciones = textos(asunto.historia.modelo, 2)
    assert "Alta" in acciones and "Reasignación" in acciones
    asunto.close()

    servicios.turnos.responder(recepcion, o.numero_control, {
        "dependencia": "SEGOB", "tipo": "respuesta", "fecha": dt.date.today().isoformat(), "resumen": "Atendido"})
    asunto = pagina.abrir_numero(o.numero_control)
    elegir_turno(asunto, "SEGOB")  # answered: no longer moved elsewhere, though it may still be undone
    assert not asunto.turnos.boton_reasignar.isEnabled() and asunto.turnos.boton_deshacer.isEnabled()


# --- the bandeja -------------------------------------------------------------------------------------
@pytest.mark.qt_log_level_fail("WARNING")  # the C++ model tester reports through qWarning
@pytest.mark.parametrize("en_python", [False, True])
def test_modelo_de_la_bandeja_pasa_qtmodeltester(qtmodeltester, servicios, recepcion, supervisor, en_python):
    for i in range(130):
        o = servicios.correspondencia.registrar(recepcion, oficio(prioridad="urgente" if i % 7 == 0 else "normal"))
        if i % 3 == 0:
            servicios.turnos.turnar(recepcion, o.numero_control, [
                {"dependencia": "SSP", "instruccion": "atencion_procedente", "plazo_dias_habiles": 5}],
                momento=dt.datetime.now() - dt.timedelta(days=30 if i % 2 else 0))
    servicios.correspondencia.anular(supervisor, o.numero_control, "prueba")
    modelo = ModeloBandeja(Tareas(sincrona=True))
    modelo.reiniciar(lambda d, n: servicios.bandeja.pagina(recepcion, FiltroBandeja(), desde_fila=d, limite=n))
    qtmodeltester.check(modelo, force_py=en_python)
    assert modelo.rowCount() >= 100
    luces = {modelo.data(modelo.index(f, 7)) for f in range(modelo.rowCount())}
    assert {"", "En tiempo", "Vencido"} <= luces


def test_bandeja_carga_al_bajar_y_ordena_por_encabezado(qtbot, abrir_pagina, servicios, recepcion):
    for i in range(250):
        servicios.correspondencia.registrar(recepcion, oficio(
            asunto=f"Asunto número {i:03d}, {'extraordinario' if i % 50 == 0 else 'ordinario'}"))
    pagina = abrir_pagina(PaginaCorrespondencia, servicios, recepcion)
    assert pagina.modelo.rowCount() == 100 and "Mostrando 100 de 250" in pagina.estado.text()
    pagina.tabla.scrollToBottom()
    qtbot.waitUntil(lambda: pagina.modelo.rowCount() == 200)
    pagina.tabla.scrollToBottom()
    qtbot.waitUntil(lambda: pagina.modelo.rowCount() == 250)
    assert not pagina.modelo.canFetchMore(QModelIndex()) and pagina.estado.text() == "250 asuntos"
    numeros = [consecutivo(f) for f in pagina.modelo.filas()]
    assert numeros == list(range(250, 0, -1))  # newest first, each once

    encabezado = pagina.tabla.horizontalHeader()
    qtbot.mouseClick(encabezado.viewport(), IZQ, pos=QPoint(encabezado.sectionViewportPosition(0) + 8, 8))
    assert pagina.filtro().orden == "numero"
    primero = consecutivo(pagina.modelo.fila(0))
    assert primero == (1 if not pagina.filtro().descendente else 250) and pagina.modelo.rowCount() == 100
    qtbot.mouseClick(encabezado.viewport(), IZQ, pos=QPoint(encabezado.sectionViewportPosition(0) + 8, 8))
    assert consecutivo(pagina.modelo.fila(0)) == 251 - primero  # the other way round
    qtbot.mouseClick(encabezado.viewport(), IZQ, pos=QPoint(encabezado.sectionViewportPosition(7) + 8, 8))
    assert pagina.filtro().orden == "numero" and encabezado.sortIndicatorSection() == 0  # nothing to sort by

    escribir(qtbot, pagina.buscador, "EXTRAORDINARIO")  # debounced search, in SQL, any case
    qtbot.waitUntil(lambda: pagina.modelo.rowCount() == 5)
    assert pagina.estado.text() == "5 asuntos (1 filtro activo)"


def test_escribir_un_numero_y_enter_abre_el_asunto(qtbot, abrir_pagina, servicios, recepcion):
    o = servicios.correspondencia.registrar(recepcion, oficio())
    servicios.correspondencia.registrar(recepcion, oficio())
    pagina = abrir_pagina(PaginaCorrespondencia, servicios, recepcion)
    escribir(qtbot, pagina.buscador, o.numero_control)
    qtbot.keyClick(pagina.buscador, Qt.Key.Key_Return)
    assert pagina.dialogo_oficio is not None and pagina.dialogo_oficio.isVisible()
    assert pagina.dialogo_oficio.numero == o.numero_control
    assert pagina.buscador.selectedText() == o.numero_control  # the next scan replaces it
    pagina.dialogo_oficio.close()

    escribir(qtbot, pagina.buscador, "99.99-1/99")  # not a number of ours: an ordinary search
    qtbot.keyClick(pagina.buscador, Qt.Key.Key_Return)
    assert pagina.dialogo_oficio is None and pagina.modelo.rowCount() == 0
    assert not pagina.findChildren(QMessageBox)


def test_un_numero_de_control_que_no_existe_se_dice(qtbot, abrir_pagina, servicios, recepcion):
    """A number of one of our series that no matter has: a message naming it, the list untouched,
    and the number left selected for the next try or scan."""
    o = servicios.correspondencia.registrar(recepcion, oficio())
    pagina = abrir_pagina(PaginaCorrespondencia, servicios, recepcion)
    qtbot.waitUntil(lambda: pagina.modelo.rowCount() == 1)
    inexistente = o.numero_control.replace(f"-{o.numero}", f"-{o.numero + 500}")
    escribir(qtbot, pagina.buscador, inexistente.lower().replace(" ", ""))  # as a reader may send it
    qtbot.keyClick(pagina.buscador, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pagina.findChild(QMessageBox, "cajaError") is not None)
    caja = pagina.findChild(QMessageBox, "cajaError")
    assert caja.windowTitle() == "Número de control"
    assert caja.text() == f"No existe el número de control «{inexistente.lower().replace(' ', '')}»."
    assert pagina.dialogo_oficio is None and pagina.modelo.rowCount() == 1
    assert pagina.buscador.selectedText() == pagina.buscador.text()
    caja.close()


def test_la_bandeja_se_maneja_con_el_teclado(qtbot, abrir_pagina, servicios, recepcion):
    viejo = servicios.correspondencia.registrar(recepcion, oficio(
        fecha_recepcion=(dt.datetime.now() - dt.timedelta(days=3)).isoformat(timespec="minutes")))
    nuevo = servicios.correspondencia.registrar(recepcion, oficio())
    pagina = abrir_pagina(PaginaCorrespondencia, servicios, recepcion)
    assert textos(pagina.modelo, 0) == [nuevo.numero_control, viejo.numero_control]
    assert textos(pagina.modelo, 8) == ["", "✗"]  # not turned and past 48 hours: already late
    pagina.activateWindow()
    qtbot.waitUntil(pagina.isActiveWindow)
    qtbot.keyClick(pagina, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pagina.buscador.hasFocus()
    qtbot.keyClick(pagina.buscador, Qt.Key.Key_Down)  # into the list, first row chosen
    assert pagina.tabla.hasFocus() and pagina.seleccionada().numero_control == nuevo.numero_control
    qtbot.keyClick(pagina.tabla, Qt.Key.Key_Down)
    qtbot.keyClick(pagina.tabla, Qt.Key.Key_Return)
    assert pagina.dialogo_oficio.numero == viejo.numero_control
    pagina.dialogo_oficio.close()
    pagina.activateWindow()
    qtbot.waitUntil(pagina.isActiveWindow)
    qtbot.keyClick(pagina, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: pagina.dialogo_registro is not None)  # a button's shortcut clicks a moment later
