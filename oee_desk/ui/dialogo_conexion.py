"""'Conexión a la base de datos': this workstation's local file or the office's PostgreSQL server.

The choice goes to the small config file (config.guardar_conexion) and the password to the keyring
(services.conexion.guardar_contrasena), never to a file. 'Probar conexión' runs off the GUI thread:
an unreachable server takes seconds to time out.
"""
from __future__ import annotations

import os

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton,
    QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from .. import config
from ..domain.errores import Problema
from ..services import conexion
from .apariencia import etiqueta, marcar
from .campos import CamposConError
from .errores import texto_error
from .tareas import Tareas

PUERTO_POR_DEFECTO = 5432


class DialogoConexion(QDialog):
    guardada = Signal()

    def __init__(self, tareas: Tareas, parent: QWidget | None = None, *, reinicio_necesario: bool = True):
        super().__init__(parent)
        self._tareas = tareas
        self._reinicio_necesario = reinicio_necesario
        self.setWindowTitle(self.tr("Conexión a la base de datos"))
        self.setMinimumWidth(560)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(24, 20, 24, 16)
        capa.setSpacing(8)
        capa.addWidget(etiqueta(self.tr("Conexión a la base de datos"), "titulo"))
        capa.addWidget(etiqueta(self.tr("Elija dónde guarda sus datos este equipo."), "nota"))

        self.local = QRadioButton(self.tr("Archivo local (este equipo)"), objectName="opcionLocal")
        self.servidor = QRadioButton(self.tr("Servidor PostgreSQL de la oficina"), objectName="opcionServidor")
        grupo = QButtonGroup(self)
        grupo.addButton(self.local)
        grupo.addButton(self.servidor)
        capa.addSpacing(4)
        capa.addWidget(self.local)
        capa.addWidget(self._sangria(etiqueta(self.tr(
            "Un archivo en la carpeta de datos de su usuario. Para trabajar en un solo equipo, "
            "también sin red."), "nota")))
        capa.addWidget(self.servidor)
        capa.addWidget(self._sangria(etiqueta(self.tr(
            "Todas las estaciones de la oficina comparten la misma base. Sistemas le indica los datos."),
            "nota")))

        self.datos_servidor = QWidget(objectName="datosServidor")
        formulario = QFormLayout(self.datos_servidor)
        formulario.setContentsMargins(28, 4, 0, 0)
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general = etiqueta("", "error", nombre="errorGeneral")
        self.general.hide()
        self.campos = CamposConError(formulario, self.general)
        self.host = QLineEdit(placeholderText=self.tr("nombre del equipo o dirección IP"))
        self.puerto = QSpinBox(minimum=1, maximum=65535, value=PUERTO_POR_DEFECTO)
        self.base = QLineEdit()
        self.usuario = QLineEdit()
        self.contrasena = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.campos.agregar("host", self.tr("Servidor"), self.host)
        self.campos.agregar("puerto", self.tr("Puerto"), self.puerto)
        self.campos.agregar("base", self.tr("Base de datos"), self.base)
        self.campos.agregar("usuario", self.tr("Usuario"), self.usuario)
        self.campos.agregar("contrasena", self.tr("Contraseña"), self.contrasena)
        self.boton_probar = QPushButton(self.tr("Probar conexión"), objectName="botonProbar", autoDefault=False)
        self.boton_probar.clicked.connect(self.probar)
        self.resultado = etiqueta("", "nota", nombre="resultadoPrueba")
        fila = QHBoxLayout()
        fila.addWidget(self.boton_probar)
        fila.addWidget(self.resultado, 1)
        formulario.addRow("", fila)
        capa.addWidget(self.datos_servidor)
        capa.addWidget(self.general)

        if os.environ.get("OEE_DESK_DB_URL"):
            capa.addWidget(etiqueta(self.tr(
                "Atención: la variable de entorno OEE_DESK_DB_URL está definida y tiene prioridad "
                "sobre lo que guarde aquí."), "aviso"))
        self.aviso = etiqueta("", "exito", nombre="avisoGuardado")
        self.aviso.hide()
        capa.addWidget(self.aviso)
        capa.addStretch(1)

        botones = QDialogButtonBox()
        self.boton_guardar = botones.addButton(self.tr("Guardar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.boton_guardar.setObjectName("botonGuardar")
        self.boton_guardar.setProperty("primario", True)
        self.boton_cerrar = botones.addButton(self.tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        botones.accepted.connect(self.guardar)
        botones.rejected.connect(self.reject)
        capa.addWidget(botones)

        self.servidor.toggled.connect(self._cambiar_modo)
        self._cargar(config.leer_conexion())

    def _sangria(self, widget: QWidget) -> QWidget:
        widget.setContentsMargins(28, 0, 0, 4)
        return widget

    def _cargar(self, actual: config.ConexionServidor | None) -> None:
        if actual is None:
            self.local.setChecked(True)
        else:
            self.servidor.setChecked(True)
            self.host.setText(actual.host)
            self.puerto.setValue(actual.port or PUERTO_POR_DEFECTO)
            self.base.setText(actual.base)
            self.usuario.setText(actual.usuario)
            self.contrasena.setPlaceholderText(self.tr("vacía: conservar la contraseña guardada"))
        self._cambiar_modo()

    def _cambiar_modo(self) -> None:
        self.datos_servidor.setEnabled(self.servidor.isChecked())

    def conexion_escrita(self) -> config.ConexionServidor | None:
        """What the form says, or None after showing under each field what is missing."""
        self.campos.limpiar()
        faltan = [Problema(c, "es obligatorio") for c, w in
                  (("host", self.host), ("base", self.base), ("usuario", self.usuario)) if not w.text().strip()]
        if faltan:
            self.campos.mostrar(faltan)
            return None
        return config.ConexionServidor(self.host.text().strip(), self.puerto.value(),
                                       self.base.text().strip(), self.usuario.text().strip())

    # --- Probar conexión -----------------------------------------------------------------
    def probar(self) -> None:
        destino = self.conexion_escrita()
        if destino is None:
            return
        self.boton_probar.setEnabled(False)
        self._resultado(self.tr("Probando la conexión…"), "nota")
        self._tareas.ejecutar(_probar, destino, self.contrasena.text(),
                              al_terminar=self._probada, al_fallar=self._fallo_prueba)

    def _probada(self, resultado: conexion.ResultadoPrueba) -> None:
        self.boton_probar.setEnabled(True)
        self._resultado(resultado.mensaje, "exito" if resultado.correcto else "error")

    def _fallo_prueba(self, error: BaseException) -> None:
        self.boton_probar.setEnabled(True)
        self._resultado(texto_error(error), "error")

    def _resultado(self, texto: str, tipo: str) -> None:
        self.resultado.setText(texto)
        marcar(self.resultado, "tipo", tipo)

    # --- Guardar -------------------------------------------------------------------------
    def guardar(self) -> None:
        destino = None
        if self.servidor.isChecked():
            destino = self.conexion_escrita()
            if destino is None:
                return
        self.boton_guardar.setEnabled(False)
        self._destino = destino
        # A keyring may take a moment (or ask to be unlocked): not on the GUI thread.
        self._tareas.ejecutar(_guardar, destino, self.contrasena.text(),
                              al_terminar=self._guardada, al_fallar=self._fallo_guardar)

    def _guardada(self, donde: str | None) -> None:
        destino = self._destino
        if destino is None:
            partes = [self.tr("Este equipo usará el archivo local.")]
        elif donde:
            partes = [self.tr("Se guardó la conexión con {}.").format(destino.host),
                      self.tr("La contraseña se guardó en: {}. Nunca se escribe en un archivo.").format(donde)]
        else:
            partes = [self.tr("Se guardó la conexión con {}.").format(destino.host),
                      self.tr("No escribió contraseña: se usará la ya guardada o se pedirá al abrir.")]
        partes.append(self.tr("Reinicie OEE Desk para usar la nueva base de datos.") if self._reinicio_necesario
                      else self.tr("Se usará al reintentar."))
        self.aviso.setText("\n".join(partes))
        self.aviso.show()
        self.boton_cerrar.setText(self.tr("Cerrar"))
        self.guardada.emit()

    def _fallo_guardar(self, error: BaseException) -> None:
        self.boton_guardar.setEnabled(True)
        self.campos.mostrar_general(texto_error(error))


def _probar(destino: config.ConexionServidor, contrasena: str) -> conexion.ResultadoPrueba:
    """An empty password field means 'the one already kept' (keyring, PGPASSWORD), as at start."""
    clave = contrasena or conexion.proveedor_contrasena(destino.url())()
    return conexion.probar(destino, clave)


def _guardar(destino: config.ConexionServidor | None, contrasena: str) -> str | None:
    config.guardar_conexion(destino)
    if destino is not None and contrasena:
        return conexion.guardar_contrasena(destino, contrasena)
    return None
