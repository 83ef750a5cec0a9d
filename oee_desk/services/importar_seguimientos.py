"""`importar seguimientos`: the follow-up history of petitions already in the database (cli.md).

Follow-ups are append-only, so a row is the same one again when its petition, date, type and note
are: loading a file twice adds nothing the second time. Each petition's status then follows its
new follow-ups in date order as domain.peticiones.estatus_tras_seguimiento says (the first puts it
«en seguimiento», a «cierre» concludes it); history rarely says how a petition was closed, so the
result stays empty unless the optional `resultado` column gives it.

As in importar_peticiones: bad rows listed and skipped, no query per row, core INSERTs and one
executemany UPDATE, each written row with its audit row, all in one transaction.
"""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from ..db.base import ahora
from ..db.modelos import Auditoria
from ..db.modelos_atencion import Peticion, Seguimiento
from ..domain import numeracion, peticiones as reglas, validacion as v
from ..domain.errores import ErrorValidacion
from ..domain.oficios import TOLERANCIA_FUTURO
from .archivos import numero_de_fila
from .historia_comun import (ImportacionHistoria, Progreso, celdas, en_lista, fila_auditoria, insertar, leer_fecha,
                             leer_folio, nuevo_id, opcion, series_de_peticiones, valor_auditoria)
from .importar_oficios import ResumenImportacion
from .sesion import Sesion

COLUMNAS = ["folio", "fecha", "tipo", "nota", "resultado"]  # `resultado` is optional, beyond cli.md's four
OBLIGATORIAS = {"folio", "fecha", "tipo"}
CAMBIOS = ("estatus", "resultado", "fecha_conclusion", "proxima_llamada")


@dataclass
class _Fila:
    fila: int
    folio: str
    fecha: dt.datetime
    solo_dia: bool
    tipo: str
    nota: str | None
    resultado: str | None
    peticion_id: uuid.UUID | None = None


class ServicioImportarSeguimientos(ImportacionHistoria):
    columnas, obligatorias = COLUMNAS, OBLIGATORIAS

    def cargar(self, s: Session, actor: Sesion, filas: list, mapa: dict, *,
               progreso: Progreso | None = None) -> ResumenImportacion:
        resumen = ResumenImportacion(leidas=len(filas))
        momento = ahora()
        pasos = 2 * len(filas) or 1
        series = series_de_peticiones(s)
        validas: list[_Fila] = []
        for posicion, crudo in enumerate(filas, start=2):
            fila_n = numero_de_fila(crudo, posicion)
            try:
                validas.append(self._fila(fila_n, celdas(crudo, mapa), series, momento))
            except ErrorValidacion as e:
                resumen.errores += [{"fila": fila_n, "columna": p.campo, "motivo": p.mensaje} for p in e.problemas]
            if progreso and fila_n % 1000 == 0:
                progreso(fila_n - 1, pasos)  # rows checked so far

        peticiones = self._peticiones(s, {f.folio for f in validas})
        buenas: list[_Fila] = []
        for f in validas:
            p = peticiones.get(f.folio)
            if p is None:
                resumen.errores.append({"fila": f.fila, "columna": "folio",
                                        "motivo": f"no existe la petición con folio «{f.folio}»"})
                continue
            recepcion = p["fecha_recepcion"]
            if f.solo_dia and f.fecha.date() == recepcion.date():
                f.fecha = recepcion  # «that day»: not before the petition arrived
            if (f.fecha.date() if f.solo_dia else f.fecha) < (recepcion.date() if f.solo_dia else recepcion):
                resumen.errores.append({"fila": f.fila, "columna": "fecha", "motivo": (
                    f"no puede ser anterior a la recepción de la petición ({recepcion:%Y-%m-%d %H:%M})")})
                continue
            f.peticion_id = p["id"]
            buenas.append(f)
        if progreso:
            progreso(len(filas), pasos)

        ya = self._existentes(s, {f.peticion_id for f in buenas})
        nuevas: list[_Fila] = []
        for f in buenas:
            clave = (f.peticion_id, f.fecha, f.tipo, f.nota)
            if clave in ya:
                resumen.ya_existian += 1
            else:
                ya.add(clave)
                nuevas.append(f)

        registros, auditoria, cambios = [], [], []
        for f in nuevas:
            registro = {"id": nuevo_id(), "peticion_id": f.peticion_id, "fecha": f.fecha, "tipo": f.tipo,
                        "resultado": f.resultado, "nota": f.nota, "registrado_por": actor.usuario_id,
                        "creado": momento}
            registros.append(registro)
            auditoria.append(fila_auditoria(actor, momento, "seguimientos", registro["id"], None, {
                "folio": f.folio, "fecha": f.fecha.isoformat(), "tipo": f.tipo, "resultado": f.resultado}))
        # Each petition's status follows its new follow-ups in date order.
        por_peticion: dict[uuid.UUID, list[_Fila]] = {}
        for f in nuevas:
            por_peticion.setdefault(f.peticion_id, []).append(f)
        por_id = {p["id"]: p for p in peticiones.values()}
        for peticion_id, grupo in por_peticion.items():
            p = por_id[peticion_id]
            antes = {k: p[k] for k in CAMBIOS}
            despues = dict(antes)
            for f in sorted(grupo, key=lambda f: (f.fecha, f.fila)):
                despues["estatus"] = reglas.estatus_tras_seguimiento(despues["estatus"], f.tipo)
                if f.tipo == "cierre" and despues["estatus"] == "concluida":
                    if despues["fecha_conclusion"] is None or f.fecha.date() > despues["fecha_conclusion"]:
                        despues["fecha_conclusion"] = f.fecha.date()
                    if f.resultado is not None:
                        despues["resultado"] = f.resultado
                    despues["proxima_llamada"] = None
            distintos = [k for k in CAMBIOS if despues[k] != antes[k]]
            if not distintos:
                continue
            cambios.append({"b_id": peticion_id, **{f"b_{k}": despues[k] for k in CAMBIOS}})
            auditoria.append(fila_auditoria(
                actor, momento, "peticiones", peticion_id, {k: valor_auditoria(antes[k]) for k in distintos},
                {k: valor_auditoria(despues[k]) for k in distintos}))

        if cambios:
            t = Peticion.__table__
            s.execute(update(t).where(t.c.id == bindparam("b_id")).values(
                **{k: bindparam(f"b_{k}") for k in CAMBIOS}, actualizado=momento, version=t.c.version + 1), cambios)
        insertar(s, [(Seguimiento, registros), (Auditoria, auditoria)], progreso, (len(filas), pasos))
        if progreso:
            progreso(pasos, pasos)
        resumen.cargadas = len(registros)
        resumen.omitidas = resumen.leidas - resumen.cargadas - resumen.ya_existian
        resumen.errores.sort(key=lambda e: e["fila"])  # in the file's order, whatever step found them
        return resumen

    @staticmethod
    def _fila(fila_n: int, c: dict, series: list, momento: dt.datetime) -> _Fila:
        val = v.Validador()
        folio = val.campo("folio", v.texto, c.get("folio"), maximo=60)
        fecha, solo_dia = None, False
        if c.get("fecha") is None:
            val.agregar("fecha", "es obligatoria")
        else:
            try:
                fecha, solo_dia = leer_fecha("fecha", c["fecha"])
            except ErrorValidacion as e:
                val.problemas += e.problemas
        tipo = val.campo("tipo", opcion, c.get("tipo"), opciones=reglas.TIPOS_SEGUIMIENTO)
        nota = val.campo("nota", v.texto, c.get("nota"), requerido=False, maximo=v.LARGO_TEXTO)
        resultado = None
        if c.get("resultado") is not None and tipo is not None:
            if tipo in reglas.LLAMADAS:
                resultado = val.campo("resultado", opcion, c["resultado"], opciones=reglas.RESULTADOS_LLAMADA)
            elif tipo == "cierre":
                resultado = val.campo("resultado", opcion, c["resultado"], opciones=reglas.RESULTADOS)
            else:
                val.agregar("resultado", "solo las llamadas y el cierre llevan resultado")
        if fecha is not None and fecha > momento + TOLERANCIA_FUTURO:
            val.agregar("fecha", "no puede estar en el futuro")
        if fecha is not None and fecha.year < 2000:
            val.agregar("fecha", "es anterior al año 2000")
        val.listo()
        return _Fila(fila_n, folio_canonico(series, folio), fecha, solo_dia, tipo, nota, resultado)

    @staticmethod
    def _peticiones(s: Session, folios: set[str]) -> dict[str, dict]:
        """The petitions of these folios, locked until COMMIT (an operator's follow-up waits)."""
        t = Peticion.__table__
        encontradas: dict[str, dict] = {}
        for condicion in en_lista(s, t.c.folio, folios):
            consulta = (select(t.c.id, t.c.folio, t.c.fecha_recepcion, *(t.c[k] for k in CAMBIOS))
                        .where(condicion).with_for_update())
            for fila in s.execute(consulta).mappings():
                encontradas[fila["folio"]] = dict(fila)
        return encontradas

    @staticmethod
    def _existentes(s: Session, peticiones: set) -> set[tuple]:
        ya = set()
        for condicion in en_lista(s, Seguimiento.peticion_id, peticiones):
            ya.update((pid, fecha, tipo, nota) for pid, fecha, tipo, nota in s.execute(
                select(Seguimiento.peticion_id, Seguimiento.fecha, Seguimiento.tipo, Seguimiento.nota)
                .where(condicion)))
        return ya


def folio_canonico(series: list, texto: str | None) -> str | None:
    """«ac-2022-123» → «AC-2022-000123», as the folio is stored; text of no series stays as typed."""
    if texto is None:
        return None
    leido = leer_folio(series, texto)
    if leido is None or leido[2] is None:
        return texto.strip()
    serie, numero, anio = leido
    return numeracion.formatear(serie.plantilla, numero, anio)

