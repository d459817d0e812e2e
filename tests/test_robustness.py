"""Bad input through the real command line (issue 6): jdlint never crashes,
hangs or loses findings.

Each bad input is linted next to ``flagged.md``, a readable posting with
findings. The bad input gets what the contract says (an input error: one
line on stderr naming it, an entry in the JSON ``errors`` list, exit 2; or
finding JD001; or it is simply read), and ``flagged.md`` is still linted
with exactly the findings it has on its own. No traceback without --debug.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
import sys
import time

import pytest

from jdlint.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main

FLAGGED = """# Junior Data Scientist (New Grad)

## Requirements

- 0-2 years of experience; new graduates welcome
- SQL and Python; statistics such as hypothesis testing and regression
- Causal inference with difference-in-differences
- Lead a team of analysts and set the team's direction
"""

# Front matter, an HTML comment with a directive, a code fence and inline
# code: everything that has positions, for the line-ending comparison.
RICH = """---
title: Junior Data Scientist
tags: [a, b]
---
<!-- a note for recruiters -->

## Requirements

- 0-2 years of experience
- SQL, `pandas` and statistics
```
Causal inference (this is code, not prose)
```
- Causal inference with difference-in-differences, 한국어 and 日本語 too
- Lead a team of analysts\tand set the team's direction
<!-- jdlint-disable-next-line JD999 -->
- Bayesian modelling with Stan
- Kubernetes is nice to have (a cue for this line only)
"""

SLOW_LIMIT = 30  # seconds; loose (the machine may be busy); some took minutes before their fixes


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """An empty working folder (no configuration above it) with flagged.md."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "flagged.md").write_text(FLAGGED, encoding="utf-8")
    return tmp_path


def lint(args, capsys):
    """(exit code, JSON report or None, stderr) of ``jdlint ARGS --format json
    --fail-on warning`` (flagged.md's findings are warnings)."""
    code = main([*args, "--format", "json", "--fail-on", "warning"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out and "Traceback" not in err
    return code, (json.loads(out) if out else None), err


def findings_of(data, path, record=None):
    found = [r for r in data["results"] if r["path"] == path and r["record"] == record]
    assert len(found) == 1, f"{path} {record}: {len(found)} results"
    return found[0]["findings"]


@pytest.fixture
def flagged_alone(workdir, capsys):
    code, data, err = lint(["flagged.md"], capsys)
    assert code == EXIT_FINDINGS and not err
    findings = findings_of(data, "flagged.md")
    assert {f["rule"] for f in findings} >= {"JD301"}
    return findings


def assert_input_error(workdir, capsys, flagged_alone, name, expected, line=None):
    """``name`` is an input error whose message contains ``expected``; the
    flagged posting next to it keeps all its findings."""
    code, data, err = lint([name, "flagged.md"], capsys)
    assert code == EXIT_ERROR
    assert [r["path"] for r in data["results"]] == ["flagged.md"]
    assert findings_of(data, "flagged.md") == flagged_alone
    assert len(data["errors"]) == 1
    error = data["errors"][0]
    assert error["path"] == name and error["line"] == line
    assert expected in error["message"]
    lines = err.splitlines()
    where = name if line is None else f"{name}:{line}"
    assert lines == [f"jdlint: {where}: {error['message']}"]
    return error["message"]


def assert_read(workdir, capsys, flagged_alone, name):
    """``name`` is read as a posting (no input error); returns its findings."""
    code, data, err = lint([name, "flagged.md"], capsys)
    assert data["errors"] == [] and err == ""
    assert code == EXIT_FINDINGS
    assert [r["path"] for r in data["results"]] == [name, "flagged.md"]
    assert findings_of(data, "flagged.md") == flagged_alone
    return findings_of(data, name)


# ---- unreadable files: input errors ----

@pytest.mark.parametrize("content, expected", [
    (bytes(range(256)) * 4, "binary file (NUL byte at offset 0)"),
    (b"# Data\0 Scientist\n\nSQL\n", "binary file (NUL byte at offset 6)"),
    ("# Data Scientist\n\nSQL".encode() + b"\xff\xfe statistics\n",
     "not UTF-8: invalid byte 0xff at offset 21 (line 3)"),
    (b"# Daten\r\rK\xc3", "not UTF-8: the file ends inside a character (offset 10, line 3)"),
    (codecs.BOM_UTF16_LE + "# Data Scientist\n".encode("utf-16-le") + b"\x00\xd8",
     "not UTF-16: the file ends inside a character"),
])
def test_unreadable_file_is_an_input_error(workdir, capsys, flagged_alone, content, expected):
    (workdir / "bad.md").write_bytes(content)
    assert_input_error(workdir, capsys, flagged_alone, "bad.md", expected)


def test_invalid_utf8_says_what_and_where(workdir, capsys, flagged_alone):
    (workdir / "bad.md").write_bytes(b"# Data Scientist\r\n\r\n- SQL\r\n- caf\xe9 statistics\r\n")
    message = assert_input_error(workdir, capsys, flagged_alone, "bad.md", "not UTF-8")
    assert message == "not UTF-8: invalid byte 0xe9 at offset 32 (line 4)"


def test_missing_path(workdir, capsys, flagged_alone):
    assert_input_error(workdir, capsys, flagged_alone, "missing.md", "no such file or directory")


@pytest.mark.parametrize("option", ["--max-size", "config"])
def test_file_over_the_size_limit(workdir, capsys, flagged_alone, option):
    (workdir / "big.md").write_text(FLAGGED + "x" * (2000 - len(FLAGGED)), encoding="utf-8")
    if option == "config":
        (workdir / ".jdlint.yaml").write_text("max-size: 1000\n")
        args = ["big.md", "flagged.md"]
    else:
        args = ["big.md", "flagged.md", "--max-size", "1000"]
    code, data, err = lint(args, capsys)
    assert code == EXIT_ERROR
    assert findings_of(data, "flagged.md") == flagged_alone
    message = "larger than the size limit (2000 bytes > 1000 bytes)"
    assert data["errors"] == [{"path": "big.md", "line": None, "message": message}]
    assert err == f"jdlint: big.md: {message}\n"


def test_default_size_limit_is_5_mib(workdir, capsys, flagged_alone):
    (workdir / "huge.md").write_bytes(b"x" * (5 * 1024 * 1024 + 1))
    message = assert_input_error(workdir, capsys, flagged_alone, "huge.md", "size limit")
    assert message == "larger than the size limit (5242881 bytes > 5242880 bytes)"


def test_command_line_size_beats_the_configuration(workdir, capsys, flagged_alone):
    (workdir / ".jdlint.yaml").write_text("max-size: 100\n")
    code, data, _ = lint(["flagged.md", "--max-size", "100000"], capsys)
    assert code == EXIT_FINDINGS and findings_of(data, "flagged.md") == flagged_alone


# ---- readable files ----

def test_utf16_with_bom_is_read_like_utf8(workdir, capsys, flagged_alone):
    for codec, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        (workdir / "wide.md").write_bytes(bom + FLAGGED.encode(codec))
        findings = assert_read(workdir, capsys, flagged_alone, "wide.md")
        assert findings == flagged_alone


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  \r\n \r", b"\xef\xbb\xbf", b"\n" * 5000])
def test_empty_and_blank_files_are_postings_without_findings(workdir, capsys, flagged_alone,
                                                               content):
    (workdir / "blank.md").write_bytes(content)
    assert assert_read(workdir, capsys, flagged_alone, "blank.md") == []


@pytest.mark.parametrize("front, reason", [
    ("title: [unclosed\n", "front matter is not valid YAML"),
    ("- just\n- a list\n", "front matter is not a mapping"),
    ("title: 5\n", "'title' must be a string"),
    ("title: x\ntitle: y\n", "duplicate key"),
    ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 40)), "nested deeper"),
    ("title: \x07bell\n", "unacceptable character"),
])
def test_malformed_front_matter_is_jd001_and_the_posting_is_linted(
        workdir, capsys, flagged_alone, front, reason):
    (workdir / "front.md").write_text(f"---\n{front}---\n{FLAGGED}", encoding="utf-8")
    findings = assert_read(workdir, capsys, flagged_alone, "front.md")
    jd001 = [f for f in findings if f["rule"] == "JD001"]
    assert len(jd001) == 1 and reason in jd001[0]["message"]
    assert (jd001[0]["line"], jd001[0]["column"]) == (1, 1)
    shift = front.count("\n") + 2  # the delimiters and the YAML lines
    rest = [(f["rule"], f["line"] - shift, f["column"]) for f in findings if f["rule"] != "JD001"]
    assert rest == [(f["rule"], f["line"], f["column"]) for f in flagged_alone]


def test_yaml_alias_bomb_in_front_matter_is_refused_quickly(workdir, capsys, flagged_alone):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 12):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    (workdir / "bomb.md").write_text("---\n" + "\n".join(lines) + "\n---\n" + FLAGGED)
    started = time.monotonic()
    findings = assert_read(workdir, capsys, flagged_alone, "bomb.md")
    assert time.monotonic() - started < 10
    jd001 = [f for f in findings if f["rule"] == "JD001"]
    assert len(jd001) == 1 and "anchors and aliases are not allowed" in jd001[0]["message"]


# ---- hostile structure: no hang, no crash ----

def hostile_cases():
    filler = "the team builds data products with care " * 50
    yield "long-line", "# Data Scientist\n\n## Requirements\n\n- " + (filler + "SQL. ") * 1000
    yield "long-word", "# Data Scientist\n\n" + "a" * 2_000_000 + "\n"
    yield "list-on-one-line", "## Requirements\n\n" + ("- " * 5000 + "SQL\n") * 20
    yield "list-staircase", "## Requirements\n\n" + "".join("  " * i + "- SQL\n" for i in range(1000))
    yield "blockquote-staircase", "".join(">" * i + " - x\n" for i in range(1000))
    yield "brackets", "## Requirements\n\n- SQL " + ")" * 20000 + "\n- " + "(" * 20000 + "\n"
    yield "headings", "".join(f"## Requirements {i}\n- SQL\n" for i in range(50_000))
    yield "finding-per-section", "# Junior Data Scientist\n\n" + "## Requirements\n- Kaggle Grandmaster\n" * 40_000
    # SudachiPy (jdlint[ja]) refuses a text over 49,149 bytes; Kiwi (jdlint[ko]) is slow on long runs
    yield "japanese-100kb", "# データサイエンティスト（新卒）\n\n## 必須スキル\n" + "- 統計とSQLの実務経験\n" * 3500
    yield "korean-unspaced", "# 신입 데이터 분석가\n\n## 자격요건\n- 통계" + "가" * 400_000 + "\n"
    yield "heading-ladder", "".join("#" * (i % 7 + 1) + " Qualifications\n" for i in range(20000))
    yield "fences", "```\n" * 5001 + "SQL\n"
    yield "comments", "<!-- " * 20000 + "SQL -->\n" + "<!-- jdlint-disable JD101 -->\n" * 2000
    yield "controls", "".join(chr(c) for c in range(1, 32) if c != 0) * 20000


@pytest.mark.parametrize("name, text", list(hostile_cases()), ids=lambda v: v if len(v) < 30 else "")
def test_hostile_structure_is_linted_in_time(workdir, capsys, flagged_alone, name, text):
    (workdir / f"{name}.md").write_text(text, encoding="utf-8")
    started = time.monotonic()
    code, data, err = lint([f"{name}.md", "flagged.md"], capsys)
    elapsed = time.monotonic() - started
    assert data["errors"] == [] and err == ""
    assert [r["path"] for r in data["results"]] == [f"{name}.md", "flagged.md"]
    assert findings_of(data, "flagged.md") == flagged_alone
    assert elapsed < SLOW_LIMIT, f"{name}: {elapsed:.1f} s"


# ---- line endings ----

@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_crlf_and_lone_cr_give_the_same_positions_as_lf(workdir, capsys, ending):
    (workdir / "lf.md").write_text(RICH, encoding="utf-8", newline="")
    (workdir / "other.md").write_text(RICH.replace("\n", ending), encoding="utf-8", newline="")
    code, data, err = lint(["lf.md", "other.md"], capsys)
    lf, other = findings_of(data, "lf.md"), findings_of(data, "other.md")
    assert {f["rule"] for f in lf} >= {"JD002", "JD301"}
    assert {f["evidence"] for f in lf} >= {"Causal inference", "Bayesian modelling"}
    assert other == lf
    assert data["results"][0]["posting"] == data["results"][1]["posting"]


# ---- .jsonl exports ----

def test_jsonl_bad_lines_are_errors_and_good_records_are_linted(workdir, capsys, flagged_alone):
    lines = [
        json.dumps({"id": "first", "text": FLAGGED}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "no-text", "title": "Data Scientist"}),
        json.dumps({"id": "number", "text": 5}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": "empty", "text": ""}),
        '{"id": "deep", "text": ' + "[" * 100000 + "]" * 100000 + "}",
        json.dumps({"id": "last", "text": FLAGGED.replace("\n", "\r\n")}),
    ]
    (workdir / "export.jsonl").write_bytes("\n".join(lines).encode() + b"\n\xff\xfe\n")
    code, data, err = lint(["export.jsonl", "flagged.md"], capsys)
    assert code == EXIT_ERROR
    assert [(r["path"], r["record"]) for r in data["results"]] == [
        ("export.jsonl", "first"), ("export.jsonl", "empty"), ("export.jsonl", "last"),
        ("flagged.md", None)]
    for record in ("first", "last"):
        assert findings_of(data, "export.jsonl", record) == flagged_alone
    assert findings_of(data, "export.jsonl", "empty") == []
    assert findings_of(data, "flagged.md") == flagged_alone
    errors = [(e["line"], e["message"]) for e in data["errors"]]
    assert [line for line, _ in errors] == [2, 3, 4, 5, 8, 10]
    assert 'has no string "text" (it is missing)' in errors[1][1]
    assert 'has no string "text" (found a number)' in errors[2][1]
    assert "not a JSON object" in errors[3][1]
    assert "not UTF-8: invalid byte 0xff" in errors[5][1]
    assert err.splitlines() == [f"jdlint: export.jsonl:{line}: {message}" for line, message in errors]


def test_jsonl_record_over_the_size_limit(workdir, capsys, flagged_alone):
    lines = [json.dumps({"id": "big", "text": "x" * 5000}), json.dumps({"id": "ok", "text": FLAGGED})]
    (workdir / "export.jsonl").write_text("\n".join(lines) + "\n")
    code, data, err = lint(["export.jsonl", "flagged.md", "--max-size", "1000"], capsys)
    assert code == EXIT_ERROR
    assert findings_of(data, "export.jsonl", "ok") == flagged_alone
    assert findings_of(data, "flagged.md") == flagged_alone
    assert [(e["path"], e["line"]) for e in data["errors"]] == [("export.jsonl", 1)]
    assert "larger than the size limit" in data["errors"][0]["message"]


# ---- folders ----

def test_folder_with_a_symlink_loop(workdir, capsys, flagged_alone):
    folder = workdir / "postings" / "sub"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text(FLAGGED)
    try:
        os.symlink("..", folder / "back")
        os.symlink(".", folder / "self")
    except (OSError, NotImplementedError):
        pytest.skip("no symbolic links here")
    started = time.monotonic()
    code, data, err = lint(["postings", "flagged.md"], capsys)
    assert time.monotonic() - started < SLOW_LIMIT
    assert code == EXIT_FINDINGS and err == ""
    assert [r["path"] for r in data["results"]] == [os.path.join("postings", "sub", "a.md"),
                                                     "flagged.md"]
    assert findings_of(data, "flagged.md") == flagged_alone


# ---- bad configuration: exit 2 with a message, nothing linted ----

@pytest.mark.parametrize("config, expected", [
    ("select: [JD1\n", "bad.yaml"),
    ("colour: red\n", "colour"),
    ("max-size: -5\n", "max-size"),
    ("max-size: lots\n", "max-size"),
    ("a: &x [1]\nb: *x\n", "anchors and aliases"),
    ("\xff", "bad.yaml"),
])
def test_bad_configuration_file(workdir, capsys, config, expected):
    (workdir / "bad.yaml").write_bytes(config.encode("latin-1"))
    code = main(["--config", "bad.yaml", "flagged.md", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == EXIT_ERROR and out == ""
    assert "Traceback" not in err and "internal error" not in err
    assert len(err.splitlines()) == 1 and "bad.yaml" in err and expected in err


def test_debug_shows_a_traceback_only_on_errors(workdir, capsys):
    (workdir / "bad.yaml").write_text("colour: red\n")
    assert main(["--config", "bad.yaml", "flagged.md", "--debug"]) == EXIT_ERROR
    assert "Traceback" in capsys.readouterr().err
    assert main(["flagged.md", "--debug", "--fail-on", "warning"]) == EXIT_FINDINGS
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err


def test_clean_posting_still_exits_0(workdir, capsys):
    (workdir / "blank.md").write_text("")
    code, data, _ = lint(["blank.md"], capsys)
    assert code == EXIT_OK and data["results"][0]["findings"] == []


def test_clause_of_a_match_on_a_huge_line_does_not_scan_the_line():
    """Every skill match looks at its clause; finding the clause must not
    scan a megabyte-long line back to its start (quadratic in the line)."""
    from jdlint.matcher import _clause

    text = "## Requirements\n\n- " + "SQL and statistics, " * 500_000 + "\n- R\n"
    end_of_line = text.index("\n- R")
    started = time.monotonic()
    for start in range(end_of_line - 30_000, end_of_line - 3):
        left, right = _clause(text, start, start + 3)
        assert start - 300 <= left <= start and start + 3 <= right <= start + 303
    assert time.monotonic() - started < 3
    assert _clause(text, 19, 22) == (17, 322)  # the line start; cut 300 characters on
    assert _clause(text, end_of_line + 3, end_of_line + 4) == (end_of_line + 1, len(text) - 1)


# ---- user-written phrases are literal: no regular expression, no backtracking ----

REGEXISH_RULE = r"""id: JD901
name: regex-looking-phrases
kind: phrase
severity: warning
summary: Phrases full of regular-expression metacharacters.
why: A house rule for the robustness test.
source: tests
message: "found '{phrase}'"
options:
  phrases:
    en: ["(a+)+$", "(x|x)*y", "^.*$", "[a-z]+", "\\d+", "(.*a){12}"]
"""


def test_rule_phrases_with_regex_metacharacters_are_literal_and_fast(workdir, capsys):
    """No rule kind takes a regular expression: a phrase such as "(a+)+$" is
    matched literally, so a hostile 100,000-character line cannot make
    matching backtrack."""
    (workdir / "house").mkdir()
    (workdir / "house" / "JD901-regexish.yaml").write_text(REGEXISH_RULE)
    (workdir / ".jdlint.yaml").write_text("extra-rules: [house]\n")
    hostile = "a" * 100_000 + "!"
    (workdir / "hostile.md").write_text(
        "# Data Scientist\n\n## Requirements\n\n"
        f"- {hostile}\n- {'x' * 100_000}\n- {'a' * 50_000} {'x ' * 50_000}\n"
        "- we write (a+)+$ on purpose\n- and (x|x)*y, with [a-z]+ too\n- digits 12345\n")
    main(["flagged.md", "--select", "JD901"])  # warm up (spaCy, taxonomy)
    capsys.readouterr()
    started = time.monotonic()
    code, data, err = lint(["hostile.md", "--select", "JD901"], capsys)
    assert time.monotonic() - started < 5
    assert err == "" and data["errors"] == []
    found = [(f["line"], f["evidence"]) for f in findings_of(data, "hostile.md")]
    assert found == [(8, "(a+)+$"), (9, "(x|x)*y")]  # one per line; \d+ is no pattern


def test_compiled_phrases_hold_only_escaped_literals():
    from jdlint.kinds import compile_phrase

    # {...} is the phrase language's own "one of" ({12}: just "12")
    for phrase, literal in (("(a+)+$", "(a+)+$"), ("(x|x)*y", "(x|x)*y"),
                            ("(.*a){12}", "(.*a)12"), ("[a-z]+", "[a-z]+")):
        pattern = compile_phrase(phrase, 60)
        started = time.monotonic()
        assert pattern.search("a" * 100_000 + "!" + "x" * 100_000) is None
        assert time.monotonic() - started < 5
        assert pattern.search(f"it says {literal} here").group() == literal


# ---- text output: one line per finding, nothing a terminal would obey ----

def test_text_output_keeps_one_line_per_finding_and_no_control_characters(workdir, capsys):
    evil = "evil\nfake.md:1:1: JD999 injected\x1b[2J\x85"
    (workdir / "ids.jsonl").write_text(json.dumps({"id": evil, "text": FLAGGED}) + "\n")
    (workdir / "esc.md").write_text(FLAGGED.replace(
        "- SQL", "- publish \x1b]0;pwned\x07 papers at NeurIPS every year\n- SQL"))
    code = main(["ids.jsonl", "esc.md", "no\nsuch\x1b[31m.md", "--fail-on", "warning"])
    out, err = capsys.readouterr()
    assert code == EXIT_ERROR
    *lines, summary = out.splitlines()
    assert summary.startswith("5 findings (5 warnings) in 2 postings; 1 input error")
    assert len(lines) == 5 and all(re.match(r"(ids\.jsonl#.*|esc\.md):\d+:\d+: JD\d{3} ", line)
                                   for line in lines), lines
    assert any("JD202" in line and "\\x1b]0;pwned\\x07" in line for line in lines)
    assert len(err.splitlines()) == 1 and err.startswith("jdlint: no")
    for text in (out, err):
        assert not any(ch in text for ch in "\x1b\x07\x85\u2028")


def test_binary_standard_input_in_a_real_process(workdir):
    """The installed entry point, end to end: binary bytes on standard input
    are an input error, the file next to it is linted."""
    done = subprocess.run(
        [sys.executable, "-m", "jdlint", "-", "flagged.md", "--format", "json"],
        input=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", capture_output=True, timeout=120)
    assert done.returncode == EXIT_ERROR
    err = done.stderr.decode()
    assert err == "jdlint: -: binary file (NUL byte at offset 8)\n"
    data = json.loads(done.stdout)
    assert [r["path"] for r in data["results"]] == ["flagged.md"]
    assert {f["rule"] for f in data["results"][0]["findings"]} >= {"JD301"}


@pytest.mark.parametrize("where", ["analysis", "engine"])
def test_an_internal_error_on_one_posting_loses_no_other_findings(
        workdir, capsys, flagged_alone, monkeypatch, where):
    """A bug that raises on one posting is an internal error for that posting
    only (exit 2, one line, an `errors` entry), never a lost run."""
    import jdlint.analysis
    import jdlint.engine

    def boom_if_marked(text):
        if "BOOM" in text:
            raise RuntimeError("simulated bug")

    if where == "analysis":
        original = jdlint.analysis.Analyzer._analyse

        def analyse(self, posting, language, tokens):
            boom_if_marked(posting.text)
            return original(self, posting, language, tokens)
        monkeypatch.setattr(jdlint.analysis.Analyzer, "_analyse", analyse)
    else:
        original = jdlint.engine.Linter.lint

        def lint_(self, analysis, **options):
            boom_if_marked(analysis.posting.text)
            return original(self, analysis, **options)
        monkeypatch.setattr(jdlint.engine.Linter, "lint", lint_)
    (workdir / "bad.md").write_text("# Data Scientist\n\nBOOM\n", encoding="utf-8")
    error = assert_input_error(workdir, capsys, flagged_alone, "bad.md", "internal error")
    assert "RuntimeError: simulated bug" in error and "--debug" in error
    assert main(["bad.md", "flagged.md", "--debug"]) == EXIT_ERROR
    assert "Traceback" in capsys.readouterr().err  # --debug shows where it failed
