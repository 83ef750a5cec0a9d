"""Table models of the correspondence desk: the bandeja (paged and sorted in SQL) and a matter's
turnos, both painting the semáforo."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from ..domain import semaforo
from ..domain.oficios import PRIORIDADES
from ..domain.turnos import ROLES_TURNO
from ..services.bandeja import FilaBandeja
from ..services.lectura_turnos import DatosTurno
from .correspondencia_comun import (
    COLORES, ESTADOS, ESTATUS_TURNO, FONDOS, GRIS, OPORTUNIDADES, marca_48_horas, semaforo_de_fila, tr,
)
from .modelos_tabla import Columna, ModeloFilas, ModeloPaginado
from .tareas import Tareas

_Indice = QModelIndex | QPersistentModelIndex
TAM_PAGINA = 100

# Column -> FiltroBandeja.orden. The others (institution, light, 48 h) have no index to sort on.
ORDEN_DE_COLUMNA = {0: "numero", 1: "recepcion", 2: "remitente", 4: "asunto", 5: "prioridad", 6: "estado"}
COLUMNA_DE_ORDEN = {v: k for k, v in ORDEN_DE_COLUMNA.items()}
COL_PRIORIDAD, COL_SEMAFORO, COL_48 = 5, 7, 8


def _estado(f: FilaBandeja) -> str:
    return tr("Anulado") if f.anulado else tr(ESTADOS.get(f.estado, f.estado))


def _semaforo(f: FilaBandeja) -> str:
    luz = semaforo_de_fila(f)
    if luz == "vencido" and f.vencidos > 1:
        return tr("Vencido (%s)") % f.vencidos
    return tr(OPORTUNIDADES[luz]) if luz else ""


def a_tiempo(f: FilaBandeja) -> bool | None:
    """Turned within 48 hours; for a matter not turned yet, already late if turning it right now
    would be (the domain's own rule, asked with «now» as the turn)."""
    if f.turnado_a_tiempo is not None or f.anulado:
        return f.turnado_a_tiempo
    return None if semaforo.turnado_a_tiempo(f.fecha_recepcion, dt.datetime.now()) else False


def _una_linea(texto: str | None) -> str:
    return " ".join((texto or "").split())


class ModeloBandeja(ModeloPaginado):
    """Asks `ServicioBandeja.pagina` for 100 rows at a time; a click on a header asks the page
    to sort in SQL (`orden_pedido`) instead of sorting the rows already loaded."""

    orden_pedido = Signal(str, bool)  # FiltroBandeja.orden, descendente

    def __init__(self, tareas: Tareas, parent=None):
        columnas = [
            Columna(tr("Número"), lambda f: f.numero_control),
            Columna(tr("Recibido"), lambda f: f.fecha_recepcion),
            Columna(tr("Remitente"), lambda f: f.remitente),
            Columna(tr("Institución"), lambda f: f.institucion or ""),
            Columna(tr("Asunto"), lambda f: _una_linea(f.asunto)),
            Columna(tr("Prioridad"), lambda f: tr(PRIORIDADES.get(f.prioridad, f.prioridad))),
            Columna(tr("Estado"), _estado),
            Columna(tr("Semáforo"), _semaforo),
            Columna(tr("48 h"), lambda f: marca_48_horas(a_tiempo(f))),
        ]
        super().__init__(columnas, tareas, parent, tam_pagina=TAM_PAGINA, identidad=lambda f: f.id)
        self._tachada = QFont()
        self._tachada.setStrikeOut(True)
        self._negrita = QFont()
        self._negrita.setBold(True)

    def data(self, index: _Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._filas):
            return None
        fila: FilaBandeja = self._filas[index.row()]
        columna = index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            if fila.anulado:
                return GRIS
            if columna == COL_SEMAFORO and (luz := semaforo_de_fila(fila)):
                return COLORES[luz]
            if columna == COL_48 and (marca := a_tiempo(fila)) is not None:
                return COLORES["en_tiempo" if marca else "vencido"]
            return None
        if role == Qt.ItemDataRole.BackgroundRole and columna == COL_SEMAFORO and (luz := semaforo_de_fila(fila)):
            return FONDOS[luz]
        if role == Qt.ItemDataRole.FontRole:
            if fila.anulado:
                return self._tachada
            if columna == COL_PRIORIDAD and fila.prioridad == "urgente":
                return self._negrita
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and columna == COL_48:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and columna == COL_48 and (marca := a_tiempo(fila)) is not None:
            if fila.turnado_a_tiempo is None:
                return tr("Sin turnar y ya pasaron 48 horas desde la recepción")
            return tr("Turnado dentro de 48 horas") if marca else tr("Turnado después de 48 horas")
        return super().data(index, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column in ORDEN_DE_COLUMNA:
            self.orden_pedido.emit(ORDEN_DE_COLUMNA[column], order == Qt.SortOrder.DescendingOrder)


def ajustar_columnas_bandeja(tabla: QTableView) -> None:
    """Short columns as wide as their text (the header's bold title included, without the room Qt
    keeps for a sort arrow on every column); sender, institution and subject share the rest, the
    subject taking what is left, so the list does not scroll sideways at 1280 px."""
    modelo, encabezado = tabla.model(), tabla.horizontalHeader()
    negrita = QFont(tabla.font())
    negrita.setBold(True)
    medida = QFontMetrics(negrita)
    for c in range(modelo.columnCount()):
        encabezado.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        titulo = medida.horizontalAdvance(modelo.headerData(c, Qt.Orientation.Horizontal)) + 30
        tabla.setColumnWidth(c, min(max(tabla.sizeHintForColumn(c) + 10, titulo), 240))
    libre = tabla.viewport().width() - sum(tabla.columnWidth(c) for c in (0, 1, 5, 6, 7, 8))
    for c, parte in ((2, 0.3), (3, 0.26)):
        tabla.setColumnWidth(c, max(90, min(tabla.columnWidth(c), int(libre * parte))))
    encabezado.setStretchLastSection(False)
    encabezado.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)


def _plazo(t: DatosTurno) -> str:
    return tr("%s d. háb.") % t.plazo_dias_habiles


def _estatus(t: DatosTurno) -> str:
    texto = tr(ESTATUS_TURNO.get(t.estatus, t.estatus))
    return f"{texto} ({t.avance_pct} %)" if t.estatus == "en_proceso" and t.avance_pct else texto


class ModeloTurnos(ModeloFilas):
    """A matter's turnos; its light is the turn's timeliness (answered ones keep theirs)."""

    def __init__(self, parent=None):
        super().__init__([
            Columna(tr("Dependencia"), lambda t: f"{t.dependencia} — {t.dependencia_nombre}"),
            Columna(tr("Rol"), lambda t: tr(ROLES_TURNO.get(t.rol, t.rol))),
            Columna(tr("Instrucción"), lambda t: t.instruccion_nombre),
            Columna(tr("Plazo"), _plazo),
            Columna(tr("Turnado"), lambda t: t.fecha_turno.date()),
            Columna(tr("Vence"), lambda t: t.fecha_limite),
            Columna(tr("Acuse"), lambda t: t.fecha_acuse),
            Columna(tr("Estado"), _estatus),
            Columna(tr("Semáforo"), lambda t: tr(OPORTUNIDADES[t.semaforo.oportunidad.value])),
        ], parent)

    def data(self, index: _Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == 8 and index.row() < len(self._filas):
            luz = self._filas[index.row()].semaforo.oportunidad.value
            if role == Qt.ItemDataRole.ForegroundRole:
                return COLORES[luz]
            if role == Qt.ItemDataRole.BackgroundRole:
                return FONDOS[luz]
        return super().data(index, role)
