"""What the two history imports (importar_peticiones, importar_seguimientos) share: reading a
sheet's columns and cells, dates as people type them, folios, set-wise lookups, audit rows, fast
time-ordered ids, and the batched insert (core executemany on SQLite, COPY on PostgreSQL)."""
from __future__ import annotations

import datetime as dt
import re
import secrets
import threading
import time
import uuid
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import any_, bindparam, select
from sqlalchemy.orm import Session

from ..db.modelos import SerieControl
from ..db.motor import BaseDatos
from ..domain import numeracion, validacion as v
from ..domain.errores import ErrorValidacion, Problema
from ..domain.oficios import fecha_hora
from ..domain.roles import Accion
from ..domain.texto import normalizar
from .importar_oficios import ResumenImportacion
from .sesion import Sesion, requerir

LOTE = 2000  # rows per INSERT batch
TROZO = 500  # values per IN (…) list: far below SQLite's and PostgreSQL's parameter limits
Progreso = Callable[[int, int], None]


# Catalog values repeat on every row: each distinct text is normalized once.
clave_texto = lru_cache(maxsize=16384)(normalizar)


@lru_cache(maxsize=32)
def _indice_opciones(opciones: tuple[tuple[str, str], ...]) -> dict[str, str]:
    indice = {}
    for codigo, etiqueta in opciones:
        indice[normalizar(etiqueta)] = indice[normalizar(codigo)] = codigo
        indice.setdefault(normalizar(codigo.replace("_", " ")), codigo)
    return indice


def opcion(campo: str, valor: Any, opciones: dict[str, str]) -> str:
    """domain.validacion.opcion (a code or its label, case and accents ignored), by dict lookup."""
    limpio = v.texto(campo, valor, maximo=v.LARGO_NOMBRE)
    codigo = _indice_opciones(tuple(opciones.items())).get(clave_texto(limpio))
    if codigo is None:
        raise ErrorValidacion.de(campo, "no es válido; use uno de: " + ", ".join(opciones))
    return codigo


def nombre_columna(encabezado: Any) -> str:
    """«Fecha recepción », «FECHA_RECEPCION» → «fecha_recepcion»: accents, case and spaces never matter."""
    return normalizar(str(encabezado)).replace(" ", "_")


def mapa_columnas(filas: list, conocidas: list[str], obligatorias: set[str]) -> dict[Any, str]:
    """The file's headers → column names. Missing required columns, unknown ones and repeated ones
    reject the whole file, naming them: a misspelt «telefono_celular» must not drop the phones."""
    encabezados: dict[Any, None] = {}
    for fila in filas:
        if isinstance(fila, dict):
            encabezados.update(dict.fromkeys(k for k in fila if k is not None and str(k).strip()))
    mapa: dict[Any, str] = {}
    problemas, desconocidas, repetidas = [], [], []
    for encabezado in encabezados:
        nombre = nombre_columna(encabezado)
        if nombre not in conocidas:
            desconocidas.append(str(encabezado).strip())
        elif nombre in mapa.values():
            repetidas.append(str(encabezado).strip())
        else:
            mapa[encabezado] = nombre
    if filas:
        faltan = sorted(obligatorias - set(mapa.values()), key=conocidas.index)
        if faltan:
            problemas.append(Problema("columnas", "faltan en el archivo: " + ", ".join(faltan)))
    if desconocidas:
        problemas.append(Problema("columnas", "no se reconocen: " + ", ".join(f"«{c}»" for c in desconocidas)
                                  + "; las columnas admitidas son: " + ", ".join(conocidas)))
    if repetidas:
        problemas.append(Problema("columnas", "aparecen dos veces: " + ", ".join(f"«{c}»" for c in repetidas)))
    if problemas:
        raise ErrorValidacion(problemas)
    return mapa


def celdas(crudo: Any, mapa: dict[Any, str]) -> dict[str, Any]:
    """One row by column name: text stripped, blank cells as None, whole numbers as text (a
    spreadsheet turns the phone 6621234567 into a number)."""
    if not isinstance(crudo, dict):
        raise ErrorValidacion.de("fila", "no es una fila con columnas")
    sobrantes = crudo.get(None)  # csv.DictReader puts cells beyond the header here
    if sobrantes and any(x not in (None, "") for x in (sobrantes if isinstance(sobrantes, list) else [sobrantes])):
        raise ErrorValidacion.de("columnas", "la fila tiene más celdas que encabezados; "
                                             "revise comas o celdas desplazadas")
    c: dict[str, Any] = {}
    for encabezado, nombre in mapa.items():
        valor = crudo.get(encabezado)
        if isinstance(valor, str):
            valor = valor.strip() or None
        elif isinstance(valor, float) and valor.is_integer():
            valor = str(int(valor))
        elif isinstance(valor, int) and not isinstance(valor, bool):
            valor = str(valor)
        c[nombre] = valor
    return c


_DIA_MES_ANIO = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_SOLO_FECHA = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FORMATOS_FECHA = "escríbala AAAA-MM-DD o DD/MM/AAAA, con la hora si la tiene (HH:MM)"


def leer_fecha(campo: str, valor: Any) -> tuple[dt.datetime, bool]:
    """A date cell or text → (local date-time, whether it held only a day). Text dates are read
    as ISO 8601 or as Mexico writes them, day first (01/03/2022 is the 1st of March)."""
    if isinstance(valor, dt.datetime):
        return fecha_hora(campo, valor), False
    if isinstance(valor, dt.date):
        return dt.datetime.combine(valor, dt.time(0)), True
    if not isinstance(valor, str):
        raise ErrorValidacion.de(campo, "debe ser una fecha; " + FORMATOS_FECHA)
    texto = valor.strip()
    try:
        return fecha_hora(campo, dt.datetime.fromisoformat(texto)), bool(_SOLO_FECHA.match(texto))
    except ValueError:
        pass
    m = _DIA_MES_ANIO.match(texto)
    if m:
        dia, mes, anio, hora, minuto, segundo = m.groups()
        try:
            return (dt.datetime(int(anio), int(mes), int(dia), int(hora or 0), int(minuto or 0), int(segundo or 0)),
                    hora is None)
        except ValueError:
            raise ErrorValidacion.de(campo, f"«{texto}» no es una fecha que exista") from None
    if texto.replace(".", "", 1).isdigit():
        raise ErrorValidacion.de(campo, f"«{texto}» es un número, no una fecha: dé formato de fecha a la celda o "
                                        + FORMATOS_FECHA)
    raise ErrorValidacion.de(campo, f"«{texto[:40]}» no es una fecha válida; " + FORMATOS_FECHA)


def trozos(valores: Iterable, tamano: int = TROZO) -> Iterator[list]:
    lista = list(valores)
    for i in range(0, len(lista), tamano):
        yield lista[i:i + tamano]


def en_lista(s: Session, columna, valores: Iterable) -> Iterator:
    """`columna IN valores` as few conditions as it takes. PostgreSQL gets the whole list as one array
    (`= ANY(:lista)`): an IN of hundreds of parameters, once psycopg prepares it, runs on a generic
    plan that compares each row with every value. SQLite gets chunks of IN (…)."""
    valores = sorted(set(valores), key=str)
    if not valores:
        return
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        yield columna == any_(bindparam(None, valores, type_=ARRAY(columna.type)))
    else:
        for trozo in trozos(valores):
            yield columna.in_(trozo)


def series_de_peticiones(s: Session) -> list[SerieControl]:
    """Every series that numbers petitions, active first: a folio of history may be of a retired one."""
    return sorted(s.scalars(select(SerieControl).where(SerieControl.uso == "peticiones")),
                  key=lambda x: (not x.activo, x.codigo))


def leer_folio(series: list[SerieControl], texto: str) -> tuple[SerieControl, int, int | None] | None:
    """(series, number, year the folio says or None) when `texto` is a folio of one of `series`."""
    for serie in series:
        leido = numeracion.leer(serie.plantilla, texto)
        if leido is not None:
            numero, yy, yyyy = leido
            anio = yyyy if yyyy is not None else (2000 + yy if yy is not None else None)
            return serie, numero, anio
    return None


_A_TEXTO = {uuid.UUID: str, dt.datetime: dt.datetime.isoformat, dt.date: dt.date.isoformat}


def valor_auditoria(valor: Any) -> Any:
    convertir = _A_TEXTO.get(type(valor))
    return convertir(valor) if convertir else valor


def foto(registro: dict, campos: Iterable[str], ocultos: frozenset[str] = frozenset()) -> dict:
    """The audit log's picture of a new row: its given `campos` (compact, as importar_oficios logs),
    and personal data only as «***», as db/auditoria.py does."""
    resultado = {}
    for k in campos:
        valor = registro[k]
        if valor is None:
            continue
        if k in ocultos:
            resultado[k] = "***"
        else:
            convertir = _A_TEXTO.get(type(valor))
            resultado[k] = convertir(valor) if convertir else valor
    return resultado


class _GeneradorIds:
    """UUIDv7 keys like db.base.nuevo_id, four times faster for the 100,000 rows of an import: the
    millisecond, then a 24-bit counter within it (ids stay in creation order) and 50 random bits."""

    def __init__(self) -> None:
        self._candado = threading.Lock()  # the GUI imports on a worker thread
        self._ms, self._n = -1, 0

    def __call__(self) -> uuid.UUID:
        ms = time.time_ns() // 1_000_000
        with self._candado:
            if ms > self._ms:
                self._ms, self._n = ms, 0
            else:  # same millisecond (or the clock went back): count on
                self._n += 1
                if self._n >> 24:
                    self._ms, self._n = self._ms + 1, 0
            ms, n = self._ms, self._n
        return uuid.UUID(int=(ms & 0xFFFF_FFFF_FFFF) << 80 | 0x7 << 76 | (n >> 12) << 64 | 0b10 << 62
                         | (n & 0xFFF) << 50 | secrets.randbits(50))


nuevo_id = _GeneradorIds()


def fila_auditoria(actor: Sesion, momento: dt.datetime, tabla: str, registro_id, antes, despues) -> dict:
    return {"id": nuevo_id(), "momento": momento, "usuario_id": actor.usuario_id, "usuario": actor.nombre,
            "accion": "importar", "tabla": tabla, "registro_id": str(registro_id), "antes": antes, "despues": despues}


def insertar(s: Session, tablas: list[tuple[Any, list[dict]]], progreso: Progreso | None,
             avance: tuple[int, int]) -> None:
    """The new rows in batches, parents first, in the caller's transaction; progress from avance[0]
    up to avance[1]. SQLite: core INSERT executemany. PostgreSQL: COPY, which on this machine costs a
    quarter of executemany's client time and two thirds of its server time (quality.md's baseline
    for PostgreSQL is COPY too); the values go through the same column types either way."""
    total = sum(len(r) for _, r in tablas) or 1
    inicio, fin = avance
    hechos = 0
    copiar = s.get_bind().dialect.name == "postgresql"
    for tabla, registros in tablas:
        for i in range(0, len(registros), LOTE):
            lote = registros[i:i + LOTE]
            if copiar:
                _copiar(s, tabla.__table__, lote)
            else:
                _insertar_sqlite(s, tabla.__table__, lote)
            hechos += len(lote)
            if progreso:
                progreso(inicio + (fin - inicio) * hechos // total, fin)


def _filas_procesadas(s: Session, tabla, registros: list[dict]) -> tuple[list[str], Iterator[list]]:
    """The batch's columns, and each row's values processed as SQLAlchemy would bind them (UUIDs,
    dates, JSON serialized…), for the driver's own bulk calls. Every dict of one batch has the same keys."""
    dialecto = s.get_bind().dialect
    columnas = list(registros[0])
    procesos = [(n, p) for n, c in enumerate(columnas)
                if (p := tabla.c[c].type.dialect_impl(dialecto).bind_processor(dialecto))]

    def filas() -> Iterator[list]:
        for registro in registros:
            fila = [registro[c] for c in columnas]
            for n, proceso in procesos:
                fila[n] = proceso(fila[n])
            yield fila
    return columnas, filas()


def _copiar(s: Session, tabla, registros: list[dict]) -> None:
    """COPY … FROM STDIN through psycopg."""
    columnas, filas = _filas_procesadas(s, tabla, registros)
    citar = s.get_bind().dialect.identifier_preparer.quote
    sentencia = f"COPY {citar(tabla.name)} ({', '.join(citar(c) for c in columnas)}) FROM STDIN"
    conexion = s.connection().connection.driver_connection
    with conexion.cursor() as cursor, cursor.copy(sentencia) as copia:
        for fila in filas:
            copia.write_row(fila)


def _insertar_sqlite(s: Session, tabla, registros: list[dict]) -> None:
    """One INSERT run by sqlite3's own executemany, in the session's transaction: SQLAlchemy's
    executemany spent as long building each row's parameters as SQLite spent writing them."""
    columnas, filas = _filas_procesadas(s, tabla, registros)
    citar = s.get_bind().dialect.identifier_preparer.quote
    sentencia = (f"INSERT INTO {citar(tabla.name)} ({', '.join(citar(c) for c in columnas)}) "
                 f"VALUES ({', '.join('?' * len(columnas))})")
    s.connection().connection.driver_connection.executemany(sentencia, filas)


class ImportacionHistoria:
    """The entry point both history imports share: permission, the file's columns, one write
    transaction (rolled back with `simular`). Subclasses name their `columnas` and `obligatorias`
    and load the rows in `cargar`, inside the caller's transaction (importar_historia runs both)."""

    columnas: list[str] = []
    obligatorias: set[str] = set()

    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def importar(self, actor: Sesion, filas: Iterable[dict[str, Any]], *, simular: bool = False,
                 progreso: Progreso | None = None) -> ResumenImportacion:
        requerir(actor, Accion.IMPORTAR_PETICIONES)
        filas = list(filas)
        mapa = mapa_columnas(filas, self.columnas, self.obligatorias)
        with self.bd.escritura(actor, accion="importar") as s:
            resumen = self.cargar(s, actor, filas, mapa, progreso=progreso)
            if simular:
                s.rollback()
        return resumen

    def cargar(self, s: Session, actor: Sesion, filas: list, mapa: dict, *,
               progreso: Progreso | None = None) -> ResumenImportacion:
        raise NotImplementedError
