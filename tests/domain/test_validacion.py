"""Field validation: each function returns the clean value or names the field it refuses."""
from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import assume, given, settings, strategies as st
from stdnum.mx import curp as stdnum_curp

from oee_desk.domain import validacion as v
from oee_desk.domain.errores import ErrorValidacion, Problema


def _problema_de(error: ErrorValidacion, campo: str) -> Problema:
    assert error.problemas, "una ErrorValidacion sin problemas no le dice nada al usuario"
    assert [p.campo for p in error.problemas] == [campo]
    assert error.problemas[0].mensaje.strip()
    assert campo in str(error)
    return error.problemas[0]


# --- texto --------------------------------------------------------------------------------
@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.text(max_size=250))
def test_texto_devuelve_el_valor_sin_espacios_en_los_extremos_o_nombra_el_campo(valor):
    try:
        limpio = v.texto("asunto", valor, maximo=200)
    except ErrorValidacion as e:
        _problema_de(e, "asunto")
        assert not valor.strip() or len(valor.strip()) > 200 or "\x00" in valor
    else:
        assert limpio == valor.strip()
        assert limpio and len(limpio) <= 200 and "\x00" not in limpio


@pytest.mark.parametrize("vacio", [None, "", "   ", "\t\n"])
def test_texto_obligatorio_vacio(vacio):
    with pytest.raises(ErrorValidacion) as e:
        v.texto("nombre", vacio)
    assert "obligatorio" in _problema_de(e.value, "nombre").mensaje
    assert v.texto("nombre", vacio, requerido=False) is None


@pytest.mark.parametrize("no_texto", [12, 3.5, ["a"], {"a": 1}, b"bytes"])
def test_texto_rechaza_lo_que_no_es_texto(no_texto):
    with pytest.raises(ErrorValidacion) as e:
        v.texto("nombre", no_texto)
    _problema_de(e.value, "nombre")


def test_texto_largo_maximo_dice_cuanto_tiene():
    assert v.texto("n", "x" * 10, maximo=10) == "x" * 10
    with pytest.raises(ErrorValidacion) as e:
        v.texto("n", "x" * 11, maximo=10)
    mensaje = _problema_de(e.value, "n").mensaje
    assert "10" in mensaje and "11" in mensaje


def test_texto_con_nulo_rechazado():
    with pytest.raises(ErrorValidacion):
        v.texto("n", "a\x00b")


@pytest.mark.parametrize("literal", ['=HYPERLINK("http://x","y")', "'); DROP TABLE usuarios; --",
                                     "José María Ñúñez", "+52 662 123 4567", "@usuario"])
def test_texto_no_altera_lo_escrito(literal):
    assert v.texto("n", f"  {literal} ") == literal


# --- codigo -------------------------------------------------------------------------------
_CARACTERES_CODIGO = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._- "


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.text(alphabet=_CARACTERES_CODIGO[:62], min_size=1, max_size=1),
       st.text(alphabet=_CARACTERES_CODIGO, max_size=39))
def test_codigo_valido_aceptado(primero, resto):
    valor = (primero + resto).strip()
    assert v.codigo("código", valor) == valor


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.text(max_size=45))
def test_codigo_solo_ascii_seguro(valor):
    try:
        limpio = v.codigo("siglas", valor)
    except ErrorValidacion as e:
        _problema_de(e, "siglas")
    else:
        assert limpio == valor.strip()
        assert limpio[0].isascii() and limpio[0].isalnum()
        assert all(c in _CARACTERES_CODIGO for c in limpio)
        assert len(limpio) <= v.LARGO_CODIGO


@pytest.mark.parametrize("malo", ["-abc", ".x", "SALÚD", "a/b", "a;b", "x\ny", "ñ", "_a", "a" * 41])
def test_codigo_invalido(malo):
    with pytest.raises(ErrorValidacion) as e:
        v.codigo("siglas", malo)
    _problema_de(e.value, "siglas")


# --- entero -------------------------------------------------------------------------------
@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.integers(min_value=-10**6, max_value=10**6), st.sampled_from([int, str, float]))
def test_entero_en_rango(n, como):
    valor = como(n)
    if -100 <= n <= 100:
        assert v.entero("orden", valor, minimo=-100, maximo=100) == n
    else:
        with pytest.raises(ErrorValidacion) as e:
            v.entero("orden", valor, minimo=-100, maximo=100)
        mensaje = _problema_de(e.value, "orden").mensaje
        assert ("-100" if n < -100 else "100") in mensaje


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.one_of(st.booleans(), st.floats().filter(lambda x: not (math.isfinite(x) and x.is_integer())),
                 st.text().filter(lambda t: t.strip() and not t.strip().lstrip("+-").isdigit()),
                 st.lists(st.integers(), max_size=2)))
def test_entero_rechaza_lo_que_no_es_entero(valor):
    try:
        resultado = v.entero("orden", valor)
    except ErrorValidacion as e:
        _problema_de(e, "orden")
    else:  # int() also reads '1_000' and ' ٣ ': whatever it accepts must be a real int
        assert isinstance(valor, str) and type(resultado) is int


def test_entero_bool_no_es_numero():
    for b in (True, False):
        with pytest.raises(ErrorValidacion):
            v.entero("orden", b)


def test_entero_vacio():
    with pytest.raises(ErrorValidacion) as e:
        v.entero("orden", " ")
    assert "obligatorio" in _problema_de(e.value, "orden").mensaje
    assert v.entero("orden", None, requerido=False) is None


# --- fecha --------------------------------------------------------------------------------
@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.dates())
def test_fecha_iso_y_objetos(d):
    assert v.fecha("fecha", d.isoformat()) == d
    assert v.fecha("fecha", f" {d.isoformat()} ") == d
    assert v.fecha("fecha", d) == d
    assert v.fecha("fecha", dt.datetime.combine(d, dt.time(13, 5))) == d


@pytest.mark.parametrize("mala", ["2022-02-30", "2022-13-01", "31/12/2022", "ayer", "2022/01/01", 20220101])
def test_fecha_invalida(mala):
    with pytest.raises(ErrorValidacion) as e:
        v.fecha("fecha de recepción", mala)
    assert "AAAA-MM-DD" in _problema_de(e.value, "fecha de recepción").mensaje


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.text(max_size=20))
def test_fecha_texto_cualquiera(valor):
    try:
        d = v.fecha("fecha", valor)
    except ErrorValidacion as e:
        _problema_de(e, "fecha")
    else:
        assert isinstance(d, dt.date)


# --- opcion -------------------------------------------------------------------------------
OPCIONES = {"estatal": "Dependencia estatal", "autonomo": "Organismo autónomo", "osc": "Organización de la sociedad civil"}


def _variantes(texto: str):
    sin_acentos = texto.translate(str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU"))
    return st.sampled_from([texto, texto.upper(), texto.lower(), sin_acentos, sin_acentos.upper(),
                            f"  {texto.title()}  ", texto.replace(" ", "   ")])


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.sampled_from(list(OPCIONES.items())).flatmap(
    lambda par: st.tuples(st.just(par[0]), st.one_of(_variantes(par[0]), _variantes(par[1])))))
def test_opcion_por_codigo_o_etiqueta_sin_importar_acentos_ni_mayusculas(par):
    clave, escrito = par
    assert v.opcion("tipo", escrito, OPCIONES) == clave


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.text(max_size=30))
def test_opcion_desconocida_lista_las_validas(valor):
    from oee_desk.domain.texto import normalizar

    conocidas = {normalizar(x) for par in OPCIONES.items() for x in par}
    assume(normalizar(valor) not in conocidas)
    with pytest.raises(ErrorValidacion) as e:
        v.opcion("tipo", valor, OPCIONES)
    mensaje = _problema_de(e.value, "tipo").mensaje
    if valor.strip() and "\x00" not in valor:
        assert all(c in mensaje for c in OPCIONES)


# --- curp ---------------------------------------------------------------------------------
_ESTADOS = sorted("AS BC BS CC CH CL CM CS DF DG GR GT HG JC MC MN MS NE NL NT OC PL QR QT "
                  "SL SP SR TC TL TS VZ YN ZS".split())
_LETRAS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CONSONANTES = "BCDFGHJKLMNPQRSTVWXYZ"


@st.composite
def curps_validas(draw):
    nacimiento = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
    iniciales = draw(st.text(alphabet=_LETRAS, min_size=4, max_size=4))
    assume(iniciales not in stdnum_curp._name_blacklist)
    sexo = draw(st.sampled_from("HM"))
    estado = draw(st.sampled_from(_ESTADOS))
    internas = draw(st.text(alphabet=_CONSONANTES, min_size=3, max_size=3))
    # position 17 tells the century: a digit before 2000, a letter from 2000 on
    siglo = draw(st.sampled_from("0123456789")) if nacimiento.year < 2000 else draw(st.sampled_from(_LETRAS))
    sin_digito = f"{iniciales}{nacimiento:%y%m%d}{sexo}{estado}{internas}{siglo}"
    return sin_digito + stdnum_curp.calc_check_digit(sin_digito)


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(curps_validas(), st.sampled_from([str, str.lower, lambda c: f"  {c} "]))
def test_curp_valida_aceptada_en_mayusculas(curp, forma):
    assert stdnum_curp.is_valid(curp)
    assert v.curp("curp", forma(curp)) == curp


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(curps_validas(), st.integers(min_value=0, max_value=9))
def test_curp_con_digito_verificador_equivocado(curp, otro):
    assume(str(otro) != curp[-1])
    with pytest.raises(ErrorValidacion) as e:
        v.curp("curp", curp[:-1] + str(otro))
    assert "CURP" in _problema_de(e.value, "curp").mensaje


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.text(max_size=20))
def test_curp_cualquier_texto_valida_igual_que_stdnum(valor):
    try:
        limpio = v.curp("curp", valor)
    except ErrorValidacion as e:
        _problema_de(e, "curp")
        assert not (valor.strip() and len(valor.strip()) <= 18 and stdnum_curp.is_valid(valor.strip().upper()))
    else:
        if valor.strip():
            assert stdnum_curp.is_valid(limpio) and limpio == stdnum_curp.compact(valor.strip().upper())
        else:
            assert limpio is None


@pytest.mark.parametrize("mala", ["BOXW310820HNERXN08",  # check digit
                                  "BOXW311320HNERXN09",  # month 13
                                  "BOXW310820XNERXN09",  # sex X
                                  "BOXW310820HZZRXN09",  # state ZZ
                                  "BOXW310820HNERX",     # short
                                  "12XW310820HNERXN09"])
def test_curp_invalidas_conocidas(mala):
    with pytest.raises(ErrorValidacion):
        v.curp("curp", mala)


def test_curp_opcional_u_obligatoria():
    assert v.curp("curp", "") is None
    assert v.curp("curp", None) is None
    with pytest.raises(ErrorValidacion):
        v.curp("curp", "", requerido=True)
    assert v.curp("curp", "boxw310820hnerxn09") == "BOXW310820HNERXN09"


# --- booleano y Validador -----------------------------------------------------------------
@pytest.mark.parametrize("si", [True, "sí", "SI", "si", "true", "1", "Verdadero", 1])
def test_booleano_si(si):
    assert v.booleano("activo", si) is True


@pytest.mark.parametrize("no", [False, "no", "NO", "false", "0", "", 0])
def test_booleano_no(no):
    assert v.booleano("activo", no) is False


@pytest.mark.parametrize("malo", ["quizá", 2, None, 1.5])
def test_booleano_invalido(malo):
    with pytest.raises(ErrorValidacion):
        v.booleano("activo", malo)


def test_validador_reune_todos_los_problemas():
    val = v.Validador()
    val.campo("nombre", v.texto, "")
    val.campo("orden", v.entero, "x")
    val.campo("fecha", v.fecha, "2022-01-01")
    with pytest.raises(ErrorValidacion) as e:
        val.listo()
    assert [p.campo for p in e.value.problemas] == ["nombre", "orden"]
    ok = v.Validador()
    ok.campo("fecha", v.fecha, "2022-01-01")
    assert ok.listo() == {"fecha": dt.date(2022, 1, 1)}
