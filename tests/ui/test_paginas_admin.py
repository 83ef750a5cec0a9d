"""The admin pages end to end: users, catalogs, the audit log (models alone: test_modelos_tabla.py).

Every page runs with `Tareas(sincrona=True)`, so a click does its database work in place and the
test can look at the result on the next line.
"""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QMessageBox, QPushButton, QSpinBox

from oee_desk.domain.catalogos import CATALOGOS
from oee_desk.domain.errores import AutenticacionFallida
from oee_desk.domain.roles import Rol
from oee_desk.services import Servicios
from oee_desk.ui.pagina_auditoria import PaginaAuditoria
from oee_desk.ui.pagina_catalogos import PaginaCatalogos
from oee_desk.ui.pagina_usuarios import PaginaUsuarios

from conftest import CONTRASENA, sesion_con_rol
from conftest_admin import abrir, columna, encabezados, escribir, guardar, jefa, seleccionar, servicios  # noqa: F401, F811


# --- users ------------------------------------------------------------------------------------
NUEVA = {"usuario": "mlopez", "nombre_completo": "María López Ñúñez", "rol": "atencion",
         "contrasena": CONTRASENA, "confirmacion": CONTRASENA}


def test_agregar_usuario_por_el_dialogo_y_puede_entrar(qtbot, abrir, servicios, jefa):
    pagina = abrir(PaginaUsuarios, servicios, jefa)
    assert encabezados(pagina.modelo) == ["Usuario", "Nombre completo", "Rol", "Área de metas", "Activo",
                                          "Bloqueado hasta", "Último acceso"]
    assert columna(pagina, 0) == ["admin"]

    qtbot.mouseClick(pagina.boton_agregar, Qt.MouseButton.LeftButton)
    dialogo = pagina.dialogo
    assert dialogo.isVisible()
    assert [dialogo.editor("rol").itemText(i) for i in range(dialogo.editor("rol").count())] == [
        "Recepción", "Atención ciudadana", "Campo (giras)", "Supervisión", "Administración"]
    escribir(qtbot, dialogo, {**NUEVA, "area": "Coordinación Ejecutiva de Atención Ciudadana"})
    guardar(qtbot, dialogo)

    assert pagina.dialogo is None and not dialogo.isVisible()
    assert columna(pagina, 0) == ["admin", "mlopez"]
    assert pagina.seleccionado().nombre == "mlopez"  # the new user stays selected
    fila = pagina.modelo.buscar(lambda u: u.nombre == "mlopez")
    assert [pagina.modelo.data(pagina.modelo.index(fila, c)) for c in range(5)] == [
        "mlopez", "María López Ñúñez", "Atención ciudadana", "Coordinación Ejecutiva de Atención Ciudadana", "Sí"]
    mlopez = servicios.usuarios.autenticar("mlopez", CONTRASENA)
    assert mlopez.rol == Rol.ATENCION
    assert servicios.usuarios.area_propia(mlopez) == "Coordinación Ejecutiva de Atención Ciudadana"


def test_contrasena_debil_muestra_el_motivo_y_no_escribe_nada(qtbot, abrir, servicios, jefa):
    pagina = abrir(PaginaUsuarios, servicios, jefa)
    bitacora_antes = servicios.auditoria.contar(jefa)
    pagina.agregar()
    dialogo = pagina.dialogo
    escribir(qtbot, dialogo, {**NUEVA, "usuario": "debil", "contrasena": "12345678901", "confirmacion": "12345678901"})
    guardar(qtbot, dialogo)

    assert pagina.dialogo is dialogo and dialogo.isVisible()  # still open, with what was typed
    assert dialogo.error("contrasena").isVisible()
    assert "adivinar" in dialogo.error("contrasena").text()
    assert not dialogo.error("usuario").isVisible()
    assert dialogo.editor("usuario").text() == "debil"
    assert dialogo.editor("contrasena").text() == "12345678901"
    assert [u.nombre for u in servicios.usuarios.listar(jefa)] == ["admin"]
    assert servicios.auditoria.contar(jefa) == bitacora_antes

    # Fixing the field and saving again works from the same dialog.
    escribir(qtbot, dialogo, {"contrasena": CONTRASENA, "confirmacion": CONTRASENA})
    guardar(qtbot, dialogo)
    assert pagina.dialogo is None
    assert "debil" in columna(pagina, 0)


def test_confirmacion_distinta_se_marca_en_su_campo(qtbot, abrir, servicios, jefa):
    pagina = abrir(PaginaUsuarios, servicios, jefa)
    pagina.agregar()
    escribir(qtbot, pagina.dialogo, {**NUEVA, "confirmacion": "otra cosa distinta"})
    guardar(qtbot, pagina.dialogo)
    assert pagina.dialogo.error("confirmacion").isVisible()
    assert "no coincide" in pagina.dialogo.error("confirmacion").text().lower()


def test_desactivar_pide_confirmacion_y_la_cuenta_ya_no_entra(qtbot, abrir, servicios, jefa):
    servicios.usuarios.agregar(jefa, "rgarcia", "recepcion", "Rosa García", CONTRASENA, CONTRASENA)
    pagina = abrir(PaginaUsuarios, servicios, jefa)

    seleccionar(pagina, lambda u: u.nombre == "admin")
    assert not pagina.boton_desactivar.isEnabled()  # nobody deactivates their own account

    seleccionar(pagina, lambda u: u.nombre == "rgarcia")
    assert pagina.boton_desactivar.isEnabled() and not pagina.boton_activar.isEnabled()
    qtbot.mouseClick(pagina.boton_desactivar, Qt.MouseButton.LeftButton)
    caja = pagina.confirmacion
    assert caja.isVisible() and "no se borra" in caja.text()
    # Cancelar is the default answer and changes nothing.
    assert caja.defaultButton().text() == "Cancelar"
    qtbot.mouseClick(caja.defaultButton(), Qt.MouseButton.LeftButton)
    assert servicios.usuarios.autenticar("rgarcia", CONTRASENA)

    qtbot.mouseClick(pagina.boton_desactivar, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pagina.confirmacion.findChild(QPushButton, "botonConfirmar"), Qt.MouseButton.LeftButton)
    assert pagina.seleccionado().nombre == "rgarcia" and not pagina.seleccionado().activo
    assert pagina.modelo.data(pagina.modelo.index(pagina.modelo.buscar(lambda u: u.nombre == "rgarcia"), 4)) == "No"
    with pytest.raises(AutenticacionFallida):
        servicios.usuarios.autenticar("rgarcia", CONTRASENA)
    assert "rgarcia" in [u.nombre for u in servicios.usuarios.listar(jefa)]  # never deleted

    assert pagina.boton_activar.isEnabled()
    qtbot.mouseClick(pagina.boton_activar, Qt.MouseButton.LeftButton)
    assert pagina.seleccionado().activo
    assert servicios.usuarios.autenticar("rgarcia", CONTRASENA)


def test_cambiar_rol_editar_nombre_y_restablecer(qtbot, abrir, servicios, jefa):
    servicios.usuarios.agregar(jefa, "rgarcia", "recepcion", "Rosa García", CONTRASENA, CONTRASENA)
    pagina = abrir(PaginaUsuarios, servicios, jefa)
    seleccionar(pagina, lambda u: u.nombre == "rgarcia")

    pagina.cambiar_rol()
    assert pagina.dialogo.editor("rol").currentData() == "recepcion"
    escribir(qtbot, pagina.dialogo, {"rol": "supervisor"})
    guardar(qtbot, pagina.dialogo)
    assert pagina.seleccionado().rol == Rol.SUPERVISOR

    pagina.editar_nombre()
    assert pagina.dialogo.editor("nombre_completo").text() == "Rosa García"
    escribir(qtbot, pagina.dialogo, {"nombre_completo": "Rosa María García"})
    guardar(qtbot, pagina.dialogo)
    assert pagina.seleccionado().nombre_completo == "Rosa María García"

    otra = "nopal rojo bajo la luna de cajeme"
    pagina.restablecer_contrasena()
    escribir(qtbot, pagina.dialogo, {"contrasena": otra, "confirmacion": otra})
    guardar(qtbot, pagina.dialogo)
    assert pagina.dialogo is None
    assert servicios.usuarios.autenticar("rgarcia", otra)


def test_edicion_sobre_una_version_vieja_avisa_y_no_pisa(qtbot, abrir, servicios, jefa):
    servicios.usuarios.agregar(jefa, "rgarcia", "recepcion", "Rosa García", CONTRASENA, CONTRASENA)
    pagina = abrir(PaginaUsuarios, servicios, jefa)
    seleccionar(pagina, lambda u: u.nombre == "rgarcia")
    pagina.editar_nombre()
    servicios.usuarios.editar(jefa, "rgarcia", "Cambio en otra estación")  # meanwhile, elsewhere
    escribir(qtbot, pagina.dialogo, {"nombre_completo": "Mi cambio"})
    guardar(qtbot, pagina.dialogo)

    caja = pagina.dialogo.findChild(QMessageBox, "cajaError")
    assert caja is not None and "Otra persona modificó" in caja.text()
    assert pagina.dialogo.editor("nombre_completo").text() == "Mi cambio"
    nombres = {u.nombre: u.nombre_completo for u in servicios.usuarios.listar(jefa)}
    assert nombres["rgarcia"] == "Cambio en otra estación"


def test_supervision_ve_la_lista_sin_poder_cambiarla(qtbot, abrir, servicios, bd_sqlite):
    supervisora = sesion_con_rol(bd_sqlite, Rol.SUPERVISOR)
    pagina = abrir(PaginaUsuarios, servicios, supervisora)
    assert set(columna(pagina, 0)) == {"admin", "prueba_supervisor"}
    assert pagina.aviso.isVisible()
    for fila in range(pagina.modelo.rowCount()):
        pagina.tabla.selectRow(fila)
        for boton in (pagina.boton_agregar, pagina.boton_editar, pagina.boton_rol, pagina.boton_contrasena,
                      pagina.boton_desactivar, pagina.boton_activar):
            assert not boton.isEnabled(), boton.text()
    assert pagina.boton_actualizar.isEnabled()


# --- catalogs ---------------------------------------------------------------------------------
def test_catalogo_de_punta_a_punta(qtbot, abrir, bd, admin, monkeypatch):
    servicios = Servicios.de(bd)
    pagina = abrir(PaginaCatalogos, servicios, admin)
    assert [pagina.selector.itemText(i) for i in range(pagina.selector.count())] == [
        c.titulo for c in CATALOGOS.values()]
    pagina.elegir("dependencias")
    assert encabezados(pagina.modelo) == ["Siglas", "Nombre", "Tipo", "Activo"]
    assert "Entidad paraestatal" in columna(pagina, 2)  # option labels, not stored codes

    # Add through the generic dialog: a line edit per text field, a combo for the option.
    qtbot.mouseClick(pagina.boton_agregar, Qt.MouseButton.LeftButton)
    dialogo = pagina.dialogo
    assert isinstance(dialogo.editor("tipo"), QComboBox) and dialogo.editor("tipo").currentIndex() == -1
    escribir(qtbot, dialogo, {"codigo": "IEEO", "nombre": "Instituto Sonorense de Energía Eólica",
                              "tipo": "paraestatal"})
    guardar(qtbot, dialogo)
    assert pagina.dialogo is None
    assert pagina.seleccionado()["codigo"] == "IEEO"

    # Search without accents, debounced: one query for the whole burst of keys.
    llamadas = []
    listar = servicios.catalogos.listar
    monkeypatch.setattr(servicios.catalogos, "listar", lambda *a, **k: llamadas.append(k["buscar"]) or listar(*a, **k))
    qtbot.keyClicks(pagina.buscador, "energia EOLICA")
    qtbot.waitUntil(lambda: llamadas == ["energia EOLICA"], timeout=3000)
    assert columna(pagina, 0) == ["IEEO"]

    # Edit: Enter on the selected row opens the dialog filled in.
    pagina.tabla.selectRow(0)
    pagina.tabla.setFocus()
    pagina.activateWindow()
    qtbot.waitUntil(pagina.tabla.hasFocus)
    qtbot.keyClick(pagina.tabla, Qt.Key.Key_Return)
    dialogo = pagina.dialogo
    assert dialogo is not None
    assert dialogo.editor("nombre").text() == "Instituto Sonorense de Energía Eólica"
    assert dialogo.editor("tipo").currentText() == "Entidad paraestatal"
    escribir(qtbot, dialogo, {"nombre": "Instituto Sonorense de Energías Renovables"})
    guardar(qtbot, dialogo)
    entrada = servicios.catalogos.obtener(admin, "dependencias", "IEEO")
    assert entrada["nombre"] == "Instituto Sonorense de Energías Renovables" and entrada.version == 2
    pagina.buscador.clear()
    qtbot.keyClicks(pagina.buscador, "renovables")
    qtbot.waitUntil(lambda: columna(pagina, 1) == ["Instituto Sonorense de Energías Renovables"], timeout=3000)

    # Deactivate: gone from the list until "Mostrar inactivos"; the button then says Activar.
    pagina.tabla.selectRow(0)
    assert pagina.boton_activo.text() == "Desactivar"
    qtbot.mouseClick(pagina.boton_activo, Qt.MouseButton.LeftButton)
    assert pagina.modelo.rowCount() == 0
    assert "Mostrar inactivos" in pagina.estado.text()
    assert not servicios.catalogos.obtener(admin, "dependencias", "IEEO").activo
    pagina.inactivos.setChecked(True)
    assert columna(pagina, 3) == ["No"]
    pagina.tabla.selectRow(0)
    assert pagina.boton_activo.text() == "Activar"


def test_clave_de_municipio_invalida_se_muestra_y_no_escribe(qtbot, abrir, bd, admin):
    servicios = Servicios.de(bd)
    pagina = abrir(PaginaCatalogos, servicios, admin)
    pagina.elegir("municipios")
    assert pagina.modelo.rowCount() == 72
    bitacora_antes = servicios.auditoria.contar(admin)
    pagina.agregar()
    dialogo = pagina.dialogo
    escribir(qtbot, dialogo, {"clave": "27001", "nombre": "Municipio Inventado"})
    guardar(qtbot, dialogo)

    assert pagina.dialogo is dialogo and dialogo.isVisible()
    assert dialogo.error("clave").isVisible()
    assert "clave INEGI" in dialogo.error("clave").text()
    assert not dialogo.error("nombre").isVisible()
    assert dialogo.editor("clave").text() == "27001"
    assert len(servicios.catalogos.listar(admin, "municipios")) == 72
    assert servicios.auditoria.contar(admin) == bitacora_antes

    # A key that exists is reported by its label ("clave inegi") and lands under the same field.
    escribir(qtbot, dialogo, {"clave": "26030"})
    guardar(qtbot, dialogo)
    assert "Ya existe «26030»" in dialogo.error("clave").text()
    assert len(servicios.catalogos.listar(admin, "municipios")) == 72


@pytest.mark.parametrize("nombre", list(CATALOGOS))
def test_dialogo_generico_abre_cada_catalogo_con_sus_valores(qtbot, abrir, servicios, jefa, nombre):
    pagina = abrir(PaginaCatalogos, servicios, jefa)
    pagina.elegir(nombre)
    cat = CATALOGOS[nombre]
    assert encabezados(pagina.modelo) == [c.etiqueta for c in cat.campos] + ["Activo"]
    pagina.tabla.selectRow(0)
    entrada = pagina.seleccionado()
    pagina.editar()
    dialogo = pagina.dialogo
    tipos = {"texto": QLineEdit, "entero": QSpinBox, "fecha": QDateEdit, "opcion": QComboBox}
    for campo in cat.campos:
        assert isinstance(dialogo.editor(campo.nombre), tipos[campo.tipo])
    valores = dialogo.valores()
    assert {k: str(v) for k, v in valores.items()} == {k: str(v) for k, v in entrada.valores.items()}
    guardar(qtbot, dialogo)  # unchanged values validate and save
    assert pagina.dialogo is None


def test_agregar_dia_inhabil_con_fecha(qtbot, abrir, servicios, jefa):
    from PySide6.QtCore import QDate
    pagina = abrir(PaginaCatalogos, servicios, jefa)
    pagina.elegir("dias-inhabiles")
    pagina.agregar()
    escribir(qtbot, pagina.dialogo, {"fecha": QDate(2031, 3, 7), "descripcion": "Día de la oficina",
                                     "origen": "oficina"})
    guardar(qtbot, pagina.dialogo)
    assert pagina.seleccionado()["fecha"] == dt.date(2031, 3, 7)
    fila = pagina.modelo.buscar(lambda e: e["fecha"] == dt.date(2031, 3, 7))
    assert pagina.modelo.data(pagina.modelo.index(fila, 0)) == "07/03/2031"
    assert pagina.modelo.data(pagina.modelo.index(fila, 2)) == "Acuerdo de la oficina"


def test_una_busqueda_vieja_no_pisa_a_la_nueva(abrir, servicios, jefa):
    pagina = abrir(PaginaCatalogos, servicios, jefa)
    pagina.elegir("temas")
    filas = pagina.modelo.rowCount()
    pagina._mostrar(pagina._consulta - 1, [])  # the answer to a superseded search arrives late
    assert pagina.modelo.rowCount() == filas


def test_catalogos_de_solo_lectura_para_recepcion(abrir, servicios, bd_sqlite):
    pagina = abrir(PaginaCatalogos, servicios, sesion_con_rol(bd_sqlite, Rol.RECEPCION))
    pagina.tabla.selectRow(0)
    assert pagina.modelo.rowCount() > 0 and pagina.aviso.isVisible()
    assert not any(b.isEnabled() for b in (pagina.boton_agregar, pagina.boton_editar, pagina.boton_activo))
    pagina.editar()  # Enter / double click do nothing either
    assert pagina.dialogo is None


# --- audit log --------------------------------------------------------------------------------
def test_bitacora_muestra_los_cambios_y_carga_mas_al_desplazarse(qtbot, abrir, servicios, jefa):
    # More than one page of history: 250 topics imported, then the changes the test looks for.
    servicios.catalogos.importar(jefa, "temas", [
        {"codigo": f"tema-{i:03}", "nombre": f"Tema de prueba {i}", "plazo_dias_habiles": "10"} for i in range(250)])
    servicios.usuarios.agregar(jefa, "auditada", "atencion", "Usuaria Auditada", CONTRASENA, CONTRASENA)
    cea = servicios.catalogos.obtener(jefa, "dependencias", "CEA")
    servicios.catalogos.editar(jefa, "dependencias", cea.id, {"nombre": "Comisión Estatal del Agua de Sonora"},
                               version=cea.version)
    total = servicios.auditoria.contar(jefa)
    assert total > 2 * 200

    pagina = abrir(PaginaAuditoria, servicios, jefa)
    modelo = pagina.modelo
    assert modelo.rowCount() == 200 and modelo.canFetchMore(QModelIndex())
    assert encabezados(modelo) == ["Fecha y hora", "Usuario", "Acción", "Tabla", "Registro"]
    assert [modelo.data(modelo.index(0, c)) for c in range(1, 4)] == ["admin", "Modificación", "Dependencias y entidades"]
    assert f"200 de {total}" in pagina.estado.text()

    # Selecting a row shows before and after side by side.
    pagina.lista.selectRow(0)
    detalle = pagina.modelo_detalle
    assert encabezados(detalle) == ["Campo", "Antes", "Después"]
    assert [(c.campo, c.antes, c.despues) for c in detalle.filas()] == [
        ("Nombre", "Comisión Estatal del Agua", "Comisión Estatal del Agua de Sonora")]
    assert "Modificación en Dependencias y entidades por admin" in pagina.encabezado.text()
    pagina.lista.selectRow(1)  # the user's creation: every field after, the password hidden
    cambios = {c.campo: (c.antes, c.despues) for c in detalle.filas()}
    assert cambios["Usuario"] == ("", "auditada") and cambios["Rol"] == ("", "atencion")
    assert cambios["Contraseña"] == ("", "***")

    # Scrolling to the bottom asks for the next page, until the whole log is there.
    barra = pagina.lista.verticalScrollBar()

    def al_fondo():
        qtbot.wait(5)  # the view lays out new rows (and grows its scroll bar) in a posted event
        barra.setValue(barra.maximum())

    al_fondo()
    assert modelo.rowCount() == 400
    for _ in range(total // 200 + 1):
        al_fondo()
    assert not modelo.canFetchMore(QModelIndex())
    assert modelo.rowCount() == total
    assert len({e.id for e in modelo.filas()}) == total
    assert pagina.estado.text() == f"Movimientos: {total}"


def test_bitacora_filtra_por_tabla_accion_y_usuario(qtbot, abrir, servicios, jefa):
    servicios.usuarios.agregar(jefa, "auditada", "atencion", "Usuaria Auditada", CONTRASENA, CONTRASENA)
    servicios.usuarios.desactivar(jefa, "auditada")
    pagina = abrir(PaginaAuditoria, servicios, jefa)
    tablas = [pagina.filtro_tabla.itemText(i) for i in range(pagina.filtro_tabla.count())]
    assert "Usuarios" in tablas and "Municipios" in tablas

    pagina.filtro_tabla.setCurrentIndex(pagina.filtro_tabla.findData("usuarios"))
    pagina.filtro_accion.setCurrentIndex(pagina.filtro_accion.findData("desactivar"))
    pagina.filtro_usuario.setCurrentIndex(pagina.filtro_usuario.findData("admin"))
    qtbot.waitUntil(lambda: pagina.modelo.rowCount() == 1, timeout=3000)  # after the filters' pause
    assert pagina.modelo.fila(0).accion == "desactivar" and not pagina.modelo.canFetchMore(QModelIndex())

    pagina.usar_desde.setChecked(True)
    pagina.desde.setDate(pagina.desde.date().addDays(40))  # a window with nothing in it
    pagina.aplicar_filtros()
    assert pagina.modelo.rowCount() == 0
    pagina.limpiar_filtros()
    assert pagina.modelo.rowCount() == 200 and not pagina.usar_desde.isChecked()


def test_bitacora_se_actualiza_al_volver_a_la_pagina(abrir, servicios, jefa):
    pagina = abrir(PaginaAuditoria, servicios, jefa)
    primera = pagina.modelo.fila(0)
    servicios.usuarios.agregar(jefa, "nueva", "campo", "Persona Nueva", CONTRASENA, CONTRASENA)
    pagina.mostrar()
    assert pagina.modelo.fila(0) != primera and pagina.modelo.fila(0).accion == "crear"


# --- the pages' models under pytest-qt's model tester ------------------------------------------
def test_modelos_de_las_paginas_pasan_qtmodeltester(qtmodeltester, abrir, servicios, jefa):
    for clase in (PaginaUsuarios, PaginaCatalogos):
        pagina = abrir(clase, servicios, jefa)
        qtmodeltester.check(pagina.modelo, force_py=True)
        pagina.recargar()
        qtmodeltester._cleanup()
    pagina = abrir(PaginaAuditoria, servicios, jefa)
    for modelo in (pagina.modelo, pagina.modelo_detalle):
        qtmodeltester.check(modelo, force_py=True)
        pagina.lista.selectRow(0)
        pagina.aplicar_filtros()
        qtmodeltester._cleanup()
