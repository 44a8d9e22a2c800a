"""INCONSISTENT_VALUE: one fact read from several documents must agree."""
from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from checks.invalid_values import invalid_reason
from checks.display import SOURCE_NAMES, field_name, shown, with_unit
from criteria.schema import EqualsRule
from models import Finding, FindingCode
from models.fields import FieldObservation


def _agree(rule: EqualsRule, a: FieldObservation, b: FieldObservation) -> bool | None:
    """True/False, or None when the two cannot be compared (different currencies,
    unparsed values)."""
    from domain.names import company_names_match

    na, nb = a.normalized, b.normalized
    if rule.compare == "company_name":
        return company_names_match(a.value or "", b.value or "")
    if rule.compare == "number":
        va, vb = _amount(na), _amount(nb)
        if va is None or vb is None:
            return None
        if _currency(na) != _currency(nb):
            return None  # like with like only (domain facts: 500万美元 ≠ 万元人民币)
        tol = max(rule.abs_tolerance, rule.rel_tolerance * max(abs(va), abs(vb)))
        return abs(va - vb) <= tol + 1e-9
    if rule.compare == "address":
        sa, sb = "".join((a.value or "").split()), "".join((b.value or "").split())
        return fuzz.partial_ratio(sa, sb) >= rule.min_similarity
    if na is None or nb is None:
        return None
    if rule.compare == "text":
        return "".join(str(na).split()) == "".join(str(nb).split())
    return na == nb


def _typo_of_valid(a: FieldObservation, b: FieldObservation) -> bool:
    """One of two differing credit codes fails its check character and the other passes:
    one typo, reported once (INVALID_IDENTIFIER), not also as a mismatch."""
    from domain.uscc import normalize_uscc, validate_uscc

    va = validate_uscc(normalize_uscc(a.value or "")).valid
    vb = validate_uscc(normalize_uscc(b.value or "")).valid
    return va != vb


def _amount(n: Any) -> float | None:
    if isinstance(n, dict):
        return n.get("amount_wan")
    if isinstance(n, (int, float)):
        return float(n)
    return None


def _currency(n: Any) -> str:
    return n.get("currency", "CNY") if isinstance(n, dict) else "CNY"


@rule_check(EqualsRule, codes=(FindingCode.INCONSISTENT_VALUE,), own_requirement=True)
def check_equals(rule: EqualsRule, ctx: CheckContext) -> list[Finding]:
    spec = ctx.spec(rule.field)
    readings: list[FieldObservation] = []
    for src in rule.sources:
        obs = ctx.best(rule.field, src)
        if obs is not None and not obs.is_empty:
            if invalid_reason(obs, spec) is not None:
                continue  # not a value: INVALID_VALUE says this comparison was not made
            readings.append(obs)
    if len(readings) < 2:
        return []
    base = readings[0]
    out: list[Finding] = []
    for other in readings[1:]:
        if _agree(rule, base, other) is not False:
            continue
        if rule.compare == "identifier" and _typo_of_valid(base, other):
            continue  # the identifier check reports the typo, naming the licence's code
        va, vb = shown(base, spec), shown(other, spec)
        na, nb = SOURCE_NAMES[base.source], SOURCE_NAMES[other.source]
        out.append(Finding(
            code=FindingCode.INCONSISTENT_VALUE, severity=RULE_SEVERITY,
            field=rule.field, requirement=f"field.{rule.field}",
            message=f"{field_name(spec)}前后不一致：{na}为“{with_unit(va, spec)}”，"
                    f"{nb}为“{with_unit(vb, spec)}”。请核对并统一。",
            expected={na: va}, actual={nb: vb},
            locations=[base.location, other.location]))
    return out
