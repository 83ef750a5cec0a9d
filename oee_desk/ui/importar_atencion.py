"""'Importar historia de Atención Ciudadana': the petitions spreadsheet and its follow-ups (.xlsx or
.csv, cli.md's columns) loaded with a progress bar, as `oee-desk importar peticiones|seguimientos`.

Both files go in one transaction (services.importar_peticiones.importar_historia), so «Solo
validar» of the two together finds the folios the first one brings. The work runs off the GUI
thread; the bad rows are listed with their file, row, column and reason.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QLineEdit, QMenu, QProgressBar, QPushButton,
    QVBoxLayout, QWidget,
)

from ..domain.errores import ErrorValidacion, Problema
from ..domain.roles import Accion
from ..services import Servicios
from ..services.sesion import Sesion
from .apariencia import etiqueta, marcar
from .errores import texto_error
from .importar_comun import FILTRO, MAXIMO_ERRORES_VISIBLES, agregar_accion_importar, mostrar_errores, tabla_errores
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


class DialogoImportarAtencion(QDialog):
    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.resultado = None  # (peticiones, seguimientos) summaries of the last run
        self.trabajando = False
        self.setObjectName("dialogoImportarAtencion")
        self.setWindowTitle(self.tr("Importar historia de Atención Ciudadana"))
        self.setMinimumSize(720, 520)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(24, 20, 24, 16)
        capa.setSpacing(8)
        capa.addWidget(etiqueta(self.tr("Importar historia de Atención Ciudadana"), "titulo"))
        capa.addWidget(etiqueta(self.tr(
            "Elija la hoja de peticiones, la de seguimientos o ambas (.xlsx o .csv UTF-8, con encabezados). "
            "Cargar el mismo archivo dos veces no duplica nada; las filas con errores se listan y no se cargan."),
            "nota"))

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
        capa.addLayout(rejilla)
        self.simular = QCheckBox(self.tr("Solo validar: revisar los archivos sin escribir nada"), objectName="simular")
        capa.addWidget(self.simular)

        self.progreso = QProgressBar(objectName="progresoImportacion", textVisible=True)
        self.progreso.setRange(0, 100)
        self.progreso.hide()
        capa.addWidget(self.progreso)
        self.resumen = etiqueta("", nombre="resumenImportacion")
        capa.addWidget(self.resumen)
        self.errores = tabla_errores([self.tr("Archivo"), self.tr("Fila"), self.tr("Columna"), self.tr("Motivo")])
        capa.addWidget(self.errores, 1)

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
        campo = self.findChild(QLineEdit, self.sender().property("campo"))
        inicio = str(Path(campo.text()).parent) if campo.text() else str(Path.home())
        ruta, _ = QFileDialog.getOpenFileName(self, self.tr("Elegir el archivo a importar"), inicio, self.tr(FILTRO))
        if ruta:
            campo.setText(ruta)

    def _actualizar(self) -> None:
        hay_archivo = bool(self.archivo_peticiones.text().strip() or self.archivo_seguimientos.text().strip())
        self.boton_importar.setEnabled(hay_archivo and not self.trabajando)
        self.boton_cerrar.setEnabled(not self.trabajando)

    # --- running ---------------------------------------------------------------------------------
    def importar(self) -> None:
        if self.trabajando or not self.boton_importar.isEnabled():
            return
        self.trabajando = True
        self.resultado = None
        self.progreso.setRange(0, 0)  # reading the files: no total yet
        self.progreso.show()
        self.errores.hide()
        self.errores.setRowCount(0)
        marcar(self.resumen, "estado", "")
        self.resumen.setText(self.tr("Leyendo y validando los archivos…"))
        self._actualizar()
        self.tareas.ejecutar(importar_archivos, self.servicios, self.sesion, self.archivo_peticiones.text().strip(),
                             self.archivo_seguimientos.text().strip(), self.simular.isChecked(),
                             al_terminar=self._terminado, al_fallar=self._fallado, al_progresar=self._avance)

    def _avance(self, hechos: int, total: int) -> None:
        if total > 0:
            self.progreso.setRange(0, total)
            self.progreso.setValue(min(hechos, total))

    def _terminado(self, resultado) -> None:
        self.trabajando = False
        self.resultado = resultado
        self.progreso.setRange(0, 1)
        self.progreso.setValue(1)
        peticiones, seguimientos = resultado
        lineas = []
        for titulo, r in ((self.tr("Peticiones"), peticiones), (self.tr("Seguimientos"), seguimientos)):
            if r is not None:
                lineas.append(self.tr("{}: leídas {}, cargadas {}, ya existían {}, omitidas {}.").format(
                    titulo, r.leidas, r.cargadas, r.ya_existian, r.omitidas))
        if self.simular.isChecked():
            lineas.append(self.tr("Simulación: no se escribió nada."))
        errores = [(self.tr("peticiones"), e) for e in (peticiones.errores if peticiones else [])] + \
                  [(self.tr("seguimientos"), e) for e in (seguimientos.errores if seguimientos else [])]
        if errores:
            lineas.append(self.tr("{} filas con errores no se cargaron; corríjalas y vuelva a importar el archivo: "
                                  "lo ya cargado no se duplica.").format(len(errores)))
            if len(errores) > MAXIMO_ERRORES_VISIBLES:
                lineas.append(self.tr("Se muestran los primeros {}.").format(MAXIMO_ERRORES_VISIBLES))
        self.resumen.setText("\n".join(lineas))
        marcar(self.resumen, "estado", "aviso" if errores else "ok")
        self._mostrar_errores(errores[:MAXIMO_ERRORES_VISIBLES])
        self._actualizar()

    def _mostrar_errores(self, errores: list) -> None:
        mostrar_errores(self.errores, [(archivo, str(e["fila"]), e["columna"], e["motivo"]) for archivo, e in errores])

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
    """The menu entry that opens the dialog, for the roles that may import (supervisión, administración)."""
    return agregar_accion_importar(ventana, menu, servicios, sesion, tareas, clase=DialogoImportarAtencion,
                                   permiso=Accion.IMPORTAR_PETICIONES,
                                   texto=_tr("Importar historia de Atención Ciudadana…"), nombre="ImportarAtencion")
