"""Indicators (evidence requirements matched against narratives) and the shared
catalogues of them (criteria/catalogues/)."""
from __future__ import annotations

from pydantic import Field

from criteria.base import SeedSource, Strict


class KeywordSpec(Strict):
    all: list[str] = Field(default_factory=list)
    any: list[str] = Field(default_factory=list)
    synonyms: dict[str, list[str]] = Field(default_factory=dict)
    negations: list[str] = Field(default_factory=list)


class IndicatorSpec(Strict):
    id: str
    source: SeedSource | None = None
    title: str
    group: str | None = None
    level: int | None = None
    # ★: required at its level (晨星工厂 附件5).
    star: bool = False
    description: str | None = None
    evidence: list[str] = Field(default_factory=list)
    # The programme needs a narrative for it (MISSING_EVIDENCE when none matches).
    needs_narrative: bool = False
    keywords: KeywordSpec | None = None
    # Per-level descriptions (典型场景: 基础级/先进级/卓越级/领航级).
    levels: dict[str, str] = Field(default_factory=dict)
    unit: str | None = None


class Catalogue(Strict):
    """A shared requirement list programmes refer to (40 typical scenarios, 建设导则 6.1–6.10)."""

    id: str
    title: str
    source: str
    seed: str | None = None
    notes: str | None = None
    items: list[IndicatorSpec]

