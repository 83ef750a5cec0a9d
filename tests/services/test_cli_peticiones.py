"""`oee-desk peticiones …` and `oee-desk giras …` driven from outside, as IT staff script them
(cli.md): JSON in (a file or stdin) and out, the search, the exit codes, and nothing written on a
non-zero exit.

Each run of `python -m oee_desk` costs over a second, so the runs that do not depend on each other
go at once, and the module shares one SQLite database (one PostgreSQL case at the end)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oee_desk.db.modelos import Auditoria
from oee_desk.db.modelos_atencion import AccesoDatosPersonales, Ciudadano, Gira, Peticion, Seguimiento
from oee_desk.db.modelos_correspondencia import ContadorSerie
from oee_desk.db.motor import BaseDatos
from oee_desk.domain.roles import Rol
from oee_desk.services.peticiones import ServicioPeticiones

from conftest import CONTRASENA, borrar_base_pg, crear_base_pg, sesion_con_rol
from test_peticiones import argon2_rapido, persona

DOCUMENTO = {  # cli.md's own example
    "fecha_recepcion": "2022-03-01T10:15:00", "canal": "call_center",
    "ciudadano": {"nombre": "José María", "primer_apellido": "Valenzuela", "segundo_apellido": "Yocupicio",
                  "telefono": "6621234567", "correo": None, "curp": None, "municipio": "26030",
                  "localidad": "Hermosillo", "domicilio": "Blvd. Kino 123", "acepta_aviso_privacidad": True},
    "tema": "vivienda", "descripcion": "Solicita apoyo para rehabilitar su vivienda", "gira": None,
    "canalizacion": {"tipo": "dependencia", "destino": "SIDUR"}}


def escribir(ruta: Path, datos) -> Path:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(json.dumps(datos, ensure_ascii=False), encoding="utf-8")
    return ruta


def lanzar(url: str, usuario: str, *argumentos: str, entrada: str | None = None,
           contrasena: str = CONTRASENA) -> tuple[subprocess.Popen, str | None]:
    entorno = {**os.environ, "OEE_DESK_DB_URL": url, "OEE_DESK_USUARIO": usuario, "OEE_DESK_PASSWORD": contrasena,
               "PYTHONIOENCODING": "utf-8"}
    proceso = subprocess.Popen([sys.executable, "-m", "oee_desk", *argumentos], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=entorno, text=True,
                               encoding="utf-8")
    return proceso, entrada


def esperar(*lanzados) -> list[tuple[int, str, str]]:
    resultados = []
    for proceso, entrada in lanzados:
        salida, error = proceso.communicate(input=entrada or "", timeout=120)
        resultados.append((proceso.returncode, salida, error))
    return resultados


def ejecutar(url: str, usuario: str, *argumentos: str, **opciones) -> tuple[int, str, str]:
    return esperar(lanzar(url, usuario, *argumentos, **opciones))[0]


TABLAS = ("peticiones", "ciudadanos", "canalizaciones", "seguimientos", "giras", "contadores_serie",
          "accesos_datos_personales")


def conteos(bd: BaseDatos) -> dict:
    """What a refused command must leave as it was (a sign-in may still record itself on the user)."""
    with bd.lectura() as s:
        cuentas = {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                   for m in (Peticion, Ciudadano, Seguimiento, Gira, AccesoDatosPersonales)}
        cuentas["auditoria"] = s.scalar(select(func.count()).select_from(Auditoria).where(Auditoria.tabla.in_(TABLAS)))
        cuentas["contadores"] = sorted((str(c.serie_control_id), c.anio, c.siguiente)
                                       for c in s.scalars(select(ContadorSerie)))
        return cuentas


@pytest.fixture(scope="module")
def base(tmp_path_factory, _plantilla_sqlite):
    ruta = tmp_path_factory.mktemp("cli_peticiones") / "oee.db"
    shutil.copy(_plantilla_sqlite, ruta)
    bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    with argon2_rapido():
        sesiones = {rol: sesion_con_rol(bd, rol) for rol in (Rol.ATENCION, Rol.CAMPO, Rol.SUPERVISOR, Rol.RECEPCION)}
    yield bd, bd.url.render_as_string(hide_password=False), sesiones
    bd.cerrar()


def test_registrar_seguir_y_buscar(base, tmp_path):
    bd, url, sesiones = base
    peticion = escribir(tmp_path / "peticion.json", DOCUMENTO)
    gira = escribir(tmp_path / "gira.json", {"fecha": "2022-05-13", "municipio": "Álamos", "localidad": "Centro",
                                             "evento": "Inauguración del hospital"})
    (codigo, salida, error), (codigo_g, salida_g, error_g) = esperar(
        lanzar(url, "prueba_atencion", "peticiones", "registrar", "--json", str(peticion)),
        lanzar(url, "prueba_campo", "giras", "registrar", "--json", str(gira)))
    assert codigo == 0, error
    datos = json.loads(salida)
    assert (datos["folio"], datos["estatus"]) == ("AC-2022-000001", "canalizada")
    assert datos["id"] and datos["ciudadano_id"] == datos["ciudadano"]["id"]
    assert datos["canalizaciones"][0]["numero_oficio"] == "OEE/CEAC/0001/2022"
    guardada = ServicioPeticiones(bd).obtener(sesiones[Rol.ATENCION], "AC-2022-000001")
    assert (str(guardada.id), str(guardada.ciudadano.id)) == (datos["id"], datos["ciudadano_id"])
    assert guardada.ciudadano.nombre_completo == "José María Valenzuela Yocupicio"
    assert codigo_g == 0, error_g
    registrada = json.loads(salida_g)
    assert registrada["clave"] == "GIRA-2022-001" and registrada["id"]
    assert registrada["municipio"] == "26003"

    # The follow-up from stdin, a petition of the tour for the known citizen, and the search, at once.
    de_gira = escribir(tmp_path / "de_gira.json", {
        "fecha_recepcion": "2022-05-13T12:00:00", "canal": "Giras Gobernador", "ciudadano_id": datos["ciudadano_id"],
        "tema": "salud", "descripcion": "Pide una silla de ruedas", "gira": "gira-2022-001"})
    seguimiento = json.dumps({"fecha": "2022-03-04T17:00:00", "tipo": "llamada_saliente", "resultado": "no_contesto",
                              "nota": "Se dejó recado"})
    resultados = esperar(
        lanzar(url, "prueba_atencion", "peticiones", "seguimiento", "ac-2022-000001", "--json", "-",
               entrada=seguimiento),
        lanzar(url, "prueba_campo", "peticiones", "registrar", "--json", str(de_gira)),
        lanzar(url, "prueba_supervisor", "--salida", "json", "peticiones", "buscar", "VALENZUELA jose maría"),
        lanzar(url, "prueba_atencion", "peticiones", "buscar", "yocupicio Jose"),
        lanzar(url, "prueba_atencion", "--salida", "json", "peticiones", "buscar", "662-123-4567"))
    for codigo, _, error in resultados:
        assert codigo == 0, error
    seguida = json.loads(resultados[0][1])
    assert (seguida["folio"], seguida["estatus"], seguida["proxima_llamada"]) == (
        "AC-2022-000001", "en_seguimiento", "2022-03-07")
    assert [(x["tipo"], x["resultado"], x["nota"]) for x in seguida["seguimientos"]] == [
        ("llamada_saliente", "no_contesto", "Se dejó recado")]
    gira_p = json.loads(resultados[1][1])
    assert (gira_p["gira"], gira_p["ciudadano_id"], gira_p["estatus"]) == (
        "GIRA-2022-001", datos["ciudadano_id"], "recibida")
    encontradas = json.loads(resultados[2][1])
    assert "AC-2022-000001" in {f["folio"] for f in encontradas}
    fila = next(f for f in encontradas if f["folio"] == "AC-2022-000001")
    assert fila["ciudadano"] == "José María Valenzuela Yocupicio" and fila["telefono"] == "6621234567"
    assert "AC-2022-000001" in resultados[3][1] and "José María Valenzuela" in resultados[3][1]
    assert "AC-2022-000001" in {f["folio"] for f in json.loads(resultados[4][1])}

    # Found by folio, after both were written.
    codigo, salida, error = ejecutar(url, "prueba_atencion", "--salida", "json", "peticiones", "buscar",
                                     gira_p["folio"].lower())
    assert codigo == 0, error
    assert [f["folio"] for f in json.loads(salida)] == [gira_p["folio"]]
    codigo, salida, _ = ejecutar(url, "prueba_atencion", "peticiones", "buscar", "nadie se llama asi")
    assert (codigo, salida.strip()) == (0, "Sin resultados.")


def test_entrada_mala_y_codigos_de_salida(base, tmp_path):
    bd, url, sesiones = base
    existente = ServicioPeticiones(bd).registrar(sesiones[Rol.ATENCION], {
        **DOCUMENTO, "fecha_recepcion": "2019-03-01T10:00:00", "canalizacion": None,
        "ciudadano": persona()})
    malo = escribir(tmp_path / "malo.json", {**DOCUMENTO, "fecha_recepcion": "2019-02-30T10:00:00", "descripcion": " ",
                                             "ciudadano": {**DOCUMENTO["ciudadano"], "telefono": "662-CALL-ME",
                                                           "correo": "jose.example.com", "municipio": "Tijuana"}})
    bueno = escribir(tmp_path / "bueno.json", {**DOCUMENTO, "fecha_recepcion": "2019-03-01T10:00:00"})
    gira_mala = escribir(tmp_path / "gira_mala.json", {"fecha": "2019-05-13", "municipio": "99999", "evento": "x"})
    no_json = tmp_path / "no.json"
    no_json.write_text("{ esto no es JSON", encoding="utf-8")
    seguimiento_malo = json.dumps({"fecha": "2019-03-02T10:00:00", "tipo": "llamada_saliente"})
    seguimiento = json.dumps({"fecha": "2019-03-02T10:00:00", "tipo": "visita"})
    antes = conteos(bd)
    casos = {
        "entrada_mala": lanzar(url, "prueba_atencion", "peticiones", "registrar", "--json", str(malo)),
        "municipio_fuera": lanzar(url, "prueba_atencion", "peticiones", "registrar", "--json", "-",
                                  entrada=json.dumps({**DOCUMENTO, "ciudadano": {**DOCUMENTO["ciudadano"],
                                                                                 "municipio": "Tijuana"}})),
        "no_es_json": lanzar(url, "prueba_atencion", "peticiones", "registrar", "--json", str(no_json)),
        "seguimiento_malo": lanzar(url, "prueba_atencion", "peticiones", "seguimiento", existente.folio, "--json",
                                   "-", entrada=seguimiento_malo),
        "gira_mala": lanzar(url, "prueba_campo", "giras", "registrar", "--json", str(gira_mala)),
        "supervisor_registra": lanzar(url, "prueba_supervisor", "peticiones", "registrar", "--json", str(bueno)),
        "recepcion_busca": lanzar(url, "prueba_recepcion", "peticiones", "buscar", "valenzuela"),
        "folio_inexistente": lanzar(url, "prueba_atencion", "peticiones", "seguimiento", "AC-1999-000999",
                                    "--json", "-", entrada=seguimiento),
        "gira_inexistente": lanzar(url, "prueba_atencion", "giras", "mostrar", "GIRA-1999-999"),
        "sin_json": lanzar(url, "prueba_atencion", "peticiones", "registrar"),
    }
    resultados = dict(zip(casos, esperar(*casos.values())))
    codigos = {caso: r[0] for caso, r in resultados.items()}
    assert codigos == {"entrada_mala": 1, "municipio_fuera": 1, "no_es_json": 1, "seguimiento_malo": 1,
                       "gira_mala": 1, "supervisor_registra": 3, "recepcion_busca": 3, "folio_inexistente": 4,
                       "gira_inexistente": 4, "sin_json": 2}, resultados
    # Each problem on stderr, in Spanish, naming the field; nothing on stdout.
    error = resultados["entrada_mala"][2]
    for campo in ("fecha_recepcion", "descripcion", "ciudadano.telefono", "ciudadano.correo"):
        assert f"Error: {campo}: " in error, error
    assert "ciudadano.municipio: «Tijuana» no existe" in resultados["municipio_fuera"][2]
    assert "--json: no es un JSON válido" in resultados["no_es_json"][2]
    assert "resultado: " in resultados["seguimiento_malo"][2]
    assert "municipio: «99999» no existe" in resultados["gira_mala"][2]
    assert "Supervisión" in resultados["supervisor_registra"][2]
    assert "AC-1999-000999" in resultados["folio_inexistente"][2]
    assert "GIRA-1999-999" in resultados["gira_inexistente"][2]
    assert all(not r[1].strip() for r in resultados.values()), resultados
    assert all("Traceback" not in r[2] for r in resultados.values()), resultados
    assert conteos(bd) == antes


# --- PostgreSQL -----------------------------------------------------------------------------
@pytest.mark.pg
def test_registrar_y_seguir_pg(request, tmp_path):
    url = crear_base_pg(request.getfixturevalue("_plantilla_pg"))
    bd = BaseDatos(url)
    try:
        with argon2_rapido():
            sesion_con_rol(bd, Rol.ATENCION)
        archivo = escribir(tmp_path / "peticion.json", {**DOCUMENTO, "fecha_recepcion": "2021-12-31T23:50:00",
                                                        "canalizacion": {"tipo": "area_interna",
                                                                         "destino": "asesoria_juridica"}})
        codigo, salida, error = ejecutar(url, "prueba_atencion", "peticiones", "registrar", "--json", str(archivo))
        assert codigo == 0, error
        datos = json.loads(salida)
        assert (datos["folio"], datos["estatus"]) == ("AC-2021-000001", "canalizada")
        assert datos["canalizaciones"][0]["numero_oficio"] is None
        cierre = json.dumps({"fecha": "2022-01-05T10:00:00", "tipo": "cierre", "resultado": "informada"})
        (codigo, salida, error), (codigo_b, salida_b, error_b) = esperar(
            lanzar(url, "prueba_atencion", "peticiones", "seguimiento", datos["folio"], "--json", "-",
                   entrada=cierre),
            lanzar(url, "prueba_atencion", "--salida", "json", "peticiones", "buscar", "maria VALENZUELA"))
        assert codigo == 0, error
        assert (json.loads(salida)["estatus"], json.loads(salida)["fecha_conclusion"]) == ("concluida", "2022-01-05")
        assert codigo_b == 0, error_b
        assert [f["folio"] for f in json.loads(salida_b)] == ["AC-2021-000001"]
        assert conteos(bd)["peticiones"] == 1
    finally:
        bd.cerrar()
        borrar_base_pg(url)
