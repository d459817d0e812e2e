"""Rules as data: loading and validating ``rules/checks/*.yaml``.

(Skeleton: the dataclasses below are the interface other modules rely on;
the loader is being written.)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


class RuleError(Exception):
    """A rule file is wrong. The message names the file, the rule id and the key."""


@dataclass(frozen=True)
class Example:
    text: str  # a whole posting (Markdown, may start with front matter)
    language: str = "en"  # en | ko | ja, for the test ids and coverage checks
    note: str = ""


@dataclass(frozen=True)
class Rule:
    id: str  # JD + three digits
    name: str  # kebab-case
    kind: str  # a key of kinds.KINDS
    severity: str  # error | warning | info
    summary: str
    why: str  # cites the article's section (§n) for the article's rules
    source: str  # where a rule not from the article comes from ("" otherwise)
    message: str  # str.format template over the kind's hit values
    scope: tuple[str, ...] = ()  # section kinds; empty = everywhere
    when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # role/seniority -> allowed values
    options: Mapping[str, object] = field(default_factory=dict)  # kind options, defaults filled in
    passes: tuple[Example, ...] = ()
    fails: tuple[Example, ...] = ()
    path: str = ""  # the file it came from
