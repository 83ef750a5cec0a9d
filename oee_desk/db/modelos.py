"""Tables of the foundation: users, audit log and the office's catalogs."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Uuid
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from .base import Base, Editable, ahora


class Usuario(Editable, Base):
    __tablename__ = "usuarios"
    nombre: Mapped[str] = mapped_column(String(60), unique=True)
    nombre_completo: Mapped[str] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(20))
    hash_contrasena: Mapped[str] = mapped_column(String(200))
    curp: Mapped[str | None] = mapped_column(String(18))
    # The area whose manual POA metas this user captures (the metas' `area`, compared without
    # regard to case or accents); empty for users who capture none.
    area: Mapped[str | None] = mapped_column(String(200))
    activo: Mapped[bool] = mapped_column(Boolean, default=True)
    intentos_fallidos: Mapped[int] = mapped_column(Integer, default=0)
    bloqueado_hasta: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ultimo_acceso: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Auditoria(Base):
    """Append-only: database triggers (see the first migration) refuse UPDATE and DELETE."""

    __tablename__ = "auditoria"
    __auditable__ = False
    momento: Mapped[dt.datetime] = mapped_column(DateTime, default=ahora, index=True)
    usuario_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    usuario: Mapped[str] = mapped_column(String(60), index=True)
    accion: Mapped[str] = mapped_column(String(20))
    tabla: Mapped[str] = mapped_column(String(60), index=True)
    registro_id: Mapped[str] = mapped_column(String(64), index=True)
    antes: Mapped[dict | None] = mapped_column(JSON)
    despues: Mapped[dict | None] = mapped_column(JSON)


class _FilaCatalogo(Editable):
    """Common columns of every catalog: a natural key, a name, and `activo` instead of deletion."""

    nombre: Mapped[str] = mapped_column(String(200))
    activo: Mapped[bool] = mapped_column(Boolean, default=True)


class _ConCodigo(_FilaCatalogo):
    @declared_attr
    def codigo(cls) -> Mapped[str]:
        return mapped_column(String(40), unique=True)


class Municipio(_FilaCatalogo, Base):
    __tablename__ = "municipios"
    clave: Mapped[str] = mapped_column(String(5), unique=True)


class Dependencia(_ConCodigo, Base):
    __tablename__ = "dependencias"
    tipo: Mapped[str] = mapped_column(String(20))


class Canal(_ConCodigo, Base):
    __tablename__ = "canales"
    indicador: Mapped[int] = mapped_column(Integer)
    orden: Mapped[int] = mapped_column(Integer)


class Tema(_ConCodigo, Base):
    __tablename__ = "temas"
    plazo_dias_habiles: Mapped[int] = mapped_column(Integer)


class TipoDocumento(_ConCodigo, Base):
    __tablename__ = "tipos_documento"


class Instruccion(_ConCodigo, Base):
    __tablename__ = "instrucciones"


class SerieDocumental(_ConCodigo, Base):
    __tablename__ = "series_documentales"
    vigencia_tramite: Mapped[int] = mapped_column(Integer)
    vigencia_concentracion: Mapped[int] = mapped_column(Integer)
    destino_final: Mapped[str] = mapped_column(String(20))


class SerieControl(_ConCodigo, Base):
    __tablename__ = "series_control"
    plantilla: Mapped[str] = mapped_column(String(60))
    destinatario: Mapped[str] = mapped_column(String(20))
    uso: Mapped[str] = mapped_column(String(20), default="correspondencia", server_default="correspondencia")


class DiaInhabil(Editable, Base):
    __tablename__ = "dias_inhabiles"
    fecha: Mapped[dt.date] = mapped_column(Date, unique=True)
    descripcion: Mapped[str] = mapped_column(String(200))
    origen: Mapped[str] = mapped_column(String(20))
    activo: Mapped[bool] = mapped_column(Boolean, default=True)


# The catalog name used by the CLI (cli.md) -> its table.
MODELOS_CATALOGO: dict[str, type[Base]] = {
    "municipios": Municipio,
    "dependencias": Dependencia,
    "canales": Canal,
    "temas": Tema,
    "tipos-documento": TipoDocumento,
    "instrucciones": Instruccion,
    "series-documentales": SerieDocumental,
    "series-control": SerieControl,
    "dias-inhabiles": DiaInhabil,
}


# Every table must be on Base.metadata whenever the models are loaded (Alembic, backups).
from . import modelos_atencion, modelos_correspondencia, modelos_metas  # noqa: E402,F401
