"""MISSING_EVIDENCE (promised screenshots not attached), MISSING_SEAL, MISSING_SIGNATURE,
and one-item-per-form (single_value)."""
from __future__ import annotations

import re
import unicodedata

from checks.attachments import KIND_NAMES
from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from checks.display import field_name
from criteria.schema import EvidenceAttachedRule, SealRule, SignatureRule, SingleValueRule
from models import Document, Finding, FindingCode, Location, Page, Severity


@rule_check(EvidenceAttachedRule, codes=(FindingCode.MISSING_EVIDENCE,))
def check_evidence_attached(rule: EvidenceAttachedRule, ctx: CheckContext) -> list[Finding]:
    code = FindingCode.MISSING_EVIDENCE
    if rule.section:
        sec = ctx.sections.get(rule.section)
        if sec is None:
            return []
        text, loc = sec.text, sec.location
    else:
        decl = ctx.declarations[:1]
        if not decl:
            return []
        text, loc = decl[0].text, Location(path=decl[0].path, page=1)
    hits = [t for t in rule.trigger_terms if t in text]
    if not hits:
        return []
    if any(d.kind.value in rule.kinds for d in ctx.readable):
        return []
    # Screenshots pasted into the declaration itself (the usual 举证 habit) are there.
    if "screenshot" in rule.kinds and any(int(d.metadata.get("pictures", "0") or 0) > 0
                                          for d in ctx.declarations):
        return []
    i = text.find(hits[0])
    excerpt = text[max(0, i - 20): i + 20].replace("\n", " ")
    return [Finding(code=code, severity=RULE_SEVERITY, field=rule.section,
                    message=f"{rule.title}：文中提到“{hits[0]}”，但材料中未找到相应的"
                            f"{'、'.join(KIND_NAMES.get(k, k) for k in rule.kinds)}文件。请补充上传。",
                    expected=rule.kinds, actual="未找到",
                    locations=[loc.model_copy(update={"excerpt": excerpt})])]


def _pages_with(ctx: CheckContext, keywords: list[str]) -> list[tuple[Document, Page]]:
    out = []
    for d in ctx.readable:
        for p in d.pages:
            text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", "\n".join(b.text for b in p.blocks)))
            if any(re.sub(r"\s+", "", unicodedata.normalize("NFKC", k)) in text for k in keywords):
                out.append((d, p))
    return out


def _missing_page(rule: SealRule | SignatureRule, ctx: CheckContext, code: FindingCode
                  ) -> list[Finding]:
    if not rule.page_required or not ctx.declarations:
        return []
    return [Finding(code=code, severity=RULE_SEVERITY,
                    message=f"未找到“{rule.page_keywords[0]}”页，无法确认签字盖章。"
                            f"请上传签字盖章后的“{rule.page_keywords[0]}”扫描页。",
                    expected=rule.page_keywords[0], actual="未找到",
                    locations=[Location(path=d.path, page=1) for d in ctx.declarations[:1]])]


# A page holding no more than this many characters after a keyword page is that page's
# end spilt over: the seal and the date that did not fit (a Word-exported declaration).
SPILL_PAGE_CHARS = 80


def _spill_pages(group: list[tuple[Document, Page]]) -> list[tuple[Document, Page]]:
    out = []
    for d, p in group:
        nxt = next((q for q in d.pages if q.number == p.number + 1), None)
        if nxt is None or any(q is nxt for _, q in group):
            continue
        if len(re.sub(r"\s+", "", "".join(b.text for b in nxt.blocks))) <= SPILL_PAGE_CHARS:
            out.append((d, nxt))
    return out


def _page_name(rule: SealRule | SignatureRule) -> str:
    """How the page is called in messages: its declared name, else its first keyword."""
    return getattr(rule, "page_name", None) or rule.page_keywords[0]


@rule_check(SealRule, codes=(FindingCode.MISSING_SEAL,))
def check_seal(rule: SealRule, ctx: CheckContext) -> list[Finding]:
    code = FindingCode.MISSING_SEAL
    pages = [(d, p) for d, p in _pages_with(ctx, rule.page_keywords)
             if not rule.kinds or d.kind.value in rule.kinds]
    if not pages:
        return _missing_page(rule, ctx, code)
    if rule.scope == "every_page":
        groups = [[dp] for dp in pages]
    elif rule.scope == "every_document":
        by_doc: dict[str, list[tuple[Document, Page]]] = {}
        for d, p in pages:
            by_doc.setdefault(d.path, []).append((d, p))
        groups = list(by_doc.values())
    else:
        groups = [pages]
    out: list[Finding] = []
    for group in groups:
        stamped = group + _spill_pages(group)
        seals = [(d, p, m) for d, p in stamped for m in p.marks if m.kind == "seal"]
        if any(m.origin == "scan" for _, _, m in seals):
            continue
        if seals:
            d, p, _m = seals[0]
            out.append(Finding(
                code=FindingCode.EMBEDDED_SEAL, severity=Severity.warning,
                message=f"“{d.path}”的“{_page_name(rule)}”页上的印章是嵌入文件的电子印章图片，"
                        f"不是盖章后的扫描件，请核验印章的真实性。",
                expected="加盖公章", actual="电子印章图片",
                locations=[Location(path=d.path, page=p.number, bbox=_m.bbox,
                                    excerpt=rule.page_keywords[0])]))
            continue
        scanned = [(d, p) for d, p in group if p.ocr or p.image_path]
        why = "页面上未检测到红色印章" if scanned else "仅有电子文档，未见盖章后的扫描页"
        where = "" if rule.scope == "any_page" else (
            f"“{group[0][0].path}”第{group[0][1].number}页" if rule.scope == "every_page" and
            len(group[0][0].pages) > 1 else f"“{group[0][0].path}”") + "中的"
        out.append(Finding(code=code, severity=RULE_SEVERITY,
                           message=f"{where}“{_page_name(rule)}”页未盖章：{why}。"
                                   f"请加盖公章后扫描上传。",
                           expected="加盖公章", actual="未检测到印章",
                           locations=[Location(path=d.path, page=p.number,
                                               excerpt=rule.page_keywords[0]) for d, p in group[:3]]))
    return out


@rule_check(SignatureRule, codes=(FindingCode.MISSING_SIGNATURE,))
def check_signature(rule: SignatureRule, ctx: CheckContext) -> list[Finding]:
    code = FindingCode.MISSING_SIGNATURE
    pages = _pages_with(ctx, rule.page_keywords)
    if not pages:
        return _missing_page(rule, ctx, code)
    signed = [(d, p, m) for d, p in pages for m in p.marks
              if m.kind in ("handwriting", "typed_signature")]
    if any(m.origin == "scan" for _, _, m in signed):
        return []
    if signed:
        d, p, m = signed[0]
        return [Finding(
            code=FindingCode.EMBEDDED_SIGNATURE, severity=Severity.warning,
            message=f"“{d.path}”的“{rule.page_keywords[0]}”页上的签名是嵌入文件的图片或电子签名，"
                    f"请核验是否为{rule.signer or ''}本人签字。",
            expected="签名", actual="签名图片", locations=[Location(
                path=d.path, page=p.number, bbox=m.bbox, excerpt=rule.signature_labels[0])])]
    return [Finding(code=code, severity=RULE_SEVERITY,
                    message=f"“{rule.page_keywords[0]}”页的“{rule.signature_labels[0]}”处未见签名。"
                            f"请{'由' + rule.signer if rule.signer else ''}签字后扫描上传。",
                    expected="签名", actual="未检测到签名",
                    locations=[Location(path=d.path, page=p.number, excerpt=rule.signature_labels[0])
                               for d, p in pages[:3]])]


_TRAILER = re.compile(r"(?:[\s(（][^()（）]*[)）]|\s*[A-Za-z][A-Za-z0-9\-_.]*\d[A-Za-z0-9\-_.]*"
                      r"|\s*[Vv]?\d+(?:\.\d+)+)\s*$")


def _item_core(part: str) -> str:
    """The name without what follows it: a version or model (V3.0, YC-5G100) or a note in
    brackets (（两款）), so 管理平台V3.0 ends like a product."""
    s = part.strip()
    for _ in range(3):
        s2 = _TRAILER.sub("", s).strip()
        if s2 == s or not s2:
            break
        s = s2
    return s.upper()


@rule_check(SingleValueRule, codes=(FindingCode.MULTIPLE_PRODUCTS,))
def check_single_value(rule: SingleValueRule, ctx: CheckContext) -> list[Finding]:
    code = FindingCode.MULTIPLE_PRODUCTS
    obs = ctx.best(rule.field, "declaration")
    if obs is None or obs.is_empty:
        return []
    text = unicodedata.normalize("NFKC", obs.value or "")
    seps = [s.replace("\\n", "\n") for s in rule.separators]
    parts = [text]
    for sep in seps:
        parts = [q for p in parts for q in p.split(sep)]
    # A part counts as an item of its own when it ends like one (the rule's item_endings).
    endings = tuple(unicodedata.normalize("NFKC", e).upper() for e in rule.item_endings)
    items = [p.strip() for p in parts if _item_core(p).endswith(endings)]
    if len(items) < 2:
        return []
    spec = ctx.spec(rule.field)
    instruction = rule.instruction or f"只可填写一{rule.counter}。"
    return [Finding(code=code, severity=RULE_SEVERITY, field=rule.field,
                    message=f"{field_name(spec)}填写了 {len(items)} {rule.counter}（{'、'.join(items)}），"
                            f"{instruction}",
                    expected=f"一{rule.counter}", actual=items, locations=[obs.location])]
