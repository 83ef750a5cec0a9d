"""A matter's history: the audit rows of the matter, its turnos (also the undone ones), their
answers and its scans, oldest first. Read-only; for the roles that may read the audit log."""
from __future__ import annotations

from sqlalchemy import select

from ..db.modelos import Auditoria
from ..db.modelos_correspondencia import Anexo, RespuestaTurno, Turno
from ..db.motor import BaseDatos
from ..domain.roles import Accion
from .auditoria import EntradaAuditoria
from .correspondencia import oficio_por_numero
from .sesion import Sesion, requerir


class ServicioHistoriaOficio:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def de_oficio(self, actor: Sesion, numero_control: str) -> list[EntradaAuditoria]:
        requerir(actor, Accion.VER_AUDITORIA)
        with self.bd.lectura(actor) as s:
            oficio = oficio_por_numero(s, numero_control)
            # The log keys rows by their own id; a matter's rows are found through its children.
            turnos = select(Turno.id).where(Turno.oficio_id == oficio.id)
            respuestas = select(RespuestaTurno.id).where(RespuestaTurno.turno_id.in_(turnos))
            anexos = select(Anexo.id).where((Anexo.oficio_id == oficio.id) | Anexo.respuesta_id.in_(respuestas))
            ids = {str(oficio.id)}
            for consulta in (turnos, respuestas, anexos):
                ids.update(str(i) for i in s.scalars(consulta))
            filas = s.scalars(select(Auditoria).where(Auditoria.registro_id.in_(sorted(ids)))
                              .order_by(Auditoria.momento, Auditoria.id))
            return [EntradaAuditoria(a.id, a.momento, a.usuario, a.accion, a.tabla, a.registro_id, a.antes, a.despues)
                    for a in filas]
