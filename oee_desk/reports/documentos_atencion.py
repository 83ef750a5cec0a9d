"""The papers of Atención Ciudadana: the acuse the citizen takes home with the folio, the oficio
that canalizes a petición to an agency, and the report of a gira (PDF and XLSX)."""
from __future__ import annotations

import datetime as dt

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, KeepTogether, Spacer, Table, TableStyle

from ..services.peticiones import DatosCanalizacion, DatosPeticion
from .documentos_correspondencia import GRANDE, fecha_larga, qr
from .pdf_comun import GRIS, GUINDA, NORMAL, OFICINA, PEQUENO, TITULO, Documento, ParagraphStyle, p
from .reporte_gira import escribir_reporte_gira, escribir_reporte_gira_xlsx

COORDINACION = "Coordinación Ejecutiva de Atención Ciudadana"
LUGAR = "Hermosillo, Sonora"
RESUMEN_MAXIMO = 600  # characters of the description on the acuse: it must stay one page
CANALIZACIONES_EN_ACUSE = 4

FOLIO = ParagraphStyle("folio", parent=GRANDE, fontSize=26, leading=30, textColor=GUINDA)
ETIQUETA = ParagraphStyle("etiqueta", parent=PEQUENO, textColor=GRIS)
AVISO = ParagraphStyle("aviso", parent=NORMAL, fontSize=9.5, leading=12.5, borderColor=GUINDA, borderWidth=0.8,
                       borderPadding=6, backColor=colors.HexColor("#f6f1f3"))
DERECHA = ParagraphStyle("derecha", parent=NORMAL, fontSize=10, leading=13, alignment=TA_RIGHT)
CUERPO = ParagraphStyle("cuerpo", parent=NORMAL, fontSize=10.5, leading=15, alignment=TA_JUSTIFY)
CITA = ParagraphStyle("cita", parent=CUERPO, leftIndent=12 * mm, rightIndent=12 * mm, fontName="Helvetica-Oblique")
FIRMA = ParagraphStyle("firma", parent=CUERPO, alignment=TA_CENTER)
DESTINATARIO = ParagraphStyle("destinatario", parent=CUERPO, fontName="Helvetica-Bold", alignment=0)


def resumen(texto: str | None, maximo: int = RESUMEN_MAXIMO) -> str:
    """Whitespace folded, cut at a word boundary with «…» when longer than `maximo`."""
    plano = " ".join((texto or "").split())
    if len(plano) <= maximo:
        return plano
    corte = plano[:maximo].rsplit(" ", 1)[0] if " " in plano[:maximo] else plano[:maximo]
    return corte.rstrip(" ,.;:") + "…"


def fecha_hora_larga(momento: dt.datetime) -> str:
    return f"{fecha_larga(momento.date())}, {momento:%H:%M} h"


def telefono_legible(telefono: str | None) -> str | None:
    """«6621234567» → «662 123 4567»; anything else (masked, foreign) as given."""
    if telefono and telefono.isdigit() and len(telefono) == 10:
        return f"{telefono[:3]} {telefono[3:6]} {telefono[6:]}"
    return telefono


def _lugar_ciudadano(peticion: DatosPeticion) -> str | None:
    c = peticion.ciudadano
    partes = [c.localidad] if c.localidad and c.localidad != c.municipio_nombre else []
    if c.municipio_nombre:
        partes.append(f"municipio de {c.municipio_nombre}")
    return ", ".join(partes) or None


def _canal(peticion: DatosPeticion) -> str:
    return f"{peticion.canal_nombre} (gira {peticion.gira})" if peticion.gira else peticion.canal_nombre


def _canalizada_a(peticion: DatosPeticion) -> str:
    if not peticion.canalizaciones:
        return "Pendiente de canalizar: se le informará el área o dependencia que atenderá su petición."
    lineas = [c.destino_nombre + (f" (oficio {c.numero_oficio})" if c.numero_oficio else "")
              + f", {fecha_larga(c.fecha.date())}" for c in peticion.canalizaciones[:CANALIZACIONES_EN_ACUSE]]
    if len(peticion.canalizaciones) > CANALIZACIONES_EN_ACUSE:
        lineas.append(f"y {len(peticion.canalizaciones) - CANALIZACIONES_EN_ACUSE} más")
    return "\n".join(lineas)


def _ficha(filas: list[tuple[str, str | None]]) -> Table:
    tabla = Table([[p(etiqueta, estilo=ETIQUETA), p(valor)] for etiqueta, valor in filas if valor],
                  colWidths=[48 * mm, None])
    tabla.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                               ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return tabla


def firma(*lineas: str, alineacion: str = "CENTER") -> Table:
    """A signature line with the names under it."""
    tabla = Table([[p(*lineas, estilo=FIRMA)]], colWidths=[95 * mm], hAlign=alineacion)
    tabla.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black)]))
    return tabla


def escribir_acuse_peticion(peticion: DatosPeticion, ruta, *, generado_por: str | None = None) -> None:
    """The receipt the citizen keeps: one letter page with the folio, large, and its QR code."""
    c = peticion.ciudadano
    doc = Documento(ruta, "Acuse de petición", generado_por or peticion.operador, unidad=COORDINACION)
    cabeza = Table([[p("Acuse de recepción de petición", estilo=TITULO), qr(peticion.folio, 30 * mm)],
                    [p("Folio", estilo=ETIQUETA), ""],
                    [p(peticion.folio, estilo=FOLIO), ""]], colWidths=[None, 32 * mm])
    cabeza.setStyle(TableStyle([("SPAN", (1, 0), (1, 2)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                ("ALIGN", (1, 0), (1, 0), "RIGHT"), ("LEFTPADDING", (0, 0), (0, -1), 0)]))
    filas = [
        ("Fecha y hora de recepción", fecha_hora_larga(peticion.fecha_recepcion)),
        ("Canal", _canal(peticion)),
        ("Tema", peticion.tema_nombre),
        ("Ciudadana o ciudadano", c.nombre_completo),
        ("Localidad y municipio", _lugar_ciudadano(peticion)),
        ("Descripción (resumen)", resumen(peticion.descripcion)),
        ("Apoyo solicitado", resumen(peticion.apoyo_solicitado, 250) or None),
        ("Canalizada a", _canalizada_a(peticion)),
        ("Fecha límite de atención", f"{fecha_larga(peticion.fecha_limite)} (plazo en días hábiles)"),
    ]
    if peticion.estatus == "anulada":
        filas.append(("Estatus", f"ANULADA: {resumen(peticion.motivo_anulacion, 200) or 'sin motivo registrado'}"))
    privacidad = (f"Sus datos personales se tratan conforme al Aviso de Privacidad de la {OFICINA}, "
                  f"{'versión ' + c.version_aviso + ', ' if c.version_aviso else ''}que usted aceptó al presentar su petición."
                  if c.acepta_aviso_privacidad else
                  f"Sus datos personales se tratan conforme al Aviso de Privacidad de la {OFICINA}. "
                  "No se registró su aceptación del aviso al presentar la petición.")
    seguimiento = (f"Conserve este folio para dar seguimiento a su petición. Para conocer su avance, "
                   f"comuníquese con la {COORDINACION} e indique el folio {peticion.folio}. "
                   f"La atención está programada a más tardar el {fecha_larga(peticion.fecha_limite)}.")
    recibio = firma("Recibió", peticion.operador, alineacion="RIGHT")
    contenido = [cabeza, Spacer(0, 4 * mm), _ficha(filas), Spacer(0, 6 * mm), p(seguimiento, estilo=AVISO),
                 Spacer(0, 5 * mm), p(privacidad, estilo=PEQUENO), Spacer(0, 14 * mm), recibio]
    # One page whatever was typed: the fields are already cut short; the longest names and places
    # that validation allows shrink the page's content a little instead of spilling onto a second.
    doc.construir([KeepInFrame(doc.doc.width, doc.doc.height - 2 * mm, contenido, mode="shrink")])



def escribir_oficio_canalizacion(peticion: DatosPeticion, canalizacion: DatosCanalizacion, ruta, *,
                                 generado_por: str | None = None) -> None:
    """The letter that sends a petición to an agency: number, place and date, addressee, the
    citizen's request, the deadline to report back, signature, c.c.p."""
    c = peticion.ciudadano
    doc = Documento(ruta, "Oficio de canalización", generado_por or peticion.operador, unidad=COORDINACION)
    numero = canalizacion.numero_oficio or "S/N"
    datos_contacto = "; ".join(filter(None, [
        f"con domicilio en {_lugar_ciudadano(peticion)}" if _lugar_ciudadano(peticion) else None,
        f"teléfono {telefono_legible(c.telefono)}" if c.telefono else None,
        f"teléfono alterno {telefono_legible(c.telefono_alterno)}" if c.telefono_alterno else None,
        f"correo electrónico {c.correo}" if c.correo else None]))
    presentacion = (f"Por este conducto, me permito canalizar a usted la petición con folio {peticion.folio}, "
                    f"recibida en la {OFICINA} el {fecha_larga(peticion.fecha_recepcion.date())} a través del "
                    f"canal {_canal(peticion)}, presentada por C. {c.nombre_completo}"
                    f"{', ' + datos_contacto if datos_contacto else ''}, relativa al tema {peticion.tema_nombre}, "
                    "en la que expone lo siguiente:")
    elementos = [
        p(f"Oficio núm. {numero}", estilo=ParagraphStyle("numero", parent=DERECHA, fontName="Helvetica-Bold")),
        p(f"{LUGAR}, a {fecha_larga(canalizacion.fecha.date())}", estilo=DERECHA),
        p(f"Asunto: canalización de la petición {peticion.folio}", estilo=DERECHA), Spacer(0, 10 * mm),
        p(canalizacion.destino_nombre.upper(), estilo=DESTINATARIO), p("PRESENTE", estilo=DESTINATARIO),
        Spacer(0, 8 * mm), p(presentacion, estilo=CUERPO), Spacer(0, 3 * mm), p(f"«{peticion.descripcion}»", estilo=CITA)]
    if peticion.apoyo_solicitado:
        elementos += [Spacer(0, 3 * mm), p(f"Apoyo solicitado: {peticion.apoyo_solicitado}", estilo=CUERPO)]
    if canalizacion.nota:
        elementos += [Spacer(0, 3 * mm), p(f"Observaciones: {canalizacion.nota}", estilo=CUERPO)]
    # The request, the closing and the signature stay together: a signature never sits alone on a page.
    elementos.append(KeepTogether([
        Spacer(0, 3 * mm),
        p("Le solicito atentamente que, en el ámbito de sus atribuciones, se brinde la atención que proceda a esta "
          f"petición y se informe a esta {COORDINACION} de la atención brindada a más tardar el "
          f"{fecha_larga(peticion.fecha_limite)}, citando el folio {peticion.folio}.", estilo=CUERPO),
        Spacer(0, 3 * mm), p("Sin otro particular, reciba un cordial saludo.", estilo=CUERPO),
        Spacer(0, 10 * mm), p("ATENTAMENTE", estilo=FIRMA), Spacer(0, 16 * mm), firma(COORDINACION, OFICINA),
        Spacer(0, 10 * mm), p(f"c.c.p. Jefatura de la {OFICINA}. Para su conocimiento.",
                              f"c.c.p. Expediente de la petición {peticion.folio}.", estilo=PEQUENO)]))
    doc.construir(elementos)


__all__ = ["escribir_acuse_peticion", "escribir_oficio_canalizacion", "escribir_reporte_gira",
           "escribir_reporte_gira_xlsx"]
