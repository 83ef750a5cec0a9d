"""The «Metas POA» page end to end on known records of 2022 (conftest_metas.py): the tally cell by
cell, the drill-down listing exactly what a cell counts, the four files and the printer, metas
defined and captured by role and area, and a closed month refusing changes.

Every page runs with `Tareas(sincrona=True)`: a click does its database work in place.
"""
from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from oee_desk import cli
from oee_desk.domain.roles import Rol
from oee_desk.services.usuarios import ServicioUsuarios
from oee_desk.ui import dialogo_detalle_poa, metas_exportar
from oee_desk.ui.metas_captura import ModeloPeriodos
from oee_desk.ui.metas_modelos import ModeloIndicador, ModeloMetasInforme

from conftest import CONTRASENA, sesion_con_rol
from conftest_metas import (  # noqa: F401
    ANIO, CEAC, ENLACE, abrir_pagina, administrador, capturista, folios, registrar, servicios, supervisor,
)

IZQ = Qt.MouseButton.LeftButton
MESES = ["ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"]


def clic(qtbot, boton: QPushButton) -> None:
    assert boton.isVisible() and boton.isEnabled(), boton.text()
    qtbot.mouseClick(boton, IZQ)


def fila(modelo, rubro: str) -> dict:
    """A row of an indicator table as {header: shown text}."""
    for r in range(modelo.rowCount()):
        if modelo.data(modelo.index(r, 0)) == rubro:
            return {modelo.headerData(c, Qt.Orientation.Horizontal): modelo.data(modelo.index(r, c))
                    for c in range(modelo.columnCount())}
    raise AssertionError(f"sin la fila {rubro}")


def meses(**por_mes) -> dict:
    return {m: str(por_mes.get(m, 0)) for m in MESES}


def indice(modelo, rubro: str, columna: str):
    r = next(r for r in range(modelo.rowCount()) if modelo.data(modelo.index(r, 0)) == rubro)
    c = next(c for c in range(modelo.columnCount()) if modelo.headerData(c, Qt.Orientation.Horizontal) == columna)
    return modelo.index(r, c)


def cajas_de_error() -> list[str]:
    """The error boxes shown, closed once read (each is a window of its own: it would outlive the test)."""
    textos = []
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.objectName() == "cajaError" and w.isVisible():
            textos.append(w.text())
            w.close()
    return textos


# --- the tally -----------------------------------------------------------------------------------
def test_el_informe_muestra_cada_cifra_en_su_celda(qtbot, abrir_pagina, servicios, supervisor, folios, qtmodeltester):
    pagina = abrir_pagina(servicios, supervisor)
    informe = pagina.informe
    assert pagina.pestanas.currentWidget() is informe and informe.reporte.anio == ANIO
    ind1, ind2 = informe.modelos_indicador
    for modelo in (ind1, ind2, informe.modelo_metas):
        qtmodeltester.check(modelo)
    assert fila(ind1, "Call Center") == {"Rubro": "Call Center", **meses(ENE=3, MAR=2), "TOTAL": "5"}
    assert fila(ind1, "Chat Sonora") == {"Rubro": "Chat Sonora", **meses(FEB=1), "TOTAL": "1"}
    assert fila(ind1, "Asesoría Jurídica")["DIC"] == "2"
    assert fila(ind1, "Seguimiento a Peticiones") == {"Rubro": "Seguimiento a Peticiones", **meses(ABR=2),
                                                      "TOTAL": "2"}
    assert fila(ind1, "Total de Peticiones Atendidas") == {  # the annulled petition is not counted
        "Rubro": "Total de Peticiones Atendidas", **meses(ENE=3, FEB=1, MAR=2, ABR=2, DIC=2), "TOTAL": "10"}
    assert fila(ind2, "Giras Gobernador")["MAY"] == "2" and fila(ind2, "Giras Gobernador")["JUN"] == "1"
    assert fila(ind2, "Seguimiento a Peticiones de Giras")["JUL"] == "1"
    assert fila(ind2, "Total de Peticiones Atendidas")["TOTAL"] == "4"
    # The Total row is bold, numbers are right-aligned.
    total = indice(ind1, "Total de Peticiones Atendidas", "ENE")
    assert ind1.data(total, Qt.ItemDataRole.FontRole).bold()
    assert not isinstance(ind1.data(indice(ind1, "Call Center", "ENE"), Qt.ItemDataRole.FontRole), QFont)
    assert ind1.data(total, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight

    metas = informe.modelo_metas
    textos = [[metas.data(metas.index(r, c)) for c in range(metas.columnCount())] for r in range(metas.rowCount())]
    assert textos[0] == ["1", "Organización de Reuniones Internacionales", ENLACE, "0", "3", "", "", "3", "6", "50.0 %"]
    assert textos[1] == ["2", "Satisfacción de la ciudadanía atendida", CEAC, "95.0 %", "", "85.0 %", "", "90.0 %",
                         "90.0 %", "100.0 %"]
    assert textos[2][3:] == ["6", "0", "0", "2", "8", "12", "66.7 %"]  # counted from the records
    assert textos[-1] == ["TOTALES", "", "", "8", "6", "1", "2", "", "", ""]
    assert metas.data(metas.index(len(textos) - 1, 3), Qt.ItemDataRole.FontRole).bold()
    assert not informe.banner.isVisible() and not informe.ajustes.isVisible()


def test_periodo_mensual_y_trimestral_y_f5(qtbot, abrir_pagina, servicios, supervisor, folios):
    pagina = abrir_pagina(servicios, supervisor)
    informe = pagina.informe
    informe.periodo.setCurrentIndex(informe.periodo.findData(3))  # «Marzo»: January to March
    anterior = informe.reporte
    pagina.activateWindow()
    qtbot.waitUntil(pagina.isActiveWindow)
    informe.periodo.setFocus()
    qtbot.keyClick(informe.periodo, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: informe.reporte is not anterior)  # a shortcut «clicks» its button after a moment
    assert informe.reporte.mes == 3
    total = fila(informe.modelos_indicador[0], "Total de Peticiones Atendidas")
    assert (total["MAR"], total["ABR"], total["TOTAL"]) == ("2", "0", "6")
    assert "enero a marzo de 2022" in informe.resumen.text()
    assert [informe.periodo.itemText(i) for i in range(informe.periodo.count())][-4:] == [
        "I trimestre", "II trimestre", "III trimestre", "IV trimestre"]
    informe.periodo.setCurrentIndex(informe.periodo.findText("II trimestre"))
    clic(qtbot, informe.boton_generar)
    assert informe.reporte.mes == 6


# --- drill-down -----------------------------------------------------------------------------------
def test_doble_clic_lista_exactamente_lo_contado(qtbot, abrir_pagina, servicios, supervisor, folios):
    informe = abrir_pagina(servicios, supervisor).informe
    tabla, modelo = informe.tablas_indicador[0], informe.modelos_indicador[0]
    centro = tabla.visualRect(indice(modelo, "Call Center", "ENE")).center()
    qtbot.mouseClick(tabla.viewport(), IZQ, pos=centro)  # QTest's double click lacks the press
    qtbot.mouseDClick(tabla.viewport(), IZQ, pos=centro)
    dialogo = informe.dialogo_detalle
    assert dialogo is not None and dialogo.isVisible()
    assert sorted(r.clave for r in dialogo.modelo.filas()) == sorted(folios[("call_center", 1)])
    assert {r.tipo for r in dialogo.modelo.filas()} == {"Petición"} and dialogo.cuenta.text() == "Registros: 3"
    assert dialogo.titulo.text() == "Call Center · enero 2022"

    # Intro on the Total row's TOTAL: every petition and follow-up of Indicador 1 in the year.
    tabla.setCurrentIndex(indice(modelo, "Total de Peticiones Atendidas", "TOTAL"))
    qtbot.keyClick(tabla, Qt.Key.Key_Return)
    dialogo = informe.dialogo_detalle
    esperadas = [f for (canal, _m), fs in folios.items() if canal != "gira" for f in fs]
    filas = dialogo.modelo.filas()
    assert sorted(r.clave for r in filas if r.tipo == "Petición") == sorted(esperadas)
    assert [r.detalle for r in filas if r.tipo == "Seguimiento"] == ["llamada_saliente", "contacto_enlace"]
    primer_seguimiento = next(i for i, r in enumerate(filas) if r.tipo == "Seguimiento")
    assert dialogo.modelo.data(dialogo.modelo.index(primer_seguimiento, 4)) == "Llamada saliente"
    assert dialogo.total == 10 and not dialogo.boton_mas.isEnabled()

    # A quarter of an automatic meta: the records its rule counts; a manual meta says why none.
    metas = informe.modelo_metas
    dialogo = informe.abrir_detalle(metas.celda(metas.index(2, 3)))  # meta 11, quarter I
    assert dialogo.total == 6 and len(dialogo.modelo.filas()) == 6
    dialogo = informe.abrir_detalle(metas.celda(metas.index(0, 4)))  # meta 1, manual
    assert dialogo.total == 0 and dialogo.nota.isVisible() and "captura manual" in dialogo.nota.text()
    assert informe.abrir_detalle(metas.celda(metas.index(metas.rowCount() - 1, 3))) is None  # TOTALES


def test_mas_pagina_y_el_total_de_un_informe_mensual(qtbot, abrir_pagina, servicios, supervisor, folios,
                                                     monkeypatch):
    monkeypatch.setattr(dialogo_detalle_poa, "POR_PAGINA", 2)
    informe = abrir_pagina(servicios, supervisor).informe
    informe.periodo.setCurrentIndex(informe.periodo.findData(3))
    informe.generar()
    modelo = informe.modelos_indicador[0]
    assert modelo.celda(indice(modelo, "Call Center", "ABR")) is None  # after the report's month: not in it
    # TOTAL of a January-to-March report: January and March, walked as one list, two at a time.
    dialogo = informe.abrir_detalle(modelo.celda(indice(modelo, "Call Center", "TOTAL")))
    assert dialogo.cuenta.text() == "Mostrando 2 de 5 registros"
    clic(qtbot, dialogo.boton_mas)
    clic(qtbot, dialogo.boton_mas)
    claves = [r.clave for r in dialogo.modelo.filas()]
    assert claves == folios[("call_center", 1)] + folios[("call_center", 3)]
    assert not dialogo.boton_mas.isEnabled() and dialogo.cuenta.text() == "Registros: 5"
    assert dialogo.titulo.text() == "Call Center · enero a marzo 2022"
    # A meta's quarter after March is not in this report; its annual total lists what the cell counts.
    metas = informe.modelo_metas
    assert metas.celda(metas.index(2, 4)) is None
    dialogo = informe.abrir_detalle(metas.celda(metas.index(2, 7)))
    assert dialogo.total == informe.reporte.metas[2].total and dialogo.nota.isHidden()
    assert informe.abrir_detalle(metas.celda(metas.index(2, 3))).nota.isHidden()  # quarter I: exactly its records


def test_abrir_la_peticion_desde_el_detalle(qtbot, abrir_pagina, servicios, supervisor, folios):
    informe = abrir_pagina(servicios, supervisor).informe
    modelo = informe.modelos_indicador[0]
    dialogo = informe.abrir_detalle(modelo.celda(indice(modelo, "Seguimiento a Peticiones", "ABR")))
    dialogo.tabla.selectRow(0)
    clic(qtbot, dialogo.boton_abrir)
    assert dialogo.dialogo_peticion.folio == folios[("call_center", 3)][0]  # the follow-up's petition
    qtbot.waitUntil(lambda: dialogo.dialogo_peticion.peticion is not None)
    dialogo.dialogo_peticion.close()


# --- files and printer -----------------------------------------------------------------------------
def test_exporta_los_cuatro_formatos(qtbot, abrir_pagina, servicios, supervisor, folios, tmp_path, monkeypatch):
    pedidos = []
    monkeypatch.setattr(metas_exportar, "pedir_ruta_guardar",
                        lambda _p, _t, sugerido, _f: pedidos.append(sugerido) or str(tmp_path / sugerido.split(".")[0]))
    informe = abrir_pagina(servicios, supervisor).informe
    r = informe.reporte
    for formato, boton in informe.botones_exportar.items():
        clic(qtbot, boton)
        assert informe.ultimo_archivo == tmp_path / f"informe-poa-2022.{formato}"  # the extension added
        assert informe.aviso.isVisible() and str(informe.ultimo_archivo) in informe.aviso.text()
    assert pedidos == [f"informe-poa-2022.{f}" for f in ("pdf", "xlsx", "csv", "json")]

    assert json.loads((tmp_path / "informe-poa-2022.json").read_text(encoding="utf-8")) == r.como_json()
    libro = load_workbook(tmp_path / "informe-poa-2022.xlsx")
    hoja = libro["Indicadores"]
    call = next(f for f in hoja.iter_rows(values_only=True) if f[0] == "Call Center")
    assert list(call[1:13]) == [3, 0, 2] + [0] * 9
    metas = [f for f in libro["Metas"].iter_rows(min_row=5, values_only=True) if isinstance(f[0], int)]
    assert [(f[0], f[1], list(f[4:8]), f[9]) for f in metas[:2]] == [
        (1, "Organización de Reuniones Internacionales", [0, 3, None, None], 6),
        (2, "Satisfacción de la ciudadanía atendida", [95.0, None, 85.0, None], 90.0)]
    csv = (tmp_path / "informe-poa-2022.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv[0].startswith("indicador,rubro,canal,enero") and "1,Call Center,call_center,3,0,2," in csv[3]
    assert csv[-1] == "TOTALES,,,conteo,8,6,1,2"
    assert PdfReader(tmp_path / "informe-poa-2022.pdf").pages


def test_la_linea_de_comandos_escribe_el_mismo_csv(qtbot, abrir_pagina, servicios, supervisor, folios, tmp_path,
                                                   monkeypatch):
    monkeypatch.setattr(metas_exportar, "pedir_ruta_guardar", lambda *_: str(tmp_path / "gui.csv"))
    clic(qtbot, abrir_pagina(servicios, supervisor).informe.botones_exportar["csv"])
    monkeypatch.setenv("OEE_DESK_PASSWORD", CONTRASENA)
    assert cli.main(["--db", servicios.bd.url.render_as_string(hide_password=False), "--usuario", supervisor.nombre,
                     "reporte", "poa", "--anio", str(ANIO), "--formato", "csv", "-o", str(tmp_path / "cli.csv")]) == 0
    assert (tmp_path / "cli.csv").read_bytes() == (tmp_path / "gui.csv").read_bytes()


def test_imprimir_y_ver_pdf(qtbot, abrir_pagina, servicios, supervisor, folios, tmp_path, monkeypatch):
    impresoras = []

    def dialogo_de_impresion(_padre, impresora: QPrinter) -> bool:
        assert impresora.pageLayout().orientation().name == "Landscape"
        impresora.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        impresora.setOutputFileName(str(tmp_path / f"impreso{len(impresoras)}.pdf"))
        impresoras.append(impresora)
        return True

    monkeypatch.setattr(metas_exportar, "pedir_impresora", dialogo_de_impresion)
    informe = abrir_pagina(servicios, supervisor).informe
    paginas = len(PdfReader(io.BytesIO(metas_exportar.pdf_en_memoria(informe.reporte))).pages)
    clic(qtbot, informe.boton_imprimir)
    impreso = PdfReader(tmp_path / "impreso0.pdf")
    assert informe.paginas_impresas == paginas == len(impreso.pages) >= 1
    assert float(impreso.pages[0].mediabox.width) > float(impreso.pages[0].mediabox.height)  # landscape
    assert f"Se enviaron {paginas} páginas" in informe.aviso.text()

    clic(qtbot, informe.boton_ver)
    visor = informe.visor
    assert visor is not None and visor.isVisible()
    qtbot.waitUntil(lambda: visor.visor.documento.pageCount() == paginas)
    clic(qtbot, visor.boton_imprimir)  # from the viewer too
    assert len(PdfReader(tmp_path / "impreso1.pdf").pages) == paginas
    monkeypatch.setattr(metas_exportar, "pedir_impresora", lambda *_: False)  # «Cancelar» prints nothing
    clic(qtbot, informe.boton_imprimir)
    assert not (tmp_path / "impreso2.pdf").exists()
    qtbot.keyClick(visor, Qt.Key.Key_Escape)
    assert informe.visor is None


# --- metas: defined by supervision ------------------------------------------------------------------
def test_supervision_crea_edita_y_elimina_una_meta(qtbot, abrir_pagina, servicios, supervisor, folios):
    pagina = abrir_pagina(servicios, supervisor)
    panel = pagina.metas
    pagina.pestanas.setCurrentWidget(panel)
    assert not panel.boton_copiar.isEnabled()  # the year already has metas

    clic(qtbot, panel.boton_nueva)
    dialogo = panel.dialogo
    assert dialogo.numero.value() == 14  # the next free number
    dialogo.numero.setValue(1)  # taken: a new meta must not replace meta 1
    dialogo.descripcion.setPlainText("Giras de trabajo atendidas")
    clic(qtbot, dialogo.boton_guardar)
    assert dialogo.campos.error("numero").isVisible() and "Ya existe la meta 1" in dialogo.campos.error("numero").text()
    dialogo.numero.setValue(20)
    dialogo.descripcion.setPlainText("")
    clic(qtbot, dialogo.boton_guardar)  # the service's problem, under its field, in Spanish
    assert dialogo.isVisible() and dialogo.campos.error("descripcion").isVisible()
    dialogo.descripcion.setPlainText("Peticiones recibidas en giras")
    dialogo.area.setCurrentText(CEAC)
    dialogo.fuente.setCurrentIndex(dialogo.fuente.findData("automatica"))
    assert dialogo.cuenta.isVisible() and dialogo.indicador.isVisible()
    dialogo.cuenta.setCurrentIndex(dialogo.cuenta.findData("peticiones"))
    dialogo.indicador.setCurrentIndex(dialogo.indicador.findData("2"))
    for campo, valor in zip(dialogo.valores, (1, 2, 3, 4)):
        campo.setValue(valor)
    clic(qtbot, dialogo.boton_guardar)
    assert not dialogo.isVisible()
    nueva = next(m for m in servicios.metas.listar(supervisor, ANIO) if m["numero"] == 20)
    assert (nueva["fuente"], nueva["regla"], nueva["programado"], nueva["area"]) == (
        "automatica", {"cuenta": "peticiones", "indicador": 2}, [1, 2, 3, 4], CEAC)
    assert panel.elegida()["numero"] == 20

    # Edit: a new description and monthly programmed values; what the area captured stays.
    panel.tabla.selectRow(panel.modelo.buscar(lambda m: m["numero"] == 13))
    clic(qtbot, panel.boton_editar)
    dialogo = panel.dialogo
    assert not dialogo.numero.isEnabled() and len(dialogo.valores) == 12
    dialogo.descripcion.setPlainText("Reportes mensuales de enlace internacional")
    dialogo.valores[11].setValue(2)
    clic(qtbot, dialogo.boton_guardar)
    editada = next(m for m in servicios.metas.listar(supervisor, ANIO) if m["numero"] == 13)
    assert editada["descripcion"] == "Reportes mensuales de enlace internacional"
    assert editada["programado"] == [1] * 11 + [2] and editada["alcanzado"] == [1, 1] + [None] * 10

    # Delete, after saying yes.
    panel.tabla.selectRow(panel.modelo.buscar(lambda m: m["numero"] == 20))
    clic(qtbot, panel.boton_eliminar)
    qtbot.mouseClick(panel.confirmacion.findChild(QPushButton, "botonConfirmar"), IZQ)
    assert 20 not in [m["numero"] for m in servicios.metas.listar(supervisor, ANIO)]
    assert 20 not in [m["numero"] for m in panel.modelo.filas()]


def test_copiar_las_metas_del_anio_anterior(qtbot, abrir_pagina, servicios, supervisor, folios):
    pagina = abrir_pagina(servicios, supervisor, anio=ANIO + 5)
    panel = pagina.metas
    pagina.pestanas.setCurrentWidget(panel)
    clic(qtbot, panel.boton_copiar)  # 2026 has nothing to copy: the service's problem, its field in Spanish
    qtbot.mouseClick(panel.confirmacion.findChild(QPushButton, "botonConfirmar"), IZQ)
    assert cajas_de_error() == ["Revise los datos:\n• Año de origen: el año 2026 no tiene metas que copiar"]

    pagina.anio.setValue(ANIO + 1)
    assert panel.modelo.rowCount() == 0 and "no tiene metas" in panel.estado.text()
    clic(qtbot, panel.boton_copiar)
    qtbot.mouseClick(panel.confirmacion.findChild(QPushButton, "botonConfirmar"), IZQ)
    copiadas = servicios.metas.listar(supervisor, ANIO + 1)
    assert [m["numero"] for m in copiadas] == [1, 2, 11, 12, 13]
    assert copiadas[0]["alcanzado"] == [None] * 4 and panel.modelo.rowCount() == 5
    assert "Se copiaron 5 metas de 2022." in panel.estado.text()


# --- metas: captured by each area -------------------------------------------------------------------
def test_cada_area_captura_solo_sus_metas(qtbot, abrir_pagina, servicios, folios, supervisor):
    operador = capturista(servicios, Rol.ATENCION, ENLACE)
    pagina = abrir_pagina(servicios, operador)
    panel = pagina.metas
    assert pagina.informe is None and pagina.cierres is None and pagina.pestanas.count() == 1
    assert not panel.boton_nueva.isVisible() and not panel.boton_eliminar.isVisible()
    assert panel.area_propia == ENLACE and ENLACE in panel.estado.text()
    for numero, puede in ((1, True), (11, False), (13, True), (2, False)):
        panel.tabla.selectRow(panel.modelo.buscar(lambda m, n=numero: m["numero"] == n))
        assert panel.boton_capturar.isEnabled() is puede, numero
    assert f"La meta 2 es del área «{CEAC}»; usted captura las de «{ENLACE}»." in panel.boton_capturar.toolTip()

    panel.tabla.selectRow(panel.modelo.buscar(lambda m: m["numero"] == 1))
    clic(qtbot, panel.boton_capturar)
    dialogo = panel.dialogo
    dialogo.valores[2].setValue(1)
    clic(qtbot, dialogo.boton_guardar)
    assert not dialogo.isVisible()
    meta = next(m for m in servicios.metas.listar(operador, ANIO) if m["numero"] == 1)
    assert meta["alcanzado"] == [0, 3, 1, None]
    assert panel.periodos.data(panel.periodos.index(1, 3)) == "1"


def test_sin_area_asignada_no_se_captura_nada(qtbot, abrir_pagina, servicios, folios):
    """A capturer whose user has no area: every capture is off, and the page says what to ask for."""
    operador = capturista(servicios, Rol.CAMPO, None)
    panel = abrir_pagina(servicios, operador).metas
    assert "no tiene un área de metas asignada" in panel.estado.text()
    for numero in (1, 2, 13):
        panel.tabla.selectRow(panel.modelo.buscar(lambda m, n=numero: m["numero"] == n))
        assert not panel.boton_capturar.isEnabled(), numero


def test_lo_que_ve_administracion(qtbot, abrir_pagina, servicios, administrador, folios):
    pagina = abrir_pagina(servicios, administrador)
    assert pagina.informe.reporte is not None and pagina.pestanas.count() == 3
    assert not pagina.metas.boton_capturar.isVisible() and not pagina.metas.boton_nueva.isVisible()
    assert not pagina.cierres.boton_cerrar.isVisible()


# --- closing a month ----------------------------------------------------------------------------------
def test_cerrar_un_mes_y_luego_capturarlo(qtbot, abrir_pagina, servicios, supervisor, folios):
    pagina = abrir_pagina(servicios, supervisor)
    metas, cierres = pagina.metas, pagina.cierres
    pagina.pestanas.setCurrentWidget(metas)
    metas.tabla.selectRow(metas.modelo.buscar(lambda m: m["numero"] == 13))
    clic(qtbot, metas.boton_capturar)
    abierta_antes = metas.dialogo  # opened while January is still open
    assert abierta_antes.valores[0].isEnabled()

    pagina.pestanas.setCurrentWidget(cierres)
    assert cierres.boton_cerrar.text() == "Cerrar enero…" and "Ningún mes de 2022" in cierres.estado.text()
    clic(qtbot, cierres.boton_cerrar)
    dialogo = cierres.dialogo
    assert any("se suman como ajuste al mes siguiente" in e.text() for e in dialogo.findChildren(type(cierres.estado)))
    dialogo.editor("nota").setText("Entregado a la Secretaría Técnica")
    clic(qtbot, dialogo.boton_guardar)
    assert [(c.mes, c.nota) for c in cierres.modelo.filas()] == [(1, "Entregado a la Secretaría Técnica")]
    assert cierres.boton_cerrar.text() == "Cerrar febrero…"
    assert not pagina.informe.aviso.isHidden() and "pulse «Generar»" in pagina.informe.aviso.text()

    # The dialog opened before the closing tries to change January: refused in Spanish, nothing changes.
    abierta_antes.valores[0].setValue(5)
    clic(qtbot, abierta_antes.boton_guardar)
    assert abierta_antes.isVisible() and abierta_antes.error.isVisible()
    assert "Alcanzado (enero): el periodo enero está en un mes cerrado" in abierta_antes.error.text()
    assert abierta_antes.valores[0].property("invalido") is True
    guardada = next(m for m in servicios.metas.listar(supervisor, ANIO) if m["numero"] == 13)
    assert guardada["alcanzado"] == [1, 1] + [None] * 10
    abierta_antes.reject()

    # Opened again, January cannot be touched.
    pagina.pestanas.setCurrentWidget(metas)
    metas.tabla.selectRow(metas.modelo.buscar(lambda m: m["numero"] == 13))
    clic(qtbot, metas.boton_capturar)
    assert not metas.dialogo.valores[0].isEnabled() and metas.dialogo.valores[1].isEnabled()
    assert metas.periodos.data(metas.periodos.index(2, 1)) == "cerrado"


def test_reimpresion_y_ajustes_tardios(qtbot, abrir_pagina, servicios, supervisor, folios):
    servicios.cierres.cerrar_mes(supervisor, ANIO, 1, "Primera entrega")
    registrar(servicios, sesion_con_rol(servicios.bd, Rol.CAMPO), "call_center", 1, 2)  # late for January
    informe = abrir_pagina(servicios, supervisor).informe
    modelo = informe.modelos_indicador[0]
    assert fila(modelo, "Call Center")["ENE"] == "3" and fila(modelo, "Call Center")["FEB"] == "2"  # as printed
    feb = indice(modelo, "Call Center", "FEB")
    assert "incluye +2 de registros tardíos de meses cerrados" in modelo.data(feb, Qt.ItemDataRole.ToolTipRole)
    assert modelo.data(feb, Qt.ItemDataRole.BackgroundRole) is not None
    total_feb = indice(modelo, "Total de Peticiones Atendidas", "FEB")
    assert "+2" in modelo.data(total_feb, Qt.ItemDataRole.ToolTipRole)
    assert informe.ajustes.isVisible() and "Call Center: +2 (en febrero)" in informe.ajustes.text()
    assert informe.banner.isVisible() and "Meses cerrados: enero" in informe.banner.text()

    informe.periodo.setCurrentIndex(informe.periodo.findData(1))  # January's report: reprinted as closed
    informe.generar()
    assert informe.reporte.cierre and "Reimpresión del informe cerrado de enero" in informe.banner.text()
    assert "Primera entrega" in informe.banner.text()
    assert fila(informe.modelos_indicador[0], "Call Center")["ENE"] == "3"


def test_modelos_vacios_y_por_periodo(qtmodeltester):
    qtmodeltester.check(ModeloIndicador())
    qtmodeltester.check(ModeloMetasInforme())
    periodos = ModeloPeriodos()
    qtmodeltester.check(periodos)
    periodos.poner({"numero": 13, "unidad": "conteo", "fuente": "manual", "programado": [1] * 12,
                    "alcanzado": [1, 1] + [None] * 10, "ultimo_mes_cerrado": 1})
    qtmodeltester.check(periodos)
    assert [periodos.data(periodos.index(r, 1)) for r in range(3)] == ["1", "1", "cerrado"]
    assert [periodos.data(periodos.index(r, 2)) for r in range(3)] == ["1", "1", "abierto"]
    assert periodos.headerData(1, Qt.Orientation.Horizontal) == "ENE"


# --- the self-test's walk ------------------------------------------------------------------------------
def test_la_autoprueba_recorre_metas_poa(tmp_path, qapp, servicios):
    from oee_desk.ui import autoprueba, autoprueba_metas

    admin = servicios.usuarios.autenticar("admin", CONTRASENA)
    vistas: dict[str, str] = {}
    recorrido = autoprueba.Recorrido(tmp_path, lambda clave, _t, w: vistas.__setitem__(clave, type(w).__name__),
                                     informar=lambda _linea: None)
    with autoprueba.sin_avisos_offscreen():
        autoprueba_metas.recorrer(recorrido, servicios, admin, CONTRASENA)
        recorrido.tareas.esperar(10_000)
    assert recorrido.fallas == []
    assert {"metas_informe", "metas_detalle", "metas_visor", "metas_definicion", "meta_nueva", "metas_captura",
            "metas_cierres", "metas_capturista"} <= set(vistas)
    assert vistas["metas_visor"] == "DialogoVisorPdf" and vistas["meta_nueva"] == "DialogoMeta"
    anio = dt.date.today().year
    supervisor = servicios.usuarios.autenticar("supervision", CONTRASENA)
    metas = {m["numero"]: m for m in servicios.metas.listar(supervisor, anio)}
    assert metas[21]["descripcion"] == "Visitas de seguimiento a peticiones de giras"  # saved through the dialog
    assert 2 in metas[1]["alcanzado"]  # captured through the dialog
