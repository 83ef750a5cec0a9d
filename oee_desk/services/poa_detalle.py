"""Drill-down of the POA tally: the records a cell counts, by the same rules as the count, a page
at a time (a year's Total row may hold hundreds of thousands)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, literal, select, union_all

from ..db.modelos import Canal, Dependencia, Tema
from ..db.modelos_atencion import Peticion, Seguimiento
from ..db.modelos_correspondencia import Oficio, Turno
from ..domain import validacion as v
from ..domain.errores import ErrorValidacion
from ..domain.texto import MESES

FILAS = ("canal", "seguimiento", "total")  # a channel's row (with its code), the Seguimiento row, the Total


@dataclass(frozen=True)
class RegistroContado:
    tipo: str  # Petición | Seguimiento | Oficio | Turno
    clave: str  # folio or control number
    fecha: dt.datetime
    canal: str
    detalle: str


@dataclass(frozen=True)
class DetalleCelda:
    titulo: str
    total: int
    registros: tuple[RegistroContado, ...]
    nota: str | None = None


def rango(anio: int, mes: int | None, meses: tuple[int, int] | None = None) -> tuple[dt.datetime, dt.datetime]:
    """A month, a span of months (a quarter) or the whole year, as [desde, hasta)."""
    primero, ultimo = meses or ((mes, mes) if mes else (1, 12))
    hasta = dt.datetime(anio + 1, 1, 1) if ultimo == 12 else dt.datetime(anio, ultimo + 1, 1)
    return dt.datetime(anio, primero, 1), hasta


def _peticiones(desde, hasta, indicador: int, canal: str | None):
    consulta = (select(literal("Petición").label("tipo"), Peticion.folio.label("clave"),
                       Peticion.fecha_recepcion.label("fecha"), Canal.nombre.label("canal"),
                       Tema.nombre.label("detalle"))
                .join(Canal, Canal.id == Peticion.canal_id).join(Tema, Tema.id == Peticion.tema_id)
                .where(Peticion.fecha_recepcion >= desde, Peticion.fecha_recepcion < hasta,
                       Peticion.estatus != "anulada", Peticion.fusionada_en.is_(None), Canal.indicador == indicador))
    return consulta.where(Canal.codigo == canal) if canal else consulta


def _seguimientos(desde, hasta, indicador: int | None):
    """Follow-ups by their own date, under their petition's channel's indicator (None: any)."""
    consulta = (select(literal("Seguimiento").label("tipo"), Peticion.folio.label("clave"),
                       Seguimiento.fecha.label("fecha"), Canal.nombre.label("canal"),
                       Seguimiento.tipo.label("detalle"))
                .join(Peticion, Peticion.id == Seguimiento.peticion_id).join(Canal, Canal.id == Peticion.canal_id)
                .where(Seguimiento.fecha >= desde, Seguimiento.fecha < hasta))
    return consulta if indicador is None else consulta.where(Canal.indicador == indicador)


def _oficios(desde, hasta):
    return (select(literal("Oficio").label("tipo"), Oficio.numero_control.label("clave"),
                   Oficio.fecha_recepcion.label("fecha"), literal("").label("canal"), Oficio.asunto.label("detalle"))
            .where(Oficio.fecha_recepcion >= desde, Oficio.fecha_recepcion < hasta, Oficio.anulado.is_(False)))


def _turnos(desde, hasta):
    return (select(literal("Turno").label("tipo"), Oficio.numero_control.label("clave"),
                   Turno.fecha_turno.label("fecha"), Dependencia.nombre.label("canal"), Turno.rol.label("detalle"))
            .join(Oficio, Oficio.id == Turno.oficio_id).join(Dependencia, Dependencia.id == Turno.dependencia_id)
            .where(Turno.fecha_turno >= desde, Turno.fecha_turno < hasta, Turno.cancelado.is_(False)))


def consulta_celda(anio: int, indicador: int, fila: str, canal: str | None, mes: int | None,
                   meses: tuple[int, int] | None = None):
    desde, hasta = rango(anio, mes, meses)
    if fila == "canal":
        return _peticiones(desde, hasta, indicador, canal)
    if fila == "seguimiento":
        return _seguimientos(desde, hasta, indicador)
    return union_all(_peticiones(desde, hasta, indicador, None), _seguimientos(desde, hasta, indicador))


def consulta_seguimientos(anio: int, mes: int | None):
    """Every follow-up of a month (None: the year), whatever the indicator: the Seguimiento rows of
    both indicators together, as the dashboard's «Seguimientos del mes» adds them up."""
    return _seguimientos(*rango(anio, mes), None)


def consulta_regla(anio: int, regla: dict, meses: tuple[int, int] | None):
    """The records an automatic meta counts (domain.metas.CUENTAS)."""
    cuenta, indicador = regla.get("cuenta"), regla.get("indicador")
    desde, hasta = rango(anio, None, meses)
    if cuenta == "oficios":
        return _oficios(desde, hasta)
    if cuenta == "turnos":
        return _turnos(desde, hasta)
    fila = {"peticiones": "canal", "seguimientos": "seguimiento", "ambos": "total"}[cuenta]
    return consulta_celda(anio, indicador, fila, None, None, meses)


def pagina(s, consulta, titulo: str, limite: int, desplazamiento: int, nota: str | None = None) -> DetalleCelda:
    limite = v.entero("limite", limite, minimo=1, maximo=5000)
    desplazamiento = v.entero("desplazamiento", desplazamiento, minimo=0)
    sub = consulta.subquery()
    total = s.scalar(select(func.count()).select_from(sub))
    filas = s.execute(select(sub).order_by(sub.c.fecha, sub.c.clave).limit(limite).offset(desplazamiento))
    return DetalleCelda(titulo, total, tuple(RegistroContado(f.tipo, f.clave, f.fecha, f.canal or "", f.detalle or "")
                                             for f in filas), nota)


def validar_celda(fila: str, canal: str | None, mes: int | None) -> None:
    if fila not in FILAS:
        raise ErrorValidacion.de("fila", f"debe ser una de: {', '.join(FILAS)}")
    if fila == "canal" and not canal:
        raise ErrorValidacion.de("canal", "la fila de un canal necesita su código")
    if mes is not None:
        v.entero("mes", mes, minimo=1, maximo=12)


def validar_hasta(hasta_mes: int | None) -> int:
    return 12 if hasta_mes is None else v.entero("hasta_mes", hasta_mes, minimo=1, maximo=12)


def titulo_celda(rubro: str, anio: int, mes: int | None, hasta_mes: int = 12) -> str:
    if mes:
        periodo = MESES[mes - 1]
    else:
        periodo = "total del año" if hasta_mes == 12 else f"enero a {MESES[hasta_mes - 1]}"
    return f"{rubro} · {periodo} {anio}"
