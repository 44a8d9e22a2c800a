"""居民身份证号码 against python-stdnum's ``stdnum.cn.ric`` (test-only dependency).

Where stdnum and GB 11643-1999 / our rules part ways:
- stdnum checks the full 6-digit division against its own table and the birth
  year (stricter than us: we check the province only, since county codes are
  renamed and merged over time and old numbers stay valid);
- stdnum knows no 81/82/83 prefixes, so it rejects the residence permits of
  Hong Kong, Macao and Taiwan residents (港澳台居民居住证), which we accept;
- stdnum accepts a birth date in the future, which we reject;
- stdnum does not strip hyphens ("110101-19900307-7715"), which we do.
Agreement is therefore tested on divisions stdnum knows for the birth year,
and each of our deviations is tested on its own.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from domain.divisions import ID_PREFIXES, PROVINCES
from domain.id_number import id_check_char, normalize_id_number, validate_id_number

_TODAY = date(2025, 1, 1)


def _stdnum_divisions() -> list[str]:
    codes: list[str] = []
    province = ""
    for line in (files("stdnum.cn") / "loc.dat").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if not line.startswith(" "):
            province = line.split()[0]
        else:
            codes.append(province + line.split()[0])
    return codes


_DIVISIONS = _stdnum_divisions()


def test_check_character_agrees_with_stdnum() -> None:
    rng = random.Random(11643)
    for _ in range(5000):
        body = "".join(rng.choice("0123456789") for _ in range(17))
        assert id_check_char(body) == ric.calc_check_digit(body + "0"), body


def _ric_valid(number: str) -> bool:
    # stdnum 2.x raises KeyError (not a ValidationError) from get_birth_place
    # when a division's province is known but the county is not; that is its
    # "invalid" answer.
    try:
        return ric.is_valid(number)
    except KeyError:
        return False


def _body(rng: random.Random, division: str) -> str:
    born = date(1930, 1, 1) + timedelta(days=rng.randrange(90 * 365))
    return f"{division}{born:%Y%m%d}{rng.randrange(1000):03d}"


def _stdnum_knows(number: str) -> bool:
    try:
        ric.get_birth_place(number)
    except (ValidationError, KeyError):
        return False
    return True


def test_validation_agrees_with_stdnum_on_known_divisions() -> None:
    rng = random.Random(1949)
    compared = 0
    for _ in range(4000):
        body = _body(rng, rng.choice(_DIVISIONS))
        number = body + id_check_char(body)
        if not _stdnum_knows(number):
            continue  # division retired or not yet created in the birth year
        compared += 1
        assert _ric_valid(number)
        assert validate_id_number(number, today=_TODAY).valid, number
        # A corrupted character: both must reject it.
        pos = rng.randrange(18)
        repl = rng.choice([c for c in "0123456789X" if c != number[pos]])
        if pos < 17 and repl == "X":
            repl = "0" if number[pos] != "0" else "1"
        bad = number[:pos] + repl + number[pos + 1 :]
        ours = validate_id_number(bad, today=_TODAY).valid
        if ours or _ric_valid(bad):
            # A corrupted birth date or division can land on another valid
            # one only if the check digit still fits, which a single change
            # never allows (GB 11643 detects all single substitutions).
            pytest.fail(f"single substitution accepted: {bad}")
    assert compared > 1000


@settings(derandomize=True, max_examples=1500, deadline=None)
@given(st.text(alphabet="0123456789", min_size=17, max_size=17), st.sampled_from("0123456789X"))
def test_random_numbers_we_accept_stdnum_accepts_modulo_divisions(body: str, check: str) -> None:
    number = body + check
    ours = validate_id_number(number, today=_TODAY).valid
    if ours and _stdnum_knows(number):
        assert _ric_valid(number)
    if _ric_valid(number) and date(*map(int, (number[6:10], number[10:12], number[12:14]))) <= _TODAY:
        assert ours, number  # stdnum's place table only has real provinces


@pytest.mark.parametrize("prefix", ["00", "10", "20", "38", "66", "72", "80", "84", "90", "99"])
def test_unknown_province_is_rejected_in_chinese(prefix: str) -> None:
    body = prefix + "0101" + "19900307" + "123"
    number = body + id_check_char(body)
    result = validate_id_number(number)
    assert not result.valid
    assert result.reason is not None and "省级行政区划代码" in result.reason and prefix in result.reason
    assert not _ric_valid(number)  # stdnum agrees: no such place


def test_every_unknown_two_digit_prefix_is_rejected() -> None:
    rng = random.Random(5)
    for p in range(100):
        prefix = f"{p:02d}"
        body = prefix + f"{rng.randrange(10000):04d}" + "19900307" + "123"
        number = body + id_check_char(body)
        assert validate_id_number(number).valid is (prefix in ID_PREFIXES), number


@pytest.mark.parametrize("prefix", ["81", "82", "83"])
def test_residence_permits_are_accepted(prefix: str) -> None:
    body = prefix + "0000" + "19900307" + "123"
    number = body + id_check_char(body)
    assert validate_id_number(number).valid
    assert not _ric_valid(number)  # stdnum's table lacks these: we are laxer on purpose


def test_83_is_not_a_province_for_addresses() -> None:
    assert "83" in ID_PREFIXES and "83" not in PROVINCES


def test_future_birth_date_rejected_although_stdnum_accepts() -> None:
    body = "110101" + "20300101" + "123"
    number = body + id_check_char(body)
    assert _ric_valid(number)
    result = validate_id_number(number, today=_TODAY)
    assert not result.valid and "晚于" in (result.reason or "")


@pytest.mark.parametrize(
    "raw",
    ["110101-19900307-7715", "110101 19900307 7715", "１１０１０１－１９９００３０７－７７１５", "110101—19900307—7715"],
)
def test_hyphens_and_spaces_are_stripped(raw: str) -> None:
    assert normalize_id_number(raw) == "110101199003077715"
    assert validate_id_number(raw).valid
    assert not _ric_valid("110101-19900307-7715")  # stdnum keeps the hyphens
    assert _ric_valid("110101199003077715")
