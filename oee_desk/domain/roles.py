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
    REGISTRAR_PETICIONES = "registrar_peticiones"
    VER_PETICIONES = "ver_peticiones"
    VER_DATOS_PERSONALES = "ver_datos_personales"
    SEGUIR_PETICIONES = "seguir_peticiones"
    CANALIZAR_PETICIONES = "canalizar_peticiones"
    ANULAR_PETICIONES = "anular_peticiones"
    FUSIONAR_CIUDADANOS = "fusionar_ciudadanos"
    VER_ACCESOS_DATOS = "ver_accesos_datos"
    DERECHOS_ARCO = "derechos_arco"  # export a citizen's data whole, anonymize on request
    REGISTRAR_GIRAS = "registrar_giras"
    IMPORTAR_PETICIONES = "importar_peticiones"
    VER_REPORTES = "ver_reportes"  # the POA tally and the supervisor's reports
    DEFINIR_METAS = "definir_metas"
    CAPTURAR_METAS = "capturar_metas"  # achieved values of manual metas: one's own area (supervisor: any)
    CERRAR_MES = "cerrar_mes"


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
    Accion.REGISTRAR_PETICIONES: frozenset({Rol.ATENCION, Rol.CAMPO}),
    # Admin sees petitions to support the desk, but their personal data masked.
    Accion.VER_PETICIONES: frozenset({Rol.ATENCION, Rol.CAMPO, Rol.SUPERVISOR, Rol.ADMIN}),
    Accion.VER_DATOS_PERSONALES: frozenset({Rol.ATENCION, Rol.CAMPO, Rol.SUPERVISOR}),
    Accion.SEGUIR_PETICIONES: frozenset({Rol.ATENCION, Rol.CAMPO}),
    Accion.CANALIZAR_PETICIONES: frozenset({Rol.ATENCION}),
    Accion.ANULAR_PETICIONES: frozenset({Rol.SUPERVISOR}),
    Accion.FUSIONAR_CIUDADANOS: frozenset({Rol.SUPERVISOR}),
    Accion.VER_ACCESOS_DATOS: frozenset({Rol.SUPERVISOR}),
    Accion.DERECHOS_ARCO: frozenset({Rol.SUPERVISOR}),
    Accion.REGISTRAR_GIRAS: frozenset({Rol.CAMPO, Rol.ATENCION, Rol.SUPERVISOR}),
    Accion.IMPORTAR_PETICIONES: frozenset({Rol.SUPERVISOR, Rol.ADMIN}),
    Accion.VER_REPORTES: frozenset({Rol.SUPERVISOR, Rol.ADMIN}),
    Accion.DEFINIR_METAS: frozenset({Rol.SUPERVISOR}),
    Accion.CAPTURAR_METAS: frozenset({Rol.RECEPCION, Rol.ATENCION, Rol.CAMPO, Rol.SUPERVISOR}),
    Accion.CERRAR_MES: frozenset({Rol.SUPERVISOR}),
}


def puede(rol: Rol | str, accion: Accion) -> bool:
    return Rol(rol) in PERMISOS[accion]
