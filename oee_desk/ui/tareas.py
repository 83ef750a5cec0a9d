"""The one task runner: database work off the GUI thread, results back on it.

`Tareas.ejecutar(funcion, ...)` runs `funcion` in the thread pool and calls `al_terminar(resultado)`
or `al_fallar(error)` on the GUI thread through a queued signal. A function that accepts
`progreso` gets a callback that may be called from the worker thread with (hechos, total).
`Tareas(sincrona=True)` runs everything in place, for tests (as Picard's fake thread pool).
"""
from __future__ import annotations

import inspect
import traceback
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Senales(QObject):
    terminado = Signal(object)
    fallado = Signal(object)
    progreso = Signal(int, int)


class _Trabajo(QRunnable):
    def __init__(self, funcion: Callable[..., Any], args, kwargs, senales: _Senales):
        super().__init__()
        self.funcion, self.args, self.kwargs, self.senales = funcion, args, kwargs, senales

    @Slot()
    def run(self) -> None:
        funcion, args, kwargs = self.funcion, self.args, self.kwargs
        self.funcion = self.args = self.kwargs = None  # Tareas keeps them until the GUI thread is done
        try:
            resultado = funcion(*args, **kwargs)
        except BaseException as e:  # noqa: BLE001 — every failure goes back to the GUI to be shown
            e.__traza__ = traceback.format_exc()
            self.senales.fallado.emit(e)
        else:
            self.senales.terminado.emit(resultado)


def _si_vive(callback: Callable[..., None]) -> Callable[..., None]:
    """A result that arrives after its window was closed and deleted is dropped, not delivered to
    a dead widget (e.g. the periodic connection check finishing just after «Cerrar sesión»)."""
    duenio = getattr(callback, "__self__", None)
    if not isinstance(duenio, QObject):
        return callback

    def llamar(*args):
        if shiboken6.isValid(duenio):
            callback(*args)

    return llamar


class Tareas(QObject):
    ocupado = Signal(bool)  # the main window shows a busy indicator while anything runs

    def __init__(self, parent: QObject | None = None, *, sincrona: bool = False):
        super().__init__(parent)
        self.sincrona = sincrona
        self._pool = QThreadPool.globalInstance()
        # Each running task's signals and call, held here so that the last reference to whatever
        # the call carries (often a widget) is dropped on the GUI thread, never on a worker.
        self._vivas: dict[_Senales, tuple] = {}

    def ejecutar(self, funcion: Callable[..., Any], *args: Any,
                 al_terminar: Callable[[Any], None] | None = None,
                 al_fallar: Callable[[BaseException], None] | None = None,
                 al_progresar: Callable[[int, int], None] | None = None, **kwargs: Any) -> None:
        senales = _Senales()
        if al_terminar:
            senales.terminado.connect(_si_vive(al_terminar))
        if al_fallar:
            senales.fallado.connect(_si_vive(al_fallar))
        else:
            senales.fallado.connect(self._sin_manejar)
        if al_progresar:
            senales.progreso.connect(_si_vive(al_progresar))
            if "progreso" in inspect.signature(funcion).parameters:
                kwargs["progreso"] = lambda hechos, total=0: senales.progreso.emit(int(hechos), int(total))
        senales.terminado.connect(self._soltar)
        senales.fallado.connect(self._soltar)
        self._vivas[senales] = (funcion, args, kwargs)
        self.ocupado.emit(True)
        trabajo = _Trabajo(funcion, args, kwargs, senales)
        if self.sincrona:
            trabajo.run()
        else:
            self._pool.start(trabajo)

    @Slot(object)
    def _soltar(self, _resultado=None) -> None:
        senales = self.sender()
        if senales not in self._vivas:
            return
        del self._vivas[senales]
        senales.deleteLater()  # its connections (and the callbacks they hold) go with it
        if not self._vivas:
            self.ocupado.emit(False)

    @staticmethod
    def _sin_manejar(error: BaseException) -> None:
        raise error

    def esperar(self, milisegundos: int = 30000) -> bool:
        return self._pool.waitForDone(milisegundos)
