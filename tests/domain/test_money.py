"""Money parsing (domain-facts.md § Chinese money in capital numerals)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.money import (
    Money,
    find_money,
    parse_capital_amount,
    parse_money,
    parse_number,
    parse_percent,
    same_money,
    to_wan,
)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("伍仟万元整", "50000000", "CNY"),
        ("人民币伍仟万元整", "50000000", "CNY"),
        ("伍仟万元人民币", "50000000", "CNY"),
        ("壹亿贰仟零伍拾万元整", "120500000", "CNY"),
        ("壹亿贰仟伍拾万元整", "120500000", "CNY"),  # the optional 零 left out
        ("叁佰万零伍仟元", "3005000", "CNY"),
        ("叁佰万伍仟元", "3005000", "CNY"),
        ("伍拾万元", "500000", "CNY"),
        ("拾万元整", "100000", "CNY"),
        ("壹拾万元整", "100000", "CNY"),
        ("壹万亿元", "1000000000000", "CNY"),
        ("伍仟萬圓整", "50000000", "CNY"),
        ("貳佰陸拾萬元", "2600000", "CNY"),
        ("壹億元正", "100000000", "CNY"),
        ("壹仟贰佰叁拾肆元伍角陆分", "1234.56", "CNY"),
        ("壹元零伍分", "1.05", "CNY"),
        ("伍角", "0.5", "CNY"),
        ("五十万元", "500000", "CNY"),
        ("伍拾万美元", "500000", "USD"),
        ("5000万元人民币", "50000000", "CNY"),
        ("人民币5000万元", "50000000", "CNY"),
        ("5,000.00万元", "50000000", "CNY"),
        ("500万美元", "5000000", "USD"),
        ("500 万美金", "5000000", "USD"),
        ("12345678.90元", "12345678.90", "CNY"),
        ("1.2亿元", "120000000", "CNY"),
        ("3千万元", "30000000", "CNY"),
        ("5百万元", "5000000", "CNY"),
        ("300万欧元", "3000000", "EUR"),
        ("1000万港元", "10000000", "HKD"),
        ("1000万港币", "10000000", "HKD"),
        ("2亿日元", "200000000", "JPY"),
        ("US$5,000,000", "5000000", "USD"),
        ("HK$ 1,000", "1000", "HKD"),
        ("RMB 50,000,000", "50000000", "CNY"),
        ("CNY 8,000", "8000", "CNY"),
        ("USD 8,000", "8000", "USD"),
        ("￥300万", "3000000", "CNY"),
        ("５０００万元", "50000000", "CNY"),
        ("注册资本(美元)：500万", "5000000", "USD"),
        ("币种：美元 注册资本：500万", "5000000", "USD"),
        ("注册资本：5000万", "50000000", "CNY"),
    ],
)
def test_parse_money(text: str, amount: str, currency: str) -> None:
    money = parse_money(text)
    assert money is not None, text
    assert money.amount_yuan == Decimal(amount)
    assert money.currency == currency


def test_raw_covers_currency_markers() -> None:
    assert parse_money("注册资本：人民币伍仟万元整").raw == "人民币伍仟万元整"
    assert parse_money("5000万元人民币").raw == "5000万元人民币"
    assert parse_money("500万美元").raw == "500万美元"


@pytest.mark.parametrize(
    ("text", "unit", "amount", "currency"),
    [
        ("5000", "万元", "50000000", "CNY"),
        ("5000", "万", "50000000", "CNY"),
        ("5000", "元", "5000", "CNY"),
        ("1.5", "亿元", "150000000", "CNY"),
        ("500", "万美元", "5000000", "USD"),
        ("１２３.４", "万元", "1234000", "CNY"),
        ("3000元", "万元", "3000", "CNY"),  # an explicit unit wins over the default
    ],
)
def test_default_unit(text: str, unit: str, amount: str, currency: str) -> None:
    money = parse_money(text, default_unit=unit)
    assert money is not None
    assert money.amount_yuan == Decimal(amount)
    assert money.currency == currency


@pytest.mark.parametrize(
    "text",
    ["", "无", "5000", "2021年", "30万平方米", "5000千瓦", "十分重要", "贰零贰贰年", "部分", "万元", "元整"],
)
def test_not_money(text: str) -> None:
    assert parse_money(text) is None


def test_bare_numbers_that_are_not_amounts_ignore_default_unit() -> None:
    assert parse_money("2021年", default_unit="万元") is None
    assert parse_money("95%", default_unit="万元") is None


def test_spellings_compare_as_numbers() -> None:
    forms = ["伍仟万元整", "人民币伍仟万元整", "5000万元人民币", "5,000.00万元", "50000000元", "0.5亿元"]
    values = {parse_money(f).amount_yuan for f in forms}
    assert values == {Decimal(50000000)}
    a, b = parse_money("伍仟万元整"), parse_money("5,000.00万元")
    assert same_money(a, b)
    assert not same_money(parse_money("500万元"), parse_money("500万美元"))


def test_to_wan() -> None:
    assert to_wan(parse_money("伍仟万元整")) == Decimal(5000)
    assert to_wan(parse_money("12345678.90元")) == Decimal("1234.56789")
    assert to_wan(parse_money("500万美元")) == Decimal(500)
    assert to_wan(Money(Decimal(1), "CNY", "1元")) == Decimal("0.0001")


def test_find_money_in_order() -> None:
    found = find_money("注册资本5000万元（伍仟万元整），其中外资500万美元")
    assert [(m.amount_yuan, m.currency) for m in found] == [
        (Decimal(50000000), "CNY"),
        (Decimal(50000000), "CNY"),
        (Decimal(5000000), "USD"),
    ]


@pytest.mark.parametrize(
    "text",
    ["壹贰元", "伍元整伍", "壹元伍", "万", "整"],
)
def test_malformed_capital(text: str) -> None:
    assert parse_capital_amount(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.5", "1234.5"),
        ("12.3%", "12.3"),
        ("１２３", "123"),
        ("１，２３４．５", "1234.5"),
        ("-12.5", "-12.5"),
        ("约1,234,567元", "1234567"),
        ("1,2", "1"),
        ("0.0", "0"),
    ],
)
def test_parse_number(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


def test_parse_number_none() -> None:
    assert parse_number("无") is None
    assert parse_number("") is None


def test_parse_percent() -> None:
    assert parse_percent("装备联网率：95.5%") == Decimal("95.5")
    assert parse_percent("８０％") == Decimal(80)
    assert parse_percent("5‰") == Decimal("0.5")
    assert parse_percent("95.5") is None


def test_ordinary_numerals_need_yuan_or_currency() -> None:
    assert parse_money("五十万元").amount_yuan == Decimal(500000)
    assert parse_money("人民币五十万").amount_yuan == Decimal(500000)
    assert parse_money("一百万台设备") is None
    assert parse_money("伍拾万").amount_yuan == Decimal(500000)  # 大写 digits suffice


def test_numbers_inside_codes_are_not_money() -> None:
    assert find_money("91370100MA3C8X2B41", default_unit="万元") == []
    assert find_money("5G网络", default_unit="万元") == []
    assert parse_money("RMB5000").amount_yuan == Decimal(5000)
    assert parse_money("5000USD").currency == "USD"


def test_counts_are_not_money_even_with_default_unit() -> None:
    assert find_money("职工300人", default_unit="万元") == []
    assert parse_money("5000人民币").amount_yuan == Decimal(5000)


def test_unit_label_before_bare_number() -> None:
    assert parse_money("注册资本(万美元)：500") == Money(Decimal(5000000), "USD", "500")
    assert parse_money("单位：万元 5000").amount_yuan == Decimal(50000000)
    assert parse_money("（万元）１２００.５").amount_yuan == Decimal(12005000)
    assert find_money("5000万元 3000") == [Money(Decimal(50000000), "CNY", "5000万元")]


def test_amount_lists_and_mixed_currencies() -> None:
    found = find_money("5000万元，3000万元；人民币5000万元 美元300万")
    assert [(m.amount_yuan, m.currency, m.raw) for m in found] == [
        (Decimal(50000000), "CNY", "5000万元"),
        (Decimal(30000000), "CNY", "3000万元"),
        (Decimal(50000000), "CNY", "人民币5000万元"),
        (Decimal(3000000), "USD", "美元300万"),
    ]
