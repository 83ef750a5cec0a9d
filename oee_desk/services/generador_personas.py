"""The people of the realistic generators: Spanish given names and surnames (with accents) at the
frequencies the desk hears them, Sonora's 72 municipios weighted by population, 10-digit Sonora
phones with each region's lada, some e-mails and CURPs (official shape, valid check digit).

Used by services/generador_atencion.py (the demo and the benchmark); nothing here touches a database.
"""
from __future__ import annotations

import bisect
import datetime as dt
import random
from dataclasses import dataclass
from typing import Iterable

from stdnum.mx import curp as stdnum_curp

from ..domain.texto import normalizar

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
CALLES = ["Zaragoza", "Hidalgo", "Morelos", "Juárez", "Obregón", "Rosales", "Serdán", "No Reelección", "Yáñez",
          "Reforma", "Garmendia", "Niños Héroes", "Tamaulipas", "California", "Sufragio Efectivo"]
DOMINIOS = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx", "live.com.mx"]


def ponderada(pares: Iterable[tuple[object, float]]) -> tuple[list, list[float]]:
    """A table to draw from with `elegir`: the values and their cumulative weights."""
    valores, acumulados, total = [], [], 0.0
    for valor, peso in pares:
        total += peso
        valores.append(valor)
        acumulados.append(total)
    return valores, acumulados


def elegir(azar: random.Random, tabla: tuple[list, list[float]]):
    """One value, drawn with its weight."""
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
        self.hombres = ponderada(NOMBRES_H)
        self.mujeres = ponderada(NOMBRES_M)
        self.apellidos = ponderada(APELLIDOS)
        self.municipios = ponderada((m, POBLACION.get(m, SIN_CENSO)) for m in municipios)
        # Tours go to small towns far more often than their population says.
        self.municipios_gira = ponderada((m, POBLACION.get(m, SIN_CENSO) ** 0.5) for m in municipios)

    def municipio(self) -> str:
        return elegir(self.azar, self.municipios)

    def telefono(self, municipio: str) -> str:
        lada = LADAS.get(municipio) or self.azar.choice(LADAS_SIERRA)
        return f"{lada}{self.azar.randint(1_000_000, 9_999_999)}"

    def persona(self) -> Persona:
        azar = self.azar
        mujer = azar.random() < 0.58  # more women than men call the desk
        nombre = elegir(azar, self.mujeres if mujer else self.hombres)
        apellido1 = elegir(azar, self.apellidos)
        apellido2 = elegir(azar, self.apellidos) if azar.random() < 0.93 else None
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
