"""What the clerk sees once a matter is registered: its control number, large enough to copy onto
the paper by hand, and the next steps (acuse, etiqueta, turnar, the next one)."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.catalogos import DESTINATARIOS
from ..domain.roles import Accion
from ..services.correspondencia import DatosOficio
from ..services.sesion import Sesion
from . import documentos_pdf
from .apariencia import etiqueta
from .correspondencia_comun import tr
from .formulario import boton
from .tareas import Tareas


def enlace_a_asunto(numero_control: str) -> str:
    """A matter's number as a link (rich text) whose target is the number itself."""
    numero = html.escape(numero_control)
    return f'<a href="{numero}">{numero}</a>'


class PanelResultado(QWidget):
    turnar = Signal(str)
    ver = Signal(str)  # an earlier matter's number: the duplicate warning's link
    otro = Signal()
    cerrar = Signal()

    def __init__(self, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self.sesion, self.tareas = sesion, tareas
        self.oficio: DatosOficio | None = None

        self.numero = QLabel(self, objectName="numeroControl")
        self.numero.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.numero.setStyleSheet("font-size: 30pt; font-weight: bold; color: #6d1a36;")
        self.numero.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detalle = etiqueta("", "nota", nombre="detalleRegistro")
        self.detalle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.aviso = etiqueta("", "aviso", nombre="avisoDuplicados")
        self.aviso.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.aviso.setTextFormat(Qt.TextFormat.RichText)
        self.aviso.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.aviso.linkActivated.connect(self.ver)

        self.boton_acuse = boton(self, tr("Imprimir acuse"), "Ctrl+P", lambda: self._imprimir("acuse"))
        self.boton_etiqueta = boton(self, tr("Imprimir etiqueta"), "Ctrl+L", lambda: self._imprimir("etiqueta"))
        self.boton_pdf = boton(self, tr("Guardar PDF…"), "Ctrl+S", lambda: self.boton_pdf.showMenu())
        self.boton_pdf.setMenu(documentos_pdf.menu_documentos(self, tareas, ["acuse", "etiqueta"], lambda: self.oficio,
                                                              sesion.nombre_completo))
        self.boton_turnar = boton(self, tr("Turnar ahora"), "Ctrl+T", self._turnar, primario=True)
        self.boton_turnar.setVisible(sesion.puede(Accion.TURNAR_OFICIOS))
        self.boton_otro = boton(self, tr("Registrar otro"), "Ctrl+N", self.otro.emit)
        self.boton_cerrar = QPushButton(tr("Cerrar"), self)
        self.boton_cerrar.setToolTip(tr("Cerrar (Esc)"))
        self.boton_cerrar.clicked.connect(self.cerrar.emit)
        for b in (self.boton_acuse, self.boton_etiqueta, self.boton_pdf, self.boton_turnar, self.boton_otro,
                  self.boton_cerrar):
            b.setAutoDefault(False)

        documentos = QHBoxLayout()
        documentos.addStretch(1)
        for b in (self.boton_acuse, self.boton_etiqueta, self.boton_pdf):
            documentos.addWidget(b)
        documentos.addStretch(1)
        siguientes = QHBoxLayout()
        siguientes.addStretch(1)
        for b in (self.boton_turnar, self.boton_otro, self.boton_cerrar):
            siguientes.addWidget(b)
        siguientes.addStretch(1)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(24, 24, 24, 18)
        capa.setSpacing(12)
        capa.addStretch(1)
        titulo = etiqueta(tr("Asunto registrado con el número de control"), "subtitulo")
        titulo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        capa.addWidget(titulo)
        capa.addWidget(self.numero)
        capa.addWidget(self.detalle)
        capa.addWidget(self.aviso)
        capa.addSpacing(12)
        capa.addLayout(documentos)
        capa.addLayout(siguientes)
        capa.addStretch(1)

    def mostrar(self, oficio: DatosOficio) -> None:
        self.oficio = oficio
        self.numero.setText(oficio.numero_control)
        recibido = oficio.fecha_recepcion.strftime("%d/%m/%Y %H:%M")
        anexos = len(oficio.anexos)
        self.detalle.setText(tr("Recibido el %1 · %2 · Dirigido a %3 · %4 anexo(s)")
                             .replace("%1", recibido).replace("%2", oficio.remitente["nombre"])
                             .replace("%3", tr(DESTINATARIOS.get(oficio.destinatario, oficio.destinatario)))
                             .replace("%4", str(anexos)))
        if oficio.posibles_duplicados:
            self.aviso.setText(html.escape(tr("Posible duplicado de:")) + " " + ", ".join(
                f"{enlace_a_asunto(d.numero_control)} ({html.escape(d.motivo)})" for d in oficio.posibles_duplicados))
        self.aviso.setVisible(bool(oficio.posibles_duplicados))
        (self.boton_turnar if self.sesion.puede(Accion.TURNAR_OFICIOS) else self.boton_acuse).setFocus()

    def _imprimir(self, clave: str) -> None:
        if self.oficio is not None:
            documentos_pdf.imprimir(self, self.tareas, clave, self.oficio, self.sesion.nombre_completo)

    def _turnar(self) -> None:
        if self.oficio is not None and self.sesion.puede(Accion.TURNAR_OFICIOS):
            self.turnar.emit(self.oficio.numero_control)
