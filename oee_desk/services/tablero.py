"""The supervisor's dashboard (Inicio): this month's figures against the programmed metas, the year
by channel, the oficios' traffic lights, the 48-hour target, overdue turns and callbacks due.

One read transaction of aggregate queries, whatever the size of the tables: it must be ready within a
second at 1,000,000 petitions and 2,000,000 follow-ups. Each figure is counted the way the list it
leads to (or the POA tally) counts it, reusing their expressions, so that a supervisor who clicks a
figure finds that many rows.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import and_, case, func, or_, select

from ..db.base import ahora
from ..db.modelos import Canal, Dependencia
from ..db.modelos_atencion import Peticion
from ..db.modelos_correspondencia import Oficio, Turno
from ..db.modelos_metas import Meta
from ..db.motor import BaseDatos
from ..domain import metas as reglas
from ..domain import semaforo
from ..domain import validacion
from ..domain.peticiones import ABIERTAS
from ..domain.roles import Accion
from .bandeja import (FiltroBandeja, _abiertos_responsables, _filtrar, sin_turnar_pasadas_48_horas,
                      turnado_en_48_horas)
from . import poa
from . import poa_detalle
from .poa_detalle import DetalleCelda, consulta_regla
from .sesion import Sesion, requerir

ESTADOS_ABIERTOS = tuple(e for e, estado in semaforo.ESTATUS_TURNO.items() if estado is not semaforo.Estado.ATENDIDO)
PASOS = 8  # steps reported to the progress callback


@dataclass(frozen=True)
class SerieCanal:
    """A channel's petitions per month of the year (the chart), counted as the POA tally counts."""
    codigo: str
    nombre: str
    indicador: int
    meses: tuple[int, ...]  # 12

    @property
    def total(self) -> int:
        return sum(self.meses)


@dataclass(frozen=True)
class AvanceMeta:
    """An automatic meta's period so far: this month (monthly metas) or this quarter to date."""
    numero: int
    descripcion: str
    cuenta: str  # peticiones | seguimientos | ambos | oficios | turnos
    indicador: int | None
    periodos: int  # 12 (monthly) or 4 (quarterly)
    periodo: int  # 0-based index of the month or the quarter
    alcanzado: int
    programado: float | int | None

    @property
    def nombre_periodo(self) -> str:
        return reglas.nombre_periodo(self.periodos, self.periodo)

    @property
    def cumplimiento_pct(self) -> float | None:
        return reglas.cumplimiento(self.alcanzado, self.programado)


@dataclass(frozen=True)
class VencidosDependencia:
    codigo: str
    nombre: str
    vencidos: int  # responsible turns open past their due date


@dataclass(frozen=True)
class Tablero:
    anio: int
    mes: int  # 1–12: the month of `hoy`
    hoy: dt.date
    generado: dt.datetime
    peticiones_mes: int  # without annulled or merged petitions (poa-report.md)
    seguimientos_mes: int
    metas: tuple[AvanceMeta, ...]
    canales: tuple[SerieCanal, ...]
    # The year's oficios (not annulled) by stored state: sin_turnar, sin_atender, en_proceso, atendido.
    oficios_por_estado: dict[str, int]
    # Those still open (sin_atender, en_proceso) by (state, timeliness), as the bandeja's semáforo filter.
    oficios_por_semaforo: dict[tuple[str, str], int]
    asuntos_vencidos: int  # matters of any year with an overdue responsible turn (the bandeja's «Vencido»)
    # The year's oficios whose 48-hour target is decided: turned, or not turned 48 hours on (the
    # bandeja's «Turnado en 48 h» Sí and No together).
    oficios_con_meta_48h: int
    turnados_en_48_horas: int
    turnos_vencidos: int  # every agency's, not only the top ones listed
    vencidos_por_dependencia: tuple[VencidosDependencia, ...]  # most overdue first
    llamadas_pendientes: int  # callbacks due today or earlier
    llamadas_atrasadas: int  # of those, due before today

    @property
    def oficios_recibidos(self) -> int:
        return sum(self.oficios_por_estado.values())

    @property
    def cumplimiento_48_horas(self) -> float | None:
        """Percentage of those turned within 48 hours (as the status report's)."""
        if not self.oficios_con_meta_48h:
            return None
        return round(100 * self.turnados_en_48_horas / self.oficios_con_meta_48h, 1)

    @property
    def peticiones_por_mes(self) -> tuple[int, ...]:
        return tuple(sum(c.meses[m] for c in self.canales) for m in range(12))


def _contar_si(*condiciones):
    """count(*) of the rows that meet `condiciones`, as an aggregate rather than in WHERE: SQLite plans
    without statistics (the application never runs ANALYZE) and, given `fusionada_en IS NULL` or
    `estatus IN (…)` in WHERE, walks their index, which holds most rows, instead of the narrow range
    of dates (or of callback days) the query is about."""
    return func.count(case((and_(*condiciones), 1)))


def _meta_por_mes(programado: list) -> bool:
    return len(programado) == 12


class ServicioTablero:
    def __init__(self, bd: BaseDatos):
        self.bd = bd
        self._dialecto = bd.motor.dialect.name

    def calcular(self, actor: Sesion, hoy: dt.date | None = None, *, dependencias: int = 10,
                 progreso: Callable[[int, int], None] | None = None) -> Tablero:
        """Every figure of the dashboard for the month and year of `hoy`; `dependencias`: how many
        agencies of the overdue ranking to list."""
        requerir(actor, Accion.VER_REPORTES)
        hoy = hoy or dt.date.today()
        anio, mes = hoy.year, hoy.month
        paso = iter(range(1, PASOS + 1))

        def avanzar() -> None:
            if progreso:
                progreso(next(paso), PASOS)

        with self.bd.lectura(actor) as s:
            canales = s.execute(select(Canal.id, Canal.codigo, Canal.nombre, Canal.indicador, Canal.activo)
                                .order_by(Canal.indicador, Canal.orden, Canal.codigo)).all()
            # The POA tally's own counts (kept by triggers): the same figures the report prints.
            por_canal, seguimientos = poa.contar(s, anio, None, {c.id: c.indicador for c in canales})
            series = tuple(SerieCanal(c.codigo, c.nombre, c.indicador, tuple(por_canal.get(c.id, [0] * 12)))
                           for c in canales if c.activo or c.id in por_canal)
            avanzar()
            seguimientos_mes = sum(meses[mes - 1] for meses in seguimientos.values())
            avanzar()
            metas = self._metas(s, anio, mes, series, seguimientos)
            avanzar()
            oficios_por_estado, oficios_por_semaforo = self._semaforo(s, anio, hoy)
            avanzar()
            asuntos_vencidos = s.scalar(_filtrar(select(func.count(Oficio.id)), FiltroBandeja(oportunidad="vencido"),
                                                 hoy, self._dialecto))
            avanzar()
            # The bandeja's «Turnado en 48 h» expressions, so the figures are its lists' counts.
            con_meta, en_48_horas = s.execute(
                select(func.count(), _contar_si(turnado_en_48_horas(self._dialecto)))
                .where(Oficio.anio == anio, Oficio.anulado.is_(False),
                       or_(Oficio.primer_turno.is_not(None), sin_turnar_pasadas_48_horas(hoy)))).one()
            avanzar()
            vencidos = s.execute(
                select(Dependencia.codigo, Dependencia.nombre, func.count())
                .join(Turno, Turno.dependencia_id == Dependencia.id).join(Oficio, Oficio.id == Turno.oficio_id)
                .where(Turno.cancelado.is_(False), Turno.rol == "responsable", Turno.estatus.in_(ESTADOS_ABIERTOS),
                       Turno.fecha_limite < hoy, Oficio.anulado.is_(False))
                .group_by(Dependencia.codigo, Dependencia.nombre)
                .order_by(func.count().desc(), Dependencia.codigo)).all()
            avanzar()
            # The «Llamadas pendientes» queue (services.seguimientos), counted instead of listed.
            abierta = Peticion.estatus.in_(ABIERTAS)
            llamadas, atrasadas = s.execute(
                select(_contar_si(abierta), _contar_si(abierta, Peticion.proxima_llamada < hoy))
                .where(Peticion.proxima_llamada <= hoy)).one()
            avanzar()
        return Tablero(
            anio=anio, mes=mes, hoy=hoy, generado=ahora(),
            peticiones_mes=sum(c.meses[mes - 1] for c in series), seguimientos_mes=seguimientos_mes,
            metas=metas, canales=series,
            oficios_por_estado=oficios_por_estado, oficios_por_semaforo=oficios_por_semaforo,
            asuntos_vencidos=asuntos_vencidos, oficios_con_meta_48h=con_meta, turnados_en_48_horas=en_48_horas,
            turnos_vencidos=sum(n for _, _, n in vencidos),
            vencidos_por_dependencia=tuple(VencidosDependencia(c, n, v) for c, n, v in vencidos[:dependencias]),
            llamadas_pendientes=llamadas, llamadas_atrasadas=atrasadas)

    def seguimientos_del_mes(self, actor: Sesion, anio: int, mes: int, *, limite: int = 200,
                             desplazamiento: int = 0) -> DetalleCelda:
        """The follow-ups «Seguimientos del mes» counts: every one registered in `mes` of `anio`, of
        both indicators, as the POA drill-down lists a Seguimiento cell, a page at a time."""
        requerir(actor, Accion.VER_REPORTES)
        mes = validacion.entero("mes", mes, minimo=1, maximo=12)
        titulo = poa_detalle.titulo_celda("Seguimientos registrados, de ambos indicadores", anio, mes)
        with self.bd.lectura(actor) as s:
            return poa_detalle.pagina(s, poa_detalle.consulta_seguimientos(anio, mes), titulo, limite, desplazamiento)

    @staticmethod
    def _metas(s, anio: int, mes: int, series: tuple[SerieCanal, ...],
               seguimientos: dict[int, list[int]]) -> tuple[AvanceMeta, ...]:
        """The year's automatic metas (counts) over this month, or this quarter if quarterly: petitions
        and follow-ups (by indicator) from the tally's counts; oficios and turnos (small tables) by the
        POA drill-down's own query."""
        metas = s.execute(select(Meta.numero, Meta.descripcion, Meta.regla, Meta.programado)
                          .where(Meta.anio == anio, Meta.fuente == "automatica", Meta.unidad == "conteo")
                          .order_by(Meta.numero)).all()
        trimestre = (mes - 1) // 3
        def mensual(cuenta: str, indicador: int | None) -> list[int]:
            peticiones = [sum(c.meses[i] for c in series if c.indicador == indicador) for i in range(12)]
            del_indicador = seguimientos.get(indicador, [0] * 12)
            return {"peticiones": peticiones, "seguimientos": del_indicador,
                    "ambos": [p + x for p, x in zip(peticiones, del_indicador)]}[cuenta]

        avances = []
        for m in metas:
            regla = m.regla or {}
            periodo = mes - 1 if _meta_por_mes(m.programado) else trimestre
            desde, hasta = (mes, mes) if _meta_por_mes(m.programado) else (3 * periodo + 1, 3 * periodo + 3)
            if regla.get("cuenta") in ("oficios", "turnos"):
                alcanzado = s.scalar(select(func.count()).select_from(consulta_regla(anio, regla, (desde, hasta))
                                                                      .subquery()))
            else:
                alcanzado = sum(mensual(regla.get("cuenta"), regla.get("indicador"))[desde - 1:hasta])
            avances.append(AvanceMeta(m.numero, m.descripcion, regla.get("cuenta"), regla.get("indicador"),
                                      len(m.programado), periodo, alcanzado, m.programado[periodo]))
        return tuple(avances)

    @staticmethod
    def _semaforo(s, anio: int, hoy: dt.date) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
        """The year's oficios by state and, the open ones, by timeliness: the bandeja's own conditions
        in the order its filter makes them exclusive (vencido, then por vencer, else en tiempo)."""
        oportunidad = case(
            (_abiertos_responsables(hoy, Turno.fecha_limite < hoy), semaforo.Oportunidad.VENCIDO.value),
            (_abiertos_responsables(hoy, Turno.fecha_alerta <= hoy, Turno.fecha_limite >= hoy),
             semaforo.Oportunidad.POR_VENCER.value),
            else_=semaforo.Oportunidad.EN_TIEMPO.value)
        por_estado = {"sin_turnar": 0, **{e.value: 0 for e in semaforo.Estado}}
        por_semaforo = {(e.value, o.value): 0 for e in (semaforo.Estado.SIN_ATENDER, semaforo.Estado.EN_PROCESO)
                        for o in semaforo.Oportunidad}
        for estado, luz, n in s.execute(select(Oficio.estado, oportunidad, func.count())
                                        .where(Oficio.anio == anio, Oficio.anulado.is_(False))
                                        .group_by(Oficio.estado, oportunidad)):
            por_estado[estado] = por_estado.get(estado, 0) + n
            if (estado, luz) in por_semaforo:
                por_semaforo[(estado, luz)] += n
        return por_estado, por_semaforo
