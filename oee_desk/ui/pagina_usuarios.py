"""Users: the list for admins and supervisors, and the admin's changes (never a deletion)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ..domain.roles import ETIQUETAS_ROL, Accion
from ..services import Servicios
from ..services.sesion import Sesion
from ..services.usuarios import DatosUsuario
from .apariencia import etiqueta
from .errores import mostrar_error
from .formulario import CampoFormulario, DialogoFormulario, boton, confirmar
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .pagina import Pagina
from .tareas import Tareas

ROLES = {rol.value: etiqueta for rol, etiqueta in ETIQUETAS_ROL.items()}


class PaginaUsuarios(Pagina):
    clave = "usuarios"
    titulo = QT_TRANSLATE_NOOP("Modulos", "Usuarios")  # translated where it is shown
    requiere = Accion.VER_USUARIOS

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(servicios, sesion, tareas, parent)
        self.puede_gestionar = sesion.puede(Accion.GESTIONAR_USUARIOS)
        self.dialogo: DialogoFormulario | None = None
        self.confirmacion = None
        self._seleccionar: str | None = None

        self.modelo = ModeloFilas([
            Columna(self.tr("Usuario"), lambda u: u.nombre),
            Columna(self.tr("Nombre completo"), lambda u: u.nombre_completo),
            Columna(self.tr("Rol"), lambda u: u.rol.etiqueta),
            Columna(self.tr("Área de metas"), lambda u: u.area or ""),
            Columna(self.tr("Activo"), lambda u: u.activo),
            # A lock that already expired is not a lock: show only the ones still running.
            Columna(self.tr("Bloqueado hasta"),
                    lambda u: u.bloqueado_hasta if u.bloqueado_hasta and u.bloqueado_hasta > dt.datetime.now() else None),
            Columna(self.tr("Último acceso"), lambda u: u.ultimo_acceso),
        ], self, atenuar=lambda u: not u.activo)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.selectionModel().selectionChanged.connect(self._actualizar_botones)

        self.boton_agregar = boton(self, self.tr("Agregar…"), QKeySequence.StandardKey.New, self.agregar,
                                   primario=True)
        self.boton_editar = boton(self, self.tr("Editar datos…"), "F2", self.editar_nombre)
        self.boton_rol = boton(self, self.tr("Cambiar rol…"), "Ctrl+R", self.cambiar_rol)
        self.boton_contrasena = boton(self, self.tr("Restablecer contraseña…"), "Ctrl+Shift+R",
                                            self.restablecer_contrasena)
        self.boton_desactivar = boton(self, self.tr("Desactivar…"), QKeySequence.StandardKey.Delete, self.desactivar)
        self.boton_activar = boton(self, self.tr("Activar"), "Ctrl+Shift+A", self.activar)
        self.boton_actualizar = boton(self, self.tr("Actualizar"), "F5", self.recargar)
        self.estado = etiqueta("", "nota", nombre="estadoUsuarios")
        self.aviso = etiqueta(self.tr("Solo lectura: su rol puede consultar los usuarios, pero no modificarlos."),
                              "aviso", nombre="avisoSoloLectura")
        self.aviso.setVisible(not self.puede_gestionar)

        botones = QHBoxLayout()
        for b in (self.boton_agregar, self.boton_editar, self.boton_rol, self.boton_contrasena,
                      self.boton_desactivar, self.boton_activar):
            botones.addWidget(b)
        botones.addStretch(1)
        botones.addWidget(self.boton_actualizar)
        capa = self.capa_con_encabezado(self.tr("Usuarios"),
                                        self.tr("Cuentas de quienes usan el sistema. Una cuenta nunca se borra: se "
                                        "desactiva, y su nombre permanece en todo lo que registró."))
        capa.addLayout(botones)
        capa.addWidget(self.aviso)
        capa.addWidget(self.tabla, 1)
        capa.addWidget(self.estado)
        self._actualizar_botones()


    # --- loading -------------------------------------------------------------------------
    def recargar(self, seleccionar: str | None = None) -> None:
        self._seleccionar = seleccionar or (self.seleccionado().nombre if self.seleccionado() else None)
        self.tareas.ejecutar(self.servicios.usuarios.listar, self.sesion,
                             al_terminar=self._mostrar, al_fallar=lambda e: mostrar_error(self, e))

    def _mostrar(self, usuarios: list[DatosUsuario]) -> None:
        self.modelo.poner_filas(usuarios)
        ajustar_columnas(self.tabla, estirar=[1])
        fila = self.modelo.buscar(lambda u: u.nombre == self._seleccionar)
        if fila >= 0:
            self.tabla.selectRow(fila)
        activos = sum(u.activo for u in usuarios)
        self.estado.setText(self.tr("Usuarios: %1 (activos: %2)").replace("%1", str(len(usuarios)))
                            .replace("%2", str(activos)))
        self._actualizar_botones()

    def seleccionado(self) -> DatosUsuario | None:
        filas = self.tabla.selectionModel().selectedRows()
        return self.modelo.fila(filas[0].row()) if filas else None

    def _actualizar_botones(self) -> None:
        u, g = self.seleccionado(), self.puede_gestionar
        self.boton_agregar.setEnabled(g)
        for b in (self.boton_editar, self.boton_rol, self.boton_contrasena):
            b.setEnabled(g and u is not None)
        # The service refuses deactivating oneself too; the button says so before anyone tries.
        self.boton_desactivar.setEnabled(g and u is not None and u.activo and u.id != self.sesion.usuario_id)
        self.boton_activar.setEnabled(g and u is not None and not u.activo)

    # --- changes -------------------------------------------------------------------------
    def _abrir(self, titulo: str, campos: list[CampoFormulario], guardar: Callable[[dict], Any],
               **opciones) -> DialogoFormulario:
        self.dialogo = DialogoFormulario(titulo, campos, guardar, self.tareas, self, **opciones)
        self.dialogo.accepted.connect(lambda d=self.dialogo: self.recargar(seleccionar=d.resultado.nombre))
        self.dialogo.finished.connect(self._dialogo_cerrado)
        self.dialogo.open()
        return self.dialogo

    def _dialogo_cerrado(self) -> None:
        if self.dialogo is not None:
            self.dialogo.deleteLater()
            self.dialogo = None

    def _campos_contrasena(self) -> list[CampoFormulario]:
        return [CampoFormulario("contrasena", self.tr("Contraseña"), "contrasena", nombres=("contraseña",)),
                CampoFormulario("confirmacion", self.tr("Confirmar contraseña"), "contrasena",
                                nombres=("confirmación",))]

    def agregar(self) -> None:
        if not self.puede_gestionar:  # the button is disabled; a stray call must not open a form
            return
        campos = [CampoFormulario("usuario", self.tr("Usuario")),
                  CampoFormulario("nombre_completo", self.tr("Nombre completo"), nombres=("nombre completo",)),
                  CampoFormulario("rol", self.tr("Rol"), "opcion", ROLES),
                  CampoFormulario("curp", self.tr("CURP (opcional)")),
                  self._campo_area(),
                  *self._campos_contrasena()]
        self._abrir(self.tr("Agregar usuario"), campos, lambda v: self.servicios.usuarios.agregar(
            self.sesion, v["usuario"], v["rol"], v["nombre_completo"], v["contrasena"], v["confirmacion"],
            curp=v["curp"], area=v["area"]),
            texto_guardar=self.tr("Agregar"),
            explicacion=self.tr("El usuario se escribe sin acentos ni espacios (por ejemplo, «mlopez»). "
                                "La contraseña debe tener al menos 10 caracteres; una frase de varias "
                                "palabras es fácil de recordar y difícil de adivinar."))

    def editar_nombre(self) -> None:
        if not self.puede_gestionar or (u := self.seleccionado()) is None:
            return
        self._abrir(self.tr("Editar datos de %s") % u.nombre,
                    [CampoFormulario("nombre_completo", self.tr("Nombre completo"), inicial=u.nombre_completo,
                                     nombres=("nombre completo",)),
                     CampoFormulario("curp", self.tr("CURP (opcional)"), inicial=u.curp or ""),
                     self._campo_area(u.area)],
                    lambda v: self.servicios.usuarios.editar(self.sesion, u.nombre, v["nombre_completo"],
                                                             version=u.version, curp=v["curp"], area=v["area"]))

    def _campo_area(self, inicial: str | None = None) -> CampoFormulario:
        return CampoFormulario("area", self.tr("Área de metas POA (opcional)"), inicial=inicial or "",
                               nombres=("área",))

    def cambiar_rol(self) -> None:
        if not self.puede_gestionar or (u := self.seleccionado()) is None:
            return
        self._abrir(self.tr("Cambiar rol de %s") % u.nombre,
                    [CampoFormulario("rol", self.tr("Rol"), "opcion", ROLES, inicial=u.rol.value)],
                    lambda v: self.servicios.usuarios.cambiar_rol(self.sesion, u.nombre, v["rol"], version=u.version),
                    explicacion=self.tr("El nuevo rol se aplica la próxima vez que la persona inicie sesión."))

    def restablecer_contrasena(self) -> None:
        if not self.puede_gestionar or (u := self.seleccionado()) is None:
            return
        self._abrir(self.tr("Restablecer contraseña de %s") % u.nombre, self._campos_contrasena(),
                    lambda v: self.servicios.usuarios.restablecer_contrasena(
                        self.sesion, u.nombre, v["contrasena"], v["confirmacion"]),
                    texto_guardar=self.tr("Restablecer"),
                    explicacion=self.tr("Si la cuenta estaba bloqueada por intentos fallidos, queda desbloqueada. "
                                        "Entregue la nueva contraseña a la persona en privado."))

    def desactivar(self) -> None:
        u = self.seleccionado()
        if u is None or not self.boton_desactivar.isEnabled():
            return
        self.confirmacion = confirmar(
            self, self.tr("Desactivar usuario"),
            self.tr("¿Desactivar la cuenta «%s» (%s)?\n\nYa no podrá iniciar sesión. La cuenta no se borra: "
                    "su nombre permanece en todo lo que registró, y puede activarse de nuevo.") % (u.nombre, u.nombre_completo),
            self.tr("Desactivar"), lambda: self._cambiar_activo(self.servicios.usuarios.desactivar, u))

    def activar(self) -> None:
        if (u := self.seleccionado()) is not None and self.boton_activar.isEnabled():
            self._cambiar_activo(self.servicios.usuarios.activar, u)

    def _cambiar_activo(self, accion: Callable[..., DatosUsuario], u: DatosUsuario) -> None:
        self.tareas.ejecutar(accion, self.sesion, u.nombre,
                             al_terminar=lambda hecho: self.recargar(seleccionar=hecho.nombre),
                             al_fallar=lambda e: (mostrar_error(self, e), self.recargar()))
