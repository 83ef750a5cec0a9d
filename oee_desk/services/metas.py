"""Metas POA: load a year's goals (`metas cargar`), list them, copy them to a new year, capture the
achieved values of a manual meta (its own area only), remove one. Closed months refuse changes."""
from __future__ import annotations

from sqlalchemy import select

from ..db.base import nuevo_id
from ..db.modelos import Usuario
from ..db.modelos_metas import CierreMes, Meta
from ..db.motor import BaseDatos
from ..domain import metas as reglas
from ..domain import validacion as v
from ..domain.errores import Conflicto, ErrorValidacion, NoEncontrado, PermisoDenegado, Problema
from ..domain.roles import Accion, Rol
from ..domain.texto import MESES, normalizar
from .cierres import ultimo_mes_cerrado
from .sesion import Sesion, requerir
from .versiones import comprobar_version

CAMPOS = ("descripcion", "area", "unidad", "periodicidad", "fuente", "regla", "programado", "alcanzado")
# What the closed months' figures were computed with: how values roll up (unit, periodicity), which
# TOTALES they join (unit), where they come from (source, rule). Fixed once a month of the year is closed.
ESTRUCTURA = ("unidad", "periodicidad", "fuente", "regla")


def _cambios_en_cerrados(campo: str, antes: list | None, despues: list | None, ultimo: int, *,
                         nueva: bool = False) -> list[Problema]:
    """A value of a closed period that would change: it was printed in a closed month's report. A new
    meta (`antes` None) had nothing there, so any value it brings for a closed period is a change."""
    antes = list(antes or [None] * len(despues or []))
    despues = list(despues or [None] * len(antes))
    if len(antes) != len(despues):  # periodicity changed: every closed period changes
        antes = [object()] * len(despues)
    motivo = "una meta nueva no lleva valores en periodos cerrados" if nueva else "ya no admite cambios"
    return [Problema(f"{campo}[{i}]", f"el periodo {reglas.nombre_periodo(len(despues), i)} está en un mes cerrado: "
                                      f"{motivo}")
            for i, (a, d) in enumerate(zip(antes, despues))
            if a != d and reglas.periodo_cerrado(len(despues), i, ultimo)]


def _meses_cerrados(anio: int, ultimo: int) -> str:
    if ultimo == 1:
        return f"{MESES[0]} de {anio} ya está cerrado"
    return f"{MESES[0]} a {MESES[ultimo - 1]} de {anio} ya están cerrados"


def _problemas_con_cierres(prefijo: str, fila: Meta | None, limpia: dict, anio: int, ultimo: int) -> list[Problema]:
    """What saving `limpia` over `fila` (None: a new meta) would change in the year's closed months:
    how the meta is computed, or a value of a closed period. Empty when no month is closed."""
    if not ultimo:
        return []
    problemas = []
    if fila is not None:
        problemas = [Problema(f"{prefijo}{k}", f"no puede cambiarse: {_meses_cerrados(anio, ultimo)}")
                     for k in ESTRUCTURA if (getattr(fila, k) or None) != (limpia[k] or None)]
        if fila.periodicidad != limpia["periodicidad"]:
            return problemas  # said once, not once per closed period
    # A meta added mid-year needs its plan for every period (programado is required), so the plan of
    # a closed period is accepted for a new one; what it achieved there would rewrite a closed month.
    for campo in ("programado", "alcanzado") if fila is not None else ("alcanzado",):
        problemas += _cambios_en_cerrados(f"{prefijo}{campo}", getattr(fila, campo) if fila is not None else None,
                                          limpia[campo], ultimo, nueva=fila is None)
    return problemas


def _escribir(fila: Meta, valores: dict) -> bool:
    """Sets on `fila` the values that differ; True if any did. The ORM writes and audits them, a
    conteo's 90 over a porcentaje's 90.0 included (the column compares them as stored, JSONExacto)."""
    cambios = {k: x for k, x in valores.items() if not _iguales(fila, k, x)}
    for k, x in cambios.items():
        setattr(fila, k, x)
    return bool(cambios)


def _iguales(fila: Meta, campo: str, valor) -> bool:
    return Meta.__table__.c[campo].type.compare_values(getattr(fila, campo), valor)


def _puede_capturar(actor: Sesion, area: str | None, meta: Meta) -> bool:
    """Supervisors capture any manual meta; the other capturing roles, their own area's only
    (compared without regard to case or accents)."""
    if meta.fuente != "manual" or not actor.puede(Accion.CAPTURAR_METAS):
        return False
    return actor.rol == Rol.SUPERVISOR or bool(area) and normalizar(area) == normalizar(meta.area)


class ServicioMetas:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def cargar(self, actor: Sesion, documento: dict) -> dict:
        """Create or replace the year's metas by number; every change audited. Returns a summary.
        Once a month of the year is closed, nothing its printed figures came from may change: a meta's
        unit, periodicity, source or rule, nor any value of a closed period (a new meta's included)."""
        requerir(actor, Accion.DEFINIR_METAS)
        anio, metas = reglas.validar_documento(documento)
        creadas = actualizadas = 0
        with self.bd.escritura(actor) as s:
            existentes = {m.numero: m for m in s.scalars(select(Meta).where(Meta.anio == anio))}
            ultimo = ultimo_mes_cerrado(s, anio)
            problemas = [p for i, limpia in enumerate(metas)
                         for p in _problemas_con_cierres(f"metas[{i}].", existentes.get(limpia["numero"]), limpia,
                                                         anio, ultimo)]
            if problemas:
                raise ErrorValidacion(problemas)
            for limpia in metas:
                fila = existentes.get(limpia["numero"])
                if fila is None:
                    s.add(Meta(id=nuevo_id(), anio=anio, **limpia))
                    creadas += 1
                    continue
                actualizadas += _escribir(fila, {k: limpia[k] for k in CAMPOS})
        return {"anio": anio, "metas": len(metas), "creadas": creadas, "actualizadas": actualizadas}

    def guardar(self, actor: Sesion, anio: int, datos: dict, *, numero_original: int | None = None,
                version: int | None = None) -> dict:
        """One meta from the edit form: a new one (`numero_original` None) never overwrites another;
        an edit is refused if someone saved that meta meanwhile (`version`). Once a month of the year
        is closed, closed periods keep their values and the meta how it is computed, as in `cargar`."""
        requerir(actor, Accion.DEFINIR_METAS)
        anio = v.entero("anio", anio, minimo=2000, maximo=2100)
        problemas, limpia = [], None
        try:
            limpia = reglas.validar_meta(datos)
        except ErrorValidacion as e:
            problemas = e.problemas
        with self.bd.escritura(actor) as s:
            existentes = {m.numero: m for m in s.scalars(select(Meta).where(Meta.anio == anio))}
            fila = existentes.get(numero_original) if numero_original is not None else None
            if numero_original is not None and fila is None:
                raise NoEncontrado(f"No existe la meta {numero_original} de {anio}.")
            otra = existentes.get(datos.get("numero")) if isinstance(datos, dict) else None
            if otra is not None and otra is not fila:  # said together with any other problem of the form
                problemas = [Problema("numero", f"ya existe la meta {otra.numero} de {anio}"), *problemas]
            if problemas:
                raise ErrorValidacion(problemas)
            if fila is not None:
                comprobar_version(fila, version)
            if problemas := _problemas_con_cierres("", fila, limpia, anio, ultimo_mes_cerrado(s, anio)):
                raise ErrorValidacion(problemas)
            if fila is None:
                s.add(Meta(id=nuevo_id(), anio=anio, **limpia))
                return {"numero": limpia["numero"], "creada": True}
            _escribir(fila, {k: limpia[k] for k in ("numero", *CAMPOS)})
            return {"numero": limpia["numero"], "creada": False}

    def listar(self, actor: Sesion, anio: int) -> list[dict]:
        """The year's metas; areas capture their own, so the roles that capture see them too.
        `capturable`: whether this actor may capture that meta's achieved values."""
        if not actor.puede(Accion.CAPTURAR_METAS):
            requerir(actor, Accion.VER_REPORTES)
        with self.bd.lectura(actor) as s:
            ultimo = ultimo_mes_cerrado(s, anio)
            area = s.scalar(select(Usuario.area).where(Usuario.id == actor.usuario_id))
            return [{"numero": m.numero, **{k: getattr(m, k) for k in CAMPOS}, "version": m.version,
                     "ultimo_mes_cerrado": ultimo, "capturable": _puede_capturar(actor, area, m)}
                    for m in s.scalars(select(Meta).where(Meta.anio == anio).order_by(Meta.numero))]

    def capturar(self, actor: Sesion, anio: int, numero: int, alcanzado: list, version: int | None = None) -> dict:
        """The achieved values, one per period, of a manual meta of the actor's area (supervisors: any)."""
        requerir(actor, Accion.CAPTURAR_METAS)
        with self.bd.escritura(actor, accion="capturar_meta") as s:
            meta = s.scalar(select(Meta).where(Meta.anio == anio, Meta.numero == numero))
            if meta is None:
                raise NoEncontrado(f"No existe la meta {numero} de {anio}.")
            area = s.scalar(select(Usuario.area).where(Usuario.id == actor.usuario_id))
            if meta.fuente == "manual" and not _puede_capturar(actor, area, meta):
                raise PermisoDenegado(
                    f"Solo puede capturar las metas de su área ({area or 'no tiene un área asignada'}); "
                    f"la meta {numero} es de «{meta.area}».")
            if meta.fuente != "manual":
                raise ErrorValidacion.de("alcanzado", "una meta automática se calcula de los registros: no se captura")
            comprobar_version(meta, version)
            limpios = reglas.valores_por_periodo("alcanzado", alcanzado, meta.unidad, len(meta.programado),
                                                 vacios=True)
            if problemas := _cambios_en_cerrados("alcanzado", meta.alcanzado, limpios, ultimo_mes_cerrado(s, anio)):
                raise ErrorValidacion(problemas)
            _escribir(meta, {"alcanzado": limpios})
            s.flush()
            return {"numero": meta.numero, "alcanzado": limpios, "version": meta.version}

    def eliminar(self, actor: Sesion, anio: int, numero: int, version: int | None = None) -> None:
        requerir(actor, Accion.DEFINIR_METAS)
        with self.bd.escritura(actor, accion="eliminar_meta") as s:
            meta = s.scalar(select(Meta).where(Meta.anio == anio, Meta.numero == numero))
            if meta is None:
                raise NoEncontrado(f"No existe la meta {numero} de {anio}.")
            comprobar_version(meta, version)
            if s.scalar(select(CierreMes.id).where(CierreMes.anio == anio).limit(1)):
                raise Conflicto(f"{anio} tiene meses cerrados: la meta {numero} ya salió en un informe impreso "
                                f"y no se elimina (puede dejar de capturarla).")
            s.delete(meta)

    def copiar_anio(self, actor: Sesion, desde: int, hacia: int) -> int:
        """Last year's metas as this year's starting point: same goals, achieved values blank."""
        requerir(actor, Accion.DEFINIR_METAS)
        desde = v.entero("desde", desde, minimo=2000, maximo=2100)
        hacia = v.entero("hacia", hacia, minimo=2000, maximo=2100)
        with self.bd.escritura(actor) as s:
            if s.scalar(select(Meta.id).where(Meta.anio == hacia).limit(1)):
                raise Conflicto(f"El año {hacia} ya tiene metas: edítelas en lugar de copiarlas.")
            origen = list(s.scalars(select(Meta).where(Meta.anio == desde)))
            if not origen:
                raise ErrorValidacion.de("desde", f"el año {desde} no tiene metas que copiar")
            for m in origen:
                s.add(Meta(id=nuevo_id(), anio=hacia, numero=m.numero, descripcion=m.descripcion, area=m.area,
                           unidad=m.unidad, periodicidad=m.periodicidad, fuente=m.fuente, regla=m.regla,
                           programado=reglas.segun_unidad(list(m.programado), m.unidad),
                           alcanzado=[None] * len(m.programado) if m.fuente == "manual" else None))
            return len(origen)
