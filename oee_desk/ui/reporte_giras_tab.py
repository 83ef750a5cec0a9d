"""Tab «Giras del periodo»: the Governor's tours of a period with the petitions captured on each, how
many were canalized and how many followed up; the chosen tour's own report (by tema, and its
petitions) prints as the Giras page prints it."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ..domain.roles import Accion
from ..services.reportes_atencion import ReporteGiras
from . import atencion_documentos as documentos
from .formulario import boton
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .reporte_periodo import PestanaReportePeriodo, tr


class PestanaGiras(PestanaReportePeriodo):
    nombre = QT_TRANSLATE_NOOP("Reportes", "Giras del periodo")
    titulo = QT_TRANSLATE_NOOP("Reportes", "Giras del periodo")
    nota = QT_TRANSLATE_NOOP("Reportes", "Peticiones captadas en cada gira (sin anuladas ni fusionadas), cuántas se "
                                         "canalizaron y cuántas tienen al menos un seguimiento.")
    archivo = "giras"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.modelo = ModeloFilas([
            Columna(tr("Clave"), lambda f: f.gira.clave),
            Columna(tr("Fecha"), lambda f: f.gira.fecha),
            Columna(tr("Municipio"), lambda f: f.gira.municipio_nombre),
            Columna(tr("Localidad"), lambda f: f.gira.localidad or ""),
            Columna(tr("Evento"), lambda f: f.gira.evento),
            Columna(tr("Peticiones"), lambda f: f.gira.peticiones, numerica=True),
            Columna(tr("Canalizadas"), lambda f: f.canalizadas, numerica=True),
            Columna(tr("Con seguimiento"), lambda f: f.con_seguimiento, numerica=True),
        ], self)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaGirasPeriodo")
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._actualizar())
        self.tabla.doubleClicked.connect(lambda _: self.imprimir_reporte_gira())
        self.boton_gira = boton(self, tr("Reporte de la gira (PDF)"), "Ctrl+R", self.imprimir_reporte_gira)
        self.boton_gira.setVisible(self.sesion.puede(Accion.VER_PETICIONES))
        self.fila_periodo.insertWidget(self.fila_periodo.indexOf(self.boton_pdf), self.boton_gira)
        self.capa.addWidget(self.tabla, 1)
        ajustar_columnas(self.tabla, estirar=[4], maximo=260)  # whole headers before the first report
        self._actualizar()

    def generar_con(self):
        return self.servicios.reportes.giras_periodo

    def mostrar(self, r: ReporteGiras) -> None:
        self.modelo.poner_filas(r.giras)
        ajustar_columnas(self.tabla, estirar=[4], maximo=260)
        if r.giras:
            self.tabla.selectRow(0)

    def texto_resumen(self, r: ReporteGiras) -> str:
        if not r.giras:
            return tr("No hubo giras en el periodo.")
        return (tr("Giras: %1; peticiones captadas: %2; canalizadas: %3; con seguimiento: %4.")
                .replace("%1", str(len(r.giras))).replace("%2", f"{r.peticiones:,}")
                .replace("%3", f"{r.canalizadas:,}").replace("%4", f"{r.con_seguimiento:,}"))

    def elegida(self):
        filas = self.tabla.selectionModel().selectedRows()
        return self.modelo.fila(filas[0].row()) if filas else None

    def imprimir_reporte_gira(self) -> None:
        fila = self.elegida()
        if fila is not None and self.boton_gira.isVisible() and self.boton_gira.isEnabled():
            documentos.imprimir_reporte_gira(self, self.tareas, self.servicios, self.sesion, fila.gira)

    def _actualizar(self) -> None:
        super()._actualizar()
        if hasattr(self, "boton_gira"):  # the base class updates its buttons before this tab adds its own
            self.boton_gira.setEnabled(self.elegida() is not None and documentos.disponible())
