"""Electronic seals and signature pictures inside a DOCX (extractor.embedded_marks)."""
from __future__ import annotations

import io
from pathlib import Path

import docx
import numpy as np
from docx.shared import Cm
from PIL import Image, ImageDraw

from extractor.base import ExtractContext
from extractor.docx_extractor import DocxExtractor
from extractor.embedded_marks import embedded_marks, looks_like_signature
from samples.render.seal import seal_mask, stamp


def _png(im: Image.Image) -> io.BytesIO:
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    buf.seek(0)
    return buf


def _seal_picture() -> Image.Image:
    page = Image.new("RGB", (320, 320), "white")
    mask = seal_mask(300, "山东鲁源智能装备有限公司", np.random.default_rng(7))
    stamp(page, mask, (160, 160))
    return page


def _signature_picture() -> Image.Image:
    im = Image.new("RGB", (360, 120), "white")
    d = ImageDraw.Draw(im)
    xs = np.linspace(20, 340, 60)
    pts = [(float(x), 60 + 30 * np.sin(x / 18) * np.cos(x / 47)) for x in xs]
    d.line(pts, fill=(20, 20, 30), width=4)
    d.line([(60, 30), (90, 95), (120, 35)], fill=(20, 20, 30), width=4)
    d.line([(200, 40), (230, 90), (280, 45), (300, 90)], fill=(20, 20, 30), width=4)
    return im


def _photo_picture() -> Image.Image:
    rng = np.random.default_rng(3)
    coarse = rng.integers(0, 255, size=(12, 16, 3), dtype=np.uint8)
    return Image.fromarray(coarse).resize((400, 300), Image.BICUBIC)


def _docx(tmp_path: Path, picture: Image.Image, before: str = "申报单位（盖章）：") -> Path:
    d = docx.Document()
    d.add_paragraph("真实性承诺")
    d.add_paragraph(before)
    d.add_paragraph().add_run().add_picture(_png(picture), width=Cm(4))
    d.add_paragraph("2023年5月6日")
    path = tmp_path / "承诺书.docx"
    d.save(path)
    return path


def _marks(path: Path):
    return embedded_marks(docx.Document(path))


def test_a_red_seal_picture_is_an_embedded_seal(tmp_path: Path) -> None:
    [m] = _marks(_docx(tmp_path, _seal_picture()))
    assert m.kind == "seal" and m.origin == "embedded"


def test_the_extracted_page_carries_the_embedded_seal(tmp_path: Path) -> None:
    path = _docx(tmp_path, _seal_picture())
    doc = DocxExtractor().extract(path, path.name, ExtractContext())
    marks = [m for p in doc.pages for m in p.marks]
    assert [(m.kind, m.origin) for m in marks] == [("seal", "embedded")]


def test_a_signature_picture_after_the_signature_label_is_handwriting(tmp_path: Path) -> None:
    [m] = _marks(_docx(tmp_path, _signature_picture(), before="法定代表人（签字）："))
    assert m.kind == "handwriting" and m.origin == "embedded" and m.label == "法定代表人"


def test_a_signature_like_picture_without_a_signature_label_is_nothing(tmp_path: Path) -> None:
    assert _marks(_docx(tmp_path, _signature_picture(), before="产线布局示意：")) == []


def test_a_photo_or_a_blank_picture_is_no_mark(tmp_path: Path) -> None:
    assert _marks(_docx(tmp_path, _photo_picture(), before="法定代表人（签字）：")) == []
    blank = Image.new("RGB", (300, 120), "white")
    assert _marks(_docx(tmp_path, blank, before="法定代表人（签字）：")) == []


def test_looks_like_signature_wants_dark_strokes_wider_than_tall() -> None:
    assert looks_like_signature(np.asarray(_signature_picture()))
    assert not looks_like_signature(np.asarray(_signature_picture().rotate(90, expand=True)))
    assert not looks_like_signature(np.asarray(_seal_picture()))


def test_a_wide_picture_that_is_no_seal_is_counted_as_an_illustration(tmp_path: Path) -> None:
    photo = DocxExtractor().extract(p := _docx(tmp_path, _photo_picture()), p.name, ExtractContext())
    assert photo.metadata.get("pictures") == "1"
    seal = DocxExtractor().extract(q := _docx(tmp_path, _seal_picture()), q.name, ExtractContext())
    assert "pictures" not in seal.metadata


def test_screenshots_pasted_into_the_declaration_satisfy_a_promised_screenshot(tmp_path: Path) -> None:
    from checks.evidence import check_evidence_attached
    from checks.context import CheckContext
    from criteria.loader import load_programme
    from datetime import date
    from models import DocumentKind

    programme = load_programme("zj-future-factory")
    rule = next(r for r in programme.rules if r.kind == "evidence_attached")
    d = docx.Document()
    d.add_paragraph("3.2.1 计划调度：APS排产界面截图如下。")
    d.add_paragraph().add_run().add_picture(_png(_photo_picture()), width=Cm(12))
    path = tmp_path / "举证.docx"
    d.save(path)
    doc = DocxExtractor().extract(path, path.name, ExtractContext())
    doc.kind = DocumentKind.declaration
    ctx = CheckContext(programme=programme, as_of=date(2024, 5, 1), documents=[doc])
    assert check_evidence_attached(rule, ctx) == []
    doc.metadata.pop("pictures")
    [f] = check_evidence_attached(rule, ctx)
    assert f.code.value == "MISSING_EVIDENCE" and "系统截图" in f.message
