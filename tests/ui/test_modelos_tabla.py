"""The table models alone: formatting, paging, late and repeated pages, pytest-qt's model tester."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QModelIndex, Qt

from oee_desk.ui.modelos_tabla import Columna, ModeloFilas, ModeloPaginado
from oee_desk.ui.tareas import Tareas


@dataclass(frozen=True)
class Fila:
    id: int
    nombre: str
    cuando: dt.date | None = None
    activo: bool = True


COLUMNAS = [Columna("Número", lambda f: f.id, numerica=True), Columna("Nombre", lambda f: f.nombre),
            Columna("Fecha", lambda f: f.cuando), Columna("Activo", lambda f: f.activo)]


class TareasDiferidas:
    """Holds the work until `correr()`: pages arriving late, as from the thread pool."""

    def __init__(self):
        self.pendientes = []

    def ejecutar(self, funcion, *args, al_terminar=None, al_fallar=None, **kwargs):
        self.pendientes.append((funcion, args, kwargs, al_terminar, al_fallar))

    def correr(self):
        funcion, args, kwargs, al_terminar, al_fallar = self.pendientes.pop(0)
        try:
            resultado = funcion(*args, **kwargs)
        except Exception as e:  # noqa: BLE001
            al_fallar(e)
        else:
            al_terminar(resultado)


@pytest.mark.qt_log_level_fail("WARNING")  # the C++ tester reports through qWarning
@pytest.mark.parametrize("en_python", [False, True])
def test_modelo_filas_pasa_qtmodeltester(qtmodeltester, en_python):
    modelo = ModeloFilas(COLUMNAS, atenuar=lambda f: not f.activo)
    modelo.poner_filas([Fila(1, "Ana", dt.date(2024, 5, 1)), Fila(2, "Beto", None, False)])
    qtmodeltester.check(modelo, force_py=en_python)
    assert [modelo.data(modelo.index(0, c)) for c in range(4)] == ["1", "Ana", "01/05/2024", "Sí"]
    assert modelo.data(modelo.index(1, 2)) == "" and modelo.data(modelo.index(1, 3)) == "No"
    assert modelo.data(modelo.index(1, 1), Qt.ItemDataRole.ForegroundRole) is not None
    assert modelo.data(modelo.index(0, 1), Qt.ItemDataRole.ForegroundRole) is None
    assert modelo.data(modelo.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is not None
    modelo.poner_filas([Fila(i, f"n{i}") for i in range(30)])  # the tester watches the reset too
    modelo.poner_columnas(COLUMNAS[:2])
    assert modelo.columnCount() == 2 and modelo.rowCount() == 0


@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.parametrize("en_python", [False, True])
def test_modelo_paginado_pasa_qtmodeltester(qtmodeltester, en_python):
    datos = [Fila(i, f"fila {i}") for i in range(450)]
    llamadas = []

    def cargar(desde, limite):
        llamadas.append((desde, limite))
        return datos[desde:desde + limite]

    modelo = ModeloPaginado(COLUMNAS, Tareas(sincrona=True), tam_pagina=200, identidad=lambda f: f.id)
    modelo.reiniciar(cargar)
    qtmodeltester.check(modelo, force_py=en_python)
    while modelo.canFetchMore(QModelIndex()):
        modelo.fetchMore(QModelIndex())
    assert modelo.rowCount() == 450 and llamadas == [(0, 200), (200, 200), (400, 200)]
    modelo.reiniciar(None)
    assert modelo.rowCount() == 0 and not modelo.canFetchMore(QModelIndex())


def test_modelo_paginado_descarta_paginas_viejas_y_repetidas(qtbot):
    # No model tester here: it calls fetchMore on every signal, which would queue pages of its own.
    datos = [Fila(i, f"fila {i}") for i in range(300)]
    tareas = TareasDiferidas()
    modelo = ModeloPaginado(COLUMNAS, tareas, tam_pagina=100, identidad=lambda f: f.id)
    modelo.reiniciar(lambda d, n: datos[d:d + n])
    assert modelo.cargando and not modelo.canFetchMore(QModelIndex())  # one request at a time
    modelo.reiniciar(lambda d, n: datos[::-1][d:d + n])  # a new filter before the page arrived
    tareas.correr()  # the old filter's page: dropped
    tareas.correr()
    assert modelo.rowCount() == 100 and modelo.fila(0).id == 299

    # Two rows are logged at the top while the user reads: the next offset page repeats two rows.
    datos = [Fila(1000, "nueva"), Fila(1001, "nueva"), *datos]
    modelo.reiniciar(lambda d, n: datos[d:d + n])
    tareas.correr()
    datos.insert(0, Fila(1002, "más nueva"))
    modelo.fetchMore(QModelIndex())
    tareas.correr()
    ids = [f.id for f in modelo.filas()]
    assert len(ids) == len(set(ids)) == 199  # 200 read, the repeated one skipped


def test_modelo_paginado_informa_el_fallo_y_deja_de_pedir(qtbot):
    modelo = ModeloPaginado(COLUMNAS, Tareas(sincrona=True), tam_pagina=10)

    def falla(desde, limite):
        raise RuntimeError("sin conexión")

    with qtbot.waitSignal(modelo.fallo) as senal:
        modelo.reiniciar(falla)
    assert str(senal.args[0]) == "sin conexión"
    assert not modelo.canFetchMore(QModelIndex()) and modelo.rowCount() == 0
