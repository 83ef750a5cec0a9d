"""Inicio: who is signed in, which database this is, and what the catalogs hold.

Only figures read from the database: while the modules of correspondence and citizen attention
are not built, the catalogs are what there is to count.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ..domain.catalogos import CATALOGOS
from ..services import Servicios
from ..services.sesion import Sesion
from .apariencia import etiqueta, recortar_medio
from .errores import texto_error
from .pagina import Pagina
from .tareas import Tareas

COLUMNAS = 3


def contar_catalogos(servicios: Servicios, sesion: Sesion) -> dict[str, int]:
    """Active rows per catalog: catalogs are small, so listing them is cheap."""
    return {nombre: len(servicios.catalogos.listar(sesion, nombre, incluir_inactivos=False))
            for nombre in CATALOGOS}


class PaginaInicio(Pagina):
    clave = "inicio"
    titulo = QT_TRANSLATE_NOOP("Modulos", "Inicio")  # translated where it is shown
    requiere = None

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(servicios, sesion, tareas, parent)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(36, 30, 36, 30)
        capa.setSpacing(8)
        capa.addWidget(etiqueta(self.tr("Le damos la bienvenida, {}").format(sesion.nombre_completo),
                                "titulo", nombre="bienvenida"))
        capa.addWidget(etiqueta(self.tr("Usuario «{}» · Rol: {}").format(sesion.nombre, sesion.rol.etiqueta),
                                "nota", nombre="rolUsuario"))
        self.base = etiqueta("", "nota", nombre="baseDatos", ajustar=False)
        recortar_medio(self.base, self.tr("Base de datos: {}").format(servicios.bd.describir()), 900)
        capa.addWidget(self.base)
        capa.addSpacing(18)

        capa.addWidget(etiqueta(self.tr("Catálogos de la oficina"), "subtitulo"))
        capa.addWidget(etiqueta(self.tr("Registros activos en cada catálogo."), "nota"))
        self.estado = etiqueta(self.tr("Contando…"), "nota", nombre="estadoConteo")
        capa.addWidget(self.estado)
        rejilla_widget = QWidget()
        self.rejilla = QGridLayout(rejilla_widget)
        self.rejilla.setContentsMargins(0, 6, 0, 0)
        self.rejilla.setSpacing(12)
        capa.addWidget(rejilla_widget)
        capa.addStretch(1)
        self.cifras: dict[str, QLabel] = {}
        for i, (nombre, catalogo) in enumerate(CATALOGOS.items()):
            self.rejilla.addWidget(self._tarjeta(nombre, catalogo.titulo), i // COLUMNAS, i % COLUMNAS)

    def _tarjeta(self, nombre: str, titulo: str) -> QFrame:
        tarjeta = QFrame()
        tarjeta.setProperty("tipo", "tarjeta")
        tarjeta.setMinimumWidth(170)
        capa = QVBoxLayout(tarjeta)
        capa.setContentsMargins(14, 10, 14, 10)
        cifra = etiqueta("—", "cifra", nombre=f"cifra_{nombre}", ajustar=False)
        capa.addWidget(cifra)
        capa.addWidget(etiqueta(QCoreApplication.translate("Catalogos", titulo), "nota"))
        self.cifras[nombre] = cifra
        return tarjeta

    def recargar(self) -> None:
        self.estado.setText(self.tr("Contando…"))
        self.estado.show()
        self.tareas.ejecutar(contar_catalogos, self.servicios, self.sesion,
                             al_terminar=self._mostrar_cuentas, al_fallar=self._fallo)

    def _mostrar_cuentas(self, cuentas: dict[str, int]) -> None:
        for nombre, cuenta in cuentas.items():
            self.cifras[nombre].setText(self.locale().toString(cuenta))
        self.estado.hide()

    def _fallo(self, error: BaseException) -> None:
        self.estado.setText(self.tr("No se pudieron contar los catálogos: {}").format(texto_error(error)))
        self.estado.show()
