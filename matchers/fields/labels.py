"""Matching printed form labels to catalogue fields.

Printed labels vary in brackets, spaces, line breaks and units ("注册资金(万元)",
"注册资本（万元）", "注册资金\n(万元)"), so we compare normalised strings and fall back to
rapidfuzz for near-misses such as OCR slips.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from criteria.schema import FieldSpec
from domain.labels_text import normalize_label

_SPACE = re.compile(r"\s+")
_TRAILING = re.compile(r"[:：*＊]+$")
_HINT = re.compile(r"[(（][^()（）]{6,}[)）]")  # long parenthesised instructions, not units

_UNKNOWN_LABEL = re.compile(r"(?:\s{2,}|\t|[；;])[^\s:：，。；;]{2,10}[:：]")
# Above this, a label counts as the field's; below it a cell is just text.
LABEL_THRESHOLD = 88.0
# An indicator's number printed before or after its name ("L1P1 产业规模", "产业规模（L1P1）",
# "A3.2 …"): letters then digits, in normalised (lower-case, NFKC) text. Not part of the name.
_CODE = r"[a-z]{1,3}\d{1,2}(?:[a-z.]\d{1,2}){0,3}"
_CODE_PREFIX = re.compile(r"^" + _CODE + r"(?=[^a-z0-9.])[\s.、:：\-]*")
_CODE_SUFFIX = re.compile(r"[(\[【]?" + _CODE + r"[)\]】]?$")


def strip_indicator_code(norm: str) -> str:
    """A normalised label without an indicator number before or after it ("l1p1产业规模"
    → "产业规模"); unchanged when nothing else would remain."""
    bare = _CODE_PREFIX.sub("", norm, count=1)
    m = _CODE_SUFFIX.search(bare)
    if m and m.start() > 0 and not bare[m.start() - 1].isascii():
        bare = bare[:m.start()]
    return bare if bare else norm


_UNIT_SUFFIX = re.compile(r"\s*[(（]\s*(?:万元|亿元|元|人|%|％|台套|台\(套\)|个|家|项|TB|等级)\s*[)）]\s*$")




@dataclass(frozen=True)
class LabelMatch:
    spec: FieldSpec
    score: float
    matched: str  # which of the spec's labels/aliases matched

    @property
    def primary(self) -> bool:
        return normalize_label(self.matched) == normalize_label(self.spec.label)


class LabelIndex:
    def __init__(self, specs: list[FieldSpec]) -> None:
        self.specs = specs
        self._entries: list[tuple[str, str, FieldSpec]] = []
        for spec in specs:
            for lab in spec.all_labels:
                self._entries.append((normalize_label(lab), lab, spec))
                # Re-typed forms drop the unit from the label (企业改造拟投入的资金总额 for
                # …资金总额(万元)): the bare label is the same field.
                bare = _UNIT_SUFFIX.sub("", lab)
                if bare != lab and len(normalize_label(bare)) >= 3:
                    self._entries.append((normalize_label(bare), bare, spec))
        self._exact: dict[str, tuple[str, FieldSpec]] = {}
        for norm, lab, spec in self._entries:
            self._exact.setdefault(norm, (lab, spec))
        self._colon: re.Pattern[str] | None = None
        self._longest = max((len(norm) for norm, _, _ in self._entries), default=0)

    def match(self, text: str, threshold: float = LABEL_THRESHOLD) -> LabelMatch | None:
        norm = normalize_label(text)
        if not norm or len(norm) > 40:
            return None
        hit = self._exact.get(norm)
        if hit:
            return LabelMatch(hit[1], 100.0, hit[0])
        bare = strip_indicator_code(norm)
        if bare != norm:
            return self.match(bare, threshold)
        best: LabelMatch | None = None
        for cand, lab, spec in self._entries:
            # Short labels (姓名, 职务) must match exactly: fuzzy hits on two characters
            # are noise.
            if len(cand) <= 3 or abs(len(cand) - len(norm)) > max(2, len(cand) // 3):
                continue
            score = fuzz.ratio(norm, cand)
            if score >= threshold and (best is None or score > best.score):
                best = LabelMatch(spec, score, lab)
        return best

    def colon_pairs(self, text: str) -> list[tuple[LabelMatch, str, int]]:
        """Every "label：value" in one line or cell, several per line included
        ("企业名称：甲公司    法定代表人：张三", "注册资本：5000万元；成立日期：2015-06-01").
        Each value runs to the next label; returns (match, value, offset of the label)."""
        s = unicodedata.normalize("NFKC", text)
        hits = [(m.start(), m.end(), m.group("label")) for m in self._colon_re().finditer(s)]
        out: list[tuple[LabelMatch, str, int]] = []
        for i, (start, end, printed) in enumerate(hits):
            stop = hits[i + 1][0] if i + 1 < len(hits) else len(s)
            value = s[end:stop]
            # An unknown label after a gap ends the value too (…公司    推荐单位：…).
            cut = _UNKNOWN_LABEL.search(value)
            if cut:
                value = value[:cut.start()]
            value = value.strip().rstrip("，,；;、").strip()
            norm = normalize_label(printed)
            lab, spec = self._exact[norm]
            out.append((LabelMatch(spec, 100.0, lab), value, start))
        return out

    def _colon_re(self) -> re.Pattern[str]:
        if self._colon is None:
            # Labels as printed, with any spacing between their characters (申  报  单  位：);
            # longest first so 统一社会信用代码 wins over 信用代码.
            forms = sorted({lab for norm, lab, _ in self._entries if len(norm) >= 2},
                           key=lambda x: -len(normalize_label(x)))
            alts = []
            for lab in forms:
                chars = [c for c in normalize_label(lab)]
                alts.append(r"\s*".join(re.escape(c) for c in chars))
            # A label starts a line or follows a separator, and is followed by its colon.
            self._colon = re.compile(
                r"(?:^|(?<=[\s，,；;。、|]))(?:" + _CODE + r"\s*)?(?P<label>" + "|".join(alts)
                + r")"
                # An indicator code or a short note in brackets may stand between the label
                # and its colon: 产业规模（L1P1）：…, 成熟度自评价等级（GB/T39116-2020）：….
                r"(?:\s*[(（]\s*(?:" + _CODE + r"|[^()（）:：]{1,30}?)\s*[)）])?\s*[:：]",
                flags=re.IGNORECASE)
        return self._colon

    def match_prefix(self, text: str) -> tuple[LabelMatch, str] | None:
        """A line that starts with a label and carries its value after it ("名称：…",
        or OCR's "统一社会信用代码9137…" with the gap lost)."""
        s = unicodedata.normalize("NFKC", text).strip()
        compact = _SPACE.sub("", s)
        # Only the line's head can match a label: lower-case that once, not the whole
        # line once per catalogue label (a 400,000-character line made this quadratic).
        head = compact[:self._longest + 8].lower()
        best: tuple[str, str, FieldSpec] | None = None
        for norm, lab, spec in self._entries:
            if len(norm) >= 2 and head.startswith(norm) and (
                    best is None or len(norm) > len(best[0])):
                best = (norm, lab, spec)
        if best is None:
            return None
        norm, lab, spec = best
        rest = compact[len(norm):].lstrip(":：").strip()
        return LabelMatch(spec, 100.0, lab), rest
