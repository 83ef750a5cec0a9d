"""The Giras page, on both engines: registering a tour through its dialog, the list with each tour's
count, the per-gira report (by topic, and its petitions), its PDF, and the way to the Peticiones
list and to the capture form preset to the tour."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from oee_desk.ui import atencion_documentos
from oee_desk.ui.ajustes import Ajustes
from oee_desk.ui.pagina_giras import PaginaGiras
from oee_desk.ui.tareas import Tareas
from oee_desk.ui.ventana_principal import VentanaPrincipal

from conftest_atencion import (  # noqa: F401
    abrir_pagina, administrador, campo, escribir, folios, gira, impresos, operador, peticion, servicios, supervisor,
    textos,
)

IZQ = Qt.MouseButton.LeftButton


def clic(qtbot, boton) -> None:
    assert boton.isVisible() and boton.isEnabled(), boton.text()
    qtbot.mouseClick(boton, IZQ)


def test_registrar_una_gira_desde_su_dialogo(qtbot, abrir_pagina, servicios, campo):
    pagina = abrir_pagina(PaginaGiras, servicios, campo)
    assert pagina.modelo.rowCount() == 0 and not pagina.boton_reporte.isEnabled()
    clic(qtbot, pagina.boton_nueva)
    dialogo = pagina.dialogo_gira
    assert dialogo.municipio.findData("26003") >= 0  # the catalog arrived
    clic(qtbot, dialogo.boton_guardar)  # empty: each problem under its field, nothing written
    assert dialogo.campos.error("municipio").isVisible() and dialogo.campos.error("evento").isVisible()
    assert servicios.giras.listar(campo) == []

    ayer = dt.date.today() - dt.timedelta(days=1)
    dialogo.fecha.setDate(QDate(ayer.year, ayer.month, ayer.day))
    escribir(qtbot, dialogo.municipio.lineEdit(), "alamos")  # typed without the accent, not picked
    escribir(qtbot, dialogo.localidad, "Plaza de Armas")
    escribir(qtbot, dialogo.evento, "Reunion con productores")
    clic(qtbot, dialogo.boton_guardar)

    assert not dialogo.isVisible() and dialogo.resultado.clave == f"GIRA-{ayer.year}-001"
    assert textos(pagina.modelo, 0) == [dialogo.resultado.clave] and textos(pagina.modelo, 2) == ["Álamos"]
    assert pagina.elegida().clave == dialogo.resultado.clave  # the new one is shown
    assert pagina.panel.titulo.text() == f"{dialogo.resultado.clave} · Reunion con productores"


def test_quien_registra_giras(qtbot, abrir_pagina, servicios, operador, supervisor, administrador):
    for sesion, puede in ((operador, True), (supervisor, True), (administrador, False)):
        pagina = abrir_pagina(PaginaGiras, servicios, sesion)
        assert pagina.boton_nueva.isVisible() is puede
        assert (pagina.nueva_gira() is not None) is puede


def test_lista_reporte_por_tema_y_pdf(qtbot, abrir_pagina, servicios, operador, supervisor, impresos):
    vieja = gira(servicios, operador, municipio="26018", dias_atras=10, evento="Entrega de apoyos de vivienda")
    nueva = gira(servicios, operador, municipio="26042", dias_atras=2, evento="Inauguración del centro de salud")
    en_vieja = [peticion(servicios, operador, canal="gira", gira=vieja.clave, tema=t)
                for t in ("vivienda", "vivienda", "vivienda", "empleo")]
    en_nueva = [peticion(servicios, operador, canal="gira", gira=nueva.clave, tema="salud") for _ in range(2)]
    peticion(servicios, operador)  # not from a tour
    servicios.peticiones.anular(supervisor, en_vieja[0].folio, "Duplicada")  # stops counting

    pagina = abrir_pagina(PaginaGiras, servicios, operador)
    assert textos(pagina.modelo, 0) == [nueva.clave, vieja.clave]  # newest first
    assert [pagina.modelo.fila(f).peticiones for f in range(2)] == [2, 3]
    assert pagina.elegida().clave == nueva.clave and pagina.panel.total.text() == "2"
    assert sorted(folios(pagina.panel.peticiones)) == sorted(p.folio for p in en_nueva)

    pagina.tabla.selectRow(1)
    panel = pagina.panel
    assert panel.total.text() == "3" and panel.datos.text().endswith("Esperanza, Cajeme")
    assert [(panel.por_tema.fila(f)) for f in range(panel.por_tema.rowCount())] == [("Vivienda", 2), ("Empleo", 1)]
    assert sorted(folios(panel.peticiones)) == sorted(p.folio for p in en_vieja)  # the annulled one, struck out
    visibles = [panel.peticiones.headerData(c, Qt.Orientation.Horizontal)
                for c in range(panel.peticiones.columnCount()) if not panel.tabla_peticiones.isColumnHidden(c)]
    assert visibles == ["Folio", "Ciudadano", "Tema", "Estatus", "Semáforo"]

    clic(qtbot, pagina.boton_reporte)
    assert len(impresos) == 1 and impresos[0].name.startswith("Reporte-de-gira-" + vieja.clave)
    assert impresos[0].read_bytes().startswith(b"%PDF")
    panel.tabla_peticiones.selectRow(0)
    panel.abrir()
    assert pagina.dialogo_peticion is not None and pagina.dialogo_peticion.peticion.gira == vieja.clave


def test_sin_el_modulo_de_documentos_no_hay_reporte(qtbot, abrir_pagina, servicios, operador, monkeypatch):
    monkeypatch.setattr(atencion_documentos, "disponible", lambda: False)
    gira(servicios, operador)
    pagina = abrir_pagina(PaginaGiras, servicios, operador)
    assert pagina.elegida() is not None and not pagina.boton_reporte.isEnabled()


def test_de_la_gira_a_sus_peticiones_y_a_la_captura(qtbot, servicios, operador, tmp_path):
    g = gira(servicios, operador)
    de_gira = peticion(servicios, operador, canal="gira", gira=g.clave)
    peticion(servicios, operador)
    ventana = VentanaPrincipal(servicios, operador, Tareas(sincrona=True), Ajustes(tmp_path / "ajustes.ini"))
    qtbot.addWidget(ventana)
    ventana.show()
    assert ventana.ir_a_modulo("giras")
    giras = ventana.pagina_actual()
    assert giras.elegida().clave == g.clave

    clic(qtbot, giras.boton_ver)
    atencion = ventana.pagina_actual()
    assert atencion.clave == "atencion" and atencion.pestanas.currentWidget() is atencion.lista
    qtbot.waitUntil(lambda: folios(atencion.lista.modelo) == [de_gira.folio])
    assert atencion.lista.filtros.gira.currentData() == g.clave

    assert ventana.ir_a_modulo("giras")
    clic(qtbot, giras.boton_capturar)
    assert ventana.pagina_actual() is atencion and atencion.pestanas.currentWidget() is atencion.captura
    assert atencion.captura.canal.codigo() == "gira" and atencion.captura.gira.valor() == g.clave
