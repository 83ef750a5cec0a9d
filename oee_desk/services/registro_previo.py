"""What a registration reads before it takes the number, in one statement.

The clerk's account (still active, same role), the series by its code, the document type's and
archival series' ids by their exact codes, and the earlier matters with the same sender's number
(the duplicate warning): five lookups, one round trip. Registration is the office's busiest write, and eight clerks at once share the
workstations' and the server's CPU; each statement costs as much client Python as the work it asks.
A catalog value typed another way (a name, other case) goes the whole way (catalogos.resolver_id),
which also words the Spanish error for an unknown or inactive one.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from ..db.modelos import SerieControl, SerieDocumental, TipoDocumento, Usuario
from ..db.modelos_correspondencia import Anexo, Oficio
from ..db.motor import exigir_cuenta_vigente
from ..domain.errores import ErrorValidacion
from ..domain.oficios import numero_remitente_normalizado
from ..domain.texto import normalizar
from .catalogos import resolver_id


@dataclass(frozen=True)
class Duplicado:
    id: uuid.UUID
    numero_control: str
    motivo: str


@dataclass(frozen=True)
class Previo:
    serie: object  # row: id, codigo, plantilla, destinatario
    tipo_documento_id: uuid.UUID
    serie_documental_id: uuid.UUID | None
    duplicados: list[Duplicado]


def _activo_por_codigo(modelo, parametro: str):
    return (select(modelo.id).where(modelo.codigo == bindparam(parametro), modelo.activo.is_(True))
            .scalar_subquery())


# The sender's number, normalized, has its own index (migration 0009): one lookup.
_MISMO_NUMERO = Oficio.numero_remitente_normalizado == bindparam("numero")
_POR_NUMERO = select(Oficio.id, Oficio.numero_control, Oficio.remitente_nombre).where(_MISMO_NUMERO)
# One row per earlier matter with that number, or one row of NULLs in its columns (LEFT JOIN);
# none when the series does not exist.
_PREVIO = (select(SerieControl.id, SerieControl.codigo, SerieControl.activo, SerieControl.uso,
                  SerieControl.plantilla, SerieControl.destinatario,
                  _activo_por_codigo(TipoDocumento, "tipo").label("tipo_documento_id"),
                  _activo_por_codigo(SerieDocumental, "documental").label("serie_documental_id"),
                  select(Usuario.activo).where(Usuario.id == bindparam("usuario_id")).scalar_subquery()
                  .label("cuenta_activa"),
                  select(Usuario.rol).where(Usuario.id == bindparam("usuario_id")).scalar_subquery()
                  .label("cuenta_rol"),
                  Oficio.id.label("igual_id"), Oficio.numero_control.label("igual_numero_control"),
                  Oficio.remitente_nombre.label("igual_remitente"))
           .outerjoin(Oficio, _MISMO_NUMERO)
           .where(func.lower(SerieControl.codigo) == bindparam("codigo")))


def _clave_numero(remitente: str | None, numero: str | None) -> str | None:
    return numero_remitente_normalizado(numero) if remitente else None


def _mismo_remitente(filas, remitente: str | None) -> list[Duplicado]:
    """Rows (id, numero_control, remitente) of the same number whose sender is the same person."""
    return [Duplicado(id_, numero_control, "mismo remitente y número de oficio")
            for id_, numero_control, nombre in filas
            if id_ is not None and normalizar(nombre) == normalizar(remitente)]


def _mismo_escaneo(s: Session, sha256s: list[str], ya: list[Duplicado]) -> list[Duplicado]:
    if not sha256s:
        return ya
    vistos = {d.id for d in ya}
    consulta = select(Oficio.id, Oficio.numero_control).join(Anexo, Anexo.oficio_id == Oficio.id) \
        .where(Anexo.sha256.in_(sha256s))
    for id_, numero_control in s.connection().execute(consulta):
        if id_ not in vistos:
            vistos.add(id_)
            ya = [*ya, Duplicado(id_, numero_control, "el mismo archivo escaneado")]
    return ya


def duplicados(s: Session, remitente: str | None, numero: str | None, sha256s: list[str]) -> list[Duplicado]:
    """Earlier matters with the same sender and sender's number, or the same scanned file."""
    clave = _clave_numero(remitente, numero)
    filas = s.connection().execute(_POR_NUMERO, {"numero": clave}).all() if clave else []
    return _mismo_escaneo(s, sha256s, _mismo_remitente(filas, remitente))


def leer(s: Session, actor, limpios: dict, sha256s: list[str]) -> Previo:
    """The series (refused unless active and numbering correspondence), the catalog ids and the
    duplicate warning of a validated registration (`limpios`, domain.oficios.validar_registro);
    first of all, that the clerk's account is still active with the same role (db.motor)."""
    codigo, tipo, documental = limpios["serie"], limpios["tipo_documento"], limpios.get("serie_documental")
    remitente = limpios["remitente.nombre"]
    filas = s.connection().execute(_PREVIO, {
        "codigo": (codigo or "").strip().lower(),
        "tipo": tipo.strip() if isinstance(tipo, str) else None,
        "documental": documental.strip() if isinstance(documental, str) else None,
        "numero": _clave_numero(remitente, limpios.get("numero_oficio_remitente")),
        "usuario_id": getattr(actor, "usuario_id", None)}).all()
    if filas and getattr(actor, "usuario_id", None) is not None:
        exigir_cuenta_vigente(filas[0].cuenta_activa, filas[0].cuenta_rol, actor)
    if not filas:
        raise ErrorValidacion.de("serie", f"la serie «{codigo}» no existe")
    serie = filas[0]
    if not serie.activo:
        raise ErrorValidacion.de("serie", f"la serie «{serie.codigo}» está inactiva")
    if serie.uso != "correspondencia":
        raise ErrorValidacion.de("serie", f"la serie «{serie.codigo}» no numera correspondencia")
    tipo_id = serie.tipo_documento_id or resolver_id(s, "tipos-documento", tipo, "tipo_documento")
    documental_id = None
    if documental:
        documental_id = serie.serie_documental_id or resolver_id(s, "series-documentales", documental,
                                                                 "serie_documental")
    iguales = _mismo_remitente(((f.igual_id, f.igual_numero_control, f.igual_remitente) for f in filas), remitente)
    return Previo(serie, tipo_id, documental_id, _mismo_escaneo(s, sha256s, iguales))
