"""'Importar historia de Correspondencia': the office's history spreadsheet of oficios (.xlsx or .csv,
cli.md's columns) loaded with a progress bar, as `oee-desk importar oficios`.

The service (services.importar_oficios) does the work in one transaction, off the GUI thread: a row
already registered is counted, not loaded again; the bad rows are listed with their row, column and
reason and nothing of them is written. Offered to the roles that may register oficios, the
permission the service requires.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QMenu, QPushButton, QWidget

from ..domain.roles import Accion
from ..services import Servicios
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .importar_comun import DialogoImportar, agregar_accion_importar
from .tareas import Tareas


def _tr(texto: str) -> str:
    return QCoreApplication.translate("DialogoImportarOficios", texto)


def importar_archivo(servicios: Servicios, sesion: Sesion, ruta: str, simular: bool, progreso=None):
    """Read the file and load it (off the GUI thread); returns the service's summary."""
    from ..services.archivos import leer_filas
    from ..services.importar_oficios import ServicioImportarOficios

    return ServicioImportarOficios(servicios.bd).importar(sesion, leer_filas(ruta), simular=simular,
                                                          progreso=progreso)


class DialogoImportarOficios(DialogoImportar):
    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(
            servicios, sesion, tareas, parent, nombre="dialogoImportarOficios",
            titulo=_tr("Importar historia de Correspondencia"),
            explicacion=_tr(
                "Elija la hoja de oficios recibidos (.xlsx o .csv UTF-8, con encabezados): numero_control (opcional), "
                "serie, fecha_recepcion, remitente, cargo, institucion, destinatario, numero_oficio_remitente, "
                "fecha_documento, asunto, turnado_a (dependencias separadas por «;») y estatus. "
                "Cargar el mismo archivo dos veces no duplica nada; las filas con errores se listan y no se cargan. "
                "Los consecutivos de cada serie siguen después del número más alto importado."),
            simular=_tr("Solo validar: revisar el archivo sin escribir nada"),
            leyendo=_tr("Leyendo y validando el archivo…"), encabezados=[_tr("Fila"), _tr("Columna"), _tr("Motivo")])

    def _archivos(self) -> QHBoxLayout:
        fila = QHBoxLayout()
        self.archivo = QLineEdit(objectName="archivoOficios")
        self.archivo.setPlaceholderText(self.tr("Ruta del archivo .xlsx o .csv"))
        self.archivo.textChanged.connect(self._actualizar)
        self.boton_elegir = QPushButton(self.tr("Elegir…"), objectName="elegirArchivo")
        self.boton_elegir.clicked.connect(self._elegir)  # a bound slot: a lambda holding self keeps the dialog alive
        fila.addWidget(etiqueta(self.tr("Archivo:"), ajustar=False))
        fila.addWidget(self.archivo, 1)
        fila.addWidget(self.boton_elegir)
        return fila

    def _elegir(self) -> None:
        self._elegir_en(self.archivo)

    def _hay_archivo(self) -> bool:
        return bool(self.archivo.text().strip())

    def _actualizar(self) -> None:
        super()._actualizar()
        self.boton_elegir.setEnabled(not self.trabajando)

    def _trabajo(self) -> tuple:
        return importar_archivo, self.servicios, self.sesion, self.archivo.text().strip(), self.simular.isChecked()

    def _resumir(self, r) -> tuple[list[str], list[tuple[str, str, str]], int]:
        lineas = [self.tr("Oficios: leídas {}, cargadas {}, ya existían {}, omitidas {}.").format(
            r.leidas, r.cargadas, r.ya_existian, r.omitidas)]
        return lineas, [(str(e["fila"]), e["columna"], e["motivo"]) for e in r.errores], \
            len({e["fila"] for e in r.errores})


def agregar_accion(ventana: QWidget, menu: QMenu, servicios: Servicios, sesion: Sesion,
                   tareas: Tareas) -> QAction | None:
    """The menu entry that opens the dialog, for the roles the service lets import (REGISTRAR_OFICIOS)."""
    return agregar_accion_importar(ventana, menu, servicios, sesion, tareas, clase=DialogoImportarOficios,
                                   permiso=Accion.REGISTRAR_OFICIOS,
                                   texto=_tr("Importar historia de Correspondencia…"), nombre="ImportarOficios")
