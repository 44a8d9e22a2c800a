"""The run's temporary folders: named after the process that owns them, removed on every
way out, and swept up after a run that could not clean up (kill -9, a power cut).

A check unpacks zips and renders pages into a work folder; LibreOffice gets a private
profile folder per conversion. Those folders are called ``dossier-<pid>-XXXXXXXX`` (or
``dossier-<pid>-<kind>-XXXXXXXX``) in the temp dir. :func:`work_dir` removes its folder
when the ``with`` block is left, normally or by an exception — the CLI turns SIGTERM and
SIGHUP into an exception so that this holds for them too. What only SIGKILL leaves
behind is removed by :func:`sweep_stale`, which every process runs once, before it makes
its first folder: a ``dossier-<pid>-…`` folder whose process is gone, and any
``dossier-…`` / ``audit-list-…`` folder older than a day (the names earlier versions
used carry no pid; no check runs that long).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "dossier-"
STALE_AFTER_S = 24 * 3600
# tempfile's random part is 8 characters of [a-z0-9_]; only names this module (or an
# earlier version) could have made are ever swept, never a person's /tmp/dossier-notes.
_RANDOM = r"[a-z0-9_]{8}"
_OWNED = re.compile(rf"dossier-(\d+)-(?:[a-z0-9][a-z0-9-]{{0,30}}-)?{_RANDOM}")
# Folder names of earlier versions (no pid): swept by age only.
_LEGACY = re.compile(rf"(?:dossier-|dossier-lo-|audit-list-){_RANDOM}")
_KIND = re.compile(r"[a-z0-9][a-z0-9-]{0,30}")
_swept: set[str] = set()
_swept_lock = threading.Lock()


def owner_pid(name: str) -> int | None:
    """The pid in a ``dossier-<pid>-…`` folder name; None for any other name."""
    m = _OWNED.fullmatch(name)
    return int(m.group(1)) if m else None


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists. Where that cannot be asked safely
    (Windows: ``os.kill(pid, 0)`` would send CTRL_C_EVENT), every pid counts as alive."""
    if pid <= 0 or os.name == "nt":
        return pid > 0
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return True
    return True


def _base(base: str | Path | None) -> Path:
    return Path(base) if base is not None else Path(tempfile.gettempdir())


def sweep_stale(base: str | Path | None = None, *, max_age_s: float = STALE_AFTER_S,
                now: float | None = None) -> list[Path]:
    """Removes work folders left by runs that died; returns those removed. Only this
    user's plain folders are touched (never a link, never another user's folder)."""
    root = _base(base)
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        with os.scandir(root) as it:
            entries = list(it)
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        name = entry.name
        pid = owner_pid(name)
        if pid is None and not _LEGACY.fullmatch(name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode) or (uid is not None and st.st_uid != uid):
            continue
        old = now - st.st_mtime > max_age_s
        if pid is not None:
            stale = (not pid_alive(pid)) or (old and pid != os.getpid())
        else:
            stale = old
        if stale:
            shutil.rmtree(entry.path, ignore_errors=True)
            if not os.path.lexists(entry.path):
                removed.append(Path(entry.path))
    return removed


def sweep_once(base: str | Path | None = None) -> None:
    """:func:`sweep_stale` the first time this process asks for this temp dir."""
    key = str(_base(base))
    with _swept_lock:
        if key in _swept:
            return
        _swept.add(key)
    sweep_stale(key)


def make_work_dir(kind: str = "", base: str | Path | None = None) -> Path:
    """A new folder ``dossier-<pid>[-kind]-XXXXXXXX`` in the temp dir (``base``); the
    caller removes it. Sweeps stale folders first (once per process)."""
    if kind and not _KIND.fullmatch(kind):
        raise ValueError(f"bad work folder kind {kind!r}")
    sweep_once(base)
    prefix = f"{PREFIX}{os.getpid()}-" + (f"{kind}-" if kind else "")
    return Path(tempfile.mkdtemp(prefix=prefix, dir=str(base) if base is not None else None))


_STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP")
                      if hasattr(signal, n))


@contextmanager
def _signals_held() -> Iterator[None]:
    """Defers SIGINT/SIGTERM/SIGHUP while a folder is made and its name kept, so an
    interrupt cannot land between the two."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    old = mask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, old)


@contextmanager
def work_dir(kind: str = "", base: str | Path | None = None) -> Iterator[Path]:
    """A :func:`make_work_dir` folder, removed when the block is left, however it is
    left. A forked child that leaves the block does not remove its parent's folder."""
    path: Path | None = None
    owner = os.getpid()
    try:
        with _signals_held():
            path = make_work_dir(kind, base)
        yield path
    finally:
        if path is not None and os.getpid() == owner:
            shutil.rmtree(path, ignore_errors=True)


__all__ = ["PREFIX", "STALE_AFTER_S", "make_work_dir", "owner_pid", "pid_alive",
           "sweep_once", "sweep_stale", "work_dir"]
