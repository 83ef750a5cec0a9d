"""The traffic light of a turno and of a matter (domain.md glossary «semáforo», issue #3):
por vencer when 40% or less of the term is left, vencido after the due date, and a matter is
atendido when every responsible turn is answered."""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from oee_desk.domain.dias_habiles import Calendario
from oee_desk.domain.semaforo import Estado, Oportunidad, Semaforo, de_asunto, de_turno, turnado_a_tiempo

CAL = Calendario([dt.date(2022, 3, 21)])  # Natalicio de Benito Juárez 2022
LUNES = dt.date(2022, 3, 7)
LIMITE = CAL.sumar(LUNES, 5)  # Monday 14 March


def _abierto(hoy, estatus="sin_atender", plazo=5, turno=LUNES):
    return de_turno(estatus, turno, CAL.sumar(turno, plazo), plazo, hoy, CAL)


# --- de_turno -------------------------------------------------------------------------------
def test_plazo_5_umbral_exacto_del_40_por_ciento():
    assert LIMITE == dt.date(2022, 3, 14)
    # Wednesday: Thu, Fri, Mon left = 3 of 5 (60%) -> en tiempo.
    s = _abierto(dt.date(2022, 3, 9))
    assert (s.estado, s.oportunidad, s.dias_restantes) == (Estado.SIN_ATENDER, Oportunidad.EN_TIEMPO, 3)
    # Thursday: Fri, Mon left = 2 of 5 (exactly 40%) -> por vencer.
    s = _abierto(dt.date(2022, 3, 10))
    assert (s.oportunidad, s.dias_restantes) == (Oportunidad.POR_VENCER, 2)
    # The weekend before the due date: 1 left.
    assert _abierto(dt.date(2022, 3, 12)).oportunidad is Oportunidad.POR_VENCER
    # The due date itself is still not overdue.
    s = _abierto(LIMITE)
    assert (s.oportunidad, s.dias_restantes) == (Oportunidad.POR_VENCER, 0)


def test_vencido_despues_de_la_fecha_limite():
    s = _abierto(LIMITE + dt.timedelta(days=1))
    assert (s.oportunidad, s.dias_restantes) == (Oportunidad.VENCIDO, -1)
    s = _abierto(dt.date(2022, 3, 22))  # Mon 21 is a holiday: 15,16,17,18,22 -> 5 overdue
    assert (s.oportunidad, s.dias_restantes) == (Oportunidad.VENCIDO, -5)
    assert _abierto(dt.date(2022, 3, 22), "en_proceso").estado is Estado.EN_PROCESO


def test_respondido_a_tiempo_y_tarde():
    a_tiempo = de_turno("atendido", LUNES, LIMITE, 5, dt.date(2022, 6, 1), CAL, dt.date(2022, 3, 11))
    assert (a_tiempo.estado, a_tiempo.oportunidad) == (Estado.ATENDIDO, Oportunidad.EN_TIEMPO)
    assert a_tiempo.dias_restantes == 1
    # Answered on the last day: answered in time, not «por vencer» any more.
    en_el_limite = de_turno("atendido", LUNES, LIMITE, 5, dt.date(2022, 6, 1), CAL, LIMITE)
    assert en_el_limite.oportunidad is Oportunidad.EN_TIEMPO
    tarde = de_turno("atendido", LUNES, LIMITE, 5, dt.date(2022, 3, 15), CAL, dt.date(2022, 3, 15))
    assert (tarde.estado, tarde.oportunidad) == (Estado.ATENDIDO, Oportunidad.VENCIDO)
    # Closed as «no requiere respuesta»: atendido too.
    cerrado = de_turno("no_requiere", LUNES, LIMITE, 5, dt.date(2022, 6, 1), CAL, dt.date(2022, 3, 8))
    assert (cerrado.estado, cerrado.oportunidad) == (Estado.ATENDIDO, Oportunidad.EN_TIEMPO)
    assert "Atendido" in cerrado.texto and "En tiempo" in cerrado.texto


@settings(max_examples=300)
@given(turno=st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2026, 12, 31)),
       plazo=st.integers(1, 60), transcurridos=st.integers(0, 120),
       estatus=st.sampled_from(["sin_atender", "en_proceso"]))
def test_oportunidad_de_un_turno_abierto(turno, plazo, transcurridos, estatus):
    limite = CAL.sumar(turno, plazo)
    hoy = turno + dt.timedelta(days=transcurridos)
    s = de_turno(estatus, turno, limite, plazo, hoy, CAL)
    restantes = CAL.entre(hoy, limite)
    assert s.dias_restantes == restantes
    if hoy > limite:
        assert s.oportunidad is Oportunidad.VENCIDO
    elif Fraction(restantes) <= Fraction(2, 5) * plazo:
        assert s.oportunidad is Oportunidad.POR_VENCER
    else:
        assert s.oportunidad is Oportunidad.EN_TIEMPO


# --- de_asunto ------------------------------------------------------------------------------
def _s(estado, oportunidad=Oportunidad.EN_TIEMPO, dias=3):
    return Semaforo(estado, oportunidad, dias)


AT, PR, SA = Estado.ATENDIDO, Estado.EN_PROCESO, Estado.SIN_ATENDER


def test_sin_turnos_no_hay_semaforo():
    assert de_asunto([]) is None
    assert de_asunto(iter([])) is None


def test_solo_los_responsables_deciden():
    apoyo_vencido = ("apoyo", _s(SA, Oportunidad.VENCIDO, -4))
    conocimiento = ("para_conocimiento", _s(SA, Oportunidad.VENCIDO, -4))
    s = de_asunto([("responsable", _s(AT)), apoyo_vencido, conocimiento])
    assert (s.estado, s.oportunidad) == (AT, Oportunidad.EN_TIEMPO)
    s = de_asunto([("responsable", _s(SA, Oportunidad.EN_TIEMPO, 4)), ("apoyo", _s(AT))])
    assert (s.estado, s.oportunidad, s.dias_restantes) == (SA, Oportunidad.EN_TIEMPO, 4)


def test_un_responsable_abierto_impide_atendido():
    s = de_asunto([("responsable", _s(AT)), ("responsable", _s(SA, Oportunidad.POR_VENCER, 1))])
    assert (s.estado, s.oportunidad, s.dias_restantes) == (PR, Oportunidad.POR_VENCER, 1)
    s = de_asunto([("responsable", _s(SA)), ("responsable", _s(SA, Oportunidad.VENCIDO, -2))])
    assert (s.estado, s.oportunidad, s.dias_restantes) == (SA, Oportunidad.VENCIDO, -2)
    s = de_asunto([("responsable", _s(PR, Oportunidad.EN_TIEMPO, 5)),
                   ("responsable", _s(SA, Oportunidad.EN_TIEMPO, 3))])
    assert (s.estado, s.oportunidad, s.dias_restantes) == (PR, Oportunidad.EN_TIEMPO, 3)


def test_atendido_conserva_si_alguno_se_respondio_tarde():
    s = de_asunto([("responsable", _s(AT, Oportunidad.VENCIDO, -1)), ("responsable", _s(AT))])
    assert (s.estado, s.oportunidad) == (AT, Oportunidad.VENCIDO)


semaforos = st.builds(Semaforo, st.sampled_from(list(Estado)), st.sampled_from(list(Oportunidad)),
                      st.integers(-30, 30))
turnos = st.lists(st.tuples(st.sampled_from(["responsable", "apoyo", "para_conocimiento"]), semaforos), max_size=8)
_GRAVEDAD = [Oportunidad.EN_TIEMPO, Oportunidad.POR_VENCER, Oportunidad.VENCIDO]


@settings(max_examples=300)
@given(turnos=turnos)
def test_reglas_del_asunto(turnos):
    s = de_asunto(turnos)
    responsables = [x for rol, x in turnos if rol == "responsable"]
    if not turnos:
        assert s is None
        return
    assert s is not None
    if not responsables:
        return  # no responsible turn: not specified beyond «has a light»
    # Support and for-information turns never change the matter's light.
    assert s == de_asunto([t for t in turnos if t[0] == "responsable"])
    abiertos = [x for x in responsables if x.estado is not AT]
    assert (s.estado is AT) == (not abiertos)
    if abiertos:
        assert s.oportunidad == max((x.oportunidad for x in abiertos), key=_GRAVEDAD.index)
        esperado = PR if any(x.estado is not SA for x in responsables) else SA
        assert s.estado is esperado


# --- 48 hours -------------------------------------------------------------------------------
@pytest.mark.parametrize("despues, esperado", [
    (dt.timedelta(0), True), (dt.timedelta(hours=47, minutes=59), True), (dt.timedelta(hours=48), True),
    (dt.timedelta(hours=48, seconds=1), False), (dt.timedelta(days=5), False)])
def test_turnado_en_48_horas(despues, esperado):
    recepcion = dt.datetime(2022, 3, 4, 16, 30)
    assert turnado_a_tiempo(recepcion, recepcion + despues) is esperado


def test_sin_turno_no_se_sabe():
    assert turnado_a_tiempo(dt.datetime(2022, 3, 4, 16, 30), None) is None
