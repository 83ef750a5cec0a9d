"""A supervisor undoes or reassigns a turn: the old turn stays, cancelled with its reason, audited."""
import datetime as dt

import pytest
from sqlalchemy import select

from conftest import sesion_con_rol
from oee_desk.db.modelos import Auditoria
from oee_desk.db.modelos_correspondencia import Turno
from oee_desk.domain.errores import Conflicto, ErrorValidacion, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.turnos import ServicioTurnos


@pytest.fixture
def asunto(bd):
    recepcion = sesion_con_rol(bd, Rol.RECEPCION)
    oficio = ServicioCorrespondencia(bd).registrar(recepcion, {
        "serie": "03.01", "fecha_recepcion": "2024-03-01T10:00", "remitente": {"nombre": "Juan Pérez"},
        "asunto": "Solicitud de apoyo"})
    ServicioTurnos(bd).turnar(recepcion, oficio.numero_control, {"turnos": [
        {"dependencia": "SSP", "instruccion": "atencion_procedente", "plazo_dias_habiles": 5}]},
        momento=dt.datetime(2024, 3, 1, 11))
    return oficio.numero_control


def test_reasignar_mueve_el_turno_y_guarda_el_anterior(bd, asunto):
    supervisor = sesion_con_rol(bd, Rol.SUPERVISOR)
    turnos = ServicioTurnos(bd).reasignar(supervisor, asunto, "ssp", "SEGOB", "Es asunto de Gobierno",
                                          momento=dt.datetime(2024, 3, 4, 9))
    assert [(t.dependencia, t.rol, t.plazo_dias_habiles, t.fecha_limite) for t in turnos] == \
        [("SEGOB", "responsable", 5, dt.date(2024, 3, 11))]
    with bd.lectura() as s:
        anterior = s.scalar(select(Turno).where(Turno.cancelado.is_(True)))
        assert anterior.motivo_cancelacion == "Es asunto de Gobierno"
        assert s.scalar(select(Auditoria).where(Auditoria.accion == "reasignar_turno",
                                                Auditoria.registro_id == str(anterior.id))) is not None


def test_deshacer_deja_el_asunto_sin_turnar(bd, asunto):
    supervisor = sesion_con_rol(bd, Rol.SUPERVISOR)
    assert ServicioTurnos(bd).deshacer(supervisor, asunto, "SSP", "Turnado por error") == []
    oficio = ServicioCorrespondencia(bd).obtener(supervisor, asunto)
    assert oficio.semaforo is None and oficio.turnos == []
    with bd.lectura() as s:
        deshecho = s.scalar(select(Turno).where(Turno.cancelado.is_(True)))
        fila = s.scalar(select(Auditoria).where(Auditoria.accion == "deshacer_turno",
                                                Auditoria.registro_id == str(deshecho.id)))
    assert fila.usuario == supervisor.nombre and fila.despues["motivo_cancelacion"] == "Turnado por error"


def test_un_turno_ya_respondido_no_se_reasigna(bd, asunto):
    supervisor = sesion_con_rol(bd, Rol.SUPERVISOR)
    turnos = ServicioTurnos(bd)
    turnos.responder(sesion_con_rol(bd, Rol.RECEPCION), asunto, {
        "dependencia": "SSP", "tipo": "respuesta", "fecha": "2024-03-05", "resumen": "Atendido"})
    with pytest.raises(Conflicto, match="SSP ya fue respondido o cerrado: no se puede reasignar"):
        turnos.reasignar(supervisor, asunto, "ssp", "SEGOB", "Es asunto de Gobierno")
    assert [(t.dependencia, t.estatus) for t in turnos.de_oficio(supervisor, asunto)] == [("SSP", "atendido")]
    assert ServicioCorrespondencia(bd).obtener(supervisor, asunto).semaforo.estado.value == "atendido"


def test_sin_motivo_o_a_dependencia_ya_turnada_se_rechaza(bd, asunto):
    supervisor = sesion_con_rol(bd, Rol.SUPERVISOR)
    with pytest.raises(ErrorValidacion) as e:
        ServicioTurnos(bd).deshacer(supervisor, asunto, "SSP", "  ")
    assert e.value.problemas[0].campo == "motivo"
    with pytest.raises(ErrorValidacion) as e:
        ServicioTurnos(bd).reasignar(supervisor, asunto, "SSP", "SSP", "x")
    assert e.value.problemas[0].campo == "nueva dependencia"
    with pytest.raises(PermisoDenegado):
        ServicioTurnos(bd).deshacer(sesion_con_rol(bd, Rol.RECEPCION), asunto, "SSP", "x")
    assert [t.dependencia for t in ServicioTurnos(bd).de_oficio(supervisor, asunto)] == ["SSP"]
