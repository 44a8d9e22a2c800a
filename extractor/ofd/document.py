"""OFD.xml → the first document's Document.xml: page list, page area, templates and the
resources (multimedia files, fonts, drawing parameters) pages refer to by ID."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from lxml import etree

from extractor.base import UnreadableFileError
from extractor.ofd.geometry import RGB, boundary, color, numbers
from extractor.ofd.package import OfdPackage, kid, kid_text, kids, local

# More pages than any application dossier's licence or invoice; a bigger file is more
# likely a crafted one than a document to check.
MAX_PAGES = 500
DEFAULT_PAGE_MM = (0.0, 0.0, 210.0, 297.0)


@dataclass
class Media:
    member: str | None  # package member holding the file; None when it is missing
    format: str  # as declared ("PNG", "JPEG", "GBIG2" ...), upper case


@dataclass
class DrawParam:
    line_width: float | None = None
    fill: RGB | None = None
    stroke: RGB | None = None
    relative: str | None = None


@dataclass
class Resources:
    media: dict[str, Media] = field(default_factory=dict)
    fonts: dict[str, str] = field(default_factory=dict)
    draw_params: dict[str, DrawParam] = field(default_factory=dict)

    def merged(self, other: Resources) -> Resources:
        return Resources({**self.media, **other.media}, {**self.fonts, **other.fonts},
                         {**self.draw_params, **other.draw_params})

    def draw_param(self, ref: str | None) -> DrawParam:
        """The parameter with its Relative chain resolved (nearest definition wins)."""
        out = DrawParam()
        seen: set[str] = set()
        while ref and ref not in seen and ref in self.draw_params:
            seen.add(ref)
            p = self.draw_params[ref]
            out.line_width = out.line_width if out.line_width is not None else p.line_width
            out.fill = out.fill or p.fill
            out.stroke = out.stroke or p.stroke
            ref = p.relative
        return out


@dataclass
class PageRef:
    number: int  # 1-based position in the document
    id: str | None  # the Page element's ID (signatures and annotations refer to it)
    part: str | None  # its Content.xml member; None when the file is missing


@dataclass
class OfdDocument:
    pkg: OfdPackage
    part: str  # Document.xml member
    page_box: tuple[float, float, float, float]  # default PhysicalBox, mm
    pages: list[PageRef]
    templates: dict[str, str]  # TemplatePage ID → Content.xml member
    res: Resources
    signatures_part: str | None = None
    annotations_part: str | None = None
    doc_id: str | None = None
    title: str | None = None


def _media_file(pkg: OfdPackage, folder: str, loc: str | None) -> str | None:
    found = pkg.resolve(posixpath.join(folder, "_"), loc)
    if found is None and loc:
        # Some writers name the file relative to the package or the document instead
        # of the resource folder; a unique file of that name is what was meant.
        base = posixpath.basename(loc.replace("\\", "/")).lower()
        hits = [n for n in pkg.names() if posixpath.basename(n).lower() == base]
        found = hits[0] if len(hits) == 1 else None
    return found


def load_resources(pkg: OfdPackage, part: str) -> Resources:
    """One PublicRes/DocumentRes/PageRes file."""
    root = pkg.xml(part)
    folder = posixpath.dirname(part)
    base_loc = (root.get("BaseLoc") or "").strip()
    if base_loc:
        folder = (base_loc.lstrip("/") if base_loc.startswith("/")
                  else posixpath.normpath(posixpath.join(folder, base_loc)))
    res = Resources()
    for group in root:
        name = local(group)
        if name == "MultiMedias":
            for mm in kids(group, "MultiMedia"):
                rid = mm.get("ID")
                if rid:
                    res.media[rid] = Media(_media_file(pkg, folder, kid_text(mm, "MediaFile")),
                                           (mm.get("Format") or "").upper())
        elif name == "Fonts":
            for font in kids(group, "Font"):
                if font.get("ID"):
                    res.fonts[font.get("ID", "")] = font.get("FontName") or ""
        elif name == "DrawParams":
            for dp in kids(group, "DrawParam"):
                if not dp.get("ID"):
                    continue
                lw = numbers(dp.get("LineWidth"))
                fill, stroke = kid(dp, "FillColor"), kid(dp, "StrokeColor")
                res.draw_params[dp.get("ID", "")] = DrawParam(
                    lw[0] if lw else None,
                    color(fill.get("Value")) if fill is not None else None,
                    color(stroke.get("Value")) if stroke is not None else None,
                    dp.get("Relative"))
    return res


def _optional_resources(pkg: OfdPackage, base: str, loc: str | None) -> Resources:
    part = pkg.resolve(base, loc)
    if part is None:
        return Resources()
    return load_resources(pkg, part)


def _raise_if_encrypted(pkg: OfdPackage, body: etree._Element) -> None:
    if kid(body, "Encryptions") is not None or \
            any(posixpath.basename(n).lower() == "encryptions.xml" for n in pkg.names()):
        raise UnreadableFileError("OFD 文件已加密，无法读取，请提交未加密的文件")


def open_document(pkg: OfdPackage) -> OfdDocument:
    entry = pkg.find("OFD.xml")
    if entry is None:
        raise UnreadableFileError("OFD 文件已损坏（缺少 OFD.xml）")
    root = pkg.xml(entry)
    if local(root) != "OFD":
        raise UnreadableFileError("OFD 文件已损坏（OFD.xml 不是 OFD 入口文件）", local(root))
    body = kid(root, "DocBody")
    if body is None:
        raise UnreadableFileError("OFD 文件已损坏（OFD.xml 中没有文档）")
    _raise_if_encrypted(pkg, body)
    doc_part, doc = pkg.xml_at(entry, kid_text(body, "DocRoot"), "文档根文件 Document.xml")
    if local(doc) != "Document":
        raise UnreadableFileError("OFD 文件已损坏（Document.xml 结构无效）", local(doc))
    info = kid(body, "DocInfo")

    common = kid(doc, "CommonData")
    area = kid(common, "PageArea")
    box = boundary(kid_text(area, "PhysicalBox")) or DEFAULT_PAGE_MM
    res = Resources()
    for name in ("PublicRes", "DocumentRes"):
        for el in kids(common, name):
            res = res.merged(_optional_resources(pkg, doc_part, (el.text or "").strip()))
    templates: dict[str, str] = {}
    for tp in kids(common, "TemplatePage"):
        member = pkg.resolve(doc_part, tp.get("BaseLoc"))
        if tp.get("ID") and member is not None:
            templates[tp.get("ID", "")] = member

    page_els = kids(kid(doc, "Pages"), "Page")
    if not page_els:
        raise UnreadableFileError("OFD 文件已损坏（文档中没有页面）")
    if len(page_els) > MAX_PAGES:
        raise UnreadableFileError(f"OFD 文件页数过多（{len(page_els)} 页，超过 {MAX_PAGES} 页上限），"
                                  "无法读取")
    pages = [PageRef(i + 1, el.get("ID"), pkg.resolve(doc_part, el.get("BaseLoc")))
             for i, el in enumerate(page_els)]
    signatures = pkg.resolve(entry, kid_text(body, "Signatures"))
    annotations = pkg.resolve(doc_part, kid_text(doc, "Annotations"))
    return OfdDocument(pkg, doc_part, box, pages, templates, res, signatures, annotations,
                       kid_text(info, "DocID"), kid_text(info, "Title"))
