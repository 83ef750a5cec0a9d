"""The supervisor's other reports on the command line (cli.md): `reporte peticiones`,
`reporte tiempos-respuesta` and `reporte giras`, each for a period, as JSON, XLSX or PDF."""
from __future__ import annotations

import argparse
import sys

from .cli_metas import escribir_json_o_exigir_archivo

# The subcommand -> the ServicioReportesAtencion method and its help.
REPORTES = {
    "peticiones": ("peticiones_por", "peticiones recibidas por tema, municipio y canal en un periodo"),
    "tiempos-respuesta": ("tiempos_respuesta", "días del turno a la respuesta por dependencia (mediana y "
                                               "percentil 90) en un periodo"),
    "giras": ("giras_periodo", "giras de un periodo con sus peticiones, canalizadas y con seguimiento"),
}
ACCIONES = frozenset(REPORTES)


def agregar_comandos(reporte) -> None:
    for nombre, (_, ayuda) in REPORTES.items():
        orden = reporte.add_parser(nombre, help=ayuda)
        orden.add_argument("--desde", required=True, help="primer día del periodo (AAAA-MM-DD)")
        orden.add_argument("--hasta", required=True, help="último día del periodo (AAAA-MM-DD)")
        orden.add_argument("--formato", required=True, choices=["json", "xlsx", "pdf"])
        orden.add_argument("-o", dest="archivo", required=True,
                           help="archivo de salida (- = JSON a la salida estándar)")


def reporte(args: argparse.Namespace, abrir, sesion) -> int:
    from .services.reportes_atencion import ServicioReportesAtencion

    bd = abrir(args)
    generar = getattr(ServicioReportesAtencion(bd), REPORTES[args.accion][0])
    resultado = generar(sesion(args, bd), args.desde, args.hasta)
    if escribir_json_o_exigir_archivo(args, resultado.como_json()):
        return 0
    from .reports import reportes_atencion  # ReportLab and openpyxl load only for a document

    reportes_atencion.escribir(resultado, args.archivo, args.formato)
    print(f"Reporte escrito en {args.archivo}", file=sys.stderr)
    return 0
