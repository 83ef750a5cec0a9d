"""numero_remitente_normalizado: the duplicate warning compares the same text on both engines

0008 indexed lower(numero_oficio_remitente). SQLite's lower() changes ASCII letters only, while the
number typed is lower-cased in Python: a sender's number with «Ú» or «Ñ» («OF. NÚM. 12», common in
the state's oficios) was never found again on SQLite, not even typed the same way. The number is
now stored normalized (domain.oficios.numero_remitente_normalizado: case, accents and doubled
spaces do not count) and indexed; the expression index of 0008 goes. Filling it in for the
matters already registered writes no audit row: it is derived from their own number, as their
search text is.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

from oee_desk.domain.oficios import numero_remitente_normalizado

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

INDICE_0008 = "ix_oficios_numero_oficio_remitente_minusculas"
LOTE = 5000


def upgrade():
    op.add_column("oficios", sa.Column("numero_remitente_normalizado", sa.Text(), nullable=True))
    conexion = op.get_bind()
    oficios = sa.table("oficios", sa.column("id", sa.Uuid()), sa.column("numero_oficio_remitente", sa.String()),
                       sa.column("numero_remitente_normalizado", sa.Text()))
    filas = conexion.execute(sa.select(oficios.c.id, oficios.c.numero_oficio_remitente)
                             .where(oficios.c.numero_oficio_remitente.is_not(None))).all()
    actualizar = (sa.update(oficios).where(oficios.c.id == sa.bindparam("clave"))
                  .values(numero_remitente_normalizado=sa.bindparam("normalizado")))
    for inicio in range(0, len(filas), LOTE):
        conexion.execute(actualizar, [{"clave": id_, "normalizado": numero_remitente_normalizado(numero)}
                                      for id_, numero in filas[inicio:inicio + LOTE]])
    op.create_index("ix_oficios_numero_remitente_normalizado", "oficios", ["numero_remitente_normalizado"])
    op.execute(f"DROP INDEX {INDICE_0008}")


def downgrade():
    op.execute(f"CREATE INDEX {INDICE_0008} ON oficios (lower(numero_oficio_remitente))")
    op.drop_index("ix_oficios_numero_remitente_normalizado", table_name="oficios")
    # Not batch mode: on SQLite it would rebuild the table without the search index's triggers.
    op.execute("ALTER TABLE oficios DROP COLUMN numero_remitente_normalizado")
