"""The supervisor's other reports as documents, from known service results: the PDF's text says the
figures (pypdf), and the workbook read back (openpyxl) holds the values, and totals that are live
formulas over the right cells."""
from __future__ import annotations

import datetime as dt
import statistics
import uuid

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ayuda_membrete import paginas_con_membrete
from oee_desk.reports import reportes_atencion as documentos
from oee_desk.services.giras import DatosGira
from oee_desk.services.reportes_atencion import (
    CanalPorCorte, Conteo, Corte, FilaGira, ReporteGiras, ReportePeticiones, ReporteTiempos, Respuesta,
    TiemposDependencia,
)

GENERADO = dt.datetime(2022, 5, 2, 9, 30)
QUIEN = "Jorge Luis Acosta Romero"


def reporte_peticiones() -> ReportePeticiones:
    return ReportePeticiones(
        dt.date(2022, 3, 1), dt.date(2022, 4, 30), GENERADO, QUIEN, 8,
        (Conteo("salud", "Salud", 4), Conteo("empleo", "Empleo", 2), Conteo("vivienda", "Vivienda", 2)),
        (Conteo("26018", "Cajeme", 4), Conteo("26030", "Hermosillo", 3), Conteo(None, "Sin municipio", 1)),
        (Conteo("call_center", "Call Center", 3), Conteo("chat_sonora", "Chat Sonora", 2),
         Conteo("gira", "Giras Gobernador", 2), Conteo("correspondencia", "Correspondencia", 1)),
        (Corte(2022, 3), Corte(2022, 4)),
        (CanalPorCorte("call_center", "Call Center", (3, 0)), CanalPorCorte("chat_sonora", "Chat Sonora", (0, 2)),
         CanalPorCorte("gira", "Giras Gobernador", (2, 0)),
         CanalPorCorte("correspondencia", "Correspondencia", (0, 1))))


def _respuestas(codigo: str, dias: list[int]) -> tuple[Respuesta, ...]:
    turnado = dt.date(2022, 3, 1)
    return tuple(Respuesta(f"03.01-{codigo}{i}/22", turnado, turnado + dt.timedelta(days=d), d)
                 for i, d in enumerate(sorted(dias), start=1))


def reporte_tiempos() -> ReporteTiempos:
    return ReporteTiempos(dt.date(2022, 3, 1), dt.date(2022, 3, 31), GENERADO, QUIEN, (
        TiemposDependencia("SEGOB", "Secretaría de Gobierno", 3, 3, 0, _respuestas("G", [0, 6])),
        TiemposDependencia("SSP", "Secretaría de Seguridad Pública", 7, 5, 2, _respuestas("S", [1, 2, 3, 4, 10])),
        TiemposDependencia("SIDUR", "Secretaría de Infraestructura y Desarrollo Urbano", 2, 0, 2, ())))


def _gira(clave: str, fecha: dt.date, municipio: str, evento: str, peticiones: int) -> DatosGira:
    return DatosGira(uuid.uuid4(), clave, fecha, "26018", municipio, "Centro", evento, peticiones)


def reporte_giras() -> ReporteGiras:
    return ReporteGiras(dt.date(2022, 5, 1), dt.date(2022, 6, 30), GENERADO, QUIEN, (
        FilaGira(_gira("GIRA-2022-001", dt.date(2022, 5, 10), "Cajeme", "Entrega de apoyos de vivienda", 3), 2, 1),
        FilaGira(_gira("GIRA-2022-003", dt.date(2022, 6, 1), "Álamos", "Inauguración del centro de salud", 1), 0, 1),
        FilaGira(_gira("GIRA-2022-002", dt.date(2022, 6, 20), "Hermosillo", "Reunión con productores", 0), 0, 0)))


def texto_pdf(ruta) -> str:
    lector = PdfReader(str(ruta))
    return "\n".join(pagina.extract_text() for pagina in lector.pages)


def celdas(texto: str) -> list[str]:
    """The PDF's text as pypdf reads it: one table cell (or one line of a paragraph) per line."""
    return [" ".join(linea.split()) for linea in texto.splitlines()]


def tiene_fila(lista: list[str], *fila: str) -> bool:
    """Whether the cells of one table row are read one after the other."""
    return any(lista[i:i + len(fila)] == list(fila) for i in range(len(lista)))


# --- PDF -------------------------------------------------------------------------------------------
def test_pdf_de_peticiones(tmp_path):
    ruta = tmp_path / "peticiones.pdf"
    documentos.escribir(reporte_peticiones(), ruta, "pdf")
    lector = PdfReader(str(ruta))
    assert len(lector.pages) == 1
    assert lector.pages[0].mediabox.width > lector.pages[0].mediabox.height  # landscape
    texto = texto_pdf(ruta)
    lista = celdas(texto)
    assert "Peticiones por tema, municipio y canal del 01/03/2022 al 30/04/2022" in lista
    # The letterhead is the image of resources/ (its text is in the picture); the unit is written under it.
    assert paginas_con_membrete(ruta) == [True] and "Coordinación Ejecutiva de Atención Ciudadana" in texto
    assert f"Generado por {QUIEN} el 02/05/2022 a las 09:30" in texto and "Página 1" in texto
    assert "Peticiones recibidas en el periodo: 8." in lista
    for fila in (("Salud", "4", "50.0 %"), ("Empleo", "2", "25.0 %"), ("Vivienda", "2", "25.0 %"),
                 ("Cajeme (26018)", "4", "50.0 %"), ("Hermosillo (26030)", "3", "37.5 %"),
                 ("Sin municipio", "1", "12.5 %"), ("Call Center", "3", "37.5 %"),
                 ("Correspondencia", "1", "12.5 %"), ("Total", "8", "100.0 %"),
                 ("Canal", "mar 2022", "abr 2022", "Total"), ("Call Center", "3", "0", "3"),
                 ("Chat Sonora", "0", "2", "2"), ("Total", "5", "3", "8")):
        assert tiene_fila(lista, *fila), fila


def test_pdf_de_tiempos(tmp_path):
    ruta = tmp_path / "tiempos.pdf"
    documentos.escribir(reporte_tiempos(), ruta, "pdf")
    texto = texto_pdf(ruta)
    lista = celdas(texto)
    assert "Tiempos de respuesta por dependencia del 01/03/2022 al 31/03/2022" in lista
    assert "Dirección General de Control de Gestión Documental" in texto
    assert "Turnos emitidos en el periodo: 12; respondidos: 8; pendientes: 4. Mediana: 3 días; percentil 90: " \
           "7.6 días." in lista
    corrido = " ".join(lista)
    assert "Tiempos en días naturales (de calendario, no hábiles)" in corrido  # the unit is said
    for fila in (("SEGOB — Secretaría de Gobierno", "3", "3", "0", "2", "3", "5.4", "6"),
                 ("SSP — Secretaría de Seguridad Pública", "7", "5", "2", "5", "3", "7.6", "10"),
                 # Nothing answered: no figure, not a zero.
                 ("SIDUR — Secretaría de Infraestructura y Desarrollo Urbano", "2", "0", "2", "0", "—", "—", "—"),
                 ("Total", "12", "8", "4", "7", "3", "7.6", "10")):
        assert tiene_fila(lista, *fila), fila


def test_pdf_de_giras(tmp_path):
    ruta = tmp_path / "giras.pdf"
    documentos.escribir(reporte_giras(), ruta, "pdf")
    lista = celdas(texto_pdf(ruta))
    assert "Giras del 01/05/2022 al 30/06/2022" in lista
    assert "Giras: 3; peticiones captadas: 4; canalizadas: 2; con seguimiento: 2." in lista
    for fila in (("GIRA-2022-001", "10/05/2022", "Cajeme", "Centro", "Entrega de apoyos de vivienda", "3", "2", "1"),
                 ("GIRA-2022-003", "01/06/2022", "Álamos", "Centro", "Inauguración del centro de salud", "1", "0", "1"),
                 ("GIRA-2022-002", "20/06/2022", "Hermosillo", "Centro", "Reunión con productores", "0", "0", "0"),
                 ("Total (3 giras)", "4", "2", "2")):
        assert tiene_fila(lista, *fila), fila


def test_pdf_de_periodos_vacios(tmp_path):
    vacio = ReportePeticiones(dt.date(2030, 1, 1), dt.date(2030, 1, 31), GENERADO, QUIEN, 0, (), (), (),
                              (Corte(2030, 1),), ())
    for reporte, frase in ((vacio, "No se recibieron peticiones en el periodo."),
                           (ReporteTiempos(vacio.desde, vacio.hasta, GENERADO, QUIEN, ()),
                            "No se emitieron turnos en el periodo."),
                           (ReporteGiras(vacio.desde, vacio.hasta, GENERADO, QUIEN, ()),
                            "No hubo giras en el periodo.")):
        ruta = tmp_path / f"{type(reporte).__name__}.pdf"
        documentos.escribir(reporte, ruta, "pdf")
        assert frase in celdas(texto_pdf(ruta))


def test_pdf_de_un_anio_con_todos_los_municipios(tmp_path):
    """72 municipios in three columns on one page, and twelve months across the page."""
    municipios = tuple(Conteo(f"26{n:03d}", f"Municipio {n}", 100 - n) for n in range(1, 73))
    total = sum(c.peticiones for c in municipios)  # 4,572
    canales = (CanalPorCorte("call_center", "Call Center", (300,) * 12),
               CanalPorCorte("redes_sociales", "Redes Sociales (Facebook)", (81,) * 12))
    r = ReportePeticiones(dt.date(2022, 1, 1), dt.date(2022, 12, 31), GENERADO, QUIEN, total,
                          (Conteo("salud", "Salud", total),), municipios,
                          tuple(Conteo(c.codigo, c.nombre, c.total) for c in canales),
                          tuple(Corte(2022, m) for m in range(1, 13)), canales)
    ruta = tmp_path / "anual.pdf"
    documentos.escribir(r, ruta, "pdf")
    assert len(PdfReader(str(ruta)).pages) == 2
    lista = celdas(texto_pdf(ruta))
    assert tiene_fila(lista, *["Municipio", "Peticiones", "%"] * 3)
    # Read row by row across the three columns: 1, 25 and 49 share the first row.
    assert tiene_fila(lista, "Municipio 1 (26001)", "99", "2.2 %", "Municipio 25 (26025)", "75", "1.6 %",
                      "Municipio 49 (26049)", "51", "1.1 %")
    assert tiene_fila(lista, "Municipio 72 (26072)", "28", "0.6 %") and tiene_fila(lista, "Total", "4,572", "100.0 %")
    assert tiene_fila(lista, "Canal", "ene 2022", "feb 2022", "mar 2022", "abr 2022", "may 2022", "jun 2022",
                      "jul 2022", "ago 2022", "sep 2022", "oct 2022", "nov 2022", "dic 2022", "Total")
    assert tiene_fila(lista, "Call Center", *["300"] * 12, "3,600")
    assert tiene_fila(lista, "Total", *["381"] * 12, "4,572")


# --- XLSX ------------------------------------------------------------------------------------------
def valores(hoja, fila: int, columnas: int) -> list:
    return [hoja.cell(row=fila, column=c).value for c in range(1, columnas + 1)]


def test_xlsx_de_peticiones(tmp_path):
    ruta = tmp_path / "peticiones.xlsx"
    documentos.escribir(reporte_peticiones(), ruta, "xlsx")
    libro = load_workbook(ruta)
    assert libro.sheetnames == ["Por tema", "Por municipio", "Por canal", "Canal por mes"]
    tema = libro["Por tema"]
    assert tema["A1"].value == "Peticiones por tema, municipio y canal del 01/03/2022 al 30/04/2022"
    assert tema["A2"].value == f"Generado por {QUIEN} el 02/05/2022 09:30"
    assert valores(tema, 4, 4) == ["Clave", "Tema", "Peticiones", "%"]
    assert tema["A4"].fill.fgColor.rgb.endswith("6D1A36") and tema["A4"].font.bold
    assert tema.freeze_panes == "C5"
    assert valores(tema, 5, 3) == ["salud", "Salud", 4] and valores(tema, 7, 3) == ["vivienda", "Vivienda", 2]
    assert tema["D5"].value == "=IF($C$8>0,C5/$C$8,0)"
    assert valores(tema, 8, 4) == ["Total", None, "=SUM(C5:C7)", "=IF(C8>0,SUM(D5:D7),0)"]
    municipio = libro["Por municipio"]
    assert [valores(municipio, f, 3) for f in range(5, 8)] == [
        ["26018", "Cajeme", 4], ["26030", "Hermosillo", 3], [None, "Sin municipio", 1]]
    assert municipio["C8"].value == "=SUM(C5:C7)"
    cruzada = libro["Canal por mes"]
    assert valores(cruzada, 4, 4) == ["Canal", "mar 2022", "abr 2022", "Total"]
    assert valores(cruzada, 5, 4) == ["Call Center", 3, 0, "=SUM(B5:C5)"]
    assert valores(cruzada, 9, 4) == ["Total", "=SUM(B5:B8)", "=SUM(C5:C8)", "=SUM(D5:D8)"]
    assert cruzada.freeze_panes == "B5"


def test_xlsx_de_tiempos_con_totales_vivos(tmp_path):
    ruta = tmp_path / "tiempos.xlsx"
    documentos.escribir(reporte_tiempos(), ruta, "xlsx")
    libro = load_workbook(ruta)
    hoja, respuestas = libro["Tiempos"], libro["Respuestas"]
    assert "naturales" in hoja["A3"].value
    assert valores(hoja, 4, 9)[6:] == ["Mediana (días naturales)", "Percentil 90 (días naturales)",
                                       "Máximo (días naturales)"]
    assert valores(hoja, 5, 9) == ["SEGOB", "Secretaría de Gobierno", 3, 3, 0, 2, 3.0, 5.4, 6]
    assert valores(hoja, 6, 9) == ["SSP", "Secretaría de Seguridad Pública", 7, 5, 2, 5, 3.0, 7.6, 10]
    assert valores(hoja, 7, 9)[2:] == [2, 0, 2, 0, None, None, None]
    assert valores(hoja, 8, 9) == ["Total", None, "=SUM(C5:C7)", "=SUM(D5:D7)", "=SUM(E5:E7)", "=SUM(F5:F7)",
                                   "=MEDIAN(Respuestas!E2:E8)", "=PERCENTILE(Respuestas!E2:E8,0.9)",
                                   "=MAX(Respuestas!E2:E8)"]
    assert hoja.freeze_panes == "C5" and respuestas.freeze_panes == "A2"
    assert valores(respuestas, 2, 5) == ["SEGOB", "03.01-G1/22", dt.datetime(2022, 3, 1), dt.datetime(2022, 3, 1), 0]
    dias = [respuestas.cell(row=f, column=5).value for f in range(2, 9)]
    assert dias == [0, 6, 1, 2, 3, 4, 10] and respuestas.cell(row=9, column=1).value is None
    # What the formulas give (Excel's PERCENTILE is PERCENTILE.INC) is what the PDF says.
    assert statistics.median(dias) == 3
    assert statistics.quantiles(dias, n=10, method="inclusive")[8] == pytest.approx(7.6)


def test_xlsx_de_giras(tmp_path):
    ruta = tmp_path / "giras.xlsx"
    documentos.escribir(reporte_giras(), ruta, "xlsx")
    hoja = load_workbook(ruta)["Giras"]
    assert hoja["A1"].value == "Giras del 01/05/2022 al 30/06/2022"
    assert valores(hoja, 4, 8) == ["Clave", "Fecha", "Municipio", "Localidad", "Evento", "Peticiones", "Canalizadas",
                                   "Con seguimiento"]
    assert valores(hoja, 5, 8) == ["GIRA-2022-001", dt.datetime(2022, 5, 10), "Cajeme", "Centro",
                                   "Entrega de apoyos de vivienda", 3, 2, 1]
    assert hoja["B5"].number_format == "DD/MM/YYYY"
    assert valores(hoja, 8, 8) == ["Total", '=COUNTA(A5:A7)&" giras"', None, None, None, "=SUM(F5:F7)",
                                   "=SUM(G5:G7)", "=SUM(H5:H7)"]
    assert hoja.freeze_panes == "B5"


def test_xlsx_vacios_y_texto_que_no_es_formula(tmp_path):
    gira = FilaGira(_gira("GIRA-2022-009", dt.date(2022, 5, 1), "Cajeme", "=HYPERLINK(\"http://x\")", 0), 0, 0)
    for reporte in (ReporteTiempos(dt.date(2030, 1, 1), dt.date(2030, 1, 31), GENERADO, QUIEN, ()),
                    ReporteGiras(dt.date(2022, 5, 1), dt.date(2022, 5, 31), GENERADO, QUIEN, (gira,))):
        ruta = tmp_path / f"{type(reporte).__name__}.xlsx"
        documentos.escribir(reporte, ruta, "xlsx")
        hoja = load_workbook(ruta).worksheets[0]
        if isinstance(reporte, ReporteTiempos):
            assert valores(hoja, 5, 9) == ["Total", None, 0, 0, 0, 0, None, None, None]
        else:  # an event typed as «=…» is shown as typed, never run
            assert hoja["E5"].value == '=HYPERLINK("http://x")' and hoja["E5"].data_type == "s"
