"""The rule kinds, on hand-built analyses (no spaCy, no real analysis)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from analysis_factory import make_analysis, skill, two_sections
from jdlint.kinds import (KINDS, AreaAbsenceKind, AreaBudgetKind, ExperienceLevelKind, Kind,
                          LevelAreasKind, Option, PhraseKind, RoleMismatchKind, compile_phrase,
                          phrase_words, validate_option)
from jdlint.model import Section
from jdlint.profiles import load_profiles


def build(kind: type[Kind], **options) -> Kind:
    full = {name: option.default for name, option in kind.options.items()}
    for name, value in options.items():
        full[name] = validate_option(kind.options[name], value)
    return kind(full, load_profiles())


def hits(kind: Kind, analysis) -> list:
    return list(kind.check(analysis))


# --- registry and options ----------------------------------------------------

def test_registry_is_explicit_and_every_kind_declares_its_values():
    assert set(KINDS) >= {"meta", "phrase", "area-absence", "level-areas", "area-budget",
                          "role-mismatch", "experience-level"}
    for name, kind in KINDS.items():
        assert issubclass(kind, Kind), name
        assert kind.values, f"{name} declares no values for messages"
        for option_name, option in kind.options.items():
            assert validate_option(option, _plain(option.default)) is not None or option.type == "bool"


def _plain(value):
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("option, value", [
    (Option("bool", True, ""), "yes"),
    (Option("int", 1, ""), -1),
    (Option("int", 1, ""), True),
    (Option("strings", (), ""), "one"),
    (Option("strengths", (), ""), ["requried"]),
    (Option("roles", (), ""), ["data-scientists"]),
    (Option("phrases", {}, ""), {"fr": ["bonjour"]}),
    (Option("phrases", {}, ""), {"en": [""]}),
    (Option("areas", (), ""), ["statistic"]),
    (Option("areas", (), ""), ["profile:nope"]),
    (Option("int-map", {}, ""), {"expert": 3}),
    (Option("area-groups", (), ""), [["statistics"], ["nope"]]),
    (Option("area-years", {}, ""), {"domain": 5}),
    (Option("area-years", {}, ""), {"domain-experience": -1}),
    (Option("area-years", {}, ""), {"domain-experience": True}),
    (Option("area-years", {}, ""), ["domain-experience"]),
])
def test_bad_option_values_are_refused(option, value):
    with pytest.raises(ValueError):
        validate_option(option, value)


# --- phrase matching -----------------------------------------------------------

def test_compile_phrase_spaces_numbers_alternatives_and_gaps():
    assert compile_phrase("# first-author papers", 60).search("3 first-author papers")
    assert compile_phrase("# first-author papers", 60).search("two first-author papers")
    assert not compile_phrase("# first-author papers", 60).search("first-author papers")
    pattern = compile_phrase("{publish|paper} ... {neurips|icml}", 20)
    assert pattern.search("we publish at icml")
    assert not pattern.search("we publish\nat icml")  # a gap stays on its line
    assert not pattern.search("we publish " + "x" * 30 + " icml")  # gap is bounded
    assert compile_phrase("데이터 사이언티스트", 60).search("데이터사이언티스트")


def test_compile_phrase_respects_word_boundaries_and_escapes():
    pattern = compile_phrase("first data scientist", 60)
    assert not pattern.search("first data scientists")
    assert not pattern.search("xfirst data scientist")
    assert compile_phrase("c++ (senior)", 60).search("c++ (senior)")  # escaped literal
    assert not compile_phrase("a.b", 60).search("axb")


def test_phrase_words_are_what_every_match_contains():
    assert phrase_words("{publish|paper} ... {NeurIPS|icml}") == (
        frozenset({"publish", "paper"}), frozenset({"neurips", "icml"}))
    assert phrase_words("# first-author papers") == (frozenset({"first-author"}),
                                                     frozenset({"papers"}))
    assert phrase_words("{#|top} tier") == (frozenset({"tier"}),)  # '#' needs no word
    for phrase, text in (("{publish|paper} ... {neurips|icml}", "paper at icml"),
                         ("# first-author papers", "two first-author papers")):
        assert compile_phrase(phrase, 60).search(text)
        assert all(any(w in text for w in group) for group in phrase_words(phrase))


REQ = "# Data Scientist\n\n## Requirements\n\n"


def test_phrase_kind_finds_a_phrase_and_points_at_it():
    text = REQ + "- Must publish papers at NeurIPS every year\n"
    kind = build(PhraseKind, phrases={"en": ["publish ... neurips"]})
    found = hits(kind, make_analysis(text))
    assert len(found) == 1
    assert text[found[0].start:found[0].end] == "publish papers at NeurIPS"
    assert found[0].values == {"phrase": "publish papers at NeurIPS"}


def test_phrase_kind_skips_lines_with_a_cue_and_alternatives_before():
    text = (REQ + "- Publications at NeurIPS are a plus\n"
            "- PhD, or publications at NeurIPS\n"
            "- Publications at NeurIPS or ICML\n")
    kind = build(PhraseKind, phrases={"en": ["publications at ... {neurips|icml}"]},
                 unless_line={"en": ["a plus"]}, unless_before={"en": ["or"]})
    found = hits(kind, make_analysis(text))
    assert [text[h.start:h.end] for h in found] == ["Publications at NeurIPS"]
    assert text.count("\n", 0, found[0].start) == 6  # the third bullet


def test_phrase_kind_looks_back_only_as_far_as_before_window():
    text = REQ + "- A PhD or MS in statistics, five years of modelling, and publications at NeurIPS\n"
    line_wide = build(PhraseKind, phrases={"en": ["publications at ... neurips"]},
                      unless_before={"en": ["or"]})
    assert hits(line_wide, make_analysis(text)) == []  # the degree's "or" counted
    near = build(PhraseKind, phrases={"en": ["publications at ... neurips"]},
                 unless_before={"en": ["or"]}, before_window=30)
    assert len(hits(near, make_analysis(text))) == 1
    close = REQ + "- A PhD, or publications at NeurIPS\n"
    assert hits(near, make_analysis(close)) == []


def test_phrase_kind_line_cues_stay_inside_the_match_section():
    # an export with the whole posting on one line: its sections are inside the line
    text = ("Basic Qualifications Publications at NeurIPS Experience with Python "
            "Preferred Qualifications Kubernetes is a plus")
    kind = build(PhraseKind, phrases={"en": ["publications at ... neurips"]},
                 unless_line={"en": ["a plus"]})
    analysis = make_analysis(text)
    one_line = replace(analysis, sections=(Section("other", "", 0, len(text), 1),))
    assert hits(kind, one_line) == []  # the preferred cue is on the same line
    split = replace(analysis, sections=two_sections(
        text, "Preferred", ("requirements", "Basic Qualifications"),
        ("preferred", "Preferred Qualifications")))
    [hit] = hits(kind, split)
    assert text[hit.start:hit.end] == "Publications at NeurIPS"


def test_phrase_kind_one_hit_per_line_and_matches_other_languages():
    text = "# 데이터 사이언티스트\n\n## 자격요건\n\n- 1인 데이터 사이언티스트, 1인 체제\n"
    kind = build(PhraseKind, phrases={"ko": ["1인 {데이터 사이언티스트|체제}"]})
    found = hits(kind, make_analysis(text, language="ko"))
    assert len(found) == 1 and found[0].values["phrase"] == "1인 데이터 사이언티스트"


def test_phrase_kind_ignores_masked_text():
    text = REQ + "<!-- kaggle grandmaster -->\n- SQL\n"
    kind = build(PhraseKind, phrases={"en": ["kaggle grandmaster"]})
    assert hits(kind, make_analysis(text)) == []


def test_phrase_kind_japanese_without_spaces():
    text = "# データサイエンティスト\n\n## 業務内容\n\n- 一人目のデータサイエンティストとして\n"
    kind = build(PhraseKind, phrases={"ja": ["{一人目の} ... データサイエンティスト"]})
    found = hits(kind, make_analysis(text, language="ja"))
    assert len(found) == 1
    assert text[found[0].start:found[0].end] == "一人目のデータサイエンティスト"


# --- area kinds ----------------------------------------------------------------

def test_area_absence_fires_only_when_no_listed_area_is_asked():
    kind = build(AreaAbsenceKind, areas=["profile:defining"])
    assert len(hits(kind, make_analysis(areas={"sql-databases": "required"}))) == 1
    assert hits(kind, make_analysis(areas={"statistics": "preferred"})) == []
    hit = hits(kind, make_analysis(areas={"cloud": "required"}))[0]
    assert hit.start is None and "statistics" in hit.values["areas"]
    assert hit.values["role"] == "data-scientist"


def test_area_absence_area_min_years_counts_an_area_only_with_enough_years():
    kind = build(AreaAbsenceKind, areas=["profile:beyond_junior", "domain-experience"],
                 area_min_years={"domain-experience": 5})
    senior_domain = {"statistics": "required", "domain-experience": "required"}
    assert hits(kind, make_analysis(areas=senior_domain, years=6)) == []
    assert hits(kind, make_analysis(areas=senior_domain, years=5)) == []
    assert len(hits(kind, make_analysis(areas=senior_domain, years=2))) == 1
    assert len(hits(kind, make_analysis(areas=senior_domain, years=None))) == 1
    # an area without a floor counts whatever the years
    assert hits(kind, make_analysis(areas={"leadership": "preferred"}, years=None)) == []


def test_area_absence_needs_structure_skips_a_flat_block_without_headings():
    kind = build(AreaAbsenceKind, areas=["profile:defining"], needs_structure=True)
    analysis = make_analysis(areas={"sql-databases": "required"})
    assert len(hits(kind, analysis)) == 1
    flat = replace(analysis, facts=replace(analysis.facts, flat=True, sections_found=False))
    assert hits(kind, flat) == []
    headed = replace(analysis, facts=replace(analysis.facts, flat=True, sections_found=True))
    assert len(hits(kind, headed)) == 1
    assert len(hits(build(AreaAbsenceKind, areas=["profile:defining"]), flat)) == 1  # off by default


def test_research_counts_as_a_data_scientists_core():
    kind = build(AreaAbsenceKind, areas=["profile:defining"])
    assert hits(kind, make_analysis(areas={"research-awareness": "required"})) == []
    assert len(hits(kind, make_analysis(role="ml-engineer", areas={"research-awareness": "required"}))) == 1


def test_area_absence_counts_only_the_given_strengths_and_needs_a_profile():
    kind = build(AreaAbsenceKind, areas=["profile:defining"], strengths=["required"])
    assert len(hits(kind, make_analysis(areas={"statistics": "preferred"}))) == 1
    assert hits(kind, make_analysis(role="data-analyst", areas={})) == []  # no profile


def test_area_absence_require_any_for_business_only():
    kind = build(AreaAbsenceKind, areas=["profile:technical"],
                 require_any=["business-soft", "leadership"])
    found = hits(kind, make_analysis(areas={"business-soft": "required"}))
    assert len(found) == 1 and found[0].values["asked"] == "business-soft"
    assert hits(kind, make_analysis(areas={})) == []  # nothing asked at all: not business-only
    assert hits(kind, make_analysis(areas={"business-soft": "required", "sql-databases": "preferred"})) == []


def test_area_absence_each_of_needs_one_area_of_every_group_when_the_title_names_the_role():
    kind = build(AreaAbsenceKind, areas=["profile:defining"],
                 each_of=[["profile:core_ml"], ["profile:core_engineering"]])
    ml_only = {"ml-fundamentals": "required", "sql-databases": "required"}
    [hit] = hits(kind, make_analysis(role="ml-engineer", role_title="ml-engineer", areas=ml_only))
    assert hit.values["areas"] == "software-engineering, ml-in-production"
    both = {**ml_only, "software-engineering": "preferred"}
    assert hits(kind, make_analysis(role="ml-engineer", role_title="ml-engineer", areas=both)) == []
    # a role read from the body (no title names it) already has what the body asks
    assert hits(kind, make_analysis(role="ml-engineer", role_title="unknown", areas=ml_only)) == []


def test_level_areas_one_hit_per_senior_area_at_its_skill():
    text = REQ + "- Causal inference\n- Bayesian modeling\n- Leading a team\n"
    skills = (skill(text, "Causal inference", "causal-inference"),
              skill(text, "Bayesian modeling", "bayesian-modeling", strength="preferred"))
    kind = build(LevelAreasKind)
    found = hits(kind, make_analysis(text, areas={"causal-inference": "required",
                                                  "bayesian-modeling": "preferred",
                                                  "leadership": "required"}, skills=skills))
    assert [h.values["area"] for h in found] == ["causal-inference", "leadership"]
    assert text[found[0].start:found[0].end] == "Causal inference"
    assert found[1].start is None and found[1].values["skill"] == "leadership"


def test_level_areas_min_areas():
    kind = build(LevelAreasKind, min_areas=2)
    assert hits(kind, make_analysis(areas={"causal-inference": "required"})) == []


def test_area_budget_over_budget_cross_roles_and_groups():
    kind = build(AreaBudgetKind, budget={"junior": 2}, cross_min=0, groups=[])
    three = {"statistics": "required", "sql-databases": "required", "cloud": "required",
             "programming": "required"}
    assert hits(kind, make_analysis(seniority="junior", areas=three))[0].values["count"] == 3
    assert hits(kind, make_analysis(seniority="senior", areas=three)) == []  # no budget given
    ignored = build(AreaBudgetKind, budget={"junior": 3}, cross_min=0, groups=[])
    assert hits(ignored, make_analysis(seniority="junior", areas=three)) == []  # programming ignored

    cross = build(AreaBudgetKind, budget={}, cross_min=2, groups=[])
    both = {"bayesian-modeling": "required", "causal-inference": "required",
            "research-awareness": "required", "ml-in-production": "required"}
    found = hits(cross, make_analysis(areas=both))
    assert len(found) == 1 and "both roles" in found[0].values["reason"]
    assert hits(cross, make_analysis(areas={**both, "ml-in-production": "preferred"})) == []

    groups = build(AreaBudgetKind, budget={}, cross_min=0,
                   groups=[["research-awareness"], ["ml-in-production", "software-engineering"]])
    assert len(hits(groups, make_analysis(areas={"research-awareness": "required",
                                                 "software-engineering": "required"}))) == 1
    assert hits(groups, make_analysis(areas={"research-awareness": "required"})) == []


def test_area_budget_counts_only_the_sections_asked_for():
    text = "# Data Scientist\n\n## Duties\n\n- Lead the team\n\n## Requirements\n\n- SQL\n- Statistics\n"
    skills = (skill(text, "Lead the team", "leadership", section="responsibilities"),
              skill(text, "SQL", "sql-databases"), skill(text, "Statistics", "statistics"))
    areas = {"leadership": "required", "sql-databases": "required", "statistics": "required"}
    every = build(AreaBudgetKind, budget={"junior": 2}, cross_min=0, groups=[])
    assert hits(every, make_analysis(text, seniority="junior", areas=areas, skills=skills))
    hard = build(AreaBudgetKind, budget={"junior": 2}, cross_min=0, groups=[],
                 sections=["requirements"])
    assert hits(hard, make_analysis(text, seniority="junior", areas=areas, skills=skills)) == []
    over = build(AreaBudgetKind, budget={"junior": 1}, cross_min=0, groups=[],
                 sections=["requirements"])
    assert hits(over, make_analysis(text, seniority="junior", areas=areas, skills=skills))[0] \
        .values["count"] == 2


def test_area_budget_does_not_count_skills_named_only_as_examples():
    text = ("# Data Scientist\n\n## Requirements\n\n"
            "- ML techniques (e.g. regression, deep learning), and SQL (PostgreSQL)\n"
            "- Methods (Statistics)\n"
            "- 분석 경험 (예: 딥러닝, 통계)\n")
    skills = (skill(text, "ML techniques", "ml-fundamentals"), skill(text, "deep learning", "deep-learning"),
              skill(text, "SQL", "sql-databases"), skill(text, "PostgreSQL", "sql-databases"),
              skill(text, "Statistics", "statistics"), skill(text, "딥러닝", "deep-learning"))
    areas = {a: "required" for a in ("ml-fundamentals", "deep-learning", "sql-databases", "statistics")}
    examples = build(AreaBudgetKind, budget={"junior": 1}, cross_min=0, groups=[],
                     example_cues=["e.g", "예:"])
    found = hits(examples, make_analysis(text, seniority="junior", areas=areas, skills=skills))
    # deep learning only in "(e.g." and "(예:" brackets; "(Statistics)" is not an example
    assert found[0].values["count"] == 3 and "deep-learning" not in found[0].values["areas"]
    every = build(AreaBudgetKind, budget={"junior": 1}, cross_min=0, groups=[])
    assert hits(every, make_analysis(text, seniority="junior", areas=areas, skills=skills))[0] \
        .values["count"] == 4


def test_role_mismatch_needs_title_and_body_to_differ_and_area_evidence():
    kind = build(RoleMismatchKind)
    mle_areas = {"software-engineering": "required", "ml-in-production": "required",
                 "ml-fundamentals": "required"}
    text = "# Data Scientist\n\n## Requirements\n\n- stuff\n"
    found = hits(kind, make_analysis(text, role_title="data-scientist", role_body="ml-engineer",
                                     areas=mle_areas, title="Data Scientist"))
    assert len(found) == 1
    assert text[found[0].start:found[0].end] == "Data Scientist"
    assert found[0].values["body_role"] == "ml-engineer"
    # a statistics requirement keeps it a data-scientist posting
    assert hits(kind, make_analysis(role_title="data-scientist", role_body="ml-engineer",
                                    areas={**mle_areas, "statistics": "required"})) == []
    # same role, or a role outside the two: nothing
    assert hits(kind, make_analysis(role_title="ml-engineer", role_body="ml-engineer",
                                    areas=mle_areas)) == []
    assert hits(kind, make_analysis(role_title="data-analyst", role_body="ml-engineer",
                                    areas=mle_areas)) == []
    # only one distinctive area of the other role is too little evidence
    assert hits(kind, make_analysis(role_title="data-scientist", role_body="ml-engineer",
                                    areas={"software-engineering": "required"})) == []



def test_role_mismatch_points_at_the_title_line_whatever_the_case():
    kind = build(RoleMismatchKind)
    mle_areas = {"software-engineering": "required", "ml-in-production": "required"}
    text = "Our data scientists ship models.\n\n# Data Scientist\n\n## Requirements\n\n- stuff\n"
    title_line = (text.index("# Data"), text.index("\n", text.index("# Data")))
    analysis = make_analysis(text, role_title="data-scientist", role_body="ml-engineer",
                             areas=mle_areas, title="data scientist")
    on_line = replace(analysis, title_line=title_line)
    [hit] = hits(kind, on_line)
    assert (hit.start, text[hit.start:hit.end]) == (title_line[0] + 2, "Data Scientist")
    # no title line: the first appearance as whole words ("data scientists" is not)
    [hit] = hits(kind, analysis)
    assert hit.start == title_line[0] + 2
    said = replace(analysis, posting=replace(analysis.posting, text="We need a data scientist.\n" + text,
                                             masked="We need a data scientist.\n" + text))
    [hit] = hits(kind, said)
    assert said.posting.text[hit.start:hit.end] == "data scientist"  # case aside
    spaced = replace(on_line, posting=replace(on_line.posting, title="Data   Scientist"))
    [hit] = hits(kind, spaced)  # runs of blanks aside
    assert text[hit.start:hit.end] == "Data Scientist" and hit.start == title_line[0] + 2
    [hit] = hits(kind, replace(analysis, posting=replace(analysis.posting, title="Quant")))
    assert hit.start is None  # a title the text does not hold: the posting as a whole


def test_experience_level_years_and_phd():
    kind = build(ExperienceLevelKind)
    text = "# Data Science Intern\n\n## Requirements\n\n- 3+ years of experience\n"
    intern = dict(title="Data Science Intern")
    at = text.index("3+")
    found = hits(kind, make_analysis(text, years=3, years_at=(at, at + 8), **intern))
    assert len(found) == 1 and found[0].values["problem"] == "3+ years of experience"
    assert found[0].values["level"] == "intern"
    assert text[found[0].start:found[0].end] == "3+ years"
    assert hits(kind, make_analysis(text, years=2, **intern)) == []
    phd = "# Entry Level Data Scientist\n\n## Requirements\n\n- PhD required\n"
    entry = dict(title="Entry Level Data Scientist")
    at = phd.index("PhD")
    found = hits(kind, make_analysis(phd, degree="phd", degree_at=(at, at + 3), **entry))
    assert found and phd[found[0].start:found[0].end] == "PhD"
    no_phd = build(ExperienceLevelKind, phd=False)
    assert hits(no_phd, make_analysis(phd, degree="phd", **entry)) == []


def test_experience_level_needs_junior_words_in_the_title():
    kind = build(ExperienceLevelKind)
    # inferred junior seniority without a junior word in the title: no finding
    assert hits(kind, make_analysis(seniority="junior", years=4, title="Associate Data Scientist")) == []
    assert hits(kind, make_analysis(years=4, title="Internal Tools Data Scientist")) == []
    assert hits(kind, make_analysis(years=4, title="신입 데이터 분석가", language="ko"))
    assert hits(kind, make_analysis(years=4, title="新卒 データサイエンティスト", language="ja"))
    assert hits(kind, make_analysis(years=4, title="Junior Data Scientist"))
    assert hits(kind, make_analysis(years=4)) == []  # no title at all


# --- robustness ------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 12\n\r-#.ñ데이터一人目のKaggle")), max_size=80))
def test_phrase_kind_never_crashes_and_hits_lie_inside_the_text(text):
    kind = build(PhraseKind, phrases={"en": ["a ... b", "# a", "kaggle"], "ja": ["一人目"],
                                      "ko": ["데이터"]}, unless_before={"en": ["b"]})
    for hit in hits(kind, make_analysis(text)):
        assert 0 <= hit.start < hit.end <= len(text)
        assert hit.values["phrase"] == text[hit.start:hit.end]


def test_level_areas_ignore_skills():
    text = REQ + "- Drive projects\n- Mentor juniors\n"
    drive = skill(text, "Drive projects", "leadership")
    drive = type(drive)(**{**drive.__dict__, "skill": "project-ownership"})
    kind = build(LevelAreasKind, ignore_skills=["project-ownership"])
    areas = {"leadership": "required"}
    assert hits(kind, make_analysis(text, areas=areas, skills=(drive,))) == []
    mentor = skill(text, "Mentor juniors", "leadership")
    found = hits(kind, make_analysis(text, areas=areas, skills=(drive, mentor)))
    assert [h.values["skill"] for h in found] == ["Mentor juniors"]


def test_area_absence_min_asked_needs_evidence_that_requirements_were_read():
    kind = build(AreaAbsenceKind, areas=["profile:defining"], min_asked=3)
    assert hits(kind, make_analysis(areas={})) == []
    assert hits(kind, make_analysis(areas={"cloud": "required", "sql-databases": "required"})) == []
    three = {"cloud": "required", "sql-databases": "required", "business-soft": "required"}
    assert len(hits(kind, make_analysis(areas=three))) == 1
