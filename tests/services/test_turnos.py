"""Turning matters to agencies and following them, on both engines (domain.md glossary «turno»,
«semáforo», «Business days»; issue excerpt): business-day deadlines from the días-inhábiles
catalog, bad turns refused naming the field with nothing written, acuse/avance/respuesta/cierre,
the matter's light, the 48-hour target, and the audit rows of every change."""
from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import shutil
import uuid
from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from oee_desk.db.modelos import Auditoria
from oee_desk.db.modelos_correspondencia import RespuestaTurno, Turno
from oee_desk.db.motor import BaseDatos
from oee_desk.domain import contrasenas
from oee_desk.domain.errores import Conflicto, ErrorValidacion, NoEncontrado, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.domain.semaforo import Estado, Oportunidad
from oee_desk.services.catalogos import ServicioCatalogos
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.sesion import Sesion
from oee_desk.services.turnos import ServicioTurnos

from conftest import borrar_base_pg, crear_base_pg, sesion_con_rol

_serial = itertools.count(1)


def oficio(recepcion: str = "2022-03-01T10:15:00", **cambios) -> dict:
    datos = {
        "serie": "03.01", "fecha_recepcion": recepcion,
        "remitente": {"nombre": "Lic. Ana Ruiz Félix", "institucion": "H. Ayuntamiento de Álamos"},
        "numero_oficio_remitente": f"PM/{next(_serial)}/{uuid.uuid4().hex[:8]}",
        "asunto": "Solicitud de apoyo para la rehabilitación del mercado municipal", "tipo_documento": "oficio",
    }
    datos.update(cambios)
    return datos


def turno(dependencia="SSP", rol="responsable", instruccion="atencion_procedente", plazo=5, **extra) -> dict:
    return {"dependencia": dependencia, "rol": rol, "instruccion": instruccion, "plazo_dias_habiles": plazo, **extra}


def foto(bd) -> dict:
    with bd.lectura() as s:
        return {
            "turnos": s.scalar(select(func.count()).select_from(Turno)),
            "respuestas": s.scalar(select(func.count()).select_from(RespuestaTurno)),
            "auditoria": s.scalar(select(func.count()).select_from(Auditoria)),
            "estados": sorted((str(t.id), t.estatus, t.avance_pct, str(t.fecha_acuse), str(t.fecha_respuesta),
                               t.version) for t in s.scalars(select(Turno))),
        }


def auditoria(bd, tabla: str, registro_id) -> list[Auditoria]:
    with bd.lectura() as s:
        return list(s.scalars(select(Auditoria).where(Auditoria.tabla == tabla,
                                                      Auditoria.registro_id == str(registro_id))
                              .order_by(Auditoria.momento, Auditoria.id)))


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
    """One database per engine for the module: each test works on its own matters, and the
    catalog changes a test makes touch only dates and agencies no other test uses."""
    url_pg = None
    if request.param == "sqlite":
        ruta = tmp_path_factory.mktemp("turnos") / "oee.db"
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
def recepcion(entorno):
    return entorno.recepcion


@pytest.fixture
def corr(entorno):
    return ServicioCorrespondencia(entorno.bd)


@pytest.fixture
def turnos(entorno):
    return ServicioTurnos(entorno.bd)


@pytest.fixture
def nuevo(corr, recepcion):
    """Registers a matter and returns its control number."""
    def registrar(recepcion_=None, **cambios) -> str:
        return corr.registrar(recepcion, oficio(recepcion_ or "2022-03-01T10:15:00", **cambios)).numero_control
    return registrar


MOMENTO = dt.datetime(2022, 3, 1, 12, 0)  # Tuesday; +5 business days = Tuesday 8 March


# --- deadlines ------------------------------------------------------------------------------
def test_plazo_salta_festivo_del_catalogo(entorno, turnos, nuevo, recepcion):
    # Monday 15 March 2021 (Natalicio de Benito Juárez) ships in the días-inhábiles catalog.
    assert ServicioCatalogos(entorno.bd).obtener(entorno.admin, "dias-inhabiles", "2021-03-15").activo
    numero = nuevo("2021-03-12T09:00:00")
    [t] = turnos.turnar(recepcion, numero, {"turnos": [turno(plazo=5)]}, momento=dt.datetime(2021, 3, 12, 13, 0))
    assert t.fecha_limite == dt.date(2021, 3, 22)
    assert t.fecha_turno == dt.datetime(2021, 3, 12, 13, 0)
    assert t.plazo_dias_habiles == 5


def test_dia_inhabil_agregado_mueve_el_plazo(entorno, turnos, nuevo, recepcion):
    catalogos, admin = ServicioCatalogos(entorno.bd), entorno.admin
    momento = dt.datetime(2020, 3, 3, 9, 0)  # Tuesday; 2020 has no shipped holidays
    antes = turnos.turnar(recepcion, nuevo("2020-03-02T09:00:00"), [turno(plazo=5)], momento=momento)
    assert antes[0].fecha_limite == dt.date(2020, 3, 10)
    dia = catalogos.agregar(admin, "dias-inhabiles", {"fecha": "2020-03-06", "descripcion": "Día de prueba",
                                                      "origen": "oficina"})
    despues = turnos.turnar(recepcion, nuevo("2020-03-02T09:00:00"), [turno(plazo=5)], momento=momento)
    assert despues[0].fecha_limite == dt.date(2020, 3, 11)
    # A day that no longer counts as inhábil stops moving deadlines.
    catalogos.cambiar_activo(admin, "dias-inhabiles", dia.id, False)
    otra_vez = turnos.turnar(recepcion, nuevo("2020-03-02T09:00:00"), [turno(plazo=5)], momento=momento)
    assert otra_vez[0].fecha_limite == dt.date(2020, 3, 10)


# --- turning ----------------------------------------------------------------------------------
def test_turnar_a_varias_dependencias_y_auditoria(bd, turnos, nuevo, recepcion):
    numero = nuevo()
    resultado = turnos.turnar(recepcion, numero, {"turnos": [
        turno("SSP", nota="Urgente"),
        # Names instead of codes, any case or accents (cli.md «JSON documents»).
        turno("secretaria de educacion y cultura", "apoyo", "OPINIÓN", 10),
        turno("sh", "para_conocimiento", "Para su conocimiento", 3),
    ]}, momento=MOMENTO)
    por_dep = {t.dependencia: t for t in resultado}
    assert set(por_dep) == {"SSP", "SEC", "SH"}
    assert (por_dep["SSP"].rol, por_dep["SSP"].instruccion, por_dep["SSP"].nota) == (
        "responsable", "atencion_procedente", "Urgente")
    assert (por_dep["SEC"].rol, por_dep["SEC"].instruccion, por_dep["SEC"].fecha_limite) == (
        "apoyo", "opinion", dt.date(2022, 3, 15))
    assert (por_dep["SH"].rol, por_dep["SH"].instruccion, por_dep["SH"].fecha_limite) == (
        "para_conocimiento", "para_conocimiento", dt.date(2022, 3, 4))
    assert all(t.estatus == "sin_atender" and t.avance_pct == 0 and t.fecha_turno == MOMENTO for t in resultado)
    assert {t.id for t in turnos.de_oficio(recepcion, numero.lower())} == {t.id for t in resultado}
    for t in resultado:
        filas = auditoria(bd, "turnos", t.id)
        assert [f.accion for f in filas] == ["crear"]
        assert filas[0].usuario == "prueba_recepcion"
        assert filas[0].despues["plazo_dias_habiles"] == t.plazo_dias_habiles
    # A second routing later adds to the first.
    mas = turnos.turnar(recepcion, numero, [turno("SIDUR")], momento=MOMENTO + dt.timedelta(days=1))
    assert {t.dependencia for t in mas} == {"SSP", "SEC", "SH", "SIDUR"}


MALOS = {
    "dependencia_desconocida": ([turno("XYZ")], "turnos[1].dependencia"),
    "sin_dependencia": ([turno(None)], "turnos[1].dependencia"),
    "instruccion_desconocida": ([turno(instruccion="bailar")], "turnos[1].instruccion"),
    "sin_instruccion": ([turno(instruccion="")], "turnos[1].instruccion"),
    "plazo_cero": ([turno(plazo=0)], "turnos[1].plazo_dias_habiles"),
    "plazo_negativo": ([turno(plazo=-3)], "turnos[1].plazo_dias_habiles"),
    "sin_plazo": ([turno(plazo=None)], "turnos[1].plazo_dias_habiles"),
    "plazo_texto": ([turno(plazo="cinco")], "turnos[1].plazo_dias_habiles"),
    "plazo_fraccion": ([turno(plazo=2.5)], "turnos[1].plazo_dias_habiles"),
    "rol_invalido": ([turno(rol="jefe")], "turnos[1].rol"),
    "segundo_malo": ([turno("SSP"), turno("XYZ")], "turnos[2].dependencia"),
    "segunda_instruccion_mala": ([turno("SSP"), turno("SEC", instruccion="nada")], "turnos[2].instruccion"),
    "repetida_en_la_peticion": ([turno("SSP"), turno("ssp", "apoyo")], "turnos[2].dependencia"),
    "repetida_por_nombre": ([turno("SSP"), turno("Secretaría de Seguridad Pública")], "turnos[2].dependencia"),
    "lista_vacia": ([], "turnos"),
    "no_es_lista": ({"turnos": "SSP"}, "turnos"),
    "turno_no_objeto": (["SSP"], "turnos[1]"),
}


@pytest.mark.parametrize("caso", MALOS)
def test_turno_malo_nombra_el_campo_y_no_escribe(bd, turnos, nuevo, recepcion, caso):
    numero = nuevo()
    antes = foto(bd)
    datos, campo = MALOS[caso]
    with pytest.raises(ErrorValidacion) as e:
        turnos.turnar(recepcion, numero, datos, momento=MOMENTO)
    assert campo in [p.campo for p in e.value.problemas], e.value.problemas
    assert foto(bd) == antes
    assert turnos.de_oficio(recepcion, numero) == []


def test_dependencia_ya_turnada(bd, turnos, nuevo, recepcion):
    numero = nuevo()
    turnos.turnar(recepcion, numero, [turno("SSP")], momento=MOMENTO)
    antes = foto(bd)
    with pytest.raises(ErrorValidacion) as e:
        turnos.turnar(recepcion, numero, [turno("CEA"), turno("SSP", "apoyo")], momento=MOMENTO)
    assert e.value.problemas[0].campo == "turnos[2].dependencia"
    assert "SSP" in e.value.problemas[0].mensaje
    assert foto(bd) == antes


def test_dependencia_inactiva(bd, entorno, turnos, nuevo, recepcion):
    catalogos = ServicioCatalogos(bd)
    ya_turnado = nuevo()
    turnos.turnar(recepcion, ya_turnado, [turno("TELEMAX")], momento=MOMENTO)
    telemax = catalogos.obtener(entorno.admin, "dependencias", "TELEMAX")
    catalogos.cambiar_activo(entorno.admin, "dependencias", telemax.id, False)
    try:
        numero = nuevo()
        antes = foto(bd)
        with pytest.raises(ErrorValidacion) as e:
            turnos.turnar(recepcion, numero, [turno("TELEMAX")], momento=MOMENTO)
        assert e.value.problemas[0].campo == "turnos[1].dependencia"
        assert "inactiv" in e.value.problemas[0].mensaje
        assert foto(bd) == antes
        # A turn made before the agency was deactivated can still be answered.
        t = turnos.responder(recepcion, ya_turnado, {"dependencia": "TELEMAX", "tipo": "acuse", "fecha": "2022-03-02"})
        assert t.estatus == "en_proceso"
    finally:
        catalogos.cambiar_activo(entorno.admin, "dependencias", telemax.id, True)


def test_asunto_anulado_o_inexistente(bd, entorno, corr, turnos, nuevo, recepcion):
    numero, otro = nuevo(), nuevo()
    corr.anular(entorno.supervisor, numero, "Capturado por error")
    antes = foto(bd)
    with pytest.raises(Conflicto):
        turnos.turnar(recepcion, numero, [turno()], momento=MOMENTO)
    with pytest.raises(NoEncontrado):
        turnos.turnar(recepcion, "03.01-99999/22", [turno()], momento=MOMENTO)
    with pytest.raises(NoEncontrado):
        turnos.responder(recepcion, "03.01-99999/22", {"dependencia": "SSP", "tipo": "acuse"})
    with pytest.raises(PermisoDenegado):
        turnos.turnar(entorno.supervisor, otro, [turno()], momento=MOMENTO)
    assert foto(bd) == antes


# --- answers --------------------------------------------------------------------------------
def _error(llamada) -> list[str]:
    with pytest.raises(ErrorValidacion) as e:
        llamada()
    return [p.campo for p in e.value.problemas]


def test_acuse_avance_respuesta(bd, entorno, turnos, nuevo, recepcion):
    numero = nuevo()
    turnos.turnar(recepcion, numero, [turno("SSP"), turno("SEC", "apoyo")], momento=MOMENTO)
    responder = lambda **d: turnos.responder(recepcion, numero, {"dependencia": "SSP", **d})  # noqa: E731

    antes = foto(bd)
    assert "fecha" in _error(lambda: responder(tipo="acuse", fecha="2022-02-28"))  # before the turn
    manana = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    assert "fecha" in _error(lambda: responder(tipo="acuse", fecha=manana))
    assert "fecha" in _error(lambda: responder(tipo="acuse", fecha="2022-02-30"))
    assert "tipo" in _error(lambda: responder(tipo="felicitacion", fecha="2022-03-02"))
    assert "avance_pct" in _error(lambda: responder(tipo="avance", fecha="2022-03-02"))
    assert "avance_pct" in _error(lambda: responder(tipo="avance", fecha="2022-03-02", avance_pct=150))
    assert "resumen" in _error(lambda: responder(tipo="respuesta", fecha="2022-03-02"))
    assert "dependencia" in _error(lambda: turnos.responder(recepcion, numero, {"dependencia": "SH", "tipo": "acuse"}))
    assert "dependencia" in _error(lambda: turnos.responder(recepcion, numero, {"dependencia": "XYZ", "tipo": "acuse"}))
    with pytest.raises(PermisoDenegado):
        turnos.responder(entorno.supervisor, numero, {"dependencia": "SSP", "tipo": "acuse", "fecha": "2022-03-02"})
    assert foto(bd) == antes

    t = responder(tipo="acuse", fecha="2022-03-01")  # the same day as the turn is fine
    assert (t.estatus, t.fecha_acuse, t.semaforo.estado) == ("en_proceso", dt.date(2022, 3, 1), Estado.EN_PROCESO)
    antes = foto(bd)
    with pytest.raises(Conflicto, match="^tipo: el acuse de SSP ya estaba registrado"):
        responder(tipo="acuse", fecha="2022-03-02")
    assert foto(bd) == antes

    t = responder(tipo="avance", fecha="2022-03-03", avance_pct=50, resumen="Se programó visita")
    assert (t.estatus, t.avance_pct) == ("en_proceso", 50)
    t = responder(tipo="respuesta", fecha="2022-03-07", numero_oficio="SSP/0456/2022", resumen="Se atendió")
    assert (t.estatus, t.fecha_respuesta, t.avance_pct) == ("atendido", dt.date(2022, 3, 7), 100)
    assert (t.semaforo.estado, t.semaforo.oportunidad) == (Estado.ATENDIDO, Oportunidad.EN_TIEMPO)

    antes = foto(bd)
    for tipo in ("respuesta", "cierre", "avance", "acuse"):
        with pytest.raises(Conflicto, match="^dependencia: el turno a SSP ya fue respondido o cerrado"):
            responder(tipo=tipo, fecha="2022-03-08", resumen="Otra vez", avance_pct=60)
    assert foto(bd) == antes

    with bd.lectura() as s:
        historia = [(r.tipo, r.fecha, r.avance_pct, r.numero_oficio, r.registrado_por)
                    for r in s.scalars(select(RespuestaTurno).where(RespuestaTurno.turno_id == t.id)
                                       .order_by(RespuestaTurno.creado, RespuestaTurno.id))]
        ids = list(s.scalars(select(RespuestaTurno.id).where(RespuestaTurno.turno_id == t.id)))
    assert [h[:4] for h in historia] == [("acuse", dt.date(2022, 3, 1), None, None),
                                         ("avance", dt.date(2022, 3, 3), 50, None),
                                         ("respuesta", dt.date(2022, 3, 7), None, "SSP/0456/2022")]
    assert all(h[4] == recepcion.usuario_id for h in historia)
    # Every change is in the log: each answer created, and the turn edited each time.
    assert all([f.accion for f in auditoria(bd, "respuestas_turno", i)] == ["crear"] for i in ids)
    ediciones = [f for f in auditoria(bd, "turnos", t.id) if f.accion == "responder"]
    assert len(ediciones) == 3
    assert ediciones[-1].despues["estatus"] == "atendido" and ediciones[-1].antes["estatus"] == "en_proceso"


def test_respuesta_tardia_y_cierre(turnos, nuevo, recepcion):
    numero = nuevo()
    turnos.turnar(recepcion, numero, [turno("SSP", plazo=5), turno("CEA", plazo=5)], momento=MOMENTO)
    tarde = turnos.responder(recepcion, numero, {"dependencia": "SSP", "tipo": "respuesta", "fecha": "2022-03-09",
                                                 "resumen": "Atendido fuera de plazo"})
    assert (tarde.semaforo.estado, tarde.semaforo.oportunidad) == (Estado.ATENDIDO, Oportunidad.VENCIDO)
    cierre = turnos.responder(recepcion, numero, {"dependencia": "cea", "tipo": "cierre", "fecha": "2022-03-02",
                                                  "resumen": "No requiere respuesta: era informativo"})
    assert (cierre.estatus, cierre.fecha_respuesta, cierre.semaforo.estado) == (
        "no_requiere", dt.date(2022, 3, 2), Estado.ATENDIDO)
    with pytest.raises(Conflicto):
        turnos.responder(recepcion, numero, {"dependencia": "CEA", "tipo": "respuesta", "fecha": "2022-03-03",
                                             "resumen": "Ya estaba cerrado"})


def test_asunto_atendido_cuando_todos_los_responsables_responden(corr, turnos, nuevo, recepcion):
    numero = nuevo()
    assert corr.obtener(recepcion, numero).semaforo is None  # not turned yet
    turnos.turnar(recepcion, numero, [turno("SSP"), turno("SIDUR"), turno("SEC", "apoyo"),
                                      turno("SH", "para_conocimiento")], momento=MOMENTO)
    o = corr.obtener(recepcion, numero)
    assert (o.semaforo.estado, o.semaforo.oportunidad) == (Estado.SIN_ATENDER, Oportunidad.VENCIDO)
    turnos.responder(recepcion, numero, {"dependencia": "SSP", "tipo": "respuesta", "fecha": "2022-03-04",
                                         "resumen": "Atendido"})
    o = corr.obtener(recepcion, numero)
    assert o.semaforo.estado is Estado.EN_PROCESO
    # The support agency answering does not close the matter …
    turnos.responder(recepcion, numero, {"dependencia": "SEC", "tipo": "respuesta", "fecha": "2022-03-04",
                                         "resumen": "Opinión enviada"})
    assert corr.obtener(recepcion, numero).semaforo.estado is Estado.EN_PROCESO
    # … the last responsible one does, with the para-conocimiento turn still open.
    turnos.responder(recepcion, numero, {"dependencia": "SIDUR", "tipo": "cierre", "fecha": "2022-03-07",
                                         "resumen": "No requiere respuesta"})
    o = corr.obtener(recepcion, numero)
    assert (o.semaforo.estado, o.semaforo.oportunidad) == (Estado.ATENDIDO, Oportunidad.EN_TIEMPO)
    assert o.como_json()["semaforo"] == {"estado": "atendido", "oportunidad": "en_tiempo"}


def test_apoyo_abierto_no_impide_atendido(corr, turnos, nuevo, recepcion):
    numero = nuevo()
    turnos.turnar(recepcion, numero, [turno("SSP"), turno("SEC", "apoyo")], momento=MOMENTO)
    turnos.responder(recepcion, numero, {"dependencia": "SSP", "tipo": "respuesta", "fecha": "2022-03-02",
                                         "resumen": "Atendido"})
    o = corr.obtener(recepcion, numero)
    assert o.semaforo.estado is Estado.ATENDIDO
    assert {t.dependencia: t.estatus for t in o.turnos} == {"SSP": "atendido", "SEC": "sin_atender"}


# --- 48 hours -------------------------------------------------------------------------------
def test_turnado_en_48_horas(corr, turnos, nuevo, recepcion):
    recibido = dt.datetime(2022, 3, 1, 10, 15)
    a_tiempo, justo, tarde = nuevo(recibido.isoformat()), nuevo(recibido.isoformat()), nuevo(recibido.isoformat())
    assert corr.obtener(recepcion, a_tiempo).turnado_a_tiempo is None
    turnos.turnar(recepcion, a_tiempo, [turno("SSP")], momento=recibido + dt.timedelta(hours=3))
    turnos.turnar(recepcion, justo, [turno("SSP")], momento=recibido + dt.timedelta(hours=48))
    turnos.turnar(recepcion, tarde, [turno("SSP")], momento=recibido + dt.timedelta(hours=48, minutes=1))
    assert corr.obtener(recepcion, a_tiempo).turnado_a_tiempo is True
    assert corr.obtener(recepcion, justo).turnado_a_tiempo is True
    assert corr.obtener(recepcion, tarde).turnado_a_tiempo is False
    # The first routing is what counts: a later one does not undo it.
    turnos.turnar(recepcion, a_tiempo, [turno("SEC", "apoyo")], momento=recibido + dt.timedelta(days=6))
    o = corr.obtener(recepcion, a_tiempo)
    assert o.turnado_a_tiempo is True and o.como_json()["turnado_en_48_horas"] is True
