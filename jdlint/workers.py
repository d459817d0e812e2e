"""Running one function over many postings, on one process or several (--jobs).

Postings are taken in groups of ``GROUP`` (so a large export is never all in
memory). With one job the group is handed to ``work`` in this process. With
more, the group is cut into slices and a pool of forked workers runs ``work``
on them: the workers inherit what the parent has built (rules, taxonomy
matchers, the tokenizers of the group's languages: call ``prepare`` for
them) and share it copy-on-write, so they start at once and the optional
analysers' dictionaries are loaded only once. Outcomes come back in input
order, so the output is the same whatever the number of jobs.

Several processes need the ``fork`` start method (Linux); elsewhere, and for
a batch smaller than ``MIN_PARALLEL``, there is one process. A worker that
dies does not hang the run: what it had not done is done in this process.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

GROUP = 2048  # postings taken from the input at a time
MIN_PARALLEL = 128  # fewer postings than this in a group: one process
SLICES_PER_JOB = 4  # slices per worker and group, to even out slow postings
# The default (--jobs 0) uses at most this many workers: each adds about
# 40 MiB of its own to the parent's 130 (measured, scripts/benchmark.py)
MAX_AUTO = 4


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def job_count(jobs: int) -> int:
    """``jobs`` as asked (0 = one per available CPU, at most ``MAX_AUTO``),
    never more than the available CPUs (the work is CPU-bound: more workers
    only cost memory), or 1 where workers cannot be forked."""
    cpus = available_cpus()
    wanted = min(cpus, MAX_AUTO) if jobs == 0 else min(jobs, cpus)
    return max(1, wanted) if can_fork() else 1


def run_all(items: Iterable[T], work: Callable[[Sequence[T]], list[R]], jobs: int,
            prepare: Callable[[Sequence[T]], None] | None = None) -> Iterator[R]:
    """``work``'s outcomes for ``items``, in order, group by group; ``work``
    takes a slice of items and returns one list for the slice. ``prepare``
    runs in this process on each group before workers are forked. If a
    worker dies (a crash in native code, the out-of-memory killer), the
    slices not yet done are run in this process."""
    jobs = job_count(jobs)
    items = iter(items)
    while True:
        group = list(islice(items, GROUP))
        if not group:
            return
        if jobs == 1 or len(group) < MIN_PARALLEL:
            yield from work(group)
            continue
        if prepare is not None:
            prepare(group)
        size = -(-len(group) // (jobs * SLICES_PER_JOB))
        slices = [group[i:i + size] for i in range(0, len(group), size)]
        yield from _in_workers(work, slices, min(jobs, len(slices)))


def _in_workers(work: Callable[[Sequence[T]], list[R]], slices: list[list[T]],
                jobs: int) -> Iterator[R]:
    global _TASK
    _TASK = (work, slices)  # inherited by the forked workers, not pickled
    done = 0
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_ignore_interrupts) as pool:
            for outcomes in pool.map(_run_slice, range(len(slices))):
                yield from outcomes
                done += 1
    except BrokenProcessPool:
        for remaining in slices[done:]:
            yield from work(remaining)
    finally:
        _TASK = None


_TASK: tuple[Callable, list] | None = None  # (work, slices) of the group being run


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle. The parent stops at
    once; the workers finish the slices already handed to them, so the
    process exits a few seconds later (3-4 s measured with two workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_slice(index: int) -> list:
    """In a worker: ``work`` on slice ``index`` of the group."""
    work, slices = _TASK  # type: ignore[misc]
    return work(slices[index])
