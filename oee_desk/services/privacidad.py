"""The personal-data log: who saw or exported whose data, when, and what (domain.md «Personal data»);
and the supervisor's side of it: read that log, see one citizen's data in full, hand a citizen all the
office holds about them (derecho de acceso), and anonymize a citizen on request.

Anonymizing erases the person, never the work: the petitions stay with their municipio, channel and
topic, so every tally still counts them.
"""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ..db.base import ahora, nuevo_id
from ..db.modelos_atencion import AccesoDatosPersonales, Ciudadano, Peticion
from ..db.motor import BaseDatos
from ..domain import peticiones as reglas, validacion as v
from ..domain.errores import Conflicto, ErrorValidacion
from ..domain.roles import Accion
from .sesion import Sesion, requerir

# What each row of the log says was done, as a supervisor reads it.
ACCIONES_ACCESO = {"ver": "Consulta", "exportar": "Exportación", "imprimir": "Impresión",
                   "anonimizar": "Anonimización", "fusionar": "Fusión"}
NOMBRE_ANONIMO = "Anónimo"
# Erased by `anonimizar`; the municipio stays, so the statistics by municipio keep counting.
BORRADOS = ("primer_apellido", "segundo_apellido", "telefono", "telefono_alterno", "correo", "curp", "localidad",
            "domicilio")


def registrar_acceso(s: Session, actor, ciudadano_id: uuid.UUID, accion: str, detalle: str | None = None) -> None:
    """One row in the caller's transaction: a view that fails to be logged is not shown either."""
    s.add(AccesoDatosPersonales(
        id=nuevo_id(), momento=ahora(), usuario_id=getattr(actor, "usuario_id", None),
        usuario=getattr(actor, "nombre", None) or "sistema", ciudadano_id=ciudadano_id, accion=accion,
        detalle=detalle))


def registros_fusionados(s: Session, ciudadano_id: uuid.UUID) -> list[uuid.UUID]:
    """The records merged into this one, at any depth (a merge re-points older ones, so usually one)."""
    encontrados: list[uuid.UUID] = []
    frontera = [ciudadano_id]
    while frontera:
        frontera = [i for i in s.scalars(select(Ciudadano.id).where(Ciudadano.fusionado_en.in_(frontera)))
                    if i not in encontrados and i != ciudadano_id]
        encontrados += frontera
    return encontrados


@dataclass(frozen=True)
class FiltroAccesos:
    ciudadano_id: uuid.UUID | str | None = None  # also the records merged into it
    usuario: str = ""
    accion: str = ""
    desde: dt.date | None = None
    hasta: dt.date | None = None


@dataclass(frozen=True)
class EntradaAcceso:
    id: uuid.UUID
    momento: dt.datetime
    usuario: str
    ciudadano_id: uuid.UUID
    ciudadano: str  # the name as it is now («Anónimo» once anonymized)
    accion: str
    detalle: str | None

    def como_json(self) -> dict:
        return {"momento": self.momento.isoformat(), "usuario": self.usuario, "ciudadano_id": str(self.ciudadano_id),
                "accion": self.accion, "detalle": self.detalle}


def _uuid(valor, campo: str) -> uuid.UUID:
    try:
        return valor if isinstance(valor, uuid.UUID) else uuid.UUID(str(valor).strip())
    except ValueError:
        raise ErrorValidacion.de(campo, "no es un identificador válido") from None


def _filtrar(s: Session, consulta: Select, f: FiltroAccesos) -> Select:
    if f.ciudadano_id:
        cid = _uuid(f.ciudadano_id, "ciudadano_id")
        consulta = consulta.where(AccesoDatosPersonales.ciudadano_id.in_([cid, *registros_fusionados(s, cid)]))
    if f.usuario:
        consulta = consulta.where(AccesoDatosPersonales.usuario == f.usuario.strip().lower())
    if f.accion:
        consulta = consulta.where(AccesoDatosPersonales.accion == f.accion)
    if f.desde:
        consulta = consulta.where(AccesoDatosPersonales.momento >= dt.datetime.combine(f.desde, dt.time.min))
    if f.hasta:
        consulta = consulta.where(AccesoDatosPersonales.momento
                                  < dt.datetime.combine(f.hasta + dt.timedelta(days=1), dt.time.min))
    return consulta


class ServicioPrivacidad:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    # --- the log -------------------------------------------------------------------------
    def listar_accesos(self, actor: Sesion, filtro: FiltroAccesos = FiltroAccesos(), *, desde_fila: int = 0,
                       limite: int = 200) -> list[EntradaAcceso]:
        """Newest first, paged in SQL."""
        requerir(actor, Accion.VER_ACCESOS_DATOS)
        with self.bd.lectura(actor) as s:
            consulta = _filtrar(s, select(AccesoDatosPersonales, Ciudadano)
                                .join(Ciudadano, Ciudadano.id == AccesoDatosPersonales.ciudadano_id), filtro)
            consulta = consulta.order_by(AccesoDatosPersonales.momento.desc(), AccesoDatosPersonales.id.desc()) \
                .offset(desde_fila).limit(limite)
            return [EntradaAcceso(a.id, a.momento, a.usuario, a.ciudadano_id, reglas.nombre_completo(c), a.accion,
                                  a.detalle) for a, c in s.execute(consulta)]

    def contar_accesos(self, actor: Sesion, filtro: FiltroAccesos = FiltroAccesos()) -> int:
        requerir(actor, Accion.VER_ACCESOS_DATOS)
        with self.bd.lectura(actor) as s:
            return s.scalar(_filtrar(s, select(func.count(AccesoDatosPersonales.id)), filtro))

    def usuarios_con_accesos(self, actor: Sesion) -> list[str]:
        """For the filter's drop-down."""
        requerir(actor, Accion.VER_ACCESOS_DATOS)
        with self.bd.lectura(actor) as s:
            return list(s.scalars(select(AccesoDatosPersonales.usuario).distinct()
                                  .order_by(AccesoDatosPersonales.usuario)))

    # --- one citizen ---------------------------------------------------------------------
    def datos_completos(self, actor: Sesion, ciudadano_id, *, motivo: str = "consulta"):
        """The citizen unmasked, logged as a view; refused (not masked) to roles that may not see it."""
        # Imported here: services.ciudadanos imports registrar_acceso from this module.
        from .ciudadanos import ciudadano_vigente, datos_varios

        requerir(actor, Accion.VER_DATOS_PERSONALES)
        with self.bd.escritura(actor) as s:
            c = ciudadano_vigente(s, ciudadano_id)
            registrar_acceso(s, actor, c.id, "ver", motivo)
            return datos_varios(s, [c], actor)[0]

    def exportar_ciudadano(self, actor: Sesion, ciudadano_id) -> dict:
        """Everything the office holds about a person, for an access request: their record (and the
        duplicates merged into it), every petition with its canalizations and follow-ups, and who
        has seen their data. The export itself is logged first, so it appears in its own list."""
        from .ciudadanos import ciudadano_vigente, datos_varios
        from .peticiones import datos_peticion

        requerir(actor, Accion.DERECHOS_ARCO)
        with self.bd.escritura(actor) as s:
            c = ciudadano_vigente(s, ciudadano_id)
            ids = [c.id, *registros_fusionados(s, c.id)]
            registrar_acceso(s, actor, c.id, "exportar", "derecho de acceso: exportación completa")
            s.flush()
            fusionados = list(s.scalars(select(Ciudadano).where(Ciudadano.id.in_(ids[1:])).order_by(Ciudadano.id)))
            folios = {}
            peticiones = []
            for p in s.scalars(select(Peticion).where(Peticion.ciudadano_id.in_(ids))
                               .order_by(Peticion.fecha_recepcion, Peticion.id)):
                if p.fusionada_en and p.fusionada_en not in folios:
                    folios[p.fusionada_en] = s.get(Peticion, p.fusionada_en).folio
                datos = datos_peticion(s, p, actor).como_json()
                for interno in ("ciudadano", "posibles_duplicados", "semaforo", "version"):
                    datos.pop(interno, None)
                datos["fusionada_en"] = folios.get(p.fusionada_en)
                peticiones.append(datos)
            accesos = [EntradaAcceso(a.id, a.momento, a.usuario, a.ciudadano_id, "", a.accion, a.detalle).como_json()
                       for a in s.scalars(select(AccesoDatosPersonales)
                                          .where(AccesoDatosPersonales.ciudadano_id.in_(ids))
                                          .order_by(AccesoDatosPersonales.momento, AccesoDatosPersonales.id))]
            return {
                "documento": "Datos personales en posesión de la Oficina del Ejecutivo Estatal",
                "generado": ahora().isoformat(), "generado_por": actor.nombre,
                "ciudadano": datos_varios(s, [c], actor)[0].como_json(),
                "registros_fusionados": [d.como_json() for d in datos_varios(s, fusionados, actor)],
                "peticiones": peticiones,
                "accesos": accesos,
            }

    def anonimizar(self, actor: Sesion, ciudadano_id, motivo: str):
        """Erase the person's data (and that of the duplicates merged into them) on their request.

        Petitions are not touched and the municipio stays: the statistics keep counting. The audit
        rows carry no personal values (db/auditoria.py), so no copy of the data is left there either.
        """
        from .ciudadanos import ciudadano_vigente, datos_varios

        requerir(actor, Accion.DERECHOS_ARCO)
        motivo = v.texto("motivo", motivo, maximo=v.LARGO_TEXTO)
        with self.bd.escritura(actor, accion="anonimizar") as s:
            c = ciudadano_vigente(s, ciudadano_id)
            if c.anonimizado:
                raise Conflicto("Este ciudadano ya estaba anonimizado.")
            ids = [c.id, *registros_fusionados(s, c.id)]
            for registro in s.scalars(select(Ciudadano).where(Ciudadano.id.in_(ids))):
                registro.nombre = NOMBRE_ANONIMO
                for campo in BORRADOS:
                    setattr(registro, campo, None)
                registro.texto_busqueda = ""
                registro.clave_nombre = ""
                registro.anonimizado = True
            registrar_acceso(s, actor, c.id, "anonimizar", motivo)
            s.flush()
            return datos_varios(s, [c], actor)[0]
