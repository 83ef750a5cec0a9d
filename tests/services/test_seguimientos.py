"""Follow-ups of a petition on both engines: the append-only timeline, how each one moves the
petition's status, calls and their outcomes, closing with a result, dates, and the callbacks queue
(next business day after an unanswered call, weekends and holidays of the dias-inhabiles catalog)."""
from __future__ import annotations

import datetime as dt

import pytest

from oee_desk.domain.errores import Conflicto, ErrorValidacion, NoEncontrado, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services.catalogos import ServicioCatalogos

from test_peticiones import MOTORES, abrir_entorno, auditoria, foto, peticion, persona


@pytest.fixture(scope="module", params=MOTORES)
def entorno(request, tmp_path_factory):
    yield from abrir_entorno(request, tmp_path_factory, "seguimientos")


@pytest.fixture
def seg(entorno):
    return entorno.seguimientos


def nueva(entorno, fecha="2022-02-01T09:30:00", **cambios):
    return entorno.peticiones.registrar(entorno.atencion, peticion(2022, fecha_recepcion=fecha, **cambios))


def llamada(fecha: str, resultado: str = "no_contesto", **cambios) -> dict:
    return {"fecha": fecha, "tipo": "llamada_saliente", "resultado": resultado, **cambios}


def pendientes(entorno, hoy: dt.date, folios, actor=None, **opciones) -> dict:
    filas = entorno.seguimientos.llamadas_pendientes(actor or entorno.atencion, hoy=hoy, **opciones)
    return {f.folio: f for f in filas if f.folio in set(folios)}


# --- the timeline ---------------------------------------------------------------------------------
def test_linea_de_tiempo_ordenada_por_fecha_y_primer_seguimiento(entorno, seg):
    p = nueva(entorno)
    assert p.estatus == "recibida"
    tras = seg.agregar(entorno.atencion, p.folio, {"fecha": "2022-02-03T10:00:00", "tipo": "contacto_enlace",
                                                   "nota": "Se habló con el enlace de SIDUR"})
    assert tras.estatus == "en_seguimiento"
    # Entered later but happened earlier: the timeline is ordered by date, not by entry.
    tras = seg.agregar(entorno.campo, p.folio.lower(), llamada("2022-02-02T16:00:00", "contesto"))
    tras = seg.agregar(entorno.atencion, p.folio, {"fecha": "2022-02-04T08:00:00", "tipo": "Respuesta de dependencia",
                                                   "nota": "SIDUR programó visita"})
    assert [(x.fecha, x.tipo, x.resultado, x.operador) for x in tras.seguimientos] == [
        (dt.datetime(2022, 2, 2, 16), "llamada_saliente", "contesto", "prueba_campo"),
        (dt.datetime(2022, 2, 3, 10), "contacto_enlace", None, "prueba_atencion"),
        (dt.datetime(2022, 2, 4, 8), "respuesta_dependencia", None, "prueba_atencion")]
    assert tras.estatus == "en_seguimiento" and tras.resultado is None and tras.fecha_conclusion is None
    assert [x["tipo"] for x in tras.como_json()["seguimientos"]] == [
        "llamada_saliente", "contacto_enlace", "respuesta_dependencia"]
    assert entorno.peticiones.obtener(entorno.atencion, p.folio).seguimientos == tras.seguimientos
    # Append-only: each one was created once, never edited.
    filas = [a for a in auditoria(entorno.bd, "seguimientos") if a.despues and a.despues["peticion_id"] == str(p.id)]
    assert [a.accion for a in filas] == ["crear"] * 3
    assert {a.usuario for a in filas} == {"prueba_atencion", "prueba_campo"}


def test_canalizada_pasa_a_seguimiento(entorno, seg):
    p = nueva(entorno, canalizacion={"tipo": "dependencia", "destino": "SIDUR"})
    assert p.estatus == "canalizada"
    assert seg.agregar(entorno.atencion, p.folio, {"fecha": "2022-02-02T10:00:00", "tipo": "oficio"}).estatus == \
        "en_seguimiento"


@pytest.mark.parametrize("resultado, guardado", [("favorable", "favorable"), ("No favorable", "no_favorable"),
                                                 ("no_procedente", "no_procedente"), ("INFORMADA", "informada")])
def test_cierre_exige_resultado_y_concluye(entorno, seg, resultado, guardado):
    p = nueva(entorno)
    seg.agregar(entorno.atencion, p.folio, llamada("2022-02-02T10:00:00", "buzon"))
    antes = foto(entorno.bd)
    for malo in (None, "", "contesto", "ganada"):
        with pytest.raises(ErrorValidacion) as e:
            seg.agregar(entorno.atencion, p.folio, {"fecha": "2022-02-10T12:00:00", "tipo": "cierre",
                                                    "resultado": malo})
        assert [x.campo for x in e.value.problemas] == ["resultado"]
    assert foto(entorno.bd) == antes
    cerrada = seg.agregar(entorno.atencion, p.folio, {"fecha": "2022-02-10T12:00:00", "tipo": "cierre",
                                                      "resultado": resultado, "nota": "Se entregó el apoyo"})
    assert (cerrada.estatus, cerrada.resultado, cerrada.fecha_conclusion, cerrada.proxima_llamada) == (
        "concluida", guardado, dt.date(2022, 2, 10), None)
    assert cerrada.seguimientos[-1].resultado == guardado
    assert cerrada.semaforo.estado.value == "atendido"
    # Concluded: nothing more is appended.
    antes = foto(entorno.bd)
    with pytest.raises(Conflicto) as e:
        seg.agregar(entorno.atencion, p.folio, llamada("2022-02-11T10:00:00", "contesto"))
    assert "concluida" in e.value.mensaje
    assert foto(entorno.bd) == antes


def test_anulada_no_admite_seguimientos(entorno, seg):
    p = nueva(entorno)
    entorno.peticiones.anular(entorno.supervisor, p.folio, "Petición de prueba")
    antes = foto(entorno.bd)
    with pytest.raises(Conflicto) as e:
        seg.agregar(entorno.atencion, p.folio, {"fecha": "2022-02-02T10:00:00", "tipo": "visita"})
    assert "anulada" in e.value.mensaje
    assert foto(entorno.bd) == antes


def _futuro() -> str:
    return (dt.datetime.now() + dt.timedelta(days=1)).replace(microsecond=0).isoformat()


MALOS = {
    "llamada_sin_resultado": ({"fecha": "2022-02-02T10:00:00", "tipo": "llamada_saliente"}, "resultado"),
    "llamada_entrante_sin_resultado": ({"fecha": "2022-02-02T10:00:00", "tipo": "llamada_entrante",
                                        "resultado": " "}, "resultado"),
    "llamada_resultado_desconocido": (llamada("2022-02-02T10:00:00", "colgó"), "resultado"),
    "llamada_con_resultado_de_cierre": (llamada("2022-02-02T10:00:00", "favorable"), "resultado"),
    "visita_con_resultado": ({"fecha": "2022-02-02T10:00:00", "tipo": "visita", "resultado": "contesto"},
                             "resultado"),
    "tipo_desconocido": ({"fecha": "2022-02-02T10:00:00", "tipo": "telegrama"}, "tipo"),
    "sin_tipo": ({"fecha": "2022-02-02T10:00:00"}, "tipo"),
    "antes_de_la_peticion": (llamada("2022-02-01T09:29:00", "contesto"), "fecha"),
    "futuro": (None, "fecha"),
    "fecha_invalida": (llamada("2022-02-31T10:00:00", "contesto"), "fecha"),
    "proxima_llamada_invalida": (llamada("2022-02-02T10:00:00", proxima_llamada="mañana"), "proxima_llamada"),
    "nota_no_texto": ({"fecha": "2022-02-02T10:00:00", "tipo": "visita", "nota": ["a"]}, "nota"),
    "documento_no_objeto": ("llamar", "documento"),
}


@pytest.mark.parametrize("caso", MALOS)
def test_seguimiento_malo_nombra_el_campo_y_no_escribe(entorno, seg, caso):
    p = nueva(entorno)
    antes = foto(entorno.bd)
    datos, campo = MALOS[caso]
    if caso == "futuro":
        datos = llamada(_futuro(), "contesto")
    with pytest.raises(ErrorValidacion) as e:
        seg.agregar(entorno.atencion, p.folio, datos)
    assert campo in [x.campo for x in e.value.problemas], e.value.problemas
    assert all(x.mensaje.strip() for x in e.value.problemas)
    if caso == "antes_de_la_peticion":
        assert "2022-02-01 09:30" in e.value.problemas[0].mensaje
    assert foto(entorno.bd) == antes


def test_folio_desconocido_y_permisos(entorno, seg):
    p = nueva(entorno)
    antes = foto(entorno.bd)
    with pytest.raises(NoEncontrado) as e:
        seg.agregar(entorno.atencion, "AC-1999-000123", llamada("2022-02-02T10:00:00", "contesto"))
    assert "AC-1999-000123" in e.value.mensaje
    for rol in (Rol.SUPERVISOR, Rol.ADMIN, Rol.RECEPCION):
        with pytest.raises(PermisoDenegado):
            seg.agregar(getattr(entorno, rol.value), p.folio, llamada("2022-02-02T10:00:00", "contesto"))
    with pytest.raises(PermisoDenegado):
        seg.llamadas_pendientes(entorno.recepcion)
    assert foto(entorno.bd) == antes


# --- the callbacks queue --------------------------------------------------------------------------
def test_llamada_sin_contacto_vuelve_el_siguiente_dia_habil(entorno, seg):
    viernes = nueva(entorno)
    tras = seg.agregar(entorno.atencion, viernes.folio, llamada("2022-03-04T17:30:00", "no_contesto"))
    assert tras.proxima_llamada == dt.date(2022, 3, 7)  # Friday → Monday
    puente = nueva(entorno)
    tras = seg.agregar(entorno.atencion, puente.folio, llamada("2022-02-04T11:00:00", "buzon"))
    assert tras.proxima_llamada == dt.date(2022, 2, 8)  # Monday 7 is Día de la Constitución
    marzo = nueva(entorno, "2022-03-01T08:00:00")
    tras = seg.agregar(entorno.atencion, marzo.folio, llamada("2022-03-18T11:00:00", "no_contesto"))
    assert tras.proxima_llamada == dt.date(2022, 3, 22)  # Monday 21: natalicio de Benito Juárez
    folios = [viernes.folio, puente.folio, marzo.folio]

    assert set(pendientes(entorno, dt.date(2022, 2, 7), folios)) == set()
    assert set(pendientes(entorno, dt.date(2022, 2, 8), folios)) == {puente.folio}
    en_lista = pendientes(entorno, dt.date(2022, 3, 9), folios)
    assert set(en_lista) == {puente.folio, viernes.folio}
    fila = en_lista[viernes.folio]
    assert (fila.proxima_llamada, fila.dias_atraso, fila.responsable, fila.estatus) == (
        dt.date(2022, 3, 7), 2, "prueba_atencion", "en_seguimiento")
    assert fila.ciudadano.startswith("José María Valenzuela") and fila.telefono == viernes.ciudadano.telefono
    # Oldest first.
    filas = [f.folio for f in seg.llamadas_pendientes(entorno.atencion, hoy=dt.date(2022, 3, 30))
             if f.folio in folios]
    assert filas == [puente.folio, viernes.folio, marzo.folio]

    # Answered: out of the queue.
    tras = seg.agregar(entorno.atencion, viernes.folio, llamada("2022-03-07T10:00:00", "contesto"))
    assert tras.proxima_llamada is None
    assert set(pendientes(entorno, dt.date(2022, 3, 30), folios)) == {puente.folio, marzo.folio}
    # A wrong number is not retried either.
    tras = seg.agregar(entorno.atencion, puente.folio, llamada("2022-02-08T10:00:00", "numero_equivocado"))
    assert tras.proxima_llamada is None
    # Closing empties it.
    seg.agregar(entorno.atencion, marzo.folio, {"fecha": "2022-03-22T10:00:00", "tipo": "cierre",
                                                "resultado": "informada"})
    assert pendientes(entorno, dt.date(2022, 12, 31), folios) == {}


def test_dia_inhabil_de_la_oficina(entorno, seg):
    """A day the office adds to the catalog moves the callback too."""
    ServicioCatalogos(entorno.bd).agregar(entorno.admin, "dias-inhabiles", {
        "fecha": "2022-06-15", "descripcion": "Acuerdo de la oficina (prueba)", "origen": "oficina"})
    p = nueva(entorno, "2022-06-01T09:00:00")
    tras = seg.agregar(entorno.atencion, p.folio, llamada("2022-06-14T12:00:00", "buzon"))
    assert tras.proxima_llamada == dt.date(2022, 6, 16)


def test_proxima_llamada_explicita_gana(entorno, seg):
    p = nueva(entorno)
    tras = seg.agregar(entorno.atencion, p.folio, llamada("2022-03-04T10:00:00", "no_contesto",
                                                          proxima_llamada="2022-03-10"))
    assert tras.proxima_llamada == dt.date(2022, 3, 10)
    # Also after a call that reached the citizen («call me on Tuesday»), or on any follow-up.
    tras = seg.agregar(entorno.atencion, p.folio, llamada("2022-03-10T10:00:00", "contesto",
                                                          proxima_llamada="2022-03-15"))
    assert tras.proxima_llamada == dt.date(2022, 3, 15)
    tras = seg.agregar(entorno.atencion, p.folio, {"fecha": "2022-03-11T10:00:00", "tipo": "contacto_enlace",
                                                   "proxima_llamada": "2022-03-17"})
    assert tras.proxima_llamada == dt.date(2022, 3, 17)
    assert set(pendientes(entorno, dt.date(2022, 3, 16), [p.folio])) == set()
    assert set(pendientes(entorno, dt.date(2022, 3, 17), [p.folio])) == {p.folio}
    # A follow-up that is not a call leaves the queue as it was.
    tras = seg.agregar(entorno.atencion, p.folio, {"fecha": "2022-03-12T10:00:00", "tipo": "visita"})
    assert tras.proxima_llamada == dt.date(2022, 3, 17)


def test_proxima_llamada_al_registrar(entorno):
    p = entorno.peticiones.registrar(entorno.atencion, peticion(2022, proxima_llamada="2022-03-02"))
    assert p.proxima_llamada == dt.date(2022, 3, 2)
    assert set(pendientes(entorno, dt.date(2022, 3, 2), [p.folio])) == {p.folio}


def test_solo_mias(entorno, seg):
    mia = nueva(entorno)
    suya = nueva(entorno)
    seg.agregar(entorno.atencion, mia.folio, llamada("2022-04-04T10:00:00", "no_contesto"))
    seg.agregar(entorno.campo, suya.folio, llamada("2022-04-04T10:00:00", "buzon"))
    folios = [mia.folio, suya.folio]
    hoy = dt.date(2022, 4, 6)
    assert set(pendientes(entorno, hoy, folios)) == set(folios)
    assert set(pendientes(entorno, hoy, folios, solo_mias=True)) == {mia.folio}
    assert set(pendientes(entorno, hoy, folios, entorno.campo, solo_mias=True)) == {suya.folio}
    assert pendientes(entorno, hoy, folios)[suya.folio].responsable == "prueba_campo"
    # Whoever makes the next unanswered call owns the callback.
    seg.agregar(entorno.campo, mia.folio, llamada("2022-04-05T10:00:00", "no_contesto"))
    assert set(pendientes(entorno, hoy, folios, solo_mias=True)) == set()
    assert set(pendientes(entorno, hoy, folios, entorno.campo, solo_mias=True)) == set(folios)


def test_admin_ve_la_cola_enmascarada(entorno, seg):
    p = entorno.peticiones.registrar(entorno.atencion, peticion(2022, persona(
        nombre="Rosa Elena", primer_apellido="Moroyoqui", telefono="6441234598")))
    seg.agregar(entorno.atencion, p.folio, llamada("2022-03-02T10:00:00", "no_contesto"))
    fila = pendientes(entorno, dt.date(2022, 3, 4), [p.folio], entorno.admin)[p.folio]
    assert fila.ciudadano.startswith("R*** E*** M***")
    assert fila.telefono.endswith("98") and "64412345" not in fila.telefono
    completa = pendientes(entorno, dt.date(2022, 3, 4), [p.folio], entorno.supervisor)[p.folio]
    assert completa.telefono == "6441234598"
