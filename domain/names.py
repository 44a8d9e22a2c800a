"""Company-name and general text normalisation for comparing documents.

Equality (:func:`company_names_match`) is deliberately narrow: only width,
bracket style, whitespace and stray punctuation at the ends are forgiven,
because a name that differs between the licence and the declaration is a
finding. :func:`canonical_company_suffix` and the similarity score are for
fuzzy ranking (which document is about which company), never for equality.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

__all__ = [
    "canonical_company_suffix",
    "company_name_similarity",
    "company_names_match",
    "normalize_company_name",
    "normalize_text",
]

# After NFKC, full-width （） are already "()"; these are the other brackets
# a typist or an OCR engine uses for the same parenthesised part of a name.
_BRACKETS = str.maketrans({
    "〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")",
    "{": "(", "}": ")", "〖": "(", "〗": ")", "﹙": "(", "﹚": ")",
})
_MIDDLE_DOTS = str.maketrans({"•": "·", "・": "·", "‧": "·", "∙": "·", "⋅": "·"})
# Punctuation that ends up around a name cut out of a line ("名称：…。").
# Brackets are kept: "(山东)" at the end is part of the name.
_EDGE_PUNCT = ".,;:!?、。，；：！？\"'“”‘’「」『』《》<>`~-—_·"
_WS = re.compile(r"\s+")


def normalize_text(s: str) -> str:
    """NFKC, then every whitespace run collapsed to one space, ends trimmed."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", s or "")).strip()


def normalize_company_name(name: str) -> str:
    """Comparable form of a company name.

    NFKC (full-width → half-width, so （） → ()), other brackets → (), all
    whitespace removed, middle dots unified, and punctuation stripped from
    both ends (a trailing "。" or a leading "：" left over from a label).
    Letter case is kept: "ABC" and "abc" are different names.
    """
    s = unicodedata.normalize("NFKC", name or "")
    s = s.translate(_BRACKETS).translate(_MIDDLE_DOTS)
    s = _WS.sub("", s)
    return s.strip(_EDGE_PUNCT)


def company_names_match(a: str, b: str) -> bool:
    """Equal after :func:`normalize_company_name`; two empty names never match."""
    na, nb = normalize_company_name(a), normalize_company_name(b)
    return bool(na) and na == nb


def canonical_company_suffix(name: str) -> str:
    """Normalised name with 有限责任公司 written 有限公司 — for fuzzy matching only.

    Both suffixes denote a limited-liability company and applicants use them
    interchangeably in forms, but the registered name has exactly one of
    them, so this must never decide equality. 股份有限公司 (a joint-stock
    company) is a different legal form and is left alone.
    """
    s = normalize_company_name(name)
    if s.endswith("有限责任公司"):
        s = s[: -len("有限责任公司")] + "有限公司"
    return s


def company_name_similarity(a: str, b: str, *, canonical_suffix: bool = False) -> float:
    """rapidfuzz ratio (0–100) of the normalised names.

    With ``canonical_suffix`` the 有限责任公司/有限公司 difference is ignored.
    """
    norm = canonical_company_suffix if canonical_suffix else normalize_company_name
    na, nb = norm(a), norm(b)
    if not na and not nb:
        return 0.0
    return float(fuzz.ratio(na, nb))
