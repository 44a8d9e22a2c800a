"""A finding of `dossier audit-list`: about a row of a recommendation list (推荐汇总表) or a
dossier in the folder beside it. Not a models.Finding: it points at a list row (row,
serial, page, excerpt) and a dossier entry rather than at a file location, and names the
compared field with the values on both sides; its JSON is the audit's own output format."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

ListSeverity = Literal["error", "warning", "info"]


@dataclass
class ListFinding:
    code: str  # LIST_MISSING_DOSSIER, DOSSIER_NOT_LISTED, LIST_MISMATCH, LIST_DUPLICATE, LIST_QUOTA
    severity: ListSeverity
    message: str
    row: int | None = None
    serial: str | None = None
    page: int | None = None
    excerpt: str | None = None
    dossier: str | None = None
    field: str | None = None
    expected: Any = None  # what the dossier says
    actual: Any = None  # what the list says

    def as_json(self) -> dict[str, Any]:
        return asdict(self)
