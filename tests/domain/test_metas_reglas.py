"""Roll-up and validation rules of the POA metas (poa-report.md, Part 2)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from oee_desk.domain import metas
from oee_desk.domain.errores import ErrorValidacion


def test_los_medios_se_redondean_hacia_arriba_como_la_hoja():
    assert metas.total_anual([95.0, 85.5, None, None], "porcentaje") == 90.3
    assert metas.cumplimiento(1, 16) == 6.3
    assert metas.cumplimiento(5, 0) is None and metas.cumplimiento(None, 5) is None


def test_meses_a_trimestres():
    assert metas.a_trimestres([1, 2, 3, 0, 0, 0, None, None, None, 4, None, 6], "conteo") == [6, 0, None, 10]
    assert metas.a_trimestres([90, 100, None] + [None] * 9, "porcentaje") == [95.0, None, None, None]


@settings(max_examples=60)
@given(st.lists(st.one_of(st.none(), st.integers(0, 10_000)), min_size=12, max_size=12))
def test_un_conteo_anual_es_la_suma_de_sus_meses(valores):
    assert metas.total_anual(metas.a_trimestres(valores, "conteo"), "conteo") == sum(x or 0 for x in valores)


@settings(max_examples=80)
@given(st.dictionaries(st.sampled_from(["numero", "descripcion", "area", "unidad", "periodicidad", "fuente",
                                        "programado", "alcanzado", "regla"]),
                       st.one_of(st.none(), st.integers(-5, 200), st.text(max_size=5),
                                 st.lists(st.one_of(st.none(), st.integers(-1, 150), st.text(max_size=3)),
                                          max_size=13))))
def test_una_meta_cualquiera_se_acepta_o_se_rechaza_nombrando_campos(datos):
    try:
        limpia = metas.validar_meta(datos, "metas[0].")
    except ErrorValidacion as e:
        assert e.problemas and all(p.campo.startswith("metas[0].") for p in e.problemas)
    else:
        assert len(limpia["programado"]) == metas.PERIODOS[limpia["periodicidad"]]


def test_una_regla_automatica_con_indicador_desconocido():
    with pytest.raises(ErrorValidacion) as e:
        metas.validar_regla("regla", {"cuenta": "seguimientos", "indicador": 3})
    assert e.value.problemas[0].campo == "regla.indicador"
