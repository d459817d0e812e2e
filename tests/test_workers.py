"""Linting on several processes (--jobs): same output as one process."""
from __future__ import annotations

import faulthandler
import json
import os
import signal

import pytest

from jdlint import workers
from jdlint.cli import EXIT_ERROR
from jdlint.engine import Linter

from conftest import REPO, run

needs_fork = pytest.mark.skipif(not workers.can_fork(), reason="workers need fork (Linux)")


@pytest.fixture(autouse=True)
def four_cpus(monkeypatch):
    """--jobs is capped at the CPUs: these tests ask for 2 workers on any machine."""
    monkeypatch.setattr(workers, "available_cpus", lambda: 4)


def _square_all(numbers):
    return [(n, n * n, os.getpid()) for n in numbers]


@needs_fork
def test_run_all_keeps_order_and_uses_workers_for_a_large_batch():
    numbers = list(range(workers.MIN_PARALLEL * 3))
    out = list(workers.run_all(iter(numbers), _square_all, jobs=2))
    assert [(n, s) for n, s, _ in out] == [(n, n * n) for n in numbers]
    assert {pid for *_, pid in out} - {os.getpid()}, "no slice ran in a worker"


def _crash_in_a_worker(numbers, parent=os.getpid()):
    if 150 in numbers and os.getpid() != parent:
        faulthandler.disable()  # pytest's would print the worker's stack
        os.kill(os.getpid(), signal.SIGSEGV)  # a crash in native code
    return _square_all(numbers)


@needs_fork
def test_a_worker_that_dies_does_not_hang_the_run():
    def too_long(*_):
        raise TimeoutError("run_all hung after a worker died")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(60)
    try:
        out = list(workers.run_all(range(workers.MIN_PARALLEL * 2), _crash_in_a_worker, jobs=2))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [n for n, *_ in out] == list(range(workers.MIN_PARALLEL * 2))
    assert {n: pid for n, _, pid in out}[150] == os.getpid()  # the parent redid the dead slice
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
    seen.clear()  # a small batch runs here: nothing to prepare for workers
    list(workers.run_all(range(workers.MIN_PARALLEL - 1), _square_all, jobs=2,
                         prepare=lambda group: seen.append(len(group))))
    assert seen == []


def test_job_count(monkeypatch):
    monkeypatch.setattr(workers, "available_cpus", lambda: 8)
    if workers.can_fork():
        assert workers.job_count(0) == workers.MAX_AUTO
        assert workers.job_count(7) == 7
        assert workers.job_count(1000) == 8  # never more workers than CPUs
    else:
        assert workers.job_count(0) == workers.job_count(7) == 1


def _export(tmp_path, count: int):
    """A .jsonl export of ``count`` records from our own sample postings,
    with a broken line after record r230."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").rglob("*.md"))]
    lines = [json.dumps({"id": f"r{i}", "text": texts[i % len(texts)]}, ensure_ascii=False)
             for i in range(count)]
    lines.insert(231, "{not json")
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def linting_pids(tmp_path, monkeypatch):
    """The folder where Linter.lint notes the pid of each process that
    lints (forked workers inherit the patch); record r200 fails inside."""
    monkeypatch.chdir(tmp_path)
    real_lint = Linter.lint
    pids = tmp_path / "pids"
    pids.mkdir()

    def lint_and_note(self, analysis, **kwargs):
        (pids / str(os.getpid())).touch()
        if analysis.posting.record == "r200":
            raise RuntimeError("boom")  # an internal error in one posting
        return real_lint(self, analysis, **kwargs)

    monkeypatch.setattr(Linter, "lint", lint_and_note)
    return pids


@needs_fork
def test_jobs_give_the_same_output_errors_and_exit_code(tmp_path, capsys, monkeypatch, linting_pids):
    pids = linting_pids
    export = _export(tmp_path, workers.MIN_PARALLEL * 2 + 50)
    monkeypatch.setattr(workers, "GROUP", 150)  # two groups in workers, a small one here
    one = run(["--jobs", "1", "--format", "json", str(export)], capsys)
    assert {p.name for p in pids.iterdir()} == {str(os.getpid())}
    two = run(["--jobs", "2", "--format", "json", str(export)], capsys)
    assert {p.name for p in pids.iterdir()} - {str(os.getpid())}, "no posting went to a worker"
    auto = run(["--format", "sarif", str(export)], capsys)
    one_sarif = run(["--jobs", "1", "--format", "sarif", str(export)], capsys)
    assert one == two
    assert auto == one_sarif
    code, out, err = one
    assert code == EXIT_ERROR
    report = json.loads(out)
    assert len(report["results"]) == 2 * workers.MIN_PARALLEL + 50 - 1
    messages = [e["message"] for e in report["errors"]]
    # in input order: record r200's internal error, then the broken line after r230
    assert len(messages) == 2 and "record r200" in messages[0] and "boom" in messages[0]
    assert [e["line"] for e in report["errors"]] == [201, 232]
    assert err.count("jdlint: ") == 2 and err.index(":201:") < err.index(":232:")
    assert any(result["findings"] for result in report["results"])


def test_jobs_must_be_a_whole_number(tmp_path, capsys):
    code, _, err = run(["--jobs", "-1", str(tmp_path)], capsys)
    assert code == EXIT_ERROR and "--jobs" in err


@needs_fork
def test_jobs_from_the_configuration_and_the_command_line_wins(tmp_path, capsys, linting_pids):
    pids = linting_pids
    export = _export(tmp_path, workers.MIN_PARALLEL * 2)
    (tmp_path / ".jdlint.yaml").write_text("jobs: 1\n")
    run(["--format", "json", str(export)], capsys)
    assert {p.name for p in pids.iterdir()} == {str(os.getpid())}
    run(["--jobs", "2", "--format", "json", str(export)], capsys)
    assert {p.name for p in pids.iterdir()} - {str(os.getpid())}, "--jobs 2 did not use workers"
