"""Amounts written in Chinese numerals — capital (壹贰叁 … 拾佰仟万亿) and ordinary
(一二三 … 十百千万亿) — read strictly into numbers.

Rules (domain-facts.md § Chinese money in capital numerals): units descend, a 零 stands
only where a unit is skipped (leaving it out is allowed), 万 and 亿 close a non-empty group
and repeat only as 万亿, 角/分/厘 follow 元, a closing 整/正 ends the amount, and a decimal
point may be written 点. A malformed amount is unreadable (None), never a guess. Finding
amounts inside text, currencies and Arabic figures are :mod:`domain.money`'s job.
"""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = ["parse_capital_amount"]

_DIGITS: dict[str, int] = {}
for _chars, _value in (
    ("零〇", 0),
    ("壹弌一", 1),
    ("贰貳弍二两兩", 2),
    ("叁參叄弎三", 3),
    ("肆四", 4),
    ("伍五", 5),
    ("陆陸六", 6),
    ("柒七", 7),
    ("捌八", 8),
    ("玖九", 9),
):
    for _c in _chars:
        _DIGITS[_c] = _value
_SMALL_UNITS = {"拾": 10, "十": 10, "佰": 100, "百": 100, "陌": 100, "仟": 1000, "千": 1000, "阡": 1000}
_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_YUAN = "元圆圓"
_FRACTIONS = {"角": Decimal("0.1"), "分": Decimal("0.01"), "厘": Decimal("0.001")}
_CLOSING = "整正"
# Characters only used in 大写 amounts; a run of ordinary numerals (一二三, 十)
# must also carry 元 or a currency marker to be taken as money, so that
# "十分重要" is not 0.1元 and "一百万台" is not an amount.
_CAPITAL_ONLY = frozenset("壹弌贰貳弍叁參叄弎肆伍陆陸柒捌玖拾佰陌仟阡")
_CAPITAL_CHARS = (
    "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS) + _YUAN + "".join(_FRACTIONS)
    + _CLOSING + "点點"
)
_CAPITAL_RUN = re.compile(f"[{_CAPITAL_CHARS}]+")


_POINT = "点點"
# Beyond 10^16 元 no licence or declaration amount exists; such a value is a
# misread (or an attack on the parser), so it is reported as unreadable.
_MAX_AMOUNT = Decimal(10) ** 16
_BIG_EXP = {"万": 4, "萬": 4, "亿": 8, "億": 8}
_SMALL_EXP = {ch: len(str(v)) - 1 for ch, v in _SMALL_UNITS.items()}
_FRACTION_EXP = {"角": -1, "分": -2, "厘": -3}


def _tokens(s: str) -> list[tuple[str, int]] | None:
    """Integer part → items ("t", 10·unit exponent + digit), ("z", 0) for 零, ("b", 4 or 8).

    A bare digit (no 拾/佰/仟) is ("t", digit); None for sequences no amount has.
    """
    items: list[tuple[str, int]] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch in _DIGITS:
            d = _DIGITS[ch]
            nxt = s[i + 1] if i + 1 < n else ""
            if d == 0:
                if nxt in _SMALL_EXP or (items and items[-1][0] == "z"):
                    return None  # 零佰, 零零
                items.append(("z", 0))
                i += 1
                continue
            if nxt in _DIGITS:
                return None  # 壹贰, 伍零: digits need a unit between them
            if nxt in _SMALL_EXP:
                items.append(("t", _SMALL_EXP[nxt] * 10 + d))
                i += 2
            else:
                items.append(("t", d))  # bare digit
                i += 1
        elif ch in _SMALL_EXP:
            # 拾 with its 壹 left out is idiomatic only at the very start
            # (拾万元, 拾伍元); 佰/仟 never stand without a digit.
            if items or _SMALL_EXP[ch] != 1:
                return None
            items.append(("t", 10 + 1))
            i += 1
        elif ch in _BIG_EXP:
            items.append(("b", _BIG_EXP[ch]))
            i += 1
        else:
            return None
    return items


def _parse_integer(s: str) -> tuple[int, bool] | None:
    """Value of the part before 元 (or 点) and whether it used 万/亿; None if malformed.

    Strict (domain-facts.md § 大写金额): units descend (伍拾壹仟 is malformed),
    a 零 stands only where a unit is skipped (壹仟零伍拾, not 壹佰零伍拾), 万 and
    亿 close a non-empty group and repeat only as 万亿, and a final digit
    without a unit needs 零 or 拾 before it: 壹佰伍 is colloquial for 150, not
    105, so it is not guessed. Leaving a 零 out is allowed (壹亿贰仟伍拾万).
    """
    items = _tokens(s)
    if not items:
        return None
    if items == [("z", 0)]:
        return 0, False
    if items[0][0] != "t" or items[-1][0] == "z":
        return None
    # Right to left, each 万/亿 raises the level of the terms to its left;
    # 万 left of 亿 means 万亿 (10^12). Any other repeat is malformed.
    level = 0
    exps: list[int | None] = [None] * len(items)
    levels: list[int] = [0] * len(items)
    for k in range(len(items) - 1, -1, -1):
        kind, val = items[k]
        if kind == "b":
            left = items[k - 1][0] if k else ""
            if val == 4:
                if level not in (0, 8) or left != "t":
                    return None
                level += 4
            else:
                if level not in (0, 4) or not (left == "t" or (left == "b" and items[k - 1][1] == 4)):
                    return None
                level = 8
        elif kind == "t":
            exps[k] = val // 10 + level
            levels[k] = level
    value = 0
    prev_exp: int | None = None
    prev_level = 0
    used_big = False
    for k, (kind, val) in enumerate(items):
        if kind == "b":
            used_big = True
            continue
        if kind == "z":
            nxt = exps[k + 1] if k + 1 < len(items) else None
            if items[k + 1][0] != "t" or prev_exp is None or nxt is None or prev_exp - nxt < 2:
                return None  # 零 must mark a skipped unit
            continue
        exp = exps[k]
        assert exp is not None
        if prev_exp is not None and exp >= prev_exp:
            return None  # units must descend
        if prev_exp is not None and items[k - 1][0] != "z" and prev_level >= 8 and levels[k] == 0:
            # 捌亿叁拾 skips the whole 万 group unmarked: as likely 捌亿叁拾万
            # with 万 lost as 800000030, so it is not read (零 is optional only
            # next to 万/元 and inside a group, domain-facts.md § 大写金额).
            return None
        digit, small = val % 10, val // 10
        if small == 0 and k > 0:
            before = items[k - 1]
            at_end = k == len(items) - 1
            if before[0] == "t" and before[1] // 10 >= 2:
                return None  # 壹佰伍, 叁仟叁: colloquial, ambiguous
            if before[0] == "b" and (at_end or items[k + 1] == ("b", 8)):
                return None  # 壹万伍: colloquial 15000; 拾万壹亿 likewise 11万亿
        value += digit * 10**exp
        prev_exp, prev_level = exp, levels[k]
    return value, used_big


def _parse_fraction(s: str, after_yuan: bool) -> Decimal | None:
    """角/分/厘 part: 伍角, 伍角陆分, 零伍分 (after 元 only)."""
    total = Decimal(0)
    prev: int | None = None
    i, n = 0, len(s)
    zero_pending = False
    seen = False
    while i < n:
        ch = s[i]
        if ch in _DIGITS and _DIGITS[ch] == 0:
            if zero_pending or i + 1 >= n:
                return None
            # 壹元零伍分 (an2cn) and 壹元零角伍分 both occur.
            if s[i + 1] == "角":
                i += 2
            else:
                i += 1
            if not (after_yuan or seen):
                return None
            zero_pending = True
            continue
        if ch not in _DIGITS or i + 1 >= n or s[i + 1] not in _FRACTION_EXP:
            return None
        exp = _FRACTION_EXP[s[i + 1]]
        if prev is not None and exp >= prev:
            return None
        total += _DIGITS[ch] * _FRACTIONS[s[i + 1]]
        prev, seen, zero_pending = exp, True, False
        i += 2
    if zero_pending or (not seen and s):
        return None
    return total


def _parse_point(head: str, tail: str) -> Decimal | None:
    """一点五万, 贰佰伍拾点伍万, 壹拾点零伍: a decimal point in Chinese numerals."""
    parsed = _parse_integer(head)
    if parsed is None:
        return None
    integer, head_big = parsed
    k = 0
    while k < len(tail) and tail[k] in _DIGITS:
        k += 1
    digits, units = tail[:k], tail[k:]
    if not digits:
        return None
    mult = {"": 1, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
    if units in ("万亿", "萬億", "万億", "萬亿"):
        factor = 10**12
    elif units in mult:
        factor = mult[units]
    else:
        return None
    if head_big and factor != 1:
        return None  # 壹万点伍亿: a unit on both sides of 点
    frac = "".join(str(_DIGITS[c]) for c in digits)
    value = Decimal(f"{integer}.{frac}") * factor
    # 一点五万 is 15000, not 15000.0: keep the value as written elsewhere.
    return value.to_integral_value() if value == value.to_integral_value() else value.normalize()


def parse_capital_amount(s: str) -> Decimal | None:
    """Value of a capital-numeral amount such as 壹亿贰仟零伍拾万元整; None if malformed.

    Handles optional 零s (叁佰万零伍仟元), a leading 拾 (拾万元 = 100000),
    万亿 (10^12), 角/分/厘, a closing 整/正 and a decimal point written 点
    (一点五万元 = 15000, 贰佰伍拾点伍万元 = 2505000). A malformed amount
    (伍拾壹仟元, 佰元, 壹佰佰元, 伍仟万万元) is never repaired into a guess.
    """
    s = re.sub(r"\s+", "", s or "")
    # 人民币 is the default currency and only decoration here; a foreign
    # marker is not stripped, so 伍拾万美元 stays unreadable as a bare value.
    for marker in ("人民币", "人民幣"):
        s = s.removeprefix(marker).removesuffix(marker)
    if s and s[-1] in _CLOSING:
        s = s[:-1]
    if not s or any(c in _CLOSING for c in s):
        return None  # nothing may follow 整
    yuan_at = [i for i, c in enumerate(s) if c in _YUAN]
    if len(yuan_at) > 1:
        return None
    if yuan_at:
        int_part, frac_part = s[: yuan_at[0]], s[yuan_at[0] + 1 :]
        if not int_part:
            return None
    elif any(c in _FRACTIONS for c in s):
        int_part, frac_part = "", s
    else:
        int_part, frac_part = s, ""
    value: Decimal | None
    points = [i for i, c in enumerate(int_part) if c in _POINT]
    if len(points) > 1:
        return None
    if points:
        if frac_part:
            return None  # 一点五元伍角
        value = _parse_point(int_part[: points[0]], int_part[points[0] + 1 :])
    else:
        integer = _parse_integer(int_part) if int_part else (0, False)
        fraction = _parse_fraction(frac_part, after_yuan=bool(int_part))
        if integer is None or fraction is None:
            return None
        value = Decimal(integer[0]) + fraction
    if value is None or value > _MAX_AMOUNT:
        return None
    return value
