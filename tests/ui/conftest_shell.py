"""Fixtures of the application shell's tests (tests/ui/test_shell.py).

A module of its own rather than tests/ui/conftest.py: a second conftest.py outside a package would
take the name `conftest` from tests/conftest.py, which the UI tests import helpers from.
"""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from oee_desk.services import Servicios, conexion
from oee_desk.ui.ajustes import Ajustes
from oee_desk.ui.tareas import Tareas


@pytest.fixture
def tareas(qapp) -> Tareas:
    return Tareas(sincrona=True)


@pytest.fixture
def ajustes(tmp_path, qapp) -> Ajustes:
    return Ajustes(tmp_path / "ajustes.ini")


@pytest.fixture
def servicios(bd_sqlite) -> Servicios:
    return Servicios.de(bd_sqlite)


@pytest.fixture
def bd_sin_usuarios(tmp_path):
    """What a first start finds: migrated, default catalogs loaded, nobody to sign in."""
    bd = conexion.abrir(f"sqlite:///{(tmp_path / 'nueva.db').as_posix()}")
    assert conexion.preparar(bd) is False
    yield bd
    bd.cerrar()


def escribir(qtbot, campo: QLineEdit, texto: str) -> None:
    """Type as a user would; QTest only types ASCII, so accents are inserted as pasted text."""
    campo.clear()
    if texto.isascii():
        qtbot.keyClicks(campo, texto)
    else:
        campo.insert(texto)


def visibles(dialogo, clase) -> list:
    return [w for w in dialogo.findChildren(clase) if w.isVisible()]
