"""'Importar historia de Correspondencia' (ui/importar_oficios.py): offered in the Archivo menu to the
roles that may register oficios (recepción: the permission the import service requires); loads the
office's spreadsheet with a progress bar, lists the bad rows with their reason and writes nothing of
them; loading the same file again adds nothing; «Solo validar» and a file with wrong columns write
nothing. On SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from sqlalchemy import func, select

from conftest import sesion_con_rol
from oee_desk.db.modelos_correspondencia import Oficio, Turno
from oee_desk.domain.roles import Rol
from oee_desk.services import Servicios
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.importar_oficios import COLUMNAS
from oee_desk.ui.ajustes import Ajustes
from oee_desk.ui.importar_oficios import DialogoImportarOficios
from oee_desk.ui.pagina_inicio import PaginaInicio
from oee_desk.ui.tareas import Tareas
from oee_desk.ui.ventana_principal import VentanaPrincipal

TEXTO_MENU = "Importar historia de Correspondencia…"


def fila(**valores) -> dict:
    base = {c: None for c in COLUMNAS}
    base.update({"serie": "03.01", "fecha_recepcion": dt.datetime(2021, 3, 1, 9, 30),
                 "remitente": "Lic. Ana Ruiz Félix", "cargo": "Presidenta Municipal",
                 "institucion": "H. Ayuntamiento de Álamos", "asunto": "Apoyo para pavimentación", "estatus": "atendido"})
    return {**base, **valores}


def libro(ruta, filas: list[dict]):
    hoja = (wb := Workbook()).active
    hoja.append(list(filas[0]))
    for datos in filas:
        hoja.append(list(datos.values()))
    wb.save(ruta)
    return str(ruta)


@pytest.fixture
def servicios(bd) -> Servicios:  # bd: SQLite and PostgreSQL (tests/conftest.py)
    return Servicios.de(bd)


@pytest.fixture
def recepcion(servicios):
    return sesion_con_rol(servicios.bd, Rol.RECEPCION)


@pytest.fixture
def tareas(qapp) -> Tareas:
    return Tareas(sincrona=True)


@pytest.fixture
def ajustes(tmp_path, qapp) -> Ajustes:
    return Ajustes(tmp_path / "ajustes.ini")


@pytest.fixture
def historia(tmp_path) -> str:
    """Two good rows (one numbered, one to be numbered) and three bad ones (rows 4, 5 and 6)."""
    return libro(tmp_path / "historia.xlsx", [
        fila(numero_control="03.01-1034/21", turnado_a="SIDUR", numero_oficio_remitente=312),
        fila(fecha_recepcion="2021-03-02T10:00", remitente="C. Ramón Buitimea", cargo=None, institucion="Ejido Pótam",
             asunto="Solicitud de pozo", estatus="sin atender"),
        fila(numero_control="03.01-1036/21", remitente=None, asunto="Sin remitente"),
        fila(fecha_recepcion="2099-01-04T09:00", asunto="Llega del futuro"),
        fila(asunto="Turno a nadie", turnado_a="XYZ"),
    ])


def cuentas(bd) -> tuple[int, int]:
    with bd.lectura() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Oficio, Turno))


def tabla(d: DialogoImportarOficios) -> list[list[str]]:
    t = d.errores
    return [[t.item(n, m).text() for m in range(t.columnCount())] for n in range(t.rowCount())]


@pytest.fixture
def dialogo(qtbot, servicios, tareas):
    def _abrir(rol=Rol.RECEPCION) -> DialogoImportarOficios:
        d = DialogoImportarOficios(servicios, sesion_con_rol(servicios.bd, rol), tareas)
        qtbot.addWidget(d)
        d.show()
        return d
    return _abrir


@pytest.mark.parametrize("rol, ofrecido", [(Rol.RECEPCION, True), (Rol.SUPERVISOR, False), (Rol.ADMIN, False),
                                           (Rol.ATENCION, False)])
def test_el_menu_archivo_lo_ofrece_a_quien_registra_oficios(qtbot, servicios, tareas, ajustes, rol, ofrecido):
    ventana = VentanaPrincipal(servicios, sesion_con_rol(servicios.bd, rol), tareas, ajustes, paginas=[PaginaInicio])
    qtbot.addWidget(ventana)
    menu = ventana.menuBar().actions()[0].menu()
    textos = [a.text() for a in menu.actions() if a.text()]
    assert (TEXTO_MENU in textos) is ofrecido
    assert (ventana.accion_importar_oficios is not None) is ofrecido
    if ofrecido:
        assert textos.index(TEXTO_MENU) < textos.index("Cerrar sesión")
        ventana.accion_importar_oficios.trigger()
        abierto = ventana.findChild(DialogoImportarOficios)
        assert abierto is not None and abierto.isVisible()
        assert abierto.windowTitle() == "Importar historia de Correspondencia"
        abierto.reject()


def test_importa_lo_bueno_lista_lo_malo_y_no_duplica(qtbot, dialogo, servicios, recepcion, historia, monkeypatch):
    d = dialogo()
    assert not d.boton_importar.isEnabled()  # nothing chosen yet
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (historia, ""))
    qtbot.mouseClick(d.findChild(QPushButton, "elegirArchivo"), Qt.MouseButton.LeftButton)
    assert d.archivo.text() == historia and d.boton_importar.isEnabled()
    antes = cuentas(servicios.bd)

    qtbot.mouseClick(d.boton_importar, Qt.MouseButton.LeftButton)
    assert "Oficios: leídas 5, cargadas 2, ya existían 0, omitidas 3." in d.resumen.text()
    assert "3 filas con errores no se cargaron" in d.resumen.text()
    assert d.resumen.property("estado") == "aviso"
    assert d.errores.isVisible()
    assert tabla(d) == [["4", "remitente", "es obligatorio"],
                        ["5", "fecha_recepcion", "no puede estar en el futuro"],
                        ["6", "turnado_a", "«XYZ» no existe en el catálogo de dependencias"]]
    assert d.progreso.value() == d.progreso.maximum() and d.boton_cerrar.isEnabled()

    assert cuentas(servicios.bd) == (antes[0] + 2, antes[1] + 1)  # nothing of the bad rows
    correspondencia = ServicioCorrespondencia(servicios.bd)
    numerado = correspondencia.obtener(recepcion, "03.01-1034/21")
    assert numerado.remitente["nombre"] == "Lic. Ana Ruiz Félix" and numerado.numero_oficio_remitente == "312"
    assert [t.dependencia for t in numerado.turnos] == ["SIDUR"]
    # The row without a number took the next one after the highest imported: the counter was raised.
    assert correspondencia.obtener(recepcion, "03.01-1035/21").asunto == "Solicitud de pozo"
    assert not correspondencia.buscar(recepcion, "Sin remitente") and not correspondencia.buscar(recepcion, "futuro")

    # Again: nothing new; the table still says which rows need fixing.
    despues = cuentas(servicios.bd)
    qtbot.mouseClick(d.boton_importar, Qt.MouseButton.LeftButton)
    assert "Oficios: leídas 5, cargadas 0, ya existían 2, omitidas 3." in d.resumen.text()
    assert len(tabla(d)) == 3
    assert cuentas(servicios.bd) == despues


def test_solo_validar_no_escribe_y_columnas_malas_se_explican(qtbot, dialogo, servicios, historia, tmp_path):
    d = dialogo()
    d.archivo.setText(historia)
    d.simular.setChecked(True)
    antes = cuentas(servicios.bd)
    qtbot.mouseClick(d.boton_importar, Qt.MouseButton.LeftButton)
    assert "cargadas 2" in d.resumen.text() and "Simulación: no se escribió nada." in d.resumen.text()
    assert len(tabla(d)) == 3
    assert cuentas(servicios.bd) == antes

    d.simular.setChecked(False)
    d.archivo.setText(libro(tmp_path / "malas.xlsx", [{"serie": "03.01", "asunto": "¿Quién lo manda?"}]))
    qtbot.mouseClick(d.boton_importar, Qt.MouseButton.LeftButton)
    texto = d.resumen.text()
    assert "columnas" in texto and "faltan en el archivo" in texto and "remitente" in texto
    assert "No se escribió nada." in texto and d.resumen.property("estado") == "error"
    assert not d.errores.isVisible() and not d.progreso.isVisible() and d.boton_importar.isEnabled()
    d.archivo.setText(str(tmp_path / "no_existe.xlsx"))
    qtbot.mouseClick(d.boton_importar, Qt.MouseButton.LeftButton)
    assert "archivo" in d.resumen.text() and "no existe" in d.resumen.text()
    assert cuentas(servicios.bd) == antes
