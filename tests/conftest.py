"""Shared fixtures: an initialized database on SQLite and on PostgreSQL, and signed-in users.

Every PostgreSQL test runs in its own throwaway database, cloned from a migrated template made
once per run, and dropped afterwards. With OEE_REQUIRE_PG=1 (set by .ci/run) an unreachable
server fails the run instead of skipping those tests.
"""
from __future__ import annotations

import os
import shutil
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text

from oee_desk import secretos
from oee_desk.db.motor import BaseDatos
from oee_desk.domain import contrasenas
from oee_desk.domain.roles import Rol
from oee_desk.services.inicializacion import inicializar
from oee_desk.services.sesion import Sesion
from oee_desk.services.usuarios import ServicioUsuarios

PG_SERVIDOR = os.environ.get("OEE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
CONTRASENA = "caballo correcto batería grapa"
REQUERIR_PG = os.environ.get("OEE_REQUIRE_PG") == "1"


@pytest.fixture(autouse=True)
def _aislar_estacion(tmp_path, monkeypatch):
    """No test reads or writes the real user's config, data folder or keyring."""
    monkeypatch.setenv("OEE_DESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("OEE_DESK_DB_URL", raising=False)
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "datos"))
    secretos.usar(secretos.EnMemoria())
    yield


# Argon2 is slow on purpose (a tenth of a second a hash on these machines), and the suite creates
# users and signs them in by the thousand: the cheapest parameters for every hash the tests make,
# the databases' templates included, except where a test checks the real ones (marker argon2_real:
# tests/domain/test_contrasenas.py). Processes the tests start (the CLI's) keep the real ones.
_ARGON2_REAL = contrasenas._hasher
contrasenas._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def _argon2_real_si_se_pide(request, monkeypatch):
    if request.node.get_closest_marker("argon2_real") is not None:
        monkeypatch.setattr(contrasenas, "_hasher", _ARGON2_REAL)
    yield


# --- PostgreSQL ---------------------------------------------------------------------------
def _servidor():
    return create_engine(PG_SERVIDOR, isolation_level="AUTOCOMMIT")


def crear_base_pg(plantilla: str | None = None) -> str:
    nombre = f"oee_test_{uuid.uuid4().hex[:12]}"
    motor = _servidor()
    with motor.connect() as c:
        c.execute(text(f'CREATE DATABASE "{nombre}"' + (f' TEMPLATE "{plantilla}"' if plantilla else "")))
    motor.dispose()
    return PG_SERVIDOR.rsplit("/", 1)[0] + "/" + nombre


def borrar_base_pg(url: str) -> None:
    nombre = url.rsplit("/", 1)[1]
    motor = _servidor()
    with motor.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)'))
    motor.dispose()


@pytest.fixture(scope="session")
def pg_disponible():
    try:
        motor = _servidor()
        with motor.connect() as c:
            c.execute(text("SELECT 1"))
        motor.dispose()
    except Exception as e:
        if REQUERIR_PG:
            pytest.fail(f"PostgreSQL no está disponible y OEE_REQUIRE_PG=1: {e}")
        pytest.skip(f"PostgreSQL no disponible: {e}")
    return True


@pytest.fixture
def pg_url_vacia(pg_disponible):
    """An empty throwaway PostgreSQL database."""
    url = crear_base_pg()
    yield url
    borrar_base_pg(url)


@pytest.fixture(scope="session")
def _plantilla_pg(pg_disponible):
    url = crear_base_pg()
    bd = BaseDatos(url)
    inicializar(bd, admin="admin", nombre_completo="Administradora de Prueba",
                contrasena=CONTRASENA, confirmacion=CONTRASENA)
    bd.cerrar()
    yield url.rsplit("/", 1)[1]
    borrar_base_pg(url)


@pytest.fixture(scope="session")
def _plantilla_sqlite(tmp_path_factory):
    ruta = tmp_path_factory.mktemp("plantilla") / "plantilla.db"
    bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    inicializar(bd, admin="admin", nombre_completo="Administradora de Prueba",
                contrasena=CONTRASENA, confirmacion=CONTRASENA)
    with bd.motor.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    bd.cerrar()
    return ruta


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def bd(request, tmp_path):
    """An initialized database (migrated, default catalogs, user «admin») on each engine."""
    if request.param == "sqlite":
        ruta = tmp_path / "oee.db"
        shutil.copy(request.getfixturevalue("_plantilla_sqlite"), ruta)
        base = BaseDatos(f"sqlite:///{ruta.as_posix()}")
        yield base
        base.cerrar()
    else:
        url = crear_base_pg(request.getfixturevalue("_plantilla_pg"))
        base = BaseDatos(url)
        yield base
        base.cerrar()
        borrar_base_pg(url)


@pytest.fixture
def bd_sqlite(tmp_path, _plantilla_sqlite):
    ruta = tmp_path / "oee.db"
    shutil.copy(_plantilla_sqlite, ruta)
    base = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    yield base
    base.cerrar()


@pytest.fixture
def admin(bd) -> Sesion:
    return ServicioUsuarios(bd).autenticar("admin", CONTRASENA)


def sesion_con_rol(bd: BaseDatos, rol: Rol | str) -> Sesion:
    """A signed-in user of that role (created on first use)."""
    rol = Rol(rol)
    usuarios = ServicioUsuarios(bd)
    nombre = f"prueba_{rol.value}"
    if rol == Rol.ADMIN:
        return usuarios.autenticar("admin", CONTRASENA)
    jefa = usuarios.autenticar("admin", CONTRASENA)
    if not any(u.nombre == nombre for u in usuarios.listar(jefa)):
        usuarios.agregar(jefa, nombre, rol.value, f"Usuaria {rol.etiqueta}", CONTRASENA, CONTRASENA)
    return usuarios.autenticar(nombre, CONTRASENA)
