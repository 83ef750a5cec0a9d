"""Opening the database: the password from the keyring, env or a prompt; 'Probar conexión'."""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from .. import secretos
from ..config import ConexionServidor
from ..db.motor import BaseDatos, diagnosticar
from ..domain.errores import BaseDatosInaccesible

VERSION_MINIMA_PG = 13  # the oldest release still supported upstream when this was written


def proveedor_contrasena(url: str, preguntar: Callable[[str], str | None] | None = None) -> Callable[[], str | None]:
    """Keyring first, then PGPASSWORD, then ask once and keep the answer in memory for the session."""
    u = make_url(url)
    cuenta = secretos.cuenta_servidor(u.host or "localhost", u.port, u.username or "", u.database or "")

    def obtener() -> str | None:
        clave = (_memoria.obtener(cuenta) or secretos.secretos().obtener(cuenta)
                 or os.environ.get("PGPASSWORD"))
        if not clave and preguntar is not None:
            clave = preguntar(f"Contraseña de {u.username}@{u.host} para la base {u.database}")
            if clave:
                _memoria.guardar(cuenta, clave)
        return clave

    return obtener


# Passwords typed at a prompt: kept for this process only, never written anywhere.
_memoria = secretos.EnMemoria()


def abrir(url: str, preguntar: Callable[[str], str | None] | None = None) -> BaseDatos:
    return BaseDatos(url, contrasena=proveedor_contrasena(url, preguntar))


@dataclass(frozen=True)
class ResultadoPrueba:
    correcto: bool
    mensaje: str


def probar(conexion: ConexionServidor, contrasena: str | None) -> ResultadoPrueba:
    url = make_url(conexion.url())
    if contrasena:
        url = url.set(password=contrasena)
    bd = BaseDatos(url)
    try:
        with bd.motor.connect() as c:
            numero = c.execute(text("SHOW server_version_num")).scalar()
        mayor = int(numero) // 10000
        if mayor < VERSION_MINIMA_PG:
            return ResultadoPrueba(False, f"El servidor es PostgreSQL {mayor}, demasiado antiguo: "
                                          f"se requiere la versión {VERSION_MINIMA_PG} o posterior.")
        return ResultadoPrueba(True, f"Conexión correcta con PostgreSQL {mayor}.")
    except Exception as e:  # every failure becomes a sentence for the dialog
        return ResultadoPrueba(False, diagnosticar(e))
    finally:
        bd.cerrar()


def guardar_contrasena(conexion: ConexionServidor, contrasena: str) -> str:
    """Returns where it went, so the dialog can say 'guardada en el llavero' or 'solo esta sesión'."""
    almacen = secretos.secretos()
    almacen.guardar(secretos.cuenta_servidor(conexion.host, conexion.port, conexion.usuario, conexion.base), contrasena)
    return almacen.nombre


def olvidar_contrasena_tecleada(url: str) -> None:
    """After the server refused it: 'Reintentar' must ask again instead of reusing the typo."""
    u = make_url(url)
    _memoria.borrar(secretos.cuenta_servidor(u.host or "localhost", u.port, u.username or "", u.database or ""))


def preparar(bd: BaseDatos, progreso: Callable[[str], None] | None = None) -> bool:
    """What the GUI does before asking who you are: migrate, load the missing default catalogs.

    True when the database already has users (login), False on a first run. A database that cannot
    be reached becomes `BaseDatosInaccesible` with its Spanish cause, as everywhere else.
    """
    from .inicializacion import inicializar
    from .usuarios import ServicioUsuarios

    try:
        inicializar(bd, progreso=progreso)
        return ServicioUsuarios(bd).hay_usuarios()
    except (SQLAlchemyError, sqlite3.Error) as e:
        raise BaseDatosInaccesible(diagnosticar(e)) from e


def comprobar(bd: BaseDatos) -> str | None:
    """The status bar's periodic check: None when the database answers, else the Spanish cause."""
    try:
        with bd.motor.connect() as c:
            c.execute(text("SELECT 1"))
        return None
    except Exception as e:  # any failure is "not connected"; the cause goes in the tooltip
        return diagnosticar(e)
