"""The reception clerks' bandeja: every received matter, filtered, sorted and paged in SQL, with the
scanner's inbox beside it. Typing or scanning a control number and pressing Enter opens it."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QSplitter, QWidget

from ..domain.errores import NoEncontrado, NumeroInexistente
from ..domain.roles import Accion
from ..services import Servicios
from ..services.bandeja import FiltroBandeja
from ..services.correspondencia import DatosOficio
from ..services.sesion import Sesion
from .ajustes import Ajustes
from .apariencia import etiqueta
from .bandeja_escaner import BandejaEscaner
from .correspondencia_comun import dependencias_activas, tr
from .dialogo_oficio import DialogoOficio
from .dialogo_registro import DialogoRegistro
from .dialogo_turnar import DialogoTurnar
from .errores import mostrar_error
from .filtros_bandeja import BarraFiltros
from .formulario import boton
from .modelos_correspondencia import (
    COLUMNA_DE_ORDEN, ORDEN_DE_COLUMNA, TAM_PAGINA, ModeloBandeja, ajustar_columnas_bandeja,
)
from .modelos_tabla import vista_tabla
from .pagina import Pagina
from .tareas import Tareas

ESPERA_BUSQUEDA_MS = 250  # typing pauses shorter than this are one search, not one per key


def _opciones(servicios: Servicios, sesion: Sesion) -> tuple[list[str], list[tuple[str, str]]]:
    series = [e["codigo"] for e in servicios.catalogos.listar(sesion, "series-control")
              if e["uso"] == "correspondencia"]
    return series, dependencias_activas(servicios, sesion)


class PaginaCorrespondencia(Pagina):
    clave = "correspondencia"
    titulo = QT_TRANSLATE_NOOP("Modulos", "Correspondencia")  # translated where it is shown
    requiere = Accion.VER_OFICIOS

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None, *,
                 ajustes: Ajustes | None = None):
        super().__init__(servicios, sesion, tareas, parent)
        self._ajustes = ajustes  # None: the main window's, found when first shown
        self._orden, self._descendente = "recepcion", True
        self._total: int | None = None
        self._filtro_actual: FiltroBandeja | None = None
        self.dialogo_registro: DialogoRegistro | None = None
        self.dialogo_oficio: DialogoOficio | None = None
        self.dialogo_turnar: DialogoTurnar | None = None
        self._lista_vieja = False  # a matter changed in a dialog: the list is re-read when it closes

        self.buscador = QLineEdit(self, clearButtonEnabled=True, objectName="buscadorBandeja")
        self.buscador.setPlaceholderText(tr("Buscar por número, remitente, institución o asunto; "
                                            "Intro abre un número de control"))
        self._espera = QTimer(self, singleShot=True, interval=ESPERA_BUSQUEDA_MS)
        self._espera.timeout.connect(self.aplicar_filtros)
        self.buscador.textChanged.connect(lambda _: self._espera.start())
        self.buscador.returnPressed.connect(self.buscar_o_abrir)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._enfocar_buscador)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.buscador, activated=lambda: self.tabla.setFocus(),
                  context=Qt.ShortcutContext.WidgetShortcut)  # from the search straight into the list
        self.filtros = BarraFiltros(self)
        self.filtros.cambiado.connect(self._espera.start)

        self.modelo = ModeloBandeja(tareas, self)
        self.modelo.fallo.connect(lambda e: mostrar_error(self, e))
        self.modelo.pagina_cargada.connect(self._pagina_cargada)
        self.modelo.orden_pedido.connect(self._ordenar)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaBandeja")
        self.tabla.horizontalHeader().setSortIndicator(COLUMNA_DE_ORDEN["recepcion"], Qt.SortOrder.DescendingOrder)
        self.tabla.setSortingEnabled(True)
        self.tabla.horizontalHeader().sortIndicatorChanged.connect(self._indicador_cambiado)
        self.tabla.doubleClicked.connect(lambda _: self.abrir())
        for tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(tecla), self.tabla, activated=self.abrir, context=Qt.ShortcutContext.WidgetShortcut)

        self.boton_registrar = boton(self, tr("Registrar…"), QKeySequence.StandardKey.New, self.registrar, primario=True)
        self.boton_registrar.setVisible(sesion.puede(Accion.REGISTRAR_OFICIOS))
        self.boton_abrir = QPushButton(tr("Abrir"), self)
        self.boton_abrir.setToolTip(tr("Abrir el asunto elegido (Intro)"))
        self.boton_abrir.clicked.connect(self.abrir)
        self.boton_limpiar = boton(self, tr("Limpiar filtros"), "Ctrl+Shift+L", self.limpiar_filtros)
        self.boton_actualizar = boton(self, tr("Actualizar"), "F5", self.recargar)
        self.estado = etiqueta("", "nota", nombre="estadoBandeja")
        self.escaner = BandejaEscaner(servicios, sesion, tareas, self._numero_a_mano, self)
        self.escaner.adjuntado.connect(self._anexos_cambiados)

        arriba = QHBoxLayout()
        arriba.addWidget(self.buscador, 1)
        for b in (self.boton_registrar, self.boton_abrir, self.boton_limpiar, self.boton_actualizar):
            arriba.addWidget(b)
        # The scanner's inbox below, not beside: the list needs every pixel of width at 1280 px.
        division = QSplitter(Qt.Orientation.Vertical, self)
        division.addWidget(self.tabla)
        division.addWidget(self.escaner)
        division.setStretchFactor(0, 1)
        division.setChildrenCollapsible(False)
        division.setSizes([520, 110])
        self.division = division
        capa = self.capa_con_encabezado(tr("Correspondencia"))
        capa.addLayout(arriba)
        capa.addWidget(self.filtros)
        capa.addWidget(division, 1)
        capa.addWidget(self.estado)

    # --- this workstation's settings ------------------------------------------------------------
    def ajustes(self) -> Ajustes:
        if self._ajustes is None:
            ventana = getattr(self.window(), "ajustes", None)
            self._ajustes = ventana if isinstance(ventana, Ajustes) else Ajustes()
        return self._ajustes

    def mostrar(self) -> None:
        if not self._cargada:
            self.filtros.restaurar(self.ajustes().filtros(self.clave))
            self.escaner.usar_ajustes(self.ajustes())
        super().mostrar()

    # --- loading ---------------------------------------------------------------------------------
    def recargar(self) -> None:
        self.tareas.ejecutar(_opciones, self.servicios, self.sesion,
                             al_terminar=lambda o: self.filtros.poner_opciones(*o),
                             al_fallar=lambda e: mostrar_error(self, e))
        self.aplicar_filtros()
        self.escaner.releer()

    def filtro(self) -> FiltroBandeja:
        return self.filtros.filtro(self.buscador.text(), self._orden, self._descendente)

    def aplicar_filtros(self) -> None:
        self._espera.stop()
        filtro, bandeja, sesion = self.filtro(), self.servicios.bandeja, self.sesion
        self._filtro_actual, self._total = filtro, None
        if self._cargada:
            self.ajustes().guardar_filtros(self.clave, self.filtros.como_dict())
        self.estado.setText(tr("Buscando…"))
        self.modelo.reiniciar(lambda desde, limite: bandeja.pagina(sesion, filtro, desde_fila=desde, limite=limite))
        self.tareas.ejecutar(bandeja.contar, sesion, filtro, al_terminar=lambda n: self._contado(filtro, n),
                             al_fallar=lambda _e: None)  # the count is a courtesy; the list shows the error

    def filtrar(self, **valores) -> None:
        """The bandeja with only these filters (FiltroBandeja's names), as a dashboard figure asks."""
        self.buscador.blockSignals(True)
        self.buscador.clear()
        self.buscador.blockSignals(False)
        self.filtros.elegir(**valores)
        self.aplicar_filtros()

    def limpiar_filtros(self) -> None:
        self.buscador.blockSignals(True)
        self.buscador.clear()
        self.buscador.blockSignals(False)
        self.filtros.limpiar()  # announces the change: one search follows

    def _contado(self, filtro: FiltroBandeja, total: int) -> None:
        if filtro == self._filtro_actual:  # an older filter's count would mislead
            self._total = total
            self._contar()

    def _pagina_cargada(self, filas: int) -> None:
        if filas <= TAM_PAGINA:  # fit the columns to the first page only: later ones would jump
            ajustar_columnas_bandeja(self.tabla)
        if filas and not self.tabla.selectionModel().hasSelection():
            self.tabla.selectRow(0)
        self._contar()

    def _contar(self) -> None:
        mostrados = self.modelo.rowCount()
        filtros = self.filtros.activos() + bool(self.buscador.text().strip())
        if self._total is None:
            texto = tr("%s asuntos cargados") % mostrados
        elif mostrados < self._total:
            texto = tr("Mostrando %1 de %2 asuntos; baje para ver más").replace("%1", str(mostrados)) \
                .replace("%2", str(self._total))
        else:
            texto = tr("%s asuntos") % self._total if self._total != 1 else tr("1 asunto")
        if filtros:
            texto += tr(" (1 filtro activo)") if filtros == 1 else tr(" (%s filtros activos)") % filtros
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
    def _enfocar_buscador(self) -> None:
        self.buscador.setFocus()
        self.buscador.selectAll()

    def buscar_o_abrir(self) -> None:
        texto = self.buscador.text().strip()
        if not texto:
            return
        if not any(c.isdigit() for c in texto):  # words: a search, not a control number
            self.aplicar_filtros()
            self.tabla.setFocus()
            return
        self.tareas.ejecutar(self.servicios.correspondencia.obtener, self.sesion, texto,
                             al_terminar=self._abrir_encontrado, al_fallar=self._no_es_numero)

    def _abrir_encontrado(self, oficio: DatosOficio) -> None:
        self.buscador.selectAll()  # the next scan replaces this number
        self.abrir_numero(oficio.numero_control)

    def _no_es_numero(self, error: BaseException) -> None:
        if isinstance(error, NumeroInexistente):
            # A number of one of the series that no matter has: say so, and leave it selected so
            # that the clerk (or the next scan) types over it; the list stays as it was.
            self.buscador.selectAll()
            mostrar_error(self, error, tr("Número de control"))
            return
        if not isinstance(error, NoEncontrado):
            mostrar_error(self, error)
            return
        self.aplicar_filtros()
        self.tabla.setFocus()

    def seleccionada(self):
        filas = self.tabla.selectionModel().selectedRows()
        return self.modelo.fila(filas[0].row()) if filas else None

    def abrir(self) -> None:
        if (fila := self.seleccionada()) is not None:
            self.abrir_numero(fila.numero_control)

    def abrir_numero(self, numero: str) -> DialogoOficio:
        if self.dialogo_oficio is not None:
            self.dialogo_oficio.close()
        dialogo = DialogoOficio(self.servicios, self.sesion, self.tareas, numero, self,
                                carpeta_anexos=lambda: self.escaner.carpeta or "")
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogo.cambiado.connect(lambda _: setattr(self, "_lista_vieja", True))
        dialogo.finished.connect(lambda _=0, d=dialogo: self._dialogo_cerrado(d))
        self.dialogo_oficio = dialogo
        dialogo.show()
        return dialogo

    def _dialogo_cerrado(self, dialogo: DialogoOficio) -> None:
        if self.dialogo_oficio is dialogo:
            self.dialogo_oficio = None
        if self._lista_vieja:
            self._lista_vieja = False
            self.aplicar_filtros()

    def _numero_a_mano(self) -> str | None:
        if self.dialogo_oficio is not None and self.dialogo_oficio.isVisible():
            return self.dialogo_oficio.numero
        fila = self.seleccionada()
        return fila.numero_control if fila else None

    def _anexos_cambiados(self, _numero: str) -> None:
        d = self.dialogo_oficio
        if d is not None and d.oficio is not None:
            d.anexos.recargar(d.oficio.numero_control, d.oficio.anulado)

    # --- registering and turning -----------------------------------------------------------------
    def registrar(self) -> DialogoRegistro | None:
        if not self.sesion.puede(Accion.REGISTRAR_OFICIOS):
            return None
        if self.dialogo_registro is not None:
            self.dialogo_registro.raise_()
            self.dialogo_registro.activateWindow()
            return self.dialogo_registro
        dialogo = DialogoRegistro(self.servicios, self.sesion, self.tareas, self,
                                  carpeta_anexos=lambda: self.escaner.carpeta or "")
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogo.registrado.connect(self._registrado)
        dialogo.turnar_pedido.connect(self.turnar_numero)
        dialogo.ver_asunto.connect(self.abrir_numero)
        dialogo.finished.connect(lambda _=0: setattr(self, "dialogo_registro", None))
        self.dialogo_registro = dialogo
        dialogo.show()
        return dialogo

    def _registrado(self, _oficio: DatosOficio, rutas: list[str]) -> None:
        self.escaner.archivar_registrados(rutas)
        self.aplicar_filtros()

    def turnar_numero(self, numero: str) -> DialogoTurnar:
        dialogo = DialogoTurnar(self.servicios, self.sesion, self.tareas, numero, self)
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Turned: the matter opens, where the volante and the oficios de turno are printed.
        dialogo.turnado.connect(lambda _: (self.aplicar_filtros(), self.abrir_numero(numero)))
        dialogo.finished.connect(lambda _=0: setattr(self, "dialogo_turnar", None))
        self.dialogo_turnar = dialogo
        dialogo.open()
        return dialogo
