"""criteria.yaml_text: the C loader reads every shipped YAML file as PyYAML's safe loader
does, and stays safe."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from criteria.yaml_text import load_yaml

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted([*(ROOT / "criteria").rglob("*.yaml"), *(ROOT / "matchers").rglob("*.yaml")])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_yaml_reads_as_the_safe_loader_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert load_yaml(text) == yaml.safe_load(text)


def test_shipped_yaml_exists() -> None:
    assert len(SHIPPED) >= 5


def test_python_tags_are_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['true']")


def test_a_syntax_error_says_where() -> None:
    with pytest.raises(yaml.YAMLError) as err:
        load_yaml("名称: 晨星工厂\n指标: [1, 2\n下一项: 3\n")
    assert "line" in str(err.value)
