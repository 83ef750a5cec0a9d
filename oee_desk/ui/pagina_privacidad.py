"""Datos personales (supervisors): duplicate citizens to merge, the log of who saw whose data, and a
citizen's rights: export everything held about them, or anonymize them on request."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from ..domain.roles import Accion
from ..services import Servicios
from ..services.ciudadanos import DatosCiudadano
from ..services.fusion import ParDuplicado
from ..services.sesion import Sesion
from .apariencia import etiqueta
from .dialogo_anonimizar import DialogoAnonimizar
from .dialogo_fusion import DialogoFusion
from .errores import mostrar_error
from .formulario import boton
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .pagina import Pagina
from .panel_accesos import PanelAccesos
from .tareas import Tareas

ESPERA_BUSQUEDA_MS = 250


def escribir_json(datos: dict, ruta: str | Path) -> Path:
    """The export as the citizen receives it: UTF-8, accents as they are, readable."""
    destino = Path(ruta)
    destino.write_text(json.dumps(datos, ensure_ascii=False, indent=2), encoding="utf-8")
    return destino


def _resumen(d: DatosCiudadano) -> str:
    partes = [d.nombre_completo, d.telefono or d.telefono_alterno, d.curp, d.municipio_nombre]
    return " · ".join(p for p in partes if p)


class PaginaPrivacidad(Pagina):
    clave = "privacidad"
    titulo = QT_TRANSLATE_NOOP("Modulos", "Datos personales")  # translated where it is shown
    requiere = Accion.VER_ACCESOS_DATOS

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(servicios, sesion, tareas, parent)
        self.dialogo = None
        self.pestanas = QTabWidget(self, objectName="pestanasPrivacidad")
        self.pestanas.addTab(self._duplicados(), self.tr("Posibles duplicados"))
        self.accesos = PanelAccesos(servicios, sesion, tareas, self)
        self.pestanas.addTab(self.accesos, self.tr("Registro de accesos"))
        self.pestanas.addTab(self._titular(), self.tr("Derechos del titular"))
        capa = self.capa_con_encabezado(
            self.tr("Datos personales"),
            self.tr("Cada consulta y exportación de los datos de un ciudadano queda registrada: quién, cuándo, de "
                    "quién y qué. Desde aquí se fusionan registros duplicados y se atienden las solicitudes de "
                    "acceso y cancelación de los titulares."))
        capa.addWidget(self.pestanas, 1)
        self._actualizar_botones()

    # --- duplicates --------------------------------------------------------------------------
    def _duplicados(self) -> QWidget:
        panel = QWidget(self)
        self.modelo_pares = ModeloFilas([
            Columna(self.tr("Registro que se conserva"), lambda p: _resumen(p.a)),
            Columna(self.tr("Posible duplicado"), lambda p: _resumen(p.b)),
            Columna(self.tr("Motivo"), lambda p: p.motivo),
        ], self)
        self.tabla_pares = vista_tabla(self.modelo_pares, panel)
        self.tabla_pares.setObjectName("tablaDuplicados")
        self.tabla_pares.selectionModel().selectionChanged.connect(self._actualizar_botones)
        self.tabla_pares.doubleClicked.connect(lambda _: self.fusionar())
        self.boton_fusionar = boton(panel, self.tr("Fusionar…"), "Ctrl+U", self.fusionar, primario=True)
        self.boton_duplicados = boton(panel, self.tr("Actualizar"), "F5", self.cargar_duplicados)
        self.estado_pares = etiqueta("", "nota", nombre="estadoDuplicados")
        botones = QHBoxLayout()
        botones.addWidget(self.boton_fusionar)
        botones.addStretch(1)
        botones.addWidget(self.boton_duplicados)
        capa = QVBoxLayout(panel)
        capa.setContentsMargins(0, 8, 0, 0)
        capa.addWidget(etiqueta(self.tr("Ciudadanos vigentes con la misma CURP, el mismo teléfono o el mismo nombre "
                                        "en el mismo municipio."), "nota"))
        capa.addLayout(botones)
        capa.addWidget(self.tabla_pares, 1)
        capa.addWidget(self.estado_pares)
        return panel

    def cargar_duplicados(self) -> None:
        self.tareas.ejecutar(self.servicios.fusion.candidatos, self.sesion, al_terminar=self._mostrar_pares,
                             al_fallar=lambda e: mostrar_error(self, e))

    def _mostrar_pares(self, pares: list[ParDuplicado]) -> None:
        self.modelo_pares.poner_filas(pares)
        ajustar_columnas(self.tabla_pares, estirar=[0, 1], maximo=420)
        self.estado_pares.setText(self.tr("Posibles duplicados: %1").replace("%1", str(len(pares))) if pares
                                  else self.tr("No hay posibles duplicados."))
        self._actualizar_botones()

    def par_elegido(self) -> ParDuplicado | None:
        filas = self.tabla_pares.selectionModel().selectedRows()
        return self.modelo_pares.fila(filas[0].row()) if filas else None

    def fusionar(self) -> None:
        par = self.par_elegido()
        if par is None:
            return
        self.dialogo = DialogoFusion(self.servicios, self.sesion, self.tareas, par.a.id, par.b.id, self)
        self.dialogo.accepted.connect(self._fusionado)
        self.dialogo.open()

    def _fusionado(self) -> None:
        self.cargar_duplicados()
        self.accesos.aplicar_filtros()
        if self.buscador.text().strip():
            self.buscar()

    # --- the citizen's rights ------------------------------------------------------------------
    def _titular(self) -> QWidget:
        panel = QWidget(self)
        self.buscador = QLineEdit(panel, clearButtonEnabled=True, objectName="buscadorTitular")
        self.buscador.setPlaceholderText(self.tr("Buscar al ciudadano por nombre, teléfono, CURP o correo"))
        self._espera = QTimer(self, singleShot=True, interval=ESPERA_BUSQUEDA_MS)
        self._espera.timeout.connect(self.buscar)
        self.buscador.textChanged.connect(lambda _: self._espera.start())
        self.buscador.returnPressed.connect(self.buscar)
        self.modelo_ciudadanos = ModeloFilas([
            Columna(self.tr("Nombre"), lambda c: c.nombre_completo),
            Columna(self.tr("Teléfono"), lambda c: c.telefono),
            Columna(self.tr("CURP"), lambda c: c.curp),
            Columna(self.tr("Municipio"), lambda c: c.municipio_nombre),
            Columna(self.tr("Peticiones"), lambda c: c.peticiones_total, numerica=True),
        ], self)
        self.tabla_ciudadanos = vista_tabla(self.modelo_ciudadanos, panel)
        self.tabla_ciudadanos.setObjectName("tablaTitulares")
        self.tabla_ciudadanos.selectionModel().selectionChanged.connect(self._actualizar_botones)
        puede = self.sesion.puede(Accion.DERECHOS_ARCO)
        self.boton_ver_accesos = boton(panel, self.tr("Ver sus accesos"), "Ctrl+L", self.ver_accesos)
        self.boton_exportar = boton(panel, self.tr("Exportar datos (derecho de acceso)…"), "Ctrl+E", self.exportar,
                                    primario=True)
        self.boton_anonimizar = boton(panel, self.tr("Anonimizar…"), "Ctrl+Shift+Del", self.anonimizar)
        self.boton_exportar.setVisible(puede)
        self.boton_anonimizar.setVisible(puede)
        self.estado_titular = etiqueta("", "nota", nombre="estadoTitular")
        botones = QHBoxLayout()
        for b in (self.boton_ver_accesos, self.boton_exportar, self.boton_anonimizar):
            botones.addWidget(b)
        botones.addStretch(1)
        capa = QVBoxLayout(panel)
        capa.setContentsMargins(0, 8, 0, 0)
        capa.addWidget(self.buscador)
        capa.addLayout(botones)
        capa.addWidget(self.tabla_ciudadanos, 1)
        capa.addWidget(self.estado_titular)
        return panel

    def buscar(self) -> None:
        self._espera.stop()
        texto = self.buscador.text()
        self.tareas.ejecutar(self.servicios.ciudadanos.buscar, self.sesion, texto,
                             al_terminar=lambda filas: self._mostrar_ciudadanos(texto, filas),
                             al_fallar=lambda e: mostrar_error(self, e))

    def _mostrar_ciudadanos(self, texto: str, filas: list[DatosCiudadano]) -> None:
        if texto != self.buscador.text():  # the operator kept typing: a newer search is coming
            return
        self.modelo_ciudadanos.poner_filas(filas)
        ajustar_columnas(self.tabla_ciudadanos, estirar=[0])
        if filas:
            self.tabla_ciudadanos.selectRow(0)
        self.estado_titular.setText(self.tr("Coincidencias: %1").replace("%1", str(len(filas))) if texto.strip()
                                    else "")
        self._actualizar_botones()

    def ciudadano_elegido(self) -> DatosCiudadano | None:
        filas = self.tabla_ciudadanos.selectionModel().selectedRows()
        return self.modelo_ciudadanos.fila(filas[0].row()) if filas else None

    def ver_accesos(self) -> None:
        c = self.ciudadano_elegido()
        if c is not None:
            self.accesos.filtrar_ciudadano((c.id, c.nombre_completo))
            self.pestanas.setCurrentWidget(self.accesos)

    def elegir_archivo(self, sugerido: str) -> str:
        """Where to save the export (tests replace this: a native dialog blocks)."""
        ruta, _ = QFileDialog.getSaveFileName(self, self.tr("Guardar los datos del ciudadano"), sugerido,
                                              self.tr("Archivo JSON (*.json)"))
        return ruta

    def exportar(self) -> None:
        c = self.ciudadano_elegido()
        if c is None:
            return
        ruta = self.elegir_archivo(str(Path.home() / f"datos_personales_{str(c.id)[:8]}.json"))
        if not ruta:
            return
        privacidad, sesion = self.servicios.privacidad, self.sesion
        self.tareas.ejecutar(lambda: escribir_json(privacidad.exportar_ciudadano(sesion, c.id), ruta),
                             al_terminar=self._exportado, al_fallar=lambda e: mostrar_error(self, e))

    def _exportado(self, ruta: Path) -> None:
        self.estado_titular.setText(self.tr("Datos exportados a %1; la exportación quedó registrada.")
                                    .replace("%1", str(ruta)))
        self.accesos.aplicar_filtros()

    def anonimizar(self) -> None:
        c = self.ciudadano_elegido()
        if c is None:
            return
        self.dialogo = DialogoAnonimizar(self.servicios, self.sesion, self.tareas, c, self)
        self.dialogo.accepted.connect(self._anonimizado)
        self.dialogo.open()

    def _anonimizado(self) -> None:
        self.estado_titular.setText(self.tr("El ciudadano fue anonimizado; sus peticiones siguen contando."))
        self.modelo_ciudadanos.poner_filas([])
        self.cargar_duplicados()
        self.accesos.aplicar_filtros()
        self._actualizar_botones()

    # --- page ----------------------------------------------------------------------------------
    def mostrar(self) -> None:
        """The log and the duplicates move on while other pages work: reload each time the page comes back."""
        if self._cargada:
            self.recargar()
        super().mostrar()

    def recargar(self) -> None:
        self.cargar_duplicados()
        self.accesos.recargar()

    def _actualizar_botones(self) -> None:
        self.boton_fusionar.setEnabled(self.par_elegido() is not None and self.sesion.puede(Accion.FUSIONAR_CIUDADANOS))
        elegido = self.ciudadano_elegido() is not None
        for b in (self.boton_ver_accesos, self.boton_exportar, self.boton_anonimizar):
            b.setEnabled(elegido)
