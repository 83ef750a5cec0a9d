"""The papers and the status report read as a clerk would read them: by their text."""
from __future__ import annotations

import datetime as dt
import io
import os
import shutil

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ayuda_membrete import paginas_con_membrete
from conftest import sesion_con_rol
from oee_desk.domain.roles import Rol
from oee_desk.reports import documentos_correspondencia as docs
from oee_desk.reports import estatus
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.reporte_estatus import ServicioReporteEstatus
from oee_desk.services.turnos import ServicioTurnos


def guardar_para_revision(ruta, nombre: str) -> None:
    """OEE_DOCS_REVISION=carpeta keeps a copy of each document to look at."""
    carpeta = os.environ.get("OEE_DOCS_REVISION")
    if carpeta:
        os.makedirs(carpeta, exist_ok=True)
        shutil.copy(ruta, os.path.join(carpeta, nombre))


def texto_pdf(ruta) -> str:
    """All pages' text with line breaks folded: a phrase may wrap anywhere in a paragraph."""
    return " ".join(" ".join(pagina.extract_text() for pagina in PdfReader(ruta).pages).split())


@pytest.fixture
def asunto(bd):
    recepcion = sesion_con_rol(bd, Rol.RECEPCION)
    correspondencia = ServicioCorrespondencia(bd)
    oficio = correspondencia.registrar(recepcion, {
        "serie": "03.01", "fecha_recepcion": "2024-03-04T10:15:00",
        "remitente": {"nombre": "Lic. Ana Ruiz Félix", "cargo": "Presidenta Municipal",
                      "institucion": "H. Ayuntamiento de Álamos"},
        "numero_oficio_remitente": "PM/123/2024", "fecha_documento": "2024-03-01",
        "asunto": "Solicitud de apoyo para pavimentación <b>& drenaje</b>"})
    ServicioTurnos(bd).turnar(recepcion, oficio.numero_control, {"turnos": [
        {"dependencia": "SIDUR", "instruccion": "atencion_procedente", "plazo_dias_habiles": 10, "nota": "Urgente"},
        {"dependencia": "SH", "rol": "apoyo", "instruccion": "opinion", "plazo_dias_habiles": 5}]},
        momento=dt.datetime(2024, 3, 4, 12, 0))
    return recepcion, correspondencia.obtener(recepcion, oficio.numero_control)


def codigos_qr(ruta) -> list[str]:
    """The QR codes a reader finds on the first page, printed at 288 dpi (Qt's PDF renderer)."""
    import zxingcpp
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    documento = QPdfDocument(None)
    documento.load(str(ruta))
    tamano = documento.pagePointSize(0)
    tinta = documento.render(0, QSize(int(tamano.width() * 4), int(tamano.height() * 4)))
    documento.close()
    papel = QImage(tinta.size(), QImage.Format.Format_RGB32)  # Qt renders onto transparency
    papel.fill(QColor("white"))
    pintor = QPainter(papel)
    pintor.drawImage(0, 0, tinta)
    pintor.end()
    memoria = QBuffer()
    memoria.open(QIODevice.OpenModeFlag.WriteOnly)
    papel.save(memoria, "PNG")
    return [c.text for c in zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(memoria.data()))))
            if c.format == zxingcpp.BarcodeFormat.QRCode]


def test_el_qr_de_la_etiqueta_y_del_acuse_se_lee_como_el_numero(qapp, asunto, tmp_path):
    """What a barcode reader at the bandeja gets from the paper: the control number, nothing else."""
    recepcion, o = asunto
    docs.etiqueta(o, str(tmp_path / "etiqueta.pdf"))
    docs.acuse_de_recibo(o, str(tmp_path / "acuse.pdf"), recepcion.nombre_completo)
    assert codigos_qr(tmp_path / "etiqueta.pdf") == [o.numero_control]
    assert codigos_qr(tmp_path / "acuse.pdf") == [o.numero_control]


def test_acuse_etiqueta_volante_y_oficio_de_turno(asunto, tmp_path):
    recepcion, o = asunto
    docs.acuse_de_recibo(o, str(tmp_path / "acuse.pdf"), recepcion.nombre_completo)
    acuse = texto_pdf(tmp_path / "acuse.pdf")
    assert paginas_con_membrete(tmp_path / "acuse.pdf") == [True]  # portrait letter: the same letterhead
    for esperado in ("ACUSE DE RECIBO", o.numero_control, "Lic. Ana Ruiz Félix", "PM/123/2024",
                     "4 de marzo de 2024", "<b>& drenaje</b>", "Página 1", f"Generado por {recepcion.nombre_completo}"):
        assert esperado in acuse, esperado
    docs.etiqueta(o, str(tmp_path / "etiqueta.pdf"))
    etiqueta = texto_pdf(tmp_path / "etiqueta.pdf")
    assert o.numero_control in etiqueta and "04/03/2024 10:15" in etiqueta
    docs.volante_de_turno(o, str(tmp_path / "volante.pdf"), recepcion.nombre_completo)
    volante = texto_pdf(tmp_path / "volante.pdf")
    # 2024-03-04 + 10 business days (2024-03-18 is a holiday) and + 5.
    for esperado in ("VOLANTE DE TURNO", "SIDUR", "SH", "Responsable", "Apoyo", "19/03/2024", "11/03/2024",
                     "SIDUR: Urgente"):
        assert esperado in volante, esperado
    docs.oficio_de_turno(o, str(tmp_path / "oficio.pdf"), recepcion.nombre_completo)
    assert len(PdfReader(tmp_path / "oficio.pdf").pages) == 2  # one letter per agency
    oficio = texto_pdf(tmp_path / "oficio.pdf")
    for esperado in ("SECRETARÍA DE HACIENDA PRESENTE", "a más tardar el 11 de marzo de 2024 (5 días hábiles)",
                     "a más tardar el 19 de marzo de 2024 (10 días hábiles)", "Nota: Urgente"):
        assert esperado in oficio, esperado


def test_reporte_de_estatus_pdf_y_excel(bd, asunto, tmp_path):
    recepcion, o = asunto
    ServicioTurnos(bd).responder(recepcion, o.numero_control, {"dependencia": "SH", "tipo": "respuesta",
                                                              "fecha": "2024-03-06", "resumen": "Opinión enviada"})
    reporte = ServicioReporteEstatus(bd).generar(recepcion, "2024-03-01", "2024-03-31", hoy=dt.date(2024, 3, 25))
    estatus.escribir_pdf(reporte, str(tmp_path / "estatus.pdf"))
    guardar_para_revision(tmp_path / "estatus.pdf", "estatus.pdf")
    assert all(paginas_con_membrete(tmp_path / "estatus.pdf"))
    texto = texto_pdf(tmp_path / "estatus.pdf")
    for esperado in ("Reporte de Estatus por Dependencia del 01/03/2024 al 31/03/2024",
                     "Turnados dentro de 48 horas: 1 de 1 (100.0 %)", "SIDUR", "Pendientes por dependencia",
                     o.numero_control, "Página 1", f"Generado por {recepcion.nombre_completo}"):
        assert esperado in texto, esperado
    pagina = PdfReader(tmp_path / "estatus.pdf").pages[0]
    assert pagina.mediabox.width > pagina.mediabox.height  # landscape: the agencies' columns fit
    estatus.escribir_xlsx(reporte, str(tmp_path / "estatus.xlsx"))
    hoja = load_workbook(tmp_path / "estatus.xlsx")["Estatus"]
    filas = {hoja.cell(f, 1).value: [hoja.cell(f, c).value for c in range(3, 8)] for f in range(6, 9)}
    assert filas["SH"] == [1, 1, 0, 0, 0]
    assert filas["SIDUR"] == [1, 0, 0, 1, 1]  # overdue on the 25th: due the 19th
    assert filas["Total"] == ["=SUM(C6:C7)", "=SUM(D6:D7)", "=SUM(E6:E7)", "=SUM(F6:F7)", "=SUM(G6:G7)"]
    assert hoja.freeze_panes == "C6"
    pendientes = load_workbook(tmp_path / "estatus.xlsx")["Pendientes"]
    assert [pendientes.cell(2, c).value for c in (1, 2, 7)] == ["SIDUR", o.numero_control, 4]


def test_texto_como_formula_sale_como_texto_en_excel(bd, tmp_path):
    recepcion = sesion_con_rol(bd, Rol.RECEPCION)
    oficio = ServicioCorrespondencia(bd).registrar(recepcion, {
        "serie": "NJ", "fecha_recepcion": "2024-05-02T09:00", "remitente": {"nombre": "=HYPERLINK(\"x\",\"y\")"},
        "asunto": "+SUM(1,2)"})
    ServicioTurnos(bd).turnar(recepcion, oficio.numero_control, {"turnos": [
        {"dependencia": "SSP", "instruccion": "tramite", "plazo_dias_habiles": 3}]}, momento=dt.datetime(2024, 5, 2, 10))
    reporte = ServicioReporteEstatus(bd).generar(recepcion, "2024-05-01", "2024-05-31", hoy=dt.date(2024, 5, 3))
    estatus.escribir_xlsx(reporte, str(tmp_path / "r.xlsx"))
    celda = load_workbook(tmp_path / "r.xlsx")["Pendientes"].cell(2, 3)
    assert celda.value == "+SUM(1,2)" and celda.data_type == "s"


def test_un_turno_vencido_el_viernes_cuenta_como_vencido_el_fin_de_semana(bd, tmp_path):
    """Due on Friday: on Saturday the semáforo says «vencido» though no business day has passed,
    and the report must count it among the overdue as well."""
    recepcion = sesion_con_rol(bd, Rol.RECEPCION)
    oficio = ServicioCorrespondencia(bd).registrar(recepcion, {
        "serie": "03.01", "fecha_recepcion": "2024-05-03T09:00", "remitente": {"nombre": "C. Luis Soto"},
        "asunto": "Solicitud de audiencia"})
    ServicioTurnos(bd).turnar(recepcion, oficio.numero_control, {"turnos": [
        {"dependencia": "SSP", "instruccion": "tramite", "plazo_dias_habiles": 5}]}, momento=dt.datetime(2024, 5, 3, 10))
    servicio = ServicioReporteEstatus(bd)
    viernes = servicio.generar(recepcion, "2024-05-01", "2024-05-31", hoy=dt.date(2024, 5, 10))
    assert [(f.codigo, f.vencidos) for f in viernes.dependencias] == [("SSP", 0)]
    for sabado_o_lunes, dias in ((dt.date(2024, 5, 11), 0), (dt.date(2024, 5, 13), 1)):
        reporte = servicio.generar(recepcion, "2024-05-01", "2024-05-31", hoy=sabado_o_lunes)
        assert [(f.codigo, f.vencidos) for f in reporte.dependencias] == [("SSP", 1)]
        (pendiente,) = reporte.dependencias[0].pendientes
        assert (pendiente.fecha_limite, pendiente.vencido, pendiente.dias_vencido) == (dt.date(2024, 5, 10), True, dias)
    estatus.escribir_xlsx(servicio.generar(recepcion, "2024-05-01", "2024-05-31", hoy=dt.date(2024, 5, 11)),
                          str(tmp_path / "r.xlsx"))
    libro = load_workbook(tmp_path / "r.xlsx")
    assert [libro["Estatus"].cell(6, c).value for c in (1, 7)] == ["SSP", 1]
    assert libro["Pendientes"].cell(2, 7).value == 0  # overdue, no business day yet: 0, not blank


def test_lo_no_turnado_pasadas_48_horas_cuenta_como_incumplido(bd, asunto, tmp_path):
    """The 48-hour target (domain.md) is missed by a matter still untouched two days on, as by one
    turned late: the figure counts what the bandeja's «Turnado en 48 h: No» lists."""
    recepcion, _ = asunto
    ServicioCorrespondencia(bd).registrar(recepcion, {
        "serie": "NJ", "fecha_recepcion": "2024-03-20T09:00", "remitente": {"nombre": "C. Rosa Gil"},
        "asunto": "Invitación"})
    servicio = ServicioReporteEstatus(bd)
    al_dia_siguiente = servicio.generar(recepcion, "2024-03-01", "2024-03-31", hoy=dt.date(2024, 3, 21))
    assert (al_dia_siguiente.turnados_en_48_horas, al_dia_siguiente.con_meta_48_horas) == (1, 1)
    reporte = servicio.generar(recepcion, "2024-03-01", "2024-03-31", hoy=dt.date(2024, 3, 25))
    assert (reporte.asuntos_recibidos, reporte.asuntos_turnados, reporte.sin_turnar_pasadas_48_horas) == (2, 1, 1)
    assert reporte.cumplimiento_48_horas == 50.0 and reporte.como_json()["sin_turnar_pasadas_48_horas"] == 1
    estatus.escribir_pdf(reporte, str(tmp_path / "estatus.pdf"))
    assert "Turnados dentro de 48 horas: 1 de 2 (50.0 %); 1 sin turnar pasadas 48 horas." in texto_pdf(tmp_path / "estatus.pdf")
