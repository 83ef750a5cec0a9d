"""Peticiones: register a citizen's request with its gapless folio, canalize it, annul it, show it."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import ahora, nuevo_id
from ..db.modelos import Canal, Dependencia, Tema, Usuario
from ..db.modelos_atencion import Canalizacion, Ciudadano, Gira, Peticion, Seguimiento
from ..db.motor import BaseDatos
from ..domain import numeracion, peticiones as reglas, semaforo, validacion as v
from ..domain.dias_habiles import Calendario
from ..domain.errores import Conflicto, ErrorValidacion, NoEncontrado, Problema
from ..domain.roles import Accion
from .catalogos import resolver
from .ciudadanos import (CandidatoDuplicado, DatosCiudadano, aplicar_datos, ciudadano_vigente, datos_varios,
                         duplicados_de)
from .lectura_turnos import calendario
from .numeracion import serie_por_uso, tomar_numero
from .privacidad import registrar_acceso
from .sesion import Sesion, requerir


@dataclass(frozen=True)
class DatosSeguimiento:
    id: uuid.UUID
    fecha: dt.datetime
    tipo: str
    resultado: str | None
    nota: str | None
    operador: str

    def como_json(self) -> dict:
        return {"id": str(self.id), "fecha": self.fecha.isoformat(), "tipo": self.tipo,
                "resultado": self.resultado, "nota": self.nota, "operador": self.operador}


@dataclass(frozen=True)
class DatosCanalizacion:
    id: uuid.UUID
    tipo: str
    destino: str  # area code or agency code
    destino_nombre: str
    externa: bool  # by oficio de canalización
    numero_oficio: str | None
    fecha: dt.datetime
    nota: str | None

    def como_json(self) -> dict:
        return {"id": str(self.id), "tipo": self.tipo, "destino": self.destino, "destino_nombre": self.destino_nombre,
                "numero_oficio": self.numero_oficio, "fecha": self.fecha.isoformat(), "nota": self.nota}


@dataclass(frozen=True)
class DatosPeticion:
    id: uuid.UUID
    folio: str
    fecha_recepcion: dt.datetime
    canal: str
    canal_nombre: str
    tema: str
    tema_nombre: str
    descripcion: str
    apoyo_solicitado: str | None
    gira: str | None
    ciudadano: DatosCiudadano
    estatus: str
    resultado: str | None
    motivo_anulacion: str | None
    fecha_limite: dt.date
    fecha_conclusion: dt.date | None
    proxima_llamada: dt.date | None
    operador: str
    version: int
    semaforo: semaforo.Semaforo | None
    canalizaciones: list[DatosCanalizacion] = field(default_factory=list)
    seguimientos: list[DatosSeguimiento] = field(default_factory=list)
    posibles_duplicados: list[CandidatoDuplicado] = field(default_factory=list)

    def como_json(self) -> dict:
        return {
            "id": str(self.id), "folio": self.folio, "ciudadano_id": str(self.ciudadano.id),
            "estatus": self.estatus, "resultado": self.resultado, "fecha_recepcion": self.fecha_recepcion.isoformat(),
            "canal": self.canal, "tema": self.tema, "descripcion": self.descripcion,
            "apoyo_solicitado": self.apoyo_solicitado, "gira": self.gira, "ciudadano": self.ciudadano.como_json(),
            "motivo_anulacion": self.motivo_anulacion, "fecha_limite": self.fecha_limite.isoformat(),
            "fecha_conclusion": self.fecha_conclusion.isoformat() if self.fecha_conclusion else None,
            "proxima_llamada": self.proxima_llamada.isoformat() if self.proxima_llamada else None,
            "operador": self.operador, "version": self.version,
            "semaforo": {"estado": self.semaforo.estado.value, "oportunidad": self.semaforo.oportunidad.value,
                         "dias_restantes": self.semaforo.dias_restantes} if self.semaforo else None,
            "canalizaciones": [c.como_json() for c in self.canalizaciones],
            "seguimientos": [x.como_json() for x in self.seguimientos],
            "posibles_duplicados": [{"id": str(d.ciudadano.id), "motivo": d.motivo} for d in self.posibles_duplicados],
        }


# A petition's status as the turn traffic light reads it (domain.semaforo).
_ESTADO_SEMAFORO = {"recibida": "sin_atender", "canalizada": "en_proceso", "en_seguimiento": "en_proceso",
                    "concluida": "atendido"}


def semaforo_de(estatus: str, recepcion: dt.datetime, limite: dt.date, plazo: int, conclusion: dt.date | None,
                hoy: dt.date, cal: Calendario) -> semaforo.Semaforo | None:
    if estatus not in _ESTADO_SEMAFORO:
        return None
    return semaforo.de_turno(_ESTADO_SEMAFORO[estatus], recepcion.date(), limite, plazo, hoy, cal, conclusion)


def peticion_por_folio(s: Session, folio: str) -> Peticion:
    texto = (folio or "").strip()
    p = s.scalars(select(Peticion).where(Peticion.folio == texto.upper())).first() or \
        s.scalars(select(Peticion).where(Peticion.folio == texto)).first()
    if p is None:
        raise NoEncontrado(f"No existe la petición con folio «{folio}».")
    return p


def datos_peticion(s: Session, p: Peticion, actor: Sesion, *, completa: bool = True,
                   duplicados: list[CandidatoDuplicado] | None = None, hoy: dt.date | None = None) -> DatosPeticion:
    canal, tema = s.get(Canal, p.canal_id), s.get(Tema, p.tema_id)
    gira = s.get(Gira, p.gira_id) if p.gira_id else None
    ciudadano = datos_varios(s, [s.get(Ciudadano, p.ciudadano_id)], actor)[0]
    nombres = dict(s.execute(select(Usuario.id, Usuario.nombre)).all())
    canalizaciones, seguimientos = [], []
    if completa:
        for c in s.scalars(select(Canalizacion).where(Canalizacion.peticion_id == p.id).order_by(Canalizacion.fecha)):
            dep = s.get(Dependencia, c.dependencia_id) if c.dependencia_id else None
            canalizaciones.append(DatosCanalizacion(
                c.id, c.tipo, dep.codigo if dep else c.area, dep.nombre if dep else reglas.AREAS_INTERNAS.get(c.area, c.area),
                dep is not None, c.numero_oficio, c.fecha, c.nota))
        for x in s.scalars(select(Seguimiento).where(Seguimiento.peticion_id == p.id)
                           .order_by(Seguimiento.fecha, Seguimiento.id)):
            seguimientos.append(DatosSeguimiento(x.id, x.fecha, x.tipo, x.resultado, x.nota,
                                                 nombres.get(x.registrado_por, "sistema")))
    luz = semaforo_de(p.estatus, p.fecha_recepcion, p.fecha_limite, tema.plazo_dias_habiles, p.fecha_conclusion,
                      hoy or dt.date.today(), calendario(s))
    return DatosPeticion(
        p.id, p.folio, p.fecha_recepcion, canal.codigo, canal.nombre, tema.codigo, tema.nombre, p.descripcion,
        p.apoyo_solicitado, gira.clave if gira else None, ciudadano, p.estatus, p.resultado, p.motivo_anulacion,
        p.fecha_limite, p.fecha_conclusion, p.proxima_llamada, nombres.get(p.registrado_por, "sistema"), p.version,
        luz, canalizaciones, seguimientos, duplicados or [])


def nueva_canalizacion(s: Session, actor: Sesion, p: Peticion, limpios: dict, fecha: dt.datetime) -> Canalizacion:
    """An internal area, or an agency/OSC from the catalog, which gets a numbered oficio de canalización."""
    c = Canalizacion(id=nuevo_id(), peticion_id=p.id, tipo=limpios["tipo"], fecha=fecha, nota=limpios.get("nota"),
                     registrado_por=actor.usuario_id)
    if limpios["tipo"] == "area_interna":
        c.area = limpios["destino"]
    else:
        c.dependencia_id = resolver(s, "dependencias", limpios["destino"], "canalizacion.destino").id
        serie = serie_por_uso(s, "canalizacion")
        c.serie_control_id, c.anio = serie.id, fecha.year
        c.numero = tomar_numero(s, serie.id, fecha.year)
        c.numero_oficio = numeracion.formatear(serie.plantilla, c.numero, fecha.year)
    s.add(c)
    if p.estatus == "recibida":
        p.estatus = "canalizada"
    return c


class ServicioPeticiones:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def registrar(self, actor: Sesion, datos: dict) -> DatosPeticion:
        """Validate everything, then take the folio last: the counter row stays locked until COMMIT."""
        requerir(actor, Accion.REGISTRAR_PETICIONES)
        problemas: list[Problema] = []
        limpios, ciudadano = {}, None
        try:
            limpios = reglas.validar_peticion(datos, ahora())
        except ErrorValidacion as e:
            problemas += e.problemas
        if isinstance(datos, dict) and datos.get("ciudadano") is not None and not datos.get("ciudadano_id"):
            try:
                ciudadano = reglas.validar_ciudadano(datos["ciudadano"])
            except ErrorValidacion as e:
                problemas += e.problemas
        if problemas:
            raise ErrorValidacion(problemas)
        limpios["sin_fecha"] = not datos.get("fecha_recepcion")
        if limpios.get("canalizacion"):
            requerir(actor, Accion.CANALIZAR_PETICIONES)
        with self.bd.escritura(actor) as s:
            p, duplicados = self._nueva(s, actor, limpios, ciudadano, datos.get("ciudadano_id"))
            return datos_peticion(s, p, actor, duplicados=duplicados)

    def _nueva(self, s: Session, actor: Sesion, limpios: dict, ciudadano: dict | None, ciudadano_id,
               *, folio: tuple | None = None) -> tuple[Peticion, list[CandidatoDuplicado]]:
        """The petition inside the caller's transaction (also used by the import, with its own folio)."""
        canal = resolver(s, "canales", limpios["canal"], "canal")
        tema = resolver(s, "temas", limpios["tema"], "tema")
        gira = None
        if canal.indicador == reglas.INDICADOR_GIRAS:
            if not limpios.get("gira"):
                raise ErrorValidacion.de("gira", f"es obligatoria para el canal {canal.nombre}")
            gira = s.scalar(select(Gira).where(Gira.clave == limpios["gira"].strip().upper()))
            if gira is None:
                raise ErrorValidacion.de("gira", f"no existe la gira «{limpios['gira']}»")
        elif limpios.get("gira"):
            raise ErrorValidacion.de("gira", f"solo las peticiones de giras llevan gira (el canal es {canal.nombre})")
        recepcion = limpios["fecha_recepcion"]
        if gira is not None and limpios.get("sin_fecha") and gira.fecha != recepcion.date():
            # Captured after the tour (offline laptops sync later): received on the tour's day.
            recepcion = dt.datetime.combine(gira.fecha, dt.time(0))
        duplicados: list[CandidatoDuplicado] = []
        if ciudadano is not None:
            c = Ciudadano(id=nuevo_id(), anonimizado=False)
            aplicar_datos(s, c, ciudadano)
            s.add(c)
            s.flush()
            duplicados = duplicados_de(s, c, actor)
        else:
            c = ciudadano_vigente(s, ciudadano_id)
        cal = calendario(s)
        limite = cal.sumar(recepcion.date(), tema.plazo_dias_habiles)
        p = Peticion(
            id=nuevo_id(), fecha_recepcion=recepcion, canal_id=canal.id, tema_id=tema.id,
            descripcion=limpios["descripcion"], apoyo_solicitado=limpios.get("apoyo_solicitado"),
            gira_id=gira.id if gira else None, ciudadano_id=c.id,
            municipio_id=gira.municipio_id if gira else c.municipio_id, registrado_por=actor.usuario_id,
            responsable_id=actor.usuario_id, estatus=limpios.get("estatus") or "recibida",
            fecha_limite=limite, fecha_alerta=semaforo.fecha_alerta(recepcion.date(), limite, tema.plazo_dias_habiles, cal),
            proxima_llamada=limpios.get("proxima_llamada"))
        if folio is None:
            serie = serie_por_uso(s, "peticiones")
            p.serie_control_id, p.anio = serie.id, recepcion.year
            p.numero = tomar_numero(s, serie.id, recepcion.year)
            p.folio = numeracion.formatear(serie.plantilla, p.numero, recepcion.year)
        else:
            p.serie_control_id, p.anio, p.numero, p.folio = folio
        s.add(p)
        s.flush()
        if limpios.get("canalizacion"):
            nueva_canalizacion(s, actor, p, limpios["canalizacion"], recepcion)
            s.flush()
        return p, duplicados

    def obtener(self, actor: Sesion, folio: str) -> DatosPeticion:
        """The whole petition with its citizen: logged as a view of that citizen's data."""
        requerir(actor, Accion.VER_PETICIONES)
        with self.bd.escritura(actor) as s:
            p = peticion_por_folio(s, folio)
            datos = datos_peticion(s, p, actor)
            if not datos.ciudadano.enmascarado:
                registrar_acceso(s, actor, p.ciudadano_id, "ver", f"petición {p.folio}")
            return datos

    def canalizar(self, actor: Sesion, folio: str, datos: dict) -> DatosPeticion:
        requerir(actor, Accion.CANALIZAR_PETICIONES)
        limpios = reglas.validar_canalizacion(datos)
        with self.bd.escritura(actor, accion="canalizar") as s:
            p = peticion_por_folio(s, folio)
            if p.estatus in ("anulada", "concluida"):
                raise Conflicto(f"La petición {p.folio} está {reglas.ESTATUS[p.estatus].lower()}: no se canaliza.")
            nueva_canalizacion(s, actor, p, limpios, ahora())
            s.flush()
            return datos_peticion(s, p, actor)

    def anular(self, actor: Sesion, folio: str, motivo: str) -> DatosPeticion:
        """The folio stays, marked with its reason, and stops counting in the POA tally."""
        requerir(actor, Accion.ANULAR_PETICIONES)
        motivo = v.texto("motivo", motivo, maximo=v.LARGO_TEXTO)
        with self.bd.escritura(actor, accion="anular") as s:
            p = peticion_por_folio(s, folio)
            if p.estatus == "anulada":
                raise Conflicto(f"La petición {p.folio} ya estaba anulada.")
            p.estatus, p.motivo_anulacion, p.proxima_llamada = "anulada", motivo, None
            s.flush()
            return datos_peticion(s, p, actor)
