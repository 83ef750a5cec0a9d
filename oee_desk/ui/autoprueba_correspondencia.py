"""The correspondence desk in the self-test (autoprueba.py).

Once the administrator exists, they add a reception clerk and a supervisor and a small sample is
seeded through the services (services/muestra.py). Then, as the clerk: the bandeja with its rows,
the registration form empty and filled, the control number it gives, the turn dialog (saved, as
the clerk would), a matter's Turnos and Anexos tabs with its scan shown, the answer dialog (saved),
and the status report generated. As the supervisor: the matter's Historia tab. Every screen is
checked as the others are (no exception, no error box) and closed afterwards.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QWidget

from ..domain.semaforo import Estado
from ..services import Servicios, muestra
from ..services.muestra import Muestra
from ..services.sesion import Sesion
from .dialogo_oficio import DialogoOficio
from .dialogo_registro import DialogoRegistro
from .dialogo_respuesta import DialogoRespuesta
from .dialogo_turnar import DialogoTurnar
from .ventana_principal import VentanaPrincipal

if TYPE_CHECKING:
    from .autoprueba import Recorrido

PERIODO_REPORTE = dt.timedelta(days=60)  # the sample spans five weeks


def _tr(texto: str) -> str:
    return QCoreApplication.translate("Autoprueba", texto)


def _errores(dialogo: QWidget) -> str:
    """What a form says is wrong, to explain why a save did not go through."""
    textos = [w.text() for w in dialogo.findChildren(QLabel) if w.property("tipo") == "error" and w.isVisible()]
    return "; ".join(t for t in textos if t) or _tr("no se guardó")


def sembrar(r: Recorrido, servicios: Servicios, admin: Sesion, contrasena: str) -> tuple | None:
    def hacer():
        recepcion, supervisor = muestra.crear_personal(servicios.bd, admin, contrasena)
        return recepcion, supervisor, muestra.sembrar_correspondencia(servicios.bd, recepcion, supervisor)

    return r.pantalla(None, _tr("Muestra de correspondencia: personal y asuntos"), hacer)


def recorrer(r: Recorrido, servicios: Servicios, recepcion: Sesion, supervisor: Sesion, m: Muestra) -> None:
    if m.ejemplar is None:
        r.fallas.append(_tr("Muestra de correspondencia: ningún asunto con escaneo y turnos"))
        return
    _como_recepcion(r, servicios, recepcion, m.ejemplar)
    _como_supervisor(r, servicios, supervisor, m.ejemplar)


# --- the main window on the bandeja -------------------------------------------------------------
def _ventana(r: Recorrido, servicios: Servicios, sesion: Sesion) -> VentanaPrincipal:
    ventana = r.conservar(VentanaPrincipal(servicios, sesion, r.tareas, r.ajustes))
    ventana.resize(*r.tamano)
    ventana.show()
    if not ventana.ir_a_modulo("correspondencia"):
        raise RuntimeError(_tr("el rol no ve el módulo Correspondencia"))
    r.esperar()
    if ventana.pagina_actual().modelo.rowCount() == 0:
        raise RuntimeError(_tr("la bandeja no muestra los asuntos de muestra"))
    return ventana


# --- as the reception clerk ----------------------------------------------------------------------
def _como_recepcion(r: Recorrido, servicios: Servicios, sesion: Sesion, ejemplar: str) -> None:
    ventana = r.pantalla("correspondencia", _tr("Correspondencia ({})").format(sesion.rol.etiqueta),
                         lambda: _ventana(r, servicios, sesion))
    if ventana is None:
        return
    try:
        pagina = ventana.pagina_actual()
        registro = r.pantalla("registro_vacio", _tr("Registrar correspondencia"), lambda: _registro(r, pagina))
        if registro is not None:
            r.pantalla("registro", _tr("Registrar correspondencia: formulario lleno"), lambda: _llenar(r, registro))
            if r.pantalla("registro_resultado", _tr("Registrar correspondencia: número de control"),
                          lambda: _guardar_registro(r, registro)) is not None:
                turnar = r.pantalla("turnar", _tr("Turnar asunto"), lambda: _turnar(r, pagina, registro))
                if turnar is not None:
                    r.pantalla(None, _tr("Turnar asunto: guardar"), lambda: _guardar_turno(r, pagina, turnar))
        oficio = r.pantalla("oficio_turnos", _tr("Asunto: pestaña Turnos"), lambda: _oficio(r, pagina, ejemplar))
        if oficio is not None:
            r.pantalla("oficio_anexos", _tr("Asunto: pestaña Anexos"), lambda: _anexos(r, oficio))
            respuesta = r.pantalla("respuesta", _tr("Registrar respuesta"), lambda: _respuesta(oficio))
            if respuesta is not None:
                r.pantalla(None, _tr("Registrar respuesta: guardar"), lambda: _guardar_respuesta(r, respuesta))
            oficio.close()
        r.pantalla("reportes", _tr("Reportes: estatus por dependencia"), lambda: _reportes(r, ventana))
    finally:
        r.cerrar(ventana)


def _registro(r: Recorrido, pagina) -> DialogoRegistro:
    dialogo = pagina.registrar()
    if dialogo is None:
        raise RuntimeError(_tr("el botón «Registrar…» no abrió el formulario"))
    r.esperar()
    if dialogo.serie.count() == 0 or dialogo.tipo_documento.count() == 0:
        raise RuntimeError(_tr("el formulario no cargó los catálogos"))
    return dialogo


def _llenar(r: Recorrido, d: DialogoRegistro) -> DialogoRegistro:
    hoy = dt.date.today()
    documento = hoy - dt.timedelta(days=3)
    numero = f"PMH/0198/{documento.year}"
    d.nombre.setText("Profr. Ernesto Gámez Lugo")
    d.cargo.setText("Presidente Municipal")
    d.institucion.setText("H. Ayuntamiento de Huatabampo")
    d.numero_oficio.setText(numero)
    d.fecha_documento.setDate(QDate(documento.year, documento.month, documento.day))
    asunto = "Solicitud de apoyo para construir un aula y rehabilitar la techumbre de la telesecundaria de Etchoropo."
    d.asunto.setPlainText(asunto)
    escaneo = r.carpeta / "escaner" / f"{numero.replace('/', '-')}.pdf"
    escaneo.parent.mkdir(exist_ok=True)
    escaneo.write_bytes(muestra.escaneo_pdf("H. Ayuntamiento de Huatabampo", numero, "Huatabampo, Sonora", documento,
                                            "C. Gobernador Constitucional del Estado de Sonora", asunto,
                                            "Profr. Ernesto Gámez Lugo", "Presidente Municipal"))
    d.anexos.agregar([str(escaneo)])
    d.serie_documental.setCurrentIndex(max(0, d.serie_documental.findData("OEE-03.01")))
    d.nombre.setFocus()
    return d


def _guardar_registro(r: Recorrido, d: DialogoRegistro) -> DialogoRegistro:
    d.guardar()
    r.esperar()
    if d.caja_duplicados is not None:
        raise RuntimeError(_tr("el asunto de prueba se tomó por duplicado"))
    if d.resultado is None or d.pila.currentWidget() is not d.panel:
        raise RuntimeError(_errores(d))
    return d


def _turnar(r: Recorrido, pagina, registro: DialogoRegistro) -> DialogoTurnar:
    registro.panel.boton_turnar.click()  # «Turnar ahora»: the form closes, the turn dialog opens
    r.esperar()
    dialogo = pagina.dialogo_turnar
    if dialogo is None or not dialogo.isVisible():
        raise RuntimeError(_tr("«Turnar ahora» no abrió el diálogo de turno"))
    if not dialogo.filas or dialogo.filas[0].dependencia.count() == 0:
        raise RuntimeError(_tr("el diálogo de turno no cargó las dependencias"))
    dialogo.filas[0].poner({"dependencia": "ISIE", "rol": "responsable", "instruccion": "atencion_procedente",
                            "plazo_dias_habiles": 10, "nota": "Antes del inicio del ciclo escolar"})
    dialogo.agregar_fila({"dependencia": "SEC", "rol": "apoyo", "instruccion": "atencion_y_seguimiento",
                          "plazo_dias_habiles": 15})
    return dialogo


def _guardar_turno(r: Recorrido, pagina, dialogo: DialogoTurnar) -> None:
    numero, turnados = dialogo.numero, []
    dialogo.turnado.connect(turnados.append)
    dialogo.turnar()
    r.esperar()
    if not turnados:
        raise RuntimeError(_errores(dialogo))
    abierto = pagina.dialogo_oficio  # turned, the matter opens to print the volante
    if abierto is None or abierto.numero != numero:
        raise RuntimeError(_tr("el asunto turnado no se abrió"))
    abierto.close()


def _oficio(r: Recorrido, pagina, numero: str) -> DialogoOficio:
    dialogo = pagina.abrir_numero(numero)
    r.esperar()
    if dialogo.oficio is None or dialogo.turnos.modelo.rowCount() == 0:
        raise RuntimeError(_tr("el asunto {} no muestra sus turnos").format(numero))
    return dialogo


def _anexos(r: Recorrido, d: DialogoOficio) -> DialogoOficio:
    d.pestanas.setCurrentWidget(d.anexos)
    r.esperar()
    if d.anexos.modelo.rowCount() == 0:
        raise RuntimeError(_tr("el asunto no muestra su escaneo"))
    d.anexos.tabla.selectRow(0)
    d.anexos.ver()
    r.esperar()
    visor = d.anexos.visor
    r.esperar_hasta(lambda: visor.documento.status() in (QPdfDocument.Status.Ready, QPdfDocument.Status.Error))
    if not visor.es_pdf() or visor.documento.pageCount() == 0:
        raise RuntimeError(_tr("el visor no mostró el PDF"))
    d.grab()  # the view asks for its pages when painted; they are drawn in a thread of their own
    r.esperar_hasta(lambda: True, asentar=0.5)
    return d


def _respuesta(d: DialogoOficio) -> DialogoRespuesta:
    d.pestanas.setCurrentWidget(d.turnos)
    fila = d.turnos.modelo.buscar(lambda t: t.semaforo.estado is not Estado.ATENDIDO)
    if fila < 0:
        raise RuntimeError(_tr("el asunto no tiene turnos abiertos"))
    d.turnos.tabla.selectRow(fila)
    d.turnos.responder()
    dialogo = d.turnos.dialogo
    if not isinstance(dialogo, DialogoRespuesta):
        raise RuntimeError(_tr("«Registrar respuesta…» no abrió el diálogo"))
    turno = d.turnos.modelo.fila(fila)
    dialogo.tipo.setCurrentIndex(dialogo.tipo.findData("respuesta"))
    dialogo.numero_oficio.setText(f"{turno.dependencia}/0542/{dt.date.today().year}")
    dialogo.resumen.setPlainText("Se incluyó la solicitud en el programa del semestre; se informará al municipio "
                                 "del avance.")
    return dialogo


def _guardar_respuesta(r: Recorrido, dialogo: DialogoRespuesta) -> None:
    respondidos = []
    dialogo.respondido.connect(respondidos.append)
    dialogo.guardar()
    r.esperar()
    if not respondidos:
        raise RuntimeError(_errores(dialogo))


def _reportes(r: Recorrido, ventana: VentanaPrincipal) -> VentanaPrincipal:
    if not ventana.ir_a_modulo("reportes"):
        raise RuntimeError(_tr("el rol no ve el módulo Reportes"))
    pagina = ventana.pagina_actual()
    desde = dt.date.today() - PERIODO_REPORTE
    pagina.desde.setDate(QDate(desde.year, desde.month, desde.day))
    pagina.generar()
    r.esperar()
    if pagina.reporte is None or pagina.modelo.rowCount() == 0:
        raise RuntimeError(_tr("el reporte no tiene dependencias"))
    filas = pagina.modelo.filas()  # the agency most behind, so that its pending turnos show below
    atrasada = max(range(len(filas)), key=lambda i: (filas[i].vencidos, filas[i].sin_atender))
    pagina.tabla.selectRow(atrasada)
    pagina.tabla.scrollTo(pagina.modelo.index(atrasada, 0))
    return ventana


# --- as the supervisor ---------------------------------------------------------------------------
def _como_supervisor(r: Recorrido, servicios: Servicios, sesion: Sesion, ejemplar: str) -> None:
    ventana = r.pantalla(None, _tr("Correspondencia ({})").format(sesion.rol.etiqueta),
                         lambda: _ventana(r, servicios, sesion))
    if ventana is None:
        return
    try:
        r.pantalla("historia", _tr("Asunto: pestaña Historia"), lambda: _historia(r, ventana.pagina_actual(), ejemplar))
        # The supervisor's corrections, opened and checked but not saved: the sample stays as it is.
        r.pantalla("anular", _tr("Asunto: anular número (supervisión)"),
                   lambda: _formulario(r, _oficio(r, ventana.pagina_actual(), ejemplar), "anular"))
        # An answered turn is not reassigned: the sample's one is answered by the clerk's walk.
        r.pantalla("reasignar", _tr("Turno: reasignar (supervisión)"),
                   lambda: _formulario(r, _oficio(r, ventana.pagina_actual(),
                                                  _con_turno_abierto(r, ventana.pagina_actual())), "reasignar"))
        r.pantalla("deshacer", _tr("Turno: deshacer (supervisión)"),
                   lambda: _formulario(r, _oficio(r, ventana.pagina_actual(), ejemplar), "deshacer"))
    finally:
        r.cerrar(ventana)


def _con_turno_abierto(r: Recorrido, pagina) -> str:
    """A matter of the bandeja whose responsible turn is still owed."""
    fila = pagina.modelo.buscar(lambda f: not f.anulado and f.estado in ("sin_atender", "en_proceso"))
    if fila < 0:
        raise RuntimeError(_tr("la bandeja no tiene asuntos con turnos pendientes"))
    return pagina.modelo.fila(fila).numero_control


def _historia(r: Recorrido, pagina, numero: str) -> DialogoOficio:
    dialogo = _oficio(r, pagina, numero)
    if dialogo.historia is None:
        raise RuntimeError(_tr("la supervisión no ve la pestaña Historia"))
    dialogo.pestanas.setCurrentWidget(dialogo.historia)
    r.esperar()
    if dialogo.historia.modelo.rowCount() == 0:
        raise RuntimeError(_tr("la historia del asunto está vacía"))
    return dialogo


def _formulario(r: Recorrido, d: DialogoOficio, accion: str) -> QWidget:
    """Open one of the supervisor's forms (Anular, Reasignar, Deshacer) over the matter's dialog."""
    if accion == "anular":
        dialogo = d.anular()
    else:
        d.pestanas.setCurrentWidget(d.turnos)
        fila = d.turnos.modelo.buscar(lambda t: t.semaforo.estado is not Estado.ATENDIDO)
        d.turnos.tabla.selectRow(max(fila, 0))
        getattr(d.turnos, accion)()
        r.esperar()
        dialogo = d.turnos.dialogo
    if dialogo is None or not dialogo.isVisible():
        raise RuntimeError(_tr("la supervisión no pudo abrir «{}»").format(accion))
    return dialogo
