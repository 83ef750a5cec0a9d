"""Gapless control numbers: one counter row per series and year, taken inside the caller's
transaction.

The UPDATE … RETURNING holds the counter row's lock (PostgreSQL, READ COMMITTED) or the whole
write lock (SQLite, BEGIN IMMEDIATE) until the registration commits; if it rolls back, so does
the counter, so a number is never skipped. The unique (series, year, number) constraint on
`oficios` is the backstop.
"""
from __future__ import annotations

import uuid

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from ..db.auditoria import auditar
from ..db.base import nuevo_id
from ..db.modelos import SerieControl
from ..db.modelos_correspondencia import ContadorSerie, Oficio
from ..db.motor import BaseDatos
from ..domain import validacion as v
from ..domain.errores import Conflicto, ErrorValidacion
from ..domain.roles import Accion
from .sesion import Sesion, requerir


def _asegurar_contador(s: Session, serie_id: uuid.UUID, anio: int, inicio: int = 1) -> None:
    """Create the year's counter if missing, without failing when another writer just did."""
    # Imported here: loading the PostgreSQL dialect at start would cost a SQLite workstation ~20 ms.
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql as dialecto
    else:
        from sqlalchemy.dialects import sqlite as dialecto
    s.execute(dialecto.insert(ContadorSerie)
              .values(id=nuevo_id(), serie_control_id=serie_id, anio=anio, siguiente=inicio)
              .on_conflict_do_nothing(index_elements=["serie_control_id", "anio"]))


# Built once, run on the connection rather than through the ORM: no mapped object holds a counter
# to synchronize, and building and routing the statement cost more Python than the server spends.
_INCREMENTO = (update(ContadorSerie)
               .where(ContadorSerie.serie_control_id == bindparam("serie_id"), ContadorSerie.anio == bindparam("del_anio"))
               .values(siguiente=ContadorSerie.siguiente + 1)
               .returning(ContadorSerie.siguiente))


def tomar_numero(s: Session, serie_id: uuid.UUID, anio: int) -> int:
    """The next number of the series for the year; must run inside a write transaction."""
    conexion = s.connection()
    nuevo = conexion.execute(_INCREMENTO, {"serie_id": serie_id, "del_anio": anio}).scalar()
    if nuevo is None:
        _asegurar_contador(s, serie_id, anio)
        nuevo = conexion.execute(_INCREMENTO, {"serie_id": serie_id, "del_anio": anio}).scalar_one()
    return nuevo - 1


def elevar_al_menos(s: Session, serie_id: uuid.UUID, anio: int, siguiente: int) -> None:
    """Imported history: the counter never hands out a number already used."""
    _asegurar_contador(s, serie_id, anio, siguiente)
    s.execute(update(ContadorSerie)
              .where(ContadorSerie.serie_control_id == serie_id, ContadorSerie.anio == anio,
                     ContadorSerie.siguiente < siguiente)
              .values(siguiente=siguiente))


def serie_por_codigo(s: Session, codigo: str, *, campo: str = "serie") -> SerieControl:
    serie = s.scalar(select(SerieControl).where(func.lower(SerieControl.codigo) == (codigo or "").strip().lower()))
    if serie is None:
        raise ErrorValidacion.de(campo, f"la serie «{codigo}» no existe")
    return serie


class ServicioSeries:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def siguiente(self, actor: Sesion, serie: str, anio: int) -> int:
        requerir(actor, Accion.VER_CATALOGOS)
        with self.bd.lectura(actor) as s:
            fila = serie_por_codigo(s, serie)
            valor = s.scalar(select(ContadorSerie.siguiente).where(
                ContadorSerie.serie_control_id == fila.id, ContadorSerie.anio == anio))
            return valor or 1

    def ajustar(self, actor: Sesion, serie: str, anio: int, siguiente: int) -> int:
        """Raise a series' next number (a year begun elsewhere: 2021 began at 1034). Never lower."""
        requerir(actor, Accion.AJUSTAR_SERIES)
        anio = v.entero("año", anio, minimo=2000, maximo=2100)
        siguiente = v.entero("siguiente", siguiente, minimo=1, maximo=10_000_000)
        with self.bd.escritura(actor) as s:
            fila = serie_por_codigo(s, serie)
            _asegurar_contador(s, fila.id, anio)
            contador = s.scalar(select(ContadorSerie).where(
                ContadorSerie.serie_control_id == fila.id, ContadorSerie.anio == anio).with_for_update())
            usado = s.scalar(select(func.max(Oficio.numero)).where(
                Oficio.serie_control_id == fila.id, Oficio.anio == anio)) or 0
            if siguiente < contador.siguiente or siguiente <= usado:
                raise Conflicto(
                    f"El siguiente número de {fila.codigo} en {anio} ya es {contador.siguiente}; "
                    "solo puede subirse, nunca bajarse.")
            antes = contador.siguiente
            contador.siguiente = siguiente
            auditar(s, actor, "ajustar_serie", "contadores_serie", contador.id,
                    {"serie": fila.codigo, "anio": anio, "siguiente": antes},
                    {"serie": fila.codigo, "anio": anio, "siguiente": siguiente})
            return siguiente



def serie_por_uso(s: Session, uso: str, codigo: str | None = None) -> SerieControl:
    """The active series that numbers `uso` (peticiones, canalizacion, giras): the one named by
    `codigo`, else the first by code. The admin configures it like the control series."""
    consulta = select(SerieControl).where(SerieControl.uso == uso, SerieControl.activo.is_(True))
    if codigo:
        consulta = consulta.where(func.lower(SerieControl.codigo) == codigo.strip().lower())
    serie = s.scalars(consulta.order_by(SerieControl.codigo)).first()
    if serie is None:
        from ..domain.catalogos import USOS_SERIE
        raise ErrorValidacion.de("serie", f"no hay una serie activa de {USOS_SERIE[uso].lower()} "
                                          "en el catálogo Series de control")
    return serie
