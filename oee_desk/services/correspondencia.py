"""Correspondencia: register received matters with their control number, find and annul them."""
from __future__ import annotations

import datetime as dt
import functools
import operator
import uuid
from typing import NamedTuple

from sqlalchemy import bindparam, insert, or_, select
from sqlalchemy.orm import Session

from ..db.auditoria import fila_auditoria, insertar_auditoria
from ..db.base import ahora, nuevo_id
from ..db.busqueda import Forma, condicion_de_forma, forma_y_valores, palabras as palabras_de
from ..db.modelos import SerieControl
from ..db.modelos_correspondencia import Anexo, Oficio
from ..db.motor import BaseDatos
from ..domain import numeracion, semaforo, validacion as v
from ..domain.anexos import validar_archivos
from ..domain.errores import Conflicto, NoEncontrado, NumeroInexistente
from ..domain.oficios import numero_remitente_normalizado, validar_registro
from ..domain.roles import Accion
from ..domain.texto import normalizar
from . import registro_previo
from .lectura_turnos import DatosTurno, datos_turnos_de, de_oficios
from .numeracion import tomar_numero
from .numeracion_sql import insertar_numerado
from .registro_previo import Duplicado
from .sesion import Sesion, requerir


class DatosOficio(NamedTuple):
    """Immutable; a tuple, as DatosTurno, because a search builds fifty of them per keystroke."""
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
    anexos: list[dict]
    posibles_duplicados: list[Duplicado]
    turnos: list[DatosTurno]
    semaforo: semaforo.Semaforo | None
    turnado_a_tiempo: bool | None  # within 48 hours of reception

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


# What _armar reads of an oficio, in this order: a search selects just these.
_COLUMNAS_DATOS = (Oficio.id, Oficio.serie_control_id, Oficio.numero_control, Oficio.anio, Oficio.numero,
                   Oficio.fecha_recepcion, Oficio.destinatario, Oficio.remitente_nombre, Oficio.remitente_cargo,
                   Oficio.remitente_institucion, Oficio.numero_oficio_remitente, Oficio.fecha_documento,
                   Oficio.asunto, Oficio.prioridad, Oficio.anulado, Oficio.motivo_anulacion, Oficio.version)
_CAMPOS_DATOS = tuple(c.key for c in _COLUMNAS_DATOS)
# The same values of an Oficio, or of a registration's values (a dict). A search's rows already
# hold them in this order: reading a row's columns by name cost 0.4 µs each, as much as the rest.
_valores_de_oficio = operator.attrgetter(*_CAMPOS_DATOS)
_valores_de_registro = operator.itemgetter(*_CAMPOS_DATOS)


@functools.cache
def _anexos_de(dialecto: str):
    """The scans (without their content) of the matters given as `ids`, oldest first; built once per
    engine, as lectura_turnos builds their turnos."""
    return (select(Anexo.oficio_id, Anexo.id, Anexo.nombre_archivo, Anexo.tipo_mime, Anexo.tamano, Anexo.sha256)
            .where(de_oficios(Anexo.oficio_id, dialecto)).order_by(Anexo.creado))


def _anexo(a) -> dict:
    """`a`: an Anexo, or a row of _anexos_de."""
    return {"id": str(a.id), "nombre": a.nombre_archivo, "tipo": a.tipo_mime, "tamano": a.tamano, "sha256": a.sha256}


def _armar(v, serie: str, anexos: list[dict], turnos: list[DatosTurno],
           duplicados: list[Duplicado] | None = None) -> DatosOficio:
    """`v`: an oficio's values in the order of _COLUMNAS_DATOS (more may follow, as in a search's row)."""
    (id_, _, numero_control, anio, numero, recepcion, destinatario, nombre, cargo, institucion,
     numero_remitente, fecha_documento, asunto, prioridad, anulado, motivo, version, *_) = v
    return DatosOficio(
        id_, numero_control, serie, anio, numero, recepcion, destinatario,
        {"nombre": nombre, "cargo": cargo, "institucion": institucion}, numero_remitente, fecha_documento,
        asunto, prioridad, anulado, motivo, version, anexos, duplicados or [], turnos,
        semaforo.de_asunto([(t.rol, t.semaforo) for t in turnos]),
        semaforo.turnado_a_tiempo(recepcion, min(t.fecha_turno for t in turnos) if turnos else None))


def _datos(s: Session, o: Oficio, duplicados: list[Duplicado] | None = None) -> DatosOficio:
    return _datos_de(s, [_valores_de_oficio(o)], duplicados)[0]


def _datos_de(s: Session, oficios: list, duplicados: list[Duplicado] | None = None,
              series: dict[uuid.UUID, str] | None = None) -> list[DatosOficio]:
    """Matters (values in the order of _COLUMNAS_DATOS) with their scans and turnos in a fixed number
    of queries, however many they are. `series`: each series' code, when the caller's query brought it."""
    if not oficios:
        return []
    ids = [o[0] for o in oficios]
    if series is None:
        series = dict(s.execute(select(SerieControl.id, SerieControl.codigo)
                                .where(SerieControl.id.in_({o[1] for o in oficios}))).all())
    turnos = datos_turnos_de(s, ids)  # flushes a write's pending scans before they are read
    anexos: dict[uuid.UUID, list[dict]] = {}
    for a in s.connection().execute(_anexos_de(s.get_bind().dialect.name), {"ids": ids}):
        anexos.setdefault(a.oficio_id, []).append(_anexo(a))
    return [_armar(o, series[o[1]], anexos.get(o[0], []), turnos.get(o[0], []), duplicados) for o in oficios]


def _texto_de(v: dict) -> str:
    """The searchable text of a matter's values, without its control number (taken last)."""
    return normalizar(" ".join(filter(None, [
        v.get("numero_control"), v["remitente_nombre"], v.get("remitente_cargo"), v.get("remitente_institucion"),
        v.get("numero_oficio_remitente"), v["asunto"]])))


_INSERTAR_OFICIO = insert(Oficio.__table__)
@functools.cache
def _consulta_buscar(forma: Forma):
    """Built once per shape of the typed words (db.busqueda.forma_y_valores): a search runs at every
    keystroke, and building this statement cost as much Python as running it."""
    # The series' code as a subquery, not a join: PostgreSQL looks it up for the fifty rows returned
    # only. A join was seen to join every match of two common words (hundreds) before sorting:
    # 0.6 ms more at 100,000 matters.
    codigo = select(SerieControl.codigo).where(SerieControl.id == Oficio.serie_control_id).scalar_subquery()
    return (select(*_COLUMNAS_DATOS, codigo.label("serie_codigo"))
            .where(condicion_de_forma(Oficio.texto_busqueda, forma))
            .order_by(Oficio.fecha_recepcion.desc()).limit(bindparam("limite")))


class ServicioCorrespondencia:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def duplicados(self, actor: Sesion, remitente: str | None, numero_oficio_remitente: str | None,
                   sha256s: list[str] = ()) -> list[Duplicado]:
        """Earlier matters with the same sender and sender's number, or the same scanned file."""
        requerir(actor, Accion.VER_OFICIOS)
        with self.bd.lectura(actor) as s:
            return registro_previo.duplicados(s, remitente, numero_oficio_remitente, list(sha256s))

    def registrar(self, actor: Sesion, datos: dict, archivos: list[tuple[str, bytes]] = ()) -> DatosOficio:
        """Validate, take the next control number and store the matter and its scans, all at once."""
        requerir(actor, Accion.REGISTRAR_OFICIOS)
        limpios = validar_registro(datos, ahora())
        validos = validar_archivos(archivos)
        if not self.bd.es_sqlite and not validos:
            # PostgreSQL without scans: the write is the one statement that takes the number and
            # writes the oficio and its audit row (numeracion_sql), committed by itself. Eight clerks
            # registering at once wait on the series' counter row; this way it stays locked for the
            # server's own work only, not for a round trip to this workstation and back to COMMIT.
            with self.bd.escritura_de_una_sentencia(actor, cuenta_leida_por_quien_llama=True) as s:
                serie, valores, duplicados, resto_texto = self._preparar(s, actor, limpios, validos)
                tomado = insertar_numerado(s.connection(), valores, fila_auditoria(actor, "crear", Oficio, valores),
                                           serie.id, serie.plantilla, resto_texto)
            if tomado is not None:
                valores["numero"], valores["numero_control"] = tomado
                return _armar(_valores_de_registro(valores), serie.codigo, [], [], duplicados)
            # An unusual template, or the year's first number (its counter row is made): nothing was
            # written; the general path below does it in a transaction.
        with self.bd.escritura(actor) as s:
            serie, valores, duplicados, resto_texto = self._preparar(s, actor, limpios, validos)
            # The counter row stays locked until COMMIT and every other workstation registering in the
            # series waits for it: the number is taken last.
            valores["numero"] = tomar_numero(s, serie.id, valores["anio"])
            valores["numero_control"] = numeracion.formatear(serie.plantilla, valores["numero"], valores["anio"])
            valores["texto_busqueda"] = f"{normalizar(valores['numero_control'])} {resto_texto}"
            s.connection().execute(_INSERTAR_OFICIO, valores)
            insertar_auditoria(s, actor, "crear", Oficio, valores)
            anexos = []
            if validos:
                anexos = [Anexo(id=nuevo_id(), oficio_id=valores["id"], nombre_archivo=a.nombre,
                                tipo_mime=a.tipo_mime, tamano=len(a.contenido), sha256=a.sha256,
                                contenido=a.contenido, subido_por=actor.usuario_id) for a in validos]
                s.add_all(anexos)
                s.flush()
        # Built after COMMIT: the next clerk's registration has been waiting for the counter row.
        return _armar(_valores_de_registro(valores), serie.codigo, [_anexo(a) for a in anexos], [], duplicados)

    @staticmethod
    def _preparar(s: Session, actor: Sesion, limpios: dict, validos: list):
        """What a registration reads and computes before it takes the number: the series, the catalog
        ids and the duplicate warning (one statement, registro_previo), and the oficio's values."""
        previo = registro_previo.leer(s, actor, limpios, [a.sha256 for a in validos])
        serie, recepcion, momento = previo.serie, limpios["fecha_recepcion"], ahora()
        valores = dict(
            id=nuevo_id(), serie_control_id=serie.id, anio=recepcion.year,
            fecha_recepcion=recepcion, destinatario=limpios.get("destinatario") or serie.destinatario,
            remitente_nombre=limpios["remitente.nombre"], remitente_cargo=limpios.get("remitente.cargo"),
            remitente_institucion=limpios.get("remitente.institucion"),
            numero_oficio_remitente=limpios.get("numero_oficio_remitente"),
            numero_remitente_normalizado=numero_remitente_normalizado(limpios.get("numero_oficio_remitente")),
            fecha_documento=limpios.get("fecha_documento"), asunto=limpios["asunto"],
            tipo_documento_id=previo.tipo_documento_id, prioridad=limpios["prioridad"],
            serie_documental_id=previo.serie_documental_id, registrado_por=actor.usuario_id, anulado=False,
            motivo_anulacion=None, estado="sin_turnar", primer_turno=None, creado=momento, actualizado=momento,
            version=1)
        return serie, valores, previo.duplicados, _texto_de(valores)

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
            # Columns, not entities: the result is read, never edited, and there may be fifty of them.
            # The series' code comes in the same query: a search runs at every keystroke, and each
            # round trip to the server counts as much as the indexed search itself.
            forma, valores = forma_y_valores(Oficio.texto_busqueda, palabras, self.bd.motor.dialect.name)
            filas = s.connection().execute(_consulta_buscar(forma), {**valores, "limite": limite}).all()
            return _datos_de(s, filas, series={f[1]: f[-1] for f in filas})


def oficio_por_numero(s: Session, numero_control: str) -> Oficio:
    """The matter a person typed or scanned: exact, or read through each series' template."""
    texto = (numero_control or "").strip()
    # NJ numbers repeat every year: the most recent year wins, however the number is typed.
    oficio = s.scalars(select(Oficio).where(Oficio.numero_control == texto).order_by(Oficio.anio.desc())).first()
    de_una_serie = False
    if oficio is None:
        # Typed without spaces or in lower case, or read by a barcode reader: parse per series.
        for serie in s.scalars(select(SerieControl)):
            leido = numeracion.leer(serie.plantilla, texto)
            if leido:
                de_una_serie = True
                numero, yy, yyyy = leido
                consulta = select(Oficio).where(Oficio.serie_control_id == serie.id, Oficio.numero == numero)
                if yyyy or yy is not None:
                    consulta = consulta.where(or_(Oficio.anio == yyyy, Oficio.anio % 100 == yy))
                oficio = s.scalars(consulta.order_by(Oficio.anio.desc())).first()
                if oficio:
                    break
    if oficio is None:
        raise (NumeroInexistente if de_una_serie else NoEncontrado)(
            f"No existe el número de control «{numero_control}».")
    return oficio
