"""Finding the skills a posting asks of the candidate.

Three passes over a posting's tokens:

1. Exact: every alias is tokenised like a posting and folded (lower case,
   inner punctuation dropped, simple plurals and ``-ing`` forms cut), and
   the folded tokens are joined without spaces, so "A/B testing", "a/b-tests"
   and "AB test" all become ``abtest``. A text position is looked up by
   joining its folded tokens while the joined string is a prefix of some
   alias that ends where the alias may be split (a set of such prefixes),
   keeping the longest alias. Text may split an alias only at its own split
   points, inside a camel-case word ("Light GBM", "XG-Boost"), at a hyphen
   ("pre-processing") or before "++"/"#": "or C" is not "ORC".
2. Short or ambiguous forms (the taxonomy's ``exact`` list, and aliases of
   two characters or fewer) match only case-sensitively as whole tokens, not
   glued to ``&``, ``#``, ``+`` or inside ``(R)``; forms of two characters
   (R, Go, C, AI, BI) also need another skill nearby.
3. Fuzzy: capitalised single words of six or more characters inside a line
   (misspelt product names: "Phython", "Tensorflw") are compared with
   rapidfuzz against one-word aliases sharing the first character and a
   similar length; results are memoised per process.

Korean and Japanese aliases are found as substrings of the lower-cased text
(particles attach to words, and Japanese has no spaces).

Each hit is then judged in its clause (the line, or the sentence in a long
line), with the cue phrases located once per posting: negation drops it;
company or benefit wording drops it outside requirements sections; a skill
named as a degree's field of study is dropped; a "preferred" cue in the same
clause segment (or right after an aside it sits before or in: "Keras
(PyTorch) preferred"), or a preferred section, makes it preferred, and so
does being one of a list of alternatives ("one or more of the following"),
unless the list's skills (two or more) are all of one area (a choice within
the area: "at least one of these languages: Python, R, Java" still requires
programming).
Company, benefits and process sections never count, nor the intro before the
first heading when the posting has requirement or duty sections, except the
lists under a lead-in line ending with ":" there; a domain named in duties is
the product's domain, not required experience. The title's own line asks for
nothing ("# Machine Learning Engineer" is the job, not a skill).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import compress
from typing import Mapping, Sequence

from rapidfuzz import fuzz, process

from jdlint import nlp
from jdlint.lexicon import CLAUSE_CUE_KINDS, LANGS, load_lexicon
from jdlint.model import Section, Tokens
from jdlint.taxonomy import Taxonomy

FUZZY_CUTOFF = 94  # chosen by 5-fold cross-validation (scripts/evaluate.py --cv)
FUZZY_MIN_LENGTH = 6
MAX_ALIAS_TOKENS = 8
CONTEXT_CHARS = 80  # how near another skill a two-letter form must be
JOINERS = frozenset({"-", "/", "_", "‐", "–", "・"})
NEVER_COUNT = frozenset({"company", "benefits", "process"})
# Areas that a duty does not imply: "build models for medical devices"
# names the product's domain, not experience the candidate must bring.
# Papers, conferences and competitions are never a degree's field of study:
# "PhD in machine learning with publications at NeurIPS" asks for the papers.
NEVER_A_FIELD = frozenset({"research-awareness"})
NOT_FROM_DUTIES = frozenset({"domain-experience"})


@dataclass(frozen=True)
class RawMatch:
    skill: str
    area: str
    strength: str  # required | preferred
    start: int
    end: int
    score: int  # 100 exact, else the rapidfuzz score
    section: str  # kind of the section it is in ("other" without sections)


@dataclass(frozen=True)
class Cues:
    """Clause-level cue phrases for one language (lower case), from the
    ``clause`` block of rules/lexicon/cues.yaml (see ``load_cues``)."""

    preferred: tuple[str, ...]
    negation: tuple[str, ...]
    company: tuple[str, ...]
    benefit: tuple[str, ...]
    ahead: tuple[str, ...]  # preferred cues that speak for what follows them
    degree: tuple[str, ...]  # a skill named beside these is a field of study
    ability: tuple[str, ...]  # ...unless one of these comes between
    alternatives: tuple[str, ...]  # the skills after these are alternatives


_FOLD_CACHE: dict[str, str] = {}
_BREAK = "\x00"  # a folded token that ends any alias (punctuation)


def fold(norm: str) -> str:
    """A token's matching form: "" for a joiner (``-``, ``/``), ``\\x00`` for
    other punctuation, else alphanumerics (and ``+#``) with simple inflection
    cut: models/modeling/modelling -> model, tests/testing -> test."""
    folded = _FOLD_CACHE.get(norm)
    if folded is None:
        folded = _fold(norm)
        if len(_FOLD_CACHE) > 200_000:
            _FOLD_CACHE.clear()
        _FOLD_CACHE[norm] = folded
    return folded


def fold_all(norms: Sequence[str]) -> list[str]:
    """``fold`` of each norm (through the cache, at C speed when cached)."""
    folded = list(map(_FOLD_CACHE.get, norms))
    try:
        i = folded.index(None)  # the few norms not seen before, found at C speed
        while True:
            folded[i] = fold(norms[i])
            i = folded.index(None, i + 1)
    except ValueError:
        return folded


def _fold(norm: str) -> str:
    if norm in JOINERS:
        return ""
    # str.isalnum() is every character's isalnum(): the common word needs no filtering
    word = norm if norm.isalnum() else "".join(ch for ch in norm if ch.isalnum() or ch in "+#")
    if not word:
        return _BREAK
    if not word.isascii():
        return word
    if "isation" in word:  # British spelling: visualisation -> visualization
        word = word.replace("isation", "ization")
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
        if len(word) > 3 and word[-1] == word[-2] and word[-1] in "lmnpt":
            word = word[:-1]  # modelling -> model, mapping -> map
    elif len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def _has_cjk(text: str) -> bool:
    for ch in text:
        if ord(ch) >= 0x1100 and (ch.isalpha() or ch in "ー"):
            return True
    return False


class SkillMatcher:
    """Compiled taxonomy; build once, call ``find`` per posting."""

    def __init__(self, taxonomy: Taxonomy, *, fuzzy_cutoff: int = FUZZY_CUTOFF,
                 cues: Mapping[str, Cues] | None = None):
        self.taxonomy = taxonomy
        self.fuzzy_cutoff = fuzzy_cutoff
        self.cues = dict(cues) if cues is not None else load_cues()
        self._cue_finders: dict[str, _CueFinder] = {}
        self.keys: dict[str, str] = {}  # joined folded alias -> skill id
        self.prefixes: set[str] = set()
        self.cuts: dict[str, frozenset[int]] = {}  # key -> where its own tokens join
        self.exact: dict[str, str] = {}  # surface (case-sensitive) -> skill id
        self.exact_lower: set[str] = set()
        self.cjk: dict[str, dict[str, str]] = {"ko": {}, "ja": {}}  # lang -> lowered alias -> id
        self._fuzzy_buckets: dict[tuple[str, int], list[str]] = {}
        self._fuzzy_memo: dict[str, tuple[str, int] | None] = {}
        # skills marked counts: false (taxonomy.Skill)
        self.not_counting = frozenset(s.id for s in taxonomy.skills if not s.counts)
        self._build()

    # --- building -------------------------------------------------------

    def _build(self) -> None:
        latin: list[tuple[str, str]] = []  # (alias, skill id)
        fuzzy_ok: set[str] = set()
        for skill in self.taxonomy.skills:
            if skill.fuzzy:
                fuzzy_ok.add(skill.id)
            for form in skill.exact:
                self._add_exact(form, skill.id)
            for lang, phrases in skill.aliases.items():
                for phrase in phrases:
                    phrase = phrase.strip()
                    if _has_cjk(phrase):
                        target = self.cjk["ja" if lang == "ja" else "ko"]
                        target.setdefault(nlp.norm(phrase), skill.id)
                        if lang == "en":  # a CJK alias filed under en: look in both
                            self.cjk["ja"].setdefault(nlp.norm(phrase), skill.id)
                    else:
                        latin.append((phrase, skill.id))
        tokens = nlp.tokenize([phrase for phrase, _ in latin], "en")
        for (phrase, skill_id), toks in zip(latin, tokens):
            key = "".join(fold(n) for n in toks.norms)
            if _BREAK in key or not key:
                continue
            if len(key) <= 2:  # too short to match loosely: exact only
                self._add_exact(phrase, skill_id)
                continue
            if key in self.keys:
                continue
            self.keys[key] = skill_id
            cuts = _cuts(phrase, toks)
            self.cuts[key] = cuts
            for cut in cuts:
                if cut:
                    self.prefixes.add(key[:cut])
            one_word = len([n for n in toks.norms if fold(n)]) == 1
            if skill_id in fuzzy_ok and one_word and len(key) >= FUZZY_MIN_LENGTH:
                self._fuzzy_buckets.setdefault((key[0], len(key)), []).append(key)

    def _add_exact(self, form: str, skill_id: str) -> None:
        form = form.strip()
        self.exact.setdefault(form, skill_id)
        self.exact_lower.add(form.lower())

    # --- finding --------------------------------------------------------

    def find(self, masked: str, tokens: Tokens, language: str,
             sections: Sequence[Section] = (),
             skip: tuple[int, int] | None = None) -> list["RawMatch"]:
        """The skills asked in ``masked``; nothing in the span ``skip`` (the
        title's line) counts."""
        hits = self._exact_hits(masked, tokens)
        # a phrase that does not count is no skill beside a two-letter form either
        anchors = [hit for hit in hits if hit[2] not in self.not_counting]
        hits.extend(self._short_hits(masked, tokens, anchors))
        if self.fuzzy_cutoff <= 100:
            hits.extend(self._fuzzy_hits(masked, tokens))
        if language in ("ko", "ja"):
            hits.extend(self._cjk_hits(masked, language))
        hits = _drop_overlaps(hits)
        if self.not_counting:  # phrases that won the overlap only to ask for nothing
            hits = [hit for hit in hits if hit[2] not in self.not_counting]
        if skip is not None:
            hits = [hit for hit in hits if not skip[0] <= hit[0] < skip[1]]
        return self._judge(masked, tokens, hits, language, sections)

    def _exact_hits(self, masked: str, tokens: Tokens) -> list[tuple[int, int, str, int]]:
        folded = fold_all(tokens.norms)
        keys, prefixes = self.keys, self.prefixes
        count = len(folded)
        hits = []
        next_free = 0
        for p in compress(range(count), map(prefixes.__contains__, folded)):
            if p < next_free:
                continue
            joined = folded[p]
            after = folded[p + 1] if p + 1 < count else ""
            if after and joined + after not in prefixes:  # the common case: one token
                if joined in keys:
                    hits.append((tokens.starts[p], tokens.ends[p], keys[joined], 100))
                    next_free = p + 1
                continue
            best = p if joined in keys else -1
            best_key = joined
            q = p + 1
            limit = min(count, p + MAX_ALIAS_TOKENS)
            while q < limit:
                piece = folded[q]
                if not piece:  # a joiner: "a/b-test", "scikit-learn"
                    q += 1
                    continue
                joined = joined + piece
                if joined not in prefixes:
                    break
                if joined in keys:
                    best, best_key = q, joined
                q += 1
            if best > p and not self._fair_join(folded, p, best, best_key):
                best = -1
            if best >= 0:
                hits.append((tokens.starts[p], tokens.ends[best], keys[best_key], 100))
                next_free = best + 1
        return hits

    def _fair_join(self, folded: list[str], first: int, last: int, key: str) -> bool:
        """Text tokens joined into an alias must split it where the alias may
        be split (between its own tokens, inside a camel-case word:
        "XG-Boost" for "XGBoost"), or at a hyphen or slash ("pre-processing",
        "micro-services"), or before "++"/"#". So "or C" is not "ORC" and
        "data flowing" is not "Dataflow"."""
        cuts = self.cuts[key]
        at = 0
        previous = ""
        for i in range(first, last + 1):
            piece = folded[i]
            if i > first and piece and at not in cuts and previous and piece.strip("+#"):
                return False
            previous = piece  # "" after a joiner: any split is fine there
            at += len(piece)
        return True

    def _short_hits(self, masked: str, tokens: Tokens, others) -> list[tuple[int, int, str, int]]:
        if not self.exact:
            return []
        found = []
        norms, starts, ends = tokens.norms, tokens.starts, tokens.ends
        n = len(norms)
        exact_lower = self.exact_lower
        for i in compress(range(n), map(exact_lower.__contains__, norms)):
            start = starts[i]
            # the longest run of touching tokens that is an exact form ("C", "#" -> "C#")
            best = None
            j = i
            while j < n and j - i < 3:
                if j > i and starts[j] != ends[j - 1]:
                    break
                surface = masked[start:ends[j]]
                if surface in self.exact:
                    best = (ends[j], self.exact[surface])
                j += 1
            if best is None:
                continue
            end, skill_id = best
            if not _clean_edges(masked, start, end):
                continue
            found.append((start, end, skill_id, 100))
        # two-letter forms need another skill nearby ("R" beside Python, "Go" beside Java)
        anchors = sorted([h[0] for h in others] + [h[0] for h in found if h[1] - h[0] > 2])
        kept = []
        for hit in found:
            if hit[1] - hit[0] > 2 or _near(anchors, hit[0]):
                kept.append(hit)
        return kept

    def _fuzzy_hits(self, masked: str, tokens: Tokens) -> list[tuple[int, int, str, int]]:
        memo = self._fuzzy_memo
        results = {}
        for norm in set(tokens.norms):  # each distinct word once
            result = memo.get(norm, False)
            if result is False:
                result = self._fuzzy_norm(norm)
                if len(memo) > 200_000:
                    memo.clear()
                memo[norm] = result
            if result is not None:
                results[norm] = result
        if not results:
            return []
        found = []
        norms = tokens.norms
        for i in compress(range(len(norms)), map(results.__contains__, norms)):
            if _looks_like_a_name(masked, tokens.starts[i]):
                skill_id, score = results[norms[i]]
                found.append((tokens.starts[i], tokens.ends[i], skill_id, score))
        return found

    def _fuzzy_norm(self, norm: str) -> tuple[str, int] | None:
        if len(norm) < FUZZY_MIN_LENGTH:
            return None
        key = fold(norm)
        if key in self.keys or len(key) < FUZZY_MIN_LENGTH:
            return None
        return self._fuzzy_one(key)

    def _fuzzy_one(self, key: str) -> tuple[str, int] | None:
        # candidates share the first character and are within two of the length
        choices = []
        for size in range(len(key) - 2, len(key) + 3):
            choices.extend(self._fuzzy_buckets.get((key[0], size), ()))
        if not choices:
            return None
        # keys are already folded (lower case, no punctuation): no processor
        best = process.extractOne(key, choices, scorer=fuzz.ratio, processor=None,
                                  score_cutoff=self.fuzzy_cutoff)
        if best is None:
            return None
        if best[0].startswith(key) or key.startswith(best[0]):
            return None  # another word of the same stem ("transform", "transformers")
        return self.keys[best[0]], int(round(best[1]))

    def _cjk_hits(self, masked: str, language: str) -> list[tuple[int, int, str, int]]:
        lowered = unicodedata.normalize("NFKC", masked).lower()
        if len(lowered) != len(masked):
            lowered = masked.lower()
        found = []
        for alias, skill_id in self.cjk[language].items():
            start = lowered.find(alias)
            while start >= 0:
                found.append((start, start + len(alias), skill_id, 100))
                start = lowered.find(alias, start + len(alias))
        return found

    # --- judging --------------------------------------------------------

    def _judge(self, masked: str, tokens: Tokens, hits, language: str,
               sections: Sequence[Section]) -> list[RawMatch]:
        finder = self._cue_finder(language)
        cues = finder.locate(masked, tokens, language)
        ahead_at, preferred_at = _split_ahead(masked, cues["preferred"], finder.ahead)
        negation_at = cues["negation"]
        company_at = sorted(cues["company"] + cues["benefit"])
        has_body = any(s.kind in ("requirements", "preferred", "responsibilities") for s in sections)
        section_starts = [s.start for s in sections]
        alternatives = _merge(_alternative_lists(masked, cues["alternatives"], sections,
                                                 section_starts))
        intro_lists = _merge(_intro_lists(masked, sections) if has_body else [])
        out: list[RawMatch] = []
        choices: dict[int, list[int]] = {}  # alternatives list -> indexes in out of its skills
        for start, end, skill_id, score in hits:
            section = _section_at(sections, section_starts, start)
            kind = section.kind if section is not None else "other"
            if kind in NEVER_COUNT:
                continue
            if (kind == "other" and has_body and section is not None and not section.heading
                    and not _inside(intro_lists, start)):
                continue  # the intro before the first heading: the company's own words
            skill = self.taxonomy.by_id[skill_id]
            if kind == "responsibilities" and skill.area in NOT_FROM_DUTIES:
                continue
            left, right = _clause(masked, start, end)
            if section is not None:  # a one-line export has its sections inside the line
                left, right = max(left, section.start), min(right, section.end)
            if _any_between(negation_at, left, right):
                continue
            if kind not in ("requirements", "preferred") and _any_between(company_at, left, right):
                continue
            if skill.area not in NEVER_A_FIELD and _field_of_study(cues, left, right, start):
                continue
            preferred = kind == "preferred" or _cued(masked, ahead_at, preferred_at,
                                                     (left, right), start, end)
            if not preferred and alternatives[0]:
                region = _region(alternatives, start)
                if region is not None:
                    preferred = True
                    choices.setdefault(region, []).append(len(out))
            out.append(RawMatch(skill=skill_id, area=skill.area,
                                strength="preferred" if preferred else "required",
                                start=start, end=end, score=score, section=kind))
        # a choice within one area ("at least one of the following languages:
        # Python, R, Java") still requires the area: its skills stay required
        # (two or more of them: one known skill may sit among unknown choices)
        for members in choices.values():
            if len(members) >= 2 and len({out[i].area for i in members}) == 1:
                for i in members:
                    out[i] = replace(out[i], strength="required")
        return out

    def _cue_finder(self, language: str) -> "_CueFinder":
        key = language if language in self.cues else "en"
        finder = self._cue_finders.get(key)
        if finder is None:
            finder = _CueFinder(self.cues["en"], self.cues[key])
            self._cue_finders[key] = finder
        return finder


CUE_KINDS = ("preferred", "negation", "company", "benefit", "degree", "ability", "alternatives")
DEGREE_REACH = 80  # characters between a degree word and a field of study


class _CueFinder:
    """Where a posting's cue phrases are, found once per posting. English
    phrases are matched as token sequences (whole words; one set lookup per
    token); Korean and Japanese phrases as substrings (particles attach)."""

    def __init__(self, *cue_sets: Cues):
        # the preferred cues that speak ahead only (see _split_ahead)
        self.ahead = tuple(dict.fromkeys(p.lower() for cues in cue_sets for p in cues.ahead))
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.substrings: list[tuple[str, str]] = []
        latin: list[tuple[str, str]] = []
        for cues in cue_sets:
            for kind in CUE_KINDS:
                for phrase in getattr(cues, kind):
                    phrase = phrase.strip().lower()
                    if not phrase:
                        continue
                    if phrase.isascii():
                        latin.append((phrase, kind))
                    else:
                        self.substrings.append((nlp.norm(phrase), kind))
        for (phrase, kind), toks in zip(latin, nlp.tokenize([p for p, _ in latin], "en")):
            if toks.norms:
                self.by_first.setdefault(toks.norms[0], []).append((toks.norms, kind))
        # the same phrases looked up by their first two tokens (common first
        # words such as "we" and "is" begin a dozen phrases each), and the
        # one-token phrases by their token
        self.one_token: dict[str, list[str]] = {}
        self.by_two: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        for first, entries in self.by_first.items():
            for sequence, kind in entries:
                if len(sequence) == 1:
                    self.one_token.setdefault(first, []).append(kind)
                else:
                    self.by_two.setdefault(sequence[:2], []).append((sequence, kind))

    def locate(self, masked: str, tokens: Tokens, language: str) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {kind: [] for kind in CUE_KINDS}
        norms, by_first, one_token, by_two = tokens.norms, self.by_first, self.one_token, self.by_two
        last = len(norms) - 1
        for i in compress(range(len(norms)), map(by_first.__contains__, norms)):
            start = tokens.starts[i]
            for kind in one_token.get(norms[i], ()):
                found[kind].append(start)
            if i < last:
                for sequence, kind in by_two.get((norms[i], norms[i + 1]), ()):
                    if len(sequence) == 2 or norms[i:i + len(sequence)] == sequence:
                        found[kind].append(start)
        if language in ("ko", "ja") and self.substrings:
            lowered = masked.lower()
            for phrase, kind in self.substrings:
                at = lowered.find(phrase)
                while at >= 0:
                    found[kind].append(at)
                    at = lowered.find(phrase, at + 1)
        for positions in found.values():
            positions.sort()
        return found


def _field_of_study(cues: dict[str, list[int]], left: int, right: int, start: int) -> bool:
    """ "MS in Statistics or Machine Learning", "Machine Learning 관련 분야 석사":
    the skill names a degree's field, not a skill asked for. Not when an
    ability word comes between ("BS and experience with SQL")."""
    degree_at = cues["degree"]
    if not _any_between(degree_at, left, right):
        return False
    near_left, near_right = max(left, start - DEGREE_REACH), min(right, start + DEGREE_REACH)
    at = bisect_left(degree_at, near_left)
    while at < len(degree_at) and degree_at[at] < near_right:
        low, high = sorted((degree_at[at], start))
        if not _any_between(cues["ability"], low, high):
            return True
        at += 1
    return False


def _any_between(positions: list[int], left: int, right: int) -> bool:
    """Is some position in [left, right)? (positions sorted)"""
    at = bisect_left(positions, left)
    return at < len(positions) and positions[at] < right


def load_cues() -> dict[str, Cues]:
    """The clause cues of rules/lexicon/cues.yaml, per language."""
    table = load_lexicon().clause_cues
    return {lang: Cues(**{kind: table[kind][lang] for kind in CLAUSE_CUE_KINDS})
            for lang in LANGS}


def _clean_edges(text: str, start: int, end: int) -> bool:
    """A short form stands alone: not R&D, C#, C++, (R); R's ok."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in "&#+@":
        return False
    if after.isalnum() or after in "&#+®":
        return False
    if before == "(" and after == ")" and end - start == 1:
        return False
    return True


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])")


def _cuts(phrase: str, toks: Tokens) -> frozenset[int]:
    """Where an alias's folded key may be split by a posting's tokens: between
    its own tokens, and inside a camel-case word ("LightGBM" as "Light GBM",
    "XGBoost" as "XG-Boost")."""
    cuts, at = {0}, 0
    for norm, start, end in zip(toks.norms, toks.starts, toks.ends):
        folded = fold(norm)
        pieces = [fold(nlp.norm(piece)) for piece in _CAMEL.split(phrase[start:end])]
        if len(pieces) > 1 and "".join(pieces) == folded:
            inner = at
            for piece in pieces[:-1]:
                inner += len(piece)
                cuts.add(inner)
        at += len(folded.replace(_BREAK, ""))
        cuts.add(at)
    return frozenset(cuts)


def _looks_like_a_name(text: str, start: int) -> bool:
    """Misspelt product names ("Phython", "Tensorflw") are capitalised and
    sit inside a line; a capitalised word opening a line or sentence, or a
    lower-case word, is more likely an ordinary English word."""
    if not text[start].isupper():
        return False
    before = text[max(0, start - 3):start].rstrip(" \t")
    return bool(before) and before[-1] not in ".!?:\n•*-–·>#"


def _near(anchors: list[int], position: int) -> bool:
    for anchor in anchors:
        if anchor != position and abs(anchor - position) <= CONTEXT_CHARS:
            return True
    return False


def _drop_overlaps(hits):
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept = []
    last_end = -1
    for hit in hits:
        if hit[0] >= last_end:
            kept.append(hit)
            last_end = hit[1]
    return kept


def _section_at(sections: Sequence[Section], starts: Sequence[int], offset: int) -> Section | None:
    """The section holding ``offset``, by binary search: sections follow each
    other in order (``starts`` are their starts), and a posting may have
    thousands."""
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < sections[i].end:
        return sections[i]
    return None


def _cued(text: str, ahead_at: list[int], cue_at: list[int], clause: tuple[int, int],
          start: int, end: int) -> bool:
    """Does a preference cue speak for the skill at [start, end) of the
    clause? An ahead cue ("preferably") before it in its segment does; any
    other cue in its segment, or just after an aside that ends the segment."""
    left, right = clause
    near_ahead = _any_between(ahead_at, left, start)
    if not near_ahead and not _any_between(cue_at, left, right):
        return False  # the common case: no cue in the clause
    seg = _segment(text, clause, start, end)
    return ((near_ahead and _any_between(ahead_at, seg[0], start))
            or _any_between(cue_at, *seg)
            or _any_between(cue_at, *_after_aside(text, seg[1], right)))


def _words_follow(text: str, at: int) -> bool:
    """Is there a word after the cue word at ``at``, on its line?"""
    word_end = at
    while word_end < len(text) and text[word_end].isalpha():
        word_end += 1
    line_end = text.find("\n", word_end)
    rest = text[word_end:line_end if line_end >= 0 else len(text)]
    return any(ch.isalnum() for ch in rest)


# Cues that speak only for what comes after them: "Use of cloud platforms,
# preferably AWS" prefers AWS, not cloud platforms.
def _split_ahead(text: str, cue_at: list[int],
                 words: tuple[str, ...]) -> tuple[list[int], list[int]]:
    """The preferred cues' positions as (those that speak ahead only: one of
    ``words``, the rest), each sorted. An ahead cue with nothing after it on
    its line ("Kubernetes experience, ideally") speaks for its clause like
    the rest."""
    if not words:
        return [], cue_at
    longest = max(map(len, words))
    ahead = [at for at in cue_at if text[at:at + longest].lower().startswith(words)
             and _words_follow(text, at)]
    if not ahead:
        return [], cue_at
    skip = set(ahead)
    return ahead, [at for at in cue_at if at not in skip]


SEGMENT_MARKS = ";()[]"


def _segment(text: str, bounds: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The part of a clause a cue in it speaks for: "SQL, Teradata preferred"
    prefers Teradata only when split at commas; "Hadoop (Spark is a plus)"
    prefers Spark only."""
    left, right = bounds
    for mark in SEGMENT_MARKS:
        cut = text.rfind(mark, left, start)
        if cut >= left:
            left = cut + 1
        cut = text.find(mark, end, right)
        if cut >= 0:
            right = cut
    return left, right


def _after_aside(text: str, at: int, right: int) -> tuple[int, int]:
    """When a skill's segment ends at an aside ("Deep learning frameworks
    (Keras, PyTorch) preferred"), or inside it, the part after the aside's closing bracket
    up to the next mark: a cue there speaks for the skill before the aside."""
    if at >= right or text[at] not in "()[]":
        return at, at
    # a skill before the aside, or inside it ("(Keras, PyTorch) preferred")
    close = at if text[at] in ")]" else text.find(")" if text[at] == "(" else "]", at, right)
    if close < 0:
        return at, at
    end = right
    for mark in SEGMENT_MARKS:
        cut = text.find(mark, close + 1, end)
        if cut >= 0:
            end = cut
    return close + 1, end


_BULLET = re.compile(r"[ \t]*(?:[-*•·▪◦●○■□–]|\d{1,2}[.)])\s")
ALTERNATIVE_LIST_LINES = 12  # most lines a lead-in's list of alternatives runs


def _merge(regions: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Regions as sorted, non-overlapping (starts, ends) for ``_inside``."""
    lows: list[int] = []
    highs: list[int] = []
    for low, high in sorted(regions):
        if highs and low <= highs[-1]:
            highs[-1] = max(highs[-1], high)
        else:
            lows.append(low)
            highs.append(high)
    return lows, highs


def _inside(merged: tuple[list[int], list[int]], at: int) -> bool:
    return _region(merged, at) is not None


def _region(merged: tuple[list[int], list[int]], at: int) -> int | None:
    """The index of the region of ``merged`` that holds ``at``, if any."""
    lows, highs = merged
    i = bisect_right(lows, at) - 1
    return i if i >= 0 and at < highs[i] else None


def _alternative_lists(text: str, cue_at: list[int], sections: Sequence[Section],
                       section_starts: list[int]) -> list[tuple[int, int]]:
    """The lists that an alternatives lead-in ("experience in one or more of
    the following:") introduces: the bulleted or indented lines after a
    lead-in line that ends with ":" (or with the cue), up to a blank line, the
    next section, a line no deeper than a bulleted lead-in, or
    ALTERNATIVE_LIST_LINES lines. On a longer line, the rest of its sentence."""
    regions = []
    for at in cue_at:
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[at:line_end].rstrip()
        regions.append((at, _sentence_end(text, at, line_end)))  # the rest of its sentence
        if not rest.endswith(":") and len(rest) > 40:
            continue  # the list runs on in the line
        lead = text[line_start:line_end]
        lead_bullet = _BULLET.match(lead)
        lead_indent = len(lead) - len(lead.lstrip(" \t"))
        after = bisect_right(section_starts, at)
        section_end = sections[after].start if after < len(sections) else len(text)
        pos, end, count = line_end + 1, line_end + 1, 0
        while pos < section_end and count < ALTERNATIVE_LIST_LINES:
            nxt = text.find("\n", pos)
            nxt = len(text) if nxt < 0 else nxt
            line = text[pos:nxt]
            if not line.strip():
                break
            indent = len(line) - len(line.lstrip(" \t"))
            if indent <= lead_indent and (lead_bullet or not _BULLET.match(line)):
                break  # not an item of the lead-in's list (plain lines may be anything)
            end, pos, count = nxt, nxt + 1, count + 1
        if end > line_end + 1:
            regions.append((line_end + 1, end))
    return regions


INTRO_LEAD_CHARS = 120  # longest line that can introduce a list ("Background to be successful:")
INTRO_LIST_LINES = 3  # fewest list lines after it


def _intro_lists(text: str, sections: Sequence[Section]) -> list[tuple[int, int]]:
    """Lists in the intro before the first heading: a short line ending with
    ":" (a heading jdlint does not know, such as "Professional
    Experience/Background to be successful in this role:") and the
    INTRO_LIST_LINES or more non-blank lines after it. Their skills are asked,
    not the company's words (JD103 calibration)."""
    intro = next((s for s in sections if not s.heading and s.kind == "other"), None)
    if intro is None:
        return []
    regions = []
    lines = text[intro.start:intro.end].split("\n")
    offset = intro.start
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if line.endswith(":") and len(line) <= INTRO_LEAD_CHARS:
            j = i + 1
            while j < len(lines) and lines[j].strip() and not lines[j].strip().endswith(":"):
                j += 1
            if j - i - 1 >= INTRO_LIST_LINES:
                regions.append((starts[i + 1], starts[j - 1] + len(lines[j - 1])))
            i = j
            continue
        i += 1
    return regions


_ABBREVIATIONS = ("e.g", "i.e", "vs", "incl", "approx")
ALTERNATIVE_LIST_CHARS = 600  # most characters a run-on list of alternatives spans


def _sentence_end(text: str, at: int, line_end: int) -> int:
    """Where the sentence holding ``at`` ends on its line: at ". " (not after
    "e.g."), "; ", "? ", "! ", "。" or the line end, at most
    ALTERNATIVE_LIST_CHARS on (flat postings run their lists on)."""
    limit = min(line_end, at + ALTERNATIVE_LIST_CHARS)
    pos = at
    while pos < limit:
        ends = [i for i in (text.find(m, pos, limit) for m in (". ", "; ", "? ", "! ", "。")) if i >= 0]
        if not ends:
            return limit
        cut = min(ends)
        if text[cut] == "." and text[max(at, cut - 6):cut].lower().endswith(_ABBREVIATIONS):
            pos = cut + 1
            continue
        return cut
    return limit


_SENTENCE_ENDS = (". ", "; ", "! ", "? ", "。", "•", "·", "\t")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The line around [start, end), cut further at sentence ends (". "
    but not "e.g." or "Node.js") when the line is long (flat postings)."""
    # A long line is cut 300 characters either side of the match, so line
    # ends are looked for only that far (scanning a megabyte-long line for
    # every match in it would take minutes).
    low, high = max(0, start - 300), min(len(text), end + 300)
    left = text.rfind("\n", low, start)
    left = low if left < 0 else left + 1
    right = text.find("\n", end, high)
    right = high if right < 0 else right
    if right - left <= 200:
        return left, right
    for mark in _SENTENCE_ENDS:
        cut = text.rfind(mark, left, start)
        if cut >= 0 and cut + 1 > left:
            left = cut + 1
        cut = text.find(mark, end, right)
        if cut >= 0:
            right = cut
    return left, right
