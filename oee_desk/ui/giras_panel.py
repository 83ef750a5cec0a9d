"""The report of one gira beside the list: its data, its petitions counted by topic, and the
petitions themselves (paged in SQL, as the Peticiones list), with what can be done from here."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from ..services import Servicios
from ..services.giras import DatosGira
from ..services.lista_peticiones import FiltroPeticiones
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .atencion_comun import tr
from .atencion_modelos import ModeloPeticiones, ajustar_columnas_peticiones
from .errores import mostrar_error
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .tareas import Tareas

# Of the Peticiones list's columns, those that say something within one gira (all share its
# channel, its date and usually its municipality).
COLUMNAS_VISIBLES = (0, 2, 4, 5, 6)


class PanelGira(QWidget):
    abrir_folio = Signal(str)

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.gira: DatosGira | None = None
        self.titulo = etiqueta(tr("Elija una gira"), "subtitulo", nombre="tituloGira")
        self.datos = etiqueta("", "nota", nombre="datosGira")
        self.total = etiqueta("", "cifra", nombre="totalGira", ajustar=False)
        self.por_tema = ModeloFilas([Columna(tr("Tema"), lambda t: t[0]),
                                     Columna(tr("Peticiones"), lambda t: t[1], numerica=True)], self)
        self.tabla_temas = vista_tabla(self.por_tema, self)
        self.tabla_temas.setObjectName("tablaPorTema")
        self.peticiones = ModeloPeticiones(tareas, self)
        self.peticiones.fallo.connect(lambda e: mostrar_error(self, e))
        self.peticiones.pagina_cargada.connect(self._pagina_cargada)
        self.tabla_peticiones = vista_tabla(self.peticiones, self)
        self.tabla_peticiones.setObjectName("tablaPeticionesGira")
        for c in range(self.peticiones.columnCount()):
            self.tabla_peticiones.setColumnHidden(c, c not in COLUMNAS_VISIBLES)
        self.tabla_peticiones.doubleClicked.connect(lambda _: self.abrir())
        for tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(tecla), self.tabla_peticiones, activated=self.abrir,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.botones = QHBoxLayout()  # the page puts its buttons here

        izquierda = QWidget(self)
        capa_izq = QVBoxLayout(izquierda)
        capa_izq.setContentsMargins(0, 0, 6, 0)
        fila_total = QHBoxLayout()
        fila_total.addWidget(self.total)
        fila_total.addWidget(etiqueta(tr("peticiones recibidas"), "nota", ajustar=False))
        fila_total.addStretch(1)
        capa_izq.addLayout(fila_total)
        capa_izq.addWidget(etiqueta(tr("Por tema"), "nota"))
        capa_izq.addWidget(self.tabla_temas, 1)
        derecha = QWidget(self)
        capa_der = QVBoxLayout(derecha)
        capa_der.setContentsMargins(6, 0, 0, 0)
        capa_der.addWidget(etiqueta(tr("Peticiones de la gira (Intro abre la elegida)"), "nota"))
        capa_der.addWidget(self.tabla_peticiones, 1)
        division = QSplitter(Qt.Orientation.Horizontal, self)
        division.addWidget(izquierda)
        division.addWidget(derecha)
        division.setStretchFactor(1, 1)
        division.setChildrenCollapsible(False)
        division.setSizes([300, 700])
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 6, 0, 0)
        capa.setSpacing(6)
        capa.addWidget(self.titulo)
        capa.addWidget(self.datos)
        capa.addWidget(division, 1)
        capa.addLayout(self.botones)
        self.mostrar(None)

    def mostrar(self, gira: DatosGira | None) -> None:
        """Show a tour from the list at once, then its report as the service counts it."""
        self.gira = gira
        if gira is None:
            self.titulo.setText(tr("Elija una gira de la lista"))
            self.datos.setText("")
            self.total.setText("—")
            self.por_tema.poner_filas([])
            self.peticiones.reiniciar(None)
            return
        self.titulo.setText(f"{gira.clave} · {gira.evento}")
        lugar = ", ".join(filter(None, (gira.localidad, gira.municipio_nombre)))
        self.datos.setText(f"{gira.fecha:%d/%m/%Y} · {lugar}")
        self.total.setText(str(gira.peticiones))
        self.tareas.ejecutar(self.servicios.giras.obtener, self.sesion, gira.clave, al_terminar=self._reporte,
                             al_fallar=lambda e: mostrar_error(self, e))
        lista, sesion, filtro = self.servicios.lista_peticiones, self.sesion, FiltroPeticiones(gira=gira.clave)
        self.peticiones.reiniciar(lambda desde, limite: lista.pagina(sesion, filtro, desde_fila=desde, limite=limite))

    def _reporte(self, gira: DatosGira) -> None:
        if self.gira is None or gira.clave != self.gira.clave:  # another tour was chosen meanwhile
            return
        self.gira = gira
        self.total.setText(str(gira.peticiones))
        self.por_tema.poner_filas(list(gira.por_tema))
        ajustar_columnas(self.tabla_temas, estirar=[0])

    def _pagina_cargada(self, filas: int) -> None:
        if filas <= self.peticiones.tam_pagina:
            ajustar_columnas_peticiones(self.tabla_peticiones)

    def abrir(self) -> None:
        filas = self.tabla_peticiones.selectionModel().selectedRows()
        if filas:
            self.abrir_folio.emit(self.peticiones.fila(filas[0].row()).folio)
