"""Check digits for the resident ID numbers printed on the sample ID cards (GB 11643-1999).

Kept here rather than imported from domain/ so the samples do not depend on the code they
are meant to test.
"""
from __future__ import annotations

from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError(f"need 17 digits, got {first17!r}")
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def make_id_number(division: str, born: date, sequence: str) -> str:
    """division (6 digits) + birth date + 3-digit sequence (odd = male) + check char."""
    body = f"{division}{born:%Y%m%d}{sequence}"
    return body + id_check_char(body)


def is_valid_id_number(number: str) -> bool:
    return len(number) == 18 and number[:17].isdigit() and id_check_char(number[:17]) == number[17]


def corrupt_check_char(number: str) -> str:
    """The same number with a different, wrong check character."""
    right = _CHECK.index(number[17])
    return number[:17] + _CHECK[(right + 3) % 11]
