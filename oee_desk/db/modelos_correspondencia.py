"""Tables of Correspondencia: counters, oficios, their scans, turnos and what agencies answer."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from .base import Base, Editable, ahora


class ContadorSerie(Base):
    """The next control number of one series in one year: the row that serializes registrations.

    Not audited row by row: each number it hands out is audited with the oficio that takes it,
    and an admin's adjustment writes its own audit row.
    """

    __tablename__ = "contadores_serie"
    __auditable__ = False
    __table_args__ = (UniqueConstraint("serie_control_id", "anio"),)
    serie_control_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("series_control.id"))
    anio: Mapped[int] = mapped_column(Integer)
    siguiente: Mapped[int] = mapped_column(Integer, default=1)


class Oficio(Editable, Base):
    __tablename__ = "oficios"
    # The backstop under the counter: whatever happens, a number exists once per series and year.
    __table_args__ = (UniqueConstraint("serie_control_id", "anio", "numero"),)
    serie_control_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("series_control.id"))
    anio: Mapped[int] = mapped_column(Integer)
    numero: Mapped[int] = mapped_column(Integer)
    # Not unique on its own: the NJ template has no year, so «NJ 03.01-1» comes back every January.
    numero_control: Mapped[str] = mapped_column(String(60), index=True)
    fecha_recepcion: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    destinatario: Mapped[str] = mapped_column(String(20))
    remitente_nombre: Mapped[str] = mapped_column(String(200))
    remitente_cargo: Mapped[str | None] = mapped_column(String(200))
    remitente_institucion: Mapped[str | None] = mapped_column(String(200))
    numero_oficio_remitente: Mapped[str | None] = mapped_column(String(100))
    # domain.oficios.numero_remitente_normalizado of the above, for the duplicate warning (0009).
    # Text: a compatibility character may decompose into several.
    numero_remitente_normalizado: Mapped[str | None] = mapped_column(Text, index=True)
    fecha_documento: Mapped[dt.date | None] = mapped_column(Date)
    asunto: Mapped[str] = mapped_column(Text)
    tipo_documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tipos_documento.id"))
    prioridad: Mapped[str] = mapped_column(String(20), default="normal")
    serie_documental_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("series_documentales.id"))
    registrado_por: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usuarios.id"))
    anulado: Mapped[bool] = mapped_column(Boolean, default=False)
    motivo_anulacion: Mapped[str | None] = mapped_column(Text)
    # Accent- and case-free copy of the searchable text (domain.texto.normalizar).
    texto_busqueda: Mapped[str] = mapped_column(Text, default="")
    # Kept by the turnos service so that the bandeja filters and sorts in SQL (semaforo.estado_asunto).
    estado: Mapped[str] = mapped_column(String(20), default="sin_turnar", index=True)
    primer_turno: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Anexo(Base):
    """A scan or file kept inside the database, so that it travels with every backup."""

    __tablename__ = "anexos"
    oficio_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("oficios.id"), index=True)
    respuesta_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("respuestas_turno.id"), index=True)
    nombre_archivo: Mapped[str] = mapped_column(String(255))
    tipo_mime: Mapped[str] = mapped_column(String(100))
    tamano: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    contenido: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    creado: Mapped[dt.datetime] = mapped_column(DateTime, default=ahora)
    subido_por: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usuarios.id"))


class Turno(Editable, Base):
    __tablename__ = "turnos"
    oficio_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("oficios.id"), index=True)
    dependencia_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dependencias.id"), index=True)
    rol: Mapped[str] = mapped_column(String(20))
    instruccion_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("instrucciones.id"))
    plazo_dias_habiles: Mapped[int] = mapped_column(Integer)
    fecha_turno: Mapped[dt.datetime] = mapped_column(DateTime)
    fecha_limite: Mapped[dt.date] = mapped_column(Date, index=True)
    fecha_alerta: Mapped[dt.date] = mapped_column(Date)  # from this day on: «por vencer»
    nota: Mapped[str | None] = mapped_column(Text)
    estatus: Mapped[str] = mapped_column(String(20), default="sin_atender", index=True)
    fecha_acuse: Mapped[dt.date | None] = mapped_column(Date)
    fecha_respuesta: Mapped[dt.date | None] = mapped_column(Date)
    avance_pct: Mapped[int] = mapped_column(Integer, default=0)
    turnado_por: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usuarios.id"))
    cancelado: Mapped[bool] = mapped_column(Boolean, default=False)  # undone or reassigned; kept
    motivo_cancelacion: Mapped[str | None] = mapped_column(Text)


class RespuestaTurno(Base):
    """Append-only history of a turno: acuse, avance, respuesta, cierre."""

    __tablename__ = "respuestas_turno"
    turno_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("turnos.id"), index=True)
    tipo: Mapped[str] = mapped_column(String(20))
    fecha: Mapped[dt.date] = mapped_column(Date)
    numero_oficio: Mapped[str | None] = mapped_column(String(100))
    resumen: Mapped[str | None] = mapped_column(Text)
    avance_pct: Mapped[int | None] = mapped_column(Integer)
    registrado_por: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usuarios.id"))
    creado: Mapped[dt.datetime] = mapped_column(DateTime, default=ahora)


class GrupoTurno(Editable, Base):
    """A saved set of agencies turned together often (e.g. «Seguridad»: SSP, FGJE, C5)."""

    __tablename__ = "grupos_turno"
    nombre: Mapped[str] = mapped_column(String(100), unique=True)
    # [{"dependencia": "SSP", "rol": "responsable", "instruccion": "...", "plazo_dias_habiles": 5}, ...]
    turnos: Mapped[list] = mapped_column(JSON)
    activo: Mapped[bool] = mapped_column(Boolean, default=True)
