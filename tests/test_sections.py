"""Tests for jdlint.sections (and the lexicon's phrase patterns it uses)."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from jdlint.lexicon import CLAUSE_CUE_KINDS, LexiconError, _phrases, fold, load_lexicon, phrase_pattern
from jdlint.model import SECTION_KINDS
from jdlint.positions import LineIndex
from jdlint.sections import find_sections, heading_kind, is_flat, preferred_cue, required_cue

SHARED = Path(__file__).resolve().parents[2] / "shared"


def sections_of(text: str, language: str = "en"):
    return find_sections(text, language, LineIndex(text))


def kinds(text: str, language: str = "en"):
    return [(s.kind, s.heading) for s in sections_of(text, language)]


def test_lexicon_is_loaded_once_and_has_every_section_kind():
    lexicon = load_lexicon()
    assert lexicon is load_lexicon()
    assert set(lexicon.headings) == set(SECTION_KINDS)
    for lang in ("en", "ko", "ja"):
        assert lexicon.preferred_cues[lang], lang
        for kind in CLAUSE_CUE_KINDS:
            if (kind, lang) != ("ahead", "ko") and (kind, lang) != ("ahead", "ja"):
                assert lexicon.clause_cues[kind][lang], (kind, lang)


def test_clause_cues_are_the_line_cues_adjusted_by_the_clause_block():
    lexicon = load_lexicon()
    clause = lexicon.clause_cues
    # a line may say "no" or "we are"; a whole clause with them is not negated
    # or the company's words
    assert "no" not in clause["negation"]["en"] and "not required" in clause["negation"]["en"]
    assert "we are" in lexicon.company_cues["en"] and "we are" not in clause["company"]["en"]
    assert "desired" in clause["preferred"]["en"] and "desired" not in lexicon.preferred_cues["en"]
    assert set(clause["ahead"]["en"]) <= set(clause["preferred"]["en"])


def test_a_bare_yaml_boolean_is_refused_rather_than_read_as_false():
    with pytest.raises(LexiconError, match="in quotes"):
        _phrases([False, "not"], "cues.yaml:negation.en")


def test_phrase_pattern_prefers_the_longest_phrase_and_respects_word_edges():
    pattern = phrase_pattern(("qualifications", "preferred qualifications", "sr."))
    assert [m.group(0) for m in pattern.finditer(fold("Preferred Qualifications:"))] == [
        "preferred qualifications"]
    assert pattern.search("disqualifications") is None
    assert pattern.search(fold("Sr. Data Scientist")).group(0) == "sr."
    assert phrase_pattern(()).search("anything") is None


def test_fold_keeps_offsets():
    text = "İstanbul Data Scientist"
    assert len(fold(text)) == len(text)


def test_markdown_headings_give_kinds_and_the_preamble_is_other():
    text = ("# Senior Data Scientist\n\nWe build things.\n\n## What you'll do\n- Build models\n\n"
            "## Requirements\n- 3+ years of Python\n\n## Nice to have\n- Spark\n\n"
            "## Benefits\n- Lunch\n\n## How to apply\nEmail us.\n")
    assert kinds(text) == [
        ("other", "Senior Data Scientist"),
        ("responsibilities", "What you'll do"),
        ("requirements", "Requirements"),
        ("preferred", "Nice to have"),
        ("benefits", "Benefits"),
        ("process", "How to apply"),
    ]


def test_sections_cover_the_text_in_order_with_lines():
    text = "Intro line.\n\nRequirements:\n- SQL\n\nPreferred Qualifications:\n- Spark\n"
    found = sections_of(text)
    assert [s.kind for s in found] == ["other", "requirements", "preferred"]
    assert found[0].heading == "" and found[0].start == 0
    for before, after in zip(found, found[1:]):
        assert before.end == after.start
    assert found[-1].end == len(text)
    assert [s.line for s in found] == [1, 3, 6]
    assert text[found[1].start:].startswith("Requirements:")


def test_setext_and_rst_underlines_are_headings():
    text = "Qualifications\n==============\n- Python\n\n必須スキル\n^^^^^^^^^^\n- SQL\n"
    assert kinds(text, "ja") == [("requirements", "Qualifications"), ("requirements", "必須スキル")]


def test_unknown_subheading_keeps_its_parents_kind():
    text = "## 필요역량\n\n### 연구:\n- 논문\n\n## 우대사항\n- PyTorch\n"
    assert [k for k, _ in kinds(text, "ko")] == ["requirements", "requirements", "preferred"]


@pytest.mark.parametrize("line, kind", [
    ("**Requirements**", "requirements"),
    ("REQUIREMENTS", "requirements"),
    ("[자격요건]", "requirements"),
    ("우대사항", "preferred"),
    ("■ 주요업무", "responsibilities"),
    ("<業務内容>", "responsibilities"),
    ("歓迎（WANT、無くても可）", "preferred"),
    ("What we’re looking for:", "requirements"),
    ("Bonus points:", "preferred"),
    ("About us", "company"),
    ("혜택 및 복지", "benefits"),
    ("選考プロセス", "process"),
    # real postings' spellings: "&" for "and", no apostrophe, a loose end
    # mark, an enumerator, unbalanced bold, a typo in a long word
    ("Duties & Responsibilities", "responsibilities"),
    ("Education & Experience", "requirements"),
    ("What youll do", "responsibilities"),
    ("WHAT YOULL DO", "responsibilities"),
    ("Responsibilities;", "responsibilities"),
    ("Preferred Skills!", "preferred"),
    ("Minimum Qualifications ·", "requirements"),
    ("III. Education and Experience", "requirements"),
    ("C. Job Requirements", "requirements"),
    ("*Minimum Qualifications**", "requirements"),
    ("Preferred Qualfications", "preferred"),
    ("Reponsibilities", "responsibilities"),
    ("Desired Skills and Experience", "preferred"),
    ("Prefered Qualifications:", "preferred"),  # not "qualifications" (requirements)
    ("*Benefits*", "benefits"),
    ("2) 공통자격", "requirements"),
    ("歓迎スキル！", "preferred"),
])
def test_heading_like_lines(line, kind):
    text = f"Some intro text here.\n{line}\n- item one\n"
    assert kinds(text)[1] == (kind, kinds(text)[1][1])
    assert kinds(text)[1][0] == kind


def test_ordinary_lines_are_not_headings():
    text = ("We need someone with strong requirements gathering skills.\n"
            "Experience with SQL and Python is required for this role.\n")
    assert [k for k, _ in kinds(text)] == ["other"]


@pytest.mark.parametrize("line", [
    "Experienced",  # a word of its own, not "Experience" mistyped
    "- 3+ years experience required;",  # a list item ending with ';'
    "Python!",
    "A. Smith and Partners",
    "referred",  # "preferred" with a letter dropped at the start is a word
    # emphasis at the end of a list item or a whole italic line
    "- Kubernetes *preferred*",
    "- AWS **preferred**",
    "*Master's degree preferred*",
    "- 3+ years experience required*",
    "- Experience with A/B testing *(a plus)*",
])
def test_loose_spellings_do_not_make_ordinary_lines_headings(line):
    text = f"Some intro text here.\n{line}\n- item one\n"
    assert [k for k, _ in kinds(text)] == ["other"]


@pytest.mark.parametrize("text, expected", [
    # a hard-wrapped sentence's last word is not a heading ...
    ("Intro.\nQUALIFICATIONS:\n- Expertise with SQL is required. A Master's degree is\n"
     "preferred.\n- Knowledge of R or Python is\ndesired.\n- New graduates are welcome to\napply.\n",
     ["other", "requirements"]),
    # ... nor after a long list item wrapped mid-sentence
    ("Intro.\nRequirements:\n- A Master's degree in computer science with a specialization in AI and 3 years\n"
     "experience\n- SQL\n", ["other", "requirements"]),
    # a heading after a finished sentence, or written with a capital, is one
    ("Intro.\nWe use SQL.\npreferred\n- Spark\nSome words\nPreferred\n- Kafka\n",
     ["other", "preferred", "preferred"]),
    # and so is a lower-case heading after a short list item
    ("about us\nwe build things.\n\nresponsibilities\n- build models\n- ship code\nrequirements\n- python\n",
     ["company", "responsibilities", "requirements"]),
])
def test_hard_wrapped_lines_and_lower_case_headings(text, expected):
    assert [k for k, _ in kinds(text)] == expected


def test_typos_are_mended_in_markdown_underlined_and_inline_headings():
    # a whole phrase, mended, wins over the longest phrase inside it
    assert [k for k, _ in kinds("Intro.\n## Prefered Qualifications\n- SQL\n")] == ["other", "preferred"]
    for text in ("Intro.\n## Qualfications\n- SQL\n", "Intro.\nQualfications\n-------------\n- SQL\n",
                 "Intro.\nQualfications: SQL.\n"):
        assert [k for k, _ in kinds(text)] == ["other", "requirements"], text


def test_inline_colon_heading_at_line_start():
    text = "Intro.\nRequirements: 3+ years of SQL.\nPreferred: Spark.\n"
    assert [k for k, _ in kinds(text)] == ["other", "requirements", "preferred"]


def test_flat_text_gets_sections_from_inline_headings():
    body = "word " * 80
    text = (f"About the job {body}. Minimum qualifications: Bachelor's degree. {body}. "
            f"Preferred qualifications: Master's degree. {body}. Responsibilities Build models. {body}")
    assert is_flat(text)
    found = kinds(text)
    assert [k for k, _ in found] == ["other", "requirements", "preferred", "responsibilities"]
    assert found[1][1] == "Minimum qualifications"


def test_flat_text_ignores_lower_case_phrases_in_sentences():
    body = "word " * 100
    text = f"{body} you will meet the minimum qualifications and the responsibilities of the role {body}"
    assert [k for k, _ in kinds(text)] == ["other"]


def test_short_or_structured_text_is_not_flat():
    assert not is_flat("Data Scientist\nRequirements:\n- SQL\n")
    assert not is_flat("one short line")


def test_empty_text_has_no_sections():
    assert sections_of("") == ()
    assert sections_of("   \n\n") == ()


def test_company_only_preamble():
    text = ("Acme was founded in 1999. We are a leading provider of widgets and our customers love us.\n"
            "## Requirements\n- SQL\n")
    assert sections_of(text)[0].kind == "company"
    text2 = "We are hiring a data scientist who will build models.\n## Requirements\n- SQL\n"
    assert sections_of(text2)[0].kind == "other"


def test_crlf_lines():
    text = "Intro\r\nRequirements\r\n- SQL\r\nBenefits\r\n- PTO\r\n"
    found = sections_of(text)
    assert [(s.kind, s.line) for s in found] == [("other", 1), ("requirements", 2), ("benefits", 4)]


@pytest.mark.parametrize("line, language, expected", [
    ("Experience with Spark is a plus", "en", True),
    ("Kubernetes preferred", "en", True),
    ("Ideally you know Stan", "en", True),
    ("Nice to have: Airflow", "en", True),
    ("3+ years of Python", "en", False),
    ("Python required", "en", False),
    ("AWS 경험자 우대", "ko", True),
    ("Python 필수", "ko", False),
    ("Kaggle経験歓迎", "ja", True),
    ("論文執筆経験があれば尚可", "ja", True),
    ("Python経験3年以上", "ja", False),
])
def test_preferred_cue(line, language, expected):
    assert preferred_cue(line, language) is expected


def test_required_cue():
    assert required_cue("SQL is required", "en")
    assert required_cue("Python 필수", "ko")
    assert not required_cue("Spark is a plus", "en")


def test_heading_kind_longest_phrase_wins():
    assert heading_kind("Preferred Qualifications") == "preferred"
    assert heading_kind("Basic Qualifications") == "requirements"
    assert heading_kind("Nothing to see") is None


@pytest.mark.parametrize("heading, kind", [
    ("Requirements (nice to have)", "preferred"),
    ("These Qualifications Would be Nice to Have", "preferred"),
    ("Desired Technical Skills", "preferred"),
    ("Experience in these areas is a Plus", "preferred"),
    ("応募資格（歓迎）", "preferred"),
    ("자격요건 (우대)", "preferred"),
    ("Required Qualifications", "requirements"),
    ("Qualifications (required)", "requirements"),
    ("応募資格（必須）", "requirements"),
    # two lists under one heading are the requirements; each line's cues mark the rest
    ("자격요건 및 우대사항", "requirements"),
    ("Requirements and nice-to-haves", "requirements"),
    ("Must haves / Nice to haves", "requirements"),
    ("Required & Desired Skills", "requirements"),
    ("Requirements - Nice to have", "requirements"),
    # a heading that also says required is the requirements
    ("Preferred and Required Qualifications", "requirements"),
    ("歓迎・必須スキル", "requirements"),
    # a preference before a joined list qualifies all of it; "not required" is no requirement
    ("Preferred Education & Experience", "preferred"),
    ("Nice to Have, But Not Required", "preferred"),
])
def test_a_preference_in_a_requirements_heading_makes_it_preferred(heading, kind):
    assert heading_kind(heading) == kind


def _corpus():
    records = []
    for path in sorted((SHARED / "corpus-real").glob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle)
    return records


@pytest.mark.skipif(not (SHARED / "corpus-real").is_dir(), reason="../shared is absent")
def test_real_corpus_sections_are_found_and_fast():
    records = _corpus()
    indexes = [LineIndex(r["text"]) for r in records]
    start = time.process_time()
    results = [find_sections(r["text"], "en", i) for r, i in zip(records, indexes)]
    elapsed = time.process_time() - start
    with_requirements = sum(1 for s in results if any(x.kind == "requirements" for x in s))
    assert with_requirements / len(records) > 0.7
    flat = [s for r, s in zip(records, results) if r["id"].startswith("liml-")]
    assert sum(1 for s in flat if len(s) > 1) / len(flat) > 0.9  # flat postings still get sections
    for record, found in zip(records, results):
        for section in found:
            assert section.kind in SECTION_KINDS
            assert 0 <= section.start < section.end <= len(record["text"])
    assert elapsed < 3.0  # generous: the machine is shared


LEAD_IN = """We build tools for farmers.

To be successful in this role you must have the following:
- Statistics
You will wow us even more if you have the following:
- Bayesian modelling
If you have the following characteristics, it would be a plus:
- Spark
"""


def test_lead_in_sentences_open_sections():
    assert kinds(LEAD_IN)[1:] == [
        ("requirements", "To be successful in this role you must have the following:"),
        ("preferred", "You will wow us even more if you have the following:"),
        ("preferred", "If you have the following characteristics, it would be a plus:")]


@pytest.mark.parametrize("line", [
    "You'll go above and beyond our minimum qualifications if you...",
    "Other demonstrated experiences which are highly desired, though not required, include:",
    "Experience with the following is not required, but nice to have:",
])
def test_lead_in_with_a_preference_is_preferred(line):
    assert kinds(f"Intro.\n\n{line}\n- Spark\n")[1:] == [("preferred", line)]


@pytest.mark.parametrize("line", [
    "Experience with one or more of the following technologies:",  # a list item's lead-in
    "Due to business needs and client space, US Citizenship is required:",  # one weak word
    "The following items must be attached to your application (PDF format preferred):",
    "USEReady is looking for 2-3 Data Scientists to join our Team:",  # not a job section
    "- Desired knowledge of dental or medical insurance claims processing including:",  # a list item
    "그리고 다음과 같은 분을 찾습니다:",  # CJK lead-ins are left alone
])
def test_sentences_that_are_not_lead_ins(line):
    assert kinds(f"Intro.\n\n{line}\n- Spark\n")[1:] == []


def test_a_lead_in_over_nothing_opens_no_section():
    text = "Intro.\n\nThe key duties of the role include, but are not limited to:\n\n\n\nMore text.\n"
    assert kinds(text)[1:] == []


def test_question_headings():
    assert kinds("Intro.\n\nWhat will you be doing?\n- Ship\nWhat will you need?\n- SQL\n")[1:] == [
        ("responsibilities", "What will you be doing"), ("requirements", "What will you need")]


@pytest.mark.parametrize("line", ["**Requirements (nice to have)**", "Requirements (nice to have):",
                                  "【応募資格（歓迎）】"])
def test_a_decorated_heading_keeps_a_bracket_that_says_preferred(line):
    text = f"# Data Scientist\n\nWe build maps.\n\n{line}\n\n- Causal inference\n- SQL\n"
    assert [kind for kind, _ in kinds(text)][-1] == "preferred"

