"""MISSING_FIELD: a required (or conditionally required) box of the form is empty."""
from __future__ import annotations

from checks.conditions import condition_met
from checks.context import CheckContext
from checks.display import field_name
from models import Finding, FindingCode, Severity


def check_required_fields(ctx: CheckContext) -> list[Finding]:
    if not ctx.declarations:
        return []
    out: list[Finding] = []
    for spec in ctx.programme.fields:
        if spec.type == "options":
            continue  # option groups are judged by check_option_groups
        required = spec.required
        if spec.required_when is not None:
            required = condition_met(ctx, spec.required_when)
        if not required:
            continue
        obs = ctx.best(spec.key, "declaration")
        if obs is not None and not obs.is_empty:
            continue
        why = f"，条件：{spec.required_when.field} 选择“{spec.required_when.equals}”" \
            if spec.required_when else ""
        if obs is None:
            message = f"申报书中未找到必填栏目{field_name(spec)}{why}，请补充填写。"
            locations = ctx.declaration_location()
        else:
            message = f"申报书必填栏目{field_name(spec)}未填写{why}，请补充填写。"
            locations = [obs.location]
        out.append(Finding(code=FindingCode.MISSING_FIELD, severity=Severity.error,
                           field=spec.key, requirement=f"field.{spec.key}", message=message,
                           expected="已填写", actual="未填写" if obs else "未找到栏目",
                           locations=locations))
    return out
