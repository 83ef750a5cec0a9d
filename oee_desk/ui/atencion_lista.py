"""The «Peticiones» tab: every petition, filtered, sorted and paged in SQL, with the total.

Typing in the search box (folio, name, phone or CURP) searches after a pause; Enter on a folio opens
it. Double-click or Enter on a row asks the page to open that petition (`abrir_folio`).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..domain.errores import NoEncontrado
from ..services import Servicios
from ..services.lista_peticiones import FiltroPeticiones
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .atencion_comun import Opciones, tr
from .atencion_filtros import BarraFiltrosPeticiones
from .atencion_modelos import (
    COLUMNA_DE_ORDEN, ORDEN_DE_COLUMNA, TAM_PAGINA, ModeloPeticiones, ajustar_columnas_peticiones,
)
from .errores import mostrar_error
from .formulario import boton
from .modelos_tabla import vista_tabla
from .tareas import Tareas

ESPERA_BUSQUEDA_MS = 250  # typing pauses shorter than this are one search, not one per key


class ListaPeticiones(QWidget):
    abrir_folio = Signal(str)

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self._orden, self._descendente = "recepcion", True
        self._total: int | None = None
        self._filtro_actual: FiltroPeticiones | None = None

        self.buscador = QLineEdit(self, clearButtonEnabled=True, objectName="buscadorPeticiones")
        self.buscador.setPlaceholderText(tr("Buscar por folio, nombre, teléfono o CURP; Intro abre un folio"))
        self._espera = QTimer(self, singleShot=True, interval=ESPERA_BUSQUEDA_MS)
        self._espera.timeout.connect(self._si_cambio)
        self.buscador.textChanged.connect(lambda _: self._espera.start())
        self.buscador.returnPressed.connect(self.buscar_o_abrir)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.buscador, activated=lambda: self.tabla.setFocus(),
                  context=Qt.ShortcutContext.WidgetShortcut)  # from the search straight into the list
        self.filtros = BarraFiltrosPeticiones(self)
        self.filtros.cambiado.connect(self._espera.start)

        self.modelo = ModeloPeticiones(tareas, self)
        self.modelo.fallo.connect(lambda e: mostrar_error(self, e))
        self.modelo.pagina_cargada.connect(self._pagina_cargada)
        self.modelo.orden_pedido.connect(self._ordenar)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaPeticiones")
        self.tabla.horizontalHeader().setSortIndicator(COLUMNA_DE_ORDEN["recepcion"], Qt.SortOrder.DescendingOrder)
        self.tabla.setSortingEnabled(True)
        self.tabla.horizontalHeader().sortIndicatorChanged.connect(self._indicador_cambiado)
        self.tabla.doubleClicked.connect(lambda _: self.abrir())
        for tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(tecla), self.tabla, activated=self.abrir, context=Qt.ShortcutContext.WidgetShortcut)

        self.boton_abrir = QPushButton(tr("Abrir"), self)
        self.boton_abrir.setToolTip(tr("Abrir la petición elegida (Intro)"))
        self.boton_abrir.clicked.connect(self.abrir)
        self.boton_limpiar = boton(self, tr("Limpiar filtros"), "Ctrl+Shift+L", self.limpiar_filtros)
        self.boton_actualizar = boton(self, tr("Actualizar"), "F5", self.aplicar_filtros)
        self.estado = etiqueta("", "nota", nombre="estadoPeticiones")

        arriba = QHBoxLayout()
        arriba.addWidget(self.buscador, 1)
        for b in (self.boton_abrir, self.boton_limpiar, self.boton_actualizar):
            arriba.addWidget(b)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(8, 10, 8, 4)
        capa.setSpacing(8)
        capa.addLayout(arriba)
        capa.addWidget(self.filtros)
        capa.addWidget(self.tabla, 1)
        capa.addWidget(self.estado)

    # --- loading ---------------------------------------------------------------------------------
    def poner_opciones(self, opciones: Opciones) -> None:
        self.filtros.poner_opciones(opciones)

    def filtro(self) -> FiltroPeticiones:
        return self.filtros.filtro(self.buscador.text().strip(), self._orden, self._descendente)

    def _si_cambio(self) -> None:
        if self.filtro() != self._filtro_actual:
            self.aplicar_filtros()

    def aplicar_filtros(self) -> None:
        self._espera.stop()
        filtro, lista, sesion = self.filtro(), self.servicios.lista_peticiones, self.sesion
        self._filtro_actual, self._total, self._general = filtro, None, False
        self.estado.setText(tr("Buscando…"))
        self.modelo.reiniciar(lambda desde, limite: lista.pagina(sesion, filtro, desde_fila=desde, limite=limite))
        self.tareas.ejecutar(lista.contar, sesion, filtro, al_terminar=lambda n: self._contado(filtro, n),
                             al_fallar=lambda _e: None)  # the count is a courtesy; the list shows the error
        if filtro.texto.strip():
            self.tareas.ejecutar(lista.texto_demasiado_general, sesion, filtro.texto,
                                 al_terminar=lambda g: self._es_general(filtro, g), al_fallar=lambda _e: None)

    def _es_general(self, filtro: FiltroPeticiones, general: bool) -> None:
        if filtro == self._filtro_actual:
            self._general = general
            self._contar()

    def filtrar_por_gira(self, clave: str) -> None:
        self.buscador.blockSignals(True)
        self.buscador.clear()
        self.buscador.blockSignals(False)
        self.filtros.limpiar(avisar=False)  # only this gira's petitions, whatever was chosen before
        self.filtros.elegir(gira=clave)

    def filtrar(self, **valores) -> None:
        """Only these filters (FiltroPeticiones' names: canal, desde, hasta…), as a dashboard figure asks."""
        self.buscador.blockSignals(True)
        self.buscador.clear()
        self.buscador.blockSignals(False)
        self.filtros.limpiar(avisar=False)
        self.filtros.elegir(**valores)
        self.aplicar_filtros()

    def limpiar_filtros(self) -> None:
        self.buscador.blockSignals(True)
        self.buscador.clear()
        self.buscador.blockSignals(False)
        self.filtros.limpiar()  # announces the change: one search follows

    def _contado(self, filtro: FiltroPeticiones, total: int) -> None:
        if filtro == self._filtro_actual:  # an older filter's count would mislead
            self._total = total
            self._contar()

    def _pagina_cargada(self, filas: int) -> None:
        if filas <= TAM_PAGINA:  # fit the columns to the first page only: later ones would jump
            ajustar_columnas_peticiones(self.tabla)
        if filas and not self.tabla.selectionModel().hasSelection():
            self.tabla.selectRow(0)
        self._contar()

    def _contar(self) -> None:
        mostrados = self.modelo.rowCount()
        filtros = self.filtros.activos() + bool(self.buscador.text().strip())
        if self._total is None:
            texto = tr("%s peticiones cargadas") % mostrados
        elif mostrados < self._total:
            texto = tr("Mostrando %1 de %2 peticiones; baje para ver más").replace("%1", str(mostrados)) \
                .replace("%2", str(self._total))
        else:
            texto = tr("1 petición") if self._total == 1 else tr("%s peticiones") % self._total
        if filtros:
            texto += tr(" (1 filtro activo)") if filtros == 1 else tr(" (%s filtros activos)") % filtros
        if getattr(self, "_general", False):
            texto += tr(". Muchas personas coinciden con lo escrito: se muestran las de las más recientes; "
                        "escriba más para afinar.")
        self.estado.setText(texto)

    # --- sorting in SQL ----------------------------------------------------------------------------
    def _ordenar(self, orden: str, descendente: bool) -> None:
        if (orden, descendente) != (self._orden, self._descendente):
            self._orden, self._descendente = orden, descendente
            self.aplicar_filtros()

    def _indicador_cambiado(self, columna: int, _orden) -> None:
        if columna not in ORDEN_DE_COLUMNA:  # nothing to sort by there: the arrow goes back
            self.tabla.horizontalHeader().setSortIndicator(
                COLUMNA_DE_ORDEN[self._orden],
                Qt.SortOrder.DescendingOrder if self._descendente else Qt.SortOrder.AscendingOrder)

    # --- opening ---------------------------------------------------------------------------------
    def enfocar_buscador(self) -> None:
        self.buscador.setFocus()
        self.buscador.selectAll()

    def buscar_o_abrir(self) -> None:
        texto = self.buscador.text().strip()
        if not texto:
            return
        if not any(c.isdigit() for c in texto):  # words: a search, not a folio
            self.aplicar_filtros()
            self.tabla.setFocus()
            return
        self.tareas.ejecutar(self.servicios.peticiones.obtener, self.sesion, texto,
                             al_terminar=self._abrir_encontrada, al_fallar=self._no_es_folio)

    def _abrir_encontrada(self, peticion) -> None:
        self.buscador.selectAll()  # the next folio typed replaces this one
        self.abrir_folio.emit(peticion.folio)

    def _no_es_folio(self, error: BaseException) -> None:
        if not isinstance(error, NoEncontrado):
            mostrar_error(self, error)
            return
        self.aplicar_filtros()  # a phone or a CURP: search for it
        self.tabla.setFocus()

    def seleccionada(self):
        filas = self.tabla.selectionModel().selectedRows()
        return self.modelo.fila(filas[0].row()) if filas else None

    def abrir(self) -> None:
        if (fila := self.seleccionada()) is not None:
            self.abrir_folio.emit(fila.folio)
