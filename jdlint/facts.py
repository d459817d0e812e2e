"""What a posting is: language, role, seniority, years, degree.

API:
    detect_language(text: str) -> str
    infer_facts(posting, masked, sections, areas, skills, language, index) -> model.Facts

detect_language works by script: Hangul -> "ko"; kana -> "ja" (kanji with a
little kana, or a short kanji-only text, too; a long kanji-only text ->
"zh"); Cyrillic -> "ru"; other scripts get their ISO code; Latin text is "en"
unless the function words of another language clearly outnumber English
ones ("de", "fr", "es", "pt", "it", "nl"); no letters at all -> "unknown".

infer_facts reads (all word lists are in rules/lexicon/*.yaml):
- role_title: the title (front matter ``role`` first): the first part of it
  that names a data role ("Data Scientist / ML Engineer" -> data-scientist),
  inside a part the phrase that ends last ("Data Science Analyst" ->
  data-analyst); a customer-facing job at the head of that part ("Solutions
  Engineer (MLOps Architect)") -> "other"; an acronym in parentheses does
  not cut the title ("Machine Learning (ML) Engineer"); an engineering title
  that names ML -> ml-engineer; another job -> "other"; no title or no job
  named -> "unknown".
- role_body: from the areas the matcher found (ML in production and software
  -> ml-engineer, which needs some ML area; statistics/experiments with ML
  -> data-scientist; BI and SQL without ML -> data-analyst; pipelines
  without ML -> data-engineer; required research -> research-scientist; no
  data areas -> other), plus duty words
  (deploy, production, software -> ml-engineer; publications ->
  research-scientist), with phrases such as "as a data scientist you will"
  as a tie-breaker.
- years_required: the smallest number of years stated as required
  ("3-5 years" -> 3), skipping preferred lines and sections, company and
  benefit text; seniority_body from the largest such number (0-2 junior, 3-4
  mid, 5+ senior), else from words (intern, new grad / leads, mentors).
- degree_required: the lowest degree stated as required; "none" when the
  posting says no degree is needed; "unknown" when none is required.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import lru_cache
from typing import Mapping, NamedTuple, Sequence

from jdlint.lexicon import (LANGS, cue_pattern, every_language, fold, load_lexicon, phrase_owners,
                            phrase_pattern)
from jdlint.model import ROLES, Facts, Posting, Section, SkillMatch
from jdlint.positions import LineIndex
from jdlint.profiles import load_profiles
from jdlint.sections import is_flat

SUPPORTED = ("en", "ko", "ja")
TOO_SHORT_WORDS = 60  # fewer words than this (CJK: 2 characters ~ 1 word): too short to judge
JUNIOR_MAX_YEARS = 2
MID_MAX_YEARS = 4
CONTEXT_CHARS = 300  # how far a clause may reach back/forward from a mention

# --- language -----------------------------------------------------------------

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
# (first, last code point, script) for the scripts we count, besides Latin
_SCRIPTS = (
    (0xAC00, 0xD7AF, "ko"), (0x1100, 0x11FF, "ko"), (0x3130, 0x318F, "ko"),
    (0x3040, 0x30FF, "kana"), (0xFF66, 0xFF9F, "kana"),
    (0x4E00, 0x9FFF, "han"), (0x3400, 0x4DBF, "han"),
    (0x0400, 0x04FF, "ru"), (0x0600, 0x06FF, "ar"), (0x0590, 0x05FF, "he"),
    (0x0370, 0x03FF, "el"), (0x0E00, 0x0E7F, "th"), (0x0900, 0x097F, "hi"),
)
_FUNCTION_WORDS = {
    "en": "the and of to in with for you we is are our will be an or on as this that your have",
    "de": "und der die das mit für sie wir ist ein eine zu von den im auf sind bei oder nicht",
    "fr": "le la les et des vous nous pour une avec est du au sur dans votre qui sont en",
    "es": "el los las y para con una que por del se su es como en al nuestro usted",
    "pt": "os das com uma você para não em ao nossa são pelo seu é",
    "it": "il gli della che per con una sono di nel alla siamo tuo è",
    "nl": "de het een en van met voor je wij zijn op te bij ons",
}
_FUNCTION_SETS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}


def detect_language(text: str) -> str:
    """"en", "ko", "ja" or another ISO-ish code by script; "unknown" if no letters."""
    sample = text[:1000]
    counts: dict[str, int] = {}
    for ch in _NON_ASCII.findall(sample):
        code = ord(ch)
        for first, last, script in _SCRIPTS:
            if first <= code <= last:
                counts[script] = counts.get(script, 0) + 1
                break
    hangul, kana, han = counts.get("ko", 0), counts.get("kana", 0), counts.get("han", 0)
    latin = _LATIN_WORD.findall(sample)
    weights = {"ko": hangul / 2.5, "ja": (kana + han) / 2.5, "latin": float(len(latin))}
    for code in ("ru", "ar", "he", "el", "th", "hi"):
        weights[code] = counts.get(code, 0) / 5.0
    best = max(weights, key=lambda k: weights[k])
    if weights[best] == 0:
        return "unknown"
    if best == "ja":
        if kana == 0 and han >= 30 and hangul == 0:
            return "zh"
        return "ko" if hangul > kana + han else "ja"
    if best == "ko" and kana > hangul:
        return "ja"
    if best != "latin":
        return best
    words = [w.lower() for w in latin[:200]]
    english = _FUNCTION_SETS["en"]
    if sum(1 for w in words if w in english) * 10 >= len(words):
        return "en"
    counts = {lang: 0 for lang in _FUNCTION_SETS}
    for low in words:
        for lang, words in _FUNCTION_SETS.items():
            if low in words:
                counts[lang] += 1
    other = max((lang for lang in counts if lang != "en"), key=lambda k: counts[k])
    if counts[other] >= 5 and counts[other] > 2 * counts["en"]:
        return other
    return "en"


# --- helpers ------------------------------------------------------------------

_CLAUSE_ENDS = ("\n", "\r", ". ", "; ", "。", "! ", "? ", " • ", " · ")


def _clause(text: str, start: int, end: int,
            section: tuple[int, int] = (0, 1 << 62)) -> tuple[int, int]:
    """The clause (line or sentence) around text[start:end], within its
    ``section`` (a one-line export holds its sections inside one line: the
    next section's "Preferred Qualifications" is not this clause's)."""
    low = max(0, start - CONTEXT_CHARS, section[0])
    begin = low
    for mark in _CLAUSE_ENDS:
        found = text.rfind(mark, low, start)
        if found >= 0:
            begin = max(begin, found + len(mark))
    high = min(len(text), end + CONTEXT_CHARS, section[1])
    finish = high
    for mark in _CLAUSE_ENDS:
        found = text.find(mark, end, high)
        if found >= 0:
            finish = min(finish, found)
    return begin, finish


class _SectionLookup:
    def __init__(self, sections: Sequence[Section]) -> None:
        self.sections = list(sections)
        self.starts = [s.start for s in self.sections]

    def kind_at(self, offset: int) -> str:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.sections[i].end:
            return self.sections[i].kind
        return "other"

    def bounds(self, offset: int) -> tuple[int, int]:
        """The span of the section that holds ``offset`` (all, outside any)."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.sections[i].end:
            return self.sections[i].start, self.sections[i].end
        return 0, 1 << 62


_PARENS = re.compile(r"\([^()]*\)|（[^（）]*）")


def _is_preferred(folded: str, begin: int, finish: int, kind: str, language: str,
                  at: int | None = None) -> bool:
    """Is the mention at ``at`` in the clause folded[begin:finish], in a
    section of ``kind``, only preferred? A parenthesis speaks for itself:
    "BS in math (MS preferred)" keeps the BS required."""
    clause = folded[begin:finish]
    if at is not None:
        for paren in _PARENS.finditer(clause):
            if paren.start() <= at - begin < paren.end():
                clause = paren.group(0)
                break
        else:
            clause = _PARENS.sub(" ", clause)
    if cue_pattern("preferred").search(clause):
        return not cue_pattern("strong").search(clause)
    if kind == "preferred":
        return not cue_pattern("strong").search(clause)
    return False


_SKIP_KINDS = ("company", "benefits", "process")


@lru_cache(maxsize=None)
def _scan_table() -> tuple[re.Pattern, dict[str, tuple[tuple[str, str], ...]]]:
    """One pattern for every phrase facts looks for in the body (degrees,
    seniority words, role phrases), so the body is scanned once; each phrase
    maps to its (table, key) tags. Words of all three languages: postings
    mix them (Korean text listing English skills)."""
    lexicon = load_lexicon()
    tags: dict[str, list[tuple[str, str]]] = {}
    langs = LANGS

    def add(table: str, key: str, phrases) -> None:
        for phrase in phrases:
            phrase = _norm(phrase)
            if (table, key) not in tags.setdefault(phrase, []):
                tags[phrase].append((table, key))

    for level, per_lang in lexicon.degrees.items():
        for lang in langs:
            add("degree", level, per_lang[lang])
    for lang in langs:
        add("degree", "generic", lexicon.degree_generic[lang])
    for level, per_lang in lexicon.seniority_body.items():
        for lang in langs:
            add("seniority", level, per_lang[lang])
    for role, per_lang in lexicon.role_body_phrases.items():
        for lang in langs:
            add("role", role, per_lang[lang])
    for role, per_lang in lexicon.role_body_cues.items():
        for lang in langs:
            add("cue", role, per_lang[lang])
    add("noun", "job", _JOB_NOUNS)  # for stated_roles
    frozen = {phrase: tuple(found) for phrase, found in tags.items()}
    return phrase_pattern(tuple(frozen)), frozen


def _scan(folded: str) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """(table, key) -> spans of the body's phrases of that table and key."""
    pattern, tags = _scan_table()
    found: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for match in pattern.finditer(folded):
        for tag in tags.get(_norm(match.group(0)), ()):
            found.setdefault(tag, []).append(match.span())
    return found


# --- role ---------------------------------------------------------------------

_TITLE_SPLIT = re.compile(r"\s*(?:/|\||,|;|–|—|\s-\s|\s-|-\s|\bor\b|／|・|\(|\)|（|）|\[|\]|【|】)\s*")


class _RoleTables(NamedTuple):
    role_of: dict[str, str]  # title phrase -> role
    roles: re.Pattern  # any title phrase of a data role
    others: re.Pattern  # other jobs
    engineering: re.Pattern  # engineering jobs (with an ML word: ml-engineer)
    ml_words: re.Pattern
    fields: frozenset[str]  # field names that name a job only alone
    field_jobs: re.Pattern  # job nouns that make a field just the field
    clients: re.Pattern  # customer-facing jobs


@lru_cache(maxsize=None)
def _role_tables() -> _RoleTables:
    lexicon = load_lexicon()
    role_of = phrase_owners(lexicon.role_titles)
    return _RoleTables(role_of, phrase_pattern(tuple(role_of)),
                       phrase_pattern(every_language(lexicon.other_titles)),
                       phrase_pattern(lexicon.engineering_titles), phrase_pattern(lexicon.ml_words),
                       frozenset(lexicon.title_fields), phrase_pattern(lexicon.field_loses_to),
                       phrase_pattern(lexicon.client_jobs))


_ACRONYM = re.compile(r"\s*\(([a-z]{2,5})\)\s*")
_MODIFIER = re.compile(r"\s(?:for|of|in|at|with|on)\s")  # "... for Customer Success"


def _drop_acronyms(folded: str) -> str:
    """Drop a parenthesised acronym of the words just before it, so that it
    does not cut the title: "machine learning (ml) engineer" -> "machine
    learning engineer"."""
    def keep_or_drop(match: re.Match) -> str:
        letters = match.group(1)
        words = re.findall(r"[a-z]+", folded[:match.start()])[-len(letters):]
        initials = "".join(word[0] for word in words)
        return " " if initials == letters else match.group(0)

    return _ACRONYM.sub(keep_or_drop, folded).strip()


def _client_job_heads(part: str, best: re.Match | None, clients: re.Pattern) -> bool:
    """Is a customer-facing job the head of this title part? It is when it
    ends after the part's data-role phrase (or there is none), and is not in
    a modifier after the role ("Data Scientist for Customer Success ...")."""
    head = _MODIFIER.split(part, maxsplit=1)[0] if best is not None else part
    client = max(clients.finditer(head), key=lambda m: m.end(), default=None)
    return client is not None and (best is None or client.end() > best.end())


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def title_role(title: str | None) -> str:
    """The role a title names (see the module docstring). A field name
    ("data science") names the role only when no other part of the title
    names a job: "Software Engineer - Data Science" is not a data scientist."""
    if not title or not title.strip():
        return "unknown"
    folded = fold(title)
    tables = _role_tables()
    if folded.strip() in ROLES and folded.strip() != "unknown":
        return folded.strip()
    # an acronym is left out only to cut the title into parts: it may be the
    # title's only ML word ("Natural Language Processing (NLP) Engineer")
    parts = [p for p in _TITLE_SPLIT.split(_drop_acronyms(folded)) if p.strip()]
    field_role = None
    for part in parts:
        best = None
        for match in tables.roles.finditer(part):
            if best is None or match.end() >= best.end():
                best = match
        if _client_job_heads(part, best, tables.clients):
            return "other"  # a customer-facing job, whatever data role it serves
        if best is not None:
            phrase = _norm(best.group(0))
            if phrase not in tables.fields:
                return tables.role_of[phrase]
            if field_role is None:
                field_role = tables.role_of[phrase]
    if field_role is not None and not tables.field_jobs.search(folded):
        return field_role
    if tables.engineering.search(folded) and tables.ml_words.search(folded):
        return "ml-engineer"
    if field_role is not None:
        return "other"  # a job in the field, named by a noun that is not a data role
    if tables.others.search(folded):
        return "other"
    return "unknown"


# How much each area speaks for a role the body describes. An area's value
# is log(1 + number of matches), halved when it is only preferred. Negative
# weights: a data analyst or data engineer posting does not ask for ML (nor,
# for a data engineer, statistics). The weights the hand-set table gained
# (data engineer's statistics -0.6, ML -0.3 -> -0.6) and BODY_CUE_WEIGHTS
# were chosen from small grids by cross-validation over
# ../shared/eval-dev/labels.jsonl (5-fold and leave-one-out: the folds
# chose these values in nearly every fold).
ROLE_WEIGHTS: dict[str, dict[str, float]] = {
    "data-analyst": {"analyst-practice": 1.0, "sql-databases": 0.4, "decision-communication": 0.4,
                     "business-soft": 0.2, "ml-fundamentals": -0.8, "deep-learning": -0.5},
    "data-engineer": {"data-engineering": 1.4, "sql-databases": 0.4, "cloud": 0.2,
                      "software-engineering": 0.2, "ml-fundamentals": -0.6, "statistics": -0.6},
    "data-scientist": {"statistics": 1.0, "experiment-design": 0.8, "causal-inference": 1.0,
                       "bayesian-modeling": 1.0, "ml-fundamentals": 0.7, "analyst-practice": 0.2,
                       "decision-communication": 0.3, "preprocessing-features": 0.2},
    "ml-engineer": {"ml-in-production": 1.2, "software-engineering": 0.6, "deep-learning": 0.4,
                    "ml-fundamentals": 0.4, "cloud": 0.3, "ml-design": 0.5},
    "research-scientist": {"research-awareness": 1.2, "ml-theory": 0.6, "deep-learning": 0.4,
                           "ml-fundamentals": 0.2},
}
# Duty words of rules/lexicon/roles.yaml body_cues: a role's score gains
# weight * log(1 + number of its words in the body, outside company/benefits).
BODY_CUE_WEIGHTS: dict[str, float] = {"ml-engineer": 0.4, "research-scientist": 0.3}
CUE_NEEDS_AREAS = ("ml-fundamentals", "deep-learning", "ml-in-production")  # one required
ML_ROLES = ("data-scientist", "ml-engineer", "research-scientist")  # the roles cues choose among
OTHER_BELOW = 1.0  # no role scores this much: the body describes another job
STATED_BONUS = 0.3
STATED_WITHIN = 4000  # the body names the hire near its start  # the body says "as a data scientist" / "looking for a ... engineer"
STATED_OTHER_BELOW = 3.0  # the body names only a non-data job and no role scores this much

_JOB_NOUNS = ("scientist", "engineer", "analyst", "researcher", "manager", "developer",
              "architect", "consultant", "specialist", "director")
_STATED_BEFORE = re.compile(
    r"\b(?:as an?|seeking an?|looking for an?|hiring an?|join (?:us|our team|the team) as an?"
    r"|role of an?)\s+((?:[\w&/+-]+\s+){0,5})$")


def stated_roles(folded: str, found: dict) -> list[str]:
    """Roles the body names for the hire ("as a data scientist you will",
    "we are looking for a full-stack engineer"); lexicon body phrases too."""
    roles = []
    for start, end in found.get(("noun", "job"), ()):
        if start >= STATED_WITHIN:
            break
        before = _STATED_BEFORE.search(folded, max(0, start - 70), start)
        if before is not None:
            roles.append(title_role(before.group(1) + folded[start:end]))
    for role in ROLES:
        if found.get(("role", role)):
            roles.append(role)
    return [r for r in roles if r != "unknown"]


def area_values(areas: Mapping[str, str], skills: Sequence[SkillMatch]) -> dict[str, float]:
    """area -> log(1 + matches), halved for preferred areas."""
    counts: dict[str, int] = {}
    for skill in skills:
        counts[skill.area] = counts.get(skill.area, 0) + 1
    values = {}
    for area, strength in areas.items():
        n = max(counts.get(area, 0), 2 if not skills else 1)  # no skills given: areas only
        values[area] = math.log1p(n) * (1.0 if strength == "required" else 0.5)
    return values


def cue_values(found: Mapping[tuple[str, str], Sequence],
               areas: Mapping[str, str]) -> dict[str, float]:
    """role -> log(1 + number of its body cue words) (``found`` from _scan).
    The cues tell ML roles apart, so they count only when the body requires
    ML: engineering words in a web or data-platform posting without ML do
    not make it an ML engineer's."""
    if not any(areas.get(area) == "required" for area in CUE_NEEDS_AREAS):
        return {}
    return {role: math.log1p(len(found.get(("cue", role), ())))
            for role in BODY_CUE_WEIGHTS}


@lru_cache(maxsize=None)
def _ml_areas() -> tuple[str, ...]:
    """The ML areas an ML engineer asks one of: the profile's core_ml (JD101
    reads the same list, so a body read as an ML engineer's has some ML)."""
    return load_profiles().areas("ml-engineer", "core_ml")


def body_role(values: Mapping[str, float], stated: Sequence[str],
              cues: Mapping[str, float] | None = None,
              strengths: Mapping[str, str] | None = None) -> str:
    """The role the duties and requirements describe (see the module docstring).
    The areas (and stated roles) decide the kind of job: another job, analyst,
    data engineer or an ML role; duty words (``cues``) only choose among the
    ML roles (data scientist, ML engineer, research scientist)."""
    scores = {role: sum(w * values.get(area, 0.0) for area, w in weights.items())
              for role, weights in ROLE_WEIGHTS.items()}
    for role in set(stated):
        if role in scores:
            scores[role] += STATED_BONUS
    # software and cloud without any ML is another engineer's job: not an ML
    # engineer's, nor (when it scored as one) the next role's unless clearly
    software_only = not any(values.get(area, 0.0) > 0 for area in _ml_areas())
    software_led = software_only and max(scores, key=lambda r: scores[r]) == "ml-engineer"
    if software_only:
        scores.pop("ml-engineer")
    if strengths is not None and strengths.get("research-awareness") != "required":
        scores.pop("research-scientist")  # research only preferred: not a research job
    best = max(scores, key=lambda r: scores[r])
    if scores[best] < OTHER_BELOW or (software_led and scores[best] < STATED_OTHER_BELOW):
        return "other"
    if "other" in stated and not any(r in scores for r in stated) and scores[best] < STATED_OTHER_BELOW:
        return "other"
    if best in ML_ROLES and cues:
        best = max((r for r in ML_ROLES if r in scores),
                   key=lambda r: scores[r] + BODY_CUE_WEIGHTS.get(r, 0.0) * cues.get(r, 0.0))
    return best


# --- seniority ----------------------------------------------------------------


@lru_cache(maxsize=None)
def _title_level_pattern(level: str) -> re.Pattern:
    per_lang = load_lexicon().seniority_title.get(level) or {}
    return phrase_pattern(every_language(per_lang))


# what joins two levels into a range in a title ("Junior/Senior", 주니어~시니어,
# 新卒・中途); a dash only when unspaced ("Intern - Lead Generation" names a team)
LEVEL_RANGE = re.compile(r"\s*(?:/|~|〜|・|、|,|to|or|and)\s*|-(?=\S)")


def title_seniority(title: str | None) -> str:
    """The level the title names ("Data Scientist I" -> junior): its first
    level word, except that a junior word starting a range of levels
    ("Junior/Senior", 주니어~시니어) names the highest in it (the years may be
    the senior's). Other level words later in the title name a team or a
    field ("Junior Data Scientist - Lead Generation")."""
    if not title or not title.strip():
        return "unknown"
    folded = fold(title)
    found = sorted((match.start(), -match.end(), level) for level in ("senior", "junior", "mid")
                   for match in _title_level_pattern(level).finditer(folded))
    if not found:
        return "unknown"
    start, minus_end, level = found[0]
    joiner = LEVEL_RANGE.match(folded, -minus_end)
    if level == "junior" and joiner and any(other != "junior" and at == joiner.end()
                                            for at, _, other in found):
        # a range: the highest level it names ("I, II, III, or Sr." -> senior)
        return "senior" if any(other == "senior" for _, _, other in found) else "mid"
    return level


def _band(years: int) -> str:
    if years <= JUNIOR_MAX_YEARS:
        return "junior"
    if years <= MID_MAX_YEARS:
        return "mid"
    return "senior"


def body_seniority(found: dict, years_max: int | None, areas: Mapping[str, str]) -> str:
    if years_max is not None:
        return _band(years_max)
    if found.get(("seniority", "junior")):
        return "junior"
    senior_cues = len(found.get(("seniority", "senior"), ()))
    if senior_cues >= 1 or areas.get("leadership") == "required":
        return "senior"
    return "unknown"


# --- years --------------------------------------------------------------------


_YEAR_UNIT = re.compile(r"(?:years?|yrs?)(?![a-z])|년(?!\s*(?:도|월|생))|年(?!\s*(?:度|月|生))")
_LOOK_BACK = 45  # how far before "years" the figure may start


@lru_cache(maxsize=None)
def _figure_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The figure just before a unit ("3+ ", "three (3) ", "3-5 ", "3~5"),
    anchored at the unit: Latin, then CJK."""
    words = load_lexicon().number_words
    en_words = "|".join(sorted(words["en"], key=len, reverse=True))
    number = rf"(?:\d{{1,2}}|{en_words})"
    latin = (rf"(?<![\w.$%])(?P<a>{number})(?:\s*\(\d{{1,2}}\))?\s*\+?\s*"
             rf"(?:(?:-|–|—|to)\s*(?P<b>{number})(?:\s*\(\d{{1,2}}\))?\s*\+?\s*)?"
             r"(?:or more\s+|or greater\s+|plus\s+)?(?:full[- ]time\s+|professional\s+|relevant\s+)?$")
    cjk = (r"(?<![\d.])(?P<a>\d{1,2})\s*(?:(?:년|年)?\s*(?:~|-|–|〜|～)\s*(?P<b>\d{1,2})\s*)?$")
    return re.compile(latin), re.compile(cjk)


_EXPERIENCE = re.compile(
    r"experience|experienced|\bexp\b|\bwork|professional|industry|relevant|related|hands-on|"
    r"background|practical|track record|경력|경험|실무|업무|개발|연차|経験|実務|歴|業務|開発")
# a label just before the figure: "[WORK EXPERIENCE] 5-9 years", "Required
# Experience" / "3-5 years" (not a sentence's end: "... experience." / "2+ years")
_EXPERIENCE_LABEL = re.compile(r"(?:experience|経験|경력)(?:\s*[:：\]\)】])?\s*$")
_YEARS_OF = re.compile(r"\s*(?:of|in|['’]|working|using|with|as|leading|managing|building|developing)\b")
_NOT_EXPERIENCE = re.compile(
    r"years? old|years? ago|years? of age|founded|history|in business for|been in business|anniversary|established|"
    r"warranty|설립|창립|업력|설립된|創業|設立")
_BEFORE_NOT_REQUIRED = re.compile(
    r"(?:past|last|next|within|every|after|for over|over the|first|up to|than|in)\s*$")
_ABOUT_COMPANY = re.compile(r"\bwe\b|\bour\b|\bus\b")
_ABOUT_CANDIDATE = re.compile(r"\byou|candidate|applicant|require|minimum|\bmust\b|at least")
_NEW_GRADS_OK = re.compile(r"신입|新卒|未経験")


def _number(text: str) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    return load_lexicon().number_words["en"].get(text.lower())


def required_years(masked: str, folded: str, lookup: _SectionLookup,
                   language: str) -> list[tuple[int, int, int]]:
    """Every years-of-experience figure stated as required: (its lower
    bound, start, end of the figure through its unit: "3+ years")."""
    found = []
    latin, cjk = _figure_patterns()
    for unit in _YEAR_UNIT.finditer(folded):
        is_cjk = unit.group(0) in ("년", "年")
        match = (cjk if is_cjk else latin).search(folded, max(0, unit.start() - _LOOK_BACK), unit.start())
        if match is None:
            continue
        low = _number(match.group("a"))
        if low is None or low > 30:
            continue
        kind = lookup.kind_at(match.start())
        if kind in _SKIP_KINDS:
            continue
        begin, finish = _clause(folded, match.start(), match.end(), lookup.bounds(match.start()))
        clause = folded[begin:finish]
        if _NOT_EXPERIENCE.search(clause):
            continue
        if not (_EXPERIENCE.search(clause) or _YEARS_OF.match(folded, unit.end())
                or _EXPERIENCE_LABEL.search(folded, max(0, match.start() - 30), match.start())):
            continue
        if _BEFORE_NOT_REQUIRED.search(folded[max(begin, match.start() - 14):match.start()]):
            continue
        if _ABOUT_COMPANY.search(clause) and not _ABOUT_CANDIDATE.search(clause):
            continue
        if is_cjk and _NEW_GRADS_OK.search(clause):
            continue
        if _is_preferred(folded, begin, finish, kind, language, match.start()):
            continue
        found.append((low, match.start("a"), unit.end()))
    return found


# --- degree -------------------------------------------------------------------

_LEVELS = ("none", "bachelor", "master", "phd")  # lowest first (none = no degree needed)
_ABBREV_NOT = re.compile(r"\s*(?:office|excel|word|access|sql|project|powerpoint|teams|visio|azure|dynamics|power\s?bi|windows|outlook|-?dos)", re.I)


@lru_cache(maxsize=None)
def _abbreviations() -> tuple[re.Pattern, dict[str, str]]:
    """One case-sensitive pattern for the degree abbreviations (BS, MSc, PhD)."""
    level_of = {}
    for level, forms in load_lexicon().degree_abbreviations.items():
        for form in forms:
            level_of.setdefault(form, level)
    by_first: dict[str, list[str]] = {}
    for form in sorted(level_of, key=len, reverse=True):
        by_first.setdefault(form[0], []).append(re.escape(form[1:]))
    # each branch starts with a literal, so the engine skips ahead quickly
    branches = [
        re.escape(first) + "(?<![A-Za-z0-9.]" + re.escape(first) + ")(?:" + "|".join(rests) + ")"
        for first, rests in sorted(by_first.items())
    ]
    return re.compile("(?:" + "|".join(branches) + ")(?![A-Za-z0-9])"), level_of


def required_degree(masked: str, folded: str, lookup: _SectionLookup, language: str,
                    found: dict) -> tuple[str, tuple[int, int] | None]:
    """The lowest degree stated as required, "none", or "unknown"; and where
    the posting first states that level as required (None for "unknown")."""
    lang = language if language in LANGS else "en"
    mentions: list[tuple[int, int, str]] = []
    for level in _LEVELS:
        for start, end in found.get(("degree", level), ()):
            mentions.append((start, end, level))
    abbrev, level_of = _abbreviations()
    for match in abbrev.finditer(masked):
        if not _ABBREV_NOT.match(masked, match.end()):
            mentions.append((match.start(), match.end(), level_of[match.group(0)]))
    generic_hits = found.get(("degree", "generic"), ())
    levels: dict[str, tuple[int, int]] = {}  # level -> its first required mention
    clauses_with_level: set[tuple[int, int]] = set()
    for start, end, level in mentions:
        kind = lookup.kind_at(start)
        if kind in _SKIP_KINDS:
            continue
        begin, finish = _clause(folded, start, end, lookup.bounds(start))
        clauses_with_level.add((begin, finish))
        if level != "none" and _is_preferred(folded, begin, finish, kind, lang, start):
            continue
        levels[level] = min(levels.get(level, (start, end)), (start, end))
    for start, end in generic_hits:
        kind = lookup.kind_at(start)
        if kind in _SKIP_KINDS:
            continue
        begin, finish = _clause(folded, start, end, lookup.bounds(start))
        if (begin, finish) in clauses_with_level:
            continue
        if _is_preferred(folded, begin, finish, kind, lang, start):
            continue
        levels["bachelor"] = min(levels.get("bachelor", (start, end)), (start, end))
    for level in ("none", "bachelor", "master", "phd"):
        if level in levels:
            return level, levels[level]
    return "unknown", None


# --- the whole --------------------------------------------------------------

# names and codes writers use for the languages jdlint reads
_LANGUAGE_NAMES = {"kr": "ko", "kor": "ko", "korean": "ko", "한국어": "ko", "jp": "ja", "jpn": "ja",
                   "japanese": "ja", "日本語": "ja", "eng": "en", "english": "en"}


def declared_language(posting: Posting) -> str | None:
    """The front matter's ``language`` as a code: the primary subtag of a
    tag with a region (``ko-KR``, ``ja_JP``), in lower case, with the names
    and codes writers use for Korean, Japanese and English (``kr``,
    ``Japanese``, 日本語) mapped to ko, ja, en; None when not given."""
    declared = posting.front_matter.get("language") if posting.front_matter else None
    if not isinstance(declared, str) or not declared.strip():
        return None
    code = re.split(r"[-_]", declared.strip(), maxsplit=1)[0].lower()
    return _LANGUAGE_NAMES.get(code, code) or None


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0400-\u04ff]+")


# Sections whose lines say what the hire does or needs.
_LINE_END = re.compile(r"\r\n|\r|\n")
_ASK_KINDS = frozenset({"requirements", "preferred", "responsibilities"})
TOO_SHORT_LINES = 3  # a short posting with this many requirement/duty lines can be judged


def _ask_lines(masked: str, sections: Sequence[Section]) -> int:
    """Lines of two or more words (a CJK line: four characters or more) under
    a requirements, preferred or responsibilities heading."""
    count = 0
    for section in sections:
        if section.kind not in _ASK_KINDS or not section.heading:
            continue
        # lines end only at \n, \r\n, \r (the contract), not at str.splitlines's other breaks
        body = _LINE_END.split(masked[section.start:section.end])[1:]  # the heading line is not asked
        for line in body:
            words = len(_WORD.findall(line)) + len(_CJK_CHAR.findall(line)) / 2
            count += words >= 2
    return count


def is_too_short(masked: str, sections: Sequence[Section] = ()) -> bool:
    """Too little text to judge what the posting lacks: under 60 words (two
    CJK characters count as a word) and fewer than three lines under a
    requirements, preferred or responsibilities heading. A short posting
    with a clear requirements list ("## Requirements" and four bullets) can
    be judged; a 300-character preview without one cannot."""
    # the common case, decided cheaply (split stops after that many words)
    if len(masked.split(maxsplit=2 * TOO_SHORT_WORDS)) >= 2 * TOO_SHORT_WORDS:
        return False
    words = len(_WORD.findall(masked)) + len(_CJK_CHAR.findall(masked)) / 2
    if words >= TOO_SHORT_WORDS:
        return False
    return _ask_lines(masked, sections) < TOO_SHORT_LINES


def infer_facts(posting: Posting, masked: str, sections: Sequence[Section],
                areas: Mapping[str, str], skills: Sequence[SkillMatch], language: str,
                index: LineIndex) -> Facts:
    """The posting's Facts (see the module docstring)."""
    role_source = posting.front_matter.get("role") if posting.front_matter else None
    title = role_source if isinstance(role_source, str) and role_source.strip() else posting.title
    folded = fold(masked)
    lookup = _SectionLookup(sections)
    role_t = title_role(title)
    found = _scan(folded)
    for tag, spans in found.items():  # words in company, benefit and process text say nothing
        found[tag] = [span for span in spans if lookup.kind_at(span[0]) not in _SKIP_KINDS]
    role_b = body_role(area_values(areas, skills), stated_roles(folded, found), cue_values(found, areas),
                       areas)
    figures = required_years(masked, folded, lookup, language)
    years = [low for low, _, _ in figures]
    years_required = min(years) if years else None
    years_at = next((span for low, *span in figures if low == years_required), None)
    declared_level = posting.front_matter.get("seniority") if posting.front_matter else None
    seniority_t = (declared_level if declared_level in ("junior", "mid", "senior")
                   else title_seniority(posting.title))  # front matter states the level
    seniority_b = body_seniority(found, max(years) if years else None, areas)
    degree, degree_at = required_degree(masked, folded, lookup, language, found)
    return Facts(
        language=language,
        role=role_t if role_t != "unknown" else role_b,
        role_title=role_t,
        role_body=role_b,
        seniority=seniority_t if seniority_t != "unknown" else seniority_b,
        seniority_title=seniority_t,
        seniority_body=seniority_b,
        years_required=years_required,
        years_at=tuple(years_at) if years_at else None,
        degree_required=degree,
        degree_at=degree_at,
        supported=language in SUPPORTED,
        too_short=is_too_short(masked, sections),
        flat=is_flat(masked),
        sections_found=any(s.heading for s in sections),
    )
