"""Where each character of an OCR line probably sits.

The engine returns one box per text line, not per character. Table cells and checkbox
labels need to cut a line at an x position, so character extents are estimated from
typical advance widths: CJK and full-width forms take a full em, Latin letters and digits
about half. Good to within a character on printed forms, which is all the callers need.
"""
from __future__ import annotations

import unicodedata

from models.location import BBoxTuple

# Glyphs OCR produces for a drawn tick box (empty or ticked); never real content.
BOX_GLYPHS = frozenset("□☐☑☒■▣▢◻◼⊠⊡✓✔√✗✘囗図")
# "口" is also a common character (出口, 人口): stripped only where a box was detected.
BOX_LIKE_CHARS = BOX_GLYPHS | {"口"}


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x2FA1F)


_NARROW = frozenset("iIl1|!.,:;'`()[]{}/\\jftr-")
_WIDE = frozenset("MWmw@%")


def char_weight(ch: str) -> float:
    """Advance width in ems, roughly, for a proportional sans-serif font."""
    if ch.isspace():
        return 0.3
    if is_cjk(ch) or unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch in BOX_GLYPHS:
        return 1.0
    if ch in _NARROW:
        return 0.3
    if ch in _WIDE:
        return 0.85
    if ch.isupper():
        return 0.65
    if ch.isdigit():
        return 0.56
    if ch.isalpha():
        return 0.52
    return 0.45


def char_spans(text: str, x0: float, x1: float) -> list[tuple[float, float]]:
    """Estimated (left, right) of each character of ``text`` laid out over [x0, x1]."""
    weights = [char_weight(c) for c in text]
    total = sum(weights) or 1.0
    scale = (x1 - x0) / total
    spans: list[tuple[float, float]] = []
    x = x0
    for w in weights:
        spans.append((x, x + w * scale))
        x += w * scale
    return spans


def split_at(text: str, bbox: BBoxTuple, cuts: list[float]) -> list[tuple[str, BBoxTuple]]:
    """Split a line at the given x positions into (text, bbox) parts, dropping empties."""
    if not cuts:
        return [(text, bbox)]
    spans = char_spans(text, bbox[0], bbox[2])
    edges = [bbox[0], *sorted(cuts), bbox[2]]
    parts: list[tuple[str, BBoxTuple]] = []
    for lo, hi in zip(edges, edges[1:]):
        chars = [c for c, (a, b) in zip(text, spans) if lo <= (a + b) / 2 < hi]
        piece = "".join(chars).strip()
        if piece:
            parts.append((piece, (lo, bbox[1], hi, bbox[3])))
    return parts


def smart_join(pieces: list[str]) -> str:
    """Join text pieces of one reading flow: no space between CJK neighbours (a wrapped
    Chinese line has none), one space between Latin/digit neighbours."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(piece[0])
                        or unicodedata.east_asian_width(out[-1]) in ("W", "F")
                        or unicodedata.east_asian_width(piece[0]) in ("W", "F")):
            out += " "
        out += piece
    return out


def join_layout(items: list[tuple[str, BBoxTuple]]) -> str:
    """Text of several OCR pieces (one table cell): top-to-bottom visual rows, left to
    right within a row. Pieces on one row separated by a visible gap get a space (OCR
    splits "☑国有企业   □民营企业" into separate lines); wrapped rows are joined like
    :func:`smart_join`, so a company name broken over two lines comes back whole."""
    rows: list[list[tuple[str, BBoxTuple]]] = []
    for text, box in sorted(items, key=lambda it: ((it[1][1] + it[1][3]) / 2, it[1][0])):
        cy = (box[1] + box[3]) / 2
        if rows:
            last = rows[-1]
            if min(b[1] for _, b in last) <= cy <= max(b[3] for _, b in last):
                last.append((text, box))
                continue
        rows.append([(text, box)])
    row_texts: list[str] = []
    for row in rows:
        row.sort(key=lambda it: it[1][0])
        out = ""
        prev: BBoxTuple | None = None
        for text, box in row:
            text = text.strip()
            if not text:
                continue
            if prev is not None and box[0] - prev[2] > 0.5 * (box[3] - box[1]):
                out = f"{out} {text}"
            else:
                out = smart_join([out, text])
            prev = box
        row_texts.append(out)
    return smart_join(row_texts)
