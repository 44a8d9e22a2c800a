"""Length-preserving width folding shared by the domain parsers.

Finders report spans into the caller's original string, so folding must keep
one output character per input character; plain ``unicodedata.normalize`` may
expand a character (e.g. "㎡" → "m2") and would shift every later offset.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["CODE_SEPARATORS", "fold_char", "fold_width"]

# Blanks and hyphen-like characters that a typist or an OCR engine inserts into
# an identifier ("9137 0100 …", "110101-19900307-7715"); they never carry a
# character of the code itself, so normalisers drop them.
CODE_SEPARATORS: frozenset[str] = frozenset(
    " \t\r\n\u00a0\u3000-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
)


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Full-width → half-width for one character; unchanged if NFKC is not 1:1.

    U+3000 (ideographic space) becomes an ASCII space, "１" → "1", "Ａ" → "A",
    "－" → "-", "（" → "(".
    """
    if ord(ch) < 0x80:
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def fold_width(text: str) -> str:
    """Apply :func:`fold_char` to every character; ``len`` is preserved."""
    return "".join(fold_char(c) for c in text)
