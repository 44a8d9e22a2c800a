"""One page's content → glyphs, images and paths in page millimetres (top-left origin).

Each graphic object sits in its Boundary "x y w h"; its own coordinates (TextCode X/Y,
path data, the image's unit square) go through its CTM into the Boundary's frame, then
are offset by the Boundary's corner, then by whatever encloses it (a template, an
annotation's appearance). Template pages are drawn behind the page (ZOrder Background,
the default) or in front of it (Foreground); their text is part of the page's text,
because e-licence and e-invoice writers put the printed labels there.

Glyph positions: the first at (X, Y) on the baseline; each next one DeltaX/DeltaY further
(with "g N v" meaning N times v); where the deltas run out, the glyph's natural advance.
"""
from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from extractor.base import UnreadableFileError
from extractor.ofd.document import OfdDocument, PageRef, Resources, load_resources
from extractor.ofd.geometry import RGB, Affine, Point, boundary, color, deltas, numbers, parse_path
from extractor.ofd.package import kid, kid_text, kids, local

# Share of the em above and below the baseline a glyph box covers (CJK fonts put about
# 0.86 em above the baseline).
ASCENT = 0.86
DESCENT = 0.14
DEFAULT_LINE_WIDTH = 0.353  # mm; the standard's default (1 pt)
MAX_OBJECTS = 100_000  # per page; a real page has a few thousand at most
MAX_GLYPHS = 200_000  # per page; a dense A4 page has about 3 000
MAX_DEPTH = 16  # nested PageBlocks / appearances
BLACK: RGB = (0, 0, 0)

BBoxMM = tuple[float, float, float, float]


def natural_advance(ch: str) -> float:
    """A glyph's width in ems when the file does not say: full width for CJK and
    full-width forms, half for the rest (what SimSun-like fonts use)."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.5


@dataclass
class Glyph:
    text: str
    x: float  # baseline origin, page mm
    y: float
    size: float  # em in page mm
    box: BBoxMM
    color: RGB
    visible: bool
    # Text of the document itself (pages and templates), not of annotations drawn over it.
    extract: bool = True
    run: int = 0  # the TextCode it came from, and its position there
    seq: int = 0


@dataclass
class TextRun:
    glyphs: list[Glyph]


@dataclass
class ImageItem:
    matrix: Affine  # the image's unit square → page mm
    member: str | None = None  # package member, or
    data: bytes | None = None  # the bytes themselves (a seal picture from a signature)
    format: str = ""
    stamp: bool = False  # a signature's seal appearance

    @property
    def box(self) -> BBoxMM:
        return self.matrix.box(0.0, 0.0, 1.0, 1.0)


@dataclass
class PathItem:
    subpaths: list[tuple[list[Point], bool]]  # points in page mm, closed
    stroke: RGB | None
    fill: RGB | None
    width: float  # mm


Item = TextRun | ImageItem | PathItem


@dataclass
class PageContent:
    number: int
    id: str | None
    box: tuple[float, float, float, float]  # PhysicalBox x, y, w, h (mm)
    items: list[Item] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.box[2]

    @property
    def height(self) -> float:
        return self.box[3]

    def glyphs(self) -> list[Glyph]:
        return [g for it in self.items if isinstance(it, TextRun) for g in it.glyphs]

    def images(self) -> list[ImageItem]:
        return [it for it in self.items if isinstance(it, ImageItem)]

    def paths(self) -> list[PathItem]:
        return [it for it in self.items if isinstance(it, PathItem)]


def _flag(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    return value.strip().lower() not in ("false", "0")


def _alpha(el: etree._Element | None) -> int:
    if el is None:
        return 255
    v = numbers(el.get("Alpha"))
    return int(v[0]) if v else 255


class _Parser:
    def __init__(self, res: Resources, extract: bool,
                 runs: itertools.count[int] | None = None) -> None:
        self.res = res
        self.extract = extract
        self.items: list[Item] = []
        self.objects = 0
        self.glyphs = 0
        # TextCode numbers, shared by a page and its templates so that they never clash.
        self.runs = runs if runs is not None else itertools.count(1)

    def block(self, el: etree._Element, outer: Affine, depth: int = 0) -> None:
        """A Layer, PageBlock or annotation Appearance: its objects in order."""
        if depth > MAX_DEPTH:
            return
        for obj in el:
            self.objects += 1
            if self.objects > MAX_OBJECTS:
                raise UnreadableFileError("OFD 页面内容过于复杂（图元数量异常），已拒绝读取")
            name = local(obj)
            if name == "TextObject":
                self.text(obj, outer)
            elif name == "ImageObject":
                self.image(obj, outer)
            elif name == "PathObject":
                self.path(obj, outer)
            elif name == "PageBlock":
                self.block(obj, outer, depth + 1)

    @staticmethod
    def _frame(obj: etree._Element,
               outer: Affine) -> tuple[Affine, tuple[float, float, float, float] | None]:
        b = boundary(obj.get("Boundary"))
        to_boundary = Affine.translate(b[0], b[1]) if b else Affine()
        return Affine.parse(obj.get("CTM")).then(to_boundary).then(outer), b

    def text(self, obj: etree._Element, outer: Affine) -> None:
        m, _ = self._frame(obj, outer)
        sizes = numbers(obj.get("Size"))
        size = sizes[0] if sizes and sizes[0] > 0 else 3.5
        param = self.res.draw_param(obj.get("DrawParam"))
        fill_el = kid(obj, "FillColor")
        fill = color(fill_el.get("Value") if fill_el is not None else None, param.fill or BLACK)
        visible = ((_flag(obj.get("Fill"), True) and _alpha(fill_el) > 0)
                   or _flag(obj.get("Stroke"), False)) and _flag(obj.get("Visible"), True)
        scale = m.scale
        glyphs: list[Glyph] = []
        pen_x = pen_y = 0.0
        for code in kids(obj, "TextCode"):
            text = code.text or ""
            if "\n" in text:
                # Line breaks are no glyphs: this is an XML writer's indentation.
                text = text.strip().replace("\r", "").replace("\n", "")
            if not text:
                continue
            self.glyphs += len(text)
            if self.glyphs > MAX_GLYPHS:
                raise UnreadableFileError("OFD 页面内容过于复杂（文字数量异常），已拒绝读取")
            xs, ys = numbers(code.get("X")), numbers(code.get("Y"))
            pen_x = xs[0] if xs else pen_x
            pen_y = ys[0] if ys else pen_y
            dx, dy = deltas(code.get("DeltaX")), deltas(code.get("DeltaY"))
            run = next(self.runs)
            for i, ch in enumerate(text):
                adv = natural_advance(ch) * size
                step_x = dx[i] if i < len(dx) else adv
                # A glyph is as wide as its font draws it, unless the writer packed the
                # next one closer (condensed text).
                width = min(adv, step_x) if 0 < step_x else adv
                box = m.box(pen_x, pen_y - ASCENT * size, pen_x + width, pen_y + DESCENT * size)
                ox, oy = m.apply(pen_x, pen_y)
                glyphs.append(Glyph(ch, ox, oy, size * scale, box, fill, visible,
                                    self.extract, run, i))
                pen_x += step_x
                pen_y += dy[i] if i < len(dy) else 0.0
        if glyphs:
            self.items.append(TextRun(glyphs))

    def image(self, obj: etree._Element, outer: Affine) -> None:
        m, b = self._frame(obj, outer)
        if obj.get("CTM") is None and b is not None:
            # Without a CTM viewers stretch the image over its Boundary.
            m = Affine(b[2], 0, 0, b[3], 0, 0).then(Affine.translate(b[0], b[1])).then(outer)
        media = self.res.media.get(obj.get("ResourceID") or "")
        if media is None:
            return
        self.items.append(ImageItem(m, member=media.member, format=media.format))

    def path(self, obj: etree._Element, outer: Affine) -> None:
        m, _ = self._frame(obj, outer)
        if not _flag(obj.get("Visible"), True):
            return
        param = self.res.draw_param(obj.get("DrawParam"))
        stroke_el, fill_el = kid(obj, "StrokeColor"), kid(obj, "FillColor")
        stroke = color(stroke_el.get("Value") if stroke_el is not None else None,
                       param.stroke or BLACK)
        fill = color(fill_el.get("Value") if fill_el is not None else None, param.fill or BLACK)
        do_stroke = _flag(obj.get("Stroke"), True) and _alpha(stroke_el) > 0
        do_fill = _flag(obj.get("Fill"), False) and _alpha(fill_el) > 0
        if not (do_stroke or do_fill):
            return
        lw = numbers(obj.get("LineWidth"))
        width = lw[0] if lw else (param.line_width if param.line_width is not None
                                  else DEFAULT_LINE_WIDTH)
        subpaths = [([m.apply(x, y) for x, y in sp.points], sp.closed)
                    for sp in parse_path(kid_text(obj, "AbbreviatedData"))]
        if subpaths:
            self.items.append(PathItem(subpaths, stroke if do_stroke else None,
                                       fill if do_fill else None, width * m.scale))


def _content_items(root: etree._Element, res: Resources, outer: Affine,
                   runs: itertools.count[int]) -> list[Item]:
    p = _Parser(res, True, runs)
    for layer in kids(kid(root, "Content"), "Layer"):
        p.block(layer, outer)
    return p.items


def _page_resources(doc: OfdDocument, part: str, root: etree._Element) -> Resources:
    res = doc.res
    for el in kids(root, "PageRes"):
        member = doc.pkg.resolve(part, (el.text or "").strip())
        if member is not None:
            res = res.merged(load_resources(doc.pkg, member))
    return res


def read_page(doc: OfdDocument, ref: PageRef, extra: list[Item] | None = None) -> PageContent:
    """The page with its templates, plus ``extra`` items drawn on top (annotation and
    seal appearances). Raises UnreadableFileError for a missing or malformed page."""
    if ref.part is None:
        raise UnreadableFileError(f"OFD 文件已损坏（缺少第 {ref.number} 页的内容文件）")
    root = doc.pkg.xml(ref.part)
    res = _page_resources(doc, ref.part, root)
    area = kid(root, "Area")
    box = boundary(kid_text(area, "PhysicalBox")) or doc.page_box
    if box[2] <= 0 or box[3] <= 0 or box[2] > 5000 or box[3] > 5000:
        raise UnreadableFileError("OFD 页面尺寸异常，无法读取", f"page {ref.number}: {box}")
    # The displayed page starts at the PhysicalBox corner.
    origin = Affine.translate(-box[0], -box[1])
    back: list[Item] = []
    front: list[Item] = []
    runs = itertools.count(1)
    for tpl in kids(root, "Template"):
        member = doc.templates.get(tpl.get("TemplateID") or "")
        if member is None:
            continue
        items = _content_items(doc.pkg.xml(member), res, origin, runs)
        (front if (tpl.get("ZOrder") or "").lower() == "foreground" else back).extend(items)
    items = back + _content_items(root, res, origin, runs) + front + list(extra or [])
    return PageContent(ref.number, ref.id, box, items)


def annotation_items(doc: OfdDocument) -> dict[str, list[Item]]:
    """Appearances of the document's annotations, per page ID (drawn, not read as text:
    they are notes and stamps laid over the document)."""
    out: dict[str, list[Item]] = {}
    if doc.annotations_part is None:
        return out
    pkg = doc.pkg
    index = pkg.xml(doc.annotations_part)
    for page in kids(index, "Page"):
        pid = page.get("PageID") or ""
        member = pkg.resolve(doc.annotations_part, kid_text(page, "FileLoc"))
        if not pid or member is None:
            continue
        for annot in kids(pkg.xml(member), "Annot"):
            if not _flag(annot.get("Visible"), True):
                continue
            for app in kids(annot, "Appearance"):
                b = boundary(app.get("Boundary"))
                outer = Affine.translate(b[0], b[1]) if b else Affine()
                p = _Parser(doc.res, extract=False)
                p.block(app, outer)
                out.setdefault(pid, []).extend(p.items)
    return out

