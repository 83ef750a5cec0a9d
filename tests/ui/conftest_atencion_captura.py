"""Fixtures and helpers of the call-center intake's GUI tests (test_captura_peticion.py). A module
of its own, as conftest_admin.py explains: imported by name, not collected by pytest."""
from __future__ import annotations

from typing import Any, Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select

from oee_desk.db.modelos_atencion import AccesoDatosPersonales, Ciudadano, Peticion
from oee_desk.domain.roles import Rol
from oee_desk.services import Servicios
from oee_desk.ui.captura_peticion import CapturaPeticion
from oee_desk.ui.tareas import Tareas

from conftest import sesion_con_rol

TELEFONO_REPETIDO = "6621234567"


@pytest.fixture
def servicios(bd) -> Servicios:
    return Servicios.de(bd)


@pytest.fixture
def servicios_sqlite(bd_sqlite) -> Servicios:
    """For what does not depend on the engine: the widget's own behaviour."""
    return Servicios.de(bd_sqlite)


def sesiones(servicios: Servicios, rol: Rol):
    return sesion_con_rol(servicios.bd, rol)


def llamante_repetido(servicios: Servicios, operador) -> Any:
    """A citizen who already called twice, and a namesake with another phone (the history must
    not mix them up)."""
    for telefono, temas in ((TELEFONO_REPETIDO, ("vivienda", "empleo")), ("6449998877", ("salud",))):
        c = servicios.ciudadanos.crear(operador, {
            "nombre": "José María", "primer_apellido": "Valenzuela", "segundo_apellido": "Ochoa",
            "telefono": telefono, "municipio": "26030", "acepta_aviso_privacidad": True}).ciudadano
        for tema in temas:
            servicios.peticiones.registrar(operador, {"canal": "chat_sonora", "ciudadano_id": str(c.id),
                                                      "tema": tema, "descripcion": f"Petición anterior de {tema}"})
        if telefono == TELEFONO_REPETIDO:
            repetido = c
    return servicios.ciudadanos.obtener(operador, repetido.id)


def contar(servicios: Servicios, modelo) -> int:
    with servicios.bd.motor.connect() as c:
        return c.execute(select(func.count()).select_from(modelo.__table__)).scalar_one()


def vistas_registradas(servicios: Servicios, ciudadano_id, detalle: str) -> int:
    """Rows of the personal-data log for that citizen with that reason."""
    t = AccesoDatosPersonales.__table__
    with servicios.bd.motor.connect() as c:
        return c.execute(select(func.count()).select_from(t).where(
            t.c.ciudadano_id == ciudadano_id, t.c.detalle == detalle)).scalar_one()


def contar_ciudadanos(servicios: Servicios) -> int:
    return contar(servicios, Ciudadano)


def contar_peticiones(servicios: Servicios) -> int:
    return contar(servicios, Peticion)


class Teclado:
    """Keys go where a real keyboard sends them: to the open popup if any (a completer's list),
    else to the widget with the focus. Every key is counted."""

    def __init__(self, qtbot, ventana: QWidget):
        self.qtbot, self.ventana = qtbot, ventana
        self.pulsaciones = 0

    def foco(self) -> QWidget | None:
        """The widget with the keyboard focus. The offscreen platform leaves a completer's closed
        list as the active window, where a desktop gives the activation back to the form."""
        if QApplication.activePopupWidget() is None and QApplication.activeWindow() is not self.ventana:
            self.ventana.activateWindow()
            assert QTest.qWaitForWindowActive(self.ventana)
        return QApplication.focusWidget()

    def destino(self):
        destino = QApplication.activePopupWidget() or self.foco()
        assert destino is not None, "nada tiene el foco del teclado"
        return destino

    def escribir(self, texto: str) -> None:
        assert texto.isascii(), "QTest solo escribe ASCII"
        for letra in texto:
            QTest.keyClicks(self.destino(), letra)
            self.pulsaciones += 1
        self._asentar()

    def tecla(self, tecla: Qt.Key, modificadores=Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.destino(), tecla, modificadores)
        self.pulsaciones += 1
        self._asentar()

    def _asentar(self) -> None:
        """Let a popup that just closed hand the activation back before the test goes on: the
        offscreen platform does it through the event loop, late, and may then move the focus."""
        QApplication.processEvents()
        self.foco()


class TareasDiferidas(Tareas):
    """A runner that keeps each job until the test runs it, in the order the test chooses: to
    make an older search answer after a newer one."""

    def __init__(self):
        super().__init__(sincrona=True)
        self.pendientes: list[tuple[Callable[[], None], str]] = []

    def ejecutar(self, funcion, *args, al_terminar=None, al_fallar=None, al_progresar=None, **kwargs):
        nombre = getattr(funcion, "__name__", "")

        def correr():
            super(TareasDiferidas, self).ejecutar(funcion, *args, al_terminar=al_terminar, al_fallar=al_fallar,
                                                  **kwargs)

        self.pendientes.append((correr, nombre))

    def correr(self, indice: int) -> None:
        trabajo, _ = self.pendientes.pop(indice)
        trabajo()

    def correr_todas(self) -> None:
        while self.pendientes:
            self.correr(0)


@pytest.fixture
def abrir_captura(qtbot):
    """The widget as the Atención Ciudadana page embeds it, shown in an active window so that the
    keyboard reaches it; the catalogs already loaded."""

    def _abrir(servicios, sesion, tareas: Tareas | None = None) -> CapturaPeticion:
        tareas = tareas or Tareas(sincrona=True)
        captura = CapturaPeticion(servicios, sesion, tareas)
        captura._tareas_de_prueba = tareas  # kept alive as long as the widget
        qtbot.addWidget(captura)
        captura.resize(1050, 640)
        captura.show()
        captura.activateWindow()
        assert QTest.qWaitForWindowActive(captura)
        if isinstance(tareas, TareasDiferidas):
            tareas.correr_todas()
        qtbot.waitUntil(lambda: len(captura.canal.botones) == 9)
        return captura

    return _abrir


def buscar(qtbot, captura: CapturaPeticion, texto: str) -> None:
    """Type into the search box and wait for the debounced search's answer."""
    captura.buscador.campo.setFocus()
    qtbot.keyClicks(captura.buscador.campo, texto)
    qtbot.waitUntil(lambda: captura.buscador.al_dia)
