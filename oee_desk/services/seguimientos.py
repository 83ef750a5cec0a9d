"""Seguimientos: the append-only timeline of a petition, and the callbacks-due queue."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from ..db.base import ahora, nuevo_id
from ..db.modelos import Usuario
from ..db.modelos_atencion import Ciudadano, Peticion, Seguimiento
from ..db.motor import BaseDatos
from ..domain import peticiones as reglas
from ..domain.errores import Conflicto
from ..domain.roles import Accion
from .ciudadanos import datos_de
from .lectura_turnos import calendario
from .peticiones import DatosPeticion, datos_peticion, peticion_por_folio
from .sesion import Sesion, requerir


@dataclass(frozen=True)
class LlamadaPendiente:
    peticion_id: uuid.UUID
    folio: str
    ciudadano: str
    telefono: str | None
    proxima_llamada: dt.date
    estatus: str
    responsable: str
    dias_atraso: int


class ServicioSeguimientos:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def agregar(self, actor: Sesion, folio: str, datos: dict) -> DatosPeticion:
        """Append one follow-up; the petition's status, result and next call follow from it."""
        requerir(actor, Accion.SEGUIR_PETICIONES)
        with self.bd.escritura(actor, accion="seguimiento") as s:
            p = peticion_por_folio(s, folio)
            if p.estatus in ("anulada", "concluida"):
                raise Conflicto(f"La petición {p.folio} está {reglas.ESTATUS[p.estatus].lower()}: "
                                "ya no admite seguimientos.")
            if p.fusionada_en is not None:
                destino = s.get(Peticion, p.fusionada_en)
                raise Conflicto(f"La petición {p.folio} se fusionó en {destino.folio}: registre el seguimiento allí.")
            limpios = reglas.validar_seguimiento(datos, ahora(), p.fecha_recepcion)
            aplicar_seguimiento(s, actor, p, limpios)
            s.flush()
            return datos_peticion(s, p, actor)

    def llamadas_pendientes(self, actor: Sesion, *, hoy: dt.date | None = None, solo_mias: bool = False,
                            limite: int = 500) -> list[LlamadaPendiente]:
        """Petitions whose next call is due today or overdue, oldest first, with who must call."""
        requerir(actor, Accion.VER_PETICIONES)
        hoy = hoy or dt.date.today()
        consulta = (select(Peticion, Ciudadano).join(Ciudadano, Ciudadano.id == Peticion.ciudadano_id)
                    .where(Peticion.proxima_llamada <= hoy,
                           Peticion.estatus.in_(("recibida", "canalizada", "en_seguimiento")))
                    .order_by(Peticion.proxima_llamada, Peticion.folio).limit(limite))
        if solo_mias:
            consulta = consulta.where(Peticion.responsable_id == actor.usuario_id)
        with self.bd.lectura(actor) as s:
            nombres = dict(s.execute(select(Usuario.id, Usuario.nombre)).all())
            resultado = []
            for p, c in s.execute(consulta):
                d = datos_de(c, None, actor)
                resultado.append(LlamadaPendiente(
                    p.id, p.folio, d.nombre_completo, d.telefono, p.proxima_llamada, p.estatus,
                    nombres.get(p.responsable_id, "—"), (hoy - p.proxima_llamada).days))
            return resultado


def aplicar_seguimiento(s, actor: Sesion, p: Peticion, limpios: dict) -> Seguimiento:
    """Store one cleaned follow-up (domain.peticiones.validar_seguimiento) and move the petition."""
    x = Seguimiento(id=nuevo_id(), peticion_id=p.id, fecha=limpios["fecha"], tipo=limpios["tipo"],
                    resultado=limpios.get("resultado"), nota=limpios.get("nota"), registrado_por=actor.usuario_id)
    s.add(x)
    p.estatus = reglas.estatus_tras_seguimiento(p.estatus, x.tipo)
    if x.tipo == "cierre":
        p.resultado, p.fecha_conclusion, p.proxima_llamada = x.resultado, x.fecha.date(), None
    elif limpios.get("proxima_llamada"):
        p.proxima_llamada = limpios["proxima_llamada"]
        p.responsable_id = actor.usuario_id or p.responsable_id
    elif x.tipo in reglas.LLAMADAS and x.resultado in reglas.SIN_CONTACTO:
        # Nobody answered: try again the next business day.
        p.proxima_llamada = calendario(s).sumar(x.fecha.date(), 1)
        p.responsable_id = actor.usuario_id or p.responsable_id
    elif x.tipo in reglas.LLAMADAS:
        p.proxima_llamada = None
    return x
