"""Timing helpers: every figure is wall-clock time on this machine, with its baseline next to it."""
from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass, field
from typing import Callable


@dataclass
class Figura:
    """One line of the table: the application's figure, its baseline and the target."""

    medida: str
    motor: str
    unidad: str  # "ms" (lower is better) or "tx/s" (higher is better)
    valor: float
    base: float | None
    objetivo: str = ""
    cumple: bool | None = None
    detalle: dict = field(default_factory=dict)

    @property
    def razon(self) -> float | None:
        if not self.base:
            return None
        return self.valor / self.base

    def como_json(self) -> dict:
        return {**asdict(self), "razon": self.razon}


def cronometrar(funcion: Callable[[], object], veces: int, *, calentar: int = 1) -> list[float]:
    """Milliseconds of each of `veces` calls, after `calentar` calls that are not counted."""
    for _ in range(calentar):
        funcion()
    tiempos = []
    for _ in range(veces):
        inicio = time.perf_counter()
        funcion()
        tiempos.append((time.perf_counter() - inicio) * 1000)
    return tiempos


def p95(tiempos: list[float]) -> float:
    if len(tiempos) == 1:
        return tiempos[0]
    return statistics.quantiles(tiempos, n=20, method="inclusive")[18]


def mediana(tiempos: list[float]) -> float:
    return statistics.median(tiempos)
