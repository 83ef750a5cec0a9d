"""Sample Atención Ciudadana work, registered through the services as the office would: a call-center
operator, a field operator on a gira and a supervisor. Used by the selftest, the screenshots and
the demo database, so that every screen shows something real."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..db.motor import BaseDatos
from ..domain.roles import Rol
from .giras import ServicioGiras
from .peticiones import ServicioPeticiones
from .seguimientos import ServicioSeguimientos
from .sesion import Sesion
from .usuarios import ServicioUsuarios

OPERADORES = [
    ("lvalenzuela", Rol.ATENCION, "Lucía Valenzuela Moreno"),
    ("rquijada", Rol.CAMPO, "Ramón Quijada Ochoa"),
]

# name, first surname, second surname, phone, municipio, canal, tema, description, canalization
CIUDADANOS = [
    ("José María", "Valenzuela", "Yocupicio", "6621234567", "26030", "call_center", "vivienda",
     "Solicita apoyo para la reconstrucción del techo de su vivienda, dañado por las lluvias.",
     {"tipo": "dependencia", "destino": "SIDUR"}),
    ("Guadalupe", "Peña", "Núñez", "6441987654", "26018", "atencion_gestion_inmediata", "salud",
     "Pide apoyo para conseguir una cita de especialidad en el Hospital General.",
     {"tipo": "area_interna", "destino": "atencion_gestion_inmediata"}),
    ("Martín", "Gastélum", "Ruiz", "6311456789", "26043", "redes_sociales", "infraestructura_urbana",
     "Reporta una fuga de agua potable en su colonia desde hace dos semanas.", None),
    ("Ana Sofía", "Bórquez", None, "6424123456", "26042", "chat_sonora", "educacion",
     "Solicita información sobre becas para estudiantes de preparatoria.", None),
    ("Jesús", "Ibarra", "Félix", "6531234987", "26055", "asesoria_juridica", "asuntos_juridicos",
     "Requiere asesoría sobre la regularización de un terreno ejidal.",
     {"tipo": "area_interna", "destino": "asesoria_juridica"}),
    ("Rosa Elena", "Acuña", "Leyva", "6221567890", "26029", "correo_electronico", "programas_sociales",
     "Pregunta por el registro al programa de apoyo a adultos mayores.", None),
]


@dataclass(frozen=True)
class MuestraAtencion:
    folios: list[str]
    gira: str
    pendiente_llamada: str  # a folio whose callback is due
    concluida: str


def crear_operadores(bd: BaseDatos, admin: Sesion, contrasena: str) -> tuple[Sesion, Sesion]:
    usuarios = ServicioUsuarios(bd)
    existentes = {u.nombre for u in usuarios.listar(admin)}
    for nombre, rol, completo in OPERADORES:
        if nombre not in existentes:
            usuarios.agregar(admin, nombre, rol.value, completo, contrasena, contrasena)
    return tuple(usuarios.autenticar(nombre, contrasena) for nombre, _, _ in OPERADORES)  # type: ignore[return-value]


def sembrar_atencion(bd: BaseDatos, operadora: Sesion, campo: Sesion, supervisor: Sesion | None = None,
                     hoy: dt.date | None = None) -> MuestraAtencion:
    """Six petitions from the desk over the last two weeks, a gira with three more, follow-ups (one
    call unanswered, so a callback is due), one concluded favorably and, with a supervisor, one annulled."""
    hoy = hoy or dt.date.today()
    peticiones, seguimientos = ServicioPeticiones(bd), ServicioSeguimientos(bd)
    folios = []
    for i, (nombre, ap1, ap2, tel, mun, canal, tema, descripcion, canalizacion) in enumerate(CIUDADANOS):
        recibida = dt.datetime.combine(hoy - dt.timedelta(days=14 - 2 * i), dt.time(9 + i, 10 * i % 60))
        p = peticiones.registrar(operadora, {
            "fecha_recepcion": recibida.isoformat(), "canal": canal, "tema": tema, "descripcion": descripcion,
            "ciudadano": {"nombre": nombre, "primer_apellido": ap1, "segundo_apellido": ap2, "telefono": tel,
                          "municipio": mun, "acepta_aviso_privacidad": True},
            "canalizacion": canalizacion})
        folios.append(p.folio)
    llamada = dt.datetime.combine(hoy - dt.timedelta(days=1), dt.time(11, 0))
    seguimientos.agregar(operadora, folios[0], {"fecha": llamada.isoformat(), "tipo": "llamada_saliente",
                                                "resultado": "no_contesto", "nota": "Se dejará recado.",
                                                "proxima_llamada": hoy.isoformat()})
    seguimientos.agregar(operadora, folios[1], {"fecha": (llamada - dt.timedelta(days=3)).isoformat(),
                                                "tipo": "contacto_enlace", "nota": "El enlace confirma la cita."})
    seguimientos.agregar(operadora, folios[1], {"fecha": llamada.isoformat(), "tipo": "cierre",
                                                "resultado": "favorable", "nota": "Cita otorgada."})
    gira = ServicioGiras(bd).registrar(campo, {"fecha": (hoy - dt.timedelta(days=5)).isoformat(), "municipio": "26033",
                                               "localidad": "Huatabampo", "evento": "Entrega de apoyos a productores"})
    for nombre, ap1, tel, tema in [("Francisco", "Valdez", "6474561234", "proyectos_productivos"),
                                   ("María de Jesús", "Buitimea", "6474567788", "apoyos_alimentarios"),
                                   ("Héctor", "Moroyoqui", "6474569900", "proyectos_productivos")]:
        p = peticiones.registrar(campo, {
            "fecha_recepcion": dt.datetime.combine(gira.fecha, dt.time(12, 30)).isoformat(), "canal": "gira",
            "gira": gira.clave, "tema": tema, "descripcion": "Petición recibida en la gira del C. Gobernador.",
            "ciudadano": {"nombre": nombre, "primer_apellido": ap1, "telefono": tel, "municipio": "26033",
                          "acepta_aviso_privacidad": True}})
        folios.append(p.folio)
    if supervisor is not None:
        peticiones.anular(supervisor, folios[-1], "Registrada dos veces en la gira.")
    return MuestraAtencion(folios, gira.clave, folios[0], folios[1])
