"""The bandeja: every matter, filtered, sorted and paged in SQL so it stays instant at 100,000.

The list asks for one page at a time (`pagina`) and the total (`contar`); the GUI model fetches
more pages as the user scrolls.
"""
from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass

from sqlalchemy import Date, Interval, Select, and_, bindparam, exists, func, literal, or_, select, true

from ..db.busqueda import Forma, condicion_de_forma, condicion_texto, forma_y_valores, palabras as palabras_de
from ..db.modelos import Dependencia, SerieControl
from ..db.modelos_correspondencia import Oficio, Turno
from ..db.motor import BaseDatos
from ..domain import semaforo
from ..domain.roles import Accion
from ..domain.texto import normalizar
from .sesion import Sesion, requerir

ORDENES = {
    "recepcion": Oficio.fecha_recepcion, "numero": Oficio.numero, "remitente": Oficio.remitente_nombre,
    "asunto": Oficio.asunto, "estado": Oficio.estado, "prioridad": Oficio.prioridad,
}


@dataclass(frozen=True)
class FiltroBandeja:
    texto: str = ""
    serie: str = ""
    anio: int | None = None
    estado: str = ""  # sin_turnar | sin_atender | en_proceso | atendido | anulado
    oportunidad: str = ""  # en_tiempo | por_vencer | vencido (of its open responsible turns)
    dependencia: str = ""  # code
    desde: dt.date | None = None
    hasta: dt.date | None = None
    destinatario: str = ""
    prioridad: str = ""
    # Of the oficios not annulled: True, turned within 48 hours of reception; False, turned later,
    # or not turned yet though 48 hours have passed (the list's ✗). None: any.
    turnado_48h: bool | None = None
    orden: str = "recepcion"
    descendente: bool = True


@dataclass(frozen=True)
class FilaBandeja:
    id: uuid.UUID
    numero_control: str
    fecha_recepcion: dt.datetime
    remitente: str
    institucion: str | None
    asunto: str
    prioridad: str
    estado: str
    anulado: bool
    turnado_a_tiempo: bool | None
    vencidos: int
    por_vencer: int


def _abiertos_responsables(hoy: dt.date, *condiciones):
    return exists().where(Turno.oficio_id == Oficio.id, Turno.cancelado.is_(False), Turno.rol == "responsable",
                          Turno.estatus.in_(("sin_atender", "en_proceso")), *condiciones)


def turnado_en_48_horas(dialecto: str):
    """The first turn within 48 hours of reception (domain.semaforo.turnado_a_tiempo) in SQL, for the
    bandeja's filter and the dashboard's figure alike. SQLite keeps datetimes as text: julianday
    compares them as instants, to the millisecond."""
    if dialecto == "sqlite":
        return and_(Oficio.primer_turno.is_not(None),
                    func.julianday(Oficio.primer_turno)
                    <= func.julianday(Oficio.fecha_recepcion, f"+{semaforo.HORAS_META_TURNO} hours"))
    return and_(Oficio.primer_turno.is_not(None),
                Oficio.primer_turno <= Oficio.fecha_recepcion
                + literal(dt.timedelta(hours=semaforo.HORAS_META_TURNO), Interval()))


def _momento(hoy: dt.date) -> dt.datetime:
    """«Now» for a list of `hoy`: this instant today; the end of that day for another day."""
    return dt.datetime.now() if hoy == dt.date.today() else dt.datetime.combine(hoy, dt.time.max)


def recibido_antes_de_48_horas(hoy: dt.date) -> dt.datetime:
    """A matter received before this instant and still not turned has missed the 48-hour target."""
    return _momento(hoy) - dt.timedelta(hours=semaforo.HORAS_META_TURNO)


def sin_turnar_pasadas_48_horas(hoy: dt.date):
    """Not turned, and its 48 hours are over: it has missed the target as surely as a late turn."""
    return and_(Oficio.primer_turno.is_(None), Oficio.fecha_recepcion < recibido_antes_de_48_horas(hoy))


def _turnado_48h(a_tiempo: bool, hoy: dt.date, dialecto: str):
    if a_tiempo:
        return and_(Oficio.anulado.is_(False), turnado_en_48_horas(dialecto))
    return and_(Oficio.anulado.is_(False), or_(
        and_(Oficio.primer_turno.is_not(None), ~turnado_en_48_horas(dialecto)), sin_turnar_pasadas_48_horas(hoy)))


def _filtrar(consulta: Select, f: FiltroBandeja, hoy: dt.date, dialecto: str) -> Select:
    if f.texto.strip():
        consulta = consulta.where(condicion_texto(Oficio.texto_busqueda, f.texto, dialecto))
    if f.serie:
        consulta = consulta.where(Oficio.serie_control_id.in_(
            select(SerieControl.id).where(func.lower(SerieControl.codigo) == f.serie.lower())))
    if f.anio:
        consulta = consulta.where(Oficio.anio == f.anio)
    if f.estado == "anulado":
        consulta = consulta.where(Oficio.anulado.is_(True))
    elif f.estado:
        consulta = consulta.where(Oficio.estado == f.estado, Oficio.anulado.is_(False))
    # With an agency chosen, the traffic light is that of its own turn: «SSP, vencido» lists what SSP
    # owes, as the dashboard's overdue-by-agency figure counts it, not every overdue matter SSP is on.
    de_la_dependencia = () if not f.dependencia else (Turno.dependencia_id.in_(
        select(Dependencia.id).where(func.lower(Dependencia.codigo) == f.dependencia.lower())),)
    if f.oportunidad:  # an annulled matter is owed by no one, whatever its turns say
        consulta = consulta.where(Oficio.anulado.is_(False))
    if f.oportunidad == "vencido":
        consulta = consulta.where(_abiertos_responsables(hoy, Turno.fecha_limite < hoy, *de_la_dependencia))
    elif f.oportunidad == "por_vencer":
        consulta = consulta.where(
            _abiertos_responsables(hoy, Turno.fecha_alerta <= hoy, Turno.fecha_limite >= hoy, *de_la_dependencia),
            ~_abiertos_responsables(hoy, Turno.fecha_limite < hoy, *de_la_dependencia))
    elif f.oportunidad == "en_tiempo":
        consulta = consulta.where(~_abiertos_responsables(hoy, Turno.fecha_alerta <= hoy, *de_la_dependencia))
    if f.dependencia:
        consulta = consulta.where(exists().where(
            Turno.oficio_id == Oficio.id, Turno.cancelado.is_(False), Turno.dependencia_id == Dependencia.id,
            func.lower(Dependencia.codigo) == f.dependencia.lower()))
    if f.desde:
        consulta = consulta.where(Oficio.fecha_recepcion >= dt.datetime.combine(f.desde, dt.time.min))
    if f.hasta:
        consulta = consulta.where(Oficio.fecha_recepcion < dt.datetime.combine(f.hasta + dt.timedelta(days=1),
                                                                                dt.time.min))
    if f.destinatario:
        consulta = consulta.where(Oficio.destinatario == f.destinatario)
    if f.prioridad:
        consulta = consulta.where(Oficio.prioridad == f.prioridad)
    if f.turnado_48h is not None:
        consulta = consulta.where(_turnado_48h(f.turnado_48h, hoy, dialecto))
    return consulta


@functools.cache
def _conteos_de_turnos():
    """Each row's overdue and due-soon responsible turns, as of the parameter «hoy». Built once: the
    list asks for a page at every keystroke, and building these costs more Python than the page."""
    abiertos = and_(Turno.oficio_id == Oficio.id, Turno.cancelado.is_(False), Turno.rol == "responsable",
                    Turno.estatus.in_(("sin_atender", "en_proceso")))
    hoy = bindparam("hoy", type_=Date)
    vencidos = select(func.count()).where(abiertos, Turno.fecha_limite < hoy).scalar_subquery()
    por_vencer = select(func.count()).where(abiertos, Turno.fecha_alerta <= hoy,
                                            Turno.fecha_limite >= hoy).scalar_subquery()
    return vencidos, por_vencer


_COLUMNAS_FILA = (Oficio.id, Oficio.numero_control, Oficio.fecha_recepcion, Oficio.remitente_nombre,
                  Oficio.remitente_institucion, Oficio.asunto, Oficio.prioridad, Oficio.estado, Oficio.anulado,
                  Oficio.primer_turno)


def _solo_texto(f: FiltroBandeja) -> bool:
    """Nothing but the search box (and the order): what the list asks at every keystroke."""
    return f == FiltroBandeja(texto=f.texto, orden=f.orden, descendente=f.descendente)


def _orden(columna, descendente: bool) -> list:
    return [columna.desc() if descendente else columna.asc(), Oficio.id.desc() if descendente else Oficio.id.asc()]


def _pagina(donde, orden: list, desde_fila, limite):
    """The page's ids first, then the turn counts of those rows only: SQLite would otherwise count
    the turnos of every matching row before sorting (thousands for a common surname)."""
    vencidos, por_vencer = _conteos_de_turnos()
    ids = (select(Oficio.id).where(true() if donde is None else donde)
           .order_by(*orden).offset(desde_fila).limit(limite).subquery())
    return select(*_COLUMNAS_FILA, vencidos, por_vencer).join(ids, ids.c.id == Oficio.id).order_by(*orden)


# Built once per shape of the typed words (db.busqueda.forma_y_valores) and order: building and
# keying a new statement cost the list more Python at each keystroke than PostgreSQL spent on it.
@functools.cache
def _contar_por_texto(forma: Forma):
    # count(*) without a WHERE when nothing is typed: SQLite counts the smallest index then, instead
    # of reading every row (the first screen of the bandeja).
    consulta = select(func.count()).select_from(Oficio)
    return consulta if forma[:2] == (False, 0) else consulta.where(condicion_de_forma(Oficio.texto_busqueda, forma))


@functools.cache
def _pagina_por_texto(forma: Forma, orden: str, descendente: bool):
    return _pagina(condicion_de_forma(Oficio.texto_busqueda, forma),
                   _orden(ORDENES.get(orden, Oficio.fecha_recepcion), descendente),
                   bindparam("desde_fila"), bindparam("limite"))


class ServicioBandeja:
    def __init__(self, bd: BaseDatos):
        self.bd = bd
        self._dialecto = bd.motor.dialect.name

    def contar(self, actor: Sesion, filtro: FiltroBandeja = FiltroBandeja(), hoy: dt.date | None = None) -> int:
        requerir(actor, Accion.VER_OFICIOS)
        with self.bd.lectura(actor) as s:
            # On the connection: a plain count needs none of the ORM's result handling (and the list
            # counts at every keystroke).
            if _solo_texto(filtro):
                forma, valores = forma_y_valores(Oficio.texto_busqueda, palabras_de(filtro.texto), self._dialecto)
                return s.connection().scalar(_contar_por_texto(forma), valores)
            return s.connection().scalar(_filtrar(select(func.count(Oficio.id)), filtro, hoy or dt.date.today(),
                                                  self._dialecto))

    def pagina(self, actor: Sesion, filtro: FiltroBandeja = FiltroBandeja(), *, desde_fila: int = 0,
               limite: int = 100, hoy: dt.date | None = None) -> list[FilaBandeja]:
        requerir(actor, Accion.VER_OFICIOS)
        hoy = hoy or dt.date.today()
        valores = {"hoy": hoy}
        if _solo_texto(filtro):
            forma, palabras = forma_y_valores(Oficio.texto_busqueda, palabras_de(filtro.texto), self._dialecto)
            consulta = _pagina_por_texto(forma, filtro.orden, filtro.descendente)
            valores.update(palabras, desde_fila=desde_fila, limite=limite)
        else:
            consulta = _pagina(_filtrar(select(Oficio.id), filtro, hoy, self._dialecto).whereclause,
                               _orden(ORDENES.get(filtro.orden, Oficio.fecha_recepcion), filtro.descendente),
                               desde_fila, limite)
        with self.bd.lectura(actor) as s:
            filas = s.connection().execute(consulta, valores).all()
        return [FilaBandeja(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8],
                            semaforo.turnado_a_tiempo(f[2], f[9]), f[10], f[11]) for f in filas]

    def remitentes(self, actor: Sesion, prefijo: str, limite: int = 15) -> list[dict]:
        """Earlier senders matching what the clerk types, to complete name, position, institution."""
        requerir(actor, Accion.VER_OFICIOS)
        palabras = palabras_de(prefijo)
        if not palabras:
            return []
        with self.bd.lectura(actor) as s:
            consulta = select(Oficio.remitente_nombre, Oficio.remitente_cargo, Oficio.remitente_institucion,
                              func.max(Oficio.fecha_recepcion).label("ultima"))
            consulta = consulta.where(condicion_texto(Oficio.texto_busqueda, palabras, self._dialecto))
            consulta = consulta.group_by(Oficio.remitente_nombre, Oficio.remitente_cargo,
                                         Oficio.remitente_institucion).order_by(func.max(Oficio.fecha_recepcion).desc())
            filas = s.execute(consulta.limit(limite * 3)).all()
        vistos, resultado = set(), []
        for nombre, cargo, institucion, _ in filas:
            remitente = normalizar(" ".join(filter(None, (nombre, cargo, institucion))))
            if any(p not in remitente for p in palabras) or (nombre, cargo, institucion) in vistos:
                continue
            vistos.add((nombre, cargo, institucion))
            resultado.append({"nombre": nombre, "cargo": cargo, "institucion": institucion})
        return resultado[:limite]
