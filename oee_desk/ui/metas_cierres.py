"""Tab «Cierres de mes»: the months of the year already closed, and closing the next one
(supervisor). Closing keeps the month's report as printed: what arrives later for it is added to
the next month as an adjustment, and its manual values no longer change."""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ..domain.roles import Accion
from ..services import Servicios
from ..services.cierres import DatosCierre
from ..services.poa_ajustes import ultimo_cerrado
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .errores import mostrar_error
from .formulario import CampoFormulario, DialogoFormulario, boton
from .metas_comun import nombre_mes, tr
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .tareas import Tareas
from .ventanas import mostrar_unica


def explicacion_cierre(anio: int, mes: int) -> str:
    periodo = nombre_mes(1) if mes == 1 else f"enero a {nombre_mes(mes)}"
    return (tr("Al cerrar %1 de %2:\n"
               "• El informe de %3 queda guardado tal como se imprime hoy, y se reimprime igual.\n"
               "• Los registros que lleguen después con fecha de un mes cerrado no cambian ese informe: se suman "
               "como ajuste al mes siguiente.\n"
               "• Los valores alcanzados de las metas manuales de %1 ya no pueden capturarse ni cambiarse.\n"
               "Los meses se cierran en orden y un cierre no se deshace.")
            .replace("%1", nombre_mes(mes)).replace("%2", str(anio)).replace("%3", periodo))


class PanelCierres(QWidget):
    cambiado = Signal()  # a month was closed

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, anio: Callable[[], int],
                 parent: QWidget | None = None, *, hoy: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas, self.anio, self.hoy = servicios, sesion, tareas, anio, hoy
        self.dialogo: DialogoFormulario | None = None
        self.siguiente: int | None = None  # the month that can be closed next, if any
        self.boton_cerrar = boton(self, tr("Cerrar mes…"), "Ctrl+Shift+M", self.cerrar_mes, primario=True)
        self.boton_cerrar.setVisible(sesion.puede(Accion.CERRAR_MES))
        self.boton_actualizar = boton(self, tr("Actualizar"), "F5", self.recargar)
        self.estado = etiqueta("", "nota", nombre="estadoCierres")
        self.modelo = ModeloFilas([
            Columna(tr("Mes"), lambda c: c.nombre_mes.capitalize()),
            Columna(tr("Cerrado el"), lambda c: c.momento),
            Columna(tr("Por"), lambda c: c.cerrado_por or ""),
            Columna(tr("Nota"), lambda c: c.nota or ""),
        ], self)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaCierres")
        botones = QHBoxLayout()
        botones.addWidget(self.boton_cerrar)
        botones.addStretch(1)
        botones.addWidget(self.boton_actualizar)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 8, 0, 0)
        capa.addLayout(botones)
        capa.addWidget(self.estado)
        capa.addWidget(self.tabla, 1)
        self._actualizar()

    def recargar(self) -> None:
        anio = self.anio()
        self.tareas.ejecutar(self.servicios.cierres.listar, self.sesion, anio,
                             al_terminar=lambda cierres: self._cargados(anio, cierres),
                             al_fallar=lambda e: mostrar_error(self, e))

    def _cargados(self, anio: int, cierres: list[DatosCierre]) -> None:
        if anio != self.anio():
            return
        self.modelo.poner_filas(cierres)
        ajustar_columnas(self.tabla, estirar=[3], maximo=320)
        ultimo = ultimo_cerrado(cierres)
        mes = ultimo + 1 if ultimo < 12 else None
        # Offered only once the month is over; the service refuses it before that anyway.
        termino = mes is not None and dt.date(anio, mes, calendar.monthrange(anio, mes)[1]) < self.hoy()
        self.siguiente = mes if termino else None
        if ultimo == 12:
            texto = tr("Todos los meses de %s están cerrados.") % anio
        elif mes and termino:
            texto = tr("Siguiente mes por cerrar: %s.") % f"{nombre_mes(mes)} de {anio}"
        else:
            texto = tr("%1 de %2 aún no termina: se podrá cerrar a partir del día siguiente a su último día.") \
                .replace("%1", nombre_mes(mes).capitalize()).replace("%2", str(anio))
        if not cierres:
            texto = tr("Ningún mes de %s está cerrado.") % anio + " " + texto
        self.estado.setText(texto)
        self._actualizar()

    def _actualizar(self) -> None:
        self.boton_cerrar.setEnabled(self.siguiente is not None)
        self.boton_cerrar.setText(tr("Cerrar %s…") % nombre_mes(self.siguiente) if self.siguiente
                                  else tr("Cerrar mes…"))

    def cerrar_mes(self) -> DialogoFormulario | None:
        if self.siguiente is None or not self.sesion.puede(Accion.CERRAR_MES):
            return None
        anio, mes, cierres, sesion = self.anio(), self.siguiente, self.servicios.cierres, self.sesion
        dialogo = DialogoFormulario(
            tr("Cerrar %1 de %2").replace("%1", nombre_mes(mes)).replace("%2", str(anio)),
            [CampoFormulario("nota", tr("Nota (opcional)"))],
            lambda valores: cierres.cerrar_mes(sesion, anio, mes, valores["nota"] or None), self.tareas, self,
            texto_guardar=tr("Cerrar %s") % nombre_mes(mes), explicacion=explicacion_cierre(anio, mes))
        dialogo.setObjectName("dialogoCerrarMes")
        dialogo.accepted.connect(self._cerrado)
        return mostrar_unica(self, "dialogo", dialogo, modal=True)

    def _cerrado(self) -> None:
        self.recargar()
        self.cambiado.emit()
