"""Table models of the citizen-attention desk: every petition (paged and sorted in SQL), the
callbacks due, and one petition's seguimientos timeline and canalizaciones."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from ..services.lista_peticiones import FilaPeticion
from ..services.peticiones import DatosCanalizacion, DatosSeguimiento
from ..services.seguimientos import LlamadaPendiente
from .atencion_comun import (
    color_luz, estatus_texto, luz_detalle, luz_texto, resultado_texto, tipo_seguimiento_texto, tr,
)
from .correspondencia_comun import COLORES, GRIS
from .modelos_tabla import Columna, ModeloFilas, ModeloPaginado
from .tareas import Tareas

_Indice = QModelIndex | QPersistentModelIndex
TAM_PAGINA = 100

# Column -> FiltroPeticiones.orden: the columns the database has an order for.
ORDEN_DE_COLUMNA = {0: "folio", 1: "recepcion", 5: "estatus", 7: "limite"}
COLUMNA_DE_ORDEN = {v: k for k, v in ORDEN_DE_COLUMNA.items()}
# What an operator reads first comes first (up to the due date it fits 1280 px); channel,
# municipality, operator and gira follow, for the wide screens or a scroll to the side.
COL_CIUDADANO, COL_TEMA, COL_ESTATUS, COL_SEMAFORO = 2, 4, 5, 6
# Widths are measured, but never past these: one long name must not push the light out of sight.
ANCHO_MAXIMO = {COL_CIUDADANO: 230, COL_TEMA: 150, 8: 170, 9: 140}


def _una_linea(texto: str | None) -> str:
    return " ".join((texto or "").split())


class ModeloPeticiones(ModeloPaginado):
    """Asks `ServicioListaPeticiones.pagina` for 100 rows at a time; a click on a header asks the
    page to sort in SQL (`orden_pedido`) instead of sorting the rows already loaded."""

    orden_pedido = Signal(str, bool)  # FiltroPeticiones.orden, descendente

    def __init__(self, tareas: Tareas, parent=None, *, tam_pagina: int = TAM_PAGINA):
        columnas = [
            Columna(tr("Folio"), lambda f: f.folio),
            Columna(tr("Recibida"), lambda f: f.fecha_recepcion),
            Columna(tr("Ciudadano"), lambda f: f.ciudadano),
            Columna(tr("Teléfono"), lambda f: f.telefono or ""),
            Columna(tr("Tema"), lambda f: f.tema),
            Columna(tr("Estatus"), lambda f: estatus_texto(f.estatus)),
            Columna(tr("Semáforo"), lambda f: luz_texto(f.semaforo)),
            Columna(tr("Vence"), lambda f: f.fecha_limite),
            Columna(tr("Canal"), lambda f: f.canal),
            Columna(tr("Municipio"), lambda f: f.municipio or ""),
            Columna(tr("Operador"), lambda f: f.operador),
            Columna(tr("Gira"), lambda f: f.gira or ""),
        ]
        super().__init__(columnas, tareas, parent, tam_pagina=tam_pagina, identidad=lambda f: f.id)
        self._tachada = QFont()
        self._tachada.setStrikeOut(True)

    def data(self, index: _Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._filas) or index.column() >= self.columnCount():
            return None
        fila: FilaPeticion = self._filas[index.row()]
        columna = index.column()
        anulada = fila.estatus == "anulada"
        if role == Qt.ItemDataRole.ForegroundRole:
            if anulada:
                return GRIS
            return color_luz(fila.semaforo)[0] if columna == COL_SEMAFORO else None
        if role == Qt.ItemDataRole.BackgroundRole and columna == COL_SEMAFORO:
            return color_luz(fila.semaforo)[1]
        if role == Qt.ItemDataRole.FontRole and anulada:
            return self._tachada
        if role == Qt.ItemDataRole.ToolTipRole and columna == COL_SEMAFORO:
            return luz_detalle(fila.semaforo)
        return super().data(index, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column in ORDEN_DE_COLUMNA:
            self.orden_pedido.emit(ORDEN_DE_COLUMNA[column], order == Qt.SortOrder.DescendingOrder)


def ajustar_columnas_peticiones(tabla: QTableView, *, estirar: int = COL_CIUDADANO) -> None:
    """Each column as wide as its text and bold title (capped); the citizen's name takes what is
    left when there is any (the secondary columns at the end scroll into view otherwise)."""
    modelo, encabezado = tabla.model(), tabla.horizontalHeader()
    negrita = QFont(tabla.font())
    negrita.setBold(True)
    medida = QFontMetrics(negrita)
    for c in range(modelo.columnCount()):
        encabezado.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        titulo = medida.horizontalAdvance(modelo.headerData(c, Qt.Orientation.Horizontal)) + 24
        tabla.setColumnWidth(c, min(max(tabla.sizeHintForColumn(c) + 10, titulo), ANCHO_MAXIMO.get(c, 200)))
    encabezado.setStretchLastSection(False)
    libre = tabla.viewport().width() - sum(tabla.columnWidth(c) for c in range(modelo.columnCount())
                                           if not tabla.isColumnHidden(c))
    if libre > 0:  # room to spare: the name gets it rather than an empty strip at the right
        tabla.setColumnWidth(estirar, tabla.columnWidth(estirar) + libre)


# --- the callbacks queue -----------------------------------------------------------------------
def _atraso(x: LlamadaPendiente) -> str:
    if x.dias_atraso <= 0:
        return tr("Hoy")
    return tr("1 día") if x.dias_atraso == 1 else tr("%s días") % x.dias_atraso


class ModeloLlamadas(ModeloFilas):
    """Callbacks due today and overdue, oldest first (the service's order); late ones in red."""

    COL_ATRASO = 1

    def __init__(self, parent=None):
        super().__init__([
            Columna(tr("Llamar el"), lambda x: x.proxima_llamada),
            Columna(tr("Atraso"), _atraso),
            Columna(tr("Folio"), lambda x: x.folio),
            Columna(tr("Ciudadano"), lambda x: x.ciudadano),
            Columna(tr("Teléfono"), lambda x: x.telefono or ""),
            Columna(tr("Estatus"), lambda x: estatus_texto(x.estatus)),
            Columna(tr("Responsable"), lambda x: x.responsable),
        ], parent)

    def data(self, index: _Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == self.COL_ATRASO
                and index.row() < len(self._filas) and self._filas[index.row()].dias_atraso > 0):
            return COLORES["vencido"]
        return super().data(index, role)


# --- one petition ------------------------------------------------------------------------------
class ModeloSeguimientos(ModeloFilas):
    """The timeline, oldest first as it happened: the newest is the last row."""

    def __init__(self, parent=None):
        super().__init__([
            Columna(tr("Fecha"), lambda x: x.fecha),
            Columna(tr("Tipo"), lambda x: tipo_seguimiento_texto(x.tipo)),
            Columna(tr("Resultado"), lambda x: resultado_texto(x.resultado)),
            Columna(tr("Operador"), lambda x: x.operador),
            Columna(tr("Nota"), lambda x: _una_linea(x.nota)),
        ], parent)

    def data(self, index: _Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The whole note on hover: the cell shows one line of it.
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == 4 \
                and index.row() < len(self._filas):
            fila: DatosSeguimiento = self._filas[index.row()]
            return fila.nota or ""
        return super().data(index, role)


class ModeloCanalizaciones(ModeloFilas):
    def __init__(self, parent=None):
        super().__init__([
            Columna(tr("Fecha"), lambda c: c.fecha),
            Columna(tr("Tipo"), lambda c: tr("Dependencia (por oficio)") if c.externa else tr("Área interna")),
            Columna(tr("Destino"), lambda c: _destino(c)),
            Columna(tr("Oficio de canalización"), lambda c: c.numero_oficio or "—"),
            Columna(tr("Nota"), lambda c: _una_linea(c.nota)),
        ], parent)


def _destino(c: DatosCanalizacion) -> str:
    return f"{c.destino} — {c.destino_nombre}" if c.externa else c.destino_nombre
