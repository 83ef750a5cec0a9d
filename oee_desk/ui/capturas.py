"""`python -m oee_desk.ui.capturas CARPETA`: every screen as a PNG, for the README.

The same walk as the self-test, on a throwaway database, offscreen; each screen is saved as it
looks once its data has loaded. As soon as the administrator exists, the database gets a year of the
demo's realistic records (services/demo.py, `oee-desk demo`, at a smaller size), so that the lists,
the dashboard and the POA tally show an office at work rather than a dozen samples; the walk's own
samples (the matter with its scan, the petition with its follow-ups) go on top, as in the self-test.

The main window is captured at 1280×800, dialogs at their own size, in the 256 colours each screen
uses most: a screen's few thousand colours are mostly the shades of anti-aliased text, the
difference does not show, and the files are a third of the size.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from collections import Counter

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from ..services import demo

COLORES = 256
# A year at a fifth of the office's pace: the screens look the same, the walk stays quick.
TAMANO = demo.Tamano(oficios=800, ciudadanos=1_200, peticiones=2_000)


def _tr(texto: str) -> str:
    return QCoreApplication.translate("Capturas", texto)


def en_paleta(imagen: QImage) -> QImage:
    """The image with its most frequent colours only, each pixel mapped to the nearest (no dithering)."""
    imagen = imagen.convertToFormat(QImage.Format.Format_RGB32)
    frecuencias = Counter(memoryview(imagen.constBits()).cast("I"))
    tabla = [color for color, _ in frecuencias.most_common(COLORES)]
    sin_tramado = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    return imagen.convertToFormat(QImage.Format.Format_Indexed8, tabla, sin_tramado)


def capturar(destino: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .app import crear_aplicacion
    from .autoprueba import CONTRASENA, Recorrido, sin_avisos_offscreen

    class ConDatosDeDemo(Recorrido):
        """The self-test's walk, with the demo's year of records loaded as soon as the administrator
        exists: before any screen that lists records is opened."""

        def _primer_inicio(self, servicios):
            sesion = super()._primer_inicio(servicios)
            if sesion is not None:
                # The walk seeds its own samples later (with this same password for the same users).
                self.pantalla(None, _tr("Datos de demostración: un año de registros"),
                              lambda: demo.llenar(servicios.bd, sesion, CONTRASENA, tamano=TAMANO, muestras=False))
            return sesion

    crear_aplicacion([sys.argv[0]])
    destino.mkdir(parents=True, exist_ok=True)

    def guardar(clave: str, titulo: str, widget: QWidget) -> None:
        archivo = destino / f"{clave}.png"
        # Laid out as a person would see it: the layout requests the new figures posted are settled first.
        for _ in range(3):
            QApplication.sendPostedEvents()
            QApplication.processEvents()
        if not en_paleta(widget.grab().toImage()).save(str(archivo), "PNG", 0):  # 0: the smallest file
            raise OSError(_tr("no se pudo escribir {}").format(archivo))
        print(f"  {titulo} -> {archivo}")

    with sin_avisos_offscreen(), tempfile.TemporaryDirectory(
            prefix="oee-capturas-", ignore_cleanup_errors=True) as carpeta:
        fallas = ConDatosDeDemo(Path(carpeta), guardar).ejecutar()
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
