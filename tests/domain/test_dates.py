"""Dates and 营业期限 (domain-facts.md § Dates, § Business licence fields)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.dates import (
    ParsedDate,
    Term,
    YearMonth,
    add_months,
    find_dates,
    months_in,
    parse_date,
    parse_term,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021年3月15日", ParsedDate(2021, 3, 15)),
        ("2021年03月15日", ParsedDate(2021, 3, 15)),
        ("2021 年 03 月 15 日", ParsedDate(2021, 3, 15)),
        ("2021年3月15号", ParsedDate(2021, 3, 15)),
        ("2021-3-15", ParsedDate(2021, 3, 15)),
        ("2021-03-15", ParsedDate(2021, 3, 15)),
        ("2021.03.15", ParsedDate(2021, 3, 15)),
        ("2021/3/15", ParsedDate(2021, 3, 15)),
        ("20210315", ParsedDate(2021, 3, 15)),
        ("２０２１年３月１５日", ParsedDate(2021, 3, 15)),
        ("２０２１－０３－１５", ParsedDate(2021, 3, 15)),
        ("二〇二二年十二月", ParsedDate(2022, 12, None)),
        ("二〇二二年十二月三十一日", ParsedDate(2022, 12, 31)),
        ("二零二一年三月五日", ParsedDate(2021, 3, 5)),
        ("二〇二一年十月二十日", ParsedDate(2021, 10, 20)),
        ("二〇二一年元月", ParsedDate(2021, 1, None)),
        ("2021年3月", ParsedDate(2021, 3, None)),
        ("2022年09月", ParsedDate(2022, 9, None)),
        ("2022-09", ParsedDate(2022, 9, None)),
        ("成立日期：2015年06月01日", ParsedDate(2015, 6, 1)),
    ],
)
def test_parse_date(text: str, expected: ParsedDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["2021年2月29日", "2021年13月1日", "2021-02-30", "20211301", "2021年", "无", "", "12.5", "二〇二一年十三月"],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_leap_day() -> None:
    assert parse_date("2020年2月29日") == ParsedDate(2020, 2, 29)


def test_compact_dates_not_inside_longer_numbers() -> None:
    assert find_dates("370102199003071238") == []
    assert find_dates("订单号A20210315") == []


def test_year_only_on_request() -> None:
    assert find_dates("2021年度") == []
    assert [m.date for m in find_dates("2021年度", include_year_only=True)] == [ParsedDate(2021)]


def test_parsed_date_helpers() -> None:
    assert ParsedDate(2021, 3, 15).to_date() == date(2021, 3, 15)
    with pytest.raises(ValueError):
        ParsedDate(2022, 12).to_date()
    assert ParsedDate(2022, 2).first_day() == date(2022, 2, 1)
    assert ParsedDate(2024, 2).last_day() == date(2024, 2, 29)
    assert ParsedDate(2022).last_day() == date(2022, 12, 31)
    assert ParsedDate(2022, 2).is_complete is False
    assert str(ParsedDate(2022, 9)) == "2022-09"
    assert str(ParsedDate(2022, 9, 1)) == "2022-09-01"


def test_find_dates_spans_and_order() -> None:
    text = "成立日期：２０１５年０６月０１日，核准日期2021-3-15。"
    found = find_dates(text)
    assert [m.date for m in found] == [ParsedDate(2015, 6, 1), ParsedDate(2021, 3, 15)]
    for m in found:
        assert text[m.start : m.end] == m.raw
    assert found[0].raw == "２０１５年０６月０１日"


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("2015年06月01日至2035年05月31日", Term(date(2015, 6, 1), date(2035, 5, 31), False)),
        ("2015年06月01日至长期", Term(date(2015, 6, 1), None, True)),
        ("长期", Term(None, None, True)),
        ("永久", Term(None, None, True)),
        ("自2015年06月01日至长期", Term(date(2015, 6, 1), None, True)),
        ("2015-06-01 至 2035-05-31", Term(date(2015, 6, 1), date(2035, 5, 31), False)),
        ("2015-06-01至2035-05-31", Term(date(2015, 6, 1), date(2035, 5, 31), False)),
        ("2015.06.01-2035.05.31", Term(date(2015, 6, 1), date(2035, 5, 31), False)),
        ("营业期限：2015年06月01日 至 无固定期限", Term(date(2015, 6, 1), None, True)),
        ("自2015年06月01日起", Term(date(2015, 6, 1), None, False)),
        ("至2035年05月31日", Term(None, date(2035, 5, 31), False)),
        ("2015年06月01日至9999年12月31日", Term(date(2015, 6, 1), None, True)),
    ],
)
def test_parse_term(text: str, term: Term) -> None:
    assert parse_term(text) == term


def test_parse_term_nothing() -> None:
    assert parse_term("") is None
    assert parse_term("见附件") is None


def test_term_expiry() -> None:
    term = parse_term("2015年06月01日至2023年05月31日")
    assert term.expired_on(date(2023, 6, 1))
    assert not term.expired_on(date(2023, 5, 31))
    assert not parse_term("长期").expired_on(date(2999, 1, 1))
    assert not parse_term("自2015年06月01日起").expired_on(date(2999, 1, 1))


def test_months_in() -> None:
    text = "2022年09月、2022年10月电费单；2022年01月至2022年03月报表；2021.12-2022.02"
    assert months_in(text) == [
        YearMonth(2021, 12),
        YearMonth(2022, 1),
        YearMonth(2022, 2),
        YearMonth(2022, 3),
        YearMonth(2022, 9),
        YearMonth(2022, 10),
    ]
    assert months_in("2022年01月至2022年03月", expand_ranges=False) == [YearMonth(2022, 1), YearMonth(2022, 3)]
    assert months_in("2022年3月15日") == [YearMonth(2022, 3)]
    assert months_in("") == []


def test_months_in_does_not_expand_reversed_or_unjoined() -> None:
    assert months_in("2022年05月至2022年03月") == [YearMonth(2022, 3), YearMonth(2022, 5)]
    assert months_in("2022年01月，2022年03月") == [YearMonth(2022, 1), YearMonth(2022, 3)]


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2021, 1, 31), 1, date(2021, 2, 28)),
        (date(2020, 1, 31), 1, date(2020, 2, 29)),
        (date(2021, 3, 15), -3, date(2020, 12, 15)),
        (date(2021, 12, 5), 1, date(2022, 1, 5)),
        (date(2021, 5, 31), 0, date(2021, 5, 31)),
        (date(2021, 3, 31), -1, date(2021, 2, 28)),
        (date(2021, 6, 1), 36, date(2024, 6, 1)),
    ],
)
def test_add_months(start: date, n: int, expected: date) -> None:
    assert add_months(start, n) == expected


def test_amount_with_dot_is_not_a_year_month() -> None:
    assert find_dates("投资2022.09万元") == []
    assert parse_date("2022.09") == ParsedDate(2022, 9)
