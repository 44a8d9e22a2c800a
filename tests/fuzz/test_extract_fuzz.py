"""Hostile files through the extractors: byte-level mutations of small real files never
raise out of ``extract_file``, finish in bounded time, and the files that cannot be read
(or hit a resource limit) say so with ``doc.error`` / ``doc.limit_hits``.

Mutations are seeded (random.Random(SEED)), so every run reads the same bytes. Resource
limits are lowered through ``ExtractContext(limits=...)`` where the point is the
mechanism, not the default size, to keep the files small and the tests fast; the bench
(bench/hostile.py) runs the full-size bombs through the command line.
"""
from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from extractor.archive import collect_files
from extractor.base import ExtractContext
from extractor.ocr.base import OcrLine
from extractor.registry import extract_file
from models import Document
from models.limits import Limits
from samples.hostile import extra

SEED = 20250611
SECONDS_PER_FILE = 20.0  # generous: two shared cores


# ---- small real files -------------------------------------------------------------------

def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("山东省数字经济“晨星工厂”申报书")
    t = d.add_table(rows=3, cols=2)
    for i, (k, v) in enumerate([("企业全称", "山东测试机械有限公司"), ("注册资金(万元)", "5000"),
                                ("注册日期", "2015年06月01日")]):
        t.cell(i, 0).text, t.cell(i, 1).text = k, v
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "设备系统名称", "设备系统单价（万元）", "设备系统台套数"])
    ws.append([1, "数控机床", 12.5, 3])
    ws.append([2, "工业机器人", 30.0, 2])
    ws.append(["合计", None, None, "=SUM(D2:D3)"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _jpeg_bytes() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.open(io.BytesIO(extra.small_text_png())).convert("RGB").save(buf, "JPEG", quality=80)
    return buf.getvalue()


def _ofd_bytes(tmp: Path) -> bytes:
    from samples.render.ofd import OfdPage, OfdText, write_ofd

    page = OfdPage(texts=[OfdText("营业执照", 20, 30, size=6), OfdText("统一社会信用代码 91370112267184590P", 20, 50)])
    return write_ofd([page], tmp / "base.ofd").read_bytes()


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    tmp = tmp_path_factory.mktemp("originals")
    return {"docx": _docx_bytes(), "pdf": extra.note_pdf_bytes(), "png": extra.small_text_png(),
            "jpg": _jpeg_bytes(), "xlsx": _xlsx_bytes(), "ofd": _ofd_bytes(tmp)}


# ---- mutations --------------------------------------------------------------------------

def _truncations(data: bytes) -> list[tuple[str, bytes]]:
    return [(f"cut{n}", data[:n]) for n in sorted({1, 8, len(data) // 10, len(data) // 2, len(data) - 1})]


def _flips(data: bytes, rng: random.Random, rounds: int = 6) -> list[tuple[str, bytes]]:
    out = []
    for r in range(rounds):
        buf = bytearray(data)
        # Keep the first 8 bytes in half the rounds, so the format is still detected
        # and the damage reaches the format's own parser.
        lo = 8 if r % 2 == 0 else 0
        for _ in range(max(1, len(data) // 400)):
            i = rng.randrange(lo, len(buf))
            buf[i] = rng.randrange(256)
        out.append((f"flip{r}", bytes(buf)))
    return out


def _member_damage(data: bytes, rng: random.Random, limit: int = 8) -> list[tuple[str, bytes]]:
    """For a ZIP-based file: the package stays a valid ZIP, one part is cut in half or
    replaced by noise."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        infos = [i for i in src.infolist() if not i.is_dir()][:limit]
        for k, target in enumerate(infos):
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in src.infolist():
                    body = src.read(info)
                    if info.filename == target.filename:
                        body = (body[: len(body) // 2] if k % 2 == 0
                                else bytes(rng.randrange(256) for _ in range(min(len(body), 512))))
                    # A fresh ZipInfo: writestr updates the one it is given, and src
                    # checks later reads against it.
                    member = zipfile.ZipInfo(info.filename, info.date_time)
                    member.compress_type = zipfile.ZIP_DEFLATED
                    dst.writestr(member, body)
            out.append((f"part{k}", buf.getvalue()))
    return out


def _mutants(kind: str, data: bytes) -> list[tuple[str, bytes]]:
    rng = random.Random(f"{SEED}-{kind}")
    out = _truncations(data) + _flips(data, rng)
    if kind in ("docx", "xlsx", "ofd"):
        out += _member_damage(data, rng)
    return out


def _extract(path: Path, rel: str, ctx: ExtractContext | None = None) -> tuple[Document, float]:
    t0 = time.perf_counter()
    doc = extract_file(path, rel, ctx or ExtractContext())
    return doc, time.perf_counter() - t0


def _well_formed(doc: Document, rel: str) -> None:
    assert isinstance(doc, Document) and doc.path == rel
    assert doc.error is None or (isinstance(doc.error, str) and doc.error.strip())
    for hit in doc.limit_hits:
        assert hit.message.strip()


@pytest.mark.parametrize("kind", ["docx", "pdf", "png", "jpg", "xlsx", "ofd"])
def test_mutated_files_never_raise(kind: str, originals: dict[str, bytes], tmp_path: Path) -> None:
    original = tmp_path / f"original.{kind}"
    original.write_bytes(originals[kind])
    doc, _ = _extract(original, original.name)
    assert doc.error is None, f"the unmutated {kind} must be readable: {doc.error}"
    slow, raised = {}, {}
    for label, data in _mutants(kind, originals[kind]):
        path = tmp_path / f"{label}.{kind}"
        path.write_bytes(data)
        try:
            doc, spent = _extract(path, path.name)
        except Exception as e:  # noqa: BLE001 - collected, so one run lists them all
            raised[label] = f"{type(e).__name__}: {e}"
            continue
        _well_formed(doc, path.name)
        if len(data) <= 8:
            assert doc.error, f"{label}: {len(data)} bytes of a {kind} cannot be read"
        if spent > SECONDS_PER_FILE:
            slow[label] = round(spent, 1)
    assert not raised, raised
    assert not slow, slow


# ---- files that must be reported as unreadable -------------------------------------------

@pytest.mark.parametrize("make, rel", [
    (extra.zero_byte_file, "empty.docx"),
    (extra.zero_byte_file, "empty.pdf"),
    (extra.truncated_pdf, "scan002.pdf"),
    (extra.corrupt_idat_png, "broken.png"),
])
def test_broken_files_are_unreadable(make, rel: str, tmp_path: Path) -> None:
    path = make(tmp_path / rel)
    doc, spent = _extract(path, rel)
    _well_formed(doc, rel)
    assert doc.error, f"{rel} read without an error"
    assert spent < SECONDS_PER_FILE


def test_huge_header_png_is_refused_before_decoding(tmp_path: Path) -> None:
    path = extra.huge_header_png(tmp_path / "huge_header.png")
    doc, spent = _extract(path, path.name)
    _well_formed(doc, path.name)
    assert doc.error or any(h.kind == "image_pixels" for h in doc.limit_hits)
    assert spent < 10


# ---- resource limits (lowered, so the files stay small) --------------------------------

def test_inflated_docx_stops_at_the_xml_limit(tmp_path: Path) -> None:
    """Refused (doc.error) or read up to the limit (a LimitHit): either way said, and
    quickly, without inflating the part."""
    import samples.hostile as hostile

    path = hostile.inflated_docx(tmp_path / "inflated.docx", inflated_bytes=24 << 20)
    ctx = ExtractContext(limits=Limits(max_xml_bytes=4 << 20, max_package_bytes=16 << 20))
    doc, spent = _extract(path, path.name, ctx)
    _well_formed(doc, path.name)
    assert doc.error or any(h.kind in ("xml_bytes", "package_bytes") for h in doc.limit_hits), \
        doc.limit_hits
    assert spent < SECONDS_PER_FILE


def test_long_text_docx_keeps_at_most_the_text_limit(tmp_path: Path) -> None:
    import samples.hostile as hostile

    path = hostile.long_text_docx(tmp_path / "long.docx", chars=120_000)
    ctx = ExtractContext(limits=Limits(max_text_chars=20_000))
    doc, spent = _extract(path, path.name, ctx)
    _well_formed(doc, path.name)
    assert doc.error is None
    assert any(h.kind == "text_chars" for h in doc.limit_hits), doc.limit_hits
    assert len(doc.text) <= 20_000 * 1.1
    assert spent < SECONDS_PER_FILE


def test_many_page_tiff_reads_at_most_the_page_limit(tmp_path: Path) -> None:
    import samples.hostile as hostile

    path = hostile.many_page_tiff(tmp_path / "many.tif", pages=40)
    doc, spent = _extract(path, path.name, ExtractContext(limits=Limits(max_pages=25)))
    _well_formed(doc, path.name)
    assert any(h.kind == "pages" for h in doc.limit_hits), (doc.error, doc.limit_hits)
    assert len(doc.pages) <= 25
    assert spent < SECONDS_PER_FILE


def test_huge_image_is_refused_from_its_size(tmp_path: Path) -> None:
    import samples.hostile as hostile

    path = hostile.huge_image_png(tmp_path / "huge.png", width=8000, height=8000)
    ctx = ExtractContext(limits=Limits(max_image_pixels=20_000_000))
    doc, spent = _extract(path, path.name, ctx)
    _well_formed(doc, path.name)
    assert doc.error or any(h.kind == "image_pixels" for h in doc.limit_hits), doc.limit_hits
    assert "8000" in (doc.error or "") + "".join(h.message for h in doc.limit_hits)
    assert spent < SECONDS_PER_FILE


class _RecordingOcr:
    """Stands in for the OCR service: records the size of every image it is given."""

    def __init__(self) -> None:
        self.shapes: list[tuple[int, ...]] = []

    def read(self, image: np.ndarray) -> list[OcrLine]:
        self.shapes.append(tuple(np.asarray(image).shape))
        return []


def test_huge_page_is_rendered_within_the_pixel_limit(tmp_path: Path) -> None:
    import samples.hostile as hostile

    path = hostile.huge_page_pdf(tmp_path / "huge_page.pdf", inches=30.0)  # 6000×6000 at 200 dpi
    ocr = _RecordingOcr()
    ctx = ExtractContext(ocr=ocr, limits=Limits(max_page_pixels=4_000_000))
    doc, spent = _extract(path, path.name, ctx)
    _well_formed(doc, path.name)
    assert any(h.kind == "page_pixels" for h in doc.limit_hits), (doc.error, doc.limit_hits)
    assert all(s[0] * s[1] <= 4_000_000 for s in ocr.shapes), ocr.shapes
    assert spent < SECONDS_PER_FILE


def test_many_paragraphs_docx_is_read(tmp_path: Path) -> None:
    path = extra.many_paragraphs_docx(tmp_path / "many.docx")
    doc, spent = _extract(path, path.name)
    _well_formed(doc, path.name)
    assert doc.error is None
    assert spent < 30, f"200,000 paragraphs took {spent:.1f} s"


# ---- odd names ----------------------------------------------------------------------------

@pytest.mark.parametrize("make, rel", [
    (extra.gbk_named_pdf, extra.GBK_NAME_TEXT),
    (extra.newline_named_pdf, extra.NEWLINE_NAME),
    (extra.rtl_named_pdf, extra.RTL_NAME),
])
def test_odd_names_are_read(make, rel: str, tmp_path: Path) -> None:
    path = make(tmp_path)
    doc, _ = _extract(path, rel)
    _well_formed(doc, rel)
    assert doc.error is None and "补充说明" in doc.text


def test_folder_intake_decodes_a_gbk_name(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    extra.gbk_named_pdf(folder)
    result = collect_files(folder, tmp_path / "work")
    assert [rel for rel, _ in result.files] == [extra.GBK_NAME_TEXT], result
    assert not result.problems


# ---- archives -------------------------------------------------------------------------------

def test_encrypted_zip_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    extra.encrypted_zip(folder / "附件6.zip")
    result = collect_files(folder, tmp_path / "work")
    assert result.problems, result
    assert all(p.startswith("附件6.zip") for p, _ in result.problems)
    # Nothing that cannot be decrypted is handed on as a readable file.
    for rel, disk in result.files:
        doc = extract_file(disk, rel, ExtractContext())
        assert doc.error, rel


def test_nested_zip_bomb_is_stopped_quickly(tmp_path: Path) -> None:
    import samples.hostile as hostile

    folder = tmp_path / "dossier"
    # 3 × 3 × 4 members of 4 MB of zeros: 144 MB inflated, ~200 KB on disk.
    hostile.nested_zip_bomb(folder / "材料.zip", fan_out=3, members=4, member_bytes=4 << 20)
    t0 = time.perf_counter()
    result = collect_files(folder, tmp_path / "work")
    spent = time.perf_counter() - t0
    assert result.problems, "a 144 MB zip-in-zip-in-zip went through intake unremarked"
    assert all(p.startswith("材料.zip") for p, _ in result.problems)
    written = sum(p.stat().st_size for p in (tmp_path / "work").rglob("*") if p.is_file())
    assert written <= 72 << 20, f"{written >> 20} MB unpacked: the bomb was not stopped early"
    assert spent < 30
