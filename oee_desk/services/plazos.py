"""Due dates for the turn form, before anything is turned: the same business-day calendar the
turn service will use, so the date the clerk sees is the date that gets stored."""
from __future__ import annotations

import datetime as dt

from ..db.motor import BaseDatos
from ..domain.dias_habiles import Calendario
from ..domain.roles import Accion
from .lectura_turnos import calendario
from .sesion import Sesion, requerir


class ServicioPlazos:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def calendario(self, actor: Sesion) -> Calendario:
        """The días-inhábiles calendar, read once: a form then recomputes each row's due date as
        the clerk changes the term, without a query per keystroke."""
        requerir(actor, Accion.VER_OFICIOS)
        with self.bd.lectura(actor) as s:
            return calendario(s)

    def fecha_limite(self, actor: Sesion, plazo_dias_habiles: int, desde: dt.date | None = None) -> dt.date:
        return self.calendario(actor).sumar(desde or dt.date.today(), plazo_dias_habiles)
