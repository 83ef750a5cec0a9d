"""Draws resources/membrete.png, the letterhead at the top of every PDF page (reports/pdf_comun.py).

A stand-in for the office's official letterhead: the office may replace membrete.png with its own
image (PNG, wide and short; it is scaled to the page's width, at most ALTO_MAXIMO_MEMBRETE high, and
left-aligned). Run once from the project folder, after changing the design:

    .venv/bin/python resources/generar_membrete.py
"""
from __future__ import annotations

import math
from pathlib import Path

import reportlab
from PIL import Image, ImageDraw, ImageFont

from oee_desk.reports.pdf_comun import GOBIERNO, GRIS, GUINDA, OFICINA

ANCHO, ALTO = 2800, 200  # px: 14 to 1, about 285 dpi across the frame of landscape letter
DORADO = (179, 142, 93)  # the state's gold, a thin line under the band
FUENTES = Path(reportlab.__file__).parent / "fonts"  # Bitstream Vera ships with ReportLab
DESTINO = Path(__file__).with_name("membrete.png")


def _rgb(color) -> tuple[int, int, int]:
    return tuple(round(c * 255) for c in color.rgb())


def _emblema(dibujo: ImageDraw.ImageDraw, x: int, y: int, lado: int) -> None:
    """A plain mark, not a coat of arms: a wine square with a gold sun rising over two hills."""
    guinda = _rgb(GUINDA)
    dibujo.rounded_rectangle((x, y, x + lado, y + lado), radius=lado // 9, fill=guinda)
    centro, radio = x + lado // 2, lado * 0.2
    dibujo.ellipse((centro - radio, y + lado * 0.52 - radio, centro + radio, y + lado * 0.52 + radio), fill=DORADO)
    for i, rayo in enumerate(range(-60, 61, 30)):
        angulo = math.radians(rayo - 90)
        r1, r2 = radio * 1.35, radio * (1.75 if i % 2 == 0 else 1.6)
        cy = y + lado * 0.52
        dibujo.line((centro + r1 * math.cos(angulo), cy + r1 * math.sin(angulo),
                     centro + r2 * math.cos(angulo), cy + r2 * math.sin(angulo)), fill=DORADO, width=max(2, lado // 28))
    base = y + lado * 0.8
    dibujo.polygon([(x + lado * 0.08, base), (x + lado * 0.38, y + lado * 0.56), (x + lado * 0.62, base)],
                   fill=(255, 255, 255))
    dibujo.polygon([(x + lado * 0.42, base), (x + lado * 0.68, y + lado * 0.62), (x + lado * 0.92, base)],
                   fill=(236, 222, 228))
    dibujo.rectangle((x + lado * 0.08, base, x + lado * 0.92, base + lado * 0.035), fill=(255, 255, 255))


def dibujar() -> Image.Image:
    imagen = Image.new("RGB", (ANCHO, ALTO), "white")
    dibujo = ImageDraw.Draw(imagen)
    banda, linea = 16, 5  # the wine band across the page, its gold line beneath
    arriba_banda = ALTO - banda - linea - 6
    lado = arriba_banda - 22
    _emblema(dibujo, 0, 4, lado)
    negrita = ImageFont.truetype(str(FUENTES / "VeraBd.ttf"), 70)
    normal = ImageFont.truetype(str(FUENTES / "Vera.ttf"), 70)
    x, base = lado + 44, 4 + lado // 2  # the line of text centred on the mark
    dibujo.text((x, base), GOBIERNO, font=negrita, fill=_rgb(GUINDA), anchor="lm")
    x += dibujo.textlength(GOBIERNO, font=negrita)
    separador = "  ·  "
    dibujo.text((x, base), separador, font=negrita, fill=DORADO, anchor="lm")
    x += dibujo.textlength(separador, font=negrita)
    dibujo.text((x, base), OFICINA, font=normal, fill=_rgb(GRIS), anchor="lm")
    dibujo.rectangle((0, arriba_banda, ANCHO, arriba_banda + banda - 1), fill=_rgb(GUINDA))
    dibujo.rectangle((0, arriba_banda + banda + 2, ANCHO, arriba_banda + banda + 2 + linea - 1), fill=DORADO)
    return imagen


if __name__ == "__main__":
    dibujar().save(DESTINO, optimize=True, dpi=(285, 285))
    print(f"Escrito {DESTINO}")
