"""Seals and signatures pasted into a Word file as pictures (电子印章, a scanned signature
image) — how many applicants "sign and stamp" the electronic declaration they upload.

Each picture in the document body is looked at once: a red round or oval seal in it is a
seal; dark strokes on a light ground, wider than tall, in or right after a paragraph that
asks for a signature (签字/签名) are a signature. Both are marked ``origin="embedded"``:
present, but a reviewer should verify them, since a picture can be pasted by anyone."""
from __future__ import annotations

import io
import logging
import re

import numpy as np
from lxml import etree

from models import Mark

log = logging.getLogger(__name__)

_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
_W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
_SIGN_WORDS = re.compile(r"签字|签名|签章|法定代表人|法人代表")
# Pictures larger than this (px) are photos or scans of whole pages, handled as such
# elsewhere; smaller than this, icons.
_MAX_SIDE = 4000
_MIN_SIDE = 24


def _paragraph_text(p: etree._Element | None) -> str:
    return "" if p is None else "".join(t.text or "" for t in p.iter(_W_T))


def _pictures(body: etree._Element) -> list[tuple[str, str]]:
    """(relationship id, text of the paragraph holding the picture and the one before)."""
    out: list[tuple[str, str]] = []
    for el in body.iter(_A_BLIP, _V_IMAGEDATA):
        rid = el.get(_R_EMBED) or el.get(_R_ID)
        if not rid:
            continue
        p = el
        while p is not None and p.tag != _W_P:
            p = p.getparent()
        prev = p.getprevious() if p is not None else None
        context = _paragraph_text(prev) + "\n" + _paragraph_text(p)
        out.append((rid, context))
    return out


def _as_rgb(blob: bytes) -> np.ndarray | None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(blob)) as im:
            im.draft("RGB", (_MAX_SIDE, _MAX_SIDE))
            if max(im.size) > _MAX_SIDE or min(im.size) < _MIN_SIDE:
                return None
            if im.mode in ("RGBA", "LA", "P"):
                rgba = im.convert("RGBA")
                white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                return np.asarray(Image.alpha_composite(white, rgba).convert("RGB"))
            return np.asarray(im.convert("RGB"))
    except Exception as exc:  # an undecodable picture (EMF, WMF) is simply not looked at
        log.debug("picture not decoded: %s", exc)
        return None


def _padded(image: np.ndarray) -> np.ndarray:
    """The picture on a white margin, so a seal that fills its picture is the size it
    would be on a page for the page detector."""
    h, w = image.shape[:2]
    pad = max(h, w)
    out = np.full((h + 2 * pad, w + 2 * pad, 3), 255, dtype=np.uint8)
    out[pad:pad + h, pad:pad + w] = image
    return out


def looks_like_signature(image: np.ndarray) -> bool:
    """Dark, thin strokes on a light ground in a picture wider than tall: a signature (or a
    name written by hand and photographed). Red ink is a seal's, not a signer's."""
    rgb = image.astype(np.int16)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    grey = (r + g + b) / 3
    red = (r - np.maximum(g, b)) > 60
    ink = (grey < 120) & ~red
    share = float(ink.mean())
    if not 0.005 <= share <= 0.25:
        return False
    ys, xs = np.nonzero(ink)
    if len(xs) < 30:
        return False
    width, height = xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
    background = float((grey > 200).mean())
    return background > 0.6 and width >= 1.3 * height


# A picture at least this wide (px) that is neither a seal nor a signature is an
# illustration: a screenshot of a system, a photo of a line — what 举证 text calls 截图.
MIN_ILLUSTRATION_PX = 300


def embedded_marks(document: object) -> list[Mark]:
    """Seal and signature marks for the pictures of a python-docx ``Document``."""
    return read_pictures(document)[0]


def read_pictures(document: object) -> tuple[list[Mark], int]:
    """(seal and signature marks, number of other pictures wide enough to be screenshots
    or photos) for the pictures of a python-docx ``Document``."""
    from extractor.ocr.seal_detector import detect_red_seals

    part = document.part  # type: ignore[attr-defined]
    marks: list[Mark] = []
    illustrations = 0
    seen: set[str] = set()
    for rid, context in _pictures(part.element.body):
        rel = part.rels.get(rid)
        if rel is None or rel.is_external or "image" not in rel.reltype:
            continue
        blob = rel.target_part.blob
        image = _as_rgb(blob)
        if image is None:
            continue
        key = f"{rid}:{len(blob)}"
        if key in seen:
            continue
        seen.add(key)
        if detect_red_seals(_padded(image)):
            marks.append(Mark(kind="seal", origin="embedded", label=None))
        elif _SIGN_WORDS.search(context) and looks_like_signature(image):
            label = _SIGN_WORDS.search(context).group(0)  # type: ignore[union-attr]
            marks.append(Mark(kind="handwriting", origin="embedded", label=label))
        elif image.shape[1] >= MIN_ILLUSTRATION_PX:
            illustrations += 1
    return marks, illustrations
