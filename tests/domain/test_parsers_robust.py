"""Every domain parser takes any text: no exception, and time linear in its length.

Inputs come from OCR and user uploads, so a crash or a regex that backtracks
catastrophically would take a whole dossier check down with it.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain import dates, divisions, id_number, money, uscc, word_count

_PARSERS: dict[str, Callable[[str], object]] = {
    "find_money": money.find_money,
    "find_money_wan": lambda t: money.find_money(t, default_unit="万元"),
    "find_money_usd": lambda t: money.find_money(t, default_unit="万美元"),
    "parse_money": money.parse_money,
    "parse_capital_amount": money.parse_capital_amount,
    "parse_number": money.parse_number,
    "parse_percent": money.parse_percent,
    "amount_like": money.amount_like,
    "find_dates": lambda t: dates.find_dates(t, include_year_only=True),
    "parse_date": dates.parse_date,
    "parse_term": dates.parse_term,
    "months_in": dates.months_in,
    "date_like": dates.date_like,
    "find_uscc": uscc.find_uscc_matches,
    "find_uscc_candidates": uscc.find_uscc_candidates,
    "validate_uscc": uscc.validate_uscc,
    "validate_uscc_norm": lambda t: uscc.validate_uscc(t, normalize=True),
    "find_id": id_number.find_id_matches,
    "find_id_valid": lambda t: id_number.find_id_numbers(t, valid_only=True),
    "validate_id": id_number.validate_id_number,
    "birth_date": id_number.birth_date,
    "word_count": word_count.word_count,
    "libreoffice_word_count": word_count.libreoffice_word_count,
    "province_of_address": divisions.province_of_address,
    "province_name": divisions.province_name,
}

# Characters the parsers care about, mixed with arbitrary Unicode so that
# hypothesis reaches the interesting branches and not just noise.
_RELEVANT = list(
    "0123456789０１２,，.．。:：-－—/~至到止起长期永久 \u3000\t\n"
    "零〇一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億圆元角分整正点两"
    "年月日号人民币美元港$¥￥eE+%‰XxOoIiAMNQ统一社会信用代码"
    "👍\u200d\ufe0f🏽🇨"
)
_TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(_RELEVANT)), max_size=80)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(_TEXT)
def test_parsers_never_raise(text: str) -> None:
    for name, parse in _PARSERS.items():
        try:
            parse(text)
        except Exception as exc:  # noqa: BLE001 - the point is that nothing escapes
            pytest.fail(f"{name}({text!r}) raised {exc!r}")


@settings(derandomize=True, max_examples=300, deadline=None)
@given(_TEXT)
def test_money_spans_index_the_original_text(text: str) -> None:
    for m in money.find_money(text):
        assert m.raw and m.raw in text
        assert m.amount_yuan.is_finite() and abs(m.amount_yuan) <= 10**16
    for d in dates.find_dates(text, include_year_only=True):
        assert text[d.start : d.end] == d.raw


def _long_inputs() -> dict[str, str]:
    n = 100_000
    rng = random.Random(42)
    noise = "".join(rng.choice(_RELEVANT) for _ in range(n))
    return {
        "digits": "1" * n,
        "digits_then_e": "1" * (n - 1) + "e",
        "thousands": "1,000" * (n // 5),
        "number_then_spaces": "1" + " " * (n - 1),
        "numbers_and_spaces": "1 " * (n // 2),
        "capital_garbage": "壹贰叁佰仟万亿元点" * (n // 9),
        "alnum": "A1" * (n // 2),
        "alnum_spaced": "A1 " * (n // 3),
        "dates": "2021-03-15 " * (n // 11),
        "chinese_years": "二〇二二年" * (n // 5),
        "money_mix": "人民币5000万元" * (n // 9),
        "dollars": "$1" * (n // 2),
        "split_changqi": "长 " * (n // 2),
        "noise": noise,
    }


_LONG = _long_inputs()


# One entry per underlying code path (parse_money is find_money, etc.), so the
# timing test stays short.
_TIMED = (
    "find_money_wan",
    "parse_capital_amount",
    "parse_number",
    "amount_like",
    "find_dates",
    "parse_term",
    "months_in",
    "date_like",
    "find_uscc_candidates",
    "validate_uscc_norm",
    "find_id_valid",
    "validate_id",
    "word_count",
    "province_of_address",
)


def _cpu_seconds(parse: Callable[[str], object], text: str) -> float:
    t0 = time.process_time()
    parse(text)
    return time.process_time() - t0


@pytest.mark.parametrize("name", sorted(_LONG))
def test_parsers_are_linear_on_100k_characters(name: str) -> None:
    """Eight times the text may take about eight times as long, not sixty-four.

    An absolute limit in seconds failed on a slow CI machine for a linear parser; the growth
    from an eighth of the text to all of it is what a backtracking regex or a quadratic loop
    changes, and it is the same on any machine. CPU time, not wall time: the machine is
    shared. The collector is off while timing: late in a full run the heap is large, and a
    collection that happened to fall inside one call took longer than the parse."""
    text = _LONG[name]
    gc.collect()
    gc.disable()
    try:
        for parser in _TIMED:
            parse = _PARSERS[parser]
            whole = _cpu_seconds(parse, text)
            if whole < 0.2:  # too short to time reliably, and fast enough whatever its growth
                continue
            whole = min(whole, _cpu_seconds(parse, text))
            eighth = min(_cpu_seconds(parse, text[: len(text) // 8]) for _ in range(3))
            growth = whole / max(eighth, 1e-3)
            assert growth < 24, f"{parser} on {name}: {whole:.2f}s for all, {eighth:.3f}s for an eighth"
    finally:
        gc.enable()
