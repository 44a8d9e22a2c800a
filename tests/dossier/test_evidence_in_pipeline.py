"""Evidence matching inside a full check: what a reviewer gets when the embedding model is
missing (one clear warning, the rest of the dossier still checked), and the indicator
entries of a normal run."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from dossier.pipeline import CheckOptions, check_dossier
from tests.dossier.conftest import EXPECTED_ROOT, find_dossier

PROGRAM = "zj-future-factory"


def _expected(name: str) -> set[tuple]:
    exp = json.loads((EXPECTED_ROOT / PROGRAM / f"{name}.json").read_text(encoding="utf-8"))
    return {(f["code"], f["field"], f["requirement"]) for f in exp["findings"]}


def test_missing_model_is_one_warning_and_the_rest_is_still_checked(sample_root: Path,
                                                                    tmp_path: Path) -> None:
    path = find_dossier(sample_root, PROGRAM, "rate_mismatch")
    opts = CheckOptions(as_of=date(2024, 6, 30), cache_dir=tmp_path / "cache", crops=False,
                        embeddings=f"st:{tmp_path / 'no-such-model'}")
    report = check_dossier(path, PROGRAM, opts).report
    codes = [(f.code.value, f.field, f.requirement) for f in report.findings]
    (warning,) = [f for f in report.findings if f.code.value == "EVIDENCE_NOT_CHECKED"]
    assert warning.severity.value == "warning" and "no-such-model" in warning.message
    assert warning.locations and warning.locations[0].path == "未来工厂申报书.docx"
    # Every planted defect is still found; document kinds fall back to the rules.
    assert _expected("rate_mismatch") <= set(codes)
    assert {d.kind for d in report.documents} >= {"declaration", "business_license", "equipment_list"}
    assert not [r for r in report.requirements if r.kind == "indicator"]


def test_every_indicator_is_reported_with_its_justifying_passage(sample_root: Path,
                                                                 tmp_path: Path) -> None:
    path = find_dossier(sample_root, PROGRAM, "clean")
    opts = CheckOptions(as_of=date(2024, 6, 30), cache_dir=tmp_path / "cache", crops=False)
    report = check_dossier(path, PROGRAM, opts).report
    indicators = [r for r in report.requirements if r.kind == "indicator"]
    assert {r.source for r in indicators} == {PROGRAM, "future-factory-guide-2023"}
    for r in indicators:
        assert r.passages, r.id
        assert r.passages[0].location.path and r.passages[0].explanation["embedding_backend"]
        if r.status.value == "met":
            assert r.evidence and r.score is not None and r.score >= r.passages[-1].probability
    narrative = {r.id: r.status.value for r in indicators if r.source == PROGRAM}
    assert narrative["3.2.1"] == "met" and narrative["3.2.5"] == "met"
