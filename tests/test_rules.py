"""Loading, validating and selecting rules (rules/checks/*.yaml)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from jdlint.kinds import KINDS
from jdlint.model import SECTION_KINDS
from jdlint.rules import Rule, RuleError, load_rule_file, load_rules, parse_rule, select_rules

ARTICLE_RULES = {
    "JD101": "missing-core-skill", "JD102": "role-mismatch", "JD103": "business-only",
    "JD201": "everything-posting", "JD202": "elite-credentials-required",
    "JD301": "junior-asks-senior", "JD302": "senior-asks-junior-only",
    "JD303": "experience-contradicts-level", "JD401": "lone-specialist",
}

GOOD = """\
id: JD901
name: org-rule
kind: phrase
severity: warning
summary: An organisation rule.
why: Our style guide says so.
source: our house rules
message: "found {phrase}"
options:
  phrases: {en: [rockstar]}
examples:
  pass: ["# Data Scientist\\n\\n## Requirements\\n\\n- SQL\\n"]
  fail: [{text: "# Data Scientist\\n\\n## Requirements\\n\\n- rockstar\\n", note: "a rockstar"}]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the built-in rules ------------------------------------------------------

def test_built_in_rules_load_with_fixed_ids_and_names():
    rules = load_rules()
    by_id = {rule.id: rule for rule in rules}
    for rule_id, name in ARTICLE_RULES.items():
        assert by_id[rule_id].name == name
    assert {"JD001", "JD002", "JD003"} <= set(by_id)
    assert [r.id for r in rules] == sorted(by_id)
    assert by_id["JD001"].severity == "error"
    assert by_id["JD401"].severity == "info"


def test_article_rules_cite_the_article_and_others_a_source():
    for rule in load_rules():
        if rule.id in ARTICLE_RULES:
            assert re.search(r"§\d", rule.why), rule.id
        else:
            assert rule.source, rule.id


def test_article_rules_have_examples_in_three_languages():
    for rule in load_rules():
        if rule.id not in ARTICLE_RULES:
            continue
        for side in (rule.passes, rule.fails):
            assert {e.language for e in side} >= {"en", "ko", "ja"}, rule.id


def test_rule_files_are_named_after_their_rule():
    for rule in load_rules():
        assert Path(rule.path).name == f"{rule.id}-{rule.name}.yaml"


def test_when_and_scope_of_level_rules():
    by_id = {rule.id: rule for rule in load_rules()}
    # the level rules judge the level the title states, not one read from years alone
    assert by_id["JD301"].when["seniority_title"] == ("junior",)
    assert by_id["JD302"].when["seniority_title"] == ("senior",)
    assert by_id["JD202"].scope == ("requirements",)
    # a research job by its own words (duties that publish, a research group), not by the
    # role jdlint reads, is not judged for a publication record
    assert by_id["JD202"].unless == {}
    assert by_id["JD202"].unless_text.sections == ("responsibilities", "other")
    assert any("research group" in p for p in by_id["JD202"].unless_text.phrases["en"])
    assert all(s in SECTION_KINDS for r in by_id.values() for s in r.scope)


def test_options_are_filled_with_defaults():
    by_id = {rule.id: rule for rule in load_rules()}
    options = by_id["JD201"].options
    assert set(options) == set(KINDS["area-budget"].options)
    assert options["budget"]["senior"] >= options["budget"]["junior"]


# --- organisation rules -------------------------------------------------------

def test_unless_text_reads_phrases_and_defaults_to_every_section(tmp_path):
    path = write(tmp_path, "JD901-org-rule.yaml", GOOD.replace(
        "source: our house rules\n",
        "source: our house rules\nunless_text: {phrases: {en: [our own rockstars], ko: [록스타]}}\n"))
    rule = load_rule_file(path)
    assert rule.unless_text.phrases == {"en": ("our own rockstars",), "ko": ("록스타",)}
    assert rule.unless_text.sections == tuple(SECTION_KINDS)


def test_extra_folder_adds_rules(tmp_path):
    write(tmp_path, "JD901-org-rule.yaml", GOOD)
    rules = load_rules(extra_dirs=[tmp_path])
    rule = next(r for r in rules if r.id == "JD901")
    assert rule.options["phrases"] == {"en": ("rockstar",)}
    assert rule.passes[0].language == "en"
    assert rule.fails[0].note == "a rockstar"


def test_id_clash_with_built_in_is_an_error(tmp_path):
    write(tmp_path, "x.yaml", GOOD.replace("JD901", "JD101"))
    with pytest.raises(RuleError, match="JD101.*already defined"):
        load_rules(extra_dirs=[tmp_path])


def test_name_clash_with_built_in_is_an_error(tmp_path):
    write(tmp_path, "x.yaml", GOOD.replace("org-rule", "lone-specialist"))
    with pytest.raises(RuleError, match="lone-specialist.*already defined"):
        load_rules(extra_dirs=[tmp_path])


def test_missing_extra_folder_is_an_error(tmp_path):
    with pytest.raises(RuleError, match="not a folder"):
        load_rules(extra_dirs=[tmp_path / "nope"])


# --- typos fail at load, naming file, rule and key ----------------------------

@pytest.mark.parametrize("old, new, key", [
    ("severity: warning", "severity: warn", "severity"),
    ("severity: warning", "severty: warning", "severty"),
    ("kind: phrase", "kind: phrases", "kind"),
    ("name: org-rule", "name: Org_Rule", "name"),
    ("id: JD901", "id: JD9001", "id"),
    ("summary: An organisation rule.", "summary: [a, list]", "summary"),
    ("  phrases: {en: [rockstar]}", "  phrase: {en: [rockstar]}", "options.phrase"),
    ("  phrases: {en: [rockstar]}", "  phrases: [rockstar]", "options.phrases"),
    ("  phrases: {en: [rockstar]}", "  max_gap: lots", "options.max_gap"),
    ('message: "found {phrase}"', 'message: "found {phrases}"', "message"),
    ('message: "found {phrase}"', 'message: "found {phrase"', "message"),
    ("source: our house rules", "source: our house rules\n" + "scope: [requirement]", "scope"),
    ("source: our house rules", "source: our house rules\n" + "when: {role: [scientist]}", "when.role"),
    ("source: our house rules", "source: our house rules\n" + "when: {level: [junior]}", "when.level"),
    ("source: our house rules", "source: our house rules\n" + "unless: {role_body: [boss]}", "unless.role_body"),
    ("source: our house rules", "source: our house rules\n" + "unless: [role]", "unless"),
    ("source: our house rules", "source: our house rules\n" + "unless_text: [paper]", "unless_text"),
    ("source: our house rules", "source: our house rules\n" + "unless_text: {sections: [other]}",
     "unless_text"),
    ("source: our house rules", "source: our house rules\n" + "unless_text: {phrases: {en: [a]}, where: []}",
     "unless_text.where"),
    ("source: our house rules", "source: our house rules\n" + "unless_text: {phrases: {xx: [a]}}",
     "unless_text.phrases"),
    ("source: our house rules", "source: our house rules\n" + "unless_text: {phrases: {en: []}}",
     "unless_text.phrases"),
    ("source: our house rules",
     "source: our house rules\n" + "unless_text: {phrases: {en: [a]}, sections: [duties]}",
     "unless_text.sections"),
    ("  pass: [", "  passes: [", "examples.passes"),
    ('note: "a rockstar"', 'lang: "en"', "examples.fail[1].lang"),
])
def test_typos_fail_with_file_rule_and_key(tmp_path, old, new, key):
    assert old in GOOD
    path = write(tmp_path, "JD901-org-rule.yaml", GOOD.replace(old, new))
    with pytest.raises(RuleError) as error:
        load_rule_file(path)
    message = str(error.value)
    assert str(path) in message
    assert key in message
    if key != "id":
        assert "JD901" in message


def test_why_must_cite_a_section_without_a_source(tmp_path):
    path = write(tmp_path, "r.yaml", GOOD.replace("source: our house rules\n", ""))
    with pytest.raises(RuleError, match="why"):
        load_rule_file(path)
    path = write(tmp_path, "r.yaml", GOOD.replace("source: our house rules\n", "")
                 .replace("Our style guide says so.", "The article says so (§4-4)."))
    assert load_rule_file(path).source == ""


def test_missing_key_and_bad_yaml(tmp_path):
    path = write(tmp_path, "r.yaml", GOOD.replace("summary: An organisation rule.\n", ""))
    with pytest.raises(RuleError, match="summary: missing"):
        load_rule_file(path)
    path = write(tmp_path, "r.yaml", "id: [JD901\n")
    with pytest.raises(RuleError, match=re.escape(str(path))):
        load_rule_file(path)
    path = write(tmp_path, "r.yaml", "- just a list\n")
    with pytest.raises(RuleError, match="mapping"):
        load_rule_file(path)


def test_anchors_and_aliases_are_refused(tmp_path):
    text = GOOD.replace("  phrases: {en: [rockstar]}",
                        "  phrases: &p {en: [rockstar]}\n  unless_line: *p")
    path = write(tmp_path, "r.yaml", text)
    with pytest.raises(RuleError, match=re.escape(str(path))):
        load_rule_file(path)


def test_examples_may_be_strings_or_mappings_with_language():
    data = {"id": "JD902", "name": "x", "kind": "meta", "severity": "info", "summary": "s",
            "why": "w", "source": "s", "message": "{detail}",
            "examples": {"pass": ["# 데이터 사이언티스트\n", "# データ\n", "# Data\n"],
                         "fail": [{"text": "x", "language": "ko"}]}}
    rule = parse_rule(data, "mem")
    assert [e.language for e in rule.passes] == ["ko", "ja", "en"]
    assert rule.fails[0].language == "ko"
    data["examples"]["fail"] = [{"text": "x", "language": "fr"}]
    with pytest.raises(RuleError, match="language"):
        parse_rule(data, "mem")


# --- selection -------------------------------------------------------------------

@pytest.fixture(scope="module")
def rules() -> tuple[Rule, ...]:
    return load_rules()


def ids(selected) -> list[str]:
    return [r.id for r in selected]


def test_select_defaults_to_enabled_rules(rules):
    assert ids(select_rules(rules)) == [r.id for r in rules if r.enabled]
    disabled = [r for r in rules if not r.enabled]
    assert disabled, "JD004 is off by default"
    assert disabled[0].id in ids(select_rules(rules, extend_select=[disabled[0].id]))
    assert disabled[0].id in ids(select_rules(rules, select=[disabled[0].name]))


def test_select_by_id_prefix_and_name(rules):
    assert ids(select_rules(rules, select=["JD3"])) == ["JD301", "JD302", "JD303"]
    assert ids(select_rules(rules, select=["lone-specialist", "JD101"])) == ["JD101", "JD401"]
    assert ids(select_rules(rules, select=["JD1"], extend_select=["JD202"])) == [
        "JD101", "JD102", "JD103", "JD202"]
    assert "JD2" not in "".join(ids(select_rules(rules, ignore=["JD2"])))
    assert ids(select_rules(rules, select=["JD30"], ignore=["junior-asks-senior"])) == [
        "JD302", "JD303"]


def test_select_unknown_selector_is_an_error(rules):
    with pytest.raises(RuleError, match="JD999"):
        select_rules(rules, select=["JD999"])
    with pytest.raises(RuleError, match="no-such-rule"):
        select_rules(rules, ignore=["no-such-rule"])


def test_overrides_change_severity_and_options(rules):
    selected = select_rules(rules, overrides={
        "JD201": {"severity": "error", "budget": {"senior": 20}},
        "lone-specialist": {"severity": "warning"}})
    by_id = {r.id: r for r in selected}
    assert by_id["JD201"].severity == "error"
    budget = by_id["JD201"].options["budget"]
    assert budget["senior"] == 20  # the other levels keep their budgets
    assert budget["junior"] == {r.id: r for r in rules}["JD201"].options["budget"]["junior"]
    assert by_id["JD201"].options["cross_min"] == 3  # other options kept
    assert by_id["JD401"].severity == "warning"
    original = {r.id: r for r in rules}
    assert original["JD201"].severity == "warning"  # rules are not mutated


@pytest.mark.parametrize("overrides, key", [
    ({"JD201": {"severity": "fatal"}}, "severity"),
    ({"JD201": {"budgets": 3}}, "options.budgets"),
    ({"JD201": {"cross_min": "three"}}, "options.cross_min"),
    ({"JD999": {"severity": "info"}}, "JD999"),
])
def test_bad_overrides_are_errors(rules, overrides, key):
    with pytest.raises(RuleError, match=re.escape(key)):
        select_rules(rules, overrides=overrides)


def _rule_docs():
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "scripts" / "rule_docs.py"
    spec = importlib.util.spec_from_file_location("rule_docs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_show_each_rules_message_and_options_as_in_its_yaml():
    """The reference copies every message and option value from the YAML;
    ``python scripts/rule_docs.py --write`` mends a copy left behind."""
    rule_docs = _rule_docs()
    problems, _ = rule_docs.compare(rule_docs.DOCS.read_text(encoding="utf-8"), load_rules())
    assert problems == []


def test_rule_docs_finds_and_mends_a_stale_value_and_a_missing_row():
    rule_docs = _rule_docs()
    text = rule_docs.DOCS.read_text(encoding="utf-8")
    stale = text.replace("| `max_gap` | 60 |", "| `max_gap` | 61 |", 1)
    stale = re.sub(r"^\| `before_window` \| 40 \|.*\n", "", stale, count=1, flags=re.M)
    problems, mended = rule_docs.compare(stale, load_rules())
    assert any("`max_gap` differs" in p for p in problems)
    assert "JD202: option `before_window` is missing from the table" in problems
    assert rule_docs.compare(mended, load_rules())[0] == []
    assert rule_docs.cell({"en": ["{a|b} c"], "ko": []}) == "en: {a/b} c; ko: (none)"


def test_rule_docs_finds_and_mends_each_copied_field():
    rule_docs = _rule_docs()
    rules = load_rules()
    jd401 = next(rule for rule in rules if rule.id == "JD401")
    text = rule_docs.DOCS.read_text(encoding="utf-8")
    edits = {  # a stale copy -> what compare says
        "Severity **info**, kind `phrase`. Skipped": ("JD401: severity or kind differs", "Severity **warning**, kind `phrase`. Skipped"),
        "Counts only hits in sections: requirements, preferred, responsibilities, process, other.": (
            "JD401: the sections it counts differ", "Counts only hits in sections: requirements."),
        " ".join(jd401.why.split()): ("JD401: why differs", "An old why."),
        "Message: " + " ".join(jd401.message.split()): ("JD401: message differs", "Message: an old message"),
        "| lone-specialist | info | phrase |": ("JD401: index row differs", "| lone-specialist | info | meta |"),
    }
    for old, (problem, new) in edits.items():
        assert old in text, old
        stale = text.replace(old, new, 1)
        problems, mended = rule_docs.compare(stale, rules)
        assert any(p.startswith(problem) for p in problems), (problem, problems)
        assert rule_docs.compare(mended, rules)[0] == [], problem
    renamed = text.replace("## JD401 lone-specialist", "## JD401 lone-wolf", 1)
    assert "JD401: its heading does not say 'JD401 lone-specialist'" in rule_docs.compare(renamed, rules)[0]


def test_ignored_skills_exist_in_the_taxonomy():
    from jdlint.taxonomy import load_taxonomy

    known = set(load_taxonomy().by_id)
    for rule in load_rules():
        for skill_id in rule.options.get("ignore_skills", ()):
            assert skill_id in known, f"{rule.id}: ignore_skills names unknown skill {skill_id}"


def test_selectors_mean_the_same_everywhere(rules):
    from jdlint.config import resolve_selector

    for selector in ("JD3", "jd3", "JD301", "jd301", "junior-asks-senior", "all", "ALL"):
        assert list(resolve_selector(selector, rules)) == ids(select_rules(rules, select=[selector]))
    assert resolve_selector("JDX", rules) == ()
