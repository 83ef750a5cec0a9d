"""Metas POA: load a year's goals (`metas cargar`), list them, copy them to a new year."""
from __future__ import annotations

from sqlalchemy import select

from ..db.base import nuevo_id
from ..db.modelos_metas import Meta
from ..db.motor import BaseDatos
from ..domain import metas as reglas
from ..domain import validacion as v
from ..domain.errores import Conflicto
from ..domain.roles import Accion
from .sesion import Sesion, requerir

CAMPOS = ("descripcion", "area", "unidad", "periodicidad", "fuente", "regla", "programado", "alcanzado")


class ServicioMetas:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def cargar(self, actor: Sesion, documento: dict) -> dict:
        """Create or replace the year's metas by number; every change audited. Returns a summary."""
        requerir(actor, Accion.DEFINIR_METAS)
        anio, metas = reglas.validar_documento(documento)
        creadas = actualizadas = 0
        with self.bd.escritura(actor) as s:
            existentes = {m.numero: m for m in s.scalars(select(Meta).where(Meta.anio == anio))}
            for limpia in metas:
                fila = existentes.get(limpia["numero"])
                if fila is None:
                    s.add(Meta(id=nuevo_id(), anio=anio, **limpia))
                    creadas += 1
                    continue
                cambios = {k: limpia[k] for k in CAMPOS if getattr(fila, k) != limpia[k]}
                for k, x in cambios.items():
                    setattr(fila, k, x)
                actualizadas += bool(cambios)
        return {"anio": anio, "metas": len(metas), "creadas": creadas, "actualizadas": actualizadas}

    def listar(self, actor: Sesion, anio: int) -> list[dict]:
        requerir(actor, Accion.VER_REPORTES)
        with self.bd.lectura(actor) as s:
            return [{"numero": m.numero, **{k: getattr(m, k) for k in CAMPOS}, "version": m.version}
                    for m in s.scalars(select(Meta).where(Meta.anio == anio).order_by(Meta.numero))]

    def copiar_anio(self, actor: Sesion, desde: int, hacia: int) -> int:
        """Last year's metas as this year's starting point: same goals, achieved values blank."""
        requerir(actor, Accion.DEFINIR_METAS)
        desde = v.entero("desde", desde, minimo=2000, maximo=2100)
        hacia = v.entero("hacia", hacia, minimo=2000, maximo=2100)
        with self.bd.escritura(actor) as s:
            if s.scalar(select(Meta.id).where(Meta.anio == hacia).limit(1)):
                raise Conflicto(f"El año {hacia} ya tiene metas: edítelas en lugar de copiarlas.")
            origen = list(s.scalars(select(Meta).where(Meta.anio == desde)))
            for m in origen:
                s.add(Meta(id=nuevo_id(), anio=hacia, numero=m.numero, descripcion=m.descripcion, area=m.area,
                           unidad=m.unidad, periodicidad=m.periodicidad, fuente=m.fuente, regla=m.regla,
                           programado=list(m.programado),
                           alcanzado=[None] * len(m.programado) if m.fuente == "manual" else None))
            return len(origen)
