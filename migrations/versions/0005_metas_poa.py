"""metas poa: a year's POA goals with programmed and achieved values, and closed months

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 11:51:52.436385
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('metas',
    sa.Column('anio', sa.Integer(), nullable=False),
    sa.Column('numero', sa.Integer(), nullable=False),
    sa.Column('descripcion', sa.Text(), nullable=False),
    sa.Column('area', sa.String(length=200), nullable=False),
    sa.Column('unidad', sa.String(length=20), nullable=False),
    sa.Column('periodicidad', sa.String(length=20), nullable=False),
    sa.Column('fuente', sa.String(length=20), nullable=False),
    sa.Column('regla', sa.JSON(), nullable=True),
    sa.Column('programado', sa.JSON(), nullable=False),
    sa.Column('alcanzado', sa.JSON(), nullable=True),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_metas')),
    sa.UniqueConstraint('anio', 'numero', name=op.f('uq_metas_anio'))
    )
    with op.batch_alter_table('metas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_metas_anio'), ['anio'], unique=False)

    op.create_table('cierres_mes',
    sa.Column('anio', sa.Integer(), nullable=False),
    sa.Column('mes', sa.Integer(), nullable=False),
    sa.Column('momento', sa.DateTime(), nullable=False),
    sa.Column('cerrado_por', sa.Uuid(), nullable=True),
    sa.Column('foto', sa.JSON(), nullable=True),
    sa.Column('nota', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['cerrado_por'], ['usuarios.id'], name=op.f('fk_cierres_mes_cerrado_por_usuarios')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cierres_mes')),
    sa.UniqueConstraint('anio', 'mes', name=op.f('uq_cierres_mes_anio'))
    )


def downgrade() -> None:
    op.drop_table('cierres_mes')
    with op.batch_alter_table('metas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_metas_anio'))

    op.drop_table('metas')
