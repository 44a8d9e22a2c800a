"""Reads a business licence (营业执照) from OCR or text: the printed labels of
shared/domain-facts.md, wherever they sit on the row (licences print two columns, so
one visual row may hold 名称 … and 注册资本 …)."""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass

from models import Block, Document, Location
from models.location import BBoxTuple
from models.fields import FieldObservation
from matchers.fields.ocr_rows import Row, rows_of

# The field keys this reader's observations carry; a programme field read from the licence
# (an ``equals`` rule's sources, a field's ``read_from``) must be one of them (criteria.loader).
PRODUCES = ("uscc", "company_name", "legal_representative", "licence_company_type", "address",
            "business_scope", "registration_authority", "registered_capital",
            "establishment_date", "business_term_end")

# label variants → field key (domain-facts.md, 营业执照 fields). Longer variants first so
# "主要经营场所" wins over "经营场所".
LICENCE_LABELS: list[tuple[str, str]] = [
    ("统一社会信用代码", "uscc"),
    ("执行事务合伙人", "legal_representative"),
    ("法定代表人", "legal_representative"),
    ("主要经营场所", "address"),
    ("经营场所", "address"),
    ("营业场所", "address"),
    ("成员出资总额", "registered_capital"),
    ("注册资本", "registered_capital"),
    ("成立日期", "establishment_date"),
    ("注册日期", "establishment_date"),
    ("营业期限", "business_term"),
    ("经营期限", "business_term"),
    ("经营范围", "business_scope"),
    ("组成形式", "licence_company_type"),
    ("登记机关", "registration_authority"),
    ("经营者", "legal_representative"),
    ("投资人", "legal_representative"),
    ("负责人", "legal_representative"),
    ("住所", "address"),
    ("名称", "company_name"),
    ("类型", "licence_company_type"),
]
# Licences letter-space their labels (名　　称, 类 型): any spacing between the characters.
_LABEL_RE = re.compile("|".join(r"\s*".join(re.escape(ch) for ch in label) for label, _ in LICENCE_LABELS))
_KEY_OF = dict(LICENCE_LABELS)


def _key_of(printed: str) -> str:
    return _KEY_OF[re.sub(r"\s+", "", printed)]
# Keys whose value may wrap onto following rows that carry no label of their own.
_WRAPS = {"business_scope", "address"}
_EXCERPT = 80


@dataclass
class _Hit:
    key: str
    label: str
    value: str
    row: Row
    # Left edge of the label's block: the column this field occupies on a two-column
    # licence, so wrapped lines can be given back to the right field.
    x0: float = 0.0
    # Bottom of the last line that belongs to the field, and its line height: a wrapped
    # line follows closely; text further down (the issue date) is not a continuation.
    y1: float = 0.0
    line_h: float = 0.0


def _split_row(row: Row) -> list[_Hit]:
    starts: list[tuple[int, float]] = []
    parts: list[str] = []
    offset = 0
    for b in row.blocks:
        starts.append((offset, b.bbox[0] if b.bbox else 0.0))
        t = unicodedata.normalize("NFKC", b.text.strip())
        parts.append(t)
        offset += len(t) + 1
    text = " ".join(parts)
    # A label counts only at the start of the row or after a gap: 类型, 名称 and 住所 also
    # occur inside values (经营范围 text), where they are preceded by other characters.
    matches = [m for m in _LABEL_RE.finditer(text)
               if m.start() == 0 or text[m.start() - 1].isspace()]
    hits: list[_Hit] = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end():end].strip().lstrip(":：").strip()
        x0 = max((x for off, x in starts if off <= m.start()), default=0.0)
        box = row.bbox
        y1, h = (box[3], box[3] - box[1]) if box else (0.0, 0.0)
        label = re.sub(r"\s+", "", m.group(0))
        hits.append(_Hit(_key_of(m.group(0)), label, value, row, x0, y1, h))
    return hits


def _continues(hit: _Hit) -> bool:
    """The field may go on in a later block: a wrapping field (经营范围, 住所), or a term
    ending in 至 whose end date was wrapped onto the next line."""
    return hit.key in _WRAPS or (hit.key == "business_term"
                                 and hit.value.rstrip().endswith("至"))


def _continue_wrapped(row: Row, open_hits: list[_Hit]) -> None:
    """A row without labels continues the wrapping fields above it, block by block: each
    block goes to the field whose column starts at or left of it."""
    for b in row.blocks:
        x = b.bbox[0] if b.bbox else 0.0
        owners = [h for h in open_hits if h.x0 <= x + 20]
        owner = max(owners, key=lambda h: h.x0) if owners else None
        # A label alone on its row (电子营业执照 PDFs put the value on the next line).
        awaiting = owner is not None and not owner.value.strip()
        if owner is None or (not _continues(owner) and not awaiting):
            continue
        if b.bbox is not None and owner.line_h and b.bbox[1] - owner.y1 > 1.2 * owner.line_h:
            continue
        owner.value += unicodedata.normalize("NFKC", b.text.strip())
        if b.bbox is not None:
            owner.y1 = b.bbox[3]


def _relines(row: Row) -> list[Row]:
    """A row grouped too tall (a letter-spaced label 名 / 类 printed over two lines joins
    them) split back into its lines by the blocks' vertical centres."""
    boxed = [(b.bbox, b) for b in row.blocks if b.bbox is not None]
    if len(boxed) < 4:
        return [row]
    heights = sorted(bb[3] - bb[1] for bb, _ in boxed)
    h = heights[len(heights) // 2]
    top = min(bb[1] for bb, _ in boxed)
    bottom = max(bb[3] for bb, _ in boxed)
    if h <= 0 or bottom - top < 1.8 * h:
        return [row]
    # (centre of the line's first block, its blocks with their boxes)
    lines: list[tuple[float, list[tuple[BBoxTuple, Block]]]] = []
    for bb, b in sorted(boxed, key=lambda t: (t[0][1] + t[0][3]) / 2):
        cy = (bb[1] + bb[3]) / 2
        if lines and abs(cy - lines[-1][0]) <= 0.5 * h:
            lines[-1][1].append((bb, b))
        else:
            lines.append((cy, [(bb, b)]))
    if len(lines) < 2:
        return [row]
    return [dataclasses.replace(row, blocks=[b for _, b in sorted(bs, key=lambda t: t[0][0])])
            for _cy, bs in lines]


def _give_back_continuations(row: Row, open_hits: list[_Hit]) -> Row:
    """On a two-column licence a labelled row can carry, in the other column, the wrapped
    end of a field above (营业期限 "…至" | 经营范围 row holding "2022年08月31日"): such
    label-less blocks right of the row's labels go to the open field of their column."""
    if not open_hits or len(row.blocks) < 2:
        return row
    labelled_x = [b.bbox[0] for b in row.blocks if b.bbox is not None and
                  _LABEL_RE.match(unicodedata.normalize("NFKC", b.text.strip()))]
    if not labelled_x:
        return row
    kept = []
    for b in row.blocks:
        x = b.bbox[0] if b.bbox else 0.0
        owners = [h for h in open_hits if h.x0 <= x + 20 and h.x0 > max(labelled_x) + 20]
        owner = max(owners, key=lambda h: h.x0) if owners else None
        if owner is not None and _continues(owner) \
                and not _LABEL_RE.match(unicodedata.normalize("NFKC", b.text.strip())):
            owner.value += unicodedata.normalize("NFKC", b.text.strip())
            continue
        kept.append(b)
    return row if len(kept) == len(row.blocks) else dataclasses.replace(row, blocks=kept)



def _only_dates(text: str) -> bool:
    """Whether ``text`` holds nothing but dates (and spacing/punctuation)."""
    from domain import dates

    rest = text
    for m in reversed(dates.find_dates(text)):
        rest = rest[:m.start] + rest[m.end:]
    return bool(dates.find_dates(text)) and not re.sub(r"[\s:：,，.。、()（）]", "", rest)

def read_business_licence(doc: Document) -> list[FieldObservation]:
    from domain import dates, money, names, uscc

    found: dict[str, _Hit] = {}
    for page in doc.pages:
        open_hits: list[_Hit] = []
        for row in [r for big in rows_of(page) for r in _relines(big)]:
            row = _give_back_continuations(row, open_hits)
            hits = _split_row(row)
            if not hits:
                if row.text.strip():
                    _continue_wrapped(row, open_hits)
                continue
            for h in hits:
                if h.key not in found or not found[h.key].value:
                    found[h.key] = h
            # A labelled row closes the fields in the columns it occupies.
            cols = {round(h.x0 / 50) for h in hits}
            open_hits = [h for h in open_hits if round(h.x0 / 50) not in cols] + \
                [found[h.key] for h in hits if found[h.key] is h]

    def obs(key: str, value: str, normalized: object, hit: _Hit | None) -> FieldObservation:
        row = hit.row if hit else None
        page = row.page if row else (doc.pages[0].number if doc.pages else 1)
        excerpt = f"{hit.label} {value}" if hit else value
        loc = Location(path=doc.path, page=page, bbox=row.bbox if row else None,
                       excerpt=excerpt[:_EXCERPT])
        o = FieldObservation(key=key, value=value, normalized=normalized,
                             source="business_license", location=loc,
                             label=hit.label if hit else None, via="parser")
        if row is not None and row.confidence is not None:
            o.extra["ocr_confidence"] = round(row.confidence, 4)
        return o

    out: list[FieldObservation] = []
    # USCC: after its label, else anywhere on the page (the label is often under the seal).
    code_hit = found.get("uscc")
    code = None
    if code_hit is not None:
        cands = uscc.find_uscc_candidates(code_hit.value)
        code = cands[0] if cands else None
    if code is None:
        cands = uscc.find_uscc_candidates(doc.text)
        code = cands[0] if cands else None
    if code is not None:
        out.append(obs("uscc", code, uscc.normalize_uscc(code), code_hit))
    for key in ("company_name", "legal_representative", "licence_company_type", "address",
                "business_scope", "registration_authority"):
        hit = found.get(key)
        if hit is None or not hit.value:
            continue
        value = hit.value
        if _only_dates(value):
            # None of these is ever a date. A label with nothing beside it (登记机关, whose
            # authority is often only inside the seal) is paired with the next text down,
            # which is then the issue date printed under it.
            continue
        norm: object = re.sub(r"\s+", "", value)
        if key == "company_name":
            norm = names.normalize_company_name(value)
        out.append(obs(key, value, norm, hit))
    hit = found.get("registered_capital")
    if hit is not None and hit.value:
        m = money.parse_money(hit.value)
        norm = None if m is None else {"amount_wan": float(money.to_wan(m)),
                                       "currency": m.currency}
        out.append(obs("registered_capital", hit.value, norm, hit))
    hit = found.get("establishment_date")
    if hit is not None and hit.value:
        d = dates.parse_date(hit.value)
        out.append(obs("establishment_date", hit.value, str(d) if d else None, hit))
    hit = found.get("business_term")
    if hit is not None and hit.value:
        term = dates.parse_term(hit.value)
        end = None
        if term is not None:
            end = "长期" if term.indefinite else (term.end.isoformat() if term.end else None)
        o = obs("business_term_end", hit.value, end, hit)
        if term is not None and term.start is not None:
            o.extra["term_start"] = term.start.isoformat()
        out.append(o)
    return out
