"""The skill taxonomy: ``rules/taxonomy/<area>.yaml`` plus user folders.

Each file names one contract area and lists its skills (format in
docs/design.md). A user folder may add skills, or aliases to a skill that
already exists (same id: its aliases and exact forms are merged).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from jdlint.model import AREAS, LANGUAGES
from jdlint.resources import rules_root
from jdlint.yamlsafe import YamlError, load_yaml


class TaxonomyError(Exception):
    """A taxonomy file is wrong; the message names the file and the key."""


@dataclass(frozen=True)
class Skill:
    id: str
    label: str
    area: str
    aliases: Mapping[str, tuple[str, ...]]  # language -> phrases
    exact: tuple[str, ...] = ()  # short/ambiguous forms: exact, case-sensitive, in context
    fuzzy: bool = True
    # False: a phrase that only looks like this area's skills ("with your team
    # lead" is not leading): it wins the overlap against the shorter aliases
    # inside it, then is dropped, so it asks for nothing
    counts: bool = True


@dataclass(frozen=True)
class Taxonomy:
    skills: tuple[Skill, ...]
    by_id: Mapping[str, Skill]
    files: tuple[str, ...] = ()  # the files read, in order


def taxonomy_files(extra_dirs: Iterable[str | Path] = ()) -> list[Path]:
    """The built-in taxonomy files, then each extra folder's, sorted by name."""
    files = []
    builtin = _builtin_dir()
    if builtin is not None:
        files.extend(sorted(builtin.glob("*.yaml")))
    for folder in extra_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            raise TaxonomyError(f"{folder}: taxonomy folder not found")
        files.extend(sorted(folder.glob("*.yaml")))
    return files


def load_taxonomy(extra_dirs: Iterable[str | Path] = (), *, builtin: bool = True) -> Taxonomy:
    files = taxonomy_files(extra_dirs) if builtin else _only_extra(extra_dirs)
    by_id: dict[str, Skill] = {}
    for path in files:
        for skill in _read_file(path):
            old = by_id.get(skill.id)
            by_id[skill.id] = skill if old is None else _merge(old, skill, path)
    return Taxonomy(skills=tuple(by_id.values()), by_id=by_id, files=tuple(str(p) for p in files))


def _builtin_dir() -> Path | None:
    try:
        folder = rules_root() / "taxonomy"
    except FileNotFoundError:
        folder = Path(__file__).resolve().parent.parent / "rules" / "taxonomy"
    return folder if folder.is_dir() else None


def _only_extra(extra_dirs: Iterable[str | Path]) -> list[Path]:
    files = []
    for folder in extra_dirs:
        files.extend(sorted(Path(folder).glob("*.yaml")))
    return files


def _load_yaml(text: str, what: str) -> object:
    try:
        return load_yaml(text, what=what)
    except YamlError as error:  # names the file (and the line)
        raise TaxonomyError(str(error)) from None


def _read_file(path: Path) -> list[Skill]:
    what = str(path)
    data = _load_yaml(path.read_text(encoding="utf-8"), what)
    if not isinstance(data, dict):
        raise TaxonomyError(f"{what}: must be a mapping with keys 'area' and 'skills'")
    area = data.get("area")
    if area not in AREAS:
        raise TaxonomyError(f"{what}: key 'area': unknown area {area!r}")
    skills = data.get("skills", [])
    if not isinstance(skills, list):
        raise TaxonomyError(f"{what}: key 'skills' must be a list")
    return [_read_skill(item, area, f"{what}: skills[{i}]") for i, item in enumerate(skills)]


def _read_skill(item: object, area: str, where: str) -> Skill:
    if not isinstance(item, dict):
        raise TaxonomyError(f"{where}: must be a mapping")
    unknown = set(item) - {"id", "label", "aliases", "exact", "fuzzy", "counts", "area", "note"}
    if unknown:
        raise TaxonomyError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    skill_id = item.get("id")
    if not isinstance(skill_id, str) or not skill_id:
        raise TaxonomyError(f"{where}: key 'id' is missing or not a string")
    where = f"{where} ({skill_id})"
    if item.get("area", area) != area:
        raise TaxonomyError(f"{where}: key 'area' differs from the file's area {area!r}")
    label = item.get("label", skill_id)
    if not isinstance(label, str):
        raise TaxonomyError(f"{where}: key 'label' must be a string")
    aliases_in = item.get("aliases") or {}
    if not isinstance(aliases_in, dict):
        raise TaxonomyError(f"{where}: key 'aliases' must map a language to a list")
    aliases = {}
    for lang, phrases in aliases_in.items():
        if lang not in LANGUAGES:
            raise TaxonomyError(f"{where}: key 'aliases.{lang}': unknown language")
        aliases[lang] = _strings(phrases, f"{where}: key 'aliases.{lang}'")
    exact = _strings(item.get("exact") or [], f"{where}: key 'exact'")
    fuzzy = item.get("fuzzy", True)
    if not isinstance(fuzzy, bool):
        raise TaxonomyError(f"{where}: key 'fuzzy' must be true or false")
    counts = item.get("counts", True)
    if not isinstance(counts, bool):
        raise TaxonomyError(f"{where}: key 'counts' must be true or false")
    return Skill(id=skill_id, label=label, area=area, aliases=aliases, exact=exact, fuzzy=fuzzy,
                 counts=counts)


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"{where} must be a list of non-empty strings")
    return tuple(value)


def _merge(old: Skill, new: Skill, path: Path) -> Skill:
    if new.area != old.area:
        raise TaxonomyError(
            f"{path}: skill {new.id!r}: key 'area' is {new.area!r} but the skill "
            f"already exists in area {old.area!r}")
    aliases = {lang: tuple(phrases) for lang, phrases in old.aliases.items()}
    for lang, phrases in new.aliases.items():
        merged = list(aliases.get(lang, ()))
        merged.extend(p for p in phrases if p not in merged)
        aliases[lang] = tuple(merged)
    exact = old.exact + tuple(e for e in new.exact if e not in old.exact)
    return Skill(id=old.id, label=old.label, area=old.area, aliases=aliases,
                 exact=exact, fuzzy=old.fuzzy and new.fuzzy, counts=old.counts and new.counts)
