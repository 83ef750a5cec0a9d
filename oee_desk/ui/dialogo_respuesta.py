"""What an agency answered on a turn: its acuse, a progress note, the answer (with its scans), or
the closing as «no requiere respuesta». The fields shown follow the kind chosen."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox,
    QVBoxLayout, QWidget,
)

from ..domain.errores import ErrorValidacion
from ..domain.semaforo import Estado
from ..domain.turnos import TIPOS_RESPUESTA
from ..services import Servicios
from ..services.lectura_turnos import DatosTurno
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .campos import CamposConError
from .correspondencia_comun import leer_archivos, problemas_por_campo, tr
from .errores import mostrar_error
from .formulario import botones_guardar
from .lista_anexos import ListaAnexos
from .tareas import Tareas

# Which fields each kind of answer uses (the service requires the summary for respuesta/cierre).
CAMPOS_POR_TIPO = {
    "acuse": {"dependencia", "tipo", "fecha"},
    "avance": {"dependencia", "tipo", "fecha", "numero_oficio", "resumen", "avance_pct", "anexos"},
    "respuesta": {"dependencia", "tipo", "fecha", "numero_oficio", "resumen", "anexos"},
    "cierre": {"dependencia", "tipo", "fecha", "resumen"},
}


def _responder(servicios: Servicios, sesion: Sesion, numero: str, datos: dict, rutas: list[str]) -> DatosTurno:
    return servicios.turnos.responder(sesion, numero, datos, leer_archivos(rutas))


class DialogoRespuesta(QDialog):
    respondido = Signal(object)  # DatosTurno

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, numero_control: str,
                 turnos: list[DatosTurno], elegido: DatosTurno | None = None, parent: QWidget | None = None, *,
                 carpeta_anexos: Callable[[], str] = lambda: ""):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas, self.numero = servicios, sesion, tareas, numero_control
        self.setObjectName("dialogoRespuesta")
        self.setWindowTitle(tr("Registrar respuesta de %s") % numero_control)
        self.setMinimumWidth(620)
        self.resultado: DatosTurno | None = None
        abiertos = [t for t in turnos if t.semaforo.estado is not Estado.ATENDIDO]
        self._turnos = {t.dependencia: t for t in abiertos}

        self.dependencia = QComboBox(self)
        for t in abiertos:
            self.dependencia.addItem(f"{t.dependencia} — {t.dependencia_nombre}", t.dependencia)
        if elegido is not None:
            self.dependencia.setCurrentIndex(max(0, self.dependencia.findData(elegido.dependencia)))
        self.tipo = QComboBox(self)
        for codigo, texto in TIPOS_RESPUESTA.items():
            self.tipo.addItem(tr(texto), codigo)
        hoy = dt.date.today()
        self.fecha = QDateEdit(QDate(hoy.year, hoy.month, hoy.day), self, calendarPopup=True)
        self.fecha.setDisplayFormat("dd/MM/yyyy")
        self.fecha.setMaximumDate(QDate(hoy.year, hoy.month, hoy.day))  # an answer cannot come from the future
        self.numero_oficio = QLineEdit(self, placeholderText=tr("Número del oficio de la dependencia"))
        self.resumen = QPlainTextEdit(self)
        self.resumen.setTabChangesFocus(True)
        self.resumen.setFixedHeight(80)
        self.avance = QSpinBox(self)
        self.avance.setRange(0, 100)
        self.avance.setSuffix(" %")
        self.anexos = ListaAnexos(self, carpeta=carpeta_anexos)

        self.formulario = QFormLayout()
        self.formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_general = etiqueta("", "error", nombre="errorGeneral")
        self.error_general.hide()
        self.campos = CamposConError(self.formulario, self.error_general)
        for clave, texto, editor in (("dependencia", tr("Dependencia"), self.dependencia),
                                     ("tipo", tr("Tipo"), self.tipo), ("fecha", tr("Fecha"), self.fecha),
                                     ("numero_oficio", tr("Número de oficio"), self.numero_oficio),
                                     ("resumen", tr("Resumen"), self.resumen),
                                     ("avance_pct", tr("Avance"), self.avance), ("anexos", tr("Anexos"), self.anexos)):
            self.campos.agregar(clave, texto, editor)

        botones = botones_guardar(self, tr("Guardar"), self.guardar)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 16, 20, 14)
        capa.addWidget(etiqueta(tr("Respuesta de la dependencia · %s") % numero_control, "subtitulo"))
        if not abiertos:
            capa.addWidget(etiqueta(tr("Todos los turnos de este asunto ya fueron atendidos."), "aviso"))
        capa.addLayout(self.formulario)
        capa.addWidget(self.error_general)
        capa.addLayout(botones)

        self.tipo.currentIndexChanged.connect(lambda _: self._mostrar_campos())
        self.dependencia.currentIndexChanged.connect(lambda _: self._tipo_sugerido())
        self._tipo_sugerido()
        self.boton_guardar.setEnabled(bool(abiertos))
        self.tipo.setFocus()

    def _tipo_sugerido(self) -> None:
        """The acuse first; once it is in, what usually comes next is the answer."""
        turno = self._turnos.get(self.dependencia.currentData())
        self.tipo.setCurrentIndex(self.tipo.findData("respuesta" if turno and turno.fecha_acuse else "acuse"))
        if turno:
            self.avance.setValue(turno.avance_pct)
        self._mostrar_campos()

    def _mostrar_campos(self) -> None:
        visibles = CAMPOS_POR_TIPO.get(self.tipo.currentData(), set())
        for clave in ("numero_oficio", "resumen", "avance_pct", "anexos"):
            self.formulario.setRowVisible(self.campos.editor(clave).parentWidget(), clave in visibles)
        self.adjustSize()

    def valores(self) -> dict:
        tipo = self.tipo.currentData()
        visibles = CAMPOS_POR_TIPO.get(tipo, set())
        return {"dependencia": self.dependencia.currentData(), "tipo": tipo, "fecha": self.fecha.date().toPython(),
                "numero_oficio": self.numero_oficio.text() if "numero_oficio" in visibles else None,
                "resumen": self.resumen.toPlainText() if "resumen" in visibles else None,
                "avance_pct": self.avance.value() if tipo == "avance" else None}

    def guardar(self) -> None:
        if not self.boton_guardar.isEnabled():
            return
        self.boton_guardar.setEnabled(False)
        self.campos.limpiar()
        rutas = self.anexos.rutas() if "anexos" in CAMPOS_POR_TIPO.get(self.tipo.currentData(), set()) else []
        self.tareas.ejecutar(_responder, self.servicios, self.sesion, self.numero, self.valores(), rutas,
                             al_terminar=self._guardado, al_fallar=self._fallo)

    def _guardado(self, turno: DatosTurno) -> None:
        self.resultado = turno
        self.boton_guardar.setEnabled(True)
        self.respondido.emit(turno)
        self.accept()

    def _fallo(self, error: BaseException) -> None:
        self.boton_guardar.setEnabled(True)
        if isinstance(error, ErrorValidacion):
            self.campos.mostrar(problemas_por_campo(error.problemas))
        else:
            mostrar_error(self, error)
