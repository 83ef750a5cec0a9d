"""Application start to a usable main window, against a bare PySide6 window.

Each start is a new Python process (offscreen Qt). The parent notes the wall clock just before
starting it; the child prints the wall clock once its window is shown and idle. That span counts
the interpreter's start and every import, for both.

The application's start, as `ui/app.py` does it after the login: open the SQLite database, prepare
it (schema check, default catalogs), build `VentanaPrincipal` for a signed-in session, show it, and
wait until the background work the window starts (its first page's data) is done. The password
check (Argon2, slow on purpose) belongs to the login dialog and is reported apart, not counted.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .medir import Figura, mediana

RAIZ = Path(__file__).resolve().parents[1]

DESNUDA = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
ventana = QMainWindow()
ventana.resize(1280, 800)
ventana.show()
app.processEvents()
print("LISTO", time.time(), flush=True)
"""

APLICACION = """
import sys, time
from PySide6.QtWidgets import QApplication
from oee_desk.services import Servicios, conexion
from oee_desk.services.usuarios import ServicioUsuarios
from oee_desk.ui.ajustes import Ajustes
from oee_desk.ui.app import crear_aplicacion, desmontar
from oee_desk.ui.tareas import Tareas
from oee_desk.ui.ventana_principal import VentanaPrincipal

url, usuario, contrasena, carpeta = sys.argv[1:5]
app = crear_aplicacion(sys.argv[:1])
tareas, ajustes = Tareas(), Ajustes(carpeta + "/ajustes.ini")
bd = conexion.abrir(url)
conexion.preparar(bd)
servicios = Servicios.de(bd)
inicio = time.perf_counter()
sesion = ServicioUsuarios(bd).autenticar(usuario, contrasena)
argon2 = time.perf_counter() - inicio
ocupado = [False]
tareas.ocupado.connect(lambda o: ocupado.__setitem__(0, o))
ventana = VentanaPrincipal(servicios, sesion, tareas, ajustes)
ventana.resize(1280, 800)
ventana.show()
while True:
    app.processEvents()
    if not ocupado[0]:
        break
    tareas.esperar(5)
app.processEvents()
print("LISTO", time.time() - argon2, argon2, flush=True)
ventana.close()
tareas.esperar(10000)
desmontar([ventana])
bd.cerrar()
"""


def _una(codigo: str, argumentos: list[str], entorno: dict) -> tuple[float, float]:
    inicio = time.time()
    resultado = subprocess.run([sys.executable, "-c", codigo, *argumentos], cwd=RAIZ, env=entorno,
                               capture_output=True, text=True, timeout=300)
    linea = next((l for l in resultado.stdout.splitlines() if l.startswith("LISTO")), None)
    if resultado.returncode != 0 or linea is None:
        raise RuntimeError(f"el arranque falló ({resultado.returncode}): {resultado.stderr[-2000:]}")
    partes = linea.split()
    return (float(partes[1]) - inicio) * 1000, float(partes[2]) * 1000 if len(partes) > 2 else 0.0


def medir(veces: int = 5) -> Figura:
    from .bases import CONTRASENA
    from oee_desk.db.motor import BaseDatos
    from oee_desk.services.inicializacion import inicializar

    with tempfile.TemporaryDirectory(prefix="oee-bench-arranque-") as carpeta:
        url = f"sqlite:///{Path(carpeta, 'oee.db').as_posix()}"
        bd = BaseDatos(url)
        inicializar(bd, admin="jefa", nombre_completo="Jefa de Prueba", contrasena=CONTRASENA,
                    confirmacion=CONTRASENA)
        bd.cerrar()
        entorno = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OEE_DESK_CONFIG_DIR": carpeta,
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(RAIZ), os.environ.get("PYTHONPATH")]))}
        # A user's installation runs from compiled bytecode, as the bare window's PySide6 does (pip
        # compiles what it installs); a shell that forbids writing it would make every start of the
        # application, and only of it, compile ~200 modules again (seen here: +80 ms a start).
        entorno.pop("PYTHONDONTWRITEBYTECODE", None)
        _una(DESNUDA, [], entorno)  # warm the disk cache for both (and write the bytecode), uncounted
        _una(APLICACION, [url, "jefa", CONTRASENA, carpeta], entorno)
        app, desnuda, argon2 = [], [], []
        for _ in range(veces):
            desnuda.append(_una(DESNUDA, [], entorno)[0])
            tiempo, clave = _una(APLICACION, [url, "jefa", CONTRASENA, carpeta], entorno)
            app.append(tiempo)
            argon2.append(clave)
    valor, base = mediana(app), mediana(desnuda)
    return Figura("arranque hasta la ventana principal usable (mediana)", "sqlite", "ms", valor, base, "≤ 5×",
                  valor <= 5 * base, {"repeticiones": veces, "ventana_ms": [round(t) for t in app],
                                      "desnuda_ms": [round(t) for t in desnuda],
                                      "contrasena_argon2_ms_no_contada": round(mediana(argon2))})
