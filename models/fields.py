from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from models.location import Location

ObservationSource = Literal["declaration", "business_license", "financial_statement",
                            "social_insurance", "id_card", "other"]


class FieldObservation(BaseModel):
    """One reading of a field from one document: what was written and where.

    ``value`` is the text as found; ``normalized`` the typed value (number in the field's
    unit, ISO date, normalised name …) or None when it could not be parsed; ``options`` the
    ticked option labels for option groups.
    """

    key: str
    value: str | None = None
    normalized: Any = None
    options: list[str] | None = None
    source: ObservationSource
    location: Location
    # The label as printed in the file, and how it matched the catalogue (explainability).
    label: str | None = None
    label_score: float | None = None
    # "table" readings of the form outrank "text" (cover lines) for the same key.
    via: Literal["table", "text", "ocr_row", "parser", "prose"] = "table"
    extra: dict[str, Any] = Field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        if self.options is not None:
            return len(self.options) == 0
        return self.value is None or not str(self.value).strip()
