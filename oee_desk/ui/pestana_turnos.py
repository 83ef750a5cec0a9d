"""The Turnos tab of a matter: where it was turned and how each agency is answering, with the
actions of the clerk (turn, record answers) and of the supervisor (reassign, undo)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from ..domain.roles import Accion
from ..domain.semaforo import Estado
from ..services import Servicios
from ..services.correspondencia import DatosOficio
from ..services.lectura_turnos import DatosTurno
from ..services.sesion import Sesion
from . import documentos_pdf
from .apariencia import etiqueta
from .correspondencia_comun import dependencias_activas, tr
from .dialogo_respuesta import DialogoRespuesta
from .dialogo_turnar import DialogoTurnar
from .errores import mostrar_error
from .formulario import CampoFormulario, DialogoFormulario, boton
from .modelos_correspondencia import ModeloTurnos
from .modelos_tabla import ajustar_columnas, vista_tabla
from .tareas import Tareas


class PestanaTurnos(QWidget):
    cambiado = Signal()  # something was written: the matter is read again

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None, *,
                 carpeta_anexos: Callable[[], str] = lambda: ""):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self._carpeta_anexos = carpeta_anexos
        self.oficio: DatosOficio | None = None
        self.dialogo: QDialog | None = None  # the one open over this tab, for tests and to keep it alive

        self.modelo = ModeloTurnos(self)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaTurnos")
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._actualizar())
        self.tabla.doubleClicked.connect(lambda _: self.responder())
        self.vacio = etiqueta(tr("El asunto aún no se ha turnado."), "nota", nombre="sinTurnos")

        self.boton_turnar = boton(self, tr("Turnar…"), "Ctrl+T", self.turnar, primario=True)
        self.boton_responder = boton(self, tr("Registrar respuesta…"), "Ctrl+R", self.responder)
        self.boton_responder.setToolTip(tr("Registrar acuse, avance, respuesta o cierre (Ctrl+R)"))
        self.boton_reasignar = boton(self, tr("Reasignar…"), "Ctrl+Shift+R", self.reasignar)
        self.boton_deshacer = boton(self, tr("Deshacer turno…"), "Ctrl+Shift+D", self.deshacer)
        self.boton_volante = boton(self, tr("Imprimir volante"), "Ctrl+P", lambda: self._imprimir("volante"))
        self.boton_oficio = boton(self, tr("Oficio de turno"), "Ctrl+Shift+P", lambda: self._imprimir("oficio_turno"))
        # The matter's window fires these keys from any tab (a button on a hidden tab would not).
        self.atajos = {self.boton_turnar: "Ctrl+T", self.boton_responder: "Ctrl+R", self.boton_reasignar: "Ctrl+Shift+R",
                       self.boton_deshacer: "Ctrl+Shift+D", self.boton_volante: "Ctrl+P", self.boton_oficio: "Ctrl+Shift+P"}
        for b in self.atajos:
            b.setShortcut(QKeySequence())
        # What the role may not do is not shown (the services refuse it anyway).
        for b, accion in ((self.boton_turnar, Accion.TURNAR_OFICIOS), (self.boton_responder, Accion.RESPONDER_TURNOS),
                          (self.boton_reasignar, Accion.REASIGNAR_TURNOS),
                          (self.boton_deshacer, Accion.REASIGNAR_TURNOS)):
            b.setVisible(sesion.puede(accion))
            b.setProperty("permitido", sesion.puede(accion))
        botones = QHBoxLayout()
        for b in (self.boton_turnar, self.boton_responder, self.boton_reasignar, self.boton_deshacer):
            b.setAutoDefault(False)
            botones.addWidget(b)
        botones.addStretch(1)
        for b in (self.boton_volante, self.boton_oficio):
            b.setAutoDefault(False)
            botones.addWidget(b)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(8, 8, 8, 8)
        capa.addLayout(botones)
        capa.addWidget(self.vacio)
        capa.addWidget(self.tabla, 1)
        self._actualizar()

    # --- showing ---------------------------------------------------------------------------------
    def poner(self, oficio: DatosOficio) -> None:
        elegido = self.seleccionado()
        self.oficio = oficio
        self.modelo.poner_filas(oficio.turnos)
        ajustar_columnas(self.tabla, estirar=[0], maximo=190)
        fila = self.modelo.buscar(lambda t: elegido is not None and t.dependencia == elegido.dependencia)
        if fila < 0:  # what the clerk most likely records next: an open responsible turn
            fila = self.modelo.buscar(lambda t: t.rol == "responsable" and t.semaforo.estado is not Estado.ATENDIDO)
        if oficio.turnos:
            self.tabla.selectRow(max(fila, 0))
        self.vacio.setVisible(not oficio.turnos)
        self._actualizar()

    def seleccionado(self) -> DatosTurno | None:
        filas = self.tabla.selectionModel().selectedRows()
        return self.modelo.fila(filas[0].row()) if filas else None

    def _actualizar(self) -> None:
        o, t = self.oficio, self.seleccionado()
        vigente = o is not None and not o.anulado
        abiertos = vigente and any(x.semaforo.estado is not Estado.ATENDIDO for x in o.turnos)
        self._permitir(self.boton_turnar, vigente)
        self._permitir(self.boton_responder, abiertos)
        # An answered turn is not moved: the service refuses it, so the button says so first.
        self._permitir(self.boton_reasignar, vigente and t is not None and t.semaforo.estado is not Estado.ATENDIDO)
        self._permitir(self.boton_deshacer, vigente and t is not None)
        for b in (self.boton_volante, self.boton_oficio):
            b.setEnabled(o is not None and bool(o.turnos))

    @staticmethod
    def _permitir(b, si: bool) -> None:
        b.setEnabled(bool(b.property("permitido")) and si)

    def _abrir(self, dialogo: QDialog) -> QDialog:
        self.dialogo = dialogo
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogo.finished.connect(lambda _=0, d=dialogo: self.dialogo is d and setattr(self, "dialogo", None))
        dialogo.open()
        return dialogo

    # --- the clerk's actions -----------------------------------------------------------------------
    def turnar(self) -> None:
        if self.oficio is None or not self.boton_turnar.isEnabled():
            return
        dialogo = DialogoTurnar(self.servicios, self.sesion, self.tareas, self.oficio.numero_control, self,
                                asunto=self.oficio.asunto)
        dialogo.turnado.connect(lambda _: self.cambiado.emit())
        self._abrir(dialogo)

    def responder(self) -> None:
        if self.oficio is None or not self.boton_responder.isEnabled():
            return
        dialogo = DialogoRespuesta(self.servicios, self.sesion, self.tareas, self.oficio.numero_control,
                                   self.oficio.turnos, self.seleccionado(), self, carpeta_anexos=self._carpeta_anexos)
        dialogo.respondido.connect(lambda _: self.cambiado.emit())
        self._abrir(dialogo)

    # --- the supervisor's ----------------------------------------------------------------------------
    def reasignar(self) -> None:
        if self.oficio is None or (t := self.seleccionado()) is None or not self.boton_reasignar.isEnabled():
            return
        self.tareas.ejecutar(dependencias_activas, self.servicios, self.sesion,
                             al_terminar=lambda deps: self._abrir_reasignar(t, deps),
                             al_fallar=lambda e: mostrar_error(self, e))

    def _abrir_reasignar(self, turno: DatosTurno, dependencias: list[tuple[str, str]]) -> None:
        numero = self.oficio.numero_control
        opciones = {c: f"{c} — {n}" for c, n in dependencias if c != turno.dependencia}
        dialogo = DialogoFormulario(
            tr("Reasignar turno"),
            [CampoFormulario("nueva", tr("Nueva dependencia"), "opcion", opciones, nombres=("nueva dependencia",)),
             CampoFormulario("motivo", tr("Motivo"))],
            lambda v: self.servicios.turnos.reasignar(self.sesion, numero, turno.dependencia, v["nueva"] or "",
                                                      v["motivo"]),
            self.tareas, self, texto_guardar=tr("Reasignar"),
            explicacion=tr("El turno a %s queda cancelado con el motivo; la nueva dependencia recibe el mismo "
                           "rol, instrucción y plazo, contado desde hoy.") % turno.dependencia)
        dialogo.setObjectName("dialogoReasignar")
        dialogo.accepted.connect(self.cambiado.emit)
        self._abrir(dialogo)

    def deshacer(self) -> None:
        if self.oficio is None or (t := self.seleccionado()) is None or not self.boton_deshacer.isEnabled():
            return
        numero = self.oficio.numero_control
        dialogo = DialogoFormulario(
            tr("Deshacer turno"), [CampoFormulario("motivo", tr("Motivo"))],
            lambda v: self.servicios.turnos.deshacer(self.sesion, numero, t.dependencia, v["motivo"]),
            self.tareas, self, texto_guardar=tr("Deshacer turno"),
            explicacion=tr("El turno a %s se cancela; el registro se conserva con el motivo.") % t.dependencia)
        dialogo.setObjectName("dialogoDeshacer")
        dialogo.accepted.connect(self.cambiado.emit)
        self._abrir(dialogo)

    def _imprimir(self, clave: str) -> None:
        if self.oficio is not None and self.oficio.turnos:
            documentos_pdf.imprimir(self, self.tareas, clave, self.oficio, self.sesion.nombre_completo)
