"""Migration 0004 (Atención Ciudadana) on both engines, over a database already in use at 0003:
the AC, CAN and GIRA series appear with their audit rows signed «sistema», the old series number
correspondence, the personal-data log refuses UPDATE and DELETE, down to 0003 and up again works,
and `db check` is clean at head."""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy import inspect, select, text

from oee_desk.cli import main
from oee_desk.db import esquema
from oee_desk.db.modelos import Auditoria, SerieControl
from oee_desk.db.modelos_atencion import AccesoDatosPersonales, Ciudadano
from oee_desk.db.motor import BaseDatos
from oee_desk.domain.roles import Rol
from oee_desk.services.giras import ServicioGiras
from oee_desk.services.inicializacion import inicializar
from oee_desk.services.peticiones import ServicioPeticiones

from conftest import CONTRASENA, sesion_con_rol

TABLAS_0004 = {"ciudadanos", "giras", "peticiones", "canalizaciones", "seguimientos", "accesos_datos_personales"}
SERIES_NUEVAS = {"AC": ("AC-{yyyy}-{n:06d}", "peticiones"), "CAN": ("OEE/CEAC/{n:04d}/{yyyy}", "canalizacion"),
                 "GIRA": ("GIRA-{yyyy}-{n:03d}", "giras")}
USOS = {"03.01": "correspondencia", "NJ": "correspondencia", **{c: u for c, (_, u) in SERIES_NUEVAS.items()}}


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'oee.db').as_posix()}"
    return request.getfixturevalue("pg_url_vacia")


@pytest.fixture
def bd_0003(url):
    """A database initialized at revision 0003: the two correspondence series, a year begun."""
    bd = BaseDatos(url)
    esquema.actualizar(bd, "0003")
    series = sa.table("series_control", sa.column("id", sa.Uuid), sa.column("activo", sa.Boolean),
                      sa.column("creado", sa.DateTime), sa.column("actualizado", sa.DateTime),
                      sa.column("version", sa.Integer),
                      *(sa.column(c) for c in ("codigo", "nombre", "plantilla", "destinatario")))
    contadores = sa.table("contadores_serie", sa.column("id", sa.Uuid), sa.column("serie_control_id", sa.Uuid),
                          sa.column("anio", sa.Integer), sa.column("siguiente", sa.Integer))
    momento = dt.datetime(2022, 1, 3, 9)
    gobernador = uuid.uuid4()
    with bd.motor.begin() as c:
        for id_, codigo, nombre, plantilla, destinatario in [
                (gobernador, "03.01", "Correspondencia dirigida al C. Gobernador", "03.01-{n}/{yy}", "gobernador"),
                (uuid.uuid4(), "NJ", "Correspondencia dirigida al Jefe de la Oficina", "NJ 03.01-{n}",
                 "jefe_oficina")]:
            c.execute(series.insert().values(id=id_, activo=True, creado=momento, actualizado=momento, version=1,
                                             codigo=codigo, nombre=nombre, plantilla=plantilla,
                                             destinatario=destinatario))
        c.execute(contadores.insert().values(id=uuid.uuid4(), serie_control_id=gobernador, anio=2021,
                                             siguiente=1034))
    yield bd
    bd.cerrar()


def _series(bd: BaseDatos) -> dict[str, tuple]:
    with bd.lectura() as s:
        return {x.codigo: (x.plantilla, x.uso, x.activo, x.id) for x in s.scalars(select(SerieControl))}


def _tablas(bd: BaseDatos) -> set[str]:
    with bd.motor.connect() as c:
        return set(inspect(c).get_table_names())


def _contadores(bd: BaseDatos) -> set[tuple]:
    with bd.motor.connect() as c:
        return set(c.execute(text("SELECT s.codigo, c.anio, c.siguiente FROM contadores_serie c "
                                  "JOIN series_control s ON s.id = c.serie_control_id")).all())


def _registrar_y_numerar(bd: BaseDatos, anio: int) -> tuple[str, str, str]:
    """A petition canalized to an agency, and a tour: what the new series number."""
    atencion = sesion_con_rol(bd, Rol.ATENCION)
    p = ServicioPeticiones(bd).registrar(atencion, {
        "fecha_recepcion": f"{anio}-03-01T10:15:00", "canal": "call_center", "tema": "vivienda",
        "descripcion": "Apoyo para vivienda", "ciudadano": {"nombre": "Ana", "telefono": "6621234567"},
        "canalizacion": {"tipo": "dependencia", "destino": "SIDUR"}})
    g = ServicioGiras(bd).registrar(atencion, {"fecha": f"{anio}-05-13", "municipio": "26030", "evento": "Gira"})
    return p.folio, p.canalizaciones[0].numero_oficio, g.clave


def _db_check(bd: BaseDatos, capsys) -> None:
    assert esquema.diferencias_modelos(bd) == []
    capsys.readouterr()
    assert main(["--db", bd.url.render_as_string(hide_password=False), "db", "check"]) == 0
    assert "coinciden" in capsys.readouterr().out


def test_de_0003_a_head_agrega_las_series_con_su_auditoria(bd_0003, capsys):
    bd = bd_0003
    esquema.actualizar(bd)
    assert esquema.revision_actual(bd) == esquema.revision_aplicacion()
    assert TABLAS_0004 <= _tablas(bd)
    series = _series(bd)
    assert {codigo: uso for codigo, (_, uso, _, _) in series.items()} == USOS
    for codigo, (plantilla, uso) in SERIES_NUEVAS.items():
        assert series[codigo][:3] == (plantilla, uso, True)
    with bd.lectura() as s:
        filas = list(s.scalars(select(Auditoria).where(Auditoria.tabla == "series_control")))
    assert sorted((a.despues["codigo"], a.accion, a.usuario, a.usuario_id, a.registro_id) for a in filas) == sorted(
        (codigo, "crear", "sistema", None, str(series[codigo][3])) for codigo in SERIES_NUEVAS)
    assert all(a.despues["uso"] == USOS[a.despues["codigo"]] for a in filas)
    assert _contadores(bd) == {("03.01", 2021, 1034)}  # the year begun elsewhere keeps its counter
    _db_check(bd, capsys)

    # `init` then loads the other catalogs without duplicating the series, and the new series number.
    cargados, admin = inicializar(bd, admin="admin", contrasena=CONTRASENA, confirmacion=CONTRASENA)
    assert "series-control" not in cargados and admin is not None
    assert set(_series(bd)) == set(USOS)
    assert _registrar_y_numerar(bd, 2022) == ("AC-2022-000001", "OEE/CEAC/0001/2022", "GIRA-2022-001")


def test_una_base_vacia_recibe_las_series_de_init_sin_duplicarlas(url):
    bd = BaseDatos(url)
    try:
        esquema.actualizar(bd)
        assert _series(bd) == {}  # the migration leaves an empty catalog to `init`
        with bd.lectura() as s:
            assert s.scalar(select(sa.func.count()).select_from(Auditoria)) == 0
        inicializar(bd, admin="admin", contrasena=CONTRASENA, confirmacion=CONTRASENA)
        assert {c: u for c, (_, u, _, _) in _series(bd).items()} == USOS
    finally:
        bd.cerrar()


def _acceso(bd: BaseDatos) -> uuid.UUID:
    with bd.escritura() as s:
        c = Ciudadano(id=uuid.uuid4(), nombre="Ana", texto_busqueda="ana", clave_nombre="ana", anonimizado=False,
                      acepta_aviso_privacidad=False)
        s.add(c)
        s.flush()
        s.add(AccesoDatosPersonales(id=uuid.uuid4(), usuario="prueba", ciudadano_id=c.id, accion="ver"))
    return c.id


def _bitacora_inmutable(bd: BaseDatos) -> None:
    cid = _acceso(bd)
    sentencias = ["UPDATE accesos_datos_personales SET accion = 'exportar'",
                  "UPDATE accesos_datos_personales SET usuario = 'otro' WHERE accion = 'ver'",
                  "DELETE FROM accesos_datos_personales"]
    if not bd.es_sqlite:
        sentencias.append("TRUNCATE accesos_datos_personales")
    for sentencia in sentencias:
        with pytest.raises(sa.exc.DatabaseError) as e:
            with bd.motor.begin() as c:
                c.execute(text(sentencia))
        assert "no admite" in str(e.value), sentencia
    with bd.lectura() as s:
        assert [(a.usuario, a.accion) for a in s.scalars(select(AccesoDatosPersonales).where(
            AccesoDatosPersonales.ciudadano_id == cid))] == [("prueba", "ver")]


def test_la_bitacora_de_accesos_no_admite_cambios_ni_borrados(bd_0003):
    esquema.actualizar(bd_0003)
    _bitacora_inmutable(bd_0003)


def test_bajar_a_0003_y_subir_otra_vez(bd_0003, capsys, request):
    bd = bd_0003
    esquema.actualizar(bd)
    inicializar(bd, admin="admin", contrasena=CONTRASENA, confirmacion=CONTRASENA)
    _registrar_y_numerar(bd, 2022)

    esquema.bajar(bd, "0003")
    assert esquema.revision_actual(bd) == "0003"
    assert not (TABLAS_0004 & _tablas(bd))
    with bd.motor.connect() as c:
        assert "uso" not in {col["name"] for col in inspect(c).get_columns("series_control")}
        if bd.es_sqlite:
            assert not c.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'ciudadanos_fts%' "
                                      "OR name LIKE 'accesos_sin_%'")).all()
        else:
            assert not c.execute(text("SELECT 1 FROM pg_proc WHERE proname = 'accesos_solo_lectura'")).all()
    # Correspondence counters survive; those of the new series went with their records.
    assert _contadores(bd) == {("03.01", 2021, 1034)}

    esquema.actualizar(bd)
    assert esquema.revision_actual(bd) == esquema.revision_aplicacion()
    assert TABLAS_0004 <= _tablas(bd)
    _bitacora_inmutable(bd)
    _db_check(bd, capsys)


def test_bajar_y_subir_conserva_el_uso_de_cada_serie(bd_0003):
    bd = bd_0003
    esquema.actualizar(bd)
    inicializar(bd, admin="admin", contrasena=CONTRASENA, confirmacion=CONTRASENA)
    esquema.bajar(bd, "0003")
    esquema.actualizar(bd)
    assert {c: u for c, (_, u, _, _) in _series(bd).items()} == USOS
    assert _registrar_y_numerar(bd, 2022) == ("AC-2022-000001", "OEE/CEAC/0001/2022", "GIRA-2022-001")
