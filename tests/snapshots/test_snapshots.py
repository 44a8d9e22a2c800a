"""What the extractor and the field readers make of each snapshot fixture equals the
committed JSON (tests/snapshots/<fixture>/{document,readings}.json). After an intended
change: ``.venv/bin/python -m tests.snapshots.regenerate`` or
``pytest tests/snapshots --update-snapshots``, and review the diff."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.snapshots.fixtures import FIXTURES, Fixture, dumps, produce, snapshot_paths
from tests.snapshots.regenerate import write


@pytest.mark.parametrize("fx", FIXTURES, ids=[fx.name for fx in FIXTURES])
def test_snapshot(fx: Fixture, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--update-snapshots"):
        write(fx, tmp_path)
    paths = snapshot_paths(fx)
    missing = [str(p) for p in paths.values() if not p.is_file()]
    assert not missing, f"no snapshot: run python -m tests.snapshots.regenerate ({missing})"
    produced = produce(fx, tmp_path)
    for part, path in paths.items():
        committed = json.loads(path.read_text(encoding="utf-8"))
        # Compared as JSON values, then as text (key order, formatting) for a readable diff.
        assert json.loads(dumps(produced[part])) == committed, (
            f"{fx.name}/{path.name} differs; regenerate with python -m tests.snapshots.regenerate "
            "if the change is intended")


def test_fixtures_are_deterministic() -> None:
    for fx in FIXTURES:
        assert fx.make() == fx.make(), fx.name


def test_snapshots_hold_no_machine_paths() -> None:
    for fx in FIXTURES:
        for path in snapshot_paths(fx).values():
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                assert "/tmp" not in text and str(Path.home()) not in text, path
