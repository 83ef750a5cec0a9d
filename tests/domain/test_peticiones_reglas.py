"""Atención Ciudadana's rules without a database: phones, e-mails, a citizen's, a petition's, a
follow-up's and a tour's fields, how a follow-up moves a petition, masking. Property tests check
that any input is either cleaned or refused with a problem naming its field, never anything else."""
from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import given, settings, strategies as st

from oee_desk.domain import peticiones as reglas
from oee_desk.domain.errores import ErrorValidacion

AHORA = dt.datetime(2022, 6, 15, 12, 0)
RECEPCION = dt.datetime(2022, 6, 1, 9, 30)


def _campos(e: ErrorValidacion) -> list[str]:
    assert e.problemas and all(p.campo and p.mensaje.strip() for p in e.problemas)
    return [p.campo for p in e.problemas]


# --- phones -------------------------------------------------------------------------------------
_SEPARADOR = st.sampled_from(["", " ", "-", ".", "  "])


@st.composite
def telefono_con_formato(draw) -> tuple[str, str]:
    """Ten digits as people write them: «6621234567», «(662) 123-45-67», «+52 662.123.4567»…"""
    digitos = draw(st.text(alphabet=string.digits, min_size=10, max_size=10))
    lada, resto = digitos[:3], digitos[3:]
    lada = draw(st.sampled_from([lada, f"({lada})"]))
    cortes = sorted(draw(st.sets(st.integers(1, len(resto) - 1), max_size=3)))
    piezas = [resto[a:b] for a, b in zip([0, *cortes], [*cortes, len(resto)])]
    texto = lada + draw(_SEPARADOR) + "".join(p + draw(_SEPARADOR) for p in piezas[:-1]) + piezas[-1]
    prefijo = draw(st.sampled_from(["", "+52 ", "+52", "52 "]))
    return draw(st.sampled_from(["", " ", "\t"])) + prefijo + texto + draw(st.sampled_from(["", " "])), digitos


@settings(deadline=None)
@given(telefono_con_formato())
def test_telefono_acepta_cualquier_formato_de_diez_digitos(caso):
    texto, digitos = caso
    assert reglas.telefono("ciudadano.telefono", texto) == digitos


@settings(deadline=None)
@given(st.integers(10**9, 10**10 - 1))
def test_telefono_como_numero(numero):
    assert reglas.telefono("telefono", numero) == str(numero)


@settings(deadline=None)
@given(telefono_con_formato(), st.data())
def test_telefono_con_letras_se_rechaza_nombrando_el_campo(caso, data):
    texto, _ = caso
    letra = data.draw(st.characters(categories=["Lu", "Ll", "Lo"]))
    posicion = data.draw(st.integers(0, len(texto)))
    with pytest.raises(ErrorValidacion) as e:
        reglas.telefono("ciudadano.telefono", texto[:posicion] + letra + texto[posicion:])
    assert _campos(e.value) == ["ciudadano.telefono"]


@pytest.mark.parametrize("malo", ["662-CALL-NOW", "6621234567 ext 5", "12-34", "1" * 16, "662/123/4567", True,
                                  ["6621234567"], 6.5])
def test_telefono_malo(malo):
    with pytest.raises(ErrorValidacion) as e:
        reglas.telefono("telefono", malo)
    assert _campos(e.value) == ["telefono"]


def test_telefono_vacio_y_requerido():
    assert reglas.telefono("telefono", None) is None and reglas.telefono("telefono", "  ") is None
    with pytest.raises(ErrorValidacion):
        reglas.telefono("telefono", "", requerido=True)


# --- e-mail -------------------------------------------------------------------------------------
@pytest.mark.parametrize("bueno, limpio", [("Jose@Example.COM", "jose@example.com"),
                                           (" ana.ruiz+sonora@gob.mx ", "ana.ruiz+sonora@gob.mx")])
def test_correo_bueno(bueno, limpio):
    assert reglas.correo("correo", bueno) == limpio


@pytest.mark.parametrize("malo", ["jose.example.com", "jose@", "@example.com", "jose@example", "jo se@example.com",
                                  "a@b@c.com", 12])
def test_correo_malo(malo):
    with pytest.raises(ErrorValidacion) as e:
        reglas.correo("ciudadano.correo", malo)
    assert _campos(e.value) == ["ciudadano.correo"]


# --- a citizen ----------------------------------------------------------------------------------
def test_ciudadano_limpio():
    limpio = reglas.validar_ciudadano({
        "nombre": "  José María ", "primer_apellido": "Valenzuela", "telefono": "(662) 123-45-67",
        "correo": "JOSE@EXAMPLE.COM", "curp": "vayj800101hsrlcs00", "municipio": 26030,
        "acepta_aviso_privacidad": "sí", "otro": "ignorado"})
    assert limpio["nombre"] == "José María" and limpio["telefono"] == "6621234567"
    assert limpio["correo"] == "jose@example.com" and limpio["curp"] == "VAYJ800101HSRLCS00"
    assert limpio["municipio"] == "26030"
    assert limpio["acepta_aviso_privacidad"] is True and limpio["version_aviso"] == reglas.VERSION_AVISO_VIGENTE
    assert "otro" not in limpio
    sin_aviso = reglas.validar_ciudadano({"nombre": "Ana", "telefono": "6441234567"})
    assert sin_aviso["acepta_aviso_privacidad"] is False and sin_aviso["version_aviso"] is None


def test_ciudadano_todos_los_problemas_con_su_prefijo():
    with pytest.raises(ErrorValidacion) as e:
        reglas.validar_ciudadano({"nombre": "", "telefono": "abc", "correo": "x", "curp": "XXXX",
                                  "acepta_aviso_privacidad": "tal vez"})
    assert set(_campos(e.value)) == {"ciudadano.nombre", "ciudadano.telefono", "ciudadano.correo", "ciudadano.curp",
                                     "ciudadano.acepta_aviso_privacidad"}
    with pytest.raises(ErrorValidacion) as e:
        reglas.validar_ciudadano({"nombre": None}, prefijo="")
    assert _campos(e.value) == ["nombre"]
    with pytest.raises(ErrorValidacion) as e:
        reglas.validar_ciudadano("José")
    assert _campos(e.value) == ["ciudadano"]


_CLAVES = st.sampled_from(["nombre", "primer_apellido", "segundo_apellido", "telefono", "telefono_alterno",
                           "correo", "curp", "municipio", "localidad", "domicilio", "acepta_aviso_privacidad",
                           "version_aviso"]) | st.text(max_size=8)
_HOJAS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
          | st.text(alphabet="0123456789 ()-+.", max_size=20) | st.from_regex(r"[A-Z]{4}\d{6}[HM][A-Z]{5}[0-9A-Z]\d")
          | st.binary(max_size=5))
_VALORES = st.recursive(_HOJAS, lambda hijos: st.lists(hijos, max_size=3) | st.dictionaries(st.text(max_size=5),
                                                                                             hijos, max_size=3),
                        max_leaves=5)


_BASE = {"nombre": "Ana", "telefono": "6621234567"}


@settings(deadline=None, max_examples=150)
@given(st.booleans(), st.dictionaries(_CLAVES, _VALORES, max_size=14))
def test_validar_ciudadano_solo_limpia_o_nombra_el_campo(con_base, extra):
    datos = {**(_BASE if con_base else {}), **extra}
    try:
        limpio = reglas.validar_ciudadano(datos)
    except ErrorValidacion as e:
        assert all(c.startswith("ciudadano.") for c in _campos(e))
    else:
        assert isinstance(limpio["nombre"], str) and limpio["nombre"].strip() == limpio["nombre"] != ""
        assert limpio["telefono"] is None or limpio["telefono"].isdigit()


_DOCUMENTO = st.dictionaries(
    st.sampled_from(["fecha_recepcion", "canal", "tema", "descripcion", "apoyo_solicitado", "gira", "ciudadano",
                     "ciudadano_id", "canalizacion", "proxima_llamada", "fecha", "tipo", "resultado", "nota",
                     "municipio", "localidad", "evento", "destino"]),
    _VALORES | st.datetimes(timezones=st.none() | st.timezones()).map(dt.datetime.isoformat)
    | st.dates().map(dt.date.isoformat), max_size=10)


@settings(deadline=None, max_examples=150)
@given(_DOCUMENTO | _VALORES)
def test_cada_validacion_solo_limpia_o_nombra_el_campo(datos):
    for validar in (lambda: reglas.validar_peticion(datos, AHORA),
                    lambda: reglas.validar_seguimiento(datos, AHORA, RECEPCION),
                    lambda: reglas.validar_gira(datos, AHORA.date()),
                    lambda: reglas.validar_canalizacion(datos)):
        try:
            validar()
        except ErrorValidacion as e:
            _campos(e)


@pytest.mark.parametrize("fecha", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"])
def test_fecha_con_zona_fuera_de_rango(fecha):
    with pytest.raises(ErrorValidacion) as e:
        reglas.validar_peticion({"fecha_recepcion": fecha, "canal": "call_center", "tema": "salud",
                                 "descripcion": "x", "ciudadano_id": "1"}, AHORA)
    assert _campos(e.value) == ["fecha_recepcion"]
    with pytest.raises(ErrorValidacion) as e:
        reglas.validar_seguimiento({"fecha": fecha, "tipo": "visita"}, AHORA, RECEPCION)
    assert _campos(e.value) == ["fecha"]


# --- a petition ---------------------------------------------------------------------------------
def _peticion(**cambios) -> dict:
    return {"fecha_recepcion": "2022-06-01T09:30:00", "canal": "call_center", "tema": "salud",
            "descripcion": "Solicita medicamento", "ciudadano": {"nombre": "Ana"}, **cambios}


def test_peticion_limpia():
    limpio = reglas.validar_peticion(_peticion(fecha_recepcion="2022-06-01T09:30:00-07:00",
                                               canalizacion={"destino": "SSP"}), AHORA)
    assert limpio["fecha_recepcion"].tzinfo is None
    assert limpio["canalizacion"] == {"tipo": "dependencia", "destino": "SSP", "nota": None}
    sin_fecha = reglas.validar_peticion(_peticion(fecha_recepcion=None), AHORA)
    assert sin_fecha["fecha_recepcion"] == AHORA  # captured now


@pytest.mark.parametrize("cambios, campo", [
    ({"fecha_recepcion": "2022-06-15T12:11:00"}, "fecha_recepcion"),  # beyond the ten minutes' tolerance
    ({"fecha_recepcion": "1999-12-31T10:00:00"}, "fecha_recepcion"),
    ({"fecha_recepcion": "ayer"}, "fecha_recepcion"),
    ({"canal": " "}, "canal"),
    ({"tema": None}, "tema"),
    ({"descripcion": "x" * 4001}, "descripcion"),
    ({"ciudadano": None}, "ciudadano"),
    ({"proxima_llamada": "15/06/2022"}, "proxima_llamada"),
    ({"gira": 7}, "gira"),
])
def test_peticion_mala(cambios, campo):
    with pytest.raises(ErrorValidacion) as e:
        reglas.validar_peticion(_peticion(**cambios), AHORA)
    assert campo in _campos(e.value)


def test_peticion_dentro_de_la_tolerancia_y_con_ciudadano_id():
    assert reglas.validar_peticion(_peticion(fecha_recepcion="2022-06-15T12:09:00"), AHORA)
    assert reglas.validar_peticion(_peticion(ciudadano=None, ciudadano_id="0190"), AHORA)


@pytest.mark.parametrize("datos, campo", [
    ({"tipo": "area_interna", "destino": "SIDUR"}, "canalizacion.destino"),
    ({"tipo": "paloma", "destino": "SSP"}, "canalizacion.tipo"),
    ({"tipo": "dependencia", "destino": ""}, "canalizacion.destino"),
    ("SSP", "canalizacion"),
])
def test_canalizacion_mala(datos, campo):
    with pytest.raises(ErrorValidacion) as e:
        reglas.validar_canalizacion(datos)
    assert campo in _campos(e.value)


def test_canalizacion_a_area_por_nombre():
    assert reglas.validar_canalizacion({"tipo": "Área interna", "destino": "Asesoría Jurídica"})["destino"] == \
        "asesoria_juridica"


# --- a follow-up --------------------------------------------------------------------------------
@pytest.mark.parametrize("datos, campo", [
    ({"tipo": "llamada_saliente"}, "resultado"),
    ({"tipo": "llamada_entrante", "resultado": "favorable"}, "resultado"),
    ({"tipo": "cierre"}, "resultado"),
    ({"tipo": "cierre", "resultado": "buzon"}, "resultado"),
    ({"tipo": "visita", "resultado": "favorable"}, "resultado"),
    ({"tipo": "fax"}, "tipo"),
    ({"tipo": "visita", "fecha": "2022-06-01T09:29:00"}, "fecha"),
    ({"tipo": "visita", "fecha": "2022-06-15T12:30:00"}, "fecha"),
    ({"tipo": "visita", "proxima_llamada": "pronto"}, "proxima_llamada"),
])
def test_seguimiento_malo(datos, campo):
    with pytest.raises(ErrorValidacion) as e:
        reglas.validar_seguimiento(datos, AHORA, RECEPCION)
    assert campo in _campos(e.value)


@pytest.mark.parametrize("datos, tipo, resultado", [
    ({"tipo": "Llamada saliente", "resultado": "No contestó"}, "llamada_saliente", "no_contesto"),
    ({"tipo": "llamada_entrante", "resultado": "BUZON"}, "llamada_entrante", "buzon"),
    ({"tipo": "cierre", "resultado": "No procedente"}, "cierre", "no_procedente"),
    ({"tipo": "visita", "resultado": ""}, "visita", None),
])
def test_seguimiento_bueno(datos, tipo, resultado):
    limpio = reglas.validar_seguimiento({"fecha": "2022-06-02T10:00:00", **datos}, AHORA, RECEPCION)
    assert (limpio["tipo"], limpio.get("resultado")) == (tipo, resultado)


def test_seguimiento_sin_fecha_es_ahora():
    assert reglas.validar_seguimiento({"tipo": "visita"}, AHORA, RECEPCION)["fecha"] == AHORA


@pytest.mark.parametrize("actual, tipo, nuevo", [
    ("recibida", "llamada_saliente", "en_seguimiento"), ("canalizada", "visita", "en_seguimiento"),
    ("en_seguimiento", "contacto_enlace", "en_seguimiento"), ("recibida", "cierre", "concluida"),
    ("en_seguimiento", "cierre", "concluida"), ("concluida", "visita", "concluida"),
    ("anulada", "cierre", "anulada"),
])
def test_estatus_tras_seguimiento(actual, tipo, nuevo):
    assert reglas.estatus_tras_seguimiento(actual, tipo) == nuevo


# --- a tour -------------------------------------------------------------------------------------
def test_gira():
    limpio = reglas.validar_gira({"fecha": "2022-05-13", "municipio": 26030, "evento": " Visita "}, AHORA.date())
    assert limpio == {"fecha": dt.date(2022, 5, 13), "municipio": "26030", "localidad": None, "evento": "Visita"}
    with pytest.raises(ErrorValidacion) as e:
        reglas.validar_gira({"fecha": "2023-07-01", "municipio": "", "evento": None}, AHORA.date())
    assert set(_campos(e.value)) == {"fecha", "municipio", "evento"}


# --- names and masking --------------------------------------------------------------------------
def test_clave_nombre_sin_orden_ni_acentos():
    a = reglas.clave_nombre({"nombre": "José María", "primer_apellido": "Valenzuela", "segundo_apellido": None})
    b = reglas.clave_nombre({"nombre": "VALENZUELA", "primer_apellido": "maria", "segundo_apellido": "jose"})
    assert a == b == "jose maria valenzuela"


def test_nombre_completo():
    assert reglas.nombre_completo({"nombre": "Ana", "primer_apellido": None, "segundo_apellido": "Félix"}) == \
        "Ana Félix"


@pytest.mark.parametrize("texto, visibles, esperado", [
    ("José María", 0, "J*** M***"), ("Valenzuela", 0, "V***"), ("6621234567", 2, "••••••••67"),
    (None, 0, None), ("", 2, ""), ("7", 2, "7"),
])
def test_enmascarar(texto, visibles, esperado):
    assert reglas.enmascarar(texto, visibles=visibles) == esperado


@settings(deadline=None)
@given(st.text(alphabet=string.digits, min_size=7, max_size=15))
def test_telefono_enmascarado_deja_solo_dos_digitos(telefono):
    m = reglas.enmascarar(telefono, visibles=2)
    assert m.endswith(telefono[-2:]) and len(m) == len(telefono)
    assert sum(c.isdigit() for c in m) == 2
