"""The supervisor's Inicio: the dashboard's figures once its task finishes, each figure opening its
list with the right filter, and everyone else's Inicio as it was."""
from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QScrollArea

from oee_desk.domain import contrasenas
from oee_desk.domain.roles import Rol
from oee_desk.services.bandeja import FiltroBandeja
from oee_desk.ui.pagina_atencion import PaginaAtencion
from oee_desk.ui.pagina_correspondencia import PaginaCorrespondencia
from oee_desk.ui.pagina_inicio import PaginaInicio
from oee_desk.ui.tablero import VistaTablero
from oee_desk.ui.tareas import Tareas
from oee_desk.ui.ventana_principal import VentanaPrincipal

from conftest import sesion_con_rol
from conftest_atencion import folios, peticion
from conftest_shell import ajustes, servicios, tareas  # noqa: F401

IZQ = Qt.MouseButton.LeftButton
PAGINAS = [PaginaInicio, PaginaCorrespondencia, PaginaAtencion]


@pytest.fixture(autouse=True)
def _argon2_rapido(monkeypatch):
    """Argon2 at its cheapest: nothing here is about passwords."""
    monkeypatch.setattr(contrasenas, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def _ahora() -> dt.datetime:
    """A moment of this month, never in the future (a minute ago, or the 1st at midnight)."""
    ahora = dt.datetime.now().replace(microsecond=0)
    return max(ahora - dt.timedelta(minutes=1), ahora.replace(day=1, hour=0, minute=0, second=0))


@pytest.fixture
def registros(servicios):
    """This month: two petitions by call center and one by chat, plus an annulled one; a matter
    turned today (on time) and one turned 40 days ago, overdue at the SSP; a callback due."""
    operador, supervisor = sesion_con_rol(servicios.bd, Rol.ATENCION), sesion_con_rol(servicios.bd, Rol.SUPERVISOR)
    recepcion = sesion_con_rol(servicios.bd, Rol.RECEPCION)
    momento = _ahora()
    llamadas = [peticion(servicios, operador, fecha_recepcion=momento).folio for _ in range(2)]
    chat = peticion(servicios, operador, canal="chat_sonora", fecha_recepcion=momento).folio
    anulada = peticion(servicios, operador, fecha_recepcion=momento).folio
    servicios.peticiones.anular(supervisor, anulada, "Capturada dos veces")
    servicios.seguimientos.agregar(operador, llamadas[0], {"tipo": "llamada_saliente", "resultado": "contesto",
                                                           "fecha": momento, "proxima_llamada": momento.date()})
    datos = {"serie": "03.01", "remitente": {"nombre": "Lic. Ana Ruiz Félix"}, "asunto": "Apoyo al mercado"}
    hoy_ = servicios.correspondencia.registrar(recepcion, dict(datos, numero_oficio_remitente="PM/1"))
    servicios.turnos.turnar(recepcion, hoy_.numero_control, [{"dependencia": "SEC", "rol": "responsable",
                                                              "instruccion": "atencion_procedente",
                                                              "plazo_dias_habiles": 30}])
    hace_40 = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=40)
    viejo = servicios.correspondencia.registrar(recepcion, dict(datos, numero_oficio_remitente="PM/2",
                                                                fecha_recepcion=hace_40.isoformat()))
    servicios.turnos.turnar(recepcion, viejo.numero_control, [{"dependencia": "SSP", "rol": "responsable",
                                                               "instruccion": "atencion_procedente",
                                                               "plazo_dias_habiles": 5}], momento=hace_40)
    return {"supervisor": supervisor, "llamadas": llamadas, "chat": chat, "anulada": anulada,
            "hoy": hoy_.numero_control, "viejo": viejo.numero_control, "mes": momento.date()}


@pytest.fixture
def ventana(qtbot, servicios, tareas, ajustes, registros):
    v = VentanaPrincipal(servicios, registros["supervisor"], tareas, ajustes, paginas=PAGINAS)
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    qtbot.waitExposed(v)
    return v


def _tablero(ventana) -> VistaTablero:
    inicio = ventana.pagina_actual()
    assert isinstance(inicio, PaginaInicio) and inicio.con_tablero
    return inicio.tablero


def test_el_tablero_muestra_las_cifras_del_mes(ventana, registros):
    t = _tablero(ventana)
    assert t.isEnabled() and not ventana.pagina_actual().progreso.isVisible()
    assert t.tarjetas["peticiones"].cifra.text() == "3"  # the annulled petition is not counted
    assert t.tarjetas["llamadas"].cifra.text() == "1" and t.tarjetas["llamadas"].nota.text() == "0 atrasadas"
    assert t.tarjetas["vencidos"].cifra.text() == "1"
    anio = dt.date.today().year
    assert t.titulo_grafica.text() == f"Peticiones de {anio} por canal"
    barras = {c.label(): [c.at(m) for m in range(12)] for c in t.grafica.conjuntos()}
    assert barras["Call Center"][registros["mes"].month - 1] == 2 and barras["Chat Sonora"][registros["mes"].month - 1] == 1
    assert t.enlaces[("sin_atender", "en_tiempo")].text() == "1"
    viejo_de_este_anio = (dt.date.today() - dt.timedelta(days=40)).year == anio  # not in early February
    assert t.enlaces[("sin_atender", None)].text() == ("2" if viejo_de_este_anio else "1")
    assert [(v.codigo, v.vencidos) for v in t.modelo_vencidos.filas()] == [("SSP", 1)]
    assert t.leyenda.botones["call_center"].text().endswith("· 2")


def test_mientras_calcula_muestra_el_progreso(qtbot, servicios, ajustes, registros):
    """With the real thread pool: the bar is on until the figures arrive, then off."""
    tareas = Tareas()
    v = VentanaPrincipal(servicios, registros["supervisor"], tareas, ajustes, paginas=[PaginaInicio])
    qtbot.addWidget(v)
    v.show()
    inicio = v.pagina_actual()
    assert inicio.progreso.isVisible() and inicio.estado.text() == "Calculando…"
    assert not inicio.boton_actualizar.isEnabled()
    qtbot.waitUntil(lambda: not inicio.progreso.isVisible(), timeout=10000)
    assert inicio.tablero.tarjetas["peticiones"].cifra.text() == "3"
    assert inicio.estado.text().startswith("Cifras al ") and inicio.boton_actualizar.isEnabled()
    tareas.esperar()


def test_las_peticiones_del_mes_abren_la_lista_filtrada(qtbot, ventana, registros):
    qtbot.mouseClick(_tablero(ventana).tarjetas["peticiones"], IZQ)
    atencion = ventana.pagina_actual()
    assert isinstance(atencion, PaginaAtencion) and atencion.pestanas.currentWidget() is atencion.lista
    filtro = atencion.lista.filtro()
    assert filtro.desde == registros["mes"].replace(day=1) and filtro.hasta.month == registros["mes"].month
    assert filtro.hasta.day >= 28 and not filtro.canal
    # The list shows the month's petitions; the annulled one too, marked as such.
    qtbot.waitUntil(lambda: sorted(folios(atencion.lista.modelo)) ==
                    sorted([*registros["llamadas"], registros["chat"], registros["anulada"]]))


def test_una_barra_abre_las_peticiones_de_su_canal_y_mes(qtbot, ventana, registros):
    grafica = _tablero(ventana).grafica
    chat = next(c for c in grafica.conjuntos() if c.label() == "Chat Sonora")
    indice = registros["mes"].month - 1
    # Where the bar is drawn: the middle of its height, in the view's coordinates.
    en_grafica = grafica.chart().mapToPosition(QPointF(indice, 2 + chat.at(indice) / 2), grafica.serie)
    punto = grafica.mapFromScene(grafica.chart().mapToScene(en_grafica))  # above the call center's 2
    qtbot.mouseClick(grafica.viewport(), IZQ, pos=punto)
    atencion = ventana.pagina_actual()
    assert isinstance(atencion, PaginaAtencion)
    assert atencion.lista.filtro().canal == "chat_sonora"
    assert atencion.lista.filtro().desde == registros["mes"].replace(day=1)
    qtbot.waitUntil(lambda: folios(atencion.lista.modelo) == [registros["chat"]])


def test_una_celda_de_oficios_abre_la_bandeja_con_su_estado_y_semaforo(qtbot, ventana, registros):
    qtbot.mouseClick(_tablero(ventana).enlaces[("sin_atender", "en_tiempo")], IZQ)
    bandeja = ventana.pagina_actual()
    assert isinstance(bandeja, PaginaCorrespondencia)
    assert bandeja.filtro() == FiltroBandeja(anio=dt.date.today().year, estado="sin_atender", oportunidad="en_tiempo")
    qtbot.waitUntil(lambda: [f.numero_control for f in bandeja.modelo.filas()] == [registros["hoy"]])
    assert bandeja.filtros.estado.currentText() == "Sin atender" and bandeja.filtros.oportunidad.currentText() == \
        "En tiempo"


def test_una_dependencia_abre_sus_asuntos_vencidos(qtbot, ventana, registros):
    tabla = _tablero(ventana).tabla_vencidos
    celda = tabla.visualRect(tabla.model().index(0, 1)).center()
    qtbot.mouseClick(tabla.viewport(), IZQ, pos=celda)
    bandeja = ventana.pagina_actual()
    assert isinstance(bandeja, PaginaCorrespondencia)
    assert (bandeja.filtro().dependencia, bandeja.filtro().oportunidad, bandeja.filtro().anio) == ("SSP", "vencido", None)
    qtbot.waitUntil(lambda: [f.numero_control for f in bandeja.modelo.filas()] == [registros["viejo"]])
    # From the keyboard as well: Enter on the agency's row.
    assert ventana.ir_a_modulo("inicio")
    bandeja.filtros.limpiar()
    tabla = _tablero(ventana).tabla_vencidos
    ventana.activateWindow()
    tabla.setFocus()
    tabla.setCurrentIndex(tabla.model().index(0, 0))
    qtbot.keyClick(tabla, Qt.Key.Key_Return)
    assert ventana.pagina_actual() is bandeja and bandeja.filtro().dependencia == "SSP"


def test_las_llamadas_abren_la_cola_y_sin_su_modulo_lo_dice(qtbot, servicios, tareas, ajustes, ventana, registros):
    qtbot.mouseClick(_tablero(ventana).tarjetas["llamadas"], IZQ)
    atencion = ventana.pagina_actual()
    assert atencion.pestanas.currentWidget() is atencion.llamadas and atencion.llamadas.modelo.rowCount() == 1
    # Without the bandeja in this window, the 48-hour figure says its list is not here.
    v = VentanaPrincipal(servicios, registros["supervisor"], tareas, ajustes, paginas=[PaginaInicio])
    qtbot.addWidget(v)
    v.show()
    qtbot.mouseClick(_tablero(v).tarjetas["turnados48"], IZQ)
    assert v.pagina_actual().clave == "inicio"
    assert v.statusBar().currentMessage() == "Esa lista no está disponible aquí."


def test_los_seguimientos_del_mes_abren_su_lista(qtbot, servicios, tareas, ajustes, registros):
    """Both indicators' follow-ups of the month, in the POA drill-down's window, as many as the card
    says; no module is needed (this window has only Inicio)."""
    from conftest_atencion import gira

    campo = sesion_con_rol(servicios.bd, Rol.CAMPO)
    de_gira = peticion(servicios, campo, canal="gira", gira=gira(servicios, campo, dias_atras=0).clave,
                       fecha_recepcion=_ahora()).folio
    servicios.seguimientos.agregar(campo, de_gira, {"fecha": _ahora(), "tipo": "visita"})  # Indicador 2
    v = VentanaPrincipal(servicios, registros["supervisor"], tareas, ajustes, paginas=[PaginaInicio])
    qtbot.addWidget(v)
    v.show()
    tarjeta = _tablero(v).tarjetas["seguimientos"]
    assert tarjeta.cifra.text() == "2"
    qtbot.mouseClick(tarjeta, IZQ)
    inicio = v.pagina_actual()
    assert inicio.clave == "inicio"
    dialogo = inicio.dialogo_seguimientos
    assert dialogo is not None and dialogo.isVisible() and dialogo.windowTitle() == "Seguimientos del mes"
    qtbot.waitUntil(lambda: dialogo.modelo.rowCount() == 2)
    assert dialogo.total == int(tarjeta.cifra.text()) and dialogo.cuenta.text() == "Registros: 2"
    assert dialogo.titulo.text().startswith("Seguimientos registrados, de ambos indicadores · ")
    assert sorted(r.canal for r in dialogo.modelo.filas()) == ["Call Center", "Giras Gobernador"]
    assert sorted(r.clave for r in dialogo.modelo.filas()) == sorted([registros["llamadas"][0], de_gira])
    # A second click replaces the window rather than piling them up.
    qtbot.mouseClick(tarjeta, IZQ)
    assert inicio.dialogo_seguimientos is not dialogo and not dialogo.isVisible()


def test_turnados_en_48_horas_abren_la_bandeja_con_ese_filtro(qtbot, ventana, registros):
    tablero = _tablero(ventana)
    datos = tablero.datos
    assert tablero.tarjetas["turnados48"].nota.text().startswith(f"{datos.turnados_en_48_horas} de ")
    qtbot.mouseClick(tablero.tarjetas["turnados48"], IZQ)
    bandeja = ventana.pagina_actual()
    assert isinstance(bandeja, PaginaCorrespondencia)
    assert bandeja.filtro() == FiltroBandeja(anio=dt.date.today().year, turnado_48h=True)
    assert bandeja.filtros.turnado_48h.currentText() == "Sí"
    # Both were turned at once; the old one counts only if received this year.
    esperados = [registros["hoy"], *([registros["viejo"]] if datos.turnados_en_48_horas == 2 else [])]
    qtbot.waitUntil(lambda: sorted(f.numero_control for f in bandeja.modelo.filas()) == sorted(esperados))
    qtbot.waitUntil(lambda: bandeja._total == datos.turnados_en_48_horas)
    assert bandeja.estado.text().startswith(f"{datos.turnados_en_48_horas} asunto")
    assert "(2 filtros activos)" in bandeja.estado.text()
    # «No»: none is late here; «Todos» lifts the filter.
    bandeja.filtros.turnado_48h.setCurrentIndex(bandeja.filtros.turnado_48h.findText("No"))
    bandeja.aplicar_filtros()
    assert bandeja.filtro().turnado_48h is False
    qtbot.waitUntil(lambda: bandeja._total == 0)
    bandeja.filtros.limpiar()
    assert bandeja.filtro().turnado_48h is None


def test_en_una_pantalla_angosta_no_hay_desplazamiento_lateral(qtbot, ventana):
    inicio = ventana.pagina_actual()
    desplazable = inicio.findChild(QScrollArea, "desplazableTablero")
    tarjetas = list(_tablero(ventana).tarjetas.values())
    assert len({t.y() for t in tarjetas}) == 1  # 1280 px: the five cards in one row
    ventana.resize(ventana.minimumSize())
    qtbot.waitUntil(lambda: desplazable.horizontalScrollBar().maximum() == 0)
    assert len({t.y() for t in tarjetas}) == 2  # 3 + 2
    grafica, metas = _tablero(ventana).paneles[:2]
    assert metas.y() > grafica.y() and metas.x() == grafica.x()  # one under the other


def test_volver_a_inicio_recalcula(qtbot, ventana, servicios, registros):
    assert ventana.ir_a_modulo("atencion")
    operador = sesion_con_rol(servicios.bd, Rol.ATENCION)
    peticion(servicios, operador, fecha_recepcion=_ahora())
    assert ventana.ir_a_modulo("inicio")
    assert _tablero(ventana).tarjetas["peticiones"].cifra.text() == "4"


@pytest.mark.parametrize("rol", [Rol.RECEPCION, Rol.ATENCION])
def test_quien_no_supervisa_ve_el_inicio_de_siempre(qtbot, servicios, tareas, ajustes, rol):
    v = VentanaPrincipal(servicios, sesion_con_rol(servicios.bd, rol), tareas, ajustes, paginas=PAGINAS)
    qtbot.addWidget(v)
    v.show()
    inicio = v.pagina_actual()
    assert isinstance(inicio, PaginaInicio) and not inicio.con_tablero
    assert inicio.findChild(VistaTablero) is None
    assert inicio.cifras["municipios"].text() == "72"
