"""A small, realistic sample of the citizen-attention desk for the self-test and the screenshots:
an operator, two giras, petitions over the last weeks on several channels, follow-ups (one call
unanswered, so the callbacks queue has work), canalizations by oficio and to internal areas.

Everything goes through the services, as the operator would have done it; the demo database uses
it too.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.roles import Rol
from . import Servicios
from .sesion import Sesion

PERSONAL = (("atencion", Rol.ATENCION, "Lucía Fernanda Quijada Ruiz"),
            ("supervision", Rol.SUPERVISOR, "Jorge Luis Acosta Romero"))
GIRAS = ((20, "26018", "Esperanza", "Entrega de apoyos del programa de vivienda"),
         (9, "26042", "Bacabachi", "Inauguración del centro de salud comunitario"))
# (días atrás, canal, tema, nombre, apellido, teléfono, municipio, descripción, gira (índice),
#  canalización (tipo, destino) o None, seguimiento: None | "no_contesto" | "contesto" | "cierre")
PETICIONES = (
    (26, "call_center", "salud", "José Ramón", "Valenzuela Ochoa", "6621234567", "26030",
     "Solicita apoyo para la cirugía de cataratas de su madre, de 78 años.", None, ("dependencia", "SSS"), "contesto"),
    (24, "correspondencia", "vivienda", "María Guadalupe", "Soto Félix", "6441122334", "26018",
     "Pide ser incluida en el programa de mejoramiento de vivienda: techo de lámina dañado.", None, None, None),
    (20, "gira", "vivienda", "Ramón", "Buitimea Valenzuela", "6442233445", "26018",
     "Solicita material para reconstruir su cuarto después de las lluvias.", 0, ("dependencia", "COVES"),
     "no_contesto"),
    (20, "gira", "programas_sociales", "Rosa Elena", "Yocupicio León", "6443344556", "26018",
     "Pide información sobre la pensión para personas con discapacidad.", 0, ("area_interna",
                                                                             "atencion_gestion_inmediata"), None),
    (20, "gira", "empleo", "Juan Carlos", "Moroyoqui Díaz", "6444455667", "26018",
     "Busca empleo como soldador; entregó su solicitud en el evento.", 0, None, None),
    (16, "chat_sonora", "asuntos_juridicos", "Ana Cristina", "Ruiz Encinas", "6625566778", "26030",
     "Asesoría para un juicio de pensión alimenticia.", None, ("area_interna", "asesoria_juridica"), "cierre"),
    (12, "redes_sociales", "agua_potable", "Francisco", "Salido Almada", "6426677889", "26033",
     "Su colonia lleva dos semanas sin agua potable.", None, ("dependencia", "CEA"), "no_contesto"),
    (9, "gira", "salud", "Martina", "Valenzuela Buitimea", "6477788990", "26042",
     "Pide una silla de ruedas para su esposo.", 1, ("dependencia", "DIF"), None),
    (9, "gira", "educacion", "Pedro", "Álvarez Yocupicio", "6478899001", "26042",
     "Solicita becas para sus tres hijos de secundaria.", 1, None, None),
    (5, "correo_electronico", "infraestructura_urbana", "Claudia", "Ibarra Castro", "6629900112", "26030",
     "Reporta baches peligrosos en el bulevar de su colonia.", None, ("dependencia", "SIDUR"), "contesto"),
    (2, "atencion_gestion_inmediata", "apoyos_alimentarios", "Héctor", "Moreno Quijada", "6621010101", "26030",
     "Solicita despensas para el comedor comunitario de su colonia.", None, None, None),
    (0, "call_center", "seguridad", "Silvia", "Araiza Leyva", "6622020202", "26030",
     "Pide rondines de vigilancia en su calle.", None, None, None),
)


@dataclass(frozen=True)
class MuestraAtencion:
    operador: Sesion
    supervisor: Sesion
    folios: list[str]
    giras: list[str]
    ejemplar: str  # a petition with follow-ups and an oficio de canalización
    pendiente: str  # one in the callbacks queue


def _personal(servicios: Servicios, admin: Sesion, contrasena: str) -> tuple[Sesion, Sesion]:
    existentes = {u.nombre for u in servicios.usuarios.listar(admin)}
    for nombre, rol, completo in PERSONAL:
        if nombre not in existentes:
            servicios.usuarios.agregar(admin, nombre, rol.value, completo, contrasena, contrasena)
    operador, supervisor = (servicios.usuarios.autenticar(n, contrasena) for n, _, _ in PERSONAL)
    return operador, supervisor


def _dia_habil(hoy: dt.date, atras: int) -> dt.date:
    dia = hoy - dt.timedelta(days=atras)
    return dia - dt.timedelta(days=max(0, dia.weekday() - 4))  # a weekend goes back to Friday


def sembrar(servicios: Servicios, admin: Sesion, contrasena: str) -> MuestraAtencion:
    operador, supervisor = _personal(servicios, admin, contrasena)
    ahora = dt.datetime.now().replace(microsecond=0)
    hoy = ahora.date()
    giras = [servicios.giras.registrar(operador, {"fecha": _dia_habil(hoy, atras), "municipio": municipio,
                                                  "localidad": localidad, "evento": evento}).clave
             for atras, municipio, localidad, evento in GIRAS]
    folios, ejemplar, pendiente = [], None, None
    for i, (atras, canal, tema, nombre, apellido, telefono, municipio, descripcion, gira, canalizacion,
            seguimiento) in enumerate(PETICIONES):
        primero, segundo = (apellido.split() + [None])[:2]
        recibida = min(dt.datetime.combine(_dia_habil(hoy, atras), dt.time(9 + i % 6, (i * 13) % 60)),
                       ahora - dt.timedelta(minutes=30))
        p = servicios.peticiones.registrar(operador, {
            "canal": canal, "tema": tema, "descripcion": descripcion, "fecha_recepcion": recibida,
            "gira": giras[gira] if gira is not None else None,
            "ciudadano": {"nombre": nombre, "primer_apellido": primero, "segundo_apellido": segundo,
                          "telefono": telefono, "municipio": municipio, "acepta_aviso_privacidad": True}})
        folios.append(p.folio)
        despues = min(recibida + dt.timedelta(hours=2), ahora)
        if canalizacion:
            servicios.peticiones.canalizar(operador, p.folio, {"tipo": canalizacion[0], "destino": canalizacion[1],
                                                               "nota": "Se envía para su atención."})
        if seguimiento in ("contesto", "no_contesto"):
            servicios.seguimientos.agregar(operador, p.folio, {
                "tipo": "llamada_saliente", "resultado": seguimiento, "fecha": despues,
                "nota": "Se le informó del trámite." if seguimiento == "contesto" else "Sin respuesta."})
            if seguimiento == "contesto" and canalizacion and canalizacion[0] == "dependencia":
                servicios.seguimientos.agregar(operador, p.folio, {
                    "tipo": "contacto_enlace", "fecha": min(despues + dt.timedelta(hours=1), ahora),
                    "nota": "El enlace confirma que la petición está en revisión."})
                ejemplar = ejemplar or p.folio
            if seguimiento == "no_contesto":
                pendiente = pendiente or p.folio
        elif seguimiento == "cierre":
            servicios.seguimientos.agregar(operador, p.folio, {
                "tipo": "cierre", "resultado": "favorable", "fecha": despues,
                "nota": "Recibió la asesoría y presentó su demanda."})
    servicios.peticiones.anular(supervisor, folios[-1], "Capturada dos veces por error.")
    return MuestraAtencion(operador, supervisor, folios, giras, ejemplar or folios[0], pendiente or folios[0])
