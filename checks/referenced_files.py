"""MISSING_ATTACHMENT for a file the text names but the dossier lacks ("见附件3-1 APS排产界面
截图.png", "截图/3-2-1APS排产界面.png"): applicants cite their evidence by file name, and a
screenshot left out of the upload is the commonest gap in 举证 material. A promise in words
only ("见截图") is the evidence_attached rule's business."""
from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from rapidfuzz import fuzz

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from criteria.schema import ReferencedFilesRule
from models import Finding, FindingCode, Location

# Pictures only: screenshots and photos are cited by their file name and uploaded as such,
# while lists and documents are often renamed on upload (附录2设备清单.xlsx → 一览表.xlsx).
# A name may hold spaces (附件3-1 APS排产界面截图.png); what stands before it in the same
# clause (系统界面见…) is cut at the last 见/附件 cue, and presence is judged on the end of
# the cited text, so a stray leading word cannot hide a file that is there.
_NAME = re.compile(r"([^\n，,。；;：:、（）()《》<>“”\"'【】\[\]]{2,80}?\.(?:png|jpe?g|bmp|gif|tiff?))"
                   r"(?![A-Za-z0-9])", re.IGNORECASE)
_LEAD = re.compile(r"^.*?(?:详见|另见|参见|见|和|及|与|或)(?=\S)|^\s+")
# Names that close enough (a copy named "(1)", a space lost in OCR) count as the file.
_SIMILAR = 88.0


def _norm(name: str) -> str:
    s = unicodedata.normalize("NFKC", name).lower()
    s = re.sub(r"\(\d+\)(?=\.[a-z]+$)", "", s)
    return re.sub(r"[\s_\-—]+", "", s)


def cited_files(text: str) -> list[str]:
    """File names cited in ``text`` (with their folder, as written), in order, once each."""
    out: list[str] = []
    for m in _NAME.finditer(unicodedata.normalize("NFKC", text)):
        name = m.group(1).strip().lstrip("/\\")
        if re.search(r"(?:详见|另见|参见|见|和|及|与|或)\S", name):
            name = _LEAD.sub("", name)
        if name not in out:
            out.append(name)
    return out


@rule_check(ReferencedFilesRule, codes=(FindingCode.MISSING_ATTACHMENT,))
def check_referenced_files(rule: ReferencedFilesRule, ctx: CheckContext) -> list[Finding]:
    code = FindingCode.MISSING_ATTACHMENT
    have = [_norm(PurePosixPath(d.path.replace("\\", "/")).name) for d in ctx.documents]
    out: list[Finding] = []
    seen: set[str] = set()
    for doc in ctx.readable:
        if doc.kind.value not in rule.kinds:
            continue
        for page in doc.pages:
            for name in cited_files(page.text):
                base = _norm(PurePosixPath(name.replace("\\", "/")).name)
                if base in seen:
                    continue
                seen.add(base)
                if any(base == h or base.endswith(h) or fuzz.ratio(base, h) >= _SIMILAR
                       for h in have if len(h) >= 5):
                    continue
                out.append(Finding(
                    code=code, severity=RULE_SEVERITY,
                    message=f"“{doc.path}”中提到的文件“{name}”不在申报材料中，请补充上传"
                            f"（或更正文中的文件名）。",
                    expected=name, actual="未找到该文件",
                    locations=[Location(path=doc.path, page=page.number, excerpt=name)]))
    return out
