"""Schema versions: upgrade at start, refuse a newer database, compare models and migrations."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sqlite3
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from ..domain.errores import BaseDatosIncompatible
from .base import Base
from . import conteos_poa
from .busqueda import incluir_nombre
from .motor import BaseDatos, traducir_errores

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# Any fixed number: all workstations take this advisory lock before migrating the shared server.
CANDADO_MIGRACION = 0x0EE_DE5C

# The newest migration of this version of the application (a test holds it equal to the scripts'
# head). Starting on a database already there reads one row and never imports Alembic, which alone
# costs a tenth of a second; Alembic is loaded only to migrate or compare.
REVISION = "0009"


def _config(conexion: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("oee_desk.migrations")))
    cfg.attributes["connection"] = conexion
    return cfg


@functools.cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def revision_aplicacion() -> str:
    return _scripts().get_current_head()


def revision_actual(bd: BaseDatos) -> str | None:
    with traducir_errores(), bd.motor.connect() as conexion:
        return revision_en(conexion)


def revision_en(conexion: Connection) -> str | None:
    """The database's revision, read from Alembic's table as Alembic itself does, without loading it."""
    if not inspect(conexion).has_table("alembic_version"):
        return None
    revisiones = conexion.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(revisiones) > 1:
        raise BaseDatosIncompatible("La base de datos tiene varias revisiones de esquema a la vez: "
                                    + ", ".join(sorted(revisiones)))
    return revisiones[0] if revisiones else None


def es_base_ajena(bd: BaseDatos) -> bool:
    """True when the database holds tables but none of ours: not a database of this application."""
    with traducir_errores(), bd.motor.connect() as conexion:
        tablas = set(inspect(conexion).get_table_names())
    return bool(tablas) and "alembic_version" not in tablas and "usuarios" not in tablas


def verificar_compatible(bd: BaseDatos) -> None:
    actual = revision_actual(bd)
    if actual is not None and actual not in {r.revision for r in _scripts().walk_revisions()}:
        raise BaseDatosIncompatible(
            "La base de datos fue creada por una versión más reciente de OEE Desk "
            f"(revisión {actual}); actualice la aplicación antes de abrirla.")
    if actual is None and es_base_ajena(bd):
        raise BaseDatosIncompatible("La base de datos no es de OEE Desk: contiene otras tablas.")


def necesita_actualizar(bd: BaseDatos) -> bool:
    return revision_actual(bd) != revision_aplicacion()


@contextlib.contextmanager
def _candado(bd: BaseDatos, conexion: Connection) -> Iterator[None]:
    if bd.es_sqlite:
        yield
        return
    conexion.execute(text("SELECT pg_advisory_lock(:k)"), {"k": CANDADO_MIGRACION})
    try:
        yield
    finally:
        conexion.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": CANDADO_MIGRACION})


def respaldar_sqlite_antes(bd: BaseDatos) -> Path | None:
    """Copy a SQLite file before migrating it (the SQLite backup API: consistent even in WAL)."""
    ruta = bd.url.database
    if not ruta or ruta == ":memory:" or not Path(ruta).exists() or revision_actual(bd) is None:
        return None
    destino = Path(ruta).with_name(
        f"{Path(ruta).stem}.antes-de-{revision_aplicacion()}-{dt.datetime.now():%Y%m%d%H%M%S}.db")
    with contextlib.closing(sqlite3.connect(ruta)) as origen, contextlib.closing(sqlite3.connect(destino)) as copia:
        origen.backup(copia)
    return destino


def actualizar(bd: BaseDatos, revision: str = "head") -> None:
    """Bring the database to `revision` (the application's by default)."""
    if revision == "head" and revision_actual(bd) == REVISION:  # every ordinary start
        _modo_wal(bd)
        return
    verificar_compatible(bd)
    _modo_wal(bd)
    if revision == "head" and not necesita_actualizar(bd):
        return
    if bd.es_sqlite:
        respaldar_sqlite_antes(bd)
    from alembic import command

    with traducir_errores(), bd.motor.connect() as conexion:
        with _candado(bd, conexion):
            conexion.commit()
            command.upgrade(_config(conexion), revision)
            conexion.commit()


def _modo_wal(bd: BaseDatos) -> None:
    """SQLite: readers never block the writer and vice versa; persistent in the file once set.
    Only on a file known to be ours. On the driver's connection: SQLite refuses this pragma inside
    the BEGIN SQLAlchemy would emit."""
    if bd.es_sqlite:
        with traducir_errores(), contextlib.closing(bd.motor.raw_connection()) as cruda:
            cruda.driver_connection.execute("PRAGMA journal_mode=WAL")


def bajar(bd: BaseDatos, revision: str = "base") -> None:
    from alembic import command

    with bd.motor.connect() as conexion:
        command.downgrade(_config(conexion), revision)
        conexion.commit()


def _comparable(nombre, tipo, padres) -> bool:
    """Objects the migrations make on purpose outside the models: the search indexes, the POA counts."""
    return incluir_nombre(nombre, tipo, padres) and not conteos_poa.es_propio(nombre, tipo)


def diferencias_modelos(bd: BaseDatos) -> list:
    """What the models have that the migrations do not create (empty when they agree)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with bd.motor.connect() as conexion:
        # The search index (FTS5 table, trigram index) is made by a migration, not by the models.
        contexto = MigrationContext.configure(conexion, opts={"compare_type": True, "include_name": _comparable})
        return compare_metadata(contexto, Base.metadata)
