"""Finding, loading and validating jdlint's configuration.

The configuration is the closest ``.jdlint.yaml``, or ``pyproject.toml`` with
a ``[tool.jdlint]`` table, found by walking up from the working directory
(in one folder ``.jdlint.yaml`` wins; a ``pyproject.toml`` without the table
is skipped). There is no cascade: one file or none. ``--config FILE`` names
the file directly. Globs (``exclude``, ``per-file-ignores``) and folders
(``extra-rules``, ``extra-taxonomy``) are relative to the file's folder.

Every mistake is a ``ConfigError`` whose message names the file and the key.
"""
from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Mapping, Sequence

from jdlint.model import SEVERITIES

CONFIG_NAMES = (".jdlint.yaml", "pyproject.toml")

# key -> what it holds (for the "wrong type" message)
KEYS = {
    "select": "a list of rule ids, prefixes or names",
    "extend-select": "a list of rule ids, prefixes or names",
    "ignore": "a list of rule ids, prefixes or names",
    "rules": "a mapping of rule id to its options",
    "per-file-ignores": "a mapping of glob to a list of rule ids, prefixes or names",
    "exclude": "a list of globs",
    "fail-on": "one of error, warning, info",
    "encoding": "a text encoding name",
    "max-size": "a number of bytes",
    "extra-rules": "a list of folders",
    "extra-taxonomy": "a list of folders",
    "require-filled": "true or false",
    "jobs": "a number of processes >= 0 (0: one per CPU, at most 4)",
}


class ConfigError(Exception):
    """The configuration is wrong; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """A validated configuration. ``path`` is None when there is no file."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)  # folder globs are relative to
    select: tuple[str, ...] = ()  # empty = the rules' defaults
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    encoding: str | None = None
    max_size: int | None = None
    extra_rules: tuple[Path, ...] = ()
    extra_taxonomy: tuple[Path, ...] = ()
    require_filled: bool = False
    jobs: int = 0  # --jobs when the command line gives none

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """The selectors that ``per-file-ignores`` applies to ``path``."""
        if not self.per_file_ignores:
            return ()  # resolving the path costs a system call per folder
        relative = relative_posix(path, self.root)
        selectors: list[str] = []
        for glob, ids in self.per_file_ignores:
            if glob_matches(relative, glob):
                selectors.extend(ids)
        return tuple(selectors)


def glob_matches(relative: str, glob: str) -> bool:
    """Does a posix path relative to the config folder match ``glob``?

    A glob without ``/`` matches the file name anywhere (like .gitignore);
    ``**/`` matches any number of folders, including none.
    """
    if "/" not in glob.rstrip("/"):
        return fnmatch.fnmatchcase(PurePosixPath(relative).name, glob) or any(
            fnmatch.fnmatchcase(part, glob.rstrip("/"))
            for part in PurePosixPath(relative).parts[:-1]
        )
    if fnmatch.fnmatchcase(relative, glob):
        return True
    if glob.startswith("**/"):
        return glob_matches(relative, glob[3:])
    return fnmatch.fnmatchcase(relative, glob.rstrip("/") + "/*")


def relative_posix(path: str, base: Path) -> str:
    """``path`` relative to ``base``, with / separators, as globs see it (no
    symlinks resolved, so exclude and per-file-ignores agree)."""
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def find_config(start: Path | None = None) -> Path | None:
    """The closest configuration file at or above ``start`` (default: cwd)."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        yaml_file = candidate / ".jdlint.yaml"
        if yaml_file.is_file():
            return yaml_file
        toml_file = candidate / "pyproject.toml"
        if toml_file.is_file() and _has_jdlint_table(toml_file):
            return toml_file
    return None


def _has_jdlint_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # not ours to judge: it has no usable [tool.jdlint]
    return isinstance(data.get("tool"), dict) and "jdlint" in data["tool"]


def load_config(path: Path) -> Config:
    """Read and validate one configuration file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error}") from None
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
        tool = data.get("tool", {})
        data = tool.get("jdlint", {}) if isinstance(tool, dict) else {}
    else:
        data = _load_yaml(text, path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of keys")
    return parse_config(data, path)


def _load_yaml(text: str, path: Path) -> object:
    from jdlint.yamlsafe import YamlError, load_yaml

    try:
        return load_yaml(text, what=str(path))
    except YamlError as error:
        raise ConfigError(str(error)) from None  # names the file (and the line)


def parse_config(data: Mapping[str, object], path: Path) -> Config:
    """Validate the keys of a configuration read from ``path``."""
    root = path.resolve().parent
    for key in data:
        if key not in KEYS:
            known = ", ".join(sorted(KEYS))
            raise ConfigError(f"{path}: unknown key {key!r} (known keys: {known})")

    def wrong(key: str) -> ConfigError:
        return ConfigError(f"{path}: key {key!r} must be {KEYS[key]}, got {data[key]!r}")

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise wrong(key)
        return tuple(value)

    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise wrong("rules")
    for rule_id, options in rules.items():
        if not isinstance(options, dict) or not all(isinstance(k, str) for k in options):
            raise ConfigError(
                f"{path}: key 'rules.{rule_id}' must be a mapping of option to value"
            )
        severity = options.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise ConfigError(
                f"{path}: key 'rules.{rule_id}.severity' must be one of "
                f"{', '.join(SEVERITIES)}, got {severity!r}"
            )

    per_file = data.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise wrong("per-file-ignores")
    per_file_ignores = []
    for glob, ids in per_file.items():
        if isinstance(ids, str):
            ids = [part.strip() for part in ids.split(",") if part.strip()]
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise ConfigError(
                f"{path}: key 'per-file-ignores.{glob}' must be a list of rule ids"
            )
        per_file_ignores.append((str(glob), tuple(ids)))

    fail_on = data.get("fail-on")
    if fail_on is not None and fail_on not in SEVERITIES:
        raise wrong("fail-on")
    encoding = data.get("encoding")
    if encoding is not None:
        if not isinstance(encoding, str):
            raise wrong("encoding")
        _check_encoding(encoding, path)
    max_size = data.get("max-size")
    if max_size is not None and (
        isinstance(max_size, bool) or not isinstance(max_size, int) or max_size <= 0
    ):
        raise wrong("max-size")
    require_filled = data.get("require-filled", False)
    if not isinstance(require_filled, bool):
        raise wrong("require-filled")
    jobs = data.get("jobs", 0)
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise wrong("jobs")

    return Config(
        path=path,
        root=root,
        select=strings("select"),
        extend_select=strings("extend-select"),
        ignore=strings("ignore"),
        rules={str(k): dict(v) for k, v in rules.items()},
        per_file_ignores=tuple(per_file_ignores),
        exclude=strings("exclude"),
        fail_on=fail_on,
        encoding=encoding,
        max_size=max_size,
        extra_rules=tuple(root / p for p in strings("extra-rules")),
        extra_taxonomy=tuple(root / p for p in strings("extra-taxonomy")),
        require_filled=require_filled,
        jobs=jobs,
    )


def _check_encoding(encoding: str, path: Path | str) -> None:
    import codecs

    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ConfigError(f"{path}: key 'encoding': unknown encoding {encoding!r}") from None


def check_rule_ids(config: Config, rules: Sequence[object]) -> None:
    """Every rule id, prefix or name the configuration uses must exist."""
    where = config.path or "command line"
    for rule_id in config.rules:
        if not any(rule.id == rule_id or rule.name == rule_id for rule in rules):
            raise ConfigError(f"{where}: key 'rules.{rule_id}': unknown rule id {rule_id!r}")
    lists = [("select", config.select), ("extend-select", config.extend_select),
             ("ignore", config.ignore)]
    lists += [(f"per-file-ignores.{glob}", ids) for glob, ids in config.per_file_ignores]
    for key, selectors in lists:
        for selector in selectors:
            if not resolve_selector(selector, rules):
                raise ConfigError(f"{where}: key {key!r}: unknown rule {selector!r}")


def resolve_selector(selector: str, rules: Sequence[object]) -> tuple[str, ...]:
    """The ids of the rules a selector names: an id, an id prefix or a name."""
    from jdlint.rules import selector_matches

    return tuple(rule.id for rule in rules if selector_matches(rule, selector))
