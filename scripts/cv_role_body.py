"""Cross-validate the role_body knobs of jdlint/facts.py over ../shared/eval-dev.

    python scripts/cv_role_body.py

Analyses the labelled postings once, then for every point of a small grid
(ml-engineer and research-scientist duty-word weights, the data engineer's
statistics and ML penalties) scores role_body with facts.body_role. Prints
the whole-set accuracy of the current settings and of the best grid points,
then the honest figure: the pooled held-out accuracy when each fold's knobs
are chosen on the other folds (5-fold over several shuffles, and
leave-one-out). Ties go to the point nearest the hand-set table.
"""
from __future__ import annotations

import itertools
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jdlint import facts  # noqa: E402
from jdlint.analysis import Analyzer  # noqa: E402
from jdlint.lexicon import fold  # noqa: E402
from jdlint.reader import build_posting  # noqa: E402

SHARED = ROOT.parent / "shared"
GRID = list(itertools.product((0.0, 0.2, 0.3, 0.4, 0.5, 0.6),   # ml-engineer duty words
                              (0.0, 0.3, 0.6),                   # research-scientist duty words
                              (0.0, 0.3, 0.6),                   # data engineer: -statistics
                              (0.3, 0.6)))                       # data engineer: -ML
HAND = (0.0, 0.0, 0.0, 0.3)  # the table before duty words


def inputs() -> tuple[list[str], list[tuple]]:
    records = {}
    for path in sorted((SHARED / "corpus-real").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            records[record["id"]] = record
    labels = [json.loads(line) for line in
              (SHARED / "eval-dev" / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line]
    labels = [lab for lab in labels if lab.get("role_body")]
    postings = [build_posting(records[lab["id"]]["text"], "eval.jsonl", record=records[lab["id"]])
                for lab in labels]
    gold, rows = [], []
    for lab, analysis in zip(labels, Analyzer().analyse(postings)):
        folded = fold(analysis.posting.masked)
        lookup = facts._SectionLookup(analysis.sections)
        found = facts._scan(folded)
        for tag, spans in found.items():
            found[tag] = [s for s in spans if lookup.kind_at(s[0]) not in facts._SKIP_KINDS]
        rows.append((facts.area_values(analysis.areas, analysis.skills),
                     facts.stated_roles(folded, found), facts.cue_values(found, analysis.areas)))
        gold.append(lab["role_body"])
    return gold, rows


def predictions(rows, point) -> list[str]:
    mle, rs, de_stat, de_ml = point
    saved_cues = dict(facts.BODY_CUE_WEIGHTS)
    saved_de = dict(facts.ROLE_WEIGHTS["data-engineer"])
    try:
        facts.BODY_CUE_WEIGHTS.update({"ml-engineer": mle, "research-scientist": rs})
        facts.ROLE_WEIGHTS["data-engineer"].update({"statistics": -de_stat, "ml-fundamentals": -de_ml})
        return [facts.body_role(values, stated, cues) for values, stated, cues in rows]
    finally:
        facts.BODY_CUE_WEIGHTS.clear()
        facts.BODY_CUE_WEIGHTS.update(saved_cues)
        facts.ROLE_WEIGHTS["data-engineer"].clear()
        facts.ROLE_WEIGHTS["data-engineer"].update(saved_de)


def main() -> int:
    if not (SHARED / "eval-dev" / "labels.jsonl").is_file():
        print("../shared/eval-dev is absent", file=sys.stderr)
        return 2
    gold, rows = inputs()
    n = len(gold)
    current = [facts.body_role(*row) for row in rows]
    print(f"current settings: role_body {sum(p == g for p, g in zip(current, gold)) / n:.3f} (n={n})")
    right = {point: [p == g for p, g in zip(predictions(rows, point), gold)] for point in GRID}
    for point in sorted(GRID, key=lambda p: -sum(right[p]))[:3]:
        print(f"  grid {point}: whole-set {sum(right[point]) / n:.3f}")

    def pick(train) -> tuple:
        return max(GRID, key=lambda p: (sum(right[p][i] for i in train),
                                        -sum(abs(a - b) for a, b in zip(p, HAND))))

    for seed in range(3):
        order = list(range(n))
        random.Random(seed).shuffle(order)
        folds = [order[k::5] for k in range(5)]
        held = sum(right[pick([i for i in range(n) if i not in fold_])][i]
                   for fold_ in folds for i in fold_)
        print(f"5-fold (shuffle {seed}) held-out accuracy {held / n:.3f}")
    loo = sum(right[pick([j for j in range(n) if j != i])][i] for i in range(n))
    print(f"leave-one-out held-out accuracy {loo / n:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
