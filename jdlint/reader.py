"""Reading inputs: files, folders, standard input and ``.jsonl`` exports.

``read_inputs`` yields, in input order, one ``Posting`` per readable posting
and one ``InputError`` per input (or ``.jsonl`` line) that cannot be read.
It never raises for bad input.

- A file named on the command line is read as a posting whatever its
  extension; a ``.jsonl`` file as an export, one posting per line.
- A folder is walked depth-first with its entries sorted by name, taking
  ``.md``, ``.markdown``, ``.txt`` and ``.jsonl`` files (any case) and
  skipping hidden (``.name``) folders and files. Symbolic links are
  followed, each real folder once, so link loops end.
- ``exclude`` globs (``config.glob_matches``: relative to ``base_dir``, a
  glob without ``/`` matches a file or folder name anywhere) remove files
  and whole folders, also when they are named on the command line.
- ``-`` is standard input; ``stdin_filename`` is its display path, and a
  name ending in ``.jsonl`` makes it an export.

Decoding: a UTF-8 byte order mark is removed; UTF-16 and UTF-32 with a BOM
are decoded as such; anything else with a NUL byte is binary; the rest is
decoded with ``encoding`` (UTF-8 by default), strictly. Offsets in a posting
are into the decoded text without its BOM.

Size: a posting (a file, standard input, or one ``.jsonl`` line) larger
than ``max_bytes`` is an error. A ``.jsonl`` file is read line by line, so
the export as a whole may be larger; it must be UTF-8 (JSON Lines says so).
A record is a JSON object with a string ``text``; ``id`` (a string or a
number) defaults to the line number; ``title`` is optional; every other key
goes to ``Posting.metadata`` (``"partial": true`` also sets
``Posting.partial``). A blank line is skipped.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Mapping

from jdlint import markdown, placeholders
from jdlint.config import glob_matches, relative_posix
from jdlint.frontmatter import split_front_matter
from jdlint.model import InputError, Notice, Posting

SUFFIXES = (".md", ".markdown", ".txt", ".jsonl")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
STDIN_PATH = "-"
RECORD_KEYS = ("id", "title", "text")  # the keys that are not metadata

# Checked longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_BINARY_SNIFF = 8192  # bytes of a .jsonl file looked at for NUL bytes
_BYTE_LINE_END = re.compile(rb"\r\n|\r|\n")
_LONE_CR = re.compile(r"\r(?!\n)")


class _Unreadable(Exception):
    """Internal: why an input cannot be read (becomes an InputError)."""


def read_inputs(
    paths: Iterable[str | os.PathLike],
    *,
    exclude: Iterable[str] = (),
    stdin_filename: str | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str = "utf-8",
    base_dir: str | os.PathLike | None = None,
) -> Iterator[Posting | InputError]:
    """Postings and input errors, in input order."""
    reader = _Reader(tuple(exclude), max_bytes, encoding, Path(base_dir or os.getcwd()))
    for raw in paths:
        name = os.fspath(raw)
        if name == STDIN_PATH:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from reader.read_stream(stream, stdin_filename or STDIN_PATH)
        else:
            yield from reader.read_path(name)


def build_posting(
    text: str,
    path: str,
    *,
    record: Mapping[str, object] | str | None = None,
    source_line: int | None = None,
    title: str | None = None,
    metadata: Mapping[str, object] | None = None,
    partial: bool = False,
) -> Posting:
    """A ``Posting`` from decoded text: front matter split off, non-prose
    masked (a lone CR line end becomes LF there, so that analysis sees the
    lines of a CR file as those of its LF twin), title chosen (contract
    order: front matter ``title``, the record's ``title``, the first level-1
    heading, else None).

    ``record`` is the ``.jsonl`` record (its ``id``, ``title``, ``partial``
    and other keys are used; a bare string is taken as the id). ``title``,
    ``metadata`` and ``partial`` given here add to or override the record's.
    """
    record_id, record_title, record_meta, record_partial = _record_parts(record, source_line)
    front = split_front_matter(text)
    masked, comments = markdown.mask(text, front.end)
    # analysis looks for "\n" line ends: a lone CR (old Mac files) is one too
    masked = _LONE_CR.sub("\n", masked)
    notices: tuple[Notice, ...] = ()
    if front.error is not None:
        end = len(text[:front.end].rstrip("\r\n"))
        notices = (Notice(rule="JD001", start=0, end=end, message=front.error),)
    chosen = (
        _title(front.data.get("title"))
        or _title(title if title is not None else record_title)
        or markdown.first_h1(masked)
    )
    found = placeholders.find(masked)
    if found:  # template fields are never prose; JD004 reports them when selected
        masked = placeholders.mask(masked, found)
        notices += tuple(Notice(rule="JD004", start=p.start, end=p.end, message=p.text)
                         for p in found)
    meta = dict(record_meta)
    meta.update(metadata or {})
    return Posting(
        path=path,
        text=text,
        masked=masked,
        record=record_id,
        source_line=source_line,
        title=chosen,
        front_matter=dict(front.data),
        metadata=meta,
        partial=partial or record_partial,
        notices=notices,
        comments=comments,
    )


def _record_parts(record, source_line) -> tuple[str | None, object, dict, bool]:
    """(id, title, metadata, partial) of a .jsonl record; a missing id is
    the record's line number."""
    if record is None:
        return None, None, {}, False
    if isinstance(record, str):
        return record, None, {}, False
    record_id = record.get("id")
    if isinstance(record_id, str):
        record_id = record_id.strip()
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int)) or record_id == "":
        record_id = None if source_line is None else str(source_line)
    else:
        record_id = str(record_id)
    meta = {key: value for key, value in record.items() if key not in RECORD_KEYS}
    return record_id, record.get("title"), meta, record.get("partial") is True


def _title(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


class _Reader:
    def __init__(self, exclude: tuple[str, ...], max_bytes: int, encoding: str, base: Path) -> None:
        self.exclude = tuple(glob.strip() for glob in exclude if glob.strip())
        self.max_bytes = max_bytes
        self.encoding = encoding
        self.base = base

    # --- paths -------------------------------------------------------------

    def read_path(self, name: str) -> Iterator[Posting | InputError]:
        if self._excluded(name):
            return
        try:
            is_dir = os.path.isdir(name)
            exists = is_dir or os.path.exists(name)
        except (OSError, ValueError) as exc:  # e.g. a NUL in the name
            yield InputError(name, None, f"cannot read: {exc}")
            return
        if is_dir:
            yield from self._walk(name, set())
        elif not exists:
            yield InputError(name, None, "no such file or directory")
        else:
            yield from self._read_file(name)

    def _walk(self, folder: str, seen: set[str]) -> Iterator[Posting | InputError]:
        real = os.path.realpath(folder)
        if real in seen:
            return  # a link loop, or a folder reached twice through links
        seen.add(real)
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as exc:
            yield InputError(folder, None, _os_message(exc))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(folder, entry.name)
            if self._excluded(path):
                continue
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:
                is_dir = is_file = False
            if is_dir:
                yield from self._walk(path, seen)
            elif entry.name.lower().endswith(SUFFIXES):
                if is_file:
                    yield from self._read_file(path)
                elif entry.is_symlink():
                    yield InputError(path, None, "no such file or directory (broken symbolic link)")

    def _excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
        relative = relative_posix(path, self.base)
        return any(glob_matches(relative, glob) for glob in self.exclude)

    def _read_file(self, path: str) -> Iterator[Posting | InputError]:
        try:
            with open(path, "rb") as stream:
                if _is_jsonl(path):
                    yield from self._read_jsonl(stream, path)
                    return
                size = _file_size(stream)
                data = stream.read(self.max_bytes + 1)
        except OSError as exc:
            yield InputError(path, None, _os_message(exc))
            return
        yield self._posting_from_bytes(data, path, size)

    # --- streams -----------------------------------------------------------

    def read_stream(self, stream, path: str) -> Iterator[Posting | InputError]:
        try:
            if _is_jsonl(path):
                yield from self._read_jsonl(stream, path)
                return
            data = stream.read(self.max_bytes + 1)
        except OSError as exc:
            yield InputError(path, None, _os_message(exc))
            return
        if isinstance(data, str):  # a text stream was passed: take it as it is
            data = data.encode("utf-8", "surrogatepass")
        yield self._posting_from_bytes(data, path, None)

    def _posting_from_bytes(self, data: bytes, path: str, size: int | None) -> Posting | InputError:
        if len(data) > self.max_bytes:
            known = size if size is not None and size > self.max_bytes else None
            return InputError(path, None, _too_large(known, self.max_bytes))
        try:
            text = _decode(data, self.encoding)
        except _Unreadable as exc:
            return InputError(path, None, str(exc))
        return build_posting(text, path)

    # --- .jsonl ------------------------------------------------------------

    def _read_jsonl(self, stream, path: str) -> Iterator[Posting | InputError]:
        offset = 0  # byte offset of the current line in the file
        number = 0
        for raw, length, too_long in _binary_lines(stream, self.max_bytes):
            number += 1
            line_offset, offset = offset, offset + length
            if number == 1:
                problem = _jsonl_start_problem(raw)
                if problem is not None:
                    yield InputError(path, None, problem)
                    return
                if raw.startswith(codecs.BOM_UTF8):
                    raw, line_offset = raw[len(codecs.BOM_UTF8):], line_offset + len(codecs.BOM_UTF8)
            if too_long:
                yield InputError(path, number, "record " + _too_large(length, self.max_bytes))
                continue
            content = raw.rstrip(b"\r\n")
            if not content.strip():
                continue
            yield self._record(content, path, number, line_offset)

    def _record(self, content: bytes, path: str, number: int, offset: int) -> Posting | InputError:
        try:
            line = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start >= len(content) or exc.reason == "unexpected end of data":
                return InputError(
                    path, number, f"not UTF-8: the line ends inside a character (offset {offset + exc.start})"
                )
            bad = content[exc.start]
            return InputError(
                path, number, f"not UTF-8: invalid byte 0x{bad:02x} at offset {offset + exc.start}"
            )
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            return InputError(path, number, f"not valid JSON: {exc.msg} (column {exc.colno})")
        except RecursionError:
            return InputError(path, number, "not valid JSON: nested too deeply")
        except ValueError as exc:  # e.g. an integer with too many digits
            return InputError(path, number, f"not valid JSON: {' '.join(str(exc).split())}")
        if not isinstance(record, dict):
            return InputError(path, number, f"record is not a JSON object (found {_json_kind(record)})")
        text = record.get("text")
        if not isinstance(text, str):
            found = "it is missing" if "text" not in record else f"found {_json_kind(text)}"
            return InputError(path, number, f'record has no string "text" ({found})')
        return build_posting(text, path, record=record, source_line=number)


def _decode(data: bytes, encoding: str) -> str:
    """Bytes -> text, or ``_Unreadable`` with a one-line reason."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(codec)
            except UnicodeDecodeError as exc:
                raise _Unreadable(_decode_message(exc, body, codec, label, len(bom))) from None
    nul = data.find(b"\0")
    if nul >= 0:
        raise _Unreadable(f"binary file (NUL byte at offset {nul})")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if codecs.lookup(encoding).name == "utf-8" else encoding
        raise _Unreadable(_decode_message(exc, data, encoding, label, 0)) from None
    except LookupError:
        raise _Unreadable(f"unknown encoding {encoding!r}") from None


def _decode_message(exc: UnicodeDecodeError, data: bytes, codec: str, label: str, skipped: int) -> str:
    offset = exc.start + skipped  # in the file, BOM included
    before = data[:exc.start].decode(codec, errors="replace")
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    if exc.start >= len(data) or exc.reason in ("unexpected end of data", "truncated data"):
        return f"not {label}: the file ends inside a character (offset {offset}, line {line})"
    return f"not {label}: invalid byte 0x{data[exc.start]:02x} at offset {offset} (line {line})"


def _binary_lines(stream, max_bytes: int) -> Iterator[tuple[bytes, int, bool]]:
    """(line with its line end, its length in bytes, longer than max_bytes)
    for each line of a binary stream, holding at most about ``max_bytes`` in
    memory: of a line that is too long only the start is returned. A lone CR
    ends a line too (a raw CR cannot be inside a JSON string), except inside
    a line that is too long."""
    while True:
        chunk = stream.readline(max_bytes + 2)
        if not chunk:
            return
        if isinstance(chunk, str):  # a text stream was passed
            chunk = chunk.encode("utf-8", "surrogatepass")
        if len(chunk) >= max_bytes + 2 and not chunk.endswith(b"\n"):
            length, tail = len(chunk), chunk
            while tail and not tail.endswith(b"\n"):  # skip the rest of the line
                tail = stream.readline(1024 * 1024)
                length += len(tail)
            yield chunk[:_BINARY_SNIFF], length, True
            continue
        for piece in _split_lines(chunk):
            yield piece, len(piece), len(piece.rstrip(b"\r\n")) > max_bytes


def _split_lines(chunk: bytes) -> Iterator[bytes]:
    if b"\r" not in chunk:
        yield chunk
        return
    start = 0
    for match in _BYTE_LINE_END.finditer(chunk):
        yield chunk[start:match.end()]
        start = match.end()
    if start < len(chunk):
        yield chunk[start:]


def _jsonl_start_problem(head: bytes) -> str | None:
    for bom, _codec, label in _BOMS:
        if head.startswith(bom):
            if label == "UTF-8":
                break
            return f"a .jsonl file must be UTF-8 (found a {label} byte order mark)"
    nul = head.find(b"\0", 0, _BINARY_SNIFF)
    if nul >= 0:
        return f"binary file (NUL byte at offset {nul})"
    return None


def _too_large(size: int | None, limit: int) -> str:
    """E.g. "larger than the size limit (6.2 MB > 5 MB)"; size None = not known."""
    if size is None:
        return f"larger than the size limit (over {_megabytes(limit)})"
    shown, limit_shown = _megabytes(size), _megabytes(limit)
    if shown == limit_shown:
        shown, limit_shown = f"{size} bytes", f"{limit} bytes"
    return f"larger than the size limit ({shown} > {limit_shown})"


def _megabytes(size: int) -> str:
    if size < 100 * 1024:
        return f"{size} bytes"
    number = f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
    return f"{number} MB"


def _file_size(stream) -> int | None:
    """The size of a regular file, None for pipes and devices."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, AttributeError, ValueError):
        return None
    return info.st_size if info.st_size > 0 else None


def _is_jsonl(path: str) -> bool:
    return path.lower().endswith(".jsonl")


def _os_message(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
