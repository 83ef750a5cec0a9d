"""The catalog descriptions (domain/catalogos.py): what each catalog accepts and how it refuses."""
from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import assume, example, given, settings, strategies as st

from oee_desk.domain.catalogos import CATALOGOS, catalogo
from oee_desk.domain.errores import ErrorValidacion

# One valid row per catalog, as a person would type it (text everywhere, as a CSV gives it).
VALIDAS: dict[str, dict] = {
    "municipios": {"clave": "26030", "nombre": "Hermosillo"},
    "dependencias": {"codigo": "SSP", "nombre": "Secretaría de Seguridad Pública", "tipo": "estatal"},
    "canales": {"codigo": "call_center", "nombre": "Call Center", "indicador": "1", "orden": "3"},
    "temas": {"codigo": "vivienda", "nombre": "Vivienda", "plazo_dias_habiles": "15"},
    "tipos-documento": {"codigo": "oficio", "nombre": "Oficio"},
    "instrucciones": {"codigo": "tramite", "nombre": "Trámite correspondiente"},
    "series-documentales": {"codigo": "OEE-03.01", "nombre": "Correspondencia dirigida al C. Gobernador",
                            "vigencia_tramite": "2", "vigencia_concentracion": "5",
                            "destino_final": "conservacion"},
    "series-control": {"codigo": "03.01", "nombre": "Correspondencia al C. Gobernador",
                       "plantilla": "03.01-{n}/{yy}", "destinatario": "gobernador"},
    "dias-inhabiles": {"fecha": "2022-09-16", "descripcion": "Día de la Independencia", "origen": "oficial"},
}

# What the clean value of each valid row must be (types converted, options by code).
LIMPIAS = {
    "canales": {"indicador": 1, "orden": 3},
    "temas": {"plazo_dias_habiles": 15},
    "series-documentales": {"vigencia_tramite": 2, "vigencia_concentracion": 5},
    "dias-inhabiles": {"fecha": dt.date(2022, 9, 16)},
    # Files from before series numbered anything else: a series without «uso» numbers correspondence.
    "series-control": {"uso": "correspondencia"},
}


def test_cada_catalogo_tiene_un_ejemplo():
    assert set(VALIDAS) == set(CATALOGOS), "un catálogo nuevo necesita su fila de ejemplo aquí"


def test_los_nueve_catalogos_de_cli_md():
    assert set(CATALOGOS) == {"municipios", "dependencias", "canales", "temas", "tipos-documento",
                              "instrucciones", "series-documentales", "series-control", "dias-inhabiles"}


@pytest.mark.parametrize("nombre", sorted(VALIDAS))
def test_fila_valida_aceptada(nombre):
    cat = catalogo(nombre)
    limpia = cat.validar(dict(VALIDAS[nombre]))
    esperada = {**VALIDAS[nombre], **LIMPIAS.get(nombre, {})}
    assert limpia == esperada
    assert cat.clave in limpia
    assert {c.nombre for c in cat.campos} == set(limpia)
    for campo in cat.campos:
        assert campo.etiqueta and campo.tipo in {"texto", "entero", "fecha", "opcion"}
        if campo.tipo == "opcion":
            assert campo.opciones


@pytest.mark.parametrize("nombre,campo", [(n, c.nombre) for n, cat in sorted(CATALOGOS.items())
                                           for c in cat.campos if c.requerido])
@pytest.mark.parametrize("como", ["ausente", "vacio", "espacios", "none"])
def test_campo_obligatorio_faltante_se_nombra(nombre, campo, como):
    datos = dict(VALIDAS[nombre])
    if como == "ausente":
        del datos[campo]
    else:
        datos[campo] = {"vacio": "", "espacios": "   ", "none": None}[como]
    with pytest.raises(ErrorValidacion) as e:
        catalogo(nombre).validar(datos)
    assert [p.campo for p in e.value.problemas] == [campo]
    assert "obligatori" in e.value.problemas[0].mensaje


@pytest.mark.parametrize("nombre", sorted(VALIDAS))
def test_todos_los_problemas_a_la_vez(nombre):
    cat = catalogo(nombre)
    with pytest.raises(ErrorValidacion) as e:
        cat.validar({})
    assert {p.campo for p in e.value.problemas} == {c.nombre for c in cat.campos if c.requerido}


@pytest.mark.parametrize("nombre", sorted(VALIDAS))
@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(extra=st.text(min_size=1, max_size=20))
def test_campo_desconocido_rechazado(nombre, extra):
    cat = catalogo(nombre)
    assume(extra not in {c.nombre for c in cat.campos} | {"activo", "id", "version"})
    with pytest.raises(ErrorValidacion) as e:
        cat.validar({**VALIDAS[nombre], extra: "x"})
    assert [p.campo for p in e.value.problemas] == [extra]
    assert cat.titulo in e.value.problemas[0].mensaje


@pytest.mark.parametrize("nombre", sorted(VALIDAS))
def test_parcial_valida_solo_lo_dado(nombre):
    cat = catalogo(nombre)
    primero = cat.campos[0].nombre
    assert set(cat.validar({primero: VALIDAS[nombre][primero]}, parcial=True)) == {primero}
    assert cat.validar({}, parcial=True) == {}
    with pytest.raises(ErrorValidacion):
        cat.validar({primero: ""}, parcial=True)


def test_catalogo_inexistente():
    with pytest.raises(ErrorValidacion) as e:
        catalogo("colores")
    assert e.value.problemas[0].campo == "catálogo"
    assert "municipios" in e.value.problemas[0].mensaje


# --- municipios ---------------------------------------------------------------------------
@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.integers(min_value=-10**6, max_value=10**7), st.booleans())
@example(26000, False)
@example(26001, False)
@example(26072, True)
@example(26073, True)
def test_clave_municipio_solo_26001_a_26072(clave, como_texto):
    cat = catalogo("municipios")
    valor = str(clave) if como_texto else clave
    if 26001 <= clave <= 26072:
        assert cat.validar({"clave": valor, "nombre": "X"})["clave"] == str(clave)
    else:
        with pytest.raises(ErrorValidacion) as e:
            cat.validar({"clave": valor, "nombre": "X"})
        assert [p.campo for p in e.value.problemas] == ["clave"]


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.text(alphabet=string.printable + "áéÑ２\u0660\u0661\u0662\u0666", max_size=8))
def test_clave_municipio_aceptada_es_de_cinco_digitos_ascii(texto):
    try:
        clave = catalogo("municipios").validar({"clave": texto, "nombre": "X"})["clave"]
    except ErrorValidacion as e:
        assert [p.campo for p in e.problemas] == ["clave"]
    else:
        assert clave.isascii() and clave.isdigit() and 26001 <= int(clave) <= 26072


def test_clave_municipio_con_digitos_arabes_rechazada():
    with pytest.raises(ErrorValidacion):
        catalogo("municipios").validar({"clave": "26\u0660\u0660\u0661", "nombre": "X"})


# --- series de control --------------------------------------------------------------------
_LITERAL = st.text(alphabet=string.ascii_letters + string.digits + " .-/_", max_size=6)
_CONOCIDOS = ["{n}", "{yy}", "{yyyy}"]
_DESCONOCIDOS = ["{x}", "{anio}", "{0}", "{}", "{N}", "{nn}", "{y}", "{n}{", "}", "{n.__class__}",
                 "{yy[0]}", "{n!r}", "{{n}}"]


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.lists(st.one_of(_LITERAL, st.sampled_from(_CONOCIDOS)), max_size=6))
def test_plantilla_con_marcadores_conocidos(partes):
    plantilla = "".join(partes)
    assume(plantilla.strip() == plantilla and plantilla and len(plantilla) <= 60)
    cat = catalogo("series-control")
    datos = {**VALIDAS["series-control"], "plantilla": plantilla}
    if partes.count("{n}") == 1:
        assert cat.validar(datos)["plantilla"] == plantilla
    elif "{n}" not in partes:
        with pytest.raises(ErrorValidacion) as e:
            cat.validar(datos)
        assert [p.campo for p in e.value.problemas] == ["plantilla"]
        assert "{n}" in e.value.problemas[0].mensaje


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.lists(st.one_of(_LITERAL, st.sampled_from(_CONOCIDOS)), max_size=3),
       st.sampled_from(_DESCONOCIDOS[:9]),
       st.lists(st.one_of(_LITERAL, st.sampled_from(_CONOCIDOS)), max_size=3))
def test_plantilla_con_marcador_desconocido_rechazada(antes, malo, despues):
    plantilla = "".join(antes) + malo + "".join(despues) + "{n}"
    assume(plantilla.strip() == plantilla and len(plantilla) <= 60)
    with pytest.raises(ErrorValidacion) as e:
        catalogo("series-control").validar({**VALIDAS["series-control"], "plantilla": plantilla})
    assert [p.campo for p in e.value.problemas] == ["plantilla"]


@pytest.mark.parametrize("plantilla", ["03.01-{n}/{yy}", "NJ 03.01-{n}", "{yyyy}/{n}", "{n}"])
def test_plantillas_de_la_oficina(plantilla):
    assert catalogo("series-control").validar({**VALIDAS["series-control"], "plantilla": plantilla})


def test_plantilla_con_llaves_escapadas_no_tiene_numero():
    with pytest.raises(ErrorValidacion):
        catalogo("series-control").validar({**VALIDAS["series-control"], "plantilla": "{{n}}/{yy}"})


@pytest.mark.parametrize("plantilla", ["{n.__class__}", "{n}-{yy[0]}"])
def test_plantilla_sin_atributos_ni_indices(plantilla):
    with pytest.raises(ErrorValidacion):
        catalogo("series-control").validar({**VALIDAS["series-control"], "plantilla": plantilla})


# --- opciones y enteros de los catálogos --------------------------------------------------
@pytest.mark.parametrize("escrito,clave", [("Organismo Autonomo", "autonomo"), ("OSC", "osc"),
                                           ("dependencia ESTATAL", "estatal"), ("Oficina federal", "federal")])
def test_tipo_de_dependencia_por_etiqueta_sin_acentos(escrito, clave):
    datos = {**VALIDAS["dependencias"], "tipo": escrito}
    assert catalogo("dependencias").validar(datos)["tipo"] == clave


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.integers(min_value=-5, max_value=5))
def test_indicador_solo_1_o_2(n):
    datos = {**VALIDAS["canales"], "indicador": n}
    if n in (1, 2):
        assert catalogo("canales").validar(datos)["indicador"] == n
    else:
        with pytest.raises(ErrorValidacion) as e:
            catalogo("canales").validar(datos)
        assert [p.campo for p in e.value.problemas] == ["indicador"]


@pytest.mark.parametrize("nombre,campo,minimo,maximo", [
    ("canales", "orden", 1, 99), ("temas", "plazo_dias_habiles", 1, 365),
    ("series-documentales", "vigencia_tramite", 0, 99), ("series-documentales", "vigencia_concentracion", 0, 99)])
def test_limites_de_enteros(nombre, campo, minimo, maximo):
    cat = catalogo(nombre)
    for bueno in (minimo, maximo):
        assert cat.validar({**VALIDAS[nombre], campo: bueno})[campo] == bueno
    for malo in (minimo - 1, maximo + 1, "tres", "1.5"):
        with pytest.raises(ErrorValidacion) as e:
            cat.validar({**VALIDAS[nombre], campo: malo})
        assert [p.campo for p in e.value.problemas] == [campo]


def test_dia_inhabil_fecha_invalida():
    with pytest.raises(ErrorValidacion) as e:
        catalogo("dias-inhabiles").validar({**VALIDAS["dias-inhabiles"], "fecha": "2022-02-30"})
    assert [p.campo for p in e.value.problemas] == ["fecha"]
