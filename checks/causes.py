"""One cause, one finding: a file that could not be read also makes whatever it held look
missing (an encrypted 2021 statement reads as UNREADABLE_FILE *and* "缺少 2021 年").

When the unreadable file's name says what it was (附件2, 利润表, 2021年, 申报书), the
findings it explains are folded into its UNREADABLE_FILE finding, which then names the
requirement. When the name says nothing (scan003.pdf), the missing-item findings stay
but point at the unreadable files that may be the missing material. Names are only a
hint here, and only for files whose content could not be read at all: everything else
is recognised from its content."""
from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from checks.attachments import KIND_NAMES
from checks.context import CheckContext
from models import Document, Finding, FindingCode

# Findings that say something is absent, which an unreadable file can explain.
_ABSENCE_CODES = frozenset({FindingCode.MISSING_ATTACHMENT, FindingCode.DATE_OUT_OF_RANGE,
                            FindingCode.COUNT_BELOW_MINIMUM})

# Words in a file name that name a document kind (besides KIND_NAMES' own names).
_NAME_WORDS: dict[str, tuple[str, ...]] = {
    "declaration": ("申报书", "申报表", "申请书", "申报材料"),
    "business_license": ("营业执照", "执照"),
    "financial_statement": ("财务报表", "利润表", "资产负债表", "现金流量表", "损益表", "财报"),
    "audit_report": ("审计报告", "审计"),
    "social_insurance": ("社保", "社会保险", "参保", "缴费证明"),
    "equity_structure": ("股权", "股东"),
    "certificate": ("证书", "荣誉", "资质", "认定"),
    "id_card": ("身份证",),
    "patent": ("专利",),
    "software_copyright": ("软著", "著作权"),
    "contract": ("合同", "协议"),
    "user_evaluation": ("用户评价", "应用证明", "使用意见"),
    "equipment_list": ("设备清单", "设备"),
    "screenshot": ("截图",),
}
_ATTACHMENT_NO = re.compile(r"附件\s*([0-9０-９一二三四五六七八九十]+)")
_CN_NUMBERS = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")}
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


def _attachment_number(text: str) -> int | None:
    m = _ATTACHMENT_NO.search(unicodedata.normalize("NFKC", text))
    if m is None:
        return None
    token = m.group(1)
    return int(token) if token.isdigit() else _CN_NUMBERS.get(token)


def _kinds_named(name: str) -> set[str]:
    return {kind for kind, words in _NAME_WORDS.items() if any(w in name for w in words)}


def requirements_named(doc: Document, ctx: CheckContext) -> set[str]:
    """Requirement ids (attachments, or "declaration") the file's name points to."""
    name = unicodedata.normalize("NFKC", PurePosixPath(doc.path).name)
    kinds = _kinds_named(name)
    number = _attachment_number(name)
    out: set[str] = set()
    if "declaration" in kinds:
        out.add("declaration")
    for att in ctx.programme.attachments:
        if number is not None and _attachment_number(att.title) == number:
            out.add(att.id)
        elif number is None and kinds & {k for k in att.kinds if k not in ("other", "unknown")}:
            out.add(att.id)
    return out


def _explains(finding: Finding, doc: Document, requirements: set[str]) -> bool:
    if finding.code not in _ABSENCE_CODES or finding.requirement not in requirements:
        return False
    if finding.code == FindingCode.DATE_OUT_OF_RANGE:
        # A statement for the wrong year is explained only by a file that may be the
        # missing year's: one whose name gives no year or gives a missing one.
        years = {int(y) for y in _YEAR.findall(PurePosixPath(doc.path).name)}
        missing = finding.expected if isinstance(finding.expected, list) else []
        found = finding.actual if isinstance(finding.actual, list) else []
        wanted = {y for y in missing if isinstance(y, int) and y not in found}
        return not years or bool(years & wanted)
    return True


def fold_unreadable_causes(findings: list[Finding], ctx: CheckContext) -> list[Finding]:
    unreadable = [d for d in ctx.documents if d.error is not None]
    if not unreadable:
        return findings
    by_path = {f.locations[0].path: f for f in findings
               if f.code == FindingCode.UNREADABLE_FILE and f.locations}
    folded: set[int] = set()
    unnamed: list[str] = []
    for doc in unreadable:
        cause = by_path.get(doc.path)
        named = requirements_named(doc, ctx)
        if not named:
            unnamed.append(doc.path)
        if cause is None:
            continue
        explained = [f for f in findings if id(f) not in folded and _explains(f, doc, named)]
        if not explained:
            continue
        folded.update(id(f) for f in explained)
        reqs = sorted({f.requirement for f in explained if f.requirement})
        cause.requirement = cause.requirement or (reqs[0] if len(reqs) == 1 else None)
        titles = "、".join(_requirement_title(r, ctx) for r in reqs)
        hidden = "；".join(f.message.rstrip("。") for f in explained)
        cause.message = (cause.message.rstrip("。").removesuffix("请重新上传可打开的文件")
                         .rstrip("。")
                         + f"。从文件名看应为“{titles}”，因无法读取，该项无法核验"
                           f"（否则会报：{hidden}）。请重新上传可打开的文件。")
    out = [f for f in findings if id(f) not in folded]
    if not unnamed:
        return out
    # Files whose names say nothing may be any missing item: point at them, don't fold.
    shown = "、".join(f"“{p}”" for p in unnamed[:3]) + ("等" if len(unnamed) > 3 else "")
    for f in out:
        if f.code in _ABSENCE_CODES and f.requirement:
            f.message = (f.message.rstrip("。")
                         + f"（另有 {len(unnamed)} 个文件无法读取：{shown}，可能即为该材料）。")
    return out


def _requirement_title(requirement: str, ctx: CheckContext) -> str:
    if requirement == "declaration":
        return KIND_NAMES["declaration"]
    for att in ctx.programme.attachments:
        if att.id == requirement:
            return att.title
    return requirement
