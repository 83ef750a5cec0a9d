"""The Historia tab: every change to the matter, its turnos, answers and scans, from the audit log.
Only for the roles that may read the log; the tab is not built for the others."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..domain.catalogos import DESTINATARIOS
from ..domain.oficios import PRIORIDADES
from ..domain.turnos import ROLES_TURNO, TIPOS_RESPUESTA
from ..services import Servicios
from ..services.auditoria import EntradaAuditoria
from ..services.sesion import Sesion
from .correspondencia_comun import ESTADOS, ESTATUS_TURNO, tr
from .errores import mostrar_error
from .modelos_tabla import Columna, ModeloFilas, ajustar_columnas, vista_tabla
from .pagina_auditoria import cambios
from .pestana_anexos import TIPOS
from .tareas import Tareas

ACCIONES = {"crear": "Alta", "editar": "Modificación", "anular": "Anulación", "turnar": "Turnado",
            "responder": "Respuesta registrada", "adjuntar": "Anexo agregado", "deshacer_turno": "Turno deshecho",
            "reasignar_turno": "Reasignación"}
TABLAS = {"oficios": "Asunto", "turnos": "Turno", "respuestas_turno": "Respuesta", "anexos": "Anexo"}
# Keys, bookkeeping and the search index say nothing to a person reading the history.
OMITIR = {"id", "texto_busqueda", "contenido", "creado", "sha256", "registrado_por", "subido_por", "turnado_por",
          "oficio_id", "turno_id", "respuesta_id", "serie_control_id", "tipo_documento_id", "serie_documental_id",
          "dependencia_id", "instruccion_id", "fecha_alerta"}
LARGO_RESUMEN = 220
CAMPOS = {
    "anio": "Año", "numero": "Número", "numero_control": "Número de control", "fecha_recepcion": "Recibido",
    "destinatario": "Dirigido a", "remitente_nombre": "Remitente", "remitente_cargo": "Cargo",
    "remitente_institucion": "Institución", "numero_oficio_remitente": "Oficio del remitente",
    "fecha_documento": "Fecha del documento", "asunto": "Asunto", "prioridad": "Prioridad", "anulado": "Anulado",
    "motivo_anulacion": "Motivo de anulación", "estado": "Estado", "primer_turno": "Primer turno",
    "nombre_archivo": "Archivo", "tipo_mime": "Tipo", "tamano": "Tamaño", "rol": "Rol",
    "plazo_dias_habiles": "Plazo (días hábiles)", "fecha_turno": "Turnado", "fecha_limite": "Vence", "nota": "Nota",
    "estatus": "Estado del turno", "fecha_acuse": "Acuse", "fecha_respuesta": "Respuesta", "avance_pct": "Avance %",
    "cancelado": "Cancelado", "motivo_cancelacion": "Motivo de cancelación", "tipo": "Tipo", "fecha": "Fecha",
    "numero_oficio": "Número de oficio", "resumen": "Resumen",
}


# Stored codes of these fields, in the words of the screens.
CODIGOS = {"estado": ESTADOS, "estatus": ESTATUS_TURNO, "rol": ROLES_TURNO, "prioridad": PRIORIDADES,
           "tipo": TIPOS_RESPUESTA, "destinatario": DESTINATARIOS, "tipo_mime": TIPOS}


def _legible(nombre: str, valor):
    return tr(CODIGOS[nombre].get(valor, valor)) if nombre in CODIGOS and isinstance(valor, str) else valor


def resumen(entrada: EntradaAuditoria) -> str:
    nombres = list(dict.fromkeys([*(entrada.despues or {}), *(entrada.antes or {})]))  # as `cambios` orders them
    partes = []
    for c, nombre in zip(cambios(entrada), nombres):
        if nombre in OMITIR or (c.antes in ("", None) and c.despues in ("", None)):
            continue
        campo = tr(CAMPOS[nombre]) if nombre in CAMPOS else c.campo
        antes, despues = _legible(nombre, c.antes), _legible(nombre, c.despues)
        partes.append(f"{campo}: {antes} → {despues}" if antes not in ("", None) else f"{campo}: {despues}")
    return "; ".join(partes)


class PestanaHistoria(QWidget):
    def __init__(self, servicios: Servicios, sesion: Sesion, tareas: Tareas, parent: QWidget | None = None):
        super().__init__(parent)
        self.servicios, self.sesion, self.tareas = servicios, sesion, tareas
        self.modelo = ModeloFilas([
            Columna(tr("Fecha y hora"), lambda e: e.momento.strftime("%d/%m/%Y %H:%M:%S")),
            Columna(tr("Usuario"), lambda e: e.usuario),
            Columna(tr("Acción"), lambda e: tr(ACCIONES.get(e.accion, e.accion))),
            Columna(tr("Registro"), lambda e: tr(TABLAS.get(e.tabla, e.tabla))),
            Columna(tr("Cambios"), lambda e: self._corto(resumen(e))),
        ], self)
        self.tabla = vista_tabla(self.modelo, self)
        self.tabla.setObjectName("tablaHistoria")
        capa = QVBoxLayout(self)
        capa.setContentsMargins(8, 8, 8, 8)
        capa.addWidget(self.tabla)

    @staticmethod
    def _corto(texto: str) -> str:
        return texto if len(texto) <= LARGO_RESUMEN else texto[:LARGO_RESUMEN - 1] + "…"

    def recargar(self, numero: str) -> None:
        self.tareas.ejecutar(self.servicios.historia_oficio.de_oficio, self.sesion, numero, al_terminar=self._poner,
                             al_fallar=lambda e: mostrar_error(self, e))

    def _poner(self, entradas: list[EntradaAuditoria]) -> None:
        self.modelo.poner_filas(entradas)
        ajustar_columnas(self.tabla, estirar=[4], maximo=260)
