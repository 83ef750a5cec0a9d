"""The supervisor's other reports: petitions by topic, municipio and channel; response times per
agency; giras of a period.

Counting is done by the database (GROUP BY), whatever the number of records: Python only orders and
labels the groups. Response times need the distribution, not a sum, so the day differences come
from the database already computed and ordered, and the median and 90th percentile are taken here,
the same way on SQLite and PostgreSQL.
"""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import Integer, and_, case, exists, extract, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from ..db.base import ahora
from ..db.modelos import Canal, Dependencia, Municipio, Tema
from ..db.modelos_atencion import Canalizacion, Gira, Peticion, Seguimiento
from ..db.modelos_correspondencia import Oficio, Turno
from ..db.motor import BaseDatos
from ..domain import semaforo
from ..domain import validacion as v
from ..domain.errores import ErrorValidacion
from ..domain.roles import Accion
from .giras import DatosGira
from .sesion import Sesion, requerir

SIN_MUNICIPIO = "Sin municipio"
MESES_CORTOS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
MAXIMO_MESES = 12  # a longer period's table by channel goes by year: 24 month columns fit no page
UNIDAD_TIEMPOS = "días naturales"
NOTA_TIEMPOS = ("Tiempos en días naturales (de calendario, no hábiles): de la fecha del turno a la fecha de su "
                "respuesta. Respondidos: turnos atendidos o cerrados como «no requiere respuesta»; la mediana y "
                "el percentil 90 se calculan sobre los que tienen fecha de respuesta.")
# The turno states that count as answered: the same rule as the traffic light and the status report.
ESTATUS_RESPONDIDOS = tuple(e for e, estado in semaforo.ESTATUS_TURNO.items() if estado is semaforo.Estado.ATENDIDO)


class _DiasNaturales(FunctionElement):
    """Calendar days from a turn's moment (its date) to an answer's date, as an integer, in SQL."""

    type = Integer()
    name = "dias_naturales"
    inherit_cache = True


@compiles(_DiasNaturales)
def _dias_postgresql(elemento, compilador, **kw):
    fin, inicio = (compilador.process(c, **kw) for c in elemento.clauses)
    return f"({fin} - CAST({inicio} AS DATE))"  # date - date is an integer of days


@compiles(_DiasNaturales, "sqlite")
def _dias_sqlite(elemento, compilador, **kw):
    fin, inicio = (compilador.process(c, **kw) for c in elemento.clauses)
    return f"CAST(ROUND(julianday({fin}) - julianday(date({inicio}))) AS INTEGER)"


def texto_dias(valor: float | int | None) -> str:
    """Days as the screens and the PDF show them: a decimal only when a percentile falls between two
    answers; «—» when nothing was answered (not a zero, which would read as «answered the same day»)."""
    if valor is None:
        return "—"
    return f"{valor:.1f}" if isinstance(valor, float) and not valor.is_integer() else str(int(valor))


def texto_porcentaje(n: int, total: int) -> str:
    return f"{100 * n / total:.1f} %" if total else ""


def _periodo(desde, hasta) -> tuple[dt.date, dt.date, dt.datetime, dt.datetime]:
    desde, hasta = v.fecha("desde", desde), v.fecha("hasta", hasta)
    if hasta < desde:
        raise ErrorValidacion.de("hasta", "debe ser igual o posterior a «desde»")
    return (desde, hasta, dt.datetime.combine(desde, dt.time.min),
            dt.datetime.combine(hasta + dt.timedelta(days=1), dt.time.min))


def _vigente():
    """Annulled petitions and those merged into another are not requests received (poa-report.md)."""
    return Peticion.estatus != "anulada", Peticion.fusionada_en.is_(None)


# --- petitions by topic, municipio and channel ---------------------------------------------------
@dataclass(frozen=True)
class Conteo:
    codigo: str | None  # the catalog's code (the INEGI key for a municipio); None: not recorded
    nombre: str
    peticiones: int

    def como_json(self) -> dict:
        return {"codigo": self.codigo, "nombre": self.nombre, "peticiones": self.peticiones}


@dataclass(frozen=True)
class Corte:
    """A column of the table by channel: one month, or a whole year when the period is long."""

    anio: int
    mes: int | None = None

    @property
    def etiqueta(self) -> str:
        return f"{MESES_CORTOS[self.mes - 1]} {self.anio}" if self.mes else str(self.anio)

    def como_json(self) -> str:
        return f"{self.anio}-{self.mes:02d}" if self.mes else str(self.anio)


@dataclass(frozen=True)
class CanalPorCorte:
    codigo: str
    nombre: str
    valores: tuple[int, ...]  # one per column of ReportePeticiones.cortes

    @property
    def total(self) -> int:
        return sum(self.valores)


@dataclass(frozen=True)
class ReportePeticiones:
    desde: dt.date
    hasta: dt.date
    generado: dt.datetime
    generado_por: str
    total: int
    por_tema: tuple[Conteo, ...]  # most petitions first
    por_municipio: tuple[Conteo, ...]
    por_canal: tuple[Conteo, ...]
    cortes: tuple[Corte, ...]
    canal_por_corte: tuple[CanalPorCorte, ...]  # same channels and order as por_canal

    def como_json(self) -> dict:
        return {
            "desde": self.desde.isoformat(), "hasta": self.hasta.isoformat(), "generado": self.generado.isoformat(),
            "generado_por": self.generado_por, "total": self.total,
            "por_tema": [c.como_json() for c in self.por_tema],
            "por_municipio": [c.como_json() for c in self.por_municipio],
            "por_canal": [c.como_json() for c in self.por_canal],
            "cortes": [c.como_json() for c in self.cortes],
            "canal_por_corte": [{"codigo": f.codigo, "nombre": f.nombre, "valores": list(f.valores), "total": f.total}
                                for f in self.canal_por_corte],
        }


def _cortes(desde: dt.date, hasta: dt.date) -> tuple[Corte, ...]:
    meses = (hasta.year - desde.year) * 12 + hasta.month - desde.month + 1
    if meses > MAXIMO_MESES:
        return tuple(Corte(a) for a in range(desde.year, hasta.year + 1))
    return tuple(Corte(desde.year + (desde.month - 1 + i) // 12, (desde.month - 1 + i) % 12 + 1) for i in range(meses))


def _ordenados(filas: Iterable[tuple[str | None, str | None, int]], sin_nombre: str = "") -> tuple[Conteo, ...]:
    conteos = [Conteo(codigo, nombre or sin_nombre, int(n)) for codigo, nombre, n in filas]
    return tuple(sorted(conteos, key=lambda c: (-c.peticiones, c.codigo is None, c.nombre)))


# --- response times per agency ---------------------------------------------------------------------
@dataclass(frozen=True)
class Respuesta:
    numero_control: str
    fecha_turno: dt.date
    fecha_respuesta: dt.date
    dias: int


def cuantiles(dias: list[int] | tuple[int, ...]) -> tuple[float | None, float | None]:
    """(median, 90th percentile) with linear interpolation between the closest ranks, as Excel's
    MEDIAN and PERCENTILE.INC do, so that the workbook's own formulas give the same figures."""
    if not dias:
        return None, None
    if len(dias) == 1:
        return float(dias[0]), float(dias[0])
    deciles = statistics.quantiles(dias, n=10, method="inclusive")
    return round(deciles[4], 1), round(deciles[8], 1)


@dataclass(frozen=True)
class TiemposDependencia:
    codigo: str
    nombre: str
    turnados: int
    respondidos: int
    pendientes: int
    respuestas: tuple[Respuesta, ...]  # the answered ones that have a date, fewest days first

    @property
    def medidos(self) -> int:
        return len(self.respuestas)

    @property
    def mediana_dias(self) -> float | None:
        return cuantiles([r.dias for r in self.respuestas])[0]

    @property
    def p90_dias(self) -> float | None:
        return cuantiles([r.dias for r in self.respuestas])[1]

    @property
    def maximo_dias(self) -> int | None:
        return self.respuestas[-1].dias if self.respuestas else None

    def como_json(self) -> dict:
        return {"dependencia": self.codigo, "nombre": self.nombre, "turnados": self.turnados,
                "respondidos": self.respondidos, "pendientes": self.pendientes, "medidos": self.medidos,
                "mediana_dias": self.mediana_dias, "p90_dias": self.p90_dias, "maximo_dias": self.maximo_dias}


@dataclass(frozen=True)
class ReporteTiempos:
    desde: dt.date
    hasta: dt.date
    generado: dt.datetime
    generado_por: str
    dependencias: tuple[TiemposDependencia, ...]  # by code

    @property
    def turnados(self) -> int:
        return sum(d.turnados for d in self.dependencias)

    @property
    def respondidos(self) -> int:
        return sum(d.respondidos for d in self.dependencias)

    @property
    def pendientes(self) -> int:
        return sum(d.pendientes for d in self.dependencias)

    @property
    def medidos(self) -> int:
        return sum(d.medidos for d in self.dependencias)

    @property
    def mediana_dias(self) -> float | None:
        return self._cuantiles()[0]

    @property
    def p90_dias(self) -> float | None:
        return self._cuantiles()[1]

    def _cuantiles(self) -> tuple[float | None, float | None]:
        return cuantiles(sorted(r.dias for d in self.dependencias for r in d.respuestas))

    def como_json(self) -> dict:
        return {"desde": self.desde.isoformat(), "hasta": self.hasta.isoformat(), "generado": self.generado.isoformat(),
                "generado_por": self.generado_por, "unidad": UNIDAD_TIEMPOS, "nota": NOTA_TIEMPOS,
                "dependencias": [d.como_json() for d in self.dependencias],
                "total": {"turnados": self.turnados, "respondidos": self.respondidos, "pendientes": self.pendientes,
                          "medidos": self.medidos, "mediana_dias": self.mediana_dias, "p90_dias": self.p90_dias}}


# --- giras of a period ----------------------------------------------------------------------------
@dataclass(frozen=True)
class FilaGira:
    gira: DatosGira  # its `peticiones`: those captured there, neither annulled nor merged
    canalizadas: int  # of those, the ones sent at least once to an area or agency
    con_seguimiento: int  # of those, the ones with at least one follow-up

    def como_json(self) -> dict:
        datos = self.gira.como_json()
        datos.pop("por_tema")
        return {**datos, "canalizadas": self.canalizadas, "con_seguimiento": self.con_seguimiento}


@dataclass(frozen=True)
class ReporteGiras:
    desde: dt.date
    hasta: dt.date
    generado: dt.datetime
    generado_por: str
    giras: tuple[FilaGira, ...]  # by date

    @property
    def peticiones(self) -> int:
        return sum(f.gira.peticiones for f in self.giras)

    @property
    def canalizadas(self) -> int:
        return sum(f.canalizadas for f in self.giras)

    @property
    def con_seguimiento(self) -> int:
        return sum(f.con_seguimiento for f in self.giras)

    def como_json(self) -> dict:
        return {"desde": self.desde.isoformat(), "hasta": self.hasta.isoformat(), "generado": self.generado.isoformat(),
                "generado_por": self.generado_por, "giras": [f.como_json() for f in self.giras],
                "total": {"giras": len(self.giras), "peticiones": self.peticiones, "canalizadas": self.canalizadas,
                          "con_seguimiento": self.con_seguimiento}}


class ServicioReportesAtencion:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def peticiones_por(self, actor: Sesion, desde, hasta) -> ReportePeticiones:
        """Petitions received in the period by tema, by municipio (the one recorded with the petition:
        the citizen's when it was received, the tour's for a gira) and by canal, month by month."""
        requerir(actor, Accion.VER_REPORTES)
        desde, hasta, inicio, fin = _periodo(desde, hasta)
        en_periodo = (Peticion.fecha_recepcion >= inicio, Peticion.fecha_recepcion < fin, *_vigente())
        anio, mes = extract("year", Peticion.fecha_recepcion), extract("month", Peticion.fecha_recepcion)
        with self.bd.lectura(actor) as s:
            por_tema = _ordenados(s.execute(
                select(Tema.codigo, Tema.nombre, func.count()).join(Peticion, Peticion.tema_id == Tema.id)
                .where(*en_periodo).group_by(Tema.codigo, Tema.nombre)))
            por_municipio = _ordenados(s.execute(
                select(Municipio.clave, Municipio.nombre, func.count()).select_from(Peticion)
                .outerjoin(Municipio, Municipio.id == Peticion.municipio_id)
                .where(*en_periodo).group_by(Municipio.clave, Municipio.nombre)), SIN_MUNICIPIO)
            canal_mes = s.execute(
                select(Canal.codigo, Canal.nombre, anio, mes, func.count())
                .join(Peticion, Peticion.canal_id == Canal.id)
                .where(*en_periodo).group_by(Canal.codigo, Canal.nombre, anio, mes)).all()
        cortes = _cortes(desde, hasta)
        posicion = {(c.anio, c.mes): i for i, c in enumerate(cortes)}
        por_anio = cortes[0].mes is None
        valores: dict[str, list[int]] = {}
        nombres: dict[str, str] = {}
        for codigo, nombre, a, m, n in canal_mes:
            nombres[codigo] = nombre
            valores.setdefault(codigo, [0] * len(cortes))[posicion[(int(a), None if por_anio else int(m))]] += n
        por_canal = _ordenados((codigo, nombres[codigo], sum(fila)) for codigo, fila in valores.items())
        tabla = tuple(CanalPorCorte(c.codigo, c.nombre, tuple(valores[c.codigo])) for c in por_canal)
        return ReportePeticiones(desde, hasta, ahora(), actor.nombre_completo, sum(c.peticiones for c in por_tema),
                                 por_tema, por_municipio, por_canal, cortes, tabla)

    def tiempos_respuesta(self, actor: Sesion, desde, hasta) -> ReporteTiempos:
        """Per agency, the turnos issued in the period: how many were answered, how many are pending,
        and the median and 90th percentile of the calendar days each answer took."""
        requerir(actor, Accion.VER_REPORTES)
        desde, hasta, inicio, fin = _periodo(desde, hasta)
        # The same turnos as the Reporte de Estatus: neither cancelled nor of an annulled matter.
        vigentes = (Turno.cancelado.is_(False), Oficio.anulado.is_(False),
                    Turno.fecha_turno >= inicio, Turno.fecha_turno < fin)
        dias = _DiasNaturales(Turno.fecha_respuesta, Turno.fecha_turno)
        with self.bd.lectura(actor) as s:
            conteos = s.execute(
                select(Dependencia.codigo, Dependencia.nombre, Turno.estatus, func.count())
                .join(Turno, Turno.dependencia_id == Dependencia.id).join(Oficio, Oficio.id == Turno.oficio_id)
                .where(*vigentes).group_by(Dependencia.codigo, Dependencia.nombre, Turno.estatus)).all()
            medidas = s.execute(
                select(Dependencia.codigo, Oficio.numero_control, Turno.fecha_turno, Turno.fecha_respuesta, dias)
                .join(Turno, Turno.dependencia_id == Dependencia.id).join(Oficio, Oficio.id == Turno.oficio_id)
                .where(*vigentes, Turno.estatus.in_(ESTATUS_RESPONDIDOS), Turno.fecha_respuesta.is_not(None))
                .order_by(Dependencia.codigo, dias, Turno.fecha_turno, Oficio.numero_control)).all()
        respuestas: dict[str, list[Respuesta]] = {}
        for codigo, numero, turnado, respondido, n in medidas:
            respuestas.setdefault(codigo, []).append(Respuesta(numero, turnado.date(), respondido, int(n)))
        totales: dict[tuple[str, str], list[int]] = {}
        for codigo, nombre, estatus, n in conteos:
            fila = totales.setdefault((codigo, nombre), [0, 0])
            fila[0 if estatus in ESTATUS_RESPONDIDOS else 1] += n
        dependencias = tuple(
            TiemposDependencia(codigo, nombre, respondidos + pendientes, respondidos, pendientes,
                               tuple(respuestas.get(codigo, ())))
            for (codigo, nombre), (respondidos, pendientes) in sorted(totales.items()))
        return ReporteTiempos(desde, hasta, ahora(), actor.nombre_completo, dependencias)

    def giras_periodo(self, actor: Sesion, desde, hasta) -> ReporteGiras:
        """The tours of the period, each with the petitions captured there, how many were canalized
        and how many have had a follow-up. The detail of one tour is the per-gira report (giras.py)."""
        requerir(actor, Accion.VER_REPORTES)
        desde, hasta, _, _ = _periodo(desde, hasta)
        canalizada = exists().where(Canalizacion.peticion_id == Peticion.id)
        seguida = exists().where(Seguimiento.peticion_id == Peticion.id)
        consulta = (select(Gira, Municipio, func.count(Peticion.id),
                           func.coalesce(func.sum(case((canalizada, 1), else_=0)), 0),
                           func.coalesce(func.sum(case((seguida, 1), else_=0)), 0))
                    .join(Municipio, Municipio.id == Gira.municipio_id)
                    .outerjoin(Peticion, and_(Peticion.gira_id == Gira.id, *_vigente()))
                    .where(Gira.fecha >= desde, Gira.fecha <= hasta)
                    .group_by(Gira.id, Municipio.id).order_by(Gira.fecha, Gira.clave))
        with self.bd.lectura(actor) as s:
            filas = tuple(
                FilaGira(DatosGira(g.id, g.clave, g.fecha, m.clave, m.nombre, g.localidad, g.evento, int(n)),
                         int(canalizadas), int(seguidas))
                for g, m, n, canalizadas, seguidas in s.execute(consulta))
        return ReporteGiras(desde, hasta, ahora(), actor.nombre_completo, filas)
