"""`importar oficios`: history from the office's spreadsheet, idempotent, bad rows listed."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from conftest import sesion_con_rol
from oee_desk.db.modelos import Auditoria
from oee_desk.db.modelos_correspondencia import Oficio, Turno
from oee_desk.domain.errores import ErrorValidacion, PermisoDenegado
from oee_desk.domain.roles import Rol
from oee_desk.services.archivos import leer_filas
from oee_desk.services.correspondencia import ServicioCorrespondencia
from oee_desk.services.importar_oficios import COLUMNAS, ServicioImportarOficios

FILAS = [
    ["03.01-1034/21", "03.01", "2021-01-04T09:00:00", "Lic. Ana Ruiz Félix", "Presidenta Municipal",
     "H. Ayuntamiento de Álamos", "gobernador", "PM/1/2021", "2021-01-02", "Apoyo para pavimentación", "SIDUR; SH",
     "atendido"],
    ["03.01-1040/21", "03.01", "2021-01-05 10:30", "Juan Pérez", "", "", "", "", "", '=HYPERLINK("http://x","y")',
     "Secretaría de Gobierno", "en proceso"],
    ["", "NJ", "2021-02-01T08:00", "María López", "", "", "", "", "", "Invitación a evento", "", "sin atender"],
    ["03.01-1036/21", "03.01", "2021-01-06T10:30", "", "", "", "", "", "", "Sin remitente", "", "atendido"],
    ["03.01-99/20", "03.01", "2021-01-06T10:30", "Pedro", "", "", "", "", "", "Año equivocado", "", "atendido"],
    ["03.01-1037/21", "03.01", "2021-01-07T10:30", "Pedro", "", "", "", "", "", "Turno a nadie", "XYZ", "atendido"],
]


def _csv(tmp_path, filas=FILAS):
    ruta = tmp_path / "historia.csv"
    with ruta.open("w", encoding="utf-8", newline="") as f:
        escritor = csv.writer(f)
        escritor.writerow(COLUMNAS)
        escritor.writerows(filas)
    return ruta


def _cuentas(bd):
    with bd.lectura() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Oficio, Turno, Auditoria))


def test_importa_lo_bueno_lista_lo_malo_y_no_duplica(bd, tmp_path):
    recepcion = sesion_con_rol(bd, Rol.RECEPCION)
    servicio = ServicioImportarOficios(bd)
    resumen = servicio.importar(recepcion, leer_filas(_csv(tmp_path)))
    assert (resumen.leidas, resumen.cargadas, resumen.omitidas) == (6, 3, 3)
    assert [(e["fila"], e["columna"]) for e in resumen.errores] == \
        [(5, "remitente"), (6, "numero_control"), (7, "turnado_a")]  # the file's columns
    correspondencia = ServicioCorrespondencia(bd)
    historico = correspondencia.obtener(recepcion, "03.01-1034/21")
    assert sorted(t.dependencia for t in historico.turnos) == ["SH", "SIDUR"]
    assert historico.semaforo.estado.value == "atendido"
    assert correspondencia.obtener(recepcion, "03.01-1040/21").asunto == '=HYPERLINK("http://x","y")'
    assert correspondencia.obtener(recepcion, "NJ 03.01-1").remitente["nombre"] == "María López"
    # The counter is above the highest imported number: the next registration follows it.
    nuevo = correspondencia.registrar(recepcion, {"serie": "03.01", "fecha_recepcion": "2021-03-01T09:00",
                                                  "remitente": {"nombre": "Otra persona"}, "asunto": "Nuevo"})
    assert nuevo.numero_control == "03.01-1041/21"
    antes = _cuentas(bd)
    otra_vez = servicio.importar(recepcion, leer_filas(_csv(tmp_path)))
    assert (otra_vez.cargadas, otra_vez.ya_existian) == (0, 3)
    assert _cuentas(bd) == antes


@pytest.mark.parametrize("formato", ["xlsx", "csv"])
def test_los_errores_dicen_la_fila_de_la_hoja_aunque_haya_renglones_vacios(bd, tmp_path, formato):
    """Blank rows are skipped, but the clerk looks for the bad one by the row number the
    spreadsheet shows; and a row without its reception date is bad, not dated today."""
    recepcion = sesion_con_rol(bd, Rol.RECEPCION)
    buena, sin_fecha = FILAS[0], ["", "NJ", "", "María López", "", "", "", "", "", "Sin fecha", "", "sin atender"]
    renglones = [COLUMNAS, buena, [""] * len(COLUMNAS), [""] * len(COLUMNAS), sin_fecha, FILAS[3]]
    if formato == "xlsx":
        libro = Workbook()
        for renglon in renglones:
            libro.active.append([c or None for c in renglon])
        ruta = tmp_path / "historia.xlsx"
        libro.save(ruta)
    else:
        ruta = tmp_path / "historia.csv"
        ruta.write_text("\n".join("" if not any(r) else ",".join(r) for r in renglones) + "\n", encoding="utf-8")
    resumen = ServicioImportarOficios(bd).importar(recepcion, leer_filas(ruta))
    assert [(e["fila"], e["columna"], e["motivo"]) for e in resumen.errores] == [
        (5, "fecha_recepcion", "es obligatoria"), (6, "remitente", "es obligatorio")]
    assert resumen.cargadas == 1


def test_simular_no_escribe_y_columnas_faltantes_se_rechazan(bd, tmp_path):
    recepcion, atencion = sesion_con_rol(bd, Rol.RECEPCION), sesion_con_rol(bd, Rol.ATENCION)
    antes = _cuentas(bd)
    resumen = ServicioImportarOficios(bd).importar(recepcion, leer_filas(_csv(tmp_path)), simular=True)
    assert resumen.cargadas == 3 and _cuentas(bd) == antes
    with pytest.raises(ErrorValidacion) as e:
        ServicioImportarOficios(bd).importar(recepcion, [{"serie": "03.01", "asunto": "x"}])
    assert e.value.problemas[0].campo == "columnas"
    with pytest.raises(PermisoDenegado):
        ServicioImportarOficios(bd).importar(atencion, leer_filas(_csv(tmp_path)))
    assert _cuentas(bd) == antes


def test_desde_excel_con_fechas_de_celda(bd_sqlite, tmp_path):
    import datetime as dt

    libro = Workbook()
    hoja = libro.active
    hoja.append(COLUMNAS)
    hoja.append(["03.01-500/22", "03.01", dt.datetime(2022, 5, 2, 9, 30), "Lic. Ana Ruiz", None, None, None, 123,
                 dt.datetime(2022, 4, 30), "Solicitud", "SSP", "sin atender"])
    ruta = tmp_path / "historia.xlsx"
    libro.save(ruta)
    recepcion = sesion_con_rol(bd_sqlite, Rol.RECEPCION)
    assert ServicioImportarOficios(bd_sqlite).importar(recepcion, leer_filas(ruta)).cargadas == 1
    oficio = ServicioCorrespondencia(bd_sqlite).obtener(recepcion, "03.01-500/22")
    assert oficio.numero_oficio_remitente == "123"
    assert oficio.fecha_recepcion == dt.datetime(2022, 5, 2, 9, 30)
    assert oficio.semaforo.estado.value == "sin_atender"
