"""POA goals (metas): what a year's document must hold, and how periods roll up (poa-report.md)."""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from . import validacion as v
from .catalogos import INDICADORES
from .errores import ErrorValidacion, Problema
from .texto import MESES

UNIDADES = {"conteo": "Conteo", "porcentaje": "Porcentaje"}
PERIODICIDADES = {"mensual": "Mensual", "trimestral": "Trimestral"}
PERIODOS = {"mensual": 12, "trimestral": 4}
FUENTES = {"manual": "Captura manual", "automatica": "Automática (desde los registros)"}
CUENTAS = {
    "peticiones": "Peticiones del indicador",
    "seguimientos": "Seguimientos del indicador",
    "ambos": "Peticiones y seguimientos del indicador",
    "oficios": "Oficios registrados",
    "turnos": "Turnos emitidos",
}
# Counts of Atención Ciudadana need the indicator; correspondence counts do not.
CUENTAS_CON_INDICADOR = {"peticiones", "seguimientos", "ambos"}

Numero = float | int


def valores_por_periodo(campo: str, valor: Any, unidad: str | None, periodos: int | None, *,
             vacios: bool) -> list[Numero | None]:
    """A list of one number per period; a percentage within 0–100; None only where `vacios`."""
    if not isinstance(valor, list):
        raise ErrorValidacion.de(campo, "debe ser una lista con un valor por periodo")
    if periodos is not None and len(valor) != periodos:
        raise ErrorValidacion.de(campo, f"debe tener {periodos} valores (uno por periodo), tiene {len(valor)}")
    problemas, limpios = [], []
    for i, x in enumerate(valor, 1):
        if x is None or (isinstance(x, str) and not x.strip()):
            if not vacios:
                problemas.append(Problema(campo, f"el periodo {i} no tiene valor"))
            limpios.append(None)
            continue
        if isinstance(x, str):
            try:
                x = float(x.strip().replace(",", ""))
            except ValueError:
                problemas.append(Problema(campo, f"el periodo {i} no es un número («{x}»)"))
                limpios.append(None)
                continue
        if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
            problemas.append(Problema(campo, f"el periodo {i} no es un número"))
            limpios.append(None)
            continue
        if x < 0:
            problemas.append(Problema(campo, f"el periodo {i} es negativo ({x:g})"))
        elif unidad == "porcentaje" and x > 100:
            problemas.append(Problema(campo, f"el periodo {i} es un porcentaje mayor que 100 ({x:g})"))
        elif unidad == "conteo" and x != int(x):
            problemas.append(Problema(campo, f"el periodo {i} debe ser un número entero ({x:g})"))
        limpios.append(int(x) if unidad == "conteo" else float(x))
    if problemas:
        raise ErrorValidacion(problemas)
    return limpios


def segun_unidad(valores: list[Numero | None] | None, unidad: str) -> list[Numero | None] | None:
    """The values as a meta of that unit keeps them: whole numbers for `conteo` (90.0 → 90), decimals
    for `porcentaje` (90 → 90.0), so the report prints each unit as such."""
    if valores is None:
        return None
    return [x if x is None or isinstance(x, bool) or not isinstance(x, (int, float))
            else int(x) if unidad == "conteo" and float(x).is_integer()
            else float(x) if unidad == "porcentaje" else x
            for x in valores]


def validar_meta(datos: Any, prefijo: str = "") -> dict[str, Any]:
    if not isinstance(datos, dict):
        raise ErrorValidacion.de(prefijo.rstrip(".") or "meta", "debe ser un objeto")
    val = v.Validador()
    c = lambda n: prefijo + n  # noqa: E731
    val.campo(c("numero"), v.entero, datos.get("numero"), minimo=1, maximo=999)
    val.campo(c("descripcion"), v.texto, datos.get("descripcion"), maximo=v.LARGO_TEXTO)
    val.campo(c("area"), v.texto, datos.get("area"))
    unidad = val.campo(c("unidad"), v.opcion, datos.get("unidad"), opciones=UNIDADES)
    periodicidad = val.campo(c("periodicidad"), v.opcion, datos.get("periodicidad"), opciones=PERIODICIDADES)
    fuente = val.campo(c("fuente"), v.opcion, datos.get("fuente") or "manual", opciones=FUENTES)
    periodos = PERIODOS.get(periodicidad)
    val.campo(c("programado"), valores_por_periodo, datos.get("programado"), unidad=unidad, periodos=periodos, vacios=False)
    if fuente == "manual":
        alcanzado = datos.get("alcanzado")
        val.campo(c("alcanzado"), valores_por_periodo, alcanzado if alcanzado is not None else [None] * (periodos or 0),
                  unidad=unidad, periodos=periodos, vacios=True)
        if datos.get("regla"):
            val.agregar(c("regla"), "una meta manual no lleva regla")
    elif fuente == "automatica":
        val.campo(c("regla"), validar_regla, datos.get("regla"))
        if datos.get("alcanzado") is not None:
            val.agregar(c("alcanzado"), "una meta automática se calcula de los registros: no se captura")
        if unidad is not None and unidad != "conteo":  # its quarters would average counts and print as "%"
            val.agregar(c("unidad"), "una meta automática cuenta registros: debe ser conteo")
    limpios = {k[len(prefijo):]: x for k, x in val.listo().items()}
    limpios.setdefault("alcanzado", None)
    limpios.setdefault("regla", None)
    return limpios


def validar_regla(campo: str, regla: Any) -> dict[str, Any]:
    if not isinstance(regla, dict):
        raise ErrorValidacion.de(campo, "debe indicar qué cuenta: {\"cuenta\": …, \"indicador\": …}")
    cuenta = v.opcion(f"{campo}.cuenta", regla.get("cuenta"), CUENTAS)
    indicador = regla.get("indicador")
    if cuenta in CUENTAS_CON_INDICADOR:
        if str(indicador) not in INDICADORES:
            raise ErrorValidacion.de(f"{campo}.indicador",
                                     f"«{indicador}» no es un indicador; use uno de: " + ", ".join(INDICADORES))
        return {"cuenta": cuenta, "indicador": int(indicador)}
    return {"cuenta": cuenta, "indicador": None}


def validar_documento(documento: Any) -> tuple[int, list[dict[str, Any]]]:
    """`metas cargar` (cli.md): the year and its metas, every problem reported at once."""
    if not isinstance(documento, dict):
        raise ErrorValidacion.de("documento", "debe ser un objeto JSON con anio y metas")
    problemas: list[Problema] = []
    try:
        anio = v.entero("anio", documento.get("anio"), minimo=2000, maximo=2100)
    except ErrorValidacion as e:
        problemas += e.problemas
        anio = None
    metas = documento.get("metas")
    if not isinstance(metas, list):
        problemas.append(Problema("metas", "debe ser una lista"))
        metas = []
    limpias, vistos = [], {}
    for i, m in enumerate(metas):
        try:
            limpia = validar_meta(m, f"metas[{i}].")
        except ErrorValidacion as e:
            problemas += e.problemas
            continue
        if limpia["numero"] in vistos:
            problemas.append(Problema(f"metas[{i}].numero", f"el número {limpia['numero']} se repite "
                                                            f"(también en metas[{vistos[limpia['numero']]}])"))
        vistos[limpia["numero"]] = i
        limpias.append(limpia)
    if problemas:
        raise ErrorValidacion(problemas)
    return anio, limpias


# --- roll-up rules (poa-report.md, Part 2) ---------------------------------------------------------
def redondear(x: float) -> float:
    """One decimal, halves up, as the spreadsheet's ROUND does (Python's round() goes to even)."""
    return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def a_trimestres(valores: list[Numero | None], unidad: str) -> list[Numero | None]:
    """Monthly values → quarters: summed (conteo) or averaged over the months with a value (porcentaje)."""
    if len(valores) == 4:
        return list(valores)
    trimestres = []
    for q in range(4):
        meses = [x for x in valores[3 * q:3 * q + 3] if x is not None]
        if not meses:
            trimestres.append(None)
        elif unidad == "conteo":
            trimestres.append(sum(meses))
        else:
            trimestres.append(redondear(sum(meses) / len(meses)))
    return trimestres


def total_anual(trimestres: list[Numero | None], unidad: str) -> Numero | None:
    con_valor = [x for x in trimestres if x is not None]
    if unidad == "conteo":
        return sum(con_valor)
    return redondear(sum(con_valor) / len(con_valor)) if con_valor else None


def cumplimiento(alcanzado: Numero | None, programado: Numero | None) -> float | None:
    """alcanzado / programado × 100, one decimal; blank when nothing was programmed."""
    if not programado or alcanzado is None:
        return None
    return redondear(alcanzado / programado * 100)


def fin_de_periodo(periodos: int, indice: int) -> int:
    """The last month (1–12) of period `indice` (0-based) of a meta with 12 or 4 periods."""
    return indice + 1 if periodos == 12 else 3 * (indice + 1)


def periodo_cerrado(periodos: int, indice: int, ultimo_mes_cerrado: int) -> bool:
    """A period is closed once its last month is: a quarter's value stays open until its third month closes."""
    return fin_de_periodo(periodos, indice) <= ultimo_mes_cerrado


def nombre_periodo(periodos: int, indice: int) -> str:
    return MESES[indice] if periodos == 12 else f"trimestre {('I', 'II', 'III', 'IV')[indice]}"
