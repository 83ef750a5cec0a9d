"""The band at the top of the intake: the last folio, large, to be read back to the caller while
the form below is already empty for the next one."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..services.peticiones import DatosPeticion
from .apariencia import etiqueta
from .captura_campos import tr

ESTILO_FOLIO = "font-size: 28pt; font-weight: bold; color: #6d1a36;"


class BandaFolio(QFrame):
    def __init__(self, parent: QWidget):
        super().__init__(parent, objectName="bandaFolio")
        self.setProperty("tipo", "tarjeta")
        self.folio = QLabel("", self, objectName="folioRegistrado")
        self.folio.setStyleSheet(ESTILO_FOLIO)
        self.folio.ensurePolished()  # the style sheet's font, so that the band's height never jumps
        self.folio.setMinimumHeight(QFontMetrics(self.folio.font()).height())
        self.folio.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.detalle = etiqueta(tr("Al guardar, el folio aparece aquí para leérselo a la persona."),
                                "nota", nombre="detalleFolio")
        self.aviso_duplicado = etiqueta("", "aviso", nombre="avisoDuplicado")
        self.aviso_duplicado.hide()
        capa = QHBoxLayout(self)
        capa.setContentsMargins(14, 6, 14, 6)
        capa.setSpacing(16)
        capa.addWidget(etiqueta(tr("Folio:"), "subtitulo", ajustar=False))
        capa.addWidget(self.folio)
        textos = QVBoxLayout()
        textos.addWidget(self.detalle)
        textos.addWidget(self.aviso_duplicado)
        capa.addLayout(textos, 1)

    def mostrar(self, peticion: DatosPeticion) -> None:
        self.folio.setText(peticion.folio)
        self.detalle.setText(tr("%s · %s · %s. Léale el folio a la persona.") % (
            peticion.ciudadano.nombre_completo, peticion.canal_nombre, peticion.tema_nombre))
        # A citizen captured anew who seems to be already there: the call goes on, supervision merges.
        duplicados = "; ".join(f"{d.ciudadano.nombre_completo} ({d.motivo})" for d in peticion.posibles_duplicados)
        self.aviso_duplicado.setText(tr("Posible duplicado de: %s. Avise a supervisión para fusionarlos.")
                                     % duplicados if duplicados else "")
        self.aviso_duplicado.setVisible(bool(duplicados))
