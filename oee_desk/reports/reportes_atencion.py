"""The supervisor's other reports as landscape PDFs with the letterhead: petitions by tema, municipio
and canal; response times per agency; giras of a period. The workbooks are in
reportes_atencion_xlsx.py; `escribir` picks the writer for a report and a format."""
from __future__ import annotations

import os

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, LongTable, Spacer, Table, TableStyle

from ..services.reportes_atencion import (
    NOTA_TIEMPOS, Conteo, ReporteGiras, ReportePeticiones, ReporteTiempos, texto_dias as dias,
    texto_porcentaje as porcentaje,
)
from .pdf_comun import GRIS, GUINDA, PEQUENO, SUBTITULO, TITULO, Documento, ParagraphStyle, p
from .reporte_gira import COORDINACION

ANCHO = 694  # points: the frame of landscape letter (Documento)
ZEBRA = colors.HexColor("#f6f1f3")
FONDO_TOTAL = colors.HexColor("#ede3e7")
COLUMNAS_TIEMPOS = ["Dependencia", "Turnados", "Respondidos", "Pendientes", "Con fecha de respuesta",
                    "Mediana (días)", "Percentil 90 (días)", "Máximo (días)"]
ANCHOS_TIEMPOS = [274, 60, 60, 60, 60, 60, 60, 60]
COLUMNAS_GIRAS = ["Clave", "Fecha", "Municipio", "Localidad", "Evento", "Peticiones", "Canalizadas",
                  "Con seguimiento"]
ANCHOS_GIRAS = [78, 54, 84, 90, 193, 65, 65, 65]
NOTA_PETICIONES = "Sin peticiones anuladas ni fusionadas en otra. El municipio es el registrado con la petición."
NOTA_GIRAS = ("Peticiones captadas en cada gira, sin anuladas ni fusionadas; canalizadas: enviadas al menos una vez "
              "a un área o dependencia; con seguimiento: con al menos un seguimiento registrado.")

_CABECERA = ParagraphStyle("cabecera_atencion", parent=PEQUENO, fontName="Helvetica-Bold", textColor=colors.white)
_CABECERA_CIFRA = ParagraphStyle("cabecera_cifra_atencion", parent=_CABECERA, alignment=2)
_CELDA = ParagraphStyle("celda_atencion", parent=PEQUENO, fontSize=8, leading=10)
_NOTA = ParagraphStyle("nota_atencion", parent=PEQUENO, textColor=GRIS, spaceBefore=2, spaceAfter=4)
_ESTILO_TABLA = TableStyle([
    ("BACKGROUND", (0, 0), (-1, 0), GUINDA), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("FONTNAME", (0, 1), (-1, -1), "Helvetica"),
    # The leading of the paragraph cells, so that plain figures sit on the same line as names.
    ("FONTSIZE", (0, 0), (-1, -1), 8), ("LEADING", (0, 0), (-1, -1), 10), ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
])
_FILA_TOTAL = [("BACKGROUND", (0, -1), (-1, -1), FONDO_TOTAL), ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold")]


def _periodo(r) -> str:
    return f"del {r.desde:%d/%m/%Y} al {r.hasta:%d/%m/%Y}"


def titulo(r: ReportePeticiones | ReporteTiempos | ReporteGiras) -> str:
    if isinstance(r, ReportePeticiones):
        return f"Peticiones por tema, municipio y canal {_periodo(r)}"
    if isinstance(r, ReporteTiempos):
        return f"Tiempos de respuesta por dependencia {_periodo(r)}"
    return f"Giras {_periodo(r)}"


def resumen_tiempos(r: ReporteTiempos) -> str:
    if not r.turnados:
        return "No se emitieron turnos en el periodo."
    return (f"Turnos emitidos en el periodo: {r.turnados:,}; respondidos: {r.respondidos:,}; pendientes: "
            f"{r.pendientes:,}. Mediana: {dias(r.mediana_dias)} días; percentil 90: {dias(r.p90_dias)} días.")


def resumen_giras(r: ReporteGiras) -> str:
    if not r.giras:
        return "No hubo giras en el periodo."
    return (f"Giras: {len(r.giras)}; peticiones captadas: {r.peticiones:,}; canalizadas: {r.canalizadas:,}; "
            f"con seguimiento: {r.con_seguimiento:,}.")


def _tabla(datos: list[list], anchos: list[float], *, textos=(0,), total: bool = True, extra=()) -> LongTable:
    """The office's table: wine header repeated on every page, zebra rows, figures (every column but
    `textos`) to the right, and the Total row on light wine."""
    cabecera = [p(t, estilo=_CABECERA if i in textos else _CABECERA_CIFRA) for i, t in enumerate(datos[0])]
    tabla = LongTable([cabecera] + datos[1:], colWidths=anchos, repeatRows=1, hAlign="LEFT")
    tabla.setStyle(_ESTILO_TABLA)
    derecha = [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in range(len(anchos)) if i not in textos]
    tabla.setStyle(TableStyle(derecha + (_FILA_TOTAL if total else []) + list(extra)))
    return tabla


def _nombre(texto: str) -> object:
    return p(texto, estilo=_CELDA)


# --- petitions by tema, municipio and canal ---------------------------------------------------------
FILAS_POR_BLOQUE = 30  # rows of a multi-column block: one block always fits a page
LARGO_LADO_A_LADO = 32  # longer lists than this go one under the other: a side-by-side pair never splits


def _conteos(titulo_columna: str, conteos: tuple[Conteo, ...], total: int, *, con_codigo: bool = False,
             grupos: int = 1) -> list:
    """Name, count and share of each; a long list in `grupos` columns side by side, read top to bottom
    then left to right (the 72 municipios fit one page), in blocks that each fit a page."""
    ancho = ANCHO / grupos if grupos > 1 else 340
    anchos = [ancho - 110, 60, 50] * grupos
    celdas = [[_nombre(f"{c.nombre} ({c.codigo})" if con_codigo and c.codigo else c.nombre), f"{c.peticiones:,}",
               porcentaje(c.peticiones, total)] for c in conteos]
    por_grupo = min(FILAS_POR_BLOQUE, -(-len(celdas) // grupos))
    tablas = []
    for inicio in range(0, len(celdas), por_grupo * grupos):
        bloque = celdas[inicio:inicio + por_grupo * grupos]
        columnas = [bloque[g * por_grupo:(g + 1) * por_grupo] for g in range(grupos)]
        datos = [[titulo_columna, "Peticiones", "%"] * grupos]
        for fila in range(max(len(c) for c in columnas)):
            datos.append([celda for c in columnas for celda in (c[fila] if fila < len(c) else ["", "", ""])])
        ultimo = inicio + por_grupo * grupos >= len(celdas)
        if ultimo:
            datos.append(["Total", f"{total:,}", "100.0 %" if total else ""] + [""] * 3 * (grupos - 1))
        separadores = [("LINEBEFORE", (3 * g, 0), (3 * g, -1), 1.2, GUINDA) for g in range(1, grupos)]
        tablas.append(_tabla(datos, anchos, textos=range(0, 3 * grupos, 3), total=ultimo, extra=separadores))
    return tablas


def _lado_a_lado(izquierda: list, derecha: list) -> list:
    """Two short tables next to each other, each under its subtitle."""
    tabla = Table([[izquierda, derecha]], colWidths=[ANCHO / 2, ANCHO / 2], hAlign="LEFT")
    tabla.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [tabla]


def _canal_por_corte(r: ReportePeticiones) -> LongTable:
    columnas = len(r.cortes)
    ancho_cifra = min(50.0, (ANCHO - 150) / (columnas + 1))
    datos = [["Canal", *(c.etiqueta for c in r.cortes), "Total"]]
    for f in r.canal_por_corte:
        datos.append([_nombre(f.nombre), *(f"{n:,}" for n in f.valores), f"{f.total:,}"])
    datos.append(["Total", *(f"{sum(f.valores[i] for f in r.canal_por_corte):,}" for i in range(columnas)),
                  f"{r.total:,}"])
    return _tabla(datos, [150] + [ancho_cifra] * (columnas + 1),
                  extra=[("FONTNAME", (-1, 1), (-1, -1), "Helvetica-Bold"),
                         ("LEFTPADDING", (1, 0), (-1, -1), 2), ("RIGHTPADDING", (1, 0), (-1, -1), 4)])


def pdf_peticiones(r: ReportePeticiones, ruta) -> None:
    doc = Documento(ruta, "Peticiones por tema, municipio y canal", r.generado_por, horizontal=True,
                    generado=r.generado, unidad=COORDINACION)
    elementos = [p(titulo(r), estilo=TITULO), p(f"Peticiones recibidas en el periodo: {r.total:,}."),
                 p(NOTA_PETICIONES, estilo=_NOTA)]
    if not r.total:
        elementos.append(p("No se recibieron peticiones en el periodo."))
        doc.construir(elementos)
        return
    tema = [p("Por tema", estilo=SUBTITULO), *_conteos("Tema", r.por_tema, r.total)]
    canal = [p("Por canal", estilo=SUBTITULO), *_conteos("Canal", r.por_canal, r.total)]
    if max(len(r.por_tema), len(r.por_canal)) <= LARGO_LADO_A_LADO:
        elementos += _lado_a_lado(tema, canal)
    else:
        elementos += tema + canal
    por = "año" if r.cortes[0].mes is None else "mes"
    elementos.append(KeepTogether([p(f"Por canal y {por}", estilo=SUBTITULO), _canal_por_corte(r)]))
    grupos = 1 if len(r.por_municipio) <= 10 else 2 if len(r.por_municipio) <= 20 else 3
    municipios = _conteos("Municipio", r.por_municipio, r.total, con_codigo=True, grupos=grupos)
    elementos += [KeepTogether([p("Por municipio", estilo=SUBTITULO), municipios[0]]), *municipios[1:]]
    doc.construir(elementos)


# --- response times per agency ---------------------------------------------------------------------
def pdf_tiempos(r: ReporteTiempos, ruta) -> None:
    doc = Documento(ruta, "Tiempos de respuesta por dependencia", r.generado_por, horizontal=True, generado=r.generado)
    elementos = [p(titulo(r), estilo=TITULO), p(resumen_tiempos(r)), p(NOTA_TIEMPOS, estilo=_NOTA), Spacer(0, 4)]
    if r.dependencias:
        datos = [COLUMNAS_TIEMPOS]
        for d in r.dependencias:
            datos.append([_nombre(f"{d.codigo} — {d.nombre}"), f"{d.turnados:,}", f"{d.respondidos:,}",
                          f"{d.pendientes:,}", f"{d.medidos:,}", dias(d.mediana_dias), dias(d.p90_dias),
                          dias(d.maximo_dias)])
        maximo = max((d.maximo_dias for d in r.dependencias if d.maximo_dias is not None), default=None)
        datos.append(["Total", f"{r.turnados:,}", f"{r.respondidos:,}", f"{r.pendientes:,}", f"{r.medidos:,}",
                      dias(r.mediana_dias), dias(r.p90_dias), dias(maximo)])
        elementos.append(_tabla(datos, ANCHOS_TIEMPOS))
    doc.construir(elementos)


# --- giras of the period ----------------------------------------------------------------------------
def pdf_giras(r: ReporteGiras, ruta) -> None:
    doc = Documento(ruta, "Giras del periodo", r.generado_por, horizontal=True, generado=r.generado,
                    unidad=COORDINACION)
    elementos = [p(titulo(r), estilo=TITULO), p(resumen_giras(r)), p(NOTA_GIRAS, estilo=_NOTA), Spacer(0, 4)]
    if r.giras:
        datos = [COLUMNAS_GIRAS]
        for f in r.giras:
            g = f.gira
            datos.append([g.clave, f"{g.fecha:%d/%m/%Y}", _nombre(g.municipio_nombre), _nombre(g.localidad or "—"),
                          _nombre(g.evento), f"{g.peticiones:,}", f"{f.canalizadas:,}", f"{f.con_seguimiento:,}"])
        datos.append([f"Total ({len(r.giras)} giras)", "", "", "", "", f"{r.peticiones:,}", f"{r.canalizadas:,}",
                      f"{r.con_seguimiento:,}"])
        elementos.append(_tabla(datos, ANCHOS_GIRAS, textos=range(5), extra=[("SPAN", (0, -1), (4, -1))]))
    doc.construir(elementos)


PDF = {ReportePeticiones: pdf_peticiones, ReporteTiempos: pdf_tiempos, ReporteGiras: pdf_giras}


def escribir(reporte: ReportePeticiones | ReporteTiempos | ReporteGiras, ruta, formato: str) -> None:
    """Write `reporte` as `formato` («pdf» or «xlsx») to `ruta` (a path or an open binary file)."""
    if isinstance(ruta, os.PathLike):
        ruta = os.fspath(ruta)  # ReportLab takes a str, not a Path
    if formato == "pdf":
        PDF[type(reporte)](reporte, ruta)
        return
    from . import reportes_atencion_xlsx  # it imports this module's titles

    reportes_atencion_xlsx.XLSX[type(reporte)](reporte, ruta)
