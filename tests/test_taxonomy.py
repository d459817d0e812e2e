from pathlib import Path

import pytest

from jdlint.taxonomy import TaxonomyError, load_taxonomy

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "taxonomy_mini"


def test_loads_the_fixture_taxonomy():
    taxonomy = load_taxonomy([MINI], builtin=False)
    python = taxonomy.by_id["python"]
    assert python.area == "programming"
    assert python.aliases["ko"] == ("파이썬",)
    assert taxonomy.by_id["r-language"].exact == ("R",)
    assert taxonomy.by_id["sql-dialects"].fuzzy is False
    assert taxonomy.by_id["sql"].fuzzy is True


def test_extra_folder_merges_aliases_of_an_existing_skill():
    taxonomy = load_taxonomy([MINI, FIXTURES / "taxonomy_extra"], builtin=False)
    python = taxonomy.by_id["python"]
    assert python.aliases["en"] == ("Python", "Python 3", "CPython")
    assert python.label == "Python"  # the first definition keeps its label
    assert "julia" in taxonomy.by_id
    assert len({s.id for s in taxonomy.skills}) == len(taxonomy.skills)


def _write(tmp_path, text):
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("text, words", [
    ("area: astrology\nskills: []\n", ["x.yaml", "area", "astrology"]),
    ("area: cloud\nskills:\n  - label: AWS\n", ["x.yaml", "id"]),
    ("area: cloud\nskills:\n  - id: aws\n    aliases: [AWS]\n", ["x.yaml", "aliases", "aws"]),
    ("area: cloud\nskills:\n  - id: aws\n    aliases:\n      en: AWS\n", ["x.yaml", "aliases.en"]),
    ("area: cloud\nskills:\n  - id: aws\n    aliases:\n      fr: [AWS]\n", ["x.yaml", "aliases.fr"]),
    ("area: cloud\nskills:\n  - id: aws\n    fuzzy: maybe\n", ["x.yaml", "fuzzy"]),
    ("area: cloud\nskills:\n  - id: aws\n    counts: no way\n", ["x.yaml", "counts"]),
    ("area: cloud\nskills:\n  - id: aws\n    colour: red\n", ["x.yaml", "colour"]),
    ("area: cloud\nskills: {}\n", ["x.yaml", "skills"]),
    ("- just a list\n", ["x.yaml"]),
    ("area: [unclosed\n", ["x.yaml"]),
])
def test_errors_name_the_file_and_the_key(tmp_path, text, words):
    folder = _write(tmp_path, text)
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy([folder], builtin=False)
    for word in words:
        assert word in str(caught.value)


def test_same_id_in_another_area_is_an_error(tmp_path):
    _write(tmp_path, "area: cloud\nskills:\n  - id: python\n    aliases:\n      en: [Py]\n")
    with pytest.raises(TaxonomyError, match="python"):
        load_taxonomy([MINI, tmp_path], builtin=False)


def test_missing_extra_folder_is_an_error(tmp_path):
    with pytest.raises(TaxonomyError, match="not found"):
        load_taxonomy([tmp_path / "nope"])


def test_builtin_taxonomy_loads():
    taxonomy = load_taxonomy()
    assert taxonomy.skills
