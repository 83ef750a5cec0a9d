"""Registering citizens' petitions on both engines (domain.md, cli.md «peticiones registrar»):
gapless folios per year of reception, a new or a known citizen, duplicate warnings, canalization
to an area or (by numbered oficio) to an agency, giras, bad input refused naming the field with
nothing written, permissions per role, masked personal data, the personal-data log and the audit.

The helpers at the top are shared by the other Atención Ciudadana test modules."""
from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import re
import shutil
import uuid
from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, text

from oee_desk.db.modelos import Auditoria
from oee_desk.db.modelos_atencion import (AccesoDatosPersonales, Canalizacion, Ciudadano, Gira, Peticion,
                                          Seguimiento)
from oee_desk.db.modelos_correspondencia import ContadorSerie
from oee_desk.db.motor import BaseDatos
from oee_desk.domain import contrasenas
from oee_desk.domain.errores import Conflicto, ErrorValidacion, NoEncontrado, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services.giras import ServicioGiras
from oee_desk.services.peticiones import ServicioPeticiones
from oee_desk.services.seguimientos import ServicioSeguimientos
from oee_desk.services.sesion import Sesion

from conftest import borrar_base_pg, crear_base_pg, sesion_con_rol

# Valid CURPs (check digit computed by python-stdnum).
CURP_1 = "VAYJ800101HSRLCS00"
CURP_2 = "GOMA850215MSRNRN08"
CURP_3 = "RUFA900512MSRZLN00"

_serial = itertools.count(1)


# --- shared helpers -----------------------------------------------------------------------------
def telefono_unico() -> str:
    """A phone no other test uses (tests share a database per module and must not look like
    duplicates of each other unless they mean to)."""
    return f"64{uuid.uuid4().int % 10**8:08d}"


def apellido_unico() -> str:
    return "Q" + "".join(chr(ord("a") + int(c, 16) % 26) for c in uuid.uuid4().hex[:9])


def persona(**cambios) -> dict:
    """A valid citizen of `peticiones registrar`, unique unless told otherwise."""
    datos = {"nombre": "José María", "primer_apellido": "Valenzuela", "segundo_apellido": apellido_unico(),
             "telefono": telefono_unico(), "correo": None, "curp": None, "municipio": "26030",
             "localidad": "Hermosillo", "domicilio": "Blvd. Kino 123, col. Pitic", "acepta_aviso_privacidad": True}
    datos.update(cambios)
    return datos


def peticion(anio: int = 2019, ciudadano: dict | None = None, **cambios) -> dict:
    """A valid `peticiones registrar` document received on March 1st of `anio`."""
    datos = {"fecha_recepcion": f"{anio}-03-01T10:15:00", "canal": "call_center",
             "ciudadano": ciudadano if ciudadano is not None else persona(), "tema": "vivienda",
             "descripcion": "Solicita apoyo para rehabilitar el techo de su vivienda", "gira": None}
    datos.update(cambios)
    return datos


def contar(bd: BaseDatos, modelo, *condiciones) -> int:
    with bd.lectura() as s:
        return s.scalar(select(func.count()).select_from(modelo).where(*condiciones))


def foto(bd: BaseDatos) -> dict:
    """What a refused call must leave exactly as it was."""
    with bd.lectura() as s:
        cuenta = lambda m: s.scalar(select(func.count()).select_from(m))  # noqa: E731
        return {
            "peticiones": cuenta(Peticion), "ciudadanos": cuenta(Ciudadano), "canalizaciones": cuenta(Canalizacion),
            "seguimientos": cuenta(Seguimiento), "giras": cuenta(Gira), "auditoria": cuenta(Auditoria),
            "accesos": cuenta(AccesoDatosPersonales),
            "contadores": sorted((str(c.serie_control_id), c.anio, c.siguiente)
                                 for c in s.scalars(select(ContadorSerie))),
            "estatus": sorted((p.folio, p.estatus, p.version) for p in s.scalars(select(Peticion))),
        }


def auditoria(bd: BaseDatos, tabla: str, registro_id=None) -> list[Auditoria]:
    with bd.lectura() as s:
        consulta = select(Auditoria).where(Auditoria.tabla == tabla).order_by(Auditoria.momento, Auditoria.id)
        if registro_id is not None:
            consulta = consulta.where(Auditoria.registro_id == str(registro_id))
        return list(s.scalars(consulta))


@contextlib.contextmanager
def argon2_rapido():
    """Argon2 at its cheapest while the test users are created and sign in (0.4 s a hash otherwise)."""
    with pytest.MonkeyPatch.context() as parche:
        parche.setattr(contrasenas, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@dataclass
class Entorno:
    bd: BaseDatos
    admin: Sesion
    atencion: Sesion
    campo: Sesion
    supervisor: Sesion
    recepcion: Sesion

    @property
    def peticiones(self) -> ServicioPeticiones:
        return ServicioPeticiones(self.bd)

    @property
    def seguimientos(self) -> ServicioSeguimientos:
        return ServicioSeguimientos(self.bd)

    @property
    def giras(self) -> ServicioGiras:
        return ServicioGiras(self.bd)


def abrir_entorno(request, tmp_path_factory, nombre: str):
    """One database per engine for a module (sign-ins and PostgreSQL databases are slow); tests keep
    apart by year and by unique names and phones, and compare before/after snapshots."""
    url_pg = None
    if request.param == "sqlite":
        ruta = tmp_path_factory.mktemp(nombre) / "oee.db"
        shutil.copy(request.getfixturevalue("_plantilla_sqlite"), ruta)
        bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    else:
        url_pg = crear_base_pg(request.getfixturevalue("_plantilla_pg"))
        bd = BaseDatos(url_pg)
    with argon2_rapido():
        sesiones = [sesion_con_rol(bd, rol) for rol in (Rol.ADMIN, Rol.ATENCION, Rol.CAMPO, Rol.SUPERVISOR,
                                                         Rol.RECEPCION)]
    try:
        yield Entorno(bd, *sesiones)
    finally:
        bd.cerrar()
        if url_pg:
            borrar_base_pg(url_pg)


MOTORES = ["sqlite", pytest.param("pg", marks=pytest.mark.pg)]


@pytest.fixture(scope="module", params=MOTORES)
def entorno(request, tmp_path_factory):
    yield from abrir_entorno(request, tmp_path_factory, "peticiones")


@pytest.fixture
def bd(entorno):
    return entorno.bd


@pytest.fixture
def svc(entorno):
    return entorno.peticiones


# --- folios -------------------------------------------------------------------------------------
def test_folio_por_anio_de_recepcion_consecutivo(entorno, svc):
    at = entorno.atencion
    primera = svc.registrar(at, peticion(2001))
    assert (primera.folio, primera.estatus) == ("AC-2001-000001", "recibida")
    assert svc.registrar(at, peticion(2001)).folio == "AC-2001-000002"
    # The year is the reception's, not today's: the last minute of a year and the first of the next.
    assert svc.registrar(at, peticion(2001, fecha_recepcion="2002-12-31T23:59:00")).folio == "AC-2002-000001"
    assert svc.registrar(at, peticion(2001, fecha_recepcion="2003-01-01T00:00:00")).folio == "AC-2003-000001"
    assert svc.registrar(entorno.campo, peticion(2001)).folio == "AC-2001-000003"
    como_json = primera.como_json()
    assert {k: como_json[k] for k in ("id", "folio", "ciudadano_id", "estatus")} == {
        "id": str(primera.id), "folio": "AC-2001-000001", "ciudadano_id": str(primera.ciudadano.id),
        "estatus": "recibida"}
    json.dumps(como_json)  # JSON as it is
    assert como_json["operador"] == "prueba_atencion"
    with entorno.bd.lectura() as s:
        numeros = sorted(s.scalars(select(Peticion.numero).where(Peticion.anio == 2001)))
    assert numeros == [1, 2, 3]


# --- bad input ----------------------------------------------------------------------------------
ANIO_MALOS = 2004


def _futuro() -> str:
    return (dt.datetime.now() + dt.timedelta(days=2)).replace(microsecond=0).isoformat()


def _con(**cambios):
    return lambda: peticion(ANIO_MALOS, persona(**cambios))


MALOS = {
    "curp_invalida": (_con(curp="VAYJ800101HSRLCS09"), "ciudadano.curp", "CURP"),
    "curp_corta": (_con(curp="VAYJ8001"), "ciudadano.curp", "CURP"),
    "telefono_con_letras": (_con(telefono="662 123 ABCD"), "ciudadano.telefono", "dígitos"),
    "telefono_corto": (_con(telefono="12-34"), "ciudadano.telefono", "dígitos"),
    "correo_sin_arroba": (_con(correo="jose.valenzuela.gmail.com"), "ciudadano.correo", "correo"),
    "municipio_inexistente": (_con(municipio="99999"), "ciudadano.municipio", "99999"),
    "municipio_fuera_de_sonora": (_con(municipio="Tijuana"), "ciudadano.municipio", "Tijuana"),
    "ciudadano_sin_nombre": (_con(nombre="  "), "ciudadano.nombre", "obligatorio"),
    "ciudadano_no_objeto": (lambda: peticion(ANIO_MALOS, "José Pérez"), "ciudadano", "objeto"),
    "sin_ciudadano": (lambda: {k: v for k, v in peticion(ANIO_MALOS).items() if k != "ciudadano"},
                      "ciudadano", "obligatorio"),
    "ciudadano_id_invalido": (lambda: peticion(ANIO_MALOS, None, ciudadano_id="no-es-un-id"), "ciudadano_id",
                              "identificador"),
    "canal_desconocido": (lambda: peticion(ANIO_MALOS, canal="telegrama"), "canal", "telegrama"),
    "sin_canal": (lambda: peticion(ANIO_MALOS, canal=None), "canal", "obligatorio"),
    "tema_desconocido": (lambda: peticion(ANIO_MALOS, tema="astronomía"), "tema", "astronomía"),
    "sin_descripcion": (lambda: peticion(ANIO_MALOS, descripcion=" \n "), "descripcion", "obligatorio"),
    "recepcion_futura": (lambda: peticion(ANIO_MALOS, fecha_recepcion=_futuro()), "fecha_recepcion", "futuro"),
    "recepcion_invalida": (lambda: peticion(ANIO_MALOS, fecha_recepcion="2004-02-30T10:00:00"), "fecha_recepcion",
                           "fecha"),
    "recepcion_fuera_de_rango": (lambda: peticion(ANIO_MALOS, fecha_recepcion="9999-12-31T23:59:59-12:00"),
                                 "fecha_recepcion", "rango"),
    "gira_sin_clave": (lambda: peticion(ANIO_MALOS, canal="gira"), "gira", "obligatoria"),
    "gira_inexistente": (lambda: peticion(ANIO_MALOS, canal="Giras Gobernador", gira="GIRA-2004-999"), "gira",
                         "GIRA-2004-999"),
    "gira_en_otro_canal": (lambda: peticion(ANIO_MALOS, gira="GIRA-2004-001"), "gira", "Call Center"),
    "area_interna_desconocida": (lambda: peticion(ANIO_MALOS, canalizacion={"tipo": "area_interna",
                                                                            "destino": "cocina"}),
                                 "canalizacion.destino", "use uno de"),
    "tipo_de_canalizacion_desconocido": (lambda: peticion(ANIO_MALOS, canalizacion={"tipo": "paloma",
                                                                                    "destino": "SIDUR"}),
                                         "canalizacion.tipo", "use uno de"),
    # Refused after the folio was taken: the rollback must give it back.
    "dependencia_desconocida": (lambda: peticion(ANIO_MALOS, canalizacion={"tipo": "dependencia",
                                                                           "destino": "NASA"}),
                                "canalizacion.destino", "NASA"),
    "documento_no_objeto": (lambda: ["no", "es", "un", "objeto"], "documento", "objeto"),
}


@pytest.mark.parametrize("caso", MALOS)
def test_entrada_mala_nombra_el_campo_y_no_escribe(entorno, svc, caso):
    at = entorno.atencion
    if caso == "gira_en_otro_canal" and not contar(entorno.bd, Gira, Gira.clave == "GIRA-2004-001"):
        entorno.giras.registrar(at, {"fecha": "2004-03-01", "municipio": "26030", "evento": "Gira de trabajo"})
    previa = svc.registrar(at, peticion(ANIO_MALOS, canalizacion={"tipo": "dependencia", "destino": "SIDUR"}))
    antes = foto(entorno.bd)
    datos, campo, palabra = MALOS[caso]
    with pytest.raises(ErrorValidacion) as e:
        svc.registrar(at, datos())
    assert campo in [p.campo for p in e.value.problemas], e.value.problemas
    problema = next(p for p in e.value.problemas if p.campo == campo)
    assert problema.mensaje.strip() and palabra in problema.mensaje, problema
    assert foto(entorno.bd) == antes
    # The refused attempt took neither a folio nor an oficio de canalización number.
    siguiente = svc.registrar(at, peticion(ANIO_MALOS, canalizacion={"tipo": "dependencia", "destino": "SIDUR"}))
    assert siguiente.folio == f"AC-{ANIO_MALOS}-{int(previa.folio[-6:]) + 1:06d}"
    numero = lambda p: int(p.canalizaciones[0].numero_oficio.split("/")[2])  # noqa: E731
    assert numero(siguiente) == numero(previa) + 1


def test_todos_los_problemas_a_la_vez(entorno, svc):
    antes = foto(entorno.bd)
    with pytest.raises(ErrorValidacion) as e:
        svc.registrar(entorno.atencion, peticion(ANIO_MALOS, persona(telefono="662-ABC", correo="sin-arroba",
                                                                     curp="XXXX"),
                                                 canal="", descripcion=None, fecha_recepcion=_futuro(),
                                                 canalizacion={"tipo": "area_interna", "destino": "cocina"}))
    assert {p.campo for p in e.value.problemas} >= {
        "ciudadano.telefono", "ciudadano.correo", "ciudadano.curp", "canal", "descripcion", "fecha_recepcion",
        "canalizacion.destino"}
    assert foto(entorno.bd) == antes


def test_ciudadano_id_desconocido(entorno, svc):
    antes = foto(entorno.bd)
    with pytest.raises(NoEncontrado) as e:
        svc.registrar(entorno.atencion, peticion(2005, None, ciudadano_id=str(uuid.uuid4())))
    assert "ciudadano" in e.value.mensaje
    assert foto(entorno.bd) == antes


def test_texto_peligroso_se_guarda_tal_cual(entorno, svc):
    formula, inyeccion = '=HYPERLINK("x")', "'); DROP TABLE peticiones;--"
    p = svc.registrar(entorno.atencion, peticion(
        2005, persona(nombre=formula, primer_apellido=inyeccion, localidad="+SUM(A1)", domicilio="@cmd"),
        descripcion=inyeccion, apoyo_solicitado=formula))
    leida = svc.obtener(entorno.atencion, p.folio)
    assert (leida.descripcion, leida.apoyo_solicitado) == (inyeccion, formula)
    assert (leida.ciudadano.nombre, leida.ciudadano.primer_apellido) == (formula, inyeccion)
    assert (leida.ciudadano.localidad, leida.ciudadano.domicilio) == ("+SUM(A1)", "@cmd")
    assert contar(entorno.bd, Peticion) >= 1  # the table is still there
    with entorno.bd.motor.connect() as c:
        assert c.execute(text("SELECT descripcion FROM peticiones WHERE id = :i"),
                         {"i": p.id if not entorno.bd.es_sqlite else p.id.hex}).scalar() == inyeccion


# --- the citizen ------------------------------------------------------------------------------------
def test_ciudadano_nuevo_o_conocido(entorno, svc):
    at = entorno.atencion
    antes = contar(entorno.bd, Ciudadano)
    primera = svc.registrar(at, peticion(2006))
    assert contar(entorno.bd, Ciudadano) == antes + 1
    assert primera.ciudadano.municipio == "26030" and primera.ciudadano.municipio_nombre == "Hermosillo"
    # A known citizen by id: no new record, the same id.
    segunda = svc.registrar(at, peticion(2006, None, ciudadano_id=str(primera.ciudadano.id)))
    assert segunda.ciudadano.id == primera.ciudadano.id
    assert contar(entorno.bd, Ciudadano) == antes + 1
    assert segunda.ciudadano.peticiones_total == 2 and segunda.ciudadano.peticiones_abiertas == 2
    assert segunda.como_json()["ciudadano_id"] == str(primera.ciudadano.id)


def test_ciudadano_fusionado_lleva_al_que_quedo(entorno, svc):
    at = entorno.atencion
    quedo = svc.registrar(at, peticion(2006)).ciudadano
    fusionado = svc.registrar(at, peticion(2006)).ciudadano
    with entorno.bd.escritura(entorno.supervisor) as s:
        s.get(Ciudadano, fusionado.id).fusionado_en = quedo.id
    nueva = svc.registrar(at, peticion(2006, None, ciudadano_id=str(fusionado.id)))
    assert nueva.ciudadano.id == quedo.id
    assert nueva.como_json()["ciudadano_id"] == str(quedo.id)
    with entorno.bd.lectura() as s:
        assert s.get(Peticion, nueva.id).ciudadano_id == quedo.id


def test_posibles_duplicados(entorno, svc):
    at = entorno.atencion
    telefono, apellido = telefono_unico(), apellido_unico()
    original = svc.registrar(at, peticion(2007, persona(telefono=telefono, curp=CURP_1, segundo_apellido=apellido)))
    assert original.posibles_duplicados == []

    mismo_telefono = svc.registrar(at, peticion(2007, persona(nombre="Ana", primer_apellido="Ruiz",
                                                              telefono=f"({telefono[:3]}) {telefono[3:6]}-"
                                                                       f"{telefono[6:]}")))
    assert [(d.ciudadano.id, d.motivo) for d in mismo_telefono.posibles_duplicados] == [
        (original.ciudadano.id, "mismo teléfono")]
    misma_curp = svc.registrar(at, peticion(2007, persona(nombre="Juan", primer_apellido="Soto",
                                                          curp=CURP_1.lower())))
    assert [(d.ciudadano.id, d.motivo) for d in misma_curp.posibles_duplicados] == [
        (original.ciudadano.id, "misma CURP")]
    # The same name in another order, without accents, in the same municipio (given by name).
    mismo_nombre = svc.registrar(at, peticion(2007, persona(
        nombre=apellido.upper(), primer_apellido="jose maria", segundo_apellido="VALENZUELA", municipio="hermosillo")))
    assert [(d.ciudadano.id, d.motivo) for d in mismo_nombre.posibles_duplicados] == [
        (original.ciudadano.id, "mismo nombre en el mismo municipio")]
    assert mismo_nombre.como_json()["posibles_duplicados"] == [
        {"id": str(original.ciudadano.id), "motivo": "mismo nombre en el mismo municipio"}]
    # The same name elsewhere is somebody else.
    otro_lugar = svc.registrar(at, peticion(2007, persona(segundo_apellido=apellido, municipio="26003")))
    assert otro_lugar.posibles_duplicados == []
    # A warning, never a refusal: every one of them was registered.
    assert contar(entorno.bd, Peticion, Peticion.anio == 2007) == 5


# --- canalization ---------------------------------------------------------------------------------
def test_canalizar_a_area_interna_o_a_dependencia(entorno, svc):
    at = entorno.atencion
    interna = svc.registrar(at, peticion(2022, canalizacion={"tipo": "area_interna", "destino": "Asesoría Jurídica"}))
    assert interna.estatus == "canalizada"
    [c] = interna.canalizaciones
    assert (c.tipo, c.destino, c.destino_nombre, c.externa, c.numero_oficio) == (
        "area_interna", "asesoria_juridica", "Asesoría Jurídica", False, None)

    externa = svc.registrar(at, peticion(2022, canalizacion={"tipo": "dependencia", "destino": "sidur",
                                                             "nota": "Urgente"}))
    [c] = externa.canalizaciones
    assert (c.tipo, c.destino, c.externa, c.numero_oficio, c.nota) == (
        "dependencia", "SIDUR", True, "OEE/CEAC/0001/2022", "Urgente")
    assert c.destino_nombre == "Secretaría de Infraestructura y Desarrollo Urbano"
    # By name too, and the type defaults to an agency; the CAN series counts on.
    otra = svc.registrar(at, peticion(2022, canalizacion={"destino": "Secretaría de Seguridad Pública"}))
    assert (otra.canalizaciones[0].destino, otra.canalizaciones[0].numero_oficio) == ("SSP", "OEE/CEAC/0002/2022")

    # Canalized later: the oficio is dated and numbered now; an annulled petition is not canalized.
    sin = svc.registrar(at, peticion(2022))
    assert (sin.estatus, sin.canalizaciones) == ("recibida", [])
    despues = svc.canalizar(at, sin.folio.lower(), {"tipo": "dependencia", "destino": "SSP"})
    assert despues.estatus == "canalizada"
    [c] = despues.canalizaciones
    assert re.fullmatch(rf"OEE/CEAC/\d{{4}}/{dt.date.today().year}", c.numero_oficio), c.numero_oficio
    assert c.fecha.date() == dt.date.today()
    otra_mas = svc.canalizar(at, sin.folio, {"tipo": "area_interna", "destino": "atencion_gestion_inmediata"})
    assert [x.destino for x in otra_mas.canalizaciones] == ["SSP", "atencion_gestion_inmediata"]
    svc.anular(entorno.supervisor, sin.folio, "Capturada dos veces")
    antes = foto(entorno.bd)
    with pytest.raises(Conflicto):
        svc.canalizar(at, sin.folio, {"tipo": "area_interna", "destino": "asesoria_juridica"})
    with pytest.raises(ErrorValidacion) as e:
        svc.canalizar(at, interna.folio, {"tipo": "dependencia", "destino": "NASA"})
    assert e.value.problemas[0].campo == "canalizacion.destino"
    with pytest.raises(PermisoDenegado):  # field staff capture, the desk canalizes
        svc.canalizar(entorno.campo, interna.folio, {"tipo": "dependencia", "destino": "SSP"})
    with pytest.raises(PermisoDenegado):
        svc.registrar(entorno.campo, peticion(2022, canalizacion={"tipo": "dependencia", "destino": "SSP"}))
    with pytest.raises(NoEncontrado):
        svc.canalizar(at, "AC-1999-000999", {"tipo": "dependencia", "destino": "SSP"})
    assert foto(entorno.bd) == antes


# --- giras ------------------------------------------------------------------------------------------
def test_peticion_de_gira(entorno, svc):
    gira = entorno.giras.registrar(entorno.campo, {"fecha": "2008-05-13", "municipio": "Álamos",
                                                   "evento": "Inauguración del hospital"})
    p = svc.registrar(entorno.campo, peticion(2008, canal="gira", gira=gira.clave.lower(),
                                              fecha_recepcion="2008-05-13T12:00:00"))
    assert (p.gira, p.canal, p.canal_nombre) == (gira.clave, "gira", "Giras Gobernador")
    assert p.como_json()["gira"] == gira.clave
    with entorno.bd.lectura() as s:
        guardada = s.get(Peticion, p.id)
        assert guardada.gira_id == gira.id and guardada.municipio_id == s.get(Gira, gira.id).municipio_id


def test_peticion_de_gira_capturada_despues_es_del_dia_de_la_gira(entorno, svc):
    """A laptop synced weeks later: without a reception time, the petition is the tour's day's."""
    gira = entorno.giras.registrar(entorno.campo, {"fecha": "2007-03-09", "municipio": "Cajeme",
                                                   "evento": "Gira de trabajo"})
    datos = peticion(2007, canal="gira", gira=gira.clave)
    del datos["fecha_recepcion"]
    p = svc.registrar(entorno.campo, datos)
    assert p.fecha_recepcion == dt.datetime(2007, 3, 9, 0, 0) and p.folio.startswith("AC-2007-")


# --- permissions and personal data ------------------------------------------------------------------
@pytest.mark.parametrize("rol, puede", [(Rol.ATENCION, True), (Rol.CAMPO, True), (Rol.SUPERVISOR, False),
                                        (Rol.ADMIN, False), (Rol.RECEPCION, False)])
def test_quien_registra(entorno, svc, rol, puede):
    actor = getattr(entorno, rol.value)
    if puede:
        assert svc.registrar(actor, peticion(2009)).folio.startswith("AC-2009-")
        return
    antes = foto(entorno.bd)
    with pytest.raises(PermisoDenegado) as e:
        svc.registrar(actor, peticion(2009))
    assert rol.etiqueta in e.value.mensaje
    with pytest.raises(PermisoDenegado):  # not even bad input gets further than the permission
        svc.registrar(actor, {"canal": "telegrama"})
    assert foto(entorno.bd) == antes


def test_recepcion_no_ve_peticiones(entorno, svc):
    p = svc.registrar(entorno.atencion, peticion(2009))
    antes = foto(entorno.bd)
    with pytest.raises(PermisoDenegado):
        svc.obtener(entorno.recepcion, p.folio)
    with pytest.raises(PermisoDenegado):
        svc.anular(entorno.atencion, p.folio, "no")
    assert foto(entorno.bd) == antes


def test_datos_personales_completos_o_enmascarados_y_su_bitacora(entorno, svc):
    p = svc.registrar(entorno.atencion, peticion(2010, persona(
        nombre="José María", primer_apellido="Valenzuela", segundo_apellido="Yocupicio", telefono="6621234567",
        correo="jose@example.com", curp=CURP_2)))
    cid = p.ciudadano.id

    def accesos():
        with entorno.bd.lectura() as s:
            return [(a.usuario, a.usuario_id, a.ciudadano_id, a.accion, a.detalle) for a in s.scalars(
                select(AccesoDatosPersonales).where(AccesoDatosPersonales.ciudadano_id == cid)
                .order_by(AccesoDatosPersonales.momento, AccesoDatosPersonales.id))]

    assert accesos() == []
    completa = svc.obtener(entorno.atencion, p.folio)
    c = completa.ciudadano
    assert (c.nombre, c.primer_apellido, c.telefono, c.correo, c.curp, c.enmascarado) == (
        "José María", "Valenzuela", "6621234567", "jose@example.com", CURP_2, False)
    assert accesos() == [("prueba_atencion", entorno.atencion.usuario_id, cid, "ver", f"petición {p.folio}")]
    svc.obtener(entorno.supervisor, p.folio)
    assert [a[0] for a in accesos()] == ["prueba_atencion", "prueba_supervisor"]

    enmascarada = svc.obtener(entorno.admin, p.folio)
    m = enmascarada.ciudadano
    assert m.enmascarado is True
    assert (m.nombre, m.primer_apellido, m.segundo_apellido) == ("J*** M***", "V***", "Y***")
    assert m.telefono.endswith("67") and "66212345" not in m.telefono and len(m.telefono) == 10
    assert "jose" not in (m.correo or "") and CURP_2 not in (m.curp or "") and "Kino" not in (m.domicilio or "")
    volcado = json.dumps(enmascarada.como_json(), ensure_ascii=False)
    for dato in ("José", "Valenzuela", "Yocupicio", "6621234567", "jose@example.com", CURP_2):
        assert dato not in volcado, dato
    # The petition itself is still readable for support.
    assert (enmascarada.folio, enmascarada.descripcion) == (p.folio, p.descripcion)
    assert len(accesos()) == 2  # nothing personal was shown to the admin, nothing logged


def test_anular(entorno, svc):
    p = svc.registrar(entorno.atencion, peticion(2011))
    with pytest.raises(PermisoDenegado):
        svc.anular(entorno.atencion, p.folio, "Duplicada")
    with pytest.raises(ErrorValidacion) as e:
        svc.anular(entorno.supervisor, p.folio, "  ")
    assert e.value.problemas[0].campo == "motivo"
    anulada = svc.anular(entorno.supervisor, p.folio.lower(), "Capturada dos veces")
    assert (anulada.folio, anulada.estatus, anulada.motivo_anulacion, anulada.semaforo) == (
        p.folio, "anulada", "Capturada dos veces", None)
    with pytest.raises(Conflicto):
        svc.anular(entorno.supervisor, p.folio, "Otra vez")
    # The folio stays; the next one follows it.
    assert svc.registrar(entorno.atencion, peticion(2011)).folio == "AC-2011-000002"
    with pytest.raises(NoEncontrado) as e:
        svc.anular(entorno.supervisor, "AC-2011-000099", "x")
    assert "AC-2011-000099" in e.value.mensaje


# --- audit --------------------------------------------------------------------------------------------
def test_cada_cambio_con_su_auditoria_sin_datos_personales(entorno, svc):
    at = entorno.atencion
    datos = persona(nombre="Rosa Elena", primer_apellido="Moroyoqui", segundo_apellido="Buitimea",
                    telefono="6449876543", correo="rosa@example.com", curp=CURP_3, domicilio="Calle Yaqui 7")
    p = svc.registrar(at, peticion(2012, datos, canalizacion={"tipo": "dependencia", "destino": "SIDUR"}))
    filas = {t: auditoria(entorno.bd, t) for t in ("peticiones", "ciudadanos", "canalizaciones")}
    [cp] = [a for a in filas["peticiones"] if a.registro_id == str(p.id) and a.accion == "crear"]
    assert cp.despues["folio"] == p.folio and cp.usuario == "prueba_atencion"
    assert cp.usuario_id == at.usuario_id
    [cc] = [a for a in filas["ciudadanos"] if a.registro_id == str(p.ciudadano.id)]
    assert cc.accion == "crear" and cc.usuario == "prueba_atencion"
    for campo in ("nombre", "primer_apellido", "segundo_apellido", "telefono", "correo", "curp", "domicilio"):
        assert cc.despues[campo] == "***", campo
    [ca] = [a for a in filas["canalizaciones"] if a.despues and a.despues.get("peticion_id") == str(p.id)]
    assert ca.despues["numero_oficio"] == p.canalizaciones[0].numero_oficio

    entorno.seguimientos.agregar(at, p.folio, {"fecha": "2012-03-02T09:00:00", "tipo": "llamada_saliente",
                                               "resultado": "contesto", "nota": "Se le informó el folio"})
    [cs] = [a for a in auditoria(entorno.bd, "seguimientos") if a.despues.get("peticion_id") == str(p.id)]
    assert (cs.accion, cs.despues["tipo"], cs.despues["resultado"]) == ("crear", "llamada_saliente", "contesto")
    cambios = [a for a in auditoria(entorno.bd, "peticiones", p.id) if a.accion == "seguimiento"]
    assert any(a.despues.get("estatus") == "en_seguimiento" and a.antes.get("estatus") == "canalizada"
               for a in cambios)
    svc.anular(entorno.supervisor, p.folio, "Prueba de auditoría")
    [an] = [a for a in auditoria(entorno.bd, "peticiones", p.id) if a.accion == "anular"]
    assert (an.usuario, an.despues["estatus"], an.despues["motivo_anulacion"]) == (
        "prueba_supervisor", "anulada", "Prueba de auditoría")

    # No personal value anywhere in the log.
    with entorno.bd.lectura() as s:
        todo = json.dumps([[a.antes, a.despues] for a in s.scalars(select(Auditoria))], ensure_ascii=False)
    for dato in ("Rosa Elena", "Moroyoqui", "Buitimea", "6449876543", "rosa@example.com", CURP_3, "Calle Yaqui"):
        assert dato not in todo, dato
