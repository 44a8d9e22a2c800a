"""Check characters for the codes printed on the fictional companies' documents.

Kept here rather than imported from domain/ so the samples do not depend on the code they
are meant to test.
"""
from __future__ import annotations

# GB 32100-2015: 31 characters without I O Z S V; weights are 3^(i-1) mod 31.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]

# GB 11714-1997 organisation code (the 9 characters inside a converted USCC).
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def uscc_check_char(first17: str) -> str:
    if len(first17) != 17:
        raise ValueError(f"need 17 characters, got {first17!r}")
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, _USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    return (
        len(code) == 18
        and all(ch in USCC_ALPHABET for ch in code)
        and uscc_check_char(code[:17]) == code[17]
    )


def org_code(first8: str) -> str:
    """Complete an 8-character organisation code with its check character."""
    total = sum(_ORG_ALPHABET.index(ch) * w for ch, w in zip(first8, _ORG_WEIGHTS))
    c = 11 - total % 11
    return first8 + ("X" if c == 10 else "0" if c == 11 else str(c))


def make_uscc(authority_category: str, division: str, subject_id: str) -> str:
    """Build a valid code from its parts, e.g. ("91", "370112", <9-char subject id>)."""
    body = authority_category + division + subject_id
    return body + uscc_check_char(body)


def corrupt_check_char(code: str) -> str:
    """The same code with a different, wrong check character."""
    right = USCC_ALPHABET.index(code[17])
    return code[:17] + USCC_ALPHABET[(right + 7) % 31]
