"""A printed label reduced to what identifies it: NFKC, long parenthesised instructions
dropped, no whitespace, no trailing colon or asterisk, lower case. Used to match a form's
labels to the catalogue (matchers) and names to names (checks)."""
from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_label"]

_SPACE = re.compile(r"\s+")
_TRAILING = re.compile(r"[:：*＊]+$")
_HINT = re.compile(r"[(（][^()（）]{6,}[)）]")  # long parenthesised instructions, not units


def normalize_label(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = _HINT.sub("", s)
    s = _SPACE.sub("", s)
    s = _TRAILING.sub("", s)
    return s.lower()
