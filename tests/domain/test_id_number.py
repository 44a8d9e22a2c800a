"""居民身份证号码 rules from /work/shared/domain-facts.md (GB 11643-1999)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.id_number import (
    CHECK_CHARS,
    WEIGHTS,
    birth_date,
    find_id_matches,
    find_id_numbers,
    id_check_char,
    normalize_id_number,
    validate_id_number,
)

# The first two are the examples printed in GB 11643-1999; the others had
# their check characters computed separately and frozen here.
VALID = ["11010519491231002X", "440524188001010014", "370102199003071238", "370102200002290012"]


def test_constants_match_the_standard() -> None:
    assert WEIGHTS == (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    assert CHECK_CHARS == "10X98765432"


@pytest.mark.parametrize("number", VALID)
def test_valid_numbers(number: str) -> None:
    result = validate_id_number(number)
    assert result.valid, result.reason
    assert id_check_char(number[:17]) == number[17]


def test_check_x_and_lower_case_x() -> None:
    assert validate_id_number("11010519491231002x").valid
    assert normalize_id_number("11010519491231002x") == "11010519491231002X"
    bad = validate_id_number("110105194912310021")
    assert not bad.valid
    assert "“X”" in bad.reason and "“1”" in bad.reason


def test_every_digit_substitution_in_body_fails() -> None:
    number = "370102199003071238"
    for pos in range(17):
        for d in "0123456789":
            if d == number[pos]:
                continue
            mutated = number[:pos] + d + number[pos + 1 :]
            assert not validate_id_number(mutated).valid, mutated


def test_birth_date() -> None:
    assert birth_date("11010519491231002X") == date(1949, 12, 31)
    assert validate_id_number("370102200002290012").birth_date == date(2000, 2, 29)
    assert birth_date("12345") is None


@pytest.mark.parametrize("birth", ["19900230", "19901301", "19900000", "21000101"])
def test_invalid_birth_date(birth: str) -> None:
    first17 = "370102" + birth + "123"
    number = first17 + id_check_char(first17)  # correct check: only the date is wrong
    result = validate_id_number(number, today=date(2024, 1, 1))
    assert not result.valid
    assert "出生日期" in result.reason


def test_non_leap_feb_29_is_invalid() -> None:
    first17 = "37010219010229001"
    result = validate_id_number(first17 + id_check_char(first17))
    assert not result.valid and "不是有效日期" in result.reason


def test_length_and_characters() -> None:
    assert "15位" in validate_id_number("370102900307123").reason
    assert "18位" in validate_id_number("3701021990030712").reason
    r = validate_id_number("3701021990030712A8")
    assert not r.valid and "第17位" in r.reason
    r = validate_id_number("37010219900307123Y")
    assert not r.valid and "第18位" in r.reason
    assert not validate_id_number("").valid


def test_full_width_and_spaces() -> None:
    assert validate_id_number("３７０１０２ １９９００３０７ １２３８").valid


def test_find_id_numbers() -> None:
    text = "法定代表人身份证号：11010519491231002x，联系人440524188001010014；USCC 91370100MA3C8X2B41"
    assert find_id_numbers(text) == ["11010519491231002X", "440524188001010014"]
    m = find_id_matches(text)[0]
    assert text[m.start : m.end] == "11010519491231002x"


def test_find_skips_longer_digit_runs_and_filters_invalid() -> None:
    assert find_id_numbers("账号6222021101001234567") == []  # 19 digits: a bank card
    assert find_id_numbers("370102199003071239") == ["370102199003071239"]
    assert find_id_numbers("370102199003071239", valid_only=True) == []
    assert find_id_numbers("身份证：３７０１０２１９９００３０７１２３８") == ["370102199003071238"]
