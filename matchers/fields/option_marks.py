"""Which catalogue options the ticked boxes of a group are.

The marks themselves (which characters tick, which label each belongs to) are read by
:mod:`extractor.checkmarks` alone — the extractors' parser, also used here through
:func:`extractor.checkmarks.checkboxes_in_text` — so a value reads the same wherever it is.
This module only maps box labels to the options the criteria print.
"""
from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from extractor.checkmarks import MARK_CHARS
from models import Checkbox


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[\s:：_＿]+", "", s).lower()


def option_for_label(label: str, options: list[str]) -> str | None:
    """Which printed option a box's label is: "其它：边缘计算盒" → 其它; OCR slips allowed."""
    lab = _norm(label)
    if not lab:
        return None
    best, best_score = None, 0.0
    for opt in options:
        o = _norm(opt)
        if lab == o or lab.startswith(o):
            score = 100.0 + len(o)  # prefer the longest exact prefix (三级以上 over 三级)
        else:
            score = fuzz.ratio(lab[: len(o) + 1], o)
        if score > best_score:
            best, best_score = opt, score
    return best if best_score >= 75 else None


def ticked_options(boxes: list[Checkbox], options: list[str]) -> tuple[list[str], int]:
    """The catalogue options ticked among ``boxes`` and how many boxes were recognised."""
    ticked: list[str] = []
    recognised = 0
    for b in boxes:
        opt = option_for_label(b.label, options)
        if opt is None:
            continue
        recognised += 1
        if b.checked and opt not in ticked:
            ticked.append(opt)
    return ticked, recognised


def unboxed_options(text: str, boxes: list[Checkbox], options: list[str]) -> list[str]:
    """Options printed without any box in a group whose other options have boxes ("国有□
    民营 合资□ 外资□"): a PDF printed from Word often loses the ticked box's glyph (a
    symbol-font character with no Unicode mapping) while the empty ones survive, so the
    one option left without a box is the ticked one. Only when no box is ticked, every
    option is printed, and the boxes sit on one side of their labels throughout."""
    if not boxes or any(b.checked for b in boxes):
        return []
    t = unicodedata.normalize("NFKC", text)
    marks = MARK_CHARS
    sides: list[tuple[bool, bool]] = []
    for opt in options:
        o = unicodedata.normalize("NFKC", opt)
        at = t.find(o)
        if at < 0:
            return []
        sides.append((at > 0 and t[at - 1] in marks,
                      at + len(o) < len(t) and t[at + len(o)] in marks))
    before = sum(b for b, _ in sides)
    after = sum(a for _, a in sides)
    if before and after:
        return []  # no single convention: do not guess
    side = 0 if before else 1
    bare = [opt for opt, s in zip(options, sides) if not s[side]]
    return bare if len(bare) == 1 and len(options) - 1 == (before or after) else []
