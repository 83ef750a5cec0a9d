"""«Informe de metas según el POA» as CSV: one sheet-like table (the indicator rows by month, then the
metas by quarter), for whoever wants the figures without the office's layout. Shared by the
command line and the application, so both write the same file."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..domain.texto import parece_formula
from ..services.poa import ReportePoa

MESES_CSV = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre"]


def _vacio_si_nada(valor):
    return "" if valor is None else valor


def filas_csv(reporte: ReportePoa) -> list[list]:
    """The report as one table: indicator rows by month, then the metas by quarter."""
    filas = [["indicador", "rubro", "canal", *MESES_CSV, "total"]]
    for i in reporte.indicadores:
        filas += [[i.numero, f.rubro, f.canal or "", *f.meses, f.total] for f in i.filas]
    filas.append([])
    filas.append(["meta", "descripcion", "area", "unidad", "I", "II", "III", "IV", "total", "programado",
                  "cumplimiento_pct"])
    for m in reporte.metas:
        filas.append([m.numero, m.descripcion, m.area, m.unidad, *(_vacio_si_nada(x) for x in m.trimestres),
                      _vacio_si_nada(m.total), _vacio_si_nada(m.programado), _vacio_si_nada(m.cumplimiento_pct)])
    filas.append(["TOTALES", "", "", "conteo", *reporte.totales_metas])
    return filas


def texto_csv(reporte: ReportePoa) -> str:
    salida = io.StringIO()
    escritor = csv.writer(salida)
    for fila in filas_csv(reporte):
        # A spreadsheet opening the CSV must not run a description as a formula.
        escritor.writerow(["'" + x if isinstance(x, str) and parece_formula(x) else x for x in fila])
    return salida.getvalue()


def escribir_csv(reporte: ReportePoa, ruta) -> None:
    """UTF-8 with its mark: Excel on Windows then reads the accents right."""
    Path(ruta).write_text(texto_csv(reporte), encoding="utf-8-sig")
