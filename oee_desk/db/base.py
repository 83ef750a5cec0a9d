"""Declarative base: naming convention, time-ordered UUID keys, the editable-row mixin."""
from __future__ import annotations

import datetime as dt
import json
import uuid

from sqlalchemy import JSON, DateTime, Integer, MetaData, TypeDecorator, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from uuid6 import uuid7

# Alembic needs stable constraint names to alter them later, above all in SQLite's batch mode.
CONVENCION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def nuevo_id() -> uuid.UUID:
    """UUIDv7: ordered by creation time, so records made on an offline laptop never collide."""
    return uuid.UUID(bytes=uuid7().bytes)


def ahora() -> dt.datetime:
    """Local wall-clock time without zone: the office works in one zone (Sonora, no DST)."""
    return dt.datetime.now().replace(microsecond=0)


class JSONExacto(TypeDecorator):
    """JSON whose values are equal only when they are stored alike: for Python (hence for the ORM's
    change tracking and the audit log) 90 == 90.0, yet a conteo meta stores 90 and a porcentaje meta
    90.0 (poa-report.md), so turning one into the other must be written and audited."""

    impl = JSON
    cache_ok = True

    def compare_values(self, x, y) -> bool:
        try:
            return json.dumps(x, sort_keys=True) == json.dumps(y, sort_keys=True)
        except TypeError:  # the ORM's own markers (a value not loaded yet): plain equality
            return x == y


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=CONVENCION)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=nuevo_id)

    # Tables whose changes are not written to the audit log (the log itself).
    __auditable__ = True


class Editable:
    """Rows people edit: timestamps and a version for optimistic concurrency.

    SQLAlchemy's version counter turns a stale UPDATE into StaleDataError, which the services
    report as a conflict instead of silently overwriting someone else's edit.
    """

    creado: Mapped[dt.datetime] = mapped_column(DateTime, default=ahora)
    actualizado: Mapped[dt.datetime] = mapped_column(DateTime, default=ahora, onupdate=ahora)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}
