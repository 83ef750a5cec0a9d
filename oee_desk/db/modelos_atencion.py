"""Tables of Atención Ciudadana: citizens, tours, petitions, canalizations, follow-ups, and the log
of who saw whose personal data."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Editable, ahora


class Ciudadano(Editable, Base):
    __tablename__ = "ciudadanos"
    # Never copied into the audit log (db/auditoria.py): its rows say which field changed, not to what.
    __datos_personales__ = frozenset({
        "nombre", "primer_apellido", "segundo_apellido", "telefono", "telefono_alterno", "correo", "curp",
        "localidad", "domicilio", "texto_busqueda", "clave_nombre"})
    nombre: Mapped[str] = mapped_column(String(120))
    primer_apellido: Mapped[str | None] = mapped_column(String(120))
    segundo_apellido: Mapped[str | None] = mapped_column(String(120))
    # Digits only, so that «662 123-45-67» and «6621234567» are the same caller.
    telefono: Mapped[str | None] = mapped_column(String(15), index=True)
    telefono_alterno: Mapped[str | None] = mapped_column(String(15), index=True)
    correo: Mapped[str | None] = mapped_column(String(200))
    curp: Mapped[str | None] = mapped_column(String(18), index=True)
    municipio_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("municipios.id"), index=True)
    localidad: Mapped[str | None] = mapped_column(String(200))
    domicilio: Mapped[str | None] = mapped_column(Text)
    acepta_aviso_privacidad: Mapped[bool] = mapped_column(Boolean, default=False)
    version_aviso: Mapped[str | None] = mapped_column(String(20))
    # Merged into another record by a supervisor: kept (nothing is lost), hidden from searches.
    # Deferrable: a restore loads rows in key order, and the survivor may come after the absorbed.
    fusionado_en: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ciudadanos.id", deferrable=True, initially="IMMEDIATE"), index=True)
    anonimizado: Mapped[bool] = mapped_column(Boolean, default=False)
    # Accent- and case-free name, phones, CURP and e-mail (domain.texto.normalizar), for search.
    texto_busqueda: Mapped[str] = mapped_column(Text, default="")
    # Sorted name words: two records with the same key in one municipio are duplicate candidates.
    clave_nombre: Mapped[str] = mapped_column(String(400), default="", index=True)


class Gira(Editable, Base):
    __tablename__ = "giras"
    clave: Mapped[str] = mapped_column(String(60), unique=True)
    serie_control_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("series_control.id"))
    anio: Mapped[int] = mapped_column(Integer)
    numero: Mapped[int] = mapped_column(Integer)
    fecha: Mapped[dt.date] = mapped_column(Date, index=True)
    municipio_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("municipios.id"))
    localidad: Mapped[str | None] = mapped_column(String(200))
    evento: Mapped[str] = mapped_column(Text)
    registrado_por: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usuarios.id"))


class Peticion(Editable, Base):
    __tablename__ = "peticiones"
    __table_args__ = (
        UniqueConstraint("serie_control_id", "anio", "numero"),
        # The list's default order and its keyset pages.
        Index("ix_peticiones_fecha_id", "fecha_recepcion", "id"),
    )
    serie_control_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("series_control.id"))
    anio: Mapped[int] = mapped_column(Integer)
    numero: Mapped[int] = mapped_column(Integer)
    folio: Mapped[str] = mapped_column(String(60), index=True)
    fecha_recepcion: Mapped[dt.datetime] = mapped_column(DateTime)
    canal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("canales.id"), index=True)
    tema_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("temas.id"), index=True)
    descripcion: Mapped[str] = mapped_column(Text)
    apoyo_solicitado: Mapped[str | None] = mapped_column(Text)
    gira_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("giras.id"), index=True)
    ciudadano_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ciudadanos.id"), index=True)
    municipio_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("municipios.id"), index=True)
    registrado_por: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usuarios.id"), index=True)
    # recibida → canalizada → en_seguimiento → concluida, or anulada (domain.peticiones.ESTATUS).
    estatus: Mapped[str] = mapped_column(String(20), default="recibida", index=True)
    resultado: Mapped[str | None] = mapped_column(String(20))
    motivo_anulacion: Mapped[str | None] = mapped_column(Text)
    # A duplicate petition folded into another: kept, never counted (poa-report.md).
    fusionada_en: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("peticiones.id", deferrable=True, initially="IMMEDIATE"), index=True)
    fecha_limite: Mapped[dt.date] = mapped_column(Date, index=True)  # business days per topic
    fecha_alerta: Mapped[dt.date] = mapped_column(Date)  # from this day on: «por vencer»
    fecha_conclusion: Mapped[dt.date | None] = mapped_column(Date)
    # The callbacks queue: who calls the citizen back, and when.
    proxima_llamada: Mapped[dt.date | None] = mapped_column(Date, index=True)
    responsable_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usuarios.id"), index=True)


class Canalizacion(Base):
    """One sending of a petition to an internal area or, by oficio, to an agency or OSC."""

    __tablename__ = "canalizaciones"
    peticion_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("peticiones.id"), index=True)
    tipo: Mapped[str] = mapped_column(String(20))  # area_interna | dependencia
    area: Mapped[str | None] = mapped_column(String(40))
    dependencia_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dependencias.id"), index=True)
    fecha: Mapped[dt.datetime] = mapped_column(DateTime)
    nota: Mapped[str | None] = mapped_column(Text)
    # The oficio de canalización, numbered in its own series (uso «canalizacion»).
    serie_control_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("series_control.id"))
    anio: Mapped[int | None] = mapped_column(Integer)
    numero: Mapped[int | None] = mapped_column(Integer)
    numero_oficio: Mapped[str | None] = mapped_column(String(60), index=True)
    registrado_por: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usuarios.id"))
    creado: Mapped[dt.datetime] = mapped_column(DateTime, default=ahora)


class Seguimiento(Base):
    """Append-only timeline of a petition."""

    __tablename__ = "seguimientos"
    __table_args__ = (Index("ix_seguimientos_peticion_fecha", "peticion_id", "fecha"),)
    peticion_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("peticiones.id"))
    fecha: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    tipo: Mapped[str] = mapped_column(String(30))
    resultado: Mapped[str | None] = mapped_column(String(30))  # of a call
    nota: Mapped[str | None] = mapped_column(Text)
    registrado_por: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usuarios.id"), index=True)
    creado: Mapped[dt.datetime] = mapped_column(DateTime, default=ahora)


class AccesoDatosPersonales(Base):
    """Who saw or exported whose personal data, when, and what. Append-only (triggers, 0004)."""

    __tablename__ = "accesos_datos_personales"
    __auditable__ = False  # a log of its own, read by supervisors
    momento: Mapped[dt.datetime] = mapped_column(DateTime, default=ahora, index=True)
    usuario_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usuarios.id"))
    usuario: Mapped[str] = mapped_column(String(60), index=True)
    ciudadano_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ciudadanos.id"), index=True)
    accion: Mapped[str] = mapped_column(String(20))  # ver | exportar | imprimir | anonimizar | fusionar
    detalle: Mapped[str | None] = mapped_column(Text)
