"""Business days (domain.md «Business days»): weekends, official holidays and the office's own days
off never count, and the day of the turn itself does not count either."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from oee_desk.domain.dias_habiles import Calendario

DESDE, HASTA = dt.date(2020, 1, 1), dt.date(2027, 12, 31)
fechas = st.dates(min_value=DESDE, max_value=HASTA)
# Dense enough that holidays often fall next to weekends and to each other.
calendarios = st.builds(Calendario, st.sets(st.dates(min_value=DESDE, max_value=dt.date(2028, 12, 31)),
                                            max_size=120))
plazos = st.integers(min_value=1, max_value=120)


@settings(max_examples=300)
@given(cal=calendarios, inicio=fechas, n=plazos)
def test_sumar_cae_en_dia_habil_y_entre_lo_invierte(cal, inicio, n):
    fin = cal.sumar(inicio, n)
    assert fin > inicio
    assert fin.weekday() < 5, f"{fin} es fin de semana"
    assert fin not in cal.inhabiles, f"{fin} es inhábil"
    assert cal.es_habil(fin)
    assert cal.entre(inicio, fin) == n
    assert cal.entre(fin, inicio) == -n
    # No business day is skipped: the day before the due date leaves exactly one to go.
    assert cal.entre(inicio, fin - dt.timedelta(days=1)) == n - 1


@settings(max_examples=200)
@given(cal=calendarios, inicio=fechas, n=st.integers(min_value=1, max_value=60), extra=st.integers(1, 30))
def test_sumar_es_estrictamente_creciente(cal, inicio, n, extra):
    assert cal.sumar(inicio, n) < cal.sumar(inicio, n + extra)
    assert cal.sumar(inicio, n + 1) == cal.sumar(cal.sumar(inicio, n), 1)


@settings(max_examples=200)
@given(cal=calendarios, a=fechas, b=fechas)
def test_entre_cuenta_los_dias_habiles_posteriores(cal, a, b):
    desde, hasta = min(a, b), max(a, b)
    esperado = sum(1 for k in range(1, (hasta - desde).days + 1) if cal.es_habil(desde + dt.timedelta(days=k)))
    assert cal.entre(desde, hasta) == esperado
    assert cal.entre(hasta, desde) == -esperado
    assert cal.entre(a, a) == 0


@given(cal=calendarios, inicio=fechas, n=st.integers(max_value=0, min_value=-1000))
def test_plazo_cero_o_negativo_rechazado(cal, inicio, n):
    with pytest.raises(ValueError):
        cal.sumar(inicio, n)


@pytest.mark.parametrize("inicio, dias, inhabiles, esperado", [
    # Friday + 5 with Monday 15 March 2021 (Natalicio de Benito Juárez) a holiday.
    (dt.date(2021, 3, 12), 5, {dt.date(2021, 3, 15)}, dt.date(2021, 3, 22)),
    (dt.date(2021, 3, 12), 5, set(), dt.date(2021, 3, 19)),
    (dt.date(2021, 3, 12), 1, {dt.date(2021, 3, 15)}, dt.date(2021, 3, 16)),
    # Turned on a Saturday: the count starts on Monday.
    (dt.date(2022, 3, 5), 1, set(), dt.date(2022, 3, 7)),
    (dt.date(2022, 3, 6), 5, set(), dt.date(2022, 3, 11)),
    # Turned on a holiday itself: the holiday is the turn's day and does not count anyway.
    (dt.date(2021, 3, 15), 1, {dt.date(2021, 3, 15)}, dt.date(2021, 3, 16)),
    # Christmas week with the office's own days off, across the new year.
    (dt.date(2025, 12, 23), 5, {dt.date(2025, 12, 24), dt.date(2025, 12, 25), dt.date(2025, 12, 31),
                                dt.date(2026, 1, 1)}, dt.date(2026, 1, 5)),
    (dt.date(2024, 2, 28), 2, set(), dt.date(2024, 3, 1)),  # leap day counts
])
def test_casos_conocidos(inicio, dias, inhabiles, esperado):
    cal = Calendario(inhabiles)
    assert cal.sumar(inicio, dias) == esperado
    assert cal.entre(inicio, esperado) == dias


def test_fin_de_semana_y_festivo_no_son_habiles():
    cal = Calendario([dt.date(2021, 3, 15)])
    assert not cal.es_habil(dt.date(2021, 3, 13))  # Saturday
    assert not cal.es_habil(dt.date(2021, 3, 14))  # Sunday
    assert not cal.es_habil(dt.date(2021, 3, 15))  # holiday
    assert cal.es_habil(dt.date(2021, 3, 16))
