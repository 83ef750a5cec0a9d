"""The personal-data log: who saw or exported whose data, when, and what (domain.md «Personal data»)."""
from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from ..db.base import ahora, nuevo_id
from ..db.modelos_atencion import AccesoDatosPersonales


def registrar_acceso(s: Session, actor, ciudadano_id: uuid.UUID, accion: str, detalle: str | None = None) -> None:
    """One row in the caller's transaction: a view that fails to be logged is not shown either."""
    s.add(AccesoDatosPersonales(
        id=nuevo_id(), momento=ahora(), usuario_id=getattr(actor, "usuario_id", None),
        usuario=getattr(actor, "nombre", None) or "sistema", ciudadano_id=ciudadano_id, accion=accion,
        detalle=detalle))
