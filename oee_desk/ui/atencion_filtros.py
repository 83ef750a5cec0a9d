"""The petitions list's filter bar: every control maps to one field of `FiltroPeticiones`.

Canal, tema, estatus and gira are plain choices; municipio and operador accept typing («caj» finds
Cajeme). The catalogs arrive after the bar is built (`poner_opciones`), read off the GUI thread.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..domain import peticiones as reglas
from ..services.lista_peticiones import FiltroPeticiones
from .apariencia import fecha_opcional
from .atencion_comun import Opciones, combo_busqueda, dato_elegido, poner_opciones, tr

DIAS_ATRAS = 30  # «desde» starts a month back when first turned on


class BarraFiltrosPeticiones(QWidget):
    cambiado = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        hoy = dt.date.today()
        self.canal = self._combo("filtroCanal", 12)
        self.tema = self._combo("filtroTema", 12)
        self.estatus = self._combo("filtroEstatus", 9)
        poner_opciones(self.estatus, [(tr(t), c) for c, t in reglas.ESTATUS.items()], todos=tr("Todos"))
        self.municipio = self._combo("filtroMunicipio", 11, editable=True)
        self.operador = self._combo("filtroOperador", 12, editable=True)
        self.gira = self._combo("filtroGira", 18)
        self.usar_desde, self.desde = fecha_opcional(self, tr("Desde"), hoy - dt.timedelta(days=DIAS_ATRAS),
                                                     self.cambiado.emit)
        self.usar_hasta, self.hasta = fecha_opcional(self, tr("Hasta"), hoy, self.cambiado.emit)
        self.vencidas = QCheckBox(tr("Solo vencidas"), self, objectName="filtroVencidas")
        self.vencidas.setToolTip(tr("Peticiones abiertas cuyo plazo ya pasó"))
        self.vencidas.toggled.connect(lambda _: self.cambiado.emit())
        self.poner_opciones(Opciones([], [], [], [], []))

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(4)
        primera = [(tr("Canal:"), self.canal), (tr("Tema:"), self.tema), (tr("Estatus:"), self.estatus),
                   (tr("Municipio:"), self.municipio)]
        segunda = [(tr("Operador:"), self.operador), (tr("Gira:"), self.gira)]
        # «Solo vencidas» on the first row: the second, with the dates, is the one that fills 1280 px.
        for controles, resto in ((primera, (self.vencidas,)),
                                 (segunda, (self.usar_desde, self.desde, self.usar_hasta, self.hasta))):
            fila = QHBoxLayout()
            fila.setSpacing(6)
            for texto, control in controles:
                rotulo = QLabel(texto, self)
                rotulo.setBuddy(control)
                fila.addWidget(rotulo)
                fila.addWidget(control)
                fila.addSpacing(8)
            for w in resto:
                fila.addWidget(w)
            fila.addStretch(1)
            capa.addLayout(fila)

    def _combo(self, nombre: str, letras: int, *, editable: bool = False) -> QComboBox:
        combo = combo_busqueda(self, nombre=nombre, letras=letras)
        if editable:
            # Typing narrows the pop-up; the filter applies once an option is chosen or the typing
            # ends (Intro, Tab). The page compares filters: an unchanged one does not search again.
            combo.lineEdit().editingFinished.connect(self.cambiado.emit)
        else:
            combo.setEditable(False)
        combo.currentIndexChanged.connect(lambda _: self.cambiado.emit())
        return combo

    # --- options from the database ------------------------------------------------------------
    def poner_opciones(self, o: Opciones) -> None:
        antes = self.filtro()
        for combo, opciones, todos in ((self.canal, o.canales, tr("Todos")), (self.tema, o.temas, tr("Todos")),
                                       (self.municipio, o.municipios, tr("Todos")),
                                       (self.operador, o.operadores, tr("Todos")), (self.gira, o.giras, tr("Todas"))):
            poner_opciones(combo, opciones, todos=todos, elegido=dato_elegido(combo))
        if self.filtro() != antes:
            self.cambiado.emit()

    # --- the filter --------------------------------------------------------------------------
    def filtro(self, texto: str = "", orden: str = "recepcion", descendente: bool = True) -> FiltroPeticiones:
        operador = dato_elegido(self.operador)
        if operador is None and self.operador.currentText().strip() != self.operador.itemText(0):
            operador = self.operador.currentText().strip()  # a user name typed by hand
        return FiltroPeticiones(
            texto=texto, canal=dato_elegido(self.canal) or "", tema=dato_elegido(self.tema) or "",
            estatus=dato_elegido(self.estatus) or "", municipio=dato_elegido(self.municipio) or "",
            operador=operador or "", gira=dato_elegido(self.gira) or "",
            desde=self.desde.date().toPython() if self.usar_desde.isChecked() else None,
            hasta=self.hasta.date().toPython() if self.usar_hasta.isChecked() else None,
            vencidas=self.vencidas.isChecked(), orden=orden, descendente=descendente)

    def activos(self) -> int:
        f = self.filtro()
        return sum(bool(v) for v in (f.canal, f.tema, f.estatus, f.municipio, f.operador, f.gira, f.desde, f.hasta,
                                     f.vencidas))

    def elegir(self, **valores: Any) -> None:
        """Set some filters at once (e.g. gira=… from the giras page) with one announcement."""
        controles = {"canal": self.canal, "tema": self.tema, "estatus": self.estatus, "municipio": self.municipio,
                     "operador": self.operador, "gira": self.gira}
        for clave, valor in valores.items():
            if clave in ("desde", "hasta"):
                self._elegir_fecha(clave, valor)
                continue
            if clave == "vencidas":
                self.vencidas.blockSignals(True)
                self.vencidas.setChecked(bool(valor))
                self.vencidas.blockSignals(False)
                continue
            combo = controles[clave]
            combo.blockSignals(True)
            indice = combo.findData(valor) if valor else 0
            if indice < 0 and clave in ("gira", "canal"):  # an option not read yet (or registered after)
                combo.addItem(str(valor), valor)
                indice = combo.count() - 1
            combo.setCurrentIndex(max(indice, 0))
            combo.blockSignals(False)
        self.cambiado.emit()

    def _elegir_fecha(self, clave: str, valor: dt.date | None) -> None:
        usar, fecha = (self.usar_desde, self.desde) if clave == "desde" else (self.usar_hasta, self.hasta)
        for w in (usar, fecha):
            w.blockSignals(True)
        usar.setChecked(valor is not None)
        fecha.setEnabled(valor is not None)
        if valor is not None:
            fecha.setDate(QDate(valor.year, valor.month, valor.day))
        for w in (usar, fecha):
            w.blockSignals(False)

    def limpiar(self, *, avisar: bool = True) -> None:
        for combo in (self.canal, self.tema, self.estatus, self.municipio, self.operador, self.gira):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for casilla in (self.usar_desde, self.usar_hasta, self.vencidas):
            casilla.blockSignals(True)
            casilla.setChecked(False)
            casilla.blockSignals(False)
        self.desde.setEnabled(False)
        self.hasta.setEnabled(False)
        if avisar:
            self.cambiado.emit()
