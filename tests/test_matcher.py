from pathlib import Path

import pytest

from analysis_factory import two_sections
from jdlint import nlp
from jdlint.matcher import SkillMatcher, fold
from jdlint.model import Section
from jdlint.taxonomy import load_taxonomy

MINI = Path(__file__).parent / "fixtures" / "taxonomy_mini"


@pytest.fixture(scope="module")
def matcher():
    return SkillMatcher(load_taxonomy([MINI], builtin=False), fuzzy_cutoff=90)


def find(matcher, text, language="en", sections=()):
    [tokens] = nlp.tokenize([text], language)
    return matcher.find(text, tokens, language, sections)


def skills(matcher, text, language="en", sections=()):
    return [m.skill for m in find(matcher, text, language, sections)]


def test_fold_unifies_inflection_and_spelling():
    assert fold("models") == fold("modeling") == fold("modelling") == fold("model")
    assert fold("tests") == fold("testing") == "test"
    assert fold("-") == ""
    assert fold(",") == "\x00"
    assert fold("visualisation") == fold("visualization")


@pytest.mark.parametrize("text", [
    "Experience with A/B testing", "run a/b-tests weekly", "AB test design", "A/B Tests",
])
def test_ab_testing_variants(matcher, text):
    assert skills(matcher, text) == ["ab-testing"]


@pytest.mark.parametrize("text, skill", [
    ("Light GBM or XG-Boost", "gradient-boosting"),
    ("scikit learn", "scikit-learn"),
    ("Tensorflow and Keras", "dl-frameworks"),
    ("building Machine Learning Models", "machine-learning"),
])
def test_spacing_hyphen_and_case_variants(matcher, text, skill):
    assert skill in skills(matcher, text)


def test_offsets_point_at_the_text(matcher):
    text = "You know Python and LightGBM well."
    for match in find(matcher, text):
        assert text[match.start:match.end] in ("Python", "LightGBM")


def test_longest_alias_wins(matcher):
    [match] = find(matcher, "Strong machine learning models experience")
    assert match.skill == "machine-learning"
    assert match.end - match.start == len("machine learning models")


def test_fuzzy_catches_misspelt_names_only_above_the_cutoff(matcher):
    assert "dl-frameworks" in skills(matcher, "Python, Tensorflw, Keras")
    strict = SkillMatcher(load_taxonomy([MINI], builtin=False), fuzzy_cutoff=101)
    assert "dl-frameworks" not in skills(strict, "Python, Tensorflw")


def test_fuzzy_skips_skills_marked_exact_only_and_ordinary_words(matcher):
    assert skills(matcher, "Skills: SQL, PostgreSQ, Python") == ["sql", "python"]  # fuzzy: false
    assert skills(matcher, "we keep tensorflw") == []  # lower case: an ordinary word?


@pytest.mark.parametrize("text, expected", [
    ("Python, R and SQL", ["python", "r-language", "sql"]),
    ("R&D experience with Python", ["python"]),
    ("Trademark (R) of Python", ["python"]),
    ("Python®, R®", ["python"]),
    ("C# and Java", ["java"]),
    ("C++ and Java", ["java"]),
    ("C and Java", ["c-language", "java"]),
    ("Go, Java, Python", ["go-language", "java", "python"]),
    ("Let's go to the beach", []),
    ("You will Go far", []),  # no other skill nearby
    ("An R", []),
])
def test_short_forms_exact_case_sensitive_and_in_context(matcher, text, expected):
    assert skills(matcher, text) == expected


def test_short_forms_are_case_sensitive(matcher):
    assert "r-language" not in skills(matcher, "python, r, sql")


@pytest.mark.parametrize("text", [
    "No Kubernetes experience required; it is not required.",
    "You don't need Kubernetes.",
    "Kubernetes knowledge is not necessary",
])
def test_negated_mentions_do_not_count(matcher, text):
    assert skills(matcher, text) == []


def test_company_description_does_not_count_outside_requirements(matcher):
    assert skills(matcher, "At Acme we use Kubernetes every day.") == []
    text = "Requirements\nWe use Kubernetes, so you know Kubernetes.\n"
    sections = (Section("requirements", "Requirements", 0, len(text), 1),)
    assert skills(matcher, text, sections=sections) == ["kubernetes", "kubernetes"]


def test_section_kinds_decide_and_inline_cues_make_preferred(matcher):
    text = "About us\nWe love Python.\nRequirements\nPython\nSQL is a plus\nNice to have\nJava\nBenefits\nPyTorch lunches\n"
    cut = [text.index(h) for h in ("About us", "Requirements", "Nice to have", "Benefits")] + [len(text)]
    kinds = ("company", "requirements", "preferred", "benefits")
    sections = tuple(Section(k, "h", cut[i], cut[i + 1], 1) for i, k in enumerate(kinds))
    found = {(m.skill, m.strength, m.section) for m in find(matcher, text, sections=sections)}
    assert found == {("python", "required", "requirements"), ("sql", "preferred", "requirements"),
                     ("java", "preferred", "preferred")}


def _strengths(matcher, text):
    sections = (Section("requirements", "Requirements", 0, len(text), 1),)
    return {(text[m.start:m.end], m.strength) for m in find(matcher, text, sections=sections)}


def test_alternatives_lists_are_not_each_required(matcher):
    text = ("Requirements\n- Experience in one or more of the following:\n  - PyTorch\n  - XGBoost\n"
            "- SQL\nKnowledge of some of the following tools Kubernetes, Java (e.g. Keras). Python\n")
    assert _strengths(matcher, text) == {
        ("PyTorch", "preferred"), ("XGBoost", "preferred"), ("SQL", "required"),
        ("Kubernetes", "preferred"), ("Java", "preferred"), ("Keras", "preferred"),
        ("Python", "required")}


def test_a_choice_within_one_area_keeps_the_area_required(matcher):
    text = ("Requirements\n- Proficiency in at least one of the following languages: Python, R, Java\n"
            "- One or more of the following: Kubernetes, Java\n")
    assert _strengths(matcher, text) == {
        ("Python", "required"), ("R", "required"), ("Java", "required"),
        ("Kubernetes", "preferred"), ("Java", "preferred")}
    # one known skill among choices the taxonomy does not know stays a choice
    assert _strengths(matcher, "Requirements\n- One of the following: Python, a Kaggle medal\n") == {
        ("Python", "preferred")}


def test_alternatives_lead_in_with_plain_lines_keeps_them_required(matcher):
    # plain lines after "one of the following:" may be the rest of the requirements
    text = "Requirements\n7 years with one of the following technologies:\nPython\nSQL\n"
    assert _strengths(matcher, text) == {("Python", "required"), ("SQL", "required")}


def test_a_cue_after_an_aside_speaks_for_the_skill_before_and_in_it(matcher):
    text = "Requirements\nDeep learning frameworks (Keras, PyTorch) preferred\nJava (Python is a plus)\n"
    assert _strengths(matcher, text) == {
        ("Deep learning", "preferred"), ("Keras", "preferred"), ("PyTorch", "preferred"),
        ("Java", "required"), ("Python", "preferred")}


def test_intro_counts_only_its_lists_under_a_lead_in(matcher):
    text = ("We are a leader in machine learning.\nWhat you need to be successful:\n"
            "Python\nSQL and Java\nKubernetes\n\nResponsibilities\nBuild things\n")
    sections = two_sections(text, "Responsibilities", ("other", ""), ("responsibilities", "Responsibilities"))
    assert sorted(skills(matcher, text, sections=sections)) == ["java", "kubernetes", "python", "sql"]


def test_responsibilities_count_as_required(matcher):
    text = "What you'll do\nTrain deep learning models\n"
    sections = (Section("responsibilities", "What you'll do", 0, len(text), 1),)
    [match] = find(matcher, text, sections=sections)
    assert (match.area, match.strength) == ("deep-learning", "required")


def test_korean_aliases_with_particles(matcher):
    nlp.use_fallback("ko")
    text = "자격요건\n- 머신러닝과 딥러닝 경험\n- SQL을 활용한 분석\n우대사항\n- 파이썬을 잘 쓰시는 분 우대"
    found = {(m.skill, m.strength) for m in find(matcher, text, "ko")}
    assert found == {("machine-learning", "required"), ("deep-learning", "required"),
                     ("sql", "required"), ("python", "preferred")}


def test_korean_negation(matcher):
    nlp.use_fallback("ko")
    assert skills(matcher, "딥러닝 경험은 필요하지 않습니다", "ko") == []


def test_japanese_aliases_without_spaces(matcher):
    nlp.use_fallback("ja")
    text = "機械学習の実務経験\nPythonでの開発経験\n深層学習の知識があれば尚可"
    found = {(m.skill, m.strength) for m in find(matcher, text, "ja")}
    assert found == {("machine-learning", "required"), ("python", "required"),
                     ("deep-learning", "preferred")}
    assert skills(matcher, "深層学習は不要です", "ja") == []


def test_one_letter_pieces_do_not_glue_into_an_alias():
    from jdlint.taxonomy import Skill, Taxonomy

    orc = Skill(id="orc", label="ORC", area="data-engineering", aliases={"en": ("ORC",)})
    m = SkillMatcher(Taxonomy(skills=(orc,), by_id={"orc": orc}))
    assert skills(m, "Java, Python, or C/C++") == []
    assert skills(m, "ORC files") == ["orc"]


def test_a_domain_named_in_duties_is_not_required_experience(matcher):
    text = "Responsibilities\nBuild Python models for healthcare clients\nRequirements\nhealthcare experience\n"
    cut = text.index("Requirements")
    sections = (Section("responsibilities", "Responsibilities", 0, cut, 1),
                Section("requirements", "Requirements", cut, len(text), 3))
    found = [(m.skill, m.section) for m in find(matcher, text, sections=sections)]
    assert found == [("python", "responsibilities"), ("healthcare-domain", "requirements")]


@pytest.mark.parametrize("text, expected", [
    # "preferably"/"ideally" speak for what follows them only
    ("SQL databases, preferably AWS", {("sql", "required"), ("aws", "preferred")}),
    ("Experience with SQL and Python, ideally in Kubernetes", {("sql", "required"), ("python", "required"),
                                                              ("kubernetes", "preferred")}),
    ("Ideally experience with SQL", {("sql", "preferred")}),
    # not past the end of an aside
    ("Python (preferably with AWS), SQL", {("python", "required"), ("aws", "preferred"), ("sql", "required")}),
    # with nothing after them they speak for their clause like other cues
    ("Experience with Kubernetes, ideally", {("kubernetes", "preferred")}),
    ("Kubernetes experience preferably.", {("kubernetes", "preferred")}),
    # other cues still speak for the whole clause
    ("Python, SQL preferred", {("python", "preferred"), ("sql", "preferred")}),
])
def test_ahead_cues_speak_for_what_follows(matcher, text, expected):
    assert {(m.skill, m.strength) for m in find(matcher, text)} == expected


def test_a_preferred_cue_in_parentheses_speaks_for_what_is_inside(matcher):
    text = "Experience with SQL (Kubernetes is a plus)"
    found = {(m.skill, m.strength) for m in find(matcher, text)}
    assert found == {("sql", "required"), ("kubernetes", "preferred")}


@pytest.mark.parametrize("text, expected", [
    ("Master's degree in Statistics, Machine Learning or a related field", []),
    ("BS in Computer Science and experience with machine learning", ["machine-learning"]),
    ("PhD and a record of deep learning in production", ["deep-learning"]),
    ("PhD with a track record of machine learning projects", ["machine-learning"]),
    ("Machine Learning 관련 분야 석사 학위 보유자", []),
])
def test_a_field_of_study_is_not_a_skill(matcher, text, expected):
    language = "ko" if "학위" in text else "en"
    assert skills(matcher, text, language) == expected


def test_words_split_only_where_the_alias_may_split():
    from jdlint.taxonomy import Skill, Taxonomy

    flow = Skill(id="dataflow", label="Dataflow", area="cloud", aliases={"en": ("Dataflow", "data pipelines")})
    m = SkillMatcher(Taxonomy(skills=(flow,), by_id={"dataflow": flow}))
    assert skills(m, "data flowing in") == []
    assert skills(m, "Dataflow jobs and data-pipelines") == ["dataflow", "dataflow"]


def test_a_clearance_is_not_typescript():
    real = SkillMatcher(load_taxonomy())
    assert skills(real, "Python and TS") == ["python", "javascript-typescript"]
    for text in ("Python; active TS/SCI clearance", "Python; TS / SCI clearance",
                 "Python; active TS SCI with polygraph"):
        assert skills(real, text) == ["python"]
    # nor is a clearance the skill that a two-letter form ("CI") needs beside it
    assert skills(real, "Active TS/SCI with CI polygraph") == []
    assert skills(real, "Active TS/SCI and CI") == []


def test_a_cue_of_the_next_section_on_a_one_line_export_does_not_reach_back(matcher):
    text = ("Basic Qualifications Experience with Python and SQL for analysis work "
            "Preferred Qualifications Experience with Kubernetes in production settings")
    sections = two_sections(text, "Preferred", ("requirements", "Basic Qualifications"),
                             ("preferred", "Preferred Qualifications"))
    found = {(text[m.start:m.end], m.strength) for m in find(matcher, text, sections=sections)}
    assert found == {("Python", "required"), ("SQL", "required"), ("Kubernetes", "preferred")}


def test_a_phrase_that_does_not_count_wins_its_overlap_and_asks_nothing():
    real = SkillMatcher(load_taxonomy())
    assert skills(real, "Python; lead a team of analysts") == ["python", "team-leadership"]
    # "with your team lead" holds leadership's "team lead": it wins, and is dropped
    assert skills(real, "Python; work with your team lead every day") == ["python"]


def test_whom_the_hire_reports_to_is_not_the_reporting_skill():
    real = SkillMatcher(load_taxonomy())
    assert skills(real, "Python; this role reports directly to the Head of Data") == ["python"]
    assert skills(real, "Python; you will report to the VP of Analytics") == ["python"]
    # building reports is the skill, "to" or not
    assert skills(real, "Python; develop reports to provide clear insights") == [
        "python", "reporting"]
