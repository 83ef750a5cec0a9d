"""`oee-desk selftest` goes through the correspondence desk too (ui/autoprueba_correspondencia.py):
each of its dialogs is opened with the sample's data in it, reported as working, and closed before
the next role's screens."""
from __future__ import annotations

from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from oee_desk.ui import autoprueba

PANTALLAS = [
    "Muestra de correspondencia: personal y asuntos",
    "Correspondencia (Recepción)", "Registrar correspondencia", "Registrar correspondencia: formulario lleno",
    "Registrar correspondencia: número de control", "Turnar asunto", "Turnar asunto: guardar",
    "Asunto: pestaña Turnos", "Asunto: pestaña Anexos", "Registrar respuesta", "Registrar respuesta: guardar",
    "Reportes: estatus por dependencia", "Correspondencia (Supervisión)", "Asunto: pestaña Historia",
]


def _como_se_ve(clave: str, w) -> dict:
    """What each screen shows at the moment the walk reports it (and `capturas` would save it)."""
    abiertas = sorted(type(v).__name__ for v in QApplication.topLevelWidgets() if v.isVisible())
    visto = {"clase": type(w).__name__, "abiertas": abiertas}
    if clave == "correspondencia":
        visto["filas"] = w.pagina_actual().modelo.rowCount()
    elif clave == "registro":
        visto["anexos"] = len(w.anexos.rutas())
        visto["remitente"] = w.nombre.text()
    elif clave == "registro_resultado":
        visto["numero"] = w.panel.numero.text()
    elif clave == "turnar":
        visto["dependencias"] = [f.codigo_dependencia() for f in w.filas]
    elif clave == "oficio_turnos":
        visto["turnos"] = w.turnos.modelo.rowCount()
    elif clave == "oficio_anexos":
        visor = w.anexos.visor
        visto["pdf"] = visor.es_pdf() and visor.documento.status() == QPdfDocument.Status.Ready
    elif clave == "respuesta":
        visto["tipo"] = w.tipo.currentData()
    elif clave == "reportes":
        visto["dependencias"] = w.pagina_actual().modelo.rowCount()
    elif clave == "historia":
        visto["pestana"] = w.pestanas.currentWidget() is w.historia
        visto["movimientos"] = w.historia.modelo.rowCount()
    return visto


def test_la_autoprueba_abre_los_dialogos_de_correspondencia_con_datos(tmp_path, qapp):
    vistas: dict[str, dict] = {}
    recorrido = autoprueba.Recorrido(tmp_path, lambda clave, _titulo, w: vistas.__setitem__(clave, _como_se_ve(clave, w)),
                                     informar=lambda _linea: None)
    with autoprueba.sin_avisos_offscreen():
        assert recorrido.ejecutar() == []

    hechas = [t for t in recorrido.correctas if t in PANTALLAS]
    assert hechas == PANTALLAS  # every one of them, in the order a clerk goes
    assert vistas["correspondencia"]["clase"] == "VentanaPrincipal" and vistas["correspondencia"]["filas"] == 12
    assert vistas["registro_vacio"]["clase"] == vistas["registro"]["clase"] == "DialogoRegistro"
    assert vistas["registro"]["anexos"] == 1 and vistas["registro"]["remitente"]
    assert vistas["registro_resultado"]["numero"].startswith("03.01-")
    assert vistas["turnar"]["clase"] == "DialogoTurnar" and vistas["turnar"]["dependencias"] == ["ISIE", "SEC"]
    assert vistas["oficio_turnos"]["clase"] == "DialogoOficio" and vistas["oficio_turnos"]["turnos"] == 2
    assert vistas["oficio_anexos"]["pdf"] is True
    assert vistas["respuesta"]["clase"] == "DialogoRespuesta" and vistas["respuesta"]["tipo"] == "respuesta"
    assert vistas["reportes"]["dependencias"] > 5
    assert vistas["historia"]["pestana"] and vistas["historia"]["movimientos"] > 5
    # Each screen is closed once it has been seen: what is open is only what leads to it.
    assert vistas["registro_vacio"]["abiertas"] == ["DialogoRegistro", "VentanaPrincipal"]
    assert vistas["turnar"]["abiertas"] == ["DialogoTurnar", "VentanaPrincipal"]
    assert vistas["respuesta"]["abiertas"] == ["DialogoOficio", "DialogoRespuesta", "VentanaPrincipal"]
    assert vistas["reportes"]["abiertas"] == ["VentanaPrincipal"]
    assert vistas["historia"]["abiertas"] == ["DialogoOficio", "VentanaPrincipal"]
