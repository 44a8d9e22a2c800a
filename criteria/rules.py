"""The rule kinds a programme declares (``rules:``); each is interpreted by a generic
check in checks/ (see checks.registry.RULE_CHECKS)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, Union

from pydantic import Field, model_validator

from criteria.base import Condition, SeedSource, SeverityName, SourceKind, Strict
from criteria.tables import Quantity

if TYPE_CHECKING:
    from models.findings import FindingCode

class RuleBase(Strict):
    source: SeedSource | None = None
    # Optional stable id (used as the finding's requirement when set).
    id: str | None = None
    # The rule applies only when this condition holds (e.g. target level 先进级).
    when: Condition | None = None
    severity: SeverityName = "error"
    # Finding code to emit instead of the rule kind's default (a models.FindingCode name).
    code: str | None = None

    @model_validator(mode="after")
    def _known_code(self) -> "RuleBase":
        from models.findings import FindingCode

        if self.code is not None and self.code not in FindingCode.__members__:
            raise ValueError(f"unknown finding code {self.code!r}")
        return self

    def finding_code(self, default: "FindingCode") -> "FindingCode":
        """The code this rule's findings carry: its ``code`` override, else the kind's
        ``default``."""
        from models.findings import FindingCode

        return FindingCode[self.code] if self.code else default


class WordRangeRule(RuleBase):
    kind: Literal["word_range"]
    field: str | None = None
    section: str | None = None
    min: int | None = None
    max: int | None = None
    # Which 字数 definition the limit uses; "word" = Microsoft Word's 字数统计.
    count: Literal["word"] = "word"

    @model_validator(mode="after")
    def _target(self) -> "WordRangeRule":
        if bool(self.field) == bool(self.section):
            raise ValueError("word_range names exactly one of field or section")
        if self.min is None and self.max is None:
            raise ValueError("word_range needs min, max or both")
        return self


class EqualsRule(RuleBase):
    """The same fact read from several documents must agree."""

    kind: Literal["equals"]
    field: str
    sources: list[SourceKind]
    compare: Literal["text", "company_name", "number", "date", "address", "identifier"] = "text"
    # For numbers: relative tolerance (0.01 = 1%) and absolute tolerance in the field's unit.
    rel_tolerance: float = 0.0
    abs_tolerance: float = 0.0
    # For addresses: minimum rapidfuzz partial-ratio to accept (addresses are written loosely).
    min_similarity: float = 90.0


class IdentifierRule(RuleBase):
    kind: Literal["identifier"]
    field: str
    scheme: Literal["uscc", "id_number"]


class NotExpiredRule(RuleBase):
    """A document's validity (e.g. the licence's 营业期限) must not end before --as-of."""

    kind: Literal["not_expired"]
    field: str


class CoversYearsRule(RuleBase):
    """The documents of an attachment must cover each listed year (e.g. statements)."""

    kind: Literal["covers_years"]
    attachment: str
    years: list[int]


class CoversRecentMonthsRule(RuleBase):
    """The documents of an attachment must cover the last ``months`` full months before
    --as-of, allowing ``grace_months`` of lag (the current month's proof is rarely out)."""

    kind: Literal["covers_recent_months"]
    attachment: str
    months: int
    grace_months: int = 1


class RegionRule(RuleBase):
    """Eligibility: registered in a province, judged by the USCC division and the address."""

    kind: Literal["region"]
    province_code: str
    province_name: str
    uscc_field: str = "uscc"
    address_field: str = "address"


class OcrConfidenceRule(RuleBase):
    kind: Literal["ocr_confidence"]
    min_confidence: float = 0.8
    severity: SeverityName = "warning"


class SumRule(RuleBase):
    """A stated total equals the sum of its parts (fields or a table aggregate)."""

    kind: Literal["sum"]
    title: str
    total: Quantity
    parts: list[Quantity]
    rel_tolerance: float = 0.0
    abs_tolerance: float = 0.0


class RatioRule(RuleBase):
    """A stated rate (in %) equals numerator ÷ denominator × 100, within ``tolerance_points``
    percentage points (装备联网率 = 接入系统或平台的装备数 / 装备总数)."""

    kind: Literal["ratio"]
    title: str
    stated: Quantity
    numerator: Quantity
    denominator: Quantity
    tolerance_points: float = 0.0


class BandRule(RuleBase):
    """Each row's stated score lies in the band its stated level and 符合程度 fix
    (Jiangsu 表3). Bands are [low, high) unless low == high (an exact score)."""

    kind: Literal["band"]
    title: str
    table: str
    level_column: str
    score_column: str
    degree_column: str | None = None
    # level → degree ("" when the level has no degrees) → [low, high)
    bands: dict[str, dict[str, tuple[float, float]]]
    # Level values that take the row out of the check (不涉及此环节).
    skip_levels: list[str] = Field(default_factory=list)


class CountAtLeastRule(RuleBase):
    """At least ``min`` items, optionally covering named groups (环节)."""

    kind: Literal["count_at_least"]
    title: str
    count: Quantity
    min: int
    # Groups that must each have at least one item: read from this table column.
    group_column: str | None = None
    groups: list[str] = Field(default_factory=list)
    # When a row states no group, map its item (e.g. a scenario name) to one; documented
    # in the catalogue because the seed does not fix it.
    group_of_item: dict[str, str] = Field(default_factory=dict)
    item_column: str | None = None
    # The count does not apply when any document of the dossier says one of these (获评国家、
    # 省级示范试点的不受案例数量限制: a 试点示范 title waives the case count).
    waived_by: list[str] = Field(default_factory=list)
    # A row that states another classification than the groups (the 《指引》's categories
    # 计划调度, 质量管控 … where the rule counts 环节): which group each name belongs to.
    group_aliases: dict[str, str] = Field(default_factory=dict)


class UnitRule(RuleBase):
    """An indicator value carries the expected unit (亿元, 个, 家, %, TB …)."""

    kind: Literal["unit"]
    fields: list[str]
    units: list[str]


class ValueRangeRule(RuleBase):
    """A stated number lies in [min, max] (percentages 0–100, maturity level ≥ 2 …)."""

    kind: Literal["value_range"]
    title: str
    value: Quantity
    min: float | None = None
    max: float | None = None
    min_exclusive: bool = False


class DateWindowRule(RuleBase):
    """A date lies within a window relative to --as-of or to the programme year."""

    kind: Literal["date_window"]
    field: str
    relative_to: Literal["as_of", "programme_year"] = "as_of"
    # Offsets in days from the anchor (as_of) or whole years (programme_year → Jan 1/Dec 31).
    not_before_days: int | None = None
    not_after_days: int | None = None
    not_before_years: int | None = None
    not_after_years: int | None = None


class EvidenceAttachedRule(RuleBase):
    """Evidence promised in the text (见截图, 应用视频) must be in the dossier."""

    kind: Literal["evidence_attached"]
    title: str
    # Any of these in a section (or anywhere in the declaration) promises evidence …
    trigger_terms: list[str]
    section: str | None = None
    # … that a document of one of these kinds must supply.
    kinds: list[str]


class SealRule(RuleBase):
    """The page carrying ``page_keywords`` (真实性承诺) bears a red seal."""

    kind: Literal["seal"]
    page_keywords: list[str]
    # The page must exist at all (a pledge) — otherwise its absence is the finding.
    page_required: bool = False
    # any_page: one sealed matching page suffices; every_document: each document with a
    # matching page (every user evaluation) must carry a seal on one of them; every_page:
    # each matching page must (the page with a 盖章 line of every user's evaluation).
    scope: Literal["any_page", "every_document", "every_page"] = "any_page"
    # Only documents of these kinds are looked at (default: all).
    kinds: list[str] = Field(default_factory=list)
    # How the page is called in messages (default: its first keyword).
    page_name: str | None = None


class SignatureRule(RuleBase):
    """Handwriting (or a typed name) beside the signature label on the pledge page."""

    kind: Literal["signature"]
    page_keywords: list[str]
    signature_labels: list[str]
    page_required: bool = False
    # Who must sign, in the form's words (法定代表人): named in the messages.
    signer: str | None = None


class TableTotalsRule(RuleBase):
    """Every table with a 合计/总计 row in the documents of ``kinds``: each figure column's
    total equals the sum of its rows (CALCULATION_MISMATCH)."""

    kind: Literal["table_totals"]
    kinds: list[str]
    severity: SeverityName = "warning"
    rel_tolerance: float = 0.0005


class ReferencedFilesRule(RuleBase):
    """Files the narrative cites by name (截图1.png, 附件3-1 APS排产界面截图.png) are in the
    dossier (MISSING_ATTACHMENT otherwise)."""

    kind: Literal["referenced_files"]
    kinds: list[str] = Field(default_factory=lambda: ["declaration", "other"])


class ExcludesRule(RuleBase):
    """A field's value must not contain any of ``terms`` (具有独立法人资格: a licence whose
    类型 is 分公司 belongs to a branch, not an independent legal person)."""

    kind: Literal["excludes"]
    field: str
    terms: list[str]
    title: str
    # What the condition demands, in the reviewer's words (shown as "expected").
    expected: str


class SingleValueRule(RuleBase):
    """A field names one thing only (本表仅可填写一款产品)."""

    kind: Literal["single_value"]
    field: str
    separators: list[str] = Field(default_factory=lambda: ["、", "；", ";", "及", "和", "/", "\n"])
    # Another field that names the thing (e.g. product names repeated in sections).
    also_in_sections: list[str] = Field(default_factory=list)
    # A part of the value counts as an item of its own when it ends like one (a product:
    # 平台, 系统, 网关 …), after a version, model or bracketed note is set aside.
    item_endings: list[str] = Field(min_length=1)
    # Measure word and noun the items are counted in ("填写了 2 款产品", expected "一款产品").
    counter: str = "项"
    # The form's own instruction, quoted in the message (本表仅可填写一款产品 …).
    instruction: str | None = None


EvidenceStatusName = Literal["met", "partial"]


class NarrativeEvidenceRule(RuleBase):
    """Every indicator that needs a written description (``needs_narrative``) is evidenced
    by some passage of the dossier's narrative documents; one MISSING_EVIDENCE per
    indicator whose evidence status is below ``min_status``."""

    kind: Literal["narrative_evidence"]
    title: str = "指标文字说明"
    # Limit to these indicator ids (default: every indicator with needs_narrative, of the
    # programme and — when ``catalogue`` is set — of that catalogue only).
    indicators: list[str] = Field(default_factory=list)
    catalogue: str | None = None
    # "partial" (default): only indicators with no plausible passage at all are reported.
    min_status: EvidenceStatusName = "partial"


class StarLevelRule(RuleBase):
    """Estimates the level an applicant's narrative supports: the highest level whose ★
    indicators (and all lower levels' ★ indicators) are evidenced, listing the next
    level's unevidenced ★ items. An estimate for the reviewer, reported as info."""

    kind: Literal["star_level"]
    title: str = "★指标等级估计"
    severity: SeverityName = "info"
    min_status: EvidenceStatusName = "met"
    # Count an indicator only when a passage evidences it more than any other indicator
    # (a paragraph about one ★ item does not also prove its neighbour).
    exclusive: bool = True
    # Display names of the levels (1 → 一级 …); a level without a name is shown as "N级".
    level_names: dict[int, str] = Field(default_factory=dict)


class ClaimedScenariosRule(RuleBase):
    """Each scenario the applicant claims (a row of ``table``, named in ``name_column``)
    is evidenced by the narrative; claimed but unevidenced → MISSING_EVIDENCE. Scenarios
    the narrative evidences (status met, and the passage fits that scenario best) but that
    are not claimed are listed in one info finding (UNCLAIMED_SCENARIO)."""

    kind: Literal["claimed_scenarios"]
    title: str = "申报场景佐证"
    table: str
    name_column: str
    min_status: EvidenceStatusName = "met"
    # Report evidenced-but-unclaimed scenarios (info).
    report_unclaimed: bool = True
    # Similarity (rapidfuzz ratio on normalised names) for a claimed name to count as an
    # indicator's title (人机协同作业 ↔ 人机协同制造).
    name_match: float = 75.0


class AnyOfCondition(Strict):
    """Holds when ``field`` (its ticked options, or its written value) contains any of
    ``any``."""

    field: str
    any: list[str]


class AnyOfRule(RuleBase):
    """At least one of several conditions holds (规模以上工业企业, or one of the kinds of
    enterprise that 可参照执行). Decided only when the dossier answers at least one of the
    fields (boxes recognised or a value written): a form that says nothing is not a "no"."""

    kind: Literal["any_of"]
    title: str
    conditions: list[AnyOfCondition]


class AmountStatementRule(RuleBase):
    """A sentence stating a total amount, its share for one year and, optionally, its
    itemised parts ("自2014年以来总金额X万元，其中：2024年投入Y万元"), wherever it is written
    (declaration prose, a form cell, a remark column of a spreadsheet). Checked: the year
    named for the share (DATE_OUT_OF_RANGE), amounts written without ``unit``
    (INVALID_UNIT), and parts that do not add up to the total or a share above the total
    (CALCULATION_MISMATCH)."""

    kind: Literal["amount_statement"]
    title: str
    # A text is such a statement when it contains one of these …
    anchors: list[str]
    # … and the total follows one of these words.
    total_terms: list[str]
    # The year the share must be for ("其中：2024年投入"); None: not checked.
    year: int | None = None
    # The share follows "其中…YYYY年" and one of these words.
    share_terms: list[str] = Field(default_factory=lambda: ["投入"])
    unit: str = "万元"
    # Itemised parts of the total (软件系统, 解决方案, 硬件设备): when all are stated with an
    # amount they must add up to the total.
    part_terms: list[str] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=lambda: ["declaration", "other"])
    abs_tolerance: float = 0.5


class WholeNumberRule(RuleBase):
    """Counts (单位 家, 个, 项, 人, 次) are whole numbers: 1323.5家 is not a count
    (VALUE_OUT_OF_RANGE). Applies to ``fields``, or to every field whose unit is in ``units``."""

    kind: Literal["whole_number"]
    fields: list[str] = Field(default_factory=list)
    units: list[str] = Field(default_factory=list)


class AtMostFieldRule(RuleBase):
    """One stated figure cannot exceed another (a subset: 规上企业 ⊆ 产业链企业); the
    finding is INCONSISTENT_VALUE by default."""

    kind: Literal["at_most_field"]
    title: str
    field: str
    bound: str


class StatedShareRule(RuleBase):
    """A stated share (in %) against the figures written beside it (its 说明 or sentence):
    "379.8亿元÷760亿元" → 50.0 %; with one amount there, that amount is the denominator and
    ``numerator`` (a field) the numerator. CALCULATION_MISMATCH beyond ``tolerance_points``;
    a share written as a fraction (0.297 for 29.7 %) is INVALID_UNIT (``fraction_severity``)."""

    kind: Literal["stated_share"]
    title: str
    field: str
    numerator: str | None = None
    tolerance_points: float = 0.15
    fraction_severity: SeverityName = "warning"


class BreakdownSumRule(RuleBase):
    """A stated total against the breakdown written beside it ("其中瞪羚企业23家、…") or in
    the table it cites (《优势企业统计表》 with its 合计 row): CALCULATION_MISMATCH."""

    kind: Literal["breakdown_sum"]
    title: str
    field: str
    min_parts: int = 2


class PeriodYearsRule(RuleBase):
    """The years written with a figure fit the period its definition names: ``last_year``
    (上年度 = the year before --as-of) or ``recent_years`` (近三年: none before --as-of's year
    minus ``years``). DATE_OUT_OF_RANGE."""

    kind: Literal["period_years"]
    title: str
    fields: list[str]
    period: Literal["last_year", "recent_years"]
    years: int = 3


Rule = Annotated[
    Union[WordRangeRule, EqualsRule, IdentifierRule, NotExpiredRule, CoversYearsRule,
          CoversRecentMonthsRule, RegionRule, OcrConfidenceRule, SumRule, RatioRule, BandRule,
          CountAtLeastRule, UnitRule, ValueRangeRule, DateWindowRule, EvidenceAttachedRule,
          SealRule, SignatureRule, SingleValueRule, NarrativeEvidenceRule, StarLevelRule,
          ClaimedScenariosRule, AnyOfRule, AmountStatementRule, WholeNumberRule,
          AtMostFieldRule, StatedShareRule, BreakdownSumRule, PeriodYearsRule, ExcludesRule,
          TableTotalsRule, ReferencedFilesRule],
    Field(discriminator="kind"),
]

