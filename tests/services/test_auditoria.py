"""The audit log: one row per changed record, in the same transaction, and append-only (both engines)."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from oee_desk.db.modelos import Auditoria, Tema, Usuario
from oee_desk.domain.errores import AutenticacionFallida, Conflicto, ErrorValidacion
from oee_desk.services.auditoria import FiltroAuditoria, ServicioAuditoria
from oee_desk.services.catalogos import ServicioCatalogos
from oee_desk.services.usuarios import ServicioUsuarios

from conftest import CONTRASENA

OTRA = "nopal rojo bajo la luna de cajeme"
NUEVA = "Tz8#q!k2pVw%zz"


@pytest.fixture
def us(bd):
    return ServicioUsuarios(bd)


@pytest.fixture
def cat(bd):
    return ServicioCatalogos(bd)


@pytest.fixture
def aud(bd):
    return ServicioAuditoria(bd)


def _todas(bd) -> list[Auditoria]:
    with bd.lectura() as s:
        return list(s.scalars(select(Auditoria).order_by(Auditoria.momento, Auditoria.id)))


class Nuevas:
    """The audit rows written inside a `with` block."""

    def __init__(self, bd):
        self.bd = bd
        self.filas: list[Auditoria] = []

    def __enter__(self):
        self._antes = {a.id for a in _todas(self.bd)}
        return self

    def __exit__(self, *exc):
        self.filas = [a for a in _todas(self.bd) if a.id not in self._antes]
        return False


# --- one row per change, with who, what and the values -----------------------------------
def test_crear_usuario(bd, us, admin):
    with Nuevas(bd) as n:
        nuevo = us.agregar(admin, "mlopez", "recepcion", "Marta López", OTRA, OTRA)
    assert len(n.filas) == 1
    fila = n.filas[0]
    assert (fila.usuario, fila.usuario_id, fila.accion, fila.tabla, fila.registro_id) == \
           ("admin", admin.usuario_id, "crear", "usuarios", str(nuevo.id))
    assert fila.antes is None
    assert fila.despues["nombre"] == "mlopez" and fila.despues["rol"] == "recepcion"
    assert fila.despues["nombre_completo"] == "Marta López" and fila.despues["activo"] is True
    assert fila.despues["hash_contrasena"] == "***"
    assert abs(fila.momento - dt.datetime.now()) < dt.timedelta(minutes=2)


def test_editar_catalogo_guarda_antes_y_despues_de_lo_cambiado(bd, cat, admin):
    tema = cat.obtener(admin, "temas", "vivienda")
    with Nuevas(bd) as n:
        cat.editar(admin, "temas", tema.id, {"nombre": "Vivienda digna", "plazo_dias_habiles": 15},
                   version=tema.version)
    assert len(n.filas) == 1
    fila = n.filas[0]
    assert (fila.usuario, fila.accion, fila.tabla, fila.registro_id) == ("admin", "editar", "temas", str(tema.id))
    assert fila.antes == {"nombre": "Vivienda"} and fila.despues == {"nombre": "Vivienda digna"}


def test_agregar_catalogo(bd, cat, admin):
    with Nuevas(bd) as n:
        dia = cat.agregar(admin, "dias-inhabiles", {"fecha": "2031-05-05", "descripcion": "Puente", "origen": "oficina"})
    assert [(f.accion, f.tabla, f.registro_id) for f in n.filas] == [("crear", "dias_inhabiles", str(dia.id))]
    assert n.filas[0].despues["fecha"] == "2031-05-05" and n.filas[0].despues["descripcion"] == "Puente"


def test_desactivar_catalogo_y_usuario(bd, cat, us, admin):
    alamos = cat.obtener(admin, "municipios", "26003")
    with Nuevas(bd) as n:
        cat.cambiar_activo(admin, "municipios", alamos.id, False)
    assert [(f.accion, f.tabla, f.registro_id, f.antes, f.despues) for f in n.filas] == \
           [("desactivar", "municipios", str(alamos.id), {"activo": True}, {"activo": False})]
    u = us.agregar(admin, "mlopez", "campo", "Marta", OTRA, OTRA)
    with Nuevas(bd) as n:
        us.desactivar(admin, "mlopez")
    assert [(f.accion, f.tabla, f.registro_id, f.antes, f.despues) for f in n.filas] == \
           [("desactivar", "usuarios", str(u.id), {"activo": True}, {"activo": False})]
    with Nuevas(bd) as n:
        us.activar(admin, "mlopez")
    assert [(f.accion, f.despues) for f in n.filas] == [("activar", {"activo": True})]


def test_cambiar_rol(bd, us, admin):
    u = us.agregar(admin, "mlopez", "campo", "Marta", OTRA, OTRA)
    with Nuevas(bd) as n:
        us.cambiar_rol(admin, "mlopez", "supervisor")
    assert [(f.accion, f.registro_id, f.antes, f.despues) for f in n.filas] == \
           [("cambiar_rol", str(u.id), {"rol": "campo"}, {"rol": "supervisor"})]


def test_acceso_correcto_y_fallido(bd, us, admin):
    u = us.agregar(admin, "mlopez", "campo", "Marta", OTRA, OTRA)
    with Nuevas(bd) as n:
        us.autenticar("mlopez", OTRA)
    assert len(n.filas) == 1
    fila = n.filas[0]
    assert (fila.usuario, fila.usuario_id, fila.accion, fila.tabla, fila.registro_id) == \
           ("mlopez", u.id, "acceso", "usuarios", str(u.id))
    assert "ultimo_acceso" in fila.despues
    with Nuevas(bd) as n:
        with pytest.raises(AutenticacionFallida):
            us.autenticar("mlopez", "equivocada")
    assert len(n.filas) == 1
    fila = n.filas[0]
    assert (fila.usuario, fila.tabla, fila.registro_id) == ("mlopez", "usuarios", str(u.id))
    assert fila.accion.startswith("acceso") and fila.accion != "acceso"  # told apart from a success
    assert fila.despues["intentos_fallidos"] == 1
    with Nuevas(bd) as n:  # nothing changes for an unknown user: nothing to log
        with pytest.raises(AutenticacionFallida):
            us.autenticar("nadie", "equivocada")
    assert n.filas == []


def test_importar_una_fila_por_registro(bd, cat, admin):
    filas = [{"codigo": "mineria", "nombre": "Minería", "plazo_dias_habiles": "12"},
             {"codigo": "pesca", "nombre": "Pesca", "plazo_dias_habiles": "10"},
             {"codigo": "vivienda", "nombre": "Vivienda y suelo", "plazo_dias_habiles": "15"},
             {"codigo": "salud", "nombre": "Salud", "plazo_dias_habiles": "5"}]  # unchanged: no row
    with Nuevas(bd) as n:
        cat.importar(admin, "temas", filas)
    assert sorted((f.accion, f.tabla, f.usuario) for f in n.filas) == [
        ("crear", "temas", "admin"), ("crear", "temas", "admin"), ("importar", "temas", "admin")]
    vivienda = cat.obtener(admin, "temas", "vivienda")
    editada = [f for f in n.filas if f.registro_id == str(vivienda.id)]
    assert len(editada) == 1 and editada[0].despues == {"nombre": "Vivienda y suelo"}
    assert len({f.registro_id for f in n.filas}) == 3


# --- secrets stay out ---------------------------------------------------------------------
def test_el_hash_nunca_llega_a_la_bitacora(bd, us, admin):
    us.agregar(admin, "mlopez", "recepcion", "Marta", OTRA, OTRA)
    us.restablecer_contrasena(admin, "mlopez", NUEVA, NUEVA)
    yo = us.autenticar("mlopez", NUEVA)
    us.cambiar_propia_contrasena(yo, NUEVA, OTRA, OTRA)
    us.autenticar("mlopez", OTRA)
    with bd.lectura() as s:
        hashes = list(s.scalars(select(Usuario.hash_contrasena)))
    bitacora = json.dumps([[a.antes, a.despues] for a in _todas(bd)], ensure_ascii=False)
    for h in hashes:
        assert h not in bitacora
        assert h.split("$")[-1] not in bitacora  # not even the digest alone
    assert "$argon2" not in bitacora
    for clave in (CONTRASENA, OTRA, NUEVA):
        assert clave not in bitacora
    # but the change itself is logged, masked
    cambios = [a for a in _todas(bd) if a.accion in ("restablecer", "cambiar_contrasena")]
    assert [a.accion for a in cambios] == ["restablecer", "cambiar_contrasena"]
    assert all(a.antes["hash_contrasena"] == "***" and a.despues["hash_contrasena"] == "***" for a in cambios)


# --- rolled back: no row --------------------------------------------------------------------
def test_cambio_fallido_no_deja_fila(bd, us, cat, admin):
    tema = cat.obtener(admin, "temas", "salud")
    cat.editar(admin, "temas", tema.id, {"plazo_dias_habiles": 6}, version=tema.version)
    with Nuevas(bd) as n:
        with pytest.raises(Conflicto):
            cat.editar(admin, "temas", tema.id, {"nombre": "X"}, version=tema.version)
        with pytest.raises(ErrorValidacion):
            us.restablecer_contrasena(admin, "admin", "corta", "corta")
        with pytest.raises(ErrorValidacion):
            cat.agregar(admin, "temas", {"codigo": "salud", "nombre": "Otra salud", "plazo_dias_habiles": 3})
        with pytest.raises(Conflicto):
            us.cambiar_rol(admin, "admin", "campo")
        with pytest.raises(Conflicto):
            us.crear_primer_admin("otra", "Otra", OTRA, OTRA)
    assert n.filas == []


def test_transaccion_deshecha_tras_el_flush_no_deja_fila(bd, admin):
    class Falla(Exception):
        pass

    with Nuevas(bd) as n:
        with pytest.raises(Falla):
            with bd.escritura(admin) as s:
                s.add(Tema(codigo="fantasma", nombre="Fantasma", plazo_dias_habiles=3, activo=True))
                s.flush()  # the audit row is written here…
                assert s.scalar(select(func.count()).select_from(Auditoria)
                                .where(Auditoria.tabla == "temas", Auditoria.accion == "crear")) >= 1
                raise Falla  # …and rolled back with the change
    assert n.filas == []
    with bd.lectura() as s:
        assert s.scalar(select(Tema).where(Tema.codigo == "fantasma")) is None


def test_choque_de_clave_en_la_base_no_deja_fila(bd, admin):
    with Nuevas(bd) as n:
        with pytest.raises(Conflicto):
            with bd.escritura(admin) as s:  # skips the service's check: the UNIQUE constraint refuses
                s.add(Tema(codigo="salud", nombre="Duplicado", plazo_dias_habiles=3, activo=True))
    assert n.filas == []


# --- append-only ----------------------------------------------------------------------------
SENTENCIAS_PROHIBIDAS = ["UPDATE auditoria SET usuario = 'otro'",
                         "UPDATE auditoria SET despues = NULL WHERE tabla = 'usuarios'",
                         "DELETE FROM auditoria",
                         "DELETE FROM auditoria WHERE accion = 'crear'"]


def test_sql_directo_no_modifica_ni_borra(bd, admin):
    antes = [(a.id, a.usuario, a.antes, a.despues) for a in _todas(bd)]
    assert antes, "la plantilla debe tener filas de auditoría (init y el acceso de admin)"
    for sentencia in SENTENCIAS_PROHIBIDAS:
        with pytest.raises(DBAPIError) as e:
            with bd.motor.begin() as c:
                c.execute(text(sentencia))
        assert "auditoría" in str(e.value), sentencia
    assert [(a.id, a.usuario, a.antes, a.despues) for a in _todas(bd)] == antes


def test_orm_no_borra_ni_edita(bd, admin):
    antes = len(_todas(bd))
    with pytest.raises((DBAPIError, Conflicto)):
        with bd.escritura(admin) as s:
            s.delete(s.scalars(select(Auditoria)).first())
    with pytest.raises((DBAPIError, Conflicto)):
        with bd.escritura(admin) as s:
            s.scalars(select(Auditoria)).first().usuario = "otro"
    assert len(_todas(bd)) == antes


def test_truncate_rechazado_en_postgresql(bd, admin):
    if bd.es_sqlite:
        pytest.skip("SQLite no tiene TRUNCATE (DELETE sin WHERE ya se prueba)")
    antes = len(_todas(bd))
    with pytest.raises(DBAPIError) as e:
        with bd.motor.begin() as c:
            c.execute(text("TRUNCATE auditoria"))
    assert "auditoría" in str(e.value)
    assert len(_todas(bd)) == antes


def test_insertar_sigue_permitido(bd, admin):
    antes = len(_todas(bd))
    with bd.escritura(admin) as s:
        s.add(Auditoria(usuario="prueba", accion="nota", tabla="ninguna", registro_id="0"))
    assert len(_todas(bd)) == antes + 1


# --- reading: filters and paging ------------------------------------------------------------
@pytest.fixture
def bitacora(bd, us, cat, admin):
    """A known mix: 3 users created, a supervisor's login, 2 catalog edits, 1 deactivation."""
    for nombre in ("ana", "beto", "carla"):
        us.agregar(admin, nombre, "supervisor" if nombre == "ana" else "campo", nombre.title(), OTRA, OTRA)
    us.autenticar("ana", OTRA)
    for codigo in ("salud", "empleo"):
        tema = cat.obtener(admin, "temas", codigo)
        cat.editar(admin, "temas", tema.id, {"plazo_dias_habiles": 30})
    us.desactivar(admin, "beto")
    return admin


def test_filtros(bd, aud, bitacora):
    admin = bitacora
    todas = _todas(bd)
    assert aud.contar(admin) == len(todas)
    casos = {
        FiltroAuditoria(tabla="temas"): lambda a: a.tabla == "temas",
        FiltroAuditoria(accion="crear", tabla="usuarios"): lambda a: a.accion == "crear" and a.tabla == "usuarios",
        FiltroAuditoria(usuario=" ANA "): lambda a: a.usuario == "ana",
        FiltroAuditoria(usuario="admin", accion="desactivar"): lambda a: a.usuario == "admin" and a.accion == "desactivar",
        FiltroAuditoria(desde=dt.date.today() + dt.timedelta(days=1)): lambda a: False,
        FiltroAuditoria(hasta=dt.date.today() - dt.timedelta(days=1)): lambda a: False,
        FiltroAuditoria(desde=dt.date.today(), hasta=dt.date.today()): lambda a: a.momento.date() == dt.date.today(),
        FiltroAuditoria(accion="no_existe"): lambda a: False,
    }
    for filtro, condicion in casos.items():
        esperadas = {a.id for a in todas if condicion(a)}
        assert aud.contar(admin, filtro) == len(esperadas), filtro
        assert {e.id for e in aud.listar(admin, filtro, limite=1000)} == esperadas, filtro
    assert aud.contar(admin, FiltroAuditoria(tabla="temas", accion="editar")) == 2
    assert aud.contar(admin, FiltroAuditoria(accion="crear", tabla="usuarios")) >= 3
    beto = next(a for a in todas if a.tabla == "usuarios" and a.accion == "desactivar")
    por_registro = aud.listar(admin, FiltroAuditoria(registro_id=f" {beto.registro_id} "))
    assert [e.accion for e in por_registro] == ["desactivar", "crear"]  # newest first


def test_paginas_sin_huecos_ni_repetidos(bd, aud, bitacora):
    admin = bitacora
    total = aud.contar(admin)
    assert total >= 8
    completa = aud.listar(admin, limite=1000)
    assert len(completa) == total
    assert [(e.momento, e.id) for e in completa] == sorted(((e.momento, e.id) for e in completa), reverse=True)
    paginas = []
    for desde in range(0, total + 3, 3):
        pagina = aud.listar(admin, desde_fila=desde, limite=3)
        assert len(pagina) == min(3, max(0, total - desde))
        paginas += pagina
    assert [e.id for e in paginas] == [e.id for e in completa]
    filtro = FiltroAuditoria(tabla="usuarios")
    assert [e.id for e in aud.listar(admin, filtro, desde_fila=1, limite=2)] == \
           [e.id for e in aud.listar(admin, filtro, limite=1000)][1:3]


def test_opciones_de_los_filtros(bd, aud, bitacora):
    opciones = aud.opciones(bitacora)
    assert {"admin", "ana"} <= set(opciones["usuario"])
    assert {"usuarios", "temas"} <= set(opciones["tabla"])
    assert {"crear", "editar", "acceso", "desactivar"} <= set(opciones["accion"])
    assert all(lista == sorted(lista) and len(lista) == len(set(lista)) for lista in opciones.values())
