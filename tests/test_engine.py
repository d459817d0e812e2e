"""The engine: when/scope/judgeable, positions, notices, sorting, dedup."""
from __future__ import annotations

import dataclasses

import pytest

from analysis_factory import make_analysis, skill
from jdlint.engine import lint
from jdlint.kinds import KINDS
from jdlint.model import Finding, Notice
from jdlint.rules import Rule, TextCondition


def rule(rule_id: str, kind: str, *, message: str = "{phrase}", severity: str = "warning",
         options: dict | None = None, **extra) -> Rule:
    full = {name: option.default for name, option in KINDS[kind].options.items()}
    full.update(options or {})
    return Rule(id=rule_id, name=f"rule-{rule_id.lower()}", kind=kind, severity=severity,
                summary="s", why="w (§1)", source="", message=message, options=full, **extra)


ROCK = rule("JD901", "phrase", message="no '{phrase}'", options={"phrases": {"en": ("rockstar",)}})
ABSENT = rule("JD902", "area-absence", message="{role}: none of {areas}",
              options={"areas": ("statistics",)})
META = rule("JD001", "meta", message="front matter: {detail}", severity="error")

TEXT = ("# Data Scientist\n"            # 1
        "\n"                              # 2
        "We want a rockstar.\n"          # 3
        "\n"                              # 4
        "## Requirements\n"              # 5
        "\n"                              # 6
        "- A true rockstar with SQL\n"   # 7
        "\n"                              # 8
        "## Nice to have\n"              # 9
        "\n"                              # 10
        "- rockstar energy\n")           # 11


def test_hits_become_findings_with_positions_evidence_and_stamps():
    findings = lint(make_analysis(TEXT, path="a.md"), [ROCK])
    assert [(f.line, f.column, f.end_line, f.end_column) for f in findings] == [
        (3, 11, 3, 19), (7, 10, 7, 18), (11, 3, 11, 11)]
    first = findings[0]
    assert isinstance(first, Finding)
    assert (first.rule, first.name, first.severity, first.path) == (
        "JD901", "rule-jd901", "warning", "a.md")
    assert first.evidence == "rockstar" and first.message == "no 'rockstar'"


def test_scope_drops_hits_outside_the_sections():
    scoped = dataclasses.replace(ROCK, scope=("requirements",))
    assert [f.line for f in lint(make_analysis(TEXT), [scoped])] == [7]
    both = dataclasses.replace(ROCK, scope=("requirements", "preferred"))
    assert [f.line for f in lint(make_analysis(TEXT), [both])] == [7, 11]


def test_when_filters_on_role_and_seniority():
    junior_ds = dataclasses.replace(ROCK, when={"role": ("data-scientist",), "seniority": ("junior",)})
    assert lint(make_analysis(TEXT, seniority="junior"), [junior_ds])
    assert lint(make_analysis(TEXT, seniority="mid"), [junior_ds]) == ()
    assert lint(make_analysis(TEXT, role="ml-engineer", seniority="junior"), [junior_ds]) == ()


def test_unless_skips_a_posting_only_when_all_its_conditions_hold():
    rule = dataclasses.replace(ROCK, unless={"role_title": ("research-scientist",),
                                             "role_body": ("research-scientist",)})
    research = make_analysis(TEXT, role="research-scientist")
    assert lint(research, [rule]) == ()
    assert lint(research, [ROCK])
    applied_ml = make_analysis(TEXT, role="research-scientist", role_body="ml-engineer")
    assert lint(applied_ml, [rule])
    assert lint(make_analysis(TEXT, role="data-scientist", role_body="research-scientist"), [rule])


def test_unless_text_skips_a_posting_that_says_a_phrase_in_the_named_sections():
    duties = ("# Data Scientist\n\n## Responsibilities\n\n- Publish  our research\n\n"
              "## Requirements\n\n- A true rockstar\n")
    guarded = dataclasses.replace(ROCK, unless_text=TextCondition(
        phrases={"en": ("publish our research",)}, sections=("responsibilities",)))
    assert lint(make_analysis(duties), [guarded]) == ()  # runs of blanks are one space
    assert lint(make_analysis(duties), [ROCK])
    # the same phrase outside the named sections does not exempt the posting
    asked = "# Data Scientist\n\n## Requirements\n\n- A true rockstar who will publish our research\n"
    assert [f.line for f in lint(make_analysis(asked), [guarded])] == [5]
    # nor a phrase that only starts on one line and ends on the next
    split = duties.replace("Publish  our research", "Publish our\n- research")
    assert lint(make_analysis(split), [guarded])


def test_finding_without_span_points_at_the_requirements_heading():
    findings = lint(make_analysis(TEXT), [ABSENT])
    assert len(findings) == 1
    f = findings[0]
    assert (f.line, f.column, f.end_line, f.end_column) == (5, 1, 5, 16)
    assert f.evidence == "## Requirements"
    assert f.message == "data-scientist: none of statistics"


def test_finding_without_span_or_heading_is_at_line_one():
    text = "# Data Scientist\n\nSQL and cloud.\n"
    f = lint(make_analysis(text), [ABSENT])[0]
    assert (f.line, f.column, f.evidence) == (1, 1, "")


@pytest.mark.parametrize("change", [
    {"too_short": True}, {"partial": True}, {"language": "de"}])
def test_absence_rules_skip_postings_that_cannot_be_judged(change):
    assert lint(make_analysis(TEXT, **change), [ABSENT]) == ()
    assert lint(make_analysis(TEXT, **change), [ROCK])  # phrases still apply


def test_notices_become_findings_of_the_rule_they_name():
    text = "---\ntitle: [x\n---\n# Data Scientist\n"
    notice = Notice(rule="JD001", start=4, end=13, message="not valid YAML")
    findings = lint(make_analysis(text, notices=(notice,)), [META, ROCK])
    assert [(f.rule, f.line, f.column, f.severity, f.message) for f in findings] == [
        ("JD001", 2, 1, "error", "front matter: not valid YAML")]
    assert lint(make_analysis(text, notices=(notice,)), [ROCK]) == ()  # JD001 not selected


def test_ignore_drops_rules_by_id():
    assert lint(make_analysis(TEXT), [ROCK, ABSENT], ignore=frozenset({"JD901"}))[0].rule == "JD902"


def test_findings_are_sorted_and_deduplicated():
    twice = rule("JD900", "phrase", message="x", options={"phrases": {"en": ("rockstar", "rock")}})
    text = "rock\n\nrockstar rockstar\n"
    findings = lint(make_analysis(text), [ROCK, twice])
    keys = [(f.line, f.column, f.rule) for f in findings]
    assert keys == sorted(keys)
    assert len(keys) == len(set((f.rule, f.line, f.column, f.end_line, f.end_column) for f in findings))
    assert keys == [(1, 1, "JD900"), (3, 1, "JD900"), (3, 1, "JD901")]


def test_record_and_source_line_are_carried():
    analysis = make_analysis(TEXT, path="x.jsonl", record="r1")
    posting = dataclasses.replace(analysis.posting, source_line=4)
    analysis = dataclasses.replace(analysis, posting=posting)
    f = lint(analysis, [ROCK])[0]
    assert (f.path, f.record, f.source_line) == ("x.jsonl", "r1", 4)


def test_level_rule_message_and_position_through_the_engine():
    text = "# Junior Data Scientist\n\n## Requirements\n\n- Causal inference\n"
    level = rule("JD903", "level-areas", message="{area} via '{skill}'")
    analysis = make_analysis(text, seniority="junior",
                             areas={"causal-inference": "required"},
                             skills=(skill(text, "Causal inference", "causal-inference"),))
    f = lint(analysis, [level])[0]
    assert (f.line, f.column, f.message) == (5, 3, "causal-inference via 'Causal inference'")


def test_crlf_positions():
    text = TEXT.replace("\n", "\r\n")
    assert [f.line for f in lint(make_analysis(text), [ROCK])] == [3, 7, 11]


def test_rules_kinds_and_engine_do_not_import_spacy():
    import subprocess
    import sys

    code = ("import sys, jdlint.rules, jdlint.kinds, jdlint.engine, jdlint.suppress, "
            "jdlint.profiles; jdlint.rules.load_rules(); print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
