"""A workaround for PySide6 6.12 on Python 3.11, to be removed once the dependency is pinned.

PySide6/shiboken6 6.12 ship abi3 wheels built with Python 3.12 headers, where None, True and False
are immortal and `Py_RETURN_NONE` / `Py_RETURN_TRUE` no longer count a reference. Loaded by Python
3.11, every call from Python to a Qt method that returns nothing (setText, show, processEvents…) or
a bool takes one reference it never gave; after some 40,000 such calls the interpreter aborts with
"Fatal Python error: none_dealloc: deallocating None" (or bool_dealloc). A working day in the
application makes far more calls than that.

The fix belongs in pyproject.toml (PySide6 < 6.12 on Python < 3.12, or Python >= 3.12). Until then,
these singletons get a reference count they cannot run out of — what 3.12 does by design.
"""
from __future__ import annotations

import ctypes
import sys

_RESERVA = 1 << 40  # ~10^12 calls: more than any process will ever make
_aplicado = False


def afectado() -> bool:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    try:
        import shiboken6
    except ImportError:
        return False
    return tuple(shiboken6.__version_info__[:2]) >= (6, 12)


def proteger_none() -> None:
    global _aplicado
    if _aplicado or not afectado():
        return
    # In CPython the reference count is the first field of every object.
    for singleton in (None, True, False, NotImplemented, Ellipsis):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVA
    _aplicado = True
