"""`init`: create or upgrade the database, load the default catalogs, create the first admin."""
from __future__ import annotations

import csv
import datetime as dt
from importlib import resources
from typing import Callable

from sqlalchemy import exists, select

from ..db import esquema
from ..db.modelos import MODELOS_CATALOGO
from ..db.motor import BaseDatos
from .catalogos import ServicioCatalogos
from .sesion import SISTEMA
from .usuarios import DatosUsuario, ServicioUsuarios

PRIMER_ANIO_FESTIVOS = 2021  # the administration's first year: imported history starts there


def filas_por_defecto(catalogo: str) -> list[dict]:
    """The shipped CSV of a catalog (resources/catalogos), as dicts."""
    if catalogo == "dias-inhabiles":
        return dias_inhabiles_por_defecto()
    archivo = resources.files("oee_desk.resources") / "catalogos" / f"{catalogo.replace('-', '_')}.csv"
    with archivo.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def dias_inhabiles_por_defecto(hasta: int | None = None) -> list[dict]:
    """Mexico's official holidays (the `holidays` package) plus the office's own shipped days."""
    import holidays  # only when the catalog is first loaded: a fifth of a second less at every start

    hasta = hasta or dt.date.today().year + 1
    anios = range(PRIMER_ANIO_FESTIVOS, hasta + 1)
    filas = {fecha: {"fecha": fecha.isoformat(), "descripcion": nombre, "origen": "oficial"}
             for fecha, nombre in holidays.Mexico(years=anios, language="es").items()}
    archivo = resources.files("oee_desk.resources") / "catalogos" / "dias_inhabiles_oficina.csv"
    with archivo.open(encoding="utf-8", newline="") as f:
        for fila in csv.DictReader(f):
            fecha = dt.date.fromisoformat(fila["fecha"])
            filas.setdefault(fecha, {"fecha": fila["fecha"], "descripcion": fila["descripcion"], "origen": "oficina"})
    return [filas[f] for f in sorted(filas)]


def cargar_catalogos_por_defecto(bd: BaseDatos, progreso: Callable[[str], None] | None = None) -> dict[str, int]:
    """Load each catalog that is still empty; an admin's later edits are never overwritten."""
    servicio = ServicioCatalogos(bd)
    cargados = {}
    # Which catalogs have rows, in one statement: this runs at every start of the application.
    with bd.lectura() as s:
        con_filas = s.execute(select(*(exists().select_from(m) for m in MODELOS_CATALOGO.values()))).one()
    for nombre, tiene in zip(MODELOS_CATALOGO, con_filas):
        if tiene:
            continue
        if progreso:
            progreso(nombre)
        resumen = servicio.importar(SISTEMA, nombre, filas_por_defecto(nombre))
        if resumen.errores:  # a shipped file that does not validate is a bug of ours: say so loudly
            raise RuntimeError(f"El catálogo por defecto {nombre} tiene errores: {resumen.errores[:3]}")
        cargados[nombre] = resumen.cargadas
    return cargados


def inicializar(bd: BaseDatos, *, admin: str | None = None, nombre_completo: str | None = None,
                contrasena: str | None = None, confirmacion: str | None = None,
                progreso: Callable[[str], None] | None = None) -> tuple[dict[str, int], DatosUsuario | None]:
    esquema.actualizar(bd)
    cargados = cargar_catalogos_por_defecto(bd, progreso)
    creado = None
    usuarios = ServicioUsuarios(bd)
    if admin and not usuarios.hay_usuarios():
        creado = usuarios.crear_primer_admin(admin, nombre_completo or admin, contrasena, confirmacion)
    return cargados, creado
