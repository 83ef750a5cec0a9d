"""fundacion: users, append-only audit log, catalogs

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 09:21:43.760685
"""
from alembic import op
import sqlalchemy as sa

# The audit log is append-only for everyone who talks to the database, the application included.
_PG_FUNCION = """
CREATE OR REPLACE FUNCTION auditoria_solo_lectura() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'la bitácora de auditoría no se puede modificar ni borrar';
END;
$$ LANGUAGE plpgsql
"""


def _crear_disparadores() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCION)
        op.execute("CREATE TRIGGER auditoria_sin_cambios BEFORE UPDATE OR DELETE ON auditoria "
                   "FOR EACH ROW EXECUTE FUNCTION auditoria_solo_lectura()")
        op.execute("CREATE TRIGGER auditoria_sin_vaciar BEFORE TRUNCATE ON auditoria "
                   "FOR EACH STATEMENT EXECUTE FUNCTION auditoria_solo_lectura()")
    else:
        for evento in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER auditoria_sin_{evento.lower()} BEFORE {evento} ON auditoria "
                       "BEGIN SELECT RAISE(ABORT, 'la bitácora de auditoría no se puede modificar ni borrar'); END")


def _quitar_disparadores() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS auditoria_sin_cambios ON auditoria")
        op.execute("DROP TRIGGER IF EXISTS auditoria_sin_vaciar ON auditoria")
        op.execute("DROP FUNCTION IF EXISTS auditoria_solo_lectura()")
    else:
        op.execute("DROP TRIGGER IF EXISTS auditoria_sin_update")
        op.execute("DROP TRIGGER IF EXISTS auditoria_sin_delete")


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('auditoria',
    sa.Column('momento', sa.DateTime(), nullable=False),
    sa.Column('usuario_id', sa.Uuid(), nullable=True),
    sa.Column('usuario', sa.String(length=60), nullable=False),
    sa.Column('accion', sa.String(length=20), nullable=False),
    sa.Column('tabla', sa.String(length=60), nullable=False),
    sa.Column('registro_id', sa.String(length=64), nullable=False),
    sa.Column('antes', sa.JSON(), nullable=True),
    sa.Column('despues', sa.JSON(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auditoria'))
    )
    with op.batch_alter_table('auditoria', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auditoria_momento'), ['momento'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditoria_registro_id'), ['registro_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditoria_tabla'), ['tabla'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditoria_usuario'), ['usuario'], unique=False)

    op.create_table('canales',
    sa.Column('indicador', sa.Integer(), nullable=False),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('codigo', sa.String(length=40), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_canales')),
    sa.UniqueConstraint('codigo', name=op.f('uq_canales_codigo'))
    )
    op.create_table('dependencias',
    sa.Column('tipo', sa.String(length=20), nullable=False),
    sa.Column('codigo', sa.String(length=40), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dependencias')),
    sa.UniqueConstraint('codigo', name=op.f('uq_dependencias_codigo'))
    )
    op.create_table('dias_inhabiles',
    sa.Column('fecha', sa.Date(), nullable=False),
    sa.Column('descripcion', sa.String(length=200), nullable=False),
    sa.Column('origen', sa.String(length=20), nullable=False),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dias_inhabiles')),
    sa.UniqueConstraint('fecha', name=op.f('uq_dias_inhabiles_fecha'))
    )
    op.create_table('instrucciones',
    sa.Column('codigo', sa.String(length=40), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instrucciones')),
    sa.UniqueConstraint('codigo', name=op.f('uq_instrucciones_codigo'))
    )
    op.create_table('municipios',
    sa.Column('clave', sa.String(length=5), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipios')),
    sa.UniqueConstraint('clave', name=op.f('uq_municipios_clave'))
    )
    op.create_table('series_control',
    sa.Column('plantilla', sa.String(length=60), nullable=False),
    sa.Column('destinatario', sa.String(length=20), nullable=False),
    sa.Column('codigo', sa.String(length=40), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_series_control')),
    sa.UniqueConstraint('codigo', name=op.f('uq_series_control_codigo'))
    )
    op.create_table('series_documentales',
    sa.Column('vigencia_tramite', sa.Integer(), nullable=False),
    sa.Column('vigencia_concentracion', sa.Integer(), nullable=False),
    sa.Column('destino_final', sa.String(length=20), nullable=False),
    sa.Column('codigo', sa.String(length=40), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_series_documentales')),
    sa.UniqueConstraint('codigo', name=op.f('uq_series_documentales_codigo'))
    )
    op.create_table('temas',
    sa.Column('plazo_dias_habiles', sa.Integer(), nullable=False),
    sa.Column('codigo', sa.String(length=40), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_temas')),
    sa.UniqueConstraint('codigo', name=op.f('uq_temas_codigo'))
    )
    op.create_table('tipos_documento',
    sa.Column('codigo', sa.String(length=40), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tipos_documento')),
    sa.UniqueConstraint('codigo', name=op.f('uq_tipos_documento_codigo'))
    )
    op.create_table('usuarios',
    sa.Column('nombre', sa.String(length=60), nullable=False),
    sa.Column('nombre_completo', sa.String(length=200), nullable=False),
    sa.Column('rol', sa.String(length=20), nullable=False),
    sa.Column('hash_contrasena', sa.String(length=200), nullable=False),
    sa.Column('curp', sa.String(length=18), nullable=True),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('intentos_fallidos', sa.Integer(), nullable=False),
    sa.Column('bloqueado_hasta', sa.DateTime(), nullable=True),
    sa.Column('ultimo_acceso', sa.DateTime(), nullable=True),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_usuarios')),
    sa.UniqueConstraint('nombre', name=op.f('uq_usuarios_nombre'))
    )
    _crear_disparadores()


def downgrade() -> None:
    _quitar_disparadores()
    op.drop_table('usuarios')
    op.drop_table('tipos_documento')
    op.drop_table('temas')
    op.drop_table('series_documentales')
    op.drop_table('series_control')
    op.drop_table('municipios')
    op.drop_table('instrucciones')
    op.drop_table('dias_inhabiles')
    op.drop_table('dependencias')
    op.drop_table('canales')
    with op.batch_alter_table('auditoria', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditoria_usuario'))
        batch_op.drop_index(batch_op.f('ix_auditoria_tabla'))
        batch_op.drop_index(batch_op.f('ix_auditoria_registro_id'))
        batch_op.drop_index(batch_op.f('ix_auditoria_momento'))

    op.drop_table('auditoria')
