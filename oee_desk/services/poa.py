"""The POA tally («Informe de metas según el POA», poa-report.md), computed from the records: one
GROUP BY per kind of record, however many there are."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import extract, func, select

from ..db import conteos_poa
from ..db.base import ahora
from ..db.modelos import Canal
from ..db.modelos_correspondencia import Oficio, Turno
from ..db.modelos_metas import CierreMes, Meta
from ..db.motor import BaseDatos
from ..domain import metas as reglas
from ..domain import validacion as v
from ..domain.roles import Accion
from ..domain.errores import ErrorValidacion, NoEncontrado
from . import poa_ajustes, poa_detalle
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

    @classmethod
    def de_json(cls, d: dict) -> "FilaMeta":
        return cls(d["numero"], d["descripcion"], d["area"], d["unidad"], d.get("fuente", "manual"),
                   tuple(d["trimestres"]), d["total"], d["programado"], d["cumplimiento_pct"])


@dataclass(frozen=True)
class Ajuste:
    """Records that reached a closed month after it was closed, counted in the first open month
    (`mes`; None when the whole year is closed) instead of changing the printed figures."""

    indicador: int
    rubro: str
    canal: str | None
    mes: int | None
    valor: int

    def como_json(self) -> dict:
        return {"indicador": self.indicador, "rubro": self.rubro, "canal": self.canal, "mes": self.mes,
                "valor": self.valor}


@dataclass(frozen=True)
class ReportePoa:
    anio: int
    mes: int | None  # None: the whole year
    generado: dt.datetime
    generado_por: str
    indicadores: tuple[Indicador, ...]
    metas: tuple[FilaMeta, ...] = field(default=())
    ajustes: tuple[Ajuste, ...] = field(default=())
    # Set when this is a closed month's report, reprinted as it was when closed.
    cierre: dict | None = None
    ultimo_mes_cerrado: int = 0  # months 1..this show the figures as printed when closed

    @property
    def totales_metas(self) -> list[int | float]:
        """Per quarter, the sum over the `conteo` metas only (poa-report.md)."""
        conteos = [m for m in self.metas if m.unidad == "conteo"]
        return [sum(m.trimestres[q] or 0 for m in conteos) for q in range(4)]

    def como_json(self) -> dict:
        """poa-report.md's JSON; `ajustes` and `cierre` appear only when months have been closed."""
        datos = {"anio": self.anio, "generado": self.generado.isoformat(),
                 "indicadores": [i.como_json() for i in self.indicadores],
                 "metas": [m.como_json() for m in self.metas], "totales_metas": self.totales_metas}
        if self.ajustes:
            datos["ajustes"] = [a.como_json() for a in self.ajustes]
        if self.cierre:
            datos["cierre"] = self.cierre
        return datos

    def foto(self, series: dict[str, list[int]]) -> dict:
        """What a month's closing keeps: the report as printed, with what reprinting it needs."""
        datos = self.como_json()
        datos.pop("cierre", None)
        datos["mes"] = self.mes
        datos["generado_por"] = self.generado_por
        datos["fuentes_metas"] = {str(m.numero): m.fuente for m in self.metas}
        datos["series"] = series
        return datos

    @classmethod
    def de_foto(cls, foto: dict, cierre: dict) -> "ReportePoa":
        fuentes = foto.get("fuentes_metas", {})
        return cls(foto["anio"], foto.get("mes"), dt.datetime.fromisoformat(foto["generado"]),
                   foto.get("generado_por", ""),
                   tuple(Indicador(i["numero"], i["nombre"],
                                   tuple(FilaIndicador(f["rubro"], f["canal"], tuple(f["meses"])) for f in i["filas"]))
                         for i in foto["indicadores"]),
                   tuple(FilaMeta.de_json({**m, "fuente": fuentes.get(str(m["numero"]), "manual")})
                         for m in foto["metas"]),
                   tuple(Ajuste(**a) for a in foto.get("ajustes", [])), cierre, foto.get("mes") or 12)


def _periodo(anio: int, mes: int | None) -> tuple[dt.datetime, dt.datetime]:
    """From January 1st to the end of the year, or of month `mes` (a monthly report is year-to-date)."""
    hasta = dt.datetime(anio + 1, 1, 1) if not mes or mes == 12 else dt.datetime(anio, mes + 1, 1)
    return dt.datetime(anio, 1, 1), hasta


class ServicioPoa:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def generar(self, actor: Sesion, anio: int, mes: int | None = None) -> ReportePoa:
        requerir(actor, Accion.VER_REPORTES)
        # The years metas can be defined for (domain.metas), and a month of the year.
        anio = v.entero("anio", anio, minimo=2000, maximo=2100)
        mes = v.entero("mes", mes, minimo=1, maximo=12, requerido=False)
        with self.bd.lectura(actor) as s:
            return calcular(s, actor, anio, mes)

    def detalle(self, actor: Sesion, anio: int, indicador: int, fila: str, canal: str | None = None,
                mes: int | None = None, *, hasta_mes: int | None = None, limite: int = 200,
                desplazamiento: int = 0) -> poa_detalle.DetalleCelda:
        """The records behind a cell of Part 1: `fila` is canal (with its code), seguimiento or total;
        `mes` None is the TOTAL column, January to `hasta_mes` in a monthly report (None: December)."""
        requerir(actor, Accion.VER_REPORTES)
        poa_detalle.validar_celda(fila, canal, mes)
        hasta_mes = poa_detalle.validar_hasta(hasta_mes)
        with self.bd.lectura(actor) as s:
            if fila == "canal":
                rubro = s.scalar(select(Canal.nombre).where(Canal.codigo == canal, Canal.indicador == indicador))
                if rubro is None:
                    raise NoEncontrado(f"El indicador {indicador} no tiene el canal «{canal}».")
            else:
                rubro = RUBRO_SEGUIMIENTO.get(indicador, "Seguimiento") if fila == "seguimiento" else RUBRO_TOTAL
            meses = None if mes else (1, hasta_mes)
            consulta = poa_detalle.consulta_celda(anio, indicador, fila, canal, mes, meses)
            return poa_detalle.pagina(s, consulta, poa_detalle.titulo_celda(rubro, anio, mes, hasta_mes), limite,
                                      desplazamiento, self._nota_cierres(s, anio, mes))

    def detalle_meta(self, actor: Sesion, anio: int, numero: int, trimestre: int | None = None, *,
                     hasta_mes: int | None = None, limite: int = 200,
                     desplazamiento: int = 0) -> poa_detalle.DetalleCelda:
        """The records an automatic meta counts in a quarter (1–4) or the year, up to `hasta_mes` in a
        monthly report, as the report counts them."""
        requerir(actor, Accion.VER_REPORTES)
        hasta_mes = poa_detalle.validar_hasta(hasta_mes)
        with self.bd.lectura(actor) as s:
            meta = s.scalar(select(Meta).where(Meta.anio == anio, Meta.numero == numero))
            if meta is None:
                raise NoEncontrado(f"No existe la meta {numero} de {anio}.")
            periodo = f"trimestre {('I', 'II', 'III', 'IV')[trimestre - 1]}" if trimestre else "total anual"
            titulo = f"Meta {numero}: {meta.descripcion} · {periodo} {anio}"
            if meta.fuente != "automatica":
                return poa_detalle.DetalleCelda(titulo, 0, (), "Meta de captura manual: el área registra el valor "
                                                               "alcanzado; no se calcula de registros.")
            meses = (3 * trimestre - 2, min(3 * trimestre, hasta_mes)) if trimestre else (1, hasta_mes)
            if meses[1] < meses[0]:
                raise ErrorValidacion.de("trimestre", f"el informe llega a {poa_detalle.MESES[hasta_mes - 1]}: "
                                                      f"aún no cuenta el trimestre {trimestre}")
            return poa_detalle.pagina(s, poa_detalle.consulta_regla(anio, meta.regla or {}, meses), titulo, limite,
                                      desplazamiento, self._nota_cierres(s, anio, meses[1] if meses else None))

    @staticmethod
    def _nota_cierres(s, anio: int, mes: int | None) -> str | None:
        ultimo = poa_ajustes.ultimo_cerrado(s.scalars(select(CierreMes).where(CierreMes.anio == anio)))
        if not ultimo or (mes is not None and mes > ultimo + 1):
            return None
        return (f"Hasta {poa_detalle.MESES[ultimo - 1]} los meses están cerrados: el informe muestra las cifras "
                f"impresas al cerrarlos, y lo que cambió después va como ajuste al mes siguiente. Aquí se listan "
                f"los registros por su propia fecha, como están hoy.")


def calcular(s, actor: Sesion, anio: int, mes: int | None = None, *,
             series: dict | None = None) -> ReportePoa:
    """The report inside the caller's transaction. A closed month's report is reprinted from what
    was kept when it was closed; otherwise closed months show their printed figures and what changed
    in them since goes to the first open month as an adjustment (poa_ajustes). `series`, when
    given, receives the monthly counts that automatic metas use (a closing keeps them)."""
    cierres = list(s.scalars(select(CierreMes).where(CierreMes.anio == anio).order_by(CierreMes.mes)))
    if mes and (cerrado := next((c for c in cierres if c.mes == mes and c.foto), None)):
        return ReportePoa.de_foto(cerrado.foto, poa_ajustes.datos_cierre(s, cerrado))
    desde, hasta = _periodo(anio, mes)
    canales = list(s.scalars(select(Canal).order_by(Canal.indicador, Canal.orden, Canal.codigo)))
    peticiones, seguimientos = contar(s, anio, mes, {c.id: c.indicador for c in canales})
    metas = list(s.scalars(select(Meta).where(Meta.anio == anio).order_by(Meta.numero)))
    ultimo = poa_ajustes.ultimo_cerrado(cierres)
    foto = cierres[-1].foto if ultimo else None
    necesita = series is not None or (foto and foto.get("series")) or any(
        (m.regla or {}).get("cuenta") in ("oficios", "turnos") for m in metas)
    correspondencia = _correspondencia(s, desde, hasta) if necesita else {}

    filas_por_indicador: dict[int, list[FilaIndicador]] = {}
    for numero in sorted({c.indicador for c in canales} | set(NOMBRES_INDICADOR)):
        filas = [FilaIndicador(c.nombre, c.codigo, tuple(peticiones.get(c.id, [0] * 12)))
                 for c in canales if c.indicador == numero]
        filas.append(FilaIndicador(RUBRO_SEGUIMIENTO.get(numero, "Seguimiento a Peticiones"), None,
                                   tuple(seguimientos.get(numero, [0] * 12))))
        filas_por_indicador[numero] = filas
    ajustes: list[Ajuste] = []
    if foto:
        filas_por_indicador, correspondencia, ajustes = poa_ajustes.aplicar(
            filas_por_indicador, correspondencia, foto, ultimo, Ajuste)
    indicadores = []
    for numero, filas in filas_por_indicador.items():
        filas = [*filas, FilaIndicador(RUBRO_TOTAL, None, tuple(sum(f.meses[m] for f in filas) for m in range(12)))]
        indicadores.append(Indicador(numero, NOMBRES_INDICADOR.get(numero, f"Indicador {numero}"), tuple(filas)))
    mensual = {("peticiones", i.numero): [sum(f.meses[m] for f in i.filas if f.canal) for m in range(12)]
               for i in indicadores}
    mensual.update({("seguimientos", i.numero): list(i.filas[-2].meses) for i in indicadores})
    mensual.update({("ambos", i.numero): list(i.filas[-1].meses) for i in indicadores})
    mensual.update({(cuenta, None): valores for cuenta, valores in correspondencia.items()})
    if series is not None:
        series.update(correspondencia)
    filas_metas = tuple(_meta(m, mensual, mes) for m in metas)
    return ReportePoa(anio, mes, ahora(), actor.nombre_completo, tuple(indicadores), filas_metas, tuple(ajustes),
                      None, ultimo)


def contar(s, anio: int, mes: int | None, indicador_de: dict) -> tuple[dict, dict]:
    """({canal_id: 12 monthly petitions}, {indicador: 12 monthly follow-ups}) up to `mes`, read from
    the counts the triggers keep (db/conteos_poa): a few hundred rows, however many records. A
    petition counts unless annulled or merged; a follow-up, under its petition's channel's indicator."""
    t = conteos_poa.conteos
    peticiones: dict = {}
    seguimientos: dict = {}
    filas = s.execute(select(t.c.canal_id, t.c.mes, t.c.tipo, t.c.n)
                      .where(t.c.anio == anio, t.c.mes <= (mes or 12), t.c.n != 0))
    for canal_id, m, tipo, n in filas:
        if tipo == "peticion":
            peticiones.setdefault(canal_id, [0] * 12)[m - 1] += n
        elif canal_id in indicador_de:
            seguimientos.setdefault(indicador_de[canal_id], [0] * 12)[m - 1] += n
    return peticiones, seguimientos


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


def _meta(m: Meta, mensual: dict, hasta_mes: int | None) -> FilaMeta:
    if m.fuente == "automatica":
        regla = m.regla or {}
        valores = mensual.get((regla.get("cuenta"), regla.get("indicador")), [0] * 12)
        trimestres = reglas.a_trimestres(valores, "conteo" if m.unidad == "conteo" else m.unidad)
    else:
        # A monthly report shows what was achieved up to its month: a later period's value is not there yet.
        capturado = list(m.alcanzado or [None] * len(m.programado))
        capturado = [x if not hasta_mes or reglas.fin_de_periodo(len(capturado), i) <= hasta_mes else None
                     for i, x in enumerate(capturado)]
        trimestres = reglas.a_trimestres(capturado, m.unidad)
    total = reglas.total_anual(trimestres, m.unidad)
    programado = reglas.total_anual(reglas.a_trimestres(list(m.programado), m.unidad), m.unidad)
    return FilaMeta(m.numero, m.descripcion, m.area, m.unidad, m.fuente, tuple(trimestres), total, programado,
                    reglas.cumplimiento(total, programado))
