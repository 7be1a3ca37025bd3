"""How far to trust the tracker's stages: ``make stage-claims``.

    python benchmarks/score_stage_claims.py [--draws N]

A stage report is an event of a lifecycle stage reported ``done``. Two sets of them are
scored, each for:

* the **precision of the stage reports**, overall and by the model's probability;
* the precision of the **(project, stage) claims** (a claim is right when one of its reports
  is), of all claims and of those the tracker makes (``tracker.stage_reports``: a sure report,
  or two articles);
* how often the **current stage** (the latest stage claimed, in lifecycle order) is the one
  the right reports give, and how often a claim's **evidence** (its first report; the
  tracker's: its first sure one) is right;
* other ways of combining reports (a stage needs two articles, a report of probability at
  least 0.5 ... 0.9, or either), with the figures on two halves of the projects (by a hash
  of the project's id), so that a rule chosen on one half is measured on the other.

**As fitted** (the events stage's own table, the RSS corpus): ``data/labels/stage_claims.csv``
holds one reading of each stage report it found (639 events, labelled under
``../shared/gold/EVENTS.md`` by three LLM helper sessions given
``benchmarks/labelling/stage-claims.md``; keys and labels only, never a dev snippet's
article). Most of these articles' titles and leads are among the model's labelled snippets,
so the model has read them: the figures are apart for those and the rest.

**Out of fold** (the figures for a corpus the model has not read): each article whose title
and lead are a labelled snippet is read by the model of the cross-validation fold that held
that snippet out, and its reports are judged by that snippet's labelled events (right when
the snippet has an event of that type, done, whose project span the mention finder reads as
the report's project); the other articles are read by the fitted model and judged by the
reading above.
The tracker's **promises** made in the articles read out of fold are judged the same way, by
their snippets' planned events (right in type and project, and in their time as well). One
draw of the folds is printed in full; ``--draws N`` (``make stage-claims``: 5) also prints the
tracker's out-of-fold figures for N draws and their mean, the figures to quote: one draw's
fold models move with any small change to the candidates (twentieth session: six mentions
of the labelled snippets moved the first draw's current stage from 0.718 to 0.685).

Every figure is of the reports the model finds: what it misses is not measured here (the
recall of events is ``make event-model``'s). Figures: printed and written to
``benchmarks/results/stage_claims.json``.
"""

from __future__ import annotations

import csv
import hashlib
import sys
import unicodedata
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402

from analysis import config, pipeline, tracker  # noqa: E402
from analysis.event_training import (  # noqa: E402
    CUT_OFFS,
    fold_models,
    labelled_snippets,
    read_all,
    with_thresholds,
)
from analysis.event_training import LABELS as SNIPPET_LABELS  # noqa: E402
from analysis.events import LIFECYCLE, extract_events  # noqa: E402
from analysis.mentions import find_mentions  # noqa: E402

LABELS = config.DATA_DIR / "labels" / "stage_claims.csv"
KEY = ["article_id", "field", "start", "entity_id", "type"]
CUTS = (0.5, 0.6, 0.7, 0.8, 0.9)
RULES = (
    [("any report", None), ("two articles", None)]
    + [(f"probability >= {p}", p) for p in CUTS]
    + [(f"two articles or probability >= {p}", p) for p in CUTS]
)


def snippet_sources() -> dict[str, str]:
    """The source (corpus record id) of each labelled snippet."""
    with SNIPPET_LABELS.open(encoding="utf-8") as handle:
        return {row["snippet_id"]: row["source_id"] for row in csv.DictReader(handle)}


def out_of_fold_events(
    tables: dict, records: list[dict], source_of: dict[str, str], readings=None, seed=None
) -> tuple[pd.DataFrame, set]:
    """The events stage as on text the model has not read: an article whose title and lead
    are among the labelled snippets (``records``) is read by the model of the
    cross-validation fold that held that snippet out (``source_of``: a snippet's source id;
    ``seed``: which draw of the folds, the first by default); every other by the fitted
    model. Also the ids of the articles read by a fold's model."""
    articles, mentions = tables["articles"], tables["mentions"]
    parts, held_out = [], set()
    readings = read_all(records) if readings is None else readings
    drawn = {} if seed is None else {"seed": seed}
    for model, test in fold_models(records, readings, **drawn):
        sources = {source_of[records[i]["id"]] for i in test}
        chosen = articles[articles["source_id"].isin(sources)]
        held_out |= set(chosen["article_id"])
        read = mentions[mentions["article_id"].isin(chosen["article_id"])]
        parts.append(extract_events(chosen, read, model=with_thresholds(model, *CUT_OFFS)))
    rest = tables["events"]
    parts.append(rest[~rest["article_id"].isin(held_out)])
    return pd.concat(parts, ignore_index=True), held_out


def done_reports(events: pd.DataFrame) -> pd.DataFrame:
    """The stage reports: events of a lifecycle stage, done."""
    return events[(events["status"] == "done") & events["type"].isin(LIFECYCLE)]


def read_labels(reports: pd.DataFrame) -> pd.Series:
    """The stage-claims reading of each report ("yes", "no"; NaN where unread)."""
    labels = pd.read_csv(LABELS, dtype={"article_id": str})
    return reports[KEY].merge(labels[[*KEY, "label"]], on=KEY, how="left")["label"].to_numpy()


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def labelled_events(records: list[dict], source_of: dict[str, str]) -> dict[str, list]:
    """The labelled snippets' events by their source id: (type, status, the entities the
    mention finder reads in the event's project span, ``when``)."""
    gold: dict[str, list] = {}
    for record in records:
        found = find_mentions(record["text"])
        gold.setdefault(source_of[record["id"]], []).extend(
            (g["type"], g["status"], _entities_in(found, g["project"]), g["when"])
            for g in record["events"]
        )
    return gold


def snippet_matches(
    reports: pd.DataFrame, sources: pd.Series, gold: dict[str, list], status: str = "done"
) -> list:
    """For each report (an event row), the ``when`` of each of its article's labelled
    snippet's events (:func:`labelled_events`; ``sources``: an article's source id) that it
    matches: of its type, of ``status``, about the report's project (an empty list: it
    matches none, it is wrong); None for an article that is no snippet's."""
    out = []
    for row in reports.itertuples(index=False):
        source = sources.get(row.article_id)
        if source not in gold:
            out.append(None)
            continue
        out.append(
            [
                when
                for kind, said, entities, when in gold[source]
                if kind == row.type and said == status and row.entity_id in entities
            ]
        )
    return out


def _entities_in(mentions: list, span: dict) -> set[str]:
    return {m.entity_id for m in mentions if m.start < span["end"] and span["start"] < m.end}


def same_time(written: str | None, labelled: list) -> bool:
    """The promise's time as written overlaps a matching labelled event's ``when``."""
    mine = _folded(written or "")
    return bool(mine) and any(w and (_folded(w) in mine or mine in _folded(w)) for w in labelled)


def score_promises(events: pd.DataFrame, held_out: set, sources: pd.Series, gold: dict) -> dict:
    """The tracker's promises (``tracker.promises``, unsure ones too) in the articles read out
    of fold, judged by their snippets' planned events: right (type, project), and right with
    its time; the sure ones are the tracker's."""
    made = tracker.promises(events, min_probability=0.0)
    made = made[made["article_id"].isin(held_out)]
    rows = events.loc[
        events["article_id"].isin(made["article_id"]) & (events["status"] == "planned"),
        ["article_id", "entity_id", "type", "when", "when_period", "probability"],
    ]
    rows = rows.drop_duplicates(["article_id", "entity_id", "type", "when_period"])
    made = made.merge(rows, on=["article_id", "entity_id", "type", "when_period"], how="left")
    matches = snippet_matches(made, sources, gold, status="planned")
    judged = made.assign(
        right=[bool(m) for m in matches],
        timed=[bool(m) and same_time(w, m) for m, w in zip(matches, made["when"], strict=True)],
    )
    print(
        f"\n## Promises out of fold ({len(judged)} made in articles read out of fold)\n"
        f"right in type and project: {share(judged['right'])}; and in their time: "
        f"{share(judged['timed'])}"
    )
    sure = judged["probability"] >= tracker.SURE
    for name, part, which in (
        ("sure", judged[sure], f"at least {tracker.SURE}, the tracker's"),
        ("unsure", judged[~sure], f"below {tracker.SURE}"),
    ):
        print(
            f"  {name} (probability {which}): {share(part['right'])}; "
            f"in their time {share(part['timed'])}"
        )
    return {
        "promises": len(judged),
        "promise_precision": float(judged["right"].mean()),
        "promise_time_precision": float(judged["timed"].mean()),
        "tracker_promise_precision": float(judged.loc[sure, "right"].mean()),
        "tracker_promise_time_precision": float(judged.loc[sure, "timed"].mean()),
    }


def claims(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per (project, stage) reported done: its reports' articles, best probability,
    whether any report is right, whether the first is, whether the tracker makes the claim
    and whether its first report of it is right."""
    ordered = reports.sort_values(["published_at", "article_id"], kind="stable")
    grouped = ordered.groupby(["entity_id", "type"])
    kept = tracker.stage_reports(ordered).groupby(["entity_id", "type"])
    table = pd.DataFrame(
        {
            "articles": grouped["article_id"].nunique(),
            "best": grouped["probability"].max(),
            "right": grouped["right"].any(),
            "first_right": grouped["right"].first(),
        }
    )
    tracked = kept["right"].first()
    return table.assign(
        tracked=table.index.isin(tracked.index),
        tracked_first_right=tracked.reindex(table.index).fillna(False).astype(bool),
    )


def kept(table: pd.DataFrame, rule: str, cut: float | None) -> pd.Series:
    if rule == "any report":
        return pd.Series(True, index=table.index)
    if rule == "two articles":
        return table["articles"] >= 2
    if rule == "the tracker's":
        return table["tracked"]
    sure = table["best"] >= cut
    return sure | (table["articles"] >= 2) if rule.startswith("two articles or") else sure


def current_stage(table: pd.DataFrame, keep: pd.Series) -> pd.Series:
    stages = table[keep].reset_index()
    order = stages["type"].map(LIFECYCLE.index)
    return stages.assign(order=order).sort_values("order").groupby("entity_id")["type"].last()


def half(entity_id: str) -> int:
    return int(hashlib.md5(entity_id.encode()).hexdigest(), 16) % 2


def agreement(table: pd.DataFrame, keep: pd.Series, which: int | None = None) -> float:
    """Share of projects whose current stage under ``keep`` is the one the right reports give
    (none when none is right)."""
    entities = sorted({e for e, _ in table.index if which is None or half(e) == which})
    truth = current_stage(table, table["right"]).reindex(entities)
    found = current_stage(table, keep).reindex(entities)
    same = (truth == found) | (truth.isna() & found.isna())
    return float(same.mean())


def share(mask: pd.Series) -> str:
    return f"{mask.mean():.3f} ({int(mask.sum())} of {len(mask)})"


def score(name: str, reports: pd.DataFrame) -> dict:
    """Print and return the figures of one set of labelled reports (``right`` given)."""
    print(f"\n## {name}\nprecision of the stage reports: {share(reports['right'])}")
    bins = pd.cut(reports["probability"], [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
    by_bin = reports.groupby(bins, observed=True)["right"].agg(["mean", "size"])
    print("by the model's probability:\n" + by_bin.to_string(float_format="%.3f"))
    table = claims(reports)
    tracked = table[table["tracked"]]
    print(
        f"(project, stage) claims right: {share(table['right'])}; the tracker's: "
        f"{share(tracked['right'])}\nevidence right, where the claim is: first report "
        f"{share(table.loc[table['right'], 'first_right'])}; the tracker's "
        f"{share(tracked.loc[tracked['right'], 'tracked_first_right'])}"
    )
    projects = table.index.get_level_values("entity_id").nunique()
    rows = []
    for rule, cut in [("the tracker's", None), *RULES]:
        keep = kept(table, rule, cut)
        rows.append(
            {
                "rule": rule,
                "claims kept": int(keep.sum()),
                "claims right": float(table.loc[keep, "right"].mean()),
                "current stage agrees": agreement(table, keep),
                "A": agreement(table, keep, 0),
                "B": agreement(table, keep, 1),
            }
        )
    combined = pd.DataFrame(rows)
    print(f"combining reports into the current stage ({projects} projects; halves A and B):")
    print(combined.to_markdown(index=False, floatfmt=".3f"))
    others = combined.iloc[1:].reset_index(drop=True)
    for pick, other in (("A", "B"), ("B", "A")):
        best = others.loc[others[pick].idxmax()]
        print(
            f"chosen on {pick}: {best['rule']}; on {other}: {best[other]:.3f} against "
            f"{others.loc[0, other]:.3f} for any report"
        )
    return {
        "reports": len(reports),
        "report_precision": float(reports["right"].mean()),
        "claim_precision": float(table["right"].mean()),
        "tracker_claim_precision": float(tracked["right"].mean()),
        "evidence_right": float(table.loc[table["right"], "first_right"].mean()),
        "tracker_evidence_right": float(
            tracked.loc[tracked["right"], "tracked_first_right"].mean()
        ),
        "projects": projects,
        "combining": combined.to_dict("records"),
    }


def out_of_fold(tables, records, source_of, readings, gold, seed=None) -> dict:
    """Print and return the out-of-fold figures of one draw of the folds (``seed``)."""
    sources = tables["articles"].set_index("article_id")["source_id"]
    events, held_out = out_of_fold_events(tables, records, source_of, readings, seed)
    found = done_reports(events)
    matches = snippet_matches(found, sources, gold)
    judged = found.assign(
        snippet=[None if m is None else bool(m) for m in matches], label=read_labels(found)
    )
    by_snippet = judged["article_id"].isin(held_out) & judged["snippet"].notna()
    right = judged["snippet"].where(
        by_snippet, judged["label"].eq("yes").where(judged["label"].notna())
    )
    both = judged[by_snippet & judged["label"].notna()]
    agree = both["snippet"].astype(bool) == both["label"].eq("yes")
    print(f"where both judge a report, the snippet's labels and the reading agree: {share(agree)}")
    results = {"snippet_reading_agreement": float(agree.mean())}
    judged = judged.assign(right=right).dropna(subset=["right"])
    judged = judged.assign(right=judged["right"].astype(bool))
    print(
        f"\nout of fold: {len(found)} stage reports found, {len(judged)} judged "
        f"({int(by_snippet.sum())} by their snippet's labels, the rest by the reading)"
    )
    results["out_of_fold"] = score("Out of fold (a corpus the model has not read)", judged)
    results["promises_out_of_fold"] = score_promises(events, held_out, sources, gold)
    return results


def over_draws(tables, records, source_of, readings, gold, draws: int, first: dict) -> dict:
    """The tracker's out-of-fold figures over ``draws`` draws of the folds (``first``: the
    first draw's, seed 0; then seeds 1, 2 ...): one draw's fold models move with any small
    change to the candidates, so the mean is the figure to quote."""
    import contextlib
    import io

    rows = []
    for seed in range(draws):
        if seed == 0:
            drawn = first
        else:
            with contextlib.redirect_stdout(io.StringIO()):
                drawn = out_of_fold(tables, records, source_of, readings, gold, seed)
        tracker_row = drawn["out_of_fold"]["combining"][0]
        rows.append(
            {
                "seed": seed,
                "claims right": drawn["out_of_fold"]["tracker_claim_precision"],
                "current stage agrees": tracker_row["current stage agrees"],
                "projects": drawn["out_of_fold"]["projects"],
                "promises right": drawn["promises_out_of_fold"]["tracker_promise_precision"],
                "with their time": drawn["promises_out_of_fold"]["tracker_promise_time_precision"],
            }
        )
    table = pd.DataFrame(rows)
    print(f"\n## Out of fold, the tracker's figures over {draws} draws of the folds")
    print(table.to_markdown(index=False, floatfmt=".3f"))
    means = table.drop(columns=["seed", "projects"]).mean()
    print("mean: " + ", ".join(f"{k} {v:.3f}" for k, v in means.items()))
    return {"draws": rows, "mean": means.to_dict()}


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--draws",
        type=int,
        default=1,
        help="draws of the folds to average the out-of-fold "
        "figures over (the first is printed in full)",
    )
    args = parser.parse_args()
    tables = pipeline.tables(pipeline.Params.from_values(), progress=False)
    records = labelled_snippets()
    source_of = snippet_sources()
    sources = tables["articles"].set_index("article_id")["source_id"]
    in_training = sources.isin(set(source_of.values()))
    results: dict = {}

    found = done_reports(tables["events"])
    reports = found.assign(label=read_labels(found)).dropna(subset=["label"])
    reports = reports.assign(right=reports["label"] == "yes")
    print(
        f"as fitted: {len(found)} stage reports found (lifecycle stages, done); "
        f"{len(reports)} read ({len(reports) / len(found):.0%}; the rest were found after the "
        "reading, or are of dev snippets' articles)"
    )
    for inside, part in reports.groupby(reports["article_id"].map(in_training)):
        where = "among" if inside else "not among"
        print(f"  articles {where} the model's labelled snippets: {share(part['right'])}")
        results[f"precision_{'in' if inside else 'outside'}_training"] = float(part["right"].mean())
    results["as_fitted"] = score(
        "As fitted (the default corpus, mostly read by the model)", reports
    )

    readings = read_all(records)
    gold = labelled_events(records, source_of)  # the snippets' events: the same every draw
    first = out_of_fold(tables, records, source_of, readings, gold)
    results |= first
    if args.draws > 1:
        results["over_draws"] = over_draws(
            tables, records, source_of, readings, gold, args.draws, first
        )
    write_results("stage_claims", results)


if __name__ == "__main__":
    main()
