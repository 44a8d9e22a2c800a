"""OPTION_NOT_SELECTED and OPTION_CONFLICT for the form's tick-box groups."""
from __future__ import annotations

from checks.conditions import condition_met
from checks.context import CheckContext
from checks.display import field_name
from models import Finding, FindingCode, Severity


def check_option_groups(ctx: CheckContext) -> list[Finding]:
    if not ctx.declarations:
        return []
    out: list[Finding] = []
    for spec in ctx.programme.fields:
        if spec.type != "options":
            continue
        required = spec.required
        if spec.required_when is not None:
            required = condition_met(ctx, spec.required_when)
        obs = ctx.best(spec.key, "declaration")
        ticked = (obs.options or []) if obs is not None else []
        choices = "、".join(spec.options)
        locations = [obs.location] if obs is not None else ctx.declaration_location()
        if not ticked and required:
            why = f"（已勾选“{spec.required_when.equals}”，须继续选择）" \
                if spec.required_when else ""
            kind = "多选" if spec.multiple else "单选"
            out.append(Finding(
                code=FindingCode.OPTION_NOT_SELECTED, severity=Severity.error, field=spec.key,
                requirement=f"field.{spec.key}",
                message=f"{field_name(spec)}未勾选任何选项{why}，请在“{choices}”中{kind}。",
                expected=f"{kind}：{choices}", actual="未勾选", locations=locations))
        elif len(ticked) > 1 and not spec.multiple:
            out.append(Finding(
                code=FindingCode.OPTION_CONFLICT, severity=Severity.error, field=spec.key,
                requirement=f"field.{spec.key}",
                message=f"{field_name(spec)}为单选，但勾选了{len(ticked)}项"
                        f"（{'、'.join(ticked)}），请只保留一项。",
                expected="只勾选一项", actual=ticked, locations=locations))
    return out
