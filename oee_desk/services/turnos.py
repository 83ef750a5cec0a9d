"""Turnos: route a matter to agencies with business-day deadlines, and record what they answer."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from ..db.base import ahora
from ..db.modelos import Dependencia
from ..db.modelos_correspondencia import Anexo, Oficio, RespuestaTurno, Turno
from ..db.motor import BaseDatos
from ..domain import semaforo
from ..domain import validacion as v
from ..domain.anexos import validar_archivos
from ..domain.errores import Conflicto, ErrorValidacion
from ..domain.roles import Accion
from ..domain.turnos import validar_respuesta, validar_turnos
from .catalogos import resolver
from .correspondencia import oficio_por_numero
from .lectura_turnos import DatosTurno, calendario, datos_turnos
from .sesion import Sesion, requerir


def _actualizar_asunto(s, oficio: Oficio) -> None:
    """Keep the matter's stored state and first-turn time in step with its turnos."""
    vigentes = s.execute(select(Turno.rol, Turno.estatus, Turno.fecha_turno)
                         .where(Turno.oficio_id == oficio.id, Turno.cancelado.is_(False))).all()
    oficio.estado = semaforo.estado_asunto((rol, estatus) for rol, estatus, _ in vigentes)
    oficio.primer_turno = min((f for _, _, f in vigentes), default=None)
    s.flush()


class ServicioTurnos:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def turnar(self, actor: Sesion, numero_control: str, datos, *,
               momento: dt.datetime | None = None) -> list[DatosTurno]:
        """Add one or more turnos at once; the due date skips weekends and días inhábiles."""
        requerir(actor, Accion.TURNAR_OFICIOS)
        turnos = validar_turnos(datos)
        momento = momento or ahora()
        with self.bd.escritura(actor, accion="turnar") as s:
            oficio = oficio_por_numero(s, numero_control)
            if oficio.anulado:
                raise Conflicto(f"El número {oficio.numero_control} está anulado: no se puede turnar.")
            cal = calendario(s)
            vigentes = set(s.scalars(select(Turno.dependencia_id).where(
                Turno.oficio_id == oficio.id, Turno.cancelado.is_(False))))
            for i, t in enumerate(turnos, start=1):
                dependencia = resolver(s, "dependencias", t["dependencia"], f"turnos[{i}].dependencia")
                instruccion = resolver(s, "instrucciones", t["instruccion"], f"turnos[{i}].instruccion")
                if dependencia.id in vigentes:
                    raise ErrorValidacion.de(f"turnos[{i}].dependencia",
                                             f"el asunto ya está turnado a {dependencia.codigo}")
                vigentes.add(dependencia.id)
                limite = cal.sumar(momento.date(), t["plazo_dias_habiles"])
                s.add(Turno(oficio_id=oficio.id, dependencia_id=dependencia.id, rol=t["rol"],
                            instruccion_id=instruccion.id, plazo_dias_habiles=t["plazo_dias_habiles"],
                            fecha_turno=momento, fecha_limite=limite,
                            fecha_alerta=semaforo.fecha_alerta(momento.date(), limite, t["plazo_dias_habiles"], cal),
                            nota=t["nota"], estatus="sin_atender", avance_pct=0, turnado_por=actor.usuario_id,
                            cancelado=False))
            s.flush()
            _actualizar_asunto(s, oficio)
            return datos_turnos(s, oficio.id)

    def responder(self, actor: Sesion, numero_control: str, datos,
                  archivos: list[tuple[str, bytes]] = ()) -> DatosTurno:
        """Record an acuse, a progress note, the answer (with its scans), or close it as «no requiere
        respuesta»."""
        requerir(actor, Accion.RESPONDER_TURNOS)
        limpios = validar_respuesta(datos, dt.date.today())
        validos = validar_archivos(archivos)
        with self.bd.escritura(actor, accion="responder") as s:
            oficio = oficio_por_numero(s, numero_control)
            dependencia = resolver(s, "dependencias", limpios["dependencia"], "dependencia", solo_activos=False)
            turno = s.scalar(select(Turno).where(Turno.oficio_id == oficio.id, Turno.dependencia_id == dependencia.id,
                                                 Turno.cancelado.is_(False)))
            if turno is None:
                raise ErrorValidacion.de("dependencia", f"el asunto {oficio.numero_control} no está turnado a "
                                                        f"{dependencia.codigo}")
            if limpios["fecha"] < turno.fecha_turno.date():
                raise ErrorValidacion.de("fecha", "no puede ser anterior a la fecha del turno")
            if semaforo.ESTATUS_TURNO[turno.estatus] is semaforo.Estado.ATENDIDO:
                # A state, not a value typed wrong (exit 5), but it names the field it is about.
                raise Conflicto(f"dependencia: el turno a {dependencia.codigo} ya fue respondido o cerrado; "
                                "no admite otra respuesta.")
            tipo = limpios["tipo"]
            if tipo == "acuse":
                if turno.fecha_acuse:
                    raise Conflicto(f"tipo: el acuse de {dependencia.codigo} ya estaba registrado.")
                turno.fecha_acuse = limpios["fecha"]
                turno.estatus = "en_proceso"
            elif tipo == "avance":
                turno.avance_pct = limpios["avance_pct"]
                turno.estatus = "en_proceso"
            else:
                turno.fecha_respuesta = limpios["fecha"]
                turno.estatus = "atendido" if tipo == "respuesta" else "no_requiere"
                turno.avance_pct = 100
            respuesta = RespuestaTurno(turno_id=turno.id, tipo=tipo, fecha=limpios["fecha"],
                                       numero_oficio=limpios.get("numero_oficio"), resumen=limpios.get("resumen"),
                                       avance_pct=limpios.get("avance_pct"), registrado_por=actor.usuario_id)
            s.add(respuesta)
            s.flush()
            for archivo in validos:
                s.add(Anexo(respuesta_id=respuesta.id, nombre_archivo=archivo.nombre, tipo_mime=archivo.tipo_mime,
                            tamano=len(archivo.contenido), sha256=archivo.sha256, contenido=archivo.contenido,
                            subido_por=actor.usuario_id))
            _actualizar_asunto(s, oficio)
            return next(t for t in datos_turnos(s, oficio.id) if t.id == turno.id)

    def de_oficio(self, actor: Sesion, numero_control: str) -> list[DatosTurno]:
        requerir(actor, Accion.VER_OFICIOS)
        with self.bd.lectura(actor) as s:
            return datos_turnos(s, oficio_por_numero(s, numero_control).id)

    def deshacer(self, actor: Sesion, numero_control: str, dependencia: str, motivo: str) -> list[DatosTurno]:
        """Undo a turn made by mistake (supervisor). The row stays, cancelled, with its reason."""
        requerir(actor, Accion.REASIGNAR_TURNOS)
        motivo = v.texto("motivo", motivo, maximo=v.LARGO_TEXTO)
        with self.bd.escritura(actor, accion="deshacer_turno") as s:
            oficio, turno = self._turno_vigente(s, numero_control, dependencia)
            turno.cancelado, turno.motivo_cancelacion = True, motivo
            s.flush()
            _actualizar_asunto(s, oficio)
            return datos_turnos(s, oficio.id)

    def reasignar(self, actor: Sesion, numero_control: str, dependencia: str, nueva: str, motivo: str, *,
                  momento: dt.datetime | None = None) -> list[DatosTurno]:
        """Move a turn to another agency (supervisor): same role, instruction and term, counted
        again from now; the old turn stays, cancelled, with the reason."""
        requerir(actor, Accion.REASIGNAR_TURNOS)
        motivo = v.texto("motivo", motivo, maximo=v.LARGO_TEXTO)
        momento = momento or ahora()
        with self.bd.escritura(actor, accion="reasignar_turno") as s:
            oficio, turno = self._turno_vigente(s, numero_control, dependencia)
            if semaforo.ESTATUS_TURNO[turno.estatus] is semaforo.Estado.ATENDIDO:
                # Its agency has already answered: moving it would throw the answer away.
                codigo = s.get(Dependencia, turno.dependencia_id).codigo
                raise Conflicto(f"El turno a {codigo} ya fue respondido o cerrado: no se puede reasignar.")
            destino = resolver(s, "dependencias", nueva, "nueva dependencia")
            if s.scalar(select(Turno.id).where(Turno.oficio_id == oficio.id, Turno.dependencia_id == destino.id,
                                               Turno.cancelado.is_(False))):
                raise ErrorValidacion.de("nueva dependencia", f"el asunto ya está turnado a {destino.codigo}")
            turno.cancelado, turno.motivo_cancelacion = True, motivo
            cal = calendario(s)
            limite = cal.sumar(momento.date(), turno.plazo_dias_habiles)
            s.add(Turno(oficio_id=oficio.id, dependencia_id=destino.id, rol=turno.rol,
                        instruccion_id=turno.instruccion_id, plazo_dias_habiles=turno.plazo_dias_habiles,
                        fecha_turno=momento, fecha_limite=limite,
                        fecha_alerta=semaforo.fecha_alerta(momento.date(), limite, turno.plazo_dias_habiles, cal),
                        nota=turno.nota, estatus="sin_atender", avance_pct=0, turnado_por=actor.usuario_id,
                        cancelado=False))
            s.flush()
            _actualizar_asunto(s, oficio)
            return datos_turnos(s, oficio.id)

    @staticmethod
    def _turno_vigente(s, numero_control: str, dependencia: str) -> tuple[Oficio, Turno]:
        oficio = oficio_por_numero(s, numero_control)
        origen = resolver(s, "dependencias", dependencia, "dependencia", solo_activos=False)
        turno = s.scalar(select(Turno).where(Turno.oficio_id == oficio.id, Turno.dependencia_id == origen.id,
                                             Turno.cancelado.is_(False)))
        if turno is None:
            raise ErrorValidacion.de("dependencia", f"el asunto {oficio.numero_control} no está turnado a "
                                                    f"{origen.codigo}")
        return oficio, turno
