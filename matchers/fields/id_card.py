"""Reads the legal representative's resident ID card (居民身份证, front side): the name and
the 18-character 公民身份号码, so the check digit and the name can be checked."""
from __future__ import annotations

import re
import unicodedata

from models import Document, Location
from models.fields import FieldObservation

# The field keys this reader's observations carry (checked against the criteria at load).
PRODUCES = ("legal_rep_id_number", "legal_representative")

_NAME = re.compile(r"姓\s*名\s*[:：]?\s*([\u4e00-\u9fff·]{2,8})")


def read_id_card(doc: Document) -> list[FieldObservation]:
    from domain.id_number import find_id_numbers

    text = unicodedata.normalize("NFKC", doc.text)
    out: list[FieldObservation] = []
    numbers = find_id_numbers(text)
    page = doc.pages[0].number if doc.pages else 1
    if numbers:
        out.append(FieldObservation(
            key="legal_rep_id_number", value=numbers[0], normalized=numbers[0].upper(),
            source="id_card", via="parser", label="公民身份号码",
            location=Location(path=doc.path, page=page, excerpt=f"公民身份号码 {numbers[0]}")))
    m = _NAME.search(text)
    if m:
        out.append(FieldObservation(
            key="legal_representative", value=m.group(1), normalized=m.group(1),
            source="id_card", via="parser", label="姓名",
            location=Location(path=doc.path, page=page, excerpt=m.group(0))))
    return out
