"""Reports, in tabs: the Reporte de Estatus por Dependencia for a period, on screen (per agency, with
its pending turnos and the 48-hour figure) and exported to PDF and Excel; and, for those who may see
the supervisor's reports, petitions by tema, municipio and canal, response times per agency and the
giras of a period (each tab its own module, on reporte_periodo.py)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit, QFileDialog, QHBoxLayout, QLabel, QProgressBar, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from ..domain.roles import Accion
from ..services import Servicios
from ..services.reporte_estatus import FilaDependencia, ReporteEstatus
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .correspondencia_comun import ESTADOS, tr
from .errores import mostrar_error
from .formulario import boton
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .pagina import Pagina
from .reporte_giras_tab import PestanaGiras
from .reporte_peticiones_tab import PestanaPeticiones
from .reporte_periodo import tr as tr_reportes
from .reporte_tiempos_tab import PestanaTiempos
from .tareas import Tareas


def pedir_ruta_guardar(padre: QWidget, titulo: str, sugerido: str, filtro: str) -> str | None:
    """Module-level so that tests replace it: no native dialog in a test run."""
    ruta, _ = QFileDialog.getSaveFileName(padre, titulo, sugerido, filtro)
    return ruta or None


def _qdate(fecha: dt.date) -> QDate:
    return QDate(fecha.year, fecha.month, fecha.day)


class PaginaReportes(Pagina):
    clave = "reportes"
    titulo = QT_TRANSLATE_NOOP("Modulos", "Reportes")  # translated where it is shown
    requiere = Accion.VER_OFICIOS

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(servicios, sesion, tareas, parent)
        self.reporte: ReporteEstatus | None = None
        self._generando = False
        hoy = dt.date.today()
        self.desde = QDateEdit(_qdate(hoy.replace(day=1)), self, calendarPopup=True, objectName="reporteDesde")
        self.hasta = QDateEdit(_qdate(hoy), self, calendarPopup=True, objectName="reporteHasta")
        for fecha in (self.desde, self.hasta):
            fecha.setDisplayFormat("dd/MM/yyyy")
        self.boton_generar = boton(self, tr("Generar"), "Ctrl+G", self.generar, primario=True)
        self.boton_pdf = boton(self, tr("Exportar PDF…"), "Ctrl+P", lambda: self.exportar("pdf"))
        self.boton_xlsx = boton(self, tr("Exportar Excel…"), "Ctrl+E", lambda: self.exportar("xlsx"))
        self.progreso = QProgressBar(self, objectName="progresoReporte", maximumWidth=160, textVisible=False)
        self.progreso.setRange(0, 0)  # "working", not a percentage: the service does not know the total
        self.progreso.hide()
        self.resumen = etiqueta(tr("Elija el periodo y pulse «Generar» (Ctrl+G)."), "nota", nombre="resumenReporte")
        self.cifra_48 = etiqueta("", "cifra", nombre="cifra48", ajustar=False)
        self.cifra_48.hide()
        self.aviso = etiqueta("", "exito", nombre="avisoReporte")
        self.aviso.hide()
        self.ultimo_archivo: Path | None = None

        self.modelo = ModeloFilas([
            Columna(tr("Siglas"), lambda f: f.codigo),
            Columna(tr("Dependencia"), lambda f: f.nombre),
            Columna(tr("Recibidos"), lambda f: f.recibidos, numerica=True),
            Columna(tr("Atendidos"), lambda f: f.atendidos, numerica=True),
            Columna(tr("En proceso"), lambda f: f.en_proceso, numerica=True),
            Columna(tr("Sin atender"), lambda f: f.sin_atender, numerica=True),
            Columna(tr("Vencidos"), lambda f: f.vencidos, numerica=True),
            Columna(tr("Promedio días hábiles"), lambda f: "" if f.promedio_dias is None else f"{f.promedio_dias:.1f}",
                    numerica=True),
        ], self)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaEstatus")
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_: self._mostrar_pendientes())
        self.modelo_pendientes = ModeloFilas([
            Columna(tr("Número de control"), lambda p: p.numero_control),
            Columna(tr("Asunto"), lambda p: " ".join(p.asunto.split())),
            Columna(tr("Turnado"), lambda p: p.fecha_turno),
            Columna(tr("Vence"), lambda p: p.fecha_limite),
            Columna(tr("Estado"), lambda p: tr(ESTADOS.get(p.estado, p.estado))),
            Columna(tr("Días vencido"), lambda p: p.dias_vencido if p.vencido else "", numerica=True),
        ], self)
        self.pendientes = vista_tabla(self.modelo_pendientes, self)
        self.pendientes.setObjectName("tablaPendientes")
        self.titulo_pendientes = etiqueta(tr("Pendientes de la dependencia elegida"), "subtitulo")

        periodo = QHBoxLayout()
        for texto, control in ((tr("Desde:"), self.desde), (tr("Hasta:"), self.hasta)):
            rotulo = QLabel(texto, self)
            rotulo.setBuddy(control)
            periodo.addWidget(rotulo)
            periodo.addWidget(control)
        for w in (self.boton_generar, self.progreso):
            periodo.addWidget(w)
        periodo.addStretch(1)
        periodo.addWidget(self.boton_pdf)
        periodo.addWidget(self.boton_xlsx)
        cifras = QHBoxLayout()
        cifras.addWidget(self.cifra_48)
        cifras.addWidget(self.resumen, 1)
        abajo = QWidget(self)
        capa_abajo = QVBoxLayout(abajo)
        capa_abajo.setContentsMargins(0, 0, 0, 0)
        capa_abajo.addWidget(self.titulo_pendientes)
        capa_abajo.addWidget(self.pendientes, 1)
        division = QSplitter(Qt.Orientation.Vertical, self)
        division.addWidget(self.tabla)
        division.addWidget(abajo)
        division.setStretchFactor(0, 3)
        division.setStretchFactor(1, 2)
        division.setChildrenCollapsible(False)
        estatus = QWidget(self)
        capa_estatus = QVBoxLayout(estatus)
        capa_estatus.setContentsMargins(8, 10, 8, 4)
        capa_estatus.addWidget(etiqueta(tr("Reporte de Estatus por Dependencia"), "subtitulo"))
        capa_estatus.addWidget(etiqueta(tr("Lo que cada dependencia recibió en el periodo y cómo lo ha atendido, y "
                                           "qué parte de los asuntos se turnó dentro de las 48 horas."), "nota"))
        capa_estatus.addLayout(periodo)
        capa_estatus.addLayout(cifras)
        capa_estatus.addWidget(self.aviso)
        capa_estatus.addWidget(division, 1)

        self.pestanas = QTabWidget(self, objectName="pestanasReportes")
        self.pestanas.addTab(estatus, tr_reportes("Estatus por dependencia"))
        self.peticiones = self.tiempos = self.giras = None
        if sesion.puede(Accion.VER_REPORTES):  # the services refuse the others anyway
            # The export dialog looked up when used, so that tests replace it here once for every tab.
            pedir = lambda *a: pedir_ruta_guardar(*a)  # noqa: E731
            self.peticiones = PestanaPeticiones(servicios, sesion, tareas, pedir, self)
            self.tiempos = PestanaTiempos(servicios, sesion, tareas, pedir, self)
            self.giras = PestanaGiras(servicios, sesion, tareas, pedir, self)
            for pestana in (self.peticiones, self.tiempos, self.giras):
                self.pestanas.addTab(pestana, tr_reportes(pestana.nombre))
        self.pestanas.setTabBarAutoHide(True)  # one report only (recepción): the page as it always was
        for i in range(self.pestanas.count()):
            QShortcut(QKeySequence(f"Alt+{i + 1}"), self, activated=lambda i=i: self.pestanas.setCurrentIndex(i))
        capa = self.capa_con_encabezado(tr("Reportes"))
        capa.addWidget(self.pestanas, 1)
        for tabla in (self.tabla, self.pendientes):  # headers whole before the first report
            ajustar_columnas(tabla, estirar=[1], maximo=360)
        self._actualizar()

    def recargar(self) -> None:
        """Nothing loads by itself: a report over a long period is asked for, not imposed."""

    # --- generating --------------------------------------------------------------------------------
    def generar(self) -> None:
        if self._generando:
            return
        self._generando = True
        self.aviso.hide()
        self._actualizar()
        self.tareas.ejecutar(self.servicios.reporte_estatus.generar, self.sesion, self.desde.date().toPython(),
                             self.hasta.date().toPython(), al_terminar=self._generado, al_fallar=self._fallo,
                             al_progresar=lambda hechos, _total: self.progreso.setToolTip(
                                 tr("%s turnos leídos") % hechos))

    def _generado(self, reporte: ReporteEstatus) -> None:
        self._generando = False
        self.reporte = reporte
        self.modelo.poner_filas(reporte.dependencias)
        ajustar_columnas(self.tabla, estirar=[1], maximo=360)
        if reporte.dependencias:
            self.tabla.selectRow(0)
        else:
            self.modelo_pendientes.poner_filas([])
        if reporte.cumplimiento_48_horas is None:
            self.cifra_48.hide()
            texto = tr("Asuntos recibidos: %s. Ninguno se turnó en el periodo.") % reporte.asuntos_recibidos
        else:
            self.cifra_48.setText(f"{reporte.cumplimiento_48_horas:.1f} %")
            self.cifra_48.show()
            texto = (tr("turnados dentro de 48 horas: %1 de %2 (%3 turnados y %4 sin turnar pasadas 48 horas; "
                        "%5 recibidos en el periodo).")
                     .replace("%1", str(reporte.turnados_en_48_horas)).replace("%2", str(reporte.con_meta_48_horas))
                     .replace("%3", str(reporte.asuntos_turnados))
                     .replace("%4", str(reporte.sin_turnar_pasadas_48_horas))
                     .replace("%5", str(reporte.asuntos_recibidos)))
        self.resumen.setText(texto)
        self._actualizar()

    def _fallo(self, error: BaseException) -> None:
        self._generando = False
        self._actualizar()
        mostrar_error(self, error)

    def _mostrar_pendientes(self) -> None:
        indice = self.tabla.selectionModel().currentIndex()
        fila: FilaDependencia | None = self.modelo.fila(indice.row()) if indice.isValid() else None
        self.modelo_pendientes.poner_filas(fila.pendientes if fila else [])
        self.titulo_pendientes.setText(tr("Pendientes de %s") % fila.codigo if fila
                                       else tr("Pendientes de la dependencia elegida"))
        ajustar_columnas(self.pendientes, estirar=[1], maximo=300)

    def _actualizar(self) -> None:
        self.progreso.setVisible(self._generando)
        self.boton_generar.setEnabled(not self._generando)
        for b in (self.boton_pdf, self.boton_xlsx):
            b.setEnabled(self.reporte is not None and not self._generando)

    # --- exporting -----------------------------------------------------------------------------------
    def exportar(self, formato: str) -> None:
        if self.reporte is None or self._generando:
            return
        r = self.reporte
        sugerido = f"estatus-dependencias-{r.desde:%Y%m%d}-{r.hasta:%Y%m%d}.{formato}"
        filtro = tr("Documento PDF (*.pdf)") if formato == "pdf" else tr("Libro de Excel (*.xlsx)")
        elegida = pedir_ruta_guardar(self, tr("Exportar reporte"), sugerido, filtro)
        if not elegida:
            return
        ruta = Path(elegida if elegida.lower().endswith(f".{formato}") else f"{elegida}.{formato}")
        from ..reports import estatus  # ReportLab and openpyxl load on the first export, not at start

        escribir = estatus.escribir_pdf if formato == "pdf" else estatus.escribir_xlsx
        self._generando = True
        self._actualizar()
        self.tareas.ejecutar(escribir, r, str(ruta), al_terminar=lambda _: self._exportado(ruta),
                             al_fallar=self._fallo)

    def _exportado(self, ruta: Path) -> None:
        self._generando = False
        self._actualizar()
        self.ultimo_archivo = ruta
        self.aviso.setText(tr("Reporte guardado en %s") % ruta)
        self.aviso.show()
