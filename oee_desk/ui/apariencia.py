"""Look and language of every screen: the style sheet, Spanish for Qt's own words, text roles.

Shared by the application, the self-test and the screenshots, so that all three look the same.
"""
from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Callable

from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QDateEdit, QLabel, QWidget

LOCALE = QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico)
_traductores: list[QTranslator] = []  # kept alive: Qt does not own installed translators


def instalar_idioma(app: QCoreApplication) -> None:
    """es-MX dates and numbers, and Qt's own buttons (Aceptar, Cancelar, Sí) in Spanish."""
    QLocale.setDefault(LOCALE)
    if _traductores:
        return
    carpeta = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    traductor = QTranslator(app)
    if traductor.load(LOCALE, "qtbase", "_", carpeta):
        app.installTranslator(traductor)
        _traductores.append(traductor)


def hoja_de_estilo() -> str:
    return (resources.files("oee_desk.resources") / "estilo.qss").read_text(encoding="utf-8")


ACENTO = "#7b1e3c"  # the one accent colour, also in estilo.qss


def aplicar_estilo(app: QApplication) -> None:
    # Fusion draws the same on Windows and Linux, so the style sheet looks as designed everywhere;
    # the palette gives the widgets the sheet leaves to Fusion (combo boxes, dates) the same accent.
    app.setStyle("Fusion")
    paleta = app.style().standardPalette()
    paleta.setColor(QPalette.ColorRole.Highlight, QColor(ACENTO))
    paleta.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    paleta.setColor(QPalette.ColorRole.Window, QColor("#f6f5f2"))
    paleta.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    paleta.setColor(QPalette.ColorRole.Button, QColor("#f3f1ed"))
    app.setPalette(paleta)
    app.setStyleSheet(hoja_de_estilo())


def marcar(widget: QWidget, propiedad: str, valor) -> None:
    """Set a property the style sheet selects on, and repaint with it (Qt does not on its own)."""
    widget.setProperty(propiedad, valor)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def etiqueta(texto: str = "", tipo: str | None = None, *, nombre: str = "", ajustar: bool = True) -> QLabel:
    """A label with a text role of the style sheet: titulo, subtitulo, encabezado, nota, error…"""
    label = QLabel(texto)
    label.setWordWrap(ajustar)
    if tipo:
        label.setProperty("tipo", tipo)
    if nombre:
        label.setObjectName(nombre)
    return label


def recortar_medio(label: QLabel, texto: str, ancho: int) -> None:
    """Long paths lose their middle, not their file name; the whole text stays in the tooltip."""
    label.setText(QFontMetrics(label.font()).elidedText(texto, Qt.TextElideMode.ElideMiddle, ancho))
    label.setToolTip(texto)


def encabezado_institucional() -> QLabel:
    return etiqueta(QCoreApplication.translate("Apariencia", "OFICINA DEL EJECUTIVO ESTATAL · SONORA"),
                    "encabezado", ajustar=False)


def fecha_opcional(padre: QWidget, texto: str, inicial: dt.date,
                   al_cambiar: Callable[[], None]) -> tuple[QCheckBox, QDateEdit]:
    """A date bound of a filter. A check box turns it on: a date edit alone cannot say "no limit"."""
    usar = QCheckBox(texto, padre)
    fecha = QDateEdit(QDate(inicial.year, inicial.month, inicial.day), padre, calendarPopup=True)
    fecha.setDisplayFormat("dd/MM/yyyy")
    fecha.setEnabled(False)
    usar.toggled.connect(fecha.setEnabled)
    usar.toggled.connect(lambda _: al_cambiar())
    fecha.dateChanged.connect(lambda _: usar.isChecked() and al_cambiar())
    return usar, fecha
