"""«Series de control» from the catalogs page: the admin raises a series' next number for a year, the
next registration takes it; lowering it is refused in the service's words with nothing written; only
the administration sees the button (services.numeracion.ServicioSeries)."""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from oee_desk.domain.roles import Rol
from oee_desk.services import Servicios
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.ui.pagina_catalogos import PaginaCatalogos

import conftest_admin
from conftest import sesion_con_rol

abrir, servicios = conftest_admin.abrir, conftest_admin.servicios  # the admin pages' fixtures

ANIO = dt.date.today().year
YY = f"{ANIO % 100:02d}"


def oficio(**cambios) -> dict:
    """A valid matter received a minute ago (this year), numbered in 03.01 unless told."""
    recibido = (dt.datetime.now() - dt.timedelta(minutes=1)).replace(microsecond=0)
    datos = {"serie": "03.01", "fecha_recepcion": recibido.isoformat(), "fecha_documento": recibido.date().isoformat(),
             "remitente": {"nombre": "Lic. Ana Ruiz Félix", "cargo": "Presidenta Municipal",
                           "institucion": "H. Ayuntamiento de Álamos"},
             "destinatario": "gobernador", "numero_oficio_remitente": f"PM/{uuid.uuid4().hex[:8]}",
             "asunto": "Solicitud de apoyo para la rehabilitación del mercado municipal",
             "tipo_documento": "oficio", "prioridad": "normal"}
    datos.update(cambios)
    return datos


def abrir_dialogo(qtbot, pagina):
    assert pagina.boton_series.isVisible() and pagina.boton_series.text() == "Series de control…"
    qtbot.mouseClick(pagina.boton_series, Qt.MouseButton.LeftButton)
    dialogo = pagina.dialogo_series
    assert dialogo is not None and dialogo.isVisible() and dialogo.windowTitle() == "Series de control"
    return dialogo


def escribir_numero(qtbot, dialogo, numero: int) -> None:
    dialogo.nuevo.setFocus()
    dialogo.nuevo.selectAll()
    qtbot.keyClicks(dialogo.nuevo, str(numero))
    assert dialogo.nuevo.value() == numero


def cajas(dialogo, nombre: str) -> list[QMessageBox]:
    return [c for c in dialogo.findChildren(QMessageBox, nombre) if c.isVisible()]


def test_admin_sube_el_siguiente_numero_y_el_proximo_registro_lo_lleva(qtbot, abrir, bd, admin):
    servicios = Servicios.de(bd)
    recepcion = sesion_con_rol(bd, Rol.RECEPCION)
    correspondencia = ServicioCorrespondencia(bd)
    primero = correspondencia.registrar(recepcion, oficio())
    actual = primero.numero + 1

    pagina = abrir(PaginaCatalogos, servicios, admin)
    dialogo = abrir_dialogo(qtbot, pagina)
    combo = dialogo.serie
    assert [combo.itemData(i) for i in range(combo.count())] == ["03.01", "AC", "CAN", "GIRA", "NJ"]
    assert combo.itemText(0) == "03.01 — Correspondencia dirigida al C. Gobernador"
    assert dialogo.anio.value() == ANIO  # the current year unless told
    assert dialogo.siguiente.text() == f"{actual}   (03.01-{actual}/{YY})"

    # Another series or year shows its own counter.
    combo.setCurrentIndex(combo.findData("NJ"))
    assert dialogo.siguiente.text().startswith("1   (NJ 03.01-1)")
    combo.setCurrentIndex(combo.findData("03.01"))
    assert dialogo.siguiente.text().startswith(f"{actual}   ")

    # Intro saves, after asking; nothing is written until the answer.
    escribir_numero(qtbot, dialogo, 1500)
    qtbot.keyClick(dialogo.nuevo, Qt.Key.Key_Return)
    caja = dialogo.confirmacion
    assert caja is not None and caja.isVisible()
    assert caja.text() == (f"El siguiente número de 03.01 en {ANIO} será 1500; los números {actual} a 1499 "
                           "no se usarán. ¿Continuar?")
    assert caja.defaultButton().text() == "Cancelar"
    assert servicios.series.siguiente(admin, "03.01", ANIO) == actual
    qtbot.mouseClick(caja.findChild(QPushButton, "botonConfirmar"), Qt.MouseButton.LeftButton)

    assert dialogo.isVisible()  # stays open with the result
    assert dialogo.resultado.isVisible()
    assert dialogo.resultado.text() == f"Listo: el siguiente número de 03.01 en {ANIO} es 1500 (03.01-1500/{YY})."
    assert dialogo.siguiente.text() == f"1500   (03.01-1500/{YY})"
    assert not dialogo.campos.error("siguiente").isVisible()
    assert servicios.series.siguiente(admin, "03.01", ANIO) == 1500
    assert servicios.series.siguiente(admin, "NJ", ANIO) == 1  # other series untouched

    registrado = correspondencia.registrar(recepcion, oficio())
    assert (registrado.numero, registrado.numero_control) == (1500, f"03.01-1500/{YY}")
    assert correspondencia.registrar(recepcion, oficio()).numero_control == f"03.01-1501/{YY}"

    qtbot.keyClick(dialogo, Qt.Key.Key_Escape)  # Esc closes
    assert not dialogo.isVisible() and pagina.dialogo_series is None


def test_bajar_o_repetir_el_numero_se_explica_bajo_el_campo_y_no_escribe(qtbot, abrir, bd, admin):
    servicios = Servicios.de(bd)
    servicios.series.ajustar(admin, "03.01", ANIO, 1500)
    bitacora = servicios.auditoria.contar(admin)
    pagina = abrir(PaginaCatalogos, servicios, admin)
    dialogo = abrir_dialogo(qtbot, pagina)
    assert dialogo.siguiente.text().startswith("1500   ")
    error = dialogo.campos.error("siguiente")

    escribir_numero(qtbot, dialogo, 1200)
    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert not cajas(dialogo, "cajaConfirmacion")  # nothing skipped: nothing to confirm
    assert not cajas(dialogo, "cajaError")  # the sentence goes under the field, not in a box
    assert error.isVisible()
    assert error.text() == f"El siguiente número de 03.01 en {ANIO} ya es 1500; solo puede subirse, nunca bajarse."
    assert dialogo.nuevo.value() == 1200  # what was typed stays
    assert not dialogo.resultado.isVisible()

    escribir_numero(qtbot, dialogo, 1500)  # touching the field clears the complaint
    assert not error.isVisible()
    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert error.isVisible() and "ya es 1500; escriba uno mayor" in error.text()
    assert not cajas(dialogo, "cajaConfirmacion")

    assert servicios.series.siguiente(admin, "03.01", ANIO) == 1500
    assert servicios.auditoria.contar(admin) == bitacora
    assert dialogo.siguiente.text().startswith("1500   ")
    registrado = ServicioCorrespondencia(bd).registrar(sesion_con_rol(bd, Rol.RECEPCION), oficio())
    assert registrado.numero_control == f"03.01-1500/{YY}"


@pytest.mark.parametrize("rol", [Rol.SUPERVISOR, Rol.RECEPCION, Rol.ATENCION])
def test_sin_el_boton_para_quien_no_administra(abrir, servicios, bd_sqlite, rol):
    pagina = abrir(PaginaCatalogos, servicios, sesion_con_rol(bd_sqlite, rol))
    assert pagina.modelo.rowCount() > 0  # the page itself works
    assert not pagina.boton_series.isVisible()
    assert "Series de control…" not in [b.text() for b in pagina.findChildren(QPushButton) if b.isVisible()]
    pagina.abrir_series()  # nor does its shortcut open anything
    assert pagina.dialogo_series is None
