"""The scan viewer inside the application: PDFs through QtPdf, images scaled to the width.

The bytes come from the database (`anexos.contenido`) and are read from memory (a QBuffer): a
scan of a citizen's letter never lands in a temporary file just to be looked at.
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ..services.anexos import ContenidoAnexo
from .apariencia import etiqueta
from .correspondencia_comun import tr
from .formulario import boton

PASO_ZOOM = 1.25
ZOOM_MINIMO, ZOOM_MAXIMO = 0.1, 8.0


class VisorAnexos(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("visorAnexos")
        self.nombre = etiqueta(tr("Elija un anexo para verlo aquí."), "nota", nombre="nombreAnexo", ajustar=False)
        self.paginas = etiqueta("", "nota", nombre="paginasAnexo", ajustar=False)
        self.boton_alejar = boton(self, tr("Alejar"), "Ctrl+-", self.alejar)
        self.boton_acercar = boton(self, tr("Acercar"), "Ctrl++", self.acercar)
        self.boton_ajustar = boton(self, tr("Ajustar al ancho"), "Ctrl+0", self.ajustar)

        self.documento = QPdfDocument(self)
        self.documento.statusChanged.connect(self._estado_pdf)
        self._buffer: QBuffer | None = None
        self.vista_pdf = QPdfView(self)
        self.vista_pdf.setObjectName("vistaPdf")
        self.vista_pdf.setDocument(self.documento)
        self.vista_pdf.setPageMode(QPdfView.PageMode.MultiPage)
        self.vista_pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.imagen = QLabel(self, objectName="imagenAnexo")
        self.imagen.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.desplazable = QScrollArea(self)
        self.desplazable.setWidget(self.imagen)
        self.desplazable.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pixmap: QPixmap | None = None
        self._zoom_imagen: float | None = None  # None: fit to the width
        self.vacio = etiqueta(tr("Sin anexo que mostrar."), "nota")
        self.vacio.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.pila = QStackedWidget(self)
        for w in (self.vacio, self.vista_pdf, self.desplazable):
            self.pila.addWidget(w)
        barra = QHBoxLayout()
        barra.addWidget(self.nombre, 1)
        barra.addWidget(self.paginas)
        for b in (self.boton_alejar, self.boton_acercar, self.boton_ajustar):
            b.setAutoDefault(False)
            barra.addWidget(b)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(barra)
        capa.addWidget(self.pila, 1)
        self._habilitar(False)

    # --- what is shown ------------------------------------------------------------------------
    def mostrar(self, contenido: ContenidoAnexo) -> None:
        self.limpiar()
        self.nombre.setText(contenido.nombre)
        self.nombre.setToolTip(contenido.nombre)
        if contenido.tipo_mime == "application/pdf":
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(contenido.contenido))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.documento.load(self._buffer)  # the buffer must outlive the document's use of it
            self.vista_pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.pila.setCurrentWidget(self.vista_pdf)
        else:
            pixmap = QPixmap()
            if not pixmap.loadFromData(contenido.contenido):
                self.vacio.setText(tr("No se puede mostrar esta imagen."))
                return
            self._pixmap, self._zoom_imagen = pixmap, None
            self.pila.setCurrentWidget(self.desplazable)
            self._pintar_imagen()
            self.paginas.setText(f"{pixmap.width()} × {pixmap.height()} px")
        self._habilitar(True)

    def limpiar(self) -> None:
        self.documento.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self._pixmap = None
        self.imagen.clear()
        self.paginas.clear()
        self.nombre.setText(tr("Elija un anexo para verlo aquí."))
        self.vacio.setText(tr("Sin anexo que mostrar."))
        self.pila.setCurrentWidget(self.vacio)
        self._habilitar(False)

    def es_pdf(self) -> bool:
        return self.pila.currentWidget() is self.vista_pdf

    def _estado_pdf(self, estado: QPdfDocument.Status) -> None:
        # Uses the status it is given: the document also reports while it is being destroyed.
        if estado == QPdfDocument.Status.Ready:
            n = self.documento.pageCount()
            self.paginas.setText(tr("1 página") if n == 1 else tr("%s páginas") % n)
        elif estado == QPdfDocument.Status.Error:
            self.vacio.setText(tr("No se puede mostrar este PDF."))
            self.pila.setCurrentWidget(self.vacio)

    def _habilitar(self, si: bool) -> None:
        for b in (self.boton_alejar, self.boton_acercar, self.boton_ajustar):
            b.setEnabled(si)

    # --- zoom ------------------------------------------------------------------------------------
    def factor(self) -> float:
        if self.es_pdf():
            return self.vista_pdf.zoomFactor()
        if self._pixmap is None:
            return 1.0
        return self._zoom_imagen or self._ajuste_imagen()

    def _zoom(self, factor: float) -> None:
        factor = max(ZOOM_MINIMO, min(ZOOM_MAXIMO, factor))
        if self.es_pdf():
            self.vista_pdf.setZoomMode(QPdfView.ZoomMode.Custom)
            self.vista_pdf.setZoomFactor(factor)
        elif self._pixmap is not None:
            self._zoom_imagen = factor
            self._pintar_imagen()

    def acercar(self) -> None:
        self._zoom(self.factor() * PASO_ZOOM)

    def alejar(self) -> None:
        self._zoom(self.factor() / PASO_ZOOM)

    def ajustar(self) -> None:
        if self.es_pdf():
            self.vista_pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif self._pixmap is not None:
            self._zoom_imagen = None
            self._pintar_imagen()

    def _ajuste_imagen(self) -> float:
        ancho = max(50, self.desplazable.viewport().width() - 4)
        return min(1.0, ancho / max(1, self._pixmap.width())) if self._pixmap else 1.0

    def _pintar_imagen(self) -> None:
        if self._pixmap is None:
            return
        factor = self._zoom_imagen or self._ajuste_imagen()
        escalada = self._pixmap.scaledToWidth(max(1, int(self._pixmap.width() * factor)),
                                              Qt.TransformationMode.SmoothTransformation)
        self.imagen.setPixmap(escalada)
        self.imagen.resize(escalada.size())

    def resizeEvent(self, evento) -> None:
        super().resizeEvent(evento)
        if self._pixmap is not None and self._zoom_imagen is None:
            self._pintar_imagen()  # «fit to width» follows the window
