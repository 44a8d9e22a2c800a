"""The OFD container: a ZIP whose parts point at each other by path.

Every part is read through here so that one set of limits holds (declared sizes against
zip bombs, member count, XML without entity expansion or network access) and paths
resolve one way: relative to the folder of the XML that names them, or from the package
root when they start with "/". Producers disagree about case and about leading slashes,
so a path that does not exist as written is also looked up case-insensitively and from
the root. Elements are matched by local name, because producers write the OFD namespace
with a prefix, as the default namespace, or not at all.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path
from typing import Iterator

from lxml import etree

from extractor.base import UnreadableFileError
from extractor.office_sniff import MAX_PACKAGE_BYTES, MAX_PACKAGE_RATIO

OFD_NS = "http://www.ofdspec.org/2016"
# More parts than any real document has (a 500-page OFD has about 1 500).
MAX_MEMBERS = 20_000
MAX_XML_BYTES = 32 << 20
MAX_MEDIA_BYTES = 128 << 20
# Members smaller than this may compress by any ratio (XML of repeated elements does).
_RATIO_GRACE = 10 << 20

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)


def local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):  # comments, processing instructions, entities
        return ""
    return tag.rsplit("}", 1)[-1]


def kids(el: etree._Element | None, name: str) -> list[etree._Element]:
    if el is None:
        return []
    return [c for c in el if local(c) == name]


def kid(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    for c in el:
        if local(c) == name:
            return c
    return None


def kid_text(el: etree._Element | None, name: str) -> str | None:
    c = kid(el, name)
    if c is None or c.text is None:
        return None
    return c.text.strip() or None


def descendants(el: etree._Element, name: str) -> Iterator[etree._Element]:
    for c in el.iter():
        if local(c) == name:
            yield c


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    """The limits of ``office_sniff.check_package``, for a file or for bytes (a seal
    picture inside a signature is itself an OFD package)."""
    if len(infos) > MAX_MEMBERS:
        raise UnreadableFileError("OFD 文件结构异常（包内文件数量过多），已拒绝读取",
                                  str(len(infos)))
    total = 0
    for info in infos:
        total += info.file_size
        if info.flag_bits & 0x1:
            raise UnreadableFileError("OFD 文件已加密，无法读取，请提交未加密的文件")
        if (info.file_size > _RATIO_GRACE
                and info.file_size > MAX_PACKAGE_RATIO * max(info.compress_size, 1)):
            raise UnreadableFileError("文件解压后体积异常（疑似压缩炸弹），已拒绝读取",
                                      info.filename)
    if total > MAX_PACKAGE_BYTES:
        raise UnreadableFileError("文件解压后体积异常（疑似压缩炸弹），已拒绝读取",
                                  f"{total} bytes")


class OfdPackage:
    """An open OFD file (a path, or the bytes of one). Use as a context manager; parts
    are read on demand."""

    def __init__(self, source: Path | bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes)
                                        else source)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
                NotImplementedError) as e:
            raise UnreadableFileError("OFD 文件已损坏，无法打开", type(e).__name__) from e
        try:
            _check_members(infos)
        except UnreadableFileError:
            self._zip.close()
            raise
        self._infos = {i.filename: i for i in infos if not i.is_dir()}
        self._folded = {name.lower(): name for name in self._infos}

    def __enter__(self) -> OfdPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def names(self) -> list[str]:
        return list(self._infos)

    def find(self, name: str) -> str | None:
        """The member's real name, matching case-insensitively when needed."""
        name = name.lstrip("/")
        if name in self._infos:
            return name
        return self._folded.get(name.lower())

    def resolve(self, base_part: str | None, loc: str | None) -> str | None:
        """``loc`` as written in ``base_part`` (None: the package root) → member name."""
        if not loc or not loc.strip():
            return None
        loc = loc.strip().replace("\\", "/")
        if loc.startswith("/"):
            candidates = [loc]
        else:
            base_dir = posixpath.dirname(base_part) if base_part else ""
            candidates = [posixpath.join(base_dir, loc), loc]
        for cand in candidates:
            norm = posixpath.normpath(cand.lstrip("/"))
            if norm.startswith("..") or norm in (".", ""):
                continue
            found = self.find(norm)
            if found is not None:
                return found
        return None

    def read(self, name: str, limit: int = MAX_MEDIA_BYTES) -> bytes:
        info = self._infos[name]
        if info.file_size > limit:
            raise UnreadableFileError("OFD 文件中的部件体积异常，已拒绝读取",
                                      f"{name}: {info.file_size} bytes")
        try:
            return self._zip.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
                RuntimeError) as e:
            # A truncated member, a bad CRC, an unknown compression method.
            raise UnreadableFileError("OFD 文件已损坏（包内文件无法解压）",
                                      f"{name}: {type(e).__name__}") from e

    def xml(self, name: str) -> etree._Element:
        data = self.read(name, MAX_XML_BYTES)
        try:
            root = etree.fromstring(data, _PARSER)
        except (etree.XMLSyntaxError, ValueError) as e:
            raise UnreadableFileError("OFD 文件已损坏（XML 结构无效）", f"{name}: {e}") from e
        if root is None:
            raise UnreadableFileError("OFD 文件已损坏（XML 结构无效）", name)
        return root

    def xml_at(self, base_part: str | None, loc: str | None,
               what: str) -> tuple[str, etree._Element]:
        """A required XML part: its member name and root, or a Chinese reason naming it."""
        name = self.resolve(base_part, loc)
        if name is None:
            raise UnreadableFileError(f"OFD 文件已损坏（缺少{what}）", loc or "")
        return name, self.xml(name)
