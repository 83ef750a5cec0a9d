"""The password rule for new passwords, and the Argon2 hash that keeps them."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from oee_desk.domain import contrasenas
from oee_desk.domain.errores import ErrorValidacion

FUERTE = "caballo correcto batería grapa"
pytestmark = pytest.mark.argon2_real  # the application's own parameters, not the suite's cheap ones


def _campos(e: ErrorValidacion) -> list[str]:
    return [p.campo for p in e.problemas]


@pytest.mark.parametrize("vacia", [None, ""])
def test_obligatoria(vacia):
    with pytest.raises(ErrorValidacion) as e:
        contrasenas.validar_nueva(vacia)
    assert _campos(e.value) == ["contraseña"]


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(st.text(min_size=1, max_size=contrasenas.LARGO_MINIMO - 1))
def test_corta_rechazada_y_dice_el_minimo(corta):
    with pytest.raises(ErrorValidacion) as e:
        contrasenas.validar_nueva(corta, corta)
    assert _campos(e.value) == ["contraseña"]
    assert str(contrasenas.LARGO_MINIMO) in e.value.problemas[0].mensaje


def test_confirmacion_distinta():
    with pytest.raises(ErrorValidacion) as e:
        contrasenas.validar_nueva(FUERTE, FUERTE + "x")
    assert _campos(e.value) == ["confirmación"]
    assert "coincide" in e.value.problemas[0].mensaje


@pytest.mark.parametrize("usuario,contrasena", [
    ("mlopez", "mlopez-Verde!Cactus-92"), ("MLopez", "xq9!MLOPEZzv#Rr"), ("ana.ruiz", "Tz8#ana.ruizQ!k2p")])
def test_no_contiene_el_nombre_de_usuario(usuario, contrasena):
    with pytest.raises(ErrorValidacion) as e:
        contrasenas.validar_nueva(contrasena, contrasena, usuario=usuario)
    assert "usuario" in e.value.problemas[0].mensaje


@pytest.mark.parametrize("debil", ["contrasena1", "1234567890", "qwertyuiop", "password123", "aaaaaaaaaaaa",
                                   "sonora2024!", "gobierno123", "Hermosillo1"])
def test_debil_rechazada(debil):
    with pytest.raises(ErrorValidacion) as e:
        contrasenas.validar_nueva(debil, debil, usuario="mlopez")
    assert _campos(e.value) == ["contraseña"]
    assert "adivinar" in e.value.problemas[0].mensaje


@pytest.mark.parametrize("debil", ["contraseña1", "micontraseña", "administrador1", "oeesonora2024",
                                   "gobiernodesonora"])
def test_debil_en_espanol_rechazada(debil):
    with pytest.raises(ErrorValidacion):
        contrasenas.validar_nueva(debil, debil, usuario="mlopez")


@pytest.mark.parametrize("fuerte", [FUERTE, "Tz8#q!k2pVw%", "nopal rojo bajo la luna de cajeme"])
def test_fuerte_aceptada(fuerte):
    assert contrasenas.validar_nueva(fuerte, fuerte, usuario="mlopez") == fuerte
    assert contrasenas.validar_nueva(fuerte) == fuerte


def test_demasiado_larga():
    larga = "Tz8#q!k2pVw%" * 30
    with pytest.raises(ErrorValidacion) as e:
        contrasenas.validar_nueva(larga, larga)
    assert "256" in e.value.problemas[0].mensaje


def test_campo_de_la_nueva_contrasena_configurable():
    with pytest.raises(ErrorValidacion) as e:
        contrasenas.validar_nueva("corta", campo="nueva contraseña")
    assert _campos(e.value) == ["nueva contraseña"]


@settings(max_examples=10, deadline=None)  # Argon2 is slow on purpose
@given(st.text(min_size=1, max_size=40).filter(lambda t: "\x00" not in t))
def test_hash_verifica_y_no_contiene_la_contrasena(contrasena):
    h = contrasenas.cifrar(contrasena)
    assert h.startswith("$argon2")
    assert contrasena not in h or len(contrasena) < 4  # a 1-3 char text may appear by chance in base64
    assert contrasenas.verificar(h, contrasena)
    assert not contrasenas.verificar(h, contrasena + "x")
    assert not contrasenas.requiere_recifrar(h)


def test_hash_con_sal_distinta_cada_vez():
    a, b = contrasenas.cifrar(FUERTE), contrasenas.cifrar(FUERTE)
    assert a != b and FUERTE not in a
    assert contrasenas.verificar(a, FUERTE) and contrasenas.verificar(b, FUERTE)


@pytest.mark.parametrize("hash_malo", ["", "texto plano", "$argon2id$v=19$roto"])
def test_verificar_hash_danado_es_falso_no_excepcion(hash_malo):
    assert contrasenas.verificar(hash_malo, FUERTE) is False
