"""Typed normalisation of a field's written value according to its catalogue type: the
blank test, the typed value and why a written value cannot be one. Pure functions of a
FieldSpec and the domain parsers, below the matchers (which read values with them) and the
checks (which judge values with them)."""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from criteria.schema import FieldSpec
from models.readings import FORMULA, SHEET_ERROR
from rapidfuzz import fuzz

_CN_DIGITS = "一二三四五六七八九十"
_CN_LEVEL = re.compile(r"([一二三四五六七八九十])\s*[级等]")
_STANDARD = re.compile(r"(?:GB|JB|YB|SJ|HG|QB)\s*/?\s*[TZ]?\s*\d+(?:\.\d+)?\s*[-—–]\s*\d{4}"
                       r"|《[^《》]*》")
_PLACEHOLDER = re.compile(r"^[\s_＿\-—/／、.。无]*$")
# Words left where the answer should go ("（待补充）", "待填写"): nothing was answered.
_TO_BE_FILLED = re.compile(
    r"^[(（\[【]?\s*(待补充|待填写|待填报|待完善|待更新|待提供|待定|TBD)\s*[)）\]】]?[。.]?$",
    flags=re.IGNORECASE)

# Word's and WPS's prompts in an unfilled content control or text field, which survive
# printing to PDF and scanning (the DOCX reader drops them where Word marks them).
_PROMPT = re.compile(
    r"^(?:(?:单击|点击|轻击|单击或点击|点击或轻击)(?:此处|这里|以)?(?:输入|键入|填写)(?:文字|文本|日期|内容)?"
    r"|选择一项|请(?:输入|填写|选择)(?:内容|文字|日期)?"
    r"|click (?:or tap )?(?:here )?to enter (?:text|a date)|choose an item)[。.]?$",
    flags=re.IGNORECASE)


def is_blank(text: str | None, spec: FieldSpec | None = None) -> bool:
    """Empty, only underscores/dashes, or the form's own instruction text left in place."""
    if text is None:
        return True
    s = unicodedata.normalize("NFKC", text).strip()
    if not s or _PLACEHOLDER.match(s) or _TO_BE_FILLED.match(s) or _PROMPT.match(s):
        return True
    if spec is not None and spec.unit and s.replace(" ", "") == spec.unit:
        return True  # the form prints "万元" in the box; nothing was written before it
    if spec is not None and spec.hint:
        hint = unicodedata.normalize("NFKC", spec.hint)
        squeeze = lambda t: re.sub(r"\s+", "", t)  # noqa: E731
        if fuzz.ratio(squeeze(s), squeeze(hint)) >= 85:
            return True
        # The form's instruction printed shorter than the catalogue's (without its example):
        # "（按国民经济行业分类具体到中类）" under 所属行业 is still the instruction.
        core = squeeze(s).strip("()（）")
        if s[:1] in "(（" and len(core) >= 4 and core in squeeze(hint).replace("(", "").replace("（", ""):
            return True
    return False


def normalize_value(spec: FieldSpec, text: str) -> Any:
    """The comparable value: 万元 as float for money, ISO date, int/float for numbers …
    None when the text does not parse as the type, or parses to something that cannot be
    the value (see :func:`read_value`); the raw text is still reported."""
    return read_value(spec, text)[0]


_NOT_FINITE = re.compile(r"^[-+−]?\s*(?:inf|infinity|nan|∞)$", flags=re.IGNORECASE)
# 1e999, -1.8E+308: no form asks for a figure in exponent notation; Decimal reads it,
# the strict domain parsers do not.
_EXPONENT = re.compile(r"(?<![A-Za-z0-9.])[-+−]?\d+(?:\.\d+)?\s*[eE]\s*[-+]?\d+(?![A-Za-z0-9])")
# No real figure of an applicant reaches this (in 元 for money, in the field's unit else).
ABSURD = 1e15
# A date written with its parts (年月日, 2022-13-45, 20221345): meant as a date.
_DATE_ATTEMPT = re.compile(r"(?<!\d)\d{4}\s*(?:年\s*\d{1,2}\s*月|[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(?!\d))"
                           r"|(?<!\d)(?:19|20)\d{6}(?!\d)")
# Digits or capital numerals (not a lone 零): meant as an amount.
_AMOUNT_ATTEMPT = re.compile(r"\d|[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]")
_BARE_FIGURE = re.compile(r"^[¥$]?\s*[-−+]?\s*\d[\d,.\s]*$")
_BRACKETED = re.compile(r"^[(（\[【<〈《].*[)）\]】>〉》]$")
# A reference instead of the value (见附件, 详见附表3): not a reading of the field.
_REFERENCE = re.compile(r"^(?:详见|见|参见|具体见|附)")


def expected_of(spec: FieldSpec) -> str:
    """What the field's value should be, in the reviewer's words."""
    if spec.type == "date":
        return "有效日期（年-月-日）"
    if spec.type == "money":
        return f"金额（{spec.unit or '元'}）"
    if spec.type == "percent":
        return "百分比（数字）"
    if spec.type == "number":
        return f"数字（{spec.unit}）" if spec.unit else "数字"
    return "可读的值"


def _helper(module: str, name: str):  # noqa: ANN202 - the domain helper, once it exists
    import importlib

    return getattr(importlib.import_module(module), name, None)


def read_value(spec: FieldSpec, text: str) -> tuple[Any, str | None]:
    """(normalized value, why the text cannot be read as the field's type).

    The second is None when the value reads, and also when the text is no attempt at a
    value at all (a blank, a placeholder, a reference 见附件, a bracketed hint, words):
    only a value that was written and is wrong is unreadable. Either way the first is then
    None when the second is set, so that no comparison uses a value that is not one."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    if not t or spec.type in ("options", "long_text"):
        return _normalize(spec, text), None
    if SHEET_ERROR.match(t):
        return None, f"为电子表格公式错误值 {t}"
    if FORMULA.match(t):
        return None, f"为未计算的公式（{t[:40]}）"
    if spec.type not in ("date", "money", "number", "percent"):
        return _normalize(spec, text), None
    if is_blank(t, spec) or _BRACKETED.match(t) or _REFERENCE.match(t):
        return _normalize(spec, text), None
    if spec.type in ("money", "number", "percent"):
        if _NOT_FINITE.match(t):
            return None, "不是有限的数值"
        if _EXPONENT.search(t):
            return None, "以科学计数法书写，不是可核对的数额"
    value = _normalize(spec, text)
    if spec.type == "date":
        if value is None:
            date_like = _helper("domain.dates", "date_like")
            if date_like(t) if date_like is not None else _DATE_ATTEMPT.search(t):
                return None, "不是有效的日期（年、月或日超出范围）"
        return value, None
    number = value.get("amount_wan") if isinstance(value, dict) else value
    if isinstance(number, (int, float)) and not isinstance(number, bool):
        scale = 10000.0 if spec.type == "money" else 1.0
        if not math.isfinite(number) or abs(number) * scale >= ABSURD:
            return None, "数值不是有限的合理数额（绝对值过大）"
        return value, None
    if value is None and _BARE_FIGURE.match(t.replace("%", "").replace(spec.unit or "%", "")):
        # A figure alone in the box (the form prints the unit) that the parser rejects.
        if len(re.sub(r"[^\d.]", "", t).split(".")[0]) > 15:
            return None, "数值不是有限的合理数额（绝对值过大）"
        return None, "无法识别为金额" if spec.type == "money" else "无法识别为数字"
    if value is None and spec.type == "money":
        amount_like = _helper("domain.money", "amount_like")
        if amount_like(t) if amount_like is not None else \
                _AMOUNT_ATTEMPT.search(_STANDARD.sub(" ", t)):
            return None, "无法识别为金额"
    return value, None


def _normalize(spec: FieldSpec, text: str) -> Any:
    from domain import dates, money, names, uscc

    t = text.strip()
    if spec.type == "money":
        m = money.parse_money(t, default_unit=spec.unit or "元")
        if m is None:
            return None
        return {"amount_wan": float(money.to_wan(m)), "currency": m.currency}
    if spec.type in ("number", "percent"):
        # A standard's designation is not the value: "GB/T 39116-2020 二级" is level 2.
        t = _STANDARD.sub(" ", t).strip(" :：()（）")
        n = money.parse_number(t.replace("%", "").replace("％", ""))
        if n is None:
            # Levels are often written in words: 三级, 成熟度四级.
            level = _CN_LEVEL.search(t)
            return float(_CN_DIGITS.index(level.group(1)) + 1) if level else None
        return float(n)
    if spec.type == "date":
        d = dates.parse_date(t)
        return None if d is None else str(d)
    if spec.type == "identifier":
        return uscc.normalize_uscc(t)
    if spec.key == "company_name":
        return names.normalize_company_name(t)
    return compact_text(t)


def compact_text(text: str) -> str:
    """NFKC, whitespace collapsed, and no spaces next to CJK characters: line breaks inside
    a Chinese paragraph (a DOCX cell vs. OCR lines of the same cell) must not matter."""
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    return _SPACE_BY_CJK.sub("", s)


_SPACE_BY_CJK = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")
