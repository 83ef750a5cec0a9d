"""PostgreSQL: take an oficio's control number and insert the oficio and its audit row in one statement.

Clerks registering at once wait for one another on the series' counter row, locked from the moment a
number is taken until COMMIT. Taken by the client, that span holds the round trips of the INSERTs and
the Python between them, and, on a busy machine, the scheduler's delays. Here the server formats the
number into the oficio, its searchable text and its audit row within the statement that takes it, so
the lock waits only for the server's own work and the COMMIT. Templates whose number is not a plain or
zero-padded integer (domain.numeracion.partes) keep the general path.
"""
from __future__ import annotations

import functools
import uuid

from sqlalchemy import JSON, bindparam, text
from sqlalchemy.engine import Connection

from ..db.modelos import Auditoria
from ..db.modelos_correspondencia import Oficio
from ..domain import numeracion
from ..domain.texto import normalizar

# Filled by the statement from the number it takes.
_NUMERADAS = ("numero", "numero_control", "texto_busqueda")


@functools.cache
def _sentencia():
    oficio = [c for c in Oficio.__table__.columns if c.name not in _NUMERADAS]
    auditoria = [c for c in Auditoria.__table__.columns if c.name != "despues"]
    sql = f"""
WITH tomado AS (
    UPDATE contadores_serie SET siguiente = siguiente + 1
    WHERE serie_control_id = :serie_id AND anio = :del_anio
    RETURNING siguiente - 1 AS numero),
cifras AS (
    SELECT numero, lpad(numero::text, greatest(:ancho, length(numero::text)), '0') AS digitos FROM tomado),
nuevo AS (
    INSERT INTO oficios ({", ".join(c.name for c in oficio)}, numero, numero_control, texto_busqueda)
    SELECT {", ".join(f":o_{c.name}" for c in oficio)}, numero,
           :control_antes || digitos || :control_despues, :texto_antes || digitos || :texto_despues
    FROM cifras
    RETURNING numero, numero_control, texto_busqueda),
auditado AS (
    INSERT INTO auditoria ({", ".join(c.name for c in auditoria)}, despues)
    SELECT {", ".join(f":a_{c.name}" for c in auditoria)},
           CAST(CAST(:a_despues AS jsonb) || jsonb_build_object(
               'numero', numero, 'numero_control', numero_control, 'texto_busqueda', texto_busqueda) AS json)
    FROM nuevo)
SELECT numero, numero_control FROM nuevo"""
    return text(sql).bindparams(
        *(bindparam(f"o_{c.name}", type_=c.type) for c in oficio),
        *(bindparam(f"a_{c.name}", type_=c.type) for c in auditoria),
        bindparam("a_despues", type_=JSON))


def insertar_numerado(conexion: Connection, valores: dict, auditoria: dict, serie_id: uuid.UUID,
                      plantilla: str, resto_texto: str) -> tuple[int, str] | None:
    """Insert the oficio `valores` (without its number) and its audit row `auditoria`, numbered by the
    series' counter for `valores['anio']`; (numero, numero_control), or None when the series'
    template or counter call for the general path (nothing was written then)."""
    anio = valores["anio"]
    partes = numeracion.partes(plantilla, anio)
    if partes is None:
        return None
    antes, ancho, despues = partes
    # normalizar acts on each character and on the spaces between words: around the digits, a
    # digit stands in for them. Checked on one number rather than assumed.
    texto_antes, texto_despues = normalizar(f"{antes}0")[:-1], normalizar(f"0{despues}")[1:]
    if normalizar(f"{antes}1034{despues}") != f"{texto_antes}1034{texto_despues}":
        return None
    parametros = {"serie_id": serie_id, "del_anio": anio, "ancho": ancho,
                  "control_antes": antes, "control_despues": despues,
                  "texto_antes": texto_antes, "texto_despues": f"{texto_despues} {resto_texto}",
                  **{f"o_{k}": x for k, x in valores.items() if k not in _NUMERADAS},
                  **{f"a_{k}": x for k, x in auditoria.items()}}
    fila = conexion.execute(_sentencia(), parametros).first()
    return (fila.numero, fila.numero_control) if fila is not None else None
