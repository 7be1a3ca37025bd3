"""Draw the times of the RSS corpus's lifecycle events to label: what period each one means.

    python benchmarks/sample_times_for_labelling.py OUT_DIR [--chunks 3]

Every distinct time expression (article, field, offset) that an event of the default corpus
holds (the events stage's ``when``), never of an article a dev snippet is cut from, written to
``OUT_DIR/times-chunk-K.jsonl`` with its title, lead, publication date and the expression
marked, shuffled (seeded) and split into chunks for helper sessions given
``benchmarks/labelling/time-periods.md``. The text stays outside the repository; the labels
(``data/labels/time_periods.csv``: keys and labels only) are scored by
``benchmarks/score_time_periods.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from analysis import config, pipeline  # noqa: E402

WEEKDAYS = ("thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật")


def locate(title: str, lead: str, sentence: str, when: str) -> tuple[str, int] | None:
    """The field ("title" or "lead") and offset of an event's time: its first occurrence from
    the event's sentence on (a title's event may take the lead's time)."""
    head = f"{title}\n{lead}"
    begin = max(head.find(sentence.split(" … ")[0]), 0)
    at = head.find(when, begin)
    at = head.find(when) if at < 0 else at
    if at < 0:
        return None
    return ("title", at) if at < len(title) else ("lead", at - len(title) - 1)


def dev_sources() -> set[str]:
    """The RSS items the events dev set's snippets are cut from."""
    with config.EVENTS_DEV.open(encoding="utf-8") as handle:
        return {json.loads(line)["source_id"] for line in handle}


def event_spans(tables) -> pd.DataFrame:
    """Each event's time in a title or lead: its article, field, offsets, the time as written,
    and the first and last day of its period (also what ``score_time_periods`` judges)."""
    articles = tables["articles"].set_index("article_id")
    events = tables["events"]
    events = events[events["when"].notna() & (events["field"] != "body")]
    rows = []
    for e in events.sort_values(["article_id", "start"], kind="stable").itertuples():
        a = articles.loc[e.article_id]
        place = locate(a["title"], _lead(a), e.sentence, e.when)
        if place is not None:
            field, at = place
            first, last = (None if pd.isna(t) else t.tz_localize(None).normalize()
                           for t in (e.when_start, e.when_end))  # fmt: skip
            rows.append(
                {"article_id": e.article_id, "field": field, "start": at,
                 "end": at + len(e.when), "when": e.when, "first": first, "last": last}
            )  # fmt: skip
    return pd.DataFrame(rows)


def _lead(article: pd.Series) -> str:
    return article["lead"] if isinstance(article["lead"], str) else ""


def article_context(article: pd.Series) -> dict:
    """What a reader gets of an item's article besides its sentence: its day, title and lead."""
    published = article["published_at"]
    return {
        "published": None if pd.isna(published) else f"{published:%Y-%m-%d}",
        "title": article["title"],
        "lead": _lead(article),
    }


def event_times(tables) -> list[dict]:
    """One record per distinct time expression the RSS events hold, dev articles left out."""
    articles = tables["articles"].set_index("article_id")
    spans = event_spans(tables).drop_duplicates(["article_id", "field", "start"])
    spans = spans[~articles.loc[spans["article_id"], "source_id"].isin(dev_sources()).to_numpy()]
    out = []
    for r in spans.itertuples():
        a = articles.loc[r.article_id]
        text = a["title"] if r.field == "title" else _lead(a)
        marked = f"{text[: r.start]}⟦{r.when}⟧{text[r.end :]}"
        published = a["published_at"]
        out.append(
            {
                "key": f"{r.article_id}|{r.field}|{r.start}|{r.end}",
                "published": f"{published:%Y-%m-%d %H:%M} ({WEEKDAYS[published.weekday()]})",
                "title": marked if r.field == "title" else a["title"],
                "lead": marked if r.field == "lead" else _lead(a),
                "expression": r.when,
            }
        )
    return out


def half(key: str) -> str:
    """The half ("A" or "B") of the articles or projects a key falls in, by a hash of it: the
    seventeenth session's scorers write rules from half A and measure them on half B."""
    return "AB"[hashlib.sha1(key.encode()).digest()[0] % 2]


def draw(doc: str, records_of, stem: str) -> None:
    """The command line of a labelling draw: ``records_of(tables)`` shuffled (seeded) and
    split into ``OUT_DIR/<stem>-chunk-K.jsonl``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--chunks", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", help="another corpus than the default")
    parser.add_argument("--n", type=int, help="draw this many (all by default)")
    args = parser.parse_args()
    params = pipeline.Params.from_values(**({"corpus": args.corpus} if args.corpus else {}))
    records = records_of(pipeline.tables(params, progress=False))
    random.Random(args.seed).shuffle(records)
    records = records[: args.n]
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for k in range(args.chunks):
        chunk = records[k :: args.chunks]
        with (args.out_dir / f"{stem}-chunk-{k + 1}.jsonl").open("w", encoding="utf-8") as out:
            for r in chunk:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{stem}-chunk-{k + 1}.jsonl: {len(chunk)} items")


if __name__ == "__main__":
    draw(__doc__, event_times, "times")
