"""Tests for jdlint.facts: language, role, seniority, years, degree."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jdlint.facts import (body_role, declared_language, detect_language, infer_facts, is_too_short,
                          title_role, title_seniority)
from jdlint.model import Posting, SkillMatch
from jdlint.positions import LineIndex
from jdlint.sections import find_sections

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

FILLER = ("You will work with product and engineering teams on problems that matter to our "
          "customers, share what you learn and help the team grow.\n") * 3


def facts_of(text: str, title: str | None = None, areas=None, skills=(), front_matter=None,
             language: str | None = None):
    posting = Posting(path="p.md", text=text, masked=text, title=title,
                      front_matter=front_matter or {})
    language = language or declared_language(posting) or detect_language(text)
    index = LineIndex(text)
    sections = find_sections(text, language, index)
    return infer_facts(posting, text, sections, areas or {}, skills, language, index)


# --- language ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("We are looking for a data scientist with Python and SQL to join the team.", "en"),
    ("데이터 사이언티스트를 찾습니다. Python, SQL 경험 3년 이상", "ko"),
    ("データサイエンティストを募集します。Pythonの実務経験3年以上", "ja"),
    ("機械学習", "ja"),  # short kanji-only text
    ("我们正在寻找一名数据科学家负责机器学习模型的开发和部署工作需要五年以上相关经验熟悉深度学习框架", "zh"),
    ("Мы ищем специалиста по данным с опытом работы", "ru"),
    ("Wir suchen einen Data Scientist mit Erfahrung in der Analyse und mit Python für unser Team. "
     "Sie sind neugierig und die Arbeit mit Daten ist Ihre Leidenschaft.", "de"),
    ("Nous recherchons un data scientist pour notre équipe. Vous avez une expérience avec les "
     "modèles et vous êtes curieux. Le poste est basé à Paris avec des déplacements.", "fr"),
    ("12345 -- !!", "unknown"),
    ("", "unknown"),
])
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_english_posting_with_a_korean_company_name_stays_english():
    text = "Join 카카오 as a data scientist. " + FILLER
    assert detect_language(text) == "en"


def test_front_matter_language_overrides():
    facts = facts_of("Data scientist wanted. " + FILLER, front_matter={"language": "de"})
    assert facts.language == "de" and not facts.supported


# --- role --------------------------------------------------------------------------

@pytest.mark.parametrize("title, expected", [
    ("Senior Data Scientist", "data-scientist"),
    ("Machine Learning Engineer, Sr.", "ml-engineer"),
    ("Data Science Analyst", "data-analyst"),
    ("Business Intelligence Analyst I- Data Insights", "data-analyst"),
    ("Data Engineer I", "data-engineer"),
    ("Data Scientist / ML Engineer", "data-scientist"),  # the first named
    ("Machine Learning Research Engineer", "research-scientist"),
    ("Staff ML Scientist", "research-scientist"),
    ("Software Engineer - Machine Learning", "ml-engineer"),
    # a customer-facing job at the head is the job, whatever data role it serves
    ("Solutions Engineer (MLOps Architect)", "other"),
    ("Machine Learning Solutions Architect", "other"),
    ("AI 솔루션 엔지니어", "other"),
    ("MLOps Solutions Architect", "other"),
    ("Solutions Engineer for ML", "other"),
    ("Data Scientist, Customer Success", "data-scientist"),  # the data role comes first
    ("Data Scientist for Customer Success Manager", "data-scientist"),  # a modifier, not the head
    ("Data Scientist Customer Success", "data-scientist"),  # a team, not a job noun
    ("Data Solutions Engineer - Data Modeler", "data-engineer"),  # the longer role phrase wins
    # an acronym of the words before it does not cut the title; other brackets do
    ("Senior Machine Learning (ML) Engineer / Data Scientist", "ml-engineer"),
    ("Artificial Intelligence(AI) engineering", "ml-engineer"),
    ("Machine Learning (ML)Engineer", "ml-engineer"),
    ("Natural Language Processing (NLP) Engineer", "ml-engineer"),  # still an ML word
    ("Large Language Model (LLM) Engineer", "ml-engineer"),
    ("Machine Learning Engineer (NLP)", "ml-engineer"),
    ("Data Analyst (ML) / Data Scientist", "data-analyst"),
    ("Product Manager", "other"),
    ("데이터 사이언티스트(Data Scientist)(신입)", "data-scientist"),
    ("딥러닝 연구원(데이터 사이언티스트)", "research-scientist"),
    ("機械学習エンジニア (Python)", "ml-engineer"),
    ("R&Dエンジニア / データサイエンティスト", "data-scientist"),
    ("Head Chef", "unknown"),
    # "data science" names the field; the job is another noun in the title
    ("IT Partner Digital Health Technology and Data Science", "other"),
    ("Data Science All Star Program - Data Engineer Track", "data-engineer"),
    ("Software Engineer - Data Science", "other"),
    ("Director, Data Science", "data-scientist"),
    ("Data Science Intern", "data-scientist"),
    (None, "unknown"),
    ("", "unknown"),
])
def test_title_role(title, expected):
    assert title_role(title) == expected


def test_front_matter_role_wins_over_title():
    facts = facts_of("Build things. " + FILLER, title="Analyst", front_matter={"role": "ml-engineer"})
    assert facts.role_title == "ml-engineer" and facts.role == "ml-engineer"


def _values(**areas):
    return {area.replace("_", "-"): value for area, value in areas.items()}


def test_body_role_from_areas():
    assert body_role(_values(analyst_practice=2.0, sql_databases=1.5), []) == "data-analyst"
    assert body_role(_values(data_engineering=2.0, sql_databases=1.0), []) == "data-engineer"
    assert body_role(_values(statistics=1.5, experiment_design=1.0, ml_fundamentals=1.0), []) == "data-scientist"
    assert body_role(_values(ml_in_production=1.5, software_engineering=1.5, deep_learning=1.0,
                             ml_fundamentals=1.0), []) == "ml-engineer"
    assert body_role(_values(research_awareness=2.0, ml_theory=1.0, deep_learning=1.0), []) == "research-scientist"
    assert body_role(_values(business_soft=2.0), []) == "other"
    assert body_role({}, []) == "other"
    # software and cloud without any ML area is another engineer's job
    assert body_role(_values(software_engineering=2.0, cloud=1.5, sql_databases=1.0), []) == "other"
    # ...even when it scores high enough to be one: an ML engineer asks for some ML
    assert body_role({"software-engineering": 4, "cloud": 4, "sql-databases": 1}, []) == "other"
    assert body_role(_values(software_engineering=1.0, data_engineering=3.0, sql_databases=2.0),
                     []) == "data-engineer"  # clearly the next role's
    assert body_role(_values(software_engineering=2.0, cloud=1.5, ml_fundamentals=1.0), []) == "ml-engineer"
    # research only preferred is not a research job
    values = _values(research_awareness=2.0, ml_theory=1.0, ml_fundamentals=1.0, ml_in_production=1.0)
    assert body_role(values, [], None, {"research-awareness": "required"}) == "research-scientist"
    assert body_role(values, [], None, {"research-awareness": "preferred"}) == "ml-engineer"


_PLAIN = ("You will look at what our customers do, tell the team what you find and help it "
          "decide what to try next.\n") * 4


def test_body_role_duty_words_tip_ml_engineer_and_research():
    # the same areas (statistics and ML, a little production): the duties decide
    areas = {"statistics": "required", "ml-fundamentals": "required", "ml-in-production": "required"}
    plain = facts_of("Build models of churn.\n" + _PLAIN, areas=areas)
    assert plain.role_body == "data-scientist"
    shipped = facts_of("Deploy models to production and keep serving latency low.\n" + _PLAIN,
                       areas=areas)
    assert shipped.role_body == "ml-engineer"
    research = {"research-awareness": "required", "ml-fundamentals": "required",
                "statistics": "required"}
    assert facts_of("Build models.\n" + _PLAIN, areas=research).role_body == "data-scientist"
    published = facts_of("Publish your work at conferences such as NeurIPS and ICML.\n" + _PLAIN,
                         areas=research)
    assert published.role_body == "research-scientist"


def test_body_role_cue_values_count_words():
    values = _values(statistics=1.0, ml_fundamentals=1.0, ml_in_production=1.0)
    assert body_role(values, []) == "data-scientist"
    assert body_role(values, [], {"ml-engineer": 1.5}) == "ml-engineer"


def test_duty_words_only_choose_among_ml_roles():
    # another job or a data engineer's body stays so, whatever its engineering words
    assert body_role(_values(business_soft=2.0), [], {"ml-engineer": 3.0}) == "other"
    assert body_role(_values(data_engineering=1.0, ml_in_production=0.8), [],
                     {"ml-engineer": 2.0}) == "data-engineer"
    # and they count only when the body requires ML
    areas = {"statistics": "required", "software-engineering": "required"}
    text = ("Deploy services to production; scalable, low-latency infrastructure and software "
            "engineering.\n" + _PLAIN)
    assert facts_of(text, areas=areas).role_body == "data-scientist"
    assert facts_of(text, areas={**areas, "ml-fundamentals": "required"}).role_body == "ml-engineer"


def test_data_engineer_body_asks_for_no_statistics():
    # pipelines plus as much statistics: a data scientist who builds pipelines
    assert body_role(_values(data_engineering=1.5, statistics=1.8), []) == "data-scientist"
    assert body_role(_values(data_engineering=1.5, statistics=0.3), []) == "data-engineer"


def test_body_role_ignores_the_title_and_role_prefers_the_title():
    skills = tuple(
        SkillMatch(skill=f"s{i}", area=area, strength="required", text="x", start=0, end=1,
                   line=1, column=1, score=100, section="requirements")
        for i, area in enumerate(["analyst-practice"] * 4 + ["sql-databases"] * 3))
    areas = {"analyst-practice": "required", "sql-databases": "required"}
    facts = facts_of("Requirements:\n- Tableau dashboards\n- SQL\n" + FILLER,
                     title="Data Scientist", areas=areas, skills=skills)
    assert facts.role_title == "data-scientist"
    assert facts.role_body == "data-analyst"
    assert facts.role == "data-scientist"


def test_role_falls_back_to_body_without_title():
    areas = {"data-engineering": "required", "sql-databases": "required"}
    facts = facts_of("Build pipelines. " + FILLER, title=None, areas=areas)
    assert facts.role_title == "unknown" and facts.role == facts.role_body == "data-engineer"


# --- seniority -------------------------------------------------------------------

@pytest.mark.parametrize("title, expected", [
    ("Senior Data Scientist", "senior"),
    ("Sr. Data Analyst", "senior"),
    ("Data Analyst (Sr.)", "senior"),
    ("Lead Data Scientist", "senior"),
    ("Staff Machine Learning Engineer", "senior"),
    ("Data Scientist I", "junior"),
    ("Associate Data Scientist", "junior"),
    ("Data Science Intern", "junior"),
    ("Data Scientist II", "mid"),
    ("데이터 사이언티스트(신입)", "junior"),
    ("데이터 사이언티스트 리드(Lead)", "senior"),
    ("機械学習エンジニア／主任～課長級", "senior"),
    ("데이터 사이언티스트 (경력)", "unknown"),  # 경력 = experienced hire, not a level
    ("AI Engineer", "unknown"),
    ("Data Scientist", "unknown"),
])
def test_title_seniority(title, expected):
    assert title_seniority(title) == expected


@pytest.mark.parametrize("body, years, seniority", [
    ("Requirements:\n- 3+ years of experience with Python\n", 3, "mid"),
    ("Requirements:\n- 3-5 years of experience in analytics\n", 3, "mid"),
    ("Requirements:\n- At least five (5) years of professional experience\n", 5, "senior"),
    ("Requirements:\n- 0-2 years of relevant experience\n", 0, "junior"),
    ("Requirements:\n- 2+ years experience coding GANs\n- 5+ years developing software\n", 2, "senior"),
    ("Requirements:\n- BS with 8 years of experience or MS with 4 years of experience\n", 4, "senior"),
    ("Requirements:\n- 5 years of experience preferred\n", None, "unknown"),
    ("Nice to have:\n- 5+ years of experience with Spark\n", None, "unknown"),
    ("Preferred Qualifications:\n- Minimum of three years of experience required\n", 3, "mid"),
    ("Founded 20 years ago, we are a leading company.\n", None, "unknown"),
    ("Benefits:\n- 401(k) match after 1 year of service\n", None, "unknown"),
    ("자격요건\n• 관련 경력 5년 이상\n", 5, "senior"),
    ("자격요건\n• 2년차 이상 또는 이에 상응하는 업무 능력\n", 2, "junior"),
    ("자격요건\n• 신입 또는 경력 1년↑\n", None, "junior"),
    ("우대사항\n• 경력 3년 이상\n", None, "unknown"),
    ("必須要件\n・実務経験3年以上\n", 3, "mid"),
    ("必須要件\n・プログラミング歴：１年以上\n", 1, "junior"),
    # a label just before the figure
    ("Qualifications\n[WORK EXPERIENCE] 5-9 years; [EDUCATION] BS\n", 5, "senior"),
    ("Required Experience\n3-5 years\n", 3, "mid"),
    # ... but not a sentence that ends with "experience." on the line before
    ("Requirements:\n- 5+ years of actuarial experience.\n- 2+ years predictive modeling.\n", 5, "senior"),
])
def test_years_and_body_seniority(body, years, seniority):
    facts = facts_of(body + FILLER)
    assert facts.years_required == years
    assert facts.seniority_body == seniority


@pytest.mark.parametrize("body, stated", [
    ("Requirements:\n- 2+ years experience coding GANs\n- 5+ years developing software\n", "2+ years"),
    ("Requirements:\n- 5+ years developing software\n- 2+ years experience coding GANs\n", "2+ years"),
    ("Requirements:\n- At least five (5) years of professional experience\n", "five (5) years"),
    ("Founded 20 years ago.\nRequirements:\n- Three years of experience\n", "Three years"),
    ("必須要件\n・実務経験3年以上\n", "3年"),
])
def test_years_required_says_where_it_is_stated(body, stated):
    text = body + FILLER
    start, end = facts_of(text).years_at
    assert text[start:end] == stated


def test_body_seniority_from_words_without_years():
    assert facts_of("This is an entry level role for new grads.\n" + FILLER).seniority_body == "junior"
    assert facts_of("You will lead a team and mentor junior staff.\n" + FILLER).seniority_body == "senior"
    assert facts_of("The Junior Data Analyst will build reports.\n" + FILLER).seniority_body == "junior"
    assert facts_of("Benefits:\n- 신입 교육 프로그램\n" + FILLER).seniority_body == "unknown"


def test_seniority_prefers_title():
    facts = facts_of("Requirements:\n- 3+ years of experience\n" + FILLER, title="Senior Data Scientist")
    assert (facts.seniority, facts.seniority_title, facts.seniority_body) == ("senior", "senior", "mid")


# --- degree ------------------------------------------------------------------------

@pytest.mark.parametrize("body, degree", [
    ("Requirements:\n- Bachelor's degree in Computer Science\n", "bachelor"),
    ("Requirements:\n- BS/MS in Statistics\n", "bachelor"),
    ("Requirements:\n- MS or PhD in a quantitative field\n", "master"),
    ("Requirements:\n- PhD preferred, MS required\n", "master"),
    ("Requirements:\n- PhD in Machine Learning\n", "phd"),
    ("Requirements:\n- BS in math (MS preferred)\n", "bachelor"),
    ("Requirements:\n- Degree in Computer Science or related field\n", "bachelor"),
    ("Requirements:\n- Master's degree in Statistics\n", "master"),
    ("Preferred:\n- Master's degree\n", "unknown"),
    ("Requirements:\n- Proficiency in MS Excel and MS Office\n", "unknown"),
    ("Requirements:\n- No degree required, just skills\n", "none"),
    ("자격요건\n• 학력무관\n", "none"),
    ("자격요건\n• 석사 이상\n", "master"),
    ("자격요건\n• 통계학 관련 전공자\n", "bachelor"),
    ("우대사항\n• 석사 학위 소지자\n", "unknown"),
    ("必須要件\n・理数系の修士号を取得していること\n", "master"),
    ("Requirements:\n- 3+ years of Python\n", "unknown"),
])
def test_degree_required(body, degree):
    assert facts_of(body + FILLER).degree_required == degree


# --- the rest ----------------------------------------------------------------------

def test_too_short_and_supported_and_flags():
    short = facts_of("Data Scientist\nRequirements:\n- Python\n- SQL\n")
    assert short.too_short
    long = facts_of("Data Scientist\nRequirements:\n- Python\n- SQL\n" + FILLER)
    assert not long.too_short and long.supported and long.sections_found and not long.flat
    assert is_too_short("데이터 " * 20) and not is_too_short("데이터 분석 " * 80)
    flat = facts_of(("About the job We build models. " * 30) + "Minimum qualifications: BS degree.")
    assert flat.flat


def test_a_short_posting_with_a_requirements_list_can_be_judged():
    # a title and a clear requirements section of four bullets: judgeable
    listed = facts_of("# Data Scientist\n\n## Requirements\n\n- Excellent communication skills\n"
                      "- Strong business acumen\n- Client handling and workshops\n"
                      "- Teamwork and problem solving\n")
    assert not listed.too_short
    text = ("# Data Scientist\n\n## Requirements\n\n- Excellent communication skills\n"
            "- Strong business acumen\n- Client handling and workshops\n")
    for ending in ("\r\n", "\r"):  # the same lines whatever ends them
        assert not facts_of(text.replace("\n", ending)).too_short
    # a form feed is no line end (only \n, \r\n, \r are): one line, not two
    assert facts_of("# Data Scientist\n\n## Requirements\n\n- Python and SQL\f"
                    "statistics and tests\n- Excel sheets\n").too_short
    # two requirement lines, or the same lines without a heading: still too short
    two = facts_of("# Data Scientist\n\n## Requirements\n\n- Python and SQL\n- Statistics\n")
    assert two.too_short
    bare = facts_of("Data Scientist. Excellent communication skills. Strong business acumen. "
                    "Client handling. Teamwork.")
    assert bare.too_short
    # one-word lines are not requirement lines
    words = facts_of("# Data Scientist\n\n## Requirements\n\n- Python\n- SQL\n- Excel\n- R\n")
    assert words.too_short
    # Korean: lines of four characters or more count
    korean = facts_of("# 데이터 사이언티스트\n\n## 자격요건\n\n- 뛰어난 커뮤니케이션 능력\n"
                      "- 비즈니스 이해도\n- 고객 응대 경험\n- 팀워크\n", language="ko")
    assert not korean.too_short


def test_unknowns_without_evidence():
    facts = facts_of(FILLER)
    assert facts.role_title == "unknown" and facts.seniority_title == "unknown"
    assert facts.years_required is None and facts.degree_required == "unknown"
    assert not facts.sections_found


@pytest.mark.skipif(not (SHARED / "eval-dev" / "labels.jsonl").is_file(), reason="../shared is absent")
def test_eval_dev_figures_with_labelled_areas():
    """facts.py alone (areas as labelled) against eval-dev: guards against regressions."""
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_facts.py"), "--gold-areas"],
                         capture_output=True, text=True, check=True, timeout=300).stdout
    scores = {line.split()[0]: float(line.split()[1]) for line in out.splitlines() if line.strip()}
    assert scores["role_title"] >= 0.85
    assert scores["seniority_body"] >= 0.80
    assert scores["years_required"] >= 0.85
    assert scores["degree_required"] >= 0.80


@pytest.mark.parametrize("title, level", [
    ("주니어~시니어 데이터 사이언티스트", "senior"),  # a range of levels: its highest
    ("Junior/Mid-level Data Scientist", "mid"),
    ("データサイエンティスト（新卒・中途）", "mid"),
    ("Data Analyst - IT (I, II, III, or Sr.)", "senior"),
    # a later level word names a team or a field, not the hire's level
    ("Junior Data Scientist - Lead Generation", "junior"),
    ("Data Science Intern - Head Office", "junior"),
    ("신입 데이터 사이언티스트 (데이터플랫폼 리더십 팀)", "junior"),
    ("Lead Data Scientist", "senior"),
])
def test_title_seniority_reads_the_first_level_word_or_a_range(title, level):
    assert title_seniority(title) == level

