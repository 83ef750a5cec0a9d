"""The audit log (bitácora): filtered in SQL, loaded 200 rows at a time as the list scrolls."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QSplitter, QVBoxLayout, QWidget,
)

from ..domain.catalogos import CATALOGOS
from ..domain.roles import Accion
from ..services import Servicios
from ..services.auditoria import EntradaAuditoria, FiltroAuditoria
from ..services.sesion import Sesion
from .apariencia import etiqueta, fecha_opcional
from .errores import mostrar_error
from .formulario import boton
from .modelos_tabla import Columna, ModeloFilas, ModeloPaginado, ajustar_columnas, texto_celda, vista_tabla
from .pagina import Pagina
from .tareas import Tareas

TAM_PAGINA = 200

ACCIONES = {
    "crear": "Alta", "editar": "Modificación", "eliminar": "Eliminación", "activar": "Activación",
    "desactivar": "Desactivación", "importar": "Importación", "acceso": "Inicio de sesión",
    "cambiar_rol": "Cambio de rol", "restablecer": "Restablecimiento de contraseña",
    "cambiar_contrasena": "Cambio de contraseña propia",
}
# Audit rows name the table; a catalog's table is its CLI name with underscores.
TABLAS = {"usuarios": "Usuarios", **{c.nombre.replace("-", "_"): c.titulo for c in CATALOGOS.values()}}
CAMPOS_COMUNES = {
    "id": "Identificador", "activo": "Activo", "creado": "Creado", "nombre_completo": "Nombre completo",
    "rol": "Rol", "hash_contrasena": "Contraseña", "intentos_fallidos": "Intentos fallidos",
    "bloqueado_hasta": "Bloqueado hasta", "ultimo_acceso": "Último acceso", "curp": "CURP",
}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")


@dataclass(frozen=True)
class Cambio:
    campo: str
    antes: Any
    despues: Any


def _tabla(nombre: str) -> str:
    return QCoreApplication.translate("Catalogos", TABLAS.get(nombre, nombre))


def etiqueta_campo(tabla: str, campo: str) -> str:
    if tabla == "usuarios" and campo == "nombre":
        return "Usuario"
    for cat in CATALOGOS.values():
        if cat.nombre.replace("-", "_") == tabla:
            for c in cat.campos:
                if c.nombre == campo:
                    return c.etiqueta
    return CAMPOS_COMUNES.get(campo) or campo.replace("_", " ").capitalize()


def valor_legible(valor: Any) -> str:
    """The log keeps JSON: dates come back as ISO text and are shown as the office writes them."""
    if isinstance(valor, str) and _ISO.match(valor):
        try:
            return texto_celda(dt.datetime.fromisoformat(valor) if "T" in valor else dt.date.fromisoformat(valor))
        except ValueError:
            return valor
    if isinstance(valor, (dict, list)):
        return json.dumps(valor, ensure_ascii=False)
    return texto_celda(valor)


def describir_registro(entrada: EntradaAuditoria) -> str:
    """The record's key and name when the entry carries them; its id otherwise."""
    valores = {**(entrada.antes or {}), **(entrada.despues or {})}
    partes = [valor_legible(valores[c]) for c in ("codigo", "clave", "fecha", "nombre", "descripcion")
              if valores.get(c) not in (None, "")]
    return " · ".join(partes) or entrada.registro_id


def cambios(entrada: EntradaAuditoria) -> list[Cambio]:
    antes, despues = entrada.antes or {}, entrada.despues or {}
    campos = list(dict.fromkeys([*despues, *antes]))  # the record's own column order
    return [Cambio(etiqueta_campo(entrada.tabla, c), valor_legible(antes.get(c)) if c in antes else "",
                   valor_legible(despues.get(c)) if c in despues else "") for c in campos]


class PaginaAuditoria(Pagina):
    clave = "bitacora"
    titulo = QT_TRANSLATE_NOOP("Modulos", "Bitácora")  # translated where it is shown
    requiere = Accion.VER_AUDITORIA

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(servicios, sesion, tareas, parent)
        self._total: int | None = None
        self.filtro_usuario = self._combo(self.tr("Todos los usuarios"))
        self.filtro_tabla = self._combo(self.tr("Todas las tablas"))
        self.filtro_accion = self._combo(self.tr("Todas las acciones"))
        self.usar_desde, self.desde = fecha_opcional(
            self, self.tr("Desde"), dt.date.today() - dt.timedelta(days=30), lambda: self._espera.start())
        self.usar_hasta, self.hasta = fecha_opcional(self, self.tr("Hasta"), dt.date.today(),
                                                     lambda: self._espera.start())
        self._espera = QTimer(self, singleShot=True, interval=250)  # one query per burst of clicks
        self._espera.timeout.connect(self.aplicar_filtros)
        self.boton_limpiar = boton(self, self.tr("Limpiar filtros"), "Ctrl+Shift+L", self.limpiar_filtros)
        self.boton_actualizar = boton(self, self.tr("Actualizar"), "F5", self.recargar)

        self.modelo = ModeloPaginado([
            Columna(self.tr("Fecha y hora"), lambda e: e.momento.strftime("%d/%m/%Y %H:%M:%S")),
            Columna(self.tr("Usuario"), lambda e: e.usuario),
            Columna(self.tr("Acción"), lambda e: self._accion(e.accion)),
            Columna(self.tr("Tabla"), lambda e: _tabla(e.tabla)),
            Columna(self.tr("Registro"), describir_registro),
        ], tareas, self, tam_pagina=TAM_PAGINA, identidad=lambda e: e.id)
        self.modelo.fallo.connect(lambda e: mostrar_error(self, e))
        self.modelo.pagina_cargada.connect(self._pagina_cargada)
        self.lista = vista_tabla(self.modelo, self)
        self.lista.selectionModel().currentRowChanged.connect(self._mostrar_detalle)

        self.modelo_detalle = ModeloFilas([
            Columna(self.tr("Campo"), lambda c: c.campo),
            Columna(self.tr("Antes"), lambda c: c.antes),
            Columna(self.tr("Después"), lambda c: c.despues),
        ], self)
        self.detalle = vista_tabla(self.modelo_detalle, self)
        self.detalle.setSelectionMode(self.detalle.SelectionMode.NoSelection)
        self.detalle.setWordWrap(True)
        self.encabezado = etiqueta(self.tr("Seleccione un movimiento para ver los valores antes y después."),
                                   "subtitulo", nombre="encabezadoDetalle")
        self.estado = etiqueta("", "nota", nombre="estadoBitacora")

        filtros = QHBoxLayout()
        for control in (self.filtro_usuario, self.filtro_tabla, self.filtro_accion, self.usar_desde, self.desde,
                        self.usar_hasta, self.hasta):
            filtros.addWidget(control)
        filtros.addStretch(1)
        filtros.addWidget(self.boton_limpiar)
        filtros.addWidget(self.boton_actualizar)
        lado = QWidget(self)
        capa_lado = QVBoxLayout(lado)
        capa_lado.setContentsMargins(0, 0, 0, 0)
        capa_lado.addWidget(self.encabezado)
        capa_lado.addWidget(self.detalle, 1)
        # Stacked, not side by side: both tables need the width (names, before/after values).
        division = QSplitter(Qt.Orientation.Vertical, self)
        division.addWidget(self.lista)
        division.addWidget(lado)
        division.setStretchFactor(0, 3)
        division.setStretchFactor(1, 2)
        division.setChildrenCollapsible(False)
        capa = self.capa_con_encabezado(self.tr("Bitácora"),
                                        self.tr("Cada cambio queda registrado con quién, cuándo y qué cambió. "
                                        "La bitácora no se puede modificar."))
        capa.addLayout(filtros)
        capa.addWidget(division, 1)
        capa.addWidget(self.estado)

    def _combo(self, todos: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(todos, "")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _: self._espera.start())
        return combo

    # --- loading -------------------------------------------------------------------------
    def mostrar(self) -> None:
        """The log moves on while other pages work: reload each time the page comes back."""
        if self._cargada:
            self.recargar()
        super().mostrar()

    def recargar(self) -> None:
        self.tareas.ejecutar(self.servicios.auditoria.opciones, self.sesion, al_terminar=self._poner_opciones,
                             al_fallar=lambda e: mostrar_error(self, e))
        self.aplicar_filtros()

    def _poner_opciones(self, opciones: dict[str, list[str]]) -> None:
        for combo, clave, nombrar in ((self.filtro_usuario, "usuario", str), (self.filtro_tabla, "tabla", _tabla),
                                      (self.filtro_accion, "accion", self._accion)):
            elegido = combo.currentData()
            combo.blockSignals(True)  # refilling is not a new filter
            while combo.count() > 1:
                combo.removeItem(1)
            for valor in opciones.get(clave, []):
                combo.addItem(nombrar(valor), valor)
            combo.setCurrentIndex(max(0, combo.findData(elegido)))
            combo.blockSignals(False)

    def _accion(self, accion: str) -> str:
        return self.tr(ACCIONES.get(accion, accion))

    def filtro(self) -> FiltroAuditoria:
        return FiltroAuditoria(
            usuario=self.filtro_usuario.currentData() or "", tabla=self.filtro_tabla.currentData() or "",
            accion=self.filtro_accion.currentData() or "",
            desde=self.desde.date().toPython() if self.usar_desde.isChecked() else None,
            hasta=self.hasta.date().toPython() if self.usar_hasta.isChecked() else None)

    def aplicar_filtros(self) -> None:
        self._espera.stop()
        filtro, auditoria, sesion = self.filtro(), self.servicios.auditoria, self.sesion
        self._total = None
        self._mostrar_detalle(QModelIndex())
        self.modelo.reiniciar(lambda desde, limite: auditoria.listar(sesion, filtro, desde_fila=desde, limite=limite))
        self.tareas.ejecutar(auditoria.contar, sesion, filtro, al_terminar=lambda n: self._contado(filtro, n),
                             al_fallar=lambda e: None)  # the count is a courtesy; the list shows the error

    def limpiar_filtros(self) -> None:
        for control in (self.filtro_usuario, self.filtro_tabla, self.filtro_accion, self.usar_desde, self.usar_hasta):
            control.blockSignals(True)
        for combo in (self.filtro_usuario, self.filtro_tabla, self.filtro_accion):
            combo.setCurrentIndex(0)
        for usar, fecha in ((self.usar_desde, self.desde), (self.usar_hasta, self.hasta)):
            usar.setChecked(False)
            fecha.setEnabled(False)
        for control in (self.filtro_usuario, self.filtro_tabla, self.filtro_accion, self.usar_desde, self.usar_hasta):
            control.blockSignals(False)
        self.aplicar_filtros()

    def _contado(self, filtro: FiltroAuditoria, total: int) -> None:
        if filtro == self.filtro():  # an older filter's count would mislead
            self._total = total
            self._contar()

    def _pagina_cargada(self, filas: int) -> None:
        if filas <= TAM_PAGINA:  # fit the columns once, to the first page: later ones would jump
            ajustar_columnas(self.lista, estirar=[4], maximo=300)
        self._contar()

    def _contar(self) -> None:
        mostrados = self.modelo.rowCount()
        if self._total is None:
            self.estado.setText(self.tr("Movimientos mostrados: %1").replace("%1", str(mostrados)))
        else:
            self.estado.setText(self.tr("Movimientos mostrados: %1 de %2 (la lista carga más al desplazarse)")
                                .replace("%1", str(mostrados)).replace("%2", str(self._total))
                                if mostrados < self._total else
                                self.tr("Movimientos: %1").replace("%1", str(self._total)))

    def _mostrar_detalle(self, actual: QModelIndex, _anterior: QModelIndex | None = None) -> None:
        if not actual.isValid():
            self.modelo_detalle.poner_filas([])
            self.encabezado.setText(self.tr("Seleccione un movimiento para ver los valores antes y después."))
            return
        e: EntradaAuditoria = self.modelo.fila(actual.row())
        self.encabezado.setText(self.tr("%1 en %2 por %3 el %4 · registro %5")
                                .replace("%1", self._accion(e.accion))
                                .replace("%2", _tabla(e.tabla))
                                .replace("%3", e.usuario).replace("%4", texto_celda(e.momento))
                                .replace("%5", e.registro_id))
        self.modelo_detalle.poner_filas(cambios(e))
        ajustar_columnas(self.detalle, estirar=[1, 2], maximo=260)
