"""The command line: dispatch, options, exit codes, error reporting.

Tests of the lint path skip only while a module another engineer is writing
(reader, analysis, engine) cannot be imported.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run
from jdlint import __version__
from jdlint import cli
from jdlint.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK


GOOD = """# Junior Data Scientist

## Requirements

- SQL and statistics (hypothesis testing, regression)
- Python or R
"""

TEMPLATE = """# {{ job_title }} at [Company Name]

## Requirements

- SQL at <COMPANY_NAME> in ${location}
"""


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """An empty working folder, so no configuration is found above it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


# ---- no spaCy for --help, rules, explain ----

@pytest.mark.parametrize("args", [["--help"], ["--version"], ["rules"], ["explain", "JD004"],
                                  ["inspect", "--help"], ["explain", "--help"]])
def test_these_never_import_spacy(args, tmp_path):
    code = (
        "import sys\n"
        "from jdlint.cli import main\n"
        f"rc = main({args!r})\n"
        "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
        "assert 'jdlint.analysis' not in sys.modules, 'jdlint.analysis was imported'\n"
        "sys.exit(rc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_python_dash_m(tmp_path):
    done = subprocess.run([sys.executable, "-m", "jdlint", "--version"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and __version__ in done.stdout


# ---- usage, configuration and internal errors: exit 2, no traceback ----

def test_version(workdir, capsys):
    code, out, _ = run(["--version"], capsys)
    assert code == EXIT_OK and __version__ in out


@pytest.mark.parametrize("args", [[], ["--format", "xml", "a.md"], ["--fail-on", "fatal", "a.md"],
                                  ["--no-such-option", "a.md"], ["explain"],
                                  ["inspect", "--format", "sarif", "a.md"],
                                  ["--max-size", "0", "a.md"]])
def test_usage_errors_exit_2(workdir, capsys, args):
    code, _, err = run(args, capsys)
    assert code == EXIT_ERROR
    assert "Traceback" not in err and "Usage:" in err


def test_bad_config_exits_2_naming_file_and_key(workdir, capsys):
    (workdir / ".jdlint.yaml").write_text("colour: red\n")
    code, _, err = run(["rules"], capsys)
    assert code == EXIT_ERROR
    assert ".jdlint.yaml" in err and "colour" in err and "Traceback" not in err


def test_missing_config_file(workdir, capsys):
    code, _, err = run(["--config", "nope.yaml", "a.md"], capsys)
    assert code == EXIT_ERROR and "nope.yaml" in err


def test_unknown_rule_on_the_command_line(workdir, capsys):
    code, _, err = run(["rules", "--select", "JD999"], capsys)
    assert code == EXIT_ERROR and "JD999" in err


def test_internal_error_has_no_traceback_unless_debug(workdir, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "_settings", broken)
    code, _, err = run(["rules"], capsys)
    assert code == EXIT_ERROR
    assert "internal error" in err and "boom" in err and "Traceback" not in err
    code, _, err = run(["rules", "--debug"], capsys)
    assert code == EXIT_ERROR and "Traceback" in err


# ---- rules and explain ----

def test_rules_table(workdir, capsys):
    code, out, _ = run(["rules"], capsys)
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["id", "name", "severity", "enabled", "summary"]
    jd004 = next(line for line in lines if line.startswith("JD004"))
    assert jd004.split()[3] == "no"  # off unless selected (--require-filled)
    assert next(line for line in lines if line.startswith("JD101")).split()[3] == "yes"


def test_rules_shows_config_severity_and_enabled(workdir, capsys):
    from jdlint.rules import load_rules

    rules = [r for r in load_rules() if r.id != "JD004"]
    first, second = rules[0], rules[1]
    new = "info" if first.severity != "info" else "error"
    (workdir / ".jdlint.yaml").write_text(
        f"ignore: [{second.id}]\nrules: {{{first.id}: {{severity: {new}}}}}\n")
    code, out, _ = run(["rules"], capsys)
    assert code == EXIT_OK
    rows = {line.split()[0]: line.split() for line in out.splitlines()[1:]}
    assert rows[first.id][2:4] == [new, "yes"]
    assert rows[second.id][3] == "no"


def test_explain(workdir, capsys):
    from jdlint.rules import load_rules

    rules = [r for r in load_rules() if r.id != "JD004"]
    rule = rules[0]
    code, out, _ = run(["explain", rule.id], capsys)
    assert code == EXIT_OK
    assert out.startswith(f"{rule.id} {rule.name}")
    assert "Why:" in out and rule.summary in out
    if rule.fails:
        assert "Fails, example 1" in out
    code, out2, _ = run(["explain", rule.name], capsys)
    assert out2 == out
    code, out, _ = run(["explain", "JD202"], capsys)  # a rule with `unless_text`
    assert code == EXIT_OK
    assert "Does not apply when a responsibilities or other section says one of: " in out
    assert "学会発表" in out


def test_explain_shows_unless(workdir, capsys):
    rule = (REPO / "rules" / "checks" / "JD401-lone-specialist.yaml").read_text(encoding="utf-8")
    (workdir / "house").mkdir()
    (workdir / "house" / "JD901.yaml").write_text(
        rule.replace("id: JD401", "id: JD901").replace("name: lone-specialist", "name: house-lone")
        + "unless: {role_title: [research-scientist], role_body: [research-scientist]}\n",
        encoding="utf-8")
    (workdir / ".jdlint.yaml").write_text("extra-rules: [house]\n")
    code, out, _ = run(["explain", "JD901"], capsys)
    assert code == EXIT_OK
    assert ("Does not apply when role_title is research-scientist and role_body is "
            "research-scientist") in out


def test_explain_unknown(workdir, capsys):
    code, _, err = run(["explain", "JD999"], capsys)
    assert code == EXIT_ERROR and "JD999" in err


# ---- the lint path ----

@pytest.fixture
def lintable(workdir):
    return workdir


def test_missing_file_exits_2_and_others_are_still_linted(lintable, capsys):
    (lintable / "good.md").write_text(GOOD)
    code, out, err = run(["--format", "json", "missing.md", "good.md"], capsys)
    assert code == EXIT_ERROR
    data = json.loads(out)
    assert [r["path"] for r in data["results"]] == ["good.md"]
    assert data["errors"][0]["path"] == "missing.md"
    assert len(err.strip().splitlines()) == 1 and "missing.md" in err
    assert "Traceback" not in err


def test_broken_jsonl_line_names_file_and_line(lintable, capsys):
    lines = [json.dumps({"id": "a", "title": "Data Scientist", "text": GOOD}), "{broken",
             json.dumps({"id": "c", "text": GOOD})]
    (lintable / "export.jsonl").write_text("\n".join(lines) + "\n")
    code, out, err = run(["--format", "json", "export.jsonl"], capsys)
    assert code == EXIT_ERROR
    data = json.loads(out)
    assert [r["record"] for r in data["results"]] == ["a", "c"]
    assert data["errors"][0]["line"] == 2
    assert "export.jsonl:2" in err


def test_text_output_for_records(lintable, capsys):
    (lintable / "export.jsonl").write_text(
        json.dumps({"id": "r1", "text": TEMPLATE}) + "\n")
    code, out, _ = run(["export.jsonl", "--require-filled"], capsys)
    assert code == EXIT_FINDINGS
    assert "export.jsonl#r1:1:3: JD004 " in out
    assert out.splitlines()[-1].endswith("in 1 posting")


def test_require_filled_finds_placeholders(lintable, capsys):
    (lintable / "template.md").write_text(TEMPLATE)
    code, out, _ = run(["template.md", "--format", "json", "--require-filled"], capsys)
    assert code == EXIT_FINDINGS
    findings = json.loads(out)["results"][0]["findings"]
    assert [f["evidence"] for f in findings] == [
        "{{ job_title }}", "[Company Name]", "<COMPANY_NAME>", "${location}"]
    assert {f["rule"] for f in findings} == {"JD004"}
    code, _, _ = run(["template.md"], capsys)
    assert code == EXIT_OK  # JD004 is off by default: placeholders are no finding
    code, out, _ = run(["template.md", "--format", "json", "--select", "JD004"], capsys)
    assert code == EXIT_FINDINGS  # selecting it by id turns it on too
    assert {f["rule"] for f in json.loads(out)["results"][0]["findings"]} == {"JD004"}


def test_placeholders_are_never_skills(lintable, capsys):
    (lintable / "t.md").write_text("# Data Scientist\n\n## Requirements\n\n"
                                   "- {{ SQL }} and [Statistics Knowledge] and <PYTHON>\n")
    code, out, _ = run(["inspect", "t.md", "--format", "json"], capsys)
    assert code == EXIT_OK
    assert json.loads(out)["postings"][0]["skills"] == []


@pytest.mark.parametrize("fail_on, expected", [("error", EXIT_FINDINGS),
                                               ("warning", EXIT_FINDINGS),
                                               ("info", EXIT_FINDINGS)])
def test_fail_on(lintable, capsys, fail_on, expected):
    (lintable / "template.md").write_text(TEMPLATE)
    (lintable / ".jdlint.yaml").write_text("rules: {JD004: {severity: warning}}\n")
    code, _, _ = run(["template.md", "--require-filled", "--fail-on", fail_on], capsys)
    assert code == (EXIT_OK if fail_on == "error" else expected)


def test_quiet_and_output_file(lintable, capsys):
    (lintable / "template.md").write_text(TEMPLATE)
    code, out, _ = run(["-q", "--require-filled", "--select", "JD004", "template.md"], capsys)
    assert code == EXIT_FINDINGS
    assert all(": JD004 " in line for line in out.splitlines())
    code, out, _ = run(["--require-filled", "template.md", "--format", "sarif",
                        "--output-file", "out.sarif"], capsys)
    assert out == ""
    assert json.loads((lintable / "out.sarif").read_text())["version"] == "2.1.0"


def test_no_colour_unless_terminal(lintable, capsys):
    (lintable / "template.md").write_text(TEMPLATE)
    _, out, _ = run(["--require-filled", "template.md"], capsys)
    assert "\x1b[" not in out  # captured output is not a terminal


def test_colour_decision(monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._use_color(False, None) is True
    assert cli._use_color(True, None) is False
    assert cli._use_color(False, "out.txt") is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._use_color(False, None) is False


def test_stdin_with_filename(lintable, capsys, monkeypatch):
    import io

    data = (json.dumps({"id": "s1", "text": GOOD}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, err = run(["-", "--stdin-filename", "jobs.jsonl", "--format", "json"], capsys)
    assert code == EXIT_OK, err
    result = json.loads(out)["results"][0]
    assert result["path"] == "jobs.jsonl" and result["record"] == "s1"


def test_per_file_ignores_and_exclude(lintable, capsys):
    (lintable / "templates").mkdir()
    (lintable / "drafts").mkdir()
    (lintable / "templates" / "t.md").write_text(TEMPLATE)
    (lintable / "drafts" / "d.md").write_text(TEMPLATE)
    (lintable / "p.md").write_text(TEMPLATE)
    (lintable / ".jdlint.yaml").write_text(
        "require-filled: true\nper-file-ignores: {'templates/*.md': [JD004]}\n"
        "exclude: ['drafts/**']\n")
    code, out, _ = run([".", "--format", "json"], capsys)
    results = {r["path"]: r for r in json.loads(out)["results"]}
    assert not any("drafts" in path for path in results)
    by_name = {Path(path).name: r for path, r in results.items()}
    assert by_name["t.md"]["findings"] == []
    assert by_name["p.md"]["findings"]
    assert code == EXIT_FINDINGS


@pytest.mark.parametrize("spelling", [["./rules"], ["--", "rules"]])
def test_a_folder_named_rules_is_linted(lintable, capsys, spelling):
    (lintable / "rules").mkdir()
    (lintable / "rules" / "t.md").write_text(TEMPLATE)
    code, out, _ = run(["--format", "json", "--require-filled", *spelling], capsys)
    assert code == EXIT_FINDINGS
    assert [Path(r["path"]).name for r in json.loads(out)["results"]] == ["t.md"]


def test_rules_first_is_the_subcommand(lintable, capsys):
    (lintable / "rules").mkdir()
    code, out, _ = run(["rules"], capsys)
    assert code == EXIT_OK and out.splitlines()[0].startswith("id")


def test_options_after_paths(lintable, capsys):
    (lintable / "good.md").write_text(GOOD)
    code, out, _ = run(["good.md", "--format", "json"], capsys)
    assert json.loads(out)["results"][0]["path"] == "good.md"


def test_inspect_text_and_json(lintable, capsys):
    (lintable / "good.md").write_text(GOOD)
    code, out, _ = run(["inspect", "good.md", "--format", "json"], capsys)
    assert code == EXIT_OK
    posting = json.loads(out)["postings"][0]
    assert posting["path"] == "good.md" and posting["title"] == "Junior Data Scientist"
    code, out, _ = run(["inspect", "good.md"], capsys)
    assert code == EXIT_OK and "sections:" in out and "skills:" in out


def test_corpus_example_from_readme(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    path = "corpus/en/everything-posting.md"
    code, out, err = run([path], capsys)
    assert code == EXIT_OK, err  # warnings only; --fail-on defaults to error
    assert out.splitlines()[-1] == "3 findings (3 warnings) in 1 posting"


def test_input_error_wins_over_findings(lintable, capsys):
    (lintable / "template.md").write_text(TEMPLATE)
    code, out, err = run(["--require-filled", "template.md", "missing.md"], capsys)
    assert code == EXIT_ERROR
    assert ": JD004 " in out and out.splitlines()[-1].endswith("; 1 input error")
    assert err.count("\n") == 1 and "missing.md" in err


def test_unknown_encoding_is_a_usage_error(lintable, capsys):
    (lintable / "good.md").write_text(GOOD)
    code, _, err = run(["--encoding", "klingon", "good.md"], capsys)
    assert code == EXIT_ERROR and "klingon" in err and "Traceback" not in err


def test_pyproject_table_is_used(lintable, capsys):
    (lintable / "template.md").write_text(TEMPLATE)
    (lintable / "pyproject.toml").write_text(
        "[tool.jdlint]\nrequire-filled = true\nfail-on = 'info'\n")
    code, out, _ = run(["template.md", "-q"], capsys)
    assert code == EXIT_FINDINGS and ": JD004 " in out


def test_command_line_beats_the_file(lintable, capsys):
    (lintable / "template.md").write_text(TEMPLATE)
    (lintable / ".jdlint.yaml").write_text("rules: {JD004: {severity: info}}\n"
                                          "require-filled: true\nfail-on: info\n")
    code, _, _ = run(["template.md"], capsys)
    assert code == EXIT_FINDINGS
    code, _, _ = run(["template.md", "--fail-on", "error"], capsys)
    assert code == EXIT_OK


def test_ignore_beats_require_filled(lintable, capsys):
    (lintable / "template.md").write_text(TEMPLATE)
    code, out, _ = run(["template.md", "--require-filled", "--ignore", "JD004", "-q"], capsys)
    assert ": JD004 " not in out


def test_placeholder_findings_can_be_suppressed(lintable, capsys):
    (lintable / "t.md").write_text(
        "# Data Scientist at {{company}}\n\n<!-- jdlint-disable-next-line JD004 -->\n"
        "We use SQL in ${location}.\n\n## Requirements\n\n- Statistics in <CITY>\n")
    code, out, _ = run(["t.md", "--require-filled", "--format", "json"], capsys)
    findings = [f for f in json.loads(out)["results"][0]["findings"] if f["rule"] == "JD004"]
    assert [(f["line"], f["column"], f["evidence"]) for f in findings] == [
        (1, 21, "{{company}}"), (8, 17, "<CITY>")]
    assert code == EXIT_FINDINGS


def test_config_yaml_error_names_the_file_once(workdir, capsys):
    (workdir / ".jdlint.yaml").write_text("select: [JD1\n")
    code, _, err = run(["rules"], capsys)
    assert code == EXIT_ERROR
    assert err.count(".jdlint.yaml") == 1 and "(line 2" in err


def test_rule_options_in_kebab_case_from_the_config(lintable, capsys):
    # the issue's own example: rules: {JD201: {max-areas: 10, severity: error}}
    (lintable / "ds.md").write_text(GOOD)
    code, out, _ = run(["--format", "json", "ds.md"], capsys)
    assert not [f for f in json.loads(out)["results"][0]["findings"] if f["rule"] == "JD201"]
    (lintable / ".jdlint.yaml").write_text("rules: {JD201: {max-areas: 1, severity: error}}\n")
    code, out, _ = run(["--format", "json", "ds.md"], capsys)
    found = [f for f in json.loads(out)["results"][0]["findings"] if f["rule"] == "JD201"]
    assert code == EXIT_FINDINGS and found and found[0]["severity"] == "error"
    assert "more than 1 for a" in found[0]["message"]


def test_directive_naming_an_organisation_rule_that_is_ignored_is_not_unknown(lintable, capsys):
    rule = (REPO / "rules" / "checks" / "JD401-lone-specialist.yaml").read_text(encoding="utf-8")
    (lintable / "house").mkdir()
    (lintable / "house" / "JD901.yaml").write_text(
        rule.replace("id: JD401", "id: JD901").replace("name: lone-specialist", "name: house-lone"),
        encoding="utf-8")
    (lintable / ".jdlint.yaml").write_text("extra-rules: [house]\nignore: [JD901]\n")
    (lintable / "ds.md").write_text("<!-- jdlint-disable-file JD901 -->\n" + GOOD)
    code, out, _ = run(["--format", "json", "ds.md"], capsys)
    rules = {f["rule"] for f in json.loads(out)["results"][0]["findings"]}
    assert "JD002" not in rules  # JD901 exists, it is only not selected
    (lintable / "ds.md").write_text("<!-- jdlint-disable-file JD999 -->\n" + GOOD)
    code, out, _ = run(["--format", "json", "ds.md"], capsys)
    assert "JD002" in {f["rule"] for f in json.loads(out)["results"][0]["findings"]}
