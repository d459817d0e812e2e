"""Tokenising postings: the only module that imports spaCy (lazily).

One blank pipeline per language is built on first use and kept for the
process. English (and any language we cannot read) uses ``spacy.blank("en")``.
Korean uses kiwipiepy when installed (``jdlint[ko]``), else spaCy's rule-based
tokenizer, whose tokens keep particles attached (``SQL을``): we split a token
where its script changes and strip common particles from the norms. Japanese
uses ``spacy.blank("ja")`` when SudachiPy and its dictionary are installed
(``jdlint[ja]``), else a tokenizer that splits on script changes.

``tokenize(texts, language)`` returns one ``model.Tokens`` per text; norms
are NFKC-normalised and lower-cased.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterable, Sequence

from jdlint.model import Tokens

BATCH_SIZE = 64

# spaCy's rule-based tokenizer strips prefix and suffix characters one at a
# time, rescanning the rest each time: a run of thousands of brackets or
# '>' without a space takes minutes. No word is this long, so such runs are
# split at script changes instead (each punctuation character a token).
LONG_RUN = re.compile(r"(?<!\S)\S{101,}")  # tried at the start of each run only

# SudachiPy refuses a text over 49,149 bytes of UTF-8; at most 4 bytes a
# character, Japanese texts are tokenised in pieces of this many characters.
SUDACHI_MAX_CHARS = 12_000

# Korean particles stripped from the end of a Hangul token when at least two
# syllables remain. Longest first; 이/가 are left alone (too often part of a
# noun: 전문가, 분석가).
KO_PARTICLES: tuple[str, ...] = (
    "에서는", "으로는", "에서", "으로", "에게", "까지", "부터", "보다", "처럼",
    "이나", "이며", "을", "를", "은", "는", "과", "와", "의", "에", "로", "도", "만",
)

# name of the machinery per language, for tests and `--debug`
_BACKENDS: dict[str, str] = {}
_TOKENIZERS: dict[str, Callable[[Sequence[str]], list[Tokens]]] = {}


def tokenize(texts: Iterable[str], language: str) -> list[Tokens]:
    """Tokens for each text, in order, tokenised as ``language``."""
    texts = list(texts)
    if not texts:
        return []
    return _tokenizer(language)(texts)


def backend(language: str) -> str:
    """Which machinery tokenises ``language`` ("spacy", "kiwi", "sudachi", "script")."""
    _tokenizer(language)
    return _BACKENDS[tokenizer_key(language)]


def tokenizer_key(language: str) -> str:
    """The tokenizer a language uses: "ko", "ja", or "en" for every other."""
    return language if language in ("ko", "ja") else "en"


def _tokenizer(language: str) -> Callable[[Sequence[str]], list[Tokens]]:
    key = tokenizer_key(language)
    if key not in _TOKENIZERS:
        if key == "ko":
            _TOKENIZERS[key], _BACKENDS[key] = _korean()
        elif key == "ja":
            _TOKENIZERS[key], _BACKENDS[key] = _japanese()
        else:
            _TOKENIZERS[key], _BACKENDS[key] = _spacy_tokenizer("en"), "spacy"
    return _TOKENIZERS[key]


def use_fallback(language: str) -> None:
    """Use the built-in fallback tokenizer for ``language`` (ko/ja) from now
    on, even when the optional analyser is installed (tests, debugging)."""
    if language == "ko":
        _TOKENIZERS["ko"], _BACKENDS["ko"] = _spacy_tokenizer("ko", korean=True), "spacy"
    elif language == "ja":
        _TOKENIZERS["ja"], _BACKENDS["ja"] = script_tokens_batch, "script"


def reset() -> None:
    """Forget the built tokenizers (tests)."""
    _TOKENIZERS.clear()
    _BACKENDS.clear()


def norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


# --- spaCy ----------------------------------------------------------------

def _spacy_tokenizer(lang: str, korean: bool = False):
    import spacy
    from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH

    if lang == "ko":
        nlp = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
    else:
        nlp = spacy.blank(lang)
    # spaCy refuses texts over 1,000,000 characters to protect the parser's
    # memory; a blank pipeline only tokenises, and the reader's size limit
    # (--max-size) bounds the input.
    nlp.max_length = 2**62
    # For every word it has not seen, spaCy runs a Python function per
    # lexical attribute (shape, like_num, ...): a fifth of the tokenising
    # time. We read only IS_SPACE, so only its function is kept; tokens and
    # their boundaries do not depend on the others.
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {IS_SPACE: getters[IS_SPACE]} if IS_SPACE in getters else {}
    strings = nlp.vocab.strings
    attrs = [IDX, LENGTH, IS_SPACE, ORTH]
    norms_by_orth: dict[int, str] = {}  # spaCy's string id -> our norm

    def run(texts: Sequence[str]) -> list[Tokens]:
        out = []
        for text, doc in zip(texts, nlp.pipe(texts, batch_size=BATCH_SIZE)):
            if not len(doc):
                out.append(Tokens((), (), ()))
                continue
            # whole columns at once, without a Python Token object per token
            rows = doc.to_array(attrs)
            rows = rows[rows[:, 2] == 0]
            starts = rows[:, 0].tolist()
            ends = (rows[:, 0] + rows[:, 1]).tolist()
            if korean:
                norms, k_starts, k_ends = [], [], []
                for start, end in zip(starts, ends):
                    _korean_pieces(text, start, end, norms, k_starts, k_ends)
                out.append(Tokens(tuple(norms), tuple(k_starts), tuple(k_ends)))
                continue
            orths = rows[:, 3].tolist()
            for orth in set(orths).difference(norms_by_orth):  # words not seen before
                norms_by_orth[orth] = norm(strings[orth])
            out.append(Tokens(tuple(map(norms_by_orth.__getitem__, orths)), tuple(starts),
                              tuple(ends)))
        return out

    if lang == "ja":  # Sudachi has no affix rules, but a size limit
        return _in_pieces(run, SUDACHI_MAX_CHARS)
    return _long_runs_apart(run)


def _in_pieces(run: Callable[[Sequence[str]], list[Tokens]], limit: int):
    """``run`` on pieces of at most ``limit`` characters of each text (cut
    after a line end where there is one in the second half), the tokens put
    back together with their offsets."""

    def pieced(texts: Sequence[str]) -> list[Tokens]:
        spans = [_piece_spans(text, limit) for text in texts]
        pieces = iter(run([text[s:e] for text, found in zip(texts, spans) for s, e in found]))
        out = []
        for found in spans:
            norms: list[str] = []
            starts: list[int] = []
            ends: list[int] = []
            for begin, _ in found:
                tokens = next(pieces)
                norms += tokens.norms
                starts += [begin + s for s in tokens.starts]
                ends += [begin + e for e in tokens.ends]
            out.append(Tokens(tuple(norms), tuple(starts), tuple(ends)))
        return out

    return pieced


def _piece_spans(text: str, limit: int) -> list[tuple[int, int]]:
    spans = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start + limit // 2, start + limit) + 1 or start + limit
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def _long_runs_apart(run: Callable[[Sequence[str]], list[Tokens]]):
    """``run`` with every ``LONG_RUN`` blanked out of its input and tokenised
    by ``_script_runs`` instead; offsets are kept."""

    def guarded(texts: Sequence[str]) -> list[Tokens]:
        # str.split breaks at the white space that \s means: a word of 101
        # characters or more is a LONG_RUN, and finding none is cheaper so
        runs = [list(LONG_RUN.finditer(text)) if max(map(len, text.split()), default=0) > 100
                else [] for text in texts]
        if not any(runs):
            return run(texts)
        hidden = [LONG_RUN.sub(lambda m: " " * len(m.group()), text) if found else text
                  for text, found in zip(texts, runs)]
        out = []
        for text, found, tokens in zip(texts, runs, run(hidden)):
            if not found:
                out.append(tokens)
                continue
            rows = list(zip(tokens.starts, tokens.ends, tokens.norms))
            rows += [(m.start() + s, m.start() + e, norm(m.group()[s:e]))
                     for m in found for s, e in _script_runs(m.group())]
            rows.sort()
            out.append(Tokens(tuple(r[2] for r in rows), tuple(r[0] for r in rows),
                              tuple(r[1] for r in rows)))
        return out

    return guarded


def _korean_pieces(text: str, start: int, end: int, norms, starts, ends) -> None:
    """A Korean token split where its script changes ("SQL을" -> "SQL", "을"),
    particles stripped from Hangul pieces."""
    token = text[start:end]
    for s, e in _script_runs(token):
        piece = token[s:e]
        if _is_hangul(piece[0]):
            piece = strip_particle(piece)
        norms.append(norm(piece))
        starts.append(start + s)
        ends.append(start + e)


def strip_particle(word: str) -> str:
    """``데이터를`` -> ``데이터``; leaves words of two syllables or fewer."""
    for particle in KO_PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


# --- Korean / Japanese with the optional analysers --------------------------

def _korean():
    try:
        from kiwipiepy import Kiwi
    except ImportError:
        return _spacy_tokenizer("ko", korean=True), "spacy"
    # Without the multi-word and typo dictionaries Kiwi loads in 2.6 s instead
    # of 4.7 s and takes about 330 MiB instead of 520 (measured); eval-dev
    # figures for Korean are the same either way.
    kiwi = Kiwi(load_multi_dict=False, load_typo_dict=False)

    def run(texts: Sequence[str]) -> list[Tokens]:
        out = []
        for text in texts:
            starts: list[int] = []
            ends: list[int] = []
            # one string at a time: Kiwi's thread pool for an iterable of
            # texts does not survive a fork (jdlint.workers)
            for token in kiwi.tokenize(text):
                if token.tag.startswith("J") or not token.len:  # particles; a
                    continue  # dropped copula (데이터다: 이) has no length
                start, end = token.start, token.start + token.len
                if ends and start < ends[-1]:  # a morpheme inside the last one's
                    ends[-1] = max(ends[-1], end)  # syllable: 한 = 하 + ᆫ
                    continue
                starts.append(start)
                ends.append(end)
            # tokens are spans of the text as written (유일한 -> 유일 / 한), not
            # Kiwi's morpheme forms (하 + ᆫ), so phrases and aliases match
            # what the writer wrote
            norms = tuple(norm(text[s:e]) for s, e in zip(starts, ends))
            out.append(Tokens(norms, tuple(starts), tuple(ends)))
        return out

    return _long_runs_apart(run), "kiwi"  # Kiwi takes a minute on 500,000 unspaced syllables


def _japanese():
    try:
        import sudachipy  # noqa: F401  (spacy.blank("ja") needs it)
        runner = _spacy_tokenizer("ja")
        runner(["テスト"])  # fails here when the dictionary is missing
        return runner, "sudachi"
    except Exception:  # ImportError, or a missing dictionary
        return script_tokens_batch, "script"


# --- the script-change fallback ---------------------------------------------

def _script(ch: str) -> str:
    code = ord(ch)
    if ch.isspace():
        return "space"
    if 0x3040 <= code <= 0x309F:
        return "hiragana"
    if 0x30A0 <= code <= 0x30FF or 0xFF66 <= code <= 0xFF9F:
        return "katakana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "kanji"
    if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if ch.isalnum() or ch in "+#":
        return "latin"
    return "punct"


def _is_hangul(ch: str) -> bool:
    return _script(ch) == "hangul"


def _script_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of one script; spaces dropped, each
    punctuation character its own run. ``ー`` continues a katakana run."""
    runs = []
    start = None
    current = ""
    for i, ch in enumerate(text):
        kind = _script(ch)
        if ch == "ー" and current == "katakana":
            kind = "katakana"
        if kind == current and kind != "punct":
            continue
        if start is not None and current != "space":
            runs.append((start, i))
        start, current = i, kind
    if start is not None and current != "space":
        runs.append((start, len(text)))
    return runs


def script_tokens(text: str) -> Tokens:
    """Tokens split wherever the script changes (the fallback for Japanese)."""
    norms, starts, ends = [], [], []
    for s, e in _script_runs(text):
        norms.append(norm(text[s:e]))
        starts.append(s)
        ends.append(e)
    return Tokens(tuple(norms), tuple(starts), tuple(ends))


def script_tokens_batch(texts: Sequence[str]) -> list[Tokens]:
    return [script_tokens(text) for text in texts]
