"""字数 the way Microsoft Word's 字数统计 counts it, plus a LibreOffice cross-check.

Rule (docs: the project's domain facts, domain-facts.md § Counting 字数 the way Microsoft Word does):
- each CJK ideograph counts 1; each full-width punctuation mark counts 1;
- each maximal run of half-width letters and digits counts 1 ("5G", "MES",
  "2021", "DCMM2"); a run of half-width symbols counts 1;
- whitespace counts 0. "一二三四五 six seven eight" → 8.

Word reports 字数 = 中文字符和朝鲜语单词 + 非中文单词, and its 非中文单词 are
whitespace-delimited: "vis-a-vis", "06/30/2003", "hello,world" are one word
each, and a half-width symbol standing alone between spaces ("a , b") is a
word of its own. So here a *run* is a maximal sequence of characters that are
neither whitespace nor counted one by one, and a run of letters, digits and
half-width symbols mixed ("a-b", "3.5%", "(1)") counts 1. Any counted-one-by-one
character ends a run: "MES系统" = 1 + 2, "2021年" = 1 + 1.

Counted one by one ("East Asian", Word's 中文字符和朝鲜语单词):
- East Asian Width W/F/H: all CJK ideographs (URO, Ext A U+3400–4DBF, Ext B+,
  compatibility U+F900–FAFF), the CJK Symbols and Punctuation block
  U+3001–303F (〇 included), kana, hangul, and the whole Halfwidth and
  Fullwidth Forms block U+FF00–FFEF. Full-width letters and digits ("ＡＢ",
  "１２") therefore count 1 *per character*: Word treats them as East Asian
  characters, unlike their half-width forms.
- visible General Punctuation U+2010–2027 and U+2030–205E (“”‘’…—‰※).
- other non-letter characters of ambiguous East Asian width (·°×±℃①Ⅰ→■★√):
  in a Chinese document these come from a Chinese IME, which makes Word treat
  them as East Asian. Ambiguous-width *letters* (é, α, А) stay Latin-like.
Emoji are not East Asian although most have East Asian Width W: Word counts
"👍👎👏" as 1 and "Hello👍World" as 1, so an emoji joins the surrounding run
like a letter. Emoji here: pictographs U+1F000–1FAFF (incl. skin-tone
modifiers U+1F3FB–1F3FF and regional-indicator flags 🇨🇳) and wide symbols
U+2300–2BFF (⌚ ☕ ✅ ⭐); the zero-width joiner of a ZWJ sequence (👨‍👩‍👧) and
the variation selector U+FE0F are invisible format/combining characters.
Not counted and not separating: format characters (soft hyphen, zero-width
space/joiners, BOM) and combining marks, which Word does not see as text.
Whitespace (incl. U+3000 ideographic space) and control characters count 0
and end runs.

The LibreOffice variant (:attr:`WordCountRule.LIBREOFFICE`) is a cross-check
only: LibreOffice agrees on CJK characters and full-width punctuation and
splits other text on whitespace, but by default also treats the en dash and
em dash as word separators ("Additional separators"), which are then not
counted, so "智能——制造" is 4 there and 6 in Word.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import lru_cache

__all__ = [
    "WordCountBreakdown",
    "WordCountRule",
    "libreoffice_word_count",
    "word_count",
    "word_count_breakdown",
]


class WordCountRule(StrEnum):
    """Which count a finding used; the value is stored in findings."""

    WORD = "word"
    LIBREOFFICE = "libreoffice"

    @property
    def label(self) -> str:
        return {
            WordCountRule.WORD: "Microsoft Word字数统计口径",
            WordCountRule.LIBREOFFICE: "LibreOffice字数统计口径（仅作交叉核对）",
        }[self]


class _Kind(Enum):
    IGNORABLE = 0  # invisible: neither counted nor ending a run
    SPACE = 1  # counts 0, ends a run
    EAST_ASIAN = 2  # counts 1 each, ends a run
    RUN = 3  # part of a run that counts 1


_LO_SEPARATORS = frozenset("\u2013\u2014")


def _is_emoji(cp: int, cat: str) -> bool:
    if 0x1F000 <= cp <= 0x1FAFF:
        return cat in ("So", "Sk")
    # Narrow/ambiguous symbols there (★ ☆ ■ →) come from Chinese IMEs and
    # stay East Asian; only wide ones default to emoji presentation.
    return 0x2300 <= cp <= 0x2BFF and cat == "So" and unicodedata.east_asian_width(chr(cp)) == "W"


@lru_cache(maxsize=8192)
def _kind(ch: str) -> _Kind:
    cat = unicodedata.category(ch)
    if cat in ("Cf", "Mn", "Me"):
        return _Kind.IGNORABLE
    if ch.isspace() or cat in ("Cc", "Zs", "Zl", "Zp"):
        return _Kind.SPACE
    cp = ord(ch)
    if _is_emoji(cp, cat):
        return _Kind.RUN
    if 0xFF00 <= cp <= 0xFFEF:
        return _Kind.EAST_ASIAN
    if 0x2010 <= cp <= 0x2027 or 0x2030 <= cp <= 0x205E:
        return _Kind.EAST_ASIAN
    width = unicodedata.east_asian_width(ch)
    if width in ("W", "F", "H"):
        return _Kind.EAST_ASIAN
    if width == "A" and not cat.startswith("L") and cat != "Co":
        return _Kind.EAST_ASIAN
    # Private-use and unassigned code points (icon fonts, PDF extraction
    # artefacts) are treated like Latin text rather than guessed as CJK.
    return _Kind.RUN


@dataclass(frozen=True)
class WordCountBreakdown:
    """Word's two components: 中文字符和朝鲜语单词 and 非中文单词."""

    east_asian: int
    non_east_asian_words: int
    rule: WordCountRule

    @property
    def total(self) -> int:
        return self.east_asian + self.non_east_asian_words


def word_count_breakdown(text: str, rule: WordCountRule = WordCountRule.WORD) -> WordCountBreakdown:
    east = 0
    runs = 0
    in_run = False
    lo = rule is WordCountRule.LIBREOFFICE
    for ch in text:
        kind = _Kind.SPACE if lo and ch in _LO_SEPARATORS else _kind(ch)
        if kind is _Kind.IGNORABLE:
            continue
        if kind is _Kind.RUN:
            if not in_run:
                runs += 1
                in_run = True
            continue
        in_run = False
        if kind is _Kind.EAST_ASIAN:
            east += 1
    return WordCountBreakdown(east, runs, rule)


def word_count(text: str, rule: WordCountRule = WordCountRule.WORD) -> int:
    """字数 of ``text`` under ``rule`` (Microsoft Word's by default)."""
    return word_count_breakdown(text, rule).total


def libreoffice_word_count(text: str) -> int:
    """Cross-check count in LibreOffice's manner; never the rule itself."""
    return word_count(text, WordCountRule.LIBREOFFICE)
