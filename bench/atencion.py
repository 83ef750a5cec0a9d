"""Atención Ciudadana's quality figures (quality.md), each against raw SQL in the same run.

- ciudadanos: search as the operator types (ServicioCiudadanos.buscar) over 150,000 citizens,
  against the FTS5 (SQLite) / pg_trgm (PostgreSQL) query alone, on the driver's connection.
- peticiones: the petitions list over 1,000,000 rows (ServicioListaPeticiones): the same typed
  texts as a filter (contar + pagina), the first screen (contar + pagina(100)), the last page,
  and the process memory while paging through the list.
- importacion: 28,000 petitions + 47,000 follow-ups of history through the import service,
  against a raw executemany of the same rows in one transaction.
- poa (bench/poa.py): the year's POA tally, its PDF and XLSX, and the dashboard, on the same
  database, before the import writes to it.

Typed texts come from the generated citizens: every keystroke from the third character of a name
and surname («mar», «mari», «maria», «maria p», … «maria pena»), surnames in the other order, a
phone digit by digit («662», «6621», …), a CURP in pieces. Service and baseline alternate query by
query, so that a noisy neighbour slows both alike.
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import random
import time
from pathlib import Path
from typing import Callable

from oee_desk.db.busqueda import MINIMO_TRIGRAMA, consulta_fts
from oee_desk.db.modelos_atencion import Ciudadano, Peticion
from oee_desk.domain.texto import normalizar

from .bases import Preparada
from .consultas import _ejecutar, conexion_cruda
from .medir import Figura, cronometrar, mediana, p95

MEDIDAS = ("ciudadanos", "peticiones", "importacion")
COLUMNAS_C = ", ".join(f"c.{x.name}" for x in Ciudadano.__table__.columns)
COLUMNAS_P = ", ".join(f"p.{x.name}" for x in Peticion.__table__.columns)


# --- options (added to python -m bench) -----------------------------------------------------------
def agregar_argumentos(a: argparse.ArgumentParser) -> None:
    g = a.add_argument_group("Atención Ciudadana (--solo " + ",".join(MEDIDAS) + ")")
    g.add_argument("--ciudadanos", type=int, default=None, help="ciudadanos generados (150000; 3000 con --rapido)")
    g.add_argument("--peticiones", type=int, default=None, help="peticiones generadas (1000000; 20000 con --rapido)")
    g.add_argument("--importar", default=None,
                   help="peticiones,seguimientos del archivo a importar (28000,47000; 1000,1700 con --rapido)")
    g.add_argument("--consultas", type=int, default=None, help="textos tecleados de búsqueda (200; 40 con --rapido)")
    g.add_argument("--paginas", type=int, default=None, help="páginas recorridas para medir la memoria (200; 20)")
    g.add_argument("--sin-seguimientos", action="store_true", help="no generar seguimientos de las peticiones")
    g.add_argument("--cache", type=Path, default=None, help="carpeta de las bases generadas (~/.cache/oee-desk-bench)")
    g.add_argument("--sin-cache", action="store_true", help="generar cada vez, sin guardar la base")
    g.add_argument("--limpiar-cache", action="store_true", help="borrar las bases guardadas antes de empezar")


def completar(args: argparse.Namespace) -> None:
    r = args.rapido
    args.ciudadanos = args.ciudadanos if args.ciudadanos is not None else (3_000 if r else 150_000)
    args.peticiones = args.peticiones if args.peticiones is not None else (20_000 if r else 1_000_000)
    importar = args.importar or ("1000,1700" if r else "28000,47000")
    args.importar_peticiones, args.importar_seguimientos = (int(x) for x in importar.split(","))
    args.consultas = args.consultas if args.consultas is not None else (40 if r else 200)
    args.paginas = args.paginas if args.paginas is not None else (20 if r else 200)


def parametros(args: argparse.Namespace) -> dict:
    return {"ciudadanos": args.ciudadanos, "peticiones": args.peticiones,
            "importar": [args.importar_peticiones, args.importar_seguimientos], "consultas": args.consultas,
            "paginas": args.paginas, "seguimientos_generados": not args.sin_seguimientos}


def medir(args: argparse.Namespace, motor: str, avisar: Callable[[str], None]) -> list[Figura]:
    from .bases_atencion import base_atencion, limpiar_cache

    if args.limpiar_cache:
        limpiar_cache(args.pg, avisar)
        args.limpiar_cache = False
    figuras: list[Figura] = []
    inicio = time.perf_counter()
    with base_atencion(motor, args.pg, args.ciudadanos, args.peticiones, seguimientos=not args.sin_seguimientos,
                       cache=args.cache, usar_cache=not args.sin_cache, avisar=avisar) as p:
        avisar(f"  {motor}: Atención lista en {time.perf_counter() - inicio:.1f} s: {p.datos}")
        veces = 1 if args.rapido else 2
        try:
            if "ciudadanos" in args.solo or "peticiones" in args.solo:
                textos = tecleados(p, args.consultas)
            if "ciudadanos" in args.solo:
                figuras.append(medir_busqueda_ciudadanos(p, textos, veces))
                avisar(f"  {motor}: búsqueda de ciudadanos medida")
            if "peticiones" in args.solo:
                figuras.append(medir_busqueda_peticiones(p, textos, 1, por_clase=max(3, args.consultas // 10)))
                figuras += medir_lista(p, veces=5 if args.rapido else 20, paginas=args.paginas)
                avisar(f"  {motor}: lista de peticiones medida")
            if "poa" in args.solo:  # bench/poa.py, on the same database
                from . import poa

                figuras += poa.medir(p, veces=3 if args.rapido else 9, avisar=avisar)
            if "importacion" in args.solo:  # last: it writes
                figuras += medir_importacion(p, args.importar_peticiones, args.importar_seguimientos)
                avisar(f"  {motor}: importación medida")
        finally:
            p.bd.cerrar()
    return figuras


# --- what the operator types ----------------------------------------------------------------------
def _tecleo(texto: str, desde: int = 3) -> list[str]:
    """Every keystroke from the `desde`-th character, as the search box sends them."""
    return [texto[:k] for k in range(desde, len(texto) + 1) if not texto[:k].endswith(" ")]


def tecleados(p: Preparada, cuantos: int, semilla: int = 7) -> dict[str, list[str]]:
    azar = random.Random(semilla)
    with conexion_cruda(p) as c:
        gente = _ejecutar(c, "SELECT nombre, primer_apellido, segundo_apellido, telefono, curp FROM ciudadanos "
                             "ORDER BY id", [])
    por_tipo: dict[str, list[str]] = {"nombre": [], "apellidos": [], "telefono": [], "curp": []}
    ciclo = ["nombre", "nombre", "apellidos", "telefono", "nombre", "curp", "apellidos", "telefono"]
    k = 0
    while sum(len(v) for v in por_tipo.values()) < cuantos:
        tipo = ciclo[k % len(ciclo)]
        k += 1
        nombre, ap1, ap2, telefono, curp = azar.choice(gente)
        if tipo == "nombre":  # with accents as some operators type them; the search removes them
            texto = f"{nombre.split()[0]} {ap1}"
            texto = texto if azar.random() < 0.3 else normalizar(texto)
        elif tipo == "apellidos":
            texto = normalizar(f"{ap1} {ap2 or ''} {nombre.split()[0]}" if azar.random() < 0.5
                               else f"{ap1} {nombre.split()[0]}")
        elif tipo == "telefono":
            if not telefono:
                continue
            texto = telefono
        else:
            if not curp:
                continue
            por_tipo["curp"] += [curp[:n].lower() for n in (4, 6, 10, 11, 13, 16, 18)]
            continue
        por_tipo[tipo] += _tecleo(texto)
    return por_tipo


# --- raw SQL: the same condition, written by hand -----------------------------------------------------
def palabras_buscadas(texto: str, *, unir_telefono: bool) -> list[str]:
    """The words the service searches for (services.ciudadanos.buscar joins a phone typed in pieces)."""
    palabras = normalizar(texto).split()
    if unir_telefono and palabras and all(w.replace("-", "").isdigit() for w in palabras) \
            and len("".join(palabras)) >= 7:
        palabras = ["".join(w.replace("-", "") for w in palabras)]
    return palabras


def donde_ciudadano(motor: str, palabras: list[str], alias: str = "c") -> tuple[str, list]:
    """Every word as a substring of texto_busqueda: FTS5 trigram (words ≥ 3) + LIKE, or LIKE (pg_trgm)."""
    marca = "?" if motor == "sqlite" else "%s"
    partes, valores = [], []
    largas = [w for w in palabras if len(w) >= MINIMO_TRIGRAMA] if motor == "sqlite" else []
    if largas:
        partes.append(f"{alias}.rowid IN (SELECT rowid FROM ciudadanos_fts WHERE ciudadanos_fts MATCH {marca})")
        valores.append(consulta_fts(largas))
    for w in palabras:
        if w not in largas:
            partes.append(f"{alias}.texto_busqueda LIKE {marca}")
            valores.append(f"%{w}%")
    return " AND ".join(partes) or "1=1", valores


def _recientes(motor: str, palabras: list[str], columnas: str, limite: int) -> tuple[str, list]:
    """Live citizens holding every word, newest first, as one would write it by hand for each
    engine: on SQLite the FTS5 table drives the join in its rowid (capture) order, so LIMIT stops
    early; on PostgreSQL the GIN-indexed LIKE, ordered by id."""
    marca = "?" if motor == "sqlite" else "%s"
    largas = [w for w in palabras if len(w) >= MINIMO_TRIGRAMA] if motor == "sqlite" else []
    if not largas:
        donde, valores = donde_ciudadano(motor, palabras)
        return (f"SELECT {columnas} FROM ciudadanos c WHERE {donde} AND c.fusionado_en IS NULL "
                f"ORDER BY c.id DESC LIMIT {limite}"), valores
    cortas = [w for w in palabras if w not in largas]
    donde = "".join(f" AND c.texto_busqueda LIKE {marca}" for _ in cortas)
    return (f"SELECT {columnas} FROM ciudadanos c JOIN ciudadanos_fts f ON f.rowid = c.rowid "
            f"WHERE ciudadanos_fts MATCH {marca}{donde} AND c.fusionado_en IS NULL "
            f"ORDER BY f.rowid DESC LIMIT {limite}"), [consulta_fts(largas), *(f"%{w}%" for w in cortas)]


def sql_ciudadanos(motor: str, texto: str) -> tuple[str, list, str]:
    """The search alone (figure's baseline), and the same result the service returns: with each
    citizen's municipio and open/total petitions (in the details)."""
    busqueda, valores = _recientes(motor, palabras_buscadas(texto, unir_telefono=True), COLUMNAS_C, 20)
    resultado = (f"SELECT b.*, m.nombre, "
                 "(SELECT count(*) FROM peticiones p WHERE p.ciudadano_id = b.id AND p.estatus <> 'anulada'), "
                 "(SELECT count(*) FROM peticiones p WHERE p.ciudadano_id = b.id "
                 "AND p.estatus IN ('recibida', 'canalizada', 'en_seguimiento')) "
                 f"FROM ({busqueda}) b LEFT JOIN municipios m ON m.id = b.municipio_id")
    return busqueda, valores, resultado


def _pagina_sql(ids: str) -> str:
    return (f"SELECT {COLUMNAS_P}, {COLUMNAS_C}, ca.nombre, t.nombre, t.plazo_dias_habiles, m.nombre, u.nombre, "
            f"g.clave FROM ({ids}) i JOIN peticiones p ON p.id = i.id JOIN ciudadanos c ON c.id = p.ciudadano_id "
            "JOIN canales ca ON ca.id = p.canal_id JOIN temas t ON t.id = p.tema_id "
            "LEFT JOIN municipios m ON m.id = p.municipio_id LEFT JOIN usuarios u ON u.id = p.registrado_por "
            "LEFT JOIN giras g ON g.id = p.gira_id ORDER BY p.fecha_recepcion DESC, p.id DESC")


def lista_filtrada_cruda(c, motor: str, texto: str):
    """Petitions with the folio typed, or of the (at most 500 most recent) citizens the text finds:
    counted, and the newest 100, as one would write it by hand: the citizens first, then the folio
    and ciudadano_id indexes under one OR."""
    from oee_desk.services.lista_peticiones import LIMITE_CIUDADANOS, _folio_exacto

    marca = "?" if motor == "sqlite" else "%s"
    folio = _folio_exacto(texto) or texto.strip().upper()
    sql, valores = _recientes(motor, palabras_buscadas(texto, unir_telefono=False), "c.id", LIMITE_CIUDADANOS)
    ids = [i for (i,) in _ejecutar(c, sql, valores)]
    condicion = f"p.folio = {marca}" + (f" OR p.ciudadano_id IN ({', '.join([marca] * len(ids))})" if ids else "")
    contar = _ejecutar(c, f"SELECT count(*) FROM peticiones p WHERE {condicion}", [folio, *ids])
    pagina = _ejecutar(c, _pagina_sql(f"SELECT p.id FROM peticiones p WHERE {condicion} "
                                      "ORDER BY p.fecha_recepcion DESC, p.id DESC LIMIT 100"), [folio, *ids])
    return contar, pagina


# --- measures ---------------------------------------------------------------------------------------
def _alternar(pares, veces: int, calentar: int = 1) -> tuple[list[float], list[float], list[float]]:
    """Service and raw SQL, text by text. Without a warm-up call, whichever goes first reads the
    text's pages cold and leaves them warm for the other (seen here: 112 ms against 6 ms for the
    same count), so then the two take turns at going first."""
    servicio, base, extra = [], [], []
    for i, (funcion, cruda, otra) in enumerate(pares):
        if calentar == 0 and i % 2:
            base += cronometrar(cruda, veces, calentar=0)
            servicio += cronometrar(funcion, veces, calentar=0)
        else:
            servicio += cronometrar(funcion, veces, calentar=calentar)
            base += cronometrar(cruda, veces, calentar=calentar)
        if otra is not None:
            extra += cronometrar(otra, veces, calentar=calentar)
    return servicio, base, extra


def _por_tipo(por_tipo: dict, tiempos: dict) -> dict:
    return {tipo: {"consultas": len(textos), "p50_ms": round(mediana(tiempos[tipo][0]), 2),
                   "p95_ms": round(p95(tiempos[tipo][0]), 2), "base_p50_ms": round(mediana(tiempos[tipo][1]), 2),
                   "base_p95_ms": round(p95(tiempos[tipo][1]), 2), "ejemplos": textos[:6]}
            for tipo, textos in por_tipo.items() if textos}


def medir_busqueda_ciudadanos(p: Preparada, por_tipo: dict[str, list[str]], veces: int = 2) -> Figura:
    from oee_desk.services.ciudadanos import ServicioCiudadanos

    servicio_c = ServicioCiudadanos(p.bd)
    todos_s, todos_b, todos_r, tiempos, lentas = [], [], [], {}, []
    with conexion_cruda(p) as c:
        for tipo, textos in por_tipo.items():
            pares = []
            for texto in textos:
                busqueda, valores, resultado = sql_ciudadanos(p.motor, texto)
                pares.append((lambda t=texto: servicio_c.buscar(p.recepcion, t),
                              lambda s=busqueda, v=valores: _ejecutar(c, s, v),
                              lambda s=resultado, v=valores: _ejecutar(c, s, v)))
            s, b, r = _alternar(pares, veces)
            tiempos[tipo] = (s, b)
            todos_s += s
            todos_b += b
            todos_r += r
            lentas += [(max(s[i * veces:(i + 1) * veces]), t) for i, t in enumerate(textos)]
    valor, base = p95(todos_s), p95(todos_b)
    lentas.sort(reverse=True)
    detalle = {"consultas": len(todos_s) // veces, "veces": veces, "p50_ms": round(mediana(todos_s), 2),
               "base_p50_ms": round(mediana(todos_b), 2),
               "base_mismo_resultado_p95_ms": round(p95(todos_r), 2),
               "base_mismo_resultado_p50_ms": round(mediana(todos_r), 2),
               "mas_lentas": [(t, round(ms, 1)) for ms, t in lentas[:8]], "por_tipo": _por_tipo(por_tipo, tiempos),
               "plan_mas_lenta": planes(p, lambda: servicio_c.buscar(p.recepcion, lentas[0][1]))}
    return Figura(f"ciudadanos: ServicioCiudadanos.buscar al teclear, {p.datos['ciudadanos']:,} ciudadanos (p95)",
                  p.motor, "ms", valor, base, "≤ 2× y ≤ 50 ms", valor <= 2 * base and valor <= 50, detalle)


def muestra_pareja(textos: list[str], cuantos: int) -> list[str]:
    """`cuantos` texts spread evenly over the keystrokes (short prefixes and whole names alike)."""
    if len(textos) <= cuantos:
        return list(textos)
    return [textos[round(i * (len(textos) - 1) / (cuantos - 1))] for i in range(cuantos)] if cuantos > 1 \
        else textos[:1]


def medir_busqueda_peticiones(p: Preparada, por_tipo: dict[str, list[str]], veces: int = 1,
                              por_clase: int = 20) -> Figura:
    """The same typed texts as a filter of the list. A short prefix finds a third of the citizens and
    their hundreds of thousands of petitions, so only `por_clase` texts of each kind are measured,
    once each, without a warm-up call (the service and the raw SQL take turns at going first)."""
    from oee_desk.services.lista_peticiones import FiltroPeticiones, ServicioListaPeticiones

    lista = ServicioListaPeticiones(p.bd)
    with conexion_cruda(p) as c:
        folios = [f for (f,) in _ejecutar(c, "SELECT folio FROM peticiones ORDER BY id DESC LIMIT 500", [])]
        azar = random.Random(5)
        por_tipo = {tipo: muestra_pareja(textos, por_clase) for tipo, textos in por_tipo.items()}
        por_tipo["folio"] = [azar.choice(folios) for _ in range(max(2, por_clase // 2))]
        todos_s, todos_b, tiempos, lentas = [], [], {}, []
        for tipo, textos in por_tipo.items():
            pares = []
            for texto in textos:
                filtro = FiltroPeticiones(texto=texto)
                pares.append((
                    lambda f=filtro: (lista.contar(p.recepcion, f), lista.pagina(p.recepcion, f, limite=100)),
                    lambda t=texto: lista_filtrada_cruda(c, p.motor, t), None))
            s, b, _ = _alternar(pares, veces, calentar=0)
            tiempos[tipo] = (s, b)
            todos_s += s
            todos_b += b
            lentas += [(max(s[i * veces:(i + 1) * veces]), t) for i, t in enumerate(textos)]
    valor, base = p95(todos_s), p95(todos_b)
    lentas.sort(reverse=True)
    detalle = {"consultas": len(todos_s) // veces, "veces": veces, "p50_ms": round(mediana(todos_s), 2),
               "base_p50_ms": round(mediana(todos_b), 2), "mas_lentas": [(t, round(ms, 1)) for ms, t in lentas[:8]],
               "por_tipo": _por_tipo(por_tipo, tiempos),
               "plan_mas_lenta": planes(p, lambda: (lista.contar(p.recepcion, FiltroPeticiones(texto=lentas[0][1])),
                                                   lista.pagina(p.recepcion, FiltroPeticiones(texto=lentas[0][1]))))}
    return Figura(f"peticiones: buscar en la lista al teclear (contar + pagina(texto)), "
                  f"{p.datos['peticiones']:,} peticiones (p95)", p.motor, "ms", valor, base, "≤ 2× y ≤ 50 ms",
                  valor <= 2 * base and valor <= 50, detalle)


def rss_mb() -> float:
    """Resident memory of this process now (not the peak): /proc/self/statm."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def medir_lista(p: Preparada, veces: int = 20, paginas: int = 200) -> list[Figura]:
    """The first screen (total + newest 100), the last page, and memory while paging through the list."""
    from oee_desk.services.lista_peticiones import ServicioListaPeticiones

    lista = ServicioListaPeticiones(p.bd)
    primera = _pagina_sql("SELECT id FROM peticiones ORDER BY fecha_recepcion DESC, id DESC LIMIT 100")
    with conexion_cruda(p) as c:
        total = _ejecutar(c, "SELECT count(*) FROM peticiones", [])[0][0]
        ultima = _pagina_sql(f"SELECT id FROM peticiones ORDER BY fecha_recepcion DESC, id DESC "
                             f"LIMIT 100 OFFSET {max(total - 100, 0)}")
        s1, b1, s2, b2 = [], [], [], []
        for _ in range(veces):
            s1 += cronometrar(lambda: (lista.contar(p.recepcion), lista.pagina(p.recepcion, limite=100)), 1)
            b1 += cronometrar(lambda: (_ejecutar(c, "SELECT count(*) FROM peticiones", []),
                                       _ejecutar(c, primera, [])), 1)
        for _ in range(max(3, veces // 4)):
            s2 += cronometrar(lambda: lista.pagina(p.recepcion, desde_fila=max(total - 100, 0), limite=100), 1)
            b2 += cronometrar(lambda: _ejecutar(c, ultima, []), 1)
    figuras = [
        Figura(f"peticiones: primera pantalla de la lista, contar + pagina(100), {total:,} filas (p95)", p.motor,
               "ms", p95(s1), p95(b1), "≤ 300 ms", p95(s1) <= 300,
               {"repeticiones": veces, "p50_ms": round(mediana(s1), 2), "base_p50_ms": round(mediana(b1), 2),
                "plan": planes(p, lambda: (lista.contar(p.recepcion), lista.pagina(p.recepcion, limite=100)))}),
        Figura(f"peticiones: última página de la lista, pagina(desde_fila={max(total - 100, 0):,}) (p95)", p.motor,
               "ms", p95(s2), p95(b2), "≤ 300 ms", p95(s2) <= 300,
               {"repeticiones": len(s2), "p50_ms": round(mediana(s2), 2), "base_p50_ms": round(mediana(b2), 2),
                "plan": planes(p, lambda: lista.pagina(p.recepcion, desde_fila=max(total - 100, 0), limite=100))})]
    # Memory: page through the list from the top as a scrolling view does, keeping only the page shown.
    mitad = max(paginas // 2, 1)
    gc.collect()
    antes = rss_mb()
    filas = 0
    mitad_mb = antes
    for k in range(paginas):
        pagina = lista.pagina(p.recepcion, desde_fila=k * 100, limite=100)
        filas += len(pagina)
        if k + 1 == mitad:
            gc.collect()
            mitad_mb = rss_mb()
    filas += len(lista.pagina(p.recepcion, desde_fila=max(total - 100, 0), limite=100))
    del pagina
    gc.collect()
    despues = rss_mb()
    crecimiento = despues - mitad_mb
    figuras.append(Figura(
        f"peticiones: memoria al recorrer {paginas} páginas y la última (crecimiento en la 2.ª mitad)", p.motor,
        "MB", crecimiento, None, "plana (≤ 5 MB)", crecimiento <= 5,
        {"rss_antes_mb": round(antes, 1), "rss_mitad_mb": round(mitad_mb, 1), "rss_despues_mb": round(despues, 1),
         "filas_leidas": filas, "paginas": paginas + 1}))
    return figuras


# --- import -----------------------------------------------------------------------------------------
def servicios_importacion():
    """(ServicioImportarPeticiones, ServicioImportarSeguimientos or None), or None if not written yet."""
    try:
        modulo = importlib.import_module("oee_desk.services.importar_peticiones")
    except ModuleNotFoundError:
        return None
    peticiones = getattr(modulo, "ServicioImportarPeticiones", None)
    seguimientos = getattr(modulo, "ServicioImportarSeguimientos", None)
    if seguimientos is None:
        with contextlib.suppress(ModuleNotFoundError):
            seguimientos = getattr(importlib.import_module("oee_desk.services.importar_seguimientos"),
                                   "ServicioImportarSeguimientos", None)
    return (peticiones, seguimientos) if peticiones else None


class _TiempoBD:
    """Seconds spent inside the driver's execute calls of an engine (the database's side of the work)."""

    def __init__(self, motor):
        from sqlalchemy import event

        self.motor, self.segundos, self.sentencias, self._inicio = motor, 0.0, 0, 0.0
        self._event = event

    def __enter__(self):
        self._event.listen(self.motor, "before_cursor_execute", self._antes)
        self._event.listen(self.motor, "after_cursor_execute", self._despues)
        return self

    def __exit__(self, *_):
        self._event.remove(self.motor, "before_cursor_execute", self._antes)
        self._event.remove(self.motor, "after_cursor_execute", self._despues)

    def _antes(self, *_):
        self._inicio = time.perf_counter()

    def _despues(self, *_):
        self.segundos += time.perf_counter() - self._inicio
        self.sentencias += 1


def medir_importacion(p: Preparada, n_peticiones: int, n_seguimientos: int) -> list[Figura]:
    from .importacion_atencion import borrar_historia, cargar_crudo, copiar_crudo, filas_crudas, filas_importacion

    filas, segs = filas_importacion(p.bd, n_peticiones, n_seguimientos)
    crudas = filas_crudas(p.bd, filas, segs)
    with conexion_cruda(p) as c:
        base = cargar_crudo(p.motor, c, crudas)
        borrar_historia(p.motor, c)
        copia = None
        if p.motor == "postgresql":
            copia = copiar_crudo(c, crudas)
            borrar_historia(p.motor, c)
    detalle: dict = {"peticiones": len(filas), "seguimientos": len(segs),
                     "base_filas": {k: len(v[1]) for k, v in crudas.items()}, "base_s": round(base, 2)}
    if copia is not None:
        detalle["base_copy_s"] = round(copia, 2)
    etiqueta = f"importación: {len(filas):,} peticiones + {len(segs):,} seguimientos, segundos de base de datos"
    clases = servicios_importacion()
    if clases is None:
        detalle["nota"] = "oee_desk/services/importar_peticiones.py (ServicioImportarPeticiones) aún no existe"
        return [Figura(etiqueta, p.motor, "s", float("nan"), base, "≤ 10 s", None, detalle)]
    importar_p, importar_s = clases
    with _TiempoBD(p.bd.motor) as bd_tiempo:
        inicio = time.perf_counter()
        resumen_p = importar_p(p.bd).importar(p.admin, filas)
        medio = time.perf_counter()
        resumen_s = importar_s(p.bd).importar(p.admin, segs) if importar_s else None
        fin = time.perf_counter()
    valor = fin - inicio
    detalle.update({
        "peticiones_s": round(medio - inicio, 2), "seguimientos_s": round(fin - medio, 2),
        # Inside cursor.execute/executemany through SQLAlchemy; a COPY on psycopg's own cursor is not seen.
        "en_execute_sqlalchemy_s": round(bd_tiempo.segundos, 2), "sentencias": bd_tiempo.sentencias,
        "resumen_peticiones": _resumen(resumen_p), "resumen_seguimientos": _resumen(resumen_s)})
    if importar_s is None:
        detalle["nota"] = "no hay ServicioImportarSeguimientos: solo se importaron las peticiones"
    return [Figura(etiqueta, p.motor, "s", valor, base, "≤ 10 s", valor <= 10, detalle)]


def _resumen(r) -> dict | None:
    if r is None:
        return None
    datos = r.como_json() if hasattr(r, "como_json") else dict(vars(r))
    errores = datos.get("errores") or []
    return {**{k: v for k, v in datos.items() if k != "errores"}, "errores": len(errores),
            "primeros_errores": errores[:5]}


# --- plans (for the report: why a query is slow) ------------------------------------------------
def planes(p: Preparada, funcion: Callable[[], object], limite: int = 4) -> list[dict]:
    """EXPLAIN QUERY PLAN (SQLite) / EXPLAIN ANALYZE (PostgreSQL) of the SELECTs `funcion` runs,
    slowest first, through the service's own engine and parameters."""
    from sqlalchemy import event

    vistas: list[tuple[float, str, object]] = []
    marcas: list[float] = []

    def antes(_c, _cur, sentencia, parametros, _ctx, _many):
        marcas.append(time.perf_counter())

    def despues(_c, _cur, sentencia, parametros, _ctx, _many):
        vistas.append((time.perf_counter() - marcas.pop(), sentencia, parametros))

    event.listen(p.bd.motor, "before_cursor_execute", antes)
    event.listen(p.bd.motor, "after_cursor_execute", despues)
    try:
        funcion()
    finally:
        event.remove(p.bd.motor, "before_cursor_execute", antes)
        event.remove(p.bd.motor, "after_cursor_execute", despues)
    resultado = []
    prefijo = "EXPLAIN QUERY PLAN " if p.motor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    for segundos, sentencia, parametros in sorted(vistas, key=lambda v: -v[0])[:limite]:
        if not sentencia.lstrip().upper().startswith("SELECT"):
            continue
        with p.bd.motor.connect() as c:
            filas = c.exec_driver_sql(prefijo + sentencia, parametros).all()
        plan = [" ".join(str(x) for x in f[-1:]) if p.motor == "sqlite" else f[0] for f in filas]
        resultado.append({"ms": round(segundos * 1000, 2), "sql": " ".join(sentencia.split())[:600], "plan": plan})
    return resultado
