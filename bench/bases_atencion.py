"""The Atención Ciudadana benchmark database: generated once per size and kept, then copied for each run.

Generating 1,000,000 petitions takes minutes, so the filled database is cached and each run works
on a throwaway copy (the import measurement writes to it):

- SQLite: `<cache>/atencion-<key>.db`, copied to a temporary folder.
- PostgreSQL: a database `oee_bench_cache_<key>` left on the server, copied with
  `CREATE DATABASE … TEMPLATE` into `oee_bench_<random>`, dropped at the end.

The key hashes the sizes, the seed and what decides the data (the generator, the catalogs, the
migrations' names, the source of the domain functions it calls): change any and the data is generated
anew.
`--sin-cache` generates into the throwaway database directly; `--limpiar-cache` drops every cached
copy first (files and server databases).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from oee_desk.db.motor import BaseDatos
from oee_desk.services.inicializacion import inicializar
from oee_desk.services.usuarios import ServicioUsuarios

from .bases import CONTRASENA, Preparada, analizar

RAIZ = Path(__file__).resolve().parents[1]
# Files whose whole text decides the data; of the migrations only the names (the schema's revisions):
# after editing a migration in place, run with --limpiar-cache.
FUENTES = ["oee_desk/services/generador_atencion.py", "oee_desk/services/generador_personas.py",
           "oee_desk/services/carga_masiva.py", "resources/catalogos/*.csv"]
MIGRACIONES = "migrations/versions/*.py"


def _reglas() -> list[str]:
    """The source of the domain functions the generator calls (not their whole modules, which other
    work edits all the time)."""
    import inspect

    from oee_desk.domain import numeracion, peticiones, semaforo, texto
    from oee_desk.domain.dias_habiles import Calendario

    return [inspect.getsource(f) for f in (peticiones.texto_busqueda_ciudadano, peticiones.clave_nombre,
                                           texto.normalizar, numeracion.formatear, semaforo.fecha_alerta,
                                           Calendario)]


PREFIJO_CACHE = "oee_bench_cache_"
COMPLETA = "oee-bench: completa"


def carpeta_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "oee-desk-bench"


def clave(ciudadanos: int, peticiones: int, seguimientos: bool, semilla: int) -> str:
    h = hashlib.sha256(json.dumps([ciudadanos, peticiones, seguimientos, semilla]).encode())
    for patron in FUENTES:
        for ruta in sorted(RAIZ.glob(patron)):
            h.update(ruta.relative_to(RAIZ).as_posix().encode())
            h.update(ruta.read_bytes())
    h.update(" ".join(sorted(r.name for r in RAIZ.glob(MIGRACIONES))).encode())
    for fuente in _reglas():
        h.update(fuente.encode())
    return h.hexdigest()[:16]


def _llenar(motor: str, url: str, ciudadanos: int, peticiones: int, seguimientos: bool, semilla: int,
            avisar: Callable[[str], None]) -> dict:
    from oee_desk.services.generador_atencion import crear_operadores, generar

    bd = BaseDatos(url)
    try:
        inicializar(bd, admin="jefa", nombre_completo="Jefa de Prueba", contrasena=CONTRASENA,
                    confirmacion=CONTRASENA)
        crear_operadores(bd, ServicioUsuarios(bd).autenticar("jefa", CONTRASENA), CONTRASENA)
        inicio = time.perf_counter()
        datos = generar(bd, ciudadanos, peticiones, semilla=semilla, seguimientos=seguimientos,
                        avisar=lambda t: avisar(f"  {motor}: {t}"))
        analizar(bd)
        datos["generacion_s"] = round(time.perf_counter() - inicio, 1)
        return datos
    finally:
        bd.cerrar()


def _servidor(pg: str):
    return create_engine(pg, isolation_level="AUTOCOMMIT")


def limpiar_cache(pg: str | None, avisar: Callable[[str], None]) -> None:
    carpeta = carpeta_cache()
    for archivo in carpeta.glob("atencion-*"):
        archivo.unlink()
        avisar(f"borrado {archivo}")
    if pg:
        with contextlib.suppress(Exception), _servidor(pg).connect() as c:
            for (nombre,) in c.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                                       {"p": PREFIJO_CACHE + "%"}).all():
                c.execute(text(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)'))
                avisar(f"borrada la base {nombre}")


@contextlib.contextmanager
def base_atencion(motor: str, pg: str, ciudadanos: int, peticiones: int, *, seguimientos: bool = True,
                  semilla: int = 2025, cache: Path | None = None, usar_cache: bool = True,
                  avisar: Callable[[str], None] = print) -> Iterator[Preparada]:
    """A filled database of its own for this run; `Preparada.recepcion` is an Atención operator."""
    llave = clave(ciudadanos, peticiones, seguimientos, semilla)
    datos: dict
    if motor == "sqlite":
        carpeta = Path(tempfile.mkdtemp(prefix="oee-bench-atencion-"))
        destino = carpeta / "atencion.db"
        try:
            if usar_cache:
                guardada = (cache or carpeta_cache()) / f"atencion-{llave}.db"
                notas = guardada.with_suffix(".json")
                if not (guardada.exists() and notas.exists()):
                    guardada.parent.mkdir(parents=True, exist_ok=True)
                    avisar(f"  sqlite: generando {ciudadanos:,} ciudadanos y {peticiones:,} peticiones "
                           f"(se guardan en {guardada})…")
                    parcial = guardada.with_suffix(".parcial")
                    parcial.unlink(missing_ok=True)
                    datos = _llenar(motor, f"sqlite:///{parcial.as_posix()}", ciudadanos, peticiones, seguimientos,
                                    semilla, avisar)
                    for resto in (Path(f"{parcial}-wal"), Path(f"{parcial}-shm")):
                        resto.unlink(missing_ok=True)
                    parcial.replace(guardada)
                    notas.write_text(json.dumps(datos), encoding="utf-8")
                datos = {**json.loads(notas.read_text(encoding="utf-8")), "cache": str(guardada)}
                shutil.copyfile(guardada, destino)
            else:
                datos = _llenar(motor, f"sqlite:///{destino.as_posix()}", ciudadanos, peticiones, seguimientos,
                                semilla, avisar)
            yield _preparada(motor, f"sqlite:///{destino.as_posix()}", datos)
        finally:
            shutil.rmtree(carpeta, ignore_errors=True)
        return

    servidor = _servidor(pg)
    nombre = f"oee_bench_{uuid.uuid4().hex[:12]}"
    try:
        with servidor.connect() as c:
            if usar_cache:
                plantilla = f"{PREFIJO_CACHE}{llave}"
                nota = c.execute(text("SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                                      "WHERE datname = :n"), {"n": plantilla}).first()
                if nota is None or not (nota[0] or "").startswith(COMPLETA):
                    c.execute(text(f'DROP DATABASE IF EXISTS "{plantilla}" WITH (FORCE)'))
                    c.execute(text(f'CREATE DATABASE "{plantilla}"'))
                    avisar(f"  postgresql: generando {ciudadanos:,} ciudadanos y {peticiones:,} peticiones "
                           f"(se guardan en la base {plantilla})…")
                    datos = _llenar(motor, make_url(pg).set(database=plantilla).render_as_string(hide_password=False),
                                    ciudadanos, peticiones, seguimientos, semilla, avisar)
                    texto_nota = COMPLETA + " " + json.dumps(datos).replace("'", "''")
                    c.execute(text(f"COMMENT ON DATABASE \"{plantilla}\" IS '{texto_nota}'"))
                else:
                    datos = json.loads(nota[0][len(COMPLETA) + 1:])
                datos["cache"] = plantilla
                c.execute(text(f'CREATE DATABASE "{nombre}" TEMPLATE "{plantilla}"'))
            else:
                c.execute(text(f'CREATE DATABASE "{nombre}"'))
        url = make_url(pg).set(database=nombre).render_as_string(hide_password=False)
        if not usar_cache:
            datos = _llenar(motor, url, ciudadanos, peticiones, seguimientos, semilla, avisar)
        yield _preparada(motor, url, datos)
    finally:
        with servidor.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)'))
        servidor.dispose()


def _preparada(motor: str, url: str, datos: dict) -> Preparada:
    bd = BaseDatos(url)
    usuarios = ServicioUsuarios(bd)
    admin = usuarios.autenticar("jefa", CONTRASENA)
    operadora = usuarios.autenticar("bench_atencion_1", CONTRASENA)
    return Preparada(motor, url, bd, admin, operadora, datos)
