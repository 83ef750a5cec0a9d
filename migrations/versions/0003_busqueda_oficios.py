"""busqueda_oficios: indexed substring search over oficios.texto_busqueda

PostgreSQL: a GIN trigram index (pg_trgm), which serves LIKE '%palabra%' directly.
SQLite: an FTS5 table with the trigram tokenizer over oficios (external content: it stores only the
index, the text stays in oficios), kept in sync by triggers and filled from the existing rows.
Neither object is in the models: db/busqueda.py keeps them out of `db check` and of backups.

A later migration that rebuilds oficios on SQLite (batch mode copies it into a new table) drops
these triggers with the old table and may renumber its rowids: it must create the triggers again
and run INSERT INTO oficios_fts(oficios_fts) VALUES ('rebuild').

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 11:00:00
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_PG_INDICE = "ix_oficios_texto_busqueda_trgm"

# External content: an FTS "delete" must repeat the old text exactly, hence the old.* values.
# UPDATE OF texto_busqueda: the many updates of estado and version do not touch the index.
_SQLITE = [
    "CREATE VIRTUAL TABLE oficios_fts USING fts5("
    "texto_busqueda, content='oficios', content_rowid='rowid', tokenize='trigram')",
    "CREATE TRIGGER oficios_fts_alta AFTER INSERT ON oficios BEGIN "
    "INSERT INTO oficios_fts(rowid, texto_busqueda) VALUES (new.rowid, new.texto_busqueda); END",
    "CREATE TRIGGER oficios_fts_baja AFTER DELETE ON oficios BEGIN "
    "INSERT INTO oficios_fts(oficios_fts, rowid, texto_busqueda) VALUES ('delete', old.rowid, old.texto_busqueda); END",
    "CREATE TRIGGER oficios_fts_cambio AFTER UPDATE OF texto_busqueda ON oficios BEGIN "
    "INSERT INTO oficios_fts(oficios_fts, rowid, texto_busqueda) VALUES ('delete', old.rowid, old.texto_busqueda); "
    "INSERT INTO oficios_fts(rowid, texto_busqueda) VALUES (new.rowid, new.texto_busqueda); END",
    "INSERT INTO oficios_fts(oficios_fts) VALUES ('rebuild')",  # the rows already there
]

# The extension may predate us or serve others (or belong to another role, if a DBA created it
# for us): dropped only when this role may and nothing else uses it.
_PG_QUITAR_EXTENSION = """
DO $$
BEGIN
    DROP EXTENSION IF EXISTS pg_trgm;
EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
    NULL;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(f"CREATE INDEX {_PG_INDICE} ON oficios USING gin (texto_busqueda gin_trgm_ops)")
    else:
        for sentencia in _SQLITE:
            op.execute(sentencia)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {_PG_INDICE}")
        op.execute(_PG_QUITAR_EXTENSION)
    else:
        for disparador in ("oficios_fts_alta", "oficios_fts_baja", "oficios_fts_cambio"):
            op.execute(f"DROP TRIGGER IF EXISTS {disparador}")
        op.execute("DROP TABLE IF EXISTS oficios_fts")
