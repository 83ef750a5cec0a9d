"""What the citizen-attention screens share: Spanish words for stored codes, the petition's
semáforo as a colour, a combo box that finds an option by any piece of its name, and the read-only
look-ups the filters and forms fill themselves with (run them through the task runner)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ..domain import peticiones as reglas
from ..domain.roles import Accion
from ..domain.semaforo import Estado, Semaforo
from ..domain.texto import normalizar
from ..services import Servicios
from ..services.sesion import Sesion
from .correspondencia_comun import COLORES, FONDOS

ROL_BUSQUEDA = Qt.ItemDataRole.UserRole + 5  # the item's text and its accent-free copy, for type-ahead


def tr(texto: str) -> str:
    return QCoreApplication.translate("Atencion", texto)


def estatus_texto(codigo: str) -> str:
    return tr(reglas.ESTATUS.get(codigo, codigo))


def resultado_texto(codigo: str | None) -> str:
    if not codigo:
        return ""
    texto = reglas.RESULTADOS.get(codigo) or reglas.RESULTADOS_LLAMADA.get(codigo) or codigo
    return tr(texto)


def tipo_seguimiento_texto(codigo: str) -> str:
    return tr(reglas.TIPOS_SEGUIMIENTO.get(codigo, codigo))


# --- the semáforo of a petition ------------------------------------------------------------------
_LUZ = {"en_tiempo": "En tiempo", "por_vencer": "Por vencer", "vencido": "Vencido"}


def luz(s: Semaforo | None) -> str | None:
    """Only open petitions have a light (as the bandeja's matters): a concluded or annulled one
    has nothing left to be late for."""
    if s is None or s.estado is Estado.ATENDIDO:
        return None
    return s.oportunidad.value


def luz_texto(s: Semaforo | None) -> str:
    clave = luz(s)
    return tr(_LUZ[clave]) if clave else ""


def luz_detalle(s: Semaforo | None) -> str:
    """«Vencida hace 3 días hábiles», «Quedan 2 días hábiles»: the tooltip of the light."""
    if luz(s) is None:
        return ""
    if s.dias_restantes < 0:
        return tr("Venció hace %s días hábiles") % -s.dias_restantes
    return tr("Quedan %s días hábiles") % s.dias_restantes


def color_luz(s: Semaforo | None):
    clave = luz(s)
    return (COLORES[clave], FONDOS[clave]) if clave else (None, None)


# --- a combo box that finds by any piece of the name ------------------------------------------
def combo_busqueda(parent: QWidget, opciones: Iterable[tuple[str, Any]] = (), *, todos: str | None = None,
                   nombre: str = "", letras: int = 18, marcador: str = "") -> QComboBox:
    """Editable, with a pop-up that matches anywhere and ignores case and accents («cajeme»,
    «Cd. Obregón»). `todos`: a first option meaning «no filter» (data None)."""
    combo = QComboBox(parent, objectName=nombre)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letras)
    completador = QCompleter(combo.model(), combo)
    completador.setCompletionRole(ROL_BUSQUEDA)
    completador.setFilterMode(Qt.MatchFlag.MatchContains)
    completador.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completador.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completador)
    if marcador:
        combo.lineEdit().setPlaceholderText(marcador)
    combo.lineEdit().editingFinished.connect(lambda: tomar_mejor(combo))
    poner_opciones(combo, opciones, todos=todos)
    return combo


def tomar_mejor(combo: QComboBox) -> None:
    """Leaving the field (Intro, Tab) takes the option that best fits what was typed: «caj» is
    Cajeme, «issste» the ISSSTESON. Text that fits nothing stays, for the service to name it."""
    texto = normalizar(combo.currentText())
    if not texto or (combo.currentIndex() >= 0 and combo.itemText(combo.currentIndex()) == combo.currentText()):
        return
    busquedas = [normalizar(combo.itemData(i, ROL_BUSQUEDA) or "") for i in range(combo.count())]
    for acepta in (lambda t: t.startswith(texto), lambda t: any(p.startswith(texto) for p in t.split()),
                   lambda t: texto in t):
        indice = next((i for i, t in enumerate(busquedas) if acepta(t)), -1)
        if indice >= 0:
            combo.setCurrentIndex(indice)
            return


def poner_opciones(combo: QComboBox, opciones: Iterable[tuple[str, Any]], *, todos: str | None = None,
                   elegido: Any = None) -> None:
    """Refill without announcing a change: the old choice stays chosen if it is still offered."""
    combo.blockSignals(True)
    combo.clear()
    if todos is not None:
        combo.addItem(todos, None)
        combo.setItemData(0, f"{todos} {normalizar(todos)}", ROL_BUSQUEDA)
    for texto, dato in opciones:
        combo.addItem(texto, dato)
        combo.setItemData(combo.count() - 1, f"{texto} {normalizar(texto)}", ROL_BUSQUEDA)
    indice = combo.findData(elegido) if elegido is not None else -1
    combo.setCurrentIndex(indice if indice >= 0 else (0 if todos is not None else -1))
    combo.blockSignals(False)


def dato_elegido(combo: QComboBox) -> Any:
    """The data of what the box shows: a half-typed text that names no option means nothing chosen."""
    texto = combo.currentText().strip()
    if combo.currentIndex() >= 0 and combo.itemText(combo.currentIndex()) == combo.currentText():
        return combo.currentData()
    indice = combo.findText(texto, Qt.MatchFlag.MatchFixedString)  # case-insensitive, whole text
    return combo.itemData(indice) if indice >= 0 else None


# --- read-only look-ups ------------------------------------------------------------------------
@dataclass(frozen=True)
class Opciones:
    """Everything the filter bar and the forms offer, read in one task."""
    canales: list[tuple[str, str]]  # (nombre, código)
    temas: list[tuple[str, str]]
    municipios: list[tuple[str, str]]  # (nombre, clave INEGI)
    giras: list[tuple[str, str]]  # (texto, clave)
    operadores: list[tuple[str, str]]  # (texto, nombre de usuario)


def _catalogo(servicios: Servicios, sesion: Sesion, nombre: str, codigo: str = "codigo") -> list[tuple[str, str]]:
    return [(e["nombre"], str(e[codigo])) for e in servicios.catalogos.listar(sesion, nombre, incluir_inactivos=False)]


def texto_gira(g) -> str:
    return f"{g.clave} · {g.municipio_nombre}"  # the clave carries the year: short enough for the filter bar


def leer_opciones(servicios: Servicios, sesion: Sesion) -> Opciones:
    canales = sorted(servicios.catalogos.listar(sesion, "canales", incluir_inactivos=False),
                     key=lambda e: (e["indicador"] or 0, e["orden"] or 0))  # in the POA report's order
    giras = [(texto_gira(g), g.clave) for g in servicios.giras.listar(sesion, limite=300)]
    # Only supervision may list the users; everyone else can filter by their own name or type one.
    operadores = [(sesion.nombre_completo, sesion.nombre)] if sesion.usuario_id else []
    if sesion.puede(Accion.VER_USUARIOS):
        operadores = [(f"{u.nombre_completo} ({u.nombre})", u.nombre) for u in servicios.usuarios.listar(sesion)
                      if u.rol in ("atencion", "campo")]
    return Opciones([(e["nombre"], e["codigo"]) for e in canales], _catalogo(servicios, sesion, "temas"),
                    _catalogo(servicios, sesion, "municipios", "clave"), giras, operadores)


def canal_de_giras(servicios: Servicios, sesion: Sesion) -> str | None:
    """The code of the channel whose petitions carry a gira (the POA report's «Giras Gobernador»)."""
    return next((e["codigo"] for e in servicios.catalogos.listar(sesion, "canales", incluir_inactivos=False)
                 if e["indicador"] == reglas.INDICADOR_GIRAS), None)


def dependencias(servicios: Servicios, sesion: Sesion) -> list[tuple[str, str]]:
    """(«SIGLAS — Nombre», siglas) of the agencies and OSCs a petition may be canalized to today."""
    return [(f"{e['codigo']} — {e['nombre']}", e["codigo"])
            for e in servicios.catalogos.listar(sesion, "dependencias", incluir_inactivos=False)]


def municipios(servicios: Servicios, sesion: Sesion) -> list[tuple[str, str]]:
    return _catalogo(servicios, sesion, "municipios", "clave")

