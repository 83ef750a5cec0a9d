"""`oee-desk demo` (services/demo.py): a separate database with a year of every kind of record, its
numbering consistent with what is registered afterwards, the POA tally filled, the months before the
previous one closed, and its users able to sign in. Built once, small (the real size takes seconds
more, not more kinds of record), and copied for each test that writes."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from oee_desk import cli
from oee_desk.db.modelos_atencion import Peticion
from oee_desk.db.modelos_correspondencia import Oficio
from oee_desk.db.motor import BaseDatos
from oee_desk.domain import contrasenas
from oee_desk.domain.errores import Conflicto
from oee_desk.services import Servicios, demo

from conftest import borrar_base_pg, crear_base_pg

CHICO = demo.Tamano(oficios=150, ciudadanos=200, peticiones=400)


@pytest.fixture(scope="module")
def argon2_barato():
    """Argon2 at its cheapest while the demo users are created and sign in (0.4 s a hash otherwise)."""
    with pytest.MonkeyPatch.context() as parche:
        parche.setattr(contrasenas, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@pytest.fixture(scope="module")
def creada(tmp_path_factory, argon2_barato):
    ruta = tmp_path_factory.mktemp("demo") / "demo.db"
    avisos: list[str] = []
    datos = demo.crear_demo(ruta, tamano=CHICO, progreso=avisos.append)
    return ruta, datos, avisos


@pytest.fixture
def bd(creada, tmp_path):
    """A copy of the demo database of its own (the tests register on it)."""
    ruta = tmp_path / "demo.db"
    shutil.copy(creada[0], ruta)
    base = BaseDatos(f"sqlite:///{ruta.as_posix()}")
    yield base
    base.cerrar()


def _sesion(bd, nombre: str):
    return Servicios.de(bd).usuarios.autenticar(nombre, demo.CONTRASENA)


def test_un_anio_de_cada_clase_de_registro(creada, bd):
    ruta, datos, avisos = creada
    hoy = dt.date.today()
    assert datos.hasta == hoy - dt.timedelta(days=1)
    assert datos.desde.day == 1 and 365 <= (datos.hasta - datos.desde).days <= 396
    assert datos.url == f"sqlite:///{ruta.resolve().as_posix()}" and ruta.exists()
    assert not ruta.with_name(ruta.name + ".parcial").exists()
    assert str(ruta.resolve()) in datos.descripcion
    for clase in ("oficios", "turnos", "ciudadanos", "peticiones", "canalizaciones", "seguimientos", "giras",
                  "metas", "llamadas_pendientes"):
        assert datos.conteos[clase] > 0, clase
    assert datos.conteos["peticiones"] >= CHICO.peticiones and datos.conteos["oficios"] >= CHICO.oficios
    assert datos.conteos["seguimientos"] > datos.conteos["peticiones"]
    assert avisos and all(isinstance(a, str) for a in avisos)
    # A year, every month of it: the generated records span the period, the samples reach today.
    with bd.lectura() as s:
        for columna in (Peticion.fecha_recepcion, Oficio.fecha_recepcion):
            primera, ultima = s.execute(select(func.min(columna), func.max(columna))).one()
            assert primera.date() == datos.desde
            assert hoy - dt.timedelta(days=1) <= ultima.date() <= hoy
        meses = {(int(a), int(m)) for a, m in s.execute(
            select(func.extract("year", Peticion.fecha_recepcion), func.extract("month", Peticion.fecha_recepcion))
            .distinct())}
    assert len(meses) >= 13


def test_los_usuarios_de_la_demo_entran(bd):
    for nombre, rol, _ in demo.USUARIOS:
        assert _sesion(bd, nombre).rol == rol
    assert demo.USUARIO_INICIAL in {n for n, _, _ in demo.USUARIOS}
    assert {rol for _, rol, _ in demo.USUARIOS} == set(type(demo.USUARIOS[0][1]))  # one per role


def test_lo_que_se_registra_despues_toma_el_numero_siguiente(bd):
    servicios = Servicios.de(bd)
    recepcion, atencion = _sesion(bd, "recepcion"), _sesion(bd, "atencion")
    ahora = dt.datetime.now().replace(microsecond=0)
    with bd.lectura() as s:
        ultimo_oficio = s.scalar(select(func.max(Oficio.numero)).where(Oficio.anio == ahora.year,
                                                                      Oficio.numero_control.like("03.01-%")))
        ultima_peticion = s.scalar(select(func.max(Peticion.numero)).where(Peticion.anio == ahora.year))
    oficio = servicios.correspondencia.registrar(recepcion, {
        "serie": "03.01", "fecha_recepcion": ahora.isoformat(), "destinatario": "gobernador",
        "remitente": {"nombre": "Lic. Ana Ruiz Félix", "cargo": "Presidenta Municipal",
                      "institucion": "H. Ayuntamiento de Álamos"},
        "asunto": "Solicitud de apoyo registrada después de la demostración", "tipo_documento": "oficio"})
    assert oficio.numero == ultimo_oficio + 1
    peticion = servicios.peticiones.registrar(atencion, {
        "fecha_recepcion": ahora.isoformat(), "canal": "call_center", "tema": "salud",
        "descripcion": "Petición registrada después de la demostración",
        "ciudadano": {"nombre": "Ana", "primer_apellido": "Después", "telefono": "6629998877"}})
    with bd.lectura() as s:
        assert s.scalar(select(Peticion.numero).where(Peticion.folio == peticion.folio)) == ultima_peticion + 1
        # No number twice in a series and year (NJ's template has no year: its text repeats across years).
        for modelo in (Oficio, Peticion):
            distintos = select(modelo.serie_control_id, modelo.anio, modelo.numero).distinct().subquery()
            assert s.scalar(select(func.count()).select_from(distintos)) == \
                s.scalar(select(func.count()).select_from(modelo))


def test_el_informe_poa_tiene_cifras_y_metas(creada, bd):
    datos = creada[1]
    supervisor = _sesion(bd, "supervision")
    assert datos.anios == tuple(range(datos.desde.year, datos.hasta.year + 1))
    reporte = Servicios.de(bd).poa.generar(supervisor, datos.hasta.year)
    totales = {i.numero: i.filas[-1].total for i in reporte.indicadores}
    assert totales[1] > 0 and totales[2] > 0
    assert [m.numero for m in reporte.metas] == [n for n, *_ in demo.METAS]
    automaticas = [m for m in reporte.metas if m.fuente == "automatica"]
    assert automaticas and all(m.total and m.programado and m.cumplimiento_pct for m in automaticas)
    # A manual meta carries what its area captured for the periods already over.
    manuales = {m["numero"]: m for m in Servicios.de(bd).metas.listar(supervisor, datos.hasta.year)
                if m["fuente"] == "manual"}
    if datos.hasta.month > 1:
        assert any(x is not None for x in manuales[2]["alcanzado"])
    assert manuales[2]["alcanzado"][-1] is None  # December is never over before the year ends


def test_los_meses_anteriores_al_pasado_quedan_cerrados(creada, bd):
    datos = creada[1]
    esperados = demo.meses_a_cerrar(datos.anios, dt.date.today())
    if not datos.cierres_disponibles:
        pytest.skip("la aplicación aún no cierra meses")
    assert datos.meses_cerrados == tuple(esperados)
    cierres = Servicios.de(bd).cierres
    supervisor = _sesion(bd, "supervision")
    cerrados = [(c.anio, c.mes) for a in datos.anios for c in cierres.listar(supervisor, a)]
    assert cerrados == esperados


def test_periodo_y_meses_a_cerrar():
    assert demo.periodo(None, dt.date(2026, 1, 1)) == (dt.date(2024, 12, 1), dt.date(2025, 12, 31))
    assert demo.periodo(None, dt.date(2026, 11, 21)) == (dt.date(2025, 11, 1), dt.date(2026, 11, 20))
    assert demo.periodo(2024, dt.date(2026, 11, 21)) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert demo.periodo(2026, dt.date(2026, 3, 5)) == (dt.date(2026, 1, 1), dt.date(2026, 3, 4))
    # The previous month stays open; a year's months close from January.
    assert demo.meses_a_cerrar((2025, 2026), dt.date(2026, 3, 5)) == [(2025, m) for m in range(1, 13)] + [(2026, 1)]
    assert demo.meses_a_cerrar((2025, 2026), dt.date(2026, 1, 10)) == [(2025, m) for m in range(1, 12)]


def test_no_se_encima_a_una_base_que_ya_existe(creada, tmp_path):
    ruta = tmp_path / "otra.db"
    shutil.copy(creada[0], ruta)
    with pytest.raises(Conflicto):
        demo.crear_demo(ruta, tamano=CHICO)
    assert demo.existe(ruta) and not demo.existe(tmp_path / "no-existe.db")


def test_la_cli_la_crea_la_reusa_y_la_rehace(tmp_path, capsys, monkeypatch, argon2_barato):
    monkeypatch.setattr(demo, "TAMANO_DEMO", CHICO)
    ruta = tmp_path / "cli" / "demo.db"
    assert cli.main(["demo", "--sin-gui", "--ruta", str(ruta)]) == 0
    err = capsys.readouterr().err
    assert "Creando la base de demostración" in err and demo.CONTRASENA in err and "supervision" in err
    assert ruta.exists()

    def metas() -> int:
        with sqlite3.connect(ruta) as c:
            return c.execute("SELECT count(*) FROM metas").fetchone()[0]

    antes = metas()
    with sqlite3.connect(ruta) as c:  # a mark that a new demo would not have: one meta fewer
        c.execute("DELETE FROM metas WHERE numero = 1")
    c.close()
    assert cli.main(["demo", "--sin-gui", "--ruta", str(ruta)]) == 0
    assert "ya existe" in capsys.readouterr().err and metas() < antes  # reused as it was
    assert cli.main(["demo", "--sin-gui", "--nueva", "--ruta", str(ruta)]) == 0
    assert "Creando" in capsys.readouterr().err and metas() == antes  # made anew
    assert cli.main(["demo", "--sin-gui", "--ruta", str(ruta), "--usuario", "nadie"]) == 1
    assert "--usuario" in capsys.readouterr().err


def test_la_aplicacion_entra_directo_como_el_usuario_de_la_demo(qapp, bd, tmp_path):
    """`oee-desk demo` opens the GUI already signed in; a wrong password falls back to the login."""
    from oee_desk.ui.ajustes import Ajustes
    from oee_desk.ui.app import Escritorio
    from oee_desk.ui.tareas import Tareas

    escritorio = Escritorio(Servicios.de(bd), Tareas(), Ajustes(tmp_path / "ajustes.ini"))
    sesion = escritorio._directo(demo.USUARIO_INICIAL, demo.CONTRASENA)
    assert sesion is not None and sesion.nombre == demo.USUARIO_INICIAL
    assert escritorio._directo(demo.USUARIO_INICIAL, "otra contraseña cualquiera") is None


@pytest.mark.pg
def test_en_postgresql(pg_disponible, argon2_barato):
    """The bulk load's COPY path, and an empty server database as the target."""
    url = crear_base_pg()
    try:
        datos = demo.crear_demo(url, tamano=demo.Tamano(60, 80, 150))
        assert datos.conteos["peticiones"] >= 150 and datos.conteos["seguimientos"] > 0
        with pytest.raises(Conflicto):
            demo.crear_demo(url, tamano=CHICO)
    finally:
        borrar_base_pg(url)
