"""The supervisor's dashboard from known records, on both engines: each figure a supervisor would
check, the POA rules (annulled and merged petitions do not count), and that every figure equals the
count of the list it leads to."""
from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from conftest import sesion_con_rol
from sqlalchemy import update

from oee_desk.db.modelos_atencion import Peticion
from oee_desk.domain import contrasenas
from oee_desk.domain.errores import PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services import Servicios
from oee_desk.services.bandeja import FiltroBandeja

HOY = dt.date(2022, 5, 18)  # a Wednesday of the second quarter


def _peticion(sv: Servicios, actor, canal: str, fecha: str, n: int, gira: str | None = None) -> str:
    return sv.peticiones.registrar(actor, {
        "fecha_recepcion": fecha, "canal": canal, "tema": "salud", "descripcion": f"Petición {canal} {fecha}",
        "gira": gira, "ciudadano": {"nombre": "Ana", "primer_apellido": f"Tablero{n}", "telefono": f"66220{n:05d}"},
    }).folio


def _llamada(sv: Servicios, actor, folio: str, fecha: str, resultado: str = "no_contesto") -> None:
    sv.seguimientos.agregar(actor, folio, {"fecha": fecha, "tipo": "llamada_saliente", "resultado": resultado})


def _oficio(sv: Servicios, actor, recibido: str, asunto: str) -> str:
    return sv.correspondencia.registrar(actor, {
        "serie": "03.01", "fecha_recepcion": recibido, "tipo_documento": "oficio", "asunto": asunto,
        "remitente": {"nombre": "Lic. Ana Ruiz Félix", "institucion": "H. Ayuntamiento de Álamos"},
        "numero_oficio_remitente": f"PM/{asunto}"}).numero_control


def _turnar(sv: Servicios, actor, numero: str, momento: str, *turnos: tuple[str, str, int]) -> None:
    sv.turnos.turnar(actor, numero, [{"dependencia": d, "rol": rol, "instruccion": "atencion_procedente",
                                      "plazo_dias_habiles": plazo} for d, rol, plazo in turnos],
                     momento=dt.datetime.fromisoformat(momento))


@pytest.fixture(autouse=True)
def _argon2_rapido(monkeypatch):
    """Argon2 at its cheapest: each test signs in four users, and nothing here is about passwords."""
    monkeypatch.setattr(contrasenas, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def sv(bd) -> Servicios:
    return Servicios.de(bd)


@pytest.fixture
def supervisor(sv):
    """Known records of May 2022 (and around it), and records that must not count."""
    campo, supervisor = sesion_con_rol(sv.bd, Rol.CAMPO), sesion_con_rol(sv.bd, Rol.SUPERVISOR)
    recepcion = sesion_con_rol(sv.bd, Rol.RECEPCION)
    # --- petitions: 3 by call center, 1 by chat and 1 on a gira in May; 2 by call center in March
    gira = sv.giras.registrar(campo, {"fecha": "2022-05-11", "municipio": "Cajeme", "evento": "Gira de mayo"}).clave
    mayo = [_peticion(sv, campo, "call_center", f"2022-05-{9 + i:02d}T09:30:00", i) for i in range(3)]
    chat = _peticion(sv, campo, "chat_sonora", "2022-05-12T11:00:00", 3)
    en_gira = _peticion(sv, campo, "gira", "2022-05-11T12:00:00", 4, gira)
    marzo = [_peticion(sv, campo, "call_center", f"2022-03-{14 + i:02d}T10:00:00", 5 + i) for i in range(2)]
    # Not counted: annulled (its callback is not due either), merged into another, last year's.
    anulada = _peticion(sv, campo, "call_center", "2022-05-10T10:00:00", 7)
    _llamada(sv, campo, anulada, "2022-05-13T10:00:00")
    sv.peticiones.anular(supervisor, anulada, "Duplicada")
    fusionada = _peticion(sv, campo, "chat_sonora", "2022-05-12T12:00:00", 8)
    with sv.bd.escritura(supervisor) as s:
        superviviente = s.query(Peticion).filter(Peticion.folio == chat).one()
        s.execute(update(Peticion).where(Peticion.folio == fusionada).values(fusionada_en=superviviente.id))
    _peticion(sv, campo, "call_center", "2021-12-31T23:00:00", 9)
    # --- follow-ups: 4 more in May (3 unanswered calls put callbacks in the queue), 1 in April
    _llamada(sv, campo, mayo[0], "2022-05-16T10:00:00")  # callback 17 May: overdue on the 18th
    _llamada(sv, campo, mayo[1], "2022-05-17T10:00:00")  # callback 18 May: due today
    _llamada(sv, campo, chat, "2022-05-18T09:00:00")  # callback 19 May: not due yet
    sv.seguimientos.agregar(campo, en_gira, {"fecha": "2022-05-17T16:00:00", "tipo": "visita"})
    sv.seguimientos.agregar(campo, marzo[0], {"fecha": "2022-04-02T10:00:00", "tipo": "contacto_enlace"})
    # --- oficios of 2022, one of 2021, and an annulled one
    a = _oficio(sv, recepcion, "2022-03-01T10:15:00", "A")  # sin atender, vencido; turned in 48 h
    _turnar(sv, recepcion, a, "2022-03-02T09:00:00", ("SSP", "responsable", 5), ("SEC", "apoyo", 5))
    b = _oficio(sv, recepcion, "2022-03-01T10:15:00", "B")  # en proceso, vencido; turned late
    _turnar(sv, recepcion, b, "2022-03-07T10:00:00", ("SSP", "responsable", 5))
    sv.turnos.responder(recepcion, b, {"dependencia": "SSP", "tipo": "acuse", "fecha": "2022-03-08"})
    c = _oficio(sv, recepcion, "2022-05-02T09:00:00", "C")  # sin atender, por vencer
    _turnar(sv, recepcion, c, "2022-05-02T12:00:00", ("SEC", "responsable", 15))
    d = _oficio(sv, recepcion, "2022-05-17T09:00:00", "D")  # sin atender, en tiempo
    _turnar(sv, recepcion, d, "2022-05-17T12:00:00", ("SEC", "responsable", 30))
    e = _oficio(sv, recepcion, "2022-03-01T10:15:00", "E")  # atendido
    _turnar(sv, recepcion, e, "2022-03-01T12:00:00", ("SSP", "responsable", 5))
    sv.turnos.responder(recepcion, e, {"dependencia": "SSP", "tipo": "respuesta", "fecha": "2022-03-04",
                                       "numero_oficio": "SSP/1", "resumen": "Atendido"})
    _oficio(sv, recepcion, "2022-05-10T09:00:00", "F")  # sin turnar
    anulado = _oficio(sv, recepcion, "2022-05-11T09:00:00", "G")
    sv.correspondencia.anular(supervisor, anulado, "Registrado dos veces")
    h = _oficio(sv, recepcion, "2021-11-03T09:00:00", "H")  # last year's, still overdue at SIDUR
    _turnar(sv, recepcion, h, "2021-11-03T12:00:00", ("SIDUR", "responsable", 5))
    # --- the year's automatic metas (and a manual one, which the dashboard leaves to the tally)
    def meta(numero, cuenta, indicador, programado, fuente="automatica"):
        return {"numero": numero, "descripcion": f"Meta {numero}", "area": "Atención Ciudadana", "unidad": "conteo",
                "periodicidad": "mensual" if len(programado) == 12 else "trimestral", "fuente": fuente,
                "programado": programado, "regla": {"cuenta": cuenta, "indicador": indicador} if cuenta else None}
    sv.metas.cargar(supervisor, {"anio": 2022, "metas": [
        meta(1, "peticiones", 1, [10] * 12), meta(2, "seguimientos", 1, [8, 8, 8, 8]), meta(3, "ambos", 2, [2] * 12),
        meta(4, "oficios", None, [10, 10, 10, 10]), meta(5, None, None, [7] * 12, fuente="manual")]})
    return supervisor


def test_las_cifras_del_mes_cuentan_como_el_poa(sv, supervisor):
    t = sv.tablero.calcular(supervisor, HOY)
    assert (t.anio, t.mes, t.hoy) == (2022, 5, HOY)
    assert t.peticiones_mes == 5  # neither the annulled, the merged nor last year's petition
    # Follow-ups count by their own date whatever became of the petition, as in the POA tally: the
    # annulled petition's call was made (4 + 1).
    assert t.seguimientos_mes == 5
    canales = {c.codigo: c.meses for c in t.canales}
    assert canales["call_center"] == (0, 0, 2, 0, 3, 0, 0, 0, 0, 0, 0, 0)
    assert canales["chat_sonora"] == (0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0)
    assert canales["gira"] == (0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0)
    assert canales["asesoria_juridica"] == (0,) * 12  # an active channel with nothing yet still has its row
    assert [c.codigo for c in t.canales][:3] == ["asesoria_juridica", "atencion_gestion_inmediata", "call_center"]
    assert t.peticiones_por_mes[4] == t.peticiones_mes and sum(t.peticiones_por_mes) == 7


def test_las_metas_automaticas_contra_lo_programado_del_periodo(sv, supervisor):
    metas = {m.numero: m for m in sv.tablero.calcular(supervisor, HOY).metas}
    assert set(metas) == {1, 2, 3, 4}  # the manual meta is captured, not counted
    # Monthly: May's petitions of Indicador 1 (3 call center + 1 chat) against May's 10.
    assert (metas[1].nombre_periodo, metas[1].alcanzado, metas[1].programado, metas[1].cumplimiento_pct) == \
        ("mayo", 4, 10, 40.0)
    # Quarterly: the second quarter so far, April's follow-up and May's four of Indicador 1.
    assert (metas[2].nombre_periodo, metas[2].alcanzado, metas[2].programado, metas[2].cumplimiento_pct) == \
        ("trimestre II", 5, 8, 62.5)
    # Petitions and follow-ups of Indicador 2: the gira's petition and its visit.
    assert (metas[3].alcanzado, metas[3].programado, metas[3].cumplimiento_pct) == (2, 2, 100.0)
    # Oficios registered in the quarter (C, D, F; not the annulled one), as the POA tally counts them.
    assert (metas[4].alcanzado, metas[4].programado) == (3, 10)


def test_oficios_por_estado_y_semaforo_como_los_filtra_la_bandeja(sv, supervisor):
    t = sv.tablero.calcular(supervisor, HOY)
    assert t.oficios_por_estado == {"sin_turnar": 1, "sin_atender": 3, "en_proceso": 1, "atendido": 1}
    assert t.oficios_recibidos == 6  # 2022's, without the annulled one
    assert t.oficios_por_semaforo == {
        ("sin_atender", "en_tiempo"): 1, ("sin_atender", "por_vencer"): 1, ("sin_atender", "vencido"): 1,
        ("en_proceso", "en_tiempo"): 0, ("en_proceso", "por_vencer"): 0, ("en_proceso", "vencido"): 1}
    assert t.asuntos_vencidos == 3  # A and B, and last year's H
    # Each figure is the count of the bandeja the supervisor lands on when clicking it.
    recepcion = sesion_con_rol(sv.bd, Rol.RECEPCION)
    for estado, n in t.oficios_por_estado.items():
        assert sv.bandeja.contar(recepcion, FiltroBandeja(anio=2022, estado=estado), hoy=HOY) == n, estado
    for (estado, luz), n in t.oficios_por_semaforo.items():
        assert sv.bandeja.contar(recepcion, FiltroBandeja(anio=2022, estado=estado, oportunidad=luz), hoy=HOY) == n
    assert sv.bandeja.contar(recepcion, FiltroBandeja(oportunidad="vencido"), hoy=HOY) == t.asuntos_vencidos


def test_turnados_en_48_horas_y_turnos_vencidos_por_dependencia(sv, supervisor):
    t = sv.tablero.calcular(supervisor, HOY)
    # B was late, and F is still not turned eight days on: both missed it.
    assert (t.turnados_en_48_horas, t.oficios_con_meta_48h, t.cumplimiento_48_horas) == (4, 6, 66.7)
    # Responsible turns only (SEC's overdue «apoyo» on A is not counted), of any year, never annulled.
    assert [(v.codigo, v.vencidos) for v in t.vencidos_por_dependencia] == [("SSP", 2), ("SIDUR", 1)]
    assert t.vencidos_por_dependencia[0].nombre == "Secretaría de Seguridad Pública"
    assert t.turnos_vencidos == 3
    solo_una = sv.tablero.calcular(supervisor, HOY, dependencias=1)
    assert [v.codigo for v in solo_una.vencidos_por_dependencia] == ["SSP"] and solo_una.turnos_vencidos == 3


def test_llamadas_pendientes_como_la_cola(sv, supervisor):
    t = sv.tablero.calcular(supervisor, HOY)
    assert (t.llamadas_pendientes, t.llamadas_atrasadas) == (2, 1)
    cola = sv.seguimientos.llamadas_pendientes(supervisor, hoy=HOY)
    assert len(cola) == t.llamadas_pendientes and sum(x.dias_atraso > 0 for x in cola) == t.llamadas_atrasadas
    # The next day the chat's callback is due too, and yesterday's «today» is overdue.
    manana = sv.tablero.calcular(supervisor, HOY + dt.timedelta(days=1))
    assert (manana.llamadas_pendientes, manana.llamadas_atrasadas) == (3, 2)


def test_un_anio_sin_registros_da_ceros(sv, supervisor):
    t = sv.tablero.calcular(supervisor, dt.date(2023, 2, 1))
    assert t.peticiones_mes == t.seguimientos_mes == 0 and t.metas == ()
    assert t.oficios_recibidos == 0 and t.cumplimiento_48_horas is None
    assert all(c.meses == (0,) * 12 for c in t.canales)
    # Overdue whatever the year they came in: by February the May turns to SEC are overdue too.
    assert t.asuntos_vencidos == 5
    assert [(v.codigo, v.vencidos) for v in t.vencidos_por_dependencia] == [("SEC", 2), ("SSP", 2), ("SIDUR", 1)]


def test_informa_su_avance(sv, supervisor):
    pasos = []
    sv.tablero.calcular(supervisor, HOY, progreso=lambda hechos, total: pasos.append((hechos, total)))
    assert pasos and pasos[-1][0] == pasos[-1][1] and [h for h, _ in pasos] == list(range(1, len(pasos) + 1))


@pytest.mark.parametrize("rol", [Rol.RECEPCION, Rol.ATENCION, Rol.CAMPO])
def test_solo_supervision_y_administracion_lo_ven(sv, rol):
    with pytest.raises(PermisoDenegado):
        sv.tablero.calcular(sesion_con_rol(sv.bd, rol), HOY)
    assert sv.tablero.calcular(sesion_con_rol(sv.bd, Rol.ADMIN), HOY).peticiones_mes == 0


def test_los_seguimientos_del_mes_se_listan_de_ambos_indicadores(sv, supervisor):
    t = sv.tablero.calcular(supervisor, HOY)
    detalle = sv.tablero.seguimientos_del_mes(supervisor, 2022, 5)
    # The card's figure is the list's count: four of Indicador 1 (the annulled petition's call among
    # them) and the gira's visit, of Indicador 2; April's is not in May.
    assert detalle.total == t.seguimientos_mes == 5 and len(detalle.registros) == 5
    assert {r.tipo for r in detalle.registros} == {"Seguimiento"}
    assert {r.canal for r in detalle.registros} == {"Call Center", "Chat Sonora", "Giras Gobernador"}
    assert all(r.fecha.month == 5 and r.fecha.year == 2022 for r in detalle.registros)
    assert detalle.titulo == "Seguimientos registrados, de ambos indicadores · mayo 2022"
    pagina = sv.tablero.seguimientos_del_mes(supervisor, 2022, 5, limite=2, desplazamiento=4)
    assert pagina.total == 5 and len(pagina.registros) == 1
    assert sv.tablero.seguimientos_del_mes(supervisor, 2022, 4).total == 1
    with pytest.raises(PermisoDenegado):
        sv.tablero.seguimientos_del_mes(sesion_con_rol(sv.bd, Rol.RECEPCION), 2022, 5)


def test_turnados_en_48_horas_es_la_cuenta_de_la_bandeja_filtrada(sv, supervisor):
    t = sv.tablero.calcular(supervisor, HOY)
    recepcion = sesion_con_rol(sv.bd, Rol.RECEPCION)

    def contar(**filtro) -> int:
        return sv.bandeja.contar(recepcion, FiltroBandeja(**filtro), hoy=HOY)

    assert contar(anio=2022, turnado_48h=True) == t.turnados_en_48_horas == 4  # A, C, D, E
    # Not within 48 hours: B, turned late, and F, not turned eight days on; never the annulled G.
    assert contar(anio=2022, turnado_48h=False) == 2
    numeros = {f.asunto: f.turnado_a_tiempo for f in sv.bandeja.pagina(
        recepcion, FiltroBandeja(anio=2022, turnado_48h=False), hoy=HOY)}
    assert numeros == {"B": False, "F": None}
    assert contar(turnado_48h=True) == 5  # any year: last year's H as well


def test_el_limite_de_48_horas_es_el_mismo_en_sql(sv, supervisor):
    """Exactly 48 hours is on time, a second more is late (domain.semaforo), on both engines; an
    annulled oficio counts in neither the figure nor the list."""
    recepcion = sesion_con_rol(sv.bd, Rol.RECEPCION)
    justo = _oficio(sv, recepcion, "2020-06-01T10:00:00", "Justo")
    _turnar(sv, recepcion, justo, "2020-06-03T10:00:00", ("SSP", "responsable", 5))
    tarde = _oficio(sv, recepcion, "2020-06-01T10:00:00", "Tarde")
    _turnar(sv, recepcion, tarde, "2020-06-03T10:00:01", ("SSP", "responsable", 5))
    anulado = _oficio(sv, recepcion, "2020-06-01T10:00:00", "Anulado")
    _turnar(sv, recepcion, anulado, "2020-06-01T11:00:00", ("SSP", "responsable", 5))
    sv.correspondencia.anular(supervisor, anulado, "Registrado dos veces")
    reciente = _oficio(sv, recepcion, "2020-06-02T10:00:00", "Reciente")  # not turned: 48 h not over yet
    t = sv.tablero.calcular(supervisor, dt.date(2020, 6, 3))
    assert (t.turnados_en_48_horas, t.oficios_con_meta_48h) == (1, 2)

    def asuntos(valor: bool) -> list[str]:
        return sorted(f.asunto for f in sv.bandeja.pagina(recepcion, FiltroBandeja(anio=2020, turnado_48h=valor),
                                                            hoy=dt.date(2020, 6, 3)))

    assert asuntos(True) == ["Justo"] and asuntos(False) == ["Tarde"]
    # Two days later the untouched one is past its 48 hours too, in the list and in the figure.
    assert sv.bandeja.contar(recepcion, FiltroBandeja(anio=2020, turnado_48h=False), hoy=dt.date(2020, 6, 5)) == 2
    despues = sv.tablero.calcular(supervisor, dt.date(2020, 6, 5))
    assert (despues.turnados_en_48_horas, despues.oficios_con_meta_48h, despues.cumplimiento_48_horas) == (1, 3, 33.3)
    assert reciente
