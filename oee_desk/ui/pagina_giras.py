"""Giras: the Governor's tours, newest first, each with how many petitions it brought; the report of
the chosen one (by topic, and its petitions) with its PDF; and registering a new tour.

From a tour one can go to the Peticiones list filtered by it, or capture its petitions when the
capture form can be preset to a gira.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QWidget

from ..domain.roles import Accion
from ..services import Servicios
from ..services.giras import DatosGira
from ..services.sesion import Sesion
from . import atencion_documentos as documentos
from .atencion_comun import tr
from .atencion_detalle import DialogoPeticion
from .dialogo_gira import DialogoGira
from .errores import mostrar_error
from .formulario import boton
from .giras_panel import PanelGira
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .pagina import Pagina
from .tareas import Tareas
from .ventanas import mostrar_unica

ANIOS_ATRAS = 6  # one administration


class PaginaGiras(Pagina):
    clave = "giras"
    titulo = QT_TRANSLATE_NOOP("Modulos", "Giras")  # translated where it is shown
    requiere = Accion.VER_PETICIONES

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(servicios, sesion, tareas, parent)
        self.dialogo_gira: DialogoGira | None = None
        self.dialogo_peticion: DialogoPeticion | None = None
        self._elegir_clave: str | None = None  # reselected after a reload (the new tour, the one shown)

        hoy = dt.date.today()
        self.anio = QComboBox(self, objectName="filtroAnioGiras")
        self.anio.addItem(tr("Todos"), None)
        for a in range(hoy.year, hoy.year - ANIOS_ATRAS - 1, -1):
            self.anio.addItem(str(a), a)
        self.anio.currentIndexChanged.connect(lambda _: self.recargar())
        self.boton_nueva = boton(self, tr("Nueva gira…"), QKeySequence.StandardKey.New, self.nueva_gira, primario=True)
        self.boton_nueva.setVisible(sesion.puede(Accion.REGISTRAR_GIRAS))
        self.boton_actualizar = boton(self, tr("Actualizar"), "F5", self.recargar)

        self.modelo = ModeloFilas([
            Columna(tr("Clave"), lambda g: g.clave),
            Columna(tr("Fecha"), lambda g: g.fecha),
            Columna(tr("Municipio"), lambda g: g.municipio_nombre),
            Columna(tr("Localidad"), lambda g: g.localidad or ""),
            Columna(tr("Evento"), lambda g: g.evento),
            Columna(tr("Peticiones"), lambda g: g.peticiones, numerica=True),
        ], self)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaGiras")
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._elegida())
        self.panel = PanelGira(servicios, sesion, tareas, self)
        self.panel.abrir_folio.connect(self.abrir_folio)

        self.boton_ver = boton(self, tr("Ver en Peticiones"), "Ctrl+L", self.ver_en_peticiones)
        self.boton_capturar = boton(self, tr("Capturar peticiones de esta gira"), "Ctrl+Shift+N", self.capturar)
        self.boton_capturar.setVisible(sesion.puede(Accion.REGISTRAR_PETICIONES) and self._captura_con_gira())
        self.boton_reporte = boton(self, tr("Reporte de gira (PDF)"), "Ctrl+P", self.imprimir_reporte)
        if not documentos.disponible():
            self.boton_reporte.setToolTip(tr("El módulo de documentos de Atención Ciudadana no está instalado "
                                             "en esta versión."))
        for b in (self.boton_ver, self.boton_capturar, self.boton_reporte):
            self.panel.botones.addWidget(b)
        self.panel.botones.addStretch(1)

        arriba = QHBoxLayout()
        rotulo = QLabel(tr("Año:"), self)
        rotulo.setBuddy(self.anio)
        arriba.addWidget(rotulo)
        arriba.addWidget(self.anio)
        arriba.addStretch(1)
        arriba.addWidget(self.boton_nueva)
        arriba.addWidget(self.boton_actualizar)
        division = QSplitter(Qt.Orientation.Vertical, self)
        division.addWidget(self.tabla)
        division.addWidget(self.panel)
        division.setChildrenCollapsible(False)
        division.setSizes([260, 420])
        capa = self.capa_con_encabezado(tr("Giras"), tr("Giras del C. Gobernador y las peticiones recibidas en cada una."))
        capa.addLayout(arriba)
        capa.addWidget(division, 1)
        self._actualizar()

    # --- loading ---------------------------------------------------------------------------------
    def mostrar(self) -> None:
        """Read again each time the page is shown: petitions captured meanwhile change the counts."""
        if self._cargada:
            self.recargar()
        super().mostrar()

    def recargar(self) -> None:
        elegida = self.elegida()
        self._elegir_clave = self._elegir_clave or (elegida.clave if elegida else None)
        self.tareas.ejecutar(self.servicios.giras.listar, self.sesion, anio=self.anio.currentData(),
                             al_terminar=self._poner, al_fallar=lambda e: mostrar_error(self, e))

    def _poner(self, giras: list[DatosGira]) -> None:
        clave, self._elegir_clave = self._elegir_clave, None
        self.modelo.poner_filas(giras)
        ajustar_columnas(self.tabla, estirar=[4], maximo=260)
        if giras:
            self.tabla.selectRow(max(0, self.modelo.buscar(lambda g: g.clave == clave)))
        else:
            self.panel.mostrar(None)
        self._actualizar()

    def elegida(self) -> DatosGira | None:
        filas = self.tabla.selectionModel().selectedRows()
        return self.modelo.fila(filas[0].row()) if filas else None

    def elegir(self, clave: str) -> bool:
        fila = self.modelo.buscar(lambda g: g.clave == clave)
        if fila >= 0:
            self.tabla.selectRow(fila)
        return fila >= 0

    def _elegida(self) -> None:
        self.panel.mostrar(self.elegida())
        self._actualizar()

    def _actualizar(self) -> None:
        hay = self.elegida() is not None
        self.boton_ver.setEnabled(hay)
        self.boton_capturar.setEnabled(hay)
        self.boton_reporte.setEnabled(hay and documentos.disponible())

    # --- actions -------------------------------------------------------------------------------
    def nueva_gira(self) -> DialogoGira | None:
        if not self.sesion.puede(Accion.REGISTRAR_GIRAS):
            return None
        dialogo = DialogoGira(self.servicios, self.sesion, self.tareas, self)
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogo.registrada.connect(self._registrada)
        dialogo.finished.connect(lambda _=0: setattr(self, "dialogo_gira", None))
        self.dialogo_gira = dialogo
        dialogo.open()
        return dialogo

    def _registrada(self, gira: DatosGira) -> None:
        self._elegir_clave = gira.clave
        if self.anio.currentData() not in (None, gira.fecha.year):  # else the new tour would not be listed
            self.anio.blockSignals(True)
            self.anio.setCurrentIndex(0)
            self.anio.blockSignals(False)
        self.recargar()

    def _pagina_atencion(self):
        ventana = self.window()
        if hasattr(ventana, "ir_a_modulo") and ventana.ir_a_modulo("atencion"):
            return ventana.pagina_actual()
        return None

    def ver_en_peticiones(self) -> None:
        gira = self.elegida()
        pagina = self._pagina_atencion() if gira else None
        if pagina is not None:
            pagina.ver_peticiones(gira=gira.clave)

    @staticmethod
    def _captura_con_gira() -> bool:
        """Whether this build has the capture form (captura_peticion.py) to preset to a gira."""
        try:
            from .captura_peticion import CapturaPeticion  # noqa: F401
        except ImportError:
            return False
        return True

    def capturar(self) -> None:
        gira = self.elegida()
        pagina = self._pagina_atencion() if gira else None
        if pagina is not None and not pagina.capturar_en_gira(gira.clave):
            self.boton_capturar.setEnabled(False)

    def imprimir_reporte(self) -> None:
        gira = self.elegida()
        if gira is not None and self.boton_reporte.isEnabled():
            documentos.imprimir_reporte_gira(self, self.tareas, self.servicios, self.sesion, gira)

    def abrir_folio(self, folio: str) -> DialogoPeticion:
        dialogo = DialogoPeticion(self.servicios, self.sesion, self.tareas, folio, self)
        dialogo.cambiado.connect(lambda _: self.recargar())  # an annulment changes the tour's counts
        mostrar_unica(self, "dialogo_peticion", dialogo)
        return dialogo
