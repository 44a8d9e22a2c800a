"""A dossier and its real-world twins get the same findings: the declaration printed to
PDF with its tick marks late in the stream, and the licence as an OFD file (issue 10).
Legacy .doc/.wps twins are covered by tests/extractor/test_legacy_office.py and the blind
formats corpus. bench/variants.py runs every variant over every corpus; this keeps two
cheap ones honest in CI."""
from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from dossier.pipeline import CheckOptions, DossierRun, check_dossier
from samples.generate import generate_all
from samples.variants import VARIANTS, twin_files

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None and
                                __import__("os").environ.get("CI") is None,
                                reason="LibreOffice (soffice) is installed by scripts/install.sh")

AS_OF = date(2022, 12, 20)


def _keys(run: DossierRun) -> Counter[tuple]:
    return Counter((f.code.value, f.severity.value, f.field, f.requirement)
                   for f in run.report.findings if f.severity.value != "info")


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory, ocr_cache: Path) -> tuple[Path, DossierRun, Path]:
    out = tmp_path_factory.mktemp("variants")
    [path] = generate_all(out, only=["sd-chenxing-2022/inconsistent"])
    cache = ocr_cache
    run = check_dossier(path, "sd-chenxing-2022", CheckOptions(as_of=AS_OF, cache_dir=cache,
                                                                crops=False))
    return path, run, cache


@pytest.mark.parametrize("variant", ["printed_pdf", "ofd_licence"])
def test_twin_gets_the_same_findings(original: tuple[Path, DossierRun, Path], variant: str,
                                     tmp_path: Path) -> None:
    path, run, cache = original
    twin = tmp_path / path.name
    shutil.copytree(path, twin)
    changed = twin_files(VARIANTS[variant], twin, {d.path: d.kind for d in run.report.documents})
    assert changed, f"{variant}: no file of the dossier was turned into its twin"
    twin_run = check_dossier(twin, "sd-chenxing-2022", CheckOptions(as_of=AS_OF, cache_dir=cache,
                                                                   crops=False))
    assert _keys(twin_run) == _keys(run)
    # The planted inconsistencies are found in the twin too, not only "the same nothing".
    assert sum(1 for f in twin_run.report.findings if f.code.value == "INCONSISTENT_VALUE") == 3
    formats = {d.path: d for d in twin_run.documents}
    summaries = {d.path: d for d in twin_run.report.documents}
    for made in changed:
        rel = made.relative_to(twin).as_posix()
        assert formats[rel].error is None and formats[rel].pages
        # The report says how the twin was read (converted, OFD, text layer per page).
        assert summaries[rel].reading, rel
