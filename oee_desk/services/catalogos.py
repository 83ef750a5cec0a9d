"""Catalogs: list, search, add, edit, deactivate; import and export. One service for all nine."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import functools
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from ..db.modelos import MODELOS_CATALOGO
from ..db.motor import BaseDatos
from ..domain.catalogos import Catalogo, catalogo as buscar_catalogo
from ..domain.errores import ErrorValidacion, NoEncontrado, Problema
from ..domain.roles import Accion
from ..domain.texto import normalizar, parece_formula
from .archivos import numero_de_fila
from .sesion import Sesion, requerir
from .versiones import comprobar_version


@dataclass(frozen=True)
class Entrada:
    """One catalog row as the GUI and the CLI see it."""

    id: uuid.UUID
    valores: dict[str, Any]
    activo: bool
    version: int

    def __getitem__(self, campo: str) -> Any:
        return self.valores[campo]


@dataclass(frozen=True)
class ResumenImportacion:
    leidas: int
    cargadas: int
    actualizadas: int
    omitidas: int
    errores: list[dict]

    def como_json(self) -> dict:
        return {"leidas": self.leidas, "cargadas": self.cargadas, "actualizadas": self.actualizadas,
                "omitidas": self.omitidas, "errores": self.errores}


def _entrada(cat: Catalogo, fila) -> Entrada:
    return Entrada(fila.id, {c.nombre: getattr(fila, c.nombre) for c in cat.campos}, fila.activo, fila.version)


def _clave_unica(valor: Any):
    return valor.lower() if isinstance(valor, str) else valor


def _clave_orden(valor: Any):
    return normalizar(valor) if isinstance(valor, str) else valor


# A CSV opened in a spreadsheet runs a cell starting with these; a leading apostrophe keeps it text
# (as Excel itself writes such text) and the import removes it again.
def _celda_csv(valor: str) -> str:
    return "'" + valor if parece_formula(valor) else valor


def _desde_csv(valor: Any) -> Any:
    if isinstance(valor, str) and valor.startswith("'") and parece_formula(valor[1:]):
        return valor[1:]
    return valor


def _texto_celda(valor: Any) -> str:
    if isinstance(valor, (dt.date, dt.datetime)):
        return valor.isoformat()
    return "" if valor is None else str(valor)


class ServicioCatalogos:
    def __init__(self, bd: BaseDatos):
        self.bd = bd

    def listar(self, actor: Sesion, nombre: str, *, buscar: str = "",
               incluir_inactivos: bool = True) -> list[Entrada]:
        """Catalogs are small (hundreds of rows): the accent-free search runs over them in Python."""
        requerir(actor, Accion.VER_CATALOGOS)
        cat = buscar_catalogo(nombre)
        modelo = MODELOS_CATALOGO[nombre]
        with self.bd.lectura(actor) as s:
            consulta = select(modelo)
            if not incluir_inactivos:
                consulta = consulta.where(modelo.activo.is_(True))
            filas = [_entrada(cat, f) for f in s.scalars(consulta)]
        # Sorted here, not by ORDER BY: the databases compare bytes («Ábaco» after «zacate»), and
        # people expect the dictionary's order whatever the server's collation.
        filas.sort(key=lambda f: tuple(_clave_orden(f.valores[c]) for c in cat.orden))
        if buscar.strip():
            palabras = normalizar(buscar).split()
            filas = [f for f in filas if all(
                p in normalizar(" ".join(_texto_celda(x) for x in f.valores.values())) for p in palabras)]
        return filas

    def obtener(self, actor: Sesion, nombre: str, clave: Any) -> Entrada:
        """By natural key (code, INEGI key or date), or by name without regard to case or accents."""
        requerir(actor, Accion.VER_CATALOGOS)
        cat = buscar_catalogo(nombre)
        with self.bd.lectura(actor) as s:
            return _entrada(cat, self._fila_por_clave(s, cat, clave))

    def agregar(self, actor: Sesion, nombre: str, datos: dict[str, Any]) -> Entrada:
        requerir(actor, Accion.EDITAR_CATALOGOS)
        cat = buscar_catalogo(nombre)
        limpios = cat.validar(datos)
        modelo = MODELOS_CATALOGO[nombre]
        with self.bd.escritura(actor) as s:
            self._exigir_clave_libre(s, cat, limpios[cat.clave])
            fila = modelo(**limpios, activo=True)
            s.add(fila)
            s.flush()
            return _entrada(cat, fila)

    def editar(self, actor: Sesion, nombre: str, id: uuid.UUID, datos: dict[str, Any],
               version: int | None = None) -> Entrada:
        requerir(actor, Accion.EDITAR_CATALOGOS)
        cat = buscar_catalogo(nombre)
        limpios = cat.validar(datos, parcial=True)
        with self.bd.escritura(actor) as s:
            fila = self._fila(s, nombre, id)
            comprobar_version(fila, version)
            if cat.clave in limpios and limpios[cat.clave] != getattr(fila, cat.clave):
                self._exigir_clave_libre(s, cat, limpios[cat.clave])
            for campo, valor in limpios.items():
                setattr(fila, campo, valor)
            s.flush()
            return _entrada(cat, fila)

    def cambiar_activo(self, actor: Sesion, nombre: str, id: uuid.UUID, activo: bool,
                       version: int | None = None) -> Entrada:
        """Deactivate instead of delete: records that use the row keep pointing at it."""
        requerir(actor, Accion.EDITAR_CATALOGOS)
        cat = buscar_catalogo(nombre)
        with self.bd.escritura(actor, accion="activar" if activo else "desactivar") as s:
            fila = self._fila(s, nombre, id)
            comprobar_version(fila, version)
            fila.activo = activo
            s.flush()
            return _entrada(cat, fila)

    # --- files ---------------------------------------------------------------------------
    def exportar(self, actor: Sesion, nombre: str, formato: str = "csv") -> str:
        cat = buscar_catalogo(nombre)
        filas = self.listar(actor, nombre)
        columnas = [c.nombre for c in cat.campos] + ["activo"]
        registros = [{**{k: _texto_celda(x) if isinstance(x, (dt.date,)) else x for k, x in f.valores.items()},
                      "activo": f.activo} for f in filas]
        if formato == "json":
            return json.dumps(registros, ensure_ascii=False, indent=2)
        if formato != "csv":
            raise ErrorValidacion.de("formato", "debe ser json o csv")
        salida = io.StringIO()
        escritor = csv.DictWriter(salida, fieldnames=columnas, lineterminator="\n")
        escritor.writeheader()
        for r in registros:
            escritor.writerow({k: ("sí" if x is True else "no" if x is False else _celda_csv(_texto_celda(x)))
                               for k, x in r.items()})
        return salida.getvalue()

    def importar(self, actor: Sesion, nombre: str, filas: Iterable[dict[str, Any]], *,
                 simular: bool = False, progreso: Callable[[int], None] | None = None) -> ResumenImportacion:
        """Upsert by natural key. Bad rows are listed and skipped; the good ones load together."""
        requerir(actor, Accion.EDITAR_CATALOGOS)
        cat = buscar_catalogo(nombre)
        modelo = MODELOS_CATALOGO[nombre]
        filas = list(filas)
        errores: list[dict] = []
        validas: dict[Any, tuple[dict, bool | None]] = {}
        for posicion, fila in enumerate(filas, start=2):  # row 1 is the header
            numero = numero_de_fila(fila, posicion)
            if not isinstance(fila, dict):
                errores.append({"fila": numero, "columna": "", "motivo": "no es una fila con columnas"})
                continue
            datos = {str(k).strip(): _desde_csv(x.strip() if isinstance(x, str) else x)
                     for k, x in fila.items() if k is not None}
            activo = datos.pop("activo", None)
            try:
                limpios = cat.validar(datos)
                activo = None if activo in (None, "") else _activo(activo)
            except ErrorValidacion as e:
                errores += [{"fila": numero, "columna": p.campo, "motivo": p.mensaje} for p in e.problemas]
                continue
            clave = _clave_unica(limpios[cat.clave])
            if clave in validas:
                errores.append({"fila": numero, "columna": cat.clave, "motivo": "está repetido en el archivo"})
                continue
            validas[clave] = (limpios, activo)
        cargadas = actualizadas = 0
        with self.bd.escritura(actor, accion="importar") as s:
            existentes = {_clave_unica(getattr(f, cat.clave)): f for f in s.scalars(select(modelo))}
            for i, (clave, (limpios, activo)) in enumerate(validas.items()):
                fila = existentes.get(clave)
                if fila is None:
                    s.add(modelo(**limpios, activo=True if activo is None else activo))
                    cargadas += 1
                else:
                    cambios = {k: x for k, x in limpios.items() if getattr(fila, k) != x}
                    if activo is not None and fila.activo != activo:
                        cambios["activo"] = activo
                    for k, x in cambios.items():
                        setattr(fila, k, x)
                    actualizadas += bool(cambios)
                if progreso and i % 100 == 0:
                    progreso(i)
            if simular:
                s.rollback()
        return ResumenImportacion(len(filas), cargadas, actualizadas, len(filas) - len(validas), errores)

    # --- helpers -------------------------------------------------------------------------
    @staticmethod
    def _fila(s: Session, nombre: str, id: uuid.UUID):
        fila = s.get(MODELOS_CATALOGO[nombre], id)
        if fila is None:
            raise NoEncontrado(f"El registro ya no existe en el catálogo {nombre}.")
        return fila

    @staticmethod
    def _fila_por_clave(s: Session, cat: Catalogo, clave: Any):
        modelo = MODELOS_CATALOGO[cat.nombre]
        campo_clave = cat.campo(cat.clave)
        try:
            valor = campo_clave.validar(campo_clave.etiqueta, clave)
        except ErrorValidacion:
            valor = None
        if valor is not None:
            fila = s.scalar(select(modelo).where(getattr(modelo, cat.clave) == valor))
            if fila is not None:
                return fila
        buscado = normalizar(str(clave))
        columnas = [getattr(modelo, c) for c in ("nombre", "descripcion") if hasattr(modelo, c)]
        for fila in s.scalars(select(modelo).where(or_(*(c.is_not(None) for c in columnas)))):
            if any(normalizar(getattr(fila, c.key)) == buscado for c in columnas) or \
                    normalizar(str(getattr(fila, cat.clave))) == buscado:
                return fila
        raise NoEncontrado(f"«{clave}» no existe en el catálogo {cat.titulo}.")

    @staticmethod
    def _exigir_clave_libre(s: Session, cat: Catalogo, clave: Any) -> None:
        """Codes are looked up without regard to case, so «ssp» beside «SSP» would be ambiguous."""
        modelo = MODELOS_CATALOGO[cat.nombre]
        columna = getattr(modelo, cat.clave)
        condicion = func.lower(columna) == clave.lower() if isinstance(clave, str) else columna == clave
        if s.scalar(select(modelo.id).where(condicion)):
            raise ErrorValidacion([Problema(cat.clave, f"ya existe «{_texto_celda(clave)}» en {cat.titulo}")])


def _activo(valor: Any) -> bool:
    from ..domain.validacion import booleano

    return booleano("activo", valor)


def resolver(s: Session, nombre: str, valor: Any, campo: str, *, solo_activos: bool = True):
    """A record's catalog value (code or name, any case or accents) -> the catalog row.

    For the services that store records: an unknown or inactive value is bad input naming `campo`.
    """
    cat = buscar_catalogo(nombre)
    try:
        fila = ServicioCatalogos._fila_por_clave(s, cat, valor)
    except NoEncontrado:
        raise ErrorValidacion.de(campo, f"«{valor}» no existe en el catálogo {cat.titulo}") from None
    if solo_activos and not fila.activo:
        raise ErrorValidacion.de(campo, f"«{valor}» está inactivo en el catálogo {cat.titulo}")
    return fila


def resolver_id(s: Session, nombre: str, valor: Any, campo: str) -> uuid.UUID:
    """`resolver`'s id, found by its exact code in one plain query when it is one (the common case,
    on paths as hot as registering an oficio); any other spelling goes the whole way."""
    if isinstance(valor, str):
        fila = s.connection().execute(_por_codigo(nombre), {"clave": valor.strip()}).first()
        if fila is not None and fila.activo:
            return fila.id
    return resolver(s, nombre, valor, campo).id


@functools.cache
def _por_codigo(nombre: str):
    """(id, activo) of a catalog row by its exact code, built once per catalog."""
    modelo = MODELOS_CATALOGO[buscar_catalogo(nombre).nombre]
    return select(modelo.id, modelo.activo).where(getattr(modelo, buscar_catalogo(nombre).clave) == bindparam("clave"))
