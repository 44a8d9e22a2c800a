"""Strict 大写 parsing, 点 decimals, exponent notation and amount shapes.

Rules: /work/shared/domain-facts.md § Chinese money in capital numerals. A
malformed amount is unreadable (None), never repaired into a guess.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.money import amount_like, find_money, parse_capital_amount, parse_money, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一点五万元", "15000"),
        ("三点五亿元", "350000000"),
        ("叁点伍亿元", "350000000"),
        ("贰佰伍拾点伍万元", "2505000"),
        ("人民币贰佰伍拾点伍万元", "2505000"),
        ("一点零五万元", "10500"),
        ("壹点伍万亿元", "1500000000000"),
        ("壹拾点零伍", "10.05"),  # cn2an's an2cn("10.05", "up")
        ("零点零五", "0.05"),
        ("一点五元", "1.5"),
    ],
)
def test_point_decimals(text: str, value: str) -> None:
    assert parse_capital_amount(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "value", "raw"),
    [
        ("一点五万元", "15000", "一点五万元"),
        ("三点五亿元", "350000000", "三点五亿元"),
        ("人民币贰佰伍拾点伍万元", "2505000", "人民币贰佰伍拾点伍万元"),
        ("注册资本：叁点伍亿元整", "350000000", "叁点伍亿元整"),
        ("重点五万元", "50000", "五万元"),  # 点 ends the word 重点, not a decimal point
        ("部分伍拾万元", "500000", "伍拾万元"),
    ],
)
def test_point_decimals_in_text_cover_the_whole_amount(text: str, value: str, raw: str) -> None:
    money = parse_money(text)
    assert money is not None
    assert money.amount_yuan == Decimal(value)
    assert money.raw == raw


@pytest.mark.parametrize(
    "text",
    [
        "佰元",  # 佰/仟 never stand without a digit
        "仟元",
        "伍拾壹仟元",  # units must descend
        "壹佰佰元",
        "伍仟万万元",
        "壹万亿亿元",
        "壹亿亿元",
        "壹佰伍元",  # colloquial 150 or a lost 零: not guessed
        "叁仟叁元",
        "壹万伍元",
        "壹佰零伍拾元",  # 零 where no unit is skipped
        "壹佰零零伍元",
        "零伍元",
        "伍零元",
        "捌亿叁拾元",  # the whole 万 group skipped unmarked (likely a lost 万)
        "壹亿拾万元",  # 拾 without its digit is idiomatic only at the start
        "一点五元伍角",
        "一点五点五万元",
        "点五万元",
        "壹万点伍亿元",
        "壹佰伍角",
        "伍角伍角",
        "元",
        "零零",
        "",
    ],
)
def test_malformed_capital_is_none(text: str) -> None:
    assert parse_capital_amount(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("拾元", "10"),  # a leading 拾 is legitimate (拾万元 = 100000)
        ("拾伍元", "15"),
        ("拾万元整", "100000"),
        ("壹仟零伍拾元", "1050"),
        ("壹仟伍拾元", "1050"),  # 零 left out inside a group
        ("叁佰万伍仟元", "3005000"),  # 零 left out after 万 (domain-facts.md)
        ("壹亿伍万元", "100050000"),
        ("壹亿零叁拾元", "100000030"),
        ("壹万亿零伍仟万元", "1000050000000"),
        ("零元整", "0"),
        ("壹元零角伍分", "1.05"),
        ("伍角整", "0.5"),
        ("两千元", "2000"),
    ],
)
def test_well_formed_capital(text: str, value: str) -> None:
    assert parse_capital_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["佰元", "伍拾壹仟元", "壹佰佰元", "伍仟万万元", "壹万亿亿元"])
def test_malformed_amounts_are_not_found_in_text(text: str) -> None:
    assert find_money(f"注册资本：{text}") == []
    assert amount_like(text)


def test_full_width_thousands_separator() -> None:
    money = parse_money("１２００，０００万元")
    assert money is not None
    assert money.amount_yuan == Decimal(1_200_000) * 10000
    assert money.raw == "１２００，０００万元"
    assert parse_number("１２００，０００") == Decimal(1_200_000)


def test_misplaced_comma_is_no_amount() -> None:
    # Four digits after the comma: not a separator, and neither "1" nor
    # "2345万元" alone is what was written.
    assert parse_money("1,2345万元") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234,567元", "1234567"),
        ("1200,000元", "1200000"),
    ],
)
def test_comma_rule(text: str, value: str) -> None:
    assert parse_money(text).amount_yuan == Decimal(value)


@pytest.mark.parametrize("text", ["1e999", "-1.8e308", "1E5万元", "1e-5万元", "1e999万元", "1.5e3元", "RMB 1E6"])
def test_exponent_notation_is_not_an_amount(text: str) -> None:
    assert parse_money(text) is None
    assert parse_money(text, default_unit="万元") is None
    assert parse_number(text) is None


def test_absurdly_large_amounts_are_none() -> None:
    assert parse_money("99999999999999999999万元") is None
    assert parse_money("1" * 400 + "元") is None
    assert parse_money("10000000000000000元") is not None  # 10^16 itself is the limit
    assert parse_money("玖仟玖佰玖拾玖万亿元") is not None
    assert parse_money("10000000000000001元") is None


@pytest.mark.parametrize(
    ("text", "like"),
    [
        ("伍拾壹仟元", True),
        ("1e999万元", True),
        ("佰元", True),
        ("5000万元", True),
        ("人民币五十万", True),
        ("US$5,000", True),
        ("伍拾万", True),
        ("十分重要", False),
        ("一百万台", False),
        ("万元", False),
        ("（万元）", False),
        ("2021年", False),
        ("30万平方米", False),
        ("元整", False),
        ("", False),
    ],
)
def test_amount_like(text: str, like: bool) -> None:
    assert amount_like(text) is like


@pytest.mark.parametrize("text", ["1点5万元", "1点五万元"])
def test_mixed_script_point_is_not_split_into_a_tail(text: str) -> None:
    # Reading "5万元" or "五万元" here would be the tail misread once more.
    assert parse_money(text) is None
    assert parse_money(text, default_unit="万元") is None


def test_clock_time_is_not_money() -> None:
    found = find_money("下午2点开会，投资5万元", default_unit="万元")
    assert [m.amount_yuan for m in found] == [Decimal(50000)]
