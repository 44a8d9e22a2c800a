"""Amounts of money in 大写 capital numerals and Arabic forms, with currency.

Rules (docs: /work/shared/domain-facts.md § Chinese money in capital numerals):
- digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, 元 角 分, closing 整/正; 圆 for 元
  and traditional forms (貳 陸 億 萬) also occur;
- several spellings are valid for one amount (optional 零), so amounts are
  parsed to numbers and compared as numbers, never as strings;
- keep the currency (500万美元 is not 500万元) and compare only like with like;
- declarations ask for 万元: :func:`to_wan` normalises to 万 of the currency.

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


def _currency_in(s: str) -> str | None:
    """First currency marker in ``s`` by position (ties: longer marker)."""
    best: tuple[int, int, str] | None = None
    upper = s.upper()
    for marker, code in _CURRENCY_MARKERS:
        pos = upper.find(marker)
        if pos >= 0:
            key = (pos, -len(marker), code)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def _currency_at_start(s: str) -> str | None:
    upper = s.upper()
    for marker, code in _CURRENCY_MARKERS:
        if upper.startswith(marker):
            return code
    return None


def _currency_at_end(s: str) -> str | None:
    upper = s.upper()
    for marker, code in _CURRENCY_MARKERS:
        if upper.endswith(marker):
            return code
    return None


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
_CAPITAL_CHARS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS) + _YUAN + "".join(_FRACTIONS) + _CLOSING
_CAPITAL_RUN = re.compile(f"[{_CAPITAL_CHARS}]+")


def parse_capital_amount(s: str) -> Decimal | None:
    """Value of a capital-numeral amount such as 壹亿贰仟零伍拾万元整; None if malformed.

    Handles optional 零s (叁佰万零伍仟元), a leading 拾 (拾万元 = 100000),
    万亿 (10^12), 角/分/厘 and a closing 整/正.
    """
    s = re.sub(r"\s+", "", s)
    total = 0  # completed 亿/万 groups
    section = 0  # value below the current 万 group
    digit: int | None = None  # digit waiting for its unit
    integer: int | None = None  # set at 元
    fraction = Decimal(0)
    seen_number = False
    closed = False
    prev_digit = False
    for ch in s:
        if closed:
            return None  # nothing may follow 整
        if ch in _DIGITS:
            d = _DIGITS[ch]
            if prev_digit and digit not in (None, 0) and d != 0:
                return None  # "壹贰" with no unit between: not an amount
            digit = d
            seen_number = True
            prev_digit = True
            continue
        prev_digit = False
        if ch in _SMALL_UNITS:
            if integer is not None:
                return None
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
            seen_number = True
        elif ch in _BIG_UNITS:
            if integer is not None:
                return None
            group = section + (digit or 0)
            if _BIG_UNITS[ch] == 10**8:
                total = (total + group) * 10**8
            else:
                if group == 0 and total == 0:
                    return None
                total += group * 10**4
            section, digit = 0, None
        elif ch in _YUAN:
            if integer is not None:
                return None
            integer = total + section + (digit or 0)
            total = section = 0
            digit = None
        elif ch in _FRACTIONS:
            if digit is None:
                return None
            fraction += digit * _FRACTIONS[ch]
            digit = None
        elif ch in _CLOSING:
            closed = True
        else:
            return None
    if not seen_number:
        return None
    if integer is None:
        integer = total + section + (digit or 0)
    elif digit not in (None, 0):
        return None  # "壹元伍": a digit after 元 without 角/分
    return Decimal(integer) + fraction


# --- Arabic numerals --------------------------------------------------------

_MAGNITUDE_CHARS = {"亿": 10**8, "億": 10**8, "万": 10**4, "萬": 10**4, "千": 1000, "仟": 1000, "百": 100, "佰": 100}
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
_ARABIC = re.compile(
    rf"(?<![\d.])(?<!\d,)(?P<num>{_NUMBER})(?:\s*(?P<mag>[亿億万萬千仟百佰]{{1,3}}))?(?:\s*(?P<yuan>[元圆圓]))?",
)
# A bare number followed by these is a date, a count or a ratio, not money.
_NOT_MONEY_AFTER = tuple("年月日号時时%‰个人家台套项次岁天周度份") + ("小时",)
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
    after = _FILLER.sub("", folded[end : end + _MARKER_WINDOW + 4])
    before = _FILLER.sub("", folded[max(0, start - _MARKER_WINDOW - 4) : start])
    following = _currency_at_start(after)
    if has_yuan and following != "CNY":
        following = None
    return following or _currency_at_end(before)


def _extend_span(folded: str, found: _Found, currency: str) -> tuple[int, int]:
    """Widen a match over adjacent markers of its own currency, for ``Money.raw``."""
    start, end = found.start, found.end
    upper = folded.upper()
    j = end
    while j < len(upper) and upper[j] == " ":
        j += 1
    for marker, code in _CURRENCY_MARKERS:
        if upper.startswith(marker, j):
            if code == currency and not (found.has_yuan and code != "CNY"):
                end = j + len(marker)
            break
    i = start
    while i > 0 and upper[i - 1] == " ":
        i -= 1
    for marker, code in _CURRENCY_MARKERS:
        if upper.endswith(marker, 0, i):
            if code == currency:
                start = i - len(marker)
            break
    return start, end


def _find_capital(folded: str) -> list[_Found]:
    found = []
    for m in _CAPITAL_RUN.finditer(folded):
        run = m.group()
        has_yuan = any(c in _YUAN for c in run)
        currency = _surrounding_currency(folded, m.start(), m.end(), has_yuan=has_yuan)
        # Ordinary numerals (一百万台, 十分) are money only with 元 or a currency.
        if not (has_yuan or currency or any(c in _CAPITAL_ONLY for c in run)):
            continue
        # A malformed run is not repaired: it is simply not an amount.
        value = parse_capital_amount(run)
        if value is None:
            continue
        if currency is None and has_yuan:
            currency = "CNY"  # 元 itself names the currency when nothing else does
        found.append(_Found(m.start(), m.end(), value, currency, has_yuan))
    return found


def _find_arabic(folded: str, default_unit: str | None) -> list[_Found]:
    default_mag, default_currency = _parse_default_unit(default_unit)
    found = []
    for m in _ARABIC.finditer(folded):
        num = m.group("num").replace(",", "")
        try:
            value = Decimal(num)
        except InvalidOperation:
            continue
        mag, yuan = m.group("mag"), m.group("yuan")
        currency = _surrounding_currency(folded, m.start(), m.end(), has_yuan=bool(yuan))
        explicit = bool(mag or yuan or currency)
        rest = folded[m.end("num") :].lstrip()
        if not (mag or yuan) and rest.startswith(_NOT_MONEY_AFTER) and not _currency_at_start(rest):
            continue
        if _glued_to_latin(folded, m.start(), m.end()):
            continue
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


def _unit_label_before(folded: str, start: int) -> tuple[int, str | None] | None:
    """A unit label such as "(万元)" or "单位：万美元" just before a bare number."""
    before = _FILLER.sub("", folded[max(0, start - 12) : start])
    m = _UNIT_LABEL.search(before)
    if not m:
        return None
    cur = m["cur"]
    return _magnitude(m["mag"]), ("CNY" if cur in _YUAN else _currency_in(cur))


def _glued_to_latin(folded: str, start: int, end: int) -> bool:
    """A number inside a code ("MA3C8", "5G") unless the letters are a currency ("RMB5000")."""
    if start > 0 and folded[start - 1].isascii() and folded[start - 1].isalpha():
        if _currency_at_end(folded[:start]) is None:
            return True
    if end < len(folded) and folded[end].isascii() and folded[end].isalpha():
        if _currency_at_start(folded[end:]) is None:
            return True
    return False


def _is_cjk_word(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def _single_currency(folded: str) -> str | None:
    """The currency named in ``folded`` if exactly one is named."""
    rest = folded.upper()
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
