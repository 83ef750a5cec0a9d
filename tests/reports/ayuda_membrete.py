"""Whether a PDF page carries the office letterhead: the image resources/membrete.png, as drawn by
reports/pdf_comun.py on every page."""
from __future__ import annotations

from pypdf import PdfReader

from oee_desk.reports import pdf_comun


def imagenes(pagina) -> list[tuple[int, int]]:
    """Width and height in pixels of each image the page draws, itself or through a form it uses
    (the letterhead is drawn once into a form that every page shows)."""
    recursos = pagina.get("/Resources")
    objetos = recursos.get_object().get("/XObject", {}) if recursos else {}
    tamanos = []
    for referencia in objetos.values():
        objeto = referencia.get_object()
        if objeto.get("/Subtype") == "/Image":
            tamanos.append((int(objeto["/Width"]), int(objeto["/Height"])))
        elif objeto.get("/Subtype") == "/Form":
            tamanos += imagenes(objeto)
    return tamanos


def paginas_con_membrete(ruta) -> list[bool]:
    """For each page, whether it draws the letterhead image."""
    tamano = pdf_comun.membrete().getSize()
    return [tuple(tamano) in imagenes(pagina) for pagina in PdfReader(str(ruta)).pages]
