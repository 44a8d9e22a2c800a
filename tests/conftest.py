import sys
from pathlib import Path

# Tests import tests.builders; the project itself is installed editable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import network_guard  # noqa: E402

# Before any test module is imported: nothing in the suite may reach beyond this machine.
network_guard.install()


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def blind_runs(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - see docstring
    """Every blind corpus generated and checked once per session: writer → [(label,
    DossierRun)]. Read by the blind-corpus test and the rule-coverage test, so the ~110
    dossiers are checked once. Evidence matching (the slow part) runs only for a corpus
    whose labels plant a MISSING_EVIDENCE: no other defect depends on it."""
    from dossier.pipeline import CheckOptions, check_dossier
    from samples.blind import scoring

    root = tmp_path_factory.mktemp("blind")
    cache: dict[str, list] = {}

    def runs(writer: str) -> list:
        if writer not in cache:
            out = root / writer
            labels = scoring.generate(writer, out)
            program = scoring.program_of(writer, labels)
            evidence = any(d["code"] == "MISSING_EVIDENCE"
                           for label in labels["dossiers"] for d in label.get("defects", []))
            cache[writer] = [(label, check_dossier(out / label["name"], program, CheckOptions(
                as_of=scoring.as_of(label), cache_dir=root / "cache", crops=False,
                evidence=evidence))) for label in labels["dossiers"]]
        return cache[writer]

    return runs


def pytest_addoption(parser: pytest.Parser) -> None:
    # tests/snapshots: rewrite the committed JSON from the current code before comparing
    # (the same as python -m tests.snapshots.regenerate).
    parser.addoption("--update-snapshots", action="store_true", default=False,
                     help="rewrite tests/snapshots/*/{document,readings}.json from the current code")
