import pytest

from jdlint import nlp


@pytest.fixture(autouse=True)
def fresh_tokenizers():
    nlp.reset()
    yield
    nlp.reset()


def _pairs(text, tokens):
    return [(n, text[s:e]) for n, s, e in zip(tokens.norms, tokens.starts, tokens.ends)]


def test_english_norms_are_nfkc_lowercase_with_offsets():
    text = "Ｐｙｔｈｏｎ and SQL\n  experience"
    [tokens] = nlp.tokenize([text], "en")
    assert tokens.norms == ("python", "and", "sql", "experience")
    for norm, surface in _pairs(text, tokens):
        assert nlp.norm(surface) == norm


def test_english_tokens_are_spacys_own():
    """Trimming spaCy's lexical attributes changes no token or space flag."""
    import spacy

    text = ("Senior  Data-Scientist (m/w/d): 5+ yrs of Python/R, A/B tests & SQL!\n"
            "\t- e-mail: jobs@example.com, https://example.com/x?y=1\r\n\n"
            "Ｐｙｔｈｏｎ  ｃｏｄｅ — 1,000,000 rows, 3.5 GHz, don't C++ C# .NET 🙂")
    [tokens] = nlp.tokenize([text], "en")
    doc = spacy.blank("en")(text)
    assert tokens.starts == tuple(t.idx for t in doc if not t.is_space)
    assert tokens.ends == tuple(t.idx + len(t) for t in doc if not t.is_space)
    assert tokens.norms == tuple(nlp.norm(t.text) for t in doc if not t.is_space)


def test_batches_keep_order_and_empty_input():
    texts = [f"text number {i}" for i in range(150)]
    result = nlp.tokenize(texts, "en")
    assert len(result) == 150
    assert result[149].norms == ("text", "number", "149")
    assert nlp.tokenize([], "en") == []


def test_unknown_language_uses_the_english_pipeline():
    [tokens] = nlp.tokenize(["Datenanalyse mit Python"], "de")
    assert tokens.norms[-1] == "python"
    assert nlp.backend("de") == "spacy"


def test_korean_fallback_splits_particles_off_latin_and_strips_them_from_hangul():
    nlp.use_fallback("ko")
    text = "SQL을 활용한 데이터를 분석, 파이썬과 R"
    [tokens] = nlp.tokenize([text], "ko")
    assert "sql" in tokens.norms
    assert "을" in tokens.norms  # split off, kept as its own token
    assert "데이터" in tokens.norms
    assert "파이썬" in tokens.norms
    assert "r" in tokens.norms
    for (norm, surface) in _pairs(text, tokens):
        assert surface.lower().startswith(norm)


def test_korean_particle_stripping_keeps_short_words():
    assert nlp.strip_particle("데이터를") == "데이터"
    assert nlp.strip_particle("모델에서") == "모델"
    assert nlp.strip_particle("분석가") == "분석가"  # 가 is not stripped
    assert nlp.strip_particle("회의") == "회의"  # too short to strip


def test_japanese_fallback_splits_on_script_changes():
    nlp.use_fallback("ja")
    text = "PythonとSQLを使った機械学習モデルの開発経験"
    [tokens] = nlp.tokenize([text], "ja")
    assert nlp.backend("ja") == "script"
    assert tokens.norms[:4] == ("python", "と", "sql", "を")
    assert "機械学習" in tokens.norms
    assert "モデル" in tokens.norms
    for norm, surface in _pairs(text, tokens):
        assert nlp.norm(surface) == norm


def test_japanese_fallback_keeps_long_vowel_mark_in_katakana():
    tokens = nlp.script_tokens("データサイエンティスト募集")
    assert tokens.norms == ("データサイエンティスト", "募集")


def test_japanese_backend_is_chosen_by_what_is_installed():
    try:
        import sudachipy  # noqa: F401
        import sudachidict_core  # noqa: F401
        expected = "sudachi"
    except ImportError:
        expected = "script"
    assert nlp.backend("ja") == expected


def test_korean_with_kiwi_drops_particles():
    pytest.importorskip("kiwipiepy")
    [tokens] = nlp.tokenize(["SQL을 활용한 데이터 분석"], "ko")
    assert nlp.backend("ko") == "kiwi"
    assert "sql" in tokens.norms and "을" not in tokens.norms


def test_korean_with_kiwi_keeps_the_words_as_written():
    pytest.importorskip("kiwipiepy")
    text = "유일한 데이터 사이언티스트로서 갑니다"
    [tokens] = nlp.tokenize([text], "ko")
    # Kiwi's morphemes 유일 + 하 + ᆫ are the text's 유일 + 한; 하 and ᆫ share
    # one syllable and become one token, so the tokens never overlap
    assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends)] == [
        "유일", "한", "데이터", "사이언티스트", "갑니다"]
    assert list(tokens.norms) == ["유일", "한", "데이터", "사이언티스트", "갑니다"]
    assert all(e <= s for e, s in zip(tokens.ends, tokens.starts[1:]))
    [tokens] = nlp.tokenize(["데이터다 분석가예요"], "ko")  # a copula of no length
    assert all(s < e for s, e in zip(tokens.starts, tokens.ends)) and all(tokens.norms)


def test_japanese_with_sudachi():
    pytest.importorskip("sudachipy")
    pytest.importorskip("sudachidict_core")
    [tokens] = nlp.tokenize(["機械学習の経験"], "ja")
    assert nlp.backend("ja") == "sudachi"
    assert "経験" in tokens.norms


def test_spacy_is_not_imported_by_importing_nlp():
    import subprocess
    import sys

    code = "import sys, jdlint.nlp, jdlint.matcher, jdlint.analysis; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
