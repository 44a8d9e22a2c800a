"""Sample dossiers are generated once per test session (by the repo's own generator) and
checked once each with the session's OCR cache (tests/conftest.py), so identical scans are
OCR'd once."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dossier.pipeline import CheckOptions, DossierRun, check_dossier

EXPECTED_ROOT = Path(__file__).resolve().parents[2] / "samples" / "expected"


@pytest.fixture(scope="session")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from samples.generate import generate_all

    out = tmp_path_factory.mktemp("samples")
    generate_all(out)
    return out


def expected_for(program: str) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((EXPECTED_ROOT / program).glob("*.json"))}


def find_dossier(root: Path, program: str, name: str) -> Path:
    for cand in (root / program / name, root / program / f"{name}.zip", root / name,
                 root / f"{name}.zip"):
        if cand.exists():
            return cand
    raise FileNotFoundError(f"sample {program}/{name} not generated under {root}")


@pytest.fixture(scope="session")
def run_sample(sample_root: Path, ocr_cache: Path):
    runs: dict[tuple[str, str], DossierRun] = {}

    def run(program: str, name: str) -> DossierRun:
        key = (program, name)
        if key not in runs:
            exp = expected_for(program)[name]
            opts = CheckOptions(as_of=date.fromisoformat(exp["as_of"]), cache_dir=ocr_cache)
            runs[key] = check_dossier(find_dossier(sample_root, program, name), program, opts)
        return runs[key]

    return run
