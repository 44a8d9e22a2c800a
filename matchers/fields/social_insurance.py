"""Reads which months a social-insurance payment proof covers."""
from __future__ import annotations

import re
import unicodedata
from models import Document, Location
from models.readings import InsuranceFacts

# No field observations: the reader gives the months a proof covers (InsuranceFacts), which
# covers_recent_months rules use; a field said to be read from it fails at load.
PRODUCES: tuple[str, ...] = ()

_YM = re.compile(r"(20\d{2})\s*[年\-./]\s*(\d{1,2})\s*月?")
_RANGE = re.compile(r"(20\d{2})\s*[年\-./]\s*(\d{1,2})\s*月?\s*(?:至|到|-|—|~)\s*"
                    r"(20\d{2})\s*[年\-./]\s*(\d{1,2})\s*月?")


def covered_months(text: str) -> list[tuple[int, int]]:
    t = unicodedata.normalize("NFKC", text)
    months: set[tuple[int, int]] = set()
    for m in _RANGE.finditer(t):
        y0, m0, y1, m1 = (int(g) for g in m.groups())
        if not (1 <= m0 <= 12 and 1 <= m1 <= 12):
            continue
        y, mo = y0, m0
        while (y, mo) <= (y1, m1) and len(months) < 240:
            months.add((y, mo))
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    for m in _YM.finditer(t):
        y, mo = int(m.group(1)), int(m.group(2))
        # A full date (2022年12月15日, the issue date) is not a covered month.
        tail = t[m.end():m.end() + 3]
        if re.match(r"\s*\d{1,2}\s*日", tail):
            continue
        if 1 <= mo <= 12:
            months.add((y, mo))
    return sorted(months)


def read_insurance(doc: Document) -> InsuranceFacts:
    months = covered_months(doc.text)
    excerpt = "、".join(f"{y}年{m:02d}月" for y, m in months[-6:]) or doc.text[:60]
    page = doc.pages[0].number if doc.pages else None
    return InsuranceFacts(months=months,
                          location=Location(path=doc.path, page=page, excerpt=excerpt))
