"""`dossier audit-list LIST DIR`: arguments, checks on them, the audit and its output."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dossier.audit.annotate import can_annotate, write_annotated
from dossier.audit.facts import batch_dir_for, collect_facts
from dossier.audit.read import ListFormatError, read_list
from dossier.audit.render import clean_json, render_text
from dossier.audit.rules import audit, list_kinds, list_rules, rule_for_kind
from dossier.batch.cli import parse_as_of, positive_int
from dossier.paths import default_cache_dir
from extractor.filenames import escape_controls
from models.settings import settings as env_settings

EXIT_OK = 0
EXIT_USAGE = 2


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "audit-list", help="比对推荐汇总表与目录中的申报材料",
        description="读取推荐汇总表（XLSX、DOCX 或 PDF），逐行与材料目录中的申报材料对应，"
                    "报告：表中有而无材料、有材料而不在表中、企业名称/所属行业/产品类别不一致、"
                    "重复行，以及通知规定的推荐数量要求。")
    p.add_argument("list", type=Path, help="推荐汇总表文件")
    p.add_argument("dir", type=Path, help="申报材料目录（每个子文件夹或 .zip 为一份）")
    p.add_argument("--program", required=True, help="申报项目 ID")
    p.add_argument("--reports", type=Path, default=None,
                   help="每份材料报告的目录：复用其中仍有效的报告（如 dossier batch 的输出目录或其中的"
                        " reports/），需要核查的材料的报告也保存在这里（默认：输出文件旁的"
                        " <文件名>-reports/，未指定 --out 时在推荐汇总表旁）")
    p.add_argument("--as-of", type=parse_as_of, default=None,
                   help="需要重新核查材料时的基准日期（默认沿用 --reports 中的日期，否则今天）")
    p.add_argument("--workers", type=positive_int, default=None, help="需要核查材料时的并行进程数")
    p.add_argument("--ocr-engine", default=env_settings().ocr.engine,
                   choices=("rapidocr", "paddleocr"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--out", type=Path, default=None, help="写入文件而非标准输出")
    p.add_argument("--annotated", type=Path, default=None,
                   help="XLSX 推荐汇总表的批注副本（增加“核查意见”列）写到哪里（默认：输出文件旁的"
                        " <推荐表文件名>-核查意见.xlsx，未指定 --out 时在推荐汇总表旁）；原表不会被修改")
    p.set_defaults(handler=run)
    return p


def _usage(message: str) -> int:
    print(f"dossier audit-list: 错误：{escape_controls(message)}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    from criteria.loader import load_all

    if not args.list.is_file():
        return _usage(f"推荐汇总表不存在：{args.list}")
    if not args.dir.is_dir():
        return _usage(f"材料目录不存在：{args.dir}")
    if args.reports is not None and args.reports.exists() and not args.reports.is_dir():
        return _usage(f"--reports 不是目录：{args.reports}")
    # Outputs go beside the report file; printed to the terminal, beside the list.
    base = args.out if args.out is not None else args.list
    reports = args.reports or base.with_name(f"{base.stem}-reports")
    annotated: Path | None = None
    if can_annotate(args.list):
        annotated = args.annotated or base.with_name(f"{args.list.stem}-核查意见{args.list.suffix.lower()}")
        if annotated.resolve() == args.list.resolve():
            return _usage(f"批注副本不能覆盖推荐汇总表本身：{annotated}")
    elif args.annotated is not None:
        return _usage("只能为 XLSX 格式的推荐汇总表生成批注副本")
    if args.program not in load_all():
        return _usage(f"未知的申报项目 {args.program!r}；可用：{', '.join(load_all())}")
    rules = list_rules()
    rule = rules.get(args.program)
    if rule is None:
        return _usage(f"申报项目 {args.program} 没有推荐汇总表规则；已支持：{', '.join(rules)}")
    try:
        rec_list = read_list(args.list, args.ocr_engine, cache_dir=default_cache_dir(),
                             kinds=list_kinds())
    except ListFormatError as e:
        return _usage(str(e))
    if rec_list.kind != rule.kind:
        known = rule_for_kind(rec_list.kind)
        other = f"{known.name.value}（{known.attachment.value}）" if known else "另一种推荐汇总表"
        return _usage(f"{args.list.name} 看起来是{other}，与申报项目 {args.program} 不符")
    facts = collect_facts(args.dir, args.program, reports, as_of=args.as_of,
                          workers=args.workers, ocr_engine=args.ocr_engine,
                          log=lambda s: print(s, file=sys.stderr))
    result = audit(rec_list, facts, args.program, rule)
    kept = batch_dir_for(reports)
    if kept.is_dir():
        print(f"每份材料的报告在 {escape_controls(str(kept))}", file=sys.stderr)
    if annotated is not None:
        try:
            n = write_annotated(result, args.list, annotated)
        except Exception as e:  # noqa: BLE001 - the audit stands without its copy (a workbook
            # openpyxl cannot load or save, a folder not writable): said, not fatal.
            print(f"dossier audit-list: 警告：批注副本未能写入（{escape_controls(str(e))}）", file=sys.stderr)
        else:
            print(f"批注副本已写入 {escape_controls(str(annotated))}（{n} 行核查意见）", file=sys.stderr)
    if args.format == "json":
        out = json.dumps(clean_json(result.as_json()), ensure_ascii=False, indent=2) + "\n"
    else:
        out = render_text(result)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(out, encoding="utf-8", errors="replace")
        c = result.counts()
        print(f"比对结果已写入 {escape_controls(str(args.out))}（错误 {c['error']}，"
              f"警告 {c['warning']}，提示 {c['info']}）", file=sys.stderr)
    else:
        from dossier.cli import write_stdout

        write_stdout(out)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """`python -m dossier.audit …` (or `python -m dossier.audit_list …`), the same as
    `dossier audit-list …`."""
    parser = argparse.ArgumentParser(prog="dossier")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(["audit-list", *(argv if argv is not None else sys.argv[1:])])
    from dossier.cli import run_interruptible

    return run_interruptible(lambda: run(args))
