"""«Informe de metas según el POA» (poa-report.md) as the office lays it out: a landscape PDF with the
letterhead, and a workbook whose totals are live formulas (sheet «Indicadores» for Part 1, «Metas» for
Part 2, each with its header frozen)."""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, KeepTogether, LongTable, Spacer, Table, TableStyle

from ..domain.metas import UNIDADES
from ..domain.texto import MESES
from ..services.poa import FilaMeta, ReportePoa
from . import xlsx_comun as x
from .pdf_comun import GRIS, GUINDA, PEQUENO, SUBTITULO, TITULO, Documento, ParagraphStyle, p

TITULO_INFORME = "Informe de metas según el POA"
COLUMNAS_INDICADOR = ["RUBRO", *(m.upper() for m in MESES), "TOTAL"]
ANCHOS_INDICADOR = [117] + [44.5] * 12 + [43]  # points: 694 = the frame of landscape letter (Documento)
COLUMNAS_METAS = ["No.", "Descripción", "Área", "I", "II", "III", "IV", "Total anual", "Programado anual",
                  "% de cumplimiento"]
ANCHOS_METAS = [26, 225, 88, 44, 44, 44, 44, 52, 62, 65]
NOTA_METAS = ("TOTALES: por trimestre, la suma de las metas de conteo; las metas en porcentaje no se suman. "
              "% de cumplimiento = total anual ÷ programado anual × 100.")
CONTEO, PORCENTAJE = "#,##0", '0.0" %"'
ALTO_TROZO = 120  # points of description per table row
ZEBRA = colors.HexColor("#f6f1f3")
FONDO_TOTAL = colors.HexColor("#ede3e7")

_CABECERA = ParagraphStyle("cabecera_poa", parent=PEQUENO, fontName="Helvetica-Bold", textColor=colors.white,
                           alignment=1)
_RUBRO = ParagraphStyle("rubro_poa", parent=PEQUENO, fontSize=7.5, leading=9)
_RUBRO_TOTAL = ParagraphStyle("rubro_total_poa", parent=_RUBRO, fontName="Helvetica-Bold")
_NOTA = ParagraphStyle("nota_poa", parent=PEQUENO, textColor=GRIS, spaceBefore=3)
_ESTILO_TABLA = TableStyle([
    ("BACKGROUND", (0, 0), (-1, 0), GUINDA), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("FONTNAME", (0, 1), (-1, -1), "Helvetica"),
    ("FONTSIZE", (0, 1), (-1, -1), 8), ("BOX", (0, 0), (-1, -1), 0.3, colors.grey),
    ("LINEAFTER", (0, 0), (-2, -1), 0.3, colors.grey), ("LINEBELOW", (0, 0), (-1, 0), 0.3, colors.grey),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
    ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
    # The last row (Total, TOTALES) stands out: bold on the office's light wine.
    ("BACKGROUND", (0, -1), (-1, -1), FONDO_TOTAL), ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
])


def _holgura(columna: int) -> list:
    """Thin padding on the figure columns: room for 1,234,567."""
    return [("LEFTPADDING", (columna, 1), (-1, -1), 2), ("RIGHTPADDING", (columna, 1), (-1, -1), 4)]


class _TablaMetas(LongTable):
    """Where a page cuts a long description's rows, the part on that page still gets its bottom edge
    (ReportLab's «splitlast» marks the wrong row from the second cut on)."""

    def split(self, ancho, alto):
        partes = super().split(ancho, alto)
        if len(partes) == 2:
            partes[0].setStyle([("LINEBELOW", (0, -1), (-1, -1), 0.3, colors.grey)])
        return partes


def periodo(r: ReportePoa) -> str:
    if not r.mes:
        return f"enero a diciembre de {r.anio}"
    return f"{MESES[0]} de {r.anio}" if r.mes == 1 else f"enero a {MESES[r.mes - 1]} de {r.anio}"


def titulo(r: ReportePoa) -> str:
    base = f"{TITULO_INFORME} {r.anio}"
    if not r.mes:
        return base
    return f"{base} (enero)" if r.mes == 1 else f"{base} (enero a {MESES[r.mes - 1]})"


def cifra(valor, unidad: str = "conteo") -> str:
    """A figure as printed: blank when there is none, a percentage with one decimal and «%»."""
    if valor is None:
        return ""
    if unidad == "porcentaje":
        return f"{valor:.1f} %"
    return f"{valor:,.1f}" if isinstance(valor, float) and not valor.is_integer() else f"{int(valor):,}"


def notas_cierre(r: ReportePoa) -> list[str]:
    """What the reader must know about closed months: a reprint, and the adjustments of late records."""
    notas = []
    if r.cierre:
        momento = dt.datetime.fromisoformat(r.cierre["momento"])
        notas.append(f"Reimpresión del informe de {MESES[r.cierre['mes'] - 1]}, cerrado el {momento:%d/%m/%Y %H:%M}"
                     + (f" por {r.cierre['cerrado_por']}" if r.cierre.get("cerrado_por") else "")
                     + (f" ({r.cierre['nota']})" if r.cierre.get("nota") else "") + ": cifras tal como se imprimieron.")
    elif r.ultimo_mes_cerrado:
        notas.append(f"Enero a {MESES[r.ultimo_mes_cerrado - 1]} están cerrados: sus cifras son las impresas al "
                     f"cerrarlos.")
    for a in r.ajustes:
        donde = f"en {MESES[a.mes - 1]}" if a.mes else "sin mes abierto donde sumarlo (el año está cerrado)"
        notas.append(f"Ajuste {a.valor:+d} en «{a.rubro}» (indicador {a.indicador}) {donde}: registros de meses "
                     f"cerrados que cambiaron después del cierre.")
    return notas


# --- PDF --------------------------------------------------------------------------------------------
def _tabla_indicador(indicador) -> Table:
    datos = [COLUMNAS_INDICADOR]
    for i, f in enumerate(indicador.filas, start=1):
        estilo = _RUBRO_TOTAL if i == len(indicador.filas) else _RUBRO
        datos.append([p(f.rubro, estilo=estilo), *(cifra(n) for n in f.meses), cifra(f.total)])
    tabla = Table(datos, colWidths=ANCHOS_INDICADOR, repeatRows=1, hAlign="LEFT")
    tabla.setStyle(_ESTILO_TABLA)
    # SEPTIEMBRE must fit its 44.5 points, and the longest rubro its column: thin padding.
    tabla.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, 0), 6.5), ("ALIGN", (1, 0), (-1, 0), "CENTER"),
                               ("LEFTPADDING", (1, 0), (-1, 0), 1), ("RIGHTPADDING", (1, 0), (-1, 0), 1),
                               ("LEFTPADDING", (0, 0), (0, -1), 4), ("RIGHTPADDING", (0, 0), (0, -1), 4),
                               ("FONTNAME", (-1, 1), (-1, -1), "Helvetica-Bold"),
                               ("GRID", (0, 0), (-1, -1), 0.3, colors.grey)] + _holgura(1)))
    return tabla


def _trozos(texto: str, ancho: float) -> list:
    """A description as paragraphs of at most ALTO_TROZO points: the rows of a long one, so that it
    runs on to the next page whole instead of failing to fit one (a table row never splits)."""
    resto, trozos = p(texto, estilo=PEQUENO), []
    while resto.wrap(ancho, ALTO_TROZO)[1] > ALTO_TROZO:
        partes = resto.split(ancho, ALTO_TROZO)
        if len(partes) != 2:
            break
        trozos.append(partes[0])
        resto = partes[1]
    return trozos + [resto]


def _filas_meta_pdf(m: FilaMeta) -> list[list]:
    primero, *siguientes = _trozos(m.descripcion, ANCHOS_METAS[1] - 12)
    filas = [[str(m.numero), primero, p(m.area, estilo=PEQUENO), *(cifra(v, m.unidad) for v in m.trimestres),
              cifra(m.total, m.unidad), cifra(m.programado, m.unidad), cifra(m.cumplimiento_pct, "porcentaje")]]
    return filas + [["", trozo] + [""] * 8 for trozo in siguientes]


def _tabla_metas(r: ReportePoa) -> _TablaMetas:
    datos, estilo = [[p(t, estilo=_CABECERA) for t in COLUMNAS_METAS]], []
    for k, m in enumerate(r.metas):
        filas = _filas_meta_pdf(m)
        desde, hasta = len(datos), len(datos) + len(filas) - 1
        # Zebra by meta, not by row; a long description's rows read as one.
        estilo.append(("BACKGROUND", (0, desde), (-1, hasta), ZEBRA if k % 2 else colors.white))
        estilo.append(("LINEBELOW", (0, hasta), (-1, hasta), 0.3, colors.grey))
        if hasta > desde:  # the rows of one description, without a gap between them
            estilo += [("BOTTOMPADDING", (0, desde), (-1, hasta - 1), 0),
                       ("TOPPADDING", (0, desde + 1), (-1, hasta), 0)]
        datos += filas
    datos.append(["TOTALES", "", "", *(cifra(n) for n in r.totales_metas), "", "", ""])
    tabla = _TablaMetas(datos, colWidths=ANCHOS_METAS, repeatRows=1, hAlign="LEFT")
    tabla.setStyle(_ESTILO_TABLA)
    tabla.setStyle(TableStyle([("SPAN", (0, -1), (2, -1)), ("ALIGN", (0, 1), (0, -2), "RIGHT"),
                               ("VALIGN", (0, 1), (-1, -1), "TOP"), ("BACKGROUND", (0, -1), (-1, -1), FONDO_TOTAL)]
                              + _holgura(3) + estilo))
    return tabla


def escribir_pdf(reporte: ReportePoa, ruta) -> None:
    doc = Documento(ruta, TITULO_INFORME, reporte.generado_por, horizontal=True, generado=reporte.generado)
    elementos = [p(titulo(reporte), estilo=TITULO), p(f"Periodo: {periodo(reporte)}."),
                 p("Parte 1 — Indicadores por rubro y mes", estilo=SUBTITULO)]
    for indicador in reporte.indicadores:
        elementos.append(KeepTogether([p(f"Indicador {indicador.numero} — {indicador.nombre}", estilo=SUBTITULO),
                                       _tabla_indicador(indicador), Spacer(0, 4)]))
    elementos += [p(nota, estilo=_NOTA) for nota in notas_cierre(reporte)]
    cabeza = [p("Parte 2 — Metas", estilo=SUBTITULO)]
    if not reporte.metas:
        cabeza.append(p(f"No hay metas cargadas para {reporte.anio}."))
    tabla = _tabla_metas(reporte)
    # The heading never ends a page alone: it starts the next one unless the table's header and first
    # row fit under it (the notes of closed months can push it down to the bottom of a page).
    elementos += [Spacer(0, 6), CondPageBreak(_alto_inicial(cabeza, tabla, doc.doc.width - 12)), *cabeza,
                  tabla, p(NOTA_METAS, estilo=_NOTA)]
    doc.construir(elementos)


def _alto_inicial(cabeza: list, tabla: LongTable, ancho: float) -> float:
    """What must share a page: the flowables before the table, its header row and its first row."""
    alto = sum(f.wrap(ancho, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in cabeza)
    tabla.wrap(ancho, 10_000)
    return alto + sum(tabla._rowHeights[:2]) + 1


# --- XLSX -------------------------------------------------------------------------------------------
_SECCION = PatternFill("solid", fgColor="F6F1F3")


def _formula(hoja: Worksheet, fila: int, columna: int, formula, formato: str, *, negrita: bool = False):
    """A live formula (or a number standing in for one): written as is, never through x.escribir,
    which would keep it as text."""
    celda = hoja.cell(row=fila, column=columna, value=formula)
    celda.border, celda.number_format = x.BORDE, formato
    if negrita:
        celda.font, celda.fill = Font(bold=True), x.TOTAL
    return celda


def _cabecera_hoja(hoja: Worksheet, r: ReportePoa, parte: str) -> None:
    hoja.cell(row=1, column=1, value=f"{titulo(r)} — {parte}").font = Font(bold=True, size=13, color="6D1A36")
    x.escribir(hoja, 2, 1, f"Periodo: {periodo(r)} · Generado por {r.generado_por} "
                           f"el {r.generado:%d/%m/%Y %H:%M}").border = x.Border()


def _imprimir(hoja: Worksheet, filas_titulo: str) -> None:
    hoja.page_setup.orientation, hoja.page_setup.paperSize = "landscape", hoja.PAPERSIZE_LETTER
    hoja.page_setup.fitToWidth, hoja.page_setup.fitToHeight = 1, 0
    hoja.sheet_properties.pageSetUpPr.fitToPage = True
    hoja.print_title_rows = filas_titulo


def _hoja_indicadores(hoja: Worksheet, r: ReportePoa) -> None:
    hoja.title = "Indicadores"
    _cabecera_hoja(hoja, r, "Parte 1: indicadores")
    ultima = len(COLUMNAS_INDICADOR)
    fila, congelar = 4, None
    for indicador in r.indicadores:
        hoja.merge_cells(start_row=fila, start_column=1, end_row=fila, end_column=ultima)
        seccion = x.escribir(hoja, fila, 1, f"Indicador {indicador.numero} — {indicador.nombre}", negrita=True)
        seccion.fill = _SECCION
        x.encabezado(hoja, fila + 1, COLUMNAS_INDICADOR)
        hoja.cell(row=fila + 1, column=1).alignment = Alignment(horizontal="left", vertical="center")
        primera = fila = fila + 2
        congelar = congelar or f"B{primera}"
        for f in indicador.filas[:-1]:
            x.escribir(hoja, fila, 1, f.rubro)
            for mes, n in enumerate(f.meses, start=2):
                x.escribir(hoja, fila, mes, n).number_format = CONTEO
            _formula(hoja, fila, ultima, f"=SUM(B{fila}:M{fila})", CONTEO).font = Font(bold=True)
            fila += 1
        # The Total row: each month the sum of the rows above it; TOTAL the sum of its months.
        x.escribir(hoja, fila, 1, indicador.filas[-1].rubro, negrita=True).fill = x.TOTAL
        for columna in range(2, ultima):
            letra = get_column_letter(columna)
            _formula(hoja, fila, columna, f"=SUM({letra}{primera}:{letra}{fila - 1})", CONTEO, negrita=True)
        _formula(hoja, fila, ultima, f"=SUM(B{fila}:M{fila})", CONTEO, negrita=True)
        fila += 2
    for nota in notas_cierre(r):
        x.escribir(hoja, fila, 1, nota).border = x.Border()
        fila += 1
    hoja.freeze_panes = congelar or "B4"
    hoja.column_dimensions["A"].width = 36
    for columna in range(2, ultima + 1):
        hoja.column_dimensions[get_column_letter(columna)].width = 12
    _imprimir(hoja, "1:2")


def _fila_meta_xlsx(hoja: Worksheet, fila: int, m: FilaMeta) -> None:
    formato = PORCENTAJE if m.unidad == "porcentaje" else CONTEO
    for columna, valor in enumerate([m.numero, m.descripcion, m.area, UNIDADES.get(m.unidad, m.unidad)], start=1):
        x.escribir(hoja, fila, columna, valor).alignment = Alignment(vertical="top", wrap_text=columna in (2, 3))
    for columna, valor in enumerate(m.trimestres, start=5):
        x.escribir(hoja, fila, columna, valor).number_format = formato
    trimestres = f"E{fila}:H{fila}"
    if m.unidad == "porcentaje":  # the mean of the quarters that have a value, as total_anual rounds it
        total = f'=IF(COUNT({trimestres})>0,ROUND(AVERAGE({trimestres}),1),"")'
    else:
        total = f"=SUM({trimestres})"
    _formula(hoja, fila, 9, total, formato)
    x.escribir(hoja, fila, 10, m.programado).number_format = formato
    _formula(hoja, fila, 11, f'=IF(AND(ISNUMBER(I{fila}),J{fila}>0),ROUND(I{fila}/J{fila}*100,1),"")', PORCENTAJE)


def _hoja_metas(hoja: Worksheet, r: ReportePoa) -> None:
    _cabecera_hoja(hoja, r, "Parte 2: metas")
    x.encabezado(hoja, 4, ["No.", "Descripción", "Área", "Unidad", *COLUMNAS_METAS[3:]])
    fila = 5
    for m in r.metas:
        _fila_meta_xlsx(hoja, fila, m)
        fila += 1
    hoja.merge_cells(start_row=fila, start_column=1, end_row=fila, end_column=4)
    x.escribir(hoja, fila, 1, "TOTALES", negrita=True).fill = x.TOTAL
    for columna in range(2, 12):
        hoja.cell(row=fila, column=columna).border = x.BORDE
        hoja.cell(row=fila, column=columna).fill = x.TOTAL
    # TOTALES: per quarter, the conteo metas only (their Unidad column says so).
    conteo = UNIDADES["conteo"]
    for columna in range(5, 9):
        letra = get_column_letter(columna)
        valor = f'=SUMIF($D$5:$D${fila - 1},"{conteo}",{letra}5:{letra}{fila - 1})' if r.metas else 0
        _formula(hoja, fila, columna, valor, CONTEO, negrita=True)
    x.escribir(hoja, fila + 2, 1, NOTA_METAS).border = x.Border()
    hoja.freeze_panes = "C5"
    for columna, ancho in enumerate([6, 55, 20, 12, 9, 9, 9, 9, 12, 13, 14], start=1):
        hoja.column_dimensions[get_column_letter(columna)].width = ancho
    _imprimir(hoja, "4:4")


def escribir_xlsx(reporte: ReportePoa, ruta) -> None:
    libro = Workbook()
    _hoja_indicadores(libro.active, reporte)
    _hoja_metas(libro.create_sheet("Metas"), reporte)
    libro.save(ruta)
