"""Which database this workstation uses: --db, else OEE_DESK_DB_URL, else the configured one,
else the embedded SQLite default. The configured one lives in a small JSON file in the user's
config folder (no secrets in it: the password is in the keyring), so the CLI reads it without Qt.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL

from .db.motor import APP, AUTOR, url_por_defecto


def carpeta_config() -> Path:
    carpeta = Path(os.environ.get("OEE_DESK_CONFIG_DIR") or platformdirs.user_config_dir(APP, AUTOR))
    carpeta.mkdir(parents=True, exist_ok=True)
    return carpeta


@dataclass(frozen=True)
class ConexionServidor:
    host: str
    port: int
    base: str
    usuario: str

    def url(self) -> str:
        return URL.create("postgresql+psycopg", username=self.usuario, host=self.host, port=self.port,
                          database=self.base).render_as_string(hide_password=False)


def leer_conexion() -> ConexionServidor | None:
    archivo = carpeta_config() / "conexion.json"
    try:
        crudo = archivo.read_bytes()
    except FileNotFoundError:
        return None
    # Someone may have edited it with Notepad: UTF-8 with a BOM, or UTF-16.
    codificacion = "utf-16" if crudo.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        datos = json.loads(crudo.decode(codificacion))
        return ConexionServidor(**datos) if datos else None
    except (UnicodeDecodeError, json.JSONDecodeError, TypeError):
        return None


def guardar_conexion(conexion: ConexionServidor | None) -> None:
    """None goes back to the embedded SQLite file."""
    archivo = carpeta_config() / "conexion.json"
    temporal = archivo.with_suffix(".tmp")
    temporal.write_text(json.dumps(asdict(conexion) if conexion else {}, ensure_ascii=False), encoding="utf-8")
    temporal.replace(archivo)  # atomic on Windows and POSIX


def resolver_url(url: str | None = None) -> str:
    if url:
        return url
    if os.environ.get("OEE_DESK_DB_URL"):
        return os.environ["OEE_DESK_DB_URL"]
    conexion = leer_conexion()
    return conexion.url() if conexion else url_por_defecto()
