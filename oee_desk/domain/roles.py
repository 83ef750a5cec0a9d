"""Roles and what each may do. The services check these; the GUI only hides what is refused."""
from __future__ import annotations

from enum import StrEnum


class Rol(StrEnum):
    RECEPCION = "recepcion"
    ATENCION = "atencion"
    CAMPO = "campo"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def etiqueta(self) -> str:
        return ETIQUETAS_ROL[self]


ETIQUETAS_ROL = {
    Rol.RECEPCION: "Recepción",
    Rol.ATENCION: "Atención ciudadana",
    Rol.CAMPO: "Campo (giras)",
    Rol.SUPERVISOR: "Supervisión",
    Rol.ADMIN: "Administración",
}


class Accion(StrEnum):
    """Every action a service guards. A test walks every role × action (tests/services)."""

    GESTIONAR_USUARIOS = "gestionar_usuarios"
    VER_USUARIOS = "ver_usuarios"
    EDITAR_CATALOGOS = "editar_catalogos"
    VER_CATALOGOS = "ver_catalogos"
    VER_AUDITORIA = "ver_auditoria"
    RESPALDAR = "respaldar"
    RESTAURAR = "restaurar"
    AJUSTAR_SERIES = "ajustar_series"
    REGISTRAR_OFICIOS = "registrar_oficios"
    VER_OFICIOS = "ver_oficios"
    ANULAR_OFICIOS = "anular_oficios"
    TURNAR_OFICIOS = "turnar_oficios"
    RESPONDER_TURNOS = "responder_turnos"
    REASIGNAR_TURNOS = "reasignar_turnos"


_CUALQUIER_ROL = frozenset(Rol)

PERMISOS: dict[Accion, frozenset[Rol]] = {
    Accion.GESTIONAR_USUARIOS: frozenset({Rol.ADMIN}),
    Accion.VER_USUARIOS: frozenset({Rol.ADMIN, Rol.SUPERVISOR}),
    Accion.EDITAR_CATALOGOS: frozenset({Rol.ADMIN}),
    Accion.VER_CATALOGOS: _CUALQUIER_ROL,
    Accion.VER_AUDITORIA: frozenset({Rol.ADMIN, Rol.SUPERVISOR}),
    Accion.RESPALDAR: frozenset({Rol.ADMIN}),
    Accion.RESTAURAR: frozenset({Rol.ADMIN}),
    Accion.AJUSTAR_SERIES: frozenset({Rol.ADMIN}),
    Accion.REGISTRAR_OFICIOS: frozenset({Rol.RECEPCION}),
    Accion.VER_OFICIOS: frozenset({Rol.RECEPCION, Rol.SUPERVISOR, Rol.ADMIN}),
    Accion.ANULAR_OFICIOS: frozenset({Rol.SUPERVISOR}),
    Accion.TURNAR_OFICIOS: frozenset({Rol.RECEPCION}),
    Accion.RESPONDER_TURNOS: frozenset({Rol.RECEPCION}),
    Accion.REASIGNAR_TURNOS: frozenset({Rol.SUPERVISOR}),
}


def puede(rol: Rol | str, accion: Accion) -> bool:
    return Rol(rol) in PERMISOS[accion]
