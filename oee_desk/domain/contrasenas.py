"""Password hashing (Argon2) and the strength rule for new passwords."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from .errores import ErrorValidacion

LARGO_MINIMO = 10
_hasher = PasswordHasher()

# zxcvbn scores 0–4; 3 is "safely unguessable" against an offline attack on a slow hash.
PUNTAJE_MINIMO = 3


def cifrar(contrasena: str) -> str:
    return _hasher.hash(contrasena)


def verificar(hash_guardado: str, contrasena: str) -> bool:
    try:
        return _hasher.verify(hash_guardado, contrasena)
    except (VerificationError, InvalidHashError):
        return False


def requiere_recifrar(hash_guardado: str) -> bool:
    return _hasher.check_needs_rehash(hash_guardado)


def validar_nueva(contrasena: str | None, confirmacion: str | None = None, *,
                  usuario: str = "", campo: str = "contraseña") -> str:
    if not contrasena:
        raise ErrorValidacion.de(campo, "es obligatoria")
    if confirmacion is not None and contrasena != confirmacion:
        raise ErrorValidacion.de("confirmación", "no coincide con la contraseña")
    if len(contrasena) < LARGO_MINIMO:
        raise ErrorValidacion.de(campo, f"debe tener al menos {LARGO_MINIMO} caracteres")
    if len(contrasena) > 256:
        raise ErrorValidacion.de(campo, "admite como máximo 256 caracteres")
    if usuario and usuario.casefold() in contrasena.casefold():
        raise ErrorValidacion.de(campo, "no debe contener el nombre de usuario")
    if zxcvbn(contrasena[:100], user_inputs=[usuario, "oee", "sonora", "gobierno"])["score"] < PUNTAJE_MINIMO:
        raise ErrorValidacion.de(
            campo, "es demasiado fácil de adivinar; use una frase de varias palabras o combine letras, números y símbolos")
    return contrasena
