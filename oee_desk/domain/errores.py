"""Errors the domain and services raise.

They carry codes and fields, not finished sentences for one screen: the CLI prints them, the GUI
shows them next to the field. The messages are already Spanish because both front ends show them
as they are.
"""
from __future__ import annotations

from dataclasses import dataclass


class ErrorOee(Exception):
    """Base of every error a user may see. `codigo_salida` is the CLI's exit code (cli.md)."""

    codigo_salida = 1

    def __init__(self, mensaje: str):
        super().__init__(mensaje)
        self.mensaje = mensaje


@dataclass(frozen=True)
class Problema:
    campo: str
    mensaje: str

    def __str__(self) -> str:
        return f"{self.campo}: {self.mensaje}"


class ErrorValidacion(ErrorOee):
    """Rejected input; one or more problems, each naming its field."""

    codigo_salida = 1

    def __init__(self, problemas: list[Problema] | Problema):
        if isinstance(problemas, Problema):
            problemas = [problemas]
        self.problemas = list(problemas)
        super().__init__("; ".join(str(p) for p in self.problemas))

    @classmethod
    def de(cls, campo: str, mensaje: str) -> "ErrorValidacion":
        return cls([Problema(campo, mensaje)])


class ErrorUso(ErrorOee):
    codigo_salida = 2


class AutenticacionFallida(ErrorOee):
    codigo_salida = 3


class PermisoDenegado(ErrorOee):
    codigo_salida = 3


class NoEncontrado(ErrorOee):
    codigo_salida = 4


class NumeroInexistente(NoEncontrado):
    """Text that reads as a control number of one of the series, which no matter has: a mistyped or
    wrong number, not words to search for."""


class Conflicto(ErrorOee):
    """Stale edit, duplicate key or a rule that forbids the change in the current state."""

    codigo_salida = 5


class BaseDatosInaccesible(ErrorOee):
    codigo_salida = 6


class BaseDatosIncompatible(ErrorOee):
    """A database written by a newer version of the application, or not ours at all."""

    codigo_salida = 6
