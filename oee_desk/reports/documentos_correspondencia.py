"""The papers of a matter: acuse de recibo for the sender, the label with its QR code, the volante
de turno that travels with the document, and the oficio de turno to each agency."""
from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from ..domain.catalogos import DESTINATARIOS
from ..domain.texto import fecha_larga
from ..domain.turnos import ROLES_TURNO
from ..services.correspondencia import DatosOficio
from .pdf_comun import GUINDA, NORMAL, PEQUENO, SUBTITULO, TITULO, Documento, ParagraphStyle, p

GRANDE = ParagraphStyle("grande", parent=TITULO, fontSize=20, leading=24, textColor=colors.black)
def qr(texto: str, lado: float) -> Drawing:
    widget = QrCodeWidget(texto)
    x0, y0, x1, y1 = widget.getBounds()
    dibujo = Drawing(lado, lado, transform=[lado / (x1 - x0), 0, 0, lado / (y1 - y0), 0, 0])
    dibujo.add(widget)
    return dibujo


def _ficha(o: DatosOficio) -> Table:
    remitente = ", ".join(filter(None, [o.remitente["nombre"], o.remitente.get("cargo"), o.remitente.get("institucion")]))
    filas = [["Número de control", p(o.numero_control)],
             ["Recibido", p(f"{fecha_larga(o.fecha_recepcion.date())}, {o.fecha_recepcion:%H:%M} h")],
             ["Remitente", p(remitente)],
             ["Oficio del remitente", p(" del ".join(filter(None, [
                 o.numero_oficio_remitente, fecha_larga(o.fecha_documento) if o.fecha_documento else None])) or "—")],
             ["Dirigido a", p(DESTINATARIOS.get(o.destinatario, o.destinatario))],
             ["Asunto", p(o.asunto)]]
    tabla = Table(filas, colWidths=[42 * mm, None])
    tabla.setStyle(TableStyle([("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"), ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey)]))
    return tabla


def acuse_de_recibo(o: DatosOficio, destino, generado_por: str) -> None:
    doc = Documento(destino, "Acuse de recibo", generado_por)
    cabeza = Table([[p("ACUSE DE RECIBO", estilo=TITULO), qr(o.numero_control, 28 * mm)],
                    [p(o.numero_control, estilo=GRANDE), ""]], colWidths=[None, 30 * mm])
    cabeza.setStyle(TableStyle([("SPAN", (1, 0), (1, 1)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    anexos = ", ".join(a["nombre"] for a in o.anexos) or "Sin anexos digitalizados"
    doc.construir([cabeza, Spacer(0, 4 * mm), _ficha(o), Spacer(0, 4 * mm), p(f"Anexos: {anexos}", estilo=PEQUENO),
                   Spacer(0, 10 * mm),
                   p("La Oficina del Ejecutivo Estatal recibió el documento descrito. Para dar seguimiento, cite "
                     f"el número de control {o.numero_control}."),
                   Spacer(0, 20 * mm), p("_______________________________", "Recibió")])


def etiqueta(o: DatosOficio, destino) -> None:
    """A 100 × 50 mm label for the paper: control number, reception date, QR of the number."""
    ancho, alto = 100 * mm, 50 * mm
    lienzo = Canvas(destino, pagesize=(ancho, alto))
    lienzo.setTitle(f"Etiqueta {o.numero_control}")
    dibujo = qr(o.numero_control, 40 * mm)
    dibujo.drawOn(lienzo, ancho - 45 * mm, 5 * mm)
    lienzo.setFillColor(GUINDA)
    lienzo.setFont("Helvetica-Bold", 8)
    lienzo.drawString(5 * mm, alto - 9 * mm, "OFICINA DEL EJECUTIVO ESTATAL")
    lienzo.setFillColor(colors.black)
    lienzo.setFont("Helvetica-Bold", 14 if len(o.numero_control) < 16 else 11)
    lienzo.drawString(5 * mm, alto - 20 * mm, o.numero_control)
    lienzo.setFont("Helvetica", 8)
    lienzo.drawString(5 * mm, alto - 27 * mm, f"Recibido: {o.fecha_recepcion:%d/%m/%Y %H:%M}")
    lienzo.drawString(5 * mm, alto - 32 * mm, (o.remitente.get("institucion") or o.remitente["nombre"])[:34])
    lienzo.showPage()
    lienzo.save()


def _tabla_turnos(o: DatosOficio) -> Table:
    filas = [["Dependencia", "Carácter", "Instrucción", "Plazo", "Vence"]]
    filas += [[p(f"{t.dependencia} — {t.dependencia_nombre}", estilo=PEQUENO), ROLES_TURNO.get(t.rol, t.rol),
               p(t.instruccion_nombre, estilo=PEQUENO), f"{t.plazo_dias_habiles} días hábiles",
               f"{t.fecha_limite:%d/%m/%Y}"] for t in o.turnos]
    tabla = Table(filas, colWidths=[70 * mm, 28 * mm, 40 * mm, 25 * mm, 20 * mm], repeatRows=1)
    tabla.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), GUINDA), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                               ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("FONTSIZE", (0, 0), (-1, -1), 8),
                               ("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return tabla


def volante_de_turno(o: DatosOficio, destino, generado_por: str) -> None:
    doc = Documento(destino, "Volante de turno", generado_por)
    elementos = [p(f"VOLANTE DE TURNO · {o.numero_control}", estilo=TITULO), _ficha(o), Spacer(0, 5 * mm),
                 p("Turnado a", estilo=SUBTITULO), _tabla_turnos(o)]
    notas = [f"{t.dependencia}: {t.nota}" for t in o.turnos if t.nota]
    if notas:
        elementos += [p("Notas", estilo=SUBTITULO)] + [p(n) for n in notas]
    elementos += [Spacer(0, 15 * mm), p("_______________________________", "Turnó")]
    doc.construir(elementos)


def oficio_de_turno(o: DatosOficio, destino, generado_por: str, firma: str = "Dirección General de Control de "
                                                                             "Gestión Documental") -> None:
    """One page per agency turned, addressed to its head, with the matter and the instruction."""
    doc = Documento(destino, "Oficio de turno", generado_por)
    elementos = []
    for i, t in enumerate(o.turnos):
        if i:
            elementos.append(PageBreak())
        elementos += [
            p(f"Hermosillo, Sonora, a {fecha_larga(t.fecha_turno.date())}", estilo=NORMAL), Spacer(0, 3 * mm),
            p(f"Asunto: se turna el documento {o.numero_control}", estilo=SUBTITULO), Spacer(0, 3 * mm),
            p(t.dependencia_nombre.upper(), "PRESENTE"), Spacer(0, 6 * mm),
            p(f"Por instrucciones superiores, remito a usted el documento recibido en esta Oficina del Ejecutivo "
              f"Estatal con el número de control {o.numero_control}, suscrito por {o.remitente['nombre']}"
              f"{', ' + o.remitente['institucion'] if o.remitente.get('institucion') else ''}, relativo a: "
              f"{o.asunto}"), Spacer(0, 3 * mm),
            p(f"Instrucción: {t.instruccion_nombre} "
              f"({ROLES_TURNO.get(t.rol, t.rol).lower()}). Le agradeceré informar a esta Oficina lo conducente "
              f"a más tardar el {fecha_larga(t.fecha_limite)} ({t.plazo_dias_habiles} días hábiles)."),
        ]
        if t.nota:
            elementos += [Spacer(0, 3 * mm), p(f"Nota: {t.nota}")]
        elementos += [Spacer(0, 20 * mm), p("ATENTAMENTE", "", "", firma)]
    doc.construir(elementos or [p("El asunto no tiene turnos.")])
