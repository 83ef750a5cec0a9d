"""The POA tally on paper and in files: PDF, Excel, CSV and JSON written in the task runner; the PDF
shown in the application's own viewer (visor_anexos), or printed through Qt's print dialog.

Printing draws the report's own PDF pages (rendered by QtPdf) onto the printer, so what comes out
of the printer is exactly the PDF the office files. The PDF for viewing and printing is built in
memory: nothing is left in a temporary folder.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..services.anexos import ContenidoAnexo
from ..services.poa import ReportePoa
from .formulario import boton
from .metas_comun import tr
from .visor_anexos import VisorAnexos

PPP_IMPRESION = 300  # a page is rendered at most this sharp: a 1200-ppp printer would need 0.5 GB a page

FILTROS = {"pdf": "Documento PDF (*.pdf)", "xlsx": "Libro de Excel (*.xlsx)", "csv": "Valores separados por comas (*.csv)",
           "json": "Datos JSON (*.json)"}


# Module-level so that tests replace them: no native dialog in a test run.
def pedir_ruta_guardar(padre: QWidget, titulo: str, sugerido: str, filtro: str) -> str | None:
    ruta, _ = QFileDialog.getSaveFileName(padre, titulo, sugerido, filtro)
    return ruta or None


def pedir_impresora(padre: QWidget, impresora: QPrinter) -> bool:
    dialogo = QPrintDialog(impresora, padre)
    dialogo.setWindowTitle(tr("Imprimir el informe POA"))
    return dialogo.exec() == QDialog.DialogCode.Accepted


def nombre_sugerido(reporte: ReportePoa, formato: str) -> str:
    periodo = f"{reporte.anio}" if not reporte.mes else f"{reporte.anio}-{reporte.mes:02d}"
    return f"informe-poa-{periodo}.{formato}"


def escribir(formato: str, reporte: ReportePoa, ruta: Path) -> Path:
    """One format of the same report (runs in the task runner: ReportLab and openpyxl load here)."""
    if formato == "json":
        ruta.write_text(json.dumps(reporte.como_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    elif formato == "csv":
        from ..reports.poa_csv import escribir_csv

        escribir_csv(reporte, ruta)
    else:
        from ..reports import poa

        (poa.escribir_pdf if formato == "pdf" else poa.escribir_xlsx)(reporte, str(ruta))
    return ruta


def pdf_en_memoria(reporte: ReportePoa) -> bytes:
    from ..reports import poa

    salida = io.BytesIO()
    poa.escribir_pdf(reporte, salida)
    return salida.getvalue()


def impresora_carta_horizontal() -> QPrinter:
    """The report's own page: landscape letter, so the dialog offers it as the default."""
    impresora = QPrinter(QPrinter.PrinterMode.HighResolution)
    impresora.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    impresora.setPageOrientation(QPageLayout.Orientation.Landscape)
    impresora.setDocName(tr("Informe de metas según el POA"))
    return impresora


def imprimir_pdf(datos: bytes, impresora: QPrinter) -> int:
    """Draw each page of the PDF onto the printer, scaled to its printable area; the pages printed."""
    buffer = QBuffer()
    buffer.setData(QByteArray(datos))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    documento = QPdfDocument()
    documento.load(buffer)  # from memory: synchronous, ready when it returns
    paginas = documento.pageCount()
    if paginas <= 0:
        raise RuntimeError(tr("No se pudo leer el PDF del informe para imprimirlo."))
    pintor = QPainter()
    if not pintor.begin(impresora):
        raise RuntimeError(tr("No se pudo comenzar a imprimir: revise la impresora elegida."))
    try:
        area = impresora.pageLayout().paintRectPixels(impresora.resolution())
        ppp = min(PPP_IMPRESION, impresora.resolution())
        for numero in range(paginas):
            if numero:
                impresora.newPage()
            puntos = documento.pagePointSize(numero)
            imagen = documento.render(numero, QSize(round(puntos.width() * ppp / 72),
                                                    round(puntos.height() * ppp / 72)))
            escala = min(area.width() / imagen.width(), area.height() / imagen.height())
            ancho, alto = imagen.width() * escala, imagen.height() * escala
            destino = QRectF((area.width() - ancho) / 2, (area.height() - alto) / 2, ancho, alto)
            pintor.drawImage(destino, imagen)
    finally:
        pintor.end()
        documento.close()
        buffer.close()
    return paginas


class DialogoVisorPdf(QDialog):
    """The report's PDF in the built-in viewer, with «Imprimir…» at hand. Esc closes it."""

    def __init__(self, titulo: str, datos: bytes, imprimir, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("visorInformePoa")
        self.setWindowTitle(titulo)
        self.resize(1100, 760)
        self.datos = datos
        self.visor = VisorAnexos(self)
        self.visor.mostrar(ContenidoAnexo(titulo + ".pdf", "application/pdf", datos))
        self.boton_imprimir = boton(self, tr("Imprimir…"), "Ctrl+P", imprimir)
        cerrar = QPushButton(tr("Cerrar"), self)
        cerrar.setToolTip(tr("Cerrar (Esc)"))
        cerrar.clicked.connect(self.reject)
        botones = QHBoxLayout()
        botones.addStretch(1)
        for b in (self.boton_imprimir, cerrar):
            b.setAutoDefault(False)
            botones.addWidget(b)
        capa = QVBoxLayout(self)
        capa.addWidget(self.visor, 1)
        capa.addLayout(botones)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def done(self, resultado: int) -> None:
        self.visor.limpiar()  # the document lets go of its buffer before both are deleted
        super().done(resultado)
