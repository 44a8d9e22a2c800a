"""Chinese names for the keys a report carries (field keys, requirement and rule ids, document
kinds, finding codes), for pages people read. The report keeps its keys (they are the JSON
contract); the names come from the programme's YAML where it has them and from the tables
below for what is the same in every programme."""
from __future__ import annotations

import re
from typing import Any

from checks.attachments import KIND_NAMES
from checks.display import SOURCE_NAMES
from criteria.loader import UnknownProgrammeError, load_programme
from criteria.schema import Programme
from models import FindingCode

CODE_NAMES: dict[str, str] = {
    "MISSING_FIELD": "栏目未填写", "OPTION_NOT_SELECTED": "选项未勾选", "OPTION_CONFLICT": "选项互相矛盾",
    "MISSING_ATTACHMENT": "缺少附件", "WORD_LIMIT_EXCEEDED": "字数超出上限",
    "WORD_COUNT_BELOW_MINIMUM": "字数不足", "INCONSISTENT_VALUE": "前后不一致",
    "INVALID_IDENTIFIER": "代码/证件号校验不通过", "DOCUMENT_EXPIRED": "证照已过期",
    "DATE_OUT_OF_RANGE": "日期不在要求范围内", "ELIGIBILITY_FAILED": "不符合申报条件",
    "UNREADABLE_FILE": "文件无法读取", "LOW_OCR_CONFIDENCE": "扫描件识别不清",
    "MISSING_EVIDENCE": "缺少佐证", "MISSING_SIGNATURE": "缺少签字", "MISSING_SEAL": "缺少盖章",
    "CALCULATION_MISMATCH": "计算不符", "INVALID_UNIT": "单位不符", "VALUE_OUT_OF_RANGE": "数值超出范围",
    "MULTIPLE_PRODUCTS": "一表填报多个产品", "COUNT_BELOW_MINIMUM": "数量不足",
    "LEVEL_ESTIMATE": "等级估计", "UNCLAIMED_SCENARIO": "未申报的场景", "EVIDENCE_NOT_CHECKED": "佐证未核对",
    "FORM_NOT_RECOGNISED": "申报书未识别", "EMBEDDED_SEAL": "电子印章待核验",
    "EMBEDDED_SIGNATURE": "电子签名待核验", "CHECK_FAILED": "核查规则出错", "INVALID_VALUE": "数值无法识别",
    "RESOURCE_LIMIT": "超出处理上限",
}
# Findings that are about a seal or signature on a page: the whole page is what the
# reviewer needs to see, so these get a page thumbnail when they point at no box.
PAGE_FINDINGS = frozenset({FindingCode.MISSING_SEAL, FindingCode.MISSING_SIGNATURE,
                           FindingCode.EMBEDDED_SEAL, FindingCode.EMBEDDED_SIGNATURE})

# A rule without a title is named after what its kind checks (every programme's rules of
# a kind check the same thing).
RULE_KIND_NAMES: dict[str, str] = {
    "word_range": "字数要求", "equals": "前后一致", "identifier": "代码校验", "not_expired": "证照有效期",
    "covers_years": "材料年度", "covers_recent_months": "材料月份", "region": "注册地",
    "ocr_confidence": "扫描件清晰度", "sum": "合计核对", "ratio": "比例核对", "band": "分段核对",
    "count_at_least": "数量要求", "unit": "计量单位", "value_range": "取值范围", "date_window": "日期范围",
    "evidence_attached": "随附佐证", "seal": "盖章", "signature": "签字", "table_totals": "表格合计",
    "referenced_files": "引用的附件", "excludes": "排除条件", "single_value": "单一填报",
    "narrative_evidence": "指标文字说明", "star_level": "等级估计", "claimed_scenarios": "申报场景佐证",
    "any_of": "申报条件", "amount_statement": "金额说明", "whole_number": "整数取值",
    "at_most_field": "数量关系", "stated_share": "占比核对", "breakdown_sum": "分项合计",
    "period_years": "统计期",
}
FIXED_TITLES = {"general": "材料整体", "eligibility.region": "申报条件", "declaration": "申报书",
                "declaration_form": "申报书表单"}
LEVEL_WORDS = "零一二三四五六七八九十"

_KEY_SHAPED = re.compile(r"^[A-Za-z][A-Za-z0-9]*([_.\-][A-Za-z0-9]+)+$")


def humanise(key: str) -> str:
    """The last resort for a key nothing names: words instead of snake_case, so the page
    never shows an identifier as if it were a label."""
    words = re.split(r"[_.]+", key.strip("_."))
    return " ".join(w for w in words if w) or key


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind) or humanise(kind)


def source_name(source: str) -> str:
    return SOURCE_NAMES.get(source) or KIND_NAMES.get(source) or humanise(source)


def code_name(code: str) -> str:
    return CODE_NAMES.get(code) or humanise(code)


def _programme(program_id: str) -> Programme | None:
    try:
        return load_programme(program_id)
    except UnknownProgrammeError:
        # A report from a programme this installation no longer has: its ids still get
        # the generic names and the humanised fallback.
        return None


class Labels:
    """Names for one report's keys, read from its programme."""

    def __init__(self, program_id: str, requirement_titles: dict[str, str] | None = None) -> None:
        self.programme = _programme(program_id)
        prog = self.programme
        self.fields: dict[str, str] = {f.key: f.label for f in prog.fields} if prog else {}
        self.titles: dict[str, str] = dict(FIXED_TITLES)
        if prog is not None:
            self.titles.update({a.id: a.title for a in prog.attachments})
            self.titles.update({t.id: t.title for t in prog.tables})
            self.titles.update({f"section.{s.key}": s.heading for s in prog.sections})
            self.titles.update({i.id: f"{i.id} {i.title}" for i in prog.indicators})
            for rule in prog.rules:
                if rule.id:
                    self.titles[rule.id] = self._rule_title(rule)
        self.titles.update(requirement_titles or {})

    def _rule_title(self, rule: Any) -> str:
        title = getattr(rule, "title", None)
        if title:
            return str(title)
        kind = RULE_KIND_NAMES.get(rule.kind, humanise(rule.kind))
        if rule.kind == "seal":
            page = rule.page_name or (rule.page_keywords[0] if rule.page_keywords else "")
            return f"{page}盖章" if page else kind
        if rule.kind == "signature":
            return f"{rule.signer}签字" if rule.signer else kind
        target = getattr(rule, "field", None)
        if isinstance(target, str) and target in self.fields:
            return f"{self.fields[target]}：{kind}"
        return kind

    def field(self, key: str | None) -> str:
        if not key:
            return ""
        return self.fields.get(key) or humanise(key)

    def requirement(self, rid: str) -> str:
        if rid in self.titles:
            return self.titles[rid]
        if rid.startswith("field."):
            return self.field(rid.removeprefix("field."))
        return humanise(rid)

    def level(self, level: Any) -> str:
        """A level number as the programme's rules name levels (一级, 二级 …)."""
        if isinstance(level, int) and not isinstance(level, bool):
            rule = next((r for r in (self.programme.rules if self.programme else [])
                         if r.kind == "star_level"), None)
            names: dict[int, str] = getattr(rule, "level_names", {}) or {}
            if level in names:
                return names[level]
            return f"{LEVEL_WORDS[level]}级" if 0 <= level < len(LEVEL_WORDS) else f"{level}级"
        return str(level)

    def indicator(self, indicator_id: str) -> str:
        return self.titles.get(indicator_id, indicator_id)


def key_shaped(text: str) -> bool:
    """Whether a text looks like an identifier (snake_case, dotted) rather than words."""
    return bool(_KEY_SHAPED.match(text)) and not text.isupper()
