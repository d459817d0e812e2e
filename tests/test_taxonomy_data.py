"""Structural checks of the skill taxonomy data in rules/taxonomy/*.yaml.

These test the data only (not the loader or the matcher): every file is
valid YAML with the agreed shape, one file per contract area, skill ids are
unique kebab-case, and no alias names two different skills.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from jdlint.model import AREAS, LANGUAGES

TAXONOMY = Path(__file__).parents[1] / "rules" / "taxonomy"
SKILL_KEYS = {"id", "label", "aliases", "exact", "fuzzy", "counts"}
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Aliases deliberately shared by two skills: (normalised alias) -> skill ids.
# Keep this empty unless a wording genuinely belongs to both skills.
ALLOWED_SHARED: dict[str, frozenset[str]] = {}


def norm(alias: str) -> str:
    """Case-folded, width-normalised, whitespace-normalised alias."""
    text = unicodedata.normalize("NFKC", alias).casefold()
    return " ".join(text.split())


def _files() -> list[Path]:
    return sorted(TAXONOMY.glob("*.yaml"))


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def taxonomy() -> dict[str, dict]:
    return {path.stem: _load(path) for path in _files()}


def test_one_file_per_contract_area():
    stems = {path.stem for path in _files()}
    assert stems == set(AREAS), (
        f"missing: {sorted(set(AREAS) - stems)}, extra: {sorted(stems - set(AREAS))}")


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.stem)
def test_file_shape(path: Path):
    data = _load(path)
    assert isinstance(data, dict), "top level must be a mapping"
    assert set(data) <= {"area", "skills"}, f"unknown keys: {set(data) - {'area', 'skills'}}"
    assert data["area"] in AREAS
    assert data["area"] == path.stem, "area must match the file name"
    skills = data["skills"]
    assert isinstance(skills, list) and skills, "skills must be a non-empty list"
    for skill in skills:
        assert isinstance(skill, dict), skill
        sid = skill.get("id")
        assert isinstance(sid, str) and KEBAB.match(sid), f"bad id: {sid!r}"
        assert set(skill) <= SKILL_KEYS, f"{sid}: unknown keys {set(skill) - SKILL_KEYS}"
        assert isinstance(skill.get("label"), str) and skill["label"].strip(), f"{sid}: label"
        aliases = skill.get("aliases")
        assert isinstance(aliases, dict), f"{sid}: aliases must be a mapping"
        assert set(aliases) <= set(LANGUAGES), f"{sid}: languages {set(aliases)}"
        for lang, words in aliases.items():
            assert isinstance(words, list), f"{sid}/{lang}: must be a list"
            for word in words:
                assert isinstance(word, str) and word.strip(), f"{sid}/{lang}: {word!r}"
                assert word == word.strip(), f"{sid}/{lang}: stray whitespace in {word!r}"
        assert aliases.get("en"), f"{sid}: needs at least one English alias"
        exact = skill.get("exact", [])
        assert isinstance(exact, list), f"{sid}: exact must be a list"
        for word in exact:
            assert isinstance(word, str) and word.strip() and word == word.strip(), (
                f"{sid}: exact {word!r}")
        assert isinstance(skill.get("fuzzy", True), bool), f"{sid}: fuzzy must be true/false"


def test_skill_ids_unique(taxonomy):
    seen: dict[str, str] = {}
    for area, data in taxonomy.items():
        for skill in data["skills"]:
            sid = skill["id"]
            assert sid not in seen, f"{sid} in both {seen[sid]} and {area}"
            seen[sid] = area


def test_no_alias_shared_between_skills(taxonomy):
    owners: dict[str, set[str]] = defaultdict(set)
    for data in taxonomy.values():
        for skill in data["skills"]:
            words = [w for ws in skill["aliases"].values() for w in ws]
            words += skill.get("exact", [])
            for word in words:
                owners[norm(word)].add(skill["id"])
    clashes = {
        alias: sorted(ids) for alias, ids in owners.items()
        if len(ids) > 1 and ALLOWED_SHARED.get(alias) != frozenset(ids)
    }
    assert not clashes, f"aliases naming more than one skill: {clashes}"


def test_no_generic_words_as_aliases(taxonomy):
    """Words that are in every posting must never be aliases on their own."""
    banned = {"data", "analysis", "model", "models", "analytics", "experience",
              "skills", "team", "work", "statistics", "python code", "research",
              "engineering", "insights", "ai/", "learning", "go", "r", "c"}
    for data in taxonomy.values():
        for skill in data["skills"]:
            for lang, words in skill["aliases"].items():
                for word in words:
                    assert norm(word) not in banned, f"{skill['id']}/{lang}: {word!r}"


def test_exact_aliases_are_short_or_ambiguous(taxonomy):
    """Exact (case-sensitive) aliases are for short or ambiguous words."""
    for data in taxonomy.values():
        for skill in data["skills"]:
            for word in skill.get("exact", []):
                assert len(word) <= 12, f"{skill['id']}: exact alias {word!r} is long"


def test_taxonomy_size(taxonomy):
    total = sum(len(data["skills"]) for data in taxonomy.values())
    assert total >= 300, total
