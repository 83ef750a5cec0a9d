"""Caller-first intake for the call center: the citizen first (found as the operator types, or
captured new), then the request, all from the keyboard.

A repeat caller takes: the phone number, Intro, the channel's F-key, a few letters of the topic,
Tab, the description, Ctrl+Intro. The folio then shows large, to be read back to the caller, and
the form is empty again with the cursor in the search. The channel and the gira stay from one
request to the next: they belong to the operator's shift, not to the caller.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication, QFormLayout, QFrame, QHBoxLayout, QLineEdit, QPlainTextEdit, QStackedWidget,
    QVBoxLayout, QWidget,
)

from ..domain.errores import ErrorValidacion, Problema
from ..domain.peticiones import AREAS_INTERNAS, INDICADOR_GIRAS
from ..domain.roles import Accion
from ..services import Servicios
from ..services.ciudadanos import DatosCiudadano
from ..services.peticiones import DatosPeticion
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .captura_campos import ComboBuscable, ErroresCaptura, SelectorCanal, TeclasCanal, tr
from .captura_ciudadano import BuscadorCiudadanos, FormularioCiudadano
from .captura_folio import BandaFolio
from .errores import texto_error
from .formulario import boton
from .tareas import Tareas

LIMITE_GIRAS = 200  # the latest tours: a request is captured during or just after its tour


def _catalogos(servicios: Servicios, sesion: Sesion) -> dict:
    def activos(nombre: str):
        return servicios.catalogos.listar(sesion, nombre, incluir_inactivos=False)

    canales = sorted(activos("canales"), key=lambda e: (e["indicador"], e["orden"]))
    return {
        "canales": [{"codigo": e["codigo"], "nombre": e["nombre"], "indicador": e["indicador"]} for e in canales],
        "temas": [(e["codigo"], e["nombre"]) for e in activos("temas")],
        "municipios": [(e["clave"], e["nombre"]) for e in activos("municipios")],
        "dependencias": [(e["codigo"], e["nombre"]) for e in activos("dependencias")],
        "giras": [(g.clave, f"{g.clave} · {g.fecha:%d/%m/%Y} · {g.municipio_nombre} — {g.evento}")
                  for g in servicios.giras.listar(sesion, limite=LIMITE_GIRAS)],
    }


class CapturaPeticion(QWidget):
    registrada = Signal(object)  # DatosPeticion, after each save

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.setObjectName("capturaPeticion")
        self.puede_registrar = sesion.puede(Accion.REGISTRAR_PETICIONES)
        self.ciudadano: DatosCiudadano | None = None  # the caller picked from the list
        self.es_nuevo = False  # the caller is captured in the new-citizen form instead
        self.ultima: DatosPeticion | None = None
        self._ocupado = False
        self._teclas: TeclasCanal | None = None

        self.error_general = etiqueta("", "error", nombre="errorCaptura")
        self.error_general.hide()
        self.errores = ErroresCaptura(self.error_general)
        self.buscador = BuscadorCiudadanos(servicios, sesion, tareas, self)
        self.buscador.elegido.connect(self.elegir_ciudadano)
        self.buscador.escribiendo.connect(self._buscando)
        self.boton_nuevo = boton(self, tr("Nuevo ciudadano (Ctrl+N)"), "Ctrl+N", self.nuevo_ciudadano)
        self.boton_nuevo.setObjectName("botonNuevoCiudadano")
        self.boton_nuevo.setEnabled(self.puede_registrar)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.enfocar_busqueda)

        self.canal = SelectorCanal(self)
        self.canal.cambiado.connect(self._canal_cambiado)
        self.tema = ComboBuscable(self, "campo_tema", tr("Escriba parte del tema"))
        self.descripcion = QPlainTextEdit(self, objectName="campo_descripcion")
        self.descripcion.setTabChangesFocus(True)  # Tab leaves; Intro starts a new line
        self.descripcion.setFixedHeight(84)
        self.descripcion.setPlaceholderText(tr("Lo que pide la persona, en sus palabras"))
        self.apoyo = QLineEdit(self, objectName="campo_apoyo", placeholderText=tr("Opcional"))
        self.gira = ComboBuscable(self, "campo_gira", tr("Solo para el canal Giras Gobernador"))
        self.canalizacion = ComboBuscable(self, "campo_canalizacion", tr("Área interna o siglas de la dependencia"))
        self.boton_guardar = boton(self, tr("Guardar y siguiente (Ctrl+Intro)"), "Ctrl+Return", self.guardar,
                                   primario=True)
        self.boton_guardar.setObjectName("botonGuardarPeticion")
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.guardar)  # the keypad's Intro too
        for b, atajo in ((self.boton_nuevo, "Ctrl+N"), (self.boton_guardar, tr("Ctrl+Intro"))):
            b.setAutoDefault(False)
            b.setToolTip(f"{b.text().split(' (')[0]} ({atajo})")  # the key is in the text already

        self._armar()
        self._aplicar_permisos()
        self._canal_cambiado()
        self.recargar()
        self.buscador.campo.setFocus()

    # --- building ----------------------------------------------------------------------------
    def _armar(self) -> None:
        self.banda = BandaFolio(self)
        self.folio, self.aviso_duplicado = self.banda.folio, self.banda.aviso_duplicado

        busqueda = QFormLayout()
        busqueda.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        campos_busqueda = self.errores.grupo(busqueda)
        self.errores.agregar(campos_busqueda, "ciudadano", tr("Ciudadano"), self.buscador.campo, "ciudadano_id")
        # Made after the search row, so that its fields come after it in the list of what to fix.
        self.formulario = FormularioCiudadano(self.errores, self)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.formulario, activated=self.volver_a_buscar,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # The button under the search, not beside it: the search box gets the whole width.
        estado = QHBoxLayout()
        estado.addWidget(self.buscador.estado, 1)
        estado.addWidget(self.boton_nuevo, 0, Qt.AlignmentFlag.AlignTop)
        self.pila = QStackedWidget(self)
        self.pila.addWidget(self.buscador)
        self.pila.addWidget(self.formulario)
        izquierda = QVBoxLayout()
        izquierda.addLayout(busqueda)
        izquierda.addLayout(estado)
        izquierda.addWidget(self.pila, 1)

        self.para = etiqueta("", "subtitulo", nombre="paraCiudadano")
        # The channels take the whole width, their name above them: beside a label column the
        # nine of them would not fit next to the caller's side at 1280 px.
        formulario_canal = QFormLayout()
        formulario_canal.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.errores.agregar(self.errores.grupo(formulario_canal), "canal",
                             tr("Canal (F1 a F9 desde cualquier campo)"), self.canal)
        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        formulario.setVerticalSpacing(6)
        campos = self.errores.grupo(formulario)
        self.nota_gira = etiqueta("", "nota", nombre="notaGira")
        for clave, texto, editor, otros, debajo in (
                ("tema", tr("Tema"), self.tema, (), None),
                ("descripcion", tr("Descripción"), self.descripcion, (), None),
                ("apoyo_solicitado", tr("Apoyo solicitado"), self.apoyo, (), None),
                ("gira", tr("Gira"), self.gira, (), self.nota_gira),
                ("canalizacion", tr("Canalizar a"), self.canalizacion,
                 ("canalizacion.tipo", "canalizacion.destino", "canalizacion.nota"), None)):
            self.errores.agregar(campos, clave, texto, editor, *otros, debajo=debajo)
        self.hoja_peticion = derecha_hoja = QFrame(self, objectName="hojaPeticion")
        derecha = QVBoxLayout(derecha_hoja)
        derecha.setContentsMargins(16, 0, 0, 0)
        derecha.addWidget(self.para)
        derecha.addLayout(formulario_canal)
        derecha.addLayout(formulario)
        derecha.addWidget(self.error_general)
        derecha.addStretch(1)
        botones = QHBoxLayout()
        botones.addStretch(1)
        botones.addWidget(self.boton_guardar)
        derecha.addLayout(botones)

        cuerpo = QHBoxLayout()
        cuerpo.setSpacing(12)
        cuerpo.addLayout(izquierda, 11)
        cuerpo.addWidget(derecha_hoja, 10)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(4, 8, 4, 4)  # inside a tab, whose frame already has a margin
        capa.setSpacing(10)
        self.solo_consulta = etiqueta(tr("Solo consulta: su rol busca ciudadanos y ve sus peticiones, "
                                         "pero no las registra."), "aviso", nombre="soloConsulta")
        capa.addWidget(self.banda)
        capa.addWidget(self.solo_consulta)
        capa.addLayout(cuerpo, 1)
        self._actualizar_para()

    def _aplicar_permisos(self) -> None:
        """Read-only roles search and see the history, with the whole width for it: the petition's
        side is off and out of sight (the service refuses anyway). Canalizing is a right of its
        own (the field staff's role lacks it)."""
        for w in (self.canal, self.tema, self.descripcion, self.apoyo, self.gira, self.canalizacion,
                  self.boton_guardar):
            w.setEnabled(self.puede_registrar)
        for w in (self.banda, self.hoja_peticion, self.boton_nuevo):
            w.setVisible(self.puede_registrar)
        self.solo_consulta.setVisible(not self.puede_registrar)
        if not self.sesion.puede(Accion.CANALIZAR_PETICIONES):
            self.canalizacion.setEnabled(False)
            self.canalizacion.setToolTip(tr("Su rol no canaliza peticiones"))

    def _orden_tab(self) -> None:
        cadena = [self.buscador.campo, self.buscador.tabla, self.boton_nuevo,
                  *self.formulario.editores.values(), self.formulario.aviso, *self.canal.botones,
                  self.tema, self.descripcion, self.apoyo, self.gira, self.canalizacion, self.boton_guardar,
                  self.buscador.tabla_historial]
        for antes, despues in zip(cadena, cadena[1:]):
            QWidget.setTabOrder(antes, despues)
        # F1…F9 choose the channel from any field, and from the completers' lists while open.
        self._teclas = self._teclas or TeclasCanal(self.canal, self._canal_por_tecla, self)
        for w in (*cadena, *(c.completer().popup() for c in self.findChildren(ComboBuscable))):
            w.removeEventFilter(self._teclas)
            w.installEventFilter(self._teclas)

    # --- catalogs ----------------------------------------------------------------------------
    def recargar(self) -> None:
        """Read the catalogs and the latest giras (the page may call this when shown again)."""
        self.tareas.ejecutar(_catalogos, self.servicios, self.sesion, al_terminar=self._poner_catalogos,
                             al_fallar=lambda e: self.errores.mostrar_general(texto_error(e)))

    def _poner_catalogos(self, cat: dict) -> None:
        self.canal.poner_canales(cat["canales"])
        self.tema.poner_opciones(cat["temas"])
        self.formulario.poner_municipios(cat["municipios"])
        self.gira.poner_opciones(cat["giras"], busqueda_extra=False)
        self.canalizacion.poner_opciones(
            [(None, tr("Sin canalizar"))]
            + [(f"area_interna:{c}", tr("Área interna: %s") % n) for c, n in AREAS_INTERNAS.items()]
            + [(f"dependencia:{c}", f"{c} — {n}") for c, n in cat["dependencias"]], busqueda_extra=False)
        self._aplicar_permisos()
        self._canal_cambiado()
        self._orden_tab()

    # --- the caller ------------------------------------------------------------------------------
    def enfocar_busqueda(self) -> None:
        if self.pila.currentWidget() is not self.buscador:
            self.volver_a_buscar()
        self.buscador.campo.setFocus()
        self.buscador.campo.selectAll()

    def _buscando(self) -> None:
        # Typing a search means looking for someone on the list, not filling the new-citizen form
        # (what was typed in it stays for Ctrl+N).
        if self.es_nuevo:
            self.es_nuevo = False
            self.pila.setCurrentWidget(self.buscador)
            self._actualizar_para()

    def elegir_ciudadano(self, ciudadano: DatosCiudadano) -> None:
        self.ciudadano, self.es_nuevo = ciudadano, False
        self.pila.setCurrentWidget(self.buscador)
        self.errores.limpiar()
        self._actualizar_para()
        # Choosing the caller opens their record: logged as a view of personal data (the list
        # alone is not). In the background, so the operator's next keys are not held up; the
        # list already showed what this returns, so a failure here has nothing to withdraw.
        self.tareas.ejecutar(self.servicios.ciudadanos.obtener, self.sesion, ciudadano.id,
                             motivo="captura de petición", al_terminar=self._ciudadano_abierto,
                             al_fallar=lambda _e: None)
        if not self.puede_registrar:
            self.buscador.tabla_historial.setFocus()  # all there is to do: read the history
            return
        if self.canal.codigo() is None:
            self.canal.enfocar()
        else:
            self.tema.setFocus()

    def _ciudadano_abierto(self, ciudadano: DatosCiudadano) -> None:
        if self.ciudadano is not None and self.ciudadano.id == ciudadano.id:
            self.ciudadano = ciudadano
            self._actualizar_para()

    def nuevo_ciudadano(self) -> None:
        if not self.puede_registrar:
            return
        self.ciudadano, self.es_nuevo = None, True
        self.errores.limpiar()
        if self.formulario.vacio():
            self.formulario.prellenar(self.buscador.campo.text())
        self.pila.setCurrentWidget(self.formulario)
        self._actualizar_para()
        self.formulario.primer_vacio().setFocus()

    def volver_a_buscar(self) -> None:
        self.es_nuevo = False
        self.pila.setCurrentWidget(self.buscador)
        self._actualizar_para()
        self.buscador.campo.setFocus()

    def _actualizar_para(self) -> None:
        if self.es_nuevo:
            texto = tr("Petición de un ciudadano nuevo (sus datos a la izquierda)")
        elif self.ciudadano is not None:
            d = self.ciudadano
            texto = tr("Petición de %s") % " · ".join(filter(None, (d.nombre_completo, d.telefono,
                                                                    d.municipio_nombre)))
        else:
            texto = tr("Elija a la persona (Intro) o registre una nueva (Ctrl+N)")
        self.para.setText(texto)

    # --- the request -----------------------------------------------------------------------------
    def _canal_por_tecla(self) -> None:
        if self.canal.contiene_foco(QApplication.focusWidget()):
            self.tema.setFocus()  # the channel was the question; the topic is the next one

    def _canal_cambiado(self) -> None:
        de_gira = self.canal.indicador() == INDICADOR_GIRAS
        self.gira.setEnabled(self.puede_registrar and de_gira)
        self.nota_gira.setText(tr("Obligatoria en el canal Giras Gobernador.") if de_gira else
                               tr("Solo en el canal Giras Gobernador."))

    def valores(self) -> dict:
        datos = {"canal": self.canal.codigo(), "tema": self.tema.valor(),
                 "descripcion": self.descripcion.toPlainText(), "apoyo_solicitado": self.apoyo.text() or None}
        if self.gira.isEnabled():
            datos["gira"] = self.gira.valor()
        destino = self.canalizacion.valor() if self.canalizacion.isEnabled() else None
        if destino:
            tipo, _, codigo = destino.partition(":") if destino.startswith(("area_interna:", "dependencia:")) \
                else ("dependencia", "", destino)  # typed and matching nothing: the service names it
            datos["canalizacion"] = {"tipo": tipo, "destino": codigo}
        if self.es_nuevo:
            datos["ciudadano"] = self.formulario.valores()
        elif self.ciudadano is not None:
            datos["ciudadano_id"] = str(self.ciudadano.id)
        return datos

    def guardar(self) -> None:
        if self._ocupado or not self.puede_registrar:
            return
        self._ocupado = True
        self.boton_guardar.setEnabled(False)  # one save at a time: no double folio
        self.errores.limpiar()
        for combo in self.findChildren(ComboBuscable):
            combo.tomar_mejor()  # saved from inside a combo (no Tab yet): show what is sent
        self.tareas.ejecutar(self.servicios.peticiones.registrar, self.sesion, self.valores(),
                             al_terminar=self._registrada, al_fallar=self._fallo)

    def _listo(self) -> None:
        self._ocupado = False
        self.boton_guardar.setEnabled(self.puede_registrar)

    def _fallo(self, error: BaseException) -> None:
        self._listo()
        if isinstance(error, ErrorValidacion):
            # The service's words name its JSON fields; here the operator is told what to press.
            sin_ciudadano = Problema("ciudadano", tr("elija a la persona en la lista (Intro) o registre una nueva "
                                                     "(Ctrl+N)"))
            self.errores.mostrar([sin_ciudadano if p.campo == "ciudadano" else p for p in error.problemas])
        else:  # a lost connection, a refusal: said here, and everything typed stays
            self.errores.mostrar_general(texto_error(error))

    def _registrada(self, peticion: DatosPeticion) -> None:
        self._listo()
        self.ultima = peticion
        self.banda.mostrar(peticion)
        self.registrada.emit(peticion)
        self.siguiente()

    def siguiente(self) -> None:
        """An empty form for the next caller, the cursor in the search."""
        self.ciudadano, self.es_nuevo = None, False
        self.buscador.limpiar()
        self.formulario.limpiar()
        self.pila.setCurrentWidget(self.buscador)
        self.tema.elegir(None)
        self.descripcion.clear()
        self.apoyo.clear()
        self.canalizacion.elegir(None)
        self.errores.limpiar()
        self._actualizar_para()
        self.buscador.campo.setFocus()

    def showEvent(self, evento: QShowEvent) -> None:
        # Shown again (its tab chosen): the cursor goes where the next call starts.
        super().showEvent(evento)
        foco = QApplication.focusWidget()
        if foco is None or not self.isAncestorOf(foco):
            self.buscador.campo.setFocus()
