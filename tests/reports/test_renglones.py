"""Long tables' wrapped plain-text cells (pdf_comun.renglones): every line fits its column, no word
is lost or changed, and what a person typed is printed as typed, markup included."""
from __future__ import annotations

import io

from hypothesis import given, settings, strategies as st
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

from oee_desk.reports.pdf_comun import PEQUENO, estilo_renglones, renglones

_palabras = st.lists(st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáéíóúüÁÉÍÓÚ<>&\"'0123456789/-.,",
                             min_size=1, max_size=14), min_size=1, max_size=60)


@settings(max_examples=200, deadline=None)
@given(palabras=_palabras, ancho=st.sampled_from([80, 150, 288]))
def test_cada_renglon_cabe_y_no_se_pierde_ninguna_palabra(palabras, ancho):
    texto = " ".join(palabras)
    lineas = renglones(texto, ancho, PEQUENO).split("\n")
    assert " ".join(lineas).split() == palabras
    for linea in lineas:
        # A single word wider than the column stays whole on its own line, as in a Paragraph.
        assert stringWidth(linea, PEQUENO.fontName, PEQUENO.fontSize) <= ancho or " " not in linea.strip()


def test_en_el_pdf_se_lee_tal_como_se_escribio():
    asunto = 'Queja por <b>cobro</b> & "recargos" en la colonia Las Quintas de Hermosillo, Sonora, durante 2026'
    celda = renglones(asunto, 150, PEQUENO)
    assert "\n" in celda
    salida = io.BytesIO()
    tabla = LongTable([["Asunto"], [celda]], colWidths=[162])
    tabla.setStyle(TableStyle(estilo_renglones(((0, 1), (0, -1)), PEQUENO)))
    SimpleDocTemplate(salida).build([tabla])
    texto = " ".join(PdfReader(salida).pages[0].extract_text().split())
    assert asunto in texto
