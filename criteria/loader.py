"""Loads and validates programme catalogues from ``criteria/*.yaml``."""
from __future__ import annotations

import hashlib
import importlib
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import yaml
from pydantic import ValidationError

from criteria.schema import Catalogue, EqualsRule, Programme
from criteria.yaml_text import load_yaml

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
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise CriteriaError(f"{path.name}: YAML 语法错误: {e}") from e
    if not isinstance(raw, dict):
        raise CriteriaError(f"{path.name}: 顶层必须是映射 (mapping)")
    try:
        prog = Programme.model_validate(raw)
    except ValidationError as e:
        raise CriteriaError(_format_validation_error(path, raw, e)) from e
    problems = reader_key_problems(prog)
    if problems:
        head = f"{path.name}: 字段与读取器不符 (fields a reader does not produce)"
        raise CriteriaError("\n".join([head, *problems]))
    return prog


# The reader of each document kind a field may be read from (matchers/fields/<module>.py);
# each module declares PRODUCES (the keys of its observations; for the financial statement
# reader, the figures it takes and STATEMENT_TYPES, the statements it tells apart).
READER_MODULES = {
    "business_license": "matchers.fields.business_license",
    "id_card": "matchers.fields.id_card",
    "financial_statement": "matchers.fields.financial_statement",
    "social_insurance": "matchers.fields.social_insurance",
}


def _reader(kind: str) -> ModuleType:
    return importlib.import_module(READER_MODULES[kind])


def fields_read_from(prog: Programme) -> dict[str, dict[str, str]]:
    """field key → {reader kind: where the programme says so} for every field a reader
    other than the declaration form is to fill: its ``read_from``, its ``statement`` and
    the sources of the ``equals`` rules that compare it."""
    out: dict[str, dict[str, str]] = {}
    for f in prog.fields:
        for kind in f.read_from:
            out.setdefault(f.key, {})[kind] = f"fields.{f.key}.read_from"
        if f.statement is not None:
            out.setdefault(f.key, {})["financial_statement"] = f"fields.{f.key}.statement"
    for i, r in enumerate(prog.rules):
        if isinstance(r, EqualsRule):
            for src in r.sources:
                if src != "declaration":
                    out.setdefault(r.field, {}).setdefault(
                        src, f"rules.{i}({r.id or r.kind}).sources")
    return out


def reader_key_problems(prog: Programme) -> list[str]:
    """Each field said to come from a reader names a key that reader declares; a field read
    from the financial statements says which figure of which statement, both declared."""
    problems: list[str] = []
    for key, kinds in fields_read_from(prog).items():
        spec = prog.field(key)
        for kind, where in kinds.items():
            reader = _reader(kind)
            produces = tuple(getattr(reader, "PRODUCES", ()))
            if kind != "financial_statement":
                if key not in produces:
                    problems.append(
                        f"  at {where}: 字段 {key!r} 声明取自 {kind} 读取器，但该读取器不产生此键；"
                        f"可用的键: {list(produces)} (field {key!r} is said to come from the "
                        f"{kind} reader, which does not produce it)")
                continue
            fig = spec.statement
            if fig is None:
                problems.append(
                    f"  at {where}: 字段 {key!r} 声明取自财务报表，但未用 statement 指明取哪张报表的"
                    f"哪个数 (field {key!r} is said to come from the financial statements but "
                    f"has no 'statement: {{figure, statement_type, label}}')")
                continue
            types = tuple(getattr(reader, "STATEMENT_TYPES", ()))
            if fig.figure not in produces:
                problems.append(
                    f"  at fields.{key}.statement.figure: 财务报表读取器不产生数值 {fig.figure!r}；"
                    f"可用: {list(produces)} (the financial statement reader produces only "
                    f"{list(produces)})")
            if fig.statement_type not in types:
                problems.append(
                    f"  at fields.{key}.statement.statement_type: 财务报表读取器不识别报表类型 "
                    f"{fig.statement_type!r}；可用: {list(types)} (statement types the reader "
                    f"tells apart: {list(types)})")
    return problems


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
    # A file named after the id is read alone: parsing every catalogue costs ~1 s of a
    # cold check (measured), and a check needs one. Its catalogues are still verified.
    own = directory / f"{program_id}.yaml"
    if own.is_file() and not load_all.cache_info().currsize:
        prog = _load_named(own, directory)
        if prog.id == program_id:
            return prog
    progs = load_all(directory)
    if program_id not in progs:
        raise UnknownProgrammeError(program_id)
    return progs[program_id]


@lru_cache(maxsize=None)
def _load_named(path: Path, directory: Path) -> Programme:
    prog = load_programme_file(path)
    missing = [c for c in prog.catalogues if c not in load_catalogues(directory / "catalogues")]
    if missing:
        raise CriteriaError(f"{path.name}: catalogues {missing} not found in criteria/catalogues/")
    return prog


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
            raw = load_yaml(p.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            raise CriteriaError(f"{p.name}: YAML 语法错误: {e}") from e
        try:
            cat = Catalogue.model_validate(raw)
        except ValidationError as e:
            raise CriteriaError(_format_validation_error(p, raw, e)) from e
        out[cat.id] = cat
    return out
