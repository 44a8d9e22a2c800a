"""Rewrite the committed snapshots from the current code:

    .venv/bin/python -m tests.snapshots.regenerate [FIXTURE ...]

then review ``tests/snapshots/*/document.json`` and ``readings.json`` in the diff."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.snapshots.fixtures import FIXTURES, Fixture, dumps, produce, snapshot_paths


def write(fx: Fixture, work: Path) -> list[Path]:
    produced = produce(fx, work)
    written = []
    for part, path in snapshot_paths(fx).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        text = dumps(produced[part])
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    names = set(sys.argv[1:] if argv is None else argv)
    unknown = names - {fx.name for fx in FIXTURES}
    if unknown:
        print(f"unknown fixtures: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for fx in FIXTURES:
            if names and fx.name not in names:
                continue
            changed = write(fx, Path(tmp))
            print(f"{fx.name}: {'updated ' + ', '.join(p.name for p in changed) if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
