"""Crops and page thumbnails for the review page, on generated dossiers: a seal finding that
points at a page gets the whole page small, the cited box gets its row's label beside it,
and `dossier batch` writes review pages with their crops."""
from __future__ import annotations

import base64
import io
import re
import shutil
from datetime import date
from pathlib import Path

from PIL import Image

from dossier.batch import BatchSettings, run_batch
from dossier.crops import CROP_WIDTH, MAX_THUMBNAILS, THUMB_WIDTH, crop_region, thumbnail_key
from dossier.render_html import render_html
from models import FindingCode
from samples.generate import BY_KEY, generate_all

SEAL_SAMPLE = "sd-data-product-2022/no_seal"
LICENCE_SAMPLE = "sd-chenxing-2022/expired_license"


def _as_of(key: str) -> date:
    return date.fromisoformat(BY_KEY[key].as_of)


def test_region_reaches_the_row_label_and_neighbouring_rows() -> None:
    # A value box in the middle of a wide page: the crop reaches left past twice its width.
    left, top, right, bottom = crop_region(2400, 3000, (1400.0, 1000.0, 1600.0, 1040.0))
    assert left <= 1400 - 2 * 200 and right >= 1600
    assert top <= 1000 - 40 and bottom >= 1040 + 40
    # On a page no wider than the reach, to the page's left edge.
    assert crop_region(900, 1200, (500.0, 100.0, 600.0, 120.0))[0] == 0
    assert crop_region(900, 1200, (500.0, 100.0, 600.0, 120.0))[2] <= 900
    assert CROP_WIDTH > THUMB_WIDTH and MAX_THUMBNAILS > 0


def test_seal_finding_without_box_gets_page_thumbnail(run_sample) -> None:  # type: ignore[no-untyped-def]
    run = run_sample(*SEAL_SAMPLE.split("/"))
    seal = next(f for f in run.report.findings if f.code == FindingCode.MISSING_SEAL)
    loc = next(loc for loc in seal.locations if loc.page is not None and loc.bbox is None)
    key = thumbnail_key(loc)
    assert key is not None and key in run.crops
    thumb = Image.open(io.BytesIO(base64.b64decode(run.crops[key])))
    assert thumb.width <= THUMB_WIDTH and thumb.height > thumb.width  # the whole portrait page
    html = render_html(run.report, run.crops)
    finding = re.search(r'<div class="finding[^"]*" data-code="MISSING_SEAL".*?\n  </div>', html, re.S)
    assert finding is not None
    assert 'class="thumb"' in finding.group() and run.crops[key] in finding.group()


def test_batch_review_pages_carry_crops(tmp_path: Path, ocr_cache: Path) -> None:
    [path] = generate_all(tmp_path / "samples", only=[LICENCE_SAMPLE])
    root = tmp_path / "dossiers"
    shutil.copytree(path, root / path.name)
    out = tmp_path / "out"
    result = run_batch(BatchSettings(root=root, out_dir=out, program=BY_KEY[LICENCE_SAMPLE].program,
                                     as_of=_as_of(LICENCE_SAMPLE), workers=1,
                                     cache_dir=ocr_cache, use_broker=False))
    assert [o.status for o in result.outcomes] == ["checked"]
    [page] = list(out.rglob("*.html"))
    html = page.read_text(encoding="utf-8")
    crops = re.findall(r'<img class="crop"[^>]*src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert crops
    assert Image.open(io.BytesIO(base64.b64decode(crops[0]))).width > 0
