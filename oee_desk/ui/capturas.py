"""`python -m oee_desk.ui.capturas CARPETA`: every screen as a PNG, for the README.

The same walk as the self-test, on a throwaway database, offscreen; each screen is saved as it
looks once its data has loaded. The main window is captured at 1280×800.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


def _tr(texto: str) -> str:
    return QCoreApplication.translate("Capturas", texto)


def capturar(destino: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .app import crear_aplicacion
    from .autoprueba import Recorrido, sin_avisos_offscreen

    crear_aplicacion([sys.argv[0]])
    destino.mkdir(parents=True, exist_ok=True)

    def guardar(clave: str, titulo: str, widget: QWidget) -> None:
        archivo = destino / f"{clave}.png"
        if not widget.grab().save(str(archivo)):
            raise OSError(_tr("no se pudo escribir {}").format(archivo))
        print(f"  {titulo} -> {archivo}")

    with sin_avisos_offscreen(), tempfile.TemporaryDirectory(
            prefix="oee-capturas-", ignore_cleanup_errors=True) as carpeta:
        fallas = Recorrido(Path(carpeta), guardar).ejecutar()
    for falla in fallas:
        print(falla, file=sys.stderr)
    return 1 if fallas else 0


def main(argv: list[str] | None = None) -> int:
    argumentos = sys.argv[1:] if argv is None else argv
    if len(argumentos) != 1:
        print(_tr("Uso: python -m oee_desk.ui.capturas CARPETA"), file=sys.stderr)
        return 2
    return capturar(Path(argumentos[0]))


if __name__ == "__main__":
    sys.exit(main())
