"""Control numbers: formatting from a series' template and reading one typed by a person."""
from __future__ import annotations

import re
from functools import lru_cache


def formatear(plantilla: str, numero: int, anio: int) -> str:
    """'03.01-{n}/{yy}' with 1034 in 2021 -> '03.01-1034/21'."""
    return plantilla.format(n=numero, yy=f"{anio % 100:02d}", yyyy=f"{anio:04d}")


@lru_cache(maxsize=64)
def partes(plantilla: str, anio: int) -> tuple[str, int, str] | None:
    """(antes, ancho, despues) such that `formatear(plantilla, n, anio)` is `antes`, then n padded
    with zeros to `ancho` digits, then `despues`, for every n; None for a template whose number is
    written any other way. Lets the database write the number it hands out (numeracion_sql)."""
    campos = re.findall(r"\{n(?::[^}]*)?\}", plantilla)
    if len(campos) != 1:
        return None
    formato = re.fullmatch(r"\{n(?::(?:0?(\d+))?d?)?\}", campos[0])
    if formato is None:
        return None
    ancho = int(formato.group(1) or 0)
    antes, despues = plantilla.split(campos[0])
    try:
        antes, despues = (t.format(yy=f"{anio % 100:02d}", yyyy=f"{anio:04d}") for t in (antes, despues))
    except (KeyError, IndexError, ValueError):
        return None
    for n in (0, 7, 1034, 123456789):  # what is promised, checked rather than assumed
        if formatear(plantilla, n, anio) != f"{antes}{n:0{ancho}d}{despues}":
            return None
    return antes, ancho, despues


@lru_cache(maxsize=64)
def _patron(plantilla: str) -> re.Pattern:
    piezas = []
    for parte in re.split(r"(\{n[^}]*\}|\{yy\}|\{yyyy\})", plantilla):
        if parte.startswith("{n"):
            piezas.append(r"(?P<n>\d+)")
        elif parte == "{yy}":
            piezas.append(r"(?P<yy>\d{2})")
        elif parte == "{yyyy}":
            piezas.append(r"(?P<yyyy>\d{4})")
        else:
            piezas += [re.escape(c) for c in parte if not c.isspace()]
    return re.compile(r"^\s*" + r"\s*".join(piezas) + r"\s*$", re.IGNORECASE)


def leer(plantilla: str, texto: str) -> tuple[int, int | None, int | None] | None:
    """(number, yy, yyyy) when `texto` is a number of this series, else None.

    Spaces are optional, because a barcode reader or a hurried clerk may drop them.
    """
    m = _patron(plantilla).match(texto or "")
    if not m:
        return None
    grupos = m.groupdict()
    return (int(grupos["n"]), int(grupos["yy"]) if grupos.get("yy") else None,
            int(grupos["yyyy"]) if grupos.get("yyyy") else None)
