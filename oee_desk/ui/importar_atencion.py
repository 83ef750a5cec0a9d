"""'Importar historia de Atención Ciudadana': the petitions spreadsheet and its follow-ups (.xlsx or
.csv, cli.md's columns) loaded with a progress bar, as `oee-desk importar peticiones|seguimientos`.

Both files go in one transaction (services.importar_peticiones.importar_historia), so «Solo
validar» of the two together finds the folios the first one brings. The work runs off the GUI
thread; the bad rows are listed with their file, row, column and reason.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGridLayout, QLineEdit, QMenu, QPushButton, QWidget

from ..domain.errores import ErrorValidacion, Problema
from ..domain.roles import Accion
from ..services import Servicios
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .importar_comun import DialogoImportar, agregar_accion_importar
from .tareas import Tareas


def _tr(texto: str) -> str:
    return QCoreApplication.translate("DialogoImportarAtencion", texto)


def importar_archivos(servicios: Servicios, sesion: Sesion, peticiones: str, seguimientos: str, simular: bool,
                      progreso=None):
    """Read both files and load them (off the GUI thread); returns the two summaries."""
    from ..services.archivos import leer_filas
    from ..services.importar_peticiones import importar_historia

    filas = {}
    for nombre, ruta in (("peticiones", peticiones), ("seguimientos", seguimientos)):
        try:
            filas[nombre] = leer_filas(ruta) if ruta else None
        except ErrorValidacion as e:
            raise ErrorValidacion([Problema(f"{nombre}.{p.campo}", p.mensaje) for p in e.problemas]) from None
    return importar_historia(servicios.bd, sesion, filas["peticiones"], filas["seguimientos"], simular=simular,
                             progreso=progreso)


class DialogoImportarAtencion(DialogoImportar):
    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(
            servicios, sesion, tareas, parent, nombre="dialogoImportarAtencion",
            titulo=_tr("Importar historia de Atención Ciudadana"),
            explicacion=_tr(
                "Elija la hoja de peticiones, la de seguimientos o ambas (.xlsx o .csv UTF-8, con encabezados). "
                "Cargar el mismo archivo dos veces no duplica nada; las filas con errores se listan y no se cargan."),
            simular=_tr("Solo validar: revisar los archivos sin escribir nada"),
            leyendo=_tr("Leyendo y validando los archivos…"),
            encabezados=[_tr("Archivo"), _tr("Fila"), _tr("Columna"), _tr("Motivo")])

    def _archivos(self) -> QGridLayout:
        rejilla = QGridLayout()
        self.archivo_peticiones = QLineEdit(objectName="archivoPeticiones")
        self.archivo_peticiones.setPlaceholderText(
            self.tr("folio, fecha_recepcion, canal, nombre, … , tema, descripcion, canalizado_a, estatus, gira"))
        self.archivo_seguimientos = QLineEdit(objectName="archivoSeguimientos")
        self.archivo_seguimientos.setPlaceholderText(self.tr("folio, fecha, tipo, nota"))
        for fila, (titulo, campo, nombre) in enumerate((
                (self.tr("Peticiones:"), self.archivo_peticiones, "elegirPeticiones"),
                (self.tr("Seguimientos:"), self.archivo_seguimientos, "elegirSeguimientos"))):
            boton = QPushButton(self.tr("Elegir…"), objectName=nombre)
            boton.setProperty("campo", campo.objectName())
            boton.clicked.connect(self._elegir)  # a bound slot: a lambda holding self would keep the dialog alive
            rejilla.addWidget(etiqueta(titulo, ajustar=False), fila, 0)
            rejilla.addWidget(campo, fila, 1)
            rejilla.addWidget(boton, fila, 2)
            campo.textChanged.connect(self._actualizar)
        return rejilla

    def _elegir(self) -> None:
        self._elegir_en(self.findChild(QLineEdit, self.sender().property("campo")))

    def _hay_archivo(self) -> bool:
        return bool(self.archivo_peticiones.text().strip() or self.archivo_seguimientos.text().strip())

    def _trabajo(self) -> tuple:
        return (importar_archivos, self.servicios, self.sesion, self.archivo_peticiones.text().strip(),
                self.archivo_seguimientos.text().strip(), self.simular.isChecked())

    def _resumir(self, resultado) -> tuple[list[str], list[tuple[str, str, str, str]], int]:
        peticiones, seguimientos = resultado
        lineas = []
        for titulo, r in ((self.tr("Peticiones"), peticiones), (self.tr("Seguimientos"), seguimientos)):
            if r is not None:
                lineas.append(self.tr("{}: leídas {}, cargadas {}, ya existían {}, omitidas {}.").format(
                    titulo, r.leidas, r.cargadas, r.ya_existian, r.omitidas))
        errores = [(self.tr("peticiones"), e) for e in (peticiones.errores if peticiones else [])] + \
                  [(self.tr("seguimientos"), e) for e in (seguimientos.errores if seguimientos else [])]
        return lineas, [(archivo, str(e["fila"]), e["columna"], e["motivo"]) for archivo, e in errores], len(errores)


def agregar_accion(ventana: QWidget, menu: QMenu, servicios: Servicios, sesion: Sesion,
                   tareas: Tareas) -> QAction | None:
    """The menu entry that opens the dialog, for the roles that may import (supervisión, administración)."""
    return agregar_accion_importar(ventana, menu, servicios, sesion, tareas, clase=DialogoImportarAtencion,
                                   permiso=Accion.IMPORTAR_PETICIONES,
                                   texto=_tr("Importar historia de Atención Ciudadana…"), nombre="ImportarAtencion")
