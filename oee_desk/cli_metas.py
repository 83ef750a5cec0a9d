"""The Metas POA commands of the CLI (cli.md): `metas cargar` and `reporte poa`."""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from .domain.errores import ErrorValidacion

FORMATOS_POA = ["json", "xlsx", "pdf", "csv"]


def agregar_comandos(sub, reporte) -> None:
    metas = sub.add_parser("metas", help="metas del POA").add_subparsers(dest="accion", required=True)
    cargar = metas.add_parser("cargar", help="definir las metas de un año y sus valores")
    cargar.add_argument("--json", dest="documento", required=True, help="archivo JSON (- = entrada estándar)")
    poa = reporte.add_parser("poa", help="informe de metas según el POA")
    poa.add_argument("--anio", type=int, required=True)
    poa.add_argument("--mes", type=int, choices=range(1, 13), metavar="M")
    poa.add_argument("--formato", required=True, choices=FORMATOS_POA)
    poa.add_argument("-o", dest="archivo", required=True, help="archivo de salida (- = JSON a la salida estándar)")


def metas(args: argparse.Namespace, abrir, sesion, leer_documento) -> int:
    from .services.metas import ServicioMetas

    bd = abrir(args)
    resumen = ServicioMetas(bd).cargar(sesion(args, bd), leer_documento(args.documento)[0])
    print(json.dumps(resumen, ensure_ascii=False, indent=2))
    return 0


def filas_csv(reporte) -> list[list]:
    """The report as one table: indicator rows by month, then the metas by quarter."""
    filas = [["indicador", "rubro", "canal", *MESES_CSV, "total"]]
    for i in reporte.indicadores:
        filas += [[i.numero, f.rubro, f.canal or "", *f.meses, f.total] for f in i.filas]
    filas.append([])
    filas.append(["meta", "descripcion", "area", "unidad", "I", "II", "III", "IV", "total", "programado",
                  "cumplimiento_pct"])
    for m in reporte.metas:
        filas.append([m.numero, m.descripcion, m.area, m.unidad, *("" if x is None else x for x in m.trimestres),
                      "" if m.total is None else m.total, "" if m.programado is None else m.programado,
                      "" if m.cumplimiento_pct is None else m.cumplimiento_pct])
    filas.append(["TOTALES", "", "", "conteo", *reporte.totales_metas])
    return filas


MESES_CSV = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre"]


def escribir_json_o_exigir_archivo(args: argparse.Namespace, datos: dict) -> bool:
    """`--formato json`: the report written to `-o` (`-` = standard output); True when done. Any
    other format needs a file: the standard output takes only JSON."""
    if args.formato == "json":
        texto = json.dumps(datos, ensure_ascii=False, indent=2)
        if args.archivo == "-":
            print(texto)
        else:
            Path(args.archivo).write_text(texto + "\n", encoding="utf-8")
        return True
    if args.archivo == "-":
        raise ErrorValidacion.de("-o", "la salida estándar solo admite --formato json")
    return False


def reporte_poa(args: argparse.Namespace, abrir, sesion) -> int:
    from .services.poa import ServicioPoa

    bd = abrir(args)
    reporte = ServicioPoa(bd).generar(sesion(args, bd), args.anio, args.mes)
    if escribir_json_o_exigir_archivo(args, reporte.como_json()):
        return 0
    if args.formato == "csv":
        from .domain.texto import parece_formula

        salida = io.StringIO()
        escritor = csv.writer(salida)
        for fila in filas_csv(reporte):
            # A spreadsheet opening the CSV must not run a description as a formula.
            escritor.writerow(["'" + x if isinstance(x, str) and parece_formula(x) else x for x in fila])
        Path(args.archivo).write_text(salida.getvalue(), encoding="utf-8-sig")
    else:
        try:
            from .reports import poa
        except ModuleNotFoundError:  # the PDF and XLSX layouts of the office come with issue #5
            raise ErrorValidacion.de("--formato", f"{args.formato} todavía no está disponible; use json o csv") from None
        (poa.escribir_pdf if args.formato == "pdf" else poa.escribir_xlsx)(reporte, args.archivo)
    print(f"Reporte escrito en {args.archivo}", file=sys.stderr)
    return 0
