"""`oee-desk reporte peticiones | tiempos-respuesta | giras` as IT staff script them (cli.md): JSON on
the standard output, XLSX and PDF to a file, and the exit codes of a bad period, a refused role and
a missing option."""
from __future__ import annotations

import datetime as dt
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from oee_desk import cli
from oee_desk.domain.errores import ErrorValidacion
from oee_desk.domain.roles import Rol
from oee_desk.services import Servicios
from oee_desk.services.poa import ServicioPoa

from conftest import CONTRASENA, sesion_con_rol

PERIODO = ["--desde", "2022-03-01", "--hasta", "2022-03-31"]


@pytest.fixture
def registros(bd):
    """March 2022: a gira in Cajeme with two petitions (one canalized), a call-center petition, and
    one matter turned to SSP and answered three days later."""
    servicios = Servicios.de(bd)
    atencion, recepcion = sesion_con_rol(bd, Rol.ATENCION), sesion_con_rol(bd, Rol.RECEPCION)
    supervisor = sesion_con_rol(bd, Rol.SUPERVISOR)
    gira = servicios.giras.registrar(atencion, {"fecha": "2022-03-15", "municipio": "26018",
                                                "evento": "Entrega de apoyos de vivienda"}).clave
    for i, (canal, extra) in enumerate([("gira", {"gira": gira, "canalizacion": {"tipo": "dependencia",
                                                                                "destino": "SIDUR"}}),
                                        ("gira", {"gira": gira}), ("call_center", {})]):
        servicios.peticiones.registrar(atencion, {
            "fecha_recepcion": "2022-03-15T10:00:00", "canal": canal, "tema": "vivienda", "descripcion": "Techo dañado",
            "ciudadano": {"nombre": "Rosa", "telefono": f"644000000{i}", "municipio": "26018"}, **extra})
    numero = servicios.correspondencia.registrar(recepcion, {
        "serie": "03.01", "fecha_recepcion": "2022-03-01T09:00:00", "remitente": {"nombre": "Lic. Ana Ruiz Félix"},
        "asunto": "Solicitud de rondines"}).numero_control
    servicios.turnos.turnar(recepcion, numero, {"turnos": [{"dependencia": "SSP", "instruccion": "atencion_procedente",
                                                            "plazo_dias_habiles": 5}]},
                            momento=dt.datetime(2022, 3, 1, 12, 0))
    servicios.turnos.responder(recepcion, numero, {"dependencia": "SSP", "tipo": "respuesta", "fecha": "2022-03-04",
                                                   "resumen": "Rondines programados"})
    return supervisor


@pytest.fixture
def correr(bd, monkeypatch, capsys):
    monkeypatch.setenv("OEE_DESK_PASSWORD", CONTRASENA)
    url = bd.url.render_as_string(hide_password=False)

    def _correr(usuario: str, *orden: str) -> tuple[int, str, str]:
        codigo = cli.main(["--db", url, "--usuario", usuario, "reporte", *orden])
        salida = capsys.readouterr()
        return codigo, salida.out, salida.err

    return _correr


def test_json_a_la_salida_estandar(registros, correr):
    codigo, salida, _ = correr(registros.nombre, "peticiones", *PERIODO, "--formato", "json", "-o", "-")
    assert codigo == 0
    peticiones = json.loads(salida)
    assert peticiones["total"] == 3 and peticiones["desde"] == "2022-03-01"
    assert peticiones["por_canal"] == [{"codigo": "gira", "nombre": "Giras Gobernador", "peticiones": 2},
                                       {"codigo": "call_center", "nombre": "Call Center", "peticiones": 1}]
    assert peticiones["por_municipio"] == [{"codigo": "26018", "nombre": "Cajeme", "peticiones": 3}]

    codigo, salida, _ = correr(registros.nombre, "tiempos-respuesta", *PERIODO, "--formato", "json", "-o", "-")
    tiempos = json.loads(salida)
    assert codigo == 0 and tiempos["unidad"] == "días naturales"
    assert tiempos["dependencias"] == [{"dependencia": "SSP", "nombre": "Secretaría de Seguridad Pública",
                                        "turnados": 1, "respondidos": 1, "pendientes": 0, "medidos": 1,
                                        "mediana_dias": 3.0, "p90_dias": 3.0, "maximo_dias": 3}]

    codigo, salida, _ = correr(registros.nombre, "giras", *PERIODO, "--formato", "json", "-o", "-")
    giras = json.loads(salida)
    assert codigo == 0 and giras["total"] == {"giras": 1, "peticiones": 2, "canalizadas": 1, "con_seguimiento": 0}
    assert giras["giras"][0]["municipio_nombre"] == "Cajeme" and giras["giras"][0]["fecha"] == "2022-03-15"


def test_xlsx_y_pdf_a_archivo(registros, correr, tmp_path):
    for orden, hoja, celda, valor in (("peticiones", "Por canal", "C5", 2), ("tiempos-respuesta", "Tiempos", "G5", 3),
                                      ("giras", "Giras", "F5", 2)):
        libro = tmp_path / f"{orden}.xlsx"
        codigo, salida, error = correr(registros.nombre, orden, *PERIODO, "--formato", "xlsx", "-o", str(libro))
        assert (codigo, salida) == (0, "") and f"Reporte escrito en {libro}" in error
        assert load_workbook(libro)[hoja][celda].value == valor
        documento = tmp_path / f"{orden}.pdf"
        assert correr(registros.nombre, orden, *PERIODO, "--formato", "pdf", "-o", str(documento))[0] == 0
        texto = PdfReader(str(documento)).pages[0].extract_text()
        assert "del 01/03/2022 al 31/03/2022" in texto
        assert "Generado por Usuaria Supervisión" in texto  # signed by who ran it
    destino = tmp_path / "giras.json"
    assert correr(registros.nombre, "giras", *PERIODO, "--formato", "json", "-o", str(destino))[0] == 0
    assert json.loads(destino.read_text(encoding="utf-8"))["total"]["giras"] == 1


def test_errores_y_codigos_de_salida(registros, bd, correr, tmp_path):
    codigo, _, error = correr(registros.nombre, "giras", *PERIODO, "--formato", "pdf", "-o", "-")
    assert codigo == 1 and "-o: la salida estándar solo admite --formato json" in error
    codigo, _, error = correr(registros.nombre, "peticiones", "--desde", "2022-03-31", "--hasta", "2022-03-01",
                              "--formato", "json", "-o", "-")
    assert codigo == 1 and "Error: hasta: debe ser igual o posterior a «desde»" in error
    codigo, _, error = correr(registros.nombre, "tiempos-respuesta", "--desde", "31/03/2022", "--hasta", "2022-04-01",
                              "--formato", "json", "-o", "-")
    assert codigo == 1 and "Error: desde:" in error
    recepcion = sesion_con_rol(bd, Rol.RECEPCION)
    destino = tmp_path / "no.xlsx"
    codigo, salida, error = correr(recepcion.nombre, "tiempos-respuesta", *PERIODO, "--formato", "xlsx",
                                   "-o", str(destino))
    assert (codigo, salida) == (3, "") and "no tiene permiso" in error and not destino.exists()
    with pytest.raises(SystemExit) as salida:
        correr(registros.nombre, "giras", "--desde", "2022-03-01", "--formato", "json", "-o", "-")
    assert salida.value.code == 2


def test_desde_fuera_como_lo_usa_informatica(registros, bd):
    """The installed command, in its own process: the same JSON."""
    entorno = {**os.environ, "OEE_DESK_DB_URL": bd.url.render_as_string(hide_password=False),
               "OEE_DESK_USUARIO": registros.nombre, "OEE_DESK_PASSWORD": CONTRASENA, "PYTHONIOENCODING": "utf-8"}
    proceso = subprocess.run([sys.executable, "-m", "oee_desk", "reporte", "giras", *PERIODO, "--formato", "json",
                              "-o", "-"], capture_output=True, text=True, encoding="utf-8", env=entorno, timeout=120)
    assert proceso.returncode == 0, proceso.stderr
    assert json.loads(proceso.stdout)["giras"][0]["evento"] == "Entrega de apoyos de vivienda"


# --- the file of -o (every `reporte` command writes it the same way) --------------------------------
ORDENES_CON_ARCHIVO = [
    *(["poa", "--anio", "2022", "--formato", formato] for formato in ("json", "pdf", "xlsx", "csv")),
    *([orden, *PERIODO, "--formato", formato] for orden in ("peticiones", "tiempos-respuesta", "giras")
      for formato in ("json", "pdf", "xlsx")),
    *(["estatus-dependencias", *PERIODO, "--formato", formato] for formato in ("json", "pdf", "xlsx")),
]


def _archivos(carpeta) -> list[str]:
    return sorted(str(r.relative_to(carpeta)) for r in carpeta.rglob("*"))


def test_carpeta_que_no_existe(registros, correr, tmp_path):
    """Said in Spanish, naming -o, exit code 1 (rejected input), and nothing written anywhere."""
    for orden in ORDENES_CON_ARCHIVO:
        destino = tmp_path / "no-existe" / f"informe.{orden[-1]}"
        codigo, salida, error = correr(registros.nombre, *orden, "-o", str(destino))
        assert codigo == 1, (orden, error)
        assert error.strip() == f"Error: -o: no se pudo escribir «{destino}»: la carpeta no existe", orden
        assert salida == "" and "Traceback" not in error
    assert not (tmp_path / "no-existe").exists()


def _carpeta_sin_permiso(tmp_path):
    """A folder this process may not write to: a read-only one, or for root (who may write anywhere)
    Linux's /sys."""
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        carpeta = tmp_path / "solo-lectura"
        carpeta.mkdir()
        carpeta.chmod(0o555)
        return carpeta
    if os.path.isdir("/sys/kernel"):
        return Path("/sys/kernel")
    pytest.skip("no hay aquí una carpeta sin permiso de escritura")


def test_carpeta_sin_permiso(registros, correr, tmp_path):
    carpeta = _carpeta_sin_permiso(tmp_path)
    for orden in (ORDENES_CON_ARCHIVO[0], ORDENES_CON_ARCHIVO[1], ORDENES_CON_ARCHIVO[5], ORDENES_CON_ARCHIVO[-1]):
        destino = carpeta / f"informe-oee.{orden[-1]}"
        codigo, _, error = correr(registros.nombre, *orden, "-o", str(destino))
        assert codigo == 1 and error.strip() == f"Error: -o: no se pudo escribir «{destino}»: permiso denegado", orden
        assert not destino.exists()


def test_ni_archivo_a_medias_ni_se_pierde_el_anterior(registros, correr, tmp_path, monkeypatch):
    """A disk that fills up halfway: the half-written file goes away and the previous report stays."""
    from oee_desk.reports import poa

    carpeta = tmp_path / "informes"
    carpeta.mkdir()
    destino = carpeta / "poa.pdf"
    destino.write_bytes(b"el informe anterior")

    def disco_lleno(_reporte, ruta):
        with open(ruta, "wb") as archivo:
            archivo.write(b"%PDF-1.4 a medias")
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(poa, "escribir_pdf", disco_lleno)
        codigo, _, error = correr(registros.nombre, "poa", "--anio", "2022", "--formato", "pdf", "-o", str(destino))
    assert codigo == 1 and error.strip() == f"Error: -o: no se pudo escribir «{destino}»: no queda espacio en el disco"
    assert destino.read_bytes() == b"el informe anterior" and _archivos(carpeta) == ["poa.pdf"]

    codigo, _, error = correr(registros.nombre, "poa", "--anio", "2022", "--formato", "pdf", "-o", str(destino))
    assert codigo == 0 and error.strip() == f"Reporte escrito en {destino}"  # the name given, not a draft's
    assert destino.read_bytes().startswith(b"%PDF") and _archivos(carpeta) == ["poa.pdf"]


def test_anio_y_mes_del_informe_poa(registros, bd, correr, capsys):
    for anio, motivo in (("1800", "debe ser al menos 2000"), ("2101", "debe ser como máximo 2100")):
        codigo, salida, error = correr(registros.nombre, "poa", "--anio", anio, "--formato", "json", "-o", "-")
        assert (codigo, salida, error.strip()) == (1, "", f"Error: anio: {motivo}")
    # The service says so to whoever calls it, the application's screen included.
    with pytest.raises(ErrorValidacion) as e:
        ServicioPoa(bd).generar(registros, 1999)
    assert e.value.problemas[0].campo == "anio"
    with pytest.raises(ErrorValidacion) as e:
        ServicioPoa(bd).generar(registros, 2022, 13)
    assert e.value.problemas[0].campo == "mes"
    with pytest.raises(SystemExit) as salida:
        correr(registros.nombre, "poa", "--anio", "2022", "--mes", "13", "--formato", "json", "-o", "-")
    error = capsys.readouterr().err
    assert salida.value.code == 2 and "invalid choice" not in error and "usage:" not in error
    assert "oee-desk: uso incorrecto: --mes: «13» no es válido; debe ser un número del 1 al 12" in error


def test_exportar_un_catalogo_a_una_carpeta_que_no_existe(bd, monkeypatch, capsys, tmp_path):
    """`catalogo exportar -o` writes its file the way the reports do: a missing folder is said in
    Spanish with exit code 1, and a good path gets the whole file."""
    monkeypatch.setenv("OEE_DESK_PASSWORD", CONTRASENA)
    url = bd.url.render_as_string(hide_password=False)
    destino = tmp_path / "no-existe" / "municipios.csv"
    codigo = cli.main(["--db", url, "--usuario", "admin", "catalogo", "exportar", "municipios", "-o", str(destino)])
    error = capsys.readouterr().err
    assert codigo == 1 and error.strip() == f"Error: -o: no se pudo escribir «{destino}»: la carpeta no existe"
    assert "Traceback" not in error and not destino.parent.exists()
    bueno = tmp_path / "municipios.csv"
    assert cli.main(["--db", url, "--usuario", "admin", "catalogo", "exportar", "municipios", "-o", str(bueno)]) == 0
    assert len(bueno.read_text(encoding="utf-8").splitlines()) == 73  # the header and Sonora's 72 municipios
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no draft left behind
