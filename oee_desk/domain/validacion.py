"""Field validation that raises Spanish messages naming the field.

Each function returns the cleaned value or raises `ErrorValidacion` for that one field; `Validador`
gathers every problem of a form so the user sees them all at once.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

from stdnum.mx import curp as stdnum_curp
from stdnum.exceptions import ValidationError as StdnumError

from .errores import ErrorValidacion, Problema

LARGO_CODIGO = 40
LARGO_NOMBRE = 200
LARGO_TEXTO = 4000


def texto(campo: str, valor: Any, *, requerido: bool = True, maximo: int = LARGO_NOMBRE) -> str | None:
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        if requerido:
            raise ErrorValidacion.de(campo, "es obligatorio")
        return None
    if not isinstance(valor, str):
        raise ErrorValidacion.de(campo, "debe ser texto")
    limpio = valor.strip()
    if len(limpio) > maximo:
        raise ErrorValidacion.de(campo, f"admite como máximo {maximo} caracteres (tiene {len(limpio)})")
    if "\x00" in limpio:
        raise ErrorValidacion.de(campo, "contiene caracteres no válidos")
    return limpio


_CODIGO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\- ]*$")


def codigo(campo: str, valor: Any) -> str:
    limpio = texto(campo, valor, maximo=LARGO_CODIGO)
    if not _CODIGO.match(limpio):
        raise ErrorValidacion.de(campo, "solo admite letras sin acento, números, punto, guion y guion bajo")
    return limpio


def entero(campo: str, valor: Any, *, minimo: int | None = None, maximo: int | None = None,
           requerido: bool = True) -> int | None:
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        if requerido:
            raise ErrorValidacion.de(campo, "es obligatorio")
        return None
    if isinstance(valor, bool):
        raise ErrorValidacion.de(campo, "debe ser un número entero")
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    if isinstance(valor, str):
        try:
            valor = int(valor.strip())
        except ValueError:
            raise ErrorValidacion.de(campo, "debe ser un número entero") from None
    if not isinstance(valor, int):
        raise ErrorValidacion.de(campo, "debe ser un número entero")
    if minimo is not None and valor < minimo:
        raise ErrorValidacion.de(campo, f"debe ser al menos {minimo}")
    if maximo is not None and valor > maximo:
        raise ErrorValidacion.de(campo, f"debe ser como máximo {maximo}")
    return valor


def fecha(campo: str, valor: Any, *, requerido: bool = True) -> dt.date | None:
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        if requerido:
            raise ErrorValidacion.de(campo, "es obligatorio")
        return None
    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    if isinstance(valor, str):
        try:
            return dt.date.fromisoformat(valor.strip())
        except ValueError:
            pass
    raise ErrorValidacion.de(campo, "debe ser una fecha AAAA-MM-DD válida")


def booleano(campo: str, valor: Any) -> bool:
    if isinstance(valor, bool):
        return valor
    if isinstance(valor, str) and valor.strip().lower() in {"si", "sí", "true", "1", "verdadero"}:
        return True
    if isinstance(valor, str) and valor.strip().lower() in {"no", "false", "0", "falso", ""}:
        return False
    if isinstance(valor, int) and valor in (0, 1):
        return bool(valor)
    raise ErrorValidacion.de(campo, "debe ser sí o no")


def opcion(campo: str, valor: Any, opciones: dict[str, str]) -> str:
    """`opciones` maps code -> label; either is accepted, without regard to case or accents."""
    from .texto import normalizar

    limpio = texto(campo, valor, maximo=LARGO_NOMBRE)
    for clave, etiqueta in opciones.items():
        if normalizar(limpio) in (normalizar(clave), normalizar(etiqueta)):
            return clave
    raise ErrorValidacion.de(campo, "no es válido; use uno de: " + ", ".join(opciones))


def curp(campo: str, valor: Any, *, requerido: bool = False) -> str | None:
    limpio = texto(campo, valor, requerido=requerido, maximo=18)
    if limpio is None:
        return None
    try:
        return stdnum_curp.validate(limpio.upper())
    except StdnumError:
        raise ErrorValidacion.de(campo, "no es una CURP válida") from None


class Validador:
    """Collects the problems of a whole form: `v.campo("nombre", texto, valor)`, then `v.listo()`."""

    def __init__(self) -> None:
        self.problemas: list[Problema] = []
        self.valores: dict[str, Any] = {}

    def campo(self, nombre: str, funcion: Callable[..., Any], valor: Any, **opciones: Any) -> Any:
        try:
            limpio = funcion(nombre, valor, **opciones)
        except ErrorValidacion as e:
            self.problemas.extend(e.problemas)
            return None
        self.valores[nombre] = limpio
        return limpio

    def agregar(self, campo: str, mensaje: str) -> None:
        self.problemas.append(Problema(campo, mensaje))

    def listo(self) -> dict[str, Any]:
        if self.problemas:
            raise ErrorValidacion(self.problemas)
        return self.valores
