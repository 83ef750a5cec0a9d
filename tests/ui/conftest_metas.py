"""Fixtures of the Metas POA page's tests (test_metas_ui.py): known records of 2022 whose count is
known cell by cell, the year's metas, and the people who use the page. A module of its own, as
conftest_admin.py explains."""
from __future__ import annotations

import pytest

from conftest import CONTRASENA, sesion_con_rol
from oee_desk.domain.roles import Rol
from oee_desk.services import Servicios
from oee_desk.ui.tareas import Tareas

ANIO = 2022
# (canal, mes) → how many petitions; the gira ones are received on a gira of that month.
PETICIONES = {("call_center", 1): 3, ("call_center", 3): 2, ("chat_sonora", 2): 1,
              ("asesoria_juridica", 12): 2, ("gira", 5): 2, ("gira", 6): 1}
ENLACE = "Of. Enlace y Coop. Internacional"
CEAC = "Coordinación Ejecutiva de Atención Ciudadana"
METAS = [
    {"numero": 1, "descripcion": "Organización de Reuniones Internacionales", "area": ENLACE, "unidad": "conteo",
     "periodicidad": "trimestral", "fuente": "manual", "programado": [0, 3, 0, 3], "alcanzado": [0, 3, None, None]},
    {"numero": 2, "descripcion": "Satisfacción de la ciudadanía atendida", "area": CEAC, "unidad": "porcentaje",
     "periodicidad": "trimestral", "fuente": "manual", "programado": [90, 90, 90, 90],
     "alcanzado": [95, None, 85, None]},
    {"numero": 11, "descripcion": "Peticiones atendidas", "area": CEAC, "unidad": "conteo",
     "periodicidad": "mensual", "fuente": "automatica", "regla": {"cuenta": "peticiones", "indicador": 1},
     "programado": [1] * 12},
    {"numero": 12, "descripcion": "Peticiones y seguimientos de giras", "area": CEAC, "unidad": "conteo",
     "periodicidad": "trimestral", "fuente": "automatica", "regla": {"cuenta": "ambos", "indicador": 2},
     "programado": [0, 2, 2, 0]},
    {"numero": 13, "descripcion": "Reportes mensuales de enlace", "area": ENLACE, "unidad": "conteo",
     "periodicidad": "mensual", "fuente": "manual", "programado": [1] * 12, "alcanzado": [1, 1] + [None] * 10},
]


def registrar(servicios: Servicios, actor, canal: str, mes: int, n: int, gira: str | None = None,
              anio: int = ANIO) -> list[str]:
    folios = []
    for i in range(n):
        p = servicios.peticiones.registrar(actor, {
            "fecha_recepcion": f"{anio}-{mes:02d}-{10 + i:02d}T09:30:00", "canal": canal, "tema": "salud",
            "descripcion": f"Petición {canal} {mes}-{i}", "gira": gira,
            "ciudadano": {"nombre": "Ana", "primer_apellido": f"Prueba{mes}{i}", "telefono": f"66210{mes:02d}{i:03d}"}})
        folios.append(p.folio)
    return folios


def sembrar(servicios: Servicios) -> dict:
    """PETICIONES, follow-ups (two in April under Indicador 1, one in July under Indicador 2), one
    annulled petition that must not count, and METAS. Returns the folios by (canal, mes)."""
    bd = servicios.bd
    campo, supervisor = sesion_con_rol(bd, Rol.CAMPO), sesion_con_rol(bd, Rol.SUPERVISOR)
    giras = {mes: servicios.giras.registrar(campo, {"fecha": f"{ANIO}-{mes:02d}-09", "municipio": "Cajeme",
                                                    "evento": f"Gira {mes}"}).clave for mes in (5, 6)}
    folios = {}
    for (canal, mes), n in PETICIONES.items():
        folios[(canal, mes)] = registrar(servicios, campo, canal, mes, n, giras.get(mes) if canal == "gira" else None)
    seguir = servicios.seguimientos.agregar
    seguir(campo, folios[("call_center", 3)][0], {"fecha": f"{ANIO}-04-02T10:00:00", "tipo": "llamada_saliente",
                                                  "resultado": "contesto"})
    seguir(campo, folios[("call_center", 3)][0], {"fecha": f"{ANIO}-04-20T10:00:00", "tipo": "contacto_enlace"})
    seguir(campo, folios[("gira", 5)][0], {"fecha": f"{ANIO}-07-01T10:00:00", "tipo": "visita"})
    anulada = registrar(servicios, campo, "call_center", 1, 1)[0]
    servicios.peticiones.anular(supervisor, anulada, "Duplicada")
    servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": METAS})
    return folios


@pytest.fixture
def servicios(bd_sqlite) -> Servicios:
    return Servicios.de(bd_sqlite)


@pytest.fixture
def supervisor(servicios):
    return sesion_con_rol(servicios.bd, Rol.SUPERVISOR)


@pytest.fixture
def administrador(servicios):
    return sesion_con_rol(servicios.bd, Rol.ADMIN)


def capturista(servicios: Servicios, rol: Rol, area: str | None):
    """A user of `rol` whose area of metas an admin set in Usuarios."""
    sesion = sesion_con_rol(servicios.bd, rol)
    jefa = servicios.usuarios.autenticar("admin", CONTRASENA)
    servicios.usuarios.editar(jefa, sesion.nombre, sesion.nombre_completo, area=area)
    return sesion


@pytest.fixture
def folios(servicios) -> dict:
    return sembrar(servicios)


@pytest.fixture
def abrir_pagina(qtbot):
    """Builds the page as the main window does (services, session, task runner) and shows it."""
    vivas = []

    def _abrir(servicios, sesion, anio: int = ANIO):
        from oee_desk.ui.pagina_metas import PaginaMetas

        tareas = Tareas(sincrona=True)
        vivas.append(tareas)
        pagina = PaginaMetas(servicios, sesion, tareas)
        qtbot.addWidget(pagina)
        pagina.resize(1280, 800)
        pagina.anio.setValue(anio)
        pagina.show()
        pagina.mostrar()
        return pagina

    return _abrir
