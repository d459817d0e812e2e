"""Inline suppressions: HTML-comment directives and ``jdlint-ignore`` metadata.

In Markdown (comments do not render; house style §5)::

    <!-- jdlint-disable JD301 JD202 -->   ... <!-- jdlint-enable -->   a region
    <!-- jdlint-disable -->                                           every rule
    <!-- jdlint-disable-next-line JD202 -->                           the next line
    <!-- jdlint-disable-file JD201 -->                                the whole posting

Rules are named by id or name, separated by spaces or commas; text after
`` -- `` is a reason and is ignored. A ``.jsonl`` record's metadata key
``"jdlint-ignore": ["JD201"]`` works like ``disable-file``.

A directive naming a rule that does not exist is reported as JD002; one
that suppressed nothing as JD003 (like ruff's unused ``noqa``). These two
are reported only when they are among the active rules, and are never
suppressed themselves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from jdlint.model import Finding, Posting
from jdlint.positions import LineIndex

UNKNOWN_RULE = "JD002"
UNUSED_DIRECTIVE = "JD003"
KEYWORDS = ("jdlint-disable-next-line", "jdlint-disable-file", "jdlint-disable", "jdlint-enable")
_SPLIT = re.compile(r"[\s,]+")


@dataclass(frozen=True)
class Directive:
    keyword: str  # one of KEYWORDS
    targets: tuple[str, ...]  # ids or names as written; empty = every rule
    start: int  # offsets of the comment (0, 0 for jdlint-ignore metadata)
    end: int
    where: str  # how to name it in messages


def parse_comment(body: str) -> tuple[str, tuple[str, ...]] | None:
    """(keyword, targets) for a directive comment body, else None."""
    body = body.split(" -- ", 1)[0].strip()
    for keyword in KEYWORDS:
        if body == keyword or body.startswith(keyword + " ") or body.startswith(keyword + ":"):
            rest = body[len(keyword):].lstrip(":")
            return keyword, tuple(t for t in _SPLIT.split(rest) if t)
    return None


def directives(posting: Posting) -> list[Directive]:
    found = []
    for comment in posting.comments:
        parsed = parse_comment(comment.body)
        if parsed:
            keyword, targets = parsed
            found.append(Directive(keyword, targets, comment.start, comment.end, keyword))
    ignore = posting.metadata.get("jdlint-ignore")
    if isinstance(ignore, str):
        ignore = [ignore]
    if isinstance(ignore, list):
        targets = tuple(t for t in ignore if isinstance(t, str) and t)
        found.append(Directive("jdlint-disable-file", targets, 0, 0, "jdlint-ignore metadata"))
    return found


def _covers(directive: Directive, finding: Finding, index: LineIndex,
            regions: dict[int, tuple[int, int]]) -> bool:
    """Is ``finding`` where ``directive`` reaches (targets aside)?"""
    if directive.keyword == "jdlint-disable-file":
        return True
    at = (finding.line, finding.column)
    if directive.keyword == "jdlint-disable-next-line":
        return finding.line == index.position(directive.end)[0] + 1
    start, end = regions[id(directive)]
    return index.position(start) <= at and (end < 0 or at < index.position(end))


def _regions(found: Sequence[Directive]) -> dict[int, tuple[int, int]]:
    """For each disable directive: (its end, the start of the enable that
    closes it, or -1 for the end of the posting)."""
    regions = {}
    for n, directive in enumerate(found):
        if directive.keyword != "jdlint-disable":
            continue
        close = -1
        for later in found[n + 1:]:
            if later.keyword == "jdlint-enable" and later.start >= directive.end and (
                    not later.targets or not directive.targets
                    or set(directive.targets) & set(later.targets)):
                close = later.start
                break
        regions[id(directive)] = (directive.end, close)
    return regions


def apply(findings: Sequence[Finding], posting: Posting, rules: Sequence[object], *,
          index: LineIndex | None = None, known: Iterable[str] = ()) -> tuple[Finding, ...]:
    """``findings`` minus the suppressed ones, plus JD002/JD003 findings.

    ``rules`` are the active rules (``Rule`` objects); ``known`` adds rule
    ids or names that exist but are not active (a directive naming them is
    not an unknown rule)."""
    found = directives(posting)
    if not found:
        return tuple(findings)
    index = index or LineIndex(posting.text)
    by_key = {}
    for rule in rules:
        by_key[rule.id] = rule.id
        by_key[rule.name] = rule.id
    known_names = set(by_key) | set(known)
    regions = _regions(found)
    used = {id(d): False for d in found}
    kept = []
    for finding in findings:
        suppressed = False
        for directive in found:
            if directive.keyword == "jdlint-enable":
                continue
            targets = {by_key.get(t, t) for t in directive.targets}
            if directive.targets and finding.rule not in targets:
                continue
            if _covers(directive, finding, index, regions):
                used[id(directive)] = True
                suppressed = True
        if not suppressed:
            kept.append(finding)
    kept.extend(_meta_findings(found, used, posting, rules, index, by_key, known_names))
    return tuple(kept)


def _meta_findings(found, used, posting, rules, index, by_key, known_names) -> list[Finding]:
    from jdlint.engine import format_message, make_finding

    meta = {rule.id: rule for rule in rules if rule.id in (UNKNOWN_RULE, UNUSED_DIRECTIVE)}
    out = []
    for directive in found:
        if directive.keyword == "jdlint-enable":
            continue
        start, end = (directive.start, directive.end) if directive.end else (None, None)
        unknown = [t for t in directive.targets if t not in known_names]
        if unknown and UNKNOWN_RULE in meta:
            rule = meta[UNKNOWN_RULE]
            detail = (f"{directive.where} names {', '.join(unknown)}, which "
                      f"{'is not a rule' if len(unknown) == 1 else 'are not rules'}")
            out.append(make_finding(rule, posting, index, start, end,
                                    format_message(rule, {"detail": detail})))
        active_targets = [t for t in directive.targets if t in by_key]
        reaches_active = not directive.targets or active_targets
        if reaches_active and not used[id(directive)] and UNUSED_DIRECTIVE in meta:
            rule = meta[UNUSED_DIRECTIVE]
            named = " ".join(directive.targets) or "every rule"
            detail = f"{directive.where} ({named}) suppressed nothing"
            out.append(make_finding(rule, posting, index, start, end,
                                    format_message(rule, {"detail": detail})))
    return out
