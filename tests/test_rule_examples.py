"""Every rule's pass and fail examples, through the whole pipeline:
reader.build_posting -> analysis.Analyzer -> engine.lint (all rules active).

A fail example must produce a finding of its rule; a pass example must not.
One case per example, with ids like ``JD202-fail-ko-1``. A rule without at
least one pass and one fail example fails ``test_rule_has_examples``.
"""
from __future__ import annotations

import dataclasses

import pytest

from jdlint.engine import lint
from jdlint.rules import load_rules

RULES = load_rules()


def _cases():
    for rule in RULES:
        for side, examples in (("pass", rule.passes), ("fail", rule.fails)):
            counts: dict[str, int] = {}
            for example in examples:
                counts[example.language] = counts.get(example.language, 0) + 1
                case_id = f"{rule.id}-{side}-{example.language}-{counts[example.language]}"
                yield pytest.param(rule.id, side, example, id=case_id)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_examples(rule):
    assert rule.passes, f"{rule.id} ({rule.path}) has no pass example"
    assert rule.fails, f"{rule.id} ({rule.path}) has no fail example"


@pytest.fixture(scope="module")
def pipeline():
    from jdlint.analysis import Analyzer
    from jdlint.reader import build_posting

    analyzer = Analyzer()

    def run(text: str, path: str):
        analysis = analyzer.analyse_one(build_posting(text, path))
        return analysis, lint(analysis, RULES)

    return run


@pytest.mark.parametrize("rule_id, side, example", list(_cases()))
def test_rule_example(pipeline, rule_id, side, example):
    analysis, findings = pipeline(example.text, f"{rule_id}-{side}.md")
    mine = [f for f in findings if f.rule == rule_id]
    facts = analysis.facts
    context = (f"role={facts.role} (title {facts.role_title}, body {facts.role_body}), "
               f"seniority={facts.seniority} (title {facts.seniority_title}), "
               f"language={facts.language}, years={facts.years_required}, "
               f"degree={facts.degree_required}, judgeable={analysis.judgeable}, "
               f"areas={dict(analysis.areas)}, sections={[s.kind for s in analysis.sections]}")
    if side == "fail":
        assert mine, f"{rule_id} did not fire on a fail example ({example.note}); {context}"
    else:
        assert not mine, f"{rule_id} fired on a pass example: {[f.message for f in mine]}; {context}"


def test_experience_level_reports_years_and_phd_each_at_its_line(pipeline):
    text = ("# Graduate Data Scientist\n\nFounded three years ago, we build maps.\n\n"
            "## Requirements\n\n- At least three years of experience in data science\n"
            "- Doctoral degree in statistics\n")
    _, findings = pipeline(text, "p.md")
    findings = [f for f in findings if f.rule == "JD303"]
    # the figure in the requirements (not the company's "three years ago"), then the doctorate
    assert [(f.line, f.column, f.evidence) for f in findings] == [
        (7, 12, "three years"), (8, 3, "Doctoral")]
    assert "3+ years" in findings[0].message and "a PhD" in findings[1].message


def test_experience_level_points_at_the_required_phd_not_an_earlier_mention(pipeline):
    text = ("# Data Science Intern\n\n## About us\n\nOur team of PhDs builds maps.\n\n"
            "## Nice to have\n\n- A PhD\n\n## Requirements\n\n- PhD in statistics\n")
    _, findings = pipeline(text, "p.md")
    assert [(f.rule, f.line, f.column) for f in findings if f.rule == "JD303"] == [
        ("JD303", 13, 3)]


GUARDED = [rule for rule in RULES if rule.unless_text is not None]


@pytest.mark.parametrize("rule", GUARDED, ids=[r.id for r in GUARDED])
def test_unless_text_is_what_passes_a_near_miss_in_each_language(pipeline, rule):
    """A rule's ``unless_text`` is exercised: in each language, some pass
    example would fire without it (so the phrases, not some other gap, pass
    it)."""
    bare = dataclasses.replace(rule, unless_text=None)
    exercised = set()
    for example in rule.passes:
        analysis, _ = pipeline(example.text, f"{rule.id}-pass.md")
        if lint(analysis, [bare]) and not lint(analysis, [rule]):
            exercised.add(example.language)
    assert exercised == {"en", "ko", "ja"}, f"{rule.id}: unless_text exercised only in {exercised}"



def test_a_one_line_exports_next_section_does_not_make_its_years_optional(tmp_path):
    import json

    from jdlint import cli

    text = ("Data Science Intern About the job We are a logistics company that moves parcels "
            "across Europe. You will join the data team and build forecasting models with Python "
            "and SQL. Basic Qualifications Currently enrolled in a degree program in statistics or "
            "computer science. 3+ years of experience in data science and statistics Preferred "
            "Qualifications Experience with Spark and AWS. Experience with dashboards.")
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"id": "r1", "title": "Data Science Intern", "text": text}) + "\n",
                      encoding="utf-8")
    out, config = tmp_path / "out.json", tmp_path / "jdlint.yaml"
    config.write_text("{}\n", encoding="utf-8")
    cli.main([str(export), "--format", "json", "--select", "JD303", "--output-file", str(out),
              "--config", str(config)])
    [result] = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert [f["rule"] for f in result["findings"]] == ["JD303"]
