"""Turning a matter to one or more agencies at once, each with its role, instruction and term; the
due date of each row is shown as it is typed. Frequent sets of agencies are saved as groups."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QInputDialog, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from ..domain.errores import ErrorValidacion
from ..domain.roles import Accion
from ..services import Servicios
from ..services.grupos_turno import DatosGrupo
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .campos import frase
from .correspondencia_comun import dependencias_activas, tr
from .errores import mostrar_error
from .filas_turno import FilaTurno, encabezado, rejilla
from .formulario import boton
from .tareas import Tareas

_CAMPO_FILA = re.compile(r"^turnos\[(\d+)\]\.(\w+)$")


def _opciones(servicios: Servicios, sesion: Sesion) -> dict:
    instrucciones = servicios.catalogos.listar(sesion, "instrucciones", incluir_inactivos=False)
    return {"dependencias": dependencias_activas(servicios, sesion),
            "instrucciones": [(e["codigo"], e["nombre"]) for e in instrucciones],
            "grupos": servicios.grupos_turno.listar(sesion),
            "calendario": servicios.plazos.calendario(sesion)}


class DialogoTurnar(QDialog):
    turnado = Signal(list)  # the matter's turnos (DatosTurno) after the change

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, numero_control: str,
                 parent: QWidget | None = None, *, asunto: str = ""):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas, self.numero = servicios, sesion, tareas, numero_control
        self.setObjectName("dialogoTurnar")
        self.setWindowTitle(tr("Turnar %s") % numero_control)
        self.setMinimumWidth(1080)
        self.filas: list[FilaTurno] = []
        self._opciones: dict = {"dependencias": [], "instrucciones": [], "grupos": [], "calendario": None}
        self._grupos: list[DatosGrupo] = []
        self._ocupado = False

        self.contenedor = QWidget(self)
        self.capa_filas = rejilla(self.contenedor)
        self._encabezado = encabezado(self.contenedor)
        self._recolocar()
        desplazable = QScrollArea(self)
        desplazable.setWidgetResizable(True)
        desplazable.setWidget(self.contenedor)
        desplazable.setMinimumHeight(220)

        self.boton_agregar = boton(self, tr("Agregar dependencia"), "Ctrl+N", self.agregar_fila)
        self.grupo = QComboBox(self, objectName="grupoTurno")
        self.grupo.setPlaceholderText(tr("Grupos guardados"))
        self.grupo.setMinimumWidth(200)
        self.boton_cargar = boton(self, tr("Cargar grupo"), "Ctrl+G", self.cargar_grupo)
        self.boton_guardar_grupo = boton(self, tr("Guardar como grupo…"), "Ctrl+Shift+G", self.pedir_nombre_grupo)
        self.boton_turnar = boton(self, tr("Turnar"), "Ctrl+S", self.turnar, primario=True)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.turnar)
        QShortcut(QKeySequence("Ctrl+Shift+Del"), self, activated=self.quitar_fila_actual)
        self.boton_cancelar = QPushButton(tr("Cancelar"), self)
        self.boton_cancelar.setToolTip(tr("Cancelar (Esc)"))
        self.boton_cancelar.clicked.connect(self.reject)
        self.error_general = etiqueta("", "error", nombre="errorGeneral")
        self.error_general.hide()
        self.aviso = etiqueta("", "exito", nombre="avisoTurnar")
        self.aviso.hide()

        grupos = QHBoxLayout()
        grupos.addWidget(self.boton_agregar)
        grupos.addStretch(1)
        rotulo = QLabel(tr("Grupo:"), self)
        rotulo.setBuddy(self.grupo)
        for w in (rotulo, self.grupo, self.boton_cargar, self.boton_guardar_grupo):
            grupos.addWidget(w)
        botones = QHBoxLayout()
        botones.addStretch(1)
        for b in (self.boton_turnar, self.boton_cancelar):
            botones.addWidget(b)
        for b in self.findChildren(QPushButton):
            b.setAutoDefault(False)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 16, 20, 14)
        capa.setSpacing(8)
        capa.addWidget(etiqueta(tr("Turnar %s") % numero_control, "titulo"))
        if asunto:
            capa.addWidget(etiqueta(asunto, "nota"))
        capa.addWidget(etiqueta(tr("El plazo cuenta días hábiles a partir de hoy: sin fines de semana ni días "
                                   "inhábiles."), "nota"))
        capa.addWidget(desplazable, 1)
        capa.addLayout(grupos)
        capa.addWidget(self.aviso)
        capa.addWidget(self.error_general)
        capa.addLayout(botones)
        self._habilitar()
        self.tareas.ejecutar(_opciones, servicios, sesion, al_terminar=self._poner_opciones,
                             al_fallar=lambda e: mostrar_error(self, e))

    # --- options and rows ----------------------------------------------------------------------
    def _poner_opciones(self, opciones: dict) -> None:
        self._opciones = opciones
        self._poner_grupos(opciones["grupos"])
        if not self.filas:
            self.agregar_fila()
        self._habilitar()

    def _poner_grupos(self, grupos: list[DatosGrupo]) -> None:
        self._grupos = list(grupos)
        self.grupo.clear()
        for g in self._grupos:
            self.grupo.addItem(f"{g.nombre} ({len(g.turnos)})", str(g.id))
        self.grupo.setCurrentIndex(-1 if not self._grupos else 0)
        self._habilitar()

    def agregar_fila(self, turno: dict | None = None) -> FilaTurno:
        fila = FilaTurno(self._opciones["dependencias"], self._opciones["instrucciones"], self.contenedor)
        fila.quitar.clicked.connect(lambda _=False, f=fila: self.quitar_fila(f))
        if turno:
            fila.poner(turno)
        fila.calcular_vencimiento(self._opciones["calendario"])
        self.filas.append(fila)
        self._recolocar()
        fila.dependencia.setFocus()
        self._habilitar()
        return fila

    def _recolocar(self) -> None:
        """One grid for the header and all rows keeps the columns aligned; rebuilt on each change."""
        while self.capa_filas.count():
            self.capa_filas.takeAt(0)
        for r in range(self.capa_filas.rowCount()):
            self.capa_filas.setRowStretch(r, 0)
        for i, w in enumerate(self._encabezado):
            self.capa_filas.addWidget(w, 0, i, Qt.AlignmentFlag.AlignBottom)
        for n, f in enumerate(self.filas):
            f.colocar(self.capa_filas, 1 + 2 * n)
        fin = 1 + 2 * len(self.filas)
        self.capa_filas.setRowStretch(fin, 1)  # rows stay at the top of the scroll area

    def quitar_fila(self, fila: FilaTurno) -> None:
        if fila in self.filas:
            self.filas.remove(fila)
            fila.retirar()
            self._recolocar()
        if not self.filas:
            self.agregar_fila()
        else:
            self.filas[-1].dependencia.setFocus()
        self._habilitar()

    def quitar_fila_actual(self) -> None:
        foco = self.focusWidget()
        fila = next((f for f in self.filas if f.contiene(foco)), None)
        if fila is None and self.filas:
            fila = self.filas[-1]
        if fila is not None:
            self.quitar_fila(fila)

    def valores(self) -> list[dict]:
        """The filled rows; with none, the first (empty) one, so the service names what is missing."""
        llenas = [f.valores() for f in self.filas if not f.vacia()]
        return llenas or [f.valores() for f in self.filas[:1]]

    def _habilitar(self) -> None:
        listo = bool(self._opciones["dependencias"]) and not self._ocupado
        self.boton_turnar.setEnabled(listo and self.sesion.puede(Accion.TURNAR_OFICIOS))
        self.boton_agregar.setEnabled(listo)
        self.boton_cargar.setEnabled(listo and self.grupo.count() > 0)
        self.boton_guardar_grupo.setEnabled(listo and self.sesion.puede(Accion.TURNAR_OFICIOS))

    # --- groups --------------------------------------------------------------------------------
    def cargar_grupo(self) -> None:
        grupo = next((g for g in self._grupos if str(g.id) == self.grupo.currentData()), None)
        if grupo is None:
            return
        for f in [f for f in self.filas if f.vacia()]:  # the empty starter row gives way
            self.filas.remove(f)
            f.retirar()
        self._recolocar()
        ya = {f.codigo_dependencia().lower() for f in self.filas}
        for turno in grupo.turnos:
            if str(turno.get("dependencia", "")).lower() not in ya:
                self.agregar_fila(turno)
        if not self.filas:
            self.agregar_fila()
        self._habilitar()

    def pedir_nombre_grupo(self) -> QInputDialog:
        pregunta = QInputDialog(self)
        pregunta.setObjectName("preguntaGrupo")
        pregunta.setWindowTitle(tr("Guardar como grupo"))
        pregunta.setLabelText(tr("Nombre del grupo (si ya existe, se reemplazan sus dependencias):"))
        pregunta.setOkButtonText(tr("Guardar"))
        pregunta.setCancelButtonText(tr("Cancelar"))
        pregunta.textValueSelected.connect(self.guardar_grupo)
        pregunta.open()
        return pregunta

    def guardar_grupo(self, nombre: str) -> None:
        self._limpiar_errores()
        self.tareas.ejecutar(self.servicios.grupos_turno.guardar, self.sesion, nombre, self.valores(),
                             al_terminar=self._grupo_guardado, al_fallar=self._fallo)

    def _grupo_guardado(self, grupo: DatosGrupo) -> None:
        self.tareas.ejecutar(self.servicios.grupos_turno.listar, self.sesion,
                             al_terminar=lambda grupos: (self._poner_grupos(grupos),
                                                         self.grupo.setCurrentIndex(self.grupo.findData(str(grupo.id)))),
                             al_fallar=lambda e: mostrar_error(self, e))
        self.aviso.setText(tr("Se guardó el grupo «%s».") % grupo.nombre)
        self.aviso.show()

    # --- saving ----------------------------------------------------------------------------------
    def turnar(self) -> None:
        if self._ocupado or not self.boton_turnar.isEnabled():
            return
        self._limpiar_errores()
        self._ocupado = True
        self._habilitar()
        self.tareas.ejecutar(self.servicios.turnos.turnar, self.sesion, self.numero, self.valores(),
                             al_terminar=self._turnado, al_fallar=self._fallo)

    def _turnado(self, turnos: list) -> None:
        self._ocupado = False
        self.turnado.emit(turnos)
        self.accept()

    def _fallo(self, error: BaseException) -> None:
        self._ocupado = False
        self._habilitar()
        if not isinstance(error, ErrorValidacion):
            mostrar_error(self, error)
            return
        llenas = [f for f in self.filas if not f.vacia()] or self.filas[:1]
        sueltos = []
        for p in error.problemas:
            m = _CAMPO_FILA.match(p.campo)
            if m and 0 < int(m[1]) <= len(llenas):
                llenas[int(m[1]) - 1].mostrar_error(m[2], p.mensaje)
            else:
                sueltos.append(f"{frase(p.campo)}: {p.mensaje}")
        if sueltos:
            self.error_general.setText("\n".join(sueltos))
            self.error_general.show()

    def _limpiar_errores(self) -> None:
        self.aviso.hide()
        self.error_general.clear()
        self.error_general.hide()
        for f in self.filas:
            f.limpiar_error()
