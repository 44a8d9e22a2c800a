"""Typed normalisation of a field's written value according to its catalogue type."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from criteria.schema import FieldSpec
from rapidfuzz import fuzz

_CN_DIGITS = "一二三四五六七八九十"
_CN_LEVEL = re.compile(r"([一二三四五六七八九十])\s*[级等]")
_STANDARD = re.compile(r"(?:GB|JB|YB|SJ|HG|QB)\s*/?\s*[TZ]?\s*\d+(?:\.\d+)?\s*[-—–]\s*\d{4}"
                       r"|《[^《》]*》")
_PLACEHOLDER = re.compile(r"^[\s_＿\-—/／、.。无]*$")
# Words left where the answer should go ("（待补充）", "待填写"): nothing was answered.
_TO_BE_FILLED = re.compile(r"^[(（\[【]?\s*(待补充|待填写|待填报|待完善|待更新|待提供|待定|TBD)\s*[)）\]】]?[。.]?$",
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
    None when the text does not parse as the type (the raw text is still reported)."""
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
            m = _CN_LEVEL.search(t)
            return float(_CN_DIGITS.index(m.group(1)) + 1) if m else None
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
