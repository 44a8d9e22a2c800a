"""Tick marks in text: one convention (☑ ticked, □ unticked) and the label each mark
belongs to.

Application forms tick options in many ways: Unicode boxes (□☐☑☒■), a bare √/✓ written
in front of an option, a √ typed next to an empty box, or glyphs from symbol fonts
(Wingdings, Wingdings 2, Symbol) that only look like boxes because of the font. Format
extractors first map symbol-font characters to Unicode (:func:`symbol_glyph`), then call
:func:`parse_marks` on each paragraph / cell text so every downstream stage sees the
same two characters and one :class:`models.Checkbox` per mark.

This is the one parser of tick characters: the matchers read option groups, tick-box
table cells and passages through it (:func:`checkboxes_in_text`, :func:`mark_state`),
so a value reads the same whichever stage or format it came through.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from models import Checkbox

TICKED_MARK = "☑"
UNTICKED_MARK = "□"

# Boxes that are drawn ticked/crossed/filled. A crossed box (☒) means "selected" on
# Chinese forms, and a filled square (■) is how many templates render a chosen option.
_BOX_TICKED = frozenset("☑☒■▣✅🗹🗷🗵⮽⌧")
# A check mark on its own: ticks the option written right after it.
_BARE_TICK = frozenset("√✓✔🗸")
_BOX_EMPTY = frozenset("□☐▢◻❑❒❏🞐🞑")
MARK_CHARS = _BOX_TICKED | _BARE_TICK | _BOX_EMPTY
# Marks that select their option, and marks that leave it unselected.
TICKED_CHARS = _BOX_TICKED | _BARE_TICK
UNTICKED_CHARS = _BOX_EMPTY

# Symbol-font code points (the low byte of w:sym/@w:char, which Word writes either as
# 00xx or in the private-use area as F0xx) → the Unicode glyph the font draws.
# Sources: Wingdings and Wingdings 2 glyph charts (alanwood.net, Unicode 7.0 mapping of
# the Webdings/Wingdings sets); only glyphs that can be a tick box or a tick are listed.
#   Wingdings:   0x6E ■ filled square (ticked), 0x6F □ (unticked), 0x71 ❑ / 0x72 ❒
#                shadowed squares (unticked), 0x78 ⌧ box with X (ticked), 0xA8 ◻
#                (unticked), 0xFC ✔ (tick), 0xFD 🗷 box with X (ticked),
#                0xFE 🗹 box with check (ticked).
#   Wingdings 2: 0x50 🗸 check mark (tick), 0x51 🗵 box with X (ticked), 0x52 ☑
#                (ticked), 0x53 ⮽ box with X (ticked), 0x54 ☒ (ticked), 0xA2 ■ filled
#                square (ticked), 0xA3 □ (unticked), 0xA4 🞑 heavy square (unticked).
#   Symbol:      0xD6 √ radical sign, used as a tick on Chinese forms.
_SYMBOL_FONTS: dict[str, dict[int, str]] = {
    "wingdings": {
        0x6E: "■", 0x6F: "□", 0x71: "❑", 0x72: "❒", 0x78: "⌧", 0xA8: "◻",
        0xFC: "✔", 0xFD: "🗷", 0xFE: "🗹",
    },
    "wingdings 2": {
        0x50: "🗸", 0x51: "🗵", 0x52: "☑", 0x53: "⮽", 0x54: "☒",
        0xA2: "■", 0xA3: "□", 0xA4: "🞑",
    },
    "symbol": {0xD6: "√"},
}

_OPEN_QUOTES = "“\"‘'「『"
_CLOSE_QUOTES = "”\"’'」』"
# "请在□内打√" / "打“√”": the form's instructions, not an answer.
_TICK_VERBS = "打划画勾"
_BOX_INSTRUCTION = re.compile(r"[”\"’'」』]?[内中][打划画勾填选]")
# Bare-tick labels end at a wide gap: "√大型    中型    小型" ticks only 大型.
_GAP = re.compile(r"\t|\u3000|\s{2,}")
_LABEL_TRIM = " \t\u3000/／、，,；;|｜"
_PREFIX_SPLIT = re.compile(r".*[：:]|.*(?:\t|\u3000|\s{2,})")


def is_symbol_font(font_name: str | None) -> bool:
    if not font_name:
        return False
    return font_name.strip().lower() in _SYMBOL_FONTS


def symbol_glyph(font_name: str | None, code: int) -> str | None:
    """The Unicode glyph for ``code`` drawn in a symbol font, when it is a box or tick."""
    if not font_name:
        return None
    table = _SYMBOL_FONTS.get(font_name.strip().lower())
    if table is None:
        return None
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    return table.get(code)


def map_symbol_text(font_name: str | None, text: str) -> str:
    """Text typed in a symbol font ("R" in Wingdings 2 shows ☑) → Unicode glyphs.

    Characters that are not boxes or ticks are kept when printable ASCII (a font name
    on the run may be stale) and dropped when in the private-use area (they render as
    pictures we cannot name)."""
    if not is_symbol_font(font_name):
        return text
    out: list[str] = []
    for ch in text:
        glyph = symbol_glyph(font_name, ord(ch))
        if glyph is not None:
            out.append(glyph)
        elif not 0xF000 <= ord(ch) <= 0xF0FF:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Mark:
    """One tick mark in normalised text."""

    pos: int
    checked: bool
    # True for a tick written without a box (√大型): its label ends at a wide gap.
    bare: bool = False


@dataclass(frozen=True)
class LabelledMark:
    label: str
    checked: bool


def _is_instruction(text: str, i: int) -> bool:
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if prev and nxt and prev in _OPEN_QUOTES and nxt in _CLOSE_QUOTES:
        return True
    if ch in _BARE_TICK or ch in _BOX_TICKED:
        before = text[max(0, i - 2):i]
        if before and (before[-1] in _TICK_VERBS
                       or (len(before) == 2 and before[-1] in _OPEN_QUOTES
                           and before[0] in _TICK_VERBS)):
            return True
    if ch in _BOX_EMPTY and _BOX_INSTRUCTION.match(text, i + 1):
        return True
    return False


_BRACKETED_MARK = re.compile(r"[（(][ \u3000]*([☑☒■√✓✔🗸])[ \u3000]*[）)]")
# Empty brackets right after an option label (not a blank to fill in: those come with 年
# /月/日 or follow a colon).
_BRACKETED_EMPTY = re.compile(r"(?<=[^\s：:（(])[（(][ \u3000]{1,6}[）)](?![年月日号])")


def normalise_marks(text: str) -> tuple[str, list[Mark]]:
    """Rewrite every tick mark as ☑ or □ and say where they are.

    A bare tick right next to an empty box ("√□" or "□√") is one ticked box. Marks that
    are part of the form's own instructions ("请在□内打√") are left untouched and not
    reported.

    Options answered in brackets ("中型（☑）", "是（√）    否（  ）") are boxes too: a mark
    in brackets is a ticked box, brackets holding only spaces an empty one."""
    text = _BRACKETED_MARK.sub(lambda m: m.group(1), text)
    text = _BRACKETED_EMPTY.sub(UNTICKED_MARK, text)
    out: list[str] = []
    marks: list[Mark] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch not in MARK_CHARS or _is_instruction(text, i):
            out.append(ch)
            i += 1
            continue
        nxt = text[i + 1] if i + 1 < n else ""
        pair = (ch in _BARE_TICK and nxt in _BOX_EMPTY) or (ch in _BOX_EMPTY and nxt in _BARE_TICK)
        if pair:
            marks.append(Mark(len(out), True))
            out.append(TICKED_MARK)
            i += 2
            continue
        checked = ch not in _BOX_EMPTY
        marks.append(Mark(len(out), checked, bare=ch in _BARE_TICK))
        out.append(TICKED_MARK if checked else UNTICKED_MARK)
        i += 1
    return "".join(out), marks


def _clean(label: str) -> str:
    return label.strip(_LABEL_TRIM)


def label_marks(text: str, marks: list[Mark]) -> list[LabelledMark]:
    """Pair each mark with its option label, line by line.

    Labels normally follow the mark ("□大型 ☑中型" → 大型, 中型; "□其它：xxx" → 其它：xxx).
    When a line ends with a mark and text precedes the first one ("是☑ 否□"), labels are
    read before the marks instead; the first label then drops a leading "问题：" prefix."""
    result: list[LabelledMark] = []
    idx = 0
    while idx < len(marks):
        line_end = text.find("\n", marks[idx].pos)
        line_end = len(text) if line_end < 0 else line_end
        line_start = text.rfind("\n", 0, marks[idx].pos) + 1
        group: list[Mark] = []
        while idx < len(marks) and marks[idx].pos < line_end:
            group.append(marks[idx])
            idx += 1
        result.extend(_label_line(text, line_start, line_end, group))
    return result


def _label_line(text: str, start: int, end: int, group: list[Mark]) -> list[LabelledMark]:
    before_first = text[start:group[0].pos].strip()
    after_last = text[group[-1].pos + 1:end].strip()
    if before_first and after_last:
        # Both sides have text (a line wrapped after a label: "5G√ F5G□ … 工业以太网"): the
        # side each mark is written against decides. Marks glued to the text before them
        # and followed by a gap belong to that text.
        glued_before = sum(1 for m in group if m.pos > start and not text[m.pos - 1].isspace()
                           and (m.pos + 1 >= end or text[m.pos + 1].isspace()))
        if glued_before * 2 > len(group):
            after_last = ""
    if before_first and not after_last:
        labels: list[LabelledMark] = []
        prev = start
        for k, m in enumerate(group):
            seg = text[prev:m.pos]
            if k == 0:
                seg = _PREFIX_SPLIT.sub("", seg)
            labels.append(LabelledMark(_clean(seg), m.checked))
            prev = m.pos + 1
        return labels
    labels = []
    for k, m in enumerate(group):
        stop = group[k + 1].pos if k + 1 < len(group) else end
        seg = text[m.pos + 1:stop].strip(" \t\u3000")
        if m.bare:
            seg = _GAP.split(seg, maxsplit=1)[0]
        labels.append(LabelledMark(_clean(seg), m.checked))
    return labels


def parse_marks(text: str) -> tuple[str, list[LabelledMark]]:
    """Normalise marks in ``text`` and label them; returns (normalised text, marks)."""
    norm, marks = normalise_marks(text)
    return norm, label_marks(norm, marks)


def checkboxes_in_text(text: str) -> list[Checkbox]:
    """"□大型 ☑中型 □小型" → [大型 ✗, 中型 ✓, 小型 ✗]: :func:`parse_marks` as
    :class:`models.Checkbox` (labels before boxes "是☑ 否□", bracketed answers "中型（√）",
    bare ticks), for text that did not come with the extractor's own checkboxes. Marks
    without a label are left out."""
    _norm_text, marks = parse_marks(text)
    return [Checkbox(label=m.label.split("\n")[0].strip(), checked=m.checked)
            for m in marks if m.label.strip()]


def mark_state(text: str) -> bool | None:
    """A text that is one tick mark and nothing else ("√", "☑", "□" in a 是否联网 column):
    whether it ticks; None for any other text."""
    t = text.strip()
    if len(t) != 1 or t not in MARK_CHARS:
        return None
    return t in TICKED_CHARS
