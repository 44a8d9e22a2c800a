"""Write the sample dossiers to disk.

    python -m samples.generate [--out DIR] [--only NAME ...]
    python -m samples.generate --list
    python -m samples.generate --write-expected   # refresh samples/expected/ from dossiers.py

Output is byte-identical from run to run: all randomness is seeded, PDFs are written with
fixed dates (reportlab ``invariant=1``), and OOXML/zip members carry fixed timestamps.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import importlib

from samples.model import Dossier
from samples.render.archive import gbk_zip
from samples.render.fonts import FontMissingError, cjk_font_path

DEFAULT_OUT = Path(__file__).resolve().parent / "out"
EXPECTED_ROOT = Path(__file__).resolve().parent / "expected"

# One module per programme; each exposes PROGRAM and DOSSIERS (tuple of samples.model.Dossier).
SAMPLE_SETS: tuple[str, ...] = (
    "samples.chenxing.dossiers",
    "samples.jiangsu.dossiers",
    "samples.industry_brain.dossiers",
    "samples.zhejiang.dossiers",
    "samples.data_product.dossiers",
)


def _load_sets() -> list[Dossier]:
    out: list[Dossier] = []
    for mod in SAMPLE_SETS:
        out.extend(importlib.import_module(mod).DOSSIERS)
    return out


DOSSIERS: tuple[Dossier, ...] = tuple(_load_sets())
# Names are unique within a programme; the key is "program/name".
BY_KEY: dict[str, Dossier] = {f"{d.program}/{d.name}": d for d in DOSSIERS}


def _select(only: list[str] | None) -> list[Dossier]:
    """``only`` holds names (all programmes) or program/name keys or programme ids."""
    if not only:
        return list(DOSSIERS)
    chosen = [d for d in DOSSIERS
              if d.name in only or f"{d.program}/{d.name}" in only or d.program in only]
    known = {d.name for d in DOSSIERS} | set(BY_KEY) | {d.program for d in DOSSIERS}
    unknown = sorted(set(only) - known)
    if unknown:
        raise ValueError(f"未知的样例名称：{', '.join(unknown)}；可用：{', '.join(BY_KEY)}")
    return chosen


def dossier_path(out_dir: Path, dossier: Dossier) -> Path:
    # One folder per programme, so each programme's samples sit side by side.
    return out_dir / dossier.program / (f"{dossier.name}.zip" if dossier.zipped else dossier.name)


def _write_dossier(out_dir: Path, dossier: Dossier) -> Path:
    target = dossier_path(out_dir, dossier)
    # Start from nothing so files left by an older run cannot leak into a dossier.
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()
    if dossier.zipped:
        members: list[tuple[str, bytes | None]] = []
        dirs_seen: set[str] = set()
        for f in dossier.files:
            rel = f"{dossier.zip_root}/{f.path}" if dossier.zip_root else f.path
            parts = rel.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                d = "/".join(parts[:i]) + "/"
                if d not in dirs_seen:
                    dirs_seen.add(d)
                    members.append((d, None))
            members.append((rel, f.make()))
        target.write_bytes(gbk_zip(members))
        return target
    for f in dossier.files:
        path = target / f.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f.make())
    return target


def generate_all(out_dir: Path, only: list[str] | None = None) -> list[Path]:
    """Write the chosen dossiers (all by default) under out_dir; returns their paths."""
    cjk_font_path()  # fail early with the install hint rather than midway
    chosen = _select(only)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [_write_dossier(out_dir, d) for d in chosen]


def expected_json_text(dossier: Dossier) -> str:
    return json.dumps(dossier.expected_json(), ensure_ascii=False, indent=2) + "\n"


def write_expected(root: Path = EXPECTED_ROOT) -> list[Path]:
    paths = []
    for d in DOSSIERS:
        directory = root / d.program
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{d.name}.json"
        path.write_text(expected_json_text(d), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.generate", description="生成各申报项目的样例申报材料")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="输出目录（默认 samples/out）")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="只生成这些样例")
    parser.add_argument("--list", action="store_true", help="列出样例名称及说明")
    parser.add_argument("--write-expected", action="store_true", help="按 dossiers.py 重写 samples/expected/")
    args = parser.parse_args(argv)

    if args.list:
        width = max(len(f"{d.program}/{d.name}") for d in DOSSIERS)
        for d in DOSSIERS:
            print(f"{d.program + '/' + d.name:<{width}}  {d.description}")
        return 0
    if args.write_expected:
        for path in write_expected():
            print(path)
        return 0
    started = time.perf_counter()
    try:
        paths = generate_all(args.out, args.only)
    except FontMissingError as exc:
        print(exc, file=sys.stderr)
        return 2
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    for p in paths:
        print(p)
    print(f"共 {len(paths)} 个样例，用时 {time.perf_counter() - started:.1f} 秒", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
