"""A folder of many 晨星工厂 dossiers for `dossier batch` and `dossier audit-list`.

    python -m samples.batch.make_batch OUTDIR --count 100 [--program sd-chenxing-2022]
                                       [--ocr-free] [--jobs N]

Each dossier is one of the hand-made sample dossiers (samples/chenxing/dossiers.py) drawn
again for a different fictional company (samples/batch/companies.py): a new name, city,
code and revenue, so no two dossiers share a page. Most are clean; every tenth has each of
the sample defects (missing attachments, wrong years, 企业简介 too long, a scanned
declaration, fields left empty, conditional options, 注册资金 that disagrees with the
licence). Some are delivered as GBK-named zips. The last two entries are broken on
purpose: a zip cut short, and a folder whose only file is random bytes.

``--ocr-free`` leaves out every image and scan (licence photo, social-insurance scan,
certificate photo, scanned declaration): DOCX and text PDFs only, for fast tests.

OUTDIR/batch_manifest.json lists each entry with its company, industry and defect; the
recommendation-list generator (samples/audit/make_list.py) reads it.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from samples.batch.companies import MAX_VARIANTS, variant
from samples.chenxing.dossiers import AS_OF, PROGRAM, _files
from samples.chenxing.form import DeclarationData
from samples.model import SampleFile
from samples.render.archive import gbk_zip

MANIFEST = "batch_manifest.json"
# One defect per position in each run of ten dossiers; "clean" has none.
DEFECTS: tuple[str, ...] = ("clean", "missing_attachments", "clean", "wrong_years", "word_limit",
                            "clean", "scanned_declaration", "missing_fields",
                            "conditional_options", "inconsistent_capital")
SCAN_KINDS = frozenset({"licence_jpg", "insurance_pdf", "honour_jpg", "declaration_scan_pdf"})
ZIP_EVERY = 8  # every eighth dossier arrives as a zip
BROKEN = 2  # the truncated zip and the garbage folder


@dataclasses.dataclass(frozen=True)
class Entry:
    index: int
    name: str  # file or folder name in OUTDIR
    company: str | None
    industry: str | None
    city: str | None
    defect: str
    zipped: bool

    def as_json(self) -> dict:
        return dataclasses.asdict(self)


def defect_for(index: int) -> str:
    return DEFECTS[index % len(DEFECTS)]


def dossier_files(index: int, ocr_free: bool) -> tuple[list[SampleFile], str, object]:
    """The files of the index-th dossier, its defect, and its company."""
    defect = defect_for(index)
    if ocr_free and defect == "scanned_declaration":
        defect = "clean"
    company = variant(index, long_profile=defect == "word_limit")
    decl = DeclarationData.from_company(company)
    kw: dict = {}
    if defect == "missing_attachments":
        kw.update(insurance=False, equity=False)
    elif defect == "wrong_years":
        kw.update(statement_years=(2019, 2020), insurance_months=((2022, 3), (2022, 4), (2022, 5)))
    elif defect == "scanned_declaration":
        kw.update(declaration="scan")
    elif defect == "missing_fields":
        decl = dataclasses.replace(decl, company_name="", size=frozenset(),
                                   ownership=frozenset({"民营", "合资"}))
    elif defect == "conditional_options":
        decl = dataclasses.replace(decl, data=dataclasses.replace(
            decl.data, collection_types=frozenset(), collection_other="",
            dcmm_level=frozenset()))
    elif defect == "inconsistent_capital":
        decl = dataclasses.replace(decl, registered_capital=str(company.capital_wan + 1000))
    if defect == "wrong_years":
        # The template company has no 参保 figures for these months; borrow the latest.
        latest = company.insured[max(company.insured)]
        company = dataclasses.replace(company, insured={
            **company.insured, **{m: latest for m in ((2022, 3), (2022, 4), (2022, 5))}})
    files = _files(company, decl, **kw)
    if ocr_free:
        files = [f for f in files if f.kind not in SCAN_KINDS]
    return files, defect, company


def _write_entry(out_dir: Path, index: int, ocr_free: bool) -> Entry:
    files, defect, company = dossier_files(index, ocr_free)
    name = f"{index + 1:03d}_{company.name}"  # type: ignore[attr-defined]
    zipped = index % ZIP_EVERY == ZIP_EVERY - 1
    if zipped:
        root = f"{company.name}申报材料"  # type: ignore[attr-defined]
        members: list[tuple[str, bytes | None]] = [(f"{root}/", None)]
        dirs = {f"{root}/"}
        for f in files:
            parts = f"{root}/{f.path}".split("/")[:-1]
            for i in range(2, len(parts) + 1):
                d = "/".join(parts[:i]) + "/"
                if d not in dirs:
                    dirs.add(d)
                    members.append((d, None))
            members.append((f"{root}/{f.path}", f.make()))
        name += ".zip"
        (out_dir / name).write_bytes(gbk_zip(members))
    else:
        for f in files:
            p = out_dir / name / f.path
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(f.make())
    return Entry(index, name, company.name, company.industry, company.city,  # type: ignore[attr-defined]
                 defect, zipped)


def _write_broken(out_dir: Path, first_index: int, ocr_free: bool) -> list[Entry]:
    """A zip cut off mid-upload, and a folder holding only random bytes."""
    files, _, _ = dossier_files(0, ocr_free)
    members: list[tuple[str, bytes | None]] = [(f.path, f.make()) for f in files]
    data = gbk_zip(members)
    cut_name = f"{first_index + 1:03d}_损坏的压缩包.zip"
    (out_dir / cut_name).write_bytes(data[: len(data) // 3])
    junk_name = f"{first_index + 2:03d}_无法识别的材料"
    (out_dir / junk_name).mkdir()
    rng = random.Random(20221220)
    (out_dir / junk_name / "扫描件.pdf").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    return [Entry(first_index, cut_name, None, None, None, "truncated_zip", True),
            Entry(first_index + 1, junk_name, None, None, None, "garbage_file", False)]


def _chunk(args: tuple[str, list[int], bool]) -> list[Entry]:
    out_dir, indices, ocr_free = args
    return [_write_entry(Path(out_dir), i, ocr_free) for i in indices]


def make_batch(out_dir: Path, count: int, *, ocr_free: bool = False, jobs: int | None = None,
               program: str = PROGRAM) -> list[Entry]:
    """Write ``count`` entries (the last two broken) into a fresh ``out_dir``."""
    if program != PROGRAM:
        raise ValueError(f"只有 {PROGRAM} 的样例可以批量生成，收到 {program!r}")
    if not BROKEN + 1 <= count <= MAX_VARIANTS + BROKEN:
        raise ValueError(f"--count 应在 {BROKEN + 1}…{MAX_VARIANTS + BROKEN} 之间")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    good = list(range(count - BROKEN))
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(good)))
    if jobs == 1:
        entries = _chunk((str(out_dir), good, ocr_free))
    else:
        # Interleaved chunks: each process draws its own scans; the memo in
        # samples.chenxing.dossiers is per process, and no two dossiers share a page anyway.
        chunks = [(str(out_dir), good[k::jobs], ocr_free) for k in range(jobs)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            entries = [e for part in pool.map(_chunk, chunks) for e in part]
        entries.sort(key=lambda e: e.index)
    entries += _write_broken(out_dir, len(good), ocr_free)
    manifest = {"program": program, "as_of": AS_OF, "count": count, "ocr_free": ocr_free,
                "dossiers": [e.as_json() for e in entries]}
    (out_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")
    return entries


def load_manifest(batch_dir: Path) -> dict:
    return json.loads((batch_dir / MANIFEST).read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m samples.batch.make_batch",
                                 description="生成一批晨星工厂申报材料样例（供批量核查与推荐表比对使用）")
    ap.add_argument("out", type=Path, help="输出目录（会先清空）")
    ap.add_argument("--count", type=int, default=100, help="材料份数，含 2 份故意损坏的（默认 100）")
    ap.add_argument("--program", default=PROGRAM)
    ap.add_argument("--ocr-free", action="store_true", help="不含图片和扫描件（仅 DOCX 与文字版 PDF）")
    ap.add_argument("--jobs", type=int, default=None, help="并行进程数（默认 CPU 核数）")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        entries = make_batch(args.out, args.count, ocr_free=args.ocr_free, jobs=args.jobs,
                             program=args.program)
    except ValueError as e:
        print(e, file=sys.stderr)
        return 2
    by_defect: dict[str, int] = {}
    for e in entries:
        by_defect[e.defect] = by_defect.get(e.defect, 0) + 1
    print(f"{len(entries)} 份材料写入 {args.out}（{time.perf_counter() - t0:.1f} 秒）："
          + "，".join(f"{k} {v}" for k, v in sorted(by_defect.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
