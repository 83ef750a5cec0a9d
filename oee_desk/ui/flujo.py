"""A layout that lines its items up like words in a paragraph: as many per row as fit, the rest on
the next row. Qt ships none (its documentation has this one as the «Flow Layout» example); the
bandeja's filters use it so that none is cut short in a narrow window."""
from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class CapaFlujo(QLayout):
    def __init__(self, parent: QWidget | None = None, *, espacio_h: int = 14, espacio_v: int = 4):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._espacio_h, self._espacio_v = espacio_h, espacio_v
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # --- QLayout -----------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, indice: int) -> QLayoutItem | None:
        return self._items[indice] if 0 <= indice < len(self._items) else None

    def takeAt(self, indice: int) -> QLayoutItem | None:
        return self._items.pop(indice) if 0 <= indice < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, ancho: int) -> int:
        return self._acomodar(QRect(0, 0, ancho, 0), solo_medir=True)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._acomodar(rect, solo_medir=False)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        tamano = QSize()
        for item in self._items:
            tamano = tamano.expandedTo(item.minimumSize())
        margenes = self.contentsMargins()
        return tamano + QSize(margenes.left() + margenes.right(), margenes.top() + margenes.bottom())

    # --- placing ------------------------------------------------------------------------------
    def _acomodar(self, rect: QRect, *, solo_medir: bool) -> int:
        """Places the items row by row within `rect` (unless only measuring); the height they take."""
        margenes = self.contentsMargins()
        area = rect.adjusted(margenes.left(), margenes.top(), -margenes.right(), -margenes.bottom())
        x, y, alto_fila = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            tamano = item.sizeHint()
            if x + tamano.width() > area.right() + 1 and alto_fila > 0:  # a new row
                x, y, alto_fila = area.x(), y + alto_fila + self._espacio_v, 0
            if not solo_medir:
                item.setGeometry(QRect(QPoint(x, y), tamano))
            x += tamano.width() + self._espacio_h
            alto_fila = max(alto_fila, tamano.height())
        return y + alto_fila - rect.y() + margenes.bottom()
