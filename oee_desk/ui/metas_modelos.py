"""Qt models of the POA tally on screen: an indicator's rows by month, and the metas by quarter with
their TOTALES row. Each cell knows which records it counts (`celda`), for the drill-down."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from ..services.poa import Ajuste, FilaMeta, Indicador, ReportePoa
from .metas_comun import MESES_CORTOS, TRIMESTRES, cifra, nombre_mes, tr
from .modelos_tabla import ROL_VALOR

_Indice = QModelIndex | QPersistentModelIndex
DERECHA = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
FONDO_AJUSTE = QColor("#fff1d1")  # the style sheet's «aviso» tint: this figure moved after printing
FONDO_TOTAL = QColor("#ede3e7")  # the PDF's light wine of the Total rows


def _negrita() -> QFont:
    fuente = QFont(QApplication.font())
    fuente.setBold(True)
    return fuente


def _atenuado() -> QBrush:
    return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


@dataclass(frozen=True)
class CeldaIndicador:
    """A cell of Part 1 as servicios.poa.detalle asks for it; `meses` None is the whole year."""
    indicador: int
    fila: str  # canal | seguimiento | total
    canal: str | None
    rubro: str
    meses: tuple[int, ...] | None


@dataclass(frozen=True)
class CeldaMeta:
    numero: int
    descripcion: str
    trimestre: int | None  # 1–4; None: the annual total
    hasta_mes: int = 12  # the report's last month: the list counts what the cell counts


def texto_ajuste(valor: int) -> str:
    return tr("incluye %s de registros tardíos de meses cerrados") % f"{valor:+,d}"


class ModeloIndicador(QAbstractTableModel):
    """Rubro, ENE … DIC, TOTAL. The last row is the Total, the one before it the Seguimiento row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.indicador: Indicador | None = None
        self._hasta = 12  # months after the report's month are not in it
        self._cerrado = 0
        self._ajustes: dict[tuple[int, int], int] = {}  # (row, month) -> late records added there

    def poner(self, indicador: Indicador, reporte: ReportePoa) -> None:
        self.beginResetModel()
        self.indicador = indicador
        self._hasta = reporte.mes or 12
        self._cerrado = reporte.ultimo_mes_cerrado
        self._ajustes = {}
        for a in (a for a in reporte.ajustes if a.indicador == indicador.numero and a.mes):
            for fila in self._filas_del_ajuste(a):
                self._ajustes[(fila, a.mes)] = self._ajustes.get((fila, a.mes), 0) + a.valor
        self.endResetModel()

    def _filas_del_ajuste(self, a: Ajuste) -> list[int]:
        filas = self.indicador.filas
        propia = next((i for i, f in enumerate(filas[:-1]) if (f.canal == a.canal if a.canal else
                                                               f.canal is None and f.rubro == a.rubro)), None)
        return ([] if propia is None else [propia]) + [len(filas) - 1]  # the Total row adds it too

    def celda(self, indice: _Indice) -> CeldaIndicador | None:
        if self.indicador is None or not indice.isValid():
            return None
        filas, r, c = self.indicador.filas, indice.row(), indice.column()
        f = filas[r]
        tipo = "canal" if f.canal else ("total" if r == len(filas) - 1 else "seguimiento")
        if 1 <= c <= 12:
            if c > self._hasta:
                return None
            meses: tuple[int, ...] | None = (c,)
        else:  # the rubro or the TOTAL: what the report's TOTAL counts, January to its month
            meses = None if self._hasta == 12 else tuple(range(1, self._hasta + 1))
        return CeldaIndicador(self.indicador.numero, tipo, f.canal, f.rubro, meses)

    def ajuste(self, fila: int, mes: int) -> int:
        return self._ajustes.get((fila, mes), 0)

    # --- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: _Indice = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.indicador is None else len(self.indicador.filas)

    def columnCount(self, parent: _Indice = QModelIndex()) -> int:
        return 0 if parent.isValid() else 14

    def data(self, index: _Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.indicador is None:
            return None
        r, c = index.row(), index.column()
        f = self.indicador.filas[r]
        valor = f.rubro if c == 0 else (f.total if c == 13 else f.meses[c - 1])
        total = r == len(self.indicador.filas) - 1
        if role == Qt.ItemDataRole.DisplayRole:
            return valor if c == 0 else cifra(valor)
        if role == ROL_VALOR:
            return valor
        if role == Qt.ItemDataRole.TextAlignmentRole and c:
            return DERECHA
        if role == Qt.ItemDataRole.FontRole and (total or c == 13):
            return _negrita()
        ajuste = self.ajuste(r, c) if 1 <= c <= 12 else 0
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(FONDO_AJUSTE) if ajuste else (QBrush(FONDO_TOTAL) if total else None)
        if role == Qt.ItemDataRole.ForegroundRole and 1 <= c <= 12 and c > self._hasta:
            return _atenuado()
        if role == Qt.ItemDataRole.ToolTipRole:
            if c == 0:
                return valor
            if ajuste:
                return f"{cifra(valor)}: {texto_ajuste(ajuste)}"
            if 1 <= c <= self._cerrado:
                return tr("%s: mes cerrado, cifra impresa") % cifra(valor)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr("Rubro") if section == 0 else (tr("TOTAL") if section == 13 else tr(MESES_CORTOS[section - 1]))
        if role == Qt.ItemDataRole.ToolTipRole and 1 <= section <= 12:
            mes = nombre_mes(section).capitalize()
            return tr("%s: mes cerrado; muestra las cifras impresas al cerrarlo") % mes \
                if section <= self._cerrado else mes
        if role == Qt.ItemDataRole.TextAlignmentRole and section:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


COLUMNAS_METAS = ("No.", "Descripción", "Área", *TRIMESTRES, "Total anual", "Programado anual", "% de cumplimiento")
# On two lines, so the figure columns are as wide as their figures and the description gets the room.
ENCABEZADOS_METAS = {"Total anual": "Total\nanual", "Programado anual": "Programado\nanual",
                     "% de cumplimiento": "% de\ncumplimiento"}


class ModeloMetasInforme(QAbstractTableModel):
    """Part 2: one row per meta, then TOTALES (the conteo metas per quarter)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.metas: list[FilaMeta] = []
        self.totales: list = [0, 0, 0, 0]
        self._hasta = 12

    def poner(self, reporte: ReportePoa) -> None:
        self.beginResetModel()
        self.metas, self.totales = list(reporte.metas), list(reporte.totales_metas)
        self._hasta = reporte.mes or 12
        self.endResetModel()

    def celda(self, indice: _Indice) -> CeldaMeta | None:
        if not indice.isValid() or indice.row() >= len(self.metas):
            return None
        m, c = self.metas[indice.row()], indice.column()
        trimestre = c - 2 if 3 <= c <= 6 else None
        if trimestre and 3 * trimestre - 2 > self._hasta:  # a quarter the report does not reach yet
            return None
        return CeldaMeta(m.numero, m.descripcion, trimestre, self._hasta)

    def _valor(self, r: int, c: int):
        if r == len(self.metas):
            return tr("TOTALES") if c == 0 else (self.totales[c - 3] if 3 <= c <= 6 else None)
        m = self.metas[r]
        return (m.numero, m.descripcion, m.area, *m.trimestres, m.total, m.programado, m.cumplimiento_pct)[c]

    def rowCount(self, parent: _Indice = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.metas) + 1

    def columnCount(self, parent: _Indice = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNAS_METAS)

    def data(self, index: _Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        valor, totales = self._valor(r, c), r == len(self.metas)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if c in (1, 2) or (c == 0 and totales):
                return valor or ""
            unidad = "porcentaje" if c == 9 else ("conteo" if totales else self.metas[r].unidad)
            return str(valor) if c == 0 else cifra(valor, unidad)
        if role == ROL_VALOR:
            return valor
        if role == Qt.ItemDataRole.TextAlignmentRole and (c == 0 or c >= 3) and not (totales and c == 0):
            return DERECHA
        if role == Qt.ItemDataRole.FontRole and totales:
            return _negrita()
        if role == Qt.ItemDataRole.BackgroundRole and totales:
            return QBrush(FONDO_TOTAL)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(ENCABEZADOS_METAS.get(COLUMNAS_METAS[section], COLUMNAS_METAS[section]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr(COLUMNAS_METAS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and (section == 0 or section >= 3):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
