"""Business days (días hábiles): weekends, official holidays and the office's own days off."""
from __future__ import annotations

import datetime as dt
from typing import Iterable


class Calendario:
    """Knows which days are not working days. Built from the `dias-inhabiles` catalog."""

    def __init__(self, inhabiles: Iterable[dt.date] = ()):
        self.inhabiles = frozenset(inhabiles)

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
        return sum(1 for n in range(1, (hasta - desde).days + 1)
                   if self.es_habil(desde + dt.timedelta(days=n)))
