"""Measure jdlint's understanding against ../shared/eval-dev/labels.jsonl.

    python scripts/evaluate.py [--cv] [--areas] [--time]

Prints area presence micro P/R/F1 with a bootstrap 95% interval (English,
and Korean+Japanese), per-area figures for areas with at least 5
positives, strength macro-F1 (required/preferred, over areas both found),
and role_body, seniority_body and years_required accuracy.

``--cv`` chooses the fuzzy cutoff by 5-fold cross-validation: for each fold
the cutoff with the best area F1 on the other four folds is applied to the
held-out fold, and the pooled held-out F1 is reported.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jdlint.analysis import Analyzer  # noqa: E402
from jdlint.model import AREAS, Posting  # noqa: E402

SHARED = ROOT.parent / "shared"
CUTOFFS = (88, 90, 92, 94, 96, 101)  # 101 = fuzzy matching off


def load_postings(ids: set[str] | None = None) -> dict[str, Posting]:
    postings = {}
    for path in sorted((SHARED / "corpus-real").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if ids is not None and record["id"] not in ids:
                continue
            postings[record["id"]] = make_posting(record, path.name)
    return postings


def make_posting(record: dict, filename: str) -> Posting:
    text = record["text"]
    try:
        from jdlint.reader import build_posting

        return build_posting(text, filename, record=record)
    except Exception:
        return Posting(path=filename, text=text, masked=text, record=record["id"],
                       title=record.get("title"), partial=bool(record.get("partial")))


def load_labels() -> list[dict]:
    path = SHARED / "eval-dev" / "labels.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def is_cjk(label_id: str, analysis) -> bool:
    return analysis.facts.language in ("ko", "ja")


def presence_counts(pairs):
    """pairs: (labels, analysis); returns per-posting (tp, fp, fn) lists and per-area counts."""
    per_posting = []
    per_area = {area: [0, 0, 0] for area in AREAS}
    for label, analysis in pairs:
        tp = fp = fn = 0
        for area, value in label["areas"].items():
            gold = value != "absent"
            found = area in analysis.areas
            if gold and found:
                tp += 1
                per_area[area][0] += 1
            elif found:
                fp += 1
                per_area[area][1] += 1
            elif gold:
                fn += 1
                per_area[area][2] += 1
        per_posting.append((tp, fp, fn))
    return per_posting, per_area


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def micro(per_posting) -> tuple[float, float, float]:
    tp = sum(x[0] for x in per_posting)
    fp = sum(x[1] for x in per_posting)
    fn = sum(x[2] for x in per_posting)
    return prf(tp, fp, fn)


def bootstrap_f1(per_posting, rounds: int = 1000, seed: int = 0) -> tuple[float, float]:
    rng = random.Random(seed)
    scores = []
    n = len(per_posting)
    for _ in range(rounds):
        sample = [per_posting[rng.randrange(n)] for _ in range(n)]
        scores.append(micro(sample)[2])
    scores.sort()
    return scores[int(0.025 * rounds)], scores[int(0.975 * rounds) - 1]


def strength_macro_f1(pairs) -> tuple[float, int]:
    counts = {s: [0, 0, 0] for s in ("required", "preferred")}
    n = 0
    for label, analysis in pairs:
        for area, gold in label["areas"].items():
            if gold not in ("required", "preferred") or area not in analysis.areas:
                continue
            found = analysis.areas[area]
            n += 1
            if found == gold:
                counts[gold][0] += 1
            else:
                counts[found][1] += 1
                counts[gold][2] += 1
    f1s = [prf(*counts[s])[2] for s in counts]
    return sum(f1s) / 2, n


def accuracy(pairs, key: str, get) -> tuple[float, int]:
    right = total = 0
    for label, analysis in pairs:
        if key not in label:
            continue
        total += 1
        right += get(analysis) == label[key]
    return (right / total if total else 0.0), total


def analyse(labels, postings, cutoff=None):
    analyzer = Analyzer(fuzzy_cutoff=cutoff)
    ordered = [postings[label["id"]] for label in labels]
    return list(zip(labels, analyzer.analyse(ordered)))


def report(pairs, show_areas: bool) -> None:
    groups = {
        "en": [p for p in pairs if p[1].facts.language not in ("ko", "ja")],
        "ko+ja": [p for p in pairs if p[1].facts.language in ("ko", "ja")],
    }
    for name, group in groups.items():
        if not group:
            continue
        per_posting, per_area = presence_counts(group)
        p, r, f = micro(per_posting)
        low, high = bootstrap_f1(per_posting)
        print(f"area presence {name:6} n={len(group):3}  P={p:.3f} R={r:.3f} F1={f:.3f}"
              f"  95% CI [{low:.3f}, {high:.3f}]")
    if show_areas:
        _, per_area = presence_counts(pairs)
        print("per area (>= 5 positives):")
        for area in AREAS:
            tp, fp, fn = per_area[area]
            if tp + fn >= 5:
                p, r, f = prf(tp, fp, fn)
                print(f"  {area:24} pos={tp + fn:3} P={p:.2f} R={r:.2f} F1={f:.2f}  (fp={fp} fn={fn})")
    macro, n = strength_macro_f1(pairs)
    print(f"strength macro-F1 {macro:.3f} over {n} areas found by both")
    for key, get in (("role_body", lambda a: a.facts.role_body),
                     ("seniority_body", lambda a: a.facts.seniority_body),
                     ("years_required", lambda a: a.facts.years_required)):
        acc, n = accuracy(pairs, key, get)
        print(f"{key:15} accuracy {acc:.3f} (n={n})")


def cross_validate(labels, postings, folds: int = 5) -> None:
    rng = random.Random(20261126)
    order = list(range(len(labels)))
    rng.shuffle(order)
    fold_of = {i: k % folds for k, i in enumerate(order)}
    results = {}
    for cutoff in CUTOFFS:
        pairs = analyse(labels, postings, cutoff)
        results[cutoff] = [presence_counts([pair])[0][0] for pair in pairs]
    held_out = []
    for k in range(folds):
        train = [i for i in range(len(labels)) if fold_of[i] != k]
        best = max(CUTOFFS, key=lambda c: micro([results[c][i] for i in train])[2])
        test = [i for i in range(len(labels)) if fold_of[i] == k]
        print(f"fold {k}: chose cutoff {best}; held-out F1 "
              f"{micro([results[best][i] for i in test])[2]:.3f}")
        held_out.extend(results[best][i] for i in test)
    for cutoff in CUTOFFS:
        print(f"  cutoff {cutoff:3}: whole-set F1 {micro(results[cutoff])[2]:.3f}")
    print(f"cross-validated area F1 (pooled held-out): {micro(held_out)[2]:.3f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="choose the fuzzy cutoff by 5-fold CV")
    parser.add_argument("--areas", action="store_true", help="per-area figures")
    parser.add_argument("--time", action="store_true", help="time the whole corpus")
    parser.add_argument("--errors", metavar="AREA", help="list false positives/negatives of AREA")
    args = parser.parse_args(argv)
    if not (SHARED / "eval-dev" / "labels.jsonl").is_file():
        print("../shared/eval-dev is absent", file=sys.stderr)
        return 2
    labels = load_labels()
    postings = load_postings({label["id"] for label in labels})
    pairs = analyse(labels, postings)
    report(pairs, args.areas)
    if args.errors:
        show_errors(pairs, args.errors)
    if args.cv:
        cross_validate(labels, postings)
    if args.time:
        time_corpus()
    return 0


def show_errors(pairs, area: str) -> None:
    for label, analysis in pairs:
        gold = label["areas"].get(area)
        if gold is None:
            continue
        found = analysis.areas.get(area)
        if (gold != "absent") == (found is not None):
            continue
        kind = "FN" if found is None else "FP"
        quotes = [m.text for m in analysis.skills if m.area == area]
        print(f"  {kind} {label['id']}: gold={gold} found={found} {quotes[:4]}")


def time_corpus() -> None:
    from jdlint import nlp

    postings = list(load_postings().values())
    start = time.perf_counter()
    nlp.tokenize([p.masked for p in postings], "en")
    tokenise = time.perf_counter() - start
    analyzer = Analyzer()
    start = time.perf_counter()
    for _ in analyzer.analyse(postings):
        pass
    whole = time.perf_counter() - start
    print(f"corpus {len(postings)} postings: tokenising {tokenise:.2f}s, analysing {whole:.2f}s "
          f"({(whole - tokenise) / len(postings) * 1000:.2f} ms/posting beyond tokenising)")


if __name__ == "__main__":
    sys.exit(main())
