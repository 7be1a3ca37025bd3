"""How far to trust the tracker's stages: ``make stage-claims``.

    python benchmarks/score_stage_claims.py

``data/labels/stage_claims.csv`` holds one reading of each stage reported done that the
events stage found in the RSS corpus (639 events, labelled under ``../shared/gold/EVENTS.md``
by three LLM helper sessions given ``benchmarks/labelling/stage-claims.md``; keys and labels
only, never a dev snippet's article). Joined to the events of the current model, it gives:

* the **precision of the stage reports** (events of a lifecycle stage, ``done``), overall, by
  the model's probability, and apart for the articles whose title and lead are among the
  model's labelled training snippets (most of them: the model has read those) and the rest;
* the precision of the tracker's **(project, stage) claims** (a claim is right when one of
  its reports is);
* how often the tracker's **current stage** (the latest stage reported done, in lifecycle
  order) is the one its right reports give, and how often its **evidence** (the first
  report) is right;
* the same for other ways of combining reports (a stage needs two articles, or a report of
  probability at least 0.5 ... 0.9), chosen on one half of the projects and measured on the
  other (halves by a hash of the project's id).

Every figure is of the reports the model finds: what it misses is not measured here (the
recall of events is ``make event-model``'s). Figures: printed and written to
``benchmarks/results/stage_claims.json``.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402

from analysis import config, pipeline  # noqa: E402
from analysis.event_training import LABELS as SNIPPET_LABELS  # noqa: E402
from analysis.events import LIFECYCLE  # noqa: E402

LABELS = config.DATA_DIR / "labels" / "stage_claims.csv"
KEY = ["article_id", "field", "start", "entity_id", "type"]
RULES = [("any report", None), ("two articles", None)] + [
    (f"probability >= {p}", p) for p in (0.5, 0.6, 0.7, 0.8, 0.9)
]


def labelled_reports() -> tuple[pd.DataFrame, int]:
    """The stage reports of the current model with their label, and how many it finds."""
    tables = pipeline.tables(pipeline.Params.from_values(), progress=False)
    events, articles = tables["events"], tables["articles"]
    done = events[(events["status"] == "done") & events["type"].isin(LIFECYCLE)]
    labels = pd.read_csv(LABELS, dtype={"article_id": str})
    reports = done.merge(labels[[*KEY, "label", "reason"]], on=KEY, how="inner")
    with SNIPPET_LABELS.open(encoding="utf-8") as handle:
        trained = {row["source_id"] for row in csv.DictReader(handle)}
    sources = articles.set_index("article_id")["source_id"]
    reports = reports.assign(
        right=reports["label"] == "yes",
        in_training=reports["article_id"].map(sources).isin(trained),
    )
    return reports, len(done)


def claims(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per (project, stage) reported done: its reports, articles, best probability,
    whether any report is right, and whether the first report is."""
    ordered = reports.sort_values(["published_at", "article_id"], kind="stable")
    grouped = ordered.groupby(["entity_id", "type"])
    return pd.DataFrame(
        {
            "articles": grouped["article_id"].nunique(),
            "best": grouped["probability"].max(),
            "right": grouped["right"].any(),
            "first_right": grouped["right"].first(),
        }
    )


def kept(table: pd.DataFrame, rule: str, cut: float | None) -> pd.Series:
    if rule == "any report":
        return pd.Series(True, index=table.index)
    if rule == "two articles":
        return table["articles"] >= 2
    return table["best"] >= cut


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


def main() -> None:
    reports, found = labelled_reports()
    print(
        f"{found} stage reports found (lifecycle stages, done); {len(reports)} labelled "
        f"({len(reports) / found:.0%}; the rest were found after the labelling, or are of "
        "dev snippets' articles)"
    )
    results: dict = {"reports_found": found, "reports_labelled": len(reports)}
    print(f"precision of the stage reports: {share(reports['right'])}")
    for name, part in reports.groupby("in_training"):
        where = "among" if name else "not among"
        print(f"  articles {where} the model's training snippets: {share(part['right'])}")
        results[f"precision_{'in' if name else 'outside'}_training"] = float(part["right"].mean())
    results["report_precision"] = float(reports["right"].mean())
    bins = pd.cut(reports["probability"], [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
    by_bin = reports.groupby(bins, observed=True)["right"].agg(["mean", "size"])
    print("by the model's probability:\n" + by_bin.to_string(float_format="%.3f"))
    print(
        "why the wrong ones are wrong: "
        + ", ".join(f"{k} {v}" for k, v in reports["reason"].value_counts().items())
    )
    table = claims(reports)
    print(
        f"(project, stage) claims right: {share(table['right'])}; "
        f"their evidence (the first report) right, where the claim is: "
        f"{share(table.loc[table['right'], 'first_right'])}"
    )
    results["claim_precision"] = float(table["right"].mean())
    results["evidence_right"] = float(table.loc[table["right"], "first_right"].mean())
    projects = table.index.get_level_values("entity_id").nunique()
    results["projects"] = projects
    print(f"\ncombining reports into the current stage ({projects} projects; halves A and B):")
    rows = []
    for rule, cut in RULES:
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
    print(combined.to_markdown(index=False, floatfmt=".3f"))
    for pick, other in (("A", "B"), ("B", "A")):
        best = combined.loc[combined[pick].idxmax()]
        base = combined.loc[0, other]
        print(
            f"chosen on {pick}: {best['rule']}; on {other}: {best[other]:.3f} "
            f"against {base:.3f} for any report"
        )
    results["combining"] = combined.to_dict("records")
    write_results("stage_claims", results)


if __name__ == "__main__":
    main()
