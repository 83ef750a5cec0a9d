"""Reporte de Estatus por Dependencia as PDF (landscape, letterhead) and XLSX (live totals)."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.platypus import LongTable, Spacer, TableStyle

from ..services.reporte_estatus import ReporteEstatus
from . import xlsx_comun as x
from .pdf_comun import GUINDA, PEQUENO, SUBTITULO, TITULO, Documento, ParagraphStyle, estilo_renglones, p, renglones

COLUMNAS = ["Dependencia", "Recibidos", "Atendidos", "En proceso", "Sin atender", "Vencidos",
            "Promedio días hábiles para responder"]
COLUMNAS_PENDIENTES = ["Dependencia", "Número de control", "Asunto", "Turnado", "Vence", "Estado", "Días vencido"]
BLOQUE = 100
ANCHO_ASUNTO = 288  # points; the text inside is 12 less (the cell's padding)
ANCHO_DEPENDENCIA = 82  # the catalog's longest code, «IMSS-BIENESTAR», is 68 points at 8 (+12)
_CABECERA = ParagraphStyle("cabecera", parent=PEQUENO, fontName="Helvetica-Bold", textColor=colors.white)


def _cabeceras(titulos: list[str]) -> list:
    return [p(t, estilo=_CABECERA) for t in titulos]


_ESTILO_TABLA = TableStyle([
    ("BACKGROUND", (0, 0), (-1, 0), GUINDA), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("FONTSIZE", (0, 0), (-1, -1), 8),
    ("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f1f3")]),
])


def _titulo(r: ReporteEstatus) -> str:
    return f"Reporte de Estatus por Dependencia del {r.desde:%d/%m/%Y} al {r.hasta:%d/%m/%Y}"


def _cumplimiento(r: ReporteEstatus) -> str:
    if r.cumplimiento_48_horas is None:
        return "Sin asuntos turnados en el periodo."
    sin_turnar = f"; {r.sin_turnar_pasadas_48_horas} sin turnar pasadas 48 horas" \
        if r.sin_turnar_pasadas_48_horas else ""
    return (f"Asuntos recibidos: {r.asuntos_recibidos}. Turnados dentro de 48 horas: {r.turnados_en_48_horas} "
            f"de {r.con_meta_48_horas} ({r.cumplimiento_48_horas:.1f} %){sin_turnar}.")


def escribir_pdf(r: ReporteEstatus, destino) -> None:
    doc = Documento(destino, "Reporte de Estatus por Dependencia", r.generado_por, horizontal=True, generado=r.generado)
    elementos = [p(_titulo(r), estilo=TITULO), p(_cumplimiento(r)), Spacer(0, 6)]
    datos = [_cabeceras(COLUMNAS)] + [[p(f"{f.codigo} — {f.nombre}", estilo=PEQUENO), f.recibidos, f.atendidos, f.en_proceso,
                           f.sin_atender, f.vencidos, "" if f.promedio_dias is None else f"{f.promedio_dias:.1f}"]
                          for f in r.dependencias]
    datos.append(["Total"] + [sum(getattr(f, c) for f in r.dependencias)
                              for c in ("recibidos", "atendidos", "en_proceso", "sin_atender", "vencidos")] + [""])
    tabla = LongTable(datos, colWidths=[250, 60, 60, 60, 65, 60, 95], repeatRows=1, hAlign="LEFT")
    tabla.setStyle(_ESTILO_TABLA)
    tabla.setStyle(TableStyle([("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"), ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    elementos += [tabla, Spacer(0, 8), p("Pendientes por dependencia", estilo=SUBTITULO)]
    # The subject as wrapped plain text, not a Paragraph: the same lines at a fraction of the cost,
    # and there are thousands of them.
    filas = [[f.codigo, q.numero_control, renglones(q.asunto[:300], ANCHO_ASUNTO - 12, PEQUENO),
              f"{q.fecha_turno:%d/%m/%Y}", f"{q.fecha_limite:%d/%m/%Y}", q.estado.replace("_", " "),
              q.dias_vencido if q.vencido else ""]
             for f in r.dependencias for q in f.pendientes]
    if not filas:
        elementos.append(p("No hay turnos pendientes en el periodo."))
    # Blocks of at most BLOQUE rows, each with its header: ReportLab re-measures the rest of a table
    # at every page break, so one table of 5,000 rows takes seconds longer than fifty of 100.
    for inicio in range(0, len(filas), BLOQUE):
        tabla = LongTable([_cabeceras(COLUMNAS_PENDIENTES)] + filas[inicio:inicio + BLOQUE],
                          colWidths=[ANCHO_DEPENDENCIA, 85, ANCHO_ASUNTO, 60, 60, 60, 55], repeatRows=1)
        tabla.setStyle(_ESTILO_TABLA)
        tabla.setStyle(TableStyle([("ALIGN", (-1, 1), (-1, -1), "RIGHT"),
                                   *estilo_renglones(((2, 1), (2, -1)), PEQUENO)]))
        elementos.append(tabla)
    doc.construir(elementos)


def escribir_xlsx(r: ReporteEstatus, destino) -> None:
    libro = Workbook()
    hoja = libro.active
    hoja.title = "Estatus"
    x.escribir(hoja, 1, 1, _titulo(r), negrita=True)
    x.escribir(hoja, 2, 1, _cumplimiento(r))
    x.escribir(hoja, 3, 1, f"Generado por {r.generado_por} el {r.generado:%d/%m/%Y %H:%M}")
    x.encabezado(hoja, 5, ["Siglas", "Dependencia"] + COLUMNAS[1:])
    fila = 6
    for f in r.dependencias:
        valores = [f.codigo, f.nombre, f.recibidos, f.atendidos, f.en_proceso, f.sin_atender, f.vencidos,
                   f.promedio_dias]
        for columna, valor in enumerate(valores, start=1):
            x.escribir(hoja, fila, columna, valor)
        fila += 1
    x.escribir(hoja, fila, 1, "Total", negrita=True)
    for columna in range(3, 8):
        letra = get_column_letter(columna)
        celda = hoja.cell(row=fila, column=columna, value=f"=SUM({letra}6:{letra}{fila - 1})" if fila > 6 else 0)
        celda.font, celda.fill, celda.border = x.Font(bold=True), x.TOTAL, x.BORDE
    hoja.freeze_panes = "C6"
    for letra, ancho in zip("ABCDEFGH", (10, 48, 11, 11, 11, 12, 11, 18)):
        hoja.column_dimensions[letra].width = ancho
    detalle = libro.create_sheet("Pendientes")
    x.encabezado(detalle, 1, ["Dependencia", "Número de control", "Asunto", "Turnado", "Vence", "Estado", "Días vencido"])
    fila = 2
    for f in r.dependencias:
        for q in f.pendientes:
            for columna, valor in enumerate([f.codigo, q.numero_control, q.asunto, q.fecha_turno, q.fecha_limite,
                                             q.estado.replace("_", " "), q.dias_vencido if q.vencido else None], start=1):
                celda = x.escribir(detalle, fila, columna, valor)
                if columna in (4, 5):
                    celda.number_format = "DD/MM/YYYY"
            fila += 1
    detalle.freeze_panes = "A2"
    for letra, ancho in zip("ABCDEFG", (12, 18, 70, 12, 12, 14, 12)):
        detalle.column_dimensions[letra].width = ancho
    libro.save(destino)
