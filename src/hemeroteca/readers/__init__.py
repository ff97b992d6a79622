"""Readers: one per input form, each turning a file's content into a Record.

`read_document` picks the reader by file name, then by content, and raises
ReadError with a one-line reason when the file cannot be a document.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.readers.decode import UndecodableError, decode_bytes
from hemeroteca.readers.html import EmptyPageError, NotADocument, read_html
from hemeroteca.readers.markdown import read_markdown, sidecar_for
from hemeroteca.readers.text import read_text
from hemeroteca.record import Record

HTML_SUFFIXES = {".htm", ".html", ".xhtml", ".shtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt"}
DOCUMENT_SUFFIXES = HTML_SUFFIXES | MARKDOWN_SUFFIXES | TEXT_SUFFIXES
# A page that is no document (a redirect notice) raises NotADocument from read_document: skipped, not failed.
__all__ = [
    "DOCUMENT_SUFFIXES", "HTML_SUFFIXES", "MARKDOWN_SUFFIXES", "TEXT_SUFFIXES", "MAX_DOCUMENT_BYTES",
    "NotADocument", "ReadError", "form_of", "read_document",
]
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # the largest real MIA page is a few MB; past this it is not a page


# Encodings handed to libxml2 with the raw bytes, by their Python codec names; pages in
# any other encoding are parsed from the decoded text.
_LIBXML_ENCODINGS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "windows-1252", "iso8859-1": "iso-8859-1"}


class ReadError(ValueError):
    """A file that cannot be read as a document; the message is one line."""


def form_of(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:200].lower()
    return "html" if head.startswith(("<!doctype html", "<html", "<?xml")) else "text"


def read_document(path: Path, data: bytes) -> tuple[Record, str, str]:
    """(record, form, encoding) of one file's bytes."""
    if not data.strip():
        raise ReadError("empty file")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ReadError(f"too large for a page ({len(data) // (1024 * 1024)} MB > {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB)")
    try:
        text, encoding = decode_bytes(data)
    except UndecodableError as error:
        raise ReadError(str(error)) from error
    form = form_of(path, text)
    folder_author = load_default_catalogue().author_for_path(path.as_posix())
    author_hints = (folder_author.name,) if folder_author else ()
    try:
        if form == "html":
            libxml_encoding = _LIBXML_ENCODINGS.get(encoding)
            if libxml_encoding is not None:
                record = read_html(data.removeprefix(codecs.BOM_UTF8), author_hints, encoding=libxml_encoding)
            else:
                record = read_html(text, author_hints)
        elif form == "markdown":
            sidecar = sidecar_for(path)
            record = read_markdown(text, sidecar.read_text(encoding="utf-8") if sidecar else None, author_hints)
        else:
            record = read_text(text)
    except EmptyPageError as error:
        raise ReadError(str(error)) from error
    if record.title is None and not record.body:
        raise ReadError(f"no title and no text found in this {form} file")
    return record, form, encoding
