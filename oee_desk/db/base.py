"""Declarative base: naming convention, time-ordered UUID keys, the editable-row mixin."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, Integer, MetaData, Uuid
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
