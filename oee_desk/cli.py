"""`oee-desk`: the command line (cli.md). A thin layer: parse, call a service, print, exit code."""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any, Callable

from sqlalchemy.exc import OperationalError

from . import __version__, cli_atencion, cli_metas, cli_oficios, cli_reportes
from .cli_mensajes import en_espanol
from .cli_salida import escribir_reporte
from .config import resolver_url
from .db import esquema
from .db.motor import BaseDatos, diagnosticar
from .domain.errores import AutenticacionFallida, BaseDatosInaccesible, ErrorOee, ErrorValidacion
from .domain.roles import ETIQUETAS_ROL
from .services import Servicios
from .services.archivos import leer_filas
from .services.conexion import abrir
from .services.sesion import Sesion


class _Parser(argparse.ArgumentParser):
    def format_usage(self) -> str:  # argparse's own, with a Spanish prefix
        formato = self._get_formatter()
        formato.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, prefix="uso: ")
        return formato.format_help()

    def error(self, message: str):  # argparse's own words are English; say it in Spanish, exit 2
        self.print_usage(sys.stderr)
        print(f"oee-desk: uso incorrecto: {en_espanol(message)}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="oee-desk", description="OEE Desk: correspondencia y atención ciudadana.")
    p.add_argument("--version", action="version", version=f"oee-desk {__version__}")
    p.add_argument("--db", help="URL de la base de datos (sqlite:///ruta.db o postgresql+psycopg://…)")
    p.add_argument("--usuario", help="usuario que actúa (o variable OEE_DESK_USUARIO)")
    p.add_argument("--salida", choices=["texto", "json"], default="texto")
    sub = p.add_subparsers(dest="comando", parser_class=_Parser)

    init = sub.add_parser("init", help="crear o actualizar la base y el primer administrador")
    init.add_argument("--admin", required=True)
    init.add_argument("--nombre-completo")

    db = sub.add_parser("db", help="versión del esquema").add_subparsers(dest="accion", required=True)
    for nombre, ayuda in [("upgrade", "migrar a la última versión"), ("current", "revisión actual"),
                          ("check", "comparar modelos y migraciones")]:
        db.add_parser(nombre, help=ayuda)

    usuarios = sub.add_parser("usuarios").add_subparsers(dest="accion", required=True)
    agregar = usuarios.add_parser("agregar")
    agregar.add_argument("nombre")
    agregar.add_argument("--rol", required=True, choices=[r.value for r in ETIQUETAS_ROL])
    agregar.add_argument("--nombre-completo")
    agregar.add_argument("--curp", help="CURP (opcional)")
    agregar.add_argument("--area", help="área cuyas metas POA manuales captura (opcional)")
    usuarios.add_parser("listar")
    usuarios.add_parser("desactivar").add_argument("nombre")

    catalogo = sub.add_parser("catalogo").add_subparsers(dest="accion", required=True)
    exportar = catalogo.add_parser("exportar")
    exportar.add_argument("nombre")
    exportar.add_argument("--formato", choices=["json", "csv"], default="csv")
    exportar.add_argument("-o", dest="archivo", default="-")
    importar = catalogo.add_parser("importar")
    importar.add_argument("nombre")
    importar.add_argument("archivo")
    importar.add_argument("--simular", action="store_true")

    cli_oficios.agregar_comandos(sub)
    cli_atencion.agregar_comandos(sub)

    reporte = sub.add_parser("reporte").add_subparsers(dest="accion", required=True)
    estatus = reporte.add_parser("estatus-dependencias", help="turnos por dependencia en un periodo")
    estatus.add_argument("--desde", required=True)
    estatus.add_argument("--hasta", required=True)
    estatus.add_argument("--formato", required=True, choices=["json", "xlsx", "pdf"])
    estatus.add_argument("-o", dest="archivo", required=True, help="archivo de salida (- = JSON a la salida estándar)")
    cli_metas.agregar_comandos(sub, reporte)
    cli_reportes.agregar_comandos(reporte)

    importar_p = sub.add_parser("importar", help="carga masiva de historia desde .xlsx o .csv")
    importar_p.add_argument("tipo", choices=["oficios", "peticiones", "seguimientos"])
    importar_p.add_argument("archivo")
    importar_p.add_argument("--simular", action="store_true", help="validar sin escribir")

    sub.add_parser("backup").add_argument("archivo")
    sub.add_parser("restore").add_argument("archivo")
    sub.add_parser("selftest", help="abrir cada pantalla sin mostrarla y comprobar que funciona")
    demo = sub.add_parser("demo", help="crear una base de demostración con un año de datos realistas y abrir "
                                       "la aplicación en ella")
    demo.add_argument("--ruta", help="archivo de la base de demostración (por omisión oee-desk-demo.db en la "
                                     "carpeta de datos del usuario, aparte de la base real)")
    demo.add_argument("--nueva", action="store_true", help="volver a crearla aunque ya exista")
    demo.add_argument("--sin-gui", action="store_true", help="solo crearla, sin abrir la aplicación")
    demo.add_argument("--usuario", dest="usuario_demo", metavar="USUARIO",
                      help="usuario de demostración con el que se entra (por omisión: supervision)")
    return p


# --- helpers --------------------------------------------------------------------------------
def _imprimir(args, datos: Any, texto: str | None = None) -> None:
    if args.salida == "json" or texto is None:
        print(json.dumps(datos, ensure_ascii=False, indent=2, default=str))
    else:
        print(texto)


def _contrasena_de_entorno_o_pregunta(pregunta: str, *, confirmar: bool = False) -> str:
    if os.environ.get("OEE_DESK_PASSWORD"):
        return os.environ["OEE_DESK_PASSWORD"]
    if not sys.stdin or not sys.stdin.isatty():
        raise AutenticacionFallida("Falta la contraseña: defina OEE_DESK_PASSWORD o ejecute en una terminal.")
    clave = getpass.getpass(f"{pregunta}: ")
    if confirmar and getpass.getpass("Repita la contraseña: ") != clave:
        raise ErrorValidacion.de("confirmación", "no coincide con la contraseña")
    return clave


def _preguntar_servidor(pregunta: str) -> str | None:
    return getpass.getpass(f"{pregunta}: ") if sys.stdin and sys.stdin.isatty() else None


def _sesion(args, servicios: Servicios) -> Sesion:
    nombre = args.usuario or os.environ.get("OEE_DESK_USUARIO")
    if not nombre:
        raise AutenticacionFallida("Indique quién actúa con --usuario o la variable OEE_DESK_USUARIO.")
    return servicios.usuarios.autenticar(nombre, _contrasena_de_entorno_o_pregunta(f"Contraseña de {nombre}"))


def _abrir(args, *, actualizar: bool = True) -> BaseDatos:
    bd = abrir(resolver_url(args.db), preguntar=_preguntar_servidor)
    if actualizar:
        esquema.actualizar(bd)
    return bd


# --- commands -------------------------------------------------------------------------------
def _init(args) -> int:
    from .services.inicializacion import inicializar

    bd = _abrir(args, actualizar=False)
    servicios = Servicios.de(bd)
    esquema.actualizar(bd)
    contrasena = None
    if not servicios.usuarios.hay_usuarios():
        contrasena = _contrasena_de_entorno_o_pregunta(f"Contraseña nueva para {args.admin}", confirmar=True)
    cargados, admin = inicializar(bd, admin=args.admin, nombre_completo=args.nombre_completo or args.admin,
                                  contrasena=contrasena)
    datos = {"base": bd.describir(), "revision": esquema.revision_actual(bd), "catalogos_cargados": cargados,
             "administrador": admin.nombre if admin else None}
    texto = f"Base lista ({datos['base']}), revisión {datos['revision']}."
    if cargados:
        texto += "\nCatálogos cargados: " + ", ".join(f"{k} ({n})" for k, n in cargados.items())
    texto += f"\nAdministrador creado: {admin.nombre}" if admin else "\nYa existían usuarios; no se creó otro administrador."
    _imprimir(args, datos, texto)
    return 0


def _db(args) -> int:
    bd = _abrir(args, actualizar=False)
    if args.accion == "upgrade":
        esquema.actualizar(bd)
        _imprimir(args, {"revision": esquema.revision_actual(bd)}, f"Revisión {esquema.revision_actual(bd)}")
        return 0
    if args.accion == "current":
        actual = esquema.revision_actual(bd)
        _imprimir(args, {"revision": actual, "aplicacion": esquema.revision_aplicacion()}, actual or "(vacía)")
        return 0
    esquema.verificar_compatible(bd)
    diferencias = esquema.diferencias_modelos(bd)
    if diferencias:
        for d in diferencias:
            print(f"Diferencia entre modelos y migraciones: {d}", file=sys.stderr)
        return 1
    _imprimir(args, {"diferencias": []}, "Los modelos y las migraciones coinciden.")
    return 0


def _usuarios(args) -> int:
    servicios = Servicios.de(_abrir(args))
    actor = _sesion(args, servicios)
    if args.accion == "listar":
        lista = servicios.usuarios.listar(actor)
        datos = [{"usuario": u.nombre, "nombre_completo": u.nombre_completo, "rol": u.rol.value,
                  "activo": u.activo, "area": u.area} for u in lista]
        texto = "\n".join(f"{u.nombre:<20} {u.rol.etiqueta:<20} {'activo' if u.activo else 'inactivo':<9} "
                          f"{u.nombre_completo}" for u in lista)
        _imprimir(args, datos, texto)
    elif args.accion == "agregar":
        clave = _contrasena_de_entorno_o_pregunta(f"Contraseña para {args.nombre}", confirmar=True) \
            if not os.environ.get("OEE_DESK_PASSWORD_NUEVO") else os.environ["OEE_DESK_PASSWORD_NUEVO"]
        u = servicios.usuarios.agregar(actor, args.nombre, args.rol, args.nombre_completo or args.nombre, clave,
                                       curp=args.curp, area=args.area)
        _imprimir(args, {"id": str(u.id), "usuario": u.nombre, "rol": u.rol.value, "area": u.area},
                  f"Usuario {u.nombre} creado con el rol {u.rol.etiqueta}.")
    else:
        u = servicios.usuarios.desactivar(actor, args.nombre)
        _imprimir(args, {"usuario": u.nombre, "activo": u.activo}, f"Usuario {u.nombre} desactivado.")
    return 0


def _catalogo(args) -> int:
    servicios = Servicios.de(_abrir(args))
    actor = _sesion(args, servicios)
    if args.accion == "exportar":
        contenido = servicios.catalogos.exportar(actor, args.nombre, args.formato)
        if args.archivo == "-":
            sys.stdout.write(contenido if contenido.endswith("\n") else contenido + "\n")
            return 0
        def escribir() -> int:
            Path(args.archivo).write_text(contenido, encoding="utf-8", newline="")
            return 0
        # Through the report files' writer: a missing or denied folder is said in Spanish, exit 1.
        return escribir_reporte(args, escribir)
    resumen = servicios.catalogos.importar(actor, args.nombre, leer_filas(args.archivo), simular=args.simular)
    for e in resumen.errores:
        print(f"fila {e['fila']}, columna {e['columna']}: {e['motivo']}", file=sys.stderr)
    texto = (f"Leídas {resumen.leidas}, cargadas {resumen.cargadas}, actualizadas {resumen.actualizadas}, "
             f"omitidas {resumen.omitidas}" + (" (simulación: no se escribió nada)" if args.simular else ""))
    _imprimir(args, resumen.como_json(), texto)
    # Bad rows are reported, good rows are loaded: that is a completed import, hence 0 (a non-zero
    # exit promises that nothing was written).
    return 0


def _respaldo(args) -> int:
    from .services import respaldo

    bd = _abrir(args, actualizar=args.comando == "backup")
    servicios = Servicios.de(bd)
    if args.comando == "backup":
        manifiesto = respaldo.respaldar(bd, _sesion(args, servicios), Path(args.archivo))
        _imprimir(args, manifiesto.como_json(), f"Respaldo escrito en {args.archivo}")
        return 0
    vacia = esquema.revision_actual(bd) is None
    actor = None if vacia else _sesion(args, servicios)
    respaldo.restaurar(bd, actor, Path(args.archivo))
    _imprimir(args, {"restaurado": args.archivo}, f"Base restaurada desde {args.archivo}")
    return 0


def _leer_documento(ruta: str) -> tuple[dict, Path]:
    """The --json document, and the folder its relative paths (anexos) are taken from."""
    try:
        if ruta == "-":
            return json.load(sys.stdin), Path.cwd()
        archivo = Path(ruta)
        return json.loads(archivo.read_text(encoding="utf-8-sig")), archivo.parent
    except FileNotFoundError:
        raise ErrorValidacion.de("--json", f"no existe el archivo {ruta}") from None
    except json.JSONDecodeError as e:
        raise ErrorValidacion.de("--json", f"no es un JSON válido: {e}") from None


def _reporte(args) -> int:
    return escribir_reporte(args, lambda: _generar_reporte(args))


def _generar_reporte(args) -> int:
    if args.accion == "poa":
        return cli_metas.reporte_poa(args, _abrir, lambda a, bd: _sesion(a, Servicios.de(bd)))
    if args.accion in cli_reportes.ACCIONES:
        return cli_reportes.reporte(args, _abrir, lambda a, bd: _sesion(a, Servicios.de(bd)))
    from .reports import estatus
    from .services.reporte_estatus import ServicioReporteEstatus

    servicios = Servicios.de(_abrir(args))
    reporte = ServicioReporteEstatus(servicios.bd).generar(_sesion(args, servicios), args.desde, args.hasta)
    if cli_metas.escribir_json_o_exigir_archivo(args, reporte.como_json()):
        return 0
    (estatus.escribir_pdf if args.formato == "pdf" else estatus.escribir_xlsx)(reporte, args.archivo)
    print(f"Reporte escrito en {args.archivo}", file=sys.stderr)
    return 0


def _importar(args) -> int:
    if args.tipo == "peticiones":
        from .services.importar_peticiones import ServicioImportarPeticiones as Servicio
    elif args.tipo == "seguimientos":
        from .services.importar_seguimientos import ServicioImportarSeguimientos as Servicio
    else:
        from .services.importar_oficios import ServicioImportarOficios as Servicio

    servicios = Servicios.de(_abrir(args))
    actor = _sesion(args, servicios)
    filas = leer_filas(args.archivo)
    resumen = Servicio(servicios.bd).importar(actor, filas, simular=args.simular)
    for e in resumen.errores:
        print(f"fila {e['fila']}, columna {e['columna']}: {e['motivo']}", file=sys.stderr)
    texto = (f"Leídas {resumen.leidas}, cargadas {resumen.cargadas}, ya existían {resumen.ya_existian}, "
             f"omitidas {resumen.omitidas}" + (" (simulación: no se escribió nada)" if args.simular else ""))
    _imprimir(args, resumen.como_json(), texto)
    # Rejected input (exit 1) only when no row was good: a file of bad rows wrote nothing.
    return 1 if resumen.errores and not (resumen.cargadas or resumen.ya_existian) else 0


def _atencion(args) -> int:
    manejador = cli_atencion.peticiones if args.comando == "peticiones" else cli_atencion.giras
    return manejador(args, _abrir, lambda a, bd: _sesion(a, Servicios.de(bd)), _leer_documento, _imprimir)


def _demo(args) -> int:
    from .db.motor import describir
    from .services import demo

    nombres = [nombre for nombre, _, _ in demo.USUARIOS]
    usuario = args.usuario_demo or demo.USUARIO_INICIAL
    if usuario not in nombres:
        raise ErrorValidacion.de("--usuario", f"no es un usuario de la demostración; use uno de: {', '.join(nombres)}")
    url = demo.url_de(args.ruta)
    if args.nueva or not demo.existe(url):
        print(f"Creando la base de demostración ({describir(url)})…", file=sys.stderr)
        datos = demo.crear_demo(url, progreso=lambda t: print(f"  {t}", file=sys.stderr, flush=True),
                                reemplazar=args.nueva)
        print(f"Lista en {datos.segundos:.0f} s: {datos.desde:%d/%m/%Y} a {datos.hasta:%d/%m/%Y}; "
              + ", ".join(f"{n:,} {k.replace('_', ' ')}" for k, n in datos.conteos.items()), file=sys.stderr)
    else:
        print(f"Se usa la base de demostración que ya existe ({describir(url)}); --nueva la vuelve a crear.",
              file=sys.stderr)
    print(f"Usuarios: {', '.join(f'{n} ({r.etiqueta})' for n, r, _ in demo.USUARIOS)}; "
          f"contraseña de todos: «{demo.CONTRASENA}»", file=sys.stderr)
    if args.salida == "json":
        print(json.dumps({"url": url, "usuarios": nombres, "contrasena": demo.CONTRASENA}, ensure_ascii=False))
    if args.sin_gui:
        return 0
    from .ui.app import ejecutar_gui

    print(f"Abriendo la aplicación como {usuario}…", file=sys.stderr)
    return ejecutar_gui(url, entrar_como=(usuario, demo.CONTRASENA))


def _selftest(_args) -> int:
    from .ui.autoprueba import autoprueba

    return autoprueba()


COMANDOS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": _init, "db": _db, "usuarios": _usuarios, "catalogo": _catalogo,
    "series": lambda a: cli_oficios.series(a, _abrir, _sesion, _imprimir),
    "oficios": lambda a: cli_oficios.oficios(a, _abrir, _sesion, _imprimir, _leer_documento),
    "reporte": _reporte, "importar": _importar,
    "backup": _respaldo, "restore": _respaldo, "selftest": _selftest, "demo": _demo,
    "peticiones": _atencion, "giras": _atencion,
    "metas": lambda a: cli_metas.metas(a, _abrir, lambda a_, bd: _sesion(a_, Servicios.de(bd)), _leer_documento),
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.comando is None:
        from .ui.app import ejecutar_gui

        return ejecutar_gui(args.db)
    try:
        return COMANDOS[args.comando](args)
    except ErrorValidacion as e:
        for problema in e.problemas:
            print(f"Error: {problema.campo}: {problema.mensaje}", file=sys.stderr)
        return e.codigo_salida
    except ErrorOee as e:
        print(f"Error: {e.mensaje}", file=sys.stderr)
        return e.codigo_salida
    except (OperationalError, sqlite3.DatabaseError) as e:
        print(f"Error: {diagnosticar(e)}", file=sys.stderr)
        return BaseDatosInaccesible.codigo_salida
    except BrokenPipeError:  # `oee-desk … | head`: the reader left; what was done is committed
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("Interrumpido: no se escribió nada más.", file=sys.stderr)
        return 130
