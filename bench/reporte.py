"""The status report's PDF over a period with a given number of turnos, against ReportLab alone.

Baseline: the same rows read with one raw SQL query and written as bare LongTables of 100 rows
(plain strings, no letterhead, no paragraphs, no styles) on the same page size, as quality.md's
reference figure ("ReportLab in 100-row chunks") is measured.
"""
from __future__ import annotations

import datetime as dt
import io
import time

from reportlab.lib.pagesizes import landscape, letter
from reportlab.platypus import LongTable, SimpleDocTemplate
from sqlalchemy import func, select

from oee_desk.db.modelos_correspondencia import Oficio, Turno
from oee_desk.reports.estatus import escribir_pdf
from oee_desk.services.reporte_estatus import ServicioReporteEstatus

from .bases import Preparada
from .consultas import _ejecutar, conexion_cruda
from .medir import Figura, mediana

BLOQUE = 100  # quality.md's reference: ReportLab in 100-row tables (one table re-measures its rest at every page)

SQL_FILAS = """
SELECT d.codigo, o.numero_control, o.asunto, t.fecha_turno, t.fecha_limite, t.estatus
FROM turnos t JOIN dependencias d ON d.id = t.dependencia_id JOIN oficios o ON o.id = t.oficio_id
WHERE t.cancelado = {falso} AND o.anulado = {falso} AND t.fecha_turno >= {marca} AND t.fecha_turno < {marca}
ORDER BY d.codigo, t.fecha_limite
"""


def periodo(p: Preparada, turnos: int) -> tuple[dt.date, dt.date]:
    """The most recent period holding at least `turnos` turnos (or all of them)."""
    with p.bd.lectura() as s:
        consulta = (select(Turno.fecha_turno).join(Oficio, Oficio.id == Turno.oficio_id)
                    .where(Turno.cancelado.is_(False), Oficio.anulado.is_(False))
                    .order_by(Turno.fecha_turno.desc()).offset(turnos - 1).limit(1))
        desde = s.scalar(consulta) or s.scalar(select(func.min(Turno.fecha_turno)))
        hasta = s.scalar(select(func.max(Turno.fecha_turno)))
    return desde.date(), hasta.date()


def _base(p: Preparada, c, desde: dt.date, hasta: dt.date) -> int:
    marca = "?" if p.motor == "sqlite" else "%s"
    falso = "0" if p.motor == "sqlite" else "false"
    inicio, fin = dt.datetime.combine(desde, dt.time.min), dt.datetime.combine(hasta + dt.timedelta(days=1), dt.time.min)
    valores = [inicio.isoformat(" "), fin.isoformat(" ")] if p.motor == "sqlite" else [inicio, fin]
    filas = _ejecutar(c, SQL_FILAS.format(falso=falso, marca=marca), valores)
    pendientes = [[codigo, numero, asunto[:300], str(turno)[:10], str(limite)[:10], estatus]
                  for codigo, numero, asunto, turno, limite, estatus in filas
                  if estatus in ("sin_atender", "en_proceso")]
    cabecera = ["Dependencia", "Número", "Asunto", "Turnado", "Vence", "Estado"]
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=landscape(letter))
    doc.build([LongTable([cabecera] + pendientes[i:i + BLOQUE], repeatRows=1)
               for i in range(0, len(pendientes), BLOQUE)])
    return len(pendientes)


def medir(p: Preparada, turnos: int = 10_000, veces: int = 3) -> Figura:
    desde, hasta = periodo(p, turnos)
    servicio = ServicioReporteEstatus(p.bd)
    tiempos, bases, detalle = [], [], {}
    with conexion_cruda(p) as c:
        for _ in range(veces):
            inicio = time.perf_counter()
            reporte = servicio.generar(p.admin, desde, hasta)
            generado = time.perf_counter()
            salida = io.BytesIO()
            escribir_pdf(reporte, salida)
            fin = time.perf_counter()
            tiempos.append((fin - inicio) * 1000)
            detalle = {"desde": desde.isoformat(), "hasta": hasta.isoformat(),
                       "turnos": sum(f.recibidos for f in reporte.dependencias),
                       "filas_pendientes": sum(len(f.pendientes) for f in reporte.dependencias),
                       "generar_ms": round((generado - inicio) * 1000, 1),
                       "pdf_ms": round((fin - generado) * 1000, 1), "pdf_bytes": len(salida.getvalue())}
            inicio = time.perf_counter()
            detalle["filas_base"] = _base(p, c, desde, hasta)
            bases.append((time.perf_counter() - inicio) * 1000)
    valor = mediana(tiempos)
    return Figura(f"reporte de estatus en PDF, {detalle['turnos']:,} turnos (mediana)", p.motor, "ms", valor,
                  mediana(bases), "≤ 3 s", valor <= 3000, detalle)
