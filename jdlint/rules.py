"""Rules as data: loading and validating ``rules/checks/*.yaml``.

One YAML file is one rule (house style §1)::

    id: JD202                      # JD + three digits
    name: elite-credentials-required   # kebab-case
    kind: phrase                   # a key of kinds.KINDS
    severity: warning              # error | warning | info
    summary: one line for `jdlint rules`
    why: the reason, citing the article's section (§4-4)
    source: where a rule not from the article comes from (instead of §)
    message: "str.format template over the kind's values: {phrase}"
    scope: [requirements]          # optional: section kinds where hits count
    when: {role: [data-scientist], seniority: [junior]}   # optional
    unless: {role_title: [research-scientist], role_body: [research-scientist]}
                                   # optional: not when all of these hold
    unless_text: {sections: [responsibilities, other], phrases: {en: [...]}}
                                   # optional: not when these sections hold a phrase
    options: {...}                 # the kind's options (checked, defaults filled)
    examples: {pass: [...], fail: [...]}   # whole postings: str or {text, language, note}
    enabled: false                 # optional: off unless selected (JD004)

Every mistake raises ``RuleError`` naming the file, the rule id and the key.
"""
from __future__ import annotations

import dataclasses
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from jdlint.kinds import KINDS, Kind, Option, validate_option
from jdlint.model import LANGUAGES, ROLES, SECTION_KINDS, SENIORITIES, SEVERITIES
from jdlint.profiles import ProfileError, load_profiles
from jdlint.resources import rules_root
from jdlint.yamlsafe import YamlError, load_yaml


class RuleError(Exception):
    """A rule file is wrong. The message names the file, the rule id and the key."""


@dataclass(frozen=True)
class Example:
    text: str  # a whole posting (Markdown, may start with front matter)
    language: str = "en"  # en | ko | ja, for the test ids and coverage checks
    note: str = ""


@dataclass(frozen=True)
class TextCondition:
    """``unless_text``: the rule does not apply to a posting whose text in
    one of ``sections`` (section kinds) holds one of ``phrases`` (language ->
    phrases, in the syntax of kinds.compile_phrase)."""

    phrases: Mapping[str, tuple[str, ...]]
    sections: tuple[str, ...]


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
    unless: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # skipped when all of these hold
    unless_text: TextCondition | None = None  # skipped when the posting says one of these
    options: Mapping[str, object] = field(default_factory=dict)  # kind options, defaults filled in
    passes: tuple[Example, ...] = ()
    fails: tuple[Example, ...] = ()
    path: str = ""  # the file it came from
    enabled: bool = True  # False: runs only when selected by id, prefix or name

    def applies_to(self, facts: object) -> bool:
        """Does ``when`` allow these facts (an object with ``role``,
        ``seniority``, ... attributes: ``model.Facts``), and ``unless`` not
        rule them out?"""
        for key, allowed in self.when.items():
            if getattr(facts, key) not in allowed:
                return False
        return not (self.unless and all(getattr(facts, key) in values
                                        for key, values in self.unless.items()))


ID_PATTERN = re.compile(r"JD[0-9]{3}\Z")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
KEYS = ("id", "name", "kind", "severity", "summary", "why", "source", "message",
        "scope", "when", "unless", "unless_text", "options", "examples", "enabled")
REQUIRED = ("id", "name", "kind", "severity", "summary", "why", "message")
WHEN_VALUES = {"role": ROLES, "seniority": SENIORITIES,
               # what the title alone says (Facts.role_title / seniority_title)
               "role_title": ROLES, "seniority_title": SENIORITIES,
               # what the requirements alone describe (Facts.role_body)
               "role_body": ROLES}


def guess_language(text: str) -> str:
    """en, ko or ja from the script of the text (for examples given as plain strings)."""
    for char in text:
        if "\uac00" <= char <= "\ud7a3":
            return "ko"
        if "\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff":
            return "ja"
    return "en"


class _Where:
    """Builds error messages that name the file, the rule and the key."""

    def __init__(self, path: str, rule_id: str):
        self.path, self.rule_id = path, rule_id

    def error(self, key: str, problem: str) -> RuleError:
        return RuleError(f"{self.path}: rule {self.rule_id}: {key}: {problem}")


def _text(data: Mapping, key: str, where: _Where, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise where.error(key, "expected a non-empty string")
    return value.strip()


def _examples(value: object, where: _Where) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if value is None:
        return (), ()
    if not isinstance(value, dict):
        raise where.error("examples", "expected a mapping with 'pass' and 'fail'")
    unknown = set(value) - {"pass", "fail"}
    if unknown:
        raise where.error(f"examples.{sorted(unknown)[0]}", "unknown key (use pass or fail)")
    out = []
    for side in ("pass", "fail"):
        items = value.get(side) or []
        if not isinstance(items, list):
            raise where.error(f"examples.{side}", "expected a list")
        examples = []
        for n, item in enumerate(items, 1):
            key = f"examples.{side}[{n}]"
            if isinstance(item, str):
                examples.append(Example(item, guess_language(item)))
                continue
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise where.error(key, "expected a string or a mapping with 'text'")
            extra = set(item) - {"text", "language", "note"}
            if extra:
                raise where.error(f"{key}.{sorted(extra)[0]}", "unknown key (use text, language, note)")
            language = item.get("language", guess_language(item["text"]))
            if language not in LANGUAGES:
                raise where.error(f"{key}.language", f"unknown language {language!r}")
            note = item.get("note", "")
            if not isinstance(note, str):
                raise where.error(f"{key}.note", "expected a string")
            examples.append(Example(item["text"], language, note))
        out.append(tuple(examples))
    return out[0], out[1]


def check_options(kind: type[Kind], given: object, where: _Where,
                  base: Mapping[str, object] | None = None) -> dict[str, object]:
    """The kind's options: ``base`` (or the defaults) updated with ``given``, checked."""
    if given is None:
        given = {}
    if not isinstance(given, dict):
        raise where.error("options", "expected a mapping")
    options = dict(base) if base is not None else {n: o.default for n, o in kind.options.items()}
    for name, value in given.items():
        if isinstance(name, str):
            name = name.replace("-", "_")  # configs may spell options in kebab-case
        if name not in kind.options:
            known = ", ".join(kind.options) or "none"
            raise where.error(f"options.{name}", f"unknown option (known: {known})")
        try:
            checked = validate_option(kind.options[name], value)
        except ValueError as exc:
            raise where.error(f"options.{name}", str(exc)) from None
        if kind.options[name].type == "int-map" and isinstance(options.get(name), dict):
            checked = {**options[name], **checked}  # {senior: 14} keeps the other levels
        options[name] = checked
    return options


def _placeholders(template: str, kind: type[Kind], where: _Where) -> None:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise where.error("message", f"not a valid template: {exc}") from None
    for name in fields:
        base = re.split(r"[.\[]", name, maxsplit=1)[0]
        if base not in kind.values:
            known = ", ".join(kind.values) or "none"
            raise where.error("message", f"unknown placeholder {{{name}}} (known: {known})")


def parse_rule(data: object, path: str) -> Rule:
    """One rule from a parsed YAML document."""
    if not isinstance(data, dict):
        raise RuleError(f"{path}: expected a mapping (one rule per file)")
    rule_id = data.get("id")
    where = _Where(path, rule_id if isinstance(rule_id, str) else "?")
    if not isinstance(rule_id, str) or not ID_PATTERN.match(rule_id):
        raise where.error("id", "expected JD followed by three digits")
    for key in data:
        if key not in KEYS:
            raise where.error(str(key), f"unknown key (known: {', '.join(KEYS)})")
    for key in REQUIRED:
        if key not in data:
            raise where.error(key, "missing")
    name = _text(data, "name", where)
    if not NAME_PATTERN.match(name):
        raise where.error("name", "expected kebab-case (lower-case words joined by '-')")
    kind_name = _text(data, "kind", where)
    if kind_name not in KINDS:
        raise where.error("kind", f"unknown kind {kind_name!r} (known: {', '.join(KINDS)})")
    kind = KINDS[kind_name]
    severity = _text(data, "severity", where)
    if severity not in SEVERITIES:
        raise where.error("severity", f"expected one of {', '.join(SEVERITIES)}")
    why = _text(data, "why", where)
    source = _text(data, "source", where) if "source" in data else ""
    if not source and "§" not in why:
        raise where.error("why", "cite the article's section (§n), or give a 'source'")
    message = _text(data, "message", where)
    _placeholders(message, kind, where)
    scope = data.get("scope", [])
    if not isinstance(scope, list) or any(s not in SECTION_KINDS for s in scope):
        raise where.error("scope", f"expected a list of section kinds ({', '.join(SECTION_KINDS)})")
    when = _conditions(data, "when", where)
    unless = _conditions(data, "unless", where)
    unless_text = _text_condition(data.get("unless_text"), where)
    options = check_options(kind, data.get("options"), where)
    passes, fails = _examples(data.get("examples"), where)
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise where.error("enabled", "expected true or false")
    return Rule(
        id=rule_id, name=name, kind=kind_name, severity=severity,
        summary=_text(data, "summary", where), why=why, source=source, message=message,
        scope=tuple(scope), when=when, unless=unless, unless_text=unless_text, options=options,
        passes=passes, fails=fails, path=path, enabled=enabled,
    )


def _conditions(data: Mapping, key: str, where: _Where) -> dict[str, tuple[str, ...]]:
    """``when`` / ``unless``: fact name -> the values it may have."""
    conditions = data.get(key, {})
    if not isinstance(conditions, dict):
        raise where.error(key, f"expected a mapping ({', '.join(WHEN_VALUES)})")
    checked = {}
    for name, values in conditions.items():
        if name not in WHEN_VALUES:
            raise where.error(f"{key}.{name}", f"unknown condition (known: {', '.join(WHEN_VALUES)})")
        if not isinstance(values, list) or any(v not in WHEN_VALUES[name] for v in values):
            raise where.error(f"{key}.{name}", f"expected a list of {', '.join(WHEN_VALUES[name])}")
        checked[name] = tuple(values)
    return checked


def _text_condition(value: object, where: _Where) -> TextCondition | None:
    """``unless_text``: {phrases: {lang: [...]}, sections: [kinds]} (sections
    default to every kind)."""
    if value is None:
        return None
    if not isinstance(value, dict) or "phrases" not in value:
        raise where.error("unless_text", "expected a mapping with 'phrases' and optional 'sections'")
    extra = set(value) - {"phrases", "sections"}
    if extra:
        raise where.error(f"unless_text.{sorted(extra)[0]}", "unknown key (use phrases, sections)")

    def checked(key: str, given: object) -> object:  # the key names its option type too
        try:
            return validate_option(Option(key, None, ""), given)
        except ValueError as exc:
            raise where.error(f"unless_text.{key}", str(exc)) from None

    phrases = checked("phrases", value["phrases"])
    sections = checked("sections", value.get("sections", list(SECTION_KINDS)))
    if not any(phrases.values()):
        raise where.error("unless_text.phrases", "expected at least one phrase")
    return TextCondition(phrases=phrases, sections=sections)


def load_rule_file(path: Path) -> Rule:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None
    try:
        data = load_yaml(text, what=str(path))
    except YamlError as exc:
        raise RuleError(str(exc)) from None  # names the file (and the line)
    return parse_rule(data, str(path))


def load_rules(extra_dirs: Iterable[str | Path] = ()) -> tuple[Rule, ...]:
    """The built-in rules plus organisation rules from ``extra_dirs``, by id."""
    try:
        load_profiles()  # the kinds need them: a broken profiles file is a rule error
    except ProfileError as exc:
        raise RuleError(str(exc)) from None
    folders = [rules_root() / "checks"] + [Path(d) for d in extra_dirs]
    by_id: dict[str, Rule] = {}
    by_name: dict[str, Rule] = {}
    for folder in folders:
        if not folder.is_dir():
            raise RuleError(f"{folder}: not a folder of rule files")
        for path in sorted(folder.glob("*.yaml")):
            rule = load_rule_file(path)
            for table, key in ((by_id, rule.id), (by_name, rule.name)):
                if key in table:
                    raise RuleError(f"{path}: rule {rule.id}: {key} is already defined "
                                    f"in {table[key].path}")
                table[key] = rule
    return tuple(sorted(by_id.values(), key=lambda r: r.id))


def selector_matches(rule: Rule, selector: str) -> bool:
    """Does a selector (ALL, an id, an id prefix such as JD3, or a name) name
    ``rule``? Ids and prefixes in any case. The one definition for the
    command line, the configuration and per-file-ignores."""
    selector = selector.strip()
    upper = selector.upper()
    if upper in ("ALL", rule.id) or selector == rule.name:
        return True
    return bool(re.fullmatch(r"JD[0-9]{0,3}", upper)) and rule.id.startswith(upper)


def _pick(rules: Iterable[Rule], tokens: Iterable[str], what: str) -> set[str]:
    rules = tuple(rules)
    picked: set[str] = set()
    for token in tokens:
        found = [r.id for r in rules if selector_matches(r, token)]
        if not found:
            raise RuleError(f"{what}: {token!r} names no rule (use an id, a prefix such as JD3, or a name)")
        picked.update(found)
    return picked


def select_rules(rules: Iterable[Rule], *, select: Iterable[str] = (),
                 extend_select: Iterable[str] = (), ignore: Iterable[str] = (),
                 overrides: Mapping[str, Mapping[str, object]] | None = None) -> tuple[Rule, ...]:
    """The rules to run: ``select`` (default: every enabled rule) plus ``extend_select``,
    minus ``ignore``; each takes ids, id prefixes ("JD3") or names.
    ``overrides`` maps a rule (id or name) to {severity: ..., <option>: ...}."""
    rules = tuple(rules)
    select = tuple(select)
    chosen = _pick(rules, select, "select") if select else {r.id for r in rules if r.enabled}
    chosen |= _pick(rules, extend_select, "extend-select")
    chosen -= _pick(rules, ignore, "ignore")
    changed: dict[str, Rule] = {}
    for key, change in (overrides or {}).items():
        matching = [r for r in rules if key in (r.id, r.name)]
        if not matching:
            raise RuleError(f"rules.{key}: names no rule")
        rule = matching[0]
        where = _Where(f"rules.{key}", rule.id)
        if not isinstance(change, Mapping):
            raise where.error(key, "expected a mapping of severity and options")
        change = dict(change)
        severity = change.pop("severity", rule.severity)
        if severity not in SEVERITIES:
            raise where.error("severity", f"expected one of {', '.join(SEVERITIES)}")
        options = check_options(KINDS[rule.kind], change, where, base=rule.options)
        changed[rule.id] = dataclasses.replace(rule, severity=severity, options=options)
    return tuple(changed.get(r.id, r) for r in rules if r.id in chosen)
