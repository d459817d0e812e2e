"""Keep the rule reference in docs/rules.md true to the rules' YAML.

docs/rules.md has an index row per rule and, in each rule's section, its
severity, kind and scope line, a "Why" paragraph, a "Message:" line and an
options table (option | value | meaning). The meanings and the other prose
are written for readers, but the summaries, scopes, whys, messages and
values are copies of rules/checks/*.yaml, and a copy drifts when a rule
changes. This script compares them:

    python scripts/rule_docs.py            # report what differs (exit 1 if any)
    python scripts/rule_docs.py --write    # mend what it can; report the rest

A test (tests/test_rules.py) runs the comparison, so a rule change that
leaves the reference behind fails the suite.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jdlint.kinds import KINDS  # noqa: E402
from jdlint.rules import load_rules  # noqa: E402

DOCS = ROOT / "docs" / "rules.md"


def cell(value: object) -> str:
    """An option's value as the reference writes it (a Markdown table cell:
    '|' inside a phrase becomes '/')."""
    if value is None or (isinstance(value, (dict, list, tuple)) and not value):
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {cell(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(item, (list, tuple)) for item in value):
            return "; ".join(cell(item) for item in value)
        return ", ".join(cell(item) for item in value)
    return str(value).replace("|", "/")


def _sections(text: str) -> dict[str, tuple[int, int]]:
    """rule id -> (start, end) offsets of its '## <id> <name>' section: up to
    the next level-2 heading outside a code fence (the examples hold
    postings with headings of their own)."""
    heads: list[tuple[str | None, int]] = []
    offset, fenced = 0, False
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            found = re.match(r"## (JD\d{3}) ", line)
            heads.append((found.group(1) if found else None, offset))
        offset += len(line)
    heads.append((None, len(text)))
    return {rule: (start, heads[i + 1][1])
            for i, (rule, start) in enumerate(heads[:-1]) if rule is not None}


def _why(rule) -> str:
    why = " ".join(rule.why.split())
    if rule.source:
        why += f" (Source: {' '.join(rule.source.split())}.)"
    return why


def _replace(body: str, found: re.Match, group: int, value: str) -> str:
    return body[:found.start(group)] + value + body[found.end(group):]


def _severity(rule, body: str, problems: list[str]) -> str:
    found = re.search(r"^Severity \*\*(\w+)\*\*, kind `([a-z-]+)`\.", body, re.M)
    if found is None:
        problems.append(f"{rule.id}: no 'Severity ..., kind ...' line")
    elif found.groups() != (rule.severity, rule.kind):
        problems.append(f"{rule.id}: severity or kind differs from the YAML")
        body = _replace(body, found, 0, f"Severity **{rule.severity}**, kind `{rule.kind}`.")
    return body


def _scope(rule, body: str, problems: list[str]) -> str:
    scope = ", ".join(rule.scope)
    found = re.search(r"Counts only hits in sections: ([a-z, ]+)\.", body)
    if (found.group(1) if found else "") != scope:
        problems.append(f"{rule.id}: the sections it counts differ from the YAML scope")
        if found is not None and scope:
            body = _replace(body, found, 1, scope)
    return body


def _paragraph(rule, body: str, problems: list[str], pattern: str, what: str, value: str) -> str:
    found = re.search(pattern, body, re.S | re.M)
    if found is None:
        problems.append(f"{rule.id}: no {what}")
    elif " ".join(found.group(1).split()) != value:
        problems.append(f"{rule.id}: {what} differs from the YAML")
        body = _replace(body, found, 1, value)
    return body


def _options(rule, body: str, problems: list[str]) -> str:
    values = {name: cell(value) for name, value in rule.options.items()}
    seen = set()

    def mend(row: re.Match) -> str:
        name = row.group(1)
        seen.add(name)
        if name not in values:
            problems.append(f"{rule.id}: option `{name}` is not in the YAML")
            return ""  # the row goes
        if row.group(2) != values[name]:
            problems.append(f"{rule.id}: option `{name}` differs from the YAML")
            return f"| `{name}` | {values[name]} |{row.group(3)}\n"
        return row.group(0)

    body = re.sub(r"^\| `([a-z_]+)` \| (.*?) \|((?: [^|\n]*\|)?)$\n?", mend, body, flags=re.M)
    missing = [name for name in values if name not in seen]
    problems += [f"{rule.id}: option `{name}` is missing from the table" for name in missing]
    rows = list(re.finditer(r"^\| `[a-z_]+` \|.*\n", body, re.M))
    if missing and rows:  # add them after the table's last row, with the kind's help
        help_of = KINDS[rule.kind].options
        added = "".join(f"| `{name}` | {values[name]} | {help_of[name].help} |\n" for name in missing)
        body = body[:rows[-1].end()] + added + body[rows[-1].end():]
    return body


def compare(text: str, rules) -> tuple[list[str], str]:
    """The differences, one line each, and the text with them mended."""
    problems: list[str] = []
    sections = _sections(text)
    pieces, last = [], 0
    for rule in sorted(rules, key=lambda r: sections.get(r.id, (len(text),))[0]):
        if rule.id not in sections:
            problems.append(f"{rule.id}: no section in docs/rules.md")
            continue
        start, end = sections[rule.id]
        if not text.startswith(f"## {rule.id} {rule.name}\n", start):
            problems.append(f"{rule.id}: its heading does not say '{rule.id} {rule.name}'")
        body = _severity(rule, text[start:end], problems)
        body = _scope(rule, body, problems)
        body = _paragraph(rule, body, problems, r"^### Why\n\n(.*?)\n\n", "why", _why(rule))
        body = _paragraph(rule, body, problems, r"^Message: ([^\n]*)$", "message",
                          " ".join(rule.message.split()))
        body = _options(rule, body, problems)
        pieces.append(text[last:start] + body)
        last = end
    pieces.append(text[last:])
    return problems, _mend_index("".join(pieces), rules, problems)


def _mend_index(text: str, rules, problems: list[str]) -> str:
    """The index table at the top: one row per rule, as in its YAML."""
    previous = None
    for rule in sorted(rules, key=lambda r: r.id):
        row = (f"| [{rule.id}](#{rule.id.lower()}-{rule.name}) | {rule.name} | {rule.severity} "
               f"| {rule.kind} | {' '.join(rule.summary.split())} |")
        found = re.search(rf"^\| \[{rule.id}\]\(.*$", text, re.M)
        before = previous and re.search(rf"^\| \[{previous}\]\(.*\n", text, re.M)
        previous = rule.id
        if found is None:
            problems.append(f"{rule.id}: no row in the index table")
            if before:  # after the row of the rule before it
                text = text[:before.end()] + row + "\n" + text[before.end():]
        elif found.group(0) != row:
            problems.append(f"{rule.id}: index row differs from the YAML")
            text = text[:found.start()] + row + text[found.end():]
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite docs/rules.md")
    args = parser.parse_args()
    text = DOCS.read_text(encoding="utf-8")
    rules = load_rules()
    problems, mended = compare(text, rules)
    if args.write and mended != text:
        DOCS.write_text(mended, encoding="utf-8")
        problems = compare(mended, rules)[0]  # what writing could not mend
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
