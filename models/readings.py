"""What the field matchers read from documents and the checks judge: financial-statement
facts, declared tables, section texts and social-insurance months.

Produced by :mod:`matchers.fields` and kept in :class:`checks.context.CheckContext`;
defined here so the checks depend on the data, not on the code that reads it."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from models.location import Location

if TYPE_CHECKING:  # annotations only: criteria sits above models
    from criteria.schema import TableSpec

# A level cell answered 不涉及此环节 (the applicant does not run that process).
NOT_APPLICABLE = "不涉及此环节"

# A spreadsheet's error values, kept as text by the XLSX reader.
SHEET_ERROR = re.compile(r"^#(?:DIV/0!|REF!|VALUE!|N/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|"
                         r"BLOCKED!|UNKNOWN!|CONNECT!|BUSY!|PYTHON!|GETTING_DATA)$",
                         flags=re.IGNORECASE)
# A formula where a result should be (a workbook never saved by Excel keeps "=1/0").
FORMULA = re.compile(r"^=\s*(?:[A-Za-z_][A-Za-z0-9_.]*\s*\(|\$?[A-Za-z]{1,3}\$?\d+|"
                     r"[-+(]?\s*\d[\d.]*\s*[-+*/^&])")


@dataclass
class StatementFacts:
    year: int | None
    revenue_wan: float | None
    unit: str
    statement_type: str  # 利润表 / 资产负债表 / 现金流量表 / 审计报告
    location: Location


@dataclass
class TableRow:
    values: dict[str, Any]
    raw: dict[str, str]
    location: Location


@dataclass
class StructuredTable:
    spec: TableSpec
    rows: list[TableRow] = field(default_factory=list)
    sources: list[Location] = field(default_factory=list)
    # Columns whose header states another money unit than the criteria's (设备系统单价(元)
    # where 附录2 prints （万元）): (column key, unit in the header, location). Their values
    # are read in the header's unit and converted, so sums stay right.
    unit_changes: list[tuple[str, str, Location]] = field(default_factory=list)


_ITEM = re.compile(r"^\s*(?:案例\s*[一二三四五六七八九十\d]+|[（(]\s*\d+\s*[)）]|\d+\s*[.、．)）]"
                   r"|[一二三四五六七八九十]+\s*[、.．])")
_CASE = re.compile(r"案例\s*([一二三四五六七八九十]+|\d+)\s*[:：、.．)）]")


def count_items(text: str) -> int:
    """Numbered items in a section: distinct 案例一/案例1 markers wherever they stand (a
    PDF cell wraps lines anywhere), else items numbered at line starts (（1）/1./1、/一、)."""
    t = unicodedata.normalize("NFKC", text)
    cases = {m.group(1) for m in _CASE.finditer(t)}
    at_starts = sum(1 for line in t.splitlines() if _ITEM.match(line))
    return max(len(cases), at_starts)


# An applicant's statement that it does not claim the item (a scoring index allows it):
# 本项暂不申报 / 本次不申报得分 / 不提供举证材料 / 本项不适用 / 不涉及此环节.
_DECLINED = re.compile(r"(?:暂不|不|未)(?:申报|参评|参与评价)|不提供(?:举证|佐证|证明)"
                       r"|本(?:项|指标)(?:不适用|不涉及)|不涉及此环节|暂不涉及")


def is_declined(text: str) -> bool:
    """A short passage whose point is that the item is not claimed."""
    t = unicodedata.normalize("NFKC", text)
    return len(t) <= 120 and bool(_DECLINED.search(t))


@dataclass
class SectionText:
    key: str
    text: str
    location: Location

    @property
    def item_count(self) -> int:
        """Numbered items (案例一, （1）, 1.) in the section: :func:`count_items`."""
        return count_items(self.text)

    @property
    def declined(self) -> bool:
        """The section only says the item is not claimed ("本项暂不申报")."""
        return is_declined(self.text)


@dataclass
class InsuranceFacts:
    months: list[tuple[int, int]]
    location: Location
