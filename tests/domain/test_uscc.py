"""统一社会信用代码 rules from /work/shared/domain-facts.md (GB 32100-2015)."""

from __future__ import annotations

import pytest

from domain.uscc import (
    ALPHABET,
    WEIGHTS,
    division_code,
    find_uscc_candidates,
    find_uscc_matches,
    normalize_uscc,
    province_code,
    uscc_check_char,
    validate_uscc,
)

KNOWN_GOOD = ["91512081MA62K0260E", "91110000600037341L", "91110108MA01EBFH9B"]
# Check characters computed once with a separate throw-away implementation and
# frozen here, so these do not merely echo the code under test.
LETTER_FIRST = ["Y1370100MA3C8X2B4B", "N2370102MA0001234B", "A1330100123456789J", "53370000MJD60001X1"]


def test_alphabet_and_weights_match_the_standard() -> None:
    assert ALPHABET == "0123456789ABCDEFGHJKLMNPQRTUWXY"
    assert len(ALPHABET) == 31
    for letter in "IOZSV":
        assert letter not in ALPHABET
    assert WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@pytest.mark.parametrize("code", KNOWN_GOOD + LETTER_FIRST)
def test_known_good_codes_validate(code: str) -> None:
    result = validate_uscc(code)
    assert result.valid, result.reason
    assert result.reason is None
    assert uscc_check_char(code[:17]) == code[17]


@pytest.mark.parametrize("code", KNOWN_GOOD)
def test_every_single_character_substitution_fails(code: str) -> None:
    for pos in range(18):
        for ch in ALPHABET:
            if ch == code[pos]:
                continue
            mutated = code[:pos] + ch + code[pos + 1 :]
            assert not validate_uscc(mutated).valid, mutated


@pytest.mark.parametrize("code", KNOWN_GOOD)
def test_adjacent_transpositions_in_body_fail(code: str) -> None:
    for pos in range(16):
        if code[pos] == code[pos + 1]:
            continue
        swapped = code[:pos] + code[pos + 1] + code[pos] + code[pos + 2 :]
        assert not validate_uscc(swapped).valid, swapped


def test_check_mismatch_reason_names_expected_and_found() -> None:
    result = validate_uscc("91110000600037341M")
    assert not result.valid
    assert result.expected_check == "L"
    assert "“L”" in result.reason and "“M”" in result.reason
    assert "校验位" in result.reason


@pytest.mark.parametrize(
    ("code", "length"),
    [("9111000060003734", 16), ("91110000600037341", 17), ("91110000600037341L1", 19)],
)
def test_wrong_length(code: str, length: int) -> None:
    result = validate_uscc(code)
    assert not result.valid
    assert "18位" in result.reason and f"{length}位" in result.reason


def test_empty_code() -> None:
    assert not validate_uscc("").valid
    assert "为空" in validate_uscc("   ").reason


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_illegal_letters_are_named_with_position(letter: str) -> None:
    code = "91110108M" + letter + "01EBFH9B"
    result = validate_uscc(code)
    assert not result.valid
    assert f"第10位字符“{letter}”" in result.reason


def test_division_must_be_digits() -> None:
    # A letter in positions 3–8 is in the alphabet but not a division code.
    result = validate_uscc("911A0000600037341L")
    assert not result.valid
    assert "行政区划码" in result.reason and "第4位" in result.reason


def test_lower_case_is_illegal_unless_normalised() -> None:
    lower = "91110108ma01ebfh9b"
    strict = validate_uscc(lower)
    assert not strict.valid
    assert "大写" in strict.reason
    assert normalize_uscc(lower) == "91110108MA01EBFH9B"
    assert validate_uscc(lower, normalize=True).valid


def test_normalise_maps_o_and_i_only() -> None:
    assert normalize_uscc("9III0000600037341L") == "91110000600037341L"
    assert normalize_uscc("91110000600O37341L") == "91110000600037341L"
    assert validate_uscc("9iii0000600037341l", normalize=True).valid
    # S, V and Z are not guessed: validation must fail visibly.
    assert normalize_uscc("9111000060003734SL") == "9111000060003734SL"
    assert normalize_uscc("Z") == "Z" and normalize_uscc("v") == "V"
    result = validate_uscc("9111000060003734SL", normalize=True)
    assert not result.valid and "“S”" in result.reason


def test_normalise_strips_blanks_hyphens_and_full_width() -> None:
    assert normalize_uscc(" 9111 0108-MA01\u3000EBFH9B ") == "91110108MA01EBFH9B"
    assert normalize_uscc("９１１１０１０８ＭＡ０１ＥＢＦＨ９Ｂ") == "91110108MA01EBFH9B"
    assert normalize_uscc("91110108－MA01—EBFH9B") == "91110108MA01EBFH9B"


def test_check_char_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        uscc_check_char("9111000060003734")
    with pytest.raises(ValueError):
        uscc_check_char("911100006000373OI")


def test_division_and_province() -> None:
    assert division_code("91370100MA3C8X2B41") == "370100"
    assert province_code("91370100MA3C8X2B41") == "37"
    assert province_code("91512081MA62K0260E") == "51"
    assert division_code("91110108ma01ebfh9b") == "110108"
    with pytest.raises(ValueError):
        province_code("9137")


def test_find_in_ocr_line() -> None:
    line = "统一社会信用代码91370100MA3C8X2B4K"
    assert find_uscc_candidates(line) == ["91370100MA3C8X2B4K"]
    # A candidate is not validated by the finder: this one fails the check.
    assert not validate_uscc("91370100MA3C8X2B4K").valid


def test_find_maps_confusions_and_reports_original_span() -> None:
    line = "代码：9111OOOO6OOO37341L 法定代表人"
    matches = find_uscc_matches(line)
    assert [m.code for m in matches] == ["91110000600037341L"]
    m = matches[0]
    assert line[m.start : m.end] == "9111OOOO6OOO37341L" == m.raw


def test_find_full_width_and_several() -> None:
    text = "甲：９１５１２０８１ＭＡ６２Ｋ０２６０Ｅ；乙：91110108MA01EBFH9B。甲：91512081MA62K0260E"
    assert find_uscc_candidates(text) == ["91512081MA62K0260E", "91110108MA01EBFH9B"]


def test_find_keeps_s_v_z_so_errors_show() -> None:
    assert find_uscc_candidates("信用代码 9111000060003734SL") == ["9111000060003734SL"]


def test_find_code_split_by_blanks_only_when_valid() -> None:
    assert find_uscc_candidates("代码 9151 2081 MA62 K026 0E 有效") == ["91512081MA62K0260E"]
    # Table numbers that happen to add up to 18 characters are not a code.
    assert find_uscc_candidates("2021 2022 2023 2024 12") == []


def test_find_code_glued_to_letters_only_when_valid() -> None:
    assert find_uscc_candidates("USCC91110000600037341Lxyz") == ["91110000600037341L"]
    assert find_uscc_candidates("USCC91110000600037341Mxyz") == []


def test_find_ignores_words_and_short_numbers() -> None:
    assert find_uscc_candidates("ABCDEFGHJKLMNPQRTU") == []  # no digits
    assert find_uscc_candidates("电话0531-88886666 邮编250000") == []
    assert find_uscc_candidates("") == []


def test_illegal_character_reasons() -> None:
    assert "全角" in validate_uscc("９1110108MA01EBFH9B").reason
    assert "不使用字母" in validate_uscc("91110108Mo01EBFH9B").reason
    assert "字符集" in validate_uscc("91110108M#01EBFH9B").reason
