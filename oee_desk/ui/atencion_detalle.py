"""One petition in full: its data, the citizen (masked for roles without personal-data rights, as
the service sends it), and tabs for the seguimientos timeline and the canalizaciones, with the
actions of the desk: follow-up, canalize, annul (supervision), and the printed papers.

Not modal: the operator keeps the callbacks queue at hand while a petition is open.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from ..domain.roles import Accion
from ..services import Servicios
from ..services.peticiones import DatosCanalizacion, DatosPeticion
from ..services.sesion import Sesion
from . import atencion_documentos as documentos
from .apariencia import etiqueta
from .atencion_comun import estatus_texto, luz, luz_detalle, luz_texto, resultado_texto, tr
from .atencion_modelos import ModeloCanalizaciones, ModeloSeguimientos
from .correspondencia_comun import COLORES, GRIS
from .dialogo_canalizacion import DialogoCanalizacion
from .dialogo_seguimiento import DialogoSeguimiento
from .errores import mostrar_error
from .formulario import CampoFormulario, DialogoFormulario, boton, confirmar
from .modelos_tabla import ajustar_columnas, vista_tabla
from .tareas import Tareas
from .ventanas import mostrar_unica

CERRADAS = ("anulada", "concluida")  # no follow-up nor canalization is accepted any more
ANCHO_ROTULO = 130  # px: «Apoyo solicitado:», the longest label of the first column
SIN_DOCUMENTOS = "El módulo de documentos de Atención Ciudadana no está instalado en esta versión."


def _valor(parent: QWidget, nombre: str) -> QLabel:
    label = QLabel(parent, objectName=nombre)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _ficha(parent: QWidget, filas: list[tuple], anchas: list[tuple[str, QLabel]]) -> QGridLayout:
    """Label/value pairs two to a row, then the long texts across the whole width."""
    rejilla = QGridLayout()
    rejilla.setHorizontalSpacing(10)
    rejilla.setVerticalSpacing(4)
    rejilla.setColumnStretch(1, 1)
    rejilla.setColumnStretch(3, 1)
    # The same label widths in every block, so the petition's and the citizen's values line up.
    rejilla.setColumnMinimumWidth(0, ANCHO_ROTULO)
    rejilla.setColumnMinimumWidth(2, ANCHO_ROTULO + 16)
    for fila, pares in enumerate(filas):
        for columna, w in enumerate(pares):
            if isinstance(w, str):
                rejilla.addWidget(etiqueta(w, "nota", ajustar=False), fila, columna, Qt.AlignmentFlag.AlignTop)
            elif w is not None:
                rejilla.addWidget(w, fila, columna, Qt.AlignmentFlag.AlignTop)
    for i, (texto, w) in enumerate(anchas, start=len(filas)):
        rejilla.addWidget(etiqueta(texto, "nota", ajustar=False), i, 0, Qt.AlignmentFlag.AlignTop)
        rejilla.addWidget(w, i, 1, 1, 3)
    return rejilla


class DialogoPeticion(QDialog):
    cambiado = Signal(str)  # the folio, after anything was written

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, folio: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.folio = folio
        self.peticion: DatosPeticion | None = None
        self.dialogo: QDialog | None = None
        self.confirmacion = None  # the «¿Anular?» box, while it is open
        self.setObjectName("dialogoPeticion")
        self.setWindowTitle(tr("Petición %s") % folio)
        self.resize(1040, 740)

        self.titulo = etiqueta(folio, "titulo", nombre="folioPeticion", ajustar=False)
        self.luz = etiqueta("", nombre="semaforoPeticion", ajustar=False)
        self.aviso = etiqueta("", "error", nombre="avisoAnulada")
        self.aviso.hide()
        nombres = ("recibida", "canal", "tema", "gira", "vence", "proxima", "operador", "resultado", "descripcion",
                   "apoyo", "nombre", "telefonos", "correo", "curp", "domicilio", "lugar", "aviso_privacidad")
        self.valores = {n: _valor(self, n) for n in nombres}
        v = self.valores
        self.enmascarado = etiqueta(tr("Sus permisos no incluyen los datos personales: se muestran ocultos."),
                                    "aviso", nombre="avisoEnmascarado")
        self.enmascarado.hide()

        self.seguimientos = ModeloSeguimientos(self)
        self.tabla_seguimientos = vista_tabla(self.seguimientos, self)
        self.tabla_seguimientos.setObjectName("tablaSeguimientos")
        self.canalizaciones = ModeloCanalizaciones(self)
        self.tabla_canalizaciones = vista_tabla(self.canalizaciones, self)
        self.tabla_canalizaciones.setObjectName("tablaCanalizaciones")
        self.tabla_canalizaciones.selectionModel().selectionChanged.connect(lambda *_: self._actualizar())
        self.boton_oficio = boton(self, tr("Oficio de canalización"), "Ctrl+Shift+O", self.imprimir_oficio)
        pestana_canal = QWidget(self)
        capa_canal = QVBoxLayout(pestana_canal)
        capa_canal.setContentsMargins(8, 8, 8, 8)
        capa_canal.addWidget(self.tabla_canalizaciones, 1)
        fila_oficio = QHBoxLayout()
        fila_oficio.addWidget(self.boton_oficio)
        fila_oficio.addStretch(1)
        capa_canal.addLayout(fila_oficio)
        self.pestanas = QTabWidget(self, objectName="pestanasPeticion")
        self.pestanas.addTab(self.tabla_seguimientos, tr("Seguimientos"))
        self.pestanas.addTab(pestana_canal, tr("Canalizaciones"))

        self.boton_seguimiento = boton(self, tr("Agregar seguimiento…"), "Ctrl+N", self.agregar_seguimiento,
                                       primario=True)
        self.boton_canalizar = boton(self, tr("Canalizar…"), "Ctrl+Shift+C", self.canalizar)
        self.boton_acuse = boton(self, tr("Imprimir acuse"), "Ctrl+P", self.imprimir_acuse)
        self.boton_anular = boton(self, tr("Anular…"), "Ctrl+Shift+A", self.anular)
        self.boton_anular.setVisible(sesion.puede(Accion.ANULAR_PETICIONES))
        self.boton_actualizar = boton(self, tr("Actualizar"), "F5", self.recargar)
        self.boton_cerrar = QPushButton(tr("Cerrar"), self)
        self.boton_cerrar.setToolTip(tr("Cerrar (Esc)"))
        self.boton_cerrar.clicked.connect(self.close)

        cabeza = QHBoxLayout()
        cabeza.addWidget(self.titulo)
        cabeza.addSpacing(12)
        cabeza.addWidget(self.luz)
        cabeza.addStretch(1)
        pie = QHBoxLayout()
        for b in (self.boton_seguimiento, self.boton_canalizar, self.boton_acuse, self.boton_anular):
            pie.addWidget(b)
        pie.addStretch(1)
        pie.addWidget(self.boton_actualizar)
        pie.addWidget(self.boton_cerrar)
        for b in self.findChildren(QPushButton):
            b.setAutoDefault(False)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 14, 20, 12)
        capa.setSpacing(8)
        capa.addLayout(cabeza)
        capa.addWidget(self.aviso)
        capa.addLayout(_ficha(self, [
            (tr("Recibida:"), v["recibida"], tr("Canal:"), v["canal"]),
            (tr("Tema:"), v["tema"], tr("Gira:"), v["gira"]),
            (tr("Vence:"), v["vence"], tr("Próxima llamada:"), v["proxima"]),
            (tr("Registró:"), v["operador"], tr("Resultado:"), v["resultado"]),
        ], [(tr("Descripción:"), v["descripcion"]), (tr("Apoyo solicitado:"), v["apoyo"])]))
        capa.addWidget(etiqueta(tr("Ciudadano"), "subtitulo"))
        capa.addWidget(self.enmascarado)
        capa.addLayout(_ficha(self, [
            (tr("Nombre:"), v["nombre"], tr("Teléfono:"), v["telefonos"]),
            (tr("Correo:"), v["correo"], tr("CURP:"), v["curp"]),
            (tr("Municipio:"), v["lugar"], tr("Aviso de privacidad:"), v["aviso_privacidad"]),
        ], [(tr("Domicilio:"), v["domicilio"])]))
        capa.addWidget(self.pestanas, 1)
        capa.addLayout(pie)
        self._actualizar()
        self.recargar()

    # --- loading ---------------------------------------------------------------------------------
    def recargar(self) -> None:
        self.tareas.ejecutar(self.servicios.peticiones.obtener, self.sesion, self.folio,
                             al_terminar=self.poner, al_fallar=lambda e: mostrar_error(self, e))

    def poner(self, p: DatosPeticion) -> None:
        self.peticion = p
        self.folio = p.folio
        self.setWindowTitle(tr("Petición %s") % p.folio)
        self.titulo.setText(p.folio)
        v, c = self.valores, p.ciudadano
        v["recibida"].setText(p.fecha_recepcion.strftime("%d/%m/%Y %H:%M"))
        v["canal"].setText(p.canal_nombre)
        v["tema"].setText(p.tema_nombre)
        v["gira"].setText(p.gira or "—")
        v["vence"].setText(p.fecha_limite.strftime("%d/%m/%Y"))
        v["proxima"].setText(p.proxima_llamada.strftime("%d/%m/%Y") if p.proxima_llamada else "—")
        v["operador"].setText(p.operador)
        v["resultado"].setText(resultado_texto(p.resultado) or "—")
        v["descripcion"].setText(p.descripcion)
        v["apoyo"].setText(p.apoyo_solicitado or "—")
        v["nombre"].setText(c.nombre_completo or "—")
        v["telefonos"].setText(" · ".join(filter(None, (c.telefono, c.telefono_alterno))) or "—")
        v["correo"].setText(c.correo or "—")
        v["curp"].setText(c.curp or "—")
        v["lugar"].setText(", ".join(filter(None, (c.localidad, c.municipio_nombre))) or "—")
        v["domicilio"].setText(c.domicilio or "—")
        v["aviso_privacidad"].setText(tr("Aceptado (versión %s)") % c.version_aviso if c.acepta_aviso_privacidad
                                      else tr("No aceptado"))
        self.enmascarado.setVisible(c.enmascarado)
        self._poner_luz(p)
        self.aviso.setText(tr("Petición anulada. Motivo: %s") % (p.motivo_anulacion or ""))
        self.aviso.setVisible(p.estatus == "anulada")
        self.seguimientos.poner_filas(p.seguimientos)
        ajustar_columnas(self.tabla_seguimientos, estirar=[4], maximo=240)
        if p.seguimientos:
            self.tabla_seguimientos.scrollToBottom()  # the newest is the last: that is what one looks for
        self.canalizaciones.poner_filas(p.canalizaciones)
        ajustar_columnas(self.tabla_canalizaciones, estirar=[4], maximo=250)
        if p.canalizaciones:
            self.tabla_canalizaciones.selectRow(len(p.canalizaciones) - 1)
        self.pestanas.setTabText(0, tr("Seguimientos (%s)") % len(p.seguimientos))
        self.pestanas.setTabText(1, tr("Canalizaciones (%s)") % len(p.canalizaciones))
        self._actualizar()

    def _poner_luz(self, p: DatosPeticion) -> None:
        clave = luz(p.semaforo)
        texto = estatus_texto(p.estatus) + (f" · {luz_texto(p.semaforo)}" if clave else "")
        color = COLORES[clave].name() if clave else ("#1e6b34" if p.estatus == "concluida" else GRIS.name())
        self.luz.setText(f"● {texto}")
        self.luz.setToolTip(luz_detalle(p.semaforo))
        self.luz.setStyleSheet(f"color: {color}; font-weight: bold; font-size: 11pt;")

    def canalizacion_elegida(self) -> DatosCanalizacion | None:
        filas = self.tabla_canalizaciones.selectionModel().selectedRows()
        return self.canalizaciones.fila(filas[0].row()) if filas else None

    def _actualizar(self) -> None:
        p = self.peticion
        abierta = p is not None and p.estatus not in CERRADAS
        hay_documentos = documentos.disponible()
        self.boton_seguimiento.setEnabled(abierta and self.sesion.puede(Accion.SEGUIR_PETICIONES))
        self.boton_canalizar.setEnabled(abierta and self.sesion.puede(Accion.CANALIZAR_PETICIONES))
        self.boton_anular.setEnabled(p is not None and p.estatus != "anulada"
                                     and self.sesion.puede(Accion.ANULAR_PETICIONES))
        self.boton_acuse.setEnabled(p is not None and hay_documentos)
        elegida = self.canalizacion_elegida()
        self.boton_oficio.setEnabled(hay_documentos and elegida is not None and bool(elegida.numero_oficio))
        for b in (self.boton_acuse, self.boton_oficio):
            if not hay_documentos:
                b.setToolTip(tr(SIN_DOCUMENTOS))
        if not self.sesion.puede(Accion.SEGUIR_PETICIONES):
            self.boton_seguimiento.setToolTip(tr("Su rol no registra seguimientos"))
        if not self.sesion.puede(Accion.CANALIZAR_PETICIONES):
            self.boton_canalizar.setToolTip(tr("Su rol no canaliza peticiones"))

    def _cambio(self, p: DatosPeticion) -> None:
        self.poner(p)
        self.cambiado.emit(p.folio)

    # --- actions -------------------------------------------------------------------------------
    def agregar_seguimiento(self) -> DialogoSeguimiento | None:
        if not self.boton_seguimiento.isEnabled() or self.peticion is None:
            return None
        dialogo = DialogoSeguimiento(self.servicios, self.sesion, self.tareas, self.peticion, self)
        dialogo.agregado.connect(self._cambio)
        return self._abrir(dialogo)

    def canalizar(self) -> DialogoCanalizacion | None:
        if not self.boton_canalizar.isEnabled() or self.peticion is None:
            return None
        dialogo = DialogoCanalizacion(self.servicios, self.sesion, self.tareas, self.peticion, self)
        dialogo.canalizada.connect(self._canalizada)
        return self._abrir(dialogo)

    def _canalizada(self, p: DatosPeticion) -> None:
        self._cambio(p)
        self.pestanas.setCurrentIndex(1)  # where its oficio number shows, ready to print

    def _abrir(self, dialogo: QDialog) -> QDialog:
        return mostrar_unica(self, "dialogo", dialogo, modal=True)

    def anular(self) -> DialogoFormulario | None:
        if not self.boton_anular.isEnabled() or self.peticion is None:
            return None
        folio, servicio = self.peticion.folio, self.servicios.peticiones
        dialogo = DialogoFormulario(
            tr("Anular %s") % folio, [CampoFormulario("motivo", tr("Motivo de la anulación"))],
            lambda valores: servicio.anular(self.sesion, folio, valores["motivo"]), self.tareas, self,
            texto_guardar=tr("Anular petición"),
            explicacion=tr("El folio %s queda anulado con su motivo y deja de contar en las metas. "
                           "Esta acción no se puede deshacer.") % folio)
        dialogo.setObjectName("dialogoAnular")
        # Confirmed first; without a reason the service's complaint goes straight under the field.
        dialogo.botones.accepted.disconnect()
        dialogo.botones.accepted.connect(lambda: self._confirmar_anulacion(dialogo, folio))
        dialogo.accepted.connect(lambda d=dialogo: self._cambio(d.resultado))
        return self._abrir(dialogo)

    def _confirmar_anulacion(self, dialogo: DialogoFormulario, folio: str) -> None:
        motivo = dialogo.valores()["motivo"].strip()
        if not motivo:
            dialogo.guardar()
            return
        self.confirmacion = confirmar(dialogo, tr("Anular %s") % folio,
                                      tr("¿Anular la petición %s?\n\nMotivo: %s") % (folio, motivo),
                                      tr("Anular"), dialogo.guardar)

    def imprimir_acuse(self) -> None:
        if self.peticion is not None and self.boton_acuse.isEnabled():
            documentos.imprimir_acuse(self, self.tareas, self.peticion, self.sesion.nombre_completo)

    def imprimir_oficio(self) -> None:
        elegida = self.canalizacion_elegida()
        if self.peticion is not None and elegida is not None and self.boton_oficio.isEnabled():
            documentos.imprimir_oficio(self, self.tareas, self.peticion, elegida, self.sesion.nombre_completo)
