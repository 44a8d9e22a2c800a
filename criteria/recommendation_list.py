"""A programme's recommendation list (推荐汇总表): the table a recommending unit (a city)
sends with the dossiers it recommends, and what the notice requires of it. Read by
`dossier audit-list`; declared in a programme YAML's ``recommendation_list:`` block.

Every value quotes the seed words it comes from (``source:``, the same forms as
criteria/schema.py's SeedSource: "seed words", "003: words of another seed",
"none: why"); criteria/traceability.py holds the quotes to the seed text.

This module does not import criteria/schema.py at import time (schema.py imports it for
the ``Programme.recommendation_list`` field); sources are validated with schema's
SeedSource when a YAML file is loaded.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from criteria.schema import SeedSource

SeverityName = Literal["error", "warning", "info"]
# The columns `dossier audit-list` recognises in a list (dossier/audit/read.py's labels).
ListColumnKey = Literal["serial", "company", "industry", "location", "remark",
                        "product_name", "product_class"]


def _seed_source(text: str) -> str:
    from criteria.schema import SeedSource

    SeedSource.model_validate(text)
    return text


# A ``source:`` string; checked to be a valid SeedSource when loaded.
Source = Annotated[str, AfterValidator(_seed_source)]


class _Strict(BaseModel):
    """As criteria.schema.Strict: unknown keys are errors (not imported: see above)."""

    model_config = ConfigDict(extra="forbid")


class Sourced(_Strict):
    value: str
    source: Source


class HeaderSpec(_Strict):
    """Columns that tell this list apart from other programmes' lists. Empty: the list is
    this kind when no other kind's columns are present."""

    identified_by: list[ListColumnKey] = Field(default_factory=list)
    source: Source


class QuotaSpec(_Strict):
    # Fewest distinct enterprises one recommending unit must list; None: no quota.
    min_enterprises: int | None = Field(default=None, ge=1)
    severity: SeverityName = "warning"
    # How a finding cites the notice (document number, clause, words).
    cite: str = ""
    source: Source


class CompareSpec(_Strict):
    """A list column checked against the dossier's report field of the same meaning."""

    column: ListColumnKey
    field: str
    source: Source


class RecommendationList(_Strict):
    # The list's kind as `dossier audit-list` reports it ("kind" in its JSON output).
    kind: str
    # Short name used when another programme's list is given by mistake.
    name: Sourced
    title: Sourced
    attachment: Sourced
    header: HeaderSpec
    quota: QuotaSpec
    compare: list[CompareSpec]

    def compares(self, column: str) -> bool:
        return any(c.column == column for c in self.compare)

    def sources(self) -> list[tuple[str, SeedSource]]:
        """(where, source) of every value, for criteria/traceability.py."""
        from criteria.schema import SeedSource

        items: list[tuple[str, str]] = [
            ("name", self.name.source), ("title", self.title.source),
            ("attachment", self.attachment.source), ("header", self.header.source),
            ("quota", self.quota.source),
            *((f"compare.{c.column}", c.source) for c in self.compare)]
        return [(where, SeedSource.model_validate(text)) for where, text in items]
