"""A stated amount with its share for one year and its itemised parts, read from the
sentence wherever the dossier writes it ("自2014年以来总金额12360万元，其中：2024年投入2210
万元"; "累计采购软件系统9650万元、解决方案4120万元、硬件设备10680万元，合计24350万元"):
the share's year (DATE_OUT_OF_RANGE), amounts without their unit (INVALID_UNIT), parts that
do not add up (CALCULATION_MISMATCH)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from checks.display import not_met
from checks.quantities import fmt
from criteria.schema import AmountStatementRule
from models import Finding, FindingCode, Location

_AMOUNT = r"(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万亿元|亿元|万元|千元|元)?"
_FILLER = r"[\s:：为是约达共计]{0,4}"
_TO_WAN = {"万亿元": 1e8, "亿元": 1e4, "万元": 1.0, "千元": 0.1, "元": 1e-4}


@dataclass
class Amount:
    value: float
    unit: str | None
    text: str

    def wan(self, default_unit: str) -> float:
        return self.value * _TO_WAN.get(self.unit or default_unit, 1.0)


@dataclass
class Statement:
    text: str
    location: Location
    total: Amount | None = None
    share_year: int | None = None
    share: Amount | None = None
    parts: dict[str, Amount] = field(default_factory=dict)


def _amount(m: re.Match[str], t: str, group: int = 1, prefix: str = "") -> Amount | None:
    """The amount matched, or None when it runs to the end of the text without a unit: a
    line broken inside the figure ("总金额为6" / "820万元…"), not a figure without a unit."""
    unit = m.group(group + 1)
    if unit is None and m.end(group) >= len(t.rstrip()):
        return None
    text = m.group(0)[len(prefix):].strip(" :：为是") if prefix else m.group(0).strip()
    return Amount(float(m.group(group).replace(",", "").replace("，", "")), unit, text)


def parse_statement(text: str, rule: AmountStatementRule, location: Location
                    ) -> Statement | None:
    t = unicodedata.normalize("NFKC", text).strip()
    if not any(a in t for a in rule.anchors):
        return None
    st = Statement(text=t, location=location)
    for term in rule.total_terms:
        m = re.search(re.escape(term) + _FILLER + _AMOUNT, t)
        if m:
            st.total = _amount(m, t, 1, term)
            break
    share_terms = "|".join(re.escape(s) for s in rule.share_terms)
    m = re.search(r"其中[^\d。；;]{0,6}?(\d{4})\s*年(?:度)?[^\d。；;]{0,8}?(?:" + share_terms
                  + r")" + _FILLER + _AMOUNT, t)
    if m:
        st.share_year = int(m.group(1))
        st.share = _amount(m, t, 2)
    for term in rule.part_terms:
        pm = re.search(re.escape(term) + _FILLER + _AMOUNT, t)
        amount = _amount(pm, t, 1, term) if pm else None
        if amount is not None:
            st.parts[term] = amount
    if st.total is None and st.share is None and st.share_year is None:
        return None
    return st


def _texts(doc) -> list[tuple[str, Location]]:
    """Paragraphs and table cells; a text-PDF's lines are joined with the next line when
    they stop mid-sentence (a figure and its unit are often on two lines)."""
    out: list[tuple[str, Location]] = []
    for page in doc.pages:
        blocks = [b for b in page.blocks if b.kind != "cell" and b.text.strip()]
        for i, b in enumerate(blocks):
            text = b.text.strip()
            if b.kind == "line" and i + 1 < len(blocks) and blocks[i + 1].kind == "line" \
                    and not re.search(r"[。；;！!？?]$", text):
                text += blocks[i + 1].text.strip()
            out.append((text, Location(path=doc.path, page=page.number, bbox=b.bbox,
                                       excerpt=re.sub(r"\s+", " ", text)[:80])))
    for table in doc.tables:
        for cell in table.cells:
            if cell.merged_from is None and cell.text.strip():
                out.append((cell.text, Location(path=doc.path, page=table.page, bbox=cell.bbox,
                                                excerpt=re.sub(r"\s+", " ", cell.text)[:80])))
    return out


def statements(rule: AmountStatementRule, ctx: CheckContext) -> list[Statement]:
    """Each text (paragraph, joined lines or table cell) that states the amount, once."""
    out: list[Statement] = []
    seen: set[str] = set()
    docs = sorted((d for d in ctx.readable if d.kind.value in rule.kinds),
                  key=lambda d: d.kind.value != "declaration")
    for doc in docs:
        for text, loc in _texts(doc):
            key = re.sub(r"\s+", "", text)
            if key in seen:
                continue
            st = parse_statement(text, rule, loc)
            if st is not None:
                seen.add(key)
                out.append(st)
    return out


@rule_check(AmountStatementRule, codes=(), also_rule_severity=(
    FindingCode.DATE_OUT_OF_RANGE, FindingCode.INVALID_UNIT, FindingCode.CALCULATION_MISMATCH))
def check_amount_statement(rule: AmountStatementRule, ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    reported: set[str] = set()
    for st in statements(rule, ctx):
        if rule.year is not None and st.share_year is not None and st.share_year != rule.year \
                and "year" not in reported:
            reported.add("year")
            out.append(Finding(
                code=FindingCode.DATE_OUT_OF_RANGE, severity=RULE_SEVERITY,
                message=f"{rule.title}：“其中”一项应为{rule.year}年投入，材料写的是"
                        f"{st.share_year}年（“{st.share.text if st.share else ''}”）。"
                        f"请填写{rule.year}年的投入金额。",
                expected=f"{rule.year}年", actual=f"{st.share_year}年", locations=[st.location]))
        amounts = [a for a in (st.total, st.share, *st.parts.values()) if a is not None]
        bare = [a.text for a in amounts if a.unit is None]
        if bare and "unit" not in reported:
            reported.add("unit")
            out.append(Finding(
                code=FindingCode.INVALID_UNIT, severity=RULE_SEVERITY,
                message=f"{rule.title}：金额未注明单位（{'、'.join(bare)}），应以{rule.unit}填写。",
                expected=rule.unit, actual=bare, locations=[st.location]))
        if st.total is None:
            continue
        total = st.total.wan(rule.unit)
        if rule.part_terms and len(st.parts) == len(rule.part_terms) and "parts" not in reported:
            computed = sum(a.wan(rule.unit) for a in st.parts.values())
            if abs(computed - total) > rule.abs_tolerance:
                reported.add("parts")
                how = " + ".join(f"{k} {fmt(a.wan(rule.unit))}" for k, a in st.parts.items())
                out.append(Finding(
                    code=FindingCode.CALCULATION_MISMATCH, severity=RULE_SEVERITY,
                    message=f"{not_met(rule.title)}：总金额为 {fmt(total)}{rule.unit}，按{how} 计算应为 "
                            f"{fmt(computed)}{rule.unit}。请核对。",
                    expected=round(computed, 4), actual=total, locations=[st.location]))
        if st.share is not None and st.share.wan(rule.unit) > total + rule.abs_tolerance \
                and "share" not in reported:
            reported.add("share")
            out.append(Finding(
                code=FindingCode.CALCULATION_MISMATCH, severity=RULE_SEVERITY,
                message=f"{not_met(rule.title)}：其中{st.share_year}年投入 "
                        f"{fmt(st.share.wan(rule.unit))}{rule.unit}，超过总金额 {fmt(total)}"
                        f"{rule.unit}。请核对。",
                expected=f"≤{fmt(total)}", actual=st.share.wan(rule.unit),
                locations=[st.location]))
    return out
