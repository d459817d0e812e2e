"""Shared fixtures for the tests of jdlint's edge (cli, config, formatters)."""
from __future__ import annotations

from pathlib import Path

import pytest

from jdlint.model import Facts, Finding, InputError, Posting, Report, Result
from jdlint.rules import Example, Rule

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """../shared (spec, corpus); the test skips when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


def run(args, capsys):
    """Run the CLI in this process: (exit code, stdout, stderr)."""
    from jdlint.cli import main

    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def make_rule(rule_id="JD101", name="missing-core-skill", severity="error", **extra) -> Rule:
    values = dict(
        id=rule_id, name=name, kind="missing-area", severity=severity,
        summary=f"Summary of {name}.", why=f"Why {name} matters (§2).", source="",
        message="{area} is missing", options={"areas": 3},
        passes=(Example(text="# Data Scientist\n\nSQL, statistics\n"),),
        fails=(Example(text="# Data Scientist\n\nNothing.\n", note="no skills"),),
    )
    values.update(extra)
    return Rule(**values)


def make_facts(**extra) -> Facts:
    values = dict(
        language="en", role="data-scientist", role_title="data-scientist",
        role_body="data-scientist", seniority="senior", seniority_title="senior",
        seniority_body="mid", years_required=5, degree_required="master",
        supported=True, too_short=False, flat=False, sections_found=True,
    )
    values.update(extra)
    return Facts(**values)


def make_finding(path="postings/ds.md", record=None, rule="JD101", severity="error",
                 line=12, column=1, message="statistics is missing", source_line=None,
                 name="missing-core-skill") -> Finding:
    return Finding(path=path, record=record, line=line, column=column, end_line=line,
                   end_column=column + 10, rule=rule, name=name, severity=severity,
                   message=message, evidence="Qualifications", source_line=source_line)


def make_posting(path="postings/ds.md", record=None, title="Senior Data Scientist",
                 source_line=None) -> Posting:
    text = "# Senior Data Scientist\n\nWe need SQL.\n"
    return Posting(path=path, text=text, masked=text, record=record, title=title,
                   source_line=source_line)


@pytest.fixture
def rules() -> tuple[Rule, ...]:
    return (make_rule(), make_rule("JD201", "everything-posting", "warning"),
            make_rule("JD301", "elite-credential", "info"))


@pytest.fixture
def report() -> Report:
    """Two postings (a file and a .jsonl record), three findings, one input error."""
    file_result = Result(
        posting=make_posting(), facts=make_facts(),
        findings=(make_finding(),
                  make_finding(rule="JD201", severity="warning", line=14, column=5,
                               name="everything-posting", message="asks for 21 areas")),
    )
    record_result = Result(
        posting=make_posting("export/jobs.jsonl", record="gd20-1", source_line=3),
        facts=make_facts(seniority="junior"),
        findings=(make_finding("export/jobs.jsonl", record="gd20-1", rule="JD301",
                               severity="info", line=4, column=7, source_line=3,
                               name="elite-credential",
                               message='asks for "Kaggle, Master": 100%\nreally'),),
    )
    errors = (InputError("postings/broken.md", None, "not UTF-8: invalid byte 0xff at offset 1032"),
              InputError("export/jobs.jsonl", 5, "not valid JSON: Expecting value"))
    return Report(results=(file_result, record_result), errors=errors)
