"""The building blocks every part of a programme catalogue shares: strict models, the
seed quote (``source:``) and the condition a field or rule applies under."""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

FieldType = Literal["text", "number", "money", "date", "options", "long_text", "phone", "email",
                    "identifier", "percent"]
SourceKind = Literal["declaration", "business_license", "financial_statement",
                     "social_insurance", "id_card"]
SeverityName = Literal["error", "warning", "info"]
# The readers of documents other than the declaration (matchers/fields/<name>.py): each
# declares the keys it produces in its module's PRODUCES.
ReaderKind = Literal["business_license", "financial_statement", "social_insurance", "id_card"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# Where a requirement comes from. Every field, attachment, table, section, rule and indicator
# quotes the seed words that demand it, so that a reviewer can see why the checker asks and
# so that nothing our own samples happened to contain becomes a requirement:
#   source: "企业提供工厂级员工总人数及薪酬总支出"      (words of the programme's own seed)
#   source: "003: 产业链企业数量"                        (words of another seed, by number)
#   source: "none: why it is kept although no seed states it"  (then never mandatory)
# Quotes are compared with the seed text without whitespace (the seeds are PDF conversions
# with broken lines and stray spaces); tests/criteria/test_traceability.py holds them to it.
SEED_PREFIX = re.compile(r"^\s*(\d{3}|none)\s*[:：]\s*")


class SeedSource(Strict):
    seed: str | None = None  # "000" … "004"; None: the programme's own seed
    quote: str | None = None
    # Set instead of a quote when no seed states the requirement: why it is kept anyway.
    unstated: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: object) -> object:
        if isinstance(data, str):
            m = SEED_PREFIX.match(data)
            text = data[m.end():] if m else data
            if m and m.group(1) == "none":
                return {"unstated": text.strip()}
            return {"seed": m.group(1) if m else None, "quote": text.strip()}
        return data

    @model_validator(mode="after")
    def _one_of(self) -> "SeedSource":
        if bool(self.quote) == bool(self.unstated):
            raise ValueError("source gives either seed words or 'none: reason'")
        return self

    @property
    def stated(self) -> bool:
        return self.quote is not None


class Condition(Strict):
    """``field`` must have ``equals`` ticked / written for the dependent field to apply."""

    field: str
    equals: str

