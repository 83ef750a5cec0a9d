"""The desk's table models pass Qt's model tester and paint the semáforo, read without a window
through `model.data(model.index(…))`, on both engines."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from oee_desk.services.lista_peticiones import FiltroPeticiones
from oee_desk.ui.atencion_modelos import (
    COL_SEMAFORO, ModeloCanalizaciones, ModeloLlamadas, ModeloPeticiones, ModeloSeguimientos,
)
from oee_desk.ui.correspondencia_comun import COLORES, FONDOS
from oee_desk.ui.tareas import Tareas

from conftest_atencion import operador, peticion, servicios, supervisor  # noqa: F401


@pytest.mark.qt_log_level_fail("WARNING")  # the C++ model tester reports through qWarning
@pytest.mark.parametrize("en_python", [False, True])
def test_modelo_de_peticiones_pasa_qtmodeltester_y_pinta_el_semaforo(qtmodeltester, servicios, operador, supervisor,
                                                                     en_python):
    for i in range(130):
        p = peticion(servicios, operador, tema="salud", telefono=f"66280{i:05d}", dias_atras=30 if i % 4 == 0 else 0)
    servicios.peticiones.anular(supervisor, p.folio, "prueba")
    modelo = ModeloPeticiones(Tareas(sincrona=True))
    modelo.reiniciar(lambda d, n: servicios.lista_peticiones.pagina(operador, FiltroPeticiones(), desde_fila=d,
                                                                    limite=n))
    assert modelo.rowCount() == 100 and modelo.canFetchMore(QModelIndex())
    qtmodeltester.check(modelo, force_py=en_python)  # it fetches the rest itself
    assert modelo.rowCount() == 130 and not modelo.canFetchMore(QModelIndex())

    luces = {}
    for f in range(modelo.rowCount()):
        indice = modelo.index(f, COL_SEMAFORO)
        luces.setdefault(modelo.data(indice), (modelo.data(indice, Qt.ItemDataRole.ForegroundRole),
                                               modelo.data(indice, Qt.ItemDataRole.BackgroundRole)))
    assert set(luces) == {"", "En tiempo", "Vencido"}  # the annulled one has no light
    assert luces["Vencido"] == (COLORES["vencido"], FONDOS["vencido"])
    assert luces["En tiempo"] == (COLORES["en_tiempo"], FONDOS["en_tiempo"])
    anulada = next(f for f in range(modelo.rowCount()) if modelo.fila(f).estatus == "anulada")
    assert modelo.data(modelo.index(anulada, 0), Qt.ItemDataRole.FontRole).strikeOut()
    assert modelo.data(modelo.index(anulada, COL_SEMAFORO), Qt.ItemDataRole.BackgroundRole) is None


@pytest.mark.qt_log_level_fail("WARNING")
def test_modelos_de_una_peticion_y_de_la_cola_pasan_qtmodeltester(qtmodeltester, servicios, operador):
    p = peticion(servicios, operador, canalizacion={"tipo": "dependencia", "destino": "SSP"}, dias_atras=4)
    ayer = dt.datetime.now() - dt.timedelta(days=1)
    servicios.seguimientos.agregar(operador, p.folio, {"tipo": "llamada_saliente", "resultado": "no_contesto",
                                                       "fecha": ayer, "nota": "Buzón.\nSe reintenta."})
    servicios.seguimientos.agregar(operador, p.folio, {"tipo": "contacto_enlace", "nota": "El enlace confirma"})
    datos = servicios.peticiones.obtener(operador, p.folio)

    seguimientos = ModeloSeguimientos()
    seguimientos.poner_filas(datos.seguimientos)
    qtmodeltester.check(seguimientos)
    assert [seguimientos.data(seguimientos.index(f, 1)) for f in range(2)] == ["Llamada saliente",
                                                                              "Contacto con enlace"]
    assert seguimientos.data(seguimientos.index(0, 2)) == "No contestó"
    assert seguimientos.data(seguimientos.index(0, 4)) == "Buzón. Se reintenta."  # one line in the cell
    assert seguimientos.data(seguimientos.index(0, 4), Qt.ItemDataRole.ToolTipRole) == "Buzón.\nSe reintenta."

    canalizaciones = ModeloCanalizaciones()
    canalizaciones.poner_filas(datos.canalizaciones)
    qtmodeltester.check(canalizaciones)
    assert canalizaciones.data(canalizaciones.index(0, 3)) == datos.canalizaciones[0].numero_oficio

    llamadas = ModeloLlamadas()
    llamadas.poner_filas(servicios.seguimientos.llamadas_pendientes(operador, hoy=dt.date.today() + dt.timedelta(days=9)))
    qtmodeltester.check(llamadas)
    assert llamadas.rowCount() == 1 and llamadas.data(llamadas.index(0, 2)) == p.folio
    assert llamadas.data(llamadas.index(0, 1), Qt.ItemDataRole.ForegroundRole) == COLORES["vencido"]
