"""ELIGIBILITY_FAILED when none of several qualifying conditions holds (规模以上工业企业,
or a kind of enterprise that 可参照执行) — decided only on what the dossier answers."""
from __future__ import annotations

import re
import unicodedata

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from criteria.schema import AnyOfRule
from models import Finding, FindingCode


def _norm(text: str) -> str:
    return re.sub(r"[\s\"“”'‘’]+", "", unicodedata.normalize("NFKC", text or ""))


@rule_check(AnyOfRule, codes=(FindingCode.ELIGIBILITY_FAILED,))
def check_any_of(rule: AnyOfRule, ctx: CheckContext) -> list[Finding]:
    answered: list[str] = []
    locations = []
    for cond in rule.conditions:
        spec = ctx.spec(cond.field)
        for obs in ctx.observations_for(cond.field, "declaration"):
            if spec.type == "options":
                # Ticked options, or — when no box was recognised — what is written.
                if not obs.options and not obs.extra.get("boxes_recognised"):
                    continue
                values = list(obs.options or [])
            else:
                if obs.is_empty:
                    continue
                values = [obs.value or ""]
            wanted = [_norm(w) for w in cond.any]
            if any(w and w in _norm(v) for v in values for w in wanted):
                return []  # one condition holds
            answered.append(f"{spec.label}：{'、'.join(values) if values else '均未勾选'}")
            locations.append(obs.location)
            break
    if not answered:
        return []  # the dossier does not say: nothing to decide on
    wants = "；或".join(f"{ctx.spec(c.field).label}为{'/'.join(c.any)}" for c in rule.conditions)
    return [Finding(
        code=FindingCode.ELIGIBILITY_FAILED, severity=RULE_SEVERITY,
        field=rule.conditions[0].field,
        message=f"{rule.title}：申报条件要求{wants}，但材料中{'；'.join(answered)}。",
        expected=wants, actual=answered, locations=locations)]
