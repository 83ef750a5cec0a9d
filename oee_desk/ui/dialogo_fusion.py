"""Merge two records of one citizen: side by side, a choice per field of which value stays.

The supervisor sees both records in full (each opening is logged as a view of that citizen's data),
picks field by field, and confirms before anything is written. The record on the left survives; the
other one is kept, marked as merged, and its petitions move to the survivor.
"""
from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QGridLayout, QLabel, QRadioButton, QVBoxLayout, QWidget,
)

from ..services import Servicios
from ..services.ciudadanos import DatosCiudadano
from ..services.fusion import CAMPOS_FUSION
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .errores import mostrar_error
from .formulario import boton, confirmar
from .tareas import Tareas

MOTIVO_CONSULTA = "comparación para fusión de duplicados"


def valor_campo(d: DatosCiudadano, campo: str) -> str | None:
    if campo == "municipio":
        return f"{d.municipio_nombre} ({d.municipio})" if d.municipio else None
    return getattr(d, campo)


class DialogoFusion(QDialog):
    """`resultado` holds the surviving citizen once merged (the dialog is then accepted)."""

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, conservar_id: uuid.UUID,
                 absorber_id: uuid.UUID, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.setWindowTitle(self.tr("Fusionar registros duplicados"))
        self.setMinimumWidth(760)
        self.conservar: DatosCiudadano | None = None
        self.absorber: DatosCiudadano | None = None
        self.resultado: DatosCiudadano | None = None
        self.confirmacion = None
        self.grupos: dict[str, QButtonGroup] = {}
        self.radios: dict[str, tuple[QRadioButton, QRadioButton]] = {}

        self.explicacion = etiqueta(self.tr(
            "Elija, campo por campo, el valor que se queda. El registro de la izquierda se conserva; el de la "
            "derecha no se borra: queda marcado como fusionado y sus peticiones pasan al que se conserva."), "nota")
        self.rejilla = QGridLayout()
        self.rejilla.setHorizontalSpacing(18)
        self.rejilla.setVerticalSpacing(6)
        self.resumen = etiqueta("", "nota", nombre="resumenFusion")
        self.boton_intercambiar = boton(self, self.tr("Intercambiar registros"), "Ctrl+I", self.intercambiar)
        self.botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.botones.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        self.boton_fusionar = boton(self, self.tr("Fusionar…"), "Ctrl+Return", self.pedir_confirmacion, primario=True)
        self.botones.addButton(self.boton_fusionar, QDialogButtonBox.ButtonRole.ActionRole)
        self.botones.addButton(self.boton_intercambiar, QDialogButtonBox.ButtonRole.ResetRole)
        self.botones.rejected.connect(self.reject)
        self.boton_fusionar.setEnabled(False)
        self.boton_intercambiar.setEnabled(False)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 18, 20, 14)
        capa.setSpacing(10)
        capa.addWidget(self.explicacion)
        capa.addLayout(self.rejilla)
        capa.addWidget(self.resumen)
        capa.addWidget(self.botones)

        ciudadanos, actor = self.servicios.ciudadanos, self.sesion
        self.tareas.ejecutar(
            lambda: (ciudadanos.obtener(actor, conservar_id, motivo=MOTIVO_CONSULTA),
                     ciudadanos.obtener(actor, absorber_id, motivo=MOTIVO_CONSULTA)),
            al_terminar=self._cargados, al_fallar=lambda e: mostrar_error(self, e))

    # --- the two records -------------------------------------------------------------------
    def _cargados(self, par: tuple[DatosCiudadano, DatosCiudadano]) -> None:
        self.conservar, self.absorber = par
        self._llenar()
        self.boton_fusionar.setEnabled(True)
        self.boton_intercambiar.setEnabled(True)

    def intercambiar(self) -> None:
        """The other record survives: choices start again from its values."""
        if self.conservar and self.absorber:
            self.conservar, self.absorber = self.absorber, self.conservar
            self._llenar()

    def _llenar(self) -> None:
        while self.rejilla.count():
            widget = self.rejilla.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.grupos.clear()
        self.radios.clear()
        a, b = self.conservar, self.absorber
        self.rejilla.addWidget(etiqueta(self.tr("Campo"), "subtitulo"), 0, 0)
        self.rejilla.addWidget(etiqueta(self.tr("Registro que se conserva"), "subtitulo"), 0, 1)
        self.rejilla.addWidget(etiqueta(self.tr("Registro que se absorbe"), "subtitulo"), 0, 2)
        for fila, (campo, nombre) in enumerate(CAMPOS_FUSION.items(), start=1):
            va, vb = valor_campo(a, campo), valor_campo(b, campo)
            radio_a, radio_b = (QRadioButton(v or self.tr("(vacío)"), self) for v in (va, vb))
            radio_a.setObjectName(f"conservar_{campo}")
            radio_b.setObjectName(f"absorber_{campo}")
            grupo = QButtonGroup(self)
            grupo.addButton(radio_a, 0)
            grupo.addButton(radio_b, 1)
            # Nothing lost by default: an empty value gives way to the other record's.
            (radio_b if not va and vb else radio_a).setChecked(True)
            if (va or None) == (vb or None):
                radio_a.setEnabled(False)
                radio_b.setEnabled(False)
            grupo.buttonToggled.connect(lambda *_: self._resumir())
            self.rejilla.addWidget(QLabel(self.tr(nombre), self), fila, 0)
            self.rejilla.addWidget(radio_a, fila, 1)
            self.rejilla.addWidget(radio_b, fila, 2)
            self.grupos[campo] = grupo
            self.radios[campo] = (radio_a, radio_b)
        self.rejilla.setColumnStretch(1, 1)
        self.rejilla.setColumnStretch(2, 1)
        self._resumir()

    def elecciones(self) -> dict[str, str]:
        return {c: ("absorber" if g.checkedId() == 1 else "conservar") for c, g in self.grupos.items()}

    def _resumir(self) -> None:
        a, b = self.conservar, self.absorber
        tomados = [self.tr(CAMPOS_FUSION[c]) for c, e in self.elecciones().items() if e == "absorber"]
        self.resumen.setText(
            self.tr("Peticiones: %1 en el registro que se conserva y %2 en el que se absorbe; todas quedarán en el "
                    "primero. Valores tomados del registro absorbido: %3.")
            .replace("%1", str(a.peticiones_total)).replace("%2", str(b.peticiones_total))
            .replace("%3", ", ".join(tomados) if tomados else self.tr("ninguno")))

    # --- merging ---------------------------------------------------------------------------
    def pedir_confirmacion(self) -> None:
        if not (self.conservar and self.absorber):
            return
        self.confirmacion = confirmar(
            self, self.tr("Confirmar fusión"),
            self.tr("Se fusionará «%1» en «%2». Las peticiones del registro absorbido (%3) pasarán al que se conserva. "
                    "La fusión queda en la bitácora y no se puede deshacer desde aquí.")
            .replace("%1", self.absorber.nombre_completo).replace("%2", self.conservar.nombre_completo)
            .replace("%3", str(self.absorber.peticiones_total)),
            self.tr("Fusionar"), self.fusionar)

    def fusionar(self) -> None:
        a, b, fusion, actor = self.conservar, self.absorber, self.servicios.fusion, self.sesion
        self.boton_fusionar.setEnabled(False)  # one merge at a time
        self.tareas.ejecutar(fusion.fusionar_ciudadanos, actor, a.id, b.id, self.elecciones(), (a.version, b.version),
                             al_terminar=self._fusionado, al_fallar=self._fallo)

    def _fusionado(self, resultado: DatosCiudadano) -> None:
        self.resultado = resultado
        self.accept()

    def _fallo(self, error: BaseException) -> None:
        self.boton_fusionar.setEnabled(True)
        mostrar_error(self, error)
