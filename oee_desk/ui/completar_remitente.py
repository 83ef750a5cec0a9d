"""Sender completion: as the clerk types a name, earlier senders (name · cargo · institución) are
offered; choosing one fills the position and institution too. The list comes from the service,
which already matches words in any order without accents, so the completer shows it unfiltered."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from ..services import Servicios
from ..services.sesion import Sesion
from .tareas import Tareas

ROL_NOMBRE = Qt.ItemDataRole.UserRole + 1  # what goes into the field: the name alone
ROL_REMITENTE = Qt.ItemDataRole.UserRole + 2  # the whole sender, to fill the other fields
ESPERA_MS = 250
MINIMO_LETRAS = 2


class CompletarRemitente(QObject):
    elegido = Signal(dict)

    def __init__(self, campo: QLineEdit, servicios: Servicios, sesion: Sesion, tareas: Tareas,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.campo, self.servicios, self.sesion, self.tareas = campo, servicios, sesion, tareas
        self.modelo = QStandardItemModel(self)
        self.completador = QCompleter(self.modelo, self)
        self.completador.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completador.setCompletionRole(ROL_NOMBRE)
        self.completador.setMaxVisibleItems(10)
        campo.setCompleter(self.completador)
        self.completador.activated[QModelIndex].connect(self._activado)
        self._consulta = 0
        self._espera = QTimer(self, singleShot=True, interval=ESPERA_MS)
        self._espera.timeout.connect(self.buscar)
        campo.textEdited.connect(lambda _: self._espera.start())

    def buscar(self) -> None:
        self._espera.stop()
        texto = self.campo.text().strip()
        self._consulta += 1
        if len(texto) < MINIMO_LETRAS:
            self.modelo.clear()
            return
        consulta = self._consulta
        self.tareas.ejecutar(self.servicios.bandeja.remitentes, self.sesion, texto,
                             al_terminar=lambda r: self._poner(consulta, r),
                             al_fallar=lambda _e: None)  # a suggestion is a courtesy: typing goes on

    def _poner(self, consulta: int, remitentes: list[dict]) -> None:
        if consulta != self._consulta:  # the clerk kept typing; a newer search is coming
            return
        self.modelo.clear()
        for r in remitentes:
            item = QStandardItem(" · ".join(filter(None, (r["nombre"], r.get("cargo"), r.get("institucion")))))
            item.setData(r["nombre"], ROL_NOMBRE)
            item.setData(r, ROL_REMITENTE)
            item.setEditable(False)
            self.modelo.appendRow(item)
        if remitentes and self.campo.window().focusWidget() is self.campo:
            self.completador.complete()

    def _activado(self, indice: QModelIndex) -> None:
        remitente = indice.data(ROL_REMITENTE)
        if isinstance(remitente, dict):
            self.campo.setText(remitente["nombre"])
            self.elegido.emit(remitente)
