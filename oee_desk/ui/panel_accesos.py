"""The log of who saw or exported whose personal data: filtered in SQL, loaded as the list scrolls."""
from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from ..services import Servicios
from ..services.privacidad import ACCIONES_ACCESO, EntradaAcceso, FiltroAccesos
from ..services.sesion import Sesion
from .apariencia import etiqueta, fecha_opcional
from .errores import mostrar_error
from .formulario import boton
from .modelos_tabla import Columna, ModeloPaginado, ajustar_columnas, vista_tabla
from .tareas import Tareas

TAM_PAGINA = 200


class PanelAccesos(QWidget):
    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self._ciudadano: tuple[uuid.UUID, str] | None = None
        self._total: int | None = None
        self._espera = QTimer(self, singleShot=True, interval=250)  # one query per burst of clicks
        self._espera.timeout.connect(self.aplicar_filtros)

        self.filtro_usuario = QComboBox(self, objectName="filtroUsuarioAccesos")
        self.filtro_usuario.addItem(self.tr("Todos los usuarios"), "")
        self.filtro_accion = QComboBox(self, objectName="filtroAccionAccesos")
        self.filtro_accion.addItem(self.tr("Todas las acciones"), "")
        for codigo, texto in ACCIONES_ACCESO.items():
            self.filtro_accion.addItem(self.tr(texto), codigo)
        for combo in (self.filtro_usuario, self.filtro_accion):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _: self._espera.start())
        self.usar_desde, self.desde = fecha_opcional(
            self, self.tr("Desde"), dt.date.today() - dt.timedelta(days=30), lambda: self._espera.start())
        self.usar_hasta, self.hasta = fecha_opcional(self, self.tr("Hasta"), dt.date.today(),
                                                     lambda: self._espera.start())
        self.ciudadano = etiqueta("", "nota", nombre="filtroCiudadanoAccesos", ajustar=False)
        self.boton_quitar = boton(self, self.tr("Todos los ciudadanos"), "Ctrl+Shift+T",
                                  lambda: self.filtrar_ciudadano(None))
        self.boton_actualizar = boton(self, self.tr("Actualizar"), "F5", self.recargar)

        self.modelo = ModeloPaginado([
            Columna(self.tr("Fecha y hora"), lambda e: e.momento.strftime("%d/%m/%Y %H:%M:%S")),
            Columna(self.tr("Usuario"), lambda e: e.usuario),
            Columna(self.tr("Acción"), lambda e: self.tr(ACCIONES_ACCESO.get(e.accion, e.accion))),
            Columna(self.tr("Ciudadano"), lambda e: e.ciudadano),
            Columna(self.tr("Detalle"), lambda e: e.detalle or ""),
        ], tareas, self, tam_pagina=TAM_PAGINA, identidad=lambda e: e.id)
        self.modelo.fallo.connect(lambda e: mostrar_error(self, e))
        self.modelo.pagina_cargada.connect(self._pagina_cargada)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaAccesos")
        self.estado = etiqueta("", "nota", nombre="estadoAccesos")

        filtros = QHBoxLayout()
        for control in (self.filtro_usuario, self.filtro_accion, self.usar_desde, self.desde, self.usar_hasta,
                        self.hasta):
            filtros.addWidget(control)
        filtros.addStretch(1)
        filtros.addWidget(self.boton_actualizar)
        fila_ciudadano = QHBoxLayout()
        fila_ciudadano.addWidget(self.ciudadano)
        fila_ciudadano.addWidget(self.boton_quitar)
        fila_ciudadano.addStretch(1)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 8, 0, 0)
        capa.addLayout(filtros)
        capa.addLayout(fila_ciudadano)
        capa.addWidget(self.tabla, 1)
        capa.addWidget(self.estado)
        self._mostrar_ciudadano()

    def recargar(self) -> None:
        self.tareas.ejecutar(self.servicios.privacidad.usuarios_con_accesos, self.sesion,
                             al_terminar=self._poner_usuarios, al_fallar=lambda e: mostrar_error(self, e))
        self.aplicar_filtros()

    def _poner_usuarios(self, usuarios: list[str]) -> None:
        elegido = self.filtro_usuario.currentData()
        self.filtro_usuario.blockSignals(True)  # refilling is not a new filter
        while self.filtro_usuario.count() > 1:
            self.filtro_usuario.removeItem(1)
        for usuario in usuarios:
            self.filtro_usuario.addItem(usuario, usuario)
        self.filtro_usuario.setCurrentIndex(max(0, self.filtro_usuario.findData(elegido)))
        self.filtro_usuario.blockSignals(False)

    def filtrar_ciudadano(self, ciudadano: tuple[uuid.UUID, str] | None) -> None:
        """Only this citizen's rows (id, name), or everyone's again with None."""
        self._ciudadano = ciudadano
        self._mostrar_ciudadano()
        self.aplicar_filtros()

    def _mostrar_ciudadano(self) -> None:
        self.ciudadano.setText(self.tr("Ciudadano: %1").replace("%1", self._ciudadano[1]) if self._ciudadano
                               else self.tr("Todos los ciudadanos"))
        self.boton_quitar.setVisible(self._ciudadano is not None)

    def filtro(self) -> FiltroAccesos:
        return FiltroAccesos(
            ciudadano_id=self._ciudadano[0] if self._ciudadano else None,
            usuario=self.filtro_usuario.currentData() or "", accion=self.filtro_accion.currentData() or "",
            desde=self.desde.date().toPython() if self.usar_desde.isChecked() else None,
            hasta=self.hasta.date().toPython() if self.usar_hasta.isChecked() else None)

    def aplicar_filtros(self) -> None:
        self._espera.stop()
        filtro, privacidad, sesion = self.filtro(), self.servicios.privacidad, self.sesion
        self._total = None
        self.modelo.reiniciar(lambda desde, limite: privacidad.listar_accesos(sesion, filtro, desde_fila=desde,
                                                                              limite=limite))
        self.tareas.ejecutar(privacidad.contar_accesos, sesion, filtro, al_terminar=lambda n: self._contado(filtro, n),
                             al_fallar=lambda e: None)  # the count is a courtesy; the list shows the error

    def _contado(self, filtro: FiltroAccesos, total: int) -> None:
        if filtro == self.filtro():  # an older filter's count would mislead
            self._total = total
            self._contar()

    def _pagina_cargada(self, filas: int) -> None:
        if filas <= TAM_PAGINA:
            ajustar_columnas(self.tabla, estirar=[4], maximo=300)
        self._contar()

    def _contar(self) -> None:
        mostrados = self.modelo.rowCount()
        if self._total is None or mostrados >= self._total:
            self.estado.setText(self.tr("Accesos: %1").replace("%1", str(self._total if self._total is not None
                                                                         else mostrados)))
        else:
            self.estado.setText(self.tr("Accesos mostrados: %1 de %2 (la lista carga más al desplazarse)")
                                .replace("%1", str(mostrados)).replace("%2", str(self._total)))

    def entrada(self, fila: int) -> EntradaAcceso:
        return self.modelo.fila(fila)
