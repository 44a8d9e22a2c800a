"""DocxExtractor on .docx files built here with python-docx plus raw WordprocessingML."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from extractor.base import ExtractContext, UnreadableFileError
from extractor.docx_extractor import DocxExtractor
from models import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
NS = f'xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"'


def _extract(path: Path) -> Document:
    return DocxExtractor().extract(path, path.name, ExtractContext())


def _append_xml(document: "docx.document.Document", xml: str) -> None:
    """Append a raw body element (before the final sectPr)."""
    el = parse_xml(xml)
    body = document.element.body
    body.insert(len(body) - 1, el)


def _para_xml(inner: str) -> str:
    return f"<w:p {NS}>{inner}</w:p>"


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _sym(font: str, char: str) -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def _sdt_checkbox(checked: bool, glyph: str) -> str:
    return (
        "<w:sdt><w:sdtPr><w14:checkbox>"
        f'<w14:checked w14:val="{1 if checked else 0}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
        "</w14:checkbox></w:sdtPr>"
        f"<w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"
    )


def _save(document: "docx.document.Document", tmp_path: Path, name: str = "t.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def _boxes(doc: Document) -> list[tuple[str, bool]]:
    return [(c.label, c.checked) for c in doc.checkboxes]


def test_body_order_paragraph_table_paragraph(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("一、企业基本情况", level=1)
    d.add_paragraph("企业名称：山东晨星机械有限公司")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "统一社会信用代码"
    t.cell(0, 1).text = "91370100MA3C000000"
    t.cell(1, 0).text = "法定代表人"
    t.cell(1, 1).text = "张三"
    d.add_paragraph("")  # empty paragraphs produce no block
    d.add_paragraph("二、项目情况")
    doc = _extract(_save(d, tmp_path))

    assert doc.error is None
    assert doc.media_type.endswith("wordprocessingml.document")
    assert len(doc.sha256) == 64 and doc.size > 0
    blocks = doc.pages[0].blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "一、企业基本情况"),
        ("paragraph", "企业名称：山东晨星机械有限公司"),
        ("cell", "统一社会信用代码"),
        ("cell", "91370100MA3C000000"),
        ("cell", "法定代表人"),
        ("cell", "张三"),
        ("paragraph", "二、项目情况"),
    ]
    assert [(b.table_index, b.row, b.col) for b in blocks if b.kind == "cell"] == [
        (0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1)]
    assert doc.pages[0].width == pytest.approx(612.0, abs=1)
    assert doc.tables[0].rows_text() == [["统一社会信用代码", "91370100MA3C000000"],
                                         ["法定代表人", "张三"]]


def test_horizontal_and_vertical_merges_resolved(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            t.cell(r, c).text = f"r{r}c{c}"
    t.cell(0, 0).merge(t.cell(0, 1))  # gridSpan=2
    t.cell(1, 2).merge(t.cell(2, 2))  # vMerge restart/continue
    doc = _extract(_save(d, tmp_path))
    table = doc.tables[0]
    assert (table.n_rows, table.n_cols) == (3, 3)
    grid = table.grid()
    origin = grid[0][0]
    assert origin is not None and (origin.row_span, origin.col_span) == (1, 2)
    assert origin.merged_from is None
    covered = grid[0][1]
    assert covered is not None and covered.merged_from == (0, 0)
    assert covered.text == origin.text and "r0c0" in origin.text
    v_origin, v_covered = grid[1][2], grid[2][2]
    assert v_origin is not None and (v_origin.row_span, v_origin.col_span) == (2, 1)
    assert v_covered is not None and v_covered.merged_from == (1, 2)
    assert v_covered.text == v_origin.text and "r1c2" in v_origin.text
    assert grid[0][2] is not None and grid[0][2].text == "r0c2"
    # One cell block per origin: 9 positions, 2 covered.
    cell_blocks = [b for b in doc.pages[0].blocks if b.kind == "cell"]
    assert len(cell_blocks) == 7
    assert (2, 2) not in {(b.row, b.col) for b in cell_blocks}


def test_raw_grid_before_span_and_bare_vmerge(tmp_path: Path) -> None:
    d = docx.Document()
    tc = lambda text, pr="": f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{_run(text)}</w:p></w:tc>"  # noqa: E731
    xml = (
        f"<w:tbl {NS}><w:tblPr/><w:tblGrid>"
        + "<w:gridCol/>" * 4
        + "</w:tblGrid>"
        # row 0: A | B spanning 2 (restart vertical) | C
        + "<w:tr>" + tc("A") + tc("B", '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>')
        + tc("C") + "</w:tr>"
        # row 1: gridBefore=1, then bare vMerge continuing B (span 2), then D
        + '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + tc("", '<w:gridSpan w:val="2"/><w:vMerge/>') + tc("D") + "</w:tr>"
        + "</w:tbl>"
    )
    _append_xml(d, xml)
    doc = _extract(_save(d, tmp_path))
    table = doc.tables[0]
    assert (table.n_rows, table.n_cols) == (2, 4)
    assert table.rows_text() == [["A", "B", "B", "C"], ["", "B", "B", "D"]]
    grid = table.grid()
    assert grid[0][1] is not None and (grid[0][1].row_span, grid[0][1].col_span) == (2, 2)
    assert {(c.row, c.col) for c in table.cells if c.merged_from == (0, 1)} == {
        (0, 2), (1, 1), (1, 2)}
    assert grid[1][0] is not None and grid[1][0].merged_from is None and grid[1][0].text == ""
    assert len(table.cells) == 8


def test_nested_table_flattened_and_emitted(tmp_path: Path) -> None:
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "主要设备"
    inner_cell = outer.cell(0, 1)
    inner_cell.text = "清单如下"
    inner = inner_cell.add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "数控机床"
    inner.cell(1, 0).text = "工业机器人"
    d.add_paragraph("结尾")
    doc = _extract(_save(d, tmp_path))
    assert len(doc.tables) == 2
    parent, nested = doc.tables
    assert parent.index == 0 and nested.index == 1
    assert parent.rows_text()[0][1] == "清单如下\n数控机床\n工业机器人"
    assert nested.rows_text() == [["数控机床"], ["工业机器人"]]
    # Nested text reaches Document.text exactly once (through the parent cell).
    assert doc.text.count("工业机器人") == 1
    assert all(b.table_index != 1 for b in doc.pages[0].blocks)
    assert doc.pages[0].blocks[-1].text == "结尾"


def test_unicode_checkboxes_normalised_with_labels(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("企业规模：□大型    ☑中型     □小型")
    d.add_paragraph("☐是 ☒否")
    d.add_paragraph("■离散型 □流程型 □其它：装配")
    d.add_paragraph("√国家级   省级   市级")
    d.add_paragraph("请在□内打√")
    doc = _extract(_save(d, tmp_path))
    texts = [b.text for b in doc.pages[0].blocks]
    assert texts[:4] == ["企业规模：□大型    ☑中型     □小型", "□是 ☑否",
                         "☑离散型 □流程型 □其它：装配", "☑国家级   省级   市级"]
    assert texts[4] == "请在□内打√"  # the form's instruction is not an answer
    assert _boxes(doc) == [
        ("大型", False), ("中型", True), ("小型", False),
        ("是", False), ("否", True),
        ("离散型", True), ("流程型", False), ("其它：装配", False),
        ("国家级", True),
    ]
    assert all(c.table_index is None and c.source == "text" for c in doc.checkboxes)


def test_wingdings_sym_elements(tmp_path: Path) -> None:
    d = docx.Document()
    _append_xml(d, _para_xml(
        _sym("Wingdings 2", "F052") + _run("高新技术企业  ")
        + _sym("Wingdings 2", "F0A3") + _run("专精特新  ")
        + _sym("Wingdings 2", "0054") + _run("瞪羚企业")))
    _append_xml(d, _para_xml(
        _sym("Wingdings", "F0FE") + _run("是 ") + _sym("Wingdings", "F06F") + _run("否 ")
        + _sym("Wingdings", "F0A8") + _run("不适用 ") + _sym("Wingdings", "F078") + _run("待定")))
    _append_xml(d, _para_xml(_sym("Wingdings", "F0FC") + _run("已盖章")))
    _append_xml(d, _para_xml(_sym("Wingdings", "F0E8") + _run("箭头不是勾选框")))
    doc = _extract(_save(d, tmp_path))
    texts = [b.text for b in doc.pages[0].blocks]
    assert texts == ["☑高新技术企业  □专精特新  ☑瞪羚企业", "☑是 □否 □不适用 ☑待定",
                     "☑已盖章", "箭头不是勾选框"]
    assert _boxes(doc) == [("高新技术企业", True), ("专精特新", False), ("瞪羚企业", True),
                           ("是", True), ("否", False), ("不适用", False), ("待定", True),
                           ("已盖章", True)]


def test_symbol_font_run_text(tmp_path: Path) -> None:
    d = docx.Document()
    wd2 = '<w:rPr><w:rFonts w:ascii="Wingdings 2" w:hAnsi="Wingdings 2"/></w:rPr>'
    _append_xml(d, _para_xml(
        f"<w:r>{wd2}<w:t>R</w:t></w:r>" + _run("同意 ")
        + f"<w:r>{wd2}<w:t>\u00a3</w:t></w:r>" + _run("不同意")))
    doc = _extract(_save(d, tmp_path))
    assert doc.pages[0].blocks[0].text == "☑同意 □不同意"
    assert _boxes(doc) == [("同意", True), ("不同意", False)]


def test_content_control_checkboxes_use_state(tmp_path: Path) -> None:
    d = docx.Document()
    _append_xml(d, _para_xml(
        _sdt_checkbox(True, "☒") + _run("制造执行系统（MES） ")
        + _sdt_checkbox(False, "☐") + _run("企业资源计划（ERP） ")
        # glyph disagrees with the state: the state wins
        + _sdt_checkbox(True, "☐") + _run("仓储管理（WMS）")))
    doc = _extract(_save(d, tmp_path))
    assert doc.pages[0].blocks[0].text == "☑制造执行系统（MES） □企业资源计划（ERP） ☑仓储管理（WMS）"
    assert _boxes(doc) == [("制造执行系统（MES）", True), ("企业资源计划（ERP）", False),
                           ("仓储管理（WMS）", True)]


def test_legacy_form_field_checkbox(tmp_path: Path) -> None:
    d = docx.Document()

    def field(checked: bool) -> str:
        return (
            '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox>'
            f'<w:sizeAuto/><w:default w:val="{1 if checked else 0}"/>'
            '</w:checkBox></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    _append_xml(d, _para_xml(field(True) + _run("自主研发 ") + field(False) + _run("外购")))
    doc = _extract(_save(d, tmp_path))
    assert doc.pages[0].blocks[0].text == "☑自主研发 □外购"
    assert _boxes(doc) == [("自主研发", True), ("外购", False)]


def test_checkbox_in_table_cell_has_position(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("前言")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "企业类型"
    t.cell(0, 1).text = "□国有 ☑民营 □外资"
    t.cell(1, 0).text = "是否上市"
    t.cell(1, 1).text = "是☑ 否□"
    doc = _extract(_save(d, tmp_path))
    assert [(c.label, c.checked, c.table_index, c.row, c.col) for c in doc.checkboxes] == [
        ("国有", False, 0, 0, 1), ("民营", True, 0, 0, 1), ("外资", False, 0, 0, 1),
        ("是", True, 0, 1, 1), ("否", False, 0, 1, 1)]
    assert doc.tables[0].rows_text()[1][1] == "是☑ 否□"


def test_block_level_content_control_is_read(tmp_path: Path) -> None:
    d = docx.Document()
    _append_xml(d, f"<w:sdt {NS}><w:sdtPr/><w:sdtContent><w:p>{_run('控件内的段落')}</w:p>"
                   "</w:sdtContent></w:sdt>")
    doc = _extract(_save(d, tmp_path))
    assert [b.text for b in doc.pages[0].blocks] == ["控件内的段落"]


def _placeholder_sdt(text: str, showing: bool) -> str:
    flag = "<w:showingPlcHdr/>" if showing else ""
    return (f"<w:sdt><w:sdtPr><w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr>{flag}"
            f"</w:sdtPr><w:sdtContent>{_run(text)}</w:sdtContent></w:sdt>")


def test_content_control_still_showing_its_placeholder_reads_empty(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "企业名称"
    t.cell(1, 0).text = "注册资金"
    # Row 0: the applicant typed into the control; row 1: Word still shows its prompt.
    t.cell(0, 1)._tc.remove(t.cell(0, 1).paragraphs[0]._p)
    t.cell(0, 1)._tc.append(parse_xml(_para_xml(_placeholder_sdt("山东鲁源机械有限公司", False))))
    t.cell(1, 1)._tc.remove(t.cell(1, 1).paragraphs[0]._p)
    t.cell(1, 1)._tc.append(parse_xml(_para_xml(_placeholder_sdt("单击或点击此处输入文字。", True))))
    _append_xml(d, _para_xml(_run("联系人：") + _placeholder_sdt("单击此处输入文字。", True)))
    _append_xml(d, f"<w:sdt {NS}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
                   f"<w:p>{_run('单击或点击此处输入文字。')}</w:p></w:sdtContent></w:sdt>")
    doc = _extract(_save(d, tmp_path))
    assert doc.tables[0].rows_text() == [["企业名称", "山东鲁源机械有限公司"], ["注册资金", ""]]
    assert "输入文字" not in doc.text
    assert "联系人：" in doc.text


def test_corrupt_docx_raises_chinese_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    with pytest.raises(UnreadableFileError) as e:
        _extract(bad)
    assert e.value.reason == "文件已损坏或不是有效的 Word 文档"

    text = tmp_path / "text.docx"
    text.write_text("这不是 Word 文档", encoding="utf-8")
    with pytest.raises(UnreadableFileError) as e:
        _extract(text)
    assert "Word" in e.value.reason

    not_word = tmp_path / "other.docx"
    with zipfile.ZipFile(not_word, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableFileError) as e:
        _extract(not_word)
    assert e.value.reason == "文件已损坏或不是有效的 Word 文档"


def test_empty_and_legacy_doc(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFileError) as e:
        _extract(empty)
    assert e.value.reason == "文件为空（0 字节）"

    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
                       + "WordDocument".encode("utf-16-le") + b"\x00" * 512)
    with pytest.raises(UnreadableFileError) as e:
        _extract(legacy)
    assert e.value.reason == "不支持旧版 .doc 格式，请另存为 .docx 或 PDF"


def test_text_box_read_once_after_its_paragraph(tmp_path: Path) -> None:
    d = docx.Document()
    ns = (f'{NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    box = f"<w:txbxContent><w:p>{_run('文本框：☑已签字')}</w:p></w:txbxContent>"
    _append_xml(d, (
        f"<w:p {ns}>{_run('正文')}<w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp>'
        "</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:rect><v:textbox>{box}</v:textbox></v:rect></w:pict>"
        f"</mc:Fallback></mc:AlternateContent></w:r>{_run('继续')}</w:p>"))
    doc = _extract(_save(d, tmp_path))
    assert [b.text for b in doc.pages[0].blocks] == ["正文继续", "文本框：☑已签字"]
    assert _boxes(doc) == [("已签字", True)]


def test_macro_enabled_document_reads(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("启用宏的文档")
    plain = _save(d, tmp_path, "plain.docx")
    docm = tmp_path / "m.docm"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(docm, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml")
                assert b"macroEnabled" in data
            dst.writestr(info, data)
    doc = _extract(docm)
    assert [b.text for b in doc.pages[0].blocks] == ["启用宏的文档"]


def test_sniff_needs_zip_magic() -> None:
    ex = DocxExtractor()
    assert ex.sniff(b"PK\x03\x04....", ".docx")
    assert ex.sniff(b"PK\x03\x04..word/document.xml", ".bin")
    assert not ex.sniff(b"%PDF-1.7", ".docx")
