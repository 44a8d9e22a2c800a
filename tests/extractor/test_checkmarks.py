"""extractor.checkmarks.parse_marks: marks in brackets and labels before glued marks."""
from extractor.checkmarks import parse_marks


def _marks(text: str) -> list[tuple[str, bool]]:
    return [(m.label, m.checked) for m in parse_marks(text)[1]]


def test_bracketed_marks_are_boxes() -> None:
    norm, marks = parse_marks("是（☑）    否（  ）")
    assert [(m.label, m.checked) for m in marks] == [("是", True), ("否", False)]
    assert "☑" in norm and "□" in norm and "（" not in norm


def test_bracketed_tick_after_an_option() -> None:
    assert _marks("大型（ ）中型（√）小型（ ）") == [("大型", False), ("中型", True), ("小型", False)]


def test_a_blank_to_fill_in_is_not_a_box() -> None:
    assert _marks("填报日期：（    ）年（  ）月") == []


def test_labels_before_glued_marks_in_a_wrapped_line() -> None:
    text = "5G√ F5G□ PON 全光网络√ 时间敏感网络(TSN)□ WiFi6□ 工业以太网"
    got = _marks(text)
    assert got[:4] == [("5G", True), ("F5G", False), ("PON 全光网络", True),
                       ("时间敏感网络(TSN)", False)]
    assert ("WiFi6", False) in got
    assert not any(label.startswith("F5G") and checked for label, checked in got)


def test_labels_after_marks_stay_after() -> None:
    assert _marks("□大型 ☑中型 □小型") == [("大型", False), ("中型", True), ("小型", False)]


def test_labels_before_marks_drop_the_question() -> None:
    assert _marks("是否部署态势感知系统：是☑ 否□") == [("是", True), ("否", False)]


def test_instructions_are_not_marks() -> None:
    assert _marks("请在□内打√") == []
