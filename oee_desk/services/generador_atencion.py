"""Realistic Atención Ciudadana data, for the demo database and the benchmark: citizens of Sonora's 72
municipios (services/generador_personas.py); the Governor's tours; petitions over a period (by default
the administration, 13 Sep 2021 to yesterday) in the desk's real channel mix, on the catalog's
topics; their canalizations to the agency of each topic or to an internal area, with the oficio
numbers of the CAN series; and their follow-ups (about two per petition over the years, as
quality.md plans: 250,000 petitions, 500,000 follow-ups).

Every derived column is computed as the services compute it: `texto_busqueda` and `clave_nombre`
(domain.peticiones), the folio (domain.numeracion with the AC series' template, numbered per year),
`fecha_limite` (business days of the catalog's calendar per topic) and `fecha_alerta`
(domain.semaforo), `municipio_id` (the tour's, else the citizen's), and the AC, CAN and GIRA counters
raised past the last number. Ids are UUIDv7 stamped with each record's creation time, as
`db.base.nuevo_id` makes them when the record is captured. The rows are written in bulk
(services/carga_masiva.py), not through the ORM.
"""
from __future__ import annotations

import bisect
import datetime as dt
import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from sqlalchemy import select

from ..db.modelos import Canal, Dependencia, Municipio, SerieControl, Tema, Usuario
from ..db.motor import BaseDatos
from ..domain import numeracion, semaforo
from ..domain.peticiones import clave_nombre, texto_busqueda_ciudadano
from .carga_masiva import Cargador, Ids, dia, marca
from .generador_personas import CALLES, COLONIAS, LOCALIDADES, Gente, elegir, ponderada
from .lectura_turnos import calendario
from .numeracion import elevar_al_menos

INICIO_ADMINISTRACION = dt.datetime(2021, 9, 13, 8)
# Tours since the previous administration's last years, so that imported history finds its own.
GIRAS_DESDE = dt.date(2018, 1, 8)
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
# The benchmark's operators are users named bench_atencion_N and bench_campo_N (crear_operadores).
CREADO_POR = "bench"
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

COLUMNAS_CANALIZACION = ("id", "peticion_id", "tipo", "area", "dependencia_id", "fecha", "nota", "serie_control_id",
                         "anio", "numero", "numero_oficio", "registrado_por", "creado")
# Where the desk sends each topic (catalog codes, the usual one first); legal matters mostly stay
# in the office's own Asesoría Jurídica, and a share of the rest goes to Atención y Gestión Inmediata.
DEPENDENCIAS_TEMA = {
    "apoyos_alimentarios": ["DIF", "DIF", "BIENESTAR-SON"], "programas_sociales": ["BIENESTAR-SON", "BIENESTAR-FED"],
    "salud": ["SSS", "SSS", "IMSS-BIENESTAR", "ISSSTESON"], "vivienda": ["COVES", "COVES", "INFONAVIT"],
    "empleo": ["ST", "ICATSON"], "educacion": ["SEC", "ISIE"], "agua_potable": ["CEA", "CEA", "CONAGUA"],
    "infraestructura_urbana": ["SIDUR", "CECOP"], "asuntos_juridicos": ["CJ", "DEFENSORIA"],
    "energia_electrica": ["CFE"], "seguridad": ["SSP", "FGJE"], "transporte": ["IMTES"],
    "proyectos_productivos": ["SAGARHPA", "FIDESON"], "asuntos_agrarios": ["PA", "RAN"],
    "medio_ambiente": ["CEDES", "PROAES"], "otros": ["SEGOB"],
}
# Share of the petitions in each status that were canalized (a «canalizada» one always was).
CANALIZADAS = {"canalizada": 1.0, "en_seguimiento": 0.75, "concluida": 0.55}


@dataclass
class Catalogo:
    serie_ac: SerieControl
    serie_gira: SerieControl
    serie_can: SerieControl
    canales: dict[str, Canal]
    temas: dict[str, Tema]
    municipios: dict[str, str]  # name -> id hex
    dependencias: dict[str, str]  # code -> id hex
    atencion: list[str]  # operator ids hex
    campo: list[str]


def crear_operadores(bd: BaseDatos, admin, contrasena: str) -> None:
    """The benchmark's operators (bench_atencion_N, bench_campo_N), who sign the generated records."""
    from .usuarios import ServicioUsuarios

    usuarios = ServicioUsuarios(bd)
    for i in range(OPERADORES_ATENCION):
        usuarios.agregar(admin, f"{CREADO_POR}_atencion_{i + 1}", "atencion", f"Operadora {i + 1} de Atención",
                         contrasena, contrasena)
    for i in range(OPERADORES_CAMPO):
        usuarios.agregar(admin, f"{CREADO_POR}_campo_{i + 1}", "campo", f"Enlace de giras {i + 1}", contrasena,
                         contrasena)


def catalogo(bd: BaseDatos, operadores: tuple[list[str], list[str]] | None = None) -> Catalogo:
    """The catalogs the rows point to; `operadores` = (atención, campo) user ids as hex, else the
    benchmark's operators found by name."""
    with bd.lectura() as s:
        series = {x.codigo: x for x in s.scalars(select(SerieControl))}
        if operadores is None:
            usuarios = list(s.execute(select(Usuario.nombre, Usuario.id)
                                      .where(Usuario.nombre.like(f"{CREADO_POR}_%")).order_by(Usuario.nombre)))
            operadores = ([u.hex for n, u in usuarios if "_atencion_" in n],
                          [u.hex for n, u in usuarios if "_campo_" in n])
        return Catalogo(
            series["AC"], series["GIRA"], series["CAN"], {c.codigo: c for c in s.scalars(select(Canal))},
            {t.codigo: t for t in s.scalars(select(Tema))},
            {m.nombre: m.id.hex for m in s.scalars(select(Municipio).order_by(Municipio.clave))},
            {d.codigo: d.id.hex for d in s.scalars(select(Dependencia).order_by(Dependencia.codigo))},
            list(operadores[0]), list(operadores[1]))


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
    def __init__(self, bd: BaseDatos, semilla: int, hoy: dt.date,
                 operadores: tuple[list[str], list[str]] | None = None):
        self.bd = bd
        self.azar = random.Random(semilla)
        self.id = Ids(self.azar)
        self.hoy = hoy
        self.tope = dt.datetime.combine(hoy, dt.time(8))  # nothing is dated after this morning
        self.cat = catalogo(bd, operadores)
        if not self.cat.atencion or not self.cat.campo:
            raise ValueError("faltan operadores de atención y de campo que firmen los registros generados")
        self.gente = Gente(self.azar, list(self.cat.municipios))
        with bd.lectura() as s:
            cal = calendario(s)
        self.sumar = lru_cache(maxsize=None)(cal.sumar)
        self.alerta = lru_cache(maxsize=None)(lambda d, l, p: semaforo.fecha_alerta(d, l, p, cal))
        self.canales = ponderada((self.cat.canales[c], w) for c, w in CANALES.items())
        self.temas = ponderada((t, TEMAS.get(codigo, 3)) for codigo, t in self.cat.temas.items())
        self.resultados = ponderada(RESULTADOS)
        self.giras: list[tuple[dt.date, str, str, str]] = []  # (fecha, id, clave, municipio)
        self.numeros: dict[str, dict[int, int]] = {"AC": {}, "CAN": {}}  # last number per series and year

    def siguiente(self, serie: str, anio: int) -> int:
        numero = self.numeros[serie][anio] = self.numeros[serie].get(anio, 0) + 1
        return numero

    # tours --------------------------------------------------------------------------------------
    def filas_giras(self, desde: dt.date, hasta: dt.date) -> tuple[list[tuple], dict[int, int]]:
        azar, filas, numeros = self.azar, [], {}
        fecha = desde
        while fecha <= hasta:
            municipio = elegir(azar, self.gente.municipios_gira)
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

    def peticion(self, recepcion: dt.datetime, ciudadano: str, municipio: str) -> tuple[tuple, list, list]:
        """The petition's row, its canalizations' and its follow-ups'."""
        azar, cat = self.azar, self.cat
        anio = recepcion.year
        numero = self.siguiente("AC", anio)
        canal = elegir(azar, self.canales)
        tema = elegir(azar, self.temas)
        gira_id = None
        if canal.codigo == "gira":
            _, gira_id, _, municipio = self.gira_de(recepcion.date())
            operador = azar.choice(cat.campo)
        else:
            operador = azar.choice(cat.atencion)
        plazo = tema.plazo_dias_habiles
        limite = self.sumar(recepcion.date(), plazo)
        estatus = _estatus(azar, (self.hoy - recepcion.date()).days)
        resultado = conclusion = motivo = proxima = None
        if estatus == "concluida":
            resultado = elegir(azar, self.resultados)
            conclusion = min(self.hoy, recepcion.date() + dt.timedelta(days=azar.randint(1, 2 * plazo + 5)))
        elif estatus == "anulada":
            motivo = azar.choice(["Registro duplicado", "Capturada por error", "El ciudadano desistió"])
        elif azar.random() < 0.4:  # the callbacks queue: some due already, some in the coming days
            proxima = self.hoy + dt.timedelta(days=azar.randint(-10, 10))
        pid = self.id(recepcion)
        localidad = LOCALIDADES.get(municipio, [municipio])[0]
        actualizado = dt.datetime.combine(conclusion, dt.time(13)) if conclusion else recepcion
        fila = (pid, cat.serie_ac.id.hex, anio, numero, numeracion.formatear(cat.serie_ac.plantilla, numero, anio),
                marca(recepcion), canal.id.hex, tema.id.hex, self.descripcion(tema.codigo, municipio, localidad),
                azar.choice(APOYOS) if azar.random() < 0.3 else None, gira_id, ciudadano, cat.municipios[municipio],
                operador, estatus, resultado, motivo, None, dia(limite),
                dia(self.alerta(recepcion.date(), limite, plazo)), dia(conclusion) if conclusion else None,
                dia(proxima) if proxima else None, operador, marca(recepcion), marca(actualizado),
                1 if estatus == "recibida" else 2)
        canalizaciones = []
        if azar.random() < CANALIZADAS.get(estatus, 0):
            canalizaciones.append(self.canalizacion(pid, recepcion, tema.codigo))
        return fila, canalizaciones, self.seguimientos(pid, recepcion, estatus, resultado, conclusion, operador)

    def canalizacion(self, pid: str, recepcion: dt.datetime, tema: str) -> tuple:
        """To an internal area, or by a numbered oficio to the agency that handles the topic."""
        azar, cat = self.azar, self.cat
        fecha = min(recepcion + dt.timedelta(minutes=azar.randint(10, 2 * 24 * 60)), self.tope)
        operador = azar.choice(cat.atencion)
        area = "asesoria_juridica" if tema == "asuntos_juridicos" and azar.random() < 0.6 else \
            "atencion_gestion_inmediata" if azar.random() < 0.15 else None
        if area:
            return (self.id(fecha), pid, "area_interna", area, None, marca(fecha),
                    "Se turna al área para su atención inmediata.", None, None, None, None, operador, marca(fecha))
        codigos = [c for c in DEPENDENCIAS_TEMA.get(tema, ["SEGOB"]) if c in cat.dependencias] \
            or list(cat.dependencias)
        numero = self.siguiente("CAN", fecha.year)
        return (self.id(fecha), pid, "dependencia", None, cat.dependencias[azar.choice(codigos)], marca(fecha),
                "Se envía para su atención y respuesta al ciudadano.", cat.serie_can.id.hex, fecha.year, numero,
                numeracion.formatear(cat.serie_can.plantilla, numero, fecha.year), operador, marca(fecha))

    def seguimientos(self, pid: str, recepcion: dt.datetime, estatus: str, resultado: str | None,
                     conclusion: dt.date | None, operador: str) -> list[tuple]:
        azar = self.azar
        if estatus in ("recibida", "anulada") or (estatus == "canalizada" and azar.random() < 0.7):
            return []
        fin = dt.datetime.combine(conclusion, dt.time(13)) if conclusion else \
            min(self.tope, recepcion + dt.timedelta(days=40))
        cuantos = 1 if estatus == "canalizada" else azar.choice([1, 1, 2, 3]) if estatus == "en_seguimiento" \
            else azar.choice([0, 1, 1, 2, 2])
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
            desde: dt.datetime = INICIO_ADMINISTRACION, giras_desde: dt.date = GIRAS_DESDE,
            operadores: tuple[list[str], list[str]] | None = None, seguimientos: bool = True, lote: int = 20_000,
            avisar: Callable[[str], None] = lambda _t: None) -> dict:
    """Fill an initialized database with petitions received from `desde` to yesterday; returns a
    summary. `operadores` = (atención, campo) user ids as hex who sign them (else `crear_operadores`')."""
    hoy = hoy or dt.date.today()
    g = Generador(bd, semilla, hoy, operadores)
    carga = Cargador(bd)
    try:
        resumen = _generar(g, carga, ciudadanos, peticiones, desde, giras_desde, seguimientos, lote, avisar)
    except BaseException:
        carga.abandonar()
        raise
    with bd.escritura() as s:
        for clave, serie in (("AC", g.cat.serie_ac), ("CAN", g.cat.serie_can)):
            for anio, maximo in g.numeros[clave].items():
                elevar_al_menos(s, serie.id, anio, maximo + 1)
        for anio, maximo in resumen.pop("numeros_gira").items():
            elevar_al_menos(s, g.cat.serie_gira.id, anio, maximo + 1)
    return resumen


def _generar(g: Generador, carga: Cargador, ciudadanos: int, peticiones: int, desde: dt.datetime,
             giras_desde: dt.date, seguimientos: bool, lote: int, avisar: Callable[[str], None]) -> dict:
    azar, cat = g.azar, g.cat
    ultimo = g.tope - dt.timedelta(days=1)
    paso = (ultimo - desde) / max(peticiones, 1)
    # Who asks: a few citizens come back again and again, most once or twice.
    quien = [min(int(ciudadanos * azar.random() ** 1.3), ciudadanos - 1) for _ in range(peticiones)]
    primera: dict[int, dt.datetime] = {}
    for i, k in enumerate(quien):
        if k not in primera:
            primera[k] = desde + paso * i

    carga.apartar_indices()
    resumen = {"ciudadanos": ciudadanos, "peticiones": peticiones, "canalizaciones": 0, "seguimientos": 0,
               "giras": 0, "desde": desde.date().isoformat(), "hasta": ultimo.date().isoformat()}
    giras, resumen["numeros_gira"] = g.filas_giras(min(giras_desde, desde.date()), ultimo.date())
    carga.escribir("giras", COLUMNAS_GIRA, giras)
    resumen["giras"] = len(giras)

    personas_id, personas_mun, filas = [], [], []
    for k in range(ciudadanos):
        p = g.gente.persona()
        creado = (primera.get(k) or desde + (ultimo - desde) * azar.random()
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

    filas, filas_can, filas_seg = [], [], []
    for i in range(peticiones):
        recepcion = (desde + paso * i + dt.timedelta(minutes=azar.randint(0, 20))).replace(microsecond=0)
        if recepcion.hour >= 20 or recepcion.hour < 7:  # the desk's hours; the call center from 7 to 20
            recepcion = recepcion.replace(hour=azar.randint(7, 19))
        k = quien[i]
        fila, canalizaciones, siguientes = g.peticion(recepcion, personas_id[k], personas_mun[k])
        filas.append(fila)
        filas_can += canalizaciones
        if seguimientos:
            filas_seg += siguientes
        if len(filas) >= lote or i == peticiones - 1:
            carga.escribir("peticiones", COLUMNAS_PETICION, filas)
            carga.escribir("canalizaciones", COLUMNAS_CANALIZACION, filas_can)
            carga.escribir("seguimientos", COLUMNAS_SEGUIMIENTO, filas_seg)
            resumen["canalizaciones"] += len(filas_can)
            resumen["seguimientos"] += len(filas_seg)
            for lista in (filas, filas_can, filas_seg):
                lista.clear()
            if (i + 1) % (lote * 10) == 0:
                avisar(f"{i + 1:,} de {peticiones:,} peticiones escritas")
    carga.terminar(avisar)
    return resumen
