"""Use cases. `Servicios` bundles the ones a front end needs, built on one database."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ..db.motor import BaseDatos

if TYPE_CHECKING:
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

# attribute -> (module, class)
_SERVICIOS: dict[str, tuple[str, str]] = {
    "usuarios": (".usuarios", "ServicioUsuarios"),
    "catalogos": (".catalogos", "ServicioCatalogos"),
    "auditoria": (".auditoria", "ServicioAuditoria"),
    "correspondencia": (".correspondencia", "ServicioCorrespondencia"),
    "turnos": (".turnos", "ServicioTurnos"),
    "bandeja": (".bandeja", "ServicioBandeja"),
    "anexos": (".anexos", "ServicioAnexos"),
    "grupos_turno": (".grupos_turno", "ServicioGruposTurno"),
    "series": (".numeracion", "ServicioSeries"),
    "reporte_estatus": (".reporte_estatus", "ServicioReporteEstatus"),
    "plazos": (".plazos", "ServicioPlazos"),
    "historia_oficio": (".historia_oficio", "ServicioHistoriaOficio"),
    "ciudadanos": (".ciudadanos", "ServicioCiudadanos"),
    "peticiones": (".peticiones", "ServicioPeticiones"),
    "lista_peticiones": (".lista_peticiones", "ServicioListaPeticiones"),
    "seguimientos": (".seguimientos", "ServicioSeguimientos"),
    "giras": (".giras", "ServicioGiras"),
    "privacidad": (".privacidad", "ServicioPrivacidad"),
    "fusion": (".fusion", "ServicioFusion"),
    "metas": (".metas", "ServicioMetas"),
    "poa": (".poa", "ServicioPoa"),
    "cierres": (".cierres", "ServicioCierres"),
    "tablero": (".tablero", "ServicioTablero"),
    "reportes": (".reportes_atencion", "ServicioReportesAtencion"),
}


class Servicios:
    """Every service on one database. Each one (and its module) is loaded when first used: a
    workstation opening on its inbox need not import the POA, merge or import code to start."""

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

    def __init__(self, bd: BaseDatos):
        self.bd = bd

    @classmethod
    def de(cls, bd: BaseDatos) -> "Servicios":
        return cls(bd)

    def __getattr__(self, nombre: str):
        try:
            modulo, clase = _SERVICIOS[nombre]
        except KeyError:
            raise AttributeError(nombre) from None
        # Two threads asking at once may each build one: harmless, a service only holds `bd`.
        servicio = getattr(importlib.import_module(modulo, __name__), clase)(self.bd)
        setattr(self, nombre, servicio)
        return servicio
