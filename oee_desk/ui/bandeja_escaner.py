"""The scanner's inbox: the folder this workstation's scanner saves into, watched for new PDFs and
images. «Adjuntar a…» attaches the chosen file to a matter and moves it to «adjuntados», so what
is left in the list is what still waits for its matter."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QFileSystemWatcher, QMimeData, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QInputDialog, QListView, QListWidget, QListWidgetItem, QStyle, QVBoxLayout, QWidget,
)

from ..domain.roles import Accion
from ..services import Servicios
from ..services.sesion import Sesion
from .ajustes import Ajustes
from .apariencia import etiqueta, recortar_medio
from .correspondencia_comun import es_anexo, leer_archivos, tr
from .errores import mostrar_error
from .formulario import boton
from .tareas import Tareas

SUBCARPETA = "adjuntados"
ESPERA_MS = 400  # a scanner writes a file in bursts: one look after it pauses, not one per burst


def pedir_carpeta(padre: QWidget, actual: str) -> str:
    """Module-level so that tests replace it: no native dialog in a test run."""
    return QFileDialog.getExistingDirectory(padre, tr("Carpeta donde guarda el escáner"), actual)


def escaneos(carpeta: str) -> list[str]:
    """The folder's PDFs and images, newest first (the one just scanned on top)."""
    raiz = Path(carpeta)
    if not raiz.is_dir():
        return []
    archivos = [r for r in raiz.iterdir() if r.is_file() and es_anexo(r) and not r.name.startswith(".")]
    return [str(r) for r in sorted(archivos, key=lambda r: r.stat().st_mtime, reverse=True)]


def archivar(ruta: str | Path) -> Path:
    """Move an attached scan to «adjuntados», never over an older file of the same name."""
    ruta = Path(ruta)
    destino_dir = ruta.parent / SUBCARPETA
    destino_dir.mkdir(exist_ok=True)
    destino, n = destino_dir / ruta.name, 2
    while destino.exists():
        destino, n = destino_dir / f"{ruta.stem} ({n}){ruta.suffix}", n + 1
    return Path(shutil.move(str(ruta), str(destino)))


def _adjuntar(servicios: Servicios, sesion: Sesion, numero: str, ruta: str) -> str:
    servicios.anexos.adjuntar(sesion, numero, leer_archivos([ruta]))
    archivar(ruta)  # only once the database has it: a failed attach leaves the file where it was
    return numero


class _ListaArrastrable(QListWidget):
    """Scans can be dragged onto the registration form or a matter's Anexos tab."""

    def mimeData(self, items) -> QMimeData:
        datos = QMimeData()
        datos.setUrls([QUrl.fromLocalFile(i.data(Qt.ItemDataRole.UserRole)) for i in items])
        return datos


class BandejaEscaner(QWidget):
    adjuntado = Signal(str)  # the matter's number

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, destino: Callable[[], str | None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self._destino = destino  # the matter open or selected right now
        self._ajustes: Ajustes | None = None
        self.carpeta: str | None = None
        self.pregunta: QInputDialog | None = None
        self.vigia = QFileSystemWatcher(self)
        self.vigia.directoryChanged.connect(lambda _: self._espera.start())
        self._espera = QTimer(self, singleShot=True, interval=ESPERA_MS)
        self._espera.timeout.connect(self.releer)

        self.ruta = etiqueta(tr("Sin carpeta: elija la del escáner con «Carpeta…»."), "nota", nombre="carpetaEscaner",
                             ajustar=False)
        self.lista = _ListaArrastrable(self)
        self.lista.setObjectName("listaEscaner")
        # Files side by side in a strip: the inbox sits under the bandeja and must stay low.
        self.lista.setFlow(QListView.Flow.LeftToRight)
        self.lista.setWrapping(True)
        self.lista.setResizeMode(QListView.ResizeMode.Adjust)
        self.lista.setSpacing(2)
        self.lista.setDragEnabled(True)
        self.lista.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.lista.currentRowChanged.connect(lambda _: self._actualizar())
        self.boton_carpeta = boton(self, tr("Carpeta…"), "Ctrl+Shift+F", self.elegir_carpeta)
        self.boton_adjuntar = boton(self, tr("Adjuntar a…"), "Ctrl+J", self.preguntar_destino)
        self.boton_adjuntar.setVisible(sesion.puede(Accion.REGISTRAR_OFICIOS))

        izquierda = QVBoxLayout()
        izquierda.addWidget(etiqueta(tr("Escáner"), "subtitulo", ajustar=False))
        izquierda.addWidget(self.ruta)
        izquierda.addStretch(1)
        botones = QVBoxLayout()
        botones.addWidget(self.boton_adjuntar)
        botones.addWidget(self.boton_carpeta)
        botones.addStretch(1)
        capa = QHBoxLayout(self)
        capa.setContentsMargins(0, 4, 0, 0)
        capa.setSpacing(8)
        capa.addLayout(izquierda)
        capa.addWidget(self.lista, 1)
        capa.addLayout(botones)
        self._actualizar()

    # --- the folder -----------------------------------------------------------------------------
    def usar_ajustes(self, ajustes: Ajustes) -> None:
        self._ajustes = ajustes
        if ajustes.carpeta_escaner:
            self.poner_carpeta(ajustes.carpeta_escaner, recordar=False)

    def elegir_carpeta(self) -> None:
        elegida = pedir_carpeta(self, self.carpeta or "")
        if elegida:
            self.poner_carpeta(elegida)

    def poner_carpeta(self, carpeta: str, *, recordar: bool = True) -> None:
        if self.vigia.directories():
            self.vigia.removePaths(self.vigia.directories())
        self.carpeta = carpeta
        if Path(carpeta).is_dir():
            self.vigia.addPath(carpeta)
        recortar_medio(self.ruta, carpeta, 220)
        if recordar and self._ajustes is not None:
            self._ajustes.carpeta_escaner = carpeta
        self.releer()

    def releer(self) -> None:
        if not self.carpeta:
            return
        carpeta = self.carpeta
        self.tareas.ejecutar(escaneos, carpeta, al_terminar=lambda rutas: self._poner(carpeta, rutas),
                             al_fallar=lambda _e: self._poner(carpeta, []))  # a lost share: an empty list

    def _poner(self, carpeta: str, rutas: list[str]) -> None:
        if carpeta != self.carpeta:
            return
        elegida = self.elegida()
        self.lista.clear()
        for ruta in rutas:
            icono = QStyle.StandardPixmap.SP_FileIcon
            item = QListWidgetItem(self.style().standardIcon(icono), Path(ruta).name)
            item.setData(Qt.ItemDataRole.UserRole, ruta)
            item.setToolTip(ruta)
            self.lista.addItem(item)
        fila = next((i for i, r in enumerate(rutas) if r == elegida), 0 if rutas else -1)
        self.lista.setCurrentRow(fila)
        self._actualizar()

    def elegida(self) -> str | None:
        item = self.lista.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _actualizar(self) -> None:
        self.boton_adjuntar.setEnabled(self.sesion.puede(Accion.REGISTRAR_OFICIOS) and self.elegida() is not None)

    # --- attaching ------------------------------------------------------------------------------
    def preguntar_destino(self) -> QInputDialog | None:
        """The number is asked, prefilled with the matter at hand: a barcode reader may type another."""
        if not self.boton_adjuntar.isEnabled() or (ruta := self.elegida()) is None:
            return None
        pregunta = QInputDialog(self)
        pregunta.setObjectName("preguntaDestino")
        pregunta.setWindowTitle(tr("Adjuntar escaneo"))
        pregunta.setLabelText(tr("Adjuntar «%s» al asunto número:") % Path(ruta).name)
        pregunta.setTextValue(self._destino() or "")
        pregunta.setOkButtonText(tr("Adjuntar"))
        pregunta.setCancelButtonText(tr("Cancelar"))
        pregunta.textValueSelected.connect(lambda numero: self.adjuntar_a(numero, ruta))
        self.pregunta = pregunta
        pregunta.open()
        return pregunta

    def adjuntar_a(self, numero: str, ruta: str | None = None) -> None:
        ruta = ruta or self.elegida()
        if not ruta or not numero.strip():
            return
        self.tareas.ejecutar(_adjuntar, self.servicios, self.sesion, numero.strip(), ruta,
                             al_terminar=self._adjuntado,
                             al_fallar=lambda e: mostrar_error(self, e, tr("No se pudo adjuntar")))

    def _adjuntado(self, numero: str) -> None:
        self.releer()
        self.adjuntado.emit(numero)

    def archivar_registrados(self, rutas: list[str]) -> None:
        """Files of this folder attached while registering a matter leave the inbox too."""
        if not self.carpeta:
            return
        propias = [r for r in rutas if Path(r).parent == Path(self.carpeta) and Path(r).is_file()]
        if propias:
            self.tareas.ejecutar(lambda: [archivar(r) for r in propias], al_terminar=lambda _: self.releer(),
                                 al_fallar=lambda e: mostrar_error(self, e))
