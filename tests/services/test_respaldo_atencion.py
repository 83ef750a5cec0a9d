"""Backup and restore carry Atención Ciudadana whole: citizens (one merged into a later one),
petitions, follow-ups, the personal-data log, and the citizen search index."""
from __future__ import annotations

import pytest
from conftest import sesion_con_rol
from sqlalchemy import update

from oee_desk.db.modelos_atencion import Ciudadano
from oee_desk.domain.roles import Rol
from oee_desk.services.ciudadanos import ServicioCiudadanos
from oee_desk.services.peticiones import ServicioPeticiones
from oee_desk.services.respaldo import respaldar, restaurar
from oee_desk.services.seguimientos import ServicioSeguimientos

from test_respaldo import destino_vacio, volcado  # noqa: F401


def _peticion(nombre: str, telefono: str) -> dict:
    return {"fecha_recepcion": "2022-03-01T10:15:00", "canal": "call_center", "tema": "vivienda",
            "descripcion": "Solicita apoyo; =HYPERLINK(\"x\")",
            "ciudadano": {"nombre": nombre, "primer_apellido": "Peña", "telefono": telefono, "municipio": "26030",
                          "acepta_aviso_privacidad": True}}


@pytest.mark.parametrize("motor_destino", ["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def test_ida_y_vuelta_con_peticiones_y_un_ciudadano_fusionado(bd, admin, tmp_path, destino_vacio, motor_destino):
    operadora = sesion_con_rol(bd, Rol.ATENCION)
    peticiones = ServicioPeticiones(bd)
    primera = peticiones.registrar(operadora, _peticion("Íñigo", "6621112233"))
    segunda = peticiones.registrar(operadora, _peticion("Iñigo", "6621112233"))
    ServicioSeguimientos(bd).agregar(operadora, primera.folio, {"tipo": "llamada_saliente", "resultado": "buzon",
                                                                "fecha": "2022-03-02T09:00:00"})
    ServicioCiudadanos(bd).obtener(operadora, primera.ciudadano.id)  # a row in the personal-data log
    # The older citizen points at the newer one: in key order the reference goes forward.
    with bd.escritura(admin) as s:
        s.execute(update(Ciudadano).where(Ciudadano.id == primera.ciudadano.id)
                  .values(fusionado_en=segunda.ciudadano.id))
    archivo = tmp_path / "respaldo.zip"
    respaldar(bd, admin, archivo)
    original = volcado(bd)

    destino = destino_vacio(motor_destino)
    restaurar(destino, None, archivo)

    assert volcado(destino) == original
    assert len(original["peticiones"]) == 2 and len(original["seguimientos"]) == 1
    assert len(original["accesos_datos_personales"]) == 1
    # The search index was rebuilt from the restored rows: the live citizen is found, the merged one is not.
    encontrados = ServicioCiudadanos(destino).buscar(sesion_con_rol(destino, Rol.ATENCION), "inigo pena")
    assert [c.id for c in encontrados] == [segunda.ciudadano.id]
