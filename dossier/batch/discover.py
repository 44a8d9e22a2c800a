"""Which entries of the batch folder are dossiers, what they are called, and what their
reports depend on (the sha256 of every input file; the run key)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dossier import __version__
from extractor.filenames import escape_controls


@dataclass(frozen=True)
class BatchItem:
    name: str  # unique within the batch; names the report files
    path: Path


def discover_dossiers(root: Path, exclude: tuple[Path, ...] = ()) -> list[BatchItem]:
    """Sub-folders and .zip files of ``root``, in name order. Hidden entries, loose files
    and the batch's own output folder (when it sits inside ``root``) are not dossiers."""
    excluded = {p.resolve() for p in exclude}
    found: list[Path] = []
    for p in sorted(root.iterdir(), key=lambda q: q.name):
        if p.name.startswith((".", "~$")) or p.resolve() in excluded:
            continue
        if p.is_dir() or (p.is_file() and p.suffix.lower() == ".zip"):
            found.append(p)
    stems: dict[str, int] = {}
    for p in found:
        stem = safe_name(p.stem if p.is_file() else p.name)
        stems[stem] = stems.get(stem, 0) + 1
    items = []
    taken: set[str] = set()
    for p in found:
        stem = safe_name(p.stem if p.is_file() else p.name)
        # "x/" and "x.zip" side by side: keep the suffix so their reports do not collide.
        name = _unique(stem if stems[stem] == 1 else safe_name(p.name), taken)
        items.append(BatchItem(name=name, path=p))
    return items


# Report file names are <name>.json/.html (plus a temporary prefix and suffix while being
# written) within the usual 255-byte limit; GBK names grow by half as UTF-8.
NAME_MAX_BYTES = 180


def safe_name(name: str) -> str:
    """A name as people should see it and as a report file may be called: undecodable
    bytes read as GB18030 (else U+FFFD), control characters made visible; always valid
    UTF-8, never a path separator, at most NAME_MAX_BYTES bytes (cut with "…")."""
    text = escape_controls(name).replace("/", "／") or "_"
    raw = text.encode("utf-8")
    if len(raw) > NAME_MAX_BYTES:
        text = raw[:NAME_MAX_BYTES - 3].decode("utf-8", "ignore") + "…"
    return text


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``... when two raw names read the same."""
    out, n = name, 1
    while out in taken:
        n += 1
        out = f"{name} ({n})"
    taken.add(out)
    return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def input_manifest(path: Path) -> dict[str, str]:
    """sha256 of every file of the dossier, by path relative to it."""
    if path.is_file():
        return {safe_name(path.name): _sha256(path)}
    out: dict[str, str] = {}
    taken: set[str] = set()
    for f in sorted(path.rglob("*")):
        if f.is_file():
            # Keys are shown to people (changed files) and stored as JSON: display names.
            out[_unique(escape_controls(f.relative_to(path).as_posix()), taken)] = _sha256(f)
    return out


def run_key(manifest: dict[str, str], fingerprint: str, as_of: date, ocr_engine: str) -> str:
    """Everything a report depends on; a different key means the report is stale."""
    payload = json.dumps({"files": manifest, "programme": fingerprint,
                          "as_of": as_of.isoformat(), "tool": __version__,
                          "ocr_engine": ocr_engine}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def changed_files(old: dict[str, str], new: dict[str, str]) -> list[str]:
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
