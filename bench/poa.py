"""The POA tally at scale (quality.md: «POA tally of one year ≤ 2× one raw GROUP BY»; its PDF and
XLSX ≤ 3 s each; the supervisor's dashboard ready ≤ 1 s), on the Atención database of
bench/bases_atencion.py (1,000,000 petitions and about 2,000,000 follow-ups by default).

- tally: `ServicioPoa.generar(supervisor, año)` for the year with the most petitions, with that year's
  metas loaded (services/demo.py's document: automatic and manual ones), against the same counting
  written by hand on the driver's connection — petitions by channel × month, follow-ups by the
  indicator of their petition's channel × month — and, as quality.md words it, against the
  petitions GROUP BY alone. Service and baseline alternate call by call.
- pdf / xlsx: what a click on «PDF» or «Excel» costs — the tally and `reports.poa.escribir_pdf` /
  `escribir_xlsx` into a file — against the hand counting plus the same tables written bare
  (ReportLab LongTable without letterhead or styles; openpyxl cells without styles or formulas).
- tablero: `ServicioTablero.calcular(supervisor)` (the Inicio page), against the raw tally of the
  current year, for reference; skipped with a note where the service has no `calcular`.
"""
from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from pathlib import Path
from typing import Callable

from .bases import CONTRASENA, Preparada
from .consultas import _ejecutar, conexion_cruda
from .medir import Figura, mediana, p95

MEDIDAS = ("poa",)
SUPERVISOR = "bench_supervision"


# --- the same counting, by hand ---------------------------------------------------------------------
def sql_tally(motor: str) -> tuple[str, str]:
    """(petitions by channel × month, follow-ups by indicator × month) of a period, as one writes them."""
    if motor == "sqlite":
        mes_p, mes_s, marca = ("CAST(strftime('%m', fecha_recepcion) AS INTEGER)",
                               "CAST(strftime('%m', s.fecha) AS INTEGER)", "?")
    else:
        mes_p, mes_s, marca = "EXTRACT(MONTH FROM fecha_recepcion)", "EXTRACT(MONTH FROM s.fecha)", "%s"
    peticiones = (f"SELECT canal_id, {mes_p} AS mes, count(*) FROM peticiones "
                  f"WHERE fecha_recepcion >= {marca} AND fecha_recepcion < {marca} "
                  "AND estatus <> 'anulada' AND fusionada_en IS NULL GROUP BY canal_id, mes")
    seguimientos = (f"SELECT c.indicador, {mes_s} AS mes, count(*) FROM seguimientos s "
                    "JOIN peticiones p ON p.id = s.peticion_id JOIN canales c ON c.id = p.canal_id "
                    f"WHERE s.fecha >= {marca} AND s.fecha < {marca} GROUP BY c.indicador, mes")
    return peticiones, seguimientos


def _limites(motor: str, anio: int) -> list:
    inicio, fin = dt.datetime(anio, 1, 1), dt.datetime(anio + 1, 1, 1)
    return [inicio.isoformat(" "), fin.isoformat(" ")] if motor == "sqlite" else [inicio, fin]


def anio_con_mas_peticiones(c) -> tuple[int, int]:
    return tuple(_ejecutar(c, "SELECT anio, count(*) FROM peticiones GROUP BY anio ORDER BY 2 DESC, 1 DESC LIMIT 1",
                           [])[0])


def _coinciden(reporte, filas_p: list, filas_s: list) -> bool:
    """The baseline counted what the service counted: every channel and follow-up total of the year."""
    por_indicador: dict[int, int] = {}
    for indicador, _mes, n in filas_s:
        por_indicador[int(indicador)] = por_indicador.get(int(indicador), 0) + n
    canales = sum(f.total for i in reporte.indicadores for f in i.filas if f.canal)
    seguimientos = {i.numero: i.filas[-2].total for i in reporte.indicadores}
    return canales == sum(n for *_, n in filas_p) and all(
        seguimientos.get(k, 0) == n for k, n in por_indicador.items())


# --- the measures -----------------------------------------------------------------------------------
def supervisor(p: Preparada):
    """A supervisor on this run's copy (the cached database has an admin and operators only)."""
    from oee_desk.services.usuarios import ServicioUsuarios

    usuarios = ServicioUsuarios(p.bd)
    if SUPERVISOR not in {u.nombre for u in usuarios.listar(p.admin)}:
        usuarios.agregar(p.admin, SUPERVISOR, "supervisor", "Supervisión de Prueba", CONTRASENA, CONTRASENA)
    return usuarios.autenticar(SUPERVISOR, CONTRASENA)


def medir(p: Preparada, veces: int = 9, avisar: Callable[[str], None] = print) -> list[Figura]:
    from oee_desk.services import Servicios, demo

    servicios = Servicios.de(p.bd)
    jefe = supervisor(p)
    with conexion_cruda(p) as c:
        anio, del_anio = anio_con_mas_peticiones(c)
        primera, ultima = _ejecutar(c, "SELECT min(fecha_recepcion), max(fecha_recepcion) FROM peticiones", [])[0]
    hoy = dt.date.today()
    desde, hasta = (dt.date.fromisoformat(str(x)[:10]) for x in (primera, ultima))
    servicios.metas.cargar(jefe, demo.documento_metas(p.bd, jefe, anio, desde, hasta, hoy, random.Random(1)))
    figuras = medir_tally(p, servicios, jefe, anio, del_anio, veces)
    avisar(f"  {p.motor}: cómputo del POA {anio} medido")
    figuras += medir_archivos(p, servicios, jefe, anio, max(3, veces // 3))
    avisar(f"  {p.motor}: PDF y XLSX del POA medidos")
    figuras.append(medir_tablero(p, servicios, jefe, hoy.year, veces, avisar))
    return figuras


def medir_tally(p: Preparada, servicios, jefe, anio: int, del_anio: int, veces: int) -> list[Figura]:
    from .atencion import planes

    sql_p, sql_s = sql_tally(p.motor)
    limites = _limites(p.motor, anio)
    servicio, base, sola = [], [], []
    with conexion_cruda(p) as c:
        for vuelta in range(veces + 1):  # the first of each: a warm-up, not counted
            inicio = time.perf_counter()
            reporte = servicios.poa.generar(jefe, anio)
            medio = time.perf_counter()
            filas_p = _ejecutar(c, sql_p, limites)
            peticiones = time.perf_counter()
            filas_s = _ejecutar(c, sql_s, limites)
            fin = time.perf_counter()
            if vuelta:
                servicio.append((medio - inicio) * 1000)
                base.append((fin - medio) * 1000)
                sola.append((peticiones - medio) * 1000)
        seguimientos = sum(n for *_, n in filas_s)
    detalle = {
        "anio": anio, "peticiones_del_anio": del_anio, "seguimientos_del_anio": seguimientos,
        "peticiones_en_la_base": p.datos.get("peticiones"), "seguimientos_en_la_base": p.datos.get("seguimientos"),
        "metas": len(reporte.metas), "repeticiones": veces, "coinciden": _coinciden(reporte, filas_p, filas_s),
        "p50_ms": round(mediana(servicio), 1), "p95_ms": round(p95(servicio), 1),
        "base_p50_ms": round(mediana(base), 1), "base_p95_ms": round(p95(base), 1),
        "group_by_peticiones_p50_ms": round(mediana(sola), 1), "group_by_peticiones_p95_ms": round(p95(sola), 1),
        "sql_base": [sql_p, sql_s], "plan": planes(p, lambda: servicios.poa.generar(jefe, anio))}
    etiqueta = f"POA: ServicioPoa.generar del año {anio} ({del_anio:,} peticiones, {seguimientos:,} seguimientos)"
    return [
        Figura(f"{etiqueta} (mediana)", p.motor, "ms", mediana(servicio), mediana(base),
               "≤ 2× (conteo a mano)", mediana(servicio) <= 2 * mediana(base), detalle),
        Figura(f"{etiqueta} (p95)", p.motor, "ms", p95(servicio), p95(base), "≤ 2× (conteo a mano)",
               p95(servicio) <= 2 * p95(base), {"ver": "la línea de la mediana"}),
        Figura("POA: el mismo cómputo contra un solo GROUP BY de peticiones (mediana)", p.motor, "ms",
               mediana(servicio), mediana(sola), "≤ 2× (quality.md)", mediana(servicio) <= 2 * mediana(sola),
               {"sql_base": sql_p, "p95_ms": round(p95(servicio), 1), "base_p95_ms": round(p95(sola), 1)}),
    ]


def _pdf_crudo(reporte, ruta: Path) -> None:
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.platypus import LongTable, SimpleDocTemplate

    tablas = [LongTable([["Rubro", *range(1, 13), "Total"]] + [[f.rubro, *f.meses, f.total] for f in i.filas])
              for i in reporte.indicadores]
    tablas.append(LongTable([["No.", "Descripción", "Área", "I", "II", "III", "IV", "Total", "Programado", "%"]]
                            + [[m.numero, m.descripcion[:60], m.area[:40], *m.trimestres, m.total, m.programado,
                                m.cumplimiento_pct] for m in reporte.metas]))
    SimpleDocTemplate(str(ruta), pagesize=landscape(letter)).build(tablas)


def _xlsx_crudo(reporte, ruta: Path) -> None:
    from openpyxl import Workbook

    libro = Workbook()
    hoja = libro.active
    for i in reporte.indicadores:
        for f in i.filas:
            hoja.append([i.numero, f.rubro, *f.meses, f.total])
    metas = libro.create_sheet("Metas")
    for m in reporte.metas:
        metas.append([m.numero, m.descripcion, m.area, *m.trimestres, m.total, m.programado, m.cumplimiento_pct])
    libro.save(ruta)


def medir_archivos(p: Preparada, servicios, jefe, anio: int, veces: int = 3) -> list[Figura]:
    """The tally and its file, as the Reportes page writes it; the baseline counts by hand and writes
    the same figures bare."""
    from oee_desk.reports import poa as informe

    sql_p, sql_s = sql_tally(p.motor)
    limites = _limites(p.motor, anio)
    figuras = []
    with tempfile.TemporaryDirectory(prefix="oee-bench-poa-") as carpeta, conexion_cruda(p) as c:
        for formato, escribir, crudo in (("pdf", informe.escribir_pdf, _pdf_crudo),
                                         ("xlsx", informe.escribir_xlsx, _xlsx_crudo)):
            total, archivo, bases = [], [], []
            ruta = Path(carpeta) / f"poa.{formato}"
            for _ in range(veces):
                inicio = time.perf_counter()
                reporte = servicios.poa.generar(jefe, anio)
                medio = time.perf_counter()
                escribir(reporte, str(ruta))
                fin = time.perf_counter()
                total.append((fin - inicio) * 1000)
                archivo.append((fin - medio) * 1000)
                inicio = time.perf_counter()
                _ejecutar(c, sql_p, limites)
                _ejecutar(c, sql_s, limites)
                crudo(reporte, Path(carpeta) / f"crudo.{formato}")  # the same figures, not recomputed
                bases.append((time.perf_counter() - inicio) * 1000)
            valor = mediana(total)
            figuras.append(Figura(
                f"POA del año {anio} en {formato.upper()}: cómputo + reports.poa.escribir_{formato} (mediana)",
                p.motor, "ms", valor, mediana(bases), "≤ 3 s", valor <= 3000,
                {"repeticiones": veces, "escribir_ms": round(mediana(archivo), 1),
                 "computo_ms": round(mediana(total) - mediana(archivo), 1), "bytes": ruta.stat().st_size,
                 "base": "el conteo a mano y las mismas cifras escritas sin formato (sin membrete, estilos "
                         "ni fórmulas)"}))
    return figuras


def medir_tablero(p: Preparada, servicios, jefe, anio: int, veces: int, avisar: Callable[[str], None]) -> Figura:
    from .atencion import planes

    etiqueta = "tablero: ServicioTablero.calcular (Inicio del supervisor, mediana)"
    tablero = getattr(servicios, "tablero", None)
    if not hasattr(tablero, "calcular"):
        nota = "ServicioTablero.calcular aún no existe: no se midió el tablero"
        avisar(f"  {p.motor}: {nota}")
        return Figura(etiqueta, p.motor, "ms", float("nan"), None, "≤ 1 s", None, {"nota": nota})
    sql_p, sql_s = sql_tally(p.motor)
    limites = _limites(p.motor, anio)
    valores, bases = [], []
    with conexion_cruda(p) as c:
        for vuelta in range(veces + 1):
            inicio = time.perf_counter()
            tablero.calcular(jefe)
            medio = time.perf_counter()
            _ejecutar(c, sql_p, limites)
            _ejecutar(c, sql_s, limites)
            fin = time.perf_counter()
            if vuelta:
                valores.append((medio - inicio) * 1000)
                bases.append((fin - medio) * 1000)
    avisar(f"  {p.motor}: tablero medido")
    valor = mediana(valores)
    return Figura(etiqueta, p.motor, "ms", valor, mediana(bases), "≤ 1 s", valor <= 1000,
                  {"repeticiones": veces, "p95_ms": round(p95(valores), 1), "base_p95_ms": round(p95(bases), 1),
                   "base": f"el conteo a mano del POA de {anio} (peticiones + seguimientos), como referencia",
                   "plan": planes(p, lambda: tablero.calcular(jefe), limite=6)})
