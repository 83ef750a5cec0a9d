"""The POA counts kept by triggers (migration 0007, db/conteos_poa) always equal a recount of the
rows, whatever writes them: registration, annulment, merge, follow-ups, history import, a channel
or date changed by hand, a deletion, a restore."""
from __future__ import annotations

import datetime as dt

from conftest import sesion_con_rol
from sqlalchemy import select, text, update

from oee_desk.db import conteos_poa
from oee_desk.db.modelos import Canal
from oee_desk.db.modelos_atencion import Peticion
from oee_desk.domain.roles import Rol
from oee_desk.services import Servicios
from oee_desk.services.importar_peticiones import ServicioImportarPeticiones
from oee_desk.services.importar_seguimientos import ServicioImportarSeguimientos
from oee_desk.services.respaldo import respaldar, restaurar


def _guardados(bd) -> dict:
    with bd.lectura() as s:
        t = conteos_poa.conteos
        return {(a, m, str(c), tipo): n for a, m, c, tipo, n in s.execute(select(t)) if n}


def _recontados(bd) -> dict:
    """What the rows say, counted from scratch (in a transaction rolled back afterwards)."""
    with bd.motor.connect() as c:
        with c.begin() as transaccion:
            conteos_poa.reconstruir(c)
            t = conteos_poa.conteos
            filas = {(a, m, str(canal), tipo): n for a, m, canal, tipo, n in c.execute(select(t)) if n}
            transaccion.rollback()
    return filas


def _peticion(servicios, actor, canal: str, fecha: str, i: int) -> str:
    return servicios.peticiones.registrar(actor, {
        "fecha_recepcion": fecha, "canal": canal, "tema": "salud", "descripcion": f"Conteo {canal} {fecha}",
        "ciudadano": {"nombre": "Irma", "primer_apellido": f"Conteo{i}", "telefono": f"66240{i:05d}"}}).folio


def test_los_conteos_siguen_a_cada_cambio(bd, tmp_path):
    servicios = Servicios.de(bd)
    atencion, supervisor = sesion_con_rol(bd, Rol.ATENCION), sesion_con_rol(bd, Rol.SUPERVISOR)
    folios = [_peticion(servicios, atencion, canal, fecha, i) for i, (canal, fecha) in enumerate([
        ("call_center", "2022-01-10T09:00:00"), ("call_center", "2022-01-31T23:59:00"),
        ("chat_sonora", "2022-02-01T00:00:00"), ("correo_electronico", "2022-12-31T18:00:00"),
        ("call_center", "2023-01-02T08:00:00")])]
    for folio, fecha in ((folios[0], "2022-02-03T10:00:00"), (folios[0], "2022-03-03T10:00:00"),
                         (folios[2], "2023-01-05T10:00:00")):
        servicios.seguimientos.agregar(atencion, folio, {"fecha": fecha, "tipo": "visita"})
    assert _guardados(bd) == _recontados(bd)
    assert sum(n for (a, _, _, tipo), n in _guardados(bd).items() if a == 2022 and tipo == "peticion") == 4

    servicios.peticiones.anular(supervisor, folios[1], "Duplicada")
    with bd.escritura(supervisor) as s:  # merged into another, as the merge service leaves it
        destino = s.scalar(select(Peticion.id).where(Peticion.folio == folios[0]))
        s.execute(update(Peticion).where(Peticion.folio == folios[3]).values(fusionada_en=destino))
        # A channel or a date changed by hand: the petition's follow-ups move with its channel.
        chat = s.scalar(select(Canal.id).where(Canal.codigo == "redes_sociales"))
        s.execute(update(Peticion).where(Peticion.folio == folios[0]).values(canal_id=chat))
        s.execute(update(Peticion).where(Peticion.folio == folios[4]).values(fecha_recepcion=dt.datetime(2023, 6, 1)))
        s.execute(text("DELETE FROM seguimientos WHERE fecha >= :f"), {"f": dt.datetime(2023, 1, 1)})
    assert _guardados(bd) == _recontados(bd)

    importadas = ServicioImportarPeticiones(bd).importar(supervisor, [
        {"folio": f"AC-2021-{n:06d}", "fecha_recepcion": f"2021-0{n}-15 10:00", "canal": "call_center",
         "nombre": f"Histórica {n}", "telefono": f"644100{n:04d}", "municipio": "26018", "tema": "vivienda",
         "descripcion": "De la hoja de cálculo", "estatus": "anulada" if n == 3 else None} for n in (1, 2, 3)])
    assert importadas.cargadas == 3, importadas.errores
    ServicioImportarSeguimientos(bd).importar(supervisor, [
        {"folio": "AC-2021-000001", "fecha": "2021-04-01", "tipo": "llamada_saliente", "nota": "Histórica"}])
    assert _guardados(bd) == _recontados(bd)
    assert Servicios.de(bd).poa.generar(supervisor, 2021).indicadores[0].filas[-1].total == 3  # 2 + 1 follow-up

    # A restore writes the rows again: the counts come back through the triggers, not from the backup.
    admin = sesion_con_rol(bd, Rol.ADMIN)
    antes = _guardados(bd)
    respaldar(bd, admin, tmp_path / "respaldo.zip")
    restaurar(bd, admin, tmp_path / "respaldo.zip")
    assert _guardados(bd) == antes == _recontados(bd)
