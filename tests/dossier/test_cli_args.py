"""What every `dossier` sub-command shares about its arguments: Chinese argparse messages,
the --as-of date forms, the unknown-programme suggestion, and the one OCR cache folder."""
from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest

from api import cli_commands
from dossier.cli import build_parser, main
from dossier.cli_args import ChineseArgumentParser, parse_date

PROGRAMME = "sd-chenxing-2022"


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """stderr of a run that argparse refuses (exit status 2)."""
    with pytest.raises(SystemExit) as stopped:
        cli_commands.main(argv)
    assert stopped.value.code == 2
    return capsys.readouterr().err


# ---------------------------------------------------------------- argparse in Chinese

def test_missing_program_is_reported_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error(["check", "."], capsys)
    assert err.startswith("用法：dossier check ")
    assert "dossier check: 错误：必须给出以下参数之一：--program --criteria" in err
    assert "one of the arguments" not in err and "usage:" not in err


@pytest.mark.parametrize("argv, message", [
    (["check", ".", "--program", PROGRAMME, "--ocr-engine", "tesseract"],
     "dossier check: 错误：参数 --ocr-engine：无效的取值 'tesseract'（可选：'rapidocr', 'paddleocr'）"),
    (["batch", ".", "--program", PROGRAMME, "--progress", "loud"],
     "dossier batch: 错误：参数 --progress：无效的取值 'loud'（可选：'auto', 'bar', 'log', 'none'）"),
    (["audit-list", "list.xlsx", "."], "dossier audit-list: 错误：缺少必需的参数：--program"),
    (["serve", "--port", "eighty"], "dossier serve: 错误：参数 --port：无效的 int 值：'eighty'"),
    (["worker", "--concurrency"], "dossier worker: 错误：参数 --concurrency：需要一个值"),
    (["apikey"], "dossier apikey: 错误：缺少必需的参数：apikey_command"),
    (["check", ".", "--program", PROGRAMME, "--colour", "yes"], "dossier: 错误：无法识别的参数：--colour yes"),
    (["chek"], "dossier: 错误：参数 command：无效的取值 'chek'"),
])
def test_every_sub_command_speaks_chinese(argv: list[str], message: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error(argv, capsys)
    assert message in err and err.startswith("用法：")


def test_help_headings_are_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli_commands.main(["check", "--help"])
    assert stopped.value.code == 0
    page = capsys.readouterr().out
    assert page.startswith("用法：dossier check ")
    assert "位置参数" in page and "选项" in page and "显示本帮助并退出" in page
    assert not any(english in page for english in ("usage:", "options:", "positional arguments"))
    # Where the OCR cache is, and how to move it.
    assert "DOSSIER_CACHE_DIR" in page and "~/.cache/dossier-checker" in page


def test_other_parsers_keep_argparse_english(capsys: pytest.CaptureFixture[str]) -> None:
    """The translation is scoped to our parsers: a library's parser in the same process
    (and one built after ours) is untouched."""
    ChineseArgumentParser(prog="ours").format_help()
    theirs = argparse.ArgumentParser(prog="theirs")
    theirs.add_argument("--n", type=int, required=True)
    with pytest.raises(SystemExit):
        theirs.parse_args([])
    err = capsys.readouterr().err
    assert "usage: theirs" in err and "the following arguments are required: --n" in err


# ---------------------------------------------------------------- --as-of

@pytest.mark.parametrize("text", ["2022-12-20", "2022/12/20", "2022.12.20", "2022年12月20日",
                                  " 2022年12月20日 ", "2022年12月20"])
def test_date_forms(text: str) -> None:
    assert parse_date(text) == date(2022, 12, 20)


@pytest.mark.parametrize("text", ["2022-1-5", "2022/1/5", "2022.1.5", "2022年1月5日", "2022-01-05"])
def test_date_forms_without_leading_zeros(text: str) -> None:
    assert parse_date(text) == date(2022, 1, 5)


@pytest.mark.parametrize("text", ["2022-13-01", "2022-02-30", "2022-12/20", "20221220", "12/20/2022",
                                  "昨天", ""])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as refused:
        parse_date(text)
    assert "2022/12/20" in str(refused.value) and "2022年12月20日" in str(refused.value)


@pytest.mark.parametrize("command", [
    ["check", "."], ["batch", "."], ["audit-list", "list.xlsx", "."],
])
def test_check_batch_and_audit_list_read_the_same_dates(command: list[str]) -> None:
    parser = build_parser()
    for text in ("2022-12-20", "2022/12/20", "2022.12.20", "2022年12月20日"):
        args = parser.parse_args([*command, "--program", PROGRAMME, "--as-of", text])
        assert args.as_of == date(2022, 12, 20)


def test_a_bad_date_names_the_accepted_forms(capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error(["batch", ".", "--program", PROGRAMME, "--as-of", "2022-12-32"], capsys)
    assert ("dossier batch: 错误：参数 --as-of：无法识别的日期 '2022-12-32'；日期应为 YYYY-MM-DD，"
            "可写作 2022-12-20、2022/12/20、2022.12.20 或 2022年12月20日") in err


# ---------------------------------------------------------------- unknown programme

@pytest.mark.parametrize("command", ["check", "batch", "audit-list"])
def test_unknown_programme_suggests_the_closest(command: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    listing = tmp_path / "推荐汇总表.xlsx"
    listing.write_bytes(b"")
    paths = {"check": [str(tmp_path)], "batch": [str(tmp_path)],
             "audit-list": [str(listing), str(tmp_path)]}[command]
    assert main([command, *paths, "--program", "sd-chenxin-2022"]) == 2
    err = capsys.readouterr().err
    first, listed = err.splitlines()
    assert first == f"dossier {command}: 错误：未知的申报项目 sd-chenxin-2022。您是否要找 sd-chenxing-2022？"
    assert listed.startswith("可用的申报项目：") and PROGRAMME in listed and "sd-industry-brain" in listed
    assert "用法：" not in err


def test_no_suggestion_when_nothing_is_close(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path), "--program", "zzz"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dossier check: 错误：未知的申报项目 zzz。\n可用的申报项目：")
    assert "您是否要找" not in err


# ---------------------------------------------------------------- one OCR cache

class _Stop(Exception):
    pass


@pytest.mark.parametrize("variables, expected", [
    ({"DOSSIER_CACHE_DIR": "named"}, "named"),
    ({"XDG_CACHE_HOME": "xdg"}, "xdg/dossier-checker"),
    ({}, "home/.cache/dossier-checker"),
])
def test_check_batch_and_the_api_share_one_cache(variables: dict[str, str], expected: str,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.pipeline as pipeline
    from api.config import Settings
    from dossier.batch.cli import settings_from_args

    for name in ("DOSSIER_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name, value in variables.items():
        monkeypatch.setenv(name, str(tmp_path / value))
    folder = tmp_path / expected

    seen: list[Path | None] = []

    def capture(path: Path, program: object, options: pipeline.CheckOptions) -> None:
        seen.append(options.cache_dir)
        raise _Stop

    monkeypatch.setattr(pipeline, "check_dossier", capture)
    with pytest.raises(_Stop):
        main(["check", str(tmp_path), "--program", PROGRAMME, "--no-evidence"])
    batch = settings_from_args(build_parser().parse_args(["batch", str(tmp_path), "--program", PROGRAMME]))
    assert seen == [folder]
    assert batch.cache_dir == folder
    assert Settings.from_env().cache_dir == folder
