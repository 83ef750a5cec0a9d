"""How errors reach people: one Spanish sentence, and for bad input the fields to fix."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.errores import BaseDatosInaccesible, ErrorOee, ErrorValidacion


def texto_error(error: BaseException) -> str:
    if isinstance(error, ErrorValidacion):
        return "Revise los datos:\n" + "\n".join(f"• {p.campo}: {p.mensaje}" for p in error.problemas)
    if isinstance(error, BaseDatosInaccesible):
        return f"{error.mensaje}\n\nLo que escribió sigue en el formulario; guarde de nuevo cuando vuelva la conexión."
    if isinstance(error, ErrorOee):
        return error.mensaje
    return f"Ocurrió un error inesperado: {error}"


def mostrar_error(padre: QWidget | None, error: BaseException, titulo: str = "No se pudo completar") -> None:
    caja = QMessageBox(QMessageBox.Icon.Warning, titulo, texto_error(error), QMessageBox.StandardButton.Ok, padre)
    caja.setObjectName("cajaError")
    caja.open()  # non-blocking: tests and the event loop go on
