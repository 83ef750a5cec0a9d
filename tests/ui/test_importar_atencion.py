"""'Importar historia de Atención Ciudadana' (ui/importar_atencion.py): offered in the Archivo menu
to supervisión and administración only; loads the two files with a progress bar and lists the bad
rows; «Solo validar» writes nothing; a file with wrong columns is explained."""
from __future__ import annotations

import csv

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from conftest import sesion_con_rol
from conftest_shell import ajustes, servicios, tareas  # noqa: F401
from sqlalchemy import func, select

from oee_desk.db.modelos_atencion import Peticion, Seguimiento
from oee_desk.services.importar_peticiones import COLUMNAS
from oee_desk.domain.roles import Rol
from oee_desk.services.peticiones import ServicioPeticiones
from oee_desk.ui.importar_atencion import DialogoImportarAtencion
from oee_desk.ui.pagina_inicio import PaginaInicio
from oee_desk.ui.tareas import Tareas
from oee_desk.ui.ventana_principal import VentanaPrincipal

TEXTO_MENU = "Importar historia de Atención Ciudadana…"


def fila(**valores) -> dict:
    base = {c: "" for c in COLUMNAS}
    base.update({"fecha_recepcion": "2022-03-04T10:00", "canal": "call_center", "nombre": "Luis",
                 "primer_apellido": "Soto", "telefono": "6621112233", "tema": "vivienda",
                 "descripcion": "Solicita apoyo para techo"})
    return {**base, **valores}


def seg(folio, fecha, tipo, nota="") -> dict:
    return {"folio": folio, "fecha": fecha, "tipo": tipo, "nota": nota}


def escribir(tmp_path, filas: list[dict], formato: str = "csv", nombre: str = "peticiones"):
    ruta = tmp_path / f"{nombre}.{formato}"
    if formato == "csv":
        with ruta.open("w", encoding="utf-8", newline="") as f:
            escritor = csv.DictWriter(f, list(filas[0]))
            escritor.writeheader()
            escritor.writerows(filas)
    else:
        libro = Workbook()
        libro.active.append(list(filas[0]))
        for datos in filas:
            libro.active.append([v or None for v in datos.values()])
        libro.save(ruta)
    return ruta


def cuentas(bd) -> dict:
    with bd.lectura() as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in (Peticion, Seguimiento)}


@pytest.fixture
def archivos(tmp_path):
    peticiones = escribir(tmp_path, [fila(folio="AC-2022-000500"), fila(descripcion="Sin folio"), fila(canal="fax")],
                          "xlsx")
    seguimientos = escribir(tmp_path, [seg("AC-2022-000500", "2022-03-05", "cierre"),
                                       seg("AC-2022-000999", "2022-03-05", "visita")], "csv", "seguimientos")
    return str(peticiones), str(seguimientos)


@pytest.fixture
def dialogo(qtbot, servicios, tareas):
    def _abrir(rol=Rol.SUPERVISOR, tareas=tareas) -> DialogoImportarAtencion:
        d = DialogoImportarAtencion(servicios, sesion_con_rol(servicios.bd, rol), tareas)
        qtbot.addWidget(d)
        d.show()
        return d
    return _abrir


@pytest.mark.parametrize("rol, ofrecido", [(Rol.SUPERVISOR, True), (Rol.ADMIN, True), (Rol.ATENCION, False),
                                           (Rol.RECEPCION, False)])
def test_el_menu_archivo_lo_ofrece_a_quien_puede_importar(qtbot, servicios, tareas, ajustes, rol, ofrecido):
    ventana = VentanaPrincipal(servicios, sesion_con_rol(servicios.bd, rol), tareas, ajustes, paginas=[PaginaInicio])
    qtbot.addWidget(ventana)
    menu = ventana.menuBar().actions()[0].menu()
    textos = [a.text() for a in menu.actions() if a.text()]
    assert (TEXTO_MENU in textos) is ofrecido
    assert (ventana.accion_importar_atencion is not None) is ofrecido
    if ofrecido:
        ventana.accion_importar_atencion.trigger()
        abierto = ventana.findChild(DialogoImportarAtencion)
        assert abierto is not None and abierto.isVisible()
        assert abierto.windowTitle() == "Importar historia de Atención Ciudadana"
        abierto.reject()


def test_importa_ambos_archivos_y_lista_las_filas_malas(qtbot, dialogo, servicios, archivos, monkeypatch):
    d = dialogo()
    assert not d.boton_importar.isEnabled()  # nothing chosen yet
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (archivos[0], ""))
    qtbot.mouseClick(d.findChild(type(d.boton_importar), "elegirPeticiones"), Qt.MouseButton.LeftButton)
    assert d.archivo_peticiones.text() == archivos[0] and d.boton_importar.isEnabled()
    d.archivo_seguimientos.setText(archivos[1])
    antes = cuentas(servicios.bd)

    qtbot.mouseClick(d.boton_importar, Qt.MouseButton.LeftButton)
    peticiones, seguimientos = d.resultado
    assert (peticiones.cargadas, peticiones.omitidas, seguimientos.cargadas, seguimientos.omitidas) == (2, 1, 1, 1)
    assert "Peticiones: leídas 3, cargadas 2, ya existían 0, omitidas 1." in d.resumen.text()
    assert "Seguimientos: leídas 2, cargadas 1" in d.resumen.text()
    assert d.resumen.property("estado") == "aviso"
    tabla = d.errores
    assert tabla.isVisible() and tabla.rowCount() == 2
    assert [[tabla.item(n, m).text() for m in range(3)] for n in range(2)] == [
        ["peticiones", "4", "canal"], ["seguimientos", "3", "folio"]]
    assert d.progreso.value() == d.progreso.maximum()
    despues = cuentas(servicios.bd)
    assert (despues["peticiones"] - antes["peticiones"], despues["seguimientos"] - antes["seguimientos"]) == (2, 1)
    supervisor = sesion_con_rol(servicios.bd, Rol.SUPERVISOR)
    assert ServicioPeticiones(servicios.bd).obtener(supervisor, "AC-2022-000500").estatus == "concluida"

    # Again: nothing new, the table says which rows still need fixing.
    qtbot.mouseClick(d.boton_importar, Qt.MouseButton.LeftButton)
    assert (d.resultado[0].ya_existian, d.resultado[1].ya_existian) == (2, 1)
    assert cuentas(servicios.bd) == despues


def test_solo_validar_no_escribe_y_columnas_malas_se_explican(qtbot, dialogo, servicios, archivos, tmp_path):
    d = dialogo(Rol.ADMIN)
    d.archivo_peticiones.setText(archivos[0])
    d.archivo_seguimientos.setText(archivos[1])
    d.simular.setChecked(True)
    antes = cuentas(servicios.bd)
    qtbot.mouseClick(d.boton_importar, Qt.MouseButton.LeftButton)
    assert d.resultado[0].cargadas == 2 and d.resultado[1].cargadas == 1  # the folio of the first file is found
    assert "Simulación: no se escribió nada." in d.resumen.text()
    assert cuentas(servicios.bd) == antes

    malas = escribir(tmp_path, [{"folio": "", "fecha": "2022-01-01", "asunto": "¿oficios?"}], nombre="malas")
    d.archivo_peticiones.setText(str(malas))
    d.archivo_seguimientos.setText("")
    qtbot.mouseClick(d.boton_importar, Qt.MouseButton.LeftButton)
    texto = d.resumen.text()
    assert "peticiones.columnas" in texto and "faltan" in texto and "«asunto»" in texto
    assert "No se escribió nada." in texto and d.resumen.property("estado") == "error"
    assert not d.errores.isVisible() and not d.progreso.isVisible() and d.boton_importar.isEnabled()
    d.archivo_peticiones.setText(str(tmp_path / "no_existe.xlsx"))
    qtbot.mouseClick(d.boton_importar, Qt.MouseButton.LeftButton)
    assert "peticiones.archivo" in d.resumen.text()
    assert cuentas(servicios.bd) == antes


def test_la_barra_avanza_mientras_trabaja_en_otro_hilo(qtbot, dialogo, servicios, tmp_path):
    en_hilo = Tareas()
    d = dialogo(tareas=en_hilo)
    d.archivo_peticiones.setText(str(escribir(tmp_path, [fila(descripcion=f"P{i}") for i in range(2500)])))
    avances = []
    d.progreso.valueChanged.connect(avances.append)
    qtbot.mouseClick(d.boton_importar, Qt.MouseButton.LeftButton)
    assert not d.boton_importar.isEnabled() or d.resultado is not None
    qtbot.waitUntil(lambda: d.resultado is not None, timeout=120_000)
    assert d.resultado[0].cargadas == 2500
    assert len(set(avances)) > 2 and d.boton_cerrar.isEnabled()
    en_hilo.esperar()
