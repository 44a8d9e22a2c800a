"""How much the pipeline adds to OCR: seconds per OCR'd page of ``check_dossier`` against
the bare rapidocr engine on the same pages. Usage:

    .venv/bin/python bench/ocr_overhead.py [--samples DIR]

Dossiers: ``sd-chenxing-2022/scanned_declaration`` (a 3-page scanned declaration PDF,
a scanned certificate PDF, photographed certificates) and a phone-photo twin of it whose
declaration is three phone photos (:func:`samples.variants.photo.photo_twin`).

(a) raw: every page the pipeline OCR'd, rendered as the pipeline renders it (PDF pages
    by pdfium at the pipeline's dpi and pixel limit, images decoded, EXIF-turned and
    shrunk as the image extractor does), read by a bare ``rapidocr.RapidOCR`` with the
    engine settings of :mod:`extractor.ocr.rapid_engine`: one call per page, nothing
    else.
(b) pipeline: ``check_dossier`` with ``CheckOptions(evidence=False)`` and an empty OCR
    cache, wall time over the dossier divided by its OCR'd pages (so text pages, Word
    files, checks and crops count as overhead too).

Cold: model load included in both (the raw engine is built, the pipeline's process
engine cache emptied, before each dossier); Python's import of the rapidocr package is
done before either is timed (a fresh process pays it once for either). Warm: models
already loaded in both, caches still empty. ``ocr_overhead`` = cold (b) / cold (a), the figure the issue counts; the
``warm_*`` keys give the same without model load.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dossier.pipeline import CheckOptions, check_dossier  # noqa: E402
from models import Document  # noqa: E402

PROGRAM = "sd-chenxing-2022"
SAMPLE = "sd-chenxing-2022/scanned_declaration"
DECLARATION = "申报书（盖章版）.pdf"
EXPECTED = Path(__file__).resolve().parent.parent / "samples" / "expected"


def make_dossiers(root: Path) -> list[tuple[str, Path]]:
    """The scanned declaration sample and its phone-photo twin, generated under root."""
    from samples.generate import generate_all
    from samples.variants.photo import photo_twin

    scanned = root / SAMPLE
    if not scanned.exists():
        generate_all(root, only=[SAMPLE])
    photo = root / "photo_declaration"
    if not photo.exists():
        photo_twin(scanned, photo, {DECLARATION: 0}, seed=3)
    return [("scanned_declaration", scanned), ("photo_declaration", photo)]


def _as_of() -> date:
    meta = json.loads((EXPECTED / PROGRAM / "scanned_declaration.json").read_text(encoding="utf-8"))
    return date.fromisoformat(meta["as_of"])


def pipeline_pages(dossier: Path, docs: list[Document], dpi: int) -> list[np.ndarray]:
    """The OCR'd pages of ``docs`` rendered as the extractors render them."""
    import pypdfium2 as pdfium
    from PIL import Image

    from extractor.budget import fit_render
    from extractor.image_extractor import ImageExtractor
    from models.settings import settings

    limits = settings().limits
    out: list[np.ndarray] = []
    for doc in docs:
        path = dossier / doc.path
        numbers = [p.number for p in doc.pages if p.ocr]
        if not numbers or not path.is_file():
            continue
        if doc.media_type == "application/pdf":
            pdf = pdfium.PdfDocument(str(path))
            try:
                for n in numbers:
                    page = pdf[n - 1]
                    w, h = page.get_size()
                    fit = fit_render(w, h, dpi / 72.0, limits.max_page_pixels, n)
                    bitmap = page.render(scale=fit.scale, rev_byteorder=True)
                    out.append(np.asarray(bitmap.to_pil().convert("RGB")))
                    bitmap.close()
                    page.close()
            finally:
                pdf.close()
        elif doc.media_type.startswith("image/"):
            with Image.open(path) as img:
                img.load()
                frames = ImageExtractor._frames(img, [], len(numbers), limits.max_image_pixels)
                out.extend(arr for arr, _camera in frames)
    return out


def _bare_engine() -> Any:
    """A new bare RapidOCR with the pipeline engine's settings (models loaded now)."""
    from extractor.ocr.rapid_engine import RapidOcrEngine

    return RapidOcrEngine()._load()


def _raw_seconds(pages: list[np.ndarray], engine: Any | None) -> float:
    t = time.perf_counter()
    if engine is None:
        engine = _bare_engine()
    for page in pages:
        engine(np.ascontiguousarray(page[:, :, ::-1]))  # rapidocr reads BGR
    return time.perf_counter() - t


def _check(dossier: Path, as_of: date, cache: Path, cold: bool) -> tuple[float, int, list[Document]]:
    from extractor.ocr import service

    if cold:
        service._ENGINES.clear()
    t = time.perf_counter()
    run = check_dossier(dossier, PROGRAM, CheckOptions(as_of=as_of, evidence=False,
                                                       cache_dir=cache))
    return time.perf_counter() - t, int(run.stats.get("ocr_pages", 0)), run.documents


def measure(samples: Path | None = None) -> dict[str, float]:
    """Cold and warm seconds per OCR page, raw engine and pipeline (see the module
    docstring); ``ocr_overhead`` is the cold ratio."""
    # Python's import of rapidocr (~1 s) is paid once per process by the engine as much as
    # by the pipeline: done here, before either is timed, it counts against neither.
    import rapidocr.main  # noqa: F401

    tmp = Path(tempfile.mkdtemp(prefix="ocr-overhead-"))
    dossiers = make_dossiers(samples or tmp / "samples")
    as_of = _as_of()
    dpi = CheckOptions().render_dpi
    pipe = {"cold": 0.0, "warm": 0.0}
    raw = {"cold": 0.0, "warm": 0.0}
    pages = 0
    per: dict[str, float] = {}
    for k, (name, path) in enumerate(dossiers):
        # Each run gets its own empty OCR cache: nothing read before is reused.
        secs, n, docs = _check(path, as_of, tmp / f"cache-{k}-cold", cold=True)
        imgs = pipeline_pages(path, docs, dpi)
        raw_cold = _raw_seconds(imgs, None)
        engine = _bare_engine()
        raw_warm = _raw_seconds(imgs, engine)
        warm, _, _ = _check(path, as_of, tmp / f"cache-{k}-warm", cold=False)
        pipe["cold"] += secs
        pipe["warm"] += warm
        raw["cold"] += raw_cold
        raw["warm"] += raw_warm
        pages += n
        per[f"{name}_pages"] = n
        per[f"{name}_ocr_overhead"] = round((secs / max(1, n)) / (raw_cold / max(1, len(imgs))), 3)
        if len(imgs) != n:
            raise RuntimeError(f"{name}: pipeline OCR'd {n} pages, {len(imgs)} rendered for raw")
    p = max(1, pages)
    return {
        "ocr_overhead": round(pipe["cold"] / raw["cold"], 3),
        "raw_s_per_page": round(raw["cold"] / p, 3),
        "pipeline_s_per_ocr_page": round(pipe["cold"] / p, 3),
        "pages": pages,
        "warm_ocr_overhead": round(pipe["warm"] / raw["warm"], 3),
        "warm_raw_s_per_page": round(raw["warm"] / p, 3),
        "warm_pipeline_s_per_ocr_page": round(pipe["warm"] / p, 3),
        **per,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=Path, default=None,
                    help="folder holding sd-chenxing-2022/scanned_declaration (made if absent)")
    args = ap.parse_args()
    for key, value in measure(args.samples).items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
