"""What every `dossier` sub-command shares about its arguments: an argparse parser that
speaks Chinese, the ``--as-of`` date forms, and the unknown-programme message with its
"did you mean" suggestion."""
from __future__ import annotations

import argparse
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, NoReturn

from extractor.filenames import escape_controls

EXIT_USAGE = 2

# argparse builds its messages from these msgids through the module's own `_`/`ngettext`
# (gettext); translating the msgids rather than the finished text keeps the values it
# interpolates (option names, choices) exactly as argparse formats them.
_MESSAGES: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多接受一个值",
    "expected at least one argument": "至少需要一个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的子命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开 %(filename)s：%(error)s",
}
_PLURALS: dict[str, str] = {"expected %s argument": "需要 %s 个值"}


def _gettext(message: str) -> str:
    return _MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _PLURALS.get(singular, singular if n == 1 else plural)


# Re-entrant: the top parser's parse_args runs the sub-parser's parse_known_args inside it.
_translating = threading.RLock()


@contextmanager
def _chinese() -> Iterator[None]:
    """argparse in Chinese while the block runs. Scoped rather than installed for good, so
    that parsers which are not ours (libraries, tests) keep argparse's own messages."""
    module = vars(argparse)
    with _translating:
        saved = module["_"], module["ngettext"]
        module["_"], module["ngettext"] = _gettext, _ngettext
        try:
            yield
        finally:
            module["_"], module["ngettext"] = saved


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with Chinese messages, headings and help; a usage error exits with
    status 2 after the command's usage line. Sub-parsers (``add_subparsers``) are of this
    class too, so every sub-command speaks Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The group headings and -h's help are translated when the parser is built.
        with _chinese():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with _chinese():
            return super().parse_known_args(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        # "unrecognized arguments" is raised here, outside parse_known_args.
        with _chinese():
            return super().parse_args(*args, **kwargs)

    def format_usage(self) -> str:
        with _chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with _chinese():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: 错误：{message}", file=sys.stderr)
        print(f"（运行 {self.prog} -h 查看帮助）", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


# ----------------------------------------------------------------- --as-of

DATE_FORMS = "2022-12-20、2022/12/20、2022.12.20 或 2022年12月20日（月、日可不补零）"
_DATE = re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})"
                   r"|(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")


def parse_date(text: str) -> date:
    """A date as people write it: 2022-12-20, 2022/12/20, 2022.12.20, 2022年12月20日, with
    or without leading zeros. The argparse ``type`` of every ``--as-of``."""
    m = _DATE.fullmatch(text.strip())
    if m is not None:
        parts = m.group(1, 3, 4) if m.group(1) is not None else m.group(5, 6, 7)
        try:
            return date(*(int(part) for part in parts))
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(
        f"无法识别的日期 {escape_controls(repr(text))}；日期应为 YYYY-MM-DD，可写作 {DATE_FORMS}")


# ----------------------------------------------------------------- programmes

def unknown_programme(program: str, known: Iterable[str]) -> str:
    """The message for a programme id that is not in the catalogue: the closest id when
    one is close enough to be a typo, then every id."""
    from rapidfuzz import fuzz, process

    ids = list(known)
    shown = escape_controls(program)
    # WRatio also scores a part of an id ("chenxing"); a tie (a bare "2022" fits every
    # year's programme) suggests nothing rather than one of them at random.
    top = process.extract(program, ids, scorer=fuzz.WRatio, score_cutoff=80, limit=2)
    unique = len(top) == 1 or (len(top) == 2 and top[0][1] > top[1][1])
    guess = f"您是否要找 {top[0][0]}？" if top and unique else ""
    return f"未知的申报项目 {shown}。{guess}\n可用的申报项目：{'、'.join(ids)}"


def usage_error(command: str, message: str) -> int:
    """Prints a usage error of ``dossier <command>`` without the usage text (the arguments
    parsed; one of their values is wrong) and returns exit status 2."""
    print(f"dossier {command}: 错误：{message}", file=sys.stderr)
    return EXIT_USAGE


def check_programme(command: str, program: str) -> int | None:
    """None when ``program`` is a catalogue id, else the usage error's exit status after
    printing the suggestion."""
    from criteria.loader import load_all

    known = load_all()
    if program in known:
        return None
    return usage_error(command, unknown_programme(program, known))
