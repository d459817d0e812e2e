"""YAML front matter at the top of a posting.

Front matter is a ``---`` line at the very start of the text (a BOM is
removed by the reader before this), then YAML, then a closing ``---`` or
``...`` line; spaces and tabs may follow the delimiters, and any line ending
(LF, CRLF, CR) is fine. Without a closing line there is no front matter:
the text is read as posting prose (a leading ``---`` is then a rule).

The YAML is loaded with ``yamlsafe`` (at most 64 KiB, nesting at most 10
deep, no anchors or aliases). If it is not valid YAML or not a mapping,
``data`` is empty and ``error`` says why: the reader turns that into
finding JD001 and the posting is still linted. Known keys are checked too
(``title``, ``role``, ``seniority``, ``language`` must be strings, ``role``
and ``seniority`` from the contract's vocabulary); a wrong one is left out
of ``data`` and reported in ``error``, the other keys are kept. Dates are
turned into ISO strings so that ``data`` holds JSON values only.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Mapping

from jdlint.model import ROLES, SENIORITIES
from jdlint.yamlsafe import YamlError, load_yaml

MAX_BYTES = 64 * 1024
MAX_DEPTH = 10
KNOWN_KEYS = ("title", "role", "seniority", "language")
_VOCABULARY = {"role": ROLES, "seniority": SENIORITIES}

_OPENING = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSING = re.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)")


@dataclass(frozen=True)
class FrontMatter:
    data: Mapping[str, object] = field(default_factory=dict)
    end: int = 0  # offset just past the closing line (and its line end); 0 = none
    error: str | None = None  # why the front matter could not (all) be used


def split_front_matter(text: str) -> FrontMatter:
    """Find and parse the front matter at the start of ``text``."""
    opening = _OPENING.match(text)
    if opening is None:
        return FrontMatter()
    closing = _find_closing(text, opening.end())
    if closing is None:
        return FrontMatter()
    yaml_end, end = closing
    source = text[opening.end():yaml_end]
    try:
        loaded = load_yaml(
            source, what="front matter", max_bytes=MAX_BYTES, max_depth=MAX_DEPTH,
            first_line=2,
        )
    except YamlError as exc:
        return FrontMatter(end=end, error=f"front matter is not valid YAML: {exc.reason}")
    if loaded is None:
        return FrontMatter(end=end)
    if not isinstance(loaded, dict):
        return FrontMatter(
            end=end,
            error=f"front matter is not a mapping of keys to values (found {_kind(loaded)})",
        )
    data, error = _check_keys(loaded)
    return FrontMatter(data=data, end=end, error=error)


def _find_closing(text: str, pos: int) -> tuple[int, int] | None:
    """(start of the closing line, offset past it) or None."""
    match = _CLOSING.search(text, pos)
    if match is None:
        return None
    return match.start(), match.end()


def _check_keys(loaded: dict) -> tuple[dict, str | None]:
    data: dict[str, object] = {}
    problems: list[str] = []
    for key, value in loaded.items():
        if not isinstance(key, str):
            problems.append(f"key {key!r} is not a string")
            continue
        value = _plain(value)
        if key in KNOWN_KEYS and value is not None:
            if not isinstance(value, str):
                problems.append(f"{key!r} must be a string (found {_kind(value)})")
                continue
            allowed = _VOCABULARY.get(key)
            if allowed and value not in allowed:
                problems.append(f"{key!r} must be one of {', '.join(allowed)} (found {value!r})")
                continue
        data[key] = value
    if not problems:
        return data, None
    return data, "front matter: " + "; ".join(problems)


def _plain(value: object) -> object:
    """Dates and datetimes -> ISO strings, inside lists and mappings too."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
