"""Users: first administrator, login with lockout, and the admin's user management."""
from __future__ import annotations

import datetime as dt
import math
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..db.auditoria import auditar
from ..db.base import ahora
from ..db.modelos import Usuario
from ..db.motor import BaseDatos
from ..domain import contrasenas, validacion as v
from ..domain.errores import AutenticacionFallida, Conflicto, ErrorValidacion, NoEncontrado, PermisoDenegado
from ..domain.roles import ETIQUETAS_ROL, Accion, Rol
from .sesion import SISTEMA, Sesion, requerir
from .versiones import comprobar_version

INTENTOS_MAXIMOS = 5
BLOQUEO = dt.timedelta(minutes=15)
_ROLES = {r.value: e for r, e in ETIQUETAS_ROL.items()}


@dataclass(frozen=True)
class DatosUsuario:
    id: uuid.UUID
    nombre: str
    nombre_completo: str
    rol: Rol
    activo: bool
    bloqueado_hasta: dt.datetime | None
    ultimo_acceso: dt.datetime | None
    version: int
    curp: str | None = None
    area: str | None = None  # whose manual POA metas the user captures

    @classmethod
    def de(cls, u: Usuario) -> "DatosUsuario":
        return cls(u.id, u.nombre, u.nombre_completo, Rol(u.rol), u.activo, u.bloqueado_hasta,
                   u.ultimo_acceso, u.version, u.curp, u.area)


def _nombre_usuario(valor) -> str:
    limpio = v.texto("usuario", valor, maximo=60)
    if not all(c.isalnum() or c in "._-" for c in limpio) or not limpio.isascii():
        raise ErrorValidacion.de("usuario", "solo admite letras sin acento, números, punto, guion y guion bajo")
    return limpio.lower()


SIN_CAMBIO = object()  # editar: a field not given keeps its value


class ServicioUsuarios:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    # --- first run and login -------------------------------------------------------------
    def hay_usuarios(self) -> bool:
        with self.bd.lectura() as s:
            return s.scalar(select(func.count()).select_from(Usuario)) > 0

    def crear_primer_admin(self, nombre: str, nombre_completo: str, contrasena: str,
                           confirmacion: str | None = None) -> DatosUsuario:
        """Only while there is no user at all: afterwards an admin adds users."""
        datos = self._validar(nombre, nombre_completo, Rol.ADMIN.value, contrasena, confirmacion)
        with self.bd.escritura(SISTEMA) as s:
            if s.scalar(select(func.count()).select_from(Usuario)):
                raise Conflicto("Ya existe un administrador; inicie sesión con él para agregar usuarios.")
            return self._insertar(s, datos)

    def autenticar(self, nombre: str, contrasena: str) -> Sesion:
        """Check the password (outside any write lock: Argon2 is slow on purpose), then record the
        attempt with plain UPDATEs, so the same user signing in on two workstations at once never
        trips the optimistic version check meant for people's edits."""
        nombre = (nombre or "").strip().lower()
        with self.bd.lectura() as s:
            usuario = s.scalar(select(Usuario).where(Usuario.nombre == nombre))
        momento = ahora()
        if usuario is None or not usuario.activo:
            # Same words as a wrong password: do not tell which user names exist.
            raise AutenticacionFallida("Usuario o contraseña incorrectos.")
        sesion = Sesion(usuario.id, usuario.nombre, usuario.nombre_completo, Rol(usuario.rol))
        if usuario.bloqueado_hasta and usuario.bloqueado_hasta > momento:
            minutos = math.ceil((usuario.bloqueado_hasta - momento).total_seconds() / 60)
            raise AutenticacionFallida(
                f"La cuenta está bloqueada por intentos fallidos; intente de nuevo en {minutos} min.")
        correcta = contrasenas.verificar(usuario.hash_contrasena, contrasena or "")
        este = update(Usuario).where(Usuario.id == usuario.id)
        with self.bd.escritura(sesion) as s:
            if correcta:
                valores = {"intentos_fallidos": 0, "bloqueado_hasta": None, "ultimo_acceso": momento}
                if contrasenas.requiere_recifrar(usuario.hash_contrasena):
                    valores["hash_contrasena"] = contrasenas.cifrar(contrasena)
                s.execute(este.values(**valores))
                auditar(s, sesion, "acceso", "usuarios", usuario.id, None, {"ultimo_acceso": momento.isoformat()})
                return sesion
            intentos = s.execute(este.values(intentos_fallidos=Usuario.intentos_fallidos + 1)
                                 .returning(Usuario.intentos_fallidos)).scalar_one()
            bloqueo = momento + BLOQUEO if intentos >= INTENTOS_MAXIMOS else None
            if bloqueo:
                s.execute(este.values(bloqueado_hasta=bloqueo, intentos_fallidos=0))
            auditar(s, sesion, "acceso_fallido", "usuarios", usuario.id, None,
                    {"intentos_fallidos": intentos, "bloqueado_hasta": bloqueo.isoformat() if bloqueo else None})
        # Raised after the block so that the failed attempt is committed.
        if bloqueo:
            raise AutenticacionFallida(
                f"Demasiados intentos fallidos: la cuenta queda bloqueada {BLOQUEO.seconds // 60} minutos.")
        raise AutenticacionFallida("Usuario o contraseña incorrectos.")

    def area_propia(self, actor: Sesion) -> str | None:
        """The signed-in user's area of metas: everyone may know their own (listing users may not)."""
        if actor is None or actor.usuario_id is None:
            raise PermisoDenegado("Debe iniciar sesión para realizar esta acción.")
        with self.bd.lectura(actor) as s:
            return s.scalar(select(Usuario.area).where(Usuario.id == actor.usuario_id))

    # --- administration ------------------------------------------------------------------
    def listar(self, actor: Sesion, *, incluir_inactivos: bool = True) -> list[DatosUsuario]:
        requerir(actor, Accion.VER_USUARIOS)
        with self.bd.lectura(actor) as s:
            consulta = select(Usuario).order_by(Usuario.nombre)
            if not incluir_inactivos:
                consulta = consulta.where(Usuario.activo.is_(True))
            return [DatosUsuario.de(u) for u in s.scalars(consulta)]

    def agregar(self, actor: Sesion, nombre: str, rol: str, nombre_completo: str,
                contrasena: str, confirmacion: str | None = None, *, curp: str | None = None,
                area: str | None = None) -> DatosUsuario:
        requerir(actor, Accion.GESTIONAR_USUARIOS)
        datos = self._validar(nombre, nombre_completo, rol, contrasena, confirmacion, curp, area)
        with self.bd.escritura(actor) as s:
            if s.scalar(select(Usuario.id).where(Usuario.nombre == datos["usuario"])):
                raise ErrorValidacion.de("usuario", f"ya existe un usuario «{datos['usuario']}»")
            return self._insertar(s, datos)

    def cambiar_rol(self, actor: Sesion, nombre: str, rol: str, version: int | None = None) -> DatosUsuario:
        requerir(actor, Accion.GESTIONAR_USUARIOS)
        rol = v.opcion("rol", rol, _ROLES)
        with self.bd.escritura(actor, accion="cambiar_rol") as s:
            usuario = self._buscar(s, nombre)
            comprobar_version(usuario, version)
            if usuario.rol == Rol.ADMIN and rol != Rol.ADMIN:
                self._no_dejar_sin_admin(s, usuario)
            usuario.rol = rol
            s.flush()
            return DatosUsuario.de(usuario)

    def editar(self, actor: Sesion, nombre: str, nombre_completo: str, version: int | None = None, *,
               curp: str | None | object = SIN_CAMBIO, area: str | None | object = SIN_CAMBIO) -> DatosUsuario:
        """Full name, CURP and area of metas; an empty CURP or area clears it, one not given stays."""
        requerir(actor, Accion.GESTIONAR_USUARIOS)
        val = v.Validador()
        completo = val.campo("nombre completo", v.texto, nombre_completo)
        if curp is not SIN_CAMBIO:
            curp = val.campo("curp", v.curp, curp)
        if area is not SIN_CAMBIO:
            area = val.campo("área", v.texto, area, requerido=False, maximo=200)
        val.listo()
        with self.bd.escritura(actor) as s:
            usuario = self._buscar(s, nombre)
            comprobar_version(usuario, version)
            usuario.nombre_completo = completo
            if curp is not SIN_CAMBIO:
                usuario.curp = curp
            if area is not SIN_CAMBIO:
                usuario.area = area
            s.flush()
            return DatosUsuario.de(usuario)

    def restablecer_contrasena(self, actor: Sesion, nombre: str, nueva: str,
                               confirmacion: str | None = None) -> DatosUsuario:
        requerir(actor, Accion.GESTIONAR_USUARIOS)
        with self.bd.escritura(actor, accion="restablecer") as s:
            usuario = self._buscar(s, nombre)
            contrasenas.validar_nueva(nueva, confirmacion, usuario=usuario.nombre)
            usuario.hash_contrasena = contrasenas.cifrar(nueva)
            usuario.intentos_fallidos = 0
            usuario.bloqueado_hasta = None
            s.flush()
            return DatosUsuario.de(usuario)

    def cambiar_propia_contrasena(self, actor: Sesion, actual: str, nueva: str, confirmacion: str) -> None:
        with self.bd.escritura(actor, accion="cambiar_contrasena") as s:
            usuario = s.get(Usuario, actor.usuario_id)
            if usuario is None or not contrasenas.verificar(usuario.hash_contrasena, actual or ""):
                raise ErrorValidacion.de("contraseña actual", "no es correcta")
            contrasenas.validar_nueva(nueva, confirmacion, usuario=usuario.nombre, campo="nueva contraseña")
            usuario.hash_contrasena = contrasenas.cifrar(nueva)

    def desactivar(self, actor: Sesion, nombre: str) -> DatosUsuario:
        """Users are never deleted: their name stays on everything they did."""
        requerir(actor, Accion.GESTIONAR_USUARIOS)
        with self.bd.escritura(actor, accion="desactivar") as s:
            usuario = self._buscar(s, nombre)
            if usuario.id == actor.usuario_id:
                raise Conflicto("No puede desactivar su propia cuenta.")
            if usuario.rol == Rol.ADMIN:
                self._no_dejar_sin_admin(s, usuario)
            usuario.activo = False
            s.flush()
            return DatosUsuario.de(usuario)

    def activar(self, actor: Sesion, nombre: str) -> DatosUsuario:
        requerir(actor, Accion.GESTIONAR_USUARIOS)
        with self.bd.escritura(actor, accion="activar") as s:
            usuario = self._buscar(s, nombre)
            usuario.activo = True
            s.flush()
            return DatosUsuario.de(usuario)

    # --- helpers -------------------------------------------------------------------------
    @staticmethod
    def _validar(nombre, nombre_completo, rol, contrasena, confirmacion, curp=None, area=None) -> dict:
        val = v.Validador()
        val.campo("área", v.texto, area, requerido=False, maximo=200)
        usuario = val.campo("usuario", lambda c, x: _nombre_usuario(x), nombre)
        val.campo("nombre completo", v.texto, nombre_completo)
        val.campo("curp", v.curp, curp)
        val.campo("rol", v.opcion, rol, opciones=_ROLES)
        val.campo("contraseña", lambda c, x: contrasenas.validar_nueva(x, confirmacion, usuario=usuario or ""),
                  contrasena)
        return val.listo()

    @staticmethod
    def _insertar(s: Session, datos: dict) -> DatosUsuario:
        usuario = Usuario(nombre=datos["usuario"], nombre_completo=datos["nombre completo"], rol=datos["rol"],
                          hash_contrasena=contrasenas.cifrar(datos["contraseña"]), curp=datos.get("curp"),
                          area=datos.get("área"), activo=True, intentos_fallidos=0)
        s.add(usuario)
        s.flush()
        return DatosUsuario.de(usuario)

    @staticmethod
    def _buscar(s: Session, nombre: str) -> Usuario:
        usuario = s.scalar(select(Usuario).where(Usuario.nombre == (nombre or "").strip().lower()))
        if usuario is None:
            raise NoEncontrado(f"No existe el usuario «{nombre}».")
        return usuario

    @staticmethod
    def _no_dejar_sin_admin(s: Session, usuario: Usuario) -> None:
        otros = s.scalar(select(func.count()).select_from(Usuario).where(
            Usuario.rol == Rol.ADMIN.value, Usuario.activo.is_(True), Usuario.id != usuario.id))
        if not otros:
            raise Conflicto("Debe quedar al menos un administrador activo.")
