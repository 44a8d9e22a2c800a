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
from matchers.fields.field_values import normalize_value
from models import Block, Document, Location
from models.fields import FieldObservation

# Not glued to Latin letters: GB/T39116, ISO9001 and model numbers are codes, not figures.
_NUMBER = re.compile(r"(?<![\d.A-Za-z/\-])(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?\s*"
                     r"(万亿元|亿元|万元|千元|元|%|％|个百分点|人次|台\(套\)|台套|台|套|人|名|个|家|项|次|TB|PB)?")
# A figure the clause arrives at: 由45%提升至76.5% → 76.5%.
_ARRIVAL = re.compile(r"(提升至|提高至|提高到|提升到|增至|增长至|增长到|升至|达到|达|为|是|共|合计|累计|计)"
                      r"\s*$")
# Clause ends: a figure after these belongs to another statement.
_CLAUSE_END = "。；;！!？?\n"
_MAX_GAP = 16

_MONEY_UNITS = {"万亿元", "亿元", "万元", "千元", "元"}
_PERCENT_UNITS = {"%", "％"}
_COUNT_UNITS = {"人", "名", "台", "套", "台套", "台(套)", "个", "家", "项", "次", "人次", "TB", "PB"}


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


_SAME_COUNT = [{"人", "名"}, {"台", "套", "台套", "台(套)"}]


def _count_fits(own_unit: str | None, unit: str | None, after: str) -> bool:
    """For a field counted in its own unit (TB, 家, 个): a figure in another explicit count
    unit (汇聚177家企业 for a TB field), or followed by a measure word the field does not use
    (列入11条产业链 for 个), is not its figure."""
    if own_unit is None:
        return True
    if unit is None:
        return not re.match(r"[\u4e00-\u9fff]", after or "")
    return unit == own_unit or any(unit in g and own_unit in g for g in _SAME_COUNT)


def _own_count_unit(spec: FieldSpec) -> str | None:
    """The field's unit when it is a count unit the sentences can carry (TB, 家, 个 …)."""
    unit = unicodedata.normalize("NFKC", spec.unit or "")
    return unit if unit in _COUNT_UNITS else None


def _figure_after(text: str, at: int, spec: FieldSpec) -> _Stated | None:
    """The figure the clause starting at ``at`` states for the field."""
    end = at
    while end < len(text) and text[end] not in _CLAUSE_END and end - at < 80:
        end += 1
    clause = text[at:end]
    candidates: list[tuple[bool, _Stated]] = []
    # A count in the field's own unit (存储量84TB) outranks other counts of the clause
    # (政务侧数据库9个), wherever in the clause it is.
    own: list[tuple[bool, _Stated]] = []
    own_unit = _own_count_unit(spec)
    for m in _NUMBER.finditer(clause):
        after = clause[m.end():m.end() + 1]
        unit = m.group(3)
        if unit is None and after in "年月日号":
            continue  # a year or a date, not the figure
        if not _unit_fits(spec, unit) or not _count_fits(own_unit, unit, after):
            continue
        if "其中" in clause[:m.start()]:
            break  # "…89家，其中独角兽企业1家": what follows 其中 are the parts
        arrival = bool(_ARRIVAL.search(clause[:m.start()][-6:]))
        stated = (arrival, _Stated(m.group(0).strip(), at + m.start(), at + m.end()))
        if own_unit and unit == own_unit:
            own.append(stated)
        if m.start() > _MAX_GAP and not candidates:
            continue
        candidates.append(stated)
    if own:
        candidates = own
    if not candidates:
        return None
    # The first figure reached "至/达/为" a figure, else the first figure of the clause.
    for arrival, figure in candidates:
        if arrival:
            return figure
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


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def read_stated_figures(doc: Document, programme: Programme) -> list[FieldObservation]:
    """Every distinct sentence statement of each figure-typed field (see below)."""
    specs = [f for f in programme.fields if f.type in ("money", "number", "percent")]
    if not specs:
        return []
    out: list[FieldObservation] = []
    blocks = _paragraphs(doc)
    for spec in specs:
        # Every distinct statement, in reading order: the first is the one rules use; a
        # different later one is an inconsistency (checks.declaration_agreement) unless
        # the two speak of different years (extra["year"]).
        seen: set[str] = set()
        for block, page, text in blocks:
            for figure, start, end in stated_figures(text, spec):
                if figure in seen:
                    continue
                seen.add(figure)
                excerpt = text[max(0, start - 10):end + 4].strip()
                obs = FieldObservation(
                    key=spec.key, value=figure, normalized=normalize_value(spec, figure),
                    source="declaration", via="prose", label=text[start:end],
                    location=Location(path=doc.path, page=page, bbox=block.bbox,
                                      excerpt=excerpt[:80]))
                obs.extra["statement"] = _clause(text, start)
                years = _YEAR.findall(text[max(0, start - 24):end])
                if years:
                    obs.extra["year"] = int(years[-1])
                out.append(obs)
    tagged = read_tagged_statements(doc, programme)
    tagged_keys = {o.key for o in tagged}
    return tagged + [o for o in out if o.key not in tagged_keys]


def _paragraphs(doc: Document) -> list[tuple[Block, int, str]]:
    """(first block, page, text) of each paragraph: a text PDF's lines (blocks of kind
    "line") run on into one text until a line ends a sentence, since a PDF breaks a
    sentence at every line end; other blocks stand alone."""
    out: list[tuple[Block, int, str]] = []
    for p in doc.pages:
        open_line = False
        for b in p.blocks:
            if not b.text.strip():
                continue
            text = unicodedata.normalize("NFKC", b.text)
            if b.kind == "line" and open_line and out:
                first, page, prev = out[-1]
                out[-1] = (first, page, prev + text.strip())
            else:
                out.append((b, p.number, text))
            open_line = b.kind == "line" and not text.rstrip().endswith(("。", "：", ":", "；"))
    return out


def _clause(text: str, start: int) -> str:
    """The sentence part from ``start`` to the clause's end (what a 说明 would say)."""
    end = start
    while end < len(text) and text[end] not in "。\n" and end - start < 160:
        end += 1
    return text[start:end]


_TAG_CLOSE = r"\s*[)）]"


def read_tagged_statements(doc: Document, programme: Programme) -> list[FieldObservation]:
    """Sentences tagged with an indicator's number, "…主营业务收入总和为612.4亿元（L1P1）。":
    the sentence before the tag (back to the previous tag or full stop) states that field.
    Figures: the figure whose unit fits (the field's own unit first, then the one reached
    by 为/达/共…, then the first); descriptions: the sentence itself."""
    specs = [f for f in programme.fields if f.code]
    if not specs:
        return []
    parts: list[tuple[str, int, object]] = []
    for p in doc.pages:
        for b in p.blocks:
            if b.kind == "cell" or b.table_index is not None or not b.text.strip():
                continue
            parts.append((unicodedata.normalize("NFKC", b.text), p.number, b.bbox))
    if not parts:
        return []
    # PDF lines break sentences anywhere: join them, remembering where each block starts.
    text, starts = "", []
    for t, _page, _bbox in parts:
        starts.append(len(text))
        text += t.replace("\n", "")
    tag = re.compile(r"[(（]\s*(" + "|".join(re.escape(f.code) for f in specs if f.code)
                     + r")" + _TAG_CLOSE, flags=re.IGNORECASE)
    by_code = {f.code.lower(): f for f in specs if f.code}
    out: list[FieldObservation] = []
    seen: set[str] = set()
    prev_end = 0
    block_starts = set(starts)
    for m in tag.finditer(text):
        spec = by_code.get(m.group(1).lower())
        begin = max(prev_end, text.rfind("。", 0, m.start()) + 1)
        prev_end = m.end()
        if spec is None or spec.key in seen or text[m.end():m.end() + 1] in (":", "："):
            continue  # "产业规模（L1P1）：…" is a label with its value after the colon
        if m.start() in block_starts and text[m.end():m.end() + 1] not in ("。", "，", ",", "；", ";", ""):
            # "（L2P1）存储与计算资源。已接入…": the tag opens its paragraph.
            nxt = min((st for st in starts if st > m.start()), default=len(text))
            begin, stop = m.end(), nxt
            statement = text[begin:stop].strip(" ，,；;")
        else:
            statement = text[begin:m.start()].strip(" ，,；;")
        if not statement:
            continue
        value = _tagged_value(statement, spec)
        if value is None:
            continue
        seen.add(spec.key)
        i = max(k for k, st in enumerate(starts) if st <= begin)
        _t, page, bbox = parts[i]
        obs = FieldObservation(
            key=spec.key, value=value, normalized=normalize_value(spec, value),
            source="declaration", via="prose", label=m.group(0),
            location=Location(path=doc.path, page=page, bbox=bbox,  # type: ignore[arg-type]
                              excerpt=(statement + m.group(0))[-80:]))
        obs.extra["statement"] = statement
        out.append(obs)
    return out


def _tagged_value(statement: str, spec: FieldSpec) -> str | None:
    if spec.type not in ("money", "number", "percent"):
        return statement
    own_unit = _own_count_unit(spec)
    own: list[tuple[bool, str]] = []
    fits: list[tuple[bool, str]] = []
    for m in _NUMBER.finditer(statement):
        unit = m.group(3)
        after = statement[m.end():m.end() + 1]
        if unit is None and after in "年月日号":
            continue
        if not _unit_fits(spec, unit):
            continue
        arrival = bool(_ARRIVAL.search(statement[:m.start()][-6:]))
        item = (arrival, m.group(0).strip())
        fits.append(item)
        if own_unit and unit == own_unit:
            own.append(item)
    pool = own or fits
    if not pool:
        return None
    return next((v for a, v in pool if a), pool[0][1])
