"""Optimistic concurrency: an edit names the version it saw; a newer row refuses it."""
from __future__ import annotations

from ..domain.errores import Conflicto


def comprobar_version(fila, version: int | None) -> None:
    if version is not None and fila.version != version:
        raise Conflicto(
            "Otra persona modificó este registro mientras usted lo editaba; "
            "vuelva a abrirlo para ver los cambios y repita su edición.")
