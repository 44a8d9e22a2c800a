"""Dates, year-months and 营业期限 terms as printed on Chinese documents.

Forms (docs: the project's domain facts, domain-facts.md § Dates, § Business licence fields):
2021年3月15日, 2021年03月15日, 2021-3-15, 2021.03.15, 2021/3/15, 20210315 and
二〇二二年十二月 (year-month only); 营业期限 reads 2015年06月01日至2035年05月31日,
2015年06月01日至长期, or 长期 (its end date decides expiry).

Every date is checked against the calendar (2021年2月30日 is not a date);
:func:`date_like` says whether text is shaped like a date even when it is
impossible, so callers can report it instead of skipping it.
Full-width digits and separators are folded first, and spans always index
the caller's original text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from domain._text import fold_width

__all__ = [
    "DateMatch",
    "ParsedDate",
    "Term",
    "YearMonth",
    "add_months",
    "date_like",
    "find_dates",
    "month_end",
    "months_in",
    "parse_date",
    "parse_term",
]

# Full dates may run to 9999 because some registries print 长期 as 9999-12-31;
# partial dates (year-month, year) are only plausible as modern years, which
# keeps decimals such as "2022.09" from too far-fetched readings.
_MIN_YEAR, _MAX_YEAR = 1900, 9999
_MAX_PARTIAL_YEAR = 2100


def month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@dataclass(frozen=True)
class ParsedDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def is_complete(self) -> bool:
        return self.month is not None and self.day is not None

    def to_date(self) -> date:
        """The exact date; raises ValueError for a year-month or a year."""
        if self.month is None or self.day is None:
            raise ValueError(f"incomplete date {self}")
        return date(self.year, self.month, self.day)

    def first_day(self) -> date:
        """Earliest day the value can mean (2022年12月 → 2022-12-01)."""
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        """Latest day the value can mean (2022年12月 → 2022-12-31)."""
        month = self.month or 12
        return date(self.year, month, self.day or month_end(self.year, month))

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class DateMatch:
    date: ParsedDate
    start: int
    end: int
    raw: str


class YearMonth(NamedTuple):
    year: int
    month: int


@dataclass(frozen=True)
class Term:
    """营业期限. ``end`` None with ``indefinite`` False means the end is unknown."""

    start: date | None
    end: date | None
    indefinite: bool

    def expired_on(self, day: date) -> bool:
        """True only when a known end date lies before ``day``."""
        return not self.indefinite and self.end is not None and self.end < day


# --- patterns ---------------------------------------------------------------

_ARABIC_CJK = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*年\s*(?:(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?)?"
)
# (?!…\d) stops 2021-03-15 being read as 2021-03 when the day is invalid.
_ARABIC_SEP = re.compile(
    r"(?<![\d.])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?(?!\d)(?!(?P=sep)\d)"
    r"(?!\s*[万亿元圆%‰])"  # 2022.09万元 is an amount
)
# OCR puts a blank after each dot ("2015. 03. 12"); admitted only with all
# three parts, since "2022. 9" could as well end one sentence and start another.
_ARABIC_SPACED = re.compile(
    r"(?<![\d.])(?P<y>\d{4})(?P<sep>[-/.])[ \t]{1,2}(?P<m>\d{1,2})(?P=sep)[ \t]{0,2}(?P<d>\d{1,2})(?!\d)"
    r"(?!\s*[万亿元圆%‰])"
)
_COMPACT = re.compile(r"(?<![0-9A-Za-z])(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?![0-9A-Za-z])")

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGIT.update({"零": 0, "○": 0, "O": 0, "o": 0, "0": 0})
_CN_YEAR = "[〇○零Oo0一二三四五六七八九]"
_CN_MONTH = "十[一二]?|[元一二三四五六七八九]"
_CN_DAY = "三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_CHINESE = re.compile(
    rf"(?P<y>{_CN_YEAR}{{4}})\s*年\s*(?:(?P<m>{_CN_MONTH})\s*月(?:\s*(?P<d>{_CN_DAY})\s*[日号])?)?"
)


def _cn_small(s: str) -> int:
    """一..三十一 (and 元 = 1, as in 元月)."""
    if s == "元":
        return 1
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return _CN_DIGIT[s]


def _make(year: int, month: int | None, day: int | None) -> ParsedDate | None:
    if month is None:
        day = None
    limit = _MAX_YEAR if day is not None else _MAX_PARTIAL_YEAR
    if not (_MIN_YEAR <= year <= limit):
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= month_end(year, month or 1):
        return None
    return ParsedDate(year, month, day)


def _int_or_none(s: str | None) -> int | None:
    return int(s) if s else None


def _candidates(folded: str) -> list[tuple[int, int, ParsedDate]]:
    out: list[tuple[int, int, ParsedDate]] = []
    for pattern in (_ARABIC_CJK, _ARABIC_SEP, _ARABIC_SPACED, _COMPACT):
        for m in pattern.finditer(folded):
            pd = _make(int(m["y"]), _int_or_none(m["m"]), _int_or_none(m["d"]))
            if pd is not None:
                out.append((m.start(), m.end(), pd))
    for m in _CHINESE.finditer(folded):
        year = int("".join(str(_CN_DIGIT[c]) for c in m["y"]))
        pd = _make(year, _cn_small(m["m"]) if m["m"] else None, _cn_small(m["d"]) if m["d"] else None)
        if pd is not None:
            out.append((m.start(), m.end(), pd))
    return out


def find_dates(text: str, *, include_year_only: bool = False) -> list[DateMatch]:
    """All dates and year-months in reading order, without overlaps.

    A bare "2021年" is a year only and is left out unless
    ``include_year_only``; year-months ("2022年09月", "2022-09") are kept.
    """
    folded = fold_width(text or "")
    cands = [c for c in _candidates(folded) if include_year_only or c[2].month is not None]
    # At one start the longest reading wins (2021年3月15日 over 2021年3月).
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[DateMatch] = []
    last_end = -1
    for start, end, pd in cands:
        if start < last_end:
            continue
        out.append(DateMatch(pd, start, end, text[start:end]))
        last_end = end
    return out


def parse_date(text: str) -> ParsedDate | None:
    """The first date (or year-month) in ``text``."""
    found = find_dates(text)
    return found[0].date if found else None


# Same shapes as the patterns above with every range check dropped: any
# 1–2 digit month and day, any year, Chinese numerals beyond 十二/三十一.
_LIKE_CN = "[〇○零Oo0一二三四五六七八九十]"
_DATE_LIKE = (
    re.compile(r"(?<!\d)\d{4}\s*年\s*\d{1,2}\s*月"),
    re.compile(r"(?<![\d.])\d{4}(?P<sep>[-/.])[ \t]{0,2}\d{1,2}(?:(?P=sep)[ \t]{0,2}\d{1,2})?"
               r"(?!\d)(?!\s*[万亿元圆%‰])"),
    re.compile(r"(?<![0-9A-Za-z])(?:19|20)\d{2}[01]\d[0-3]\d(?![0-9A-Za-z])"),
    re.compile(rf"{_CN_YEAR}{{4}}\s*年\s*{_LIKE_CN}{{1,3}}\s*月"),
)


def date_like(text: str) -> bool:
    """Whether ``text`` holds something shaped like a date :func:`parse_date` reads.

    Shapes: year-month-day or year-month in any accepted form (2022年13月45日,
    2023-02-30, 0000年00月00日, 2015. 03. 12, 二〇二二年十三月, 20221345) with
    out-of-range numbers allowed, so a caller can report "looks like a date but
    is impossible" where :func:`parse_date` gives None. A bare year ("2021年")
    is not date-like, as :func:`parse_date` never reads a year alone either.
    """
    if not text:
        return False
    folded = fold_width(text)
    return any(p.search(folded) for p in _DATE_LIKE)


# --- terms ------------------------------------------------------------------

def _spaced(*words: str) -> re.Pattern[str]:
    # OCR splits words it cannot place ("长 期", "无固定 期限").
    return re.compile("|".join(r"\s*".join(map(re.escape, w)) for w in words))


_INDEFINITE = _spaced("长期", "永久", "无固定期限", "不约定期限", "无限期", "长久", "不限期")
_END_MARK = re.compile(r"[至到止~～]|[-—–]\s*$")
_END_AFTER = re.compile(r"^\s*(?:止|为止|截止|到期)")
_RANGE_JOIN = re.compile(r"^\s*(?:[至到~～\-—–]|——)\s*$")


def parse_term(text: str) -> Term | None:
    """营业期限: "2015年06月01日至2035年05月31日", "…至长期", "长期", "自…起", "…止".

    A year-month start means its first day and a year-month end its last day.
    A single date is the start unless a mark says otherwise: "至2035年05月31日"
    and "2035年05月31日止" give only the end. An end in the year 9999 is a
    registry's way of printing 长期 and is read as indefinite. OCR blanks inside
    长期 or after a date's dots ("2015. 03. 12") are tolerated. None when the
    text holds neither a date nor 长期/永久/无固定期限.
    """
    if not text:
        return None
    folded = fold_width(text)
    indefinite = _INDEFINITE.search(folded) is not None
    found = find_dates(folded)
    start: date | None = None
    end: date | None = None
    if len(found) >= 2:
        start, end = found[0].date.first_day(), found[1].date.last_day()
    elif len(found) == 1:
        before = folded[: found[0].start]
        after = folded[found[0].end :]
        if _END_MARK.search(before) or _END_AFTER.match(after):
            end = found[0].date.last_day()
        else:
            start = found[0].date.first_day()
    elif not indefinite:
        return None
    if end is not None and end.year >= 9999:
        end, indefinite = None, True
    if indefinite:
        end = None
    return Term(start, end, indefinite)


# --- months -----------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's end (1月31日 + 1 → 2月28/29日)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(day.day, month_end(year, month)))


def _month_range(a: ParsedDate, b: ParsedDate) -> list[YearMonth]:
    first = a.year * 12 + (a.month or 1) - 1
    last = b.year * 12 + (b.month or 12) - 1
    return [YearMonth(i // 12, i % 12 + 1) for i in range(first, last + 1)]


def months_in(text: str, *, expand_ranges: bool = True) -> list[YearMonth]:
    """Sorted distinct months that ``text`` names ("2022年09月", "2022.09", dates).

    With ``expand_ranges`` two dates joined only by a range mark (至, 到, -, ~,
    —) stand for every month between them: "2022年01月至2022年03月" gives
    January, February and March.
    """
    found = [m for m in find_dates(text) if m.date.month is not None]
    folded = fold_width(text or "")
    months: set[YearMonth] = set()
    i = 0
    while i < len(found):
        cur = found[i]
        if (
            expand_ranges
            and i + 1 < len(found)
            and _RANGE_JOIN.match(folded[cur.end : found[i + 1].start])
            and found[i + 1].date.first_day() >= cur.date.first_day()
        ):
            months.update(_month_range(cur.date, found[i + 1].date))
            i += 2
            continue
        months.add(YearMonth(cur.date.year, cur.date.month or 1))
        i += 1
    return sorted(months)
