"""The sample Atención Ciudadana work used by the selftest, the screenshots and the demo."""
from __future__ import annotations

import datetime as dt

from conftest import CONTRASENA, sesion_con_rol

from oee_desk.domain.roles import Rol
from oee_desk.services.giras import ServicioGiras
from oee_desk.services.lista_peticiones import FiltroPeticiones, ServicioListaPeticiones
from oee_desk.services.muestra_atencion import crear_operadores, sembrar_atencion
from oee_desk.services.seguimientos import ServicioSeguimientos


def test_la_muestra_deja_cada_pantalla_con_algo_que_ver(bd, admin):
    operadora, campo = crear_operadores(bd, admin, CONTRASENA)
    supervisor = sesion_con_rol(bd, Rol.SUPERVISOR)
    hoy = dt.date(2026, 11, 20)
    m = sembrar_atencion(bd, operadora, campo, supervisor, hoy=hoy)

    lista = ServicioListaPeticiones(bd)
    assert lista.contar(supervisor) == 9
    assert {f.estatus for f in lista.pagina(supervisor)} == {"canalizada", "recibida", "en_seguimiento",
                                                             "concluida", "anulada"}
    assert [f.folio for f in lista.pagina(supervisor, FiltroPeticiones(gira=m.gira))] == m.folios[-1:-4:-1]
    pendientes = ServicioSeguimientos(bd).llamadas_pendientes(operadora, hoy=hoy)
    assert [p.folio for p in pendientes] == [m.pendiente_llamada]
    assert ServicioGiras(bd).obtener(supervisor, m.gira).peticiones == 2  # the annulled one does not count
