"""Word boilerplate shared by the sample generators: an A4 document with Chinese body
fonts, a centred bold title, and black Heading-1 section titles."""
from __future__ import annotations

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
