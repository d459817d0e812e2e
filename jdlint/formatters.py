"""Output formats as pure functions ``(report, rules) -> str``, chosen from
one table, ``FORMATTERS`` (and ``INSPECT_FORMATTERS`` for ``jdlint inspect``).

The shapes are the contract's (../shared/spec/contract.md): text lines
``path:line:col: JD101 message`` (``path#record:...`` for a .jsonl record),
the JSON report, SARIF 2.1.0 and GitHub workflow commands. SARIF and GitHub
must point into the real file, so for a .jsonl record they use the record's
line of the file, column 1, and put the in-text position in the message.
"""
from __future__ import annotations

import json
import re
from typing import Callable, Sequence
from urllib.parse import quote

from jdlint import __version__
from jdlint.model import SEVERITIES, Analysis, Finding, InputError, Report, Result
from jdlint.rules import Rule

INFORMATION_URI = "https://github.com/jdlint/jdlint"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_COLORS = {"error": "31", "warning": "33", "info": "36", "path": "1", "rule": "35"}


def _paint(text: str, what: str, color: bool) -> str:
    return f"\x1b[{_COLORS[what]}m{text}\x1b[0m" if color else text


# Control characters other than tab and line breaks; a terminal obeys them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _one_line(text: str) -> str:
    """One finding is one line: line breaks inside a message (or a path or
    a record id) become spaces, other control characters are shown escaped
    (``\\x1b``)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", " ".join(text.splitlines()))


def _where(finding: Finding) -> str:
    if finding.record is None:
        return finding.path
    return f"{finding.path}#{finding.record}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(report: Report) -> str:
    """'3 findings (1 error, 2 warnings) in 2 postings; 1 input error'."""
    findings = [f for result in report.results for f in result.findings]
    counts = [
        _plural(sum(1 for f in findings if f.severity == severity), severity)
        for severity in SEVERITIES
        if any(f.severity == severity for f in findings)
    ]
    line = _plural(len(findings), "finding")
    if counts:
        line += f" ({', '.join(counts)})"
    line += f" in {_plural(len(report.results), 'posting')}"
    if report.errors:
        line += f"; {_plural(len(report.errors), 'input error')}"
    return line


def format_text(
    report: Report, rules: Sequence[Rule], *, color: bool = False, quiet: bool = False
) -> str:
    lines = []
    for result in report.results:
        for f in result.findings:
            where = _paint(f"{_one_line(_where(f))}:{f.line}:{f.column}:", "path", color)
            rule = _paint(f.rule, f.severity, color)
            lines.append(f"{where} {rule} {_one_line(f.message)}")
    if not quiet:  # input errors go to stderr (cli.py); the summary counts them
        lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)


def error_location(error: InputError) -> str:
    path = _one_line(error.path)
    return path if error.line is None else f"{path}:{error.line}"


def _finding_json(f: Finding) -> dict:
    return {
        "rule": f.rule, "name": f.name, "severity": f.severity, "message": f.message,
        "line": f.line, "column": f.column, "end_line": f.end_line,
        "end_column": f.end_column, "evidence": f.evidence,
    }


def _posting_json(result: Result) -> dict:
    facts = result.facts
    return {
        "title": result.posting.title,
        "role": facts.role if facts else "unknown",
        "seniority": facts.seniority if facts else "unknown",
        "language": facts.language if facts else "unknown",
    }


def _errors_json(errors: Sequence[InputError]) -> list[dict]:
    return [{"path": e.path, "line": e.line, "message": e.message} for e in errors]


def format_json(report: Report, rules: Sequence[Rule]) -> str:
    data = {
        "jdlint": __version__,
        "results": [
            {
                "path": result.posting.path,
                "record": result.posting.record,
                "posting": _posting_json(result),
                "findings": [_finding_json(f) for f in result.findings],
            }
            for result in report.results
        ],
        "errors": _errors_json(report.errors),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/:@!$&'()*+,;=-._~")


def _record_message(f: Finding) -> str:
    """The message, with the in-text position for a .jsonl record."""
    if f.record is None:
        return f.message
    return f"{f.message} (record {f.record}, line {f.line}, column {f.column} of its text)"


def _region(f: Finding) -> dict:
    if f.record is not None:
        return {"startLine": f.source_line or 1, "startColumn": 1}
    return {
        "startLine": f.line, "startColumn": f.column,
        "endLine": f.end_line, "endColumn": f.end_column,
    }


def _sarif_rule(rule: Rule) -> dict:
    help_text = rule.why or rule.summary
    if rule.source:
        help_text += f"\nSource: {rule.source}"
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why or rule.summary},
        "help": {"text": f"{help_text}\nRun `jdlint explain {rule.id}` for examples."},
        "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
        "properties": {"tags": [rule.kind]},
    }


def format_sarif(report: Report, rules: Sequence[Rule]) -> str:
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = []
    for result in report.results:
        for f in result.findings:
            item = {
                "ruleId": f.rule,
                "level": SARIF_LEVELS[f.severity],
                "message": {"text": _record_message(f)},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
                    "region": _region(f),
                }}],
            }
            if f.rule in index:
                item["ruleIndex"] = index[f.rule]
            if f.record is not None:
                item["properties"] = {"record": f.record, "line": f.line, "column": f.column}
            results.append(item)
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(e.path)},
                **({"region": {"startLine": e.line}} if e.line else {}),
            }}],
        }
        for e in report.errors
    ]
    run = {
        "tool": {"driver": {
            "name": "jdlint",
            "version": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [_sarif_rule(rule) for rule in rules],
        }},
        "invocations": [{
            "executionSuccessful": not report.errors,
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    data = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def github_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_command(kind: str, properties: dict, message: str) -> str:
    props = ",".join(
        f"{key}={github_escape_property(str(value))}" for key, value in properties.items()
    )
    return f"::{kind} {props}::{github_escape_data(message)}"


def format_github(report: Report, rules: Sequence[Rule]) -> str:
    lines = []
    for result in report.results:
        for f in result.findings:
            if f.record is None:
                position = {"line": f.line, "col": f.column,
                            "endLine": f.end_line, "endColumn": f.end_column}
            else:
                position = {"line": f.source_line or 1, "col": 1}
            properties = {"file": f.path, **position, "title": f.rule}
            lines.append(_github_command(GITHUB_COMMANDS[f.severity], properties,
                                         f"{_record_message(f)} [{f.name}]"))
    for e in report.errors:
        properties = {"file": e.path, **({"line": e.line} if e.line else {}),
                      "title": "jdlint input error"}
        lines.append(_github_command("error", properties, e.message))
    return "".join(line + "\n" for line in lines)


FORMATTERS: dict[str, Callable[..., str]] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
}


# ---- jdlint inspect: what jdlint understood, without judging ----

def _inspect_posting(analysis: Analysis) -> dict:
    posting, facts = analysis.posting, analysis.facts
    return {
        "path": posting.path,
        "record": posting.record,
        "title": posting.title,
        "language": facts.language,
        "role": facts.role,
        "role_title": facts.role_title,
        "role_body": facts.role_body,
        "seniority": facts.seniority,
        "seniority_title": facts.seniority_title,
        "seniority_body": facts.seniority_body,
        "years_required": facts.years_required,
        "degree_required": facts.degree_required,
        "sections": [
            {"kind": s.kind, "heading": s.heading, "line": s.line} for s in analysis.sections
        ],
        "areas": dict(analysis.areas),
        "skills": [
            {"skill": m.skill, "area": m.area, "strength": m.strength, "text": m.text,
             "line": m.line, "column": m.column, "score": m.score}
            for m in analysis.skills
        ],
        "supported": facts.supported,
        "too_short": facts.too_short,
        "flat": facts.flat,
        "sections_found": facts.sections_found,
        "partial": posting.partial,
    }


def inspect_json(analyses: Sequence[Analysis], errors: Sequence[InputError]) -> str:
    data = {
        "jdlint": __version__,
        "postings": [_inspect_posting(a) for a in analyses],
        "errors": _errors_json(errors),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def inspect_text(analyses: Sequence[Analysis], errors: Sequence[InputError]) -> str:
    lines: list[str] = []
    for analysis in analyses:
        posting, facts = analysis.posting, analysis.facts
        where = posting.path if posting.record is None else f"{posting.path}#{posting.record}"
        lines.append(_one_line(f"{where}: {posting.title or '(no title)'}"))
        lines.append(f"  language: {facts.language}")
        lines.append(f"  role: {facts.role} (title: {facts.role_title}, body: {facts.role_body})")
        lines.append(
            f"  seniority: {facts.seniority} "
            f"(title: {facts.seniority_title}, body: {facts.seniority_body})"
        )
        years = "none stated" if facts.years_required is None else facts.years_required
        lines.append(f"  years required: {years}; degree required: {facts.degree_required}")
        lines.append("  sections:")
        for s in analysis.sections:
            lines.append(f"    line {s.line}: {s.kind} {s.heading!r}")
        lines.append("  skills:")
        for m in analysis.skills:
            lines.append(
                f"    line {m.line}:{m.column}: {m.skill} ({m.area}, {m.strength}) "
                f"{m.text!r} score {m.score}"
            )
        lines.append("  areas: " + (", ".join(
            f"{area} ({strength})" for area, strength in analysis.areas.items()) or "none"))
        lines.append("")
    for error in errors:
        lines.append(f"{error_location(error)}: error: {error.message}")
    return "".join(line + "\n" for line in lines)


INSPECT_FORMATTERS: dict[str, Callable[[Sequence[Analysis], Sequence[InputError]], str]] = {
    "json": inspect_json,
    "text": inspect_text,
}
