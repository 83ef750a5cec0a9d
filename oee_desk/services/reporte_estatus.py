"""Reporte de Estatus por Dependencia: what each agency received in a period and how it answered."""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import select

from ..db.modelos import Dependencia
from ..db.modelos_correspondencia import Oficio, Turno
from ..db.motor import BaseDatos
from ..domain import semaforo
from ..domain import validacion as v
from ..domain.errores import ErrorValidacion
from ..domain.roles import Accion
from .bandeja import recibido_antes_de_48_horas
from .lectura_turnos import calendario
from .sesion import Sesion, requerir


@dataclass(frozen=True)
class Pendiente:
    numero_control: str
    asunto: str
    fecha_turno: dt.date
    fecha_limite: dt.date
    estado: str
    dias_vencido: int  # business days past the due date: 0 the weekend after a Friday deadline
    vencido: bool = False  # past its due date, as the semáforo says (even with 0 business days)


@dataclass
class FilaDependencia:
    codigo: str
    nombre: str
    recibidos: int = 0
    atendidos: int = 0
    en_proceso: int = 0
    sin_atender: int = 0
    vencidos: int = 0
    dias_respuesta: list[int] = field(default_factory=list)
    pendientes: list[Pendiente] = field(default_factory=list)

    @property
    def promedio_dias(self) -> float | None:
        return round(statistics.fmean(self.dias_respuesta), 1) if self.dias_respuesta else None


@dataclass(frozen=True)
class ReporteEstatus:
    desde: dt.date
    hasta: dt.date
    generado: dt.datetime
    generado_por: str
    dependencias: list[FilaDependencia]
    asuntos_recibidos: int
    turnados_en_48_horas: int
    asuntos_turnados: int
    sin_turnar_pasadas_48_horas: int = 0  # missed the target as surely as those turned late

    @property
    def con_meta_48_horas(self) -> int:
        return self.asuntos_turnados + self.sin_turnar_pasadas_48_horas

    @property
    def cumplimiento_48_horas(self) -> float | None:
        total = self.con_meta_48_horas
        return round(100 * self.turnados_en_48_horas / total, 1) if total else None

    def como_json(self) -> dict:
        return {
            "desde": self.desde.isoformat(), "hasta": self.hasta.isoformat(), "generado": self.generado.isoformat(),
            "generado_por": self.generado_por, "asuntos_recibidos": self.asuntos_recibidos,
            "asuntos_turnados": self.asuntos_turnados, "turnados_en_48_horas": self.turnados_en_48_horas,
            "sin_turnar_pasadas_48_horas": self.sin_turnar_pasadas_48_horas,
            "cumplimiento_48_horas_pct": self.cumplimiento_48_horas,
            "dependencias": [{
                "dependencia": f.codigo, "nombre": f.nombre, "recibidos": f.recibidos, "atendidos": f.atendidos,
                "en_proceso": f.en_proceso, "sin_atender": f.sin_atender, "vencidos": f.vencidos,
                "promedio_dias_respuesta": f.promedio_dias,
                "pendientes": [{"numero_control": p.numero_control, "asunto": p.asunto,
                                "fecha_turno": p.fecha_turno.isoformat(), "fecha_limite": p.fecha_limite.isoformat(),
                                "estado": p.estado, "dias_vencido": p.dias_vencido, "vencido": p.vencido}
                               for p in f.pendientes],
            } for f in self.dependencias],
        }


class ServicioReporteEstatus:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def generar(self, actor: Sesion, desde, hasta, *, hoy: dt.date | None = None,
                progreso: Callable[[int, int], None] | None = None) -> ReporteEstatus:
        requerir(actor, Accion.VER_OFICIOS)
        desde, hasta = v.fecha("desde", desde), v.fecha("hasta", hasta)
        if hasta < desde:
            raise ErrorValidacion.de("hasta", "debe ser igual o posterior a «desde»")
        hoy = hoy or dt.date.today()
        inicio, fin = dt.datetime.combine(desde, dt.time.min), dt.datetime.combine(hasta + dt.timedelta(days=1), dt.time.min)
        filas: dict[str, FilaDependencia] = {}
        with self.bd.lectura(actor, por_lotes=True) as s:
            cal = calendario(s)
            consulta = (select(Turno.estatus, Turno.fecha_turno, Turno.fecha_limite, Turno.fecha_respuesta,
                               Dependencia.codigo, Dependencia.nombre, Oficio.numero_control, Oficio.asunto)
                        .join(Dependencia, Turno.dependencia_id == Dependencia.id)
                        .join(Oficio, Turno.oficio_id == Oficio.id)
                        .where(Turno.cancelado.is_(False), Oficio.anulado.is_(False),
                               Turno.fecha_turno >= inicio, Turno.fecha_turno < fin)
                        .order_by(Dependencia.codigo, Turno.fecha_limite))
            for n, (estatus, turnado, limite, respondido, codigo, nombre, numero, asunto) in \
                    enumerate(s.execute(consulta.execution_options(yield_per=2000))):
                fila = filas.get(codigo) or filas.setdefault(codigo, FilaDependencia(codigo, nombre))
                fila.recibidos += 1
                estado = semaforo.ESTATUS_TURNO[estatus]
                if estado is semaforo.Estado.ATENDIDO:
                    fila.atendidos += 1
                    if respondido:
                        fila.dias_respuesta.append(max(0, cal.entre(turnado.date(), respondido)))
                    continue
                if estado is semaforo.Estado.EN_PROCESO:
                    fila.en_proceso += 1
                else:
                    fila.sin_atender += 1
                # Overdue from the day after the deadline, as the semáforo and the bandeja count it,
                # though no business day may have passed yet (a Saturday after a Friday deadline).
                vencido = hoy > limite
                fila.vencidos += vencido
                fila.pendientes.append(Pendiente(numero, asunto, turnado.date(), limite, estado.value,
                                                 cal.entre(limite, hoy) if vencido else 0, vencido))
                if progreso and n % 1000 == 0:
                    progreso(n, 0)
            recibidos = s.execute(select(Oficio.fecha_recepcion, Oficio.primer_turno).where(
                Oficio.anulado.is_(False), Oficio.fecha_recepcion >= inicio, Oficio.fecha_recepcion < fin)).all()
        turnados = [semaforo.turnado_a_tiempo(r, p) for r, p in recibidos if p is not None]
        plazo = recibido_antes_de_48_horas(hoy)  # as the bandeja's «Turnado en 48 h: No»
        sin_turnar = sum(p is None and r < plazo for r, p in recibidos)
        for fila in filas.values():
            fila.pendientes.sort(key=lambda p: (-p.dias_vencido, p.fecha_limite))
        return ReporteEstatus(desde, hasta, dt.datetime.now().replace(microsecond=0), actor.nombre_completo,
                              sorted(filas.values(), key=lambda f: f.codigo), len(recibidos),
                              sum(turnados), len(turnados), sin_turnar)
