"""What makes a received matter (oficio entrante) valid, before any number is taken."""
from __future__ import annotations

import datetime as dt
from typing import Any

from . import validacion as v
from .catalogos import DESTINATARIOS
from .errores import ErrorValidacion
from .texto import normalizar

PRIORIDADES = {"normal": "Normal", "urgente": "Urgente"}
# A scanner's clock or a clerk's typo may be a few minutes ahead; more than that is a mistake.
TOLERANCIA_FUTURO = dt.timedelta(minutes=10)


def numero_remitente_normalizado(numero: str | None) -> str | None:
    """The sender's number as the duplicate warning compares it: without case, accents or doubled
    spaces («OF. NÚM. 12» is «of. num. 12»). Stored with the matter and indexed (migration 0009), so
    both engines compare the same text: SQLite's lower() leaves «Ú» and «Ñ» as they are."""
    return normalizar(numero) or None


def _local(valor: dt.datetime) -> dt.datetime:
    """Stored as the office's wall-clock time: a time with a zone is converted, not truncated."""
    if valor.tzinfo is not None:
        valor = valor.astimezone().replace(tzinfo=None)
    return valor.replace(microsecond=0)


def fecha_hora(campo: str, valor: Any, *, requerido: bool = True) -> dt.datetime | None:
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        if requerido:
            raise ErrorValidacion.de(campo, "es obligatoria")
        return None
    try:
        if isinstance(valor, dt.datetime):
            return _local(valor)
        if isinstance(valor, dt.date):
            return dt.datetime.combine(valor, dt.time(0))
        if isinstance(valor, str):
            return _local(dt.datetime.fromisoformat(valor.strip()))
    except ValueError:
        pass
    except OverflowError:  # a zoned time at the edge of the calendar (year 1 or 9999) made local
        raise ErrorValidacion.de(campo, "está fuera del rango de fechas admitido") from None
    raise ErrorValidacion.de(campo, "debe ser una fecha y hora AAAA-MM-DDTHH:MM válida")


def validar_registro(datos: dict[str, Any], ahora: dt.datetime) -> dict[str, Any]:
    """Clean the fields of `oficios registrar` (cli.md); every problem is reported at once."""
    if not isinstance(datos, dict):
        raise ErrorValidacion.de("documento", "debe ser un objeto JSON")
    remitente = datos.get("remitente") or {}
    if not isinstance(remitente, dict):
        remitente = {"nombre": remitente} if isinstance(remitente, str) else {}
    val = v.Validador()
    val.campo("serie", v.texto, datos.get("serie"), maximo=40)
    recepcion = val.campo("fecha_recepcion", fecha_hora, datos.get("fecha_recepcion") or ahora)
    val.campo("remitente.nombre", v.texto, remitente.get("nombre"))
    val.campo("remitente.cargo", v.texto, remitente.get("cargo"), requerido=False)
    val.campo("remitente.institucion", v.texto, remitente.get("institucion"), requerido=False)
    # Absent: the series' own addressee (03.01 → Governor, NJ → Chief of Office), set by the service.
    val.campo("destinatario", v.opcion, datos.get("destinatario"), opciones=DESTINATARIOS) \
        if datos.get("destinatario") else None
    val.campo("numero_oficio_remitente", v.texto, datos.get("numero_oficio_remitente"), requerido=False, maximo=100)
    documento = val.campo("fecha_documento", v.fecha, datos.get("fecha_documento"), requerido=False)
    val.campo("asunto", v.texto, datos.get("asunto"), maximo=v.LARGO_TEXTO)
    val.campo("tipo_documento", v.texto, datos.get("tipo_documento") or "oficio", maximo=200)
    val.campo("prioridad", v.opcion, datos.get("prioridad") or "normal", opciones=PRIORIDADES)
    val.campo("serie_documental", v.texto, datos.get("serie_documental"), requerido=False)
    if recepcion and recepcion > ahora + TOLERANCIA_FUTURO:
        val.agregar("fecha_recepcion", "no puede estar en el futuro")
    if recepcion and documento and documento > recepcion.date():
        val.agregar("fecha_documento", "no puede ser posterior a la fecha de recepción")
    if recepcion and recepcion.year < 2000:
        val.agregar("fecha_recepcion", "es anterior al año 2000")
    anexos = datos.get("anexos") or []
    if not isinstance(anexos, list):
        val.agregar("anexos", "debe ser una lista de archivos")
    return val.listo()
