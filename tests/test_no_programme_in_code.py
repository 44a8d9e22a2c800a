"""Programme knowledge lives only in criteria/ (the YAML catalogues): the product's Python
names no programme — not its id, not its title, not the distinctive words of its name. A
check that needs a programme's wording reads it from the programme's YAML."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from criteria.loader import load_all

ROOT = Path(__file__).resolve().parents[1]
PRODUCT_PACKAGES = ("extractor", "matchers", "checks", "models", "dossier", "api", "domain")
# The short forms programmes are called by (晨星 for 晨星工厂 …) and the distinctive part of a
# title without quoted words; the quoted names themselves come from the titles below.
DISTINCTIVE_TERMS = ("晨星", "未来工厂", "产业大脑", "数据赋能", "智能工厂梯度")
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]+)[”\"」』]")


def programme_terms() -> dict[str, str]:
    """term → why it is one (the programme it names)."""
    terms: dict[str, str] = {}
    for pid, prog in load_all().items():
        terms[pid] = f"id of {pid}"
        title = unicodedata.normalize("NFKC", prog.title)
        terms[title] = f"title of {pid}"
        quoted = _QUOTED.findall(title)
        for q in quoted:
            terms[q] = f"name in the title of {pid}"
        if not quoted:
            # 江苏省智能工厂梯度建设 → 智能工厂梯度建设: the title without its region.
            bare = title.removeprefix(prog.region or "")
            if bare and bare != title:
                terms[bare] = f"title of {pid} without its region"
    for t in DISTINCTIVE_TERMS:
        terms.setdefault(t, "distinctive programme term")
    return terms


def product_files() -> list[Path]:
    return sorted(p for pkg in PRODUCT_PACKAGES for p in (ROOT / pkg).rglob("*.py")
                  if "__pycache__" not in p.parts)


def programme_mentions() -> list[str]:
    terms = programme_terms()
    hits: list[str] = []
    for path in product_files():
        text = unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
        for n, line in enumerate(text.splitlines(), 1):
            found = [t for t in terms if t in line]
            if found:
                rel = path.relative_to(ROOT).as_posix()
                hits.append(f"{rel}:{n}: {', '.join(found)} ({terms[found[0]]})")
    return hits


def test_terms_cover_every_programme() -> None:
    terms = programme_terms()
    assert set(load_all()) <= set(terms)
    assert {"晨星工厂", "未来工厂", "产业大脑", "数据赋能", "智能工厂梯度建设"} <= set(terms)


def test_product_python_names_no_programme() -> None:
    hits = programme_mentions()
    assert not hits, ("programme ids or wording in the product's Python (move them to "
                      "criteria/*.yaml):\n" + "\n".join(hits))
