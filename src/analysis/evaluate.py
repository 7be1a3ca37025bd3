"""Scores against hand-labelled truth, so every quality figure can be rerun by anyone.

``score_pages`` scores the page loader on a directory of page dumps with a ``truth.jsonl``
(``../shared/corpus/pages-dev``): exact match for title, date, lead, author and category;
F1 over paragraphs for the body, and over titles for captions and related teasers.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import VIETNAM_TZ
from analysis.load import load

EXACT_FIELDS = ("title", "published_at", "lead", "author", "category")
LIST_FIELDS = ("body", "captions", "related")


def read_gold(path: str | Path) -> list[dict]:
    """A hand-labelled set: one JSON record a line (``../shared/gold/*.jsonl``)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def multiset_f1(predicted: list[str], gold: list[str]) -> float:
    """F1 of two lists compared as multisets; two empty lists agree perfectly."""
    if not predicted and not gold:
        return 1.0
    overlap = sum((Counter(predicted) & Counter(gold)).values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / len(predicted), overlap / len(gold)
    return 2 * precision * recall / (precision + recall)


def score_pages(pages_dir: str | Path) -> tuple[dict[str, float], pd.DataFrame]:
    """Per-field scores (means over pages) and the per-page table behind them."""
    pages_dir = Path(pages_dir)
    truth = read_gold(pages_dir / "truth.jsonl")
    loaded = load([pages_dir / t["file"] for t in truth], progress=False)
    articles = loaded.articles.assign(
        file=loaded.articles["source_path"].map(lambda p: Path(p).name)
    )
    by_file = articles.set_index("file")
    related = loaded.related.groupby("article_id")["title"].apply(list)
    rows = []
    for t in truth:
        row: dict[str, object] = {"file": t["file"]}
        if t["file"] not in by_file.index:
            row.update({f: 0.0 for f in (*EXACT_FIELDS, *LIST_FIELDS)})
            rows.append(row)
            continue
        got = by_file.loc[t["file"]]
        published = got["published_at"]
        predicted = {
            "title": got["title"],
            "published_at": None if pd.isna(published) else published.isoformat(),
            "lead": got["lead"],
            "author": got["author"],
            "category": got["category"],
        }
        for field in EXACT_FIELDS:
            value = predicted[field]
            value = (
                None if value is None or (isinstance(value, float) and pd.isna(value)) else value
            )
            row[field] = float(value == t[field])
        body = got["body"]
        row["body"] = multiset_f1(
            [] if pd.isna(body) else body.split("\n\n"), list(t["body"] or [])
        )
        row["captions"] = multiset_f1(list(got["captions"]), list(t["captions"] or []))
        row["related"] = multiset_f1(
            list(related.get(got["article_id"], [])), [r["title"] for r in t["related"] or []]
        )
        rows.append(row)
    per_page = pd.DataFrame(rows)
    summary = {f: float(per_page[f].mean()) for f in (*EXACT_FIELDS, *LIST_FIELDS)}
    summary["pages"] = float(len(per_page))
    return summary, per_page


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _match(gold: list[dict], predicted: list[dict], strict: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index): overlapping spans of the same kind."""
    pairs, used = [], set()
    for g_index, g in enumerate(gold):
        for p_index, p in enumerate(predicted):
            if p_index in used or p["kind"] != g["kind"]:
                continue
            same = (p["start"], p["end"]) == (g["start"], g["end"])
            if same if strict else (p["start"] < g["end"] and g["start"] < p["end"]):
                pairs.append((g_index, p_index))
                used.add(p_index)
                break
    return pairs


def bcubed_f1(gold_ids: list[str], predicted_ids: list[str]) -> float:
    """B-cubed F1 of two clusterings of the same items."""
    if not gold_ids:
        return 1.0
    gold_groups = Counter(gold_ids)
    pred_groups = Counter(predicted_ids)
    both = Counter(zip(gold_ids, predicted_ids, strict=True))
    precision = sum(
        both[(g, p)] / pred_groups[p] for g, p in zip(gold_ids, predicted_ids, strict=True)
    )
    recall = sum(
        both[(g, p)] / gold_groups[g] for g, p in zip(gold_ids, predicted_ids, strict=True)
    )
    precision, recall = precision / len(gold_ids), recall / len(gold_ids)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_mentions(gold_path: str | Path, finder=None) -> tuple[dict[str, float], pd.DataFrame]:
    """Relaxed and strict mention F1, entity B-cubed F1, and the per-kind table.

    Scored as ``../shared/gold/MENTIONS.md`` says: a prediction matches a gold mention when the
    spans overlap and the kinds agree (strict: identical spans); B-cubed over matched mentions
    across all snippets.
    """
    return score_mention_records(read_gold(gold_path), finder)


def read_mention_labels(path: Path) -> list[dict]:
    """Labelled mentions kept as ids and offsets (``data/labels/mentions_*.csv``) as records
    shaped like ``mentions_dev.jsonl``'s, each snippet's text read back from the corpora
    (:func:`analysis.event_training.snippet_text` raises when it changed)."""
    import csv

    from analysis.event_training import snippet_text, source_texts

    with Path(path).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    texts = source_texts({r["source_id"] for r in rows})
    records: dict[str, dict] = {}
    for row in rows:
        text = snippet_text(row, texts)
        record = records.setdefault(
            row["snippet_id"],
            {"id": row["snippet_id"], "source": row["source"], "text": text, "mentions": []},
        )
        if row["kind"]:
            start, end = int(row["start"]), int(row["end"])
            record["mentions"].append(
                {
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                    "kind": row["kind"],
                    "entity": row["entity"],
                }
            )
    return list(records.values())


def score_mention_records(
    records: list[dict], finder=None
) -> tuple[dict[str, float], pd.DataFrame]:
    """:func:`score_mentions` of records shaped like ``mentions_dev.jsonl``'s."""
    from analysis.mentions import KINDS, find_mentions

    finder = finder or find_mentions
    counts = {k: Counter() for k in KINDS}
    gold_entities, predicted_entities = [], []
    totals = Counter()
    for record in records:
        gold = record["mentions"]
        predicted = [
            {"start": m.start, "end": m.end, "kind": m.kind, "entity": m.entity_id}
            for m in finder(record["text"])
        ]
        for strict in (False, True):
            pairs = _match(gold, predicted, strict)
            label = "strict" if strict else "relaxed"
            totals[f"{label}_tp"] += len(pairs)
            for g_index, _ in pairs:
                counts[gold[g_index]["kind"]][f"{label}_tp"] += 1
            if not strict:
                for g_index, p_index in pairs:
                    gold_entities.append(gold[g_index]["entity"])
                    predicted_entities.append(predicted[p_index]["entity"])
        totals["gold"] += len(gold)
        totals["predicted"] += len(predicted)
        for g in gold:
            counts[g["kind"]]["gold"] += 1
        for p in predicted:
            counts[p["kind"]]["predicted"] += 1
    rows = []
    for kind in KINDS:
        c = counts[kind]
        if not c["gold"] and not c["predicted"]:
            continue
        p, r, f = _prf(c["relaxed_tp"], c["predicted"], c["gold"])
        rows.append(
            {
                "kind": kind,
                "gold": c["gold"],
                "predicted": c["predicted"],
                "precision": p,
                "recall": r,
                "relaxed_f1": f,
                "strict_f1": _prf(c["strict_tp"], c["predicted"], c["gold"])[2],
            }
        )
    relaxed = _prf(totals["relaxed_tp"], totals["predicted"], totals["gold"])
    summary = {
        "snippets": len(records),
        "gold": totals["gold"],
        "predicted": totals["predicted"],
        "relaxed_precision": relaxed[0],
        "relaxed_recall": relaxed[1],
        "relaxed_f1": relaxed[2],
        "strict_f1": _prf(totals["strict_tp"], totals["predicted"], totals["gold"])[2],
        "bcubed_f1": bcubed_f1(gold_entities, predicted_entities),
    }
    return summary, pd.DataFrame(rows)


def mention_errors(gold_path: str | Path) -> list[str]:
    """One line per missed (FN), extra (FP) or differently cut (SPAN) mention, with context."""
    from analysis.mentions import find_mentions

    lines = []
    for record in read_gold(gold_path):
        text, gold = record["text"], record["mentions"]
        predicted = find_mentions(text)

        def context(start: int, end: int, text: str = text) -> str:
            return text[max(0, start - 40) : end + 25].replace("\n", " ")

        for g in gold:
            if not any(
                p.kind == g["kind"] and p.start < g["end"] and g["start"] < p.end for p in predicted
            ):
                lines.append(f"FN {g['kind']} | {g['text']} | {context(g['start'], g['end'])}")
        for p in predicted:
            overlapping = [
                g for g in gold if p.kind == g["kind"] and p.start < g["end"] and g["start"] < p.end
            ]
            if not overlapping:
                lines.append(f"FP {p.kind} | {p.text} | {context(p.start, p.end)}")
            elif (p.start, p.end) != (overlapping[0]["start"], overlapping[0]["end"]):
                lines.append(f"SPAN {p.kind} | {p.text} | gold: {overlapping[0]['text']}")
    return lines


def score_topics(
    gold_path: str | Path, labels: pd.DataFrame, articles: pd.DataFrame
) -> tuple[dict[str, float], pd.DataFrame]:
    """Per-topic precision, recall and F1 of ``labels`` on the gold items, and the macro F1.

    ``labels`` come from :func:`analysis.topics.label_topics` fitted on the whole corpus the
    gold items were drawn from; gold ``source_id`` values are looked up in ``articles``.
    """
    from analysis.topics import NAMED_TOPICS

    gold = read_gold(gold_path)
    ids = articles.drop_duplicates("source_id").set_index("source_id")["article_id"]
    named = labels.set_index("article_id")["named_topics"]
    predicted = [set(named[ids[g["source_id"]]]) for g in gold]
    rows = []
    for topic in NAMED_TOPICS:
        truth = [topic in g["topics"] for g in gold]
        guess = [topic in p for p in predicted]
        tp = sum(t and g for t, g in zip(truth, guess, strict=True))
        precision, recall, f1 = _prf(tp, sum(guess), sum(truth))
        rows.append(
            {
                "topic": topic,
                "gold": sum(truth),
                "predicted": sum(guess),
                "precision": precision,
                "recall": recall,
                "f1": f1,
            }
        )
    table = pd.DataFrame(rows)
    return {"items": len(gold), "macro_f1": float(table["f1"].mean())}, table


def topic_tradeoff(
    gold_path: str | Path, labels: pd.DataFrame, articles: pd.DataFrame, steps: int = 19
) -> pd.DataFrame:
    """Precision, recall and F1 of each named topic on the gold items at a range of cut-offs
    on its probability: what raising or lowering a cut-off costs and gains."""
    from analysis.topics import NAMED_TOPICS

    gold = read_gold(gold_path)
    ids = articles.drop_duplicates("source_id").set_index("source_id")["article_id"]
    known = [g for g in gold if g["source_id"] in ids.index]
    table = labels.set_index("article_id").loc[[ids[g["source_id"]] for g in known]]
    rows = []
    for topic in NAMED_TOPICS:
        truth = np.array([topic in g["topics"] for g in known])
        probability = table[f"{topic}_probability"].to_numpy()
        for cut in np.linspace(0.05, 0.95, steps):
            guess = probability >= cut
            precision, recall, f1 = _prf(
                int((guess & truth).sum()), int(guess.sum()), int(truth.sum())
            )
            rows.append(
                {
                    "topic": topic,
                    "threshold": round(float(cut), 3),
                    "precision": precision,
                    "recall": recall,
                    "f1": f1,
                }
            )
    return pd.DataFrame(rows)


def same_project(a: dict, b: dict, text: str) -> bool:
    """EVENTS.md: the spans overlap, or one's text contains the other's (case-folded, NFC)."""
    import unicodedata

    if a["start"] < b["end"] and b["start"] < a["end"]:
        return True
    x, y = (unicodedata.normalize("NFC", text[s["start"] : s["end"]]).casefold() for s in (a, b))
    return bool(x and y) and (x in y or y in x)


def _overlaps_somewhere(text: str, gold_when: str, predicted_when: str | None) -> bool:
    if not predicted_when:
        return False
    spans = [m.span() for m in re.finditer(re.escape(predicted_when), text)]
    gold = [m.span() for m in re.finditer(re.escape(gold_when), text)]
    return any(s < ge and gs < e for s, e in spans for gs, ge in gold) or (
        predicted_when in gold_when or gold_when in predicted_when
    )


def match_events(record: dict, predicted: list[dict], with_status: bool = True):
    """One-to-one pairs (gold index, predicted index) of one snippet, as EVENTS.md scores."""
    pairs, used = [], set()
    for g_index, g in enumerate(record["events"]):
        for p_index, p in enumerate(predicted):
            if p_index in used or p["type"] != g["type"]:
                continue
            if with_status and p["status"] != g["status"]:
                continue
            if same_project(g["project"], p["project"], record["text"]):
                pairs.append((g_index, p_index))
                used.add(p_index)
                break
    return pairs


def score_events(records: list[dict], predictions: list[list[dict]]) -> tuple[dict, pd.DataFrame]:
    """Micro precision, recall and F1 over events (type, status and project agree), the same
    ignoring status (type only), per type, and how often a matched event's ``when`` overlaps
    the gold one. ``predictions`` holds, per record, events shaped like the gold ones."""
    from analysis.events import EVENT_TYPES

    totals = Counter()
    per_type = {t: Counter() for t in EVENT_TYPES}
    for record, predicted in zip(records, predictions, strict=True):
        pairs = match_events(record, predicted)
        loose = match_events(record, predicted, with_status=False)
        totals.update(gold=len(record["events"]), predicted=len(predicted), tp=len(pairs))
        totals.update(type_tp=len(loose))
        for g_index, p_index in pairs:
            gold_when = record["events"][g_index].get("when")
            if gold_when:
                totals["when_gold"] += 1
                totals["when_hit"] += _overlaps_somewhere(
                    record["text"], gold_when, predicted[p_index].get("when")
                )
            per_type[record["events"][g_index]["type"]]["tp"] += 1
        for g in record["events"]:
            per_type[g["type"]]["gold"] += 1
        for p in predicted:
            per_type[p["type"]]["predicted"] += 1
    p, r, f = _prf(totals["tp"], totals["predicted"], totals["gold"])
    type_only_f1 = _prf(totals["type_tp"], totals["predicted"], totals["gold"])[2]
    summary = {
        "snippets": len(records),
        "gold": totals["gold"],
        "predicted": totals["predicted"],
        "precision": p,
        "recall": r,
        "f1": f,
        "type_only_f1": type_only_f1,
        "when_matched": totals["when_hit"] / totals["when_gold"] if totals["when_gold"] else 1.0,
    }
    rows = []
    for event_type, c in per_type.items():
        if c["gold"] or c["predicted"]:
            pt, rt, ft = _prf(c["tp"], c["predicted"], c["gold"])
            rows.append(
                {
                    "type": event_type,
                    "gold": c["gold"],
                    "predicted": c["predicted"],
                    "precision": pt,
                    "recall": rt,
                    "f1": ft,
                }
            )
    return summary, pd.DataFrame(rows)


def predicted_events(record: dict, model=None) -> list[dict]:
    """:func:`analysis.events.find_events` on a gold record, shaped like its gold events."""
    from analysis.events import find_events

    published = pd.Timestamp(record["date"], tz=VIETNAM_TZ) if record.get("date") else None
    return [
        {
            "type": e.type,
            "status": e.status,
            "project": {"start": e.start, "end": e.end, "text": record["text"][e.start : e.end]},
            "when": e.when,
        }
        for e in find_events(record["text"], published, model=model)
    ]
