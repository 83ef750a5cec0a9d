"""The Governor's tours on both engines (cli.md «Giras»): a consecutive clave per year, the
municipio by INEGI key or by name, bad input naming the field, the petitions counted per tour and
per topic, and who may register one."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from oee_desk.domain.errores import ErrorValidacion, NoEncontrado, PermisoDenegado
from oee_desk.domain.roles import Rol

from test_peticiones import MOTORES, abrir_entorno, auditoria, foto, peticion


@pytest.fixture(scope="module", params=MOTORES)
def entorno(request, tmp_path_factory):
    yield from abrir_entorno(request, tmp_path_factory, "giras")


@pytest.fixture
def giras(entorno):
    return entorno.giras


def gira(fecha: str, municipio="26030", **cambios) -> dict:
    return {"fecha": fecha, "municipio": municipio, "localidad": "Centro",
            "evento": "Entrega de apoyos a productores", **cambios}


def test_clave_consecutiva_por_anio(entorno, giras):
    primera = giras.registrar(entorno.campo, gira("2019-05-13"))
    assert (primera.clave, primera.fecha, primera.municipio, primera.municipio_nombre) == (
        "GIRA-2019-001", dt.date(2019, 5, 13), "26030", "Hermosillo")
    assert primera.localidad == "Centro" and primera.peticiones == 0
    assert giras.registrar(entorno.atencion, gira("2019-01-02")).clave == "GIRA-2019-002"  # by entry, not date
    assert giras.registrar(entorno.supervisor, gira("2018-12-31")).clave == "GIRA-2018-001"
    assert giras.registrar(entorno.campo, gira("2019-12-31")).clave == "GIRA-2019-003"
    como_json = primera.como_json()
    assert {k: como_json[k] for k in ("id", "clave")} == {"id": str(primera.id), "clave": "GIRA-2019-001"}
    json.dumps(como_json)
    [fila] = [a for a in auditoria(entorno.bd, "giras", primera.id)]
    assert (fila.accion, fila.usuario, fila.despues["clave"]) == ("crear", "prueba_campo", "GIRA-2019-001")


@pytest.mark.parametrize("municipio, clave, nombre", [
    ("26003", "26003", "Álamos"), (26003, "26003", "Álamos"), ("alamos", "26003", "Álamos"),
    ("ÁLAMOS", "26003", "Álamos"), (" Cajeme ", "26018", "Cajeme"), ("Hermosillo", "26030", "Hermosillo")])
def test_municipio_por_clave_o_nombre(entorno, giras, municipio, clave, nombre):
    g = giras.registrar(entorno.campo, gira("2017-04-01", municipio))
    assert (g.municipio, g.municipio_nombre) == (clave, nombre)


MALOS = {
    "sin_fecha": (gira(None), "fecha"),
    "fecha_invalida": (gira("13/05/2016"), "fecha"),
    "fecha_imposible": (gira("2016-02-30"), "fecha"),
    "fecha_muy_vieja": (gira("1999-12-31"), "fecha"),
    "fecha_muy_futura": (gira((dt.date.today() + dt.timedelta(days=400)).isoformat()), "fecha"),
    "sin_municipio": (gira("2016-05-01", None), "municipio"),
    "municipio_inexistente": (gira("2016-05-01", "99999"), "municipio"),
    "municipio_fuera_de_sonora": (gira("2016-05-01", "Tijuana"), "municipio"),
    "sin_evento": (gira("2016-05-01", evento="   "), "evento"),
    "evento_no_texto": (gira("2016-05-01", evento=12), "evento"),
    "documento_no_objeto": ([gira("2016-05-01")], "documento"),
}


@pytest.mark.parametrize("caso", MALOS)
def test_gira_mala_nombra_el_campo_y_no_escribe(entorno, giras, caso):
    previa = giras.registrar(entorno.campo, gira("2016-05-01"))
    antes = foto(entorno.bd)
    datos, campo = MALOS[caso]
    with pytest.raises(ErrorValidacion) as e:
        giras.registrar(entorno.campo, datos)
    assert campo in [p.campo for p in e.value.problemas], e.value.problemas
    assert all(p.mensaje.strip() for p in e.value.problemas)
    assert foto(entorno.bd) == antes
    assert giras.registrar(entorno.campo, gira("2016-05-01")).clave == f"GIRA-2016-{int(previa.clave[-3:]) + 1:03d}"


def test_todos_los_problemas_a_la_vez(entorno, giras):
    with pytest.raises(ErrorValidacion) as e:
        giras.registrar(entorno.campo, {"fecha": "ayer", "evento": ""})
    assert {p.campo for p in e.value.problemas} == {"fecha", "municipio", "evento"}


@pytest.mark.parametrize("rol", [Rol.RECEPCION, Rol.ADMIN])
def test_quien_no_registra_giras(entorno, giras, rol):
    antes = foto(entorno.bd)
    with pytest.raises(PermisoDenegado):
        giras.registrar(getattr(entorno, rol.value), gira("2016-05-01"))
    assert foto(entorno.bd) == antes
    if rol == Rol.RECEPCION:
        with pytest.raises(PermisoDenegado):
            giras.listar(entorno.recepcion)


def test_listar_y_obtener_cuentan_peticiones(entorno, giras):
    svc = entorno.peticiones
    a = giras.registrar(entorno.campo, gira("2015-03-10", "Navojoa", evento="Reunión con ejidatarios"))
    b = giras.registrar(entorno.campo, gira("2015-06-20", "Guaymas", evento="Arranque de obra"))
    temas = ["vivienda", "salud", "salud", "empleo"]
    for tema in temas:
        svc.registrar(entorno.campo, peticion(2015, canal="gira", gira=a.clave, tema=tema,
                                              fecha_recepcion="2015-03-10T12:00:00"))
    anulada = svc.registrar(entorno.campo, peticion(2015, canal="gira", gira=a.clave, tema="vivienda",
                                                    fecha_recepcion="2015-03-10T12:30:00"))
    svc.anular(entorno.supervisor, anulada.folio, "Capturada dos veces")
    svc.registrar(entorno.campo, peticion(2015, canal="gira", gira=b.clave, tema="seguridad",
                                          fecha_recepcion="2015-06-20T12:00:00"))
    svc.registrar(entorno.campo, peticion(2015, tema="salud"))  # not on a tour

    lista = giras.listar(entorno.supervisor, anio=2015)
    assert [(g.clave, g.peticiones, g.municipio_nombre) for g in lista] == [
        (b.clave, 1, "Guaymas"), (a.clave, 4, "Navojoa")]  # newest first; the annulled one not counted
    assert all(g.fecha.year == 2015 for g in lista)
    assert {g.clave for g in giras.listar(entorno.admin)} >= {a.clave, b.clave}

    detalle = giras.obtener(entorno.atencion, a.clave.lower())
    assert (detalle.clave, detalle.peticiones, detalle.evento) == (a.clave, 4, "Reunión con ejidatarios")
    assert detalle.por_tema == (("Salud", 2), ("Empleo", 1), ("Vivienda", 1))
    assert detalle.como_json()["por_tema"][0] == {"tema": "Salud", "peticiones": 2}
    with pytest.raises(NoEncontrado) as e:
        giras.obtener(entorno.atencion, "GIRA-2015-999")
    assert "GIRA-2015-999" in e.value.mensaje
