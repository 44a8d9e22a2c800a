"""Dossier intake on folders and zips built here with zipfile (names patched at byte
level where zipfile itself would not write them)."""
from __future__ import annotations

import io
import stat
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from extractor.archive import (
    IntakeLimits,
    collect_files,
    decode_member_name,
    is_junk,
    safe_member_path,
)


def _zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _zip_with_raw_names(members: list[tuple[bytes, bytes]], extra: bytes = b"") -> bytes:
    """A zip whose member names are the given raw bytes, UTF-8 flag unset.

    zipfile always writes non-ASCII names as UTF-8 with flag 0x800, so members are
    written under ASCII placeholders of the same length and the bytes swapped after."""
    buf = io.BytesIO()
    placeholders: list[tuple[bytes, bytes]] = []
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (raw, data) in enumerate(members):
            placeholder = f"{i}".rjust(len(raw), "Q").encode("ascii")
            assert len(placeholder) == len(raw)
            info = zipfile.ZipInfo(placeholder.decode("ascii"))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.extra = extra
            zf.writestr(info, data)
            placeholders.append((placeholder, raw))
    out = buf.getvalue()
    for placeholder, raw in placeholders:
        assert out.count(placeholder) == 2  # local header + central directory
        out = out.replace(placeholder, raw)
    return out


def _files(result) -> dict[str, bytes]:
    return {rel: path.read_bytes() for rel, path in result.files}


def test_folder_with_nested_zips_and_junk(tmp_path: Path) -> None:
    root = tmp_path / "dossier"
    (root / "附件").mkdir(parents=True)
    (root / "申报书.pdf").write_bytes(b"%PDF-1.7 a")
    (root / "附件" / "营业执照.jpg").write_bytes(b"\xff\xd8\xff jpg")
    (root / ".DS_Store").write_bytes(b"junk")
    (root / "~$申报书.docx").write_bytes(b"lock")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.pdf").write_bytes(b"%PDF hidden")
    inner = _zip_bytes({"证书/专利1.pdf": b"%PDF p1"})
    outer = _zip_bytes({"财务/审计报告.pdf": b"%PDF audit", "更多.zip": inner,
                        "__MACOSX/._审计报告.pdf": b"junk", "Thumbs.db": b"junk"})
    (root / "附件" / "材料.zip").write_bytes(outer)
    work = tmp_path / "work"

    result = collect_files(root, work)
    assert [rel for rel, _ in result.files] == [
        "申报书.pdf",
        "附件/材料.zip/更多.zip/证书/专利1.pdf",
        "附件/材料.zip/财务/审计报告.pdf",
        "附件/营业执照.jpg",
    ]
    assert result.problems == []
    files = _files(result)
    assert files["附件/材料.zip/更多.zip/证书/专利1.pdf"] == b"%PDF p1"
    # Originals are used in place; unpacked members live under the work folder.
    disk = dict(result.files)
    assert disk["申报书.pdf"] == root / "申报书.pdf"
    assert work in disk["附件/材料.zip/财务/审计报告.pdf"].parents


def test_top_level_zip_uses_member_paths_and_keeps_office_files(tmp_path: Path) -> None:
    docx_like = _zip_bytes({"[Content_Types].xml": b'<Types><Override PartName="/word/document.xml" '
                            b'ContentType="application/vnd.openxmlformats-officedocument.'
                            b'wordprocessingml.document.main+xml"/></Types>',
                            "word/document.xml": b"<w:document/>"})
    archive = tmp_path / "dossier.zip"
    archive.write_bytes(_zip_bytes({"申报材料/申报书.docx": docx_like,
                                    "申报材料/说明.txt": b"hello"}))
    result = collect_files(archive, tmp_path / "work")
    assert [rel for rel, _ in result.files] == ["申报材料/申报书.docx", "申报材料/说明.txt"]
    assert _files(result)["申报材料/申报书.docx"] == docx_like  # not unpacked
    assert dict(result.files)["申报材料/申报书.docx"].suffix == ".docx"


def test_single_plain_file(tmp_path: Path) -> None:
    f = tmp_path / "营业执照.pdf"
    f.write_bytes(b"%PDF-1.4")
    result = collect_files(f, tmp_path / "work")
    assert result.files == [("营业执照.pdf", f)] and result.problems == []
    with pytest.raises(FileNotFoundError):
        collect_files(tmp_path / "missing", tmp_path / "work")


def test_gbk_member_names_decoded(tmp_path: Path) -> None:
    gbk_name = "申报材料/营业执照副本.pdf".encode("gbk")
    archive = tmp_path / "gbk.zip"
    archive.write_bytes(_zip_with_raw_names([(gbk_name, b"%PDF gbk"),
                                             ("财务\\报表.pdf".encode("gbk"), b"%PDF win"),
                                             (b"plain.txt", b"ascii")]))
    with zipfile.ZipFile(archive) as zf:
        info = zf.infolist()[0]
        assert not info.flag_bits & 0x800
        assert info.filename != "申报材料/营业执照副本.pdf"  # zipfile alone gets cp437 mojibake
        assert decode_member_name(info) == "申报材料/营业执照副本.pdf"
    result = collect_files(archive, tmp_path / "work")
    assert _files(result) == {"plain.txt": b"ascii", "申报材料/营业执照副本.pdf": b"%PDF gbk",
                              "财务/报表.pdf": b"%PDF win"}


def test_short_gbk_name_that_is_also_valid_utf8(tmp_path: Path) -> None:
    raw = "模.pdf".encode("gbk")
    assert raw.decode("utf-8") == "ģ.pdf"  # the trap
    archive = tmp_path / "m.zip"
    archive.write_bytes(_zip_with_raw_names([(raw, b"%PDF")]))
    assert [r for r, _ in collect_files(archive, tmp_path / "work").files] == ["模.pdf"]


def test_utf8_without_flag_and_unicode_path_extra(tmp_path: Path) -> None:
    utf8_name = "财务报表.xlsx".encode("utf-8")
    raw = b"renamed.pdf"
    real = "审计报告.pdf".encode("utf-8")
    extra = struct.pack("<HHBI", 0x7075, 5 + len(real), 1, zlib.crc32(raw)) + real
    a = tmp_path / "a.zip"
    a.write_bytes(_zip_with_raw_names([(utf8_name, b"x")]))
    b = tmp_path / "b.zip"
    b.write_bytes(_zip_with_raw_names([(raw, b"y")], extra=extra))
    assert [r for r, _ in collect_files(a, tmp_path / "w1").files] == ["财务报表.xlsx"]
    assert [r for r, _ in collect_files(b, tmp_path / "w2").files] == ["审计报告.pdf"]


def test_path_traversal_and_symlinks_rejected(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../evil.txt", b"escape")
        zf.writestr("ok/../../evil2.txt", b"escape")
        zf.writestr("/etc/passwd_copy", b"abs")
        zf.writestr("C:/Windows/evil.txt", b"drive")
        zf.writestr("good.txt", b"fine")
        link = zipfile.ZipInfo("link.pdf")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    archive = tmp_path / "bad.zip"
    archive.write_bytes(buf.getvalue())
    work = tmp_path / "work"
    result = collect_files(archive, work)
    assert [r for r, _ in result.files] == ["good.txt"]
    problems = dict(result.problems)
    for name in ("../evil.txt", "ok/../../evil2.txt", "/etc/passwd_copy", "C:/Windows/evil.txt"):
        assert "路径不安全" in problems[name]
    assert "符号链接" in problems["link.pdf"]
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "evil2.txt").exists()
    assert all(work in p.parents for _, p in result.files)


def test_compression_ratio_bomb_refused(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    archive.write_bytes(_zip_bytes({"zeros.bin": b"\0" * (8 << 20), "real.pdf": b"%PDF ok"}))
    result = collect_files(archive, tmp_path / "work")
    assert [r for r, _ in result.files] == ["real.pdf"]
    # One entry, on the archive: which limit, where, and how many files were kept.
    assert len(result.problems) == 1 and result.problems[0][0] == "bomb.zip"
    reason = result.problems[0][1]
    assert "压缩比异常" in reason and "zeros.bin" in reason and "已读取其中 1 个文件" in reason
    assert not any(p.stat().st_size > 1000 for p in (tmp_path / "work").rglob("*") if p.is_file())


def test_total_size_limit_stops_extraction(tmp_path: Path) -> None:
    archive = tmp_path / "big.zip"
    archive.write_bytes(_zip_bytes({"a.bin": b"a" * 600, "b.bin": b"b" * 600, "c.bin": b"c"},
                                   compression=zipfile.ZIP_STORED))
    result = collect_files(archive, tmp_path / "work", IntakeLimits(max_total_bytes=1000))
    assert [r for r, _ in result.files] == ["a.bin"]
    assert len(result.problems) == 1 and result.problems[0][0] == "big.zip"
    assert "总大小超过上限" in result.problems[0][1] and "b.bin" in result.problems[0][1]


def test_declared_size_not_trusted(tmp_path: Path) -> None:
    """A header that understates the size cannot sneak more bytes past the copy."""
    payload = bytes(range(256)) * 64  # 16 KiB, poorly compressible
    data = bytearray(_zip_bytes({"liar.bin": payload}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.infolist()[0]
    true_size = struct.pack("<I", info.file_size)
    assert data.count(true_size) == 2
    data = bytearray(bytes(data).replace(true_size, struct.pack("<I", 100)))
    archive = tmp_path / "liar.zip"
    archive.write_bytes(bytes(data))
    result = collect_files(archive, tmp_path / "work")
    assert result.files == []
    assert result.problems == [("liar.bin", "文件解压失败（压缩包可能已损坏）")]
    assert not any(p.is_file() for p in (tmp_path / "work").rglob("*"))


def test_member_count_limit(tmp_path: Path) -> None:
    archive = tmp_path / "many.zip"
    archive.write_bytes(_zip_bytes({f"f{i}.txt": b"x" for i in range(30)}))
    result = collect_files(archive, tmp_path / "work", IntakeLimits(max_members=20))
    assert result.files == []
    assert result.problems[0][0] == "many.zip" and "文件过多" in result.problems[0][1]


def test_nesting_depth_limit(tmp_path: Path) -> None:
    level4 = _zip_bytes({"deep.pdf": b"%PDF deep"})
    level3 = _zip_bytes({"l4.zip": level4, "l3.pdf": b"%PDF 3"})
    level2 = _zip_bytes({"l3.zip": level3})
    archive = tmp_path / "l1.zip"
    archive.write_bytes(_zip_bytes({"l2.zip": level2}))
    result = collect_files(archive, tmp_path / "work")
    assert [r for r, _ in result.files] == ["l2.zip/l3.zip/l3.pdf"]
    assert len(result.problems) == 1 and result.problems[0][0] == "l1.zip"
    assert "压缩包嵌套超过 3 层（l2.zip/l3.zip/l4.zip）" in result.problems[0][1]


def test_encrypted_member_is_a_problem(tmp_path: Path) -> None:
    data = bytearray(_zip_bytes({"secret.pdf": b"%PDF secret", "open.pdf": b"%PDF open"},
                                compression=zipfile.ZIP_STORED))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("secret.pdf")
        local = info.header_offset
    # Set the "encrypted" flag bit in the local header and the central directory entry.
    data[local + 6] |= 0x01
    cd = bytes(data).index(b"PK\x01\x02")
    assert bytes(data[cd + 46:cd + 46 + 10]) == b"secret.pdf"
    data[cd + 8] |= 0x01
    archive = tmp_path / "enc.zip"
    archive.write_bytes(bytes(data))
    result = collect_files(archive, tmp_path / "work")
    assert [r for r, _ in result.files] == ["open.pdf"]
    assert result.problems == [("secret.pdf", "文件已加密（设置了解压密码），无法解压")]


def test_corrupt_zip_is_a_problem(tmp_path: Path) -> None:
    root = tmp_path / "d"
    root.mkdir()
    (root / "坏的.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    (root / "坏的.docx").write_bytes(b"PK\x03\x04 neither is this")
    result = collect_files(root, tmp_path / "work")
    # The damaged .docx is still a document (its extractor reports it); the .zip is not.
    assert [r for r, _ in result.files] == ["坏的.docx"]
    assert result.problems == [("坏的.zip", "压缩包已损坏，无法解压")]


def test_helpers() -> None:
    assert safe_member_path("a/./b//c.pdf") == "a/b/c.pdf"
    assert safe_member_path("a\\b.pdf") == "a/b.pdf"
    assert safe_member_path("a/../../b") is None
    assert safe_member_path("D:\\x.pdf") is None
    assert is_junk("__MACOSX/x.pdf") and is_junk("a/.git/config") and is_junk("~$x.docx")
    assert not is_junk("附件/说明.pdf")


def test_named_pipe_in_a_folder_is_a_problem_not_a_hang(tmp_path):
    import os

    root = tmp_path / "dossier"
    root.mkdir()
    (root / "申报书.txt").write_text("内容", encoding="utf-8")
    os.mkfifo(root / "管道.pdf")
    result = collect_files(root, tmp_path / "work")
    assert [rel for rel, _ in result.files] == ["申报书.txt"]
    assert [rel for rel, _ in result.problems] == ["管道.pdf"]
    assert "不是普通文件" in result.problems[0][1]
