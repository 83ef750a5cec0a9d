"""The printed papers of a matter (acuse, etiqueta, volante, oficio de turno) from the screens.

«Imprimir» writes the PDF to a temporary file and opens it in the system's viewer, which prints
to whatever printer the workstation has (label printers included) without this application
knowing about drivers. «Guardar PDF…» asks where to keep a copy. Both write in the task runner.
"""
from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from ..services.correspondencia import DatosOficio
from .correspondencia_comun import nombre_archivo_seguro
from .errores import mostrar_error
from .tareas import Tareas


def _tr(texto: str) -> str:
    return QCoreApplication.translate("Documentos", texto)


CONSERVAR_HORAS = 24


def _docs():
    """ReportLab loads on the first printout, not at every start (~100 ms of it)."""
    from ..reports import documentos_correspondencia

    return documentos_correspondencia


@dataclass(frozen=True)
class Documento:
    clave: str
    titulo: str  # shown in menus and in the file name
    escribir: Callable[[DatosOficio, Path, str], None]  # (oficio, destino, generado_por)


DOCUMENTOS = {d.clave: d for d in (
    Documento("acuse", "Acuse de recibo", lambda o, ruta, quien: _docs().acuse_de_recibo(o, str(ruta), quien)),
    Documento("etiqueta", "Etiqueta", lambda o, ruta, _quien: _docs().etiqueta(o, str(ruta))),
    Documento("volante", "Volante de turno", lambda o, ruta, quien: _docs().volante_de_turno(o, str(ruta), quien)),
    Documento("oficio_turno", "Oficio de turno", lambda o, ruta, quien: _docs().oficio_de_turno(o, str(ruta), quien)),
)}


# Module-level so that tests replace them: no viewer or native dialog in a test run.
def abrir_externo(ruta: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(ruta)))


def pedir_ruta_guardar(padre: QWidget, titulo: str, sugerido: str, filtro: str) -> str | None:
    ruta, _ = QFileDialog.getSaveFileName(padre, titulo, sugerido, filtro)
    return ruta or None


def _nombre(doc: Documento, oficio: DatosOficio) -> str:
    return f"{nombre_archivo_seguro(doc.titulo)}-{nombre_archivo_seguro(oficio.numero_control)}"


def _limpiar(carpeta: Path) -> None:
    """Copies printed on earlier days go: they name senders, and the viewer is long done with them."""
    limite = dt.datetime.now().timestamp() - CONSERVAR_HORAS * 3600
    for viejo in carpeta.glob("*.pdf"):
        try:
            if viejo.stat().st_mtime < limite:
                viejo.unlink()
        except OSError:  # still open in a viewer on Windows: next time
            pass


def imprimir(padre: QWidget, tareas: Tareas, clave: str, oficio: DatosOficio, generado_por: str,
             al_abrir: Callable[[Path], None] | None = None) -> None:
    doc = DOCUMENTOS[clave]
    carpeta = Path(tempfile.gettempdir()) / "oee-desk"
    # A new name each time: a viewer still showing the previous copy keeps it locked on Windows.
    ruta = carpeta / f"{_nombre(doc, oficio)}-{dt.datetime.now():%H%M%S%f}.pdf"

    def escribir() -> Path:
        carpeta.mkdir(parents=True, exist_ok=True)
        _limpiar(carpeta)
        doc.escribir(oficio, ruta, generado_por)
        return ruta

    def abierto(ruta_escrita: Path) -> None:
        abrir_externo(ruta_escrita)
        if al_abrir:
            al_abrir(ruta_escrita)

    tareas.ejecutar(escribir, al_terminar=abierto, al_fallar=lambda e: mostrar_error(padre, e))


def guardar(padre: QWidget, tareas: Tareas, clave: str, oficio: DatosOficio, generado_por: str,
            al_guardar: Callable[[Path], None] | None = None) -> None:
    doc = DOCUMENTOS[clave]
    elegida = pedir_ruta_guardar(padre, _tr("Guardar %s como PDF") % _tr(doc.titulo),
                                 f"{_nombre(doc, oficio)}.pdf", _tr("Documento PDF (*.pdf)"))
    if not elegida:
        return
    ruta = Path(elegida if elegida.lower().endswith(".pdf") else elegida + ".pdf")

    def escribir() -> Path:
        doc.escribir(oficio, ruta, generado_por)
        return ruta

    tareas.ejecutar(escribir, al_terminar=lambda r: al_guardar(r) if al_guardar else None,
                    al_fallar=lambda e: mostrar_error(padre, e))


def menu_documentos(padre: QWidget, tareas: Tareas, claves: list[str], oficio: Callable[[], DatosOficio | None],
                    generado_por: str, al_guardar: Callable[[Path], None] | None = None) -> QMenu:
    """«Imprimir …» and «Guardar … como PDF…» for each document, on the matter shown right now."""
    menu = QMenu(padre)
    menu.setObjectName("menuDocumentos")
    for clave in claves:
        accion = menu.addAction(_tr("Imprimir %s") % _tr(DOCUMENTOS[clave].titulo).lower())
        accion.setData(("imprimir", clave))
        accion.triggered.connect(lambda _=False, c=clave: (o := oficio()) and imprimir(padre, tareas, c, o, generado_por))
    menu.addSeparator()
    for clave in claves:
        accion = menu.addAction(_tr("Guardar %s como PDF…") % _tr(DOCUMENTOS[clave].titulo).lower())
        accion.setData(("guardar", clave))
        accion.triggered.connect(
            lambda _=False, c=clave: (o := oficio()) and guardar(padre, tareas, c, o, generado_por, al_guardar))
    return menu


def atajo_texto(atajo: str) -> str:
    return QKeySequence(atajo).toString(QKeySequence.SequenceFormat.NativeText)
