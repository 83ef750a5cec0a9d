"""atencion ciudadana: citizens, tours, petitions, canalizations, follow-ups, personal-data log

Also: series_control.uso (a series numbers correspondence, petitions, canalization letters or
tours), the default AC / CAN / GIRA series on a database already initialized, indexed search over
ciudadanos.texto_busqueda (as 0003 did for oficios: FTS5 trigram on SQLite, pg_trgm on PostgreSQL),
and triggers that keep the personal-data log append-only.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 11:32:43.692441
"""
import datetime as dt
import uuid

from uuid6 import uuid7

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


_PG_INDICE = "ix_ciudadanos_texto_busqueda_trgm"

_PG_FUNCION = """
CREATE OR REPLACE FUNCTION accesos_solo_lectura() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'El registro de accesos a datos personales no admite cambios ni borrados';
END;
$$ LANGUAGE plpgsql
"""

_SQLITE = [
    "CREATE VIRTUAL TABLE ciudadanos_fts USING fts5("
    "texto_busqueda, content='ciudadanos', content_rowid='rowid', tokenize='trigram')",
    "CREATE TRIGGER ciudadanos_fts_alta AFTER INSERT ON ciudadanos BEGIN "
    "INSERT INTO ciudadanos_fts(rowid, texto_busqueda) VALUES (new.rowid, new.texto_busqueda); END",
    "CREATE TRIGGER ciudadanos_fts_baja AFTER DELETE ON ciudadanos BEGIN "
    "INSERT INTO ciudadanos_fts(ciudadanos_fts, rowid, texto_busqueda) "
    "VALUES ('delete', old.rowid, old.texto_busqueda); END",
    "CREATE TRIGGER ciudadanos_fts_cambio AFTER UPDATE OF texto_busqueda ON ciudadanos BEGIN "
    "INSERT INTO ciudadanos_fts(ciudadanos_fts, rowid, texto_busqueda) "
    "VALUES ('delete', old.rowid, old.texto_busqueda); "
    "INSERT INTO ciudadanos_fts(rowid, texto_busqueda) VALUES (new.rowid, new.texto_busqueda); END",
    "CREATE TRIGGER accesos_sin_update BEFORE UPDATE ON accesos_datos_personales BEGIN "
    "SELECT RAISE(ABORT, 'El registro de accesos a datos personales no admite cambios'); END",
    "CREATE TRIGGER accesos_sin_delete BEFORE DELETE ON accesos_datos_personales BEGIN "
    "SELECT RAISE(ABORT, 'El registro de accesos a datos personales no admite borrados'); END",
]

# The same rows as resources/catalogos/series_control.csv, for databases initialized before them
# (`init` loads a catalog only while it is empty).
_SERIES = [
    ("AC", "Folios de peticiones ciudadanas", "AC-{yyyy}-{n:06d}", "peticiones"),
    ("CAN", "Oficios de canalización de Atención Ciudadana", "OEE/CEAC/{n:04d}/{yyyy}", "canalizacion"),
    ("GIRA", "Giras del C. Gobernador", "GIRA-{yyyy}-{n:03d}", "giras"),
]


def _series_por_defecto() -> None:
    conexion = op.get_bind()
    series = sa.table("series_control", sa.column("id", sa.Uuid), sa.column("activo", sa.Boolean),
                      sa.column("creado", sa.DateTime), sa.column("actualizado", sa.DateTime),
                      *(sa.column(c) for c in ("codigo", "nombre", "plantilla", "destinatario", "uso", "version")))
    auditoria = sa.table("auditoria", sa.column("id", sa.Uuid), sa.column("momento", sa.DateTime),
                         sa.column("usuario_id", sa.Uuid), sa.column("antes", sa.JSON), sa.column("despues", sa.JSON),
                         *(sa.column(c) for c in ("usuario", "accion", "tabla", "registro_id")))
    existentes = set(conexion.execute(sa.select(series.c.codigo)).scalars())
    if not existentes:
        return  # an empty database: `init` loads the whole shipped catalog
    ahora = dt.datetime.now().replace(microsecond=0)
    for codigo, nombre, plantilla, uso in _SERIES:
        if codigo in existentes:
            continue
        nuevo = uuid.UUID(bytes=uuid7().bytes)
        fila = {"codigo": codigo, "nombre": nombre, "plantilla": plantilla, "destinatario": "gobernador", "uso": uso}
        conexion.execute(series.insert().values(id=nuevo, activo=True, creado=ahora, actualizado=ahora, version=1,
                                                **fila))
        conexion.execute(auditoria.insert().values(
            id=uuid.UUID(bytes=uuid7().bytes), momento=ahora, usuario_id=None, usuario="sistema", accion="crear",
            tabla="series_control", registro_id=str(nuevo), antes=None, despues=fila))


def upgrade() -> None:
    op.create_table('ciudadanos',
    sa.Column('nombre', sa.String(length=120), nullable=False),
    sa.Column('primer_apellido', sa.String(length=120), nullable=True),
    sa.Column('segundo_apellido', sa.String(length=120), nullable=True),
    sa.Column('telefono', sa.String(length=15), nullable=True),
    sa.Column('telefono_alterno', sa.String(length=15), nullable=True),
    sa.Column('correo', sa.String(length=200), nullable=True),
    sa.Column('curp', sa.String(length=18), nullable=True),
    sa.Column('municipio_id', sa.Uuid(), nullable=True),
    sa.Column('localidad', sa.String(length=200), nullable=True),
    sa.Column('domicilio', sa.Text(), nullable=True),
    sa.Column('acepta_aviso_privacidad', sa.Boolean(), nullable=False),
    sa.Column('version_aviso', sa.String(length=20), nullable=True),
    sa.Column('fusionado_en', sa.Uuid(), nullable=True),
    sa.Column('anonimizado', sa.Boolean(), nullable=False),
    sa.Column('texto_busqueda', sa.Text(), nullable=False),
    sa.Column('clave_nombre', sa.String(length=400), nullable=False),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['fusionado_en'], ['ciudadanos.id'], name=op.f('fk_ciudadanos_fusionado_en_ciudadanos'), deferrable=True, initially='IMMEDIATE'),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipios.id'], name=op.f('fk_ciudadanos_municipio_id_municipios')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ciudadanos'))
    )
    with op.batch_alter_table('ciudadanos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ciudadanos_clave_nombre'), ['clave_nombre'], unique=False)
        batch_op.create_index(batch_op.f('ix_ciudadanos_curp'), ['curp'], unique=False)
        batch_op.create_index(batch_op.f('ix_ciudadanos_fusionado_en'), ['fusionado_en'], unique=False)
        batch_op.create_index(batch_op.f('ix_ciudadanos_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ciudadanos_telefono'), ['telefono'], unique=False)
        batch_op.create_index(batch_op.f('ix_ciudadanos_telefono_alterno'), ['telefono_alterno'], unique=False)

    op.create_table('giras',
    sa.Column('clave', sa.String(length=60), nullable=False),
    sa.Column('serie_control_id', sa.Uuid(), nullable=False),
    sa.Column('anio', sa.Integer(), nullable=False),
    sa.Column('numero', sa.Integer(), nullable=False),
    sa.Column('fecha', sa.Date(), nullable=False),
    sa.Column('municipio_id', sa.Uuid(), nullable=False),
    sa.Column('localidad', sa.String(length=200), nullable=True),
    sa.Column('evento', sa.Text(), nullable=False),
    sa.Column('registrado_por', sa.Uuid(), nullable=True),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipios.id'], name=op.f('fk_giras_municipio_id_municipios')),
    sa.ForeignKeyConstraint(['registrado_por'], ['usuarios.id'], name=op.f('fk_giras_registrado_por_usuarios')),
    sa.ForeignKeyConstraint(['serie_control_id'], ['series_control.id'], name=op.f('fk_giras_serie_control_id_series_control')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_giras')),
    sa.UniqueConstraint('clave', name=op.f('uq_giras_clave'))
    )
    with op.batch_alter_table('giras', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_giras_fecha'), ['fecha'], unique=False)

    op.create_table('accesos_datos_personales',
    sa.Column('momento', sa.DateTime(), nullable=False),
    sa.Column('usuario_id', sa.Uuid(), nullable=True),
    sa.Column('usuario', sa.String(length=60), nullable=False),
    sa.Column('ciudadano_id', sa.Uuid(), nullable=False),
    sa.Column('accion', sa.String(length=20), nullable=False),
    sa.Column('detalle', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['ciudadano_id'], ['ciudadanos.id'], name=op.f('fk_accesos_datos_personales_ciudadano_id_ciudadanos')),
    sa.ForeignKeyConstraint(['usuario_id'], ['usuarios.id'], name=op.f('fk_accesos_datos_personales_usuario_id_usuarios')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accesos_datos_personales'))
    )
    with op.batch_alter_table('accesos_datos_personales', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accesos_datos_personales_ciudadano_id'), ['ciudadano_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_accesos_datos_personales_momento'), ['momento'], unique=False)
        batch_op.create_index(batch_op.f('ix_accesos_datos_personales_usuario'), ['usuario'], unique=False)

    op.create_table('peticiones',
    sa.Column('serie_control_id', sa.Uuid(), nullable=False),
    sa.Column('anio', sa.Integer(), nullable=False),
    sa.Column('numero', sa.Integer(), nullable=False),
    sa.Column('folio', sa.String(length=60), nullable=False),
    sa.Column('fecha_recepcion', sa.DateTime(), nullable=False),
    sa.Column('canal_id', sa.Uuid(), nullable=False),
    sa.Column('tema_id', sa.Uuid(), nullable=False),
    sa.Column('descripcion', sa.Text(), nullable=False),
    sa.Column('apoyo_solicitado', sa.Text(), nullable=True),
    sa.Column('gira_id', sa.Uuid(), nullable=True),
    sa.Column('ciudadano_id', sa.Uuid(), nullable=False),
    sa.Column('municipio_id', sa.Uuid(), nullable=True),
    sa.Column('registrado_por', sa.Uuid(), nullable=True),
    sa.Column('estatus', sa.String(length=20), nullable=False),
    sa.Column('resultado', sa.String(length=20), nullable=True),
    sa.Column('motivo_anulacion', sa.Text(), nullable=True),
    sa.Column('fusionada_en', sa.Uuid(), nullable=True),
    sa.Column('fecha_limite', sa.Date(), nullable=False),
    sa.Column('fecha_alerta', sa.Date(), nullable=False),
    sa.Column('fecha_conclusion', sa.Date(), nullable=True),
    sa.Column('proxima_llamada', sa.Date(), nullable=True),
    sa.Column('responsable_id', sa.Uuid(), nullable=True),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('actualizado', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['canal_id'], ['canales.id'], name=op.f('fk_peticiones_canal_id_canales')),
    sa.ForeignKeyConstraint(['ciudadano_id'], ['ciudadanos.id'], name=op.f('fk_peticiones_ciudadano_id_ciudadanos')),
    sa.ForeignKeyConstraint(['fusionada_en'], ['peticiones.id'], name=op.f('fk_peticiones_fusionada_en_peticiones'), deferrable=True, initially='IMMEDIATE'),
    sa.ForeignKeyConstraint(['gira_id'], ['giras.id'], name=op.f('fk_peticiones_gira_id_giras')),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipios.id'], name=op.f('fk_peticiones_municipio_id_municipios')),
    sa.ForeignKeyConstraint(['registrado_por'], ['usuarios.id'], name=op.f('fk_peticiones_registrado_por_usuarios')),
    sa.ForeignKeyConstraint(['responsable_id'], ['usuarios.id'], name=op.f('fk_peticiones_responsable_id_usuarios')),
    sa.ForeignKeyConstraint(['serie_control_id'], ['series_control.id'], name=op.f('fk_peticiones_serie_control_id_series_control')),
    sa.ForeignKeyConstraint(['tema_id'], ['temas.id'], name=op.f('fk_peticiones_tema_id_temas')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peticiones')),
    sa.UniqueConstraint('serie_control_id', 'anio', 'numero', name=op.f('uq_peticiones_serie_control_id'))
    )
    with op.batch_alter_table('peticiones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peticiones_canal_id'), ['canal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peticiones_ciudadano_id'), ['ciudadano_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peticiones_estatus'), ['estatus'], unique=False)
        batch_op.create_index('ix_peticiones_fecha_id', ['fecha_recepcion', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peticiones_fecha_limite'), ['fecha_limite'], unique=False)
        batch_op.create_index(batch_op.f('ix_peticiones_folio'), ['folio'], unique=False)
        batch_op.create_index(batch_op.f('ix_peticiones_fusionada_en'), ['fusionada_en'], unique=False)
        batch_op.create_index(batch_op.f('ix_peticiones_gira_id'), ['gira_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peticiones_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peticiones_proxima_llamada'), ['proxima_llamada'], unique=False)
        batch_op.create_index(batch_op.f('ix_peticiones_registrado_por'), ['registrado_por'], unique=False)
        batch_op.create_index(batch_op.f('ix_peticiones_responsable_id'), ['responsable_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peticiones_tema_id'), ['tema_id'], unique=False)

    op.create_table('canalizaciones',
    sa.Column('peticion_id', sa.Uuid(), nullable=False),
    sa.Column('tipo', sa.String(length=20), nullable=False),
    sa.Column('area', sa.String(length=40), nullable=True),
    sa.Column('dependencia_id', sa.Uuid(), nullable=True),
    sa.Column('fecha', sa.DateTime(), nullable=False),
    sa.Column('nota', sa.Text(), nullable=True),
    sa.Column('serie_control_id', sa.Uuid(), nullable=True),
    sa.Column('anio', sa.Integer(), nullable=True),
    sa.Column('numero', sa.Integer(), nullable=True),
    sa.Column('numero_oficio', sa.String(length=60), nullable=True),
    sa.Column('registrado_por', sa.Uuid(), nullable=True),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['dependencia_id'], ['dependencias.id'], name=op.f('fk_canalizaciones_dependencia_id_dependencias')),
    sa.ForeignKeyConstraint(['peticion_id'], ['peticiones.id'], name=op.f('fk_canalizaciones_peticion_id_peticiones')),
    sa.ForeignKeyConstraint(['registrado_por'], ['usuarios.id'], name=op.f('fk_canalizaciones_registrado_por_usuarios')),
    sa.ForeignKeyConstraint(['serie_control_id'], ['series_control.id'], name=op.f('fk_canalizaciones_serie_control_id_series_control')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_canalizaciones'))
    )
    with op.batch_alter_table('canalizaciones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_canalizaciones_dependencia_id'), ['dependencia_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_canalizaciones_numero_oficio'), ['numero_oficio'], unique=False)
        batch_op.create_index(batch_op.f('ix_canalizaciones_peticion_id'), ['peticion_id'], unique=False)

    op.create_table('seguimientos',
    sa.Column('peticion_id', sa.Uuid(), nullable=False),
    sa.Column('fecha', sa.DateTime(), nullable=False),
    sa.Column('tipo', sa.String(length=30), nullable=False),
    sa.Column('resultado', sa.String(length=30), nullable=True),
    sa.Column('nota', sa.Text(), nullable=True),
    sa.Column('registrado_por', sa.Uuid(), nullable=True),
    sa.Column('creado', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['peticion_id'], ['peticiones.id'], name=op.f('fk_seguimientos_peticion_id_peticiones')),
    sa.ForeignKeyConstraint(['registrado_por'], ['usuarios.id'], name=op.f('fk_seguimientos_registrado_por_usuarios')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seguimientos'))
    )
    with op.batch_alter_table('seguimientos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seguimientos_fecha'), ['fecha'], unique=False)
        batch_op.create_index('ix_seguimientos_peticion_fecha', ['peticion_id', 'fecha'], unique=False)
        batch_op.create_index(batch_op.f('ix_seguimientos_registrado_por'), ['registrado_por'], unique=False)

    with op.batch_alter_table('series_control', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uso', sa.String(length=20), server_default='correspondencia', nullable=False))

    _series_por_defecto()
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(f"CREATE INDEX {_PG_INDICE} ON ciudadanos USING gin (texto_busqueda gin_trgm_ops)")
        op.execute(_PG_FUNCION)
        op.execute("CREATE TRIGGER accesos_sin_cambios BEFORE UPDATE OR DELETE ON accesos_datos_personales "
                   "FOR EACH ROW EXECUTE FUNCTION accesos_solo_lectura()")
        op.execute("CREATE TRIGGER accesos_sin_vaciar BEFORE TRUNCATE ON accesos_datos_personales "
                   "FOR EACH STATEMENT EXECUTE FUNCTION accesos_solo_lectura()")
    else:
        for sentencia in _SQLITE:
            op.execute(sentencia)



def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {_PG_INDICE}")
        op.execute("DROP TRIGGER IF EXISTS accesos_sin_cambios ON accesos_datos_personales")
        op.execute("DROP TRIGGER IF EXISTS accesos_sin_vaciar ON accesos_datos_personales")
        op.execute("DROP FUNCTION IF EXISTS accesos_solo_lectura()")
    else:
        for disparador in ("ciudadanos_fts_alta", "ciudadanos_fts_baja", "ciudadanos_fts_cambio",
                           "accesos_sin_update", "accesos_sin_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {disparador}")
        op.execute("DROP TABLE IF EXISTS ciudadanos_fts")
    op.execute("DELETE FROM contadores_serie WHERE serie_control_id IN "
               "(SELECT id FROM series_control WHERE uso <> 'correspondencia')")
    with op.batch_alter_table('seguimientos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_seguimientos_registrado_por'))
        batch_op.drop_index('ix_seguimientos_peticion_fecha')
        batch_op.drop_index(batch_op.f('ix_seguimientos_fecha'))

    op.drop_table('seguimientos')
    with op.batch_alter_table('canalizaciones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_canalizaciones_peticion_id'))
        batch_op.drop_index(batch_op.f('ix_canalizaciones_numero_oficio'))
        batch_op.drop_index(batch_op.f('ix_canalizaciones_dependencia_id'))

    op.drop_table('canalizaciones')
    with op.batch_alter_table('peticiones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_peticiones_tema_id'))
        batch_op.drop_index(batch_op.f('ix_peticiones_responsable_id'))
        batch_op.drop_index(batch_op.f('ix_peticiones_registrado_por'))
        batch_op.drop_index(batch_op.f('ix_peticiones_proxima_llamada'))
        batch_op.drop_index(batch_op.f('ix_peticiones_municipio_id'))
        batch_op.drop_index(batch_op.f('ix_peticiones_gira_id'))
        batch_op.drop_index(batch_op.f('ix_peticiones_fusionada_en'))
        batch_op.drop_index(batch_op.f('ix_peticiones_folio'))
        batch_op.drop_index(batch_op.f('ix_peticiones_fecha_limite'))
        batch_op.drop_index('ix_peticiones_fecha_id')
        batch_op.drop_index(batch_op.f('ix_peticiones_estatus'))
        batch_op.drop_index(batch_op.f('ix_peticiones_ciudadano_id'))
        batch_op.drop_index(batch_op.f('ix_peticiones_canal_id'))

    op.drop_table('peticiones')
    with op.batch_alter_table('accesos_datos_personales', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accesos_datos_personales_usuario'))
        batch_op.drop_index(batch_op.f('ix_accesos_datos_personales_momento'))
        batch_op.drop_index(batch_op.f('ix_accesos_datos_personales_ciudadano_id'))

    op.drop_table('accesos_datos_personales')
    with op.batch_alter_table('giras', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_giras_fecha'))

    op.drop_table('giras')
    with op.batch_alter_table('ciudadanos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ciudadanos_telefono_alterno'))
        batch_op.drop_index(batch_op.f('ix_ciudadanos_telefono'))
        batch_op.drop_index(batch_op.f('ix_ciudadanos_municipio_id'))
        batch_op.drop_index(batch_op.f('ix_ciudadanos_fusionado_en'))
        batch_op.drop_index(batch_op.f('ix_ciudadanos_curp'))
        batch_op.drop_index(batch_op.f('ix_ciudadanos_clave_nombre'))

    op.drop_table('ciudadanos')
    # The series of the other uses go with the records they numbered: at 0003 every series is a
    # correspondence series, and an upgrade adds them back with their use.
    op.execute("DELETE FROM series_control WHERE uso <> 'correspondencia'")
    if op.get_bind().dialect.name == "sqlite":
        # Not batch mode: rebuilding series_control would fail on the oficios that reference it.
        op.execute("ALTER TABLE series_control DROP COLUMN uso")
    else:
        op.drop_column("series_control", "uso")
