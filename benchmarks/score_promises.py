"""How far to trust the tracker's promises and slips: ``make promises``.

    python benchmarks/score_promises.py

A promise is a planned start or completion with a time (``tracker.promises``); a project's
slips are made of them. ``data/labels/promises.csv`` holds one reading of each such event the
RSS corpus's events stage found when it was drawn (``benchmarks/sample_promises_for_labelling.py``;
labelled by LLM helper sessions given ``benchmarks/labelling/promises.md``; keys and labels
only, never a dev snippet's article): is it a promise of this project's own stage (else why
not: another work's, done, another stage, none), and is its time the promised one?

Scored: the planned events read, then the tracker's distinct promises (each judged by the
event it was first made in: right when that event is a promise of this project with its
time) and the slipped ones among them, overall and on two halves of the projects (by a hash
of the project's id), for the tracker's rule and for others (only sure events, probability at
least ``tracker.SURE``), so that a rule chosen on one half is measured on the other. As
fitted: the model has read most of these articles' titles and leads (``make stage-claims``
says how much that flatters). Then what became of each of the tracker's promises: its
outcome (kept, slipped, open) against ``data/labels/promise_outcomes.csv``, one reading of
each project's later articles (``benchmarks/sample_outcomes_for_labelling.py``,
``benchmarks/labelling/promise-outcomes.md``), with the slips and the slip counts per
project. Printed, and written to ``benchmarks/results/promises.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402
from sample_outcomes_for_labelling import outcome_key  # noqa: E402
from sample_times_for_labelling import half  # noqa: E402

from analysis import config, pipeline, tracker  # noqa: E402

LABELS = config.PROJECT_ROOT / "data" / "labels" / "promises.csv"
OUTCOMES = LABELS.with_name("promise_outcomes.csv")
KEY = ["article_id", "field", "start", "type"]
OUTCOME_NAMES = ("kept", "slipped", "open")


def read_labels() -> pd.DataFrame:
    labels = pd.read_csv(LABELS, dtype=str, keep_default_na=False)
    labels["start"] = labels["start"].astype(int)
    labels["end"] = labels["end"].astype(int)
    return labels


def judged_events(events: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """The planned starts and completions with a time, each with its reading (``right``: a
    promise of this project with its time; None when unread)."""
    planned = events[
        (events["status"] == "planned")
        & events["type"].isin(tracker.PROMISED)
        & events["when"].notna()
        & (events["field"] != "body")
    ]
    read = labels.assign(
        right=(labels["promise"] == "yes") & (labels["time"] == "yes"),
        is_promise=labels["promise"] == "yes",
    )[[*KEY, "right", "is_promise", "reason"]]
    return planned.merge(read, on=KEY, how="left")


def promise_table(events, judged: pd.DataFrame, corpus_end, sure: float) -> pd.DataFrame:
    """The tracker's distinct promises from ``events`` (of probability at least ``sure``),
    each judged by the event it was first made in."""
    made = tracker.promises(events, corpus_end, sure)
    lookup = judged.drop_duplicates(["article_id", "entity_id", "type", "when_period"])
    return made.merge(
        lookup[["article_id", "entity_id", "type", "when_period", "right", "reason"]],
        on=["article_id", "entity_id", "type", "when_period"],
        how="left",
    )


def share(mask: pd.Series) -> str:
    mask = mask.dropna().astype(bool)
    return f"{mask.mean():.3f} ({int(mask.sum())} of {len(mask)})" if len(mask) else "-"


def rules(events: pd.DataFrame) -> dict[str, tuple[pd.DataFrame, float]]:
    """The events and the cut-off of probability each rule makes its promises of (the
    tracker's: the project's own events, sure)."""
    every = events.assign(via_other_work=False)
    period = [events["entity_id"], events["type"], events["when_period"]]
    twice = events["article_id"].groupby(period, dropna=False).transform("nunique") >= 2
    sure = events["probability"].fillna(0.0) >= tracker.SURE
    return {
        "every planned event": (every, 0.0),
        "the project's own (not another work's route end)": (events, 0.0),
        f"sure (p >= {tracker.SURE})": (every, tracker.SURE),
        "own and sure (the tracker's)": (events, tracker.SURE),
        "own, and sure or made by two articles": (
            events.assign(probability=events["probability"].where(~twice | sure, 1.0)),
            tracker.SURE,
        ),
    }


def main() -> None:
    labels = read_labels()
    tables = pipeline.tables(pipeline.Params.from_values(), progress=False)
    events = tables["events"]
    corpus_end = tables["articles"]["published_at"].max()
    judged = judged_events(events, labels)
    read = judged[judged["right"].notna()]
    results = {"planned_events": len(judged), "read": len(read)}
    print(
        f"{len(judged)} planned starts and completions with a time in titles and leads; "
        f"{len(read)} read ({len(labels)} labels)"
    )
    print(f"  a promise of this project's stage: {share(read['is_promise'])}")
    print(f"  ... with its promised time: {share(read['right'])}")
    why = read.loc[~read["is_promise"].astype(bool), "reason"].value_counts()
    print("  why not:", why.to_dict())
    results["events_promise"] = float(read["is_promise"].astype(bool).mean())
    results["events_right"] = float(read["right"].astype(bool).mean())
    rows = []
    for name, (kept, cut) in rules(events).items():
        made = promise_table(kept, judged, corpus_end, cut)
        row = {"rule": name, "promises": len(made), "read": int(made["right"].notna().sum())}
        for part_name, part in [("all", made), *made.groupby(made["entity_id"].map(half))]:
            right = part["right"].dropna().astype(bool)
            slipped = part.loc[part["outcome"] == "slipped", "right"].dropna().astype(bool)
            row[f"right {part_name}"] = round(float(right.mean()), 3) if len(right) else None
            row[f"slips right {part_name}"] = (
                round(float(slipped.mean()), 3) if len(slipped) else None
            )
        row["right promises"] = int(made["right"].fillna(False).astype(bool).sum())
        row["slipped"] = int((made["outcome"] == "slipped").sum())
        rows.append(row)
    table = pd.DataFrame(rows)
    print("\nthe tracker's distinct promises (each judged by the event it was first made in):")
    print(table.to_markdown(index=False))
    base = rows[0]
    for chosen_on, measured_on in (("A", "B"), ("B", "A")):
        best = max(rows, key=lambda r: (r[f"right {chosen_on}"], r["right promises"]))
        print(
            f"chosen on {chosen_on}: {best['rule']}; on {measured_on}: "
            f"{best[f'right {measured_on}']:.3f} against {base[f'right {measured_on}']:.3f} "
            "for every planned event"
        )
    results["rules"] = rows
    if OUTCOMES.is_file():
        results["outcomes"] = outcome_scores(tracker.promises(events, corpus_end))
    write_results("promises", results)


def outcome_scores(made: pd.DataFrame) -> dict:
    """The tracker's outcomes (kept, slipped, open) against a reading of what became of each
    promise (``data/labels/promise_outcomes.csv``, ``benchmarks/labelling/promise-outcomes.md``:
    the project's later articles read; ``none`` when it is no promise of the project's own),
    as read and read strictly (a stage the readers took as done though no article reports it,
    "implied by traffic", "inferred", counted unreported, as the instructions say)."""
    columns = (made["entity_id"], made["type"], made["when_period"])
    keys = [outcome_key(*k) for k in zip(*columns, strict=True)]
    labels = read_outcomes(set(keys))
    made = made.assign(key=keys).merge(labels, on="key", how="left")
    read = made[made["outcome_read"].notna()]
    print(
        f"\nwhat became of the tracker's promises ({len(made)}; {len(read)} read, "
        f"{int((read['outcome_read'] == 'none').sum())} of them no promise of the project's own; "
        f"{len(labels) - len(read)} readings match no promise now):"
    )
    out = {"promises": len(made), "read": len(read)}
    for reading in ("outcome_read", "outcome_strict"):
        name = "as read" if reading == "outcome_read" else "read strictly"
        out[name] = _agreement(read.assign(truth=read[reading]), name)
    return out


def read_outcomes(current: set[str]) -> pd.DataFrame:
    """The readings by key (``outcome_read``, ``outcome_strict``); a reading of a city-less
    ring road or metro line ("vành đai 3|completion|2026") goes to the one promise of
    ``current`` (the tracker's keys) that gives it its city ("vành đai 3 tp.hcm|..."), if it
    has no other."""
    from analysis.mentions.resolve import cityless

    labels = pd.read_csv(OUTCOMES, dtype=str, keep_default_na=False)
    implied = labels["note"].str.contains(r"\b(?:implied|inferred)\b", regex=True)
    labels = labels.assign(
        outcome_read=labels["outcome"],
        outcome_strict=labels["outcome"].mask(implied & (labels["outcome"] == "kept"), "slipped"),
    )
    moved = {}
    for key in labels["key"]:
        entity, stage, period = key.split("|")
        if key in current or not cityless(entity):
            continue
        now = [
            c
            for c in ("hà nội", "tp.hcm")
            if outcome_key(f"{entity} {c}", stage, period) in current
        ]
        if len(now) == 1:
            moved[key] = outcome_key(f"{entity} {now[0]}", stage, period)
    labels = labels.assign(key=labels["key"].replace(moved))
    return labels.drop_duplicates("key", keep=False)[["key", "outcome_read", "outcome_strict"]]


def _agreement(read: pd.DataFrame, name: str) -> dict:
    """How far the tracker's outcomes agree with ``read["truth"]``: printed and returned."""
    judged = read[read["truth"] != "none"]
    agree = judged["outcome"] == judged["truth"]
    print(f"  {name}: outcome right {share(agree)}")
    out = {"judged": len(judged), "outcome_right": float(agree.mean()) if len(judged) else None}
    for part_name, part in judged.groupby(judged["entity_id"].map(half)):
        right = part["outcome"] == part["truth"]
        print(f"    half {part_name}: {share(right)}")
        out[f"outcome_right_{part_name}"] = float(right.mean())
    confusion = pd.crosstab(judged["truth"], judged["outcome"])
    confusion = confusion.reindex(index=OUTCOME_NAMES, columns=OUTCOME_NAMES, fill_value=0)
    confusion = confusion.rename_axis(index="read", columns="tracker")
    print(confusion.to_markdown())
    said, truly = read["outcome"] == "slipped", judged["truth"] == "slipped"
    precision = read.loc[said, "truth"] == "slipped"
    recall = judged.loc[truly, "outcome"] == "slipped"
    print(
        f"    slipped: the tracker's right {share(precision)} (none of them a promise: "
        f"{int((read.loc[said, 'truth'] == 'none').sum())}); the read slips it finds "
        f"{share(recall)}"
    )
    slips = (
        read.assign(tracker=said, reading=read["truth"] == "slipped")
        .groupby("entity_id")[["tracker", "reading"]]
        .sum()
    )
    same = slips["tracker"] == slips["reading"]
    either = slips[(slips["tracker"] > 0) | (slips["reading"] > 0)]
    same_either = either["tracker"] == either["reading"]
    print(
        f"    projects whose slip count is the reading's: {share(same)}; of those with a slip "
        f"either way: {share(same_either)}"
    )
    out.update(
        confusion_read_by_tracker=confusion.to_dict("index"),
        slips_right=float(precision.mean()) if len(precision) else None,
        slips_found=float(recall.mean()) if len(recall) else None,
        slip_count_right=float(same.mean()) if len(same) else None,
        slip_count_right_with_slips=float(same_either.mean()) if len(same_either) else None,
    )
    return out


if __name__ == "__main__":
    main()
