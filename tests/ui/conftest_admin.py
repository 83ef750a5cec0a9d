"""Fixtures and helpers of the admin pages' tests (tests/ui/test_paginas_admin.py)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QSpinBox

from oee_desk.services import Servicios
from oee_desk.ui.tareas import Tareas

from conftest import CONTRASENA


@pytest.fixture
def servicios(bd_sqlite) -> Servicios:
    return Servicios.de(bd_sqlite)


@pytest.fixture
def jefa(servicios):
    return servicios.usuarios.autenticar("admin", CONTRASENA)


@pytest.fixture
def abrir(qtbot):
    """Builds a page as the main window does (services, session, task runner) and shows it."""
    vivas = []

    def _abrir(clase, servicios, sesion):
        tareas = Tareas(sincrona=True)
        pagina = clase(servicios, sesion, tareas)
        vivas.append(tareas)
        qtbot.addWidget(pagina)
        pagina.resize(1200, 760)
        pagina.show()
        pagina.mostrar()
        return pagina

    return _abrir


def columna(pagina, numero: int) -> list[str]:
    modelo = pagina.modelo
    return [modelo.data(modelo.index(fila, numero)) for fila in range(modelo.rowCount())]


def encabezados(modelo) -> list[str]:
    return [modelo.headerData(c, Qt.Orientation.Horizontal) for c in range(modelo.columnCount())]


def seleccionar(pagina, predicado) -> None:
    fila = pagina.modelo.buscar(predicado)
    assert fila >= 0
    pagina.tabla.selectRow(fila)


def escribir(qtbot, dialogo, valores: dict) -> None:
    for clave, valor in valores.items():
        editor = dialogo.editor(clave)
        if isinstance(editor, QLineEdit):
            editor.clear()
            if valor.isascii():  # QTest types ASCII only; accents go in as pasted text
                qtbot.keyClicks(editor, valor)
            else:
                editor.insert(valor)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(valor))
        elif isinstance(editor, QSpinBox):
            editor.setValue(valor)
        elif isinstance(editor, QDateEdit):
            editor.setDate(valor)


def guardar(qtbot, dialogo) -> None:
    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
