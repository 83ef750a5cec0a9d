"""The Anexos tab of a matter: its scans and those of its answers, shown inside the application;
more are attached with the file dialog or by dropping them on the tab."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from ..domain.roles import Accion
from ..services import Servicios
from ..services.anexos import ContenidoAnexo, DatosAnexo
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .correspondencia_comun import leer_archivos, rutas_soltadas, tr
from .errores import mostrar_error
from .formulario import boton
from .lista_anexos import pedir_archivos
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .tareas import Tareas
from .visor_anexos import VisorAnexos

TIPOS = {"application/pdf": "PDF", "image/png": "Imagen PNG", "image/jpeg": "Imagen JPEG", "image/tiff": "Imagen TIFF"}


def tamano_legible(bytes_: int) -> str:
    if bytes_ < 1024:
        return f"{bytes_} B"
    if bytes_ < 1024 ** 2:
        return f"{bytes_ / 1024:.0f} KB"
    return f"{bytes_ / 1024 ** 2:.1f} MB"


def _adjuntar(servicios: Servicios, sesion: Sesion, numero: str, rutas: list[str]) -> list[DatosAnexo]:
    return servicios.anexos.adjuntar(sesion, numero, leer_archivos(rutas))


class PestanaAnexos(QWidget):
    cambiado = Signal()

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None, *,
                 carpeta_anexos: Callable[[], str] = lambda: ""):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self._carpeta = carpeta_anexos
        self.numero: str | None = None
        self.anulado = False
        self.puede_adjuntar = sesion.puede(Accion.REGISTRAR_OFICIOS)

        self.modelo = ModeloFilas([
            Columna(tr("Archivo"), lambda a: a.nombre),
            Columna(tr("Tipo"), lambda a: tr(TIPOS.get(a.tipo_mime, a.tipo_mime))),
            Columna(tr("Tamaño"), lambda a: tamano_legible(a.tamano), numerica=True),
        ], self)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaAnexos")
        self.tabla.doubleClicked.connect(lambda _: self.ver())
        for tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(tecla), self.tabla, activated=self.ver, context=Qt.ShortcutContext.WidgetShortcut)
        self.visor = VisorAnexos(self)
        self.boton_adjuntar = boton(self, tr("Adjuntar…"), "Ctrl+O", self.elegir)
        self.boton_adjuntar.setShortcut(QKeySequence())  # fired by the matter's window from any tab
        self.boton_adjuntar.setVisible(self.puede_adjuntar)
        self.boton_ver = boton(self, tr("Ver"), "Ctrl+Shift+V", self.ver)
        self.boton_ver.setToolTip(tr("Ver el anexo elegido (Intro o doble clic)"))
        self.boton_ver.setShortcut(QKeySequence())
        self.nota = etiqueta(tr("Arrastre aquí PDF o imágenes para adjuntarlos.") if self.puede_adjuntar else "",
                             "nota")
        self.setAcceptDrops(self.puede_adjuntar)

        lado = QWidget(self)
        capa_lado = QVBoxLayout(lado)
        capa_lado.setContentsMargins(0, 0, 0, 0)
        botones = QHBoxLayout()
        for b in (self.boton_adjuntar, self.boton_ver):
            b.setAutoDefault(False)
            botones.addWidget(b)
        botones.addStretch(1)
        capa_lado.addLayout(botones)
        capa_lado.addWidget(self.tabla, 1)
        capa_lado.addWidget(self.nota)
        division = QSplitter(Qt.Orientation.Horizontal, self)
        division.addWidget(lado)
        division.addWidget(self.visor)
        division.setStretchFactor(0, 2)
        division.setStretchFactor(1, 3)
        division.setChildrenCollapsible(False)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(8, 8, 8, 8)
        capa.addWidget(division)
        self._actualizar()

    def recargar(self, numero: str, anulado: bool = False) -> None:
        self.numero, self.anulado = numero, anulado
        self.tareas.ejecutar(self.servicios.anexos.de_oficio, self.sesion, numero, al_terminar=self._poner,
                             al_fallar=lambda e: mostrar_error(self, e))

    def _poner(self, anexos: list[DatosAnexo]) -> None:
        elegido = self.seleccionado()
        self.modelo.poner_filas(anexos)
        ajustar_columnas(self.tabla, estirar=[0], maximo=280)
        fila = self.modelo.buscar(lambda a: elegido is not None and a.id == elegido.id)
        if anexos:
            self.tabla.selectRow(max(fila, 0))
        self._actualizar()

    def seleccionado(self) -> DatosAnexo | None:
        filas = self.tabla.selectionModel().selectedRows()
        return self.modelo.fila(filas[0].row()) if filas else None

    def _actualizar(self) -> None:
        self.boton_adjuntar.setEnabled(self.puede_adjuntar and self.numero is not None and not self.anulado)
        self.boton_ver.setEnabled(self.modelo.rowCount() > 0)

    def ver(self) -> None:
        anexo = self.seleccionado()
        if anexo is None:
            return
        self.tareas.ejecutar(self.servicios.anexos.contenido, self.sesion, anexo.id, al_terminar=self._mostrar,
                             al_fallar=lambda e: mostrar_error(self, e))

    def _mostrar(self, contenido: ContenidoAnexo) -> None:
        self.visor.mostrar(contenido)

    # --- attaching -------------------------------------------------------------------------------
    def elegir(self) -> None:
        if self.boton_adjuntar.isEnabled():
            rutas = pedir_archivos(self, self._carpeta())
            if rutas:
                self.adjuntar(rutas)

    def adjuntar(self, rutas: list[str]) -> None:
        if not (self.puede_adjuntar and self.numero and not self.anulado):
            return
        self.tareas.ejecutar(_adjuntar, self.servicios, self.sesion, self.numero, rutas,
                             al_terminar=lambda _: (self.recargar(self.numero, self.anulado), self.cambiado.emit()),
                             al_fallar=lambda e: mostrar_error(self, e, tr("No se pudo adjuntar")))

    def dragEnterEvent(self, evento) -> None:
        if self.boton_adjuntar.isEnabled() and rutas_soltadas(evento.mimeData()):
            evento.acceptProposedAction()

    def dropEvent(self, evento) -> None:
        rutas = rutas_soltadas(evento.mimeData())
        if rutas:
            evento.acceptProposedAction()
            self.adjuntar(rutas)
