"""Writing OFD files (GB/T 33190) as Chinese e-document writers do.

``write_ofd`` lays out OFD.xml → Doc_0/Document.xml (CommonData with the page area,
PublicRes.xml fonts, DocumentRes.xml multimedia, template pages) → Pages/Page_N/Content.xml
with TextObjects (a Boundary, Size in mm, and per-glyph DeltaX measured from the font,
runs of equal advances written "g N v"), PathObjects (AbbreviatedData) for rules and
boxes, ImageObjects for pictures, and optionally electronic seals: Signs/Signatures.xml →
Sign_N/Signature.xml with a StampAnnot on the page and SignedValue.dat, a DER structure
shaped like GM/T 0031's SES_Signature that carries the seal picture. The signature value
is zeros: nothing here is signed, the files only look like signed ones to a reader.

Everything is deterministic (fixed timestamps, IDs in writing order, zip entries in a
fixed order with a fixed date), so a generated file is byte-identical run to run.
"""
from __future__ import annotations

import base64
import hashlib
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from samples.render.fonts import pil_font

NS = "http://www.ofdspec.org/2016"
_NSMAP = {"ofd": NS}
ZIP_DATE = (2021, 8, 16, 9, 30, 0)
SHA256_OID = "2.16.840.1.101.3.4.2.1"
SM2_OID = "1.2.156.10197.1.501"

RGB = tuple[int, int, int]


@dataclass
class OfdText:
    """One run of text on a baseline; x/y in mm (left edge, baseline)."""

    text: str
    x: float
    y: float
    size: float = 3.5  # em, mm
    color: RGB = (0, 0, 0)
    # Extra mm between glyphs (letter-spaced labels: 名　称).
    tracking: float = 0.0
    # Advances to the next glyph, one per gap, when the caller knows them (copied from a
    # PDF's character positions); otherwise measured from the font.
    advances: list[float] | None = None
    # Write the object with a CTM scaling its own frame by this factor (as some writers
    # do, Size and X/Y then being in the scaled frame); the text lands in the same place.
    ctm_scale: float | None = None
    font: int = 0  # index into write_ofd's fonts


@dataclass
class OfdLine:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.25
    color: RGB = (0, 0, 0)


@dataclass
class OfdRect:
    x: float
    y: float
    w: float
    h: float
    width: float = 0.25
    stroke: RGB | None = (0, 0, 0)
    fill: RGB | None = None


@dataclass
class OfdImage:
    data: bytes
    x: float
    y: float
    w: float
    h: float
    format: str = "PNG"  # or "JPEG"


@dataclass
class OfdPage:
    width: float = 210.0
    height: float = 297.0
    texts: list[OfdText] = field(default_factory=list)
    lines: list[OfdLine] = field(default_factory=list)
    rects: list[OfdRect] = field(default_factory=list)
    images: list[OfdImage] = field(default_factory=list)
    # Drawn behind this page; pages sharing one template object share one TemplatePage.
    template: OfdPage | None = None


@dataclass
class OfdSeal:
    """An electronic seal: its picture placed on a page as a signature's StampAnnot."""

    picture: bytes
    page: int  # 0-based page index
    x: float
    y: float
    w: float
    h: float
    name: str = "电子印章"
    # The picture's type as SES names it: "PNG", "JPG", "GIF", or "OFD" (the seal drawn
    # as a one-page OFD package, as newer seal systems issue it).
    format: str = "PNG"


# ----- text metrics ------------------------------------------------------------------


@lru_cache(maxsize=4096)
def advance_em(ch: str) -> float:
    """The glyph's advance in ems in the CJK font (what a writer measures DeltaX with)."""
    return pil_font(1000).getlength(ch) / 1000.0


def text_advances(t: OfdText) -> list[float]:
    if t.advances is not None:
        return list(t.advances[:max(0, len(t.text) - 1)])
    return [round(advance_em(ch) * t.size + t.tracking, 3) for ch in t.text[:-1]]


def text_width(text: str, size: float, tracking: float = 0.0) -> float:
    return sum(advance_em(ch) * size for ch in text) + tracking * max(0, len(text) - 1)


def _num(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def delta_attr(values: list[float]) -> str:
    """Advances as writers emit them: a run of three or more equal values as "g N v"."""
    out: list[str] = []
    i = 0
    while i < len(values):
        j = i
        while j < len(values) and _num(values[j]) == _num(values[i]):
            j += 1
        if j - i >= 3:
            out += ["g", str(j - i), _num(values[i])]
        else:
            out += [_num(v) for v in values[i:j]]
        i = j
    return " ".join(out)


# ----- XML ---------------------------------------------------------------------------


def _el(parent: etree._Element | None, tag: str, text: str | None = None,
        **attrs: str) -> etree._Element:
    qn = f"{{{NS}}}{tag}"
    el = etree.Element(qn, nsmap=_NSMAP) if parent is None else etree.SubElement(parent, qn)
    for k, v in attrs.items():
        el.set(k, v)
    if text is not None:
        el.text = text
    return el


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _rgb(c: RGB) -> str:
    return f"{c[0]} {c[1]} {c[2]}"


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return str(self.n)


@dataclass
class _Media:
    id: str
    name: str
    data: bytes
    format: str


class _Writer:
    def __init__(self, fonts: list[str]) -> None:
        self.ids = _Ids()
        self.font_ids = [self.ids.next() for _ in fonts]
        self.fonts = fonts
        self.media: list[_Media] = []
        self._media_by_hash: dict[str, _Media] = {}

    def media_id(self, data: bytes, fmt: str) -> str:
        key = hashlib.sha256(data).hexdigest()
        if key not in self._media_by_hash:
            mid = self.ids.next()
            ext = "jpg" if fmt.upper() in ("JPEG", "JPG") else fmt.lower()
            m = _Media(mid, f"image_{mid}.{ext}", data, "JPEG" if ext == "jpg" else fmt.upper())
            self._media_by_hash[key] = m
            self.media.append(m)
        return self._media_by_hash[key].id

    def text(self, layer: etree._Element, t: OfdText) -> None:
        if not t.text:
            return
        adv = text_advances(t)
        width = sum(adv) + t.size
        k = t.ctm_scale or 1.0
        # Boundary: the run's box with the baseline one em below its top edge.
        bx, by = t.x, t.y - t.size
        attrs = {"ID": self.ids.next(), "Boundary": f"{_num(bx)} {_num(by)} {_num(width)} "
                 f"{_num(t.size * 1.3)}", "Font": self.font_ids[t.font], "Size": _num(t.size / k)}
        if t.ctm_scale:
            attrs["CTM"] = f"{_num(k)} 0 0 {_num(k)} 0 0"
        obj = _el(layer, "TextObject", **attrs)
        if t.color != (0, 0, 0):
            _el(obj, "FillColor", Value=_rgb(t.color))
        code = _el(obj, "TextCode", t.text, X="0", Y=_num(t.size / k))
        if adv:
            code.set("DeltaX", delta_attr([a / k for a in adv]))

    def path(self, layer: etree._Element, box: tuple[float, float, float, float], data: str,
             width: float, stroke: RGB | None, fill: RGB | None) -> None:
        attrs = {"ID": self.ids.next(), "Boundary": " ".join(_num(v) for v in box),
                 "LineWidth": _num(width)}
        if stroke is None:
            attrs["Stroke"] = "false"
        if fill is not None:
            attrs["Fill"] = "true"
        obj = _el(layer, "PathObject", **attrs)
        if stroke is not None and stroke != (0, 0, 0):
            _el(obj, "StrokeColor", Value=_rgb(stroke))
        if fill is not None:
            _el(obj, "FillColor", Value=_rgb(fill))
        _el(obj, "AbbreviatedData", data)

    def line(self, layer: etree._Element, ln: OfdLine) -> None:
        x, y = min(ln.x0, ln.x1), min(ln.y0, ln.y1)
        w, h = abs(ln.x1 - ln.x0), abs(ln.y1 - ln.y0)
        data = f"M {_num(ln.x0 - x)} {_num(ln.y0 - y)} L {_num(ln.x1 - x)} {_num(ln.y1 - y)}"
        self.path(layer, (x, y, w, h), data, ln.width, ln.color, None)

    def rect(self, layer: etree._Element, r: OfdRect) -> None:
        data = f"M 0 0 L {_num(r.w)} 0 L {_num(r.w)} {_num(r.h)} L 0 {_num(r.h)} C"
        self.path(layer, (r.x, r.y, r.w, r.h), data, r.width, r.stroke, r.fill)

    def image(self, layer: etree._Element, im: OfdImage) -> None:
        rid = self.media_id(im.data, im.format)
        _el(layer, "ImageObject", ID=self.ids.next(), ResourceID=rid,
            Boundary=f"{_num(im.x)} {_num(im.y)} {_num(im.w)} {_num(im.h)}",
            CTM=f"{_num(im.w)} 0 0 {_num(im.h)} 0 0")

    def content(self, page: OfdPage, template_id: str | None, area: bool) -> bytes:
        root = _el(None, "Page")
        if template_id is not None:
            _el(root, "Template", TemplateID=template_id, ZOrder="Background")
        if area:
            box = _el(root, "Area")
            _el(box, "PhysicalBox", f"0 0 {_num(page.width)} {_num(page.height)}")
        layer = _el(_el(root, "Content"), "Layer", ID=self.ids.next(), Type="Body")
        for im in page.images:
            self.image(layer, im)
        for r in page.rects:
            self.rect(layer, r)
        for ln in page.lines:
            self.line(layer, ln)
        for t in page.texts:
            self.text(layer, t)
        return _xml(root)


# ----- signatures --------------------------------------------------------------------


def _der(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 0x80:
        head = bytes([n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + head + body


def _seq(*items: bytes) -> bytes:
    return _der(0x30, b"".join(items))


def _int(v: int) -> bytes:
    return _der(0x02, v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big"))


def _ia5(s: str) -> bytes:
    return _der(0x16, s.encode("ascii"))


def _utf8(s: str) -> bytes:
    return _der(0x0C, s.encode("utf-8"))


def _oid(dotted: str) -> bytes:
    parts = [int(p) for p in dotted.split(".")]
    body = bytearray([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7F]
        p >>= 7
        while p:
            chunk.append(0x80 | (p & 0x7F))
            p >>= 7
        body.extend(reversed(chunk))
    return _der(0x06, bytes(body))


def ses_signature(picture: bytes, fmt: str, name: str, width_mm: int, height_mm: int,
                  data_hash: bytes, when: str) -> bytes:
    """SES_Signature-shaped DER: toSign {version, eseal {sealInfo {header, esID,
    property, picture {type, data, width, height}}, cert, alg, value}, timeInfo,
    dataHash, propertyInfo, cert, alg} and a zero signature."""
    header = _seq(_ia5("ES"), _int(4), _ia5("dossier-checker-samples"))
    prop = _seq(_int(1), _utf8(name), _int(0), _der(0x18, when.encode()),
                _der(0x18, when.encode()), _der(0x18, b"20991231000000Z"))
    pic = _seq(_ia5(fmt), _der(0x04, picture), _int(width_mm), _int(height_mm))
    seal_info = _seq(header, _ia5("37000000000001"), prop, pic)
    eseal = _seq(seal_info, _der(0x04, b""), _oid(SM2_OID), _der(0x03, b"\0" + bytes(64)))
    to_sign = _seq(_int(4), eseal, _der(0x18, when.encode()), _der(0x03, b"\0" + data_hash),
                   _ia5("/Doc_0/Signs/Sign_0/Signature.xml"), _der(0x04, b""), _oid(SM2_OID))
    return _seq(to_sign, _der(0x03, b"\0" + bytes(64)))


# ----- package -----------------------------------------------------------------------


def write_ofd(pages: list[OfdPage], out: Path, *, seals: list[OfdSeal] | None = None,
              title: str = "", doc_id: str | None = None, creation_date: str = "2021-08-16",
              fonts: list[str] | None = None) -> Path:
    """Write ``pages`` as an OFD package at ``out``; returns ``out``."""
    if not pages:
        raise ValueError("an OFD needs at least one page")
    w = _Writer(fonts or ["宋体"])
    default = pages[0]
    templates: list[OfdPage] = []
    for p in pages:
        if p.template is not None and all(p.template is not t for t in templates):
            templates.append(p.template)
    tpl_ids = [w.ids.next() for _ in templates]
    page_ids = [w.ids.next() for _ in pages]
    parts: dict[str, bytes] = {}
    for i, t in enumerate(templates):
        parts[f"Doc_0/Tpls/Tpl_{i}/Content.xml"] = w.content(t, None, area=False)
    for i, p in enumerate(pages):
        tid = next((tpl_ids[k] for k, t in enumerate(templates) if t is p.template), None)
        same_size = (p.width, p.height) == (default.width, default.height)
        parts[f"Doc_0/Pages/Page_{i}/Content.xml"] = w.content(p, tid, area=not same_size)

    pub = _el(None, "Res", BaseLoc="Res")
    fonts_el = _el(pub, "Fonts")
    for fid, name in zip(w.font_ids, w.fonts):
        _el(fonts_el, "Font", ID=fid, FontName=name, FamilyName=name)
    parts["Doc_0/PublicRes.xml"] = _xml(pub)
    docres = _el(None, "Res", BaseLoc="Res")
    if w.media:
        mms = _el(docres, "MultiMedias")
        for m in w.media:
            mm = _el(mms, "MultiMedia", ID=m.id, Type="Image", Format=m.format)
            _el(mm, "MediaFile", m.name)
            parts[f"Doc_0/Res/{m.name}"] = m.data
    parts["Doc_0/DocumentRes.xml"] = _xml(docres)

    sign_ids = [w.ids.next() for _ in (seals or [])]
    doc = _el(None, "Document")
    common = _el(doc, "CommonData")
    _el(common, "MaxUnitID", str(w.ids.n))
    area = _el(common, "PageArea")
    _el(area, "PhysicalBox", f"0 0 {_num(default.width)} {_num(default.height)}")
    _el(common, "PublicRes", "PublicRes.xml")
    _el(common, "DocumentRes", "DocumentRes.xml")
    for i, tid in enumerate(tpl_ids):
        _el(common, "TemplatePage", ID=tid, BaseLoc=f"Tpls/Tpl_{i}/Content.xml")
    pages_el = _el(doc, "Pages")
    for i, pid in enumerate(page_ids):
        _el(pages_el, "Page", ID=pid, BaseLoc=f"Pages/Page_{i}/Content.xml")
    parts["Doc_0/Document.xml"] = _xml(doc)

    if seals:
        index = _el(None, "Signatures")
        _el(index, "MaxSignId", str(len(seals)))
        when = creation_date.replace("-", "") + "093000Z"
        for i, seal in enumerate(seals):
            _el(index, "Signature", ID=str(i + 1), Type="Seal", BaseLoc=f"Sign_{i}/Signature.xml")
            sig = _el(None, "Signature")
            info = _el(sig, "SignedInfo")
            _el(info, "Provider", ProviderName="dossier-checker-samples", Version="1.0")
            _el(info, "SignatureMethod", SM2_OID)
            _el(info, "SignatureDateTime", when)
            refs = _el(info, "References", CheckMethod=SHA256_OID)
            digest = hashlib.sha256()
            for name in sorted(n for n in parts if not n.startswith("Doc_0/Res/")):
                h = hashlib.sha256(parts[name]).digest()
                digest.update(h)
                ref = _el(refs, "Reference", FileRef=f"/{name}")
                _el(ref, "CheckValue", base64.b64encode(h).decode("ascii"))
            _el(info, "StampAnnot", ID=sign_ids[i], PageRef=page_ids[seal.page],
                Boundary=f"{_num(seal.x)} {_num(seal.y)} {_num(seal.w)} {_num(seal.h)}")
            _el(sig, "SignedValue", f"/Doc_0/Signs/Sign_{i}/SignedValue.dat")
            parts[f"Doc_0/Signs/Sign_{i}/Signature.xml"] = _xml(sig)
            parts[f"Doc_0/Signs/Sign_{i}/SignedValue.dat"] = ses_signature(
                seal.picture, seal.format, seal.name, round(seal.w), round(seal.h), digest.digest(), when)
        parts["Doc_0/Signs/Signatures.xml"] = _xml(index)

    ofd = _el(None, "OFD", Version="1.0", DocType="OFD")
    body = _el(ofd, "DocBody")
    info_el = _el(body, "DocInfo")
    ident = doc_id or hashlib.md5(b"".join(parts[n] for n in sorted(parts))).hexdigest()
    _el(info_el, "DocID", ident)
    if title:
        _el(info_el, "Title", title)
    _el(info_el, "CreationDate", creation_date)
    _el(info_el, "Creator", "dossier-checker samples")
    _el(body, "DocRoot", "Doc_0/Document.xml")
    if seals:
        _el(body, "Signatures", "Doc_0/Signs/Signatures.xml")
    ordered = {"OFD.xml": _xml(ofd), **parts}

    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in ordered.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out
