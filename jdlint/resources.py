"""Where the built-in YAML (rules, taxonomy, profiles, lexicon) lives.

In a built wheel the top-level ``rules/`` folder is installed as
``jdlint/_rules``; in a source checkout (editable install) it is the
``rules/`` folder next to the package.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def rules_root() -> Path:
    """The folder holding checks/, taxonomy/, profiles/ and lexicon/."""
    for candidate in (_PACKAGE / "_rules", _PACKAGE.parent / "rules"):
        if (candidate / "checks").is_dir():
            return candidate
    raise FileNotFoundError(
        f"jdlint's rules folder is missing (looked in {_PACKAGE / '_rules'} "
        f"and {_PACKAGE.parent / 'rules'}): the installation is broken"
    )
