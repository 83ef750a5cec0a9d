"""Use cases. `Servicios` bundles the ones a front end needs, built on one database."""
from __future__ import annotations

from dataclasses import dataclass

from ..db.motor import BaseDatos
from .anexos import ServicioAnexos
from .auditoria import ServicioAuditoria
from .bandeja import ServicioBandeja
from .catalogos import ServicioCatalogos
from .correspondencia import ServicioCorrespondencia
from .grupos_turno import ServicioGruposTurno
from .historia_oficio import ServicioHistoriaOficio
from .numeracion import ServicioSeries
from .plazos import ServicioPlazos
from .reporte_estatus import ServicioReporteEstatus
from .turnos import ServicioTurnos
from .usuarios import ServicioUsuarios


@dataclass(frozen=True)
class Servicios:
    bd: BaseDatos
    usuarios: ServicioUsuarios
    catalogos: ServicioCatalogos
    auditoria: ServicioAuditoria
    correspondencia: ServicioCorrespondencia
    turnos: ServicioTurnos
    bandeja: ServicioBandeja
    anexos: ServicioAnexos
    grupos_turno: ServicioGruposTurno
    series: ServicioSeries
    reporte_estatus: ServicioReporteEstatus
    plazos: ServicioPlazos
    historia_oficio: ServicioHistoriaOficio

    @classmethod
    def de(cls, bd: BaseDatos) -> "Servicios":
        return cls(bd, ServicioUsuarios(bd), ServicioCatalogos(bd), ServicioAuditoria(bd),
                   ServicioCorrespondencia(bd), ServicioTurnos(bd), ServicioBandeja(bd), ServicioAnexos(bd),
                   ServicioGruposTurno(bd), ServicioSeries(bd), ServicioReporteEstatus(bd),
                   ServicioPlazos(bd), ServicioHistoriaOficio(bd))
