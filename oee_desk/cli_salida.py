"""Report files of the CLI (`reporte … -o ARCHIVO`): written whole or not at all, failures in Spanish."""
from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path
from typing import Callable

from .domain.errores import ErrorValidacion

_MOTIVOS_ESCRITURA = {
    errno.ENOENT: "la carpeta no existe", errno.ENOTDIR: "la carpeta no existe",
    errno.EACCES: "permiso denegado", errno.EPERM: "permiso denegado", errno.EISDIR: "es una carpeta",
    errno.EROFS: "el disco es de solo lectura", errno.ENOSPC: "no queda espacio en el disco",
    errno.EFBIG: "el archivo sería demasiado grande", errno.ENAMETOOLONG: "el nombre es demasiado largo",
}
if hasattr(errno, "EDQUOT"):
    _MOTIVOS_ESCRITURA[errno.EDQUOT] = "no queda espacio en el disco"
# Failures of writing itself, which name no file.
_FALLAS_AL_ESCRIBIR = {errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _no_se_pudo_escribir(nombre: str, e: OSError) -> ErrorValidacion:
    motivo = _MOTIVOS_ESCRITURA.get(e.errno) or f"error del sistema ({e.strerror or e})"
    return ErrorValidacion.de("-o", f"no se pudo escribir «{nombre}»: {motivo}")


class _Borrador(os.PathLike):
    """The `-o` a report writer is handed: a file system path to a draft beside the file asked for
    (every writer opens it through os.fspath), and, printed, the name the user gave."""

    def __init__(self, pedido: str, borrador: Path):
        self.pedido, self.borrador = pedido, borrador

    def __fspath__(self) -> str:
        return str(self.borrador)

    def __str__(self) -> str:
        return self.pedido


def _crear_borrador(destino: Path) -> Path:
    """An empty hidden file in the destination's folder, with its extension: creating it is the proof
    that the folder exists and takes files, before the report is computed."""
    borrador = destino.with_name(f".{destino.stem}-{secrets.token_hex(6)}{destino.suffix}")
    os.close(os.open(borrador, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    return borrador


def escribir_reporte(args, generar: Callable[[], int]) -> int:
    """Every `reporte` command writes its file through here: to a draft, put in place of `-o` only
    once whole, so that a failure (no such folder, permission denied, a full disk) leaves no partial
    file and an existing one untouched, and is told in Spanish, naming -o, with exit code 1."""
    if args.archivo == "-":
        return generar()
    pedido, destino = args.archivo, Path(args.archivo)
    if destino.is_dir():
        raise ErrorValidacion.de("-o", f"no se pudo escribir «{pedido}»: es una carpeta")
    try:
        borrador = _crear_borrador(destino)
    except OSError as e:
        raise _no_se_pudo_escribir(pedido, e) from None
    args.archivo = _Borrador(pedido, borrador)
    try:
        codigo = generar()
        if codigo == 0:
            if destino.exists():  # replacing a file keeps who may read it
                os.chmod(borrador, stat.S_IMODE(destino.stat().st_mode))
            os.replace(borrador, destino)
        return codigo
    except OSError as e:
        archivos = {os.fspath(f) for f in (e.filename, e.filename2) if f is not None}
        if archivos & {str(borrador), pedido, os.fspath(destino)} or e.errno in _FALLAS_AL_ESCRIBIR:
            raise _no_se_pudo_escribir(pedido, e) from None
        raise
    finally:
        args.archivo = pedido
        borrador.unlink(missing_ok=True)
