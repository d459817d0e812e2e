"""Role profiles: the skill areas each role needs, from ``rules/profiles/``.

The article (../shared/seed/skill-requirements.md) lists, per role, the
areas a junior needs and those added at senior level. Rules name these
lists as ``profile:<key>`` (for example ``profile:senior_only``) instead of
repeating areas, so a role's areas are written down once, in YAML.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from jdlint.model import AREAS, ROLES
from jdlint.resources import rules_root
from jdlint.yamlsafe import YamlError, load_yaml

PROFILE_KEYS: tuple[str, ...] = ("defining", "core_ml", "core_engineering", "junior", "senior_only",
                                 "senior", "beyond_junior", "distinctive")


class ProfileError(Exception):
    """The profiles file is wrong; the message names the file and the key."""


@dataclass(frozen=True)
class RoleProfile:
    role: str
    areas: Mapping[str, tuple[str, ...]]  # profile key -> areas

    def get(self, key: str) -> tuple[str, ...]:
        return self.areas.get(key, ())


@dataclass(frozen=True)
class Profiles:
    roles: Mapping[str, RoleProfile]
    technical: tuple[str, ...]

    def areas(self, role: str, key: str) -> tuple[str, ...]:
        """The areas of ``key`` for ``role`` (empty for a role without a profile)."""
        profile = self.roles.get(role)
        return profile.get(key) if profile else ()


def _area_list(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"{where}: expected a list of area ids")
    for area in value:
        if area not in AREAS:
            raise ProfileError(f"{where}: unknown area {area!r}")
    return tuple(value)


def parse_profiles(data: object, path: str) -> Profiles:
    if not isinstance(data, dict) or set(data) - {"roles", "technical"}:
        raise ProfileError(f"{path}: expected a mapping with keys 'roles' and 'technical'")
    roles = {}
    for role, body in (data.get("roles") or {}).items():
        if role not in ROLES:
            raise ProfileError(f"{path}: roles.{role}: unknown role")
        if not isinstance(body, dict):
            raise ProfileError(f"{path}: roles.{role}: expected a mapping")
        areas = {}
        for key, value in body.items():
            if key not in PROFILE_KEYS:
                raise ProfileError(f"{path}: roles.{role}.{key}: unknown key "
                                   f"(known: {', '.join(PROFILE_KEYS)})")
            areas[key] = _area_list(value, f"{path}: roles.{role}.{key}")
        roles[role] = RoleProfile(role, areas)
    technical = _area_list(data.get("technical", []), f"{path}: technical")
    return Profiles(roles, technical)


@lru_cache(maxsize=None)
def load_profiles(path: Path | None = None) -> Profiles:
    """Load ``rules/profiles/roles.yaml`` (once per process)."""
    path = path or rules_root() / "profiles" / "roles.yaml"
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), what=str(path))
    except YamlError as exc:
        raise ProfileError(str(exc)) from None
    return parse_profiles(data, str(path))
