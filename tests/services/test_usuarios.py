"""Users: first admin, administration, login with lockout (both engines)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select, update

from oee_desk.db import esquema
from oee_desk.db.modelos import Auditoria, Usuario
from oee_desk.db.motor import BaseDatos
from oee_desk.domain.errores import (AutenticacionFallida, Conflicto, ErrorValidacion, NoEncontrado,
                                     PermisoDenegado)
from oee_desk.domain.roles import Rol
from oee_desk.services import usuarios as modulo_usuarios
from oee_desk.services.sesion import SISTEMA
from oee_desk.services.usuarios import BLOQUEO, INTENTOS_MAXIMOS, ServicioUsuarios

from conftest import CONTRASENA, borrar_base_pg, crear_base_pg

OTRA = "nopal rojo bajo la luna de cajeme"
INCORRECTOS = "Usuario o contraseña incorrectos."


@pytest.fixture
def us(bd) -> ServicioUsuarios:
    return ServicioUsuarios(bd)


def _filas(bd: BaseDatos, modelo=Usuario) -> int:
    with bd.lectura() as s:
        return s.scalar(select(func.count()).select_from(modelo))


def _usuario(bd: BaseDatos, nombre: str) -> Usuario:
    with bd.lectura() as s:
        return s.scalar(select(Usuario).where(Usuario.nombre == nombre))


def _foto_usuarios(bd: BaseDatos) -> list[tuple]:
    with bd.lectura() as s:
        return [tuple(f) for f in s.execute(select(
            Usuario.nombre, Usuario.nombre_completo, Usuario.rol, Usuario.activo, Usuario.hash_contrasena,
            Usuario.version).order_by(Usuario.nombre))]


# --- first administrator ------------------------------------------------------------------
@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def bd_sin_usuarios(request, tmp_path):
    """Migrated, with no user at all (as right after `init` without --admin)."""
    if request.param == "sqlite":
        base = BaseDatos(f"sqlite:///{(tmp_path / 'nueva.db').as_posix()}")
        url = None
    else:
        request.getfixturevalue("pg_disponible")
        url = crear_base_pg()
        base = BaseDatos(url)
    esquema.actualizar(base)
    yield base
    base.cerrar()
    if url:
        borrar_base_pg(url)


def test_primer_admin_solo_una_vez(bd_sin_usuarios):
    us = ServicioUsuarios(bd_sin_usuarios)
    assert not us.hay_usuarios()
    creado = us.crear_primer_admin("Jefa", "María Jefa", CONTRASENA, CONTRASENA)
    assert creado.nombre == "jefa" and creado.rol == Rol.ADMIN and creado.activo
    assert us.hay_usuarios()
    with pytest.raises(Conflicto):
        us.crear_primer_admin("otro", "Otro Admin", OTRA, OTRA)
    assert [u.nombre for u in us.listar(us.autenticar("jefa", CONTRASENA))] == ["jefa"]


def test_primer_admin_con_datos_malos_no_crea_nada(bd_sin_usuarios):
    us = ServicioUsuarios(bd_sin_usuarios)
    with pytest.raises(ErrorValidacion) as e:
        us.crear_primer_admin("josé luis", "", "corta", "otra")
    assert {p.campo for p in e.value.problemas} >= {"usuario", "nombre completo"}
    assert not us.hay_usuarios()


def test_primer_admin_cuando_ya_hay_usuarios(bd, us):
    antes = _foto_usuarios(bd)
    with pytest.raises(Conflicto):
        us.crear_primer_admin("intruso", "Intruso", OTRA, OTRA)
    assert _foto_usuarios(bd) == antes


# --- administration -----------------------------------------------------------------------
def test_agregar_y_listar(bd, us, admin):
    nuevo = us.agregar(admin, "mlopez", "recepcion", "Marta López Félix", OTRA, OTRA)
    assert (nuevo.nombre, nuevo.rol, nuevo.nombre_completo, nuevo.activo) == \
           ("mlopez", Rol.RECEPCION, "Marta López Félix", True)
    assert nuevo.version == 1 and nuevo.bloqueado_hasta is None
    lista = us.listar(admin)
    assert [u.nombre for u in lista] == sorted(u.nombre for u in lista)
    assert {u.nombre: u.rol for u in lista} == {"admin": Rol.ADMIN, "mlopez": Rol.RECEPCION}
    assert us.autenticar("mlopez", OTRA).rol == Rol.RECEPCION


def test_agregar_cada_rol_por_codigo_o_etiqueta(bd, us, admin):
    for i, rol in enumerate(Rol):
        assert us.agregar(admin, f"cod{i}", rol.value, "Uno", OTRA, OTRA).rol == rol
        assert us.agregar(admin, f"eti{i}", rol.etiqueta.upper(), "Dos", OTRA, OTRA).rol == rol


def test_agregar_rechaza_datos_malos_y_no_escribe(bd, us, admin):
    antes = _foto_usuarios(bd)
    casos = [
        (("josé", "recepcion", "José", OTRA, OTRA), "usuario"),
        (("con espacio", "recepcion", "X", OTRA, OTRA), "usuario"),
        (("", "recepcion", "X", OTRA, OTRA), "usuario"),
        (("ok", "jefe", "X", OTRA, OTRA), "rol"),
        (("ok", "recepcion", "", OTRA, OTRA), "nombre completo"),
        (("ok", "recepcion", "X", "corta", "corta"), "contraseña"),
        (("ok", "recepcion", "X", OTRA, OTRA + "!"), "confirmación"),
        (("marisol", "recepcion", "X", "marisol-Tz8#q!k", "marisol-Tz8#q!k"), "contraseña"),
    ]
    for args, campo in casos:
        with pytest.raises(ErrorValidacion) as e:
            us.agregar(admin, *args)
        assert campo in [p.campo for p in e.value.problemas], (args, e.value.problemas)
    assert _foto_usuarios(bd) == antes


def test_nombres_de_usuario_sin_distinguir_mayusculas(bd, us, admin):
    assert us.agregar(admin, "  MLopez ", "atencion", "Marta", OTRA, OTRA).nombre == "mlopez"
    with pytest.raises(ErrorValidacion) as e:
        us.agregar(admin, "MLOPEZ", "campo", "Otra Marta", OTRA, OTRA)
    assert [p.campo for p in e.value.problemas] == ["usuario"]
    assert us.autenticar("MLOPEZ", OTRA).nombre == "mlopez"
    assert us.autenticar(" mLopez ", OTRA).nombre == "mlopez"
    assert us.editar(admin, "MLopez", "Marta L.").nombre_completo == "Marta L."
    assert [u.nombre for u in us.listar(admin)].count("mlopez") == 1


def test_editar_nombre_completo_con_version(bd, us, admin):
    u = us.agregar(admin, "mlopez", "recepcion", "Marta", OTRA, OTRA)
    editado = us.editar(admin, "mlopez", "  Marta López  ", version=u.version)
    assert editado.nombre_completo == "Marta López" and editado.version == u.version + 1
    assert _usuario(bd, "mlopez").nombre_completo == "Marta López"
    with pytest.raises(ErrorValidacion) as e:
        us.editar(admin, "mlopez", "   ")
    assert [p.campo for p in e.value.problemas] == ["nombre completo"]


def test_version_vieja_es_conflicto_y_no_cambia_nada(bd, us, admin):
    u = us.agregar(admin, "mlopez", "recepcion", "Marta", OTRA, OTRA)
    us.editar(admin, "mlopez", "Marta López", version=u.version)  # someone else saved first
    antes = _foto_usuarios(bd)
    auditoria = _filas(bd, Auditoria)
    with pytest.raises(Conflicto):
        us.editar(admin, "mlopez", "Marta Vieja", version=u.version)
    with pytest.raises(Conflicto):
        us.cambiar_rol(admin, "mlopez", "supervisor", version=u.version)
    assert _foto_usuarios(bd) == antes
    assert _filas(bd, Auditoria) == auditoria


def test_cambiar_rol(bd, us, admin):
    u = us.agregar(admin, "mlopez", "recepcion", "Marta", OTRA, OTRA)
    assert us.cambiar_rol(admin, "mlopez", "Supervisión", version=u.version).rol == Rol.SUPERVISOR
    assert us.autenticar("mlopez", OTRA).rol == Rol.SUPERVISOR
    with pytest.raises(ErrorValidacion) as e:
        us.cambiar_rol(admin, "mlopez", "gobernador")
    assert [p.campo for p in e.value.problemas] == ["rol"]
    with pytest.raises(NoEncontrado):
        us.cambiar_rol(admin, "nadie", "campo")


def test_restablecer_contrasena(bd, us, admin):
    us.agregar(admin, "mlopez", "recepcion", "Marta", OTRA, OTRA)
    nueva = "Tz8#q!k2pVw%zz"
    with pytest.raises(ErrorValidacion):
        us.restablecer_contrasena(admin, "mlopez", "corta", "corta")
    with pytest.raises(ErrorValidacion):
        us.restablecer_contrasena(admin, "mlopez", nueva, nueva + "x")
    us.autenticar("mlopez", OTRA)  # unchanged so far
    us.restablecer_contrasena(admin, "MLOPEZ", nueva, nueva)
    with pytest.raises(AutenticacionFallida):
        us.autenticar("mlopez", OTRA)
    assert us.autenticar("mlopez", nueva).nombre == "mlopez"


def test_restablecer_desbloquea(bd, us, admin):
    us.agregar(admin, "mlopez", "recepcion", "Marta", OTRA, OTRA)
    for _ in range(INTENTOS_MAXIMOS):
        with pytest.raises(AutenticacionFallida):
            us.autenticar("mlopez", "mal")
    assert _usuario(bd, "mlopez").bloqueado_hasta is not None
    nueva = "Tz8#q!k2pVw%zz"
    us.restablecer_contrasena(admin, "mlopez", nueva, nueva)
    assert us.autenticar("mlopez", nueva).nombre == "mlopez"


def test_cambiar_propia_contrasena(bd, us, admin):
    us.agregar(admin, "mlopez", "campo", "Marta", OTRA, OTRA)
    yo = us.autenticar("mlopez", OTRA)
    nueva = "Tz8#q!k2pVw%zz"
    with pytest.raises(ErrorValidacion) as e:
        us.cambiar_propia_contrasena(yo, "no es", nueva, nueva)
    assert [p.campo for p in e.value.problemas] == ["contraseña actual"]
    with pytest.raises(ErrorValidacion) as e:
        us.cambiar_propia_contrasena(yo, OTRA, "corta", "corta")
    assert [p.campo for p in e.value.problemas] == ["nueva contraseña"]
    us.autenticar("mlopez", OTRA)
    us.cambiar_propia_contrasena(yo, OTRA, nueva, nueva)
    assert us.autenticar("mlopez", nueva).nombre == "mlopez"


def test_desactivar_y_activar(bd, us, admin):
    us.agregar(admin, "mlopez", "atencion", "Marta", OTRA, OTRA)
    assert us.desactivar(admin, "MLopez").activo is False
    assert "mlopez" not in [u.nombre for u in us.listar(admin, incluir_inactivos=False)]
    assert "mlopez" in [u.nombre for u in us.listar(admin)]
    with pytest.raises(AutenticacionFallida) as e:
        us.autenticar("mlopez", OTRA)
    assert e.value.mensaje == INCORRECTOS  # does not reveal the account exists
    assert us.activar(admin, "mlopez").activo is True
    assert us.autenticar("mlopez", OTRA).nombre == "mlopez"
    with pytest.raises(NoEncontrado):
        us.desactivar(admin, "nadie")


def test_no_puede_desactivarse_a_si_mismo(bd, us, admin):
    us.agregar(admin, "otra_admin", "admin", "Otra", OTRA, OTRA)
    antes = _foto_usuarios(bd)
    with pytest.raises(Conflicto) as e:
        us.desactivar(admin, "admin")
    assert "propia" in e.value.mensaje
    assert _foto_usuarios(bd) == antes


def test_no_quedarse_sin_administrador(bd, us, admin):
    us.agregar(admin, "mlopez", "supervisor", "Marta", OTRA, OTRA)
    antes = _foto_usuarios(bd)
    with pytest.raises(Conflicto) as e:
        us.cambiar_rol(admin, "admin", "supervisor")  # demote the last active admin (herself)
    assert "administrador" in e.value.mensaje
    with pytest.raises(Conflicto):
        us.desactivar(SISTEMA, "admin")  # deactivate the last active admin (someone else acting)
    assert _foto_usuarios(bd) == antes
    # an inactive admin does not count
    us.agregar(admin, "dormida", "admin", "Admin Inactiva", OTRA, OTRA)
    us.desactivar(admin, "dormida")
    with pytest.raises(Conflicto):
        us.cambiar_rol(admin, "admin", "recepcion")
    # with a second active admin both are allowed
    us.activar(admin, "dormida")
    assert us.cambiar_rol(admin, "admin", "supervisor").rol == Rol.SUPERVISOR
    dormida = us.autenticar("dormida", OTRA)
    with pytest.raises(Conflicto):
        us.cambiar_rol(dormida, "dormida", "campo")
    us.agregar(dormida, "tercera", "admin", "Tercera", OTRA, OTRA)
    assert us.desactivar(dormida, "tercera").activo is False


# --- login --------------------------------------------------------------------------------
def test_acceso_correcto(bd, us):
    antes = dt.datetime.now().replace(microsecond=0)
    sesion = us.autenticar("admin", CONTRASENA)
    assert (sesion.nombre, sesion.rol, sesion.nombre_completo) == ("admin", Rol.ADMIN, "Administradora de Prueba")
    assert sesion.usuario_id == _usuario(bd, "admin").id
    assert _usuario(bd, "admin").ultimo_acceso >= antes


def test_acceso_fallido_mismo_mensaje(bd, us):
    for nombre, contrasena in [("admin", "equivocada"), ("nadie", CONTRASENA), ("", ""), ("admin", ""),
                               ("admin", CONTRASENA.upper()), (None, None)]:
        with pytest.raises(AutenticacionFallida) as e:
            us.autenticar(nombre, contrasena)
        assert e.value.mensaje == INCORRECTOS, (nombre, contrasena)


def test_bloqueo_tras_cinco_fallos(bd, us, admin, monkeypatch):
    us.agregar(admin, "mlopez", "atencion", "Marta", OTRA, OTRA)
    for _ in range(INTENTOS_MAXIMOS - 1):
        with pytest.raises(AutenticacionFallida) as e:
            us.autenticar("mlopez", "equivocada")
        assert e.value.mensaje == INCORRECTOS
    assert _usuario(bd, "mlopez").bloqueado_hasta is None
    with pytest.raises(AutenticacionFallida) as e:
        us.autenticar("mlopez", "equivocada")
    minutos = int(BLOQUEO.total_seconds() // 60)
    assert f"{minutos} minutos" in e.value.mensaje and "bloqueada" in e.value.mensaje
    # even the right password is refused while locked, and the message says how long
    with pytest.raises(AutenticacionFallida) as e:
        us.autenticar("mlopez", OTRA)
    espera = re.search(r"(\d+) min", e.value.mensaje)
    assert "bloqueada" in e.value.mensaje and espera and 1 <= int(espera.group(1)) <= minutos
    # other accounts are not affected
    assert us.autenticar("admin", CONTRASENA).nombre == "admin"
    # after the lock time the right password works again
    real = modulo_usuarios.ahora
    monkeypatch.setattr(modulo_usuarios, "ahora", lambda: real() + BLOQUEO + dt.timedelta(minutes=1))
    assert us.autenticar("mlopez", OTRA).nombre == "mlopez"
    u = _usuario(bd, "mlopez")
    assert u.bloqueado_hasta is None and u.intentos_fallidos == 0


def test_minutos_restantes_del_bloqueo_exactos(bd, us, admin, monkeypatch):
    us.agregar(admin, "mlopez", "atencion", "Marta", OTRA, OTRA)
    fijo = dt.datetime(2024, 5, 6, 10, 0, 0)
    monkeypatch.setattr(modulo_usuarios, "ahora", lambda: fijo)
    for _ in range(INTENTOS_MAXIMOS):
        with pytest.raises(AutenticacionFallida):
            us.autenticar("mlopez", "equivocada")
    with pytest.raises(AutenticacionFallida) as e:
        us.autenticar("mlopez", OTRA)
    assert "en 15 min" in e.value.mensaje


def test_bloqueo_vencido_por_sql(bd, us, admin):
    us.agregar(admin, "mlopez", "atencion", "Marta", OTRA, OTRA)
    for _ in range(INTENTOS_MAXIMOS):
        with pytest.raises(AutenticacionFallida):
            us.autenticar("mlopez", "equivocada")
    with pytest.raises(AutenticacionFallida):
        us.autenticar("mlopez", OTRA)
    with bd.motor.begin() as c:
        c.execute(update(Usuario).where(Usuario.nombre == "mlopez")
                  .values(bloqueado_hasta=dt.datetime.now() - dt.timedelta(seconds=1)))
    # one wrong attempt after the lock ends is an ordinary failure, not a new lock
    with pytest.raises(AutenticacionFallida) as e:
        us.autenticar("mlopez", "equivocada")
    assert e.value.mensaje == INCORRECTOS
    assert us.autenticar("mlopez", OTRA).nombre == "mlopez"


def test_un_acierto_reinicia_la_cuenta_de_fallos(bd, us, admin):
    us.agregar(admin, "mlopez", "atencion", "Marta", OTRA, OTRA)
    for _ in range(2):
        for _ in range(INTENTOS_MAXIMOS - 1):
            with pytest.raises(AutenticacionFallida):
                us.autenticar("mlopez", "equivocada")
        us.autenticar("mlopez", OTRA)
    assert _usuario(bd, "mlopez").intentos_fallidos == 0


def test_desactivado_no_entra_ni_con_su_contrasena(bd, us, admin):
    us.agregar(admin, "mlopez", "campo", "Marta", OTRA, OTRA)
    us.desactivar(admin, "mlopez")
    with pytest.raises(AutenticacionFallida) as e:
        us.autenticar("mlopez", OTRA)
    assert e.value.mensaje == INCORRECTOS


def test_sin_sesion_no_administra(bd, us):
    with pytest.raises(PermisoDenegado):
        us.listar(None)
    with pytest.raises(PermisoDenegado):
        us.agregar(None, "x", "campo", "X", OTRA, OTRA)


def test_sesion_de_cuenta_desactivada_ya_no_administra(bd, us, admin):
    us.agregar(admin, "segunda", "admin", "Segunda Admin", OTRA, OTRA)
    segunda = us.autenticar("segunda", OTRA)
    us.desactivar(admin, "segunda")
    with pytest.raises((PermisoDenegado, AutenticacionFallida)):
        us.agregar(segunda, "colado", "admin", "Colado", OTRA, OTRA)


def test_sesion_de_cuenta_degradada_ya_no_administra(bd, us, admin):
    us.agregar(admin, "segunda", "admin", "Segunda Admin", OTRA, OTRA)
    segunda = us.autenticar("segunda", OTRA)
    us.cambiar_rol(admin, "segunda", "campo")
    antes = _foto_usuarios(bd)
    with pytest.raises(PermisoDenegado):
        us.agregar(segunda, "colado", "admin", "Colado", OTRA, OTRA)
    with pytest.raises(PermisoDenegado):
        us.cambiar_rol(segunda, "segunda", "admin")
    assert _foto_usuarios(bd) == antes
    assert us.autenticar("segunda", OTRA).rol == Rol.CAMPO  # a new login gets the new role


def test_sesion_de_cuenta_desactivada_ya_no_lee(bd, us, admin):
    us.agregar(admin, "vigia", "supervisor", "Supervisora", OTRA, OTRA)
    vigia = us.autenticar("vigia", OTRA)
    us.desactivar(admin, "vigia")
    with pytest.raises((PermisoDenegado, AutenticacionFallida)):
        us.listar(vigia)


def test_curp_opcional_validada_con_stdnum(bd, us, admin):
    """An invalid CURP is refused naming the field and nothing is written; a valid one is kept."""
    from sqlalchemy import func, select

    from oee_desk.db.modelos import Auditoria, Usuario

    def cuentas():
        with bd.lectura() as s:
            return (s.scalar(select(func.count()).select_from(Usuario)),
                    s.scalar(select(func.count()).select_from(Auditoria)))

    antes = cuentas()
    with pytest.raises(ErrorValidacion) as e:
        us.agregar(admin, "jlopez", "recepcion", "Juan López", OTRA, OTRA, curp="BOXW310820HNERXN08")
    assert [p.campo for p in e.value.problemas] == ["curp"]
    assert cuentas() == antes
    creado = us.agregar(admin, "jlopez", "recepcion", "Juan López", OTRA, OTRA, curp="boxw310820hnerxn09")
    assert creado.curp == "BOXW310820HNERXN09"
    with pytest.raises(ErrorValidacion) as e:
        us.editar(admin, "jlopez", "Juan López Ruiz", curp="NO-ES-CURP")
    assert [p.campo for p in e.value.problemas] == ["curp"]
    assert us.editar(admin, "jlopez", "Juan López Ruiz", curp="").curp is None
