"""Realistic Correspondencia data, for the demo database and the benchmark: oficios from Sonora's
municipalities, agencies and citizens, in both series over a period (by default from January 2021 to
yesterday), each turned to 1–3 real catalog agencies.

The rows are written with core INSERTs in batches (like services/importar_oficios), with every
derived column filled the way the services fill it: texto_busqueda (the control number, then correspondencia._texto_de),
estado and primer_turno (turnos: semaforo.estado_asunto), fecha_limite and fecha_alerta
(business days of the catalog's calendar), and the series' counters raised past the last number.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from sqlalchemy import insert, select

from ..db.base import nuevo_id
from ..db.modelos import Dependencia, Instruccion, Municipio, SerieControl, TipoDocumento
from ..db.modelos_correspondencia import Oficio, Turno
from ..db.motor import BaseDatos
from ..domain import numeracion, semaforo
from ..domain.oficios import numero_remitente_normalizado
from ..domain.texto import normalizar
from .lectura_turnos import calendario
from .numeracion import elevar_al_menos

NOMBRES = ["José", "María", "Juan", "Guadalupe", "Francisco", "Ana", "Jesús", "Martha", "Luis", "Rosa",
           "Ramón", "Leticia", "Héctor", "Verónica", "Raúl", "Adriana", "Jorge", "Claudia", "Sergio",
           "Patricia", "Ángel", "Mónica", "Óscar", "Alejandra", "Efraín", "Iñaki", "Xóchitl", "Maximiliano",
           "Dolores", "Ernesto", "Lourdes", "Fernando", "Beatriz", "Tomás", "Araceli", "Ignacio", "Yolanda"]
APELLIDOS = ["García", "Hernández", "López", "Martínez", "González", "Rodríguez", "Pérez", "Sánchez",
             "Ramírez", "Flores", "Valenzuela", "Morales", "Romero", "Ruiz", "Moreno", "Castro", "Ochoa",
             "Ibarra", "Félix", "Soto", "Leyva", "Quiñónez", "Encinas", "Bojórquez", "Gastélum", "Valdez",
             "Duarte", "Durazo", "Acosta", "Montaño", "Robles", "Yocupicio", "Buitimea", "Cázares", "Lizárraga",
             "Núñez", "Peña", "Güereña", "Escalante", "Tapia", "Ayala", "Córdova", "Urías", "Zazueta", "Ónate"]
TITULOS = ["Lic.", "C.", "Ing.", "Dr.", "Mtra.", "Mtro.", "Profr.", "Arq.", "C.P.", "Dra."]
CARGOS = ["Presidente Municipal", "Presidenta Municipal", "Síndica Procuradora", "Secretario del Ayuntamiento",
          "Director General", "Directora de Desarrollo Social", "Regidor", "Comisario Ejidal", "Gobernador Tradicional",
          "Presidenta del Comité de Vecinos", "Rector", "Coordinador Regional", "Delegado Federal", None, None]
ORGANIZACIONES = ["Comité de Vecinos de la colonia {}", "Ejido {}", "Asociación Ganadera Local de {}",
                  "Club de Leones de {}", "Escuela Primaria «Benito Juárez» de {}", "Cooperativa Pesquera de {}",
                  "Sociedad de Padres de Familia de {}", "Unión de Comerciantes de {}"]
COLONIAS = ["Las Quintas", "Pitic", "Centro", "San Benito", "Modelo", "Balderrama", "El Ranchito", "Solidaridad",
            "Palo Verde", "Bugambilias", "Los Naranjos", "Jesús García", "Café Combate", "Altares", "Olivares"]
ASUNTOS = [
    "Solicitud de apoyo para la rehabilitación del {lugar} de {mun}",
    "Queja por falta de agua potable en la colonia {col} de {mun}",
    "Invitación al informe anual de actividades de {mun}",
    "Petición de pavimentación de la calle {calle} en {mun}",
    "Solicitud de becas para estudiantes de la comunidad de {mun}",
    "Gestión de apoyo con despensas para familias afectadas por las lluvias en {mun}",
    "Solicitud de audiencia con el C. Gobernador para tratar asuntos de {mun}",
    "Denuncia sobre el estado del {lugar} en la colonia {col}",
    "Propuesta de convenio de colaboración en materia de seguridad pública para {mun}",
    "Solicitud de plazas docentes para la escuela secundaria técnica de {mun}",
    "Informe de avance del programa de vivienda en {mun}",
    "Petición de ambulancia para el centro de salud de {mun}",
    "Solicitud de apoyo económico para la fiesta tradicional de {mun}",
    "Reporte de daños en la carretera {mun}–{mun2}",
    "Solicitud de regularización de la tenencia de la tierra en la colonia {col}",
]
LUGARES = ["mercado municipal", "centro de salud", "parque de béisbol", "panteón municipal", "dispensario médico",
           "albergue comunitario", "pozo de agua", "puente vehicular", "auditorio ejidal", "malecón"]
CALLES = ["Zaragoza", "Hidalgo", "Morelos", "Juárez", "Obregón", "Rosales", "Serdán", "No Reelección", "Yáñez"]
INICIO = dt.datetime(2021, 1, 4, 8)  # the first working Monday of the administration's first full year


@dataclass
class Contexto:
    series: list[SerieControl]
    dependencias: list[Dependencia]
    instrucciones: list[Instruccion]
    tipos: list[TipoDocumento]
    municipios: list[str]


def _contexto(bd: BaseDatos) -> Contexto:
    with bd.lectura() as s:
        return Contexto(list(s.scalars(select(SerieControl).order_by(SerieControl.codigo))),
                        list(s.scalars(select(Dependencia).order_by(Dependencia.codigo))),
                        list(s.scalars(select(Instruccion).order_by(Instruccion.codigo))),
                        list(s.scalars(select(TipoDocumento).order_by(TipoDocumento.codigo))),
                        list(s.scalars(select(Municipio.nombre).order_by(Municipio.clave))))


def persona(azar: random.Random) -> str:
    return f"{azar.choice(TITULOS)} {azar.choice(NOMBRES)} {azar.choice(APELLIDOS)} {azar.choice(APELLIDOS)}"


def _remitente(azar: random.Random, c: Contexto) -> tuple[str, str | None, str | None]:
    mun = azar.choice(c.municipios)
    tirada = azar.random()
    if tirada < 0.35:
        return persona(azar), azar.choice(CARGOS[:4]), f"H. Ayuntamiento de {mun}"
    if tirada < 0.6:
        dep = azar.choice(c.dependencias)
        return persona(azar), azar.choice(CARGOS[4:7]), dep.nombre
    if tirada < 0.8:
        return persona(azar), azar.choice(CARGOS), azar.choice(ORGANIZACIONES).format(mun)
    return persona(azar), None, None  # a citizen writing on their own behalf


def _asunto(azar: random.Random, c: Contexto) -> str:
    return azar.choice(ASUNTOS).format(lugar=azar.choice(LUGARES), mun=azar.choice(c.municipios),
                                       mun2=azar.choice(c.municipios), col=azar.choice(COLONIAS),
                                       calle=azar.choice(CALLES))


def _estatus(azar: random.Random, recepcion: dt.datetime, hoy: dt.date) -> str:
    """Older matters are mostly answered; the last weeks' mostly open."""
    edad = (hoy - recepcion.date()).days
    atendido = 0.92 if edad > 365 else 0.75 if edad > 90 else 0.45 if edad > 20 else 0.1
    tirada = azar.random()
    if tirada < atendido:
        return "atendido" if azar.random() < 0.9 else "no_requiere"
    return "en_proceso" if azar.random() < 0.45 else "sin_atender"


def generar(bd: BaseDatos, n: int, *, semilla: int = 2025, hoy: dt.date | None = None, registrado_por=None,
            desde: dt.datetime = INICIO, lote: int = 5000,
            progreso: Callable[[int, int], None] | None = None) -> dict:
    """Insert `n` oficios (and their turnos), received evenly from `desde` to yesterday, into an
    initialized database; returns a summary."""
    azar = random.Random(semilla)
    hoy = hoy or dt.date.today()
    c = _contexto(bd)
    with bd.lectura() as s:
        cal = calendario(s)
    sumar = lru_cache(maxsize=None)(cal.sumar)
    alerta = lru_cache(maxsize=None)(lambda d, l, p: semaforo.fecha_alerta(d, l, p, cal))
    ultimo = dt.datetime.combine(hoy, dt.time(8)) - dt.timedelta(days=1)
    ahora = max(dt.datetime.now().replace(microsecond=0), ultimo + dt.timedelta(hours=1))
    primero = desde
    paso = (ultimo - primero) / max(n, 1)
    numeros: dict[tuple, int] = {}
    # 03.01 (to the Governor) gets most of the mail; NJ the rest.
    serie_gob = next(s for s in c.series if s.codigo == "03.01")
    serie_nj = next(s for s in c.series if s.codigo == "NJ")
    oficio_tipo = next(t for t in c.tipos if t.codigo == "oficio")
    oficios, turnos, total_turnos, total_anulados = [], [], 0, 0
    with bd.escritura() as s:
        for i in range(n):
            recepcion = (primero + paso * i + dt.timedelta(minutes=azar.randint(0, 50))).replace(microsecond=0)
            serie = serie_gob if azar.random() < 0.7 else serie_nj
            anio = recepcion.year
            numero = numeros[(serie.id, anio)] = numeros.get((serie.id, anio), 0) + 1
            nombre, cargo, institucion = _remitente(azar, c)
            oficio_id = nuevo_id()
            anulado = azar.random() < 0.01
            registro = {
                "id": oficio_id, "serie_control_id": serie.id, "anio": anio, "numero": numero,
                "numero_control": numeracion.formatear(serie.plantilla, numero, anio), "fecha_recepcion": recepcion,
                "destinatario": serie.destinatario, "remitente_nombre": nombre, "remitente_cargo": cargo,
                "remitente_institucion": institucion,
                "numero_oficio_remitente": f"{azar.choice(['PM', 'DG', 'SA', 'OF', 'CV'])}/{azar.randint(1, 999)}/{anio}"
                if institucion else None,
                "fecha_documento": recepcion.date() - dt.timedelta(days=azar.randint(0, 6)),
                "asunto": _asunto(azar, c),
                "tipo_documento_id": oficio_tipo.id if azar.random() < 0.8 else azar.choice(c.tipos).id,
                "prioridad": "urgente" if azar.random() < 0.08 else "normal", "serie_documental_id": None,
                "registrado_por": registrado_por, "anulado": anulado,
                "motivo_anulacion": "Registrado por error" if anulado else None,
                "creado": recepcion, "actualizado": recepcion, "version": 1,
            }
            registro["numero_remitente_normalizado"] = numero_remitente_normalizado(
                registro["numero_oficio_remitente"])
            registro["texto_busqueda"] = normalizar(" ".join(filter(None, [
                registro["numero_control"], nombre, cargo, institucion, registro["numero_oficio_remitente"],
                registro["asunto"]])))
            vigentes = []
            if not anulado and azar.random() < 0.97:  # a few are still waiting to be turned
                turnado = min(recepcion + dt.timedelta(hours=azar.choice([1, 3, 20, 30, 52, 80])), ahora)
                destinos = azar.sample(c.dependencias, azar.choice([1, 1, 1, 2, 2, 3]))
                for k, dep in enumerate(destinos):
                    rol = "responsable" if k == 0 or azar.random() < 0.3 else "apoyo"
                    plazo = azar.choice([5, 5, 10, 10, 15])
                    limite = sumar(turnado.date(), plazo)
                    estatus = _estatus(azar, recepcion, hoy)
                    respuesta = None
                    if estatus == "atendido":
                        respuesta = min(hoy, turnado.date() + dt.timedelta(days=azar.randint(1, plazo + 10)))
                    turnos.append({
                        "id": nuevo_id(), "oficio_id": oficio_id, "dependencia_id": dep.id, "rol": rol,
                        "instruccion_id": azar.choice(c.instrucciones).id, "plazo_dias_habiles": plazo,
                        "fecha_turno": turnado, "fecha_limite": limite,
                        "fecha_alerta": alerta(turnado.date(), limite, plazo), "nota": None, "estatus": estatus,
                        "fecha_acuse": turnado.date() + dt.timedelta(days=1) if estatus != "sin_atender" else None,
                        "fecha_respuesta": respuesta, "avance_pct": {"atendido": 100, "no_requiere": 100,
                                                                     "en_proceso": 50}.get(estatus, 0),
                        "turnado_por": registrado_por, "cancelado": False, "motivo_cancelacion": None,
                        "creado": turnado, "actualizado": turnado, "version": 1})
                    vigentes.append((rol, estatus))
                registro["primer_turno"] = turnado
            else:
                registro["primer_turno"] = None
            registro["estado"] = semaforo.estado_asunto(vigentes)
            total_turnos += len(vigentes)
            total_anulados += anulado
            oficios.append(registro)
            if len(oficios) >= lote:
                _volcar(s, oficios, turnos)
                if progreso:
                    progreso(i + 1, n)
        _volcar(s, oficios, turnos)
        for (serie_id, anio), maximo in numeros.items():
            elevar_al_menos(s, serie_id, anio, maximo + 1)
    if progreso and n % lote:
        progreso(n, n)
    return {"oficios": n, "turnos": total_turnos, "anulados": total_anulados,
            "desde": primero.date().isoformat(), "hasta": ultimo.date().isoformat()}


def _volcar(s, oficios: list[dict], turnos: list[dict]) -> None:
    # Core executemany on the connection: the ORM's bulk path splits the batch by which columns are None.
    conexion = s.connection()
    if oficios:
        conexion.execute(insert(Oficio.__table__), oficios)
    if turnos:
        conexion.execute(insert(Turno.__table__), turnos)
    oficios.clear()
    turnos.clear()
