"""Seals and signatures on a page image, as :class:`models.Mark` entries.

Run on every OCR'd page (cheap next to OCR) and on text-layer PDF pages that carry a
pledge or a signing line, because many applicants stamp a Word-exported PDF with an
electronic seal image rather than printing and scanning it."""
from __future__ import annotations

import re

import numpy as np

from extractor.ocr.base import OcrLine
from extractor.ocr.seal_detector import detect_red_seals, find_handwriting
from models import Mark
from models.location import as_bbox

# Printed signature labels on Chinese application forms; the checks decide which of
# them a programme requires.
SIGNATURE_LABELS = ["法人代表(签字)", "法定代表人(签字)", "法人代表(签名)", "法定代表人(签名)",
                    "负责人(签字)", "负责人(签名)", "签字", "签名"]
# Text that makes a text-layer page worth rendering to look for a seal.
PLEDGE_TEXT = re.compile(r"承诺|盖章|公章|签字|签名|用户评价|使用意见|特此证明")


def page_marks(image: np.ndarray, lines: list[OcrLine] | None) -> list[Mark]:
    marks = [Mark(kind="seal", bbox=as_bbox(float(v) for v in b)) for b in detect_red_seals(image)]
    if lines and any(("签" in ln.text) for ln in lines):
        for sig in find_handwriting(image, lines, SIGNATURE_LABELS):
            if sig.signed:
                marks.append(Mark(kind="typed_signature" if sig.typed else "handwriting",
                                  bbox=sig.bbox, label=sig.label))
    return marks
