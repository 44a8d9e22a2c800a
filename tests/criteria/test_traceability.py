"""Every requirement in criteria/ quotes the seed words that demand it (issue 9)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from criteria.loader import CRITERIA_DIR, load_programme_file
from criteria.schema import Catalogue, FieldSpec, Programme, SeedSource
from criteria.traceability import (quote_in_seed, requirements, seed_text, untraced,
                                   untraced_catalogue)

PROGRAMME_FILES = sorted(CRITERIA_DIR.glob("*.yaml"))
CATALOGUE_FILES = sorted((CRITERIA_DIR / "catalogues").glob("*.yaml"))
SHARED_SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.mark.parametrize("path", PROGRAMME_FILES, ids=lambda p: p.stem)
def test_every_requirement_quotes_its_seed(path: Path) -> None:
    programme = load_programme_file(path)
    assert programme.seed, f"{path.name}: set 'seed' (the file whose words are quoted)"
    assert untraced(programme) == []


@pytest.mark.parametrize("path", CATALOGUE_FILES, ids=lambda p: p.stem)
def test_every_catalogue_item_is_in_its_seed(path: Path) -> None:
    cat = Catalogue.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert cat.seed
    assert untraced_catalogue(cat) == []


@pytest.mark.parametrize("path", PROGRAMME_FILES, ids=lambda p: p.stem)
def test_unstated_requirements_are_never_errors(path: Path) -> None:
    """What no seed states may be shown, but never blocks an application."""
    programme = load_programme_file(path)
    for req in requirements(programme):
        if req.source is not None and not req.source.stated:
            assert not req.mandatory, req.where


def test_vendored_seeds_are_the_shared_ones() -> None:
    if not SHARED_SEEDS.is_dir():
        pytest.skip("no shared/ beside this checkout")
    for seed in SHARED_SEEDS.glob("*.txt"):
        assert seed_text(seed.name[:3]) == seed.read_text(encoding="utf-8"), seed.name


def _with(programme: Programme, **changes: object) -> Programme:
    fields = [programme.fields[0].model_copy(update=changes), *programme.fields[1:]]
    return programme.model_copy(update={"fields": fields})


def test_a_made_up_quote_a_missing_source_and_a_mandatory_unstated_field_are_reported() -> None:
    programme = load_programme_file(CRITERIA_DIR / "sd-chenxing-2022.yaml")
    key = programme.fields[0].key
    made_up = _with(programme, source=SeedSource(quote="本项目要求提供量子计算机清单"))
    assert untraced(made_up) == [f"fields.{key}: quote not in seed 000: '本项目要求提供量子计算机清单'"]
    assert untraced(_with(programme, source=None)) == [
        f"fields.{key}: no source (quote the seed words that require it)"]
    unstated = _with(programme, source=SeedSource.model_validate("none: 样例需要"), required=True)
    assert untraced(unstated) == [f"fields.{key}: mandatory but no seed states it (样例需要)"]


def test_quotes_ignore_the_seeds_broken_lines_and_spaces() -> None:
    # Seed 000 prints "“晨星 工厂”" and "近 3 个月" with stray spaces.
    assert quote_in_seed("000", "请提供近3个月的员工社保缴纳证明")
    assert not quote_in_seed("000", "请提供近6个月的员工社保缴纳证明")


def test_source_string_forms() -> None:
    assert SeedSource.model_validate("003: 产业规模") == SeedSource(seed="003", quote="产业规模")
    assert SeedSource.model_validate("企业全称").seed is None
    assert SeedSource.model_validate("none: 理由").unstated == "理由"
    with pytest.raises(ValueError):
        FieldSpec.model_validate({"key": "x", "label": "x", "source": {"seed": "000"}})
