"""«Series de control»: the next number a series will hand out in a year, and raising it (a year
begun in another system: 2021 began at 1034). Never lowering it: the service refuses, and its
sentence appears under the field with nothing written."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from ..domain import numeracion
from ..domain.errores import Conflicto, ErrorValidacion, Problema
from ..services import Servicios
from ..services.catalogos import Entrada
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .campos import CamposConError
from .errores import mostrar_error
from .formulario import confirmar
from .tareas import Tareas

MAXIMO = 10_000_000  # the service's upper bound for a counter


class DialogoSeries(QDialog):
    ajustada = Signal(str, int, int)  # series code, year, next number after the change

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.setObjectName("dialogoSeries")
        self.setWindowTitle(self.tr("Series de control"))
        self.setMinimumWidth(640)
        self.actual: int | None = None  # next number of the chosen series and year, as last read
        self.confirmacion = None
        self._plantillas: dict[str, str] = {}
        self._consulta = 0  # number of the latest read: older answers are dropped

        self.serie = QComboBox(self)
        self.anio = QSpinBox(self, minimum=2000, maximum=2100, value=dt.date.today().year)
        self.siguiente = etiqueta("…", "subtitulo", nombre="siguienteActual")
        self.nuevo = QSpinBox(self, minimum=1, maximum=MAXIMO)
        self.nuevo.setGroupSeparatorShown(False)  # control numbers are written 1034, never 1,034
        self.nuevo.setMinimumWidth(140)
        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_general = etiqueta("", "error", nombre="errorGeneral")
        self.error_general.hide()
        self.campos = CamposConError(formulario, self.error_general)
        self.campos.agregar("serie", self.tr("Serie"), self.serie)
        self.campos.agregar("anio", self.tr("Año"), self.anio, "año")
        formulario.addRow(self.tr("Siguiente número:"), self.siguiente)
        self.campos.agregar("siguiente", self.tr("Nuevo siguiente número"), self.nuevo)
        self.resultado = etiqueta("", "exito", nombre="resultadoSeries")
        self.resultado.hide()

        self.boton_guardar = QPushButton(self.tr("Guardar"), self)
        self.boton_guardar.setProperty("primario", True)
        self.boton_guardar.setDefault(True)  # Intro saves from any field
        self.boton_guardar.setToolTip(self.tr("Guardar (Intro)"))
        self.boton_guardar.clicked.connect(self.guardar)
        self.boton_cerrar = QPushButton(self.tr("Cerrar"), self)
        self.boton_cerrar.setAutoDefault(False)
        self.boton_cerrar.setToolTip(self.tr("Cerrar (Esc)"))
        self.boton_cerrar.clicked.connect(self.reject)
        botones = QHBoxLayout()
        botones.addStretch(1)
        botones.addWidget(self.boton_guardar)
        botones.addWidget(self.boton_cerrar)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 16, 20, 14)
        capa.setSpacing(8)
        capa.addWidget(etiqueta(self.tr("Siguiente número de una serie"), "subtitulo"))
        capa.addWidget(etiqueta(self.tr(
            "Cada serie numera por año. El siguiente número puede subirse (por ejemplo, si el año empezó en otro "
            "sistema), nunca bajarse: los números que se salten no se usarán."), "nota"))
        capa.addLayout(formulario)
        capa.addWidget(self.error_general)
        capa.addWidget(self.resultado)
        capa.addLayout(botones)

        self.serie.currentIndexChanged.connect(lambda _: self.leer())
        self.anio.valueChanged.connect(lambda _: self.leer())
        self.nuevo.valueChanged.connect(lambda _: self.campos.limpiar("siguiente"))
        self._habilitar()
        self.tareas.ejecutar(self.servicios.catalogos.listar, self.sesion, "series-control",
                             incluir_inactivos=False, al_terminar=self._poner_series,
                             al_fallar=lambda e: mostrar_error(self, e))

    # --- reading -----------------------------------------------------------------------------
    def _poner_series(self, series: list[Entrada]) -> None:
        self._plantillas = {e["codigo"]: e["plantilla"] for e in series}
        self.serie.blockSignals(True)
        for e in series:
            self.serie.addItem(f"{e['codigo']} — {e['nombre']}", e["codigo"])
        self.serie.blockSignals(False)
        self.serie.setFocus()
        self.leer()

    def codigo(self) -> str | None:
        return self.serie.currentData()

    def leer(self, conservar: bool = False) -> None:
        """Ask the service for the chosen series and year's next number; `conservar` keeps the typed one."""
        self.actual = None
        self.siguiente.setText("…")
        self._habilitar()
        if self.codigo() is None:
            return
        self._consulta += 1
        consulta, codigo, anio = self._consulta, self.codigo(), self.anio.value()
        self.tareas.ejecutar(self.servicios.series.siguiente, self.sesion, codigo, anio,
                             al_terminar=lambda n: self._poner_actual(consulta, n, conservar),
                             al_fallar=lambda e: consulta == self._consulta and mostrar_error(self, e))

    def _poner_actual(self, consulta: int, numero: int, conservar: bool = False) -> None:
        if consulta != self._consulta:  # the series or year changed meanwhile
            return
        self.actual = numero
        self.siguiente.setText(f"{numero}   ({self.numero_control(numero)})")
        if not conservar:
            self.nuevo.blockSignals(True)
            self.nuevo.setValue(numero)
            self.nuevo.blockSignals(False)
            self.nuevo.selectAll()  # typing replaces it
        self._habilitar()

    def numero_control(self, numero: int, codigo: str | None = None, anio: int | None = None) -> str:
        """1500 -> '03.01-1500/26': the number as it will be printed."""
        return numeracion.formatear(self._plantillas[codigo or self.codigo()], numero, anio or self.anio.value())

    def _habilitar(self) -> None:
        self.boton_guardar.setEnabled(self.actual is not None)

    # --- saving ------------------------------------------------------------------------------
    def guardar(self) -> None:
        if self.actual is None or not self.boton_guardar.isEnabled():
            return
        self.campos.limpiar()
        self.resultado.hide()
        codigo, anio, nuevo, actual = self.codigo(), self.anio.value(), self.nuevo.value(), self.actual
        if nuevo == actual:
            self._problemas([Problema("siguiente", self.tr(
                "El siguiente número de %1 en %2 ya es %3; escriba uno mayor.")
                .replace("%1", codigo).replace("%2", str(anio)).replace("%3", str(actual)))])
            return
        if nuevo < actual:  # the service refuses, in its own words, with the counter as it is now
            self._ajustar(codigo, anio, nuevo)
            return
        texto = (self.tr("El siguiente número de %1 en %2 será %3; el número %4 no se usará. ¿Continuar?")
                 if nuevo - actual == 1 else
                 self.tr("El siguiente número de %1 en %2 será %3; los números %4 a %5 no se usarán. ¿Continuar?"))
        for marca, valor in (("%1", codigo), ("%2", anio), ("%3", nuevo), ("%4", actual), ("%5", nuevo - 1)):
            texto = texto.replace(marca, str(valor))
        self.confirmacion = confirmar(self, self.tr("Series de control"), texto, self.tr("Subir el número"),
                                      lambda: self._ajustar(codigo, anio, nuevo))

    def _ajustar(self, codigo: str, anio: int, nuevo: int) -> None:
        self.boton_guardar.setEnabled(False)  # one change at a time
        self.tareas.ejecutar(self.servicios.series.ajustar, self.sesion, codigo, anio, nuevo,
                             al_terminar=lambda n: self._ajustado(codigo, anio, n), al_fallar=self._fallo)

    def _ajustado(self, codigo: str, anio: int, numero: int) -> None:
        if (codigo, anio) == (self.codigo(), self.anio.value()):
            self._poner_actual(self._consulta, numero)
        self.resultado.setText(self.tr("Listo: el siguiente número de %1 en %2 es %3 (%4).")
                               .replace("%1", codigo).replace("%2", str(anio)).replace("%3", str(numero))
                               .replace("%4", self.numero_control(numero, codigo, anio)))
        self.resultado.show()
        self.adjustSize()
        self._habilitar()
        self.ajustada.emit(codigo, anio, numero)

    def _problemas(self, problemas: list[Problema]) -> None:
        self.campos.mostrar(problemas)
        self.adjustSize()  # grown for the message, else the field above it gets squeezed

    def _fallo(self, error: BaseException) -> None:
        if isinstance(error, ErrorValidacion):
            self._problemas(error.problemas)
        elif isinstance(error, Conflicto):  # lower than the counter or than a number already used
            self._problemas([Problema("siguiente", error.mensaje)])
        else:
            mostrar_error(self, error)
        self.leer(conservar=True)  # the counter may have moved elsewhere: show it as it is now
