"""conteos_poa: the POA tally's counts per year, month and channel, kept by triggers

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21

The tally (poa-report.md) counts petitions by channel and month and follow-ups by their petition's
channel and month. Counted from the rows, a year at a million petitions and two million follow-ups
costs seconds; these counts make it a read of a few hundred rows. Triggers on `peticiones` and
`seguimientos` keep them in the same transaction as every change, whatever writes it (services,
imports, restores); a bulk load that sets triggers aside calls db/conteos_poa.reconstruir.

Not in the models (db/conteos_poa.py keeps the table out of `db check` and of backups: a restore
rebuilds it through the triggers).
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# Counted petitions: neither annulled nor merged into another (poa-report.md).
_CUENTA = "{r}.estatus <> 'anulada' AND {r}.fusionada_en IS NULL"


def _sqlite_anio(x: str) -> str:
    return f"CAST(strftime('%Y', {x}) AS INTEGER)"


def _sqlite_mes(x: str) -> str:
    return f"CAST(strftime('%m', {x}) AS INTEGER)"


def _sqlite_sumar(anio: str, mes: str, canal: str, tipo: str, n: str, cuando: str = "1") -> str:
    """Add `n` to a count, creating it first (no UPSERT inside SQLite triggers on every version)."""
    return (f"INSERT OR IGNORE INTO conteos_poa (anio, mes, canal_id, tipo, n) "
            f"SELECT {anio}, {mes}, {canal}, '{tipo}', 0 WHERE {cuando} AND {canal} IS NOT NULL; "
            f"UPDATE conteos_poa SET n = n + ({n}) WHERE {cuando} AND anio = {anio} AND mes = {mes} "
            f"AND canal_id = {canal} AND tipo = '{tipo}'; ")


def _sqlite_triggers() -> list[str]:
    a, m = _sqlite_anio, _sqlite_mes
    canal_de = "(SELECT canal_id FROM peticiones WHERE id = {r}.peticion_id)"
    # A petition's follow-ups of one month, when the petition changes channel.
    suyos = ("(SELECT count(*) FROM seguimientos s WHERE s.peticion_id = NEW.id "
             f"AND {a('s.fecha')} = conteos_poa.anio AND {m('s.fecha')} = conteos_poa.mes)")
    return [
        "CREATE TRIGGER conteos_poa_peticion_alta AFTER INSERT ON peticiones BEGIN "
        + _sqlite_sumar(a("NEW.fecha_recepcion"), m("NEW.fecha_recepcion"), "NEW.canal_id", "peticion", "1",
                        _CUENTA.format(r="NEW")) + "END",
        "CREATE TRIGGER conteos_poa_peticion_baja AFTER DELETE ON peticiones BEGIN "
        + _sqlite_sumar(a("OLD.fecha_recepcion"), m("OLD.fecha_recepcion"), "OLD.canal_id", "peticion", "-1",
                        _CUENTA.format(r="OLD")) + "END",
        "CREATE TRIGGER conteos_poa_peticion_cambio AFTER UPDATE OF estatus, fusionada_en, fecha_recepcion, canal_id "
        "ON peticiones BEGIN "
        + _sqlite_sumar(a("OLD.fecha_recepcion"), m("OLD.fecha_recepcion"), "OLD.canal_id", "peticion", "-1",
                        _CUENTA.format(r="OLD"))
        + _sqlite_sumar(a("NEW.fecha_recepcion"), m("NEW.fecha_recepcion"), "NEW.canal_id", "peticion", "1",
                        _CUENTA.format(r="NEW"))
        + "INSERT OR IGNORE INTO conteos_poa (anio, mes, canal_id, tipo, n) "
          f"SELECT DISTINCT {a('fecha')}, {m('fecha')}, NEW.canal_id, 'seguimiento', 0 FROM seguimientos "
          "WHERE peticion_id = NEW.id AND NEW.canal_id <> OLD.canal_id; "
          f"UPDATE conteos_poa SET n = n + {suyos} WHERE NEW.canal_id <> OLD.canal_id "
          "AND canal_id = NEW.canal_id AND tipo = 'seguimiento'; "
          f"UPDATE conteos_poa SET n = n - {suyos} WHERE NEW.canal_id <> OLD.canal_id "
          "AND canal_id = OLD.canal_id AND tipo = 'seguimiento'; END",
        "CREATE TRIGGER conteos_poa_seguimiento_alta AFTER INSERT ON seguimientos BEGIN "
        + _sqlite_sumar(a("NEW.fecha"), m("NEW.fecha"), canal_de.format(r="NEW"), "seguimiento", "1") + "END",
        "CREATE TRIGGER conteos_poa_seguimiento_baja AFTER DELETE ON seguimientos BEGIN "
        + _sqlite_sumar(a("OLD.fecha"), m("OLD.fecha"), canal_de.format(r="OLD"), "seguimiento", "-1") + "END",
        "CREATE TRIGGER conteos_poa_seguimiento_cambio AFTER UPDATE OF fecha, peticion_id ON seguimientos BEGIN "
        + _sqlite_sumar(a("OLD.fecha"), m("OLD.fecha"), canal_de.format(r="OLD"), "seguimiento", "-1")
        + _sqlite_sumar(a("NEW.fecha"), m("NEW.fecha"), canal_de.format(r="NEW"), "seguimiento", "1") + "END",
    ]


_PG_FUNCIONES = """
CREATE FUNCTION conteos_poa_sumar(p_fecha timestamp, p_canal uuid, p_tipo text, p_n integer) RETURNS void AS $$
BEGIN
    IF p_canal IS NULL THEN RETURN; END IF;
    INSERT INTO conteos_poa (anio, mes, canal_id, tipo, n)
    VALUES (extract(year FROM p_fecha)::int, extract(month FROM p_fecha)::int, p_canal, p_tipo, p_n)
    ON CONFLICT (anio, mes, canal_id, tipo) DO UPDATE SET n = conteos_poa.n + EXCLUDED.n;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION conteos_poa_peticion() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.estatus <> 'anulada' AND OLD.fusionada_en IS NULL THEN
        PERFORM conteos_poa_sumar(OLD.fecha_recepcion, OLD.canal_id, 'peticion', -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.estatus <> 'anulada' AND NEW.fusionada_en IS NULL THEN
        PERFORM conteos_poa_sumar(NEW.fecha_recepcion, NEW.canal_id, 'peticion', 1);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.canal_id IS DISTINCT FROM OLD.canal_id THEN  -- its follow-ups move along
        INSERT INTO conteos_poa (anio, mes, canal_id, tipo, n)
        SELECT extract(year FROM fecha)::int, extract(month FROM fecha)::int, NEW.canal_id, 'seguimiento', count(*)
        FROM seguimientos WHERE peticion_id = NEW.id GROUP BY 1, 2
        ON CONFLICT (anio, mes, canal_id, tipo) DO UPDATE SET n = conteos_poa.n + EXCLUDED.n;
        UPDATE conteos_poa c SET n = c.n - x.n
        FROM (SELECT extract(year FROM fecha)::int AS anio, extract(month FROM fecha)::int AS mes, count(*) AS n
              FROM seguimientos WHERE peticion_id = NEW.id GROUP BY 1, 2) x
        WHERE c.anio = x.anio AND c.mes = x.mes AND c.canal_id = OLD.canal_id AND c.tipo = 'seguimiento';
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION conteos_poa_seguimiento() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM conteos_poa_sumar(OLD.fecha, (SELECT canal_id FROM peticiones WHERE id = OLD.peticion_id),
                                  'seguimiento', -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM conteos_poa_sumar(NEW.fecha, (SELECT canal_id FROM peticiones WHERE id = NEW.peticion_id),
                                  'seguimiento', 1);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER conteos_poa_peticion AFTER INSERT OR DELETE OR UPDATE OF estatus, fusionada_en, fecha_recepcion,
    canal_id ON peticiones FOR EACH ROW EXECUTE FUNCTION conteos_poa_peticion();
CREATE TRIGGER conteos_poa_seguimiento AFTER INSERT OR DELETE OR UPDATE OF fecha, peticion_id ON seguimientos
    FOR EACH ROW EXECUTE FUNCTION conteos_poa_seguimiento();
"""

# The counts of the rows already there (the same as db/conteos_poa.reconstruir, frozen here).
_LLENAR = """
INSERT INTO conteos_poa (anio, mes, canal_id, tipo, n)
SELECT {anio_p}, {mes_p}, canal_id, 'peticion', count(*) FROM peticiones
WHERE estatus <> 'anulada' AND fusionada_en IS NULL GROUP BY 1, 2, 3;
INSERT INTO conteos_poa (anio, mes, canal_id, tipo, n)
SELECT {anio_s}, {mes_s}, p.canal_id, 'seguimiento', count(*) FROM seguimientos s
JOIN peticiones p ON p.id = s.peticion_id GROUP BY 1, 2, 3;
"""


def upgrade() -> None:
    op.create_table(
        'conteos_poa',
        sa.Column('anio', sa.Integer(), nullable=False),
        sa.Column('mes', sa.Integer(), nullable=False),
        sa.Column('canal_id', sa.Uuid(), nullable=False),
        sa.Column('tipo', sa.String(length=12), nullable=False),  # peticion | seguimiento
        sa.Column('n', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('anio', 'mes', 'canal_id', 'tipo', name=op.f('pk_conteos_poa')),
    )
    if op.get_bind().dialect.name == "sqlite":
        for sql in _sqlite_triggers():
            op.execute(sql)
        llenar = _LLENAR.format(anio_p=_sqlite_anio("fecha_recepcion"), mes_p=_sqlite_mes("fecha_recepcion"),
                                anio_s=_sqlite_anio("s.fecha"), mes_s=_sqlite_mes("s.fecha"))
    else:
        op.execute(_PG_FUNCIONES)
        llenar = _LLENAR.format(anio_p="extract(year FROM fecha_recepcion)::int",
                                mes_p="extract(month FROM fecha_recepcion)::int",
                                anio_s="extract(year FROM s.fecha)::int", mes_s="extract(month FROM s.fecha)::int")
    for sentencia in llenar.split(";"):
        if sentencia.strip():
            op.execute(sentencia)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for nombre in ("peticion_alta", "peticion_baja", "peticion_cambio", "seguimiento_alta", "seguimiento_baja",
                       "seguimiento_cambio"):
            op.execute(f"DROP TRIGGER conteos_poa_{nombre}")
    else:
        op.execute("DROP TRIGGER conteos_poa_peticion ON peticiones")
        op.execute("DROP TRIGGER conteos_poa_seguimiento ON seguimientos")
        op.execute("DROP FUNCTION conteos_poa_peticion(), conteos_poa_seguimiento(), "
                   "conteos_poa_sumar(timestamp, uuid, text, integer)")
    op.drop_table('conteos_poa')
