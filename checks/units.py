"""INVALID_UNIT: an indicator value carries the unit the catalogue expects."""
from __future__ import annotations

import re
import unicodedata

from checks.context import CheckContext
from checks.display import field_name
from criteria.schema import UnitRule
from models import Finding, FindingCode, Severity


_BRACKETED = re.compile(r"\(([^()]*)\)")


def _norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s).replace(" ", "").lower()


def check_unit(rule: UnitRule, ctx: CheckContext) -> list[Finding]:
    code = rule.finding_code(FindingCode.INVALID_UNIT)
    units = [_norm(u) for u in rule.units]
    out: list[Finding] = []
    for key in rule.fields:
        obs = ctx.best(key, "declaration")
        if obs is None or obs.is_empty:
            continue
        spec = ctx.spec(key)
        # The unit may be written with the value, printed in brackets in the label
        # ("(亿元)"), or sit in a 单位 column beside the value. Only bracketed label text
        # counts: 数字人才数量 has 人 in its name, which says nothing about the figure.
        in_label = " ".join(_BRACKETED.findall(unicodedata.normalize("NFKC", obs.label or "")))
        where = _norm(" ".join([obs.value or "", in_label, str(obs.extra.get("row_rest", ""))]))
        expected = spec.unit and _norm(spec.unit)
        wanted = [u for u in units if not expected or u == expected] or units
        if any(u in where for u in wanted):
            continue
        out.append(Finding(
            code=code, severity=Severity(rule.severity), field=key,
            message=f"{field_name(spec)}的单位不符：应为“{'/'.join(rule.units if not expected else [spec.unit])}”，"
                    f"填写为“{obs.value}”。",
            expected=spec.unit or rule.units, actual=obs.value, locations=[obs.location]))
    return out
