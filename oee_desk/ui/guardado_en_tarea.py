"""The save of a small form dialog (follow-up, canalization, gira, meta, capture of a meta): off the
GUI thread, one at a time; problems shown under the fields they name, any other error in a box, and
nothing typed is lost."""
from __future__ import annotations

from typing import Any, Callable

from ..domain.errores import ErrorValidacion
from .errores import mostrar_error


class GuardadoEnTarea:
    """Mixed into a QDialog that has `boton_guardar`, `campos` (CamposConError) and `tareas`, and
    defines `_al_guardar(resultado)`: what the dialog keeps and announces before it closes. A dialog
    that shows problems its own way overrides `_limpiar_problemas` and `_mostrar_problemas`."""

    def _guardar_en_tarea(self, funcion: Callable[..., Any], *args: Any, **opciones: Any) -> None:
        if not self.boton_guardar.isEnabled():
            return
        self.boton_guardar.setEnabled(False)  # one save at a time: nothing is written twice
        self._limpiar_problemas()
        self.tareas.ejecutar(funcion, *args, **opciones, al_terminar=self._guardado_en_tarea, al_fallar=self._fallo)

    def _al_guardar(self, resultado: Any) -> None:
        pass

    def _limpiar_problemas(self) -> None:
        self.campos.limpiar()

    def _mostrar_problemas(self, problemas: list) -> None:
        self.campos.mostrar(problemas)
        self.adjustSize()  # grown for the messages, else the fields under them get squeezed

    def _guardado_en_tarea(self, resultado: Any) -> None:
        self.boton_guardar.setEnabled(True)
        self._al_guardar(resultado)
        self.accept()

    def _fallo(self, error: BaseException) -> None:
        self.boton_guardar.setEnabled(True)
        if isinstance(error, ErrorValidacion):
            self._mostrar_problemas(error.problemas)
        else:
            mostrar_error(self, error)
