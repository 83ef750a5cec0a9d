"""What every module page of the main window is given and offers.

A page receives the services, the signed-in session and the task runner (never the whole
application object) and loads its data when first shown, off the GUI thread.
"""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..domain.roles import Accion
from ..services import Servicios
from ..services.sesion import Sesion
from .tareas import Tareas


class Pagina(QWidget):
    clave: str = ""  # stable id: remembered as the last module per workstation
    titulo: str = ""  # Spanish, shown in the navigation
    requiere: Accion | None = None  # hidden from roles without it (the services refuse anyway)

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios = servicios
        self.sesion = sesion
        self.tareas = tareas
        self._cargada = False

    def mostrar(self) -> None:
        """Called by the main window each time the page is shown; loads on first show."""
        if not self._cargada:
            self._cargada = True
            self.recargar()

    def recargar(self) -> None:  # pages override: start loading their data through self.tareas
        pass

    def capa_con_encabezado(self, titulo: str, nota: str | None = None) -> QVBoxLayout:
        """The page's layout, opened with its title (and a one-line explanation) as every page shows them."""
        from .apariencia import etiqueta

        capa = QVBoxLayout(self)
        capa.setContentsMargins(24, 20, 24, 14)
        capa.setSpacing(8)
        capa.addWidget(etiqueta(titulo, "titulo"))
        if nota:
            capa.addWidget(etiqueta(nota, "nota"))
        return capa
