"""A snapshot of ``jdlint corpus/``: the text report of linting our own sample
postings (docs/corpus.md says what each one illustrates) must equal
tests/snapshots/corpus.txt, so that any change in behaviour shows up as a
diff to read.

It runs with whichever Korean and Japanese machinery is installed: the
README's test command (no extras) checks the fallbacks, CI (with the
``ko``/``ja`` extras) the analysers, against the same snapshot.

After a deliberate change, rewrite the snapshot and read the diff:

    JDLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_corpus_snapshot.py
"""
from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from jdlint import cli

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "snapshots" / "corpus.txt"
ARGS = ["corpus", "--format", "text", "--no-color", "--fail-on", "error"]


def lint_corpus(tmp_path: Path, monkeypatch) -> str:
    config = tmp_path / "jdlint.yaml"
    config.write_text("{}\n", encoding="utf-8")  # fixed options: no configuration found by search
    monkeypatch.chdir(ROOT)  # paths in the report are relative: corpus/en/...
    monkeypatch.delenv("NO_COLOR", raising=False)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([*ARGS, "--config", str(config)])
    assert err.getvalue() == ""  # every corpus file is readable
    return f"$ jdlint {' '.join(ARGS)}\n{out.getvalue()}exit code: {code}\n"


def test_corpus_snapshot(tmp_path, monkeypatch):
    report = lint_corpus(tmp_path, monkeypatch)
    if os.environ.get("JDLINT_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(report, encoding="utf-8")
    expected = SNAPSHOT.read_text(encoding="utf-8")
    assert report == expected, (
        "jdlint corpus/ changed; read the difference, and if it is intended rewrite the "
        "snapshot with JDLINT_UPDATE_SNAPSHOTS=1")


def test_every_corpus_posting_is_in_the_snapshot():
    """Each posting file appears in the report's summary count (clean ones print
    no line, so the count is what covers them)."""
    files = [p for p in (ROOT / "corpus").rglob("*") if p.suffix in (".md", ".txt")]
    records = sum(len([line for line in p.read_text(encoding="utf-8").splitlines() if line.strip()])
                  for p in (ROOT / "corpus").rglob("*.jsonl"))
    summary = SNAPSHOT.read_text(encoding="utf-8").splitlines()[-2]
    assert f"in {len(files) + records} postings" in summary
