"""The nine catalogs on one page: every column and every form comes from `domain.catalogos`.

A catalog added to `CATALOGOS` appears here with its table and its add/edit form, and nothing in
this file names a particular catalog.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget,
)

from ..domain.catalogos import CATALOGOS, Campo, Catalogo
from ..domain.roles import Accion
from ..services import Servicios
from ..services.catalogos import Entrada
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .errores import mostrar_error
from .formulario import CampoFormulario, DialogoFormulario, boton
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, texto_celda, vista_tabla
from .pagina import Pagina
from .tareas import Tareas

ESPERA_BUSQUEDA_MS = 250  # typing pauses shorter than this are one search, not one per key


def _titulo(cat: Catalogo) -> str:
    return QCoreApplication.translate("Catalogos", cat.titulo)


def _columna(campo: Campo) -> Columna:
    if campo.opciones:  # show the label people know, not the stored code
        return Columna(campo.etiqueta, lambda e, n=campo.nombre, o=campo.opciones: o.get(str(e[n]), texto_celda(e[n])))
    return Columna(campo.etiqueta, lambda e, n=campo.nombre: e[n], numerica=campo.tipo == "entero")


class PaginaCatalogos(Pagina):
    clave = "catalogos"
    titulo = QT_TRANSLATE_NOOP("Modulos", "Catálogos")  # translated where it is shown
    requiere = Accion.VER_CATALOGOS

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(servicios, sesion, tareas, parent)
        self.puede_editar = sesion.puede(Accion.EDITAR_CATALOGOS)
        self.dialogo: DialogoFormulario | None = None
        self._consulta = 0  # number of the latest search: older answers are dropped
        self._seleccionar: Any = None
        self._nota = ""  # said once in the status line after the next load

        self.selector = QComboBox(self)
        for cat in CATALOGOS.values():
            self.selector.addItem(_titulo(cat), cat.nombre)
        self.selector.currentIndexChanged.connect(self._cambiar_catalogo)
        self.buscador = QLineEdit(self, clearButtonEnabled=True)
        self.buscador.setPlaceholderText(self.tr("Buscar (sin importar acentos ni mayúsculas)…"))
        self.inactivos = QCheckBox(self.tr("Mostrar &inactivos"), self)
        self.inactivos.toggled.connect(lambda _: self.recargar())
        self._espera = QTimer(self, singleShot=True, interval=ESPERA_BUSQUEDA_MS)
        self._espera.timeout.connect(self.recargar)
        self.buscador.textChanged.connect(lambda _: self._espera.start())
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.buscador.setFocus)

        self.modelo = ModeloFilas([], self, atenuar=lambda e: not e.activo)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.selectionModel().selectionChanged.connect(self._actualizar_botones)
        self.tabla.doubleClicked.connect(lambda _: self.editar())
        for tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(tecla), self.tabla, activated=self.editar,
                      context=Qt.ShortcutContext.WidgetShortcut)

        self.boton_agregar = boton(self, self.tr("Agregar…"), QKeySequence.StandardKey.New, self.agregar,
                                   primario=True)
        self.boton_editar = boton(self, self.tr("Editar…"), "F2", self.editar)
        self.boton_activo = boton(self, self.tr("Desactivar"), "Ctrl+D", self.cambiar_activo)
        self.boton_actualizar = boton(self, self.tr("Actualizar"), "F5", self.recargar)
        # Raising a series' next number: the service allows it to the administration only.
        self.boton_series = boton(self, self.tr("Series de control…"), "Ctrl+Shift+N", self.abrir_series)
        self.boton_series.setObjectName("botonSeriesControl")
        self.boton_series.setVisible(sesion.puede(Accion.AJUSTAR_SERIES))
        self.dialogo_series = None
        self.estado = etiqueta("", "nota", nombre="estadoCatalogo")
        self.aviso = etiqueta(self.tr("Solo lectura: su rol puede consultar los catálogos, pero no modificarlos."),
                              "aviso", nombre="avisoSoloLectura")
        self.aviso.setVisible(not self.puede_editar)

        filtros = QHBoxLayout()
        rotulo = QLabel(self.tr("&Catálogo:"))
        rotulo.setBuddy(self.selector)
        filtros.addWidget(rotulo)
        filtros.addWidget(self.selector)
        filtros.addWidget(self.buscador, 1)
        filtros.addWidget(self.inactivos)
        botones = QHBoxLayout()
        for b in (self.boton_agregar, self.boton_editar, self.boton_activo):
            botones.addWidget(b)
        botones.addStretch(1)
        botones.addWidget(self.boton_series)
        botones.addWidget(self.boton_actualizar)
        capa = self.capa_con_encabezado(self.tr("Catálogos"),
                                        self.tr("Las listas de la oficina que usan los registros. Un elemento que ya no "
                                        "se usa se desactiva: los registros que lo citan lo conservan."))
        capa.addLayout(filtros)
        capa.addLayout(botones)
        capa.addWidget(self.aviso)
        capa.addWidget(self.tabla, 1)
        capa.addWidget(self.estado)
        self._poner_columnas()
        self._actualizar_botones()


    @property
    def catalogo(self) -> Catalogo:
        return CATALOGOS[self.selector.currentData()]

    def elegir(self, nombre: str) -> None:
        self.selector.setCurrentIndex(self.selector.findData(nombre))

    # --- loading -------------------------------------------------------------------------
    def _poner_columnas(self) -> None:
        columnas = [_columna(c) for c in self.catalogo.campos] + [Columna(self.tr("Activo"), lambda e: e.activo)]
        self.modelo.poner_columnas(columnas)

    def _cambiar_catalogo(self) -> None:
        self._poner_columnas()
        self.buscador.blockSignals(True)  # a search typed for another catalog would only confuse
        self.buscador.clear()
        self.buscador.blockSignals(False)
        self.recargar()

    def recargar(self, seleccionar: Any = None) -> None:
        self._espera.stop()
        actual = self.seleccionado()
        self._seleccionar = seleccionar or (actual.id if actual else None)
        self._consulta += 1
        consulta, cat = self._consulta, self.catalogo
        self.tareas.ejecutar(
            self.servicios.catalogos.listar, self.sesion, cat.nombre,
            buscar=self.buscador.text(), incluir_inactivos=self.inactivos.isChecked(),
            al_terminar=lambda filas: self._mostrar(consulta, filas),
            al_fallar=lambda e: consulta == self._consulta and mostrar_error(self, e))

    def _mostrar(self, consulta: int, filas: list[Entrada]) -> None:
        if consulta != self._consulta:  # a newer search superseded this one
            return
        self.modelo.poner_filas(filas)
        campos = [c.nombre for c in self.catalogo.campos]
        ajustar_columnas(self.tabla, estirar=[i for i, n in enumerate(campos) if n in ("nombre", "descripcion")])
        fila = self.modelo.buscar(lambda e: e.id == self._seleccionar)
        if fila >= 0:
            self.tabla.selectRow(fila)
        texto = self.tr("Registros mostrados: %1").replace("%1", str(len(filas)))
        self.estado.setText(f"{texto}. {self._nota}" if self._nota else texto)
        self._nota = ""
        self._actualizar_botones()

    def seleccionado(self) -> Entrada | None:
        filas = self.tabla.selectionModel().selectedRows()
        return self.modelo.fila(filas[0].row()) if filas else None

    def _actualizar_botones(self) -> None:
        e = self.seleccionado()
        self.boton_agregar.setEnabled(self.puede_editar)
        self.boton_editar.setEnabled(self.puede_editar and e is not None)
        self.boton_activo.setEnabled(self.puede_editar and e is not None)
        texto = self.tr("Activar") if e is not None and not e.activo else self.tr("Desactivar")
        if texto != self.boton_activo.text():
            self.boton_activo.setText(texto)
            self.boton_activo.setShortcut(QKeySequence("Ctrl+D"))  # Qt's setText drops the shortcut
            self.boton_activo.setToolTip(f"{texto} (Ctrl+D)")

    # --- changes -------------------------------------------------------------------------
    def _abrir(self, titulo: str, entrada: Entrada | None, guardar) -> DialogoFormulario:
        campos = [CampoFormulario(c.nombre, self.tr(c.etiqueta), c.tipo, c.opciones,
                                  inicial=entrada[c.nombre] if entrada else None)
                  for c in self.catalogo.campos]
        self.dialogo = DialogoFormulario(titulo, campos, guardar, self.tareas, self)
        self.dialogo.accepted.connect(lambda d=self.dialogo: self.recargar(seleccionar=d.resultado.id))
        self.dialogo.finished.connect(self._dialogo_cerrado)
        self.dialogo.open()
        return self.dialogo

    def _dialogo_cerrado(self) -> None:
        if self.dialogo is not None:
            self.dialogo.deleteLater()
            self.dialogo = None

    def agregar(self) -> None:
        if not self.puede_editar:
            return
        cat = self.catalogo
        self._abrir(self.tr("Agregar a %s") % _titulo(cat), None,
                    lambda v: self.servicios.catalogos.agregar(self.sesion, cat.nombre, v))

    def editar(self) -> None:
        if not self.puede_editar or (e := self.seleccionado()) is None:
            return
        cat = self.catalogo
        self._abrir(self.tr("Editar en %s") % _titulo(cat), e,
                    lambda v: self.servicios.catalogos.editar(self.sesion, cat.nombre, e.id, v, version=e.version))

    def cambiar_activo(self) -> None:
        """No confirmation: deactivating hides a row from new records, and one click undoes it."""
        if not self.puede_editar or (e := self.seleccionado()) is None:
            return
        cat = self.catalogo
        self.tareas.ejecutar(
            self.servicios.catalogos.cambiar_activo, self.sesion, cat.nombre, e.id, not e.activo, version=e.version,
            al_terminar=lambda hecha: self._activo_cambiado(hecha),
            al_fallar=lambda error: (mostrar_error(self, error), self.recargar()))

    def abrir_series(self) -> None:
        if not self.sesion.puede(Accion.AJUSTAR_SERIES):
            return
        from .dialogo_series import DialogoSeries  # loaded on first use: most sessions never open it

        if self.dialogo_series is None:
            self.dialogo_series = DialogoSeries(self.servicios, self.sesion, self.tareas, self)
            self.dialogo_series.finished.connect(self._series_cerrado)
        self.dialogo_series.open()

    def _series_cerrado(self) -> None:
        if self.dialogo_series is not None:
            self.dialogo_series.deleteLater()
            self.dialogo_series = None

    def _activo_cambiado(self, entrada: Entrada) -> None:
        if not entrada.activo and not self.inactivos.isChecked():
            self._nota = self.tr("Registro desactivado; marque «Mostrar inactivos» para verlo de nuevo.")
        self.recargar(seleccionar=entrada.id)
