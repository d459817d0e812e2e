"""Hand-built ``Analysis`` objects for the tests of kinds, engine and
suppressions, so that they do not need the real analysis (or spaCy)."""
from __future__ import annotations

import re
import unicodedata

from jdlint.model import Analysis, Comment, Facts, Notice, Posting, Section, SkillMatch, Tokens

_TOKEN = re.compile(r"\w+|[^\w\s]")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
HEADING_KINDS = {
    "requirements": "requirements", "qualifications": "requirements", "자격요건": "requirements",
    "必須スキル": "requirements", "nice to have": "preferred", "preferred": "preferred",
    "우대사항": "preferred", "歓迎スキル": "preferred", "responsibilities": "responsibilities",
    "about us": "company", "benefits": "benefits",
}


def tokens(text: str) -> Tokens:
    found = list(_TOKEN.finditer(text))
    return Tokens(
        norms=tuple(unicodedata.normalize("NFKC", m.group()).lower() for m in found),
        starts=tuple(m.start() for m in found),
        ends=tuple(m.end() for m in found),
    )


def sections(text: str) -> tuple[Section, ...]:
    """``## Heading`` lines start sections; text before the first is 'other'."""
    found = []
    offset = 0
    for line_number, line in enumerate(text.split("\n"), 1):
        if line.startswith("## "):
            heading = line[3:].strip()
            found.append((HEADING_KINDS.get(heading.lower(), "other"), heading, offset, line_number))
        offset += len(line) + 1
    out = []
    if not found or found[0][2] > 0:
        out.append(Section("other", "", 0, found[0][2] if found else len(text), 1))
    for n, (kind, heading, start, line) in enumerate(found):
        end = found[n + 1][2] if n + 1 < len(found) else len(text)
        out.append(Section(kind, heading, start, end, line))
    return tuple(out)


def skill(text: str, phrase: str, area: str, strength: str = "required", section: str = "requirements") -> SkillMatch:
    start = text.index(phrase)
    return SkillMatch(skill=area + "-x", area=area, strength=strength, text=phrase, start=start,
                      end=start + len(phrase), line=text.count("\n", 0, start) + 1, column=1,
                      score=100, section=section)


def make_analysis(text: str = "# Data Scientist\n\n## Requirements\n\n- SQL\n", *,
                  role: str = "data-scientist", seniority: str = "mid",
                  role_title: str | None = None, role_body: str | None = None,
                  seniority_title: str = "unknown", areas: dict | None = None,
                  skills: tuple = (), language: str = "en", too_short: bool = False,
                  partial: bool = False, title: str | None = None, years: int | None = None,
                  years_at: tuple[int, int] | None = None,
                  degree_at: tuple[int, int] | None = None,
                  degree: str = "unknown", notices: tuple[Notice, ...] = (),
                  metadata: dict | None = None, path: str = "p.md",
                  record: str | None = None) -> Analysis:
    comments = tuple(Comment(m.start(), m.end(), m.group(1).strip()) for m in _COMMENT.finditer(text))
    masked = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    posting = Posting(path=path, text=text, masked=masked, record=record, title=title,
                      metadata=metadata or {}, partial=partial, notices=notices, comments=comments)
    facts = Facts(
        language=language, role=role, role_title=role_title or role, role_body=role_body or role,
        seniority=seniority, seniority_title=seniority_title, seniority_body=seniority,
        years_required=years, degree_required=degree, supported=language in ("en", "ko", "ja"),
        too_short=too_short, flat=False, sections_found=True, years_at=years_at,
        degree_at=degree_at,
    )
    return Analysis(posting=posting, facts=facts, sections=sections(text), skills=tuple(skills),
                    areas=dict(areas or {}), tokens=tokens(masked))


def two_sections(text: str, second_at: str, first: tuple[str, str],
                 second: tuple[str, str]) -> tuple[Section, Section]:
    """Two sections (kind, heading) of ``text``, the second from ``second_at`` on."""
    cut = text.index(second_at)
    return (Section(first[0], first[1], 0, cut, 1),
            Section(second[0], second[1], cut, len(text), text.count("\n", 0, cut) + 1))
