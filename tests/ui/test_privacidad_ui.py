"""The «Datos personales» page end to end: duplicates merged through the side-by-side dialog, the
access log and its filters, a citizen's data exported to a file and anonymized after typing the word.

Every page runs with `Tareas(sincrona=True)`: a click does its database work in place.
"""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from oee_desk.domain.roles import Rol
from oee_desk.services.privacidad import FiltroAccesos
from oee_desk.ui.dialogo_anonimizar import DialogoAnonimizar
from oee_desk.ui.dialogo_fusion import DialogoFusion
from oee_desk.ui.pagina_privacidad import PaginaPrivacidad
from oee_desk.ui.ventana_principal import VentanaPrincipal, clases_de_paginas

from conftest import sesion_con_rol
from conftest_admin import abrir, servicios  # noqa: F401
from conftest_shell import ajustes, tareas  # noqa: F401

CURP = "VAYJ800101HSRLCS00"


def _peticion(servicios, actor, ciudadano: dict | None = None, **extra):
    datos = {"fecha_recepcion": "2024-03-01T10:15:00", "canal": "call_center", "tema": "vivienda",
             "descripcion": "Solicita apoyo para vivienda", **extra}
    if "ciudadano_id" not in extra:
        datos["ciudadano"] = ciudadano
    return servicios.peticiones.registrar(actor, datos)


@pytest.fixture
def datos(servicios):
    """Two records of one person (same phone), one with two petitions; and someone else."""
    at = sesion_con_rol(servicios.bd, Rol.ATENCION)
    p1 = _peticion(servicios, at, {"nombre": "José María", "primer_apellido": "Valenzuela", "telefono": "6621234567",
                                   "curp": CURP, "municipio": "26030"})
    _peticion(servicios, at, ciudadano_id=str(p1.ciudadano.id), tema="salud")
    p2 = _peticion(servicios, at, {"nombre": "José", "primer_apellido": "Valenzuela", "segundo_apellido": "Yocupicio",
                                   "telefono": "662 123 4567", "correo": "jose@ejemplo.mx", "municipio": "26030"})
    otra = _peticion(servicios, at, {"nombre": "Guadalupe", "primer_apellido": "Moreno", "telefono": "6441112233",
                                     "municipio": "26018"})
    return {"atencion": at, "supervisor": sesion_con_rol(servicios.bd, Rol.SUPERVISOR), "conservar": p1.ciudadano,
            "absorber": p2.ciudadano, "otra": otra}


def _clic(qtbot, boton: QPushButton) -> None:
    assert boton.isEnabled(), boton.text()
    qtbot.mouseClick(boton, Qt.MouseButton.LeftButton)


def _textos(modelo, columna: int) -> list[str]:
    return [modelo.data(modelo.index(f, columna)) for f in range(modelo.rowCount())]


def test_solo_supervision_ve_la_pagina(qtbot, servicios, tareas, ajustes):
    assert PaginaPrivacidad in list(clases_de_paginas())
    for rol, visible in ((Rol.SUPERVISOR, True), (Rol.ADMIN, False), (Rol.ATENCION, False), (Rol.RECEPCION, False)):
        ventana = VentanaPrincipal(servicios, sesion_con_rol(servicios.bd, rol), tareas, ajustes,
                                   paginas=[PaginaPrivacidad])
        qtbot.addWidget(ventana)
        assert ("Datos personales" in ventana.titulos_visibles()) is visible, rol


def test_fusionar_desde_la_lista_de_duplicados(qtbot, abrir, servicios, datos):
    pagina = abrir(PaginaPrivacidad, servicios, datos["supervisor"])
    assert _textos(pagina.modelo_pares, 2) == ["mismo teléfono"]
    assert _textos(pagina.modelo_pares, 0)[0].startswith("José María Valenzuela · 6621234567")
    assert not pagina.boton_fusionar.isEnabled()
    pagina.tabla_pares.selectRow(0)
    _clic(qtbot, pagina.boton_fusionar)
    dialogo: DialogoFusion = pagina.dialogo
    assert dialogo.isVisible()
    # Side by side, one choice per field; an empty value gives way to the other record's by default.
    conservar, absorber = dialogo.radios["nombre"]
    assert (conservar.text(), absorber.text()) == ("José María", "José")
    assert conservar.isChecked()
    assert dialogo.radios["correo"][1].isChecked() and dialogo.radios["correo"][0].text() == "(vacío)"
    assert not dialogo.radios["municipio"][0].isEnabled()  # the same on both sides: nothing to choose
    dialogo.radios["segundo_apellido"][1].setChecked(True)
    assert dialogo.elecciones()["segundo_apellido"] == "absorber"
    assert "Peticiones: 2 en el registro que se conserva y 1" in dialogo.resumen.text()

    _clic(qtbot, dialogo.boton_fusionar)
    caja: QMessageBox = dialogo.confirmacion
    assert "Se fusionará «José Valenzuela Yocupicio» en «José María Valenzuela»" in caja.text()
    assert servicios.fusion.candidatos(datos["supervisor"])  # nothing written before confirming
    qtbot.mouseClick(caja.findChild(QPushButton, "botonConfirmar"), Qt.MouseButton.LeftButton)

    assert dialogo.result() == DialogoFusion.DialogCode.Accepted
    sup = datos["supervisor"]
    d = servicios.ciudadanos.obtener(sup, datos["conservar"].id)
    assert (d.nombre, d.segundo_apellido, d.correo, d.peticiones_total) == ("José María", "Yocupicio",
                                                                            "jose@ejemplo.mx", 3)
    assert servicios.ciudadanos.obtener(sup, datos["absorber"].id).id == datos["conservar"].id
    assert pagina.modelo_pares.rowCount() == 0
    assert pagina.estado_pares.text() == "No hay posibles duplicados."
    acciones = _textos(pagina.accesos.modelo, 2)
    assert acciones.count("Fusión") == 2 and "Consulta" in acciones  # opening both records is logged too


def test_registro_de_accesos_con_filtros(qtbot, abrir, servicios, datos):
    servicios.ciudadanos.obtener(datos["atencion"], datos["conservar"].id, motivo="llamada de seguimiento")
    servicios.peticiones.obtener(datos["atencion"], datos["otra"].folio)
    pagina = abrir(PaginaPrivacidad, servicios, datos["supervisor"])
    panel = pagina.accesos
    pagina.pestanas.setCurrentWidget(panel)
    assert _textos(panel.modelo, 1) == ["prueba_atencion", "prueba_atencion"]
    assert _textos(panel.modelo, 3) == ["Guadalupe Moreno", "José María Valenzuela"]
    assert _textos(panel.modelo, 4) == [f"petición {datos['otra'].folio}", "llamada de seguimiento"]
    assert panel.estado.text() == "Accesos: 2"
    assert [panel.filtro_usuario.itemText(i) for i in range(panel.filtro_usuario.count())] == [
        "Todos los usuarios", "prueba_atencion"]
    panel.filtro_accion.setCurrentIndex(panel.filtro_accion.findData("exportar"))
    panel.aplicar_filtros()
    assert panel.modelo.rowCount() == 0

    # From a citizen in «Derechos del titular» to their rows of the log.
    panel.filtro_accion.setCurrentIndex(0)
    pagina.pestanas.setCurrentIndex(2)
    pagina.buscador.setText("moreno")
    pagina.buscar()
    assert _textos(pagina.modelo_ciudadanos, 0) == ["Guadalupe Moreno"]
    _clic(qtbot, pagina.boton_ver_accesos)
    assert pagina.pestanas.currentWidget() is panel
    assert panel.ciudadano.text() == "Ciudadano: Guadalupe Moreno"
    assert _textos(panel.modelo, 3) == ["Guadalupe Moreno"]
    _clic(qtbot, panel.boton_quitar)
    assert panel.modelo.rowCount() == 2


def test_exportar_los_datos_del_titular_a_un_archivo(qtbot, abrir, servicios, datos, tmp_path, monkeypatch):
    pagina = abrir(PaginaPrivacidad, servicios, datos["supervisor"])
    pagina.pestanas.setCurrentIndex(2)
    destino = tmp_path / "titular.json"
    monkeypatch.setattr(pagina, "elegir_archivo", lambda sugerido: str(destino))
    qtbot.keyClicks(pagina.buscador, CURP)
    pagina.buscar()
    assert _textos(pagina.modelo_ciudadanos, 0) == ["José María Valenzuela"]
    _clic(qtbot, pagina.boton_exportar)
    contenido = json.loads(destino.read_text(encoding="utf-8"))
    assert contenido["ciudadano"]["curp"] == CURP and contenido["ciudadano"]["telefono"] == "6621234567"
    assert len(contenido["peticiones"]) == 2
    assert [a["accion"] for a in contenido["accesos"]] == ["exportar"]
    assert "Datos exportados a" in pagina.estado_titular.text()
    assert _textos(pagina.accesos.modelo, 2) == ["Exportación"]


def test_anonimizar_pide_motivo_y_la_palabra(qtbot, abrir, servicios, datos):
    pagina = abrir(PaginaPrivacidad, servicios, datos["supervisor"])
    pagina.pestanas.setCurrentIndex(2)
    pagina.buscador.setText("Guadalupe")
    pagina.buscar()
    _clic(qtbot, pagina.boton_anonimizar)
    dialogo: DialogoAnonimizar = pagina.dialogo
    assert dialogo.isVisible() and "«Guadalupe Moreno»" in dialogo.aviso.text()
    assert not dialogo.boton_anonimizar.isEnabled()
    qtbot.keyClicks(dialogo.confirmacion, "ANONIMIZAR")
    assert not dialogo.boton_anonimizar.isEnabled()  # a reason is required too
    dialogo.motivo.setPlainText("Solicitud de cancelación del titular")
    dialogo.confirmacion.setText("anonimizar")
    assert not dialogo.boton_anonimizar.isEnabled()
    dialogo.confirmacion.setText("ANONIMIZAR")
    _clic(qtbot, dialogo.boton_anonimizar)

    assert dialogo.result() == DialogoAnonimizar.DialogCode.Accepted
    assert pagina.estado_titular.text() == "El ciudadano fue anonimizado; sus peticiones siguen contando."
    assert servicios.ciudadanos.buscar(datos["atencion"], "Guadalupe") == []
    p = servicios.peticiones.obtener(datos["supervisor"], datos["otra"].folio)
    assert p.ciudadano.nombre_completo == "Anónimo" and p.descripcion == "Solicita apoyo para vivienda"
    filas = servicios.privacidad.listar_accesos(datos["supervisor"], FiltroAccesos(accion="anonimizar"))
    assert [(f.usuario, f.detalle) for f in filas] == [("prueba_supervisor", "Solicitud de cancelación del titular")]
