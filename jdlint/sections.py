"""Sections of a posting, from its headings; inline "preferred" cues.

API:
    find_sections(masked: str, language: str, index: LineIndex) -> tuple[model.Section, ...]
    preferred_cue(line_text: str, language: str) -> bool
    required_cue(line_text: str, language: str) -> bool
    is_flat(masked: str) -> bool
    heading_kind(text: str) -> str | None

A heading is a Markdown heading (``#`` .. ``######``, setext, or an
reStructuredText-style underline), or a heading-like line: a short line that
is a known heading phrase ("Requirements", "자격요건", "必須スキル"), or a
decorated short line (ends with ':', bold, ALL CAPS, bracketed, or after a
marker such as ■) that contains one. Its kind comes from the phrase (the
longest wins: "Preferred qualifications" is ``preferred``). Real postings'
spellings count as the phrase: "&" for "and", no apostrophe ("What youll
do"), a loose end mark ("Responsibilities;", "What will you be doing?") or
enumerator ("III."), and one typo that makes a heading word of 9+ letters
("Qualfications", "Prefered"). A line that continues a hard-wrapped list item
("A Master's degree is" / "preferred.") is not a heading. A Markdown
heading with no known phrase starts an ``other`` section, unless it is a
sub-heading of a known section, whose kind it keeps. Text before the first
heading is a section with heading "" (``company`` when it clearly only
describes the company, else ``other``).

A lead-in sentence opens a section too ("To be successful in this role you
must have the following:"): a whole English line ending in ":" or an
ellipsis, not a list item, of at most 16 words, with a heading phrase of two
or more words (or a strong single word), followed by text within one blank
line; it opens only the job's own kinds (requirements, preferred, duties,
benefits, process), and a preference anywhere in it makes it preferred.

A flat posting (one long line, as the LinkedIn export) is searched for heading
phrases inside the running text ("... Minimum qualifications: ...").
Sections run from their heading to the next heading.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from jdlint.lexicon import cue_pattern, fold, load_lexicon, phrase_owners, phrase_pattern
from jdlint.model import Section
from jdlint.normtext import WRAP_MIN_CHARS
from jdlint.positions import LineIndex

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$|^ {0,3}(#{1,6})[ \t]*$")
_UNDERLINE = re.compile(r"^ {0,3}([=\-~^+*#\"'`])\1{2,}[ \t]*$")
_UNDERLINE_CHARS = tuple("=-~^+*#\"'`")
_BULLET_CHARS = "-*•·・‣▪●○◦■□◆◇▶►▷➤✓✔→>"
_BULLET = re.compile(r"^[\s\-*•·・‣▪●○◦■□◆◇▶►▷➤✓✔→>]+")
_BOLD = re.compile(r"^(\*\*|__)(.+?)\1:?$")
_BRACKETS = (("[", "]"), ("【", "】"), ("<", ">"), ("＜", "＞"), ("(", ")"), ("（", "）"), ("〈", "〉"), ("《", "》"), ("「", "」"))
_TRAILING_PAREN = re.compile(r"\s*(?:\([^()]*\)|（[^（）]*）):?$")
_MARKERS = "■□◆◇●○▶►▷◎※★☆"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_FLAT_CANDIDATE = re.compile(r"(?<![^\s.!?:;)\]】>。])[A-Z\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_MAX_LATIN_CHARS = 60
_MAX_LATIN_WORDS = 8
_MAX_CJK_CHARS = 25
_MAX_LINE_HEADING = 90  # longer lines (decoration included) are never headings
_TYPO_MIN_LETTERS = 9  # shorter heading words are not mended to ("summery" may be a word)
_TYPO_MAX_WORDS = 5  # nor are the words of longer lines
_LEAD_IN_MAX_WORDS = 16  # "You'll meet our minimum qualifications for the position if you..."
# what a lead-in sentence may open: the job's own sections ("... join our
# team:" or "a summary of the position as given by the team lead:" are not
# the company's section)
_LEAD_IN_KINDS = frozenset({"requirements", "preferred", "responsibilities", "benefits", "process"})
_LEAD_IN_END = re.compile(r"(?::|：|\.\.\.|…)$")
_PARENTHESES = re.compile(r"\([^()]*\)")
# single words that name a section even inside a sentence ("Specific
# qualifications for the position include:"); other one-word phrases
# ("required", "experience", "role") are too common in a sentence
_LEAD_IN_WORDS = frozenset({"responsibilities", "duties", "qualifications", "requirements",
                            "benefits", "perks", "preferred", "desired", "desirable", "bonus",
                            "plus"})
_FLAT_MIN_CHARS = 400
_COMPANY_PREAMBLE_MAX = 1500
_FLAT_LONGEST_SHARE = 0.8
_GENERIC_FLAT = {"experience", "education", "skills", "plus", "bonus", "role", "about",
                 "company", "apply", "pay", "description", "location", "travel", "summary",
                 "profile", "desired", "preferred", "required", "duties", "competencies",
                 "overview", "purpose", "salary", "compensation", "requirement",
                 "qualification", "responsibility", "schedule", "clearance", "desirable",
                 "pluses", "to apply", "the role", "the team", "the company", "our team",
                 "your role", "you have", "you will", "benefits", "perks", "in this role"}
_COMPANY_ONLY_BLOCKERS = re.compile(
    r"\byou\b|\byour\b|\bcandidate|\bseeking\b|\blooking for\b|\bhiring\b|\brole\b|\bposition\b"
    r"|\bresponsib|\brequire|\bexperience\b|\bwill\b|자격|업무|경험|우대|채용|모집|募集|経験|業務|必須|歓迎",
    re.IGNORECASE,
)


@lru_cache(maxsize=None)
def _heading_table() -> tuple[dict[str, str], re.Pattern]:
    """phrase -> kind over all languages, and one pattern matching any phrase.
    Each phrase also stands for its spellings with "&" for "and" (and back)
    and without apostrophes ("Duties & Responsibilities", "What youll do")."""
    kinds: dict[str, str] = {}
    for phrase, kind in phrase_owners(load_lexicon().headings).items():
        for variant in _spellings(phrase):
            kinds.setdefault(variant, kind)
    return kinds, phrase_pattern(tuple(kinds))


def _spellings(phrase: str) -> set[str]:
    ands = {phrase, phrase.replace(" and ", " & "), phrase.replace(" & ", " and ")}
    return ands | {variant.replace("'", "") for variant in ands}


@lru_cache(maxsize=None)
def _heading_words() -> frozenset[str]:
    """The long Latin words of the heading phrases, for mending typos."""
    return frozenset(word for phrase in _heading_table()[0]
                     for word in _LATIN_WORD.findall(phrase) if len(word) >= _TYPO_MIN_LETTERS)


def _mend_typos(normal: str) -> str:
    """``normal`` with each word that is one edit from exactly one heading
    word of 9+ letters, but not that word with a letter added or dropped at
    an end, written as that word: "preferred qualfications" -> "preferred
    qualifications", "prefered" -> "preferred" (but "experienced" and
    "referred" stay)."""
    return _LATIN_WORD.sub(lambda match: _mended(match.group(0)), normal)


@lru_cache(maxsize=4096)
def _mended(word: str) -> str:
    words = _heading_words()
    if len(word) < _TYPO_MIN_LETTERS - 1 or word in words:  # at most a letter short
        return word
    near = [w for w in words if abs(len(w) - len(word)) <= 1
            and Levenshtein.distance(w, word, score_cutoff=1) <= 1
            and not (w.startswith(word) or word.startswith(w)
                     or w.endswith(word) or word.endswith(w))]
    return near[0] if len(near) == 1 else word


def preferred_cue(line_text: str, language: str) -> bool:
    """Does this line or sentence say what it names is only preferred?"""
    return cue_pattern("preferred", language).search(fold(line_text)) is not None


def required_cue(line_text: str, language: str) -> bool:
    """Does this line or sentence say what it names is required?"""
    return cue_pattern("required", language).search(fold(line_text)) is not None


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").lower()
    return " ".join(text.split())


def heading_kind(text: str) -> str | None:
    """The section kind a heading's text names, or None. ``text`` may be
    decorated ("**Requirements:**", "[자격요건]"). A text that is a phrase
    (give or take a typo: "Prefered Qualifications") names its kind; one
    whose preference qualifies the requirements ("Requirements (nice to
    have)", 応募資格（歓迎）, "Desired Technical Skills") is preferred; else
    the longest phrase in it wins."""
    exact = _exact_kind(text)
    if exact is not None:
        return exact
    norm = _normalise(text)
    table, pattern = _heading_table()
    found = list(pattern.finditer(norm))
    kinds = [table[match.group(0)] for match in found]
    if set(kinds) == {"requirements", "preferred"}:
        return _requirements_and_preferred(norm, found, kinds)
    best = max((match.group(0) for match in found), key=len, default=None)  # the first longest
    return table[best] if best is not None else None


# what joins two lists under one heading ("Requirements and Nice to Have",
# 자격요건 및 우대사항, "Required / Preferred", "Must haves - Nice to haves")
_JOINED = re.compile(r"\s*(?:and|&|/|\+|,|or|vs\.?|-|–|\||;|및|와|과|、|・|と)\s*")


def _requirements_and_preferred(norm: str, found: list[re.Match], kinds: list[str]) -> str:
    """The kind of a heading that names both the requirements and a
    preference: two lists under one heading ("자격요건 및 우대사항",
    "Required & Desired Skills"), or one that also says required, are the
    requirements (each line's own cues mark its preferred items); otherwise
    the preference qualifies the requirements ("Requirements (nice to
    have)", 応募資格（歓迎）, "Desired Technical Skills")."""
    if cue_pattern("strong", None).search(fold(_NOT_REQUIRED.sub(" ", norm))):
        return "requirements"
    # the requirements first, then the preference: two lists ("Preferred
    # Education & Experience" is one list, both of it preferred)
    joined = any((kind, next_kind) == ("requirements", "preferred")
                 and _JOINED.fullmatch(norm, match.end(), next_match.start())
                 for match, next_match, kind, next_kind in zip(found, found[1:], kinds, kinds[1:]))
    return "requirements" if joined else "preferred"


_NOT_REQUIRED = re.compile(r"not (?:required|mandatory|a must)|필수 아님|필수는 아|必須ではな")


def _says_preferred(bracket: str) -> bool:
    """Does a heading's bracket name a preference ("(nice to have)", （歓迎）)?"""
    table = _heading_table()[0]
    return any(table[phrase] == "preferred" for phrase in _phrases_in(bracket))


def _phrases_in(text: str) -> list[str]:
    """The heading phrases in ``text``, in order (as keys of the table)."""
    return [match.group(0) for match in _heading_table()[1].finditer(_normalise(text))]


def _strip_decoration(line: str) -> tuple[str, bool]:
    """The heading text of a heading-like line, and whether it was decorated."""
    text = line.strip()
    decorated = False
    starred = text.startswith(("*", "_"))
    bold = _BOLD.match(text)
    if bold:
        text, decorated = bold.group(2).strip(), True
    stripped = _BULLET.sub("", text)
    if stripped != text and text[:1] in _MARKERS:
        decorated = True
    text = stripped.strip()
    bold = _BOLD.match(text)
    if bold:
        text, decorated = bold.group(2).strip(), True
    for opening, closing in _BRACKETS:
        if text.startswith(opening) and text.endswith(closing) and len(text) > 2:
            text, decorated = text[1:-1].strip(), True
            break
    if starred and text.endswith(("*", "_")):  # unbalanced: "*Minimum Qualifications**"
        text = text.rstrip("*_").strip()  # not decorated: only an exact phrase counts
    if text.endswith((":", "：")):
        text, decorated = text[:-1].strip(), True
    paren = _TRAILING_PAREN.search(text)
    # "Requirements (must have)" -> "Requirements"; a bracket that says the
    # items are a plus stays for heading_kind ("Requirements (nice to have)")
    if paren and paren.start() > 0 and not _says_preferred(paren.group(0)):
        text = text[:paren.start()].strip()
    if text.endswith((".", "..")) and len(text) < 40:
        text = text.rstrip(".").strip()
    letters = _LATIN_WORD.findall(text)
    if letters and sum(len(w) for w in letters) >= 4 and text.upper() == text and not _CJK.search(text):
        decorated = True
    return text, decorated


def _short(text: str) -> bool:
    if not text:
        return False
    if _CJK.search(text):
        return len(text) <= _MAX_CJK_CHARS
    return len(text) <= _MAX_LATIN_CHARS and len(text.split()) <= _MAX_LATIN_WORDS


_OPENERS = "[【<＜(（〈《「*_" + _MARKERS
_CLOSERS = ":：]】>＞)）〉》」*_."
# Marks that end a heading-like line only loosely ("Responsibilities;",
# "Preferred Skills!", "Minimum Qualifications ·") and enumerators that start
# one ("III. Education and Experience", "C. Job Requirements"): without them
# the line must be exactly a heading phrase.
_LOOSE_END = re.compile(r"\s*[;!?·–—…；！？]+$")
_ENUMERATOR = re.compile(r"^(?:[IVX]{1,4}|[A-Z]|\d{1,2})[.)]\s+(?=[A-Z]|" + _CJK.pattern + ")")


def _line_heading(line: str) -> tuple[str, str] | None:
    """(kind, heading text) when a plain line is heading-like, else None."""
    text = line.strip()
    if not text or len(text) > _MAX_LINE_HEADING:
        return None
    kinds, _ = _heading_table()
    kind = kinds.get(text.lower())
    if kind is not None:  # the fast path: a bare heading line
        return kind, text
    first, last = text[0], text[-1]
    if not (first in _OPENERS or last in _CLOSERS or text.isupper()):
        # undecorated: only an exact phrase (after bullets, enumerators, loose
        # end marks, odd spaces, curly quotes, a typo in a long word)
        bare = _BULLET.sub("", text).strip() if first in _BULLET_CHARS else text
        bare = _ENUMERATOR.sub("", _LOOSE_END.sub("", bare))
        kind = _exact_kind(bare) if bare and _short(bare) else None
        return (kind, bare) if kind is not None else None
    text, decorated = _strip_decoration(text)
    if not _short(text):
        return None
    kind = _exact_kind(text)
    if kind is not None:
        return kind, text
    if decorated:
        kind = heading_kind(text)
        if kind is not None:
            return kind, text
    return None


def _exact_kind(text: str) -> str | None:
    """The kind of a line that is exactly a heading phrase, give or take a
    typo in a long word."""
    kinds, _ = _heading_table()
    normal = _normalise(text)
    kind = kinds.get(normal)
    if kind is None and len(normal.split()) <= _TYPO_MAX_WORDS:
        kind = kinds.get(_mend_typos(normal))
    return kind


def _inline_colon_heading(line: str) -> tuple[str, str, int] | None:
    """'Requirements: 3+ years ...': (kind, heading, offset of ':') when the
    words before the first colon are exactly a known (non-"other") phrase."""
    if ":" not in line[:60] and "：" not in line[:60]:
        return None
    stripped = _BULLET.sub("", line)
    lead = len(line) - len(stripped)
    for colon in (":", "："):
        at = stripped.find(colon)
        if 0 < at <= 45:
            head = stripped[:at].strip().strip("*_").strip()
            kind = _exact_kind(head)
            if kind is not None and kind != "other":
                return kind, head, lead + at
    return None


def is_flat(masked: str) -> bool:
    """One long line holding (nearly) all the prose: no line structure."""
    total = len(masked.strip())
    if total < _FLAT_MIN_CHARS:
        return False
    longest = max(map(len, masked.splitlines()))
    return longest >= _FLAT_LONGEST_SHARE * total


def _lines(masked: str) -> list[tuple[int, str]]:
    """(start offset, text) of each line; only \\n, \\r\\n and \\r end lines."""
    if "\r" not in masked:
        out, start = [], 0
        for line in masked.split("\n"):
            out.append((start, line))
            start += len(line) + 1
        return out
    out = []
    for match in _LINE.finditer(masked):
        if match.start() == len(masked) and out:
            break
        out.append((match.start(), match.group(0).rstrip("\r\n")))
    return out


def _lead_in_kind(line: str) -> str | None:
    """The kind a lead-in sentence names ("To be successful in this role you
    must have the following:", "You'll go above and beyond our minimum
    qualifications if you..."): a whole English line ending in a colon or an
    ellipsis, not a list item, that holds a heading phrase of more than one
    word (or a word of ``_LEAD_IN_WORDS``). A preference anywhere in it makes
    it the preferred section ("... it would be a plus:"); otherwise the
    longest phrase wins. Parentheses are left out ("(PDF format preferred)").
    The caller also wants the list it introduces right after it."""
    text = line.strip()
    if (not _LEAD_IN_END.search(text) or text[0] in _BULLET_CHARS or _CJK.search(text)
            or len(text.split()) > _LEAD_IN_MAX_WORDS):
        return None
    kinds = _heading_table()[0]

    def phrases(words: str) -> list[str]:
        return [p for p in _phrases_in(words) if " " in p or p in _LEAD_IN_WORDS]

    if any(kinds[phrase] == "preferred" for phrase in phrases(_PARENTHESES.sub(" ", text))):
        return "preferred"
    found = [phrase for phrase in phrases(text) if kinds[phrase] != "preferred"]
    kind = kinds[max(found, key=len)] if found else None
    return kind if kind in _LEAD_IN_KINDS else None


def _followed(lines: Sequence[tuple[int, str]], number: int) -> bool:
    """Does text follow line ``number`` at once (one blank line at most)? A
    lead-in over nothing (a scraped posting that lost its list) opens no
    section."""
    return any(text.strip() for _, text in lines[number + 1:number + 3])


def _continues(previous: str, line: str) -> bool:
    """Does ``line`` go on with the sentence of the line before it? A
    hard-wrapped "A Master's degree is" / "preferred." is not a heading: the
    line starts in lower case right after a line that ends mid-sentence."""
    text, before = line.strip(), previous.strip()
    if not text or not before or text.endswith((":", "：")):
        return False  # a lead-in line: a heading
    if before[0] in _BULLET_CHARS and not text.endswith(".") and len(before) < WRAP_MIN_CHARS:
        return False  # "- ship code" / "requirements": a heading may follow a short list item
    return text[0].islower() and (before[-1].isalnum() or before[-1] == ",")


def _line_sections(masked: str) -> list[tuple[int, str, str]]:
    """(start offset, kind, heading) for each heading of a text with lines."""
    lines = _lines(masked)
    found: list[tuple[int, str, str]] = []
    levels: list[tuple[int, str]] = []  # open Markdown headings: (level, kind)
    skip_next = False
    for number, (start, line) in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        if not line or line.isspace():
            continue
        atx = _ATX.match(line) if "#" in line[:4] else None
        if atx:
            level = len(atx.group(1) or atx.group(3))
            text = (atx.group(2) or "").strip()
            kind = heading_kind(text) if _short(text) else None
            while levels and levels[-1][0] >= level:
                levels.pop()
            if kind is None:
                kind = levels[-1][1] if levels else "other"
            levels.append((level, kind))
            found.append((start, kind, text))
            continue
        nxt = lines[number + 1][1] if number + 1 < len(lines) else ""
        if nxt.lstrip(" ")[:1] in _UNDERLINE_CHARS and line.strip() and _UNDERLINE.match(nxt) and not _UNDERLINE.match(line) and _short(line.strip()):
            text = line.strip()
            kind = heading_kind(text) or "other"
            found.append((start, kind, text))
            skip_next = True
            continue
        plain = _line_heading(line) if len(line) <= _MAX_LINE_HEADING else None
        if plain is not None and number and _continues(lines[number - 1][1], line):
            plain = None
        if plain is not None:
            found.append((start, plain[0], plain[1]))
            continue
        lead_in = _lead_in_kind(line) if len(line) <= _MAX_LINE_HEADING else None
        if lead_in is not None and _followed(lines, number):
            found.append((start, lead_in, line.strip()))
            continue
        inline = _inline_colon_heading(line) if (":" in line[:60] or "：" in line[:60]) else None
        if inline is not None:
            found.append((start, inline[0], inline[1]))
    return found


def _flat_sections(masked: str) -> list[tuple[int, str, str]]:
    """Heading phrases inside running text: at a sentence start (or followed
    by ':'), written with a capital letter; one-word generic phrases need ':'."""
    kinds, pattern = _heading_table()
    lowered = fold(masked)
    found: list[tuple[int, str, str]] = []
    for candidate in _FLAT_CANDIDATE.finditer(masked):
        match = pattern.match(lowered, candidate.start())
        if match is None:
            continue
        start, end = match.span()
        phrase = _normalise(match.group(0))
        first = masked[start]
        if first.isalpha() and first.isascii() and not first.isupper():
            continue
        after = masked[end:end + 2].lstrip(" ")
        colon = after[:1] in (":", "：")
        before = masked[:start].rstrip(" ")
        boundary = not before or before[-1] in ".!?:;)]】>。"
        if phrase in _GENERIC_FLAT and not colon:
            continue
        written = masked[start:end]
        title_case = " " in phrase and all(w[:1].isupper() for w in written.split() if w[:1].isalpha())
        if not (colon or boundary or title_case):
            continue
        if not colon:
            # a heading in flat text is followed by a capitalised word
            rest = masked[end:end + 3].lstrip(" ")
            if rest[:1].isalpha() and rest[:1].isascii() and not rest[:1].isupper():
                continue
        found.append((start, kinds[_normalise(phrase)], masked[start:end]))
    return found


def _preamble_kind(block: str, language: str) -> str:
    """``company`` when the block before the first heading only describes the
    company, else ``other``."""
    if len(block) > _COMPANY_PREAMBLE_MAX:  # a long opening block is more than an "about us"
        return "other"
    lexicon = load_lexicon()
    cues = lexicon.company_cues.get(language, ()) + lexicon.company_cues["en"]
    if _COMPANY_ONLY_BLOCKERS.search(block):
        return "other"
    hits = len(phrase_pattern(tuple(cues)).findall(fold(block)))
    return "company" if hits >= 2 else "other"


def find_sections(masked: str, language: str, index: LineIndex) -> tuple[Section, ...]:
    """The posting divided into sections (see the module docstring)."""
    if not masked.strip():
        return ()
    heads = _flat_sections(masked) if is_flat(masked) else _line_sections(masked)
    sections: list[Section] = []
    first = heads[0][0] if heads else len(masked)
    if masked[:first].strip():
        begin = len(masked[:first]) - len(masked[:first].lstrip())
        kind = _preamble_kind(masked[begin:first], language)
        sections.append(Section(kind, "", begin, first, index.position(begin)[0]))
    for number, (start, kind, heading) in enumerate(heads):
        end = heads[number + 1][0] if number + 1 < len(heads) else len(masked)
        sections.append(Section(kind, heading, start, end, index.position(start)[0]))
    return tuple(sections)
