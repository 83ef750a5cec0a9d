"""Duplicates: find the citizens registered twice, and let a supervisor merge them field by field;
fold a petition registered twice into the other.

Nothing is deleted. The absorbed citizen keeps its record, marked `fusionado_en` (hidden from search,
followed by `ciudadanos.ciudadano_vigente`); its petitions move to the survivor. A merged petition
keeps its folio and status and stops counting (poa-report.md).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Select, and_, func, select, union_all
from sqlalchemy.orm import Session

from ..db.auditoria import auditar
from ..db.modelos_atencion import Ciudadano, Peticion
from ..db.motor import BaseDatos
from ..domain import peticiones as reglas, validacion as v
from ..domain.errores import Conflicto, ErrorValidacion, NoEncontrado
from ..domain.roles import Accion
from .ciudadanos import DatosCiudadano, datos_varios
from .peticiones import DatosPeticion, datos_peticion, peticion_por_folio
from .privacidad import registrar_acceso
from .sesion import Sesion, requerir
from .versiones import comprobar_version

# The fields a supervisor chooses one by one (the label the dialog shows), in the form's order.
CAMPOS_FUSION = {
    "nombre": "Nombre", "primer_apellido": "Primer apellido", "segundo_apellido": "Segundo apellido",
    "telefono": "Teléfono", "telefono_alterno": "Teléfono alterno", "correo": "Correo electrónico",
    "curp": "CURP", "municipio": "Municipio", "localidad": "Localidad", "domicilio": "Domicilio",
}
ELECCIONES = ("conservar", "absorber")
# Strongest reason first: the list shows the surest duplicates at the top.
MOTIVOS = ("misma CURP", "mismo teléfono", "mismo nombre en el mismo municipio")
MIEMBROS_POR_GRUPO = 10  # a phone shared by a whole office is not 500 duplicates of one person


@dataclass(frozen=True)
class ParDuplicado:
    a: DatosCiudadano  # the older record: suggested to keep
    b: DatosCiudadano
    motivos: tuple[str, ...]

    @property
    def motivo(self) -> str:
        return ", ".join(self.motivos)


def _vivos() -> tuple:
    return Ciudadano.fusionado_en.is_(None), Ciudadano.anonimizado.is_(False)


def _miembros(s: Session, consulta: Select) -> list[list[uuid.UUID]]:
    """Rows (key…, id) read into groups of ids, oldest first (ids are time-ordered UUIDv7)."""
    por_clave: dict[tuple, set[uuid.UUID]] = {}
    for *clave, cid in s.execute(consulta):
        por_clave.setdefault(tuple(clave), set()).add(cid)
    return [sorted(ids)[:MIEMBROS_POR_GRUPO] for ids in por_clave.values() if len(ids) > 1]


def _grupos(s: Session, limite: int) -> dict[str, list[list[uuid.UUID]]]:
    """The groups of live citizens sharing a CURP, a phone, or a name in one municipio.

    GROUP BY … HAVING COUNT > 1 finds the keys, then only those keys' members are read: the registry
    itself (150,000 citizens) is never loaded.
    """
    curps = (select(Ciudadano.curp).where(Ciudadano.curp.is_not(None), *_vivos())
             .group_by(Ciudadano.curp).having(func.count() > 1).limit(limite).subquery())
    telefonos = union_all(
        select(Ciudadano.id.label("cid"), Ciudadano.telefono.label("clave"))
        .where(Ciudadano.telefono.is_not(None), *_vivos()),
        select(Ciudadano.id.label("cid"), Ciudadano.telefono_alterno.label("clave"))
        .where(Ciudadano.telefono_alterno.is_not(None), *_vivos())).subquery()
    tels = (select(telefonos.c.clave).group_by(telefonos.c.clave)
            .having(func.count(func.distinct(telefonos.c.cid)) > 1).limit(limite).subquery())
    nombres = (select(Ciudadano.clave_nombre, Ciudadano.municipio_id)
               .where(Ciudadano.clave_nombre != "", Ciudadano.municipio_id.is_not(None), *_vivos())
               .group_by(Ciudadano.clave_nombre, Ciudadano.municipio_id).having(func.count() > 1)
               .limit(limite).subquery())
    return {
        "misma CURP": _miembros(s, select(Ciudadano.curp, Ciudadano.id)
                                .join(curps, curps.c.curp == Ciudadano.curp).where(*_vivos())),
        "mismo teléfono": _miembros(s, select(telefonos.c.clave, telefonos.c.cid)
                                    .join(tels, tels.c.clave == telefonos.c.clave)),
        "mismo nombre en el mismo municipio": _miembros(
            s, select(Ciudadano.clave_nombre, Ciudadano.municipio_id, Ciudadano.id)
            .join(nombres, and_(nombres.c.clave_nombre == Ciudadano.clave_nombre,
                                nombres.c.municipio_id == Ciudadano.municipio_id)).where(*_vivos())),
    }


def _eleccion(valor, campo: str) -> str:
    if valor not in ELECCIONES:
        raise ErrorValidacion.de(f"elecciones.{campo}", "debe ser «conservar» o «absorber»")
    return valor


class ServicioFusion:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def candidatos(self, actor: Sesion, limite: int = 100) -> list[ParDuplicado]:
        """Pairs of live citizens that look like one person, surest first; each with its reasons."""
        requerir(actor, Accion.FUSIONAR_CIUDADANOS)
        with self.bd.lectura(actor) as s:
            pares: dict[tuple[uuid.UUID, uuid.UUID], list[str]] = {}
            for motivo, grupos in _grupos(s, limite).items():
                for ids in grupos:
                    for otro in ids[1:]:  # each against the oldest: merging them one by one ends in one
                        pares.setdefault((ids[0], otro), []).append(motivo)
            elegidos = sorted(pares.items(), key=lambda p: (-len(p[1]), MOTIVOS.index(p[1][0]), p[0][1]))[:limite]
            ids = list(dict.fromkeys(i for par, _ in elegidos for i in par))
            datos = {d.id: d for d in datos_varios(s, list(s.scalars(select(Ciudadano).where(Ciudadano.id.in_(ids)))),
                                                   actor)}
            return [ParDuplicado(datos[a], datos[b], tuple(m)) for (a, b), m in elegidos]

    def fusionar_ciudadanos(self, actor: Sesion, conservar_id, absorber_id, elecciones: dict[str, str] | None = None,
                            versiones: tuple[int | None, int | None] | None = None) -> DatosCiudadano:
        """Keep one record with, field by field, the value chosen from either; move every petition of
        the other to it and mark the other merged. `versiones` are the ones the supervisor saw."""
        requerir(actor, Accion.FUSIONAR_CIUDADANOS)
        elecciones = dict(elecciones or {})
        desconocidos = sorted(set(elecciones) - set(CAMPOS_FUSION))
        if desconocidos:
            raise ErrorValidacion.de("elecciones", f"campos desconocidos: {', '.join(desconocidos)}")
        elecciones = {c: _eleccion(elecciones.get(c, "conservar"), c) for c in CAMPOS_FUSION}
        with self.bd.escritura(actor, accion="fusionar") as s:
            conservar, absorber = (self._ciudadano(s, conservar_id, "conservar_id"),
                                   self._ciudadano(s, absorber_id, "absorber_id"))
            if conservar.id == absorber.id:
                raise ErrorValidacion.de("absorber_id", "un ciudadano no se puede fusionar consigo mismo")
            for c in (conservar, absorber):
                if c.fusionado_en is not None:
                    raise Conflicto(f"El ciudadano {c.id} ya fue fusionado en otro registro.")
                if c.anonimizado:
                    raise Conflicto(f"El ciudadano {c.id} está anonimizado: no se fusiona.")
            for c, version in zip((conservar, absorber), versiones or (None, None)):
                comprobar_version(c, version)
            tomados = [c for c, origen in elecciones.items() if origen == "absorber"]
            for campo in tomados:
                columna = "municipio_id" if campo == "municipio" else campo
                setattr(conservar, columna, getattr(absorber, columna))
            if absorber.acepta_aviso_privacidad and not conservar.acepta_aviso_privacidad:
                conservar.acepta_aviso_privacidad, conservar.version_aviso = True, absorber.version_aviso
            campos = {k: getattr(conservar, k) for k in ("nombre", "primer_apellido", "segundo_apellido", "telefono",
                                                         "telefono_alterno", "curp", "correo")}
            conservar.texto_busqueda = reglas.texto_busqueda_ciudadano(campos)
            conservar.clave_nombre = reglas.clave_nombre(campos)
            movidas = list(s.scalars(select(Peticion).where(Peticion.ciudadano_id == absorber.id)
                                     .order_by(Peticion.folio)))
            for p in movidas:
                p.ciudadano_id = conservar.id
            # Records merged earlier into the absorbed one now point at the survivor: one hop, always.
            for anterior in s.scalars(select(Ciudadano).where(Ciudadano.fusionado_en == absorber.id)):
                anterior.fusionado_en = conservar.id
            absorber.fusionado_en = conservar.id
            auditar(s, actor, "fusionar", "ciudadanos", conservar.id, {"ciudadano_absorbido": str(absorber.id)}, {
                "ciudadano_conservado": str(conservar.id), "ciudadano_absorbido": str(absorber.id),
                "campos_del_absorbido": tomados, "peticiones_movidas": [p.folio for p in movidas]})
            registrar_acceso(s, actor, conservar.id, "fusionar", f"absorbió el registro {absorber.id}")
            registrar_acceso(s, actor, absorber.id, "fusionar", f"fusionado en el registro {conservar.id}")
            s.flush()
            return datos_varios(s, [conservar], actor)[0]

    def fusionar_peticiones(self, actor: Sesion, conservar_folio: str, absorber_folio: str,
                            motivo: str) -> DatosPeticion:
        """A petition registered twice: the absorbed one keeps its folio and status, leaves the
        callbacks queue and stops counting; the survivor is returned."""
        requerir(actor, Accion.FUSIONAR_CIUDADANOS)
        motivo = v.texto("motivo", motivo, maximo=v.LARGO_TEXTO)
        with self.bd.escritura(actor, accion="fusionar") as s:
            conservar, absorber = peticion_por_folio(s, conservar_folio), peticion_por_folio(s, absorber_folio)
            if conservar.id == absorber.id:
                raise ErrorValidacion.de("absorber_folio", "una petición no se puede fusionar consigo misma")
            if absorber.fusionada_en is not None:
                raise Conflicto(f"La petición {absorber.folio} ya estaba fusionada en otra.")
            if conservar.fusionada_en is not None:
                raise Conflicto(f"La petición {conservar.folio} está fusionada en otra: fusione en aquella.")
            for p in (conservar, absorber):
                if p.estatus == "anulada":
                    raise Conflicto(f"La petición {p.folio} está anulada: no se fusiona.")
            absorber.fusionada_en, absorber.proxima_llamada = conservar.id, None
            for anterior in s.scalars(select(Peticion).where(Peticion.fusionada_en == absorber.id)):
                anterior.fusionada_en = conservar.id
            auditar(s, actor, "fusionar", "peticiones", absorber.id, {"fusionada_en": None}, {
                "fusionada_en": str(conservar.id), "folio_conservado": conservar.folio,
                "folio_absorbido": absorber.folio, "motivo": motivo})
            s.flush()
            return datos_peticion(s, conservar, actor)

    @staticmethod
    def _ciudadano(s: Session, valor, campo: str) -> Ciudadano:
        try:
            cid = valor if isinstance(valor, uuid.UUID) else uuid.UUID(str(valor))
        except ValueError:
            raise ErrorValidacion.de(campo, "no es un identificador válido") from None
        c = s.get(Ciudadano, cid)
        if c is None:
            raise NoEncontrado(f"No existe el ciudadano {valor}.")
        return c
