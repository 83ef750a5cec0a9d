"""The office letterhead of every PDF is the image resources/membrete.png (the office may replace it
with its official one): it ships with the package and is drawn at the top of every page, with the page
number and who generated the document and when at the foot."""
from __future__ import annotations

import datetime as dt
import io
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader

from ayuda_membrete import imagenes, paginas_con_membrete
from oee_desk.reports import pdf_comun, poa
from oee_desk.services.poa import FilaIndicador, FilaMeta, Indicador, ReportePoa

RAIZ = Path(__file__).resolve().parents[2]


def reporte_largo(metas: int = 40) -> ReportePoa:
    """A POA report of several landscape pages, without a database."""
    indicadores = tuple(Indicador(n, f"Indicador {n}", tuple(FilaIndicador(f"Rubro {n}-{k}", None, (1,) * 12)
                                                            for k in range(filas)))
                        for n, filas in ((1, 10), (2, 3)))
    return ReportePoa(2022, None, dt.datetime(2023, 1, 10, 9, 30), "Laura Supervisora", indicadores,
                      tuple(FilaMeta(i, f"Meta número {i}", "CEAC", "conteo", "manual", (1, 1, 1, 1), 4, 4, 100.0)
                            for i in range(1, metas + 1)))


def texto_paginas(ruta) -> list[str]:
    return [" ".join(pagina.extract_text().split()) for pagina in PdfReader(str(ruta)).pages]


def test_el_membrete_viaja_con_el_paquete():
    archivo = resources.files("oee_desk.resources") / pdf_comun.MEMBRETE
    assert archivo.is_file()
    with Image.open(io.BytesIO(archivo.read_bytes())) as imagen:
        assert imagen.format == "PNG"
        ancho, alto = imagen.size
    assert ancho >= 5 * alto and ancho >= 1500  # wide and short, sharp when printed
    # An installed application has it too: resources/ is the package oee_desk.resources, *.png its data.
    proyecto = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert proyecto["package-dir"]["oee_desk.resources"] == "resources"
    assert "*.png" in proyecto["package-data"]["oee_desk.resources"]
    assert (RAIZ / "resources" / pdf_comun.MEMBRETE).is_file()


def test_cada_pagina_del_informe_poa_lleva_el_membrete(tmp_path):
    ruta = tmp_path / "poa.pdf"
    poa.escribir_pdf(reporte_largo(), str(ruta))
    paginas = texto_paginas(ruta)
    assert len(paginas) >= 2
    assert paginas_con_membrete(ruta) == [True] * len(paginas)
    for numero, texto in enumerate(paginas, start=1):
        assert f"Página {numero}" in texto
        assert "Generado por Laura Supervisora el 10/01/2023 a las 09:30" in texto
        assert "Dirección General de Control de Gestión Documental" in texto  # under the letterhead
        assert "Informe de metas según el POA" in texto


def test_la_oficina_puede_poner_su_propio_membrete(tmp_path, monkeypatch):
    """Any wide image: scaled to the width between the margins, no taller than ALTO_MAXIMO_MEMBRETE."""
    cuadrado = io.BytesIO()
    Image.new("RGB", (800, 200), "#336699").save(cuadrado, format="PNG")
    monkeypatch.setattr(pdf_comun, "membrete", lambda: ImageReader(io.BytesIO(cuadrado.getvalue())))
    ruta = tmp_path / "propio.pdf"
    poa.escribir_pdf(reporte_largo(3), str(ruta))
    assert all((800, 200) in imagenes(p) for p in PdfReader(str(ruta)).pages)
    ancho, alto = pdf_comun.medidas_membrete(ImageReader(io.BytesIO(cuadrado.getvalue())), 700)
    assert alto == pytest.approx(pdf_comun.ALTO_MAXIMO_MEMBRETE) and ancho == pytest.approx(4 * alto)


def test_sin_imagen_el_membrete_es_texto(tmp_path, monkeypatch):
    pdf_comun.membrete.cache_clear()
    monkeypatch.setattr(pdf_comun, "MEMBRETE", "no-existe.png")
    try:
        assert pdf_comun.membrete() is None
        ruta = tmp_path / "sin.pdf"
        poa.escribir_pdf(reporte_largo(3), str(ruta))
    finally:
        monkeypatch.undo()
        pdf_comun.membrete.cache_clear()
    texto = texto_paginas(ruta)[0]
    assert "Gobierno del Estado de Sonora" in texto and "Oficina del Ejecutivo Estatal" in texto
    assert imagenes(PdfReader(str(ruta)).pages[0]) == [] and "Página 1" in texto
    assert pdf_comun.membrete() is not None


def test_el_membrete_cabe_arriba_del_texto():
    """Landscape and portrait: the letterhead and the line under it end above the text frame."""
    for horizontal in (True, False):
        doc = pdf_comun.Documento(io.BytesIO(), "Prueba", "Quien", horizontal=horizontal)
        ancho, alto = pdf_comun.medidas_membrete(doc.membrete, doc.tamano[0] - 2 * pdf_comun.MARGEN)
        assert ancho == pytest.approx(doc.tamano[0] - 2 * pdf_comun.MARGEN) and alto <= 22 * mm
        assert pdf_comun.ARRIBA_MEMBRETE + alto < doc.linea_unidad < doc.doc.topMargin
