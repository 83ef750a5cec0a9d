"""Scans attached to a matter after it was registered, and reading them back to show them."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import undefer

from ..db.modelos_correspondencia import Anexo, RespuestaTurno, Turno
from ..db.motor import BaseDatos
from ..domain.anexos import validar_archivos
from ..domain.errores import Conflicto, NoEncontrado
from ..domain.roles import Accion
from .correspondencia import oficio_por_numero
from .sesion import Sesion, requerir


@dataclass(frozen=True)
class DatosAnexo:
    id: uuid.UUID
    nombre: str
    tipo_mime: str
    tamano: int
    sha256: str


@dataclass(frozen=True)
class ContenidoAnexo:
    nombre: str
    tipo_mime: str
    contenido: bytes


class ServicioAnexos:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def adjuntar(self, actor: Sesion, numero_control: str, archivos: list[tuple[str, bytes]]) -> list[DatosAnexo]:
        """Attach scans (from the file picker, a drop, or the scanner's folder) to a matter."""
        requerir(actor, Accion.REGISTRAR_OFICIOS)
        validos = validar_archivos(archivos)
        with self.bd.escritura(actor, accion="adjuntar") as s:
            oficio = oficio_por_numero(s, numero_control)
            if oficio.anulado:
                raise Conflicto(f"El número {oficio.numero_control} está anulado: no admite anexos.")
            ya = set(s.scalars(select(Anexo.sha256).where(Anexo.oficio_id == oficio.id)))
            nuevos = []
            for archivo in validos:
                if archivo.sha256 in ya:  # the same file twice is one attachment
                    continue
                ya.add(archivo.sha256)
                anexo = Anexo(oficio_id=oficio.id, nombre_archivo=archivo.nombre, tipo_mime=archivo.tipo_mime,
                              tamano=len(archivo.contenido), sha256=archivo.sha256, contenido=archivo.contenido,
                              subido_por=actor.usuario_id)
                s.add(anexo)
                nuevos.append(anexo)
            s.flush()
            return [DatosAnexo(a.id, a.nombre_archivo, a.tipo_mime, a.tamano, a.sha256) for a in nuevos]

    def de_oficio(self, actor: Sesion, numero_control: str) -> list[DatosAnexo]:
        """The matter's own scans and those of its turns' answers, oldest first."""
        requerir(actor, Accion.VER_OFICIOS)
        with self.bd.lectura(actor) as s:
            oficio = oficio_por_numero(s, numero_control)
            respuestas = select(RespuestaTurno.id).join(Turno, RespuestaTurno.turno_id == Turno.id) \
                .where(Turno.oficio_id == oficio.id)
            consulta = select(Anexo).where((Anexo.oficio_id == oficio.id) | Anexo.respuesta_id.in_(respuestas))
            return [DatosAnexo(a.id, a.nombre_archivo, a.tipo_mime, a.tamano, a.sha256)
                    for a in s.scalars(consulta.order_by(Anexo.creado, Anexo.id))]

    def contenido(self, actor: Sesion, anexo_id: uuid.UUID) -> ContenidoAnexo:
        requerir(actor, Accion.VER_OFICIOS)
        with self.bd.lectura(actor) as s:
            anexo = s.scalar(select(Anexo).options(undefer(Anexo.contenido)).where(Anexo.id == anexo_id))
            if anexo is None:
                raise NoEncontrado("El anexo ya no existe.")
            return ContenidoAnexo(anexo.nombre_archivo, anexo.tipo_mime, anexo.contenido)
