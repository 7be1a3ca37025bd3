"""The mention finder on a fresh labelled set: ``make mentions-fresh``.

    python benchmarks/score_mentions_fresh.py [--errors HALF]
    python benchmarks/score_mentions_fresh.py merge DIR [--second | --no-project]

``data/labels/mentions_fresh.csv`` holds 480 snippets of the RSS and baomoi corpora (drawn by
``benchmarks/sample_mentions_for_labelling.py``, never a dev snippet's record) labelled under
``../shared/gold/MENTIONS.md`` by six LLM helper sessions given
``benchmarks/labelling/mentions-fresh.md``, one reading each, blind to the finder: keys,
offsets, a hash of the text and the labels only; the text is read back from the corpora. The
dev set (``make score-mentions``) is no longer a fair test, its misses having been read to
write rules; this set is the figure to trust. Scored as ``make score-mentions`` scores (spans
overlap and kinds agree; strict: identical spans; B-cubed F1 of the entities), overall, by
source, and on each half of the snippets (by a hash of the id: rules written from one half's
errors are measured on the other), with a 95% bootstrap interval over snippets. ``--errors 0``
prints the misses and extras of half 0 only. ``merge DIR`` checks the helpers' files
(``DIR/mf-K.jsonl`` and ``DIR/labels-K.jsonl``) and writes the CSV. A second, blind reading of
the same snippets by six other helper sessions (``data/labels/mentions_fresh_second.csv``,
``merge DIR --second`` from ``DIR/second-K.jsonl``; never used to write a rule) says how far
two readings agree, scored the same way: the ceiling a finder can be held to. Figures:
printed and written to ``benchmarks/results/mentions_fresh.json``.

``data/labels/mentions_no_project.csv`` holds the mentions the eight helper sessions of the
events' round 9 read in its 800 RSS items (``sample_events_for_labelling.py --no-project``:
items with a trigger and a kind word with a name where the finder of ``6447ad3`` found no
project; ``merge DIR --no-project`` from ``DIR/evr9-K.jsonl`` and ``DIR/labels-K.jsonl``). It
is scored the same way, as a part of its own: what the finder still misses in text it once
found nothing in. Its misses were read to write the thirtieth session's mention forms, so it
is no fresh test of those.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import unicodedata
from itertools import pairwise
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402

from analysis import config  # noqa: E402
from analysis.evaluate import read_mention_labels, score_mention_records  # noqa: E402
from analysis.event_training import text_hash  # noqa: E402
from analysis.mentions import KINDS, Mention, find_mentions  # noqa: E402

LABELS = config.DATA_DIR / "labels" / "mentions_fresh.csv"
SECOND = LABELS.with_name("mentions_fresh_second.csv")
NO_PROJECT = LABELS.with_name("mentions_no_project.csv")
COLUMNS = [
    "snippet_id", "source", "source_id", "date", "snippet_start", "snippet_end", "text_hash",
    "start", "end", "kind", "entity",
]  # fmt: skip


def half(snippet_id: str) -> int:
    return int(hashlib.md5(snippet_id.encode()).hexdigest(), 16) % 2


def merge(
    directory: Path,
    reading: str = "labels",
    path: Path = LABELS,
    prefix: str = "mf",
    entities: bool = True,
) -> None:
    """Check the helpers' readings (``DIR/<reading>-K.jsonl``) against their snippets
    (``DIR/<prefix>-K.jsonl``; a snippet without ``snippet_start`` is a whole RSS item) and
    write ``path``. ``entities=False``: the reading gave no entities (round 9's)."""
    rows = []
    for snippets_file in sorted(directory.glob(f"{prefix}-*.jsonl")):
        labels_file = directory / snippets_file.name.replace(f"{prefix}-", f"{reading}-")
        snippets = [json.loads(line) for line in snippets_file.open(encoding="utf-8")]
        labels = [json.loads(line) for line in labels_file.open(encoding="utf-8")]
        if [s["id"] for s in snippets] != [r["id"] for r in labels]:
            raise ValueError(f"{labels_file}: ids differ from {snippets_file}'s")
        for snippet, label in zip(snippets, labels, strict=True):
            text = snippet["text"]
            key = {
                "snippet_id": snippet["id"],
                **{k: snippet[k] for k in ("source", "source_id", "date")},
                "snippet_start": snippet.get("snippet_start", 0),
                "snippet_end": snippet.get("snippet_end", len(text)),
                "text_hash": text_hash(text),
            }
            mentions = sorted(label["mentions"], key=lambda m: (m["start"], m["end"]))
            for m in mentions:
                entity = m.get("entity") or ""
                if (
                    not 0 <= m["start"] < m["end"] <= len(text)
                    or text[m["start"] : m["end"]] != m["text"]
                    or m["kind"] not in KINDS
                    or (entities and not entity)
                    or entity != unicodedata.normalize("NFC", entity).lower()
                ):
                    raise ValueError(f"{snippet['id']}: bad mention {m}")
            for a, b in pairwise(mentions):
                if b["start"] < a["end"]:
                    raise ValueError(f"{snippet['id']}: overlapping mentions {a} {b}")
            if not mentions:
                rows.append({**key, "start": "", "end": "", "kind": "", "entity": ""})
            for m in mentions:
                fields = ("start", "end", "kind", "entity")
                rows.append({**key, **{k: m.get(k, "") for k in fields}})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len({r['snippet_id'] for r in rows})} snippets, {sum(bool(r['kind']) for r in rows)} "
          f"mentions written to {path}")  # fmt: skip


def bootstrap(found: list[dict], predicted: dict, n: int = 1000) -> tuple[float, float]:
    """95% interval of relaxed F1, resampling snippets (the finder run once per snippet)."""
    rng = np.random.default_rng(0)
    scores = []
    for _ in range(n):
        sample = [found[i] for i in rng.integers(0, len(found), len(found))]
        summary, _ = score_mention_records(sample, lambda text: predicted[text])
        scores.append(summary["relaxed_f1"])
    return float(np.percentile(scores, 2.5)), float(np.percentile(scores, 97.5))


def errors(found: list[dict], which: int) -> None:
    def near(start: int, end: int, text: str) -> str:
        return repr(text[max(0, start - 50) : end + 30])

    for record in found:
        if half(record["id"]) != which:
            continue
        text, gold, predicted = record["text"], record["mentions"], find_mentions(record["text"])
        for g in gold:
            if not any(
                p.kind == g["kind"] and p.start < g["end"] and g["start"] < p.end for p in predicted
            ):
                print(f"FN {g['kind']} | {g['text']} | {near(g['start'], g['end'], text)}")
        for p in predicted:
            if not any(
                p.kind == g["kind"] and p.start < g["end"] and g["start"] < p.end for g in gold
            ):
                print(f"FP {p.kind} | {p.text} | {near(p.start, p.end, text)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", nargs="?", default="score", choices=["score", "merge"])
    parser.add_argument("directory", nargs="?", type=Path)
    parser.add_argument("--errors", type=int, choices=[0, 1])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--second", action="store_true", help="merge the second reading")
    which.add_argument("--no-project", action="store_true", help="merge round 9's mentions")
    args = parser.parse_args()
    if args.command == "merge":
        if args.directory is None:
            parser.error("merge needs the directory of the helpers' files")
        if args.no_project:
            merge(args.directory, "labels", NO_PROJECT, "evr9", entities=False)
        else:
            merge(args.directory, *(("second", SECOND) if args.second else ()))
        return
    found = read_mention_labels(LABELS)
    if args.errors is not None:
        errors(found, args.errors)
        return
    predicted = {r["text"]: find_mentions(r["text"]) for r in found}
    finder = predicted.__getitem__
    figures = {}
    parts = {
        "all": found,
        "rss": [r for r in found if r["source"] != "baomoi"],
        "baomoi": [r for r in found if r["source"] == "baomoi"],
        "half 0": [r for r in found if half(r["id"]) == 0],
        "half 1": [r for r in found if half(r["id"]) == 1],
    }
    for name, part in parts.items():
        summary, table = score_mention_records(part, finder)
        figures[name] = summary
        print(
            f"{name}: {summary['snippets']} snippets, {summary['gold']} mentions against "
            f"{summary['predicted']} found: relaxed F1 {summary['relaxed_f1']:.3f} (P "
            f"{summary['relaxed_precision']:.3f}, R {summary['relaxed_recall']:.3f}), strict "
            f"{summary['strict_f1']:.3f}, entities B-cubed {summary['bcubed_f1']:.3f}"
        )
        if name == "all":
            low, high = bootstrap(found, predicted)
            figures["all"]["relaxed_f1_interval"] = [low, high]
            print(f"  95% interval of relaxed F1: {low:.3f} to {high:.3f}")
            print(table.round(3).to_string(index=False))
    if SECOND.is_file():
        second = {r["text"]: r["mentions"] for r in read_mention_labels(SECOND)}
        summary, _ = score_mention_records(found, _as_found(second))
        figures["second reading against the first"] = summary
        print(
            f"second reading against the first: {summary['gold']} mentions against "
            f"{summary['predicted']}: relaxed F1 {summary['relaxed_f1']:.3f} (P "
            f"{summary['relaxed_precision']:.3f}, R {summary['relaxed_recall']:.3f}), strict "
            f"{summary['strict_f1']:.3f}, entities B-cubed {summary['bcubed_f1']:.3f}"
        )
    if NO_PROJECT.is_file():
        pool = read_mention_labels(NO_PROJECT)
        summary, _ = score_mention_records(pool)
        summary = {k: v for k, v in summary.items() if "bcubed" not in k}  # no entities read
        figures["round 9, where the finder once found no project"] = summary
        print(
            f"round 9's items, where the finder of 6447ad3 found no project (their misses "
            f"read to write rules): {summary['snippets']} snippets, {summary['gold']} mentions "
            f"against {summary['predicted']} found: relaxed F1 {summary['relaxed_f1']:.3f} (P "
            f"{summary['relaxed_precision']:.3f}, R {summary['relaxed_recall']:.3f})"
        )
    write_results("mentions_fresh", figures)


def _as_found(read: dict[str, list[dict]]):
    """A reading as a finder: the mentions it gives each text."""

    def finder(text: str) -> list[Mention]:
        return [
            Mention(m["start"], m["end"], m["text"], m["kind"], m["entity"], m["entity"])
            for m in read[text]
        ]

    return finder


if __name__ == "__main__":
    main()
