"""Metas once months are closed: how a meta is computed (unit, periodicity, source, rule) no longer
changes, a new meta brings no values for closed periods, stored values follow the unit, and an
automatic meta counts. Every refusal names its field and writes nothing: the report stays as it was."""
from __future__ import annotations

import json

import pytest
from conftest import sesion_con_rol
from sqlalchemy import func, select

from oee_desk.db.modelos import Auditoria
from oee_desk.domain.errores import ErrorValidacion
from oee_desk.domain.roles import Rol
from oee_desk.services import Servicios

ANIO = 2022
REUNIONES = {"numero": 1, "descripcion": "Reuniones con enlaces", "area": "Coordinación de Atención Ciudadana",
             "unidad": "conteo", "periodicidad": "mensual", "fuente": "manual", "programado": [1] * 12,
             "alcanzado": [2, 1, 3] + [None] * 9}
SATISFACCION = {"numero": 2, "descripcion": "Satisfacción", "area": "Enlace Internacional", "unidad": "porcentaje",
                "periodicidad": "trimestral", "fuente": "manual", "programado": [90] * 4,
                "alcanzado": [90, None, None, None]}
PETICIONES = {"numero": 3, "descripcion": "Peticiones del indicador 1", "area": "CEAC", "unidad": "conteo",
              "periodicidad": "mensual", "fuente": "automatica", "regla": {"cuenta": "peticiones", "indicador": 1},
              "programado": [2] * 12}


@pytest.fixture
def oficina(bd):
    servicios = Servicios.de(bd)
    supervisor = sesion_con_rol(bd, Rol.SUPERVISOR)
    servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": [REUNIONES, SATISFACCION, PETICIONES]})
    return servicios, supervisor


def _cerrar(servicios, supervisor, hasta_mes: int) -> None:
    for mes in range(1, hasta_mes + 1):
        servicios.cierres.cerrar_mes(supervisor, ANIO, mes)


def _informe(servicios, supervisor, mes: int | None = None) -> dict:
    datos = servicios.poa.generar(supervisor, ANIO, mes).como_json()
    datos.pop("generado")
    return datos


def _metas(servicios, supervisor) -> list[dict]:
    return servicios.metas.listar(supervisor, ANIO)


def _auditoria(bd) -> int:
    with bd.lectura() as s:
        return s.scalar(select(func.count()).select_from(Auditoria))


def _rechazado(bd, servicios, supervisor, llamada) -> ErrorValidacion:
    """Calls `llamada`, which must be refused, and checks nothing was written: the metas, the report
    (the year's and a closed month's reprint) and the audit log are as before."""
    antes = (_metas(servicios, supervisor), _informe(servicios, supervisor), _informe(servicios, supervisor, 1),
             _auditoria(bd))
    with pytest.raises(ErrorValidacion) as e:
        llamada()
    assert (_metas(servicios, supervisor), _informe(servicios, supervisor), _informe(servicios, supervisor, 1),
            _auditoria(bd)) == antes
    return e.value


# --- 1. how an existing meta is computed does not change once a month is closed ------------------------
@pytest.mark.parametrize("cambio, campo", [
    ({**SATISFACCION, "unidad": "conteo"}, "unidad"),
    ({**PETICIONES, "regla": {"cuenta": "ambos", "indicador": 1}}, "regla"),
    ({**PETICIONES, "fuente": "manual", "regla": None}, "fuente"),
    ({**REUNIONES, "periodicidad": "trimestral", "programado": [3] * 4, "alcanzado": [6, None, None, None]},
     "periodicidad"),
])
def test_con_meses_cerrados_no_cambia_como_se_calcula_una_meta(bd, oficina, cambio, campo):
    servicios, supervisor = oficina
    _cerrar(servicios, supervisor, 3)
    error = _rechazado(bd, servicios, supervisor,
                       lambda: servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": [cambio]}))
    assert f"metas[0].{campo}" in [p.campo for p in error.problemas]
    assert f"metas[0].{campo}: no puede cambiarse: enero a marzo de 2022 ya están cerrados" in str(error)

    # The edit form says the same under the field, and writes nothing either.
    version = next(m for m in _metas(servicios, supervisor) if m["numero"] == cambio["numero"])["version"]
    error = _rechazado(bd, servicios, supervisor, lambda: servicios.metas.guardar(
        supervisor, ANIO, cambio, numero_original=cambio["numero"], version=version))
    assert campo in [p.campo for p in error.problemas]
    assert f"{campo}: no puede cambiarse: enero a marzo de 2022 ya están cerrados" in str(error)


def test_un_cambio_de_unidad_no_altera_los_totales_ya_impresos(bd, oficina):
    servicios, supervisor = oficina
    _cerrar(servicios, supervisor, 1)
    totales = _informe(servicios, supervisor)["totales_metas"]
    error = _rechazado(bd, servicios, supervisor, lambda: servicios.metas.cargar(
        supervisor, {"anio": ANIO, "metas": [REUNIONES, {**SATISFACCION, "unidad": "conteo"}]}))
    assert [p.campo for p in error.problemas] == ["metas[1].unidad"]
    assert "metas[1].unidad: no puede cambiarse: enero de 2022 ya está cerrado" in str(error)
    assert _informe(servicios, supervisor)["totales_metas"] == totales
    assert next(m for m in _metas(servicios, supervisor) if m["numero"] == 2)["unidad"] == "porcentaje"


def test_con_meses_cerrados_se_editan_descripcion_area_y_periodos_abiertos(bd, oficina):
    servicios, supervisor = oficina
    _cerrar(servicios, supervisor, 3)
    resumen = servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": [
        {**SATISFACCION, "descripcion": "Satisfacción ciudadana", "area": "CEAC", "alcanzado": [90, 85, None, None]},
        {**REUNIONES, "alcanzado": [2, 1, 3, 4] + [None] * 8}]})
    assert resumen["actualizadas"] == 2
    metas = {m["numero"]: m for m in _metas(servicios, supervisor)}
    assert (metas[2]["descripcion"], metas[2]["area"], metas[2]["alcanzado"]) == (
        "Satisfacción ciudadana", "CEAC", [90.0, 85.0, None, None])
    assert metas[1]["alcanzado"][:4] == [2, 1, 3, 4]
    servicios.metas.guardar(supervisor, ANIO, {**PETICIONES, "descripcion": "Peticiones atendidas"},
                            numero_original=3, version=metas[3]["version"])
    fila = next(m for m in _informe(servicios, supervisor)["metas"] if m["numero"] == 3)
    assert fila["descripcion"] == "Peticiones atendidas"


# --- 2. a new meta brings no values for closed periods --------------------------------------------------
def test_una_meta_nueva_no_trae_valores_de_periodos_cerrados(bd, oficina):
    servicios, supervisor = oficina
    _cerrar(servicios, supervisor, 3)
    nueva = {"numero": 4, "descripcion": "Visitas", "area": "CEAC", "unidad": "conteo", "periodicidad": "trimestral",
             "fuente": "manual", "programado": [1, 1, 1, 1], "alcanzado": [40, None, None, None]}
    error = _rechazado(bd, servicios, supervisor,
                       lambda: servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": [nueva]}))
    assert {p.campo for p in error.problemas} == {"metas[0].alcanzado[0]"}
    assert "metas[0].alcanzado[0]: el periodo trimestre I está en un mes cerrado" in str(error)
    error = _rechazado(bd, servicios, supervisor, lambda: servicios.metas.guardar(supervisor, ANIO, nueva))
    assert "alcanzado[0]" in [p.campo for p in error.problemas]
    assert 4 not in [m["numero"] for m in _informe(servicios, supervisor)["metas"]]


def test_una_meta_nueva_a_medio_anio_lleva_su_plan_de_todo_el_anio(bd, oficina):
    """A goal added in July needs its programmed value for every period (programado is required),
    closed ones included; only achieved values of closed periods are refused."""
    servicios, supervisor = oficina
    _cerrar(servicios, supervisor, 6)
    nueva = {"numero": 6, "descripcion": "Visitas", "area": "CEAC", "unidad": "conteo", "periodicidad": "mensual",
             "fuente": "manual", "programado": [2] * 12, "alcanzado": [None] * 12}
    assert servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": [nueva]})["creadas"] == 1
    fila = next(m for m in _informe(servicios, supervisor)["metas"] if m["numero"] == 6)
    assert fila["programado"] == 24


def test_una_meta_nueva_entra_en_periodos_abiertos(bd, oficina):
    servicios, supervisor = oficina
    _cerrar(servicios, supervisor, 1)  # the first quarter stays open until March closes
    mensual = {"numero": 5, "descripcion": "Visitas", "area": "CEAC", "unidad": "conteo", "periodicidad": "mensual",
               "fuente": "manual", "programado": [1] * 12, "alcanzado": [7] + [None] * 11}
    error = _rechazado(bd, servicios, supervisor,
                       lambda: servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": [mensual]}))
    assert "metas[0].alcanzado[0]" in [p.campo for p in error.problemas]
    trimestral = {**mensual, "numero": 4, "periodicidad": "trimestral", "programado": [3] * 4,
                  "alcanzado": [7, None, None, None]}
    assert servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": [trimestral]})["creadas"] == 1
    fila = next(m for m in _informe(servicios, supervisor)["metas"] if m["numero"] == 4)
    assert fila["trimestres"] == [7, None, None, None]


# --- 3. stored values follow the unit ------------------------------------------------------------------
def _enteros(valores) -> bool:
    return all(x is None or type(x) is int for x in valores)


def test_al_pasar_a_conteo_los_valores_quedan_enteros(bd, oficina):
    servicios, supervisor = oficina
    servicios.metas.capturar(supervisor, ANIO, 2, [90, 80, None, None])
    assert _metas(servicios, supervisor)[1]["alcanzado"] == [90.0, 80.0, None, None]
    conteo = {**SATISFACCION, "unidad": "conteo", "alcanzado": [90, 80, None, None]}
    assert servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": [conteo]})["actualizadas"] == 1

    meta = _metas(servicios, supervisor)[1]
    assert meta["unidad"] == "conteo" and _enteros(meta["alcanzado"]) and _enteros(meta["programado"])
    informe = _informe(servicios, supervisor)
    fila = next(m for m in informe["metas"] if m["numero"] == 2)
    assert fila["trimestres"] == [90, 80, None, None] and _enteros(fila["trimestres"])
    assert type(fila["total"]) is int and type(fila["programado"]) is int
    assert _enteros(informe["totales_metas"])
    assert '"trimestres": [90, 80, null, null]' in json.dumps(fila)
    # Loading the same document again changes nothing.
    assert servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": [conteo]})["actualizadas"] == 0

    # And back to porcentaje from the edit form: decimals again.
    servicios.metas.guardar(supervisor, ANIO, SATISFACCION | {"alcanzado": [90, 80, None, None]},
                            numero_original=2, version=meta["version"])
    meta = _metas(servicios, supervisor)[1]
    assert all(type(x) is float for x in meta["programado"] + meta["alcanzado"][:2])


# --- 4. an automatic meta counts records -----------------------------------------------------------------
def test_una_meta_automatica_no_es_porcentaje(bd, oficina):
    servicios, supervisor = oficina
    automatica = {**PETICIONES, "numero": 4, "unidad": "porcentaje", "programado": [50] * 12}
    error = _rechazado(bd, servicios, supervisor,
                       lambda: servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": [REUNIONES, automatica]}))
    assert [p.campo for p in error.problemas] == ["metas[1].unidad"]
    assert "metas[1].unidad: una meta automática cuenta registros: debe ser conteo" in str(error)
    error = _rechazado(bd, servicios, supervisor, lambda: servicios.metas.guardar(supervisor, ANIO, automatica))
    assert [p.campo for p in error.problemas] == ["unidad"]
    version = _metas(servicios, supervisor)[2]["version"]
    error = _rechazado(bd, servicios, supervisor, lambda: servicios.metas.guardar(
        supervisor, ANIO, {**PETICIONES, "unidad": "porcentaje"}, numero_original=3, version=version))
    assert [p.campo for p in error.problemas] == ["unidad"]
