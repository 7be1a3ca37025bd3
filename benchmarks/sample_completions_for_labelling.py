"""Draw the completions the tracker reads to label: the whole project, or a part of it?

    python benchmarks/sample_completions_for_labelling.py OUT_DIR [--corpus CORPUS] [--n N]

Every event of a completion reported done that the tracker counts as the project's own
(:func:`analysis.tracker.own_events`), never of an article a dev snippet is cut from: its
project, how the text names it, the sentence it was read from, the article's title, lead and
date. Shuffled (seeded), cut to ``--n`` and split into ``OUT_DIR/completions-chunk-K.jsonl``
for helper sessions given ``benchmarks/labelling/completion-scope.md``. The text stays outside
the repository; the labels (keys and labels only) go to
``data/labels/completion_scope.csv`` and are scored by ``benchmarks/score_completion_scope.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from sample_times_for_labelling import article_context, dev_sources, draw  # noqa: E402

from analysis.tracker import own_events  # noqa: E402


def completions(tables) -> list[dict]:
    """One record per completion reported done (the project's own), dev articles left out."""
    dev = dev_sources()
    articles = tables["articles"].set_index("article_id")
    events = own_events(tables["events"])
    done = events[(events["type"] == "completion") & (events["status"] == "done")]
    written = tables["mentions"].set_index(["article_id", "field", "start"])["text"]
    names = tables["mentions"].drop_duplicates("entity_id").set_index("entity_id")["entity_name"]
    out = []
    for e in done.sort_values(["article_id", "field", "start"], kind="stable").itertuples():
        a = articles.loc[e.article_id]
        if a["source_id"] in dev:
            continue
        out.append(
            {
                "item": f"{e.article_id}|{e.field}|{e.start}|{e.end}|{e.entity_id}",
                "project": names.get(e.entity_id, e.entity_id),
                "as_written": written.get((e.article_id, e.field, e.start), e.entity_id),
                **article_context(a),
                "sentence": e.sentence,
            }
        )
    return out


if __name__ == "__main__":
    draw(__doc__, completions, "completions")
