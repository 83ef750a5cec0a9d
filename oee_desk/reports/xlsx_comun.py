"""Spreadsheet helpers: the office's header styling, and text that can never run as a formula."""
from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.texto import parece_formula

ENCABEZADO = PatternFill("solid", fgColor="6D1A36")
FUENTE_ENCABEZADO = Font(bold=True, color="FFFFFF")
TOTAL = PatternFill("solid", fgColor="EDE3E7")
BORDE = Border(*(Side(style="thin", color="B0B0B0"),) * 4)


def escribir(hoja: Worksheet, fila: int, columna: int, valor, *, negrita: bool = False):
    """Write a value; text that a spreadsheet would run (=, +, -, @) stays text."""
    celda = hoja.cell(row=fila, column=columna, value=valor)
    if isinstance(valor, str) and parece_formula(valor):
        celda.data_type = "s"
    celda.border = BORDE
    if negrita:
        celda.font = Font(bold=True)
    return celda


def encabezado(hoja: Worksheet, fila: int, titulos: list[str]) -> None:
    for columna, titulo in enumerate(titulos, start=1):
        celda = escribir(hoja, fila, columna, titulo)
        celda.fill, celda.font = ENCABEZADO, FUENTE_ENCABEZADO
        celda.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
