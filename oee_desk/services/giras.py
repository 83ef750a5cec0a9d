"""Giras: the Governor's tours, each with its clave, and the petitions received there."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from ..db.base import nuevo_id
from ..db.modelos import Municipio, Tema
from ..db.modelos_atencion import Gira, Peticion
from ..db.motor import BaseDatos
from ..domain import numeracion, peticiones as reglas
from ..domain.errores import NoEncontrado
from ..domain.roles import Accion
from .catalogos import resolver
from .numeracion import serie_por_uso, tomar_numero
from .sesion import Sesion, requerir


@dataclass(frozen=True)
class DatosGira:
    id: uuid.UUID
    clave: str
    fecha: dt.date
    municipio: str
    municipio_nombre: str
    localidad: str | None
    evento: str
    peticiones: int = 0
    por_tema: tuple[tuple[str, int], ...] = ()

    def como_json(self) -> dict:
        return {"id": str(self.id), "clave": self.clave, "fecha": self.fecha.isoformat(), "municipio": self.municipio,
                "municipio_nombre": self.municipio_nombre, "localidad": self.localidad, "evento": self.evento,
                "peticiones": self.peticiones, "por_tema": [{"tema": t, "peticiones": n} for t, n in self.por_tema]}


def _datos(g: Gira, m: Municipio, peticiones: int = 0, por_tema=()) -> DatosGira:
    return DatosGira(g.id, g.clave, g.fecha, m.clave, m.nombre, g.localidad, g.evento, peticiones, tuple(por_tema))


class ServicioGiras:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def registrar(self, actor: Sesion, datos: dict) -> DatosGira:
        requerir(actor, Accion.REGISTRAR_GIRAS)
        limpios = reglas.validar_gira(datos, dt.date.today())
        with self.bd.escritura(actor) as s:
            municipio = resolver(s, "municipios", limpios["municipio"], "municipio")
            serie = serie_por_uso(s, "giras")
            anio = limpios["fecha"].year
            numero = tomar_numero(s, serie.id, anio)
            g = Gira(id=nuevo_id(), clave=numeracion.formatear(serie.plantilla, numero, anio),
                     serie_control_id=serie.id, anio=anio, numero=numero, fecha=limpios["fecha"],
                     municipio_id=municipio.id, localidad=limpios.get("localidad"), evento=limpios["evento"],
                     registrado_por=actor.usuario_id)
            s.add(g)
            s.flush()
            return _datos(g, municipio)

    def listar(self, actor: Sesion, *, anio: int | None = None, limite: int = 500) -> list[DatosGira]:
        """Newest first, each with how many (not annulled) petitions it received."""
        requerir(actor, Accion.VER_PETICIONES)
        cuenta = (select(func.count()).where(Peticion.gira_id == Gira.id, Peticion.estatus != "anulada")
                  .scalar_subquery())
        consulta = select(Gira, Municipio, cuenta).join(Municipio, Municipio.id == Gira.municipio_id)
        if anio:
            consulta = consulta.where(Gira.anio == anio)
        with self.bd.lectura(actor) as s:
            filas = s.execute(consulta.order_by(Gira.fecha.desc(), Gira.clave.desc()).limit(limite)).all()
            return [_datos(g, m, n) for g, m, n in filas]

    def obtener(self, actor: Sesion, clave: str) -> DatosGira:
        """One tour with its petitions counted by topic: the per-gira report."""
        requerir(actor, Accion.VER_PETICIONES)
        with self.bd.lectura(actor) as s:
            g = s.scalar(select(Gira).where(Gira.clave == (clave or "").strip().upper()))
            if g is None:
                raise NoEncontrado(f"No existe la gira «{clave}».")
            por_tema = s.execute(
                select(Tema.nombre, func.count()).join(Peticion, Peticion.tema_id == Tema.id)
                .where(Peticion.gira_id == g.id, Peticion.estatus != "anulada")
                .group_by(Tema.nombre).order_by(func.count().desc(), Tema.nombre)).all()
            return _datos(g, s.get(Municipio, g.municipio_id), sum(n for _, n in por_tema), por_tema)
