"""Draw investment amounts tied to projects to label: is the amount the project's total?

    python benchmarks/sample_investment_for_labelling.py OUT_DIR --corpus CORPUS --n 240

Every pairing of an investment amount (:func:`analysis.money.investment_amounts`) with a
project that the tracker could tie it to, as ``data/labels/investment_figures.csv`` holds
them for the RSS corpus: each project its sentence names, and each project of the title for a
lead sentence that names none; never of an article a dev snippet is cut from. Shuffled
(seeded), cut to ``--n`` and split into ``OUT_DIR/investment-chunk-K.jsonl`` for helper
sessions given ``benchmarks/labelling/investment-figures.md``. The text stays outside the
repository; the labels (keys and labels only) are scored by
``benchmarks/score_investment.py --labels ... --corpus ...``. The nineteenth session drew the
baomoi corpus's (2017, title, sapo and body), a source no tying rule was written from.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from sample_times_for_labelling import article_context, dev_sources, draw  # noqa: E402
from score_investment import every_pairing  # noqa: E402

from analysis.money import investment_amounts  # noqa: E402

AMOUNT = ["article_id", "field", "start"]


def pairings(tables) -> list[dict]:
    """One record per (amount, project) the tracker could tie, dev articles left out."""
    dev = dev_sources()
    articles = tables["articles"].set_index("article_id")
    amounts, mentions = tables["amounts"], tables["mentions"]
    money = investment_amounts(amounts).drop_duplicates(AMOUNT)
    pairs = every_pairing(amounts, mentions)[[*AMOUNT, "entity_id"]]
    # A lead sentence that names no project: each project of the title.
    named = money.merge(
        mentions[["article_id", "field", "sentence"]].drop_duplicates(),
        on=["article_id", "field", "sentence"],
        how="left",
        indicator=True,
    )
    untied = named[(named["_merge"] == "left_only") & (named["field"] == "lead")]
    titles = mentions[mentions["field"] == "title"][["article_id", "entity_id"]]
    from_title = untied[AMOUNT].merge(titles.drop_duplicates(), on="article_id")
    every = (
        pd.concat([pairs, from_title], ignore_index=True)
        .drop_duplicates()
        .sort_values([*AMOUNT, "entity_id"], kind="stable")
        .merge(money[[*AMOUNT, "end", "value", "sentence"]], on=AMOUNT)
    )
    written = mentions.drop_duplicates(["article_id", "entity_id"]).set_index(
        ["article_id", "entity_id"]
    )["text"]
    names = mentions.drop_duplicates("entity_id").set_index("entity_id")["entity_name"]
    out = []
    for p in every.itertuples(index=False):
        a = articles.loc[p.article_id]
        if a["source_id"] in dev:
            continue
        out.append(
            {
                "item": f"{p.article_id}|{p.field}|{p.start}|{p.end}|{p.entity_id}",
                "project": names.get(p.entity_id, p.entity_id),
                "as_written": written.get((p.article_id, p.entity_id), p.entity_id),
                "amount": a[p.field][p.start : p.end],
                "value_vnd": float(p.value),
                **article_context(a),
                "sentence": p.sentence,
            }
        )
    return out


if __name__ == "__main__":
    draw(__doc__, pairings, "investment")
