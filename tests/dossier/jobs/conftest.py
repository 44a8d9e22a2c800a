"""A fresh SQLite job database per test, migrated to the newest schema."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.jobs.db import Database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'jobs.db'}")
    database.create_schema()
    yield database
    database.dispose()
