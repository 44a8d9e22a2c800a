"""A dossier of hostile files (samples.hostile) beside a good declaration: every hostile
file gives one clear finding, the run stays bounded, and the declaration is still read
and checked. Dossier-wide time: files not reached are listed once, evidence is skipped."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

import dossier.pipeline as pipeline
from dossier.pipeline import CheckOptions, check_dossier
from models.limits import Limits
from samples.hostile import (huge_image_png, huge_page_pdf, inflated_docx, long_text_docx,
                             many_page_tiff, nested_zip_bomb)

PROGRAM = "sd-chenxing-2022"


def _declaration(path: Path) -> Path:
    from samples.chenxing.company_profile import LUYUAN
    from samples.chenxing.declaration_docx import declaration_docx
    from samples.chenxing.form import DeclarationData

    path.write_bytes(declaration_docx(DeclarationData.from_company(LUYUAN)))
    return path


@pytest.fixture(scope="module")
def hostile_dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    _declaration(root / "申报书.docx")
    inflated_docx(root / "附件1.docx", inflated_bytes=70 << 20)
    long_text_docx(root / "附件2.docx", chars=450_000)
    huge_page_pdf(root / "附件3.pdf")
    many_page_tiff(root / "附件4.tif", pages=40)
    huge_image_png(root / "附件5.png")
    nested_zip_bomb(root / "附件6.zip", fan_out=4, members=8, member_bytes=2 << 20)
    return root


def _by_code(report, code: str) -> dict[str | None, list[str]]:  # type: ignore[no-untyped-def]
    out: dict[str | None, list[str]] = {}
    for f in report.findings:
        if f.code.value == code:
            path = f.locations[0].path if f.locations else None
            out.setdefault(path, []).append(f.message)
    return out


def test_hostile_files_beside_a_good_declaration(hostile_dossier: Path) -> None:
    limits = Limits(max_pages=10, max_ocr_pages=4, max_page_pixels=2_000_000)
    t0 = time.perf_counter()
    run = check_dossier(hostile_dossier, PROGRAM,
                        CheckOptions(evidence=False, crops=False, limits=limits))
    assert time.perf_counter() - t0 < 240
    report = run.report
    unreadable = _by_code(report, "UNREADABLE_FILE")
    # The checks word the finding around the extractor's reason.
    [m] = unreadable["附件1.docx"]
    assert "文件内容解压后过大（超过 64 MB），可能是恶意构造的文件，未读取" in m
    [m] = unreadable["附件5.png"]
    assert "图片尺寸过大（30000×30000 像素），未读取" in m
    [m] = unreadable["附件6.zip"]  # one finding for the whole nested bomb
    assert "压缩比异常" in m
    assert not any(p and p.startswith("附件6.zip/") for p in unreadable)

    limited = _by_code(report, "RESOURCE_LIMIT")
    [m] = limited["附件2.docx"]
    assert m.startswith("文字内容过长（约 45") and m.endswith("字），仅核查前 400000 字")
    assert any("第 1 页页面过大" in m for m in limited["附件3.pdf"])
    assert "文件共 40 页，超过上限 10 页，仅读取前 10 页" in limited["附件4.tif"]
    [ocr_hit] = limited[None]
    assert ocr_hit.startswith("整套材料已识别（OCR）4 页，达到上限") and "附件4.tif" in ocr_hit
    assert len(report.findings) < 120

    # The good file beside them is read and checked as usual.
    docs = {d.path: d for d in run.documents}
    decl = docs["申报书.docx"]
    assert decl.error is None and decl.kind.value == "declaration" and decl.text
    assert any(o.key == "company_name" for o in run.observations)


def test_dossier_deadline_skips_files_and_evidence(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "d"
    root.mkdir()
    _declaration(root / "申报书.docx")
    for i in range(3):
        many_page_tiff(root / f"附件{i}.tif", pages=2)
    original = pipeline.extract_dossier

    def slow_extract(path, work_dir, ctx, *callbacks):  # type: ignore[no-untyped-def]
        # The dossier's time runs out right after the first file is read.
        from extractor import registry

        real = registry.extract_file

        def extract_then_expire(disk, rel, c):  # type: ignore[no-untyped-def]
            doc = real(disk, rel, c)
            ctx.deadline._end = time.monotonic() - 1
            return doc
        monkeypatch.setattr(registry, "extract_file", extract_then_expire)
        return original(path, work_dir, ctx, *callbacks)
    monkeypatch.setattr(pipeline, "extract_dossier", slow_extract)

    def no_evidence(*a, **kw):  # type: ignore[no-untyped-def]
        raise AssertionError("evidence matching ran after the deadline")
    monkeypatch.setattr(pipeline, "match_dossier_evidence", no_evidence)

    run = check_dossier(root, PROGRAM, CheckOptions(crops=False, limits=Limits(dossier_seconds=600)))
    paths = [d.path for d in run.documents]
    assert paths == ["申报书.docx"]
    hits = _by_code(run.report, "RESOURCE_LIMIT")[None]
    assert len(hits) == 2
    assert hits[0] == ("检查超时（整套材料上限 600 秒），共 4 个文件中有 3 个未读取："
                       "附件0.tif、附件1.tif、附件2.tif")
    assert "未进行指标佐证匹配" in hits[1]
