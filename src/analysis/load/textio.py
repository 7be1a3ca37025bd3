"""Bytes to clean text: encoding detection and repair of what real Vietnamese corpora hold.

Handled here: UTF-8 with or without BOM, UTF-16 (BOM or not), Windows-1258 (legacy
Vietnamese, which stores tone marks as combining characters), UTF-8 text that was once misread
as Windows-1252 (mojibake, repaired with ftfy), NFD text, CRLF / CR line endings and HTML
entities. Binary input is refused with a specific reason instead of being decoded into noise.
"""

from __future__ import annotations

import codecs
import gzip
import html
import os
import re
import unicodedata
from pathlib import Path

import ftfy
import pyarrow as pa

from analysis.load.threads import cores, in_threads
from analysis.text import ZERO_WIDTH_PATTERN


class NotText(ValueError):
    """The bytes are not text in any encoding we accept; ``reason`` goes into ``rejects``."""

    def __init__(self, reason: str, detail: str | None = None):
        super().__init__(reason if detail is None else f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


_BINARY_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive",
    b"\x7fELF": "executable",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
}

# Control characters other than tab, LF, FF and CR never occur in text files.
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})

# Patterns in plain Unicode syntax that both Python's re and pyarrow's RE2 read, so the
# vectorised path (analysis.load.columns) picks out exactly the values these repairs touch.
#
# UTF-8 Vietnamese read as Windows-1252 or Latin-1 leaves a lead byte (Ã Ä Å Æ á ...)
# followed by a continuation byte shown as U+0080–U+00BF or one of cp1252's 0x80–0x9F letters.
MOJIBAKE_PATTERN = (
    "[ÂÃÄÅÆÇÐÑ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|á[º»]"
)
ENTITY_PATTERN = r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
# What makes the text of these corpora not NFC: combining marks (NFD text, Windows-1258's
# tone marks), conjoining jamo, and a few singletons NFC rewrites. Not every non-NFC value of
# every script: other scripts' rare forms (Devanagari letters with nukta, CJK compatibility
# ideographs, U+2000/U+2001) are kept as written by the vectorised path.
NOT_NFC_PATTERN = (
    "[\u0300-\u036f\u1100-\u11ff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u0340\u0341\u0343\u0344\u0374\u037e\u0387\u2126\u212a\u212b]"
)
NEEDS_REPAIR_PATTERN = "|".join(
    (MOJIBAKE_PATTERN, ENTITY_PATTERN, ZERO_WIDTH_PATTERN, NOT_NFC_PATTERN)
)
# Of the values those find, the ones whose repair is more than NFC, or whose NFC may differ
# between Python's and pyarrow's Unicode versions (characters beyond the BMP): these go
# through :func:`clean_field`; pyarrow composes the others.
BEYOND_NFC_PATTERN = "|".join(
    (MOJIBAKE_PATTERN, ENTITY_PATTERN, ZERO_WIDTH_PATTERN, "[\U00010000-\U0010ffff]")
)

_MOJIBAKE = re.compile(MOJIBAKE_PATTERN)
_ENTITY = re.compile(ENTITY_PATTERN)
_ZERO_WIDTH = re.compile(ZERO_WIDTH_PATTERN)


def _looks_utf16(head: bytes) -> str | None:
    """Detect BOM-less UTF-16 by where the NUL bytes of ASCII characters fall."""
    if len(head) < 4:
        return None
    even = head[0::2]
    odd = head[1::2]
    nul_even = even.count(0) / len(even)
    nul_odd = odd.count(0) / len(odd)
    if nul_odd > 0.3 and nul_even < 0.05:
        return "utf-16-le"
    if nul_even > 0.3 and nul_odd < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` into ``str`` and name the encoding used.

    Raises :class:`NotText` for empty or binary input. The text is returned as decoded:
    :func:`clean_text` does the Unicode and line-ending repairs.
    """
    if not data.strip():
        raise NotText("empty file")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise NotText("not text (binary)", what)
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return data.decode("utf-32"), "utf-32"
    if data.startswith(codecs.BOM_UTF8):
        return _decode_utf8_or_legacy(data[3:], "utf-8-sig")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise NotText("not text (binary)", f"invalid UTF-16: {exc.reason}") from exc
    head = data[:4096]
    if b"\x00" in head:
        encoding = _looks_utf16(head)
        if encoding is None:
            raise NotText("not text (binary)", "NUL bytes")
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise NotText("not text (binary)", f"invalid UTF-16: {exc.reason}") from exc
    controls = len(head) - len(head.translate(None, _CONTROL))
    if controls > max(2, len(head) // 100):
        raise NotText("not text (binary)", f"{controls} control bytes in the first 4 KiB")
    return _decode_utf8_or_legacy(data, "utf-8")


def _decode_utf8_or_legacy(data: bytes, name: str) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), name
    except UnicodeDecodeError:
        pass
    try:
        # Windows-1258 is the legacy Vietnamese code page; every byte it leaves undefined
        # means the file is something else.
        return data.decode("cp1258"), "windows-1258"
    except UnicodeDecodeError as exc:
        raise NotText(
            "not text (unknown encoding)",
            f"neither UTF-8 nor Windows-1258 at byte {exc.start}",
        ) from exc


def has_mojibake(text: str) -> bool:
    return _MOJIBAKE.search(text) is not None


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252/Latin-1; ftfy only changes text it is sure about."""
    if not has_mojibake(text):
        return text
    return ftfy.fix_encoding(text)


def unescape_entities(text: str) -> str:
    if "&" not in text or _ENTITY.search(text) is None:
        return text
    return html.unescape(text)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> str:
    """Repair a whole decoded document: zero-width marks, mojibake, NFC, line endings."""
    text = _ZERO_WIDTH.sub("", text)
    text = fix_mojibake(text)
    text = unicodedata.normalize("NFC", text)
    return normalize_newlines(text)


def clean_field(value: object) -> str | None:
    """Repair one text field as published: entities, mojibake, NFC, trimmed.

    Returns ``None`` for missing or blank values.
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value)
    text = _ZERO_WIDTH.sub("", text)
    text = fix_mojibake(text)
    text = unescape_entities(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = text.strip()
    return text or None


# ---------------------------------------------------------------- reading

try:  # ISA-L inflates gzip about 2.5x faster than zlib; same output
    from isal.igzip import decompress as gunzip
    from isal.isal_zlib import error as GzipError
except ImportError:  # pragma: no cover
    gunzip = gzip.decompress
    GzipError = OSError


_GZIP_MAGIC = b"\x1f\x8b"


# Files at least this large are read in one part per core, side by side.
PARALLEL_READ_BYTES = 1 << 24


def _read_in_parts(path: str) -> pa.Buffer | None:
    """A large local file read in one part per core on the loader's threads, straight into
    one Arrow buffer (``os.preadv``: a 106 MB file in 11 ms instead of 19). None when the
    file is small, the system has no ``preadv`` or the file changed size while it was read:
    the caller then reads it in one go."""
    if not hasattr(os, "preadv"):
        return None
    try:
        size = os.path.getsize(path)
    except OSError:
        return None
    if size < PARALLEL_READ_BYTES:
        return None
    buffer = pa.allocate_buffer(size)
    view = memoryview(buffer)
    step = -(-size // cores())
    fd = os.open(path, os.O_RDONLY)
    try:

        def read_part(start: int) -> bool:
            position, stop = start, min(start + step, size)
            while position < stop:
                count = os.preadv(fd, [view[position:stop]], position)
                if count <= 0:
                    return False  # cut short while read
                position += count
            return True

        complete = all(in_threads(read_part, range(0, size, step)))
        complete = complete and os.fstat(fd).st_size == size
    finally:
        view.release()
        os.close(fd)
    return buffer if complete else None


def read_buffer(path: Path) -> pa.Buffer:
    """A file's bytes, un-gzipped, as an Arrow buffer (pyarrow's JSON reader parses it in
    place). A local file is read straight into Arrow's memory; it is not memory-mapped, since
    a mapped file cut short while it is read would kill the process. A URL (a ``UPath``) is
    read through fsspec, and so is a file that reads empty (``/proc``, a pipe)."""
    data = None
    if not hasattr(path, "protocol"):
        data = _read_in_parts(str(path))
        if data is None:
            with pa.OSFile(str(path)) as file:
                data = file.read_buffer()
    if data is None or not data.size:
        data = pa.py_buffer(path.read_bytes())
    if data[:2].to_pybytes() == _GZIP_MAGIC:
        try:
            data = pa.py_buffer(gunzip(data))
        except (OSError, EOFError, ValueError, GzipError) as exc:
            raise NotText("corrupt gzip", str(exc)) from exc
    return data
