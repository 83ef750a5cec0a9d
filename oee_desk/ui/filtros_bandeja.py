"""The bandeja's filter bar: every control maps to one field of `FiltroBandeja`, and the choice
is remembered per workstation so a clerk finds the list as she left it."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ..domain.catalogos import DESTINATARIOS
from ..domain.oficios import PRIORIDADES
from ..services.bandeja import FiltroBandeja
from .apariencia import fecha_opcional
from .correspondencia_comun import ESTADOS, OPORTUNIDADES, tr
from .flujo import CapaFlujo

ANIOS_ATRAS = 6  # one administration
# «Turnado en 48 h»: the combo's codes for FiltroBandeja.turnado_48h (True / False).
TURNADO_48H = {"si": QT_TRANSLATE_NOOP("Correspondencia", "Sí"), "no": QT_TRANSLATE_NOOP("Correspondencia", "No")}
DE_CODIGO_48H = {"si": True, "no": False}


def codigo_48h(valor: Any) -> str | None:
    """The combo's code for a filter value: True / False (or their codes, as remembered)."""
    if isinstance(valor, bool):
        return "si" if valor else "no"
    return valor if valor in DE_CODIGO_48H else None


class BarraFiltros(QWidget):
    cambiado = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        hoy = dt.date.today()
        self._recordados: dict[str, Any] = {}
        self.serie = self._combo(tr("Todas"), objeto="filtroSerie")
        self.anio = self._combo(tr("Todos"), [(str(a), a) for a in range(hoy.year, hoy.year - ANIOS_ATRAS - 1, -1)],
                                objeto="filtroAnio")
        self.estado = self._combo(tr("Todos"), [(tr(t), c) for c, t in ESTADOS.items()], objeto="filtroEstado")
        self.oportunidad = self._combo(tr("Todos"), [(tr(t), c) for c, t in OPORTUNIDADES.items()],
                                       objeto="filtroSemaforo")
        self.prioridad = self._combo(tr("Todas"), [(tr(t), c) for c, t in PRIORIDADES.items()], objeto="filtroPrioridad")
        self.turnado_48h = self._combo(tr("Todos"), [(tr(t), c) for c, t in TURNADO_48H.items()], objeto="filtro48h")
        self.turnado_48h.setToolTip(tr("Sí: turnados dentro de 48 horas de su recepción. No: turnados después, "
                                       "o aún sin turnar pasadas 48 horas. Sin anulados."))
        self.dependencia = self._combo(tr("Todas"), objeto="filtroDependencia")
        self.dependencia.setMaximumWidth(300)
        self.destinatario = self._combo(tr("Todos"), [(tr(t), c) for c, t in DESTINATARIOS.items()],
                                        objeto="filtroDestinatario")
        self.usar_desde, self.desde = fecha_opcional(self, tr("Desde"), hoy.replace(day=1), self.cambiado.emit)
        self.usar_hasta, self.hasta = fecha_opcional(self, tr("Hasta"), hoy, self.cambiado.emit)

        # As many per row as the window's width allows (two rows at 1280 px, three at 900).
        capa = CapaFlujo(self)
        pares = [(tr("Serie:"), self.serie), (tr("Año:"), self.anio), (tr("Estado:"), self.estado),
                 (tr("Semáforo:"), self.oportunidad), (tr("Turnado en 48 h:"), self.turnado_48h),
                 (tr("Prioridad:"), self.prioridad), (tr("Dependencia:"), self.dependencia),
                 (tr("Dirigido a:"), self.destinatario)]
        for texto, control in pares:
            rotulo = QLabel(texto, self)
            rotulo.setBuddy(control)
            capa.addWidget(self._pieza(rotulo, control))
        capa.addWidget(self._pieza(self.usar_desde, self.desde, self.usar_hasta, self.hasta))

    def _pieza(self, *widgets: QWidget) -> QWidget:
        """Widgets that stay together on one row (a label and its control)."""
        pieza = QWidget(self)
        fila = QHBoxLayout(pieza)
        fila.setContentsMargins(0, 0, 0, 0)
        fila.setSpacing(6)
        for w in widgets:
            fila.addWidget(w)
        return pieza

    def _combo(self, todos: str, opciones: list[tuple[str, Any]] = (), *, objeto: str) -> QComboBox:
        combo = QComboBox(self, objectName=objeto)
        combo.addItem(todos, None)
        for texto, dato in opciones:
            combo.addItem(texto, dato)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _: self.cambiado.emit())
        return combo

    # --- options that come from the database ---------------------------------------------------
    def poner_opciones(self, series: list[str], dependencias: list[tuple[str, str]]) -> None:
        antes = self.filtro()
        for clave, combo, opciones in (("serie", self.serie, [(s, s) for s in series]),
                                       ("dependencia", self.dependencia, [(f"{c} — {n}", c) for c, n in dependencias])):
            # A remembered choice may arrive before its option does.
            elegido = combo.currentData() or self._recordados.get(clave)
            combo.blockSignals(True)  # refilling is not a new filter
            while combo.count() > 1:
                combo.removeItem(1)
            for texto, dato in opciones:
                combo.addItem(texto, dato)
            combo.setCurrentIndex(max(0, combo.findData(elegido)))
            combo.blockSignals(False)
        if self.filtro() != antes:  # a remembered agency or series took effect only now
            self.cambiado.emit()

    # --- the filter --------------------------------------------------------------------------------
    def filtro(self, texto: str = "", orden: str = "recepcion", descendente: bool = True) -> FiltroBandeja:
        return FiltroBandeja(
            texto=texto, serie=self.serie.currentData() or "", anio=self.anio.currentData(),
            estado=self.estado.currentData() or "", oportunidad=self.oportunidad.currentData() or "",
            dependencia=self.dependencia.currentData() or "",
            desde=self.desde.date().toPython() if self.usar_desde.isChecked() else None,
            hasta=self.hasta.date().toPython() if self.usar_hasta.isChecked() else None,
            destinatario=self.destinatario.currentData() or "", prioridad=self.prioridad.currentData() or "",
            turnado_48h=DE_CODIGO_48H.get(self.turnado_48h.currentData()), orden=orden, descendente=descendente)

    def activos(self) -> int:
        f = self.filtro()
        return sum(bool(v) for v in (f.serie, f.anio, f.estado, f.oportunidad, f.dependencia, f.desde, f.hasta,
                                     f.destinatario, f.prioridad)) + (f.turnado_48h is not None)

    def como_dict(self) -> dict[str, Any]:
        f = self.filtro()
        return {"serie": f.serie, "anio": f.anio, "estado": f.estado, "oportunidad": f.oportunidad,
                "dependencia": f.dependencia, "destinatario": f.destinatario, "prioridad": f.prioridad,
                "turnado_48h": f.turnado_48h}

    def restaurar(self, valores: dict[str, Any]) -> None:
        """Dates are not restored: yesterday's «hasta hoy» would silently hide today's mail."""
        self._recordados = dict(valores)
        controles = {"serie": self.serie, "anio": self.anio, "estado": self.estado, "oportunidad": self.oportunidad,
                     "dependencia": self.dependencia, "destinatario": self.destinatario, "prioridad": self.prioridad,
                     "turnado_48h": self.turnado_48h}
        for clave, combo in controles.items():
            valor = codigo_48h(valores.get(clave)) if clave == "turnado_48h" else valores.get(clave) or None
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(valor)))
            combo.blockSignals(False)

    def elegir(self, **valores: Any) -> None:
        """Only these filters (estado, oportunidad, anio, dependencia… as in `como_dict`), every other
        one cleared, with one announcement: where a figure of the dashboard leads."""
        self.blockSignals(True)
        self.limpiar()
        self.blockSignals(False)
        self.restaurar(valores)  # an agency's option may arrive later: restaurar remembers it
        self.cambiado.emit()

    def limpiar(self) -> None:
        self._recordados = {}
        for combo in (self.serie, self.anio, self.estado, self.oportunidad, self.prioridad, self.dependencia,
                      self.destinatario, self.turnado_48h):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for usar in (self.usar_desde, self.usar_hasta):
            usar.blockSignals(True)
            usar.setChecked(False)
            usar.blockSignals(False)
        self.desde.setEnabled(False)
        self.hasta.setEnabled(False)
        self.cambiado.emit()
