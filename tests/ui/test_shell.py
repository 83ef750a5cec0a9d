"""The application shell's dialogs as a user meets them: first run, login, connection settings
(the main window, start-up and self-test are in test_shell_ventana.py).

Dialogs run with `Tareas(sincrona=True)`, so a click's database work is done by the next line, and
the assertions read what is on screen and what reached the database."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from oee_desk import config, secretos
from oee_desk.domain.roles import Rol
from oee_desk.services.usuarios import ServicioUsuarios
from oee_desk.ui.acceso import DialogoAcceso
from oee_desk.ui.dialogo_conexion import DialogoConexion
from oee_desk.ui.primer_inicio import DialogoPrimerInicio

from conftest import CONTRASENA
from conftest_shell import ajustes, bd_sin_usuarios, escribir, servicios, tareas  # noqa: F401

CLIC = Qt.MouseButton.LeftButton


# --- first run ---------------------------------------------------------------------------------
@pytest.fixture
def primer_inicio(qtbot, bd_sin_usuarios, tareas):
    dialogo = DialogoPrimerInicio(ServicioUsuarios(bd_sin_usuarios), tareas, bd_sin_usuarios.describir())
    qtbot.addWidget(dialogo)
    dialogo.show()
    return dialogo


def test_primer_inicio_crea_al_administrador_y_entra(qtbot, primer_inicio, bd_sin_usuarios):
    d = primer_inicio
    assert d.windowTitle() == "OEE Desk — Primer inicio"
    escribir(qtbot, d.usuario, "mgarcia")
    escribir(qtbot, d.nombre, "María García Ñúñez")
    escribir(qtbot, d.contrasena, CONTRASENA)
    escribir(qtbot, d.confirmacion, CONTRASENA)
    qtbot.waitUntil(lambda: d.indicador.texto.text() == "Contraseña segura.")

    qtbot.mouseClick(d.boton_crear, CLIC)

    assert d.result() == QDialog.DialogCode.Accepted
    assert (d.sesion.nombre, d.sesion.nombre_completo, d.sesion.rol) == ("mgarcia", "María García Ñúñez", Rol.ADMIN)
    usuarios = ServicioUsuarios(bd_sin_usuarios)
    assert usuarios.hay_usuarios()
    assert usuarios.autenticar("mgarcia", CONTRASENA).rol == Rol.ADMIN


def test_primer_inicio_con_contrasena_debil_explica_y_no_crea_nada(qtbot, primer_inicio, bd_sin_usuarios):
    d = primer_inicio
    escribir(qtbot, d.usuario, "mgarcia")
    escribir(qtbot, d.nombre, "María García")
    escribir(qtbot, d.contrasena, "abc123")
    escribir(qtbot, d.confirmacion, "abc123")
    qtbot.waitUntil(lambda: d.indicador.texto.text().startswith("Aún no es segura"))
    assert "al menos 10 caracteres" in d.indicador.texto.text()

    qtbot.mouseClick(d.boton_crear, CLIC)

    error = d.campos.error("contrasena")
    assert error.isVisible() and error.text() == "Debe tener al menos 10 caracteres."
    assert not d.campos.error("usuario").isVisible()
    assert d.isVisible() and d.sesion is None
    assert (d.usuario.text(), d.nombre.text(), d.contrasena.text()) == ("mgarcia", "María García", "abc123")
    assert d.boton_crear.isEnabled() and d.boton_crear.text() == "Crear administrador"
    assert not ServicioUsuarios(bd_sin_usuarios).hay_usuarios()


def test_primer_inicio_muestra_cada_problema_bajo_su_campo(qtbot, primer_inicio, bd_sin_usuarios):
    d = primer_inicio
    escribir(qtbot, d.contrasena, CONTRASENA)
    escribir(qtbot, d.confirmacion, CONTRASENA + " otra")

    qtbot.mouseClick(d.boton_crear, CLIC)

    assert d.campos.error("usuario").text() == "Es obligatorio."
    assert d.campos.error("nombre").text() == "Es obligatorio."
    assert d.campos.error("confirmacion").text() == "No coincide con la contraseña."
    assert d.usuario.property("invalido") is True
    escribir(qtbot, d.usuario, "m")  # typing in a field takes its complaint away
    assert not d.campos.error("usuario").isVisible() and d.campos.error("nombre").isVisible()
    assert not ServicioUsuarios(bd_sin_usuarios).hay_usuarios()


# --- login -------------------------------------------------------------------------------------
@pytest.fixture
def acceso(qtbot, servicios, tareas, ajustes):
    dialogo = DialogoAcceso(servicios.usuarios, tareas, ajustes, servicios.bd.describir())
    qtbot.addWidget(dialogo)
    dialogo.show()
    return dialogo


def entrar(qtbot, dialogo, usuario: str, contrasena: str) -> None:
    escribir(qtbot, dialogo.usuario, usuario)
    escribir(qtbot, dialogo.contrasena, contrasena)
    qtbot.mouseClick(dialogo.boton_entrar, CLIC)


def test_acceso_correcto_entrega_la_sesion_y_recuerda_el_usuario(qtbot, acceso, ajustes):
    assert not acceso.boton_entrar.isEnabled()  # nothing typed yet
    assert acceso.base.text().startswith("Base de datos: Archivo local:")
    entrar(qtbot, acceso, "admin", CONTRASENA)
    assert acceso.result() == QDialog.DialogCode.Accepted
    assert (acceso.sesion.nombre, acceso.sesion.rol) == ("admin", Rol.ADMIN)
    assert ajustes.ultimo_usuario == "admin"
    assert not acceso.mensaje.isVisible()


def test_acceso_con_contrasena_incorrecta_lo_dice_y_conserva_el_usuario(qtbot, acceso):
    entrar(qtbot, acceso, "admin", "no es esta")
    assert acceso.mensaje.isVisible() and acceso.mensaje.text() == "Usuario o contraseña incorrectos."
    assert acceso.sesion is None and acceso.isVisible()
    assert acceso.usuario.text() == "admin" and acceso.contrasena.text() == ""
    assert not acceso.boton_entrar.isEnabled() and acceso.boton_entrar.text() == "Entrar"


def test_acceso_bloquea_la_cuenta_tras_cinco_intentos(qtbot, acceso):
    for _ in range(4):
        entrar(qtbot, acceso, "admin", "no es esta")
        assert acceso.mensaje.text() == "Usuario o contraseña incorrectos."
    entrar(qtbot, acceso, "admin", "no es esta")
    assert acceso.mensaje.text() == "Demasiados intentos fallidos: la cuenta queda bloqueada 15 minutos."

    entrar(qtbot, acceso, "admin", CONTRASENA)  # even the right password waits out the lock
    assert acceso.mensaje.text().startswith("La cuenta está bloqueada por intentos fallidos")
    assert acceso.sesion is None and acceso.isVisible()


def test_acceso_prellena_el_ultimo_usuario(qtbot, servicios, tareas, ajustes):
    ajustes.ultimo_usuario = "admin"
    dialogo = DialogoAcceso(servicios.usuarios, tareas, ajustes)
    qtbot.addWidget(dialogo)
    assert dialogo.usuario.text() == "admin" and dialogo.contrasena.text() == ""
    assert not dialogo.boton_conexion.isVisible()  # only offered when the application wires it


# --- connection settings -----------------------------------------------------------------------
@pytest.fixture
def dialogo_conexion(qtbot, tareas):
    dialogo = DialogoConexion(tareas)
    qtbot.addWidget(dialogo)
    dialogo.show()
    return dialogo


def elegir(qtbot, opcion) -> None:
    """Click the radio button's circle: its widget spans the dialog, past the end of its text."""
    qtbot.mouseClick(opcion, CLIC, pos=QPoint(8, opcion.height() // 2))


def servidor(qtbot, d, host: str, puerto: int, base: str, usuario: str, contrasena: str = "") -> None:
    elegir(qtbot, d.servidor)
    escribir(qtbot, d.host, host)
    d.puerto.setValue(puerto)
    escribir(qtbot, d.base, base)
    escribir(qtbot, d.usuario, usuario)
    if contrasena:
        escribir(qtbot, d.contrasena, contrasena)


def test_conexion_empieza_en_archivo_local_con_el_servidor_deshabilitado(dialogo_conexion):
    d = dialogo_conexion
    assert d.windowTitle() == "Conexión a la base de datos"
    assert d.local.isChecked() and d.local.text() == "Archivo local (este equipo)"
    assert d.servidor.text() == "Servidor PostgreSQL de la oficina"
    assert not d.host.isEnabled() and not d.boton_probar.isEnabled()
    assert d.puerto.value() == 5432


def test_conexion_a_un_puerto_cerrado_lo_explica_en_espanol(qtbot, dialogo_conexion):
    d = dialogo_conexion
    servidor(qtbot, d, "127.0.0.1", 1, "oee", "postgres")
    assert d.boton_probar.isEnabled()
    qtbot.mouseClick(d.boton_probar, CLIC)
    assert d.resultado.text() == "No se pudo contactar al servidor: revise el equipo, el puerto y la red."
    assert d.resultado.property("tipo") == "error"
    assert d.boton_probar.isEnabled()


def test_conexion_sin_servidor_marca_los_campos_que_faltan(qtbot, dialogo_conexion):
    d = dialogo_conexion
    elegir(qtbot, d.servidor)
    qtbot.mouseClick(d.boton_probar, CLIC)
    assert [d.campos.error(c).text() for c in ("host", "base", "usuario")] == ["Es obligatorio."] * 3
    assert d.resultado.text() == ""  # nothing was tried
    qtbot.mouseClick(d.boton_guardar, CLIC)
    assert config.leer_conexion() is None


def test_conexion_correcta_se_guarda_sin_la_contrasena_en_archivo(qtbot, dialogo_conexion, pg_disponible):
    d = dialogo_conexion
    servidor(qtbot, d, "127.0.0.1", 5432, "postgres", "postgres", "clave-de-prueba")
    qtbot.mouseClick(d.boton_probar, CLIC)
    assert d.resultado.text().startswith("Conexión correcta con PostgreSQL ")
    assert d.resultado.property("tipo") == "exito"

    qtbot.mouseClick(d.boton_guardar, CLIC)

    guardada = config.leer_conexion()
    assert guardada == config.ConexionServidor("127.0.0.1", 5432, "postgres", "postgres")
    cuenta = secretos.cuenta_servidor("127.0.0.1", 5432, "postgres", "postgres")
    assert secretos.secretos().obtener(cuenta) == "clave-de-prueba"
    assert "clave-de-prueba" not in (config.carpeta_config() / "conexion.json").read_text(encoding="utf-8")
    aviso = d.aviso.text()
    assert d.aviso.isVisible()
    assert "La contraseña se guardó en: memoria (solo esta sesión)." in aviso
    assert "Reinicie OEE Desk para usar la nueva base de datos." in aviso
    assert not d.boton_guardar.isEnabled() and d.boton_cerrar.text() == "Cerrar"


def test_conexion_de_vuelta_al_archivo_local(qtbot, tareas):
    config.guardar_conexion(config.ConexionServidor("servidor-oee", 5433, "oee", "oee_captura"))
    d = DialogoConexion(tareas)
    qtbot.addWidget(d)
    assert d.servidor.isChecked() and d.host.text() == "servidor-oee" and d.puerto.value() == 5433
    assert d.contrasena.placeholderText() == "vacía: conservar la contraseña guardada"
    elegir(qtbot, d.local)
    qtbot.mouseClick(d.boton_guardar, CLIC)
    assert config.leer_conexion() is None
    assert d.aviso.text().startswith("Este equipo usará el archivo local.")


# --- workstation preferences -------------------------------------------------------------------
def test_los_ajustes_guardan_filtros_por_pagina_y_toleran_un_archivo_danado(tmp_path, qapp):
    from oee_desk.ui.ajustes import Ajustes

    archivo = tmp_path / "ajustes.ini"
    ajustes = Ajustes(archivo)
    assert ajustes.filtros("bitacora") == {} and ajustes.ultimo_modulo is None
    ajustes.guardar_filtros("bitacora", {"usuario": "admin", "desde": "2022-03-01", "pagina": 2, "ver": True})
    ajustes.ultimo_modulo = "bitacora"
    ajustes.sincronizar()
    otra = Ajustes(archivo)  # as the next start of the application reads them
    assert otra.filtros("bitacora") == {"usuario": "admin", "desde": "2022-03-01", "pagina": 2, "ver": True}
    assert otra.filtros("catalogos") == {} and otra.ultimo_modulo == "bitacora"
    otra.guardar_filtros("catalogos", {})
    otra._q.setValue("filtros/bitacora", "{no es json")
    assert otra.filtros("bitacora") == {}
