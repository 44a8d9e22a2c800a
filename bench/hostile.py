"""Hostile inputs (issue 11): for each case of ``samples.hostile.cases``, a good sample
dossier plus one hostile file is checked by the real command line in a child process;
the table says what was found on the hostile file, how long it took, the child's peak
memory, and whether the findings about the good files stayed as they were.

    .venv/bin/python bench/hostile.py [--cases NAME ...] [--program sd-chenxing-2022]
                                      [--timeout 120] [--evidence] [--json OUT]

* Baseline: ``<programme>/clean`` from ``samples.generate``, checked once to fill the
  OCR cache (not measured) and once more for the baseline report. Every case then runs on
  a copy of it with the hostile file added (or, for the hostile declarations and the
  spreadsheet, put in place of the good file of the same name), with the same warm OCR
  cache: the seconds and memory are what the hostile file adds to a re-check, the cold
  OCR of the good files is not counted.
* Child: ``python -m dossier.cli check DIR --program ID --as-of <sample's date>
  --no-evidence --format json --output FILE --cache-dir CACHE`` (``--evidence`` drops
  ``--no-evidence``). Seconds are wall time; peak RSS is ``ru_maxrss`` of the child from
  ``os.wait4`` (KiB on Linux; it covers the child and the processes it waited for).
  Past ``--timeout`` the child's process group is killed and the outcome is "timeout"
  (its peak is then the last VmHWM read from /proc while it ran). The child is forked by
  a small fresh interpreter, so its ru_maxrss does not start at this bench's own size.
* Within limit: finished, ≤ ``--max-seconds`` (60) and ≤ ``--max-mb`` (the 2048 MB of
  ``models.limits``, ``DOSSIER_LIMIT_MAX_MEMORY_MB``).
* Rest unchanged: see ``samples.hostile.cases.rest_unchanged`` (findings not on the
  hostile file, and not about something missing that the hostile file could satisfy,
  compared as multisets of (code, severity, requirement, field, location paths)).

The last line is ``hostile_cases=N within_limits=M rest_unchanged=K``; the line before it
``correct_outcome=C/N`` counts the cases whose outcome on the hostile file is the expected
one (``samples.hostile.cases.evaluate``).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samples.hostile import cases as hc  # noqa: E402


@dataclass
class ChildRun:
    returncode: int | None  # None: killed at the timeout
    seconds: float
    peak_mb: float
    report: dict | None
    stderr_tail: str = ""


@dataclass
class CaseResult:
    case: str
    program: str
    outcome: str  # ok / wrong / crash / timeout
    codes: list[str]
    exit_code: int | None
    seconds: float
    peak_mb: float
    rest_unchanged: bool | None
    within_limit: bool
    problems: list[str] = field(default_factory=list)
    rest_only_baseline: list = field(default_factory=list)
    rest_only_hostile: list = field(default_factory=list)
    expected: str = ""


# The child is started by a small fresh interpreter that forks and execs it: a forked
# process starts with its parent's peak RSS (Linux keeps the pre-exec high-water mark in
# ru_maxrss), and this bench holds numpy, reportlab and the sample generators.
_WRAPPER = r"""
import json, os, sys
out, cmd = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    try:
        os.execv(cmd[0], cmd)
    finally:
        os._exit(127)
with open(out + ".pid", "w") as f:
    f.write(str(pid))
_, status, ru = os.wait4(pid, 0)
with open(out, "w") as f:
    json.dump({"exit": os.waitstatus_to_exitcode(status), "maxrss_kb": ru.ru_maxrss}, f)
"""


def _vm_hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_child(dossier: Path, program: str, as_of: str, out_json: Path, cache: Path,
              timeout: float, evidence: bool) -> ChildRun:
    cmd = [sys.executable, "-m", "dossier.cli", "check", str(dossier), "--program", program,
           "--as-of", as_of, "--format", "json", "--output", str(out_json),
           "--cache-dir", str(cache)]
    if not evidence:
        cmd.append("--no-evidence")
    stat_path = out_json.with_suffix(".rusage")
    for p in (out_json, stat_path, Path(str(stat_path) + ".pid")):
        if p.exists():
            p.unlink()
    err_path = out_json.with_suffix(".stderr")
    hwm_kb = 0
    with open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", _WRAPPER, str(stat_path), *cmd],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
        child_pid = 0
        killed = False
        while proc.poll() is None:
            if not child_pid:
                try:
                    child_pid = int(Path(str(stat_path) + ".pid").read_text())
                except (OSError, ValueError):
                    pass
            if child_pid:
                hwm_kb = max(hwm_kb, _vm_hwm_kb(child_pid))
            if time.perf_counter() - t0 > timeout:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
                killed = True
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - t0
    rc: int | None = None
    if not killed:
        try:
            usage = json.loads(stat_path.read_text())
            rc = int(usage["exit"])
            hwm_kb = max(hwm_kb, int(usage["maxrss_kb"]))  # KiB on Linux
        except (OSError, ValueError, KeyError):
            rc = proc.returncode
    report = None
    if rc is not None and out_json.exists():
        try:
            report = json.loads(out_json.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            report = None
    tail = err_path.read_bytes()[-2000:].decode("utf-8", "replace")
    return ChildRun(rc, seconds, hwm_kb / 1024, report, tail)


def _generate_baselines(programs: set[str], out: Path) -> dict[str, tuple[Path, str]]:
    from samples.generate import BY_KEY, generate_all

    keys = [f"{p}/clean" for p in sorted(programs)]
    paths = generate_all(out, keys)
    return {BY_KEY[k].program: (p, BY_KEY[k].as_of) for k, p in zip(keys, paths)}


def main(argv: list[str] | None = None) -> int:
    from models.limits import Limits

    ap = argparse.ArgumentParser(prog="bench/hostile.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", nargs="+", metavar="NAME", help=f"cases to run (default all: {', '.join(hc.CASES)})")
    ap.add_argument("--program", default=hc.CHENXING,
                    help="programme whose clean sample takes the programme-free cases (default %(default)s)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before the child is killed")
    ap.add_argument("--max-seconds", type=float, default=60.0)
    ap.add_argument("--max-mb", type=float, default=float(Limits.from_env().max_memory_mb))
    ap.add_argument("--evidence", action="store_true", help="run evidence matching too (no --no-evidence)")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the results as JSON here")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="work here and keep the dossiers and reports")
    args = ap.parse_args(argv)

    try:
        chosen = hc.selected(args.cases)
    except KeyError as e:
        print(e.args[0], file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "ocr-cache"
    programs = {c.program_for(args.program) for c in chosen}
    baselines = _generate_baselines(programs, work / "samples")

    base_reports: dict[str, dict] = {}
    for program, (path, as_of) in sorted(baselines.items()):
        warm = run_child(path, program, as_of, work / f"baseline-{program}-warm.json", cache,
                         max(args.timeout, 600), args.evidence)
        run = run_child(path, program, as_of, work / f"baseline-{program}.json", cache,
                        max(args.timeout, 600), args.evidence)
        if run.report is None:
            print(f"baseline {program} failed (exit {run.returncode}):\n{run.stderr_tail}", file=sys.stderr)
            return 1
        base_reports[program] = run.report
        print(f"baseline {program}: {run.seconds:.1f} s (cold {warm.seconds:.1f} s), "
              f"{run.peak_mb:.0f} MB, {len(run.report.get('findings') or [])} findings",
              file=sys.stderr)

    results: list[CaseResult] = []
    for case in chosen:
        program = case.program_for(args.program)
        src, as_of = baselines[program]
        dossier = hc.copy_dossier(src, work / "cases" / case.name)
        try:
            shown = case.place(dossier)
        except ImportError as e:  # a generator of samples.hostile not there yet
            results.append(CaseResult(case.name, program, "skipped", [], None, 0.0, 0.0, None, False,
                                      [f"generator unavailable: {e}"], expected=case.expect.summary))
            continue
        child = run_child(dossier, program, as_of, work / "cases" / f"{case.name}.json", cache,
                          args.timeout, args.evidence)
        within = (child.returncode is not None and child.seconds <= args.max_seconds
                  and child.peak_mb <= args.max_mb)
        if child.returncode is None:
            res = CaseResult(case.name, program, "timeout", [], None, child.seconds, child.peak_mb,
                             None, False, [f"killed after {args.timeout:g} s"])
        elif child.report is None or child.returncode != 0:
            res = CaseResult(case.name, program, "crash", [], child.returncode, child.seconds,
                             child.peak_mb, None, within,
                             [child.stderr_tail.strip().splitlines()[-1] if child.stderr_tail.strip() else "no report"])
        else:
            verdict = hc.evaluate(case, child.report, base_reports[program])
            diff = hc.rest_unchanged(base_reports[program], child.report, shown)
            res = CaseResult(case.name, program, "ok" if verdict.ok else "wrong", verdict.codes,
                             child.returncode, child.seconds, child.peak_mb, diff.unchanged, within,
                             verdict.problems, [list(k) for k in diff.only_baseline],
                             [list(k) for k in diff.only_hostile])
        res.expected = case.expect.summary
        results.append(res)
        print(f"{case.name}: {res.outcome} {res.seconds:.1f} s {res.peak_mb:.0f} MB", file=sys.stderr)
        if not args.keep:
            shutil.rmtree(dossier, ignore_errors=True)

    print("| case | outcome (codes on the hostile file, exit) | seconds | peak RSS MB | rest unchanged | within limit |")
    print("|---|---|---:|---:|---|---|")
    for r in results:
        codes = ", ".join(f"{c}×{r.codes.count(c)}" if r.codes.count(c) > 1 else c
                          for c in dict.fromkeys(r.codes)) or "—"
        outcome = f"{r.outcome}: {codes} (exit {r.exit_code})"
        if r.problems:
            outcome += " — " + "; ".join(r.problems)
        rest = "—" if r.rest_unchanged is None else ("yes" if r.rest_unchanged else "no")
        if r.rest_unchanged is False:
            rest += f" (−{len(r.rest_only_baseline)} +{len(r.rest_only_hostile)})"
        print(f"| {r.case} | {outcome.replace('|', '/')} | {r.seconds:.1f} | {r.peak_mb:.0f} | "
              f"{rest} | {'yes' if r.within_limit else 'no'} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "limits": {"max_seconds": args.max_seconds, "max_mb": args.max_mb, "timeout": args.timeout},
            "evidence": args.evidence, "results": [asdict(r) for r in results],
        }, ensure_ascii=False, indent=2), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    n = len(results)
    print(f"correct_outcome={sum(r.outcome == 'ok' for r in results)}/{n}")
    print(f"hostile_cases={n} within_limits={sum(r.within_limit for r in results)} "
          f"rest_unchanged={sum(bool(r.rest_unchanged) for r in results)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
