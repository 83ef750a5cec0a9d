"""Personal data (domain.md): masked for roles that do not need it, every view and export logged and
listed for supervisors, a citizen's data exported whole and anonymized on request."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from oee_desk.db.modelos_atencion import Ciudadano, Peticion
from oee_desk.domain.errores import Conflicto, ErrorValidacion, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services.ciudadanos import ServicioCiudadanos
from oee_desk.services.lista_peticiones import FiltroPeticiones, ServicioListaPeticiones
from oee_desk.services.peticiones import ServicioPeticiones
from oee_desk.services.privacidad import FiltroAccesos, ServicioPrivacidad
from oee_desk.services.seguimientos import ServicioSeguimientos

from ayuda_privacidad import CURP_JOSE, JOSE, auditoria, registrar, texto_auditoria
from conftest import sesion_con_rol


@pytest.fixture
def roles(bd):
    return {rol: sesion_con_rol(bd, rol) for rol in Rol}


@pytest.fixture
def peticion(bd, roles):
    return registrar(bd, roles[Rol.ATENCION], canalizacion={"tipo": "dependencia", "destino": "SIDUR",
                                                            "nota": "Vivienda en zona de riesgo"})


def test_administracion_ve_datos_enmascarados_y_no_queda_registro(bd, roles, peticion):
    cid = peticion.ciudadano.id
    d = ServicioCiudadanos(bd).obtener(roles[Rol.ADMIN], cid)
    assert d.enmascarado
    assert (d.nombre, d.primer_apellido, d.segundo_apellido) == ("J*** M***", "V***", "Y***")
    assert d.telefono == "••••••••67" and d.curp == "••••••••••••••••••" and d.correo == "•••@•••"
    assert d.domicilio == "•••"
    assert ServicioPeticiones(bd).obtener(roles[Rol.ADMIN], peticion.folio).ciudadano.telefono == "••••••••67"
    # Recepción does not work with citizens at all; nobody without the permission sees them unmasked.
    with pytest.raises(PermisoDenegado):
        ServicioCiudadanos(bd).obtener(roles[Rol.RECEPCION], cid)
    for rol in (Rol.ADMIN, Rol.RECEPCION):
        with pytest.raises(PermisoDenegado, match=rol.etiqueta):
            ServicioPrivacidad(bd).datos_completos(roles[rol], cid)
    accesos = ServicioPrivacidad(bd).listar_accesos(roles[Rol.SUPERVISOR], FiltroAccesos(ciudadano_id=cid))
    assert accesos == []  # a masked view shows nothing personal: nothing to log


def test_cada_consulta_queda_registrada_y_supervision_la_lista(bd, roles, peticion):
    cid, privacidad = peticion.ciudadano.id, ServicioPrivacidad(bd)
    otra = registrar(bd, roles[Rol.CAMPO], {"nombre": "Guadalupe", "primer_apellido": "Moreno",
                                            "telefono": "6441112233", "municipio": "26018"})
    completo = ServicioCiudadanos(bd).obtener(roles[Rol.ATENCION], cid, motivo="llamada de seguimiento")
    assert not completo.enmascarado and completo.telefono == "6621234567" and completo.curp == CURP_JOSE
    ServicioPeticiones(bd).obtener(roles[Rol.CAMPO], peticion.folio)
    ServicioPeticiones(bd).obtener(roles[Rol.CAMPO], otra.folio)
    d = privacidad.datos_completos(roles[Rol.SUPERVISOR], cid, motivo="revisión de queja")
    assert d.nombre == "José María" and not d.enmascarado

    sup = roles[Rol.SUPERVISOR]
    filas = privacidad.listar_accesos(sup, FiltroAccesos(ciudadano_id=str(cid)))
    assert [(e.usuario, e.accion, e.detalle) for e in filas] == [
        ("prueba_supervisor", "ver", "revisión de queja"),
        ("prueba_campo", "ver", f"petición {peticion.folio}"),
        ("prueba_atencion", "ver", "llamada de seguimiento"),
    ]
    assert {e.ciudadano for e in filas} == {"José María Valenzuela Yocupicio"}
    assert all(isinstance(e.momento, dt.datetime) for e in filas)
    assert privacidad.contar_accesos(sup) == 4
    assert [e.ciudadano for e in privacidad.listar_accesos(sup, FiltroAccesos(usuario="prueba_campo"))] == [
        "Guadalupe Moreno", "José María Valenzuela Yocupicio"]
    assert privacidad.contar_accesos(sup, FiltroAccesos(accion="exportar")) == 0
    hoy = dt.date.today()
    assert privacidad.contar_accesos(sup, FiltroAccesos(desde=hoy, hasta=hoy)) == 4
    assert privacidad.contar_accesos(sup, FiltroAccesos(hasta=hoy - dt.timedelta(days=1))) == 0
    pagina = privacidad.listar_accesos(sup, desde_fila=1, limite=2)
    assert [e.id for e in pagina] == [e.id for e in privacidad.listar_accesos(sup)][1:3]
    assert privacidad.usuarios_con_accesos(sup) == ["prueba_atencion", "prueba_campo", "prueba_supervisor"]
    for rol in (Rol.ADMIN, Rol.ATENCION, Rol.CAMPO, Rol.RECEPCION):
        with pytest.raises(PermisoDenegado):
            privacidad.listar_accesos(roles[rol])
    with pytest.raises(ErrorValidacion, match="ciudadano_id"):
        privacidad.listar_accesos(sup, FiltroAccesos(ciudadano_id="no-es-un-id"))


def test_exportar_entrega_todo_y_queda_registrado(bd, roles, peticion):
    cid = peticion.ciudadano.id
    ServicioSeguimientos(bd).agregar(roles[Rol.ATENCION], peticion.folio, {
        "tipo": "llamada_saliente", "resultado": "contesto", "nota": "Se le informó el avance"})
    segunda = registrar(bd, roles[Rol.ATENCION], ciudadano_id=cid, tema="salud", descripcion="Medicamentos")
    ServicioCiudadanos(bd).obtener(roles[Rol.ATENCION], cid)

    datos = ServicioPrivacidad(bd).exportar_ciudadano(roles[Rol.SUPERVISOR], cid)
    json.dumps(datos, ensure_ascii=False)  # written to a file as it is
    c = datos["ciudadano"]
    assert (c["nombre"], c["primer_apellido"], c["telefono"], c["curp"], c["correo"], c["domicilio"]) == (
        "José María", "Valenzuela", "6621234567", CURP_JOSE, "jm.valenzuela@ejemplo.mx", JOSE["domicilio"])
    assert c["municipio"] == "26030" and c["enmascarado"] is False
    assert [p["folio"] for p in datos["peticiones"]] == [peticion.folio, segunda.folio]
    primera = datos["peticiones"][0]
    assert [x["destino"] for x in primera["canalizaciones"]] == ["SIDUR"]
    assert primera["canalizaciones"][0]["numero_oficio"]
    assert [(x["tipo"], x["nota"]) for x in primera["seguimientos"]] == [("llamada_saliente",
                                                                         "Se le informó el avance")]
    assert primera["descripcion"] == "Solicita apoyo para mejorar su vivienda"
    assert [(a["usuario"], a["accion"]) for a in datos["accesos"]] == [
        ("prueba_atencion", "ver"), ("prueba_supervisor", "exportar")]
    assert datos["generado_por"] == "prueba_supervisor"
    ultimo = ServicioPrivacidad(bd).listar_accesos(roles[Rol.SUPERVISOR], limite=1)[0]
    assert (ultimo.usuario, ultimo.ciudadano_id, ultimo.accion) == ("prueba_supervisor", cid, "exportar")
    for rol in (Rol.ADMIN, Rol.ATENCION, Rol.CAMPO, Rol.RECEPCION):
        with pytest.raises(PermisoDenegado):
            ServicioPrivacidad(bd).exportar_ciudadano(roles[rol], cid)


def _por_municipio(bd, actor) -> dict[str, int]:
    lista = ServicioListaPeticiones(bd)
    return {m: lista.contar(actor, FiltroPeticiones(municipio=m)) for m in ("26030", "26018")}


def test_anonimizar_borra_a_la_persona_y_las_estadisticas_siguen_contando(bd, roles, peticion):
    cid, sup, atencion = peticion.ciudadano.id, roles[Rol.SUPERVISOR], roles[Rol.ATENCION]
    registrar(bd, atencion, ciudadano_id=cid, tema="salud", descripcion="Medicamentos")
    registrar(bd, atencion, {"nombre": "Guadalupe", "primer_apellido": "Moreno", "municipio": "26018",
                             "telefono": "6441112233"})
    antes = _por_municipio(bd, sup)
    assert antes == {"26030": 2, "26018": 1}
    assert ServicioCiudadanos(bd).buscar(atencion, "valenzuela jose")
    ServicioPeticiones(bd).obtener(atencion, peticion.folio)

    d = ServicioPrivacidad(bd).anonimizar(sup, cid, "Solicitud de cancelación del titular, escrito del 2024-03-05")
    assert d.anonimizado and d.nombre == "Anónimo" and d.municipio == "26030"
    assert (d.primer_apellido, d.segundo_apellido, d.telefono, d.telefono_alterno, d.correo, d.curp,
            d.localidad, d.domicilio) == (None,) * 8
    assert d.peticiones_total == 2  # the petitions stay with the (anonymous) citizen

    # Not findable any more, by any piece of what was there.
    for texto in ("valenzuela jose", "6621234567", "662 123 4567", CURP_JOSE, "jm.valenzuela", "anonimo"):
        assert ServicioCiudadanos(bd).buscar(atencion, texto) == [], texto
        assert ServicioListaPeticiones(bd).buscar(atencion, texto) == [], texto
    # The statistics keep counting, and the petition itself is untouched.
    assert _por_municipio(bd, sup) == antes
    p = ServicioPeticiones(bd).obtener(atencion, peticion.folio)
    assert (p.estatus, p.tema, p.descripcion) == ("canalizada", "vivienda", peticion.descripcion)
    assert p.ciudadano.nombre_completo == "Anónimo"
    with bd.lectura() as s:
        c = s.get(Ciudadano, cid)
        assert (c.texto_busqueda, c.clave_nombre, c.anonimizado) == ("", "", True)
        assert s.scalar(select(Peticion.municipio_id).where(Peticion.folio == peticion.folio)) is not None

    # Logged, audited, and no copy of the data left in the audit log.
    registro = ServicioPrivacidad(bd).listar_accesos(sup, FiltroAccesos(ciudadano_id=cid, accion="anonimizar"))
    assert [(e.usuario, e.ciudadano, e.detalle) for e in registro] == [
        ("prueba_supervisor", "Anónimo", "Solicitud de cancelación del titular, escrito del 2024-03-05")]
    filas = auditoria(bd, tabla="ciudadanos", registro_id=str(cid), accion="anonimizar")
    assert len(filas) == 1 and filas[0].usuario == "prueba_supervisor"
    assert {"telefono", "curp", "anonimizado"} <= set(filas[0].despues)
    assert filas[0].despues["telefono"] is None and filas[0].antes["telefono"] == "***"
    texto = texto_auditoria(bd)
    for dato in ("Valenzuela", "Yocupicio", "6621234567", CURP_JOSE, "jm.valenzuela", "Reforma"):
        assert dato not in texto

    with pytest.raises(Conflicto, match="ya estaba anonimizado"):
        ServicioPrivacidad(bd).anonimizar(sup, cid, "otra vez")
    with pytest.raises(PermisoDenegado):
        ServicioPrivacidad(bd).anonimizar(roles[Rol.ATENCION], cid, "sin permiso")


def test_anonimizar_pide_motivo_y_un_ciudadano_que_exista(bd, roles, peticion):
    sup = roles[Rol.SUPERVISOR]
    with pytest.raises(ErrorValidacion, match="motivo"):
        ServicioPrivacidad(bd).anonimizar(sup, peticion.ciudadano.id, "   ")
    with pytest.raises(ErrorValidacion, match="ciudadano_id"):
        ServicioPrivacidad(bd).anonimizar(sup, "x", "motivo")
    assert ServicioCiudadanos(bd).obtener(sup, peticion.ciudadano.id).nombre == "José María"
