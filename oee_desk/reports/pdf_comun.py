"""What every PDF of the office shares: letterhead, page numbers, who generated it and when.

The letterhead is the image resources/membrete.png (oee_desk.resources), so the office can replace it
with its official one: any wide, short PNG, scaled to the width between the margins (at most
ALTO_MAXIMO_MEMBRETE high, then left-aligned). Without a readable image the letterhead is drawn as text.
"""
from __future__ import annotations

import datetime as dt
import functools
import io
import os
from importlib import resources
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.platypus import Paragraph, SimpleDocTemplate

GOBIERNO = "Gobierno del Estado de Sonora"
OFICINA = "Oficina del Ejecutivo Estatal"
GUINDA = colors.HexColor("#6d1a36")  # the state government's institutional colour
GRIS = colors.HexColor("#5f6368")
MEMBRETE = "membrete.png"  # in oee_desk.resources
FORMA_MEMBRETE = "membrete"
MARGEN = 15 * mm  # left and right
ARRIBA_MEMBRETE = 8 * mm  # from the top edge of the page to the letterhead
ALTO_MAXIMO_MEMBRETE = 22 * mm

_estilos = getSampleStyleSheet()
NORMAL = ParagraphStyle("normal", parent=_estilos["Normal"], fontName="Helvetica", fontSize=9, leading=11)
PEQUENO = ParagraphStyle("pequeno", parent=NORMAL, fontSize=7.5, leading=9)
TITULO = ParagraphStyle("titulo", parent=NORMAL, fontName="Helvetica-Bold", fontSize=13, leading=16,
                        textColor=GUINDA, spaceAfter=4)
SUBTITULO = ParagraphStyle("subtitulo", parent=NORMAL, fontName="Helvetica-Bold", fontSize=10, leading=13,
                           spaceBefore=6, spaceAfter=3)


def p(*lineas, estilo: ParagraphStyle = NORMAL) -> Paragraph:
    """A paragraph of user text, one or more lines: escaped, so «<b>» or «&» typed by someone
    prints as typed."""
    return Paragraph("<br/>".join(escape("" if t is None else str(t)).replace("\n", "<br/>") for t in lineas), estilo)


def renglones(texto: str | None, ancho: float, estilo: ParagraphStyle = NORMAL) -> str:
    """User text wrapped to `ancho` points in `estilo`'s font, as a plain table cell (lines joined by
    newlines): the lines a Paragraph would make, for long tables whose cells a Paragraph would make
    slow (the status report's five thousand subjects). The table's style must give the cell
    `estilo`'s font, size and leading (estilo_renglones). Plain text: nothing in it is markup."""
    return "\n".join(simpleSplit("" if texto is None else str(texto), estilo.fontName, estilo.fontSize, ancho))


def estilo_renglones(celdas: tuple, estilo: ParagraphStyle) -> list[tuple]:
    """TableStyle commands that draw the cells `celdas` ((col, row), (col, row)) as `estilo`."""
    return [("FONTNAME", *celdas, estilo.fontName), ("FONTSIZE", *celdas, estilo.fontSize),
            ("LEADING", *celdas, estilo.leading)]


@functools.lru_cache(maxsize=1)
def membrete() -> ImageReader | None:
    """The letterhead image, read once; None when it is missing or not an image (the office's
    replacement may be): the documents then carry the letterhead as text."""
    try:
        imagen = ImageReader(io.BytesIO((resources.files("oee_desk.resources") / MEMBRETE).read_bytes()))
        ancho, alto = imagen.getSize()
    except Exception:  # noqa: BLE001 - a broken letterhead must not stop a report
        return None
    return imagen if ancho > 0 and alto > 0 else None


def medidas_membrete(imagen: ImageReader, ancho_disponible: float) -> tuple[float, float]:
    """Width and height of the letterhead on the page: the full width between the margins, unless
    that makes it taller than ALTO_MAXIMO_MEMBRETE."""
    ancho, alto = imagen.getSize()
    escala = min(ancho_disponible / ancho, ALTO_MAXIMO_MEMBRETE / alto)
    return ancho * escala, alto * escala


class Documento:
    """A SimpleDocTemplate with the letterhead and a footer on every page."""

    def __init__(self, destino, titulo: str, generado_por: str, *, horizontal: bool = False,
                 generado: dt.datetime | None = None, unidad: str = "Dirección General de Control de Gestión Documental"):
        self.tamano = landscape(letter) if horizontal else letter
        self.titulo, self.generado_por, self.unidad = titulo, generado_por, unidad
        self.generado = generado or dt.datetime.now().replace(microsecond=0)
        self.membrete = membrete()
        ancho = self.tamano[0] - 2 * MARGEN
        # The line of the unit and the title goes under the letterhead; the text starts below it.
        self.alto_membrete = medidas_membrete(self.membrete, ancho)[1] if self.membrete else 0
        self.linea_unidad = ARRIBA_MEMBRETE + self.alto_membrete + 4.5 * mm if self.membrete else 24.5 * mm
        # ReportLab takes a file name as str or a file object, not a Path.
        destino = os.fspath(destino) if isinstance(destino, os.PathLike) else destino
        self.doc = SimpleDocTemplate(destino, pagesize=self.tamano, leftMargin=MARGEN, rightMargin=MARGEN,
                                     topMargin=max(30 * mm, self.linea_unidad + 5.5 * mm), bottomMargin=18 * mm,
                                     title=titulo, author=OFICINA, creator="OEE Desk")

    def _pagina(self, lienzo, doc) -> None:
        ancho, alto = self.tamano
        lienzo.saveState()
        if self.membrete:
            # Drawn once into a form the pages reuse: drawing the image on each page costs ReportLab
            # ~2.5 ms a page (a 200-page status report: half a second).
            if not lienzo.hasForm(FORMA_MEMBRETE):
                ancho_imagen, alto_imagen = medidas_membrete(self.membrete, ancho - 2 * MARGEN)
                lienzo.beginForm(FORMA_MEMBRETE)
                lienzo.drawImage(self.membrete, MARGEN, alto - ARRIBA_MEMBRETE - alto_imagen, ancho_imagen,
                                 alto_imagen, mask="auto")
                lienzo.endForm()
            lienzo.doForm(FORMA_MEMBRETE)
            lienzo.setFont("Helvetica", 9)
            lienzo.setFillColor(GRIS)
            lienzo.drawString(MARGEN, alto - self.linea_unidad, self.unidad)
        else:
            lienzo.setFillColor(GUINDA)
            lienzo.rect(MARGEN, alto - 14 * mm, ancho - 2 * MARGEN, 1.2 * mm, stroke=0, fill=1)
            lienzo.setFont("Helvetica-Bold", 11)
            lienzo.drawString(MARGEN, alto - 20 * mm, GOBIERNO)
            lienzo.setFont("Helvetica", 9)
            lienzo.setFillColor(GRIS)
            lienzo.drawString(MARGEN, alto - self.linea_unidad, f"{OFICINA} · {self.unidad}")
        lienzo.drawRightString(ancho - MARGEN, alto - self.linea_unidad, self.titulo)
        lienzo.setFont("Helvetica", 7.5)
        lienzo.drawString(MARGEN, 10 * mm,
                          f"Generado por {self.generado_por} el {self.generado:%d/%m/%Y a las %H:%M} · OEE Desk")
        lienzo.drawRightString(ancho - MARGEN, 10 * mm, f"Página {doc.page}")
        lienzo.restoreState()

    def construir(self, elementos: list) -> None:
        self.doc.build(elementos, onFirstPage=self._pagina, onLaterPages=self._pagina)
