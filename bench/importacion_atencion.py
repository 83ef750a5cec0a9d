"""The history spreadsheet to import (2018–2020, cli.md's columns), and the import's baseline: the
rows an import of it writes, computed beforehand (not timed), then written by raw `executemany` in
one transaction on the driver's connection.

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

from oee_desk.db.modelos import Dependencia, Municipio, Usuario
from oee_desk.db.modelos_atencion import Gira
from oee_desk.db.motor import BaseDatos
from oee_desk.domain import numeracion, semaforo
from oee_desk.domain.peticiones import AREAS_INTERNAS, clave_nombre, texto_busqueda_ciudadano
from oee_desk.services.carga_masiva import Ids, dia, linea_copy, marca
from oee_desk.services.generador_atencion import (
    COLUMNAS_CANALIZACION, COLUMNAS_CIUDADANO, COLUMNAS_PETICION, COLUMNAS_SEGUIMIENTO, NOTAS_SEGUIMIENTO, Generador,
    catalogo,
)
from oee_desk.services.generador_personas import elegir
from oee_desk.services.lectura_turnos import calendario

ULTIMO_ANIO_HISTORIA = 2020  # filas_importacion's years: the generated data starts in 2021


# --- the history spreadsheet to import (cli.md, import files) ----------------------------------
def filas_importacion(bd: BaseDatos, peticiones: int, seguimientos: int, *, semilla: int = 1979,
                      hoy: dt.date | None = None) -> tuple[list[dict], list[dict]]:
    """Three years of the previous administration's history (2018–2020) as the office's
    spreadsheet has them, already read: one dict per row with cli.md's columns, strings as a CSV
    gives them. Folios in the AC template, years 2018–2020, never used by the generated data."""
    g = Generador(bd, semilla, hoy or dt.date.today())
    azar = g.azar
    with bd.lectura() as s:
        dependencias = list(s.scalars(select(Dependencia.codigo).order_by(Dependencia.codigo)))
        g.giras = [(x.fecha, x.id.hex, x.clave, m) for x, m in s.execute(
            select(Gira, Municipio.nombre).join(Municipio, Municipio.id == Gira.municipio_id).order_by(Gira.fecha))]
    desde, hasta = dt.datetime(2018, 1, 9, 8), dt.datetime(2020, 12, 30, 18)
    paso = (hasta - desde) / max(peticiones, 1)
    gente = [g.gente.persona() for _ in range(max(1, int(peticiones * 0.7)))]  # some came more than once
    numeros: dict[int, int] = {}
    filas, folios = [], []
    for i in range(peticiones):
        recepcion = (desde + paso * i).replace(microsecond=0)
        if recepcion.hour >= 20 or recepcion.hour < 7:
            recepcion = recepcion.replace(hour=azar.randint(7, 19))
        anio = recepcion.year
        numero = numeros[anio] = numeros.get(anio, 0) + 1
        folio = numeracion.formatear(g.cat.serie_ac.plantilla, numero, anio)
        p = azar.choice(gente)
        canal = elegir(azar, g.canales)
        tema = elegir(azar, g.temas)
        gira = ""
        municipio = p.municipio
        if canal.codigo == "gira":
            _, _, gira, municipio = g.gira_de(recepcion.date())
        estatus = azar.choice(["concluida"] * 9 + ["en_seguimiento"])
        canalizado = ""
        if azar.random() < 0.6:
            canalizado = azar.choice(["atencion_gestion_inmediata", "asesoria_juridica"]) if azar.random() < 0.3 \
                else azar.choice(dependencias)
        filas.append({
            "folio": folio, "fecha_recepcion": recepcion.strftime("%Y-%m-%d %H:%M"), "canal": canal.codigo,
            "nombre": p.nombre, "primer_apellido": p.primer_apellido, "segundo_apellido": p.segundo_apellido or "",
            "telefono": p.telefono or "", "correo": p.correo or "", "curp": p.curp or "",
            "municipio": p.municipio, "localidad": p.localidad, "tema": tema.codigo,
            "descripcion": g.descripcion(tema.codigo, municipio, p.localidad), "canalizado_a": canalizado,
            "estatus": estatus, "gira": gira})
        folios.append((folio, recepcion))
    segs = []
    for j in range(seguimientos):
        folio, recepcion = folios[j * len(folios) // max(seguimientos, 1)]
        fecha = recepcion + dt.timedelta(days=azar.randint(1, 60), hours=azar.randint(0, 8))
        tipo = azar.choice(["llamada_saliente", "contacto_enlace", "respuesta_dependencia", "visita", "oficio"])
        segs.append({"folio": folio, "fecha": fecha.strftime("%Y-%m-%d %H:%M"), "tipo": tipo,
                     "nota": azar.choice(NOTAS_SEGUIMIENTO[tipo])})
    return filas, segs


# --- its rows written raw -------------------------------------------------------------------------
def filas_crudas(bd: BaseDatos, filas: list[dict], segs: list[dict]) -> dict[str, tuple[tuple, list[tuple]]]:
    cat = catalogo(bd)
    ids = Ids(random.Random(99))
    with bd.lectura() as s:
        cal = calendario(s)
        admin = s.scalar(select(Usuario.id).where(Usuario.nombre == "jefa")).hex
        dependencias = {d.codigo: d.id.hex for d in s.scalars(select(Dependencia))}
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
    inicio = time.perf_counter()
    with c.transaction(), c.cursor() as cur:
        for tabla, (columnas, filas) in crudas.items():
            with cur.copy(f"COPY {tabla} ({','.join(columnas)}) FROM STDIN") as copia:
                copia.write("".join(linea_copy(f) for f in filas))
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
