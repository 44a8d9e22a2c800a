from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, Field

from models.location import Location


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class FindingCode(str, Enum):
    MISSING_FIELD = "MISSING_FIELD"
    OPTION_NOT_SELECTED = "OPTION_NOT_SELECTED"
    OPTION_CONFLICT = "OPTION_CONFLICT"
    MISSING_ATTACHMENT = "MISSING_ATTACHMENT"
    WORD_LIMIT_EXCEEDED = "WORD_LIMIT_EXCEEDED"
    WORD_COUNT_BELOW_MINIMUM = "WORD_COUNT_BELOW_MINIMUM"
    INCONSISTENT_VALUE = "INCONSISTENT_VALUE"
    INVALID_IDENTIFIER = "INVALID_IDENTIFIER"
    DOCUMENT_EXPIRED = "DOCUMENT_EXPIRED"
    DATE_OUT_OF_RANGE = "DATE_OUT_OF_RANGE"
    ELIGIBILITY_FAILED = "ELIGIBILITY_FAILED"
    UNREADABLE_FILE = "UNREADABLE_FILE"
    LOW_OCR_CONFIDENCE = "LOW_OCR_CONFIDENCE"
    MISSING_EVIDENCE = "MISSING_EVIDENCE"
    MISSING_SIGNATURE = "MISSING_SIGNATURE"
    MISSING_SEAL = "MISSING_SEAL"
    CALCULATION_MISMATCH = "CALCULATION_MISMATCH"
    INVALID_UNIT = "INVALID_UNIT"
    VALUE_OUT_OF_RANGE = "VALUE_OUT_OF_RANGE"
    MULTIPLE_PRODUCTS = "MULTIPLE_PRODUCTS"
    COUNT_BELOW_MINIMUM = "COUNT_BELOW_MINIMUM"
    # Evidence matching (added in schema 1, additive): an estimate of the level the
    # narrative supports, scenarios evidenced but not claimed, and matching that could not
    # run (no embedding model installed).
    LEVEL_ESTIMATE = "LEVEL_ESTIMATE"
    UNCLAIMED_SCENARIO = "UNCLAIMED_SCENARIO"
    EVIDENCE_NOT_CHECKED = "EVIDENCE_NOT_CHECKED"
    # The declaration was recognised but few of the form's labels were found in it: one
    # warning listing what was found, instead of one MISSING_FIELD per field.
    FORM_NOT_RECOGNISED = "FORM_NOT_RECOGNISED"
    # A seal or signature that is a picture placed in the file (电子印章, a pasted signature
    # image) rather than ink on a scanned page: present, to be verified by the reviewer.
    EMBEDDED_SEAL = "EMBEDDED_SEAL"
    EMBEDDED_SIGNATURE = "EMBEDDED_SIGNATURE"
    # A rule raised on this dossier: reported instead of taking the whole check down.
    CHECK_FAILED = "CHECK_FAILED"
    # A value was found but cannot be read as what it should be (an impossible date, an
    # amount that is not a number, a spreadsheet error cell): reported with the raw text,
    # and the comparisons it would have fed say they could not be made.
    INVALID_VALUE = "INVALID_VALUE"
    # A resource limit was reached (pages, pixels, text length, time): what was skipped
    # or scaled down; the rest of the dossier is checked.
    RESOURCE_LIMIT = "RESOURCE_LIMIT"


class Finding(BaseModel):
    code: FindingCode
    severity: Severity
    requirement: str | None = None
    field: str | None = None
    message: str
    expected: Any = None
    actual: Any = None
    locations: list[Location] = Field(default_factory=list)
