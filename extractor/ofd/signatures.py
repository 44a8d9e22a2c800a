"""Electronic seals on an OFD: Signatures.xml lists the signatures; each Signature.xml
places its seal on pages (StampAnnot PageRef + Boundary) and names the signed value
(SignedValue.dat, a DER-encoded SES_Signature per GM/T 0031) that carries the seal's
picture. The picture is found by walking the DER for an OCTET STRING holding an image
(PNG, JPEG, GIF, BMP, or an OFD package), so SES versions need not be told apart; the
signature itself is not verified."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from extractor.base import UnreadableFileError
from extractor.ofd.content import ImageItem
from extractor.ofd.document import OfdDocument
from extractor.ofd.geometry import Affine, boundary
from extractor.ofd.package import MAX_XML_BYTES, kid, kid_text, kids

log = logging.getLogger(__name__)

MAX_SIGNATURES = 200
_MAGICS: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"), (b"BM", "BMP"), (b"PK\x03\x04", "OFD"),
]


@dataclass
class Signatures:
    count: int
    stamps: dict[str, list[ImageItem]]  # page ID → seal appearances


def _picture_format(data: bytes) -> str | None:
    for magic, fmt in _MAGICS:
        if data.startswith(magic) and (fmt != "BMP" or data[6:10] == b"\0\0\0\0"):
            return fmt
    return None


def _der_octets(data: bytes, depth: int = 0) -> list[bytes]:
    """Contents of OCTET STRINGs anywhere in a DER structure (walk stops at errors)."""
    out: list[bytes] = []
    i = 0
    while i + 2 <= len(data) and depth < 12:
        tag = data[i]
        length = data[i + 1]
        j = i + 2
        if length & 0x80:
            n = length & 0x7F
            if n == 0 or n > 4 or j + n > len(data):
                break
            length = int.from_bytes(data[j:j + n], "big")
            j += n
        if j + length > len(data):
            break
        body = data[j:j + length]
        if tag == 0x04:
            out.append(body)
        elif tag & 0x20:  # constructed: SEQUENCE, SET, context-tagged
            out.extend(_der_octets(body, depth + 1))
        i = j + length
    return out


def seal_picture(signed_value: bytes) -> tuple[bytes, str] | None:
    """The seal image inside a signed value, and its format."""
    for octets in _der_octets(signed_value):
        fmt = _picture_format(octets)
        if fmt is not None:
            return octets, fmt
    # Not DER (some writers store the picture bare or wrapped in their own container):
    # the first embedded image signature.
    hits = [(signed_value.find(m), fmt) for m, fmt in _MAGICS if fmt != "BMP"]
    hits = [(pos, fmt) for pos, fmt in hits if pos >= 0]
    if not hits:
        return None
    pos, fmt = min(hits)
    return signed_value[pos:], fmt


def read_signatures(doc: OfdDocument) -> Signatures:
    """Signature count and seal appearances. A damaged signature part loses that seal's
    picture, never the document: the pages are still readable without it."""
    pkg = doc.pkg
    if doc.signatures_part is None:
        return Signatures(0, {})
    try:
        index = pkg.xml(doc.signatures_part)
    except UnreadableFileError as e:
        log.debug("unreadable Signatures.xml: %s", e)
        return Signatures(0, {})
    entries = kids(index, "Signature")[:MAX_SIGNATURES]
    stamps: dict[str, list[ImageItem]] = {}
    for entry in entries:
        try:
            member = pkg.resolve(doc.signatures_part, entry.get("BaseLoc"))
            if member is None:
                continue
            sig = pkg.xml(member)
            info = kid(sig, "SignedInfo")
            value_part = pkg.resolve(member, kid_text(sig, "SignedValue"))
            picture = seal_picture(pkg.read(value_part, MAX_XML_BYTES)) if value_part else None
            if picture is None:
                continue
            data, fmt = picture
            for annot in kids(info, "StampAnnot"):
                b = boundary(annot.get("Boundary"))
                if b is None or b[2] <= 0 or b[3] <= 0:
                    continue
                item = ImageItem(Affine(b[2], 0, 0, b[3], b[0], b[1]), data=data, format=fmt,
                                 stamp=True)
                # PageRef may list several page IDs (a seal across pages, 骑缝章).
                for pid in (annot.get("PageRef") or "").split():
                    stamps.setdefault(pid, []).append(item)
        except UnreadableFileError as e:
            log.debug("unreadable signature %s: %s", entry.get("BaseLoc"), e)
    return Signatures(len(entries), stamps)
