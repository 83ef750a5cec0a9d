"""Form rows whose problems appear in red right under the field they name.

The services raise `ErrorValidacion` with one `Problema` per field ("contraseña", "nombre
completo"…); this places each under its editor and keeps what was typed, so the user fixes only
what is wrong. A problem for a field the form does not show goes to one general label.
"""
from __future__ import annotations

from typing import Sequence

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..domain.errores import Problema
from ..domain.texto import normalizar
from .apariencia import etiqueta, marcar


def frase(mensaje: str) -> str:
    """'debe tener al menos 10 caracteres' -> 'Debe tener al menos 10 caracteres.'"""
    mensaje = mensaje.strip()
    return mensaje[:1].upper() + mensaje[1:] + ("" if mensaje.endswith((".", ")")) else ".")


class CamposConError:
    def __init__(self, formulario: QFormLayout, general: QLabel):
        self._formulario = formulario
        self.general = general
        self._editores: dict[str, QWidget] = {}
        self._errores: dict[str, QLabel] = {}
        self._nombres: dict[str, str] = {}  # normalized problem field name -> our key

    def agregar(self, clave: str, texto: str, editor: QWidget, *otros_nombres: str,
                debajo: QWidget | None = None) -> QLabel:
        """One row: label, editor, optional hint under it, and the (hidden) error label."""
        error = etiqueta("", "error", nombre=f"error_{clave}")
        error.hide()
        editor.setObjectName(editor.objectName() or f"campo_{clave}")
        celda = QWidget()
        pila = QVBoxLayout(celda)
        pila.setContentsMargins(0, 0, 0, 0)
        pila.setSpacing(3)
        pila.addWidget(editor)
        if debajo is not None:
            pila.addWidget(debajo)
        pila.addWidget(error)
        rotulo = QLabel(texto + ":")
        rotulo.setBuddy(editor)  # screen readers and the label's accelerator reach the editor
        self._formulario.addRow(rotulo, celda)
        self._editores[clave], self._errores[clave] = editor, error
        for nombre in (clave, texto, *otros_nombres):
            self._nombres[normalizar(nombre)] = clave
        if isinstance(editor, QLineEdit):
            # Once the user touches the field, the old complaint no longer describes it.
            editor.textEdited.connect(lambda _t, c=clave: self.limpiar(c))
        return error

    def error(self, clave: str) -> QLabel:
        return self._errores[clave]

    def editor(self, clave: str) -> QWidget:
        return self._editores[clave]

    def mostrar(self, problemas: Sequence[Problema]) -> None:
        sueltos: list[str] = []
        primero: QWidget | None = None
        for problema in problemas:
            clave = self._nombres.get(normalizar(problema.campo))
            if clave is None:
                sueltos.append(f"{frase(problema.campo)}: {problema.mensaje}")
                continue
            label = self._errores[clave]
            label.setText((label.text() + "\n" if label.text() else "") + frase(problema.mensaje))
            label.show()
            marcar(self._editores[clave], "invalido", True)
            primero = primero or self._editores[clave]
        if sueltos:
            self.mostrar_general("\n".join(sueltos))
        if primero is not None:
            primero.setFocus()

    def mostrar_general(self, texto: str) -> None:
        self.general.setText(texto)
        self.general.show()

    def limpiar(self, clave: str | None = None) -> None:
        claves = [clave] if clave else list(self._errores)
        for c in claves:
            self._errores[c].clear()
            self._errores[c].hide()
            if self._editores[c].property("invalido"):
                marcar(self._editores[c], "invalido", False)
        if clave is None:
            self.general.clear()
            self.general.hide()
