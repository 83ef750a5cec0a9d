"""A small, realistic sample of the correspondence desk: the self-test walks its screens over it, the
README's screenshots show it, and `oee-desk demo` can start from it.

Everything goes through the real services, as the clerk and the supervisor would have done it, so
each row has its audit entries and every number its place in the series' sequence.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from ..db.base import ahora
from ..db.motor import BaseDatos
from ..domain.roles import Rol
from ..domain.semaforo import Oportunidad
from ..domain.texto import fecha_larga
from .anexos import ServicioAnexos
from .correspondencia import ServicioCorrespondencia
from .sesion import Sesion
from .turnos import ServicioTurnos
from .usuarios import ServicioUsuarios

DIAS_ATRAS = 34  # the sample spans about five weeks up to `hoy`
PERSONAL = (("recepcion", Rol.RECEPCION, "Rosa Elena Valdez Moreno"),
            ("supervision", Rol.SUPERVISOR, "Jorge Luis Acosta Romero"))


@dataclass(frozen=True)
class Ejemplo:
    serie: str
    remitente: tuple[str, str | None, str | None]  # nombre, cargo, institución
    numero: str | None  # the sender's own number; {a} is the document's year
    asunto: str
    tipo: str = "oficio"
    prioridad: str = "normal"
    # (siglas, rol, instrucción, plazo en días hábiles, what the agency has done: None, acuse,
    # avance, respuesta or cierre)
    turnos: tuple[tuple[str, str, str, int, str | None], ...] = ()
    escaneo: str | None = None  # "registro": scanned at the desk; "adjunto": attached afterwards
    tarde: bool = False  # turned four days after reception: misses the 48-hour target
    anular: str | None = None  # the supervisor's reason
    lugar: str = "Hermosillo, Sonora"  # where the letter was signed


EJEMPLOS = (
    Ejemplo("03.01", ("Lic. Ana Ruiz Félix", "Presidenta Municipal", "H. Ayuntamiento de Álamos"), "PM/0312/{a}",
            "Solicitud de apoyo para la rehabilitación del mercado municipal y de su techumbre, dañados por las "
            "lluvias de julio.",
            turnos=(("SIDUR", "responsable", "atencion_procedente", 10, "respuesta"),
                    ("SETUR", "apoyo", "opinion", 30, "acuse")), escaneo="registro", lugar="Álamos, Sonora"),
    Ejemplo("03.01", ("C. Ramón Buitimea Valenzuela", "Comisariado Ejidal", "Ejido Pótam, Guaymas"), None,
            "Petición de pavimentación del acceso principal a la comunidad y de reparación del puente sobre el dren.",
            tipo="escrito_libre", turnos=(("SIDUR", "responsable", "atencion_y_seguimiento", 5, None),)),
    Ejemplo("NJ", ("Dr. Héctor Moreno Quijada", "Rector", "Universidad Estatal de Sonora"), "REC/0188/{a}",
            "Invitación a la ceremonia de graduación de la generación 2021-2025 en la unidad académica Hermosillo.",
            tipo="invitacion", turnos=(("SEC-PART", "para_conocimiento", "valorar_asistencia", 3, "cierre"),)),
    Ejemplo("03.01", ("Ing. Francisco Salido Almada", "Presidente",
                      "Asociación de Productores Agrícolas del Valle del Yaqui, A.C."), "APAVY/047/{a}",
            "Solicitud de apoyo ante la sequía para el ciclo agrícola otoño-invierno y revisión de las cuotas de "
            "agua de riego.", prioridad="urgente",
            turnos=(("SAGARHPA", "responsable", "atencion_procedente", 20, "avance"),
                    ("CEA", "apoyo", "opinion", 20, "acuse")), escaneo="registro", lugar="Cd. Obregón, Sonora"),
    Ejemplo("03.01", ("Lic. Roberto Encinas Durazo", "Secretario del Ayuntamiento", "H. Ayuntamiento de Cajeme"),
            "SA/1120/{a}", "Remite el acuerdo de Cabildo sobre el convenio de coordinación en materia de seguridad "
            "pública.", turnos=(("SSP", "responsable", "atencion_procedente", 10, "respuesta"),
                                ("SESESP", "para_conocimiento", "para_conocimiento", 10, "cierre")), escaneo="adjunto",
            lugar="Cd. Obregón, Sonora"),
    Ejemplo("NJ", ("Lic. Jorge Araiza Leyva", "Jefe del Departamento de Festivales", "Instituto Sonorense de Cultura"),
            "ISC/DF/233/{a}", "Solicitud de espacios públicos para las actividades del Festival del Pitic.",
            anular="Registrado por error: el documento ya se había capturado con otro número."),
    Ejemplo("03.01", ("Mtra. Claudia Ibarra Castro", "Directora", "Escuela Primaria «Benito Juárez», Navojoa"),
            "EPBJ/021/{a}", "Solicitud de mobiliario escolar y de reparación de los sanitarios del plantel.",
            turnos=(("ISIE", "responsable", "atencion_procedente", 15, "acuse"),
                    ("SEC", "apoyo", "atencion_y_seguimiento", 15, None)), tarde=True),
    Ejemplo("03.01", ("Dip. Laura Fimbres Moreno", "Presidenta de la Comisión de Salud",
                      "H. Congreso del Estado de Sonora"), "CS/0789/{a}",
            "Exhorto para reforzar la campaña de vacunación en los municipios de la sierra alta.", prioridad="urgente",
            turnos=(("SSS", "responsable", "informar_resultado", 10, "respuesta"),
                    ("IMSS-BIENESTAR", "apoyo", "atencion_procedente", 10, "acuse"))),
    Ejemplo("NJ", ("Ing. Patricia Cota Valdez", "Coordinadora Municipal de Protección Civil",
                   "H. Ayuntamiento de Hermosillo"), "PC/0456/{a}",
            "Informe de daños por lluvias en colonias del norte de la ciudad y solicitud de apoyo con maquinaria.",
            prioridad="urgente", turnos=(("CEPC", "responsable", "atencion_procedente", 5, "respuesta"),)),
    Ejemplo("03.01", ("Lic. Arturo Galaz Romo", "Coordinador Regional", "Instituto Nacional de los Pueblos Indígenas"),
            "INPI/CR/0311/{a}", "Propuesta de mesa de trabajo con las autoridades tradicionales de los pueblos yaquis.",
            turnos=(("SEGOB", "responsable", "analisis_y_propuesta", 10, None),
                    ("CEDH", "para_conocimiento", "para_conocimiento", 10, None))),
    Ejemplo("03.01", ("C. María Guadalupe Soto Leyva", None, "Colonia Solidaridad, Hermosillo"), None,
            "Solicita audiencia con el C. Gobernador para exponer la situación de su vivienda, afectada por "
            "hundimientos del terreno.", tipo="solicitud_ciudadana",
            turnos=(("COVES", "responsable", "atencion_procedente", 10, None),)),
    Ejemplo("NJ", ("C. Gilberto Mendívil Ochoa", "Presidente", "Comité de Vecinos de la colonia Las Minitas"), None,
            "Solicitud de alumbrado público y de mayor vigilancia en las calles de la colonia.", tipo="escrito_libre"),
)

RESPUESTAS = {
    "SIDUR": "Se incluyó la rehabilitación del mercado en el programa de obra del segundo semestre.",
    "SSP": "Se firmó el convenio y se asignaron dos patrullas adicionales al municipio.",
    "SSS": "Se programaron brigadas de vacunación en Bavispe, Bacerac y Huachinera.",
    "CEPC": "Se enviaron dos retroexcavadoras y una pipa; se levantó el censo de viviendas afectadas.",
    "SEC-PART": "Se valoró la invitación; el C. Gobernador no asistirá por agenda y se envió mensaje de felicitación.",
}


@dataclass(frozen=True)
class Muestra:
    numeros: list[str]  # every registered matter, oldest first
    ejemplar: str | None  # turned, with a scan and turnos in different states: the one screenshots show
    anulado: str | None
    vencido: str | None
    con_escaneo: list[str] = field(default_factory=list)
    turnos: int = 0


def escaneo_pdf(institucion: str, numero: str | None, lugar: str, fecha: dt.date, destinatario: str, asunto: str,
                firma: str, cargo: str | None) -> bytes:
    """A one-page oficio as a scanner would give it: letterhead, number, addressee, body, signature."""
    salida = io.BytesIO()
    lienzo = Canvas(salida, pagesize=letter, pageCompression=1)
    ancho, alto = letter
    lienzo.setTitle(f"Oficio {numero or ''}".strip())
    lienzo.setFillColorRGB(0.43, 0.10, 0.21)
    lienzo.rect(0, alto - 70, ancho, 70, stroke=0, fill=1)
    lienzo.setFillColorRGB(1, 1, 1)
    lienzo.setFont("Helvetica-Bold", 14)
    lienzo.drawString(60, alto - 44, institucion[:70])
    lienzo.setFillColorRGB(0, 0, 0)
    lienzo.setFont("Helvetica", 10)
    y = alto - 110
    for linea in (f"Oficio No. {numero}" if numero else "", f"{lugar}, a {fecha_larga(fecha)}"):
        if linea:
            lienzo.drawRightString(ancho - 60, y, linea)
            y -= 15
    y -= 20
    lienzo.setFont("Helvetica-Bold", 10)
    for linea in (destinatario.upper(), "P R E S E N T E"):
        lienzo.drawString(60, y, linea)
        y -= 15
    y -= 15
    lienzo.setFont("Helvetica", 11)
    cuerpo = (f"Por medio del presente, me permito dirigirme a usted respetuosamente con relación a lo "
              f"siguiente: {asunto} Agradeceré la atención que se sirva brindar al presente y quedo a sus "
              f"órdenes para cualquier aclaración.")
    for linea in simpleSplit(cuerpo, "Helvetica", 11, ancho - 120):
        lienzo.drawString(60, y, linea)
        y -= 16
    y -= 40
    lienzo.setFont("Helvetica-Bold", 10)
    lienzo.drawCentredString(ancho / 2, y, "A T E N T A M E N T E")
    lienzo.line(ancho / 2 - 110, y - 45, ancho / 2 + 110, y - 45)
    lienzo.drawCentredString(ancho / 2, y - 60, firma)
    lienzo.setFont("Helvetica", 10)
    if cargo:
        lienzo.drawCentredString(ancho / 2, y - 74, cargo)
    lienzo.showPage()
    lienzo.save()
    return salida.getvalue()


def crear_personal(bd: BaseDatos, admin: Sesion, contrasena: str) -> tuple[Sesion, Sesion]:
    """A reception clerk and a supervisor, added by the administrator; both signed in."""
    usuarios = ServicioUsuarios(bd)
    existentes = {u.nombre for u in usuarios.listar(admin)}
    for nombre, rol, completo in PERSONAL:
        if nombre not in existentes:
            usuarios.agregar(admin, nombre, rol.value, completo, contrasena, contrasena)
    recepcion, supervisor = (usuarios.autenticar(nombre, contrasena) for nombre, _, _ in PERSONAL)
    return recepcion, supervisor


def _momentos(n: int, hoy: dt.date, tope: dt.datetime) -> list[dt.datetime]:
    """Reception times over the last weeks, on working days and office hours, oldest first."""
    momentos: list[dt.datetime] = []
    for i in range(n):
        dias = round((n - 1 - i) * DIAS_ATRAS / max(1, n - 1))
        dia = hoy - dt.timedelta(days=dias)
        dia -= dt.timedelta(days=max(0, dia.weekday() - 4))  # a weekend goes back to Friday
        momento = dt.datetime.combine(dia, dt.time(9 + (i * 5) % 7, (i * 17) % 60))
        if momentos and momento <= momentos[-1]:
            momento = momentos[-1] + dt.timedelta(minutes=40)
        momentos.append(min(momento, tope))
    return momentos


def sembrar_correspondencia(bd: BaseDatos, recepcion: Sesion, supervisor: Sesion, n: int = 12,
                            hoy: dt.date | None = None) -> Muestra:
    """Register `n` matters (the twelve examples, repeated with new numbers beyond that) received over
    the last five weeks up to `hoy` (today, or an earlier day), turn them and record what the agencies
    answered; the supervisor annuls one. Both sessions sign what they do, as in the office."""
    correspondencia, turnos_, anexos = ServicioCorrespondencia(bd), ServicioTurnos(bd), ServicioAnexos(bd)
    hoy = hoy or dt.date.today()
    tope = ahora() if hoy >= dt.date.today() else dt.datetime.combine(hoy, dt.time(18, 0))
    numeros, con_escaneo = [], []
    ejemplar = anulado = vencido = None
    total_turnos = 0
    for i, recibido in enumerate(_momentos(n, hoy, tope)):
        e = EJEMPLOS[i % len(EJEMPLOS)]
        vuelta = i // len(EJEMPLOS)
        nombre, cargo, institucion = e.remitente
        documento = recibido.date() - dt.timedelta(days=2 + i % 4)
        numero_remitente = e.numero.format(a=documento.year) if e.numero else None
        if numero_remitente and vuelta:
            numero_remitente += f"-{vuelta + 1}"
        datos = {"serie": e.serie, "fecha_recepcion": recibido, "asunto": e.asunto, "tipo_documento": e.tipo,
                 "remitente": {"nombre": nombre, "cargo": cargo, "institucion": institucion},
                 "numero_oficio_remitente": numero_remitente, "fecha_documento": documento,
                 "prioridad": e.prioridad, "serie_documental": "OEE-03.01" if e.serie == "03.01" else "OEE-03.02"}
        destinatario = "C. Gobernador Constitucional del Estado de Sonora" if e.serie == "03.01" \
            else "Jefe de la Oficina del Ejecutivo Estatal"
        archivos = []
        if e.escaneo:
            archivo = (f"{(numero_remitente or 'oficio').replace('/', '-')}.pdf",
                       escaneo_pdf(institucion or nombre, numero_remitente, e.lugar, documento, destinatario, e.asunto,
                                   nombre, cargo))
            archivos = [archivo]
        oficio = correspondencia.registrar(recepcion, datos, archivos if e.escaneo == "registro" else [])
        numero = oficio.numero_control
        numeros.append(numero)
        if e.escaneo == "adjunto":
            anexos.adjuntar(recepcion, numero, archivos)
        if archivos:
            con_escaneo.append(numero)
        if e.anular:
            correspondencia.anular(supervisor, numero, e.anular)
            anulado = anulado or numero
            continue
        if not e.turnos:
            continue
        turnado = min(recibido + dt.timedelta(days=4 if e.tarde else 0, hours=3), tope)
        turnos_.turnar(recepcion, numero, [{"dependencia": d, "rol": r, "instruccion": ins, "plazo_dias_habiles": p}
                                           for d, r, ins, p, _ in e.turnos], momento=turnado)
        total_turnos += len(e.turnos)
        for siglas, _rol, _ins, plazo, hecho in e.turnos:
            _responder(turnos_, recepcion, numero, siglas, hecho, turnado.date(), plazo, hoy)
        semaforo = correspondencia.obtener(recepcion, numero).semaforo
        if vencido is None and semaforo is not None and semaforo.oportunidad is Oportunidad.VENCIDO:
            vencido = numero
        if ejemplar is None and archivos and len({h for *_, h in e.turnos}) > 1:
            ejemplar = numero
    return Muestra(numeros, ejemplar, anulado, vencido, con_escaneo, total_turnos)


def _responder(turnos: ServicioTurnos, actor: Sesion, numero: str, siglas: str, hecho: str | None,
               turnado: dt.date, plazo: int, hoy: dt.date) -> None:
    def dia(despues: int) -> dt.date:
        return max(turnado, min(hoy, turnado + dt.timedelta(days=despues)))

    if hecho is None:
        return
    if hecho != "cierre":
        turnos.responder(actor, numero, {"dependencia": siglas, "tipo": "acuse", "fecha": dia(1)})
    if hecho == "avance":
        turnos.responder(actor, numero, {"dependencia": siglas, "tipo": "avance", "fecha": dia(4), "avance_pct": 40,
                                         "resumen": "Se levantó el padrón de productores afectados."})
    elif hecho in ("respuesta", "cierre"):
        turnos.responder(actor, numero, {
            "dependencia": siglas, "tipo": hecho, "fecha": dia(max(2, plazo // 2)),
            "numero_oficio": f"{siglas}/{300 + turnado.timetuple().tm_yday}/{turnado.year}" if hecho == "respuesta"
            else None, "resumen": RESPUESTAS.get(siglas, "Se tomó conocimiento; no requiere respuesta.")})
