"""`importar oficios`: the office's history spreadsheet into the database (cli.md, import files).

Idempotent: a row whose control number is already registered is skipped, and so is a row without
a number whose series, reception time, sender and subject are already there. Bad rows are listed
(row, column, reason) and skipped; the good ones load together, in one transaction, with core
INSERTs in batches (75,000 rows must take seconds, not minutes) and their audit rows beside them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from sqlalchemy import insert, select

from ..db.base import ahora, nuevo_id
from ..db.modelos import Auditoria, Dependencia, Instruccion, SerieControl, TipoDocumento
from ..db.modelos_correspondencia import Oficio, Turno
from ..db.motor import BaseDatos
from ..domain import numeracion, semaforo
from ..domain.errores import ErrorValidacion, Problema
from ..domain.oficios import numero_remitente_normalizado, validar_registro
from ..domain.roles import Accion
from ..domain.texto import normalizar
from .archivos import numero_de_fila
from .lectura_turnos import calendario
from .numeracion import elevar_al_menos, tomar_numero
from .sesion import Sesion, requerir

COLUMNAS = ["numero_control", "serie", "fecha_recepcion", "remitente", "cargo", "institucion", "destinatario",
            "numero_oficio_remitente", "fecha_documento", "asunto", "turnado_a", "estatus"]
OBLIGATORIAS = {"serie", "fecha_recepcion", "remitente", "asunto"}
# The registration's field names for the sender, and the file's columns they come from.
COLUMNA_DEL_ARCHIVO = {"remitente.nombre": "remitente", "remitente.cargo": "cargo",
                       "remitente.institucion": "institucion"}
# History rarely says how long an agency had; this is the office's usual term.
PLAZO_HISTORICO = 10
INSTRUCCION_HISTORICA = "atencion_procedente"
ESTATUS = {"atendido": "atendido", "en proceso": "en_proceso", "en_proceso": "en_proceso",
           "sin atender": "sin_atender", "sin_atender": "sin_atender", "pendiente": "sin_atender",
           "turnado": "sin_atender", "no requiere respuesta": "no_requiere", "anulado": "anulado", "": "sin_atender"}
LOTE = 1000


@dataclass
class ResumenImportacion:
    leidas: int = 0
    cargadas: int = 0
    omitidas: int = 0
    ya_existian: int = 0
    errores: list[dict] = field(default_factory=list)

    def como_json(self) -> dict:
        return {"leidas": self.leidas, "cargadas": self.cargadas, "omitidas": self.omitidas,
                "ya_existian": self.ya_existian, "errores": self.errores}


class ServicioImportarOficios:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def importar(self, actor: Sesion, filas: Iterable[dict[str, Any]], *, simular: bool = False,
                 progreso: Callable[[int, int], None] | None = None) -> ResumenImportacion:
        requerir(actor, Accion.REGISTRAR_OFICIOS)
        filas = list(filas)
        resumen = ResumenImportacion(leidas=len(filas))
        if filas:
            faltan = OBLIGATORIAS - {str(k).strip().lower() for k in filas[0]}
            if faltan:
                raise ErrorValidacion.de("columnas", "faltan en el archivo: " + ", ".join(sorted(faltan)))
        momento = ahora()
        with self.bd.escritura(actor, accion="importar") as s:
            series = {normalizar(x.codigo): x for x in s.scalars(
                select(SerieControl).where(SerieControl.uso == "correspondencia"))}
            dependencias = {normalizar(d.codigo): d for d in s.scalars(select(Dependencia))}
            dependencias.update({normalizar(d.nombre): d for d in dependencias.copy().values()})
            tipo = s.scalar(select(TipoDocumento).where(TipoDocumento.codigo == "oficio"))
            instruccion = s.scalar(select(Instruccion).where(Instruccion.codigo == INSTRUCCION_HISTORICA))
            cal = calendario(s)
            existentes = set(s.execute(select(Oficio.serie_control_id, Oficio.anio, Oficio.numero)).all())
            sin_numero = {(o.serie_control_id, o.fecha_recepcion, normalizar(o.remitente_nombre), normalizar(o.asunto))
                          for o in s.execute(select(Oficio.serie_control_id, Oficio.fecha_recepcion,
                                                    Oficio.remitente_nombre, Oficio.asunto))}
            oficios, turnos, auditoria, maximos, pendientes = [], [], [], {}, []
            for posicion, crudo in enumerate(filas, start=2):
                fila_n = numero_de_fila(crudo, posicion)
                try:
                    fila = self._fila(crudo, series, dependencias, momento)
                except ErrorValidacion as e:
                    resumen.errores += [{"fila": fila_n, "columna": p.campo, "motivo": p.mensaje} for p in e.problemas]
                    continue
                serie, anio, numero = fila["serie"], fila["anio"], fila["numero"]
                if numero is not None and (serie.id, anio, numero) in existentes:
                    resumen.ya_existian += 1
                    continue
                natural = (serie.id, fila["fecha_recepcion"], normalizar(fila["remitente"]), normalizar(fila["asunto"]))
                if numero is None and natural in sin_numero:
                    resumen.ya_existian += 1
                    continue
                sin_numero.add(natural)
                if numero is None:
                    pendientes.append(fila)  # numbered after the numbered rows raised the counters
                else:
                    existentes.add((serie.id, anio, numero))
                    maximos[(serie.id, anio)] = max(maximos.get((serie.id, anio), 0), numero)
                    self._agregar(fila, oficios, turnos, auditoria, actor, tipo, instruccion, cal)
            for (serie_id, anio), maximo in maximos.items():
                elevar_al_menos(s, serie_id, anio, maximo + 1)
            for fila in pendientes:
                fila["numero"] = tomar_numero(s, fila["serie"].id, fila["anio"])
                self._agregar(fila, oficios, turnos, auditoria, actor, tipo, instruccion, cal)
            total = len(oficios) + len(turnos) + len(auditoria)
            hechos = 0
            for tabla, registros in ((Oficio, oficios), (Turno, turnos), (Auditoria, auditoria)):
                for i in range(0, len(registros), LOTE):
                    s.execute(insert(tabla), registros[i:i + LOTE])
                    hechos += len(registros[i:i + LOTE])
                    if progreso:
                        progreso(hechos, total)
            resumen.cargadas = len(oficios)
            if simular:
                s.rollback()
        resumen.omitidas = resumen.leidas - resumen.cargadas - resumen.ya_existian
        return resumen

    @staticmethod
    def _fila(crudo: dict, series: dict, dependencias: dict, momento: dt.datetime) -> dict:
        if not isinstance(crudo, dict):
            raise ErrorValidacion.de("fila", "no es una fila con columnas")
        c = {str(k).strip().lower(): (v.strip() if isinstance(v, str) else v) for k, v in crudo.items() if k}
        if c.get("fecha_recepcion") in (None, ""):
            # The registration form takes «now» for a missing date; history has no «now».
            raise ErrorValidacion.de("fecha_recepcion", "es obligatoria")
        try:
            limpios = validar_registro({
                "serie": c.get("serie"), "fecha_recepcion": c.get("fecha_recepcion"),
                "remitente": {"nombre": c.get("remitente"), "cargo": c.get("cargo"),
                              "institucion": c.get("institucion")},
                "destinatario": c.get("destinatario"),
                "numero_oficio_remitente": _texto(c.get("numero_oficio_remitente")),
                "fecha_documento": c.get("fecha_documento"), "asunto": c.get("asunto")}, momento)
        except ErrorValidacion as e:  # named as the file's columns, not the form's fields
            raise ErrorValidacion([Problema(COLUMNA_DEL_ARCHIVO.get(p.campo, p.campo), p.mensaje)
                                   for p in e.problemas]) from None
        serie = series.get(normalizar(limpios["serie"]))
        if serie is None:
            raise ErrorValidacion.de("serie", f"la serie «{limpios['serie']}» no existe")
        recepcion = limpios["fecha_recepcion"]
        numero = None
        if c.get("numero_control"):
            leido = numeracion.leer(serie.plantilla, str(c["numero_control"]))
            if leido is None:
                raise ErrorValidacion.de("numero_control", f"«{c['numero_control']}» no sigue la plantilla "
                                                           f"{serie.plantilla} de la serie {serie.codigo}")
            numero, yy, yyyy = leido
            if (yy is not None and yy != recepcion.year % 100) or (yyyy is not None and yyyy != recepcion.year):
                raise ErrorValidacion.de("numero_control", "su año no coincide con la fecha de recepción")
            if numero < 1:
                raise ErrorValidacion.de("numero_control", "el número debe ser mayor que cero")
        estatus = ESTATUS.get(normalizar(str(c.get("estatus") or "")))
        if estatus is None:
            raise ErrorValidacion.de("estatus", "use atendido, en proceso, sin atender, no requiere respuesta o anulado")
        destinos = []
        for nombre in filter(None, (x.strip() for x in str(c.get("turnado_a") or "").split(";"))):
            dependencia = dependencias.get(normalizar(nombre))
            if dependencia is None:
                raise ErrorValidacion.de("turnado_a", f"«{nombre}» no existe en el catálogo de dependencias")
            if dependencia not in destinos:
                destinos.append(dependencia)
        return {**limpios, "serie": serie, "anio": recepcion.year, "numero": numero, "estatus": estatus,
                "destinos": destinos, "remitente": limpios["remitente.nombre"]}

    @staticmethod
    def _agregar(fila, oficios, turnos, auditoria, actor, tipo, instruccion, cal) -> None:
        serie, recepcion = fila["serie"], fila["fecha_recepcion"]
        oficio_id = nuevo_id()
        anulado = fila["estatus"] == "anulado"
        estatus_turno = "sin_atender" if anulado else fila["estatus"]
        registro = {
            "id": oficio_id, "serie_control_id": serie.id, "anio": fila["anio"], "numero": fila["numero"],
            "numero_control": numeracion.formatear(serie.plantilla, fila["numero"], fila["anio"]),
            "fecha_recepcion": recepcion, "destinatario": fila.get("destinatario") or serie.destinatario,
            "remitente_nombre": fila["remitente"], "remitente_cargo": fila.get("remitente.cargo"),
            "remitente_institucion": fila.get("remitente.institucion"),
            "numero_oficio_remitente": fila.get("numero_oficio_remitente"), "fecha_documento": fila.get("fecha_documento"),
            "asunto": fila["asunto"], "tipo_documento_id": tipo.id if tipo else None, "prioridad": "normal",
            "serie_documental_id": None, "registrado_por": actor.usuario_id, "anulado": anulado,
            "motivo_anulacion": "Anulado según el archivo histórico" if anulado else None,
            "estado": semaforo.estado_asunto([("responsable", estatus_turno)] * len(fila["destinos"])),
            "primer_turno": recepcion if fila["destinos"] else None,
            "creado": ahora(), "actualizado": ahora(), "version": 1,
        }
        registro["numero_remitente_normalizado"] = numero_remitente_normalizado(registro["numero_oficio_remitente"])
        registro["texto_busqueda"] = normalizar(" ".join(filter(None, [
            registro["numero_control"], registro["remitente_nombre"], registro["remitente_cargo"],
            registro["remitente_institucion"], registro["numero_oficio_remitente"], registro["asunto"]])))
        oficios.append(registro)
        for dependencia in fila["destinos"]:
            limite = cal.sumar(recepcion.date(), PLAZO_HISTORICO)
            turnos.append({
                "id": nuevo_id(), "oficio_id": oficio_id, "dependencia_id": dependencia.id, "rol": "responsable",
                "instruccion_id": instruccion.id, "plazo_dias_habiles": PLAZO_HISTORICO, "fecha_turno": recepcion,
                "fecha_limite": limite, "fecha_alerta": semaforo.fecha_alerta(recepcion.date(), limite, PLAZO_HISTORICO, cal),
                "nota": None, "estatus": estatus_turno, "fecha_acuse": None, "fecha_respuesta": None,
                "avance_pct": 100 if estatus_turno in ("atendido", "no_requiere") else 0,
                "turnado_por": actor.usuario_id, "cancelado": False, "motivo_cancelacion": None,
                "creado": ahora(), "actualizado": ahora(), "version": 1})
        auditoria.append({"id": nuevo_id(), "momento": ahora(), "usuario_id": actor.usuario_id, "usuario": actor.nombre,
                          "accion": "importar", "tabla": "oficios", "registro_id": str(oficio_id), "antes": None,
                          "despues": {"numero_control": registro["numero_control"],
                                      "turnado_a": [d.codigo for d in fila["destinos"]], "estatus": fila["estatus"]}})


def _texto(valor: Any) -> str | None:
    """Spreadsheets turn «123» into the number 123.0; a sender's number is text."""
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    return None if valor is None else str(valor)
