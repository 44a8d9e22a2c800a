"""Pydantic schema of a programme catalogue (one YAML file per programme and year).

Everything a check needs to know about a programme lives here as data; the checks are
generic interpreters of these declarations. Unknown keys are rejected so that a typo in a
YAML file is reported at load time with its path instead of being silently ignored.

The models are split by concern: criteria.base (strict models, seed quotes, conditions),
criteria.tables (tables, sections, quantities), criteria.rules (the rule kinds) and
criteria.indicators (indicators and shared catalogues); this module holds the programme and
its fields and re-exports the rest, so ``from criteria.schema import X`` works for all.
"""
from __future__ import annotations

from pydantic import Field, model_validator

from criteria.base import (SEED_PREFIX, Condition, FieldType, ReaderKind, SeedSource,
                           SeverityName, SourceKind, Strict)
from criteria.indicators import Catalogue, IndicatorSpec, KeywordSpec
from criteria.recommendation_list import RecommendationList
from criteria.rules import (AmountStatementRule, AnyOfCondition, AnyOfRule, AtMostFieldRule,
                            BandRule, BreakdownSumRule, ClaimedScenariosRule,
                            CountAtLeastRule, CoversRecentMonthsRule, CoversYearsRule,
                            DateWindowRule, EqualsRule, EvidenceAttachedRule,
                            EvidenceStatusName, ExcludesRule, IdentifierRule,
                            NarrativeEvidenceRule, NotExpiredRule, OcrConfidenceRule,
                            PeriodYearsRule, RatioRule, ReferencedFilesRule, RegionRule, Rule,
                            RuleBase, SealRule, SignatureRule, SingleValueRule,
                            StarLevelRule, StatedShareRule, SumRule, TableTotalsRule,
                            UnitRule, ValueRangeRule, WholeNumberRule, WordRangeRule)
from criteria.tables import (Aggregate, ColumnType, HeadingRows, Quantity, SectionSpec,
                             TableColumn, TableSpec)

__all__ = [
    "SEED_PREFIX", "Condition", "FieldType", "ReaderKind", "SeedSource", "SeverityName",
    "SourceKind", "Strict", "Catalogue", "IndicatorSpec", "KeywordSpec",
    "AmountStatementRule", "AnyOfCondition", "AnyOfRule", "AtMostFieldRule", "BandRule",
    "BreakdownSumRule", "ClaimedScenariosRule", "CountAtLeastRule", "CoversRecentMonthsRule",
    "CoversYearsRule", "DateWindowRule", "EqualsRule", "EvidenceAttachedRule",
    "EvidenceStatusName", "ExcludesRule", "IdentifierRule", "NarrativeEvidenceRule",
    "NotExpiredRule", "OcrConfidenceRule", "PeriodYearsRule", "RatioRule",
    "ReferencedFilesRule", "RegionRule", "Rule", "RuleBase", "SealRule", "SignatureRule",
    "SingleValueRule", "StarLevelRule", "StatedShareRule", "SumRule", "TableTotalsRule",
    "UnitRule", "ValueRangeRule", "WholeNumberRule", "WordRangeRule", "Aggregate",
    "ColumnType", "HeadingRows", "Quantity", "SectionSpec", "TableColumn", "TableSpec",
    "StatementFigure", "FieldSpec", "AttachmentSpec", "DeclarationSpec", "Programme",
]


class StatementFigure(Strict):
    """A field whose value the financial-statement reader supplies: its ``figure`` (one of
    the figures matchers.fields.financial_statement.PRODUCES) in the statement of type
    ``statement_type`` (one of its STATEMENT_TYPES) for the last full year before --as-of.
    ``label`` is how the figure is printed in the statement, shown beside the reading."""

    figure: str
    statement_type: str
    label: str
    source: SeedSource | None = None


class FieldSpec(Strict):
    key: str
    source: SeedSource | None = None
    label: str
    aliases: list[str] = Field(default_factory=list)
    type: FieldType = "text"
    unit: str | None = None
    required: bool = False
    required_when: Condition | None = None
    # Severity of an empty required field; None: the programme's ``missing_field_severity``.
    missing_severity: SeverityName | None = None
    # Option groups: the labels printed beside the boxes, and whether several may be ticked.
    options: list[str] = Field(default_factory=list)
    multiple: bool = False
    # The form's own instruction text; a value that merely repeats it counts as empty.
    hint: str | None = None
    section: str | None = None
    description: str | None = None
    # The indicator's number in the seed (L1P1): a label printed with it before or after
    # ("L1P1 产业规模", "产业规模（L1P1）") and a sentence tagged with it state this field.
    code: str | None = None
    # Documents other than the declaration whose reader fills this field (the licence's
    # 类型 and 营业期限, the ID card's 公民身份号码). The loader checks that each reader
    # declares the key (its module's PRODUCES); fields compared by an ``equals`` rule are
    # read from the rule's sources as well.
    read_from: list[ReaderKind] = Field(default_factory=list)
    # A field read from the financial statements: which figure of which statement.
    statement: StatementFigure | None = None

    @model_validator(mode="after")
    def _options_need_type(self) -> "FieldSpec":
        if self.type == "options" and not self.options:
            raise ValueError(f"field {self.key!r}: type options needs a non-empty 'options' list")
        if self.options and self.type != "options":
            raise ValueError(f"field {self.key!r}: 'options' given but type is {self.type!r}")
        return self

    @property
    def all_labels(self) -> list[str]:
        return [self.label, *self.aliases]


class AttachmentSpec(Strict):
    id: str
    source: SeedSource | None = None
    title: str
    # Document kinds that satisfy it (see models.DocumentKind); any one of them suffices.
    kinds: list[str]
    required: bool = True
    # Shown to the applicant when the attachment is optional (e.g. 不提供视为无).
    note: str | None = None
    # Severity when a required attachment is absent; a scoring index only costs points.
    missing_severity: SeverityName = "error"
    # A table (``tables[].id``) whose content is what the attachment asks for: found in any
    # document, pasted into the declaration included, it satisfies the attachment.
    satisfied_by_table: str | None = None


class DeclarationSpec(Strict):
    """How to recognise this programme's declaration form among the uploaded files."""

    title_keywords: list[str]
    # At least this many of the fields' labels must appear for a file to count as the form.
    min_label_hits: int = 4


class Programme(Strict):
    id: str
    title: str
    year: int
    version: str = "1"
    source: str
    # A required field left empty: an error where the programme's form must be complete,
    # a warning in a scoring index, where an indicator without its figure loses its points.
    missing_field_severity: SeverityName = "error"
    # The seed file (shared/seeds/NNN_…, copied to criteria/seeds/) whose words the
    # requirements' ``source`` quotes are taken from unless they name another.
    seed: str | None = None
    region: str | None = None
    description: str | None = None
    declaration: DeclarationSpec
    fields: list[FieldSpec]
    attachments: list[AttachmentSpec] = Field(default_factory=list)
    tables: list[TableSpec] = Field(default_factory=list)
    sections: list[SectionSpec] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    indicators: list[IndicatorSpec] = Field(default_factory=list)
    # Ids of shared catalogues in criteria/catalogues/ this programme refers to.
    catalogues: list[str] = Field(default_factory=list)
    recommendation_list: RecommendationList | None = None
    # Document kinds whose text is narrative evidence for the indicators (the forms'
    # descriptions, screenshots of systems, free-form explanations, users' reports).
    narrative_kinds: list[str] = Field(
        default_factory=lambda: ["declaration", "screenshot", "other", "user_evaluation"])

    @model_validator(mode="after")
    def _references_resolve(self) -> "Programme":
        keys = [f.key for f in self.fields]
        dupes = {k for k in keys if keys.count(k) > 1}
        if dupes:
            raise ValueError(f"duplicate field keys: {sorted(dupes)}")
        att_ids = {a.id for a in self.attachments}
        known = set(keys)
        for f in self.fields:
            if f.required_when and f.required_when.field not in known:
                raise ValueError(f"field {f.key!r}: required_when refers to unknown field "
                                 f"{f.required_when.field!r}")
        tables = {t.id: t for t in self.tables}
        sections = {s.key for s in self.sections}
        for i, r in enumerate(self.rules):
            where = f"rules[{i}] ({r.kind})"
            for ref_field in [getattr(r, "field", None), *getattr(r, "fields", [])]:
                if ref_field is not None and ref_field not in known:
                    raise ValueError(f"{where}: unknown field {ref_field!r}")
            if r.when is not None and r.when.field not in known:
                raise ValueError(f"{where}: 'when' refers to unknown field {r.when.field!r}")
            ref_att = getattr(r, "attachment", None)
            if ref_att is not None and ref_att not in att_ids:
                raise ValueError(f"{where}: unknown attachment {ref_att!r}")
            ref_sec = getattr(r, "section", None)
            if ref_sec is not None and ref_sec not in sections:
                raise ValueError(f"{where}: unknown section {ref_sec!r}")
            ref_tab = getattr(r, "table", None)
            if isinstance(ref_tab, str) and ref_tab not in tables:
                raise ValueError(f"{where}: unknown table {ref_tab!r}")
            for q in _quantities(r):
                _check_quantity(q, where, known, tables, sections)
            if isinstance(r, ClaimedScenariosRule) and r.name_column not in \
                    {c.key for c in tables[r.table].columns}:
                raise ValueError(f"{where}: table {r.table!r} has no column {r.name_column!r}")
            if isinstance(r, NarrativeEvidenceRule) and r.catalogue is None:
                own = {i.id for i in self.indicators}
                unknown = [i for i in r.indicators if i not in own]
                if unknown:
                    raise ValueError(f"{where}: unknown indicators {unknown}")
            if isinstance(r, NarrativeEvidenceRule) and r.catalogue is not None \
                    and r.catalogue not in self.catalogues:
                raise ValueError(f"{where}: catalogue {r.catalogue!r} is not in 'catalogues'")
        return self

    def field(self, key: str) -> FieldSpec:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def attachment(self, att_id: str) -> AttachmentSpec:
        for a in self.attachments:
            if a.id == att_id:
                return a
        raise KeyError(att_id)


def _quantities(rule: object) -> list[Quantity]:
    out: list[Quantity] = []
    for name in ("total", "stated", "numerator", "denominator", "count", "value"):
        q = getattr(rule, name, None)
        if isinstance(q, Quantity):
            out.append(q)
    out.extend(getattr(rule, "parts", []) or [])
    return out


def _check_quantity(q: Quantity, where: str, fields: set[str], tables: dict[str, TableSpec],
                    sections: set[str]) -> None:
    if q.field and q.field not in fields:
        raise ValueError(f"{where}: unknown field {q.field!r}")
    if q.section and q.section not in sections:
        raise ValueError(f"{where}: unknown section {q.section!r}")
    if q.table:
        if q.table not in tables:
            raise ValueError(f"{where}: unknown table {q.table!r}")
        cols = {c.key for c in tables[q.table].columns}
        for c in [q.column, *q.columns, *q.where, *q.exclude]:
            if c is not None and c not in cols:
                raise ValueError(f"{where}: table {q.table!r} has no column {c!r}")
