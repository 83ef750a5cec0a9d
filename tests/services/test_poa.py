"""The POA tally (poa-report.md) computed from known records: every cell, every total, on both engines."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import CONTRASENA, sesion_con_rol
from sqlalchemy import update

from oee_desk import cli
from oee_desk.db.modelos_atencion import Peticion
from oee_desk.domain.errores import ErrorValidacion, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services.giras import ServicioGiras
from oee_desk.services.metas import ServicioMetas
from oee_desk.services.peticiones import ServicioPeticiones
from oee_desk.services.poa import ServicioPoa
from oee_desk.services.seguimientos import ServicioSeguimientos

ANIO = 2022
# (canal, mes) → how many petitions; the gira ones are received on a gira of that month.
PETICIONES = {("call_center", 1): 3, ("call_center", 3): 2, ("chat_sonora", 2): 1,
              ("asesoria_juridica", 12): 2, ("gira", 5): 2, ("gira", 6): 1}


def _registrar(peticiones, actor, canal: str, mes: int, n: int, gira: str | None = None) -> list[str]:
    folios = []
    for i in range(n):
        p = peticiones.registrar(actor, {
            "fecha_recepcion": dt.datetime(ANIO, mes, 10 + i, 9, 30).isoformat(), "canal": canal, "tema": "salud",
            "descripcion": f"Petición {canal} {mes}-{i}", "gira": gira,
            "ciudadano": {"nombre": "Ana", "primer_apellido": f"Prueba{mes}{i}", "telefono": f"66210{mes:02d}{i:03d}"}})
        folios.append(p.folio)
    return folios


@pytest.fixture
def registros(bd):
    """Known petitions and follow-ups, plus records that must not count."""
    campo, supervisor = sesion_con_rol(bd, Rol.CAMPO), sesion_con_rol(bd, Rol.SUPERVISOR)
    peticiones, seguimientos = ServicioPeticiones(bd), ServicioSeguimientos(bd)
    giras = {mes: ServicioGiras(bd).registrar(campo, {"fecha": f"{ANIO}-{mes:02d}-09", "municipio": "Cajeme",
                                                      "evento": f"Gira {mes}"}).clave for mes in (5, 6)}
    folios = {}
    for (canal, mes), n in PETICIONES.items():
        folios[(canal, mes)] = _registrar(peticiones, campo, canal, mes, n, giras.get(mes) if canal == "gira" else None)
    # Follow-ups count in the month of their own date: a March petition followed up in April.
    seguimientos.agregar(campo, folios[("call_center", 3)][0], {"fecha": f"{ANIO}-04-02T10:00:00",
                                                                  "tipo": "llamada_saliente", "resultado": "contesto"})
    seguimientos.agregar(campo, folios[("call_center", 3)][0], {"fecha": f"{ANIO}-04-20T10:00:00",
                                                                  "tipo": "contacto_enlace"})
    # …and under Indicador 2 when the petition came from a gira.
    seguimientos.agregar(campo, folios[("gira", 5)][0], {"fecha": f"{ANIO}-07-01T10:00:00", "tipo": "visita"})
    # Not counted: an annulled petition and one merged into another; nor another year's.
    anulada = _registrar(peticiones, campo, "call_center", 1, 1)[0]
    peticiones.anular(supervisor, anulada, "Duplicada")
    fusionada = _registrar(peticiones, campo, "chat_sonora", 2, 1)[0]
    with bd.escritura(supervisor) as s:
        superviviente = s.query(Peticion).filter(Peticion.folio == folios[("chat_sonora", 2)][0]).one()
        s.execute(update(Peticion).where(Peticion.folio == fusionada).values(fusionada_en=superviviente.id))
    peticiones.registrar(campo, {"fecha_recepcion": f"{ANIO - 1}-12-31T23:00:00", "canal": "call_center",
                                 "tema": "salud", "descripcion": "Del año anterior",
                                 "ciudadano": {"nombre": "Luis", "telefono": "6629998877"}})
    return supervisor


def _fila(reporte: dict, indicador: int, rubro: str) -> dict:
    ind = next(i for i in reporte["indicadores"] if i["numero"] == indicador)
    return next(f for f in ind["filas"] if f["rubro"] == rubro)


def _meses(**por_mes) -> list[int]:
    meses = [0] * 12
    for clave, n in por_mes.items():
        meses[int(clave[1:]) - 1] = n
    return meses


def test_cada_celda_de_los_indicadores(bd, registros):
    r = ServicioPoa(bd).generar(registros, ANIO).como_json()

    ind1, ind2 = r["indicadores"]
    assert ind1["nombre"] == "Índice de cumplimiento del programa de Atención Ciudadana"
    assert [f["rubro"] for f in ind1["filas"]] == [
        "Asesoría Jurídica", "Atención y Gestión Inmediata", "Call Center", "Chat Sonora",
        "Correos Electrónicos Oficiales", "Correspondencia", "Peticiones por Información", "Redes Sociales (Facebook)",
        "Seguimiento a Peticiones", "Total de Peticiones Atendidas"]
    assert [f["rubro"] for f in ind2["filas"]] == ["Giras Gobernador", "Seguimiento a Peticiones de Giras",
                                                   "Total de Peticiones Atendidas"]
    assert _fila(r, 1, "Call Center") == {"rubro": "Call Center", "canal": "call_center",
                                          "meses": _meses(m1=3, m3=2), "total": 5}
    assert _fila(r, 1, "Chat Sonora")["meses"] == _meses(m2=1)  # the merged one is not counted
    assert _fila(r, 1, "Asesoría Jurídica")["meses"] == _meses(m12=2)
    assert _fila(r, 1, "Correspondencia")["meses"] == [0] * 12
    assert _fila(r, 1, "Seguimiento a Peticiones")["meses"] == _meses(m4=2)
    assert _fila(r, 1, "Total de Peticiones Atendidas") == {
        "rubro": "Total de Peticiones Atendidas", "canal": None, "meses": _meses(m1=3, m2=1, m3=2, m4=2, m12=2),
        "total": 10}
    assert _fila(r, 2, "Giras Gobernador")["meses"] == _meses(m5=2, m6=1)
    assert _fila(r, 2, "Seguimiento a Peticiones de Giras")["meses"] == _meses(m7=1)
    assert _fila(r, 2, "Total de Peticiones Atendidas")["meses"] == _meses(m5=2, m6=1, m7=1)
    for ind in r["indicadores"]:
        for f in ind["filas"]:
            assert len(f["meses"]) == 12 and f["total"] == sum(f["meses"])


def test_el_reporte_mensual_cuenta_hasta_ese_mes(bd, registros):
    r = ServicioPoa(bd).generar(registros, ANIO, mes=3).como_json()
    assert _fila(r, 1, "Total de Peticiones Atendidas")["meses"] == _meses(m1=3, m2=1, m3=2)
    assert _fila(r, 2, "Total de Peticiones Atendidas")["total"] == 0


def test_metas_por_trimestre_y_totales(bd, registros):
    ServicioMetas(bd).cargar(registros, {"anio": ANIO, "metas": [
        {"numero": 1, "descripcion": "Reuniones internacionales", "area": "Enlace", "unidad": "conteo",
         "periodicidad": "trimestral", "fuente": "manual", "programado": [0, 3, 0, 3], "alcanzado": [0, 3, 0, 3]},
        {"numero": 2, "descripcion": "Satisfacción de la ciudadanía", "area": "CEAC", "unidad": "porcentaje",
         "periodicidad": "trimestral", "fuente": "manual", "programado": [90, 90, 90, 90],
         "alcanzado": [95, None, 85, None]},
        {"numero": 11, "descripcion": "Peticiones atendidas", "area": "CEAC", "unidad": "conteo",
         "periodicidad": "mensual", "fuente": "automatica", "regla": {"cuenta": "peticiones", "indicador": 1},
         "programado": [1] * 12},
        {"numero": 12, "descripcion": "Seguimientos de giras", "area": "CEAC", "unidad": "conteo",
         "periodicidad": "trimestral", "fuente": "automatica", "regla": {"cuenta": "ambos", "indicador": 2},
         "programado": [0, 2, 2, 0]}]})

    r = ServicioPoa(bd).generar(registros, ANIO).como_json()

    assert r["metas"] == [
        {"numero": 1, "descripcion": "Reuniones internacionales", "area": "Enlace", "unidad": "conteo",
         "trimestres": [0, 3, 0, 3], "total": 6, "programado": 6, "cumplimiento_pct": 100.0},
        {"numero": 2, "descripcion": "Satisfacción de la ciudadanía", "area": "CEAC", "unidad": "porcentaje",
         "trimestres": [95.0, None, 85.0, None], "total": 90.0, "programado": 90.0, "cumplimiento_pct": 100.0},
        {"numero": 11, "descripcion": "Peticiones atendidas", "area": "CEAC", "unidad": "conteo",
         "trimestres": [6, 0, 0, 2], "total": 8, "programado": 12, "cumplimiento_pct": 66.7},
        {"numero": 12, "descripcion": "Seguimientos de giras", "area": "CEAC", "unidad": "conteo",
         "trimestres": [0, 3, 1, 0], "total": 4, "programado": 4, "cumplimiento_pct": 100.0}]
    # TOTALES: the conteo metas only; the percentage is not added to counts.
    assert r["totales_metas"] == [6, 6, 1, 5]


def test_un_anio_sin_datos_es_un_reporte_vacio(bd, registros):
    r = ServicioPoa(bd).generar(registros, 2030).como_json()
    assert r["metas"] == [] and r["totales_metas"] == [0, 0, 0, 0]
    assert all(f["meses"] == [0] * 12 for i in r["indicadores"] for f in i["filas"])


@pytest.mark.parametrize("cambio, campo", [
    ({"programado": [1, 2, 3]}, "metas[0].programado"),
    ({"programado": [1, -2, 3, 4]}, "metas[0].programado"),
    ({"programado": [1, "dos", 3, 4]}, "metas[0].programado"),
    ({"unidad": "porcentaje", "programado": [90, 101, 90, 90]}, "metas[0].programado"),
    ({"fuente": "automatica", "alcanzado": None, "regla": {"cuenta": "peticiones", "indicador": 7}},
     "metas[0].regla.indicador"),
    ({"unidad": "kilos"}, "metas[0].unidad"),
])
def test_metas_invalidas_se_nombran_y_nada_se_escribe(bd, registros, cambio, campo):
    meta = {"numero": 1, "descripcion": "Reuniones", "area": "Enlace", "unidad": "conteo",
            "periodicidad": "trimestral", "fuente": "manual", "programado": [0, 3, 0, 3], **cambio}
    with pytest.raises(ErrorValidacion) as e:
        ServicioMetas(bd).cargar(registros, {"anio": ANIO, "metas": [meta]})
    assert campo in [p.campo for p in e.value.problemas]
    assert ServicioMetas(bd).listar(registros, ANIO) == []


def test_numero_de_meta_repetido(bd, registros):
    meta = {"numero": 1, "descripcion": "Reuniones", "area": "Enlace", "unidad": "conteo",
            "periodicidad": "trimestral", "fuente": "manual", "programado": [0, 3, 0, 3]}
    with pytest.raises(ErrorValidacion) as e:
        ServicioMetas(bd).cargar(registros, {"anio": ANIO, "metas": [meta, dict(meta)]})
    assert [p.campo for p in e.value.problemas] == ["metas[1].numero"]


def test_solo_supervision_ve_y_define(bd, registros):
    with pytest.raises(PermisoDenegado):
        ServicioPoa(bd).generar(sesion_con_rol(bd, Rol.ATENCION), ANIO)
    with pytest.raises(PermisoDenegado):
        ServicioMetas(bd).cargar(sesion_con_rol(bd, Rol.ADMIN), {"anio": ANIO, "metas": []})


def test_cli_imprime_el_json_de_poa_report(bd, registros, capsys, monkeypatch):
    monkeypatch.setenv("OEE_DESK_PASSWORD", CONTRASENA)
    assert cli.main(["--db", str(bd.url.render_as_string(hide_password=False)), "--usuario", registros.nombre,
                     "reporte", "poa", "--anio", str(ANIO), "--formato", "json", "-o", "-"]) == 0
    salida = json.loads(capsys.readouterr().out)
    assert set(salida) == {"anio", "generado", "indicadores", "metas", "totales_metas"}
    assert salida["anio"] == ANIO and dt.datetime.fromisoformat(salida["generado"])
    assert _fila(salida, 1, "Call Center")["meses"] == _meses(m1=3, m3=2)


@pytest.mark.parametrize("orden", [["poa", "--anio", str(ANIO)],
                                   ["estatus-dependencias", "--desde", f"{ANIO}-01-01", "--hasta", f"{ANIO}-12-31"]])
def test_cli_reportes_json_a_la_salida_y_otros_formatos_a_archivo(bd, registros, capsys, monkeypatch, tmp_path, orden):
    monkeypatch.setenv("OEE_DESK_PASSWORD", CONTRASENA)
    base = ["--db", str(bd.url.render_as_string(hide_password=False)), "--usuario", registros.nombre, "reporte", *orden]
    assert cli.main([*base, "--formato", "json", "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert cli.main([*base, "--formato", "pdf", "-o", "-"]) == 1
    assert "-o: la salida estándar solo admite --formato json" in capsys.readouterr().err
    destino = tmp_path / "reporte.json"
    assert cli.main([*base, "--formato", "json", "-o", str(destino)]) == 0
    assert json.loads(destino.read_text(encoding="utf-8"))
