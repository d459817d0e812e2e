"""The text, json and github formatters (SARIF: test_sarif.py)."""
from __future__ import annotations

import json

from conftest import make_facts, make_posting
from jdlint import __version__
from jdlint.formatters import (
    FORMATTERS, INSPECT_FORMATTERS, github_escape_data, github_escape_property, summary_line,
)
from jdlint.model import Analysis, Report, Section, SkillMatch, Tokens


def test_table_holds_the_contract_formats():
    assert set(FORMATTERS) == {"text", "json", "sarif", "github"}
    assert set(INSPECT_FORMATTERS) == {"json", "text"}


def test_text_lines_and_summary(report, rules):
    out = FORMATTERS["text"](report, rules)
    lines = out.splitlines()
    assert lines[0] == "postings/ds.md:12:1: JD101 statistics is missing"
    assert lines[1] == "postings/ds.md:14:5: JD201 asks for 21 areas"
    assert lines[2].startswith("export/jobs.jsonl#gd20-1:4:7: JD301 ")
    assert lines[-1] == (
        "3 findings (1 error, 1 warning, 1 info) in 2 postings; 2 input errors"
    )


def test_text_quiet_has_only_findings(report, rules):
    out = FORMATTERS["text"](report, rules, quiet=True)
    assert "finding" not in out.splitlines()[-1]
    assert len(out.splitlines()) == 3


def test_text_colour_only_when_asked(report, rules):
    assert "\x1b[" not in FORMATTERS["text"](report, rules)
    assert "\x1b[" in FORMATTERS["text"](report, rules, color=True)


def test_summary_of_a_clean_run():
    assert summary_line(Report(results=(), errors=())) == "0 findings in 0 postings"


def test_json_has_the_exact_contract_shape(report, rules):
    data = json.loads(FORMATTERS["json"](report, rules))
    assert set(data) == {"jdlint", "results", "errors"}
    assert data["jdlint"] == __version__
    first, second = data["results"]
    assert set(first) == {"path", "record", "posting", "findings"}
    assert first["path"] == "postings/ds.md" and first["record"] is None
    assert first["posting"] == {"title": "Senior Data Scientist", "role": "data-scientist",
                                "seniority": "senior", "language": "en"}
    assert first["findings"][0] == {
        "rule": "JD101", "name": "missing-core-skill", "severity": "error",
        "message": "statistics is missing", "line": 12, "column": 1, "end_line": 12,
        "end_column": 11, "evidence": "Qualifications"}
    # a record keeps the in-text position
    assert second["record"] == "gd20-1"
    assert (second["findings"][0]["line"], second["findings"][0]["column"]) == (4, 7)
    assert data["errors"] == [
        {"path": "postings/broken.md", "line": None,
         "message": "not UTF-8: invalid byte 0xff at offset 1032"},
        {"path": "export/jobs.jsonl", "line": 5, "message": "not valid JSON: Expecting value"}]


def test_github_commands(report, rules):
    lines = FORMATTERS["github"](report, rules).splitlines()
    assert lines[0] == ("::error file=postings/ds.md,line=12,col=1,endLine=12,endColumn=11,"
                        "title=JD101::statistics is missing [missing-core-skill]")
    assert lines[1].startswith("::warning file=postings/ds.md,line=14,col=5,")
    # info -> notice; a record points at its .jsonl line, column 1, and the
    # in-text position goes in the message; % and newlines are escaped
    assert lines[2].startswith("::notice file=export/jobs.jsonl,line=3,col=1,title=JD301::")
    assert "record gd20-1, line 4, column 7" in lines[2]
    assert "100%25%0Areally" in lines[2]
    assert lines[3] == ("::error file=postings/broken.md,title=jdlint input error::"
                        "not UTF-8: invalid byte 0xff at offset 1032")
    assert lines[4].startswith("::error file=export/jobs.jsonl,line=5,")


def test_github_escaping():
    assert github_escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert github_escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"


def _analysis() -> Analysis:
    posting = make_posting("p.md")
    return Analysis(
        posting=posting, facts=make_facts(),
        sections=(Section("requirements", "Qualifications", 10, 40, 3),),
        skills=(SkillMatch("hypothesis-testing", "statistics", "required", "hypothesis tests",
                           12, 28, 4, 5, 100, "requirements"),),
        areas={"statistics": "required", "cloud": "preferred"},
        tokens=Tokens((), (), ()),
    )


def test_inspect_json_shape():
    data = json.loads(INSPECT_FORMATTERS["json"]([_analysis()], []))
    assert set(data) == {"jdlint", "postings", "errors"}
    posting = data["postings"][0]
    for key in ("path", "record", "title", "language", "role", "role_title", "role_body",
                "seniority", "seniority_title", "seniority_body", "years_required",
                "degree_required", "sections", "areas", "skills"):
        assert key in posting
    assert posting["sections"] == [{"kind": "requirements", "heading": "Qualifications",
                                    "line": 3}]
    assert posting["skills"] == [{"skill": "hypothesis-testing", "area": "statistics",
                                  "strength": "required", "text": "hypothesis tests",
                                  "line": 4, "column": 5, "score": 100}]
    assert posting["areas"] == {"statistics": "required", "cloud": "preferred"}


def test_inspect_text_shows_sections_skills_and_facts():
    out = INSPECT_FORMATTERS["text"]([_analysis()], [])
    assert "line 3: requirements 'Qualifications'" in out
    assert "line 4:5: hypothesis-testing (statistics, required)" in out
    assert "years required: 5; degree required: master" in out
