"""The text printed when a batch ends."""
from __future__ import annotations

from dossier.batch.progress import _clock, pad
from dossier.batch.run import BatchResult, BatchSettings
from dossier.triage_workbook import VERDICT_LABELS
from extractor.filenames import display_name


def format_summary(result: BatchResult, settings: BatchSettings, programme: str) -> str:
    done = [o for o in result.outcomes if o.status != "skipped"]
    minutes = result.elapsed_s / 60
    pages = sum(o.ocr_pages for o in done)
    hits = sum(o.ocr_cache_hits for o in done)
    verdicts = {v: 0 for v in VERDICT_LABELS}
    for o in result.outcomes:
        verdicts[o.row.verdict] = verdicts.get(o.row.verdict, 0) + 1
    title = "批量核查已中断" if result.interrupted else "批量核查完成"
    lines = [f"{title}：{programme}，基准日期 {settings.as_of.isoformat()}",
             f"  {pad('结论', 14)}{pad('份数', 6, right=True)}"]
    for verdict, label in VERDICT_LABELS.items():
        lines.append(f"  {pad(label, 14)}{pad(str(verdicts.get(verdict, 0)), 6, right=True)}")
    lines.append(f"  {pad('合计', 14)}{pad(str(len(result.outcomes)), 6, right=True)}")
    if result.interrupted:
        lines.append(f"  未完成 {result.total - len(result.outcomes)} 份；重新运行同一命令即可继续")
    lines.append(f"  本次核查 {len(done)} 份，跳过未变化 {len(result.by_status('skipped'))} 份；"
                 f"进程崩溃 {len(result.by_status('crashed'))}，超时 "
                 f"{len(result.by_status('timeout'))}，"
                 + (f"内存超限 {len(result.by_status('memory'))}，"
                    if result.by_status("memory") else "")
                 + f"出错 {len(result.by_status('failed'))}")
    errors = sum(o.row.errors for o in result.outcomes)
    warnings = sum(o.row.warnings for o in result.outcomes)
    infos = sum(o.row.infos for o in result.outcomes)
    lines.append(f"  问题合计：错误 {errors}，警告 {warnings}，提示 {infos}")
    lines.append(f"  用时 {_clock(result.elapsed_s)}（{result.elapsed_s:.1f} 秒），"
                 f"OCR {pages} 页（其中缓存命中 {hits} 页）")
    if done and minutes > 0:
        lines.append(f"  速度 {len(done) / minutes:.1f} 份/分钟，{pages / minutes:.1f} 页/分钟")
    lines.append(f"  报告：{display_name(str(settings.reports_dir))}/")
    if result.triage_xlsx is not None:
        lines.append(f"  汇总表：{display_name(str(result.triage_xlsx))}，"
                     f"{display_name(str(result.triage_csv))}")
    return "\n".join(lines)
