"""The catalog service on both engines: search, edit, import/export, lookups, hostile text."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st
from sqlalchemy import func, select

from oee_desk.db.modelos import Auditoria, Usuario
from oee_desk.domain.catalogos import CATALOGOS, DESTINATARIOS, DESTINOS_FINALES, ORIGENES_DIA, TIPOS_DEPENDENCIA
from oee_desk.domain.errores import Conflicto, ErrorValidacion, NoEncontrado
from oee_desk.services.catalogos import ServicioCatalogos
from oee_desk.domain.texto import normalizar
from oee_desk.services.inicializacion import filas_por_defecto

HOSTILES = ['=HYPERLINK("http://x.example","clic")', "'); DROP TABLE usuarios; --", "+52 662 000 0000",
            "-1", "@SUMA(A1)", "Robert'); DELETE FROM auditoria; --", "<script>alert(1)</script>",
            "100% \"comillas\" y \\barras\\", "José María Ñúñez ü"]

NUEVAS = {
    "municipios": None,  # all 72 keys are already there
    "dependencias": {"codigo": "CEPRUEBA", "nombre": "Comisión Estatal de Prueba",
                     "tipo": "estatal"},
    "canales": {"codigo": "whatsapp", "nombre": "WhatsApp", "indicador": 1, "orden": 20},
    "temas": {"codigo": "mineria", "nombre": "Minería", "plazo_dias_habiles": 12},
    "tipos-documento": {"codigo": "acta", "nombre": "Acta"},
    "instrucciones": {"codigo": "opinion_tecnica", "nombre": "Opinión técnica"},
    "series-documentales": {"codigo": "OEE-09.99", "nombre": "Serie de prueba", "vigencia_tramite": 1,
                            "vigencia_concentracion": 2, "destino_final": "baja"},
    "series-control": {"codigo": "SC", "nombre": "Serie de prueba", "plantilla": "SC-{n}/{yyyy}",
                       "destinatario": "jefe_oficina"},
    "dias-inhabiles": {"fecha": "2030-03-15", "descripcion": "Día de prueba", "origen": "oficina"},
}


@pytest.fixture
def cat(bd) -> ServicioCatalogos:
    return ServicioCatalogos(bd)


def _filas(bd, modelo) -> int:
    with bd.lectura() as s:
        return s.scalar(select(func.count()).select_from(modelo))


def _foto(cat: ServicioCatalogos, actor, nombre: str) -> list[tuple]:
    return [(e.id, tuple(sorted(e.valores.items(), key=lambda kv: kv[0])), e.activo, e.version)
            for e in cat.listar(actor, nombre)]


def _leer(texto: str, formato: str) -> list[dict]:
    return json.loads(texto) if formato == "json" else list(csv.DictReader(io.StringIO(texto)))


# --- list and search ----------------------------------------------------------------------
def _clave_orden(valor):
    """How a Spanish reader expects a list sorted: case and accents do not matter."""
    return normalizar(valor) if isinstance(valor, str) else valor


def test_catalogos_por_defecto_cargados(cat, admin):
    for nombre in sorted(CATALOGOS):
        filas = cat.listar(admin, nombre)
        assert len(filas) == len(filas_por_defecto(nombre)) > 0, nombre
        assert all(f.activo and f.version == 1 for f in filas)
        assert len({f[CATALOGOS[nombre].clave] for f in filas}) == len(filas)


def test_orden_alfabetico_sin_importar_acentos_ni_mayusculas(bd, cat, admin):
    for codigo, nombre in [("z1", "zacate"), ("a1", "Ábaco"), ("m1", "mango"), ("b1", "Banco")]:
        cat.agregar(admin, "tipos-documento", {"codigo": codigo, "nombre": nombre})
    nombres = [e["nombre"] for e in cat.listar(admin, "tipos-documento")]
    assert [n for n in nombres if n in {"zacate", "Ábaco", "mango", "Banco"}] == ["Ábaco", "Banco", "mango", "zacate"]
    for nombre in sorted(CATALOGOS):  # and every default catalog, by its own order
        filas = cat.listar(admin, nombre)
        claves = [tuple(_clave_orden(f[c]) for c in CATALOGOS[nombre].orden) for f in filas]
        assert claves == sorted(claves), nombre


BUSQUEDAS = [("alamos", "26003"), ("ÁLAMOS", "26003"), ("hermosillo", "26030"), ("HERMOSÍLLO", "26030"),
             ("penasco", "26048"), ("puerto peñasco", "26048"), ("  Peñasco   Puerto ", "26048"),
             ("26030", "26030"), ("rio colorado", "26055")]


def _sin_acentos(t: str) -> str:
    return t.lower().translate(str.maketrans("áéíóúñ", "aeioun"))


def test_buscar_sin_acentos_ni_mayusculas(cat, admin):
    for buscado, clave in BUSQUEDAS:
        encontrados = cat.listar(admin, "municipios", buscar=buscado)
        assert clave in [m["clave"] for m in encontrados], buscado
        for m in encontrados:  # and nothing that does not contain every word
            texto = _sin_acentos(" ".join(str(x) for x in m.valores.values()))
            assert all(p in texto for p in _sin_acentos(buscado).split()), (buscado, m.valores)


def test_buscar_varias_palabras_todas_deben_estar(cat, admin):
    assert {m["nombre"] for m in cat.listar(admin, "municipios", buscar="san rio")} == \
           {"San Luis Río Colorado", "San Ignacio Río Muerto"}
    assert cat.listar(admin, "municipios", buscar="xyzzy") == []
    assert len(cat.listar(admin, "municipios", buscar="   ")) == 72


def test_catalogo_inexistente(cat, admin):
    with pytest.raises(ErrorValidacion) as e:
        cat.listar(admin, "colores")
    assert e.value.problemas[0].campo == "catálogo"


# --- add, edit, deactivate ----------------------------------------------------------------
def test_agregar_cada_catalogo(bd, cat, admin):
    for nombre in sorted(n for n, d in NUEVAS.items() if d):
        antes = len(cat.listar(admin, nombre))
        nueva = cat.agregar(admin, nombre, NUEVAS[nombre])
        limpios = CATALOGOS[nombre].validar(NUEVAS[nombre])
        assert nueva.valores == limpios and nueva.activo and nueva.version == 1, nombre
        assert len(cat.listar(admin, nombre)) == antes + 1
        leida = next(e for e in cat.listar(admin, nombre) if e.id == nueva.id)
        assert leida.valores == limpios


def test_clave_repetida_nombra_el_campo_y_no_escribe(bd, cat, admin):
    for nombre in sorted(CATALOGOS):
        catalogo = CATALOGOS[nombre]
        existente = cat.listar(admin, nombre)[0]
        datos = {**(NUEVAS[nombre] or {"nombre": "Otro"}), catalogo.clave: existente[catalogo.clave]}
        if isinstance(datos[catalogo.clave], dt.date):
            datos[catalogo.clave] = datos[catalogo.clave].isoformat()
        antes = _foto(cat, admin, nombre)
        with pytest.raises(ErrorValidacion) as e:
            cat.agregar(admin, nombre, datos)
        etiqueta = catalogo.campo(catalogo.clave).etiqueta
        assert [p.campo for p in e.value.problemas] in ([catalogo.clave], [etiqueta.lower()]), nombre
        assert "ya existe" in e.value.problemas[0].mensaje
        assert _foto(cat, admin, nombre) == antes


def test_codigo_repetido_con_otras_mayusculas(bd, cat, admin):
    with pytest.raises(ErrorValidacion):
        cat.agregar(admin, "dependencias", {"codigo": "ssp", "nombre": "Otra cosa", "tipo": "osc"})


def test_agregar_invalido_nombra_campos_y_no_escribe(bd, cat, admin):
    antes = _foto(cat, admin, "canales")
    with pytest.raises(ErrorValidacion) as e:
        cat.agregar(admin, "canales", {"codigo": "ñ mal", "nombre": "", "indicador": 3, "orden": 0, "color": "rojo"})
    assert {p.campo for p in e.value.problemas} == {"codigo", "nombre", "indicador", "orden", "color"}
    assert _foto(cat, admin, "canales") == antes


def test_editar_con_version(bd, cat, admin):
    tema = cat.obtener(admin, "temas", "vivienda")
    editado = cat.editar(admin, "temas", tema.id, {"nombre": "Vivienda digna", "plazo_dias_habiles": "20"},
                         version=tema.version)
    assert editado["nombre"] == "Vivienda digna" and editado["plazo_dias_habiles"] == 20
    assert editado["codigo"] == "vivienda" and editado.version == tema.version + 1
    assert cat.obtener(admin, "temas", "vivienda").valores == editado.valores


def test_editar_version_vieja_es_conflicto_sin_cambios(bd, cat, admin):
    tema = cat.obtener(admin, "temas", "salud")
    cat.editar(admin, "temas", tema.id, {"plazo_dias_habiles": 7}, version=tema.version)
    antes = _foto(cat, admin, "temas")
    auditoria = _filas(bd, Auditoria)
    with pytest.raises(Conflicto):
        cat.editar(admin, "temas", tema.id, {"nombre": "Salud pública"}, version=tema.version)
    with pytest.raises(Conflicto):
        cat.cambiar_activo(admin, "temas", tema.id, False, version=tema.version)
    assert _foto(cat, admin, "temas") == antes
    assert _filas(bd, Auditoria) == auditoria


def test_editar_a_una_clave_ocupada(bd, cat, admin):
    tema = cat.obtener(admin, "temas", "salud")
    antes = _foto(cat, admin, "temas")
    with pytest.raises(ErrorValidacion) as e:
        cat.editar(admin, "temas", tema.id, {"codigo": "vivienda"})
    assert "ya existe" in e.value.problemas[0].mensaje
    with pytest.raises(ErrorValidacion) as e:
        cat.editar(admin, "temas", tema.id, {"plazo_dias_habiles": 0, "nombre": ""})
    assert {p.campo for p in e.value.problemas} == {"plazo_dias_habiles", "nombre"}
    assert _foto(cat, admin, "temas") == antes
    # its own key again is not a duplicate
    assert cat.editar(admin, "temas", tema.id, {"codigo": "salud", "nombre": "Salud"})["codigo"] == "salud"


def test_editar_registro_inexistente(bd, cat, admin):
    import uuid

    with pytest.raises(NoEncontrado):
        cat.editar(admin, "temas", uuid.uuid4(), {"nombre": "X"})


def test_desactivar_y_activar(bd, cat, admin):
    alamos = cat.obtener(admin, "municipios", "26003")
    inactivo = cat.cambiar_activo(admin, "municipios", alamos.id, False, version=alamos.version)
    assert inactivo.activo is False
    assert "26003" not in [m["clave"] for m in cat.listar(admin, "municipios", incluir_inactivos=False)]
    assert "26003" in [m["clave"] for m in cat.listar(admin, "municipios")]
    assert len(cat.listar(admin, "municipios", incluir_inactivos=False)) == 71
    assert cat.listar(admin, "municipios", buscar="alamos", incluir_inactivos=False) == []
    assert cat.obtener(admin, "municipios", "alamos").activo is False  # still found by a lookup
    assert cat.cambiar_activo(admin, "municipios", alamos.id, True).activo is True
    assert len(cat.listar(admin, "municipios", incluir_inactivos=False)) == 72


# --- lookups ------------------------------------------------------------------------------
OBTENCIONES = [
    ("municipios", "26003", "clave", "26003"), ("municipios", 26003, "clave", "26003"),
    ("municipios", "alamos", "clave", "26003"), ("municipios", "  ÁLAMOS ", "clave", "26003"),
    ("municipios", "san luis rio colorado", "clave", "26055"),
    ("dependencias", "SSP", "codigo", "SSP"), ("dependencias", "ssp", "codigo", "SSP"),
    ("dependencias", "secretaria de seguridad publica", "codigo", "SSP"),
    ("temas", "Educacion", "codigo", "educacion"), ("temas", "ENERGÍA ELÉCTRICA", "codigo", "energia_electrica"),
    ("canales", "call_center", "codigo", "call_center"), ("canales", "chat sonora", "codigo", "chat_sonora"),
    ("series-control", "nj", "codigo", "NJ"), ("series-control", "03.01", "codigo", "03.01"),
    ("dias-inhabiles", "2022-09-16", "fecha", dt.date(2022, 9, 16)),
    ("dias-inhabiles", dt.date(2022, 9, 16), "fecha", dt.date(2022, 9, 16)),
]


def test_obtener_por_clave_o_nombre(cat, admin):
    for nombre, escrito, campo, esperado in OBTENCIONES:
        assert cat.obtener(admin, nombre, escrito)[campo] == esperado, (nombre, escrito)


def test_obtener_inexistente(cat, admin):
    for nombre, escrito in [("municipios", "26099"), ("municipios", "Atlantis"), ("temas", "no existe"),
                            ("dias-inhabiles", "2022-09-17"), ("dependencias", "")]:
        with pytest.raises(NoEncontrado) as e:
            cat.obtener(admin, nombre, escrito)
        assert CATALOGOS[nombre].titulo in e.value.mensaje


# --- hostile text -------------------------------------------------------------------------
def test_texto_hostil_se_guarda_literal(bd, cat, admin):
    usuarios = _filas(bd, Usuario)
    for i, texto in enumerate(HOSTILES):
        codigo = f"hostil{i}"
        nueva = cat.agregar(admin, "tipos-documento", {"codigo": codigo, "nombre": texto})
        assert nueva["nombre"] == texto
        assert cat.obtener(admin, "tipos-documento", codigo)["nombre"] == texto
        assert cat.obtener(admin, "tipos-documento", texto).id == nueva.id
        assert [e.id for e in cat.listar(admin, "tipos-documento", buscar=texto)] == [nueva.id]
    assert _filas(bd, Usuario) == usuarios  # DROP TABLE did nothing
    # and they survive an export and import unchanged, in both formats
    for formato in ("csv", "json"):
        exportado = cat.exportar(admin, "tipos-documento", formato)
        resumen = cat.importar(admin, "tipos-documento", _leer(exportado, formato))
        assert (resumen.cargadas, resumen.actualizadas, resumen.errores) == (0, 0, [])
    assert [cat.obtener(admin, "tipos-documento", f"hostil{i}")["nombre"] for i in range(len(HOSTILES))] == HOSTILES


def test_exportar_csv_no_deja_formulas(bd, cat, admin):
    cat.agregar(admin, "tipos-documento", {"codigo": "hostil", "nombre": HOSTILES[0]})
    filas = list(csv.DictReader(io.StringIO(cat.exportar(admin, "tipos-documento", "csv"))))
    assert not any(f["nombre"].startswith(("=", "+", "-", "@")) for f in filas)


# --- export and import --------------------------------------------------------------------
@pytest.mark.parametrize("formato", ["csv", "json"])
def test_exportar_e_importar_lo_mismo_no_cambia_nada(bd, cat, admin, formato):
    for nombre in sorted(CATALOGOS):
        if NUEVAS[nombre]:  # include a row of ours and an inactive one
            nueva = cat.agregar(admin, nombre, NUEVAS[nombre])
            cat.cambiar_activo(admin, nombre, nueva.id, False)
        antes = _foto(cat, admin, nombre)
        auditoria = _filas(bd, Auditoria)
        exportado = cat.exportar(admin, nombre, formato)
        filas = _leer(exportado, formato)
        assert len(filas) == len(antes)
        assert set(filas[0]) == {c.nombre for c in CATALOGOS[nombre].campos} | {"activo"}
        resumen = cat.importar(admin, nombre, filas)
        assert (resumen.leidas, resumen.cargadas, resumen.actualizadas, resumen.omitidas, resumen.errores) == \
               (len(antes), 0, 0, 0, []), nombre
        assert _foto(cat, admin, nombre) == antes, nombre
        assert _filas(bd, Auditoria) == auditoria, nombre
        # twice is the same as once
        assert cat.importar(admin, nombre, _leer(exportado, formato)).como_json()["actualizadas"] == 0


def test_exportar_formato_desconocido(cat, admin):
    with pytest.raises(ErrorValidacion) as e:
        cat.exportar(admin, "temas", "xml")
    assert e.value.problemas[0].campo == "formato"


def test_importar_carga_actualiza_y_lista_filas_malas(bd, cat, admin):
    archivo = ("codigo,nombre,plazo_dias_habiles,activo\n"
               "mineria,Minería,12,\n"                  # 2 new
               "vivienda,Vivienda y suelo,15,sí\n"      # 3 changes the name
               ",Sin código,5,\n"                       # 4 bad: codigo
               "pesca,Pesca,mil,\n"                     # 5 bad: plazo
               "mineria,Minería otra vez,3,\n"          # 6 repeated in the file
               "salud,Salud,5,quizá\n"                  # 7 bad: activo
               "turismo,Turismo,,no\n"                  # 8 bad: plazo missing
               "ganaderia,Ganadería,30,no\n")           # 9 new, inactive
    antes = len(cat.listar(admin, "temas"))
    resumen = cat.importar(admin, "temas", csv.DictReader(io.StringIO(archivo)))
    assert (resumen.leidas, resumen.cargadas, resumen.actualizadas, resumen.omitidas) == (8, 2, 1, 5)
    assert {(e["fila"], e["columna"]) for e in resumen.errores} == {
        (4, "codigo"), (5, "plazo_dias_habiles"), (6, "codigo"), (7, "activo"), (8, "plazo_dias_habiles")}
    assert all(e["motivo"] for e in resumen.errores)
    assert json.loads(json.dumps(resumen.como_json()))["errores"] == resumen.errores
    assert len(cat.listar(admin, "temas")) == antes + 2
    assert cat.obtener(admin, "temas", "mineria")["plazo_dias_habiles"] == 12
    assert cat.obtener(admin, "temas", "vivienda")["nombre"] == "Vivienda y suelo"
    assert cat.obtener(admin, "temas", "ganaderia").activo is False
    with pytest.raises(NoEncontrado):
        cat.obtener(admin, "temas", "pesca")


def test_importar_columnas_en_cualquier_orden_y_con_espacios(bd, cat, admin):
    archivo = " plazo_dias_habiles , codigo ,nombre\n 12 , mineria , Minería \n"
    resumen = cat.importar(admin, "temas", csv.DictReader(io.StringIO(archivo)))
    assert resumen.errores == [] and resumen.cargadas == 1
    assert cat.obtener(admin, "temas", "mineria").valores == {"codigo": "mineria", "nombre": "Minería",
                                                              "plazo_dias_habiles": 12}


def test_importar_columna_desconocida(bd, cat, admin):
    resumen = cat.importar(admin, "temas", [{"codigo": "x1", "nombre": "X", "plazo_dias_habiles": "3", "color": "rojo"}])
    assert resumen.cargadas == 0 and [(e["fila"], e["columna"]) for e in resumen.errores] == [(2, "color")]


def test_importar_simulado_no_escribe(bd, cat, admin):
    archivo = "codigo,nombre,plazo_dias_habiles\nmineria,Minería,12\nvivienda,Vivienda nueva,15\n,Malo,1\n"
    antes = _foto(cat, admin, "temas")
    auditoria = _filas(bd, Auditoria)
    resumen = cat.importar(admin, "temas", csv.DictReader(io.StringIO(archivo)), simular=True)
    assert (resumen.cargadas, resumen.actualizadas, resumen.omitidas) == (1, 1, 1)
    assert [(e["fila"], e["columna"]) for e in resumen.errores] == [(4, "codigo")]
    assert _foto(cat, admin, "temas") == antes
    assert _filas(bd, Auditoria) == auditoria
    # the same file for real then does what the simulation said
    real = cat.importar(admin, "temas", csv.DictReader(io.StringIO(archivo)))
    assert (real.cargadas, real.actualizadas, real.omitidas) == (1, 1, 1)


def test_importar_informa_progreso(bd, cat, admin):
    vistos = []
    filas = [{"codigo": f"t{i}", "nombre": f"Tema {i}", "plazo_dias_habiles": "5"} for i in range(250)]
    resumen = cat.importar(admin, "temas", filas, progreso=vistos.append)
    assert resumen.cargadas == 250 and vistos and vistos == sorted(vistos)


# --- Hypothesis over agregar ----------------------------------------------------------------
_valores = st.one_of(st.none(), st.text(max_size=50), st.integers(min_value=-10, max_value=30000),
                     st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 1, 1)),
                     st.sampled_from(["26030", "26099", "{n}/{yy}", "{x}", "estatal", "Oficina federal",
                                      "conservacion", "gobernador", "oficial", "1", "2", "2031-02-03", "  ", "SSP"]),
                     st.booleans(), st.floats(allow_nan=True), st.lists(st.integers(), max_size=2))


_codigos = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._\- ]{0,12}[A-Za-z0-9]", fullmatch=True)
_nombres = st.text(min_size=1, max_size=60)


def _opciones(opciones: dict[str, str]):
    return st.sampled_from(sorted(opciones) + sorted(opciones.values()))


# Rows that are valid but for chance (a repeated key, a blank name): about half the examples are
# accepted, so "stored exactly" is tested as often as "refused cleanly".
_CASI_VALIDAS = {
    "municipios": st.fixed_dictionaries({"clave": st.integers(26001, 26072).map(str), "nombre": _nombres}),
    "dependencias": st.fixed_dictionaries({"codigo": _codigos, "nombre": _nombres,
                                           "tipo": _opciones(TIPOS_DEPENDENCIA)}),
    "canales": st.fixed_dictionaries({"codigo": _codigos, "nombre": _nombres, "indicador": st.sampled_from([1, 2, "1", "2"]),
                                      "orden": st.integers(1, 99)}),
    "temas": st.fixed_dictionaries({"codigo": _codigos, "nombre": _nombres, "plazo_dias_habiles": st.integers(1, 365)}),
    "tipos-documento": st.fixed_dictionaries({"codigo": _codigos, "nombre": _nombres}),
    "instrucciones": st.fixed_dictionaries({"codigo": _codigos, "nombre": _nombres}),
    "series-documentales": st.fixed_dictionaries({
        "codigo": _codigos, "nombre": _nombres, "vigencia_tramite": st.integers(0, 99),
        "vigencia_concentracion": st.integers(0, 99), "destino_final": _opciones(DESTINOS_FINALES)}),
    "series-control": st.fixed_dictionaries({
        "codigo": _codigos, "nombre": _nombres, "destinatario": _opciones(DESTINATARIOS),
        "plantilla": st.lists(st.sampled_from(["{n}", "{yy}", "{yyyy}", "-", "/", "OF ", "03.01"]), min_size=1,
                              max_size=5).map("".join)}),
    "dias-inhabiles": st.fixed_dictionaries({
        "fecha": st.dates(dt.date(2031, 1, 1), dt.date(2040, 12, 31)), "descripcion": _nombres,
        "origen": _opciones(ORIGENES_DIA)}),
}


@st.composite
def _entradas(draw):
    nombre = draw(st.sampled_from(sorted(CATALOGOS)))
    campos = [c.nombre for c in CATALOGOS[nombre].campos]
    if draw(st.booleans()):
        datos = draw(_CASI_VALIDAS[nombre])
        if draw(st.booleans()):  # spoil one field, or add an unknown one
            datos[draw(st.sampled_from(campos + ["extra"]))] = draw(_valores)
        return nombre, datos
    claves = draw(st.lists(st.sampled_from(campos + ["activo", "id", "extra", "nombre "]), unique=True,
                           max_size=len(campos) + 2))
    return nombre, {k: draw(_valores) for k in claves}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entrada=_entradas())
def test_agregar_cualquier_cosa(bd_sqlite, entrada):
    nombre, datos = entrada
    cat = ServicioCatalogos(bd_sqlite)
    admin = _admin_de(bd_sqlite)
    antes = _foto(cat, admin, nombre)
    auditoria = _filas(bd_sqlite, Auditoria)
    try:
        nueva = cat.agregar(admin, nombre, dict(datos))
    except ErrorValidacion as e:
        event("rechazada " + ",".join(sorted({p.campo for p in e.problemas})))
        assert e.problemas and all(p.campo and p.mensaje for p in e.problemas)
        conocidos = {c.nombre for c in CATALOGOS[nombre].campos} | set(datos) | \
                    {c.etiqueta.lower() for c in CATALOGOS[nombre].campos}
        assert {p.campo for p in e.problemas} <= conocidos
        assert _foto(cat, admin, nombre) == antes
        assert _filas(bd_sqlite, Auditoria) == auditoria
    else:
        event("aceptada")
        limpios = CATALOGOS[nombre].validar(dict(datos))
        assert nueva.valores == limpios
        leida = next(e for e in cat.listar(admin, nombre) if e.id == nueva.id)
        assert leida.valores == limpios and leida.activo
        assert len(cat.listar(admin, nombre)) == len(antes) + 1
        assert _filas(bd_sqlite, Auditoria) == auditoria + 1


_ADMINS: dict[int, object] = {}


def _admin_de(bd):
    """One login per database (Argon2 is slow on purpose; Hypothesis calls the test 50 times)."""
    from conftest import CONTRASENA
    from oee_desk.services.usuarios import ServicioUsuarios

    if id(bd) not in _ADMINS:
        _ADMINS.clear()
        _ADMINS[id(bd)] = ServicioUsuarios(bd).autenticar("admin", CONTRASENA)
    return _ADMINS[id(bd)]
