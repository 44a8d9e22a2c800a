"""Run LibreOffice headless for one file conversion, isolated and bounded.

Each call starts its own LibreOffice with a fresh private profile in a temporary folder
(nothing shared between calls or with a desktop user's profile), locks macros and link
updates off in that profile, and kills the whole process group when the time limit
passes. The caller owns the folder (see :func:`private_workdir`), so a conversion never
leaves files behind.

``soffice --convert-to`` loads documents with ``Hidden``/``Silent``/``ReadOnly`` and no
``MacroExecutionMode`` (LibreOffice desktop/source/app/dispatchwatcher.cxx), which means
macros never run and no password dialog can appear; the profile settings below make that
hold even if a later LibreOffice changes its defaults.
"""
from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SOFFICE_ENV = "DOSSIER_SOFFICE"
TIMEOUT_ENV = "DOSSIER_CONVERT_TIMEOUT_S"
DEFAULT_TIMEOUT_S = 60.0
_VERSION_TIMEOUT_S = 20.0

# The profile is seeded before LibreOffice first starts: macro security "very high" with
# no trusted locations and macro execution disabled; never update links to other files
# or URLs (Writer: 0 = never; Calc: 1 = never), and no linked pictures from untrusted
# referers. A converted document must be exactly what the applicant sent, fetched from
# nowhere else.
_PROFILE_ITEMS = (  # (oor:path, oor:name, value)
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "1"),
    ("/org.openoffice.Office.Calc/Formula/Load", "OOXMLRecalcMode", "1"),
    ("/org.openoffice.Office.Calc/Formula/Load", "ODFRecalcMode", "1"),
)
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
""" + "".join(
    f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
    f'<value>{value}</value></prop></item>\n' for path, name, value in _PROFILE_ITEMS
) + "</oor:items>\n"

_FLAGS = ("--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo")


class SofficeMissing(Exception):
    """No LibreOffice executable could be found."""


class ConversionFailed(Exception):
    """LibreOffice ran but wrote no output (unreadable, damaged or unsupported input)."""


class ConversionTimeout(Exception):
    def __init__(self, timeout_s: float) -> None:
        super().__init__(f"conversion exceeded {timeout_s:g} s")
        self.timeout_s = timeout_s


@dataclass(frozen=True)
class Conversion:
    output: Path
    seconds: float
    converted_by: str


def find_soffice() -> str | None:
    """$DOSSIER_SOFFICE (a path or a command name) when set, else soffice/libreoffice on
    PATH. A set but missing $DOSSIER_SOFFICE means none: an operator who names one does
    not want another picked silently."""
    from models.settings import settings

    named = settings().libreoffice.path
    if named:
        return shutil.which(named)
    return shutil.which("soffice") or shutil.which("libreoffice")


def has_module(exe: str, module: str) -> bool:
    """Whether this LibreOffice has an application module ("writer", "calc", "impress"):
    Debian ships each as its own package, and without it the import filters for that
    kind of file are missing. Judged by the module's configuration file
    (share/registry/<module>.xcd); an unfamiliar layout counts as present."""
    registry = Path(os.path.realpath(exe)).parent.parent / "share" / "registry"
    if not (registry / "main.xcd").is_file():
        return True
    return (registry / f"{module}.xcd").is_file()


def convert_timeout_s() -> float:
    """The conversion time limit: $DOSSIER_CONVERT_TIMEOUT_S seconds, else 60."""
    from models.settings import settings

    return settings().libreoffice.convert_timeout_s


@contextmanager
def private_workdir() -> Iterator[Path]:
    """A fresh folder only this conversion uses, removed whatever happens."""
    from extractor.tempdirs import make_work_dir  # dossier-<pid>-lo-…, swept if killed

    work = make_work_dir("lo")
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def profile_flag(work: Path) -> str:
    """A fresh LibreOffice profile in ``work``, seeded with the locked-down settings, as
    the ``-env:UserInstallation`` argument that selects it."""
    profile = work / "profile"
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
    return f"-env:UserInstallation={profile.as_uri()}"


def _environment(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    # LibreOffice's own temporary files land in the private folder and go with it.
    env["TMPDIR"] = str(work)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_bounded(cmd: list[str], work: Path, timeout_s: float
                ) -> subprocess.CompletedProcess[bytes]:
    """Run in a new session so that soffice's children (oosplash → soffice.bin) share one
    process group that can be killed whole, on time-out and after a normal exit alike."""
    proc = subprocess.Popen(cmd, cwd=work, env=_environment(work), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired as e:
        _kill_group(proc.pid)
        proc.communicate()
        raise ConversionTimeout(timeout_s) from e
    finally:
        _kill_group(proc.pid)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


@functools.lru_cache(maxsize=8)
def soffice_version(exe: str) -> str:
    """'LibreOffice 7.4.7.2' (asked once per executable; 'LibreOffice' if it won't say)."""
    with private_workdir() as work:
        try:
            done = run_bounded([exe, profile_flag(work), "--version"], work,
                               _VERSION_TIMEOUT_S)
        except (ConversionTimeout, OSError):
            return "LibreOffice"
    words = done.stdout.decode("utf-8", "replace").split()
    return " ".join(words[:2]) if len(words) >= 2 else "LibreOffice"


def convert(src: Path, convert_to: str, work: Path, *, timeout_s: float | None = None,
            exe: str | None = None) -> Conversion:
    """Convert ``src`` with ``--convert-to convert_to`` (e.g. ``docx:MS Word 2007 XML``).

    ``src`` and ``work`` should be inside a :func:`private_workdir`; the profile and the
    output folder are made in ``work``. Returns the output file, which the caller must
    size-check before reading. Raises SofficeMissing, ConversionTimeout or
    ConversionFailed."""
    exe = exe or find_soffice()
    if exe is None:
        raise SofficeMissing()
    limit = timeout_s if timeout_s is not None else convert_timeout_s()
    out_dir = work / "out"
    out_dir.mkdir(exist_ok=True)
    cmd = [exe, profile_flag(work), *_FLAGS,
           "--convert-to", convert_to, "--outdir", str(out_dir), str(src)]
    t0 = time.perf_counter()
    try:
        done = run_bounded(cmd, work, limit)
    except OSError as e:
        raise ConversionFailed(f"cannot start {exe}: {type(e).__name__}") from e
    seconds = time.perf_counter() - t0
    ext = convert_to.split(":", 1)[0]
    output = out_dir / f"{src.stem}.{ext}"
    if not output.is_file():
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConversionFailed(detail[-1] if detail else f"exit status {done.returncode}")
    return Conversion(output=output, seconds=seconds, converted_by=soffice_version(exe))
