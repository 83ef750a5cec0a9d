"""How service calls use the server's connections: reads without a transaction of their own, a check
of a connection only after it sat idle, and the clear error of a batched read asked the wrong way."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.pool import NullPool

from oee_desk.db import motor
from oee_desk.db.modelos import Usuario
from oee_desk.db.motor import BaseDatos
from oee_desk.domain.errores import BaseDatosInaccesible, PermisoDenegado
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.usuarios import ServicioUsuarios

from conftest import CONTRASENA, borrar_base_pg, crear_base_pg, sesion_con_rol

pytestmark = pytest.mark.pg


@pytest.fixture
def bd_pg(_plantilla_pg):
    url = crear_base_pg(_plantilla_pg)
    base = BaseDatos(url)
    yield base
    base.cerrar()
    borrar_base_pg(url)


def _terminar_sesiones_de(bd) -> None:
    """What a server restart does to the workstation's open connections (from another connection)."""
    otro = create_engine(bd.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with otro.connect() as c:
        c.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
    otro.dispose()


def test_una_lectura_no_abre_transaccion_ni_prueba_la_conexion(bd_pg, monkeypatch):
    """A search as the clerk types sends only its own queries: no BEGIN/COMMIT around them (at READ
    COMMITTED each statement has its own snapshot anyway), no ping of a connection just used."""
    admin = ServicioUsuarios(bd_pg).autenticar("admin", CONTRASENA)
    corr = ServicioCorrespondencia(bd_pg)
    corr.buscar(admin, "ayuntamiento")  # the connection is opened once
    pings = []
    ping = bd_pg.motor.dialect.do_ping
    monkeypatch.setattr(bd_pg.motor.dialect, "do_ping", lambda c: pings.append(1) or ping(c))
    corr.buscar(admin, "ayuntamiento")
    assert pings == []
    with bd_pg.lectura(admin) as s:
        driver = s.connection().connection.driver_connection
        s.execute(select(Usuario.nombre)).all()
        assert driver.autocommit is True and driver.info.transaction_status.name == "IDLE"
    monkeypatch.setattr(motor, "PROBAR_SI_INACTIVA_S", 0.0)  # idle long enough: now it is checked
    corr.buscar(admin, "ayuntamiento")
    assert pings == [1]


def test_una_escritura_si_es_una_transaccion(bd_pg):
    admin = ServicioUsuarios(bd_pg).autenticar("admin", CONTRASENA)
    with bd_pg.escritura(admin) as s:
        assert s.connection().exec_driver_sql("SELECT xact_start IS NOT NULL FROM pg_stat_activity "
                                              "WHERE pid = pg_backend_pid()").scalar() is True


def test_tras_un_reinicio_del_servidor_la_conexion_inactiva_se_renueva_sola(bd_pg, monkeypatch):
    """A workstation left idle (overnight, say) finds its connection dead: it is checked and replaced
    before use, and the user never sees an error."""
    admin = ServicioUsuarios(bd_pg).autenticar("admin", CONTRASENA)
    ServicioCorrespondencia(bd_pg).buscar(admin, "ayuntamiento")
    _terminar_sesiones_de(bd_pg)
    monkeypatch.setattr(motor, "PROBAR_SI_INACTIVA_S", 0.0)  # as if the idle time had passed
    assert ServicioCorrespondencia(bd_pg).buscar(admin, "ayuntamiento") is not None


def test_tras_un_reinicio_la_conexion_en_uso_falla_una_vez_en_espanol_y_luego_sirve(bd_pg):
    """A connection in steady use is not checked before each call: the first call after the server
    went away is told so in Spanish (nothing half-written), and the next one works."""
    admin = ServicioUsuarios(bd_pg).autenticar("admin", CONTRASENA)
    usuarios = ServicioUsuarios(bd_pg)
    usuarios.listar(admin)
    _terminar_sesiones_de(bd_pg)
    with pytest.raises(BaseDatosInaccesible) as error:
        usuarios.listar(admin)
    assert "servidor" in str(error.value) or "base de datos" in str(error.value).lower()
    assert [u.nombre for u in usuarios.listar(admin)] == ["admin"]


def test_una_lectura_por_lotes_pide_su_transaccion(bd_pg):
    """Streamed rows need a server-side cursor, which lives in a transaction: asked the wrong way the
    read fails loudly instead of coming back empty."""
    consulta = select(Usuario.nombre).execution_options(yield_per=10)
    with pytest.raises(RuntimeError, match="por_lotes=True"):
        with bd_pg.lectura() as s:
            list(s.execute(consulta))
    with bd_pg.lectura(por_lotes=True) as s:
        assert [n for (n,) in s.execute(consulta)] == ["admin"]


@pytest.fixture
def vigia(bd):
    """A supervisor signed in, and her account deactivated from another workstation (another process:
    another BaseDatos on the same database)."""
    usuarios = ServicioUsuarios(bd)
    admin = usuarios.autenticar("admin", CONTRASENA)
    usuarios.agregar(admin, "vigia", "supervisor", "Supervisora", CONTRASENA, CONTRASENA)
    sesion = usuarios.autenticar("vigia", CONTRASENA)
    usuarios.listar(sesion)
    otra = BaseDatos(bd.url)
    ServicioUsuarios(otra).desactivar(ServicioUsuarios(otra).autenticar("admin", CONTRASENA), "vigia")
    otra.cerrar()
    return usuarios, sesion


def test_una_cuenta_desactivada_en_otra_estacion_deja_de_leer_en_segundos(bd, vigia, monkeypatch):
    usuarios, sesion = vigia
    monkeypatch.setattr(motor, "VIGENCIA_CUENTA_S", 0.0)  # as if the few seconds had passed
    with pytest.raises(PermisoDenegado):
        usuarios.listar(sesion)


def test_una_cuenta_desactivada_en_otra_estacion_no_escribe_nunca_mas(bd, vigia):
    usuarios, sesion = vigia
    with pytest.raises(PermisoDenegado, match="desactivada"):
        ServicioCorrespondencia(bd).anular(sesion, "03.01-1/22", "Capturado dos veces")


@pytest.mark.parametrize("con_escaneo", [False, True], ids=["sin_escaneo", "con_escaneo"])
def test_una_recepcionista_desactivada_en_otra_estacion_no_registra(bd, con_escaneo):
    """Registration reads the account with its series and catalogs (one statement, on PostgreSQL
    the only one before the write): a clerk deactivated elsewhere gets no number, nothing written."""
    from test_correspondencia import oficio, pdf_real

    usuarios = ServicioUsuarios(bd)
    admin = usuarios.autenticar("admin", CONTRASENA)
    usuarios.agregar(admin, "mostrador", "recepcion", "Recepción de Mostrador", CONTRASENA, CONTRASENA)
    sesion = usuarios.autenticar("mostrador", CONTRASENA)
    corr = ServicioCorrespondencia(bd)
    primero = corr.registrar(sesion, oficio(2019))
    otra = BaseDatos(bd.url)
    ServicioUsuarios(otra).desactivar(ServicioUsuarios(otra).autenticar("admin", CONTRASENA), "mostrador")
    otra.cerrar()
    with pytest.raises(PermisoDenegado, match="desactivada"):
        corr.registrar(sesion, oficio(2019), [("escaneo.pdf", pdf_real())] if con_escaneo else [])
    assert corr.registrar(sesion_con_rol(bd, "recepcion"), oficio(2019)).numero == primero.numero + 1


def _dia_habil_entre(desde: dt.date, hasta: dt.date, cal) -> dt.date:
    dia = desde + dt.timedelta(days=2)
    while not cal.es_habil(dia) and dia < hasta:
        dia += dt.timedelta(days=1)
    return dia


def test_un_dia_inhabil_nuevo_cambia_el_semaforo_que_se_lee(bd, monkeypatch):
    """A semáforo read counts with the non-working days of a minute ago at most; at once when the
    day was added from this workstation."""
    from oee_desk.services import lectura_turnos
    from oee_desk.services.catalogos import ServicioCatalogos
    from oee_desk.services.turnos import ServicioTurnos

    recepcion = sesion_con_rol(bd, "recepcion")
    hoy = dt.date.today()
    numero = ServicioCorrespondencia(bd).registrar(recepcion, {
        "serie": "03.01", "fecha_recepcion": dt.datetime.now().replace(microsecond=0).isoformat(),
        "remitente": {"nombre": "C. Rosa Yocupicio"}, "asunto": "Solicitud de audiencia",
        "tipo_documento": "oficio", "prioridad": "normal"}).numero_control
    turnos = ServicioTurnos(bd)
    [t] = turnos.turnar(recepcion, numero, {"turnos": [{"dependencia": "SSP", "rol": "responsable",
                                                        "instruccion": "atencion_procedente", "plazo_dias_habiles": 10}]})
    restantes = t.semaforo.dias_restantes
    with bd.lectura() as s:
        dia = _dia_habil_entre(hoy, t.fecha_limite, lectura_turnos.calendario(s))

    otra = BaseDatos(bd.url)  # another workstation adds the day
    ServicioCatalogos(otra).agregar(sesion_con_rol(otra, "admin"), "dias-inhabiles",
                                    {"fecha": dia.isoformat(), "descripcion": "Suspensión de labores", "origen": "oficina"})
    otra.cerrar()
    monkeypatch.setattr(lectura_turnos, "VIGENCIA_CALENDARIO_S", 0.0)  # as if the minute had passed
    assert turnos.de_oficio(recepcion, numero)[0].semaforo.dias_restantes == restantes - 1

    monkeypatch.setattr(lectura_turnos, "VIGENCIA_CALENDARIO_S", 3600.0)
    admin = sesion_con_rol(bd, "admin")
    dia2 = _dia_habil_entre(dia, t.fecha_limite, lectura_turnos.Calendario([dia]))
    ServicioCatalogos(bd).agregar(admin, "dias-inhabiles",
                                  {"fecha": dia2.isoformat(), "descripcion": "Otra suspensión", "origen": "oficina"})
    assert turnos.de_oficio(recepcion, numero)[0].semaforo.dias_restantes == restantes - 2


def test_la_lista_de_peticiones_encuentra_a_quien_se_registro_en_otra_estacion(bd, monkeypatch):
    """The citizens a typed text finds are reused for a moment by the list's count and page; a
    citizen registered meanwhile on another workstation shows once it passes (here, at once after
    a registration on this one)."""
    from oee_desk.services import lista_peticiones
    from oee_desk.services.lista_peticiones import FiltroPeticiones, ServicioListaPeticiones
    from oee_desk.services.peticiones import ServicioPeticiones

    from test_peticiones import peticion, persona

    operador = sesion_con_rol(bd, "atencion")
    lista, filtro = ServicioListaPeticiones(bd), FiltroPeticiones(texto="Buitimea Moroyoqui")
    ServicioPeticiones(bd).registrar(operador, peticion(2021, persona(primer_apellido="Buitimea",
                                                                      segundo_apellido="Moroyoqui")))
    assert lista.contar(operador, filtro) == 1 and len(lista.pagina(operador, filtro)) == 1

    otra = BaseDatos(bd.url)
    ServicioPeticiones(otra).registrar(sesion_con_rol(otra, "atencion"), peticion(
        2021, persona(nombre="Ana", primer_apellido="Buitimea", segundo_apellido="Moroyoqui")))
    otra.cerrar()
    monkeypatch.setattr(lista_peticiones, "VIGENCIA_CIUDADANOS_S", 0.0)  # as if the moment had passed
    assert lista.contar(operador, filtro) == 2 and len(lista.pagina(operador, filtro)) == 2

    monkeypatch.setattr(lista_peticiones, "VIGENCIA_CIUDADANOS_S", 3600.0)
    ServicioPeticiones(bd).registrar(operador, peticion(2021, persona(nombre="Luz", primer_apellido="Buitimea",
                                                                      segundo_apellido="Moroyoqui")))
    assert lista.contar(operador, filtro) == 3 and len(lista.pagina(operador, filtro)) == 3
