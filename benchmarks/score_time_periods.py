"""How far to trust the periods the events give their times: ``make time-periods``.

    python benchmarks/score_time_periods.py

The tracker dates promises and stages by each event's ``when_period`` (with ``when_start`` and
``when_end``): the time as written ("trong quý IV-2026", "cuối năm nay", "19/12") turned into a
calendar period against the publication date. ``make event-model`` scores only whether the
time found is the labelled one, as text; this script scores what it is turned into.

``data/labels/time_periods.csv`` holds one reading of each distinct time the RSS corpus's
events held when it was drawn (``benchmarks/sample_times_for_labelling.py``; labelled by LLM
helper sessions given ``benchmarks/labelling/time-periods.md``; keys and labels only, never a
dev snippet's article): the period the writer means, a range ``A/B``, ``none`` (no calendar
time: a duration, a count) or ``unsure``. A labelled time is judged by the events that now
hold a time overlapping it: right when each of them spans exactly the labelled period (a
range from the start of its first period to the end of its last); ``none`` is right when
they resolve to no period. Figures on the two halves of the articles (by a hash of the id)
show whether a rule written from one half's errors holds on the other. Printed, and written
to ``benchmarks/results/time_periods.json``.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402
from sample_times_for_labelling import event_spans, half  # noqa: E402

from analysis import config, pipeline  # noqa: E402

LABELS = config.PROJECT_ROOT / "data" / "labels" / "time_periods.csv"
_ONE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|Q([1-4]))?$")


def span(label: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day a labelled period or range ``A/B`` covers."""
    parts = label.split("/")
    periods = []
    for part in parts:
        m = _ONE.match(part.strip())
        if m is None:
            return None
        year, month, day, quarter = m.groups()
        if day:
            periods.append(pd.Period(f"{year}-{month}-{day}", "D"))
        elif month:
            periods.append(pd.Period(f"{year}-{month}", "M"))
        elif quarter:
            periods.append(pd.Period(f"{year}Q{quarter}", "Q"))
        else:
            periods.append(pd.Period(year, "Y"))
    return periods[0].start_time.normalize(), periods[-1].end_time.normalize()


def judge(labels: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """Each labelled time with ``verdict``: right, wrong, or gone (no event holds it now)."""
    by_field = {k: g for k, g in spans.groupby(["article_id", "field"])}
    out = []
    for r in labels.itertuples():
        held = by_field.get((r.article_id, r.field))
        if held is not None:
            held = held[(held["start"] < r.end) & (r.start < held["end"])]
        if held is None or held.empty:
            out.append({"verdict": "gone", "found": ""})
            continue
        found = ", ".join(
            sorted(
                {
                    f"{w} → {a:%Y-%m-%d}..{b:%Y-%m-%d}" if pd.notna(a) else f"{w} → none"
                    for w, a, b in zip(held["when"], held["first"], held["last"], strict=True)
                }
            )
        )
        if r.period == "none":
            right = held["first"].isna().all()
        else:
            first, last = span(r.period)
            right = bool(((held["first"] == first) & (held["last"] == last)).all())
        out.append({"verdict": "right" if right else "wrong", "found": found})
    return labels.assign(**pd.DataFrame(out, index=labels.index))


def read_labels() -> pd.DataFrame:
    with LABELS.open(encoding="utf-8", newline="") as handle:
        labels = pd.DataFrame(list(csv.DictReader(handle)))
    labels[["start", "end"]] = labels[["start", "end"]].astype(int)
    bad = labels[(labels["period"] != "none") & (labels["period"] != "unsure")]
    bad = bad[bad["period"].map(span).isna()]
    if not bad.empty:
        raise ValueError(f"{LABELS}: periods not understood: {bad['period'].tolist()[:5]}")
    return labels


def main() -> None:
    labels = read_labels()
    tables = pipeline.tables(pipeline.Params.from_values(), progress=False)
    judged = judge(labels[labels["period"] != "unsure"], event_spans(tables))
    judged = judged.assign(half=judged["article_id"].map(half))
    held = judged[judged["verdict"] != "gone"]
    results = {
        "labelled": len(labels),
        "unsure": int((labels["period"] == "unsure").sum()),
        "gone": int((judged["verdict"] == "gone").sum()),
        "judged": len(held),
        "right": float((held["verdict"] == "right").mean()),
    }
    print(
        f"{len(labels)} labelled times ({results['unsure']} unsure, {results['gone']} no longer "
        f"held by an event); of the {len(held)} judged, {results['right']:.3f} resolve to the "
        "period the writer means"
    )
    for name, part in held.groupby("half"):
        results[f"right_half_{name}"] = float((part["verdict"] == "right").mean())
        print(f"  half {name}: {results[f'right_half_{name}']:.3f} of {len(part)}")
    ranges = held[held["period"].str.contains("/")]
    nones = held[held["period"] == "none"]
    for name, part in (("ranges", ranges), ("none", nones)):
        right = float((part["verdict"] == "right").mean()) if len(part) else float("nan")
        results[f"right_{name}"] = right
        print(f"  labelled {name}: {len(part)}, {right:.3f} right")
    wrong = held[held["verdict"] == "wrong"]
    print(f"\n{len(wrong)} wrong (labelled → found):")
    for r in wrong.sort_values(["half", "article_id"]).itertuples():
        print(f"  [{r.half}] {r.article_id} {r.field} {r.period:>22} ← {r.found}")
    write_results("time_periods", results)


if __name__ == "__main__":
    main()
