import sys
from pathlib import Path

# Tests import tests.builders; the project itself is installed editable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import network_guard  # noqa: E402

# Before any test module is imported: nothing in the suite may reach beyond this machine.
network_guard.install()


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def ocr_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder (OCR results and passage vectors) for every test that checks a
    generated sample for its findings rather than testing the cache: the same scan is
    OCR'd once per session, whichever test reaches it first. Its entries are keyed by the
    image and the engine's settings, so sharing changes no result."""
    return tmp_path_factory.mktemp("ocr-cache")


@pytest.fixture(scope="session")
def blind_runs(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - see docstring
    """Every blind corpus generated and checked once per session: (writer, evidence=None)
    → [(label, DossierRun)]. Read by the blind-corpus tests and the rule-coverage test, so
    the ~110 dossiers are generated and checked once. Evidence matching (the slow part)
    runs by default only for a corpus whose labels plant a MISSING_EVIDENCE: no other
    defect depends on it, and on a corpus that plants none a stray MISSING_EVIDENCE would
    count against the checker. ``evidence=True`` asks for the runs with it (the narrative
    test); they are the default runs when the corpus plants one."""
    from dossier.pipeline import CheckOptions, check_dossier
    from samples.blind import scoring

    root = tmp_path_factory.mktemp("blind")
    made: dict[str, dict] = {}
    cache: dict[tuple[str, bool], list] = {}

    def runs(writer: str, evidence: bool | None = None) -> list:
        if writer not in made:
            made[writer] = scoring.generate(writer, root / writer)
        labels = made[writer]
        if evidence is None:
            evidence = any(d["code"] == "MISSING_EVIDENCE"
                           for label in labels["dossiers"] for d in label.get("defects", []))
        if (writer, evidence) not in cache:
            program = scoring.program_of(writer, labels)
            cache[writer, evidence] = [
                (label, check_dossier(root / writer / label["name"], program, CheckOptions(
                    as_of=scoring.as_of(label), cache_dir=root / "cache", crops=False,
                    evidence=evidence))) for label in labels["dossiers"]]
        return cache[writer, evidence]

    return runs


def pytest_addoption(parser: pytest.Parser) -> None:
    # tests/snapshots: rewrite the committed JSON from the current code before comparing
    # (the same as python -m tests.snapshots.regenerate).
    parser.addoption("--update-snapshots", action="store_true", default=False,
                     help="rewrite tests/snapshots/*/{document,readings}.json from the current code")
