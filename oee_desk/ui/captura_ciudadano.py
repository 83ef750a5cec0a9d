"""The caller's side of the intake: find the citizen as the operator types (phone, CURP or name,
any order, no accents), see their earlier requests, or capture a new citizen."""
from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget,
)

from ..domain.peticiones import ESTATUS
from ..services import Servicios
from ..services.ciudadanos import DatosCiudadano
from ..domain.peticiones import ABIERTAS
from ..services.lista_peticiones import FilaPeticion, FiltroPeticiones
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .captura_campos import ComboBuscable, ErroresCaptura, tr
from .correspondencia_comun import EnterAvanza
from .errores import texto_error
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .tareas import Tareas

ESPERA_BUSQUEDA_MS = 250  # the same pause as the correspondence search: one query per pause, not per key
ESPERA_HISTORIAL_MS = 150  # arrowing through the list loads only the row the operator stops on
MINIMO_LETRAS = 2
LIMITE_RESULTADOS = 20
LIMITE_HISTORIAL = 50
ANCHO_MUNICIPIO = 130
# Module-level words are only marked here and translated where shown (translators load later).
INDICACION = QT_TRANSLATE_NOOP("Captura", "Escriba el teléfono, la CURP o el nombre: en cualquier orden y sin acentos.")
_CURP = re.compile(r"^[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d$")


def _peticiones(d: DatosCiudadano) -> str:
    return tr("%d de %d") % (d.peticiones_abiertas, d.peticiones_total)


def _abiertas(abiertas: int, total: int) -> str:
    return (tr("1 abierta") if abiertas == 1 else tr("%d abiertas") % abiertas) + \
        (tr(" de 1 petición") if total == 1 else tr(" de %d peticiones") % total)


def columnas_ciudadano() -> tuple[Columna, ...]:
    return (Columna(tr("Nombre"), lambda d: d.nombre_completo),
            Columna(tr("Teléfono"), lambda d: d.telefono or ""),
            Columna(tr("Municipio"), lambda d: d.municipio_nombre or ""),
            Columna(tr("Abiertas"), _peticiones, numerica=True))  # «1 de 3»: a short header leaves room for the name


def columnas_historial() -> tuple[Columna, ...]:  # no channel: the topic needs the width more
    return (Columna(tr("Folio"), lambda f: f.folio),
            Columna(tr("Recibida"), lambda f: f.fecha_recepcion.date()),
            Columna(tr("Tema"), lambda f: f.tema),
            Columna(tr("Estatus"), lambda f: tr(ESTATUS.get(f.estatus, f.estatus))))


def historial(servicios: Servicios, sesion: Sesion, d: DatosCiudadano) -> list[FilaPeticion]:
    """This citizen's petitions (by id: a namesake's never mix in), open ones first."""
    propias = servicios.lista_peticiones.pagina(sesion, FiltroPeticiones(ciudadano_id=d.id), limite=LIMITE_HISTORIAL)
    return sorted(propias, key=lambda f: f.estatus not in ABIERTAS)  # stable: newest first within each


def partes_de_busqueda(texto: str) -> dict[str, str]:
    """What the operator typed to search, as a new citizen's fields: digits are the phone, an
    18-character CURP is the CURP, words are the name (given names, then up to two surnames)."""
    palabras, digitos, datos = [], "", {}
    for parte in texto.split():
        limpia = re.sub(r"[()\-.]", "", parte)
        if limpia.isdigit() or (limpia.startswith("+") and limpia[1:].isdigit()):
            digitos += limpia
        elif _CURP.match(parte.upper()):
            datos["curp"] = parte.upper()
        else:
            palabras.append(parte)
    if digitos:
        datos["telefono"] = digitos
    if palabras:
        apellidos = palabras[1:][-2:] if len(palabras) <= 3 else palabras[-2:]
        nombre = palabras[: len(palabras) - len(apellidos)]
        datos["nombre"] = " ".join(w[:1].upper() + w[1:] for w in nombre)
        for clave, apellido in zip(("primer_apellido", "segundo_apellido"), apellidos):
            datos[clave] = apellido[:1].upper() + apellido[1:]
    return datos


class BuscadorCiudadanos(QWidget):
    """Search box, the matching citizens, and the highlighted one's history. Enter (in the box or
    the list) picks the highlighted citizen; Up/Down move through the list without leaving the box."""

    elegido = Signal(object)  # DatosCiudadano
    escribiendo = Signal()  # the search text changed: the screen shows the list again

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self._busqueda = 0  # generation of the newest search: older answers are dropped
        self._respondida = 0  # generation of the answer on screen
        self._consulta_historial = 0
        self._elegir_al_llegar = False
        self._buscado = ""  # the text of the newest search

        self.campo = QLineEdit(self, objectName="buscarCiudadano", clearButtonEnabled=True)
        self.campo.setPlaceholderText(tr("Teléfono, CURP o nombre"))
        self.campo.setToolTip(tr("↑ ↓ recorren la lista sin salir de aquí; Intro elige (Ctrl+F vuelve aquí)"))
        self._espera = QTimer(self, singleShot=True, interval=ESPERA_BUSQUEDA_MS)
        self._espera.timeout.connect(self.buscar)
        self.campo.textEdited.connect(self._editado)
        self.campo.returnPressed.connect(self.elegir)
        for tecla, paso in ((Qt.Key.Key_Down, 1), (Qt.Key.Key_Up, -1), (Qt.Key.Key_PageDown, 5),
                            (Qt.Key.Key_PageUp, -5)):
            QShortcut(QKeySequence(tecla), self.campo, context=Qt.ShortcutContext.WidgetShortcut,
                      activated=lambda p=paso: self.mover(p))
        self.estado = etiqueta(tr(INDICACION), "nota", nombre="estadoBusqueda")  # placed by the screen, beside Ctrl+N

        self.modelo = ModeloFilas(columnas_ciudadano(), self)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("resultadosCiudadanos")
        self.tabla.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_: self._espera_historial.start())
        self.tabla.activated.connect(lambda _: self.elegir())  # Enter or double click on a row
        self.titulo_historial = etiqueta(tr("Peticiones anteriores"), "subtitulo", nombre="tituloHistorial")
        self.modelo_historial = ModeloFilas(columnas_historial(), self, atenuar=lambda f: f.estatus not in ABIERTAS)
        self.tabla_historial = vista_tabla(self.modelo_historial, self)
        self.tabla_historial.setObjectName("historialCiudadano")
        self._espera_historial = QTimer(self, singleShot=True, interval=ESPERA_HISTORIAL_MS)
        self._espera_historial.timeout.connect(self.cargar_historial)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(6)
        capa.addWidget(self.tabla, 3)
        capa.addWidget(self.titulo_historial)
        capa.addWidget(self.tabla_historial, 2)

    # --- searching -----------------------------------------------------------------------------
    def _editado(self, _texto: str) -> None:
        self._elegir_al_llegar = False
        self._espera.start()
        self.escribiendo.emit()

    def buscar(self) -> None:
        self._espera.stop()
        texto = self.campo.text().strip()
        self._busqueda += 1
        self._buscado = texto
        if len(texto) < MINIMO_LETRAS:
            self._poner(self._busqueda, texto, [])
            return
        self.estado.setText(tr("Buscando…"))
        numero = self._busqueda
        self.tareas.ejecutar(self.servicios.ciudadanos.buscar, self.sesion, texto, LIMITE_RESULTADOS,
                             al_terminar=lambda r: self._poner(numero, texto, r),
                             al_fallar=lambda e: self._fallo(numero, e))

    def _poner(self, numero: int, texto: str, ciudadanos: list[DatosCiudadano]) -> None:
        if numero != self._busqueda:
            return  # the operator kept typing: this answers an older text
        self._respondida = numero
        self.modelo.poner_filas(ciudadanos)
        if ciudadanos:
            ajustar_columnas(self.tabla, estirar=(0,))
            # A long municipio («General Plutarco Elías Calles») is cut, not the caller's name.
            self.tabla.setColumnWidth(2, min(self.tabla.columnWidth(2), ANCHO_MUNICIPIO))
            self.tabla.setCurrentIndex(self.modelo.index(0, 0))
            self.estado.setText(tr("1 ciudadano; Intro lo elige.") if len(ciudadanos) == 1 else
                                tr("%d ciudadanos; ↑ ↓ e Intro para elegir.") % len(ciudadanos))
        else:
            self.modelo_historial.poner_filas([])
            self.titulo_historial.setText(tr("Peticiones anteriores"))
            self.estado.setText(tr(INDICACION) if len(texto) < MINIMO_LETRAS else
                                tr("Nadie coincide con «%s». Ctrl+N registra un ciudadano nuevo.") % texto)
        if self._elegir_al_llegar:
            self._elegir_al_llegar = False
            if ciudadanos:
                self.elegir()

    def _fallo(self, numero: int, error: BaseException) -> None:
        if numero == self._busqueda:
            self._respondida = numero
            self._elegir_al_llegar = False
            self.estado.setText(tr("No se pudo buscar: %s") % texto_error(error))

    @property
    def al_dia(self) -> bool:
        """The list answers what is in the box now (no pause running, no search in flight)."""
        return not self._espera.isActive() and self._respondida == self._busqueda \
            and self._buscado == self.campo.text().strip()

    def mover(self, paso: int) -> None:
        filas = self.modelo.rowCount()
        if not filas:
            return
        actual = self.tabla.currentIndex().row()
        fila = min(max(0, (actual if actual >= 0 else -1) + paso), filas - 1)
        self.tabla.selectionModel().setCurrentIndex(
            self.modelo.index(fila, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def seleccionado(self) -> DatosCiudadano | None:
        fila = self.tabla.currentIndex().row()
        return self.modelo.fila(fila) if 0 <= fila < self.modelo.rowCount() else None

    def elegir(self) -> None:
        """Intro: the highlighted citizen. Typed faster than the pause, the search runs now and
        the first match is taken when it arrives."""
        if self._espera.isActive() or self._buscado != self.campo.text().strip():
            self._elegir_al_llegar = True
            self.buscar()
            return
        if self._respondida != self._busqueda:  # its answer is on the way
            self._elegir_al_llegar = True
            return
        d = self.seleccionado()
        if d is not None:
            self.elegido.emit(d)

    # --- history ---------------------------------------------------------------------------------
    def cargar_historial(self) -> None:
        self._espera_historial.stop()
        d = self.seleccionado()
        self._consulta_historial += 1
        self.modelo_historial.poner_filas([])
        if d is None:
            self.titulo_historial.setText(tr("Peticiones anteriores"))
            return
        if d.enmascarado:
            self.titulo_historial.setText(tr("Peticiones anteriores: su rol no ve los datos personales"))
            return
        self.titulo_historial.setText(tr("Peticiones anteriores de %s: cargando…") % d.nombre_completo)
        numero = self._consulta_historial
        self.tareas.ejecutar(historial, self.servicios, self.sesion, d,
                             al_terminar=lambda filas: self._poner_historial(numero, d, filas),
                             al_fallar=lambda e: self._poner_historial(numero, d, None))

    def _poner_historial(self, numero: int, d: DatosCiudadano, filas: list[FilaPeticion] | None) -> None:
        if numero != self._consulta_historial:
            return
        if filas is None:
            self.titulo_historial.setText(tr("No se pudieron leer las peticiones de %s") % d.nombre_completo)
            return
        self.modelo_historial.poner_filas(filas)
        if filas:
            ajustar_columnas(self.tabla_historial, estirar=(2,))
        self.titulo_historial.setText(tr("Peticiones de %s: %s") % (
            d.nombre_completo, _abiertas(d.peticiones_abiertas, d.peticiones_total)))

    def limpiar(self) -> None:
        self._espera.stop()
        self._busqueda += 1
        self._respondida = self._busqueda
        self._consulta_historial += 1
        self._buscado = ""
        self._elegir_al_llegar = False
        self.campo.clear()
        self.modelo.poner_filas([])
        self.modelo_historial.poner_filas([])
        self.titulo_historial.setText(tr("Peticiones anteriores"))
        self.estado.setText(tr(INDICACION))


CAMPOS_CIUDADANO = (  # key of the service's problems, label
    ("ciudadano.nombre", QT_TRANSLATE_NOOP("Captura", "Nombre(s)")),
    ("ciudadano.primer_apellido", QT_TRANSLATE_NOOP("Captura", "Primer apellido")),
    ("ciudadano.segundo_apellido", QT_TRANSLATE_NOOP("Captura", "Segundo apellido")),
    ("ciudadano.telefono", QT_TRANSLATE_NOOP("Captura", "Teléfono")),
    ("ciudadano.correo", QT_TRANSLATE_NOOP("Captura", "Correo")),
    ("ciudadano.curp", QT_TRANSLATE_NOOP("Captura", "CURP")),
    ("ciudadano.municipio", QT_TRANSLATE_NOOP("Captura", "Municipio")),
    ("ciudadano.localidad", QT_TRANSLATE_NOOP("Captura", "Localidad")),
    ("ciudadano.domicilio", QT_TRANSLATE_NOOP("Captura", "Domicilio")),
)


class FormularioCiudadano(QWidget):
    """A new citizen: a name and a phone are enough; the rest when the caller gives it."""

    def __init__(self, errores: ErroresCaptura, parent: QWidget):
        super().__init__(parent, objectName="formularioCiudadano")
        self.editores: dict[str, QWidget] = {}
        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        formulario.setVerticalSpacing(5)
        campos = errores.grupo(formulario)
        self._enter = EnterAvanza(self)  # Intro goes to the next field, as in every form of the desk
        for clave, texto in ((c, tr(t)) for c, t in CAMPOS_CIUDADANO):
            if clave == "ciudadano.municipio":
                editor = ComboBuscable(self, "campo_municipio", tr("Nombre o clave INEGI"), letras=16)
            else:
                editor = QLineEdit(self)
            editor.installEventFilter(self._enter)
            self.editores[clave] = editor
            errores.agregar(campos, clave, texto, editor)
        self.editores["ciudadano.telefono"].setPlaceholderText(tr("10 dígitos"))
        self.editores["ciudadano.curp"].setMaxLength(18)
        self.aviso = QCheckBox(tr("Se le leyó y lo acepta"), self, objectName="campo_aviso")
        errores.agregar(campos, "ciudadano.acepta_aviso_privacidad", tr("Aviso de privacidad"), self.aviso,
                        "ciudadano.version_aviso")
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(etiqueta(tr("Ciudadano nuevo"), "subtitulo"))
        capa.addLayout(formulario)
        capa.addWidget(etiqueta(tr("Basta el nombre y un teléfono; lo demás, si la persona lo da. "
                                   "Esc vuelve a la búsqueda."), "nota"))
        capa.addStretch(1)

    def poner_municipios(self, municipios: list[tuple[str, str]]) -> None:
        self.editores["ciudadano.municipio"].poner_opciones(
            [(clave, f"{nombre} ({clave})") for clave, nombre in municipios])

    def editor(self, clave: str) -> QWidget:
        return self.editores[f"ciudadano.{clave}"]

    def vacio(self) -> bool:
        return not any(self._texto(k) for k in self.editores) and not self.aviso.isChecked()

    def _texto(self, clave: str) -> str:
        editor = self.editores[clave]
        return (editor.currentText() if isinstance(editor, ComboBuscable) else editor.text()).strip()

    def prellenar(self, texto: str) -> None:
        for clave, valor in partes_de_busqueda(texto).items():
            self.editor(clave).setText(valor)

    def primer_vacio(self) -> QWidget:
        """Where to type after the search filled what it could: the name and the phone come first."""
        for clave in ("nombre", "primer_apellido", "segundo_apellido", "telefono"):
            if not self._texto(f"ciudadano.{clave}"):
                return self.editor(clave)
        return self.editor("correo")

    def valores(self) -> dict:
        datos = {k.split(".", 1)[1]: self._texto(k) or None for k in self.editores}
        datos["municipio"] = self.editores["ciudadano.municipio"].valor()
        datos["acepta_aviso_privacidad"] = self.aviso.isChecked()
        return datos

    def limpiar(self) -> None:
        for clave, editor in self.editores.items():
            if isinstance(editor, ComboBuscable):
                editor.elegir(None)
            else:
                editor.clear()
        self.aviso.setChecked(False)
