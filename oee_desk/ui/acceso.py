"""Login: user name and password; the result is a `Sesion`.

The check runs off the GUI thread (Argon2 is deliberately slow). A refusal — wrong password, locked
account — is shown in the dialog itself, the password is cleared and the user name kept.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from ..domain.errores import ErrorOee
from ..services.sesion import Sesion
from ..services.usuarios import ServicioUsuarios
from .ajustes import Ajustes
from .apariencia import encabezado_institucional, etiqueta, recortar_medio
from .errores import texto_error
from .tareas import Tareas


class DialogoAcceso(QDialog):
    def __init__(self, usuarios: ServicioUsuarios, tareas: Tareas, ajustes: Ajustes | None = None,
                 descripcion_bd: str = "", parent: QWidget | None = None, *,
                 abrir_conexion: Callable[[QWidget], None] | None = None):
        super().__init__(parent)
        self._usuarios, self._tareas, self._ajustes = usuarios, tareas, ajustes
        self.sesion: Sesion | None = None
        self.setWindowTitle(self.tr("OEE Desk — Iniciar sesión"))
        self.setMinimumWidth(440)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(28, 24, 28, 20)
        capa.setSpacing(10)
        capa.addWidget(encabezado_institucional())
        capa.addWidget(etiqueta(self.tr("Iniciar sesión"), "titulo"))
        capa.addWidget(etiqueta(self.tr("Escriba su usuario y su contraseña de OEE Desk."), "nota"))

        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.usuario = QLineEdit(objectName="campo_usuario")
        self.contrasena = QLineEdit(objectName="campo_contrasena", echoMode=QLineEdit.EchoMode.Password)
        formulario.addRow(self.tr("Usuario:"), self.usuario)
        formulario.addRow(self.tr("Contraseña:"), self.contrasena)
        capa.addSpacing(4)
        capa.addLayout(formulario)
        self.mensaje = etiqueta("", "error", nombre="mensajeAcceso")
        self.mensaje.hide()
        capa.addWidget(self.mensaje)

        self.base = etiqueta("", "nota", nombre="baseDatos", ajustar=False)
        if descripcion_bd:
            recortar_medio(self.base, self.tr("Base de datos: {}").format(descripcion_bd), 380)
        capa.addWidget(self.base)
        capa.addStretch(1)

        fila = QHBoxLayout()
        self.boton_conexion = QPushButton(self.tr("Conexión…"), autoDefault=False)
        self.boton_conexion.setToolTip(self.tr("Elegir la base de datos de este equipo"))
        # Someone at the wrong database must be able to change it before signing in.
        self._abrir_conexion = abrir_conexion
        self.boton_conexion.setVisible(abrir_conexion is not None)
        self.boton_conexion.clicked.connect(self._pedir_conexion)
        fila.addWidget(self.boton_conexion)
        fila.addStretch(1)
        botones = QDialogButtonBox()
        self.boton_entrar = botones.addButton(self.tr("Entrar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.boton_entrar.setObjectName("botonEntrar")
        self.boton_entrar.setProperty("primario", True)
        self.boton_entrar.setDefault(True)
        salir = botones.addButton(self.tr("Salir"), QDialogButtonBox.ButtonRole.RejectRole)
        salir.setAutoDefault(False)
        botones.accepted.connect(self.entrar)
        botones.rejected.connect(self.reject)
        fila.addWidget(botones)
        capa.addLayout(fila)

        self.usuario.textChanged.connect(self._habilitar)
        self.contrasena.textChanged.connect(self._habilitar)
        recordado = ajustes.ultimo_usuario if ajustes else None
        if recordado:
            self.usuario.setText(recordado)
            self.contrasena.setFocus()
        else:
            self.usuario.setFocus()
        self._habilitar()

    def _pedir_conexion(self) -> None:
        # A bound method, not a lambda holding self: PySide keeps lambdas alive with the dialog.
        if self._abrir_conexion is not None:
            self._abrir_conexion(self)

    def _habilitar(self) -> None:
        self.boton_entrar.setEnabled(bool(self.usuario.text().strip() and self.contrasena.text()))

    def entrar(self) -> None:
        if not self.boton_entrar.isEnabled():  # Enter in a field while empty or already checking
            return
        self.mensaje.hide()
        self.boton_entrar.setEnabled(False)
        self.boton_entrar.setText(self.tr("Verificando…"))
        self._tareas.ejecutar(self._usuarios.autenticar, self.usuario.text(), self.contrasena.text(),
                              al_terminar=self._aceptado, al_fallar=self._rechazado)

    def _aceptado(self, sesion: Sesion) -> None:
        self.sesion = sesion
        if self._ajustes is not None:
            self._ajustes.ultimo_usuario = sesion.nombre
        self.boton_entrar.setText(self.tr("Entrar"))
        self.accept()

    def _rechazado(self, error: BaseException) -> None:
        # A refusal or a lost connection: its sentence alone (texto_error speaks of forms to save).
        self.mensaje.setText(error.mensaje if isinstance(error, ErrorOee) else texto_error(error))
        self.mensaje.show()
        self.boton_entrar.setText(self.tr("Entrar"))
        self.contrasena.clear()  # also disables Entrar until a new password is typed
        self.contrasena.setFocus()
        self._habilitar()
