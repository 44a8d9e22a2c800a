"""OUTDIR/.batch-state.json: what each dossier's last report was made from, written
atomically after each dossier so that an interrupt loses only the dossiers in flight."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from dossier import __version__
from dossier.triage_workbook import FILE_MODE

STATE_FILE = ".batch-state.json"
STATE_VERSION = 1


def write_json_atomic(path: Path, payload: Any) -> None:
    """Write-then-rename, fsync'd: a kill at any moment leaves the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(payload, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class BatchState:
    """The per-dossier records of OUTDIR/.batch-state.json."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.dossiers: dict[str, dict[str, Any]] = {}
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(raw, dict) and raw.get("version") == STATE_VERSION:
                self.dossiers = dict(raw.get("dossiers") or {})
        except FileNotFoundError:
            pass
        except (OSError, ValueError):
            # A damaged state file only costs a full re-check, never a wrong skip.
            self.dossiers = {}

    def retain(self, names: set[str]) -> None:
        self.dossiers = {k: v for k, v in self.dossiers.items() if k in names}

    def put(self, name: str, record: dict[str, Any]) -> None:
        self.dossiers[name] = record
        self.save()

    def save(self) -> None:
        write_json_atomic(self.path, {"version": STATE_VERSION, "tool_version": __version__,
                                      "dossiers": self.dossiers})
