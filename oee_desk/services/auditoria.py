"""Reading the audit log: filtered and paged in SQL, newest first."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from ..db.modelos import Auditoria
from ..db.motor import BaseDatos
from ..domain.roles import Accion
from .sesion import Sesion, requerir


@dataclass(frozen=True)
class FiltroAuditoria:
    usuario: str = ""
    tabla: str = ""
    accion: str = ""
    registro_id: str = ""
    desde: dt.date | None = None
    hasta: dt.date | None = None


@dataclass(frozen=True)
class EntradaAuditoria:
    id: uuid.UUID
    momento: dt.datetime
    usuario: str
    accion: str
    tabla: str
    registro_id: str
    antes: dict[str, Any] | None
    despues: dict[str, Any] | None


def _filtrar(consulta: Select, f: FiltroAuditoria) -> Select:
    if f.usuario:
        consulta = consulta.where(Auditoria.usuario == f.usuario.strip().lower())
    if f.tabla:
        consulta = consulta.where(Auditoria.tabla == f.tabla)
    if f.accion:
        consulta = consulta.where(Auditoria.accion == f.accion)
    if f.registro_id:
        consulta = consulta.where(Auditoria.registro_id == f.registro_id.strip())
    if f.desde:
        consulta = consulta.where(Auditoria.momento >= dt.datetime.combine(f.desde, dt.time.min))
    if f.hasta:
        consulta = consulta.where(Auditoria.momento < dt.datetime.combine(f.hasta + dt.timedelta(days=1), dt.time.min))
    return consulta


class ServicioAuditoria:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def contar(self, actor: Sesion, filtro: FiltroAuditoria = FiltroAuditoria()) -> int:
        requerir(actor, Accion.VER_AUDITORIA)
        with self.bd.lectura(actor) as s:
            return s.scalar(_filtrar(select(func.count()).select_from(Auditoria), filtro))

    def listar(self, actor: Sesion, filtro: FiltroAuditoria = FiltroAuditoria(), *,
               desde_fila: int = 0, limite: int = 200) -> list[EntradaAuditoria]:
        requerir(actor, Accion.VER_AUDITORIA)
        with self.bd.lectura(actor) as s:
            consulta = _filtrar(select(Auditoria), filtro).order_by(
                Auditoria.momento.desc(), Auditoria.id.desc()).offset(desde_fila).limit(limite)
            return [EntradaAuditoria(a.id, a.momento, a.usuario, a.accion, a.tabla, a.registro_id,
                                     a.antes, a.despues) for a in s.scalars(consulta)]

    def opciones(self, actor: Sesion) -> dict[str, list[str]]:
        """The distinct users, tables and actions, for the filter drop-downs."""
        requerir(actor, Accion.VER_AUDITORIA)
        with self.bd.lectura(actor) as s:
            return {campo: list(s.scalars(select(getattr(Auditoria, campo)).distinct().order_by(getattr(Auditoria, campo))))
                    for campo in ("usuario", "tabla", "accion")}
