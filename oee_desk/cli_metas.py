"""The Metas POA commands of the CLI (cli.md): `metas cargar` and `reporte poa`; also `metas listar`,
`copiar`, `capturar` (an area's achieved values), `cerrar-mes` and `cierres`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .domain.errores import ErrorValidacion

FORMATOS_POA = ["json", "xlsx", "pdf", "csv"]


def agregar_comandos(sub, reporte) -> None:
    metas = sub.add_parser("metas", help="metas del POA").add_subparsers(dest="accion", required=True)
    cargar = metas.add_parser("cargar", help="definir las metas de un año y sus valores")
    cargar.add_argument("--json", dest="documento", required=True, help="archivo JSON (- = entrada estándar)")
    metas.add_parser("listar", help="las metas de un año").add_argument("--anio", type=int, required=True)
    copiar = metas.add_parser("copiar", help="copiar las metas de un año a otro, sin valores alcanzados")
    copiar.add_argument("--desde", type=int, required=True)
    copiar.add_argument("--hacia", type=int, required=True)
    capturar = metas.add_parser("capturar", help="valores alcanzados de una meta manual de su área")
    capturar.add_argument("--anio", type=int, required=True)
    capturar.add_argument("--numero", type=int, required=True)
    capturar.add_argument("--valores", required=True,
                          help="un valor por periodo separado por comas; vacío = sin capturar (p. ej. 0,3,,)")
    cerrar = metas.add_parser("cerrar-mes", help="cerrar un mes del informe POA (supervisión)")
    cerrar.add_argument("--anio", type=int, required=True)
    cerrar.add_argument("--mes", type=int, required=True)
    cerrar.add_argument("--nota")
    metas.add_parser("cierres", help="los meses cerrados de un año").add_argument("--anio", type=int, required=True)
    poa = reporte.add_parser("poa", help="informe de metas según el POA")
    poa.add_argument("--anio", type=int, required=True)
    poa.add_argument("--mes", type=int, choices=range(1, 13), metavar="M")
    poa.add_argument("--formato", required=True, choices=FORMATOS_POA)
    poa.add_argument("-o", dest="archivo", required=True, help="archivo de salida (- = JSON a la salida estándar)")


def metas(args: argparse.Namespace, abrir, sesion, leer_documento) -> int:
    from .services.cierres import ServicioCierres
    from .services.metas import ServicioMetas

    bd = abrir(args)
    actor, servicio = sesion(args, bd), ServicioMetas(bd)
    if args.accion == "cargar":
        resultado = servicio.cargar(actor, leer_documento(args.documento)[0])
    elif args.accion == "listar":
        resultado = servicio.listar(actor, args.anio)
    elif args.accion == "copiar":
        resultado = {"anio": args.hacia, "copiadas": servicio.copiar_anio(actor, args.desde, args.hacia)}
    elif args.accion == "capturar":
        valores = [x.strip() or None for x in args.valores.split(",")]
        resultado = servicio.capturar(actor, args.anio, args.numero, valores)
    elif args.accion == "cerrar-mes":
        resultado = ServicioCierres(bd).cerrar_mes(actor, args.anio, args.mes, args.nota).como_json()
    else:
        resultado = [c.como_json() for c in ServicioCierres(bd).listar(actor, args.anio)]
    print(json.dumps(resultado, ensure_ascii=False, indent=2, default=str))
    return 0


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
        from .reports.poa_csv import escribir_csv  # the same file the application writes

        escribir_csv(reporte, args.archivo)
    else:
        from .reports import poa

        (poa.escribir_pdf if args.formato == "pdf" else poa.escribir_xlsx)(reporte, args.archivo)
    print(f"Reporte escrito en {args.archivo}", file=sys.stderr)
    return 0
