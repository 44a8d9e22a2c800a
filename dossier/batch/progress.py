"""Live progress of a batch: plain log lines, a redrawn terminal bar, or nothing; and the
display-width helpers they (and the summary) line Chinese text up with."""
from __future__ import annotations

import os
import shutil
import time
import unicodedata
from typing import IO, TYPE_CHECKING, Protocol

from dossier.triage_workbook import VERDICT_LABELS

if TYPE_CHECKING:
    from dossier.batch.run import Outcome


class Progress(Protocol):
    def begin(self, total: int, todo: int, skipped: int, workers: int) -> None: ...
    def started(self, slot: int, name: str) -> None: ...
    def page(self, slot: int) -> None: ...
    def finished(self, slot: int | None, outcome: Outcome) -> None: ...
    def tick(self) -> None: ...
    def end(self) -> None: ...


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def _outcome_line(o: Outcome) -> str:
    r = o.row
    if o.status in ("crashed", "timeout", "failed", "memory"):
        what = {"crashed": "核查进程崩溃", "timeout": "核查超时", "failed": "核查出错",
                "memory": "内存超限"}[o.status]
        return f"{o.name}：{VERDICT_LABELS['unreadable']}（{what}）"
    line = (f"{o.name}：{r.verdict_label}（错误 {r.errors}，警告 {r.warnings}，"
            f"OCR {o.ocr_pages} 页，{o.seconds:.1f} 秒）")
    if o.changed:
        shown = "、".join(o.changed[:3]) + (f" 等 {len(o.changed)} 个" if len(o.changed) > 3 else "")
        line += f"；自上次核查以来有变化：{shown}"
    return line


class LogProgress:
    """Plain lines, one per finished dossier: for logs, CI and pipes."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.total = 0
        self.done = 0

    def _print(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def begin(self, total: int, todo: int, skipped: int, workers: int) -> None:
        self.total = todo
        if not todo:
            self._print(f"共 {total} 份材料，自上次核查以来均未变化，沿用上次报告")
            return
        extra = f"，跳过 {skipped} 份未变化的材料" if skipped else ""
        how = "由任务队列中的工作节点核查" if workers < 0 else f"并行进程 {workers} 个"
        self._print(f"共 {total} 份材料：本次核查 {todo} 份{extra}；{how}")

    def started(self, slot: int, name: str) -> None:
        pass

    def page(self, slot: int) -> None:
        pass

    def finished(self, slot: int | None, outcome: Outcome) -> None:
        self.done += 1
        width = len(str(self.total))
        self._print(f"[{self.done:>{width}}/{self.total}] {_outcome_line(outcome)}")

    def tick(self) -> None:
        pass

    def end(self) -> None:
        pass


class TtyProgress:
    """A bar for the batch and one live line per worker (its dossier, pages OCR'd so far,
    time on it), redrawn in place; finished dossiers scroll above it."""

    def __init__(self, stream: IO[str], workers: int) -> None:
        self.stream = stream
        self.slots: dict[int, tuple[str, float, int]] = {}
        self.workers = workers
        self.total = self.done = self.pages = 0
        self.t0 = time.monotonic()
        self.drawn = 0
        self.last_draw = 0.0

    def _cols(self) -> int:
        try:
            cols = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            cols = 0
        # A pty without a size (script, some CI runners) reports 0 columns.
        return max(40, cols or shutil.get_terminal_size((100, 24)).columns)

    def _clear(self) -> None:
        if self.drawn:
            # Up to the first line of the block, then erase to the end of the screen.
            self.stream.write(f"\x1b[{self.drawn}F\x1b[J")
        self.drawn = 0

    def _lines(self) -> list[str]:
        cols = self._cols() - 1
        elapsed = time.monotonic() - self.t0
        frac = self.done / self.total if self.total else 1.0
        bar_w = max(10, min(30, cols - 70))
        filled = int(bar_w * frac)
        rate = self.done / (elapsed / 60) if elapsed > 1 and self.done else 0.0
        eta = (self.total - self.done) / rate * 60 if rate else None
        head = (f"核查进度 [{'█' * filled}{'░' * (bar_w - filled)}] {self.done}/{self.total}"
                f"  OCR {self.pages} 页  {rate:.1f} 份/分  已用 {_clock(elapsed)}")
        if eta is not None:
            head += f"  预计剩余 {_clock(eta)}"
        lines = [fit(head, cols)]
        now = time.monotonic()
        for slot in sorted(self.slots):
            name, since, pages = self.slots[slot]
            lines.append(fit(f"  进程{slot + 1}  {name}  OCR {pages} 页  {_clock(now - since)}",
                             cols))
        return lines

    def _draw(self) -> None:
        self._clear()
        lines = self._lines()
        self.stream.write("\n".join(lines) + "\n")
        self.stream.flush()
        self.drawn = len(lines)
        self.last_draw = time.monotonic()

    def begin(self, total: int, todo: int, skipped: int, workers: int) -> None:
        self.total = todo
        if skipped:
            self.stream.write(f"跳过 {skipped} 份未变化的材料（沿用上次报告）\n")
        self._draw()

    def started(self, slot: int, name: str) -> None:
        self.slots[slot] = (name, time.monotonic(), 0)
        self._draw()

    def page(self, slot: int) -> None:
        self.pages += 1
        if slot in self.slots:
            name, since, n = self.slots[slot]
            self.slots[slot] = (name, since, n + 1)
        self.tick()

    def finished(self, slot: int | None, outcome: Outcome) -> None:
        self.done += 1
        if slot is not None:
            self.slots.pop(slot, None)
        self._clear()
        mark = "✓" if outcome.row.verdict == "ready" else ("✗" if outcome.row.verdict == "unreadable"
                                                           else "!")
        self.stream.write(fit(f"{mark} {_outcome_line(outcome)}", self._cols() - 1) + "\n")
        self._draw()

    def tick(self) -> None:
        if time.monotonic() - self.last_draw >= 0.2:
            self._draw()

    def end(self) -> None:
        self.slots.clear()
        self._draw()


class NullProgress(LogProgress):
    def _print(self, text: str) -> None:
        pass


def make_progress(mode: str, stream: IO[str], workers: int) -> Progress:
    if mode == "none":
        return NullProgress(stream)
    tty = mode == "bar" or (mode == "auto" and stream.isatty())
    return TtyProgress(stream, workers) if tty else LogProgress(stream)
