"""Legacy twins of a generated file, as applicants send them: Word 97 .doc, a Kingsoft
.wps (the same Word 97 binary under WPS's suffix, which is what WPS Office writes), Excel
97 .xls and Kingsoft .et, OpenDocument .odt/.ods, PowerPoint .ppt/.pptx, and an encrypted
.doc/.xls (an open password set), all made with LibreOffice headless.

Each function writes ``out_dir/<source stem>.<suffix>`` and returns that path. The same
source gives the same content (LibreOffice stamps no random ids into these formats'
text); byte-for-byte equality is not promised, since the files carry save times.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.oxml.ns import qn

from extractor.soffice import (SofficeMissing, convert, find_soffice, private_workdir,
                               profile_flag, run_bounded)

_WORD_97 = "doc:MS Word 97"
_EXCEL_97 = "xls:MS Excel 97"
_POWERPOINT_97 = "ppt:MS PowerPoint 97"
_ODF_TEXT = "odt:writer8"
_ODF_SHEET = "ods:calc8"
_POWERPOINT_2007 = "pptx:Impress MS PowerPoint 2007 XML"
# A twin is a test input, not a dossier: allow slow machines more than the reader's limit.
_TIMEOUT_S = 180.0


def _end_with_paragraph(docx_path: Path) -> None:
    """Word always keeps a paragraph after a table that ends the document; python-docx
    does not, and LibreOffice's Word 97 export then loses that last table (7.4: its text
    comes back run together in one paragraph). Give the copy the paragraph Word would."""
    document = docx.Document(str(docx_path))
    blocks = [el for el in document.element.body if el.tag != qn("w:sectPr")]
    if blocks and blocks[-1].tag == qn("w:tbl"):
        document.add_paragraph()
        document.save(str(docx_path))


def _convert(src: Path, out_dir: Path, convert_to: str, suffix: str) -> Path:
    """Convert ``src`` (any name) into ``out_dir/<stem><suffix>``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{src.stem}{suffix}"
    with private_workdir() as work:
        neutral = work / f"source{src.suffix.lower()}"
        shutil.copyfile(src, neutral)
        if neutral.suffix == ".docx":
            _end_with_paragraph(neutral)
        done = convert(neutral, convert_to, work, timeout_s=_TIMEOUT_S)
        shutil.move(str(done.output), target)
    return target


def to_pdf(src: Path, out_dir: Path) -> Path:
    """The file printed to PDF (Word, Excel or a presentation), as "另存为 PDF" makes it."""
    return _convert(Path(src), Path(out_dir), "pdf", ".pdf")


def to_doc(src_docx: Path, out_dir: Path) -> Path:
    """Word 97-2003 .doc twin of a .docx."""
    return _convert(Path(src_docx), Path(out_dir), _WORD_97, ".doc")


def to_wps(src_docx: Path, out_dir: Path) -> Path:
    """Kingsoft WPS 文字 .wps twin: a Word 97 binary under the .wps suffix."""
    return _convert(Path(src_docx), Path(out_dir), _WORD_97, ".wps")


def to_xls(src_xlsx: Path, out_dir: Path) -> Path:
    """Excel 97-2003 .xls twin of a .xlsx."""
    return _convert(Path(src_xlsx), Path(out_dir), _EXCEL_97, ".xls")


def to_et(src_xlsx: Path, out_dir: Path) -> Path:
    """Kingsoft WPS 表格 .et twin: an Excel 97 binary under the .et suffix."""
    return _convert(Path(src_xlsx), Path(out_dir), _EXCEL_97, ".et")


def to_odt(src_docx: Path, out_dir: Path) -> Path:
    """OpenDocument text twin of a .docx (LibreOffice's and WPS's "save as .odt")."""
    return _convert(Path(src_docx), Path(out_dir), _ODF_TEXT, ".odt")


def to_ods(src_xlsx: Path, out_dir: Path) -> Path:
    """OpenDocument spreadsheet twin of a .xlsx."""
    return _convert(Path(src_xlsx), Path(out_dir), _ODF_SHEET, ".ods")


def to_ppt(src_presentation: Path, out_dir: Path) -> Path:
    """PowerPoint 97-2003 .ppt twin of a presentation LibreOffice Impress can open
    (.odp, .pptx)."""
    return _convert(Path(src_presentation), Path(out_dir), _POWERPOINT_97, ".ppt")


def to_pptx(src_presentation: Path, out_dir: Path) -> Path:
    """PowerPoint 2007+ .pptx twin of a presentation Impress can open (.odp, .ppt)."""
    return _convert(Path(src_presentation), Path(out_dir), _POWERPOINT_2007, ".pptx")


# --convert-to cannot set an open password on the binary formats, so an encrypted twin is
# saved by a Basic routine placed in the private profile's own macro library (the user's
# "My Macros", which runs as part of LibreOffice itself, not from any document).
_ENCRYPT_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Main
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden" : load(0).Value = True
  Dim doc As Object
  doc = StarDesktop.loadComponentFromURL("{src}", "_blank", 0, load())
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName" : store(0).Value = "{filter}"
  store(1).Name = "Password" : store(1).Value = "{password}"
  doc.storeToURL("{dst}", store())
  doc.close(True)
End Sub
</script:module>
"""
_ENCRYPT_FILTERS = {".doc": "MS Word 97", ".xls": "MS Excel 97"}


def to_encrypted(src: Path, out_dir: Path, suffix: str = ".doc",
                 password: str = "dossier") -> Path:
    """A .doc (from a .docx) or .xls (from a .xlsx) with an open password."""
    src, out_dir = Path(src), Path(out_dir)
    if suffix not in _ENCRYPT_FILTERS:
        raise ValueError(f"no encrypted twin for {suffix}")
    if not password.isalnum():
        raise ValueError("password must be letters and digits")
    exe = find_soffice()
    if exe is None:
        raise SofficeMissing()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{src.stem}{suffix}"
    with private_workdir() as work:
        neutral = work / f"source{src.suffix.lower()}"
        shutil.copyfile(src, neutral)
        written = work / f"encrypted{suffix}"
        # The first start fills the new profile (its Standard library among it); then our
        # module replaces the empty Module1 and is run.
        flag = profile_flag(work)
        run_bounded([exe, flag, "--headless", "--terminate_after_init"], work, _TIMEOUT_S)
        module = work / "profile" / "user" / "basic" / "Standard" / "Module1.xba"
        module.write_text(_ENCRYPT_MODULE.format(
            src=escape(neutral.as_uri()), dst=escape(written.as_uri()),
            filter=_ENCRYPT_FILTERS[suffix], password=password), encoding="utf-8")
        run_bounded([exe, flag, "--headless", "--norestore", "--nologo",
                     "macro:///Standard.Module1.Main"], work, _TIMEOUT_S)
        if not written.is_file():
            raise RuntimeError("LibreOffice wrote no encrypted file")
        shutil.move(str(written), target)
    return target
