"""File names as a person should see them, whatever bytes the file system holds.

A Windows zip unpacked with Info-ZIP ``unzip`` on Linux leaves names that are GBK bytes;
Python hands them over as ``str`` with surrogate escapes (PEP 383), which crash any UTF-8
writer (a report file, a JSON dump, a terminal). Every name that leaves the intake goes
through :func:`display_name`: the bytes are read as GB18030 (GBK's superset, what Chinese
Windows wrote) when they decode, otherwise undecodable bytes become U+FFFD. Control
characters (a newline in a name would fake a line in a text report) are made visible by
:func:`escape_controls` wherever a name is printed.
"""
from __future__ import annotations

import os
import unicodedata


def has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def display_name(name: str) -> str:
    """``name`` with surrogate-escaped bytes decoded (GB18030, else replacement chars)."""
    if not has_surrogates(name):
        return name
    raw = os.fsencode(name) if os.name != "nt" else name.encode("utf-8", "surrogateescape")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def escape_controls(text: str) -> str:
    """Control and format characters shown as ``\\n``, ``\\x07``, ``\\u202e``; surrogates
    replaced, so the result is always encodable as UTF-8 and stays on one line."""
    out: list[str] = []
    for ch in display_name(text):
        cat = unicodedata.category(ch)
        if ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif cat == "Cc":
            out.append(f"\\x{ord(ch):02x}")
        elif cat in ("Cf", "Zl", "Zp") and ch not in "\u200d":
            # Bidi overrides (U+202E) can make "exe.pdf" read as "fdp.exe".
            out.append(f"\\u{ord(ch):04x}")
        elif cat == "Cs":
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)
