"""Pieces of the call-center intake (captura_peticion.py): combos that take a piece of a name or a
code typed without accents, the channel picker whose F-keys work from any field, and the problems
of one save spread over the several forms of the screen."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QCompleter, QFormLayout, QGridLayout, QLabel, QRadioButton, QWidget,
)

from ..domain.errores import Problema
from ..domain.texto import normalizar
from .campos import CamposConError, frase

ROL_BUSQUEDA = Qt.ItemDataRole.UserRole + 5  # the item's text with and without accents, for the completer
ANCHO_MAXIMO_LISTA = 640  # px: a list wider than the screen's side would cover the other one
TECLAS_CANAL = tuple(getattr(Qt.Key, f"Key_F{n}") for n in range(1, 10))


def tr(texto: str) -> str:
    return QCoreApplication.translate("Captura", texto)


class _Completador(QCompleter):
    # Matching runs on ROL_BUSQUEDA («Educación educacion»); what lands in the field is the item's
    # own text, not that doubled search text.
    def pathFromIndex(self, indice) -> str:
        return indice.data(Qt.ItemDataRole.DisplayRole) or ""


class ComboBuscable(QComboBox):
    """An editable combo over a catalog: a piece of the name or the code, with or without accents,
    shows the matches; leaving the field (Tab, Intro) takes the best one, so that «salud» Tab is
    enough. Text that matches nothing is kept and sent as typed: the service names the field."""

    def __init__(self, parent: QWidget, nombre: str, marcador: str = "", letras: int = 24):
        super().__init__(parent, objectName=nombre)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Sized by letters, not by the longest agency name, which would push the form off screen.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(letras)
        self.setMaxVisibleItems(12)
        self.lineEdit().setPlaceholderText(marcador)
        completador = _Completador(self.model(), self)
        completador.setCompletionRole(ROL_BUSQUEDA)
        completador.setFilterMode(Qt.MatchFlag.MatchContains)
        completador.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completador.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completador.setMaxVisibleItems(10)
        self.setCompleter(completador)
        # The lists show whole names (a gira's event, an agency's name), wider than the field.
        completador.popup().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.lineEdit().editingFinished.connect(self.tomar_mejor)

    def poner_opciones(self, opciones: Sequence[tuple[str | None, str]], *, busqueda_extra: bool = True) -> None:
        """(value, text) pairs; the value None stands for «nothing chosen» (e.g. «Sin canalizar»)."""
        anterior = self.valor()
        self.blockSignals(True)
        self.clear()
        for valor, texto in opciones:
            self.addItem(texto, valor)
            buscable = f"{texto} {normalizar(texto)}" + (f" {valor}" if busqueda_extra and valor else "")
            self.setItemData(self.count() - 1, buscable, ROL_BUSQUEDA)
        self.blockSignals(False)
        ancho = min(self.view().sizeHintForColumn(0) + 32, ANCHO_MAXIMO_LISTA)
        self.view().setMinimumWidth(ancho)
        self.completer().popup().setMinimumWidth(ancho)
        self.elegir(anterior)

    def elegir(self, valor: str | None) -> None:
        indice = self.findData(valor) if valor is not None else -1
        if valor is not None and indice < 0:
            self.setEditText(valor)
            return
        if indice < 0 and self.count() and self.itemData(0) is None:
            indice = 0  # the «nothing» item, when the list has one
        self.setCurrentIndex(indice)
        self.lineEdit().setCursorPosition(0)  # a long name shows its beginning, not its end

    def valor(self) -> str | None:
        """The chosen item's value; the best match of what was typed; else the text itself."""
        texto = self.currentText().strip()
        if not texto:
            return None
        indice = self._mejor(texto)
        return self.itemData(indice) if indice >= 0 else texto

    def _mejor(self, texto: str) -> int:
        exacta = self.findText(texto, Qt.MatchFlag.MatchFixedString)
        if exacta >= 0:
            return exacta
        buscado = normalizar(texto)
        textos = [normalizar(self.itemData(i, ROL_BUSQUEDA) or "") for i in range(self.count())]
        # A code typed whole, then a word that starts as typed, then the text anywhere: «ssp» is the
        # SSP before any agency whose name merely contains those letters.
        for acepta in (lambda t, i: normalizar(str(self.itemData(i) or "")) == buscado,
                       lambda t, i: any(p.startswith(buscado) for p in t.split()) or t.startswith(buscado),
                       lambda t, i: buscado in t):
            for i, t in enumerate(textos):
                if acepta(t, i):
                    return i
        return -1

    def tomar_mejor(self) -> None:
        """Show the item the typed text stands for (what `valor` sends)."""
        texto = self.currentText().strip()
        if not texto:
            return
        indice = self._mejor(texto)
        if indice >= 0 and self.itemText(indice) != self.currentText():
            self.setCurrentIndex(indice)
            self.lineEdit().setCursorPosition(0)


class SelectorCanal(QWidget):
    """The channels as radio buttons, each with its F-key (F1…F9 in the catalog's order)."""

    cambiado = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent, objectName="selectorCanal")
        self.grupo = QButtonGroup(self)
        self.grupo.setExclusive(True)
        self.grupo.idToggled.connect(lambda _id, si: si and self.cambiado.emit())
        self._canales: list[dict] = []
        self._rejilla = QGridLayout(self)
        self._rejilla.setContentsMargins(0, 0, 0, 0)
        self._rejilla.setHorizontalSpacing(10)
        self._rejilla.setVerticalSpacing(2)
        self.botones: list[QRadioButton] = []

    def poner_canales(self, canales: Sequence[dict]) -> None:
        """`canales`: catalog rows (codigo, nombre, indicador), already in indicador, orden order."""
        anterior = self.codigo()
        for b in self.botones:
            self.grupo.removeButton(b)
            b.deleteLater()
        self._canales, self.botones = list(canales)[:len(TECLAS_CANAL)], []
        columnas = 2  # three would need 650 px: more than the form's side has at 1280 px
        for n, canal in enumerate(self._canales):
            boton = QRadioButton(f"F{n + 1}  {canal['nombre']}", self)
            boton.setObjectName(f"canal_{canal['codigo']}")
            boton.setToolTip(tr("Canal %s (F%d)") % (canal["nombre"], n + 1))
            self.grupo.addButton(boton, n)
            self._rejilla.addWidget(boton, n // columnas, n % columnas)
            self.botones.append(boton)
        self.elegir(anterior)

    def elegir(self, codigo: str | None) -> None:
        for n, canal in enumerate(self._canales):
            if canal["codigo"] == codigo:
                self.botones[n].setChecked(True)

    def elegir_numero(self, n: int) -> bool:
        if 0 <= n < len(self.botones) and self.botones[n].isEnabled():
            self.botones[n].setChecked(True)
            return True
        return False

    def _actual(self) -> dict | None:
        n = self.grupo.checkedId()
        return self._canales[n] if 0 <= n < len(self._canales) else None

    def codigo(self) -> str | None:
        return (self._actual() or {}).get("codigo")

    def indicador(self) -> int | None:
        return (self._actual() or {}).get("indicador")

    def enfocar(self) -> None:
        boton = self.grupo.checkedButton() or (self.botones[0] if self.botones else None)
        if boton is not None:
            boton.setFocus()

    def contiene_foco(self, widget: QWidget | None) -> bool:
        return widget is not None and (widget is self or self.isAncestorOf(widget))


class TeclasCanal(QObject):
    """F1…F9 pick a channel from whichever field has the focus. Installed on each field (and on
    the completers' popups, which take the keys while open); the field's ShortcutOverride is
    accepted so that the main window's F1 (help) does not fire while the operator is capturing,
    and the key press is eaten so that F4 does not open a combo's list."""

    def __init__(self, selector: SelectorCanal, al_elegir, parent: QObject):
        super().__init__(parent)
        self._selector, self._al_elegir = selector, al_elegir

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        if evento.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if evento.key() not in TECLAS_CANAL or evento.modifiers() not in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            return False
        n = TECLAS_CANAL.index(evento.key())
        if n >= len(self._selector.botones):
            return False  # no channel on that key: the key keeps its usual meaning
        evento.accept()
        if evento.type() == QEvent.Type.KeyPress and self._selector.elegir_numero(n):
            self._al_elegir()
        return True


class ErroresCaptura:
    """One save's problems spread over the screen's forms: each under the field it names, and a
    line naming every field to fix, since the field may be on the other side of the screen."""

    def __init__(self, general: QLabel):
        self.general = general
        self._grupos: list[tuple[CamposConError, set[str]]] = []
        self._rotulos: dict[str, str] = {}

    def grupo(self, formulario: QFormLayout) -> CamposConError:
        campos = CamposConError(formulario, self.general)
        self._grupos.append((campos, set()))
        return campos

    def agregar(self, campos: CamposConError, clave: str, texto: str, editor: QWidget, *otros: str,
                debajo: QWidget | None = None) -> None:
        campos.agregar(clave, texto, editor, *otros, debajo=debajo)
        claves = next(c for g, c in self._grupos if g is campos)
        for nombre in (clave, texto, *otros):
            claves.add(normalizar(nombre))
            self._rotulos[normalizar(nombre)] = texto

    def mostrar(self, problemas: Sequence[Problema]) -> None:
        self.limpiar()
        sueltos = [p for p in problemas if not any(normalizar(p.campo) in c for _, c in self._grupos)]
        # The last group shown takes the focus: show them from the last on screen to the first, so
        # that the cursor lands in the first field to fix.
        for campos, claves in reversed(self._grupos):
            propios = [p for p in problemas if normalizar(p.campo) in claves]
            if propios:
                campos.mostrar(propios)
        orden = list(self._rotulos)  # the order the fields were added: the screen's order
        claves = sorted({normalizar(p.campo) for p in problemas if normalizar(p.campo) in self._rotulos},
                        key=orden.index)
        nombres = list(dict.fromkeys(self._rotulos[c] for c in claves))
        lineas = []
        if nombres:
            lineas.append(tr("No se guardó. Revise: %s.") % ", ".join(nombres))
        lineas += [f"{frase(p.campo)}: {p.mensaje}" for p in sueltos]
        self.mostrar_general("\n".join(lineas))

    def error(self, clave: str) -> QLabel:
        """The label under the field of that problem key (e.g. «ciudadano.telefono»)."""
        for campos, claves in self._grupos:
            if normalizar(clave) in claves:
                return campos.error(clave)
        raise KeyError(clave)

    def mostrar_general(self, texto: str) -> None:
        self.general.setText(texto)
        self.general.setVisible(bool(texto))

    def limpiar(self) -> None:
        for campos, _ in self._grupos:
            campos.limpiar()
        self.mostrar_general("")
