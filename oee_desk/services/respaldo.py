"""Backup and restore of the whole database, in one portable file for both engines.

A backup made on a one-machine SQLite install restores onto the office's PostgreSQL server and the
other way round: the file (see respaldo_archivo) holds typed rows, not engine-specific SQL.

Consistency: `respaldar` reads every table inside one transaction — a REPEATABLE READ, READ ONLY
snapshot on PostgreSQL, a single read transaction on SQLite (WAL keeps it a snapshot) — so a backup
taken while others keep working is a picture of one instant.

`restaurar` replaces the whole content of the target, or leaves it as it was:
- PostgreSQL: one transaction (its DDL is transactional): drop our schema by downgrading to base
  (the audit log forbids DELETE, and the migrations know every trigger and function they made),
  migrate to the backup's revision, load the rows, migrate to head, commit.
- SQLite: the same is built in a temporary file next to the target, swapped in with os.replace
  only after it succeeded; that works on Windows too.

Who may restore: an administrator. A target without any user account — a brand-new machine or an
empty server database, where nobody could sign in to be one — may also be restored with
`actor=None` or `SISTEMA`: that is how a new installation receives an office's data.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import Callable, Iterator

from alembic import command
from alembic.migration import MigrationContext
from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError, StatementError

from .. import __version__
from ..db import esquema
from ..db.base import Base
from ..db.motor import BaseDatos, traducir_errores
from ..domain.errores import BaseDatosIncompatible, Conflicto, ErrorValidacion, PermisoDenegado
from ..domain.roles import Accion
from . import respaldo_archivo as formato
from .respaldo_archivo import Manifiesto
from .sesion import SISTEMA, Sesion, requerir

# (table, rows done, rows in all): enough for a progress bar and its label.
Progreso = Callable[[str, int, int], None]
LOTE = 1000
ESPERA_BLOQUEO = "30s"  # a restore waits this long for other workstations' transactions to end
ABIERTA_EN_OTRO_LADO = "La base de datos está abierta en otra ventana o programa; ciérrela y vuelva a restaurar."

__all__ = ["Manifiesto", "Progreso", "respaldar", "restaurar"]


# --- backup ---------------------------------------------------------------------------------
def respaldar(bd: BaseDatos, actor: Sesion | None, destino: Path,
              progreso: Progreso | None = None) -> Manifiesto:
    """Write a backup of the whole database to `destino` (replaced only once it is complete)."""
    requerir(actor, Accion.RESPALDAR)
    destino = Path(destino)
    destino.parent.mkdir(parents=True, exist_ok=True)
    fd, nombre = tempfile.mkstemp(prefix=destino.name + ".", suffix=".parcial", dir=destino.parent)
    os.close(fd)
    try:
        with _instantanea(bd) as conexion, zipfile.ZipFile(nombre, "w", zipfile.ZIP_DEFLATED) as archivo:
            manifiesto = _volcar(bd, conexion, archivo, progreso)
            archivo.writestr(formato.MANIFIESTO, json.dumps(manifiesto.como_json(), ensure_ascii=False, indent=2))
        os.replace(nombre, destino)
    except BaseException:
        Path(nombre).unlink(missing_ok=True)
        raise
    return manifiesto


@contextlib.contextmanager
def _instantanea(bd: BaseDatos) -> Iterator[Connection]:
    with traducir_errores(), bd.motor.connect() as conexion:
        if not bd.es_sqlite:
            conexion.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with conexion.begin():
            yield conexion


def _volcar(bd: BaseDatos, conexion: Connection, archivo: zipfile.ZipFile,
            progreso: Progreso | None) -> Manifiesto:
    revision = MigrationContext.configure(conexion).get_current_revision()
    if revision != esquema.revision_aplicacion():
        raise BaseDatosIncompatible(
            "La base de datos no tiene el esquema de esta versión de OEE Desk "
            f"(revisión {revision or 'ninguna'}); actualícela con «oee-desk db upgrade» antes de respaldarla.")
    tablas = Base.metadata.sorted_tables  # parents before children: the order a restore inserts in
    total = sum(conexion.scalar(select(func.count()).select_from(t)) for t in tablas)
    hechas = 0
    cuentas, sumas, columnas = {}, {}, {}
    for tabla in tablas:
        columnas[tabla.name] = formato.columnas_de(tabla)
        codificar = formato.codificador(columnas[tabla.name])
        suma, cuenta = hashlib.sha256(), 0
        _avisar(progreso, tabla.name, hechas, total)
        filas = conexion.execute(formato.consulta_lectura(tabla).execution_options(yield_per=LOTE))
        with archivo.open(formato.miembro(tabla.name), "w", force_zip64=True) as f:
            for lote in filas.mappings().partitions():
                datos = b"".join(codificar(fila) for fila in lote)
                suma.update(datos)
                f.write(datos)
                cuenta += len(lote)
                hechas += len(lote)
                _avisar(progreso, tabla.name, hechas, total)
        cuentas[tabla.name], sumas[tabla.name] = cuenta, suma.hexdigest()
    creado = dt.datetime.now().astimezone().replace(microsecond=0)
    return Manifiesto(formato.FORMATO, __version__, revision, creado, bd.motor.dialect.name,
                      cuentas, sumas, columnas)


# --- restore --------------------------------------------------------------------------------
def restaurar(bd: BaseDatos, actor: Sesion | None, origen: Path,
              progreso: Progreso | None = None) -> Manifiesto:
    """Replace the whole content of `bd` with the backup in `origen`; returns its manifest.

    The file is checked completely (manifest, revision, every table's SHA-256) before anything is
    written; any failure leaves the target as it was.
    """
    _autorizar(bd, actor)
    archivo, manifiesto = formato.abrir(Path(origen))
    with archivo:
        if manifiesto.revision not in {r.revision for r in esquema._scripts().walk_revisions()}:
            raise BaseDatosIncompatible(
                "El respaldo fue hecho por una versión más reciente de OEE Desk "
                f"(revisión {manifiesto.revision[:40]}); actualice la aplicación para restaurarlo.")
        formato.verificar(archivo, manifiesto)
        if bd.es_sqlite:
            _restaurar_sqlite(bd, archivo, manifiesto, progreso)
        else:
            _restaurar_postgresql(bd, archivo, manifiesto, progreso)
    return manifiesto


def _autorizar(bd: BaseDatos, actor: Sesion | None) -> None:
    sin_sesion = actor is None or actor is SISTEMA
    if not sin_sesion:
        requerir(actor, Accion.RESTAURAR)
    if bd.es_sqlite and not _archivo_sqlite(bd).exists():
        return  # a new file: empty by definition
    esquema.verificar_compatible(bd)  # never overwrite a newer database, or somebody else's
    if sin_sesion and _tiene_usuarios(bd):
        raise PermisoDenegado("La base de datos de destino ya tiene usuarios: inicie sesión como "
                              "administrador para restaurar un respaldo sobre ella.")


def _tiene_usuarios(bd: BaseDatos) -> bool:
    with bd.lectura() as s:
        return inspect(s.connection()).has_table("usuarios") and bool(
            s.scalar(text("SELECT count(*) FROM usuarios")))


def _restaurar_postgresql(bd: BaseDatos, archivo: zipfile.ZipFile, manifiesto: Manifiesto,
                          progreso: Progreso | None) -> None:
    with traducir_errores(), _en_uso(), bd.motor.connect() as conexion, conexion.begin():
        conexion.execute(text(f"SET LOCAL lock_timeout = '{ESPERA_BLOQUEO}'"))
        # The lock workstations take before migrating at start: none migrates under our feet.
        conexion.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": esquema.CANDADO_MIGRACION})
        if MigrationContext.configure(conexion).get_current_revision() is not None:
            command.downgrade(esquema._config(conexion), "base")
        # Alembic sees the open transaction and runs inside it without committing.
        command.upgrade(esquema._config(conexion), manifiesto.revision)
        # Self-references (a merged citizen → its survivor) may point forward in load order.
        conexion.execute(text("SET CONSTRAINTS ALL DEFERRED"))
        _cargar(conexion, archivo, manifiesto, progreso)
        command.upgrade(esquema._config(conexion), "head")


def _restaurar_sqlite(bd: BaseDatos, archivo: zipfile.ZipFile, manifiesto: Manifiesto,
                      progreso: Progreso | None) -> None:
    ruta = _archivo_sqlite(bd)
    ruta.parent.mkdir(parents=True, exist_ok=True)
    fd, nombre = tempfile.mkstemp(prefix=ruta.name + ".", suffix=".restaurando", dir=ruta.parent)
    os.close(fd)
    temporal = Path(nombre)
    nueva = BaseDatos(f"sqlite:///{temporal.as_posix()}")
    try:
        with traducir_errores(), nueva.motor.connect() as conexion:
            command.upgrade(esquema._config(conexion), manifiesto.revision)
            conexion.commit()
            with _referencias_rotas(), conexion.begin():
                conexion.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # checked at COMMIT
                _cargar(conexion, archivo, manifiesto, progreso)
            command.upgrade(esquema._config(conexion), "head")
            conexion.commit()
            # Fold the WAL into the file so that the file alone is the whole database.
            conexion.connection.dbapi_connection.execute("PRAGMA journal_mode = DELETE")
        nueva.cerrar()
        _reemplazar(bd, temporal, ruta)
    except BaseException:
        nueva.cerrar()
        for sufijo in ("", "-wal", "-shm", "-journal"):
            Path(f"{temporal}{sufijo}").unlink(missing_ok=True)
        raise


def _reemplazar(bd: BaseDatos, temporal: Path, ruta: Path) -> None:
    bd.cerrar()
    wal = ruta.with_name(ruta.name + "-wal")
    if ruta.exists():
        # The last connection to close checkpoints and deletes the WAL; if it is still there,
        # someone else has the file open, and their WAL would be replayed onto the new file.
        with contextlib.closing(sqlite3.connect(ruta)) as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if wal.exists():
        raise Conflicto(ABIERTA_EN_OTRO_LADO)
    try:
        os.replace(temporal, ruta)
    except PermissionError as e:  # Windows: the file is open elsewhere
        raise Conflicto(ABIERTA_EN_OTRO_LADO) from e


def _cargar(conexion: Connection, archivo: zipfile.ZipFile, manifiesto: Manifiesto,
            progreso: Progreso | None) -> None:
    """Insert every table's rows, parents first, in batches (executemany)."""
    _comprobar_tablas(conexion, manifiesto)
    total, hechas = manifiesto.filas, 0
    for nombre in manifiesto.tablas:
        columnas = manifiesto.columnas[nombre]
        sentencia = insert(formato.tabla_destino(nombre, columnas))
        decodificar = formato.decodificador(columnas)
        _avisar(progreso, nombre, hechas, total)
        lote: list[dict] = []
        try:
            for linea in formato.lineas(archivo, manifiesto, nombre):
                objeto = json.loads(linea)
                if not isinstance(objeto, dict):
                    raise ValueError("una línea no es un objeto JSON")
                lote.append(decodificar(objeto))
                if len(lote) == LOTE:
                    hechas = _insertar(conexion, sentencia, lote, progreso, nombre, hechas, total)
                    lote = []
            if lote:
                hechas = _insertar(conexion, sentencia, lote, progreso, nombre, hechas, total)
        except (ValueError, TypeError, AttributeError) as e:
            raise ErrorValidacion.de("respaldo", f"la tabla {nombre} contiene un valor ilegible ({e})") from e
        except (IntegrityError, DataError) as e:
            raise ErrorValidacion.de("respaldo", f"las filas de la tabla {nombre} no se pudieron cargar: "
                                                 f"{str(e.orig).splitlines()[0][:200]}") from e
        except StatementError as e:
            if isinstance(e, DBAPIError):
                raise
            raise ErrorValidacion.de("respaldo", f"la tabla {nombre} contiene un valor ilegible ({e.orig})") from e


def _insertar(conexion: Connection, sentencia, lote: list[dict], progreso: Progreso | None,
              tabla: str, hechas: int, total: int) -> int:
    conexion.execute(sentencia, lote)  # executemany: batched INSERT … VALUES on both drivers
    hechas += len(lote)
    _avisar(progreso, tabla, hechas, total)
    return hechas


def _comprobar_tablas(conexion: Connection, manifiesto: Manifiesto) -> None:
    """The migrated target must have exactly the columns the backup has, table by table."""
    inspector = inspect(conexion)
    existentes = set(inspector.get_table_names())
    for nombre, columnas in manifiesto.columnas.items():
        reales = {c["name"] for c in inspector.get_columns(nombre)} if nombre in existentes else set()
        if reales != set(columnas):
            raise BaseDatosIncompatible(
                f"El respaldo no corresponde al esquema de su revisión ({manifiesto.revision}): "
                f"la tabla {nombre} no coincide. ¿Fue hecho por otra aplicación?")


@contextlib.contextmanager
def _referencias_rotas() -> Iterator[None]:
    try:
        yield
    except IntegrityError as e:  # a deferred foreign key, found at COMMIT
        raise ErrorValidacion.de("respaldo", "hay filas que hacen referencia a registros que no "
                                             f"están en el respaldo: {str(e.orig).splitlines()[0][:200]}") from e


@contextlib.contextmanager
def _en_uso() -> Iterator[None]:
    try:
        yield
    except OperationalError as e:
        if getattr(e.orig, "sqlstate", None) == "55P03":  # lock_not_available
            raise Conflicto("La base de datos está en uso por otras estaciones; pida que cierren OEE Desk "
                            "y vuelva a restaurar.") from e
        raise


def _archivo_sqlite(bd: BaseDatos) -> Path:
    if not bd.url.database or bd.url.database == ":memory:":
        raise ErrorValidacion.de("destino", "solo se puede restaurar en un archivo de base de datos")
    return Path(bd.url.database)


def _avisar(progreso: Progreso | None, tabla: str, hechas: int, total: int) -> None:
    if progreso is not None:
        progreso(tabla, hechas, total)
