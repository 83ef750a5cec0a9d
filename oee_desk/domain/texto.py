"""Text rules shared by search and catalog matching: accents and case never matter."""
from __future__ import annotations

import datetime as dt
import unicodedata

MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre")


def fecha_larga(fecha: dt.date) -> str:
    """«3 de marzo de 2022», as the office dates its documents."""
    return f"{fecha.day} de {MESES[fecha.month - 1]} de {fecha.year}"


def normalizar(texto: str | None) -> str:
    """'  José  MARÍA ' -> 'jose maria'. Used to match names typed without accents."""
    if not texto:
        return ""
    if texto.isascii():  # nothing to decompose (numbers, codes, most names): the same result, faster
        return " ".join(texto.casefold().split())
    sin_acentos = "".join(
        c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c)
    )
    return " ".join(sin_acentos.casefold().split())


# A spreadsheet treats a cell starting with these as a formula; exports write such text as text.
_INICIO_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def parece_formula(texto: str) -> bool:
    return isinstance(texto, str) and texto.startswith(_INICIO_FORMULA)
