"""The import's baseline: the rows an import of the history spreadsheet writes, computed beforehand
(not timed), then written by raw `executemany` in one transaction on the driver's connection.

Same rows as the service writes for the business tables: one citizen per distinct person of the
file (texto_busqueda and clave_nombre from domain.peticiones), each petition with its folio, catalog
ids, tour, municipio, fecha_limite and fecha_alerta, a canalization for every `canalizado_a` (history's
carry no new oficio number, as services/importar_peticiones writes them), and each follow-up on its
petition. No audit rows: that is part of what the service adds. The baseline's rows are deleted
again before the service imports.
"""
from __future__ import annotations

import datetime as dt
import random
import sqlite3
import time
from functools import lru_cache

from sqlalchemy import select

from oee_desk.db.modelos import Dependencia, Usuario
from oee_desk.db.motor import BaseDatos
from oee_desk.domain import semaforo
from oee_desk.domain.peticiones import AREAS_INTERNAS, clave_nombre, texto_busqueda_ciudadano
from oee_desk.services.lectura_turnos import calendario

from .generador_atencion import COLUMNAS_CIUDADANO, COLUMNAS_PETICION, COLUMNAS_SEGUIMIENTO, Ids, catalogo, dia, marca

COLUMNAS_CANALIZACION = ("id", "peticion_id", "tipo", "area", "dependencia_id", "fecha", "nota", "serie_control_id",
                         "anio", "numero", "numero_oficio", "registrado_por", "creado")
ULTIMO_ANIO_HISTORIA = 2020  # filas_importacion's years: the generated data starts in 2021


def filas_crudas(bd: BaseDatos, filas: list[dict], segs: list[dict]) -> dict[str, tuple[tuple, list[tuple]]]:
    cat = catalogo(bd)
    ids = Ids(random.Random(99))
    with bd.lectura() as s:
        cal = calendario(s)
        admin = s.scalar(select(Usuario.id).where(Usuario.nombre == "jefa")).hex
        dependencias = {d.codigo: d.id.hex for d in s.scalars(select(Dependencia))}
        from oee_desk.db.modelos_atencion import Gira
        giras = {g.clave: (g.id.hex, g.municipio_id.hex) for g in s.scalars(select(Gira))}
    sumar = lru_cache(maxsize=None)(cal.sumar)
    alerta = lru_cache(maxsize=None)(lambda d, l, p: semaforo.fecha_alerta(d, l, p, cal))
    ahora = dt.datetime.now().replace(microsecond=0)
    personas: dict[tuple, str] = {}
    ciudadanos, peticiones, canalizaciones, seguimientos = [], [], [], []
    por_folio: dict[str, str] = {}
    for f in filas:
        llave = tuple(f[k] for k in ("nombre", "primer_apellido", "segundo_apellido", "telefono", "curp", "correo"))
        cid = personas.get(llave)
        if cid is None:
            cid = personas[llave] = ids(ahora)
            campos = {k: f[k] or None for k in ("nombre", "primer_apellido", "segundo_apellido", "telefono", "curp",
                                                "correo")}
            ciudadanos.append((cid, f["nombre"], f["primer_apellido"], f["segundo_apellido"] or None,
                               f["telefono"] or None, None, f["correo"] or None, f["curp"] or None,
                               cat.municipios[f["municipio"]], f["localidad"], None, False, None, None, False,
                               texto_busqueda_ciudadano(campos), clave_nombre(campos), marca(ahora), marca(ahora), 1))
        recepcion = dt.datetime.strptime(f["fecha_recepcion"], "%Y-%m-%d %H:%M")
        tema = cat.temas[f["tema"]]
        canal = cat.canales[f["canal"]]
        limite = sumar(recepcion.date(), tema.plazo_dias_habiles)
        gira_id, municipio = None, cat.municipios[f["municipio"]]
        if f["gira"]:
            gira_id, municipio = giras[f["gira"]]
        _, anio, numero = f["folio"].split("-")
        pid = ids(ahora)
        por_folio[f["folio"]] = pid
        peticiones.append((pid, cat.serie_ac.id.hex, int(anio), int(numero), f["folio"], marca(recepcion),
                           canal.id.hex, tema.id.hex, f["descripcion"], None, gira_id, cid, municipio, admin,
                           f["estatus"], None, None, None, dia(limite),
                           dia(alerta(recepcion.date(), limite, tema.plazo_dias_habiles)), None, None, admin,
                           marca(ahora), marca(ahora), 1))
        destino = f["canalizado_a"]
        if destino:
            interna = destino in AREAS_INTERNAS  # history's canalizations carry no new oficio number
            canalizaciones.append((ids(ahora), pid, "area_interna" if interna else "dependencia",
                                   destino if interna else None, None if interna else dependencias[destino],
                                   marca(recepcion), "Canalización según el archivo histórico", None, None, None,
                                   None, admin, marca(ahora)))
    for x in segs:
        fecha = dt.datetime.strptime(x["fecha"], "%Y-%m-%d %H:%M")
        seguimientos.append((ids(ahora), por_folio[x["folio"]], marca(fecha), x["tipo"], None, x["nota"], admin,
                             marca(ahora)))
    return {"ciudadanos": (COLUMNAS_CIUDADANO, ciudadanos), "peticiones": (COLUMNAS_PETICION, peticiones),
            "canalizaciones": (COLUMNAS_CANALIZACION, canalizaciones),
            "seguimientos": (COLUMNAS_SEGUIMIENTO, seguimientos)}


def cargar_crudo(motor: str, c, crudas: dict) -> float:
    """Seconds to write every row with executemany in one transaction, commit included."""
    if motor == "sqlite":
        inicio = time.perf_counter()
        c.execute("BEGIN IMMEDIATE")
        for tabla, (columnas, filas) in crudas.items():
            c.executemany(f"INSERT INTO {tabla} ({','.join(columnas)}) VALUES ({','.join('?' * len(columnas))})",
                          filas)
        c.execute("COMMIT")
        return time.perf_counter() - inicio
    inicio = time.perf_counter()
    with c.transaction(), c.cursor() as cur:
        for tabla, (columnas, filas) in crudas.items():
            cur.executemany(f"INSERT INTO {tabla} ({','.join(columnas)}) VALUES ({','.join(['%s'] * len(columnas))})",
                            filas)
    return time.perf_counter() - inicio


def copiar_crudo(c, crudas: dict) -> float:
    """PostgreSQL: the same rows by COPY in one transaction (the fastest raw path), for the details."""
    from .generador_atencion import _linea_copy

    inicio = time.perf_counter()
    with c.transaction(), c.cursor() as cur:
        for tabla, (columnas, filas) in crudas.items():
            with cur.copy(f"COPY {tabla} ({','.join(columnas)}) FROM STDIN") as copia:
                copia.write("".join(_linea_copy(f) for f in filas))
    return time.perf_counter() - inicio


def borrar_historia(motor: str, c) -> None:
    """Remove what the baseline wrote (years ≤ 2020), so that the service imports into the same database."""
    marca_sql = "?" if motor == "sqlite" else "%s"
    historia = f"SELECT id FROM peticiones WHERE anio <= {ULTIMO_ANIO_HISTORIA}"
    if isinstance(c, sqlite3.Connection):
        c.execute("BEGIN IMMEDIATE")
        cids = [r[0] for r in c.execute(f"SELECT DISTINCT ciudadano_id FROM peticiones WHERE anio <= "
                                        f"{ULTIMO_ANIO_HISTORIA}")]
        c.execute(f"DELETE FROM seguimientos WHERE peticion_id IN ({historia})")
        c.execute(f"DELETE FROM canalizaciones WHERE peticion_id IN ({historia})")
        c.execute(f"DELETE FROM peticiones WHERE anio <= {ULTIMO_ANIO_HISTORIA}")
        c.executemany(f"DELETE FROM ciudadanos WHERE id = {marca_sql}", [(x,) for x in cids])
        c.execute("COMMIT")
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return
    with c.transaction(), c.cursor() as cur:
        # No foreign-key triggers for this cleanup: peticiones.fusionada_en has no index, so checking
        # each deleted petition would read the whole table (what is deleted is referenced only by itself).
        cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute(f"SELECT DISTINCT ciudadano_id FROM peticiones WHERE anio <= {ULTIMO_ANIO_HISTORIA}")
        cids = [r[0] for r in cur.fetchall()]
        cur.execute(f"DELETE FROM seguimientos WHERE peticion_id IN ({historia})")
        cur.execute(f"DELETE FROM canalizaciones WHERE peticion_id IN ({historia})")
        cur.execute(f"DELETE FROM peticiones WHERE anio <= {ULTIMO_ANIO_HISTORIA}")
        cur.execute("DELETE FROM ciudadanos WHERE id = ANY(%s)", (cids,))
    c.execute("VACUUM ANALYZE ciudadanos, peticiones, canalizaciones, seguimientos")
