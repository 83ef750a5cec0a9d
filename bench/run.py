"""`python -m bench` (or `python bench/run.py`): the benchmark of quality.md, one command.

Creates throwaway databases (a SQLite file, a PostgreSQL database on the local server), fills them
with generated oficios, measures each figure against its baseline in the same run, prints a table
and writes bench/resultados.json. See bench/README.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make `bench` and `oee_desk` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "bench"

from bench.medir import Figura  # noqa: E402

MEDIDAS = ("busqueda", "bandeja", "reporte", "registro", "arranque")
MEDIDAS_ATENCION = ("ciudadanos", "peticiones", "importacion")  # bench/atencion.py
MEDIDAS_POA = ("poa",)  # bench/poa.py, on the Atención database
MOTORES = ("sqlite", "postgresql")


def _argumentos(argv: list[str] | None) -> argparse.Namespace:
    from . import atencion

    a = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    a.add_argument("--oficios", type=int, default=None, help="oficios generados por base (100000; 2000 con --rapido)")
    a.add_argument("--turnos-reporte", type=int, default=10_000, help="turnos del periodo del reporte en PDF")
    a.add_argument("--rapido", action="store_true", help="una corrida chica de humo: pocos datos y repeticiones")
    a.add_argument("--motores", default=",".join(MOTORES), help="sqlite,postgresql")
    a.add_argument("--solo", default=",".join(MEDIDAS + MEDIDAS_ATENCION + MEDIDAS_POA),
                   help="medidas: " + ",".join(MEDIDAS + MEDIDAS_ATENCION + MEDIDAS_POA))
    a.add_argument("--duracion", type=float, default=None, help="segundos por medida de registro (5; 1 con --rapido)")
    a.add_argument("--pg", default=os.environ.get("OEE_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
                   help="servidor PostgreSQL donde crear y borrar la base desechable")
    a.add_argument("--salida", type=Path, default=Path(__file__).resolve().parent / "resultados.json")
    atencion.agregar_argumentos(a)
    args = a.parse_args(argv)
    atencion.completar(args)
    args.oficios = args.oficios if args.oficios is not None else (2000 if args.rapido else 100_000)
    args.duracion = args.duracion if args.duracion is not None else (1.0 if args.rapido else 5.0)
    args.motores = [m.strip() for m in args.motores.split(",") if m.strip()]
    args.solo = [m.strip() for m in args.solo.split(",") if m.strip()]
    for nombre, validos, elegidos in (("motor", MOTORES, args.motores),
                                      ("medida", MEDIDAS + MEDIDAS_ATENCION + MEDIDAS_POA, args.solo)):
        if set(elegidos) - set(validos):
            a.error(f"{nombre} desconocido: {', '.join(sorted(set(elegidos) - set(validos)))}")
    return args


def _por_motor(args, motor: str, avisar) -> list[Figura]:
    from . import consultas, registro, reporte
    from .bases import preparar, url_desechable

    figuras = []
    with url_desechable(motor, args.pg) as url:
        inicio = time.perf_counter()
        p = preparar(motor, url, args.oficios, avisar)
        avisar(f"  {motor}: datos listos en {time.perf_counter() - inicio:.1f} s: {p.datos}")
        try:
            if "busqueda" in args.solo:
                figuras += consultas.medir_busqueda(p, cuantas=4 if args.rapido else 10, veces=2 if args.rapido else 3)
                avisar(f"  {motor}: búsqueda medida")
            if "bandeja" in args.solo:
                figuras.append(consultas.medir_primera_pantalla(p, veces=5 if args.rapido else 20))
                avisar(f"  {motor}: bandeja medida")
            if "reporte" in args.solo:
                figuras.append(reporte.medir(p, args.turnos_reporte, veces=1 if args.rapido else 3))
                avisar(f"  {motor}: reporte medido")
            if "registro" in args.solo:  # last: it adds oficios
                escritores = 8 if motor == "postgresql" else 4
                figuras += registro.medir(p, escritores, args.duracion, objetivo=motor == "postgresql")
                avisar(f"  {motor}: registro medido")
        finally:
            p.bd.cerrar()
    return figuras


def _formato(valor: float | None, unidad: str) -> str:
    if valor is None or valor != valor:  # NaN: not measured (see the figure's details)
        return "—"
    return f"{valor:,.0f} {unidad}" if unidad == "tx/s" or valor >= 100 else f"{valor:.1f} {unidad}"


def tabla(figuras: list[Figura]) -> str:
    filas = [("medida", "motor", "aplicación", "base", "razón", "objetivo", "cumple")]
    for f in figuras:
        filas.append((f.medida, f.motor, _formato(f.valor, f.unidad), _formato(f.base, f.unidad),
                      "—" if f.razon is None or f.razon != f.razon else f"{f.razon:.2f}×", f.objetivo,
                      "—" if f.cumple is None else ("sí" if f.cumple else "NO")))
    anchos = [max(len(fila[i]) for fila in filas) for i in range(len(filas[0]))]
    lineas = [" | ".join(c.ljust(a) for c, a in zip(fila, anchos)) for fila in filas]
    lineas.insert(1, "-+-".join("-" * a for a in anchos))
    return "\n".join(lineas)


def main(argv: list[str] | None = None, avisar=None) -> int:
    from . import atencion

    args = _argumentos(argv)
    avisar = avisar or (lambda texto: print(texto, file=sys.stderr, flush=True))
    figuras: list[Figura] = []
    inicio = time.perf_counter()
    for motor in args.motores:
        if set(args.solo) - {"arranque", *MEDIDAS_ATENCION, *MEDIDAS_POA}:
            avisar(f"{motor}: preparando {args.oficios:,} oficios…")
            figuras += _por_motor(args, motor, avisar)
        if set(args.solo) & {*MEDIDAS_ATENCION, *MEDIDAS_POA}:  # one generated database serves both
            avisar(f"{motor}: Atención Ciudadana, {args.ciudadanos:,} ciudadanos y {args.peticiones:,} peticiones…")
            figuras += atencion.medir(args, motor, avisar)
    if "arranque" in args.solo:
        from . import arranque

        avisar("arranque: midiendo…")
        figuras.append(arranque.medir(veces=2 if args.rapido else 5))
    print(tabla(figuras))
    resultado = {
        "fecha": dt.datetime.now().isoformat(timespec="seconds"), "maquina": platform.node(),
        "python": platform.python_version(), "cpus": os.cpu_count(),
        "parametros": {"oficios": args.oficios, "turnos_reporte": args.turnos_reporte, "rapido": args.rapido,
                       "motores": args.motores, "medidas": args.solo, "duracion_registro_s": args.duracion,
                       "atencion": atencion.parametros(args)},
        "segundos": round(time.perf_counter() - inicio, 1),
        "figuras": [f.como_json() for f in figuras],
    }
    args.salida.parent.mkdir(parents=True, exist_ok=True)
    args.salida.write_text(json.dumps(resultado, ensure_ascii=False, indent=2), encoding="utf-8")
    avisar(f"resultados en {args.salida}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
