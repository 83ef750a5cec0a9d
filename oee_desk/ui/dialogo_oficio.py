"""One matter in full: its header (number, dates, sender, subject, light, 48-hour mark) and tabs for
its turnos, its scans and, for the roles that may read the audit log, its history.

Not modal: the clerk keeps the bandeja and the scanner's inbox at hand while a matter is open.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ..domain.catalogos import DESTINATARIOS
from ..domain.oficios import PRIORIDADES
from ..domain.roles import Accion
from ..services import Servicios
from ..services.correspondencia import DatosOficio
from ..services.sesion import Sesion
from . import documentos_pdf
from .apariencia import etiqueta, marcar
from .correspondencia_comun import COLORES, ESTADOS, OPORTUNIDADES, marca_48_horas, tr
from .errores import mostrar_error
from .formulario import CampoFormulario, DialogoFormulario, boton
from .pestana_anexos import PestanaAnexos
from .pestana_historia import PestanaHistoria
from .pestana_turnos import PestanaTurnos
from .tareas import Tareas


def _valor(parent: QWidget, nombre: str) -> QLabel:
    label = QLabel(parent, objectName=nombre)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DialogoOficio(QDialog):
    cambiado = Signal(str)  # the matter's number, after anything was written

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, numero_control: str,
                 parent: QWidget | None = None, *, carpeta_anexos: Callable[[], str] = lambda: ""):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.numero = numero_control
        self.oficio: DatosOficio | None = None
        self.dialogo: QDialog | None = None
        self.setObjectName("dialogoOficio")
        self.setWindowTitle(tr("Asunto %s") % numero_control)
        self.resize(1100, 720)

        self.titulo = etiqueta(numero_control, "titulo", nombre="numeroOficio", ajustar=False)
        self.luz = etiqueta("", nombre="semaforoOficio", ajustar=False)
        self.marca_48 = etiqueta("", nombre="marca48", ajustar=False)
        self.anulado = etiqueta("", "error", nombre="avisoAnulado")
        self.anulado.hide()
        self.recibido, self.dirigido = _valor(self, "recibido"), _valor(self, "dirigido")
        self.remitente, self.oficio_remitente = _valor(self, "remitente"), _valor(self, "oficioRemitente")
        self.prioridad, self.asunto = _valor(self, "prioridad"), _valor(self, "asunto")

        self.turnos = PestanaTurnos(servicios, sesion, tareas, self, carpeta_anexos=carpeta_anexos)
        self.anexos = PestanaAnexos(servicios, sesion, tareas, self, carpeta_anexos=carpeta_anexos)
        self.historia = PestanaHistoria(servicios, sesion, tareas, self) if sesion.puede(Accion.VER_AUDITORIA) else None
        self.pestanas = QTabWidget(self, objectName="pestanasOficio")
        self.pestanas.addTab(self.turnos, tr("Turnos"))
        self.pestanas.addTab(self.anexos, tr("Anexos"))
        if self.historia is not None:
            self.pestanas.addTab(self.historia, tr("Historia"))
        self.pestanas.currentChanged.connect(lambda _: self._pestana_mostrada())
        self.turnos.cambiado.connect(self._cambio)
        self.anexos.cambiado.connect(lambda: self.cambiado.emit(self.numero))
        self._atajos_de_pestanas()

        self.boton_documentos = boton(self, tr("Documentos"), "Ctrl+D", lambda: self.boton_documentos.showMenu())
        self.boton_documentos.setMenu(documentos_pdf.menu_documentos(
            self, tareas, list(documentos_pdf.DOCUMENTOS), lambda: self.oficio, sesion.nombre_completo))
        self.boton_anular = boton(self, tr("Anular…"), "Ctrl+Shift+A", self.anular)
        self.boton_anular.setVisible(sesion.puede(Accion.ANULAR_OFICIOS))
        self.boton_actualizar = boton(self, tr("Actualizar"), "F5", self.recargar)
        self.boton_cerrar = QPushButton(tr("Cerrar"), self)
        self.boton_cerrar.setToolTip(tr("Cerrar (Esc)"))
        self.boton_cerrar.clicked.connect(self.close)

        cabeza = QHBoxLayout()
        for w in (self.titulo, self.luz, self.marca_48):
            cabeza.addWidget(w)
        cabeza.addStretch(1)
        ficha = QGridLayout()
        ficha.setHorizontalSpacing(10)
        ficha.setColumnStretch(1, 1)
        ficha.setColumnStretch(3, 1)
        for fila, pares in enumerate(((tr("Recibido:"), self.recibido, tr("Dirigido a:"), self.dirigido),
                                      (tr("Remitente:"), self.remitente, tr("Oficio del remitente:"), self.oficio_remitente),
                                      (tr("Prioridad:"), self.prioridad, None, None))):
            for columna, w in enumerate(pares):
                if isinstance(w, str):
                    ficha.addWidget(etiqueta(w, "nota", ajustar=False), fila, columna, Qt.AlignmentFlag.AlignTop)
                elif w is not None:
                    ficha.addWidget(w, fila, columna, Qt.AlignmentFlag.AlignTop)
        ficha.addWidget(etiqueta(tr("Asunto:"), "nota", ajustar=False), 3, 0, Qt.AlignmentFlag.AlignTop)
        ficha.addWidget(self.asunto, 3, 1, 1, 3)
        pie = QHBoxLayout()
        for b in (self.boton_documentos, self.boton_anular):
            pie.addWidget(b)
        pie.addStretch(1)
        pie.addWidget(self.boton_actualizar)
        pie.addWidget(self.boton_cerrar)
        for b in self.findChildren(QPushButton):
            b.setAutoDefault(False)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 14, 20, 12)
        capa.setSpacing(8)
        capa.addLayout(cabeza)
        capa.addWidget(self.anulado)
        capa.addLayout(ficha)
        capa.addWidget(self.pestanas, 1)
        capa.addLayout(pie)
        self._actualizar()
        self.recargar()

    def _atajos_de_pestanas(self) -> None:
        """Keys of the tabs' buttons work from any tab: the action's tab is brought forward."""
        botones = [(self.turnos, b, k) for b, k in self.turnos.atajos.items()]
        botones.append((self.anexos, self.anexos.boton_adjuntar, "Ctrl+O"))
        for pestana, b, atajo in botones:
            QShortcut(QKeySequence(atajo), self, activated=lambda p=pestana, b=b: self._accionar(p, b))

    def _accionar(self, pestana: QWidget, b: QPushButton) -> None:
        if b.isEnabled():
            self.pestanas.setCurrentWidget(pestana)
            b.click()

    # --- loading -------------------------------------------------------------------------------
    def recargar(self) -> None:
        self.tareas.ejecutar(self.servicios.correspondencia.obtener, self.sesion, self.numero,
                             al_terminar=self.poner, al_fallar=lambda e: mostrar_error(self, e))

    def poner(self, o: DatosOficio) -> None:
        self.oficio = o
        self.numero = o.numero_control  # as stored, however it was typed or scanned
        self.setWindowTitle(tr("Asunto %s") % o.numero_control)
        self.titulo.setText(o.numero_control)
        self.recibido.setText(o.fecha_recepcion.strftime("%d/%m/%Y %H:%M"))
        self.dirigido.setText(tr(DESTINATARIOS.get(o.destinatario, o.destinatario)))
        self.remitente.setText(", ".join(filter(None, (o.remitente.get("nombre"), o.remitente.get("cargo"),
                                                        o.remitente.get("institucion")))))
        documento = " ".join(filter(None, (o.numero_oficio_remitente, o.fecha_documento and tr("del %s") %
                                           o.fecha_documento.strftime("%d/%m/%Y"))))
        self.oficio_remitente.setText(documento or "—")
        self.prioridad.setText(tr(PRIORIDADES.get(o.prioridad, o.prioridad)))
        self.asunto.setText(o.asunto)
        self._poner_luz(o)
        self.anulado.setText(tr("Número anulado. Motivo: %s") % (o.motivo_anulacion or ""))
        self.anulado.setVisible(o.anulado)
        self.turnos.poner(o)
        self.anexos.recargar(o.numero_control, o.anulado)
        if self.historia is not None and self.pestanas.currentWidget() is self.historia:
            self.historia.recargar(o.numero_control)
        self._actualizar()

    def _poner_luz(self, o: DatosOficio) -> None:
        if o.anulado:
            texto, color = tr("Anulado"), "#8a8d93"
        elif o.semaforo is None:
            texto, color = tr("Sin turnar"), "#5a5e66"
        else:
            oportunidad = o.semaforo.oportunidad.value
            texto = f"{tr(ESTADOS[o.semaforo.estado.value])} · {tr(OPORTUNIDADES[oportunidad])}"
            color = COLORES[oportunidad].name()
        self.luz.setText(f"● {texto}")
        self.luz.setStyleSheet(f"color: {color}; font-weight: bold; font-size: 11pt;")
        marca = marca_48_horas(o.turnado_a_tiempo)
        self.marca_48.setText(tr("48 h: %s") % marca if marca else tr("48 h: sin turnar"))
        self.marca_48.setToolTip(tr("Turnado dentro de las 48 horas siguientes a la recepción"))
        marcar(self.marca_48, "tipo", "exito" if o.turnado_a_tiempo else "error" if o.turnado_a_tiempo is False
               else "nota")

    def _pestana_mostrada(self) -> None:
        if self.historia is not None and self.pestanas.currentWidget() is self.historia and self.oficio:
            self.historia.recargar(self.oficio.numero_control)

    def _actualizar(self) -> None:
        self.boton_anular.setEnabled(self.sesion.puede(Accion.ANULAR_OFICIOS) and self.oficio is not None
                                     and not self.oficio.anulado)
        self.boton_documentos.setEnabled(self.oficio is not None)

    def _cambio(self) -> None:
        self.recargar()
        self.cambiado.emit(self.numero)

    # --- annulment (supervisor) ------------------------------------------------------------------
    def anular(self) -> DialogoFormulario | None:
        if not self.boton_anular.isEnabled() or self.oficio is None:
            return None
        numero = self.oficio.numero_control
        dialogo = DialogoFormulario(
            tr("Anular %s") % numero, [CampoFormulario("motivo", tr("Motivo de la anulación"))],
            lambda v: self.servicios.correspondencia.anular(self.sesion, numero, v["motivo"]), self.tareas, self,
            texto_guardar=tr("Anular número"),
            explicacion=tr("El número %s queda anulado con su motivo y no se vuelve a usar. "
                           "Esta acción no se puede deshacer.") % numero)
        dialogo.setObjectName("dialogoAnular")
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogo.accepted.connect(lambda d=dialogo: (self.poner(d.resultado), self.cambiado.emit(self.numero)))
        self.dialogo = dialogo
        dialogo.open()
        return dialogo
