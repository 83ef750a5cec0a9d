"""Metas POA: the «Informe de metas según el POA» of a year, month or quarter, with the records
behind each figure and its printouts; the year's metas (defined by supervision, their achieved
values captured by each area); and the closing of months, which keeps printed reports as printed.

Every role reaches the page, each to what it may use: capturers (recepción, atención, campo) the
metas of the year; administración the report and the closings, read-only; supervisión all of it.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QTabWidget, QWidget

from ..domain.roles import Accion
from ..services import Servicios
from ..services.sesion import Sesion
from .metas_cierres import PanelCierres
from .metas_comun import tr
from .metas_definicion import PanelMetas
from .metas_informe import PanelInforme
from .pagina import Pagina
from .tareas import Tareas


class PaginaMetas(Pagina):
    clave = "metas"
    titulo = QT_TRANSLATE_NOOP("Modulos", "Metas POA")  # translated where it is shown
    # CAPTURAR_METAS (recepción, atención, campo, supervisión) and VER_REPORTES (supervisión,
    # administración) together are every role: the tabs are chosen by permission instead.
    requiere = None

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(servicios, sesion, tareas, parent)
        self.anio = QSpinBox(self, objectName="anioMetas", minimum=2000, maximum=2100)
        self.anio.setValue(dt.date.today().year)
        self.anio.setAccelerated(True)
        self.anio.setToolTip(tr("El año del informe, de sus metas y de sus cierres"))
        leer_anio = self.anio.value

        ve_reportes = sesion.puede(Accion.VER_REPORTES)
        self.informe = PanelInforme(servicios, sesion, tareas, leer_anio, self) if ve_reportes else None
        self.metas = PanelMetas(servicios, sesion, tareas, leer_anio, self)
        self.cierres = PanelCierres(servicios, sesion, tareas, leer_anio, self) if ve_reportes else None
        self.pestanas = QTabWidget(self, objectName="pestanasMetas")
        if self.informe is not None:
            self.pestanas.addTab(self.informe, tr("Informe POA"))
        self.pestanas.addTab(self.metas, tr("Metas del año"))
        if self.cierres is not None:
            self.pestanas.addTab(self.cierres, tr("Cierres de mes"))
            self.cierres.cambiado.connect(self._cierre_hecho)
        self.metas.cambiado.connect(self._desactualizar_informe)

        fila = QHBoxLayout()
        rotulo = QLabel(tr("Año:"), self)
        rotulo.setBuddy(self.anio)
        fila.addWidget(rotulo)
        fila.addWidget(self.anio)
        fila.addStretch(1)
        capa = self.capa_con_encabezado(
            tr("Metas POA"),
            tr("El informe de metas según el POA: peticiones y seguimientos por canal y mes, y el avance de las "
               "metas por trimestre. Cada área captura el avance de sus metas; al cerrar un mes, su informe "
               "queda como se imprimió."))
        capa.addLayout(fila)
        capa.addWidget(self.pestanas, 1)
        self.anio.valueChanged.connect(lambda _: self._anio_cambiado())

    def recargar(self) -> None:
        self.metas.recargar()
        if self.cierres is not None:
            self.cierres.recargar()
        if self.informe is not None and self.informe.reporte is None:
            self.informe.generar()  # the current year at once: a few GROUP BY queries

    def _anio_cambiado(self) -> None:
        self.metas.recargar()
        if self.cierres is not None:
            self.cierres.recargar()
        if self.informe is not None and self.informe.reporte is not None:
            self.informe.desactualizado(tr("El informe mostrado es de %s") % self.informe.reporte.anio)

    def _desactualizar_informe(self) -> None:
        if self.informe is not None:
            self.informe.desactualizado()

    def _cierre_hecho(self) -> None:
        self.metas.recargar()  # the closed month's values can no longer be captured
        self._desactualizar_informe()
