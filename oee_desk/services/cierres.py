"""Closing a month of the POA tally (supervisor): the month's report is kept as printed, its manual
values refuse changes, and records that reach it later show as adjustments (poa_ajustes)."""
from __future__ import annotations

import calendar
import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from ..db.base import ahora, nuevo_id
from ..db.modelos import Usuario
from ..db.modelos_metas import CierreMes
from ..db.motor import BaseDatos
from ..domain import validacion as v
from ..domain.errores import Conflicto, ErrorValidacion
from ..domain.texto import MESES
from ..domain.roles import Accion
from . import poa, poa_ajustes
from .sesion import Sesion, requerir


@dataclass(frozen=True)
class DatosCierre:
    id: uuid.UUID
    anio: int
    mes: int
    momento: dt.datetime
    cerrado_por: str | None
    nota: str | None

    @property
    def nombre_mes(self) -> str:
        return MESES[self.mes - 1]

    def como_json(self) -> dict:
        return {"anio": self.anio, "mes": self.mes, "momento": self.momento.isoformat(timespec="seconds"),
                "cerrado_por": self.cerrado_por, "nota": self.nota}


def ultimo_mes_cerrado(s, anio: int) -> int:
    """For the services that refuse writes to closed months."""
    return poa_ajustes.ultimo_cerrado(s.scalars(select(CierreMes).where(CierreMes.anio == anio)))


class ServicioCierres:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def listar(self, actor: Sesion, anio: int) -> list[DatosCierre]:
        requerir(actor, Accion.VER_REPORTES)
        with self.bd.lectura(actor) as s:
            filas = s.execute(select(CierreMes, Usuario.nombre_completo)
                              .outerjoin(Usuario, Usuario.id == CierreMes.cerrado_por)
                              .where(CierreMes.anio == anio).order_by(CierreMes.mes))
            return [DatosCierre(c.id, c.anio, c.mes, c.momento, nombre, c.nota) for c, nombre in filas]

    def cerrar_mes(self, actor: Sesion, anio: int, mes: int, nota: str | None = None, *,
                   hoy: dt.date | None = None) -> DatosCierre:
        requerir(actor, Accion.CERRAR_MES)
        val = v.Validador()
        anio = val.campo("anio", v.entero, anio, minimo=2000, maximo=2100)
        mes = val.campo("mes", v.entero, mes, minimo=1, maximo=12)
        nota = val.campo("nota", v.texto, nota, requerido=False, maximo=v.LARGO_TEXTO)
        val.listo()
        hoy = hoy or dt.date.today()
        if dt.date(anio, mes, calendar.monthrange(anio, mes)[1]) >= hoy:
            raise ErrorValidacion.de("mes", f"{MESES[mes - 1]} de {anio} aún no termina: se cierra a partir del "
                                            f"día siguiente a su último día")
        with self.bd.escritura(actor) as s:
            ultimo = ultimo_mes_cerrado(s, anio)
            if mes <= ultimo:
                raise Conflicto(f"{MESES[mes - 1].capitalize()} de {anio} ya está cerrado.")
            if mes != ultimo + 1:
                raise ErrorValidacion.de("mes", f"los meses se cierran en orden: cierre primero "
                                                f"{MESES[ultimo]} de {anio}")
            # The report is computed in this same transaction, so what is kept is what was counted.
            series: dict = {}
            reporte = poa.calcular(s, actor, anio, mes, series=series)
            cierre = CierreMes(id=nuevo_id(), anio=anio, mes=mes, momento=ahora(), cerrado_por=actor.usuario_id,
                               foto=reporte.foto(series), nota=nota)
            s.add(cierre)
            s.flush()
            return DatosCierre(cierre.id, anio, mes, cierre.momento, actor.nombre_completo, nota)
