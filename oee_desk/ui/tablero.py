"""The supervisor's dashboard, drawn from a `Tablero` (services/tablero.py): cards with the month's
figures, the year's chart by channel, the metas of the period, the oficios by state and timeliness
and the overdue turns per agency.

Every figure is a button: it asks for the list it counts through `ver_lista(modulo, filtros)`, and
the main window opens that module with those filters (VentanaPrincipal.ir_a_lista). The month's
follow-ups are no module's list: `ver_seguimientos(anio, mes)` asks Inicio to list them itself, in
the POA drill-down's window.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QPushButton, QWidget

from ..domain.metas import MESES
from ..services.tablero import AvanceMeta, Tablero
from .apariencia import etiqueta
from .correspondencia_comun import COLORES, ESTADOS, OPORTUNIDADES
from .correspondencia_comun import tr as tr_correspondencia
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .tablero_grafica import ESTILO, GraficaCanales, Leyenda, Tarjeta, seccion, tr

# The visible width under which the panels go one under another (two need ~880 px).
ANCHO_DOS_COLUMNAS = 900
ESTADOS_TABLA = ("sin_turnar", "sin_atender", "en_proceso", "atendido")
ABIERTOS = ("sin_atender", "en_proceso")


def _pct(valor: float | None) -> str:
    return "—" if valor is None else f"{valor:.1f} %"


class VistaTablero(QWidget):
    ver_lista = Signal(str, object)  # module key, filters (dict) for its list
    ver_seguimientos = Signal(int, int)  # year, month: the follow-ups «Seguimientos del mes» counts

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tablero")
        self.setStyleSheet(ESTILO)
        self.datos: Tablero | None = None
        self.tarjetas = {nombre: Tarjeta(nombre, titulo, self) for nombre, titulo in (
            ("peticiones", tr("Peticiones del mes")), ("seguimientos", tr("Seguimientos del mes")),
            ("llamadas", tr("Llamadas pendientes")), ("turnados48", tr("Turnados en 48 horas")),
            ("vencidos", tr("Asuntos vencidos")))}
        for nombre, tarjeta in self.tarjetas.items():
            tarjeta.clicked.connect(lambda _=False, n=nombre: self._tarjeta_pulsada(n))
        self.grafica = GraficaCanales(self)
        self.grafica.barra_pulsada.connect(self._barra_pulsada)
        self.leyenda = Leyenda(self)
        self.leyenda.canal_pulsado.connect(self._canal_pulsado)
        self.titulo_grafica = etiqueta(tr("Peticiones del año por canal"), "subtitulo", nombre="tituloGrafica")
        self.metas = QGridLayout()
        self.titulo_metas = etiqueta(tr("Avance de metas"), "subtitulo", nombre="tituloMetas")
        self.oficios = QGridLayout()
        self.titulo_oficios = etiqueta(tr("Oficios por estado y semáforo"), "subtitulo", nombre="tituloOficios")
        self.enlaces: dict[tuple[str, str | None], QPushButton] = {}  # (estado, oportunidad) → its figure
        self.modelo_vencidos = ModeloFilas([
            Columna(tr("Siglas"), lambda v: v.codigo), Columna(tr("Dependencia"), lambda v: v.nombre),
            Columna(tr("Vencidos"), lambda v: v.vencidos, numerica=True)], self)
        self.tabla_vencidos = vista_tabla(self.modelo_vencidos, self)
        self.tabla_vencidos.setObjectName("tablaVencidos")
        self.tabla_vencidos.setCursor(Qt.CursorShape.PointingHandCursor)
        self.tabla_vencidos.setMinimumHeight(180)
        self.tabla_vencidos.clicked.connect(lambda indice: self._dependencia_pulsada(indice.row()))
        for tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # from the keyboard too, as the lists open rows
            QShortcut(QKeySequence(tecla), self.tabla_vencidos, context=Qt.ShortcutContext.WidgetShortcut,
                      activated=lambda: self._dependencia_pulsada(self.tabla_vencidos.currentIndex().row()))
        ajustar_columnas(self.tabla_vencidos, estirar=[1])
        self.titulo_vencidos = etiqueta(tr("Turnos vencidos por dependencia"), "subtitulo", nombre="tituloVencidos")
        self._armar()

    def _armar(self) -> None:
        marco_grafica, capa_grafica = seccion(self.titulo_grafica, tr(
            "Sin anuladas ni fusionadas, como en el informe POA. Pulse una barra para ver esas peticiones."))
        capa_grafica.addWidget(self.grafica, 1)
        capa_grafica.addWidget(self.leyenda)
        marco_metas, capa_metas = seccion(self.titulo_metas, tr(
            "Metas automáticas: lo registrado en el mes (o en el trimestre, si la meta es trimestral)."))
        capa_metas.addLayout(self.metas)
        capa_metas.addStretch(1)
        marco_oficios, capa_oficios = seccion(self.titulo_oficios, tr(
            "Sin anulados. El semáforo, de los que siguen abiertos."))
        capa_oficios.addLayout(self.oficios)
        capa_oficios.addStretch(1)
        marco_vencidos, capa_vencidos = seccion(self.titulo_vencidos, tr(
            "Turnos de dependencia responsable abiertos después de su fecha límite, de cualquier año. "
            "Pulse una para ver sus asuntos."))
        capa_vencidos.addWidget(self.tabla_vencidos, 1)
        self.paneles = (marco_grafica, marco_metas, marco_oficios, marco_vencidos)
        self.rejilla_tarjetas = QGridLayout()
        self.rejilla_tarjetas.setSpacing(10)
        # One grid, not a row of boxes per line: the panels line up in columns.
        self.rejilla = QGridLayout(self)
        self.rejilla.setContentsMargins(0, 0, 0, 0)
        self.rejilla.setSpacing(12)
        self.rejilla.addLayout(self.rejilla_tarjetas, 0, 0, 1, 2)
        self._columnas = 0
        self.acomodar(ANCHO_DOS_COLUMNAS)

    def acomodar(self, ancho: int) -> None:
        """Two columns of panels and the cards in one row when `ancho` (the visible width) allows;
        else one column and the cards 3 + 2, rather than a sideways scroll."""
        columnas = 2 if ancho >= ANCHO_DOS_COLUMNAS else 1
        if columnas == self._columnas:
            return
        self._columnas = columnas
        por_fila = 5 if columnas == 2 else 3
        for i, tarjeta in enumerate(self.tarjetas.values()):
            self.rejilla_tarjetas.removeWidget(tarjeta)
            self.rejilla_tarjetas.addWidget(tarjeta, i // por_fila, i % por_fila)
        for i, panel in enumerate(self.paneles):
            self.rejilla.removeWidget(panel)
            self.rejilla.addWidget(panel, 1 + i // columnas, i % columnas)
        self.rejilla.setColumnStretch(0, 3)
        self.rejilla.setColumnStretch(1, 2 if columnas == 2 else 0)
        for fila in range(1, 5):
            self.rejilla.setRowStretch(fila, 1 if fila == 4 // columnas else 0)

    # --- the figures ------------------------------------------------------------------------------
    def poner(self, t: Tablero) -> None:
        self.datos = t
        n = self.locale().toString
        mes = tr(MESES[t.mes - 1])
        self.tarjetas["peticiones"].poner(n(t.peticiones_mes), tr("recibidas en %s") % mes,
                                          tr("Sin anuladas ni fusionadas. Clic: las peticiones del mes."))
        self.tarjetas["seguimientos"].poner(n(t.seguimientos_mes), tr("registrados en %s") % mes,
                                            tr("Seguimientos de ambos indicadores, como en el informe POA. "
                                               "Clic: la lista de esos seguimientos."))
        self.tarjetas["llamadas"].poner(n(t.llamadas_pendientes), tr("%s atrasadas") % n(t.llamadas_atrasadas),
                                        tr("Llamadas de seguimiento para hoy o antes. Clic: la cola de llamadas."))
        self.tarjetas["turnados48"].poner(_pct(t.cumplimiento_48_horas),
                                          tr("%1 de %2 oficios de %3").replace("%1", n(t.turnados_en_48_horas))
                                          .replace("%2", n(t.oficios_con_meta_48h)).replace("%3", str(t.anio)),
                                          tr("Oficios del año (sin anulados) turnados dentro de 48 horas de su "
                                             "recepción, de los ya turnados y los que siguen sin turnar pasadas "
                                             "48 horas. Clic: esos oficios en la bandeja."))
        self.tarjetas["vencidos"].poner(n(t.asuntos_vencidos), tr("%s turnos vencidos") % n(t.turnos_vencidos),
                                        tr("Asuntos de cualquier año con un turno responsable vencido. "
                                           "Clic: esos asuntos en la bandeja."))
        self.titulo_grafica.setText(tr("Peticiones de %s por canal") % t.anio)
        self.grafica.poner(t.canales)
        self.leyenda.poner(t.canales)
        self._poner_metas(t)
        self._poner_oficios(t)
        self.titulo_vencidos.setText(tr("Turnos vencidos por dependencia (%s)") % n(t.turnos_vencidos))
        self.modelo_vencidos.poner_filas(t.vencidos_por_dependencia)
        ajustar_columnas(self.tabla_vencidos, estirar=[1])

    def _enlace(self, texto: str, filtros: tuple[str, dict[str, Any]], nombre: str, color: str | None = None,
                ayuda: str = "") -> QPushButton:
        boton = QPushButton(texto, self, objectName=nombre)
        boton.setProperty("tipo", "enlace")
        boton.setCursor(Qt.CursorShape.PointingHandCursor)
        boton.setToolTip(ayuda or tr("Ver la lista"))
        if color:
            boton.setStyleSheet(f"color: {color};")
        boton.clicked.connect(lambda _=False: self.ver_lista.emit(*filtros))
        return boton

    @staticmethod
    def _vaciar(rejilla: QGridLayout) -> None:
        while rejilla.count():
            w = rejilla.takeAt(0).widget()
            if w is not None:
                w.deleteLater()

    def _poner_metas(self, t: Tablero) -> None:
        self._vaciar(self.metas)
        self.titulo_metas.setText(tr("Avance de metas en %s") % tr(MESES[t.mes - 1]))
        if not t.metas:
            self.metas.addWidget(etiqueta(tr("No hay metas automáticas de conteo para %s.") % t.anio, "nota"), 0, 0)
            return
        for fila, m in enumerate(t.metas):
            self.metas.addWidget(etiqueta(f"{m.numero}. {m.descripcion}", ajustar=True), 2 * fila, 0, 1, 2)
            barra = QProgressBar(self, objectName=f"barraMeta{m.numero}", textVisible=False, maximum=100)
            barra.setValue(min(100, round(m.cumplimiento_pct or 0)))
            barra.setToolTip(tr("Periodo: %s") % tr(m.nombre_periodo))
            self.metas.addWidget(barra, 2 * fila + 1, 0)
            self.metas.addWidget(self._enlace(self._texto_meta(m), ("metas", {"anio": t.anio, "mes": t.mes,
                                                                               "meta": m.numero}),
                                              f"meta{m.numero}", ayuda=tr("Clic: la meta en el informe POA")),
                                 2 * fila + 1, 1)
        self.metas.setColumnStretch(0, 1)

    def _texto_meta(self, m: AvanceMeta) -> str:
        n = self.locale().toString
        programado = "—" if m.programado is None else n(m.programado) if isinstance(m.programado, int) \
            else f"{m.programado:g}"
        texto = tr("%1 de %2").replace("%1", n(m.alcanzado)).replace("%2", programado)
        return f"{texto} · {_pct(m.cumplimiento_pct)}"

    def _poner_oficios(self, t: Tablero) -> None:
        self._vaciar(self.oficios)
        self.enlaces.clear()
        n = self.locale().toString
        self.titulo_oficios.setText(tr("Oficios de %1 por estado y semáforo (%2)").replace("%1", str(t.anio))
                                    .replace("%2", n(t.oficios_recibidos)))
        encabezados = [tr("Estado"), tr("Total"), *(tr_correspondencia(OPORTUNIDADES[o]) for o in OPORTUNIDADES)]
        for columna, texto in enumerate(encabezados):
            rotulo = etiqueta(texto, "nota", ajustar=False)
            rotulo.setAlignment(Qt.AlignmentFlag.AlignRight if columna else Qt.AlignmentFlag.AlignLeft)
            self.oficios.addWidget(rotulo, 0, columna)
        for fila, estado in enumerate(ESTADOS_TABLA, start=1):
            self.oficios.addWidget(QLabel(tr_correspondencia(ESTADOS[estado]), self), fila, 0)
            self._celda(fila, 1, t, estado, None, t.oficios_por_estado.get(estado, 0))
            for columna, oportunidad in enumerate(OPORTUNIDADES, start=2):
                if estado in ABIERTOS:
                    self._celda(fila, columna, t, estado, oportunidad,
                                t.oficios_por_semaforo.get((estado, oportunidad), 0), COLORES[oportunidad].name())
                else:
                    guion = etiqueta("—", "nota", ajustar=False)
                    guion.setAlignment(Qt.AlignmentFlag.AlignRight)
                    self.oficios.addWidget(guion, fila, columna)
        self.oficios.setColumnStretch(0, 1)

    def _celda(self, fila: int, columna: int, t: Tablero, estado: str, oportunidad: str | None, valor: int,
               color: str | None = None) -> None:
        filtros = {"anio": t.anio, "estado": estado, **({"oportunidad": oportunidad} if oportunidad else {})}
        boton = self._enlace(self.locale().toString(valor), ("correspondencia", filtros),
                             f"oficios_{estado}_{oportunidad or 'total'}", color)
        self.enlaces[(estado, oportunidad)] = boton
        self.oficios.addWidget(boton, fila, columna)

    # --- where each figure leads -------------------------------------------------------------------
    def _mes(self, mes: int) -> dict[str, dt.date]:
        anio = self.datos.anio
        return {"desde": dt.date(anio, mes, 1), "hasta": dt.date(anio, mes, calendar.monthrange(anio, mes)[1])}

    def _tarjeta_pulsada(self, nombre: str) -> None:
        t = self.datos
        if t is None:
            return
        if nombre == "seguimientos":
            self.ver_seguimientos.emit(t.anio, t.mes)
            return
        destinos = {
            "peticiones": ("atencion", {"vista": "peticiones", **self._mes(t.mes)}),
            "llamadas": ("atencion", {"vista": "llamadas"}),
            "turnados48": ("correspondencia", {"anio": t.anio, "turnado_48h": True}),
            "vencidos": ("correspondencia", {"oportunidad": "vencido"}),
        }
        self.ver_lista.emit(*destinos[nombre])

    def _barra_pulsada(self, canal: str, mes: int) -> None:
        if self.datos is not None:
            self.ver_lista.emit("atencion", {"vista": "peticiones", "canal": canal, **self._mes(mes)})

    def _canal_pulsado(self, canal: str) -> None:
        if self.datos is not None:
            anio = self.datos.anio
            self.ver_lista.emit("atencion", {"vista": "peticiones", "canal": canal, "desde": dt.date(anio, 1, 1),
                                             "hasta": dt.date(anio, 12, 31)})

    def _dependencia_pulsada(self, fila: int) -> None:
        if not 0 <= fila < self.modelo_vencidos.rowCount():
            return
        self.ver_lista.emit("correspondencia", {"dependencia": self.modelo_vencidos.fila(fila).codigo,
                                                "oportunidad": "vencido"})
