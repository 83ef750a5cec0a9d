"""What the «Importar historia…» dialogs share (importar_atencion.py, importar_oficios.py): the
dialog's frame and its run off the GUI thread, the file filter, the table of bad rows and the
Archivo menu entry that opens a dialog."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLayout, QLineEdit, QMenu, QProgressBar,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..domain.roles import Accion
from ..services import Servicios
from ..services.sesion import Sesion
from .apariencia import etiqueta, marcar
from .errores import texto_error
from .tareas import Tareas

FILTRO = "Hojas de cálculo (*.xlsx *.csv);;Excel (*.xlsx);;CSV UTF-8 (*.csv)"
MAXIMO_ERRORES_VISIBLES = 5000  # a table of more helps nobody; the count says how many there are


def tabla_errores(encabezados: Sequence[str]) -> QTableWidget:
    """The bad rows, read-only, the last column (the reason) taking the width left; hidden until used."""
    tabla = QTableWidget(0, len(encabezados), objectName="tablaErrores")
    tabla.setHorizontalHeaderLabels(list(encabezados))
    tabla.horizontalHeader().setSectionResizeMode(len(encabezados) - 1, QHeaderView.ResizeMode.Stretch)
    tabla.verticalHeader().hide()
    tabla.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    tabla.hide()
    return tabla


def mostrar_errores(tabla: QTableWidget, filas: Sequence[Sequence[str]]) -> None:
    """Fill the table with `filas` (texts, one per column); shown only when there is any."""
    ultima = tabla.columnCount() - 1
    tabla.setUpdatesEnabled(False)
    tabla.setRowCount(len(filas))
    for n, fila in enumerate(filas):
        for m, valor in enumerate(fila):
            tabla.setItem(n, m, QTableWidgetItem(valor))
    tabla.resizeColumnsToContents()
    tabla.horizontalHeader().setSectionResizeMode(ultima, QHeaderView.ResizeMode.Stretch)
    tabla.setUpdatesEnabled(True)
    tabla.setVisible(bool(filas))


class DialogoImportar(QDialog):
    """Title and explanation, the file fields (`_archivos`, the subclass's), «Solo validar», the
    progress bar, the summary, the bad rows, Importar and Cerrar. The service loads everything in
    one transaction off the GUI thread; closing waits for it to finish or fail whole."""

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None, *,
                 nombre: str, titulo: str, explicacion: str, simular: str, leyendo: str,
                 encabezados: Sequence[str]):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.resultado: Any = None  # the service's summary of the last run
        self.trabajando = False
        self._leyendo = leyendo
        self.setObjectName(nombre)
        self.setWindowTitle(titulo)
        self.setMinimumSize(720, 520)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(24, 20, 24, 16)
        capa.setSpacing(8)
        capa.addWidget(etiqueta(titulo, "titulo"))
        capa.addWidget(etiqueta(explicacion, "nota"))
        capa.addLayout(self._archivos())
        self.simular = QCheckBox(simular, objectName="simular")
        capa.addWidget(self.simular)
        self.progreso = QProgressBar(objectName="progresoImportacion", textVisible=True)
        self.progreso.setRange(0, 100)
        self.progreso.hide()
        capa.addWidget(self.progreso)
        self.resumen = etiqueta("", nombre="resumenImportacion")
        capa.addWidget(self.resumen)
        self.errores = tabla_errores(encabezados)
        capa.addWidget(self.errores, 1)
        botones = QDialogButtonBox(self)
        self.boton_importar = botones.addButton(self.tr("Importar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.boton_importar.setObjectName("botonImportar")
        self.boton_cerrar = botones.addButton(self.tr("Cerrar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.boton_importar.clicked.connect(self.importar)
        self.boton_cerrar.clicked.connect(self.reject)
        capa.addWidget(botones)
        self._actualizar()

    # --- what each dialog says ---------------------------------------------------------------------
    def _archivos(self) -> QLayout:
        """The file fields, with their «Elegir…» buttons."""
        raise NotImplementedError

    def _hay_archivo(self) -> bool:
        raise NotImplementedError

    def _trabajo(self) -> tuple[Callable, ...]:
        """The function to run off the GUI thread and its arguments (it also gets `progreso`)."""
        raise NotImplementedError

    def _resumir(self, resultado) -> tuple[list[str], list[Sequence[str]], int]:
        """The summary's lines, the bad rows as the table's texts, and how many rows were bad."""
        raise NotImplementedError

    # --- choosing --------------------------------------------------------------------------------
    def _elegir_en(self, campo: QLineEdit) -> None:
        actual = campo.text().strip()
        inicio = str(Path(actual).parent) if actual else str(Path.home())
        ruta, _ = QFileDialog.getOpenFileName(self, self.tr("Elegir el archivo a importar"), inicio, self.tr(FILTRO))
        if ruta:
            campo.setText(ruta)

    def _actualizar(self) -> None:
        self.boton_importar.setEnabled(self._hay_archivo() and not self.trabajando)
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
        self.resumen.setText(self._leyendo)
        self._actualizar()
        self.tareas.ejecutar(*self._trabajo(), al_terminar=self._terminado, al_fallar=self._fallado,
                             al_progresar=self._avance)

    def _avance(self, hechos: int, total: int) -> None:
        if total > 0:
            self.progreso.setRange(0, total)
            self.progreso.setValue(min(hechos, total))

    def _terminado(self, resultado) -> None:
        self.trabajando = False
        self.resultado = resultado
        self.progreso.setRange(0, 1)
        self.progreso.setValue(1)
        lineas, errores, malas = self._resumir(resultado)
        if self.simular.isChecked():
            lineas.append(self.tr("Simulación: no se escribió nada."))
        if malas:
            lineas.append(self.tr("{} filas con errores no se cargaron; corríjalas y vuelva a importar el archivo: "
                                  "lo ya cargado no se duplica.").format(malas))
            if len(errores) > MAXIMO_ERRORES_VISIBLES:
                lineas.append(self.tr("Se muestran los primeros {}.").format(MAXIMO_ERRORES_VISIBLES))
        self.resumen.setText("\n".join(lineas))
        marcar(self.resumen, "estado", "aviso" if malas else "ok")
        mostrar_errores(self.errores, errores[:MAXIMO_ERRORES_VISIBLES])
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


class Abridor(QObject):
    """Opens the dialog from the menu: a bound slot of a child of the window, holding no reference
    to the window itself (a Python closure would keep it alive after «Cerrar sesión»)."""

    def __init__(self, ventana: QWidget, clase: type[QDialog], servicios: Servicios, sesion: Sesion, tareas: Tareas):
        super().__init__(ventana)
        self.clase, self.servicios, self.sesion, self.tareas = clase, servicios, sesion, tareas

    def abrir(self) -> QDialog:
        dialogo = self.clase(self.servicios, self.sesion, self.tareas, self.parent())
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogo.open()
        return dialogo


def agregar_accion_importar(ventana: QWidget, menu: QMenu, servicios: Servicios, sesion: Sesion, tareas: Tareas, *,
                            clase: type[QDialog], permiso: Accion, texto: str, nombre: str) -> QAction | None:
    """The menu entry `texto` (object name `accion<nombre>`) that opens `clase`; none for the roles
    without `permiso`, the one the import service requires."""
    if not sesion.puede(permiso):
        return None
    abridor = Abridor(ventana, clase, servicios, sesion, tareas)
    abridor.setObjectName(f"abridor{nombre}")
    accion = menu.addAction(texto)
    accion.setObjectName(f"accion{nombre}")
    accion.triggered.connect(abridor.abrir)
    return accion
