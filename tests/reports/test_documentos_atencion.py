"""The papers of Atención Ciudadana read as the citizen, the agency and the supervisor would read
them: by their text (PDF) and by their cells (XLSX)."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import uuid
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import sesion_con_rol
from oee_desk.domain.roles import Rol
from oee_desk.domain.semaforo import Estado, Oportunidad, Semaforo
from oee_desk.reports import documentos_atencion as docs
from oee_desk.services.giras import DatosGira, ServicioGiras
from oee_desk.services.lista_peticiones import FiltroPeticiones, FilaPeticion, ServicioListaPeticiones
from oee_desk.services.peticiones import ServicioPeticiones

HIPERVINCULO = '=HYPERLINK("http://ejemplo.invalid","clic")'


def texto_pdf(ruta) -> str:
    """All pages' text with line breaks folded: a phrase may wrap anywhere in a paragraph."""
    return " ".join(" ".join(pagina.extract_text() for pagina in PdfReader(ruta).pages).split())


def guardar_para_revision(ruta, nombre: str) -> None:
    """OEE_DOCS_REVISION=carpeta keeps a copy of each document to look at."""
    carpeta = os.environ.get("OEE_DOCS_REVISION")
    if carpeta:
        os.makedirs(carpeta, exist_ok=True)
        shutil.copy(ruta, os.path.join(carpeta, nombre))


@pytest.fixture
def peticion_de_gira(bd):
    """A petition received on a gira, canalized to SIDUR when registered, read back as the operator sees it."""
    atencion = sesion_con_rol(bd, Rol.ATENCION)
    gira = ServicioGiras(bd).registrar(atencion, {"fecha": "2022-05-13", "municipio": "26030",
                                                  "localidad": "Bahía de Kino", "evento": HIPERVINCULO})
    peticiones = ServicioPeticiones(bd)
    registrada = peticiones.registrar(atencion, {
        "fecha_recepcion": "2022-05-13T11:40:00", "canal": "gira", "gira": gira.clave,
        "ciudadano": {"nombre": "José María", "primer_apellido": "Valenzuela", "segundo_apellido": "Yocupicio",
                      "telefono": "(662) 123-45-67", "municipio": "26030", "localidad": "Bahía de Kino",
                      "acepta_aviso_privacidad": True},
        "tema": "vivienda", "apoyo_solicitado": "Láminas y cemento",
        "descripcion": "Solicita apoyo para reparar el techo de su vivienda <b>& la barda</b>, dañados por "
                       "las lluvias de la temporada.",
        "canalizacion": {"tipo": "dependencia", "destino": "SIDUR", "nota": "Familia con adultos mayores"}})
    peticiones.registrar(atencion, {
        "fecha_recepcion": "2022-05-13T12:05:00", "canal": "gira", "gira": gira.clave, "tema": "salud",
        "ciudadano": {"nombre": "+SUM(1,2)", "primer_apellido": "Ñúñez", "telefono": "6629876543"},
        "descripcion": "Consulta de especialidad"})
    return atencion, gira.clave, peticiones.obtener(atencion, registrada.folio)


def test_acuse_de_peticion(peticion_de_gira, tmp_path):
    atencion, clave, peticion = peticion_de_gira
    ruta = tmp_path / "acuse.pdf"
    docs.escribir_acuse_peticion(peticion, str(ruta))
    guardar_para_revision(ruta, "acuse_peticion.pdf")
    assert len(PdfReader(ruta).pages) == 1
    texto = texto_pdf(ruta)
    # 2022-05-13 + 15 business days (vivienda): 3 June.
    for esperado in ("Acuse de recepción de petición", peticion.folio, "13 de mayo de 2022, 11:40 h",
                     f"Giras Gobernador (gira {clave})", "Vivienda", "José María Valenzuela Yocupicio",
                     "<b>& la barda</b>", "Láminas y cemento",
                     "Secretaría de Infraestructura y Desarrollo Urbano (oficio OEE/CEAC/0001/2022)",
                     "3 de junio de 2022", "Conserve este folio para dar seguimiento a su petición",
                     "versión 2024-01", "Recibió prueba_atencion", "Coordinación Ejecutiva de Atención Ciudadana",
                     "Página 1"):
        assert esperado in texto, esperado


def test_acuse_sin_canalizar_con_descripcion_larga_cabe_en_una_pagina(peticion_de_gira, tmp_path):
    _, _, peticion = peticion_de_gira
    ciudadano = replace(peticion.ciudadano, acepta_aviso_privacidad=False, version_aviso=None,
                        nombre="J*** M***", primer_apellido="V***", segundo_apellido=None, enmascarado=True)
    larga = replace(peticion, ciudadano=ciudadano, canalizaciones=[], descripcion="palabra " * 600,
                    apoyo_solicitado="apoyo " * 600)
    ruta = tmp_path / "acuse_largo.pdf"
    docs.escribir_acuse_peticion(larga, str(ruta))
    assert len(PdfReader(ruta).pages) == 1
    texto = texto_pdf(ruta)
    assert "J*** M*** V***" in texto and "Pendiente de canalizar" in texto and "palabra…" in texto
    assert "No se registró su aceptación del aviso" in texto
    # The longest of everything validation allows, canalized six times, annulled: still one page.
    enorme = replace(larga, ciudadano=replace(ciudadano, nombre="Guadalupe " * 12, primer_apellido="Ñ" * 120,
                                              segundo_apellido="Álvarez " * 15, localidad="Ejido " * 33),
                     canalizaciones=[replace(peticion.canalizaciones[0], destino_nombre="Organización civil " * 10)] * 6,
                     estatus="anulada", motivo_anulacion="Duplicada " * 100)
    docs.escribir_acuse_peticion(enorme, str(ruta))
    assert len(PdfReader(ruta).pages) == 1
    texto = texto_pdf(ruta)
    assert "y 2 más" in texto and "ANULADA: Duplicada" in texto and enorme.folio in texto


def test_oficio_de_canalizacion(peticion_de_gira, tmp_path):
    _, _, peticion = peticion_de_gira
    canalizacion = peticion.canalizaciones[0]
    ruta = tmp_path / "oficio.pdf"
    docs.escribir_oficio_canalizacion(peticion, canalizacion, str(ruta))
    guardar_para_revision(ruta, "oficio_canalizacion.pdf")
    assert len(PdfReader(ruta).pages) == 1
    texto = texto_pdf(ruta)
    for esperado in ("Oficio núm. OEE/CEAC/0001/2022", "Hermosillo, Sonora, a 13 de mayo de 2022",
                     "SECRETARÍA DE INFRAESTRUCTURA Y DESARROLLO URBANO PRESENTE", peticion.folio,
                     "José María Valenzuela Yocupicio", "Bahía de Kino, municipio de Hermosillo", "662 123 4567",
                     "tema Vivienda", "<b>& la barda</b>", "Observaciones: Familia con adultos mayores",
                     "a más tardar el 3 de junio de 2022", "ATENTAMENTE", "Coordinación Ejecutiva de Atención Ciudadana",
                     "c.c.p."):
        assert esperado in texto, esperado


def test_oficio_fecha_en_espanol_de_cada_mes(peticion_de_gira, tmp_path):
    _, _, peticion = peticion_de_gira
    canalizacion = replace(peticion.canalizaciones[0], fecha=dt.datetime(2023, 12, 1, 9, 0), numero_oficio=None)
    docs.escribir_oficio_canalizacion(peticion, canalizacion, str(tmp_path / "o.pdf"))
    texto = texto_pdf(tmp_path / "o.pdf")
    assert "Hermosillo, Sonora, a 1 de diciembre de 2023" in texto and "Oficio núm. S/N" in texto


def test_reporte_de_gira_pdf_y_excel_desde_los_servicios(peticion_de_gira, bd, tmp_path):
    atencion, clave, peticion = peticion_de_gira
    gira = ServicioGiras(bd).obtener(atencion, clave)
    filas = ServicioListaPeticiones(bd).pagina(atencion, FiltroPeticiones(gira=clave, descendente=False),
                                               hoy=dt.date(2022, 5, 16))
    ruta = tmp_path / "gira.pdf"
    docs.escribir_reporte_gira(gira, filas, str(ruta), generado_por="Usuaria Atención")
    guardar_para_revision(ruta, "reporte_gira.pdf")
    texto = texto_pdf(ruta)
    for esperado in (f"Reporte de la gira {clave}", "13 de mayo de 2022", "Hermosillo (26030)", "Bahía de Kino",
                     HIPERVINCULO, "Peticiones por tema", "Salud 1 50.0", "Vivienda 1 50.0", "Total 2 100.0",
                     peticion.folio, "José María Valenzuela Yocupicio", "+SUM(1,2) Ñúñez", "Canalizada",
                     "Generado por Usuaria Atención", "Página 1"):
        assert esperado in texto, esperado

    docs.escribir_reporte_gira_xlsx(gira, filas, str(tmp_path / "gira.xlsx"))
    libro = load_workbook(tmp_path / "gira.xlsx")
    resumen = libro["Resumen"]
    assert resumen["B4"].value == clave and resumen["B5"].value == dt.datetime(2022, 5, 13)
    assert resumen["B8"].value == HIPERVINCULO and resumen["B8"].data_type == "s"  # text, never a formula
    assert [[resumen.cell(f, c).value for c in (1, 2)] for f in range(10, 14)] == [
        ["Tema", "Peticiones"], ["Salud", 1], ["Vivienda", 1], ["Total", "=SUM(B11:B12)"]]
    lista = libro["Peticiones"]
    assert lista.freeze_panes == "B2" and lista["A1"].font.bold
    assert [c.value for c in lista[1]][:3] == ["Folio", "Fecha de recepción", "Ciudadano"]
    assert lista["A2"].value == peticion.folio and lista["C2"].value == "José María Valenzuela Yocupicio"
    assert lista["B2"].value == dt.datetime(2022, 5, 13, 11, 40) and lista["I2"].value == dt.datetime(2022, 6, 3)
    assert lista["C3"].value == "+SUM(1,2) Ñúñez" and lista["C3"].data_type == "s"
    assert lista.max_row == 3 and lista.column_dimensions["C"].width == 36


def _fila(n: int, ciudadano: str) -> FilaPeticion:
    oportunidad = [Oportunidad.EN_TIEMPO, Oportunidad.POR_VENCER, Oportunidad.VENCIDO][n % 3]
    return FilaPeticion(uuid.uuid4(), f"AC-2022-{n:06d}", dt.datetime(2022, 5, 13, 9, 0) + dt.timedelta(minutes=n),
                        "Giras Gobernador", ["Vivienda", "Programas sociales", "Infraestructura urbana"][n % 3],
                        ciudadano, "6621234567", "Cajeme", ["recibida", "canalizada", "concluida", "anulada"][n % 4],
                        dt.date(2022, 6, 3), "campo1", "GIRA-2022-007",
                        None if n % 4 == 3 else Semaforo(Estado.EN_PROCESO, oportunidad, 5 - n % 10))


def test_reporte_de_gira_con_3000_peticiones(tmp_path):
    gira = DatosGira(uuid.uuid4(), "GIRA-2022-007", dt.date(2022, 5, 14), "26018", "Cajeme", "Ciudad Obregón",
                     "Audiencia pública con el C. Gobernador en la Plaza Álvaro Obregón", 3000,
                     (("Vivienda", 1000), ("Programas sociales", 1000), ("Infraestructura urbana", 1000)))
    nombres = ["María Guadalupe Ñeco Álvarez", "Jesús Íñiguez", HIPERVINCULO,
               "Ana Cristina de los Ángeles Bustamante Sotomayor Villaescusa Encinas"]  # too long: cut with «…»
    filas = [_fila(n, nombres[n % 4]) for n in range(1, 3001)]
    ruta = tmp_path / "gira_3000.pdf"
    docs.escribir_reporte_gira(gira, filas, str(ruta))  # its speed is measured in bench/, not here
    guardar_para_revision(ruta, "reporte_gira_3000.pdf")
    paginas = [pagina.extract_text() for pagina in PdfReader(ruta).pages]
    assert len(paginas) > 30
    folios = [f for pagina in paginas for f in re.findall(r"AC-2022-\d{6}", pagina)]
    assert folios == [f.folio for f in filas]  # every row once, in order, none lost at a page break
    assert all("Folio" in pagina and "Semáforo" in pagina for pagina in paginas[1:])  # the header on every page
    texto = " ".join(" ".join(paginas).split())
    assert "Total 3000 100.0" in texto and "Peticiones recibidas (3000)" in texto
    # A name too long for its column is cut with «…», not clipped or spilled into the next one.
    assert re.search(r"Ana Cristina de los Ángeles Bustamante Sotomayor ?\w*… (Vivienda|Programas|Infra)", texto)
    assert "Villaescusa Encinas" not in texto
    assert f"Página {len(paginas)}" in texto

    docs.escribir_reporte_gira_xlsx(gira, filas, str(tmp_path / "gira_3000.xlsx"))
    lista = load_workbook(tmp_path / "gira_3000.xlsx")["Peticiones"]
    assert lista.max_row == 3001 and lista["A3001"].value == "AC-2022-003000"
    assert lista["C3"].value == HIPERVINCULO and lista["C3"].data_type == "s"
    assert lista["H4"].value == "Anulada" and lista["J4"].value == "—"


def test_reporte_de_gira_sin_peticiones(tmp_path):
    gira = DatosGira(uuid.uuid4(), "GIRA-2022-008", dt.date(2022, 5, 20), "26055", "San Luis Río Colorado", None,
                     "Inauguración")
    docs.escribir_reporte_gira(gira, [], str(tmp_path / "vacia.pdf"))
    texto = texto_pdf(tmp_path / "vacia.pdf")
    assert "No se registraron peticiones en esta gira." in texto and "Localidad —" in texto
    docs.escribir_reporte_gira_xlsx(gira, [], str(tmp_path / "vacia.xlsx"))
    resumen = load_workbook(tmp_path / "vacia.xlsx")["Resumen"]
    assert resumen["A11"].value == "Total" and resumen["B11"].value == 0
