"""Typed data model shared by every stage: files → Document → matches → findings → report."""
from models.document import (
    BBox,
    Block,
    Cell,
    Checkbox,
    Document,
    DocumentKind,
    KeyValue,
    Mark,
    Page,
    Table,
)
from models.location import Location
from models.findings import Finding, FindingCode, Severity
from models.report import (
    DocumentSummary,
    FieldReport,
    Report,
    RequirementResult,
    RequirementStatus,
    SCHEMA_VERSION,
    Summary,
    Verdict,
)

__all__ = [
    "BBox", "Block", "Cell", "Checkbox", "Document", "DocumentKind", "KeyValue", "Mark", "Page",
    "Table", "Location", "Finding", "FindingCode", "Severity", "DocumentSummary",
    "FieldReport", "Report", "RequirementResult", "RequirementStatus", "SCHEMA_VERSION",
    "Summary", "Verdict",
]
