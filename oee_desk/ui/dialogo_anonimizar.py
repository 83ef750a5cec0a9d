"""Anonymize a citizen on their request: the reason, and a typed word before anything is erased."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ..services import Servicios
from ..services.ciudadanos import DatosCiudadano
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .errores import mostrar_error
from .tareas import Tareas

PALABRA = "ANONIMIZAR"  # typed, not clicked: erasing a person cannot be undone


class DialogoAnonimizar(QDialog):
    """`resultado` holds the anonymized citizen once done (the dialog is then accepted)."""

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, ciudadano: DatosCiudadano,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas, self.ciudadano = servicios, sesion, tareas, ciudadano
        self.resultado: DatosCiudadano | None = None
        self.setWindowTitle(self.tr("Anonimizar ciudadano"))
        self.setMinimumWidth(520)

        self.aviso = etiqueta(self.tr(
            "Se borrarán de forma definitiva el nombre, los apellidos, los teléfonos, el correo, la CURP, la "
            "localidad y el domicilio de «%1» (y de los registros duplicados fusionados en él). Sus peticiones "
            "(%2) se conservan sin datos personales y siguen contando en las estadísticas, con su municipio.")
            .replace("%1", ciudadano.nombre_completo).replace("%2", str(ciudadano.peticiones_total)), "aviso")
        self.motivo = QPlainTextEdit(self, objectName="motivoAnonimizar")
        self.motivo.setPlaceholderText(self.tr("Por ejemplo: solicitud de cancelación del titular, escrito del …"))
        self.motivo.setFixedHeight(70)
        self.confirmacion = QLineEdit(self, objectName="confirmacionAnonimizar")
        self.confirmacion.setPlaceholderText(PALABRA)
        formulario = QFormLayout()
        formulario.addRow(self.tr("Motivo"), self.motivo)
        formulario.addRow(self.tr("Escriba %1 para confirmar").replace("%1", PALABRA), self.confirmacion)

        self.botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.boton_anonimizar = self.botones.button(QDialogButtonBox.StandardButton.Ok)
        self.boton_anonimizar.setText(self.tr("Anonimizar"))
        self.botones.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        self.botones.accepted.connect(self.anonimizar)
        self.botones.rejected.connect(self.reject)
        # Enter in the confirmation box must not erase anyone before the button is enabled.
        self.boton_anonimizar.setDefault(False)
        self.boton_anonimizar.setAutoDefault(False)
        self.motivo.textChanged.connect(self._habilitar)
        self.confirmacion.textChanged.connect(self._habilitar)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 18, 20, 14)
        capa.setSpacing(10)
        capa.addWidget(self.aviso)
        capa.addLayout(formulario)
        capa.addWidget(self.botones)
        self._habilitar()

    def listo(self) -> bool:
        return self.confirmacion.text().strip() == PALABRA and bool(self.motivo.toPlainText().strip())

    def _habilitar(self) -> None:
        self.boton_anonimizar.setEnabled(self.listo())

    def anonimizar(self) -> None:
        if not self.listo():
            return
        self.boton_anonimizar.setEnabled(False)
        self.tareas.ejecutar(self.servicios.privacidad.anonimizar, self.sesion, self.ciudadano.id,
                             self.motivo.toPlainText().strip(), al_terminar=self._hecho, al_fallar=self._fallo)

    def _hecho(self, resultado: DatosCiudadano) -> None:
        self.resultado = resultado
        self.accept()

    def _fallo(self, error: BaseException) -> None:
        self._habilitar()
        mostrar_error(self, error)
