"""The list of petitions on both engines: every filter, the search by folio / name words in any
order without accents / phone / CURP, sorting, pages without overlap, the count agreeing with the
rows, and the traffic light per topic deadline in business days as the days pass."""
from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest

from oee_desk.domain.errores import PermisoDenegado
from oee_desk.services.lista_peticiones import FiltroPeticiones, ServicioListaPeticiones

from test_peticiones import CURP_1, MOTORES, abrir_entorno, peticion, persona

DESDE, HASTA = dt.date(2013, 1, 1), dt.date(2013, 12, 31)


@pytest.fixture(scope="module", params=MOTORES)
def entorno(request, tmp_path_factory):
    yield from abrir_entorno(request, tmp_path_factory, "lista")


@pytest.fixture(scope="module")
def datos(entorno):
    """Six petitions of 2013, p1…p6 in order of reception (and so of folio)."""
    svc, at, campo = entorno.peticiones, entorno.atencion, entorno.campo
    gira = entorno.giras.registrar(campo, {"fecha": "2013-03-20", "municipio": "26003", "evento": "Gira Álamos"})
    p = {}
    p[1] = svc.registrar(at, peticion(2013, persona(
        nombre="José María", primer_apellido="Valenzuela", segundo_apellido="Yocupicio", telefono="6621110001",
        curp=CURP_1), fecha_recepcion="2013-01-10T09:00:00"))
    p[2] = svc.registrar(at, peticion(2013, persona(
        nombre="Ana", primer_apellido="Ruiz", segundo_apellido="Félix", telefono="6441110002", municipio="26018"),
        fecha_recepcion="2013-02-15T10:00:00", canal="chat_sonora", tema="salud",
        canalizacion={"tipo": "dependencia", "destino": "SSP"}))
    p[3] = svc.registrar(campo, peticion(2013, persona(
        nombre="Ramón", primer_apellido="Pérez", segundo_apellido="Güereña", telefono="6471110003"),
        fecha_recepcion="2013-03-20T12:00:00", canal="gira", gira=gira.clave, tema="empleo"))
    p[4] = svc.registrar(at, peticion(2013, persona(
        nombre="María José", primer_apellido="Núñez", segundo_apellido="Sotelo", telefono="6621110004"),
        fecha_recepcion="2013-04-05T23:59:00", canal="redes_sociales"))
    entorno.seguimientos.agregar(at, p[4].folio, {"fecha": "2013-04-08T10:00:00", "tipo": "visita"})
    p[5] = svc.registrar(at, peticion(2013, None, ciudadano_id=str(p[1].ciudadano.id),
                                      fecha_recepcion="2013-05-01T08:00:00", tema="salud"))
    entorno.seguimientos.agregar(at, p[5].folio, {"fecha": "2013-05-02T10:00:00", "tipo": "cierre",
                                                  "resultado": "favorable"})
    p[6] = svc.registrar(at, peticion(2013, persona(nombre="Luis", primer_apellido="Encinas", telefono="6621110006"),
                                      fecha_recepcion="2013-06-01T08:00:00"))
    svc.anular(entorno.supervisor, p[6].folio, "Duplicada")
    assert [p[i].folio for i in range(1, 7)] == [f"AC-2013-{i:06d}" for i in range(1, 7)]
    return {i: x.folio for i, x in p.items()} | {"gira": gira.clave, "ciudadano_1": p[1].ciudadano.id}


@pytest.fixture
def lista(entorno):
    return ServicioListaPeticiones(entorno.bd)


def _f(**campos) -> FiltroPeticiones:
    return FiltroPeticiones(**{"desde": DESDE, "hasta": HASTA, "orden": "folio", "descendente": False, **campos})


def numeros(entorno, lista, datos, actor=None, hoy=dt.date(2013, 12, 31), **campos) -> list[int]:
    """The p-numbers the filter returns, checking that the count agrees with the rows."""
    filtro = _f(**campos)
    actor = actor or entorno.atencion
    filas = lista.pagina(actor, filtro, hoy=hoy)
    assert lista.contar(actor, filtro, hoy=hoy) == len(filas)
    por_folio = {v: k for k, v in datos.items() if isinstance(k, int)}
    return [por_folio[f.folio] for f in filas]


@pytest.mark.parametrize("campos, esperados", [
    ({}, [1, 2, 3, 4, 5, 6]),
    ({"canal": "call_center"}, [1, 5, 6]),
    ({"canal": "GIRA"}, [3]),
    ({"tema": "salud"}, [2, 5]),
    ({"estatus": "canalizada"}, [2]),
    ({"estatus": "en_seguimiento"}, [4]),
    ({"estatus": "concluida"}, [5]),
    ({"estatus": "anulada"}, [6]),
    ({"municipio": "26003"}, [3]),  # a tour's petition belongs to the tour's municipio
    ({"municipio": "26018"}, [2]),
    ({"municipio": "26030"}, [1, 4, 5, 6]),
    ({"operador": "prueba_campo"}, [3]),
    ({"operador": "PRUEBA_ATENCION"}, [1, 2, 4, 5, 6]),
    ({"desde": dt.date(2013, 3, 20), "hasta": dt.date(2013, 4, 5)}, [3, 4]),  # both ends included
    ({"desde": dt.date(2013, 3, 21), "hasta": dt.date(2013, 4, 4)}, []),
    ({"vencidas": True}, [1, 2, 3, 4]),  # open and past their deadline; concluded and annulled are not
    ({"canal": "call_center", "tema": "vivienda", "estatus": "recibida"}, [1]),
    ({"canal": "no_existe"}, []),
])
def test_cada_filtro(entorno, lista, datos, campos, esperados):
    assert numeros(entorno, lista, datos, **campos) == esperados


def test_historial_de_un_ciudadano(entorno, lista, datos):
    assert numeros(entorno, lista, datos, ciudadano_id=datos["ciudadano_1"]) == [1, 5]


def test_filtro_por_gira(entorno, lista, datos):
    assert numeros(entorno, lista, datos, gira=datos["gira"].lower()) == [3]
    assert numeros(entorno, lista, datos, gira="GIRA-2013-999") == []


def test_vencidas_segun_el_dia(entorno, lista, datos):
    # p1 (vivienda, 15 business days from Jan 10th) is due Jan 31st.
    assert 1 not in numeros(entorno, lista, datos, vencidas=True, hoy=dt.date(2013, 1, 31))
    assert numeros(entorno, lista, datos, vencidas=True, hoy=dt.date(2013, 2, 1)) == [1]


@pytest.mark.parametrize("texto, esperados", [
    ("AC-2013-000002", [2]),
    ("ac-2013-000002", [2]),
    ("ac-2013-2", [2]),
    (" AC - 2013 - 000004 ", [4]),
    ("AC2013000004", [4]),
    ("valenzuela jose", [1, 5]),
    ("YOCUPICIO maría josé", [1, 5]),
    ("maria jose", [1, 4, 5]),  # José María and María José
    ("nunez MARIA", [4]),
    ("guerena ramon", [3]),
    ("felix", [2]),
    ("6621110001", [1, 5]),
    ("662-111-0001", [1, 5]),
    ("(644) 111 0002", [2]),
    ("662 0001", [1, 5]),  # pieces of a number, not the whole of it
    ("+52 647 111 0003", [3]),
    (CURP_1.lower(), [1, 5]),
    ("zzzz", []),
])
def test_busqueda_por_folio_nombre_telefono_curp(entorno, lista, datos, texto, esperados):
    assert numeros(entorno, lista, datos, texto=texto) == esperados
    encontrados = {f.folio for f in lista.buscar(entorno.atencion, texto)}
    assert {datos[i] for i in esperados} <= encontrados


def test_buscar_sin_palabras(entorno, lista, datos):
    assert lista.buscar(entorno.atencion, "   ") == []
    assert lista.buscar(entorno.atencion, "") == []


@pytest.mark.parametrize("orden, descendente, esperados", [
    ("folio", False, [1, 2, 3, 4, 5, 6]),
    ("folio", True, [6, 5, 4, 3, 2, 1]),
    ("recepcion", True, [6, 5, 4, 3, 2, 1]),
    ("recepcion", False, [1, 2, 3, 4, 5, 6]),
    ("limite", False, [1, 2, 3, 4, 5, 6]),
])
def test_orden(entorno, lista, datos, orden, descendente, esperados):
    assert numeros(entorno, lista, datos, orden=orden, descendente=descendente) == esperados


def test_estatus_ordena_y_agrupa(entorno, lista, datos):
    filas = lista.pagina(entorno.atencion, _f(orden="estatus"))
    assert [f.estatus for f in filas] == sorted(f.estatus for f in filas)


@pytest.mark.parametrize("tamano", [1, 2, 4, 5])
def test_paginas_sin_traslape(entorno, lista, datos, tamano):
    for descendente in (True, False):
        filtro = _f(orden="recepcion", descendente=descendente)
        completa = [f.folio for f in lista.pagina(entorno.atencion, filtro, limite=100)]
        paginas, desde = [], 0
        while True:
            pagina = lista.pagina(entorno.atencion, filtro, desde_fila=desde, limite=tamano)
            assert len(pagina) <= tamano
            if not pagina:
                break
            paginas += [f.folio for f in pagina]
            desde += tamano
        assert paginas == completa and len(set(paginas)) == len(paginas) == lista.contar(entorno.atencion, filtro)


def test_filas_muestran_lo_que_el_operador_necesita(entorno, lista, datos):
    [fila] = lista.pagina(entorno.atencion, _f(texto=datos[3]))
    assert (fila.folio, fila.canal, fila.tema, fila.ciudadano, fila.telefono, fila.municipio, fila.estatus,
            fila.operador, fila.gira) == (datos[3], "Giras Gobernador", "Empleo", "Ramón Pérez Güereña", "6471110003",
                                          "Álamos", "recibida", "prueba_campo", datos["gira"])
    assert fila.fecha_recepcion == dt.datetime(2013, 3, 20, 12)
    # The admin supports the desk without seeing who asked.
    [enmascarada] = lista.pagina(entorno.admin, _f(texto=datos[3]))
    assert enmascarada.ciudadano == "R*** P*** G***" and enmascarada.telefono.endswith("03")
    assert "647111" not in enmascarada.telefono
    # The supervisor sees it whole.
    assert lista.pagina(entorno.supervisor, _f(texto=datos[3]))[0].ciudadano == "Ramón Pérez Güereña"


def test_recepcion_no_ve_la_lista(entorno, lista, datos):
    with pytest.raises(PermisoDenegado):
        lista.pagina(entorno.recepcion, _f())
    with pytest.raises(PermisoDenegado):
        lista.contar(entorno.recepcion, _f())
    with pytest.raises(PermisoDenegado):
        lista.buscar(entorno.recepcion, "valenzuela")


# --- the traffic light ----------------------------------------------------------------------------
def _luz(entorno, lista, folio: str, hoy: dt.date):
    [fila] = lista.pagina(entorno.atencion, FiltroPeticiones(texto=folio), hoy=hoy)
    return fila


def test_semaforo_por_plazo_del_tema_en_dias_habiles(entorno, lista):
    svc = entorno.peticiones
    # Salud: 5 business days. Received Tuesday 2012-03-06: due Tuesday 13th (the weekend does not count).
    salud = svc.registrar(entorno.atencion, peticion(2012, tema="salud", fecha_recepcion="2012-03-06T09:00:00"))
    assert salud.fecha_limite == dt.date(2012, 3, 13)
    esperado = {dt.date(2012, 3, 6): ("en_tiempo", 5), dt.date(2012, 3, 7): ("en_tiempo", 4),
                dt.date(2012, 3, 9): ("por_vencer", 2), dt.date(2012, 3, 12): ("por_vencer", 1),
                dt.date(2012, 3, 13): ("por_vencer", 0), dt.date(2012, 3, 14): ("vencido", -1),
                dt.date(2012, 3, 19): ("vencido", -4)}
    for hoy, (oportunidad, dias) in esperado.items():
        luz = _luz(entorno, lista, salud.folio, hoy).semaforo
        assert (luz.estado.value, luz.oportunidad.value, luz.dias_restantes) == ("sin_atender", oportunidad, dias), hoy
        vencidas = {f.folio for f in lista.pagina(entorno.atencion, FiltroPeticiones(
            vencidas=True, desde=dt.date(2012, 3, 6), hasta=dt.date(2012, 3, 6)), hoy=hoy)}
        assert (salud.folio in vencidas) == (oportunidad == "vencido"), hoy
    # Vivienda, received the same day: 15 business days, still on time when salud is overdue.
    vivienda = svc.registrar(entorno.atencion, peticion(2012, tema="vivienda", fecha_recepcion="2012-03-06T09:00:00"))
    assert vivienda.fecha_limite == dt.date(2012, 3, 27)
    assert _luz(entorno, lista, vivienda.folio, dt.date(2012, 3, 14)).semaforo.oportunidad.value == "en_tiempo"
    assert _luz(entorno, lista, vivienda.folio, dt.date(2012, 3, 22)).semaforo.oportunidad.value == "por_vencer"
    # Canalized: in process.
    canalizada = svc.registrar(entorno.atencion, peticion(2012, tema="salud", fecha_recepcion="2012-03-06T09:00:00",
                                                          canalizacion={"destino": "SSP"}))
    assert _luz(entorno, lista, canalizada.folio, dt.date(2012, 3, 7)).semaforo.estado.value == "en_proceso"


def test_semaforo_cuenta_los_festivos_del_catalogo(entorno, lista):
    # Wednesday 2022-03-16 + 5 business days: 17, 18, (21 is a holiday) 22, 23, 24.
    p = entorno.peticiones.registrar(entorno.atencion, peticion(2022, tema="salud",
                                                                fecha_recepcion="2022-03-16T09:00:00"))
    assert p.fecha_limite == dt.date(2022, 3, 24)
    assert _luz(entorno, lista, p.folio, dt.date(2022, 3, 18)).semaforo.dias_restantes == 3


def test_semaforo_de_la_concluida_y_la_anulada(entorno, lista):
    svc, seg = entorno.peticiones, entorno.seguimientos
    a_tiempo = svc.registrar(entorno.atencion, peticion(2012, tema="salud", fecha_recepcion="2012-05-07T09:00:00"))
    seg.agregar(entorno.atencion, a_tiempo.folio, {"fecha": "2012-05-10T10:00:00", "tipo": "cierre",
                                                   "resultado": "favorable"})
    tarde = svc.registrar(entorno.atencion, peticion(2012, tema="salud", fecha_recepcion="2012-05-07T09:00:00"))
    seg.agregar(entorno.atencion, tarde.folio, {"fecha": "2012-05-21T10:00:00", "tipo": "cierre",
                                                "resultado": "no_favorable"})
    lejos = dt.date(2013, 1, 1)  # long after: a concluded petition's light no longer moves
    luz = _luz(entorno, lista, a_tiempo.folio, lejos).semaforo
    assert (luz.estado.value, luz.oportunidad.value) == ("atendido", "en_tiempo")
    luz = _luz(entorno, lista, tarde.folio, lejos).semaforo
    assert (luz.estado.value, luz.oportunidad.value) == ("atendido", "vencido")
    anulada = svc.registrar(entorno.atencion, peticion(2012, tema="salud", fecha_recepcion="2012-05-07T09:00:00"))
    svc.anular(entorno.supervisor, anulada.folio, "Prueba")
    assert _luz(entorno, lista, anulada.folio, lejos).semaforo is None
    filtro = FiltroPeticiones(vencidas=True, desde=dt.date(2012, 5, 7), hasta=dt.date(2012, 5, 7))
    assert {f.folio for f in lista.pagina(entorno.atencion, filtro, hoy=lejos)} == set()


def test_filtro_es_inmutable_y_por_defecto_recientes_primero(entorno, lista, datos):
    with pytest.raises(dataclasses.FrozenInstanceError):
        FiltroPeticiones().texto = "x"  # type: ignore[misc]
    filas = lista.pagina(entorno.atencion, FiltroPeticiones(desde=DESDE, hasta=HASTA))
    assert [f.folio for f in filas] == [datos[i] for i in (6, 5, 4, 3, 2, 1)]


def test_un_texto_muy_general_se_acota_a_los_ciudadanos_recientes(entorno, lista, datos, monkeypatch):
    """«mar» may match a third of the registry: the list takes the most recent matching citizens and
    says so, instead of reading every petition on each keystroke."""
    from oee_desk.services import lista_peticiones

    svc, at = entorno.peticiones, entorno.atencion
    apellido = f"Quiñonezarte{uuid.uuid4().hex[:6]}"  # letters only from here on: searchable, unique
    primera = svc.registrar(at, peticion(2013, persona(nombre="Rosa", primer_apellido=apellido,
                                                       telefono="6621119001")))
    segunda = svc.registrar(at, peticion(2013, persona(nombre="Irma", primer_apellido=apellido,
                                                       telefono="6621119002")))
    texto = apellido.lower()
    folios = lambda t: [f.folio for f in lista.pagina(at, FiltroPeticiones(texto=t))]  # noqa: E731
    assert folios(texto) == [segunda.folio, primera.folio]
    assert not lista.texto_demasiado_general(at, texto)
    monkeypatch.setattr(lista_peticiones, "LIMITE_CIUDADANOS", 1)
    assert lista.texto_demasiado_general(at, texto)
    assert folios(texto) == [segunda.folio]  # the citizen registered last
    assert lista.contar(at, FiltroPeticiones(texto=texto)) == 1
    assert folios(primera.folio) == [primera.folio]  # an exact folio is always found
