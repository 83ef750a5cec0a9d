"""texto.normalizar: what search and catalog matching compare; accents, case and spaces never matter."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from oee_desk.domain.texto import normalizar, parece_formula

_ACENTOS = str.maketrans("áéíóúüÁÉÍÓÚÜ", "aeiouuAEIOUU")


@pytest.mark.parametrize("escrito,esperado", [
    ("  José  MARÍA ", "jose maria"), ("Álamos", "alamos"), ("HERMOSILLO", "hermosillo"),
    ("Cajeme\tSonora\n", "cajeme sonora"), ("Güémez", "guemez"), ("Ñúñez", "nunez"),
    (None, ""), ("", ""), ("   ", ""),
])
def test_normalizar_ejemplos(escrito, esperado):
    assert normalizar(escrito) == esperado


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.text())
def test_normalizar_es_idempotente(t):
    assert normalizar(normalizar(t)) == normalizar(t)


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.text())
def test_normalizar_sin_acentos_ni_espacios_sobrantes(t):
    n = normalizar(t)
    assert n == n.strip()
    assert "  " not in n
    assert not any(unicodedata.combining(c) for c in unicodedata.normalize("NFKD", n))
    assert n == n.casefold()


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáéíóúü ABCDEFGHIJKLMNÑOPQRSTUVWXYZÁÉÍÓÚÜ\t", max_size=40),
       st.sampled_from([str.upper, str.lower, str.title, str.swapcase, lambda t: t.translate(_ACENTOS),
                        lambda t: "  " + t.replace(" ", "   ") + "\n",
                        lambda t: unicodedata.normalize("NFD", t), lambda t: unicodedata.normalize("NFC", t)]))
def test_normalizar_ignora_acentos_mayusculas_y_espacios(t, variante):
    assert normalizar(variante(t)) == normalizar(t)


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10),
       st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10))
def test_normalizar_distingue_palabras_distintas(a, b):
    assert (normalizar(a) == normalizar(b)) == (a == b)


@pytest.mark.parametrize("celda", ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_parece_formula(celda):
    assert parece_formula(celda)


@pytest.mark.parametrize("celda", ["Hermosillo", "1+1", "", " =x", "José"])
def test_no_parece_formula(celda):
    assert not parece_formula(celda)


def _normalizar_por_descomposicion(t: str) -> str:
    """The rule written out the long way, without normalizar's shortcut for ASCII text."""
    return " ".join("".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
                    .casefold().split())


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127)), st.text()))
def test_el_atajo_ascii_da_lo_mismo_que_descomponer(t):
    """Stored search text was written before the shortcut: both ways must agree on every text."""
    assert normalizar(t) == _normalizar_por_descomposicion(t)
