"""Writes the audit row of every change in the same flush, hence the same transaction.

A session-level hook rather than a call in each service: a service cannot forget it, and a
rolled-back change leaves no audit row behind.
"""
from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from .base import Base, ahora, nuevo_id
from .modelos import Auditoria

# Never copied into the log: a hash is still a secret worth not spreading.
OCULTOS = {"hash_contrasena"}
# Bookkeeping columns that would only add noise to every row of the log.
OMITIDOS = {"actualizado", "version"}


def _valor(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, (uuid.UUID, decimal.Decimal)):
        return str(v)
    if isinstance(v, bytes):
        return f"<{len(v)} bytes>"
    return v


def _ocultos(obj: Base) -> frozenset[str]:
    """Secrets, plus the personal data a model declares (`__datos_personales__`): the log says that
    a citizen's phone changed, never the number, so anonymizing a citizen leaves no copy behind."""
    return OCULTOS | getattr(type(obj), "__datos_personales__", frozenset())


def _foto(obj: Base, *, anterior: bool = False) -> dict[str, Any]:
    estado = inspect(obj)
    ocultos = _ocultos(obj)
    foto = {}
    for atributo in estado.mapper.column_attrs:
        nombre = atributo.key
        if nombre in OMITIDOS:
            continue
        historia = estado.attrs[nombre].history
        if anterior and historia.has_changes():
            valor = historia.deleted[0] if historia.deleted else None
        else:
            valor = getattr(obj, nombre)
        foto[nombre] = "***" if nombre in ocultos and valor is not None else _valor(valor)
    return foto


def _diferencia(obj: Base) -> tuple[dict, dict]:
    antes, despues = _foto(obj, anterior=True), _foto(obj)
    estado = inspect(obj)
    # Hidden values compare as «***»; a column type may tell apart values Python calls equal
    # (JSONExacto: 90 and 90.0): what the ORM saw change, changed.
    cambiados = {k for k in despues if antes.get(k) != despues[k] or estado.attrs[k].history.has_changes()}
    return {k: antes[k] for k in cambiados}, {k: despues[k] for k in cambiados}


def auditar(session: Session, actor, accion: str, tabla: str, registro_id, antes: dict | None,
            despues: dict | None) -> None:
    """An explicit audit row, for changes the flush hook does not see as one record's edit."""
    session.add(Auditoria(
        id=nuevo_id(), usuario_id=getattr(actor, "usuario_id", None),
        usuario=getattr(actor, "nombre", None) or "sistema", accion=accion, tabla=tabla,
        registro_id=str(registro_id), antes=antes, despues=despues))


_INSERTAR = insert(Auditoria.__table__)


def fila_auditoria(actor, accion: str, modelo: type[Base], valores: dict[str, Any]) -> dict[str, Any]:
    """The audit row of a row inserted with a core INSERT (no flush hook sees it): the same
    snapshot the hook would take."""
    ocultos = OCULTOS | getattr(modelo, "__datos_personales__", frozenset())
    foto = {}
    for atributo in inspect(modelo).column_attrs:
        if atributo.key in OMITIDOS:
            continue
        valor = valores.get(atributo.key)
        foto[atributo.key] = "***" if atributo.key in ocultos and valor is not None else _valor(valor)
    return {"id": nuevo_id(), "momento": ahora(), "usuario_id": getattr(actor, "usuario_id", None),
            "usuario": getattr(actor, "nombre", None) or "sistema", "accion": accion,
            "tabla": modelo.__tablename__, "registro_id": str(valores["id"]), "antes": None, "despues": foto}


def insertar_auditoria(session: Session, actor, accion: str, modelo: type[Base], valores: dict[str, Any]) -> None:
    """`fila_auditoria` written at once, as one more prepared statement."""
    session.connection().execute(_INSERTAR, fila_auditoria(actor, accion, modelo, valores))


@event.listens_for(Session, "before_flush")
def _auditar(session: Session, _contexto, _instancias) -> None:
    actor = session.info.get("actor")
    filas = []
    for obj in session.new:
        if isinstance(obj, Base) and obj.__auditable__:
            if obj.id is None:
                obj.id = nuevo_id()
            filas.append(("crear", obj, None, _foto(obj)))
    for obj in session.dirty:
        if isinstance(obj, Base) and obj.__auditable__ and session.is_modified(obj):
            antes, despues = _diferencia(obj)
            if despues:
                accion = session.info.get("accion") or "editar"
                filas.append((accion, obj, antes, despues))
    for obj in session.deleted:
        if isinstance(obj, Base) and obj.__auditable__:
            filas.append(("eliminar", obj, _foto(obj), None))
    for accion, obj, antes, despues in filas:
        auditar(session, actor, accion, obj.__tablename__, obj.id, antes, despues)
