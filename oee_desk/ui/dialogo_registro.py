"""Registering a received matter, keyboard first: Enter moves to the next field, the sender
completes from earlier matters, Ctrl+S saves, Ctrl+Enter saves and starts the next one.

Before saving, earlier matters with the same sender and sender's number (or the same scan) are
shown so the clerk may stop a double registration; the service takes the number only on save.
"""
from __future__ import annotations

import datetime as dt
import html
from typing import Callable

from PySide6.QtCore import QDate, QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDateTimeEdit, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QPlainTextEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from ..domain.anexos import validar_archivos
from ..domain.catalogos import DESTINATARIOS
from ..domain.errores import ErrorValidacion
from ..domain.oficios import PRIORIDADES, validar_registro
from ..services import Servicios
from ..services.correspondencia import DatosOficio, Duplicado
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .campos import CamposConError
from .completar_remitente import CompletarRemitente
from .correspondencia_comun import EnterAvanza, leer_archivos, problemas_por_campo, tr
from .errores import mostrar_error
from .formulario import boton, confirmar
from .lista_anexos import ListaAnexos
from .registro_resultado import PanelResultado, enlace_a_asunto
from .tareas import Tareas

CATALOGOS_FORMULARIO = ("series-control", "tipos-documento", "series-documentales")


def _catalogos(servicios: Servicios, sesion: Sesion) -> dict:
    return {n: servicios.catalogos.listar(sesion, n, incluir_inactivos=False) for n in CATALOGOS_FORMULARIO}


def _preparar(servicios: Servicios, sesion: Sesion, datos: dict, rutas: list[str]):
    """Read and check the files once, then look for earlier copies of the same document.

    A bad file is reported together with the form's own problems (the same checks the service
    makes), so the clerk fixes everything in one pass instead of meeting them one after another."""
    archivos = leer_archivos(rutas)
    try:
        hashes = [a.sha256 for a in validar_archivos(archivos)]
    except ErrorValidacion as e:
        problemas = list(e.problemas)
        try:
            validar_registro(datos, dt.datetime.now().replace(microsecond=0))
        except ErrorValidacion as del_formulario:
            problemas = del_formulario.problemas + problemas
        raise ErrorValidacion(problemas) from None
    remitente = (datos.get("remitente") or {}).get("nombre") or None
    duplicados = servicios.correspondencia.duplicados(sesion, remitente, datos.get("numero_oficio_remitente") or None,
                                                      hashes)
    return duplicados, archivos


class DialogoRegistro(QDialog):
    registrado = Signal(object, list)  # DatosOficio, paths of the files attached to it
    turnar_pedido = Signal(str)
    ver_asunto = Signal(str)  # an earlier matter's number, from the duplicate warning's link

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None, *,
                 carpeta_anexos: Callable[[], str] = lambda: ""):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.setObjectName("dialogoRegistro")
        self.setWindowTitle(tr("Registrar correspondencia"))
        self.setMinimumWidth(720)
        self.resultado: DatosOficio | None = None
        self.caja_duplicados: QMessageBox | None = None
        self._ocupado = False
        self._otro = False
        self._destino_de_serie: dict[str, str] = {}
        self._destinatario_elegido = False  # once chosen by hand, the series no longer overrides it

        self.pila = QStackedWidget(self)
        self.pila.addWidget(self._formulario(carpeta_anexos))
        self.panel = PanelResultado(sesion, tareas, self)
        self.panel.turnar.connect(self._turnar)
        self.panel.ver.connect(self.ver_asunto)
        self.panel.otro.connect(self.nuevo)
        self.panel.cerrar.connect(self.accept)
        self.pila.addWidget(self.panel)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(self.pila)
        self.tareas.ejecutar(_catalogos, servicios, sesion, al_terminar=self._poner_catalogos,
                             al_fallar=lambda e: mostrar_error(self, e))
        self.serie.setFocus()

    # --- building ------------------------------------------------------------------------------
    def _formulario(self, carpeta_anexos) -> QWidget:
        hoja = QWidget(self)
        self.serie = QComboBox(hoja)
        self.serie.currentIndexChanged.connect(self._serie_cambiada)
        self.fecha_recepcion = QDateTimeEdit(QDateTime.currentDateTime(), hoja, calendarPopup=True)
        self.fecha_recepcion.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.nombre = QLineEdit(hoja, placeholderText=tr("Escriba para ver remitentes anteriores"))
        self.cargo = QLineEdit(hoja)
        self.institucion = QLineEdit(hoja)
        self.completar = CompletarRemitente(self.nombre, self.servicios, self.sesion, self.tareas, self)
        self.completar.elegido.connect(self._remitente_elegido)
        self.numero_oficio = QLineEdit(hoja, placeholderText=tr("Como aparece en el documento"))
        self.fecha_documento = QDateEdit(hoja, calendarPopup=True)
        self.fecha_documento.setDisplayFormat("dd/MM/yyyy")
        self.fecha_documento.setMinimumDate(QDate(2000, 1, 1))
        self.fecha_documento.setSpecialValueText(tr("Sin fecha"))  # the minimum stands for "none"
        self.destinatario = QComboBox(hoja)
        for codigo, texto in DESTINATARIOS.items():
            self.destinatario.addItem(tr(texto), codigo)
        self.destinatario.activated.connect(lambda _: setattr(self, "_destinatario_elegido", True))
        self.asunto = QPlainTextEdit(hoja)
        self.asunto.setTabChangesFocus(True)  # Tab leaves the subject; Enter starts a new line
        self.asunto.setFixedHeight(76)
        self.tipo_documento = QComboBox(hoja)
        self.prioridad = QComboBox(hoja)
        for codigo, texto in PRIORIDADES.items():
            self.prioridad.addItem(tr(texto), codigo)
        self.serie_documental = QComboBox(hoja)
        self.anexos = ListaAnexos(hoja, carpeta=carpeta_anexos)

        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        formulario.setVerticalSpacing(6)
        self.error_general = etiqueta("", "error", nombre="errorGeneral")
        self.error_general.hide()
        self.campos = CamposConError(formulario, self.error_general)
        for clave, texto, editor in (
                ("serie", tr("Serie de control"), self.serie),
                ("fecha_recepcion", tr("Recibido el"), self.fecha_recepcion),
                ("remitente.nombre", tr("Remitente"), self.nombre),
                ("remitente.cargo", tr("Cargo"), self.cargo),
                ("remitente.institucion", tr("Institución"), self.institucion),
                ("numero_oficio_remitente", tr("Número de oficio"), self.numero_oficio),
                ("fecha_documento", tr("Fecha del documento"), self.fecha_documento),
                ("destinatario", tr("Dirigido a"), self.destinatario),
                ("asunto", tr("Asunto"), self.asunto),
                ("tipo_documento", tr("Tipo de documento"), self.tipo_documento),
                ("prioridad", tr("Prioridad"), self.prioridad),
                ("serie_documental", tr("Serie documental"), self.serie_documental),
                ("anexos", tr("Anexos"), self.anexos)):
            self.campos.agregar(clave, texto, editor)
        self._enter = EnterAvanza(self)
        for editor in (self.serie, self.fecha_recepcion, self.nombre, self.cargo, self.institucion, self.numero_oficio,
                       self.fecha_documento, self.destinatario, self.tipo_documento, self.prioridad,
                       self.serie_documental):
            editor.installEventFilter(self._enter)

        self.aviso_ultimo = etiqueta("", "exito", nombre="avisoUltimo")
        self.aviso_ultimo.hide()
        self.boton_otro = boton(hoja, tr("Guardar y registrar otro"), "Ctrl+Return", lambda: self.guardar(otro=True))
        QShortcut(QKeySequence("Ctrl+Enter"), hoja, activated=lambda: self.guardar(otro=True))
        self.boton_guardar = boton(hoja, tr("Guardar"), "Ctrl+S", self.guardar, primario=True)
        self.boton_cancelar = QPushButton(tr("Cancelar"), hoja)
        self.boton_cancelar.setToolTip(tr("Cancelar (Esc)"))
        self.boton_cancelar.clicked.connect(self.reject)
        botones = QHBoxLayout()
        botones.addStretch(1)
        for b in (self.boton_otro, self.boton_guardar, self.boton_cancelar):
            b.setAutoDefault(False)  # Enter belongs to the fields (next field), never to a button
            botones.addWidget(b)

        capa = QVBoxLayout(hoja)
        capa.setContentsMargins(20, 16, 20, 14)
        capa.setSpacing(8)
        capa.addWidget(etiqueta(tr("Registrar correspondencia"), "titulo"))
        capa.addWidget(self.aviso_ultimo)
        capa.addLayout(formulario)
        capa.addWidget(self.error_general)
        capa.addStretch(1)  # spare height below the form, not between its rows
        capa.addLayout(botones)
        return hoja

    def _poner_catalogos(self, catalogos: dict) -> None:
        self.serie.blockSignals(True)
        for e in catalogos["series-control"]:
            if e["uso"] != "correspondencia":
                continue  # folios of petitions, canalization letters and tours have their own screens
            self.serie.addItem(f"{e['codigo']} — {e['nombre']}", e["codigo"])
            self._destino_de_serie[e["codigo"]] = e["destinatario"]
        self.serie.setCurrentIndex(max(0, self.serie.findData("03.01")))
        self.serie.blockSignals(False)
        for e in catalogos["tipos-documento"]:
            self.tipo_documento.addItem(e["nombre"], e["codigo"])
        self.tipo_documento.setCurrentIndex(max(0, self.tipo_documento.findData("oficio")))
        self.serie_documental.addItem(tr("Sin clasificar"), None)
        for e in catalogos["series-documentales"]:
            self.serie_documental.addItem(f"{e['codigo']} — {e['nombre']}", e["codigo"])
        self._serie_cambiada()

    def _serie_cambiada(self) -> None:
        destino = self._destino_de_serie.get(self.serie.currentData())
        if destino and not self._destinatario_elegido:
            self.destinatario.setCurrentIndex(self.destinatario.findData(destino))

    def _remitente_elegido(self, remitente: dict) -> None:
        self.cargo.setText(remitente.get("cargo") or "")
        self.institucion.setText(remitente.get("institucion") or "")
        self.numero_oficio.setFocus()

    # --- values ----------------------------------------------------------------------------------
    def valores(self) -> dict:
        documento = self.fecha_documento.date()
        return {
            "serie": self.serie.currentData(),
            "fecha_recepcion": self.fecha_recepcion.dateTime().toPython(),
            "remitente": {"nombre": self.nombre.text(), "cargo": self.cargo.text(),
                          "institucion": self.institucion.text()},
            "destinatario": self.destinatario.currentData(),
            "numero_oficio_remitente": self.numero_oficio.text(),
            "fecha_documento": None if documento == self.fecha_documento.minimumDate() else documento.toPython(),
            "asunto": self.asunto.toPlainText(),
            "tipo_documento": self.tipo_documento.currentData(),
            "prioridad": self.prioridad.currentData(),
            "serie_documental": self.serie_documental.currentData(),
        }

    def _escrito(self) -> bool:
        return any((self.nombre.text().strip(), self.asunto.toPlainText().strip(), self.numero_oficio.text().strip(),
                    self.anexos.rutas()))

    # --- saving ----------------------------------------------------------------------------------
    def guardar(self, otro: bool = False) -> None:
        if self._ocupado or self.pila.currentIndex() != 0:
            return
        self._ocupado, self._otro = True, otro
        self._habilitar(False)
        self.campos.limpiar()
        datos, rutas = self.valores(), self.anexos.rutas()
        self.tareas.ejecutar(_preparar, self.servicios, self.sesion, datos, rutas,
                             al_terminar=lambda r: self._preparado(datos, rutas, *r), al_fallar=self._fallo)

    def _preparado(self, datos: dict, rutas: list[str], duplicados: list[Duplicado], archivos) -> None:
        if not duplicados:
            self._registrar(datos, rutas, archivos)
            return
        lista = "<br>".join(f"• {enlace_a_asunto(d.numero_control)} — {html.escape(d.motivo)}" for d in duplicados)
        caja = QMessageBox(QMessageBox.Icon.Warning, tr("Posible duplicado"),
                           html.escape(tr("Ya hay asuntos registrados que parecen el mismo documento "
                                          "(clic en el número para verlo):")) + f"<br><br>{lista}<br><br>"
                           + html.escape(tr("¿Registrar este de todos modos?")), QMessageBox.StandardButton.NoButton,
                           self)
        caja.setObjectName("cajaDuplicados")
        caja.setTextFormat(Qt.TextFormat.RichText)
        # The earlier matter opens in its own window beside this one, which waits for the answer.
        texto = caja.findChild(QLabel, "qt_msgbox_label")
        texto.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        texto.linkActivated.connect(self.ver_asunto)
        si = caja.addButton(tr("Registrar de todos modos"), QMessageBox.ButtonRole.AcceptRole)
        si.setObjectName("botonRegistrarDuplicado")
        no = caja.addButton(tr("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(no)
        caja.setEscapeButton(no)
        caja.buttonClicked.connect(
            lambda b: self._registrar(datos, rutas, archivos) if b is si else self._listo())
        self.caja_duplicados = caja
        caja.open()

    def _registrar(self, datos: dict, rutas: list[str], archivos) -> None:
        self.tareas.ejecutar(self.servicios.correspondencia.registrar, self.sesion, datos, archivos,
                             al_terminar=lambda o: self._registrado(o, rutas), al_fallar=self._fallo)

    def _registrado(self, oficio: DatosOficio, rutas: list[str]) -> None:
        self._listo()
        self.resultado = oficio
        self.registrado.emit(oficio, rutas)
        if self._otro:
            self.nuevo(ultimo=oficio)
        else:
            self.panel.mostrar(oficio)
            self.pila.setCurrentIndex(1)

    def _fallo(self, error: BaseException) -> None:
        self._listo()
        if isinstance(error, ErrorValidacion):
            self.campos.mostrar(problemas_por_campo(error.problemas))
        else:
            mostrar_error(self, error)

    def _listo(self) -> None:
        self._ocupado = False
        self._habilitar(True)

    def _habilitar(self, si: bool) -> None:
        for b in (self.boton_guardar, self.boton_otro):
            b.setEnabled(si)

    # --- next one, closing -------------------------------------------------------------------------
    def nuevo(self, ultimo: DatosOficio | None = None) -> None:
        """An empty form for the next matter: series, type and classification stay as they were,
        since a batch of mail is usually alike."""
        self.campos.limpiar()
        for campo in (self.nombre, self.cargo, self.institucion, self.numero_oficio):
            campo.clear()
        self.asunto.clear()
        self.anexos.limpiar()
        self.fecha_recepcion.setDateTime(QDateTime.currentDateTime())
        self.fecha_documento.setDate(self.fecha_documento.minimumDate())
        self.prioridad.setCurrentIndex(0)
        self._destinatario_elegido = False
        self._serie_cambiada()
        if ultimo is not None:
            self.aviso_ultimo.setText(tr("Se registró %s. Capture el siguiente.") % ultimo.numero_control)
        self.aviso_ultimo.setVisible(ultimo is not None)
        self.pila.setCurrentIndex(0)
        self.nombre.setFocus()

    def _turnar(self, numero: str) -> None:
        self.turnar_pedido.emit(numero)
        self.accept()

    def reject(self) -> None:
        if self.pila.currentIndex() == 1:  # registered: closing is done, not cancelled
            self.accept()
        elif self._escrito() and not self._ocupado:
            confirmar(self, tr("Descartar captura"), tr("Lo escrito en el formulario se perderá."),
                      tr("Descartar"), super().reject)
        else:
            super().reject()
