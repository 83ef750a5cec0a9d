"""Citizens and petitions for the privacy and merge tests (test_privacidad.py, test_fusion.py)."""
from __future__ import annotations

import json

from sqlalchemy import select

from oee_desk.db.modelos import Auditoria
from oee_desk.services.ciudadanos import ServicioCiudadanos
from oee_desk.services.peticiones import DatosPeticion, ServicioPeticiones

CURP_JOSE = "VAYJ800101HSRLCS00"
CURP_MARIA = "GOMM850315MSRNRR02"

JOSE = {"nombre": "José María", "primer_apellido": "Valenzuela", "segundo_apellido": "Yocupicio",
        "telefono": "(662) 123-45-67", "correo": "jm.valenzuela@ejemplo.mx", "curp": CURP_JOSE,
        "municipio": "26030", "localidad": "Hermosillo", "domicilio": "Calle Reforma 123, Col. Centro",
        "acepta_aviso_privacidad": True}


def registrar(bd, actor, ciudadano: dict | None = None, *, ciudadano_id=None, **extra) -> DatosPeticion:
    datos = {"fecha_recepcion": "2024-03-01T10:15:00", "canal": "call_center", "tema": "vivienda",
             "descripcion": "Solicita apoyo para mejorar su vivienda", **extra}
    if ciudadano_id is not None:
        datos["ciudadano_id"] = str(ciudadano_id)
    else:
        datos["ciudadano"] = ciudadano or JOSE
    return ServicioPeticiones(bd).registrar(actor, datos)


def crear_ciudadano(bd, actor, **datos):
    return ServicioCiudadanos(bd).crear(actor, datos).ciudadano


def auditoria(bd, **filtro) -> list[Auditoria]:
    with bd.lectura() as s:
        return list(s.scalars(select(Auditoria).filter_by(**filtro).order_by(Auditoria.momento, Auditoria.id)))


def texto_auditoria(bd) -> str:
    """Every audit row as one text, to look for values that must never be copied there."""
    return json.dumps([[a.accion, a.tabla, a.registro_id, a.antes, a.despues] for a in auditoria(bd)],
                      ensure_ascii=False)
