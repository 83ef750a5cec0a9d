"""Which database a workstation opens, 'Probar conexión', and where the server password goes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from oee_desk import config, secretos
from oee_desk.config import ConexionServidor
from oee_desk.db.motor import url_por_defecto
from oee_desk.services import conexion

from conftest import PG_SERVIDOR

SERVIDOR = make_url(PG_SERVIDOR)
CLAVE = "Clave-Secreta-Única-7f3a"


def _servidor(**cambios) -> ConexionServidor:
    datos = {"host": SERVIDOR.host or "127.0.0.1", "port": SERVIDOR.port or 5432,
             "base": SERVIDOR.database or "postgres", "usuario": SERVIDOR.username or "postgres"}
    return ConexionServidor(**{**datos, **cambios})


# --- which database ------------------------------------------------------------------------------
def test_por_defecto_sqlite_en_la_carpeta_de_datos(tmp_path):
    url = config.resolver_url()
    assert url == url_por_defecto()
    assert make_url(url).get_backend_name() == "sqlite"
    ruta = Path(make_url(url).database)
    assert ruta.name == "oee-desk.db"
    assert ruta.parent == tmp_path / "datos"  # the (isolated) user data folder, not the working dir


def test_precedencia_argumento_entorno_guardada_defecto(monkeypatch):
    guardada = ConexionServidor("servidor-oee", 5433, "oee", "capturista")
    config.guardar_conexion(guardada)
    assert config.resolver_url() == "postgresql+psycopg://capturista@servidor-oee:5433/oee"
    monkeypatch.setenv("OEE_DESK_DB_URL", "sqlite:///desde-entorno.db")
    assert config.resolver_url() == "sqlite:///desde-entorno.db"
    assert config.resolver_url("sqlite:///argumento.db") == "sqlite:///argumento.db"
    monkeypatch.setenv("OEE_DESK_DB_URL", "")
    assert config.resolver_url() == "postgresql+psycopg://capturista@servidor-oee:5433/oee"
    config.guardar_conexion(None)  # back to the embedded file
    assert config.resolver_url() == url_por_defecto()
    assert config.resolver_url("") == url_por_defecto()


def test_conexion_guardada_ida_y_vuelta():
    guardada = ConexionServidor("srv.oee.sonora.gob.mx", 5432, "oee_desk", "maría.lópez")
    config.guardar_conexion(guardada)
    assert config.leer_conexion() == guardada
    archivo = config.carpeta_config() / "conexion.json"
    assert json.loads(archivo.read_text(encoding="utf-8")) == {
        "host": "srv.oee.sonora.gob.mx", "port": 5432, "base": "oee_desk", "usuario": "maría.lópez"}
    assert not list(config.carpeta_config().glob("*.tmp"))  # the atomic write left no temporary
    assert make_url(config.resolver_url()).username == "maría.lópez"


def test_carpeta_de_configuracion_aislada(tmp_path):
    assert config.carpeta_config() == tmp_path / "config"


@pytest.mark.parametrize("contenido", ["{roto", "[1, 2]", "null", '{"host": "x"}', ""])
def test_conexion_ilegible_vuelve_al_archivo_local(contenido):
    (config.carpeta_config() / "conexion.json").write_text(contenido, encoding="utf-8")
    assert config.leer_conexion() is None
    assert config.resolver_url() == url_por_defecto()


def test_conexion_con_bom_de_windows():
    (config.carpeta_config() / "conexion.json").write_text(
        '{"host": "srv", "port": 5432, "base": "oee", "usuario": "u"}', encoding="utf-8-sig")
    assert config.resolver_url() == "postgresql+psycopg://u@srv:5432/oee"


def test_conexion_en_utf16_no_revienta():
    (config.carpeta_config() / "conexion.json").write_text(
        '{"host": "srv", "port": 5432, "base": "oee", "usuario": "u"}', encoding="utf-16")
    from oee_desk.domain.errores import ErrorOee

    try:
        config.resolver_url()
    except ErrorOee:
        pass


# --- 'Probar conexión' --------------------------------------------------------------------------
def test_probar_puerto_cerrado():
    resultado = conexion.probar(_servidor(host="127.0.0.1", port=1), None)
    assert not resultado.correcto
    assert resultado.mensaje.startswith("No se pudo contactar al servidor")


def test_probar_base_inexistente(pg_disponible):
    resultado = conexion.probar(_servidor(base="no_existe_esta_base_oee"), None)
    assert not resultado.correcto
    assert "no existe" in resultado.mensaje and "base de datos" in resultado.mensaje


def test_probar_usuario_inexistente(pg_disponible):
    resultado = conexion.probar(_servidor(usuario="nadie_se_llama_asi"), None)
    assert not resultado.correcto
    assert "no existe" in resultado.mensaje or "contraseña" in resultado.mensaje


def test_probar_servidor_real(pg_disponible):
    resultado = conexion.probar(_servidor(), None)
    assert resultado.correcto, resultado.mensaje
    assert resultado.mensaje.startswith("Conexión correcta con PostgreSQL ")
    assert int(resultado.mensaje.rsplit(" ", 1)[1].rstrip(".")) >= conexion.VERSION_MINIMA_PG


def test_probar_con_contrasena_no_la_muestra(pg_disponible):
    resultado = conexion.probar(_servidor(host="127.0.0.1", port=1), CLAVE)
    assert CLAVE not in resultado.mensaje


def test_comprobar_estado(bd):
    assert conexion.comprobar(bd) is None
    from oee_desk.db.motor import BaseDatos

    caida = BaseDatos("postgresql+psycopg://postgres@127.0.0.1:1/oee")
    try:
        assert conexion.comprobar(caida).startswith("No se pudo contactar al servidor")
    finally:
        caida.cerrar()


# --- secrets ------------------------------------------------------------------------------------
def test_en_memoria():
    almacen = secretos.EnMemoria()
    assert almacen.persistente is False and "memoria" in almacen.nombre
    assert almacen.obtener("u@h:5432/b") is None
    almacen.guardar("u@h:5432/b", CLAVE)
    assert almacen.obtener("u@h:5432/b") == CLAVE
    assert almacen.obtener("otro@h:5432/b") is None
    almacen.borrar("u@h:5432/b")
    almacen.borrar("u@h:5432/b")  # twice is fine
    assert almacen.obtener("u@h:5432/b") is None
    assert secretos.EnMemoria().obtener("u@h:5432/b") is None  # instances do not share


def test_usar_instala_el_almacen():
    mio = secretos.EnMemoria()
    secretos.usar(mio)
    assert secretos.secretos() is mio


def test_cuenta_por_servidor():
    assert secretos.cuenta_servidor("srv", None, "u", "oee") == "u@srv:5432/oee"
    assert secretos.cuenta_servidor("srv", 5433, "u", "oee") != secretos.cuenta_servidor("srv", 5432, "u", "oee")


def _archivos_con(carpeta: Path, texto: str) -> list[Path]:
    buscados = {texto.encode(c) for c in ("utf-8", "utf-16-le", "utf-16-be", "latin-1", "ascii") if _codifica(texto, c)}
    return [p for p in carpeta.rglob("*") if p.is_file() and any(b in p.read_bytes() for b in buscados)]


def _codifica(texto: str, codificacion: str) -> bool:
    try:
        texto.encode(codificacion)
        return True
    except UnicodeEncodeError:
        return False


def test_guardar_contrasena_nunca_en_un_archivo(tmp_path):
    servidor = _servidor(host="srv.oee", port=5432, base="oee", usuario="capturista")
    config.guardar_conexion(servidor)
    donde = conexion.guardar_contrasena(servidor, CLAVE)
    assert donde == secretos.secretos().nombre and "memoria" in donde
    assert secretos.secretos().obtener(secretos.cuenta_servidor("srv.oee", 5432, "capturista", "oee")) == CLAVE
    assert (config.carpeta_config() / "conexion.json").exists()
    assert _archivos_con(config.carpeta_config(), CLAVE) == []
    assert _archivos_con(tmp_path, CLAVE) == []  # nor anywhere else this test could write
    assert CLAVE not in config.resolver_url()


def test_proveedor_de_contrasena_orden(monkeypatch):
    url = "postgresql+psycopg://capturista@srv.oee:5432/oee"
    preguntas = []

    def preguntar(texto):
        preguntas.append(texto)
        return "tecleada"

    monkeypatch.delenv("PGPASSWORD", raising=False)
    conexion.olvidar_contrasena_tecleada(url)
    assert conexion.proveedor_contrasena(url)() is None
    monkeypatch.setenv("PGPASSWORD", "de-entorno")
    assert conexion.proveedor_contrasena(url)() == "de-entorno"
    secretos.secretos().guardar(secretos.cuenta_servidor("srv.oee", 5432, "capturista", "oee"), "del-llavero")
    assert conexion.proveedor_contrasena(url)() == "del-llavero"
    secretos.usar(secretos.EnMemoria())
    monkeypatch.delenv("PGPASSWORD")
    obtener = conexion.proveedor_contrasena(url, preguntar)
    assert obtener() == "tecleada" and obtener() == "tecleada"
    assert len(preguntas) == 1 and "capturista" in preguntas[0]  # asked once per session
    conexion.olvidar_contrasena_tecleada(url)
    assert obtener() == "tecleada" and len(preguntas) == 2  # after a refusal: asked again
    conexion.olvidar_contrasena_tecleada(url)


def test_abrir_usa_la_contrasena_del_llavero(pg_disponible):
    """With trust authentication the password is ignored, but it must reach the driver's parameters."""
    from sqlalchemy import event

    url = _servidor().url()
    secretos.secretos().guardar(secretos.cuenta_servidor(_servidor().host, _servidor().port, _servidor().usuario,
                                                         _servidor().base), CLAVE)
    bd = conexion.abrir(url)
    vistos = []
    event.listen(bd.motor, "do_connect", lambda d, r, a, p: vistos.append(p.get("password")))
    try:
        with bd.motor.connect() as c:
            assert c.execute(text("SELECT 1")).scalar() == 1
    finally:
        bd.cerrar()
    assert CLAVE in vistos
    assert CLAVE not in str(bd.url) and CLAVE not in bd.describir()
