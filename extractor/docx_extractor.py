"""Word (.docx) → Document: body paragraphs and tables in reading order, merged table
cells resolved onto the real grid, and every tick box found (Unicode glyphs, symbol-font
``w:sym`` characters, content-control check boxes and legacy form-field check boxes).

The body is walked on the XML rather than through python-docx's paragraph/run objects:
``Paragraph.text`` skips content controls (``w:sdt``, where most form check boxes live)
and ``iter_inner_content`` skips block-level content controls, both common in the
templates applicants fill in.
"""
from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import PartFactory
from docx.package import Package
from docx.parts.document import DocumentPart
from lxml import etree

from extractor.embedded_marks import read_pictures
from extractor.base import ExtractContext, UnreadableFileError, new_document
from extractor.checkmarks import (
    TICKED_MARK,
    UNTICKED_MARK,
    is_symbol_font,
    map_symbol_text,
    parse_marks,
    symbol_glyph,
)
from extractor.office_sniff import OLE_MAGIC, check_package, is_zip_head, raise_for_ole
from models import Block, Cell, Checkbox, Document, Mark, Page, Table

log = logging.getLogger(__name__)

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


W_P, W_TBL, W_TR, W_TC, W_R, W_T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
W_SDT, W_SDT_CONTENT, W_SDT_PR = _w("sdt"), _w("sdtContent"), _w("sdtPr")
W_CUSTOM_XML = _w("customXml")
W_TXBX_CONTENT = _w("txbxContent")
W_VAL = _w("val")
MC_ALTERNATE, MC_CHOICE, MC_FALLBACK = (f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Choice",
                                        f"{{{_MC}}}Fallback")
W_TAB, W_PTAB, W_BR, W_CR = _w("tab"), _w("ptab"), _w("br"), _w("cr")
W_NB_HYPHEN, W_SYM, W_FLD_CHAR = _w("noBreakHyphen"), _w("sym"), _w("fldChar")
W_SHOWING_PLACEHOLDER = _w("showingPlcHdr")
W14_CHECKBOX, W14_CHECKED, W14_VAL = f"{{{_W14}}}checkbox", f"{{{_W14}}}checked", f"{{{_W14}}}val"

# Containers inside a paragraph whose text is not what the reader sees.
_SKIP_IN_PARAGRAPH = frozenset({
    _w("pPr"), _w("rPr"), _w("del"), _w("moveFrom"), _w("sdtPr"), _w("sdtEndPr"),
    _w("instrText"), _w("delText"), _w("delInstrText"), _w("fldData"), _w("rt"),
    _w("commentReference"), _w("footnoteReference"), _w("endnoteReference"),
})
# Run children that carry drawings / VML (text boxes live in there).
_DRAWING_TAGS = frozenset({_w("drawing"), _w("pict"), _w("object")})
_TRUE_VALUES = frozenset({"1", "true", "on"})


def _on(el: etree._Element | None, attr: str = W_VAL) -> bool:
    """OOXML on/off property: present without a value means on."""
    if el is None:
        return False
    val = el.get(attr)
    return val is None or val.lower() in _TRUE_VALUES


def _all_bold(p: etree._Element) -> bool:
    """Every run with text is bold (w:b without w:val="0"/"false")."""
    runs = [r for r in p.iter(W_R) if "".join(t.text or "" for t in r.iter(W_T)).strip()]
    if not runs:
        return False
    for r in runs:
        b = r.find(f"{_w('rPr')}/{_w('b')}")
        if b is None or b.get(W_VAL) in ("0", "false"):
            return False
    return True


def _int_attr(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W_VAL, default))
    except (TypeError, ValueError):
        return default


@dataclass
class _Origin:
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.parts if p)


@dataclass
class _CellPos:
    table_index: int
    row: int
    col: int


class _DocxReader:
    def __init__(self, document: "docx.document.Document") -> None:
        self.doc = document
        self.blocks: list[Block] = []
        self.tables: list[Table | None] = []
        self.checkboxes: list[Checkbox] = []
        self._heading_styles = self._find_heading_styles()

    # --- styles -------------------------------------------------------------------
    def _find_heading_styles(self) -> dict[str, int]:
        """Style ids whose name or outline level makes their paragraphs headings, with the
        heading's level (1 = top; a title counts as level 1)."""
        headings: dict[str, int] = {}
        try:
            styles = list(self.doc.styles)
        except Exception:  # a broken styles part should not lose the body text
            return headings
        for style in styles:
            try:
                name = (style.name or "").strip()
                el = style.element
                lvl = el.find(f"{_w('pPr')}/{_w('outlineLvl')}")
                digits = re.search(r"(\d+)\s*$", name)
                if lvl is not None and _int_attr(lvl, 9) < 9:
                    headings[style.style_id] = _int_attr(lvl, 9) + 1
                elif name.lower().startswith(("heading", "title")) or "标题" in name:
                    headings[style.style_id] = int(digits.group(1)) if digits else 1
            except Exception:
                continue
        return headings

    def _heading_level(self, p: etree._Element) -> int | None:
        ppr = p.find(_w("pPr"))
        if ppr is None:
            return None
        lvl = ppr.find(_w("outlineLvl"))
        if lvl is not None and _int_attr(lvl, 9) < 9:
            return _int_attr(lvl, 9) + 1
        style = ppr.find(_w("pStyle"))
        return None if style is None else self._heading_styles.get(style.get(W_VAL) or "")

    # --- body ---------------------------------------------------------------------
    def read_body(self) -> None:
        body = self.doc.element.body
        self._walk_blocks(body)

    def _walk_blocks(self, container: etree._Element) -> None:
        for child in container.iterchildren():
            tag = child.tag
            if tag == W_P:
                self._body_paragraph(child)
            elif tag == W_TBL:
                self._table(child, emit_blocks=True)
            elif tag == W_SDT:
                content = _sdt_content(child)
                if content is not None:
                    self._walk_blocks(content)
            elif tag == W_CUSTOM_XML:
                self._walk_blocks(child)

    def _body_paragraph(self, p: etree._Element) -> None:
        raw, textboxes = _ParagraphText.of(p)
        text, marks = parse_marks(raw)
        text = text.strip()
        if text:
            level = self._heading_level(p)
            # A short paragraph set wholly in bold is a heading by its look (no level).
            heading = level is not None or (len(text) <= 40 and _all_bold(p))
            self.blocks.append(Block(text=text, page=1, kind="heading" if heading else "paragraph",
                                     source="text", level=level))
        for m in marks:
            self.checkboxes.append(Checkbox(label=m.label, checked=m.checked, page=1,
                                            source="text"))
        for box in textboxes:
            self._walk_blocks(box)

    # --- tables -------------------------------------------------------------------
    def _table(self, tbl: etree._Element, emit_blocks: bool) -> tuple[int, str]:
        """Resolve ``tbl`` onto its grid; returns (table index, flattened text)."""
        index = len(self.tables)
        self.tables.append(None)  # reserve: nested tables found below come after
        origins: dict[tuple[int, int], _Origin] = {}
        owner: dict[tuple[int, int], tuple[int, int]] = {}
        n_cols = 0
        rows = list(_iter_rows(tbl))
        for r, tr in enumerate(rows):
            trpr = tr.find(_w("trPr"))
            c = _int_attr(trpr.find(_w("gridBefore")) if trpr is not None else None, 0)
            for tc in _iter_cells(tr):
                tcpr = tc.find(_w("tcPr"))
                grid_span = tcpr.find(_w("gridSpan")) if tcpr is not None else None
                span = max(1, _int_attr(grid_span, 1))
                vmerge = _merge_state(tcpr, "vMerge")
                hmerge = _merge_state(tcpr, "hMerge")
                if vmerge == "continue" and (r - 1, c) in owner:
                    key = owner[(r - 1, c)]
                    origin = origins[key]
                    origin.row_span = max(origin.row_span, r - origin.row + 1)
                elif hmerge == "continue" and (r, c - 1) in owner:
                    key = owner[(r, c - 1)]
                    origin = origins[key]
                    origin.col_span = max(origin.col_span, c + span - origin.col)
                else:
                    key = (r, c)
                    origin = origins[key] = _Origin(r, c, col_span=span)
                for k in range(span):
                    owner[(r, c + k)] = key
                origin.parts.append(self._cell_text(tc, _CellPos(index, key[0], key[1])))
                c += span
            n_cols = max(n_cols, c)
        n_rows = len(rows)
        cells: list[Cell] = []
        for r in range(n_rows):
            for c in range(n_cols):
                owned_by = owner.get((r, c))
                if owned_by is None:
                    cells.append(Cell(text="", row=r, col=c))
                elif owned_by == (r, c):
                    o = origins[owned_by]
                    cells.append(Cell(text=o.text, row=r, col=c, row_span=o.row_span,
                                      col_span=o.col_span))
                else:
                    cells.append(Cell(text=origins[owned_by].text, row=r, col=c,
                                      merged_from=owned_by))
        self.tables[index] = Table(index=index, page=1, source="text", n_rows=n_rows,
                                   n_cols=n_cols, cells=cells)
        if emit_blocks:
            for o in sorted(origins.values(), key=lambda o: (o.row, o.col)):
                if o.text:
                    self.blocks.append(Block(text=o.text, page=1, kind="cell", source="text",
                                             table_index=index, row=o.row, col=o.col))
        flat = "\n".join(o.text for o in sorted(origins.values(), key=lambda o: (o.row, o.col))
                         if o.text)
        return index, flat

    def _cell_text(self, container: etree._Element, pos: _CellPos) -> str:
        """Text of a cell (or of a content control / text box inside one); nested
        tables are flattened into it and also recorded as tables of their own."""
        parts: list[str] = []
        for child in container.iterchildren():
            tag = child.tag
            if tag == W_P:
                raw, textboxes = _ParagraphText.of(child)
                text, marks = parse_marks(raw)
                parts.append(text.strip())
                for m in marks:
                    self.checkboxes.append(Checkbox(
                        label=m.label, checked=m.checked, page=1, source="text",
                        table_index=pos.table_index, row=pos.row, col=pos.col))
                parts.extend(self._cell_text(box, pos) for box in textboxes)
            elif tag == W_TBL:
                _, flat = self._table(child, emit_blocks=False)
                parts.append(flat)
            elif tag == W_SDT:
                content = _sdt_content(child)
                if content is not None:
                    parts.append(self._cell_text(content, pos))
            elif tag == W_CUSTOM_XML:
                parts.append(self._cell_text(child, pos))
        return "\n".join(p for p in parts if p)


def _iter_rows(tbl: etree._Element):
    for child in tbl.iterchildren():
        if child.tag == W_TR:
            yield child
        elif child.tag in (W_SDT, W_CUSTOM_XML):
            inner = child.find(W_SDT_CONTENT) if child.tag == W_SDT else child
            if inner is not None:
                yield from _iter_rows(inner)


def _iter_cells(tr: etree._Element):
    for child in tr.iterchildren():
        if child.tag == W_TC:
            yield child
        elif child.tag in (W_SDT, W_CUSTOM_XML):
            inner = child.find(W_SDT_CONTENT) if child.tag == W_SDT else child
            if inner is not None:
                yield from _iter_cells(inner)


def _merge_state(tcpr: etree._Element | None, tag: str) -> str | None:
    """``restart`` / ``continue`` / None; a bare ``<w:vMerge/>`` means continue."""
    if tcpr is None:
        return None
    el = tcpr.find(_w(tag))
    if el is None:
        return None
    val = (el.get(W_VAL) or "continue").lower()
    return "restart" if val == "restart" else "continue"


class _ParagraphText:
    """Visible text of one ``w:p`` with tick marks as Unicode glyphs, plus the text-box
    contents found in its drawings (returned separately: they are not inline text)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.textboxes: list[etree._Element] = []

    @classmethod
    def of(cls, p: etree._Element) -> tuple[str, list[etree._Element]]:
        reader = cls()
        reader._walk(p)
        return "".join(reader.parts), reader.textboxes

    def _walk(self, el: etree._Element) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_IN_PARAGRAPH:
                continue
            if tag == W_R:
                self._run(child)
            elif tag == W_SDT:
                self._sdt(child)
            elif tag == MC_ALTERNATE:
                branch = _alternate_branch(child)
                if branch is not None:
                    self._walk(branch)
            elif tag in _DRAWING_TAGS:
                self._collect_textboxes(child)
            else:  # hyperlink, ins, smartTag, fldSimple, customXml, moveTo, bdo, ...
                self._walk(child)

    def _sdt(self, sdt: etree._Element) -> None:
        pr = sdt.find(W_SDT_PR)
        box = pr.find(W14_CHECKBOX) if pr is not None else None
        if box is not None:
            # The state, not the glyph in the content, is what Word reports as ticked.
            checked = box.find(W14_CHECKED)
            ticked = checked is not None and _on(checked, W14_VAL)
            self.parts.append(TICKED_MARK if ticked else UNTICKED_MARK)
            return
        content = _sdt_content(sdt)
        if content is not None:
            self._walk(content)

    def _run(self, r: etree._Element) -> None:
        self._run_children(r, _run_symbol_font(r))

    def _run_children(self, r: etree._Element, font: str | None) -> None:
        for child in r.iterchildren():
            tag = child.tag
            if tag == W_T:
                text = child.text or ""
                self.parts.append(map_symbol_text(font, text) if font else text)
            elif tag in (W_TAB, W_PTAB):
                self.parts.append("\t")
            elif tag in (W_BR, W_CR):
                self.parts.append("\n")
            elif tag == W_NB_HYPHEN:
                self.parts.append("-")
            elif tag == W_SYM:
                self.parts.append(_sym_text(child))
            elif tag == W_FLD_CHAR:
                self._form_checkbox(child)
            elif tag == MC_ALTERNATE:
                branch = _alternate_branch(child)
                if branch is not None:
                    self._run_children(branch, font)
            elif tag in _DRAWING_TAGS:
                self._collect_textboxes(child)
            elif tag == W_R:  # runs nested in odd producers' output
                self._run(child)

    def _form_checkbox(self, fld: etree._Element) -> None:
        """Legacy FORMCHECKBOX field: w:ffData/w:checkBox with w:checked or w:default."""
        if fld.get(_w("fldCharType")) != "begin":
            return
        box = fld.find(f"{_w('ffData')}/{_w('checkBox')}")
        if box is None:
            return
        checked = box.find(_w("checked"))
        if checked is not None:
            ticked = _on(checked)
        else:
            default = box.find(_w("default"))
            ticked = default is not None and default.get(W_VAL, "0").lower() in _TRUE_VALUES
        self.parts.append(TICKED_MARK if ticked else UNTICKED_MARK)

    def _collect_textboxes(self, el: etree._Element) -> None:
        for child in el.iterchildren():
            if not isinstance(child.tag, str):
                continue
            if child.tag == W_TXBX_CONTENT:
                self.textboxes.append(child)
            elif child.tag == MC_ALTERNATE:
                branch = _alternate_branch(child)
                if branch is not None:
                    self._collect_textboxes(branch)
            else:
                self._collect_textboxes(child)


def _sdt_content(sdt: etree._Element) -> etree._Element | None:
    """What a content control holds, or None while it still shows its placeholder
    (单击或点击此处输入文字。): that prompt is the template's, not the applicant's answer."""
    pr = sdt.find(W_SDT_PR)
    if pr is not None and _on(pr.find(W_SHOWING_PLACEHOLDER)):
        return None
    return sdt.find(W_SDT_CONTENT)


def _alternate_branch(alt: etree._Element) -> etree._Element | None:
    """mc:AlternateContent carries the same content twice (modern Choice, legacy
    Fallback); read exactly one of them: the first Choice, else the Fallback."""
    choice = alt.find(MC_CHOICE)
    return choice if choice is not None else alt.find(MC_FALLBACK)


def _run_symbol_font(r: etree._Element) -> str | None:
    rfonts = r.find(f"{_w('rPr')}/{_w('rFonts')}")
    if rfonts is None:
        return None
    # ASCII and high-ANSI characters (where symbol-font codes live) use these two slots.
    for attr in ("ascii", "hAnsi"):
        name = rfonts.get(_w(attr))
        if is_symbol_font(name):
            return name
    return None


def _sym_text(sym: etree._Element) -> str:
    font = sym.get(_w("font"))
    try:
        code = int(sym.get(_w("char"), ""), 16)
    except ValueError:
        return ""
    glyph = symbol_glyph(font, code)
    if glyph is not None:
        return glyph
    # Other symbol-font glyphs (arrows, bullets) are pictures, not text; a w:sym in an
    # ordinary font (宋体 + 221A) is just that Unicode character.
    if is_symbol_font(font) or 0xF000 <= code <= 0xF0FF or code > 0x10FFFF:
        return ""
    return chr(code)


def _pictures_of(document: "docx.document.Document") -> tuple[list[Mark], int]:
    """Electronic seals and signature images pasted into the document, and how many other
    pictures (screenshots, photos) it holds."""
    try:
        return read_pictures(document)
    except Exception as exc:  # a picture we cannot judge must not cost the text
        log.debug("pictures not analysed: %s", exc)
        return [], 0


class DocxExtractor:
    name = "docx"
    media_type = DOCX_MEDIA_TYPE

    def sniff(self, head: bytes, suffix: str) -> bool:
        if not is_zip_head(head):
            return False
        return suffix.lower() in (".docx", ".docm", ".dotx", ".dotm") or b"word/" in head

    def extract(self, path: Path, rel_path: str, ctx: ExtractContext) -> Document:
        self._precheck(path)
        try:
            document = _open_word(path)
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
                etree.XMLSyntaxError, OSError, EOFError) as e:
            raise UnreadableFileError("文件已损坏或不是有效的 Word 文档", type(e).__name__) from e
        reader = _DocxReader(document)
        try:
            reader.read_body()
        except RecursionError as e:
            raise UnreadableFileError("文件结构异常（嵌套过深），无法读取") from e
        out = new_document(path, rel_path, self.media_type)
        width = height = None
        try:
            section = document.sections[0]
            if section.page_width is not None and section.page_height is not None:
                width, height = float(section.page_width.pt), float(section.page_height.pt)
        except (IndexError, ValueError, TypeError, AttributeError):
            pass
        marks, pictures = _pictures_of(document)
        out.pages = [Page(number=1, width=width, height=height, blocks=reader.blocks,
                          marks=marks)]
        if pictures:
            out.metadata["pictures"] = str(pictures)
        out.tables = [t for t in reader.tables if t is not None]
        out.checkboxes = reader.checkboxes
        out.metadata.update(_core_metadata(document))
        ctx.bump("docx_files")
        return out

    @staticmethod
    def _precheck(path: Path) -> None:
        with path.open("rb") as f:
            head = f.read(8)
        if not head:
            raise UnreadableFileError("文件为空（0 字节）")
        if head == OLE_MAGIC:
            raise_for_ole(path)
        if not is_zip_head(head):
            raise UnreadableFileError("文件已损坏或不是有效的 Word 文档")
        try:
            check_package(path)
        except UnreadableFileError as e:
            if e.reason == "文件已损坏，无法打开":
                raise UnreadableFileError("文件已损坏或不是有效的 Word 文档", e.detail) from e
            raise


# Macro-enabled documents and templates have the same body XML as a .docx; python-docx
# only maps the plain document content type to its DocumentPart, and docx.Document()
# refuses the others, so they are mapped here and the check is done by hand.
_WORD_MAIN_TYPES = (
    CT.WML_DOCUMENT_MAIN,
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
for _ct in _WORD_MAIN_TYPES:
    PartFactory.part_type_for.setdefault(_ct, DocumentPart)


def _open_word(path: Path) -> "docx.document.Document":
    part = Package.open(str(path)).main_document_part
    if part.content_type not in _WORD_MAIN_TYPES or not isinstance(part, DocumentPart):
        raise ValueError(f"not a Word main part: {part.content_type}")
    return part.document


def _core_metadata(document: "docx.document.Document") -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        props = document.core_properties
        for key, value in (("title", props.title), ("author", props.author),
                           ("last_modified_by", props.last_modified_by),
                           ("created", props.created), ("modified", props.modified)):
            if value:
                out[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    except Exception:  # core.xml is optional and often malformed; never fatal
        pass
    return out
