"""Correspondencia: register received matters with their control number, find and annul them."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..db.base import ahora
from ..db.modelos import SerieControl
from ..db.modelos_correspondencia import Anexo, Oficio
from ..db.motor import BaseDatos
from ..domain import numeracion, semaforo, validacion as v
from ..domain.anexos import validar_archivos
from ..domain.errores import Conflicto, ErrorValidacion, NoEncontrado
from ..domain.oficios import validar_registro
from ..domain.roles import Accion
from ..domain.texto import normalizar
from .catalogos import resolver
from .lectura_turnos import DatosTurno, datos_turnos
from .numeracion import serie_por_codigo, tomar_numero
from .sesion import Sesion, requerir


@dataclass(frozen=True)
class Duplicado:
    id: uuid.UUID
    numero_control: str
    motivo: str


@dataclass(frozen=True)
class DatosOficio:
    id: uuid.UUID
    numero_control: str
    serie: str
    anio: int
    numero: int
    fecha_recepcion: dt.datetime
    destinatario: str
    remitente: dict
    numero_oficio_remitente: str | None
    fecha_documento: dt.date | None
    asunto: str
    prioridad: str
    anulado: bool
    motivo_anulacion: str | None
    version: int
    anexos: list[dict] = field(default_factory=list)
    posibles_duplicados: list[Duplicado] = field(default_factory=list)
    turnos: list[DatosTurno] = field(default_factory=list)
    semaforo: semaforo.Semaforo | None = None
    turnado_a_tiempo: bool | None = None  # within 48 hours of reception

    def como_json(self) -> dict:
        return {
            "id": str(self.id), "numero_control": self.numero_control, "serie": self.serie,
            "anio": self.anio, "numero": self.numero, "fecha_recepcion": self.fecha_recepcion.isoformat(),
            "destinatario": self.destinatario, "remitente": self.remitente,
            "numero_oficio_remitente": self.numero_oficio_remitente,
            "fecha_documento": self.fecha_documento.isoformat() if self.fecha_documento else None,
            "asunto": self.asunto, "prioridad": self.prioridad, "anulado": self.anulado,
            "motivo_anulacion": self.motivo_anulacion, "anexos": self.anexos,
            "turnos": [t.como_json() for t in self.turnos],
            "semaforo": {"estado": self.semaforo.estado.value, "oportunidad": self.semaforo.oportunidad.value}
            if self.semaforo else None,
            "turnado_en_48_horas": self.turnado_a_tiempo,
            "posibles_duplicados": [{"id": str(d.id), "numero_control": d.numero_control, "motivo": d.motivo}
                                    for d in self.posibles_duplicados],
        }


def _datos(s: Session, o: Oficio, duplicados: list[Duplicado] | None = None) -> DatosOficio:
    serie = s.get(SerieControl, o.serie_control_id)
    anexos = [{"id": str(a.id), "nombre": a.nombre_archivo, "tipo": a.tipo_mime, "tamano": a.tamano,
               "sha256": a.sha256}
              for a in s.scalars(select(Anexo).where(Anexo.oficio_id == o.id).order_by(Anexo.creado))]
    turnos = datos_turnos(s, o.id)
    return DatosOficio(
        o.id, o.numero_control, serie.codigo, o.anio, o.numero, o.fecha_recepcion, o.destinatario,
        {"nombre": o.remitente_nombre, "cargo": o.remitente_cargo, "institucion": o.remitente_institucion},
        o.numero_oficio_remitente, o.fecha_documento, o.asunto, o.prioridad, o.anulado, o.motivo_anulacion,
        o.version, anexos, duplicados or [], turnos, semaforo.de_asunto((t.rol, t.semaforo) for t in turnos),
        semaforo.turnado_a_tiempo(o.fecha_recepcion, min((t.fecha_turno for t in turnos), default=None)))


def _texto_busqueda(o: Oficio) -> str:
    return normalizar(" ".join(filter(None, [
        o.numero_control, o.remitente_nombre, o.remitente_cargo, o.remitente_institucion,
        o.numero_oficio_remitente, o.asunto])))


class ServicioCorrespondencia:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def duplicados(self, actor: Sesion, remitente: str | None, numero_oficio_remitente: str | None,
                   sha256s: list[str] = ()) -> list[Duplicado]:
        """Earlier matters with the same sender and sender's number, or the same scanned file."""
        requerir(actor, Accion.VER_OFICIOS)
        with self.bd.lectura(actor) as s:
            return self._duplicados(s, remitente, numero_oficio_remitente, list(sha256s))

    @staticmethod
    def _duplicados(s: Session, remitente, numero, sha256s) -> list[Duplicado]:
        encontrados: dict[uuid.UUID, Duplicado] = {}
        if remitente and numero:
            consulta = select(Oficio).where(func.lower(Oficio.numero_oficio_remitente) == numero.strip().lower())
            for o in s.scalars(consulta):
                if normalizar(o.remitente_nombre) == normalizar(remitente):
                    encontrados[o.id] = Duplicado(o.id, o.numero_control, "mismo remitente y número de oficio")
        if sha256s:
            consulta = select(Oficio.id, Oficio.numero_control).join(Anexo, Anexo.oficio_id == Oficio.id) \
                .where(Anexo.sha256.in_(sha256s))
            for id_, numero_control in s.execute(consulta):
                encontrados.setdefault(id_, Duplicado(id_, numero_control, "el mismo archivo escaneado"))
        return list(encontrados.values())

    def registrar(self, actor: Sesion, datos: dict, archivos: list[tuple[str, bytes]] = ()) -> DatosOficio:
        """Validate, take the next control number and store the matter and its scans, all at once."""
        requerir(actor, Accion.REGISTRAR_OFICIOS)
        limpios = validar_registro(datos, ahora())
        validos = validar_archivos(archivos)
        with self.bd.escritura(actor) as s:
            serie = serie_por_codigo(s, limpios["serie"])
            if not serie.activo:
                raise ErrorValidacion.de("serie", f"la serie «{serie.codigo}» está inactiva")
            tipo = resolver(s, "tipos-documento", limpios["tipo_documento"], "tipo_documento")
            documental = resolver(s, "series-documentales", limpios["serie_documental"], "serie_documental") \
                if limpios.get("serie_documental") else None
            duplicados = self._duplicados(s, limpios["remitente.nombre"], limpios.get("numero_oficio_remitente"),
                                          [a.sha256 for a in validos])
            recepcion = limpios["fecha_recepcion"]
            numero = tomar_numero(s, serie.id, recepcion.year)
            oficio = Oficio(
                serie_control_id=serie.id, anio=recepcion.year, numero=numero,
                numero_control=numeracion.formatear(serie.plantilla, numero, recepcion.year),
                fecha_recepcion=recepcion, destinatario=limpios.get("destinatario") or serie.destinatario,
                remitente_nombre=limpios["remitente.nombre"], remitente_cargo=limpios.get("remitente.cargo"),
                remitente_institucion=limpios.get("remitente.institucion"),
                numero_oficio_remitente=limpios.get("numero_oficio_remitente"),
                fecha_documento=limpios.get("fecha_documento"), asunto=limpios["asunto"],
                tipo_documento_id=tipo.id, prioridad=limpios["prioridad"],
                serie_documental_id=documental.id if documental else None,
                registrado_por=actor.usuario_id, anulado=False, estado="sin_turnar")
            oficio.texto_busqueda = _texto_busqueda(oficio)
            s.add(oficio)
            s.flush()
            for archivo in validos:
                s.add(Anexo(oficio_id=oficio.id, nombre_archivo=archivo.nombre, tipo_mime=archivo.tipo_mime,
                            tamano=len(archivo.contenido), sha256=archivo.sha256, contenido=archivo.contenido,
                            subido_por=actor.usuario_id))
            s.flush()
            return _datos(s, oficio, duplicados)

    def obtener(self, actor: Sesion, numero_control: str) -> DatosOficio:
        requerir(actor, Accion.VER_OFICIOS)
        with self.bd.lectura(actor) as s:
            return _datos(s, self._por_numero(s, numero_control))

    def anular(self, actor: Sesion, numero_control: str, motivo: str) -> DatosOficio:
        """The number stays, marked with its reason; it is never handed out again."""
        requerir(actor, Accion.ANULAR_OFICIOS)
        motivo = v.texto("motivo", motivo, maximo=v.LARGO_TEXTO)
        with self.bd.escritura(actor, accion="anular") as s:
            oficio = self._por_numero(s, numero_control)
            if oficio.anulado:
                raise Conflicto(f"El número {oficio.numero_control} ya estaba anulado.")
            oficio.anulado = True
            oficio.motivo_anulacion = motivo
            s.flush()
            return _datos(s, oficio)

    def buscar(self, actor: Sesion, texto: str, limite: int = 50) -> list[DatosOficio]:
        """Every word must appear (accent- and case-insensitive) in number, sender, subject…"""
        requerir(actor, Accion.VER_OFICIOS)
        palabras = normalizar(texto).split()
        if not palabras:
            return []
        with self.bd.lectura(actor) as s:
            consulta = select(Oficio).where(*(Oficio.texto_busqueda.contains(p, autoescape=True) for p in palabras))
            consulta = consulta.order_by(Oficio.fecha_recepcion.desc()).limit(limite)
            return [_datos(s, o) for o in s.scalars(consulta)]

    @staticmethod
    def _por_numero(s: Session, numero_control: str) -> Oficio:
        texto = (numero_control or "").strip()
        # NJ numbers repeat every year: the most recent year wins, however the number is typed.
        oficio = s.scalars(select(Oficio).where(Oficio.numero_control == texto).order_by(Oficio.anio.desc())).first()
        if oficio is None:
            # Typed without spaces or in lower case, or read by a barcode reader: parse per series.
            for serie in s.scalars(select(SerieControl)):
                leido = numeracion.leer(serie.plantilla, texto)
                if leido:
                    numero, yy, yyyy = leido
                    consulta = select(Oficio).where(Oficio.serie_control_id == serie.id, Oficio.numero == numero)
                    if yyyy or yy is not None:
                        consulta = consulta.where(or_(Oficio.anio == yyyy, Oficio.anio % 100 == yy))
                    oficio = s.scalars(consulta.order_by(Oficio.anio.desc())).first()
                    if oficio:
                        break
        if oficio is None:
            raise NoEncontrado(f"No existe el número de control «{numero_control}».")
        return oficio
