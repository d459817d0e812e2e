"""Rule kinds: the small closed set of things a rule file can ask for.

A rule file names one kind (``kind: phrase``) and gives its options; the
kind finds ``Hit``s (offsets and values for the message) in an
``Analysis``. Kinds never see spaCy objects, never print, and never stamp
ids, severities or positions: the engine does that (house style §3).

Each kind declares its options (name -> ``Option``: type, default, help)
and the names of the values its hits provide (``values``), so that rule
files are checked when they are loaded. ``judges_absence`` marks kinds
that judge what a posting lacks: the engine skips them on postings that
cannot be judged (too short, partial, a language we cannot read).

A new kind is one class here and one line in ``KINDS``.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping

from jdlint.model import (AREAS, LANGUAGES, ROLES, SECTION_KINDS, SENIORITIES, STRENGTHS,
                          Analysis, Hit)
from jdlint.profiles import PROFILE_KEYS, Profiles

# Option types a kind may declare, checked by ``validate_option``.
OPTION_TYPES = ("bool", "int", "strings", "strengths", "roles", "phrases", "areas",
                "area-groups", "int-map", "area-years")


@dataclass(frozen=True)
class Option:
    type: str  # one of OPTION_TYPES
    default: object
    help: str


def _is_strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _check_areas(value: object) -> tuple[str, ...]:
    if not _is_strings(value):
        raise ValueError("expected a list of area ids or profile:<key>")
    for item in value:
        if item.startswith("profile:"):
            if item[len("profile:"):] not in PROFILE_KEYS + ("technical",):
                raise ValueError(f"unknown profile list {item!r} (known: {', '.join(PROFILE_KEYS)})")
        elif item not in AREAS:
            raise ValueError(f"unknown area {item!r}")
    return tuple(value)


def _number_map(value: object, keys: tuple[str, ...], key_name: str, what: str) -> dict:
    """A mapping from some of ``keys`` to whole numbers >= 0."""
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping {key_name} -> {what}")
    for key, number in value.items():
        if key not in keys:
            raise ValueError(f"unknown {key_name} {key!r}")
        if isinstance(number, bool) or not isinstance(number, int) or number < 0:
            raise ValueError(f"{key}: expected a whole number >= 0")
    return dict(value)


def validate_option(option: Option, value: object) -> object:
    """Return ``value`` in its normal form, or raise ValueError saying why."""
    kind = option.type
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("expected a whole number >= 0")
        return value
    if kind == "strings":
        if not _is_strings(value):
            raise ValueError("expected a list of strings")
        return tuple(value)
    if kind in ("strengths", "roles", "sections"):
        allowed = {"strengths": STRENGTHS, "roles": ROLES, "sections": SECTION_KINDS}[kind]
        if not _is_strings(value) or any(v not in allowed for v in value):
            raise ValueError(f"expected a list of {', '.join(allowed)}")
        return tuple(value)
    if kind == "phrases":
        if not isinstance(value, dict):
            raise ValueError("expected a mapping language -> list of phrases")
        for language, phrases in value.items():
            if language not in LANGUAGES:
                raise ValueError(f"unknown language {language!r} (known: {', '.join(LANGUAGES)})")
            if not _is_strings(phrases) or not all(p.strip() for p in phrases):
                raise ValueError(f"{language}: expected a list of non-empty phrases")
        return {language: tuple(phrases) for language, phrases in value.items()}
    if kind == "areas":
        return _check_areas(value)
    if kind == "area-groups":
        if not isinstance(value, list):
            raise ValueError("expected a list of lists of areas")
        return tuple(_check_areas(group) for group in value)
    if kind == "area-years":
        return _number_map(value, AREAS, "area", "years")
    if kind == "int-map":
        return _number_map(value, SENIORITIES, "seniority", "number")
    raise ValueError(f"unknown option type {kind!r}")


class Kind:
    """Base class: subclasses set ``options``/``values`` and define ``check``."""

    options: Mapping[str, Option] = {}
    values: tuple[str, ...] = ()
    judges_absence: bool = False

    def __init__(self, options: Mapping[str, object], profiles: Profiles):
        self.opts = options
        self.profiles = profiles

    def check(self, analysis: Analysis) -> Iterable[Hit]:
        raise NotImplementedError

    # helpers shared by the area kinds
    def resolve(self, spec: Iterable[str], role: str) -> tuple[str, ...]:
        """Area ids of ``spec``, with ``profile:<key>`` expanded for ``role``."""
        out: list[str] = []
        for item in spec:
            if item == "profile:technical":
                found = self.profiles.technical
            elif item.startswith("profile:"):
                found = self.profiles.areas(role, item[8:])
            else:
                found = (item,)
            for area in found:
                if area not in out:
                    out.append(area)
        return tuple(out)

    def asked(self, analysis: Analysis, strengths: Iterable[str]) -> tuple[str, ...]:
        """The areas the posting asks for at one of ``strengths``, in contract order."""
        wanted = set(strengths)
        return tuple(a for a in AREAS if analysis.areas.get(a) in wanted)


def _join(items: Iterable[str]) -> str:
    return ", ".join(items)


# --- meta -----------------------------------------------------------------

class MetaKind(Kind):
    """Findings that the reader or the suppression step reports (JD001-JD003).
    The kind itself finds nothing; the engine and suppress.py create the hits."""

    values = ("detail",)

    def check(self, analysis: Analysis) -> Iterable[Hit]:
        return ()


# --- phrase ---------------------------------------------------------------

_NUMBER = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)"
_WORD = "abcdefghijklmnopqrstuvwxyz0123456789"


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


_ALTERNATIVES = re.compile(r"(\{[^{}]*\})")


def _literal(text: str) -> str:
    """A regex for literal ``text``: a space matches one space or none,
    ``#`` a number."""
    pieces = []
    for number_part in text.split("#"):
        pieces.append(" ?".join(re.escape(word) for word in number_part.split(" ")))
    return _NUMBER.join(pieces)


def phrase_words(phrase: str) -> tuple[frozenset[str], ...]:
    """What any match of ``phrase`` must contain, as groups of words: every
    group has a word that is a substring of the match (a literal piece's
    words each make a group of one; ``{a|b}`` makes one group holding a word
    of each option). A text that lacks a group cannot match, so the pattern
    need not run. A ``#`` or an option without words gives no group."""
    phrase = " ".join(normalise(phrase).split())
    groups: list[frozenset[str]] = []
    for part in phrase.split(" ... "):
        for piece in _ALTERNATIVES.split(part):
            if piece.startswith("{") and piece.endswith("}"):
                options = [o.strip() for o in piece[1:-1].split("|") if o.strip()]
                longest = [max(_words(o), key=len, default="") for o in options]
                if options and all(longest):
                    groups.append(frozenset(longest))
            elif piece:
                groups.extend(frozenset((w,)) for w in _words(piece))
    return tuple(groups)


def _words(text: str) -> list[str]:
    """The literal words of a phrase piece (split at spaces and ``#``)."""
    return [w for part in text.split("#") for w in part.split(" ") if w]


def compile_phrase(phrase: str, max_gap: int) -> re.Pattern[str]:
    """A pattern for one phrase, built from escaped literals only.

    In a phrase, a space matches one space or none (Japanese has no spaces
    between tokens), ``#`` matches a number (digits or one..ten),
    ``{a|b|c}`` one of the literal alternatives, and `` ... `` up to
    ``max_gap`` characters of the same line. No user regex is ever
    compiled and the only repetition is bounded, so matching cannot
    backtrack badly."""
    phrase = " ".join(normalise(phrase).split())
    gaps = []
    for part in phrase.split(" ... "):
        pieces = []
        for piece in _ALTERNATIVES.split(part):
            if piece.startswith("{") and piece.endswith("}"):
                options = [o.strip() for o in piece[1:-1].split("|") if o.strip()]
                pieces.append("(?:" + "|".join(_literal(o) for o in options) + ")")
            elif piece:
                pieces.append(_literal(piece))
        gaps.append("".join(pieces))
    body = "[^\\n]{0,%d}?" % max_gap
    pattern = body.join(gaps)
    first = phrase.lstrip("{")[:1]
    last = phrase.rstrip("}")[-1:]
    if first and first in _WORD:
        pattern = f"(?<![{_WORD}])" + pattern
    if last and last in _WORD:
        pattern += f"(?![{_WORD}])"
    return re.compile(pattern)


MAX_GAP = 60  # default reach of ' ... ' in a phrase, in characters
_WIDE = re.compile("[\u3000-\U0010ffff]")  # CJK punctuation, kana, Hangul, ideographs ...


class PhraseKind(Kind):
    """Phrases (and numbers) over the posting's normalised tokens, in any of
    the languages given, with optional same-line conditions."""

    options = {
        "phrases": Option("phrases", {}, "language -> phrases to find; a space matches "
                          "one space or none, '#' a number, ' ... ' a gap within the line"),
        "unless_line": Option("phrases", {}, "skip a match when one of these is on its line "
                              "(preference cues such as 'preferred', 'a plus', '우대', '歓迎')"),
        "unless_before": Option("phrases", {}, "skip a match when one of these comes before it "
                                "on its line (alternatives such as 'or', '또는', 'または')"),
        "max_gap": Option("int", MAX_GAP, "most characters that ' ... ' in a phrase may span"),
        "before_window": Option("int", 0, "how far before a match `unless_before` looks, in "
                                "characters (0: back to the start of its line)"),
    }
    values = ("phrase",)

    def __init__(self, options: Mapping[str, object], profiles: Profiles):
        super().__init__(options, profiles)
        gap = int(options.get("max_gap", MAX_GAP))

        def compiled(key: str) -> tuple[re.Pattern[str], ...]:
            table = options.get(key) or {}
            return tuple(compile_phrase(p, gap) for phrases in table.values() for p in phrases)

        self.patterns = compiled("phrases")
        table = options.get("phrases") or {}
        # smallest groups first: an absent group is settled with fewer searches
        self.needs = tuple(tuple(sorted(phrase_words(p), key=len))
                           for phrases in table.values() for p in phrases)
        # Korean and Japanese words, which a text without such characters lacks
        self.wide_words = tuple(sorted({w for needs in self.needs for group in needs
                                        for w in group if _WIDE.search(w)}))
        self.unless_line = compiled("unless_line")
        self.unless_before = compiled("unless_before")

    def check(self, analysis: Analysis) -> Iterator[Hit]:
        joined = analysis.norm_text
        text = joined.text
        tokens = analysis.tokens
        seen_lines: set[int] = set()
        window = self.opts["before_window"]
        found: list[tuple[int, int]] = []
        # word -> is it in the text (checked once)
        present: dict[str, bool] = {}
        if text.isascii() or not _WIDE.search(text):
            present = dict.fromkeys(self.wide_words, False)
        for pattern, needs in zip(self.patterns, self.needs):
            # every group needs one of its words in the text (plain loops: a
            # generator per pattern and posting cost more than the test itself)
            for group in needs:
                for w in group:
                    there = present.get(w)
                    if there is None:
                        there = present[w] = w in text
                    if there:
                        break
                else:
                    break  # none of this group's words: the pattern cannot match
            else:
                for match in pattern.finditer(text):
                    found.append((match.start(), match.end()))
        for start, end in sorted(found, key=lambda span: (span[0], -span[1])):  # longest first
            first = bisect.bisect_right(joined.offsets, start) - 1
            last = bisect.bisect_right(joined.offsets, end - 1) - 1
            begin = tokens.starts[first] + min(start - joined.offsets[first],
                                               tokens.ends[first] - tokens.starts[first])
            line_start, line_end = self._line(analysis, start, end, begin)
            if line_start in seen_lines:
                continue  # one hit per line is enough
            line = text[line_start:line_end]
            if any(p.search(line) for p in self.unless_line):
                continue
            before = text[max(line_start, start - window) if window else line_start:start]
            if any(p.search(before) for p in self.unless_before):
                continue
            seen_lines.add(line_start)
            finish = tokens.starts[last] + (end - joined.offsets[last])
            finish = min(max(finish, begin), tokens.ends[last])
            if finish <= begin:
                finish = tokens.ends[last]
            yield Hit(begin, finish, {"phrase": analysis.posting.text[begin:finish]})

    @staticmethod
    def _line(analysis: Analysis, start: int, end: int, at: int) -> tuple[int, int]:
        """The line of the match [start, end) in the joined norms, cut to the
        section that holds it (``at``, in the posting): a posting exported as
        one line ("Basic Qualifications ... Preferred Qualifications ...")
        has its sections inside a line, and a cue of the next section is not
        on the match's line."""
        text = analysis.norm_text.text
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        section = analysis.section_at(at)
        if section is not None:
            low, high = analysis.norm_span(section.start, section.end)
            line_start, line_end = max(line_start, low), min(line_end, high)
        return line_start, line_end


# --- areas ----------------------------------------------------------------

class AreaAbsenceKind(Kind):
    """The posting asks for fewer than ``min_present`` of ``areas``, or for
    none of one of the ``each_of`` groups (and, if ``require_any`` is set,
    does ask for one of those)."""

    options = {
        "areas": Option("areas", (), "areas whose absence is judged (area ids or profile:<key>)"),
        "strengths": Option("strengths", ("required", "preferred"), "which strengths count as asked"),
        "min_present": Option("int", 1, "fire when fewer than this many of the areas are asked"),
        "each_of": Option("area-groups", (), "fire also when none of a group is asked (groups "
                          "that are empty for the role are skipped); only when the title "
                          "names the role, since a role read from the body already has "
                          "what the body asks"),
        "require_any": Option("areas", (), "fire only when the posting asks one of these"),
        "min_asked": Option("int", 0, "judge only postings that ask at least this many areas "
                            "in all (fewer usually means the requirements were not read)"),
        "area_min_years": Option("area-years", {}, "areas (of `areas`) that count as asked only "
                                 "when the posting also requires at least this many years of "
                                 "experience"),
        "needs_structure": Option("bool", False, "skip postings with neither line structure "
                                  "nor a recognised heading (such a block is read sentence by "
                                  "sentence, and the company words of a run-on sentence drop "
                                  "the skills in it)"),
    }
    values = ("role", "seniority", "areas", "asked")
    judges_absence = True

    def check(self, analysis: Analysis) -> Iterator[Hit]:
        role = analysis.facts.role
        areas = self.resolve(self.opts["areas"], role)
        if not areas:
            return
        if len(analysis.areas) < self.opts["min_asked"]:
            return
        if self.opts["needs_structure"] and analysis.facts.flat and not analysis.facts.sections_found:
            return
        asked = self.asked(analysis, self.opts["strengths"])
        years = analysis.facts.years_required or 0
        floors = self.opts["area_min_years"]
        present = [a for a in areas if a in asked and years >= floors.get(a, 0)]
        if len(present) >= self.opts["min_present"]:
            # only for a role the title names: a role read from the body
            # already has what the body asks. The years floors are for
            # `areas` (a domain asked with 5+ years); a group is asked or not
            groups = ([self.resolve(group, role) for group in self.opts["each_of"]]
                      if analysis.facts.role_title == role else [])
            missing = next((g for g in groups if g and not any(a in asked for a in g)), None)
            if missing is None:
                return
            areas = missing
        also = self.resolve(self.opts["require_any"], role)
        shown = [a for a in AREAS if a in analysis.areas]
        if also:
            shown = [a for a in also if a in analysis.areas]
            if not shown:
                return
        named = [f"{a} with {floors[a]}+ years" if floors.get(a) else a for a in areas]
        yield Hit(values={"role": role, "seniority": analysis.facts.seniority,
                          "areas": _join(named), "asked": _join(shown) or "none"})


class LevelAreasKind(Kind):
    """The posting requires areas that its level does not need (JD301): one
    hit per such area, at the first skill that asks for it. Skills listed in
    ``ignore_skills`` (taxonomy ids) do not make an area count: "drive
    projects" is leadership, but not the leading of people that §3 means."""

    options = {
        "areas": Option("areas", ("profile:senior_only",), "areas too senior for the level"),
        "strengths": Option("strengths", ("required",), "which strengths count"),
        "min_areas": Option("int", 1, "fire only when at least this many such areas are asked"),
        "ignore_skills": Option("strings", (), "taxonomy skill ids that do not count"),
    }
    values = ("role", "seniority", "area", "skill", "areas")

    def _evidence(self, analysis: Analysis, area: str) -> tuple[bool, int | None, int | None]:
        """(does the area count, span of its first counting skill)."""
        wanted = set(self.opts["strengths"])
        ignored = set(self.opts["ignore_skills"])
        matches = [m for m in analysis.skills if m.area == area and m.strength in wanted]
        for match in matches:
            if match.skill not in ignored:
                return True, match.start, match.end
        return not matches, None, None  # asked without a skill match: the analysis decided

    def check(self, analysis: Analysis) -> Iterator[Hit]:
        role = analysis.facts.role
        areas = self.resolve(self.opts["areas"], role)
        asked = self.asked(analysis, self.opts["strengths"])
        found = []
        for area in areas:
            if area in asked:
                counts, start, end = self._evidence(analysis, area)
                if counts:
                    found.append((area, start, end))
        if not found or len(found) < self.opts["min_areas"]:
            return
        names = _join(area for area, _, _ in found)
        for area, start, end in found:
            skill = analysis.posting.text[start:end] if start is not None else area
            yield Hit(start, end, {"role": role, "seniority": analysis.facts.seniority,
                                   "area": area, "skill": skill, "areas": names})


class AreaBudgetKind(Kind):
    """The hard requirements describe a team, not a hire (JD201): more areas
    than the level's budget, both roles' senior areas at once, or one area
    from every group (research + production + leadership ...)."""

    options = {
        "budget": Option("int-map", {"junior": 8, "mid": 10, "senior": 11, "unknown": 11},
                         "most required areas per seniority (not counting ignore_areas)"),
        "max_areas": Option("int", 0, "most required areas at every seniority; "
                            "overrides budget when above 0"),
        "ignore_areas": Option("areas", ("programming", "business-soft"),
                               "areas not counted against the budget"),
        "strengths": Option("strengths", ("required",), "which strengths count"),
        "sections": Option("sections", (), "count only skills asked in these section kinds "
                           "(empty = every section, duties included)"),
        "cross_roles": Option("roles", ("data-scientist", "ml-engineer"),
                              "roles whose senior areas together make a team"),
        "cross_min": Option("int", 3, "fire when at least this many senior-only areas of "
                            "every cross role are required (0 = off)"),
        "groups": Option("area-groups", (), "fire when every group has a required area "
                         "(empty = off)"),
        "example_cues": Option("strings", (), "a skill inside a bracket that opens with one of "
                               "these ('(e.g.', '(예:') is an example of another requirement, "
                               "not one more area"),
    }
    values = ("seniority", "count", "budget", "areas", "reason")

    def check(self, analysis: Analysis) -> Iterator[Hit]:
        asked = self.asked(analysis, self.opts["strengths"])
        sections, cues = self.opts["sections"], self.opts["example_cues"]
        if sections or cues:  # the hard requirements only, not the duties; no mere examples
            text = analysis.posting.masked
            listed = {s.area for s in analysis.skills
                      if (not sections or s.section in sections)
                      and s.strength in self.opts["strengths"]
                      and not (cues and _in_example_aside(text, s.start, cues))}
            asked = tuple(a for a in asked if a in listed)
        role = analysis.facts.role
        seniority = analysis.facts.seniority
        ignored = set(self.resolve(self.opts["ignore_areas"], role))
        counted = [a for a in asked if a not in ignored]
        budget = self.opts["max_areas"] or self.opts["budget"].get(seniority)
        values = {"seniority": seniority, "count": len(counted),
                  "budget": budget if budget is not None else "-"}
        # the most telling reason first: both roles' senior sets, then the
        # groups, then the plain count
        cross_min = self.opts["cross_min"]
        if cross_min:
            sets = [set(self.profiles.areas(r, "senior")) for r in self.opts["cross_roles"]]
            shared = set.intersection(*sets) if sets else set()
            per_role = [[a for a in asked if a in s - shared] for s in sets]
            if per_role and all(len(found) >= cross_min for found in per_role):
                areas = [a for found in per_role for a in found]
                yield Hit(values={**values, "areas": _join(areas),
                                  "reason": "the senior skill sets of both roles"})
                return
        groups = [self.resolve(group, role) for group in self.opts["groups"]]
        picked = [next((a for a in group if a in asked), None) for group in groups]
        if groups and all(picked):
            yield Hit(values={**values, "areas": _join(picked),
                              "reason": "all of these at once"})
            return
        if budget is not None and len(counted) > budget:
            yield Hit(values={**values, "areas": _join(counted),
                              "reason": f"{len(counted)} areas, more than {budget} for a {seniority} hire"})


_OPENERS = "(（"
_CLOSERS = ")）"


def _in_example_aside(text: str, at: int, cues: Iterable[str]) -> bool:
    """Is ``at`` inside a bracket, on its line, that opens with an example
    cue ("(e.g. regression, neural networks, ...")?"""
    before = text[text.rfind("\n", 0, at) + 1:at]
    opened = max(before.rfind(c) for c in _OPENERS)
    if opened < 0 or any(c in before[opened:] for c in _CLOSERS):
        return False
    head = normalise(before[opened + 1:opened + 1 + 24]).lstrip()
    return any(head.startswith(cue) for cue in cues)


class RoleMismatchKind(Kind):
    """The title names one role but the requirements are the other's (JD102):
    none of the title role's distinctive areas, several of the body role's.
    With nothing of what both roles share either (no modelling: "serving,
    Kubernetes, on-call, no analysis"), fewer of the body role's suffice."""

    options = {
        "roles": Option("roles", ("data-scientist", "ml-engineer"), "roles compared"),
        "strengths": Option("strengths", ("required",), "which strengths count"),
        "min_other": Option("int", 2, "distinctive areas of the body's role needed to fire"),
        "shared": Option("areas", (), "areas both roles ask for (modelling)"),
        "min_other_unshared": Option("int", 0, "distinctive areas of the body's role needed "
                                     "when the posting asks none of `shared` (0: as min_other)"),
    }
    values = ("title_role", "body_role", "areas")
    judges_absence = True

    def check(self, analysis: Analysis) -> Iterator[Hit]:
        facts = analysis.facts
        title, body = facts.role_title, facts.role_body
        roles = self.opts["roles"]
        if title not in roles or body not in roles or title == body:
            return
        own = set(self.profiles.areas(title, "distinctive"))
        other = set(self.profiles.areas(body, "distinctive")) - own
        asked = self.asked(analysis, self.opts["strengths"])
        if any(a in own for a in asked):
            return
        theirs = [a for a in asked if a in other]
        needed = self.opts["min_other"]
        if self.opts["min_other_unshared"]:
            shared = set(self.resolve(self.opts["shared"], title))
            if not shared & set(self.asked(analysis, STRENGTHS)):
                needed = min(needed, self.opts["min_other_unshared"])
        if len(theirs) < needed:
            return
        start, end = analysis.title_span()
        yield Hit(start, end, {"title_role": title, "body_role": body, "areas": _join(theirs)})


# --- facts ----------------------------------------------------------------

class ExperienceLevelKind(Kind):
    """A posting whose title says junior (intern, entry level, new grad, 신입,
    新卒) requires years or a degree that only a more senior hire has
    (JD303). Only the title's own words count: the body often says
    "new grad or experienced", and inferred seniority is too soft a ground."""

    options = {
        "title_words": Option("phrases", {
            "en": ["intern", "internship", "entry level", "entry-level", "new grad",
                   "new graduate", "graduate program", "graduate scheme",
                   "graduate {data|machine learning|ml|ai|analytics|research|scientist|engineer|analyst}",
                   "junior", "early career",
                   "early-career", "trainee", "apprentice", "apprenticeship", "college hire",
                   "campus hire", "university graduate", "recent graduate"],
            "ko": ["신입", "인턴", "인턴십", "주니어"],
            "ja": ["新卒", "第二新卒", "インターン", "未経験", "ジュニア"]},
            "words in the title that make a posting junior"),
        "max_years": Option("int", 2, "most years of experience a junior posting may require"),
        "phd": Option("bool", True, "a required PhD contradicts a junior title"),
    }
    values = ("level", "years", "degree", "problem")

    def __init__(self, options: Mapping[str, object], profiles: Profiles):
        super().__init__(options, profiles)
        table = options.get("title_words") or {}
        self.title_patterns = tuple(compile_phrase(p, 0) for words in table.values() for p in words)

    def check(self, analysis: Analysis) -> Iterator[Hit]:
        facts = analysis.facts
        title = normalise(analysis.posting.title or "")
        level = None
        for pattern in self.title_patterns:
            match = pattern.search(title)
            if match:
                level = match.group()
                break
        # a title over a range of levels (주니어~시니어, "Junior/Senior") reads as
        # its highest (facts.title_seniority): the years may be the senior's
        if level is None or facts.seniority_title in ("mid", "senior"):
            return
        values = {"level": level, "years": facts.years_required, "degree": facts.degree_required}
        years = facts.years_required
        if years is not None and years > self.opts["max_years"]:
            start, end = facts.years_at or (None, None)  # where facts read the figure
            yield Hit(start, end, {**values, "problem": f"{years}+ years of experience"})
        if self.opts["phd"] and facts.degree_required == "phd":  # both, when both are asked
            start, end = facts.degree_at or (None, None)  # where facts read the PhD as required
            yield Hit(start, end, {**values, "problem": "a PhD"})


KINDS: dict[str, type[Kind]] = {
    "meta": MetaKind,
    "phrase": PhraseKind,
    "area-absence": AreaAbsenceKind,
    "level-areas": LevelAreasKind,
    "area-budget": AreaBudgetKind,
    "role-mismatch": RoleMismatchKind,
    "experience-level": ExperienceLevelKind,
}
