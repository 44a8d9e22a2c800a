"""The property of issue 11: adding one bad file to a dossier changes nothing about the
findings for its good files, and the bad file gets the correct outcome.

A small clean dossier (the text-only files of ``<programme>/clean``: no OCR, a check
takes well under a second) is checked alone and with each cheap hostile case of
``samples.hostile.cases``; the comparison is ``cases.rest_unchanged`` (the same rule as
bench/hostile.py, written down in that module).
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dossier.pipeline import CheckOptions, check_dossier
from samples.hostile import cases as hc

# Files a check reads without OCR; the rest of each clean sample is left out.
TEXT_KINDS = frozenset({"declaration_docx", "statement_pdf", "equity_docx", "equipment_xlsx"})

# The brief's four (corrupt PDF, zero bytes, GBK name, control-character name) and the
# other cases that need no OCR and no bomb.
REST_CASES = ("truncated_pdf", "zero_byte", "gbk_name", "newline_name", "rtl_name",
              "corrupt_png", "encrypted_zip", "huge_header_png", "impossible_date",
              "overflow_numbers", "xlsx_error_cells")


def _report(path: Path, program: str, as_of: str, cache: Path) -> dict:
    run = check_dossier(path, program, CheckOptions(
        as_of=date.fromisoformat(as_of), evidence=False, crops=False, cache_dir=cache))
    return run.report.model_dump(mode="json")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    """program → (dossier folder, as_of, baseline report); built on first use."""
    from samples.generate import BY_KEY

    root = tmp_path_factory.mktemp("small")
    cache = root / "cache"
    made: dict[str, tuple[Path, str, dict]] = {}

    def get(program: str) -> tuple[Path, str, dict]:
        if program not in made:
            sample = BY_KEY[f"{program}/clean"]
            folder = root / "clean" / program
            for f in sample.files:
                if f.kind in TEXT_KINDS:
                    path = folder / f.path
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(f.make())
            made[program] = (folder, sample.as_of, _report(folder, program, sample.as_of, cache))
        return made[program]

    get.cache = cache  # type: ignore[attr-defined]
    get.root = root  # type: ignore[attr-defined]
    return get


@pytest.fixture(scope="module")
def runs(small):
    """case → (baseline report, hostile report); each case checked once."""
    done: dict[str, tuple[dict, dict]] = {}

    def get(name: str) -> tuple[dict, dict]:
        if name not in done:
            case = hc.CASES[name]
            program = case.program_for(hc.CHENXING)
            folder, as_of, baseline = small(program)
            target = hc.copy_dossier(folder, small.root / "cases" / name)
            case.place(target)
            done[name] = (baseline, _report(target, program, as_of, small.cache))
        return done[name]

    return get


def test_small_baselines_are_clean(small) -> None:
    for program in (hc.CHENXING, hc.ZHEJIANG):
        _, _, report = small(program)
        codes = {f["code"] for f in report["findings"]}
        assert not codes & {"UNREADABLE_FILE", "CHECK_FAILED", "INVALID_VALUE", "RESOURCE_LIMIT"}, codes


@pytest.mark.parametrize("name", REST_CASES)
def test_good_files_findings_unchanged(name: str, runs) -> None:
    baseline, report = runs(name)
    diff = hc.rest_unchanged(baseline, report, hc.CASES[name].shown_rel())
    assert diff.unchanged, {"lost": diff.only_baseline, "new": diff.only_hostile}


@pytest.mark.parametrize("name", REST_CASES)
def test_hostile_file_gets_the_correct_outcome(name: str, runs) -> None:
    baseline, report = runs(name)
    verdict = hc.evaluate(hc.CASES[name], report, baseline)
    assert verdict.ok, (hc.CASES[name].expect.summary, verdict.problems, verdict.codes)


@pytest.mark.parametrize("name", ["gbk_name", "newline_name", "rtl_name"])
def test_report_with_an_odd_name_can_be_written_as_utf8(name: str, runs) -> None:
    """What the CLI does with the report: JSON, not ASCII-escaped, into a UTF-8 file."""
    _, report = runs(name)
    json.dumps(report, ensure_ascii=False).encode("utf-8")
