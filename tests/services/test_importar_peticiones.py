"""`importar peticiones`: Atención Ciudadana history from .csv and .xlsx, idempotent by folio, bad
rows listed with their row and column, counters raised, citizens matched, audit without personal
data, simulation writes nothing; and the CLI's exit codes."""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from conftest import CONTRASENA, sesion_con_rol
from oee_desk.db.modelos import Auditoria
from oee_desk.db.modelos_atencion import Canalizacion, Ciudadano, Peticion, Seguimiento
from oee_desk.db.modelos_correspondencia import ContadorSerie
from oee_desk.domain.errores import ErrorValidacion, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services.archivos import leer_filas
from oee_desk.services.giras import ServicioGiras
from oee_desk.services.importar_peticiones import COLUMNAS, ServicioImportarPeticiones
from oee_desk.services.peticiones import ServicioPeticiones

HIPERVINCULO = '=HYPERLINK("http://x","y")'
GIRA = "GIRA-2022-001"  # the first tour registered in 2022 (fixture `gira`)


def fila(**valores) -> dict:
    base = {c: "" for c in COLUMNAS}
    base.update({"fecha_recepcion": "2022-03-04T10:00", "canal": "call_center", "nombre": "Luis",
                 "primer_apellido": "Soto", "telefono": "6621112233", "tema": "vivienda",
                 "descripcion": "Solicita apoyo para techo"})
    base.update(valores)
    return base


FILAS = [
    fila(folio="AC-2022-000500", fecha_recepcion="2022-03-01T10:15", nombre="José María", primer_apellido="Valenzuela",
         segundo_apellido="Yocupicio", telefono="662 123 45 67", municipio="26030", localidad="Hermosillo",
         descripcion=HIPERVINCULO, canalizado_a="SIDUR"),
    # The same caller, typed without accents: matched by phone and name, not duplicated.
    fila(fecha_recepcion="02/03/2022 09:30", canal="Call Center", nombre="jose maria", primer_apellido="VALENZUELA",
         segundo_apellido="yocupicio", telefono="6621234567", municipio="Hermosillo", tema="Salud",
         descripcion="Medicinas para su madre", canalizado_a="Asesoría Jurídica", estatus="Concluida"),
    fila(fecha_recepcion="2022-03-03", canal="gira", nombre="Ana", primer_apellido="Ruiz", telefono="6449876543",
         correo="ana@example.com", municipio="Cajeme", tema="otros", descripcion="Pide audiencia", gira=GIRA.lower()),
    fila(folio="AC-2021-000007", nombre="Año", primer_apellido="Equivocado"),
    fila(canal="fax", curp="XYZ"),
    fila(fecha_recepcion="2099-01-01"),
    fila(canal="Giras Gobernador"),
    fila(telefono="66-ABC-12"),
    fila(estatus="archivada", canalizado_a="Secretaría de Nada"),
]
ERRORES = [(5, "folio"), (6, "canal"), (6, "curp"), (7, "fecha_recepcion"), (8, "gira"), (9, "telefono"),
           (10, "canalizado_a"), (10, "estatus")]


def escribir(tmp_path, filas: list[dict], formato: str = "csv", nombre: str = "peticiones",
             columnas: list[str] | None = None):
    columnas = columnas or list(filas[0])
    ruta = tmp_path / f"{nombre}.{formato}"
    if formato == "csv":
        with ruta.open("w", encoding="utf-8", newline="") as f:
            escritor = csv.DictWriter(f, columnas)
            escritor.writeheader()
            escritor.writerows(filas)
    else:
        libro = Workbook()
        hoja = libro.active
        hoja.append(columnas)
        for n, datos in enumerate(filas, start=2):
            for m, columna in enumerate(columnas, start=1):
                celda = hoja.cell(row=n, column=m)
                celda.value = datos.get(columna) or None
                if isinstance(celda.value, str) and celda.value.startswith("="):
                    celda.data_type = "s"  # text that looks like a formula, as a person typed it
        libro.save(ruta)
    return ruta


def cuentas(bd) -> dict:
    with bd.lectura() as s:
        cuenta = {t.__tablename__: s.scalar(select(func.count()).select_from(t))
                  for t in (Peticion, Ciudadano, Canalizacion, Seguimiento, Auditoria)}
        cuenta["contadores"] = sorted(s.execute(select(ContadorSerie.anio, ContadorSerie.siguiente)).all())
        return cuenta


@pytest.fixture
def supervisor(bd):
    return sesion_con_rol(bd, Rol.SUPERVISOR)


@pytest.fixture
def gira(bd, supervisor):
    return ServicioGiras(bd).registrar(supervisor, {"fecha": "2022-03-03", "municipio": "Cajeme",
                                                    "evento": "Audiencia pública en Ciudad Obregón"})


def _errores(resumen) -> list[tuple]:
    return sorted((e["fila"], e["columna"]) for e in resumen.errores)


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_carga_lo_bueno_lista_lo_malo_y_no_duplica(bd, supervisor, gira, tmp_path, formato):
    assert gira.clave == GIRA
    servicio = ServicioImportarPeticiones(bd)
    antes = cuentas(bd)
    resumen = servicio.importar(supervisor, leer_filas(escribir(tmp_path, FILAS, formato)))
    assert (resumen.leidas, resumen.cargadas, resumen.ya_existian, resumen.omitidas) == (9, 3, 0, 6)
    assert _errores(resumen) == ERRORES
    assert all(e["motivo"] for e in resumen.errores)
    despues = cuentas(bd)
    assert despues["peticiones"] - antes["peticiones"] == 3
    assert despues["ciudadanos"] - antes["ciudadanos"] == 2  # José María came twice
    assert despues["canalizaciones"] - antes["canalizaciones"] == 2

    peticiones = ServicioPeticiones(bd)
    primera = peticiones.obtener(supervisor, "AC-2022-000500")
    assert primera.descripcion == HIPERVINCULO  # stored literally
    assert primera.estatus == "canalizada" and primera.fecha_recepcion == dt.datetime(2022, 3, 1, 10, 15)
    assert primera.ciudadano.telefono == "6621234567" and primera.ciudadano.municipio == "26030"
    assert [(c.tipo, c.destino, c.numero_oficio) for c in primera.canalizaciones] == [("dependencia", "SIDUR", None)]
    # Rows without folio take the next numbers, in date order, after the file's own folios.
    segunda = peticiones.obtener(supervisor, "AC-2022-000501")
    assert segunda.descripcion == "Medicinas para su madre" and segunda.estatus == "concluida"
    assert segunda.fecha_recepcion == dt.datetime(2022, 3, 2, 9, 30)
    assert segunda.ciudadano.id == primera.ciudadano.id
    assert [(c.tipo, c.destino) for c in segunda.canalizaciones] == [("area_interna", "asesoria_juridica")]
    tercera = peticiones.obtener(supervisor, "AC-2022-000502")
    assert (tercera.gira, tercera.estatus, tercera.canal) == (GIRA, "recibida", "gira")
    assert tercera.fecha_limite > dt.date(2022, 3, 3)

    # Each written row has its audit row; the citizen's carries no personal data.
    with bd.lectura() as s:
        filas = s.execute(select(Auditoria.tabla, Auditoria.despues).where(Auditoria.accion == "importar")).all()
    assert sorted(t for t, _ in filas) == ["canalizaciones"] * 2 + ["ciudadanos"] * 2 + ["peticiones"] * 3
    texto = json.dumps([d for _, d in filas], ensure_ascii=False)
    for dato in ("Valenzuela", "VALENZUELA", "6621234567", "6449876543", "ana@example.com", "Ruiz"):
        assert dato not in texto
    assert [d["nombre"] for t, d in filas if t == "ciudadanos"] == ["***", "***"]

    # Loading the same file again adds nothing: by folio, and by content for rows without one.
    otra_vez = servicio.importar(supervisor, leer_filas(escribir(tmp_path, FILAS, formato)))
    assert (otra_vez.cargadas, otra_vez.ya_existian, otra_vez.omitidas) == (0, 3, 6)
    assert cuentas(bd) == despues


def test_el_contador_queda_por_encima_de_lo_importado(bd, supervisor, tmp_path):
    resumen = ServicioImportarPeticiones(bd).importar(supervisor, leer_filas(escribir(tmp_path, [
        fila(folio="AC-2022-000500", fecha_recepcion="2022-06-01T09:00"),
        fila(folio="ac-2022-17", fecha_recepcion="2022-01-10T09:00", descripcion="Otra")])))
    assert resumen.cargadas == 2 and resumen.errores == []
    atencion = sesion_con_rol(bd, Rol.ATENCION)
    nueva = ServicioPeticiones(bd).registrar(atencion, {
        "fecha_recepcion": "2022-07-01T10:00", "canal": "call_center", "tema": "vivienda",
        "descripcion": "Registrada después de la importación",
        "ciudadano": {"nombre": "Rosa", "primer_apellido": "Ochoa", "telefono": "6625550000"}})
    assert nueva.folio == "AC-2022-000501"
    assert ServicioPeticiones(bd).obtener(supervisor, "AC-2022-000017").descripcion == "Otra"


def test_repite_folio_en_el_archivo(bd, supervisor, tmp_path):
    resumen = ServicioImportarPeticiones(bd).importar(supervisor, [
        fila(folio="AC-2022-000009"), fila(folio="AC-2022-9", descripcion="Otra cosa")])
    assert resumen.cargadas == 1
    assert resumen.errores == [{"fila": 3, "columna": "folio", "motivo": "repite el folio de la fila 2"}]


def test_simular_no_escribe_nada(bd, supervisor, gira, tmp_path):
    antes = cuentas(bd)
    resumen = ServicioImportarPeticiones(bd).importar(supervisor, leer_filas(escribir(tmp_path, FILAS)), simular=True)
    assert (resumen.cargadas, resumen.omitidas) == (3, 6) and _errores(resumen) == ERRORES
    assert cuentas(bd) == antes
    # the same file for real then does what the simulation said
    assert ServicioImportarPeticiones(bd).importar(supervisor, leer_filas(escribir(tmp_path, FILAS))).cargadas == 3


def test_columnas_equivocadas_rechazan_el_archivo(bd, supervisor, tmp_path):
    antes = cuentas(bd)
    columnas = [c for c in COLUMNAS if c != "descripcion"] + ["telefono_celular"]
    filas = [{**{c: v for c, v in fila().items() if c != "descripcion"}, "telefono_celular": "6620000000"}]
    with pytest.raises(ErrorValidacion) as e:
        ServicioImportarPeticiones(bd).importar(supervisor, leer_filas(escribir(tmp_path, filas, columnas=columnas)))
    mensajes = {p.campo: [] for p in e.value.problemas}
    for p in e.value.problemas:
        mensajes[p.campo].append(p.mensaje)
    assert list(mensajes) == ["columnas"]
    assert any("descripcion" in m and "faltan" in m for m in mensajes["columnas"])
    assert any("telefono_celular" in m for m in mensajes["columnas"])
    # Headers as people write them are fine: accents, capitals, spaces.
    bonitas = {"Folio": "", "Fecha Recepción": "2022-03-04 10:00", "CANAL": "Call Center", "Nombre": "Luis",
               "Teléfono": "6621112233", "Tema": "Vivienda", "Descripción": "Techo"}
    assert ServicioImportarPeticiones(bd).importar(supervisor, [bonitas]).cargadas == 1
    assert cuentas(bd)["peticiones"] == antes["peticiones"] + 1


@pytest.mark.parametrize("rol", [Rol.ATENCION, Rol.RECEPCION, Rol.CAMPO])
def test_solo_supervision_y_administracion_importan(bd, rol):
    with pytest.raises(PermisoDenegado):
        ServicioImportarPeticiones(bd).importar(sesion_con_rol(bd, rol), [fila()])


def test_administracion_importa(bd, admin):
    assert ServicioImportarPeticiones(bd).importar(admin, [fila()]).cargadas == 1


def test_diez_mil_filas_malas_cada_una_con_su_fila_y_columna(bd, supervisor):
    filas = [fila(canal="fax", descripcion=f"Mala {i}") for i in range(10_000)] + [fila(descripcion="La buena")]
    antes = cuentas(bd)
    resumen = ServicioImportarPeticiones(bd).importar(supervisor, filas)
    assert (resumen.leidas, resumen.cargadas, resumen.omitidas) == (10_001, 1, 10_000)
    assert [(e["fila"], e["columna"]) for e in resumen.errores] == [(n, "canal") for n in range(2, 10_002)]
    assert resumen.errores[0]["motivo"] == "«fax» no existe en el catálogo Canales"
    assert cuentas(bd)["peticiones"] == antes["peticiones"] + 1


def test_excel_con_celdas_combinadas_fechas_de_celda_formulas_y_fechas_como_texto(bd, supervisor, tmp_path):
    libro = Workbook()
    hoja = libro.active
    hoja.append(COLUMNAS)
    valores = [
        # a real date cell and a phone the spreadsheet turned into a number
        dict(fecha_recepcion=dt.datetime(2022, 5, 2, 9, 30), telefono=6621234567, descripcion="Con fecha de celda"),
        # «canal» merged with the row below: only the first row has it
        dict(fecha_recepcion=dt.datetime(2022, 5, 3, 9, 30), descripcion="Combinada arriba"),
        dict(fecha_recepcion=dt.datetime(2022, 5, 4, 9, 30), canal=None, descripcion="Combinada abajo"),
        # a formula saved without its computed value
        dict(fecha_recepcion=dt.date(2022, 5, 5), descripcion="=CONCAT(A1,B1)"),
        # a date typed as prose
        dict(fecha_recepcion="2 de mayo de 2022", descripcion="Fecha en palabras"),
        # a date number in a text cell
        dict(fecha_recepcion="44683", descripcion="Número de serie"),
        # a day-first date typed as text
        dict(fecha_recepcion="06/05/2022", descripcion="Día primero"),
    ]
    for n, v in enumerate(valores, start=2):
        datos = {**fila(), **v}
        for m, columna in enumerate(COLUMNAS, start=1):
            hoja.cell(row=n, column=m).value = datos[columna] if datos[columna] != "" else None
    hoja.merge_cells(start_row=3, start_column=COLUMNAS.index("canal") + 1,
                     end_row=4, end_column=COLUMNAS.index("canal") + 1)
    ruta = tmp_path / "historia.xlsx"
    libro.save(ruta)

    resumen = ServicioImportarPeticiones(bd).importar(supervisor, leer_filas(ruta))
    assert _errores(resumen) == [(4, "canal"), (5, "descripcion"), (6, "fecha_recepcion"), (7, "fecha_recepcion")]
    motivos = {e["fila"]: e["motivo"] for e in resumen.errores}
    assert "AAAA-MM-DD" in motivos[6] and "número" in motivos[7]
    assert resumen.cargadas == 3
    with bd.lectura() as s:
        cargadas = dict(s.execute(select(Peticion.descripcion, Peticion.fecha_recepcion)).all())
        telefonos = set(s.scalars(select(Ciudadano.telefono)))
    assert cargadas == {"Con fecha de celda": dt.datetime(2022, 5, 2, 9, 30),
                        "Combinada arriba": dt.datetime(2022, 5, 3, 9, 30),
                        "Día primero": dt.datetime(2022, 5, 6)}
    assert "6621234567" in telefonos


def test_progreso_avanza_hasta_el_total(bd, supervisor):
    avances = []
    ServicioImportarPeticiones(bd).importar(supervisor, [fila(descripcion=f"P{i}") for i in range(1500)],
                                            progreso=lambda hechos, total: avances.append((hechos, total)))
    assert avances and avances[-1][0] == avances[-1][1]
    assert [h for h, _ in avances] == sorted(h for h, _ in avances)


# --- the command line ---------------------------------------------------------------------------
def oee(url: str, *argumentos: str) -> subprocess.Popen:
    entorno = {**os.environ, "OEE_DESK_DB_URL": url, "OEE_DESK_USUARIO": "prueba_supervisor",
               "OEE_DESK_PASSWORD": CONTRASENA, "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([sys.executable, "-m", "oee_desk", *argumentos], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=entorno, text=True, encoding="utf-8")


def terminar(proceso: subprocess.Popen) -> tuple[int, str, str]:
    salida, error = proceso.communicate(timeout=120)
    return proceso.returncode, salida, error


def test_cli_codigos_de_salida(bd_sqlite, tmp_path):
    bd = bd_sqlite
    sesion_con_rol(bd, Rol.SUPERVISOR)
    url = bd.url.render_as_string(hide_password=False)
    buenas = escribir(tmp_path, [fila(folio="AC-2022-000010"), fila(canal="fax")], nombre="buenas")
    columnas = [c for c in COLUMNAS if c != "tema"]
    malas_columnas = escribir(tmp_path, [{c: v for c, v in fila().items() if c != "tema"}], "xlsx", "columnas",
                              columnas)
    todas_malas = escribir(tmp_path, [fila(canal="fax"), fila(tema="astrología")], nombre="todas_malas")
    simulada = escribir(tmp_path, [fila(folio="AC-2022-000020")], "xlsx", "simulada")
    antes = cuentas(bd)
    procesos = [oee(url, "--salida", "json", "importar", "peticiones", str(buenas)),
                oee(url, "importar", "peticiones", str(malas_columnas)),
                oee(url, "importar", "peticiones", str(todas_malas)),
                oee(url, "importar", "peticiones", str(simulada), "--simular")]
    (c1, s1, e1), (c2, s2, e2), (c3, s3, e3), (c4, s4, e4) = [terminar(p) for p in procesos]
    assert c1 == 0, e1
    assert json.loads(s1) == {"leidas": 2, "cargadas": 1, "omitidas": 1, "ya_existian": 0, "errores": [
        {"fila": 3, "columna": "canal", "motivo": "«fax» no existe en el catálogo Canales"}]}
    assert "fila 3, columna canal" in e1
    assert c2 == 1 and "columnas" in e2 and "tema" in e2 and s2 == ""
    assert c3 == 1 and "fila 2, columna canal" in e3 and "fila 3, columna tema" in e3
    assert c4 == 0 and "simulación" in s4 and "cargadas 1" in s4
    despues = cuentas(bd)
    assert despues["peticiones"] == antes["peticiones"] + 1
    with bd.lectura() as s:
        assert set(s.scalars(select(Peticion.folio))) == {"AC-2022-000010"}
