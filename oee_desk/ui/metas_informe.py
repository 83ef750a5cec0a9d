"""Tab «Informe POA»: the tally of a year, a month (year to date) or a quarter, laid out as the
printed report (poa-report.md): the indicator tables by rubro and month, then the metas by quarter.
Any cell opens the records it counts; the same report goes to PDF, Excel, CSV, JSON, the viewer and
the printer (metas_exportar)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QScrollArea, QTableView,
    QVBoxLayout, QWidget,
)

from ..services import Servicios
from ..services.poa import ReportePoa
from ..services.sesion import Sesion
from . import metas_exportar as exportar
from . import metas_textos as textos
from .apariencia import etiqueta, marcar
from .dialogo_detalle_poa import DialogoDetallePoa
from .errores import mostrar_error
from .formulario import boton
from .metas_comun import alto_justo, periodos_informe, tr
from .metas_modelos import ModeloIndicador, ModeloMetasInforme, texto_ajuste
from .tareas import Tareas
from .ventanas import mostrar_unica

NOTA_METAS = ("TOTALES: por trimestre, la suma de las metas de conteo; las metas en porcentaje no se suman. "
              "% de cumplimiento = total anual ÷ programado anual × 100.")


def _tabla(parent: QWidget, modelo) -> QTableView:
    """A table of the report: cells (not rows) are chosen, as in the office's sheet; its height is
    its rows', the page scrolls instead of each table."""
    tabla = QTableView(parent)
    tabla.setModel(modelo)
    tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tabla.setWordWrap(False)
    tabla.verticalHeader().hide()
    tabla.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    tabla.horizontalHeader().setHighlightSections(False)
    tabla.horizontalHeader().setMinimumSectionSize(58)
    return tabla


class PanelInforme(QWidget):
    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, anio: Callable[[], int],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas, self.anio = servicios, sesion, tareas, anio
        self.reporte: ReportePoa | None = None
        self.dialogo_detalle: DialogoDetallePoa | None = None
        self.visor: exportar.DialogoVisorPdf | None = None
        self.ultimo_archivo: Path | None = None
        self.paginas_impresas = 0
        self._pdf: bytes | None = None  # the shown report's PDF, built once for viewing and printing
        self._ocupado = False
        self._generacion = 0

        self.periodo = QComboBox(self, objectName="periodoPoa")
        for texto, mes in periodos_informe():
            self.periodo.addItem(texto, mes)
        self.boton_generar = boton(self, tr("Generar"), "F5", self.generar, primario=True)
        self.progreso = QProgressBar(self, objectName="progresoPoa", maximumWidth=120, textVisible=False)
        self.progreso.setRange(0, 0)  # «working»: the tally is a few queries, not counted steps
        self.progreso.hide()
        self.boton_ver = boton(self, tr("Ver PDF"), "Ctrl+Shift+V", self.ver_pdf)
        self.boton_imprimir = boton(self, tr("Imprimir…"), "Ctrl+P", self.imprimir)
        self.botones_exportar = {
            "pdf": boton(self, tr("PDF…"), "Ctrl+Shift+P", lambda: self.exportar("pdf")),
            "xlsx": boton(self, tr("Excel…"), "Ctrl+E", lambda: self.exportar("xlsx")),
            "csv": boton(self, tr("CSV…"), "Ctrl+Shift+C", lambda: self.exportar("csv")),
            "json": boton(self, tr("JSON…"), "Ctrl+Shift+J", lambda: self.exportar("json")),
        }
        fila = QHBoxLayout()
        rotulo = QLabel(tr("Periodo:"), self)
        rotulo.setBuddy(self.periodo)
        for w in (rotulo, self.periodo, self.boton_generar, self.progreso):
            fila.addWidget(w)
        fila.addStretch(1)
        for w in (self.boton_ver, self.boton_imprimir, etiqueta(tr("Guardar como:"), "nota", ajustar=False),
                  *self.botones_exportar.values()):
            fila.addWidget(w)

        self.resumen = etiqueta(tr("Elija el periodo y pulse «Generar» (F5)."), "nota", nombre="resumenPoa")
        self.banner = etiqueta("", "aviso", nombre="cierrePoa")
        self.ajustes = etiqueta("", "aviso", nombre="ajustesPoa")
        self.aviso = etiqueta("", "exito", nombre="avisoPoa")
        for w in (self.banner, self.ajustes, self.aviso):
            w.hide()

        self.contenido = QWidget(self)
        self.capa_contenido = QVBoxLayout(self.contenido)
        self.capa_contenido.setContentsMargins(0, 0, 8, 0)
        self.modelos_indicador: list[ModeloIndicador] = []
        self.tablas_indicador: list[QTableView] = []
        self.modelo_metas = ModeloMetasInforme(self)
        self.tabla_metas = _tabla(self.contenido, self.modelo_metas)
        self.tabla_metas.setObjectName("tablaMetasPoa")
        self.tabla_metas.activated.connect(lambda i: self.abrir_detalle(self.modelo_metas.celda(i)))
        # Descriptions and areas wrap, as in the printed report: each row as tall as its text.
        self.tabla_metas.setWordWrap(True)
        self.tabla_metas.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tabla_metas.verticalHeader().sectionResized.connect(lambda *_: alto_justo(self.tabla_metas))
        encabezado = self.tabla_metas.horizontalHeader()
        encabezado.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        encabezado.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        encabezado.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.tabla_metas.setColumnWidth(2, 190)
        self._vigilar(self.tabla_metas)
        self.desplazable = QScrollArea(self, objectName="desplazablePoa")
        self.desplazable.setWidgetResizable(True)
        self.desplazable.setWidget(self.contenido)
        self.desplazable.hide()

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 8, 0, 0)
        capa.addLayout(fila)
        for w in (self.resumen, self.banner, self.ajustes, self.aviso):
            capa.addWidget(w)
        capa.addWidget(self.desplazable, 1)
        capa.addStretch(0)
        self._actualizar()

    # --- generating ---------------------------------------------------------------------------
    def generar(self) -> None:
        if self._ocupado:
            return
        self._ocupado = True
        self._generacion += 1
        generacion, anio, mes = self._generacion, self.anio(), self.periodo.currentData()
        self.aviso.hide()
        self._actualizar()
        self.tareas.ejecutar(self.servicios.poa.generar, self.sesion, anio, mes,
                             al_terminar=lambda r: self._generado(generacion, r), al_fallar=self._fallo)

    def _generado(self, generacion: int, reporte: ReportePoa) -> None:
        self._ocupado = False
        if generacion != self._generacion:
            return
        self.reporte, self._pdf = reporte, None
        self._mostrar(reporte)
        self._actualizar()

    def _fallo(self, error: BaseException) -> None:
        self._ocupado = False
        self._actualizar()
        mostrar_error(self, error)

    def desactualizado(self, motivo: str | None = None) -> None:
        """Metas, captures, closings or the year changed: the figures shown may no longer be today's."""
        if self.reporte is not None:
            motivo = motivo or tr("Las metas o los cierres cambiaron")
            self.aviso.setText(tr("%s: pulse «Generar» (F5) para ver el informe al día.") % motivo)
            marcar_aviso(self.aviso)

    # --- showing ------------------------------------------------------------------------------
    def _mostrar(self, r: ReportePoa) -> None:
        while self.capa_contenido.count():  # the indicators come from the channel catalog: rebuilt each time
            w = self.capa_contenido.takeAt(0).widget()
            if w is not None and w is not self.tabla_metas:
                w.deleteLater()
        self.modelos_indicador, self.tablas_indicador = [], []
        agregar = self.capa_contenido.addWidget
        agregar(etiqueta(tr("Parte 1 — Indicadores por rubro y mes"), "subtitulo"))
        for indicador in r.indicadores:
            modelo = ModeloIndicador(self)
            modelo.poner(indicador, r)
            tabla = _tabla(self.contenido, modelo)
            modelo.setParent(tabla)  # goes with its table when the next report rebuilds them
            tabla.setObjectName(f"tablaIndicador{indicador.numero}")
            tabla.activated.connect(lambda i, m=modelo: self.abrir_detalle(m.celda(i)))
            encabezado = tabla.horizontalHeader()
            encabezado.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            encabezado.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self._vigilar(tabla)
            agregar(etiqueta(f"Indicador {indicador.numero} — {indicador.nombre}", "nota"))
            agregar(tabla)
            self.modelos_indicador.append(modelo)
            self.tablas_indicador.append(tabla)
        agregar(etiqueta(tr("Parte 2 — Metas"), "subtitulo"))
        self.modelo_metas.poner(r)
        if not r.metas:
            agregar(etiqueta(tr("No hay metas cargadas para %s.") % r.anio, "nota"))
        agregar(self.tabla_metas)
        agregar(etiqueta(tr(NOTA_METAS), "nota"))
        self.capa_contenido.addStretch(1)
        self.desplazable.show()
        for tabla in (*self.tablas_indicador, self.tabla_metas):
            alto_justo(tabla)
        self._textos(r)

    def _textos(self, r: ReportePoa) -> None:
        self.resumen.setText(textos.resumen(r))
        for label, texto in ((self.banner, textos.cierre(r)), (self.ajustes, textos.ajustes(r))):
            label.setText(texto)
            label.setVisible(bool(texto))
        self.ajustes.setToolTip(texto_ajuste(sum(a.valor for a in r.ajustes)) if r.ajustes else "")

    def _vigilar(self, tabla: QTableView) -> None:
        tabla.installEventFilter(self)

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        # Tab into a table lower on the page brings it into view.
        if evento.type() == QEvent.Type.FocusIn and isinstance(objeto, QTableView):
            self.desplazable.ensureWidgetVisible(objeto, 0, 40)
        return False

    # --- drill-down ---------------------------------------------------------------------------
    def abrir_detalle(self, celda) -> DialogoDetallePoa | None:
        if celda is None or self.reporte is None:
            return None
        dialogo = DialogoDetallePoa(self.servicios, self.sesion, self.tareas, self.reporte.anio, celda, self)
        return mostrar_unica(self, "dialogo_detalle", dialogo)

    # --- files, viewer, printer ---------------------------------------------------------------
    def exportar(self, formato: str) -> None:
        if self.reporte is None or self._ocupado:
            return
        elegida = exportar.pedir_ruta_guardar(self, tr("Guardar el informe POA"),
                                              exportar.nombre_sugerido(self.reporte, formato),
                                              tr(exportar.FILTROS[formato]))
        if not elegida:
            return
        ruta = Path(elegida if elegida.lower().endswith(f".{formato}") else f"{elegida}.{formato}")
        self._trabajar(exportar.escribir, formato, self.reporte, ruta, listo=self._exportado)

    def _exportado(self, ruta: Path) -> None:
        self.ultimo_archivo = ruta
        self.aviso.setText(tr("Informe guardado en %s") % ruta)
        marcar_aviso(self.aviso, "exito")

    def ver_pdf(self) -> None:
        self._con_pdf(self._abrir_visor)

    def _abrir_visor(self, datos: bytes) -> None:
        if self.visor is not None:
            self.visor.close()
        titulo = exportar.nombre_sugerido(self.reporte, "pdf")[:-4]
        self.visor = exportar.DialogoVisorPdf(titulo, datos, self.imprimir, self)
        self.visor.finished.connect(lambda _=0: setattr(self, "visor", None))
        self.visor.show()

    def imprimir(self) -> None:
        if self.reporte is None or self._ocupado:
            return
        impresora = exportar.impresora_carta_horizontal()
        padre = self.visor or self
        if exportar.pedir_impresora(padre, impresora):
            # Painting onto a printer may run outside the GUI thread (Qt supports QPrinter there).
            self._con_pdf(lambda datos: self._trabajar(exportar.imprimir_pdf, datos, impresora,
                                                       listo=lambda n: self._impreso(n, impresora)))

    def _impreso(self, paginas: int, impresora) -> None:
        self.paginas_impresas = paginas
        destino = impresora.outputFileName() or impresora.printerName()
        self.aviso.setText(tr("Se enviaron %1 páginas a %2.").replace("%1", str(paginas))
                           .replace("%2", destino or tr("la impresora")))
        marcar_aviso(self.aviso, "exito")

    def _con_pdf(self, seguir: Callable[[bytes], None]) -> None:
        """The shown report's PDF, built in the task runner the first time."""
        if self.reporte is None or self._ocupado:
            return
        if self._pdf is not None:
            seguir(self._pdf)
            return
        reporte = self.reporte

        def listo(datos: bytes) -> None:
            if reporte is self.reporte:
                self._pdf = datos
            seguir(datos)

        self._trabajar(exportar.pdf_en_memoria, reporte, listo=listo)

    def _trabajar(self, funcion, *args, listo: Callable) -> None:
        self._ocupado = True
        self.aviso.hide()
        self._actualizar()

        def terminado(resultado) -> None:
            self._ocupado = False
            self._actualizar()
            listo(resultado)

        self.tareas.ejecutar(funcion, *args, al_terminar=terminado, al_fallar=self._fallo)

    def _actualizar(self) -> None:
        self.progreso.setVisible(self._ocupado)
        self.boton_generar.setEnabled(not self._ocupado)
        for b in (self.boton_ver, self.boton_imprimir, *self.botones_exportar.values()):
            b.setEnabled(self.reporte is not None and not self._ocupado)


def marcar_aviso(label: QLabel, tipo: str = "aviso") -> None:
    """The one message line, as a warning (the figures may be old) or as a success (a file saved)."""
    marcar(label, "tipo", tipo)
    label.show()
