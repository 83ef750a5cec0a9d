"""Tables of the POA goals: a year's metas with their programmed and achieved values, and the months
a supervisor has closed."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Editable, JSONExacto, ahora


class Meta(Editable, Base):
    __tablename__ = "metas"
    __table_args__ = (UniqueConstraint("anio", "numero"),)
    anio: Mapped[int] = mapped_column(Integer, index=True)
    numero: Mapped[int] = mapped_column(Integer)
    descripcion: Mapped[str] = mapped_column(Text)
    area: Mapped[str] = mapped_column(String(200))
    unidad: Mapped[str] = mapped_column(String(20))  # conteo | porcentaje
    periodicidad: Mapped[str] = mapped_column(String(20))  # mensual | trimestral
    fuente: Mapped[str] = mapped_column(String(20))  # manual | automatica
    # {"cuenta": "peticiones"|"seguimientos"|"ambos"|"oficios"|"turnos", "indicador": 1|2|null}
    regla: Mapped[dict | None] = mapped_column(JSON)
    # One value per period (12 or 4); achieved values only for manual metas (null: not captured yet).
    programado: Mapped[list] = mapped_column(JSONExacto)
    alcanzado: Mapped[list | None] = mapped_column(JSONExacto)


class CierreMes(Base):
    """A month the supervisors closed: its manual values are frozen, and records that arrive late
    for it are reported as adjustments in the next report."""

    __tablename__ = "cierres_mes"
    __table_args__ = (UniqueConstraint("anio", "mes"),)
    anio: Mapped[int] = mapped_column(Integer)
    mes: Mapped[int] = mapped_column(Integer)
    momento: Mapped[dt.datetime] = mapped_column(DateTime, default=ahora)
    cerrado_por: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usuarios.id"))
    # The tally as printed when closed (poa-report.md JSON), to tell adjustments apart later.
    foto: Mapped[dict | None] = mapped_column(JSON)
    nota: Mapped[str | None] = mapped_column(Text)
