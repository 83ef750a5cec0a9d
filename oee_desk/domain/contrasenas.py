"""Password hashing (Argon2) and the strength rule for new passwords."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .errores import ErrorValidacion
from .texto import normalizar

LARGO_MINIMO = 10
_hasher = PasswordHasher()

# zxcvbn scores 0–4. With the Spanish words below, 3 still lets «gobiernodesonora» through
# (zxcvbn scores any three dictionary words as 3), so we ask for 4; four-word phrases and
# «Tortuga-Azul-87» pass.
PUNTAJE_MINIMO = 4
# zxcvbn ships English dictionaries only; these Spanish and office words are what people here
# reach for first, so they count as guessable too.
PALABRAS_LOCALES = [
    "contrasena", "contraseña", "clave", "secreto", "administrador", "admin", "usuario", "gobierno",
    "gobernador", "sonora", "sonorense", "hermosillo", "oee", "oficina", "ejecutivo", "estatal",
    "secretaria", "recepcion", "atencion", "ciudadana", "correspondencia", "mexico", "bienvenido",
    "hola", "amor", "familia", "dios", "cajeme", "obregon", "nogales", "navojoa", "guaymas",
    "de", "del", "la", "el", "los", "las", "mi", "su", "y",
]


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
    from zxcvbn import zxcvbn  # its dictionaries load in ~20 ms: only when a password is set, not at start

    # Accents and ñ folded, so «contraseña» matches the dictionary word as «contrasena».
    candidata = normalizar(contrasena[:100]).replace(" ", "") or contrasena[:100]
    if min(zxcvbn(c, user_inputs=[usuario, *PALABRAS_LOCALES])["score"]
           for c in {contrasena[:100], candidata}) < PUNTAJE_MINIMO:
        raise ErrorValidacion.de(
            campo, "es demasiado fácil de adivinar; use una frase de varias palabras o combine letras, números y símbolos")
    return contrasena
