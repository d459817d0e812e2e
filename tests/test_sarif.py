"""SARIF 2.1.0 output validates against the OASIS schema and follows the contract."""
from __future__ import annotations

import json

import pytest

from jdlint.formatters import FORMATTERS
from jdlint.model import Report


@pytest.fixture
def schema(shared_dir):
    return json.loads((shared_dir / "spec" / "sarif-schema-2.1.0.json").read_text())


def _validate(data, schema):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(data), key=str)
    assert not errors, "\n".join(e.message for e in errors[:5])


def test_sarif_validates(report, rules, schema):
    _validate(json.loads(FORMATTERS["sarif"](report, rules)), schema)


def test_empty_sarif_validates(rules, schema):
    _validate(json.loads(FORMATTERS["sarif"](Report((), ()), rules)), schema)


def test_sarif_contents(report, rules):
    data = json.loads(FORMATTERS["sarif"](report, rules))
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == ["JD101", "JD201", "JD301"]
    meta = driver["rules"][0]
    assert meta["name"] == "missing-core-skill"
    assert meta["shortDescription"]["text"] == "Summary of missing-core-skill."
    assert "§2" in meta["fullDescription"]["text"] and "§2" in meta["help"]["text"]
    levels = [r["level"] for r in run["results"]]
    assert levels == ["error", "warning", "note"]
    first = run["results"][0]
    assert first["ruleIndex"] == 0
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 12, "startColumn": 1, "endLine": 12, "endColumn": 11}
    # a .jsonl record: its line in the file, column 1, in-text position in the message
    record = run["results"][2]
    assert record["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 1}
    assert "record gd20-1, line 4, column 7" in record["message"]["text"]
    # input errors are execution notifications
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert len(invocation["toolExecutionNotifications"]) == 2


def test_sarif_uri_is_percent_encoded(rules):
    from conftest import make_facts, make_finding, make_posting
    from jdlint.model import Result

    result = Result(make_posting("my postings/ds#1.md"), make_facts(),
                    (make_finding("my postings/ds#1.md"),))
    data = json.loads(FORMATTERS["sarif"](Report((result,), ()), rules))
    location = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20postings/ds%231.md"


def _lint_sarif(paths, capsys, monkeypatch, cwd, expected_code):
    from jdlint.cli import main

    monkeypatch.chdir(cwd)
    code = main(["--format", "sarif", "--require-filled", *paths])
    out, err = capsys.readouterr()
    assert code == expected_code, err
    return json.loads(out)


def test_sarif_of_the_sample_corpus_validates(schema, capsys, monkeypatch):
    from conftest import REPO

    data = _lint_sarif(["corpus"], capsys, monkeypatch, REPO, 1)  # JD004 errors in the template
    _validate(data, schema)
    run = data["runs"][0]
    assert run["results"], "the sample corpus has findings"
    ids = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert {result["ruleId"] for result in run["results"]} <= ids
    for result in run["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        if uri.endswith(".jsonl"):
            region = result["locations"][0]["physicalLocation"]["region"]
            assert region["startColumn"] == 1 and "record " in result["message"]["text"]


def test_sarif_of_a_real_export_validates(schema, shared_dir, capsys, monkeypatch, tmp_path):
    export = shared_dir / "corpus-real" / "increments-ja-2016.jsonl"
    if not export.is_file():
        pytest.skip("real export absent")
    _validate(_lint_sarif([str(export)], capsys, monkeypatch, tmp_path, 0), schema)
