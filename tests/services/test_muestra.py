"""The sample correspondence (services/muestra.py) on both engines: what the self-test, the
screenshots and `oee-desk demo` start from. Written through the real services, so every row has
its audit entry, signed by whoever would have done it in the office."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from oee_desk.db.modelos import Auditoria
from oee_desk.db.modelos_correspondencia import Anexo, Oficio, RespuestaTurno, Turno
from oee_desk.domain.roles import Rol
from oee_desk.domain.semaforo import Oportunidad
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.muestra import crear_personal, sembrar_correspondencia

from conftest import CONTRASENA


def test_la_muestra_registra_turna_responde_y_anula_con_su_bitacora(bd, admin):
    recepcion, supervisor = crear_personal(bd, admin, CONTRASENA)
    assert (recepcion.rol, supervisor.rol) == (Rol.RECEPCION, Rol.SUPERVISOR)
    assert crear_personal(bd, admin, CONTRASENA)[0].usuario_id == recepcion.usuario_id  # a second call reuses them

    muestra = sembrar_correspondencia(bd, recepcion, supervisor)

    with bd.lectura() as s:
        oficios = list(s.scalars(select(Oficio).order_by(Oficio.fecha_recepcion)))
        turnos = list(s.scalars(select(Turno)))
        respuestas = list(s.scalars(select(RespuestaTurno)))
        anexos = list(s.scalars(select(Anexo)))
        bitacora = list(s.scalars(select(Auditoria)))
    assert len(oficios) == 12 and [o.numero_control for o in oficios] == muestra.numeros
    assert {o.numero_control.startswith("NJ") for o in oficios} == {True, False}  # both series
    hoy = dt.date.today()
    assert all(hoy - dt.timedelta(days=40) <= o.fecha_recepcion.date() <= hoy for o in oficios)
    assert all(o.fecha_recepcion.weekday() < 5 for o in oficios)
    assert len(turnos) == muestra.turnos == 16
    assert {t.estatus for t in turnos} == {"sin_atender", "en_proceso", "atendido", "no_requiere"}
    assert {r.tipo for r in respuestas} == {"acuse", "avance", "respuesta", "cierre"}

    anulados = [o for o in oficios if o.anulado]
    assert [o.numero_control for o in anulados] == [muestra.anulado]
    assert anulados[0].motivo_anulacion and not any(t.oficio_id == anulados[0].id for t in turnos)
    assert sorted({o.numero_control for o in oficios if o.id in {a.oficio_id for a in anexos}}) == \
        sorted(muestra.con_escaneo) and len(muestra.con_escaneo) == 3
    assert all(a.tipo_mime == "application/pdf" and a.tamano < 10_000 for a in anexos)
    assert {o.estado for o in oficios} >= {"sin_turnar", "sin_atender", "en_proceso", "atendido"}

    # Every row has its audit entry, signed by the clerk or, for the annulment, the supervisor.
    por_registro = {}
    for a in bitacora:
        por_registro.setdefault(a.registro_id, []).append(a)
    for fila in (*oficios, *turnos, *respuestas, *anexos):
        altas = [a for a in por_registro.get(str(fila.id), []) if a.accion == "crear"]
        assert [a.usuario for a in altas] == ["recepcion"], fila
    anulacion = [a for a in por_registro[str(anulados[0].id)] if a.accion == "anular"]
    assert [a.usuario for a in anulacion] == ["supervision"]

    correspondencia = ServicioCorrespondencia(bd)
    vencido = correspondencia.obtener(recepcion, muestra.vencido)
    assert vencido.semaforo.oportunidad is Oportunidad.VENCIDO
    ejemplar = correspondencia.obtener(recepcion, muestra.ejemplar)
    assert ejemplar.anexos and len({t.estatus for t in ejemplar.turnos}) > 1
    assert any(t.estatus != "atendido" for t in ejemplar.turnos)  # the self-test answers it
    assert sum(o.turnado_a_tiempo is False for o in map(lambda n: correspondencia.obtener(recepcion, n),
                                                          muestra.numeros)) == 1  # one turned late


def test_la_muestra_cabe_en_otro_tamano_y_otra_fecha(bd, admin):
    recepcion, supervisor = crear_personal(bd, admin, CONTRASENA)
    hoy = dt.date(2025, 3, 2)  # a Sunday
    muestra = sembrar_correspondencia(bd, recepcion, supervisor, n=15, hoy=hoy)
    with bd.lectura() as s:
        oficios = list(s.scalars(select(Oficio).order_by(Oficio.fecha_recepcion)))
    assert [o.numero_control for o in oficios] == muestra.numeros and len(oficios) == 15
    assert oficios[-1].fecha_recepcion.date() == dt.date(2025, 2, 28)  # the weekend goes back to Friday
    assert all(o.fecha_recepcion.date() <= hoy and o.fecha_recepcion.weekday() < 5 for o in oficios)
    assert len({o.numero_oficio_remitente for o in oficios if o.numero_oficio_remitente}) == \
        sum(1 for o in oficios if o.numero_oficio_remitente)  # repeated examples get their own numbers
