import json
from pathlib import Path

import pytest

from jdlint.analysis import Analyzer
from jdlint.model import AREAS, Posting
from jdlint.taxonomy import load_taxonomy

MINI = Path(__file__).parent / "fixtures" / "taxonomy_mini"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def posting(text, path="p.md", title=None):
    return Posting(path=path, text=text, masked=text, title=title)


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(taxonomy=load_taxonomy([MINI], builtin=False))


def test_skills_areas_positions_and_strength(analyzer):
    text = ("# Data Scientist\n\n## Requirements\n\n- Python and SQL\n- Deep learning\n\n"
            "## Nice to have\n\n- Kubernetes\n- SQL tuning\n")
    [analysis] = analyzer.analyse([posting(text)])
    assert analysis.areas == {"programming": "required", "sql-databases": "required",
                              "deep-learning": "required", "cloud": "preferred"}
    python = next(m for m in analysis.skills if m.skill == "python")
    assert (python.line, python.column, python.text) == (5, 3, "Python")
    assert python.section == "requirements"
    assert len(analysis.tokens.norms) == len(analysis.tokens.starts)
    assert all(area in AREAS for area in analysis.areas)


def test_the_title_line_asks_for_nothing(analyzer):
    text = "# Machine Learning Engineer\n\n## Requirements\n\n- Python and SQL\n"
    [analysis] = analyzer.analyse([posting(text, title="Machine Learning Engineer")])
    assert "ml-fundamentals" not in analysis.areas
    # the same words in the body still count
    text += "- Machine learning\n"
    [analysis] = analyzer.analyse([posting(text, title="Machine Learning Engineer")])
    assert analysis.areas["ml-fundamentals"] == "required"


@pytest.mark.parametrize("text, title_line", [
    ("Job: Machine Learning Engineer at Acme\n\n# Machine Learning Engineer\n\n"
     "## Requirements\n\n- SQL\n", 3),
    ("# machine learning engineer\n\n## Requirements\n\n- SQL\n", 1),  # case aside
    # after a heading, so that the matcher reads the line at all
    ("## Role\n\n**Machine Learning Engineer**\n\n## Requirements\n\n- SQL\n", 3),
    ("# Machine Learning Engineer ##\n\n## Requirements\n\n- SQL\n", 1),
    ("# Machine  Learning\tEngineer\r\n\r\n## Requirements\r\n\r\n- SQL\r\n", 1),  # blanks aside
    ("## Role\n\n**Machine Learning Engineer:**\n\n## Requirements\n\n- SQL\n", 3),  # a colon
])
def test_the_title_line_is_found_wherever_it_is(analyzer, text, title_line):
    [analysis] = analyzer.analyse([posting(text, title="Machine Learning Engineer")])
    assert not any(m.line == title_line for m in analysis.skills)


def test_papers_beside_a_degree_are_asked_not_its_field():  # the built-in taxonomy
    text = ("# Lead Data Scientist\n\n## Requirements\n\n"
            "- PhD in machine learning with publications at NeurIPS or ICML\n"
            "- MS in Statistics or Machine Learning\n")
    [analysis] = Analyzer().analyse([posting(text, title="Lead Data Scientist")])
    assert analysis.areas.get("research-awareness") == "required"
    assert "statistics" not in analysis.areas  # a field of study stays one


def test_required_wins_over_preferred(analyzer):
    text = "Requirements:\n- SQL\n\nPreferred:\n- SQL\n"
    [analysis] = analyzer.analyse([posting(text)])
    assert analysis.areas["sql-databases"] == "required"


def test_input_order_kept_across_languages_and_chunks(analyzer):
    texts = []
    for i in range(300):
        if i % 3 == 0:
            texts.append(f"자격요건\n- 파이썬 경험 {i}년\n")
        elif i % 3 == 1:
            texts.append(f"応募資格\n- 機械学習の経験{i}\n")
        else:
            texts.append(f"Requirements\n- Java for {i} years\n")
    results = list(analyzer.analyse(posting(t, path=str(i)) for i, t in enumerate(texts)))
    assert [a.posting.path for a in results] == [str(i) for i in range(300)]
    assert [a.facts.language for a in results[:3]] == ["ko", "ja", "en"]
    assert "programming" in results[0].areas
    assert "ml-fundamentals" in results[1].areas
    assert "programming" in results[2].areas


def test_empty_input(analyzer):
    assert list(analyzer.analyse([])) == []
    [analysis] = analyzer.analyse([posting("")])
    assert analysis.skills == () and analysis.areas == {}


def test_masked_text_is_what_is_read(analyzer):
    text = "Requirements\n- Java\n- `Python`\n"
    masked = text.replace("`Python`", "        ")
    [analysis] = analyzer.analyse([Posting(path="p.md", text=text, masked=masked)])
    assert [m.skill for m in analysis.skills] == ["java"]


def test_builtin_taxonomy_on_labelled_postings():
    """A smoke check on real postings: the built-in taxonomy finds most labelled areas."""
    labels_path = SHARED / "eval-dev" / "labels.jsonl"
    if not labels_path.is_file():
        pytest.skip("../shared is absent")
    labels = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines()]
    wanted = {label["id"]: label for label in labels[:20]}
    postings = []
    for path in sorted((SHARED / "corpus-real").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["id"] in wanted:
                postings.append((record["id"], posting(record["text"], title=record.get("title"))))
    tp = fp = fn = 0
    for (pid, _), analysis in zip(postings, Analyzer().analyse(p for _, p in postings)):
        for area, gold in wanted[pid]["areas"].items():
            found = area in analysis.areas
            tp += found and gold != "absent"
            fp += found and gold == "absent"
            fn += not found and gold != "absent"
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 > 0.75


def test_compiled_matcher_is_cached_and_keyed_by_the_taxonomy_files(tmp_path, monkeypatch):
    import shutil

    cache = tmp_path / "cache"
    monkeypatch.setenv("JDLINT_CACHE_DIR", str(cache))
    extra = tmp_path / "extra"
    shutil.copytree(Path(__file__).parent / "fixtures" / "taxonomy_extra", extra)
    first = Analyzer(extra_taxonomy=[extra])
    assert len(list(cache.glob("matcher-*.pickle"))) == 1
    second = Analyzer(extra_taxonomy=[extra])
    assert second.matcher is not first.matcher
    assert set(second.taxonomy.by_id) == set(first.taxonomy.by_id)
    (extra / "programming.yaml").write_text(
        "area: programming\nskills:\n  - id: zig\n    aliases:\n      en: [Zig language]\n",
        encoding="utf-8")
    third = Analyzer(extra_taxonomy=[extra])
    assert "zig" in third.taxonomy.by_id and "julia" not in third.taxonomy.by_id
    assert len(list(cache.glob("matcher-*.pickle"))) == 2
    [analysis] = third.analyse([posting("Requirements\n- Zig language\n")])
    assert [m.skill for m in analysis.skills] == ["zig"]


def test_unusable_cache_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("JDLINT_CACHE_DIR", str(blocker / "jdlint"))
    analyzer = Analyzer(extra_taxonomy=[Path(__file__).parent / "fixtures" / "taxonomy_extra"])
    assert "julia" in analyzer.taxonomy.by_id


def test_corrupt_or_disabled_cache_rebuilds(tmp_path, monkeypatch):
    extra = [Path(__file__).parent / "fixtures" / "taxonomy_extra"]
    cache = tmp_path / "cache"
    monkeypatch.setenv("JDLINT_CACHE_DIR", str(cache))
    Analyzer(extra_taxonomy=extra)
    [pickled] = cache.glob("matcher-*.pickle")
    pickled.write_bytes(b"not a pickle")  # corrupt: rebuilt and written again
    assert "julia" in Analyzer(extra_taxonomy=extra).taxonomy.by_id
    assert pickled.read_bytes() != b"not a pickle"
    monkeypatch.setenv("JDLINT_NO_CACHE", "1")
    pickled.unlink()
    assert "julia" in Analyzer(extra_taxonomy=extra).taxonomy.by_id
    assert not list(cache.glob("matcher-*.pickle"))  # disabled: nothing written


def test_front_matter_language_and_seniority_are_used(analyzer):
    from jdlint.reader import build_posting

    body = "# Data Scientist\n\n## Requirements\n\n- Hypothesis testing and SQL\n- Python\n"
    plain = analyzer.analyse_one(build_posting(body, "a.md"))
    assert (plain.facts.language, plain.facts.seniority_title) == ("en", "unknown")
    declared = analyzer.analyse_one(build_posting(
        "---\nlanguage: fr\nseniority: junior\n---\n" + body, "b.md"))
    assert declared.facts.language == "fr" and not declared.facts.supported
    assert declared.facts.seniority_title == "junior" and declared.facts.seniority == "junior"
    japanese = analyzer.analyse_one(build_posting("---\nlanguage: ja\n---\n" + body, "c.md"))
    assert japanese.facts.language == "ja"
    assert "sql-databases" in japanese.areas  # English words still read under the ja tokeniser


def test_prepare_analyses_one_posting_per_tokenizer(monkeypatch):
    from jdlint.reader import build_posting

    fresh = Analyzer(taxonomy=load_taxonomy([MINI], builtin=False))
    seen = []
    analyse = fresh.analyse

    def spy(postings, **options):
        seen.extend(p.path for p in postings)
        return analyse(postings, **options)

    monkeypatch.setattr(fresh, "analyse", spy)
    body = "# Data Scientist\n\n## Requirements\n\n- SQL\n"
    postings = [build_posting(body, "en.md"),
                build_posting("---\nlanguage: en-US\n---\n" + body, "en-us.md"),
                build_posting("---\nlanguage: fr\n---\n" + body, "fr.md"),
                build_posting("# 데이터 분석가\n\n## 자격요건\n\n- SQL 경험\n", "ko.md"),
                build_posting("# データアナリスト\n\n## 必須スキル\n\n- SQLの経験\n", "ja.md"),
                build_posting(body, "en2.md")]
    fresh.prepare(postings)
    assert seen == ["en.md", "ko.md", "ja.md"]  # en-US and fr use the English tokenizer
    fresh.prepare(postings)
    assert seen == ["en.md", "ko.md", "ja.md"]  # ready: nothing analysed again


@pytest.mark.parametrize("tag, language", [("ko-KR", "ko"), ("ja_JP", "ja"), ("EN-us", "en"),
                                           ("ko", "ko"), ("fr-CA", "fr"), ("kr", "ko"),
                                           ("Korean", "ko"), ("한국어", "ko"), ("jp", "ja")])
def test_a_language_tag_with_a_region_names_its_language(analyzer, tag, language):
    from jdlint.reader import build_posting

    text = f"---\nlanguage: {tag}\n---\n# 데이터 사이언티스트\n\n## 자격요건\n\n- 통계 분석 경험\n- SQL 활용 능력\n"
    analysis = analyzer.analyse_one(build_posting(text, "p.md"))
    assert analysis.facts.language == language
    assert analysis.facts.supported == (language != "fr")  # ko-KR is read as Korean
