"""The office's catalogs, described once: fields, labels, rules.

The catalog service, the CLI's import/export and the GUI's catalog screen all read these
descriptions, so a catalog is added here and nowhere else by hand.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import Any, Callable

from . import validacion as v
from .errores import ErrorValidacion

TIPOS_DEPENDENCIA = {
    "estatal": "Dependencia estatal",
    "paraestatal": "Entidad paraestatal",
    "autonomo": "Organismo autónomo",
    "federal": "Oficina federal",
    "municipal": "Oficina municipal",
    "osc": "Organización de la sociedad civil",
}
DESTINOS_FINALES = {"conservacion": "Conservación", "baja": "Baja documental", "muestreo": "Muestreo"}
DESTINATARIOS = {"gobernador": "C. Gobernador", "jefe_oficina": "Jefe de la Oficina"}
# What a numbering series numbers: received matters, citizens' requests, canalization letters, tours.
USOS_SERIE = {
    "correspondencia": "Correspondencia entrante",
    "peticiones": "Folios de peticiones",
    "canalizacion": "Oficios de canalización",
    "giras": "Claves de gira",
}
ORIGENES_DIA = {"oficial": "Día festivo oficial", "oficina": "Acuerdo de la oficina"}
INDICADORES = {"1": "Indicador 1 — Atención Ciudadana", "2": "Indicador 2 — Atención a Giras"}


def _clave_municipio(campo: str, valor: Any) -> str:
    limpio = v.texto(campo, str(valor) if isinstance(valor, int) else valor, maximo=5)
    if not re.fullmatch(r"26[0-9]{3}", limpio) or not 26001 <= int(limpio) <= 26072:
        raise ErrorValidacion.de(campo, "no es una clave INEGI de un municipio de Sonora (26001 a 26072)")
    return limpio


def _plantilla_serie(campo: str, valor: Any) -> str:
    """Only {n} (optionally zero-padded, {n:04d}), {yy} and {yyyy}: nothing str.format could use to
    reach attributes or indexes."""
    limpio = v.texto(campo, valor, maximo=60)
    marcadores = []
    try:
        for _, nombre, formato, conversion in string.Formatter().parse(limpio):
            if nombre is None:
                continue
            if conversion or nombre not in ("n", "yy", "yyyy") or (formato and not re.fullmatch(r"0?\d{0,2}d", formato)) \
                    or (formato and nombre != "n"):
                raise ValueError
            marcadores.append(nombre)
    except ValueError:
        raise ErrorValidacion.de(campo, "solo admite los marcadores {n}, {yy} y {yyyy}") from None
    if marcadores.count("n") != 1:
        raise ErrorValidacion.de(campo, "debe contener una vez el marcador {n} del número consecutivo")
    return limpio


def _uso_serie(campo: str, valor: Any) -> str:
    """Absent in files written before there were other uses: those series were all correspondence."""
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return "correspondencia"
    return v.opcion(campo, valor, USOS_SERIE)


def _indicador(campo: str, valor: Any) -> int:
    return int(v.opcion(campo, str(valor) if isinstance(valor, int) else valor, INDICADORES))


@dataclass(frozen=True)
class Campo:
    nombre: str
    etiqueta: str
    validar: Callable[[str, Any], Any]
    tipo: str = "texto"  # texto | entero | fecha | opcion — tells the GUI which editor to use
    opciones: dict[str, str] | None = None
    requerido: bool = True


def _texto(requerido: bool = True, maximo: int = v.LARGO_NOMBRE):
    return lambda c, x: v.texto(c, x, requerido=requerido, maximo=maximo)


def _entero(minimo: int, maximo: int):
    return lambda c, x: v.entero(c, x, minimo=minimo, maximo=maximo)


def _opcion(opciones: dict[str, str]):
    return lambda c, x: v.opcion(c, x, opciones)


CODIGO = Campo("codigo", "Código", v.codigo)
NOMBRE = Campo("nombre", "Nombre", _texto())


@dataclass(frozen=True)
class Catalogo:
    nombre: str  # as the CLI names it (cli.md)
    titulo: str  # as the GUI shows it
    campos: tuple[Campo, ...]
    clave: str = "codigo"  # the natural key: unique, used by import/export and by records
    descripcion: str = ""
    orden: tuple[str, ...] = field(default=())

    def campo(self, nombre: str) -> Campo:
        return next(c for c in self.campos if c.nombre == nombre)

    def validar(self, datos: dict[str, Any], *, parcial: bool = False) -> dict[str, Any]:
        """Clean every field (or, with `parcial`, those given); all problems raised together."""
        val = v.Validador()
        for campo in self.campos:
            if parcial and campo.nombre not in datos:
                continue
            val.campo(campo.nombre, campo.validar, datos.get(campo.nombre))
        desconocidos = set(datos) - {c.nombre for c in self.campos} - {"activo", "id", "version"}
        for nombre in sorted(desconocidos):
            val.agregar(nombre, f"no es un campo del catálogo {self.titulo}")
        return val.listo()


CATALOGOS: dict[str, Catalogo] = {c.nombre: c for c in [
    Catalogo("municipios", "Municipios", (
        Campo("clave", "Clave INEGI", _clave_municipio), NOMBRE), clave="clave", orden=("clave",)),
    Catalogo("dependencias", "Dependencias y entidades", (
        Campo("codigo", "Siglas", v.codigo), NOMBRE,
        Campo("tipo", "Tipo", _opcion(TIPOS_DEPENDENCIA), "opcion", TIPOS_DEPENDENCIA)), orden=("nombre",)),
    Catalogo("canales", "Canales de atención", (
        CODIGO, NOMBRE,
        Campo("indicador", "Indicador POA", _indicador, "opcion", INDICADORES),
        Campo("orden", "Orden en el reporte", _entero(1, 99), "entero")), orden=("indicador", "orden")),
    Catalogo("temas", "Temas", (
        CODIGO, NOMBRE,
        Campo("plazo_dias_habiles", "Plazo (días hábiles)", _entero(1, 365), "entero")), orden=("nombre",)),
    Catalogo("tipos-documento", "Tipos de documento", (CODIGO, NOMBRE), orden=("nombre",)),
    Catalogo("instrucciones", "Instrucciones de turno", (CODIGO, NOMBRE), orden=("nombre",)),
    Catalogo("series-documentales", "Series documentales", (
        CODIGO, NOMBRE,
        Campo("vigencia_tramite", "Vigencia en trámite (años)", _entero(0, 99), "entero"),
        Campo("vigencia_concentracion", "Vigencia en concentración (años)", _entero(0, 99), "entero"),
        Campo("destino_final", "Destino final", _opcion(DESTINOS_FINALES), "opcion", DESTINOS_FINALES)),
        orden=("codigo",)),
    Catalogo("series-control", "Series de control", (
        CODIGO, NOMBRE,
        Campo("plantilla", "Plantilla del número", _plantilla_serie),
        Campo("destinatario", "Destinatario", _opcion(DESTINATARIOS), "opcion", DESTINATARIOS),
        Campo("uso", "Uso", _uso_serie, "opcion", USOS_SERIE, requerido=False)),
        orden=("codigo",)),
    Catalogo("dias-inhabiles", "Días inhábiles", (
        Campo("fecha", "Fecha", v.fecha, "fecha"),
        Campo("descripcion", "Descripción", _texto()),
        Campo("origen", "Origen", _opcion(ORIGENES_DIA), "opcion", ORIGENES_DIA)),
        clave="fecha", orden=("fecha",)),
]}


def catalogo(nombre: str) -> Catalogo:
    try:
        return CATALOGOS[nombre]
    except KeyError:
        raise ErrorValidacion.de("catálogo", "no existe; use uno de: " + ", ".join(CATALOGOS)) from None
