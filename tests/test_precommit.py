"""The real pre-commit runs jdlint's hook from this repository.

Slow (pre-commit builds the hook's environment with ``pip install .``, which
downloads jdlint's dependencies from PyPI); CI runs it. Two ways in:
``pre-commit try-repo <working tree>`` (uncommitted state included), and a
``.pre-commit-config.yaml`` pointing at a committed ``rev`` of a temporary
snapshot of the working tree.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

GOOD = (REPO / "corpus" / "en" / "good-junior-data-scientist.md")
# Front matter that is not valid YAML: finding JD001 (an error) by the contract.
BAD = """---
title: [Senior Data Scientist
---
# Senior Data Scientist

## Requirements

- SQL, statistics and Python
"""
GIT_ENV = {"GIT_AUTHOR_NAME": "jdlint tests", "GIT_AUTHOR_EMAIL": "tests@example.com",
           "GIT_COMMITTER_NAME": "jdlint tests", "GIT_COMMITTER_EMAIL": "tests@example.com"}


def _env(pre_commit_home: Path) -> dict:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(pre_commit_home),
           "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    return env


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=True)
    return done.stdout.strip()


def _pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd,
                          capture_output=True, text=True, env=_env(home), timeout=1500)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit")
    return tmp_path_factory.mktemp("pre-commit-home")


def _postings_repo(path: Path, with_bad: bool) -> Path:
    path.mkdir()
    _git(path, "init", "-q")
    good_text = GOOD.read_text(encoding="utf-8") if GOOD.exists() else (
        "# Junior Data Scientist\n\n## Requirements\n\n- SQL and statistics\n")
    (path / "good.md").write_text(good_text, encoding="utf-8")
    if with_bad:
        (path / "bad.md").write_text(BAD, encoding="utf-8")
    _git(path, "add", ".")
    _git(path, "commit", "-qm", "postings")
    return path


def _snapshot(tmp_path: Path) -> tuple[Path, str]:
    """A git repo holding the working tree as it is now (uncommitted too)."""
    snapshot = tmp_path / "jdlint-snapshot"
    files = _git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    for name in files.split("\0"):
        if not name or not (REPO / name).is_file() or "__pycache__" in name:
            continue
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    _git(snapshot, "init", "-q")
    _git(snapshot, "add", ".")
    _git(snapshot, "commit", "-qm", "snapshot of the working tree")
    return snapshot, _git(snapshot, "rev-parse", "HEAD")


def test_hook_definition():
    import re

    import yaml

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "jdlint" and hook["entry"] == "jdlint"
    assert hook["language"] == "python" and hook["require_serial"] is True
    files = re.compile(hook["files"])
    for name in ("a.md", "b/c.markdown", "d.txt", "export.jsonl"):
        assert files.search(name), name
    for name in ("a.py", "b.json", "c.mdx", "jsonl.yaml"):
        assert not files.search(name), name


@pytest.mark.slow
def test_try_repo_on_the_working_tree(home, tmp_path):
    postings = _postings_repo(tmp_path / "postings", with_bad=True)
    done = _pre_commit(postings, home, "try-repo", str(REPO), "jdlint", "--all-files")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "bad.md:" in output and "JD001" in output, output


@pytest.mark.slow
def test_config_at_a_committed_rev(home, tmp_path):
    snapshot, rev = _snapshot(tmp_path)
    config = (f"repos:\n- repo: {snapshot}\n  rev: {rev}\n  hooks:\n"
              f"  - id: jdlint\n    verbose: true\n")
    bad_repo = _postings_repo(tmp_path / "bad", with_bad=True)
    (bad_repo / ".pre-commit-config.yaml").write_text(config)
    done = _pre_commit(bad_repo, home, "run", "--all-files")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "bad.md:" in output and "JD001" in output, output

    good_repo = _postings_repo(tmp_path / "good", with_bad=False)
    (good_repo / ".pre-commit-config.yaml").write_text(config)
    done = _pre_commit(good_repo, home, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
