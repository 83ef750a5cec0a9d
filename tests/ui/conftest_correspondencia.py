"""Fixtures and helpers of the correspondence desk's GUI tests (test_correspondencia_ui.py and the
others of the desk). A module of its own, as conftest_admin.py explains."""
from __future__ import annotations

import io
import uuid
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from reportlab.pdfgen.canvas import Canvas

from oee_desk.domain.roles import Rol
from oee_desk.services import Servicios
from oee_desk.ui import documentos_pdf
from oee_desk.ui.ajustes import Ajustes
from oee_desk.ui.tareas import Tareas

from conftest import sesion_con_rol


def pdf(texto: str = "Oficio de prueba", paginas: int = 2) -> bytes:
    salida = io.BytesIO()
    lienzo = Canvas(salida)
    for n in range(paginas):
        lienzo.drawString(72, 720, f"{texto} — página {n + 1}")
        lienzo.showPage()
    lienzo.save()
    return salida.getvalue()


def png() -> bytes:
    salida = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 180, 150)).save(salida, "PNG")
    return salida.getvalue()


def oficio(**cambios) -> dict:
    datos = {"serie": "03.01", "remitente": {"nombre": "Lic. Ana Ruiz Félix", "institucion": "H. Ayuntamiento de Álamos"},
             "numero_oficio_remitente": f"PM/{uuid.uuid4().hex[:8]}",
             "asunto": "Solicitud de apoyo para la rehabilitación del mercado municipal"}
    datos.update(cambios)
    return datos


def escribir(qtbot, campo, texto: str) -> None:
    """Type as a user would; QTest only types ASCII, so accents are inserted as pasted text."""
    campo.clear()
    if texto.isascii():
        qtbot.keyClicks(campo, texto)
    elif isinstance(campo, QPlainTextEdit):
        campo.insertPlainText(texto)
    elif isinstance(campo, QLineEdit):
        campo.insert(texto)


@pytest.fixture
def servicios(bd) -> Servicios:
    return Servicios.de(bd)


@pytest.fixture
def recepcion(servicios):
    return sesion_con_rol(servicios.bd, Rol.RECEPCION)


@pytest.fixture
def supervisor(servicios):
    return sesion_con_rol(servicios.bd, Rol.SUPERVISOR)


@pytest.fixture
def impresos(monkeypatch) -> list[Path]:
    """PDFs «printed» (opened in the system viewer) during the test; no viewer is started."""
    abiertos: list[Path] = []
    monkeypatch.setattr(documentos_pdf, "abrir_externo", lambda ruta: abiertos.append(Path(ruta)) or True)
    return abiertos


@pytest.fixture
def abrir_pagina(qtbot, tmp_path):
    """Builds a page as the main window does (services, session, task runner) and shows it."""
    vivas = []

    def _abrir(clase, servicios, sesion, **extra):
        tareas = Tareas(sincrona=True)
        vivas.append(tareas)
        if clase.__name__ == "PaginaCorrespondencia":
            extra.setdefault("ajustes", Ajustes(tmp_path / f"ajustes-{len(vivas)}.ini"))
        pagina = clase(servicios, sesion, tareas, **extra)
        qtbot.addWidget(pagina)
        pagina.resize(1280, 800)
        pagina.show()
        pagina.mostrar()
        return pagina

    return _abrir


def textos(modelo, columna: int) -> list[str]:
    return [modelo.data(modelo.index(fila, columna)) for fila in range(modelo.rowCount())]
