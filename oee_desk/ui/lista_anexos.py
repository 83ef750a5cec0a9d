"""Files chosen to attach, before they are saved: picked with the file dialog (keyboard) or
dropped from the desktop or the scanner's folder (mouse). Only the paths are kept here; the bytes
are read in the task runner when the form is saved."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from .correspondencia_comun import FILTRO_ARCHIVOS, rutas_soltadas, tr
from .formulario import boton


def pedir_archivos(padre: QWidget, carpeta: str) -> list[str]:
    """Module-level so that tests replace it: no native dialog in a test run."""
    rutas, _ = QFileDialog.getOpenFileNames(padre, tr("Elegir archivos para adjuntar"), carpeta, tr(FILTRO_ARCHIVOS))
    return rutas


class ListaAnexos(QWidget):
    cambiada = Signal()

    def __init__(self, parent: QWidget | None = None, *, carpeta: Callable[[], str] = lambda: "",
                 atajo_agregar: str = "Ctrl+O"):
        super().__init__(parent)
        self._carpeta = carpeta  # where the picker opens: the scanner's folder when there is one
        self.lista = QListWidget(self, objectName="listaAnexos")
        self.lista.setMaximumHeight(96)
        self.lista.setToolTip(tr("Arrastre aquí archivos PDF o imágenes"))
        self.lista.setAcceptDrops(False)  # the whole widget takes the drop, not only the list
        self.boton_agregar = boton(self, tr("Agregar archivos…"), atajo_agregar, self.elegir)
        # Delete only inside the list: as a window shortcut it would steal the key from the fields.
        self.boton_quitar = QPushButton(tr("Quitar"), self)
        self.boton_quitar.setToolTip(tr("Quitar el archivo elegido de la lista (Supr)"))
        self.boton_quitar.clicked.connect(self.quitar)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.lista, activated=self.quitar,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.setAcceptDrops(True)

        botones = QVBoxLayout()
        botones.addWidget(self.boton_agregar)
        botones.addWidget(self.boton_quitar)
        botones.addStretch(1)
        capa = QHBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(self.lista, 1)
        capa.addLayout(botones)
        self.lista.currentRowChanged.connect(lambda _: self._actualizar())
        self._actualizar()

    def rutas(self) -> list[str]:
        return [self.lista.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.lista.count())]

    def agregar(self, rutas: list[str]) -> None:
        ya = set(self.rutas())
        for ruta in rutas:
            if ruta in ya:
                continue
            ya.add(ruta)
            item = QListWidgetItem(Path(ruta).name)
            item.setData(Qt.ItemDataRole.UserRole, ruta)
            item.setToolTip(ruta)
            self.lista.addItem(item)
        self._actualizar()
        self.cambiada.emit()

    def elegir(self) -> None:
        rutas = pedir_archivos(self, self._carpeta())
        if rutas:
            self.agregar(rutas)

    def quitar(self) -> None:
        fila = self.lista.currentRow()
        if fila >= 0:
            self.lista.takeItem(fila)
            self._actualizar()
            self.cambiada.emit()

    def limpiar(self) -> None:
        self.lista.clear()
        self._actualizar()

    def _actualizar(self) -> None:
        self.boton_quitar.setEnabled(self.lista.currentRow() >= 0)

    # --- drag and drop ---------------------------------------------------------------------------
    def dragEnterEvent(self, evento: QDragEnterEvent) -> None:
        if rutas_soltadas(evento.mimeData()):
            evento.acceptProposedAction()

    def dragMoveEvent(self, evento) -> None:
        if rutas_soltadas(evento.mimeData()):
            evento.acceptProposedAction()

    def dropEvent(self, evento: QDropEvent) -> None:
        rutas = rutas_soltadas(evento.mimeData())
        if rutas:
            self.agregar(rutas)
            evento.acceptProposedAction()
