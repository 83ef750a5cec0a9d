"""One follow-up of a petition: a call (with whether the citizen answered), a contact with the
agency's liaison, its answer, a visit, an oficio, or the closing (with the petition's result).

The result's options follow the kind: calls say whether someone answered, the closing how it ended,
the rest carry none. The service moves the petition (status, next call) from what is logged here.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QDialog, QFormLayout, QHBoxLayout, QPlainTextEdit,
    QVBoxLayout, QWidget,
)

from ..domain import peticiones as reglas
from ..services import Servicios
from ..services.peticiones import DatosPeticion
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .atencion_comun import tr
from .campos import CamposConError
from .formulario import botones_guardar
from .guardado_en_tarea import GuardadoEnTarea
from .tareas import Tareas

TIPO_INICIAL = "llamada_saliente"  # what the desk logs most, by far


def opciones_resultado(tipo: str | None) -> dict[str, str]:
    if tipo in reglas.LLAMADAS:
        return reglas.RESULTADOS_LLAMADA
    if tipo == "cierre":
        return reglas.RESULTADOS
    return {}


class DialogoSeguimiento(GuardadoEnTarea, QDialog):
    agregado = Signal(object)  # DatosPeticion, as the service returns it after the follow-up

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, peticion: DatosPeticion,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.folio = peticion.folio
        self.resultado_guardado: DatosPeticion | None = None
        self.setObjectName("dialogoSeguimiento")
        self.setWindowTitle(tr("Agregar seguimiento a %s") % peticion.folio)
        self.setMinimumWidth(640)

        self.tipo = QComboBox(self, objectName="seguimientoTipo")
        for codigo, texto in reglas.TIPOS_SEGUIMIENTO.items():
            self.tipo.addItem(tr(texto), codigo)
        self.resultado = QComboBox(self, objectName="seguimientoResultado")
        self.resultado.setPlaceholderText(tr("Seleccione…"))
        ahora = QDateTime.currentDateTime()
        self.fecha = QDateTimeEdit(ahora, self, calendarPopup=True, objectName="seguimientoFecha")
        self.fecha.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.fecha.setMaximumDateTime(ahora.addSecs(3600))  # a follow-up is logged after it happened
        self.nota = QPlainTextEdit(self, objectName="seguimientoNota")
        self.nota.setTabChangesFocus(True)
        self.nota.setFixedHeight(90)
        self.nota.setPlaceholderText(tr("Qué se habló, con quién, qué sigue"))
        self.usar_proxima = QCheckBox(tr("Programar"), self, objectName="usarProximaLlamada")
        manana = dt.date.today() + dt.timedelta(days=1)
        self.proxima = QDateEdit(QDate(manana.year, manana.month, manana.day), self, calendarPopup=True,
                                 objectName="seguimientoProxima")
        self.proxima.setDisplayFormat("dd/MM/yyyy")
        self.proxima.setEnabled(False)
        self.usar_proxima.toggled.connect(self.proxima.setEnabled)
        proxima = QWidget(self)
        fila_proxima = QHBoxLayout(proxima)
        fila_proxima.setContentsMargins(0, 0, 0, 0)
        fila_proxima.addWidget(self.usar_proxima)
        fila_proxima.addWidget(self.proxima)
        fila_proxima.addStretch(1)
        self.pista = etiqueta("", "nota", nombre="pistaSeguimiento")

        self.formulario = QFormLayout()
        self.formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_general = etiqueta("", "error", nombre="errorGeneral")
        self.error_general.hide()
        self.campos = CamposConError(self.formulario, self.error_general)
        self.campos.agregar("tipo", tr("Tipo"), self.tipo)
        self.campos.agregar("resultado", tr("Resultado"), self.resultado)
        self.campos.agregar("fecha", tr("Fecha y hora"), self.fecha)
        self.campos.agregar("nota", tr("Nota"), self.nota)
        self.campos.agregar("proxima_llamada", tr("Próxima llamada"), proxima, "próxima llamada", debajo=self.pista)
        self.campos.editor("proxima_llamada").setObjectName("filaProximaLlamada")

        botones = botones_guardar(self, tr("Guardar"), self.guardar)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 16, 20, 14)
        capa.addWidget(etiqueta(tr("Seguimiento · %s · %s") % (peticion.folio, peticion.ciudadano.nombre_completo),
                                "subtitulo"))
        capa.addLayout(self.formulario)
        capa.addWidget(self.error_general)
        capa.addLayout(botones)

        self.tipo.currentIndexChanged.connect(lambda _: self._tipo_cambiado())
        self.resultado.currentIndexChanged.connect(lambda _: self._explicar())
        self.tipo.setCurrentIndex(self.tipo.findData(TIPO_INICIAL))
        self._tipo_cambiado()
        self.tipo.setFocus()

    def _tipo_cambiado(self) -> None:
        """The result's options follow the kind; the row is hidden when the kind has none."""
        opciones = opciones_resultado(self.tipo.currentData())
        anterior = self.resultado.currentData()
        self.resultado.blockSignals(True)
        self.resultado.clear()
        for codigo, texto in opciones.items():
            self.resultado.addItem(tr(texto), codigo)
        self.resultado.setCurrentIndex(self.resultado.findData(anterior) if anterior in opciones else -1)
        self.resultado.blockSignals(False)
        self.formulario.setRowVisible(self.campos.editor("resultado").parentWidget(), bool(opciones))
        self.campos.limpiar("resultado")
        # A closing ends the calls: there is no next one to schedule.
        cierre = self.tipo.currentData() == "cierre"
        self.formulario.setRowVisible(self.campos.editor("proxima_llamada").parentWidget(), not cierre)
        self._explicar()
        self.adjustSize()

    def _explicar(self) -> None:
        tipo, resultado = self.tipo.currentData(), self.resultado.currentData()
        if tipo in reglas.LLAMADAS and resultado in reglas.SIN_CONTACTO:
            texto = tr("Si no programa otra fecha, la petición vuelve a la cola de llamadas el siguiente día hábil.")
        elif tipo == "cierre":
            texto = tr("El cierre concluye la petición; ya no admitirá seguimientos.")
        else:
            texto = tr("Opcional: el día en que se debe volver a llamar al ciudadano.")
        self.pista.setText(texto)

    def valores(self) -> dict:
        tipo = self.tipo.currentData()
        return {"tipo": tipo, "resultado": self.resultado.currentData() if opciones_resultado(tipo) else None,
                # Seconds kept: a call logged the minute the petition arrived is not «before» it.
                "fecha": self.fecha.dateTime().toPython(),
                "nota": self.nota.toPlainText(),
                "proxima_llamada": self.proxima.date().toPython()
                if self.usar_proxima.isChecked() and tipo != "cierre" else None}

    def guardar(self) -> None:
        self._guardar_en_tarea(self.servicios.seguimientos.agregar, self.sesion, self.folio, self.valores())

    def _al_guardar(self, peticion: DatosPeticion) -> None:
        self.resultado_guardado = peticion
        self.agregado.emit(peticion)
