"""Use cases. `Servicios` bundles the ones a front end needs, built on one database."""
from __future__ import annotations

from dataclasses import dataclass

from ..db.motor import BaseDatos
from .anexos import ServicioAnexos
from .auditoria import ServicioAuditoria
from .bandeja import ServicioBandeja
from .catalogos import ServicioCatalogos
from .cierres import ServicioCierres
from .ciudadanos import ServicioCiudadanos
from .correspondencia import ServicioCorrespondencia
from .fusion import ServicioFusion
from .giras import ServicioGiras
from .grupos_turno import ServicioGruposTurno
from .historia_oficio import ServicioHistoriaOficio
from .lista_peticiones import ServicioListaPeticiones
from .metas import ServicioMetas
from .numeracion import ServicioSeries
from .peticiones import ServicioPeticiones
from .plazos import ServicioPlazos
from .poa import ServicioPoa
from .privacidad import ServicioPrivacidad
from .reporte_estatus import ServicioReporteEstatus
from .reportes_atencion import ServicioReportesAtencion
from .seguimientos import ServicioSeguimientos
from .tablero import ServicioTablero
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
    ciudadanos: ServicioCiudadanos
    peticiones: ServicioPeticiones
    lista_peticiones: ServicioListaPeticiones
    seguimientos: ServicioSeguimientos
    giras: ServicioGiras
    privacidad: ServicioPrivacidad
    fusion: ServicioFusion
    metas: ServicioMetas
    poa: ServicioPoa
    cierres: ServicioCierres
    tablero: ServicioTablero
    reportes: ServicioReportesAtencion

    @classmethod
    def de(cls, bd: BaseDatos) -> "Servicios":
        return cls(bd, ServicioUsuarios(bd), ServicioCatalogos(bd), ServicioAuditoria(bd),
                   ServicioCorrespondencia(bd), ServicioTurnos(bd), ServicioBandeja(bd), ServicioAnexos(bd),
                   ServicioGruposTurno(bd), ServicioSeries(bd), ServicioReporteEstatus(bd),
                   ServicioPlazos(bd), ServicioHistoriaOficio(bd), ServicioCiudadanos(bd), ServicioPeticiones(bd),
                   ServicioListaPeticiones(bd), ServicioSeguimientos(bd), ServicioGiras(bd),
                   ServicioPrivacidad(bd), ServicioFusion(bd), ServicioMetas(bd), ServicioPoa(bd), ServicioCierres(bd),
                   ServicioTablero(bd), ServicioReportesAtencion(bd))
