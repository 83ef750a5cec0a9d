"""Atención Ciudadana's rules: what makes a citizen, a petition, a follow-up and a tour valid,
and how a petition's status moves. Plain Python: the services resolve catalogs and store."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import validacion as v
from .errores import ErrorValidacion
from .oficios import TOLERANCIA_FUTURO, fecha_hora
from .texto import normalizar

ESTATUS = {
    "recibida": "Recibida",
    "canalizada": "Canalizada",
    "en_seguimiento": "En seguimiento",
    "concluida": "Concluida",
    "anulada": "Anulada",
}
# Still open: the citizen waits for an answer (lists, the dashboard, the overdue filter).
ABIERTAS = ("recibida", "canalizada", "en_seguimiento")
RESULTADOS = {
    "favorable": "Favorable",
    "no_favorable": "No favorable",
    "no_procedente": "No procedente",
    "informada": "Informada",
}
TIPOS_SEGUIMIENTO = {
    "llamada_saliente": "Llamada saliente",
    "llamada_entrante": "Llamada entrante",
    "contacto_enlace": "Contacto con enlace",
    "respuesta_dependencia": "Respuesta de dependencia",
    "visita": "Visita",
    "oficio": "Oficio",
    "cierre": "Cierre",
}
LLAMADAS = {"llamada_saliente", "llamada_entrante"}
RESULTADOS_LLAMADA = {
    "contesto": "Contestó",
    "no_contesto": "No contestó",
    "buzon": "Buzón",
    "numero_equivocado": "Número equivocado",
}
# A call that did not reach the citizen puts the petition back in the callbacks queue for the next
# business day, unless the operator says when.
SIN_CONTACTO = {"no_contesto", "buzon"}
AREAS_INTERNAS = {
    "atencion_gestion_inmediata": "Atención y Gestión Inmediata",
    "asesoria_juridica": "Asesoría Jurídica",
}
TIPOS_CANALIZACION = {"area_interna": "Área interna", "dependencia": "Dependencia u organismo"}
VERSION_AVISO_VIGENTE = "2024-01"
INDICADOR_GIRAS = 2

_TELEFONO = re.compile(r"^\+?[0-9 ()\-.]+$")
_CORREO = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def telefono(campo: str, valor: Any, *, requerido: bool = False) -> str | None:
    """Digits only: «(662) 123-45-67» → «6621234567». Letters are a typo, never silently dropped."""
    if isinstance(valor, int) and not isinstance(valor, bool):
        valor = str(valor)
    limpio = v.texto(campo, valor, requerido=requerido, maximo=30)
    if limpio is None:
        return None
    if not _TELEFONO.match(limpio):
        raise ErrorValidacion.de(campo, "solo admite dígitos, espacios, guiones y paréntesis")
    digitos = re.sub(r"\D", "", limpio)
    if digitos.startswith("52") and len(digitos) == 12:  # +52 country code
        digitos = digitos[2:]
    if not 7 <= len(digitos) <= 15:
        raise ErrorValidacion.de(campo, "debe tener entre 7 y 15 dígitos (10 para un número de México)")
    return digitos


def _fecha_hora(campo: str, valor: Any, *, requerido: bool = True) -> dt.datetime | None:
    """oficios.fecha_hora, but a zoned time that overflows when made local (year 1 or 9999) is bad
    input naming the field, not an OverflowError."""
    try:
        return fecha_hora(campo, valor, requerido=requerido)
    except OverflowError:
        raise ErrorValidacion.de(campo, "está fuera del rango de fechas admitido") from None


def correo(campo: str, valor: Any) -> str | None:
    limpio = v.texto(campo, valor, requerido=False, maximo=200)
    if limpio is None:
        return None
    if not _CORREO.match(limpio):
        raise ErrorValidacion.de(campo, "no es un correo electrónico válido (falta @ o el dominio)")
    return limpio.lower()


def validar_ciudadano(datos: Any, *, prefijo: str = "ciudadano.") -> dict[str, Any]:
    """Clean a citizen's fields. Only a name and some way back (a phone is enough) are required."""
    if not isinstance(datos, dict):
        raise ErrorValidacion.de(prefijo.rstrip(".") or "ciudadano", "debe ser un objeto con los datos del ciudadano")
    val = v.Validador()
    c = lambda nombre: prefijo + nombre  # noqa: E731
    val.campo(c("nombre"), v.texto, datos.get("nombre"), maximo=120)
    val.campo(c("primer_apellido"), v.texto, datos.get("primer_apellido"), requerido=False, maximo=120)
    val.campo(c("segundo_apellido"), v.texto, datos.get("segundo_apellido"), requerido=False, maximo=120)
    val.campo(c("telefono"), telefono, datos.get("telefono"))
    val.campo(c("telefono_alterno"), telefono, datos.get("telefono_alterno"))
    val.campo(c("correo"), correo, datos.get("correo"))
    val.campo(c("curp"), v.curp, datos.get("curp"))
    val.campo(c("municipio"), v.texto, datos.get("municipio") if not isinstance(datos.get("municipio"), int)
              else str(datos.get("municipio")), requerido=False, maximo=200)
    val.campo(c("localidad"), v.texto, datos.get("localidad"), requerido=False)
    val.campo(c("domicilio"), v.texto, datos.get("domicilio"), requerido=False, maximo=v.LARGO_TEXTO)
    acepta = val.campo(c("acepta_aviso_privacidad"), v.booleano, datos.get("acepta_aviso_privacidad") or False)
    val.campo(c("version_aviso"), v.texto, datos.get("version_aviso") or (VERSION_AVISO_VIGENTE if acepta else None),
              requerido=False, maximo=20)
    return {k[len(prefijo):]: x for k, x in val.listo().items()}


def texto_busqueda_ciudadano(d: dict[str, Any]) -> str:
    return normalizar(" ".join(filter(None, [
        d.get("nombre"), d.get("primer_apellido"), d.get("segundo_apellido"), d.get("telefono"),
        d.get("telefono_alterno"), d.get("curp"), d.get("correo")])))


def clave_nombre(d: dict[str, Any]) -> str:
    """The full name's words, sorted: «Valenzuela José María» and «José María Valenzuela» agree."""
    return " ".join(sorted(normalizar(" ".join(filter(None, [
        d.get("nombre"), d.get("primer_apellido"), d.get("segundo_apellido")]))).split()))


def nombre_completo(d: Any) -> str:
    partes = [getattr(d, k, None) if not isinstance(d, dict) else d.get(k)
              for k in ("nombre", "primer_apellido", "segundo_apellido")]
    return " ".join(p for p in partes if p)


def validar_peticion(datos: Any, ahora: dt.datetime) -> dict[str, Any]:
    """Clean the petition's own fields of `peticiones registrar` (cli.md); catalogs come later."""
    if not isinstance(datos, dict):
        raise ErrorValidacion.de("documento", "debe ser un objeto JSON")
    val = v.Validador()
    recepcion = val.campo("fecha_recepcion", _fecha_hora, datos.get("fecha_recepcion") or ahora)
    val.campo("canal", v.texto, datos.get("canal"))
    val.campo("tema", v.texto, datos.get("tema"))
    val.campo("descripcion", v.texto, datos.get("descripcion"), maximo=v.LARGO_TEXTO)
    val.campo("apoyo_solicitado", v.texto, datos.get("apoyo_solicitado"), requerido=False, maximo=v.LARGO_TEXTO)
    val.campo("gira", v.texto, datos.get("gira"), requerido=False, maximo=60)
    val.campo("proxima_llamada", v.fecha, datos.get("proxima_llamada"), requerido=False)
    if recepcion and recepcion > ahora + TOLERANCIA_FUTURO:
        val.agregar("fecha_recepcion", "no puede estar en el futuro")
    if recepcion and recepcion.year < 2000:
        val.agregar("fecha_recepcion", "es anterior al año 2000")
    if datos.get("ciudadano") is None and not datos.get("ciudadano_id"):
        val.agregar("ciudadano", "es obligatorio: los datos del ciudadano o su ciudadano_id")
    canalizacion = None
    if datos.get("canalizacion"):
        try:  # its problems are told together with the others
            canalizacion = validar_canalizacion(datos["canalizacion"])
        except ErrorValidacion as e:
            val.problemas.extend(e.problemas)
    limpios = val.listo()
    if canalizacion:
        limpios["canalizacion"] = canalizacion
    return limpios


def validar_canalizacion(datos: Any) -> dict[str, Any]:
    if not isinstance(datos, dict):
        raise ErrorValidacion.de("canalizacion", "debe ser un objeto con tipo y destino")
    val = v.Validador()
    tipo = val.campo("canalizacion.tipo", v.opcion, datos.get("tipo") or "dependencia", opciones=TIPOS_CANALIZACION)
    if tipo == "area_interna":
        val.campo("canalizacion.destino", v.opcion, datos.get("destino"), opciones=AREAS_INTERNAS)
    else:
        val.campo("canalizacion.destino", v.texto, datos.get("destino"))
    val.campo("canalizacion.nota", v.texto, datos.get("nota"), requerido=False, maximo=v.LARGO_TEXTO)
    return {k.split(".", 1)[1]: x for k, x in val.listo().items()}


def validar_seguimiento(datos: Any, ahora: dt.datetime, recepcion: dt.datetime | None = None) -> dict[str, Any]:
    """A follow-up: dated between its petition's reception and now; calls carry their outcome."""
    if not isinstance(datos, dict):
        raise ErrorValidacion.de("documento", "debe ser un objeto JSON")
    val = v.Validador()
    fecha = val.campo("fecha", _fecha_hora, datos.get("fecha") or ahora)
    tipo = val.campo("tipo", v.opcion, datos.get("tipo"), opciones=TIPOS_SEGUIMIENTO)
    resultado = datos.get("resultado")
    if tipo in LLAMADAS:
        val.campo("resultado", v.opcion, resultado, opciones=RESULTADOS_LLAMADA)
    elif tipo == "cierre":
        val.campo("resultado", v.opcion, resultado, opciones=RESULTADOS)
    elif resultado not in (None, ""):
        val.agregar("resultado", "solo las llamadas y el cierre llevan resultado")
    val.campo("nota", v.texto, datos.get("nota"), requerido=False, maximo=v.LARGO_TEXTO)
    val.campo("proxima_llamada", v.fecha, datos.get("proxima_llamada"), requerido=False)
    if fecha and fecha > ahora + TOLERANCIA_FUTURO:
        val.agregar("fecha", "no puede estar en el futuro")
    if fecha and recepcion and fecha < recepcion:
        val.agregar("fecha", f"no puede ser anterior a la recepción de la petición ({recepcion:%Y-%m-%d %H:%M})")
    return val.listo()


def estatus_tras_seguimiento(actual: str, tipo: str) -> str:
    """How a follow-up moves a petition: the first one puts it «en seguimiento»; a closing concludes."""
    if actual in ("anulada", "concluida"):
        return actual
    if tipo == "cierre":
        return "concluida"
    return "en_seguimiento"


def validar_gira(datos: Any, hoy: dt.date) -> dict[str, Any]:
    if not isinstance(datos, dict):
        raise ErrorValidacion.de("documento", "debe ser un objeto JSON")
    val = v.Validador()
    fecha = val.campo("fecha", v.fecha, datos.get("fecha"))
    municipio = datos.get("municipio")
    val.campo("municipio", v.texto, str(municipio) if isinstance(municipio, int) else municipio)
    val.campo("localidad", v.texto, datos.get("localidad"), requerido=False)
    val.campo("evento", v.texto, datos.get("evento"), maximo=v.LARGO_TEXTO)
    if fecha and fecha.year < 2000:
        val.agregar("fecha", "es anterior al año 2000")
    if fecha and fecha > hoy + dt.timedelta(days=366):
        val.agregar("fecha", "está a más de un año en el futuro")
    return val.listo()


def enmascarar(texto: str | None, *, visibles: int = 0) -> str | None:
    """«José María» → «J*** M***»; a phone keeps its last `visibles` digits."""
    if not texto:
        return texto
    if visibles:
        return "•" * max(len(texto) - visibles, 0) + texto[-visibles:]
    return " ".join(p[0] + "***" for p in texto.split())
