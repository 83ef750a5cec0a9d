"""Starting the GUI: open the database, prepare it, then first run or login, then the main window.

Preparing (migrations, default catalogs) runs off the GUI thread behind a small progress window.
A database that cannot be opened gets a Spanish explanation with a way to fix the connection.
"""
from __future__ import annotations

import sys
import threading
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication, QDialog, QInputDialog, QLineEdit, QMessageBox, QProgressBar, QVBoxLayout, QWidget,
)

from ..config import resolver_url
from ..domain.catalogos import CATALOGOS
from ..domain.errores import BaseDatosIncompatible, BaseDatosInaccesible, ErrorOee
from ..services import Servicios, conexion
from ..services.sesion import Sesion
from .acceso import DialogoAcceso
from .ajustes import Ajustes
from .apariencia import aplicar_estilo, encabezado_institucional, etiqueta, instalar_idioma
from .dialogo_conexion import DialogoConexion
from .primer_inicio import DialogoPrimerInicio
from .tareas import Tareas
from .ventana_principal import VentanaPrincipal


def crear_aplicacion(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    # QSettings() finds this workstation's preferences under these two names.
    app.setOrganizationName("OEE Sonora")
    app.setApplicationName("oee-desk")
    instalar_idioma(app)
    aplicar_estilo(app)
    return app


class PreguntaContrasena(QObject):
    """The server password prompt. The engine asks for it while connecting, which happens on a
    worker thread; a dialog may only be shown on the GUI thread, so the question is carried there
    and the worker waits for the answer."""

    _pedir = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._respuesta: str | None = None
        self._una_a_la_vez = threading.Lock()
        self._pedir.connect(self._mostrar, Qt.ConnectionType.BlockingQueuedConnection)

    def __call__(self, texto: str) -> str | None:
        with self._una_a_la_vez:
            if QThread.currentThread() == self.thread():
                self._mostrar(texto)
            else:
                self._pedir.emit(texto)
            return self._respuesta

    def _mostrar(self, texto: str) -> None:
        clave, ok = QInputDialog.getText(None, self.tr("Contraseña del servidor"), texto,
                                         QLineEdit.EchoMode.Password)
        self._respuesta = clave if ok and clave else None


MOSTRAR_TRAS_MS = 400


class DialogoPreparacion(QDialog):
    """'Preparando la base de datos…' while it is migrated and its default catalogs loaded."""

    _avance = Signal(str)

    def __init__(self, bd, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self._bd, self._tareas = bd, tareas
        self.error: BaseException | None = None
        self.hay_usuarios = False
        self._trabajando = False
        self.setWindowTitle("OEE Desk")
        self.setMinimumWidth(420)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(24, 20, 24, 20)
        capa.addWidget(encabezado_institucional())
        capa.addWidget(etiqueta(self.tr("Preparando la base de datos…"), "subtitulo"))
        self.detalle = etiqueta(bd.describir(), "nota", nombre="detallePreparacion")
        capa.addWidget(self.detalle)
        barra = QProgressBar(textVisible=False)
        barra.setRange(0, 0)
        capa.addWidget(barra)
        self._avance.connect(self._mostrar_avance)

    def ejecutar(self) -> bool:
        """Runs the preparation; the window appears only if it is slow (a migration, a first load),
        so an ordinary start does not flash it."""
        self._bucle = QEventLoop()
        self._trabajando = True
        QTimer.singleShot(MOSTRAR_TRAS_MS, self._mostrar_si_sigue)
        QTimer.singleShot(0, self._empezar)  # inside the loop, so a synchronous runner works too
        self._bucle.exec()
        self.hide()
        # The worker still holds `progreso` (this dialog's signal) until the pool deletes the task;
        # waiting here makes the last reference to this widget ours, on the GUI thread.
        self._tareas.esperar()
        return self.error is None

    def _mostrar_si_sigue(self) -> None:
        if self._trabajando:
            self.show()

    def _empezar(self) -> None:
        # The service calls `progreso` on the worker thread; a signal carries it back safely.
        self._tareas.ejecutar(conexion.preparar, self._bd, progreso=self._avance.emit,
                              al_terminar=self._listo, al_fallar=self._fallo)

    def _mostrar_avance(self, catalogo: str) -> None:
        titulo = CATALOGOS[catalogo].titulo if catalogo in CATALOGOS else catalogo
        self.detalle.setText(self.tr("Cargando el catálogo «{}»…").format(titulo))

    def _listo(self, hay_usuarios: bool) -> None:
        self._trabajando = False
        self.hay_usuarios = hay_usuarios
        self._bucle.quit()

    def _fallo(self, error: BaseException) -> None:
        self._trabajando = False
        self.error = error
        self._bucle.quit()

    def reject(self) -> None:  # Esc or the close button must not abandon a migration half-way
        pass


def preguntar_que_hacer(error: BaseException, descripcion: str, parent: QWidget | None = None) -> str:
    """'configurar', 'reintentar' or 'salir'."""
    incompatible = isinstance(error, BaseDatosIncompatible)
    tr = lambda t: QApplication.translate("Arranque", t)  # noqa: E731
    titulo = tr("La base de datos no es compatible") if incompatible else tr("No se pudo abrir la base de datos")
    # The bare cause: ui.errores' "lo que escribió sigue en el formulario" is for forms.
    texto = error.mensaje if isinstance(error, ErrorOee) else tr(
        "Ocurrió un error inesperado al preparar la base de datos: {}").format(error)
    caja = QMessageBox(QMessageBox.Icon.Critical, titulo, texto, QMessageBox.StandardButton.NoButton, parent)
    caja.setObjectName("cajaBaseDatos")
    if descripcion:
        caja.setInformativeText(tr("Base de datos: {}").format(descripcion))
    configurar = caja.addButton(tr("Conexión a la base de datos…"), QMessageBox.ButtonRole.ActionRole)
    reintentar = None if incompatible else caja.addButton(tr("Reintentar"), QMessageBox.ButtonRole.AcceptRole)
    salir = caja.addButton(tr("Salir"), QMessageBox.ButtonRole.RejectRole)
    caja.setDefaultButton(reintentar or configurar)
    caja.setEscapeButton(salir)
    caja.exec()
    pulsado = caja.clickedButton()
    return "configurar" if pulsado is configurar else "reintentar" if reintentar and pulsado is reintentar else "salir"


def abrir_base(url: str | None, tareas: Tareas,
               preguntar: Callable[[str], str | None] | None) -> tuple[object, bool] | None:
    """(bd, hay_usuarios) once the database is ready, or None if the user gave up.

    `preguntar` asks for the server password when neither the keyring nor PGPASSWORD has it."""
    while True:
        destino = resolver_url(url)
        bd, descripcion = None, ""
        try:
            bd = conexion.abrir(destino, preguntar=preguntar)
            descripcion = bd.describir()
            preparacion = DialogoPreparacion(bd, tareas)
            if preparacion.ejecutar():
                return bd, preparacion.hay_usuarios
            error = preparacion.error
        except ErrorOee as e:  # e.g. an address that is neither sqlite:/// nor postgresql://
            error = e
        if bd is not None:
            bd.cerrar()
        conexion.olvidar_contrasena_tecleada(destino)  # 'Reintentar' asks again, not reuses a typo
        eleccion = preguntar_que_hacer(error, descripcion)
        if eleccion == "salir":
            return None
        if eleccion == "configurar":
            DialogoConexion(tareas, reinicio_necesario=False).exec()


class Escritorio(QObject):
    """Who is signed in and their window; 'Cerrar sesión' comes back here for the next person."""

    def __init__(self, servicios: Servicios, tareas: Tareas, ajustes: Ajustes):
        super().__init__()
        self.servicios, self.tareas, self.ajustes = servicios, tareas, ajustes
        self.ventana: VentanaPrincipal | None = None

    def empezar(self, hay_usuarios: bool, entrar_como: tuple[str, str] | None = None) -> bool:
        sesion = self._directo(*entrar_como) if entrar_como and hay_usuarios else None
        sesion = sesion or (self._acceso() if hay_usuarios else self._primer_inicio())
        if sesion is None:
            return False
        self._abrir(sesion)
        return True

    def _directo(self, nombre: str, contrasena: str) -> Sesion | None:
        """`oee-desk demo`: straight in as a demo user; should that fail, the login dialog as usual."""
        try:
            return self.servicios.usuarios.autenticar(nombre, contrasena)
        except ErrorOee:
            return None

    def _primer_inicio(self) -> Sesion | None:
        dialogo = DialogoPrimerInicio(self.servicios.usuarios, self.tareas, self.servicios.bd.describir())
        if dialogo.exec() == QDialog.DialogCode.Accepted and dialogo.sesion:
            self.ajustes.ultimo_usuario = dialogo.sesion.nombre
            return dialogo.sesion
        return None

    def _acceso(self) -> Sesion | None:
        dialogo = DialogoAcceso(self.servicios.usuarios, self.tareas, self.ajustes, self.servicios.bd.describir(),
                                abrir_conexion=lambda padre: DialogoConexion(self.tareas, padre).open())
        return dialogo.sesion if dialogo.exec() == QDialog.DialogCode.Accepted else None

    def _abrir(self, sesion: Sesion) -> None:
        self.ventana = VentanaPrincipal(self.servicios, sesion, self.tareas, self.ajustes)
        self.ventana.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ventana.cerrada.connect(self._ventana_cerrada)
        self.ventana.show()

    def _ventana_cerrada(self, cerrar_sesion: bool) -> None:
        self.ventana = None
        if cerrar_sesion:
            QTimer.singleShot(0, self._siguiente)  # not inside the close event of the old window
        else:
            QApplication.quit()

    def _siguiente(self) -> None:
        sesion = self._acceso()
        if sesion is None:
            QApplication.quit()
        else:
            self._abrir(sesion)


def desmontar(ventanas: list[QWidget] | None = None) -> None:
    """Delete windows while Qt and Python are both fully alive. Left to the interpreter's shutdown,
    in no particular order, PySide6 6.12 sometimes aborts ("shared QObject was deleted directly")."""
    for ventana in QApplication.topLevelWidgets() if ventanas is None else ventanas:
        if ventana.parent() is None:
            ventana.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def ejecutar_gui(url: str | None = None, *, entrar_como: tuple[str, str] | None = None) -> int:
    app = crear_aplicacion()
    previas = set(QApplication.topLevelWidgets())  # none in the application; a test's own, in a test run
    salir_al_cerrar = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # between 'Cerrar sesión' and the next login no window is open
    tareas = Tareas()
    ajustes = Ajustes()
    abierta = abrir_base(url, tareas, PreguntaContrasena())
    if abierta is None:
        app.setQuitOnLastWindowClosed(salir_al_cerrar)
        return BaseDatosInaccesible.codigo_salida
    bd, hay_usuarios = abierta
    escritorio = Escritorio(Servicios.de(bd), tareas, ajustes)
    try:
        if not escritorio.empezar(hay_usuarios, entrar_como):
            return 0
        return app.exec()
    finally:
        tareas.esperar(10_000)  # let a save in progress finish before the engine goes away
        QCoreApplication.processEvents()  # and deliver its result while everything is alive
        ajustes.sincronizar()
        desmontar([w for w in QApplication.topLevelWidgets() if w not in previas])
        bd.cerrar()
        app.setQuitOnLastWindowClosed(salir_al_cerrar)
