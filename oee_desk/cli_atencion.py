"""The Atención Ciudadana commands of the CLI (cli.md): peticiones, giras, their imports."""
from __future__ import annotations

import argparse
import json
import sys


def agregar_comandos(sub) -> None:
    peticiones = sub.add_parser("peticiones", help="peticiones ciudadanas").add_subparsers(dest="accion", required=True)
    registrar = peticiones.add_parser("registrar", help="registrar una petición (y su ciudadano)")
    registrar.add_argument("--json", dest="documento", required=True, help="archivo JSON (- = entrada estándar)")
    seguimiento = peticiones.add_parser("seguimiento", help="agregar un seguimiento a una petición")
    seguimiento.add_argument("folio")
    seguimiento.add_argument("--json", dest="documento", required=True, help="archivo JSON (- = entrada estándar)")
    canalizar = peticiones.add_parser("canalizar", help="canalizar una petición a un área o dependencia")
    canalizar.add_argument("folio")
    canalizar.add_argument("--json", dest="documento", required=True, help="archivo JSON (- = entrada estándar)")
    anular = peticiones.add_parser("anular", help="anular una petición (supervisión)")
    anular.add_argument("folio")
    anular.add_argument("--motivo", required=True)
    peticiones.add_parser("buscar", help="por folio, nombre, teléfono o CURP").add_argument("texto")
    peticiones.add_parser("mostrar").add_argument("folio")

    giras = sub.add_parser("giras", help="giras del C. Gobernador").add_subparsers(dest="accion", required=True)
    registrar_g = giras.add_parser("registrar", help="registrar una gira")
    registrar_g.add_argument("--json", dest="documento", required=True, help="archivo JSON (- = entrada estándar)")
    listar = giras.add_parser("listar")
    listar.add_argument("--anio", type=int)
    giras.add_parser("mostrar").add_argument("clave")


def _json(datos) -> None:
    print(json.dumps(datos, ensure_ascii=False, indent=2, default=str))


def peticiones(args: argparse.Namespace, abrir, sesion, leer_documento, imprimir) -> int:
    from .services.lista_peticiones import ServicioListaPeticiones
    from .services.peticiones import ServicioPeticiones
    from .services.seguimientos import ServicioSeguimientos

    bd = abrir(args)
    actor = sesion(args, bd)
    servicio = ServicioPeticiones(bd)
    if args.accion == "registrar":
        peticion = servicio.registrar(actor, leer_documento(args.documento)[0])
        for d in peticion.posibles_duplicados:
            print(f"Aviso: el ciudadano podría estar duplicado con {d.ciudadano.id} ({d.motivo})", file=sys.stderr)
        _json(peticion.como_json())
    elif args.accion == "seguimiento":
        _json(ServicioSeguimientos(bd).agregar(actor, args.folio, leer_documento(args.documento)[0]).como_json())
    elif args.accion == "canalizar":
        _json(servicio.canalizar(actor, args.folio, leer_documento(args.documento)[0]).como_json())
    elif args.accion == "anular":
        p = servicio.anular(actor, args.folio, args.motivo)
        imprimir(args, p.como_json(), f"{p.folio} anulada: {p.motivo_anulacion}")
    elif args.accion == "mostrar":
        _json(servicio.obtener(actor, args.folio).como_json())
    else:
        filas = ServicioListaPeticiones(bd).buscar(actor, args.texto)
        imprimir(args, [{"id": str(f.id), "folio": f.folio, "fecha_recepcion": f.fecha_recepcion.isoformat(),
                         "canal": f.canal, "tema": f.tema, "ciudadano": f.ciudadano, "telefono": f.telefono,
                         "municipio": f.municipio, "estatus": f.estatus} for f in filas],
                 "\n".join(f"{f.folio:<16} {f.fecha_recepcion:%Y-%m-%d}  {f.ciudadano[:34]:<34} {f.telefono or '':<11} "
                           f"{f.estatus:<15} {f.tema}" for f in filas) or "Sin resultados.")
    return 0


def giras(args: argparse.Namespace, abrir, sesion, leer_documento, imprimir) -> int:
    from .services.giras import ServicioGiras

    bd = abrir(args)
    actor = sesion(args, bd)
    servicio = ServicioGiras(bd)
    if args.accion == "registrar":
        _json(servicio.registrar(actor, leer_documento(args.documento)[0]).como_json())
    elif args.accion == "mostrar":
        _json(servicio.obtener(actor, args.clave).como_json())
    else:
        lista = servicio.listar(actor, anio=args.anio)
        imprimir(args, [g.como_json() for g in lista],
                 "\n".join(f"{g.clave:<15} {g.fecha:%Y-%m-%d}  {g.municipio_nombre[:20]:<20} {g.peticiones:>5}  "
                           f"{g.evento[:50]}" for g in lista) or "Sin giras.")
    return 0
