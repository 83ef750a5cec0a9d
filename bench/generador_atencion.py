"""Realistic Atención Ciudadana data for the benchmark: citizens of Sonora's 72 municipios (weighted by
population) with Spanish names and accents, 10-digit Sonora phones, some CURPs and e-mails; the
Governor's tours; petitions over the administration (13 Sep 2021 to yesterday) in the desk's real
channel mix, on the catalog's topics; and their follow-ups.

Every derived column is computed as the services compute it: `texto_busqueda` and `clave_nombre`
(domain.peticiones), the folio (domain.numeracion with the AC series' template, numbered per year),
`fecha_limite` (business days of the catalog's calendar per topic) and `fecha_alerta`
(domain.semaforo), `municipio_id` (the tour's, else the citizen's), and the AC and GIRA counters
raised past the last number. Ids are UUIDv7 stamped with each record's creation time, as
`db.base.nuevo_id` makes them when the record is captured.

Bulk load, not the ORM: the secondary indexes of the three big tables (and on SQLite the FTS5
triggers) are dropped, the rows are written with `executemany` (SQLite) or `COPY` (PostgreSQL,
foreign-key triggers off for the load), then the indexes and triggers are created again and the
FTS5 table rebuilt — the same end state as rows inserted one by one through the services.
"""
from __future__ import annotations

import bisect
import datetime as dt
import random
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

import psycopg
from sqlalchemy import select
from sqlalchemy.engine import make_url
from stdnum.mx import curp as stdnum_curp

from oee_desk.db.modelos import Canal, Municipio, SerieControl, Tema, Usuario
from oee_desk.db.motor import BaseDatos
from oee_desk.domain import numeracion, semaforo
from oee_desk.domain.peticiones import clave_nombre, texto_busqueda_ciudadano
from oee_desk.domain.texto import normalizar
from oee_desk.services.lectura_turnos import calendario
from oee_desk.services.numeracion import elevar_al_menos

INICIO_ADMINISTRACION = dt.datetime(2021, 9, 13, 8)
# (name, relative frequency): the office's callers, not a census, but the same long tail.
NOMBRES_H = [("José", 60), ("Juan", 40), ("Jesús", 35), ("Francisco", 30), ("José Luis", 25), ("Luis", 22),
             ("Carlos", 25), ("Manuel", 22), ("Jorge", 20), ("Miguel Ángel", 18), ("Ramón", 15), ("Héctor", 12),
             ("Raúl", 12), ("Óscar", 10), ("Martín", 12), ("Sergio", 12), ("Fernando", 12), ("Alejandro", 15),
             ("Efraín", 4), ("Ángel", 8), ("Julián", 6), ("Rubén", 8), ("Joaquín", 6), ("Andrés", 8),
             ("Germán", 4), ("Iñaki", 1), ("Tomás", 5), ("Adrián", 8), ("Sebastián", 6), ("Damián", 3),
             ("Jesús Alberto", 6), ("Juan Carlos", 10), ("Ernesto", 7), ("Ignacio", 5), ("Maximiliano", 2)]
NOMBRES_M = [("María", 50), ("María Guadalupe", 30), ("Guadalupe", 20), ("Ana María", 10), ("María de Jesús", 10),
             ("Rosa María", 8), ("Martha", 15), ("Leticia", 10), ("Verónica", 10), ("Adriana", 10), ("Claudia", 10),
             ("Patricia", 12), ("Mónica", 8), ("Alejandra", 12), ("Dolores", 6), ("Lourdes", 8), ("Beatriz", 6),
             ("Araceli", 6), ("Yolanda", 8), ("Sofía", 8), ("Valeria", 6), ("Xóchitl", 2), ("Inés", 3),
             ("Raquel", 5), ("Angélica", 6), ("Mariana", 8), ("Karla", 8), ("Nayeli", 4), ("Jazmín", 4),
             ("Itzel", 3), ("Noemí", 4), ("Belén", 3), ("Zoé", 2), ("María Fernanda", 6), ("Rocío", 6)]
APELLIDOS = [("García", 40), ("López", 35), ("Hernández", 30), ("Martínez", 30), ("González", 30),
             ("Rodríguez", 28), ("Valenzuela", 30), ("Pérez", 22), ("Sánchez", 22), ("Ramírez", 20),
             ("Flores", 18), ("Moreno", 16), ("Romero", 15), ("Ruiz", 12), ("Morales", 14), ("Castro", 12),
             ("Ochoa", 10), ("Ibarra", 10), ("Félix", 14), ("Soto", 12), ("Leyva", 10), ("Quiñónez", 6),
             ("Encinas", 6), ("Bojórquez", 8), ("Gastélum", 6), ("Valdez", 12), ("Duarte", 8), ("Durazo", 6),
             ("Acosta", 10), ("Montaño", 8), ("Robles", 8), ("Yocupicio", 4), ("Buitimea", 3), ("Cázares", 4),
             ("Lizárraga", 5), ("Núñez", 8), ("Peña", 8), ("Güereña", 2), ("Escalante", 6), ("Tapia", 6),
             ("Ayala", 6), ("Córdova", 6), ("Urías", 5), ("Zazueta", 4), ("Ibáñez", 4), ("Muñoz", 8),
             ("Castañeda", 5), ("Báez", 4), ("Ríos", 6), ("Velázquez", 7), ("Gutiérrez", 10), ("Domínguez", 7),
             ("Jiménez", 8), ("Vázquez", 8), ("Méndez", 7), ("Álvarez", 8), ("Gómez", 12), ("Díaz", 8),
             ("Cruz", 8), ("Ortiz", 7), ("Chávez", 8), ("Torres", 9), ("Mendoza", 9), ("Aguilar", 8),
             ("Salazar", 7), ("Vega", 6), ("Enríquez", 5), ("Armenta", 6), ("Corral", 4), ("Cota", 6),
             ("Espinoza", 8), ("Galaviz", 4), ("Noriega", 4), ("Padilla", 5), ("Preciado", 4), ("Sotelo", 4),
             ("Tánori", 2), ("Valencia", 5), ("Verdugo", 5), ("Miranda", 5), ("Almada", 4), ("Borbón", 3),
             ("Ceceña", 2), ("Fimbres", 3), ("Molina", 5), ("Coronado", 5), ("Esquer", 3), ("Lugo", 4)]
# Census 2020 (INEGI), rounded; the small ones default to SIN_CENSO.
POBLACION = {"Hermosillo": 936_263, "Cajeme": 436_484, "Nogales": 264_782, "San Luis Río Colorado": 199_021,
             "Navojoa": 164_387, "Guaymas": 156_863, "Agua Prieta": 91_929, "Caborca": 89_122,
             "Huatabampo": 80_524, "Puerto Peñasco": 62_689, "Etchojoa": 57_000, "Empalme": 54_131,
             "Cananea": 39_451, "Magdalena": 31_180, "Álamos": 24_976, "Bácum": 23_000, "Benito Juárez": 22_000,
             "Santa Ana": 16_000, "General Plutarco Elías Calles": 15_000, "San Ignacio Río Muerto": 14_000,
             "Nacozari de García": 14_000, "Imuris": 12_000, "Pitiquito": 10_000, "Altar": 9_000,
             "San Miguel de Horcasitas": 9_000, "Ures": 8_000, "Fronteras": 8_000, "Naco": 6_500,
             "Sahuaripa": 6_000, "Yécora": 6_000, "Cumpas": 6_000, "Moctezuma": 5_000, "Rosario": 5_000,
             "Carbó": 5_000, "Benjamín Hill": 5_000, "Baviácora": 3_400, "Quiriego": 3_300}
SIN_CENSO = 1_500
LADAS = {"Hermosillo": "662", "Cajeme": "644", "Nogales": "631", "San Luis Río Colorado": "653", "Navojoa": "642",
         "Guaymas": "622", "Empalme": "622", "San Ignacio Río Muerto": "622", "Agua Prieta": "633",
         "Caborca": "637", "Huatabampo": "647", "Etchojoa": "647", "Álamos": "647", "Puerto Peñasco": "638",
         "General Plutarco Elías Calles": "638", "Cananea": "645", "Magdalena": "632", "Imuris": "632",
         "Santa Ana": "641", "Bácum": "643", "Benito Juárez": "642", "Nacozari de García": "634", "Ures": "623"}
LADAS_SIERRA = ["623", "634", "641", "645", "662"]
LOCALIDADES = {"Hermosillo": ["Hermosillo"] * 8 + ["Miguel Alemán", "Bahía de Kino"],
               "Cajeme": ["Ciudad Obregón"] * 8 + ["Esperanza", "Pueblo Yaqui", "Cócorit"],
               "Guaymas": ["Guaymas"] * 6 + ["San Carlos", "Vícam", "Pótam"],
               "Navojoa": ["Navojoa"] * 6 + ["Bacabachi", "Masiaca"],
               "Huatabampo": ["Huatabampo"] * 5 + ["Yavaros", "Etchoropo"],
               "Etchojoa": ["Etchojoa", "Bácobampo", "Jitonhueca"],
               "Benito Juárez": ["Villa Juárez"], "General Plutarco Elías Calles": ["Sonoyta"]}
COLONIAS = ["Las Quintas", "Pitic", "Centro", "San Benito", "Modelo", "Balderrama", "El Ranchito", "Solidaridad",
            "Palo Verde", "Bugambilias", "Los Naranjos", "Jesús García", "Café Combate", "Altares", "Olivares",
            "Sahuaro", "Primero Hermosillo", "Villa de Seris", "Cortinas", "Allende", "Zona Norte", "Benito Juárez"]
# The desk's real channel mix (share of petitions).
CANALES = {"call_center": 35, "atencion_gestion_inmediata": 20, "redes_sociales": 12, "correo_electronico": 8,
           "chat_sonora": 8, "correspondencia": 7, "gira": 5, "asesoria_juridica": 3, "peticion_informacion": 2}
TEMAS = {"apoyos_alimentarios": 14, "programas_sociales": 14, "salud": 12, "vivienda": 10, "empleo": 7,
         "educacion": 7, "agua_potable": 7, "infraestructura_urbana": 6, "asuntos_juridicos": 5,
         "energia_electrica": 4, "seguridad": 4, "transporte": 3, "proyectos_productivos": 3,
         "asuntos_agrarios": 2, "medio_ambiente": 1, "otros": 5}
DESCRIPCIONES = {
    "apoyos_alimentarios": ["Solicita apoyo con despensa para su familia de {n} integrantes en la colonia {col}.",
                            "Pide ser incluida en el programa de comedores comunitarios de {mun}."],
    "programas_sociales": ["Solicita información sobre su registro en el programa de pensión para adultos mayores.",
                           "Pide apoyo para inscribir a su hijo en el programa de becas; vive en {loc}."],
    "salud": ["Solicita apoyo para cirugía de cataratas de su madre en el hospital general de {mun}.",
              "Pide medicamento para tratamiento de diabetes; no lo encontró en el centro de salud de {loc}.",
              "Solicita silla de ruedas para familiar con discapacidad."],
    "vivienda": ["Solicita material de construcción (láminas y cemento) para reparar el techo de su vivienda.",
                 "Pide apoyo para regularizar el terreno donde vive en la colonia {col} de {mun}."],
    "empleo": ["Busca empleo; pide información de la bolsa de trabajo y de los cursos de capacitación en {mun}.",
               "Solicita apoyo para su negocio de comida afectado por las obras en la calle {calle}."],
    "educacion": ["Pide apoyo con uniformes y útiles escolares para sus {n} hijos.",
                  "Reporta falta de maestro en la escuela primaria de {loc}."],
    "agua_potable": ["Reporta {n} días sin agua potable en la colonia {col} de {mun}.",
                     "Solicita pipa de agua para la comunidad de {loc}."],
    "infraestructura_urbana": ["Solicita la pavimentación de la calle {calle} en la colonia {col}.",
                               "Reporta baches y falta de alumbrado público en la calle {calle} de {mun}."],
    "asuntos_juridicos": ["Solicita asesoría jurídica por un problema de pensión alimenticia.",
                          "Pide orientación legal sobre el juicio de su vivienda ante el Infonavit."],
    "energia_electrica": ["Reporta cobro excesivo en su recibo de luz; pide la intervención ante la CFE.",
                          "Solicita ampliación de la red eléctrica en la colonia {col} de {mun}."],
    "seguridad": ["Pide más rondines de la policía en la colonia {col} por robos recientes.",
                  "Solicita apoyo para localizar a un familiar."],
    "transporte": ["Reporta que la ruta de camión de la colonia {col} dejó de pasar.",
                   "Solicita credencial de transporte gratuito para estudiante."],
    "proyectos_productivos": ["Solicita apoyo para adquirir una lancha y motor para pesca ribereña en {loc}.",
                              "Pide financiamiento para su taller de costura."],
    "asuntos_agrarios": ["Solicita apoyo por un conflicto de linderos en el ejido de {loc}.",
                         "Pide información sobre la regularización de su parcela."],
    "medio_ambiente": ["Reporta quema de basura a cielo abierto en la colonia {col} de {mun}."],
    "otros": ["Solicita audiencia con el C. Gobernador para exponer su caso.",
              "Agradece la atención recibida y pide información de su trámite anterior."],
}
APOYOS = ["Despensa", "Beca escolar", "Material de construcción", "Silla de ruedas", "Consulta médica",
          "Asesoría legal", "Lentes", "Aparato auditivo", "Pipa de agua", "Empleo temporal"]
CALLES = ["Zaragoza", "Hidalgo", "Morelos", "Juárez", "Obregón", "Rosales", "Serdán", "No Reelección", "Yáñez",
          "Reforma", "Garmendia", "Niños Héroes", "Tamaulipas", "California", "Sufragio Efectivo"]
DOMINIOS = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx", "live.com.mx"]
RESULTADOS = [("favorable", 55), ("informada", 25), ("no_procedente", 12), ("no_favorable", 8)]
NOTAS_SEGUIMIENTO = {
    "llamada_saliente": ["Se llamó al ciudadano para informar el avance de su petición.",
                         "Se intentó localizar al ciudadano."],
    "llamada_entrante": ["El ciudadano llamó para preguntar por su trámite."],
    "contacto_enlace": ["Se contactó al enlace de la dependencia; informa que el caso está en revisión."],
    "respuesta_dependencia": ["La dependencia informa que el apoyo fue autorizado.",
                              "La dependencia responde que el caso no cumple los requisitos del programa."],
    "visita": ["Personal de campo visitó el domicilio para verificar la necesidad."],
    "oficio": ["Se envió oficio de seguimiento a la dependencia."],
    "cierre": ["Se concluye la petición e informa al ciudadano."],
}
CREADO_POR = "bench"  # operator user names: bench_atencion_N, bench_campo_N
OPERADORES_ATENCION, OPERADORES_CAMPO = 8, 2

COLUMNAS_CIUDADANO = ("id", "nombre", "primer_apellido", "segundo_apellido", "telefono", "telefono_alterno", "correo",
                      "curp", "municipio_id", "localidad", "domicilio", "acepta_aviso_privacidad", "version_aviso",
                      "fusionado_en", "anonimizado", "texto_busqueda", "clave_nombre", "creado", "actualizado",
                      "version")
COLUMNAS_PETICION = ("id", "serie_control_id", "anio", "numero", "folio", "fecha_recepcion", "canal_id", "tema_id",
                     "descripcion", "apoyo_solicitado", "gira_id", "ciudadano_id", "municipio_id", "registrado_por",
                     "estatus", "resultado", "motivo_anulacion", "fusionada_en", "fecha_limite", "fecha_alerta",
                     "fecha_conclusion", "proxima_llamada", "responsable_id", "creado", "actualizado", "version")
COLUMNAS_SEGUIMIENTO = ("id", "peticion_id", "fecha", "tipo", "resultado", "nota", "registrado_por", "creado")
COLUMNAS_GIRA = ("id", "clave", "serie_control_id", "anio", "numero", "fecha", "municipio_id", "localidad", "evento",
                 "registrado_por", "creado", "actualizado", "version")
TABLAS_CARGADAS = ("ciudadanos", "peticiones", "seguimientos")


# --- how values are written (the same text SQLAlchemy stores on SQLite; PostgreSQL reads it too) ---
def marca(t: dt.datetime) -> str:
    """A DATETIME as SQLAlchemy stores it on SQLite: 'YYYY-MM-DD HH:MM:SS.ffffff'."""
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}:{t.second:02d}.{t.microsecond:06d}"


def dia(d: dt.date) -> str:
    return d.isoformat()


class Ids:
    """UUIDv7 as hex (the stored form on SQLite; PostgreSQL's uuid reads it), stamped with a given time."""

    def __init__(self, azar: random.Random):
        self.azar = azar

    def __call__(self, momento: dt.datetime) -> str:
        ms = int(momento.timestamp() * 1000)
        bits = self.azar.getrandbits(74)
        valor = (ms << 80) | (0x7 << 76) | ((bits >> 62) << 64) | (0b10 << 62) | (bits & ((1 << 62) - 1))
        return f"{valor:032x}"


def _ponderada(pares: Iterable[tuple[object, float]]) -> tuple[list, list[float]]:
    valores, acumulados, total = [], [], 0.0
    for valor, peso in pares:
        total += peso
        valores.append(valor)
        acumulados.append(total)
    return valores, acumulados


def _elegir(azar: random.Random, tabla: tuple[list, list[float]]):
    valores, acumulados = tabla
    return valores[bisect.bisect(acumulados, azar.random() * acumulados[-1])]


# --- people ------------------------------------------------------------------------------------
_VOCALES = "AEIOU"


def _letras(texto: str) -> str:
    return "".join(c for c in normalizar(texto).upper().replace("Ñ", "X") if c.isalpha())


def curp_de(nombre: str, apellido1: str, apellido2: str | None, nacimiento: dt.date, mujer: bool,
            azar: random.Random) -> str:
    """A CURP in the official shape with a valid check digit (stdnum), born in Sonora mostly."""
    a1 = _letras(apellido1)
    a2 = _letras(apellido2) if apellido2 else "X"
    palabras = normalizar(nombre).upper().split()
    nombre_util = palabras[1] if len(palabras) > 1 and palabras[0] in ("JOSE", "MARIA", "MA", "J") else palabras[0]
    n = _letras(nombre_util)
    vocal = next((c for c in a1[1:] if c in _VOCALES), "X")
    primeras = a1[0] + vocal + a2[0] + n[0]
    if primeras in stdnum_curp._name_blacklist:  # noqa: SLF001 — RENAPO replaces the 2nd letter
        primeras = primeras[0] + "X" + primeras[2:]

    def consonante(p: str) -> str:
        return next((c for c in p[1:] if c not in _VOCALES), "X")
    estado = "SR" if azar.random() < 0.85 else azar.choice(["SL", "CH", "BC", "JC", "DF", "NT"])
    cuerpo = (primeras + nacimiento.strftime("%y%m%d") + ("M" if mujer else "H") + estado + consonante(a1)
              + consonante(a2) + consonante(n) + ("0" if nacimiento.year < 2000 else "A"))
    return cuerpo + stdnum_curp.calc_check_digit(cuerpo + "0")


@dataclass
class Persona:
    nombre: str
    primer_apellido: str
    segundo_apellido: str | None
    telefono: str | None
    telefono_alterno: str | None
    correo: str | None
    curp: str | None
    municipio: str  # name
    localidad: str
    domicilio: str | None

    def campos(self) -> dict:
        return {"nombre": self.nombre, "primer_apellido": self.primer_apellido,
                "segundo_apellido": self.segundo_apellido, "telefono": self.telefono,
                "telefono_alterno": self.telefono_alterno, "curp": self.curp, "correo": self.correo}


class Gente:
    """Draws people, phones and places with the office's frequencies."""

    def __init__(self, azar: random.Random, municipios: list[str]):
        self.azar = azar
        self.hombres = _ponderada(NOMBRES_H)
        self.mujeres = _ponderada(NOMBRES_M)
        self.apellidos = _ponderada(APELLIDOS)
        self.municipios = _ponderada((m, POBLACION.get(m, SIN_CENSO)) for m in municipios)
        # Tours go to small towns far more often than their population says.
        self.municipios_gira = _ponderada((m, POBLACION.get(m, SIN_CENSO) ** 0.5) for m in municipios)

    def municipio(self) -> str:
        return _elegir(self.azar, self.municipios)

    def telefono(self, municipio: str) -> str:
        lada = LADAS.get(municipio) or self.azar.choice(LADAS_SIERRA)
        return f"{lada}{self.azar.randint(1_000_000, 9_999_999)}"

    def persona(self) -> Persona:
        azar = self.azar
        mujer = azar.random() < 0.58  # more women than men call the desk
        nombre = _elegir(azar, self.mujeres if mujer else self.hombres)
        apellido1 = _elegir(azar, self.apellidos)
        apellido2 = _elegir(azar, self.apellidos) if azar.random() < 0.93 else None
        municipio = self.municipio()
        localidad = azar.choice(LOCALIDADES.get(municipio, [municipio]))
        telefono = self.telefono(municipio) if azar.random() < 0.96 else None
        alterno = self.telefono(municipio) if azar.random() < 0.12 else None
        correo = None
        if azar.random() < 0.25:
            base = ".".join(normalizar(f"{nombre.split()[0]} {apellido1}").split())
            correo = f"{base}{azar.randint(1, 99) if azar.random() < 0.6 else ''}@{azar.choice(DOMINIOS)}"
        curp = None
        if azar.random() < 0.3:
            nacimiento = dt.date(1940, 1, 1) + dt.timedelta(days=azar.randint(0, 365 * 66))
            curp = curp_de(nombre, apellido1, apellido2, nacimiento, mujer, azar)
        domicilio = None
        if azar.random() < 0.5:
            domicilio = f"Calle {azar.choice(CALLES)} {azar.randint(1, 2500)}, col. {azar.choice(COLONIAS)}"
        return Persona(nombre, apellido1, apellido2, telefono, alterno, correo, curp, municipio, localidad, domicilio)


# --- the load ----------------------------------------------------------------------------------
class Cargador:
    """Writes rows of pre-formatted values into the three big tables, indexes set aside meanwhile."""

    def __init__(self, bd: BaseDatos):
        self.sqlite = bd.es_sqlite
        url = make_url(bd.url)
        if self.sqlite:
            self.c = sqlite3.connect(url.database, isolation_level=None)
            self.c.execute("PRAGMA synchronous=OFF")
            self.c.execute("PRAGMA cache_size=-262144")  # 256 MB while loading
        else:
            self.c = psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False))
            self.c.execute("SET session_replication_role = replica")  # no FK triggers: consistent by construction
            self.c.execute("SET maintenance_work_mem = '512MB'")
        self.apartados: list[str] = []

    def apartar_indices(self) -> None:
        """Drop the secondary indexes (and SQLite's FTS triggers) of the loaded tables; kept to recreate."""
        if self.sqlite:
            nombres = ",".join(f"'{t}'" for t in TABLAS_CARGADAS)
            filas = self.c.execute(f"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({nombres}) "
                                   "AND sql IS NOT NULL AND type IN ('index', 'trigger')").fetchall()
            for tipo, nombre, sql in filas:
                self.c.execute(f"DROP {tipo.upper()} {nombre}")
                self.apartados.append(sql)
            self.c.execute("BEGIN")
            return
        with self.c.cursor() as cur:
            cur.execute("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                        "WHERE i.indrelid::regclass::text = ANY(%s) "
                        "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
                        (list(TABLAS_CARGADAS),))
            for nombre, sql in cur.fetchall():
                cur.execute(f"DROP INDEX {nombre}")
                self.apartados.append(sql)

    def escribir(self, tabla: str, columnas: tuple[str, ...], filas: list[tuple]) -> None:
        if not filas:
            return
        if self.sqlite:
            marcas = ",".join("?" * len(columnas))
            self.c.executemany(f"INSERT INTO {tabla} ({','.join(columnas)}) VALUES ({marcas})", filas)
            return
        with self.c.cursor() as cur, cur.copy(f"COPY {tabla} ({','.join(columnas)}) FROM STDIN") as copia:
            copia.write("".join(_linea_copy(f) for f in filas))

    def terminar(self, avisar: Callable[[str], None]) -> None:
        if self.sqlite:
            self.c.execute("COMMIT")
            avisar("índices y FTS5…")
            for sql in self.apartados:
                self.c.execute(sql)
            self.c.execute("INSERT INTO ciudadanos_fts(ciudadanos_fts) VALUES ('rebuild')")
            self.c.close()
            return
        self.c.commit()
        avisar("índices (GIN pg_trgm incluido)…")
        with self.c.cursor() as cur:
            for sql in self.apartados:
                cur.execute(sql)
        self.c.commit()
        self.c.close()


_ESCAPES_COPY = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _linea_copy(fila: tuple) -> str:
    return "\t".join("\\N" if v is None else str(v).translate(_ESCAPES_COPY) for v in fila) + "\n"


# --- the generator -----------------------------------------------------------------------------
@dataclass
class Catalogo:
    serie_ac: SerieControl
    serie_gira: SerieControl
    canales: dict[str, Canal]
    temas: dict[str, Tema]
    municipios: dict[str, str]  # name -> id hex
    atencion: list[str]  # operator ids hex
    campo: list[str]


def crear_operadores(bd: BaseDatos, admin, contrasena: str) -> None:
    from oee_desk.services.usuarios import ServicioUsuarios

    usuarios = ServicioUsuarios(bd)
    for i in range(OPERADORES_ATENCION):
        usuarios.agregar(admin, f"{CREADO_POR}_atencion_{i + 1}", "atencion", f"Operadora {i + 1} de Atención",
                         contrasena, contrasena)
    for i in range(OPERADORES_CAMPO):
        usuarios.agregar(admin, f"{CREADO_POR}_campo_{i + 1}", "campo", f"Enlace de giras {i + 1}", contrasena,
                         contrasena)


def catalogo(bd: BaseDatos) -> Catalogo:
    with bd.lectura() as s:
        series = {x.codigo: x for x in s.scalars(select(SerieControl))}
        usuarios = list(s.execute(select(Usuario.nombre, Usuario.id).where(Usuario.nombre.like(f"{CREADO_POR}_%"))
                                  .order_by(Usuario.nombre)))
        return Catalogo(
            series["AC"], series["GIRA"], {c.codigo: c for c in s.scalars(select(Canal))},
            {t.codigo: t for t in s.scalars(select(Tema))},
            {m.nombre: m.id.hex for m in s.scalars(select(Municipio).order_by(Municipio.clave))},
            [u.hex for n, u in usuarios if "_atencion_" in n], [u.hex for n, u in usuarios if "_campo_" in n])


def _estatus(azar: random.Random, edad: int) -> str:
    t = azar.random()
    if t < 0.01:
        return "anulada"
    if edad > 180:
        cortes = (0.89, 0.95, 0.99)
    elif edad > 60:
        cortes = (0.66, 0.86, 0.96)
    elif edad > 15:
        cortes = (0.36, 0.66, 0.91)
    else:
        cortes = (0.09, 0.29, 0.59)
    return "concluida" if t < cortes[0] else "en_seguimiento" if t < cortes[1] else "canalizada" \
        if t < cortes[2] else "recibida"


class Generador:
    def __init__(self, bd: BaseDatos, semilla: int, hoy: dt.date):
        self.bd = bd
        self.azar = random.Random(semilla)
        self.id = Ids(self.azar)
        self.hoy = hoy
        self.cat = catalogo(bd)
        self.gente = Gente(self.azar, list(self.cat.municipios))
        with bd.lectura() as s:
            cal = calendario(s)
        self.sumar = lru_cache(maxsize=None)(cal.sumar)
        self.alerta = lru_cache(maxsize=None)(lambda d, l, p: semaforo.fecha_alerta(d, l, p, cal))
        self.canales = _ponderada((self.cat.canales[c], w) for c, w in CANALES.items())
        self.temas = _ponderada((t, TEMAS.get(codigo, 3)) for codigo, t in self.cat.temas.items())
        self.giras: list[tuple[dt.date, str, str, str]] = []  # (fecha, id, clave, municipio)

    # tours --------------------------------------------------------------------------------------
    def filas_giras(self, desde: dt.date, hasta: dt.date) -> tuple[list[tuple], dict[int, int]]:
        azar, filas, numeros = self.azar, [], {}
        fecha = desde
        while fecha <= hasta:
            municipio = _elegir(azar, self.gente.municipios_gira)
            anio = fecha.year
            numero = numeros[anio] = numeros.get(anio, 0) + 1
            clave = numeracion.formatear(self.cat.serie_gira.plantilla, numero, anio)
            creado = dt.datetime.combine(fecha, dt.time(7)) - dt.timedelta(days=azar.randint(2, 10))
            gid = self.id(creado)
            evento = f"Gira de trabajo del C. Gobernador por {municipio}: audiencia pública y entrega de apoyos"
            filas.append((gid, clave, self.cat.serie_gira.id.hex, anio, numero, dia(fecha),
                          self.cat.municipios[municipio], azar.choice(LOCALIDADES.get(municipio, [municipio])), evento,
                          azar.choice(self.cat.campo), marca(creado), marca(creado), 1))
            self.giras.append((fecha, gid, clave, municipio))
            fecha += dt.timedelta(days=azar.choice([5, 6, 7, 8, 9, 10, 12]))
        return filas, numeros

    def gira_de(self, fecha: dt.date) -> tuple[dt.date, str, str, str]:
        i = bisect.bisect_right(self.giras, (fecha, "\uffff")) - 1
        return self.giras[max(i, 0)]

    # one petition -----------------------------------------------------------------------------------
    def descripcion(self, tema: str, municipio: str, localidad: str) -> str:
        azar = self.azar
        return azar.choice(DESCRIPCIONES.get(tema, DESCRIPCIONES["otros"])).format(
            n=azar.randint(2, 9), col=azar.choice(COLONIAS), mun=municipio, loc=localidad, calle=azar.choice(CALLES))

    def seguimientos(self, pid: str, recepcion: dt.datetime, estatus: str, resultado: str | None,
                     conclusion: dt.date | None, operador: str) -> list[tuple]:
        azar = self.azar
        if estatus in ("recibida", "anulada") or (estatus == "canalizada" and azar.random() < 0.7):
            return []
        fin = dt.datetime.combine(conclusion, dt.time(13)) if conclusion else \
            min(dt.datetime.combine(self.hoy, dt.time(8)), recepcion + dt.timedelta(days=40))
        cuantos = 1 if estatus == "canalizada" else azar.choice([1, 1, 2, 3]) if estatus == "en_seguimiento" \
            else azar.choice([0, 0, 1, 1, 2])
        filas = []
        paso = max((fin - recepcion) / (cuantos + 1), dt.timedelta(minutes=5))
        for k in range(cuantos):
            fecha = (recepcion + paso * (k + 1)).replace(microsecond=0)
            tipo = "contacto_enlace" if estatus == "canalizada" else azar.choice(
                ["llamada_saliente", "llamada_saliente", "llamada_entrante", "contacto_enlace",
                 "respuesta_dependencia", "visita", "oficio"])
            res = azar.choice(["contesto", "contesto", "no_contesto", "buzon"]) if tipo.startswith("llamada") else None
            filas.append((self.id(fecha), pid, marca(fecha), tipo, res, azar.choice(NOTAS_SEGUIMIENTO[tipo]),
                          operador, marca(fecha)))
        if estatus == "concluida":
            filas.append((self.id(fin), pid, marca(fin), "cierre", resultado, NOTAS_SEGUIMIENTO["cierre"][0],
                          operador, marca(fin)))
        return filas


def generar(bd: BaseDatos, ciudadanos: int, peticiones: int, *, semilla: int = 2025, hoy: dt.date | None = None,
            seguimientos: bool = True, lote: int = 20_000, avisar: Callable[[str], None] = lambda _t: None) -> dict:
    """Fill an initialized database (with the operators of `crear_operadores`); returns a summary."""
    hoy = hoy or dt.date.today()
    g = Generador(bd, semilla, hoy)
    azar, cat = g.azar, g.cat
    ultimo = dt.datetime.combine(hoy, dt.time(8)) - dt.timedelta(days=1)
    paso = (ultimo - INICIO_ADMINISTRACION) / max(peticiones, 1)
    # Who asks: a few citizens come back again and again, most once or twice.
    quien = [min(int(ciudadanos * azar.random() ** 1.3), ciudadanos - 1) for _ in range(peticiones)]
    primera: dict[int, dt.datetime] = {}
    for i, k in enumerate(quien):
        if k not in primera:
            primera[k] = INICIO_ADMINISTRACION + paso * i

    carga = Cargador(bd)
    carga.apartar_indices()
    resumen = {"ciudadanos": ciudadanos, "peticiones": peticiones, "seguimientos": 0, "giras": 0,
               "desde": INICIO_ADMINISTRACION.date().isoformat(), "hasta": ultimo.date().isoformat()}
    # Tours since the previous administration's last years, so that imported history finds its own.
    giras, numeros_gira = g.filas_giras(dt.date(2018, 1, 8), ultimo.date())
    carga.escribir("giras", COLUMNAS_GIRA, giras)
    resumen["giras"] = len(giras)

    personas_id, personas_mun, filas = [], [], []
    for k in range(ciudadanos):
        p = g.gente.persona()
        creado = (primera.get(k) or INICIO_ADMINISTRACION + (ultimo - INICIO_ADMINISTRACION) * azar.random()
                  ).replace(microsecond=0) - dt.timedelta(minutes=azar.randint(1, 30))
        cid = g.id(creado)
        campos = p.campos()
        acepta = azar.random() < 0.9
        filas.append((cid, p.nombre, p.primer_apellido, p.segundo_apellido, p.telefono, p.telefono_alterno, p.correo,
                      p.curp, cat.municipios[p.municipio], p.localidad, p.domicilio, int(acepta),
                      "2024-01" if acepta else None, None, 0, texto_busqueda_ciudadano(campos), clave_nombre(campos),
                      marca(creado), marca(creado), 1))
        personas_id.append(cid)
        personas_mun.append(p.municipio)
    # Written in the order they were captured, as the application does (SQLite's rowid follows it).
    filas.sort(key=lambda f: f[0])
    for i in range(0, len(filas), lote):
        carga.escribir("ciudadanos", COLUMNAS_CIUDADANO, filas[i:i + lote])
    del filas
    avisar(f"{ciudadanos:,} ciudadanos escritos")

    numeros: dict[int, int] = {}
    serie_ac = cat.serie_ac.id.hex
    plantilla = cat.serie_ac.plantilla
    resultados = _ponderada(RESULTADOS)
    filas, filas_seg, cuenta_seg = [], [], 0
    for i in range(peticiones):
        recepcion = (INICIO_ADMINISTRACION + paso * i + dt.timedelta(minutes=azar.randint(0, 20))).replace(
            microsecond=0)
        if recepcion.hour >= 20 or recepcion.hour < 7:  # the desk's hours; the call center from 7 to 20
            recepcion = recepcion.replace(hour=azar.randint(7, 19))
        anio = recepcion.year
        numero = numeros[anio] = numeros.get(anio, 0) + 1
        k = quien[i]
        canal = _elegir(azar, g.canales)
        tema = _elegir(azar, g.temas)
        municipio = personas_mun[k]
        gira_id = None
        if canal.codigo == "gira":
            _, gira_id, _, municipio = g.gira_de(recepcion.date())
            operador = azar.choice(cat.campo)
        else:
            operador = azar.choice(cat.atencion)
        plazo = tema.plazo_dias_habiles
        limite = g.sumar(recepcion.date(), plazo)
        edad = (hoy - recepcion.date()).days
        estatus = _estatus(azar, edad)
        resultado = conclusion = motivo = proxima = None
        if estatus == "concluida":
            resultado = _elegir(azar, resultados)
            conclusion = min(hoy, recepcion.date() + dt.timedelta(days=azar.randint(1, 2 * plazo + 5)))
        elif estatus == "anulada":
            motivo = azar.choice(["Registro duplicado", "Capturada por error", "El ciudadano desistió"])
        elif azar.random() < 0.4:
            proxima = hoy + dt.timedelta(days=azar.randint(-10, 10))
        pid = g.id(recepcion)
        localidad = LOCALIDADES.get(municipio, [municipio])[0]
        actualizado = dt.datetime.combine(conclusion, dt.time(13)) if conclusion else recepcion
        filas.append((pid, serie_ac, anio, numero, numeracion.formatear(plantilla, numero, anio), marca(recepcion),
                      canal.id.hex, tema.id.hex, g.descripcion(tema.codigo, municipio, localidad),
                      azar.choice(APOYOS) if azar.random() < 0.3 else None, gira_id, personas_id[k],
                      cat.municipios[municipio], operador, estatus, resultado, motivo, None, dia(limite),
                      dia(g.alerta(recepcion.date(), limite, plazo)), dia(conclusion) if conclusion else None,
                      dia(proxima) if proxima else None, operador, marca(recepcion), marca(actualizado),
                      1 if estatus == "recibida" else 2))
        if seguimientos:
            filas_seg += g.seguimientos(pid, recepcion, estatus, resultado, conclusion, operador)
        if len(filas) >= lote:
            carga.escribir("peticiones", COLUMNAS_PETICION, filas)
            carga.escribir("seguimientos", COLUMNAS_SEGUIMIENTO, filas_seg)
            cuenta_seg += len(filas_seg)
            filas.clear()
            filas_seg.clear()
            if (i + 1) % (lote * 10) == 0:
                avisar(f"{i + 1:,} de {peticiones:,} peticiones escritas")
    carga.escribir("peticiones", COLUMNAS_PETICION, filas)
    carga.escribir("seguimientos", COLUMNAS_SEGUIMIENTO, filas_seg)
    resumen["seguimientos"] = cuenta_seg + len(filas_seg)
    carga.terminar(avisar)
    with bd.escritura() as s:
        for anio, maximo in numeros.items():
            elevar_al_menos(s, cat.serie_ac.id, anio, maximo + 1)
        for anio, maximo in numeros_gira.items():
            elevar_al_menos(s, cat.serie_gira.id, anio, maximo + 1)
    return resumen


# --- the history spreadsheet to import (cli.md, import files) ----------------------------------
def filas_importacion(bd: BaseDatos, peticiones: int, seguimientos: int, *, semilla: int = 1979,
                      hoy: dt.date | None = None) -> tuple[list[dict], list[dict]]:
    """Three years of the previous administration's history (2018–2020) as the office's
    spreadsheet has them, already read: one dict per row with cli.md's columns, strings as a CSV
    gives them. Folios in the AC template, years 2018–2020, never used by the generated data."""
    g = Generador(bd, semilla, hoy or dt.date.today())
    azar = g.azar
    with bd.lectura() as s:
        from oee_desk.db.modelos import Dependencia
        from oee_desk.db.modelos_atencion import Gira
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
        canal = _elegir(azar, g.canales)
        tema = _elegir(azar, g.temas)
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
