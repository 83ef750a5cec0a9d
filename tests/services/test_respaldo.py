"""Backup and restore: an identical database on both engines and across them, or nothing changed."""
from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import os
import threading
import uuid
import zipfile
from pathlib import Path

import pytest
from conftest import CONTRASENA, borrar_base_pg, crear_base_pg, sesion_con_rol
from sqlalchemy import (JSON, BigInteger, Boolean, Column, Date, DateTime, Float, Integer, LargeBinary, MetaData,
                        Numeric, String, Table, Time, Uuid, func, insert, null, select)

from oee_desk.db import esquema
from oee_desk.db.base import Base
from oee_desk.db.modelos import Auditoria
from oee_desk.db.motor import BaseDatos
from oee_desk.domain.errores import BaseDatosIncompatible, Conflicto, ErrorValidacion, PermisoDenegado
from oee_desk.services import respaldo_archivo as formato
from oee_desk.services.catalogos import ServicioCatalogos
from oee_desk.services import respaldo
from oee_desk.services.respaldo import respaldar, restaurar
from oee_desk.services.sesion import SISTEMA
from oee_desk.services.usuarios import ServicioUsuarios


# --- helpers --------------------------------------------------------------------------------
def volcado(bd: BaseDatos) -> dict[str, list[tuple]]:
    """Every row of every table, by id; JSON columns also say whether they hold SQL NULL."""
    resultado = {}
    with bd.motor.connect() as c:
        for t in Base.metadata.sorted_tables:
            nulos = [c_.is_(None).label(f"{c_.name}_es_nulo") for c_ in t.columns if isinstance(c_.type, JSON)]
            filas = c.execute(select(*t.columns, *nulos).order_by(t.c.id)).all()
            resultado[t.name] = [tuple(bool(x) if n.endswith("_es_nulo") else x for n, x in zip(f._fields, f))
                                 for f in filas]
    return resultado


def poblar(bd: BaseDatos) -> None:
    """Users, catalog edits and their audit rows, with accents, quotes and a SQL-NULL JSON value."""
    admin = ServicioUsuarios(bd).autenticar("admin", CONTRASENA)
    usuarios = ServicioUsuarios(bd)
    usuarios.agregar(admin, "jperez", "recepcion", "José Pérez Ñúñez", CONTRASENA, CONTRASENA)
    usuarios.agregar(admin, "mlopez", "atencion", "María \"Mary\" López'); DROP TABLE usuarios;--",
                     CONTRASENA, CONTRASENA)
    usuarios.cambiar_rol(admin, "jperez", "supervisor")
    usuarios.desactivar(admin, "mlopez")
    catalogos = ServicioCatalogos(bd)
    tema = catalogos.agregar(admin, "temas", {"codigo": "pipas_prueba", "nombre": "Pipas de agua — prueba",
                                              "plazo_dias_habiles": 7})
    catalogos.editar(admin, "temas", tema.id, {"nombre": "Pipas de agua y tinacos"}, tema.version)
    municipio = catalogos.obtener(admin, "municipios", "26030")
    catalogos.cambiar_activo(admin, "municipios", municipio.id, False, municipio.version)
    catalogos.agregar(admin, "dias-inhabiles", {"fecha": "2031-12-24", "descripcion": "Nochebuena",
                                                "origen": "oficina"})
    with bd.motor.begin() as c:  # a raw row: SQL NULL and a nested document in the JSON columns
        c.execute(insert(Auditoria).values(
            id=uuid.uuid4(), momento=dt.datetime(2022, 3, 1, 10, 15, 0, 123456), usuario="sistema",
            accion="prueba", tabla="usuarios", registro_id="x", antes=null(),
            despues={"lista": [1, 2.5, None, "ñ"], "anidado": {"a": True}}))


@pytest.fixture
def destino_vacio(request, tmp_path):
    """Makes an empty target database of the engine asked for."""
    creadas = []

    def hacer(motor: str) -> BaseDatos:
        if motor == "sqlite":
            bd = BaseDatos(f"sqlite:///{(tmp_path / f'destino{len(creadas)}.db').as_posix()}")
            creadas.append((bd, None))
        else:
            request.getfixturevalue("pg_disponible")
            url = crear_base_pg()
            bd = BaseDatos(url)
            creadas.append((bd, url))
        return bd

    yield hacer
    for bd, url in creadas:
        bd.cerrar()
        if url:
            borrar_base_pg(url)


def reescribir(origen: Path, destino: Path, cambiar) -> None:
    """Copy a backup ZIP, passing each member's bytes through `cambiar(nombre, datos)`."""
    with zipfile.ZipFile(origen) as zin, zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED) as zout:
        for nombre in zin.namelist():
            zout.writestr(nombre, cambiar(nombre, zin.read(nombre)))


# --- round trips ----------------------------------------------------------------------------
@pytest.mark.parametrize("motor_destino", ["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def test_ida_y_vuelta_a_una_base_vacia(bd, admin, tmp_path, destino_vacio, motor_destino):
    poblar(bd)
    archivo = tmp_path / "respaldo.zip"
    avances = []
    manifiesto = respaldar(bd, admin, archivo, progreso=lambda *a: avances.append(a))

    assert manifiesto.revision == esquema.revision_aplicacion()
    assert manifiesto.motor == ("sqlite" if bd.es_sqlite else "postgresql")
    assert list(manifiesto.tablas) == [t.name for t in Base.metadata.sorted_tables]
    assert avances[-1][1] == avances[-1][2] == manifiesto.filas
    original = volcado(bd)
    assert {t: len(f) for t, f in original.items()} == manifiesto.tablas

    destino = destino_vacio(motor_destino)
    avances.clear()
    restaurado = restaurar(destino, None, archivo, progreso=lambda *a: avances.append(a))  # nobody to sign in yet

    assert restaurado == manifiesto
    assert avances[-1][1] == avances[-1][2] == manifiesto.filas
    assert volcado(destino) == original
    assert esquema.revision_actual(destino) == esquema.revision_aplicacion()
    assert ServicioUsuarios(destino).autenticar("jperez", CONTRASENA).rol == "supervisor"


def test_restaurar_sobre_una_base_en_uso_la_deja_como_el_respaldo(bd, admin, tmp_path):
    poblar(bd)
    archivo = tmp_path / "respaldo.zip"
    respaldar(bd, admin, archivo)
    original = volcado(bd)
    # Work done after the backup, that the restore must undo (audit rows included).
    ServicioUsuarios(bd).agregar(admin, "nuevo", "campo", "Persona Nueva", CONTRASENA, CONTRASENA)
    ServicioCatalogos(bd).agregar(admin, "temas", {"codigo": "otro", "nombre": "Otro", "plazo_dias_habiles": 3})
    assert volcado(bd) != original

    restaurar(bd, admin, archivo)

    assert volcado(bd) == original
    assert ServicioUsuarios(bd).autenticar("admin", CONTRASENA).nombre == "admin"  # bd still usable
    if bd.es_sqlite:
        sobrantes = [p.name for p in Path(bd.url.database).parent.iterdir() if ".restaurando" in p.name]
        assert sobrantes == []


def test_una_base_vacia_de_postgresql_recibe_una_instalacion_de_sqlite(bd_sqlite, tmp_path, destino_vacio):
    """The move of a one-machine install onto the office server, explicitly."""
    poblar(bd_sqlite)
    admin = ServicioUsuarios(bd_sqlite).autenticar("admin", CONTRASENA)
    archivo = tmp_path / "oficina.zip"
    respaldar(bd_sqlite, admin, archivo)
    servidor = destino_vacio("pg")

    restaurar(servidor, SISTEMA, archivo)

    assert volcado(servidor) == volcado(bd_sqlite)


# --- refusals: nothing written --------------------------------------------------------------
def test_rechaza_un_respaldo_de_una_version_mas_reciente(bd, admin, tmp_path):
    archivo, futuro = tmp_path / "r.zip", tmp_path / "futuro.zip"
    respaldar(bd, admin, archivo)

    def cambiar(nombre, datos):
        if nombre != formato.MANIFIESTO:
            return datos
        manifiesto = json.loads(datos)
        manifiesto["revision"] = "9999_del_futuro"
        return json.dumps(manifiesto).encode()

    reescribir(archivo, futuro, cambiar)
    ServicioUsuarios(bd).agregar(admin, "despues", "campo", "Después", CONTRASENA, CONTRASENA)
    antes = volcado(bd)

    with pytest.raises(BaseDatosIncompatible, match="más reciente"):
        restaurar(bd, admin, futuro)
    assert volcado(bd) == antes


def test_rechaza_un_archivo_de_tabla_alterado(bd, admin, tmp_path):
    archivo, alterado = tmp_path / "r.zip", tmp_path / "alterado.zip"
    poblar(bd)
    respaldar(bd, admin, archivo)
    reescribir(archivo, alterado, lambda n, d: d.replace("supervisor".encode(), "admin".encode())
               if n == formato.miembro("usuarios") else d)
    ServicioUsuarios(bd).agregar(admin, "despues", "campo", "Después", CONTRASENA, CONTRASENA)
    antes = volcado(bd)

    with pytest.raises(ErrorValidacion, match="usuarios está dañado"):
        restaurar(bd, admin, alterado)
    assert volcado(bd) == antes


@pytest.mark.parametrize("contenido, mensaje", [
    (b"esto no es un zip", "no es un archivo ZIP"),
    (None, "le falta manifiesto.json"),
])
def test_rechaza_archivos_que_no_son_respaldos(bd, admin, tmp_path, contenido, mensaje):
    ajeno = tmp_path / "ajeno.zip"
    if contenido is None:
        with zipfile.ZipFile(ajeno, "w") as z:
            z.writestr("otra_cosa.txt", "hola")
    else:
        ajeno.write_bytes(contenido)
    antes = volcado(bd)
    with pytest.raises(ErrorValidacion, match=mensaje):
        restaurar(bd, admin, ajeno)
    assert volcado(bd) == antes


def test_solo_un_administrador_respalda_y_restaura(bd, admin, tmp_path):
    archivo = tmp_path / "r.zip"
    respaldar(bd, admin, archivo)
    supervisora = sesion_con_rol(bd, "supervisor")
    with pytest.raises(PermisoDenegado):
        respaldar(bd, supervisora, tmp_path / "otro.zip")
    assert not (tmp_path / "otro.zip").exists()
    with pytest.raises(PermisoDenegado):
        restaurar(bd, supervisora, archivo)
    vacia = BaseDatos(f"sqlite:///{(tmp_path / 'nueva.db').as_posix()}")
    with pytest.raises(PermisoDenegado):  # a signed-in user must be an admin, wherever it restores
        restaurar(vacia, supervisora, archivo)
    vacia.cerrar()
    assert not (tmp_path / "nueva.db").exists()
    # Without a signed-in admin, only a database that has no users yet may be restored.
    with pytest.raises(PermisoDenegado):
        restaurar(bd, None, archivo)
    with pytest.raises(PermisoDenegado):
        restaurar(bd, SISTEMA, archivo)


# --- consistency under concurrent writes ----------------------------------------------------
def test_un_respaldo_mientras_otros_escriben_es_una_instantanea(bd, admin, tmp_path):
    """Each new tema and its audit row are one transaction: a snapshot holds both or neither."""
    otra = BaseDatos(bd.url)  # another workstation
    alto = threading.Event()
    escritas = []

    def escribir():
        catalogos = ServicioCatalogos(otra)
        while not alto.is_set():
            n = len(escritas)
            catalogos.agregar(admin, "temas", {"codigo": f"t{n}", "nombre": f"Tema {n}", "plazo_dias_habiles": 5})
            escritas.append(n)

    hilo = threading.Thread(target=escribir)
    hilo.start()
    try:
        while len(escritas) < 3:
            threading.Event().wait(0.01)
        tablas_vistas = set()

        def lento(tabla, _hechas, _total):  # leave time between tables for the writer to commit
            if tabla not in tablas_vistas:
                tablas_vistas.add(tabla)
                threading.Event().wait(0.05)

        inicio = len(escritas)
        manifiesto = respaldar(bd, admin, tmp_path / "r.zip", progreso=lento)
        durante = len(escritas) - inicio
    finally:
        alto.set()
        hilo.join()
        otra.cerrar()

    assert durante > 0, "el escritor no alcanzó a escribir durante el respaldo"
    with zipfile.ZipFile(tmp_path / "r.zip") as z:
        filas = {t: [json.loads(x) for x in z.read(formato.miembro(t)).splitlines()] for t in manifiesto.tablas}
    assert {t: len(f) for t, f in filas.items()} == manifiesto.tablas
    temas = {f["id"] for f in filas["temas"]}
    creados = {f["registro_id"] for f in filas["auditoria"] if f["tabla"] == "temas" and f["accion"] == "crear"}
    assert temas == creados


# --- binary and every other column type -----------------------------------------------------
def test_cada_tipo_de_columna_va_y_vuelve_incluidos_binarios(bd):
    """Attachments will be LargeBinary columns: check the codec on both engines with a scratch table."""
    meta = MetaData()
    columnas = lambda: [  # noqa: E731
        Column("id", Uuid, primary_key=True), Column("datos", LargeBinary), Column("doc", JSON),
        Column("importe", Numeric(12, 2)), Column("dia", Date), Column("hora", Time), Column("momento", DateTime),
        Column("tz", DateTime(timezone=True)), Column("si", Boolean), Column("real", Float),
        Column("n", BigInteger), Column("m", Integer), Column("texto", String(50))]
    origen, copia = Table("prueba_origen", meta, *columnas()), Table("prueba_copia", meta, *columnas())
    filas = [
        {"id": uuid.uuid4(), "datos": bytes(range(256)) * 40, "doc": {"a": [1, "ñ"]},
         "importe": decimal.Decimal("1234.50"), "dia": dt.date(2022, 2, 28), "hora": dt.time(23, 59, 58, 5),
         "momento": dt.datetime(2022, 3, 1, 10, 15, 0, 999999),
         "si": True, "real": 0.1, "n": 2**40, "m": 7, "texto": "Ñandú «x»\n\t",
         "tz": dt.datetime(2022, 3, 1, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=-7)))},
        {"id": uuid.uuid4(), "datos": b"", "doc": None, "importe": None, "dia": None, "hora": None,
         "momento": None, "si": False, "real": None, "n": 0, "m": None, "texto": "", "tz": None},
        {"id": uuid.uuid4(), "datos": os.urandom(100_000), "doc": null(), "importe": decimal.Decimal("-0.01"),
         "dia": dt.date(1, 1, 1), "hora": dt.time(0), "momento": dt.datetime(9999, 12, 31, 23, 59, 59),
         "si": None, "real": -1e300, "n": -1, "m": -2**31, "texto": None,
         "tz": dt.datetime(2022, 3, 1, 23, 0, tzinfo=dt.timezone.utc)},
    ]
    meta.create_all(bd.motor)
    try:
        with bd.motor.begin() as c:
            for fila in filas:
                c.execute(insert(origen).values(**fila))
            tipos = formato.columnas_de(origen)
            assert tipos == {"id": "uuid", "datos": "binario", "doc": "json", "importe": "decimal", "dia": "fecha",
                             "hora": "hora", "momento": "fecha_hora", "si": "booleano", "real": "real",
                             "n": "entero", "m": "entero", "tz": "fecha_hora_tz", "texto": "texto"}
            codificar, decodificar = formato.codificador(tipos), formato.decodificador(tipos)
            lineas = [codificar(f) for f in c.execute(formato.consulta_lectura(origen)).mappings()]
            c.execute(insert(formato.tabla_destino("prueba_copia", tipos)),
                      [decodificar(json.loads(x)) for x in lineas])
            leer = lambda t: c.execute(select(*t.columns, t.c.doc.is_(None)).order_by(t.c.id)).all()  # noqa: E731
            assert leer(copia) == leer(origen)
            assert sorted(f[1] for f in leer(copia)) == sorted(f["datos"] for f in filas)
    finally:
        meta.drop_all(bd.motor)


# --- a failure half-way leaves the target as it was -----------------------------------------
def test_un_fallo_al_cargar_no_toca_la_base(bd, admin, tmp_path):
    """Rows that break a constraint (checksums recomputed): the load fails after the schema was
    dropped and rebuilt, and the target must still be the old one."""
    archivo, roto = tmp_path / "r.zip", tmp_path / "roto.zip"
    poblar(bd)
    respaldar(bd, admin, archivo)
    with zipfile.ZipFile(archivo) as z:
        usuarios = z.read(formato.miembro("usuarios"))
        manifiesto = json.loads(z.read(formato.MANIFIESTO))
    copia = json.loads(usuarios.splitlines()[0])
    copia["id"] = str(uuid.uuid4())  # same user name twice: the unique constraint refuses it
    usuarios += (json.dumps(copia) + "\n").encode()
    manifiesto["tablas"]["usuarios"] += 1
    manifiesto["sha256"]["usuarios"] = hashlib.sha256(usuarios).hexdigest()
    reescribir(archivo, roto, lambda n, d: usuarios if n == formato.miembro("usuarios")
               else json.dumps(manifiesto).encode() if n == formato.MANIFIESTO else d)
    ServicioUsuarios(bd).agregar(admin, "despues", "campo", "Después", CONTRASENA, CONTRASENA)
    antes = volcado(bd)

    with pytest.raises(ErrorValidacion, match="tabla usuarios no se pudieron cargar"):
        restaurar(bd, admin, roto)

    assert volcado(bd) == antes
    assert esquema.revision_actual(bd) == esquema.revision_aplicacion()
    if bd.es_sqlite:
        carpeta = Path(bd.url.database).parent
        assert [p.name for p in carpeta.iterdir() if ".restaurando" in p.name] == []


def test_sqlite_abierta_por_otro_programa_no_se_reemplaza(bd_sqlite, tmp_path):
    admin = ServicioUsuarios(bd_sqlite).autenticar("admin", CONTRASENA)
    archivo = tmp_path / "r.zip"
    respaldar(bd_sqlite, admin, archivo)
    ServicioUsuarios(bd_sqlite).agregar(admin, "despues", "campo", "Después", CONTRASENA, CONTRASENA)
    antes = volcado(bd_sqlite)
    otro = BaseDatos(bd_sqlite.url)  # another window of the application, with a connection open
    try:
        with otro.motor.connect() as c:
            c.exec_driver_sql("SELECT 1")
            with pytest.raises(Conflicto, match="abierta en otra ventana"):
                restaurar(bd_sqlite, admin, archivo)
    finally:
        otro.cerrar()
    assert volcado(bd_sqlite) == antes
    assert [p.name for p in tmp_path.iterdir() if ".restaurando" in p.name] == []


def test_postgresql_en_uso_por_otra_estacion_espera_y_desiste(bd, admin, tmp_path, monkeypatch):
    if bd.es_sqlite:
        pytest.skip("solo PostgreSQL; en SQLite lo cubre la prueba anterior")
    respaldar(bd, admin, tmp_path / "r.zip")
    antes = volcado(bd)
    monkeypatch.setattr(respaldo, "ESPERA_BLOQUEO", "300ms")
    otra = BaseDatos(bd.url)
    try:
        with otra.escritura() as s:  # a workstation in the middle of a transaction on usuarios
            s.execute(select(func.count()).select_from(Base.metadata.tables["usuarios"]))
            with pytest.raises(Conflicto, match="en uso por otras estaciones"):
                restaurar(bd, admin, tmp_path / "r.zip")
    finally:
        otra.cerrar()
    assert volcado(bd) == antes
