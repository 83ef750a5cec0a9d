"""Imports point one way (architecture.md): ui → services → db, domain; Qt only in ui/ and the entry point.

The sources are parsed, not imported, so a forbidden import fails here even in a module no other
test loads.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAQUETE = Path(__file__).resolve().parents[1] / "oee_desk"


def _modulo(ruta: Path, paquete: Path) -> str:
    partes = list(ruta.relative_to(paquete.parent).with_suffix("").parts)
    if partes[-1] == "__init__":
        partes.pop()
    return ".".join(partes)


def _importados(ruta: Path, paquete_raiz: Path = PAQUETE) -> list[tuple[int, str]]:
    """Every module a file imports, relative imports resolved to absolute names."""
    arbol = ast.parse(ruta.read_text(encoding="utf-8"), filename=str(ruta))
    modulo = _modulo(ruta, paquete_raiz)
    paquete = modulo if ruta.name == "__init__.py" else modulo.rpartition(".")[0]
    nombres = []
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Import):
            nombres += [(nodo.lineno, a.name) for a in nodo.names]
        elif isinstance(nodo, ast.ImportFrom):
            if nodo.level:
                base = paquete.split(".")
                base = base[: len(base) - (nodo.level - 1)]
                raiz = ".".join(base + ([nodo.module] if nodo.module else []))
            else:
                raiz = nodo.module or ""
            nombres.append((nodo.lineno, raiz))
            # `from . import db` names a module too
            nombres += [(nodo.lineno, f"{raiz}.{a.name}") for a in nodo.names]
        elif isinstance(nodo, ast.Call) and getattr(nodo.func, "id", None) == "__import__" and nodo.args \
                and isinstance(nodo.args[0], ast.Constant) and isinstance(nodo.args[0].value, str):
            nombres.append((nodo.lineno, nodo.args[0].value))
        elif isinstance(nodo, ast.Call) and getattr(nodo.func, "attr", None) == "import_module" and nodo.args \
                and isinstance(nodo.args[0], ast.Constant) and isinstance(nodo.args[0].value, str):
            nombres.append((nodo.lineno, nodo.args[0].value))
    return nombres


def _es(nombre: str, prefijo: str) -> bool:
    return nombre == prefijo or nombre.startswith(prefijo + ".")


FUENTES = sorted(PAQUETE.rglob("*.py"))


def _violaciones(carpeta: str | None, prohibidos: tuple[str, ...], excepto: tuple[str, ...] = ()) -> list[str]:
    malas = []
    for ruta in FUENTES:
        relativa = ruta.relative_to(PAQUETE).as_posix()
        if carpeta is not None and not relativa.startswith(carpeta + "/"):
            continue
        if any(relativa == e or relativa.startswith(e + "/") for e in excepto):
            continue
        for linea, nombre in _importados(ruta):
            if any(_es(nombre, p) for p in prohibidos):
                malas.append(f"oee_desk/{relativa}:{linea} importa {nombre}")
    return malas


def test_hay_fuentes_que_revisar():
    relativas = {r.relative_to(PAQUETE).as_posix() for r in FUENTES}
    assert {"domain/roles.py", "db/motor.py", "services/usuarios.py", "ui/tareas.py"} <= relativas


def test_el_analizador_reconoce_imports_relativos_y_absolutos(tmp_path):
    """The checker itself: a forbidden import written each way is found (else the rules prove nothing)."""
    falso = tmp_path / "oee_desk"
    (falso / "domain").mkdir(parents=True)
    archivo = falso / "domain" / "malo.py"
    archivo.write_text(
        "import PySide6.QtCore\nfrom sqlalchemy import select\nfrom ..db import motor\n"
        "from .. import services\nfrom ..ui.tareas import Tareas\n", encoding="utf-8")
    nombres = {n for _, n in _importados(archivo, falso)}
    assert "PySide6.QtCore" in nombres
    assert "sqlalchemy" in nombres
    assert "oee_desk.db" in nombres and "oee_desk.db.motor" in nombres
    assert "oee_desk.services" in nombres
    assert "oee_desk.ui.tareas" in nombres


def test_pyside6_solo_en_ui_y_punto_de_entrada():
    assert _violaciones(None, ("PySide6", "shiboken6"), excepto=("ui", "__main__.py")) == []


def test_ui_no_toca_la_base_de_datos():
    assert _violaciones("ui", ("sqlalchemy", "alembic", "psycopg", "sqlite3", "oee_desk.db")) == []


@pytest.mark.parametrize("prohibido", ["sqlalchemy", "alembic", "oee_desk.db", "oee_desk.services",
                                       "oee_desk.ui", "PySide6", "oee_desk.cli"])
def test_domain_es_python_puro(prohibido):
    assert _violaciones("domain", (prohibido,)) == []


def test_services_no_importan_ui():
    assert _violaciones("services", ("oee_desk.ui", "PySide6", "oee_desk.cli")) == []


def test_db_no_importa_services_ni_ui():
    assert _violaciones("db", ("oee_desk.services", "oee_desk.ui", "oee_desk.cli", "PySide6")) == []
