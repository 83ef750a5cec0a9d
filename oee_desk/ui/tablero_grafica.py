"""The dashboard's drawn pieces: the chart of the year's petitions per month, stacked by channel (a
bar leads to the petitions of that channel and month), its legend, the cards and the panels."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QMargins, QSize, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QLabel, QPushButton, QSizePolicy, QToolTip, QVBoxLayout, QWidget,
)

from ..services.tablero import SerieCanal
from .apariencia import etiqueta


def tr(texto: str) -> str:
    return QCoreApplication.translate("Tablero", texto)


ESTILO = """
QPushButton[tipo="tarjeta"] { background: #ffffff; border: 1px solid #dcd8d0; border-radius: 4px; padding: 0; }
QPushButton[tipo="tarjeta"]:hover, QPushButton[tipo="tarjeta"]:focus { border: 1px solid #7b1e3c; background: #fbf7f8; }
QPushButton[tipo="enlace"] { border: none; background: transparent; color: #6d1a36; font-weight: bold;
                             padding: 2px 6px; text-align: right; }
QPushButton[tipo="enlace"]:hover, QPushButton[tipo="enlace"]:focus { text-decoration: underline; }
QPushButton[tipo="leyenda"] { border: none; background: transparent; padding: 1px 2px; text-align: left; }
QPushButton[tipo="leyenda"]:hover, QPushButton[tipo="leyenda"]:focus { text-decoration: underline; }
QLabel[tipo="rotulo"] { color: #3b3f46; font-weight: bold; }
QFrame[tipo="seccion"] { background: #ffffff; border: 1px solid #dcd8d0; border-radius: 4px; }
QFrame[tipo="seccion"] > QLabel { border: none; }
"""
MESES_CORTOS = ("Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic")
# Muted, told apart in print and by most colour-blind readers; the office's guinda first.
COLORES = ("#7b1e3c", "#3b6e8f", "#c48a2c", "#4f7d4a", "#8a6fa8", "#b5543c", "#2f8f83", "#8c8c3a", "#5a5e66",
           "#d07a9a", "#6b4c2f", "#9db7c9")


def con_peticiones(canales: Sequence[SerieCanal]) -> list[SerieCanal]:
    """The channels drawn: one without petitions this year would only crowd the legend."""
    return [c for c in canales if c.total]


def color(indice: int) -> QColor:
    return QColor(COLORES[indice % len(COLORES)])


class GraficaCanales(QChartView):
    barra_pulsada = Signal(str, int)  # channel code, month 1–12

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("graficaCanales")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(270)
        self.setStyleSheet("background: transparent;")
        self.serie: QStackedBarSeries | None = None
        grafica = QChart()
        grafica.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # figures, not a show
        grafica.setBackgroundRoundness(0)
        grafica.setMargins(QMargins(4, 4, 4, 4))
        grafica.setBackgroundVisible(False)  # the panel's white shows through
        # Qt's legend elides nine channel names to «Ase…» in one row: `Leyenda` below wraps them.
        grafica.legend().hide()
        self.setChart(grafica)

    def poner(self, canales: Sequence[SerieCanal]) -> None:
        """One stacked bar per month; a channel without petitions this year stays out of the legend."""
        grafica = self.chart()
        grafica.removeAllSeries()
        for eje in grafica.axes():
            grafica.removeAxis(eje)
        serie = QStackedBarSeries()
        serie.setBarWidth(0.7)
        for i, canal in enumerate(con_peticiones(canales)):
            conjunto = QBarSet(canal.nombre)
            conjunto.setProperty("codigo", canal.codigo)
            conjunto.append([float(n) for n in canal.meses])
            conjunto.setColor(color(i))
            conjunto.setBorderColor(QColor("#ffffff"))
            serie.append(conjunto)
        serie.clicked.connect(self._pulsada)
        serie.hovered.connect(self._senalada)
        grafica.addSeries(serie)
        meses = QBarCategoryAxis()
        meses.append([tr(m) for m in MESES_CORTOS])
        cantidades = QValueAxis()
        cantidades.setLabelFormat("%d")
        cantidades.setMin(0)
        mayor = max((sum(c.meses[m] for c in canales) for m in range(12)), default=0)
        cantidades.setMax(max(mayor, 4))
        cantidades.applyNiceNumbers()  # round steps, integer labels
        grafica.addAxis(meses, Qt.AlignmentFlag.AlignBottom)
        grafica.addAxis(cantidades, Qt.AlignmentFlag.AlignLeft)
        serie.attachAxis(meses)
        serie.attachAxis(cantidades)
        self.serie = serie
        self.setCursor(Qt.CursorShape.PointingHandCursor if serie.count() else Qt.CursorShape.ArrowCursor)

    def conjuntos(self) -> list[QBarSet]:
        return self.serie.barSets() if self.serie is not None else []

    def _pulsada(self, indice: int, conjunto: QBarSet) -> None:
        self.barra_pulsada.emit(conjunto.property("codigo"), indice + 1)

    def _senalada(self, dentro: bool, indice: int, conjunto: QBarSet) -> None:
        if dentro:
            QToolTip.showText(QCursor.pos(), tr("%1 · %2: %3 peticiones. Clic para verlas.")
                              .replace("%1", conjunto.label()).replace("%2", tr(MESES_CORTOS[indice]))
                              .replace("%3", str(int(conjunto.at(indice)))), self)
        else:
            QToolTip.hideText()


class Leyenda(QWidget):
    """The chart's legend, wrapped in columns, with each channel's total of the year; a channel
    leads to its petitions of the year (`canal_pulsado`)."""

    canal_pulsado = Signal(str)
    COLUMNAS = 2

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("leyendaCanales")
        self.rejilla = QGridLayout(self)
        self.rejilla.setContentsMargins(0, 0, 0, 0)
        self.rejilla.setHorizontalSpacing(12)
        self.rejilla.setVerticalSpacing(0)
        self.botones: dict[str, QPushButton] = {}

    def poner(self, canales: Sequence[SerieCanal]) -> None:
        while self.rejilla.count():
            self.rejilla.takeAt(0).widget().deleteLater()
        self.botones.clear()
        for i, canal in enumerate(con_peticiones(canales)):
            muestra = QPixmap(10, 10)
            muestra.fill(color(i))
            boton = QPushButton(QIcon(muestra), f"{canal.nombre} · {self.locale().toString(canal.total)}", self)
            boton.setObjectName(f"leyenda_{canal.codigo}")
            boton.setProperty("tipo", "leyenda")
            boton.setCursor(Qt.CursorShape.PointingHandCursor)
            boton.setToolTip(tr("Clic: las peticiones de este canal en el año"))
            boton.clicked.connect(lambda _=False, codigo=canal.codigo: self.canal_pulsado.emit(codigo))
            self.botones[canal.codigo] = boton
            self.rejilla.addWidget(boton, i // self.COLUMNAS, i % self.COLUMNAS)
        for columna in range(self.COLUMNAS):
            self.rejilla.setColumnStretch(columna, 1)


class Tarjeta(QPushButton):
    """A big figure with its title and a line of context; the whole card is the button."""

    def __init__(self, nombre: str, titulo: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"tarjeta_{nombre}")
        self.setProperty("tipo", "tarjeta")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.cifra = etiqueta("—", "cifra", nombre=f"cifra_{nombre}", ajustar=False)
        self.titulo = etiqueta(titulo, "rotulo", ajustar=False)
        self.nota = etiqueta("", "nota", nombre=f"nota_{nombre}", ajustar=False)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(12, 8, 12, 8)
        capa.setSpacing(0)
        for w in (self.titulo, self.cifra, self.nota):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the click is the card's
            capa.addWidget(w)

    def sizeHint(self) -> QSize:  # noqa: N802 — a button's own hint knows only its (empty) text
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.layout().minimumSize()

    def poner(self, cifra: str, nota: str, ayuda: str) -> None:
        self.cifra.setText(cifra)
        self.nota.setText(nota)
        self.setToolTip(ayuda)
        self.setAccessibleName(f"{self.titulo.text()}: {cifra}. {nota}")


def seccion(titulo: QLabel, nota: str = "") -> tuple[QFrame, QVBoxLayout]:
    """A white panel with its title (a label the figures rename: «Peticiones de 2024…») and a note."""
    marco = QFrame()
    marco.setProperty("tipo", "seccion")
    capa = QVBoxLayout(marco)
    capa.setContentsMargins(14, 10, 14, 10)
    capa.setSpacing(6)
    capa.addWidget(titulo)
    if nota:
        capa.addWidget(etiqueta(nota, "nota"))
    return marco, capa
