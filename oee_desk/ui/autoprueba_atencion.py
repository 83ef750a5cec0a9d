"""The citizen-attention desk in the self-test (autoprueba.py).

After the correspondence desk, the administrator adds an operator (and a supervisor, if missing)
and a small sample is seeded through the services (services/muestra_atencion.py). Then, as the operator: the
Peticiones list with its rows, the Captura tab, the callbacks queue, a petition with its timeline,
the follow-up dialog (saved: the timeline grows), the canalization dialog (saved: an oficio number
appears), the Giras page with a tour's report and the new-tour dialog (saved). As the supervisor:
the annulment dialog. Every screen is checked as the others are (no exception, no error box).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from ..services import Servicios
from ..services.sesion import Sesion
from ..services import muestra_atencion as atencion_muestra
from .atencion_detalle import DialogoPeticion
from ..services.muestra_atencion import MuestraAtencion
from .dialogo_canalizacion import DialogoCanalizacion
from .dialogo_gira import DialogoGira
from .dialogo_seguimiento import DialogoSeguimiento
from .ventana_principal import VentanaPrincipal

if TYPE_CHECKING:
    from .autoprueba import Recorrido


def _tr(texto: str) -> str:
    return QCoreApplication.translate("Autoprueba", texto)


def _errores(dialogo: QWidget) -> str:
    """What a form says is wrong, to explain why a save did not go through."""
    textos = [w.text() for w in dialogo.findChildren(QLabel) if w.property("tipo") == "error" and w.isVisible()]
    return "; ".join(t for t in textos if t) or _tr("no se guardó")


def recorrer(r: Recorrido, servicios: Servicios, admin: Sesion, contrasena: str) -> None:
    m = r.pantalla(None, _tr("Muestra de Atención Ciudadana: personal y peticiones"),
                   lambda: atencion_muestra.sembrar(servicios, admin, contrasena))
    if not isinstance(m, MuestraAtencion):
        return
    _como_operador(r, servicios, m)
    _como_supervisor(r, servicios, m)


def _ventana(r: Recorrido, servicios: Servicios, sesion: Sesion, modulo: str = "atencion") -> VentanaPrincipal:
    ventana = r.conservar(VentanaPrincipal(servicios, sesion, r.tareas, r.ajustes))
    ventana.resize(*r.tamano)
    ventana.show()
    if not ventana.ir_a_modulo(modulo):
        raise RuntimeError(_tr("el rol no ve el módulo {}").format(modulo))
    r.esperar()
    return ventana


def _pestana(r: Recorrido, ventana: VentanaPrincipal, nombre: str) -> VentanaPrincipal:
    pagina = ventana.pagina_actual()
    pestana = getattr(pagina, nombre)
    if pestana is None:
        raise RuntimeError(_tr("la página no tiene la pestaña {}").format(nombre))
    pagina.pestanas.setCurrentWidget(pestana)
    r.esperar()
    filas = {"lista": lambda: pagina.lista.modelo.rowCount(), "llamadas": lambda: pagina.llamadas.modelo.rowCount()}
    if nombre in filas and filas[nombre]() == 0:
        raise RuntimeError(_tr("la pestaña {} no muestra la muestra").format(nombre))
    return ventana


# --- as the operator -----------------------------------------------------------------------------
def _como_operador(r: Recorrido, servicios: Servicios, m: MuestraAtencion) -> None:
    ventana = r.pantalla("atencion", _tr("Atención Ciudadana: peticiones"),
                         lambda: _pestana(r, _ventana(r, servicios, m.operador), "lista"))
    if ventana is None:
        return
    try:
        pagina = ventana.pagina_actual()
        r.pantalla("atencion_captura", _tr("Atención Ciudadana: captura"), lambda: _pestana(r, ventana, "captura"))
        r.pantalla("atencion_llamadas", _tr("Atención Ciudadana: llamadas pendientes"),
                   lambda: _pestana(r, ventana, "llamadas"))
        detalle = r.pantalla("peticion", _tr("Petición: seguimientos"), lambda: _detalle(r, pagina, m.ejemplar))
        if detalle is not None:
            seguimiento = r.pantalla("seguimiento", _tr("Agregar seguimiento"), lambda: _seguimiento(detalle))
            if seguimiento is not None:
                r.pantalla(None, _tr("Agregar seguimiento: guardar"), lambda: _guardar_seguimiento(r, detalle,
                                                                                                 seguimiento))
            canalizacion = r.pantalla("canalizacion", _tr("Canalizar petición"), lambda: _canalizacion(r, detalle))
            if canalizacion is not None:
                r.pantalla("peticion_canalizaciones", _tr("Canalizar petición: guardar"),
                           lambda: _guardar_canalizacion(r, detalle, canalizacion))
            detalle.close()
        r.pantalla("giras", _tr("Giras: reporte por gira"), lambda: _giras(r, ventana))
        nueva = r.pantalla("gira_nueva", _tr("Nueva gira"), lambda: _nueva_gira(r, ventana))
        if nueva is not None:
            r.pantalla(None, _tr("Nueva gira: guardar"), lambda: _guardar_gira(r, ventana, nueva))
    finally:
        r.cerrar(ventana)


def _detalle(r: Recorrido, pagina, folio: str) -> DialogoPeticion:
    dialogo = pagina.abrir_folio(folio)
    r.esperar()
    if dialogo.peticion is None or dialogo.seguimientos.rowCount() == 0 or dialogo.canalizaciones.rowCount() == 0:
        raise RuntimeError(_tr("la petición {} no muestra sus seguimientos y canalizaciones").format(folio))
    return dialogo


def _seguimiento(detalle: DialogoPeticion) -> DialogoSeguimiento:
    dialogo = detalle.agregar_seguimiento()
    if dialogo is None:
        raise RuntimeError(_tr("«Agregar seguimiento…» no abrió el diálogo"))
    dialogo.tipo.setCurrentIndex(dialogo.tipo.findData("llamada_saliente"))
    dialogo.resultado.setCurrentIndex(dialogo.resultado.findData("no_contesto"))
    dialogo.nota.setPlainText("Se marcó dos veces; entra el buzón. Se intentará mañana.")
    return dialogo


def _guardar_seguimiento(r: Recorrido, detalle: DialogoPeticion, dialogo: DialogoSeguimiento) -> None:
    antes = detalle.seguimientos.rowCount()
    dialogo.guardar()
    r.esperar()
    if detalle.seguimientos.rowCount() != antes + 1:
        raise RuntimeError(_errores(dialogo))


def _canalizacion(r: Recorrido, detalle: DialogoPeticion) -> DialogoCanalizacion:
    dialogo = detalle.canalizar()
    if dialogo is None:
        raise RuntimeError(_tr("«Canalizar…» no abrió el diálogo"))
    r.esperar()
    if dialogo.dependencia.count() == 0:
        raise RuntimeError(_tr("el diálogo de canalización no cargó las dependencias"))
    dialogo.elegir_dependencia("ISSSTESON")
    dialogo.nota.setPlainText("La beneficiaria es derechohabiente; se pide valorar la cirugía.")
    return dialogo


def _guardar_canalizacion(r: Recorrido, detalle: DialogoPeticion, dialogo: DialogoCanalizacion) -> QWidget:
    antes = detalle.canalizaciones.rowCount()
    dialogo.guardar()
    r.esperar()
    filas = detalle.canalizaciones.filas()
    if len(filas) != antes + 1 or not filas[-1].numero_oficio:
        raise RuntimeError(_errores(dialogo))
    return detalle  # shown on its Canalizaciones tab, the new oficio number chosen


def _giras(r: Recorrido, ventana: VentanaPrincipal) -> VentanaPrincipal:
    if not ventana.ir_a_modulo("giras"):
        raise RuntimeError(_tr("el rol no ve el módulo Giras"))
    r.esperar()
    pagina = ventana.pagina_actual()
    # The newest tour may have no petitions yet (on demo data it depends on today's date): show one that has.
    fila = pagina.modelo.buscar(lambda g: g.peticiones > 0)
    if fila > 0:
        pagina.tabla.selectRow(fila)
        r.esperar()
    if fila < 0 or pagina.panel.por_tema.rowCount() == 0:
        raise RuntimeError(_tr("la página de giras no muestra las giras de muestra y su reporte"))
    return ventana


def _nueva_gira(r: Recorrido, ventana: VentanaPrincipal) -> DialogoGira:
    dialogo = ventana.pagina_actual().nueva_gira()
    if dialogo is None:
        raise RuntimeError(_tr("«Nueva gira…» no abrió el diálogo"))
    r.esperar()
    dialogo.municipio.setEditText("Álamos")
    dialogo.localidad.setText("Plaza de Armas")
    dialogo.evento.setText("Reunión con productores de la región")
    return dialogo


def _guardar_gira(r: Recorrido, ventana: VentanaPrincipal, dialogo: DialogoGira) -> None:
    dialogo.guardar()
    r.esperar()
    if dialogo.resultado is None:
        raise RuntimeError(_errores(dialogo))
    elegida = ventana.pagina_actual().elegida()
    if elegida is None or elegida.clave != dialogo.resultado.clave:
        raise RuntimeError(_tr("la gira nueva no quedó elegida en la lista"))


# --- as the supervisor ---------------------------------------------------------------------------
def _como_supervisor(r: Recorrido, servicios: Servicios, m: MuestraAtencion) -> None:
    ventana = r.pantalla(None, _tr("Atención Ciudadana (Supervisión)"),
                         lambda: _pestana(r, _ventana(r, servicios, m.supervisor), "lista"))
    if ventana is None:
        return
    try:
        r.pantalla("anular_peticion", _tr("Anular petición"), lambda: _anular(r, ventana.pagina_actual(), m.pendiente))
    finally:
        r.cerrar(ventana)


def _anular(r: Recorrido, pagina, folio: str) -> QWidget:
    detalle = pagina.abrir_folio(folio)
    r.esperar()
    dialogo = detalle.anular()
    if dialogo is None:
        raise RuntimeError(_tr("la supervisión no puede anular la petición {}").format(folio))
    dialogo.editor("motivo").setText("El ciudadano pidió retirar su petición.")
    return dialogo
