"""Every role × every action, through the real service call (quality.md «Permissions»).

Allowed exactly when PERMISOS says so; a refused call raises PermisoDenegado and writes nothing.
One database per engine for the whole module (with a signed-in user of each role): the calls that
are allowed use fresh names, so they do not step on each other.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest
from sqlalchemy import func, inspect, select, table

from oee_desk.db.motor import BaseDatos
from oee_desk.domain.errores import PermisoDenegado
from oee_desk.domain.roles import PERMISOS, Accion, Rol, puede
from oee_desk.services.auditoria import ServicioAuditoria
from oee_desk.services.catalogos import ServicioCatalogos
from oee_desk.services.sesion import Sesion
from oee_desk.services.usuarios import ServicioUsuarios

from conftest import CONTRASENA, borrar_base_pg, crear_base_pg, sesion_con_rol

_contador = itertools.count(1)


def _unico(prefijo: str) -> str:
    return f"{prefijo}{next(_contador)}_{uuid.uuid4().hex[:6]}"


@dataclass
class Entorno:
    bd: BaseDatos
    carpeta: Path
    sesiones: dict[Rol, Sesion]
    extra: dict[str, Any] = field(default_factory=dict)


# --- one call per action: (prepare, call) ---------------------------------------------------
# `preparar` runs before the "nothing written" snapshot; `llamar` is the guarded call itself.
def _gestionar_usuarios(e: Entorno, actor, _):
    ServicioUsuarios(e.bd).agregar(actor, _unico("u"), "campo", "Usuaria Nueva", CONTRASENA, CONTRASENA)


def _ver_usuarios(e: Entorno, actor, _):
    assert ServicioUsuarios(e.bd).listar(actor)


def _editar_catalogos(e: Entorno, actor, _):
    ServicioCatalogos(e.bd).agregar(actor, "temas", {"codigo": _unico("t"), "nombre": "Tema de prueba",
                                                      "plazo_dias_habiles": 5})


def _ver_catalogos(e: Entorno, actor, _):
    assert len(ServicioCatalogos(e.bd).listar(actor, "municipios")) == 72


def _ver_auditoria(e: Entorno, actor, _):
    servicio = ServicioAuditoria(e.bd)
    assert servicio.contar(actor) > 0
    assert servicio.listar(actor, limite=5)


def _respaldar(e: Entorno, actor, _):
    from oee_desk.services import respaldo

    destino = e.carpeta / f"{_unico('respaldo')}.zip"
    respaldo.respaldar(e.bd, actor, destino)
    assert destino.exists()


def _preparar_restaurar(e: Entorno):
    from oee_desk.services import respaldo

    if "respaldo_base" not in e.extra:
        archivo = e.carpeta / "base.zip"
        respaldo.respaldar(e.bd, e.sesiones[Rol.ADMIN], archivo)
        e.extra["respaldo_base"] = archivo
    return e.extra["respaldo_base"]


def _restaurar(e: Entorno, actor, archivo):
    from oee_desk.services import respaldo

    respaldo.restaurar(e.bd, actor, archivo)


def _ajustar_series(e: Entorno, actor, _):
    from oee_desk.services.numeracion import ServicioSeries

    siguiente = 5000 + next(_contador) * 10
    assert ServicioSeries(e.bd).ajustar(actor, "NJ", 2035, siguiente) == siguiente


def _datos_oficio() -> dict:
    return {"serie": "03.01", "fecha_recepcion": "2024-03-01T10:15:00",
            "remitente": {"nombre": "Lic. Ana Ruiz Félix", "institucion": "H. Ayuntamiento de Álamos"},
            "asunto": f"Prueba de permisos {_unico('')}", "tipo_documento": "oficio"}


def _registrar_oficios(e: Entorno, actor, _):
    from oee_desk.services.correspondencia import ServicioCorrespondencia

    assert ServicioCorrespondencia(e.bd).registrar(actor, _datos_oficio()).numero_control


def _preparar_oficio(e: Entorno):
    from oee_desk.services.correspondencia import ServicioCorrespondencia

    return ServicioCorrespondencia(e.bd).registrar(e.sesiones[Rol.RECEPCION], _datos_oficio()).numero_control


def _ver_oficios(e: Entorno, actor, numero_control):
    from oee_desk.services.correspondencia import ServicioCorrespondencia

    assert ServicioCorrespondencia(e.bd).obtener(actor, numero_control).numero_control == numero_control


def _anular_oficios(e: Entorno, actor, numero_control):
    from oee_desk.services.correspondencia import ServicioCorrespondencia

    assert ServicioCorrespondencia(e.bd).anular(actor, numero_control, "Registrado por error").anulado


TURNO = {"turnos": [{"dependencia": "SSP", "rol": "responsable", "instruccion": "atencion_procedente",
                     "plazo_dias_habiles": 5}]}


def _turnar_oficios(e: Entorno, actor, numero_control):
    from oee_desk.services.turnos import ServicioTurnos

    assert ServicioTurnos(e.bd).turnar(actor, numero_control, TURNO)


def _preparar_turno(e: Entorno):
    from oee_desk.services.turnos import ServicioTurnos

    numero_control = _preparar_oficio(e)
    ServicioTurnos(e.bd).turnar(e.sesiones[Rol.RECEPCION], numero_control, TURNO,
                                momento=dt.datetime(2024, 3, 1, 11, 0))
    return numero_control


def _responder_turnos(e: Entorno, actor, numero_control):
    from oee_desk.services.turnos import ServicioTurnos

    ServicioTurnos(e.bd).responder(actor, numero_control, {"dependencia": "SSP", "tipo": "acuse",
                                                           "fecha": "2024-03-04"})


def _reasignar_turnos(e: Entorno, actor, numero_control):
    from oee_desk.services.turnos import ServicioTurnos

    turnos = ServicioTurnos(e.bd).reasignar(actor, numero_control, "SSP", "SEGOB", "Corresponde a Gobierno")
    assert [t.dependencia for t in turnos] == ["SEGOB"]


# --- Atención Ciudadana -------------------------------------------------------------------
def _datos_peticion(**extra) -> dict:
    return {"fecha_recepcion": "2024-03-01T10:15:00", "canal": "call_center", "tema": "vivienda",
            "descripcion": f"Prueba de permisos {_unico('')}",
            "ciudadano": {"nombre": "José María", "primer_apellido": _unico("Valenzuela"),
                          "telefono": f"662{next(_contador):07d}", "municipio": "26030"}, **extra}


def _preparar_peticion(e: Entorno):
    from oee_desk.services.peticiones import ServicioPeticiones

    return ServicioPeticiones(e.bd).registrar(e.sesiones[Rol.ATENCION], _datos_peticion())


def _registrar_peticiones(e: Entorno, actor, _):
    from oee_desk.services.peticiones import ServicioPeticiones

    assert ServicioPeticiones(e.bd).registrar(actor, _datos_peticion()).folio


def _ver_peticiones(e: Entorno, actor, peticion):
    from oee_desk.services.peticiones import ServicioPeticiones

    assert ServicioPeticiones(e.bd).obtener(actor, peticion.folio).id == peticion.id


def _ver_datos_personales(e: Entorno, actor, peticion):
    from oee_desk.services.privacidad import ServicioPrivacidad

    datos = ServicioPrivacidad(e.bd).datos_completos(actor, peticion.ciudadano.id)
    assert not datos.enmascarado and datos.nombre == "José María"


def _seguir_peticiones(e: Entorno, actor, peticion):
    from oee_desk.services.seguimientos import ServicioSeguimientos

    hecho = ServicioSeguimientos(e.bd).agregar(actor, peticion.folio, {"tipo": "llamada_saliente",
                                                                        "resultado": "contesto"})
    assert hecho.estatus == "en_seguimiento"


def _canalizar_peticiones(e: Entorno, actor, peticion):
    from oee_desk.services.peticiones import ServicioPeticiones

    hecho = ServicioPeticiones(e.bd).canalizar(actor, peticion.folio, {"tipo": "area_interna",
                                                                        "destino": "asesoria_juridica"})
    assert hecho.estatus == "canalizada"


def _anular_peticiones(e: Entorno, actor, peticion):
    from oee_desk.services.peticiones import ServicioPeticiones

    assert ServicioPeticiones(e.bd).anular(actor, peticion.folio, "Registrada por error").estatus == "anulada"


def _preparar_dos_ciudadanos(e: Entorno):
    return _preparar_peticion(e).ciudadano.id, _preparar_peticion(e).ciudadano.id


def _fusionar_ciudadanos(e: Entorno, actor, ids):
    from oee_desk.services.fusion import ServicioFusion

    assert ServicioFusion(e.bd).fusionar_ciudadanos(actor, ids[0], ids[1], {"telefono": "absorber"}).id == ids[0]


def _preparar_acceso(e: Entorno):
    from oee_desk.services.ciudadanos import ServicioCiudadanos

    peticion = _preparar_peticion(e)
    ServicioCiudadanos(e.bd).obtener(e.sesiones[Rol.ATENCION], peticion.ciudadano.id)
    return peticion


def _ver_accesos_datos(e: Entorno, actor, peticion):
    from oee_desk.services.privacidad import FiltroAccesos, ServicioPrivacidad

    accesos = ServicioPrivacidad(e.bd).listar_accesos(actor, FiltroAccesos(ciudadano_id=peticion.ciudadano.id))
    assert [(a.usuario, a.accion) for a in accesos] == [("prueba_atencion", "ver")]


def _derechos_arco(e: Entorno, actor, peticion):
    from oee_desk.services.privacidad import ServicioPrivacidad

    datos = ServicioPrivacidad(e.bd).exportar_ciudadano(actor, peticion.ciudadano.id)
    assert [p["folio"] for p in datos["peticiones"]] == [peticion.folio]


def _registrar_giras(e: Entorno, actor, _):
    from oee_desk.services.giras import ServicioGiras

    gira = ServicioGiras(e.bd).registrar(actor, {"fecha": "2024-05-13", "municipio": "26030",
                                                 "evento": f"Gira de prueba {_unico('')}"})
    assert gira.clave


def _importar_peticiones(e: Entorno, actor, _):
    from oee_desk.services.importar_peticiones import ServicioImportarPeticiones

    fila = {"fecha_recepcion": "2021-06-01 09:30", "canal": "call_center", "nombre": _unico("Importada"),
            "telefono": f"644{next(_contador):07d}", "municipio": "26018", "tema": "vivienda",
            "descripcion": f"Histórica {_unico('')}"}
    resumen = ServicioImportarPeticiones(e.bd).importar(actor, [fila])
    assert (resumen.cargadas, resumen.errores) == (1, [])


def _ver_reportes(e: Entorno, actor, _):
    from oee_desk.services.poa import ServicioPoa

    assert len(ServicioPoa(e.bd).generar(actor, 2021).indicadores) == 2


def _definir_metas(e: Entorno, actor, _):
    from oee_desk.services.metas import ServicioMetas

    anio = 2030 + next(_contador) % 60  # a year of its own: loading replaces that year's metas
    ServicioMetas(e.bd).cargar(actor, {"anio": anio, "metas": [
        {"numero": 1, "descripcion": "Reuniones", "area": "Enlace", "unidad": "conteo", "periodicidad": "trimestral",
         "fuente": "manual", "programado": [0, 3, 0, 3]}]})


AREA_DE_PRUEBA = "Coordinación de Atención Ciudadana"


def _preparar_meta_manual(e: Entorno):
    """A manual meta of an area, and every user but admin of that area (written without accents:
    areas compare without regard to case or accents)."""
    from oee_desk.services.metas import ServicioMetas
    from oee_desk.services.usuarios import ServicioUsuarios

    usuarios, admin = ServicioUsuarios(e.bd), e.sesiones[Rol.ADMIN]
    for rol, sesion in e.sesiones.items():
        if rol != Rol.ADMIN:
            usuarios.editar(admin, sesion.nombre, sesion.nombre_completo, area="COORDINACION DE ATENCION CIUDADANA")
    anio = 2030 + next(_contador) % 60
    ServicioMetas(e.bd).cargar(e.sesiones[Rol.SUPERVISOR], {"anio": anio, "metas": [
        {"numero": 1, "descripcion": "Reuniones", "area": AREA_DE_PRUEBA, "unidad": "conteo",
         "periodicidad": "trimestral", "fuente": "manual", "programado": [0, 3, 0, 3]}]})
    return anio


def _capturar_metas(e: Entorno, actor, anio):
    from oee_desk.services.metas import ServicioMetas

    assert ServicioMetas(e.bd).capturar(actor, anio, 1, [0, 2, None, None])["alcanzado"] == [0, 2, None, None]


def _preparar_mes_abierto(e: Entorno) -> int:
    """A past year with no month closed yet: each allowed call closes its January."""
    from oee_desk.db.modelos_metas import CierreMes

    with e.bd.lectura() as s:
        usados = set(s.scalars(select(CierreMes.anio)))
    return min(set(range(2000, 2026)) - usados)


def _cerrar_mes(e: Entorno, actor, anio):
    from oee_desk.services.cierres import ServicioCierres

    assert ServicioCierres(e.bd).cerrar_mes(actor, anio, 1).mes == 1


def _nada(_e):
    return None


LLAMADAS: dict[str, tuple[Callable, Callable]] = {
    "gestionar_usuarios": (_nada, _gestionar_usuarios),
    "ver_usuarios": (_nada, _ver_usuarios),
    "editar_catalogos": (_nada, _editar_catalogos),
    "ver_catalogos": (_nada, _ver_catalogos),
    "ver_auditoria": (_nada, _ver_auditoria),
    "respaldar": (_nada, _respaldar),
    "restaurar": (_preparar_restaurar, _restaurar),
    "ajustar_series": (_nada, _ajustar_series),
    "registrar_oficios": (_nada, _registrar_oficios),
    "ver_oficios": (_preparar_oficio, _ver_oficios),
    "anular_oficios": (_preparar_oficio, _anular_oficios),
    "turnar_oficios": (_preparar_oficio, _turnar_oficios),
    "responder_turnos": (_preparar_turno, _responder_turnos),
    "reasignar_turnos": (_preparar_turno, _reasignar_turnos),
    "registrar_peticiones": (_nada, _registrar_peticiones),
    "ver_peticiones": (_preparar_peticion, _ver_peticiones),
    "ver_datos_personales": (_preparar_peticion, _ver_datos_personales),
    "seguir_peticiones": (_preparar_peticion, _seguir_peticiones),
    "canalizar_peticiones": (_preparar_peticion, _canalizar_peticiones),
    "anular_peticiones": (_preparar_peticion, _anular_peticiones),
    "fusionar_ciudadanos": (_preparar_dos_ciudadanos, _fusionar_ciudadanos),
    "ver_accesos_datos": (_preparar_acceso, _ver_accesos_datos),
    "derechos_arco": (_preparar_peticion, _derechos_arco),
    "registrar_giras": (_nada, _registrar_giras),
    "importar_peticiones": (_nada, _importar_peticiones),
    "ver_reportes": (_nada, _ver_reportes),
    "definir_metas": (_nada, _definir_metas),
    "capturar_metas": (_preparar_meta_manual, _capturar_metas),
    "cerrar_mes": (_preparar_mes_abierto, _cerrar_mes),
}

# The service module each call needs: a missing one (still being written) skips, with the reason.
MODULOS = {"respaldar": "oee_desk.services.respaldo", "restaurar": "oee_desk.services.respaldo",
           "ajustar_series": "oee_desk.services.numeracion",
           "registrar_oficios": "oee_desk.services.correspondencia",
           "ver_oficios": "oee_desk.services.correspondencia",
           "anular_oficios": "oee_desk.services.correspondencia",
           "turnar_oficios": "oee_desk.services.turnos", "responder_turnos": "oee_desk.services.turnos",
           "reasignar_turnos": "oee_desk.services.turnos",
           "importar_peticiones": "oee_desk.services.importar_peticiones"}

SERVICIOS = Path(__file__).resolve().parents[2] / "oee_desk" / "services"


def _guardadas() -> set[str]:
    """The actions some service actually checks (`Accion.X` in its source)."""
    fuente = "\n".join(p.read_text(encoding="utf-8") for p in SERVICIOS.glob("*.py"))
    return {a.value for a in Accion if re.search(rf"\bAccion\.{a.name}\b", fuente)}


def test_cada_accion_guardada_tiene_su_llamada():
    faltan = sorted(_guardadas() - set(LLAMADAS))
    assert not faltan, f"Acciones que un servicio comprueba pero sin llamada en test_permisos.LLAMADAS: {faltan}"


def test_las_acciones_conocidas_estan_guardadas():
    """The brief's actions are all checked somewhere (an action no service checks protects nothing)."""
    assert {"gestionar_usuarios", "ver_usuarios", "editar_catalogos", "ver_catalogos", "ver_auditoria",
            "respaldar", "restaurar", "ajustar_series"} <= _guardadas()


# --- the module's databases ---------------------------------------------------------------
@pytest.fixture(scope="module", params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def entorno(request, tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("permisos")
    url_pg = None
    if request.param == "sqlite":
        ruta = carpeta / "oee.db"
        shutil.copy(request.getfixturevalue("_plantilla_sqlite"), ruta)
        bd = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    else:
        url_pg = crear_base_pg(request.getfixturevalue("_plantilla_pg"))
        bd = BaseDatos(url_pg)
    archivos = carpeta / "archivos"
    archivos.mkdir()
    yield Entorno(bd, archivos, {rol: sesion_con_rol(bd, rol) for rol in Rol})
    bd.cerrar()
    if url_pg:
        borrar_base_pg(url_pg)


def _conteos(bd: BaseDatos) -> dict[str, int]:
    with bd.lectura() as s:
        nombres = inspect(s.connection()).get_table_names()
        return {n: s.scalar(select(func.count()).select_from(table(n))) for n in nombres}


def _saltar_si_falta(accion: str) -> None:
    if accion not in LLAMADAS:
        if accion in _guardadas():
            pytest.fail(f"la acción {accion} tiene guardia en un servicio pero no llamada en LLAMADAS")
        pytest.skip(f"ningún servicio comprueba todavía la acción {accion}: no hay llamada que probar")
    modulo = MODULOS.get(accion)
    if modulo:
        try:
            __import__(modulo)
        except ImportError as e:
            pytest.skip(f"{modulo} no existe todavía ({e}); la acción {accion} se prueba cuando exista")


@pytest.mark.parametrize("accion", [a.value for a in Accion])
@pytest.mark.parametrize("rol", [r.value for r in Rol])
def test_rol_por_accion(entorno, rol, accion):
    _saltar_si_falta(accion)
    preparar, llamar = LLAMADAS[accion]
    actor = entorno.sesiones[Rol(rol)]
    contexto = preparar(entorno)
    if puede(rol, Accion(accion)):
        llamar(entorno, actor, contexto)
        return
    antes = _conteos(entorno.bd)
    archivos = sorted(p.name for p in entorno.carpeta.iterdir())
    with pytest.raises(PermisoDenegado) as e:
        llamar(entorno, actor, contexto)
    assert Rol(rol).etiqueta in e.value.mensaje
    assert _conteos(entorno.bd) == antes, "una llamada rechazada escribió en la base"
    assert sorted(p.name for p in entorno.carpeta.iterdir()) == archivos, "una llamada rechazada dejó archivos"


@pytest.mark.parametrize("accion", [a.value for a in Accion])
def test_sin_sesion_todo_rechazado(entorno, accion):
    _saltar_si_falta(accion)
    preparar, llamar = LLAMADAS[accion]
    contexto = preparar(entorno)
    antes = _conteos(entorno.bd)
    with pytest.raises(PermisoDenegado):
        llamar(entorno, None, contexto)
    assert _conteos(entorno.bd) == antes


# --- the table itself against domain.md ---------------------------------------------------
def test_permisos_cubre_cada_accion():
    assert set(PERMISOS) == set(Accion)
    assert all(PERMISOS[a] <= set(Rol) and PERMISOS[a] for a in Accion)


def test_admin_gestiona_usuarios_catalogos_y_series():
    for accion in (Accion.GESTIONAR_USUARIOS, Accion.VER_USUARIOS, Accion.EDITAR_CATALOGOS,
                   Accion.VER_CATALOGOS, Accion.VER_AUDITORIA, Accion.AJUSTAR_SERIES,
                   Accion.RESPALDAR, Accion.RESTAURAR):
        assert puede(Rol.ADMIN, accion), accion


def test_solo_admin_cambia_usuarios_catalogos_series_y_respaldos():
    for accion in (Accion.GESTIONAR_USUARIOS, Accion.EDITAR_CATALOGOS, Accion.AJUSTAR_SERIES,
                   Accion.RESPALDAR, Accion.RESTAURAR):
        assert PERMISOS[accion] == {Rol.ADMIN}, accion


def test_supervisor_lee_usuarios_y_auditoria_sin_cambiarlos():
    assert puede(Rol.SUPERVISOR, Accion.VER_USUARIOS)
    assert puede(Rol.SUPERVISOR, Accion.VER_AUDITORIA)
    assert puede(Rol.SUPERVISOR, Accion.VER_CATALOGOS)
    assert not puede(Rol.SUPERVISOR, Accion.GESTIONAR_USUARIOS)
    assert not puede(Rol.SUPERVISOR, Accion.EDITAR_CATALOGOS)


@pytest.mark.parametrize("rol", [Rol.RECEPCION, Rol.ATENCION, Rol.CAMPO])
def test_roles_operativos_no_administran(rol):
    for accion in (Accion.GESTIONAR_USUARIOS, Accion.VER_USUARIOS, Accion.EDITAR_CATALOGOS,
                   Accion.VER_AUDITORIA, Accion.RESPALDAR, Accion.RESTAURAR, Accion.AJUSTAR_SERIES):
        assert not puede(rol, accion), (rol, accion)
    assert puede(rol, Accion.VER_CATALOGOS)  # they pick catalog values on every form


def test_correspondencia_segun_domain_md():
    if not hasattr(Accion, "REGISTRAR_OFICIOS"):
        pytest.skip("la correspondencia aún no tiene acciones")
    assert puede(Rol.RECEPCION, Accion.REGISTRAR_OFICIOS)  # recepcion registers oficios
    assert puede(Rol.SUPERVISOR, Accion.VER_OFICIOS)  # supervisor: everything above, read-only
    assert not puede(Rol.SUPERVISOR, Accion.REGISTRAR_OFICIOS)
    assert puede(Rol.SUPERVISOR, Accion.ANULAR_OFICIOS)  # supervisor: annulments
    assert not puede(Rol.CAMPO, Accion.REGISTRAR_OFICIOS)


@pytest.mark.parametrize("rol", list(Rol))
def test_puede_acepta_el_codigo_del_rol(rol):
    for accion in Accion:
        assert puede(rol.value, accion) == (rol in PERMISOS[accion])
    with pytest.raises(ValueError):
        puede("gobernador", Accion.VER_CATALOGOS)
