"""Every requirement of a programme traces to the words of a seed (the programme's source
text, copied verbatim into ``criteria/seeds/``). ``untraced`` lists what does not: a
requirement without ``source``, a quote that is not in the seed, or a requirement that no
seed states but that is still mandatory (required, or a rule of severity error)."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from criteria.schema import Catalogue, IndicatorSpec, Programme, SeedSource

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"
_SQUEEZE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """The seeds are PDF conversions: words are broken by spaces and line ends anywhere."""
    return _SQUEEZE.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=None)
def seed_text(seed: str) -> str:
    hits = sorted(SEEDS_DIR.glob(f"{seed}_*.txt"))
    if not hits:
        raise FileNotFoundError(f"no seed {seed!r} in {SEEDS_DIR}")
    return hits[0].read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _squeezed(seed: str) -> str:
    return squeeze(seed_text(seed))


def quote_in_seed(seed: str, quote: str) -> bool:
    q = squeeze(quote)
    return bool(q) and q in _squeezed(seed)


@dataclass(frozen=True)
class Requirement:
    """One traceable item of a catalogue: where it is in the YAML and what it demands."""

    where: str
    source: SeedSource | None
    mandatory: bool


def requirements(programme: Programme) -> Iterator[Requirement]:
    for f in programme.fields:
        yield Requirement(f"fields.{f.key}", f.source,
                          f.required or f.required_when is not None)
        if f.statement is not None:
            yield Requirement(f"fields.{f.key}.statement", f.statement.source, False)
    for a in programme.attachments:
        yield Requirement(f"attachments.{a.id}", a.source, a.required)
    for t in programme.tables:
        yield Requirement(f"tables.{t.id}", t.source, False)
    for s in programme.sections:
        yield Requirement(f"sections.{s.key}", s.source, s.required)
    for i, r in enumerate(programme.rules):
        yield Requirement(f"rules.{i}({r.id or r.kind})", r.source, r.severity == "error")
    for ind in programme.indicators:
        yield Requirement(f"indicators.{ind.id}", indicator_source(ind), ind.needs_narrative)
    rec_list = getattr(programme, "recommendation_list", None)
    if rec_list is not None:
        for where, src in rec_list.sources():
            yield Requirement(f"recommendation_list.{where}", src, False)


def indicator_source(ind: IndicatorSpec) -> SeedSource:
    """An indicator's title is its quote unless it gives one (catalogue items are the
    seed's own tables, so the title printed there is the trace)."""
    return ind.source or SeedSource(quote=ind.title)


def untraced(programme: Programme) -> list[str]:
    problems: list[str] = []
    own = programme.seed
    for req in requirements(programme):
        problems.extend(_problems(req, own))
    return problems


def untraced_catalogue(cat: Catalogue) -> list[str]:
    out: list[str] = []
    for item in cat.items:
        out.extend(_problems(Requirement(f"items.{item.id}", indicator_source(item), False),
                             cat.seed))
    return out


def _problems(req: Requirement, own_seed: str | None) -> list[str]:
    src = req.source
    if src is None:
        return [f"{req.where}: no source (quote the seed words that require it)"]
    if not src.stated:
        return [f"{req.where}: mandatory but no seed states it ({src.unstated})"] \
            if req.mandatory else []
    seed = src.seed or own_seed
    if seed is None:
        return [f"{req.where}: quote without a seed (set the programme's 'seed')"]
    if not quote_in_seed(seed, src.quote or ""):
        return [f"{req.where}: quote not in seed {seed}: {src.quote!r}"]
    return []
