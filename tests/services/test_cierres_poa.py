"""Closing months of the POA tally: the printed figures stay, late records and annulments show as
adjustments of the next month, closed periods refuse changes; and the drill-down of a cell."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import CONTRASENA, sesion_con_rol
from sqlalchemy import select

from oee_desk import cli
from oee_desk.db.modelos import Auditoria
from oee_desk.domain.errores import Conflicto, ErrorValidacion, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services import Servicios

ANIO = 2022


def _peticion(servicios, actor, canal: str, fecha: str, n: int = 1) -> list[str]:
    return [servicios.peticiones.registrar(actor, {
        "fecha_recepcion": fecha, "canal": canal, "tema": "salud", "descripcion": f"Petición {canal} {fecha} {i}",
        "ciudadano": {"nombre": "Rosa", "primer_apellido": f"Cierre{fecha[5:7]}{i}{canal[:3]}",
                      "telefono": f"66230{int(fecha[5:7]):02d}{i:03d}"}}).folio for i in range(n)]


def _fila(reporte, indicador: int, rubro: str) -> list[int]:
    ind = next(i for i in reporte.indicadores if i.numero == indicador)
    return list(next(f for f in ind.filas if f.rubro == rubro).meses)


@pytest.fixture
def oficina(bd):
    servicios = Servicios.de(bd)
    atencion, supervisor = sesion_con_rol(bd, Rol.ATENCION), sesion_con_rol(bd, Rol.SUPERVISOR)
    folios = _peticion(servicios, atencion, "call_center", f"{ANIO}-01-10T09:00:00", 3)
    _peticion(servicios, atencion, "chat_sonora", f"{ANIO}-02-03T09:00:00", 2)
    servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": [
        {"numero": 1, "descripcion": "Reuniones con enlaces", "area": "Coordinación de Atención Ciudadana",
         "unidad": "conteo", "periodicidad": "mensual", "fuente": "manual", "programado": [1] * 12},
        {"numero": 2, "descripcion": "Satisfacción", "area": "Enlace Internacional", "unidad": "porcentaje",
         "periodicidad": "trimestral", "fuente": "manual", "programado": [90] * 4},
        {"numero": 3, "descripcion": "Peticiones del indicador 1", "area": "CEAC", "unidad": "conteo",
         "periodicidad": "mensual", "fuente": "automatica", "regla": {"cuenta": "peticiones", "indicador": 1},
         "programado": [2] * 12}]})
    return servicios, atencion, supervisor, folios


def test_un_registro_tardio_va_como_ajuste_al_mes_siguiente_y_el_impreso_no_cambia(bd, oficina):
    servicios, atencion, supervisor, folios = oficina
    servicios.cierres.cerrar_mes(supervisor, ANIO, 1, "Informe de enero entregado")
    impreso = servicios.poa.generar(supervisor, ANIO, 1).como_json()

    # A gira synced weeks later brings a January petition; another January one is annulled.
    _peticion(servicios, atencion, "call_center", f"{ANIO}-01-20T12:00:00", 2)
    _peticion(servicios, atencion, "asesoria_juridica", f"{ANIO}-01-21T12:00:00")
    servicios.peticiones.anular(supervisor, folios[0], "Duplicada")

    reimpreso = servicios.poa.generar(supervisor, ANIO, 1).como_json()
    assert reimpreso["indicadores"] == impreso["indicadores"] and reimpreso["metas"] == impreso["metas"]
    assert reimpreso["cierre"]["nota"] == "Informe de enero entregado"

    r = servicios.poa.generar(supervisor, ANIO)
    assert _fila(r, 1, "Call Center")[:2] == [3, 1]  # January as printed; February: +2 late −1 annulled
    assert _fila(r, 1, "Asesoría Jurídica")[:2] == [0, 1]
    assert _fila(r, 1, "Chat Sonora")[:2] == [0, 2]
    assert _fila(r, 1, "Total de Peticiones Atendidas")[:2] == [3, 4]
    assert sorted((a.indicador, a.rubro, a.mes, a.valor) for a in r.ajustes) == [
        (1, "Asesoría Jurídica", 2, 1), (1, "Call Center", 2, 1)]
    assert r.como_json()["ajustes"] == [a.como_json() for a in r.ajustes]
    assert sum(_fila(r, 1, "Total de Peticiones Atendidas")) == 4 + 1 + 2  # the year stays exact
    # The automatic meta counts what the report counts.
    assert next(m for m in r.metas if m.numero == 3).trimestres[0] == 7

    # Closing February keeps the adjustment in February's printed figures; nothing is counted twice.
    servicios.cierres.cerrar_mes(supervisor, ANIO, 2)
    despues = servicios.poa.generar(supervisor, ANIO)
    assert _fila(despues, 1, "Call Center")[:3] == [3, 1, 0]
    assert _fila(despues, 1, "Asesoría Jurídica")[:3] == [0, 1, 0]
    assert despues.ajustes == ()
    assert "ajustes" not in despues.como_json()


def test_los_meses_se_cierran_en_orden_una_vez_y_ya_terminados(bd, oficina):
    servicios, _, supervisor, _ = oficina
    with pytest.raises(ErrorValidacion) as e:
        servicios.cierres.cerrar_mes(supervisor, ANIO, 2)
    assert [p.campo for p in e.value.problemas] == ["mes"] and "enero" in str(e.value)
    hoy = dt.date.today()
    with pytest.raises(ErrorValidacion) as e:
        servicios.cierres.cerrar_mes(supervisor, hoy.year, hoy.month)
    assert "aún no termina" in str(e.value)
    servicios.cierres.cerrar_mes(supervisor, ANIO, 1)
    with pytest.raises(Conflicto):
        servicios.cierres.cerrar_mes(supervisor, ANIO, 1)
    assert [(c.mes, c.cerrado_por) for c in servicios.cierres.listar(supervisor, ANIO)] == [
        (1, supervisor.nombre_completo)]
    with bd.lectura() as s:
        auditado = s.execute(select(Auditoria.accion, Auditoria.usuario).where(Auditoria.tabla == "cierres_mes")).all()
    assert auditado == [("crear", supervisor.nombre)]


def test_un_periodo_cerrado_no_admite_cambios_y_nada_se_escribe(bd, oficina):
    servicios, _, supervisor, _ = oficina
    servicios.metas.capturar(supervisor, ANIO, 1, [1, 0] + [None] * 10)
    servicios.cierres.cerrar_mes(supervisor, ANIO, 1)

    with pytest.raises(ErrorValidacion) as e:
        servicios.metas.capturar(supervisor, ANIO, 1, [2, 1] + [None] * 10)
    assert [p.campo for p in e.value.problemas] == ["alcanzado[0]"] and "enero" in str(e.value)
    with pytest.raises(ErrorValidacion) as e:
        servicios.metas.cargar(supervisor, {"anio": ANIO, "metas": [
            {"numero": 1, "descripcion": "Reuniones con enlaces", "area": "Coordinación de Atención Ciudadana",
             "unidad": "conteo", "periodicidad": "mensual", "fuente": "manual", "programado": [5] + [1] * 11,
             "alcanzado": [1, 0] + [None] * 10}]})
    assert [p.campo for p in e.value.problemas] == ["metas[0].programado[0]"]
    with pytest.raises(Conflicto):
        servicios.metas.eliminar(supervisor, ANIO, 2)
    meta = next(m for m in servicios.metas.listar(supervisor, ANIO) if m["numero"] == 1)
    assert meta["alcanzado"][:2] == [1, 0] and meta["programado"][0] == 1 and meta["ultimo_mes_cerrado"] == 1

    # February is still open; a quarter stays open until its third month closes.
    servicios.metas.capturar(supervisor, ANIO, 1, [1, 4] + [None] * 10)
    servicios.metas.capturar(supervisor, ANIO, 2, [95, None, None, None])


def test_cada_area_captura_solo_sus_metas(bd, oficina):
    servicios, atencion, supervisor, _ = oficina
    admin = sesion_con_rol(bd, Rol.ADMIN)
    with pytest.raises(PermisoDenegado) as e:
        servicios.metas.capturar(atencion, ANIO, 1, [1] + [None] * 11)
    assert "no tiene un área asignada" in str(e.value)
    # Case and accents do not matter.
    servicios.usuarios.editar(admin, atencion.nombre, atencion.nombre_completo, area="coordinacion de atencion ciudadana")
    assert servicios.metas.capturar(atencion, ANIO, 1, [1] + [None] * 11)["alcanzado"][0] == 1
    with pytest.raises(PermisoDenegado) as e:
        servicios.metas.capturar(atencion, ANIO, 2, [90, None, None, None])
    assert "Enlace Internacional" in str(e.value)
    with pytest.raises(ErrorValidacion) as e:
        servicios.metas.capturar(supervisor, ANIO, 3, [1] * 12)
    assert [p.campo for p in e.value.problemas] == ["alcanzado"]
    for malos, campo in (([101, None, None, None], "alcanzado"), ([1, 2], "alcanzado"), (["x"] * 4, "alcanzado")):
        with pytest.raises(ErrorValidacion) as e:
            servicios.metas.capturar(supervisor, ANIO, 2, malos)
        assert campo in [p.campo for p in e.value.problemas]
    assert next(m for m in servicios.metas.listar(supervisor, ANIO) if m["numero"] == 2)["alcanzado"] == [None] * 4


def test_el_reporte_mensual_no_muestra_valores_de_periodos_posteriores(bd, oficina):
    servicios, _, supervisor, _ = oficina
    servicios.metas.capturar(supervisor, ANIO, 1, [1, 1, 1, 1, 1, 1] + [None] * 6)
    servicios.metas.capturar(supervisor, ANIO, 2, [90, 80, None, None])
    marzo = {m.numero: m for m in servicios.poa.generar(supervisor, ANIO, 3).metas}
    assert marzo[1].trimestres == (3, None, None, None) and marzo[2].trimestres == (90.0, None, None, None)
    febrero = {m.numero: m for m in servicios.poa.generar(supervisor, ANIO, 2).metas}
    assert febrero[1].trimestres == (2, None, None, None) and febrero[2].trimestres == (None,) * 4


def test_el_detalle_de_una_celda_lista_lo_que_cuenta(bd, oficina):
    servicios, atencion, supervisor, folios = oficina
    servicios.peticiones.anular(supervisor, folios[2], "Duplicada")
    servicios.seguimientos.agregar(atencion, folios[0], {"fecha": f"{ANIO}-02-05T10:00:00", "tipo": "visita"})

    celda = servicios.poa.detalle(supervisor, ANIO, 1, "canal", "call_center", 1)
    assert celda.total == 2 and sorted(r.clave for r in celda.registros) == sorted(folios[:2])
    assert celda.titulo.startswith("Call Center") and celda.nota is None
    total = servicios.poa.detalle(supervisor, ANIO, 1, "total", mes=2)
    assert sorted(r.tipo for r in total.registros) == ["Petición", "Petición", "Seguimiento"]
    pagina = servicios.poa.detalle(supervisor, ANIO, 1, "total", limite=2, desplazamiento=2)
    assert pagina.total == 5 and len(pagina.registros) == 2
    meta = servicios.poa.detalle_meta(supervisor, ANIO, 3, 1)
    assert meta.total == 4 and {r.tipo for r in meta.registros} == {"Petición"}
    assert servicios.poa.detalle_meta(supervisor, ANIO, 1).registros == ()
    with pytest.raises(ErrorValidacion):
        servicios.poa.detalle(supervisor, ANIO, 1, "canal")
    with pytest.raises(PermisoDenegado):
        servicios.poa.detalle(atencion, ANIO, 1, "total")


def test_cli_captura_cierra_y_lista(bd, oficina, capsys, monkeypatch):
    servicios, _, supervisor, _ = oficina
    monkeypatch.setenv("OEE_DESK_PASSWORD", CONTRASENA)
    base = ["--db", bd.url.render_as_string(hide_password=False), "--usuario", supervisor.nombre, "metas"]
    assert cli.main([*base, "capturar", "--anio", str(ANIO), "--numero", "2", "--valores", "95,,,"]) == 0
    assert json.loads(capsys.readouterr().out)["alcanzado"] == [95.0, None, None, None]
    assert cli.main([*base, "cerrar-mes", "--anio", str(ANIO), "--mes", "1", "--nota", "Entregado"]) == 0
    assert json.loads(capsys.readouterr().out)["mes"] == 1
    assert cli.main([*base, "cierres", "--anio", str(ANIO)]) == 0
    assert [c["nota"] for c in json.loads(capsys.readouterr().out)] == ["Entregado"]
    assert cli.main([*base, "cerrar-mes", "--anio", str(ANIO), "--mes", "3"]) == 1
    assert "mes" in capsys.readouterr().err
    assert cli.main([*base, "copiar", "--desde", str(ANIO), "--hacia", str(ANIO + 1)]) == 0
    assert json.loads(capsys.readouterr().out)["copiadas"] == 3
    assert cli.main([*base, "listar", "--anio", str(ANIO + 1)]) == 0
    assert [m["alcanzado"] for m in json.loads(capsys.readouterr().out)][1] == [None] * 4


def test_el_pdf_y_el_excel_dicen_que_hay_ajustes_y_reimpresiones(bd, oficina, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from oee_desk.reports import poa as documentos

    servicios, atencion, supervisor, _ = oficina
    servicios.cierres.cerrar_mes(supervisor, ANIO, 1, "Entregado a la Jefatura")
    _peticion(servicios, atencion, "call_center", f"{ANIO}-01-25T12:00:00")

    documentos.escribir_pdf(servicios.poa.generar(supervisor, ANIO), tmp_path / "anio.pdf")
    texto = " ".join(" ".join(pg.extract_text().split()) for pg in PdfReader(tmp_path / "anio.pdf").pages)
    assert "Ajuste +1 en «Call Center» (indicador 1) en febrero" in texto
    documentos.escribir_pdf(servicios.poa.generar(supervisor, ANIO, 1), tmp_path / "enero.pdf")
    texto = " ".join(" ".join(pg.extract_text().split()) for pg in PdfReader(tmp_path / "enero.pdf").pages)
    assert "Reimpresión del informe de enero" in texto and "Entregado a la Jefatura" in texto

    documentos.escribir_xlsx(servicios.poa.generar(supervisor, ANIO), tmp_path / "anio.xlsx")
    celdas = [c for fila in load_workbook(tmp_path / "anio.xlsx")["Indicadores"].iter_rows(values_only=True)
              for c in fila if isinstance(c, str)]
    assert any(c.startswith("Ajuste +1 en «Call Center»") for c in celdas)


def test_guardar_una_meta_no_pisa_otra_ni_una_edicion_ajena(bd, oficina):
    servicios, atencion, supervisor, _ = oficina
    nueva = {"numero": 1, "descripcion": "Otra", "area": "CEAC", "unidad": "conteo", "periodicidad": "trimestral",
             "fuente": "manual", "programado": [1, 1, 1, 1]}
    with pytest.raises(ErrorValidacion) as e:
        servicios.metas.guardar(supervisor, ANIO, nueva)
    assert [p.campo for p in e.value.problemas] == ["numero"]
    servicios.metas.guardar(supervisor, ANIO, {**nueva, "numero": 4})
    leida = next(m for m in servicios.metas.listar(supervisor, ANIO) if m["numero"] == 4)
    servicios.metas.guardar(supervisor, ANIO, {**nueva, "numero": 4, "descripcion": "Primera edición"},
                            numero_original=4, version=leida["version"])
    with pytest.raises(Conflicto):  # saved on another workstation with the version read before
        servicios.metas.guardar(supervisor, ANIO, {**nueva, "numero": 4, "descripcion": "Edición vieja"},
                                numero_original=4, version=leida["version"])
    metas = {m["numero"]: m for m in servicios.metas.listar(supervisor, ANIO)}
    assert metas[4]["descripcion"] == "Primera edición" and metas[1]["descripcion"] == "Reuniones con enlaces"
    # Who may capture what, as the capture screens show it.
    assert [metas[n]["capturable"] for n in (1, 2, 3)] == [True, True, False]
    assert [m["capturable"] for m in servicios.metas.listar(atencion, ANIO)] == [False] * 4
    assert servicios.usuarios.area_propia(atencion) is None


def test_el_detalle_llega_hasta_el_mes_del_informe(bd, oficina):
    servicios, atencion, supervisor, folios = oficina
    servicios.seguimientos.agregar(atencion, folios[0], {"fecha": f"{ANIO}-04-05T10:00:00", "tipo": "visita"})
    hasta_marzo = servicios.poa.detalle(supervisor, ANIO, 1, "total", hasta_mes=3)
    assert hasta_marzo.total == 5 and "enero a marzo" in hasta_marzo.titulo
    assert servicios.poa.detalle(supervisor, ANIO, 1, "total").total == 6
    assert servicios.poa.detalle_meta(supervisor, ANIO, 3, 1, hasta_mes=1).total == 3
    with pytest.raises(ErrorValidacion):
        servicios.poa.detalle_meta(supervisor, ANIO, 3, 2, hasta_mes=3)
