"""The POA tally («Informe de metas según el POA», poa-report.md), computed from the records: one
GROUP BY per kind of record, however many there are."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import extract, func, select

from ..db.base import ahora
from ..db.modelos import Canal
from ..db.modelos_atencion import Peticion, Seguimiento
from ..db.modelos_correspondencia import Oficio, Turno
from ..db.modelos_metas import Meta
from ..db.motor import BaseDatos
from ..domain import metas as reglas
from ..domain.roles import Accion
from .sesion import Sesion, requerir

NOMBRES_INDICADOR = {
    1: "Índice de cumplimiento del programa de Atención Ciudadana",
    2: "Índice de cumplimiento del programa de Atención a Giras",
}
RUBRO_SEGUIMIENTO = {1: "Seguimiento a Peticiones", 2: "Seguimiento a Peticiones de Giras"}
RUBRO_TOTAL = "Total de Peticiones Atendidas"


@dataclass(frozen=True)
class FilaIndicador:
    rubro: str
    canal: str | None  # the channel's code; None for the Seguimiento and Total rows
    meses: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.meses)

    def como_json(self) -> dict:
        return {"rubro": self.rubro, "canal": self.canal, "meses": list(self.meses), "total": self.total}


@dataclass(frozen=True)
class Indicador:
    numero: int
    nombre: str
    filas: tuple[FilaIndicador, ...]

    def como_json(self) -> dict:
        return {"numero": self.numero, "nombre": self.nombre, "filas": [f.como_json() for f in self.filas]}


@dataclass(frozen=True)
class FilaMeta:
    numero: int
    descripcion: str
    area: str
    unidad: str
    fuente: str
    trimestres: tuple[float | int | None, ...]
    total: float | int | None
    programado: float | int | None
    cumplimiento_pct: float | None

    def como_json(self) -> dict:
        return {"numero": self.numero, "descripcion": self.descripcion, "area": self.area, "unidad": self.unidad,
                "trimestres": list(self.trimestres), "total": self.total, "programado": self.programado,
                "cumplimiento_pct": self.cumplimiento_pct}


@dataclass(frozen=True)
class ReportePoa:
    anio: int
    mes: int | None  # None: the whole year
    generado: dt.datetime
    generado_por: str
    indicadores: tuple[Indicador, ...]
    metas: tuple[FilaMeta, ...] = field(default=())

    @property
    def totales_metas(self) -> list[int | float]:
        """Per quarter, the sum over the `conteo` metas only (poa-report.md)."""
        conteos = [m for m in self.metas if m.unidad == "conteo"]
        return [sum(m.trimestres[q] or 0 for m in conteos) for q in range(4)]

    def como_json(self) -> dict:
        return {"anio": self.anio, "generado": self.generado.isoformat(),
                "indicadores": [i.como_json() for i in self.indicadores],
                "metas": [m.como_json() for m in self.metas], "totales_metas": self.totales_metas}


def _periodo(anio: int, mes: int | None) -> tuple[dt.datetime, dt.datetime]:
    """From January 1st to the end of the year, or of month `mes` (a monthly report is year-to-date)."""
    hasta = dt.datetime(anio + 1, 1, 1) if not mes or mes == 12 else dt.datetime(anio, mes + 1, 1)
    return dt.datetime(anio, 1, 1), hasta


def _por_mes(filas) -> dict:
    """(clave, mes, n) rows → {clave: [n per month]}."""
    resultado: dict = {}
    for clave, mes, n in filas:
        resultado.setdefault(clave, [0] * 12)[int(mes) - 1] += n
    return resultado


class ServicioPoa:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def generar(self, actor: Sesion, anio: int, mes: int | None = None) -> ReportePoa:
        requerir(actor, Accion.VER_REPORTES)
        desde, hasta = _periodo(anio, mes)
        with self.bd.lectura(actor) as s:
            canales = list(s.scalars(select(Canal).order_by(Canal.indicador, Canal.orden, Canal.codigo)))
            # Annulled petitions and those merged into another are not requests received (poa-report.md).
            peticiones = _por_mes(s.execute(
                select(Peticion.canal_id, extract("month", Peticion.fecha_recepcion), func.count())
                .where(Peticion.fecha_recepcion >= desde, Peticion.fecha_recepcion < hasta,
                       Peticion.estatus != "anulada", Peticion.fusionada_en.is_(None))
                .group_by(Peticion.canal_id, extract("month", Peticion.fecha_recepcion))))
            seguimientos = _por_mes(s.execute(
                select(Canal.indicador, extract("month", Seguimiento.fecha), func.count())
                .join(Peticion, Peticion.id == Seguimiento.peticion_id).join(Canal, Canal.id == Peticion.canal_id)
                .where(Seguimiento.fecha >= desde, Seguimiento.fecha < hasta)
                .group_by(Canal.indicador, extract("month", Seguimiento.fecha))))
            metas = list(s.scalars(select(Meta).where(Meta.anio == anio).order_by(Meta.numero)))
            correspondencia = self._correspondencia(s, desde, hasta) if any(
                (m.regla or {}).get("cuenta") in ("oficios", "turnos") for m in metas) else {}
        indicadores = []
        for numero in sorted({c.indicador for c in canales} | set(NOMBRES_INDICADOR)):
            filas = [FilaIndicador(c.nombre, c.codigo, tuple(peticiones.get(c.id, [0] * 12)))
                     for c in canales if c.indicador == numero]
            filas.append(FilaIndicador(RUBRO_SEGUIMIENTO.get(numero, "Seguimiento a Peticiones"), None,
                                       tuple(seguimientos.get(numero, [0] * 12))))
            filas.append(FilaIndicador(RUBRO_TOTAL, None, tuple(sum(f.meses[m] for f in filas) for m in range(12))))
            indicadores.append(Indicador(numero, NOMBRES_INDICADOR.get(numero, f"Indicador {numero}"), tuple(filas)))
        mensual = {("peticiones", i.numero): [sum(f.meses[m] for f in i.filas if f.canal) for m in range(12)]
                   for i in indicadores}
        mensual.update({("seguimientos", i.numero): list(i.filas[-2].meses) for i in indicadores})
        mensual.update({("ambos", i.numero): list(i.filas[-1].meses) for i in indicadores})
        mensual.update({(cuenta, None): valores for cuenta, valores in correspondencia.items()})
        filas_metas = tuple(self._meta(m, mensual) for m in metas)
        return ReportePoa(anio, mes, ahora(), actor.nombre_completo, tuple(indicadores), filas_metas)

    @staticmethod
    def _correspondencia(s, desde: dt.datetime, hasta: dt.datetime) -> dict[str, list[int]]:
        def meses(columna, *condiciones) -> list[int]:
            por_mes = [0] * 12
            consulta = (select(extract("month", columna), func.count())
                        .where(columna >= desde, columna < hasta, *condiciones).group_by(extract("month", columna)))
            for mes, n in s.execute(consulta):
                por_mes[int(mes) - 1] = n
            return por_mes

        return {"oficios": meses(Oficio.fecha_recepcion, Oficio.anulado.is_(False)),
                "turnos": meses(Turno.fecha_turno, Turno.cancelado.is_(False))}

    @staticmethod
    def _meta(m: Meta, mensual: dict) -> FilaMeta:
        if m.fuente == "automatica":
            regla = m.regla or {}
            valores = mensual.get((regla.get("cuenta"), regla.get("indicador")), [0] * 12)
            trimestres = reglas.a_trimestres(valores, "conteo" if m.unidad == "conteo" else m.unidad)
        else:
            trimestres = reglas.a_trimestres(list(m.alcanzado or [None] * len(m.programado)), m.unidad)
        total = reglas.total_anual(trimestres, m.unidad)
        programado = reglas.total_anual(reglas.a_trimestres(list(m.programado), m.unidad), m.unidad)
        return FilaMeta(m.numero, m.descripcion, m.area, m.unidad, m.fuente, tuple(trimestres), total, programado,
                        reglas.cumplimiento(total, programado))
