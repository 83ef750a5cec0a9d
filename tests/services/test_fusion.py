"""Duplicates: candidates flagged by phone, CURP or name in a municipio; a supervisor merges two
citizens field by field (audited, petitions moved, nothing lost); a petition folded into another."""
from __future__ import annotations

import pytest
from sqlalchemy import event, select

from oee_desk.db.modelos_atencion import Ciudadano, Peticion
from oee_desk.domain.errores import Conflicto, ErrorValidacion, NoEncontrado, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services.ciudadanos import ServicioCiudadanos
from oee_desk.services.fusion import ServicioFusion
from oee_desk.services.peticiones import ServicioPeticiones
from oee_desk.services.seguimientos import ServicioSeguimientos
from oee_desk.services.privacidad import FiltroAccesos, ServicioPrivacidad

from ayuda_privacidad import CURP_JOSE, CURP_MARIA, auditoria, crear_ciudadano, registrar, texto_auditoria
from conftest import sesion_con_rol


@pytest.fixture
def roles(bd):
    return {rol: sesion_con_rol(bd, rol) for rol in Rol}


def _nombres(par) -> tuple[str, str]:
    return par.a.nombre_completo, par.b.nombre_completo


def test_candidatos_por_telefono_curp_y_nombre_en_el_municipio(bd, roles):
    at = roles[Rol.ATENCION]
    crear = lambda **d: crear_ciudadano(bd, at, **d)  # noqa: E731
    a = crear(nombre="Ana", primer_apellido="Ruiz", telefono="6621112233", municipio="26030")
    b = crear(nombre="Beatriz", primer_apellido="Soto", telefono_alterno="662 111 22 33", municipio="26018")
    crear(nombre="Carlos", primer_apellido="Díaz", curp=CURP_MARIA)
    crear(nombre="Carla", primer_apellido="Díaz", curp=CURP_MARIA.lower())
    crear(nombre="José María", primer_apellido="Valenzuela", municipio="26030")
    crear(nombre="Valenzuela", primer_apellido="Jose Maria", municipio="26030")  # same words, no accents
    crear(nombre="Pedro", primer_apellido="Luna", municipio="26030")
    crear(nombre="Pedro", primer_apellido="Luna", municipio="26018")  # another municipio: another person
    crear(nombre="Sin", primer_apellido="Pareja", telefono="6449998877")

    fusion = ServicioFusion(bd)
    pares = fusion.candidatos(roles[Rol.SUPERVISOR])
    assert [(_nombres(p), p.motivo) for p in pares] == [
        (("Carlos Díaz", "Carla Díaz"), "misma CURP"),
        (("Ana Ruiz", "Beatriz Soto"), "mismo teléfono"),
        (("José María Valenzuela", "Valenzuela Jose Maria"), "mismo nombre en el mismo municipio"),
    ]
    assert (pares[1].a.id, pares[1].b.id) == (a.id, b.id)  # the older record is the one to keep
    assert not pares[0].a.enmascarado
    assert len(fusion.candidatos(roles[Rol.SUPERVISOR], limite=1)) == 1
    for rol in (Rol.ADMIN, Rol.ATENCION, Rol.CAMPO, Rol.RECEPCION):
        with pytest.raises(PermisoDenegado):
            fusion.candidatos(roles[rol])


def test_candidatos_no_lee_el_padron_entero(bd, roles):
    """The pairs come from GROUP BY in SQL: of 61 citizens, only the pair's two records are loaded."""
    for i in range(60):
        crear_ciudadano(bd, roles[Rol.CAMPO], nombre=f"Persona{i}", primer_apellido="Prueba",
                        telefono=f"66200{i:05d}", municipio="26030")
    crear_ciudadano(bd, roles[Rol.CAMPO], nombre="Otra", telefono="6620000007")
    cargados = []
    contar = lambda objeto, _contexto: cargados.append(objeto.id)  # noqa: E731
    event.listen(Ciudadano, "load", contar)
    try:
        pares = ServicioFusion(bd).candidatos(roles[Rol.SUPERVISOR])
    finally:
        event.remove(Ciudadano, "load", contar)
    assert [_nombres(p) for p in pares] == [("Persona7 Prueba", "Otra")]
    assert sorted(cargados) == sorted([pares[0].a.id, pares[0].b.id])


def test_fusionar_mueve_peticiones_conserva_el_absorbido_y_audita(bd, roles):
    at, sup = roles[Rol.ATENCION], roles[Rol.SUPERVISOR]
    p1 = registrar(bd, at, {"nombre": "José María", "primer_apellido": "Valenzuela", "telefono": "6621234567",
                            "municipio": "26030", "curp": CURP_JOSE})
    p2 = registrar(bd, at, ciudadano_id=p1.ciudadano.id, tema="salud", descripcion="Medicamentos")
    p3 = registrar(bd, at, {"nombre": "Jose Maria", "primer_apellido": "Valenzuela", "segundo_apellido": "Yocupicio",
                            "telefono": "6621234567", "telefono_alterno": "6629876543",
                            "correo": "jmv@ejemplo.mx", "municipio": "26030", "domicilio": "Calle Reforma 123"})
    conservar, absorber = p1.ciudadano, p3.ciudadano
    assert [_nombres(p) for p in ServicioFusion(bd).candidatos(sup)] == [
        ("José María Valenzuela", "Jose Maria Valenzuela Yocupicio")]

    d = ServicioFusion(bd).fusionar_ciudadanos(
        sup, conservar.id, absorber.id,
        {"segundo_apellido": "absorber", "telefono_alterno": "absorber", "correo": "absorber",
         "domicilio": "absorber", "nombre": "conservar"},
        versiones=(conservar.version, absorber.version))
    assert d.id == conservar.id
    assert (d.nombre, d.primer_apellido, d.segundo_apellido, d.telefono, d.telefono_alterno, d.correo, d.curp,
            d.domicilio, d.municipio) == ("José María", "Valenzuela", "Yocupicio", "6621234567", "6629876543",
                                          "jmv@ejemplo.mx", CURP_JOSE, "Calle Reforma 123", "26030")
    assert d.peticiones_total == 3
    for p in (p1, p2, p3):
        assert ServicioPeticiones(bd).obtener(at, p.folio).ciudadano.id == conservar.id
    # The absorbed record is kept as it was, marked; hidden from search; its id leads to the survivor.
    with bd.lectura() as s:
        viejo = s.get(Ciudadano, absorber.id)
        assert (viejo.fusionado_en, viejo.nombre, viejo.correo, viejo.anonimizado) == (
            conservar.id, "Jose Maria", "jmv@ejemplo.mx", False)
        assert s.scalars(select(Peticion.folio).where(Peticion.ciudadano_id == absorber.id)).all() == []
    encontrados = ServicioCiudadanos(bd).buscar(at, "valenzuela")
    assert [c.id for c in encontrados] == [conservar.id]
    assert ServicioCiudadanos(bd).buscar(at, "6629876543")[0].id == conservar.id  # found by the merged phone
    assert ServicioCiudadanos(bd).obtener(at, absorber.id).id == conservar.id
    nueva = registrar(bd, at, ciudadano_id=absorber.id, descripcion="Vuelve a llamar")
    assert nueva.ciudadano.id == conservar.id
    assert ServicioFusion(bd).candidatos(sup) == []

    # Audited: the explicit row names both ids and the chosen fields; moved petitions have theirs.
    fila, = auditoria(bd, tabla="ciudadanos", registro_id=str(conservar.id), accion="fusionar",
                      usuario="prueba_supervisor")[-1:]
    assert fila.despues["ciudadano_absorbido"] == str(absorber.id)
    assert fila.despues["ciudadano_conservado"] == str(conservar.id)
    assert sorted(fila.despues["campos_del_absorbido"]) == ["correo", "domicilio", "segundo_apellido",
                                                            "telefono_alterno"]
    assert sorted(fila.despues["peticiones_movidas"]) == [p3.folio]
    movida = auditoria(bd, tabla="peticiones", registro_id=str(p3.id), accion="fusionar")
    assert [f.despues["ciudadano_id"] for f in movida] == [str(conservar.id)]
    marcado = auditoria(bd, tabla="ciudadanos", registro_id=str(absorber.id), accion="fusionar")
    assert marcado[0].despues["fusionado_en"] == str(conservar.id)
    texto = texto_auditoria(bd)
    for dato in ("Valenzuela", "Yocupicio", "6621234567", "6629876543", CURP_JOSE, "jmv@", "Reforma"):
        assert dato not in texto
    accesos = ServicioPrivacidad(bd).listar_accesos(sup, FiltroAccesos(accion="fusionar"))
    assert {(e.ciudadano_id, e.usuario) for e in accesos} == {(conservar.id, "prueba_supervisor"),
                                                              (absorber.id, "prueba_supervisor")}


def test_fusionar_rechaza_lo_que_no_tiene_sentido(bd, roles):
    at, sup, fusion = roles[Rol.ATENCION], roles[Rol.SUPERVISOR], ServicioFusion(bd)
    a = crear_ciudadano(bd, at, nombre="Ana", telefono="6621112233")
    b = crear_ciudadano(bd, at, nombre="Ana", telefono="6621112233")
    c = crear_ciudadano(bd, at, nombre="Ana", telefono="6621112233")
    with pytest.raises(ErrorValidacion, match="consigo mismo"):
        fusion.fusionar_ciudadanos(sup, a.id, a.id, {})
    with pytest.raises(ErrorValidacion, match="elecciones.telefono"):
        fusion.fusionar_ciudadanos(sup, a.id, b.id, {"telefono": "ambos"})
    with pytest.raises(ErrorValidacion, match="edad"):
        fusion.fusionar_ciudadanos(sup, a.id, b.id, {"edad": "absorber"})
    with pytest.raises(NoEncontrado):
        fusion.fusionar_ciudadanos(sup, a.id, "0190f0e4-0000-7000-8000-000000000000", {})
    ServicioCiudadanos(bd).editar(at, b.id, b.version, {"correo": "ana@ejemplo.mx"})
    with pytest.raises(Conflicto, match="Otra persona"):
        fusion.fusionar_ciudadanos(sup, a.id, b.id, {}, versiones=(a.version, b.version))
    with pytest.raises(PermisoDenegado):
        fusion.fusionar_ciudadanos(at, a.id, b.id, {})
    fusion.fusionar_ciudadanos(sup, a.id, b.id, {"correo": "absorber"})
    for conservar, absorber in ((a.id, b.id), (b.id, c.id), (c.id, b.id)):
        with pytest.raises(Conflicto, match="ya fue fusionado"):
            fusion.fusionar_ciudadanos(sup, conservar, absorber, {})
    ServicioPrivacidad(bd).anonimizar(sup, c.id, "Solicitud del titular")
    with pytest.raises(Conflicto, match="anonimizado"):
        fusion.fusionar_ciudadanos(sup, a.id, c.id, {})
    assert ServicioCiudadanos(bd).obtener(sup, a.id).correo == "ana@ejemplo.mx"


def test_fusionar_peticiones(bd, roles):
    at, sup, fusion = roles[Rol.ATENCION], roles[Rol.SUPERVISOR], ServicioFusion(bd)
    p1 = registrar(bd, at, proxima_llamada="2024-03-04")
    p2 = registrar(bd, at, ciudadano_id=p1.ciudadano.id, proxima_llamada="2024-03-04")
    p3 = registrar(bd, at, ciudadano_id=p1.ciudadano.id)
    with pytest.raises(PermisoDenegado):
        fusion.fusionar_peticiones(at, p1.folio, p2.folio, "duplicada")
    with pytest.raises(ErrorValidacion, match="consigo misma"):
        fusion.fusionar_peticiones(sup, p1.folio, p1.folio, "duplicada")
    with pytest.raises(ErrorValidacion, match="motivo"):
        fusion.fusionar_peticiones(sup, p1.folio, p2.folio, "")
    sobrevive = fusion.fusionar_peticiones(sup, p1.folio, p2.folio, "Registrada dos veces por el Call Center")
    assert sobrevive.folio == p1.folio
    with bd.lectura() as s:
        absorbida = s.scalar(select(Peticion).where(Peticion.folio == p2.folio))
        assert absorbida.fusionada_en == p1.id
        assert absorbida.estatus == "recibida" and absorbida.proxima_llamada is None
    fila = auditoria(bd, tabla="peticiones", registro_id=str(p2.id), accion="fusionar")
    assert {"folio_conservado": p1.folio, "motivo": "Registrada dos veces por el Call Center"}.items() \
        <= fila[-1].despues.items()
    with pytest.raises(Conflicto, match=f"se fusionó en {p1.folio}"):  # follow-ups go to the survivor
        ServicioSeguimientos(bd).agregar(at, p2.folio, {"tipo": "visita"})
    with pytest.raises(Conflicto, match="ya estaba fusionada"):
        fusion.fusionar_peticiones(sup, p3.folio, p2.folio, "otra vez")
    with pytest.raises(Conflicto, match="fusione en aquella"):
        fusion.fusionar_peticiones(sup, p2.folio, p3.folio, "al revés")
    ServicioPeticiones(bd).anular(sup, p3.folio, "Registrada por error")
    with pytest.raises(Conflicto, match="anulada"):
        fusion.fusionar_peticiones(sup, p1.folio, p3.folio, "anulada")
    with pytest.raises(NoEncontrado):
        fusion.fusionar_peticiones(sup, p1.folio, "AC-1999-000001", "no existe")
