"""Alembic environment. The application passes its own connection in `config.attributes`."""
from alembic import context

from oee_desk.db.base import Base
from oee_desk.db import modelos  # noqa: F401  (fills Base.metadata)
from oee_desk.db.busqueda import incluir_nombre

config = context.config
conexion = config.attributes.get("connection")
if conexion is None:
    raise RuntimeError("Use «oee-desk db upgrade»: las migraciones reciben su conexión de la aplicación.")

context.configure(
    connection=conexion,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
    include_name=incluir_nombre,  # the search index lives only in the migrations (db/busqueda.py)
)
with context.begin_transaction():
    context.run_migrations()
