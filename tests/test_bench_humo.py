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
