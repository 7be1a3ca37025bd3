"""How far to trust "completed in part": ``make completion-scope``.

    python benchmarks/score_completion_scope.py

``data/labels/completion_scope.csv`` holds two readings of each completion reported done that
the tracker counts as the project's own, in the RSS corpus (titles and leads) and the baomoi
corpus (2017; title, sapo and body), drawn by ``benchmarks/sample_completions_for_labelling.py``
and read blind by two LLM helper sessions each, under
``benchmarks/labelling/completion-scope.md``: did the text report the whole project opened,
finished or in operation (``whole``), only a part of it (``part``: a section, a branch, a
phase, an item, a milestone short of opening), no completion of it (``none``), or
``unclear``? Keys and labels only. ``analysis.scope.in_part`` was written before the
readings.

It prints how often the two readings agree, then, on the completions both read alike as
``whole`` or ``part``, how often ``in_part`` says what they say (and its precision and
recall for ``part``), per corpus and on halves of the articles (by a hash of their ids), and
at the project's level for the tracker's ``completed_in_part`` (the RSS corpus): a project's
completion is in part when every completion report the tracker counts for it is, by the
readings when they agree on all of them.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402

from analysis import config, pipeline  # noqa: E402
from analysis.scope import in_part  # noqa: E402
from analysis.tracker import own_events, stage_reports  # noqa: E402

LABELS = config.DATA_DIR / "labels" / "completion_scope.csv"
KEY = ["article_id", "field", "start", "end", "entity_id"]
CORPORA = {"rss": None, "baomoi": "../shared/corpus/baomoi-2017/articles.jsonl.gz"}


def half(article_id: str) -> str:
    return "AB"[int(hashlib.md5(article_id.encode()).hexdigest(), 16) % 2]


def share(mask: pd.Series) -> str:
    return f"{mask.mean():.3f} ({int(mask.sum())} of {len(mask)})" if len(mask) else "- (0)"


def readings(labels: pd.DataFrame) -> pd.DataFrame:
    """One row per completion: its two readings and the label they agree on (else None)."""
    wide = labels.pivot_table(index=[*KEY, "corpus"], columns="reader", values="label",
                              aggfunc="first").reset_index()  # fmt: skip
    first, second = wide["a"], wide["b"]
    agreed = first.where(first == second)
    return wide.assign(agreed=agreed)


def judged(tables: dict, read: pd.DataFrame) -> pd.DataFrame:
    """The readings joined to the events they read, with the rule's answer (``rule``)."""
    events = own_events(tables["events"])
    events = events[(events["type"] == "completion") & (events["status"] == "done")]
    articles = tables["articles"].set_index("article_id")
    joined = read.merge(events, on=KEY, how="inner")
    names = [
        articles.at[r.article_id, r.field][r.start : r.end] for r in joined.itertuples(index=False)
    ]
    rule = [in_part(s, n) for s, n in zip(joined["sentence"], names, strict=True)]
    return joined.assign(rule=rule)


def scores(rows: pd.DataFrame) -> dict:
    clear = rows[rows["agreed"].isin(["whole", "part"])]
    truth, said = clear["agreed"] == "part", clear["rule"]
    right = truth == said
    return {
        "completions": len(clear),
        "right": float(right.mean()) if len(clear) else None,
        "part_precision": float(truth[said].mean()) if said.any() else None,
        "part_recall": float(said[truth].mean()) if truth.any() else None,
        "text": f"right {share(right)}; 'part' precision {share(truth[said])}, "
        f"recall {share(said[truth])}",
    }


def projects(tables: dict, rows: pd.DataFrame) -> dict:
    """The tracker's ``completed_in_part`` against the readings, project by project."""
    table = tables["tracker"]
    done = tables["events"]
    done = done[(done["status"] == "done") & (done["type"] == "completion")]
    counted = stage_reports(done).merge(rows[[*KEY, "agreed"]], on=KEY, how="left")
    completed = table[table["current_stage"] == "completion"].set_index("entity_id")
    out = []
    for entity, reports in counted.groupby("entity_id"):
        if entity not in completed.index or reports["agreed"].isna().any():
            continue
        if not reports["agreed"].isin(["whole", "part"]).all():
            continue
        truth = bool((reports["agreed"] == "part").all())
        out.append((entity, truth, bool(completed.at[entity, "completed_in_part"])))
    frame = pd.DataFrame(out, columns=["entity_id", "truth", "tracker"])
    right = frame["truth"] == frame["tracker"]
    print(
        f"\nprojects whose current stage is completion, every counted report read alike: "
        f"{len(frame)}; the tracker's 'in part' right for {share(right)} (in part by the "
        f"readings: {int(frame['truth'].sum())}; by the tracker: {int(frame['tracker'].sum())})"
    )
    return {"projects": len(frame), "right": float(right.mean()) if len(frame) else None}


def main() -> None:
    labels = pd.read_csv(LABELS, dtype={"article_id": str})
    read = readings(labels)
    both = read[["a", "b"]].notna().all(axis=1)
    agree = read.loc[both, "a"] == read.loc[both, "b"]
    print(f"{len(read)} completions read twice; the readings agree on {share(agree)}")
    print(pd.crosstab(read["a"], read["b"]).to_string())
    results: dict = {"agreement": float(agree.mean())}
    for corpus, path in CORPORA.items():
        params = pipeline.Params.from_values(**({"corpus": path} if path else {}))
        tables = pipeline.tables(params, progress=False)
        rows = judged(tables, read[read["corpus"] == corpus])
        mine = scores(rows)
        print(f"\n{corpus}: {mine['text']}")
        for part in "AB":
            print(f"  half {part}: {scores(rows[rows['article_id'].map(half) == part])['text']}")
        wrong = rows[rows["agreed"].isin(["whole", "part"])]
        wrong = wrong[(wrong["agreed"] == "part") != wrong["rule"]]
        print(f"  wrong: {len(wrong)} ({int(wrong['rule'].sum())} read whole, said part)")
        results[corpus] = {k: v for k, v in mine.items() if k != "text"}
        if corpus == "rss":
            results["rss_projects"] = projects(tables, rows)
    write_results("completion_scope", results)


if __name__ == "__main__":
    main()
