"""The benchmark (bench/, quality.md) still runs: its smallest configuration on SQLite, two
measurements, and numbers in the table and the JSON. Never a timed assertion."""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ lives beside oee_desk/, not in it
from bench import run  # noqa: E402


def test_el_benchmark_corre_y_da_numeros(tmp_path, capsys):
    salida = tmp_path / "resultados.json"
    assert run.main(["--rapido", "--oficios", "300", "--motores", "sqlite", "--solo", "busqueda,bandeja",
                     "--salida", str(salida)], avisar=lambda _texto: None) == 0
    resultado = json.loads(salida.read_text(encoding="utf-8"))
    figuras = resultado["figuras"]
    assert {f["medida"].split(":")[0].split(",")[0] for f in figuras} == {
        "búsqueda", "búsqueda en bandeja", "bandeja"}
    for f in figuras:
        assert f["motor"] == "sqlite" and f["unidad"] == "ms"
        assert math.isfinite(f["valor"]) and f["valor"] > 0
        assert math.isfinite(f["base"]) and f["base"] > 0
        assert f["razon"] == f["valor"] / f["base"]
    tabla = capsys.readouterr().out
    assert "búsqueda" in tabla and "razón" in tabla


ATENCION = ["--rapido", "--motores", "sqlite", "--solo", "ciudadanos,peticiones,importacion", "--ciudadanos", "300",
            "--peticiones", "1500", "--importar", "60,100", "--consultas", "14", "--paginas", "4"]


def test_atencion_ciudadana_corre_y_da_numeros(tmp_path, capsys):
    """bench/atencion.py at its smallest: every figure has a number and its raw-SQL baseline, and the
    baselines mean what the services mean (same citizens, same petitions found)."""
    from bench import atencion
    from bench.bases_atencion import base_atencion
    from bench.consultas import _ejecutar, conexion_cruda
    from oee_desk.services.ciudadanos import ServicioCiudadanos
    from oee_desk.services.lista_peticiones import FiltroPeticiones, ServicioListaPeticiones

    salida, cache = tmp_path / "resultados.json", tmp_path / "cache"
    assert run.main([*ATENCION, "--cache", str(cache), "--salida", str(salida)], avisar=lambda _texto: None) == 0
    figuras = json.loads(salida.read_text(encoding="utf-8"))["figuras"]
    assert {f["medida"].split(":")[0] for f in figuras} == {"ciudadanos", "peticiones", "importación"}
    for f in figuras:
        assert f["motor"] == "sqlite" and math.isfinite(f["valor"])
        if f["unidad"] == "MB":  # memory while paging: no baseline
            assert f["base"] is None and f["detalle"]["filas_leidas"] > 0
            continue
        assert math.isfinite(f["base"]) and f["base"] > 0 and f["valor"] > 0
    importacion = next(f for f in figuras if f["medida"].startswith("importación"))
    assert importacion["detalle"]["resumen_peticiones"]["cargadas"] == 60
    assert importacion["detalle"]["resumen_seguimientos"]["cargadas"] == 100
    assert "ciudadanos" in capsys.readouterr().out

    # The cached database is reused, and raw SQL finds exactly what the services find.
    with base_atencion("sqlite", "", 300, 1500, cache=cache, avisar=lambda _t: None) as p, conexion_cruda(p) as c:
        assert len(list(cache.glob("atencion-*.db"))) == 1
        textos = [t for lista in atencion.tecleados(p, 30).values() for t in lista]
        buscar, lista = ServicioCiudadanos(p.bd), ServicioListaPeticiones(p.bd)
        encontrados = 0
        for texto in textos:
            busqueda, valores, _ = atencion.sql_ciudadanos("sqlite", texto)
            crudos = [r[-1] for r in _ejecutar(c, busqueda, valores)]  # id is the last column
            servicio = [x.id.hex for x in buscar.buscar(p.recepcion, texto)]
            assert servicio == crudos, texto
            encontrados += bool(servicio)
            contar, pagina = atencion.lista_filtrada_cruda(c, "sqlite", texto)
            filtro = FiltroPeticiones(texto=texto)
            assert lista.contar(p.recepcion, filtro) == contar[0][0], texto
            assert [x.id.hex for x in lista.pagina(p.recepcion, filtro, limite=100)] == \
                [r[25] for r in pagina], texto  # peticiones.id: 26th column
        assert encontrados >= len(textos) // 2  # texts typed from real names find someone
        p.bd.cerrar()


def test_poa_corre_y_da_numeros(tmp_path):
    """bench/poa.py at its smallest: the year's tally, its PDF and XLSX and the dashboard each have a
    number and a baseline, and the hand-written GROUP BYs count exactly what the service counts."""
    salida = tmp_path / "resultados.json"
    assert run.main(["--rapido", "--motores", "sqlite", "--solo", "poa", "--ciudadanos", "300", "--peticiones", "1500",
                     "--cache", str(tmp_path / "cache"), "--salida", str(salida)], avisar=lambda _texto: None) == 0
    figuras = json.loads(salida.read_text(encoding="utf-8"))["figuras"]
    assert [f["medida"].split(" ")[0] for f in figuras] == ["POA:"] * 3 + ["POA"] * 2 + ["tablero:"]
    computo = figuras[0]["detalle"]
    assert computo["coinciden"] and computo["peticiones_del_anio"] > 0 and computo["metas"] > 0
    for f in figuras:
        assert f["motor"] == "sqlite" and f["unidad"] == "ms"
        if f["detalle"].get("nota"):  # the dashboard, where the service does not exist yet
            continue
        assert math.isfinite(f["valor"]) and f["valor"] > 0 and math.isfinite(f["base"]) and f["base"] > 0
