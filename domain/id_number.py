"""居民身份证号码 per GB 11643-1999.

Rules (docs: the project's domain facts, domain-facts.md § Resident ID number):
- 18 characters: 6 division code, 8 birth date YYYYMMDD, 3 sequence, 1 check.
- Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; S = Σ digit·weight mod 11;
  check = "10X98765432"[S].
The 15-digit numbers of the first-generation cards predate the standard and
are reported as invalid (those cards expired in 2013).

The first two digits must be a province-level code of GB/T 2260 (see
:data:`domain.divisions.PROVINCES`) or one of the codes of the residence
permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证, numbered
like resident IDs with 810000 / 820000 / 830000 as the division code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain._text import CODE_SEPARATORS, fold_char, fold_width
from domain.divisions import ID_PREFIXES

__all__ = [
    "CHECK_CHARS",
    "WEIGHTS",
    "IdMatch",
    "IdResult",
    "birth_date",
    "find_id_matches",
    "find_id_numbers",
    "id_check_char",
    "normalize_id_number",
    "validate_id_number",
]

WEIGHTS: tuple[int, ...] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


@dataclass(frozen=True)
class IdResult:
    """Outcome of :func:`validate_id_number`; ``reason`` is Chinese for users."""

    valid: bool
    reason: str | None = None
    number: str = ""
    birth_date: date | None = None


@dataclass(frozen=True)
class IdMatch:
    number: str
    start: int
    end: int
    raw: str


def normalize_id_number(raw: str) -> str:
    """Fold full-width, drop blanks and hyphens, upper-case the check letter x → X.

    Hyphens go for the same reason as in :func:`domain.uscc.normalize_uscc`:
    numbers are often typed grouped ("110101-19900307-7715").
    """
    out = []
    for ch in raw:
        if ch in CODE_SEPARATORS:
            continue
        c = fold_char(ch)
        if c.isspace() or c == "-":
            continue
        out.append(c.upper())
    return "".join(out)


def id_check_char(first17: str) -> str:
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"need 17 ASCII digits, got {first17!r}")
    s = sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11
    return CHECK_CHARS[s]


def _parse_birth(digits8: str) -> date | None:
    try:
        return date(int(digits8[0:4]), int(digits8[4:6]), int(digits8[6:8]))
    except ValueError:
        return None


def birth_date(number: str) -> date | None:
    """Birth date from positions 7–14, or None when it is not a real date."""
    n = normalize_id_number(number)
    if len(n) != 18 or not n[6:14].isdigit():
        return None
    return _parse_birth(n[6:14])


def validate_id_number(number: str, *, today: date | None = None) -> IdResult:
    """Check length, characters, province code, birth date (a real date, not in the future) and check char.

    No lower bound on the birth year: the standard's own example
    440524188001010014 is born in 1880.
    """
    n = normalize_id_number(number or "")
    if not n:
        return IdResult(False, "身份证号码为空", n)
    if len(n) == 15 and n.isdigit():
        return IdResult(False, "15位为第一代身份证号码，已停止使用，应为18位", n)
    if len(n) != 18:
        return IdResult(False, f"身份证号码应为18位，实际为{len(n)}位", n)
    for i, ch in enumerate(n[:17]):
        if not ("0" <= ch <= "9"):
            return IdResult(False, f"第{i + 1}位字符“{ch}”非法：前17位应为数字", n)
    if n[17] not in CHECK_CHARS:
        return IdResult(False, f"第18位字符“{n[17]}”非法：校验码应为数字或X", n)
    if n[:2] not in ID_PREFIXES:
        return IdResult(False, _prefix_reason(n[:2]), n)
    born = _parse_birth(n[6:14])
    if born is None:
        return IdResult(False, f"出生日期“{n[6:14]}”不是有效日期", n)
    limit = today or date.today()
    if born > limit:
        return IdResult(False, f"出生日期“{n[6:14]}”晚于当前日期", n, born)
    expected = id_check_char(n[:17])
    if n[17] != expected:
        return IdResult(
            False,
            f"校验码不符：按GB 11643-1999计算第18位应为“{expected}”，实际为“{n[17]}”",
            n,
            born,
        )
    return IdResult(True, None, n, born)


def _prefix_reason(prefix: str) -> str:
    reason = f"前2位“{prefix}”不是有效的省级行政区划代码（GB/T 2260）"
    if prefix.startswith("9"):
        # The 2023 foreign permanent-residence card shares the 18-digit layout
        # but starts with 9; it is not a 居民身份证, so say what it probably is.
        reason += "；以9开头的18位号码可能是外国人永久居留身份证号码，不是居民身份证号码"
    return reason


# 17 digits + digit/X, not glued to other letters or digits (a USCC or a bank
# account number would otherwise yield false hits).
_ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])", re.ASCII)


def find_id_matches(text: str) -> list[IdMatch]:
    folded = fold_width(text)
    return [
        IdMatch(m.group().upper(), m.start(), m.end(), text[m.start() : m.end()])
        for m in _ID_RE.finditer(folded)
    ]


def find_id_numbers(text: str, *, valid_only: bool = False) -> list[str]:
    """18-character ID-shaped numbers in ``text`` (unvalidated unless ``valid_only``)."""
    out: list[str] = []
    for m in find_id_matches(text):
        if valid_only and not validate_id_number(m.number).valid:
            continue
        if m.number not in out:
            out.append(m.number)
    return out
