"""Linting on several processes (--jobs): same output as one process."""
from __future__ import annotations

import json
import os

import pytest

from jdlint import workers
from jdlint.cli import EXIT_ERROR, main
from jdlint.engine import Linter

from conftest import REPO

needs_fork = pytest.mark.skipif(not workers.can_fork(), reason="workers need fork (Linux)")


def _square_all(numbers):
    return [(n, n * n, os.getpid()) for n in numbers]


@needs_fork
def test_run_all_keeps_order_and_uses_workers_for_a_large_batch():
    numbers = list(range(workers.MIN_PARALLEL * 3))
    out = list(workers.run_all(iter(numbers), _square_all, jobs=2))
    assert [(n, s) for n, s, _ in out] == [(n, n * n) for n in numbers]
    assert {pid for *_, pid in out} - {os.getpid()}, "no slice ran in a worker"


def test_run_all_small_batches_and_one_job_stay_in_this_process():
    small = list(workers.run_all(range(workers.MIN_PARALLEL - 1), _square_all, jobs=2))
    one = list(workers.run_all(range(workers.MIN_PARALLEL * 2), _square_all, jobs=1))
    assert {pid for *_, pid in small + one} == {os.getpid()}
    assert [n for n, *_ in one] == list(range(workers.MIN_PARALLEL * 2))


def test_prepare_runs_in_this_process_before_the_workers():
    seen = []
    list(workers.run_all(range(workers.MIN_PARALLEL * 2), _square_all, jobs=2,
                         prepare=lambda group: seen.append((len(group), os.getpid()))))
    assert seen == ([(workers.MIN_PARALLEL * 2, os.getpid())] if workers.can_fork() else [])


def test_job_count():
    assert workers.job_count(1) == 1
    assert workers.job_count(0) >= 1
    if workers.can_fork():
        assert workers.job_count(0) == workers.available_cpus()
        assert workers.job_count(3) == 3


def _export(tmp_path, count: int):
    """A .jsonl export of ``count`` records from our own sample postings,
    with a broken line in the middle."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").rglob("*.md"))]
    lines = [json.dumps({"id": f"r{i}", "text": texts[i % len(texts)]}, ensure_ascii=False)
             for i in range(count)]
    lines.insert(count // 2, "{not json")
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _lint(args, capsys):
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@needs_fork
def test_jobs_give_the_same_output_errors_and_exit_code(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    export = _export(tmp_path, workers.MIN_PARALLEL * 2 + 7)
    real_lint = Linter.lint

    def lint_or_fail(self, analysis, **kwargs):  # an internal error in one posting
        if analysis.posting.record == "r200":
            raise RuntimeError("boom")
        return real_lint(self, analysis, **kwargs)

    monkeypatch.setattr(Linter, "lint", lint_or_fail)  # forked workers inherit it
    one = _lint(["--jobs", "1", "--format", "json", str(export)], capsys)
    two = _lint(["--jobs", "2", "--format", "json", str(export)], capsys)
    auto = _lint(["--format", "sarif", str(export)], capsys)
    one_sarif = _lint(["--jobs", "1", "--format", "sarif", str(export)], capsys)
    assert one == two
    assert auto == one_sarif
    code, out, err = one
    assert code == EXIT_ERROR
    report = json.loads(out)
    assert len(report["results"]) == workers.MIN_PARALLEL * 2 + 7 - 1
    messages = [e["message"] for e in report["errors"]]
    assert len(messages) == 2 and "boom" in messages[1] and "record r200" in messages[1]
    assert err.count("jdlint: ") == 2
    assert any(result["findings"] for result in report["results"])


def test_jobs_must_be_a_whole_number(tmp_path, capsys):
    code, _, err = _lint(["--jobs", "-1", str(tmp_path)], capsys)
    assert code == EXIT_ERROR and "--jobs" in err
