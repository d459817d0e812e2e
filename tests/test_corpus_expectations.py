"""Our own postings in corpus/audit/ (written by an audit session to break
the rules: ordinary postings, near misses and positives, in English, Korean
and Japanese) each have an expected outcome in corpus/audit/EXPECTED.tsv:
``clean`` (no finding at all) or the rule that must fire (JD101 may fire
beside JD102 or JD103, which say the same thing another way).

A posting jdlint still gets wrong is listed there with why (a known miss);
its test is a strict xfail, so mending it makes the test fail until the
line is updated.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from jdlint import cli

ROOT = Path(__file__).resolve().parent.parent
AUDIT = ROOT / "corpus" / "audit"


def _expectations() -> list[tuple[str, str, str]]:
    rows = []
    for line in (AUDIT / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, expected, known_miss = (line.split("\t") + ["", ""])[:3]
            rows.append((name, expected, known_miss))
    return rows


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, set[str]]:
    config = tmp_path_factory.mktemp("audit") / "jdlint.yaml"
    config.write_text("{}\n", encoding="utf-8")  # the rules' own options
    out = tmp_path_factory.mktemp("audit") / "out.json"
    code = cli.main([str(AUDIT), "--format", "json", "--config", str(config),
                     "--output-file", str(out)])
    assert code in (0, 1)  # 1: some error-severity findings, as expected
    report = json.loads(out.read_text(encoding="utf-8"))
    return {Path(r["path"]).name: {f["rule"] for f in r["findings"]} for r in report["results"]}


def test_every_audit_posting_has_an_expectation():
    files = sorted(p.name for p in AUDIT.iterdir() if p.suffix in (".md", ".txt"))
    assert files == sorted(name for name, _, _ in _expectations())


@pytest.mark.parametrize("name, expected, known_miss", [
    pytest.param(*row, marks=pytest.mark.xfail(strict=True, reason=row[2])) if row[2] else row
    for row in _expectations()], ids=lambda value: value if value.endswith((".md", ".txt")) else "")
def test_audit_posting(outcomes, name, expected, known_miss):
    found = outcomes[name]
    if expected == "clean":
        assert found == set(), f"{name} should pass clean"
    else:
        also = {"JD101"} if expected in ("JD102", "JD103") else set()
        assert expected in found and found <= {expected} | also, f"{name}: {sorted(found)}"
