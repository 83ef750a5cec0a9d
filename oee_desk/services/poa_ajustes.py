"""Closed months in the POA tally: a printed month never changes; what arrives later goes to the
first open month as an adjustment.

Closing month M keeps the report as printed (year to date, months 1..M). Months are closed in order,
so the last closing's copy holds every closed month as printed. Reporting later, months 1..M show
that copy, and for each row the difference between today's count of those months and the printed one
(a gira synced weeks late, an annulment, a merge) is added to month M+1 and listed as an adjustment.
When M+1 is closed in turn, its printed figure includes the adjustment, so nothing is counted twice
and the year's total is exact.
"""
from __future__ import annotations

from sqlalchemy import select

from ..db.modelos import Usuario


def ultimo_cerrado(cierres) -> int:
    """The last month of the unbroken run of closed months from January (0: none)."""
    meses = {c.mes for c in cierres}
    ultimo = 0
    while ultimo + 1 in meses:
        ultimo += 1
    return ultimo


def datos_cierre(s, cierre) -> dict:
    nombre = s.scalar(select(Usuario.nombre_completo).where(Usuario.id == cierre.cerrado_por)) \
        if cierre.cerrado_por else None
    return {"mes": cierre.mes, "momento": cierre.momento.isoformat(timespec="seconds"), "cerrado_por": nombre,
            "nota": cierre.nota}


def _impresas(foto: dict) -> dict[tuple[int, str], list[int]]:
    """Printed rows by (indicator, channel code or 'seguimiento'); the Total row is recomputed."""
    filas = {}
    for ind in foto.get("indicadores", []):
        for i, f in enumerate(ind["filas"]):
            if f["canal"]:
                filas[(ind["numero"], f["canal"])] = f["meses"]
            elif i == len(ind["filas"]) - 2:
                filas[(ind["numero"], "seguimiento")] = f["meses"]
    return filas


def aplicar(filas_por_indicador: dict, correspondencia: dict[str, list[int]], foto: dict, ultimo: int,
            Ajuste) -> tuple[dict, dict, list]:
    """Rows (and the correspondence series) with months 1..`ultimo` as printed and the difference in
    month `ultimo`+1; the adjustments listed. A row is a FilaIndicador (rubro, canal, meses)."""
    impresas = _impresas(foto)
    destino = ultimo + 1 if ultimo < 12 else None
    ajustes = []

    def ajustar(actuales: list[int], impresos: list[int] | None) -> tuple[list[int], int]:
        impresos = impresos or [0] * 12
        nuevos = list(impresos[:ultimo]) + list(actuales[ultimo:])
        diferencia = sum(actuales[:ultimo]) - sum(impresos[:ultimo])
        if destino:
            nuevos[destino - 1] += diferencia
        return nuevos, diferencia

    resultado = {}
    for numero, filas in filas_por_indicador.items():
        nuevas = []
        for f in filas:
            meses, diferencia = ajustar(list(f.meses), impresas.get((numero, f.canal or "seguimiento")))
            nuevas.append(type(f)(f.rubro, f.canal, tuple(meses)))
            if diferencia:
                ajustes.append(Ajuste(numero, f.rubro, f.canal, destino, diferencia))
        resultado[numero] = nuevas
    series = foto.get("series") or {}
    correspondencia = {cuenta: ajustar(valores, series.get(cuenta))[0] for cuenta, valores in correspondencia.items()}
    return resultado, correspondencia, ajustes
