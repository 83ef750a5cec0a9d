"""`oee-desk selftest` goes through the citizen-attention desk too (ui/autoprueba_atencion.py): each
screen opens with the sample's data in it, is reported as working, and the dialogs it saves really
change the petition. (The whole walk, this part included, runs in test_autoprueba_correspondencia.py.)"""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from oee_desk.services import Servicios
from oee_desk.services.usuarios import ServicioUsuarios
from oee_desk.ui import autoprueba, autoprueba_atencion

from conftest import CONTRASENA

PANTALLAS = [
    "Muestra de Atención Ciudadana: personal y peticiones",
    "Atención Ciudadana: peticiones", "Atención Ciudadana: captura", "Atención Ciudadana: llamadas pendientes",
    "Petición: seguimientos", "Agregar seguimiento", "Agregar seguimiento: guardar", "Canalizar petición",
    "Canalizar petición: guardar", "Giras: reporte por gira", "Nueva gira", "Nueva gira: guardar",
    "Atención Ciudadana (Supervisión)", "Anular petición",
]


def _como_se_ve(clave: str, w) -> dict:
    abiertas = sorted(type(v).__name__ for v in QApplication.topLevelWidgets() if v.isVisible())
    visto = {"clase": type(w).__name__, "abiertas": abiertas}
    if clave in ("atencion", "atencion_llamadas"):
        pagina = w.pagina_actual()
        visto["pestana"] = pagina.pestanas.tabText(pagina.pestanas.currentIndex())
        visto["filas"] = (pagina.lista if clave == "atencion" else pagina.llamadas).modelo.rowCount()
    elif clave == "peticion":
        visto["seguimientos"] = w.seguimientos.rowCount()
    elif clave == "peticion_canalizaciones":
        visto["oficios"] = [c.numero_oficio for c in w.canalizaciones.filas()]
    elif clave == "giras":
        visto["giras"] = w.pagina_actual().modelo.rowCount()
    return visto


def test_la_autoprueba_recorre_atencion_ciudadana_con_datos(tmp_path, qapp, bd_sqlite):
    servicios = Servicios.de(bd_sqlite)
    admin = ServicioUsuarios(bd_sqlite).autenticar("admin", CONTRASENA)
    vistas: dict[str, dict] = {}
    recorrido = autoprueba.Recorrido(tmp_path, lambda clave, _t, w: vistas.__setitem__(clave, _como_se_ve(clave, w)),
                                     informar=lambda _linea: None)
    with autoprueba.sin_avisos_offscreen():
        autoprueba_atencion.recorrer(recorrido, servicios, admin, CONTRASENA)
        recorrido.tareas.esperar(10_000)
    assert recorrido.fallas == []
    assert recorrido.correctas == PANTALLAS

    assert vistas["atencion"]["pestana"] == "Peticiones" and vistas["atencion"]["filas"] == 12
    assert vistas["atencion_llamadas"]["filas"] >= 1
    assert vistas["peticion"]["clase"] == "DialogoPeticion" and vistas["peticion"]["seguimientos"] == 2
    assert vistas["seguimiento"]["clase"] == "DialogoSeguimiento"
    assert vistas["seguimiento"]["abiertas"] == ["DialogoPeticion", "DialogoSeguimiento", "VentanaPrincipal"]
    assert vistas["canalizacion"]["clase"] == "DialogoCanalizacion"
    assert len(vistas["peticion_canalizaciones"]["oficios"]) == 2 and all(vistas["peticion_canalizaciones"]["oficios"])
    assert vistas["giras"]["giras"] == 2 and vistas["gira_nueva"]["clase"] == "DialogoGira"
    assert vistas["anular_peticion"]["clase"] == "DialogoFormulario"
    # What the dialogs saved is in the database: the call, the oficio, the new tour.
    supervisor = ServicioUsuarios(bd_sqlite).autenticar("supervision", CONTRASENA)
    assert len(servicios.giras.listar(supervisor)) == 3
