"""Amounts of money in 大写 capital numerals and Arabic forms, with currency.

Rules (docs: the project's domain facts, domain-facts.md § Chinese money in capital numerals):
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
from domain.capital_numerals import (  # noqa: F401 - parse_capital_amount is re-exported
    _CAPITAL_ONLY,
    _CAPITAL_RUN,
    _CLOSING,
    _DIGITS,
    _FRACTIONS,
    _MAX_AMOUNT,
    _POINT,
    _SMALL_UNITS,
    _YUAN,
    parse_capital_amount,
)

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


# --- Arabic numerals --------------------------------------------------------

_MAGNITUDE_CHARS = {"亿": 10**8, "億": 10**8, "万": 10**4, "萬": 10**4, "千": 1000, "仟": 1000,
                    "百": 100, "佰": 100}
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
