"""Figures stated in sentences rather than in a form: "截至2023年底，企业装备联网率达76.5%",
"智能制造软硬件累计投入8,215.6万元", "工厂级员工总人数为1260人".

Only number-like fields (money, number, percent) are read this way, and only where the
label (or an alias, without its bracketed unit) is followed within a short clause by a
number whose unit fits the field. Years and dates are never taken for the figure, and in
"由45%提升至76.5%" the figure after the verb of arrival is the one stated."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from criteria.schema import FieldSpec, Programme
from matchers.field_values import normalize_value
from models import Document, Location
from models.fields import FieldObservation

_NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?\s*"
                     r"(万亿元|亿元|万元|千元|元|%|％|个百分点|人次|台\(套\)|台套|台|套|人|名|个|家|项|TB|PB)?")
# A figure the clause arrives at: 由45%提升至76.5% → 76.5%.
_ARRIVAL = re.compile(r"(提升至|提高至|提高到|提升到|增至|增长至|增长到|升至|达到|达|为|是|共|合计|累计|计)\s*$")
# Clause ends: a figure after these belongs to another statement.
_CLAUSE_END = "。；;！!？?\n"
_MAX_GAP = 16

_MONEY_UNITS = {"万亿元", "亿元", "万元", "千元", "元"}
_PERCENT_UNITS = {"%", "％"}
_COUNT_UNITS = {"人", "名", "台", "套", "台套", "台(套)", "个", "家", "项", "人次", "TB", "PB"}


@dataclass(frozen=True)
class _Stated:
    text: str
    start: int
    end: int


def _label_forms(spec: FieldSpec) -> list[str]:
    """The field's labels without bracketed units or instructions, longest first."""
    forms: set[str] = set()
    for lab in spec.all_labels:
        s = unicodedata.normalize("NFKC", lab)
        s = re.sub(r"[(（][^()（）]*[)）]", "", s)
        s = re.sub(r"\s+", "", s).strip("：:")
        if len(s) >= 3:
            forms.add(s)
    return sorted(forms, key=len, reverse=True)


def _unit_fits(spec: FieldSpec, unit: str | None) -> bool:
    if spec.type == "money" or (spec.unit or "").endswith("元"):
        return unit in _MONEY_UNITS
    if spec.type == "percent" or spec.unit in ("%", "％"):
        return unit in _PERCENT_UNITS
    if unit in _MONEY_UNITS or unit in _PERCENT_UNITS or unit == "个百分点":
        return False
    return unit is None or unit in _COUNT_UNITS


def _figure_after(text: str, at: int, spec: FieldSpec) -> _Stated | None:
    """The figure the clause starting at ``at`` states for the field."""
    end = at
    while end < len(text) and text[end] not in _CLAUSE_END and end - at < 80:
        end += 1
    clause = text[at:end]
    candidates: list[tuple[bool, _Stated]] = []
    for m in _NUMBER.finditer(clause):
        after = clause[m.end():m.end() + 1]
        unit = m.group(3)
        if unit is None and after in "年月日号":
            continue  # a year or a date, not the figure
        if not _unit_fits(spec, unit):
            continue
        if m.start() > _MAX_GAP and not candidates:
            break
        arrival = bool(_ARRIVAL.search(clause[:m.start()][-6:]))
        candidates.append((arrival, _Stated(m.group(0).strip(), at + m.start(), at + m.end())))
    if not candidates:
        return None
    # The first figure reached "至/达/为" a figure, else the first figure of the clause.
    for arrival, stated in candidates:
        if arrival:
            return stated
    return candidates[0][1]


def stated_figures(text: str, spec: FieldSpec) -> list[tuple[str, int, int]]:
    """(figure as written, start, end) for each sentence of ``text`` stating ``spec``."""
    s = unicodedata.normalize("NFKC", text)
    out: list[tuple[str, int, int]] = []
    taken: set[int] = set()
    for form in _label_forms(spec):
        pattern = r"\s*".join(re.escape(c) for c in form)
        for m in re.finditer(pattern, s):
            fig = _figure_after(s, m.end(), spec)
            if fig is not None and fig.start not in taken:
                taken.add(fig.start)
                out.append((fig.text, m.start(), fig.end))
    return sorted(out, key=lambda o: o[1])


def read_stated_figures(doc: Document, programme: Programme) -> list[FieldObservation]:
    """One observation per figure-typed field: the first sentence in the document that
    states it (later restatements are usually the same figure; a different one is kept in
    ``extra['other_statements']`` for the reviewer)."""
    specs = [f for f in programme.fields if f.type in ("money", "number", "percent")]
    if not specs:
        return []
    out: list[FieldObservation] = []
    blocks = [(b, p.number) for p in doc.pages for b in p.blocks if b.text.strip()]
    for spec in specs:
        found: FieldObservation | None = None
        others: list[str] = []
        for block, page in blocks:
            text = unicodedata.normalize("NFKC", block.text)
            for figure, start, end in stated_figures(text, spec):
                if found is None:
                    excerpt = text[max(0, start - 10):end + 4].strip()
                    found = FieldObservation(
                        key=spec.key, value=figure, normalized=normalize_value(spec, figure),
                        source="declaration", via="prose", label=text[start:end],
                        location=Location(path=doc.path, page=page, bbox=block.bbox,
                                          excerpt=excerpt[:80]))
                elif figure != found.value:
                    others.append(figure)
        if found is not None:
            if others:
                found.extra["other_statements"] = others[:5]
            out.append(found)
    return out
