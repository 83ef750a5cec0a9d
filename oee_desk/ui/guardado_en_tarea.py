"""The save of a small form dialog (follow-up, canalization, gira): off the GUI thread, one at a time;
problems shown under the fields they name, any other error in a box, and nothing typed is lost."""
from __future__ import annotations

from typing import Any, Callable

from ..domain.errores import ErrorValidacion
from .errores import mostrar_error


class GuardadoEnTarea:
    """Mixed into a QDialog that has `boton_guardar`, `campos` (CamposConError) and `tareas`, and
    defines `_al_guardar(resultado)`: what the dialog keeps and announces before it closes."""

    def _guardar_en_tarea(self, funcion: Callable[..., Any], *args: Any) -> None:
        if not self.boton_guardar.isEnabled():
            return
        self.boton_guardar.setEnabled(False)  # one save at a time: nothing is written twice
        self.campos.limpiar()
        self.tareas.ejecutar(funcion, *args, al_terminar=self._guardado_en_tarea, al_fallar=self._fallo)

    def _guardado_en_tarea(self, resultado: Any) -> None:
        self.boton_guardar.setEnabled(True)
        self._al_guardar(resultado)
        self.accept()

    def _fallo(self, error: BaseException) -> None:
        self.boton_guardar.setEnabled(True)
        if isinstance(error, ErrorValidacion):
            self.campos.mostrar(error.problemas)
            self.adjustSize()  # grown for the messages, else the fields under them get squeezed
        else:
            mostrar_error(self, error)
