"""What the audit needs of each dossier (company name, industry, product...), from the
reports of an earlier `dossier batch` (or audit) where they are current, else from checking
now; the reports of those checks are kept, so the next audit reuses them."""
from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dossier.paths import default_cache_dir
from models.settings import settings as env_settings


@dataclass
class DossierFacts:
    name: str  # the batch name (report file stem)
    entry: str  # folder or zip name in DIR
    company: str  # as the report read it; "" when none
    verdict: str
    fields: dict[str, Any]

    @property
    def folder_company(self) -> str:
        """A company name guessed from the folder name ("012_山东…有限公司.zip")."""
        stem = re.sub(r"\.zip$", "", self.entry, flags=re.I)
        stem = re.sub(r"^\d+[\s._、\-]*", "", stem)
        return re.sub(r"(申报材料|申报书|材料)$", "", stem)

    @property
    def other_names(self) -> list[str]:
        """The company name as each document read it (licence, statements...), when the
        report carries per-source readings."""
        readings = (self.fields.get("company_name") or {}).get("readings") or []
        names = [r.get("value") for r in readings if isinstance(r, dict)]
        return [n for n in dict.fromkeys(names) if isinstance(n, str) and n and n != self.company]

    def value(self, key: str) -> Any:
        f = self.fields.get(key) or {}
        return f.get("normalized") if f.get("normalized") not in (None, "", []) else f.get("value")


def _facts(name: str, entry: str, report: dict[str, Any]) -> DossierFacts:
    fields = report.get("fields") or {}
    company = (fields.get("company_name") or {}).get("value")
    return DossierFacts(name=name, entry=entry, company=company if isinstance(company, str) else "",
                        verdict=(report.get("summary") or {}).get("verdict", ""), fields=fields)


def _reports_base(reports: Path) -> tuple[Path, Path | None]:
    """(folder of <name>.json, the batch state file if any) for --reports."""
    from dossier.batch import REPORTS_SUBDIR, STATE_FILE

    if (reports / REPORTS_SUBDIR).is_dir():
        state = reports / STATE_FILE
        return reports / REPORTS_SUBDIR, state if state.is_file() else None
    state = reports.parent / STATE_FILE
    return reports, state if state.is_file() else None


def batch_dir_for(reports: Path) -> Path:
    """The batch output folder that holds (or will hold) the reports in ``reports``: the
    folder itself, or the batch folder above when ``reports`` is a batch's reports/."""
    from dossier.batch import REPORTS_SUBDIR, STATE_FILE

    if (not (reports / REPORTS_SUBDIR).is_dir() and reports.name == REPORTS_SUBDIR
            and (reports.parent / STATE_FILE).is_file()):
        return reports.parent
    return reports


def collect_facts(dossier_dir: Path, program: str, reports: Path | None, *,
                  as_of: date | None = None, workers: int | None = None,
                  ocr_engine: str = "rapidocr", log: Callable[[str], object] | None = None
                  ) -> list[DossierFacts]:
    """Facts of every dossier in ``dossier_dir``: reused reports where they are current,
    fresh checks (in batch workers) for the rest. With ``reports``, the fresh checks are a
    batch run in that folder (batch_dir_for), which keeps their reports; without, they are
    made in a temporary folder and dropped."""
    from criteria.loader import programme_fingerprint
    from dossier.batch import (BatchSettings, BatchState, discover_dossiers, input_manifest,
                               make_progress, run_batch, run_key)

    out_dir = batch_dir_for(reports) if reports is not None else None
    items = discover_dossiers(dossier_dir, exclude=(reports, out_dir) if reports and out_dir else ())
    facts: dict[str, DossierFacts] = {}
    stale: list[Any] = []
    state_as_of: list[str] = []
    if reports is not None:
        base, state_path = _reports_base(reports)
        state = BatchState(state_path) if state_path else None
        fingerprint = programme_fingerprint(program)
        for item in items:
            path = base / f"{item.name}.json"
            try:
                report = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stale.append(item)
                continue
            rec = state.dossiers.get(item.name) if state else None
            if report.get("program") != program:
                stale.append(item)
                continue
            if rec is not None:
                state_as_of.append(rec.get("as_of", ""))
                when = date.fromisoformat(rec.get("as_of") or report.get("as_of"))
                key = run_key(input_manifest(item.path), fingerprint, when, ocr_engine)
                if key != rec.get("key"):
                    stale.append(item)
                    continue
            facts[item.name] = _facts(item.name, item.path.name, report)
    else:
        stale = list(items)
    if stale:
        if as_of is None:
            common = Counter(a for a in state_as_of if a).most_common(1)
            as_of = date.fromisoformat(common[0][0]) if common else date.today()
        if log:
            log(f"需要核查 {len(stale)} 份材料以取得企业名称等信息……")
        from extractor.tempdirs import work_dir

        # $DOSSIER_CACHE_DIR when set; else the OCR cache of the batch whose reports are
        # reused (older batches kept one in OUTDIR/.ocr-cache); else the shared cache.
        legacy = reports / ".ocr-cache" if reports is not None else None
        cache = (legacy if legacy is not None and legacy.is_dir()
                 and not env_settings().cache_dir_from_env
                 else default_cache_dir())
        # A batch in the kept folder must see every dossier: it forgets those it does not
        # see, and skips (by its own run key) those whose reports are current.
        checked = items if out_dir is not None else stale
        with work_dir("audit-list") as tmp:
            root = Path(tmp) / "dossiers"
            root.mkdir()
            for item in checked:
                # Links keep the dossiers' own names, which the reports carry.
                (root / item.path.name).symlink_to(item.path.resolve())
            settings = BatchSettings(root=root, out_dir=out_dir or Path(tmp) / "out", program=program,
                                     as_of=as_of, workers=workers or os.cpu_count() or 1,
                                     cache_dir=cache, ocr_engine=ocr_engine)
            result = run_batch(settings, make_progress("auto" if log else "none", sys.stderr,
                                                       settings.workers))
            if result.interrupted:
                # The batch stops its workers on Ctrl-C/SIGTERM and returns; an audit of
                # half the dossiers would be wrong, so the interrupt goes on up.
                raise KeyboardInterrupt
            by_entry = {i.path.name: i.name for i in checked}
            for o in result.outcomes:
                report = json.loads((settings.out_dir / o.row.report_json).read_text(encoding="utf-8"))
                entry = report.get("dossier") or o.name
                name = by_entry.get(entry, o.name)
                facts[name] = _facts(name, entry, report)
    return [facts[i.name] for i in items if i.name in facts]
