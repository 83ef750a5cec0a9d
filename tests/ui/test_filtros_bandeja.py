"""The bandeja's filter bar: every filter whole at the window's smallest width, in two rows when wide."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from oee_desk.ui.filtros_bandeja import BarraFiltros


@pytest.fixture
def barra(qtbot):
    ventana = QWidget()
    capa = QVBoxLayout(ventana)
    barra = BarraFiltros(ventana)
    capa.addWidget(barra)
    capa.addStretch(1)
    qtbot.addWidget(ventana)
    ventana.show()
    qtbot.waitExposed(ventana)
    return ventana, barra


def _filas(barra: BarraFiltros) -> int:
    return len({c.mapTo(barra, c.rect().topLeft()).y() for c in barra.findChildren(QComboBox)})


@pytest.mark.parametrize("ancho, filas", [(1040, 2), (660, 3)])  # page width at 1280 and 900 px; rows of lists
def test_ningun_filtro_queda_recortado(qtbot, barra, ancho, filas):
    ventana, barra = barra
    ventana.resize(ancho, 400)
    qtbot.waitUntil(lambda: barra.width() <= ancho)
    for combo in barra.findChildren(QComboBox):
        assert combo.width() >= combo.sizeHint().width(), combo.objectName()
        esquina = combo.mapTo(ventana, combo.rect().bottomRight())
        assert esquina.x() <= ventana.width() and esquina.y() <= barra.mapTo(ventana, barra.rect().bottomLeft()).y()
    assert _filas(barra) == filas
