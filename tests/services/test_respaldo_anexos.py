"""Scans travel with backups: a matter's PDF comes back byte for byte, on either engine."""
from __future__ import annotations

import hashlib
import io

import pytest
from reportlab.pdfgen.canvas import Canvas
from test_respaldo import destino_vacio, volcado  # noqa: F401  (fixture and helper shared)

from conftest import CONTRASENA, sesion_con_rol
from oee_desk.domain.roles import Rol
from oee_desk.services.anexos import ServicioAnexos
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.respaldo import respaldar, restaurar
from oee_desk.services.usuarios import ServicioUsuarios


def escaneo() -> bytes:
    salida = io.BytesIO()
    lienzo = Canvas(salida)
    lienzo.drawString(72, 720, "Oficio PM/123/2024 — H. Ayuntamiento de Álamos")
    lienzo.save()
    return salida.getvalue()


@pytest.mark.parametrize("motor_destino", ["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def test_los_escaneos_vuelven_identicos(bd, tmp_path, destino_vacio, motor_destino):  # noqa: F811
    recepcion = sesion_con_rol(bd, Rol.RECEPCION)
    pdf = escaneo()
    oficio = ServicioCorrespondencia(bd).registrar(recepcion, {
        "serie": "03.01", "fecha_recepcion": "2024-03-04T10:15", "remitente": {"nombre": "Lic. Ana Ruiz Félix"},
        "asunto": "Solicitud con escaneo"}, [("oficio.pdf", pdf)])
    admin = ServicioUsuarios(bd).autenticar("admin", CONTRASENA)
    respaldar(bd, admin, tmp_path / "respaldo.zip")
    destino = destino_vacio(motor_destino)
    restaurar(destino, None, tmp_path / "respaldo.zip")
    assert volcado(destino) == volcado(bd)
    recepcion_restaurada = ServicioUsuarios(destino).autenticar("prueba_recepcion", CONTRASENA)
    anexos = ServicioAnexos(destino)
    [anexo] = anexos.de_oficio(recepcion_restaurada, oficio.numero_control)
    contenido = anexos.contenido(recepcion_restaurada, anexo.id).contenido
    assert contenido == pdf and hashlib.sha256(contenido).hexdigest() == anexo.sha256
