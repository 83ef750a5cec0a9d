"""The Reportes page in tabs, on both engines: supervision generates each of its other reports for a
period, reads the figures in the tables and exports them to PDF and Excel; a bad period is said;
the chosen gira prints its own report; recepción sees only the status report, as before.

Every page runs with `Tareas(sincrona=True)`: a click does its database work in place.
"""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pypdf import PdfReader

from oee_desk.ui import pagina_reportes
from oee_desk.ui.pagina_reportes import PaginaReportes

from conftest_atencion import (  # noqa: F401
    abrir_pagina, impresos, operador, servicios, supervisor, textos,
)
from conftest_correspondencia import recepcion  # noqa: F401

IZQ = Qt.MouseButton.LeftButton
MARZO = (dt.date(2022, 3, 1), dt.date(2022, 3, 31))


def clic(qtbot, boton) -> None:
    assert boton.isVisible() and boton.isEnabled(), boton.text()
    qtbot.mouseClick(boton, IZQ)


def periodo(pestana, desde: dt.date, hasta: dt.date) -> None:
    pestana.desde.setDate(QDate(desde.year, desde.month, desde.day))
    pestana.hasta.setDate(QDate(hasta.year, hasta.month, hasta.day))


def filas(modelo) -> list[list[str]]:
    return [textos(modelo, c) for c in range(modelo.columnCount())]


def renglones(modelo) -> list[tuple[str, ...]]:
    return list(zip(*filas(modelo))) if modelo.rowCount() else []


@pytest.fixture
def marzo(servicios, operador, recepcion, supervisor):
    """March 2022: a gira in Cajeme with one petition (canalized), two call-center petitions from
    Hermosillo (and one annulled), and three matters turned to SSP: answered in 2 and 5 days, one pending."""
    gira = servicios.giras.registrar(operador, {"fecha": "2022-03-15", "municipio": "26018", "localidad": "Esperanza",
                                                "evento": "Entrega de apoyos de vivienda"}).clave
    registrar = lambda i, canal, tema, municipio, **extra: servicios.peticiones.registrar(operador, {  # noqa: E731
        "fecha_recepcion": f"2022-03-{10 + i:02d}T10:00:00", "canal": canal, "tema": tema, "descripcion": "Apoyo",
        "ciudadano": {"nombre": "Rosa", "telefono": f"66210000{i:02d}", "municipio": municipio}, **extra}).folio
    registrar(5, "gira", "vivienda", "26030", gira=gira, canalizacion={"tipo": "dependencia", "destino": "SIDUR"})
    registrar(1, "call_center", "salud", "26030")
    registrar(2, "call_center", "salud", "26030")
    servicios.peticiones.anular(supervisor, registrar(3, "call_center", "salud", "26030"), "Duplicada")
    for i, dias in enumerate((2, 5, None)):
        numero = servicios.correspondencia.registrar(recepcion, {
            "serie": "03.01", "fecha_recepcion": "2022-03-01T09:00:00", "remitente": {"nombre": f"Remitente {i}"},
            "numero_oficio_remitente": f"PM/{i}/2022", "asunto": "Solicitud de rondines"}).numero_control
        servicios.turnos.turnar(recepcion, numero, {"turnos": [
            {"dependencia": "SSP", "instruccion": "atencion_procedente", "plazo_dias_habiles": 5}]},
            momento=dt.datetime(2022, 3, 1, 12, 0))
        if dias is not None:
            servicios.turnos.responder(recepcion, numero, {"dependencia": "SSP", "tipo": "respuesta",
                                                           "fecha": f"2022-03-{1 + dias:02d}", "resumen": "Listo"})
    return gira


@pytest.fixture
def destinos(monkeypatch, tmp_path):
    """The paths «chosen» in the export dialog, in order; none is opened."""
    elegidos: list[str] = []

    def elegir(_padre, _titulo, sugerido, _filtro):
        elegidos.append(sugerido)
        return str(tmp_path / sugerido.rsplit(".", 1)[0])  # without the extension: the tab adds it

    monkeypatch.setattr(pagina_reportes, "pedir_ruta_guardar", elegir)
    return elegidos


def exportar(qtbot, pestana, tmp_path) -> tuple[str, load_workbook]:
    clic(qtbot, pestana.boton_pdf)
    pdf = pestana.ultimo_archivo
    assert pdf.parent == tmp_path and pdf.suffix == ".pdf" and pestana.aviso.isVisible()
    clic(qtbot, pestana.boton_xlsx)
    assert pestana.ultimo_archivo.suffix == ".xlsx"
    texto = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    return texto, load_workbook(pestana.ultimo_archivo)


def test_supervision_genera_y_exporta_cada_reporte(qtbot, abrir_pagina, servicios, supervisor, marzo, destinos,
                                                    tmp_path):
    pagina = abrir_pagina(PaginaReportes, servicios, supervisor)
    assert [pagina.pestanas.tabText(i) for i in range(pagina.pestanas.count())] == [
        "Estatus por dependencia", "Peticiones por tema, municipio y canal", "Tiempos de respuesta",
        "Giras del periodo"]
    assert pagina.pestanas.tabBar().isVisible()

    # Petitions by tema, municipio and canal.
    pagina.pestanas.setCurrentWidget(pagina.peticiones)
    pestana = pagina.peticiones
    hoy = dt.date.today()
    assert pestana.desde.date().toPython() == hoy.replace(day=1) and pestana.hasta.date().toPython() == hoy
    assert not pestana.boton_pdf.isEnabled()  # nothing to export yet
    periodo(pestana, *MARZO)
    clic(qtbot, pestana.boton_generar)
    assert pestana.resumen.text() == "Peticiones recibidas del 01/03/2022 al 31/03/2022: 3."
    assert renglones(pestana.modelo_tema) == [("Salud", "2", "66.7 %"), ("Vivienda", "1", "33.3 %")]
    assert renglones(pestana.modelo_municipio) == [("Hermosillo", "2", "66.7 %"), ("Cajeme", "1", "33.3 %")]
    assert renglones(pestana.modelo_canal) == [("Call Center", "2", "66.7 %"), ("Giras Gobernador", "1", "33.3 %")]
    assert [pestana.modelo_meses.headerData(c, Qt.Orientation.Horizontal)
            for c in range(pestana.modelo_meses.columnCount())] == ["Canal", "mar 2022", "Total"]
    assert renglones(pestana.modelo_meses) == [("Call Center", "2", "2"), ("Giras Gobernador", "1", "1")]
    texto, libro = exportar(qtbot, pestana, tmp_path)
    assert "Peticiones por tema, municipio y canal del 01/03/2022 al 31/03/2022" in texto
    assert "Hermosillo (26030)" in texto
    assert libro["Por municipio"]["B5"].value == "Hermosillo" and libro["Por municipio"]["C7"].value == "=SUM(C5:C6)"

    # Response times.
    pagina.pestanas.setCurrentWidget(pagina.tiempos)
    pestana = pagina.tiempos
    periodo(pestana, *MARZO)
    clic(qtbot, pestana.boton_generar)
    assert renglones(pestana.modelo) == [("SSP", "Secretaría de Seguridad Pública", "3", "2", "1", "2", "3.5", "4.7",
                                          "5")]
    assert pestana.resumen.text() == ("Turnos emitidos: 3; respondidos: 2; pendientes: 1. Mediana: 3.5 días; "
                                      "percentil 90: 4.7 días.")
    assert textos(pestana.modelo_respuestas, 3) == ["5", "2"]  # the slowest first
    assert pestana.titulo_respuestas.text() == "Respuestas de SSP, las más tardadas primero"
    texto, libro = exportar(qtbot, pestana, tmp_path)
    assert "SSP — Secretaría de Seguridad Pública" in texto and "días naturales" in texto
    assert libro["Tiempos"]["H5"].value == 4.7 and libro["Tiempos"]["G6"].value == "=MEDIAN(Respuestas!E2:E3)"

    # Giras of the period.
    pagina.pestanas.setCurrentWidget(pagina.giras)
    pestana = pagina.giras
    periodo(pestana, *MARZO)
    clic(qtbot, pestana.boton_generar)
    assert renglones(pestana.modelo) == [(marzo, "15/03/2022", "Cajeme", "Esperanza", "Entrega de apoyos de vivienda",
                                          "1", "1", "0")]
    assert pestana.resumen.text() == "Giras: 1; peticiones captadas: 1; canalizadas: 1; con seguimiento: 0."
    texto, libro = exportar(qtbot, pestana, tmp_path)
    assert "Entrega de apoyos de vivienda" in texto and libro["Giras"]["F6"].value == "=SUM(F5:F5)"

    assert destinos == ["peticiones-20220301-20220331.pdf", "peticiones-20220301-20220331.xlsx",
                        "tiempos-respuesta-20220301-20220331.pdf", "tiempos-respuesta-20220301-20220331.xlsx",
                        "giras-20220301-20220331.pdf", "giras-20220301-20220331.xlsx"]


def test_reporte_de_la_gira_elegida(qtbot, abrir_pagina, servicios, supervisor, marzo, impresos):
    pagina = abrir_pagina(PaginaReportes, servicios, supervisor)
    pagina.pestanas.setCurrentWidget(pagina.giras)
    assert not pagina.giras.boton_gira.isEnabled()
    periodo(pagina.giras, *MARZO)
    clic(qtbot, pagina.giras.boton_generar)
    clic(qtbot, pagina.giras.boton_gira)
    (impreso,) = impresos
    texto = PdfReader(str(impreso)).pages[0].extract_text()
    assert f"Reporte de la gira {marzo}" in texto and "Vivienda" in texto


def test_periodo_invertido_se_dice_y_no_se_genera(qtbot, abrir_pagina, servicios, supervisor):
    pagina = abrir_pagina(PaginaReportes, servicios, supervisor)
    pagina.pestanas.setCurrentWidget(pagina.tiempos)
    periodo(pagina.tiempos, dt.date(2022, 3, 31), dt.date(2022, 3, 1))
    clic(qtbot, pagina.tiempos.boton_generar)
    cajas = [w for w in QApplication.topLevelWidgets() if w.objectName() == "cajaError" and w.isVisible()]
    assert len(cajas) == 1 and "hasta: debe ser igual o posterior a «desde»" in cajas[0].text()
    cajas[0].close()
    assert pagina.tiempos.reporte is None and not pagina.tiempos.boton_pdf.isEnabled()
    assert pagina.tiempos.boton_generar.isEnabled() and not pagina.tiempos.progreso.isVisible()


def test_recepcion_solo_ve_el_estatus(qtbot, abrir_pagina, servicios, recepcion):
    pagina = abrir_pagina(PaginaReportes, servicios, recepcion)
    assert pagina.pestanas.count() == 1 and not pagina.pestanas.tabBar().isVisible()
    assert pagina.peticiones is pagina.tiempos is pagina.giras is None
    clic(qtbot, pagina.boton_generar)  # the status report works as before
    assert pagina.reporte is not None and pagina.boton_pdf.isEnabled()
