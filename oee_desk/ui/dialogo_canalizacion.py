"""Canalize a petition: to an internal area of the office, or by a numbered oficio to an agency or
civil-society organization, typed by its siglas or any piece of its name."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QFormLayout, QHBoxLayout, QPlainTextEdit, QRadioButton,
    QStackedWidget, QVBoxLayout, QWidget,
)

from ..domain import peticiones as reglas
from ..services import Servicios
from ..services.peticiones import DatosPeticion
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .atencion_comun import combo_busqueda, dato_elegido, dependencias, poner_opciones, tr
from .campos import CamposConError
from .errores import mostrar_error
from .formulario import botones_guardar
from .guardado_en_tarea import GuardadoEnTarea
from .tareas import Tareas


class DialogoCanalizacion(GuardadoEnTarea, QDialog):
    canalizada = Signal(object)  # DatosPeticion with the new canalization (and its oficio number)

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, peticion: DatosPeticion,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.folio = peticion.folio
        self.resultado: DatosPeticion | None = None
        self.setObjectName("dialogoCanalizacion")
        self.setWindowTitle(tr("Canalizar %s") % peticion.folio)
        self.setMinimumWidth(600)

        self.por_dependencia = QRadioButton(tr(reglas.TIPOS_CANALIZACION["dependencia"]), self,
                                            objectName="tipoDependencia")
        self.por_area = QRadioButton(tr(reglas.TIPOS_CANALIZACION["area_interna"]), self, objectName="tipoArea")
        self._grupo = QButtonGroup(self)
        for b in (self.por_dependencia, self.por_area):
            self._grupo.addButton(b)
        self.por_dependencia.setChecked(True)
        tipo = QWidget(self)
        fila_tipo = QHBoxLayout(tipo)
        fila_tipo.setContentsMargins(0, 0, 0, 0)
        fila_tipo.addWidget(self.por_dependencia)
        fila_tipo.addWidget(self.por_area)
        fila_tipo.addStretch(1)

        self.dependencia = combo_busqueda(self, nombre="canalizacionDependencia", letras=40,
                                          marcador=tr("Siglas o nombre de la dependencia u organismo"))
        self.dependencia.setEnabled(False)  # until the catalog arrives
        self.area = QComboBox(self, objectName="canalizacionArea")
        for codigo, texto in reglas.AREAS_INTERNAS.items():
            self.area.addItem(tr(texto), codigo)
        self.destino = QStackedWidget(self)
        self.destino.addWidget(self.dependencia)
        self.destino.addWidget(self.area)
        self.destino.setFixedHeight(self.dependencia.sizeHint().height())
        self.nota = QPlainTextEdit(self, objectName="canalizacionNota")
        self.nota.setTabChangesFocus(True)
        self.nota.setFixedHeight(80)
        self.pista = etiqueta(tr("Se genera un oficio de canalización con número consecutivo."), "nota",
                              nombre="pistaCanalizacion")

        self.formulario = QFormLayout()
        self.formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_general = etiqueta("", "error", nombre="errorGeneral")
        self.error_general.hide()
        self.campos = CamposConError(self.formulario, self.error_general)
        self.campos.agregar("tipo", tr("Canalizar a"), tipo, "canalizacion.tipo")
        self.campos.agregar("destino", tr("Destino"), self.destino, "canalizacion.destino", debajo=self.pista)
        self.campos.agregar("nota", tr("Nota"), self.nota, "canalizacion.nota")

        botones = botones_guardar(self, tr("Canalizar"), self.guardar)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 16, 20, 14)
        capa.addWidget(etiqueta(tr("Canalización · %s · %s") % (peticion.folio, peticion.tema_nombre), "subtitulo"))
        capa.addLayout(self.formulario)
        capa.addWidget(self.error_general)
        capa.addLayout(botones)

        self._grupo.buttonToggled.connect(lambda *_: self._tipo_cambiado())
        self.dependencia.editTextChanged.connect(lambda _: self.campos.limpiar("destino"))
        self.tareas.ejecutar(dependencias, servicios, sesion, al_terminar=self._poner_dependencias,
                             al_fallar=lambda e: mostrar_error(self, e))
        self.dependencia.setFocus()

    def _poner_dependencias(self, opciones: list[tuple[str, str]]) -> None:
        escrito = self.dependencia.currentText()
        poner_opciones(self.dependencia, opciones)
        self.dependencia.setEditText(escrito)  # what was typed while the catalog loaded stays
        self.dependencia.setEnabled(True)

    def _tipo_cambiado(self) -> None:
        externa = self.por_dependencia.isChecked()
        self.destino.setCurrentWidget(self.dependencia if externa else self.area)
        self.pista.setText(tr("Se genera un oficio de canalización con número consecutivo.") if externa
                           else tr("Se turna dentro de la oficina; no lleva oficio."))
        self.campos.limpiar("destino")
        (self.dependencia if externa else self.area).setFocus()

    def elegir_dependencia(self, siglas: str) -> None:
        self.por_dependencia.setChecked(True)
        self.dependencia.setCurrentIndex(self.dependencia.findData(siglas))

    def valores(self) -> dict:
        if self.por_dependencia.isChecked():
            # What was typed goes as is when it names no option: the service says it does not exist.
            destino = dato_elegido(self.dependencia) or self.dependencia.currentText().strip()
            return {"tipo": "dependencia", "destino": destino, "nota": self.nota.toPlainText()}
        return {"tipo": "area_interna", "destino": self.area.currentData(), "nota": self.nota.toPlainText()}

    def guardar(self) -> None:
        self._guardar_en_tarea(self.servicios.peticiones.canalizar, self.sesion, self.folio, self.valores())

    def _al_guardar(self, peticion: DatosPeticion) -> None:
        self.resultado = peticion
        self.canalizada.emit(peticion)
