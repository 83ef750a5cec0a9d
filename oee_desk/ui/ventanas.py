"""A page's or window's one dialog of a kind (a petition, a drill-down, a form): opening another
closes the one before, and the owner forgets it when it closes."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog


def mostrar_unica(duenio: object, atributo: str, dialogo: QDialog, *, modal: bool = False) -> QDialog:
    """Shows `dialogo` (deleted when closed) as `duenio.<atributo>`, closing the one held there before."""
    anterior = getattr(duenio, atributo)
    if anterior is not None:
        anterior.close()
    dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialogo.finished.connect(lambda _=0, d=dialogo: setattr(duenio, atributo, None)
                             if getattr(duenio, atributo) is d else None)
    setattr(duenio, atributo, dialogo)
    if modal:
        dialogo.open()
    else:
        dialogo.show()
    return dialogo
