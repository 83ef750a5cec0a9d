"""What every PDF of the office shares: letterhead, page numbers, who generated it and when."""
from __future__ import annotations

import datetime as dt
import os
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

GOBIERNO = "Gobierno del Estado de Sonora"
OFICINA = "Oficina del Ejecutivo Estatal"
GUINDA = colors.HexColor("#6d1a36")  # the state government's institutional colour
GRIS = colors.HexColor("#5f6368")

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


class Documento:
    """A SimpleDocTemplate with the letterhead and a footer on every page."""

    def __init__(self, destino, titulo: str, generado_por: str, *, horizontal: bool = False,
                 generado: dt.datetime | None = None, unidad: str = "Dirección General de Control de Gestión Documental"):
        self.tamano = landscape(letter) if horizontal else letter
        self.titulo, self.generado_por, self.unidad = titulo, generado_por, unidad
        self.generado = generado or dt.datetime.now().replace(microsecond=0)
        # ReportLab takes a file name as str or a file object, not a Path.
        destino = os.fspath(destino) if isinstance(destino, os.PathLike) else destino
        self.doc = SimpleDocTemplate(destino, pagesize=self.tamano, leftMargin=15 * mm, rightMargin=15 * mm,
                                     topMargin=30 * mm, bottomMargin=18 * mm, title=titulo, author=OFICINA,
                                     creator="OEE Desk")

    def _pagina(self, lienzo, doc) -> None:
        ancho, alto = self.tamano
        lienzo.saveState()
        lienzo.setFillColor(GUINDA)
        lienzo.rect(15 * mm, alto - 14 * mm, ancho - 30 * mm, 1.2 * mm, stroke=0, fill=1)
        lienzo.setFont("Helvetica-Bold", 11)
        lienzo.drawString(15 * mm, alto - 20 * mm, GOBIERNO)
        lienzo.setFont("Helvetica", 9)
        lienzo.setFillColor(GRIS)
        lienzo.drawString(15 * mm, alto - 24.5 * mm, f"{OFICINA} · {self.unidad}")
        lienzo.drawRightString(ancho - 15 * mm, alto - 20 * mm, self.titulo)
        lienzo.setFont("Helvetica", 7.5)
        lienzo.drawString(15 * mm, 10 * mm,
                          f"Generado por {self.generado_por} el {self.generado:%d/%m/%Y a las %H:%M} · OEE Desk")
        lienzo.drawRightString(ancho - 15 * mm, 10 * mm, f"Página {doc.page}")
        lienzo.restoreState()

    def construir(self, elementos: list) -> None:
        self.doc.build(elementos, onFirstPage=self._pagina, onLaterPages=self._pagina)
