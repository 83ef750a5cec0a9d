"""Bulk load of generated rows (services/generador_atencion.py): the demo and the benchmark write
hundreds of thousands of rows that no person typed, so not through the ORM.

The secondary indexes of the loaded tables (and on SQLite the FTS5 triggers) are dropped, the rows
written with `executemany` (SQLite) or `COPY` (PostgreSQL, foreign-key triggers off for the load:
the rows are consistent by construction), then the indexes and triggers are created again and the
FTS5 table rebuilt — the same end state as rows inserted one by one through the services.

Values arrive pre-formatted as the stored text (`marca`, `dia`, ids as hex), which both engines read.
"""
from __future__ import annotations

import datetime as dt
import random
import sqlite3
from typing import Callable

import psycopg
from sqlalchemy.engine import make_url

from ..db import conteos_poa
from ..db.motor import BaseDatos

TABLAS_CARGADAS = ("ciudadanos", "peticiones", "canalizaciones", "seguimientos")


# --- how values are written (the same text SQLAlchemy stores on SQLite; PostgreSQL reads it too) ---
def marca(t: dt.datetime) -> str:
    """A DATETIME as SQLAlchemy stores it on SQLite: 'YYYY-MM-DD HH:MM:SS.ffffff'."""
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}:{t.second:02d}.{t.microsecond:06d}"


def dia(d: dt.date) -> str:
    return d.isoformat()


class Ids:
    """UUIDv7 as hex (the stored form on SQLite; PostgreSQL's uuid reads it), stamped with a given time."""

    def __init__(self, azar: random.Random):
        self.azar = azar

    def __call__(self, momento: dt.datetime) -> str:
        ms = int(momento.timestamp() * 1000)
        bits = self.azar.getrandbits(74)
        valor = (ms << 80) | (0x7 << 76) | ((bits >> 62) << 64) | (0b10 << 62) | (bits & ((1 << 62) - 1))
        return f"{valor:032x}"


class Cargador:
    """Writes rows of pre-formatted values into the big tables, their indexes set aside meanwhile."""

    def __init__(self, bd: BaseDatos):
        self.sqlite = bd.es_sqlite
        url = make_url(bd.url)
        if self.sqlite:
            self.c = sqlite3.connect(url.database, isolation_level=None)
            self.c.execute("PRAGMA synchronous=OFF")
            self.c.execute("PRAGMA cache_size=-262144")  # 256 MB while loading
        else:
            self.c = psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False))
            self.c.execute("SET session_replication_role = replica")  # no FK triggers: consistent by construction
            self.c.execute("SET maintenance_work_mem = '512MB'")
        self.apartados: list[str] = []

    def apartar_indices(self) -> None:
        """Drop the secondary indexes (and SQLite's FTS triggers) of the loaded tables; kept to recreate."""
        if self.sqlite:
            nombres = ",".join(f"'{t}'" for t in TABLAS_CARGADAS)
            filas = self.c.execute(f"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({nombres}) "
                                   "AND sql IS NOT NULL AND type IN ('index', 'trigger')").fetchall()
            for tipo, nombre, sql in filas:
                self.c.execute(f"DROP {tipo.upper()} {nombre}")
                self.apartados.append(sql)
            self.c.execute("BEGIN")
            return
        with self.c.cursor() as cur:
            cur.execute("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                        "WHERE i.indrelid::regclass::text = ANY(%s) "
                        "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
                        (list(TABLAS_CARGADAS),))
            for nombre, sql in cur.fetchall():
                cur.execute(f"DROP INDEX {nombre}")
                self.apartados.append(sql)

    def escribir(self, tabla: str, columnas: tuple[str, ...], filas: list[tuple]) -> None:
        if not filas:
            return
        if self.sqlite:
            marcas = ",".join("?" * len(columnas))
            self.c.executemany(f"INSERT INTO {tabla} ({','.join(columnas)}) VALUES ({marcas})", filas)
            return
        with self.c.cursor() as cur, cur.copy(f"COPY {tabla} ({','.join(columnas)}) FROM STDIN") as copia:
            copia.write("".join(linea_copy(f) for f in filas))

    def terminar(self, avisar: Callable[[str], None]) -> None:
        if self.sqlite:
            self.c.execute("COMMIT")
            avisar("índices y FTS5…")
            for sql in self.apartados:
                self.c.execute(sql)
            self.c.execute("INSERT INTO ciudadanos_fts(ciudadanos_fts) VALUES ('rebuild')")
            self._contar_poa()
            self.c.close()
            return
        self.c.commit()
        avisar("índices (GIN pg_trgm incluido)…")
        with self.c.cursor() as cur:
            for sql in self.apartados:
                cur.execute(sql)
        self._contar_poa()
        self.c.commit()
        self.c.close()

    def _contar_poa(self) -> None:
        """The POA counts' triggers were set aside with the rest (db/conteos_poa): counted once, here."""
        for sentencia in conteos_poa.sentencias_reconstruir(self.sqlite):
            self.c.execute(sentencia)

    def abandonar(self) -> None:
        """After a failure: nothing committed stays half-loaded on PostgreSQL; the connection is let go
        (the caller discards a SQLite file it was filling)."""
        try:
            self.c.rollback()
        finally:
            self.c.close()


_ESCAPES_COPY = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def linea_copy(fila: tuple) -> str:
    """One row in COPY's text format: tab-separated, \\N for NULL, escapes for what would break a line."""
    return "\t".join("\\N" if v is None else str(v).translate(_ESCAPES_COPY) for v in fila) + "\n"

