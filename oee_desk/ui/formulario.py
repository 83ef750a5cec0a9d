"""A form dialog built from field descriptions, a confirmation box, and buttons with shortcuts.

The dialog saves through the task runner and closes only when the service accepted the data. On
any error it stays open with what was typed: validation problems appear under the field they name
(placed by `campos.CamposConError`, as in every form of the application), anything else (a
conflict, a lost connection) in a message box over the dialog.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from ..domain.errores import ErrorValidacion
from .apariencia import etiqueta
from .campos import CamposConError
from .errores import mostrar_error
from .tareas import Tareas


@dataclass(frozen=True)
class CampoFormulario:
    clave: str  # key of the value handed to `guardar`
    etiqueta: str  # shown, already translated
    tipo: str = "texto"  # texto | contrasena | entero | fecha | opcion
    opciones: dict[str, str] | None = None  # code -> label, for opcion
    inicial: Any = None
    nombres: tuple[str, ...] = ()  # other names a service's Problema may give this field


def _editor(campo: CampoFormulario) -> QWidget:
    if campo.tipo in ("texto", "contrasena"):
        editor = QLineEdit("" if campo.inicial is None else str(campo.inicial))
        if campo.tipo == "contrasena":
            editor.setEchoMode(QLineEdit.EchoMode.Password)
        return editor
    if campo.tipo == "entero":
        editor = QSpinBox()
        # The minimum stands for "empty": a new row must not silently get 0.
        editor.setRange(-1, 999_999)
        editor.setSpecialValueText(" ")
        editor.setValue(-1 if campo.inicial is None else int(campo.inicial))
        return editor
    if campo.tipo == "fecha":
        editor = QDateEdit(calendarPopup=True)
        editor.setDisplayFormat("dd/MM/yyyy")
        inicial = campo.inicial if isinstance(campo.inicial, dt.date) else dt.date.today()
        editor.setDate(QDate(inicial.year, inicial.month, inicial.day))
        return editor
    if campo.tipo == "opcion":
        editor = QComboBox()
        for clave, texto in (campo.opciones or {}).items():
            editor.addItem(texto, clave)
        editor.setPlaceholderText(QCoreApplication.translate("DialogoFormulario", "Seleccione…"))
        editor.setCurrentIndex(-1 if campo.inicial is None else editor.findData(str(campo.inicial)))
        return editor
    raise ValueError(f"tipo de campo desconocido: {campo.tipo}")


def _valor(campo: CampoFormulario, editor: QWidget) -> Any:
    if isinstance(editor, QLineEdit):
        return editor.text()
    if isinstance(editor, QSpinBox):
        return None if editor.value() == editor.minimum() else editor.value()
    if isinstance(editor, QDateEdit):
        return editor.date().toPython()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    raise TypeError(type(editor))


class DialogoFormulario(QDialog):
    """`guardar(valores)` runs in the task runner; its result is kept in `self.resultado`."""

    def __init__(self, titulo: str, campos: Sequence[CampoFormulario], guardar: Callable[[dict], Any],
                 tareas: Tareas, parent: QWidget | None = None, *, texto_guardar: str | None = None,
                 explicacion: str = ""):
        super().__init__(parent)
        self.setWindowTitle(titulo)
        self.setMinimumWidth(480)
        self._campos = list(campos)
        self._guardar = guardar
        self._tareas = tareas
        self.resultado: Any = None

        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 18, 20, 14)
        capa.setSpacing(10)
        if explicacion:
            capa.addWidget(etiqueta(explicacion, "nota"))
        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_general = etiqueta("", "error", nombre="errorGeneral")
        self.error_general.hide()
        self.campos = CamposConError(formulario, self.error_general)
        for campo in self._campos:
            self.campos.agregar(campo.clave, campo.etiqueta, _editor(campo), *campo.nombres)
        capa.addLayout(formulario)
        capa.addWidget(self.error_general)

        self.botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.boton_guardar = self.botones.button(QDialogButtonBox.StandardButton.Save)
        self.boton_guardar.setText(texto_guardar or self.tr("Guardar"))
        self.boton_guardar.setProperty("primario", True)
        self.botones.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        self.botones.accepted.connect(self.guardar)
        self.botones.rejected.connect(self.reject)
        capa.addWidget(self.botones)
        if self._campos:
            self.editor(self._campos[0].clave).setFocus()

    # --- for pages and tests -------------------------------------------------------------
    def editor(self, clave: str) -> QWidget:
        return self.campos.editor(clave)

    def error(self, clave: str) -> QLabel:
        return self.campos.error(clave)

    def valores(self) -> dict[str, Any]:
        return {c.clave: _valor(c, self.editor(c.clave)) for c in self._campos}

    def guardar(self) -> None:
        self.campos.limpiar()
        self.boton_guardar.setEnabled(False)  # one save at a time: no double registration
        self._tareas.ejecutar(self._guardar, self.valores(), al_terminar=self._guardado, al_fallar=self._fallo)

    # --- results -------------------------------------------------------------------------
    def _guardado(self, resultado: Any) -> None:
        self.resultado = resultado
        self.boton_guardar.setEnabled(True)
        self.accept()

    def _fallo(self, error: BaseException) -> None:
        self.boton_guardar.setEnabled(True)
        if isinstance(error, ErrorValidacion):
            self.campos.mostrar(error.problemas)
        else:
            mostrar_error(self, error)


def confirmar(padre: QWidget, titulo: str, texto: str, accion: str, al_confirmar: Callable[[], None]) -> QMessageBox:
    """A non-blocking question whose safe answer (Cancelar) is the default; returns the box."""
    caja = QMessageBox(QMessageBox.Icon.Question, titulo, texto, QMessageBox.StandardButton.NoButton, padre)
    caja.setObjectName("cajaConfirmacion")
    si = caja.addButton(accion, QMessageBox.ButtonRole.AcceptRole)
    si.setObjectName("botonConfirmar")
    no = caja.addButton(QCoreApplication.translate("DialogoFormulario", "Cancelar"), QMessageBox.ButtonRole.RejectRole)
    caja.setDefaultButton(no)
    caja.setEscapeButton(no)
    caja.buttonClicked.connect(lambda boton: al_confirmar() if boton is si else None)
    caja.open()
    return caja


def boton(padre: QWidget, texto: str, atajo, accion: Callable[[], None], *, primario: bool = False) -> QPushButton:
    """A button with a keyboard shortcut, named in its tooltip.

    No mnemonics (&): Qt's setText replaces the shortcut with one, and Alt+letter would collide
    with the main window's menus. The shortcut fires only while the page is shown.
    """
    resultado = QPushButton(texto, padre)
    secuencia = QKeySequence(atajo)
    resultado.setShortcut(secuencia)
    resultado.setToolTip(f"{texto.rstrip('…')} ({secuencia.toString(QKeySequence.SequenceFormat.NativeText)})")
    resultado.setProperty("primario", primario)
    resultado.clicked.connect(lambda: accion())
    return resultado


def botones_guardar(dialogo: QDialog, texto: str, guardar: Callable[[], None]) -> QHBoxLayout:
    """The row that closes a form dialog: save (Ctrl+S, also Ctrl+Intro) and cancel (Esc), kept on
    the dialog as `boton_guardar` and `boton_cancelar`. Neither is a default button: Intro moves
    between fields instead of saving half a form."""
    dialogo.boton_guardar = boton(dialogo, texto, "Ctrl+S", guardar, primario=True)
    QShortcut(QKeySequence("Ctrl+Return"), dialogo, activated=guardar)
    dialogo.boton_cancelar = QPushButton(QCoreApplication.translate("DialogoFormulario", "Cancelar"), dialogo)
    dialogo.boton_cancelar.setToolTip(QCoreApplication.translate("DialogoFormulario", "Cancelar (Esc)"))
    dialogo.boton_cancelar.clicked.connect(dialogo.reject)
    botones = QHBoxLayout()
    botones.addStretch(1)
    for b in (dialogo.boton_guardar, dialogo.boton_cancelar):
        b.setAutoDefault(False)
        botones.addWidget(b)
    return botones
