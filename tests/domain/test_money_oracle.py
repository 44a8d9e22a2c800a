"""parse_capital_amount against cn2an, an independent Chinese-numeral library.

cn2an is a test-only dependency. Where it and domain-facts.md disagree, the
domain facts decide; each known disagreement is written down below.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal

import cn2an
import pytest

from domain.money import parse_capital_amount, parse_money

_UNITS = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}


def _cn2an(text: str, mode: str) -> int | float | None:
    try:
        return cn2an.cn2an(text, mode)
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _random_integer(rng: random.Random) -> int:
    # Mix every magnitude so that 万/亿/万亿 groups and inner zeros all occur.
    return rng.randrange(10 ** rng.randint(1, 16))


def test_integers_agree_with_cn2an_upper_and_lower_case() -> None:
    rng = random.Random(20240601)
    for _ in range(3000):
        n = _random_integer(rng)
        upper, lower = cn2an.an2cn(n, "up"), cn2an.an2cn(n, "low")
        assert cn2an.cn2an(upper, "strict") == n  # the oracle reads its own output back
        assert parse_capital_amount(upper) == n, upper
        assert parse_capital_amount(upper + "元整") == n, upper
        assert parse_capital_amount(lower) == n, lower


def test_rmb_amounts_with_jiao_fen_agree_with_cn2an() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        n = _random_integer(rng)
        cents = rng.randrange(100)
        written = f"{n}.{cents:02d}"
        text = cn2an.an2cn(written, "rmb")  # 壹仟贰佰叁拾肆元伍角陆分, 伍分, 壹拾元整
        assert parse_capital_amount(text) == Decimal(written), text
        money = parse_money(f"人民币{text}")
        if Decimal(written) == 0:
            continue  # 零元整 reads as 0; nothing more to compare
        assert money is not None and money.amount_yuan == Decimal(written), text
        assert money.raw == f"人民币{text}"


def test_point_decimals_round_trip() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        head = rng.randrange(1, 10000)
        frac = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 3))).rstrip("0") or "5"
        unit = rng.choice(list(_UNITS))
        mode = rng.choice(["up", "low"])
        written = cn2an.an2cn(f"{head}.{frac}", mode)  # 壹点伍 / 一点五
        assert "点" in written
        text = f"{written}{unit}元"
        expected = Decimal(f"{head}.{frac}") * _UNITS[unit]
        assert parse_capital_amount(text) == expected, text
        money = parse_money(f"注册资本：{text}整")
        assert money is not None and money.amount_yuan == expected, text
        assert money.raw == f"{text}整"


# Known disagreements with cn2an 0.5 (domain-facts.md § 大写金额 decides):
# 1. A 零 may be left out (壹亿贰仟伍拾万, 叁佰万伍仟, 壹仟伍拾): domain-facts.md
#    lists such spellings as valid. cn2an "strict" rejects them, its "normal"
#    mode reads them with the same value as ours.
# 2. A 拾 without its digit anywhere but at the start (陆万零拾, 伍亿拾叁万):
#    cn2an reads them but silently drops the 拾 (陆万零拾 → 60000, 伍亿拾叁万 →
#    500030000), a wrong value; ours says unreadable.
# 3. The whole 万 group skipped with no 零 (捌亿叁拾): cn2an "normal" reads
#    800000030, ours says unreadable, since a lost 万 (捌亿叁拾万) is as likely
#    and the domain facts only allow 零 to be left out next to 万/元 or inside
#    a group.
_DIGITLESS_TEN = re.compile(r"(?<=.)(?<![壹贰叁肆伍陆柒捌玖])拾")


def test_random_unit_orders_agree_with_cn2an() -> None:
    rng = random.Random(11)
    alphabet = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿"
    accepted = rejected = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
        ours = parse_capital_amount(text)
        strict = _cn2an(text, "strict")
        if ours is not None:
            accepted += 1
            if strict is None:
                # Disagreement 1: a legitimate spelling with a 零 left out.
                assert _cn2an(text, "normal") == ours, text
            else:
                assert strict == ours, text
        else:
            rejected += 1
            if strict is not None:
                # Disagreement 2: cn2an drops a digitless 拾.
                assert _DIGITLESS_TEN.search(text), text
    # The sample must exercise both sides to mean anything.
    assert accepted > 200 and rejected > 10000


@pytest.mark.parametrize(
    ("text", "cn2an_strict", "cn2an_normal"),
    [
        ("壹亿贰仟伍拾万", None, 120500000),
        ("陆万零拾", 60000, None),
        ("伍亿拾叁万", 500030000, 500030000),
        ("捌亿叁拾", None, 800000030),
    ],
)
def test_documented_disagreements_still_hold(text: str, cn2an_strict: int | None, cn2an_normal: int | None) -> None:
    # If cn2an changes its mind, the comment above needs revisiting.
    assert _cn2an(text, "strict") == cn2an_strict
    assert _cn2an(text, "normal") == cn2an_normal


def test_documented_disagreements_our_side() -> None:
    assert parse_capital_amount("壹亿贰仟伍拾万") == 120500000
    assert parse_capital_amount("陆万零拾") is None
    assert parse_capital_amount("伍亿拾叁万") is None
    assert parse_capital_amount("捌亿叁拾") is None
