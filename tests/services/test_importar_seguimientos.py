"""`importar seguimientos`: follow-up history appended to imported petitions, moving their status
in date order; idempotent by (folio, fecha, tipo, nota); bad rows listed; simulation writes nothing;
petitions and follow-ups in one transaction (importar_historia)."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from conftest import sesion_con_rol
from oee_desk.db.modelos import Auditoria
from oee_desk.db.modelos_atencion import Peticion
from oee_desk.domain.errores import ErrorValidacion, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services.archivos import leer_filas
from oee_desk.services.importar_peticiones import ServicioImportarPeticiones, importar_historia
from oee_desk.services.importar_seguimientos import COLUMNAS, ServicioImportarSeguimientos
from oee_desk.services.peticiones import ServicioPeticiones
from test_importar_peticiones import cuentas, escribir, fila

PETICIONES = [
    fila(folio="AC-2022-000500", fecha_recepcion="2022-03-01T10:15", canalizado_a="SIDUR"),
    fila(folio="AC-2022-000501", fecha_recepcion="2022-03-02T09:00", descripcion="Segunda"),
    fila(folio="AC-2022-000502", fecha_recepcion="2022-03-03T09:00", descripcion="Tercera"),
]


def seg(folio, fecha, tipo, nota="") -> dict:
    return {"folio": folio, "fecha": fecha, "tipo": tipo, "nota": nota}


SEGUIMIENTOS = [
    # a day without time on the day it arrived: that day, not before the petition
    seg("AC-2022-000500", "2022-03-01", "Llamada saliente", "Se le informó del trámite"),
    seg("ac-2022-501", "10/03/2022 12:00", "cierre", "Concluida por la dependencia"),
    seg("AC-2022-000501", "2022-03-05", "visita"),  # before the closing: it stays concluded
    seg("AC-2022-000999", "2022-03-05", "visita"),
    seg("AC-2022-000502", "2022-02-01", "visita"),
    seg("AC-2022-000502", "2022-03-05", "telegrama"),
    seg("AC-2022-000502", "2099-01-01", "visita"),
    seg("AC-2022-000500", "2022-03-01", "llamada_saliente", "Se le informó del trámite"),  # the first row again
]


@pytest.fixture
def supervisor(bd):
    return sesion_con_rol(bd, Rol.SUPERVISOR)


@pytest.fixture
def peticiones_cargadas(bd, supervisor):
    resumen = ServicioImportarPeticiones(bd).importar(supervisor, PETICIONES)
    assert resumen.cargadas == 3 and resumen.errores == []


def estado(bd, folio: str) -> tuple:
    with bd.lectura() as s:
        p = s.scalars(select(Peticion).where(Peticion.folio == folio)).one()
        return p.estatus, p.fecha_conclusion, p.resultado, p.version


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_seguimientos_mueven_el_estatus_y_no_se_duplican(bd, supervisor, peticiones_cargadas, tmp_path, formato):
    servicio = ServicioImportarSeguimientos(bd)
    antes = cuentas(bd)
    ruta = escribir(tmp_path, SEGUIMIENTOS, formato, "seguimientos", COLUMNAS[:4])
    resumen = servicio.importar(supervisor, leer_filas(ruta))
    assert (resumen.leidas, resumen.cargadas, resumen.ya_existian, resumen.omitidas) == (8, 3, 1, 4)
    assert [(e["fila"], e["columna"]) for e in resumen.errores] == [(5, "folio"), (6, "fecha"), (7, "tipo"),
                                                                   (8, "fecha")]
    motivos = [e["motivo"] for e in resumen.errores]
    assert "AC-2022-000999" in motivos[0] and "anterior a la recepción" in motivos[1] and "futuro" in motivos[3]

    assert estado(bd, "AC-2022-000500") == ("en_seguimiento", None, None, 2)
    assert estado(bd, "AC-2022-000501") == ("concluida", dt.date(2022, 3, 10), None, 2)
    assert estado(bd, "AC-2022-000502") == ("recibida", None, None, 1)
    linea = ServicioPeticiones(bd).obtener(supervisor, "AC-2022-000500").seguimientos
    assert [(x.fecha, x.tipo, x.nota) for x in linea] == [
        (dt.datetime(2022, 3, 1, 10, 15), "llamada_saliente", "Se le informó del trámite")]
    despues = cuentas(bd)
    assert despues["seguimientos"] - antes["seguimientos"] == 3
    with bd.lectura() as s:
        auditadas = s.execute(select(Auditoria.tabla, func.count()).where(
            Auditoria.accion == "importar", Auditoria.tabla.in_(["seguimientos", "peticiones"]))
            .group_by(Auditoria.tabla)).all()
    # 3 follow-ups, 3 petitions created by the fixture and 2 whose status moved
    assert dict(auditadas) == {"seguimientos": 3, "peticiones": 5}

    otra_vez = servicio.importar(supervisor, leer_filas(ruta))
    assert (otra_vez.cargadas, otra_vez.ya_existian, otra_vez.omitidas) == (0, 4, 4)
    assert cuentas(bd) == despues
    assert estado(bd, "AC-2022-000501") == ("concluida", dt.date(2022, 3, 10), None, 2)


def test_resultado_opcional_y_anuladas_no_cambian(bd, supervisor, tmp_path):
    ServicioImportarPeticiones(bd).importar(supervisor, [
        fila(folio="AC-2022-000001"), fila(folio="AC-2022-000002", estatus="anulada", descripcion="Otra")])
    resumen = ServicioImportarSeguimientos(bd).importar(supervisor, [
        {**seg("AC-2022-000001", "2022-03-20", "Cierre"), "resultado": "Favorable"},
        {**seg("AC-2022-000002", "2022-03-20", "cierre"), "resultado": ""},
        {**seg("AC-2022-000001", "2022-03-21", "visita"), "resultado": "favorable"}])
    assert [(e["fila"], e["columna"]) for e in resumen.errores] == [(4, "resultado")]
    assert estado(bd, "AC-2022-000001")[:3] == ("concluida", dt.date(2022, 3, 20), "favorable")
    assert estado(bd, "AC-2022-000002") == ("anulada", None, None, 1)


def test_simular_y_permisos_y_columnas(bd, supervisor, peticiones_cargadas, tmp_path):
    atencion = sesion_con_rol(bd, Rol.ATENCION)
    antes = cuentas(bd)
    resumen = ServicioImportarSeguimientos(bd).importar(supervisor, SEGUIMIENTOS, simular=True)
    assert resumen.cargadas == 3 and cuentas(bd) == antes
    assert estado(bd, "AC-2022-000501") == ("recibida", None, None, 1)
    with pytest.raises(PermisoDenegado):
        ServicioImportarSeguimientos(bd).importar(atencion, SEGUIMIENTOS)
    with pytest.raises(ErrorValidacion) as e:
        ServicioImportarSeguimientos(bd).importar(supervisor, [{"folio": "AC-2022-000500", "fecha": "2022-03-02",
                                                                "nota": "sin tipo", "operador": "Ana"}])
    assert {p.campo for p in e.value.problemas} == {"columnas"}
    assert "tipo" in str(e.value) and "operador" in str(e.value)
    assert cuentas(bd) == antes


def test_peticiones_y_seguimientos_en_una_transaccion(bd, supervisor):
    """Simulating both files finds the folios the first one brings; nothing is written either way."""
    antes = cuentas(bd)
    seguimientos = [seg("AC-2022-000500", "2022-03-02", "llamada entrante"), seg("AC-2022-000777", "2022-03-02",
                                                                               "visita")]
    r_pet, r_seg = importar_historia(bd, supervisor, PETICIONES, seguimientos, simular=True)
    assert r_pet.cargadas == 3 and r_seg.cargadas == 1
    assert [(e["fila"], e["columna"]) for e in r_seg.errores] == [(3, "folio")]
    assert cuentas(bd) == antes
    avances = []
    r_pet, r_seg = importar_historia(bd, supervisor, PETICIONES, seguimientos,
                                     progreso=lambda hechos, total: avances.append((hechos, total)))
    assert (r_pet.cargadas, r_seg.cargadas) == (3, 1)
    assert estado(bd, "AC-2022-000500")[0] == "en_seguimiento"
    assert avances[-1][0] == avances[-1][1] and [h for h, _ in avances] == sorted(h for h, _ in avances)
    with pytest.raises(ErrorValidacion) as e:
        importar_historia(bd, supervisor, [{"folio": "x"}], [{"fecha": "2022-01-01"}])
    assert {p.campo for p in e.value.problemas} == {"peticiones.columnas", "seguimientos.columnas"}
