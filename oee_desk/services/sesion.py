"""Who is acting. Every service that changes or shows protected data takes a `Sesion`."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from ..domain.errores import PermisoDenegado
from ..domain.roles import Accion, Rol, puede


@dataclass(frozen=True)
class Sesion:
    usuario_id: uuid.UUID | None
    nombre: str
    nombre_completo: str
    rol: Rol

    def puede(self, accion: Accion) -> bool:
        return puede(self.rol, accion)


# Signs what the application does by itself (migrations, seeding the default catalogs at `init`).
SISTEMA = Sesion(None, "sistema", "Sistema", Rol.ADMIN)


def requerir(sesion: Sesion | None, accion: Accion) -> Sesion:
    if sesion is None:
        raise PermisoDenegado("Debe iniciar sesión para realizar esta acción.")
    if not sesion.puede(accion):
        raise PermisoDenegado(
            f"El rol {sesion.rol.etiqueta} no tiene permiso para esta acción ({accion.value}).")
    return sesion
