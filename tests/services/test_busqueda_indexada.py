"""The indexed search (db/busqueda.py, migration 0003) means exactly "every word is a substring":
the same rows as LIKE '%word%' per word, on both engines, whatever is typed; and on SQLite the FTS5
table follows every insert, edit, deletion and restore of oficios."""
from __future__ import annotations

import datetime as dt
import random
import shutil

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from argon2 import PasswordHasher
from sqlalchemy import delete, select, text, update

from oee_desk.db.busqueda import condicion_texto, consulta_fts, filtrar_recientes
from oee_desk.db.modelos_correspondencia import Oficio
from oee_desk.db.motor import BaseDatos
from oee_desk.domain import contrasenas
from oee_desk.domain.texto import normalizar
from oee_desk.services import respaldo
from oee_desk.services.bandeja import FiltroBandeja, ServicioBandeja
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.importar_oficios import ServicioImportarOficios

from conftest import borrar_base_pg, crear_base_pg, sesion_con_rol

TEXTOS = [
    ("Lic. José Ángel Núñez Oroz", "Rector", "Universidad de la Sierra", "Invitación al informe anual"),
    ("C. María Peña Güereña", None, "Comité de Vecinos de Tesopaco", "Queja por falta de agua «potable»"),
    ('Ing. Ramón "El Güero" Ibarra', "Director", "CEA Sonora", "Solicitud 50% de descuento_en tarifa"),
    ("Mtra. Xóchitl Quiñónez", "Presidenta Municipal", "H. Ayuntamiento de Bácum", "Pavimentación/bacheo ab-12"),
    ("Dr. Juan de la O", None, None, "Apoyo para la feria de Álamos; evento a.m."),
    ("Arq. Lourdes Ochoa López", "Jefa", "SIDUR", "Revisión del proyecto 'Paseo Río Sonora'"),
]
CONSULTAS = [
    "jose", "JOSÉ núñez", "nunez jose", "pena", "peña güereña tesopaco", '"el guero"', '"el', 'guero"',
    "50%", "50", "descuento_en", "_en", "%", "_", "o", "de la", "la o", "ab-12", "ab", "bacum pavimentacion",
    "sonora", "rio sonora", "'paseo", "a.m.", "feria alamos", "zzz", "lopez ochoa sidur", "e", "de",
    "potable»", "«potable", "03.01", "/2", "sierra rector",
]


def _filas(n: int) -> list[dict]:
    azar = random.Random(7)
    filas = []
    for i in range(n):
        nombre, cargo, institucion, asunto = TEXTOS[i % len(TEXTOS)]
        filas.append({"serie": "03.01" if i % 2 else "NJ",
                      "fecha_recepcion": dt.datetime(2022, 1 + i % 12, 1 + i % 27, 9),
                      "remitente": nombre, "cargo": cargo, "institucion": institucion,
                      "asunto": f"{asunto} {azar.choice(['', 'urgente', 'seguimiento'])}".strip(),
                      "turnado_a": "", "estatus": ""})
    return filas


def _cargar(bd: BaseDatos):
    with pytest.MonkeyPatch.context() as parche:  # nothing here is about passwords: cheapest Argon2
        parche.setattr(contrasenas, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        recepcion = sesion_con_rol(bd, "recepcion")
        admin = sesion_con_rol(bd, "admin")
    resumen = ServicioImportarOficios(bd).importar(recepcion, _filas(60))
    assert resumen.cargadas == 60, resumen.errores
    return admin


@pytest.fixture(scope="module", params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def entorno(request, tmp_path_factory):
    """One loaded database per engine for the read-only tests."""
    url_pg = None
    if request.param == "sqlite":
        ruta = tmp_path_factory.mktemp("busqueda") / "oee.db"
        shutil.copy(request.getfixturevalue("_plantilla_sqlite"), ruta)
        bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    else:
        url_pg = crear_base_pg(request.getfixturevalue("_plantilla_pg"))
        bd = BaseDatos(url_pg)
    yield bd, _cargar(bd)
    bd.cerrar()
    if url_pg:
        borrar_base_pg(url_pg)


@pytest.fixture
def cargada(entorno):
    return entorno[0]


@pytest.fixture
def admin(entorno):
    return entorno[1]


@pytest.fixture
def sqlite_cargada(bd_sqlite):
    """A loaded SQLite database of its own, for the tests that change or replace it."""
    return bd_sqlite, _cargar(bd_sqlite)


def _esperado(bd, consulta: str) -> set:
    palabras = normalizar(consulta).split()
    with bd.lectura() as s:
        return {i for i, t in s.execute(select(Oficio.id, Oficio.texto_busqueda)) if all(p in t for p in palabras)}


@pytest.mark.parametrize("consulta", CONSULTAS)
def test_mismas_filas_que_la_subcadena(cargada, admin, consulta):
    esperado = _esperado(cargada, consulta)
    bandeja = ServicioBandeja(cargada)
    filtro = FiltroBandeja(texto=consulta)
    assert bandeja.contar(admin, filtro) == len(esperado)
    assert {f.id for f in bandeja.pagina(admin, filtro, limite=1000)} == esperado
    if normalizar(consulta):
        assert {o.id for o in ServicioCorrespondencia(cargada).buscar(admin, consulta, limite=1000)} == esperado


# Pieces of the loaded texts, joined with LIKE's and FTS5's special characters: the statements
# `buscar` and the bandeja build once per shape of the words must still mean "every word is a
# substring".
_PIEZAS = st.sampled_from(["jose", "nu", "ñez", "%", "_", "/", '"', "50", "ab-12", "o", "de", "la", "rio",
                           "«", "potable", "03.01", "*", "'", "(", "Á", "zzz", "e_n", "\\", "%(a)s", "$1",
                           "''", ":x", "{"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_PIEZAS, min_size=1, max_size=3).map("".join), min_size=1, max_size=4).map(" ".join))
def test_buscar_cualquier_texto_da_las_filas_de_la_subcadena(cargada, admin, consulta):
    esperado = _esperado(cargada, consulta)
    assert {o.id for o in ServicioCorrespondencia(cargada).buscar(admin, consulta, limite=1000)} == esperado
    bandeja, filtro = ServicioBandeja(cargada), FiltroBandeja(texto=consulta, orden="asunto", descendente=False)
    assert bandeja.contar(admin, filtro) == len(esperado)
    assert {f.id for f in bandeja.pagina(admin, filtro, limite=1000)} == esperado


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_PIEZAS, min_size=1, max_size=3).map("".join), min_size=1, max_size=4).map(" ".join))
def test_lo_mas_reciente_primero_da_las_filas_de_la_subcadena(cargada, admin, consulta):
    """`filtrar_recientes`, the search of citizens and of the petitions list, over the oficios: on
    PostgreSQL the words are written into the statement, so quotes and backslashes must stay words."""
    consulta_sql = filtrar_recientes(select(Oficio.id), Oficio.texto_busqueda, consulta,
                                     cargada.motor.dialect.name, Oficio.id.desc())
    with cargada.lectura() as s:
        assert set(s.scalars(consulta_sql)) == _esperado(cargada, consulta)


@pytest.mark.pg
@pytest.mark.parametrize("entorno", ["pg"], indirect=True)
def test_postgresql_planea_cada_busqueda_con_sus_palabras(cargada, admin):
    """The driver prepares a statement run five times, and the server may then run it on a generic
    plan made without the typed word: for a CURP in the petitions list that plan read all the
    citizens (55 ms instead of 5). The searches' words go into the statement instead."""
    from oee_desk.services.ciudadanos import ServicioCiudadanos

    bd = BaseDatos(cargada.motor.url.render_as_string(hide_password=False))  # one connection: its statements
    try:
        busquedas = [lambda t: ServicioCorrespondencia(bd).buscar(admin, t),
                     lambda t: ServicioBandeja(bd).contar(admin, FiltroBandeja(texto=t)),
                     lambda t: ServicioBandeja(bd).pagina(admin, FiltroBandeja(texto=t)),
                     lambda t: ServicioBandeja(bd).remitentes(admin, t),
                     lambda t: ServicioCiudadanos(bd).buscar(admin, t)]  # the petitions list's lookup too
        for texto in ["nunez"] * 6 + ["pena", "rio", "sierra", "ochoa", "bacum", "feria", "cea"]:
            for buscar in busquedas:
                buscar(texto)
        with bd.motor.connect() as c:
            preparadas = list(c.scalars(text("SELECT statement FROM pg_prepared_statements WHERE statement LIKE :p"),
                                        {"p": "%texto_busqueda LIKE%"}))
    finally:
        bd.cerrar()
    assert len(preparadas) >= len(busquedas), preparadas  # the repeated word's statements were prepared
    assert all("'%nunez%'" in p and "LIKE $" not in p for p in preparadas), preparadas


def test_remitentes_por_el_indice(cargada, admin):
    nombres = {r["nombre"] for r in ServicioBandeja(cargada).remitentes(admin, "nunez rector")}
    assert nombres == {"Lic. José Ángel Núñez Oroz"}


def test_consulta_fts_cita_cada_palabra():
    assert consulta_fts(["abc", 'a"b', "or", "near("]) == '"abc" AND "a""b" AND "or" AND "near("'


def test_sqlite_usa_el_indice_de_trigramas(bd_sqlite):
    consulta = select(Oficio.id).where(condicion_texto(Oficio.texto_busqueda, "garcia lo", "sqlite"))
    with bd_sqlite.lectura() as s:
        plan = " ".join(str(f[-1]) for f in s.execute(text("EXPLAIN QUERY PLAN " + str(
            consulta.compile(bd_sqlite.motor, compile_kwargs={"literal_binds": True})))))
    assert "VIRTUAL TABLE INDEX" in plan and "oficios_fts" in plan, plan


def test_el_aviso_de_duplicado_busca_el_numero_del_remitente_por_su_indice(cargada):
    """Registration asks for the sender's number inside the counter's lock: one index lookup
    (migration 0009), not a pass over the matters' text."""
    from oee_desk.services.registro_previo import _POR_NUMERO as _DUPLICADOS

    compilada = _DUPLICADOS.compile(cargada.motor)
    valores = compilada.construct_params({"numero": "ep/1/2023"})
    with cargada.motor.connect() as c:
        if cargada.es_sqlite:
            plan = " ".join(str(f[-1]) for f in c.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {compilada}", tuple(valores[k] for k in compilada.positiontup)))
        else:
            c.exec_driver_sql("SET enable_seqscan = off")  # a small table: ask whether the index can serve
            plan = " ".join(f[0] for f in c.exec_driver_sql(f"EXPLAIN {compilada}", valores))
    assert "ix_oficios_numero_remitente_normalizado" in plan, plan


@pytest.mark.pg
def test_postgresql_tiene_el_indice_de_trigramas(pg_disponible, pg_url_vacia):
    from oee_desk.db import esquema

    bd = BaseDatos(pg_url_vacia)
    esquema.actualizar(bd)
    with bd.lectura() as s:
        definicion = s.scalar(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_oficios_texto_busqueda_trgm'"))
    bd.cerrar()
    assert "gin" in definicion and "gin_trgm_ops" in definicion


def _integridad_fts(bd) -> None:
    with bd.motor.begin() as c:  # raises "database disk image is malformed" if out of step with oficios
        c.exec_driver_sql("INSERT INTO oficios_fts(oficios_fts, rank) VALUES ('integrity-check', 1)")


def test_sqlite_el_indice_sigue_cada_cambio(sqlite_cargada):
    cargada, admin = sqlite_cargada
    corr = ServicioCorrespondencia(cargada)
    objetivo = corr.buscar(admin, "xochitl")[0]
    with cargada.motor.begin() as c:
        c.execute(update(Oficio).where(Oficio.id == objetivo.id).values(texto_busqueda="palabra zumbadora"))
        c.execute(update(Oficio).values(estado="en_proceso"))  # other columns: the index is not touched
    assert [o.id for o in corr.buscar(admin, "zumbadora")] == [objetivo.id]
    assert objetivo.id not in {o.id for o in corr.buscar(admin, "xochitl", limite=1000)}
    borrado = corr.buscar(admin, "alamos feria")[0]
    with cargada.motor.begin() as c:
        c.execute(delete(Oficio).where(Oficio.id == borrado.id))
    assert borrado.id not in {o.id for o in corr.buscar(admin, "alamos feria", limite=1000)}
    _integridad_fts(cargada)


def test_sqlite_un_respaldo_restaurado_busca_igual(sqlite_cargada, tmp_path):
    cargada, admin = sqlite_cargada
    antes = {c: _esperado(cargada, c) for c in ("pena tesopaco", "rio sonora", "de")}
    respaldo.respaldar(cargada, admin, tmp_path / "r.oee")
    with cargada.motor.connect() as c:
        tablas = {n for (n,) in c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "oficios_fts" in tablas
    respaldo.restaurar(cargada, admin, tmp_path / "r.oee")
    corr = ServicioCorrespondencia(cargada)
    for consulta, ids in antes.items():
        assert {o.id for o in corr.buscar(admin, consulta, limite=1000)} == ids
    _integridad_fts(cargada)
