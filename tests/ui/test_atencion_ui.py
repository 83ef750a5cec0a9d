"""Atención Ciudadana's page through its screens, on both engines: the Peticiones list's filters,
search, paging and sorting in SQL; the callbacks queue; the Captura tab and what follows a capture.

Every page runs with `Tareas(sincrona=True)`: a click does its database work in place.
"""
from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import QDate, QModelIndex, QPoint, Qt

from oee_desk.services.plazos import ServicioPlazos
from oee_desk.ui.atencion_modelos import COL_ESTATUS, COL_SEMAFORO
from oee_desk.ui.pagina_atencion import PaginaAtencion

from conftest_atencion import (  # noqa: F401
    abrir_pagina, campo, escribir, folios, gira, operador, peticion, servicios, supervisor, textos,
)

IZQ = Qt.MouseButton.LeftButton


def lista(qtbot, abrir_pagina, servicios, sesion):
    pagina = abrir_pagina(PaginaAtencion, servicios, sesion)
    pagina.pestanas.setCurrentWidget(pagina.lista)
    return pagina, pagina.lista


def elegir(combo, dato) -> None:
    indice = combo.findData(dato)
    assert indice >= 0, dato
    combo.setCurrentIndex(indice)


def esperar_filas(qtbot, l, esperados: list[str]) -> None:
    qtbot.waitUntil(lambda: sorted(folios(l.modelo)) == sorted(esperados), timeout=3000)


# --- filters ----------------------------------------------------------------------------------------
def test_los_filtros_filtran_en_sql(qtbot, abrir_pagina, servicios, operador, supervisor):
    g = gira(servicios, operador, municipio="26042")
    salud = peticion(servicios, operador, canal="call_center", tema="salud", municipio="26030", dias_atras=20)
    vivienda = peticion(servicios, operador, canal="correspondencia", tema="vivienda", municipio="26018",
                        nombre="María Guadalupe", apellido="Soto Félix", telefono="6441122334", dias_atras=2)
    de_gira = peticion(servicios, operador, canal="gira", gira=g.clave, tema="empleo", municipio="26030")
    servicios.peticiones.canalizar(operador, vivienda.folio, {"tipo": "dependencia", "destino": "COVES"})
    pagina, l = lista(qtbot, abrir_pagina, servicios, operador)
    assert sorted(folios(l.modelo)) == sorted([salud.folio, vivienda.folio, de_gira.folio])
    assert l.estado.text() == "3 peticiones"
    f = l.filtros

    elegir(f.canal, "correspondencia")
    esperar_filas(qtbot, l, [vivienda.folio])
    assert l.estado.text() == "1 petición (1 filtro activo)"
    elegir(f.canal, None)
    elegir(f.tema, "salud")
    esperar_filas(qtbot, l, [salud.folio])
    elegir(f.tema, None)
    elegir(f.estatus, "canalizada")
    esperar_filas(qtbot, l, [vivienda.folio])
    assert textos(l.modelo, COL_ESTATUS) == ["Canalizada"]
    elegir(f.estatus, None)
    elegir(f.municipio, "26042")  # Navojoa: where the gira was, not where the citizen lives
    esperar_filas(qtbot, l, [de_gira.folio])
    elegir(f.municipio, None)
    elegir(f.gira, g.clave)
    esperar_filas(qtbot, l, [de_gira.folio])
    elegir(f.gira, None)
    f.vencidas.setChecked(True)  # 20 days ago, a 5-business-day topic
    esperar_filas(qtbot, l, [salud.folio])
    assert textos(l.modelo, COL_SEMAFORO) == ["Vencido"]
    f.vencidas.setChecked(False)
    desde = dt.date.today() - dt.timedelta(days=5)
    f.desde.setDate(QDate(desde.year, desde.month, desde.day))
    f.usar_desde.setChecked(True)
    esperar_filas(qtbot, l, [vivienda.folio, de_gira.folio])
    hasta = dt.date.today() - dt.timedelta(days=1)
    f.hasta.setDate(QDate(hasta.year, hasta.month, hasta.day))
    f.usar_hasta.setChecked(True)
    esperar_filas(qtbot, l, [vivienda.folio])
    l.limpiar_filtros()
    esperar_filas(qtbot, l, [salud.folio, vivienda.folio, de_gira.folio])

    # The operator, chosen or typed by hand (supervision sees the list of operators).
    peticion(servicios, operador, tema="educacion")
    pagina_sup, ls = lista(qtbot, abrir_pagina, servicios, supervisor)
    assert ls.filtros.operador.findData(operador.nombre) >= 0
    ls.filtros.operador.setEditText("nadie")
    ls.filtros.operador.lineEdit().editingFinished.emit()
    esperar_filas(qtbot, ls, [])
    ls.filtros.operador.setEditText(operador.nombre)
    ls.filtros.operador.lineEdit().editingFinished.emit()
    qtbot.waitUntil(lambda: ls.modelo.rowCount() == 4)


def test_el_buscador_busca_con_pausa_y_intro_abre_un_folio(qtbot, abrir_pagina, servicios, operador):
    jose = peticion(servicios, operador, nombre="José Ramón", apellido="Valenzuela Ochoa", telefono="6621234567")
    maria = peticion(servicios, operador, nombre="María", apellido="Soto Félix", telefono="6441122334")
    pagina, l = lista(qtbot, abrir_pagina, servicios, operador)
    escribir(qtbot, l.buscador, "soto")  # waits for the pause: one search, accent- and case-free
    esperar_filas(qtbot, l, [maria.folio])
    assert l.estado.text() == "1 petición (1 filtro activo)"
    escribir(qtbot, l.buscador, "6621234567")
    esperar_filas(qtbot, l, [jose.folio])
    qtbot.keyClick(l.buscador, Qt.Key.Key_Return)  # a phone, not a folio: the search stays, nothing opens
    assert pagina.dialogo_peticion is None and l.tabla.hasFocus()  # into the results, to pick one
    l.buscador.setFocus()
    escribir(qtbot, l.buscador, maria.folio.lower())
    qtbot.keyClick(l.buscador, Qt.Key.Key_Return)
    assert pagina.dialogo_peticion is not None and pagina.dialogo_peticion.folio == maria.folio
    assert pagina.dialogo_peticion.valores["nombre"].text() == "María Soto Félix"


def test_la_lista_carga_al_bajar_y_ordena_en_sql(qtbot, abrir_pagina, servicios, operador):
    for i in range(230):
        peticion(servicios, operador, tema="salud" if i % 3 else "vivienda", telefono=f"66290{i:05d}")
    pagina, l = lista(qtbot, abrir_pagina, servicios, operador)
    assert l.modelo.rowCount() == 100 and "Mostrando 100 de 230" in l.estado.text()
    l.tabla.scrollToBottom()
    qtbot.waitUntil(lambda: l.modelo.rowCount() == 200)
    l.tabla.scrollToBottom()
    qtbot.waitUntil(lambda: l.modelo.rowCount() == 230)
    assert not l.modelo.canFetchMore(QModelIndex()) and l.estado.text() == "230 peticiones"
    numeros = [int(f.split("-")[2]) for f in folios(l.modelo)]
    assert sorted(numeros, reverse=True) == numeros and len(set(numeros)) == 230  # newest first, each once

    encabezado = l.tabla.horizontalHeader()
    clic_columna = lambda c: qtbot.mouseClick(encabezado.viewport(), IZQ,  # noqa: E731
                                              pos=QPoint(encabezado.sectionViewportPosition(c) + 8, 8))
    clic_columna(0)
    assert l.filtro().orden == "folio" and l.modelo.rowCount() == 100
    primero = int(l.modelo.fila(0).folio.split("-")[2])
    assert primero == (230 if l.filtro().descendente else 1)
    clic_columna(0)
    assert int(l.modelo.fila(0).folio.split("-")[2]) == 231 - primero  # the other way round, from SQL
    clic_columna(2)  # the citizen's name: no order in SQL, the arrow goes back
    assert l.filtro().orden == "folio" and encabezado.sortIndicatorSection() == 0
    clic_columna(5)
    assert l.filtro().orden == "estatus"


def test_enter_o_doble_clic_abren_la_peticion(qtbot, abrir_pagina, servicios, operador):
    viejo = peticion(servicios, operador, dias_atras=3)
    nuevo = peticion(servicios, operador)
    pagina, l = lista(qtbot, abrir_pagina, servicios, operador)
    assert folios(l.modelo) == [nuevo.folio, viejo.folio]
    pagina.activateWindow()
    qtbot.waitUntil(pagina.isActiveWindow)
    l.tabla.setFocus()
    l.tabla.selectRow(1)
    qtbot.keyClick(l.tabla, Qt.Key.Key_Return)
    assert pagina.dialogo_peticion.folio == viejo.folio
    pagina.dialogo_peticion.close()
    rect = l.tabla.visualRect(l.modelo.index(0, 0))
    qtbot.mouseClick(l.tabla.viewport(), IZQ, pos=rect.center())  # QTest's double click lacks the press
    qtbot.mouseDClick(l.tabla.viewport(), IZQ, pos=rect.center())
    assert pagina.dialogo_peticion.folio == nuevo.folio


# --- the callbacks queue ----------------------------------------------------------------------------
def test_no_contesto_pone_la_peticion_en_la_cola_del_siguiente_dia_habil(qtbot, abrir_pagina, servicios, operador,
                                                                         supervisor):
    p = peticion(servicios, operador)
    pagina = abrir_pagina(PaginaAtencion, servicios, operador)
    cola = pagina.llamadas
    assert cola.modelo.rowCount() == 0 and cola.estado.text() == "No hay llamadas pendientes."

    detalle = pagina.abrir_folio(p.folio)
    dialogo = detalle.agregar_seguimiento()
    dialogo.tipo.setCurrentIndex(dialogo.tipo.findData("llamada_saliente"))
    dialogo.resultado.setCurrentIndex(dialogo.resultado.findData("no_contesto"))
    assert "siguiente día hábil" in dialogo.pista.text()
    dialogo.guardar()
    siguiente = ServicioPlazos(servicios.bd).fecha_limite(supervisor, 1)  # the office's calendar
    assert detalle.valores["proxima"].text() == siguiente.strftime("%d/%m/%Y")
    detalle.close()  # closed: the lists are read again

    assert cola.modelo.rowCount() == 0  # not due today
    cola.hoy = siguiente
    cola.recargar()
    assert [x.folio for x in cola.modelo.filas()] == [p.folio]
    assert textos(cola.modelo, 1) == ["Hoy"] and pagina.pestanas.tabText(2) == "Llamadas pendientes (1)"
    cola.hoy = siguiente + dt.timedelta(days=3)
    cola.recargar()
    assert textos(cola.modelo, 1) == ["3 días"] and "1 atrasada" in cola.estado.text()

    pagina.pestanas.setCurrentWidget(cola)
    pagina.activateWindow()
    qtbot.waitUntil(pagina.isActiveWindow)
    cola.tabla.setFocus()
    cola.tabla.selectRow(0)
    qtbot.keyClick(cola.tabla, Qt.Key.Key_Return)
    assert pagina.dialogo_peticion.folio == p.folio


def test_solo_las_mias(qtbot, abrir_pagina, servicios, operador, campo):
    mia = peticion(servicios, operador)
    ajena = peticion(servicios, campo)
    manana = dt.date.today() + dt.timedelta(days=1)
    for sesion, p in ((operador, mia), (campo, ajena)):
        servicios.seguimientos.agregar(sesion, p.folio, {"tipo": "llamada_saliente", "resultado": "contesto",
                                                          "proxima_llamada": manana})
    cola = abrir_pagina(PaginaAtencion, servicios, operador).llamadas
    cola.hoy = manana
    cola.recargar()
    assert cola.solo_mias.isChecked() and [x.folio for x in cola.modelo.filas()] == [mia.folio]
    cola.solo_mias.setChecked(False)
    assert sorted(x.folio for x in cola.modelo.filas()) == sorted([mia.folio, ajena.folio])
    assert sorted(textos(cola.modelo, 6)) == sorted([operador.nombre, campo.nombre])


# --- the Captura tab ---------------------------------------------------------------------------------
def test_captura_solo_para_quien_registra_y_refresca_las_listas(qtbot, abrir_pagina, servicios, operador,
                                                                 supervisor):
    pagina = abrir_pagina(PaginaAtencion, servicios, operador)
    assert pagina.pestanas.tabText(0) == "Captura" and pagina.pestanas.currentIndex() == 0
    assert pagina.lista.modelo.rowCount() == 0
    nueva = peticion(servicios, operador)
    pagina.captura.registrada.emit(nueva)  # as the form does after saving
    assert folios(pagina.lista.modelo) == [nueva.folio]

    sup = abrir_pagina(PaginaAtencion, servicios, supervisor)
    assert sup.captura is None and [sup.pestanas.tabText(i) for i in range(sup.pestanas.count())] == [
        "Peticiones", "Llamadas pendientes"]
    assert folios(sup.lista.modelo) == [nueva.folio]


def test_sin_el_formulario_de_captura_la_pagina_sigue(qtbot, abrir_pagina, servicios, operador, monkeypatch):
    monkeypatch.setitem(sys.modules, "oee_desk.ui.captura_peticion", None)  # the import fails
    p = peticion(servicios, operador)
    pagina = abrir_pagina(PaginaAtencion, servicios, operador)
    assert pagina.pestanas.tabText(0) == "Captura"
    assert "no está disponible" in " ".join(w.text() for w in pagina.captura.findChildren(type(pagina.lista.estado)))
    assert folios(pagina.lista.modelo) == [p.folio]


def test_ctrl_f_va_al_buscador_sin_pisar_el_de_la_captura(qtbot, abrir_pagina, servicios, operador):
    pagina = abrir_pagina(PaginaAtencion, servicios, operador)
    pagina.activateWindow()
    qtbot.waitUntil(pagina.isActiveWindow)
    pagina.pestanas.setCurrentWidget(pagina.llamadas)
    pagina.llamadas.tabla.setFocus()
    qtbot.keyClick(pagina.llamadas.tabla, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pagina.pestanas.currentWidget() is pagina.lista and pagina.lista.buscador.hasFocus()
    pagina.pestanas.setCurrentWidget(pagina.captura)
    pagina.captura.descripcion.setFocus()
    qtbot.keyClick(pagina.captura.descripcion, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pagina.pestanas.currentWidget() is pagina.captura  # the form's own Ctrl+F, not ambiguous
    assert pagina.captura.buscador.campo.hasFocus()
