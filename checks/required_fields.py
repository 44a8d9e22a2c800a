"""MISSING_FIELD: a required (or conditionally required) box of the form is empty.

A label that is present with nothing written after it is "未填写". A label found nowhere is
"未找到栏目" — unless most of the form's labels are missing, in which case the declaration is
probably laid out in a way the readers do not know (or is another document altogether), and
one FORM_NOT_RECOGNISED warning says so instead of a dozen findings with the same cause."""
from __future__ import annotations

import re

from checks.conditions import condition_met
from checks.context import CheckContext
from checks.display import field_name
from criteria.schema import FieldSpec
from models import Finding, FindingCode, Severity

# Below this share of required labels found, the form is "not recognised".
MIN_FOUND_SHARE = 0.34


def _required(ctx: CheckContext, spec: FieldSpec) -> bool:
    if spec.required_when is not None:
        return condition_met(ctx, spec.required_when)
    return spec.required


def _form_reading(ctx: CheckContext, key: str):  # noqa: ANN202 - FieldObservation | None
    """The reading that decides whether the box is filled: a labelled box that is empty
    stays 未填写 even when a sentence elsewhere states the figure."""
    readings = ctx.observations_for(key, "declaration")
    boxes = [o for o in readings if o.via != "prose"]
    for o in boxes or readings:
        if not o.is_empty:
            return o
    first = boxes or readings
    return first[0] if first else None


def _section_blank(text: str, prompt: str | None) -> bool:
    """Nothing written, or only the form's own prompt left in the box."""
    from rapidfuzz import fuzz

    from criteria.values import is_blank

    if is_blank(text):
        return True
    if prompt:
        squeeze = lambda t: re.sub(r"[\s。.，,；;、()（）]+", "", t)  # noqa: E731
        return fuzz.ratio(squeeze(text), squeeze(prompt)) >= 85 or \
            squeeze(text) in squeeze(prompt)
    return False


def _required_sections(ctx: CheckContext, unrecognised: bool) -> list[Finding]:
    out: list[Finding] = []
    severity = Severity(ctx.programme.missing_field_severity)
    for spec in ctx.programme.sections:
        if not spec.required:
            continue
        sec = ctx.sections.get(spec.key)
        if sec is not None and not _section_blank(sec.text, spec.description):
            continue
        if sec is None and unrecognised:
            continue
        name = f"“{spec.heading}”"
        out.append(Finding(
            code=FindingCode.MISSING_FIELD, severity=severity, field=spec.key,
            requirement=f"section.{spec.key}",
            message=(f"申报书中未找到必填栏目{name}，请补充填写。" if sec is None else
                     f"申报书必填栏目{name}未填写（只有空白或填写提示），请补充填写。"),
            expected="已填写", actual="未找到栏目" if sec is None else "未填写",
            locations=ctx.declaration_location() if sec is None else [sec.location]))
    return out


def _severity(ctx: CheckContext, spec: FieldSpec) -> Severity:
    return Severity(spec.missing_severity or ctx.programme.missing_field_severity)


def check_required_fields(ctx: CheckContext) -> list[Finding]:
    if not ctx.declarations:
        return []
    wanted = [s for s in ctx.programme.fields if s.type != "options" and _required(ctx, s)]
    found = {s.key for s in ctx.programme.fields if ctx.best(s.key, "declaration") is not None}
    required_all = [s for s in ctx.programme.fields if s.required]
    hits = [s for s in required_all if s.key in found]
    unrecognised = bool(required_all) and len(hits) < MIN_FOUND_SHARE * len(required_all)
    out: list[Finding] = []
    if unrecognised:
        labels = "、".join(s.label for s in hits) or "无"
        out.append(Finding(
            code=FindingCode.FORM_NOT_RECOGNISED, severity=Severity.warning,
            requirement="declaration_form",
            message=(f"申报书中只找到{len(hits)}/{len(required_all)}个必填栏目（{labels}），"
                     f"未能识别申报表格式，各栏目是否填写请人工核对。"),
            expected=f"{len(required_all)}个必填栏目", actual=f"找到{len(hits)}个",
            locations=ctx.declaration_location()))
    out.extend(_required_sections(ctx, unrecognised))
    for spec in wanted:
        obs = _form_reading(ctx, spec.key)
        if obs is not None and not obs.is_empty:
            continue
        if obs is None and unrecognised:
            continue
        why = f"，条件：{spec.required_when.field} 选择“{spec.required_when.equals}”" \
            if spec.required_when else ""
        severity = _severity(ctx, spec)
        lose = "（未举证，该项不得分）" if severity != Severity.error else ""
        if obs is None:
            message = f"申报书中未找到必填栏目{field_name(spec)}{why}{lose}，请补充填写。"
            locations = ctx.declaration_location()
        else:
            message = f"申报书必填栏目{field_name(spec)}未填写{why}{lose}，请补充填写。"
            locations = [obs.location]
        out.append(Finding(code=FindingCode.MISSING_FIELD, severity=severity,
                           field=spec.key, requirement=f"field.{spec.key}", message=message,
                           expected="已填写", actual="未填写" if obs else "未找到栏目",
                           locations=locations))
    return out
