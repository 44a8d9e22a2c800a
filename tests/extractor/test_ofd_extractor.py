"""OFD extractor on generated OFD files: the 电子营业执照 (template labels, page values,
seal as a signature appearance), glyph positions from DeltaX with the "g" repeat form,
CTM and Boundary offsets, templates, a scanned page through OCR, PDF → OFD twins, and
damaged packages."""
from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfgen import canvas

from extractor.base import ExtractContext, UnreadableFileError
from extractor.image_extractor import ImageExtractor
from extractor.ocr.rapid_engine import RapidOcrEngine
from extractor.ocr.service import CachingOcrService
from extractor.ofd.content import read_page
from extractor.ofd.document import open_document
from extractor.ofd.geometry import deltas
from extractor.ofd.package import OfdPackage
from extractor.ofd.render import render_file_page
from extractor.ofd_extractor import OfdExtractor
from extractor.pdf_extractor import PdfExtractor
from extractor.registry import extract_file
from matchers.fields.business_license import read_business_licence
from models import Document
from samples.chenxing.company_profile import LUYUAN
from samples.chenxing.license_image import licence_jpeg
from samples.render.fonts import reportlab_font
from samples.render.ofd import OfdImage, OfdLine, OfdPage, OfdSeal, OfdText, write_ofd
from samples.render.seal import SEAL_RED, seal_mask
from samples.variants.ofd import MM_PER_PX, licence_ofd, pdf_to_ofd

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
K = 72.0 / 25.4  # mm → pt
OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def extract(path: Path, ctx: ExtractContext | None = None) -> Document:
    return OfdExtractor().extract(path, path.name, ctx or ExtractContext())


def block(doc: Document, text: str):  # noqa: ANN201 - a models.Block
    return next(b for p in doc.pages for b in p.blocks if b.text == text)


@pytest.fixture(scope="module")
def licence(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return licence_ofd(LUYUAN, tmp_path_factory.mktemp("ofd"), "IMG_20221201_0931.jpg")


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine()


def _ocr_ctx(engine: RapidOcrEngine, tmp_path: Path, **kw: object) -> ExtractContext:
    return ExtractContext(ocr=CachingOcrService(engine, cache_dir=tmp_path / "cache"), **kw)


# ----- hand-written packages --------------------------------------------------------------


def raw_ofd(path: Path, parts: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def minimal_parts(content: str, *, physical: str = "0 0 100 50", ofd_root: str | None = None,
                  document: str | None = None) -> dict[str, str | bytes]:
    """OFD.xml → Doc_0/Document.xml → one page whose Layer holds ``content``."""
    return {
        "OFD.xml": ofd_root or (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {OFD_NS} Version="1.1" '
            'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>abc</ofd:DocID></ofd:DocInfo>'
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"),
        "Doc_0/Document.xml": document or (
            f'<ofd:Document {OFD_NS}><ofd:CommonData><ofd:MaxUnitID>9</ofd:MaxUnitID>'
            f"<ofd:PageArea><ofd:PhysicalBox>{physical}</ofd:PhysicalBox></ofd:PageArea>"
            '</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
            "</ofd:Pages></ofd:Document>"),
        "Doc_0/Pages/Page_0/Content.xml": (
            f'<ofd:Page {OFD_NS}><ofd:Content><ofd:Layer ID="2">{content}</ofd:Layer>'
            "</ofd:Content></ofd:Page>"),
    }


def glyph_boxes(doc: Document) -> list[tuple[str, tuple[float, ...]]]:
    return [(b.text, b.bbox) for p in doc.pages for b in p.blocks]


# ----- the electronic licence -------------------------------------------------------------


def test_text_licence_gives_fields_in_reading_order_with_positions(licence: Path) -> None:
    doc = extract(licence)
    assert doc.error is None and doc.media_type == "application/ofd"
    assert doc.metadata["ofd_pages"] == "1" and doc.metadata["ofd_signatures"] == "1"
    assert doc.metadata["ofd_doc_id"]
    page = doc.pages[0]
    # A4 landscape in points, as a PDF of the licence would measure it.
    assert page.width == pytest.approx(297 * K, abs=0.01)
    assert page.height == pytest.approx(210 * K, abs=0.01)
    assert not page.ocr and all(b.source == "text" and b.kind == "line" for b in page.blocks)
    text = doc.text
    order = ["营业执照", "统一社会信用代码", LUYUAN.uscc, "名称", LUYUAN.name, "注册资本",
             "类型", "法定代表人", LUYUAN.legal_rep, "经营范围", "住所", "登记机关", "2021年08月16日"]
    positions = [text.index(t) for t in order]
    assert positions == sorted(positions)
    # The code follows its label on one line (an em apart, as a PDF would join them),
    # starting where the writer put the label.
    code = block(doc, f"统一社会信用代码 {LUYUAN.uscc}")
    assert code.bbox[0] == pytest.approx(150 * MM_PER_PX * K, abs=0.01)
    # The wrapped address continues below its first line, in the right-hand column.
    first, rest = block(doc, "山东省济南市历城区唐冶街道工业北"), block(doc, "路2588号")
    assert rest.bbox[0] == pytest.approx(first.bbox[0], abs=0.5) and rest.bbox[1] > first.bbox[3]


def test_the_seal_appearance_is_an_embedded_seal_mark(licence: Path, tmp_path: Path) -> None:
    doc = extract(licence)
    seals = [m for m in doc.pages[0].marks if m.kind == "seal"]
    assert len(seals) == 1 and seals[0].origin == "embedded"
    # The licence draws the seal over 登记机关 (right half, lower third of the page).
    x0, y0, x1, y1 = seals[0].bbox
    assert x0 > doc.pages[0].width / 2 and y0 > doc.pages[0].height / 2
    assert 100 < x1 - x0 < 140 and 100 < y1 - y0 < 140  # a 41.6 mm seal is 118 pt
    # Without the signature the same page carries no seal.
    page = OfdPage(297, 210, texts=[OfdText("登记机关", 200, 160, 6)],
                   images=[OfdImage(_png(Image.new("RGB", (40, 40), "white")), 10, 10, 20, 20)])
    assert not extract(write_ofd([page], tmp_path / "plain.ofd")).pages[0].marks
    sealed = write_ofd([page], tmp_path / "sealed.ofd",
                       seals=[OfdSeal(_seal_png(), 0, 190, 140, 42, 42)])
    assert [m.kind for m in extract(sealed).pages[0].marks] == ["seal"]


def test_a_seal_drawn_as_an_ofd_package_is_rendered(tmp_path: Path) -> None:
    """Newer seal systems store the seal picture as a one-page OFD inside the signature."""
    seal_doc = write_ofd([OfdPage(42, 42, images=[OfdImage(_seal_png(), 0, 0, 42, 42)])],
                         tmp_path / "seal.ofd").read_bytes()
    page = OfdPage(297, 210, texts=[OfdText("登记机关", 200, 160, 6)])
    out = write_ofd([page], tmp_path / "nested.ofd",
                    seals=[OfdSeal(seal_doc, 0, 190, 140, 42, 42, format="OFD")])
    marks = extract(out).pages[0].marks
    assert [m.kind for m in marks] == ["seal"]
    assert marks[0].bbox[0] == pytest.approx(190 * K, abs=8)


def test_a_stamp_annotation_appearance_is_drawn(tmp_path: Path) -> None:
    """Some writers put the seal in an annotation's appearance instead of a signature."""
    parts = minimal_parts('<ofd:TextObject Boundary="10 10 80 10" Size="5">'
                          '<ofd:TextCode X="0" Y="5">特此证明</ofd:TextCode></ofd:TextObject>',
                          physical="0 0 210 120")
    parts["Doc_0/Document.xml"] = str(parts["Doc_0/Document.xml"]).replace(
        "</ofd:CommonData>",
        '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>').replace(
        "</ofd:Pages>", "</ofd:Pages><ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>")
    parts["Doc_0/DocumentRes.xml"] = (
        f'<ofd:Res {OFD_NS} BaseLoc="Res"><ofd:MultiMedias><ofd:MultiMedia ID="7" Type="Image">'
        "<ofd:MediaFile>seal.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>")
    parts["Doc_0/Res/seal.png"] = _seal_png()
    parts["Doc_0/Annots/Annotations.xml"] = (
        f'<ofd:Annotations {OFD_NS}><ofd:Page PageID="1"><ofd:FileLoc>Page_0/Annotation.xml'
        "</ofd:FileLoc></ofd:Page></ofd:Annotations>")
    parts["Doc_0/Annots/Page_0/Annotation.xml"] = (
        f'<ofd:PageAnnot {OFD_NS}><ofd:Annot ID="8" Type="Stamp"><ofd:Appearance '
        'Boundary="120 40 40 40"><ofd:ImageObject ID="9" ResourceID="7" Boundary="0 0 40 40" '
        'CTM="40 0 0 40 0 0"/></ofd:Appearance></ofd:Annot></ofd:PageAnnot>')
    doc = extract(raw_ofd(tmp_path / "annot.ofd", parts))
    assert doc.text == "特此证明"
    (mark,) = doc.pages[0].marks
    assert mark.kind == "seal" and mark.origin == "embedded"
    assert mark.bbox == pytest.approx((120 * K, 40 * K, 160 * K, 80 * K), abs=6)


def test_images_are_placed_by_boundary_and_ctm(tmp_path: Path) -> None:
    """A 20 × 10 mm red bar placed upright, and the same bar turned 90° by its CTM."""
    bar = _png(Image.new("RGB", (200, 100), (220, 0, 0)))
    parts = minimal_parts(
        '<ofd:ImageObject ID="3" ResourceID="7" Boundary="10 5 20 10" CTM="20 0 0 10 0 0"/>'
        '<ofd:ImageObject ID="4" ResourceID="7" Boundary="50 5 10 20" CTM="0 20 -10 0 10 0"/>',
        physical="0 0 100 50")
    parts["Doc_0/Document.xml"] = str(parts["Doc_0/Document.xml"]).replace(
        "</ofd:CommonData>", "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>")
    parts["Doc_0/PublicRes.xml"] = (
        f'<ofd:Res {OFD_NS}><ofd:MultiMedias><ofd:MultiMedia ID="7" Type="Image" Format="PNG">'
        "<ofd:MediaFile>bar.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>")
    parts["Doc_0/bar.png"] = bar
    path = raw_ofd(tmp_path / "img.ofd", parts)
    img = np.asarray(render_file_page(path, 1, dpi=25.4 * 4))  # 4 px per mm
    red = (img[:, :, 0] > 150) & (img[:, :, 1] < 80)

    def extent(x0: int, x1: int) -> tuple[int, int, int, int]:
        ys, xs = np.nonzero(red[:, x0:x1])
        return int(xs.min()) + x0, int(ys.min()), int(xs.max()) + x0 + 1, int(ys.max()) + 1

    assert extent(0, 160) == pytest.approx((40, 20, 120, 60), abs=2)  # 10–30 mm × 5–15 mm
    assert extent(160, 400) == pytest.approx((200, 20, 240, 100), abs=2)  # 50–60 × 5–25 mm


def test_the_rendered_page_shows_the_seal_in_red(licence: Path) -> None:
    img = np.asarray(render_file_page(licence, 1, dpi=60))
    red = (img[:, :, 0] > 150) & (img[:, :, 1] < 110) & (img[:, :, 2] < 110)
    ys, xs = np.nonzero(red)
    # Red seal ink lies over 登记机关 (the border is drawn in a darker brown).
    assert red.sum() > 500
    assert xs.mean() > img.shape[1] * 0.6 and ys.mean() > img.shape[0] * 0.6


def test_licence_fields_match_the_scanned_licence(licence: Path, engine: RapidOcrEngine,
                                                  tmp_path: Path) -> None:
    """The business-licence reader gives the same fields for the e-licence as for the
    photographed paper licence of the same company."""
    jpg = tmp_path / "IMG_20221201_0931.jpg"
    jpg.write_bytes(licence_jpeg(LUYUAN, seed=7))
    scanned = ImageExtractor().extract(jpg, jpg.name, _ocr_ctx(engine, tmp_path))
    t = time.perf_counter()
    electronic = extract(licence)
    assert time.perf_counter() - t < 5
    got = {o.key: o.normalized for o in read_business_licence(electronic)}
    want = {o.key: o.normalized for o in read_business_licence(scanned)}
    assert got == want
    assert got["uscc"] == LUYUAN.uscc and got["address"] == LUYUAN.address


def test_writer_output_is_deterministic(licence: Path, tmp_path: Path) -> None:
    again = licence_ofd(LUYUAN, tmp_path, "IMG_20221201_0931.jpg")
    assert again.name == "IMG_20221201_0931.ofd"
    assert again.read_bytes() == licence.read_bytes()


# ----- positions ---------------------------------------------------------------------------


def test_deltax_g_repeats_are_expanded() -> None:
    assert deltas("g 3 1.5 2 g 2 0.25") == [1.5, 1.5, 1.5, 2.0, 0.25, 0.25]
    assert deltas("1 2,3") == [1.0, 2.0, 3.0]
    assert deltas("g x 1 2") == [1.0, 2.0]  # a malformed repeat is skipped, not fatal


def test_g_syntax_places_every_glyph(tmp_path: Path) -> None:
    # Five glyphs: 10 mm apart three times (g 3 10), then one 20 mm step.
    content = ('<ofd:TextObject ID="3" Boundary="0 0 100 20" Size="4">'
               '<ofd:TextCode X="5" Y="10" DeltaX="g 3 10 20">甲乙丙丁戊</ofd:TextCode>'
               "</ofd:TextObject>")
    path = raw_ofd(tmp_path / "g.ofd", minimal_parts(content))
    with OfdPackage(path) as pkg:
        od = open_document(pkg)
        glyphs = read_page(od, od.pages[0]).glyphs()
    assert [(g.text, g.x, g.y) for g in glyphs] == [
        ("甲", 5, 10), ("乙", 15, 10), ("丙", 25, 10), ("丁", 35, 10), ("戊", 55, 10)]
    # In the text: steps 1.5 em wider than a glyph read as spaces (letter-spaced text),
    # the 4 em step to 戊 as a new line, as the PDF reader splits lines.
    top, bottom = (10 - 0.86 * 4) * K, (10 + 0.14 * 4) * K
    assert glyph_boxes(extract(path)) == [
        ("甲 乙 丙 丁", pytest.approx((5 * K, top, 39 * K, bottom), abs=0.01)),
        ("戊", pytest.approx((55 * K, top, 59 * K, bottom), abs=0.01))]


def test_writer_emits_g_runs_for_even_advances(tmp_path: Path) -> None:
    out = write_ofd([OfdPage(texts=[OfdText("营业执照副本", 20, 30, 8)])], tmp_path / "w.ofd")
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("Doc_0/Pages/Page_0/Content.xml").decode()
    assert 'DeltaX="g 5 8"' in xml
    b = block(extract(out), "营业执照副本")
    assert b.bbox[0] == pytest.approx(20 * K, abs=0.01)
    assert b.bbox[2] == pytest.approx((20 + 6 * 8) * K, abs=0.01)


def test_ctm_and_boundary_offsets_are_applied(tmp_path: Path) -> None:
    # Boundary corner (20, 30), CTM scales by 2 and moves by (10, 5): the glyph written
    # at X=1, Y=4 in size 3 lands at 20 + 10 + 2·1 = 32 mm, baseline 30 + 5 + 2·4 = 43 mm,
    # 6 mm tall.
    content = ('<ofd:TextObject ID="3" Boundary="20 30 60 20" Size="3" CTM="2 0 0 2 10 5">'
               '<ofd:TextCode X="1" Y="4">测</ofd:TextCode></ofd:TextObject>'
               '<ofd:TextObject ID="4" Boundary="60 30 30 20" Size="3">'
               '<ofd:TextCode X="0" Y="13">试验</ofd:TextCode></ofd:TextObject>')
    doc = extract(raw_ofd(tmp_path / "ctm.ofd", minimal_parts(content)))
    got = dict(glyph_boxes(doc))
    x0, y0, x1, y1 = got["测"]
    assert (x0, x1) == (pytest.approx(32 * K, abs=0.01), pytest.approx(38 * K, abs=0.01))
    assert y0 == pytest.approx((43 - 0.86 * 6) * K, abs=0.01)
    assert y1 == pytest.approx((43 + 0.14 * 6) * K, abs=0.01)
    assert got["试验"][0] == pytest.approx(60 * K, abs=0.01)


def test_writer_ctm_text_lands_where_plain_text_does(tmp_path: Path) -> None:
    plain = OfdText("注册资本 100", 30, 40, 5)
    scaled = OfdText("注册资本 100", 30, 80, 5, ctm_scale=0.5)
    doc = extract(write_ofd([OfdPage(texts=[plain, scaled])], tmp_path / "c.ofd"))
    a, b = doc.pages[0].blocks
    assert a.text == b.text == "注册资本 100"
    assert b.bbox[0] == pytest.approx(a.bbox[0], abs=0.01)
    assert b.bbox[2] == pytest.approx(a.bbox[2], abs=0.01)
    assert b.bbox[1] - a.bbox[1] == pytest.approx(40 * K, abs=0.01)


def test_unprefixed_namespace_and_absolute_paths(tmp_path: Path) -> None:
    ns = 'xmlns="http://www.ofdspec.org/2016"'
    parts = {
        "OFD.xml": f'<OFD {ns}><DocBody><DocRoot>/Doc_0/Document.xml</DocRoot></DocBody></OFD>',
        "Doc_0/Document.xml": (
            f'<Document {ns}><CommonData><PageArea><PhysicalBox>0 0 80 40</PhysicalBox>'
            '</PageArea></CommonData><Pages>'
            '<Page ID="1" BaseLoc="/Doc_0/Pages/Page_0/Content.xml"/></Pages></Document>'),
        "Doc_0/Pages/Page_0/Content.xml": (
            f'<Page {ns}><Content><Layer><TextObject Boundary="10 10 60 10" Size="4">'
            '<TextCode X="0" Y="4">无前缀命名空间</TextCode></TextObject></Layer></Content></Page>'),
    }
    doc = extract(raw_ofd(tmp_path / "np.ofd", parts))
    assert doc.text == "无前缀命名空间"
    assert doc.pages[0].width == pytest.approx(80 * K, abs=0.01)


# ----- templates, tables, images -------------------------------------------------------------


def test_template_text_is_part_of_the_page(tmp_path: Path) -> None:
    tpl = OfdPage(texts=[OfdText("法定代表人", 20, 40, 5), OfdText("模板页脚", 20, 280, 4)])
    page = OfdPage(texts=[OfdText("张建国", 60, 40, 5)], template=tpl)
    out = write_ofd([page, OfdPage(texts=[OfdText("第二页", 60, 40, 5)], template=tpl)],
                    tmp_path / "tpl.ofd")
    with zipfile.ZipFile(out) as zf:
        assert "Doc_0/Tpls/Tpl_0/Content.xml" in zf.namelist()
        assert "法定代表人" not in zf.read("Doc_0/Pages/Page_0/Content.xml").decode()
    doc = extract(out)
    assert [b.text for b in doc.pages[0].blocks] == ["法定代表人", "张建国", "模板页脚"]
    assert [b.text for b in doc.pages[1].blocks] == ["法定代表人", "第二页", "模板页脚"]


def test_ruled_table_from_path_objects(tmp_path: Path) -> None:
    xs, ys = [20, 70, 180], [100, 110, 120, 130]
    lines = [OfdLine(xs[0], y, xs[-1], y) for y in ys] + [OfdLine(x, ys[0], x, ys[-1]) for x in xs]
    texts = [OfdText(t, x + 2, y + 7, 4) for (t, x, y) in [
        ("项目", 20, 100), ("金额（万元）", 70, 100), ("注册资本", 20, 110), ("5000", 70, 110),
        ("实缴资本", 20, 120), ("3000", 70, 120)]]
    doc = extract(write_ofd([OfdPage(texts=texts, lines=lines)], tmp_path / "t.ofd"))
    assert len(doc.tables) == 1
    assert doc.tables[0].rows_text() == [["项目", "金额（万元）"], ["注册资本", "5000"],
                                        ["实缴资本", "3000"]]
    cell = block(doc, "5000")
    assert (cell.table_index, cell.row, cell.col) == (0, 1, 1)


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _seal_png() -> bytes:
    mask = seal_mask(240, "济南市历城区市场监督管理局", np.random.default_rng(3))
    rgba = Image.new("RGBA", mask.size, (*SEAL_RED, 0))
    rgba.putalpha(mask)
    return _png(rgba)


def _scan_png() -> bytes:
    img = Image.new("RGB", (900, 240), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 40)
    d.text((40, 40), "统一社会信用代码", font=font, fill="black")
    d.text((40, 130), "注册资本伍仟万元整", font=font, fill="black")
    return _png(img)


def test_image_only_page_is_rendered_and_ocrd(engine: RapidOcrEngine, tmp_path: Path) -> None:
    page = OfdPage(110, 30, images=[OfdImage(_scan_png(), 0, 0, 110, 29.3)])
    out = write_ofd([page], tmp_path / "scan.ofd")
    ctx = _ocr_ctx(engine, tmp_path, page_image_dir=tmp_path / "pages")
    t = time.perf_counter()
    doc = extract(out, ctx)
    elapsed = time.perf_counter() - t
    p = doc.pages[0]
    assert p.ocr and doc.metadata["ocr_pages"] == "1:no_text"
    assert "统一社会信用代码" in doc.text and "伍仟万元整" in doc.text.replace(" ", "")
    assert all(b.source == "ocr" for b in p.blocks)
    # Boxes are pixels of the render at ctx.render_dpi (110 mm at 200 dpi ≈ 866 px).
    assert p.width == pytest.approx(110 / 25.4 * 200, abs=2)
    assert p.image_path is not None and Path(p.image_path).is_file()
    assert elapsed < 30
    # Without OCR the page is listed as skipped and read as empty.
    bare = extract(out)
    assert bare.metadata["ocr_skipped_pages"] == "1" and bare.text == ""


def test_pdf_twin_gives_the_same_lines(tmp_path: Path) -> None:
    pdf = tmp_path / "附件2.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(595.28, 841.89))
    c.setFont(reportlab_font(), 12)
    c.drawString(72, 760, "企业基本情况表")
    c.drawString(72, 730, "单位名称：山东鲁原智能装备有限公司")
    c.drawString(72, 700, "联系电话：0531-88776655  邮箱 wanglei@example.com")
    for y in (600, 570, 540):
        c.line(72, y, 520, y)
    for x in (72, 250, 520):
        c.line(x, 540, x, 600)
    c.drawString(80, 580, "设备数量")
    c.drawString(260, 580, "386台")
    c.drawString(80, 550, "数据平台")
    c.drawString(260, 550, "工业互联网平台 V2.0")
    c.showPage()
    c.save()
    out = pdf_to_ofd(pdf, tmp_path / "ofd")
    assert out.name == "附件2.ofd"
    doc = extract(out)
    twin = PdfExtractor().extract(pdf, pdf.name, ExtractContext())
    assert [b.text for b in doc.pages[0].blocks] == [b.text for b in twin.pages[0].blocks]
    assert "联系电话：0531-88776655 邮箱 wanglei@example.com" in doc.text
    for ours, theirs in zip(doc.pages[0].blocks, twin.pages[0].blocks):
        # Same line boxes to within the difference of glyph-box conventions.
        assert ours.bbox[0] == pytest.approx(theirs.bbox[0], abs=1.5)
        assert (ours.bbox[1] + ours.bbox[3]) / 2 == pytest.approx(
            (theirs.bbox[1] + theirs.bbox[3]) / 2, abs=3)
    assert doc.tables and doc.tables[0].rows_text() == [["设备数量", "386台"],
                                                       ["数据平台", "工业互联网平台 V2.0"]]
    title = block(doc, "企业基本情况表")
    # Same place as in the PDF: x = 72 pt, baseline at 841.89 − 760 pt.
    assert title.bbox[0] == pytest.approx(72, abs=0.5)
    assert title.bbox[1] < 841.89 - 760 < title.bbox[3]


# ----- damaged and refused files ---------------------------------------------------------


def test_truncated_package_is_unreadable(licence: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.ofd"
    cut.write_bytes(licence.read_bytes()[: licence.stat().st_size // 2])
    with pytest.raises(UnreadableFileError) as e:
        extract(cut)
    assert "损坏" in e.value.reason


@pytest.mark.parametrize("change, reason", [
    ({"Doc_0/Document.xml": None}, "缺少文档根文件"),
    ({"Doc_0/Document.xml": "<ofd:Document><ofd:Pages>"}, "XML 结构无效"),
    ({"OFD.xml": "<html/>"}, "不是 OFD 入口文件"),
    ({"Doc_0/Pages/Page_0/Content.xml": None}, "缺少第 1 页"),
    ({"Doc_0/Pages/Page_0/Content.xml": "<ofd:Page"}, "XML 结构无效"),
    ({"Doc_0/Document.xml": f'<ofd:Document {OFD_NS}><ofd:Pages/></ofd:Document>'}, "没有页面"),
    ({"OFD.xml": f'<ofd:OFD {OFD_NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
                 "<ofd:Encryptions>Encryptions.xml</ofd:Encryptions></ofd:DocBody></ofd:OFD>"},
     "已加密"),
    ({"Doc_0/Document.xml": f'<ofd:Document {OFD_NS}><ofd:Pages>' + "".join(
        f'<ofd:Page ID="{i}" BaseLoc="Pages/Page_0/Content.xml"/>' for i in range(501))
      + "</ofd:Pages></ofd:Document>"}, "页数过多"),
    ({"Doc_0/Pages/Page_0/Content.xml": (
        f'<ofd:Page {OFD_NS}><ofd:Area><ofd:PhysicalBox>0 0 90000 10</ofd:PhysicalBox>'
        "</ofd:Area></ofd:Page>")}, "页面尺寸异常"),
])
def test_damaged_packages_are_unreadable(tmp_path: Path, change: dict[str, str | None],
                                         reason: str) -> None:
    parts = minimal_parts('<ofd:TextObject Boundary="0 0 50 10" Size="4">'
                          '<ofd:TextCode X="0" Y="4">正文</ofd:TextCode></ofd:TextObject>')
    for name, value in change.items():
        if value is None:
            parts.pop(name)
        else:
            parts[name] = value
    with pytest.raises(UnreadableFileError) as e:
        extract(raw_ofd(tmp_path / "bad.ofd", parts))
    assert reason in e.value.reason


def test_entity_expansion_is_not_performed(tmp_path: Path) -> None:
    bomb = ('<!DOCTYPE p [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    parts = minimal_parts('<ofd:TextObject Boundary="0 0 50 10" Size="4">'
                          '<ofd:TextCode X="0" Y="4">正文&c;</ofd:TextCode></ofd:TextObject>')
    parts["Doc_0/Pages/Page_0/Content.xml"] = bomb + str(parts["Doc_0/Pages/Page_0/Content.xml"])
    doc = extract(raw_ofd(tmp_path / "ent.ofd", parts))
    assert "AAAA" not in doc.text and doc.text.startswith("正文")


def test_a_broken_page_does_not_lose_the_others(tmp_path: Path) -> None:
    out = write_ofd([OfdPage(texts=[OfdText("第一页", 20, 30, 5)]),
                     OfdPage(texts=[OfdText("第二页", 20, 30, 5)])], tmp_path / "two.ofd")
    damaged = tmp_path / "damaged.ofd"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, b"<broken" if info.filename.endswith("Page_1/Content.xml") else data)
    doc = extract(damaged)
    assert doc.pages[0].text == "第一页" and doc.pages[1].blocks == []
    assert doc.metadata["broken_pages"] == "2"


def test_registry_routes_ofd_by_content(licence: Path, tmp_path: Path) -> None:
    doc = extract_file(licence, "材料/营业执照.ofd", ExtractContext())
    assert doc.error is None and doc.media_type == "application/ofd"
    assert LUYUAN.uscc in doc.text and doc.path == "材料/营业执照.ofd" and doc.sha256
    # Named as a zip, still an OFD by what is inside.
    renamed = tmp_path / "电子营业执照.zip"
    renamed.write_bytes(licence.read_bytes())
    assert LUYUAN.name in extract_file(renamed, renamed.name, ExtractContext()).text
    broken = tmp_path / "坏.ofd"
    broken.write_bytes(licence.read_bytes()[:3000])
    assert extract_file(broken, broken.name, ExtractContext()).error


def test_a_scan_in_an_undecodable_format_is_unreadable(engine: RapidOcrEngine,
                                                       tmp_path: Path) -> None:
    """JBIG2 scans (Format="GBIG2") cannot be decoded here: say so instead of reading an
    empty page."""
    out = write_ofd([OfdPage(110, 30, images=[OfdImage(_scan_png(), 0, 0, 110, 29.3)])],
                    tmp_path / "scan.ofd")
    jbig = tmp_path / "jbig.ofd"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(jbig, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "Doc_0/DocumentRes.xml":
                data = data.replace(b'Format="PNG"', b'Format="GBIG2"')
            elif info.filename.endswith(".png"):
                data = b"\x97JB2\r\n\x1a\n" + bytes(64)  # a JBIG2 file header, no image
            dst.writestr(info, data)
    with pytest.raises(UnreadableFileError) as e:
        extract(jbig, _ocr_ctx(engine, tmp_path))
    assert "GBIG2" in e.value.reason
