"""LOW_OCR_CONFIDENCE: a scanned page read with low confidence; its figures need a look."""
from __future__ import annotations

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from criteria.schema import OcrConfidenceRule
from models import Finding, FindingCode, Location


@rule_check(OcrConfidenceRule, codes=(FindingCode.LOW_OCR_CONFIDENCE,))
def check_ocr_confidence(rule: OcrConfidenceRule, ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for doc in ctx.readable:
        for page in doc.pages:
            if not page.ocr or page.ocr_confidence is None:
                continue
            if page.ocr_confidence >= rule.min_confidence:
                continue
            out.append(Finding(
                code=FindingCode.LOW_OCR_CONFIDENCE, severity=RULE_SEVERITY,
                message=f"第{page.number}页扫描件识别置信度偏低（{page.ocr_confidence:.0%}，"
                        f"低于 {rule.min_confidence:.0%}），自动核对结果可能不可靠，请人工复核"
                        f"或上传更清晰的扫描件（建议 200dpi 以上、无倾斜）。",
                expected=f"≥{rule.min_confidence:.2f}", actual=round(page.ocr_confidence, 3),
                locations=[Location(path=doc.path, page=page.number)]))
    return out
