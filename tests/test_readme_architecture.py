"""README's architecture section matches the tree: every product package is named in it,
and every folder it names exists."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("extractor", "matchers", "criteria", "checks", "models", "domain", "dossier", "api")


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Architecture\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def _packages() -> list[Path]:
    out = []
    for top in PRODUCT:
        for init in (ROOT / top).rglob("__init__.py"):
            out.append(init.parent.relative_to(ROOT))
    return sorted(out)


def test_every_package_is_in_the_architecture_section() -> None:
    section = _section()
    packages = _packages()
    assert len(packages) >= len(PRODUCT) + 5
    missing = [str(p) for p in packages if f"{p.name}/" not in section]
    assert not missing, f"README 架构一节缺少这些包：{missing}"


def test_every_folder_the_section_names_exists() -> None:
    section = _section()
    names = set(re.findall(r"`([a-z_]+(?:/[a-z_]+)*)/`", section))
    names |= set(re.findall(r"(?<![\w/`])([a-z_]+)/(?=[\s`)])", section.split("```text")[1].split("```")[0]))
    assert {"extractor", "matchers", "checks"} <= {n.split("/")[0] for n in names}
    dirs = {str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_dir() and ".venv" not in p.parts}
    leaves = {d.rsplit("/", 1)[-1] for d in dirs}
    unknown = [n for n in names if n not in dirs and n.rsplit("/", 1)[-1] not in leaves]
    assert not unknown, f"README 架构一节提到的目录不存在：{unknown}"
