"""This workstation's preferences: window layout, last module, last filters, last user name.

The only place that touches QSettings, so that keys and types are written once. Office settings live
in the database and secrets in the keyring; nothing here is either.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


class Ajustes:
    def __init__(self, archivo: str | Path | None = None):
        """Without `archivo`: the application's QSettings (organization and name set by app.py).
        With it: an INI file, for tests, the self-test and screenshots, which must not touch the
        real user's preferences."""
        if archivo is None:
            self._q = QSettings()
        else:
            self._q = QSettings(str(archivo), QSettings.Format.IniFormat)

    # --- window layout: opaque blobs from saveGeometry / saveState ------------------------
    def disposicion(self, clave: str) -> QByteArray | None:
        valor = self._q.value(f"disposicion/{clave}")
        return valor if isinstance(valor, QByteArray) and not valor.isEmpty() else None

    def guardar_disposicion(self, clave: str, datos: QByteArray) -> None:
        self._q.setValue(f"disposicion/{clave}", datos)

    # --- simple values -------------------------------------------------------------------
    def _texto(self, clave: str) -> str | None:
        valor = self._q.value(clave)
        return str(valor) if valor not in (None, "") else None

    @property
    def ultimo_modulo(self) -> str | None:
        return self._texto("sesion/ultimo_modulo")

    @ultimo_modulo.setter
    def ultimo_modulo(self, clave: str | None) -> None:
        self._q.setValue("sesion/ultimo_modulo", clave or "")

    @property
    def ultimo_usuario(self) -> str | None:
        """Only the user name, to prefill the login: never the password."""
        return self._texto("sesion/ultimo_usuario")

    @ultimo_usuario.setter
    def ultimo_usuario(self, nombre: str | None) -> None:
        self._q.setValue("sesion/ultimo_usuario", nombre or "")

    @property
    def carpeta_escaner(self) -> str | None:
        """The folder this workstation's scanner saves into: each desk has its own scanner."""
        return self._texto("escaner/carpeta")

    @carpeta_escaner.setter
    def carpeta_escaner(self, ruta: str | None) -> None:
        self._q.setValue("escaner/carpeta", ruta or "")

    # --- filters per page: stored as JSON so that every backend keeps the types ----------
    def filtros(self, pagina: str) -> dict[str, Any]:
        crudo = self._texto(f"filtros/{pagina}")
        try:
            datos = json.loads(crudo) if crudo else {}
        except json.JSONDecodeError:  # a hand-edited or truncated file must not stop the page
            return {}
        return datos if isinstance(datos, dict) else {}

    def guardar_filtros(self, pagina: str, filtros: dict[str, Any]) -> None:
        self._q.setValue(f"filtros/{pagina}", json.dumps(filtros, ensure_ascii=False, default=str))

    def sincronizar(self) -> None:
        self._q.sync()
