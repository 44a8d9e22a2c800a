"""Whether a page's text layer can be read as the page's text, and if not, why.

Reasons a page goes to OCR (the ``ocr_pages`` metadata keeps these short codes):

* ``no_text`` – no text layer on a picture (or outlined-text) page;
* ``garbled`` – the layer's characters are not the text: private-use, replacement or
  control characters from fonts without a Unicode map, or mojibake (GBK or UTF-8 bytes
  read as Latin-1/cp1252: "ÉêÇëµ¥Î»" for 申请单位) that a share-of-good-characters test
  lets through when digits dominate the page;
* ``hidden_layer`` – a scan (or outlined text) carrying an invisible text layer: render
  mode 3, transparent, under the page image or clipped away. The page shows the image,
  so tables, tick boxes and seals can only be read from it;
* ``image_page`` – mostly a picture whose text layer does not cover it (a scan with a
  typed header).
"""
from __future__ import annotations

import unicodedata

from extractor.ocr.text_geometry import is_cjk
from extractor.pdf.objects import OUTLINED_TEXT_PATHS
from extractor.pdf.text_layer import MIN_TEXT_CHARS, PageText
from models.location import BBoxTuple

# Share of the page covered by images above which a page counts as a picture.
IMAGE_PAGE_COVERAGE = 0.5
# Share of a picture page's characters that must be hidden for it to be a scan with an
# OCR layer (a few covered characters under a seal do not make one).
HIDDEN_LAYER_SHARE = 0.5
# Share of the drawn characters that decode as mojibake above which a layer is garbled.
MOJIBAKE_SHARE = 0.15
MOJIBAKE_MIN_CHARS = 6


def _to_bytes(ch: str) -> bytes | None:
    """The byte a Latin-1/cp1252 reader turned into ``ch``; None if it came from none."""
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        pass
    return bytes([ord(ch)]) if ord(ch) < 0x100 else None


def _cjk_share(text: str) -> float:
    return sum(1 for c in text if is_cjk(c)) / max(1, len(text))


def mojibake_chars(text: str) -> int:
    """How many characters of ``text`` belong to runs that are Chinese text encoded as
    GBK or UTF-8 and decoded as Latin-1/cp1252.

    Runs are maximal stretches of characters that can be bytes of a GBK or UTF-8
    character read one by one (high bytes, and the letters 0x40–0x7E that GBK uses as
    trail bytes; digits, spaces and punctuation break a run, so the amounts beside a
    mangled label do not dilute it). A run counts when its bytes decode mostly to CJK —
    a legitimate "°" or "×" among digits does not."""
    total = 0
    run: list[bytes] = []
    run_high = 0

    def close() -> int:
        if run_high < 2:
            return 0
        data = b"".join(run)
        for codec in ("gbk", "utf-8"):
            decoded = data.decode(codec, errors="replace")
            bad = decoded.count("\ufffd")
            if bad <= 0.1 * len(decoded) and _cjk_share(decoded.replace(" ", "")) >= 0.3 \
                    and sum(1 for c in decoded if is_cjk(c)) * 2 >= 0.6 * run_high:
                return run_high
        return 0

    for ch in unicodedata.normalize("NFC", text):
        b = _to_bytes(ch) if not is_cjk(ch) else None
        if b is None or b[0] < 0x40:
            total += close()
            run, run_high = [], 0
            continue
        run.append(b)
        if b[0] >= 0x80:
            run_high += 1
    total += close()
    return total


def is_garbled(text: PageText) -> bool:
    if not text.usable:
        return True
    drawn = "".join(c.text for c in text.chars)
    junk = mojibake_chars(drawn)
    return junk >= MOJIBAKE_MIN_CHARS and junk >= MOJIBAKE_SHARE * text.visible


def needs_ocr(text: PageText, coverage: float, image_rects: list[BBoxTuple],
              n_paths: int) -> str | None:
    """Why this page must be OCR'd (a code from the module docstring), or None when its
    text layer is usable."""
    if text.visible < MIN_TEXT_CHARS:
        # Little or no text: a scan, or text drawn as outlines (many paths). A page that
        # is simply short or blank keeps its text layer.
        if coverage >= 0.3 or n_paths >= OUTLINED_TEXT_PATHS:
            return "no_text"
        return None
    if is_garbled(text):
        return "garbled"
    pictured = coverage >= IMAGE_PAGE_COVERAGE or n_paths >= OUTLINED_TEXT_PATHS
    if pictured and text.hidden >= HIDDEN_LAYER_SHARE * text.visible:
        return "hidden_layer"
    if coverage >= IMAGE_PAGE_COVERAGE:
        on_image = sum(1 for c in text.chars if any(
            r[0] <= (c.box[0] + c.box[2]) / 2 <= r[2] and r[1] <= (c.box[1] + c.box[3]) / 2
            <= r[3] for r in image_rects))
        # An OCR layer sits on the scan; a typed header sits beside it.
        if on_image < 0.2 * text.visible:
            return "image_page"
    return None
