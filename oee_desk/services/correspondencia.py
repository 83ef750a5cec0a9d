"""Correspondencia: register received matters with their control number, find and annul them."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from ..db.auditoria import insertar_auditoria
from ..db.base import ahora, nuevo_id
from ..db.busqueda import condicion_texto, palabras as palabras_de
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
from .lectura_turnos import DatosTurno, datos_turnos_de
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


# What _armar reads of an oficio: a search selects just these (rows have the same attribute names).
_COLUMNAS_DATOS = (Oficio.id, Oficio.serie_control_id, Oficio.numero_control, Oficio.anio, Oficio.numero,
                   Oficio.fecha_recepcion, Oficio.destinatario, Oficio.remitente_nombre, Oficio.remitente_cargo,
                   Oficio.remitente_institucion, Oficio.numero_oficio_remitente, Oficio.fecha_documento,
                   Oficio.asunto, Oficio.prioridad, Oficio.anulado, Oficio.motivo_anulacion, Oficio.version)


def _anexo(a: Anexo) -> dict:
    return {"id": str(a.id), "nombre": a.nombre_archivo, "tipo": a.tipo_mime, "tamano": a.tamano, "sha256": a.sha256}


def _armar(o, serie: str, anexos: list[dict], turnos: list[DatosTurno],
           duplicados: list[Duplicado] | None = None) -> DatosOficio:
    """`o`: an Oficio, or a row of _COLUMNAS_DATOS."""
    return DatosOficio(
        o.id, o.numero_control, serie, o.anio, o.numero, o.fecha_recepcion, o.destinatario,
        {"nombre": o.remitente_nombre, "cargo": o.remitente_cargo, "institucion": o.remitente_institucion},
        o.numero_oficio_remitente, o.fecha_documento, o.asunto, o.prioridad, o.anulado, o.motivo_anulacion,
        o.version, anexos, duplicados or [], turnos, semaforo.de_asunto((t.rol, t.semaforo) for t in turnos),
        semaforo.turnado_a_tiempo(o.fecha_recepcion, min((t.fecha_turno for t in turnos), default=None)))


def _datos(s: Session, o: Oficio, duplicados: list[Duplicado] | None = None) -> DatosOficio:
    return _datos_de(s, [o], duplicados)[0]


def _datos_de(s: Session, oficios: list, duplicados: list[Duplicado] | None = None) -> list[DatosOficio]:
    """Matters with their scans and turnos in a fixed number of queries, however many they are."""
    if not oficios:
        return []
    ids = [o.id for o in oficios]
    series = dict(s.execute(select(SerieControl.id, SerieControl.codigo)
                            .where(SerieControl.id.in_({o.serie_control_id for o in oficios}))).all())
    anexos: dict[uuid.UUID, list[dict]] = {}
    for a in s.scalars(select(Anexo).where(Anexo.oficio_id.in_(ids)).order_by(Anexo.creado)):
        anexos.setdefault(a.oficio_id, []).append(_anexo(a))
    turnos = datos_turnos_de(s, ids)
    return [_armar(o, series[o.serie_control_id], anexos.get(o.id, []), turnos.get(o.id, []), duplicados)
            for o in oficios]


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
            # The indexed search narrows to the few matters whose text holds that number (it is part of
            # texto_busqueda): the exact comparison alone would read every oficio, inside the write lock.
            dialecto = s.get_bind().dialect.name
            consulta = select(Oficio).where(condicion_texto(Oficio.texto_busqueda, normalizar(numero), dialecto),
                                            func.lower(Oficio.numero_oficio_remitente) == numero.strip().lower())
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
            if serie.uso != "correspondencia":
                raise ErrorValidacion.de("serie", f"la serie «{serie.codigo}» no numera correspondencia")
            tipo = resolver(s, "tipos-documento", limpios["tipo_documento"], "tipo_documento")
            documental = resolver(s, "series-documentales", limpios["serie_documental"], "serie_documental") \
                if limpios.get("serie_documental") else None
            duplicados = self._duplicados(s, limpios["remitente.nombre"], limpios.get("numero_oficio_remitente"),
                                          [a.sha256 for a in validos])
            recepcion = limpios["fecha_recepcion"]
            momento = ahora()
            valores = dict(
                id=nuevo_id(), serie_control_id=serie.id, anio=recepcion.year,
                fecha_recepcion=recepcion, destinatario=limpios.get("destinatario") or serie.destinatario,
                remitente_nombre=limpios["remitente.nombre"], remitente_cargo=limpios.get("remitente.cargo"),
                remitente_institucion=limpios.get("remitente.institucion"),
                numero_oficio_remitente=limpios.get("numero_oficio_remitente"),
                fecha_documento=limpios.get("fecha_documento"), asunto=limpios["asunto"],
                tipo_documento_id=tipo.id, prioridad=limpios["prioridad"],
                serie_documental_id=documental.id if documental else None,
                registrado_por=actor.usuario_id, anulado=False, motivo_anulacion=None, estado="sin_turnar",
                primer_turno=None, creado=momento, actualizado=momento, version=1)
            resto_texto = _texto_busqueda(Oficio(**valores))
            anexos = [Anexo(id=nuevo_id(), oficio_id=valores["id"], nombre_archivo=a.nombre, tipo_mime=a.tipo_mime,
                            tamano=len(a.contenido), sha256=a.sha256, contenido=a.contenido,
                            subido_por=actor.usuario_id) for a in validos]
            # The counter row stays locked until COMMIT and every other workstation registering in the
            # series waits for it: the number is taken last, and after it only two prepared INSERTs
            # run (the oficio and its audit row, core statements rather than an ORM flush: the lock
            # is held a third as long).
            valores["numero"] = tomar_numero(s, serie.id, recepcion.year)
            valores["numero_control"] = numeracion.formatear(serie.plantilla, valores["numero"], recepcion.year)
            valores["texto_busqueda"] = f"{normalizar(valores['numero_control'])} {resto_texto}"
            s.execute(insert(Oficio), [valores])
            insertar_auditoria(s, actor, "crear", Oficio, valores)
            if anexos:
                s.add_all(anexos)
                s.flush()
            oficio = Oficio(**valores)
            return _armar(oficio, serie.codigo, [_anexo(a) for a in anexos], [], duplicados)

    def obtener(self, actor: Sesion, numero_control: str) -> DatosOficio:
        requerir(actor, Accion.VER_OFICIOS)
        with self.bd.lectura(actor) as s:
            return _datos(s, oficio_por_numero(s, numero_control))

    def anular(self, actor: Sesion, numero_control: str, motivo: str) -> DatosOficio:
        """The number stays, marked with its reason; it is never handed out again."""
        requerir(actor, Accion.ANULAR_OFICIOS)
        motivo = v.texto("motivo", motivo, maximo=v.LARGO_TEXTO)
        with self.bd.escritura(actor, accion="anular") as s:
            oficio = oficio_por_numero(s, numero_control)
            if oficio.anulado:
                raise Conflicto(f"El número {oficio.numero_control} ya estaba anulado.")
            oficio.anulado = True
            oficio.motivo_anulacion = motivo
            s.flush()
            return _datos(s, oficio)

    def buscar(self, actor: Sesion, texto: str, limite: int = 50) -> list[DatosOficio]:
        """Every word must appear (accent- and case-insensitive) in number, sender, subject…"""
        requerir(actor, Accion.VER_OFICIOS)
        palabras = palabras_de(texto)
        if not palabras:
            return []
        with self.bd.lectura(actor) as s:
            dialecto = self.bd.motor.dialect.name
            # Columns, not entities: the result is read, never edited, and there may be fifty of them.
            consulta = select(*_COLUMNAS_DATOS).where(condicion_texto(Oficio.texto_busqueda, palabras, dialecto))
            consulta = consulta.order_by(Oficio.fecha_recepcion.desc()).limit(limite)
            return _datos_de(s, s.execute(consulta).all())


def oficio_por_numero(s: Session, numero_control: str) -> Oficio:
    """The matter a person typed or scanned: exact, or read through each series' template."""
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
