"""Registration rate with several workstations at once, against the raw counter transaction.

Each writer is its own process (multiprocessing «spawn», like separate workstations), connects,
does one warm-up transaction, and waits; all start together and stop at the same deadline. Every
transaction takes the next number of one shared counter row, which is what serializes them.

- service: `ServicioCorrespondencia.registrar` (validation, series and catalog lookups with the
  duplicate check in one statement, then counter, oficio and audit; on PostgreSQL the last three
  in one statement, services/numeracion_sql.py, committed by itself when there are no scans).
- baseline: on the driver's connection, `UPDATE <counter> … RETURNING` + `INSERT` of one row into a
  scratch table, committed; the same lock discipline (BEGIN IMMEDIATE on SQLite).
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import sqlite3
import time
import uuid

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import make_url

from .bases import Preparada
from .medir import Figura

ESPERA_BLOQUEO_MS = 15000


def preparar_borrador(p: Preparada) -> None:
    """The baseline's scratch tables (counter row and rows), apart from the application's tables."""
    with p.bd.motor.begin() as c:
        c.execute(text("CREATE TABLE IF NOT EXISTS bench_contador (id integer PRIMARY KEY, siguiente integer NOT NULL)"))
        c.execute(text("CREATE TABLE IF NOT EXISTS bench_registro (id varchar(36) PRIMARY KEY, numero integer NOT NULL, "
                       "texto text NOT NULL, momento varchar(32) NOT NULL)"))
        c.execute(text("DELETE FROM bench_contador"))
        c.execute(text("INSERT INTO bench_contador (id, siguiente) VALUES (1, 1)"))


def _datos(n: int, proceso: int) -> dict:
    recepcion = (time.time() - 3600)
    return {
        "serie": "03.01", "fecha_recepcion": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(recepcion)),
        "remitente": {"nombre": "Lic. Ana Ruiz Félix", "cargo": "Presidenta Municipal",
                      "institucion": "H. Ayuntamiento de Álamos"},
        "destinatario": "gobernador", "numero_oficio_remitente": f"PM/{proceso}-{n}/BENCH",
        "asunto": "Solicitud de apoyo para la rehabilitación del mercado municipal de Álamos",
        "tipo_documento": "oficio", "prioridad": "normal"}


def _escritor_servicio(url: str, sesion, proceso: int):
    """One registration per call; returns how long the counter row stayed locked (s)."""
    from sqlalchemy import event

    from oee_desk.db.motor import BaseDatos
    from oee_desk.services.correspondencia import ServicioCorrespondencia

    bd = BaseDatos(url)
    corr = ServicioCorrespondencia(bd)
    contador = iter(range(10**9))
    bloqueo = [0.0]
    # SQLite: BEGIN IMMEDIATE takes the database's write lock; PostgreSQL: the UPDATE locks the row,
    # inside the one statement that also writes the oficio and its audit row. Counted from the
    # statement's answer to COMMIT. Since 7-XII-2026 a registration without scans on PostgreSQL is
    # that statement alone, in autocommit: it answers after its own COMMIT, so nothing is held past
    # the answer (0) — what the server spends on it is in the rate, not here.
    candado = "BEGIN IMMEDIATE" if bd.es_sqlite else "UPDATE contadores_serie"

    @event.listens_for(bd.motor, "after_cursor_execute")
    def _candado_tomado(conexion, _cursor, sentencia, *_):
        if sentencia.startswith(candado) or (sentencia.lstrip().startswith("WITH") and candado in sentencia):
            sola = not bd.es_sqlite and conexion.connection.driver_connection.autocommit
            bloqueo[0] = None if sola else time.perf_counter()

    def una() -> float:
        corr.registrar(sesion, _datos(next(contador), proceso))
        return 0.0 if bloqueo[0] is None else time.perf_counter() - bloqueo[0]
    return una, bd.cerrar


def _escritor_crudo(url: str, _sesion, proceso: int):
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        c = sqlite3.connect(u.database, isolation_level=None, timeout=ESPERA_BLOQUEO_MS / 1000)
        c.execute(f"PRAGMA busy_timeout={ESPERA_BLOQUEO_MS}")
        c.execute("PRAGMA synchronous=NORMAL")

        def una() -> float:
            c.execute("BEGIN IMMEDIATE")
            tomado = time.perf_counter()
            numero = c.execute("UPDATE bench_contador SET siguiente = siguiente + 1 WHERE id = 1 "
                               "RETURNING siguiente").fetchone()[0]
            c.execute("INSERT INTO bench_registro (id, numero, texto, momento) VALUES (?, ?, ?, datetime('now'))",
                      (str(uuid.uuid4()), numero - 1, f"registro {proceso}"))
            c.execute("COMMIT")
            return time.perf_counter() - tomado
        return una, c.close
    c = psycopg.connect(u.set(drivername="postgresql").render_as_string(hide_password=False))

    def una() -> float:
        with c.cursor() as cur:
            cur.execute("UPDATE bench_contador SET siguiente = siguiente + 1 WHERE id = 1 RETURNING siguiente")
            numero = cur.fetchone()[0]
            tomado = time.perf_counter()
            cur.execute("INSERT INTO bench_registro (id, numero, texto, momento) VALUES (%s, %s, %s, now()::text)",
                        (str(uuid.uuid4()), numero - 1, f"registro {proceso}"))
        c.commit()
        return time.perf_counter() - tomado
    return una, c.close


def _trabajar(clase: str, url: str, sesion, proceso: int, listos, salida, arranque, duracion: float) -> None:
    try:
        una, cerrar = (_escritor_servicio if clase == "servicio" else _escritor_crudo)(url, sesion, proceso)
        una()  # connect, warm caches
        listos.put(proceso)
        inicio = arranque.get()  # the common start time (time.time()), sent once everyone is ready
        while time.time() < inicio:
            time.sleep(0.001)
        fin, hechas, ultima, bloqueado = inicio + duracion, 0, inicio, 0.0
        while time.time() < fin:
            bloqueado += una()
            hechas += 1
            ultima = time.time()
        cerrar()
        salida.put((proceso, hechas, ultima, bloqueado, None))
    except BaseException as e:  # noqa: BLE001 — reported by the parent
        listos.put(proceso)
        salida.put((proceso, 0, 0.0, 0.0, repr(e)))


def tasa(clase: str, p: Preparada, escritores: int, duracion: float) -> tuple[float, dict]:
    """Committed transactions per second of `escritores` processes together."""
    contexto = mp.get_context("spawn")
    listos, salida, arranque = contexto.Queue(), contexto.Queue(), contexto.Queue()
    procesos = [contexto.Process(target=_trabajar, args=(clase, p.url, p.recepcion, i, listos, salida, arranque,
                                                          duracion), daemon=True) for i in range(escritores)]
    for proceso in procesos:
        proceso.start()
    for _ in procesos:
        _esperar(listos, procesos)
    inicio = time.time() + 0.2
    for _ in procesos:
        arranque.put(inicio)
    resultados = [_esperar(salida, procesos, duracion + 120) for _ in procesos]
    for proceso in procesos:
        proceso.join(timeout=30)
    errores = [r[4] for r in resultados if r[4]]
    if errores:
        raise RuntimeError(f"{clase}: {errores[0]}")
    hechas = sum(r[1] for r in resultados)
    transcurrido = max(r[2] for r in resultados) - inicio
    return hechas / transcurrido, {"transacciones": hechas, "segundos": round(transcurrido, 2),
                                   "por_proceso": sorted(r[1] for r in resultados),
                                   "contador_bloqueado_ms": round(1000 * sum(r[3] for r in resultados) / hechas, 3)}


def _esperar(cola, procesos, limite: float = 120):
    """The next message, or an error if a writer died without sending one (e.g. a failed import)."""
    hasta = time.time() + limite
    while time.time() < hasta:
        try:
            return cola.get(timeout=0.5)
        except queue.Empty:
            muertos = [p for p in procesos if p.exitcode not in (None, 0)]
            if muertos:
                raise RuntimeError(f"un proceso escritor terminó con código {muertos[0].exitcode}") from None
    raise TimeoutError("los procesos escritores no respondieron a tiempo")


def medir(p: Preparada, escritores: int, duracion: float, objetivo: bool) -> list[Figura]:
    """The rate, and how long each transaction keeps the counter row locked (what serializes
    workstations that each have their own CPU; here all writers share this machine's CPUs)."""
    preparar_borrador(p)
    base, detalle_base = tasa("crudo", p, escritores, duracion)
    valor, detalle = tasa("servicio", p, escritores, duracion)
    detalle = {"servicio": detalle, "base": detalle_base, "duracion_s": duracion}
    return [Figura(f"registro de oficios, {escritores} procesos a la vez", p.motor, "tx/s", valor, base,
                   "≥ 50 % de la base" if objetivo else "(informativo)", valor >= 0.5 * base if objetivo else None,
                   detalle),
            Figura(f"registro: candado del contador retenido por transacción, {escritores} procesos (media)", p.motor, "ms",
                   detalle["servicio"]["contador_bloqueado_ms"], detalle["base"]["contador_bloqueado_ms"],
                   "(informativo)", None, {})]
