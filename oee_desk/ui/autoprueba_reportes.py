"""The supervisor's dashboard and reports in the self-test (autoprueba.py).

As the supervisor the Metas POA walk created: Inicio with its dashboard computed, and each tab of
Reportes generated over the year so far. Every screen is checked as the others are (no exception,
no error box); a dashboard or a report that shows nothing fails.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate

from ..services import Servicios
from ..services.sesion import Sesion
from .ventana_principal import VentanaPrincipal

if TYPE_CHECKING:
    from .autoprueba import Recorrido


def _tr(texto: str) -> str:
    return QCoreApplication.translate("Autoprueba", texto)


def recorrer(r: Recorrido, servicios: Servicios, supervisor: Sesion) -> None:
    ventana = r.pantalla("inicio_supervision", _tr("Inicio de supervisión (tablero)"),
                         lambda: _tablero(r, servicios, supervisor))
    if ventana is None:
        return
    try:
        if not ventana.ir_a_modulo("reportes"):
            r.fallas.append(_tr("Reportes: la supervisión no ve el módulo"))
            return
        pagina = ventana.pagina_actual()
        for nombre, titulo in (("peticiones", _tr("peticiones por tema, municipio y canal")),
                               ("tiempos", _tr("tiempos de respuesta")), ("giras", _tr("giras del periodo"))):
            r.pantalla(f"reportes_{nombre}", _tr("Reportes: {}").format(titulo),
                       lambda nombre=nombre: _generar(r, ventana, pagina, getattr(pagina, nombre)))
    finally:
        r.cerrar(ventana)


def _tablero(r: Recorrido, servicios: Servicios, sesion: Sesion) -> VentanaPrincipal:
    ventana = r.conservar(VentanaPrincipal(servicios, sesion, r.tareas, r.ajustes))
    ventana.resize(*r.tamano)
    ventana.show()
    ventana.ir_a_modulo("inicio")
    r.esperar()
    if ventana.pagina_actual().tablero.datos is None:
        raise RuntimeError(_tr("el tablero no mostró sus cifras"))
    return ventana


def _generar(r: Recorrido, ventana: VentanaPrincipal, pagina, pestana) -> VentanaPrincipal:
    if pestana is None:
        raise RuntimeError(_tr("la supervisión no ve esta pestaña"))
    pagina.pestanas.setCurrentWidget(pestana)
    pestana.desde.setDate(QDate(dt.date.today().year, 1, 1))
    pestana.generar()
    r.esperar()
    if pestana.reporte is None:
        raise RuntimeError(_tr("el reporte no se generó"))
    return ventana
