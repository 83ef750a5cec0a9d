"""Tab «Tiempos de respuesta»: per agency, the turnos issued in a period, how many were answered and
how long the answers took (median and 90th percentile, in calendar days); below, the answers of the
chosen agency, slowest first."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ..services.reportes_atencion import ReporteTiempos, TiemposDependencia, texto_dias
from .apariencia import etiqueta
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .reporte_periodo import PestanaReportePeriodo, tr


class PestanaTiempos(PestanaReportePeriodo):
    nombre = QT_TRANSLATE_NOOP("Reportes", "Tiempos de respuesta")
    titulo = QT_TRANSLATE_NOOP("Reportes", "Tiempos de respuesta por dependencia")
    nota = QT_TRANSLATE_NOOP("Reportes", "Turnos emitidos en el periodo. Días naturales (de calendario, no hábiles) "
                                         "de la fecha del turno a la de su respuesta; respondidos incluye los "
                                         "cerrados como «no requiere respuesta».")
    archivo = "tiempos-respuesta"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.modelo = ModeloFilas([
            Columna(tr("Siglas"), lambda d: d.codigo),
            Columna(tr("Dependencia"), lambda d: d.nombre),
            Columna(tr("Turnados"), lambda d: d.turnados, numerica=True),
            Columna(tr("Respondidos"), lambda d: d.respondidos, numerica=True),
            Columna(tr("Pendientes"), lambda d: d.pendientes, numerica=True),
            Columna(tr("Con fecha"), lambda d: d.medidos, numerica=True),
            Columna(tr("Mediana (días)"), lambda d: texto_dias(d.mediana_dias), numerica=True),
            Columna(tr("Percentil 90"), lambda d: texto_dias(d.p90_dias), numerica=True),
            Columna(tr("Máximo"), lambda d: texto_dias(d.maximo_dias), numerica=True),
        ], self)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaTiempos")
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_: self._mostrar_respuestas())
        self.modelo_respuestas = ModeloFilas([
            Columna(tr("Número de control"), lambda r: r.numero_control),
            Columna(tr("Turnado"), lambda r: r.fecha_turno),
            Columna(tr("Respondido"), lambda r: r.fecha_respuesta),
            Columna(tr("Días"), lambda r: r.dias, numerica=True),
        ], self)
        self.respuestas = vista_tabla(self.modelo_respuestas, self)
        self.respuestas.setObjectName("tablaRespuestas")
        self.titulo_respuestas = etiqueta(tr("Respuestas de la dependencia elegida"), "subtitulo")
        abajo = QWidget(self)
        capa_abajo = QVBoxLayout(abajo)
        capa_abajo.setContentsMargins(0, 0, 0, 0)
        capa_abajo.addWidget(self.titulo_respuestas)
        capa_abajo.addWidget(self.respuestas, 1)
        division = QSplitter(Qt.Orientation.Vertical, self)
        division.addWidget(self.tabla)
        division.addWidget(abajo)
        division.setStretchFactor(0, 3)
        division.setStretchFactor(1, 2)
        division.setChildrenCollapsible(False)
        self.capa.addWidget(division, 1)
        ajustar_columnas(self.tabla, estirar=[1], maximo=360)  # whole headers before the first report
        ajustar_columnas(self.respuestas, estirar=[0], maximo=240)

    def generar_con(self):
        return self.servicios.reportes.tiempos_respuesta

    def mostrar(self, r: ReporteTiempos) -> None:
        self.modelo.poner_filas(r.dependencias)
        ajustar_columnas(self.tabla, estirar=[1], maximo=360)
        if r.dependencias:
            self.tabla.selectRow(0)
        else:
            self._mostrar_respuestas()

    def _mostrar_respuestas(self) -> None:
        indice = self.tabla.selectionModel().currentIndex()
        fila: TiemposDependencia | None = self.modelo.fila(indice.row()) if indice.isValid() else None
        # The slowest first: the ones a supervisor asks the agency about.
        self.modelo_respuestas.poner_filas(list(reversed(fila.respuestas)) if fila else [])
        self.titulo_respuestas.setText(tr("Respuestas de %s, las más tardadas primero") % fila.codigo if fila
                                       else tr("Respuestas de la dependencia elegida"))
        ajustar_columnas(self.respuestas, estirar=[0], maximo=240)

    def texto_resumen(self, r: ReporteTiempos) -> str:
        if not r.turnados:
            return tr("No se emitieron turnos en el periodo.")
        return (tr("Turnos emitidos: %1; respondidos: %2; pendientes: %3. Mediana: %4 días; percentil 90: %5 días.")
                .replace("%1", f"{r.turnados:,}").replace("%2", f"{r.respondidos:,}")
                .replace("%3", f"{r.pendientes:,}").replace("%4", texto_dias(r.mediana_dias))
                .replace("%5", texto_dias(r.p90_dias)))
