"""统一社会信用代码 against python-stdnum's ``stdnum.cn.uscc`` (test-only dependency).

stdnum insists on eight leading digits; GB 32100-2015 and domain-facts.md let
position 1 (登记管理部门) and 2 (机构类别) be letters for non-enterprise
bodies, so we are laxer there. Agreement is tested on codes with digit
positions 1–2, and the letter case on its own.

stdnum also upper-cases its input, while ``validate_uscc`` checks a code as
printed unless ``normalize=True`` (a printed lower-case letter is reported,
not silently fixed); lower-case input is compared after upper-casing.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc as std_uscc

from domain.uscc import ALPHABET, uscc_check_char, validate_uscc

_DIGITS = "0123456789"


def _random_body(rng: random.Random, *, leading_letters: bool = False) -> str:
    first = ALPHABET if leading_letters else _DIGITS
    return (
        "".join(rng.choice(first) for _ in range(2))
        + "".join(rng.choice(_DIGITS) for _ in range(6))
        + "".join(rng.choice(ALPHABET) for _ in range(9))
    )


def _ours_like_stdnum(code: str) -> bool:
    if code != code.upper():
        assert not validate_uscc(code).valid  # as printed: a lower-case letter is an error
        code = code.upper()
    return validate_uscc(code).valid


def test_check_character_agrees_with_stdnum() -> None:
    rng = random.Random(32100)
    for _ in range(5000):
        body = _random_body(rng)
        assert uscc_check_char(body) == std_uscc.calc_check_digit(body), body


def test_validation_agrees_on_valid_and_corrupted_codes() -> None:
    rng = random.Random(2015)
    invalid = 0
    for _ in range(3000):
        body = _random_body(rng)
        code = body + uscc_check_char(body)
        assert std_uscc.is_valid(code) and validate_uscc(code).valid
        pos = rng.randrange(18)
        # Any printable ASCII: alphabet letters, I O Z S V, digits, symbols.
        repl = rng.choice([chr(c) for c in range(33, 127) if chr(c) != code[pos] and chr(c) not in "- "])
        bad = code[:pos] + repl + code[pos + 1 :]
        ours = _ours_like_stdnum(bad)
        assert ours == std_uscc.is_valid(bad), bad
        invalid += not ours
    assert invalid > 2500  # a single substitution is (almost) always caught


@settings(derandomize=True, max_examples=1500, deadline=None)
@given(
    st.text(alphabet=_DIGITS, min_size=8, max_size=8),
    st.text(alphabet=ALPHABET + "IOZSVa", min_size=10, max_size=10),
)
def test_random_codes_agree_with_stdnum(head: str, tail: str) -> None:
    code = head + tail
    assert _ours_like_stdnum(code) == std_uscc.is_valid(code)


@pytest.mark.parametrize("code", ["91512081MA62K0260E", "91110000600037341L", "91110108MA01EBFH9B"])
def test_known_good_codes(code: str) -> None:
    assert validate_uscc(code).valid and std_uscc.is_valid(code)


def test_letter_in_first_positions_is_valid_for_us_only() -> None:
    rng = random.Random(9)
    for _ in range(200):
        body = _random_body(rng, leading_letters=True)
        if body[:2].isdigit():
            continue
        code = body + uscc_check_char(body)
        assert validate_uscc(code).valid  # domain-facts.md: position 1 may be a letter
        assert not std_uscc.is_valid(code)  # stdnum demands eight digits
