"""PDF text layers that lie: twins of a dossier's PDFs as real producers write them.

* :func:`scanned_with_text_layer` – what a scanner or OCRmyPDF/ABBYY writes: each page
  an image (rendered at 200 dpi, scanner noise added), with the page's characters
  drawn invisibly (text render mode 3) at their positions, jittered, some of them
  replaced by look-alikes (``error_rate``). Pages of the source without a text layer
  (an image-only scan) get their hidden text from OCR of the image, as scanner
  software does: line by line, characters spread evenly over each line's box.
* :func:`printed_pdf_with_late_ticks` – a Word document "printed" to PDF: converted by
  LibreOffice, then rewritten so that every tick mark (☑ □ √, Wingdings boxes) is drawn
  after everything else on its page, as Microsoft Print to PDF and WPS write a second
  font run. Runs of marks move whole; a mark inside a run of text ("□CANBus") is cut
  out, its place kept by a gap of its width. The page looks the same.
* :func:`wingdings_marks` – tick boxes as Word prints a Wingdings ☑: the font that
  draws only marks is named Wingdings and its text layer gives the symbol font's
  private-use codes (U+F0FE ☑, U+F0A8 □), which mean nothing without the font's name.
* :func:`garbled_text_layer` – the page shows the right text but its text layer is
  junk: fonts stripped of their ToUnicode map (``no_tounicode``), or given one that
  maps every character to its GBK bytes read as Latin-1 (``mojibake``: 申请 →
  "ÉêÇë").

The rewrites use pypdf (BSD) on the PDF's own objects, so fonts, images and vector
ruling stay as the source had them.
"""
from __future__ import annotations

import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from samples.render.fonts import reportlab_font
from samples.render.scan import jpeg_bytes, scanned_look

SCAN_DPI = 200
# Characters scanner OCR confuses, both ways.
_LOOKALIKE_GROUPS = ("己已巳", "未末", "日曰", "人入八", "土士", "千干于", "大太犬", "王玉主",
                     "申由甲田", "目自", "天夫", "今令", "师帅", "拔拨", "侯候", "壁璧",
                     "0OD", "1lI", "5S", "8B", "2Z", "6b", "rn", "—一", "：:", "，,")
_LOOKALIKE = {ch: group.replace(ch, "") for group in _LOOKALIKE_GROUPS for ch in group}
# For characters with no look-alike: frequent characters, a plausible wrong reading.
_FALLBACK = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"


def _write(out: Path, data: bytes) -> Path:
    """Write ``out`` whole or not at all; ``out`` may be the source itself (a bench that
    turns a dossier's files into their twins in place)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, out)
    return out


def _pdf_bytes(writer: Any) -> bytes:
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# --- scans with a hidden OCR layer ------------------------------------------------

@dataclass(frozen=True)
class _Glyph:
    text: str
    box: tuple[float, float, float, float]  # points, top-left origin of the page shown


def _page_glyphs(page: Any) -> list[_Glyph]:
    from extractor.pdf.frame import PageFrame
    from extractor.pdf.text_layer import read_chars

    frame = PageFrame(page)
    textpage = page.get_textpage()
    try:
        chars = read_chars(textpage, frame).chars
    finally:
        textpage.close()
    return [_Glyph(c.text, c.box) for c in chars if not c.bad and not c.text.isspace()]


def _ocr_glyphs(image: Image.Image, ocr: Any, dpi: int) -> list[_Glyph]:
    """Characters of an image-only page, as scanner software places them: each OCR
    line's characters spread evenly over the line's box."""
    k = 72.0 / dpi
    out: list[_Glyph] = []
    for line in ocr.read(np.asarray(image.convert("RGB"))):
        text = "".join(line.text.split())
        if not text:
            continue
        x0, y0, x1, y1 = line.bbox
        step = (x1 - x0) / len(text)
        for i, ch in enumerate(text):
            out.append(_Glyph(ch, ((x0 + i * step) * k, y0 * k, (x0 + (i + 1) * step) * k, y1 * k)))
    return out


def _default_ocr() -> Any:
    from extractor.ocr.rapid_engine import RapidOcrEngine

    engine = RapidOcrEngine()

    class _Reader:
        def read(self, image: np.ndarray) -> list[Any]:
            return engine.recognize(image)

    return _Reader()


def _misread(text: str, rng: np.random.Generator) -> str:
    options = _LOOKALIKE.get(text) or _FALLBACK.replace(text, "")
    return options[int(rng.integers(len(options)))]


def scanned_with_text_layer(src_pdf: Path, out_dir: Path, seed: int = 0,
                            error_rate: float = 0.0, ocr: Any = None,
                            dpi: int = SCAN_DPI) -> Path:
    """``src_pdf`` as a scan with an invisible OCR layer; same file name in ``out_dir``
    (which may be the source's own folder: the twin then replaces it).

    The page images depend on ``seed`` only, so twins with different ``error_rate``
    share them (and an OCR cache). ``ocr`` (anything with ``read(image)``) reads pages
    that have no text layer; by default the bundled RapidOCR engine."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    src_pdf, out_dir = Path(src_pdf), Path(out_dir)
    font = reportlab_font()
    ascent, descent = pdfmetrics.getAscentDescent(font, 1000)
    em_box = (ascent - descent) / 1000.0
    layer_rng = np.random.default_rng([seed, 1])
    error_rng = np.random.default_rng([seed, 2])
    pdf = pdfium.PdfDocument(str(src_pdf))
    buf = io.BytesIO()
    cv = canvas.Canvas(buf, invariant=1)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                glyphs = _page_glyphs(page)
                bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)
                image = bitmap.to_pil().convert("RGB")
                bitmap.close()
            finally:
                page.close()
            if len(glyphs) >= 10:
                image = scanned_look(image, np.random.default_rng([seed, 100 + index]))
            else:
                # Already a scan: its text comes from reading the image.
                if ocr is None:
                    ocr = _default_ocr()
                glyphs = _ocr_glyphs(image, ocr, dpi)
            w_pt, h_pt = image.width * 72.0 / dpi, image.height * 72.0 / dpi
            cv.setPageSize((w_pt, h_pt))
            cv.drawImage(ImageReader(io.BytesIO(jpeg_bytes(image, 85))), 0, 0, w_pt, h_pt)
            cv.saveState()
            text = cv.beginText()
            text.setTextRenderMode(3)
            for g in glyphs:
                x0, y0, x1, y1 = g.box
                size = max(2.0, (y1 - y0) / em_box)
                jitter = layer_rng.normal(0.0, 0.08 * size, size=2)
                ch = _misread(g.text, error_rng) if error_rng.random() < error_rate else g.text
                baseline = h_pt - y1 - descent / 1000.0 * size
                text.setFont(font, size)
                text.setTextOrigin(x0 + float(jitter[0]), baseline + float(jitter[1]))
                text.textOut(ch)
            cv.drawText(text)
            cv.restoreState()
            cv.showPage()
    finally:
        pdf.close()
    cv.save()
    return _write(out_dir / src_pdf.name, buf.getvalue())


# --- Word printed to PDF, tick marks last -----------------------------------------

def docx_to_pdf(src_docx: Path, out_dir: Path) -> Path:
    """The Word file printed to PDF by LibreOffice (private profile, bounded run)."""
    from samples.variants.legacy import to_pdf

    return to_pdf(src_docx, out_dir)


_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


def _utf16(hexstr: bytes) -> str:
    raw = bytes.fromhex(re.sub(rb"\s", b"", hexstr).decode("ascii"))
    return raw.decode("utf-16-be", errors="replace")


def parse_to_unicode(data: bytes) -> tuple[int, dict[int, str]]:
    """A ToUnicode CMap → (bytes per code, code → text)."""
    width = 1
    m = re.search(rb"begincodespacerange\s*<([0-9A-Fa-f]+)>", data)
    if m:
        width = max(1, len(m.group(1)) // 2)
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f\s]*)>", block):
            out[int(src, 16)] = _utf16(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f\s]*>|\[[^\]]*\])",
                                      block):
            lo_i, hi_i = int(lo, 16), int(hi, 16)
            if dst.startswith(b"["):
                for k, item in enumerate(_HEX.findall(dst)):
                    out[lo_i + k] = _utf16(item)
                continue
            base = _utf16(dst[1:-1])
            if not base:
                continue
            for k in range(hi_i - lo_i + 1):
                out[lo_i + k] = base[:-1] + chr(ord(base[-1]) + k)
    return width, out


class _FontDecoder:
    """Bytes a text operator shows → the characters a reader gets."""

    def __init__(self, font: Any) -> None:
        from extractor.checkmarks import symbol_glyph
        from extractor.pdf.objects import symbol_font_key

        self.width = 2 if font.get("/Subtype") == "/Type0" else 1
        self.map: dict[int, str] = {}
        to_unicode = font.get("/ToUnicode")
        if to_unicode is not None:
            self.width, self.map = parse_to_unicode(to_unicode.get_object().get_data())
        self.symbol = symbol_font_key(str(font.get("/BaseFont", "")).lstrip("/"))
        self._glyph = symbol_glyph
        # Advance widths (thousandths of the font size) of a simple font, to take a
        # mark out of a run without moving the glyphs after it.
        self.widths: dict[int, float] | None = None
        if self.width == 1 and "/Widths" in font:
            first = int(font.get("/FirstChar", 0))
            self.widths = {first + i: float(w) for i, w in enumerate(font["/Widths"].get_object())}

    def decode(self, data: bytes) -> str:
        out: list[str] = []
        for i in range(0, len(data) - self.width + 1, self.width):
            code = int.from_bytes(data[i:i + self.width], "big")
            ch = self.map.get(code, chr(code) if self.width == 1 else "\ufffd")
            if self.symbol:
                ch = self._glyph(self.symbol, ord(ch[0]) if ch else code) or ch
            out.append(ch)
        return "".join(out)


_FILL_OPS = {b"g", b"rg", b"k", b"sc", b"scn", b"cs"}
_TEXT_STATE_OPS = {b"Tc", b"Tw", b"Tz", b"TL", b"Ts", b"Tr", b"Tf"}
_SHOW_OPS = {b"Tj", b"TJ", b"'", b'"'}


def _mul(a: list[float], b: list[float]) -> list[float]:
    """PDF matrix product a × b (each [a b c d e f])."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _shown_bytes(operands: list[Any], operator: bytes) -> list[bytes]:
    from pypdf.generic import ArrayObject

    items = operands[-1:] if operator != b"TJ" else list(operands[0]) if operands and \
        isinstance(operands[0], ArrayObject) else []
    out: list[bytes] = []
    for item in items:
        if isinstance(item, (bytes, str)) or hasattr(item, "original_bytes"):
            out.append(getattr(item, "original_bytes", item if isinstance(item, bytes)
                               else str(item).encode("latin-1", "replace")))
    return out


def _moved_operations(operations: list[tuple[list[Any], bytes]],
                      decoders: dict[str, _FontDecoder]) -> tuple[list[Any], int]:
    """The page's operations with mark-only text blocks (BT … ET) taken out and drawn
    again at the end under the graphics state they had; returns (operations, count)."""
    from extractor.checkmarks import MARK_CHARS

    state = {"ctm": [1.0, 0, 0, 1.0, 0, 0], "fill": [], "text": {}}
    stack: list[dict[str, Any]] = []
    kept: list[Any] = []
    moved: list[list[Any]] = []
    block: list[Any] | None = None
    block_state: dict[str, Any] | None = None
    font: str | None = None
    shown = ""
    for operands, operator in operations:
        if block is not None:
            block.append((operands, operator))
            if operator == b"Tf" and operands:
                font = str(operands[0])
            elif operator in _SHOW_OPS and font in decoders:
                for data in _shown_bytes(operands, operator):
                    shown += decoders[font].decode(data)
            elif operator in _SHOW_OPS:
                shown += "\ufffd"
            if operator == b"ET":
                assert block_state is not None
                marks_only = shown.strip() and all(c in MARK_CHARS or c.isspace() for c in shown)
                split = None if marks_only or not any(c in MARK_CHARS for c in shown) \
                    else _split_block(block, block_state, decoders)
                if marks_only:
                    moved.append(_replay(block, block_state))
                elif split is not None:
                    kept.extend(split[0])
                    moved.extend(_replay(b, block_state) for b in split[1])
                else:
                    kept.extend(block)
                block = None
            continue
        if operator == b"BT":
            block = [(operands, operator)]
            block_state = {"ctm": list(state["ctm"]), "fill": list(state["fill"]),
                           "text": dict(state["text"])}
            tf = state["text"].get(b"Tf")
            font = str(tf[0][0]) if tf else None
            shown = ""
            continue
        kept.append((operands, operator))
        if operator == b"q":
            stack.append({"ctm": list(state["ctm"]), "fill": list(state["fill"]),
                          "text": dict(state["text"])})
        elif operator == b"Q" and stack:
            state = stack.pop()
        elif operator == b"cm" and len(operands) == 6:
            state["ctm"] = _mul([float(v) for v in operands], state["ctm"])
        elif operator in _FILL_OPS:
            if operator == b"cs":
                state["fill"] = [(operands, operator)]
            else:
                state["fill"] = [op for op in state["fill"] if op[1] == b"cs"] + [(operands, operator)]
        elif operator in _TEXT_STATE_OPS:
            state["text"][operator] = (operands, operator)
    if not moved:
        return list(operations), 0
    out: list[Any] = [([], b"q")] + kept + [([], b"Q")]
    for ops in moved:
        out.extend(ops)
    return out, len(moved)


def _split_block(block: list[Any], st: dict[str, Any], decoders: dict[str, _FontDecoder]
                 ) -> tuple[list[Any], list[list[Any]]] | None:
    """A text block mixing marks and text (LibreOffice writes "□CANBus" as one run, or
    several runs each placed by its own Tm) → (the block with each mark replaced by a
    gap of its width, one block per mark that draws it where it was). Only what can be
    placed without tracking the text matrix is taken: show operators that start a block
    or follow a Tm, simple fonts with widths, no character or word spacing or scaling;
    otherwise None."""
    from extractor.checkmarks import MARK_CHARS
    from pypdf.generic import ArrayObject, ByteStringObject, FloatObject, NameObject

    spacing = [v for op, ops in st["text"].items() if op in (b"Tc", b"Tw", b"Tz") for v in ops[0]]
    spacing += [v for ops, op in block if op in (b"Tc", b"Tw", b"Tz") for v in ops]
    if any(float(v) not in (0.0, 100.0) for v in spacing):
        return None
    tf = st["text"].get(b"Tf")
    font: str | None = str(tf[0][0]) if tf else None
    size: Any = tf[0][1] if tf else None
    kept = list(block)
    moved: list[list[Any]] = []
    placed = True  # the next show operator's position is known without earlier advances
    place: list[Any] = []  # positioning operators for it
    for i, (operands, op) in enumerate(block):
        if op == b"Tf" and len(operands) == 2:
            font, size = str(operands[0]), operands[1]
            continue
        if op in (b"Td", b"TD") and placed and not any(o == b"Tm" for _, o in place):
            place.append((operands, op))
            continue
        if op == b"Tm":
            placed, place = True, [(operands, op)]
            continue
        if op not in _SHOW_OPS:
            continue
        dec = decoders.get(font or "")
        if op not in (b"Tj", b"TJ") or dec is None or dec.widths is None or size is None:
            if dec is None or any(c in MARK_CHARS for d in _shown_bytes(operands, op)
                                  for c in dec.decode(d)):
                return None
            placed = False
            continue
        items = list(operands[0]) if op == b"TJ" else [operands[0]]
        new_items: list[Any] = []
        advance = 0.0
        found = False
        for item in items:
            if not isinstance(item, (bytes, str)):
                new_items.append(item)
                advance -= float(item)
                continue
            data = getattr(item, "original_bytes", item if isinstance(item, bytes)
                           else str(item).encode("latin-1", "replace"))
            run = b""
            for code in data:
                width = dec.widths.get(code, 0.0)
                if dec.decode(bytes([code])) in MARK_CHARS:
                    if not placed:
                        return None
                    if run:
                        new_items.append(ByteStringObject(run))
                        run = b""
                    new_items.append(FloatObject(-width))
                    moved.append([([], b"BT")] + place + [([NameObject(font), size], b"Tf"), (
                        [ArrayObject([FloatObject(-advance), ByteStringObject(bytes([code]))])],
                        b"TJ"), ([], b"ET")])
                    found = True
                else:
                    run += bytes([code])
                advance += width
            if run:
                new_items.append(ByteStringObject(run))
        if found:
            kept[i] = ([ArrayObject(new_items)], b"TJ")
        placed = False
    if not moved:
        return None
    return kept, moved


def _replay(block: list[Any], st: dict[str, Any]) -> list[Any]:
    from pypdf.generic import FloatObject

    ops: list[Any] = [([], b"q"), ([FloatObject(v) for v in st["ctm"]], b"cm")]
    ops.extend(st["fill"])
    ops.extend(st["text"].values())
    ops.extend(block)
    ops.append(([], b"Q"))
    return ops


def _page_decoders(page: Any) -> dict[str, _FontDecoder]:
    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    out: dict[str, _FontDecoder] = {}
    if fonts is None:
        return out
    for name, ref in fonts.get_object().items():
        try:
            out[str(name)] = _FontDecoder(ref.get_object())
        except Exception:  # a font we cannot read is simply not a mark font
            continue
    return out


def move_marks_last(src_pdf: Path, out_pdf: Path) -> int:
    """Rewrite ``src_pdf`` so that its tick marks are drawn last on each page; returns
    how many runs of marks (or marks cut out of a run of text) were moved. Marks the
    rewrite cannot place safely (text runs positioned by earlier glyphs' advances, or
    with character spacing) stay where they are."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream

    reader = PdfReader(str(src_pdf))
    writer = PdfWriter(clone_from=reader)
    total = 0
    for page in writer.pages:
        contents = page.get_contents()
        if contents is None:
            continue
        stream = ContentStream(contents, writer)
        ops, n = _moved_operations(stream.operations, _page_decoders(page))
        if n:
            stream.operations = ops
            page.replace_contents(stream)
            total += n
    _write(Path(out_pdf), _pdf_bytes(writer))
    return total


def printed_pdf_with_late_ticks(src_docx: Path, out_dir: Path) -> Path:
    """``src_docx`` as a PDF (same stem) whose tick marks are written last."""
    src_docx, out_dir = Path(src_docx), Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="late-ticks-") as tmp:
        pdf = docx_to_pdf(src_docx, Path(tmp))
        out = out_dir / pdf.name
        out_dir.mkdir(parents=True, exist_ok=True)
        move_marks_last(pdf, out)
    return out


# --- Wingdings tick boxes -----------------------------------------------------------

# Unicode mark → the Wingdings code Word writes for it (private-use form, as in w:sym).
_WINGDINGS = {"☑": "\uf0fe", "☒": "\uf0fd", "■": "\uf06e", "□": "\uf0a8", "☐": "\uf0a8",
              "✔": "\uf0fc"}


def wingdings_marks(src_pdf: Path, out_dir: Path) -> Path:
    """``src_pdf`` (same name in ``out_dir``) with every font that draws only tick marks
    (besides ASCII) renamed Wingdings and mapped to Wingdings' private-use codes. The embedded glyphs
    are untouched, so the page looks the same."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, StreamObject

    src_pdf, out_dir = Path(src_pdf), Path(out_dir)
    writer = PdfWriter(clone_from=PdfReader(str(src_pdf)))
    done: set[int] = set()
    for page in writer.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for ref in (fonts.get_object().values() if fonts is not None else ()):
            font = ref.get_object()
            if id(font) in done or "/ToUnicode" not in font:
                continue
            done.add(id(font))
            width, mapping = parse_to_unicode(font["/ToUnicode"].get_object().get_data())
            # reportlab's subsets map the ASCII range whether drawn or not: only the rest
            # tells what the font is used for.
            shown = {k: v for k, v in mapping.items() if v.strip() and not v.isascii()}
            if not shown or not all(v in _WINGDINGS for v in shown.values()):
                continue
            stream = StreamObject()
            stream.set_data(_cmap_stream(width, {k: _WINGDINGS.get(v, v) for k, v in mapping.items()}))
            font[NameObject("/ToUnicode")] = writer._add_object(stream)
            prefix = str(font.get("/BaseFont", "/")).lstrip("/").split("+")[0]
            name = f"{prefix}+Wingdings-Regular" if len(prefix) == 6 else "Wingdings-Regular"
            font[NameObject("/BaseFont")] = NameObject(f"/{name}")
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                descriptor.get_object()[NameObject("/FontName")] = NameObject(f"/{name}")
    return _write(out_dir / src_pdf.name, _pdf_bytes(writer))


# --- garbled text layers --------------------------------------------------------

def _mojibake(text: str) -> str:
    """Chinese text as a Latin-1 reader shows its GBK bytes."""
    out: list[str] = []
    for ch in text:
        try:
            out.append(ch.encode("gbk").decode("latin-1"))
        except UnicodeEncodeError:
            out.append(ch)
    return "".join(out)


def _cmap_stream(width: int, mapping: dict[int, str]) -> bytes:
    hexw = 2 * width
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange",
             f"<{0:0{hexw}X}> <{(1 << (8 * width)) - 1:0{hexw}X}>".encode(),
             b"endcodespacerange"]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        chunk = items[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar".encode())
        for code, text in chunk:
            lines.append(f"<{code:0{hexw}X}> <{text.encode('utf-16-be').hex().upper()}>".encode())
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)


def garbled_text_layer(src_pdf: Path, out_dir: Path, mode: str = "no_tounicode") -> Path:
    """``src_pdf`` (same name in ``out_dir``) looking the same, with a text layer that
    is junk: ``no_tounicode`` drops every font's ToUnicode map (readers fall back to
    the raw glyph codes: control characters and wrong ASCII), ``mojibake`` replaces it
    with one giving each character's GBK bytes as Latin-1."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, StreamObject

    if mode not in ("no_tounicode", "mojibake"):
        raise ValueError(f"unknown mode {mode!r}")
    src_pdf, out_dir = Path(src_pdf), Path(out_dir)
    writer = PdfWriter(clone_from=PdfReader(str(src_pdf)))
    done: set[int] = set()
    for page in writer.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if id(font) in done or "/ToUnicode" not in font:
                continue
            done.add(id(font))
            if mode == "no_tounicode":
                del font["/ToUnicode"]
                continue
            width, mapping = parse_to_unicode(font["/ToUnicode"].get_object().get_data())
            stream = StreamObject()
            stream.set_data(_cmap_stream(width, {k: _mojibake(v) for k, v in mapping.items()}))
            font[NameObject("/ToUnicode")] = writer._add_object(stream)
    return _write(out_dir / src_pdf.name, _pdf_bytes(writer))
