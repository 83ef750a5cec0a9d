"""Control numbers as text (domain.md glossary «número de control», «serie de control»): formatted
from the series' template and read back however a clerk or a barcode reader types them."""
from __future__ import annotations


import pytest
from hypothesis import given, settings, strategies as st

from oee_desk.domain import numeracion
from oee_desk.services.inicializacion import filas_por_defecto

GOBERNADOR = "03.01-{n}/{yy}"
JEFE = "NJ 03.01-{n}"

numeros = st.integers(min_value=1, max_value=9_999_999)
anios = st.integers(min_value=2000, max_value=2099)


def test_plantillas_que_se_entregan():
    plantillas = {f["codigo"]: f["plantilla"] for f in filas_por_defecto("series-control")}
    assert plantillas == {"03.01": GOBERNADOR, "NJ": JEFE, "AC": "AC-{yyyy}-{n:06d}",
                          "CAN": "OEE/CEAC/{n:04d}/{yyyy}", "GIRA": "GIRA-{yyyy}-{n:03d}"}
    assert numeracion.formatear(plantillas["AC"], 123, 2022) == "AC-2022-000123"
    assert numeracion.leer(plantillas["AC"], "ac-2022-000123") == (123, None, 2022)


@pytest.mark.parametrize("plantilla, numero, anio, texto", [
    (GOBERNADOR, 1034, 2021, "03.01-1034/21"),
    (GOBERNADOR, 1, 2022, "03.01-1/22"),
    (GOBERNADOR, 7, 2000, "03.01-7/00"),
    (GOBERNADOR, 12, 2105, "03.01-12/05"),
    (JEFE, 201, 2022, "NJ 03.01-201"),
    (JEFE, 1, 2030, "NJ 03.01-1"),
    ("SC-{n}/{yyyy}", 5, 2022, "SC-5/2022"),
    ("X-{n:05d}", 42, 2022, "X-00042"),
])
def test_formatear_casos_conocidos(plantilla, numero, anio, texto):
    assert numeracion.formatear(plantilla, numero, anio) == texto


def _variantes(texto: str, espacios: list[int], minusculas: bool) -> str:
    """Spaces dropped, or added between pieces that are not inside the number itself."""
    sin = texto.replace(" ", "")
    piezas, actual = [], ""
    for c in sin:
        if actual and not (c.isdigit() and actual[-1].isdigit()):
            piezas.append(actual)
            actual = ""
        actual += c
    piezas.append(actual)
    salida = ""
    for i, pieza in enumerate(piezas):
        salida += " " * (espacios[i % len(espacios)] if espacios else 0) + pieza
    salida += "  " if espacios and espacios[0] else ""
    return salida.lower() if minusculas else salida


@settings(max_examples=300)
@given(numero=numeros, anio=anios, espacios=st.lists(st.integers(0, 3), max_size=6), minusculas=st.booleans())
def test_ida_y_vuelta_serie_del_gobernador(numero, anio, espacios, minusculas):
    texto = numeracion.formatear(GOBERNADOR, numero, anio)
    assert texto == f"03.01-{numero}/{anio % 100:02d}"
    assert numeracion.leer(GOBERNADOR, texto) == (numero, anio % 100, None)
    assert numeracion.leer(GOBERNADOR, _variantes(texto, espacios, minusculas)) == (numero, anio % 100, None)
    # A number of one series is never read as one of the other.
    assert numeracion.leer(JEFE, texto) is None


@settings(max_examples=300)
@given(numero=numeros, anio=anios, espacios=st.lists(st.integers(0, 3), max_size=6), minusculas=st.booleans())
def test_ida_y_vuelta_serie_del_jefe_de_oficina(numero, anio, espacios, minusculas):
    texto = numeracion.formatear(JEFE, numero, anio)
    assert texto == f"NJ 03.01-{numero}"
    assert numeracion.leer(JEFE, texto) == (numero, None, None)
    assert numeracion.leer(JEFE, _variantes(texto, espacios, minusculas)) == (numero, None, None)
    assert numeracion.leer(GOBERNADOR, texto) is None


@given(numero=numeros, anio=anios)
def test_ida_y_vuelta_con_anio_completo(numero, anio):
    plantilla = "SC-{n}/{yyyy}"
    texto = numeracion.formatear(plantilla, numero, anio)
    assert numeracion.leer(plantilla, texto) == (numero, None, anio)
    assert numeracion.leer(plantilla, texto.lower().replace("-", " - ")) == (numero, None, anio)


@pytest.mark.parametrize("plantilla, texto, esperado", [
    (GOBERNADOR, "03.01-1034/21", (1034, 21, None)),
    (GOBERNADOR, " 03.01 - 1034 / 21 ", (1034, 21, None)),
    (GOBERNADOR, "03.01-1034/21\n", (1034, 21, None)),
    (JEFE, "nj 03.01-201", (201, None, None)),
    (JEFE, "NJ03.01-201", (201, None, None)),
    (JEFE, "Nj 03.01 - 201", (201, None, None)),
    (GOBERNADOR, "03.01-1034/2021", None),   # the template has a two-digit year
    (GOBERNADOR, "03.01-1034", None),
    (GOBERNADOR, "03.01-/21", None),
    (GOBERNADOR, "03.01-12a/21", None),
    (GOBERNADOR, "03,01-1034/21", None),     # the dot is literal, not «any character»
    (GOBERNADOR, "03x01-1034/21", None),
    (JEFE, "NJ 03.01-", None),
    (JEFE, "NJ 03.01-201/22", None),
    (JEFE, "XNJ 03.01-201", None),
    (GOBERNADOR, "", None),
    (GOBERNADOR, None, None),
])
def test_leer_casos_conocidos(plantilla, texto, esperado):
    assert numeracion.leer(plantilla, texto) == esperado


@given(texto=st.text(max_size=30))
def test_leer_nunca_falla_con_texto_arbitrario(texto):
    for plantilla in (GOBERNADOR, JEFE):
        resultado = numeracion.leer(plantilla, texto)
        assert resultado is None or resultado[0] >= 0
