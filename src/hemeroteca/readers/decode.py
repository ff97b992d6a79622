"""Bytes to text: detect the real encoding, never mangle.

About half of ETOL is ISO-8859-1/windows-1252 and the rest UTF-8, and declared
charsets are sometimes wrong. Strict UTF-8 is tried first because a non-ASCII
file that decodes as UTF-8 is almost never anything else; then the declared
charset; then charset-normalizer's detection.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# WHATWG: pages that declare latin-1 are decoded as windows-1252 by every browser.
_BROWSER_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can tell."""


def declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    name = _BROWSER_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first block mean not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) // 20


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding used). Raises UndecodableError for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if looks_binary(data):
        raise UndecodableError("binary content, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    charset = declared_charset(data)
    if charset and charset != "utf-8":
        try:
            return data.decode(charset), charset
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UndecodableError("no text encoding fits")
    return str(best), best.encoding
