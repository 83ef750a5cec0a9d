"""`oee-desk oficios …` driven from outside, as IT staff script it (cli.md): JSON in and out,
anexos relative to the JSON file, the exit codes, and nothing written on a non-zero exit.

Each run of `python -m oee_desk` costs about 1.5 s, so the runs that do not depend on each other
go at once, and the module shares one SQLite database (one PostgreSQL case at the end)."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from oee_desk.db.modelos import Auditoria
from oee_desk.db.modelos_correspondencia import Anexo, Oficio, RespuestaTurno, Turno
from oee_desk.db.motor import BaseDatos
from oee_desk.domain import contrasenas
from oee_desk.domain.roles import Rol
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.turnos import ServicioTurnos

from conftest import CONTRASENA, borrar_base_pg, crear_base_pg, sesion_con_rol

TABLAS = ("oficios", "anexos", "turnos", "respuestas_turno")
HOY = dt.date.today().isoformat()  # `oficios turnar` turns now, so an answer is dated today


def _pdf() -> bytes:
    from reportlab.pdfgen import canvas

    salida = io.BytesIO()
    lienzo = canvas.Canvas(salida)
    lienzo.drawString(72, 720, "Oficio PM/123/2022 — H. Ayuntamiento de Álamos")
    lienzo.showPage()
    lienzo.save()
    return salida.getvalue()


def _png() -> bytes:
    from PIL import Image

    salida = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(salida, "PNG")
    return salida.getvalue()


def documento(anio: int = 2022, **cambios) -> dict:
    datos = {"serie": "03.01", "fecha_recepcion": f"{anio}-03-01T10:15:00",
             "remitente": {"nombre": "Lic. Ana Ruiz Félix", "cargo": "Presidenta Municipal",
                           "institucion": "H. Ayuntamiento de Álamos"},
             "destinatario": "gobernador", "numero_oficio_remitente": "PM/123/2022",
             "fecha_documento": f"{anio}-02-25", "asunto": "Solicitud de apoyo para el mercado municipal",
             "tipo_documento": "oficio", "prioridad": "normal"}
    datos.update(cambios)
    return datos


def escribir(ruta: Path, datos) -> Path:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(json.dumps(datos, ensure_ascii=False), encoding="utf-8")
    return ruta


def lanzar(url: str, usuario: str, *argumentos: str, contrasena: str = CONTRASENA, cwd=None) -> subprocess.Popen:
    entorno = {**os.environ, "OEE_DESK_DB_URL": url, "OEE_DESK_USUARIO": usuario, "OEE_DESK_PASSWORD": contrasena,
               "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([sys.executable, "-m", "oee_desk", *argumentos], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=entorno, text=True, encoding="utf-8", cwd=cwd)


def esperar(*procesos: subprocess.Popen) -> list[tuple[int, str, str]]:
    resultados = []
    for p in procesos:
        salida, error = p.communicate(timeout=120)
        resultados.append((p.returncode, salida, error))
    return resultados


def ejecutar(url: str, usuario: str, *argumentos: str, **opciones) -> tuple[int, str, str]:
    return esperar(lanzar(url, usuario, *argumentos, **opciones))[0]


def conteos(bd: BaseDatos) -> dict:
    with bd.lectura() as s:
        return {
            "oficios": s.scalar(select(func.count()).select_from(Oficio)),
            "turnos": s.scalar(select(func.count()).select_from(Turno)),
            "respuestas": s.scalar(select(func.count()).select_from(RespuestaTurno)),
            "anulados": s.scalar(select(func.count()).select_from(Oficio).where(Oficio.anulado.is_(True))),
            "auditoria": s.scalar(select(func.count()).select_from(Auditoria).where(Auditoria.tabla.in_(TABLAS))),
        }


def puerto_cerrado() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def argon2_rapido():
    """Cheap Argon2 while the test users are created here (0.4 s a hash otherwise); the CLI still
    checks the password for real, and re-hashes it with the default cost on first sign-in."""
    with pytest.MonkeyPatch.context() as parche:
        parche.setattr(contrasenas, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@pytest.fixture(scope="module")
def base(tmp_path_factory, _plantilla_sqlite):
    ruta = tmp_path_factory.mktemp("cli") / "oee.db"
    shutil.copy(_plantilla_sqlite, ruta)
    bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    with argon2_rapido():
        sesiones = {rol: sesion_con_rol(bd, rol) for rol in (Rol.RECEPCION, Rol.SUPERVISOR)}
    yield bd, bd.url.render_as_string(hide_password=False), sesiones
    bd.cerrar()


# --- registrar --------------------------------------------------------------------------------
def test_registrar_imprime_json_y_lee_anexos_junto_al_json(base, tmp_path):
    bd, url, sesiones = base
    pdf, png = _pdf(), _png()
    carpeta = tmp_path / "entrada" / "marzo"
    (carpeta / "escaneos").mkdir(parents=True)
    (carpeta / "escaneos" / "oficio 123.pdf").write_bytes(pdf)
    (carpeta / "sobre.png").write_bytes(png)
    archivo = escribir(carpeta / "oficio.json", documento(2022, anexos=["escaneos/oficio 123.pdf", "sobre.png"]))
    otra_carpeta = tmp_path / "otra"
    otra_carpeta.mkdir()
    codigo, salida, error = ejecutar(url, "prueba_recepcion", "oficios", "registrar", "--json", str(archivo),
                                     cwd=otra_carpeta)  # relative to the JSON file, not to the cwd
    assert codigo == 0, error
    datos = json.loads(salida)
    assert {k: datos[k] for k in ("numero_control", "serie", "anio", "numero")} == {
        "numero_control": "03.01-1/22", "serie": "03.01", "anio": 2022, "numero": 1}
    assert {(a["nombre"], a["tipo"], a["sha256"]) for a in datos["anexos"]} == {
        ("oficio 123.pdf", "application/pdf", hashlib.sha256(pdf).hexdigest()),
        ("sobre.png", "image/png", hashlib.sha256(png).hexdigest())}
    guardado = ServicioCorrespondencia(bd).obtener(sesiones[Rol.RECEPCION], "03.01-1/22")
    assert str(guardado.id) == datos["id"]
    assert guardado.remitente["nombre"] == "Lic. Ana Ruiz Félix"


def test_entrada_mala_y_codigos_de_salida(base, tmp_path):
    bd, url, sesiones = base
    corr = ServicioCorrespondencia(bd)
    anulado = corr.registrar(sesiones[Rol.RECEPCION], documento(2019, numero_oficio_remitente="A/1"))
    corr.anular(sesiones[Rol.SUPERVISOR], anulado.numero_control, "Capturado dos veces")
    malo = escribir(tmp_path / "malo.json", documento(2019, remitente={"nombre": ""}, asunto=" ",
                                                      fecha_documento="2019-03-09"))
    anexo_ausente = escribir(tmp_path / "anexo_ausente.json", documento(2019, anexos=["no_existe.pdf"]))
    bueno = escribir(tmp_path / "bueno.json", documento(2019))
    turnar = escribir(tmp_path / "turnar.json", {"turnos": [{"dependencia": "SSP", "rol": "responsable",
                                                             "instruccion": "atencion_procedente",
                                                             "plazo_dias_habiles": 5}]})
    antes = conteos(bd)
    casos = {
        "entrada_mala": lanzar(url, "prueba_recepcion", "oficios", "registrar", "--json", str(malo)),
        "anexo_ausente": lanzar(url, "prueba_recepcion", "oficios", "registrar", "--json", str(anexo_ausente)),
        "contrasena": lanzar(url, "prueba_supervisor", "oficios", "registrar", "--json", str(bueno),
                             contrasena="no es la contraseña"),
        "inexistente": lanzar(url, "prueba_recepcion", "oficios", "turnar", "03.01-999/19", "--json", str(turnar)),
        "anulado_dos_veces": lanzar(url, "prueba_supervisor", "oficios", "anular", anulado.numero_control.lower(),
                                    "--motivo", "Otra vez"),
        "sin_servidor": lanzar(url, "prueba_recepcion", "--db",
                               f"postgresql+psycopg://postgres@127.0.0.1:{puerto_cerrado()}/oee",
                               "oficios", "buscar", "ruiz"),
    }
    resultados = dict(zip(casos, esperar(*casos.values())))
    codigos = {caso: r[0] for caso, r in resultados.items()}
    assert codigos == {"entrada_mala": 1, "anexo_ausente": 1, "contrasena": 3,
                       "inexistente": 4, "anulado_dos_veces": 5, "sin_servidor": 6}, resultados
    # Each problem on stderr, in Spanish, naming the field; nothing on stdout.
    error = resultados["entrada_mala"][2]
    for campo in ("remitente.nombre", "asunto", "fecha_documento"):
        assert f"{campo}: " in error, error
    assert "obligatorio" in error and "Traceback" not in error
    assert "anexos: " in resultados["anexo_ausente"][2] and "no_existe.pdf" in resultados["anexo_ausente"][2]
    assert "03.01-999/19" in resultados["inexistente"][2]
    assert "anulado" in resultados["anulado_dos_veces"][2]
    assert all(not r[1].strip() for r in resultados.values()), resultados
    assert all("Traceback" not in r[2] for r in resultados.values()), resultados
    assert conteos(bd) == antes
    assert corr.obtener(sesiones[Rol.RECEPCION], anulado.numero_control).motivo_anulacion == "Capturado dos veces"


def test_turnar_responder_y_mostrar(base, tmp_path):
    bd, url, sesiones = base
    numero = ServicioCorrespondencia(bd).registrar(
        sesiones[Rol.RECEPCION], documento(2018, numero_oficio_remitente="T/1")).numero_control
    turnar = escribir(tmp_path / "turnar.json", {"turnos": [
        {"dependencia": "SSP", "rol": "responsable", "instruccion": "atencion_procedente", "plazo_dias_habiles": 5,
         "nota": "Atender a la brevedad"},
        {"dependencia": "Secretaría de Educación y Cultura", "rol": "apoyo", "instruccion": "opinion",
         "plazo_dias_habiles": 10}]})
    codigo, salida, error = ejecutar(url, "prueba_recepcion", "oficios", "turnar", numero, "--json", str(turnar))
    assert codigo == 0, error
    turnado = json.loads(salida)
    assert {t["dependencia"]: t["rol"] for t in turnado["turnos"]} == {"SSP": "responsable", "SEC": "apoyo"}
    assert turnado["semaforo"]["estado"] == "sin_atender"
    assert turnado["turnado_en_48_horas"] is False  # received in 2018, turned today

    responder = escribir(tmp_path / "responder.json", {
        "dependencia": "ssp", "tipo": "respuesta", "fecha": HOY, "numero_oficio": "SSP/0456/2018",
        "resumen": "Se atendió la solicitud"})
    codigo, _, error = ejecutar(url, "prueba_recepcion", "oficios", "responder", numero.replace("-", " - "),
                                "--json", str(responder))
    assert codigo == 0, error

    codigo, salida, error = ejecutar(url, "prueba_recepcion", "oficios", "mostrar", numero)
    assert codigo == 0, error
    mostrado = json.loads(salida)
    assert mostrado["numero_control"] == numero
    por_dep = {t["dependencia"]: t for t in mostrado["turnos"]}
    assert (por_dep["SSP"]["estatus"], por_dep["SSP"]["avance_pct"], por_dep["SSP"]["fecha_respuesta"]) == (
        "atendido", 100, HOY)
    assert por_dep["SSP"]["semaforo"]["estado"] == "atendido"
    assert por_dep["SSP"]["nota"] == "Atender a la brevedad"
    assert por_dep["SEC"]["estatus"] == "sin_atender"
    # Only the responsible turn decides: the open support turn does not keep the matter open.
    assert mostrado["semaforo"]["estado"] == "atendido"


def test_responder_guarda_sus_anexos(base, tmp_path):
    bd, url, sesiones = base
    numero = ServicioCorrespondencia(bd).registrar(
        sesiones[Rol.RECEPCION], documento(2017, numero_oficio_remitente="R/1")).numero_control
    ServicioTurnos(bd).turnar(sesiones[Rol.RECEPCION], numero, [{"dependencia": "CEA", "instruccion": "tramite",
                                                                 "plazo_dias_habiles": 5}])
    pdf = _pdf()
    (tmp_path / "acuse CEA.pdf").write_bytes(pdf)
    archivo = escribir(tmp_path / "acuse.json", {"dependencia": "CEA", "tipo": "acuse", "fecha": HOY,
                                                 "anexos": ["acuse CEA.pdf"]})
    codigo, _, error = ejecutar(url, "prueba_recepcion", "oficios", "responder", numero, "--json", str(archivo))
    assert codigo == 0, error
    with bd.lectura() as s:
        guardados = list(s.scalars(select(Anexo).where(Anexo.respuesta_id.is_not(None))))
    assert [(a.nombre_archivo, a.sha256) for a in guardados] == [("acuse CEA.pdf", hashlib.sha256(pdf).hexdigest())]


# --- PostgreSQL -----------------------------------------------------------------------------
@pytest.mark.pg
def test_registrar_pg(request, tmp_path):
    url = crear_base_pg(request.getfixturevalue("_plantilla_pg"))
    bd = BaseDatos(url)
    try:
        with argon2_rapido():
            sesion_con_rol(bd, Rol.RECEPCION)
        pdf = _pdf()
        (tmp_path / "escaneo.pdf").write_bytes(pdf)
        archivo = escribir(tmp_path / "oficio.json", documento(2021, serie="NJ", destinatario="jefe_oficina",
                                                               anexos=["escaneo.pdf"]))
        codigo, salida, error = ejecutar(url, "prueba_recepcion", "oficios", "registrar", "--json", str(archivo))
        assert codigo == 0, error
        datos = json.loads(salida)
        assert (datos["numero_control"], datos["serie"], datos["anio"], datos["numero"]) == (
            "NJ 03.01-1", "NJ", 2021, 1)
        assert datos["anexos"][0]["sha256"] == hashlib.sha256(pdf).hexdigest()
        assert conteos(bd)["oficios"] == 1
    finally:
        bd.cerrar()
        borrar_base_pg(url)
