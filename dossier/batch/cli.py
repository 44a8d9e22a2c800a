"""`dossier batch DIR …` (and `python -m dossier.batch …`): arguments, checks on them, the
run and its summary."""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from dossier.batch.discover import discover_dossiers
from dossier.batch.progress import make_progress
from dossier.batch.run import DEFAULT_TIMEOUT_S, BatchSettings, run_batch
from dossier.batch.summary import format_summary
from dossier.cli_args import ChineseArgumentParser, parse_date, unknown_programme
from extractor.filenames import display_name
from models.settings import settings as env_settings

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


# The one --as-of parser of check, batch and audit-list (which imports it from here).
parse_as_of = parse_date


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，收到 {text!r}")
    return value


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"应为正数（秒），收到 {text!r}")
    return value


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "batch", help="批量核查：目录中每个子文件夹或 .zip 为一份申报材料",
        description="批量核查一个目录中的全部申报材料（每个子文件夹或 .zip 为一份），并行运行，"
                    "输出每份材料的 JSON/HTML 报告和汇总表 triage.xlsx / triage.csv。"
                    "再次运行时跳过自上次以来未变化的材料。")
    p.add_argument("dir", type=Path, help="存放多份申报材料的目录")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--program", help="申报项目 ID，见 `dossier programs`")
    which.add_argument("--criteria", type=Path, help="直接使用一个申报项目 YAML 文件")
    p.add_argument("--as-of", type=parse_as_of, default=None,
                   help="核查基准日期（默认今天）；可写作 2022-12-20、2022/12/20、2022.12.20 "
                        "或 2022年12月20日")
    p.add_argument("--workers", type=positive_int, default=None,
                   help=f"并行进程数（默认 CPU 核数，本机 {os.cpu_count() or 1}）")
    p.add_argument("--out", type=Path, default=None,
                   help="输出目录（默认与 DIR 同级的 <DIR>-reports）")
    p.add_argument("--timeout", type=positive_float, default=DEFAULT_TIMEOUT_S,
                   help=f"每份材料的核查时限，秒（默认 {DEFAULT_TIMEOUT_S:g}）")
    p.add_argument("--ocr-engine", default=env_settings().ocr.engine,
                   choices=("rapidocr", "paddleocr"))
    p.add_argument("--cache-dir", type=Path, default=None,
                   help="OCR 缓存目录（默认 $DOSSIER_CACHE_DIR，否则 $XDG_CACHE_HOME/dossier-checker "
                        "或 ~/.cache/dossier-checker，与 dossier check 和 API 服务共用）")
    p.add_argument("--progress", choices=("auto", "bar", "log", "none"), default="auto",
                   help="进度显示：auto（终端显示进度条，否则逐行日志）、bar、log、none")
    p.set_defaults(handler=run)
    return p


def settings_from_args(args: argparse.Namespace) -> BatchSettings:
    root: Path = args.dir
    out = args.out if args.out is not None else root.parent / f"{root.resolve().name}-reports"
    from dossier.paths import default_cache_dir

    cache = args.cache_dir or default_cache_dir()
    return BatchSettings(root=root, out_dir=out, program=args.program, criteria=args.criteria,
                         as_of=args.as_of or date.today(),
                         workers=args.workers or os.cpu_count() or 1,
                         timeout_s=args.timeout, cache_dir=cache, ocr_engine=args.ocr_engine)


def _usage(message: str) -> int:
    print(f"dossier batch: 错误：{message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    from criteria.loader import CriteriaError, load_all

    if not args.dir.is_dir():
        return _usage(f"目录不存在：{display_name(str(args.dir))}")
    try:
        if args.criteria is not None:
            if not args.criteria.is_file():
                return _usage(f"criteria 文件不存在：{display_name(str(args.criteria))}")
        elif args.program not in load_all():
            return _usage(unknown_programme(args.program, load_all()))
        settings = settings_from_args(args)
        if settings.use_broker:
            from dossier.batch.cluster import CRITERIA_REFUSED
            from models.settings import ConfigError, settings as env_settings

            if args.criteria is not None:
                return _usage(CRITERIA_REFUSED)
            try:
                _ = env_settings().api  # reading the API group is what validates it
            except ConfigError as e:
                return _usage(f"配置错误：{e}")
        if not discover_dossiers(settings.root, exclude=(settings.out_dir,)):
            return _usage(f"{display_name(str(args.dir))} 中没有申报材料（应为每份材料一个子文件夹或 .zip）")
        progress = make_progress(args.progress, sys.stderr, settings.workers)
        try:
            result = run_batch(settings, progress)
        except KeyboardInterrupt:
            # Before any dossier started (while hashing inputs): nothing to keep.
            print("已中断。", file=sys.stderr)
            return EXIT_INTERRUPTED
        programme = args.program or str(args.criteria)
    except CriteriaError as e:
        print(f"criteria 配置错误：{e}", file=sys.stderr)
        return EXIT_USAGE
    print(format_summary(result, settings, programme))
    return EXIT_INTERRUPTED if result.interrupted else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """`python -m dossier.batch …`, the same as `dossier batch …`."""
    parser = ChineseArgumentParser(prog="dossier")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    return run(parser.parse_args(["batch", *(argv if argv is not None else sys.argv[1:])]))
