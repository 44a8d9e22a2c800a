"""Loads and validates programme catalogues from ``criteria/*.yaml``."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from criteria.schema import Catalogue, Programme

CRITERIA_DIR = Path(__file__).resolve().parent


class CriteriaError(Exception):
    """A catalogue is malformed; the message names the file and the offending key path."""


class UnknownProgrammeError(KeyError):
    pass


def _format_validation_error(path: Path, raw: dict, err: ValidationError) -> str:
    lines = [f"{path.name}: 不符合 criteria 模式 (schema)"]
    for e in err.errors():
        # Show the path as the author wrote it, e.g. fields.3(company_size).options
        lines.append(f"  at {_describe_loc(raw, e['loc'])}: {e['msg']}")
    return "\n".join(lines)


def _describe_loc(raw: object, loc: tuple) -> str:
    parts: list[str] = []
    node = raw
    for p in loc:
        if isinstance(node, list) and isinstance(p, int) and p < len(node):
            node = node[p]
            ident = node.get("key") or node.get("id") if isinstance(node, dict) else None
            parts.append(f"{p}({ident})" if ident else str(p))
        elif isinstance(node, dict) and p in node:
            node = node[p]
            parts.append(str(p))
        else:
            # Discriminated-union tags and the like are not keys in the YAML.
            if not isinstance(p, int) and parts and p not in {"function-after"}:
                parts.append(f"[{p}]")
            node = None
    return ".".join(parts) or "(top level)"


def load_programme_file(path: Path) -> Programme:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise CriteriaError(f"{path.name}: YAML 语法错误: {e}") from e
    if not isinstance(raw, dict):
        raise CriteriaError(f"{path.name}: 顶层必须是映射 (mapping)")
    try:
        return Programme.model_validate(raw)
    except ValidationError as e:
        raise CriteriaError(_format_validation_error(path, raw, e)) from e


def programme_files(directory: Path = CRITERIA_DIR) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))


@lru_cache(maxsize=None)
def load_all(directory: Path = CRITERIA_DIR) -> dict[str, Programme]:
    out: dict[str, Programme] = {}
    for p in programme_files(directory):
        prog = load_programme_file(p)
        if prog.id in out:
            raise CriteriaError(f"{p.name}: programme id {prog.id!r} defined twice")
        missing = [c for c in prog.catalogues if c not in load_catalogues(directory / "catalogues")]
        if missing:
            raise CriteriaError(f"{p.name}: catalogues {missing} not found in criteria/catalogues/")
        out[prog.id] = prog
    return out


def load_programme(program_id: str, directory: Path = CRITERIA_DIR) -> Programme:
    progs = load_all(directory)
    if program_id not in progs:
        raise UnknownProgrammeError(program_id)
    return progs[program_id]


def programme_fingerprint(program_id: str, directory: Path = CRITERIA_DIR) -> str:
    """Hash of the catalogue's content: part of any cache of results derived from it."""
    prog = load_programme(program_id, directory)
    return hashlib.sha256(prog.model_dump_json().encode()).hexdigest()[:16]


CATALOGUE_DIR = CRITERIA_DIR / "catalogues"


@lru_cache(maxsize=None)
def load_catalogues(directory: Path = CATALOGUE_DIR) -> dict[str, Catalogue]:
    """Shared requirement lists (typical scenarios, 建设导则 scenario requirements)."""
    out: dict[str, Catalogue] = {}
    for p in sorted(directory.glob("*.yaml")):
        try:
            raw = yaml.safe_load(p.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            raise CriteriaError(f"{p.name}: YAML 语法错误: {e}") from e
        try:
            cat = Catalogue.model_validate(raw)
        except ValidationError as e:
            raise CriteriaError(_format_validation_error(p, raw, e)) from e
        out[cat.id] = cat
    return out
