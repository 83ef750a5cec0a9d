"""What the correspondence screens share: Spanish words for stored codes, the semáforo's colours,
which files may be attached, and the read-only look-ups every form of the desk needs."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QMimeData, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog

from ..domain.errores import ErrorValidacion, Problema
from ..services import Servicios
from ..services.bandeja import FilaBandeja
from ..services.sesion import Sesion


def tr(texto: str) -> str:
    return QCoreApplication.translate("Correspondencia", texto)


# Stored codes -> what people read. Marked here for the translators, translated where shown (`tr`).
ESTADOS = {"sin_turnar": QT_TRANSLATE_NOOP("Correspondencia", "Sin turnar"),
           "sin_atender": QT_TRANSLATE_NOOP("Correspondencia", "Sin atender"),
           "en_proceso": QT_TRANSLATE_NOOP("Correspondencia", "En proceso"),
           "atendido": QT_TRANSLATE_NOOP("Correspondencia", "Atendido"),
           "anulado": QT_TRANSLATE_NOOP("Correspondencia", "Anulado")}
ESTATUS_TURNO = {"sin_atender": QT_TRANSLATE_NOOP("Correspondencia", "Sin atender"),
                 "en_proceso": QT_TRANSLATE_NOOP("Correspondencia", "En proceso"),
                 "atendido": QT_TRANSLATE_NOOP("Correspondencia", "Atendido"),
                 "no_requiere": QT_TRANSLATE_NOOP("Correspondencia", "No requiere respuesta")}
OPORTUNIDADES = {"en_tiempo": QT_TRANSLATE_NOOP("Correspondencia", "En tiempo"),
                 "por_vencer": QT_TRANSLATE_NOOP("Correspondencia", "Por vencer"),
                 "vencido": QT_TRANSLATE_NOOP("Correspondencia", "Vencido")}

# Text and tint of each light; the same three colours the style sheet uses for error/aviso/éxito.
COLORES = {"vencido": QColor("#b3261e"), "por_vencer": QColor("#8a5a00"), "en_tiempo": QColor("#1e6b34")}
FONDOS = {"vencido": QColor("#fbe3e0"), "por_vencer": QColor("#fff1d1"), "en_tiempo": QColor("#e3f1e6")}
GRIS = QColor("#8a8d93")

EXTENSIONES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
FILTRO_ARCHIVOS = QT_TRANSLATE_NOOP("Correspondencia", "PDF e imágenes (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)")


class EnterAvanza(QObject):
    """Enter in a one-line field goes to the next field, as on the paper register. (With the
    sender's suggestions open, Enter goes to the list first, which takes the keyboard.)"""

    def __init__(self, dialogo: QDialog):
        super().__init__(dialogo)
        self._dialogo = dialogo

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:
        if evento.type() == QEvent.Type.KeyPress and evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and evento.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            self._dialogo.focusNextChild()
            return True
        return False


def semaforo_de_fila(fila: FilaBandeja) -> str | None:
    """The bandeja's light: only matters with open turnos have one (the worst of their
    responsible turnos); a matter not turned, answered or annulled has none."""
    if fila.anulado or fila.estado not in ("sin_atender", "en_proceso"):
        return None
    if fila.vencidos:
        return "vencido"
    return "por_vencer" if fila.por_vencer else "en_tiempo"


def marca_48_horas(valor: bool | None) -> str:
    return "" if valor is None else ("✓" if valor else "✗")


def es_anexo(ruta: str | Path) -> bool:
    return Path(ruta).suffix.lower() in EXTENSIONES


def rutas_soltadas(mime: QMimeData) -> list[str]:
    """Local PDF and image files of a drag; anything else (text, web links) is not an attachment."""
    if not mime.hasUrls():
        return []
    rutas = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
    return [r for r in rutas if r and es_anexo(r) and Path(r).is_file()]


def leer_archivos(rutas: Iterable[str | Path], campo: str = "anexos") -> list[tuple[str, bytes]]:
    """Run in the task runner: a 50 MB scan on a network folder must not freeze the window. A file
    that vanished or is locked is bad input of its own row, as the services name it."""
    archivos, problemas = [], []
    for ruta in rutas:
        ruta = Path(ruta)
        try:
            archivos.append((ruta.name, ruta.read_bytes()))
        except OSError as e:
            problemas.append(Problema(f"{campo} ({ruta.name})", f"no se pudo leer el archivo ({e.strerror or e})"))
    if problemas:
        raise ErrorValidacion(problemas)
    return archivos


_ANEXO = re.compile(r"^(?P<campo>anexos)\s*\((?P<nombre>.*)\)$")


def problemas_por_campo(problemas: Sequence[Problema]) -> list[Problema]:
    """«anexos (acta.pdf): está vacío» goes under the attachments field, naming its file (quoted,
    so that the sentence's capital does not change the file's name)."""
    resultado = []
    for p in problemas:
        m = _ANEXO.match(p.campo)
        resultado.append(Problema(m["campo"], f"«{m['nombre']}»: {p.mensaje}") if m else p)
    return resultado


def nombre_archivo_seguro(texto: str) -> str:
    """A control number as part of a file name: «03.01-1034/21» -> «03.01-1034-21»."""
    return re.sub(r"[^\w.\-]+", "-", texto).strip("-") or "documento"


# --- read-only look-ups (run them through the task runner) -----------------------------------
def dependencias_activas(servicios: Servicios, sesion: Sesion) -> list[tuple[str, str]]:
    """(siglas, nombre) of the agencies a matter may be turned to today."""
    return [(e["codigo"], e["nombre"]) for e in
            servicios.catalogos.listar(sesion, "dependencias", incluir_inactivos=False)]

