"""The supervisor's other reports as workbooks: the office's header, panes frozen under it, and every
total a live formula (a response time's total median and 90th percentile too, over the sheet of
answered turnos)."""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..services.reportes_atencion import NOTA_TIEMPOS, Conteo, ReporteGiras, ReportePeticiones, ReporteTiempos
from . import xlsx_comun as x
from .reportes_atencion import NOTA_GIRAS, NOTA_PETICIONES, titulo

CONTEO, PORCENTAJE, DIAS, FECHA = "#,##0", "0.0%", "0.0", "DD/MM/YYYY"
PRIMERA = 5  # the first data row: title, who and when, a note, then the header on row 4


def _cabecera(hoja: Worksheet, r, nota: str, titulos: list[str]) -> None:
    hoja.cell(row=1, column=1, value=titulo(r)).font = Font(bold=True, size=13, color="6D1A36")
    hoja.cell(row=2, column=1, value=f"Generado por {r.generado_por} el {r.generado:%d/%m/%Y %H:%M}")
    hoja.cell(row=3, column=1, value=nota).font = Font(italic=True, color="5F6368")
    x.encabezado(hoja, PRIMERA - 1, titulos)
    hoja.row_dimensions[PRIMERA - 1].height = 30
    hoja.page_setup.orientation, hoja.page_setup.paperSize = "landscape", hoja.PAPERSIZE_LETTER
    hoja.page_setup.fitToWidth, hoja.page_setup.fitToHeight = 1, 0
    hoja.sheet_properties.pageSetUpPr.fitToPage = True
    hoja.print_title_rows = f"{PRIMERA - 1}:{PRIMERA - 1}"


def _formula(hoja: Worksheet, fila: int, columna: int, formula, formato: str = CONTEO, *, total: bool = True):
    """Written as is, never through x.escribir, which keeps anything starting with «=» as text."""
    celda = hoja.cell(row=fila, column=columna, value=formula)
    celda.border, celda.number_format = x.BORDE, formato
    if total:
        celda.font, celda.fill = Font(bold=True), x.TOTAL
    return celda


def _rotulo_total(hoja: Worksheet, fila: int, texto: str, hasta_columna: int) -> None:
    for columna in range(1, hasta_columna + 1):
        celda = x.escribir(hoja, fila, columna, texto if columna == 1 else None, negrita=True)
        celda.fill = x.TOTAL


def _anchos(hoja: Worksheet, anchos: list[float]) -> None:
    for columna, ancho in enumerate(anchos, start=1):
        hoja.column_dimensions[get_column_letter(columna)].width = ancho


# --- petitions by tema, municipio and canal ---------------------------------------------------------
def _hoja_conteos(hoja: Worksheet, r: ReportePeticiones, columna: str, conteos: tuple[Conteo, ...]) -> None:
    _cabecera(hoja, r, NOTA_PETICIONES, ["Clave", columna, "Peticiones", "%"])
    fila = PRIMERA
    for c in conteos:
        x.escribir(hoja, fila, 1, c.codigo or "")
        x.escribir(hoja, fila, 2, c.nombre)
        x.escribir(hoja, fila, 3, c.peticiones).number_format = CONTEO
        fila += 1
    total = fila
    for f in range(PRIMERA, total):  # each share of the Total row below, so that an edited figure moves it
        _formula(hoja, f, 4, f"=IF($C${total}>0,C{f}/$C${total},0)", PORCENTAJE, total=False)
    _rotulo_total(hoja, total, "Total", 2)
    _formula(hoja, total, 3, f"=SUM(C{PRIMERA}:C{total - 1})" if conteos else 0)
    _formula(hoja, total, 4, f"=IF(C{total}>0,SUM(D{PRIMERA}:D{total - 1}),0)" if conteos else 0, PORCENTAJE)
    hoja.freeze_panes = f"C{PRIMERA}"
    _anchos(hoja, [12, 44, 13, 10])


def _hoja_canal_por_corte(hoja: Worksheet, r: ReportePeticiones) -> None:
    n = len(r.cortes)
    _cabecera(hoja, r, NOTA_PETICIONES, ["Canal", *(c.etiqueta for c in r.cortes), "Total"])
    fila = PRIMERA
    ultima = get_column_letter(n + 1)
    for f in r.canal_por_corte:
        x.escribir(hoja, fila, 1, f.nombre)
        for columna, valor in enumerate(f.valores, start=2):
            x.escribir(hoja, fila, columna, valor).number_format = CONTEO
        _formula(hoja, fila, n + 2, f"=SUM(B{fila}:{ultima}{fila})", total=False).font = Font(bold=True)
        fila += 1
    _rotulo_total(hoja, fila, "Total", 1)
    for columna in range(2, n + 3):
        letra = get_column_letter(columna)
        _formula(hoja, fila, columna, f"=SUM({letra}{PRIMERA}:{letra}{fila - 1})" if r.canal_por_corte else 0)
    hoja.freeze_panes = f"B{PRIMERA}"
    _anchos(hoja, [32] + [10] * (n + 1))


def xlsx_peticiones(r: ReportePeticiones, ruta) -> None:
    libro = Workbook()
    _hoja_conteos(libro.active, r, "Tema", r.por_tema)
    libro.active.title = "Por tema"
    _hoja_conteos(libro.create_sheet("Por municipio"), r, "Municipio", r.por_municipio)
    _hoja_conteos(libro.create_sheet("Por canal"), r, "Canal", r.por_canal)
    _hoja_canal_por_corte(libro.create_sheet("Canal por año" if r.cortes[0].mes is None else "Canal por mes"), r)
    libro.save(ruta)


# --- response times per agency ---------------------------------------------------------------------
COLUMNAS_TIEMPOS = ["Siglas", "Dependencia", "Turnados", "Respondidos", "Pendientes", "Con fecha de respuesta",
                    "Mediana (días naturales)", "Percentil 90 (días naturales)", "Máximo (días naturales)"]
COLUMNAS_RESPUESTAS = ["Siglas", "Número de control", "Fecha del turno", "Fecha de la respuesta", "Días naturales"]


def _hoja_respuestas(hoja: Worksheet, r: ReporteTiempos) -> int:
    """One row per answered turno with its days; returns the last row (1 when there is none)."""
    x.encabezado(hoja, 1, COLUMNAS_RESPUESTAS)
    fila = 1
    for d in r.dependencias:
        for respuesta in d.respuestas:
            fila += 1
            for columna, valor in enumerate([d.codigo, respuesta.numero_control, respuesta.fecha_turno,
                                             respuesta.fecha_respuesta, respuesta.dias], start=1):
                celda = x.escribir(hoja, fila, columna, valor)
                if isinstance(valor, dt.date):
                    celda.number_format = FECHA
    hoja.freeze_panes = "A2"
    hoja.auto_filter.ref = f"A1:E{max(fila, 2)}"
    _anchos(hoja, [12, 20, 16, 18, 14])
    return fila


def xlsx_tiempos(r: ReporteTiempos, ruta) -> None:
    libro = Workbook()
    hoja = libro.active
    hoja.title = "Tiempos"
    _cabecera(hoja, r, NOTA_TIEMPOS, COLUMNAS_TIEMPOS)
    ultima_respuesta = _hoja_respuestas(libro.create_sheet("Respuestas"), r)
    fila = PRIMERA
    for d in r.dependencias:
        valores = [d.codigo, d.nombre, d.turnados, d.respondidos, d.pendientes, d.medidos, d.mediana_dias,
                   d.p90_dias, d.maximo_dias]
        for columna, valor in enumerate(valores, start=1):
            celda = x.escribir(hoja, fila, columna, valor)
            celda.number_format = DIAS if columna in (7, 8) else CONTEO
        fila += 1
    _rotulo_total(hoja, fila, "Total", 2)
    for columna in range(3, 7):
        letra = get_column_letter(columna)
        _formula(hoja, fila, columna, f"=SUM({letra}{PRIMERA}:{letra}{fila - 1})" if r.dependencias else 0)
    # Over every answered turno of the sheet «Respuestas», not an average of the agencies' figures.
    dias = f"Respuestas!E2:E{ultima_respuesta}"
    hay = ultima_respuesta > 1
    for columna, formula in ((7, f"=MEDIAN({dias})"), (8, f"=PERCENTILE({dias},0.9)"), (9, f"=MAX({dias})")):
        _formula(hoja, fila, columna, formula if hay else None, DIAS if columna < 9 else CONTEO)
    hoja.freeze_panes = f"C{PRIMERA}"
    _anchos(hoja, [10, 48, 11, 13, 12, 14, 14, 14, 14])
    libro.save(ruta)


# --- giras of the period ----------------------------------------------------------------------------
COLUMNAS_GIRAS = ["Clave", "Fecha", "Municipio", "Localidad", "Evento", "Peticiones", "Canalizadas", "Con seguimiento"]


def xlsx_giras(r: ReporteGiras, ruta) -> None:
    libro = Workbook()
    hoja = libro.active
    hoja.title = "Giras"
    _cabecera(hoja, r, NOTA_GIRAS, COLUMNAS_GIRAS)
    fila = PRIMERA
    for f in r.giras:
        g = f.gira
        for columna, valor in enumerate([g.clave, g.fecha, g.municipio_nombre, g.localidad, g.evento, g.peticiones,
                                         f.canalizadas, f.con_seguimiento], start=1):
            celda = x.escribir(hoja, fila, columna, valor)
            celda.number_format = FECHA if columna == 2 else CONTEO if columna > 5 else "General"
            if columna == 2:
                celda.alignment = Alignment(horizontal="left")
        fila += 1
    _rotulo_total(hoja, fila, "Total", 5)
    if r.giras:
        _formula(hoja, fila, 2, f'=COUNTA(A{PRIMERA}:A{fila - 1})&" giras"', "General")
    for columna in range(6, 9):
        letra = get_column_letter(columna)
        _formula(hoja, fila, columna, f"=SUM({letra}{PRIMERA}:{letra}{fila - 1})" if r.giras else 0)
    hoja.freeze_panes = f"B{PRIMERA}"
    _anchos(hoja, [16, 12, 18, 20, 50, 11, 12, 14])
    libro.save(ruta)


XLSX = {ReportePeticiones: xlsx_peticiones, ReporteTiempos: xlsx_tiempos, ReporteGiras: xlsx_giras}
