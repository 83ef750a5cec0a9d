"""`oee-desk demo`: a separate database filled with a year of realistic work, so that a newcomer sees
every screen alive (and the README's screenshots show real-looking data).

One user per role, all with the same known password; a year of oficios and their turnos
(services/generador_oficios.py), of citizens, tours, petitions, canalizations and follow-ups
(services/generador_atencion.py), ending yesterday; on top, the small samples the self-test uses
(services/muestra.py, muestra_atencion.py), registered through the services over the last weeks, with
scans, answers and audit history; the POA metas of each calendar year it touches (automatic ones
programmed from the office's own pace, manual ones captured for the periods already over); and the
months before the previous one closed, as the supervisors would have done.

The generated history is bulk-written, as an import of the office's history would be: it has no
audit rows of its own.
"""
from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from sqlalchemy import extract, func, select
from sqlalchemy.engine import make_url

from ..db import esquema
from ..db.modelos_atencion import Canalizacion, Ciudadano, Gira, Peticion, Seguimiento
from ..db.modelos_correspondencia import Oficio, Turno
from ..db.modelos_metas import Meta
from ..db.motor import BaseDatos, carpeta_datos, describir
from ..domain.errores import Conflicto, ErrorValidacion
from ..domain.roles import Rol
from . import Servicios, muestra, muestra_atencion
from .inicializacion import inicializar
from .sesion import Sesion

CONTRASENA = "demostración oee sonora"  # every demo user's; printed by `oee-desk demo`
ARCHIVO = "oee-desk-demo.db"
# (user, role, full name). The samples' own staff (muestra.py, muestra_atencion.py) are these same users.
USUARIOS = (("admin", Rol.ADMIN, "Marta Elena Gámez Ruiz"), *muestra.PERSONAL[:1],
            *muestra_atencion.PERSONAL[:1], ("campo", Rol.CAMPO, "Ramón Alberto Yocupicio Leyva"),
            *muestra.PERSONAL[1:])
USUARIO_INICIAL = "supervision"  # the supervisor sees every module and the POA tally


@dataclass(frozen=True)
class Tamano:
    """How much a year holds: the office's real pace by default; smaller for screenshots and tests."""

    oficios: int = 3_000
    ciudadanos: int = 5_000
    peticiones: int = 8_000


TAMANO_DEMO = Tamano()


@dataclass(frozen=True)
class DatosDemo:
    url: str
    descripcion: str  # where it is, as the status bar says it
    desde: dt.date
    hasta: dt.date
    anios: tuple[int, ...]  # calendar years with metas
    usuarios: tuple[tuple[str, str], ...]  # (user, role label)
    contrasena: str
    conteos: dict[str, int]
    meses_cerrados: tuple[tuple[int, int], ...] = ()
    cierres_disponibles: bool = False  # False: the application cannot close months yet
    segundos: float = 0.0
    generado: dict = field(default_factory=dict)  # the generators' summaries


def ruta_por_defecto() -> Path:
    """Beside the real database, in the user's data folder, but never the same file."""
    return carpeta_datos() / ARCHIVO


def url_de(url_o_ruta: str | Path | None) -> str:
    """A file path (relative to the current folder) or a database URL."""
    if url_o_ruta is None:
        url_o_ruta = ruta_por_defecto()
    texto = str(url_o_ruta)
    if "://" in texto:
        return texto
    return f"sqlite:///{Path(texto).expanduser().resolve().as_posix()}"


def existe(url_o_ruta: str | Path | None) -> bool:
    """A demo database is already there (a file is only ever in place once complete)."""
    url = url_de(url_o_ruta)
    if make_url(url).get_backend_name() == "sqlite":
        return Path(make_url(url).database).exists()
    bd = BaseDatos(url)
    try:
        return esquema.revision_actual(bd) is not None
    finally:
        bd.cerrar()


def periodo(anio: int | None, hoy: dt.date) -> tuple[dt.date, dt.date]:
    """A year of data up to yesterday, starting on the 1st of a month so that every month it shows is
    whole: from the same month a year earlier. With `anio`: that calendar year (up to yesterday)."""
    ayer = hoy - dt.timedelta(days=1)
    if anio is None:
        return dt.date(ayer.year - 1, ayer.month, 1), ayer
    if not 2000 <= anio <= ayer.year:
        raise ErrorValidacion.de("anio", f"debe estar entre 2000 y {ayer.year}")
    return dt.date(anio, 1, 1), min(dt.date(anio, 12, 31), ayer)


def crear_demo(url_o_ruta: str | Path | None = None, *, anio: int | None = None,
               progreso: Callable[[str], None] | None = None, tamano: Tamano | None = None,
               hoy: dt.date | None = None, semilla: int = 2026, reemplazar: bool = False) -> DatosDemo:
    """Create the demo database at a file path (default: `ruta_por_defecto()`) or in an empty
    PostgreSQL database. A file is filled under a temporary name and put in place only when complete;
    an existing one is replaced only with `reemplazar`. (A server database left half-filled by a
    failure is to be dropped and created again: it was made for the demo.)"""
    avisar = progreso or (lambda _texto: None)
    tamano = tamano or TAMANO_DEMO
    url = url_de(url_o_ruta)
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        if existe(url):
            raise Conflicto("La base de datos ya tiene tablas: la demostración se crea en una base vacía.")
        bd = BaseDatos(url)
        try:
            return _crear(bd, url, anio, avisar, tamano, hoy, semilla)
        finally:
            bd.cerrar()
    ruta = Path(u.database)
    if ruta.exists() and not reemplazar:
        raise Conflicto(f"Ya existe la base de demostración {ruta}.")
    parcial = ruta.with_name(ruta.name + ".parcial")
    _borrar_archivo(parcial)
    bd = BaseDatos(f"sqlite:///{parcial.as_posix()}")
    try:
        datos = _crear(bd, url, anio, avisar, tamano, hoy, semilla)
        with bd.motor.connect() as c:  # the whole database in one file, so that it can be moved
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        bd.cerrar()
        _borrar_archivo(parcial)
        raise
    bd.cerrar()
    _borrar_archivo(ruta)
    for resto in ("-wal", "-shm"):
        Path(f"{parcial}{resto}").unlink(missing_ok=True)
    parcial.replace(ruta)
    return datos


def _borrar_archivo(ruta: Path) -> None:
    for archivo in (ruta, Path(f"{ruta}-wal"), Path(f"{ruta}-shm")):
        archivo.unlink(missing_ok=True)


def _crear(bd: BaseDatos, url: str, anio: int | None, avisar: Callable[[str], None], tamano: Tamano,
           hoy: dt.date | None, semilla: int) -> DatosDemo:
    inicio = time.perf_counter()
    avisar("Preparando la base de datos (esquema y catálogos)…")
    _, creado = inicializar(bd, admin=USUARIOS[0][0], nombre_completo=USUARIOS[0][2], contrasena=CONTRASENA,
                            confirmacion=CONTRASENA)
    admin = _sesion(creado)
    datos = llenar(bd, admin, CONTRASENA, anio=anio, progreso=avisar, tamano=tamano, hoy=hoy, semilla=semilla)
    return replace(datos, url=url, descripcion=describir(url), segundos=round(time.perf_counter() - inicio, 1))


def llenar(bd: BaseDatos, admin: Sesion, contrasena: str, *, anio: int | None = None,
           progreso: Callable[[str], None] | None = None, tamano: Tamano = TAMANO_DEMO,
           hoy: dt.date | None = None, semilla: int = 2026, muestras: bool = True) -> DatosDemo:
    """Fill an initialized database whose administrator is `admin`: the demo users (with
    `contrasena`), a year of records, the samples (unless `muestras` is False: the screenshots' walk
    seeds them itself), the metas and the closed months."""
    from . import generador_atencion, generador_oficios

    avisar = progreso or (lambda _texto: None)
    hoy = hoy or dt.date.today()
    desde, hasta = periodo(anio, hoy)
    # A past year is generated as seen on the next 1st of January (the generators end "yesterday").
    hoy_datos = hasta + dt.timedelta(days=1)
    servicios = Servicios.de(bd)
    avisar("Usuarios de demostración…")
    sesiones = _usuarios(servicios, admin, contrasena)
    supervisor = sesiones[USUARIO_INICIAL]
    generado = {}
    avisar(f"Correspondencia: {tamano.oficios:,} oficios con sus turnos…")
    generado["correspondencia"] = generador_oficios.generar(
        bd, tamano.oficios, semilla=semilla, hoy=hoy_datos, registrado_por=sesiones["recepcion"].usuario_id,
        desde=dt.datetime.combine(desde, dt.time(8)))
    avisar(f"Atención Ciudadana: {tamano.ciudadanos:,} ciudadanos, {tamano.peticiones:,} peticiones…")
    generado["atencion"] = generador_atencion.generar(
        bd, tamano.ciudadanos, tamano.peticiones, semilla=semilla, hoy=hoy_datos,
        desde=dt.datetime.combine(desde, dt.time(8)), giras_desde=desde,
        operadores=([sesiones["atencion"].usuario_id.hex], [sesiones["campo"].usuario_id.hex]),
        avisar=lambda texto: avisar(f"  {texto}"))
    if muestras and hoy_datos == hoy == dt.date.today():  # the samples are dated in the weeks up to now
        avisar("Asuntos y peticiones de las últimas semanas, con escaneos e historia…")
        muestra.sembrar_correspondencia(bd, sesiones["recepcion"], supervisor, hoy=hoy)
        muestra_atencion.sembrar(servicios, admin, contrasena)
    anios = tuple(range(desde.year, hasta.year + 1))
    avisar("Metas del POA…")
    azar = random.Random(semilla)
    for a in anios:
        servicios.metas.cargar(supervisor, documento_metas(bd, supervisor, a, desde, hasta, hoy, azar))
    cerrados, disponibles = _cerrar_meses(servicios, supervisor, anios, hoy, avisar)
    return DatosDemo("", bd.describir(), desde, hasta, anios,
                     tuple((nombre, rol.etiqueta) for nombre, rol, _ in USUARIOS), contrasena, conteos(bd, hoy),
                     cerrados, disponibles, generado=generado)


def _usuarios(servicios: Servicios, admin: Sesion, contrasena: str) -> dict[str, Sesion]:
    """The demo users, created by the administrator, and a session for each to sign what it seeds."""
    existentes = {u.nombre: u for u in servicios.usuarios.listar(admin)}
    for nombre, rol, completo in USUARIOS:
        if nombre not in existentes:
            existentes[nombre] = servicios.usuarios.agregar(admin, nombre, rol.value, completo, contrasena,
                                                            contrasena)
    return {nombre: _sesion(existentes[nombre]) for nombre, _, _ in USUARIOS}


def _sesion(usuario) -> Sesion:
    """A session for a user this code has just created: no password check (Argon2 takes a good part
    of a second per sign-in, on purpose), the services still check the account and its role."""
    return Sesion(usuario.id, usuario.nombre, usuario.nombre_completo, usuario.rol)


# --- POA metas ---------------------------------------------------------------------------------
# (número, descripción, área, unidad, periodicidad, regla or None (manual), programado per period)
METAS = (
    (1, "Organización de Reuniones Internacionales", "Of. Enlace y Coop. Internacional", "conteo", "trimestral",
     None, [1, 2, 1, 2]),
    (2, "Audiencias públicas del C. Gobernador", "Secretaría Particular", "conteo", "mensual", None, [2] * 12),
    (3, "Giras de trabajo del C. Gobernador", "Coordinación de Giras", "conteo", "mensual", None, [4] * 12),
    (4, "Correspondencia recibida y registrada", "Dirección de Control de Gestión", "conteo", "mensual",
     {"cuenta": "oficios"}, None),
    (5, "Turnos emitidos a las dependencias", "Dirección de Control de Gestión", "conteo", "mensual",
     {"cuenta": "turnos"}, None),
    (6, "Turnos respondidos dentro del plazo", "Dirección de Control de Gestión", "porcentaje", "mensual", None,
     [85.0] * 12),
    (7, "Satisfacción ciudadana con la atención recibida", "Coordinación Ejecutiva de Atención Ciudadana",
     "porcentaje", "trimestral", None, [90.0] * 4),
    (8, "Peticiones atendidas en giras", "Coordinación de Giras", "conteo", "mensual",
     {"cuenta": "peticiones", "indicador": 2}, None),
    (9, "Seguimiento a peticiones de giras", "Coordinación de Giras", "conteo", "mensual",
     {"cuenta": "seguimientos", "indicador": 2}, None),
    (10, "Seguimiento a peticiones", "Coordinación Ejecutiva de Atención Ciudadana", "conteo", "mensual",
     {"cuenta": "seguimientos", "indicador": 1}, None),
    (11, "Peticiones atendidas", "Coordinación Ejecutiva de Atención Ciudadana", "conteo", "mensual",
     {"cuenta": "peticiones", "indicador": 1}, None),
)


def documento_metas(bd: BaseDatos, actor: Sesion, anio: int, desde: dt.date, hasta: dt.date, hoy: dt.date,
                    azar: random.Random) -> dict:
    """`metas cargar`'s document for `anio` (cli.md). An automatic meta is programmed at the pace the
    records kept in the year's whole months, rounded up a little, as a planner would; a month before
    the data starts is programmed 0 (the system was not in use yet). A manual meta has its achieved
    value for every period already over; the rest are blank, still to be captured."""
    reales = _mensuales(bd, actor, anio)
    giras = reales.pop("giras")
    activos = [m for m in range(1, 13) if desde <= _fin_de_mes(anio, m) and dt.date(anio, m, 1) <= hasta]
    completos = [m for m in activos if dt.date(anio, m, 1) >= desde and _fin_de_mes(anio, m) <= hasta] or activos
    metas = []
    for numero, descripcion, area, unidad, periodicidad, regla, programado in METAS:
        meta = {"numero": numero, "descripcion": descripcion, "area": area, "unidad": unidad,
                "periodicidad": periodicidad, "fuente": "automatica" if regla else "manual"}
        if regla:
            valores = reales[(regla["cuenta"], regla.get("indicador"))]
            ritmo = sum(valores[m - 1] for m in completos) / max(len(completos), 1)
            meta["regla"] = regla
            meta["programado"] = [_redondo(ritmo * 1.05) if m in activos else 0 for m in range(1, 13)]
        else:
            meta["programado"] = programado
            meta["alcanzado"] = _alcanzado(numero, unidad, periodicidad, programado, giras, anio, activos, hoy, azar)
        metas.append(meta)
    return {"anio": anio, "metas": metas}


def _alcanzado(numero: int, unidad: str, periodicidad: str, programado: list, giras: list[int], anio: int,
               activos: list[int], hoy: dt.date, azar: random.Random) -> list:
    meses_por_periodo = 3 if periodicidad == "trimestral" else 1
    valores = []
    for i, meta in enumerate(programado):
        ultimo_mes = (i + 1) * meses_por_periodo
        terminado = _fin_de_mes(anio, ultimo_mes) < hoy.replace(day=1)  # captured after the period ends
        if not terminado or ultimo_mes not in activos:
            valores.append(None)
        elif numero == 3:  # the tours the records hold
            valores.append(giras[i])
        elif unidad == "porcentaje":
            valores.append(round(min(100.0, azar.uniform(meta - 7, meta + 7)), 1))
        else:
            valores.append(max(0, meta + azar.choice([-1, 0, 0, 1])))
    return valores


def _mensuales(bd: BaseDatos, actor: Sesion, anio: int) -> dict:
    """What the records hold per month of `anio`: the tally's counts, oficios, turnos and tours."""
    reporte = Servicios.de(bd).poa.generar(actor, anio)
    reales: dict = {}
    for indicador in reporte.indicadores:
        reales[("peticiones", indicador.numero)] = [sum(f.meses[m] for f in indicador.filas if f.canal)
                                                    for m in range(12)]
        reales[("seguimientos", indicador.numero)] = list(indicador.filas[-2].meses)
    with bd.lectura(actor) as s:
        reales[("oficios", None)] = _por_mes(s, Oficio.fecha_recepcion, anio, Oficio.anulado.is_(False))
        reales[("turnos", None)] = _por_mes(s, Turno.fecha_turno, anio, Turno.cancelado.is_(False))
        reales["giras"] = _por_mes(s, Gira.fecha, anio, fechas=True)
    return reales


def _por_mes(s, columna, anio: int, *condiciones, fechas: bool = False) -> list[int]:
    inicio, fin = (dt.date(anio, 1, 1), dt.date(anio + 1, 1, 1)) if fechas else \
        (dt.datetime(anio, 1, 1), dt.datetime(anio + 1, 1, 1))
    valores = [0] * 12
    for mes, n in s.execute(select(extract("month", columna), func.count())
                            .where(columna >= inicio, columna < fin, *condiciones)
                            .group_by(extract("month", columna))):
        valores[int(mes) - 1] = n
    return valores


def _fin_de_mes(anio: int, mes: int) -> dt.date:
    return (dt.date(anio + 1, 1, 1) if mes == 12 else dt.date(anio, mes + 1, 1)) - dt.timedelta(days=1)


def _redondo(x: float) -> int:
    """A planner's figure: tens above a hundred, never below one."""
    return max(1, int(round(x, -1)) if x >= 100 else round(x))


# --- closed months -----------------------------------------------------------------------------
def meses_a_cerrar(anios: tuple[int, ...], hoy: dt.date) -> list[tuple[int, int]]:
    """Every month of the years shown that ended before the previous month (that one stays open for
    late captures, as in the office), in order from January: a year's months close one after another,
    the months before the data began included (empty: the system was not in use yet)."""
    anterior = hoy.replace(day=1) - dt.timedelta(days=1)
    return [(a, m) for a in anios for m in range(1, 13) if (a, m) < (anterior.year, anterior.month)]


def _cerrar_meses(servicios: Servicios, supervisor: Sesion, anios: tuple[int, ...], hoy: dt.date,
                  avisar: Callable[[str], None]) -> tuple[tuple[tuple[int, int], ...], bool]:
    # Closing needs ServicioCierres (`Servicios.cierres`); an application without it leaves every
    # month open, and the demo says so instead of failing.
    cierres = getattr(servicios, "cierres", None)
    if cierres is None or not hasattr(cierres, "cerrar_mes"):
        avisar("Cierres de mes: la aplicación aún no los permite; los meses quedan abiertos.")
        return (), False
    meses = meses_a_cerrar(anios, hoy)
    avisar(f"Cierres de mes: {len(meses)} meses…")
    for anio, mes in meses:
        cierres.cerrar_mes(supervisor, anio, mes, nota="Cierre de la base de demostración", hoy=hoy)
    return tuple(meses), True


# --- what it holds -----------------------------------------------------------------------------
def conteos(bd: BaseDatos, hoy: dt.date | None = None) -> dict[str, int]:
    hoy = hoy or dt.date.today()
    modelos = {"oficios": Oficio, "turnos": Turno, "ciudadanos": Ciudadano, "peticiones": Peticion,
               "canalizaciones": Canalizacion, "seguimientos": Seguimiento, "giras": Gira, "metas": Meta}
    with bd.lectura() as s:
        cuentas = {nombre: s.scalar(select(func.count()).select_from(m)) for nombre, m in modelos.items()}
        cuentas["llamadas_pendientes"] = s.scalar(select(func.count()).select_from(Peticion).where(
            Peticion.proxima_llamada <= hoy, Peticion.estatus.in_(("recibida", "canalizada", "en_seguimiento"))))
    return cuentas
