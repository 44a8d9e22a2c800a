"""Structured tables, narrative sections and the quantities rules compute from them."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from criteria.base import SeedSource, Strict

ColumnType = Literal["text", "number", "money", "bool", "percent", "level"]


class TableColumn(Strict):
    key: str
    labels: list[str]
    type: ColumnType = "text"
    unit: str | None = None
    required: bool = False
    # The column's cells are written descriptions (建设内容/说明): they become passages that
    # evidence is matched against. Other columns of a declared table are data, not evidence.
    narrative: bool = False
    # A column answered by ticking one of these options in the cell (☑基本符合 □比较符合 …):
    # the cell's value is the ticked option; several ticked are kept as a list (a conflict).
    options: list[str] = Field(default_factory=list)


class HeadingRows(Strict):
    """The table's rows may instead be written as numbered headings that name a catalogue
    item ("1. 产线柔性配置（生产作业，自评基础级）") each followed by a paragraph that
    describes it. Read only when no document holds the table as a table."""

    # Column that takes the item's name; names are the titles (and keyword alternatives) of
    # the programme's indicators and of these catalogues (criteria/catalogues/).
    name_column: str
    catalogues: list[str] = Field(default_factory=list)
    # Column that takes the first part of the bracket after the name (its 环节 / category).
    bracket_column: str | None = None
    # Column that takes the paragraphs between this heading and the next.
    text_column: str | None = None


class TableSpec(Strict):
    """A table the rules compute from (equipment list, self-assessment …), recognised in
    any document of ``kinds`` by its header labels, wherever it was uploaded (XLSX sheet,
    DOCX table, PDF table, scanned table)."""

    id: str
    title: str
    kinds: list[str] = Field(default_factory=lambda: ["declaration"])
    source: SeedSource | None = None
    columns: list[TableColumn]
    # A table counts as this one when at least this many column labels are found in one row.
    min_columns: int = 2
    # Rows written as numbered headings naming catalogue items (see HeadingRows).
    from_headings: HeadingRows | None = None


class SectionSpec(Strict):
    """A narrative section located by its heading (e.g. 产品简介, 1.1.1 数字孪生 场景描述)."""

    key: str
    heading: str
    source: SeedSource | None = None
    aliases: list[str] = Field(default_factory=list)
    required: bool = False
    description: str | None = None

    @property
    def all_headings(self) -> list[str]:
        return [self.heading, *self.aliases]


Aggregate = Literal["value", "count", "sum", "mean", "sum_product", "items"]


class Quantity(Strict):
    """A number the rules compare: a stated field, an aggregate over a table's rows, or the
    number of items (numbered cases, listed scenarios) in a section."""

    field: str | None = None
    table: str | None = None
    section: str | None = None
    aggregate: Aggregate = "value"
    column: str | None = None
    columns: list[str] = Field(default_factory=list)
    # Row filters: keep rows whose column equals (any of) the value(s); drop rows matching
    # ``exclude`` (e.g. 不涉及此环节).
    where: dict[str, str | bool | list[str]] = Field(default_factory=dict)
    exclude: dict[str, str | bool | list[str]] = Field(default_factory=dict)
    # How the quantity is named in messages (e.g. 设备清单中联网设备台套数).
    label: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> "Quantity":
        sources = [x for x in (self.field, self.table, self.section) if x]
        if len(sources) != 1:
            raise ValueError("a quantity names exactly one of field, table or section")
        if self.table and self.aggregate == "value":
            raise ValueError(f"table {self.table!r}: say which aggregate (count, sum, mean, "
                             f"sum_product)")
        if self.aggregate in ("sum", "mean") and not self.column:
            raise ValueError(f"aggregate {self.aggregate!r} needs 'column'")
        if self.aggregate == "sum_product" and len(self.columns) < 2:
            raise ValueError("aggregate 'sum_product' needs at least two 'columns'")
        return self

