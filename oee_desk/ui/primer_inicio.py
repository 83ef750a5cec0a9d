"""First run: the database has no user yet, so the person installing creates the administrator.

On success the new administrator is signed in at once (typing the password twice and then again at
a login screen proves nothing more). Problems appear under the field they name; what was typed stays.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget,
)

from ..domain import contrasenas
from ..domain.errores import ErrorValidacion
from ..services.sesion import Sesion
from ..services.usuarios import ServicioUsuarios
from .apariencia import encabezado_institucional, etiqueta, marcar
from .campos import CamposConError, frase
from .errores import texto_error
from .tareas import Tareas


class IndicadorFortaleza(QWidget):
    """Says, while the user types, whether the password would be accepted and why not.

    It asks the same domain rule the service applies, so the hint and the verdict never disagree.
    """

    def __init__(self, contrasena: QLineEdit, usuario: QLineEdit | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._contrasena, self._usuario = contrasena, usuario
        self.texto = etiqueta("", "nota", nombre="indicadorFortaleza")
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(self.texto)
        # zxcvbn takes a few milliseconds: evaluate when typing pauses, not on every key.
        self._pausa = QTimer(self, singleShot=True, interval=200)
        self._pausa.timeout.connect(self.evaluar)
        contrasena.textChanged.connect(self._pausa.start)
        if usuario is not None:
            usuario.textChanged.connect(self._pausa.start)
        self.evaluar()

    def evaluar(self) -> None:
        clave = self._contrasena.text()
        if not clave:
            estado, texto = "nota", self.tr(
                "Al menos {} caracteres. Una frase de varias palabras es fácil de recordar y difícil "
                "de adivinar.").format(contrasenas.LARGO_MINIMO)
        else:
            try:
                contrasenas.validar_nueva(clave, usuario=self._usuario.text().strip() if self._usuario else "")
            except ErrorValidacion as e:
                estado, texto = "aviso", self.tr("Aún no es segura: {}").format(frase(e.problemas[0].mensaje))
            else:
                estado, texto = "exito", self.tr("Contraseña segura.")
        self.texto.setText(texto)
        marcar(self.texto, "tipo", estado)

    @property
    def segura(self) -> bool:
        return self.texto.property("tipo") == "exito"


def crear_y_entrar(usuarios: ServicioUsuarios, usuario: str, nombre: str, contrasena: str,
                   confirmacion: str) -> Sesion:
    creado = usuarios.crear_primer_admin(usuario, nombre, contrasena, confirmacion)
    return usuarios.autenticar(creado.nombre, contrasena)


class DialogoPrimerInicio(QDialog):
    def __init__(self, usuarios: ServicioUsuarios, tareas: Tareas, descripcion_bd: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._usuarios, self._tareas = usuarios, tareas
        self.sesion: Sesion | None = None
        self.setWindowTitle(self.tr("OEE Desk — Primer inicio"))
        self.setMinimumWidth(560)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(28, 24, 28, 20)
        capa.setSpacing(10)
        capa.addWidget(encabezado_institucional())
        capa.addWidget(etiqueta(self.tr("Crear la cuenta del administrador"), "titulo"))
        capa.addWidget(etiqueta(self.tr(
            "Esta base de datos todavía no tiene usuarios. La cuenta que cree aquí administra a los "
            "demás usuarios y los catálogos de la oficina; después podrá agregar a las personas que "
            "capturan."), "nota"))
        if descripcion_bd:
            capa.addWidget(etiqueta(self.tr("Base de datos: {}").format(descripcion_bd), "nota"))

        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        formulario.setVerticalSpacing(10)
        self.general = etiqueta("", "error", nombre="errorGeneral")
        self.general.hide()
        self.campos = CamposConError(formulario, self.general)
        self.usuario = QLineEdit(placeholderText=self.tr("por ejemplo: mgarcia"))
        self.nombre = QLineEdit(placeholderText=self.tr("como aparecerá en la bitácora"))
        self.contrasena = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.confirmacion = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.indicador = IndicadorFortaleza(self.contrasena, self.usuario)
        self.campos.agregar("usuario", self.tr("Usuario"), self.usuario)
        self.campos.agregar("nombre", self.tr("Nombre completo"), self.nombre, "nombre completo")
        self.campos.agregar("contrasena", self.tr("Contraseña"), self.contrasena, "contraseña",
                            debajo=self.indicador)
        self.campos.agregar("confirmacion", self.tr("Confirmación"), self.confirmacion, "confirmación")
        capa.addSpacing(6)
        capa.addLayout(formulario)
        capa.addWidget(self.general)
        capa.addStretch(1)

        botones = QDialogButtonBox()
        self.boton_crear = botones.addButton(self.tr("Crear administrador"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.boton_crear.setObjectName("botonCrear")
        self.boton_crear.setProperty("primario", True)
        self.boton_crear.setDefault(True)
        salir = botones.addButton(self.tr("Salir"), QDialogButtonBox.ButtonRole.RejectRole)
        salir.setAutoDefault(False)
        botones.accepted.connect(self.crear)
        botones.rejected.connect(self.reject)
        capa.addWidget(botones)
        self.usuario.setFocus()

    def crear(self) -> None:
        self.campos.limpiar()
        self.boton_crear.setEnabled(False)  # one administrator, not two from a double click
        self.boton_crear.setText(self.tr("Creando…"))
        datos = (self.usuario.text(), self.nombre.text(), self.contrasena.text(), self.confirmacion.text())
        # A plain function, not a method of this dialog: the worker thread drops its references
        # when done, and the last reference to a widget must never be dropped off the GUI thread.
        self._tareas.ejecutar(crear_y_entrar, self._usuarios, *datos, al_terminar=self._creado, al_fallar=self._fallo)

    def _restaurar_boton(self) -> None:
        self.boton_crear.setEnabled(True)
        self.boton_crear.setText(self.tr("Crear administrador"))

    def _creado(self, sesion: Sesion) -> None:
        self.sesion = sesion
        self._restaurar_boton()
        self.accept()

    def _fallo(self, error: BaseException) -> None:
        self._restaurar_boton()
        if isinstance(error, ErrorValidacion):
            self.campos.mostrar(error.problemas)
        else:  # e.g. another workstation created the administrator meanwhile, or no connection
            self.campos.mostrar_general(texto_error(error))
