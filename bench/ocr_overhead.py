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
done before either is timed (a fresh process pays it once for either). Warm: each side
runs again with the engine of its cold run, so models are loaded and the engine has
seen these pages' input shapes; the OCR cache is still empty.

Rounds: the whole comparison runs ``rounds`` times (default 3); in each round both
dossiers are read cold and warm by both sides, which side goes first alternating by
round and dossier. On this shared 2-core machine one pass varies by ±15 % (the same
code gave 1.07 and 1.29 in consecutive runs), so each figure is the median of the
rounds' ratios, and every round's ratio is printed. ``ocr_overhead`` = cold (b) / cold
(a), the figure the issue counts; the ``warm_*`` keys give the same without model load.
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


def _raw_seconds(pages: list[np.ndarray], engine: Any | None) -> tuple[float, Any]:
    """Seconds to read ``pages`` (building the engine first when none is given), and the
    engine, for a warm run to read them again."""
    t = time.perf_counter()
    if engine is None:
        engine = _bare_engine()
    for page in pages:
        engine(np.ascontiguousarray(page[:, :, ::-1]))  # rapidocr reads BGR
    return time.perf_counter() - t, engine


def _check(dossier: Path, as_of: date, cache: Path, cold: bool) -> tuple[float, int, list[Document]]:
    from extractor.ocr import service

    if cold:
        service._ENGINES.clear()
    t = time.perf_counter()
    run = check_dossier(dossier, PROGRAM, CheckOptions(as_of=as_of, evidence=False,
                                                       cache_dir=cache))
    return time.perf_counter() - t, int(run.stats.get("ocr_pages", 0)), run.documents


def _round(dossiers: list[tuple[str, Path]], as_of: date, dpi: int, tmp: Path, r: int
           ) -> dict[str, float]:
    """One round: seconds (pipeline and raw, cold and warm) and OCR pages per dossier."""
    out: dict[str, float] = {}
    for k, (name, path) in enumerate(dossiers):
        pipeline_first = (r + k) % 2 == 0
        imgs: list[np.ndarray] | None = None
        if not pipeline_first:
            # The pages are known from a check made outside the timing (cache reused).
            _, _, docs = _check(path, as_of, tmp / f"pages-{k}", cold=False)
            imgs = pipeline_pages(path, docs, dpi)
            raw_cold, engine = _raw_seconds(imgs, None)
        # Each run gets its own empty OCR cache: nothing read before is reused.
        secs, n, docs = _check(path, as_of, tmp / f"cache-{r}-{k}-cold", cold=True)
        if pipeline_first:
            imgs = pipeline_pages(path, docs, dpi)
            raw_cold, engine = _raw_seconds(imgs, None)
        assert imgs is not None
        if len(imgs) != n:
            raise RuntimeError(f"{name}: pipeline OCR'd {n} pages, {len(imgs)} rendered for raw")
        # Warm, each side reuses the engine of its cold run, which has read these pages
        # once: ONNX Runtime's first run of each input shape is slower (~0.5 s a page
        # here), and a new engine for the raw side only made its warm figure pay that.
        if pipeline_first:
            warm, _, _ = _check(path, as_of, tmp / f"cache-{r}-{k}-warm", cold=False)
            raw_warm, _ = _raw_seconds(imgs, engine)
        else:
            raw_warm, _ = _raw_seconds(imgs, engine)
            warm, _, _ = _check(path, as_of, tmp / f"cache-{r}-{k}-warm", cold=False)
        out.update({f"{name}/pipe_cold": secs, f"{name}/raw_cold": raw_cold,
                    f"{name}/pipe_warm": warm, f"{name}/raw_warm": raw_warm,
                    f"{name}/pages": n})
    return out


def measure(samples: Path | None = None, rounds: int = 3) -> dict[str, Any]:
    """Cold and warm seconds per OCR page, raw engine and pipeline (see the module
    docstring); ``ocr_overhead`` is the median over rounds of the cold ratio."""
    # Python's import of rapidocr (~1 s) is paid once per process by the engine as much as
    # by the pipeline: done here, before either is timed, it counts against neither.
    import rapidocr.main  # noqa: F401

    import statistics

    tmp = Path(tempfile.mkdtemp(prefix="ocr-overhead-"))
    dossiers = make_dossiers(samples or tmp / "samples")
    as_of = _as_of()
    dpi = CheckOptions().render_dpi
    runs = [_round(dossiers, as_of, dpi, tmp, r) for r in range(max(1, rounds))]
    names = [name for name, _ in dossiers]

    def total(run: dict[str, float], what: str) -> float:
        return sum(run[f"{n}/{what}"] for n in names)

    def median(values: list[float]) -> float:
        return round(statistics.median(values), 3)

    pages = int(sum(runs[0][f"{n}/pages"] for n in names))
    p = max(1, pages)
    cold = [total(r, "pipe_cold") / total(r, "raw_cold") for r in runs]
    warm = [total(r, "pipe_warm") / total(r, "raw_warm") for r in runs]
    per: dict[str, Any] = {}
    for n in names:
        per[f"{n}_pages"] = int(runs[0][f"{n}/pages"])
        per[f"{n}_ocr_overhead"] = median([r[f"{n}/pipe_cold"] / r[f"{n}/raw_cold"] for r in runs])
    return {
        "ocr_overhead": median(cold),
        "raw_s_per_page": median([total(r, "raw_cold") / p for r in runs]),
        "pipeline_s_per_ocr_page": median([total(r, "pipe_cold") / p for r in runs]),
        "pages": pages,
        "warm_ocr_overhead": median(warm),
        "warm_raw_s_per_page": median([total(r, "raw_warm") / p for r in runs]),
        "warm_pipeline_s_per_ocr_page": median([total(r, "pipe_warm") / p for r in runs]),
        "rounds_ocr_overhead": " ".join(f"{v:.3f}" for v in cold),
        "rounds_warm_ocr_overhead": " ".join(f"{v:.3f}" for v in warm),
        **per,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=Path, default=None,
                    help="folder holding sd-chenxing-2022/scanned_declaration (made if absent)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    for key, value in measure(args.samples, args.rounds).items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
