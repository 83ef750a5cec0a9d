"""Registering received matters on both engines (domain.md «Rules that matter», issue excerpt):
control numbers per series and year, bad input refused naming the field with nothing written,
duplicate warnings, scans, search, lookup by a typed number, and annulment."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import itertools
import shutil
import struct
import uuid
import zlib
from dataclasses import dataclass
from functools import lru_cache

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, inspect, select

from oee_desk.db.modelos import Auditoria, TipoDocumento
from oee_desk.db.modelos_correspondencia import Anexo, ContadorSerie, Oficio
from oee_desk.db.motor import BaseDatos
from oee_desk.domain import anexos as dominio_anexos
from oee_desk.domain import contrasenas
from oee_desk.domain.errores import Conflicto, ErrorValidacion, NoEncontrado, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services.catalogos import ServicioCatalogos
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.numeracion import ServicioSeries
from oee_desk.services.sesion import Sesion

from conftest import borrar_base_pg, crear_base_pg, sesion_con_rol


# --- files ----------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def pdf_real(texto: str = "Oficio PM/123/2022") -> bytes:
    from reportlab.pdfgen import canvas

    salida = io.BytesIO()
    lienzo = canvas.Canvas(salida)
    lienzo.drawString(72, 720, texto)
    lienzo.showPage()
    lienzo.save()
    return salida.getvalue()


@lru_cache(maxsize=None)
def png_real(color=(200, 30, 30)) -> bytes:
    from PIL import Image

    salida = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(salida, "PNG")
    return salida.getvalue()


@lru_cache(maxsize=None)
def jpeg_real() -> bytes:
    from PIL import Image

    salida = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("RGB").save(salida, "JPEG")
    return salida.getvalue()


@lru_cache(maxsize=None)
def png_ruido() -> bytes:
    from PIL import Image

    salida = io.BytesIO()
    Image.effect_noise((300, 300), 60).convert("RGB").save(salida, "PNG")
    return salida.getvalue()


def png_datos_corruptos() -> bytes:
    """A PNG whose pixel data (IDAT) is garbage behind a valid CRC: every chunk checks out, but the
    image cannot be decoded."""
    original = png_real()
    inicio = original.index(b"IDAT") - 4
    largo = struct.unpack(">I", original[inicio:inicio + 4])[0]
    basura = bytes(largo)
    trozo = struct.pack(">I", largo) + b"IDAT" + basura + struct.pack(">I", zlib.crc32(b"IDAT" + basura))
    return original[:inicio] + trozo + original[inicio + 12 + largo:]


# --- helpers --------------------------------------------------------------------------------
_serial = itertools.count(1)


def oficio(anio: int = 2019, **cambios) -> dict:
    """A valid `oficios registrar` document received in `anio`. Each test numbers in its own years,
    and the sender's number is unique unless given, so tests sharing a database never see each
    other's matters as duplicates or take each other's numbers."""
    datos = {
        "serie": "03.01", "fecha_recepcion": f"{anio}-03-01T10:15:00",
        "remitente": {"nombre": "Lic. Ana Ruiz Félix", "cargo": "Presidenta Municipal",
                      "institucion": "H. Ayuntamiento de Álamos"},
        "destinatario": "gobernador", "numero_oficio_remitente": f"PM/{next(_serial)}/{uuid.uuid4().hex[:8]}",
        "fecha_documento": f"{anio}-02-25",
        "asunto": "Solicitud de apoyo para la rehabilitación del mercado municipal", "tipo_documento": "oficio",
        "prioridad": "normal",
    }
    datos.update(cambios)
    return datos


def foto(bd) -> dict:
    """What a refused call must leave exactly as it was."""
    with bd.lectura() as s:
        return {
            "oficios": s.scalar(select(func.count()).select_from(Oficio)),
            "anexos": s.scalar(select(func.count()).select_from(Anexo)),
            "auditoria": s.scalar(select(func.count()).select_from(Auditoria)),
            "contadores": sorted((str(c.serie_control_id), c.anio, c.siguiente)
                                 for c in s.scalars(select(ContadorSerie))),
            "anulados": s.scalar(select(func.count()).select_from(Oficio).where(Oficio.anulado.is_(True))),
        }


def auditoria(bd, tabla: str, registro_id=None) -> list[Auditoria]:
    with bd.lectura() as s:
        consulta = select(Auditoria).where(Auditoria.tabla == tabla).order_by(Auditoria.momento, Auditoria.id)
        if registro_id is not None:
            consulta = consulta.where(Auditoria.registro_id == str(registro_id))
        return list(s.scalars(consulta))


@contextlib.contextmanager
def argon2_rapido():
    """Argon2 at its cheapest while this module's users are created and sign in: the default costs
    0.4 s a hash or check on a small machine, and nothing here is about passwords."""
    with pytest.MonkeyPatch.context() as parche:
        parche.setattr(contrasenas, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@dataclass
class Entorno:
    bd: BaseDatos
    admin: Sesion
    recepcion: Sesion
    supervisor: Sesion


@pytest.fixture(scope="module", params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def entorno(request, tmp_path_factory):
    """One database per engine for the module (Argon2 sign-ins and PostgreSQL databases are slow);
    tests keep apart by year and by unique text, and compare before/after snapshots."""
    url_pg = None
    if request.param == "sqlite":
        ruta = tmp_path_factory.mktemp("correspondencia") / "oee.db"
        shutil.copy(request.getfixturevalue("_plantilla_sqlite"), ruta)
        bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    else:
        url_pg = crear_base_pg(request.getfixturevalue("_plantilla_pg"))
        bd = BaseDatos(url_pg)
    with argon2_rapido():
        sesiones = [sesion_con_rol(bd, rol) for rol in (Rol.ADMIN, Rol.RECEPCION, Rol.SUPERVISOR)]
    yield Entorno(bd, *sesiones)
    bd.cerrar()
    if url_pg:
        borrar_base_pg(url_pg)


@pytest.fixture
def bd(entorno):
    return entorno.bd


@pytest.fixture
def admin(entorno):
    return entorno.admin


@pytest.fixture
def recepcion(entorno):
    return entorno.recepcion


@pytest.fixture
def supervisor(entorno):
    return entorno.supervisor


@pytest.fixture
def corr(entorno):
    return ServicioCorrespondencia(entorno.bd)


# --- control numbers ------------------------------------------------------------------------
def test_numero_de_control_por_serie_y_anio(bd, corr, recepcion):
    primero = corr.registrar(recepcion, oficio(2022))
    assert (primero.numero_control, primero.serie, primero.anio, primero.numero) == ("03.01-1/22", "03.01", 2022, 1)
    assert corr.registrar(recepcion, oficio(2022)).numero_control == "03.01-2/22"
    nj = corr.registrar(recepcion, oficio(2022, serie="NJ", destinatario="jefe_oficina"))
    assert (nj.numero_control, nj.serie, nj.anio, nj.numero) == ("NJ 03.01-1", "NJ", 2022, 1)
    assert corr.registrar(recepcion, oficio(2022, serie="NJ")).numero_control == "NJ 03.01-2"
    # The year comes from the reception date, not from today nor from the document's date.
    fin_de_anio = corr.registrar(recepcion, oficio(2020, fecha_recepcion="2020-12-31T23:59:00",
                                                   fecha_documento="2020-12-30"))
    assert (fin_de_anio.numero_control, fin_de_anio.anio) == ("03.01-1/20", 2020)
    # A series code is matched without regard to case; each year of NJ starts again at 1.
    assert corr.registrar(recepcion, oficio(2018, serie="nj")).numero_control == "NJ 03.01-1"
    assert corr.registrar(recepcion, oficio(2022)).numero_control == "03.01-3/22"
    como_json = primero.como_json()
    assert {k: como_json[k] for k in ("id", "numero_control", "serie", "anio", "numero")} == {
        "id": str(primero.id), "numero_control": "03.01-1/22", "serie": "03.01", "anio": 2022, "numero": 1}


def test_admin_sube_la_serie_pero_nunca_la_baja(bd, corr, recepcion, admin):
    series = ServicioSeries(bd)
    corr.registrar(recepcion, oficio(2021))
    siguiente_2022 = series.siguiente(admin, "03.01", 2022)
    assert series.ajustar(admin, "03.01", 2021, 1034) == 1034
    ajuste = [a for a in auditoria(bd, "contadores_serie") if a.accion == "ajustar_serie"
              and a.despues["anio"] == 2021 and a.despues["serie"] == "03.01"]
    assert len(ajuste) == 1 and ajuste[0].antes["siguiente"] == 2 and ajuste[0].despues["siguiente"] == 1034
    assert ajuste[0].usuario == "admin"
    a = corr.registrar(recepcion, oficio(2021))
    assert (a.numero_control, a.numero, a.anio) == ("03.01-1034/21", 1034, 2021)
    assert corr.registrar(recepcion, oficio(2021)).numero_control == "03.01-1035/21"
    # Other years and series are untouched.
    assert series.siguiente(admin, "03.01", 2022) == siguiente_2022
    assert series.siguiente(admin, "03.01", 2021) == 1036

    antes = foto(bd)
    for bajar in (1000, 1035, 1):
        with pytest.raises(Conflicto):
            series.ajustar(admin, "03.01", 2021, bajar)
    with pytest.raises(PermisoDenegado):
        series.ajustar(recepcion, "03.01", 2021, 5000)
    with pytest.raises(ErrorValidacion) as e:
        series.ajustar(admin, "99.99", 2021, 5000)
    assert e.value.problemas[0].campo == "serie"
    assert foto(bd) == antes
    assert series.siguiente(admin, "03.01", 2021) == 1036

    # A year not begun here: raised before its first registration.
    assert series.ajustar(admin, "NJ", 2017, 201) == 201
    nj = corr.registrar(recepcion, oficio(2017, serie="NJ", destinatario="jefe_oficina"))
    assert nj.numero_control == "NJ 03.01-201"


# --- bad input ------------------------------------------------------------------------------
ANIO_MALOS = 2016


def _futuro():
    return (dt.datetime.now() + dt.timedelta(days=2)).replace(microsecond=0).isoformat()


MALOS = {
    "sin_remitente": (lambda: oficio(ANIO_MALOS, remitente={"nombre": "", "cargo": "Director"}), "remitente.nombre"),
    "remitente_ausente": (lambda: oficio(ANIO_MALOS, remitente=None), "remitente.nombre"),
    "remitente_en_blanco": (lambda: oficio(ANIO_MALOS, remitente={"nombre": "   "}), "remitente.nombre"),
    "sin_asunto": (lambda: oficio(ANIO_MALOS, asunto=None), "asunto"),
    "asunto_en_blanco": (lambda: oficio(ANIO_MALOS, asunto=" \n\t "), "asunto"),
    "recepcion_futura": (lambda: oficio(ANIO_MALOS, fecha_recepcion=_futuro(), fecha_documento=None),
                         "fecha_recepcion"),
    "recepcion_invalida": (lambda: oficio(ANIO_MALOS, fecha_recepcion="2016-13-01T10:00:00"), "fecha_recepcion"),
    "documento_posterior": (lambda: oficio(ANIO_MALOS, fecha_documento="2016-03-02"), "fecha_documento"),
    "documento_invalido": (lambda: oficio(ANIO_MALOS, fecha_documento="25/02/2016"), "fecha_documento"),
    "serie_desconocida": (lambda: oficio(ANIO_MALOS, serie="99.99"), "serie"),
    "serie_de_peticiones": (lambda: oficio(ANIO_MALOS, serie="AC"), "serie"),
    "sin_serie": (lambda: oficio(ANIO_MALOS, serie=None), "serie"),
    "destinatario_invalido": (lambda: oficio(ANIO_MALOS, destinatario="presidente"), "destinatario"),
    "tipo_documento_desconocido": (lambda: oficio(ANIO_MALOS, tipo_documento="pergamino"), "tipo_documento"),
    "serie_documental_desconocida": (lambda: oficio(ANIO_MALOS, serie_documental="ZZZ-99"), "serie_documental"),
    "prioridad_invalida": (lambda: oficio(ANIO_MALOS, prioridad="urgentísima"), "prioridad"),
}


# With a scan, a registration is one transaction; without, on PostgreSQL, one statement (registrar).
@pytest.mark.parametrize("con_escaneo", [True, False], ids=["con_escaneo", "sin_escaneo"])
@pytest.mark.parametrize("caso", MALOS)
def test_entrada_mala_nombra_el_campo_y_no_escribe(bd, corr, recepcion, caso, con_escaneo):
    previo = corr.registrar(recepcion, oficio(ANIO_MALOS))  # the year's counter row exists
    antes = foto(bd)
    datos, campo = MALOS[caso]
    with pytest.raises(ErrorValidacion) as e:
        corr.registrar(recepcion, datos(), [("escaneo.pdf", pdf_real())] if con_escaneo else [])
    assert campo in [p.campo for p in e.value.problemas], e.value.problemas
    assert all(p.mensaje for p in e.value.problemas)
    assert foto(bd) == antes
    # The refused attempt took no number.
    assert corr.registrar(recepcion, oficio(ANIO_MALOS)).numero == previo.numero + 1


def test_catalogos_inactivos_o_escritos_de_otro_modo(bd, corr, recepcion):
    """The series and the document type by code, by name or in other case; an inactive one refused."""
    admin = sesion_con_rol(bd, "admin")
    hecho = corr.registrar(recepcion, oficio(ANIO_MALOS, serie="nj", tipo_documento="Memorándum"))
    assert hecho.numero_control.startswith("NJ ")
    with bd.lectura() as s:
        assert s.get(Oficio, hecho.id).tipo_documento_id == s.scalar(
            select(TipoDocumento.id).where(TipoDocumento.codigo == "memorandum"))
    catalogos = ServicioCatalogos(bd)
    serie = catalogos.agregar(admin, "series-control", {
        "codigo": f"IN{uuid.uuid4().hex[:4]}", "nombre": "Serie que se dará de baja", "plantilla": "IN-{n}/{yy}",
        "destinatario": "gobernador", "uso": "correspondencia"})
    tipo = catalogos.agregar(admin, "tipos-documento", {"codigo": f"t{uuid.uuid4().hex[:6]}", "nombre": "Tarjeta"})
    for nombre, entrada in (("series-control", serie), ("tipos-documento", tipo)):
        catalogos.cambiar_activo(admin, nombre, entrada.id, False)
    antes = foto(bd)
    for datos, campo, texto in ((oficio(ANIO_MALOS, tipo_documento=tipo["codigo"]), "tipo_documento", "inactivo"),
                                (oficio(ANIO_MALOS, serie=serie["codigo"]), "serie", "inactiva")):
        with pytest.raises(ErrorValidacion) as e:
            corr.registrar(recepcion, datos)
        assert [(p.campo, texto in p.mensaje) for p in e.value.problemas] == [(campo, True)], e.value.problemas
    assert foto(bd) == antes


def test_todos_los_problemas_a_la_vez(bd, corr, recepcion):
    antes = foto(bd)
    with pytest.raises(ErrorValidacion) as e:
        corr.registrar(recepcion, oficio(ANIO_MALOS, remitente={}, asunto="", fecha_documento="2016-03-05"),
                       [("roto.png", b"\x89PNG\r\n\x1a\nbasura")])
    assert {p.campo for p in e.value.problemas} >= {"remitente.nombre", "asunto", "fecha_documento"}
    assert foto(bd) == antes


def _pdf_gigante() -> bytes:
    return b"%PDF-1.4\n" + bytes(51 * 1024 * 1024)


ARCHIVOS_MALOS = [
    pytest.param("escaneo.pdf", lambda: b"%PDF-garbage", id="pdf_falso"),
    pytest.param("escaneo.pdf", lambda: pdf_real()[: len(pdf_real()) // 2], id="pdf_truncado"),
    pytest.param("escaneo.pdf", lambda: b"Esto es texto plano, no un PDF.", id="no_es_pdf"),
    pytest.param("escaneo.pdf", lambda: b"", id="vacio"),
    pytest.param("foto.png", lambda: png_ruido()[: len(png_ruido()) // 2], id="png_truncado"),
    pytest.param("foto.png", lambda: png_real()[:40], id="png_sin_datos"),
    pytest.param("foto.jpg", lambda: jpeg_real()[:300], id="jpeg_solo_cabecera"),
    pytest.param("foto.jpg", lambda: jpeg_real()[: len(jpeg_real()) // 2], id="jpeg_truncado"),
    pytest.param("foto.png", png_datos_corruptos, id="png_datos_corruptos"),
]


@pytest.mark.parametrize("nombre, contenido", ARCHIVOS_MALOS)
def test_anexo_malo_rechazado(bd, corr, recepcion, nombre, contenido):
    antes = foto(bd)
    with pytest.raises(ErrorValidacion) as e:
        corr.registrar(recepcion, oficio(2015), [("bueno.pdf", pdf_real()), (nombre, contenido())])
    assert len(e.value.problemas) == 1
    assert e.value.problemas[0].campo.startswith("anexos") and nombre in e.value.problemas[0].campo
    assert foto(bd) == antes


def test_anexo_demasiado_grande(bd, corr, recepcion):
    antes = foto(bd)
    with pytest.raises(ErrorValidacion) as e:
        corr.registrar(recepcion, oficio(2015), [("enorme.pdf", _pdf_gigante())])
    problema = e.value.problemas[0]
    assert problema.campo.startswith("anexos") and "enorme.pdf" in problema.campo
    assert "MB" in problema.mensaje
    assert foto(bd) == antes


def test_limite_de_tamano(bd, corr, recepcion, monkeypatch):
    """A real PDF one byte over the limit is refused, and one exactly at it accepted."""
    contenido = pdf_real()
    monkeypatch.setattr(dominio_anexos, "TAMANO_MAXIMO", len(contenido) - 1)
    with pytest.raises(ErrorValidacion):
        corr.registrar(recepcion, oficio(2015), [("escaneo.pdf", contenido)])
    monkeypatch.setattr(dominio_anexos, "TAMANO_MAXIMO", len(contenido))
    o = corr.registrar(recepcion, oficio(2015), [("escaneo.pdf", contenido)])
    assert o.anexos[0]["tamano"] == len(contenido)


# --- scans ----------------------------------------------------------------------------------
def test_pdf_e_imagenes_guardados_con_sha256(bd, corr, recepcion):
    pdf, png, jpg = pdf_real(), png_real(), jpeg_real()
    o = corr.registrar(recepcion, oficio(2014), [("escaneo.pdf", pdf), ("sobre.png", png), ("firma.jpg", jpg)])
    por_nombre = {a["nombre"]: a for a in o.anexos}
    assert set(por_nombre) == {"escaneo.pdf", "sobre.png", "firma.jpg"}
    for nombre, contenido, tipo in [("escaneo.pdf", pdf, "application/pdf"), ("sobre.png", png, "image/png"),
                                    ("firma.jpg", jpg, "image/jpeg")]:
        a = por_nombre[nombre]
        assert (a["tipo"], a["tamano"], a["sha256"]) == (tipo, len(contenido), hashlib.sha256(contenido).hexdigest())
    with bd.lectura() as s:
        guardados = {a.nombre_archivo: (a.contenido, a.sha256, a.oficio_id)
                     for a in s.scalars(select(Anexo).where(Anexo.oficio_id == o.id))}
    assert guardados["escaneo.pdf"] == (pdf, hashlib.sha256(pdf).hexdigest(), o.id)
    assert guardados["sobre.png"][0] == png and guardados["firma.jpg"][0] == jpg
    # The scans are audited with the matter, without copying their bytes into the log.
    filas = [f for a in o.anexos for f in auditoria(bd, "anexos", a["id"])]
    assert len(filas) == 3 and all(f.accion == "crear" and f.usuario == "prueba_recepcion" for f in filas)
    assert all(isinstance(f.despues["contenido"], str) and "bytes" in f.despues["contenido"] for f in filas)
    assert corr.obtener(recepcion, o.numero_control).anexos == o.anexos


# --- duplicates -----------------------------------------------------------------------------
def test_duplicado_por_remitente_y_numero(bd, corr, recepcion):
    numero = f"DUP/{uuid.uuid4().hex[:8]}/2013"
    primero = corr.registrar(recepcion, oficio(2013, numero_oficio_remitente=numero))
    assert primero.posibles_duplicados == []
    otra_vez = corr.registrar(recepcion, oficio(2013, remitente={"nombre": "  LIC. ANA RUIZ FELIX "},
                                                numero_oficio_remitente=f" {numero.lower()} "))
    assert [(d.numero_control, d.id) for d in otra_vez.posibles_duplicados] == [(primero.numero_control, primero.id)]
    assert "remitente" in otra_vez.posibles_duplicados[0].motivo
    # It is a warning: the second one is registered with the following number.
    assert otra_vez.numero == primero.numero + 1
    assert otra_vez.como_json()["posibles_duplicados"][0]["numero_control"] == primero.numero_control
    assert corr.registrar(recepcion, oficio(2013, remitente={"nombre": "Ing. Pedro Soto"},
                                            numero_oficio_remitente=numero)).posibles_duplicados == []
    assert corr.registrar(recepcion, oficio(2013, numero_oficio_remitente=numero + "-B")).posibles_duplicados == []
    assert corr.registrar(recepcion, oficio(2013, numero_oficio_remitente=None)).posibles_duplicados == []
    # Asked before registering (the form warns while the clerk types).
    encontrados = corr.duplicados(recepcion, "lic. ana ruiz félix", numero)
    assert {d.id for d in encontrados} == {primero.id, otra_vez.id}


def test_duplicado_con_mayusculas_acentuadas_en_el_numero(bd, corr, recepcion):
    """«NÚM.» and «Ñ» in a sender's number: found again typed the same way, in other case or without
    the accent, on both engines (SQLite's lower() leaves non-ASCII capitals as they are)."""
    sufijo = uuid.uuid4().hex[:6]
    numero = f"OF. NÚM. SEÑ/{sufijo}/2015"
    primero = corr.registrar(recepcion, oficio(2015, numero_oficio_remitente=numero))
    for tecleado in (numero, numero.lower(), f"of.  num.  sen/{sufijo}/2015"):
        otra_vez = corr.registrar(recepcion, oficio(2015, numero_oficio_remitente=tecleado))
        assert primero.id in [d.id for d in otra_vez.posibles_duplicados], tecleado
    distinto = corr.registrar(recepcion, oficio(2015, numero_oficio_remitente=f"OF. NÚM. SEÑ/{sufijo}/2016"))
    assert distinto.posibles_duplicados == []


def test_duplicado_con_comodines_en_el_numero_del_remitente(bd, corr, recepcion):
    """_ in a sender's number is a letter, not a wildcard: «DG_7/…» warns of itself only. (No «%»
    here: test_buscar_sin_coincidencias_ni_comodines counts on no matter of this module holding one.)"""
    sufijo = uuid.uuid4().hex[:6]
    numero = f"DG_7/{sufijo}/2014"
    primero = corr.registrar(recepcion, oficio(2014, numero_oficio_remitente=numero))
    parecido = corr.registrar(recepcion, oficio(2014, numero_oficio_remitente=f"DGX7/{sufijo}/2014"))
    assert parecido.posibles_duplicados == []
    otra_vez = corr.registrar(recepcion, oficio(2014, numero_oficio_remitente=numero.lower()))
    assert [d.id for d in otra_vez.posibles_duplicados] == [primero.id]


def test_duplicado_por_el_mismo_archivo(bd, corr, recepcion):
    pdf = pdf_real("Escaneo del oficio de la prueba de duplicados")
    primero = corr.registrar(recepcion, oficio(2012), [("escaneo.pdf", pdf)])
    assert primero.posibles_duplicados == []
    otro = corr.registrar(recepcion, oficio(2012, remitente={"nombre": "Otra persona"}),
                          [("copia con otro nombre.pdf", pdf), ("sobre.png", png_real((1, 2, 3)))])
    assert [(d.numero_control, d.id) for d in otro.posibles_duplicados] == [(primero.numero_control, primero.id)]
    assert "archivo" in otro.posibles_duplicados[0].motivo
    distinto = corr.registrar(recepcion, oficio(2012, remitente={"nombre": "Tercera"}),
                              [("escaneo.pdf", pdf_real("Otro escaneo de la prueba de duplicados"))])
    assert distinto.posibles_duplicados == []
    sha = hashlib.sha256(pdf).hexdigest()
    assert {d.id for d in corr.duplicados(recepcion, None, None, [sha])} == {primero.id, otro.id}


# --- search and lookup ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def tres(entorno):
    """Three matters with words no other test uses; NJ 2008 raised to 5001 so its number is unique."""
    corr, recepcion = ServicioCorrespondencia(entorno.bd), entorno.recepcion
    ServicioSeries(entorno.bd).ajustar(entorno.admin, "NJ", 2008, 5001)
    a = corr.registrar(recepcion, oficio(
        2008, remitente={"nombre": "Lic. Xóchitl Quiñónez Ybarra", "cargo": "Presidenta Municipal",
                         "institucion": "H. Ayuntamiento de Bácum"},
        numero_oficio_remitente="PMB/777/2008", asunto="Pavimentación de la calle Zaragoza"))
    b = corr.registrar(recepcion, oficio(
        2008, serie="NJ", destinatario="jefe_oficina",
        remitente={"nombre": "Dr. José Ángel Núñez Oroz", "cargo": "Rector",
                   "institucion": "Universidad Tecnológica de Etchojoa"},
        numero_oficio_remitente="REC-045/2008", asunto="Invitación al informe anual de actividades académicas"))
    c = corr.registrar(recepcion, oficio(
        2007, remitente={"nombre": "C. María Peña Güereña", "institucion": "Comité de Vecinos de Tesopaco"},
        numero_oficio_remitente=None, asunto="Queja por falta de agua potable en la colonia Bugambilias"))
    assert (a.numero_control, b.numero_control, c.numero_control) == ("03.01-1/08", "NJ 03.01-5001", "03.01-1/07")
    return dict(a=a, b=b, c=c)


BUSQUEDAS = [
    ("xochitl quinonez", "a"), ("QUIÑÓNEZ ybarra", "a"), ("bacum", "a"), ("BÁCUM ayuntamiento", "a"),
    ("zaragoza pavimentacion", "a"), ("pmb/777/2008", "a"), ("PMB/777", "a"), ("03.01-1/08", "a"),
    ("jose angel nunez oroz", "b"), ("NÚÑEZ OROZ", "b"), ("etchojoa tecnologica", "b"), ("academicas", "b"),
    ("rec-045/2008", "b"), ("nj 03.01-5001", "b"), ("NJ 03.01-5001", "b"),
    ("pena guerena", "c"), ("peña güereña", "c"), ("TESOPACO", "c"), ("bugambilias", "c"), ("03.01-1/07", "c"),
]


@pytest.mark.parametrize("texto, esperado", BUSQUEDAS)
def test_buscar_sin_acentos_ni_mayusculas(corr, recepcion, tres, texto, esperado):
    assert [o.id for o in corr.buscar(recepcion, texto)] == [tres[esperado].id], texto


def test_buscar_sin_coincidencias_ni_comodines(corr, recepcion, tres):
    assert corr.buscar(recepcion, "") == []
    assert corr.buscar(recepcion, "   ") == []
    assert corr.buscar(recepcion, "zzyzx") == []
    assert corr.buscar(recepcion, "quiñónez tesopaco") == []  # every word must appear
    assert corr.buscar(recepcion, "%") == []
    assert corr.buscar(recepcion, "quiñ_nez") == []
    assert corr.buscar(recepcion, "xochitl%") == []
    # Several matches: newest reception first.
    ids = [o.id for o in corr.buscar(recepcion, "03.01-1/0")]
    assert ids.index(tres["a"].id) < ids.index(tres["c"].id)


@pytest.mark.parametrize("tecleado, esperado", [
    ("03.01-1/08", "a"), ("  03.01-1/08  ", "a"), ("03.01 - 1 / 08", "a"), ("03.01-1/07", "c"),
    ("NJ 03.01-5001", "b"), ("nj 03.01-5001", "b"), ("NJ03.01-5001", "b"), (" nj03.01 - 5001 ", "b"),
])
def test_obtener_con_numero_tecleado(corr, recepcion, tres, tecleado, esperado):
    assert corr.obtener(recepcion, tecleado).id == tres[esperado].id


@pytest.mark.parametrize("tecleado", ["03.01-2/08", "03.01-1/06", "NJ 03.01-99999", "5001", "", "ninguno",
                                      "03.01-1/2008"])
def test_numero_inexistente(corr, recepcion, tres, tecleado):
    with pytest.raises(NoEncontrado):
        corr.obtener(recepcion, tecleado)


def test_numero_nj_repetido_resuelve_igual_como_se_teclee(bd, corr, recepcion, admin):
    series = ServicioSeries(bd)
    for anio in (2002, 2003):
        series.ajustar(admin, "NJ", anio, 7007)
    viejo = corr.registrar(recepcion, oficio(2002, serie="NJ"))
    nuevo = corr.registrar(recepcion, oficio(2003, serie="NJ"))
    assert viejo.numero_control == nuevo.numero_control == "NJ 03.01-7007"
    encontrados = {t: corr.obtener(recepcion, t).id for t in ("NJ 03.01-7007", "nj 03.01-7007", "NJ03.01-7007")}
    assert set(encontrados.values()) == {nuevo.id}, encontrados


# --- annulment ------------------------------------------------------------------------------
def test_anular(bd, corr, recepcion, supervisor, admin):
    primero = corr.registrar(recepcion, oficio(2005))
    assert primero.numero_control == "03.01-1/05"
    antes = foto(bd)
    for actor in (recepcion, admin):
        with pytest.raises(PermisoDenegado):
            corr.anular(actor, primero.numero_control, "Registrado dos veces")
    for motivo in ("", "   ", None):
        with pytest.raises(ErrorValidacion) as e:
            corr.anular(supervisor, primero.numero_control, motivo)
        assert e.value.problemas[0].campo == "motivo"
    with pytest.raises(NoEncontrado):
        corr.anular(supervisor, "03.01-77/05", "No existe")
    assert foto(bd) == antes

    anulado = corr.anular(supervisor, "03.01 - 1/05", "  Registrado dos veces por error  ")
    assert anulado.anulado and anulado.motivo_anulacion == "Registrado dos veces por error"
    assert (anulado.numero_control, anulado.numero, anulado.id) == ("03.01-1/05", 1, primero.id)
    # The number stays, marked; the next registration takes the following one.
    guardado = corr.obtener(recepcion, "03.01-1/05")
    assert guardado.anulado and guardado.motivo_anulacion == "Registrado dos veces por error"
    assert guardado.como_json()["anulado"] is True
    assert corr.registrar(recepcion, oficio(2005)).numero_control == "03.01-2/05"
    filas = [f for f in auditoria(bd, "oficios", primero.id) if f.accion == "anular"]
    assert len(filas) == 1
    assert filas[0].usuario == "prueba_supervisor"
    assert filas[0].antes["anulado"] is False
    assert filas[0].despues == {"anulado": True, "motivo_anulacion": "Registrado dos veces por error"}

    antes = foto(bd)
    with pytest.raises(Conflicto):
        corr.anular(supervisor, "03.01-1/05", "Otra vez")
    assert foto(bd) == antes
    assert corr.obtener(recepcion, "03.01-1/05").motivo_anulacion == "Registrado dos veces por error"


def test_registro_auditado(bd, corr, recepcion):
    o = corr.registrar(recepcion, oficio(2004))
    filas = auditoria(bd, "oficios", o.id)
    assert [f.accion for f in filas] == ["crear"]
    assert filas[0].usuario == "prueba_recepcion" and filas[0].usuario_id == recepcion.usuario_id
    assert filas[0].despues["numero_control"] == "03.01-1/04"
    assert filas[0].despues["remitente_nombre"] == "Lic. Ana Ruiz Félix"
    # The whole row, as stored: the same snapshot an ORM flush would have logged.
    with bd.lectura() as s:
        fila = s.get(Oficio, o.id)
        esperado = {c.key: getattr(fila, c.key) for c in inspect(Oficio).column_attrs
                    if c.key not in ("actualizado", "version")}
    assert set(filas[0].despues) == set(esperado)
    assert filas[0].despues["numero"] == esperado["numero"] == 1
    assert filas[0].despues["texto_busqueda"] == esperado["texto_busqueda"]
    assert filas[0].despues["creado"] == esperado["creado"].isoformat()
    assert filas[0].despues["fecha_recepcion"] == esperado["fecha_recepcion"].isoformat()
    assert o.semaforo is None and o.turnado_a_tiempo is None and o.turnos == []


def test_destinatario_por_omision_sigue_a_la_serie(corr, recepcion):
    datos = oficio(2001, serie="NJ")
    del datos["destinatario"]
    assert corr.registrar(recepcion, datos).destinatario == "jefe_oficina"
