"""The records behind one cell of the POA tally: what servicios.poa counts there, 200 at a time
(a year's Total row can hold hundreds of thousands), with the service's note on closed months.
A petition (or a follow-up's petition) opens in its own window from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..domain.peticiones import TIPOS_SEGUIMIENTO
from ..domain.roles import Accion
from ..services import Servicios
from ..services.poa_detalle import DetalleCelda, RegistroContado
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .errores import mostrar_error
from .formulario import boton
from .metas_comun import tr
from .metas_modelos import CeldaIndicador, CeldaMeta
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .tareas import Tareas
from .ventanas import mostrar_unica

POR_PAGINA = 200
ABREN_PETICION = ("Petición", "Seguimiento")  # a follow-up's clave is its petition's folio

Pedir = Callable[[int, int], DetalleCelda]  # (limite, desplazamiento) -> a page


def _detalle(r: RegistroContado) -> str:
    """A petition's topic, a follow-up's kind (a stored code), an oficio's subject, a turn's role."""
    if r.tipo == "Seguimiento":
        return tr(TIPOS_SEGUIMIENTO.get(r.detalle, r.detalle))
    return " ".join(r.detalle.split())


@dataclass(frozen=True)
class SeguimientosMes:
    """Not a cell of the report: every follow-up of a month, of both indicators (the dashboard's
    «Seguimientos del mes»)."""
    mes: int


Celda = CeldaIndicador | CeldaMeta | SeguimientosMes


def fuente(servicios: Servicios, sesion: Sesion, anio: int, celda: Celda) -> Pedir:
    """How to ask the service for the pages of `celda`: a month, or January to the report's month."""
    if isinstance(celda, SeguimientosMes):
        return lambda limite, desde: servicios.tablero.seguimientos_del_mes(sesion, anio, celda.mes, limite=limite,
                                                                          desplazamiento=desde)
    poa = servicios.poa
    if isinstance(celda, CeldaMeta):
        return lambda limite, desde: poa.detalle_meta(sesion, anio, celda.numero, celda.trimestre,
                                                      hasta_mes=celda.hasta_mes, limite=limite, desplazamiento=desde)
    mes = celda.meses[0] if celda.meses and len(celda.meses) == 1 else None
    hasta = celda.meses[-1] if celda.meses else None
    return lambda limite, desde: poa.detalle(sesion, anio, celda.indicador, celda.fila, celda.canal, mes,
                                             hasta_mes=hasta, limite=limite, desplazamiento=desde)


class DialogoDetallePoa(QDialog):
    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, anio: int,
                 celda: Celda, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.pedir = fuente(servicios, sesion, anio, celda)
        self.total = 0
        self.dialogo_peticion = None
        self._cargando = False
        self.setObjectName("dialogoDetallePoa")
        self.setWindowTitle(tr("Registros contados"))
        self.resize(980, 620)

        self.titulo = etiqueta(tr("Cargando…"), "subtitulo", nombre="tituloDetalle")
        self.cuenta = etiqueta("", "nota", nombre="cuentaDetalle", ajustar=False)
        self.nota = etiqueta("", "aviso", nombre="notaDetalle")
        self.nota.hide()
        self.modelo = ModeloFilas([
            Columna(tr("Tipo"), lambda r: tr(r.tipo)),
            Columna(tr("Folio / número"), lambda r: r.clave),
            Columna(tr("Fecha"), lambda r: r.fecha),
            Columna(tr("Canal"), lambda r: r.canal),
            Columna(tr("Detalle"), _detalle),
        ], self)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaDetallePoa")
        self.tabla.activated.connect(lambda _: self.abrir_peticion())  # Intro or double clic
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_: self._actualizar())
        self.boton_mas = boton(self, tr("Más…"), "Ctrl+M", self.cargar_mas)
        self.boton_abrir = boton(self, tr("Abrir petición"), "Ctrl+O", self.abrir_peticion, primario=True)
        self.boton_abrir.setVisible(sesion.puede(Accion.VER_PETICIONES))
        cerrar = QPushButton(tr("Cerrar"), self)
        cerrar.setToolTip(tr("Cerrar (Esc)"))
        cerrar.clicked.connect(self.reject)
        botones = QHBoxLayout()
        botones.addWidget(self.cuenta, 1)
        for b in (self.boton_mas, self.boton_abrir, cerrar):
            b.setAutoDefault(False)  # Intro belongs to the table: it opens the petition
            botones.addWidget(b)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(18, 16, 18, 12)
        capa.addWidget(self.titulo)
        capa.addWidget(self.nota)
        capa.addWidget(self.tabla, 1)
        capa.addLayout(botones)
        self._actualizar()
        self.cargar_mas()

    # --- pages --------------------------------------------------------------------------------
    def cargar_mas(self) -> None:
        if self._cargando:
            return
        self._cargando = True
        self._actualizar()
        self.tareas.ejecutar(self.pedir, POR_PAGINA, self.modelo.rowCount(), al_terminar=self._cargada,
                             al_fallar=self._fallo)

    def _cargada(self, detalle: DetalleCelda) -> None:
        self._cargando = False
        primera_nueva = self.modelo.rowCount()
        self.total = detalle.total
        self.modelo.poner_filas(self.modelo.filas() + list(detalle.registros))
        self.titulo.setText(detalle.titulo)
        nota = detalle.nota
        self.nota.setText(nota)
        self.nota.setVisible(bool(nota))
        if primera_nueva == 0:
            ajustar_columnas(self.tabla, estirar=[4], maximo=320)
        if self.modelo.rowCount() > primera_nueva:
            self.tabla.selectRow(primera_nueva)
            self.tabla.scrollTo(self.modelo.index(primera_nueva, 0))
        self.tabla.setFocus()
        self._actualizar()

    def _fallo(self, error: BaseException) -> None:
        self._cargando = False
        self._actualizar()
        mostrar_error(self, error)

    def _actualizar(self) -> None:
        vistos = self.modelo.rowCount()
        if self.total == vistos:
            texto = tr("Registros: %s") % f"{self.total:,}"
        else:
            texto = tr("Mostrando %1 de %2 registros").replace("%1", f"{vistos:,}").replace("%2", f"{self.total:,}")
        self.cuenta.setText(texto)
        self.boton_mas.setEnabled(not self._cargando and vistos < self.total)
        self.boton_abrir.setEnabled(self.elegido() is not None and self.elegido().tipo in ABREN_PETICION)

    # --- the petition -------------------------------------------------------------------------
    def elegido(self) -> RegistroContado | None:
        indice = self.tabla.selectionModel().currentIndex()
        return self.modelo.fila(indice.row()) if indice.isValid() else None

    def abrir_peticion(self):
        r = self.elegido()
        if r is None or r.tipo not in ABREN_PETICION or not self.sesion.puede(Accion.VER_PETICIONES):
            return None
        from .atencion_detalle import DialogoPeticion  # the desk's own window, loaded when first needed

        return mostrar_unica(self, "dialogo_peticion", DialogoPeticion(self.servicios, self.sesion, self.tareas,
                                                                       r.clave, self))
