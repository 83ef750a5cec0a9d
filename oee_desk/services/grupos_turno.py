"""Saved groups of agencies for frequent turns: one click fills the turn form."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from ..db.modelos_correspondencia import GrupoTurno
from ..db.motor import BaseDatos
from ..domain import validacion as v
from ..domain.errores import ErrorValidacion
from ..domain.roles import Accion
from ..domain.turnos import validar_turnos
from .catalogos import resolver
from .sesion import Sesion, requerir


@dataclass(frozen=True)
class DatosGrupo:
    id: uuid.UUID
    nombre: str
    turnos: list[dict]
    version: int


class ServicioGruposTurno:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def listar(self, actor: Sesion) -> list[DatosGrupo]:
        requerir(actor, Accion.VER_OFICIOS)
        with self.bd.lectura(actor) as s:
            return [DatosGrupo(g.id, g.nombre, g.turnos, g.version) for g in s.scalars(
                select(GrupoTurno).where(GrupoTurno.activo.is_(True)).order_by(GrupoTurno.nombre))]

    def guardar(self, actor: Sesion, nombre: str, turnos: list[dict]) -> DatosGrupo:
        """Create the group or replace its agencies when the name exists (any case)."""
        requerir(actor, Accion.TURNAR_OFICIOS)
        nombre = v.texto("nombre", nombre, maximo=100)
        limpios = validar_turnos(turnos)
        with self.bd.escritura(actor) as s:
            for i, t in enumerate(limpios, start=1):  # the agencies and instructions must exist now
                t["dependencia"] = resolver(s, "dependencias", t["dependencia"], f"turnos[{i}].dependencia").codigo
                t["instruccion"] = resolver(s, "instrucciones", t["instruccion"], f"turnos[{i}].instruccion").codigo
            if len({t["dependencia"] for t in limpios}) != len(limpios):
                raise ErrorValidacion.de("turnos", "una dependencia aparece dos veces en el grupo")
            grupo = s.scalar(select(GrupoTurno).where(func.lower(GrupoTurno.nombre) == nombre.lower()))
            if grupo is None:
                grupo = GrupoTurno(nombre=nombre, turnos=limpios, activo=True)
                s.add(grupo)
            else:
                grupo.turnos, grupo.activo = limpios, True
            s.flush()
            return DatosGrupo(grupo.id, grupo.nombre, grupo.turnos, grupo.version)

    def eliminar(self, actor: Sesion, grupo_id: uuid.UUID) -> None:
        """Groups are a convenience, not records: deactivated, so the audit log still names them."""
        requerir(actor, Accion.TURNAR_OFICIOS)
        with self.bd.escritura(actor, accion="desactivar") as s:
            grupo = s.get(GrupoTurno, grupo_id)
            if grupo is not None:
                grupo.activo = False
