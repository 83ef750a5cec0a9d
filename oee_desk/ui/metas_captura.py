"""A meta period by period: the table under the list of metas (programmed, achieved, closed), and
the dialog where an area captures the achieved values of a manual meta, one field per period.
Periods of closed months are shown but cannot change: they were printed."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDoubleSpinBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from ..domain import metas as reglas
from ..services.metas import ServicioMetas
from ..services.sesion import Sesion
from .apariencia import etiqueta, marcar
from .formulario import botones_guardar
from .guardado_en_tarea import GuardadoEnTarea
from .metas_comun import ESTILO_CERRADO, campo_en_espanol, cifra, clave_campo, nombre_periodo, rotulos_periodo, tr
from .tareas import Tareas

_Indice = QModelIndex | QPersistentModelIndex
VACIO = -1  # a spin box at its minimum means «not captured yet»


def cerrado(m: dict, indice: int) -> bool:
    return reglas.periodo_cerrado(len(m["programado"]), indice, m.get("ultimo_mes_cerrado") or 0)


class ModeloPeriodos(QAbstractTableModel):
    """Rows Programado, Alcanzado and Estado; one column per period of the chosen meta."""

    FILAS = ("Programado", "Alcanzado", "Estado")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.meta: dict | None = None

    def poner(self, meta: dict | None) -> None:
        self.beginResetModel()
        self.meta = meta
        self.endResetModel()

    def rowCount(self, parent: _Indice = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.meta is None else len(self.FILAS)

    def columnCount(self, parent: _Indice = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.meta is None else 1 + len(self.meta["programado"])

    def data(self, index: _Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.meta is None:
            return None
        r, c, m = index.row(), index.column(), self.meta
        if role == Qt.ItemDataRole.TextAlignmentRole and c:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if c == 0:
            return tr(self.FILAS[r])
        i = c - 1
        if r == 0:
            return cifra(m["programado"][i], m["unidad"])
        if r == 1:
            if m["fuente"] != "manual":
                return tr("auto")
            return cifra((m.get("alcanzado") or [None] * len(m["programado"]))[i], m["unidad"])
        return tr("cerrado") if cerrado(m, i) else tr("abierto")

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.meta is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if section == 0 else rotulos_periodo(len(self.meta["programado"]))[section - 1]
        if role == Qt.ItemDataRole.ToolTipRole and section:
            return nombre_periodo(len(self.meta["programado"]), section - 1)
        return None


class DialogoCaptura(GuardadoEnTarea, QDialog):
    """`numero_meta` is the meta's, for the page to reselect it once saved."""

    def __init__(self, metas: ServicioMetas, sesion: Sesion, tareas: Tareas, anio: int, meta: dict,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.metas, self.sesion, self.tareas, self.anio, self.meta = metas, sesion, tareas, anio, meta
        self.numero_meta = meta["numero"]
        self.setObjectName("dialogoCaptura")
        self.setWindowTitle(tr("Capturar avance — meta %1 de %2").replace("%1", str(self.numero_meta))
                            .replace("%2", str(anio)))
        self.setMinimumWidth(520)
        periodos, porcentaje = len(meta["programado"]), meta["unidad"] == "porcentaje"
        alcanzado = meta.get("alcanzado") or [None] * periodos

        descripcion = etiqueta(meta["descripcion"], "subtitulo", nombre="descripcionCaptura")
        datos = etiqueta(tr("Área: %1 · Unidad: %2").replace("%1", meta["area"])
                         .replace("%2", tr(reglas.UNIDADES.get(meta["unidad"], meta["unidad"]))), "nota")
        rejilla = QGridLayout()
        rejilla.setHorizontalSpacing(14)
        rejilla.setVerticalSpacing(4)
        for columna, texto in enumerate((tr("Periodo"), tr("Programado"), tr("Alcanzado"))):
            titulo = etiqueta(texto, "nota", ajustar=False)
            if columna:  # over figures, read from the right
                titulo.setAlignment(Qt.AlignmentFlag.AlignRight)
            rejilla.addWidget(titulo, 0, columna)
        self.valores: list[QDoubleSpinBox] = []
        for i in range(periodos):
            campo = QDoubleSpinBox(self, objectName=f"alcanzado{i}")
            campo.setDecimals(1 if porcentaje else 0)
            campo.setRange(VACIO, 100 if porcentaje else 9_999_999)
            campo.setSpecialValueText("—")  # at the minimum: not captured yet
            campo.setGroupSeparatorShown(True)
            campo.setSuffix(" %" if porcentaje else "")
            campo.setAlignment(Qt.AlignmentFlag.AlignRight)
            campo.setStyleSheet(ESTILO_CERRADO)
            campo.setValue(VACIO if alcanzado[i] is None else alcanzado[i])
            campo.setMinimumWidth(130)
            rotulo = QLabel(nombre_periodo(periodos, i), self)
            rotulo.setBuddy(campo)
            programado = etiqueta(cifra(meta["programado"][i], meta["unidad"]), ajustar=False)
            programado.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for columna, w in enumerate((rotulo, programado, campo)):
                rejilla.addWidget(w, i + 1, columna)
            if cerrado(meta, i):
                campo.setEnabled(False)
                campo.setToolTip(tr("Mes cerrado: el valor ya salió en un informe impreso."))
                rejilla.addWidget(etiqueta(tr("mes cerrado"), "nota", ajustar=False), i + 1, 3)
            self.valores.append(campo)
        self.error = etiqueta("", "error", nombre="errorCaptura")
        self.error.hide()

        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 18, 20, 14)
        capa.addWidget(descripcion)
        capa.addWidget(datos)
        capa.addLayout(rejilla)
        capa.addWidget(etiqueta(tr("Deje «—» (el mínimo) en los periodos que aún no tienen valor."), "nota"))
        capa.addWidget(self.error)
        capa.addLayout(botones_guardar(self, tr("Guardar avance"), self.guardar))
        abiertos = [c for c in self.valores if c.isEnabled()]
        if abiertos:
            abiertos[0].setFocus()

    def alcanzado(self) -> list:
        entero = self.meta["unidad"] == "conteo"
        return [None if c.value() == VACIO else (int(c.value()) if entero else c.value()) for c in self.valores]

    def guardar(self) -> None:
        self._guardar_en_tarea(self.metas.capturar, self.sesion, self.anio, self.numero_meta, self.alcanzado(),
                               self.meta["version"])

    def _limpiar_problemas(self) -> None:
        self.error.hide()
        for c in self.valores:
            marcar(c, "invalido", False)

    def _mostrar_problemas(self, problemas: list) -> None:
        """Bad values stay in the form, each period marked and named in Spanish."""
        periodos = len(self.valores)
        lineas = []
        for p in problemas:
            _campo, indice = clave_campo(p.campo)
            if indice is not None and indice < periodos:
                marcar(self.valores[indice], "invalido", True)
            lineas.append(f"{campo_en_espanol(p.campo, periodos)}: {p.mensaje}")
        self.error.setText("\n".join(lineas))
        self.error.show()
