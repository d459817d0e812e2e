"""The word lists in ``rules/lexicon/*.yaml``, loaded once.

API:
    load_lexicon() -> Lexicon      (cached; the same object every call)

``Lexicon`` holds plain tuples of lower-case phrases keyed by kind/level and
language ("en", "ko", "ja"):

- ``headings[kind][lang]``: section heading phrases (kinds of
  ``model.SECTION_KINDS``);
- ``preferred_cues[lang]``, ``required_cues[lang]``,
  ``required_strong_cues[lang]``, ``company_cues[lang]``: a line's cues
  (sections and facts read them);
- ``clause_cues[kind][lang]``: the skill matcher's cues per clause, for the
  kinds of ``CLAUSE_CUE_KINDS`` (the line cues of cues.yaml adjusted by its
  ``clause`` block);
- ``role_titles[role][lang]``, ``other_titles[lang]``, ``engineering_titles``,
  ``ml_words``, ``role_body_phrases[role][lang]``: role words;
  ``role_body_cues[role][lang]``: duty words that speak for a role's body
  (deploy/production -> ml-engineer; publications -> research-scientist);
- ``seniority_title[level][lang]``, ``seniority_body[level][lang]``;
- ``degrees[level][lang]``, ``degree_abbreviations[level]`` (as written,
  matched case-sensitively), ``degree_generic[lang]``;
  ``number_words[lang]`` (word -> int).

phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern turns a phrase list
into one precompiled, word-bounded pattern (cached) that matches
``fold(text)``: lower-cased text of the same length (offsets stay valid).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from jdlint.resources import rules_root
from jdlint.yamlsafe import YamlError, load_yaml

LANGS = ("en", "ko", "ja")

PhraseTable = Mapping[str, Mapping[str, tuple[str, ...]]]  # key -> lang -> phrases
PerLanguage = Mapping[str, tuple[str, ...]]  # lang -> phrases


@dataclass(frozen=True)
class Lexicon:
    headings: PhraseTable
    preferred_cues: PerLanguage
    required_cues: PerLanguage
    required_strong_cues: PerLanguage
    company_cues: PerLanguage
    clause_cues: PhraseTable
    role_titles: PhraseTable
    other_titles: PerLanguage
    engineering_titles: tuple[str, ...]
    ml_words: tuple[str, ...]
    title_fields: tuple[str, ...]  # field names ("data science") that name a job only alone
    field_loses_to: tuple[str, ...]  # job nouns that make a field in the title just the field
    client_jobs: tuple[str, ...]  # customer-facing jobs: at a title's head the job is "other"
    role_body_phrases: PhraseTable
    role_body_cues: PhraseTable
    seniority_title: PhraseTable
    seniority_body: PhraseTable
    degrees: PhraseTable
    degree_abbreviations: Mapping[str, tuple[str, ...]]  # level -> case-sensitive forms
    degree_generic: PerLanguage  # "a degree" without a level
    number_words: Mapping[str, Mapping[str, int]]


class LexiconError(Exception):
    """A lexicon file is missing or malformed (the installation is broken)."""


def _load(path: Path) -> dict:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), what=str(path))
    except YamlError as error:
        raise LexiconError(str(error)) from None
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top")
    return data


def _phrases(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise LexiconError(f"{where}: expected a list of phrases")
    out = []
    for item in value:
        if isinstance(item, bool):  # YAML reads a bare no, yes, on, off as one
            raise LexiconError(f"{where}: {item!r} is not a phrase (write it in quotes)")
        if isinstance(item, (int, float)):
            item = str(item)
        if not isinstance(item, str) or not item.strip():
            raise LexiconError(f"{where}: {item!r} is not a phrase")
        phrase = " ".join(item.lower().split())
        if phrase not in out:
            out.append(phrase)
    return tuple(out)


def _per_language(value: object, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise LexiconError(f"{where}: expected a mapping of languages")
    return {lang: _phrases(value.get(lang), f"{where}.{lang}") for lang in LANGS}


def every_language(per_lang: PerLanguage) -> tuple[str, ...]:
    """The phrases of all languages (postings mix them), in LANGS order."""
    return tuple(p for lang in LANGS for p in per_lang.get(lang, ()))


def phrase_owners(table: PhraseTable) -> dict[str, str]:
    """phrase -> the first key of ``table`` listing it, over all languages
    (heading phrase -> section kind, title phrase -> role)."""
    owners: dict[str, str] = {}
    for key, per_lang in table.items():
        for phrase in every_language(per_lang):
            owners.setdefault(phrase, key)
    return owners


def _table(value: object, where: str) -> dict[str, dict[str, tuple[str, ...]]]:
    if not isinstance(value, dict):
        raise LexiconError(f"{where}: expected a mapping")
    return {str(key): _per_language(sub, f"{where}.{key}") for key, sub in value.items()}


# the kinds of clause cue: those that start from the line cues of that name,
# and those listed in the clause block only
CLAUSE_FROM_LINE = ("preferred", "negation", "company", "benefit")
CLAUSE_ONLY = ("ahead", "degree", "ability", "alternatives")
CLAUSE_CUE_KINDS = CLAUSE_FROM_LINE + CLAUSE_ONLY


def _clause_cues(cues: dict) -> dict[str, dict[str, tuple[str, ...]]]:
    """cues.yaml's ``clause`` block: the line cues minus ``leave_out`` plus
    ``add`` for the kinds of ``CLAUSE_FROM_LINE``; those of ``CLAUSE_ONLY``
    as listed there."""
    clause = cues.get("clause")
    if not isinstance(clause, dict):
        raise LexiconError("cues.yaml:clause: expected a mapping")
    leave_out = _table(clause.get("leave_out") or {}, "cues.yaml:clause.leave_out")
    add = _table(clause.get("add") or {}, "cues.yaml:clause.add")
    out = {}
    for kind in CLAUSE_FROM_LINE:
        line = _per_language(cues.get(kind), f"cues.yaml:{kind}")
        dropped = leave_out.pop(kind, {})
        added = add.pop(kind, {})
        for lang in LANGS:
            stale = set(dropped.get(lang, ())) - set(line[lang])
            if stale:  # a typo would leave the phrase in, silently
                raise LexiconError(f"cues.yaml:clause.leave_out.{kind}.{lang}: "
                                   f"not a line cue: {', '.join(sorted(stale))}")
        out[kind] = {lang: tuple(dict.fromkeys(
            [p for p in line[lang] if p not in dropped.get(lang, ())] + list(added.get(lang, ()))))
            for lang in LANGS}
    unknown = sorted(set(leave_out) | set(add))
    if unknown:
        raise LexiconError(f"cues.yaml:clause: leave_out/add of unknown kinds: {', '.join(unknown)} "
                           f"(known: {', '.join(CLAUSE_FROM_LINE)})")
    for kind in CLAUSE_ONLY:
        out[kind] = _per_language(clause.get(kind) or {}, f"cues.yaml:clause.{kind}")
    return out


def lexicon_dir() -> Path:
    """The folder of the lexicon files (rules/lexicon)."""
    return rules_root() / "lexicon"


def lexicon_file(name: str) -> Path:
    """The path of one lexicon file ("cues.yaml")."""
    return lexicon_dir() / name


@lru_cache(maxsize=None)
def load_lexicon() -> Lexicon:
    folder = lexicon_dir()
    sections = _load(folder / "sections.yaml")
    cues = _load(folder / "cues.yaml")
    roles = _load(folder / "roles.yaml")
    seniority = _load(folder / "seniority.yaml")
    degrees = _load(folder / "degrees.yaml")
    years = _load(folder / "years.yaml")
    numbers = {}
    for lang in LANGS:
        raw = (years.get("numbers") or {}).get(lang) or {}
        numbers[lang] = {str(word).lower(): int(n) for word, n in raw.items()}
    return Lexicon(
        headings=_table(sections.get("headings"), "sections.yaml:headings"),
        preferred_cues=_per_language(cues.get("preferred"), "cues.yaml:preferred"),
        required_cues=_per_language(cues.get("required"), "cues.yaml:required"),
        required_strong_cues=_per_language(cues.get("required_strong"), "cues.yaml:required_strong"),
        company_cues=_per_language(cues.get("company"), "cues.yaml:company"),
        clause_cues=_clause_cues(cues),
        role_titles=_table(roles.get("titles"), "roles.yaml:titles"),
        other_titles=_per_language(roles.get("other"), "roles.yaml:other"),
        engineering_titles=_phrases(roles.get("engineering_other"), "roles.yaml:engineering_other"),
        ml_words=_phrases(roles.get("ml_words"), "roles.yaml:ml_words"),
        title_fields=_phrases(roles.get("fields"), "roles.yaml:fields"),
        field_loses_to=_phrases(roles.get("field_loses_to"), "roles.yaml:field_loses_to"),
        client_jobs=_phrases(roles.get("client_jobs"), "roles.yaml:client_jobs"),
        role_body_phrases=_table(roles.get("body_phrases"), "roles.yaml:body_phrases"),
        role_body_cues=_table(roles.get("body_cues") or {}, "roles.yaml:body_cues"),
        seniority_title=_table(seniority.get("title"), "seniority.yaml:title"),
        seniority_body=_table(seniority.get("body"), "seniority.yaml:body"),
        degrees=_table(degrees.get("degrees"), "degrees.yaml:degrees"),
        degree_abbreviations={
            str(level): tuple(str(form) for form in forms)
            for level, forms in (degrees.get("abbreviations") or {}).items()
        },
        degree_generic=_per_language(degrees.get("generic"), "degrees.yaml:generic"),
        number_words=numbers,
    )


_WORDY = re.compile(r"[a-z0-9]")
_END = ""  # trie key: a phrase ends here


def _unit(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch in "'’":
        return "['’]"
    return re.escape(ch)


def _trie_regex(node: dict, last: str) -> str:
    """The regex of a trie node: longer continuations first, then the end."""
    branches = []
    for ch in sorted(k for k in node if k != _END):
        branches.append(_unit(ch) + _trie_regex(node[ch], ch))
    if _END in node:
        branches.append(r"(?![a-z0-9])" if _WORDY.match(last) else "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


@lru_cache(maxsize=None)
def cue_pattern(which: str, language: str | None = None) -> re.Pattern:
    """One pattern for the line cues of one kind (preferred, required,
    strong): in English and ``language``, or in every language for None
    (postings mix them)."""
    lexicon = load_lexicon()
    table = {"preferred": lexicon.preferred_cues, "required": lexicon.required_cues,
             "strong": lexicon.required_strong_cues}[which]
    if language is None:
        return phrase_pattern(every_language(table))
    phrases = table.get("en", ()) + (table.get(language, ()) if language != "en" else ())
    return phrase_pattern(tuple(phrases))


@lru_cache(maxsize=256)
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    """One pattern matching any of ``phrases`` in ``fold(text)`` (the longest
    where several match at one place), with word boundaries around Latin
    words and none for CJK text. Built as a trie, so it stays fast with
    hundreds of phrases. Never matches anything when ``phrases`` is empty."""
    if not phrases:
        return re.compile(r"(?!x)x")
    root: dict = {}
    for phrase in set(phrases):
        node = root
        for ch in " ".join(phrase.lower().replace("’", "'").split()):
            node = node.setdefault(ch, {})
        node[_END] = {}
    branches = [_unit(ch) + _trie_regex(root[ch], ch) for ch in sorted(root)]
    # One guard in front of everything: a phrase never starts inside a Latin
    # word. It also lets the regex engine reject most positions at once.
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(branches) + ")")


def fold(text: str) -> str:
    """Lower-case ``text`` keeping its length (offsets stay valid); the
    patterns of ``phrase_pattern`` match folded text."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
