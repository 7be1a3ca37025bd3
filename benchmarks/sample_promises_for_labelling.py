"""Draw the RSS corpus's promises to label: is each a promise of that project's own stage?

    python benchmarks/sample_promises_for_labelling.py OUT_DIR [--chunks 3]

Every planned start or completion with a time that the events stage finds in the default
corpus (what the tracker's promises and slips are made of), never of an article a dev snippet
is cut from, written to ``OUT_DIR/promises-chunk-K.jsonl`` with its project, stage, time,
title, lead and sentence, shuffled (seeded) and split into chunks for helper sessions given
``benchmarks/labelling/promises.md``. The text stays outside the repository; the labels
(``data/labels/promises.csv``: keys and labels only) are scored by
``benchmarks/score_promises.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from sample_times_for_labelling import WEEKDAYS, dev_sources, draw  # noqa: E402

from analysis.tracker import PROMISED  # noqa: E402


def promised(tables) -> list[dict]:
    """One record per planned start or completion with a time, dev articles left out."""
    dev = dev_sources()
    articles = tables["articles"].set_index("article_id")
    events = tables["events"]
    events = events[
        (events["status"] == "planned")
        & events["type"].isin(PROMISED)
        & events["when"].notna()
        & (events["field"] != "body")
    ]
    out = []
    for e in events.sort_values(["article_id", "field", "start", "type"]).itertuples():
        a = articles.loc[e.article_id]
        if a["source_id"] in dev:
            continue
        lead = a["lead"] if isinstance(a["lead"], str) else ""
        text = a["title"] if e.field == "title" else lead
        out.append(
            {
                "key": f"{e.article_id}|{e.field}|{e.start}|{e.end}|{e.type}",
                "project": e.entity_id,
                "as_written": text[e.start : e.end],
                "stage": e.type,
                "time": e.when,
                "published": f"{e.published_at:%Y-%m-%d} ({WEEKDAYS[e.published_at.weekday()]})",
                "title": a["title"],
                "lead": lead,
                "sentence": e.sentence,
            }
        )
    return out


if __name__ == "__main__":
    draw(__doc__, promised, "promises")
