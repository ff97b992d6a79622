"""The server backend: the archive in a PostgreSQL database (`--db postgresql://user@host/db`).

The same tables as the SQLite store (periodicals, periodical_names, volumes, issues,
authors, author_aliases, documents, document_authors, credits, files, attribution_claims), created
idempotently on first use, and the same behaviour behind the same methods: one
transaction per batch with a SAVEPOINT per document, so a batch never leaves half a
document, and a document the database refuses is reported and the rest is stored.

Full-text search (store/postgres_search.py) — how documents and queries meet:

* One text search configuration, `hemeroteca`: PostgreSQL's default parser, then the
  `unaccent` dictionary as a filter, then Snowball's 'porter' stemmer (Porter's original
  algorithm) built without stop words. It is what the SQLite store's FTS5 tokenizer does
  ('porter unicode61 remove_diacritics 2'): case and accents folded ("REVOLUÇÃO" and
  "revolucao" are one word), the same English stemming ("strikes" finds "strike"; not
  Snowball's 'english', Porter2, which stems otherwise: "https", "strikingly"), every
  word indexed, so every typed word must occur. Like SQLite, it stems every document
  with English rules whatever its language: stemming each language its own way
  (Portuguese, Spanish, Russian Snowball) was tried and gave other answers than SQLite
  on the same archive ("trotsky" no longer finds the Portuguese "Trótski", which the
  English stemmer reaches through y → i: 277 documents instead of 345 in the shared
  corpus), so it waits for a tokenizer that both backends can share. Folding inside the
  configuration, not by unaccent() on the text, lets ts_headline mark the words as
  written, accents kept.
* Before parsing, text goes through `hemeroteca_words()` (an IMMUTABLE SQL function, so a
  generated column may use it): every run of characters that are not letters or digits
  becomes one space. The parser then sees the words FTS5's unicode61 tokenizer sees, and
  not its own URL, host, e-mail, file name, decimal or hyphenated-compound tokens
  ("www.marxists.org" is three words on both backends). FTS5's porter stems only words
  of three letters or more, all a–z: there a word of one or two letters gets a mark
  letter (ʬ) so that no suffix rule applies ("as" stays "as", where Snowball's porter
  makes it "a"), and `hemeroteca_unmark()` takes the mark out of the tsvector (and of
  the tsquery) after stemming, so that "it" and the stem of "its" are one lexeme, as in
  FTS5. Words with digits are mapped to 'simple' (folded, never stemmed), as in FTS5.
* `documents.tsv` is a generated column: title weighted A, subtitle and author names B,
  body D, joined by a "field break" lexeme that no text can produce (its position keeps
  a phrase from running from one field into the next, as FTS5 columns do). A GIN index
  serves it.
* A query is parsed by Python (search.query) into words, phrases and exclusions. Each
  becomes `hemeroteca_unmark(phraseto_tsquery('hemeroteca', hemeroteca_words(%s)))` over
  a bound parameter — a word of several tokens ("don't") is a phrase of them, as in an
  FTS5 string — and they are ANDed with `&&`. `tsv @@ plainto_tsquery(all the words)`, which the GIN index answers, narrows
  the documents; each word and phrase is then tested (`tsv @@ …`, or in the chunks).
* A tsvector keeps 255 positions of a lexeme at most, and positions up to 16383 (every
  later word sits at 16383): a phrase past either limit — "of the" after the document's
  255th "the", any phrase after its 16,383rd word — cannot be found in it. A document
  whose tsv reaches either limit (the longer ones: Capital's chapters, most pages past a
  few thousand words) also has its body in `document_chunks`: 3,000 words each,
  overlapping the next by 500 (more than a query's phrase can hold), a chunk holding a
  lexeme 255 times cut in two until none does. In such a document a phrase is looked
  for in the title, subtitle and authors (weights A and B of tsv) and in the chunks, so
  it is found wherever it is, as on SQLite. A single word is found in tsv, which keeps
  every lexeme whatever its positions.
* Ranking is that of the SQLite store: the exact title typed (title_key, folded in
  Python by search.query.fold, the same on both backends) +200, all the words as a
  phrase in the order typed +100, then ts_rank_cd with weights A 1.0, B 0.4, D 0.1 (the
  10:4:1 of the SQLite store's BM25 weights), normalised by document length and into
  [0, 1) so it never crosses a tier.

Names: trigram (pg_trgm) GIN indexes on authors.name and on author_aliases.alias_key,
the key the `author:` filter matches by suffix ("cannon" finds "james p cannon").

Every value from a user or a page reaches PostgreSQL as a bound parameter; the only
text put into SQL is this module's own (table names, configuration names).
PostgreSQL text cannot hold U+0000: it is stored as U+FFFD (what HTML parsers make of it).
The database must use UTF-8 with a locale whose lower() knows non-ASCII letters (any
*.UTF-8 LC_CTYPE, or ICU); opening one that does not is a one-line error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.catalogue.model import AuthorRef, CatalogueLinks
from hemeroteca.catalogue.names import free_slug, name_key, periodical_key, slugify
from hemeroteca.record import Record, record_from_json
from hemeroteca.search.query import Query
from hemeroteca.search.results import SearchResult
from hemeroteca.store import postgres_search
from hemeroteca.store.base import (
    DatabaseUnavailableError, DocumentSummary, FailedFile, NoDatabaseError, PreparedFile, SkippedFile,
)
from hemeroteca.store.schema import POSTGRES_TYPES, attribution_tables, catalogue_tables, document_tables, reuse_tables

SCHEMA_VERSION = 3  # 2: attribution_claims; 3: reuse_signatures, reuse_pairs, reuse_clusters, reuse_passages

SEARCH_CONFIG = "hemeroteca"  # the text search configuration of documents and queries alike
WORDS = "hemeroteca_words"  # the SQL function that turns text into words separated by spaces, before parsing
UNMARK = "hemeroteca_unmark"  # the SQL function that takes SHORT_WORD_MARK out of a tsvector or a tsquery
_WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"
_NUMBER_TOKENS = "numword, numhword, hword_numpart"  # letters with digits: folded, never stemmed, as in FTS5
SHORT_WORD_MARK = "\u02ac"  # "ʬ", appended to words of one or two letters: a letter no text here holds

# SQLSTATE classes that are the server's or the connection's trouble, not a document's: connection
# exception, insufficient resources, operator intervention, system error, internal error.
_NOT_THE_DOCUMENT = frozenset({"08", "53", "57", "58", "XX"})
# Writers take this advisory lock for a batch, as SQLite's BEGIN IMMEDIATE serialises them; opening
# an archive takes the other while it creates the schema.
_WRITE_LOCK = 0x68656D65  # "heme"
_SCHEMA_LOCK = 0x68656D66


# A tsvector keeps at most 255 positions of a lexeme, and positions up to 16383 (later words all sit
# at 16383): a phrase past either limit ("of the" after the 255th "the") is not found in it. A document
# whose tsv reaches either limit also gets its body in overlapping chunks small enough for both.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 255  # what to_tsvector keeps (tsvector.h MAXNUMPOS - 1)
CHUNK_WORDS = 3000  # a chunk's new words; a chunk with a lexeme 255 times is cut in two, and so on
CHUNK_OVERLAP = 500  # words each chunk runs on into the next: more than a phrase of a query can hold (1,000 characters)
_WORD = re.compile(r"[^\W_]+")

_FIELD_BREAK = "$$'field break':1$$::tsvector"

_SEARCH_COLUMNS = f""",
    extra_fields_order TEXT[] NOT NULL DEFAULT '{{}}',  -- JSONB orders keys its own way; the page's order
    -- What search reads (SQLite keeps these in its FTS5 table):
    subtitle TEXT NOT NULL DEFAULT '',
    author_names TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    tsv TSVECTOR GENERATED ALWAYS AS ({UNMARK}(
        setweight(to_tsvector('{SEARCH_CONFIG}', {WORDS}(coalesce(title, ''))), 'A') || {_FIELD_BREAK}
        || setweight(to_tsvector('{SEARCH_CONFIG}', {WORDS}(subtitle)), 'B') || {_FIELD_BREAK}
        || setweight(to_tsvector('{SEARCH_CONFIG}', {WORDS}(author_names)), 'B') || {_FIELD_BREAK}
        || setweight(to_tsvector('{SEARCH_CONFIG}', {WORDS}(body)), 'D')
    )) STORED"""

_EXTENSIONS = "CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm"
_SCHEMA = f"""
-- Words as FTS5's unicode61 tokenizer sees them: runs of letters and digits, anything else a space,
-- so the parser finds no URLs, hosts, e-mail addresses, file names, decimals or hyphenated compounds.
-- A word of one or two letters gets a mark letter, so that the stemmer leaves it as it is.
CREATE OR REPLACE FUNCTION {WORDS}(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT regexp_replace(regexp_replace($1, '[^[:alnum:]]+', ' ', 'g'),
                                '\\m([[:alpha:]]{{1,2}})\\M', '\\1{SHORT_WORD_MARK}', 'g') $$;
-- The mark taken out again after stemming: "it" (unstemmed) and "its" (stemmed) are one lexeme, as in FTS5.
CREATE OR REPLACE FUNCTION {UNMARK}(tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT CASE WHEN strpos($1::text, '{SHORT_WORD_MARK}') = 0 THEN $1
                      ELSE replace($1::text, '{SHORT_WORD_MARK}', '')::tsvector END $$;
CREATE OR REPLACE FUNCTION {UNMARK}(tsquery) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT CASE WHEN strpos($1::text, '{SHORT_WORD_MARK}') = 0 THEN $1
                      ELSE replace($1::text, '{SHORT_WORD_MARK}', '')::tsquery END $$;
CREATE TABLE IF NOT EXISTS hemeroteca_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
{catalogue_tables(POSTGRES_TYPES)}
CREATE INDEX IF NOT EXISTS periodicals_name_key ON periodicals(name_key);
CREATE INDEX IF NOT EXISTS authors_name_trgm ON authors USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS author_aliases_key_trgm ON author_aliases USING gin (alias_key gin_trgm_ops);
{document_tables(POSTGRES_TYPES, more_columns=_SEARCH_COLUMNS)}
CREATE INDEX IF NOT EXISTS documents_title_key ON documents USING hash (title_key);  -- hash: a title of any length
CREATE INDEX IF NOT EXISTS documents_tsv ON documents USING gin (tsv);
CREATE TABLE IF NOT EXISTS document_chunks (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    chunk INTEGER NOT NULL,
    tsv TSVECTOR NOT NULL,         -- some CHUNK_OVERLAP + CHUNK_WORDS words of the body, overlapping the next chunk
    PRIMARY KEY (document_id, chunk)
);
{attribution_tables(POSTGRES_TYPES)}
{reuse_tables(POSTGRES_TYPES)}
"""


_SEARCH_CONFIG_SQL = (
    # Porter's original algorithm (Snowball's 'porter', not its 'english'), the one FTS5's porter tokenizer
    # runs; no StopWords file, so every word is kept, as FTS5 keeps it.
    f"CREATE TEXT SEARCH DICTIONARY {SEARCH_CONFIG}_porter (TEMPLATE = snowball, Language = porter)",
    f"CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = simple)",
    f"ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} ALTER MAPPING FOR {_WORD_TOKENS} WITH unaccent, {SEARCH_CONFIG}_porter",
    f"ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} ALTER MAPPING FOR {_NUMBER_TOKENS} WITH unaccent, simple",
)


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def redact(url: str) -> str:
    """The URL without its password, to print."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def _database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/") or "(default)"


def _no_nul(value: Any) -> Any:
    """PostgreSQL text and JSONB cannot hold U+0000: U+FFFD instead, in strings at any depth."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [_no_nul(item) for item in value]
    if isinstance(value, dict):
        return {_no_nul(key): _no_nul(item) for key, item in value.items()}
    return value


def _text(value: str | None) -> str | None:
    return value.replace("\x00", "\ufffd") if value and "\x00" in value else value


def _windows(text: str) -> Iterator[str]:
    """The text in pieces of CHUNK_WORDS + CHUNK_OVERLAP words, each starting CHUNK_WORDS words after the last."""
    spans: list[tuple[int, int]] = []
    emitted = False
    for match in _WORD.finditer(text):
        spans.append(match.span())
        if len(spans) == CHUNK_WORDS + CHUNK_OVERLAP:
            yield text[spans[0][0] : spans[-1][1]]
            del spans[:CHUNK_WORDS]
            emitted = True
    if len(spans) > (CHUNK_OVERLAP if emitted else 0):  # words the last piece did not hold
        yield text[spans[0][0] : spans[-1][1]]


def _halves(text: str) -> tuple[str, str] | None:
    """A piece cut in two that still overlap by CHUNK_OVERLAP words; None when too short to cut."""
    spans = [match.span() for match in _WORD.finditer(text)]
    half = (len(spans) - CHUNK_OVERLAP) // 2
    if half < 1:
        return None
    return text[spans[0][0] : spans[half + CHUNK_OVERLAP - 1][1]], text[spans[half][0] : spans[-1][1]]


class PostgresStore:
    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = url
        try:
            self.connection = psycopg.connect(url, autocommit=True, application_name="hemeroteca")
        except psycopg.OperationalError as error:
            message = one_line(error)
            if "does not exist" in message and "database" in message:
                raise NoDatabaseError(f"no database {_database_name(url)!r} on the server: create it first (createdb)") from error
            raise DatabaseUnavailableError(f"cannot connect: {message}") from error
        except psycopg.ProgrammingError as error:  # a malformed URL
            raise DatabaseUnavailableError(f"cannot connect: {one_line(error)}") from error
        try:
            self.connection.execute("SET client_min_messages TO warning")  # no NOTICE for a query of no lexemes
            self._check_encoding()
            self._ensure_schema(create)
        except BaseException:
            self.connection.close()
            raise

    def _check_encoding(self) -> None:
        encoding, unicode_ctype = self.connection.execute(
            "SELECT current_setting('server_encoding'), lower('ÇÃÉ') = 'çãé' AND 'ção1' ~ '^[[:alnum:]]+$'"
        ).fetchone()
        if encoding != "UTF8" or not unicode_ctype:
            raise DatabaseUnavailableError(
                f"database {_database_name(self.url)!r} needs UTF-8 with a UTF-8 locale (it has {encoding},"
                " and lower() or [[:alnum:]] do not know non-ASCII letters): CREATE DATABASE … ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
            )

    def _schema_version(self) -> str | None:
        if self.connection.execute("SELECT to_regclass('hemeroteca_meta')").fetchone()[0] is None:
            return None
        row = self.connection.execute("SELECT value FROM hemeroteca_meta WHERE key = 'schema_version'").fetchone()
        return row[0] if row else None

    def _ensure_schema(self, create: bool) -> None:
        version = self._schema_version()
        if version == str(SCHEMA_VERSION):
            return
        # An archive of an older version gets the tables added since, even for a command that only reads
        # (as SQLite's does when opened): every statement of the schema is idempotent and adds, never drops.
        if version is None and not create:
            raise NoDatabaseError(f"no archive in database {_database_name(self.url)!r} (an ingest creates it)")
        with self.connection.transaction():
            self.connection.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            self.connection.execute(_EXTENSIONS)  # type: ignore[arg-type]
            configured = self.connection.execute(
                "SELECT 1 FROM pg_ts_config WHERE cfgname = %s AND cfgnamespace = current_schema()::regnamespace", (SEARCH_CONFIG,)
            ).fetchone()
            if not configured:
                for statement in _SEARCH_CONFIG_SQL:
                    self.connection.execute(statement)  # type: ignore[arg-type] - this module's own text
            self.connection.execute(_SCHEMA)  # type: ignore[arg-type]
            self.connection.execute(
                "INSERT INTO hemeroteca_meta (key, value) VALUES ('schema_version', %s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    # -- writing -------------------------------------------------------------

    def stored_hashes(self) -> dict[str, str]:
        rows = self.connection.execute("SELECT path, content_hash FROM files WHERE status IN ('stored', 'skipped')")
        return {path: content_hash for path, content_hash in rows}

    def write_batch(self, items: list[PreparedFile | FailedFile | SkippedFile]) -> list[FailedFile]:
        storage_failures: list[FailedFile] = []
        with self.connection.transaction(), self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
            for item in items:
                if isinstance(item, FailedFile):
                    self._mark_failed(cursor, item)
                    continue
                if isinstance(item, SkippedFile):
                    self._mark_skipped(cursor, item)
                    continue
                try:
                    with self.connection.transaction():  # SAVEPOINT: a refused document leaves nothing behind
                        self._put(cursor, item)
                except psycopg.Error as error:
                    if self.connection.broken or (error.sqlstate or "08")[:2] in _NOT_THE_DOCUMENT:
                        raise  # the connection or the server, not this document: the whole batch is rolled back
                    failure = FailedFile(item.path, item.content_hash, item.size, f"storage: {one_line(error)}")
                    self._mark_failed(cursor, failure)
                    storage_failures.append(failure)
        return storage_failures

    def _mark_failed(self, cursor: psycopg.Cursor[Any], item: FailedFile) -> None:
        self._note_file(cursor, item.path, item.content_hash, item.size, None, item.error, "failed")

    def _mark_skipped(self, cursor: psycopg.Cursor[Any], item: SkippedFile) -> None:
        # A page an older version stored as a document (before it was known for a redirect) is taken out.
        cursor.execute("DELETE FROM documents WHERE path = %s", (_text(item.path),))
        self._note_file(cursor, item.path, item.content_hash, item.size, None, item.reason, "skipped")

    @staticmethod
    def _note_file(
        cursor: psycopg.Cursor[Any], path: str, content_hash: str, size: int, document_id: str | None, error: str | None,
        status: str,
    ) -> None:
        """Remember a file's content and fate: stored as a document, failed or skipped with a reason."""
        cursor.execute(
            "INSERT INTO files (path, content_hash, size, document_id, status, error, seen_at) VALUES (%s,%s,%s,%s,%s,%s, now())"
            " ON CONFLICT (path) DO UPDATE SET content_hash = excluded.content_hash, size = excluded.size,"
            " document_id = excluded.document_id, status = excluded.status, error = excluded.error, seen_at = excluded.seen_at",
            (_text(path), content_hash, size, document_id, status, _text(error)),
        )

    def _put(self, cursor: psycopg.Cursor[Any], item: PreparedFile) -> None:
        row, links = item.row, item.row.links
        periodical_id = self._periodical_id(cursor, links) if links.periodical else None
        issue_id = self._issue_id(cursor, periodical_id, links) if periodical_id is not None and links.issue else None
        document_id, path = _text(item.document_id), _text(item.path)
        cursor.execute("DELETE FROM documents WHERE id = %s OR path = %s", (document_id, path))
        # Another file that held this id is no longer stored: a later run must read it again.
        cursor.execute("DELETE FROM files WHERE document_id = %s AND path <> %s", (document_id, path))
        record_json, extra_fields_order = row.record_json, row.extra_fields_order
        if "\\u0000" in record_json:
            data = _no_nul(json.loads(record_json))
            record_json, extra_fields_order = json.dumps(data, ensure_ascii=False), list(data["extra_fields"])
        body = _text(row.body) or ""
        cursor.execute(
            "INSERT INTO documents (id, path, content_hash, form, encoding, title, title_key, language, written, published,"
            " last_updated, issue_id, periodical_id, pages, record, extra_fields_order, subtitle, author_names, body)"
            " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s::jsonb,%s,%s,%s,%s)",
            (
                document_id, path, item.content_hash, item.form, item.encoding, _text(row.title), _text(row.title_key),
                _text(row.language), row.written, row.published, row.last_updated, issue_id, periodical_id,
                _text(links.pages), record_json, extra_fields_order, _text(row.subtitle) or "",
                _text(row.author_names) or "", body,
            ),
        )
        most, last = cursor.execute(
            "SELECT max(cardinality(u.positions)), max(u.positions[cardinality(u.positions)])"
            " FROM documents d, unnest(d.tsv) u WHERE d.id = %s",
            (document_id,),
        ).fetchone()
        if (most or 0) >= MAX_POSITIONS_PER_LEXEME or (last or 0) >= MAX_POSITION:
            self._put_chunks(cursor, document_id, body)
        for position, author in enumerate(links.authors):
            author_id = self._author_id(cursor, author)
            cursor.execute(
                "INSERT INTO document_authors (document_id, position, author_id, role, printed_as) VALUES (%s,%s,%s,%s,%s)",
                (document_id, position, author_id, _text(author.role), _text(author.printed_as)),
            )
        if row.credits:
            cursor.executemany(
                "INSERT INTO credits (document_id, position, role, name, for_archive, date) VALUES (%s,%s,%s,%s,%s,%s)",
                [
                    (document_id, position, _text(c.role), _text(c.name), _text(c.for_archive), c.date)
                    for position, c in enumerate(row.credits)
                ],
            )
        self._note_file(cursor, item.path, item.content_hash, item.size, item.document_id, None, "stored")

    @staticmethod
    def _put_chunks(cursor: psycopg.Cursor[Any], document_id: str | None, body: str) -> None:
        """The body in overlapping chunks, none holding a lexeme MAX_POSITIONS_PER_LEXEME times (cut in two until so)."""
        pieces = list(_windows(body))
        pieces.reverse()
        number = 0
        while pieces:
            piece = pieces.pop()
            most = cursor.execute(
                f"INSERT INTO document_chunks (document_id, chunk, tsv) VALUES (%s, %s, {UNMARK}(to_tsvector('{SEARCH_CONFIG}', {WORDS}(%s))))"
                " RETURNING (SELECT max(cardinality(u.positions)) FROM unnest(tsv) u)",
                (document_id, number, piece),
            ).fetchone()[0]
            halves = _halves(piece) if (most or 0) >= MAX_POSITIONS_PER_LEXEME else None
            if halves is not None:
                cursor.execute("DELETE FROM document_chunks WHERE document_id = %s AND chunk = %s", (document_id, number))
                pieces += reversed(halves)
                continue
            number += 1

    def _periodical_id(self, cursor: psycopg.Cursor[Any], links: CatalogueLinks) -> int:
        ref = links.periodical
        assert ref is not None
        row = cursor.execute("SELECT periodical_id FROM periodical_names WHERE name_key = %s", (_text(ref.key),)).fetchone()
        if row is None:
            row = cursor.execute("SELECT id FROM periodicals WHERE name_key = %s", (_text(ref.key),)).fetchone()
        if row is not None:
            return int(row[0])
        slug = self._free_slug(cursor, "periodicals", _text(ref.slug) or "")
        periodical_id = int(
            cursor.execute(
                "INSERT INTO periodicals (slug, name, full_name, mia_href, name_key) VALUES (%s,%s,%s,%s,%s) RETURNING id",
                (slug, _text(ref.name), _text(ref.full_name), _text(ref.href), _text(ref.key)),
            ).fetchone()[0]
        )
        cursor.execute(
            "INSERT INTO periodical_names (name_key, periodical_id, name) VALUES (%s,%s,%s) ON CONFLICT DO NOTHING",
            (_text(ref.key), periodical_id, _text(ref.name)),
        )
        return periodical_id

    def _issue_id(self, cursor: psycopg.Cursor[Any], periodical_id: int, links: CatalogueLinks) -> int:
        issue = links.issue
        assert issue is not None
        volume, number, date = _text(issue.volume), _text(issue.number), _text(issue.date)
        cursor.execute(
            "INSERT INTO volumes (periodical_id, number, raw) VALUES (%s,%s,%s) ON CONFLICT (periodical_id, number) DO NOTHING",
            (periodical_id, volume, _text(issue.volume_raw)),
        )
        volume_id = cursor.execute(
            "SELECT id FROM volumes WHERE periodical_id = %s AND number = %s", (periodical_id, volume)
        ).fetchone()[0]
        cursor.execute(
            "INSERT INTO issues (periodical_id, volume_id, number, date, date_raw) VALUES (%s,%s,%s,%s,%s)"
            " ON CONFLICT (volume_id, number, date) DO NOTHING",
            (periodical_id, volume_id, number, date, _text(issue.date_raw)),
        )
        return int(
            cursor.execute(
                "SELECT id FROM issues WHERE volume_id = %s AND number = %s AND date = %s", (volume_id, number, date)
            ).fetchone()[0]
        )

    def _author_id(self, cursor: psycopg.Cursor[Any], author: AuthorRef) -> int:
        row = cursor.execute("SELECT id FROM authors WHERE slug = %s", (_text(author.slug),)).fetchone()
        if row is None:
            row = cursor.execute("SELECT author_id FROM author_aliases WHERE alias_key = %s", (_text(name_key(author.name)),)).fetchone()
        if row is not None:
            author_id = int(row[0])
        else:
            author_id = int(
                cursor.execute(
                    "INSERT INTO authors (slug, name, sort_name, mia_href) VALUES (%s,%s,%s,%s) RETURNING id",
                    (
                        self._free_slug(cursor, "authors", _text(author.slug) or ""), _text(author.name),
                        _text(author.sort_name), _text(author.href),
                    ),
                ).fetchone()[0]
            )
        cursor.executemany(
            "INSERT INTO author_aliases (author_id, alias, alias_key, kind) VALUES (%s,%s,%s,%s) ON CONFLICT DO NOTHING",
            [(author_id, _text(alias), _text(name_key(alias)), kind) for alias, kind in author.names()],
        )
        return author_id

    @staticmethod
    def _free_slug(cursor: psycopg.Cursor[Any], table: str, slug: str) -> str:
        exists = sql.SQL("SELECT 1 FROM {} WHERE slug = %s").format(sql.Identifier(table))
        return free_slug(slug, lambda candidate: cursor.execute(exists, (candidate,)).fetchone() is not None)

    def record_claim(
        self, *, document_id: str, person: str, status: str, evidence_document_id: str | None,
        evidence_text: str | None, recorded_by: str,
    ) -> None:
        values = (_text(document_id), _text(person), status, _text(evidence_document_id))
        with self.connection.transaction():
            # The same claim recorded again replaces the old one: its note, who recorded it and when.
            self.connection.execute(
                "DELETE FROM attribution_claims WHERE document_id = %s AND person = %s AND status = %s"
                " AND evidence_document_id IS NOT DISTINCT FROM %s",
                values,
            )
            self.connection.execute(
                "INSERT INTO attribution_claims (document_id, person, status, evidence_document_id, evidence_text, recorded_by)"
                " VALUES (%s,%s,%s,%s,%s,%s)",
                (*values, _text(evidence_text), _text(recorded_by)),
            )

    # -- reading -------------------------------------------------------------

    def get_record(self, id_or_path: str) -> tuple[str, Record] | None:
        key = _text(id_or_path)
        row = self.connection.execute(
            "SELECT id, record, extra_fields_order FROM documents WHERE id = %s OR path = %s"
            " ORDER BY (id = %s) DESC LIMIT 1",
            (key, key, key),
        ).fetchone()
        if row is None:
            return None
        document_id, data, order = row
        extra = data.get("extra_fields") or {}
        data["extra_fields"] = {label: extra[label] for label in order if label in extra} | extra
        return document_id, record_from_json(data)

    def list_documents(self, periodical: str | None = None, author: str | None = None) -> list[DocumentSummary]:
        where: list[str] = []
        params: list[Any] = []
        if periodical:
            where.append(
                "(p.slug = %s OR p.name_key = %s OR d.periodical_id IN (SELECT periodical_id FROM periodical_names WHERE name_key = %s))"
            )
            params += [_text(periodical), _text(periodical_key(periodical)), _text(periodical_key(periodical))]
        if author:
            where.append(
                "d.id IN (SELECT da.document_id FROM document_authors da JOIN authors a ON a.id = da.author_id"
                " WHERE a.slug = %s OR a.id IN (SELECT author_id FROM author_aliases WHERE alias_key = %s OR alias_key LIKE %s))"
            )
            known = load_default_catalogue().match_author_loosely(author)
            # "trotsky" finds "leon trotsky", as the search's author: filter does.
            params += [_text(known.slug if known else slugify(author)), _text(name_key(author)), _text(f"% {name_key(author)}")]
        query = (
            "SELECT d.id, d.title, d.path, p.name AS periodical, COALESCE(i.date, d.published, d.written) AS date,"
            " (SELECT array_agg(a.name ORDER BY da.position) FROM document_authors da JOIN authors a ON a.id = da.author_id"
            "   WHERE da.document_id = d.id) AS authors"
            " FROM documents d LEFT JOIN periodicals p ON p.id = d.periodical_id LEFT JOIN issues i ON i.id = d.issue_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            # SQLite's order: NULL first, then text by code point.
            + ' ORDER BY p.name COLLATE "C" NULLS FIRST, COALESCE(i.date, d.published, d.written) COLLATE "C" NULLS FIRST,'
            ' d.id COLLATE "C"'
        )
        return [
            DocumentSummary(id=id_, title=title, path=path, periodical=periodical_name, date=date or None, authors=authors or [])
            for id_, title, path, periodical_name, date, authors in self.connection.execute(query, params)  # type: ignore[arg-type]
        ]

    def search(self, query: Query, *, limit: int = 20, offset: int = 0) -> SearchResult:
        return postgres_search.search(self.connection, query, limit=limit, offset=offset)

    def failures(self) -> list[tuple[str, str]]:
        rows = self.connection.execute("SELECT path, error FROM files WHERE status = 'failed' ORDER BY path COLLATE \"C\"")
        return [(path, error) for path, error in rows]

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """A statement written for both backends (store.browse): its `?` placeholders become psycopg's."""
        with self.connection.cursor(row_factory=dict_row) as cursor:
            return cursor.execute(statement.replace("?", "%s"), params).fetchall()  # type: ignore[arg-type]

    def count_documents(self) -> int:
        return int(self.connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0])  # type: ignore[index]

    def optimize(self) -> None:
        # GIN indexes keep new entries in a pending list until VACUUM merges them.
        self.connection.execute("VACUUM (ANALYZE) documents, document_chunks")

    def close(self) -> None:
        self.connection.close()
