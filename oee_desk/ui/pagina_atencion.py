"""Atención Ciudadana: capture a petition, find any petition, and work the callbacks queue, in three
tabs; a petition opens in its own window (atencion_detalle.py) from any of them.

The capture form is its own module (captura_peticion.py). A build without it still shows the other
tabs, with a note where the form would be.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..domain.roles import Accion
from ..services import Servicios
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .atencion_comun import canal_de_giras, leer_opciones, tr
from .atencion_detalle import DialogoPeticion
from .atencion_lista import ListaPeticiones
from .atencion_llamadas import ColaLlamadas
from .errores import mostrar_error
from .pagina import Pagina
from .tareas import Tareas


def crear_captura(servicios: Servicios, sesion: Sesion, tareas: Tareas) -> tuple[QWidget, bool]:
    """The capture form, or a note saying why it is missing (and False)."""
    try:
        from .captura_peticion import CapturaPeticion
    except ImportError as e:
        aviso = QWidget()
        capa = QVBoxLayout(aviso)
        capa.addWidget(etiqueta(tr("La captura de peticiones no está disponible en esta versión (%s).") % e, "aviso"))
        capa.addStretch(1)
        return aviso, False
    return CapturaPeticion(servicios, sesion, tareas), True


class PaginaAtencion(Pagina):
    clave = "atencion"
    titulo = QT_TRANSLATE_NOOP("Modulos", "Atención Ciudadana")  # translated where it is shown
    requiere = Accion.VER_PETICIONES

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(servicios, sesion, tareas, parent)
        self.dialogo_peticion: DialogoPeticion | None = None
        self._listas_viejas = False  # a petition changed in its window: the lists are re-read when it closes
        self.pestanas = QTabWidget(self, objectName="pestanasAtencion")
        self.captura: QWidget | None = None
        self._captura_lista = False  # the real form, not the note that it is missing
        if sesion.puede(Accion.REGISTRAR_PETICIONES):  # supervision and admin do not capture
            self.captura, self._captura_lista = crear_captura(servicios, sesion, tareas)
            self.pestanas.addTab(self.captura, tr("Captura"))
            if self._captura_lista and hasattr(self.captura, "registrada"):
                self.captura.registrada.connect(lambda _p: self.releer_listas())
        self.lista = ListaPeticiones(servicios, sesion, tareas, self)
        self.llamadas = ColaLlamadas(servicios, sesion, tareas, self)
        self.pestanas.addTab(self.lista, tr("Peticiones"))
        self.pestanas.addTab(self.llamadas, tr("Llamadas pendientes"))
        self.lista.abrir_folio.connect(self.abrir_folio)
        self.llamadas.abrir_folio.connect(self.abrir_folio)
        self.llamadas.contadas.connect(self._llamadas_contadas)
        # Ctrl+F goes to the petitions' search, but not over the capture form's own (its citizen search).
        for pestana in (self.lista, self.llamadas):
            QShortcut(QKeySequence.StandardKey.Find, pestana, activated=self._buscar,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for pestana in (self.captura, self.lista, self.llamadas):
            if pestana is not None:
                QShortcut(QKeySequence(f"Alt+{self.pestanas.indexOf(pestana) + 1}"), self,
                          activated=lambda p=pestana: self.pestanas.setCurrentWidget(p))

        capa = self.capa_con_encabezado(tr("Atención Ciudadana"))
        capa.addWidget(self.pestanas, 1)

    # --- loading ---------------------------------------------------------------------------------
    def recargar(self) -> None:
        self.tareas.ejecutar(leer_opciones, self.servicios, self.sesion, al_terminar=self.lista.poner_opciones,
                             al_fallar=lambda e: mostrar_error(self, e))
        self.releer_listas()

    def releer_listas(self) -> None:
        self.lista.aplicar_filtros()
        self.llamadas.recargar()

    def _llamadas_contadas(self, n: int) -> None:
        indice = self.pestanas.indexOf(self.llamadas)
        self.pestanas.setTabText(indice, tr("Llamadas pendientes (%s)") % n if n else tr("Llamadas pendientes"))

    def _buscar(self) -> None:
        self.pestanas.setCurrentWidget(self.lista)
        self.lista.enfocar_buscador()

    def capturar_en_gira(self, clave: str) -> bool:
        """The Captura tab preset to the giras channel and this gira, for a batch of a tour's
        petitions. False when this build's capture form cannot be preset."""
        captura = self.captura if self._captura_lista else None
        if captura is None or not (hasattr(captura, "preparar_gira")
                                   or (hasattr(captura, "canal") and hasattr(captura, "gira"))):
            return False
        self.pestanas.setCurrentWidget(captura)
        self.tareas.ejecutar(canal_de_giras, self.servicios, self.sesion,
                             al_terminar=lambda canal: self._preparar_gira(captura, canal, clave),
                             al_fallar=lambda e: mostrar_error(self, e))
        return True

    @staticmethod
    def _preparar_gira(captura: QWidget, canal: str | None, clave: str) -> None:
        if hasattr(captura, "preparar_gira"):  # the form's own way, when it has one
            captura.preparar_gira(clave)
            return
        # Through its channel picker and gira field: both stay from one petition to the next.
        captura.canal.elegir(canal)
        captura.gira.elegir(clave)
        if hasattr(captura, "enfocar_busqueda"):  # the next citizen of the line
            captura.enfocar_busqueda()

    def ver_peticiones(self, *, gira: str | None = None) -> None:
        """The Peticiones tab, filtered (the giras page sends its tour here)."""
        self.pestanas.setCurrentWidget(self.lista)
        if gira:
            self.lista.filtrar_por_gira(gira)

    def filtrar(self, *, vista: str = "peticiones", **valores) -> None:
        """Where a dashboard figure leads: the callbacks queue («llamadas») or the Peticiones tab
        with these filters."""
        if vista == "llamadas":
            self.pestanas.setCurrentWidget(self.llamadas)
            return
        self.pestanas.setCurrentWidget(self.lista)
        self.lista.filtrar(**valores)

    # --- the petition's window ---------------------------------------------------------------------
    def abrir_folio(self, folio: str) -> DialogoPeticion:
        if self.dialogo_peticion is not None:
            self.dialogo_peticion.close()
        dialogo = DialogoPeticion(self.servicios, self.sesion, self.tareas, folio, self)
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogo.cambiado.connect(lambda _: setattr(self, "_listas_viejas", True))
        dialogo.finished.connect(lambda _=0, d=dialogo: self._dialogo_cerrado(d))
        self.dialogo_peticion = dialogo
        dialogo.show()
        return dialogo

    def _dialogo_cerrado(self, dialogo: DialogoPeticion) -> None:
        if self.dialogo_peticion is dialogo:
            self.dialogo_peticion = None
        if self._listas_viejas:
            self._listas_viejas = False
            self.releer_listas()
