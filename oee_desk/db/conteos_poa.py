"""The POA tally's counts (migration 0007): per year, month and channel, how many petitions count
(neither annulled nor merged) and how many follow-ups their petitions' channel has. Triggers keep
them in the same transaction as each change; reading them is what makes a year's tally instant.

The table is made by the migration, not by the models: it is derived, so `db check` leaves it
alone (`es_propio`), backups do not carry it and a restore rebuilds it through the triggers. A bulk
load that sets the triggers aside (services/carga_masiva) calls `reconstruir` when done.
"""
from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Uuid, text
from sqlalchemy.engine import Connection

TABLA = "conteos_poa"
conteos = Table(TABLA, MetaData(), Column("anio", Integer), Column("mes", Integer), Column("canal_id", Uuid),
                Column("tipo", String(12)), Column("n", Integer))

_RECONSTRUIR = """
INSERT INTO conteos_poa (anio, mes, canal_id, tipo, n)
SELECT {anio_p}, {mes_p}, canal_id, 'peticion', count(*) FROM peticiones
WHERE estatus <> 'anulada' AND fusionada_en IS NULL GROUP BY 1, 2, 3;
INSERT INTO conteos_poa (anio, mes, canal_id, tipo, n)
SELECT {anio_s}, {mes_s}, p.canal_id, 'seguimiento', count(*) FROM seguimientos s
JOIN peticiones p ON p.id = s.peticion_id GROUP BY 1, 2, 3
"""


def sentencias_reconstruir(sqlite: bool) -> list[str]:
    """The counts recomputed from the rows: DELETE, then one GROUP BY per kind."""
    if sqlite:
        def anio(x): return f"CAST(strftime('%Y', {x}) AS INTEGER)"
        def mes(x): return f"CAST(strftime('%m', {x}) AS INTEGER)"
    else:
        def anio(x): return f"extract(year FROM {x})::int"
        def mes(x): return f"extract(month FROM {x})::int"
    llenar = _RECONSTRUIR.format(anio_p=anio("fecha_recepcion"), mes_p=mes("fecha_recepcion"),
                                 anio_s=anio("s.fecha"), mes_s=mes("s.fecha"))
    return [f"DELETE FROM {TABLA}", *(x.strip() for x in llenar.split(";") if x.strip())]


def reconstruir(conexion: Connection) -> None:
    for sentencia in sentencias_reconstruir(conexion.dialect.name == "sqlite"):
        conexion.execute(text(sentencia))


def es_propio(nombre: str | None, tipo: str) -> bool:
    """For Alembic's `include_name`: the table and its key are the migration's, not the models'."""
    return (tipo == "table" and nombre == TABLA) or nombre == f"pk_{TABLA}"
