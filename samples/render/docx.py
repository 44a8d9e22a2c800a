"""Word boilerplate shared by the sample generators: an A4 document with Chinese body
fonts, a centred bold title, black Heading-1 section titles, the seal-and-date sign-off
and saving with an applicant's document properties."""
from __future__ import annotations

import io
from datetime import datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph


def east_asian(element: object, font: str) -> None:
    """Set the East-Asian font of a run or style (python-docx only sets the Latin one)."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), font)


def a4_document(body_font: str = "宋体", size_pt: float = 12) -> DocxDocument:
    """Portrait A4 with the margins Chinese forms use (20 mm sides, 25 mm top/bottom)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(25)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(size_pt)
    east_asian(normal.element, body_font)
    return doc


def add_title(doc: DocxDocument, text: str, size_pt: float = 18, font: str = "黑体") -> Paragraph:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(size_pt)
    east_asian(run._r, font)
    return p


def add_heading(doc: DocxDocument, text: str, level: int = 1, size_pt: float = 14) -> Paragraph:
    """A section title in a real Heading style (the section reader keys on it), black 黑体."""
    p = doc.add_paragraph(style=f"Heading {level}")
    run = p.add_run(text)
    run.font.size = Pt(size_pt)
    run.font.color.rgb = RGBColor(0, 0, 0)
    east_asian(run._r, "黑体")
    return p


def sign_off(doc: DocxDocument, signer: str, date_text: str) -> None:
    """An empty line, then "<单位>（盖章）" and the date, right-aligned."""
    doc.add_paragraph("")
    for text in (f"{signer}（盖章）", date_text):
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT


def save_docx(doc: DocxDocument, *, author: str, created: datetime, modified: datetime,
              revision: int, title: str | None = None) -> bytes:
    """The file as an applicant's Word leaves it (author, edit times, revision), with
    fixed zip timestamps so the same input gives the same bytes."""
    from samples.render.archive import normalize_zip

    props = doc.core_properties
    props.author = props.last_modified_by = author
    if title is not None:
        props.title = title
    props.comments = ""
    props.created, props.modified, props.revision = created, modified, revision
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())
