"""All petitions, filtered, sorted and paged in SQL (instant at 1,000,000), and the search by folio,
name, phone or CURP."""
from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ..db.busqueda import filtrar_recientes, palabras as palabras_de
from ..db.modelos import Canal, Municipio, Tema, Usuario
from ..db.modelos_atencion import Ciudadano, Gira, Peticion
from ..db.motor import BaseDatos
from ..domain import numeracion, peticiones as reglas
from ..domain.errores import ErrorValidacion
from ..domain.texto import normalizar
from ..domain.roles import Accion
from .ciudadanos import datos_de
from .lectura_turnos import calendario_para_leer
from .peticiones import semaforo_de
from .sesion import Sesion, requerir

ORDENES = {"recepcion": Peticion.fecha_recepcion, "folio": Peticion.folio, "estatus": Peticion.estatus,
           "limite": Peticion.fecha_limite}


@dataclass(frozen=True)
class FiltroPeticiones:
    texto: str = ""  # folio, name, phone, CURP
    canal: str = ""  # codes
    tema: str = ""
    estatus: str = ""
    municipio: str = ""  # INEGI key
    operador: str = ""  # user name
    gira: str = ""  # clave
    desde: dt.date | None = None
    hasta: dt.date | None = None
    vencidas: bool = False
    ciudadano_id: uuid.UUID | None = None  # one citizen's history
    orden: str = "recepcion"
    descendente: bool = True


@dataclass(frozen=True)
class FilaPeticion:
    id: uuid.UUID
    folio: str
    fecha_recepcion: dt.datetime
    canal: str
    tema: str
    ciudadano: str
    telefono: str | None
    municipio: str | None
    estatus: str
    fecha_limite: dt.date
    operador: str
    gira: str | None
    semaforo: semaforo.Semaforo | None


def _por_codigo(columna_id, modelo, codigo: str):
    return columna_id.in_(select(modelo.id).where(func.lower(modelo.codigo) == codigo.lower()))


_FOLIO_SIN_GUIONES = re.compile(r"^\s*AC\s*(\d{4})\s*(\d{1,6})\s*$", re.IGNORECASE)


def _folio_exacto(texto: str) -> str | None:
    """A typed folio («ac-2022-000123», with or without dashes) in the default template's shape."""
    leido = numeracion.leer("AC-{yyyy}-{n:06d}", texto)
    if leido and leido[2]:
        return f"AC-{leido[2]:04d}-{leido[0]:06d}"
    sin_guiones = _FOLIO_SIN_GUIONES.match(texto or "")
    return f"AC-{sin_guiones[1]}-{int(sin_guiones[2]):06d}" if sin_guiones else None


# A text that matches more citizens than this («mar») is narrowed to the most recent ones: the list
# says so and asks for more letters, instead of reading 300,000 petitions on every keystroke.
LIMITE_CIUDADANOS = 500


def ciudadanos_del_texto(s: Session, texto: str, dialecto: str) -> list[uuid.UUID]:
    """The most recent citizens (at most LIMITE_CIUDADANOS + 1) whose name, phone, CURP or e-mail
    holds every word; a phone typed in any format («(662) 123-45-67», «+52 662 …») as its digits."""
    buscados = [palabras_de(texto)]
    try:
        digitos = reglas.telefono("texto", texto)
    except ErrorValidacion:
        digitos = None
    if digitos and buscados[0] != [digitos]:
        buscados.append([digitos])
    ids: list[uuid.UUID] = []
    for palabras in buscados:
        consulta = filtrar_recientes(select(Ciudadano.id), Ciudadano.texto_busqueda, palabras, dialecto,
                                     Ciudadano.id.desc()).limit(LIMITE_CIUDADANOS + 1)
        ids += [i for i in s.scalars(consulta) if i not in ids]
    return ids[:LIMITE_CIUDADANOS + 1]


def _filtrar(consulta: Select, f: FiltroPeticiones, hoy: dt.date, ciudadanos: list[uuid.UUID] | None = None) -> Select:
    if f.texto.strip():
        folio = _folio_exacto(f.texto) or f.texto.strip().upper()
        # Two indexed lookups (folio; the citizens found first): an OR of subqueries would make
        # PostgreSQL scan every petition even for an exact folio.
        condicion = Peticion.folio == folio
        if ciudadanos:
            condicion = condicion | Peticion.ciudadano_id.in_(ciudadanos[:LIMITE_CIUDADANOS])
        consulta = consulta.where(condicion)
    if f.canal:
        consulta = consulta.where(_por_codigo(Peticion.canal_id, Canal, f.canal))
    if f.tema:
        consulta = consulta.where(_por_codigo(Peticion.tema_id, Tema, f.tema))
    if f.estatus:
        consulta = consulta.where(Peticion.estatus == f.estatus)
    if f.municipio:
        consulta = consulta.where(Peticion.municipio_id.in_(select(Municipio.id).where(Municipio.clave == f.municipio)))
    if f.operador:
        consulta = consulta.where(Peticion.registrado_por.in_(
            select(Usuario.id).where(func.lower(Usuario.nombre) == f.operador.lower())))
    if f.gira:
        consulta = consulta.where(Peticion.gira_id.in_(select(Gira.id).where(Gira.clave == f.gira.strip().upper())))
    if f.desde:
        consulta = consulta.where(Peticion.fecha_recepcion >= dt.datetime.combine(f.desde, dt.time.min))
    if f.hasta:
        consulta = consulta.where(Peticion.fecha_recepcion < dt.datetime.combine(f.hasta + dt.timedelta(days=1),
                                                                                   dt.time.min))
    if f.vencidas:
        consulta = consulta.where(Peticion.fecha_limite < hoy, Peticion.estatus.in_(reglas.ABIERTAS))
    if f.ciudadano_id:
        consulta = consulta.where(Peticion.ciudadano_id == f.ciudadano_id)
    return consulta


# How long the citizens found for a typed text are reused by the list's other questions about it.
VIGENCIA_CIUDADANOS_S = 2.0


class ServicioListaPeticiones:
    def __init__(self, bd: BaseDatos):
        self.bd = bd
        self._dialecto = bd.motor.dialect.name

    def _ciudadanos(self, s: Session, filtro: FiltroPeticiones) -> list[uuid.UUID] | None:
        return self._del_texto(s, filtro.texto) if filtro.texto.strip() else None

    def _del_texto(self, s: Session, texto: str) -> list[uuid.UUID]:
        """The citizens a typed text finds. The list asks three times for one text within the same
        second (the count, the page, whether to ask for more words): looked up once, for a moment."""
        bd = s.info.get("bd")
        if bd is None:  # inside a write: always fresh
            return ciudadanos_del_texto(s, texto, self._dialecto)
        return bd.recordado(f"ciudadanos_del_texto:{normalizar(texto)}", VIGENCIA_CIUDADANOS_S,
                            lambda: ciudadanos_del_texto(s, texto, self._dialecto))

    def contar(self, actor: Sesion, filtro: FiltroPeticiones = FiltroPeticiones(), hoy: dt.date | None = None) -> int:
        requerir(actor, Accion.VER_PETICIONES)
        with self.bd.lectura(actor) as s:
            # count(*), not count(id): SQLite then counts index entries instead of reading every row.
            consulta = _filtrar(select(func.count()).select_from(Peticion), filtro, hoy or dt.date.today(),
                                self._ciudadanos(s, filtro))
            return s.scalar(consulta)

    def texto_demasiado_general(self, actor: Sesion, texto: str) -> bool:
        """More citizens match than the list searches: it shows those of the most recent ones."""
        requerir(actor, Accion.VER_PETICIONES)
        if not texto.strip():
            return False
        with self.bd.lectura(actor) as s:
            return len(self._del_texto(s, texto)) > LIMITE_CIUDADANOS

    def pagina(self, actor: Sesion, filtro: FiltroPeticiones = FiltroPeticiones(), *, desde_fila: int = 0,
               limite: int = 100, hoy: dt.date | None = None) -> list[FilaPeticion]:
        requerir(actor, Accion.VER_PETICIONES)
        hoy = hoy or dt.date.today()
        columna = ORDENES.get(filtro.orden, Peticion.fecha_recepcion)
        orden = [columna.desc() if filtro.descendente else columna.asc(),
                 Peticion.id.desc() if filtro.descendente else Peticion.id.asc()]
        with self.bd.lectura(actor) as s:
            return self._pagina(s, actor, filtro, orden, desde_fila, limite, hoy)

    def _pagina(self, s: Session, actor: Sesion, filtro: FiltroPeticiones, orden: list, desde_fila: int, limite: int,
                hoy: dt.date) -> list[FilaPeticion]:
        # The page's ids first, then only those rows are joined to their catalogs and citizens.
        ids = _filtrar(select(Peticion.id), filtro, hoy, self._ciudadanos(s, filtro)).order_by(*orden) \
            .offset(desde_fila).limit(limite).subquery()
        consulta = (select(Peticion, Ciudadano, Canal.nombre, Tema.nombre, Tema.plazo_dias_habiles, Municipio.nombre,
                           Usuario.nombre, Gira.clave)
                    .join(ids, ids.c.id == Peticion.id)
                    .join(Ciudadano, Ciudadano.id == Peticion.ciudadano_id)
                    .join(Canal, Canal.id == Peticion.canal_id).join(Tema, Tema.id == Peticion.tema_id)
                    .outerjoin(Municipio, Municipio.id == Peticion.municipio_id)
                    .outerjoin(Usuario, Usuario.id == Peticion.registrado_por)
                    .outerjoin(Gira, Gira.id == Peticion.gira_id)
                    .order_by(*orden))
        cal = calendario_para_leer(s)
        filas = []
        for p, c, canal, tema, plazo, municipio, operador, gira in s.execute(consulta):
            d = datos_de(c, None, actor)
            filas.append(FilaPeticion(
                p.id, p.folio, p.fecha_recepcion, canal, tema, d.nombre_completo, d.telefono, municipio,
                p.estatus, p.fecha_limite, operador or "sistema", gira,
                semaforo_de(p.estatus, p.fecha_recepcion, p.fecha_limite, plazo, p.fecha_conclusion, hoy, cal)))
        return filas

    def buscar(self, actor: Sesion, texto: str, limite: int = 50) -> list[FilaPeticion]:
        """`peticiones buscar`: by folio, name, phone or CURP; accent-, case- and order-insensitive."""
        if not palabras_de(texto):
            return []
        return self.pagina(actor, FiltroPeticiones(texto=texto), limite=limite)
