"""Indexed "every word appears" search over an accent- and case-free text column.

The searchable copy (e.g. `Oficio.texto_busqueda`, built with domain.texto.normalizar) is matched
word by word as a substring, the way a person types a piece of a surname or of a control number.
A plain LIKE '%word%' per word is that meaning, but it reads the whole table; so:

- PostgreSQL keeps the LIKE: the GIN trigram index (pg_trgm, migration 0003) serves it directly.
  The words are written into the statement, so that each search is planned for its words (`_escrita`).
- SQLite asks the FTS5 trigram table that shadows the searched table (external content, kept in
  sync by triggers, migration 0003) for the rowids that contain every word of 3 or more characters.
  Trigrams cannot find shorter words, so those stay as LIKE over the rows the index already chose.

Either way the result is exactly that of LIKE per word: the FTS phrase "abc" of the trigram
tokenizer is the substring abc, and both sides are already lower-case without accents.

SQLite caveat: the FTS table points at the implicit rowid of its table (UUID primary keys are not
rowid aliases). VACUUM may renumber such rowids, so after a VACUUM run `reconstruir_sqlite`.
"""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import and_, bindparam, column, literal_column, select, table, true
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ..domain.texto import normalizar

# Searched table -> its FTS5 table on SQLite (created by the migrations, not by the models).
TABLAS_FTS = {"oficios": "oficios_fts", "ciudadanos": "ciudadanos_fts"}
# FTS5 keeps its index in these companion tables; with content=… there is no _content table.
_SOMBRAS = ("_data", "_idx", "_docsize", "_config")
# The PostgreSQL trigram indexes, also made by the migrations only.
INDICES_TRIGRAMA = {"ix_oficios_texto_busqueda_trgm", "ix_ciudadanos_texto_busqueda_trgm"}
MINIMO_TRIGRAMA = 3


def palabras(texto: str | None) -> list[str]:
    return normalizar(texto).split()


def condicion_texto(columna, texto_o_palabras: str | Iterable[str], dialecto: str) -> ColumnElement[bool]:
    """WHERE clause: every word of the text appears in `columna` (already normalized text)."""
    lista = palabras(texto_o_palabras) if isinstance(texto_o_palabras, str) else list(texto_o_palabras)
    if not lista:
        return true()
    fts = TABLAS_FTS.get(columna.table.name) if dialecto == "sqlite" else None
    largas = [p for p in lista if len(p) >= MINIMO_TRIGRAMA] if fts else []
    condiciones = [_contiene(columna, p, dialecto) for p in lista if p not in largas]
    if largas:
        indice = table(fts, column("rowid"), column(fts))
        encontradas = select(indice.c.rowid).where(indice.c[fts].op("MATCH")(consulta_fts(largas)))
        condiciones.insert(0, literal_column(f"{columna.table.name}.rowid").in_(encontradas))
    return and_(*condiciones)


Forma = tuple[bool, int, bool]  # asks the FTS5 table; how many words are LIKEs; the words written in


def forma_y_valores(columna, lista: list[str], dialecto: str) -> tuple[Forma, dict[str, str]]:
    """`condicion_texto` split for a statement built once and run many times: the shape of its WHERE
    (whether the FTS5 table is asked, how many words are LIKEs, whether the words are written into
    the statement as `_contiene` does) and the values of these words."""
    fts = dialecto == "sqlite" and columna.table.name in TABLAS_FTS
    largas = [p for p in lista if len(p) >= MINIMO_TRIGRAMA] if fts else []
    cortas = [p for p in lista if p not in largas]
    valores = {f"palabra_{i}": f"%{escapar_like(p)}%" for i, p in enumerate(cortas)}
    if largas:
        valores["fts"] = consulta_fts(largas)
    return (bool(largas), len(cortas), _escrita(dialecto)), valores


def condicion_de_forma(columna, forma: Forma) -> ColumnElement[bool]:
    """The WHERE of `forma_y_valores`, its words put in when it runs: the same rows as condicion_texto."""
    con_fts, cortas, escrita = forma
    condiciones = [columna.like(bindparam(f"palabra_{i}", type_=columna.type, literal_execute=escrita), escape="/")
                   for i in range(cortas)]
    if con_fts:
        fts = TABLAS_FTS[columna.table.name]
        indice = table(fts, column("rowid"), column(fts))
        encontradas = select(indice.c.rowid).where(indice.c[fts].op("MATCH")(bindparam("fts")))
        condiciones.insert(0, literal_column(f"{columna.table.name}.rowid").in_(encontradas))
    return and_(true(), *condiciones)


def filtrar_recientes(consulta, columna, texto_o_palabras: str | Iterable[str], dialecto: str, orden_defecto):
    """`consulta` filtered like `condicion_texto`, newest rows first, so that a LIMIT stops early.

    On SQLite the FTS5 table drives the query in its rowid order (the searched tables are only ever
    appended to, so rowid follows capture order, as the UUIDv7 keys do): «mar» stops at the 20th of
    45,000 matches instead of fetching and sorting them all. Elsewhere, `orden_defecto`.
    """
    lista = palabras(texto_o_palabras) if isinstance(texto_o_palabras, str) else list(texto_o_palabras)
    fts = TABLAS_FTS.get(columna.table.name) if dialecto == "sqlite" else None
    largas = [p for p in lista if len(p) >= MINIMO_TRIGRAMA] if fts else []
    if not largas:
        return consulta.where(condicion_texto(columna, lista, dialecto)).order_by(orden_defecto)
    indice = table(fts, column("rowid"), column(fts))
    cortas = [_contiene(columna, p, dialecto) for p in lista if p not in largas]
    return (consulta.join(indice, indice.c.rowid == literal_column(f"{columna.table.name}.rowid"))
            .where(indice.c[fts].op("MATCH")(consulta_fts(largas)), *cortas)
            .order_by(indice.c.rowid.desc()))


def _escrita(dialecto: str) -> bool:
    """Whether a word is written into the statement instead of sent as a parameter: on PostgreSQL.
    How many rows a word matches decides the plan there (the trigram index for a rare word, the
    newest rows first for a common one). The driver prepares a statement run five times, and the
    server then settles on a generic plan made without the word: in the petitions list that plan
    walked all 150,000 citizens for every CURP or phone, 55 ms instead of 5. A statement with the
    word in it is planned for that word; the statement is still built once (the word is put in when
    it runs), and SQLAlchemy writes it as a quoted literal."""
    return dialecto == "postgresql"


def _contiene(columna, palabra: str, dialecto: str) -> ColumnElement[bool]:
    """`columna` holds `palabra`: LIKE '%palabra%' with its % _ / escaped."""
    patron = bindparam(None, f"%{escapar_like(palabra)}%", type_=columna.type, literal_execute=_escrita(dialecto))
    return columna.like(patron, escape="/")


def escapar_like(texto: str) -> str:
    """A word as a LIKE pattern's literal part, with '/' as the ESCAPE character."""
    return texto.replace("/", "//").replace("%", "/%").replace("_", "/_")


def consulta_fts(lista: Iterable[str]) -> str:
    """FTS5 query text: each word a quoted phrase (nothing inside is syntax), all required."""
    return " AND ".join('"' + p.replace('"', '""') + '"' for p in lista)


# --- schema objects the migrations own (kept out of the model comparison and of backups) -----
def es_objeto_de_busqueda(nombre: str | None, tipo: str) -> bool:
    if not nombre:
        return False
    if tipo == "table":
        return any(nombre == fts or (nombre.startswith(fts) and nombre[len(fts):] in _SOMBRAS)
                   for fts in TABLAS_FTS.values())
    if tipo == "index":
        return nombre in INDICES_TRIGRAMA
    return False


def incluir_nombre(nombre, tipo, _padres) -> bool:
    """Alembic `include_name` hook: compare everything except the search objects."""
    return not es_objeto_de_busqueda(nombre, tipo)


def reconstruir_sqlite(conexion: Connection) -> None:
    """Rebuild every FTS table from its content table (after a VACUUM, or to repair)."""
    for fts in TABLAS_FTS.values():
        conexion.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
