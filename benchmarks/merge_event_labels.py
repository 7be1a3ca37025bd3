"""Add a labelling round's events to ``data/labels/events_extra.csv`` (ids, offsets, labels).

    python benchmarks/merge_event_labels.py CHUNK_DIR PREFIX

``CHUNK_DIR`` holds the snippets drawn by ``sample_events_for_labelling.py``
(``PREFIX-K.jsonl``) and the helpers' labels for each (``labels-K.jsonl``: one line per
snippet, ``{"id", "events": [...]}`` as in ``events_dev.jsonl``). Every label is checked (the
project span and ``when`` are in the text, the type and status are known) and every snippet
must be labelled; the text itself is not written, only where it is in the corpus (offsets into
the RSS item's "title\\nsummary", the baomoi body or, for ``lead:`` ids, the baomoi
"title\\nsapo") and a hash that the trainer checks when it reads the text back. A round
already in the file is refused.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from analysis.event_training import LABELS, source_texts, text_hash  # noqa: E402
from analysis.events import EVENT_TYPES  # noqa: E402

COLUMNS = [
    "snippet_id",
    "source",
    "source_id",
    "date",
    "snippet_start",
    "snippet_end",
    "text_hash",
    "type",
    "status",
    "project_start",
    "project_end",
    "when_start",
    "when_end",
]


def when_span(text: str, when: str, near: int) -> tuple[int, int]:
    """The occurrence of ``when`` nearest the project."""
    starts, at = [], text.find(when)
    while at >= 0:
        starts.append(at)
        at = text.find(when, at + 1)
    if not starts:
        raise ValueError(f"when {when!r} is not in the text")
    start = min(starts, key=lambda s: abs(s - near))
    return start, start + len(when)


def rows_of(snippet: dict, labels: dict, source_text: str) -> list[dict]:
    text = snippet["text"]
    offset = source_text.find(text)
    if offset < 0:
        raise ValueError(f"{snippet['id']}: the snippet is not in its corpus text")
    base = {
        "snippet_id": snippet["id"],
        "source": snippet["source"],
        "source_id": snippet["source_id"],
        "date": snippet["date"],
        "snippet_start": offset,
        "snippet_end": offset + len(text),
        "text_hash": text_hash(text),
    }
    return event_rows(base, text, snippet["id"], labels["events"])


def event_rows(base: dict, text: str, name: str, events: list[dict]) -> list[dict]:
    """Rows of the labels file for one snippet: ``base`` (where the snippet is in its corpus)
    with each of its checked, distinct events, or once with none. ``name`` names the snippet
    in errors."""
    empty = {c: "" for c in COLUMNS[7:]}
    seen, rows = set(), []
    for event in events:
        project = event["project"]
        start, end = int(project["start"]), int(project["end"])
        if text[start:end] != project["text"]:
            raise ValueError(f"{name}: project span {start}:{end} is not its text")
        if event["type"] not in EVENT_TYPES or event["status"] not in ("done", "planned"):
            raise ValueError(f"{name}: unknown type or status in {event}")
        key = (event["type"], event["status"], start, end)
        if key in seen:
            continue
        seen.add(key)
        when = event.get("when")
        when_start, when_end = when_span(text, when, start) if when else ("", "")
        rows.append(
            {
                **base,
                "type": event["type"],
                "status": event["status"],
                "project_start": start,
                "project_end": end,
                "when_start": when_start,
                "when_end": when_end,
            }
        )
    return rows or [{**base, **empty}]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("chunks", type=Path)
    parser.add_argument("prefix")
    args = parser.parse_args()
    with LABELS.open(encoding="utf-8") as handle:
        existing = list(csv.DictReader(handle))
    if any(r["snippet_id"].startswith(f"{args.prefix}-") for r in existing):
        raise SystemExit(f"round {args.prefix} is already in {LABELS}")
    snippets, labels = [], {}
    for chunk in sorted(args.chunks.glob(f"{args.prefix}-*.jsonl")):
        k = chunk.stem.rsplit("-", 1)[1]
        snippets += [json.loads(line) for line in chunk.open(encoding="utf-8")]
        answers = args.chunks / f"labels-{k}.jsonl"
        for line in answers.open(encoding="utf-8"):
            if line.strip():
                record = json.loads(line)
                labels[record["id"]] = record
    missing = [s["id"] for s in snippets if s["id"] not in labels]
    if missing:
        raise SystemExit(f"{len(missing)} snippets have no label, e.g. {missing[:3]}")
    texts = source_texts({s["source_id"] for s in snippets})
    new = [row for s in snippets for row in rows_of(s, labels[s["id"]], texts[s["source_id"]])]
    with LABELS.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, COLUMNS).writerows(new)
    events = sum(1 for r in new if r["type"])
    print(f"{len(snippets)} snippets, {events} events added to {LABELS}")


if __name__ == "__main__":
    main()
