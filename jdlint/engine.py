"""From an analysis and rules to findings, in one place (house style §3).

For each rule: check ``when`` and ``unless`` (role and seniority from the
facts), skip absence-judging kinds on postings that cannot be judged, run
the kind, drop hits outside the rule's ``scope``, drop them all when the
posting says one of the rule's ``unless_text`` phrases in the named
sections, then turn each hit into a frozen
``Finding`` (position, evidence, message, id, name, severity). Reader
notices become findings of the meta rule they name (JD001). Suppressions
(suppress.apply) come next, then sorting by (line, column, rule) and
de-duplication.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple, Sequence

from jdlint import suppress
from jdlint.kinds import KINDS, MAX_GAP, Kind, compile_phrase
from jdlint.model import Analysis, Finding, Hit, Posting
from jdlint.positions import LineIndex
from jdlint.profiles import load_profiles
from jdlint.rules import Rule, TextCondition


def in_scope(rule: Rule, analysis: Analysis, hit: Hit) -> bool:
    if not rule.scope or hit.start is None:
        return True
    section = analysis.section_at(hit.start)
    kind = section.kind if section else "other"
    return kind in rule.scope


def format_message(rule: Rule, values: dict) -> str:
    try:
        return rule.message.format(**values)
    except (KeyError, IndexError, AttributeError, ValueError):
        return rule.message  # the loader checked the placeholders; never crash here


def _line_end(text: str, offset: int) -> int:
    ends = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i >= 0]
    return min(ends) if ends else len(text)


def make_finding(rule: Rule, posting: Posting, index: LineIndex, start: int | None,
                 end: int | None, message: str, anchor: int | None = None) -> Finding:
    """A finding at [start, end); no span -> ``anchor`` (the requirements
    heading) with its line as evidence, else line 1 column 1."""
    text = posting.text
    if start is None:
        if anchor is None:
            start = end = None
        else:
            start, end = anchor, _line_end(text, anchor)
    if start is None:
        line, column, end_line, end_column, evidence = 1, 1, 1, 1, ""
    else:
        end = max(start, min(end if end is not None else start, len(text)))
        line, column = index.position(start)
        end_line, end_column = index.position(end)
        evidence = text[start:end]
    return Finding(
        path=posting.path, record=posting.record, line=line, column=column,
        end_line=end_line, end_column=end_column, rule=rule.id, name=rule.name,
        severity=rule.severity, message=message, evidence=evidence,
        source_line=posting.source_line,
    )


def _anchor(analysis: Analysis) -> int | None:
    heading = analysis.requirements_heading()
    return heading.start if heading else None


class TextGuard:
    """A rule's ``unless_text``, compiled once: does the posting say one of
    its phrases in one of its sections? Read in the joined token norms, as
    the phrase rules read them. Words the rule flagged do not count for
    the guard: in "as our first ML engineer, work with sales" the guard's
    "ML engineer ... work with" is the hire's own title, not a peer."""

    def __init__(self, condition: TextCondition):
        self.sections = frozenset(condition.sections)
        self.patterns = tuple(compile_phrase(phrase, MAX_GAP)
                              for phrases in condition.phrases.values() for phrase in phrases)

    def holds(self, analysis: Analysis, hits: Sequence[Hit]) -> bool:
        text = _blank_out(analysis.norm_text.text, [
            analysis.norm_span(hit.start, hit.end) for hit in hits
            if hit.start is not None and hit.end is not None])
        for section in analysis.sections:
            if section.kind in self.sections:
                low, high = analysis.norm_span(section.start, section.end)
                if any(pattern.search(text, low, high) for pattern in self.patterns):
                    return True
        return False


def _blank_out(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with the spans turned to spaces (the same length, so offsets
    hold): a phrase may still span them with its gap, but not read them."""
    pieces, last = [], 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end > start:
            pieces += [text[last:start], " " * (end - start)]
            last = end
    return "".join(pieces) + text[last:] if pieces else text


def rule_findings(rule: Rule, kind: Kind, guard: TextGuard | None,
                  analysis: Analysis) -> list[Finding]:
    """The findings of one rule (its kind, and its ``unless_text`` compiled
    as ``guard``) on one posting."""
    if not rule.applies_to(analysis.facts):
        return []
    if kind.judges_absence and not analysis.judgeable:
        return []
    hits = [hit for hit in kind.check(analysis) if in_scope(rule, analysis, hit)]
    if not hits or (guard is not None and guard.holds(analysis, hits)):
        return []  # the guard only cancels findings: read the text only when there are some
    anchor = _anchor(analysis)
    return [make_finding(rule, analysis.posting, analysis.lines, hit.start, hit.end,
                         format_message(rule, dict(hit.values)), anchor) for hit in hits]


def notice_findings(analysis: Analysis, rules: Sequence[Rule]) -> list[Finding]:
    """Reader notices (broken front matter ...) as findings of the rule they name."""
    by_id = {rule.id: rule for rule in rules}
    found = []
    for notice in analysis.posting.notices:
        rule = by_id.get(notice.rule)
        if rule is None:
            continue
        message = format_message(rule, {"detail": notice.message})
        found.append(make_finding(rule, analysis.posting, analysis.lines, notice.start,
                                  notice.end, message))
    return found


def finish(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Sort by (line, column, rule) and drop duplicates (same rule, same span)."""
    ordered = sorted(findings, key=lambda f: (f.line, f.column, f.rule, f.end_line, f.end_column))
    out: list[Finding] = []
    seen = set()
    for finding in ordered:
        key = (finding.rule, finding.line, finding.column, finding.end_line, finding.end_column)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return tuple(out)


class Check(NamedTuple):
    """One rule of a run, with its kind and its compiled ``unless_text``."""

    rule: Rule
    kind: Kind
    guard: TextGuard | None


class Linter:
    """The rules of one run, each with its kind object and text guard (both
    compile their options once, here), applied to one posting after
    another."""

    def __init__(self, rules: Sequence[Rule], known: Iterable[str] = ()):
        profiles = load_profiles()
        self.checks = tuple(
            Check(rule, KINDS[rule.kind](rule.options, profiles),
                  TextGuard(rule.unless_text) if rule.unless_text is not None else None)
            for rule in rules)
        self.known = frozenset(known)

    def lint(self, analysis: Analysis, ignore: frozenset[str] = frozenset()) -> tuple[Finding, ...]:
        """All findings of the rules (minus the ids in ``ignore``) on one posting."""
        active = [check for check in self.checks if check.rule.id not in ignore]
        rules = tuple(check.rule for check in active)
        findings = notice_findings(analysis, rules)
        for rule, kind, guard in active:
            findings.extend(rule_findings(rule, kind, guard, analysis))
        findings = suppress.apply(tuple(findings), analysis.posting, rules,
                                  index=analysis.lines, known=self.known)
        return finish(findings)


def lint(analysis: Analysis, rules: Sequence[Rule], *, ignore: frozenset[str] = frozenset(),
         known: Iterable[str] = ()) -> tuple[Finding, ...]:
    """All findings of ``rules`` (minus the ids in ``ignore``) on one posting.
    ``known`` names the ids and names of rules that exist but are not run, so
    that a directive naming one is not reported as naming no rule (JD002).
    A run over many postings makes one ``Linter`` instead."""
    return Linter(rules, known).lint(analysis, ignore)
