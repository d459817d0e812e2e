"""Inline suppressions and jdlint-ignore metadata; JD002 and JD003."""
from __future__ import annotations

from analysis_factory import make_analysis
from jdlint.engine import lint
from jdlint.kinds import KINDS
from jdlint.rules import Rule
from jdlint.suppress import parse_comment


def rule(rule_id: str, name: str, kind: str = "phrase", phrase: str = "rockstar") -> Rule:
    options = {n: o.default for n, o in KINDS[kind].options.items()}
    message = "{detail}"
    if kind == "phrase":
        options["phrases"] = {"en": (phrase,)}
        message = "{phrase}"
    return Rule(id=rule_id, name=name, kind=kind, severity="warning", summary="s", why="w",
                source="t", message=message, options=options)


ROCK = rule("JD901", "no-rockstar")
NINJA = rule("JD902", "no-ninja", phrase="ninja")
UNKNOWN = rule("JD002", "unknown-rule-in-directive", kind="meta")
UNUSED = rule("JD003", "unused-directive", kind="meta")
ALL = [ROCK, NINJA, UNKNOWN, UNUSED]


def run(text: str, rules=ALL, known=(), **kw):
    return [(f.rule, f.line) for f in lint(make_analysis(text, **kw), rules, known=known)]


def test_parse_comment():
    assert parse_comment("jdlint-disable JD301 JD202") == ("jdlint-disable", ("JD301", "JD202"))
    assert parse_comment("jdlint-disable-next-line JD202, lone-specialist -- a reason") == (
        "jdlint-disable-next-line", ("JD202", "lone-specialist"))
    assert parse_comment("jdlint-enable") == ("jdlint-enable", ())
    assert parse_comment("jdlint-disable-file: JD201") == ("jdlint-disable-file", ("JD201",))
    assert parse_comment("just a comment") is None
    assert parse_comment("jdlint-disabled JD1") is None


def test_region_by_id_and_by_name():
    text = ("rockstar ninja\n"
            "<!-- jdlint-disable JD901 -->\n"
            "rockstar ninja\n"
            "<!-- jdlint-enable -->\n"
            "rockstar\n")
    assert run(text) == [("JD901", 1), ("JD902", 1), ("JD902", 3), ("JD901", 5)]
    assert run(text.replace("JD901", "no-rockstar")) == run(text)


def test_disable_without_ids_is_every_rule_to_the_end():
    text = "rockstar\n<!-- jdlint-disable -->\nrockstar ninja\n\nninja\n"
    assert run(text) == [("JD901", 1)]


def test_next_line():
    text = "<!-- jdlint-disable-next-line JD901 -->\nrockstar ninja\nrockstar\n"
    assert run(text) == [("JD902", 2), ("JD901", 3)]


def test_file_directive_and_metadata():
    text = "rockstar\n<!-- jdlint-disable-file no-rockstar -->\nrockstar\n"
    assert run(text) == []
    assert run("rockstar ninja\n", metadata={"jdlint-ignore": ["JD901"]}) == [("JD902", 1)]
    assert run("rockstar ninja\n", metadata={"jdlint-ignore": "JD902"}) == [("JD901", 1)]


def test_unknown_rule_in_directive_is_jd002_at_the_comment():
    text = "x\n<!-- jdlint-disable-next-line JD999 -->\nrockstar\n"
    findings = lint(make_analysis(text), ALL)
    # JD999 is not a rule: JD002 at the comment; the directive reaches no
    # active rule, so it is not also reported as unused; JD901 is not suppressed
    assert [(f.rule, f.line, f.column) for f in findings] == [("JD002", 2, 1), ("JD901", 3, 1)]
    jd002 = findings[0]
    assert "JD999" in jd002.message and jd002.evidence.startswith("<!--")


def test_rules_that_exist_but_are_not_selected_are_not_unknown():
    text = "<!-- jdlint-disable-next-line JD301 -->\nrockstar\n"
    # JD301 exists (the caller says so: built in, or an organisation's rule) but is not active
    assert run(text, known={"JD301", "junior-asks-senior"}) == [("JD901", 2)]
    assert ("JD002", 1) in run(text)  # nobody said it exists: a directive naming no rule


def test_unused_directive_is_jd003():
    text = "<!-- jdlint-disable-next-line JD901 -->\nninja\n<!-- jdlint-disable-file JD902 -->\n"
    assert run(text) == [("JD003", 1)]
    assert run("<!-- jdlint-disable -->\nnothing here\n") == [("JD003", 1)]
    assert run("nothing\n", metadata={"jdlint-ignore": ["JD901"]}) == [("JD003", 1)]


def test_meta_findings_only_when_their_rules_are_active():
    text = "<!-- jdlint-disable-next-line JD999 -->\nninja\n"
    assert run(text, rules=[ROCK, NINJA]) == [("JD902", 2)]


def test_a_used_directive_is_not_reported():
    text = "<!-- jdlint-disable JD901 -->\nrockstar\n<!-- jdlint-enable JD901 -->\nrockstar\n"
    assert run(text) == [("JD901", 4)]


def test_enable_of_another_rule_does_not_close_the_region():
    text = "<!-- jdlint-disable JD901 -->\nrockstar\n<!-- jdlint-enable JD902 -->\nrockstar\n"
    assert run(text) == []


def test_suppressions_in_a_jsonl_record_keep_the_record():
    analysis = make_analysis("<!-- jdlint-disable-next-line JD777 -->\nrockstar\n",
                             path="x.jsonl", record="r9")
    findings = lint(analysis, ALL)
    assert {f.record for f in findings} == {"r9"}
