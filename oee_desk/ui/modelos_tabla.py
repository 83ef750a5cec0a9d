"""Qt table models over the frozen dataclasses the services return.

`ModeloFilas` shows a list already in memory (users, a catalog: hundreds of rows at most).
`ModeloPaginado` is for lists that grow without bound (the audit log): it asks its loader for one
page at a time, through the task runner, only when the view scrolls near the end.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Hashable, Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView

from .tareas import Tareas

_Indice = QModelIndex | QPersistentModelIndex
ROL_VALOR = Qt.ItemDataRole.UserRole  # the raw value of a cell, for code and tests


@dataclass(frozen=True)
class Columna:
    titulo: str
    valor: Callable[[Any], Any]  # row -> value; formatted by `texto_celda` unless it is a str
    numerica: bool = False  # right-aligned, as numbers are read


def texto_celda(valor: Any) -> str:
    """Dates as the office writes them (dd/mm/aaaa), booleans as Sí/No, nothing for None."""
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return QCoreApplication.translate("ModeloFilas", "Sí") if valor else QCoreApplication.translate("ModeloFilas", "No")
    if isinstance(valor, dt.datetime):
        return valor.strftime("%d/%m/%Y %H:%M")
    if isinstance(valor, dt.date):
        return valor.strftime("%d/%m/%Y")
    return str(valor)


class ModeloFilas(QAbstractTableModel):
    """Read-only rows; `atenuar(fila)` greys out rows such as inactive ones."""

    def __init__(self, columnas: Sequence[Columna], parent=None, *,
                 atenuar: Callable[[Any], bool] | None = None):
        super().__init__(parent)
        self._columnas = list(columnas)
        self._filas: list[Any] = []
        self._atenuar = atenuar

    # --- what pages use ------------------------------------------------------------------
    def poner_filas(self, filas: Sequence[Any]) -> None:
        self.beginResetModel()
        self._filas = list(filas)
        self.endResetModel()

    def poner_columnas(self, columnas: Sequence[Columna]) -> None:
        self.beginResetModel()
        self._columnas = list(columnas)
        self._filas = []
        self.endResetModel()

    def fila(self, numero: int) -> Any:
        return self._filas[numero]

    def filas(self) -> list[Any]:
        return list(self._filas)

    def buscar(self, predicado: Callable[[Any], bool]) -> int:
        """Row number of the first row that matches, or -1: to reselect a row after a reload."""
        return next((i for i, f in enumerate(self._filas) if predicado(f)), -1)

    # --- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent: _Indice = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent: _Indice = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columnas)

    def data(self, index: _Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._filas) or index.column() >= len(self._columnas):
            return None
        columna, fila = self._columnas[index.column()], self._filas[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            valor = columna.valor(fila)
            return valor if isinstance(valor, str) else texto_celda(valor)
        if role == ROL_VALOR:
            return columna.valor(fila)
        if role == Qt.ItemDataRole.TextAlignmentRole and columna.numerica:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._atenuar and self._atenuar(fila):
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columnas[section].titulo if 0 <= section < len(self._columnas) else None
        return str(section + 1)


def vista_tabla(modelo: ModeloFilas, parent=None) -> QTableView:
    """The office's list look: whole-row selection, read-only cells, no row numbers."""
    tabla = QTableView(parent)
    tabla.setModel(modelo)
    tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tabla.setAlternatingRowColors(True)
    tabla.setWordWrap(False)
    tabla.verticalHeader().hide()
    tabla.horizontalHeader().setStretchLastSection(True)
    tabla.horizontalHeader().setHighlightSections(False)
    return tabla


def ajustar_columnas(tabla: QTableView, *, estirar: Sequence[int] = (), maximo: int = 420) -> None:
    """Fit columns to their text (never so wide that one long name pushes the rest away), and
    let the `estirar` columns (the names, usually) take the width that is left."""
    encabezado = tabla.horizontalHeader()
    columnas = tabla.model().columnCount()
    encabezado.setStretchLastSection(not estirar)
    for columna in range(columnas):
        encabezado.setSectionResizeMode(columna, QHeaderView.ResizeMode.Interactive)
    tabla.resizeColumnsToContents()
    for columna in range(columnas):
        tabla.setColumnWidth(columna, min(tabla.columnWidth(columna) + 12, maximo))
    for columna in estirar:
        if 0 <= columna < columnas:
            encabezado.setSectionResizeMode(columna, QHeaderView.ResizeMode.Stretch)


class ModeloPaginado(ModeloFilas):
    """Rows loaded `tam_pagina` at a time by `cargar(desde_fila, limite)`, off the GUI thread.

    A page shorter than `tam_pagina` means the end was reached. `reiniciar` (a new filter) bumps a
    generation number so that a page still in flight for the old filter is dropped on arrival.
    Newest-first lists grow at the top while one scrolls, which shifts the offsets: with
    `identidad`, rows already shown are skipped instead of appearing twice.
    """

    fallo = Signal(object)  # the loader raised; the page shows it
    pagina_cargada = Signal(int)  # rows now loaded

    def __init__(self, columnas: Sequence[Columna], tareas: Tareas, parent=None, *, tam_pagina: int = 200,
                 atenuar: Callable[[Any], bool] | None = None, identidad: Callable[[Any], Hashable] | None = None):
        super().__init__(columnas, parent, atenuar=atenuar)
        self._identidad = identidad
        self._vistos: set[Hashable] = set()
        self._tareas = tareas
        self.tam_pagina = tam_pagina
        self._cargar: Callable[[int, int], list[Any]] | None = None
        self._generacion = 0
        self._cargando = False
        self._agotado = True

    def reiniciar(self, cargar: Callable[[int, int], list[Any]] | None) -> None:
        self._generacion += 1
        self._cargar = cargar
        self._agotado = cargar is None
        self._vistos.clear()
        # Busy while the reset's signals run: a view (or a test) reacting to them must not start
        # a load in the middle of the reset; the first page is asked for right after it.
        self._cargando = True
        self.poner_filas([])
        self._cargando = False
        if cargar is not None:
            self.fetchMore(QModelIndex())

    @property
    def cargando(self) -> bool:
        return self._cargando

    def canFetchMore(self, parent: _Indice = QModelIndex()) -> bool:
        return not parent.isValid() and not self._agotado and not self._cargando

    def fetchMore(self, parent: _Indice = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._cargando = True
        generacion, desde = self._generacion, len(self._filas)
        self._tareas.ejecutar(
            self._cargar, desde, self.tam_pagina,
            al_terminar=lambda filas: self._agregar(generacion, filas),
            al_fallar=lambda error: self._fallar(generacion, error))

    def _agregar(self, generacion: int, filas: list[Any]) -> None:
        if generacion != self._generacion:
            return
        self._agotado = len(filas) < self.tam_pagina
        if self._identidad is not None:
            filas = [f for f in filas if self._identidad(f) not in self._vistos]
            self._vistos.update(self._identidad(f) for f in filas)
        if filas:
            inicio = len(self._filas)
            self.beginInsertRows(QModelIndex(), inicio, inicio + len(filas) - 1)
            self._filas.extend(filas)
            self.endInsertRows()  # still "loading": no nested fetch from the insertion's signals
        self._cargando = False
        self.pagina_cargada.emit(len(self._filas))

    def _fallar(self, generacion: int, error: BaseException) -> None:
        if generacion != self._generacion:
            return
        # Stop asking: a view would otherwise retry on every scroll and stack error boxes.
        self._cargando = False
        self._agotado = True
        self.fallo.emit(error)
