from pathlib import Path

import pytest

from criteria.loader import CriteriaError, load_all, load_programme_file, programme_files
from criteria.schema import Programme

MINIMAL = """
id: test-prog
title: 测试项目
year: 2024
source: 单元测试
declaration: {title_keywords: [测试申报书]}
fields:
  - {key: company_name, label: 企业名称, required: true}
  - {key: size, label: 企业规模, type: options, options: [大, 小]}
attachments:
  - {id: att1, title: 营业执照, kinds: [business_license]}
rules:
  - {kind: word_range, field: company_name, max: 30}
"""


def test_every_catalogue_loads() -> None:
    progs = load_all()
    assert "sd-chenxing-2022" in progs
    assert len(progs) == len(programme_files())


def test_minimal_programme_from_yaml(tmp_path: Path) -> None:
    p = tmp_path / "test-prog.yaml"
    p.write_text(MINIMAL, encoding="utf-8")
    prog = load_programme_file(p)
    assert isinstance(prog, Programme) and prog.field("size").options == ["大", "小"]


@pytest.mark.parametrize("bad, where", [
    (MINIMAL.replace("options: [大, 小]", "options: []"), "fields.1(size)"),
    (MINIMAL.replace("required: true", "requird: true"), "fields.0(company_name).requird"),
    (MINIMAL.replace("kind: word_range", "kind: word_rnage"), "rules.0"),
    (MINIMAL.replace("field: company_name, max", "field: nope, max"), "unknown field 'nope'"),
    (MINIMAL.replace("year: 2024", "year: twenty"), "year"),
])
def test_bad_catalogue_points_at_the_key(tmp_path: Path, bad: str, where: str) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(bad, encoding="utf-8")
    with pytest.raises(CriteriaError) as e:
        load_programme_file(p)
    assert "bad.yaml" in str(e.value) and where in str(e.value)


def test_yaml_syntax_error(tmp_path: Path) -> None:
    p = tmp_path / "broken.yaml"
    p.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(CriteriaError, match="YAML"):
        load_programme_file(p)
