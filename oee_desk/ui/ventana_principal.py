"""The main window: module navigation, the page stack, the menu and the status bar.

It holds no business rule: pages do their work through the services, and a module the role may not
use is simply not listed (the services refuse it anyway).
"""
from __future__ import annotations

import importlib
from typing import Iterable, Iterator

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QProgressBar, QSplitter, QStackedWidget,
    QWidget,
)

from ..services import Servicios, conexion
from ..services.sesion import Sesion
from .ajustes import Ajustes
from .apariencia import etiqueta, marcar, recortar_medio
from .dialogo_conexion import DialogoConexion
from .pagina import Pagina
from .tareas import Tareas

# Navigation order. A module whose file is not written yet is left out, not shown disabled.
MODULOS: tuple[tuple[str, str], ...] = (
    ("oee_desk.ui.pagina_inicio", "PaginaInicio"),
    ("oee_desk.ui.pagina_correspondencia", "PaginaCorrespondencia"),
    ("oee_desk.ui.pagina_atencion", "PaginaAtencion"),
    ("oee_desk.ui.pagina_giras", "PaginaGiras"),
    ("oee_desk.ui.pagina_privacidad", "PaginaPrivacidad"),
    ("oee_desk.ui.pagina_metas", "PaginaMetas"),
    ("oee_desk.ui.pagina_reportes", "PaginaReportes"),
    ("oee_desk.ui.pagina_catalogos", "PaginaCatalogos"),
    ("oee_desk.ui.pagina_usuarios", "PaginaUsuarios"),
    ("oee_desk.ui.pagina_auditoria", "PaginaAuditoria"),
)
# Marked for translation here, where every module's title is listed, though the pages carry them.
TITULOS = (QT_TRANSLATE_NOOP("Modulos", "Inicio"), QT_TRANSLATE_NOOP("Modulos", "Correspondencia"),
           QT_TRANSLATE_NOOP("Modulos", "Atención Ciudadana"), QT_TRANSLATE_NOOP("Modulos", "Giras"),
           QT_TRANSLATE_NOOP("Modulos", "Datos personales"),
           QT_TRANSLATE_NOOP("Modulos", "Metas POA"), QT_TRANSLATE_NOOP("Modulos", "Reportes"),
           QT_TRANSLATE_NOOP("Modulos", "Catálogos"), QT_TRANSLATE_NOOP("Modulos", "Usuarios"),
           QT_TRANSLATE_NOOP("Modulos", "Bitácora"))
COMPROBAR_CADA_MS = 30_000


def clases_de_paginas() -> Iterator[type[Pagina]]:
    for modulo, clase in MODULOS:
        try:
            encontrado = importlib.import_module(modulo)
        except ModuleNotFoundError as e:
            if e.name == modulo:  # not built yet; any other missing import is a bug and must show
                continue
            raise
        yield getattr(encontrado, clase)


def titulo_de(pagina: Pagina | type[Pagina]) -> str:
    return QCoreApplication.translate("Modulos", pagina.titulo)


class VentanaPrincipal(QMainWindow):
    cerrada = Signal(bool)  # True when the user chose "Cerrar sesión" (someone else may sign in)

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, ajustes: Ajustes,
                 parent: QWidget | None = None, *, paginas: Iterable[type[Pagina]] | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas, self.ajustes = servicios, sesion, tareas, ajustes
        self._cerrar_sesion = False
        self.setWindowTitle(self.tr("OEE Desk — Oficina del Ejecutivo Estatal de Sonora"))
        self.setMinimumSize(900, 600)

        self.navegacion = QListWidget(objectName="navegacion")
        self.navegacion.setMinimumWidth(180)
        self.paginas = QStackedWidget(objectName="paginas")
        for clase in (clases_de_paginas() if paginas is None else paginas):
            if clase.requiere is None or sesion.puede(clase.requiere):
                self._agregar(clase(servicios, sesion, tareas))
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
    def _agregar(self, pagina: Pagina) -> None:
        numero = self.paginas.count() + 1
        item = QListWidgetItem(titulo_de(pagina))
        item.setData(Qt.ItemDataRole.UserRole, pagina.clave)
        if numero <= 9:
            item.setToolTip(self.tr("{} (Ctrl+{})").format(titulo_de(pagina), numero))
        self.navegacion.addItem(item)
        self.paginas.addWidget(pagina)
        if hasattr(pagina, "ver_lista"):  # the dashboard's figures open their lists
            pagina.ver_lista.connect(self.ir_a_lista)

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
        self.paginas.setCurrentIndex(indice)
        pagina = self.paginas.widget(indice)
        self.ajustes.ultimo_modulo = pagina.clave
        pagina.mostrar()

    # --- menu and keyboard ---------------------------------------------------------------
    def _menus(self) -> None:
        archivo = self.menuBar().addMenu(self.tr("&Archivo"))
        self.accion_conexion = archivo.addAction(self.tr("Conexión a la base de datos…"), self.abrir_conexion)
        self.accion_contrasena = archivo.addAction(self.tr("Cambiar mi contraseña…"), self.cambiar_contrasena)
        from .importar_atencion import agregar_accion  # «Importar historia…»: supervisión and administración only
        self.accion_importar_atencion = agregar_accion(self, archivo, self.servicios, self.sesion, self.tareas)
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
