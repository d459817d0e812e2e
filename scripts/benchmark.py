#!/usr/bin/env python3
"""Benchmark jdlint against the floor: spaCy's own tokenisation.

Not a timed test (machines are noisy): it runs jdlint and a floor process
in pairs, in the same run, and reports the median of the paired ratios.

    python scripts/benchmark.py [--corpus ../shared/corpus-real] [--runs 3]

Measures, each as (jdlint, floor, ratio):
  batch   jdlint --format json over every corpus posting as one .jsonl
          (default --jobs: one worker per CPU; and again with --jobs 1),
          vs a process that imports spaCy and tokenises the same texts
          with spacy.blank("en") (nlp.pipe);
  single  jdlint on one small posting, vs
          python -c "import spacy; spacy.blank('en')('x')";
  help    jdlint --help, vs python -c "import spacy".
and jdlint's peak memory on the batch: the largest RSS of one process, and
the peak of jdlint's and its workers' summed PSS (shared pages counted once).
Targets (issue 6): batch ratio <= 2.0, peak <= 400 MiB (both memory
columns), single <= 1.5, help <= 0.5.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR_BATCH = """
import json, sys
import spacy
nlp = spacy.blank("en")
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
n = 0
for doc in nlp.pipe(texts, batch_size=64):
    n += len(doc)
"""
SMALL_POSTING = """# Data Scientist

## Requirements

- Statistics: regression, hypothesis tests and experiment design
- SQL and Python for analysis; dashboards in Tableau
- Explain results to product managers
"""


def _tree_pss_mib(pid: int) -> float:
    """Proportional set size of a process and its descendants (its --jobs
    workers), in MiB: shared pages counted once in all; 0 where /proc lacks it."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            with open(f"/proc/{current}/task/{current}/children") as children:
                todo += [int(child) for child in children.read().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total / 1024.0


def run(cmd: list[str]) -> tuple[float, float, float, float, int]:
    """Wall seconds, CPU seconds (with its workers), peak RSS of one process
    in MiB, peak memory of the process with its workers (summed PSS, sampled
    every 50 ms) in MiB, and exit status of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = [0.0]

    def sample() -> None:
        while proc.returncode is None:
            peak_tree[0] = max(peak_tree[0], _tree_pss_mib(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        sys.exit(f"benchmark: {' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime  # includes the workers it waited for
    return wall, cpu, usage.ru_maxrss / 1024.0, peak_tree[0], proc.returncode


def paired(name: str, jd_cmd: list[str], floor_cmd: list[str], runs: int) -> dict:
    jd_times, floor_times, ratios, peaks, trees, cpus = [], [], [], [], [], []
    run(jd_cmd)  # warm the OS file cache and jdlint's own caches once
    run(floor_cmd)
    for _ in range(runs):
        jd_wall, jd_cpu, jd_peak, jd_tree, _ = run(jd_cmd)
        floor_wall, floor_cpu, _, _, _ = run(floor_cmd)
        cpus.append(jd_cpu / floor_cpu)
        jd_times.append(jd_wall)
        floor_times.append(floor_wall)
        ratios.append(jd_wall / floor_wall)
        peaks.append(jd_peak)
        trees.append(jd_tree)
    return {
        "name": name,
        "jdlint_s": statistics.median(jd_times),
        "floor_s": statistics.median(floor_times),
        "ratio": statistics.median(ratios),
        "peak_mib": max(peaks),
        "all_mib": max(trees),
        "cpu_ratio": statistics.median(cpus),
    }


def build_corpus(corpus: Path, out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as sink:
        for path in sorted(corpus.glob("*.jsonl")):
            for line in path.open(encoding="utf-8"):
                if line.strip():
                    record = json.loads(line)
                    sink.write(json.dumps({"id": record["id"], "title": record.get("title"),
                                           "text": record["text"]}, ensure_ascii=False) + "\n")
                    count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-real")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"benchmark: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    py = sys.executable
    jdlint = [py, "-m", "jdlint"]
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        batch = tmpdir / "corpus.jsonl"
        n = build_corpus(args.corpus, batch)
        small = tmpdir / "posting.md"
        small.write_text(SMALL_POSTING, encoding="utf-8")
        floor_script = tmpdir / "floor.py"
        floor_script.write_text(FLOOR_BATCH, encoding="utf-8")
        floor_batch = [py, str(floor_script), str(batch)]
        rows = [
            paired(f"batch ({n} postings)", jdlint + ["--format", "json", str(batch)],
                   floor_batch, args.runs),
            paired("batch, --jobs 1", jdlint + ["--jobs", "1", "--format", "json", str(batch)],
                   floor_batch, args.runs),
            paired("single posting", jdlint + [str(small)],
                   [py, "-c", "import spacy; spacy.blank('en')('x')"], args.runs),
            paired("--help", jdlint + ["--help"], [py, "-c", "import spacy"], args.runs),
        ]
    # which Korean / Japanese machinery jdlint uses on this install (extras ko, ja)
    probe = subprocess.run(
        [py, "-c", "from jdlint.nlp import backend; print(f'ko {backend(\"ko\")}, ja {backend(\"ja\")}')"],
        capture_output=True, text=True)
    backends = probe.stdout.strip() if probe.returncode == 0 else (
        "unknown (" + (probe.stderr.strip().splitlines() or ["no output"])[-1] + ")")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}; "
          f"tokenizers: {backends}")
    print(f"{'case':<24}{'jdlint s':>10}{'floor s':>10}{'ratio':>8}{'cpu ratio':>10}"
          f"{'peak MiB':>10}{'all MiB':>9}")
    for row in rows:
        print(f"{row['name']:<24}{row['jdlint_s']:>10.2f}{row['floor_s']:>10.2f}"
              f"{row['ratio']:>8.2f}{row['cpu_ratio']:>10.2f}{row['peak_mib']:>10.0f}"
              f"{row['all_mib']:>9.0f}")
    print("ratio: wall time; cpu ratio: CPU time, jdlint's workers included; peak MiB: "
          "largest RSS of one process; all MiB: jdlint with its --jobs workers (summed PSS, "
          "shared pages counted once)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
