"""'Cambiar mi contraseña': the signed-in user changes their own password.

Built on the shared form dialog, so problems ("la contraseña actual no es correcta", a weak new one)
appear under the field they name and the dialog stays open with what was typed.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ..services.sesion import Sesion
from ..services.usuarios import ServicioUsuarios
from .formulario import CampoFormulario, DialogoFormulario
from .tareas import Tareas


def _tr(texto: str) -> str:
    return QCoreApplication.translate("CambioContrasena", texto)


def dialogo_cambio_contrasena(usuarios: ServicioUsuarios, sesion: Sesion, tareas: Tareas,
                              parent: QWidget | None = None) -> DialogoFormulario:
    campos = [
        CampoFormulario("actual", _tr("Contraseña actual"), "contrasena", nombres=("contraseña actual",)),
        CampoFormulario("nueva", _tr("Nueva contraseña"), "contrasena", nombres=("nueva contraseña",)),
        CampoFormulario("confirmacion", _tr("Confirmación"), "contrasena", nombres=("confirmación",)),
    ]

    def guardar(valores: dict) -> None:
        usuarios.cambiar_propia_contrasena(sesion, valores["actual"], valores["nueva"], valores["confirmacion"])

    dialogo = DialogoFormulario(
        _tr("Cambiar mi contraseña"), campos, guardar, tareas, parent, texto_guardar=_tr("Cambiar contraseña"),
        explicacion=_tr("Al menos 10 caracteres que no contengan su usuario. Una frase de varias palabras "
                        "es fácil de recordar y difícil de adivinar."))
    dialogo.setObjectName("dialogoCambioContrasena")
    return dialogo
