"""The citizen registry: find a caller as the operator types, show, create and edit a citizen.

Personal data leaves this module masked for roles that do not need it (domain.roles
VER_DATOS_PERSONALES), and every full view of one citizen is written to the personal-data log
(services.privacidad) in the same transaction as the read.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..db.base import nuevo_id
from ..db.busqueda import filtrar_recientes, palabras as palabras_de
from ..db.modelos import Municipio
from ..db.modelos_atencion import Ciudadano, Peticion
from ..db.motor import BaseDatos
from ..domain import peticiones as reglas
from ..domain.errores import ErrorValidacion, NoEncontrado
from ..domain.roles import Accion
from .catalogos import resolver
from .privacidad import registrar_acceso
from .sesion import Sesion, requerir



@dataclass(frozen=True)
class DatosCiudadano:
    id: uuid.UUID
    nombre: str
    primer_apellido: str | None
    segundo_apellido: str | None
    telefono: str | None
    telefono_alterno: str | None
    correo: str | None
    curp: str | None
    municipio: str | None  # INEGI key
    municipio_nombre: str | None
    localidad: str | None
    domicilio: str | None
    acepta_aviso_privacidad: bool
    version_aviso: str | None
    anonimizado: bool
    version: int
    enmascarado: bool = False
    peticiones_abiertas: int = 0
    peticiones_total: int = 0

    @property
    def nombre_completo(self) -> str:
        return reglas.nombre_completo(self)

    def como_json(self) -> dict:
        return {
            "id": str(self.id), "nombre": self.nombre, "primer_apellido": self.primer_apellido,
            "segundo_apellido": self.segundo_apellido, "telefono": self.telefono,
            "telefono_alterno": self.telefono_alterno, "correo": self.correo, "curp": self.curp,
            "municipio": self.municipio, "municipio_nombre": self.municipio_nombre, "localidad": self.localidad,
            "domicilio": self.domicilio, "acepta_aviso_privacidad": self.acepta_aviso_privacidad,
            "version_aviso": self.version_aviso, "anonimizado": self.anonimizado, "version": self.version,
            "enmascarado": self.enmascarado, "peticiones_abiertas": self.peticiones_abiertas,
            "peticiones_total": self.peticiones_total,
        }


@dataclass(frozen=True)
class CandidatoDuplicado:
    ciudadano: DatosCiudadano
    motivo: str


@dataclass(frozen=True)
class CiudadanoRegistrado:
    ciudadano: DatosCiudadano
    posibles_duplicados: list[CandidatoDuplicado] = field(default_factory=list)


@dataclass(frozen=True)
class _Municipio:
    clave: str
    nombre: str


def _enmascarado(d: DatosCiudadano) -> DatosCiudadano:
    m = reglas.enmascarar
    return replace(d, nombre=m(d.nombre), primer_apellido=m(d.primer_apellido),
                   segundo_apellido=m(d.segundo_apellido), telefono=m(d.telefono, visibles=2),
                   telefono_alterno=m(d.telefono_alterno, visibles=2), correo=m(d.correo) and "•••@•••",
                   curp=m(d.curp, visibles=0) and "••••••••••••••••••", domicilio=m(d.domicilio) and "•••",
                   enmascarado=True)


def datos_de(c: Ciudadano, municipio: Municipio | None, actor: Sesion, abiertas: int = 0,
             total: int = 0) -> DatosCiudadano:
    d = DatosCiudadano(
        c.id, c.nombre, c.primer_apellido, c.segundo_apellido, c.telefono, c.telefono_alterno, c.correo,
        c.curp, municipio.clave if municipio else None, municipio.nombre if municipio else None, c.localidad,
        c.domicilio, c.acepta_aviso_privacidad, c.version_aviso, c.anonimizado, c.version,
        peticiones_abiertas=abiertas, peticiones_total=total)
    return d if actor.puede(Accion.VER_DATOS_PERSONALES) else _enmascarado(d)


def datos_varios(s: Session, ciudadanos: list[Ciudadano], actor: Sesion,
                 municipios: dict | None = None) -> list[DatosCiudadano]:
    """Citizens with their municipio and petition counts, in a fixed number of queries."""
    if not ciudadanos:
        return []
    ids = [c.id for c in ciudadanos]
    if municipios is None:
        municipios = {m.id: m for m in s.scalars(select(Municipio).where(
            Municipio.id.in_({c.municipio_id for c in ciudadanos if c.municipio_id})))}
    conteos: dict[uuid.UUID, list[int]] = {}
    consulta = (select(Peticion.ciudadano_id, Peticion.estatus, func.count())
                .where(Peticion.ciudadano_id.in_(ids), Peticion.estatus != "anulada")
                .group_by(Peticion.ciudadano_id, Peticion.estatus))
    for cid, estatus, n in s.execute(consulta):
        par = conteos.setdefault(cid, [0, 0])
        par[1] += n
        if estatus in reglas.ABIERTAS:
            par[0] += n
    return [datos_de(c, municipios.get(c.municipio_id), actor, *conteos.get(c.id, [0, 0])) for c in ciudadanos]


def ciudadano_vigente(s: Session, ciudadano_id, campo: str = "ciudadano_id") -> Ciudadano:
    """The record to attach new work to: a merged citizen leads to the one it was merged into."""
    try:
        cid = ciudadano_id if isinstance(ciudadano_id, uuid.UUID) else uuid.UUID(str(ciudadano_id))
    except ValueError:
        raise ErrorValidacion.de(campo, "no es un identificador válido") from None
    c = s.get(Ciudadano, cid)
    vistos = set()
    while c is not None and c.fusionado_en is not None and c.id not in vistos:
        vistos.add(c.id)
        c = s.get(Ciudadano, c.fusionado_en)
    if c is None:
        raise NoEncontrado(f"No existe el ciudadano {ciudadano_id}.")
    return c


def aplicar_datos(s: Session, c: Ciudadano, limpios: dict, campo_municipio: str = "ciudadano.municipio") -> None:
    """Copy cleaned fields (domain.peticiones.validar_ciudadano) onto a record, resolving the municipio."""
    for k in ("nombre", "primer_apellido", "segundo_apellido", "telefono", "telefono_alterno", "correo", "curp",
              "localidad", "domicilio", "acepta_aviso_privacidad", "version_aviso"):
        if k in limpios:
            setattr(c, k, limpios[k])
    if "municipio" in limpios:
        c.municipio_id = resolver(s, "municipios", limpios["municipio"], campo_municipio).id \
            if limpios["municipio"] else None
    campos = {k: getattr(c, k) for k in ("nombre", "primer_apellido", "segundo_apellido", "telefono",
                                         "telefono_alterno", "curp", "correo")}
    c.texto_busqueda = reglas.texto_busqueda_ciudadano(campos)
    c.clave_nombre = reglas.clave_nombre(campos)


def duplicados_de(s: Session, c: Ciudadano, actor: Sesion) -> list[CandidatoDuplicado]:
    """Other live records with the same phone, the same CURP, or the same name in the same municipio."""
    condiciones = []
    telefonos = [t for t in (c.telefono, c.telefono_alterno) if t]
    if telefonos:
        condiciones.append(Ciudadano.telefono.in_(telefonos))
        condiciones.append(Ciudadano.telefono_alterno.in_(telefonos))
    if c.curp:
        condiciones.append(Ciudadano.curp == c.curp)
    if c.clave_nombre and c.municipio_id:
        condiciones.append((Ciudadano.clave_nombre == c.clave_nombre) & (Ciudadano.municipio_id == c.municipio_id))
    if not condiciones:
        return []
    otros = list(s.scalars(select(Ciudadano).where(or_(*condiciones), Ciudadano.id != c.id,
                                                   Ciudadano.fusionado_en.is_(None),
                                                   Ciudadano.anonimizado.is_(False)).limit(20)))
    resultado = []
    for o, d in zip(otros, datos_varios(s, otros, actor)):
        if c.curp and o.curp == c.curp:
            motivo = "misma CURP"
        elif set(telefonos) & {o.telefono, o.telefono_alterno}:
            motivo = "mismo teléfono"
        else:
            motivo = "mismo nombre en el mismo municipio"
        resultado.append(CandidatoDuplicado(d, motivo))
    return resultado


class ServicioCiudadanos:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def buscar(self, actor: Sesion, texto: str, limite: int = 20) -> list[DatosCiudadano]:
        """As the operator types: name words in any order without accents, a phone, a CURP, an e-mail.

        The list itself is not logged as a view of anyone's data (it changes on every keystroke);
        opening one citizen is (`obtener`).
        """
        requerir(actor, Accion.VER_PETICIONES)
        palabras = palabras_de(texto)
        if not palabras:
            return []
        # «662 123 4567», «(662) 123-45-67» and «+52 662…» are one phone number, stored as its digits.
        try:
            digitos = reglas.telefono("texto", texto)
        except ErrorValidacion:
            digitos = None
        if digitos:
            palabras = [digitos]
        with self.bd.lectura(actor) as s:
            # One query per keystroke, plain rows: the municipio and the petition counts come along.
            por_ciudadano = (Peticion.ciudadano_id == Ciudadano.id, Peticion.estatus != "anulada")
            consulta = filtrar_recientes(
                select(*Ciudadano.__table__.c, Municipio.clave.label("municipio_clave"),
                       Municipio.nombre.label("municipio_nombre"),
                       select(func.count()).where(*por_ciudadano, Peticion.estatus.in_(reglas.ABIERTAS))
                       .scalar_subquery().label("abiertas"),
                       select(func.count()).where(*por_ciudadano).scalar_subquery().label("total"))
                .outerjoin(Municipio, Municipio.id == Ciudadano.municipio_id)
                .where(Ciudadano.fusionado_en.is_(None)),
                Ciudadano.texto_busqueda, palabras, self.bd.motor.dialect.name, Ciudadano.id.desc()).limit(limite)
            return [datos_de(f, _Municipio(f.municipio_clave, f.municipio_nombre) if f.municipio_clave else None,
                             actor, f.abiertas, f.total) for f in s.execute(consulta)]

    def obtener(self, actor: Sesion, ciudadano_id, *, motivo: str = "consulta") -> DatosCiudadano:
        requerir(actor, Accion.VER_PETICIONES)
        with self.bd.escritura(actor) as s:
            c = ciudadano_vigente(s, ciudadano_id)
            datos = datos_varios(s, [c], actor)[0]
            if not datos.enmascarado:
                registrar_acceso(s, actor, c.id, "ver", motivo)
            return datos

    def crear(self, actor: Sesion, datos: dict) -> CiudadanoRegistrado:
        requerir(actor, Accion.REGISTRAR_PETICIONES)
        limpios = reglas.validar_ciudadano(datos, prefijo="")
        with self.bd.escritura(actor) as s:
            c = Ciudadano(id=nuevo_id(), anonimizado=False)
            aplicar_datos(s, c, limpios, "municipio")
            s.add(c)
            s.flush()
            return CiudadanoRegistrado(datos_varios(s, [c], actor)[0], duplicados_de(s, c, actor))

    def editar(self, actor: Sesion, ciudadano_id, version: int, cambios: dict) -> DatosCiudadano:
        """Partial edit; `version` is the one the operator saw (a stale edit is a conflict)."""
        requerir(actor, Accion.REGISTRAR_PETICIONES)
        with self.bd.escritura(actor) as s:
            c = ciudadano_vigente(s, ciudadano_id)
            actuales = {k: getattr(c, k) for k in ("nombre", "primer_apellido", "segundo_apellido", "telefono",
                                                   "telefono_alterno", "correo", "curp", "localidad", "domicilio",
                                                   "acepta_aviso_privacidad", "version_aviso")}
            limpios = reglas.validar_ciudadano({**actuales, **cambios}, prefijo="")
            if "municipio" not in cambios:
                limpios.pop("municipio", None)
            if c.version != version:
                from ..domain.errores import Conflicto
                raise Conflicto("Otra persona modificó este ciudadano; vuelva a abrirlo y repita su edición.")
            with s.no_autoflush:  # one UPDATE and one audit row, not one before the municipio lookup
                aplicar_datos(s, c, limpios, "municipio")
            s.flush()
            return datos_varios(s, [c], actor)[0]

    def duplicados(self, actor: Sesion, ciudadano_id) -> list[CandidatoDuplicado]:
        requerir(actor, Accion.VER_PETICIONES)
        with self.bd.lectura(actor) as s:
            return duplicados_de(s, ciudadano_vigente(s, ciudadano_id), actor)
