"""The «Llamadas pendientes» tab: the citizens to call back today, the overdue ones first.

A call that did not reach the citizen puts the petition here for the next business day (the
service decides); the operator works down the list and Enter opens the petition to log the call.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..domain.roles import Accion
from ..services import Servicios
from ..services.seguimientos import LlamadaPendiente
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .atencion_comun import tr
from .atencion_modelos import ModeloLlamadas
from .errores import mostrar_error
from .formulario import boton
from .modelos_tabla import ajustar_columnas, vista_tabla
from .tareas import Tareas


class ColaLlamadas(QWidget):
    abrir_folio = Signal(str)
    contadas = Signal(int)  # how many are due: the page shows it on the tab

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.hoy: dt.date | None = None  # the day the queue is for; None: today (tests look ahead)
        self.solo_mias = QCheckBox(tr("Solo las mías"), self, objectName="soloMias")
        self.solo_mias.setToolTip(tr("Solo las peticiones de las que usted es responsable de llamar"))
        # Whoever makes the calls starts with their own; supervision (never responsible for a call)
        # sees the whole desk's, without the box.
        self.solo_mias.setChecked(sesion.puede(Accion.SEGUIR_PETICIONES))
        self.solo_mias.setVisible(sesion.puede(Accion.SEGUIR_PETICIONES))
        self.solo_mias.toggled.connect(lambda _: self.recargar())
        self.modelo = ModeloLlamadas(self)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaLlamadas")
        self.tabla.doubleClicked.connect(lambda _: self.abrir())
        for tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(tecla), self.tabla, activated=self.abrir, context=Qt.ShortcutContext.WidgetShortcut)
        self.boton_abrir = QPushButton(tr("Abrir"), self)
        self.boton_abrir.setToolTip(tr("Abrir la petición elegida (Intro)"))
        self.boton_abrir.clicked.connect(self.abrir)
        self.boton_actualizar = boton(self, tr("Actualizar"), "F5", self.recargar)
        self.estado = etiqueta("", "nota", nombre="estadoLlamadas")

        arriba = QHBoxLayout()
        arriba.addWidget(etiqueta(tr("Ciudadanos a los que toca llamar hoy, y los atrasados primero."), "nota"), 1)
        arriba.addWidget(self.solo_mias)
        arriba.addWidget(self.boton_abrir)
        arriba.addWidget(self.boton_actualizar)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(8, 10, 8, 4)
        capa.setSpacing(8)
        capa.addLayout(arriba)
        capa.addWidget(self.tabla, 1)
        capa.addWidget(self.estado)

    def recargar(self) -> None:
        self.estado.setText(tr("Buscando…"))
        self.tareas.ejecutar(self.servicios.seguimientos.llamadas_pendientes, self.sesion,
                             hoy=self.hoy, solo_mias=self.solo_mias.isChecked(), al_terminar=self._poner,
                             al_fallar=lambda e: mostrar_error(self, e))

    def _poner(self, llamadas: list[LlamadaPendiente]) -> None:
        elegida = self.seleccionada()
        self.modelo.poner_filas(llamadas)
        ajustar_columnas(self.tabla, estirar=[3], maximo=260)
        fila = self.modelo.buscar(lambda x: elegida is not None and x.folio == elegida.folio) if llamadas else -1
        if llamadas:
            self.tabla.selectRow(max(fila, 0))
        atrasadas = sum(1 for x in llamadas if x.dias_atraso > 0)
        if not llamadas:
            texto = tr("No hay llamadas pendientes.")
        else:
            texto = tr("1 llamada pendiente") if len(llamadas) == 1 else tr("%s llamadas pendientes") % len(llamadas)
            if atrasadas:
                texto += tr(", %s atrasadas") % atrasadas if atrasadas > 1 else tr(", 1 atrasada")
        self.estado.setText(texto)
        self.contadas.emit(len(llamadas))

    def seleccionada(self) -> LlamadaPendiente | None:
        filas = self.tabla.selectionModel().selectedRows()
        return self.modelo.fila(filas[0].row()) if filas else None

    def abrir(self) -> None:
        if (fila := self.seleccionada()) is not None:
            self.abrir_folio.emit(fila.folio)
