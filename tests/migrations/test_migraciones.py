"""Schema migrations on both engines: up, down, up again; refusing newer, foreign or broken databases;
the SQLite copy before migrating; two workstations migrating one server at once."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from oee_desk.db import esquema
from oee_desk.db.base import Base
from oee_desk.db.motor import BaseDatos
from oee_desk.domain.errores import BaseDatosInaccesible, BaseDatosIncompatible

from conftest import CONTRASENA, sesion_con_rol

NUESTRAS = set(Base.metadata.tables)
RAIZ = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def url_vacia(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'vacia.db').as_posix()}"
    return request.getfixturevalue("pg_url_vacia")


@pytest.fixture
def bd_vacia(url_vacia):
    bd = BaseDatos(url_vacia)
    yield bd
    bd.cerrar()


def _tablas(bd: BaseDatos) -> set[str]:
    with bd.motor.connect() as c:
        return set(inspect(c).get_table_names())


def _funciones_pg(bd: BaseDatos) -> set[str]:
    with bd.motor.connect() as c:
        return set(c.scalars(text("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                                  "WHERE n.nspname = 'public'")))


def _sha(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


# --- up, down, up ---------------------------------------------------------------------------
def test_subir_desde_vacia_hasta_head(bd_vacia):
    assert esquema.revision_actual(bd_vacia) is None
    assert esquema.necesita_actualizar(bd_vacia)
    esquema.actualizar(bd_vacia)
    assert esquema.revision_actual(bd_vacia) == esquema.revision_aplicacion()
    assert not esquema.necesita_actualizar(bd_vacia)
    assert NUESTRAS <= _tablas(bd_vacia)
    esquema.actualizar(bd_vacia)  # at head: nothing to do, no error


def test_modelos_y_migraciones_coinciden(bd_vacia):
    esquema.actualizar(bd_vacia)
    assert esquema.diferencias_modelos(bd_vacia) == []


def test_bajar_a_base_no_deja_nada_nuestro_y_subir_otra_vez(bd_vacia):
    esquema.actualizar(bd_vacia)
    esquema.bajar(bd_vacia, "base")
    assert esquema.revision_actual(bd_vacia) is None
    assert not (_tablas(bd_vacia) & NUESTRAS)
    assert _tablas(bd_vacia) <= {"alembic_version"}
    if not bd_vacia.es_sqlite:
        assert "auditoria_solo_lectura" not in _funciones_pg(bd_vacia)
        with bd_vacia.motor.connect() as c:  # no enum or other type left behind
            assert list(c.scalars(text("SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                                       "WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd')"))) == []
    esquema.actualizar(bd_vacia)
    assert esquema.revision_actual(bd_vacia) == esquema.revision_aplicacion()
    assert esquema.diferencias_modelos(bd_vacia) == []


def test_cada_revision_sube_y_baja(bd_vacia):
    """Step by step through the whole history, down and up again (each migration's downgrade works)."""
    revisiones = [r.revision for r in esquema._scripts().walk_revisions()][::-1]  # oldest first
    for revision in revisiones:
        esquema.actualizar(bd_vacia, revision)
        assert esquema.revision_actual(bd_vacia) == revision
    for anterior in [*revisiones[-2::-1], "base"]:
        esquema.bajar(bd_vacia, anterior)
        assert esquema.revision_actual(bd_vacia) == (None if anterior == "base" else anterior)
    assert not (_tablas(bd_vacia) & NUESTRAS)


def test_la_base_migrada_funciona(bd_vacia):
    from oee_desk.services.inicializacion import inicializar
    from oee_desk.services.usuarios import ServicioUsuarios

    cargados, creado = inicializar(bd_vacia, admin="jefa", contrasena=CONTRASENA, confirmacion=CONTRASENA)
    assert cargados["municipios"] == 72 and creado.nombre == "jefa"
    assert ServicioUsuarios(bd_vacia).autenticar("jefa", CONTRASENA).nombre == "jefa"
    # a second init neither duplicates nor fails
    assert inicializar(bd_vacia) == ({}, None)


def test_0009_normaliza_el_numero_del_remitente_de_lo_ya_registrado(bd_vacia):
    """A database registered before 0009 gets the normalized sender's numbers filled in, so the
    duplicate warning finds its matters; 0009 goes down and up again with data in it."""
    from oee_desk.services.correspondencia import ServicioCorrespondencia
    from oee_desk.services.inicializacion import inicializar

    inicializar(bd_vacia, admin="admin", contrasena=CONTRASENA, confirmacion=CONTRASENA)
    recepcion = sesion_con_rol(bd_vacia, "recepcion")
    corr = ServicioCorrespondencia(bd_vacia)
    datos = {"serie": "03.01", "fecha_recepcion": "2026-03-02T10:00:00", "asunto": "Solicitud de apoyo",
             "remitente": {"nombre": "C. Juan Pérez"}, "tipo_documento": "OFICIO"}
    con_numero = corr.registrar(recepcion, {**datos, "numero_oficio_remitente": "OF. NÚM. 12/2026"})
    sin_numero = corr.registrar(recepcion, datos)
    esquema.bajar(bd_vacia, "0008")
    with bd_vacia.motor.connect() as c:
        assert "numero_remitente_normalizado" not in {col["name"] for col in inspect(c).get_columns("oficios")}
    esquema.actualizar(bd_vacia)
    with bd_vacia.motor.connect() as c:
        guardados = dict(c.execute(text("SELECT numero_control, numero_remitente_normalizado FROM oficios")).all())
    assert guardados == {con_numero.numero_control: "of. num. 12/2026", sin_numero.numero_control: None}
    assert [d.id for d in corr.duplicados(recepcion, "c. juan perez", "of. núm. 12/2026")] == [con_numero.id]
    assert esquema.diferencias_modelos(bd_vacia) == []


# --- refusing what is not ours ----------------------------------------------------------------
def _contenido(bd: BaseDatos) -> dict:
    with bd.motor.connect() as c:
        insp = inspect(c)
        return {t: sorted(map(tuple, c.execute(text(f'SELECT * FROM "{t}"')).all()), key=repr)
                for t in sorted(insp.get_table_names())}


def test_revision_desconocida_es_mas_reciente_y_no_se_toca(bd_vacia):
    esquema.actualizar(bd_vacia)
    with bd_vacia.motor.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = 'zz99_del_futuro'"))
    antes = _contenido(bd_vacia)
    with pytest.raises(BaseDatosIncompatible) as e:
        esquema.actualizar(bd_vacia)
    assert "más reciente" in e.value.mensaje
    with pytest.raises(BaseDatosIncompatible):
        esquema.verificar_compatible(bd_vacia)
    assert _contenido(bd_vacia) == antes
    assert esquema.revision_actual(bd_vacia) == "zz99_del_futuro"


def test_base_postgresql_ajena(pg_url_vacia):
    bd = BaseDatos(pg_url_vacia)
    try:
        with bd.motor.begin() as c:
            c.execute(text("CREATE TABLE facturas (id serial PRIMARY KEY, total numeric)"))
            c.execute(text("INSERT INTO facturas (total) VALUES (10.5)"))
        antes = _contenido(bd)
        with pytest.raises(BaseDatosIncompatible) as e:
            esquema.actualizar(bd)
        assert "no es de OEE Desk" in e.value.mensaje
        assert _contenido(bd) == antes
    finally:
        bd.cerrar()


def _sqlite_ajena(ruta: Path) -> None:
    with sqlite3.connect(ruta) as c:
        c.execute("CREATE TABLE fotos (id INTEGER PRIMARY KEY, ruta TEXT)")
        c.execute("INSERT INTO fotos (ruta) VALUES ('vacaciones.jpg')")
    c.close()


def test_archivo_sqlite_ajeno(tmp_path):
    ruta = tmp_path / "fotos.sqlite"
    _sqlite_ajena(ruta)
    bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    try:
        with pytest.raises(BaseDatosIncompatible) as e:
            esquema.actualizar(bd)
        assert "no es de OEE Desk" in e.value.mensaje
    finally:
        bd.cerrar()
    with sqlite3.connect(ruta) as c:
        assert [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["fotos"]
        assert c.execute("SELECT ruta FROM fotos").fetchall() == [("vacaciones.jpg",)]
    c.close()
    assert not any(p.name.startswith("fotos.antes-de") for p in tmp_path.iterdir())


def test_archivo_sqlite_ajeno_queda_byte_a_byte_igual(tmp_path):
    ruta = tmp_path / "fotos.sqlite"
    _sqlite_ajena(ruta)
    antes = _sha(ruta)
    bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    with pytest.raises(BaseDatosIncompatible):
        esquema.actualizar(bd)
    bd.cerrar()
    assert _sha(ruta) == antes


@pytest.mark.parametrize("contenido", [os.urandom(4096), b"SQLite format 3\x00" + os.urandom(2000), b"hola\n" * 10],
                         ids=["azar", "cabecera_y_basura", "texto"])
def test_archivo_danado(tmp_path, contenido):
    ruta = tmp_path / "oee-desk.db"
    ruta.write_bytes(contenido)
    bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    try:
        with pytest.raises((BaseDatosInaccesible, BaseDatosIncompatible)) as e:
            esquema.actualizar(bd)
    finally:
        bd.cerrar()
    mensaje = e.value.mensaje
    assert any(p in mensaje for p in ("dañado", "no es una base de datos", "no es de OEE Desk")), mensaje
    assert not any(p in mensaje.lower() for p in ("file is", "error:", "traceback")), mensaje  # Spanish, no driver text
    assert ruta.read_bytes() == contenido
    assert not any(".antes-de-" in p.name for p in tmp_path.iterdir())


def test_archivo_de_oee_truncado(tmp_path, _plantilla_sqlite):
    datos = _plantilla_sqlite.read_bytes()
    ruta = tmp_path / "oee-desk.db"
    ruta.write_bytes(datos[: len(datos) // 3])
    bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    try:
        with pytest.raises((BaseDatosInaccesible, BaseDatosIncompatible)) as e:
            esquema.actualizar(bd)
    finally:
        bd.cerrar()
    assert "dañado" in e.value.mensaje


# --- the copy of a SQLite file before migrating it ---------------------------------------------
def test_respaldo_sqlite_antes_de_migrar(tmp_path):
    revisiones = [r.revision for r in esquema._scripts().walk_revisions()][::-1]
    if len(revisiones) < 2:
        pytest.skip("hace falta más de una revisión para migrar una base existente")
    ruta = tmp_path / "oee.db"
    bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    try:
        esquema.actualizar(bd, revisiones[0])
        assert not list(tmp_path.glob("oee.antes-de-*"))  # an empty file had nothing to lose
        with bd.motor.begin() as c:
            c.execute(text("INSERT INTO temas (id, codigo, nombre, plazo_dias_habiles, activo, creado, actualizado, "
                           "version) VALUES ('0190000000007000800000000000000a', 'viejo', 'Tema viejo', 5, 1, "
                           "'2022-01-01 00:00:00', '2022-01-01 00:00:00', 1)"))
        esquema.actualizar(bd)
        assert esquema.revision_actual(bd) == esquema.revision_aplicacion()
    finally:
        bd.cerrar()
    copias = list(tmp_path.glob("oee.antes-de-*.db"))
    assert len(copias) == 1 and esquema.revision_aplicacion() in copias[0].name
    with sqlite3.connect(copias[0]) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchall() == [(revisiones[0],)]
        assert c.execute("SELECT nombre FROM temas").fetchall() == [("Tema viejo",)]
    c.close()
    # at head already: no further copy
    bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    esquema.actualizar(bd)
    bd.cerrar()
    assert len(list(tmp_path.glob("oee.antes-de-*.db"))) == 1


def test_respaldar_sqlite_antes_directo(tmp_path):
    ruta = tmp_path / "oee.db"
    bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    try:
        assert esquema.respaldar_sqlite_antes(bd) is None  # no file yet
        esquema.actualizar(bd)
        copia = esquema.respaldar_sqlite_antes(bd)
        assert copia is not None and copia.exists() and copia.parent == tmp_path
        with sqlite3.connect(copia) as c:
            assert {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} >= NUESTRAS
        c.close()
    finally:
        bd.cerrar()


# --- two workstations at once -----------------------------------------------------------------
_SCRIPT = textwrap.dedent("""
    import sys
    from oee_desk.db import esquema
    from oee_desk.db.motor import BaseDatos
    bd = BaseDatos(sys.argv[1])
    esquema.actualizar(bd)
    print(esquema.revision_actual(bd))
    bd.cerrar()
""")


def _lanzar(url: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _SCRIPT, url], cwd=RAIZ, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_dos_estaciones_migran_a_la_vez(pg_url_vacia):
    procesos = [_lanzar(pg_url_vacia) for _ in range(3)]
    salidas = [p.communicate(timeout=120) for p in procesos]
    for p, (salida, error) in zip(procesos, salidas):
        assert p.returncode == 0, error
        assert salida.strip() == esquema.revision_aplicacion()
    bd = BaseDatos(pg_url_vacia)
    try:
        assert esquema.revision_actual(bd) == esquema.revision_aplicacion()
        assert esquema.diferencias_modelos(bd) == []
        with bd.motor.connect() as c:
            assert c.scalar(text("SELECT count(*) FROM alembic_version")) == 1
    finally:
        bd.cerrar()


def test_la_migracion_espera_el_candado(pg_url_vacia):
    """While another workstation holds the migration lock, a starting one waits and then finishes."""
    motor = create_engine(pg_url_vacia.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with motor.connect() as c:
        c.execute(text("SELECT pg_advisory_lock(:k)"), {"k": esquema.CANDADO_MIGRACION})
        proceso = _lanzar(pg_url_vacia)
        try:
            time.sleep(3)
            assert proceso.poll() is None, proceso.communicate()[1]
            assert not (set(inspect(c).get_table_names()) & NUESTRAS)
        finally:
            c.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": esquema.CANDADO_MIGRACION})
        salida, error = proceso.communicate(timeout=120)
    motor.dispose()
    assert proceso.returncode == 0, error
    assert salida.strip() == esquema.revision_aplicacion()


def test_dos_procesos_migran_el_mismo_sqlite(tmp_path):
    """SQLite has no advisory lock: a loser may be told to retry, but nothing is left half-migrated."""
    script = _SCRIPT.replace("esquema.actualizar(bd)", textwrap.dedent("""\
        try:
            esquema.actualizar(bd)
        except Exception as e:
            print("ERROR", type(e).__name__, getattr(e, "mensaje", e))
            sys.exit(0)"""))
    url = f"sqlite:///{(tmp_path / 'oee.db').as_posix()}"
    procesos = [subprocess.Popen([sys.executable, "-c", script, url], cwd=RAIZ, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(3)]
    salidas = [p.communicate(timeout=120)[0].strip() for p in procesos]
    correctas = [s for s in salidas if s == esquema.revision_aplicacion()]
    assert correctas, salidas
    for salida in salidas:
        if salida.startswith("ERROR"):
            assert "BaseDatosInaccesible" in salida and "intente de nuevo" in salida, salida
    bd = BaseDatos(url)
    try:
        esquema.actualizar(bd)  # the retry the message asks for
        assert esquema.revision_actual(bd) == esquema.revision_aplicacion()
        assert esquema.diferencias_modelos(bd) == []
    finally:
        bd.cerrar()


# --- an ordinary start does not load Alembic ----------------------------------------------------
def test_la_revision_de_la_aplicacion_es_la_ultima_migracion():
    """esquema.REVISION lets a start on an up-to-date database skip Alembic: it must name the head."""
    assert esquema.REVISION == esquema.revision_aplicacion()


def test_arrancar_sobre_una_base_al_dia_no_carga_alembic(tmp_path, _plantilla_sqlite):
    ruta = tmp_path / "oee.db"
    ruta.write_bytes(_plantilla_sqlite.read_bytes())
    script = textwrap.dedent("""
        import sys
        from oee_desk.db.motor import BaseDatos
        from oee_desk.services import conexion
        bd = BaseDatos(sys.argv[1])
        assert conexion.preparar(bd) is True
        bd.cerrar()
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("alembic", "holidays")))
    """)
    salida = subprocess.run([sys.executable, "-c", script, f"sqlite:///{ruta.as_posix()}"], cwd=RAIZ,
                            capture_output=True, text=True, timeout=120)
    assert salida.returncode == 0, salida.stderr
    assert salida.stdout.strip() == "[]"
