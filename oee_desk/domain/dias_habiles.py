"""Business days (días hábiles): weekends, official holidays and the office's own days off."""
from __future__ import annotations

import bisect
import datetime as dt
from typing import Iterable


# _LABORABLES_TRAS[w][r]: weekdays among the r days after a day of weekday w (Monday 0). A list
# redraws a traffic light per turn, a report thousands: a table, not a walk over the days.
_LABORABLES_TRAS = [[sum(1 for n in range(1, r + 1) if (w + n) % 7 < 5) for r in range(7)] for w in range(7)]


class Calendario:
    """Knows which days are not working days. Built from the `dias-inhabiles` catalog."""

    def __init__(self, inhabiles: Iterable[dt.date] = ()):
        self.inhabiles = frozenset(inhabiles)
        # Only weekday holidays change a count of business days; sorted for bisection.
        self._entre_semana = sorted(d for d in self.inhabiles if d.weekday() < 5)

    def es_habil(self, dia: dt.date) -> bool:
        return dia.weekday() < 5 and dia not in self.inhabiles

    def sumar(self, inicio: dt.date, dias: int) -> dt.date:
        """The due date `dias` business days after `inicio` (the day of the turn does not count)."""
        if dias < 1:
            raise ValueError("el plazo debe ser de al menos un día hábil")
        dia, restantes = inicio, dias
        while restantes:
            dia += dt.timedelta(days=1)
            if self.es_habil(dia):
                restantes -= 1
        return dia

    def entre(self, desde: dt.date, hasta: dt.date) -> int:
        """Business days after `desde` up to and including `hasta` (negative when reversed)."""
        if hasta < desde:
            return -self.entre(hasta, desde)
        # Whole weeks have five weekdays; the remainder's weekdays come from the table. Reports call
        # this per turn, over spans of years, so it must not loop day by day.
        semanas, resto = divmod((hasta - desde).days, 7)
        dias = semanas * 5 + _LABORABLES_TRAS[desde.weekday()][resto]
        festivos = (bisect.bisect_right(self._entre_semana, hasta)
                    - bisect.bisect_right(self._entre_semana, desde))
        return dias - festivos
