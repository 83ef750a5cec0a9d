"""'Importar historia de Correspondencia': the office's history spreadsheet of oficios (.xlsx or .csv,
cli.md's columns) loaded with a progress bar, as `oee-desk importar oficios`.

The service (services.importar_oficios) does the work in one transaction, off the GUI thread: a row
already registered is counted, not loaded again; the bad rows are listed with their row, column and
reason and nothing of them is written. Offered to the roles that may register oficios, the
permission the service requires.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLineEdit, QMenu, QProgressBar, QPushButton,
    QVBoxLayout, QWidget,
)

from ..domain.roles import Accion
from ..services import Servicios
from ..services.sesion import Sesion
from .apariencia import etiqueta, marcar
from .errores import texto_error
from .importar_comun import FILTRO, MAXIMO_ERRORES_VISIBLES, agregar_accion_importar, mostrar_errores, tabla_errores
from .tareas import Tareas


def _tr(texto: str) -> str:
    return QCoreApplication.translate("DialogoImportarOficios", texto)


def importar_archivo(servicios: Servicios, sesion: Sesion, ruta: str, simular: bool, progreso=None):
    """Read the file and load it (off the GUI thread); returns the service's summary."""
    from ..services.archivos import leer_filas
    from ..services.importar_oficios import ServicioImportarOficios

    return ServicioImportarOficios(servicios.bd).importar(sesion, leer_filas(ruta), simular=simular,
                                                          progreso=progreso)


class DialogoImportarOficios(QDialog):
    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.resultado = None  # the summary of the last run
        self.trabajando = False
        self.setObjectName("dialogoImportarOficios")
        self.setWindowTitle(self.tr("Importar historia de Correspondencia"))
        self.setMinimumSize(720, 520)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(24, 20, 24, 16)
        capa.setSpacing(8)
        capa.addWidget(etiqueta(self.tr("Importar historia de Correspondencia"), "titulo"))
        capa.addWidget(etiqueta(self.tr(
            "Elija la hoja de oficios recibidos (.xlsx o .csv UTF-8, con encabezados): numero_control (opcional), "
            "serie, fecha_recepcion, remitente, cargo, institucion, destinatario, numero_oficio_remitente, "
            "fecha_documento, asunto, turnado_a (dependencias separadas por «;») y estatus. "
            "Cargar el mismo archivo dos veces no duplica nada; las filas con errores se listan y no se cargan. "
            "Los consecutivos de cada serie siguen después del número más alto importado."), "nota"))

        fila = QHBoxLayout()
        self.archivo = QLineEdit(objectName="archivoOficios")
        self.archivo.setPlaceholderText(self.tr("Ruta del archivo .xlsx o .csv"))
        self.archivo.textChanged.connect(self._actualizar)
        self.boton_elegir = QPushButton(self.tr("Elegir…"), objectName="elegirArchivo")
        self.boton_elegir.clicked.connect(self._elegir)  # a bound slot: a lambda holding self keeps the dialog alive
        fila.addWidget(etiqueta(self.tr("Archivo:"), ajustar=False))
        fila.addWidget(self.archivo, 1)
        fila.addWidget(self.boton_elegir)
        capa.addLayout(fila)
        self.simular = QCheckBox(self.tr("Solo validar: revisar el archivo sin escribir nada"), objectName="simular")
        capa.addWidget(self.simular)

        self.progreso = QProgressBar(objectName="progresoImportacion", textVisible=True)
        self.progreso.setRange(0, 100)
        self.progreso.hide()
        capa.addWidget(self.progreso)
        self.resumen = etiqueta("", nombre="resumenImportacion")
        capa.addWidget(self.resumen)
        self.errores = tabla_errores([self.tr("Fila"), self.tr("Columna"), self.tr("Motivo")])
        capa.addWidget(self.errores, 1)
        capa.addStretch(0)

        botones = QDialogButtonBox(self)
        self.boton_importar = botones.addButton(self.tr("Importar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.boton_importar.setObjectName("botonImportar")
        self.boton_cerrar = botones.addButton(self.tr("Cerrar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.boton_importar.clicked.connect(self.importar)
        self.boton_cerrar.clicked.connect(self.reject)
        capa.addWidget(botones)
        self._actualizar()

    # --- choosing --------------------------------------------------------------------------------
    def _elegir(self) -> None:
        actual = self.archivo.text().strip()
        inicio = str(Path(actual).parent) if actual else str(Path.home())
        ruta, _ = QFileDialog.getOpenFileName(self, self.tr("Elegir el archivo a importar"), inicio, self.tr(FILTRO))
        if ruta:
            self.archivo.setText(ruta)

    def _actualizar(self) -> None:
        self.boton_importar.setEnabled(bool(self.archivo.text().strip()) and not self.trabajando)
        self.boton_cerrar.setEnabled(not self.trabajando)
        self.boton_elegir.setEnabled(not self.trabajando)

    # --- running ---------------------------------------------------------------------------------
    def importar(self) -> None:
        if self.trabajando or not self.boton_importar.isEnabled():
            return
        self.trabajando = True
        self.resultado = None
        self.progreso.setRange(0, 0)  # reading the file: no total yet
        self.progreso.show()
        self.errores.hide()
        self.errores.setRowCount(0)
        marcar(self.resumen, "estado", "")
        self.resumen.setText(self.tr("Leyendo y validando el archivo…"))
        self._actualizar()
        self.tareas.ejecutar(importar_archivo, self.servicios, self.sesion, self.archivo.text().strip(),
                             self.simular.isChecked(),
                             al_terminar=self._terminado, al_fallar=self._fallado, al_progresar=self._avance)

    def _avance(self, hechos: int, total: int) -> None:
        if total > 0:
            self.progreso.setRange(0, total)
            self.progreso.setValue(min(hechos, total))

    def _terminado(self, resultado) -> None:
        self.trabajando = False
        self.resultado = r = resultado
        self.progreso.setRange(0, 1)
        self.progreso.setValue(1)
        lineas = [self.tr("Oficios: leídas {}, cargadas {}, ya existían {}, omitidas {}.").format(
            r.leidas, r.cargadas, r.ya_existian, r.omitidas)]
        if self.simular.isChecked():
            lineas.append(self.tr("Simulación: no se escribió nada."))
        if r.errores:
            lineas.append(self.tr("{} filas con errores no se cargaron; corríjalas y vuelva a importar el archivo: "
                                  "lo ya cargado no se duplica.").format(len({e["fila"] for e in r.errores})))
            if len(r.errores) > MAXIMO_ERRORES_VISIBLES:
                lineas.append(self.tr("Se muestran los primeros {}.").format(MAXIMO_ERRORES_VISIBLES))
        self.resumen.setText("\n".join(lineas))
        marcar(self.resumen, "estado", "aviso" if r.errores else "ok")
        mostrar_errores(self.errores, [
            (str(e["fila"]), e["columna"], e["motivo"])
            for e in r.errores[:MAXIMO_ERRORES_VISIBLES]])
        self._actualizar()

    def _fallado(self, error: BaseException) -> None:
        self.trabajando = False
        self.progreso.hide()
        self.resumen.setText(texto_error(error) + "\n" + self.tr("No se escribió nada."))
        marcar(self.resumen, "estado", "error")
        self._actualizar()

    def reject(self) -> None:
        if not self.trabajando:  # the import finishes (or fails) whole; closing waits for it
            super().reject()


def agregar_accion(ventana: QWidget, menu: QMenu, servicios: Servicios, sesion: Sesion,
                   tareas: Tareas) -> QAction | None:
    """The menu entry that opens the dialog, for the roles the service lets import (REGISTRAR_OFICIOS)."""
    return agregar_accion_importar(ventana, menu, servicios, sesion, tareas, clase=DialogoImportarOficios,
                                   permiso=Accion.REGISTRAR_OFICIOS,
                                   texto=_tr("Importar historia de Correspondencia…"), nombre="ImportarOficios")
