"""More of `oee-desk` for Correspondencia driven from outside (cli.md), beside test_cli_oficios.py:
`series ajustar`, `oficios buscar` in both output formats, `oficios anular` and its refusals, and
`importar oficios` from .csv and .xlsx, on both engines.

As in test_cli_oficios.py each run is a real `python -m oee_desk` (about 1.5 s), the runs that do
not depend on each other go at once, and the module shares one database per engine: each test works
in its own years so that none sees another's matters or counters."""
from __future__ import annotations

import csv
import datetime as dt
import json
import shutil

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from oee_desk.db.modelos import Auditoria
from oee_desk.db.modelos_correspondencia import ContadorSerie, Oficio, Turno
from oee_desk.db.motor import BaseDatos
from oee_desk.domain.roles import Rol
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.importar_oficios import COLUMNAS
from oee_desk.services.numeracion import ServicioSeries

from conftest import borrar_base_pg, crear_base_pg, sesion_con_rol
from test_cli_oficios import argon2_rapido, documento, ejecutar, escribir, esperar, lanzar


@pytest.fixture(scope="module", params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def base(request, tmp_path_factory):
    """One database per engine for the module, with a clerk, a supervisor and the admin signed in."""
    if request.param == "sqlite":
        ruta = tmp_path_factory.mktemp("cli_oficios_mas") / "oee.db"
        shutil.copy(request.getfixturevalue("_plantilla_sqlite"), ruta)
        url = f"sqlite:///{ruta.as_posix()}"
    else:
        url = crear_base_pg(request.getfixturevalue("_plantilla_pg"))
    bd = BaseDatos(url)
    with argon2_rapido():
        sesiones = {rol: sesion_con_rol(bd, rol) for rol in (Rol.RECEPCION, Rol.SUPERVISOR, Rol.ADMIN)}
    yield bd, bd.url.render_as_string(hide_password=False), sesiones
    bd.cerrar()
    if request.param == "pg":
        borrar_base_pg(url)


def estado(bd: BaseDatos) -> dict:
    """What a refused command must leave exactly as it was."""
    with bd.lectura() as s:
        return {
            "oficios": sorted((o.numero_control, o.anio, o.anulado, o.motivo_anulacion)
                              for o in s.scalars(select(Oficio))),
            "turnos": s.scalar(select(func.count()).select_from(Turno)),
            "contadores": sorted((str(c.serie_control_id), c.anio, c.siguiente) for c in s.scalars(select(ContadorSerie))),
            "auditoria": s.scalar(select(func.count()).select_from(Auditoria).where(
                Auditoria.tabla.in_(("oficios", "turnos", "contadores_serie")))),
        }


def _registrar_por_cli(url: str, tmp_path, nombre: str, anio: int, **cambios) -> tuple[int, str, str]:
    archivo = escribir(tmp_path / f"{nombre}.json", documento(anio, numero_oficio_remitente=f"CLI/{nombre}/{anio}",
                                                             **cambios))
    return ejecutar(url, "prueba_recepcion", "oficios", "registrar", "--json", str(archivo))


# --- series ajustar ---------------------------------------------------------------------------
def test_series_ajustar_sube_el_siguiente_y_nunca_lo_baja(base, tmp_path):
    bd, url, sesiones = base
    admin = sesiones[Rol.ADMIN]
    series = ServicioSeries(bd)
    assert series.siguiente(admin, "03.01", 2016) == 1
    (codigo, salida, error), (codigo_nj, salida_nj, error_nj) = esperar(
        lanzar(url, "admin", "series", "ajustar", "03.01", "--anio", "2016", "--siguiente", "1034"),
        lanzar(url, "admin", "--salida", "json", "series", "ajustar", "NJ", "--anio", "2016", "--siguiente", "20"))
    assert codigo == 0, error
    assert salida.strip() == "El siguiente número de 03.01 en 2016 es 1034."
    assert codigo_nj == 0, error_nj
    assert json.loads(salida_nj) == {"serie": "NJ", "anio": 2016, "siguiente": 20}
    assert (series.siguiente(admin, "03.01", 2016), series.siguiente(admin, "NJ", 2016)) == (1034, 20)

    # The next registration takes the raised number; then the counter stands at 1035.
    codigo, salida, error = _registrar_por_cli(url, tmp_path, "ajustada", 2016)
    assert codigo == 0, error
    registrado = json.loads(salida)
    assert (registrado["numero_control"], registrado["numero"]) == ("03.01-1034/16", 1034)
    assert series.siguiente(admin, "03.01", 2016) == 1035

    # Lowering is refused (conflict, 5) in Spanish; so is a number already used; a clerk may not
    # adjust at all (3). Nothing changes.
    antes = estado(bd)
    casos = {
        "bajar": lanzar(url, "admin", "series", "ajustar", "03.01", "--anio", "2016", "--siguiente", "500"),
        "usado": lanzar(url, "admin", "series", "ajustar", "03.01", "--anio", "2016", "--siguiente", "1034"),
        "recepcion": lanzar(url, "prueba_recepcion", "series", "ajustar", "03.01", "--anio", "2016",
                            "--siguiente", "2000"),
    }
    resultados = dict(zip(casos, esperar(*casos.values())))
    assert {caso: r[0] for caso, r in resultados.items()} == {"bajar": 5, "usado": 5, "recepcion": 3}, resultados
    for caso in ("bajar", "usado"):
        assert "Error: El siguiente número de 03.01 en 2016 ya es 1035; solo puede subirse, nunca bajarse." in \
            resultados[caso][2], resultados[caso]
    assert "no tiene permiso" in resultados["recepcion"][2]
    assert all(not r[1].strip() and "Traceback" not in r[2] for r in resultados.values()), resultados
    assert estado(bd) == antes
    assert series.siguiente(admin, "03.01", 2016) == 1035
    codigo, salida, error = _registrar_por_cli(url, tmp_path, "despues", 2016)
    assert codigo == 0, error
    assert json.loads(salida)["numero_control"] == "03.01-1035/16"


# --- oficios buscar ----------------------------------------------------------------------------
def test_buscar_sin_acentos_ni_mayusculas_en_texto_y_en_json(base):
    bd, url, sesiones = base
    corr = ServicioCorrespondencia(bd)
    recepcion = sesiones[Rol.RECEPCION]
    nunez = corr.registrar(recepcion, documento(
        2015, fecha_recepcion="2015-04-06T09:30:00", fecha_documento="2015-04-01",
        remitente={"nombre": "Lic. Jesús Núñez Álvarez", "cargo": "Síndico", "institucion": "H. Ayuntamiento de Ures"},
        numero_oficio_remitente="SIN/77/2015", asunto="Solicitud de pavimentación de la calle Hidalgo"))
    ejido = corr.registrar(recepcion, documento(
        2015, serie="NJ", fecha_recepcion="2015-05-11T12:00:00", fecha_documento=None,
        remitente={"nombre": "C. Rosa Valenzuela"}, numero_oficio_remitente="EJ/1/2015",
        asunto="Invitación del ejido NÚÑEZ a su aniversario"))
    corr.registrar(recepcion, documento(2015, remitente={"nombre": "Ing. Nuño Ortega"}, fecha_documento=None,
                                        numero_oficio_remitente="NO/1/2015", asunto="Otro asunto de 2015"))
    (c_texto, texto, e_texto), (c_json, en_json, e_json), (c_uno, uno, e_uno), (c_nada, nada, e_nada) = esperar(
        lanzar(url, "prueba_recepcion", "oficios", "buscar", "nunez"),
        lanzar(url, "prueba_supervisor", "--salida", "json", "oficios", "buscar", "NUNEZ"),
        lanzar(url, "prueba_recepcion", "--salida", "json", "oficios", "buscar", "jesus nunez ures"),
        lanzar(url, "prueba_recepcion", "oficios", "buscar", "nunez zacatecas"))
    assert (c_texto, c_json, c_uno, c_nada) == (0, 0, 0, 0), (e_texto, e_json, e_uno, e_nada)

    # Text: one line per matter, newest first: number, reception date, sender, subject.
    lineas = texto.strip().splitlines()
    assert len(lineas) == 2, texto
    assert lineas[0].split()[:3] == ["NJ", "03.01-1", "2015-05-11"] and "C. Rosa Valenzuela" in lineas[0]
    assert lineas[0].rstrip().endswith("Invitación del ejido NÚÑEZ a su aniversario")
    assert lineas[1].split()[:2] == [nunez.numero_control, "2015-04-06"]
    assert "Lic. Jesús Núñez Álvarez" in lineas[1] and "Solicitud de pavimentación de la calle Hidalgo" in lineas[1]
    assert "Nuño" not in texto

    # JSON: the matters themselves (as `oficios mostrar` prints them).
    encontrados = json.loads(en_json)
    assert [(o["numero_control"], o["id"]) for o in encontrados] == [
        (ejido.numero_control, str(ejido.id)), (nunez.numero_control, str(nunez.id))]
    assert encontrados[1]["remitente"] == {"nombre": "Lic. Jesús Núñez Álvarez", "cargo": "Síndico",
                                           "institucion": "H. Ayuntamiento de Ures"}
    assert (encontrados[1]["serie"], encontrados[1]["anio"], encontrados[1]["numero"]) == ("03.01", 2015, nunez.numero)
    assert [o["numero_control"] for o in json.loads(uno)] == [nunez.numero_control]
    assert nada.strip() == "Sin resultados."


# --- oficios anular ----------------------------------------------------------------------------
def test_anular_por_supervision_y_el_numero_no_se_reusa(base, tmp_path):
    bd, url, sesiones = base
    corr, recepcion = ServicioCorrespondencia(bd), sesiones[Rol.RECEPCION]
    primero = corr.registrar(recepcion, documento(2014, numero_oficio_remitente="AN/1/2014"))
    segundo = corr.registrar(recepcion, documento(2014, numero_oficio_remitente="AN/2/2014"))
    tercero = corr.registrar(recepcion, documento(2014, numero_oficio_remitente="AN/3/2014"))
    assert [o.numero_control for o in (primero, segundo, tercero)] == ["03.01-1/14", "03.01-2/14", "03.01-3/14"]
    (codigo, salida, error), (codigo_j, salida_j, error_j) = esperar(
        lanzar(url, "prueba_supervisor", "oficios", "anular", "03.01-3/14", "--motivo", "Registrado dos veces"),
        lanzar(url, "prueba_supervisor", "--salida", "json", "oficios", "anular", "03.01-2/14",
               "--motivo", "Capturado por error"))
    assert codigo == 0, error
    assert salida.strip() == "03.01-3/14 anulado: Registrado dos veces"
    assert codigo_j == 0, error_j
    anulado = json.loads(salida_j)
    assert (anulado["numero_control"], anulado["anulado"], anulado["motivo_anulacion"]) == (
        "03.01-2/14", True, "Capturado por error")
    for numero, motivo in (("03.01-3/14", "Registrado dos veces"), ("03.01-2/14", "Capturado por error")):
        guardado = corr.obtener(recepcion, numero)
        assert (guardado.anulado, guardado.motivo_anulacion) == (True, motivo)
    assert corr.obtener(recepcion, "03.01-1/14").anulado is False
    codigo, salida, error = ejecutar(url, "prueba_recepcion", "oficios", "mostrar", "03.01-3/14")
    assert codigo == 0, error
    assert (json.loads(salida)["anulado"], json.loads(salida)["motivo_anulacion"]) == (True, "Registrado dos veces")

    # The annulled numbers stay taken: the next registration gets 4, not 2 or 3.
    codigo, salida, error = _registrar_por_cli(url, tmp_path, "tras_anular", 2014)
    assert codigo == 0, error
    assert json.loads(salida)["numero_control"] == "03.01-4/14"


def test_anular_sin_motivo_o_sin_permiso_no_cambia_nada(base):
    bd, url, sesiones = base
    corr, recepcion = ServicioCorrespondencia(bd), sesiones[Rol.RECEPCION]
    numero = corr.registrar(recepcion, documento(2011, numero_oficio_remitente="AN/1/2011")).numero_control
    antes = estado(bd)
    casos = {
        # No --motivo at all: a usage error (2), said in Spanish, naming the option.
        "sin_opcion": lanzar(url, "prueba_supervisor", "oficios", "anular", numero),
        # A blank reason: rejected input (1), naming the field.
        "motivo_vacio": lanzar(url, "prueba_supervisor", "oficios", "anular", numero, "--motivo", "   "),
        # Reception may not annul (3), reason or not.
        "recepcion": lanzar(url, "prueba_recepcion", "oficios", "anular", numero, "--motivo", "Duplicado"),
        "admin": lanzar(url, "admin", "oficios", "anular", numero, "--motivo", "Duplicado"),
    }
    resultados = dict(zip(casos, esperar(*casos.values())))
    assert {caso: r[0] for caso, r in resultados.items()} == {
        "sin_opcion": 2, "motivo_vacio": 1, "recepcion": 3, "admin": 3}, resultados
    assert "uso incorrecto: faltan opciones obligatorias: --motivo" in resultados["sin_opcion"][2]
    assert "Error: motivo: es obligatorio" in resultados["motivo_vacio"][2]
    assert "El rol Recepción no tiene permiso para esta acción" in resultados["recepcion"][2]
    assert "El rol Administración no tiene permiso para esta acción" in resultados["admin"][2]
    assert all(not r[1].strip() and "Traceback" not in r[2] for r in resultados.values()), resultados
    assert estado(bd) == antes
    assert corr.obtener(recepcion, numero).anulado is False


# --- importar oficios --------------------------------------------------------------------------
FILAS_2013 = [  # data rows 2 to 7 of the file (row 1: the header)
    {"numero_control": "03.01-40/13", "serie": "03.01", "fecha_recepcion": "2013-02-04T09:00:00",
     "remitente": "Lic. Ana Ruiz Félix", "cargo": "Presidenta Municipal", "institucion": "H. Ayuntamiento de Álamos",
     "destinatario": "gobernador", "numero_oficio_remitente": "PM/1/2013", "fecha_documento": "2013-02-01",
     "asunto": "Apoyo para pavimentación", "turnado_a": "SSP; SIDUR", "estatus": "atendido"},
    {"numero_control": "03.01-45/13", "serie": "03.01", "fecha_recepcion": "2013-02-05 10:30",
     "remitente": "Juan Pérez", "asunto": "Solicitud de audiencia", "turnado_a": "Secretaría de Gobierno",
     "estatus": "en proceso"},
    {"numero_control": "", "serie": "NJ", "fecha_recepcion": "2013-02-06T08:00", "remitente": "María López",
     "asunto": "Invitación a evento", "estatus": "sin atender"},
    {"numero_control": "03.01-46/13", "serie": "03.01", "fecha_recepcion": "2013-02-07T10:00",
     "remitente": "", "asunto": "Sin remitente", "estatus": "atendido"},
    {"numero_control": "03.01-47/13", "serie": "03.01", "fecha_recepcion": "2013-13-45",
     "remitente": "Pedro Soto", "asunto": "Fecha imposible", "estatus": "atendido"},
    {"numero_control": "03.01-48/13", "serie": "03.01", "fecha_recepcion": "2013-02-08T10:00",
     "remitente": "Pedro Soto", "asunto": "Turno a nadie", "turnado_a": "XYZ", "estatus": "atendido"},
]
ERRORES_2013 = [(5, "remitente"), (6, "fecha_recepcion"), (7, "turnado_a")]


def _csv(ruta, filas: list[dict]):
    with ruta.open("w", encoding="utf-8", newline="") as f:
        escritor = csv.DictWriter(f, fieldnames=list(reversed(COLUMNAS)))  # columns in any order
        escritor.writeheader()
        escritor.writerows(filas)
    return ruta


def _xlsx(ruta, filas: list[list]):
    libro = Workbook()
    hoja = libro.active
    hoja.append(COLUMNAS)
    for fila in filas:
        hoja.append(fila)
    libro.save(ruta)
    return ruta


def _errores_de(stderr: str) -> list[tuple[int, str]]:
    """The «fila N, columna C: motivo» lines of stderr."""
    errores = []
    for linea in stderr.splitlines():
        if linea.startswith("fila "):
            fila, columna = linea.split(":", 1)[0].split(", columna ")
            errores.append((int(fila.removeprefix("fila ")), columna))
    return errores


def test_importar_csv_carga_lo_bueno_lista_lo_malo_sube_el_contador_y_no_duplica(base, tmp_path):
    bd, url, sesiones = base
    recepcion, admin = sesiones[Rol.RECEPCION], sesiones[Rol.ADMIN]
    archivo = _csv(tmp_path / "historia 2013.csv", FILAS_2013)
    codigo, salida, error = ejecutar(url, "prueba_recepcion", "importar", "oficios", str(archivo))
    # Some rows were good: a completed import (0), its bad rows listed on stderr with row and reason.
    assert codigo == 0, error
    assert salida.strip() == "Leídas 6, cargadas 3, ya existían 0, omitidas 3"
    assert _errores_de(error) == ERRORES_2013, error
    assert "fila 5, columna remitente: es obligatorio" in error
    assert "fila 7, columna turnado_a: «XYZ» no existe en el catálogo de dependencias" in error
    assert "Traceback" not in error

    corr = ServicioCorrespondencia(bd)
    historico = corr.obtener(recepcion, "03.01-40/13")
    assert (historico.remitente["nombre"], historico.fecha_recepcion) == ("Lic. Ana Ruiz Félix",
                                                                          dt.datetime(2013, 2, 4, 9, 0))
    assert sorted(t.dependencia for t in historico.turnos) == ["SIDUR", "SSP"]
    assert historico.semaforo.estado.value == "atendido"
    assert [t.dependencia for t in corr.obtener(recepcion, "03.01-45/13").turnos] == ["SEGOB"]
    with bd.lectura() as s:  # numbered on loading: NJ's first of 2013 (NJ numbers repeat each year)
        assert s.scalars(select(Oficio.asunto).where(Oficio.numero_control == "NJ 03.01-1",
                                                     Oficio.anio == 2013)).all() == ["Invitación a evento"]
    for numero in ("03.01-46/13", "03.01-47/13", "03.01-48/13"):
        with bd.lectura() as s:
            assert s.scalar(select(Oficio).where(Oficio.numero_control == numero)) is None, numero
    # The counter stands after the highest imported number: the next registration continues it.
    assert ServicioSeries(bd).siguiente(admin, "03.01", 2013) == 46
    codigo, salida, error = _registrar_por_cli(url, tmp_path, "tras_importar", 2013)
    assert codigo == 0, error
    assert json.loads(salida)["numero_control"] == "03.01-46/13"

    # The same file again, JSON summary: nothing added, the good rows counted as already there.
    antes = estado(bd)
    codigo, salida, error = ejecutar(url, "prueba_recepcion", "--salida", "json", "importar", "oficios", str(archivo))
    assert codigo == 0, error
    resumen = json.loads(salida)
    assert {k: resumen[k] for k in ("leidas", "cargadas", "ya_existian", "omitidas")} == {
        "leidas": 6, "cargadas": 0, "ya_existian": 3, "omitidas": 3}
    assert [(e["fila"], e["columna"]) for e in resumen["errores"]] == ERRORES_2013
    assert all(e["motivo"] for e in resumen["errores"])
    assert estado(bd) == antes


def test_importar_xlsx_y_archivo_todo_malo(base, tmp_path):
    bd, url, sesiones = base
    recepcion, admin = sesiones[Rol.RECEPCION], sesiones[Rol.ADMIN]
    bueno = _xlsx(tmp_path / "historia 2012.xlsx", [
        ["03.01-700/12", "03.01", dt.datetime(2012, 6, 4, 9, 30), "Dr. Héctor Moreno", "Rector", "Universidad",
         None, 188, dt.datetime(2012, 6, 1), "Invitación a la graduación", "SEC", "sin atender"],
        ["03.01-702/12", "03.01", dt.datetime(2012, 6, 5, 11, 0), "C. Rosa Ochoa", None, None, "jefe_oficina", None,
         None, "Solicitud de empleo", None, "anulado"],
        ["03.01-701/12", "03.01", dt.datetime(2012, 6, 6, 8, 0), None, None, None, None, None, None, "Sin nombre",
         None, "atendido"],
    ])
    malo = _xlsx(tmp_path / "todo malo.xlsx", [
        ["03.01-900/12", "03.01", dt.datetime(2012, 7, 1, 9, 0), "Pedro Soto", None, None, None, None, None,
         "Estatus raro", None, "quién sabe"],
        ["03.01-901/11", "03.01", dt.datetime(2012, 7, 2, 9, 0), "Pedro Soto", None, None, None, None, None,
         "Año que no coincide", None, "atendido"],
    ])
    codigo, salida, error = ejecutar(url, "prueba_recepcion", "--salida", "json", "importar", "oficios", str(bueno))
    assert codigo == 0, error
    resumen = json.loads(salida)
    assert (resumen["leidas"], resumen["cargadas"], resumen["omitidas"], resumen["ya_existian"]) == (3, 2, 1, 0)
    assert [(e["fila"], e["columna"]) for e in resumen["errores"]] == [(4, "remitente")]
    corr = ServicioCorrespondencia(bd)
    graduacion = corr.obtener(recepcion, "03.01-700/12")
    assert (graduacion.fecha_recepcion, graduacion.fecha_documento, graduacion.numero_oficio_remitente) == (
        dt.datetime(2012, 6, 4, 9, 30), dt.date(2012, 6, 1), "188")
    assert [t.dependencia for t in graduacion.turnos] == ["SEC"]
    anulado = corr.obtener(recepcion, "03.01-702/12")
    assert (anulado.anulado, anulado.destinatario) == (True, "jefe_oficina")
    # The highest imported number is 702 (701 was a bad row): the counter continues at 703.
    assert ServicioSeries(bd).siguiente(admin, "03.01", 2012) == 703

    # Every row bad: rejected input (1), each listed, nothing written.
    antes = estado(bd)
    codigo, salida, error = ejecutar(url, "prueba_recepcion", "importar", "oficios", str(malo))
    assert codigo == 1, (salida, error)
    assert _errores_de(error) == [(2, "estatus"), (3, "numero_control")], error
    assert "fila 3, columna numero_control: su año no coincide con la fecha de recepción" in error
    assert salida.strip() == "Leídas 2, cargadas 0, ya existían 0, omitidas 2"
    assert estado(bd) == antes

    # The good file again: nothing duplicated.
    codigo, salida, error = ejecutar(url, "prueba_recepcion", "importar", "oficios", str(bueno))
    assert codigo == 0, error
    assert salida.strip() == "Leídas 3, cargadas 0, ya existían 2, omitidas 1"
    assert estado(bd) == antes
