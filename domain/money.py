"""Amounts of money in 大写 capital numerals and Arabic forms, with currency.

Rules (docs: /work/shared/domain-facts.md § Chinese money in capital numerals):
- digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, 元 角 分, closing 整/正; 圆 for 元
  and traditional forms (貳 陸 億 萬) also occur;
- several spellings are valid for one amount (optional 零), so amounts are
  parsed to numbers and compared as numbers, never as strings;
- keep the currency (500万美元 is not 500万元) and compare only like with like;
- declarations ask for 万元: :func:`to_wan` normalises to 万 of the currency.

Parsing is strict: a malformed amount (伍拾壹仟元, 佰元, 伍仟万万元), a number
in exponent notation (1e999) or one above 10^16 元 is unreadable (None), never
a guess; :func:`amount_like` tells such text from text with no amount at all.
A decimal point may be written 点 (一点五万元 = 15000), and a comma separates
thousands only before exactly three digits ("1200,000").

``Money.amount_yuan`` is the amount in the currency's main unit (元 for CNY,
dollars for USD …); the name follows the CNY case, which is the common one.
An amount with no currency marker at all is taken as CNY (Chinese licences and
forms omit 人民币 by default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from domain._text import fold_width

__all__ = [
    "Money",
    "amount_like",
    "find_money",
    "parse_capital_amount",
    "parse_money",
    "parse_number",
    "parse_percent",
    "same_money",
    "to_wan",
]

_WAN = Decimal(10000)


@dataclass(frozen=True)
class Money:
    amount_yuan: Decimal
    currency: str
    raw: str


def to_wan(money: Money) -> Decimal:
    """Amount in 万 of its own currency (万元 for CNY)."""
    return money.amount_yuan / _WAN


def same_money(a: Money, b: Money) -> bool:
    """Equal amounts in the same currency; different currencies never compare equal."""
    return a.currency == b.currency and a.amount_yuan == b.amount_yuan


# --- currency ---------------------------------------------------------------

# Longest markers first, and foreign ones before CNY: "美元" and "港元" contain 元.
_CURRENCY_MARKERS: tuple[tuple[str, str], ...] = (
    ("HK$", "HKD"),
    ("US$", "USD"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("港幣", "HKD"),
    ("HKD", "HKD"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("USD", "USD"),
    ("欧元", "EUR"),
    ("歐元", "EUR"),
    ("EUR", "EUR"),
    ("€", "EUR"),
    ("日元", "JPY"),
    ("日圆", "JPY"),
    ("日圓", "JPY"),
    ("JPY", "JPY"),
    ("英镑", "GBP"),
    ("英鎊", "GBP"),
    ("GBP", "GBP"),
    ("£", "GBP"),
    ("人民币", "CNY"),
    ("人民幣", "CNY"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("¥", "CNY"),  # full-width ￥ folds to this
    ("$", "USD"),
)


# str.upper() may lengthen a string ("ß" → "SS") and shift every offset after
# it; the markers are ASCII, so only ASCII needs upper-casing.
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LONGEST_MARKER = max(len(mk) for mk, _ in _CURRENCY_MARKERS)


def _upper(s: str) -> str:
    return s.translate(_ASCII_UPPER)


_MARKER_CODE = {mk: code for mk, code in _CURRENCY_MARKERS}
# Longest first, so that at one position "US$" wins over "$" and "港元" is
# never read as 元; one compiled alternation instead of a loop per call keeps
# find_money fast on long texts.
_MARKER_ALT = "|".join(re.escape(mk) for mk in sorted(_MARKER_CODE, key=len, reverse=True))
_MARKER_RE = re.compile(_MARKER_ALT)
_MARKER_AT_END = re.compile(f"(?:{_MARKER_ALT})$")


def _currency_in(s: str) -> str | None:
    """First currency marker in ``s`` by position (ties: longer marker)."""
    m = _MARKER_RE.search(_upper(s))
    return _MARKER_CODE[m.group()] if m else None


def _currency_at_start(s: str) -> str | None:
    m = _MARKER_RE.match(_upper(s[:_LONGEST_MARKER]))
    return _MARKER_CODE[m.group()] if m else None


def _currency_at_end(s: str) -> str | None:
    m = _MARKER_AT_END.search(_upper(s[-_LONGEST_MARKER:]))
    return _MARKER_CODE[m.group()] if m else None


# --- capital numerals -------------------------------------------------------

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
    "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS) + _YUAN + "".join(_FRACTIONS) + _CLOSING + "点點"
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


# --- Arabic numerals --------------------------------------------------------

_MAGNITUDE_CHARS = {"亿": 10**8, "億": 10**8, "万": 10**4, "萬": 10**4, "千": 1000, "仟": 1000, "百": 100, "佰": 100}
# A comma is a thousands separator only before exactly three digits and a
# non-digit ("1200,000" as OCR or a typist writes it, but not "1,2345"); no
# nested quantifier, so the pattern stays linear on long digit runs.
_NUMBER = r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?(?!\d)"
# More digits than any real amount has; also keeps Decimal() off huge inputs.
_MAX_DIGITS = 24
_DIGIT_CHARS = "".join(_DIGITS)
# "1点5万元" mixes scripts around 点; neither "1" nor "5万元" is what was
# written, so a number touching 点 on either side is left alone.
_ARABIC = re.compile(
    rf"(?<![\d.])(?<!\d,)(?<!\d[点點])(?P<num>{_NUMBER})(?![点點][\d{_DIGIT_CHARS}])"
    rf"(?:\s*(?P<mag>[亿億万萬千仟百佰]{{1,3}}))?(?:\s*(?P<yuan>[元圆圓]))?",
)
# A bare number followed by these is a date, a count or a ratio, not money.
_NOT_MONEY_AFTER = tuple("年月日号時时点點%‰个人家台套项次岁天周度份") + ("小时",)
# How far around a number a currency marker may sit ("人民币：5000万元", "500万 (美元)").
_MARKER_WINDOW = 6
_FILLER = re.compile(r"[\s:：()（）\[\]【】]+")


def _magnitude(mag: str | None) -> int:
    value = 1
    for ch in mag or "":
        value *= _MAGNITUDE_CHARS[ch]
    return value


def _parse_default_unit(unit: str | None) -> tuple[int, str | None]:
    if not unit:
        return 1, None
    u = fold_width(unit).strip()
    mag = _magnitude("".join(c for c in u if c in _MAGNITUDE_CHARS))
    return mag, _currency_in(u) or ("CNY" if any(c in _YUAN for c in u) else None)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    amount: Decimal
    currency: str | None
    has_yuan: bool = False


def _surrounding_currency(folded: str, start: int, end: int, *, has_yuan: bool = False) -> str | None:
    """Currency marker right after or right before an amount.

    After an amount written with 元 only 人民币/RMB can follow ("5000万元人民币");
    a foreign marker there belongs to the next item ("5000万元 美元300万").
    """
    after = folded[end : end + _MARKER_WINDOW + 4]
    before = folded[max(0, start - _MARKER_WINDOW - 4) : start]
    if not _MARKER_RE.search(_upper(before + " " + after)):
        return None  # the common case, kept cheap for long texts
    after, before = _FILLER.sub("", after), _FILLER.sub("", before)
    following = _currency_at_start(after)
    if has_yuan and following != "CNY":
        following = None
    return following or _currency_at_end(before)


def _extend_span(folded: str, found: _Found, currency: str) -> tuple[int, int]:
    """Widen a match over adjacent markers of its own currency, for ``Money.raw``."""
    start, end = found.start, found.end
    j = end
    while j < len(folded) and folded[j] == " ":
        j += 1
    following = _MARKER_RE.match(_upper(folded[j : j + _LONGEST_MARKER]))
    if following:
        code = _MARKER_CODE[following.group()]
        if code == currency and not (found.has_yuan and code != "CNY"):
            end = j + len(following.group())
    i = start
    while i > 0 and folded[i - 1] == " ":
        i -= 1
    preceding = _MARKER_AT_END.search(_upper(folded[max(0, i - _LONGEST_MARKER) : i]))
    if preceding and _MARKER_CODE[preceding.group()] == currency:
        start = i - len(preceding.group())
    return start, end


# Characters that end common words (重点, 部分, 调整, 单元) and can never begin
# an amount: a run starting with them is cut there, so 重点五万元 still yields
# 五万元. Units (佰, 万) are not cut: 佰伍拾元 is malformed, not 伍拾元.
_NEVER_FIRST = frozenset(_POINT + _CLOSING + _YUAN + "".join(_FRACTIONS))


def _find_capital(folded: str) -> list[_Found]:
    found = []
    for m in _CAPITAL_RUN.finditer(folded):
        start = m.start()
        if folded[start] in _POINT and start > 0 and folded[start - 1].isdigit():
            continue  # 1点五万元: a decimal point after an Arabic digit, not 重点
        while start < m.end() and folded[start] in _NEVER_FIRST:
            start += 1
        run = folded[start : m.end()]
        if not run:
            continue
        has_yuan = any(c in _YUAN for c in run)
        currency = _surrounding_currency(folded, start, m.end(), has_yuan=has_yuan)
        # Ordinary numerals (一百万台, 十分) are money only with 元 or a currency.
        if not (has_yuan or currency or any(c in _CAPITAL_ONLY for c in run)):
            continue
        # A malformed run is not repaired: it is simply not an amount.
        value = parse_capital_amount(run)
        if value is None:
            continue
        if currency is None and has_yuan:
            currency = "CNY"  # 元 itself names the currency when nothing else does
        found.append(_Found(start, m.end(), value, currency, has_yuan))
    return found


def _find_arabic(folded: str, default_unit: str | None) -> list[_Found]:
    default_mag, default_currency = _parse_default_unit(default_unit)
    found = []
    for m in _ARABIC.finditer(folded):
        # Cheap rejections first: a long text may hold tens of thousands of numbers.
        num_start, num_end = m.span("num")
        if _glued_to_latin(folded, m.start(), m.end()) or _in_exponent(folded, num_start, num_end):
            continue
        mag, yuan = m.group("mag"), m.group("yuan")
        if not (mag or yuan):
            rest = folded[num_end : num_end + 40].lstrip()
            if rest.startswith(_NOT_MONEY_AFTER) and not _currency_at_start(rest):
                continue
        num = m.group("num").replace(",", "")
        if len(num) > _MAX_DIGITS:
            continue
        try:
            value = Decimal(num)
        except InvalidOperation:
            continue
        currency = _surrounding_currency(folded, m.start(), m.end(), has_yuan=bool(yuan))
        explicit = bool(mag or yuan or currency)
        if not explicit and default_unit is None and _unit_label_before(folded, m.start()) is None:
            continue
        if mag and not yuan and currency is None and _is_cjk_word(folded[m.end("mag") : m.end("mag") + 1]):
            continue  # 5000千瓦, 30万平方米: a quantity, not money
        label = None if (mag or yuan or default_unit) else _unit_label_before(folded, m.start())
        if label is not None:
            value *= label[0]
            currency = currency or label[1]
        elif mag or yuan:
            value *= _magnitude(mag)
        else:
            value *= default_mag
        if currency is None:
            currency = "CNY" if yuan else default_currency
        found.append(_Found(m.start(), m.end(), value, currency, bool(yuan)))
    return found


_CURRENCY_WORDS = "|".join(re.escape(mk) for mk, _ in _CURRENCY_MARKERS if not mk.isascii() or mk.isalpha())
_UNIT_LABEL = re.compile(rf"(?<!\d)(?P<mag>[亿億万萬千仟百佰]{{1,2}})(?P<cur>{_CURRENCY_WORDS}|[元圆圓])$")


_HAS_MAGNITUDE = re.compile("[亿億万萬千仟百佰]")


def _unit_label_before(folded: str, start: int) -> tuple[int, str | None] | None:
    """A unit label such as "(万元)" or "单位：万美元" just before a bare number."""
    before = folded[max(0, start - 12) : start]
    if not _HAS_MAGNITUDE.search(before):
        return None
    m = _UNIT_LABEL.search(_FILLER.sub("", before))
    if not m:
        return None
    cur = m["cur"]
    return _magnitude(m["mag"]), ("CNY" if cur in _YUAN else _currency_in(cur))


def _in_exponent(folded: str, start: int, end: int) -> bool:
    """Whether the number at [start, end) is a mantissa or exponent of "1e999", "-1.8E308".

    Decimal() accepts exponent notation, but printed amounts are never written
    that way, so such a number is no amount at all rather than 10^999.
    """
    j = end + (1 if folded[end : end + 1] == "." else 0)
    if folded[j : j + 1] in ("e", "E"):
        k = j + 1 + (1 if folded[j + 1 : j + 2] in ("+", "-") else 0)
        if folded[k : k + 1].isdigit():
            return True
    i = start - (1 if folded[start - 1 : start] in ("+", "-") else 0)
    if i >= 2 and folded[i - 1] in "eE" and (folded[i - 2].isdigit() or folded[i - 2] == "."):
        return True
    return False


def _glued_to_latin(folded: str, start: int, end: int) -> bool:
    """A number inside a code ("MA3C8", "5G") unless the letters are a currency ("RMB5000")."""
    if start > 0 and folded[start - 1].isascii() and folded[start - 1].isalpha():
        if _currency_at_end(folded[max(0, start - _LONGEST_MARKER) : start]) is None:
            return True
    if end < len(folded) and folded[end].isascii() and folded[end].isalpha():
        if _currency_at_start(folded[end : end + _LONGEST_MARKER]) is None:
            return True
    return False


def _is_cjk_word(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def _single_currency(folded: str) -> str | None:
    """The currency named in ``folded`` if exactly one is named."""
    rest = _upper(folded)
    codes: set[str] = set()
    # Longest markers first and consumed, so "HK$" does not also count as "$".
    for marker, code in sorted(_CURRENCY_MARKERS, key=lambda mc: -len(mc[0])):
        if marker in rest:
            codes.add(code)
            rest = rest.replace(marker, " ")
    return codes.pop() if len(codes) == 1 else None


def find_money(text: str, default_unit: str | None = None) -> list[Money]:
    """Every amount in ``text`` in reading order.

    ``default_unit`` (e.g. "万元", "元", "万美元") applies to bare numbers such
    as a table cell "5000" under a (万元) header; without it a bare number is
    not taken as money. An amount's currency comes from a marker next to it
    (人民币伍仟万元整, 500万美元, US$5,000, "注册资本(美元)：500万"), else from
    ``default_unit``, else from the only currency named anywhere in ``text``
    ("币种：美元 注册资本：500万"), else CNY.
    """
    if not text:
        return []
    folded = fold_width(text)
    items = _find_capital(folded) + _find_arabic(folded, default_unit)
    items.sort(key=lambda f: f.start)
    text_currency = _single_currency(folded)
    out: list[Money] = []
    last_end = -1
    for f in items:
        if f.start < last_end:
            continue
        if not f.amount.is_finite() or abs(f.amount) > _MAX_AMOUNT:
            continue
        last_end = f.end
        currency = f.currency or text_currency or "CNY"
        start, end = _extend_span(folded, f, currency)
        out.append(Money(f.amount, currency, text[start:end].strip()))
    return out


def parse_money(text: str, default_unit: str | None = None) -> Money | None:
    """The first amount in ``text`` (see :func:`find_money`), or None."""
    found = find_money(text, default_unit)
    return found[0] if found else None


# --- plain numbers ----------------------------------------------------------

_PLAIN = re.compile(rf"(?P<sign>[-−])?\s*(?P<num>{_NUMBER})\s*(?P<pct>[%‰])?")


def _first_number(text: str) -> tuple[Decimal, str | None] | None:
    folded = fold_width(text or "")
    m = _PLAIN.search(folded)
    if not m:
        return None
    if _in_exponent(folded, m.start("num"), m.end("num")):
        return None
    value = Decimal(m.group("num").replace(",", ""))
    if m.group("sign"):
        value = -value
    return value, m.group("pct")


def parse_number(text: str) -> Decimal | None:
    """First number in ``text`` as written: "1,234.5" → 1234.5, "12.3%" → 12.3, "１２３" → 123.

    Thousands separators are accepted only in groups of three, so "1,2" is 1.
    """
    found = _first_number(text)
    return found[0] if found else None


def parse_percent(text: str) -> Decimal | None:
    """Percentage value of the first number if it carries % (or ‰): "12.3%" → 12.3."""
    found = _first_number(text)
    if not found or not found[1]:
        return None
    value, sign = found
    return value / 10 if sign == "‰" else value


# --- shape only -------------------------------------------------------------

_ANY_CURRENCY = "|".join(re.escape(mk) for mk, _ in sorted(_CURRENCY_MARKERS, key=lambda mc: -len(mc[0])))
# (?<![\d,.]) lets a digit run start a match only once, which keeps the
# search linear on long digit runs.
_ARABIC_LIKE = re.compile(
    rf"(?<![\d,.])\d[\d,.]*(?:[eE][+-]?\d+)?\s*(?:[亿億万萬千仟百佰]{{1,3}}\s*)?(?:[元圆圓]|{_ANY_CURRENCY})"
    rf"|(?:{_ANY_CURRENCY})\s*[-+]?\d",
    re.IGNORECASE,
)
_NUMERAL_CHARS = frozenset(_DIGITS) | frozenset(_SMALL_UNITS)


def amount_like(text: str) -> bool:
    """Whether ``text`` looks like an amount of money, readable or not.

    True for digits or capital numerals with 元 or a currency marker next to
    them, or capital numerals proper (伍拾, 壹佰万) even without one:
    伍拾壹仟元, 佰元, 1e999万元 and 5000万元 all look like amounts, while
    only the last is one. Lets a caller tell "unreadable amount" from "no
    amount" where :func:`parse_money` returns None for both.
    """
    if not text:
        return False
    folded = fold_width(text)
    if _ARABIC_LIKE.search(folded):
        return True
    for m in _CAPITAL_RUN.finditer(folded):
        run = m.group()
        if not any(c in _NUMERAL_CHARS for c in run):
            continue
        if (
            any(c in _YUAN or c in _CAPITAL_ONLY for c in run)
            or _surrounding_currency(folded, m.start(), m.end()) is not None
        ):
            return True
    return False
