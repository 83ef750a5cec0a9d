"""One engine factory for both databases, and the short transactions the services use."""
from __future__ import annotations

import contextlib
import functools
import sqlite3
import time
from pathlib import Path
from typing import Callable, Iterator

import platformdirs
from sqlalchemy import bindparam, create_engine, event, select
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DatabaseError, DisconnectionError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ..domain.errores import BaseDatosInaccesible, Conflicto, PermisoDenegado
from . import auditoria  # noqa: F401  (registers the audit hook on every Session)

APP = "oee-desk"
AUTOR = "OEE Sonora"
ESPERA_BLOQUEO_MS = 15000
# Someone typing fires several reads a second: a read re-checks the signed-in account (deactivated?
# demoted?) when this long has passed since the last check in this process, or since any write
# here. Every write checks it inside its own transaction, always.
VIGENCIA_CUENTA_S = 2.0
# A server connection left idle longer than this is checked before use (a server restarted overnight,
# a dropped VPN). One in steady use is not: checking at every use cost a round trip per service call.
PROBAR_SI_INACTIVA_S = 30.0


def carpeta_datos() -> Path:
    carpeta = Path(platformdirs.user_data_dir(APP, AUTOR))
    carpeta.mkdir(parents=True, exist_ok=True)
    return carpeta


def url_por_defecto() -> str:
    return f"sqlite:///{(carpeta_datos() / 'oee-desk.db').as_posix()}"


def es_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def describir(url: str | URL) -> str:
    """What the status bar says about the database, never with a password."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return f"Archivo local: {u.database}"
    return f"Servidor: {u.host or 'localhost'}:{u.port or 5432}/{u.database}"


def _configurar_sqlite(motor: Engine) -> None:
    @event.listens_for(motor, "connect")
    def _al_conectar(conexion_dbapi, _registro):
        # Take transaction control from the driver so that we can say BEGIN IMMEDIATE.
        conexion_dbapi.isolation_level = None
        cursor = conexion_dbapi.cursor()
        cursor.execute(f"PRAGMA busy_timeout={ESPERA_BLOQUEO_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # journal_mode=WAL is written into the file, so it is set by esquema.actualizar only once the
        # file is known to be ours: opening someone else's database must not change it.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(motor, "begin")
    def _al_empezar(conexion):
        # A write takes the RESERVED lock up front: two writers wait for each other at BEGIN
        # instead of one failing with "database is locked" half-way through.
        if conexion.get_execution_options().get("escritura"):
            conexion.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conexion.exec_driver_sql("BEGIN")


def crear_motor(url: str | URL, *, contrasena: Callable[[], str | None] | None = None) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        motor = create_engine(u, connect_args={"timeout": ESPERA_BLOQUEO_MS / 1000})
        _configurar_sqlite(motor)
        return motor
    if u.get_backend_name() == "postgresql":
        if u.drivername == "postgresql":
            u = u.set(drivername="postgresql+psycopg")
        motor = create_engine(
            u, isolation_level="READ COMMITTED", pool_size=4, max_overflow=4,
            connect_args={"connect_timeout": 5, "application_name": APP})
        _probar_si_estuvo_inactiva(motor)
        if contrasena is not None and not u.password:
            @event.listens_for(motor, "do_connect")
            def _poner_contrasena(_dialecto, _registro, _cargs, cparams):
                if "password" not in cparams:
                    clave = contrasena()
                    if clave:
                        cparams["password"] = clave
        return motor
    raise BaseDatosInaccesible(
        f"La dirección de base de datos «{u.drivername}» no es compatible: use sqlite:/// o postgresql+psycopg://")


def _sin_lotes_fuera_de_transaccion(motor: Engine) -> None:
    @event.listens_for(motor, "before_execute")
    def _revisar(conexion, _sentencia, _multiparams, _params, opciones):
        if (opciones.get("yield_per") or opciones.get("stream_results")) and \
                conexion.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            raise RuntimeError("Una lectura por lotes (yield_per) necesita bd.lectura(..., por_lotes=True).")


def _probar_si_estuvo_inactiva(motor: Engine) -> None:
    @event.listens_for(motor, "checkout")
    def _al_tomar(conexion_dbapi, registro, _proxy):
        usada = registro.info.get("usada")
        if usada is not None and time.monotonic() - usada > PROBAR_SI_INACTIVA_S:
            try:
                motor.dialect.do_ping(conexion_dbapi)
            except Exception as e:  # noqa: BLE001 — any failure: this connection is gone
                raise DisconnectionError(str(e)) from e  # the pool opens a new one instead

    @event.listens_for(motor, "checkin")
    def _al_devolver(_conexion_dbapi, registro):
        registro.info["usada"] = time.monotonic()


def diagnosticar(error: BaseException) -> str:
    """Spanish cause of a connection failure, for the status bar, the CLI and 'Probar conexión'."""
    texto = str(getattr(error, "orig", None) or error).lower()
    if "password authentication failed" in texto or "no password supplied" in texto:
        return "Usuario o contraseña del servidor incorrectos."
    if "does not exist" in texto and "database" in texto:
        return "La base de datos indicada no existe en el servidor."
    if "role" in texto and "does not exist" in texto:
        return "El usuario indicado no existe en el servidor."
    if any(s in texto for s in ("could not translate host", "name or service not known",
                                "nodename nor servname", "failed to resolve host")):
        return "No se encontró el servidor: revise el nombre del equipo."
    if any(s in texto for s in ("connection refused", "timeout", "timed out", "no route to host",
                                "network is unreachable", "could not connect", "connection failed")):
        return "No se pudo contactar al servidor: revise el equipo, el puerto y la red."
    if "file is not a database" in texto or "file is encrypted" in texto or "malformed" in texto:
        return "El archivo no es una base de datos de OEE Desk o está dañado."
    if "unable to open database file" in texto:
        return "No se pudo abrir el archivo de la base de datos: revise la ruta y los permisos."
    if "database is locked" in texto:
        return "La base de datos está ocupada por otro proceso; intente de nuevo."
    return f"Error de base de datos: {str(getattr(error, 'orig', None) or error).strip()[:300]}"


class BaseDatos:
    """The engine plus two ways in: `escritura(actor)`, one transaction, and `lectura()`, one
    transaction on SQLite and plain statements on PostgreSQL (see __init__)."""

    def __init__(self, url: str | URL, *, contrasena: Callable[[], str | None] | None = None):
        self.url = make_url(url)
        self.motor = crear_motor(self.url, contrasena=contrasena)
        # PostgreSQL at READ COMMITTED gives every statement its own snapshot, inside a transaction
        # or not: a read-only transaction would add nothing but a BEGIN and a COMMIT round trip.
        # SQLite keeps its BEGIN: there a read transaction is one snapshot, and costs nothing.
        # Rows streamed in batches (yield_per) need a server-side cursor, hence a transaction: those
        # reads ask for one (`lectura(por_lotes=True)`), and asking without it fails loudly.
        self._sesiones_por_lotes = sessionmaker(self.motor, expire_on_commit=False)
        if self.es_sqlite:
            self._sesiones = self._sesiones_por_lotes
        else:
            self._sesiones = sessionmaker(self.motor.execution_options(isolation_level="AUTOCOMMIT"),
                                          expire_on_commit=False)
            _sin_lotes_fuera_de_transaccion(self.motor)
        self._cuentas_vistas: dict[tuple, float] = {}  # (usuario_id, rol) -> when its account was last checked
        self._recordados: dict[str, tuple[float, object]] = {}  # see recordado()
        self._sesiones_escritura = sessionmaker(
            self.motor.execution_options(escritura=True), expire_on_commit=False)

    @property
    def es_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def describir(self) -> str:
        return describir(self.url)

    @contextlib.contextmanager
    def lectura(self, actor=None, *, por_lotes: bool = False) -> Iterator[Session]:
        """A read; with `actor`, refused if that account was deactivated or demoted. `por_lotes`: the
        caller streams rows with yield_per (on PostgreSQL that takes a transaction)."""
        with traducir_errores(), (self._sesiones_por_lotes if por_lotes else self._sesiones)() as sesion, \
                sesion.begin():
            sesion.info["bd"] = self
            clave = (getattr(actor, "usuario_id", None), getattr(actor, "rol", None))
            if time.monotonic() - self._cuentas_vistas.get(clave, -VIGENCIA_CUENTA_S) >= VIGENCIA_CUENTA_S:
                _comprobar_cuenta_vigente(sesion, actor)
                self._cuentas_vistas[clave] = time.monotonic()
            yield sesion

    @contextlib.contextmanager
    def escritura(self, actor=None, *, accion: str | None = None) -> Iterator[Session]:
        """A write transaction; `actor` (a services.Sesion) signs its audit rows."""
        with traducir_errores(), self._sesiones_escritura() as sesion:
            sesion.info["actor"] = actor
            sesion.info["accion"] = accion
            try:
                with sesion.begin():
                    _comprobar_cuenta_vigente(sesion, actor)
                    yield sesion
            finally:
                self._olvidar_lo_leido()

    @contextlib.contextmanager
    def escritura_de_una_sentencia(self, actor=None, *, cuenta_leida_por_quien_llama: bool = False
                                   ) -> Iterator[Session]:
        """PostgreSQL only: a write that is one statement, which commits by itself (autocommit), so
        that the rows it locks are held for the server's work only, not across a round trip to the
        client and back for COMMIT. Reads before it see committed rows, as in any READ COMMITTED
        transaction. The caller runs exactly one writing statement: two would not be atomic.
        The account is checked first, as `escritura` does, unless the caller reads it in its own
        first statement and passes it to `exigir_cuenta_vigente` (one round trip less); the caches
        are cleared after."""
        if self.es_sqlite:
            raise RuntimeError("escritura_de_una_sentencia es solo para PostgreSQL")
        with traducir_errores(), self._sesiones() as sesion, sesion.begin():
            sesion.info["bd"] = self
            sesion.info["actor"] = actor
            try:
                if not cuenta_leida_por_quien_llama:
                    _comprobar_cuenta_vigente(sesion, actor)
                yield sesion
            finally:
                self._olvidar_lo_leido()

    def _olvidar_lo_leido(self) -> None:
        """After any write: it may have changed an account or a catalog, so reads look again."""
        self._cuentas_vistas.clear()
        self._recordados.clear()

    def recordado(self, clave: str, vigencia_s: float, cargar: Callable[[], object]) -> object:
        """A read-mostly value for reads (the non-working days a semáforo counts with), loaded again
        after `vigencia_s` or after any write made here. Writes always read their own."""
        momento, valor = self._recordados.get(clave, (None, None))
        if momento is None or time.monotonic() - momento > vigencia_s:
            valor = cargar()
            if len(self._recordados) >= 256:  # texts typed one after another: keep it small
                self._recordados.clear()
            self._recordados[clave] = (time.monotonic(), valor)
        return valor

    def cerrar(self) -> None:
        self.motor.dispose()


@functools.cache
def _consulta_cuenta():
    """Built once: this runs at the start of every service call, and building a statement costs
    more Python than running it."""
    from .modelos import Usuario

    return select(Usuario.activo, Usuario.rol).where(Usuario.id == bindparam("usuario_id"))


def _comprobar_cuenta_vigente(sesion: Session, actor) -> None:
    """A session opened before an admin deactivated or demoted the account must not keep writing
    with its old role: checked inside the write transaction itself, so nothing slips between."""
    usuario_id = getattr(actor, "usuario_id", None)
    if usuario_id is None:
        return
    fila = sesion.connection().execute(_consulta_cuenta(), {"usuario_id": usuario_id}).first()
    exigir_cuenta_vigente(fila.activo if fila else None, fila.rol if fila else None, actor)


def exigir_cuenta_vigente(activo: bool | None, rol: str | None, actor) -> None:
    """The account's `activo` and `rol` as just read (None: no such account) against the session's."""
    if not activo or rol != actor.rol:
        raise PermisoDenegado("Su cuenta fue desactivada o cambió de rol: inicie sesión de nuevo.")


@contextlib.contextmanager
def traducir_errores() -> Iterator[None]:
    """Driver errors about reaching or reading the database become BaseDatosInaccesible."""
    try:
        yield
    except StaleDataError as e:
        raise Conflicto("Otra persona modificó este registro al mismo tiempo; vuelva a abrirlo y repita su edición.") from e
    except IntegrityError as e:
        raise Conflicto(f"El cambio choca con un registro existente: {str(e.orig).splitlines()[0][:200]}") from e
    except OperationalError as e:
        if e.connection_invalidated or _es_de_conexion(e):
            raise BaseDatosInaccesible(diagnosticar(e)) from e
        raise
    except (sqlite3.DatabaseError, DatabaseError) as e:
        if _es_de_conexion(e):
            raise BaseDatosInaccesible(diagnosticar(e)) from e
        raise


def _es_de_conexion(e: Exception) -> bool:
    texto = str(getattr(e, "orig", None) or e).lower()
    return any(s in texto for s in (
        "connection", "could not", "server closed", "timeout", "password", "does not exist",
        "file is not a database", "unable to open", "database is locked", "terminating", "malformed"))
