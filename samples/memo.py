"""Rendering scans is the slow part of generating samples: the same document (same inputs)
is drawn once per process and shared by every dossier that holds it (in the tests, by
every module that writes the samples again)."""
from __future__ import annotations

import zlib
from collections.abc import Callable

_memo: dict[tuple[str, str, str], bytes] = {}


def cached(kind: str, key: object, fn: Callable[[], bytes]) -> Callable[[], bytes]:
    """A maker that draws once per (generator module, kind, key)."""
    def make() -> bytes:
        origin = getattr(getattr(fn, "func", fn), "__module__", "")
        k = (origin, kind, repr(key))
        if k not in _memo:
            _memo[k] = fn()
        return _memo[k]
    return make


def seed(*parts: object) -> int:
    """A stable seed from names (crc32, not hash(): that changes between processes)."""
    return zlib.crc32("|".join(map(str, parts)).encode())
