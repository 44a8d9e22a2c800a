"""统一社会信用代码 (USCC) per GB 32100-2015.

Rules (docs: the project's domain facts, domain-facts.md § 统一社会信用代码):
- 18 characters: 1 登记管理部门, 2 机构类别, 3–8 行政区划码 (digits),
  9–17 主体标识码, 18 check character.
- Alphabet with values 0–30: ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (no I O Z S V).
- Weights for positions 1–17 are 3^(i−1) mod 31.
- Check value = (31 − Σ value·weight mod 31) mod 31, written in the same alphabet.
- Position 1 may be a letter (non-enterprise bodies), so only positions 3–8
  are required to be digits.

Normalisation maps only the OCR confusions O→0 and I→1. S, V and Z are not in
the alphabet either but are *not* mapped: guessing 5/U/2 could turn a wrong
code into a "valid" one, so they are left to fail validation visibly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain._text import CODE_SEPARATORS, fold_char, fold_width

__all__ = [
    "ALPHABET",
    "WEIGHTS",
    "UsccCandidate",
    "UsccResult",
    "division_code",
    "find_uscc_candidates",
    "find_uscc_matches",
    "normalize_uscc",
    "province_code",
    "uscc_check_char",
    "validate_uscc",
]

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
# GB 32100-2015: W_i = 3^(i-1) mod 31 → 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
WEIGHTS: tuple[int, ...] = tuple(pow(3, i, 31) for i in range(17))

_LENGTH = 18
_OCR_CONFUSIONS = {"O": "0", "I": "1"}
_SEPARATORS = CODE_SEPARATORS


@dataclass(frozen=True)
class UsccResult:
    """Outcome of :func:`validate_uscc`; ``reason`` is a Chinese message for users."""

    valid: bool
    reason: str | None = None
    code: str = ""
    expected_check: str | None = None


@dataclass(frozen=True)
class UsccCandidate:
    """An 18-character code found in text; ``start``/``end`` index the original text."""

    code: str
    start: int
    end: int
    raw: str


def normalize_uscc(raw: str) -> str:
    """Strip spaces/hyphens, fold full-width, upper-case, map O→0 and I→1."""
    out: list[str] = []
    for ch in raw:
        if ch in _SEPARATORS:
            continue
        c = fold_char(ch)
        if c.isspace() or c == "-":
            continue
        c = c.upper()
        out.append(_OCR_CONFUSIONS.get(c, c))
    return "".join(out)


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters (already normalised)."""
    if len(first17) != 17:
        raise ValueError(f"need 17 characters, got {len(first17)}")
    total = 0
    for i, ch in enumerate(first17):
        if ch not in _VALUE:
            raise ValueError(f"illegal USCC character {ch!r} at position {i + 1}")
        total += _VALUE[ch] * WEIGHTS[i]
    return ALPHABET[(31 - total % 31) % 31]


def validate_uscc(code: str, *, normalize: bool = False) -> UsccResult:
    """Validate length, alphabet, division digits and check character.

    The code is checked as given unless ``normalize`` is true, so that a caller
    can tell a printed "O" from a "0" if it cares; pass ``normalize=True`` for
    OCR text.
    """
    if code is None:
        return UsccResult(False, "统一社会信用代码为空")
    c = normalize_uscc(code) if normalize else code.strip()
    if not c:
        return UsccResult(False, "统一社会信用代码为空", c)
    if len(c) != _LENGTH:
        return UsccResult(False, f"统一社会信用代码应为18位，实际为{len(c)}位", c)
    for i, ch in enumerate(c):
        if ch not in _VALUE:
            return UsccResult(False, _illegal_char_reason(ch, i + 1), c)
    for i in range(2, 8):
        if not c[i].isdigit():
            return UsccResult(
                False,
                f"第3–8位行政区划码应为数字，第{i + 1}位为“{c[i]}”",
                c,
            )
    expected = uscc_check_char(c[:17])
    if c[17] != expected:
        return UsccResult(
            False,
            f"校验位不符：按GB 32100-2015计算第18位应为“{expected}”，实际为“{c[17]}”",
            c,
            expected,
        )
    return UsccResult(True, None, c, expected)


def _illegal_char_reason(ch: str, position: int) -> str:
    half = fold_char(ch)
    if half != ch:
        why = "为全角字符"
    elif ch.upper() in "IOZSV":
        why = "统一社会信用代码不使用字母I、O、Z、S、V"
    elif ch.upper() in _VALUE:
        why = "应为大写字母"
    else:
        why = "不在GB 32100-2015规定的字符集内"
    return f"第{position}位字符“{ch}”非法：{why}"


def _require_code(code: str) -> str:
    c = normalize_uscc(code)
    if len(c) != _LENGTH:
        raise ValueError(f"not an 18-character USCC: {code!r}")
    return c


def division_code(code: str) -> str:
    """行政区划码: positions 3–8."""
    return _require_code(code)[2:8]


def province_code(code: str) -> str:
    """Province part of the division code: positions 3–4 (37 = 山东)."""
    return _require_code(code)[2:4]


# Runs of Latin letters and digits: every letter is admitted (not only the
# alphabet) so that a code with an OCR-confused S/V/Z still surfaces as a
# candidate and then fails validation visibly instead of vanishing.
_RUN = re.compile(r"[0-9A-Za-z]+(?:[ \-][0-9A-Za-z]+)*")
# A code glued to a label or a neighbour ("USCC9137…", "No.9137…") sits in a
# run of a few dozen characters; a longer run is a hash, a key or a digit
# dump, whose every window would otherwise be checked (quadratic-ish cost).
_MAX_GLUED = 64
# A real code always has the six division digits; demanding as many digits
# keeps ordinary words and identifiers out of the candidate list.
_MIN_DIGITS = 6


def find_uscc_matches(text: str) -> list[UsccCandidate]:
    """Candidates with spans; see :func:`find_uscc_candidates` for the rules."""
    folded = fold_width(text)
    found: list[UsccCandidate] = []
    seen: set[tuple[int, int]] = set()

    def add(code: str, start: int, end: int) -> None:
        if (start, end) in seen:
            return
        if sum(ch.isdigit() for ch in code) < _MIN_DIGITS:
            return
        seen.add((start, end))
        found.append(UsccCandidate(code, start, end, text[start:end]))

    for m in _RUN.finditer(folded):
        pieces = [
            (m.start() + p.start(), m.start() + p.end(), normalize_uscc(p.group()))
            for p in re.finditer(r"[0-9A-Za-z]+", m.group())
        ]
        for s, e, code in pieces:
            if len(code) == _LENGTH:
                add(code, s, e)
            elif _LENGTH < len(code) <= _MAX_GLUED:
                # Glued to neighbouring letters/digits ("USCC9137…"): only a
                # window that passes the check is trustworthy enough.
                for k in range(len(code) - _LENGTH + 1):
                    window = code[k : k + _LENGTH]
                    if validate_uscc(window).valid:
                        add(window, s + k, s + k + _LENGTH)
        # OCR sometimes splits a code with blanks ("9137 0100 MA3C…"). Joining
        # pieces could also glue table numbers together, so a joined
        # candidate must pass the check.
        for i in range(len(pieces)):
            joined = pieces[i][2]
            for j in range(i + 1, len(pieces)):
                joined += pieces[j][2]
                if len(joined) > _LENGTH:
                    break
                if len(joined) == _LENGTH and validate_uscc(joined).valid:
                    add(joined, pieces[i][0], pieces[j][1])
    found.sort(key=lambda c: c.start)
    return found


def find_uscc_candidates(text: str) -> list[str]:
    """Normalised 18-character candidates in ``text``, in order, without duplicates.

    A candidate is an unbroken 18-character run of Latin letters/digits (after
    width folding and O→0/I→1) with at least six digits; such candidates are
    *not* validated, call :func:`validate_uscc` on each. Two riskier shapes
    are admitted only when they pass the check: an 18-character window of a
    longer run, and consecutive pieces joined across single spaces/hyphens.
    """
    out: list[str] = []
    for cand in find_uscc_matches(text):
        if cand.code not in out:
            out.append(cand.code)
    return out
