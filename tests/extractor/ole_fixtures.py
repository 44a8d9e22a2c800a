"""The smallest valid OLE compound files ([MS-CFB] version 3), for tests that must not
depend on LibreOffice to make a legacy Office file: a root storage holding empty streams
with the names that identify Word, Excel, PowerPoint or an encrypted OOXML package."""
from __future__ import annotations

import struct

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END, _FREE, _FATSECT, _NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(*streams: str) -> bytes:
    """Header, one FAT sector (sector 0) and one directory sector (sector 1) holding the
    root entry and up to three empty streams, linked as right siblings."""
    if len(streams) > 3:
        raise ValueError("at most three streams fit the one directory sector")
    header = bytearray(512)
    header[:8] = OLE
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<II", header, 0x2C, 1, 1)  # one FAT sector; directory at sector 1
    struct.pack_into("<IIIII", header, 0x38, 4096, _END, 0, _END, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([_FREE] * 108))
    fat = struct.pack("<128I", _FATSECT, _END, *([_FREE] * 126))
    directory = bytearray(512)
    names = ["Root Entry", *streams]
    for i in range(4):
        entry = bytearray(128)
        right = child = _NOSTREAM
        if i < len(names):
            raw = names[i].encode("utf-16-le") + b"\0\0"
            entry[:len(raw)] = raw
            struct.pack_into("<HBB", entry, 64, len(raw), 5 if i == 0 else 2, 1)
            if i == 0 and streams:
                child = 1
            elif 0 < i < len(names) - 1:
                right = i + 1
            struct.pack_into("<IQ", entry, 116, _END, 0)
        struct.pack_into("<III", entry, 68, _NOSTREAM, right, child)
        directory[i * 128:(i + 1) * 128] = entry
    return bytes(header + fat + directory)
