"""The printed papers of the citizen-attention desk: the petition's acuse, the oficio de
canalización and the per-gira report, opened in the system's viewer as the correspondence desk does
(documentos_pdf.py), written in the task runner.

The writers live in reports/documentos_atencion.py. Until that module (or one of its functions)
exists, `disponible` says so and the screens disable the button instead of failing on a click.
"""
from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import inspect
import tempfile
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QWidget

from ..services.giras import DatosGira
from ..services.lista_peticiones import FiltroPeticiones, FilaPeticion
from ..services.peticiones import DatosCanalizacion, DatosPeticion
from . import documentos_pdf
from .atencion_comun import tr
from .correspondencia_comun import nombre_archivo_seguro
from .errores import mostrar_error
from .tareas import Tareas

MODULO = "oee_desk.reports.documentos_atencion"
ACUSE, OFICIO, REPORTE_GIRA = "escribir_acuse_peticion", "escribir_oficio_canalizacion", "escribir_reporte_gira"
PAGINA_REPORTE = 500  # a gira's petitions are read in pages of this size for its report


def disponible() -> bool:
    """Whether the writers' module is installed; found without importing it (ReportLab loads on
    the first printout, not when a screen opens)."""
    try:
        return importlib.util.find_spec(MODULO) is not None
    except (ImportError, ValueError):
        return False


def _escribir(nombre: str, *args, generado_por: str) -> None:
    """Call one writer; who printed it goes on the paper when the writer takes it."""
    funcion = getattr(importlib.import_module(MODULO), nombre, None)
    if funcion is None:
        raise RuntimeError(tr("Esta versión todavía no sabe imprimir este documento (%s).") % nombre)
    extra = {"generado_por": generado_por} if "generado_por" in inspect.signature(funcion).parameters else {}
    funcion(*args, **extra)


def imprimir(padre: QWidget, tareas: Tareas, titulo: str, clave: str, escribir: Callable[[Path], None],
             al_abrir: Callable[[Path], None] | None = None) -> None:
    """Write the PDF to a temporary file (a new name each time: a viewer still showing the previous
    copy keeps it locked on Windows) and open it."""
    carpeta = Path(tempfile.gettempdir()) / "oee-desk"
    ruta = carpeta / f"{nombre_archivo_seguro(titulo)}-{nombre_archivo_seguro(clave)}-{dt.datetime.now():%H%M%S%f}.pdf"

    def trabajar() -> Path:
        carpeta.mkdir(parents=True, exist_ok=True)
        documentos_pdf._limpiar(carpeta)  # the same 24-hour rule as the correspondence papers
        escribir(ruta)
        return ruta

    def abierto(escrita: Path) -> None:
        documentos_pdf.abrir_externo(escrita)  # looked up now: tests replace it
        if al_abrir:
            al_abrir(escrita)

    tareas.ejecutar(trabajar, al_terminar=abierto, al_fallar=lambda e: mostrar_error(padre, e))


def imprimir_acuse(padre: QWidget, tareas: Tareas, peticion: DatosPeticion, generado_por: str) -> None:
    imprimir(padre, tareas, "Acuse", peticion.folio,
             lambda ruta: _escribir(ACUSE, peticion, str(ruta), generado_por=generado_por))


def imprimir_oficio(padre: QWidget, tareas: Tareas, peticion: DatosPeticion, canalizacion: DatosCanalizacion,
                    generado_por: str) -> None:
    imprimir(padre, tareas, "Oficio", canalizacion.numero_oficio or peticion.folio,
             lambda ruta: _escribir(OFICIO, peticion, canalizacion, str(ruta), generado_por=generado_por))


def peticiones_de_gira(lista, sesion, clave: str) -> list[FilaPeticion]:
    """Every petition of one gira, page by page (a big tour brings hundreds)."""
    filas: list[FilaPeticion] = []
    filtro = FiltroPeticiones(gira=clave, orden="folio", descendente=False)
    while True:
        pagina = lista.pagina(sesion, filtro, desde_fila=len(filas), limite=PAGINA_REPORTE)
        filas.extend(pagina)
        if len(pagina) < PAGINA_REPORTE:
            return filas


def imprimir_reporte_gira(padre: QWidget, tareas: Tareas, servicios, sesion, gira: DatosGira) -> None:
    def escribir(ruta: Path) -> None:
        completa = servicios.giras.obtener(sesion, gira.clave)  # with its count by topic
        _escribir(REPORTE_GIRA, completa, peticiones_de_gira(servicios.lista_peticiones, sesion, gira.clave),
                  str(ruta), generado_por=sesion.nombre_completo)

    imprimir(padre, tareas, "Reporte de gira", gira.clave, escribir)
