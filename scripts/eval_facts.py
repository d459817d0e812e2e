"""Measure facts.py against ../shared/eval-dev/labels.jsonl.

    python scripts/eval_facts.py [--gold-areas] [--show FIELD] [--all-timing]

Reports accuracy of role_title, role_body, seniority_body, years_required
and degree_required over the labelled postings that have each field (a field
the two labellers disagreed on is absent and not scored).

By default the areas come from the real pipeline (jdlint.analysis.Analyzer);
``--gold-areas`` feeds the labelled areas instead ("present" counts as
required), which measures facts.py alone. ``--show FIELD`` lists the misses
of one field. ``--all-timing`` times sections + facts over the whole corpus.
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
import time
from pathlib import Path

from jdlint.facts import detect_language, infer_facts
from jdlint.positions import LineIndex
from jdlint.reader import build_posting
from jdlint.sections import find_sections

SHARED = Path(__file__).resolve().parents[2] / "shared"
FIELDS = ("role_title", "role_body", "seniority_body", "years_required", "degree_required")


def load_corpus() -> dict[str, dict]:
    records = {}
    for path in sorted(glob.glob(str(SHARED / "corpus-real" / "*.jsonl"))):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                records[record["id"]] = record
    return records


def gold_areas(label: dict) -> dict[str, str]:
    out = {}
    for area, value in label.get("areas", {}).items():
        if value in ("required", "present"):
            out[area] = "required"
        elif value == "preferred":
            out[area] = "preferred"
    return out


def predict(records: dict, labels: list[dict], use_gold: bool) -> dict[str, object]:
    postings = [build_posting(records[lab["id"]]["text"], "eval.jsonl", record=records[lab["id"]])
                for lab in labels]
    if use_gold:
        out = {}
        for posting, lab in zip(postings, labels):
            language = detect_language(posting.masked)
            index = LineIndex(posting.text)
            sections = find_sections(posting.masked, language, index)
            out[lab["id"]] = infer_facts(posting, posting.masked, sections, gold_areas(lab), (),
                                         language, index)
        return out
    from jdlint.analysis import Analyzer

    return {a.posting.record: a.facts for a in Analyzer().analyse(postings)}


def timing(records: dict) -> float:
    items = [(r["text"], r.get("title")) for r in records.values()]
    postings = [build_posting(text, "t.jsonl", record={"id": "x", "title": title})
                for text, title in items]
    indexes = [LineIndex(p.text) for p in postings]
    start = time.process_time()
    for posting, index in zip(postings, indexes):
        language = detect_language(posting.masked)
        sections = find_sections(posting.masked, language, index)
        infer_facts(posting, posting.masked, sections, {}, (), language, index)
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold-areas", action="store_true")
    parser.add_argument("--show", action="append", default=[])
    parser.add_argument("--all-timing", action="store_true")
    args = parser.parse_args()
    if not (SHARED / "eval-dev" / "labels.jsonl").is_file():
        print("no ../shared/eval-dev: nothing to measure")
        return 0
    records = load_corpus()
    with open(SHARED / "eval-dev" / "labels.jsonl", encoding="utf-8") as handle:
        labels = [json.loads(line) for line in handle]
    facts = predict(records, labels, args.gold_areas)
    for field in FIELDS:
        scored = [lab for lab in labels if field in lab]
        right = [lab for lab in scored if getattr(facts[lab["id"]], field) == lab[field]]
        print(f"{field:16} {len(right) / len(scored):.3f}  ({len(right)}/{len(scored)})")
        if field in args.show:
            for lab in scored:
                got = getattr(facts[lab["id"]], field)
                if got != lab[field]:
                    title = records[lab["id"]].get("title")
                    print(f"    {lab['id']:10} want {lab[field]!s:18} got {got!s:18} {title!r}")
    if args.all_timing:
        print(f"sections+facts over {len(records)} postings: {timing(records):.2f}s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
