"""What makes a turno and an answer to it valid."""
from __future__ import annotations

import datetime as dt
from typing import Any

from . import validacion as v
from .errores import ErrorValidacion

ROLES_TURNO = {"responsable": "Responsable", "apoyo": "Apoyo", "para_conocimiento": "Para conocimiento"}
TIPOS_RESPUESTA = {"acuse": "Acuse de recibo", "avance": "Avance", "respuesta": "Respuesta",
                   "cierre": "Cierre: no requiere respuesta"}
PLAZO_MAXIMO = 120


def validar_turnos(datos: Any) -> list[dict[str, Any]]:
    turnos = datos.get("turnos") if isinstance(datos, dict) else datos
    if not isinstance(turnos, list) or not turnos:
        raise ErrorValidacion.de("turnos", "debe ser una lista con al menos un turno")
    val = v.Validador()
    limpios = []
    for i, turno in enumerate(turnos, start=1):
        p = f"turnos[{i}]"
        if not isinstance(turno, dict):
            val.agregar(p, "debe ser un objeto")
            continue
        limpios.append({
            "dependencia": val.campo(f"{p}.dependencia", v.texto, turno.get("dependencia")),
            "rol": val.campo(f"{p}.rol", v.opcion, turno.get("rol") or "responsable", opciones=ROLES_TURNO),
            "instruccion": val.campo(f"{p}.instruccion", v.texto, turno.get("instruccion")),
            "plazo_dias_habiles": val.campo(f"{p}.plazo_dias_habiles", v.entero, turno.get("plazo_dias_habiles"),
                                            minimo=1, maximo=PLAZO_MAXIMO),
            "nota": val.campo(f"{p}.nota", v.texto, turno.get("nota"), requerido=False, maximo=v.LARGO_TEXTO),
        })
    val.listo()
    return limpios


def validar_respuesta(datos: Any, hoy: dt.date) -> dict[str, Any]:
    if not isinstance(datos, dict):
        raise ErrorValidacion.de("documento", "debe ser un objeto JSON")
    val = v.Validador()
    val.campo("dependencia", v.texto, datos.get("dependencia"))
    tipo = val.campo("tipo", v.opcion, datos.get("tipo"), opciones=TIPOS_RESPUESTA)
    fecha = val.campo("fecha", v.fecha, datos.get("fecha") or hoy)
    val.campo("numero_oficio", v.texto, datos.get("numero_oficio"), requerido=False, maximo=100)
    val.campo("resumen", v.texto, datos.get("resumen"), requerido=tipo in ("respuesta", "cierre"),
              maximo=v.LARGO_TEXTO)
    val.campo("avance_pct", v.entero, datos.get("avance_pct"), requerido=tipo == "avance", minimo=0, maximo=100)
    if fecha and fecha > hoy:
        val.agregar("fecha", "no puede estar en el futuro")
    return val.listo()
