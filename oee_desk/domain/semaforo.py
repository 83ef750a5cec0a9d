"""The traffic light of a turno and of a matter: its state and its timeliness."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Iterable, NamedTuple

from .dias_habiles import Calendario


class Estado(StrEnum):
    ATENDIDO = "atendido"
    EN_PROCESO = "en_proceso"
    SIN_ATENDER = "sin_atender"


class Oportunidad(StrEnum):
    EN_TIEMPO = "en_tiempo"
    POR_VENCER = "por_vencer"
    VENCIDO = "vencido"


ETIQUETAS = {
    Estado.ATENDIDO: "Atendido", Estado.EN_PROCESO: "En proceso", Estado.SIN_ATENDER: "Sin atender",
    Oportunidad.EN_TIEMPO: "En tiempo", Oportunidad.POR_VENCER: "Por vencer", Oportunidad.VENCIDO: "Vencido",
}

# «Por vencer» when 40% or less of the term is left (issue #3).
FRACCION_POR_VENCER = 0.4
# The office's own target: turned within 48 hours of reception.
HORAS_META_TURNO = 48

# Turno.estatus values (stored) and the state each means.
ESTATUS_TURNO = {
    "sin_atender": Estado.SIN_ATENDER,
    "en_proceso": Estado.EN_PROCESO,
    "atendido": Estado.ATENDIDO,
    "no_requiere": Estado.ATENDIDO,  # closed as «no requiere respuesta»
}


class Semaforo(NamedTuple):
    """Immutable, and a tuple rather than a frozen dataclass: a search builds one for each of a
    hundred turnos and fifty matters at every keystroke, four times faster."""
    estado: Estado
    oportunidad: Oportunidad
    dias_restantes: int  # business days left (negative: overdue)

    @property
    def texto(self) -> str:
        return f"{ETIQUETAS[self.estado]} · {ETIQUETAS[self.oportunidad]}"


def de_turno(estatus: str, fecha_turno: dt.date, fecha_limite: dt.date, plazo: int,
             hoy: dt.date, calendario: Calendario, fecha_respuesta: dt.date | None = None) -> Semaforo:
    estado = ESTATUS_TURNO[estatus]
    if estado is Estado.ATENDIDO and fecha_respuesta is None:
        # Imported history says «atendido» without the date: nothing to hold against it.
        return Semaforo(estado, Oportunidad.EN_TIEMPO, 0)
    referencia = fecha_respuesta if estado is Estado.ATENDIDO else hoy
    restantes = calendario.entre(referencia, fecha_limite)
    if referencia > fecha_limite:
        oportunidad = Oportunidad.VENCIDO
    elif estado is not Estado.ATENDIDO and restantes <= plazo * FRACCION_POR_VENCER:
        oportunidad = Oportunidad.POR_VENCER
    else:
        oportunidad = Oportunidad.EN_TIEMPO
    return Semaforo(estado, oportunidad, restantes)


_GRAVEDAD = {Oportunidad.EN_TIEMPO: 0, Oportunidad.POR_VENCER: 1, Oportunidad.VENCIDO: 2}


def de_asunto(turnos: Iterable[tuple[str, Semaforo]]) -> Semaforo | None:
    """A matter from its turnos (rol, semáforo): atendido when every responsible turn is; its
    timeliness is that of its worst open responsible turn. None while it has not been turned."""
    turnos = list(turnos)
    responsables = [s for rol, s in turnos if rol == "responsable"] or [s for _, s in turnos]
    if not responsables:
        return None
    if len(responsables) == 1:
        # Most matters have one responsible turn: the rules below give back its own traffic light.
        return responsables[0]
    abiertos = [s for s in responsables if s.estado is not Estado.ATENDIDO]
    if not abiertos:
        peor = max(responsables, key=lambda s: _GRAVEDAD[s.oportunidad])
        return Semaforo(Estado.ATENDIDO, peor.oportunidad, min(s.dias_restantes for s in responsables))
    peor = max(abiertos, key=lambda s: (_GRAVEDAD[s.oportunidad], -s.dias_restantes))
    avanzado = any(s.estado is not Estado.SIN_ATENDER for s in responsables)
    return Semaforo(Estado.EN_PROCESO if avanzado else Estado.SIN_ATENDER, peor.oportunidad, peor.dias_restantes)


def fecha_alerta(fecha_turno: dt.date, fecha_limite: dt.date, plazo: int, calendario: Calendario) -> dt.date:
    """The first day the turn shows «por vencer»: stored with the turn so lists filter in SQL."""
    dia = fecha_turno
    while dia < fecha_limite and calendario.entre(dia, fecha_limite) > plazo * FRACCION_POR_VENCER:
        dia += dt.timedelta(days=1)
    return dia


def estado_asunto(turnos: Iterable[tuple[str, str]]) -> str:
    """The stored state of a matter from its turnos (rol, estatus): same rule as `de_asunto`."""
    turnos = list(turnos)
    estados = [ESTATUS_TURNO[e] for rol, e in turnos if rol == "responsable"] or \
              [ESTATUS_TURNO[e] for _, e in turnos]
    if not estados:
        return "sin_turnar"
    if all(e is Estado.ATENDIDO for e in estados):
        return Estado.ATENDIDO.value
    return (Estado.EN_PROCESO if any(e is not Estado.SIN_ATENDER for e in estados) else Estado.SIN_ATENDER).value


_META_TURNO = dt.timedelta(hours=HORAS_META_TURNO)


def turnado_a_tiempo(recepcion: dt.datetime, primer_turno: dt.datetime | None) -> bool | None:
    if primer_turno is None:
        return None
    return primer_turno - recepcion <= _META_TURNO
