from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, Field

from models.findings import Finding, Severity
from models.location import Location

# The JSON report is a contract (review portal, batch tools). Bump only on purpose and
# record the reason in docs/report-schema.md.
SCHEMA_VERSION = "1"


class Verdict(str, Enum):
    ready = "ready"
    needs_fixes = "needs_fixes"
    unreadable = "unreadable"


class RequirementStatus(str, Enum):
    met = "met"
    missing = "missing"
    partial = "partial"
    not_applicable = "not_applicable"


class Summary(BaseModel):
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    verdict: Verdict = Verdict.ready


class DocumentSummary(BaseModel):
    path: str
    kind: str
    pages: int
    ocr_pages: int
    sha256: str
    kind_confidence: float | None = None
    # Added in schema 1 (optional): why the kind was chosen — "规则：…" (keyword rules) or
    # "向量最近类中心：…" (nearest exemplar centroid of the first page's embedding).
    kind_reason: str | None = None
    # Added in issue 10 (optional): how the file was read, where it was not read as is —
    # text_layer (per PDF page: text / ocr(…, hidden layer agrees 0.93) / hidden(…)),
    # converted_from + converted_by (.doc/.wps/.xls/.et/.ppt through LibreOffice),
    # ofd_pages, photo_corrected (dewarp, flatten), page_rotation (degrees turned).
    reading: dict[str, str] = Field(default_factory=dict)


class FieldSource(BaseModel):
    path: str
    page: int | None = None


class FieldReading(BaseModel):
    """One document's reading of a field (added in schema 1: optional, for side-by-side
    review of declaration vs licence vs statement)."""

    source: str
    value: Any = None
    normalized: Any = None
    location: Location | None = None


class FieldReport(BaseModel):
    value: Any = None
    normalized: Any = None
    source: FieldSource | None = None
    readings: list[FieldReading] = Field(default_factory=list)


class EvidencePassage(BaseModel):
    """A passage the evidence matcher scored for a requirement, and why (added in schema 1:
    optional)."""

    text: str
    location: Location
    probability: float
    heading_path: list[str] = Field(default_factory=list)
    # Context shown with the passage but not scored (a declared table row's other cells).
    label: str | None = None
    # Terms hit, synonyms, negations, near misses, each backend's raw score and feature.
    explanation: dict[str, Any] = Field(default_factory=dict)


class RequirementResult(BaseModel):
    id: str
    title: str
    status: RequirementStatus
    evidence: list[Location] = Field(default_factory=list)
    # Added in schema 1 (optional): what the requirement is — declaration, attachment,
    # field, eligibility, or indicator (an evidence requirement matched against the
    # narrative) — and for indicators where it comes from (programme or catalogue id),
    # its group and level, the best passage's probability and the passages scored best.
    kind: str | None = None
    source: str | None = None
    group: str | None = None
    level: int | None = None
    score: float | None = None
    passages: list[EvidencePassage] = Field(default_factory=list)


class Report(BaseModel):
    schema_version: str = SCHEMA_VERSION
    dossier: str
    program: str
    as_of: str
    tool_version: str
    summary: Summary
    documents: list[DocumentSummary] = Field(default_factory=list)
    fields: dict[str, FieldReport] = Field(default_factory=dict)
    requirements: list[RequirementResult] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)

    @staticmethod
    def summarise(findings: list[Finding], any_readable: bool) -> Summary:
        errors = sum(1 for f in findings if f.severity == Severity.error)
        warnings = sum(1 for f in findings if f.severity == Severity.warning)
        infos = sum(1 for f in findings if f.severity == Severity.info)
        if not any_readable:
            verdict = Verdict.unreadable
        elif errors:
            verdict = Verdict.needs_fixes
        else:
            verdict = Verdict.ready
        return Summary(errors=errors, warnings=warnings, infos=infos, verdict=verdict)
