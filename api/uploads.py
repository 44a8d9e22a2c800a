"""Receives a multipart upload straight into the job's folder, enforcing the limits while
the bytes arrive (nothing is buffered in memory or in a system temp file first).

Layout of a job folder while the job lives::

    <jobs_dir>/<job id>/input/<dossier>    the file or folder handed to the pipeline
    <jobs_dir>/<job id>/ready              written once the upload is complete

How the dossier is named (it becomes ``report.dossier``, exactly as the CLI names it from
the path it is given): one file and no ``name`` field → that file itself (like
``dossier check 材料.zip``); otherwise a folder called ``name`` (default ``dossier``)
holding the files under their sanitised relative names (like ``dossier check <folder>``).
Zips are not opened here: the pipeline's intake (extractor.archive) unpacks them with its
zip-bomb and path-traversal limits."""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from api.config import MIB, Settings
from api.errors import ApiError
from extractor.registry import detect_format
from dossier.jobs.storage import INPUT_DIR, READY_MARKER, find_input  # noqa: F401 - re-exported

DEFAULT_DOSSIER_NAME = "dossier"
_STAGING_DIR = "staging"
_HEAD_BYTES = 8192
_MAX_DEPTH = 8
_MAX_COMPONENT_BYTES = 200
# Part headers and boundaries on top of the file bytes; a body beyond this is refused.
_PART_OVERHEAD = 4096
_BAD_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')

# Executables, libraries and scripts. Checked before format sniffing so a program renamed
# to .pdf (or a PE/PDF polyglot) is refused rather than passed on by its suffix.
_EXECUTABLE_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "Windows 可执行文件"),
    (b"\x7fELF", "Linux 可执行文件"),
    (b"\xfe\xed\xfa\xce", "macOS 可执行文件"), (b"\xfe\xed\xfa\xcf", "macOS 可执行文件"),
    (b"\xce\xfa\xed\xfe", "macOS 可执行文件"), (b"\xcf\xfa\xed\xfe", "macOS 可执行文件"),
    (b"\xca\xfe\xba\xbe", "可执行文件"),
    (b"#!", "脚本文件"),
    (b"\x00asm", "WebAssembly 程序"),
    (b"dex\n", "Android 程序"),
)


@dataclass
class Upload:
    input_path: Path
    dossier_name: str
    file_count: int
    total_bytes: int
    fields: dict[str, str] = field(default_factory=dict)


def sanitize_relpath(raw: str) -> str:
    """A safe relative POSIX path: no "..", no absolute or drive prefix, no control or
    reserved characters, bounded length and depth. Empty when nothing usable is left."""
    parts: list[str] = []
    for part in raw.replace("\\", "/").split("/"):
        part = _BAD_CHARS.sub("_", part).strip().rstrip(". ")
        if part in ("", ".", ".."):
            continue
        parts.append(_truncate(part))
    return "/".join(parts[-_MAX_DEPTH:])


def sanitize_name(raw: str) -> str:
    """One visible path component (the dossier folder name): the last usable part."""
    return sanitize_relpath(raw).rpartition("/")[2].lstrip(". ")


def _truncate(part: str) -> str:
    if len(part.encode("utf-8")) <= _MAX_COMPONENT_BYTES:
        return part
    suffix = PurePosixPath(part).suffix
    suffix = suffix if len(suffix) <= 16 else ""
    stem = part[: len(part) - len(suffix)]
    while len((stem + suffix).encode("utf-8")) > _MAX_COMPONENT_BYTES:
        stem = stem[:-1]
    return stem + suffix


def _decode(raw: bytes) -> str:
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def executable_kind(head: bytes) -> str | None:
    for magic, label in _EXECUTABLE_MAGICS:
        if head.startswith(magic):
            return label
    return None


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "UPLOAD_TOO_LARGE",
                    f"上传内容超过大小上限（{limit / MIB:g} MB），请分批提交或压缩扫描件",
                    {"limit_bytes": limit, "limit_mb": limit / MIB})


class _FormReceiver:
    """python-multipart callbacks writing file parts under ``staging``."""

    def __init__(self, staging: Path, settings: Settings) -> None:
        self.staging = staging
        self.settings = settings
        self.fields: dict[str, str] = {}
        self.files: list[tuple[str, Path]] = []
        self.file_bytes = 0
        self._taken_files: set[str] = set()
        self._taken_dirs: set[str] = set()
        self._header_name = b""
        self._header_value = b""
        self._disposition = b""
        self._field: str | None = None
        self._value = bytearray()
        self._out: BinaryIO | None = None
        # Set by the closing boundary; without it the body was cut short or malformed.
        self.complete = False

    def callbacks(self) -> dict[str, object]:
        return {"on_part_begin": self.on_part_begin, "on_part_data": self.on_part_data,
                "on_part_end": self.on_part_end, "on_header_field": self.on_header_field,
                "on_header_value": self.on_header_value, "on_header_end": self.on_header_end,
                "on_headers_finished": self.on_headers_finished, "on_end": self.on_end}

    def on_part_begin(self) -> None:
        self._disposition = b""
        self._field = None
        self._value = bytearray()
        self._out = None

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        if self._header_name.strip().lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_name = b""
        self._header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        if b"name" not in options:
            raise ApiError(400, "BAD_MULTIPART", "上传格式有误：表单字段缺少名称")
        if b"filename" not in options:
            self._field = _decode(options[b"name"])
            return
        # Any part carrying a file name is a file, whatever its field is called
        # ("files", "file", "files[]" depending on the client).
        if len(self.files) >= self.settings.max_files:
            limit = self.settings.max_files
            raise ApiError(413, "TOO_MANY_FILES",
                           f"上传文件数量超过上限（{limit} 个），请打包为 zip 或分批提交",
                           {"limit": limit})
        raw_name = _decode(options[b"filename"])
        rel = sanitize_relpath(raw_name) or f"file-{len(self.files) + 1}"
        self._claim(rel, raw_name)
        target = self.staging / rel
        if not target.resolve().is_relative_to(self.staging.resolve()):
            raise ApiError(400, "INVALID_FILE_NAME", "文件名不安全", {"file": raw_name})
        target.parent.mkdir(parents=True, exist_ok=True)
        self._out = target.open("xb")
        self.files.append((rel, target))

    def _claim(self, rel: str, raw_name: str) -> None:
        parents = [str(p) for p in PurePosixPath(rel).parents if str(p) != "."]
        clash = (rel in self._taken_files or rel in self._taken_dirs
                 or any(p in self._taken_files for p in parents))
        if clash:
            raise ApiError(400, "DUPLICATE_FILE_NAME",
                           f"上传的文件重名：{rel}（文件名经安全处理后相同），请改名后重新提交",
                           {"file": raw_name, "sanitized": rel})
        self._taken_files.add(rel)
        self._taken_dirs.update(parents)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._out is not None:
            self.file_bytes += len(chunk)
            if self.file_bytes > self.settings.max_upload_bytes:
                raise _too_large(self.settings.max_upload_bytes)
            # Blocking writes of at most one network chunk land in the page cache; a
            # thread hop per chunk would cost more than it saves.
            self._out.write(chunk)
            return
        self._value += chunk
        if len(self._value) > self.settings.max_field_bytes:
            raise ApiError(400, "FIELD_TOO_LARGE", f"表单字段 {self._field} 内容过长",
                           {"field": self._field, "limit_bytes": self.settings.max_field_bytes})

    def on_part_end(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
        elif self._field is not None:
            self.fields[self._field] = _decode(bytes(self._value)).strip()

    def on_end(self) -> None:
        self.complete = True

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


def _check_content_type(request: Request, settings: Settings) -> bytes:
    ctype, params = parse_options_header(request.headers.get("content-type", ""))
    if ctype != b"multipart/form-data":
        raise ApiError(415, "NOT_MULTIPART",
                       "请求格式应为 multipart/form-data（字段 files、program、as_of）",
                       {"content_type": ctype.decode("latin-1")})
    boundary = params.get(b"boundary")
    if not boundary:
        raise ApiError(400, "BAD_MULTIPART", "上传格式有误：缺少 multipart 分隔符 (boundary)")
    return boundary


def _body_limit(settings: Settings) -> int:
    return settings.max_upload_bytes + _PART_OVERHEAD * (settings.max_files + 4)


def _sniff(files: list[tuple[str, Path]]) -> None:
    for rel, path in files:
        with path.open("rb") as f:
            head = f.read(_HEAD_BYTES)
        exe = executable_kind(head)
        if exe is not None:
            raise ApiError(415, "EXECUTABLE_FILE",
                           f"不接受可执行文件或脚本：{rel}（识别为{exe}）",
                           {"file": rel, "detected": "executable"})
        kind = detect_format(path, head)
        if kind == "unknown":
            raise ApiError(415, "UNSUPPORTED_FILE_TYPE",
                           f"无法识别的文件类型：{rel}。请提交 PDF、Word (.docx)、Excel (.xlsx)、"
                           f"图片或 zip 压缩包",
                           {"file": rel, "detected": kind})


def _arrange(job_dir: Path, staging: Path, files: list[tuple[str, Path]],
             name_field: str | None) -> tuple[Path, str]:
    input_dir = job_dir / INPUT_DIR
    input_dir.mkdir()
    if len(files) == 1 and name_field is None:
        rel, path = files[0]
        target = input_dir / PurePosixPath(rel).name
        path.rename(target)
        shutil.rmtree(staging, ignore_errors=True)
        return target, target.name
    name = (sanitize_name(name_field) if name_field is not None else "") or DEFAULT_DOSSIER_NAME
    target = input_dir / name
    staging.rename(target)
    return target, name


async def receive_upload(request: Request, job_dir: Path, settings: Settings) -> Upload:
    """Stream the request body into ``job_dir``; on any refusal the folder is removed."""
    boundary = _check_content_type(request, settings)
    body_limit = _body_limit(settings)
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > body_limit:
        raise _too_large(settings.max_upload_bytes)
    staging = job_dir / _STAGING_DIR
    staging.mkdir(parents=True)
    receiver = _FormReceiver(staging, settings)
    try:
        try:
            parser = MultipartParser(boundary, receiver.callbacks())  # type: ignore[arg-type]
            received = 0
            async for chunk in request.stream():
                received += len(chunk)
                if received > body_limit:
                    raise _too_large(settings.max_upload_bytes)
                parser.write(chunk)
            parser.finalize()
            if not receiver.complete:
                raise ApiError(400, "BAD_MULTIPART", "上传内容不完整：multipart 数据缺少结束分隔符")
        except FormParserError as e:
            raise ApiError(400, "BAD_MULTIPART", "上传格式有误：multipart 数据无法解析") from e
        finally:
            receiver.close()
        if not receiver.files:
            raise ApiError(400, "NO_FILES", "没有收到任何文件：请在字段 files 中上传材料文件或一个 zip")
        _sniff(receiver.files)
        input_path, name = _arrange(job_dir, staging, receiver.files,
                                    receiver.fields.get("name") or None)
    except BaseException:
        shutil.rmtree(job_dir, ignore_errors=True)
        raise
    return Upload(input_path=input_path, dossier_name=name, file_count=len(receiver.files),
                  total_bytes=receiver.file_bytes, fields=receiver.fields)

