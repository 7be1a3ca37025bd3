"""Draw the tracker's promises to label what became of them: kept, slipped or open?

    python benchmarks/sample_outcomes_for_labelling.py OUT_DIR [--chunks N]

(The labels were read in six chunks, ``--chunks 6``, by six helper sessions.)

One record per project with promises in the default corpus's tracker (``tracker.promises``:
sure, the project's own): its promises (stage, promised time as written and as a period, the
day and sentence it was first made in) and every article of the corpus that names the project
from a month before its first promise on (date, title, lead), with the corpus's last day.
Written to ``OUT_DIR/outcomes-chunk-K.jsonl`` (projects shuffled, seeded) for helper sessions
given ``benchmarks/labelling/promise-outcomes.md``. The text stays outside the repository;
the labels (``data/labels/promise_outcomes.csv``: keys and labels only) are scored by
``benchmarks/score_promises.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from sample_times_for_labelling import WEEKDAYS, draw  # noqa: E402

from analysis import tracker  # noqa: E402

MONTH = pd.Timedelta(days=31)


def outcome_key(entity_id: str, stage: str, period: str) -> str:
    """A promise's key in the labels: the tracker's distinct promise."""
    return f"{entity_id}|{stage}|{period}"


def _day(moment: pd.Timestamp) -> str:
    return f"{moment:%Y-%m-%d} ({WEEKDAYS[moment.weekday()]})"


def projects_with_promises(tables) -> list[dict]:
    articles = tables["articles"]
    corpus_end = articles["published_at"].max()
    made = tracker.promises(tables["events"], corpus_end)
    mentions = tables["mentions"]
    kept = articles[~articles["is_duplicate"]].set_index("article_id")
    out = []
    for entity, mine in made.groupby("entity_id", sort=True):
        since = mine["promised_at"].min() - MONTH
        ids = set(mentions.loc[mentions["entity_id"] == entity, "article_id"])
        named = kept[kept.index.isin(ids) & (kept["published_at"] >= since)]
        named = named.sort_values("published_at", kind="stable")
        out.append(
            {
                "project": entity,
                "corpus_end": _day(corpus_end),
                "promises": [
                    {
                        "key": outcome_key(entity, p.type, p.when_period),
                        "stage": p.type,
                        "promised_for": p.when_period,
                        "promised_on": _day(p.promised_at),
                        "article": p.article_id,
                        "sentence": p.sentence,
                    }
                    for p in mine.sort_values("promised_at", kind="stable").itertuples()
                ],
                "articles": [
                    {
                        "article": article_id,
                        "published": _day(a["published_at"]),
                        "title": a["title"],
                        "lead": a["lead"] if isinstance(a["lead"], str) else "",
                    }
                    for article_id, a in named.iterrows()
                ],
            }
        )
    return out


if __name__ == "__main__":
    draw(__doc__, projects_with_promises, "outcomes")
