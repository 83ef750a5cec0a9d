"""`oee-desk selftest`: open every screen offscreen on a throwaway database; 0 if all of them work.

It goes the way a person does — preparation, first run (creating the administrator through the
form), login, connection settings, the main window and every page it lists, the password and help
dialogs — and waits for each screen's background work. Then the administrator adds a reception clerk
and a supervisor, a small sample of correspondence is seeded, and the desk's screens are walked as
each of them (autoprueba_correspondencia.py); the citizen-attention desk likewise, as an operator and
a supervisor (autoprueba_atencion.py); Metas POA as a supervisor and an area's capturer
(autoprueba_metas.py); the supervisor's dashboard and reports (autoprueba_reportes.py). A screen fails if building it raises, if a task or
slot raises, or if it ends up showing an error box. `capturas` walks the same way.
"""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from PySide6.QtCore import QCoreApplication, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from ..services import Servicios, conexion
from . import autoprueba_atencion as atencion
from . import autoprueba_correspondencia as correspondencia
from . import autoprueba_metas as metas
from . import autoprueba_reportes as reportes
from .acceso import DialogoAcceso
from .ajustes import Ajustes
from .dialogo_conexion import DialogoConexion
from .primer_inicio import DialogoPrimerInicio
from .tareas import Tareas
from .ventana_principal import VentanaPrincipal, titulo_de

ADMIN, CONTRASENA = "autoprueba", "fresno ventana lámpara río"
TAMANO = (1280, 800)
AlMostrar = Callable[[str, str, QWidget], None]  # (file-friendly key, Spanish title, widget)
W = TypeVar("W", bound=QWidget)


def _tr(texto: str) -> str:
    return QCoreApplication.translate("Autoprueba", texto)


class Recorrido:
    tamano = TAMANO  # of every main window it opens
    def __init__(self, carpeta: Path, al_mostrar: AlMostrar | None = None, *, informar=print):
        self.carpeta, self.al_mostrar, self.informar = carpeta, al_mostrar, informar
        self.tareas = Tareas()
        self.ajustes = Ajustes(carpeta / "ajustes.ini")  # never the real user's preferences
        self.fallas: list[str] = []
        self.correctas: list[str] = []  # titles of the screens that worked, in order
        self._ocupado = False
        self._excepciones: list[str] = []
        self._abiertas: list[QWidget] = []  # dialogs to close before the main window
        self._creados: list[QWidget] = []  # deleted at the end, not left to interpreter shutdown
        self.tareas.ocupado.connect(lambda o: setattr(self, "_ocupado", o))

    # --- helpers -------------------------------------------------------------------------
    def esperar(self, segundos: float = 60) -> None:
        """Until the tasks started by the screen, and those they start, are done."""
        limite = time.monotonic() + segundos
        while True:
            QApplication.processEvents()  # delivers results; their callbacks may start more tasks
            if not self._ocupado:
                return
            self.tareas.esperar(10)  # sleep while the workers run instead of spinning
            if time.monotonic() > limite:
                raise TimeoutError(_tr("la pantalla siguió trabajando más de {} s").format(segundos))

    def esperar_hasta(self, condicion: Callable[[], bool], segundos: float = 10, *, asentar: float = 0) -> None:
        """Until `condicion` holds (work Qt does by itself, such as loading a PDF), then `asentar`
        seconds more of events, for what is painted in a thread of its own."""
        limite = time.monotonic() + segundos
        while not condicion():
            QApplication.processEvents()
            if time.monotonic() > limite:
                raise TimeoutError(_tr("la pantalla no quedó lista en {} s").format(segundos))
            time.sleep(0.01)
        fin = time.monotonic() + asentar
        while time.monotonic() < fin:
            QApplication.processEvents()
            time.sleep(0.01)

    @staticmethod
    def cerrar(ventana: QWidget | None) -> None:
        """A window and every dialog opened over it (each is a window of its own: closing the main
        window alone would leave them on screen)."""
        if ventana is None:
            return
        for w in QApplication.topLevelWidgets():
            padre = w.parentWidget()
            while padre is not None and padre is not ventana:
                padre = padre.parentWidget()
            if padre is ventana and w.isVisible():
                w.close()
        ventana.close()

    def conservar(self, widget: W) -> W:
        """A window the walk built: deleted at the end, not left to interpreter shutdown."""
        self._creados.append(widget)
        return widget

    def _cajas_de_error(self) -> list[str]:
        textos = []
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.objectName() == "cajaError" and w.isVisible():
                textos.append(w.text().replace("\n", " "))
                w.close()
        return textos

    def pantalla(self, clave: str | None, titulo: str, abrir: Callable[[], QWidget | None]) -> QWidget | None:
        """Open one screen (or, without `clave`, act on one), wait for it, report it.

        Never raises: a failure is recorded and the walk goes on with the next screen."""
        widget = None
        try:
            widget = abrir()
            self.esperar()
            problemas = self._excepciones + self._cajas_de_error()
            self._excepciones = []
            if problemas:
                raise RuntimeError("; ".join(problemas))
            if self.al_mostrar and clave and widget is not None:
                self.al_mostrar(clave, titulo, widget)
        except Exception as e:  # noqa: BLE001 — every failure becomes one line of the report
            detalle = getattr(e, "__traza__", None) or traceback.format_exc()
            self.fallas.append(f"{titulo}: {e}\n{detalle}")
            self.informar(_tr("FALLÓ: {}: {}").format(titulo, e))
            return widget
        self.correctas.append(titulo)
        self.informar(_tr("Correcta: {}").format(titulo))
        return widget

    def _registrar_excepcion(self, tipo, valor, traza) -> None:
        self._excepciones.append(f"{tipo.__name__}: {valor}")
        sys.__stderr__.write("".join(traceback.format_exception(tipo, valor, traza)))

    # --- the walk ------------------------------------------------------------------------
    def ejecutar(self) -> list[str]:
        previo, sys.excepthook = sys.excepthook, self._registrar_excepcion  # exceptions in slots
        try:
            self._recorrer()
        finally:
            self.tareas.esperar(10_000)  # the pool is shared: the windows' connection checks finish too
            QApplication.processEvents()  # and their results reach the windows while these still exist
            sys.excepthook = previo
            from .app import desmontar

            desmontar(self._creados)
        return self.fallas

    def _recorrer(self) -> None:
        from .app import DialogoPreparacion

        bd = conexion.abrir(f"sqlite:///{(self.carpeta / 'autoprueba.db').as_posix()}")
        try:
            preparacion = DialogoPreparacion(bd, self.tareas)
            self._creados.append(preparacion)
            self.pantalla(None, _tr("Preparación de la base de datos"),
                          lambda: _exigir(preparacion.ejecutar(), preparacion.error))
            servicios = Servicios.de(bd)
            sesion = self._primer_inicio(servicios)
            sesion = self._acceso(servicios) or sesion
            sembrado = correspondencia.sembrar(self, servicios, sesion, CONTRASENA) if sesion is not None else None
            self.pantalla("conexion", _tr("Conexión a la base de datos"), self._conexion)
            if sesion is not None:
                self._ventana(servicios, sesion)
            if sembrado is not None:
                correspondencia.recorrer(self, servicios, *sembrado)
            if sesion is not None:  # the citizen-attention desk, with a sample of its own
                atencion.recorrer(self, servicios, sesion, CONTRASENA)
                # Metas POA as a supervisor and an area's capturer; then the supervisor's dashboard and reports.
                if (supervisor := metas.recorrer(self, servicios, sesion, CONTRASENA)) is not None:
                    reportes.recorrer(self, servicios, supervisor)
        finally:
            self.tareas.esperar(10_000)
            bd.cerrar()

    def _primer_inicio(self, servicios: Servicios):
        dialogo = DialogoPrimerInicio(servicios.usuarios, self.tareas, servicios.bd.describir())
        self._creados.append(dialogo)

        def abrir():
            dialogo.usuario.setText(ADMIN)
            dialogo.nombre.setText(_tr("María Autoprueba Sánchez"))
            dialogo.contrasena.setText(CONTRASENA)
            dialogo.confirmacion.setText(CONTRASENA)
            dialogo.indicador.evaluar()
            dialogo.show()
            return dialogo

        self.pantalla("primer_inicio", _tr("Primer inicio"), abrir)
        self.pantalla(None, _tr("Primer inicio: crear el administrador"), dialogo.crear)
        dialogo.close()
        if dialogo.sesion is None:
            self.fallas.append(_tr("Primer inicio: no se creó el administrador ({})").format(
                " ".join(w.text() for w in dialogo.findChildren(QLabel) if w.property("tipo") == "error")))
        else:
            self.ajustes.ultimo_usuario = dialogo.sesion.nombre  # as the application does
        return dialogo.sesion

    def _acceso(self, servicios: Servicios):
        dialogo = DialogoAcceso(servicios.usuarios, self.tareas, self.ajustes, servicios.bd.describir(),
                                abrir_conexion=_no_abrir)
        self._creados.append(dialogo)

        def abrir():
            dialogo.contrasena.setText(CONTRASENA)
            dialogo.show()
            return dialogo

        self.pantalla("acceso", _tr("Inicio de sesión"), abrir)
        self.pantalla(None, _tr("Inicio de sesión: entrar"), dialogo.entrar)
        dialogo.close()
        if dialogo.sesion is None:
            self.fallas.append(_tr("Inicio de sesión: no se pudo entrar ({})").format(dialogo.mensaje.text()))
        return dialogo.sesion

    def _conexion(self) -> QWidget:
        dialogo = DialogoConexion(self.tareas)
        self._creados.append(dialogo)
        dialogo.servidor.setChecked(True)  # shows every field; nothing is saved
        dialogo.host.setText("servidor-oee")
        dialogo.base.setText("oee")
        dialogo.usuario.setText("oee_captura")
        dialogo.show()
        self._abiertas.append(dialogo)
        return dialogo

    def _ventana(self, servicios: Servicios, sesion) -> None:
        for w in self._abiertas:
            w.close()
        ventana = self.pantalla(None, _tr("Ventana principal"),
                                lambda: VentanaPrincipal(servicios, sesion, self.tareas, self.ajustes))
        if ventana is None:
            return
        self._creados.append(ventana)
        ventana.resize(*TAMANO)
        ventana.show()
        for i in range(ventana.paginas.count()):
            pagina = ventana.paginas.widget(i)
            self.pantalla(pagina.clave or f"pagina_{i + 1}", _tr("Módulo «{}»").format(titulo_de(pagina)),
                          lambda i=i: _y_devolver(ventana.ir_a, i, ventana))
        self.pantalla("cambio_contrasena", _tr("Cambiar mi contraseña"), ventana.cambiar_contrasena)
        self.pantalla("atajos", _tr("Atajos de teclado"), ventana.mostrar_atajos)
        self.cerrar(ventana)


def _no_abrir(_padre: QWidget) -> None:
    """The login's 'Conexión…' button is shown, but the walk opens that dialog by itself."""


def _y_devolver(accion, argumento, widget: QWidget) -> QWidget:
    accion(argumento)
    return widget


def _exigir(correcto: bool, error: BaseException | None) -> None:
    if not correcto:
        raise error or RuntimeError(_tr("no terminó"))


@contextlib.contextmanager
def sin_avisos_offscreen() -> Iterator[None]:
    """The offscreen platform warns on every dialog that it cannot resize a real window; that noise
    would hide the one line per screen that matters. Every other Qt message still goes to stderr."""
    def filtrar(_tipo, _contexto, mensaje: str) -> None:
        if "propagateSizeHints" not in mensaje:
            sys.stderr.write(mensaje + "\n")

    previo = qInstallMessageHandler(filtrar)
    try:
        yield
    finally:
        qInstallMessageHandler(previo)


def autoprueba() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window flashes, and no display needed
    from .app import crear_aplicacion

    crear_aplicacion([sys.argv[0] if sys.argv else "oee-desk"])
    with sin_avisos_offscreen(), tempfile.TemporaryDirectory(
            prefix="oee-autoprueba-", ignore_cleanup_errors=True) as carpeta:
        fallas = Recorrido(Path(carpeta)).ejecutar()
    if fallas:
        print(_tr("Autoprueba con {} falla(s):").format(len(fallas)), file=sys.stderr)
        for falla in fallas:
            print(falla, file=sys.stderr)
        return 1
    print(_tr("Autoprueba correcta: todas las pantallas abrieron sin errores."))
    return 0
