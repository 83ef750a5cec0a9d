"""numero_remitente: the duplicate warning finds the sender's number through an index of its own

Before saving, registration warns when the same sender already sent the same number of oficio
(compared without case). The plain index on `numero_oficio_remitente` could not serve
lower(numero_oficio_remitente) = …, so the check went through the substring search of the
matter's text, which at 100,000 matters read hundreds of index pages (2.7 ms on PostgreSQL) inside
every registration. An index on the lower-cased number makes it one lookup on both engines; the
plain index, which nothing queried, goes.

Not in the models (an expression index): db/busqueda.py keeps it out of `db check`.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

INDICE = "ix_oficios_numero_oficio_remitente_minusculas"


def upgrade():
    op.drop_index("ix_oficios_numero_oficio_remitente", table_name="oficios")
    op.execute(f"CREATE INDEX {INDICE} ON oficios (lower(numero_oficio_remitente))")


def downgrade():
    op.execute(f"DROP INDEX {INDICE}")
    op.create_index("ix_oficios_numero_oficio_remitente", "oficios", ["numero_oficio_remitente"])
