"""How values are shown in Chinese messages."""
from __future__ import annotations

from typing import Any

from criteria.schema import FieldSpec
from models.fields import FieldObservation


def field_name(spec: FieldSpec) -> str:
    return f"“{spec.label}”"


def shown(obs: FieldObservation | None, spec: FieldSpec | None = None) -> Any:
    """The comparable value as a reviewer reads it (万元 amounts as numbers)."""
    if obs is None:
        return None
    n = obs.normalized
    if isinstance(n, dict) and "amount_wan" in n:
        amount = n["amount_wan"]
        amount = int(amount) if float(amount).is_integer() else round(amount, 4)
        return amount if n.get("currency", "CNY") == "CNY" else f"{amount} 万{n['currency']}"
    if isinstance(n, float) and n.is_integer():
        return int(n)
    return n if n not in (None, "") else obs.value


def with_unit(value: Any, spec: FieldSpec | None) -> str:
    if value is None:
        return "（空）"
    unit = spec.unit if spec is not None and spec.unit else ""
    if isinstance(value, float):
        value = f"{value:.4f}".rstrip("0").rstrip(".")
    if unit and isinstance(value, (int, str)) and str(value).replace(".", "").isdigit():
        return f"{value} {unit}"
    return str(value)


SOURCE_NAMES = {
    "declaration": "申报书",
    "business_license": "营业执照",
    "financial_statement": "财务报表",
    "social_insurance": "社保缴纳证明",
    "id_card": "身份证",
    "other": "其他材料",
}


def not_met(title: str) -> str:
    """A rule's title as the head of a message saying it does not hold. Titles that state
    the agreement (装备联网率与设备清单一致) turn into its negation (…不一致) rather than
    taking 不符 after them (…一致不符)."""
    if title.endswith("不一致"):
        return title
    if title.endswith("一致"):
        return title.removesuffix("一致") + "不一致"
    return f"{title}不符"
