"""Use cases. `Servicios` bundles the ones a front end needs, built on one database."""
from __future__ import annotations

from dataclasses import dataclass

from ..db.motor import BaseDatos
from .auditoria import ServicioAuditoria
from .catalogos import ServicioCatalogos
from .usuarios import ServicioUsuarios


@dataclass(frozen=True)
class Servicios:
    bd: BaseDatos
    usuarios: ServicioUsuarios
    catalogos: ServicioCatalogos
    auditoria: ServicioAuditoria

    @classmethod
    def de(cls, bd: BaseDatos) -> "Servicios":
        return cls(bd, ServicioUsuarios(bd), ServicioCatalogos(bd), ServicioAuditoria(bd))
