"""The bandeja's page as the list shows it: each row's overdue and due-soon responsible turns (its
semáforo), in every order and direction, page after page, on both engines: the same as reading the
matters and their turnos and counting by hand."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from oee_desk.db.modelos_correspondencia import Oficio, Turno
from oee_desk.services.bandeja import ORDENES, FiltroBandeja, ServicioBandeja
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.turnos import ServicioTurnos

from conftest import sesion_con_rol
from test_correspondencia import oficio

ABIERTOS = ("sin_atender", "en_proceso")


def _turno(dependencia: str, plazo: int, rol: str = "responsable") -> dict:
    return {"dependencia": dependencia, "rol": rol, "instruccion": "atencion_procedente", "plazo_dias_habiles": plazo}


@pytest.fixture
def cargada(bd):
    """Matters with two open responsible turns and a support one, an undone turn, an answered one,
    none at all; different senders, subjects, priorities and dates to sort by."""
    recepcion, supervisor = sesion_con_rol(bd, "recepcion"), sesion_con_rol(bd, "supervisor")
    corr, turnos = ServicioCorrespondencia(bd), ServicioTurnos(bd)
    remitentes = ["Lic. Ana Ruiz Félix", "Ing. Ramón Ibarra", "C. María Peña", "Dr. Juan de la O"]
    numeros = []
    for i in range(9):
        datos = oficio(2021, fecha_recepcion=f"2021-0{1 + i % 6}-{10 + i:02d}T09:00:00", fecha_documento=None,
                       remitente={"nombre": remitentes[i % 4]}, asunto=f"Asunto {'ZYXWVUTSR'[i]} de prueba",
                       prioridad=("normal", "urgente")[i % 2])
        numeros.append(corr.registrar(recepcion, datos).numero_control)
    momento = dt.datetime(2021, 7, 1, 10, 0)
    for i, numero in enumerate(numeros):
        if i % 4 == 0:
            turnos.turnar(recepcion, numero, [_turno("SSP", 5), _turno("SIDUR", 10 + i), _turno("SEC", 3, "apoyo")],
                          momento=momento)
        elif i % 4 == 1:
            turnos.turnar(recepcion, numero, [_turno("SSP", 4 + i), _turno("SIDUR", 8)], momento=momento)
            turnos.deshacer(supervisor, numero, "SSP", "Turnado por error")
        elif i % 4 == 2:
            turnos.turnar(recepcion, numero, [_turno("SSP", 6)], momento=momento)
            turnos.responder(recepcion, numero, {"dependencia": "SSP", "tipo": "respuesta", "fecha": "2021-07-05",
                                                 "numero_oficio": f"SSP/{i}", "resumen": "Atendido"})
    return bd, recepcion


def _a_mano(bd, hoy: dt.date) -> tuple[dict, dict]:
    with bd.lectura() as s:
        oficios = {o.id: o for o in s.scalars(select(Oficio).where(Oficio.anio == 2021))}
        conteos = {i: [0, 0] for i in oficios}
        for t in s.scalars(select(Turno).where(Turno.oficio_id.in_(list(oficios)))):
            if t.cancelado or t.rol != "responsable" or t.estatus not in ABIERTOS:
                continue
            conteos[t.oficio_id][0] += t.fecha_limite < hoy
            conteos[t.oficio_id][1] += t.fecha_alerta <= hoy <= t.fecha_limite
    return oficios, conteos


def test_cada_fila_cuenta_sus_turnos_vencidos_y_por_vencer(cargada):
    bd, recepcion = cargada
    bandeja, vistos = ServicioBandeja(bd), set()
    for dias in range(0, 45, 3):  # from the turn day until every term has run out
        hoy = dt.date(2021, 7, 1) + dt.timedelta(days=dias)
        oficios, conteos = _a_mano(bd, hoy)
        filas = bandeja.pagina(recepcion, FiltroBandeja(anio=2021), limite=100, hoy=hoy)
        assert {f.id: [f.vencidos, f.por_vencer] for f in filas} == conteos, hoy
        vistos |= {(v > 0, p > 0) for v, p in conteos.values()}
    assert {(True, False), (False, True), (True, True), (False, False)} <= vistos  # every case was met


@pytest.mark.parametrize("descendente", [True, False])
@pytest.mark.parametrize("orden", list(ORDENES))
def test_cada_orden_y_pagina_como_a_mano(cargada, orden, descendente):
    bd, recepcion = cargada
    hoy = dt.date(2021, 7, 14)
    oficios, conteos = _a_mano(bd, hoy)
    bandeja, filtro = ServicioBandeja(bd), FiltroBandeja(anio=2021, orden=orden, descendente=descendente)
    columna = ORDENES[orden].key
    esperado = sorted(oficios, key=lambda i: (getattr(oficios[i], columna), i), reverse=descendente)
    completa = bandeja.pagina(recepcion, filtro, limite=100, hoy=hoy)
    assert [f.id for f in completa] == esperado
    paginas = [f for desde in range(0, len(esperado), 4)
               for f in bandeja.pagina(recepcion, filtro, desde_fila=desde, limite=4, hoy=hoy)]
    assert [(f.id, f.vencidos, f.por_vencer) for f in paginas] == \
           [(i, *conteos[i]) for i in esperado]
