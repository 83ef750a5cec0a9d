"""The backup file: a ZIP with `manifiesto.json` and one JSON-lines file per table.

Each line is one row: a JSON object keyed by column name. A column whose value is SQL NULL is left
out of the object, so a JSON column can tell SQL NULL (absent) from the JSON document `null`
(present, null). Values are typed by column, and the manifest names each column's type, so a file
can be read back without the models of the version that wrote it:

    uuid        "01a1fd6c-076e-7e0a-9a62-09c6adc8cf67"
    fecha_hora  "2022-03-01T10:15:00.123456"  (ISO 8601)   fecha_hora_tz: the same, with its offset
    fecha       "2022-03-01"              hora   "10:15:00"
    binario     base64                    decimal "1234.50" (a string: no float rounding)
    json        the document itself       texto, entero, real, booleano: as JSON has them
"""
from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import (JSON, BigInteger, Boolean, Date, DateTime, Float, Integer, LargeBinary,
                        Numeric, String, Table, Text, Time, Uuid, cast, column, select, table)
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.expression import TableClause
from sqlalchemy.types import NullType, TypeDecorator, TypeEngine

from ..domain.errores import BaseDatosIncompatible, ErrorValidacion

FORMATO = 1
MANIFIESTO = "manifiesto.json"
_NOMBRE_VALIDO = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def miembro(tabla: str) -> str:
    """Name of a table's file inside the ZIP."""
    return f"tablas/{tabla}.jsonl"


# --- column types ---------------------------------------------------------------------------
def _iso(v):
    return v.isoformat()


def _b64(v):
    return base64.b64encode(bytes(v)).decode("ascii")


def _json_de_texto(v):
    return json.loads(v)


def _igual(v):
    return v


# tag: (is this SQLAlchemy type it?, how to bind it on restore, encode, decode)
_TIPOS: dict[str, tuple[Callable[[TypeEngine], bool], Callable[[], TypeEngine], Callable, Callable]] = {
    "json": (lambda t: isinstance(t, JSON), lambda: JSON(none_as_null=True), _json_de_texto, _igual),
    "binario": (lambda t: isinstance(t, LargeBinary), LargeBinary, _b64,
                lambda v: base64.b64decode(v, validate=True)),
    "uuid": (lambda t: isinstance(t, Uuid), Uuid, str, uuid.UUID),
    "fecha_hora_tz": (lambda t: isinstance(t, DateTime) and t.timezone, lambda: DateTime(timezone=True),
                      _iso, dt.datetime.fromisoformat),
    "fecha_hora": (lambda t: isinstance(t, DateTime), DateTime, _iso, dt.datetime.fromisoformat),
    "fecha": (lambda t: isinstance(t, Date), Date, _iso, dt.date.fromisoformat),
    "hora": (lambda t: isinstance(t, Time), Time, _iso, dt.time.fromisoformat),
    "real": (lambda t: isinstance(t, Float), Float, _igual, _igual),
    "decimal": (lambda t: isinstance(t, Numeric), lambda: Numeric(asdecimal=True), str, decimal.Decimal),
    "booleano": (lambda t: isinstance(t, Boolean), Boolean, _igual, _igual),
    "entero": (lambda t: isinstance(t, Integer), BigInteger, _igual, _igual),
    "texto": (lambda t: isinstance(t, String), Text, _igual, _igual),
    # Anything else must already be a JSON value (checked when the line is written).
    "valor": (lambda t: True, NullType, _igual, _igual),
}


def _base(tipo: TypeEngine) -> TypeEngine:
    """A decorated type (db.base.JSONExacto) is stored as the type it decorates."""
    return tipo.impl if isinstance(tipo, TypeDecorator) else tipo


def etiqueta(tipo: TypeEngine) -> str:
    """The manifest's name of a column type (first match: Float before Numeric, its base)."""
    return next(nombre for nombre, (es, *_resto) in _TIPOS.items() if es(_base(tipo)))


def columnas_de(t: Table) -> dict[str, str]:
    return {c.name: etiqueta(c.type) for c in t.columns}


def consulta_lectura(t: Table):
    """All rows in key order. JSON is read as its text: only the text tells SQL NULL from `null`."""
    columnas: list[ColumnElement] = [
        cast(c, Text).label(c.name) if isinstance(_base(c.type), JSON) else c for c in t.columns]
    return select(*columnas).order_by(*t.primary_key.columns)


def codificador(columnas: dict[str, str]) -> Callable[[Any], bytes]:
    """Row (a RowMapping from `consulta_lectura`) -> one JSON line, as UTF-8 bytes."""
    pares = [(nombre, _TIPOS[tipo][2]) for nombre, tipo in columnas.items()]

    def codificar(fila) -> bytes:
        objeto = {n: f(fila[n]) for n, f in pares if fila[n] is not None}
        return (json.dumps(objeto, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")

    return codificar


def decodificador(columnas: dict[str, str]) -> Callable[[dict], dict]:
    """JSON object of one line -> parameters for the INSERT of `tabla_destino`."""
    pares = [(nombre, tipo == "json", _TIPOS[tipo][3]) for nombre, tipo in columnas.items()]

    def decodificar(objeto: dict) -> dict:
        fila = {}
        for nombre, es_json, f in pares:
            if nombre not in objeto:
                fila[nombre] = None  # SQL NULL (JSON columns bind with none_as_null=True)
            elif es_json:
                fila[nombre] = JSON.NULL if objeto[nombre] is None else objeto[nombre]
            else:
                valor = objeto[nombre]
                fila[nombre] = None if valor is None else f(valor)
        return fila

    return decodificar


def tabla_destino(nombre: str, columnas: dict[str, str]) -> TableClause:
    """A table typed from the manifest, not from today's models: the backup may be older."""
    return table(nombre, *(column(c, _TIPOS[tipo][1]()) for c, tipo in columnas.items()))


# --- manifest -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Manifiesto:
    formato: int
    aplicacion: str
    revision: str
    creado: dt.datetime
    motor: str
    tablas: dict[str, int]            # rows per table, in dependency order
    sha256: dict[str, str]            # of each table's file, uncompressed
    columnas: dict[str, dict[str, str]]  # table -> column -> type tag

    @property
    def filas(self) -> int:
        return sum(self.tablas.values())

    def como_json(self) -> dict:
        return {"formato": self.formato, "aplicacion": self.aplicacion, "revision": self.revision,
                "creado": self.creado.isoformat(), "motor": self.motor, "tablas": self.tablas,
                "sha256": self.sha256, "columnas": self.columnas}

    @classmethod
    def de_json(cls, datos: Any) -> "Manifiesto":
        def mal(detalle: str) -> ErrorValidacion:
            return ErrorValidacion.de("respaldo", f"el manifiesto no es válido ({detalle})")

        if not isinstance(datos, dict):
            raise mal("no es un objeto JSON")
        formato = datos.get("formato")
        if not isinstance(formato, int):
            raise mal("falta «formato»")
        if formato > FORMATO:
            raise BaseDatosIncompatible(
                f"El respaldo usa un formato más reciente ({formato}) que esta versión de OEE Desk; "
                "actualice la aplicación para restaurarlo.")
        campos = {"aplicacion": str, "revision": str, "creado": str, "motor": str,
                  "tablas": dict, "sha256": dict, "columnas": dict}
        for campo, tipo in campos.items():
            if not isinstance(datos.get(campo), tipo):
                raise mal(f"falta «{campo}» o no es del tipo esperado")
        tablas, sumas, columnas = datos["tablas"], datos["sha256"], datos["columnas"]
        if set(tablas) != set(sumas) or set(tablas) != set(columnas):
            raise mal("las tablas, sus sumas y sus columnas no coinciden")
        for nombre, filas in tablas.items():
            if not _NOMBRE_VALIDO.match(nombre):
                raise mal(f"nombre de tabla «{nombre[:70]}»")
            if not isinstance(filas, int) or isinstance(filas, bool) or filas < 0:
                raise mal(f"número de filas de {nombre}")
            if not isinstance(sumas[nombre], str) or not re.fullmatch(r"[0-9a-f]{64}", sumas[nombre]):
                raise mal(f"suma SHA-256 de {nombre}")
            cols = columnas[nombre]
            if not isinstance(cols, dict) or not cols or any(
                    not isinstance(c, str) or not _NOMBRE_VALIDO.match(c) or t not in _TIPOS
                    for c, t in cols.items()):
                raise mal(f"columnas de {nombre}")
        try:
            creado = dt.datetime.fromisoformat(datos["creado"])
        except ValueError:
            raise mal("fecha de creación") from None
        return cls(formato, datos["aplicacion"], datos["revision"], creado, datos["motor"],
                   dict(tablas), dict(sumas), {t: dict(c) for t, c in columnas.items()})


# --- reading a backup -----------------------------------------------------------------------
def abrir(origen: Path) -> tuple[zipfile.ZipFile, Manifiesto]:
    """Open a backup and read its manifest; a file that is not one is refused in Spanish."""
    try:
        archivo = zipfile.ZipFile(origen)
    except FileNotFoundError:
        raise ErrorValidacion.de("respaldo", f"no existe el archivo {origen}") from None
    except (zipfile.BadZipFile, OSError):
        raise ErrorValidacion.de("respaldo", f"{Path(origen).name} no es un respaldo de OEE Desk "
                                             "(no es un archivo ZIP válido)") from None
    try:
        try:
            texto = archivo.read(MANIFIESTO)
        except KeyError:
            raise ErrorValidacion.de("respaldo", f"{Path(origen).name} no es un respaldo de OEE Desk "
                                                 f"(le falta {MANIFIESTO})") from None
        try:
            datos = json.loads(texto)
        except ValueError:
            raise ErrorValidacion.de("respaldo", "el manifiesto está dañado (no es JSON)") from None
        manifiesto = Manifiesto.de_json(datos)
        presentes = set(archivo.namelist())
        faltan = [t for t in manifiesto.tablas if miembro(t) not in presentes]
        if faltan:
            raise ErrorValidacion.de("respaldo", f"el archivo está incompleto: falta la tabla {faltan[0]}")
        return archivo, manifiesto
    except BaseException:
        archivo.close()
        raise


def lineas(archivo: zipfile.ZipFile, manifiesto: Manifiesto, tabla: str) -> Iterator[bytes]:
    """The lines of a table's file; raises at the end if its checksum or row count is wrong."""
    suma = hashlib.sha256()
    cuenta = 0
    try:
        with archivo.open(miembro(tabla)) as f:
            for linea in f:
                suma.update(linea)
                cuenta += 1
                yield linea
    except (zipfile.BadZipFile, OSError, EOFError):  # a bad CRC or a truncated deflate stream
        raise _danado(tabla) from None
    if suma.hexdigest() != manifiesto.sha256[tabla] or cuenta != manifiesto.tablas[tabla]:
        raise _danado(tabla)


def verificar(archivo: zipfile.ZipFile, manifiesto: Manifiesto) -> None:
    """Read every table's file once and check it against the manifest, before touching anything."""
    for tabla in manifiesto.tablas:
        for _ in lineas(archivo, manifiesto, tabla):
            pass


def _danado(tabla: str) -> ErrorValidacion:
    return ErrorValidacion.de("respaldo", f"el archivo de la tabla {tabla} está dañado o fue modificado "
                                          "(su suma de verificación no coincide con el manifiesto)")
