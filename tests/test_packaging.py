"""jdlint finds its rules/ folder from the checkout and from a built wheel.

The wheel test builds with ``pip wheel --no-deps`` (pip fetches hatchling for
the isolated build), installs the wheel with ``--no-deps`` into a fresh venv
outside the source tree that borrows the shared environment's packages
(spaCy, click, ...) through a ``.pth`` path line, and runs ``jdlint`` from a
temporary folder. A ``.pth`` path line does not run the editable install's
own ``.pth`` hook, so the wheel's copy of jdlint is the one imported.
"""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import REPO

POSTING = """# Senior Machine Learning Engineer

## Requirements

- Python, SQL, PyTorch, MLOps and model serving on AWS
- Experience running ML systems in production
"""


def test_editable_install_finds_the_checkout_rules():
    from jdlint.resources import rules_root

    root = rules_root()
    assert (root / "checks").is_dir() and (root / "taxonomy").is_dir()
    if (REPO / "rules").is_dir() and not (REPO / "jdlint" / "_rules").exists():
        assert root == (REPO / "rules").resolve()


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory):
    """A fresh venv with the built wheel installed; yields its python."""
    work = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work), str(REPO)],
        capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(work.glob("jdlint-*.whl"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip()
    shared = sysconfig.get_paths()["purelib"]
    Path(site, "shared_env.pth").write_text(shared + "\n")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--quiet", str(wheel)],
        capture_output=True, text=True, timeout=600)
    if installed.returncode != 0 and "no such option: --python" in installed.stderr:
        installed = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet",
             "--target", site, str(wheel)], capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stderr[-2000:]
    return python


def _env():
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return env


@pytest.mark.slow
def test_wheel_ships_rules(wheel_venv, tmp_path):
    code = ("import jdlint, jdlint.resources as r; print(jdlint.__file__); "
            "print(r.rules_root())")
    done = subprocess.run([str(wheel_venv), "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, env=_env())
    assert done.returncode == 0, done.stderr
    package, root = done.stdout.split()
    assert str(REPO) not in package, "imported the checkout, not the wheel"
    assert root.endswith(os.path.join("jdlint", "_rules"))
    assert Path(root, "checks").is_dir() and any(Path(root, "taxonomy").glob("*.yaml"))


@pytest.mark.slow
def test_wheel_cli_rules_and_lint(wheel_venv, tmp_path):
    jdlint = wheel_venv.parent / "jdlint"
    assert jdlint.exists(), "the console script was not installed"
    done = subprocess.run([str(jdlint), "rules"], cwd=tmp_path, capture_output=True,
                          text=True, env=_env(), timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("id")
    (tmp_path / "posting.md").write_text(POSTING)
    done = subprocess.run([str(jdlint), "posting.md", "--format", "json"], cwd=tmp_path,
                          capture_output=True, text=True, env=_env(), timeout=300)
    assert done.returncode == 0, done.stderr
    assert '"path": "posting.md"' in done.stdout
