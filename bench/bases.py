"""Throwaway databases for the benchmark: created, initialized, filled, and dropped at the end."""
from __future__ import annotations

import contextlib
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from oee_desk.db.motor import BaseDatos
from oee_desk.services.inicializacion import inicializar
from oee_desk.services.sesion import Sesion
from oee_desk.services.usuarios import ServicioUsuarios

PG_SERVIDOR = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
CONTRASENA = "caballo correcto batería grapa"


@dataclass
class Preparada:
    motor: str  # "sqlite" | "postgresql"
    url: str
    bd: BaseDatos
    admin: Sesion
    recepcion: Sesion
    datos: dict


@contextlib.contextmanager
def url_desechable(motor: str, servidor: str = PG_SERVIDOR) -> Iterator[str]:
    """A new empty database (a file in a temporary folder, or a database on the server)."""
    if motor == "sqlite":
        carpeta = Path(tempfile.mkdtemp(prefix="oee-bench-"))
        try:
            yield f"sqlite:///{(carpeta / 'bench.db').as_posix()}"
        finally:
            shutil.rmtree(carpeta, ignore_errors=True)
        return
    nombre = f"oee_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(servidor, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{nombre}"'))
    try:
        yield make_url(servidor).set(database=nombre).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)'))
        admin.dispose()


def preparar(motor: str, url: str, oficios: int, avisar: Callable[[str], None] = print) -> Preparada:
    """Migrate, load the default catalogs, create an admin and a recepción user, generate oficios."""
    from oee_desk.services.generador_oficios import generar

    bd = BaseDatos(url)
    inicializar(bd, admin="jefa", nombre_completo="Jefa de Prueba", contrasena=CONTRASENA, confirmacion=CONTRASENA)
    usuarios = ServicioUsuarios(bd)
    admin = usuarios.autenticar("jefa", CONTRASENA)
    usuarios.agregar(admin, "recepcion", "recepcion", "Recepción de Prueba", CONTRASENA, CONTRASENA)
    recepcion = usuarios.autenticar("recepcion", CONTRASENA)
    pasos = max(1, oficios // 5)

    def progreso(hechos: int, total: int) -> None:
        if hechos == total or hechos % pasos < 5000:
            avisar(f"  {motor}: {hechos:,} de {total:,} oficios generados")

    datos = generar(bd, oficios, registrado_por=recepcion.usuario_id, progreso=progreso)
    analizar(bd)
    return Preparada(motor, url, bd, admin, recepcion, datos)


def analizar(bd: BaseDatos) -> None:
    """PostgreSQL: the statistics autovacuum would have gathered on a database that has lived a while.
    SQLite: nothing (the application never runs ANALYZE), only the WAL folded into the file."""
    if bd.es_sqlite:
        with bd.motor.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return
    with bd.motor.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql("VACUUM ANALYZE")
