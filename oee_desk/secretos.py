"""The workstation's secrets (the PostgreSQL password) behind a small interface.

The system keyring when one works; otherwise memory only, for this session (headless Linux has
no keyring). Never a file. Tests install `EnMemoria` with `usar()`.
"""
from __future__ import annotations

from typing import Protocol

SERVICIO = "oee-desk"


class Secretos(Protocol):
    nombre: str
    persistente: bool

    def obtener(self, cuenta: str) -> str | None: ...
    def guardar(self, cuenta: str, secreto: str) -> None: ...
    def borrar(self, cuenta: str) -> None: ...


class EnMemoria:
    nombre = "memoria (solo esta sesión)"
    persistente = False

    def __init__(self) -> None:
        self._datos: dict[str, str] = {}

    def obtener(self, cuenta: str) -> str | None:
        return self._datos.get(cuenta)

    def guardar(self, cuenta: str, secreto: str) -> None:
        self._datos[cuenta] = secreto

    def borrar(self, cuenta: str) -> None:
        self._datos.pop(cuenta, None)


class LlaveroSistema:
    persistente = True

    def __init__(self, backend) -> None:
        self._backend = backend
        self.nombre = f"llavero del sistema ({type(backend).__name__})"

    def obtener(self, cuenta: str) -> str | None:
        return self._backend.get_password(SERVICIO, cuenta)

    def guardar(self, cuenta: str, secreto: str) -> None:
        self._backend.set_password(SERVICIO, cuenta, secreto)

    def borrar(self, cuenta: str) -> None:
        import keyring.errors

        try:
            self._backend.delete_password(SERVICIO, cuenta)
        except keyring.errors.PasswordDeleteError:
            pass


def _elegir() -> Secretos:
    """The keyring's best backend by priority, unless it is the 'fail' or null one."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
        if isinstance(backend, (fail.Keyring, null.Keyring)) or getattr(backend, "priority", 0) <= 0:
            return EnMemoria()
        return LlaveroSistema(backend)
    except Exception:  # a broken keyring must not stop the application from opening
        return EnMemoria()


_actual: Secretos | None = None


def secretos() -> Secretos:
    global _actual
    if _actual is None:
        _actual = _elegir()
    return _actual


def usar(otro: Secretos) -> None:
    global _actual
    _actual = otro


def cuenta_servidor(host: str, port: int | None, usuario: str, base: str) -> str:
    return f"{usuario}@{host}:{port or 5432}/{base}"
