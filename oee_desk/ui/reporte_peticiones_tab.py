"""Tab «Peticiones por tema, municipio y canal»: the petitions received in a period counted three
ways side by side, and by channel month by month (year by year for a long period)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QSplitter, QTableView, QVBoxLayout, QWidget

from ..services.reportes_atencion import ReportePeticiones, texto_porcentaje
from .apariencia import etiqueta
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .reporte_periodo import PestanaReportePeriodo, tr


class PestanaPeticiones(PestanaReportePeriodo):
    nombre = QT_TRANSLATE_NOOP("Reportes", "Peticiones por tema, municipio y canal")
    titulo = QT_TRANSLATE_NOOP("Reportes", "Peticiones por tema, municipio y canal")
    nota = QT_TRANSLATE_NOOP("Reportes", "Peticiones recibidas en el periodo, sin anuladas ni fusionadas en otra. El "
                                         "municipio es el registrado con la petición (el de la gira, si vino de una).")
    archivo = "peticiones"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._total = 0
        self.modelo_tema, self.tabla_tema, caja_tema = self._conteos(tr("Por tema"), tr("Tema"), "tablaPorTema")
        self.modelo_municipio, self.tabla_municipio, caja_municipio = self._conteos(
            tr("Por municipio"), tr("Municipio"), "tablaPorMunicipio")
        self.modelo_canal, self.tabla_canal, caja_canal = self._conteos(tr("Por canal"), tr("Canal"), "tablaPorCanal")
        self.modelo_meses = ModeloFilas([], self)
        self.tabla_meses = vista_tabla(self.modelo_meses, self)
        self.tabla_meses.setObjectName("tablaCanalPorMes")
        self.titulo_meses = etiqueta(tr("Por canal y mes"), "subtitulo")
        abajo = QWidget(self)
        capa_abajo = QVBoxLayout(abajo)
        capa_abajo.setContentsMargins(0, 0, 0, 0)
        capa_abajo.addWidget(self.titulo_meses)
        capa_abajo.addWidget(self.tabla_meses, 1)

        arriba = QSplitter(Qt.Orientation.Horizontal, self)
        for caja in (caja_tema, caja_municipio, caja_canal):
            arriba.addWidget(caja)
        arriba.setChildrenCollapsible(False)
        division = QSplitter(Qt.Orientation.Vertical, self)
        division.addWidget(arriba)
        division.addWidget(abajo)
        division.setStretchFactor(0, 3)
        division.setStretchFactor(1, 2)
        division.setChildrenCollapsible(False)
        self.capa.addWidget(division, 1)

    def _conteos(self, subtitulo: str, columna: str, nombre: str) -> tuple[ModeloFilas, QTableView, QWidget]:
        modelo = ModeloFilas([
            Columna(columna, lambda c: c.nombre),
            Columna(tr("Peticiones"), lambda c: f"{c.peticiones:,}", numerica=True),
            Columna("%", lambda c: texto_porcentaje(c.peticiones, self._total), numerica=True),
        ], self)
        tabla = vista_tabla(modelo, self)
        tabla.setObjectName(nombre)
        caja = QWidget(self)
        capa = QVBoxLayout(caja)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(etiqueta(subtitulo, "subtitulo"))
        capa.addWidget(tabla, 1)
        ajustar_columnas(tabla, estirar=[0], maximo=240)  # whole headers before the first report
        return modelo, tabla, caja

    def generar_con(self):
        return self.servicios.reportes.peticiones_por

    def mostrar(self, r: ReportePeticiones) -> None:
        self._total = r.total
        for modelo, tabla, conteos in ((self.modelo_tema, self.tabla_tema, r.por_tema),
                                       (self.modelo_municipio, self.tabla_municipio, r.por_municipio),
                                       (self.modelo_canal, self.tabla_canal, r.por_canal)):
            modelo.poner_filas(conteos)
            ajustar_columnas(tabla, estirar=[0], maximo=240)
        self.modelo_meses.poner_columnas(
            [Columna(tr("Canal"), lambda f: f.nombre)]
            + [Columna(c.etiqueta, lambda f, i=i: f"{f.valores[i]:,}", numerica=True) for i, c in enumerate(r.cortes)]
            + [Columna(tr("Total"), lambda f: f"{f.total:,}", numerica=True)])
        self.modelo_meses.poner_filas(r.canal_por_corte)
        ajustar_columnas(self.tabla_meses, estirar=[0], maximo=240)
        self.titulo_meses.setText(tr("Por canal y año") if r.cortes[0].mes is None else tr("Por canal y mes"))

    def texto_resumen(self, r: ReportePeticiones) -> str:
        if not r.total:
            return tr("No se recibieron peticiones en el periodo.")
        return (tr("Peticiones recibidas del %1 al %2: %3.").replace("%1", f"{r.desde:%d/%m/%Y}")
                .replace("%2", f"{r.hasta:%d/%m/%Y}").replace("%3", f"{r.total:,}"))
