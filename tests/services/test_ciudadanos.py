"""The citizen registry on both engines: find a caller as the operator types (name words in any
order without accents, phone, CURP, e-mail), create with duplicate warnings, edit with a version
check, merged records leading to the one that stayed, masked data for the admin, the personal-data
log, and the audit that never copies a personal value."""
from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from oee_desk.db.modelos import Auditoria
from oee_desk.db.modelos_atencion import AccesoDatosPersonales, Ciudadano
from oee_desk.domain.errores import Conflicto, ErrorValidacion, NoEncontrado, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services.ciudadanos import ServicioCiudadanos

from test_peticiones import CURP_2, MOTORES, abrir_entorno, apellido_unico, auditoria, foto, telefono_unico


@pytest.fixture(scope="module", params=MOTORES)
def entorno(request, tmp_path_factory):
    yield from abrir_entorno(request, tmp_path_factory, "ciudadanos")


@pytest.fixture
def svc(entorno):
    return ServicioCiudadanos(entorno.bd)


def ciudadano(**cambios) -> dict:
    return {"nombre": "Ángel Jesús", "primer_apellido": "Núñez", "segundo_apellido": apellido_unico(),
            "telefono": telefono_unico(), "municipio": "Cajeme", "localidad": "Ciudad Obregón", **cambios}


def accesos(entorno, cid) -> list[tuple]:
    with entorno.bd.lectura() as s:
        return [(a.usuario, a.accion, a.detalle) for a in s.scalars(
            select(AccesoDatosPersonales).where(AccesoDatosPersonales.ciudadano_id == cid)
            .order_by(AccesoDatosPersonales.momento, AccesoDatosPersonales.id))]


def test_crear_y_encontrar_como_escribe_el_operador(entorno, svc):
    apellido = apellido_unico()
    creado = svc.crear(entorno.atencion, ciudadano(segundo_apellido=apellido, telefono="(662) 555-12-34",
                                                   correo="Angel.Nunez@Example.com", curp=CURP_2.lower()))
    c = creado.ciudadano
    assert (c.telefono, c.correo, c.curp, c.municipio, c.municipio_nombre) == (
        "6625551234", "angel.nunez@example.com", CURP_2, "26018", "Cajeme")
    assert creado.posibles_duplicados == []
    for texto in (f"{apellido} nunez angel", f"ANGEL {apellido.upper()}", f"jesus {apellido} ángel núñez",
                  "6625551234", "662 555 1234", "662-555-1234", CURP_2.lower(), "angel.nunez@example",
                  f"{apellido[:4]} nu"):
        assert c.id in [x.id for x in svc.buscar(entorno.atencion, texto)], texto
    assert svc.buscar(entorno.atencion, f"{apellido} perez") == []
    assert svc.buscar(entorno.atencion, "   ") == []


@pytest.mark.parametrize("texto", ["(662) 555-12-35", "+52 662 555 1235"])
def test_encontrar_telefono_con_parentesis_o_lada(entorno, svc, texto):
    c = svc.crear(entorno.atencion, ciudadano(telefono="6625551235")).ciudadano
    assert c.id in [x.id for x in svc.buscar(entorno.atencion, texto)]


def test_duplicados_al_crear(entorno, svc):
    telefono, apellido = telefono_unico(), apellido_unico()
    original = svc.crear(entorno.atencion, ciudadano(telefono=telefono, segundo_apellido=apellido)).ciudadano
    por_telefono = svc.crear(entorno.atencion, ciudadano(nombre="Otra", telefono_alterno=telefono))
    assert [(d.ciudadano.id, d.motivo) for d in por_telefono.posibles_duplicados] == [
        (original.id, "mismo teléfono")]
    por_nombre = svc.crear(entorno.atencion, ciudadano(nombre=f"{apellido} nunez", primer_apellido="Angel",
                                                       segundo_apellido="JESUS", municipio="26018"))
    assert [(d.ciudadano.id, d.motivo) for d in por_nombre.posibles_duplicados] == [
        (original.id, "mismo nombre en el mismo municipio")]
    assert {(d.ciudadano.id, d.motivo) for d in svc.duplicados(entorno.atencion, original.id)} == {
        (por_telefono.ciudadano.id, "mismo teléfono"), (por_nombre.ciudadano.id, "mismo nombre en el mismo municipio")}


@pytest.mark.parametrize("datos, campo", [
    ({"nombre": " "}, "nombre"),
    ({"telefono": "662 CALL ME"}, "telefono"),
    ({"telefono_alterno": "12"}, "telefono_alterno"),
    ({"correo": "angel(at)example.com"}, "correo"),
    ({"curp": "NUAA800101HSRXXX01"}, "curp"),
    ({"municipio": "Tijuana"}, "municipio"),
    ({"municipio": "99999"}, "municipio"),
    ({"acepta_aviso_privacidad": "quizá"}, "acepta_aviso_privacidad"),
])
def test_ciudadano_malo_nombra_el_campo_y_no_escribe(entorno, svc, datos, campo):
    antes = foto(entorno.bd)
    with pytest.raises(ErrorValidacion) as e:
        svc.crear(entorno.atencion, ciudadano(**datos))
    assert campo in [p.campo for p in e.value.problemas], e.value.problemas
    assert foto(entorno.bd) == antes


def test_editar_con_version_y_auditoria_sin_valores(entorno, svc):
    c = svc.crear(entorno.atencion, ciudadano(telefono="6441237788", domicilio="Calle Sufragio 12")).ciudadano
    editado = svc.editar(entorno.atencion, c.id, c.version, {"telefono": "644-123-9900", "municipio": "Navojoa"})
    assert (editado.telefono, editado.municipio_nombre) == ("6441239900", "Navojoa")
    assert editado.version == c.version + 1  # one edit, one UPDATE
    assert editado.nombre == c.nombre and editado.domicilio == "Calle Sufragio 12"
    antes = foto(entorno.bd)
    with pytest.raises(Conflicto):  # the operator saw the old version
        svc.editar(entorno.atencion, c.id, c.version, {"telefono": "6441230000"})
    with pytest.raises(ErrorValidacion) as e:
        svc.editar(entorno.atencion, c.id, editado.version, {"correo": "sin arroba"})
    assert e.value.problemas[0].campo == "correo"
    with pytest.raises(PermisoDenegado):
        svc.editar(entorno.supervisor, c.id, editado.version, {"localidad": "Etchojoa"})
    assert foto(entorno.bd) == antes
    cambios = [a for a in auditoria(entorno.bd, "ciudadanos", c.id) if a.accion == "editar"]
    assert len(cambios) == 1 and cambios[0].usuario == "prueba_atencion"
    [telefono] = [a for a in cambios if "telefono" in a.despues]
    assert telefono.antes["telefono"] == telefono.despues["telefono"] == "***"
    assert any("municipio_id" in a.despues for a in cambios)
    with entorno.bd.lectura() as s:
        todo = json.dumps([[a.antes, a.despues] for a in s.scalars(select(Auditoria))])
    assert "6441237788" not in todo and "6441239900" not in todo and "Sufragio" not in todo


def test_fusionado_lleva_al_que_quedo_y_no_aparece_en_busquedas(entorno, svc):
    apellido = apellido_unico()
    quedo = svc.crear(entorno.atencion, ciudadano(segundo_apellido=apellido)).ciudadano
    fusionado = svc.crear(entorno.atencion, ciudadano(segundo_apellido=apellido)).ciudadano
    with entorno.bd.escritura(entorno.supervisor) as s:
        s.get(Ciudadano, fusionado.id).fusionado_en = quedo.id
    assert svc.obtener(entorno.atencion, fusionado.id).id == quedo.id
    assert [x.id for x in svc.buscar(entorno.atencion, apellido)] == [quedo.id]
    with pytest.raises(NoEncontrado):
        svc.obtener(entorno.atencion, uuid.uuid4())
    with pytest.raises(ErrorValidacion) as e:
        svc.obtener(entorno.atencion, "no-es-un-id")
    assert e.value.problemas[0].campo == "ciudadano_id"


def test_ver_datos_queda_en_la_bitacora_y_el_admin_los_ve_enmascarados(entorno, svc):
    c = svc.crear(entorno.atencion, ciudadano(nombre="Rosa", primer_apellido="Moroyoqui", segundo_apellido="Buitimea",
                                              telefono="6441112233", curp=CURP_2)).ciudadano
    assert accesos(entorno, c.id) == []
    visto = svc.obtener(entorno.atencion, c.id, motivo="llamada de seguimiento")
    assert (visto.nombre, visto.telefono, visto.enmascarado) == ("Rosa", "6441112233", False)
    assert accesos(entorno, c.id) == [("prueba_atencion", "ver", "llamada de seguimiento")]
    # Searching as the operator types is not a view of anyone's record.
    svc.buscar(entorno.atencion, "moroyoqui")
    assert len(accesos(entorno, c.id)) == 1

    admin = svc.obtener(entorno.admin, c.id)
    assert (admin.nombre, admin.primer_apellido, admin.enmascarado) == ("R***", "M***", True)
    assert admin.telefono.endswith("33") and "64411122" not in admin.telefono
    assert CURP_2 not in (admin.curp or "")
    assert all(x.enmascarado for x in svc.buscar(entorno.admin, "moroyoqui buitimea"))
    with pytest.raises(PermisoDenegado):
        svc.obtener(entorno.recepcion, c.id)
    with pytest.raises(PermisoDenegado):
        svc.buscar(entorno.recepcion, "moroyoqui")


def test_bitacora_de_accesos_no_se_cambia_ni_se_borra(entorno, svc):
    c = svc.crear(entorno.atencion, ciudadano()).ciudadano
    svc.obtener(entorno.atencion, c.id)
    for sentencia in ("UPDATE accesos_datos_personales SET accion = 'nada'",
                      "DELETE FROM accesos_datos_personales"):
        with pytest.raises(Exception) as e:
            with entorno.bd.motor.begin() as conexion:
                conexion.exec_driver_sql(sentencia)
        assert "no admite" in str(e.value)
    assert len(accesos(entorno, c.id)) == 1


@pytest.mark.parametrize("rol", [Rol.SUPERVISOR, Rol.ADMIN, Rol.RECEPCION])
def test_quien_no_crea_ciudadanos(entorno, svc, rol):
    antes = foto(entorno.bd)
    with pytest.raises(PermisoDenegado):
        svc.crear(getattr(entorno, rol.value), ciudadano())
    assert foto(entorno.bd) == antes
