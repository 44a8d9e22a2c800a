"""`dossier audit-list LIST DIR`: arguments, checks on them, the audit and its output."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dossier.audit.facts import collect_facts
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
                   help="dossier batch 的输出目录（或其中的 reports/），复用已有报告，避免重复 OCR")
    p.add_argument("--as-of", type=parse_as_of, default=None,
                   help="需要重新核查材料时的基准日期（默认沿用 --reports 中的日期，否则今天）")
    p.add_argument("--workers", type=positive_int, default=None, help="需要核查材料时的并行进程数")
    p.add_argument("--ocr-engine", default=env_settings().ocr.engine,
                   choices=("rapidocr", "paddleocr"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--out", type=Path, default=None, help="写入文件而非标准输出")
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
    if args.reports is not None and not args.reports.is_dir():
        return _usage(f"--reports 目录不存在：{args.reports}")
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
    facts = collect_facts(args.dir, args.program, args.reports, as_of=args.as_of,
                          workers=args.workers, ocr_engine=args.ocr_engine,
                          log=lambda s: print(s, file=sys.stderr))
    result = audit(rec_list, facts, args.program, rule)
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
