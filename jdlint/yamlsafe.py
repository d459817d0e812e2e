"""Loading YAML that a user (or a posting) wrote, safely.

Every YAML reader in jdlint (front matter, rules, taxonomy, profiles,
lexicon, configuration) goes through ``load_yaml``. On top of PyYAML's safe
loader it refuses:

- anchors and aliases: an alias bomb ("billion laughs") loads quickly into
  shared lists and then hangs whatever walks or serialises the result;
- more than ``max_bytes`` of UTF-8 and nesting deeper than ``max_depth``;
- duplicate keys in a mapping (PyYAML silently keeps the last one);
- more than one document in the stream.

The check is one pass over the parser's events, which stops at the first
problem, before any node is composed. Loading then uses libyaml's
``CSafeLoader`` when PyYAML was built with it (about 5x faster than the pure
Python loader), else ``SafeLoader``.
"""
from __future__ import annotations

import yaml
import yaml.reader
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
)

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_MAX_BYTES = 1024 * 1024
DEFAULT_MAX_DEPTH = 20


class YamlError(Exception):
    """YAML that jdlint will not load. ``str(error)`` is one line:
    ``"<what>: <reason>"``; ``reason`` alone suits callers that name the
    file themselves. ``line`` is 1-based (counted from ``first_line``) when
    known."""

    def __init__(self, what: str, reason: str, line: int | None = None) -> None:
        super().__init__(f"{what}: {reason}")
        self.what = what
        self.reason = reason
        self.line = line


def load_yaml(
    text: str,
    *,
    what: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    first_line: int = 1,
) -> object:
    """Parse ``text`` (one YAML document) into plain Python objects.

    ``what`` names the source in messages ("rule file rules/checks/x.yaml",
    "front matter"). ``first_line`` is the line number of the text's first
    line in its file, so that messages point into the file. An empty
    document loads as ``None``. Raises ``YamlError`` for anything wrong.
    """
    _check_size(text, what, max_bytes)
    _check_events(text, what, max_depth, first_line)
    loader = _LOADER(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        raise _from_yaml_error(exc, text, what, first_line) from None
    except (ValueError, TypeError, OverflowError) as exc:
        # e.g. a plain scalar that looks like a date but is not one
        # ("2020-13-45"), or a list used as a mapping key
        raise YamlError(what, f"cannot load a value: {_one_line(str(exc))}") from None
    finally:
        loader.dispose()


def _check_size(text: str, what: str, max_bytes: int) -> None:
    if len(text) * 4 <= max_bytes:  # cannot be over, whatever it holds
        return
    size = len(text) if len(text) > max_bytes else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise YamlError(what, f"larger than {max_bytes} bytes")


def _check_events(text: str, what: str, max_depth: int, first_line: int) -> None:
    """Walk the parser's events: no anchors or aliases, bounded depth, unique
    keys, one document."""
    # One entry per open collection: None for a sequence; for a mapping,
    # [next node is a key, keys seen so far].
    stack: list[list | None] = []
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            line = event.start_mark.line + first_line
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                raise YamlError(what, f"anchors and aliases are not allowed (line {line})", line)
            if isinstance(event, ScalarEvent):
                top = stack[-1] if stack else None
                if top is not None and top[0]:
                    if event.value in top[1]:
                        raise YamlError(what, f"duplicate key {event.value!r} (line {line})", line)
                    top[1].add(event.value)
                _node_done(stack)
            elif isinstance(event, CollectionStartEvent):
                if len(stack) >= max_depth:
                    raise YamlError(what, f"nested deeper than {max_depth} levels (line {line})", line)
                stack.append([True, set()] if isinstance(event, MappingStartEvent) else None)
            elif isinstance(event, CollectionEndEvent):
                stack.pop()
                _node_done(stack)
            elif isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlError(what, f"more than one YAML document (line {line})", line)
    except yaml.YAMLError as exc:
        raise _from_yaml_error(exc, text, what, first_line) from None


def _node_done(stack: list) -> None:
    """A whole node ended: in a mapping, a key is followed by a value and a
    value by a key."""
    if stack and stack[-1] is not None:
        stack[-1][0] = not stack[-1][0]


def _from_yaml_error(exc: yaml.YAMLError, text: str, what: str, first_line: int) -> YamlError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{exc.context}: {problem}"
        if mark is not None:
            line = mark.line + first_line
            return YamlError(what, f"{_one_line(problem)} (line {line}, column {mark.column + 1})", line)
        return YamlError(what, _one_line(problem))
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml counts its position in bytes: find the line ourselves
        offset = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        where = f" (line {text.count(chr(10), 0, offset) + first_line})" if offset >= 0 else ""
        char = exc.character if isinstance(exc.character, int) else 0
        return YamlError(what, f"unacceptable character #x{char:04x}: {exc.reason}{where}")
    return YamlError(what, _one_line(str(exc)))


def _one_line(message: str) -> str:
    return " ".join(message.split())
