"""The call-center intake (oee_desk/ui/captura_peticion.py), driven from the keyboard as an operator
does: a repeat caller's new request, a new citizen, bad input, the gira channel, a read-only role,
a lost connection, and the search that must not show an older answer over a newer one.

The flows that write go through both engines (`bd`); the widget's own behaviour runs on SQLite.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QRadioButton, QVBoxLayout, QWidget

from oee_desk.domain.errores import BaseDatosInaccesible
from oee_desk.domain.roles import Rol
from oee_desk.ui.captura_ciudadano import partes_de_busqueda
from oee_desk.ui.captura_peticion import CapturaPeticion
from oee_desk.ui.tareas import Tareas

from conftest_atencion_captura import (  # noqa: F401
    TELEFONO_REPETIDO, TareasDiferidas, Teclado, abrir_captura, buscar, contar_ciudadanos, contar_peticiones,
    llamante_repetido, servicios, servicios_sqlite, sesiones, vistas_registradas,
)

CTRL = Qt.KeyboardModifier.ControlModifier
DESCRIPCION = "Pide cita de cardiologia para su madre en el Hospital General"
# What a repeat caller may cost the operator besides the description itself: the phone (10), and
# a handful of keys to pick the citizen, the channel and the topic and to save.
TECLAS_MAXIMAS = 25 + len(DESCRIPCION)


def error_visible(captura: CapturaPeticion, clave: str) -> str:
    """The text under a field, when shown (isVisibleTo: the widget may sit in a hidden page)."""
    etiqueta = captura.errores.error(clave)
    return etiqueta.text() if etiqueta.isVisibleTo(captura) else ""


# --- the main flow ---------------------------------------------------------------------------------
def test_llamante_repetido_solo_con_teclado(qtbot, abrir_captura, servicios, record_property):
    operador = sesiones(servicios, Rol.ATENCION)
    repetido = llamante_repetido(servicios, operador)
    ciudadanos, peticiones = contar_ciudadanos(servicios), contar_peticiones(servicios)
    # The real runner: searches and the save run off the GUI thread, as in the application.
    captura = abrir_captura(servicios, operador, Tareas())
    registradas = []
    captura.registrada.connect(registradas.append)
    teclado = Teclado(qtbot, captura.window())
    assert teclado.foco() is captura.buscador.campo  # the call starts in the search

    teclado.escribir(TELEFONO_REPETIDO)
    teclado.tecla(Qt.Key.Key_Return)  # typed faster than the pause: the search runs now and Intro takes the match
    qtbot.waitUntil(lambda: captura.ciudadano is not None)
    assert captura.ciudadano.id == repetido.id
    assert "José María Valenzuela Ochoa" in captura.para.text()
    # Choosing the caller opened their record: a view of personal data, logged.
    qtbot.waitUntil(lambda: vistas_registradas(servicios, repetido.id, "captura de petición") == 1)
    # No channel yet: the cursor waits on the channels, whose keys are shown.
    assert isinstance(teclado.foco(), QRadioButton)
    assert captura.canal.botones[2].text() == "F3  Call Center"
    teclado.tecla(Qt.Key.Key_F3)
    assert captura.canal.codigo() == "call_center"
    assert teclado.foco() is captura.tema
    teclado.escribir("salud")
    teclado.tecla(Qt.Key.Key_Tab)
    assert captura.tema.currentText() == "Salud"
    assert teclado.foco() is captura.descripcion
    teclado.escribir(DESCRIPCION)
    teclado.tecla(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: captura.ultima is not None, timeout=10000)

    folio = captura.ultima.folio
    guardada = servicios.peticiones.obtener(operador, folio)
    assert guardada.ciudadano.id == repetido.id
    assert (guardada.canal, guardada.tema, guardada.descripcion) == ("call_center", "salud", DESCRIPCION)
    assert guardada.gira is None and guardada.canalizaciones == []
    assert contar_ciudadanos(servicios) == ciudadanos  # the same citizen, no new record
    assert contar_peticiones(servicios) == peticiones + 1
    assert servicios.ciudadanos.obtener(operador, repetido.id).peticiones_total == repetido.peticiones_total + 1
    # The folio, large, to read back to the caller; the form empty again, the cursor in the search.
    assert captura.folio.text() == folio and captura.folio.isVisible()
    assert "28pt" in captura.folio.styleSheet()
    assert [p.folio for p in registradas] == [folio]
    assert captura.buscador.campo.text() == "" and captura.descripcion.toPlainText() == ""
    assert captura.ciudadano is None and captura.tema.currentText() == ""
    assert teclado.foco() is captura.buscador.campo
    assert captura.canal.codigo() == "call_center"  # the operator's channel stays for the next call

    print(f"\nPulsaciones para el llamante repetido: {teclado.pulsaciones} "
          f"({teclado.pulsaciones - len(DESCRIPCION)} más la descripción de {len(DESCRIPCION)})")
    record_property("pulsaciones", teclado.pulsaciones)
    assert teclado.pulsaciones <= TECLAS_MAXIMAS
    assert captura.tareas.esperar()  # nothing left running against the database the fixture drops


def test_ciudadano_nuevo_solo_con_teclado(qtbot, abrir_captura, servicios):
    operador = sesiones(servicios, Rol.ATENCION)
    captura = abrir_captura(servicios, operador)
    ciudadanos = contar_ciudadanos(servicios)
    teclado = Teclado(qtbot, captura.window())

    teclado.escribir("rosa cota 6441239876")
    qtbot.waitUntil(lambda: captura.buscador.al_dia)
    assert captura.buscador.modelo.rowCount() == 0
    assert "Ctrl+N" in captura.buscador.estado.text()
    teclado.tecla(Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: captura.es_nuevo)  # a button's shortcut clicks it after a short flash
    # What was typed to search fills the form; the cursor on the first field still empty.
    formulario = captura.formulario
    assert captura.pila.currentWidget() is formulario and captura.es_nuevo
    assert formulario.editor("nombre").text() == "Rosa"
    assert formulario.editor("primer_apellido").text() == "Cota"
    assert formulario.editor("telefono").text() == "6441239876"
    assert teclado.foco() is formulario.editor("segundo_apellido")
    teclado.escribir("Leyva")
    teclado.tecla(Qt.Key.Key_Return)  # Intro goes to the next field, as Tab does
    assert teclado.foco() is formulario.editor("telefono")
    for _ in range(3):  # teléfono → correo → CURP → municipio
        teclado.tecla(Qt.Key.Key_Tab)
    assert teclado.foco() is formulario.editor("municipio")
    teclado.escribir("navoj")
    teclado.tecla(Qt.Key.Key_Tab)  # takes the match and goes on to localidad
    assert formulario.editor("municipio").currentText() == "Navojoa (26042)"
    assert teclado.foco() is formulario.editor("localidad")
    teclado.tecla(Qt.Key.Key_Tab)  # domicilio
    teclado.tecla(Qt.Key.Key_Tab)
    assert teclado.foco() is formulario.aviso
    teclado.tecla(Qt.Key.Key_Space)
    teclado.tecla(Qt.Key.Key_F5)  # a channel from any field
    assert captura.canal.codigo() == "correo_electronico"
    assert teclado.foco() is formulario.aviso
    teclado.tecla(Qt.Key.Key_Tab)  # into the channels
    teclado.tecla(Qt.Key.Key_Tab)
    assert teclado.foco() is captura.tema
    teclado.escribir("agua")
    teclado.tecla(Qt.Key.Key_Tab)
    teclado.escribir("Sin agua desde hace una semana")
    teclado.tecla(Qt.Key.Key_Tab)
    teclado.escribir("Pipa de agua")
    teclado.tecla(Qt.Key.Key_Tab)  # the gira is off for this channel: straight to canalization
    assert teclado.foco() is captura.canalizacion
    teclado.escribir("ceA")
    teclado.tecla(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: captura.ultima is not None)

    guardada = servicios.peticiones.obtener(operador, captura.folio.text())
    c = guardada.ciudadano
    assert (c.nombre, c.primer_apellido, c.segundo_apellido, c.telefono, c.municipio) == \
        ("Rosa", "Cota", "Leyva", "6441239876", "26042")
    assert c.acepta_aviso_privacidad and c.version_aviso
    assert (guardada.canal, guardada.tema, guardada.apoyo_solicitado) == ("correo_electronico", "agua_potable",
                                                                         "Pipa de agua")
    assert [(x.tipo, x.destino) for x in guardada.canalizaciones] == [("dependencia", "CEA")]
    assert contar_ciudadanos(servicios) == ciudadanos + 1
    assert captura.pila.currentWidget() is captura.buscador and formulario.vacio()
    assert teclado.foco() is captura.buscador.campo


def test_lo_escrito_para_buscar_llena_el_ciudadano_nuevo():
    assert partes_de_busqueda("(662) 123-45-67") == {"telefono": "6621234567"}
    assert partes_de_busqueda("vaoj800101hsrlcs09 juan") == {"curp": "VAOJ800101HSRLCS09", "nombre": "Juan"}
    assert partes_de_busqueda("maria de jesus lopez ruiz") == {
        "nombre": "Maria De Jesus", "primer_apellido": "Lopez", "segundo_apellido": "Ruiz"}
    assert partes_de_busqueda("ana") == {"nombre": "Ana"}


# --- bad input, the gira channel ---------------------------------------------------------------------
def test_error_de_validacion_nombra_el_campo_y_no_escribe_nada(qtbot, abrir_captura, servicios):
    operador = sesiones(servicios, Rol.ATENCION)
    captura = abrir_captura(servicios, operador)
    peticiones, ciudadanos = contar_peticiones(servicios), contar_ciudadanos(servicios)
    teclado = Teclado(qtbot, captura.window())

    # Nobody chosen, no topic, no description.
    teclado.tecla(Qt.Key.Key_F3)
    captura.apoyo.setFocus()
    teclado.escribir("Despensa")
    teclado.tecla(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(captura.error_general.isVisible)
    assert "Elija a la persona en la lista" in error_visible(captura, "ciudadano")
    assert error_visible(captura, "tema") == "Es obligatorio."
    assert error_visible(captura, "descripcion") == "Es obligatorio."
    general = captura.error_general
    assert general.isVisible() and "Revise: Ciudadano, Tema, Descripción" in general.text()
    assert teclado.foco() is captura.buscador.campo  # the first field to fix
    assert captura.apoyo.text() == "Despensa"  # what was typed stays
    assert captura.folio.text() == ""

    # A new citizen with a bad phone: the problem under Teléfono, nothing written.
    teclado.escribir("luis")
    teclado.tecla(Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: captura.es_nuevo)
    assert teclado.foco() is captura.formulario.editor("primer_apellido")
    teclado.tecla(Qt.Key.Key_Tab)
    teclado.tecla(Qt.Key.Key_Tab)
    teclado.escribir("12-34")
    captura.tema.setFocus()
    teclado.escribir("vivienda")
    teclado.tecla(Qt.Key.Key_Tab)
    teclado.escribir("Piso firme")
    teclado.tecla(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: "Teléfono" in captura.error_general.text())
    assert "entre 7 y 15 dígitos" in error_visible(captura, "ciudadano.telefono")
    assert error_visible(captura, "tema") == "" and error_visible(captura, "ciudadano") == ""
    assert "Revise: Teléfono" in general.text()
    assert teclado.foco() is captura.formulario.editor("telefono")
    assert captura.formulario.editor("nombre").text() == "Luis" and captura.descripcion.toPlainText() == "Piso firme"
    assert (contar_peticiones(servicios), contar_ciudadanos(servicios)) == (peticiones, ciudadanos)

    # Fixed: it saves, and the complaints go away.
    teclado.tecla(Qt.Key.Key_A, CTRL)
    teclado.escribir("6621112233")
    teclado.tecla(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: captura.ultima is not None)
    assert captura.folio.text().startswith("AC-")
    assert not general.isVisible() and error_visible(captura, "ciudadano.telefono") == ""
    assert contar_peticiones(servicios) == peticiones + 1


def test_canal_de_gira_exige_la_gira(qtbot, abrir_captura, servicios):
    operador = sesiones(servicios, Rol.ATENCION)
    gira = servicios.giras.registrar(operador, {"fecha": "2025-03-14", "municipio": "26018",
                                                "evento": "Entrega de apoyos en Ciudad Obregón"})
    repetido = llamante_repetido(servicios, operador)
    captura = abrir_captura(servicios, operador)
    peticiones = contar_peticiones(servicios)
    teclado = Teclado(qtbot, captura.window())
    assert not captura.gira.isEnabled()  # no channel yet: no gira

    teclado.escribir(TELEFONO_REPETIDO)
    teclado.tecla(Qt.Key.Key_Return)
    teclado.tecla(Qt.Key.Key_F9)
    assert captura.canal.codigo() == "gira" and captura.gira.isEnabled()
    assert "Obligatoria" in captura.nota_gira.text()
    teclado.escribir("salud")
    teclado.tecla(Qt.Key.Key_Tab)
    teclado.escribir("Medicamentos")
    teclado.tecla(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(captura.error_general.isVisible)
    assert "obligatoria para el canal Giras Gobernador" in error_visible(captura, "gira")
    assert contar_peticiones(servicios) == peticiones
    assert captura.ciudadano.id == repetido.id  # still chosen, nothing lost

    captura.gira.setFocus()
    teclado.escribir("obregon")  # a piece of the event, without accents
    teclado.tecla(Qt.Key.Key_Tab)
    assert captura.gira.currentText().startswith(gira.clave)
    teclado.tecla(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: captura.ultima is not None)
    guardada = servicios.peticiones.obtener(operador, captura.folio.text())
    assert (guardada.canal, guardada.gira, guardada.ciudadano.id) == ("gira", gira.clave, repetido.id)

    # Back to a phone channel: the gira is off and not sent; the tour stays chosen for the shift.
    teclado.tecla(Qt.Key.Key_F3)
    assert not captura.gira.isEnabled() and "gira" not in captura.valores()


# --- roles, connection, keys ------------------------------------------------------------------------
def test_supervision_solo_consulta(qtbot, abrir_captura, servicios_sqlite):
    servicios = servicios_sqlite
    repetido = llamante_repetido(servicios, sesiones(servicios, Rol.ATENCION))
    supervisora = sesiones(servicios, Rol.SUPERVISOR)
    captura = abrir_captura(servicios, supervisora)
    peticiones = contar_peticiones(servicios)
    assert not captura.boton_guardar.isEnabled() and not captura.boton_nuevo.isEnabled()
    assert not captura.tema.isEnabled() and not captura.descripcion.isEnabled()
    assert not any(b.isEnabled() for b in captura.canal.botones)
    assert not captura.hoja_peticion.isVisible() and captura.solo_consulta.isVisible()

    buscar(qtbot, captura, "valenzuela jose")  # the search and the history work
    assert captura.buscador.modelo.rowCount() == 2
    captura.buscador.tabla.selectRow(captura.buscador.modelo.buscar(lambda d: d.id == repetido.id))
    captura.buscador.cargar_historial()
    assert captura.buscador.modelo_historial.rowCount() == 2
    # The buttons are off, so their shortcuts are too; the methods behind them refuse as well.
    captura.nuevo_ciudadano()
    captura.guardar()
    assert not captura.es_nuevo and captura.folio.text() == ""
    assert contar_peticiones(servicios) == peticiones


def test_campo_registra_pero_no_canaliza(abrir_captura, servicios_sqlite):
    captura = abrir_captura(servicios_sqlite, sesiones(servicios_sqlite, Rol.CAMPO))
    assert captura.boton_guardar.isEnabled() and captura.tema.isEnabled()
    assert not captura.canalizacion.isEnabled()


def test_historial_del_elegido_sin_homonimos(qtbot, abrir_captura, servicios_sqlite):
    servicios = servicios_sqlite
    operador = sesiones(servicios, Rol.ATENCION)
    repetido = llamante_repetido(servicios, operador)
    captura = abrir_captura(servicios, operador)
    buscar(qtbot, captura, "OCHOA valenzuela")  # any order and case
    modelo = captura.buscador.modelo
    assert modelo.rowCount() == 2
    assert [modelo.data(modelo.index(0, c)) for c in range(1, 4)][1:] in (["Hermosillo", "1 de 1"],
                                                                           ["Hermosillo", "2 de 2"])
    teclado = Teclado(qtbot, captura.window())
    while captura.buscador.seleccionado().id != repetido.id:
        teclado.tecla(Qt.Key.Key_Down)  # the arrows move the list while typing goes on in the box
    assert teclado.foco() is captura.buscador.campo
    qtbot.waitUntil(lambda: captura.buscador.modelo_historial.rowCount() == 2)
    temas = {f.tema for f in captura.buscador.modelo_historial.filas()}
    assert temas == {"Vivienda", "Empleo"}  # not the namesake's «Salud»
    assert "2 abiertas de 2 peticiones" in captura.buscador.titulo_historial.text()


def test_busqueda_nueva_descarta_la_respuesta_vieja(qtbot, abrir_captura, servicios_sqlite):
    servicios = servicios_sqlite
    operador = sesiones(servicios, Rol.ATENCION)
    llamante_repetido(servicios, operador)
    servicios.ciudadanos.crear(operador, {"nombre": "Guadalupe", "primer_apellido": "Yocupicio",
                                          "telefono": "6311234500"})
    tareas = TareasDiferidas()
    captura = abrir_captura(servicios, operador, tareas)
    captura.buscador.campo.setText("valenzuela")
    captura.buscador.buscar()
    captura.buscador.campo.setText("yocupicio")
    captura.buscador.buscar()
    assert [n for _, n in tareas.pendientes] == ["buscar", "buscar"]
    tareas.correr(1)  # the newer answer first…
    tareas.correr(0)  # …then the older one, late
    tareas.correr_todas()
    nombres = [d.nombre_completo for d in captura.buscador.modelo.filas()]
    assert nombres == ["Guadalupe Yocupicio"]


def test_sin_conexion_el_formulario_se_queda(qtbot, abrir_captura, servicios_sqlite, monkeypatch):
    servicios = servicios_sqlite
    operador = sesiones(servicios, Rol.ATENCION)
    repetido = llamante_repetido(servicios, operador)
    captura = abrir_captura(servicios, operador)
    teclado = Teclado(qtbot, captura.window())
    teclado.escribir(TELEFONO_REPETIDO)
    teclado.tecla(Qt.Key.Key_Return)
    teclado.tecla(Qt.Key.Key_F3)
    teclado.escribir("salud")
    teclado.tecla(Qt.Key.Key_Tab)
    teclado.escribir("Consulta")

    def sin_red(*_a, **_k):
        raise BaseDatosInaccesible("No hay conexión con la base de datos.")

    monkeypatch.setattr(servicios.peticiones, "registrar", sin_red)
    teclado.tecla(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(captura.error_general.isVisible)
    assert captura.error_general.isVisible()
    assert "No hay conexión" in captura.error_general.text()
    assert "sigue en el formulario" in captura.error_general.text()
    assert captura.ciudadano.id == repetido.id and captura.descripcion.toPlainText() == "Consulta"
    assert captura.tema.currentText() == "Salud" and captura.boton_guardar.isEnabled()

    monkeypatch.undo()  # back: saving again works, with the keypad's Intro this time
    teclado.tecla(Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(lambda: captura.ultima is not None)
    assert captura.folio.text().startswith("AC-") and not captura.error_general.isVisible()


def test_teclas_de_canal_ganan_a_las_de_la_ventana(qtbot, servicios_sqlite):
    """F1 is the main window's help elsewhere; inside the intake it is the first channel, and F4
    does not open the combo it is pressed in."""
    ventana = QWidget()
    qtbot.addWidget(ventana)
    ayuda = []
    QShortcut(QKeySequence(Qt.Key.Key_F1), ventana, activated=lambda: ayuda.append(1))
    captura = CapturaPeticion(servicios_sqlite, sesiones(servicios_sqlite, Rol.ATENCION), Tareas(sincrona=True))
    QVBoxLayout(ventana).addWidget(captura)
    ventana.resize(1050, 640)
    ventana.show()
    ventana.activateWindow()
    assert QTest.qWaitForWindowActive(ventana)
    captura.tema.setFocus()
    teclado = Teclado(qtbot, captura.window())
    teclado.tecla(Qt.Key.Key_F1)
    assert captura.canal.codigo() == "asesoria_juridica" and ayuda == []
    teclado.tecla(Qt.Key.Key_F4)
    assert captura.canal.codigo() == "chat_sonora" and not captura.tema.view().isVisible()
    assert teclado.foco() is captura.tema
    captura.apoyo.setFocus()
    teclado.tecla(Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)  # not a channel key
    assert captura.canal.codigo() == "chat_sonora"


def test_ciudadano_nuevo_con_telefono_conocido_avisa_duplicado(qtbot, abrir_captura, servicios_sqlite):
    """The operator registered someone anew who was already there: the folio is given (the call
    goes on) and the screen says who it may duplicate, for supervision to merge."""
    servicios = servicios_sqlite
    operador = sesiones(servicios, Rol.ATENCION)
    llamante_repetido(servicios, operador)
    captura = abrir_captura(servicios, operador)
    teclado = Teclado(qtbot, captura.window())
    teclado.escribir("pepe " + TELEFONO_REPETIDO)
    captura.nuevo_ciudadano()
    teclado.tecla(Qt.Key.Key_F6)
    captura.tema.setFocus()
    teclado.escribir("empleo")
    teclado.tecla(Qt.Key.Key_Tab)
    teclado.escribir("Busca trabajo")
    captura.guardar()
    assert captura.folio.text().startswith("AC-")
    assert captura.aviso_duplicado.isVisible()
    assert "José María Valenzuela Ochoa (mismo teléfono)" in captura.aviso_duplicado.text()
