"""A petition's window, on both engines: the timeline and what the follow-up dialog adds to it,
canalizing (with the oficio number), annulment by supervision only, what each role may press,
errors in Spanish with nothing lost, masked personal data, and the printed papers.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from oee_desk.domain import peticiones as reglas
from oee_desk.domain.errores import BaseDatosInaccesible
from oee_desk.ui import atencion_documentos
from oee_desk.ui.dialogo_seguimiento import DialogoSeguimiento
from oee_desk.ui.pagina_atencion import PaginaAtencion

from conftest_atencion import (  # noqa: F401
    abrir_detalle, abrir_pagina, administrador, cajas_de_error, escribir, folios, impresos, operador, peticion,
    servicios, supervisor, textos,
)

IZQ = Qt.MouseButton.LeftButton


def clic(qtbot, boton) -> None:
    assert boton.isVisible() and boton.isEnabled(), boton.text()
    qtbot.mouseClick(boton, IZQ)


def opciones(combo) -> list[str]:
    return [combo.itemData(i) for i in range(combo.count())]


def test_el_seguimiento_se_agrega_al_final_y_la_peticion_pasa_a_en_seguimiento(qtbot, abrir_pagina, servicios,
                                                                                operador):
    p = peticion(servicios, operador)
    servicios.seguimientos.agregar(operador, p.folio, {"tipo": "contacto_enlace", "nota": "Primer contacto"})
    pagina = abrir_pagina(PaginaAtencion, servicios, operador)
    detalle = pagina.abrir_folio(p.folio)
    assert textos(detalle.seguimientos, 1) == ["Contacto con enlace"]

    clic(qtbot, detalle.boton_seguimiento)
    dialogo = detalle.dialogo
    assert isinstance(dialogo, DialogoSeguimiento) and dialogo.tipo.currentData() == "llamada_saliente"
    assert opciones(dialogo.resultado) == list(reglas.RESULTADOS_LLAMADA)
    dialogo.resultado.setCurrentIndex(dialogo.resultado.findData("contesto"))
    escribir(qtbot, dialogo.nota, "Se le explicó el trámite; espera la respuesta de la Secretaría.")
    clic(qtbot, dialogo.boton_guardar)

    assert not dialogo.isVisible()
    assert textos(detalle.seguimientos, 1) == ["Contacto con enlace", "Llamada saliente"]  # newest last
    assert textos(detalle.seguimientos, 2) == ["", "Contestó"]
    assert detalle.seguimientos.fila(1).nota.startswith("Se le explicó")
    assert detalle.pestanas.tabText(0) == "Seguimientos (2)"
    assert "En seguimiento" in detalle.luz.text()
    detalle.close()
    assert folios(pagina.lista.modelo) == [p.folio] and textos(pagina.lista.modelo, 5) == ["En seguimiento"]


def test_el_resultado_sigue_al_tipo_y_el_cierre_concluye(qtbot, servicios, operador):
    p = peticion(servicios, operador)
    detalle = abrir_detalle(qtbot, servicios, operador, p.folio)
    dialogo = detalle.agregar_seguimiento()
    fila_resultado = dialogo.campos.editor("resultado").parentWidget()
    dialogo.tipo.setCurrentIndex(dialogo.tipo.findData("visita"))
    assert dialogo.resultado.count() == 0 and not dialogo.formulario.isRowVisible(fila_resultado)
    assert dialogo.valores()["resultado"] is None
    dialogo.tipo.setCurrentIndex(dialogo.tipo.findData("cierre"))
    assert opciones(dialogo.resultado) == list(reglas.RESULTADOS) and dialogo.formulario.isRowVisible(fila_resultado)
    assert not dialogo.formulario.isRowVisible(dialogo.campos.editor("proxima_llamada").parentWidget())
    dialogo.resultado.setCurrentIndex(dialogo.resultado.findData("favorable"))
    dialogo.guardar()
    assert detalle.peticion.estatus == "concluida" and detalle.valores["resultado"].text() == "Favorable"
    assert "Concluida" in detalle.luz.text()
    for b in (detalle.boton_seguimiento, detalle.boton_canalizar):
        assert not b.isEnabled()  # the service would refuse: a concluded petition takes no more


def test_datos_erroneos_quedan_en_su_campo_y_no_se_escribe_nada(qtbot, servicios, operador):
    p = peticion(servicios, operador)
    detalle = abrir_detalle(qtbot, servicios, operador, p.folio)
    dialogo = detalle.agregar_seguimiento()
    escribir(qtbot, dialogo.nota, "Llamó para preguntar por su trámite.")
    dialogo.guardar()  # a call without its outcome
    assert dialogo.isVisible() and dialogo.campos.error("resultado").isVisible()
    assert dialogo.campos.error("resultado").text() == "Es obligatorio."
    assert dialogo.nota.toPlainText() == "Llamó para preguntar por su trámite."
    assert servicios.peticiones.obtener(operador, p.folio).seguimientos == []
    dialogo.resultado.setCurrentIndex(dialogo.resultado.findData("buzon"))
    dialogo.guardar()
    assert not dialogo.isVisible() and detalle.seguimientos.rowCount() == 1


def test_conflicto_y_conexion_perdida_se_dicen_en_espanol_sin_perder_lo_escrito(qtbot, servicios, operador,
                                                                               supervisor, monkeypatch):
    p = peticion(servicios, operador)
    detalle = abrir_detalle(qtbot, servicios, operador, p.folio)
    dialogo = detalle.agregar_seguimiento()
    dialogo.resultado.setCurrentIndex(dialogo.resultado.findData("contesto"))
    escribir(qtbot, dialogo.nota, "Nota larga que no se debe perder.")
    servicios.peticiones.anular(supervisor, p.folio, "Duplicada")  # meanwhile, at another desk
    dialogo.guardar()
    assert cajas_de_error() == [f"La petición {p.folio} está anulada: ya no admite seguimientos."]
    assert dialogo.isVisible() and dialogo.nota.toPlainText() == "Nota larga que no se debe perder."

    q = peticion(servicios, operador)
    detalle = abrir_detalle(qtbot, servicios, operador, q.folio)
    dialogo = detalle.agregar_seguimiento()
    dialogo.resultado.setCurrentIndex(dialogo.resultado.findData("contesto"))
    escribir(qtbot, dialogo.nota, "Otra nota.")

    def sin_red(*_a, **_k):
        raise BaseDatosInaccesible("No hay conexión con el servidor de la base de datos.")

    monkeypatch.setattr(servicios.seguimientos, "agregar", sin_red)
    dialogo.guardar()
    [texto] = cajas_de_error()
    assert texto.startswith("No hay conexión") and "Lo que escribió sigue en el formulario" in texto
    assert dialogo.isVisible() and dialogo.boton_guardar.isEnabled() and dialogo.nota.toPlainText() == "Otra nota."


def test_canalizar_a_una_dependencia_muestra_su_oficio(qtbot, servicios, operador, impresos):
    p = peticion(servicios, operador)
    detalle = abrir_detalle(qtbot, servicios, operador, p.folio)
    assert not detalle.boton_oficio.isEnabled()  # nothing canalized yet
    clic(qtbot, detalle.boton_canalizar)
    dialogo = detalle.dialogo
    assert dialogo.dependencia.findData("ISSSTESON") >= 0
    dialogo.dependencia.setEditText("PATITO")  # not in the catalog: said under the field
    clic(qtbot, dialogo.boton_guardar)
    assert dialogo.isVisible() and "no existe" in dialogo.campos.error("destino").text()
    escribir(qtbot, dialogo.dependencia.lineEdit(), "ISSSTESON")
    escribir(qtbot, dialogo.nota, "Derechohabiente")
    clic(qtbot, dialogo.boton_guardar)

    assert not dialogo.isVisible() and detalle.pestanas.currentIndex() == 1
    [c] = detalle.canalizaciones.filas()
    assert c.externa and c.destino == "ISSSTESON" and c.numero_oficio
    assert textos(detalle.canalizaciones, 3) == [c.numero_oficio] and "ISSSTESON" in textos(detalle.canalizaciones, 2)[0]
    assert "Canalizada" in detalle.luz.text()
    clic(qtbot, detalle.boton_oficio)
    clic(qtbot, detalle.boton_acuse)
    assert [r.name.split("-")[0] for r in impresos] == ["Oficio", "Acuse"]
    assert all(r.read_bytes().startswith(b"%PDF") for r in impresos)

    # An internal area: no oficio, nothing to print for it.
    detalle.canalizar()
    dialogo = detalle.dialogo
    dialogo.por_area.setChecked(True)
    dialogo.area.setCurrentIndex(dialogo.area.findData("asesoria_juridica"))
    dialogo.guardar()
    assert textos(detalle.canalizaciones, 3)[-1] == "—" and textos(detalle.canalizaciones, 2)[-1] == "Asesoría Jurídica"
    assert not detalle.boton_oficio.isEnabled()
    detalle.tabla_canalizaciones.selectRow(0)
    assert detalle.boton_oficio.isEnabled()


def test_sin_el_modulo_de_documentos_los_botones_se_desactivan(qtbot, servicios, operador, monkeypatch):
    monkeypatch.setattr(atencion_documentos, "disponible", lambda: False)
    p = peticion(servicios, operador, canalizacion={"tipo": "dependencia", "destino": "SSP"})
    detalle = abrir_detalle(qtbot, servicios, operador, p.folio)
    assert detalle.canalizaciones.rowCount() == 1 and detalle.canalizaciones.fila(0).numero_oficio
    assert not detalle.boton_acuse.isEnabled() and not detalle.boton_oficio.isEnabled()
    assert "no está instalado" in detalle.boton_acuse.toolTip()


def test_solo_supervision_anula_con_motivo_y_confirmacion(qtbot, abrir_pagina, servicios, operador, supervisor):
    p = peticion(servicios, operador)
    detalle = abrir_detalle(qtbot, servicios, operador, p.folio)
    assert not detalle.boton_anular.isVisible() and not detalle.boton_anular.isEnabled()
    assert detalle.anular() is None

    pagina = abrir_pagina(PaginaAtencion, servicios, supervisor)
    detalle = pagina.abrir_folio(p.folio)
    assert not detalle.boton_seguimiento.isEnabled() and not detalle.boton_canalizar.isEnabled()
    clic(qtbot, detalle.boton_anular)
    anular = detalle.dialogo
    clic(qtbot, anular.boton_guardar)  # no reason: refused under the field, no question asked
    assert anular.error("motivo").isVisible() and detalle.confirmacion is None
    escribir(qtbot, anular.editor("motivo"), "Capturada dos veces por error")
    clic(qtbot, anular.boton_guardar)
    caja = detalle.confirmacion
    assert isinstance(caja, QMessageBox) and caja.isVisible() and "Capturada dos veces" in caja.text()
    qtbot.mouseClick(next(b for b in caja.buttons() if b.text() == "Cancelar"), IZQ)
    assert servicios.peticiones.obtener(supervisor, p.folio).estatus == "recibida" and anular.isVisible()
    clic(qtbot, anular.boton_guardar)
    qtbot.mouseClick(detalle.confirmacion.findChild(type(anular.boton_guardar), "botonConfirmar"), IZQ)

    assert not anular.isVisible() and detalle.peticion.estatus == "anulada"
    assert detalle.aviso.isVisible() and "Capturada dos veces por error" in detalle.aviso.text()
    assert not detalle.boton_anular.isEnabled()
    detalle.close()
    assert textos(pagina.lista.modelo, 5) == ["Anulada"]
    assert pagina.lista.modelo.data(pagina.lista.modelo.index(0, 0), Qt.ItemDataRole.FontRole).strikeOut()


def test_sin_derecho_a_datos_personales_se_ven_ocultos(qtbot, servicios, operador, administrador):
    p = peticion(servicios, operador, nombre="José Ramón", apellido="Valenzuela Ochoa", telefono="6621234567")
    detalle = abrir_detalle(qtbot, servicios, administrador, p.folio)
    assert detalle.enmascarado.isVisible()
    assert detalle.valores["nombre"].text() == "J*** R*** V*** O***"
    assert detalle.valores["telefonos"].text().endswith("67") and "6621234567" not in detalle.valores["telefonos"].text()
    for b in (detalle.boton_seguimiento, detalle.boton_canalizar):
        assert not b.isEnabled()
    assert not detalle.boton_anular.isVisible()
    propia = abrir_detalle(qtbot, servicios, operador, p.folio)
    assert not propia.enmascarado.isVisible() and propia.valores["nombre"].text() == "José Ramón Valenzuela Ochoa"


def test_un_rol_sin_permiso_recibe_la_negativa_en_espanol(qtbot, servicios, operador, supervisor):
    p = peticion(servicios, operador)
    dialogo = DialogoSeguimiento(servicios, supervisor, abrir_detalle(qtbot, servicios, supervisor, p.folio).tareas,
                                 servicios.peticiones.obtener(supervisor, p.folio))
    qtbot.addWidget(dialogo)
    dialogo.show()
    dialogo.resultado.setCurrentIndex(0)
    dialogo.guardar()
    [texto] = cajas_de_error()
    assert "no tiene permiso" in texto and dialogo.isVisible()
    QApplication.processEvents()
