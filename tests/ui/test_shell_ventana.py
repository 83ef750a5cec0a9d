"""The main window, the start-up path and the self-test, as a user (or IT staff) would see them."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from oee_desk.domain.roles import Accion, Rol, puede
from oee_desk.services.sesion import Sesion
from oee_desk.ui import app, autoprueba, ventana_principal
from oee_desk.ui.pagina import Pagina
from oee_desk.ui.pagina_inicio import PaginaInicio
from oee_desk.ui.ventana_principal import VentanaPrincipal, clases_de_paginas

from conftest import CONTRASENA, sesion_con_rol
from conftest_shell import ajustes, escribir, servicios, tareas  # noqa: F401


class _Falsa(Pagina):
    def recargar(self) -> None:
        self.cargas = getattr(self, "cargas", 0) + 1


class PaginaUsuariosFalsa(_Falsa):
    clave, titulo, requiere = "usuarios", "Usuarios", Accion.GESTIONAR_USUARIOS


class PaginaBitacoraFalsa(_Falsa):
    clave, titulo, requiere = "bitacora", "Bitácora", Accion.VER_AUDITORIA


class PaginaCatalogosFalsa(_Falsa):
    clave, titulo, requiere = "catalogos", "Catálogos", Accion.VER_CATALOGOS


FALSAS = [PaginaInicio, PaginaCatalogosFalsa, PaginaUsuariosFalsa, PaginaBitacoraFalsa]


@pytest.fixture
def abrir_ventana(qtbot, servicios, tareas, ajustes):
    def _abrir(sesion: Sesion, paginas=FALSAS) -> VentanaPrincipal:
        ventana = VentanaPrincipal(servicios, sesion, tareas, ajustes, paginas=paginas)
        qtbot.addWidget(ventana)
        ventana.show()
        qtbot.waitExposed(ventana)
        return ventana
    return _abrir


@pytest.mark.parametrize("rol, esperados", [
    (Rol.ADMIN, ["Inicio", "Catálogos", "Usuarios", "Bitácora"]),
    (Rol.SUPERVISOR, ["Inicio", "Catálogos", "Bitácora"]),
    (Rol.RECEPCION, ["Inicio", "Catálogos"]),
    (Rol.CAMPO, ["Inicio", "Catálogos"]),
])
def test_la_navegacion_lista_solo_los_modulos_del_rol(abrir_ventana, servicios, rol, esperados):
    ventana = abrir_ventana(sesion_con_rol(servicios.bd, rol))
    assert ventana.titulos_visibles() == esperados
    assert ventana.paginas.count() == len(esperados)


def test_con_las_paginas_reales_el_orden_es_el_de_la_oficina(abrir_ventana, servicios):
    """Whatever modules are built: Inicio first, and never one the role may not use."""
    orden = ["Inicio", "Correspondencia", "Atención Ciudadana", "Giras", "Datos personales", "Metas POA",
             "Reportes", "Catálogos", "Usuarios", "Bitácora"]
    recepcion = abrir_ventana(sesion_con_rol(servicios.bd, Rol.RECEPCION), paginas=None)
    admin = abrir_ventana(sesion_con_rol(servicios.bd, Rol.ADMIN), paginas=None)
    for ventana in (recepcion, admin):
        titulos = ventana.titulos_visibles()
        assert titulos[0] == "Inicio" and titulos == sorted(titulos, key=orden.index)
    assert not {"Usuarios", "Bitácora"} & set(recepcion.titulos_visibles())
    # The admin sees every module built, except those for supervisors alone (personal-data log).
    suyas = [c for c in clases_de_paginas() if c.requiere is None or puede(Rol.ADMIN, c.requiere)]
    assert len(admin.titulos_visibles()) == len(suyas)


def test_cada_modulo_de_la_navegacion_dice_lo_mismo_que_su_pagina():
    """The navigation lists modules without importing them: what it says of each must be its page's."""
    for modulo in ventana_principal.MODULOS:
        clase = modulo.cargar()
        assert (modulo.clave, modulo.titulo, modulo.requiere) == (clase.clave, clase.titulo, clase.requiere)


def test_una_pagina_se_construye_al_mostrarla_por_primera_vez(abrir_ventana, servicios):
    """Starting builds the first page only; the others are built (once) when the user goes there."""
    ventana = abrir_ventana(sesion_con_rol(servicios.bd, Rol.ADMIN), paginas=None)
    construidas = lambda: [i for i in range(ventana.paginas.count())  # noqa: E731
                           if isinstance(ventana.paginas.widget(i), Pagina)]
    assert construidas() == [ventana.navegacion.currentRow()]
    ventana.ir_a_modulo("bitacora")
    pagina = ventana.pagina_actual()
    assert isinstance(pagina, Pagina) and pagina.clave == "bitacora" and pagina.isVisible()
    ventana.ir_a(0)
    ventana.ir_a_modulo("bitacora")
    assert ventana.pagina_actual() is pagina and len(construidas()) == 2


def test_la_barra_de_estado_dice_quien_con_que_rol_y_en_que_base(abrir_ventana, servicios, qtbot):
    ventana = abrir_ventana(sesion_con_rol(servicios.bd, Rol.SUPERVISOR))
    assert ventana.usuario.text() == "Usuaria Supervisión · Supervisión"
    assert ventana.base.toolTip() == servicios.bd.describir()
    assert ventana.base.text().startswith("Archivo local:")
    qtbot.waitUntil(lambda: ventana.conexion.text() == "● Conectado")
    assert ventana.conexion.property("estado") == "conectado"


def test_sin_base_la_barra_dice_sin_conexion(abrir_ventana, servicios, qtbot, monkeypatch):
    ventana = abrir_ventana(sesion_con_rol(servicios.bd, Rol.ADMIN))
    qtbot.waitUntil(lambda: ventana.conexion.text() == "● Conectado")
    monkeypatch.setattr(ventana_principal.conexion, "comprobar", lambda bd: "No se pudo contactar al servidor.")
    ventana.comprobar_conexion()
    assert ventana.conexion.text() == "● Sin conexión"
    assert ventana.conexion.toolTip() == "No se pudo contactar al servidor."


def test_la_pagina_de_inicio_saluda_y_cuenta_los_catalogos(abrir_ventana, servicios):
    """Who has no reports (the supervisors' dashboard) sees the catalogs counted."""
    ventana = abrir_ventana(sesion_con_rol(servicios.bd, Rol.RECEPCION))
    inicio = ventana.pagina_actual()
    assert isinstance(inicio, PaginaInicio)
    assert inicio.findChild(type(inicio.base), "bienvenida").text() == \
        "Le damos la bienvenida, Usuaria Recepción"
    assert inicio.cifras["municipios"].text() == "72"
    assert inicio.cifras["series-control"].text() == "5"  # 03.01, NJ, AC, CAN, GIRA
    assert not inicio.estado.isVisible()


def test_ctrl_numero_cambia_de_modulo_y_f1_muestra_los_atajos(abrir_ventana, servicios, qtbot):
    ventana = abrir_ventana(sesion_con_rol(servicios.bd, Rol.ADMIN))
    ventana.activateWindow()
    qtbot.waitUntil(ventana.isActiveWindow)
    qtbot.keyClick(ventana, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert ventana.pagina_actual().clave == "usuarios" and ventana.pagina_actual().cargas == 1
    qtbot.keyClick(ventana, Qt.Key.Key_F1)
    ayuda = ventana.findChild(QMessageBox, "ayudaAtajos")
    assert ayuda is not None and ayuda.isVisible()
    assert "Ctrl+3" in ayuda.text() and "Usuarios" in ayuda.text() and "F1" in ayuda.text()
    assert "Ctrl+Intro" not in ayuda.text()  # no capture screen for this role


def test_la_ayuda_de_quien_captura_explica_sus_teclas(abrir_ventana, servicios):
    ventana = abrir_ventana(sesion_con_rol(servicios.bd, Rol.ATENCION), paginas=None)
    ayuda = ventana.mostrar_atajos()
    assert "Ctrl+Intro" in ayuda.text() and "F1 a F9 eligen el canal" in ayuda.text()


def test_recuerda_el_ultimo_modulo_y_el_tamano(abrir_ventana, servicios):
    sesion = sesion_con_rol(servicios.bd, Rol.ADMIN)
    primera = abrir_ventana(sesion, paginas=FALSAS[1:])
    primera.resize(900, 650)  # the offscreen screen is small: widths clamp to the window's minimum
    primera.divisor.setSizes([260, 640])
    primera.ir_a_modulo("bitacora")
    primera.close()
    segunda = abrir_ventana(sesion, paginas=FALSAS[1:])
    assert segunda.pagina_actual().clave == "bitacora"
    assert segunda.height() == 650
    assert segunda.navegacion.width() == 260
    recepcion = abrir_ventana(sesion_con_rol(servicios.bd, Rol.RECEPCION))
    assert recepcion.pagina_actual().clave == "inicio"  # a module it cannot see falls back to Inicio


def test_cerrar_sesion_avisa_para_que_entre_otra_persona(abrir_ventana, servicios, qtbot):
    ventana = abrir_ventana(sesion_con_rol(servicios.bd, Rol.ADMIN))
    with qtbot.waitSignal(ventana.cerrada) as senal:
        ventana.accion_cerrar_sesion.trigger()
    assert senal.args == [True] and not ventana.isVisible()


def test_cambiar_mi_contrasena(abrir_ventana, servicios, qtbot):
    ventana = abrir_ventana(sesion_con_rol(servicios.bd, Rol.ATENCION))
    dialogo = ventana.cambiar_contrasena()
    nueva = "girasol tambor cometa azul"
    for clave, texto in (("actual", "equivocada"), ("nueva", nueva), ("confirmacion", nueva)):
        escribir(qtbot, dialogo.editor(clave), texto)
    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert dialogo.error("actual").text().rstrip(".") == "No es correcta" and dialogo.isVisible()

    escribir(qtbot, dialogo.editor("actual"), CONTRASENA)
    with qtbot.waitSignal(dialogo.accepted):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert ventana.statusBar().currentMessage() == "Su contraseña se cambió."
    assert servicios.usuarios.autenticar("prueba_atencion", nueva).rol == Rol.ATENCION


# --- start-up ------------------------------------------------------------------------------------
def test_un_archivo_que_no_es_base_de_datos_se_explica_y_se_puede_salir(tmp_path, tareas, monkeypatch, qapp):
    archivo = tmp_path / "ajeno.db"
    archivo.write_bytes(b"esto no es una base de datos de OEE Desk " * 200)
    vistos = []
    monkeypatch.setattr(app, "preguntar_que_hacer", lambda error, descripcion: vistos.append(
        (str(error), descripcion)) or "salir")
    assert app.abrir_base(f"sqlite:///{archivo.as_posix()}", tareas, preguntar=None) is None
    assert vistos == [("El archivo no es una base de datos de OEE Desk o está dañado.",
                       f"Archivo local: {archivo.as_posix()}")]


def test_reintentar_vuelve_a_pedir_la_contrasena_del_servidor(tareas, monkeypatch, qapp):
    """A password typed at the prompt is kept for the session, except after a failed start:
    'Reintentar' must ask again rather than reuse a typo."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    pedidas, respuestas = [], iter(["reintentar", "salir"])
    mensajes = []
    monkeypatch.setattr(app, "preguntar_que_hacer", lambda error, descripcion: mensajes.append(
        (str(error), descripcion)) or next(respuestas))
    url = "postgresql+psycopg://oee@127.0.0.1:1/oee"
    assert app.abrir_base(url, tareas, preguntar=lambda texto: pedidas.append(texto) or "tecleada") is None
    assert pedidas == ["Contraseña de oee@127.0.0.1 para la base oee"] * 2
    assert mensajes == [("No se pudo contactar al servidor: revise el equipo, el puerto y la red.",
                         "Servidor: 127.0.0.1:1/oee")] * 2


def test_una_base_nueva_se_prepara_y_pide_el_primer_administrador(tmp_path, tareas, qapp):
    abierta = app.abrir_base(f"sqlite:///{(tmp_path / 'nueva.db').as_posix()}", tareas, preguntar=None)
    bd, hay_usuarios = abierta
    try:
        assert hay_usuarios is False
    finally:
        bd.cerrar()


def test_tras_cerrar_sesion_entra_la_siguiente_persona(servicios, tareas, ajustes, qtbot, monkeypatch):
    siguiente = sesion_con_rol(servicios.bd, Rol.RECEPCION)
    escritorio = app.Escritorio(servicios, tareas, ajustes)
    monkeypatch.setattr(escritorio, "_acceso", lambda: siguiente)
    assert escritorio.empezar(hay_usuarios=True)
    primera = escritorio.ventana
    primera.accion_cerrar_sesion.trigger()
    qtbot.waitUntil(lambda: escritorio.ventana is not None and escritorio.ventana is not primera)
    assert escritorio.ventana.sesion is siguiente and escritorio.ventana.isVisible()
    escritorio.ventana.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(escritorio.ventana)


# --- self-test -----------------------------------------------------------------------------------
def test_autoprueba_abre_cada_pantalla_y_devuelve_0(capsys):
    assert autoprueba.autoprueba() == 0
    salida = capsys.readouterr().out
    for pantalla in ("Primer inicio", "Inicio de sesión", "Conexión a la base de datos", "Módulo «Inicio»",
                     "Registrar correspondencia", "Turnar asunto", "Registrar respuesta", "Asunto: pestaña Historia"):
        assert f"Correcta: {pantalla}\n" in salida
    assert "FALLÓ" not in salida


class PaginaRota(Pagina):
    clave, titulo = "rota", "Rota"

    def recargar(self) -> None:
        raise RuntimeError("la página no carga")


def test_autoprueba_devuelve_1_si_una_pantalla_falla(capsys, monkeypatch):
    monkeypatch.setattr(ventana_principal, "MODULOS", (PaginaInicio, PaginaRota))
    assert autoprueba.autoprueba() == 1
    salida = capsys.readouterr()
    assert "FALLÓ: Módulo «Rota»: RuntimeError: la página no carga" in salida.out
    assert "Correcta: Módulo «Inicio»" in salida.out


# --- the whole start, as `oee-desk` runs it --------------------------------------------------------
def test_ejecutar_gui_de_la_base_nueva_a_la_ventana_y_salir(tmp_path, monkeypatch, qapp):
    """A new database: preparation, first run, main window; closing it ends with 0."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from oee_desk.ui.ajustes import Ajustes
    from oee_desk.ui.primer_inicio import DialogoPrimerInicio

    monkeypatch.setattr(app, "Ajustes", lambda: Ajustes(tmp_path / "ajustes.ini"))
    vistos: list[str] = []

    def conducir() -> None:  # plays the user, from inside the dialogs' own event loops
        for w in QApplication.topLevelWidgets():
            if not w.isVisible():
                continue
            if isinstance(w, DialogoPrimerInicio) and "primer" not in vistos and w.boton_crear.isEnabled():
                vistos.append("primer")
                w.usuario.setText("jefa")
                w.nombre.setText("Jefa de Sistemas")
                w.contrasena.setText(CONTRASENA)
                w.confirmacion.setText(CONTRASENA)
                w.crear()
            elif isinstance(w, VentanaPrincipal) and "ventana" not in vistos:
                vistos.append("ventana")
                vistos.append(w.usuario.text())
                w.close()

    reloj = QTimer(interval=50)
    reloj.timeout.connect(conducir)
    reloj.start()
    try:
        assert app.ejecutar_gui(f"sqlite:///{(tmp_path / 'oee.db').as_posix()}") == 0
    finally:
        reloj.stop()
    assert vistos == ["primer", "ventana", "Jefa de Sistemas · Administración"]
    assert qapp.quitOnLastWindowClosed()  # left as it was found


def test_la_contrasena_del_servidor_se_pide_en_el_hilo_de_la_interfaz(qapp, monkeypatch):
    """The engine asks for it from a worker thread; the dialog must still open on the GUI thread."""
    import threading

    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication, QInputDialog

    hilos = []

    def get_text(*_a, **_k):
        hilos.append(QThread.currentThread() == QApplication.instance().thread())
        return "secreta", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    preguntar = app.PreguntaContrasena()
    respuesta = []
    hilo = threading.Thread(target=lambda: respuesta.append(preguntar("Contraseña de oee@servidor")))
    hilo.start()
    while hilo.is_alive():
        QApplication.processEvents()
        hilo.join(0.01)
    assert respuesta == ["secreta"] and hilos == [True]
    assert preguntar("otra vez, desde la interfaz") == "secreta" and hilos == [True, True]


def test_capturas_guarda_cada_pantalla_en_png(tmp_path, capsys):
    from PySide6.QtGui import QImage

    from oee_desk.ui import capturas

    assert capturas.main([str(tmp_path / "capturas")]) == 0
    archivos = {p.name for p in (tmp_path / "capturas").glob("*.png")}
    assert {"primer_inicio.png", "acceso.png", "conexion.png", "inicio.png", "atajos.png"} <= archivos
    assert {f"{clave}.png" for clave in ("correspondencia", "registro_vacio", "registro", "registro_resultado", "turnar",
                                         "oficio_turnos", "oficio_anexos", "respuesta", "reportes", "historia")} <= archivos
    inicio = QImage(str(tmp_path / "capturas" / "inicio.png"))
    assert (inicio.width(), inicio.height()) == (1280, 800)
    assert all(p.stat().st_size < 150_000 for p in (tmp_path / "capturas").glob("*.png"))
    assert capturas.main([]) == 2 and "Uso: python -m oee_desk.ui.capturas CARPETA" in capsys.readouterr().err


def test_la_caja_de_error_al_abrir_ofrece_conexion_reintentar_y_salir(qapp):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from oee_desk.domain.errores import BaseDatosInaccesible, BaseDatosIncompatible

    vistas = []

    def pulsar(texto_boton: str) -> None:
        caja = next(w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.objectName() == "cajaBaseDatos" and w.isVisible())
        vistas.append((caja.windowTitle(), caja.text(), caja.informativeText(),
                       [b.text() for b in caja.buttons()]))
        next(b for b in caja.buttons() if b.text() == texto_boton).click()

    QTimer.singleShot(0, lambda: pulsar("Conexión a la base de datos…"))
    error = BaseDatosInaccesible("No se pudo contactar al servidor: revise el equipo, el puerto y la red.")
    assert app.preguntar_que_hacer(error, "Servidor: servidor-oee:5432/oee") == "configurar"
    titulo, texto, informativo, botones = vistas[0]
    assert titulo == "No se pudo abrir la base de datos"
    assert texto == "No se pudo contactar al servidor: revise el equipo, el puerto y la red."
    assert informativo == "Base de datos: Servidor: servidor-oee:5432/oee"
    assert sorted(botones) == ["Conexión a la base de datos…", "Reintentar", "Salir"]

    QTimer.singleShot(0, lambda: pulsar("Salir"))
    nueva = BaseDatosIncompatible("La base de datos fue creada por una versión más reciente de OEE Desk.")
    assert app.preguntar_que_hacer(nueva, "") == "salir"
    assert vistas[1][0] == "La base de datos no es compatible" and "Reintentar" not in vistas[1][3]


def test_el_menu_archivo_abre_la_conexion_y_salir_cierra(abrir_ventana, servicios, qtbot):
    from oee_desk.ui.dialogo_conexion import DialogoConexion

    ventana = abrir_ventana(sesion_con_rol(servicios.bd, Rol.RECEPCION))
    menu = ventana.menuBar().actions()[0]
    assert menu.text() == "&Archivo"
    assert [a.text() for a in menu.menu().actions() if a.text()] == [
        "Conexión a la base de datos…", "Cambiar mi contraseña…", "Importar historia de Correspondencia…", "Cerrar sesión", "Salir"]
    ventana.accion_conexion.trigger()
    dialogo = ventana.findChild(DialogoConexion)
    assert dialogo is not None and dialogo.isVisible() and dialogo.local.isChecked()
    dialogo.reject()
    with qtbot.waitSignal(ventana.cerrada) as senal:
        next(a for a in menu.menu().actions() if a.text() == "Salir").trigger()
    assert senal.args == [False]
