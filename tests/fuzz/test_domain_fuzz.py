"""Random text through the domain parsers: nothing raises, results are well-formed,
normalisers are idempotent, and long hostile inputs are handled in bounded time."""
from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given

from domain._text import fold_width
from domain.dates import date_like, find_dates, parse_date, parse_term
from domain.id_number import (find_id_matches, find_id_numbers, normalize_id_number,
                              validate_id_number)
from domain.money import (Money, find_money, parse_capital_amount, parse_money, parse_number,
                          parse_percent)
from domain.uscc import (find_uscc_candidates, find_uscc_matches, normalize_uscc, uscc_check_char,
                         validate_uscc)
from domain.word_count import WordCountRule, word_count, word_count_breakdown
from tests.fuzz.strategies import FUZZ, LONG_INPUTS, texts

TODAY = date(2025, 1, 1)


def _finite(value: Decimal | None) -> bool:
    return value is None or (isinstance(value, Decimal) and value.is_finite())


# ---- money -------------------------------------------------------------------------------

@FUZZ
@given(texts)
def test_money_parsers_never_raise_and_give_finite_amounts(text: str) -> None:
    found = find_money(text)
    assert isinstance(found, list)
    for m in found:
        assert isinstance(m, Money) and m.amount_yuan.is_finite() and m.currency
        assert m.raw and m.raw in text
    first = parse_money(text)
    assert first is None or first.amount_yuan.is_finite()
    for unit in ("万元", "元", "万美元"):
        assert all(m.amount_yuan.is_finite() for m in find_money(text, default_unit=unit))
        m = parse_money(text, default_unit=unit)
        assert m is None or m.amount_yuan.is_finite()
    assert _finite(parse_capital_amount(text))
    assert _finite(parse_number(text))
    assert _finite(parse_percent(text))


@FUZZ
@given(texts)
def test_money_reading_does_not_depend_on_character_width(text: str) -> None:
    """The parsers fold full-width forms themselves: folding first reads the same."""
    def reading(t: str) -> list[tuple[Decimal, str]]:
        return [(m.amount_yuan, m.currency) for m in find_money(t)]
    assert reading(fold_width(text)) == reading(text)
    assert parse_number(fold_width(text)) == parse_number(text)


# ---- dates -------------------------------------------------------------------------------

@FUZZ
@given(texts)
def test_date_parsers_never_raise_and_give_real_dates(text: str) -> None:
    last_end = -1
    for m in find_dates(text):
        assert m.raw == text[m.start:m.end] and m.start >= last_end and m.end > m.start
        last_end = m.end
        assert m.date.first_day() <= m.date.last_day()  # both real calendar dates
        if m.date.is_complete:
            assert m.date.to_date() == m.date.first_day()
    for m in find_dates(text, include_year_only=True):
        m.date.first_day(), m.date.last_day()
    pd = parse_date(text)
    if pd is not None:
        pd.first_day(), pd.last_day()
        # Whatever parse_date reads is also date-shaped text... unless it is a year alone,
        # which parse_date never returns.
        assert pd.month is not None
    date_like(text)
    term = parse_term(text)
    if term is not None:
        term.expired_on(TODAY)
        if term.start is not None and term.end is not None:
            assert isinstance(term.start, date) and isinstance(term.end, date)


@FUZZ
@given(texts)
def test_dates_read_the_same_after_width_folding(text: str) -> None:
    assert [m.date for m in find_dates(fold_width(text))] == [m.date for m in find_dates(text)]


# ---- identifiers -------------------------------------------------------------------------

@FUZZ
@given(texts)
def test_uscc_never_raises_and_normalising_is_idempotent(text: str) -> None:
    once = normalize_uscc(text)
    assert normalize_uscc(once) == once
    for normalize in (False, True):
        r = validate_uscc(text, normalize=normalize)
        assert isinstance(r.valid, bool)
        if r.valid:
            assert len(r.code) == 18 and uscc_check_char(r.code[:17]) == r.code[17]
        else:
            assert r.reason
    for c in find_uscc_matches(text):
        assert 0 <= c.start < c.end <= len(text) and len(c.code) == 18
    assert all(isinstance(c, str) for c in find_uscc_candidates(text))


@FUZZ
@given(texts)
def test_id_number_never_raises_and_normalising_is_idempotent(text: str) -> None:
    once = normalize_id_number(text)
    assert normalize_id_number(once) == once
    r = validate_id_number(text, today=TODAY)
    assert isinstance(r.valid, bool)
    if r.valid:
        assert r.birth_date is not None and r.birth_date <= TODAY and len(r.number) == 18
    else:
        assert r.reason
    for m in find_id_matches(text):
        assert 0 <= m.start < m.end <= len(text)
    for n in find_id_numbers(text, valid_only=True):
        assert validate_id_number(n).valid


# ---- word count / width folding ----------------------------------------------------------

@FUZZ
@given(texts, texts)
def test_word_count_is_bounded_and_additive_over_a_space(a: str, b: str) -> None:
    for rule in WordCountRule:
        n = word_count(a, rule)
        br = word_count_breakdown(a, rule)
        assert 0 <= n <= len(a) and br.total == n and br.east_asian >= 0
    assert word_count(a + " " + b) == word_count(a) + word_count(b)


@FUZZ
@given(texts)
def test_fold_width_is_idempotent_and_length_preserving(text: str) -> None:
    once = fold_width(text)
    assert len(once) == len(text) and fold_width(once) == once


# ---- bounded time on long hostile inputs -------------------------------------------------

# Generous for two shared cores; a super-linear regex takes minutes on these inputs.
SECONDS_PER_CALL = 5.0

PARSERS = {
    "find_money": find_money,
    "parse_money": parse_money,
    "parse_capital_amount": parse_capital_amount,
    "parse_number": parse_number,
    "parse_percent": parse_percent,
    "find_dates": find_dates,
    "parse_term": parse_term,
    "date_like": date_like,
    "find_uscc_matches": find_uscc_matches,
    "validate_uscc": lambda t: validate_uscc(t, normalize=True),
    "find_id_matches": find_id_matches,
    "validate_id_number": validate_id_number,
    "word_count": word_count,
}


@pytest.mark.parametrize("kind", sorted(LONG_INPUTS))
def test_long_inputs_finish_in_bounded_time(kind: str) -> None:
    text = LONG_INPUTS[kind]
    slow = {}
    for name, fn in PARSERS.items():
        t0 = time.perf_counter()
        fn(text)
        spent = time.perf_counter() - t0
        if spent > SECONDS_PER_CALL:
            slow[name] = round(spent, 1)
    assert not slow, f"{kind} ({len(text)} chars): {slow}"
