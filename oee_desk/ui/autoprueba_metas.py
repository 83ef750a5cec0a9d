"""The Metas POA page in the self-test (autoprueba.py).

The administrator adds a supervisor and an area's capturer (if missing), and the year's metas are
loaded through the services. Then, as the supervisor: the tally of the year, the records behind its
Total, the report's PDF in the built-in viewer, the metas of the year, a new meta through its
dialog (saved), the capture of a manual meta (saved), the closed months and, when a month can be
closed, the closing's confirmation (not saved). As the capturer: the metas of the year, the only
tab that role has. Every screen is checked as the others are (no exception, no error box).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from ..domain.roles import Rol
from ..services import Servicios
from ..services.sesion import Sesion
from .ventana_principal import VentanaPrincipal

if TYPE_CHECKING:
    from .autoprueba import Recorrido

ENLACE = "Of. Enlace y Coop. Internacional"
CEAC = "Coordinación Ejecutiva de Atención Ciudadana"
PERSONAL = (("supervision", Rol.SUPERVISOR, "Jorge Luis Acosta Romero", None),
            ("enlace", Rol.RECEPCION, "Karla Patricia Durazo Ibarra", ENLACE))
METAS = [
    {"numero": 1, "descripcion": "Organización de Reuniones Internacionales", "area": ENLACE, "unidad": "conteo",
     "periodicidad": "trimestral", "fuente": "manual", "programado": [1, 3, 1, 3]},
    {"numero": 2, "descripcion": "Satisfacción de la ciudadanía atendida", "area": CEAC, "unidad": "porcentaje",
     "periodicidad": "trimestral", "fuente": "manual", "programado": [90, 90, 90, 90]},
    {"numero": 11, "descripcion": "Peticiones atendidas", "area": CEAC, "unidad": "conteo", "periodicidad": "mensual",
     "fuente": "automatica", "regla": {"cuenta": "peticiones", "indicador": 1}, "programado": [40] * 12},
    {"numero": 12, "descripcion": "Peticiones y seguimientos de giras", "area": CEAC, "unidad": "conteo",
     "periodicidad": "trimestral", "fuente": "automatica", "regla": {"cuenta": "ambos", "indicador": 2},
     "programado": [20, 30, 30, 20]},
]


def _tr(texto: str) -> str:
    return QCoreApplication.translate("Autoprueba", texto)


def _errores(dialogo: QWidget) -> str:
    textos = [w.text() for w in dialogo.findChildren(QLabel) if w.property("tipo") == "error" and w.isVisible()]
    return "; ".join(t for t in textos if t) or _tr("no se guardó")


def sembrar(servicios: Servicios, admin: Sesion, contrasena: str, anio: int) -> tuple[Sesion, Sesion]:
    """The supervisor and the capturer (with the area of meta 1), and the year's metas."""
    existentes = {u.nombre: u for u in servicios.usuarios.listar(admin)}
    for nombre, rol, completo, area in PERSONAL:
        if nombre not in existentes:
            servicios.usuarios.agregar(admin, nombre, rol.value, completo, contrasena, contrasena, area=area)
        elif area and existentes[nombre].area != area:
            servicios.usuarios.editar(admin, nombre, existentes[nombre].nombre_completo, area=area)
    supervisor, capturista = (servicios.usuarios.autenticar(n, contrasena) for n, *_ in PERSONAL)
    if not servicios.metas.listar(supervisor, anio):
        servicios.metas.cargar(supervisor, {"anio": anio, "metas": METAS})
    return supervisor, capturista


def recorrer(r: Recorrido, servicios: Servicios, admin: Sesion, contrasena: str) -> Sesion | None:
    """The walk; returns the supervisor, for the walks that follow (the dashboard and reports)."""
    anio = dt.date.today().year
    personal = r.pantalla(None, _tr("Metas POA: personal y metas del año"),
                          lambda: sembrar(servicios, admin, contrasena, anio))
    if not isinstance(personal, tuple):
        return None
    supervisor, capturista = personal
    _como_supervisor(r, servicios, supervisor)
    _como_capturista(r, servicios, capturista)
    return supervisor


def _ventana(r: Recorrido, servicios: Servicios, sesion: Sesion) -> VentanaPrincipal:
    ventana = r.conservar(VentanaPrincipal(servicios, sesion, r.tareas, r.ajustes))
    ventana.resize(*r.tamano)
    ventana.show()
    if not ventana.ir_a_modulo("metas"):
        raise RuntimeError(_tr("el rol no ve el módulo Metas POA"))
    r.esperar()
    return ventana


def _pestana(r: Recorrido, ventana: VentanaPrincipal, nombre: str) -> VentanaPrincipal:
    pagina = ventana.pagina_actual()
    pestana = getattr(pagina, nombre)
    if pestana is None:
        raise RuntimeError(_tr("la página no tiene la pestaña {}").format(nombre))
    pagina.pestanas.setCurrentWidget(pestana)
    if nombre == "informe" and pestana.reporte is None:
        pestana.generar()
    elif nombre != "informe":
        pestana.recargar()
    r.esperar()
    if nombre == "informe" and not pestana.modelos_indicador:
        raise RuntimeError(_tr("el informe POA no muestra sus indicadores"))
    if nombre == "metas" and pestana.modelo.rowCount() == 0:
        raise RuntimeError(_tr("la pestaña de metas no muestra las metas del año"))
    return ventana


# --- as the supervisor -----------------------------------------------------------------------------
def _como_supervisor(r: Recorrido, servicios: Servicios, supervisor: Sesion) -> None:
    ventana = r.pantalla("metas_informe", _tr("Metas POA: informe"),
                         lambda: _pestana(r, _ventana(r, servicios, supervisor), "informe"))
    if ventana is None:
        return
    try:
        pagina = ventana.pagina_actual()
        informe = pagina.informe
        detalle = r.pantalla("metas_detalle", _tr("Metas POA: registros de una cifra"), lambda: _detalle(informe))
        if detalle is not None:
            detalle.close()
        visor = r.pantalla("metas_visor", _tr("Metas POA: informe en PDF"), lambda: _visor(r, informe))
        if visor is not None:
            visor.close()
        r.pantalla("metas_definicion", _tr("Metas POA: metas del año"), lambda: _pestana(r, ventana, "metas"))
        nueva = r.pantalla("meta_nueva", _tr("Nueva meta"), lambda: _nueva(pagina.metas))
        if nueva is not None:
            r.pantalla(None, _tr("Nueva meta: guardar"), lambda: _guardar(r, pagina.metas, nueva, 21))
        captura = r.pantalla("metas_captura", _tr("Capturar avance"), lambda: _captura(pagina.metas))
        if captura is not None:
            r.pantalla(None, _tr("Capturar avance: guardar"), lambda: _guardar(r, pagina.metas, captura, 1))
        r.pantalla("metas_cierres", _tr("Metas POA: cierres de mes"), lambda: _pestana(r, ventana, "cierres"))
        if pagina.cierres.siguiente is not None:  # none in January: no month of the year has ended
            cierre = r.pantalla("cerrar_mes", _tr("Cerrar mes"), pagina.cierres.cerrar_mes)
            if cierre is not None:
                cierre.reject()  # the walk does not close the office's months
    finally:
        r.cerrar(ventana)


def _detalle(informe) -> QWidget:
    modelo = informe.modelos_indicador[0]
    total = modelo.index(modelo.rowCount() - 1, modelo.columnCount() - 1)
    dialogo = informe.abrir_detalle(modelo.celda(total))
    if dialogo is None:
        raise RuntimeError(_tr("la cifra total no abrió sus registros"))
    return dialogo


def _visor(r: Recorrido, informe) -> QWidget:
    informe.ver_pdf()
    r.esperar()
    if informe.visor is None:
        raise RuntimeError(_tr("«Ver PDF» no abrió el visor"))
    documento = informe.visor.visor.documento
    r.esperar_hasta(lambda: documento.pageCount() > 0, asentar=0.3)  # QtPdf paints in a thread of its own
    return informe.visor


def _nueva(panel) -> QWidget:
    dialogo = panel.nueva()
    if dialogo is None:
        raise RuntimeError(_tr("«Nueva meta…» no abrió el diálogo"))
    dialogo.numero.setValue(21)
    dialogo.descripcion.setPlainText("Visitas de seguimiento a peticiones de giras")
    dialogo.area.setCurrentText(CEAC)
    for campo, valor in zip(dialogo.valores, (5, 10, 10, 5)):
        campo.setValue(valor)
    return dialogo


def _captura(panel) -> QWidget:
    panel.tabla.selectRow(panel.modelo.buscar(lambda m: m["numero"] == 1))
    dialogo = panel.capturar()
    if dialogo is None:
        raise RuntimeError(_tr("«Capturar avance…» no abrió el diálogo"))
    abiertos = [c for c in dialogo.valores if c.isEnabled()]
    if abiertos:
        abiertos[-1].setValue(2)
    return dialogo


def _guardar(r: Recorrido, panel, dialogo, numero: int) -> None:
    dialogo.guardar()
    r.esperar()
    if shiboken6.isValid(dialogo) and dialogo.isVisible():  # saved, it closes and is deleted
        raise RuntimeError(_errores(dialogo))
    elegida = panel.elegida()
    if elegida is None or elegida["numero"] != numero:
        raise RuntimeError(_tr("la meta {} no quedó elegida en la lista").format(numero))


# --- as an area's capturer -------------------------------------------------------------------------
def _como_capturista(r: Recorrido, servicios: Servicios, capturista: Sesion) -> None:
    ventana = r.pantalla("metas_capturista", _tr("Metas POA (captura de un área)"),
                         lambda: _solo_metas(_pestana(r, _ventana(r, servicios, capturista), "metas")))
    r.cerrar(ventana)


def _solo_metas(ventana: VentanaPrincipal) -> VentanaPrincipal:
    pagina = ventana.pagina_actual()
    if pagina.informe is not None or pagina.cierres is not None:
        raise RuntimeError(_tr("quien captura ve el informe o los cierres"))
    if not pagina.metas.boton_capturar.isVisible():
        raise RuntimeError(_tr("quien captura no tiene «Capturar avance…»"))
    return ventana
