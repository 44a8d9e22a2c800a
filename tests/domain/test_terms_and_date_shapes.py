"""营业期限 variants from OCR and impossible-but-date-shaped values.

Rules: /work/shared/domain-facts.md § Dates, § Business licence fields (营业期限:
…至…, 长期, 至长期; its end date decides expiry).
"""

from __future__ import annotations

from datetime import date

import pytest

from domain.dates import ParsedDate, Term, date_like, find_dates, parse_date, parse_term


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("2035年03月11日止", Term(None, date(2035, 3, 11), False)),
        ("至2035年03月11日止", Term(None, date(2035, 3, 11), False)),
        ("2035年03月11日到期", Term(None, date(2035, 3, 11), False)),
        ("至长 期", Term(None, None, True)),
        ("至 长期", Term(None, None, True)),
        ("长 期", Term(None, None, True)),
        ("2015年03月12日至长 期", Term(date(2015, 3, 12), None, True)),
        ("2015. 03. 12至2035. 03. 11", Term(date(2015, 3, 12), date(2035, 3, 11), False)),
        ("2015. 03. 12 至 2035. 03. 11", Term(date(2015, 3, 12), date(2035, 3, 11), False)),
        ("2015.03.12 - 2035.03.11", Term(date(2015, 3, 12), date(2035, 3, 11), False)),
        ("2015/03/12—2035/03/11", Term(date(2015, 3, 12), date(2035, 3, 11), False)),
        ("自2015年03月12日至长期", Term(date(2015, 3, 12), None, True)),
        ("2015年03月12日起", Term(date(2015, 3, 12), None, False)),
        ("2015年03月12日", Term(date(2015, 3, 12), None, False)),
        ("永久", Term(None, None, True)),
        ("永 久", Term(None, None, True)),
        ("长期有效", Term(None, None, True)),
        ("无固定期限", Term(None, None, True)),
        ("无固定 期限", Term(None, None, True)),
        ("２０１５年０３月１２日至２０３５年０３月１１日", Term(date(2015, 3, 12), date(2035, 3, 11), False)),
    ],
)
def test_term_variants(text: str, term: Term) -> None:
    assert parse_term(text) == term


def test_end_only_term_keeps_expiry_meaning() -> None:
    # business_license reads .indefinite / .end / .start; an end-only term must
    # expire after its end and report no start.
    term = parse_term("2023年05月31日止")
    assert term is not None and term.start is None
    assert term.expired_on(date(2023, 6, 1)) and not term.expired_on(date(2023, 5, 31))


def test_impossible_end_date_leaves_end_unknown() -> None:
    term = parse_term("2015年03月12日至2035年02月30日")
    assert term == Term(date(2015, 3, 12), None, False)
    assert not term.expired_on(date(2999, 1, 1))


@pytest.mark.parametrize(
    "text",
    ["2022年13月45日", "2023-02-30", "2023.02.30", "2023/2/30", "0000年", "0000年00月00日", "2022年00月", "1899年1月1日"],
)
def test_impossible_dates_are_none(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "like"),
    [
        ("2022年13月45日", True),
        ("2023-02-30", True),
        ("0000年00月00日", True),
        ("2022年00月", True),
        ("2015. 03. 12", True),
        ("二〇二二年十三月", True),
        ("2021年3月15日", True),
        ("2022-09", True),
        ("20211301", True),
        ("2021年", False),  # a bare year is not a date for parse_date either
        ("0000年", False),
        ("12.5", False),
        ("2022.09万元", False),  # an amount
        ("370102199003071238", False),
        ("无", False),
        ("", False),
    ],
)
def test_date_like(text: str, like: bool) -> None:
    assert date_like(text) is like


def test_every_parsed_date_is_date_like() -> None:
    for text in ["2021年3月15日", "2021-3-15", "2021.03.15", "2021/3/15", "20210315", "二〇二二年十二月", "2015. 03. 12"]:
        assert parse_date(text) is not None and date_like(text), text


def test_spaced_dots_span_original_text() -> None:
    text = "成立日期：２０１５． ０３． １２"
    (m,) = find_dates(text)
    assert m.date == ParsedDate(2015, 3, 12)
    assert text[m.start : m.end] == m.raw == "２０１５． ０３． １２"
