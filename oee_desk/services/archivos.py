"""Reading the rows of an import file: .csv (UTF-8, with or without BOM), .xlsx (first sheet) or .json.

Returns one dict per data row keyed by the header, with the row number people see in the file,
so that errors can say "fila 7, columna curp".
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from ..domain.errores import ErrorValidacion


class FilaLeida(dict):
    """One row of the file by column name, with its row number as the spreadsheet shows it: blank
    rows are skipped, so a row's position in the list would point the clerk at the wrong one."""

    __slots__ = ("numero",)

    def __init__(self, numero: int, valores: dict[str, Any]):
        super().__init__(valores)
        self.numero = numero


def numero_de_fila(crudo: Any, posicion: int) -> int:
    """The row number to report: the file's own (FilaLeida), else the position after the header."""
    return getattr(crudo, "numero", posicion)


def leer_filas(ruta: str | Path, contenido: bytes | None = None) -> list[dict[str, Any]]:
    ruta = Path(ruta)
    extension = ruta.suffix.lower()
    try:
        datos = contenido if contenido is not None else ruta.read_bytes()
    except FileNotFoundError:
        raise ErrorValidacion.de("archivo", f"no existe: {ruta}") from None
    if extension == ".csv":
        return _csv(datos)
    if extension == ".xlsx":
        return _xlsx(datos)
    if extension == ".json":
        return _json(datos)
    raise ErrorValidacion.de("archivo", "debe ser .csv, .xlsx o .json")


def _csv(datos: bytes) -> list[dict[str, Any]]:
    try:
        texto = datos.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ErrorValidacion.de("archivo", "no está en UTF-8; guárdelo como «CSV UTF-8» desde Excel") from None
    try:
        dialecto = csv.Sniffer().sniff(texto[:4096], delimiters=",;\t")
    except csv.Error:
        dialecto = csv.excel
    lector = csv.DictReader(io.StringIO(texto, newline=""), dialect=dialecto)
    return [FilaLeida(lector.line_num, f) for f in lector]  # line_num: the record's last line


def _xlsx(datos: bytes) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    try:
        libro = load_workbook(io.BytesIO(datos), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ErrorValidacion.de("archivo", "no es un libro de Excel (.xlsx) válido") from None
    hoja = libro.worksheets[0]
    filas = hoja.iter_rows(values_only=True)
    encabezado = [str(c).strip() if c is not None else "" for c in next(filas, [])]
    resultado = []
    for numero, fila in enumerate(filas, start=2):
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in fila):
            continue
        resultado.append(FilaLeida(numero, {encabezado[i]: _celda(c) for i, c in enumerate(fila)
                                            if i < len(encabezado) and encabezado[i]}))
    libro.close()
    return resultado


def _celda(valor: Any) -> Any:
    if isinstance(valor, dt.datetime) and valor.time() == dt.time(0):
        return valor.date().isoformat()
    if isinstance(valor, (dt.date, dt.datetime)):
        return valor.isoformat()
    return valor


def _json(datos: bytes) -> list[dict[str, Any]]:
    try:
        documento = json.loads(datos.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ErrorValidacion.de("archivo", f"no es un JSON válido ({e})") from None
    if not isinstance(documento, list) or not all(isinstance(f, dict) for f in documento):
        raise ErrorValidacion.de("archivo", "debe ser una lista de objetos JSON")
    return documento
