"""Pydantic schema of a programme catalogue (one YAML file per programme and year).

Everything a check needs to know about a programme lives here as data; the checks are
generic interpreters of these declarations. Unknown keys are rejected so that a typo in a
YAML file is reported at load time with its path instead of being silently ignored.
"""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

FieldType = Literal["text", "number", "money", "date", "options", "long_text", "phone", "email",
                    "identifier"]
SourceKind = Literal["declaration", "business_license", "financial_statement",
                     "social_insurance"]
SeverityName = Literal["error", "warning", "info"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Condition(Strict):
    """``field`` must have ``equals`` ticked / written for the dependent field to apply."""

    field: str
    equals: str


class FieldSpec(Strict):
    key: str
    label: str
    aliases: list[str] = Field(default_factory=list)
    type: FieldType = "text"
    unit: str | None = None
    required: bool = False
    required_when: Condition | None = None
    # Option groups: the labels printed beside the boxes, and whether several may be ticked.
    options: list[str] = Field(default_factory=list)
    multiple: bool = False
    # The form's own instruction text; a value that merely repeats it counts as empty.
    hint: str | None = None
    section: str | None = None
    description: str | None = None

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
    title: str
    # Document kinds that satisfy it (see models.DocumentKind); any one of them suffices.
    kinds: list[str]
    required: bool = True
    # Shown to the applicant when the attachment is optional (e.g. 不提供视为无).
    note: str | None = None


# ----- rules ---------------------------------------------------------------------------

class WordRangeRule(Strict):
    kind: Literal["word_range"]
    field: str
    min: int | None = None
    max: int | None = None
    # Which 字数 definition the limit uses; "word" = Microsoft Word's 字数统计.
    count: Literal["word"] = "word"
    severity: SeverityName = "error"


class EqualsRule(Strict):
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
    severity: SeverityName = "error"


class IdentifierRule(Strict):
    kind: Literal["identifier"]
    field: str
    scheme: Literal["uscc", "id_number"]
    severity: SeverityName = "error"


class NotExpiredRule(Strict):
    """A document's validity (e.g. the licence's 营业期限) must not end before --as-of."""

    kind: Literal["not_expired"]
    field: str
    severity: SeverityName = "error"


class CoversYearsRule(Strict):
    """The documents of an attachment must cover each listed year (e.g. statements)."""

    kind: Literal["covers_years"]
    attachment: str
    years: list[int]
    severity: SeverityName = "error"


class CoversRecentMonthsRule(Strict):
    """The documents of an attachment must cover the last ``months`` full months before
    --as-of, allowing ``grace_months`` of lag (the current month's proof is rarely out)."""

    kind: Literal["covers_recent_months"]
    attachment: str
    months: int
    grace_months: int = 1
    severity: SeverityName = "error"


class RegionRule(Strict):
    """Eligibility: registered in a province, judged by the USCC division and the address."""

    kind: Literal["region"]
    province_code: str
    province_name: str
    uscc_field: str = "uscc"
    address_field: str = "address"
    severity: SeverityName = "error"


class OcrConfidenceRule(Strict):
    kind: Literal["ocr_confidence"]
    min_confidence: float = 0.8
    severity: SeverityName = "warning"


Rule = Annotated[
    Union[WordRangeRule, EqualsRule, IdentifierRule, NotExpiredRule, CoversYearsRule,
          CoversRecentMonthsRule, RegionRule, OcrConfidenceRule],
    Field(discriminator="kind"),
]


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
    region: str | None = None
    description: str | None = None
    declaration: DeclarationSpec
    fields: list[FieldSpec]
    attachments: list[AttachmentSpec] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)

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
        for i, r in enumerate(self.rules):
            ref_field = getattr(r, "field", None)
            if ref_field is not None and ref_field not in known:
                raise ValueError(f"rules[{i}] ({r.kind}): unknown field {ref_field!r}")
            ref_att = getattr(r, "attachment", None)
            if ref_att is not None and ref_att not in att_ids:
                raise ValueError(f"rules[{i}] ({r.kind}): unknown attachment {ref_att!r}")
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
