"""Control numbers under load: many writers, rollbacks and killed processes leave no gap and no
duplicate in any series and year (domain.md, quality.md «Numbering»)."""
from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import select

from oee_desk.db.modelos import Auditoria, SerieControl
from oee_desk.db.modelos_correspondencia import ContadorSerie, Oficio
from oee_desk.db.motor import BaseDatos
from oee_desk.domain import numeracion
from oee_desk.domain.roles import Rol
from oee_desk.services.numeracion import serie_por_codigo, tomar_numero

from conftest import CONTRASENA, sesion_con_rol

SERIES = ("03.01", "NJ")
ANIOS = (2021, 2022)


class _Deshacer(Exception):
    pass


def _registrar_crudo(bd: BaseDatos, actor, serie: str, anio: int, *, deshacer=False, morir=False) -> int | None:
    """The registration's numbering step exactly as the service does it, with a failure injected."""
    try:
        with bd.escritura(actor) as s:
            fila = serie_por_codigo(s, serie)
            numero = tomar_numero(s, fila.id, anio)
            s.add(Oficio(serie_control_id=fila.id, anio=anio, numero=numero,
                         numero_control=numeracion.formatear(fila.plantilla, numero, anio),
                         fecha_recepcion=dt.datetime(anio, 5, 1, 9), destinatario="gobernador",
                         remitente_nombre="Prueba", asunto="Carga concurrente", prioridad="normal",
                         anulado=False, texto_busqueda="", estado="sin_turnar"))
            s.flush()
            if morir:
                os.kill(os.getpid(), signal.SIGKILL)  # mid-transaction, number taken, not committed
            if deshacer:
                raise _Deshacer
            return numero
    except _Deshacer:
        return None


def _trabajador(url: str, actor, semilla: int, veces: int, puede_morir: bool) -> None:
    azar = random.Random(semilla)
    bd = BaseDatos(url)
    for i in range(veces):
        serie, anio = azar.choice(SERIES), azar.choice(ANIOS)
        morir = puede_morir and i == veces // 2
        _registrar_crudo(bd, actor, serie, anio, deshacer=azar.random() < 0.2, morir=morir)
    bd.cerrar()


def _sin_huecos(bd: BaseDatos) -> dict[tuple[str, int], int]:
    """Asserts numbers 1..N exactly once per series and year, and the counter at N+1."""
    por_serie: dict[tuple[str, int], list[int]] = defaultdict(list)
    with bd.lectura() as s:
        codigos = {f.id: f.codigo for f in s.scalars(select(SerieControl))}
        for serie_id, anio, numero in s.execute(select(Oficio.serie_control_id, Oficio.anio, Oficio.numero)):
            por_serie[(codigos[serie_id], anio)].append(numero)
        contadores = {(codigos[c.serie_control_id], c.anio): c.siguiente for c in s.scalars(select(ContadorSerie))}
    for clave, numeros in por_serie.items():
        assert sorted(numeros) == list(range(1, len(numeros) + 1)), f"huecos o duplicados en {clave}"
        assert contadores[clave] == len(numeros) + 1, f"contador de {clave} desfasado"
    return {k: len(v) for k, v in por_serie.items()}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_muchos_procesos_con_fallas_y_muertes_sin_huecos(bd):
    recepcion = sesion_con_rol(bd, Rol.RECEPCION)
    procesos_n = 4 if bd.es_sqlite else 16
    # spawn, not fork: a forked child closing an inherited SQLite descriptor drops its own locks.
    contexto = multiprocessing.get_context("spawn")
    procesos = [contexto.Process(target=_trabajador, args=(str(bd.url.render_as_string(hide_password=False)),
                                                           recepcion, semilla, 15, semilla % 3 == 0))
                for semilla in range(procesos_n)]
    for p in procesos:
        p.start()
    for p in procesos:
        p.join(120)
    muertos = [p for p in procesos if p.exitcode == -signal.SIGKILL]
    assert muertos, "la prueba debe matar procesos a mitad de una transacción"
    assert all(p.exitcode in (0, -signal.SIGKILL) for p in procesos)
    registrados = _sin_huecos(bd)
    assert sum(registrados.values()) > procesos_n * 5
    # The counters still work after the killed transactions: the next number follows on.
    with bd.escritura(recepcion) as s:
        fila = serie_por_codigo(s, "NJ")
        assert tomar_numero(s, fila.id, 2022) == registrados.get(("NJ", 2022), 0) + 1


class _DiscoLleno(Exception):
    pass


def _trabajador_del_servicio(url: str, actor, semilla: int, veces: int, puede_morir: bool) -> None:
    """Registrations as the clerk's screen makes them (ServicioCorrespondencia.registrar): on
    PostgreSQL without scans the one autocommit statement, with scans a transaction. Some scans are
    refused by the database after the number was taken (rolled back), and a third of the processes
    are killed at a random instant inside one registration."""
    import threading

    from sqlalchemy import event

    from oee_desk.services.correspondencia import ServicioCorrespondencia
    from test_correspondencia import pdf_real

    azar = random.Random(semilla)
    bd = BaseDatos(url)
    fallar = [False]

    def _disco_lleno(_conexion, _cursor, sentencia, *_):
        if fallar[0] and sentencia.startswith("INSERT INTO anexos"):
            raise _DiscoLleno
    event.listen(bd.motor, "before_cursor_execute", _disco_lleno)
    correspondencia, pdf = ServicioCorrespondencia(bd), pdf_real()
    for i in range(veces):
        serie, anio = azar.choice(SERIES), azar.choice(ANIOS)
        escaneos = [("oficio.pdf", pdf)] if azar.random() < 0.4 else []
        fallar[0] = bool(escaneos) and azar.random() < 0.4
        if puede_morir and i == veces // 2:
            threading.Timer(azar.uniform(0, 0.008), os.kill, (os.getpid(), signal.SIGKILL)).start()
        try:
            correspondencia.registrar(actor, {
                "serie": serie, "fecha_recepcion": f"{anio}-05-01T09:00:00", "remitente": {"nombre": "Prueba"},
                "asunto": f"Carga concurrente {semilla}-{i}"}, escaneos)
        except _DiscoLleno:
            pass
    bd.cerrar()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_el_registro_de_la_pantalla_con_fallas_y_muertes_sin_huecos(bd):
    recepcion = sesion_con_rol(bd, Rol.RECEPCION)
    procesos_n = 4 if bd.es_sqlite else 12
    contexto = multiprocessing.get_context("spawn")
    procesos = [contexto.Process(target=_trabajador_del_servicio,
                                 args=(bd.url.render_as_string(hide_password=False), recepcion, semilla, 16,
                                       semilla % 3 == 0))
                for semilla in range(procesos_n)]
    for p in procesos:
        p.start()
    for p in procesos:
        p.join(180)
    assert any(p.exitcode == -signal.SIGKILL for p in procesos), "la prueba debe matar procesos a mitad del registro"
    assert all(p.exitcode in (0, -signal.SIGKILL) for p in procesos), [p.exitcode for p in procesos]
    registrados = _sin_huecos(bd)
    assert sum(registrados.values()) > procesos_n * 5
    with bd.lectura() as s:  # every number taken was written whole: the oficio with its audit row
        oficios = {str(i) for i in s.scalars(select(Oficio.id))}
        auditados = set(s.scalars(select(Auditoria.registro_id).where(Auditoria.tabla == "oficios",
                                                                       Auditoria.accion == "crear")))
    assert oficios == auditados


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pasos=st.lists(st.tuples(st.sampled_from(SERIES), st.sampled_from(ANIOS), st.booleans()),
                      min_size=1, max_size=25))
def test_cualquier_mezcla_de_confirmaciones_y_reversiones_sin_huecos(bd, pasos):
    recepcion = sesion_con_rol(bd, Rol.RECEPCION)
    antes = _sin_huecos(bd)
    for serie, anio, deshacer in pasos:
        _registrar_crudo(bd, recepcion, serie, anio, deshacer=deshacer)
    despues = _sin_huecos(bd)
    for serie, anio in {(s, a) for s, a, _ in pasos}:
        confirmados = sum(1 for s, a, d in pasos if (s, a) == (serie, anio) and not d)
        assert despues.get((serie, anio), 0) - antes.get((serie, anio), 0) == confirmados


def test_la_linea_de_comandos_con_muchos_procesos_a_la_vez(bd, tmp_path):
    """`oee-desk oficios registrar` run by 16 processes at once on PostgreSQL (4 on one SQLite
    file, the single-machine case), all as the same user: consecutive numbers, none lost."""
    procesos_n = 4 if bd.es_sqlite else 16
    sesion_con_rol(bd, Rol.RECEPCION)
    documento = tmp_path / "oficio.json"
    documento.write_text(json.dumps({
        "serie": "NJ", "fecha_recepcion": "2022-03-01T10:15:00", "remitente": {"nombre": "Lic. Ana Ruiz Félix"},
        "asunto": "Solicitud de audiencia", "tipo_documento": "oficio"}), encoding="utf-8")
    entorno = {**os.environ, "OEE_DESK_DB_URL": bd.url.render_as_string(hide_password=False),
               "OEE_DESK_USUARIO": "prueba_recepcion", "OEE_DESK_PASSWORD": CONTRASENA}
    procesos = [subprocess.Popen([sys.executable, "-m", "oee_desk", "oficios", "registrar", "--json", str(documento)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=entorno, text=True)
                for _ in range(procesos_n)]
    salidas = [p.communicate(timeout=120) for p in procesos]
    assert [p.returncode for p in procesos] == [0] * procesos_n, [e for _, e in salidas]
    numeros = sorted(json.loads(o)["numero"] for o, _ in salidas)
    assert numeros == list(range(1, procesos_n + 1))
    assert {json.loads(o)["numero_control"] for o, _ in salidas} == {
        f"NJ 03.01-{n}" for n in range(1, procesos_n + 1)}
