"""The main window: module navigation, the page stack, the menu and the status bar.

It holds no business rule: pages do their work through the services, and a module the role may not
use is simply not listed (the services refuse it anyway).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Iterable, Iterator

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QProgressBar, QSplitter, QStackedWidget,
    QWidget,
)

from ..domain.roles import Accion
from ..services import Servicios, conexion
from ..services.sesion import Sesion
from .ajustes import Ajustes
from .apariencia import etiqueta, marcar, recortar_medio
from .dialogo_conexion import DialogoConexion
from .pagina import Pagina
from .tareas import Tareas

@dataclass(frozen=True)
class ModuloPagina:
    """A module of the navigation, described without importing it: the window lists every module
    at once but imports and builds a page only when it is first shown (what starting costs)."""
    modulo: str
    clase: str
    clave: str
    titulo: str
    requiere: Accion | None

    def cargar(self) -> type[Pagina]:
        return getattr(importlib.import_module(self.modulo), self.clase)


# Navigation order. tests/ui/test_shell_ventana.py checks each entry against its page's class.
MODULOS: tuple[ModuloPagina, ...] = (
    ModuloPagina("oee_desk.ui.pagina_inicio", "PaginaInicio", "inicio",
                 QT_TRANSLATE_NOOP("Modulos", "Inicio"), None),
    ModuloPagina("oee_desk.ui.pagina_correspondencia", "PaginaCorrespondencia", "correspondencia",
                 QT_TRANSLATE_NOOP("Modulos", "Correspondencia"), Accion.VER_OFICIOS),
    ModuloPagina("oee_desk.ui.pagina_atencion", "PaginaAtencion", "atencion",
                 QT_TRANSLATE_NOOP("Modulos", "Atención Ciudadana"), Accion.VER_PETICIONES),
    ModuloPagina("oee_desk.ui.pagina_giras", "PaginaGiras", "giras",
                 QT_TRANSLATE_NOOP("Modulos", "Giras"), Accion.VER_PETICIONES),
    ModuloPagina("oee_desk.ui.pagina_privacidad", "PaginaPrivacidad", "privacidad",
                 QT_TRANSLATE_NOOP("Modulos", "Datos personales"), Accion.VER_ACCESOS_DATOS),
    ModuloPagina("oee_desk.ui.pagina_metas", "PaginaMetas", "metas",
                 QT_TRANSLATE_NOOP("Modulos", "Metas POA"), None),
    ModuloPagina("oee_desk.ui.pagina_reportes", "PaginaReportes", "reportes",
                 QT_TRANSLATE_NOOP("Modulos", "Reportes"), Accion.VER_OFICIOS),
    ModuloPagina("oee_desk.ui.pagina_catalogos", "PaginaCatalogos", "catalogos",
                 QT_TRANSLATE_NOOP("Modulos", "Catálogos"), Accion.VER_CATALOGOS),
    ModuloPagina("oee_desk.ui.pagina_usuarios", "PaginaUsuarios", "usuarios",
                 QT_TRANSLATE_NOOP("Modulos", "Usuarios"), Accion.VER_USUARIOS),
    ModuloPagina("oee_desk.ui.pagina_auditoria", "PaginaAuditoria", "bitacora",
                 QT_TRANSLATE_NOOP("Modulos", "Bitácora"), Accion.VER_AUDITORIA),
)
COMPROBAR_CADA_MS = 30_000


def clases_de_paginas() -> Iterator[type[Pagina]]:
    """Every module's page class (imports them all: for tests and tools, not for starting)."""
    return (m.cargar() for m in MODULOS)


def titulo_de(pagina: Pagina | type[Pagina] | ModuloPagina) -> str:
    return QCoreApplication.translate("Modulos", pagina.titulo)


class _PaginaPendiente(QWidget):
    """Holds a page's place in the stack until it is first shown: the window opens without building
    every module (and its dialogs' imports), which is most of the time it takes to start."""

    def __init__(self, modulo: ModuloPagina | type[Pagina]):
        super().__init__()
        self.modulo, self.clave, self.titulo = modulo, modulo.clave, modulo.titulo


class VentanaPrincipal(QMainWindow):
    cerrada = Signal(bool)  # True when the user chose "Cerrar sesión" (someone else may sign in)

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, ajustes: Ajustes,
                 parent: QWidget | None = None, *, paginas: Iterable[type[Pagina]] | None = None):
        """`paginas`: the page classes to offer (tests); by default every module of MODULOS."""
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas, self.ajustes = servicios, sesion, tareas, ajustes
        self._cerrar_sesion = False
        self.setWindowTitle(self.tr("OEE Desk — Oficina del Ejecutivo Estatal de Sonora"))
        self.setMinimumSize(900, 600)

        self.navegacion = QListWidget(objectName="navegacion")
        self.navegacion.setMinimumWidth(180)
        self.paginas = QStackedWidget(objectName="paginas")
        for modulo in (MODULOS if paginas is None else paginas):
            if modulo.requiere is None or sesion.puede(modulo.requiere):
                self._agregar(modulo)
        self.divisor = QSplitter(Qt.Orientation.Horizontal, objectName="divisor")
        self.divisor.addWidget(self.navegacion)
        self.divisor.addWidget(self.paginas)
        self.divisor.setCollapsible(0, False)
        self.divisor.setHandleWidth(1)
        self.divisor.setStretchFactor(1, 1)
        self.divisor.setSizes([190, 1090])
        self.setCentralWidget(self.divisor)
        self.navegacion.currentRowChanged.connect(self._ir)

        self._menus()
        self._atajos()
        self._barra_estado()
        self._restaurar()

        # Checked off the GUI thread by a runner of its own, so the busy indicator does not blink.
        # No parent: a check still running when the window is deleted must find its runner alive.
        self._vigia = Tareas(sincrona=tareas.sincrona)
        self._comprobando = False
        self._reloj = QTimer(self, interval=COMPROBAR_CADA_MS)
        self._reloj.timeout.connect(self.comprobar_conexion)
        self._reloj.start()
        QTimer.singleShot(0, self.comprobar_conexion)

    # --- pages ---------------------------------------------------------------------------
    def _agregar(self, modulo: ModuloPagina | type[Pagina]) -> None:
        numero = self.paginas.count() + 1
        item = QListWidgetItem(titulo_de(modulo))
        item.setData(Qt.ItemDataRole.UserRole, modulo.clave)
        if numero <= 9:
            item.setToolTip(self.tr("{} (Ctrl+{})").format(titulo_de(modulo), numero))
        self.navegacion.addItem(item)
        self.paginas.addWidget(_PaginaPendiente(modulo))

    def pagina(self, indice: int) -> Pagina:
        """The page at `indice`, built now if it was never shown."""
        widget = self.paginas.widget(indice)
        if not isinstance(widget, _PaginaPendiente):
            return widget
        clase = widget.modulo.cargar() if isinstance(widget.modulo, ModuloPagina) else widget.modulo
        pagina = clase(self.servicios, self.sesion, self.tareas)
        self.paginas.insertWidget(indice, pagina)
        self.paginas.removeWidget(widget)
        widget.deleteLater()
        if hasattr(pagina, "ver_lista"):  # the dashboard's figures open their lists
            pagina.ver_lista.connect(self.ir_a_lista)
        return pagina

    def titulos_visibles(self) -> list[str]:
        return [self.navegacion.item(i).text() for i in range(self.navegacion.count())]

    def pagina_actual(self) -> Pagina:
        return self.paginas.currentWidget()

    def ir_a(self, indice: int) -> None:
        if 0 <= indice < self.navegacion.count():
            self.navegacion.setCurrentRow(indice)

    def ir_a_modulo(self, clave: str) -> bool:
        for i in range(self.paginas.count()):
            if self.paginas.widget(i).clave == clave:
                self.ir_a(i)
                return True
        return False

    def ir_a_lista(self, clave: str, filtros: dict | None = None) -> bool:
        """Module `clave` showing the list `filtros` describe (each page's `filtrar` knows its own);
        False, said in the status bar, when this role or build has no such module."""
        if not self.ir_a_modulo(clave):
            self.statusBar().showMessage(self.tr("Esa lista no está disponible aquí."), 8000)
            return False
        pagina = self.pagina_actual()
        if filtros and hasattr(pagina, "filtrar"):
            pagina.filtrar(**filtros)
        return True

    def _ir(self, indice: int) -> None:
        if indice < 0:
            return
        pagina = self.pagina(indice)
        self.paginas.setCurrentIndex(indice)
        self.ajustes.ultimo_modulo = pagina.clave
        pagina.mostrar()

    # --- menu and keyboard ---------------------------------------------------------------
    def _menus(self) -> None:
        archivo = self.menuBar().addMenu(self.tr("&Archivo"))
        self.accion_conexion = archivo.addAction(self.tr("Conexión a la base de datos…"), self.abrir_conexion)
        self.accion_contrasena = archivo.addAction(self.tr("Cambiar mi contraseña…"), self.cambiar_contrasena)
        from .importar_atencion import agregar_accion  # «Importar historia…»: supervisión and administración only
        self.accion_importar_atencion = agregar_accion(self, archivo, self.servicios, self.sesion, self.tareas)
        from .importar_oficios import agregar_accion as agregar_importar_oficios  # recepción only, as the service
        self.accion_importar_oficios = agregar_importar_oficios(self, archivo, self.servicios, self.sesion, self.tareas)
        archivo.addSeparator()
        self.accion_cerrar_sesion = archivo.addAction(self.tr("Cerrar sesión"), self.cerrar_sesion)
        salir = archivo.addAction(self.tr("Salir"), self.close)
        salir.setShortcut(QKeySequence(self.tr("Ctrl+Q")))
        ayuda = self.menuBar().addMenu(self.tr("A&yuda"))
        atajos = ayuda.addAction(self.tr("Atajos de teclado"), self.mostrar_atajos)
        atajos.setShortcut(QKeySequence(Qt.Key.Key_F1))
        ayuda.addAction(self.tr("Acerca de OEE Desk"), self._acerca_de)

    def _atajos(self) -> None:
        for numero in range(1, 10):
            atajo = QShortcut(QKeySequence(f"Ctrl+{numero}"), self)
            atajo.setProperty("indice", numero - 1)
            # A bound slot, not a lambda holding self: PySide would keep the window alive forever.
            atajo.activated.connect(self._atajo_modulo)

    def _atajo_modulo(self) -> None:
        self.ir_a(int(self.sender().property("indice")))

    def mostrar_atajos(self) -> QMessageBox:
        filas = [(f"Ctrl+{i + 1}", t) for i, t in enumerate(self.titulos_visibles()[:9])]
        filas += [("F1", self.tr("Esta ayuda (en la captura de peticiones, F1 a F9 eligen el canal)")),
                  ("Ctrl+Q", self.tr("Salir"))]
        if any(t == self.tr("Atención Ciudadana") for t in self.titulos_visibles()):
            filas += [("Ctrl+N", self.tr("Captura: nuevo ciudadano")),
                      ("Ctrl+Intro", self.tr("Captura: guardar la petición y empezar la siguiente")),
                      ("Ctrl+F", self.tr("Captura: volver a buscar al ciudadano"))]
        tabla = "".join(f"<tr><td><b>{tecla}</b></td><td style='padding-left:18px'>{texto}</td></tr>"
                        for tecla, texto in filas)
        caja = QMessageBox(QMessageBox.Icon.Information, self.tr("Atajos de teclado"),
                           f"<p>{self.tr('Atajos de teclado de OEE Desk:')}</p><table>{tabla}</table>",
                           QMessageBox.StandardButton.Close, self)
        caja.setObjectName("ayudaAtajos")
        caja.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        caja.open()
        return caja

    def _acerca_de(self) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            numero = version("oee-desk")
        except PackageNotFoundError:
            numero = "?"
        QMessageBox.about(self, self.tr("Acerca de OEE Desk"), self.tr(
            "OEE Desk {}\nOficina del Ejecutivo Estatal de Sonora\n\nCorrespondencia y atención ciudadana."
        ).format(numero))

    def abrir_conexion(self) -> DialogoConexion:
        dialogo = DialogoConexion(self.tareas, self)
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogo.open()
        return dialogo

    def cambiar_contrasena(self):
        from .cambio_contrasena import dialogo_cambio_contrasena

        dialogo = dialogo_cambio_contrasena(self.servicios.usuarios, self.sesion, self.tareas, self)
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogo.accepted.connect(self._contrasena_cambiada)
        dialogo.open()
        return dialogo

    def _contrasena_cambiada(self) -> None:
        self.statusBar().showMessage(self.tr("Su contraseña se cambió."), 8000)

    def cerrar_sesion(self) -> None:
        self._cerrar_sesion = True
        self.close()

    # --- status bar ----------------------------------------------------------------------
    def _barra_estado(self) -> None:
        barra = self.statusBar()
        self.ocupado = QProgressBar(objectName="indicadorOcupado", maximumWidth=110, textVisible=False)
        self.ocupado.setRange(0, 0)  # indeterminate: "working", not a percentage
        self.ocupado.hide()
        self.tareas.ocupado.connect(self.ocupado.setVisible)
        self.usuario = etiqueta(self.tr("{} · {}").format(self.sesion.nombre_completo, self.sesion.rol.etiqueta),
                                nombre="estadoUsuario", ajustar=False)
        self.base = etiqueta("", nombre="estadoBase", ajustar=False)
        recortar_medio(self.base, self.servicios.bd.describir(), 420)
        self.conexion = etiqueta(self.tr("● Comprobando…"), nombre="estadoConexion", ajustar=False)
        for widget in (self.ocupado, self.usuario, self.base, self.conexion):
            barra.addPermanentWidget(widget)

    def comprobar_conexion(self) -> None:
        if self._comprobando:  # a slow server: do not pile up checks
            return
        self._comprobando = True
        self._vigia.ejecutar(conexion.comprobar, self.servicios.bd,
                             al_terminar=self._conexion_comprobada, al_fallar=self._conexion_comprobada)

    def _conexion_comprobada(self, causa) -> None:
        self._comprobando = False
        if causa is None:
            self.conexion.setText(self.tr("● Conectado"))
            self.conexion.setToolTip(self.tr("La base de datos responde."))
            marcar(self.conexion, "estado", "conectado")
        else:
            self.conexion.setText(self.tr("● Sin conexión"))
            self.conexion.setToolTip(str(causa))
            marcar(self.conexion, "estado", "desconectado")

    # --- remembered layout ---------------------------------------------------------------
    def _restaurar(self) -> None:
        geometria = self.ajustes.disposicion("ventana_principal")
        if geometria is not None:
            self.restoreGeometry(geometria)
        else:
            self.resize(1280, 800)
        divisor = self.ajustes.disposicion("divisor_principal")
        if divisor is not None:
            self.divisor.restoreState(divisor)
        if not (self.ajustes.ultimo_modulo and self.ir_a_modulo(self.ajustes.ultimo_modulo)):
            self.ir_a(0)

    def closeEvent(self, evento: QCloseEvent) -> None:
        self._reloj.stop()
        self.ajustes.guardar_disposicion("ventana_principal", self.saveGeometry())
        self.ajustes.guardar_disposicion("divisor_principal", self.divisor.saveState())
        self.ajustes.sincronizar()
        super().closeEvent(evento)
        self.cerrada.emit(self._cerrar_sesion)
