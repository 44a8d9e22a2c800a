from checks.option_groups import check_option_groups
from checks.required_fields import check_required_fields
from checks.word_range import check_word_range
from models import FindingCode, Severity
from tests.checks.helpers import ctx, obs, rule


def _codes(findings):
    return sorted((f.code.value, f.field) for f in findings)


def test_empty_required_box_is_missing_field_with_location() -> None:
    c = ctx([obs("company_name", "")])
    found = [f for f in check_required_fields(c) if f.field == "company_name"]
    assert len(found) == 1 and found[0].code == FindingCode.MISSING_FIELD
    assert found[0].locations[0].path == "declaration.pdf" and "企业全称" in found[0].message


def _form_with(*observations, without=()):
    """A recognised form: every required label present (filled), plus ``observations``."""
    from tests.checks.helpers import PROG

    given = {o.key for o in observations}
    filled = [obs(f.key, "已填") for f in PROG.fields
              if f.required and f.key not in given and f.key not in without]
    return ctx([*observations, *filled])


def test_filled_required_box_passes_and_absent_box_is_reported() -> None:
    c = _form_with(obs("company_name", "山东鲁源智能装备有限公司"), without=("address",))
    findings = check_required_fields(c)
    fields = {f.field for f in findings}
    assert "company_name" not in fields and "address" in fields
    [absent] = [f for f in findings if f.field == "address"]
    assert absent.actual == "未找到栏目" and absent.severity == Severity.error


def test_few_labels_found_is_one_form_not_recognised_warning() -> None:
    c = ctx([obs("company_name", "山东鲁源智能装备有限公司"), obs("address", "")])
    findings = check_required_fields(c)
    codes = [f.code for f in findings]
    assert codes.count(FindingCode.FORM_NOT_RECOGNISED) == 1
    [form] = [f for f in findings if f.code == FindingCode.FORM_NOT_RECOGNISED]
    assert form.severity == Severity.warning and "企业全称" in form.message
    # A label that is there but empty is still reported as 未填写; absent ones are not.
    assert [(f.field, f.actual) for f in findings if f.code == FindingCode.MISSING_FIELD] == \
        [("address", "未填写")]


def test_a_sentence_does_not_fill_an_empty_box() -> None:
    prose = obs("employees", "320人", normalized=320.0)
    prose.via = "prose"
    c = _form_with(obs("employees", ""), prose)
    assert "employees" in {f.field for f in check_required_fields(c)}


def test_no_declaration_means_no_field_findings() -> None:
    assert check_required_fields(ctx(docs=[])) == []


def test_conditional_field_only_when_condition_ticked() -> None:
    yes = _form_with(obs("has_resolution_node", "是", options=["是"]))
    no = _form_with(obs("has_resolution_node", "否", options=["否"]))
    assert "resolution_registrations" in {f.field for f in check_required_fields(yes)}
    assert "resolution_registrations" not in {f.field for f in check_required_fields(no)}


def test_option_not_selected_and_conflict() -> None:
    c = ctx([obs("company_size", "", options=[]), obs("company_type", "民营、合资", options=["民营", "合资"]),
             obs("protocols", "ModBus、CANBus", options=["ModBus", "CANBus"])])
    got = {(f.code.value, f.field) for f in check_option_groups(c)}
    assert ("OPTION_NOT_SELECTED", "company_size") in got
    assert ("OPTION_CONFLICT", "company_type") in got
    assert not any(f == "protocols" for _, f in got)  # multiple choice allows several


def test_conditional_option_group() -> None:
    c = ctx([obs("dcmm_certified", "是", options=["是"]), obs("dcmm_level", "", options=[])])
    assert ("OPTION_NOT_SELECTED", "dcmm_level") in {(f.code.value, f.field) for f in check_option_groups(c)}
    c = ctx([obs("dcmm_certified", "否", options=["否"]), obs("dcmm_level", "", options=[])])
    assert "dcmm_level" not in {f.field for f in check_option_groups(c)}


def test_word_limit_states_count_and_limit() -> None:
    r = rule("word_range", field="company_profile")
    text = "一" * 495 + " MES 5G 2021 DCMM2 abc def"  # 495 + 6 runs = 501
    [f] = check_word_range(r, ctx([obs("company_profile", text)]))
    assert f.code == FindingCode.WORD_LIMIT_EXCEEDED and f.severity == Severity.error
    assert "实际501字" in f.message and "上限500字" in f.message
    assert check_word_range(r, ctx([obs("company_profile", "一" * 500)])) == []


def test_word_minimum() -> None:
    from criteria.schema import WordRangeRule
    r = WordRangeRule(kind="word_range", field="company_profile", min=10)
    [f] = check_word_range(r, ctx([obs("company_profile", "太短")]))
    assert f.code == FindingCode.WORD_COUNT_BELOW_MINIMUM and "实际2字" in f.message


def test_a_rule_that_raises_is_one_check_failed_finding_and_the_rest_still_run(monkeypatch) -> None:
    import checks.registry as registry

    def boom(rule, ctx):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(registry.RULE_CHECKS, "word_range", boom)
    c = ctx([obs("company_name", "")])
    findings = registry.run_checks(c)
    failed = [f for f in findings if f.code == FindingCode.CHECK_FAILED]
    assert len(failed) == len([r for r in c.programme.rules if r.kind == "word_range"]) >= 1
    assert failed[0].severity == Severity.warning and "ZeroDivisionError" in failed[0].message
    # The other rules and the always-on checks still ran.
    assert any(f.code == FindingCode.MISSING_FIELD for f in findings)


def test_an_always_on_check_that_raises_is_named_in_chinese(monkeypatch) -> None:
    import checks.registry as registry

    def check_option_groups(ctx):  # same name as the real one, so its title is used
        raise KeyError("x")

    always = tuple(check_option_groups if c.__name__ == "check_option_groups" else c
                   for c in registry.ALWAYS)
    monkeypatch.setattr(registry, "ALWAYS", always)
    findings = registry.run_checks(ctx([obs("company_name", "")]))
    [failed] = [f for f in findings if f.code == FindingCode.CHECK_FAILED]
    assert "勾选项" in failed.message and "KeyError" in failed.message
    assert any(f.code == FindingCode.MISSING_FIELD for f in findings)
