"""The Correspondencia commands of the CLI (cli.md): `oficios registrar|turnar|responder|anular|buscar|
mostrar` and `series ajustar`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .domain.errores import ErrorValidacion
from .services import Servicios


def agregar_comandos(sub) -> None:
    series = sub.add_parser("series").add_subparsers(dest="accion", required=True)
    ajustar = series.add_parser("ajustar", help="subir el siguiente número de una serie (nunca bajarlo)")
    ajustar.add_argument("serie")
    ajustar.add_argument("--anio", required=True, type=int)
    ajustar.add_argument("--siguiente", required=True, type=int)

    oficios = sub.add_parser("oficios").add_subparsers(dest="accion", required=True)
    registrar = oficios.add_parser("registrar", help="registrar un asunto recibido")
    registrar.add_argument("--json", dest="documento", required=True, help="archivo JSON (- = entrada estándar)")
    for nombre, ayuda in [("turnar", "turnar el asunto a una o más dependencias"),
                          ("responder", "registrar acuse, avance, respuesta o cierre de un turno")]:
        orden = oficios.add_parser(nombre, help=ayuda)
        orden.add_argument("numero")
        orden.add_argument("--json", dest="documento", required=True, help="archivo JSON (- = entrada estándar)")
    anular = oficios.add_parser("anular", help="anular un número de control (supervisión)")
    anular.add_argument("numero")
    anular.add_argument("--motivo", required=True)
    oficios.add_parser("buscar").add_argument("texto")
    oficios.add_parser("mostrar").add_argument("numero")


def leer_anexos(rutas: Any, carpeta: Path) -> list[tuple[str, bytes]]:
    if not rutas:
        return []
    if not isinstance(rutas, list):
        raise ErrorValidacion.de("anexos", "debe ser una lista de rutas de archivo")
    archivos = []
    for ruta in rutas:
        archivo = Path(str(ruta))
        archivo = archivo if archivo.is_absolute() else carpeta / archivo
        try:
            archivos.append((archivo.name, archivo.read_bytes()))
        except OSError:
            raise ErrorValidacion.de("anexos", f"no se puede leer el archivo {ruta}") from None
    return archivos


def series(args: argparse.Namespace, abrir, sesion, imprimir) -> int:
    from .services.numeracion import ServicioSeries

    servicios = Servicios.de(abrir(args))
    siguiente = ServicioSeries(servicios.bd).ajustar(sesion(args, servicios), args.serie, args.anio, args.siguiente)
    imprimir(args, {"serie": args.serie, "anio": args.anio, "siguiente": siguiente},
             f"El siguiente número de {args.serie} en {args.anio} es {siguiente}.")
    return 0


def oficios(args: argparse.Namespace, abrir, sesion, imprimir, leer_documento) -> int:
    from .services.correspondencia import ServicioCorrespondencia

    servicios = Servicios.de(abrir(args))
    actor = sesion(args, servicios)
    correspondencia = ServicioCorrespondencia(servicios.bd)
    if args.accion == "registrar":
        documento, carpeta = leer_documento(args.documento)
        anexos = leer_anexos(documento.get("anexos") if isinstance(documento, dict) else None, carpeta)
        oficio = correspondencia.registrar(actor, documento, anexos)
        for d in oficio.posibles_duplicados:
            print(f"Aviso: posible duplicado de {d.numero_control} ({d.motivo})", file=sys.stderr)
        print(json.dumps(oficio.como_json(), ensure_ascii=False, indent=2))
    elif args.accion in ("turnar", "responder"):
        from .services.turnos import ServicioTurnos

        documento, carpeta = leer_documento(args.documento)
        turnos = ServicioTurnos(servicios.bd)
        if args.accion == "turnar":
            turnos.turnar(actor, args.numero, documento)
        else:
            anexos = leer_anexos(documento.get("anexos") if isinstance(documento, dict) else None, carpeta)
            turnos.responder(actor, args.numero, documento, anexos)
        print(json.dumps(correspondencia.obtener(actor, args.numero).como_json(), ensure_ascii=False, indent=2))
    elif args.accion == "anular":
        oficio = correspondencia.anular(actor, args.numero, args.motivo)
        imprimir(args, oficio.como_json(), f"{oficio.numero_control} anulado: {oficio.motivo_anulacion}")
    elif args.accion == "mostrar":
        print(json.dumps(correspondencia.obtener(actor, args.numero).como_json(), ensure_ascii=False, indent=2))
    else:
        encontrados = correspondencia.buscar(actor, args.texto)
        imprimir(args, [o.como_json() for o in encontrados],
                 "\n".join(f"{o.numero_control:<16} {o.fecha_recepcion:%Y-%m-%d}  {o.remitente['nombre'][:30]:<30} "
                           f"{o.asunto[:60]}" for o in encontrados) or "Sin resultados.")
    return 0
