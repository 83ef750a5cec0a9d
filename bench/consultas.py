"""Search as the operator types, and the bandeja's first screen, against hand-written indexed SQL.

The baselines run on the driver's own connection (sqlite3 / psycopg), without SQLAlchemy: the FTS5
or pg_trgm query alone, fetching the same rows. Service and baseline alternate query by query, so
that a noisy neighbour slows both alike.
"""
from __future__ import annotations

import contextlib
import random
import sqlite3
from typing import Callable, Iterator

import psycopg
from sqlalchemy import select
from sqlalchemy.engine import make_url

from oee_desk.db.busqueda import MINIMO_TRIGRAMA, consulta_fts
from oee_desk.db.modelos_correspondencia import Oficio
from oee_desk.domain.texto import normalizar
from oee_desk.services.bandeja import FiltroBandeja, ServicioBandeja
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.generador_oficios import APELLIDOS

from .bases import Preparada
from .medir import Figura, cronometrar, p95

COLUMNAS_OFICIO = ("id, serie_control_id, anio, numero, numero_control, fecha_recepcion, destinatario, "
                   "remitente_nombre, remitente_cargo, remitente_institucion, numero_oficio_remitente, "
                   "fecha_documento, asunto, tipo_documento_id, prioridad, serie_documental_id, registrado_por, "
                   "anulado, motivo_anulacion, texto_busqueda, estado, primer_turno, creado, actualizado, version")
COLUMNAS_BANDEJA = ("id, numero_control, fecha_recepcion, remitente_nombre, remitente_institucion, asunto, "
                    "prioridad, estado, anulado, primer_turno")


# --- the raw connection ---------------------------------------------------------------------
@contextlib.contextmanager
def conexion_cruda(p: Preparada) -> Iterator:
    if p.motor == "sqlite":
        c = sqlite3.connect(make_url(p.url).database, isolation_level=None)
        c.execute("PRAGMA synchronous=NORMAL")
    else:
        c = psycopg.connect(make_url(p.url).set(drivername="postgresql").render_as_string(hide_password=False),
                            autocommit=True)
    try:
        yield c
    finally:
        c.close()


def _donde(motor: str, palabras: list[str]) -> tuple[str, list]:
    """The indexed WHERE of the baseline, written by hand for each engine."""
    if motor == "sqlite":
        largas = [w for w in palabras if len(w) >= MINIMO_TRIGRAMA]
        partes, valores = [], []
        if largas:
            partes.append("rowid IN (SELECT rowid FROM oficios_fts WHERE oficios_fts MATCH ?)")
            valores.append(consulta_fts(largas))
        for w in palabras:
            if w not in largas:
                partes.append("texto_busqueda LIKE ?")
                valores.append(f"%{w}%")
        return " AND ".join(partes), valores
    return " AND ".join(["texto_busqueda LIKE %s"] * len(palabras)), [f"%{w}%" for w in palabras]


def _ejecutar(c, sql: str, valores: list) -> list:
    if isinstance(c, sqlite3.Connection):
        return c.execute(sql, valores).fetchall()
    with c.cursor() as cur:
        cur.execute(sql, valores)
        return cur.fetchall()


# --- the queries an operator types -------------------------------------------------------------
def consultas(p: Preparada, cuantas: int, semilla: int = 11) -> dict[str, list[str]]:
    """A surname without accents, two words of a sender's name in the other order, and a piece of
    a control number, taken from the generated data so that they find something."""
    azar = random.Random(semilla)
    with p.bd.lectura() as s:
        muestra = s.execute(select(Oficio.remitente_nombre, Oficio.numero_control, Oficio.anio, Oficio.numero)
                            .order_by(Oficio.fecha_recepcion.desc()).limit(5000)).all()
    elegidas = azar.sample(muestra, min(cuantas, len(muestra)))
    apellidos = [normalizar(a) for a in azar.sample(APELLIDOS, min(cuantas, len(APELLIDOS)))]
    dos = []
    for nombre, *_ in elegidas:
        palabras = normalizar(nombre).split()[1:]  # without the title
        dos.append(f"{palabras[-2]} {palabras[0]}")  # «gastelum maria»
    control = []
    for _, numero_control, anio, numero in elegidas:
        control.append(f"{numero}/{anio % 100:02d}" if "/" in numero_control else f"01-{numero}")
    return {"apellido": apellidos, "dos_palabras": dos, "numero_control": control}


def _alternar(pares: list[tuple[Callable, ...]], veces: int) -> tuple[list[float], ...]:
    """Each pair's (or triple's) calls in turn, so that a noisy neighbour slows them alike."""
    tiempos: tuple[list[float], ...] = tuple([] for _ in pares[0]) if pares else ([], [])
    for llamadas in pares:
        for lista, llamada in zip(tiempos, llamadas):
            lista += cronometrar(llamada, veces)
    return tiempos


def _con_turnos_y_anexos(c, motor: str, sql: str, valores: list) -> list:
    """What `buscar` reads, by hand: the matters, then their scans and turnos (with the agency and
    instruction names) in one query each. What it computes from them (the semáforo) has no SQL twin."""
    filas = _ejecutar(c, sql, valores)
    ids = [f[0] for f in filas]
    if ids:
        marcas = ", ".join(["?" if motor == "sqlite" else "%s"] * len(ids))
        _ejecutar(c, f"SELECT oficio_id, nombre_archivo, tipo_mime, tamano, sha256 FROM anexos "
                     f"WHERE oficio_id IN ({marcas}) ORDER BY creado", ids)
        _ejecutar(c, "SELECT t.oficio_id, t.id, d.codigo, d.nombre, t.rol, i.codigo, i.nombre, t.plazo_dias_habiles, "
                     "t.fecha_turno, t.fecha_limite, t.nota, t.estatus, t.fecha_acuse, t.fecha_respuesta, t.avance_pct, "
                     "t.version FROM turnos t JOIN dependencias d ON d.id = t.dependencia_id "
                     f"JOIN instrucciones i ON i.id = t.instruccion_id WHERE t.oficio_id IN ({marcas}) "
                     "AND NOT t.cancelado ORDER BY t.fecha_turno, d.codigo", ids)
    return filas


def medir_busqueda(p: Preparada, cuantas: int = 10, veces: int = 3) -> list[Figura]:
    corr, bandeja = ServicioCorrespondencia(p.bd), ServicioBandeja(p.bd)
    figuras = []
    por_tipo = consultas(p, cuantas)
    with conexion_cruda(p) as c:
        medidas = {"buscar": ([], [], {}), "bandeja": ([], [], {})}
        mismo_resultado: list[float] = []
        for tipo, textos in por_tipo.items():
            pares_buscar, pares_bandeja = [], []
            for texto in textos:
                donde, valores = _donde(p.motor, normalizar(texto).split())
                sql_buscar = (f"SELECT {COLUMNAS_OFICIO} FROM oficios WHERE {donde} "
                              "ORDER BY fecha_recepcion DESC LIMIT 50")
                sql_contar = f"SELECT count(*) FROM oficios WHERE {donde}"
                sql_pagina = (f"SELECT {COLUMNAS_BANDEJA} FROM oficios WHERE {donde} "
                              "ORDER BY fecha_recepcion DESC LIMIT 100")
                filtro = FiltroBandeja(texto=texto)
                pares_buscar.append((lambda t=texto: corr.buscar(p.recepcion, t),
                                     lambda s=sql_buscar, v=valores: _ejecutar(c, s, v),
                                     lambda s=sql_buscar, v=valores: _con_turnos_y_anexos(c, p.motor, s, v)))
                pares_bandeja.append((
                    lambda f=filtro: (bandeja.contar(p.recepcion, f), bandeja.pagina(p.recepcion, f, limite=100)),
                    lambda a=sql_contar, b=sql_pagina, v=valores: (_ejecutar(c, a, v), _ejecutar(c, b, v))))
            for nombre, pares in (("buscar", pares_buscar), ("bandeja", pares_bandeja)):
                servicio, base, *mismo = _alternar(pares, veces)
                medidas[nombre][0].extend(servicio)
                medidas[nombre][1].extend(base)
                medidas[nombre][2][tipo] = {"p95_ms": round(p95(servicio), 2), "base_p95_ms": round(p95(base), 2),
                                            "ejemplos": textos[:3]}
                if mismo:
                    mismo_resultado.extend(mismo[0])
                    medidas[nombre][2][tipo]["base_mismo_resultado_p95_ms"] = round(p95(mismo[0]), 2)
    for nombre, etiqueta in (("buscar", "búsqueda: ServicioCorrespondencia.buscar (p95)"),
                             ("bandeja", "búsqueda en bandeja: contar + pagina(texto) (p95)")):
        servicio, base, detalle = medidas[nombre]
        valor, referencia = p95(servicio), p95(base)
        figuras.append(Figura(etiqueta, p.motor, "ms", valor, referencia, "≤ 2× y ≤ 50 ms",
                              valor <= 2 * referencia and valor <= 50,
                              {"consultas": len(servicio), "por_tipo": detalle}))
    servicio = medidas["buscar"][0]
    figuras.append(Figura("búsqueda: buscar contra el mismo resultado leído a mano (p95)", p.motor, "ms",
                          p95(servicio), p95(mismo_resultado), "(informativo)", None,
                          {"base": "la búsqueda + sus anexos + sus turnos con dependencia e instrucción, en SQL crudo"}))
    return figuras


def medir_primera_pantalla(p: Preparada, veces: int = 20) -> Figura:
    """What the GUI does to show the bandeja: the total and the first 100 rows, newest first."""
    bandeja = ServicioBandeja(p.bd)
    with conexion_cruda(p) as c:
        servicio, base = [], []
        for _ in range(veces):
            servicio += cronometrar(lambda: (bandeja.contar(p.recepcion), bandeja.pagina(p.recepcion, limite=100)), 1)
            base += cronometrar(lambda: (
                _ejecutar(c, "SELECT count(*) FROM oficios", []),
                _ejecutar(c, f"SELECT {COLUMNAS_BANDEJA} FROM oficios ORDER BY fecha_recepcion DESC LIMIT 100", [])),
                1)
    valor = p95(servicio)
    return Figura("bandeja, primera pantalla: contar + pagina(100) (p95)", p.motor, "ms", valor, p95(base),
                  "≤ 300 ms", valor <= 300, {"repeticiones": veces})
