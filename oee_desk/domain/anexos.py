"""Which files may be attached: PDF and images, of a sane size, that really are what they say."""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from .errores import ErrorValidacion

TAMANO_MAXIMO = 50 * 1024 * 1024  # a 300-page scan at office quality stays well under this

_FIRMAS = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


@dataclass(frozen=True)
class ArchivoValido:
    nombre: str
    tipo_mime: str
    contenido: bytes
    sha256: str


def validar_archivo(nombre: str, contenido: bytes, campo: str = "anexos") -> ArchivoValido:
    etiqueta = f"{campo} ({nombre})"
    if not contenido:
        raise ErrorValidacion.de(etiqueta, "el archivo está vacío")
    if len(contenido) > TAMANO_MAXIMO:
        raise ErrorValidacion.de(
            etiqueta, f"pesa {len(contenido) / 2**20:.0f} MB; el máximo es {TAMANO_MAXIMO // 2**20} MB")
    tipo = next((t for firma, t in _FIRMAS.items() if contenido.startswith(firma)), None)
    if tipo is None:
        raise ErrorValidacion.de(etiqueta, "no es un PDF ni una imagen (PNG, JPEG o TIFF)")
    if tipo == "application/pdf":
        _comprobar_pdf(etiqueta, contenido)
    else:
        _comprobar_imagen(etiqueta, contenido)
    return ArchivoValido(nombre, tipo, contenido, hashlib.sha256(contenido).hexdigest())


def _comprobar_pdf(etiqueta: str, contenido: bytes) -> None:
    import logging

    from pypdf import PdfReader

    # A damaged PDF is reported to the user in Spanish below; pypdf's own warnings are noise.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    from pypdf.errors import PdfReadError

    try:
        paginas = len(PdfReader(io.BytesIO(contenido), strict=False).pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise ErrorValidacion.de(etiqueta, "el PDF está dañado o no se puede leer") from None
    if paginas == 0:
        raise ErrorValidacion.de(etiqueta, "el PDF no tiene páginas")


def _comprobar_imagen(etiqueta: str, contenido: bytes) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        # verify() only checks the structure; load() decodes the pixels, which is what catches a
        # truncated JPEG or a PNG whose data is garbage.
        with Image.open(io.BytesIO(contenido)) as imagen:
            imagen.verify()
        with Image.open(io.BytesIO(contenido)) as imagen:
            imagen.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ErrorValidacion.de(etiqueta, "la imagen está dañada o no se puede leer") from None


def validar_archivos(archivos, campo: str = "anexos") -> list[ArchivoValido]:
    """Every (name, bytes) checked; all problems reported together."""
    validos, problemas = [], []
    for nombre, contenido in archivos:
        try:
            validos.append(validar_archivo(nombre, contenido, campo))
        except ErrorValidacion as e:
            problemas += e.problemas
    if problemas:
        raise ErrorValidacion(problemas)
    return validos
