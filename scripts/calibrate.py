"""Calibrate the rules on real postings (issue 4).

    python scripts/calibrate.py [--out /tmp/calib] [--seed 4] [--per-rule 30]

1. Joins every posting of ../shared/corpus-real into one ``.jsonl``
   (id, title, text, partial) and lints it with ``jdlint --format json`` and
   ``jdlint inspect --format json`` (through ``cli.main``, in this process).
2. Prints each rule's firing rate: postings flagged / postings judged. A
   posting is judged by a rule when the rule's ``when`` allows its role and
   seniority and, for rules that judge what is absent (JD101, JD102, JD103,
   JD302), when it is judgeable (a language jdlint reads, not too short, not
   flagged ``partial``).
3. Writes ``sample.jsonl``: every finding of a rule with fewer than
   ``--per-rule`` findings, else a random ``--per-rule`` of them (fixed
   seed), one line per finding with the rule's summary and why, the posting's
   id, title and full text, and the finding; no verdict. A reader judges it
   in a separate file ``{"key", "verdict", "reason"}``.
4. Measures the flag rules against ../shared/eval-dev/labels.jsonl
   (JD201 everything_posting, JD202 elite_credentials_required, JD103
   business_only, JD401 lone_specialist, JD102 role_title != role_body for
   data scientist / ML engineer).

``--verdicts FILE...`` adds reader precision (right / read) per rule to the
table. Verdict keys ("JD101-3") name findings of the sample they were read
on; after the rules change, pass that sample with ``--judged-sample`` (and a
new ``--out``) so verdicts follow their finding (rule, posting, line) rather
than the renumbered key. ``--verdict-table FILE`` reads verdicts already
keyed by finding: one line per verdict with reader, rule, posting_id,
finding_line, verdict and reason; the repository keeps the readers' verdicts
in that form (``docs/calibration/verdicts.jsonl``, no posting text), so

    python scripts/calibrate.py --verdict-table docs/calibration/verdicts.jsonl

reproduces each reader's figures in the table of docs/rules.md (the "was"
cells, the grouping of readers and the recall sweeps are written by hand). Real postings are the employers' text: the outputs stay under
``--out`` (default /tmp/calib), never in the repository.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jdlint import cli  # noqa: E402
from jdlint.facts import _CJK_CHAR, _WORD, TOO_SHORT_WORDS  # noqa: E402
from jdlint.kinds import KINDS  # noqa: E402
from jdlint.rules import load_rules  # noqa: E402

SHARED = ROOT.parent / "shared"
RULES = ("JD101", "JD102", "JD103", "JD201", "JD202", "JD301", "JD302", "JD303", "JD401")
FLAGS = {"JD201": "everything_posting", "JD202": "elite_credentials_required",
         "JD103": "business_only", "JD401": "lone_specialist"}
DS_MLE = ("data-scientist", "ml-engineer")


def join_corpus(out: Path) -> tuple[Path, dict[str, dict]]:
    records = {}
    joined = out / "corpus-real.jsonl"
    with joined.open("w", encoding="utf-8") as handle:
        for path in sorted((SHARED / "corpus-real").glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                record = json.loads(line)
                keep = {"id": record["id"], "title": record.get("title"), "text": record["text"]}
                if record.get("partial"):
                    keep["partial"] = True
                records[record["id"]] = keep
                handle.write(json.dumps(keep, ensure_ascii=False) + "\n")
    return joined, records


def run_cli(argv: list[str]) -> dict:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        cli.main(argv)
    return json.loads(buffer.getvalue())


def judged_by(rule, posting: dict) -> bool:
    if not rule.applies_to(SimpleNamespace(**posting)):
        return False
    if KINDS[rule.kind].judges_absence:
        return posting["supported"] and not posting["too_short"] and not posting["partial"]
    return True


def words_only_too_short(text: str) -> bool:
    """The old definition: under TOO_SHORT_WORDS words, whatever the layout."""
    words = len(_WORD.findall(text)) + len(_CJK_CHAR.findall(text)) / 2
    return words < TOO_SHORT_WORDS


def load_verdicts(paths: list[str], judged_sample: str | None = None) -> list[tuple[str, dict]]:
    """Per reader (named after its file): key -> verdict, or with
    ``judged_sample`` (rule, posting id, line) -> verdict."""
    where = {}
    if judged_sample:
        for line in Path(judged_sample).read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                where[item["key"]] = (item["rule"], item["posting_id"], item["finding_line"])
    readers = []
    for path in paths:
        verdicts = {}
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                key = where.get(item["key"], item["key"]) if judged_sample else item["key"]
                verdicts[key] = item["verdict"]
        readers.append((Path(path).stem, verdicts))
    return readers


def load_verdict_table(path: str) -> list[tuple[str, dict]]:
    """Per reader (named as in the table, in order of first appearance):
    (rule, posting id, line) -> verdict."""
    readers: dict[str, dict] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            key = (item["rule"], item["posting_id"], item["finding_line"])
            readers.setdefault(item["reader"], {})[key] = item["verdict"]
    return list(readers.items())


def eval_dev(by_id: dict[str, list[dict]], facts: dict[str, dict]) -> dict[str, tuple]:
    """rule -> (tp, fp, fn, positives) against the labelled flags."""
    path = SHARED / "eval-dev" / "labels.jsonl"
    labels = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    scores = {}
    for rule_id in ("JD102", *FLAGS):
        tp = fp = fn = pos = 0
        for label in labels:
            if rule_id == "JD102":
                title, body = label.get("role_title"), label.get("role_body")
                if title is None or body is None:
                    continue
                gold = title in DS_MLE and body in DS_MLE and title != body
            else:
                if label.get(FLAGS[rule_id]) is None:
                    continue
                gold = bool(label[FLAGS[rule_id]])
            fired = any(f["rule"] == rule_id for f in by_id.get(label["id"], []))
            pos += gold
            tp += gold and fired
            fp += fired and not gold
            fn += gold and not fired
        scores[rule_id] = (tp, fp, fn, pos)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="/tmp/calib")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--per-rule", type=int, default=30)
    parser.add_argument("--verdicts", nargs="*", default=[])
    parser.add_argument("--judged-sample", default=None,
                        help="the sample.jsonl the verdicts were read on (match by finding, not key)")
    parser.add_argument("--verdict-table", default=None,
                        help="verdicts keyed by finding (reader, rule, posting_id, finding_line)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    joined, records = join_corpus(out)
    # select the rules by id, so that a rule a configuration turns off is measured too
    lint = run_cli(["--format", "json", "--no-color", "--select", ",".join(RULES), str(joined)])
    inspect = run_cli(["inspect", "--format", "json", str(joined)])
    (out / "lint.json").write_text(json.dumps(lint, ensure_ascii=False), encoding="utf-8")
    (out / "inspect.json").write_text(json.dumps(inspect, ensure_ascii=False), encoding="utf-8")
    facts = {p["record"]: p for p in inspect["postings"]}
    by_id = {r["record"]: r["findings"] for r in lint["results"]}
    rules = {rule.id: rule for rule in load_rules()}

    findings = defaultdict(list)  # rule -> [(posting id, finding)]
    for record_id, found in by_id.items():
        for finding in found:
            if finding["rule"] in RULES:
                findings[finding["rule"]].append((record_id, finding))

    rng = random.Random(args.seed)
    sample = []
    for rule_id in RULES:
        items = findings[rule_id]
        chosen = items if len(items) < args.per_rule else rng.sample(items, args.per_rule)
        rule = rules[rule_id]
        for n, (record_id, finding) in enumerate(chosen, 1):
            record = records[record_id]
            sample.append({
                "key": f"{rule_id}-{n}", "rule": rule_id, "rule_summary": rule.summary,
                "rule_why": rule.why, "posting_id": record_id, "title": record["title"],
                "finding_line": finding["line"], "finding_message": finding["message"],
                "evidence": finding["evidence"], "text": record["text"],
            })
    with (out / "sample.jsonl").open("w", encoding="utf-8") as handle:
        for item in sample:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")

    # (verdicts, keyed by finding rather than by sample key) per reader
    readers = [(name, v, bool(args.judged_sample))
               for name, v in load_verdicts(args.verdicts, args.judged_sample)]
    if args.verdict_table:
        readers += [(name, v, True) for name, v in load_verdict_table(args.verdict_table)]
    scores = eval_dev(by_id, facts)
    print(f"{len(records)} postings, {sum(1 for r in records.values() if r.get('partial'))} partial, "
          f"{sum(1 for p in facts.values() if p['too_short'])} too short")
    header = "rule   flagged/judged  rate    (all postings)  findings  sampled"
    header += "".join(f"  {name}" for name, _, _ in readers) + "  eval-dev P / R"
    print(header)
    for rule_id in RULES:
        rule = rules[rule_id]
        judged = [pid for pid, p in facts.items() if judged_by(rule, p)]
        flagged = {pid for pid, _ in findings[rule_id]}
        rate = len(flagged) / len(judged) if judged else 0.0
        sampled = [s for s in sample if s["rule"] == rule_id]
        row = (f"{rule_id}  {len(flagged):4d}/{len(judged):<5d}    {rate:6.1%}  "
               f"({len(flagged) / len(facts):5.1%})        {len(findings[rule_id]):5d}  {len(sampled):7d}")
        for _, verdicts, by_finding in readers:
            keys = [(s["rule"], s["posting_id"], s["finding_line"]) if by_finding
                    else s["key"] for s in sampled]
            read = [verdicts[k] for k in keys if k in verdicts]
            right = sum(1 for v in read if v == "right")
            row += f"  {right}/{len(read)}" if read else "  -"
        if rule_id in scores:
            tp, fp, fn, pos = scores[rule_id]
            precision = f"{tp}/{tp + fp}" if tp + fp else "-"
            recall = f"{tp}/{pos}" if pos else "-"
            row += f"  {precision} / {recall}"
        print(row)
    print(f"sample: {out / 'sample.jsonl'} ({len(sample)} findings)")
    short_only_by_words = [pid for pid, p in facts.items()
                           if not p["too_short"] and words_only_too_short(records[pid]["text"])]
    print(f"too short: {sum(1 for p in facts.values() if p['too_short'])} postings; judgeable only "
          f"thanks to their requirement lines: {', '.join(short_only_by_words) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
