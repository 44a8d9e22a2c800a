"""Dossier intake: a folder, a .zip or a single file → the list of files to read.

ZIPs are unpacked recursively into a work folder. Member names from Chinese Windows
(GBK bytes without the UTF-8 flag) are decoded properly, nothing may be written outside
the work folder, and zip bombs are stopped while the bytes are copied: the declared sizes
in a ZIP header are only used for an early refusal, never trusted as the limit.
Anything that cannot be unpacked becomes a problem entry with a Chinese reason; intake
never raises for bad archive content. A limit (size, ratio, member count, nesting depth)
reached inside an archive stops that archive there with ONE problem entry on it, saying
which limit, where, and how many of its files were kept: a nested bomb is one finding,
not one per member.
"""
from __future__ import annotations

import os
import re
import stat
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from extractor.filenames import display_name  # undecodable names: see extractor/filenames.py
from extractor.office_sniff import is_zip_head, package_kind

_CHUNK = 1 << 16
_JUNK_NAMES = frozenset({".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini"})
_DRIVE = re.compile(r"^[A-Za-z]:")
_SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_UNICODE_PATH_EXTRA = 0x7075


@dataclass(frozen=True)
class IntakeLimits:
    max_total_bytes: int = 1 << 30
    # Files kept from the whole dossier (folders and every archive together); the
    # pipeline sets it from Limits.max_files.
    max_members: int = 2000
    max_ratio: float = 200.0
    max_depth: int = 3
    # Tiny members legitimately compress far beyond any sane ratio (a blank form, an
    # empty XML part); the ratio only counts once a member has produced this much.
    ratio_grace_bytes: int = 1 << 20


@dataclass
class IntakeResult:
    files: list[tuple[str, Path]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


class _LimitHit(Exception):
    def __init__(self, reason: str, stop_all: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.stop_all = stop_all


class _Stop(Exception):
    """A limit reached somewhere inside a top-level archive: unpacking of that archive
    stops there, and it gets ONE problem entry (not one per member left)."""

    def __init__(self, reason: str, stop_all: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.stop_all = stop_all


def is_junk(rel_path: str) -> bool:
    """macOS/Windows/Office litter and hidden files, at any depth."""
    parts = [p for p in rel_path.replace("\\", "/").split("/") if p]
    if not parts:
        return True
    if any(p == "__MACOSX" or p.startswith(".") for p in parts):
        return True
    name = parts[-1]
    return name.lower() in _JUNK_NAMES or name.startswith("~$")


def decode_member_name(info: zipfile.ZipInfo) -> str:
    """The member's real name.

    Python decodes names without the UTF-8 flag (0x800) as cp437; Chinese Windows tools
    wrote GBK bytes there. Order of trust: the flag; an Info-ZIP Unicode Path extra
    field whose CRC matches the header name; valid UTF-8 (macOS writes it without the
    flag) when it reads as plausible Chinese/ASCII; GBK (as GB18030, its superset);
    finally the cp437 text as is."""
    if info.flag_bits & _UTF8_FLAG:
        return info.orig_filename
    raw = info.orig_filename.encode("cp437", errors="replace")
    unicode_name = _unicode_path_extra(info.extra, raw)
    if unicode_name is not None:
        return unicode_name
    candidates: list[str] = []
    for encoding in ("utf-8", "gb18030"):
        try:
            candidates.append(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not candidates:
        return info.orig_filename
    # Short GBK names can also be valid UTF-8 ("模.pdf" in GBK reads "ģ.pdf" as UTF-8):
    # take the first reading made only of characters a Chinese file name would use.
    for text in candidates:
        if all(_plausible_char(ch) for ch in text):
            return text
    return max(candidates, key=lambda t: sum(map(_plausible_char, t)) / max(len(t), 1))


_PLAUSIBLE_RANGES = (
    (0x0000, 0x007F), (0x00B7, 0x00B7), (0x2000, 0x206F), (0x2150, 0x218F),
    (0x2460, 0x24FF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF), (0xFF00, 0xFFEF),
)


def _plausible_char(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _PLAUSIBLE_RANGES)


def _unicode_path_extra(extra: bytes, raw_name: bytes) -> str | None:
    i = 0
    while i + 4 <= len(extra):
        header_id, size = struct.unpack_from("<HH", extra, i)
        body = extra[i + 4:i + 4 + size]
        i += 4 + size
        if header_id != _UNICODE_PATH_EXTRA or len(body) < 5 or body[0] != 1:
            continue
        (crc,) = struct.unpack_from("<I", body, 1)
        if crc != zlib.crc32(raw_name) & 0xFFFFFFFF:
            continue  # the name was changed by a tool that did not update the field
        try:
            return body[5:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def safe_member_path(name: str) -> str | None:
    """Normalised relative POSIX path, or None when the name could escape the folder."""
    name = name.replace("\\", "/")
    if "\x00" in name or name.startswith("/") or _DRIVE.match(name):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def is_archive(path: Path) -> bool:
    """A ZIP to unpack, as opposed to a ZIP-based document (.docx, .xlsx, .ofd ...)."""
    try:
        with path.open("rb") as f:
            head = f.read(4)
    except OSError:
        return False
    if not is_zip_head(head):
        return False
    kind = package_kind(path)
    if kind == "bad":
        # A damaged .docx goes to its extractor (which says "damaged Word file"); a
        # damaged .zip is an intake problem.
        return path.suffix.lower() == ".zip"
    return kind == "zip"


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _disk_suffix(rel: str) -> str:
    suffix = PurePosixPath(rel).suffix.lower()
    return suffix if _SAFE_SUFFIX.fullmatch(suffix) else ""


class _Intake:
    def __init__(self, work_dir: Path, limits: IntakeLimits) -> None:
        self.work_dir = work_dir
        self.limits = limits
        self.result = IntakeResult()
        self.total_bytes = 0
        self.members = 0
        # A dossier-wide limit (total size, member count) was reached: no more unpacking.
        self.stopped = False
        # Files beyond max_members met while walking a folder (not kept).
        self.files_over = 0
        self._seen: set[str] = set()

    def problem(self, rel: str, reason: str) -> None:
        self.result.problems.append((rel, reason))

    def add_file(self, rel: str, path: Path) -> None:
        if len(self.result.files) >= self.limits.max_members:
            self.files_over += 1
            return
        if rel in self._seen:
            self.problem(rel, "存在同名文件，仅保留第一个")
            return
        self._seen.add(rel)
        self.result.files.append((rel, path))

    # --- folders --------------------------------------------------------------------
    def walk_folder(self, root: Path) -> None:
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            base = Path(dirpath)
            dirnames[:] = sorted(d for d in dirnames if not is_junk(d))
            for d in dirnames:
                if (base / d).is_symlink():
                    self.problem("/".join(map(display_name, (base / d).relative_to(root).parts)),
                                 "符号链接已忽略")
            dirnames[:] = [d for d in dirnames if not (base / d).is_symlink()]
            for name in sorted(filenames):
                path = base / name
                rel = "/".join(map(display_name, path.relative_to(root).parts))
                if is_junk(rel):
                    continue
                if path.is_symlink():
                    self.problem(rel, "符号链接已忽略")
                    continue
                if not _is_regular(path):
                    # Opening a named pipe or a device would block intake (or read forever).
                    self.problem(rel, "不是普通文件（管道、设备等），已忽略")
                    continue
                self.take(rel, path, depth=1)

    def take(self, rel: str, path: Path, depth: int) -> None:
        """A file found at ``rel``: unpack it when it is an archive, else keep it."""
        if is_archive(path):
            self.expand_zip(path, prefix=rel + "/", label=rel, depth=depth)
        else:
            self.add_file(rel, path)

    # --- zips -----------------------------------------------------------------------
    def expand_zip(self, zip_path: Path, prefix: str, label: str, depth: int) -> None:
        """Unpack one archive. A limit reached anywhere inside a top-level archive (its
        nested archives included) stops the unpacking of that archive with one problem
        entry on it saying which limit, where, and how many files were kept."""
        if depth > 1:
            self._expand(zip_path, prefix, label, depth)
            return
        if self.stopped:
            self.problem(label, "解压总量或文件数已达上限，此压缩包未解压")
            return
        kept_before = len(self.result.files)
        try:
            self._expand(zip_path, prefix, label, depth)
        except _Stop as stop:
            if stop.stop_all:
                self.stopped = True
            kept = len(self.result.files) - kept_before
            self.problem(label, f"{stop.reason}；已停止解压此压缩包（已读取其中 {kept} 个文件，"
                                "其余内容未解压）")

    def _expand(self, zip_path: Path, prefix: str, label: str, depth: int) -> None:
        limits = self.limits
        if depth > limits.max_depth:
            raise _Stop(f"压缩包嵌套超过 {limits.max_depth} 层（{label}）", stop_all=False)
        try:
            zf = zipfile.ZipFile(zip_path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
            self.problem(label, "压缩包已损坏，无法解压")
            return
        with zf:
            files = [i for i in zf.infolist() if not i.is_dir()]
            if len(files) + self.members > limits.max_members:
                where = f"{label} 含 {len(files)} 个" if depth > 1 else f"{len(files)} 个"
                raise _Stop(f"压缩包内文件过多（{where}，合计上限 {limits.max_members} 个），"
                            "疑似压缩炸弹", stop_all=True)
            entries: list[tuple[str, zipfile.ZipInfo]] = []
            for info in files:
                name = display_name(decode_member_name(info))
                if name.endswith("\\") and info.file_size == 0:
                    continue  # a folder entry written with Windows separators
                norm = safe_member_path(name)
                if norm is None:
                    self.problem(prefix + name, "压缩包内文件路径不安全（绝对路径或包含“..”），已跳过")
                    continue
                if is_junk(norm):
                    continue
                if _is_symlink(info):
                    self.problem(prefix + norm, "压缩包内的符号链接已跳过")
                    continue
                entries.append((norm, info))
            if not entries and not files:
                self.problem(label, "压缩包内没有文件")
                return
            dest = Path(tempfile.mkdtemp(prefix="zip_", dir=self.work_dir))
            taken: set[str] = set()
            for n, (norm, info) in enumerate(sorted(entries, key=lambda e: e[0])):
                rel = prefix + norm
                if norm in taken:
                    self.problem(rel, "压缩包内有重名文件，仅保留第一个")
                    continue
                taken.add(norm)
                target = dest / f"{n:05d}{_disk_suffix(norm)}"
                if not self._extract_member(zf, info, target, rel):
                    continue
                self.take(rel, target, depth=depth + 1)

    def _extract_member(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path,
                        rel: str) -> bool:
        if info.flag_bits & _ENCRYPTED_FLAG:
            self.problem(rel, "文件已加密（设置了解压密码），无法解压")
            return False
        try:
            self._check_declared(info)
            self.members += 1
            written = self._copy(zf, info, target)
        except _LimitHit as hit:
            target.unlink(missing_ok=True)
            raise _Stop(f"{hit.reason}，位于“{rel}”", stop_all=hit.stop_all) from None
        except NotImplementedError:
            target.unlink(missing_ok=True)
            self.problem(rel, "压缩方式不受支持，无法解压")
            return False
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError,
                struct.error):
            target.unlink(missing_ok=True)
            self.problem(rel, "文件解压失败（压缩包可能已损坏）")
            return False
        self.total_bytes += written
        return True

    def _check_declared(self, info: zipfile.ZipInfo) -> None:
        """Early refusal from header sizes (cheap; the copy enforces the real limits)."""
        limits = self.limits
        if self.total_bytes + info.file_size > limits.max_total_bytes:
            raise _LimitHit(self._total_reason(), stop_all=True)
        if (info.file_size > limits.ratio_grace_bytes
                and info.file_size > limits.max_ratio * max(info.compress_size, 1)):
            raise _LimitHit(self._ratio_reason(), stop_all=False)

    def _copy(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> int:
        limits = self.limits
        budget = limits.max_total_bytes - self.total_bytes
        ratio_cap = limits.max_ratio * max(info.compress_size, 1)
        written = 0
        with zf.open(info) as src, target.open("wb") as dst:
            while True:
                chunk = src.read(_CHUNK)
                if not chunk:
                    break
                written += len(chunk)
                if written > budget:
                    raise _LimitHit(self._total_reason(), stop_all=True)
                if written > limits.ratio_grace_bytes and written > ratio_cap:
                    raise _LimitHit(self._ratio_reason(), stop_all=False)
                dst.write(chunk)
        return written

    def _total_reason(self) -> str:
        mib = self.limits.max_total_bytes / (1 << 20)
        return f"解压后总大小超过上限（{mib:g} MB，疑似压缩炸弹）"

    def _ratio_reason(self) -> str:
        return f"压缩比异常（超过 {self.limits.max_ratio:g} 倍，疑似压缩炸弹）"


def collect_files(input_path: Path, work_dir: Path,
                  limits: IntakeLimits = IntakeLimits()) -> IntakeResult:
    """Files of a dossier as (rel_path, disk_path), sorted by rel_path, plus problems.

    ``rel_path`` is POSIX and relative to the dossier root; members of a zip found in a
    folder read "sub/archive.zip/inner/file.pdf", members of a zip given as the input
    read "inner/file.pdf". Disk paths of unpacked members are under ``work_dir``."""
    input_path = Path(input_path)
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    intake = _Intake(work_dir, limits)
    if input_path.is_dir():
        intake.walk_folder(input_path)
    elif input_path.is_file():
        if is_archive(input_path):
            intake.expand_zip(input_path, prefix="", label=display_name(input_path.name), depth=1)
        else:
            intake.add_file(display_name(input_path.name), input_path)
    else:
        raise FileNotFoundError(str(input_path))
    if intake.files_over:
        intake.problem(input_path.name, f"材料文件数超过上限（{limits.max_members} 个），其余 "
                                        f"{intake.files_over} 个文件未读取")
    result = intake.result
    result.files.sort(key=lambda f: f[0])
    result.problems.sort(key=lambda p: p[0])
    return result
