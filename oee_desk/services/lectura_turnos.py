"""Reading turnos with their traffic light: shared by the matter's view, the lists and reports."""
from __future__ import annotations

import datetime as dt
import functools
import uuid
from typing import NamedTuple

from sqlalchemy import ARRAY, Uuid, any_, bindparam, select
from sqlalchemy.orm import Session

from ..db.modelos import DiaInhabil, Dependencia, Instruccion
from ..db.modelos_correspondencia import Turno
from ..domain import semaforo
from ..domain.dias_habiles import Calendario


def calendario(s: Session) -> Calendario:
    return Calendario(s.scalars(select(DiaInhabil.fecha).where(DiaInhabil.activo.is_(True))))


# An admin adds a non-working day a few times a year; a list redraws its traffic lights at every
# keystroke. Another workstation's change shows here within this long (at once after a write here).
VIGENCIA_CALENDARIO_S = 60.0


def calendario_para_leer(s: Session) -> Calendario:
    """`calendario` for a read (showing a semáforo), kept a while; a write computes with `calendario`."""
    bd = s.info.get("bd")
    if bd is None:
        return calendario(s)
    return bd.recordado("calendario", VIGENCIA_CALENDARIO_S, lambda: calendario(s))


class DatosTurno(NamedTuple):
    """Immutable; a tuple, as Semaforo, because a search builds a hundred of them per keystroke."""
    id: uuid.UUID
    dependencia: str
    dependencia_nombre: str
    rol: str
    instruccion: str
    instruccion_nombre: str
    plazo_dias_habiles: int
    fecha_turno: dt.datetime
    fecha_limite: dt.date
    nota: str | None
    estatus: str
    fecha_acuse: dt.date | None
    fecha_respuesta: dt.date | None
    avance_pct: int
    semaforo: semaforo.Semaforo
    version: int

    def como_json(self) -> dict:
        return {"id": str(self.id), "dependencia": self.dependencia, "dependencia_nombre": self.dependencia_nombre,
                "rol": self.rol, "instruccion": self.instruccion, "instruccion_nombre": self.instruccion_nombre, "plazo_dias_habiles": self.plazo_dias_habiles,
                "fecha_turno": self.fecha_turno.isoformat(), "fecha_limite": self.fecha_limite.isoformat(),
                "nota": self.nota, "estatus": self.estatus,
                "fecha_acuse": self.fecha_acuse.isoformat() if self.fecha_acuse else None,
                "fecha_respuesta": self.fecha_respuesta.isoformat() if self.fecha_respuesta else None,
                "avance_pct": self.avance_pct, "semaforo": {"estado": self.semaforo.estado.value,
                                                          "oportunidad": self.semaforo.oportunidad.value,
                                                          "dias_restantes": self.semaforo.dias_restantes}}


def datos_turnos(s: Session, oficio_id: uuid.UUID, hoy: dt.date | None = None) -> list[DatosTurno]:
    return datos_turnos_de(s, [oficio_id], hoy).get(oficio_id, [])


def de_oficios(columna, dialecto: str):
    """`columna` among a list of matter ids given at execution as `ids`. PostgreSQL takes the list
    as one array (= ANY): the same statement text for any number of ids, prepared once by the driver,
    and no fifty parameters rendered into it at every keystroke, as an expanding IN does."""
    if dialecto == "postgresql":
        return columna == any_(bindparam("ids", type_=ARRAY(Uuid)))
    return columna.in_(bindparam("ids", expanding=True))


@functools.cache
def _turnos_de(dialecto: str):
    """Built once per engine: a search reads the turnos of its fifty matters at every keystroke, and
    building the statement (fifty ids coerced one by one) cost more Python than running it."""
    return (select(Turno.oficio_id, Turno.id, Dependencia.codigo, Dependencia.nombre, Turno.rol,
                   Instruccion.codigo, Instruccion.nombre, Turno.plazo_dias_habiles, Turno.fecha_turno,
                   Turno.fecha_limite, Turno.nota, Turno.estatus, Turno.fecha_acuse, Turno.fecha_respuesta,
                   Turno.avance_pct, Turno.version)
            .join(Dependencia, Turno.dependencia_id == Dependencia.id)
            .join(Instruccion, Turno.instruccion_id == Instruccion.id)
            .where(de_oficios(Turno.oficio_id, dialecto), Turno.cancelado.is_(False))
            .order_by(Turno.fecha_turno, Dependencia.codigo))


def datos_turnos_de(s: Session, oficio_ids: list[uuid.UUID],
                    hoy: dt.date | None = None) -> dict[uuid.UUID, list[DatosTurno]]:
    """The turnos of several matters at once (a search result): one query, not one per matter."""
    if not oficio_ids:
        return {}
    hoy = hoy or dt.date.today()
    cal = calendario_para_leer(s)
    # Columns on the connection, not entities through the ORM: a search result's few hundred turnos
    # are read, never edited. A write's pending changes are flushed first, to be read back.
    s.flush()
    filas = s.connection().execute(_turnos_de(s.get_bind().dialect.name), {"ids": list(oficio_ids)})
    por_oficio: dict[uuid.UUID, list[DatosTurno]] = {}
    for (oficio_id, id_, dependencia, dependencia_nombre, rol, instruccion, instruccion_nombre, plazo, turnado,
         limite, nota, estatus, acuse, respuesta, avance, version) in filas:
        por_oficio.setdefault(oficio_id, []).append(DatosTurno(
            id_, dependencia, dependencia_nombre, rol, instruccion, instruccion_nombre, plazo, turnado, limite, nota,
            estatus, acuse, respuesta, avance,
            semaforo.de_turno(estatus, turnado.date(), limite, plazo, hoy, cal, respuesta), version))
    return por_oficio
