"""Fixtures and helpers of the citizen-attention desk's GUI tests (test_atencion_*.py and
test_giras_ui.py). A module of its own, as conftest_admin.py explains; the page builder, the
services and the «printed» PDFs come from the correspondence desk's (conftest_correspondencia.py)."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from oee_desk.domain.roles import Rol
from oee_desk.services.lista_peticiones import FiltroPeticiones
from oee_desk.ui.atencion_detalle import DialogoPeticion
from oee_desk.ui.tareas import Tareas

from conftest import sesion_con_rol
from conftest_correspondencia import abrir_pagina, escribir, impresos, servicios, supervisor, textos  # noqa: F401

_telefonos = itertools.count(6621000001)


@pytest.fixture
def operador(servicios):
    return sesion_con_rol(servicios.bd, Rol.ATENCION)


@pytest.fixture
def campo(servicios):
    return sesion_con_rol(servicios.bd, Rol.CAMPO)


@pytest.fixture
def administrador(servicios):
    return sesion_con_rol(servicios.bd, Rol.ADMIN)


def peticion(servicios, sesion, *, canal: str = "call_center", tema: str = "salud", nombre: str = "José Ramón",
             apellido: str = "Valenzuela Ochoa", telefono: str | None = None, municipio: str = "26030",
             gira: str | None = None, descripcion: str = "Solicita apoyo con medicamentos para su madre.",
             dias_atras: int = 0, **extra):
    """Register one petition through the service, as the capture form would."""
    recibida = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=dias_atras, minutes=5)
    primero, _, segundo = apellido.partition(" ")
    datos = {"canal": canal, "tema": tema, "descripcion": descripcion, "fecha_recepcion": recibida, "gira": gira,
             "ciudadano": {"nombre": nombre, "primer_apellido": primero, "segundo_apellido": segundo or None,
                           "telefono": telefono or str(next(_telefonos)), "municipio": municipio,
                           "acepta_aviso_privacidad": True}}
    datos.update(extra)
    return servicios.peticiones.registrar(sesion, datos)


def gira(servicios, sesion, *, municipio: str = "26018", dias_atras: int = 3, evento: str = "Entrega de apoyos"):
    return servicios.giras.registrar(sesion, {"fecha": dt.date.today() - dt.timedelta(days=dias_atras),
                                              "municipio": municipio, "localidad": "Esperanza", "evento": evento})


def folios(modelo) -> list[str]:
    return [f.folio for f in modelo.filas()]


def abrir_detalle(qtbot, servicios, sesion, folio: str) -> DialogoPeticion:
    dialogo = DialogoPeticion(servicios, sesion, Tareas(sincrona=True), folio)
    qtbot.addWidget(dialogo)
    dialogo.show()
    assert dialogo.peticion is not None and dialogo.peticion.folio == folio
    return dialogo


def cajas_de_error() -> list[str]:
    """The error boxes on screen (closed once read, so the next check starts clean)."""
    textos_ = []
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.objectName() == "cajaError" and w.isVisible():
            textos_.append(w.text())
            w.close()
    return textos_


def todas(servicios, sesion, **filtro) -> list[str]:
    return [f.folio for f in servicios.lista_peticiones.pagina(sesion, FiltroPeticiones(**filtro), limite=1000)]
