"""One row of the turn form: agency (typed by siglas or name), role, instruction, term in business
days with the due date it gives, and a note; its problems appear under it."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QGridLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget,
)

from ..domain.dias_habiles import Calendario
from ..domain.texto import normalizar
from ..domain.turnos import PLAZO_MAXIMO, ROLES_TURNO
from .apariencia import etiqueta, marcar
from .campos import frase
from .correspondencia_comun import tr

PLAZO_PREDETERMINADO = 10  # two working weeks; a saved group carries its own terms
ROL_BUSQUEDA = Qt.ItemDataRole.UserRole + 5
# Stretch of each column of the one grid that holds the header and every row, so they line up.
ESTIRAR = (4, 0, 2, 0, 0, 2, 0)
TITULOS = ("Dependencia", "Rol", "Instrucción", "Plazo (días hábiles)", "Vence", "Nota")


def rejilla(widget: QWidget) -> QGridLayout:
    capa = QGridLayout(widget)
    capa.setContentsMargins(0, 0, 0, 0)
    capa.setHorizontalSpacing(6)
    capa.setVerticalSpacing(2)
    for i, estirar in enumerate(ESTIRAR):
        capa.setColumnStretch(i, estirar)
    return capa


def encabezado(parent: QWidget) -> list[QLabel]:
    return [QLabel(f"<b>{tr(texto)}</b>", parent) for texto in TITULOS]


def _combo_corto(parent: QWidget, nombre: str, letras: int) -> QComboBox:
    """Sized by a number of letters, not by its longest item: one long agency name must not
    push the other columns out of the window."""
    combo = QComboBox(parent, objectName=nombre)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letras)
    return combo


class FilaTurno(QObject):
    """The widgets of one row; the dialog places them in its grid (two grid rows per turno)."""

    def __init__(self, dependencias: list[tuple[str, str]], instrucciones: list[tuple[str, str]],
                 parent: QWidget):
        super().__init__(parent)
        self.calendario: Calendario | None = None
        self._marcados: list[QWidget] = []
        self.dependencia = _combo_corto(parent, "turnoDependencia", 24)
        self.dependencia.setEditable(True)
        self.dependencia.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for codigo, nombre in dependencias:
            texto = f"{codigo} — {nombre}"
            self.dependencia.addItem(texto, codigo)
            # Matched with and without accents: «educacion» and «Educación» both find the SEC.
            self.dependencia.setItemData(self.dependencia.count() - 1, f"{texto} {normalizar(texto)}", ROL_BUSQUEDA)
        self.dependencia.setCurrentIndex(-1)
        self.dependencia.lineEdit().setPlaceholderText(tr("Siglas o nombre"))
        completador = QCompleter(self.dependencia.model(), self.dependencia)
        completador.setCompletionRole(ROL_BUSQUEDA)
        completador.setFilterMode(Qt.MatchFlag.MatchContains)
        completador.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completador.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.dependencia.setCompleter(completador)
        self.rol = _combo_corto(parent, "turnoRol", 12)
        for codigo, texto in ROLES_TURNO.items():
            self.rol.addItem(tr(texto), codigo)
        self.instruccion = _combo_corto(parent, "turnoInstruccion", 16)
        for codigo, nombre in instrucciones:
            self.instruccion.addItem(nombre, codigo)
        self.instruccion.setCurrentIndex(max(0, self.instruccion.findData("atencion_procedente")))
        self.plazo = QSpinBox(parent, objectName="turnoPlazo")
        self.plazo.setRange(1, PLAZO_MAXIMO)
        self.plazo.setValue(PLAZO_PREDETERMINADO)
        self.plazo.valueChanged.connect(lambda _: self.calcular_vencimiento())
        self.vence = QLabel(parent, objectName="turnoVence")
        self.nota = QLineEdit(parent, objectName="turnoNota")
        self.quitar = QPushButton("✕", parent, objectName="turnoQuitar")
        self.quitar.setToolTip(tr("Quitar esta dependencia (Ctrl+Shift+Supr)"))
        self.quitar.setAutoDefault(False)
        self.quitar.setFixedWidth(30)
        self.error = etiqueta("", "error", nombre="turnoError")
        self.error.setParent(parent)
        self.error.hide()
        self.dependencia.editTextChanged.connect(lambda _: self.limpiar_error())

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.dependencia, self.rol, self.instruccion, self.plazo, self.vence, self.nota, self.quitar)

    def colocar(self, capa: QGridLayout, fila: int) -> None:
        for i, w in enumerate(self.widgets()):
            capa.addWidget(w, fila, i)
        capa.addWidget(self.error, fila + 1, 0, 1, len(ESTIRAR))

    def contiene(self, widget: QWidget | None) -> bool:
        return widget is not None and any(w is widget or w.isAncestorOf(widget) for w in self.widgets())

    def retirar(self) -> None:
        for w in (*self.widgets(), self.error):
            w.hide()
            w.deleteLater()
        self.deleteLater()

    # --- values ----------------------------------------------------------------------------------
    def codigo_dependencia(self) -> str:
        """The chosen agency's siglas, or what was typed (the service also takes a name)."""
        texto = self.dependencia.currentText().strip()
        indice = self.dependencia.findText(texto)
        if indice >= 0:
            return self.dependencia.itemData(indice)
        return texto.split(" — ")[0].strip()

    def valores(self) -> dict:
        return {"dependencia": self.codigo_dependencia(), "rol": self.rol.currentData(),
                "instruccion": self.instruccion.currentData(), "plazo_dias_habiles": self.plazo.value(),
                "nota": self.nota.text()}

    def poner(self, turno: dict) -> None:
        indice = self.dependencia.findData(turno.get("dependencia"))
        if indice >= 0:
            self.dependencia.setCurrentIndex(indice)
        else:
            self.dependencia.setEditText(str(turno.get("dependencia") or ""))
        self.rol.setCurrentIndex(max(0, self.rol.findData(turno.get("rol") or "responsable")))
        indice = self.instruccion.findData(turno.get("instruccion"))
        if indice >= 0:
            self.instruccion.setCurrentIndex(indice)
        self.plazo.setValue(int(turno.get("plazo_dias_habiles") or PLAZO_PREDETERMINADO))
        self.nota.setText(turno.get("nota") or "")
        for campo in (self.dependencia.lineEdit(), self.nota):
            campo.setCursorPosition(0)  # a long name shows its beginning (the siglas), not its end

    def vacia(self) -> bool:
        return not self.dependencia.currentText().strip()

    # --- due date and problems -------------------------------------------------------------------
    def calcular_vencimiento(self, calendario: Calendario | None = None, hoy: dt.date | None = None) -> None:
        self.calendario = calendario or self.calendario
        if self.calendario is None:
            self.vence.setText("…")
            return
        fecha = self.calendario.sumar(hoy or dt.date.today(), self.plazo.value())
        self.vence.setText(fecha.strftime("%d/%m/%Y"))
        self.vence.setToolTip(tr("Vence el %s, contando días hábiles desde hoy") % fecha.strftime("%d/%m/%Y"))

    def mostrar_error(self, campo: str, mensaje: str) -> None:
        editores = {"dependencia": self.dependencia, "rol": self.rol, "instruccion": self.instruccion,
                    "plazo_dias_habiles": self.plazo, "nota": self.nota}
        rotulos = {"rol": tr("Rol"), "instruccion": tr("Instrucción"), "plazo_dias_habiles": tr("Plazo"),
                   "nota": tr("Nota")}
        texto = frase(mensaje) if campo not in rotulos else f"{rotulos[campo]}: {frase(mensaje)}"
        anterior = self.error.text()
        self.error.setText((anterior + "\n" if anterior else "") + texto)
        self.error.show()
        marcar(editores.get(campo, self.dependencia), "invalido", True)
        self._marcados.append(editores.get(campo, self.dependencia))

    def limpiar_error(self) -> None:
        if self.error.text():
            self.error.clear()
            self.error.hide()
            for editor in self._marcados:
                marcar(editor, "invalido", False)
            self._marcados.clear()
