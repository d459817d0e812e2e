"""Our own postings in corpus/audit/ and corpus/audit2/ (written by two
audit sessions to break the rules: ordinary postings, near misses and
positives, in English, Korean and Japanese; audit2 also in hard-wrapped
Markdown, `.jsonl` exports and mixed languages) each have an expected
outcome in the folder's EXPECTED.tsv: an item (a file, or ``file#id`` for a
record of a ``.jsonl`` export), ``clean`` (no finding at all) or the rule
that must fire (``A|B``: either), and the rules that may fire beside it.

An item jdlint still gets wrong is listed there with why (a known miss);
its test is a strict xfail, so mending it makes the test fail until the
line is updated.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from jdlint import cli

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("audit", "audit2")


def _expectations() -> list[tuple[str, str, str, str, str]]:
    rows = []
    for folder in FOLDERS:
        for line in (ROOT / "corpus" / folder / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                item, expected, also, known_miss = (line.split("\t") + ["", "", ""])[:4]
                rows.append((folder, item, expected, also, known_miss))
    return rows


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[tuple[str, str], set[str]]:
    """(folder, item) -> the rules that fired on it."""
    work = tmp_path_factory.mktemp("audit")
    config = work / "jdlint.yaml"
    config.write_text("{}\n", encoding="utf-8")  # the rules' own options
    found = {}
    for folder in FOLDERS:
        root = ROOT / "corpus" / folder
        out = work / f"{folder}.json"
        code = cli.main([str(root), "--format", "json", "--config", str(config),
                         "--output-file", str(out)])
        assert code in (0, 1)  # 1: some error-severity findings, as expected
        for result in json.loads(out.read_text(encoding="utf-8"))["results"]:
            item = Path(result["path"]).resolve().relative_to(root).as_posix()
            if result.get("record"):
                item += f"#{result['record']}"
            found[folder, item] = {finding["rule"] for finding in result["findings"]}
    return found


def test_every_audit_posting_has_an_expectation(outcomes):
    assert sorted(outcomes) == sorted((folder, item) for folder, item, *_ in _expectations())


@pytest.mark.parametrize("folder, item, expected, also, known_miss", [
    pytest.param(*row, marks=pytest.mark.xfail(strict=True, reason=row[4])) if row[4] else row
    for row in _expectations()], ids=[f"{row[0]}/{row[1]}" for row in _expectations()])
def test_audit_posting(outcomes, folder, item, expected, also, known_miss):
    found = outcomes[folder, item]
    if expected == "clean":
        assert found == set(), f"{item} should pass clean"
    else:
        wanted = set(expected.split("|"))
        allowed = wanted | {rule for rule in also.split(",") if rule}
        assert found & wanted and found <= allowed, f"{item}: {sorted(found)}"
