"""What the «Importar historia…» dialogs share (importar_atencion.py, importar_oficios.py): the file
filter, the table of bad rows and the Archivo menu entry that opens a dialog."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QHeaderView, QMenu, QTableWidget, QTableWidgetItem, QWidget

from ..domain.roles import Accion
from ..services import Servicios
from ..services.sesion import Sesion
from .tareas import Tareas

FILTRO = "Hojas de cálculo (*.xlsx *.csv);;Excel (*.xlsx);;CSV UTF-8 (*.csv)"
MAXIMO_ERRORES_VISIBLES = 5000  # a table of more helps nobody; the count says how many there are


def tabla_errores(encabezados: Sequence[str]) -> QTableWidget:
    """The bad rows, read-only, the last column (the reason) taking the width left; hidden until used."""
    tabla = QTableWidget(0, len(encabezados), objectName="tablaErrores")
    tabla.setHorizontalHeaderLabels(list(encabezados))
    tabla.horizontalHeader().setSectionResizeMode(len(encabezados) - 1, QHeaderView.ResizeMode.Stretch)
    tabla.verticalHeader().hide()
    tabla.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    tabla.hide()
    return tabla


def mostrar_errores(tabla: QTableWidget, filas: Sequence[Sequence[str]]) -> None:
    """Fill the table with `filas` (texts, one per column); shown only when there is any."""
    ultima = tabla.columnCount() - 1
    tabla.setUpdatesEnabled(False)
    tabla.setRowCount(len(filas))
    for n, fila in enumerate(filas):
        for m, valor in enumerate(fila):
            tabla.setItem(n, m, QTableWidgetItem(valor))
    tabla.resizeColumnsToContents()
    tabla.horizontalHeader().setSectionResizeMode(ultima, QHeaderView.ResizeMode.Stretch)
    tabla.setUpdatesEnabled(True)
    tabla.setVisible(bool(filas))


class Abridor(QObject):
    """Opens the dialog from the menu: a bound slot of a child of the window, holding no reference
    to the window itself (a Python closure would keep it alive after «Cerrar sesión»)."""

    def __init__(self, ventana: QWidget, clase: type[QDialog], servicios: Servicios, sesion: Sesion, tareas: Tareas):
        super().__init__(ventana)
        self.clase, self.servicios, self.sesion, self.tareas = clase, servicios, sesion, tareas

    def abrir(self) -> QDialog:
        dialogo = self.clase(self.servicios, self.sesion, self.tareas, self.parent())
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogo.open()
        return dialogo


def agregar_accion_importar(ventana: QWidget, menu: QMenu, servicios: Servicios, sesion: Sesion, tareas: Tareas, *,
                            clase: type[QDialog], permiso: Accion, texto: str, nombre: str) -> QAction | None:
    """The menu entry `texto` (object name `accion<nombre>`) that opens `clase`; none for the roles
    without `permiso`, the one the import service requires."""
    if not sesion.puede(permiso):
        return None
    abridor = Abridor(ventana, clase, servicios, sesion, tareas)
    abridor.setObjectName(f"abridor{nombre}")
    accion = menu.addAction(texto)
    accion.setObjectName(f"accion{nombre}")
    accion.triggered.connect(abridor.abrir)
    return accion
