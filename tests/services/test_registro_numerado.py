"""The number a registration gets, written by the server in one statement on PostgreSQL and by the
client elsewhere: the same control number, searchable text and audit row either way, gapless."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from sqlalchemy import select

from oee_desk.db.modelos import Auditoria
from oee_desk.db.modelos_correspondencia import Oficio
from oee_desk.domain import numeracion
from oee_desk.domain.texto import normalizar
from oee_desk.services.catalogos import ServicioCatalogos
from oee_desk.services.correspondencia import ServicioCorrespondencia

from conftest import sesion_con_rol


def _oficio(serie: str, anio: int, n: int) -> dict:
    return {"serie": serie, "fecha_recepcion": f"{anio}-04-0{1 + n % 8}T09:30:00",
            "remitente": {"nombre": "Profra. Dolores Ñúñez Güémez", "cargo": "Directora",
                          "institucion": "Escuela Primaria «Benito Juárez»"},
            "destinatario": "gobernador", "numero_oficio_remitente": f"EP/{n}/{anio}",
            "asunto": "Solicitud de rehabilitación de aulas y sanitarios", "tipo_documento": "oficio",
            "prioridad": "normal"}


def _guardados(bd) -> list[tuple[Oficio, dict]]:
    with bd.lectura() as s:
        oficios = s.scalars(select(Oficio).order_by(Oficio.creado, Oficio.id)).all()
        auditoria = {a.registro_id: a.despues for a in s.scalars(
            select(Auditoria).where(Auditoria.tabla == "oficios", Auditoria.accion == "crear"))}
    return [(o, auditoria[str(o.id)]) for o in oficios]


@pytest.fixture
def recepcion(bd):
    return sesion_con_rol(bd, "recepcion")


def test_numero_texto_y_auditoria_como_los_escribe_el_cliente(bd, recepcion):
    """The office's two series: what the server writes is what the general path would write."""
    corr = ServicioCorrespondencia(bd)
    hechos = [corr.registrar(recepcion, _oficio(serie, 2023, n)) for n, serie in enumerate(["03.01", "NJ"] * 3)]
    assert [h.numero_control for h in hechos] == ["03.01-1/23", "NJ 03.01-1", "03.01-2/23", "NJ 03.01-2",
                                                  "03.01-3/23", "NJ 03.01-3"]
    for o, despues in _guardados(bd):
        resto = normalizar(" ".join([o.remitente_nombre, o.remitente_cargo, o.remitente_institucion,
                                     o.numero_oficio_remitente, o.asunto]))
        assert o.texto_busqueda == f"{normalizar(o.numero_control)} {resto}"
        assert (despues["numero"], despues["numero_control"], despues["texto_busqueda"]) == \
               (o.numero, o.numero_control, o.texto_busqueda)
        assert despues["asunto"] == o.asunto and despues["id"] == str(o.id)
    assert corr.buscar(recepcion, "nj 03.01-2")[0].numero_control == "NJ 03.01-2"


def test_una_serie_con_ceros_y_espacios_en_su_plantilla(bd, recepcion):
    """A series an admin adds, «OF  {n:05d} / {yyyy}»: padded, with spaces a search ignores."""
    admin = sesion_con_rol(bd, "admin")
    ServicioCatalogos(bd).agregar(admin, "series-control", {
        "codigo": "OF", "nombre": "Oficios de prueba", "plantilla": "OF  {n:05d} / {yyyy}",
        "destinatario": "gobernador", "uso": "correspondencia"})
    corr = ServicioCorrespondencia(bd)
    hechos = [corr.registrar(recepcion, _oficio("OF", 2024, n)) for n in range(3)]  # the first makes the counter
    assert [h.numero_control for h in hechos] == ["OF  00001 / 2024", "OF  00002 / 2024", "OF  00003 / 2024"]
    guardado = {o.numero: o for o, _ in _guardados(bd)}
    assert guardado[2].texto_busqueda.startswith("of 00002 / 2024 profra. dolores nunez guemez")
    assert [o.id for o in corr.buscar(recepcion, "00003 / 2024")] == [hechos[2].id]


# --- the template split the server formats with ------------------------------------------------------
_literal = st.text(alphabet=st.characters(blacklist_characters="{}", blacklist_categories=("Cs",)), max_size=8)


@settings(deadline=None)  # shared, loaded machines: no timing in unit tests
@given(antes=_literal, despues=_literal, ancho=st.sampled_from(["", ":d", ":03d", ":06d", ":010d"]),
       anio_en=st.sampled_from(["", "{yy}", "{yyyy}"]), n=st.integers(0, 10**9), anio=st.integers(2000, 2099))
def test_las_partes_de_una_plantilla_dan_el_mismo_numero(antes, despues, ancho, anio_en, n, anio):
    plantilla = f"{antes}{anio_en}{{n{ancho}}}{despues}"
    partes = numeracion.partes(plantilla, anio)
    assert partes is not None
    izquierda, cifras, derecha = partes
    assert f"{izquierda}{n:0{cifras}d}{derecha}" == numeracion.formatear(plantilla, n, anio)


@settings(deadline=None)
@given(plantilla=st.text(max_size=16), n=st.integers(0, 10**6))
def test_una_plantilla_cualquiera_se_parte_bien_o_no_se_parte(plantilla, n):
    """Anything else: either the split is exact, or there is none (the general path numbers it)."""
    partes = numeracion.partes(plantilla, 2024)
    if partes is not None:
        izquierda, cifras, derecha = partes
        assert f"{izquierda}{n:0{cifras}d}{derecha}" == numeracion.formatear(plantilla, n, 2024)


def test_en_postgresql_el_contador_se_toma_en_la_misma_sentencia_que_escribe(bd, recepcion):
    """What keeps eight clerks from waiting on each other: on PostgreSQL the counter is taken by the
    statement that writes the oficio and its audit row, which commits by itself (autocommit): the
    counter row is not held across a round trip back to the workstation for COMMIT."""
    if bd.es_sqlite:
        pytest.skip("en SQLite el candado es de toda la base desde BEGIN IMMEDIATE")
    from sqlalchemy import event

    corr = ServicioCorrespondencia(bd)
    corr.registrar(recepcion, _oficio("03.01", 2025, 0))  # the year's counter exists from here on
    vistas: list[tuple[str, bool]] = []
    event.listen(bd.motor, "before_cursor_execute", lambda conexion, _k, sentencia, *_: vistas.append(
        (sentencia, conexion.connection.driver_connection.autocommit)))
    hecho = corr.registrar(recepcion, _oficio("03.01", 2025, 1))
    con_contador = [i for i, (v, _) in enumerate(vistas) if "UPDATE contadores_serie" in v]
    assert len(con_contador) == 1 and con_contador[0] == len(vistas) - 1
    sentencia, sola = vistas[-1]
    assert "INSERT INTO oficios" in sentencia and "INSERT INTO auditoria" in sentencia and sola
    assert hecho.numero_control == "03.01-2/25" and [o.numero for o, _ in _guardados(bd)] == [1, 2]


def test_en_postgresql_con_escaneos_todo_va_en_una_transaccion(bd, recepcion):
    """With scans the oficio and its files are written together or not at all: a scan the database
    refuses leaves no oficio and no number taken."""
    if bd.es_sqlite:
        pytest.skip("en SQLite todo registro es una transacción desde BEGIN IMMEDIATE")
    from sqlalchemy import event

    corr = ServicioCorrespondencia(bd)
    corr.registrar(recepcion, _oficio("03.01", 2025, 0))
    from test_correspondencia import pdf_real

    pdf = pdf_real()

    def _falla(_conexion, _cursor, sentencia, *_):
        if sentencia.startswith("INSERT INTO anexos"):
            raise RuntimeError("el disco del servidor se llenó")
    event.listen(bd.motor, "before_cursor_execute", _falla)
    with pytest.raises(RuntimeError, match="disco"):
        corr.registrar(recepcion, _oficio("03.01", 2025, 1), [("oficio.pdf", pdf)])
    event.remove(bd.motor, "before_cursor_execute", _falla)
    assert [o.numero for o, _ in _guardados(bd)] == [1]
    assert corr.registrar(recepcion, _oficio("03.01", 2025, 2), [("oficio.pdf", pdf)]).numero_control == "03.01-2/25"
