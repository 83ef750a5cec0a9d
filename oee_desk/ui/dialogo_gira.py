"""Register a gira of the Governor: date, municipality (typed by any piece of its name), locality
and event. The service gives it its clave (GIRA-2025-007), which the petitions received there carry."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from ..services import Servicios
from ..services.giras import DatosGira
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .atencion_comun import combo_busqueda, dato_elegido, municipios, poner_opciones, tr
from .campos import CamposConError
from .errores import mostrar_error
from .formulario import botones_guardar
from .guardado_en_tarea import GuardadoEnTarea
from .tareas import Tareas


class DialogoGira(GuardadoEnTarea, QDialog):
    registrada = Signal(object)  # DatosGira

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.resultado: DatosGira | None = None
        self.setObjectName("dialogoGira")
        self.setWindowTitle(tr("Nueva gira"))
        self.setMinimumWidth(540)

        hoy = dt.date.today()
        self.fecha = QDateEdit(QDate(hoy.year, hoy.month, hoy.day), self, calendarPopup=True, objectName="giraFecha")
        self.fecha.setDisplayFormat("dd/MM/yyyy")
        self.municipio = combo_busqueda(self, nombre="giraMunicipio", letras=28, marcador=tr("Escriba parte del nombre"))
        self.municipio.setEnabled(False)  # until the catalog arrives
        self.localidad = QLineEdit(self, objectName="giraLocalidad")
        self.localidad.setPlaceholderText(tr("Opcional: colonia, comunidad, ejido…"))
        self.evento = QLineEdit(self, objectName="giraEvento")
        self.evento.setPlaceholderText(tr("Por ejemplo: Entrega de apoyos del programa de vivienda"))

        self.formulario = QFormLayout()
        self.formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_general = etiqueta("", "error", nombre="errorGeneral")
        self.error_general.hide()
        self.campos = CamposConError(self.formulario, self.error_general)
        self.campos.agregar("fecha", tr("Fecha"), self.fecha)
        self.campos.agregar("municipio", tr("Municipio"), self.municipio)
        self.campos.agregar("localidad", tr("Localidad"), self.localidad)
        self.campos.agregar("evento", tr("Evento"), self.evento)
        self.municipio.editTextChanged.connect(lambda _: self.campos.limpiar("municipio"))

        botones = botones_guardar(self, tr("Registrar gira"), self.guardar)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 16, 20, 14)
        capa.addWidget(etiqueta(tr("Gira del C. Gobernador"), "subtitulo"))
        capa.addWidget(etiqueta(tr("La clave de la gira se asigna al registrarla; las peticiones recibidas en ella "
                                   "la llevan."), "nota"))
        capa.addLayout(self.formulario)
        capa.addWidget(self.error_general)
        capa.addLayout(botones)
        self.tareas.ejecutar(municipios, servicios, sesion, al_terminar=self._poner_municipios,
                             al_fallar=lambda e: mostrar_error(self, e))
        self.fecha.setFocus()

    def _poner_municipios(self, opciones: list[tuple[str, str]]) -> None:
        escrito = self.municipio.currentText()
        poner_opciones(self.municipio, opciones)
        self.municipio.setEditText(escrito)
        self.municipio.setEnabled(True)

    def valores(self) -> dict:
        # A name typed without choosing goes as typed: the service finds it by name or says it does not exist.
        municipio = dato_elegido(self.municipio) or self.municipio.currentText().strip()
        return {"fecha": self.fecha.date().toPython(), "municipio": municipio, "localidad": self.localidad.text(),
                "evento": self.evento.text()}

    def guardar(self) -> None:
        self._guardar_en_tarea(self.servicios.giras.registrar, self.sesion, self.valores())

    def _al_guardar(self, gira: DatosGira) -> None:
        self.resultado = gira
        self.registrada.emit(gira)
