"""The import contract between the stages, read from every module's syntax tree (imports
inside functions included; imports under ``if TYPE_CHECKING:`` are annotations only and
exempt).

Layers, top to bottom::

    api → dossier → checks → matchers → extractor → (criteria, domain) → models

A module imports its own layer and the layers below it, never one above. Besides:
checks never import matchers (they read what the matchers put into models), and domain
imports nothing of ours but domain. Packages outside the pipeline (tests, samples, bench,
scripts) are not part of the contract."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS: list[set[str]] = [{"api"}, {"dossier"}, {"checks"}, {"matchers"}, {"extractor"},
                          {"criteria", "domain"}, {"models"}]
RANK = {pkg: i for i, layer in enumerate(LAYERS) for pkg in layer}
# (importer package, imported package) pairs forbidden although the layers allow them.
FORBIDDEN = {("checks", "matchers")}
# Packages that may import nothing of ours but themselves.
ISOLATED = {"domain"}

# Known violations, to be fixed by their owners: (importing module, imported module).
# The test fails on any new one, and on an entry here that no longer occurs (remove it).
KNOWN: set[tuple[str, str]] = set()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or \
        (isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, module: str, is_package: bool) -> list[tuple[str, int]]:
    """(imported module, line) for every import in ``tree``, relative ones resolved."""
    out: list[tuple[str, int]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            out.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[:len(base) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.append((name, node.lineno))
            # "from pkg import submodule" imports pkg.submodule
            out.extend((f"{name}.{alias.name}", node.lineno) for alias in node.names
                       if _is_module(f"{name}.{alias.name}"))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return out


def violations() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for pkg in RANK:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            module = _module_name(path)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for name, _line in _imports(tree, module, path.name == "__init__.py"):
                target = name.split(".")[0]
                if target not in RANK or target == pkg:
                    continue
                if RANK[target] < RANK[pkg] or (pkg, target) in FORBIDDEN or pkg in ISOLATED:
                    found.add((module, name))
    return found


def _is_module(name: str) -> bool:
    rel = Path(*name.split("."))
    return (ROOT / rel.with_suffix(".py")).is_file() or (ROOT / rel / "__init__.py").is_file()


def test_no_new_layer_violations() -> None:
    new = sorted(violations() - KNOWN)
    assert not new, "imports against the layer contract (see this module's docstring):\n" + \
        "\n".join(f"  {m} imports {t}" for m, t in new)


def test_known_violations_still_exist() -> None:
    gone = sorted(KNOWN - violations())
    assert not gone, "fixed, remove from tests/test_layers.py KNOWN:\n" + \
        "\n".join(f"  {m} imports {t}" for m, t in gone)


def test_checks_read_models_not_matchers() -> None:
    """The goal of the contract: checks depend on what the matchers found, not on how."""
    offenders = {(m, t) for m, t in violations() if m.startswith("checks")
                 and t.startswith("matchers")}
    assert offenders <= KNOWN


def test_the_contract_is_checked_on_imports_inside_functions() -> None:
    tree = ast.parse("def f():\n    from matchers.fields import labels\n"
                     "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                     "    from api import app\n")
    names = [n for n, _ in _imports(tree, "checks.x", False)]
    assert "matchers.fields" in names and "matchers.fields.labels" in names
    assert not any(n.startswith("api") for n in names)
