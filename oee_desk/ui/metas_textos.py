"""What the POA tally on screen says about itself: its period, whether it is a closed month's
reprint, and the late records added to it as adjustments (poa_ajustes)."""
from __future__ import annotations

import datetime as dt

from ..services.poa import ReportePoa
from .metas_comun import nombre_mes, tr


def periodo(r: ReportePoa) -> str:
    if not r.mes:
        return tr("enero a diciembre de %s") % r.anio
    return (tr("enero de %s") % r.anio) if r.mes == 1 else f"enero a {nombre_mes(r.mes)} de {r.anio}"


def resumen(r: ReportePoa) -> str:
    return (tr("Informe de %1 · generado por %2 el %3.").replace("%1", periodo(r))
            .replace("%2", r.generado_por).replace("%3", f"{r.generado:%d/%m/%Y %H:%M}"))


def cierre(r: ReportePoa) -> str:
    """The banner of a reprinted closed month, or which months show their printed figures."""
    if r.cierre:
        c = r.cierre
        momento = dt.datetime.fromisoformat(c["momento"]).strftime("%d/%m/%Y a las %H:%M")
        texto = (tr("Reimpresión del informe cerrado de %1: se cerró el %2 (%3). Muestra las cifras impresas "
                    "entonces; lo que llegó después se suma como ajuste al mes siguiente.")
                 .replace("%1", nombre_mes(c["mes"])).replace("%2", momento)
                 .replace("%3", c.get("cerrado_por") or tr("usuario desconocido")))
        return texto + (" " + tr("Nota del cierre: %s") % c["nota"] if c.get("nota") else "")
    if r.ultimo_mes_cerrado:
        meses = nombre_mes(1) if r.ultimo_mes_cerrado == 1 else f"enero a {nombre_mes(r.ultimo_mes_cerrado)}"
        return tr("Meses cerrados: %s. Sus columnas muestran las cifras impresas al cerrarlos.") % meses
    return ""


def ajustes(r: ReportePoa) -> str:
    partes = []
    for a in r.ajustes:
        donde = nombre_mes(a.mes) if a.mes else tr("ningún mes: el año está cerrado")
        partes.append(f"Indicador {a.indicador} · {a.rubro}: {a.valor:+,d} ({tr('en')} {donde})")
    return tr("Registros tardíos de meses cerrados, sumados como ajuste: %s.") % "; ".join(partes) if partes else ""
