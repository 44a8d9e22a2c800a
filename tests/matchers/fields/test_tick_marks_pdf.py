"""One tick-mark parser (extractor.checkmarks) for every stage: an option group written
"是☑ 否□" (labels before their boxes) in a text-layer PDF table reads 是 in the form
fields, as the extractor's own checkboxes say."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A5
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

import matchers.fields.option_marks as option_marks
from criteria.schema import Programme, TableColumn
from extractor.base import ExtractContext
from extractor.checkmarks import checkboxes_in_text, mark_state
from extractor.pdf_extractor import PdfExtractor
from matchers.fields.form_fields import best_observation, read_form_fields
from matchers.fields.structured_tables import parse_cell
from samples.render.fonts import reportlab_font

# WenQuanYi has no ☑/□: the marks are drawn in DejaVu Sans, in their own text runs, as
# Word and LibreOffice write a symbol in another font.
MARK_FONT = "DejaVuSansTickMarks"
pdfmetrics.registerFont(TTFont(MARK_FONT, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
PAGE_W, PAGE_H = A5

PROG = Programme.model_validate({
    "id": "t", "title": "t", "year": 2024, "source": "test",
    "declaration": {"title_keywords": ["申报书"]},
    "fields": [
        {"key": "company_name", "label": "企业名称"},
        {"key": "high_tech", "label": "高新技术企业", "type": "options", "options": ["是", "否"]},
        {"key": "size", "label": "企业规模", "type": "options",
         "options": ["大型", "中型", "小型"]},
    ],
})


def _form_pdf(path: Path, answer: list[tuple[str, bool]], marks_first: bool) -> Path:
    """A ruled two-column table: 企业名称 | 甲公司, 高新技术企业 | the answer."""
    font = reportlab_font()
    c = canvas.Canvas(str(path), pagesize=A5, invariant=1)
    xs = (40, 150, PAGE_W - 40)
    ys = [PAGE_H - 90 - 34 * i for i in range(3)]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.setFont(font, 12)
    c.drawString(xs[0] + 6, ys[0] - 22, "企业名称")
    c.drawString(xs[1] + 6, ys[0] - 22, "甲智能装备有限公司")
    c.drawString(xs[0] + 6, ys[1] - 22, "高新技术企业")
    x = xs[1] + 6
    for label, ticked in answer:
        pieces = [("☑" if ticked else "□", MARK_FONT), (label, font)]
        for piece, face in pieces if marks_first else pieces[::-1]:
            c.setFont(face, 12)
            c.drawString(x, ys[1] - 22, piece)
            x += pdfmetrics.stringWidth(piece, face, 12)
        x += pdfmetrics.stringWidth(" ", font, 12)
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize(("answer", "marks_first", "cell", "expected"), [
    ([("是", True), ("否", False)], False, "是☑ 否□", ["是"]),
    ([("是", False), ("否", True)], False, "是□ 否☑", ["否"]),
    ([("是", True), ("否", False)], True, "☑是 □否", ["是"]),
])
def test_labels_before_boxes_in_a_text_pdf_table(tmp_path: Path, answer: list[tuple[str, bool]],
                                                  marks_first: bool, cell: str,
                                                  expected: list[str]) -> None:
    pdf = _form_pdf(tmp_path / "申报书.pdf", answer, marks_first)
    doc = PdfExtractor().extract(pdf, "申报书.pdf", ExtractContext())
    assert doc.metadata["text_layer"] == "1:text" and doc.ocr_pages == 0
    assert doc.tables[0].rows_text()[1] == ["高新技术企业", cell]
    assert [(b.label, b.checked) for b in doc.checkboxes] == answer
    obs = best_observation(read_form_fields(doc, PROG), "high_tech")
    assert obs is not None and obs.via == "table"
    assert obs.options == expected and obs.value == expected[0]
    # The same cell text without the extractor's boxes reads the same.
    doc.checkboxes = []
    obs = best_observation(read_form_fields(doc, PROG), "high_tech")
    assert obs.options == expected


@pytest.mark.parametrize(("text", "boxes"), [
    ("是☑ 否□", [("是", True), ("否", False)]),
    ("☑是 □否", [("是", True), ("否", False)]),
    ("是√ 否□", [("是", True), ("否", False)]),
    ("是■ 否☐", [("是", True), ("否", False)]),
    ("是（√）    否（  ）", [("是", True), ("否", False)]),
    ("√大型    中型    小型", [("大型", True)]),
    ("请在□内打√", []),
])
def test_checkboxes_in_text_is_the_extractors_parser(text: str,
                                                     boxes: list[tuple[str, bool]]) -> None:
    assert [(b.label, b.checked) for b in checkboxes_in_text(text)] == boxes


def test_option_marks_knows_no_tick_characters() -> None:
    """Tick characters appear in option_marks' docstrings only, never in its code."""
    tree = ast.parse(inspect.getsource(option_marks))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    literals = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
                and isinstance(n.value, str) and id(n) not in docstrings]
    assert not [s for s in literals if any(ch in s for ch in "☑☒■√✓✔□☐")]


@pytest.mark.parametrize(("text", "state"), [
    ("√", True), ("☑", True), ("■", True), (" ✔ ", True), ("□", False), ("☐", False),
    ("是", None), ("√是", None), ("", None)])
def test_a_lone_mark(text: str, state: bool | None) -> None:
    assert mark_state(text) is state


def test_a_lone_mark_answers_a_yes_no_column() -> None:
    col = TableColumn.model_validate({"key": "networked", "labels": ["是否联网"], "type": "bool"})
    assert [parse_cell(t, col) for t in ("√", "☑", "☐", "□", "是", "否", "x")] == [
        True, True, False, False, True, False, False]
