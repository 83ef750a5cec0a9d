"""area of a user: which area's manual metas the user captures

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE on both engines: a batch copy of `usuarios` would trip every foreign key to it.
    op.add_column('usuarios', sa.Column('area', sa.String(length=200), nullable=True))


def downgrade() -> None:
    op.drop_column('usuarios', 'area')  # SQLite ≥ 3.35 drops a column in place
