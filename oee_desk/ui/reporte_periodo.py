"""What the tabs of the supervisor's other reports share: a period, «Generar» run off the GUI thread
with a progress bar, a one-line summary, and «Exportar PDF…» / «Exportar Excel…» of what is shown.

A tab says which service method makes its report (`generar_con`) and shows it (`mostrar`); the
writers are reports/reportes_atencion.py, loaded on the first export.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from ..services import Servicios
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .errores import mostrar_error
from .formulario import boton
from .tareas import Tareas

# (parent, title, suggested name, filter) -> the chosen path or None: the page's own dialog, so that
# tests replace one function for every tab.
PedirRuta = Callable[[QWidget, str, str, str], "str | None"]


def tr(texto: str) -> str:
    return QCoreApplication.translate("Reportes", texto)


def _qdate(fecha: dt.date) -> QDate:
    return QDate(fecha.year, fecha.month, fecha.day)


class PestanaReportePeriodo(QWidget):
    # Marked with QT_TRANSLATE_NOOP("Reportes", …) by each tab, translated where shown.
    nombre = ""  # the tab's label
    titulo = ""
    nota = ""
    archivo = "reporte"  # the suggested file name, before the period

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, pedir_ruta: PedirRuta,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas, self._pedir_ruta = servicios, sesion, tareas, pedir_ruta
        self.reporte: Any = None
        self.ultimo_archivo: Path | None = None
        self._ocupada = False
        hoy = dt.date.today()
        self.desde = QDateEdit(_qdate(hoy.replace(day=1)), self, calendarPopup=True)
        self.hasta = QDateEdit(_qdate(hoy), self, calendarPopup=True)
        for fecha in (self.desde, self.hasta):
            fecha.setDisplayFormat("dd/MM/yyyy")
        self.boton_generar = boton(self, tr("Generar"), "Ctrl+G", self.generar, primario=True)
        self.boton_pdf = boton(self, tr("Exportar PDF…"), "Ctrl+P", lambda: self.exportar("pdf"))
        self.boton_xlsx = boton(self, tr("Exportar Excel…"), "Ctrl+E", lambda: self.exportar("xlsx"))
        self.progreso = QProgressBar(self, maximumWidth=160, textVisible=False)
        self.progreso.setRange(0, 0)  # "working": a GROUP BY does not report how far it got
        self.resumen = etiqueta(tr("Elija el periodo y pulse «Generar» (Ctrl+G)."), "nota")
        self.aviso = etiqueta("", "exito")
        self.aviso.hide()

        periodo = self.fila_periodo = QHBoxLayout()  # a tab may add its own buttons to it
        for texto, control in ((tr("Desde:"), self.desde), (tr("Hasta:"), self.hasta)):
            rotulo = QLabel(texto, self)
            rotulo.setBuddy(control)
            periodo.addWidget(rotulo)
            periodo.addWidget(control)
        periodo.addWidget(self.boton_generar)
        periodo.addWidget(self.progreso)
        periodo.addStretch(1)
        periodo.addWidget(self.boton_pdf)
        periodo.addWidget(self.boton_xlsx)
        self.capa = QVBoxLayout(self)
        self.capa.setContentsMargins(8, 10, 8, 4)
        self.capa.addWidget(etiqueta(tr(self.titulo), "subtitulo"))
        if self.nota:
            self.capa.addWidget(etiqueta(tr(self.nota), "nota"))
        self.capa.addLayout(periodo)
        self.capa.addWidget(self.resumen)
        self.capa.addWidget(self.aviso)
        self._actualizar()

    # --- what each tab gives ------------------------------------------------------------------------
    def generar_con(self) -> Callable[..., Any]:
        """The service method: (sesion, desde, hasta) -> the report."""
        raise NotImplementedError

    def mostrar(self, reporte: Any) -> None:
        raise NotImplementedError

    def texto_resumen(self, reporte: Any) -> str:
        raise NotImplementedError

    # --- generating ---------------------------------------------------------------------------------
    def generar(self) -> None:
        if self._ocupada:
            return
        self._ocupada = True
        self.aviso.hide()
        self._actualizar()
        self.tareas.ejecutar(self.generar_con(), self.sesion, self.desde.date().toPython(),
                             self.hasta.date().toPython(), al_terminar=self._generado, al_fallar=self._fallo)

    def _generado(self, reporte: Any) -> None:
        self._ocupada = False
        self.reporte = reporte
        self.mostrar(reporte)
        self.resumen.setText(self.texto_resumen(reporte))
        self._actualizar()

    def _fallo(self, error: BaseException) -> None:
        self._ocupada = False
        self._actualizar()
        mostrar_error(self, error)

    def _actualizar(self) -> None:
        self.progreso.setVisible(self._ocupada)
        self.boton_generar.setEnabled(not self._ocupada)
        for b in (self.boton_pdf, self.boton_xlsx):
            b.setEnabled(self.reporte is not None and not self._ocupada)

    # --- exporting -----------------------------------------------------------------------------------
    def exportar(self, formato: str) -> None:
        if self.reporte is None or self._ocupada:
            return
        r = self.reporte
        sugerido = f"{self.archivo}-{r.desde:%Y%m%d}-{r.hasta:%Y%m%d}.{formato}"
        filtro = tr("Documento PDF (*.pdf)") if formato == "pdf" else tr("Libro de Excel (*.xlsx)")
        elegida = self._pedir_ruta(self, tr("Exportar reporte"), sugerido, filtro)
        if not elegida:
            return
        ruta = Path(elegida if elegida.lower().endswith(f".{formato}") else f"{elegida}.{formato}")
        from ..reports import reportes_atencion  # ReportLab and openpyxl load on the first export, not at start

        self._ocupada = True
        self._actualizar()
        self.tareas.ejecutar(reportes_atencion.escribir, r, str(ruta), formato,
                             al_terminar=lambda _: self._exportado(ruta), al_fallar=self._fallo)

    def _exportado(self, ruta: Path) -> None:
        self._ocupada = False
        self._actualizar()
        self.ultimo_archivo = ruta
        self.aviso.setText(tr("Reporte guardado en %s") % ruta)
        self.aviso.show()
