"""The bandeja's filters by series, agency (dependencia), reception dates (desde/hasta, both
inclusive), addressee (destinatario) and priority, each alone, combined, and with a typed text, on
both engines: `contar` and the rows of `pagina` are the matters a clerk would pick out by hand.

What the code defines them to mean (services/bandeja.py, `_filtrar`):
- dependencia: the matter has a turn to that agency that is not cancelled, in ANY role
  (responsable, apoyo, para conocimiento); a turn undone or moved elsewhere no longer counts.
- desde / hasta: the reception date, whole days, both bounds included (hasta up to 23:59:59).
- annulled matters are rows of the bandeja like any other (shown as «Anulado»): these filters keep
  them; only the «Estado» filter (and «Turnado en 48 h») sets them apart.
"""
from __future__ import annotations

import datetime as dt

import pytest

from oee_desk.domain.roles import Rol
from oee_desk.services.bandeja import FiltroBandeja, ServicioBandeja
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.turnos import ServicioTurnos

from conftest import sesion_con_rol
from test_correspondencia import oficio

MOMENTO_TURNO = dt.datetime(2020, 3, 12, 10, 0)

# asunto: (serie, received, destinatario (None: the series' own), prioridad, remitente)
ASUNTOS = {
    "A": ("03.01", "2020-03-02T09:00:00", "gobernador", "normal", "Lic. Ana Ruiz Félix"),
    "B": ("03.01", "2020-03-10T23:59:00", "jefe_oficina", "urgente", "Ing. Ramón Ibarra"),
    "C": ("03.01", "2020-03-11T00:00:00", "gobernador", "urgente", "C. María Peña"),
    "D": ("NJ", "2020-03-05T12:00:00", None, "normal", "Dr. Juan de la O"),
    "E": ("NJ", "2020-03-01T00:00:00", "gobernador", "urgente", "Lic. Ana Ruiz Félix"),
    "F": ("03.01", "2020-02-29T23:59:59", "gobernador", "normal", "Ing. Ramón Ibarra"),
    "G": ("03.01", "2020-03-04T10:00:00", "gobernador", "normal", "C. María Peña"),
    "H": ("03.01", "2020-03-06T08:30:00", "jefe_oficina", "urgente", "Lic. Ana Ruiz Félix"),
    "I": ("NJ", "2020-03-09T16:45:00", "jefe_oficina", "normal", "Dr. Juan de la O"),
    "J": ("03.01", "2020-03-03T11:00:00", "gobernador", "normal", "Ing. Ramón Ibarra"),
}
# What becomes of each, by hand:
#   A  SSP responsable
#   B  SSP apoyo, SIDUR responsable
#   C  SIDUR responsable
#   D  SSP responsable                      (NJ: addressed to the Jefe de la Oficina by default)
#   E  not turned
#   F  SSP responsable, undone (cancelled)  -> no agency
#   G  SSP responsable, moved to SEC        -> SEC only
#   H  SSP responsable, then annulled
#   I  not turned, annulled
#   J  SEC para conocimiento
DEPENDENCIAS = {"A": {"SSP"}, "B": {"SSP", "SIDUR"}, "C": {"SIDUR"}, "D": {"SSP"}, "E": set(), "F": set(),
                "G": {"SEC"}, "H": {"SSP"}, "I": set(), "J": {"SEC"}}
DESTINATARIOS = {a: d or "jefe_oficina" for a, (_, _, d, _, _) in ASUNTOS.items()}
ANULADOS = {"H", "I"}
TODOS = set(ASUNTOS)


def _turno(dependencia: str, rol: str = "responsable") -> dict:
    return {"dependencia": dependencia, "rol": rol, "instruccion": "atencion_procedente", "plazo_dias_habiles": 5}


def _recibido(asunto: str) -> dt.datetime:
    return dt.datetime.fromisoformat(ASUNTOS[asunto][1])


@pytest.fixture
def cargada(bd):
    """The matters of ASUNTOS registered and turned as the table above says. Returns the database, a
    clerk, and each asunto's (id, control number)."""
    recepcion, supervisor = sesion_con_rol(bd, Rol.RECEPCION), sesion_con_rol(bd, Rol.SUPERVISOR)
    corr, turnos = ServicioCorrespondencia(bd), ServicioTurnos(bd)
    registrados = {}
    for asunto, (serie, recibido, destinatario, prioridad, remitente) in ASUNTOS.items():
        datos = oficio(2020, serie=serie, fecha_recepcion=recibido, fecha_documento=None, prioridad=prioridad,
                       remitente={"nombre": remitente}, asunto=f"Asunto {asunto} de prueba")
        if destinatario is None:
            del datos["destinatario"]
        else:
            datos["destinatario"] = destinatario
        registrado = corr.registrar(recepcion, datos)
        registrados[asunto] = (registrado.id, registrado.numero_control)
    numero = {a: n for a, (_, n) in registrados.items()}
    turnar = lambda a, *t: turnos.turnar(recepcion, numero[a], list(t), momento=MOMENTO_TURNO)  # noqa: E731
    turnar("A", _turno("SSP"))
    turnar("B", _turno("SSP", "apoyo"), _turno("SIDUR"))
    turnar("C", _turno("SIDUR"))
    turnar("D", _turno("SSP"))
    turnar("F", _turno("SSP"))
    turnos.deshacer(supervisor, numero["F"], "SSP", "Turnado por error")
    turnar("G", _turno("SSP"))
    turnos.reasignar(supervisor, numero["G"], "SSP", "SEC", "Le corresponde a Educación", momento=MOMENTO_TURNO)
    turnar("H", _turno("SSP"))
    corr.anular(supervisor, numero["H"], "Registrado dos veces")
    corr.anular(supervisor, numero["I"], "Capturado por error")
    turnar("J", _turno("SEC", "para_conocimiento"))
    return bd, recepcion, registrados


def _listar(cargada, **filtro) -> tuple[int, list]:
    bd, recepcion, _ = cargada
    bandeja = ServicioBandeja(bd)
    return bandeja.contar(recepcion, FiltroBandeja(**filtro)), bandeja.pagina(recepcion, FiltroBandeja(**filtro))


def _comprobar(cargada, esperados: set[str], **filtro) -> list:
    """The count is the number of rows, and the rows are exactly `esperados` (ids and control numbers),
    newest reception first (the bandeja's default order)."""
    _, _, registrados = cargada
    total, filas = _listar(cargada, **filtro)
    orden = sorted(esperados, key=lambda a: (_recibido(a), registrados[a][0]), reverse=True)
    assert total == len(esperados), (filtro, total, sorted(esperados))
    assert [(f.id, f.numero_control) for f in filas] == [registrados[a] for a in orden], (
        filtro, [f.asunto for f in filas], orden)
    assert [f.asunto for f in filas] == [f"Asunto {a} de prueba" for a in orden]
    assert {f.asunto[7] for f in filas if f.anulado} == esperados & ANULADOS
    return filas


def test_sin_filtros_lista_todo_incluso_lo_anulado(cargada):
    _comprobar(cargada, TODOS)


@pytest.mark.parametrize("serie, esperados", [
    ("03.01", {"A", "B", "C", "F", "G", "H", "J"}),
    ("NJ", {"D", "E", "I"}),
    ("nj", {"D", "E", "I"}),  # the code, without regard to case
    ("AC", set()),  # a series of peticiones: no matters
    ("XX", set()),  # no such series
])
def test_filtro_por_serie(cargada, serie, esperados):
    filas = _comprobar(cargada, esperados, serie=serie)
    prefijo = {"03.01": "03.01-", "NJ": "NJ 03.01-", "nj": "NJ 03.01-"}.get(serie, "")
    assert all(f.numero_control.startswith(prefijo) for f in filas)


@pytest.mark.parametrize("dependencia", ["SSP", "SIDUR", "SEC", "ssp", "CEA"])
def test_filtro_por_dependencia_cuenta_cualquier_turno_vigente(cargada, dependencia):
    """Any role counts: B is SSP's only as «apoyo» and listed under SSP, A and D as «responsable», J
    SEC's only «para conocimiento». F's undone turn to SSP and G's turn moved from SSP to SEC do not
    list them under SSP any more; G is SEC's. H, annulled after it was turned to SSP, stays in
    SSP's list (marked annulled)."""
    esperados = {a for a, deps in DEPENDENCIAS.items() if dependencia.upper() in deps}
    _comprobar(cargada, esperados, dependencia=dependencia)


def test_dependencia_solo_como_apoyo_o_solo_como_responsable(cargada):
    """Spelled out: B is turned to SSP only as «apoyo», A only as «responsable»; both are SSP's.
    F (its SSP turn undone) and G (moved to SEC) are not."""
    total, filas = _listar(cargada, dependencia="SSP")
    asuntos = {f.asunto[7] for f in filas}
    assert {"A", "B"} <= asuntos and not {"F", "G"} & asuntos
    assert total == len(filas) == 4  # A, B, D and the annulled H
    total, filas = _listar(cargada, dependencia="SIDUR")
    assert (total, {f.asunto[7] for f in filas}) == (2, {"B", "C"})  # B's responsible turn is SIDUR's


@pytest.mark.parametrize("desde, hasta, esperados", [
    # Both bounds inclusive: E at 00:00 of desde and B at 23:59 of hasta are in; F at 23:59:59 of
    # the day before desde and C at 00:00 of the day after hasta are out.
    (dt.date(2020, 3, 1), dt.date(2020, 3, 10), {"A", "B", "D", "E", "G", "H", "I", "J"}),
    (dt.date(2020, 3, 1), None, {"A", "B", "C", "D", "E", "G", "H", "I", "J"}),
    (None, dt.date(2020, 3, 10), {"A", "B", "D", "E", "F", "G", "H", "I", "J"}),
    (None, dt.date(2020, 2, 29), {"F"}),  # 23:59:59 of hasta is still in
    (dt.date(2020, 3, 11), None, {"C"}),  # 00:00 of desde is in
    (dt.date(2020, 3, 10), dt.date(2020, 3, 10), {"B"}),  # a single day
    (dt.date(2020, 3, 5), dt.date(2020, 3, 5), {"D"}),
    (dt.date(2020, 3, 12), dt.date(2020, 12, 31), set()),
    (dt.date(2020, 3, 10), dt.date(2020, 3, 1), set()),  # reversed: nothing, not an error
])
def test_filtro_por_fechas_de_recepcion_con_limites_incluidos(cargada, desde, hasta, esperados):
    filas = _comprobar(cargada, esperados, desde=desde, hasta=hasta)
    assert all((desde is None or f.fecha_recepcion.date() >= desde) and
               (hasta is None or f.fecha_recepcion.date() <= hasta) for f in filas)


@pytest.mark.parametrize("destinatario", ["gobernador", "jefe_oficina"])
def test_filtro_por_destinatario(cargada, destinatario):
    # D was registered in NJ without a destinatario: it takes the series' own, the Jefe de la Oficina.
    esperados = {a for a, d in DESTINATARIOS.items() if d == destinatario}
    assert ("D" in esperados) == (destinatario == "jefe_oficina")
    _comprobar(cargada, esperados, destinatario=destinatario)


@pytest.mark.parametrize("prioridad", ["normal", "urgente"])
def test_filtro_por_prioridad(cargada, prioridad):
    esperados = {a for a, (_, _, _, p, _) in ASUNTOS.items() if p == prioridad}
    filas = _comprobar(cargada, esperados, prioridad=prioridad)
    assert {f.prioridad for f in filas} == {prioridad}


@pytest.mark.parametrize("filtro, esperados", [
    # series + agency + dates: of 03.01, turned to SSP, received 1–10 March (C is SIDUR's only and
    # the 11th; F is out by date and agency; D is NJ).
    ({"serie": "03.01", "dependencia": "SSP", "desde": dt.date(2020, 3, 1), "hasta": dt.date(2020, 3, 10)},
     {"A", "B", "H"}),
    ({"serie": "03.01", "dependencia": "SSP", "desde": dt.date(2020, 3, 3), "hasta": dt.date(2020, 3, 10)},
     {"B", "H"}),
    ({"serie": "NJ", "dependencia": "SSP", "desde": dt.date(2020, 3, 1), "hasta": dt.date(2020, 3, 10)}, {"D"}),
    ({"serie": "NJ", "destinatario": "gobernador"}, {"E"}),
    ({"prioridad": "urgente", "destinatario": "jefe_oficina"}, {"B", "H"}),
    ({"prioridad": "urgente", "dependencia": "SIDUR", "hasta": dt.date(2020, 3, 10)}, {"B"}),
    ({"serie": "03.01", "prioridad": "normal", "destinatario": "gobernador", "desde": dt.date(2020, 3, 1)},
     {"A", "G", "J"}),
    # the «Estado» filter still sets the annulled apart when combined
    ({"serie": "03.01", "dependencia": "SSP", "estado": "sin_atender"}, {"A", "B"}),
    ({"serie": "03.01", "dependencia": "SSP", "estado": "anulado"}, {"H"}),
    ({"dependencia": "SSP", "estado": "en_proceso"}, set()),
])
def test_filtros_combinados(cargada, filtro, esperados):
    _comprobar(cargada, esperados, **filtro)


@pytest.mark.parametrize("texto, filtro, esperados", [
    # «ana ruiz felix»: A, E and H, typed without accents or capitals
    ("ana ruiz felix", {}, {"A", "E", "H"}),
    ("ana ruiz felix", {"serie": "03.01"}, {"A", "H"}),
    ("ana ruiz felix", {"dependencia": "SSP", "desde": dt.date(2020, 3, 2), "hasta": dt.date(2020, 3, 6)},
     {"A", "H"}),
    ("RUIZ", {"prioridad": "urgente"}, {"E", "H"}),
    ("ramon", {"serie": "03.01", "desde": dt.date(2020, 3, 1)}, {"B", "J"}),
    ("ramon", {"dependencia": "SIDUR", "destinatario": "jefe_oficina"}, {"B"}),
    ("peña", {"dependencia": "SEC"}, {"G"}),
    ("pena", {"serie": "NJ"}, set()),
    ("maria", {"hasta": dt.date(2020, 3, 10)}, {"G"}),
    ("MARÍA", {"desde": dt.date(2020, 3, 11), "hasta": dt.date(2020, 3, 11)}, {"C"}),
    ("maria", {"desde": dt.date(2020, 3, 11), "prioridad": "normal"}, set()),
])
def test_texto_tecleado_con_filtros(cargada, texto, filtro, esperados):
    _comprobar(cargada, esperados, texto=texto, **filtro)


def test_los_filtros_no_apartan_lo_anulado_pero_el_estado_si(cargada):
    """H and I are annulled: every filter of this file keeps them, marked; «Estado» sets them apart."""
    _comprobar(cargada, {"B", "H"}, dependencia="SSP", prioridad="urgente")
    _comprobar(cargada, {"H", "I"}, destinatario="jefe_oficina", desde=dt.date(2020, 3, 6),
               hasta=dt.date(2020, 3, 9))
    _comprobar(cargada, {"D", "E", "I"}, serie="NJ")
    _comprobar(cargada, ANULADOS, estado="anulado")
    _comprobar(cargada, {"I"}, estado="anulado", serie="NJ")
    _comprobar(cargada, {"E"}, estado="sin_turnar", serie="NJ")  # I is annulled, not «sin turnar»
    _comprobar(cargada, {"A", "B", "D"}, estado="sin_atender", dependencia="SSP")  # not H


# --- where the dashboard's overdue figures lead (bugs found while writing the tests above) ----
HOY_TABLERO = dt.date(2022, 5, 18)


@pytest.fixture
def vencidos(bd):
    """Three matters of March 2022 whose 5-day responsible turns are overdue on HOY_TABLERO:
    «propio», SSP's own; «apoyo», SSP only as support while SIDUR's responsible turn is overdue;
    «anulado», SSP's, annulled after it was turned."""
    recepcion, supervisor = sesion_con_rol(bd, Rol.RECEPCION), sesion_con_rol(bd, Rol.SUPERVISOR)
    corr, turnos = ServicioCorrespondencia(bd), ServicioTurnos(bd)
    momento = dt.datetime(2022, 3, 1, 12, 0)
    numeros = {}
    for asunto, turnar in (("propio", [_turno("SSP")]), ("apoyo", [_turno("SSP", "apoyo"), _turno("SIDUR")]),
                           ("anulado", [_turno("SSP")])):
        numeros[asunto] = corr.registrar(recepcion, oficio(2022, fecha_recepcion="2022-03-01T10:00:00",
                                                           asunto=asunto)).numero_control
        turnos.turnar(recepcion, numeros[asunto], turnar, momento=momento)
    corr.anular(supervisor, numeros["anulado"], "Registrado dos veces")
    return bd, recepcion, supervisor


def test_los_vencidos_de_una_dependencia_son_los_de_la_cifra_del_tablero(vencidos):
    """The dashboard's overdue row of an agency opens the bandeja on that agency's own overdue turns:
    not the matters where it only supports another agency's overdue turn, nor annulled ones."""
    from oee_desk.services.tablero import ServicioTablero

    bd, recepcion, supervisor = vencidos
    figura = {v.codigo: v.vencidos for v in ServicioTablero(bd).calcular(supervisor, HOY_TABLERO)
              .vencidos_por_dependencia}
    assert figura == {"SSP": 1, "SIDUR": 1}  # «propio» at SSP, «apoyo» at SIDUR; never the annulled one
    filtro = FiltroBandeja(dependencia="SSP", oportunidad="vencido")
    filas = ServicioBandeja(bd).pagina(recepcion, filtro, hoy=HOY_TABLERO)
    assert sorted(f.asunto for f in filas) == ["propio"]
    assert ServicioBandeja(bd).contar(recepcion, filtro, hoy=HOY_TABLERO) == figura["SSP"]


def test_un_asunto_anulado_no_esta_vencido(vencidos):
    """An annulled matter is owed by no one: neither the «Vencido» list nor the dashboard counts it."""
    from oee_desk.services.tablero import ServicioTablero

    bd, recepcion, supervisor = vencidos
    tablero = ServicioTablero(bd).calcular(supervisor, HOY_TABLERO)
    assert tablero.turnos_vencidos == 2
    filas = ServicioBandeja(bd).pagina(recepcion, FiltroBandeja(oportunidad="vencido"), hoy=HOY_TABLERO)
    assert sorted(f.asunto for f in filas) == ["apoyo", "propio"]
    assert tablero.asuntos_vencidos == 2
