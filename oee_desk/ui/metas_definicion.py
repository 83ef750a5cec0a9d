"""Tab «Metas del año»: the year's metas with what was programmed and achieved per period. The
supervisor defines them (new, edit, delete, copy last year's); each area captures the achieved
values of its own manual metas (metas_captura). Closed months keep their values."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QVBoxLayout, QWidget

from ..domain import metas as reglas
from ..domain.roles import Accion, Rol
from ..services import Servicios
from ..services.sesion import Sesion
from . import metas_comun
from .apariencia import etiqueta
from .dialogo_meta import DialogoMeta
from .errores import mostrar_error
from .formulario import boton, confirmar
from .metas_captura import DialogoCaptura, ModeloPeriodos
from .metas_comun import alto_justo, cifra, en_espanol, tr
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .tareas import Tareas
from .ventanas import mostrar_unica


def _fuente(m: dict) -> str:
    if m["fuente"] != "automatica":
        return tr("Captura manual")
    regla = m.get("regla") or {}
    texto = tr(reglas.CUENTAS.get(regla.get("cuenta"), regla.get("cuenta") or ""))
    return f"{texto} {regla['indicador']}" if regla.get("indicador") else texto


def _unidad(m: dict) -> str:
    unidad = tr(reglas.UNIDADES.get(m["unidad"], m["unidad"]))
    return f"{unidad}, {tr(reglas.PERIODICIDADES.get(m['periodicidad'], '')).lower()}"


def _anual(m: dict, clave: str):
    valores = m.get(clave)
    if valores is None:
        return None
    return reglas.total_anual(reglas.a_trimestres(list(valores), m["unidad"]), m["unidad"])


class PanelMetas(QWidget):
    cambiado = Signal()  # a meta was written: the report shown is no longer today's

    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, anio: Callable[[], int],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas, self.anio = servicios, sesion, tareas, anio
        self.area_propia: str | None = None
        self.dialogo = None
        self.confirmacion = None
        self._elegir: int | None = None  # meta number to reselect after a reload
        self._mensaje = ""  # what the last action did, said after the reload it causes
        define = sesion.puede(Accion.DEFINIR_METAS)

        self.boton_nueva = boton(self, tr("Nueva meta…"), QKeySequence.StandardKey.New, self.nueva, primario=True)
        self.boton_editar = boton(self, tr("Editar…"), "F2", self.editar)
        self.boton_eliminar = boton(self, tr("Eliminar"), QKeySequence.StandardKey.Delete, self.eliminar)
        self.boton_copiar = boton(self, tr("Copiar del año anterior"), "Ctrl+Shift+A", self.copiar)
        self.boton_capturar = boton(self, tr("Capturar avance…"), "Ctrl+R", self.capturar,
                                    primario=not define)
        self.boton_actualizar = boton(self, tr("Actualizar"), "F5", self.recargar)
        for b in (self.boton_nueva, self.boton_editar, self.boton_eliminar, self.boton_copiar):
            b.setVisible(define)
        self.boton_capturar.setVisible(sesion.puede(Accion.CAPTURAR_METAS))

        self.modelo = ModeloFilas([
            Columna(tr("No."), lambda m: m["numero"], numerica=True),
            Columna(tr("Descripción"), lambda m: " ".join(m["descripcion"].split())),
            Columna(tr("Área"), lambda m: m["area"]),
            Columna(tr("Unidad y periodo"), _unidad),
            Columna(tr("Fuente"), _fuente),
            Columna(tr("Programado\nanual"), lambda m: cifra(_anual(m, "programado"), m["unidad"]), numerica=True),
            Columna(tr("Alcanzado\na la fecha"), lambda m: cifra(_anual(m, "alcanzado"), m["unidad"])
                    if m["fuente"] == "manual" else tr("de los registros"), numerica=True),
        ], self, atenuar=lambda m: not self.puede_capturar(m) and not define)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaMetas")
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_: self._mostrar_elegida())
        self.tabla.activated.connect(lambda _: self.editar() if define else self.capturar())
        self.periodos = ModeloPeriodos(self)
        self.tabla_periodos = vista_tabla(self.periodos, self)
        self.tabla_periodos.setObjectName("tablaPeriodos")
        self.tabla_periodos.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tabla_periodos.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # sized to fit
        self.titulo_periodos = etiqueta(tr("Por periodo"), "subtitulo")
        self.estado = etiqueta("", "nota", nombre="estadoMetas")

        botones = QHBoxLayout()
        for b in (self.boton_nueva, self.boton_editar, self.boton_eliminar, self.boton_copiar, self.boton_capturar):
            botones.addWidget(b)
        botones.addStretch(1)
        botones.addWidget(self.boton_actualizar)
        abajo = QWidget(self)
        capa_abajo = QVBoxLayout(abajo)
        capa_abajo.setContentsMargins(0, 0, 0, 0)
        capa_abajo.addWidget(self.titulo_periodos)
        capa_abajo.addWidget(self.tabla_periodos)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 8, 0, 0)
        capa.addLayout(botones)
        capa.addWidget(self.estado)
        capa.addWidget(self.tabla, 1)
        capa.addWidget(abajo)
        self._actualizar()

    # --- loading ------------------------------------------------------------------------------
    def recargar(self) -> None:
        anio, servicios, sesion = self.anio(), self.servicios, self.sesion
        necesita_area = sesion.rol != Rol.SUPERVISOR and sesion.puede(Accion.CAPTURAR_METAS)

        def leer() -> tuple[list[dict], str | None]:
            area = servicios.usuarios.area_propia(sesion) if necesita_area else None
            return servicios.metas.listar(sesion, anio), area

        self.tareas.ejecutar(leer, al_terminar=lambda datos: self._cargadas(anio, *datos),
                             al_fallar=lambda e: mostrar_error(self, e))

    def _cargadas(self, anio: int, metas: list[dict], area: str | None) -> None:
        if anio != self.anio():  # the year changed while this was loading
            return
        self.area_propia = area
        elegida = self._elegir if self._elegir is not None else (self.elegida() or {}).get("numero")
        self._elegir = None
        self.modelo.poner_filas(metas)
        ajustar_columnas(self.tabla, estirar=[1], maximo=170)
        fila = self.modelo.buscar(lambda m: m["numero"] == elegida)
        if fila >= 0 or metas:
            self.tabla.selectRow(max(fila, 0))
        self._mostrar_elegida()
        cerrados = metas[0]["ultimo_mes_cerrado"] if metas else 0
        if metas:
            texto = tr("Metas de %1: %2.").replace("%1", str(anio)).replace("%2", str(len(metas)))
        elif self.sesion.puede(Accion.DEFINIR_METAS):
            texto = tr("%s no tiene metas: agregue una o copie las del año anterior.") % anio
        else:
            texto = tr("%s aún no tiene metas definidas por la supervisión.") % anio
        if cerrados:
            texto += " " + tr("Cerrado hasta %s: esos periodos ya no cambian.") % metas_comun.nombre_mes(cerrados)
        if self.sesion.rol != Rol.SUPERVISOR and self.sesion.puede(Accion.CAPTURAR_METAS):
            texto += " " + (tr("Usted captura las metas manuales del área «%s».") % area if area else
                            tr("Su usuario no tiene un área de metas asignada: pida a administración que la "
                               "registre en Usuarios para capturar avances."))
        self.estado.setText(" ".join(t for t in (self._mensaje, texto) if t))
        self._mensaje = ""
        self._actualizar()

    def elegida(self) -> dict | None:
        indice = self.tabla.selectionModel().currentIndex()
        return self.modelo.fila(indice.row()) if indice.isValid() else None

    def _mostrar_elegida(self) -> None:
        m = self.elegida()
        self.periodos.poner(m)
        encabezado = self.tabla_periodos.horizontalHeader()
        encabezado.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # the periods share the width
        if m is not None:
            encabezado.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            alto_justo(self.tabla_periodos)  # its three rows whole; the list of metas takes the rest
        self.titulo_periodos.setText(tr("Meta %1 por periodo").replace("%1", str(m["numero"])) if m
                                     else tr("Por periodo"))
        self._actualizar()

    def puede_capturar(self, m: dict | None) -> bool:
        """As the service says for this user (its own area's manual metas; supervisors: any)."""
        return bool(m and m["capturable"])

    def _actualizar(self) -> None:
        m = self.elegida()
        for b in (self.boton_editar, self.boton_eliminar):
            b.setEnabled(m is not None)
        self.boton_copiar.setEnabled(self.modelo.rowCount() == 0)
        self.boton_capturar.setEnabled(self.puede_capturar(m))
        if m is not None and m["fuente"] == "manual" and not self.puede_capturar(m) and self.area_propia:
            self.boton_capturar.setToolTip(tr("La meta %1 es del área «%2»; usted captura las de «%3».")
                                           .replace("%1", str(m["numero"])).replace("%2", m["area"])
                                           .replace("%3", self.area_propia))
        else:
            self.boton_capturar.setToolTip(tr("Capturar avance (Ctrl+R)"))

    # --- actions ------------------------------------------------------------------------------
    def _abrir(self, dialogo) -> None:
        dialogo.accepted.connect(lambda d=dialogo: self._guardado(d.numero_meta))
        mostrar_unica(self, "dialogo", dialogo, modal=True)

    def _guardado(self, numero: int) -> None:
        self._elegir = numero
        self.recargar()
        self.cambiado.emit()

    def nueva(self) -> DialogoMeta | None:
        if not self.sesion.puede(Accion.DEFINIR_METAS):
            return None
        self._abrir(DialogoMeta(self.servicios.metas, self.sesion, self.tareas, self.anio(), None,
                                self.modelo.filas(), self))
        return self.dialogo

    def editar(self) -> DialogoMeta | None:
        m = self.elegida()
        if m is None or not self.sesion.puede(Accion.DEFINIR_METAS):
            return None
        self._abrir(DialogoMeta(self.servicios.metas, self.sesion, self.tareas, self.anio(), m,
                                self.modelo.filas(), self))
        return self.dialogo

    def capturar(self) -> DialogoCaptura | None:
        m = self.elegida()
        if not self.puede_capturar(m):
            return None
        self._abrir(DialogoCaptura(self.servicios.metas, self.sesion, self.tareas, self.anio(), m, self))
        return self.dialogo

    def eliminar(self) -> None:
        m = self.elegida()
        if m is None or not self.sesion.puede(Accion.DEFINIR_METAS):
            return
        anio, numero, version = self.anio(), m["numero"], m["version"]
        texto = (tr("¿Eliminar la meta %1 de %2 («%3»)? Sus valores programados y alcanzados se pierden.")
                 .replace("%1", str(numero)).replace("%2", str(anio)).replace("%3", m["descripcion"][:120]))
        self.confirmacion = confirmar(self, tr("Eliminar meta"), texto, tr("Eliminar"), lambda: self.tareas.ejecutar(
            self.servicios.metas.eliminar, self.sesion, anio, numero, version,
            al_terminar=lambda _: self._guardado(-1), al_fallar=lambda e: mostrar_error(self, en_espanol(e))))

    def copiar(self) -> None:
        if not self.sesion.puede(Accion.DEFINIR_METAS):
            return
        hacia = self.anio()
        texto = (tr("¿Copiar las metas de %1 a %2? Se copian su descripción, área, unidad, periodicidad, fuente y "
                    "valores programados; los valores alcanzados quedan en blanco.")
                 .replace("%1", str(hacia - 1)).replace("%2", str(hacia)))

        def copiadas(n: int) -> None:
            self._mensaje = tr("Se copiaron %1 metas de %2.").replace("%1", str(n)).replace("%2", str(hacia - 1))
            self._guardado(-1)

        self.confirmacion = confirmar(self, tr("Copiar metas"), texto, tr("Copiar"), lambda: self.tareas.ejecutar(
            self.servicios.metas.copiar_anio, self.sesion, hacia - 1, hacia, al_terminar=copiadas,
            al_fallar=lambda e: mostrar_error(self, en_espanol(e))))
