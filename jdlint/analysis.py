"""Orchestration: Posting -> Analysis, in input order, tokenised in batches.

The taxonomy and the compiled matcher are built once per ``Analyzer``.
Loading the taxonomy and compiling the matcher take about 1.3 s (measured),
so both are kept in a pickle in the user's cache folder, keyed by the
contents of the taxonomy and lexicon files and of jdlint's own matcher
source, and by jdlint's version (``JDLINT_NO_CACHE=1`` turns it off); a
cache that cannot be read or written is simply not used.
Postings are read in chunks; each chunk is grouped by language and
tokenised with one ``nlp.pipe`` call per language, then analysed in input
order.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from jdlint import __version__
from jdlint import matcher as matcher_module
from jdlint import lexicon as lexicon_module, nlp, taxonomy as taxonomy_module
from jdlint.facts import declared_language, detect_language, infer_facts
from jdlint.markdown import strip_closing_hashes
from jdlint.matcher import SkillMatcher
from jdlint.sections import find_sections
from jdlint.model import Analysis, Posting, SkillMatch, Tokens, title_pattern
from jdlint.positions import LineIndex
from jdlint.taxonomy import Taxonomy, load_taxonomy, taxonomy_files

CHUNK = 256  # postings tokenised together


class Analyzer:
    def __init__(self, extra_taxonomy: Iterable[str | Path] = (), *,
                 taxonomy: Taxonomy | None = None, fuzzy_cutoff: int | None = None):
        options = {} if fuzzy_cutoff is None else {"fuzzy_cutoff": fuzzy_cutoff}
        if taxonomy is not None:
            self.taxonomy = taxonomy
            self.matcher = SkillMatcher(taxonomy, **options)
        else:
            self.matcher = _cached_matcher(tuple(extra_taxonomy), options)
            self.taxonomy = self.matcher.taxonomy
        self._prepared: set[str] = set()  # tokenizer keys made ready by prepare()

    def analyse(self, postings: Iterable[Posting],
                on_error: Callable[[Posting, Exception], None] | None = None) -> Iterator[Analysis]:
        """Analyses in input order. With ``on_error``, a posting whose analysis
        raises is handed to it and skipped, so one bad posting never loses the
        others; without it the exception propagates."""
        postings = iter(postings)
        while True:
            chunk = list(islice(postings, CHUNK))
            if not chunk:
                return
            yield from self._analyse_chunk(chunk, on_error)

    def prepare(self, postings: Sequence[Posting]) -> None:
        """Build now, in this process, what analysing these postings builds
        lazily (the tokenizers of their languages, compiled tables): done
        before workers are forked (jdlint.workers), so that they share it.
        Analyses the first posting of each tokenizer not seen before (every
        language other than Korean and Japanese shares the English one)."""
        for posting in postings:
            key = nlp.tokenizer_key(posting_language(posting))
            if key not in self._prepared:
                self._prepared.add(key)
                list(self.analyse([posting], on_error=lambda posting, error: None))

    def analyse_one(self, posting: Posting) -> Analysis:
        return next(self.analyse([posting]))

    def _analyse_chunk(self, chunk: Sequence[Posting], on_error) -> Iterator[Analysis]:
        languages = [posting_language(p) for p in chunk]
        tokens: list[Tokens | None] = [None] * len(chunk)
        for language in sorted(set(languages)):
            picked = [i for i, lang in enumerate(languages) if lang == language]
            try:
                batch = nlp.tokenize([chunk[i].masked for i in picked], language)
            except Exception:
                if on_error is None:
                    raise
                batch = [self._tokenize_alone(chunk[i], language, on_error) for i in picked]
            for i, toks in zip(picked, batch):
                tokens[i] = toks
        for posting, language, toks in zip(chunk, languages, tokens):
            if toks is None:
                continue  # its tokenising failed and was reported
            try:
                analysis = self._analyse(posting, language, toks)
            except Exception as error:
                if on_error is None:
                    raise
                on_error(posting, error)
                continue
            yield analysis

    @staticmethod
    def _tokenize_alone(posting: Posting, language: str, on_error) -> Tokens | None:
        """After a batch failed: this posting's tokens, or None (reported)."""
        try:
            return nlp.tokenize([posting.masked], language)[0]
        except Exception as error:
            on_error(posting, error)
            return None

    def _analyse(self, posting: Posting, language: str, tokens: Tokens) -> Analysis:
        masked = posting.masked
        index = LineIndex(posting.text)
        sections = tuple(find_sections(masked, language, index))
        title_line = _title_line(posting)
        raw = self.matcher.find(masked, tokens, language, sections, skip=title_line)
        skills = []
        areas: dict[str, str] = {}
        for match in raw:
            line, column = index.position(match.start)
            skills.append(SkillMatch(
                skill=match.skill, area=match.area, strength=match.strength,
                text=posting.text[match.start:match.end], start=match.start, end=match.end,
                line=line, column=column, score=match.score, section=match.section))
            if areas.get(match.area) != "required":
                areas[match.area] = match.strength
        skills_t = tuple(skills)
        facts = infer_facts(posting, masked, sections, areas, skills_t, language, index)
        return Analysis(posting=posting, facts=facts, sections=sections, skills=skills_t,
                        areas=dict(sorted(areas.items())), tokens=tokens, lines=index,
                        title_line=title_line)


_TITLE_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+)?[*_]*|[*_]*:?[*_]*\s*$")  # "# **Title:**"


def _title_line(posting: Posting) -> tuple[int, int] | None:
    """The span of the line that is the posting's title ("# Machine Learning
    Engineer", "**Machine Learning Engineer**", "# **Data Scientist:**", or
    the title alone on its line; case and runs of blanks aside), if the text
    has one: the title names the job, it asks for nothing (the matcher skips
    it)."""
    pattern = title_pattern(posting.title or "")
    if pattern is None:
        return None
    masked = posting.masked
    title = " ".join(posting.title.split()).lower()
    for found in pattern.finditer(masked):  # only lines that hold the title's words
        start = max(masked.rfind("\n", 0, found.start()), masked.rfind("\r", 0, found.start())) + 1
        end = min((i for i in (masked.find("\n", found.end()), masked.find("\r", found.end()))
                   if i >= 0), default=len(masked))
        line = _TITLE_MARKS.sub("", strip_closing_hashes(masked[start:end].strip()))
        if " ".join(line.split()).lower() == title:
            return start, end
    return None


# --- the compiled matcher, cached on disk ----------------------------------

def cache_dir() -> Path | None:
    """``$JDLINT_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME/jdlint``
    or ``~/.cache/jdlint``; none at all when ``JDLINT_NO_CACHE=1``."""
    if os.environ.get("JDLINT_NO_CACHE") == "1":
        return None
    chosen = os.environ.get("JDLINT_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "jdlint"


def _cache_key(extra: tuple, options: dict) -> str:
    files = taxonomy_files(extra)
    files.append(lexicon_module.lexicon_file("cues.yaml"))  # the matcher's clause cues
    for module in (matcher_module, lexicon_module, taxonomy_module, nlp):
        files.append(Path(module.__file__))
    digest = hashlib.sha256(repr((__version__, sorted(options.items()))).encode("utf-8"))
    for path in files:  # contents, not mtimes: a checkout that rewrites a file keeps its key
        digest.update(str(path.resolve()).encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:20]


def _cached_matcher(extra: tuple, options: dict) -> SkillMatcher:
    folder = cache_dir()
    key = _cache_key(extra, options) if folder is not None else ""
    path = folder / f"matcher-{key}.pickle" if folder is not None else None
    if path is not None and path.is_file():
        try:
            with open(path, "rb") as handle:
                found = pickle.load(handle)
            if isinstance(found, SkillMatcher):
                return found
        except Exception:  # a broken or foreign cache file: rebuild
            pass
    built = SkillMatcher(load_taxonomy(extra), **options)
    if path is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            with open(partial, "wb") as handle:
                pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, path)
        except OSError:
            pass
    return built


# --- language ---------------------------------------------------------------

def posting_language(posting: Posting) -> str:
    """Front matter ``language`` when given, else detected from the script."""
    return declared_language(posting) or detect_language(posting.masked)
