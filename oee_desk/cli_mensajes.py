"""argparse's own error messages, said in Spanish (the CLI speaks Spanish, cli.md)."""
from __future__ import annotations

import re


def _opciones(texto: str) -> str:
    """argparse's list of choices («'a', 'b'» or «1, 2, …») as the user types them; a run of whole
    numbers as its bounds."""
    opciones = [o.strip().strip("'") for o in texto.split(",")]
    if len(opciones) > 2 and all(re.fullmatch(r"-?\d+", o) for o in opciones) \
            and [int(o) for o in opciones] == list(range(int(opciones[0]), int(opciones[-1]) + 1)):
        return f"debe ser un número del {opciones[0]} al {opciones[-1]}"
    return "use uno de: " + ", ".join(opciones)


# argparse's own messages (Python 3.11+), said in Spanish; the option they concern stays first.
_MENSAJES_ARGPARSE = [
    (re.compile(r"argument (?P<op>[^:]+): invalid choice: (?P<valor>.*) \(choose from (?P<opciones>.*)\)"),
     lambda m: f"{m['op']}: «{m['valor'].strip(chr(39))}» no es válido; {_opciones(m['opciones'])}"),
    (re.compile(r"argument (?P<op>[^:]+): invalid int value: (?P<valor>.*)"),
     lambda m: f"{m['op']}: «{m['valor'].strip(chr(39))}» no es un número entero"),
    (re.compile(r"argument (?P<op>[^:]+): invalid float value: (?P<valor>.*)"),
     lambda m: f"{m['op']}: «{m['valor'].strip(chr(39))}» no es un número"),
    (re.compile(r"argument (?P<op>[^:]+): expected one argument"), lambda m: f"{m['op']}: falta su valor"),
    (re.compile(r"argument (?P<op>[^:]+): not allowed with argument (?P<otra>.*)"),
     lambda m: f"{m['op']}: no se puede usar junto con {m['otra']}"),
    (re.compile(r"the following arguments are required: (?P<ops>.*)"),
     lambda m: f"faltan opciones obligatorias: {m['ops']}"),
    (re.compile(r"unrecognized arguments: (?P<ops>.*)"), lambda m: f"opciones no reconocidas: {m['ops']}"),
    (re.compile(r"argument (?P<op>[^:]+): (?P<resto>.*)"), lambda m: f"{m['op']}: {m['resto']}"),
]


def en_espanol(mensaje: str) -> str:
    for patron, traduccion in _MENSAJES_ARGPARSE:
        if m := patron.fullmatch(mensaje):
            return traduccion(m)
    return mensaje
