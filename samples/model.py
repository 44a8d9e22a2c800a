"""What a sample dossier is: its files (made on demand, deterministically) and the exact
findings a checker must produce for it. Shared by every programme's sample set."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class ExpectedFinding:
    code: str
    field: str | None = None
    requirement: str | None = None
    severity: Literal["error", "warning"] = "error"

    def as_json(self) -> dict[str, str | None]:
        return {"code": self.code, "field": self.field, "requirement": self.requirement,
                "severity": self.severity}


@dataclass(frozen=True)
class SampleFile:
    path: str  # relative to the dossier root, '/'-separated
    kind: str  # what the generator drew (for the generator's own tests), not a hint to the checker
    make: Callable[[], bytes] = dataclasses.field(compare=False, repr=False)


@dataclass(frozen=True)
class Dossier:
    name: str
    description: str  # one line, Chinese
    files: tuple[SampleFile, ...]
    expected: tuple[ExpectedFinding, ...] = ()
    zipped: bool = False  # delivered as <name>.zip with GBK member names
    zip_root: str = ""  # folder inside the zip that holds the files
    program: str = ""
    as_of: str = ""

    def expected_json(self) -> dict:
        return {"program": self.program, "as_of": self.as_of, "dossier": self.name,
                "findings": [f.as_json() for f in self.expected]}
