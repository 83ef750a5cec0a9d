"""Inicio: who is signed in and which database this is; for supervision and administration, the
dashboard (tablero.py); for everyone else, what the catalogs hold.

The dashboard is computed off the GUI thread each time the page is shown, with a progress bar
while it runs; its figures lead to their lists through `ver_lista`, which the main window follows,
except the month's follow-ups, listed here in the POA drill-down's window.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from ..domain.catalogos import CATALOGOS
from ..domain.roles import Accion
from ..services import Servicios
from ..services.sesion import Sesion
from ..services.tablero import Tablero
from .apariencia import etiqueta, recortar_medio
from .errores import texto_error
from .pagina import Pagina
from .tablero import VistaTablero
from .tareas import Tareas
from .ventanas import mostrar_unica

if TYPE_CHECKING:
    from .dialogo_detalle_poa import DialogoDetallePoa

COLUMNAS = 3


def contar_catalogos(servicios: Servicios, sesion: Sesion) -> dict[str, int]:
    """Active rows per catalog: catalogs are small, so listing them is cheap."""
    return {nombre: len(servicios.catalogos.listar(sesion, nombre, incluir_inactivos=False))
            for nombre in CATALOGOS}


class PaginaInicio(Pagina):
    clave = "inicio"
    titulo = QT_TRANSLATE_NOOP("Modulos", "Inicio")  # translated where it is shown
    requiere = None
    ver_lista = Signal(str, object)  # a dashboard figure was clicked: module key, filters of its list

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(servicios, sesion, tareas, parent)
        self.con_tablero = sesion.puede(Accion.VER_REPORTES)
        self.hoy: dt.date | None = None  # the day the dashboard is for; None: today (a screenshot may fix it)
        self._calculando = False
        self.dialogo_seguimientos: DialogoDetallePoa | None = None
        capa = QVBoxLayout(self)
        capa.setContentsMargins(*((24, 18, 24, 12) if self.con_tablero else (36, 30, 36, 30)))
        capa.setSpacing(8)
        bienvenida = etiqueta(self.tr("Le damos la bienvenida, {}").format(sesion.nombre_completo),
                              "titulo", nombre="bienvenida")
        rol = etiqueta(self.tr("Usuario «{}» · Rol: {}").format(sesion.nombre, sesion.rol.etiqueta),
                       "nota", nombre="rolUsuario")
        self.base = etiqueta("", "nota", nombre="baseDatos", ajustar=False)
        recortar_medio(self.base, self.tr("Base de datos: {}").format(servicios.bd.describir()), 900)
        if self.con_tablero:
            self._armar_tablero(capa, bienvenida, rol)
        else:
            self._armar_catalogos(capa, bienvenida, rol)

    # --- supervision and administration: the dashboard -------------------------------------------
    def _armar_tablero(self, capa: QVBoxLayout, bienvenida: QLabel, rol: QLabel) -> None:
        self.progreso = QProgressBar(self, objectName="progresoTablero", maximumWidth=160, textVisible=False)
        self.progreso.setRange(0, 0)  # busy until the service says how far it got
        self.progreso.hide()
        self.estado = etiqueta("", "nota", nombre="estadoTablero", ajustar=False)
        self.boton_actualizar = QPushButton(self.tr("Actualizar"), self, objectName="actualizarTablero")
        self.boton_actualizar.setToolTip(self.tr("Volver a calcular las cifras (F5)"))
        self.boton_actualizar.clicked.connect(self.recargar)
        QShortcut(QKeySequence("F5"), self, activated=self.recargar)
        arriba = QHBoxLayout()
        arriba.addWidget(bienvenida, 1)
        for w in (self.estado, self.progreso, self.boton_actualizar):
            arriba.addWidget(w)
        rol.setText(f"{rol.text()} · {self.base.text()}")  # one line less above the figures
        rol.setToolTip(self.base.toolTip())
        self.base.setParent(self)
        self.base.hide()
        capa.addLayout(arriba)
        capa.addWidget(rol)
        self.tablero = VistaTablero(self)
        self.tablero.ver_lista.connect(self.ver_lista)
        self.tablero.ver_seguimientos.connect(self.ver_seguimientos)
        self.tablero.setEnabled(False)  # nothing to click until the figures are in
        desplazable = QScrollArea(self, objectName="desplazableTablero", widgetResizable=True)
        desplazable.setFrameShape(QFrame.Shape.NoFrame)
        desplazable.setWidget(self.tablero)
        desplazable.viewport().installEventFilter(self)  # its width decides one or two columns
        capa.addWidget(desplazable, 1)

    def ver_seguimientos(self, anio: int, mes: int) -> DialogoDetallePoa:
        """The month's follow-ups, both indicators: the records «Seguimientos del mes» counts."""
        from .dialogo_detalle_poa import DialogoDetallePoa, SeguimientosMes  # loaded when first needed

        dialogo = DialogoDetallePoa(self.servicios, self.sesion, self.tareas, anio, SeguimientosMes(mes), self)
        dialogo.setWindowTitle(self.tr("Seguimientos del mes"))
        return mostrar_unica(self, "dialogo_seguimientos", dialogo)

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802
        if evento.type() == QEvent.Type.Resize:
            self.tablero.acomodar(evento.size().width())
        return False

    def mostrar(self) -> None:
        """The dashboard is recomputed each time it is shown (it takes under a second): the
        figures a supervisor comes back to are today's."""
        if self.con_tablero and self._cargada:
            self.recargar()
        super().mostrar()

    def _calcular(self) -> None:
        if self._calculando:  # a second F5 while the first runs: one is enough
            return
        self._calculando = True
        self.progreso.setRange(0, 0)
        self.progreso.show()
        self.boton_actualizar.setEnabled(False)
        self.estado.setText(self.tr("Calculando…"))
        self.tareas.ejecutar(self.servicios.tablero.calcular, self.sesion, self.hoy, al_terminar=self._mostrar_tablero,
                             al_fallar=self._fallo, al_progresar=self._avance)

    def _avance(self, hechos: int, total: int) -> None:
        if total:
            self.progreso.setRange(0, total)
            self.progreso.setValue(hechos)

    def _mostrar_tablero(self, tablero: Tablero) -> None:
        self._terminado()
        self.tablero.poner(tablero)
        self.tablero.setEnabled(True)
        self.estado.setText(self.tr("Cifras al {}").format(tablero.generado.strftime("%d/%m/%Y %H:%M")))

    def _terminado(self) -> None:
        self._calculando = False
        self.progreso.hide()
        self.boton_actualizar.setEnabled(True)

    # --- everyone else: the catalogs --------------------------------------------------------------
    def _armar_catalogos(self, capa: QVBoxLayout, bienvenida: QLabel, rol: QLabel) -> None:
        capa.addWidget(bienvenida)
        capa.addWidget(rol)
        capa.addWidget(self.base)
        capa.addSpacing(18)
        capa.addWidget(etiqueta(self.tr("Catálogos de la oficina"), "subtitulo"))
        capa.addWidget(etiqueta(self.tr("Registros activos en cada catálogo."), "nota"))
        self.estado = etiqueta(self.tr("Contando…"), "nota", nombre="estadoConteo")
        capa.addWidget(self.estado)
        rejilla_widget = QWidget()
        self.rejilla = QGridLayout(rejilla_widget)
        self.rejilla.setContentsMargins(0, 6, 0, 0)
        self.rejilla.setSpacing(12)
        capa.addWidget(rejilla_widget)
        capa.addStretch(1)
        self.cifras: dict[str, QLabel] = {}
        for i, (nombre, catalogo) in enumerate(CATALOGOS.items()):
            self.rejilla.addWidget(self._tarjeta(nombre, catalogo.titulo), i // COLUMNAS, i % COLUMNAS)

    def _tarjeta(self, nombre: str, titulo: str) -> QFrame:
        tarjeta = QFrame()
        tarjeta.setProperty("tipo", "tarjeta")
        tarjeta.setMinimumWidth(170)
        capa = QVBoxLayout(tarjeta)
        capa.setContentsMargins(14, 10, 14, 10)
        cifra = etiqueta("—", "cifra", nombre=f"cifra_{nombre}", ajustar=False)
        capa.addWidget(cifra)
        capa.addWidget(etiqueta(QCoreApplication.translate("Catalogos", titulo), "nota"))
        self.cifras[nombre] = cifra
        return tarjeta

    def recargar(self) -> None:
        if self.con_tablero:
            self._calcular()
            return
        self.estado.setText(self.tr("Contando…"))
        self.estado.show()
        self.tareas.ejecutar(contar_catalogos, self.servicios, self.sesion,
                             al_terminar=self._mostrar_cuentas, al_fallar=self._fallo)

    def _mostrar_cuentas(self, cuentas: dict[str, int]) -> None:
        for nombre, cuenta in cuentas.items():
            self.cifras[nombre].setText(self.locale().toString(cuenta))
        self.estado.hide()

    def _fallo(self, error: BaseException) -> None:
        if self.con_tablero:
            self._terminado()
            self.estado.setText(self.tr("No se pudo calcular el tablero: {}").format(texto_error(error)))
            return
        self.estado.setText(self.tr("No se pudieron contar los catálogos: {}").format(texto_error(error)))
        self.estado.show()
