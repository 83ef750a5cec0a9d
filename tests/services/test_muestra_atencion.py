"""The sample Atención Ciudadana work used by the selftest, the screenshots and the demo."""
from __future__ import annotations

from conftest import CONTRASENA

from oee_desk.services import Servicios
from oee_desk.services.lista_peticiones import FiltroPeticiones
from oee_desk.services.muestra_atencion import PETICIONES, sembrar


def test_la_muestra_deja_cada_pantalla_con_algo_que_ver(bd, admin):
    servicios = Servicios.de(bd)
    m = sembrar(servicios, admin, CONTRASENA)

    lista = servicios.lista_peticiones
    assert lista.contar(m.supervisor) == len(PETICIONES) == len(m.folios)
    assert {"recibida", "canalizada", "en_seguimiento", "concluida", "anulada"} <= \
        {f.estatus for f in lista.pagina(m.supervisor)}
    assert all(lista.contar(m.supervisor, FiltroPeticiones(gira=g)) for g in m.giras)
    pendientes = servicios.seguimientos.llamadas_pendientes(m.operador)
    assert m.pendiente in [p.folio for p in pendientes]
    ejemplar = servicios.peticiones.obtener(m.operador, m.ejemplar)
    assert ejemplar.seguimientos and any(c.numero_oficio for c in ejemplar.canalizaciones)
