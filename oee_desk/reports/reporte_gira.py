"""The report of one gira: its data, its petitions counted by tema, and the list of them, as a
landscape PDF (in chunks of rows, so thousands stay fast) and as a spreadsheet."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, Spacer, Table, TableStyle

from ..domain.peticiones import ESTATUS
from ..domain.semaforo import Oportunidad
from ..services.giras import DatosGira
from ..services.lista_peticiones import FilaPeticion
from . import xlsx_comun as x
from .documentos_correspondencia import fecha_larga
from .pdf_comun import GRIS, GUINDA, PEQUENO, SUBTITULO, TITULO, Documento, ParagraphStyle, p

COORDINACION = "Coordinación Ejecutiva de Atención Ciudadana"
BLOQUE = 100  # rows per table: ReportLab re-measures what is left of a table at every page break
COLUMNAS = ["#", "Folio", "Recepción", "Ciudadano", "Tema", "Estatus", "Vence", "Semáforo"]
ANCHOS = [28, 72, 70, 208, 110, 66, 52, 100]  # points: 706 = landscape letter minus the margins
COLUMNAS_XLSX = ["Folio", "Fecha de recepción", "Ciudadano", "Teléfono", "Municipio", "Canal", "Tema", "Estatus",
                 "Fecha límite", "Semáforo", "Días hábiles restantes", "Operador"]
ANCHOS_XLSX = [17, 17, 36, 14, 18, 20, 24, 15, 12, 22, 11, 16]
COLOR_OPORTUNIDAD = {Oportunidad.EN_TIEMPO: colors.HexColor("#1e7b34"), Oportunidad.POR_VENCER: colors.HexColor("#b26a00"),
                     Oportunidad.VENCIDO: colors.HexColor("#b3261e")}
FUENTE, TAMANO = "Helvetica", 8

_CABECERA = ParagraphStyle("cabecera_gira", parent=PEQUENO, fontName="Helvetica-Bold", textColor=colors.white)
_ETIQUETA = ParagraphStyle("etiqueta_gira", parent=PEQUENO, textColor=GRIS)
_ESTILO_TABLA = TableStyle([
    ("BACKGROUND", (0, 0), (-1, 0), GUINDA), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("FONTNAME", (0, 1), (-1, -1), FUENTE),
    ("FONTSIZE", (0, 0), (-1, -1), TAMANO), ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f1f3")]),
])


def titulo(gira: DatosGira) -> str:
    return f"Reporte de la gira {gira.clave}"


@lru_cache(maxsize=4096)  # temas and semáforo texts repeat on every row
def _ajustar(texto: str | None, ancho: float) -> str:
    """Plain text cut with «…» to fit its column: a Paragraph per cell would make 5,000 rows slow."""
    texto = " ".join((texto or "").split())
    disponible = ancho - 8  # the cell's padding
    if stringWidth(texto, FUENTE, TAMANO) <= disponible:
        return texto
    corto, largo = 0, len(texto)  # the longest prefix that fits with its «…»
    while corto < largo:
        medio = (corto + largo + 1) // 2
        if stringWidth(texto[:medio].rstrip() + "…", FUENTE, TAMANO) <= disponible:
            corto = medio
        else:
            largo = medio - 1
    return texto[:corto].rstrip() + "…"


def _semaforo(fila: FilaPeticion) -> str:
    return fila.semaforo.texto if fila.semaforo else "—"


def _generado(generado_por: str | None) -> str:
    return generado_por or COORDINACION


def _ficha(gira: DatosGira) -> Table:
    municipio = f"{gira.municipio_nombre} ({gira.municipio})"
    filas = [("Fecha", fecha_larga(gira.fecha)), ("Municipio", municipio), ("Localidad", gira.localidad or "—"),
             ("Evento", gira.evento), ("Peticiones recibidas", str(sum(n for _, n in gira.por_tema)))]
    tabla = Table([[p(e, estilo=_ETIQUETA), p(v)] for e, v in filas], colWidths=[110, 596], hAlign="LEFT")
    tabla.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                               ("LEFTPADDING", (0, 0), (0, -1), 0)]))
    return tabla


def _por_tema(gira: DatosGira) -> Table:
    total = sum(n for _, n in gira.por_tema)
    datos = [[p(t, estilo=_CABECERA) for t in ("Tema", "Peticiones", "%")]]
    datos += [[p(tema, estilo=PEQUENO), n, f"{100 * n / total:.1f}"] for tema, n in gira.por_tema]
    datos.append(["Total", total, "100.0" if total else ""])
    tabla = Table(datos, colWidths=[220, 70, 50], hAlign="LEFT", repeatRows=1)
    tabla.setStyle(_ESTILO_TABLA)
    tabla.setStyle(TableStyle([("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"), ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    return tabla


def _bloque(filas: list[FilaPeticion], inicio: int) -> LongTable:
    datos = [[p(t, estilo=_CABECERA) for t in COLUMNAS]]
    colores = []
    for i, f in enumerate(filas, start=1):
        datos.append([str(inicio + i), f.folio, f"{f.fecha_recepcion:%d/%m/%Y %H:%M}", _ajustar(f.ciudadano, ANCHOS[3]),
                      _ajustar(f.tema, ANCHOS[4]), ESTATUS.get(f.estatus, f.estatus), f"{f.fecha_limite:%d/%m/%Y}",
                      _ajustar(_semaforo(f), ANCHOS[7])])
        if f.semaforo:
            colores.append(("TEXTCOLOR", (7, i), (7, i), COLOR_OPORTUNIDAD[f.semaforo.oportunidad]))
    tabla = LongTable(datos, colWidths=ANCHOS, repeatRows=1)
    tabla.setStyle(_ESTILO_TABLA)
    tabla.setStyle(TableStyle([("ALIGN", (0, 1), (0, -1), "RIGHT")] + colores))
    return tabla


def escribir_reporte_gira(gira: DatosGira, filas: list[FilaPeticion], ruta_pdf, *,
                          generado_por: str | None = None, generado: dt.datetime | None = None) -> None:
    doc = Documento(ruta_pdf, "Reporte de gira", _generado(generado_por), horizontal=True, generado=generado,
                    unidad=COORDINACION)
    elementos = [p(titulo(gira), estilo=TITULO), _ficha(gira), Spacer(0, 6), p("Peticiones por tema", estilo=SUBTITULO)]
    elementos.append(_por_tema(gira) if gira.por_tema else p("No se registraron peticiones en esta gira."))
    elementos += [Spacer(0, 6), p(f"Peticiones recibidas ({len(filas)})", estilo=SUBTITULO)]
    if not filas:
        elementos.append(p("No hay peticiones que listar."))
    for inicio in range(0, len(filas), BLOQUE):
        elementos.append(_bloque(filas[inicio:inicio + BLOQUE], inicio))
    doc.construir(elementos)


def escribir_reporte_gira_xlsx(gira: DatosGira, filas: list[FilaPeticion], ruta_xlsx, *,
                               generado_por: str | None = None, generado: dt.datetime | None = None) -> None:
    generado = generado or dt.datetime.now().replace(microsecond=0)
    libro = Workbook()
    hoja = libro.active
    hoja.title = "Resumen"
    x.escribir(hoja, 1, 1, titulo(gira), negrita=True)
    x.escribir(hoja, 2, 1, f"Generado por {_generado(generado_por)} el {generado:%d/%m/%Y %H:%M}")
    datos = [("Clave", gira.clave), ("Fecha", gira.fecha), ("Municipio", f"{gira.municipio_nombre} ({gira.municipio})"),
             ("Localidad", gira.localidad), ("Evento", gira.evento)]
    for fila, (etiqueta, valor) in enumerate(datos, start=4):
        x.escribir(hoja, fila, 1, etiqueta, negrita=True)
        celda = x.escribir(hoja, fila, 2, valor)
        if isinstance(valor, dt.date):
            celda.number_format = "DD/MM/YYYY"
            celda.alignment = x.Alignment(horizontal="left")
    x.encabezado(hoja, 10, ["Tema", "Peticiones"])
    fila = 11
    for tema, n in gira.por_tema:
        x.escribir(hoja, fila, 1, tema)
        x.escribir(hoja, fila, 2, n)
        fila += 1
    x.escribir(hoja, fila, 1, "Total", negrita=True)
    total = hoja.cell(row=fila, column=2, value=f"=SUM(B11:B{fila - 1})" if fila > 11 else 0)
    total.font, total.fill, total.border = x.Font(bold=True), x.TOTAL, x.BORDE
    hoja.column_dimensions["A"].width, hoja.column_dimensions["B"].width = 34, 60

    lista = libro.create_sheet("Peticiones")
    x.encabezado(lista, 1, COLUMNAS_XLSX)
    for numero, f in enumerate(filas, start=2):
        valores = [f.folio, f.fecha_recepcion, f.ciudadano, f.telefono, f.municipio, f.canal, f.tema,
                   ESTATUS.get(f.estatus, f.estatus), f.fecha_limite, _semaforo(f),
                   f.semaforo.dias_restantes if f.semaforo else None, f.operador]
        for columna, valor in enumerate(valores, start=1):
            celda = x.escribir(lista, numero, columna, valor)
            if columna == 2:
                celda.number_format = "DD/MM/YYYY HH:MM"
            elif columna == 9:
                celda.number_format = "DD/MM/YYYY"
    lista.freeze_panes = "B2"
    lista.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNAS_XLSX))}{max(len(filas) + 1, 2)}"
    for columna, ancho in enumerate(ANCHOS_XLSX, start=1):
        lista.column_dimensions[get_column_letter(columna)].width = ancho
    libro.save(ruta_xlsx)
