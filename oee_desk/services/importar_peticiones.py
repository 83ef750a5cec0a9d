"""`importar peticiones`: the Atención Ciudadana history spreadsheet into the database (cli.md,
import files; quality.md: 75,000 rows in seconds).

Idempotent: a row whose folio is already registered is skipped («ya existía»), and so is a row
without a folio whose reception time, channel, topic, citizen's name and description are already
there. Bad rows are listed (row, column, reason) and skipped; the good ones load together in one
transaction in batches (core INSERT executemany on SQLite, COPY on PostgreSQL: historia_comun.insertar), each
written row beside its audit row (the citizen's without their personal data, as db/auditoria.py
does). No ORM object and no query per row: catalogs are read once into dicts, and what the rows
point at (folios, citizens) is looked up in a few set-wise queries. The year's counters are locked
first and raised past the file's folios before rows without a folio take theirs, all at once.

A repeat citizen is matched rather than duplicated: a live record with the same CURP, or else with
the same phone and the same name (domain.peticiones.clave_nombre). Matched records are not changed.
"""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from ..db.auditoria import OCULTOS
from ..db.base import ahora
from ..db.modelos import Auditoria, Canal, Dependencia, Municipio, SerieControl, Tema
from ..db.modelos_atencion import Canalizacion, Ciudadano, Gira, Peticion
from ..db.modelos_correspondencia import ContadorSerie
from ..db.motor import BaseDatos
from ..domain import numeracion, peticiones as reglas, semaforo
from ..domain.errores import ErrorValidacion, Problema
from ..domain.roles import Accion
from ..domain.texto import normalizar
from .archivos import numero_de_fila
from .historia_comun import (ImportacionHistoria, Progreso, celdas, clave_texto, en_lista, fila_auditoria, foto,
                             insertar, leer_fecha, leer_folio, mapa_columnas, nuevo_id, series_de_peticiones)
from .importar_oficios import ResumenImportacion
from .lectura_turnos import calendario
from .numeracion import elevar_al_menos, serie_por_uso
from .sesion import Sesion, requerir

COLUMNAS = ["folio", "fecha_recepcion", "canal", "nombre", "primer_apellido", "segundo_apellido", "telefono",
            "correo", "curp", "municipio", "localidad", "tema", "descripcion", "canalizado_a", "estatus", "gira"]
OBLIGATORIAS = {"fecha_recepcion", "canal", "nombre", "tema", "descripcion"}
MOTIVO_ANULACION = "Anulada según el archivo histórico"
# What a new citizen's audit row names; db/auditoria.py's rule hides the personal ones behind «***».
CAMPOS_CIUDADANO = ("nombre", "primer_apellido", "segundo_apellido", "telefono", "correo", "curp", "municipio_id",
                    "localidad")

__all__ = ["COLUMNAS", "ResumenImportacion", "ServicioImportarPeticiones", "importar_historia"]


class _Catalogos:
    """The catalogs a row points at, read once, each by code and by name (accents and case ignored)."""

    def __init__(self, s: Session):
        self.canales = self._por_codigo_y_nombre(s.scalars(select(Canal)), "codigo")
        self.temas = self._por_codigo_y_nombre(s.scalars(select(Tema)), "codigo")
        self.municipios = self._por_codigo_y_nombre(s.scalars(select(Municipio)), "clave")
        self.dependencias = self._por_codigo_y_nombre(s.scalars(select(Dependencia)), "codigo")
        self.areas = {}
        for codigo, nombre in reglas.AREAS_INTERNAS.items():
            self.areas[normalizar(nombre)] = self.areas[normalizar(codigo)] = codigo
        self.estatus = {}
        for codigo, etiqueta in reglas.ESTATUS.items():
            for texto in (codigo, etiqueta, codigo.replace("_", " ")):
                self.estatus[normalizar(texto)] = codigo
        self.giras = {g.clave.strip().upper(): g for g in s.scalars(select(Gira))}
        self.series = series_de_peticiones(s)

    @staticmethod
    def _por_codigo_y_nombre(filas, clave: str) -> dict[str, Any]:
        filas = list(filas)
        indice = {normalizar(f.nombre): f for f in filas}
        indice.update({normalizar(str(getattr(f, clave))): f for f in filas})  # a code wins over a name
        return indice


@dataclass
class _Fila:
    fila: int
    recepcion: dt.datetime
    canal: Canal
    tema: Tema
    descripcion: str
    ciudadano: dict
    municipio: Municipio | None
    gira: Gira | None
    estatus: str
    canalizacion: tuple[str, Any] | None  # ("area_interna", code) | ("dependencia", Dependencia)
    serie: SerieControl | None = None
    numero: int | None = None
    ciudadano_id: uuid.UUID | None = None
    ciudadano_municipio_id: uuid.UUID | None = None
    clave_nombre: str = ""


class _IndiceCiudadanos:
    """The live citizens the rows may be, read in chunks by CURP and by phone; then the new ones."""

    COLUMNAS = (Ciudadano.id, Ciudadano.municipio_id, Ciudadano.curp, Ciudadano.telefono,
                Ciudadano.telefono_alterno, Ciudadano.clave_nombre)

    def __init__(self, s: Session, filas: list[_Fila]):
        self.por_curp: dict[str, tuple] = {}
        self.por_telefono: dict[tuple[str, str], tuple] = {}
        vivos = (Ciudadano.fusionado_en.is_(None), Ciudadano.anonimizado.is_(False))
        curps = {f.ciudadano["curp"] for f in filas if f.ciudadano.get("curp")}
        telefonos = {f.ciudadano["telefono"] for f in filas if f.ciudadano.get("telefono")}
        for condicion in en_lista(s, Ciudadano.curp, curps):
            for cid, mun, curp, tel, alt, clave in s.execute(
                    select(*self.COLUMNAS).where(condicion, *vivos).order_by(Ciudadano.id)):
                self._recordar(cid, mun, curp, (), clave)
        for principal, alterno in zip(en_lista(s, Ciudadano.telefono, telefonos),
                                      en_lista(s, Ciudadano.telefono_alterno, telefonos)):
            for cid, mun, curp, tel, alt, clave in s.execute(
                    select(*self.COLUMNAS).where(or_(principal, alterno), *vivos).order_by(Ciudadano.id)):
                self._recordar(cid, mun, curp, (tel, alt), clave)

    def _recordar(self, cid, municipio_id, curp, telefonos, clave) -> None:
        if curp:
            self.por_curp.setdefault(curp, (cid, municipio_id, curp))
        for t in telefonos:
            if t:
                self.por_telefono.setdefault((t, clave), (cid, municipio_id, curp))

    def buscar(self, f: _Fila) -> tuple[uuid.UUID | None, uuid.UUID | None]:
        """(id, municipio) of the live citizen with the row's CURP, else its phone and name."""
        curp, telefono = f.ciudadano.get("curp"), f.ciudadano.get("telefono")
        encontrado = self.por_curp.get(curp) if curp else None
        if encontrado is None and telefono:
            candidato = self.por_telefono.get((telefono, f.clave_nombre))
            # Same phone and name but another CURP is someone else (a father and his son).
            if candidato is not None and not (curp and candidato[2] and candidato[2] != curp):
                encontrado = candidato
        return (encontrado[0], encontrado[1]) if encontrado else (None, None)

    def crear(self, actor: Sesion, filas: list[_Fila], ciudadanos: list, auditoria: list,
              momento: dt.datetime) -> None:
        """A record for each row still without one (an earlier row of the file may have made it)."""
        ocultos = frozenset(OCULTOS | Ciudadano.__datos_personales__)
        for f in filas:
            if f.ciudadano_id is None:
                f.ciudadano_id, f.ciudadano_municipio_id = self.buscar(f)
            if f.ciudadano_id is not None:
                continue
            d = f.ciudadano
            municipio_id = f.municipio.id if f.municipio else None
            registro = {
                "id": nuevo_id(), "nombre": d["nombre"], "primer_apellido": d.get("primer_apellido"),
                "segundo_apellido": d.get("segundo_apellido"), "telefono": d.get("telefono"), "telefono_alterno": None,
                "correo": d.get("correo"), "curp": d.get("curp"), "municipio_id": municipio_id,
                "localidad": d.get("localidad"), "domicilio": None, "acepta_aviso_privacidad": False,
                "version_aviso": None, "fusionado_en": None, "anonimizado": False,
                "texto_busqueda": reglas.texto_busqueda_ciudadano(d), "clave_nombre": f.clave_nombre,
                "creado": momento, "actualizado": momento, "version": 1}
            ciudadanos.append(registro)
            auditoria.append(fila_auditoria(actor, momento, "ciudadanos", registro["id"], None,
                                            foto(registro, CAMPOS_CIUDADANO, ocultos)))
            f.ciudadano_id, f.ciudadano_municipio_id = registro["id"], municipio_id
            self._recordar(registro["id"], municipio_id, d.get("curp"), (d.get("telefono"),), f.clave_nombre)


class ServicioImportarPeticiones(ImportacionHistoria):
    columnas, obligatorias = COLUMNAS, OBLIGATORIAS

    # --- inside the caller's transaction ---------------------------------------------------
    def cargar(self, s: Session, actor: Sesion, filas: list, mapa: dict, *,
               progreso: Progreso | None = None) -> ResumenImportacion:
        resumen = ResumenImportacion(leidas=len(filas))
        momento = ahora()
        cat = _Catalogos(s)
        pasos = 2 * len(filas) or 1  # half validating, half writing
        buenas: list[_Fila] = []
        vistos: dict[tuple, int] = {}
        for posicion, crudo in enumerate(filas, start=2):
            fila_n = numero_de_fila(crudo, posicion)
            try:
                fila = self._fila(fila_n, celdas(crudo, mapa), cat, momento)
            except ErrorValidacion as e:
                resumen.errores += [{"fila": fila_n, "columna": p.campo, "motivo": p.mensaje} for p in e.problemas]
                continue
            if fila.numero is not None:
                clave = (fila.serie.id, fila.recepcion.year, fila.numero)
                if clave in vistos:
                    resumen.errores.append({"fila": fila_n, "columna": "folio",
                                            "motivo": f"repite el folio de la fila {vistos[clave]}"})
                    continue
                vistos[clave] = fila_n
            buenas.append(fila)
            if progreso and fila_n % 1000 == 0:
                progreso(fila_n - 1, pasos)  # rows checked so far

        con_folio = [f for f in buenas if f.numero is not None]
        sin_folio = [f for f in buenas if f.numero is None]
        serie_nueva = serie_por_uso(s, "peticiones") if sin_folio else None
        # The counters first, in a fixed order: from here until COMMIT nobody else takes a folio of
        # these years, so what is checked below stays true.
        pares = sorted({(f.serie.id, f.recepcion.year) for f in con_folio}
                       | {(serie_nueva.id, f.recepcion.year) for f in sin_folio}, key=lambda p: (str(p[0]), p[1]))
        for serie_id, anio in pares:
            elevar_al_menos(s, serie_id, anio, 1)
            s.execute(select(ContadorSerie.id).where(ContadorSerie.serie_control_id == serie_id,
                                                     ContadorSerie.anio == anio).with_for_update())

        indice = _IndiceCiudadanos(s, buenas)
        for f in buenas:
            f.ciudadano_id, f.ciudadano_municipio_id = indice.buscar(f)
        nuevas: list[_Fila] = []
        existentes = self._folios_existentes(s, con_folio)
        for f in con_folio:
            if (f.serie.id, f.recepcion.year, f.numero) in existentes:
                resumen.ya_existian += 1
            else:
                nuevas.append(f)
        naturales = self._naturales_existentes(s, sin_folio)
        for f in sin_folio:
            quien = naturales.setdefault(self._natural(f), set())
            if f.clave_nombre in quien or (f.ciudadano_id is not None and f.ciudadano_id in quien):
                resumen.ya_existian += 1
            else:
                quien.update({f.clave_nombre, f.ciudadano_id} - {None})
                nuevas.append(f)

        ciudadanos, auditoria = [], []
        indice.crear(actor, sorted(nuevas, key=lambda f: f.fila), ciudadanos, auditoria, momento)

        maximos: dict[tuple, int] = {}
        for f in nuevas:
            if f.numero is not None:
                par = (f.serie.id, f.recepcion.year)
                maximos[par] = max(maximos.get(par, 0), f.numero)
        for (serie_id, anio), maximo in maximos.items():
            elevar_al_menos(s, serie_id, anio, maximo + 1)
        pendientes = sorted((f for f in nuevas if f.numero is None), key=lambda f: (f.recepcion, f.fila))
        por_anio: dict[int, list[_Fila]] = {}
        for f in pendientes:
            por_anio.setdefault(f.recepcion.year, []).append(f)
        for anio, grupo in por_anio.items():
            primero = reservar(s, serie_nueva.id, anio, len(grupo))
            for i, f in enumerate(grupo):
                f.serie, f.numero = serie_nueva, primero + i

        peticiones, canalizaciones = [], []
        cal = calendario(s)
        plazos: dict[tuple, tuple[dt.date, dt.date]] = {}
        for f in sorted(nuevas, key=lambda f: f.fila):
            self._agregar(f, actor, momento, cal, plazos, peticiones, canalizaciones, auditoria)
        insertar(s, [(Ciudadano, ciudadanos), (Peticion, peticiones), (Canalizacion, canalizaciones),
                     (Auditoria, auditoria)], progreso, (len(filas), pasos))
        if progreso:
            progreso(pasos, pasos)
        resumen.cargadas = len(peticiones)
        resumen.omitidas = resumen.leidas - resumen.cargadas - resumen.ya_existian
        resumen.errores.sort(key=lambda e: e["fila"])  # in the file's order, whatever step found them
        return resumen

    # --- one row ----------------------------------------------------------------------------
    @staticmethod
    def _fila(fila_n: int, c: dict, cat: _Catalogos, momento: dt.datetime) -> _Fila:
        problemas: list[Problema] = []

        recepcion = None
        if c.get("fecha_recepcion") is None:
            problemas.append(Problema("fecha_recepcion", "es obligatoria"))
        else:
            try:
                recepcion, _ = leer_fecha("fecha_recepcion", c["fecha_recepcion"])
            except ErrorValidacion as e:
                problemas += e.problemas
        limpios: dict = {}
        try:
            limpios = reglas.validar_peticion({
                "fecha_recepcion": recepcion or momento, "canal": c.get("canal"), "tema": c.get("tema"),
                "descripcion": c.get("descripcion"), "gira": c.get("gira"), "ciudadano": {}}, momento)
        except ErrorValidacion as e:
            problemas += e.problemas
        ciudadano: dict = {}
        try:
            ciudadano = reglas.validar_ciudadano({k: c.get(k) for k in (
                "nombre", "primer_apellido", "segundo_apellido", "telefono", "correo", "curp", "municipio",
                "localidad")}, prefijo="")
        except ErrorValidacion as e:
            problemas += e.problemas

        def buscar(columna: str, indice: dict, titulo: str):
            valor = c.get(columna)
            if valor is None or not isinstance(valor, str):
                return None  # blank or not text: validar_* said so already
            encontrado = indice.get(clave_texto(valor))
            if encontrado is None:
                problemas.append(Problema(columna, f"«{valor}» no existe en el catálogo {titulo}"))
            return encontrado

        canal = buscar("canal", cat.canales, "Canales")
        tema = buscar("tema", cat.temas, "Temas")
        municipio = buscar("municipio", cat.municipios, "Municipios")

        gira = None
        clave_gira = c.get("gira")
        if canal is not None and canal.indicador == reglas.INDICADOR_GIRAS:
            if clave_gira is None:
                problemas.append(Problema("gira", f"es obligatoria para el canal {canal.nombre}"))
            elif isinstance(clave_gira, str):
                gira = cat.giras.get(clave_gira.strip().upper())
                if gira is None:
                    problemas.append(Problema("gira", f"no existe la gira «{clave_gira}»"))
        elif canal is not None and clave_gira is not None:
            problemas.append(Problema("gira", f"solo las peticiones de giras llevan gira (el canal es {canal.nombre})"))

        canalizacion = None
        destino = c.get("canalizado_a")
        if destino is not None:
            texto = clave_texto(str(destino))
            if texto in cat.areas:
                canalizacion = ("area_interna", cat.areas[texto])
            elif texto in cat.dependencias:
                canalizacion = ("dependencia", cat.dependencias[texto])
            else:
                problemas.append(Problema("canalizado_a", f"«{destino}» no es un área interna ni existe en el "
                                                          "catálogo Dependencias"))

        estatus = "recibida"
        if c.get("estatus") is not None:
            estatus = cat.estatus.get(clave_texto(str(c["estatus"])))
            if estatus is None:
                problemas.append(Problema("estatus", "no es válido; use uno de: " + ", ".join(
                    e.lower() for e in reglas.ESTATUS.values())))
        if estatus == "recibida" and canalizacion is not None:
            estatus = "canalizada"

        serie = numero = None
        if c.get("folio") is not None:
            texto = str(c["folio"])
            leido = leer_folio(cat.series, texto)
            if leido is None:
                plantillas = ", ".join(x.plantilla for x in cat.series) or "(no hay series de peticiones)"
                problemas.append(Problema("folio", f"«{texto}» no sigue la plantilla de folios ({plantillas})"))
            else:
                serie, numero, anio = leido
                if numero < 1:
                    problemas.append(Problema("folio", "el número debe ser mayor que cero"))
                elif recepcion is not None and anio is not None and anio != recepcion.year:
                    problemas.append(Problema("folio", f"su año ({anio}) no coincide con el de la fecha de "
                                                       f"recepción ({recepcion.year})"))
        if problemas:
            raise ErrorValidacion(problemas)
        return _Fila(fila_n, limpios["fecha_recepcion"], canal, tema, limpios["descripcion"], ciudadano, municipio,
                     gira, estatus, canalizacion, serie, numero, clave_nombre=reglas.clave_nombre(ciudadano))

    # --- what the database already holds -----------------------------------------------------
    @staticmethod
    def _folios_existentes(s: Session, filas: list[_Fila]) -> set[tuple]:
        """The file's folios already registered: one range scan of the unique index per series and year."""
        buscados: dict[tuple, set[int]] = {}
        for f in filas:
            buscados.setdefault((f.serie.id, f.recepcion.year), set()).add(f.numero)
        existentes = set()
        for (serie_id, anio), numeros in buscados.items():
            existentes.update((serie_id, anio, n) for n in s.scalars(select(Peticion.numero).where(
                Peticion.serie_control_id == serie_id, Peticion.anio == anio,
                Peticion.numero.between(min(numeros), max(numeros)))) if n in numeros)
        return existentes

    @staticmethod
    def _natural(f: _Fila) -> tuple:
        return f.recepcion, f.canal.id, f.tema.id, normalizar(f.descripcion)

    @staticmethod
    def _naturales_existentes(s: Session, filas: list[_Fila]) -> dict[tuple, set]:
        """Petitions received at the same instants as the rows without folio (indexed lookups):
        (reception, channel, topic, description) → their citizens, by id and by name."""
        claves: dict[tuple, set] = {}
        for condicion in en_lista(s, Peticion.fecha_recepcion, {f.recepcion for f in filas}):
            consulta = (select(Peticion.fecha_recepcion, Peticion.canal_id, Peticion.tema_id, Peticion.descripcion,
                               Peticion.ciudadano_id, Ciudadano.clave_nombre)
                        .join(Ciudadano, Ciudadano.id == Peticion.ciudadano_id).where(condicion))
            for r, ca, te, d, cid, cn in s.execute(consulta):
                claves.setdefault((r, ca, te, normalizar(d)), set()).update({cid, cn})
        return claves

    # --- the rows to write ---------------------------------------------------------------------
    @staticmethod
    def _agregar(f: _Fila, actor: Sesion, momento: dt.datetime, cal, plazos: dict, peticiones: list,
                 canalizaciones: list, auditoria: list) -> None:
        recepcion, tema = f.recepcion, f.tema
        clave_plazo = (recepcion.date(), tema.plazo_dias_habiles)
        if clave_plazo not in plazos:
            limite = cal.sumar(recepcion.date(), tema.plazo_dias_habiles)
            alerta = semaforo.fecha_alerta(recepcion.date(), limite, tema.plazo_dias_habiles, cal)
            plazos[clave_plazo] = (limite, alerta)
        limite, alerta = plazos[clave_plazo]
        anio = recepcion.year
        if f.gira is not None:
            municipio_id = f.gira.municipio_id
        else:
            municipio_id = f.municipio.id if f.municipio else f.ciudadano_municipio_id
        registro = {
            "id": nuevo_id(), "serie_control_id": f.serie.id, "anio": anio, "numero": f.numero,
            "folio": numeracion.formatear(f.serie.plantilla, f.numero, anio), "fecha_recepcion": recepcion,
            "canal_id": f.canal.id, "tema_id": tema.id, "descripcion": f.descripcion, "apoyo_solicitado": None,
            "gira_id": f.gira.id if f.gira else None, "ciudadano_id": f.ciudadano_id, "municipio_id": municipio_id,
            "registrado_por": actor.usuario_id, "estatus": f.estatus, "resultado": None,
            "motivo_anulacion": MOTIVO_ANULACION if f.estatus == "anulada" else None, "fusionada_en": None,
            "fecha_limite": limite, "fecha_alerta": alerta, "fecha_conclusion": None, "proxima_llamada": None,
            "responsable_id": None, "creado": momento, "actualizado": momento, "version": 1}
        peticiones.append(registro)
        auditoria.append(fila_auditoria(actor, momento, "peticiones", registro["id"], None, {
            "folio": registro["folio"], "fecha_recepcion": recepcion.isoformat(), "canal": f.canal.codigo,
            "tema": tema.codigo, "gira": f.gira.clave if f.gira else None, "ciudadano_id": str(f.ciudadano_id),
            "estatus": f.estatus}))
        if f.canalizacion is not None:
            tipo, destino = f.canalizacion
            canalizacion = {
                "id": nuevo_id(), "peticion_id": registro["id"], "tipo": tipo,
                "area": destino if tipo == "area_interna" else None,
                "dependencia_id": destino.id if tipo == "dependencia" else None, "fecha": recepcion,
                "nota": "Canalización según el archivo histórico", "serie_control_id": None, "anio": None,
                "numero": None, "numero_oficio": None, "registrado_por": actor.usuario_id, "creado": momento}
            canalizaciones.append(canalizacion)
            auditoria.append(fila_auditoria(actor, momento, "canalizaciones", canalizacion["id"], None, {
                "folio": registro["folio"], "tipo": tipo,
                "destino": destino if tipo == "area_interna" else destino.codigo}))


def reservar(s: Session, serie_id: uuid.UUID, anio: int, cantidad: int) -> int:
    """`cantidad` consecutive numbers of the series in one UPDATE (services.numeracion.tomar_numero
    takes one); returns the first. Same lock, same rollback: still gapless."""
    elevar_al_menos(s, serie_id, anio, 1)  # the year's counter exists
    siguiente = s.execute(update(ContadorSerie)
                          .where(ContadorSerie.serie_control_id == serie_id, ContadorSerie.anio == anio)
                          .values(siguiente=ContadorSerie.siguiente + cantidad)
                          .returning(ContadorSerie.siguiente)).scalar_one()
    return siguiente - cantidad


def importar_historia(bd: BaseDatos, actor: Sesion, peticiones: list | None, seguimientos: list | None, *,
                      simular: bool = False, progreso: Progreso | None = None
                      ) -> tuple[ResumenImportacion | None, ResumenImportacion | None]:
    """Petitions and then their follow-ups in one transaction, so that a simulation of both files
    finds the folios the first one brings, and a failure writes neither."""
    from .importar_seguimientos import COLUMNAS as COLUMNAS_SEG, OBLIGATORIAS as OBLIGATORIAS_SEG
    from .importar_seguimientos import ServicioImportarSeguimientos

    requerir(actor, Accion.IMPORTAR_PETICIONES)
    peticiones, seguimientos = list(peticiones or []), list(seguimientos or [])
    problemas = []
    mapas = []
    for filas, columnas, obligatorias, titulo in ((peticiones, COLUMNAS, OBLIGATORIAS, "peticiones"),
                                                  (seguimientos, COLUMNAS_SEG, OBLIGATORIAS_SEG, "seguimientos")):
        try:
            mapas.append(mapa_columnas(filas, columnas, obligatorias))
        except ErrorValidacion as e:
            problemas += [Problema(f"{titulo}.{p.campo}", p.mensaje) for p in e.problemas]
            mapas.append({})
    if problemas:
        raise ErrorValidacion(problemas)
    total = 2 * (len(peticiones) + len(seguimientos)) or 1

    def parte(desde: int):
        return (lambda hechos, _total: progreso(desde + hechos, total)) if progreso else None

    with bd.escritura(actor, accion="importar") as s:
        r_pet = ServicioImportarPeticiones(bd).cargar(s, actor, peticiones, mapas[0], progreso=parte(0)) \
            if peticiones else None
        r_seg = ServicioImportarSeguimientos(bd).cargar(s, actor, seguimientos, mapas[1],
                                                        progreso=parte(2 * len(peticiones))) if seguimientos else None
        if simular:
            s.rollback()
    return r_pet, r_seg
