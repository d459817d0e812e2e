"""Property-based tests (hypothesis): for any text, linting does not crash,
every position lies inside the text, and the output is deterministic.

Texts mix random Unicode (no surrogates; control characters and every
kind of line ending included) with Markdown structure (front matter,
headings, bullets, code fences, HTML comments with directives) and
requirement-like lines built from real skill words.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Only these end a line (the contract); U+2028, \x85, \x0b, \x0c do not.
LINE_END = re.compile(r"\r\n|\r|\n")

SKILL_WORDS = (
    "SQL", "statistics", "Kaggle Grandmaster", "Kaggle Master", "5+ years", "3-5 years",
    "0-2 years", "10 years", "신입", "경력 5년 이상", "必須スキル", "歓迎スキル", "3年以上",
    "Python", "R", "C++", "PyTorch", "TensorFlow", "A/B testing", "causal inference",
    "hypothesis testing", "Bayesian modelling", "machine learning", "deep learning",
    "Spark", "Airflow", "AWS", "MLOps", "NeurIPS", "first-author papers at ICML", "PhD",
    "Master's degree", "intern", "new grad", "senior", "lead a team", "mentor juniors",
    "communication", "Excel", "Tableau", "dbt", "Kubernetes", "SQL을", "통계학",
    "機械学習", "統計", "データ分析", "{{company}}", "[Company Name]", "<ROLE>",
    "${location}", "e.g.", "Node.js", "data", "scientist", "engineer", "analyst",
)
CONNECTORS = (
    " ", ", ", " and ", " or ", " / ", "; ", ". ", " (", ") ", " preferred", " is a plus",
    " nice to have", " not required", " required", " must", " 우대", " 歓迎", " 필수", "、",
    "。", " such as ", " e.g. ", "\t",
)
HEADINGS = (
    "Requirements", "Qualifications", "Nice to have", "Preferred qualifications",
    "Responsibilities", "What you'll do", "About us", "Benefits", "Hiring process",
    "자격요건", "우대사항", "주요업무", "必須スキル", "歓迎スキル", "業務内容", "Senior Data Scientist",
    "Junior ML Engineer", "Data Analyst (Intern)", "",
)
COMMENTS = (
    "<!--", "-->", "<!-- a note -->", "<!-- jdlint-disable-next-line JD301 -->",
    "<!-- jdlint-disable JD2 -->", "<!-- jdlint-enable -->", "<!-- jdlint-disable-file JD101 -->",
    "<!-- jdlint-disable-next-line JD999 -- why -->", "<!-- jdlint-disable -->",
)
ODD_CHARS = ("\x00", "\x0b", "\x0c", "\x1c", "\x1e", "\x85", "\u2028", "\u2029", "\ufeff",
             "\u200b", "\u00a0", "\t", "\r", "\n", "\x7f", "\U0001F600", "e\u0301", "ﬁ", "Ａ")

any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
odd = st.sampled_from(ODD_CHARS)
word = st.one_of(st.sampled_from(SKILL_WORDS), any_text, odd)
word_or_skill = st.one_of(st.sampled_from(SKILL_WORDS), st.sampled_from(SKILL_WORDS), word)
phrase = st.lists(st.tuples(word_or_skill, st.sampled_from(CONNECTORS)), min_size=1, max_size=8).map(
    lambda parts: "".join(w + c for w, c in parts))
heading = st.builds(lambda level, text, extra: "#" * level + " " + text + extra,
                    st.integers(1, 7), st.sampled_from(HEADINGS), st.one_of(st.just(""), any_text))
bullet = st.builds(lambda indent, marker, text: indent + marker + text,
                   st.sampled_from(("", "  ", "    ", "\t", "   " * 5)),
                   st.sampled_from(("- ", "* ", "+ ", "1. ", "• ", "> ", "> - ", "-", "")), phrase)
fence = st.sampled_from(("```", "```python", "~~~", "    ```", "`SQL`", "``"))
comment = st.sampled_from(COMMENTS)
line = st.one_of(heading, bullet, bullet, phrase, fence, comment, any_text, st.just(""))
line_end = st.sampled_from(("\n", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n"))


@st.composite
def front_matter(draw) -> str:
    end = draw(line_end)
    body = draw(st.lists(st.one_of(
        st.sampled_from(("title: Senior Data Scientist", "role: data-scientist",
                         "seniority: junior", "role: astronaut", "title: [unclosed",
                         "- a list item", "title: 5", "a: &x 1", "b: *x", "key: value",
                         "language: ko", "date: 2024-01-02")),
        any_text), max_size=4))
    closing = draw(st.sampled_from(("---", "...", "--- ", "")))  # "": all prose
    return "---" + end + "".join(item + end for item in body) + closing + end


TITLES = ("Senior Data Scientist", "Junior Data Scientist (New Grad)", "ML Engineer",
          "Data Analyst Intern", "Research Scientist", "Data Engineer", "시니어 데이터 사이언티스트",
          "신입 데이터 분석가", "機械学習エンジニア（新卒）", "Lead Data Scientist", "Sales Manager")
SECTIONS = ("## Requirements", "## Nice to have", "## Responsibilities", "## About us",
            "## Benefits", "### 자격요건", "### 우대사항", "## 必須スキル", "## 歓迎スキル",
            "**Qualifications**", "Requirements:")


@st.composite
def structured_lines(draw) -> list[str]:
    """A posting-shaped list of lines: a title, then sections of bullets
    (long enough to be judged), with noise lines mixed in."""
    lines = ["# " + draw(st.sampled_from(TITLES)), ""]
    for _ in range(draw(st.integers(1, 4))):
        lines.append(draw(st.sampled_from(SECTIONS)))
        lines += ["- " + draw(phrase) for _ in range(draw(st.integers(3, 10)))]
        lines.append("")
    for _ in range(draw(st.integers(0, 4))):
        lines.insert(draw(st.integers(0, len(lines))), draw(line))
    return lines


@st.composite
def postings(draw) -> str:
    front = draw(st.one_of(st.just(""), front_matter()))
    if draw(st.booleans()):
        lines = draw(st.lists(st.tuples(line, line_end), max_size=25))
    else:
        lines = [(content, draw(line_end)) for content in draw(structured_lines())]
    text = front + "".join(content + end for content, end in lines)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")  # no final line end
    return text


@pytest.fixture(scope="module")
def linter():
    """(lint(text, path) -> findings, analyse(text) -> Analysis), built once:
    the Analyzer is expensive."""
    from jdlint.analysis import Analyzer
    from jdlint.engine import lint
    from jdlint.reader import build_posting
    from jdlint.rules import load_rules

    analyzer = Analyzer()
    rules = load_rules()
    assert rules

    def analyse(text: str):
        return analyzer.analyse_one(build_posting(text, "posting.md"))

    def run(text: str):
        analysis = analyse(text)
        return analysis, lint(analysis, rules)

    return run


def line_lengths(text: str) -> list[int]:
    """The length of each line, line ends excluded, per the contract."""
    return [len(part) for part in LINE_END.split(text)]


def assert_inside(text: str, line: int, column: int, end_line: int, end_column: int) -> None:
    lengths = line_lengths(text)
    assert 1 <= line <= len(lengths), (line, len(lengths))
    assert 1 <= column <= lengths[line - 1] + 1, (line, column, lengths[line - 1])
    assert 1 <= end_line <= len(lengths), (end_line, len(lengths))
    assert 1 <= end_column <= lengths[end_line - 1] + 1, (end_line, end_column)
    assert (end_line, end_column) >= (line, column)


@settings(max_examples=150, **SETTINGS)
@given(text=postings())
def test_any_posting_lints_with_positions_inside_the_text(linter, text):
    analysis, findings = linter(text)
    posting = analysis.posting
    assert posting.text == text
    assert len(posting.masked) == len(text)
    assert [m.start() for m in LINE_END.finditer(posting.masked)] == \
        [m.start() for m in LINE_END.finditer(text)]
    for skill in analysis.skills:
        assert 0 <= skill.start < skill.end <= len(text)
        assert skill.text == text[skill.start:skill.end]
        assert_inside(text, skill.line, skill.column, skill.line, skill.column)
    for section in analysis.sections:
        assert 0 <= section.start <= section.end <= len(text)
    for before, after in zip(analysis.sections, analysis.sections[1:]):
        assert before.end <= after.start  # in order, no overlap (looked up by bisection)
    for finding in findings:
        assert_inside(text, finding.line, finding.column, finding.end_line, finding.end_column)
    keys = [(f.line, f.column, f.rule) for f in findings]
    assert keys == sorted(keys)


@settings(max_examples=100, **SETTINGS)
@given(text=st.text(st.characters(exclude_categories=("Cs",)), max_size=400))
def test_any_unicode_text_lints_with_positions_inside_the_text(linter, text):
    analysis, findings = linter(text)
    for finding in findings:
        assert_inside(text, finding.line, finding.column, finding.end_line, finding.end_column)


@settings(max_examples=60, **SETTINGS)
@given(text=postings(), ending=st.sampled_from(("\r\n", "\r")))
def test_line_endings_do_not_change_positions(linter, text, ending):
    lf = LINE_END.sub("\n", text)
    _, expected = linter(lf)
    _, found = linter(lf.replace("\n", ending))
    assert [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in found] == \
        [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in expected]


def run_cli(args: list[str]) -> tuple[int, str, str]:
    from jdlint.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=60, **SETTINGS)
@given(text=postings(), name=st.sampled_from(("posting.md", "posting.txt")))
def test_cli_json_output_is_deterministic_and_inside_the_text(linter, text, name):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(text.encode("utf-8"))
        outputs = []
        for copy in ("first.json", "second.json"):
            target = Path(folder) / copy
            code, out, err = run_cli([str(path), "--format", "json", "-o", str(target)])
            assert code in (0, 1, 2) and "Traceback" not in err and "internal error" not in err
            outputs.append((code, target.read_bytes(), err))
    assert outputs[0] == outputs[1]
    report = json.loads(outputs[0][1])
    read = text.removeprefix("\ufeff")  # the reader drops a byte order mark
    if "\x00" in read:
        assert report["results"] == [] and len(report["errors"]) == 1
        return
    assert report["errors"] == [] and len(report["results"]) == 1
    for f in report["results"][0]["findings"]:
        assert_inside(read, f["line"], f["column"], f["end_line"], f["end_column"])
