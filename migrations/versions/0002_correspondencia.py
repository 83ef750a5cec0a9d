"""correspondencia: control counters, oficios, scans, turnos and their answers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 09:38:23.841566
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('grupos_turno',
    sa.Column('nombre', sa.String(length=100), nullable=False),
    sa.Column('turnos', sa.JSON(), nullable=False),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grupos_turno')),
    sa.UniqueConstraint('nombre', name=op.f('uq_grupos_turno_nombre'))
    )
    op.create_table('contadores_serie',
    sa.Column('serie_control_id', sa.Uuid(), nullable=False),
    sa.Column('anio', sa.Integer(), nullable=False),
    sa.Column('siguiente', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['serie_control_id'], ['series_control.id'], name=op.f('fk_contadores_serie_serie_control_id_series_control')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contadores_serie')),
    sa.UniqueConstraint('serie_control_id', 'anio', name=op.f('uq_contadores_serie_serie_control_id'))
    )
    op.create_table('oficios',
    sa.Column('serie_control_id', sa.Uuid(), nullable=False),
    sa.Column('anio', sa.Integer(), nullable=False),
    sa.Column('numero', sa.Integer(), nullable=False),
    sa.Column('numero_control', sa.String(length=60), nullable=False),
    sa.Column('fecha_recepcion', sa.DateTime(), nullable=False),
    sa.Column('destinatario', sa.String(length=20), nullable=False),
    sa.Column('remitente_nombre', sa.String(length=200), nullable=False),
    sa.Column('remitente_cargo', sa.String(length=200), nullable=True),
    sa.Column('remitente_institucion', sa.String(length=200), nullable=True),
    sa.Column('numero_oficio_remitente', sa.String(length=100), nullable=True),
    sa.Column('fecha_documento', sa.Date(), nullable=True),
    sa.Column('asunto', sa.Text(), nullable=False),
    sa.Column('tipo_documento_id', sa.Uuid(), nullable=True),
    sa.Column('prioridad', sa.String(length=20), nullable=False),
    sa.Column('serie_documental_id', sa.Uuid(), nullable=True),
    sa.Column('registrado_por', sa.Uuid(), nullable=True),
    sa.Column('anulado', sa.Boolean(), nullable=False),
    sa.Column('motivo_anulacion', sa.Text(), nullable=True),
    sa.Column('texto_busqueda', sa.Text(), nullable=False),
    sa.Column('estado', sa.String(length=20), nullable=False),
    sa.Column('primer_turno', sa.DateTime(), nullable=True),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['registrado_por'], ['usuarios.id'], name=op.f('fk_oficios_registrado_por_usuarios')),
    sa.ForeignKeyConstraint(['serie_control_id'], ['series_control.id'], name=op.f('fk_oficios_serie_control_id_series_control')),
    sa.ForeignKeyConstraint(['serie_documental_id'], ['series_documentales.id'], name=op.f('fk_oficios_serie_documental_id_series_documentales')),
    sa.ForeignKeyConstraint(['tipo_documento_id'], ['tipos_documento.id'], name=op.f('fk_oficios_tipo_documento_id_tipos_documento')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_oficios')),
    sa.UniqueConstraint('serie_control_id', 'anio', 'numero', name=op.f('uq_oficios_serie_control_id'))
    )
    with op.batch_alter_table('oficios', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_oficios_estado'), ['estado'], unique=False)
        batch_op.create_index(batch_op.f('ix_oficios_fecha_recepcion'), ['fecha_recepcion'], unique=False)
        batch_op.create_index(batch_op.f('ix_oficios_numero_control'), ['numero_control'], unique=False)
        batch_op.create_index(batch_op.f('ix_oficios_numero_oficio_remitente'), ['numero_oficio_remitente'], unique=False)

    op.create_table('turnos',
    sa.Column('oficio_id', sa.Uuid(), nullable=False),
    sa.Column('dependencia_id', sa.Uuid(), nullable=False),
    sa.Column('rol', sa.String(length=20), nullable=False),
    sa.Column('instruccion_id', sa.Uuid(), nullable=False),
    sa.Column('plazo_dias_habiles', sa.Integer(), nullable=False),
    sa.Column('fecha_turno', sa.DateTime(), nullable=False),
    sa.Column('fecha_limite', sa.Date(), nullable=False),
    sa.Column('fecha_alerta', sa.Date(), nullable=False),
    sa.Column('nota', sa.Text(), nullable=True),
    sa.Column('estatus', sa.String(length=20), nullable=False),
    sa.Column('fecha_acuse', sa.Date(), nullable=True),
    sa.Column('fecha_respuesta', sa.Date(), nullable=True),
    sa.Column('avance_pct', sa.Integer(), nullable=False),
    sa.Column('turnado_por', sa.Uuid(), nullable=True),
    sa.Column('cancelado', sa.Boolean(), nullable=False),
    sa.Column('motivo_cancelacion', sa.Text(), nullable=True),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['dependencia_id'], ['dependencias.id'], name=op.f('fk_turnos_dependencia_id_dependencias')),
    sa.ForeignKeyConstraint(['instruccion_id'], ['instrucciones.id'], name=op.f('fk_turnos_instruccion_id_instrucciones')),
    sa.ForeignKeyConstraint(['oficio_id'], ['oficios.id'], name=op.f('fk_turnos_oficio_id_oficios')),
    sa.ForeignKeyConstraint(['turnado_por'], ['usuarios.id'], name=op.f('fk_turnos_turnado_por_usuarios')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_turnos'))
    )
    with op.batch_alter_table('turnos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_turnos_dependencia_id'), ['dependencia_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_turnos_estatus'), ['estatus'], unique=False)
        batch_op.create_index(batch_op.f('ix_turnos_fecha_limite'), ['fecha_limite'], unique=False)
        batch_op.create_index(batch_op.f('ix_turnos_oficio_id'), ['oficio_id'], unique=False)

    op.create_table('respuestas_turno',
    sa.Column('turno_id', sa.Uuid(), nullable=False),
    sa.Column('tipo', sa.String(length=20), nullable=False),
    sa.Column('fecha', sa.Date(), nullable=False),
    sa.Column('numero_oficio', sa.String(length=100), nullable=True),
    sa.Column('resumen', sa.Text(), nullable=True),
    sa.Column('avance_pct', sa.Integer(), nullable=True),
    sa.Column('registrado_por', sa.Uuid(), nullable=True),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['registrado_por'], ['usuarios.id'], name=op.f('fk_respuestas_turno_registrado_por_usuarios')),
    sa.ForeignKeyConstraint(['turno_id'], ['turnos.id'], name=op.f('fk_respuestas_turno_turno_id_turnos')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_respuestas_turno'))
    )
    with op.batch_alter_table('respuestas_turno', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_respuestas_turno_turno_id'), ['turno_id'], unique=False)

    op.create_table('anexos',
    sa.Column('oficio_id', sa.Uuid(), nullable=True),
    sa.Column('respuesta_id', sa.Uuid(), nullable=True),
    sa.Column('nombre_archivo', sa.String(length=255), nullable=False),
    sa.Column('tipo_mime', sa.String(length=100), nullable=False),
    sa.Column('tamano', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('contenido', sa.LargeBinary(), nullable=True),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('subido_por', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['oficio_id'], ['oficios.id'], name=op.f('fk_anexos_oficio_id_oficios')),
    sa.ForeignKeyConstraint(['respuesta_id'], ['respuestas_turno.id'], name=op.f('fk_anexos_respuesta_id_respuestas_turno')),
    sa.ForeignKeyConstraint(['subido_por'], ['usuarios.id'], name=op.f('fk_anexos_subido_por_usuarios')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_anexos'))
    )
    with op.batch_alter_table('anexos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_anexos_oficio_id'), ['oficio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_anexos_respuesta_id'), ['respuesta_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_anexos_sha256'), ['sha256'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('anexos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_anexos_sha256'))
        batch_op.drop_index(batch_op.f('ix_anexos_respuesta_id'))
        batch_op.drop_index(batch_op.f('ix_anexos_oficio_id'))

    op.drop_table('anexos')
    with op.batch_alter_table('respuestas_turno', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_respuestas_turno_turno_id'))

    op.drop_table('respuestas_turno')
    with op.batch_alter_table('turnos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_turnos_oficio_id'))
        batch_op.drop_index(batch_op.f('ix_turnos_fecha_limite'))
        batch_op.drop_index(batch_op.f('ix_turnos_estatus'))
        batch_op.drop_index(batch_op.f('ix_turnos_dependencia_id'))

    op.drop_table('turnos')
    with op.batch_alter_table('oficios', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_oficios_numero_oficio_remitente'))
        batch_op.drop_index(batch_op.f('ix_oficios_numero_control'))
        batch_op.drop_index(batch_op.f('ix_oficios_fecha_recepcion'))
        batch_op.drop_index(batch_op.f('ix_oficios_estado'))

    op.drop_table('oficios')
    op.drop_table('contadores_serie')
    op.drop_table('grupos_turno')
