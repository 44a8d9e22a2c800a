"""INVALID_UNIT: an indicator value carries the unit the catalogue expects.

The unit is the one written right after the figure ("356.8亿元", "586万吨"), else one printed
in brackets in the label ("产业规模（亿元）"), else the 单位 cell right of the value. An amount
in another unit of money converts and is right (5,237,000万元 = 523.7亿元) — unless the same
figure is written elsewhere in the declaration with the prescribed unit (88.5 in a 单位 cell
“万元” while the text says 88.5亿元: the unit cell is wrong, not the scale). A level (单位 等级)
is written as a level: 三级, 第三级, 等保三级."""
from __future__ import annotations

import re
import unicodedata

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from checks.invalid_values import invalid_reason
from checks.display import field_name
from criteria.schema import UnitRule
from models import Finding, FindingCode
from models.fields import FieldObservation

_BRACKETED = re.compile(r"\(([^()]*)\)")
_MONEY = {"元": 1e-4, "千元": 1e-1, "万元": 1.0, "百万元": 100.0, "亿元": 1e4, "万亿元": 1e8}
_FIGURE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*([^\d\s,，。；;、:：()（）]{0,4})")
# Words that follow a figure without being its unit (356.8。2022年… / 45 （说明）).
_NOT_UNIT = re.compile(r"^(年|月|日|左右|以上|以下|余|多)")


def _norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s).replace(" ", "").lower()


def _written_unit(value: str, known: list[str]) -> tuple[str | None, str | None]:
    """(the figure, the unit written right after it) in ``value``; the unit is the longest
    known unit the text after the figure starts with, else the word there (万吨), else None."""
    m = _FIGURE.search(unicodedata.normalize("NFKC", value))
    if m is None:
        return None, None
    tail = m.group(2)
    for u in sorted(known, key=len, reverse=True):
        if tail.lower().startswith(u.lower()):
            return m.group(0)[:m.start(2) - m.start()].strip(), u
    if not tail or _NOT_UNIT.match(tail):
        return m.group(0).strip(), None
    return m.group(0)[:m.start(2) - m.start()].strip(), tail


def _unit_cell(obs: FieldObservation) -> str | None:
    """The 单位 column's cell: the first cell right of the value, when it is a short word."""
    rest = unicodedata.normalize("NFKC", str(obs.extra.get("row_rest", "")))
    first = rest.split(" ")[0].strip() if rest else ""
    if first and len(first) <= 4 and not re.search(r"\d", first):
        return first
    return None


def _declaration_text(ctx: CheckContext) -> str:
    return _norm("\n".join(b.text for d in ctx.declarations for p in d.pages for b in p.blocks))


@rule_check(UnitRule, codes=(FindingCode.INVALID_UNIT,))
def check_unit(rule: UnitRule, ctx: CheckContext) -> list[Finding]:
    code = FindingCode.INVALID_UNIT
    known = sorted({*rule.units, *_MONEY, "%", "万吨", "吨"}, key=len, reverse=True)
    out: list[Finding] = []
    doc_text: str | None = None
    for key in rule.fields:
        obs = ctx.best(key, "declaration")
        if obs is None or obs.is_empty:
            continue
        spec = ctx.spec(key)
        if invalid_reason(obs, spec) is not None:
            continue  # not a value at all: INVALID_VALUE's, not a unit slip
        expected = spec.unit
        value = obs.value or ""
        if expected == "等级" and re.search(r"[级等]", value):
            continue  # 三级, 第三级, 等保三级: a level is its own unit
        figure, unit = _written_unit(value, known)
        if unit is None:
            in_label = [u for u in _BRACKETED.findall(unicodedata.normalize("NFKC", obs.label or ""))
                        if u.strip()]
            unit = next((u.strip() for u in in_label if u.strip() in known), None) \
                or _unit_cell(obs)
        if figure is None and unit is None:
            # No figure at all: judge the text as written (a level in words, a description).
            where = _norm(" ".join([value, str(obs.extra.get("row_rest", ""))]))
            if expected and _norm(expected) in where:
                continue
        elif expected and unit is not None:
            if _norm(unit) == _norm(expected):
                continue
            if unit in _MONEY and expected in _MONEY:
                # Another unit of money converts — unless the same figure is written with
                # the prescribed unit elsewhere (then this unit is a slip).
                if doc_text is None:
                    doc_text = _declaration_text(ctx)
                same = figure and _norm(f"{figure}{expected}") in doc_text
                if not same:
                    continue
        elif not expected and unit is not None and _norm(unit) in {_norm(u) for u in rule.units}:
            continue
        shown = value if len(value) <= 30 else value[:30] + "…"
        if unit and unit not in shown:
            shown = f"{shown}（单位：{unit}）"
        want = expected or "/".join(rule.units)
        out.append(Finding(
            code=code, severity=RULE_SEVERITY, field=key,
            message=f"{field_name(spec)}的单位不符：应为“{want}”，填写为“{shown}”"
                    f"{'' if unit else '（未写单位）'}。",
            expected=expected or rule.units, actual=obs.value, locations=[obs.location]))
    return out
