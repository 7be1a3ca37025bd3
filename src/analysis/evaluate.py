"""Scores against hand-labelled truth, so every quality figure can be rerun by anyone.

``score_pages`` scores the page loader on a directory of page dumps with a ``truth.jsonl``
(``../shared/corpus/pages-dev``): exact match for title, date, lead, author and category;
F1 over paragraphs for the body, and over titles for captions and related teasers.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.load import load

EXACT_FIELDS = ("title", "published_at", "lead", "author", "category")
LIST_FIELDS = ("body", "captions", "related")


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
    truth = [
        json.loads(line)
        for line in (pages_dir / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
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
