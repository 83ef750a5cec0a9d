"""What the Metas POA screens share: the Spanish words of the page, figures written as the printed
report writes them, the report's periods, and the services' field names said in Spanish."""
from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from ..domain import metas as reglas
from ..domain.errores import ErrorValidacion, Problema


def tr(texto: str) -> str:
    return QCoreApplication.translate("Metas", texto)


# The style sheet gives every widget one text colour, in every state: a closed period's field must
# still look unavailable, and a refused one wrong (in red: a border would cost the spin box its arrows).
ESTILO_CERRADO = ("QAbstractSpinBox:disabled { color: #8a8d93; background: #efede9; } "
                  "QAbstractSpinBox[invalido=\"true\"] { color: #b3261e; font-weight: bold; }")
MESES_CORTOS = ("ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC")
TRIMESTRES = ("I", "II", "III", "IV")


def cifra(valor, unidad: str = "conteo") -> str:
    """As the PDF prints it (reports/poa.py): blank for none, thousands with a comma, a percentage
    with one decimal and «%»."""
    if valor is None:
        return ""
    if unidad == "porcentaje":
        return f"{valor:.1f} %"
    if isinstance(valor, float) and not valor.is_integer():
        return f"{valor:,.1f}"
    return f"{int(valor):,}"


def alto_justo(tabla) -> None:
    """A table as tall as its header and rows: the page around it scrolls, not the table."""
    alto = tabla.horizontalHeader().height() + 2 * tabla.frameWidth()
    alto += sum(tabla.rowHeight(f) for f in range(tabla.model().rowCount()))
    if tabla.horizontalScrollBar().isVisible():
        alto += tabla.horizontalScrollBar().height()
    tabla.setFixedHeight(alto + 1)


def nombre_mes(mes: int) -> str:
    return tr(reglas.MESES[mes - 1])


def periodos_informe() -> list[tuple[str, int | None]]:
    """The report's periods: the year, a month (year to date) or a quarter (= its third month)."""
    opciones: list[tuple[str, int | None]] = [(tr("Año completo"), None)]
    opciones += [(nombre_mes(m).capitalize(), m) for m in range(1, 13)]
    opciones += [(tr("%s trimestre") % romano, 3 * (q + 1)) for q, romano in enumerate(TRIMESTRES)]
    return opciones


def nombre_periodo(periodos: int, indice: int) -> str:
    """«enero» or «trimestre II», capitalized for a form's label."""
    return tr(reglas.nombre_periodo(periodos, indice)).capitalize()


def rotulos_periodo(periodos: int) -> tuple[str, ...]:
    return MESES_CORTOS if periodos == 12 else TRIMESTRES


# --- the services' field names, as people read them -----------------------------------------------
NOMBRES_CAMPO = {
    "numero": "Número", "descripcion": "Descripción", "area": "Área", "unidad": "Unidad",
    "periodicidad": "Periodicidad", "fuente": "Fuente", "regla": "Regla", "regla.cuenta": "Qué cuenta",
    "regla.indicador": "Indicador", "programado": "Programado", "alcanzado": "Alcanzado", "anio": "Año",
    "desde": "Año de origen", "hacia": "Año de destino", "mes": "Mes", "nota": "Nota", "metas": "Metas",
}
_CAMPO = re.compile(r"^(?:metas\[\d+\]\.)?(?P<campo>[a-z_.]+)(?:\[(?P<indice>\d+)\])?$")


def clave_campo(campo: str) -> tuple[str, int | None]:
    """'metas[0].programado[2]' -> ('programado', 2); 'metas[0].regla.cuenta' -> ('regla.cuenta', None)."""
    hallado = _CAMPO.match(campo)
    if not hallado:
        return campo, None
    indice = hallado.group("indice")
    return hallado.group("campo"), None if indice is None else int(indice)


def campo_en_espanol(campo: str, periodos: int | None = None) -> str:
    clave, indice = clave_campo(campo)
    nombre = tr(NOMBRES_CAMPO.get(clave, clave))
    if indice is not None and periodos in (4, 12) and indice < periodos:
        return f"{nombre} ({tr(reglas.nombre_periodo(periodos, indice))})"
    return nombre


def en_espanol(error: BaseException, periodos: int | None = None) -> BaseException:
    """A validation error whose fields read in Spanish («Programado (marzo)»), for mostrar_error."""
    if not isinstance(error, ErrorValidacion):
        return error
    return ErrorValidacion([Problema(campo_en_espanol(p.campo, periodos), p.mensaje) for p in error.problemas])
